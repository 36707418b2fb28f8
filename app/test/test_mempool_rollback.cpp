/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_rollback_autotest: a populate call that fails half-way gives
 * back what it took, and only what is no longer in use.
 *
 * - Objects of the new chunks handed out before the failure (by a
 *   constructor, an event callback, another thread) cannot be taken back:
 *   those chunks stay in the pool, their memory stays valid and is given
 *   back once, by rte_mempool_free(); the call says so (-EBUSY).
 * - A C++ exception thrown by an object constructor, on the plain path
 *   and on the pipelined one (zones reserved by a helper thread while the
 *   caller constructs), reaches the C++ caller after everything the call
 *   took is back: memzones, heap bytes, pages, the helper thread.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <stdexcept>
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
#include "test_fault.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

/* ---- a handler whose second chunk fails after the first handed an object out ---- */

void *handed_out; /* the object the first chunk gave away */
int populate_calls;

ssize_t
calc_eight(const rte_mempool *mp, uint32_t n, uint32_t pg_shift, size_t *min_chunk, size_t *align)
{
	/* zones of 8 objects: a pool of more needs several */
	return rte_mempool_op_calc_mem_size_default(mp, RTE_MIN(n, 8u), pg_shift, min_chunk, align);
}

int
hand_out_then_fail(rte_mempool *mp, unsigned max, void *va, rte_iova_t iova, size_t len,
		   rte_mempool_populate_obj_cb_t *cb, void *arg)
{
	if (++populate_calls > 1)
		return -EIO;
	int ret = rte_mempool_op_populate_default(mp, max, va, iova, len, cb, arg);
	/* as a constructor, an event callback or another thread may */
	if (ret > 0 && rte_mempool_generic_get(mp, &handed_out, 1, nullptr) != 0)
		handed_out = nullptr;
	return ret;
}

int
register_hand_out_ops(void)
{
	static int idx = -1;
	if (idx < 0)
		idx = register_ring_variant("test_hand_out_then_fail", hand_out_then_fail,
					    calc_eight);
	return idx;
}

/* Whether [p, p + len) lies inside a memzone that is reserved now. */
bool
in_live_memzone(const void *p, size_t len)
{
	struct arg {
		uintptr_t lo, hi;
		bool found;
	} a = {(uintptr_t)p, (uintptr_t)p + len, false};
	rte_memzone_walk(
		[](const rte_memzone *mz, void *v) {
		auto *a = static_cast<arg *>(v);
		if (a->lo >= (uintptr_t)mz->addr && a->hi <= (uintptr_t)mz->addr + mz->len)
			a->found = true;
		},
		&a);
	return a.found;
}

void
chunk_in_zone(rte_mempool *, void *arg, rte_mempool_memhdr *m, unsigned)
{
	if (!in_live_memzone(m->addr, m->len))
		(*static_cast<unsigned *>(arg))++;
}

/*
 * populate_default takes a zone (8 objects), one object is handed out,
 * the next zone fails: the first zone cannot be given back while that
 * object lives in it. It stays in the pool, whole, and is freed once, with
 * the pool.
 */
int
test_mempool_rollback_keeps_zones_in_use(void)
{
	TEST_ASSERT(register_hand_out_ops() >= 0, "register test handler");
	eal_usage before = eal_usage::now();
	rte_mempool *mp = rte_mempool_create_empty("mp_rollback_busy", 100, 64, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "test_hand_out_then_fail", nullptr),
			    "set ops");
	populate_calls = 0;
	handed_out = nullptr;
	int ret = rte_mempool_populate_default(mp);
	TEST_ASSERT_EQUAL(ret, -EBUSY, "populate_default whose first zone is in use");
	TEST_ASSERT_NOT_NULL(handed_out, "the handler handed no object out");
	TEST_ASSERT_EQUAL(mp->populated_size, 8u, "the zone in use left the pool");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "chunks");
	unsigned stray = 0;
	rte_mempool_mem_iter(mp, chunk_in_zone, &stray);
	TEST_ASSERT_EQUAL(stray, 0u, "chunks of the pool in memory already given back");
	TEST_ASSERT(in_live_memzone(handed_out, mp->elt_size),
		    "the object handed out is in memory already given back");
	memset(handed_out, 0x5a, mp->elt_size); /* still ours to use */
	rte_mempool_put(mp, handed_out);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 8u, "objects of the kept zone");
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	eal_usage after = eal_usage::now();
	TEST_ASSERT_EQUAL(after.memzones, before.memzones, "memzones after free");
	TEST_ASSERT_EQUAL(after.malloc_bytes, before.malloc_bytes, "heap bytes after free");
	return TEST_SUCCESS;
}

unsigned area_frees;
void
count_area_free(rte_mempool_memhdr *, void *)
{
	area_frees++;
}

/* The same through populate_phys_tab (page runs of the caller's area):
 * the area stays in the pool and its free callback runs once, at free. */
int
test_mempool_rollback_keeps_caller_area_in_use(void)
{
	TEST_ASSERT(register_hand_out_ops() >= 0, "register test handler");
	const size_t pg = 4096;
	void *area = mmap(nullptr, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			  0);
	TEST_ASSERT(area != MAP_FAILED, "mmap");
	std::vector<phys_addr_t> tab(8);
	for (unsigned i = 0; i < 8; i++)
		tab[i] = 0x100000000ULL * (i / 4 + 1) + (i % 4) * pg; /* 2 runs of 4 pages */
	rte_mempool *mp = rte_mempool_create_empty("mp_rollback_area", 1000, 64, 0, 0,
						   SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "test_hand_out_then_fail", nullptr),
			    "set ops");
	populate_calls = 0;
	handed_out = nullptr;
	area_frees = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	int ret = rte_mempool_populate_phys_tab(mp, (char *)area, tab.data(), 8, 12,
						count_area_free, nullptr);
