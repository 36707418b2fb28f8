/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * memzone_autotest: reservation, lookup, free, walk and dump of memzones,
 * with every argument error, alignment, boundaries, IOVA contiguity on
 * request, length 0 (the largest free block), and reuse of freed memory.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"

namespace {

/* true if [addr, addr+len) is one IOVA run, page by page */
bool
iova_contiguous(const void *addr, size_t len)
{
	rte_iova_t first = rte_mem_virt2iova(addr);
	if (first == RTE_BAD_IOVA)
		return false;
	for (size_t off = 0; off < len; off += 4096) {
		if (rte_mem_virt2iova(RTE_PTR_ADD(addr, off)) != first + off)
			return false;
	}
	return rte_mem_virt2iova(RTE_PTR_ADD(addr, len - 1)) == first + len - 1;
}

unsigned
count_zones()
{
	unsigned n = 0;
	rte_memzone_walk([](const rte_memzone *, void *arg) { ++*(unsigned *)arg; }, &n);
	return n;
}

} // namespace

static int
test_memzone_reserve_lookup_free(void)
{
	unsigned before = count_zones();
	const rte_memzone *mz = rte_memzone_reserve("mz_basic", 100000, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve failed: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(std::string(mz->name), std::string("mz_basic"), "name");
	TEST_ASSERT(mz->len >= 100000, "len %zu", mz->len);
	TEST_ASSERT_EQUAL((uintptr_t)mz->addr % RTE_CACHE_LINE_SIZE, (uintptr_t)0, "aligned");
	TEST_ASSERT_EQUAL(mz->iova, rte_mem_virt2iova(mz->addr), "iova of the start");
	TEST_ASSERT(mz->hugepage_sz >= 4096, "page size %llu", (unsigned long long)mz->hugepage_sz);
	TEST_ASSERT(mz->socket_id >= 0, "socket %d", mz->socket_id);
	memset(mz->addr, 0xa5, mz->len); /* all of it is usable */
	TEST_ASSERT_EQUAL(rte_memzone_lookup("mz_basic"), mz, "lookup finds it");
	TEST_ASSERT_EQUAL(count_zones(), before + 1, "walk sees it");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	TEST_ASSERT_NULL(rte_memzone_lookup("mz_basic"), "gone after free");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "lookup of a missing zone sets ENOENT");
	TEST_ASSERT_EQUAL(count_zones(), before, "walk count back");
	return TEST_SUCCESS;
}

static int
test_memzone_name_errors(void)
{
	char name31[32], name32[33];
	memset(name31, 'a', 31);
	name31[31] = '\0';
	memset(name32, 'b', 32);
	name32[32] = '\0';

	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve(name32, 1000, SOCKET_ID_ANY, 0), "32 chars");
	TEST_ASSERT_EQUAL(rte_errno, ENAMETOOLONG, "too long -> ENAMETOOLONG");
	TEST_ASSERT_NULL(rte_memzone_lookup(name31), "never stored truncated");

	const rte_memzone *mz = rte_memzone_reserve(name31, 1000, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "31 chars fit: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(strlen(mz->name), (size_t)31, "full name kept");

	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve(name31, 1000, SOCKET_ID_ANY, 0), "dup");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "duplicate -> EEXIST");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");

	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve(nullptr, 1000, SOCKET_ID_ANY, 0), "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL name -> EINVAL");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_lookup(nullptr), "lookup NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "lookup NULL -> EINVAL");
	return TEST_SUCCESS;
}

static int
test_memzone_argument_errors(void)
{
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve_aligned("mz_align", 1000, SOCKET_ID_ANY, 0, 100),
			 "align 100");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "non power of two align -> EINVAL");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve("mz_flags", 1000, SOCKET_ID_ANY, 0x40000000),
			 "unknown flag");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "unknown flags -> EINVAL");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve_bounded("mz_bound", 1000, SOCKET_ID_ANY, 0, 64, 1000),
			 "bound 1000");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "non power of two bound -> EINVAL");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve_bounded("mz_bound", 4096, SOCKET_ID_ANY, 0, 64, 1024),
			 "bound < len");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "bound below length -> EINVAL");
	if (rte_eal_has_hugepages()) {
		/* without hugepages any socket id is any socket: nohuge_sockets_autotest */
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_memzone_reserve("mz_sock", 1000, RTE_MAX_NUMA_NODES - 1, 0),
				 "socket without memory");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "bad socket -> EINVAL");
	}
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve("mz_sock", 1000, -2, 0), "socket -2");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "socket -2 -> EINVAL");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve("mz_sock", 1000, 12345, 0), "socket out of range");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "bad socket -> EINVAL");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve("mz_huge", (size_t)1 << 50, SOCKET_ID_ANY, 0), "1 PB");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "too big -> ENOMEM");

	TEST_ASSERT_EQUAL(rte_memzone_free(nullptr), -EINVAL, "free NULL");
	rte_memzone fake{};
	TEST_ASSERT_EQUAL(rte_memzone_free(&fake), -EINVAL, "free of a foreign descriptor");
	const rte_memzone *mz = rte_memzone_reserve("mz_twice", 1000, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "first free");
	TEST_ASSERT_EQUAL(rte_memzone_free(mz), -EINVAL, "second free");
	return TEST_SUCCESS;
}

