/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_large_autotest: the seed series' scenario and other big pools.
 *
 * - Fragmented hugepages (--legacy-mem, in a child bounded by -m): memzones
 *   are reserved until memory runs out and every other one is freed, so
 *   that free memory is a row of holes. A pool needing 80% of the free
 *   memory, more than any hole holds, must still be created (from many
 *   chunks) and work. Before the rework this failed.
 * - A pool of 1,000,000 objects in dynamic memory.
 * - A pool large enough to be reserved in pieces while it is laid out.
 * - A pool under --no-huge -m 256 (child).
 * Each child runs a command of this file by name; the parent checks its
 * verdict and prints its summary line.
 */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include <eal_lent_cpus.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

constexpr unsigned mbuf_sized = 2176; /* rte_mbuf + 2048 data + 128 headroom: 2304 - 128 */

size_t
heap_free(size_t *largest)
{
	size_t total = 0;
	*largest = 0;
	for (unsigned i = 0; i < rte_socket_count(); i++) {
		rte_malloc_socket_stats st;
		if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &st) == 0) {
			total += st.heap_freesz_bytes;
			*largest = RTE_MAX(*largest, st.greatest_free_size);
		}
	}
	return total;
}

void
obj_iova_check(rte_mempool *, void *arg, void *obj, unsigned)
{
	rte_iova_t got = rte_mempool_virt2iova(obj);
	if (got != RTE_BAD_IOVA && got != rte_mem_virt2iova(obj))
		(*static_cast<unsigned *>(arg))++;
}

/* Constructor: count calls, store the index in the object. */
void
ctor_store_index(rte_mempool *, void *arg, void *obj, unsigned idx)
{
	(*static_cast<unsigned *>(arg))++;
	*static_cast<uint32_t *>(obj) = idx;
}

/* Objects whose stored index is not their rte_mempool_obj_iter() index. */
void
obj_index_check(rte_mempool *, void *arg, void *obj, unsigned idx)
{
	if (*static_cast<uint32_t *>(obj) != idx)
		(*static_cast<unsigned *>(arg))++;
}

/*
 * rte_mempool_create() constructs the objects of each chunk as soon as it
 * is laid out: the constructor must still have run once per object, with
 * the index rte_mempool_obj_iter() gives it.
 */
int
check_constructed(rte_mempool *mp, unsigned ctor_calls)
{
	TEST_ASSERT_EQUAL(ctor_calls, mp->size, "constructor calls");
	unsigned misplaced = 0;
	rte_mempool_obj_iter(mp, obj_index_check, &misplaced);
	TEST_ASSERT_EQUAL(misplaced, 0u, "objects constructed with another index");
	return TEST_SUCCESS;
}

/* Use every object once, check IOVAs, free, check memory came back. */
int
exercise_and_free(rte_mempool *mp)
{
	unsigned bad_iova = 0;
	rte_mempool_obj_iter(mp, obj_iova_check, &bad_iova);
	TEST_ASSERT_EQUAL(bad_iova, 0u, "objects with a wrong IOVA");
	std::vector<void *> all(mp->size);
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, all.data(), mp->size), "get every object");
	for (void *o : all)
		memset(o, 0x3c, mp->elt_size);
	TEST_ASSERT(distinct_and_owned(mp, all), "objects");
	rte_mempool_put_bulk(mp, all.data(), mp->size);
	TEST_ASSERT(rte_mempool_full(mp), "not full after putting everything back");
	rte_mempool_audit(mp);
	return TEST_SUCCESS;
}

/* Check construction, use every object, free the pool: every memzone and
 * heap byte must be back to @p before. */
int
check_and_free(rte_mempool *mp, unsigned ctor_calls, const eal_usage &before)
{
	int ret = check_constructed(mp, ctor_calls);
	if (ret == TEST_SUCCESS)
		ret = exercise_and_free(mp);
	rte_mempool_free(mp);
	eal_usage after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "pool left memory behind");
	return ret;
}

/* ---- the seed scenario (child: --legacy-mem -m ...) ---- */