#pragma GCC diagnostic pop
	TEST_ASSERT_EQUAL(ret, -EBUSY, "populate whose first run is in use");
	TEST_ASSERT_NOT_NULL(handed_out, "nothing handed out");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "the run in use left the pool");
	rte_mempool_put(mp, handed_out);
	rte_mempool_audit(mp);
	TEST_ASSERT_EQUAL(area_frees, 0u, "area given back while in the pool");
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(area_frees, 1u, "area free callback calls");
	munmap(area, 8 * pg);
	return TEST_SUCCESS;
}

/* ---- constructors that throw ---- */

struct throw_at {
	unsigned index;          /* throw on the object of this rte_mempool_obj_iter() index */
	const char *zone_prefix; /* memzones of the pool being built */
	unsigned calls = 0;
	unsigned zones_then = 0; /* zones of the pool when it threw */
};

void
count_prefixed_zone(const rte_memzone *mz, void *arg)
{
	auto *t = static_cast<throw_at *>(arg);
	if (strncmp(mz->name, t->zone_prefix, strlen(t->zone_prefix)) == 0)
		t->zones_then++;
}

void
ctor_throwing(rte_mempool *, void *arg, void *obj, unsigned idx)
{
	auto *t = static_cast<throw_at *>(arg);
	t->calls++;
	*static_cast<uint32_t *>(obj) = idx;
	if (idx == t->index) {
		rte_memzone_walk(count_prefixed_zone, t);
		throw std::runtime_error("constructor of object " + std::to_string(idx));
	}
}

/* rte_mempool_create() with @p t's constructor: the exception must reach
 * us with the pool and everything it took gone. */
int
create_must_throw(const char *name, unsigned n, unsigned elt, throw_at *t)
{
	fault_footprint before = fault_footprint_now();
	std::string what;
	rte_mempool *mp = nullptr;
	try {
		mp = rte_mempool_create(name, n, elt, 32, 0, nullptr, nullptr, ctor_throwing, t,
					SOCKET_ID_ANY, 0);
	} catch (const std::runtime_error &e) {
		what = e.what();
	}
	TEST_ASSERT_NULL(mp, "%s: created although its constructor threw", name);
	TEST_ASSERT_EQUAL(what, "constructor of object " + std::to_string(t->index),
			  "%s: exception", name);
	TEST_ASSERT_NULL(rte_mempool_lookup(name), "%s: still listed", name);
	std::string diff = fault_footprint_diff(before, fault_footprint_now());
	TEST_ASSERT(diff.empty(), "%s: left behind: %s", name, diff.c_str());
	return TEST_SUCCESS;
}

/* One zone, no helper thread: the exception leaves nothing behind. */
int
test_mempool_rollback_constructor_throws(void)
{
	throw_at t{500, "MP_mp_throw_"};
	if (create_must_throw("mp_throw", 1000, 64, &t) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(t.calls, 501u, "constructor calls");
	/* and the same name works afterwards */
	rte_mempool *mp = rte_mempool_create("mp_throw", 1000, 64, 32, 0, nullptr, nullptr, nullptr,
					     nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create after the exception: %s", rte_strerror(rte_errno));
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/*
 * A pool large enough that populate_default reserves its zones on a helper
 * thread while this thread constructs (mempool_zone_pipeline.cpp); the
 * constructor throws early in the second zone, while the helper is still
 * mapping the next one. The helper must be stopped and joined before the
 * exception leaves (it works on the caller's stack), and its zones freed.
 */
int
test_mempool_rollback_constructor_throws_pipelined(void)
{
	if (!rte_eal_has_hugepages() || test_free_hugepages() < 160)
		TEST_SKIP("needs 160 free hugepages in dynamic mode (have %lu)",
			  test_free_hugepages());
	if (rte_lcore_count() < 2)
		TEST_SKIP("needs a second lcore for the zone helper to map pages on");
	const unsigned n = 100000, elt = 2176;
	/* the first zone holds about 44,000 objects (3 zones of 64 MB or more) */
	throw_at t{45000, "MP_mp_throw_pipe_"};
	int thrown;
	{
		dpkit::bulk_work_load_ignored pipelined; /* runs only with a CPU idle */
		thrown = create_must_throw("mp_throw_pipe", n, elt, &t);
	}
	if (thrown != TEST_SUCCESS)
		return TEST_FAILED;
	printf("  threw at object %u with %u zones reserved: nothing left behind\n", t.index,
	       t.zones_then);
	TEST_ASSERT(t.zones_then >= 2, "%u zone(s) when it threw: the pool was not pipelined",
		    t.zones_then);
	return TEST_SUCCESS;
}

const struct unit_test_case rollback_cases[] = {
	TEST_CASE(test_mempool_rollback_keeps_zones_in_use),
	TEST_CASE(test_mempool_rollback_keeps_caller_area_in_use),
	TEST_CASE(test_mempool_rollback_constructor_throws),
	TEST_CASE(test_mempool_rollback_constructor_throws_pipelined), TEST_CASES_END()};

const struct unit_test_suite rollback_suite = {"mempool rollback", nullptr, nullptr,
					       rollback_cases};

int
test_mempool_rollback(void)
{
	return unit_test_suite_runner(&rollback_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_rollback_autotest, NOHUGE_OK, ASAN_OK, test_mempool_rollback);