static int
test_memzone_alignment(void)
{
	for (unsigned align = 64; align <= (1u << 21); align <<= 1) {
		char name[32];
		snprintf(name, sizeof(name), "mz_al_%u", align);
		const rte_memzone *mz = rte_memzone_reserve_aligned(name, 3000, SOCKET_ID_ANY, 0,
								    align);
		TEST_ASSERT_NOT_NULL(mz, "align %u: %s", align, rte_strerror(rte_errno));
		TEST_ASSERT_EQUAL((uintptr_t)mz->addr % align, (uintptr_t)0, "align %u", align);
		/* IOVA shares the alignment up to the page size */
		if (align <= mz->hugepage_sz)
			TEST_ASSERT_EQUAL(mz->iova % align, (rte_iova_t)0, "iova align %u", align);
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	}
	/* small alignments are raised to a cache line */
	const rte_memzone *mz = rte_memzone_reserve_aligned("mz_al_8", 10, SOCKET_ID_ANY, 0, 8);
	TEST_ASSERT_NOT_NULL(mz, "align 8");
	TEST_ASSERT_EQUAL((uintptr_t)mz->addr % RTE_CACHE_LINE_SIZE, (uintptr_t)0, "cache line");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	return TEST_SUCCESS;
}

static int
test_memzone_bounded(void)
{
	const unsigned bounds[] = {1024, 4096, 65536};
	for (unsigned bound : bounds) {
		for (int i = 0; i < 8; i++) {
			char name[32];
			snprintf(name, sizeof(name), "mz_b_%u_%d", bound, i);
			size_t len = bound - 64 * (unsigned)i;
			const rte_memzone *mz = rte_memzone_reserve_bounded(
				name, len, SOCKET_ID_ANY, 0, 64, bound);
			TEST_ASSERT_NOT_NULL(mz, "%s: %s", name, rte_strerror(rte_errno));
			uintptr_t a = (uintptr_t)mz->addr;
			TEST_ASSERT_EQUAL(a / bound, (a + len - 1) / bound, "%s crosses %u", name,
					  bound);
			TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
		}
	}
	return TEST_SUCCESS;
}

static int
test_memzone_iova_contig(void)
{
	const size_t sizes[] = {4096, 100000, (size_t)3 << 20};
	for (size_t len : sizes) {
		const rte_memzone *mz = rte_memzone_reserve("mz_contig", len, SOCKET_ID_ANY,
							    RTE_MEMZONE_IOVA_CONTIG);
		if (mz == nullptr && rte_errno == ENOMEM && len > 4096 &&
		    rte_eal_iova_mode() == RTE_IOVA_PA)
			continue; /* PA mode: the kernel may not give adjacent pages */
		TEST_ASSERT_NOT_NULL(mz, "contig %zu: %s", len, rte_strerror(rte_errno));
		TEST_ASSERT(iova_contiguous(mz->addr, mz->len), "zone of %zu not contiguous", len);
		TEST_ASSERT_EQUAL(mz->flags, (uint32_t)RTE_MEMZONE_IOVA_CONTIG, "flags kept");
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	}
	return TEST_SUCCESS;
}

