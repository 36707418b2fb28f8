/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_populate_autotest: pools filled chunk by chunk. Each populate
 * variant alone and mixed in one pool, a pool made of several external
 * areas, chunks with and without IOVA, page straddling rules, the 16.07
 * names, and the guarantees on failure: a full pool refuses more memory,
 * a chunk too small is not added, a populate that fails half-way leaves
 * the pool as it was, and a pool that cannot fit fails at once.
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

unsigned free_calls;
void
count_free(rte_mempool_memhdr *, void *opaque)
{
	free_calls++;
	if (opaque != nullptr)
		(*static_cast<unsigned *>(opaque))++;
}

void
collect(rte_mempool *, void *arg, void *obj, unsigned)
{
	static_cast<std::vector<void *> *>(arg)->push_back(obj);
}

std::vector<void *>
objects_of(rte_mempool *mp)
{
	std::vector<void *> v;
	rte_mempool_obj_iter(mp, collect, &v);
	return v;
}

size_t
total_size(const rte_mempool *mp)
{
	return (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
}

/* Each object's IOVA is what the EAL says for its address (or none). */
int
check_iovas(rte_mempool *mp)
{
	size_t bad = 0;
	for (void *o : objects_of(mp)) {
		rte_iova_t got = rte_mempool_virt2iova(o);
		if (got != RTE_BAD_IOVA && got != rte_mem_virt2iova(o))
			bad++;
	}
	TEST_ASSERT_EQUAL(bad, (size_t)0, "objects with a wrong IOVA");
	return TEST_SUCCESS;
}

int
test_mempool_populate_iova_alone(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_pop_iova", 100, 100, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	area a(1 << 20);
	TEST_ASSERT_NOT_NULL(a.addr, "mmap");
	const rte_iova_t fake = 0x40000000; /* an IOVA the test chooses for the chunk */
	free_calls = 0;
	int n = rte_mempool_populate_iova(mp, a.addr, fake, a.len, count_free, nullptr);
	TEST_ASSERT_EQUAL(n, 100, "objects added");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "chunks");
	const rte_mempool_memhdr *m = STAILQ_FIRST(&mp->mem_list);
	TEST_ASSERT(m->addr == a.addr && m->iova == fake && m->len == a.len, "chunk recorded");
	for (void *o : objects_of(mp))
		TEST_ASSERT_EQUAL(rte_mempool_virt2iova(o), fake + (rte_iova_t)((char *)o - a.addr),
				  "IOVA of %p", o);
	TEST_ASSERT(!(mp->flags & RTE_MEMPOOL_F_NON_IO), "pool with IOVA flagged NON_IO");
	TEST_ASSERT(rte_mempool_full(mp), "full");

	/* already full: refused, nothing leaked */
	eal_usage before = eal_usage::now();
	TEST_ASSERT_EQUAL(rte_mempool_populate_iova(mp, a.addr, fake, a.len, nullptr, nullptr),
			  -ENOSPC, "populate of a full pool");
	TEST_ASSERT_EQUAL(eal_usage::now().malloc_blocks, before.malloc_blocks, "leak on ENOSPC");
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(free_calls, 1u, "free callback calls");
	return TEST_SUCCESS;
}

int
test_mempool_populate_chunk_too_small(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_pop_small", 10, 1000, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	area a(4096);
	/* the first call also creates the pool's store: count from the second */
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, 512, nullptr, nullptr), 0,
		"chunk smaller than one object");
	eal_usage before = eal_usage::now();
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, 512, nullptr, nullptr), 0,
		"chunk smaller than one object");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 0u, "small chunk was added");
	TEST_ASSERT_EQUAL(eal_usage::now().malloc_blocks, before.malloc_blocks,
			  "leak on small chunk");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* A pool made from two separate external areas with populate_virt. */
