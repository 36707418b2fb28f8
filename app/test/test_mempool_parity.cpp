/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_parity_autotest: what a program written for DPDK 22.11 relies on
 * when it fills a pool by hand. populate_default and populate_anon fill an
 * empty pool in one call and return its size (-EEXIST, or 0 with EINVAL,
 * when it has memory already); populate_virt adds nothing to a full pool
 * and says 0; populate_anon locks its mapping and gives each run of pages
 * its IOVA; RTE_MEMPOOL_F_NON_IO is set from creation until an IO chunk
 * comes; a NO_IOVA_CONTIG pool keeps the IOVA it is given; in_use_count is
 * size - avail. The differential oracle (app/oracle, script
 * mempool_edges.oracle) runs the same calls against DPDK itself.
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

size_t
total_size(const rte_mempool *mp)
{
	return (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
}

unsigned free_calls;
void
count_free(rte_mempool_memhdr *, void *)
{
	free_calls++;
}

std::vector<rte_mempool_memhdr *>
chunks_of(rte_mempool *mp)
{
	std::vector<rte_mempool_memhdr *> v;
	rte_mempool_mem_iter(
		mp,
		[](rte_mempool *, void *arg, rte_mempool_memhdr *h, unsigned) {
		static_cast<std::vector<rte_mempool_memhdr *> *>(arg)->push_back(h);
		},
		&v);
	return v;
}

std::vector<void *>
objects_of(rte_mempool *mp)
{
	std::vector<void *> v;
	rte_mempool_obj_iter(
		mp,
		[](rte_mempool *, void *arg, void *obj, unsigned) {
		static_cast<std::vector<void *> *>(arg)->push_back(obj);
		},
		&v);
	return v;
}

/* What /proc/self/smaps says of the mapping that starts at @p addr. */
struct vma_info {
	bool found = false;
	size_t size_kb = 0;
	size_t locked_kb = 0;
	bool lo_flag = false; /* VmFlags "lo": mlock'd */
};

vma_info
vma_at(const void *addr)
{
	vma_info v;
	std::ifstream smaps("/proc/self/smaps");
	std::string line;
	bool in = false;
	while (std::getline(smaps, line)) {
		unsigned long start, end;
		if (sscanf(line.c_str(), "%lx-%lx ", &start, &end) == 2 &&
		    line.find(':') > line.find(' ')) {
			in = start == (uintptr_t)addr;
			v.found = v.found || in;
			continue;
		}
		if (!in)
			continue;
		unsigned long kb;
		if (sscanf(line.c_str(), "Size: %lu kB", &kb) == 1)
			v.size_kb = kb;
		else if (sscanf(line.c_str(), "Locked: %lu kB", &kb) == 1)
			v.locked_kb = kb;
		else if (line.rfind("VmFlags:", 0) == 0)
			v.lo_flag = (line + " ").find(" lo ") != std::string::npos;
	}
	return v;
}

/* VmSize of this process, in kB (0 if unreadable). */
size_t
vm_size_kb()
{
	std::ifstream st("/proc/self/status");
	std::string line;
	while (std::getline(st, line)) {
		unsigned long kb;
		if (sscanf(line.c_str(), "VmSize: %lu kB", &kb) == 1)
			return kb;
	}
	return 0;
}

/* ---- populate_default ---- */

/* It fills an empty pool and returns its size; a pool with a chunk, full
 * or not, is refused with -EEXIST and left as it was. */
int
test_mempool_populate_default_fills_empty_pool_only(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_par_default", 200, 64, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), (int)mp->size, "populate_default");
	unsigned chunks = mp->nb_mem_chunks;
	eal_usage before = eal_usage::now();
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), -EEXIST, "populate_default again");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, chunks, "chunks after -EEXIST");
	TEST_ASSERT_EQUAL(mp->populated_size, 200u, "objects after -EEXIST");
	eal_usage after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "a refused populate_default took memory");
	rte_mempool_free(mp);

	/* half populated from the caller's memory (objects may straddle pages,
	 * so that a length holds an exact count) */
	mp = rte_mempool_create_empty("mp_par_default2", 200, 64, 0, 0, SOCKET_ID_ANY,
				      RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	area a(100 * total_size(mp));
	TEST_ASSERT_NOT_NULL(a.addr, "mmap");
	int n = rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, a.len, nullptr, nullptr);
	TEST_ASSERT_EQUAL(n, 100, "populate_iova of half the pool");
	before = eal_usage::now();
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), -EEXIST,
			  "populate_default on a half populated pool");
	TEST_ASSERT_EQUAL(mp->populated_size, 100u, "objects after -EEXIST");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "chunks after -EEXIST");
	after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "a refused populate_default took memory");
	/* the rest comes from the caller's memory, as the error says */
	area b(100 * total_size(mp));
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_iova(mp, b.addr, RTE_BAD_IOVA, b.len, nullptr, nullptr), 100,
		"the other half");
	TEST_ASSERT(rte_mempool_full(mp), "full");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- populate_virt / populate_iova on a full pool ---- */