static int
test_memzone_page_size_flags(void)
{
	/* 16 GB pages do not exist here: a hard wish fails, a hint falls back */
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve("mz_16g", 4096, SOCKET_ID_ANY, RTE_MEMZONE_16GB),
			 "16 GB pages");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "missing page size -> ENOMEM");
	const rte_memzone *mz = rte_memzone_reserve("mz_16g", 4096, SOCKET_ID_ANY,
						    RTE_MEMZONE_16GB | RTE_MEMZONE_SIZE_HINT_ONLY);
	TEST_ASSERT_NOT_NULL(mz, "hint only falls back: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	if (rte_eal_get_physmem_size() > 0 && !rte_memzone_lookup("x")) {
		mz = rte_memzone_reserve("mz_2m", 4096, SOCKET_ID_ANY, RTE_MEMZONE_2MB);
		if (mz != nullptr) {
			TEST_ASSERT_EQUAL(mz->hugepage_sz, (uint64_t)RTE_PGSIZE_2M, "2 MB pages");
			TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
		}
	}
	return TEST_SUCCESS;
}

static int
test_memzone_len_zero_is_largest(void)
{
	/* A small live block keeps a page mapped (dynamic mode gives back
	 * empty pages): the rest of that page is free for the zone. */
	void *keep = rte_malloc(nullptr, 100, 0);
	TEST_ASSERT_NOT_NULL(keep, "malloc");
	rte_malloc_socket_stats st_before{};
	const rte_memzone *mz = rte_memzone_reserve("mz_zero", 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "len 0: %s", rte_strerror(rte_errno));
	TEST_ASSERT(mz->len > 0, "got a length");
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(mz->socket_id, &st_before), "stats");
	/* nothing larger is left in the heap it came from (a free block holds
	 * its size less a header and a guard line) */
	TEST_ASSERT(st_before.greatest_free_size <= mz->len + 2 * RTE_CACHE_LINE_SIZE,
		    "largest free %zu > zone %zu", st_before.greatest_free_size, mz->len);
	memset(mz->addr, 1, mz->len);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	rte_free(keep);
	return TEST_SUCCESS;
}

/* DPDK documents that a length-0 reservation only takes memory that is
 * already there; with a boundary it is the largest zone that does not
 * cross one, so at most the boundary. */
static int
test_memzone_len_zero_takes_no_new_memory(void)
{
	void *keep = rte_malloc(nullptr, 100, 0); /* keeps a page mapped */
	TEST_ASSERT_NOT_NULL(keep, "malloc");
	const uint64_t before = rte_eal_get_physmem_size();
	const unsigned bounds[] = {1024, 4096, 1u << 30};
	for (unsigned bound : bounds) {
		const rte_memzone *mz = rte_memzone_reserve_bounded("mz_zero_bounded", 0,
								    SOCKET_ID_ANY, 0, 64, bound);
		TEST_ASSERT_NOT_NULL(mz, "len 0, bound %u: %s", bound, rte_strerror(rte_errno));
		TEST_ASSERT(mz->len > 0 && mz->len <= bound, "bound %u: len %zu", bound, mz->len);
		TEST_ASSERT_EQUAL(mz->len % RTE_CACHE_LINE_SIZE, (size_t)0, "whole cache lines");
		uintptr_t a = (uintptr_t)mz->addr;
		TEST_ASSERT_EQUAL(a / bound, (a + mz->len - 1) / bound, "crosses %u", bound);
		/* within a page, IOVA and VA share their offsets */
		if (bound <= mz->hugepage_sz)
			TEST_ASSERT_EQUAL(mz->iova / bound, (mz->iova + mz->len - 1) / bound,
					  "IOVA crosses %u", bound);
		TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), before, "bound %u: memory grew",
				  bound);
		memset(mz->addr, 0x3c, mz->len);
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	}
	const rte_memzone *mz = rte_memzone_reserve("mz_zero_plain", 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "len 0: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), before, "len 0: memory grew");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	rte_free(keep);
	return TEST_SUCCESS;
}

/* Nothing free: length 0 has nothing to take (an external heap, which
 * never grows, filled by a first length-0 zone). */
static int
test_memzone_len_zero_on_a_full_heap(void)
{
	const size_t len = 16 * 4096;
	void *area = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TEST_ASSERT(area != MAP_FAILED, "mmap");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_create("mz_zero_heap"), "create");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_add("mz_zero_heap", area, len, nullptr, 0, 4096),
			    "add");
	int socket = rte_malloc_heap_get_socket("mz_zero_heap");
	const rte_memzone *all = rte_memzone_reserve("mz_zero_all", 0, socket, 0);
	TEST_ASSERT_NOT_NULL(all, "first len 0: %s", rte_strerror(rte_errno));
	TEST_ASSERT(all->len >= len - 4 * RTE_CACHE_LINE_SIZE, "took %zu of %zu", all->len, len);
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve("mz_zero_none", 0, socket, 0), "nothing left");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "len 0 on a full heap -> ENOMEM");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve_bounded("mz_zero_none", 0, socket, 0, 64, 1024),
			 "nothing left, bounded");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "bounded len 0 on a full heap -> ENOMEM");
	TEST_ASSERT_SUCCESS(rte_memzone_free(all), "free");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("mz_zero_heap", area, len), "remove");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_destroy("mz_zero_heap"), "destroy");
	munmap(area, len);
	return TEST_SUCCESS;
}