int
test_mempool_populate_virt_two_areas(void)
{
	const size_t pg = (size_t)getpagesize();
	rte_mempool *mp = rte_mempool_create_empty("mp_pop_virt", 400, 1000, 16, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	area a(80 * pg), b(200 * pg);
	TEST_ASSERT(a.addr != nullptr && b.addr != nullptr, "mmap");
	unsigned freed_a = 0, freed_b = 0;
	int na = rte_mempool_populate_virt(mp, a.addr, a.len, pg, count_free, &freed_a);
	TEST_ASSERT(na > 0 && na < 400, "first area gave %d objects", na);
	int nb = rte_mempool_populate_virt(mp, b.addr, b.len, pg, count_free, &freed_b);
	TEST_ASSERT_EQUAL((unsigned)(na + nb), 400u, "both areas fill the pool");
	TEST_ASSERT(mp->nb_mem_chunks >= 2, "chunks: %u", mp->nb_mem_chunks);

	/* objects lie in the areas and, when IOVA is per page, do not straddle */
	size_t pool_pg;
	TEST_ASSERT_SUCCESS(rte_mempool_get_page_size(mp, &pool_pg), "page size");
	for (void *o : objects_of(mp)) {
		char *hdr = (char *)rte_mempool_get_header(o);
		bool in_a = hdr >= a.addr && (char *)o + mp->elt_size <= a.addr + a.len;
		bool in_b = hdr >= b.addr && (char *)o + mp->elt_size <= b.addr + b.len;
		TEST_ASSERT(in_a || in_b, "object %p outside both areas", o);
		if (rte_mempool_virt2iova(o) != RTE_BAD_IOVA && pool_pg != 0) {
			uintptr_t first = (uintptr_t)hdr / pg,
				  last = ((uintptr_t)hdr + total_size(mp) - 1) / pg;
			rte_iova_t i0 = rte_mem_virt2iova((void *)(first * pg));
			rte_iova_t i1 = rte_mem_virt2iova((void *)(last * pg));
			TEST_ASSERT(first == last || i1 == i0 + (last - first) * pg,
				    "object %p straddles IOVA-discontiguous pages", o);
		}
	}
	if (check_iovas(mp) != TEST_SUCCESS)
		return TEST_FAILED;
	printf("  two external areas: %d + %d objects in %u chunks\n", na, nb, mp->nb_mem_chunks);

	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)400, "drain");
	TEST_ASSERT(distinct_and_owned(mp, all), "objects");
	put_all(mp, all);
	rte_mempool_free(mp);
	TEST_ASSERT(freed_a == 1 && freed_b == 1, "free callback once per area (%u, %u)", freed_a,
		    freed_b);
	return TEST_SUCCESS;
}

int
test_mempool_populate_anon_alone(void)
{
	eal_usage before = eal_usage::now();
	/* 20000 x 300 B: about 1500 small pages, so that the IOVAs are read
	 * from /proc/self/pagemap in several blocks of 512 */
	const unsigned n = 20000;
	rte_mempool *mp = rte_mempool_create_empty("mp_pop_anon", n, 300, 32, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), (int)n, "populate_anon");
	/* The area is locked: every object's IOVA is what the EAL says of
	 * its address, exactly (RTE_BAD_IOVA only where the EAL has none). */
	size_t wrong = 0, with_iova = 0;
	for (void *o : objects_of(mp)) {
		rte_iova_t got = rte_mempool_virt2iova(o);
		wrong += got != rte_mem_virt2iova(o);
		with_iova += got != RTE_BAD_IOVA;
	}
	TEST_ASSERT_EQUAL(wrong, (size_t)0, "objects whose IOVA is not rte_mem_virt2iova()");
	if (rte_eal_iova_mode() == RTE_IOVA_VA || rte_mem_virt2phy(mp) != RTE_BAD_IOVA)
		TEST_ASSERT_EQUAL(with_iova, (size_t)n, "objects with an IOVA");
	printf("  populate_anon: %u objects in %u chunks, IOVA as %s\n", n, mp->nb_mem_chunks,
	       rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 0, "populate_anon of a full pool");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)n, "drain");
	put_all(mp, all);
	rte_mempool_free(mp);
	eal_usage after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "anon pool left memory behind");
	return TEST_SUCCESS;
}

/* iova + virt + virt in one pool; default and anon refuse it once it has
 * memory (they fill empty pools only). */
int
test_mempool_populate_mixed(void)
{
	const size_t pg = (size_t)getpagesize();
	eal_usage before = eal_usage::now();
	rte_mempool *mp = rte_mempool_create_empty("mp_pop_mixed", 3000, 500, 64, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	area a(64 * pg), b(64 * pg), c(3000 * total_size(mp) + 64 * pg);
	int n1 = rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, a.len, nullptr, nullptr);
	int n2 = rte_mempool_populate_virt(mp, b.addr, b.len, pg, nullptr, nullptr);
	TEST_ASSERT(n1 > 0 && n2 > 0, "iova %d, virt %d", n1, n2);
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), -EEXIST, "default on a populated pool");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 0, "anon on a populated pool");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "anon rte_errno");
	int n3 = rte_mempool_populate_virt(mp, c.addr, c.len, pg, nullptr, nullptr);
	TEST_ASSERT(n3 > 0, "virt %d", n3);
	TEST_ASSERT_EQUAL((unsigned)(n1 + n2 + n3), 3000u, "objects");
	TEST_ASSERT(mp->nb_mem_chunks >= 3, "chunks %u", mp->nb_mem_chunks);
	TEST_ASSERT_EQUAL(rte_mempool_populate_virt(mp, c.addr, c.len, pg, nullptr, nullptr), 0,
			  "virt on a full pool");
	if (check_iovas(mp) != TEST_SUCCESS)
		return TEST_FAILED;
	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)3000, "drain");
	TEST_ASSERT(distinct_and_owned(mp, all), "objects");
	put_all(mp, all);
	rte_mempool_audit(mp);
	rte_mempool_free(mp);

	eal_usage after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "mixed pool left memory behind");
	return TEST_SUCCESS;
}