int
test_mempool_populate_virt_full_pool_returns_0(void)
{
	const size_t pg = (size_t)getpagesize();
	area a(16 * pg), b(16 * pg);
	TEST_ASSERT(a.addr != nullptr && b.addr != nullptr, "mmap");

	rte_mempool *mp = rte_mempool_create_empty("mp_par_virt", 10, 64, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	free_calls = 0;
	TEST_ASSERT_EQUAL(rte_mempool_populate_virt(mp, a.addr, a.len, pg, count_free, nullptr), 10,
			  "populate_virt");
	unsigned chunks = mp->nb_mem_chunks;
	eal_usage before = eal_usage::now();
	TEST_ASSERT_EQUAL(rte_mempool_populate_virt(mp, b.addr, b.len, pg, count_free, nullptr), 0,
			  "populate_virt on a full pool");
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_iova(mp, b.addr, RTE_BAD_IOVA, b.len, count_free, nullptr),
		-ENOSPC, "populate_iova on a full pool");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, chunks, "chunks");
	TEST_ASSERT_EQUAL(eal_usage::now().malloc_blocks, before.malloc_blocks, "chunk headers");
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(free_calls, 1u, "free callbacks: the first area only");

	/* NO_IOVA_CONTIG: the area is one chunk, added as populate_iova adds
	 * it, so a full pool refuses it as populate_iova does */
	mp = rte_mempool_create_empty("mp_par_virt2", 10, 64, 0, 0, SOCKET_ID_ANY,
				      RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_populate_virt(mp, a.addr, a.len, pg, nullptr, nullptr), 10,
			  "populate_virt");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "one chunk");
	TEST_ASSERT_EQUAL(rte_mempool_populate_virt(mp, b.addr, b.len, pg, nullptr, nullptr),
			  -ENOSPC, "populate_virt on a full NO_IOVA_CONTIG pool");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- populate_anon ---- */

/* The chunks and objects of a pool made by populate_anon: each chunk has
 * the IOVA the EAL gives its first byte, each object lies in
 * IOVA-contiguous memory and has its IOVA; NON_IO exactly when no chunk
 * has an IOVA. */