int
fragmented_child(void)
{
	/* 1. Fill memory with 1 MB zones, then free every other one. */
	std::vector<const rte_memzone *> zones;
	for (unsigned i = 0;; i++) {
		char name[RTE_MEMZONE_NAMESIZE];
		snprintf(name, sizeof(name), "frag_%u", i);
		const rte_memzone *mz = rte_memzone_reserve(name, 1 << 20, SOCKET_ID_ANY, 0);
		if (mz == nullptr)
			break;
		zones.push_back(mz);
	}
	TEST_ASSERT(zones.size() >= 16, "only %zu zones fit", zones.size());
	for (size_t i = 0; i < zones.size(); i += 2)
		rte_memzone_free(zones[i]);

	size_t largest;
	size_t free_bytes = heap_free(&largest);
	rte_mempool_objsz sz;
	rte_mempool_calc_obj_size(mbuf_sized, 0, &sz);
	unsigned n = (unsigned)(free_bytes * 8 / 10 / sz.total_size);
	TEST_ASSERT((size_t)n * sz.total_size > largest, "pool would fit in one hole");

	eal_usage before = eal_usage::now();
	unsigned ctor_calls = 0;
	rte_mempool *mp = rte_mempool_create("mp_fragmented", n, mbuf_sized, 256, 0, nullptr,
					     nullptr, ctor_store_index, &ctor_calls, SOCKET_ID_ANY,
					     0);
	TEST_ASSERT_NOT_NULL(mp, "pool of %u objects (%zu bytes) in %zu bytes free: %s", n,
			     (size_t)n * sz.total_size, free_bytes, rte_strerror(rte_errno));
	printf("fragmented: %zu holes, %zu MB free, largest %zu KB; pool of %u objects "
	       "(%zu MB, %.0f%% of free) made of chunks=%u\n",
	       zones.size() / 2, free_bytes >> 20, largest >> 10, n,
	       ((size_t)n * sz.total_size) >> 20, 100.0 * n * sz.total_size / free_bytes,
	       mp->nb_mem_chunks);
	TEST_ASSERT(mp->nb_mem_chunks > 1, "a fragmented pool in one chunk?");
	int ret = check_and_free(mp, ctor_calls, before);
	for (size_t i = 1; i < zones.size(); i += 2)
		rte_memzone_free(zones[i]);
	return ret;
}

int
test_mempool_fragmented_hugepages(void)
{
	const unsigned mb = 256;
	if (test_free_hugepages() < mb / 2 + 16)
		TEST_SKIP("need %u free 2 MB hugepages for --legacy-mem -m %u, have %lu",
			  mb / 2 + 16, mb, test_free_hugepages());
	std::string out;
	std::string m = std::to_string(mb);
	const char *argv[] = {"dpkit-test",
			      "--legacy-mem",
			      "-m",
			      m.c_str(),
			      "-l",
			      "0",
			      "--file-prefix=mp_fragmented_child",
			      "mempool_fragmented_child",
			      nullptr};
	int status = test_exec_self_capture(argv, out);
	size_t at = out.find("fragmented: ");
	if (at != std::string::npos)
		printf("  %s", out.substr(at, out.find('\n', at) - at + 1).c_str());
	TEST_ASSERT_EQUAL(status, 0, "child failed:\n%s", out.c_str());
	TEST_ASSERT(at != std::string::npos, "no summary in:\n%s", out.c_str());
	return TEST_SUCCESS;
}

/* ---- 1,000,000 objects, dynamic memory ---- */

int
test_mempool_million_objects(void)
{
	if (!rte_eal_has_hugepages() || test_free_hugepages() < 160)
		TEST_SKIP("needs 160 free hugepages in dynamic mode (have %lu)",
			  test_free_hugepages());
	eal_usage before = eal_usage::now();
	unsigned ctor_calls = 0;
	rte_mempool *mp = rte_mempool_create("mp_million", 1000000, 64, 512, 0, nullptr, nullptr,
					     ctor_store_index, &ctor_calls, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "1,000,000-object pool: %s", rte_strerror(rte_errno));
	printf("  1,000,000 objects of 64 B: %u chunks\n", mp->nb_mem_chunks);
	return check_and_free(mp, ctor_calls, before);
}

/* ---- a pool whose zones are reserved while it is laid out ---- */

void
count_pool_zone(const rte_memzone *mz, void *arg)
{
	if (strncmp(mz->name, "MP_mp_pipelined_", strlen("MP_mp_pipelined_")) == 0)
		(*static_cast<unsigned *>(arg))++;
}

/*
 * A pool that makes dynamic memory grow by hundreds of MB, with a second
 * lcore: populate_default reserves its memory as several zones on a helper
 * thread while this thread lays out and constructs the zones already
 * mapped (mempool_zone_pipeline.cpp). That path runs only while a CPU
 * is idle besides this one (eal_parallel.cpp), so the test counts every
 * CPU as idle: other tests may keep this machine busy.
 */