/* With NO_IOVA_CONTIG objects may straddle pages: they pack tighter. */
int
test_mempool_no_iova_contig_straddles(void)
{
	const size_t pg = (size_t)getpagesize();
	area a(64 * pg);
	unsigned counts[2];
	for (int i = 0; i < 2; i++) {
		unsigned flags = i == 0 ? 0 : RTE_MEMPOOL_F_NO_IOVA_CONTIG;
		rte_mempool *mp = rte_mempool_create_empty("mp_straddle", 1000, 3000, 0, 0,
							   SOCKET_ID_ANY, flags);
		TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
		int n = rte_mempool_populate_virt(mp, a.addr, a.len, pg, nullptr, nullptr);
		TEST_ASSERT(n > 0, "populate_virt: %d", n);
		counts[i] = (unsigned)n;
		if (flags != 0) {
			TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "NO_IOVA_CONTIG area split");
			for (void *o : objects_of(mp))
				TEST_ASSERT_EQUAL(rte_mempool_virt2iova(o), RTE_BAD_IOVA, "IOVA");
		}
		rte_mempool_free(mp);
	}
	size_t total = RTE_ALIGN_CEIL(3000 + 64, 64);
	TEST_ASSERT(counts[1] >= (64 * pg) / (total + 3 * 64), "packed count %u", counts[1]);
	TEST_ASSERT(counts[1] >= counts[0], "straddling packed fewer (%u < %u)", counts[1],
		    counts[0]);
	printf("  64 pages of %zu B: %u objects page by page, %u straddling\n", pg, counts[0],
	       counts[1]);
	return TEST_SUCCESS;
}

/* The 16.07 names still work (and warn at compile time, silenced here). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
int
test_mempool_populate_phys_tab_compat(void)
{
	const size_t pg = 4096;
	area a(16 * pg);
	/* pages 0-7 contiguous at 1 GB, pages 8-15 contiguous at 3 GB */
	std::vector<phys_addr_t> tab(16);
	for (unsigned i = 0; i < 16; i++)
		tab[i] = (i < 8 ? 0x40000000ULL : 0xc0000000ULL) + (i % 8) * pg;
	rte_mempool *mp = rte_mempool_create_empty("mp_phys_tab", 1000, 200, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	int n = rte_mempool_populate_phys_tab(mp, a.addr, tab.data(), 16, 12, nullptr, nullptr);
	TEST_ASSERT(n > 0, "populate_phys_tab: %d", n);
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 2u, "two contiguous runs, two chunks");
	for (void *o : objects_of(mp)) {
		size_t off = (size_t)((char *)o - a.addr);
		phys_addr_t expect = tab[off / pg] + off % pg;
		TEST_ASSERT_EQUAL(rte_mempool_virt2phy(mp, o), expect, "address of %p", o);
	}
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_phys_tab(mp, a.addr, nullptr, 16, 12, nullptr, nullptr),
		-EINVAL, "NULL table");
	rte_mempool_free(mp);

	mp = rte_mempool_create_empty("mp_phys", 10, 200, 0, 0, SOCKET_ID_ANY,
				      MEMPOOL_F_NO_PHYS_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG, "old flag name");
	TEST_ASSERT_EQUAL(rte_mempool_populate_phys(mp, a.addr, 0x1000, a.len, nullptr, nullptr),
			  10, "populate_phys");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}
#pragma GCC diagnostic pop

/* ---- failure half-way: a handler whose populate fails on its 3rd chunk ---- */

int populate_calls;
int
failing_populate(rte_mempool *mp, unsigned max, void *va, rte_iova_t iova, size_t len,
		 rte_mempool_populate_obj_cb_t *cb, void *arg)
{
	if (++populate_calls == 3)
		return -ENOMEM;
	return rte_mempool_op_populate_default(mp, max, va, iova, len, cb, arg);
}