int
check_anon_iovas(rte_mempool *mp)
{
	bool any_io = false;
	for (rte_mempool_memhdr *h : chunks_of(mp)) {
		TEST_ASSERT_EQUAL(h->iova, rte_mem_virt2iova(h->addr), "IOVA of chunk %p", h->addr);
		any_io = any_io || h->iova != RTE_BAD_IOVA;
	}
	TEST_ASSERT_EQUAL(!!(mp->flags & RTE_MEMPOOL_F_NON_IO), !any_io, "NON_IO flag with %s IOVA",
			  any_io ? "an" : "no");
	size_t straddling = 0, wrong = 0;
	for (void *o : objects_of(mp)) {
		rte_iova_t first = rte_mem_virt2iova(o);
		rte_iova_t last = rte_mem_virt2iova((char *)o + mp->elt_size - 1);
		if (first != RTE_BAD_IOVA && last != first + mp->elt_size - 1)
			straddling++;
		if (rte_mempool_virt2iova(o) != first)
			wrong++;
	}
	TEST_ASSERT_EQUAL(straddling, (size_t)0, "objects across an IOVA discontinuity");
	TEST_ASSERT_EQUAL(wrong, (size_t)0, "objects with a wrong IOVA");
	return TEST_SUCCESS;
}

int
test_mempool_populate_anon_locks_and_records_iova(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_par_anon", 5000, 300, 32, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), (int)mp->size, "populate_anon");
	TEST_ASSERT_EQUAL(mp->populated_size, 5000u, "objects");
	std::vector<rte_mempool_memhdr *> chunks = chunks_of(mp);
	TEST_ASSERT(!chunks.empty(), "no chunk");
	void *map = chunks[0]->addr;
	vma_info v = vma_at(map);
	TEST_ASSERT(v.found, "no mapping at %p", map);
	TEST_ASSERT(v.lo_flag && v.locked_kb == v.size_kb,
		    "mapping of %zu kB not locked (Locked: %zu kB)", v.size_kb, v.locked_kb);
	if (check_anon_iovas(mp) != TEST_SUCCESS)
		return TEST_FAILED;
	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		TEST_ASSERT_EQUAL(chunks.size(), (size_t)1, "IOVA as VA: one chunk");
	printf("  anonymous pool: %zu kB locked, %zu chunks, IOVA %s\n", v.size_kb, chunks.size(),
	       (mp->flags & RTE_MEMPOOL_F_NON_IO) ? "unknown" : "known");

	/* a second call: refused, nothing changes */
	unsigned n_chunks = mp->nb_mem_chunks;
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 0, "populate_anon again");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, n_chunks, "chunks");

	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)5000, "drain");
	TEST_ASSERT(distinct_and_owned(mp, all), "objects");
	put_all(mp, all);
	rte_mempool_free(mp);
	TEST_ASSERT(!vma_at(map).found, "the mapping outlived the pool");
	return TEST_SUCCESS;
}

/* A pool that has a chunk already is refused (DPDK: 0 with EINVAL). */
int
test_mempool_populate_anon_refuses_populated_pool(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_par_anon2", 200, 64, 0, 0, SOCKET_ID_ANY,
						   RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	area a(100 * total_size(mp));
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, a.len, nullptr, nullptr), 100,
		"populate_iova");
	size_t vm = vm_size_kb();
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 0, "populate_anon on a populated pool");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	TEST_ASSERT_EQUAL(mp->populated_size, 100u, "objects");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "chunks");
	TEST_ASSERT_EQUAL(vm_size_kb(), vm, "memory mapped by a refused call");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* A NO_IOVA_CONTIG pool: one chunk without IOVA, NON_IO. */
int
test_mempool_populate_anon_no_iova_contig(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_par_anon3", 1000, 3000, 0, 0, SOCKET_ID_ANY,
						   RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 1000, "populate_anon");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "one chunk");
	TEST_ASSERT_EQUAL(STAILQ_FIRST(&mp->mem_list)->iova, RTE_BAD_IOVA, "chunk IOVA");
	TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NON_IO, "NON_IO");
	TEST_ASSERT(vma_at(STAILQ_FIRST(&mp->mem_list)->addr).lo_flag, "not locked");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* In a child that may not lock (64 kB RLIMIT_MEMLOCK, no CAP_IPC_LOCK). */