int
pipelined_pool(void)
{
	if (!rte_eal_has_hugepages() || test_free_hugepages() < 160)
		TEST_SKIP("needs 160 free hugepages in dynamic mode (have %lu)",
			  test_free_hugepages());
	if (rte_lcore_count() < 2)
		TEST_SKIP("needs a second lcore to map pages on");
	eal_usage before = eal_usage::now();
	unsigned ctor_calls = 0;
	rte_mempool *mp;
	{
		dpkit::bulk_work_load_ignored pipelined;
		mp = rte_mempool_create("mp_pipelined", 100000, mbuf_sized, 256, 0, nullptr,
					nullptr, ctor_store_index, &ctor_calls, SOCKET_ID_ANY, 0);
	}
	TEST_ASSERT_NOT_NULL(mp, "100,000 mbuf-sized objects: %s", rte_strerror(rte_errno));
	unsigned zones = 0;
	rte_memzone_walk(count_pool_zone, &zones);
	printf("pipelined: 100,000 objects of %u B, IOVA as %s: %u zones, %u chunks\n", mbuf_sized,
	       rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA", zones, mp->nb_mem_chunks);
	TEST_ASSERT(zones >= 2, "%u zone(s): the memory was not reserved in pieces", zones);
	return check_and_free(mp, ctor_calls, before);
}

int
test_mempool_pipelined(void)
{
	return pipelined_pool();
}

/* The same in IOVA-as-VA mode (the mode without root), where objects are
 * not laid out page by page (child). */
int
test_mempool_pipelined_iova_va(void)
{
	if (test_free_hugepages() < 160)
		TEST_SKIP("needs 160 free hugepages (have %lu)", test_free_hugepages());
	std::string out;
	const char *argv[] = {"dpkit-test",
			      "--iova-mode=va",
			      "-l",
			      "0-1",
			      "--file-prefix=mp_pipelined_va_child",
			      "mempool_pipelined_child",
			      nullptr};
	int status = test_exec_self_capture_all_cpus(argv, out);
	size_t at = out.find("pipelined: ");
	if (at != std::string::npos)
		printf("  %s", out.substr(at, out.find('\n', at) - at + 1).c_str());
	if (status == 77 || out.find("skipped") != std::string::npos)
		TEST_SKIP("child skipped:\n%s", out.c_str());
	TEST_ASSERT_EQUAL(status, 0, "child failed:\n%s", out.c_str());
	TEST_ASSERT(at != std::string::npos && out.find("IOVA as VA") != std::string::npos,
		    "no IOVA-as-VA summary in:\n%s", out.c_str());
	return TEST_SUCCESS;
}

/* ---- --no-huge -m 256 (child) ---- */

int
nohuge_child(void)
{
	TEST_ASSERT(!rte_eal_has_hugepages(), "child was not started with --no-huge");
	rte_mempool *mp = rte_mempool_create("mp_nohuge", 20000, mbuf_sized, 256, 0, nullptr,
					     nullptr, nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "pool under --no-huge: %s", rte_strerror(rte_errno));
	printf("nohuge: 20000 objects of %u B, %u chunks, IOVA mode %s\n", mbuf_sized,
	       mp->nb_mem_chunks, rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA");
	int ret = exercise_and_free(mp);
	rte_mempool_free(mp);
	if (ret != TEST_SUCCESS)
		return ret;

	/* objects larger than a 4 kB page: found by fuzzing, this used to take
	 * zone after zone (seconds) and fail once memory ran out */
	mp = rte_mempool_create("mp_nohuge_4k", 5244, 4096, 0, 0, nullptr, nullptr, nullptr,
				nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "pool of page-sized objects under --no-huge: %s",
			     rte_strerror(rte_errno));
	printf("nohuge: 5244 objects of 4096 B, %u chunks, %s\n", mp->nb_mem_chunks,
	       (mp->flags & RTE_MEMPOOL_F_NON_IO) ? "no IOVA" : "with IOVA");
	TEST_ASSERT(mp->nb_mem_chunks <= 4, "%u chunks for one zone's worth of objects",
		    mp->nb_mem_chunks);
	ret = exercise_and_free(mp);
	rte_mempool_free(mp);
	return ret;
}

int
test_mempool_no_huge(void)
{
	std::string out;
	const char *argv[] = {"dpkit-test", "--no-huge",
			      /* as root: one chunk per run of physical pages */
			      geteuid() == 0 ? "--iova-mode=pa" : "--iova-mode=va", "-m", "256",
			      "-l", "0", "--file-prefix=mp_nohuge_child", "mempool_nohuge_child",
			      nullptr};
	int status = test_exec_self_capture(argv, out);
	for (size_t at = out.find("nohuge: "); at != std::string::npos;
	     at = out.find("nohuge: ", at + 1))
		printf("  %s", out.substr(at, out.find('\n', at) - at + 1).c_str());
	TEST_ASSERT_EQUAL(status, 0, "child failed:\n%s", out.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case large_cases[] = {TEST_CASE(test_mempool_fragmented_hugepages),
					     TEST_CASE(test_mempool_million_objects),
					     TEST_CASE(test_mempool_pipelined),
					     TEST_CASE(test_mempool_pipelined_iova_va),
					     TEST_CASE(test_mempool_no_huge),
					     TEST_CASES_END()};

const struct unit_test_suite large_suite = {"mempool large", nullptr, nullptr, large_cases};

int
test_mempool_large(void)
{
	return unit_test_suite_runner(&large_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_large_autotest, NOHUGE_OK, ASAN_OK, test_mempool_large);
REGISTER_TEST_COMMAND(mempool_fragmented_child, fragmented_child);
REGISTER_TEST_COMMAND(mempool_nohuge_child, nohuge_child);
REGISTER_TEST_COMMAND(mempool_pipelined_child, pipelined_pool);