int
register_failing_ops(void)
{
	static int idx = -1;
	if (idx < 0)
		idx = register_ring_variant("test_fail_3rd_chunk", failing_populate);
	return idx;
}

int
test_mempool_populate_failure_rolls_back(void)
{
	TEST_ASSERT(register_failing_ops() >= 0, "register test handler");
	const size_t pg = 4096;
	area a(16 * pg), b(8 * pg);
	std::vector<phys_addr_t> tab(16);
	for (unsigned i = 0; i < 16; i++)
		tab[i] = 0x100000000ULL * (i / 4 + 1) + (i % 4) * pg; /* 4 runs of 4 pages */

	rte_mempool *mp = rte_mempool_create_empty("mp_rollback", 1000, 200, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "test_fail_3rd_chunk", nullptr),
			    "set ops");
	populate_calls = 0;
	int first = rte_mempool_populate_iova(mp, b.addr, RTE_BAD_IOVA, b.len, nullptr, nullptr);
	TEST_ASSERT(first > 0, "first chunk: %d", first);
	eal_usage before = eal_usage::now();
	unsigned store_before = rte_mempool_ops_get_count(mp);

	/* chunks 2 and 3 of this area: 2 is added, 3 fails, 2 must go again */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	int ret = rte_mempool_populate_phys_tab(mp, a.addr, tab.data(), 16, 12, nullptr, nullptr);
#pragma GCC diagnostic pop
	TEST_ASSERT_EQUAL(ret, -ENOMEM, "failing populate");
	TEST_ASSERT_EQUAL(populate_calls, 3, "handler calls");
	TEST_ASSERT_EQUAL(mp->populated_size, (unsigned)first, "objects of the failed call kept");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "chunks of the failed call kept");
	TEST_ASSERT_EQUAL(rte_mempool_ops_get_count(mp), store_before, "store content changed");
	TEST_ASSERT_EQUAL(rte_mempool_obj_iter(mp, nullptr, nullptr), (unsigned)first,
			  "object list");
	TEST_ASSERT_EQUAL(eal_usage::now().malloc_blocks, before.malloc_blocks,
			  "chunk headers leaked");
	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)first, "drain");
	for (void *o : all)
		TEST_ASSERT((char *)o > b.addr && (char *)o < b.addr + b.len,
			    "object from the failed area");
	put_all(mp, all);
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* A pool far larger than memory fails at once, with nothing taken. */
int
test_mempool_populate_default_fails_fast(void)
{
	eal_usage before = eal_usage::now();
	rte_mempool *mp = rte_mempool_create_empty("mp_too_big", 4000000, 65536, 0, 0,
						   SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	eal_usage with_pool = eal_usage::now();
	timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int ret = rte_mempool_populate_default(mp);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	TEST_ASSERT_EQUAL(ret, -ENOMEM, "populate of a 256 GB pool");
	TEST_ASSERT(secs < 0.5, "failing took %.3f s", secs);
	TEST_ASSERT_EQUAL(mp->populated_size, 0u, "objects after failure");
	eal_usage after = eal_usage::now();
	TEST_ASSERT_EQUAL(after.memzones, with_pool.memzones, "memzones kept after failure");
	TEST_ASSERT_EQUAL(after.malloc_bytes, with_pool.malloc_bytes, "bytes kept after failure");
	rte_mempool_free(mp);

	rte_errno = 0;
	mp = rte_mempool_create("mp_too_big", 4000000, 65536, 0, 0, nullptr, nullptr, nullptr,
				nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NULL(mp, "create of a 256 GB pool");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "rte_errno");
	after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "failed create left memory behind");
	printf("  256 GB pool refused in %.1f ms\n", secs * 1e3);
	return TEST_SUCCESS;
}

const struct unit_test_case populate_cases[] = {TEST_CASE(test_mempool_populate_iova_alone),
						TEST_CASE(test_mempool_populate_chunk_too_small),
						TEST_CASE(test_mempool_populate_virt_two_areas),
						TEST_CASE(test_mempool_populate_anon_alone),
						TEST_CASE(test_mempool_populate_mixed),
						TEST_CASE(test_mempool_no_iova_contig_straddles),
						TEST_CASE(test_mempool_populate_phys_tab_compat),
						TEST_CASE(test_mempool_populate_failure_rolls_back),
						TEST_CASE(test_mempool_populate_default_fails_fast),
						TEST_CASES_END()};

const struct unit_test_suite populate_suite = {"mempool populate", nullptr, nullptr,
					       populate_cases};

int
test_mempool_populate(void)
{
	return unit_test_suite_runner(&populate_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_populate_autotest, NOHUGE_OK, ASAN_OK, test_mempool_populate);