static int
test_memzone_large_not_contig(void)
{
	/* 64 MB without IOVA_CONTIG: fine across separate pages */
	size_t len = (size_t)64 << 20;
	const rte_memzone *mz = rte_memzone_reserve("mz_large", len, SOCKET_ID_ANY, 0);
	if (mz == nullptr && rte_errno == ENOMEM)
		TEST_SKIP(
			"no free 64 MB virtually contiguous block (fixed memory: legacy or no-huge)");
	TEST_ASSERT_NOT_NULL(mz, "64 MB: %s", rte_strerror(rte_errno));
	memset(mz->addr, 0x5a, len);
	for (size_t off = 0; off < len; off += 4096)
		TEST_ASSERT(rte_mem_virt2iova(RTE_PTR_ADD(mz->addr, off)) != RTE_BAD_IOVA,
			    "IOVA of offset %zu", off);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	return TEST_SUCCESS;
}

static int
test_memzone_walk_and_dump(void)
{
	const rte_memzone *a = rte_memzone_reserve("mz_walk_a", 5000, SOCKET_ID_ANY, 0);
	const rte_memzone *b = rte_memzone_reserve("mz_walk_b", 7000, SOCKET_ID_ANY, 0);
	TEST_ASSERT(a != nullptr && b != nullptr, "reserve");
	std::vector<std::string> seen;
	rte_memzone_walk(
		[](const rte_memzone *mz, void *arg) {
		static_cast<std::vector<std::string> *>(arg)->push_back(mz->name);
		},
		&seen);
	int found = 0;
	for (const auto &s : seen)
		found += s == "mz_walk_a" || s == "mz_walk_b";
	TEST_ASSERT_EQUAL(found, 2, "walk saw both");
	char *buf = nullptr;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	rte_memzone_dump(f);
	fclose(f);
	std::string out(buf, size);
	free(buf);
	TEST_ASSERT(out.find("mz_walk_a") != std::string::npos, "dump lists a: %s", out.c_str());
	TEST_ASSERT(out.find("mz_walk_b") != std::string::npos, "dump lists b");
	rte_memzone_walk(nullptr, nullptr); /* ignored */
	rte_memzone_dump(nullptr);
	TEST_ASSERT_SUCCESS(rte_memzone_free(a), "free a");
	TEST_ASSERT_SUCCESS(rte_memzone_free(b), "free b");
	return TEST_SUCCESS;
}

static int
test_memzone_freed_memory_is_reused(void)
{
	const rte_memzone *mz = rte_memzone_reserve("mz_reuse", 1 << 20, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve");
	void *addr = mz->addr;
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	mz = rte_memzone_reserve("mz_reuse", 1 << 20, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve again");
	TEST_ASSERT_EQUAL(mz->addr, addr, "same place again");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	return TEST_SUCCESS;
}

static const struct unit_test_case memzone_cases[] = {
	TEST_CASE(test_memzone_reserve_lookup_free),
	TEST_CASE(test_memzone_name_errors),
	TEST_CASE(test_memzone_argument_errors),
	TEST_CASE(test_memzone_alignment),
	TEST_CASE(test_memzone_bounded),
	TEST_CASE(test_memzone_iova_contig),
	TEST_CASE(test_memzone_page_size_flags),
	TEST_CASE(test_memzone_len_zero_is_largest),
	TEST_CASE(test_memzone_len_zero_takes_no_new_memory),
	TEST_CASE(test_memzone_len_zero_on_a_full_heap),
	TEST_CASE(test_memzone_large_not_contig),
	TEST_CASE(test_memzone_walk_and_dump),
	TEST_CASE(test_memzone_freed_memory_is_reused),
	TEST_CASES_END()};

static const struct unit_test_suite memzone_suite = {"memzone", nullptr, nullptr, memzone_cases};

static int
test_memzone(void)
{
	return unit_test_suite_runner(&memzone_suite);
}

REGISTER_FAST_TEST(memzone_autotest, NOHUGE_OK, ASAN_OK, test_memzone);