int
child_anon_unlocked(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_par_nolock", 1000, 2048, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 0, "2 MB populate_anon, mlock refused");
	TEST_ASSERT(rte_errno == ENOMEM || rte_errno == EPERM || rte_errno == EAGAIN,
		    "rte_errno %d (%s)", rte_errno, rte_strerror(rte_errno));
	TEST_ASSERT(mp->populated_size == 0 && mp->nb_mem_chunks == 0, "pool left populated");
	/* the same call again (the backing store exists now): nothing stays mapped */
	size_t vm = vm_size_kb();
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 0, "again");
	TEST_ASSERT_EQUAL(vm_size_kb(), vm, "a refused call left memory mapped");
	rte_mempool_free(mp);

	/* a pool that fits the 64 kB limit */
	mp = rte_mempool_create_empty("mp_par_small", 10, 64, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 10, "small populate_anon: %s",
			  rte_strerror(rte_errno));
	rte_mempool_free(mp);
	printf("child: anon pool refused without mlock, small one locked\n");
	return TEST_SUCCESS;
}

int
test_mempool_populate_anon_mlock_refused(void)
{
	std::string out;
	int rc = test_exec_self_capture_no_memlock({"--no-huge", "-m", "64",
						    "--file-prefix=mp_par_nolock",
						    "mempool_parity_child_anon_unlocked"},
						   out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	TEST_ASSERT(out.find("child: anon pool refused") != std::string::npos, "child ran");
	TEST_ASSERT(out.find("RLIMIT_MEMLOCK") != std::string::npos, "the failure says what to do");
	return TEST_SUCCESS;
}

/* ---- IOVA kept, NON_IO ---- */

/* NO_IOVA_CONTIG: populate_iova keeps the caller's IOVA (objects get
 * theirs from it), and the pool stays NON_IO. */
int
test_mempool_no_iova_contig_keeps_iova(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_par_keep", 16, 64, 0, 0, SOCKET_ID_ANY,
						   RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	area a(16 * total_size(mp));
	const rte_iova_t iova = 0x40000000;
	TEST_ASSERT_EQUAL(rte_mempool_populate_iova(mp, a.addr, iova, a.len, nullptr, nullptr), 16,
			  "populate_iova");
	TEST_ASSERT_EQUAL(STAILQ_FIRST(&mp->mem_list)->iova, iova, "chunk IOVA");
	for (void *o : objects_of(mp))
		TEST_ASSERT_EQUAL(rte_mempool_virt2iova(o), iova + (rte_iova_t)((char *)o - a.addr),
				  "IOVA of %p", o);
	TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NON_IO, "NON_IO with NO_IOVA_CONTIG");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* Two chunks of 4 pages each, the 3rd handler call fails (see
 * test_mempool_populate.cpp for the same handler on another path). */
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
		idx = register_ring_variant("test_par_fail_3rd", failing_populate);
	return idx;
}

/* Set at creation, kept by chunks without IOVA, cleared by the first
 * with one, set again when a failed call takes that chunk out. */
int
test_mempool_non_io_flag(void)
{
	const size_t pg = 4096;
	rte_mempool *mp = rte_mempool_create_empty("mp_par_nonio", 1000, 200, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NON_IO, "empty pool not NON_IO");
	area a(8 * pg), b(8 * pg), c(8 * pg), d(16 * pg);
	TEST_ASSERT(rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, a.len, nullptr, nullptr) >
			    0,
		    "populate without IOVA");
	TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NON_IO, "NON_IO lost without IOVA");
	TEST_ASSERT(rte_mempool_populate_iova(mp, b.addr, 0x40000000, b.len, nullptr, nullptr) > 0,
		    "populate with IOVA");
	TEST_ASSERT(!(mp->flags & RTE_MEMPOOL_F_NON_IO), "NON_IO kept with an IOVA");
	TEST_ASSERT(rte_mempool_populate_iova(mp, c.addr, RTE_BAD_IOVA, c.len, nullptr, nullptr) >
			    0,
		    "populate without IOVA again");
	TEST_ASSERT(!(mp->flags & RTE_MEMPOOL_F_NON_IO), "NON_IO back with an IO chunk left");
	rte_mempool_free(mp);

	/* a failed call takes its IO chunk out: NON_IO again */
	TEST_ASSERT(register_failing_ops() >= 0, "register test handler");
	mp = rte_mempool_create_empty("mp_par_nonio2", 1000, 200, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "test_par_fail_3rd", nullptr), "ops");
	populate_calls = 0;
	TEST_ASSERT(rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, a.len, nullptr, nullptr) >
			    0,
		    "populate without IOVA");
	std::vector<phys_addr_t> tab(16);
	for (unsigned i = 0; i < 16; i++)
		tab[i] = 0x100000000ULL * (i / 8 + 1) + (i % 8) * pg; /* 2 runs of 8 pages */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_phys_tab(mp, d.addr, tab.data(), 16, 12, nullptr, nullptr),
		-ENOMEM, "failing populate");
#pragma GCC diagnostic pop
	TEST_ASSERT_EQUAL(populate_calls, 3, "handler calls");
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 1u, "chunks after the failure");
	TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NON_IO, "NON_IO not back after the IO chunk left");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- counts ---- */

/* avail, in_use, full and empty on a pool filled in two halves (objects
 * may straddle pages, so that a length holds an exact count). */
int
test_mempool_counts_partly_populated(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_par_counts", 100, 64, 0, 0, SOCKET_ID_ANY,
						   RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 0u, "avail, no memory");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 100u, "in use, no memory");
	TEST_ASSERT(!rte_mempool_full(mp) && rte_mempool_empty(mp), "full/empty, no memory");

	area a(50 * total_size(mp)), b(50 * total_size(mp));
	TEST_ASSERT_EQUAL(
		rte_mempool_populate_iova(mp, a.addr, RTE_BAD_IOVA, a.len, nullptr, nullptr), 50,
		"first half");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 50u, "avail, half");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 50u, "in use, half");
	TEST_ASSERT(!rte_mempool_full(mp) && !rte_mempool_empty(mp), "full/empty, half");

	void *objs[50];
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs, 50), "get 50");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 0u, "avail, half out");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 100u, "in use, half out");
	TEST_ASSERT(!rte_mempool_full(mp) && rte_mempool_empty(mp), "full/empty, half out");
	rte_mempool_put_bulk(mp, objs, 50);

	TEST_ASSERT_EQUAL(
		rte_mempool_populate_iova(mp, b.addr, RTE_BAD_IOVA, b.len, nullptr, nullptr), 50,
		"second half");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 0u, "in use, all back");
	TEST_ASSERT(rte_mempool_full(mp) && !rte_mempool_empty(mp), "full/empty, all back");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

const struct unit_test_case parity_cases[] = {
	TEST_CASE(test_mempool_populate_default_fills_empty_pool_only),
	TEST_CASE(test_mempool_populate_virt_full_pool_returns_0),
	TEST_CASE(test_mempool_populate_anon_locks_and_records_iova),
	TEST_CASE(test_mempool_populate_anon_refuses_populated_pool),
	TEST_CASE(test_mempool_populate_anon_no_iova_contig),
	TEST_CASE(test_mempool_populate_anon_mlock_refused),
	TEST_CASE(test_mempool_no_iova_contig_keeps_iova),
	TEST_CASE(test_mempool_non_io_flag),
	TEST_CASE(test_mempool_counts_partly_populated),
	TEST_CASES_END()};

const struct unit_test_suite parity_suite = {"mempool parity with DPDK 22.11", nullptr, nullptr,
					     parity_cases};

int
test_mempool_parity(void)
{
	return unit_test_suite_runner(&parity_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_parity_autotest, NOHUGE_OK, ASAN_OK, test_mempool_parity);
REGISTER_TEST_COMMAND(mempool_parity_child_anon_unlocked, child_anon_unlocked);
