/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * bounds_eal_autotest: every size, count, alignment, bound, socket and
 * flag argument of the rte_malloc and rte_memzone_reserve families at 0,
 * 1, 2^k +- 1, SIZE_MAX - k and UINT32_MAX (test_bounds.h). The expected
 * outcome comes from DPDK 22.11's documented rules:
 *
 *  - rte_malloc family: NULL for size 0, an alignment that is not 0 or a
 *    power of two, or a socket without a heap (rte_errno EINVAL; without
 *    hugepages every socket id is any socket, as in DPDK); NULL with
 *    ENOMEM for what no heap can hold (calloc: a product that overflows);
 *    otherwise a block aligned as asked with at least size usable bytes
 *    (zeroed for zmalloc/calloc), or ENOMEM when memory decides.
 *  - rte_memzone_reserve family: EINVAL for a length whose rounding to a
 *    cache line wraps, an alignment not a power of two, a bound not a
 *    power of two or below the length rounded to a cache line, unknown
 *    flags, a socket without memory (without hugepages, ids below
 *    RTE_MAX_NUMA_NODES are any socket); otherwise a zone of the rounded
 *    length (length 0: the largest block already free, at most the bound),
 *    aligned, inside its bound, IOVA-contiguous when asked, or ENOMEM.
 *
 * After every call the footprint (memzones, pages, heap bytes and blocks,
 * fds) is back to the baseline. Growth beyond 256 MB is refused
 * (bounds_memory_cap), so huge valid requests fail with ENOMEM.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_bounds.h"

namespace {

/* Requests this small must succeed whatever the memory mode (--legacy-mem
 * may hold its pages in runs of one 2 MB page each). */
constexpr uint64_t kSurelyFits = 1ULL << 20;

/* Bytes checked at each end and every page of a block of @p len. */
bool
block_ok(unsigned char *p, size_t len, bool zeroed)
{
	const size_t step = 4096;
	for (size_t off = 0; off < len; off += step)
		if (zeroed && p[off] != 0)
			return false;
	if (zeroed && p[len - 1] != 0)
		return false;
	for (size_t off = 0; off < len; off += step)
		p[off] = 0xa5;
	p[len - 1] = 0x5a;
	return true;
}

enum class alloc_fn { malloc, zmalloc, calloc_n1, malloc_socket };

const char *
fn_name(alloc_fn f)
{
	switch (f) {
	case alloc_fn::malloc: return "rte_malloc";
	case alloc_fn::zmalloc: return "rte_zmalloc";
	case alloc_fn::calloc_n1: return "rte_calloc(1, size)";
	case alloc_fn::malloc_socket: return "rte_malloc_socket";
	}
	return "?";
}

void *
call_alloc(alloc_fn f, size_t size, unsigned align, int socket)
{
	switch (f) {
	case alloc_fn::malloc: return rte_malloc(nullptr, size, align);
	case alloc_fn::zmalloc: return rte_zmalloc(nullptr, size, align);
	case alloc_fn::calloc_n1: return rte_calloc(nullptr, 1, size, align);
	case alloc_fn::malloc_socket: return rte_malloc_socket(nullptr, size, align, socket);
	}
	return nullptr;
}

bool
has_heap(int socket)
{
	rte_malloc_socket_stats st;
	return socket == SOCKET_ID_ANY ||
	       (socket >= 0 && rte_malloc_get_socket_stats(socket, &st) == 0);
}

/* Socket ids rte_malloc takes: without hugepages, every one. */
bool
malloc_socket_ok(int socket)
{
	return !rte_eal_has_hugepages() || has_heap(socket);
}

/* Socket ids memzones take: without hugepages, any below RTE_MAX_NUMA_NODES. */
bool
zone_socket_ok(int socket)
{
	return has_heap(socket) ||
	       (!rte_eal_has_hugepages() && socket >= 0 && socket < RTE_MAX_NUMA_NODES);
}

/* One allocation against its rule; the block is freed. */
int
check_alloc(alloc_fn f, size_t size, unsigned align, int socket, const fault_footprint &base,
	    bounds_tally &t)
{
	const bool bad_align = align != 0 && !rte_is_power_of_2(align);
	const bool invalid = size == 0 || bad_align || !malloc_socket_ok(socket);
	const uint64_t need = (uint64_t)size + align;
	const bool must_fit = !invalid && size <= kSurelyFits && align <= kSurelyFits;
	rte_errno = 0;
	unsigned char *p = (unsigned char *)call_alloc(f, size, align, socket);
	const int err = rte_errno;
	t.count(p != nullptr);
	if (invalid) {
		TEST_ASSERT_NULL(p, "%s(size %zu, align %u, socket %d): invalid, yet a block",
				 fn_name(f), size, align, socket);
		TEST_ASSERT_EQUAL(err, EINVAL, "%s(size %zu, align %u, socket %d)", fn_name(f),
				  size, align, socket);
	} else if (p == nullptr) {
		TEST_ASSERT(!must_fit, "%s(size %zu, align %u, socket %d): refused (%s)",
			    fn_name(f), size, align, socket, rte_strerror(err));
		TEST_ASSERT_EQUAL(err, ENOMEM, "%s(size %zu, align %u, socket %d)", fn_name(f),
				  size, align, socket);
	} else {
		const size_t a = align == 0 ? RTE_CACHE_LINE_SIZE : align;
		TEST_ASSERT_EQUAL((uintptr_t)p % a, (uintptr_t)0, "%s(size %zu, align %u)",
				  fn_name(f), size, align);
		size_t usable = 0;
		TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &usable), "%s(%zu): validate",
				    fn_name(f), size);
		TEST_ASSERT(usable >= size, "%s(%zu): usable %zu", fn_name(f), size, usable);
		TEST_ASSERT(block_ok(p, size, f == alloc_fn::zmalloc || f == alloc_fn::calloc_n1),
			    "%s(%zu): not zeroed", fn_name(f), size);
		TEST_ASSERT(need < UINT64_MAX, "unreachable");
		rte_free(p);
	}
	std::string leak = bounds_leak(base);
	TEST_ASSERT(leak.empty(), "%s(size %zu, align %u, socket %d): %s", fn_name(f), size, align,
		    socket, leak.c_str());
	return TEST_SUCCESS;
}

const int kSockets[] = {
	SOCKET_ID_ANY,          0,         1,  2,        RTE_MAX_NUMA_NODES - 1, RTE_MAX_NUMA_NODES,
	RTE_MAX_NUMA_NODES + 1, INT32_MAX, -2, INT32_MIN};

} // namespace

static int
test_bounds_malloc_family(void)
{
	bounds_memory_cap cap;
	void *anchor = rte_malloc(nullptr, 64, 0); /* the heap keeps a page */
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	const fault_footprint base = fault_footprint_now();
	bounds_tally t;
	for (alloc_fn f :
	     {alloc_fn::malloc, alloc_fn::zmalloc, alloc_fn::calloc_n1, alloc_fn::malloc_socket}) {
		for (uint64_t size : bounds_values(SIZE_MAX))
			if (check_alloc(f, (size_t)size, 0, SOCKET_ID_ANY, base, t) != TEST_SUCCESS)
				return TEST_FAILED;
		for (uint64_t align : bounds_values(UINT32_MAX))
			for (size_t size : {(size_t)1, (size_t)100, (size_t)4097})
				if (check_alloc(f, size, (unsigned)align, SOCKET_ID_ANY, base, t) !=
				    TEST_SUCCESS)
					return TEST_FAILED;
	}
	for (int socket : kSockets)
		for (alloc_fn f : {alloc_fn::malloc_socket})
			if (check_alloc(f, 100, 0, socket, base, t) != TEST_SUCCESS)
				return TEST_FAILED;

	/* rte_calloc(num, size): each count with a few element sizes */
	for (uint64_t num : bounds_values(SIZE_MAX)) {
		for (size_t size :
		     {(size_t)1, (size_t)8, (size_t)4096, (size_t)1 << 32, SIZE_MAX}) {
			const bool overflow = size != 0 && num > SIZE_MAX / size;
			const bool invalid = num == 0;
			rte_errno = 0;
			unsigned char *p = (unsigned char *)rte_calloc(nullptr, (size_t)num, size,
								       0);
			const int err = rte_errno;
			t.count(p != nullptr);
			if (invalid || overflow) {
				TEST_ASSERT_NULL(p, "rte_calloc(%llu, %zu)",
						 (unsigned long long)num, size);
				TEST_ASSERT_EQUAL(err, overflow ? ENOMEM : EINVAL,
						  "rte_calloc(%llu, %zu)", (unsigned long long)num,
						  size);
			} else if (p == nullptr) {
				TEST_ASSERT(num * size > kSurelyFits,
					    "rte_calloc(%llu, %zu) refused",
					    (unsigned long long)num, size);
				TEST_ASSERT_EQUAL(err, ENOMEM, "rte_calloc(%llu, %zu)",
						  (unsigned long long)num, size);
			} else {
				TEST_ASSERT(block_ok(p, num * size, true),
					    "rte_calloc(%llu, %zu) not "
					    "zeroed",
					    (unsigned long long)num, size);
				rte_free(p);
			}
			std::string leak = bounds_leak(base);
			TEST_ASSERT(leak.empty(), "rte_calloc(%llu, %zu): %s",
				    (unsigned long long)num, size, leak.c_str());
		}
	}

	/* rte_realloc: a live block to every size */
	for (uint64_t size : bounds_values(SIZE_MAX)) {
		unsigned char *p = (unsigned char *)rte_malloc(nullptr, 100, 0);
		TEST_ASSERT_NOT_NULL(p, "malloc");
		memset(p, 0x3c, 100);
		rte_errno = 0;
		unsigned char *q = (unsigned char *)rte_realloc(p, (size_t)size, 0);
		const int err = rte_errno;
		t.count(q != nullptr);
		if (size == 0) {
			TEST_ASSERT_NULL(q, "realloc to 0 frees");
		} else if (q == nullptr) {
			TEST_ASSERT(size > kSurelyFits, "realloc to %llu refused",
				    (unsigned long long)size);
			TEST_ASSERT_EQUAL(err, ENOMEM, "realloc to %llu", (unsigned long long)size);
			for (int i = 0; i < 100; i++)
				TEST_ASSERT_EQUAL(p[i], 0x3c, "realloc to %llu: old byte %d",
						  (unsigned long long)size, i);
			rte_free(p);
		} else {
			for (size_t i = 0; i < RTE_MIN((size_t)size, (size_t)100); i++)
				TEST_ASSERT_EQUAL(q[i], 0x3c, "realloc to %llu: byte %zu",
						  (unsigned long long)size, i);
			size_t usable = 0;
			TEST_ASSERT_SUCCESS(rte_malloc_validate(q, &usable), "realloc valid");
			TEST_ASSERT(usable >= size, "realloc to %llu: usable %zu",
				    (unsigned long long)size, usable);
			rte_free(q);
		}
		std::string leak = bounds_leak(base);
		TEST_ASSERT(leak.empty(), "realloc to %llu: %s", (unsigned long long)size,
			    leak.c_str());
	}
	rte_free(anchor);
	printf("malloc family: %u calls, %u succeeded, %u refused as documented\n", t.calls, t.ok,
	       t.refused);
	return TEST_SUCCESS;
}

namespace {

constexpr unsigned kKnownFlags = RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB |
				 RTE_MEMZONE_16GB | RTE_MEMZONE_256KB | RTE_MEMZONE_256MB |
				 RTE_MEMZONE_512MB | RTE_MEMZONE_4GB | RTE_MEMZONE_SIZE_HINT_ONLY |
				 RTE_MEMZONE_IOVA_CONTIG;

/* Page size a flag set insists on (0: any); 2 MB is what this machine has. */
bool
page_sizes_possible(unsigned flags, uint64_t page_sz)
{
	const unsigned sizes = flags & (kKnownFlags &
					~(RTE_MEMZONE_SIZE_HINT_ONLY | RTE_MEMZONE_IOVA_CONTIG));
	if (sizes == 0 || (flags & RTE_MEMZONE_SIZE_HINT_ONLY))
		return true;
	return (page_sz == RTE_PGSIZE_2M && (sizes & RTE_MEMZONE_2MB)) ||
	       (page_sz == RTE_PGSIZE_1G && (sizes & RTE_MEMZONE_1GB));
}

uint64_t
heap_page_size()
{
	void *p = rte_malloc(nullptr, 64, 0);
	const rte_memseg *ms = rte_mem_virt2memseg(p, nullptr);
	uint64_t pg = ms != nullptr ? ms->hugepage_sz : 0;
	rte_free(p);
	return pg;
}

bool
iova_contiguous(const rte_memzone *mz)
{
	for (size_t off = 0; off < mz->len; off += 4096)
		if (rte_mem_virt2iova(RTE_PTR_ADD(mz->addr, off)) != mz->iova + off)
			return false;
	return true;
}

struct zone_args {
	size_t len;
	unsigned align, bound, flags;
	int socket;
};

int
check_zone(const zone_args &a, uint64_t page_sz, const fault_footprint &base, bounds_tally &t)
{
	size_t line = RTE_CACHE_LINE_SIZE;
	const bool wraps = a.len > SIZE_MAX - (line - 1);
	const size_t rounded = wraps ? 0
				     : RTE_MAX(RTE_ALIGN_CEIL((size_t)a.len, (size_t)line),
					       (size_t)line);
	const bool invalid = wraps || (a.align != 0 && !rte_is_power_of_2(a.align)) ||
			     (a.bound != 0 && (!rte_is_power_of_2(a.bound) || a.bound < rounded)) ||
			     (a.flags & ~kKnownFlags) != 0 || !zone_socket_ok(a.socket);
	const size_t want_len = rounded;
	const bool must_fit = !invalid && want_len <= kSurelyFits && a.align <= kSurelyFits &&
			      !(a.flags & RTE_MEMZONE_IOVA_CONTIG) &&
			      page_sizes_possible(a.flags, page_sz) &&
			      /* length 0 takes what is free now, without a growth: the
		 * anchor's page has room for small alignments only */
			      (a.len != 0 || a.align <= 4096);
	char desc[160];
	snprintf(desc, sizeof(desc), "memzone(len %zu, align %u, bound %u, flags 0x%x, socket %d)",
		 a.len, a.align, a.bound, a.flags, a.socket);
	rte_errno = 0;
	const rte_memzone *mz = rte_memzone_reserve_bounded("bounds_zone", a.len, a.socket, a.flags,
							    a.align, a.bound);
	const int err = rte_errno;
	t.count(mz != nullptr);
	if (invalid) {
		TEST_ASSERT_NULL(mz, "%s: invalid, yet reserved", desc);
		TEST_ASSERT_EQUAL(err, EINVAL, "%s", desc);
	} else if (mz == nullptr) {
		TEST_ASSERT(!must_fit, "%s: refused (%s)", desc, rte_strerror(err));
		TEST_ASSERT_EQUAL(err, ENOMEM, "%s", desc);
	} else {
		const size_t al = RTE_MAX((size_t)a.align, line);
		TEST_ASSERT_EQUAL((uintptr_t)mz->addr % al, (uintptr_t)0, "%s: address %p", desc,
				  mz->addr);
		if (a.len != 0)
			TEST_ASSERT_EQUAL(mz->len, want_len, "%s: length", desc);
		else
			TEST_ASSERT(mz->len > 0 && mz->len % line == 0 &&
					    (a.bound == 0 || mz->len <= a.bound),
				    "%s: length 0 gave %zu", desc, mz->len);
		if (a.bound != 0)
			TEST_ASSERT_EQUAL((uintptr_t)mz->addr / a.bound,
					  ((uintptr_t)mz->addr + mz->len - 1) / a.bound,
					  "%s: crosses the bound", desc);
		if (a.flags & RTE_MEMZONE_IOVA_CONTIG)
			TEST_ASSERT(iova_contiguous(mz), "%s: not IOVA-contiguous", desc);
		if (a.socket != SOCKET_ID_ANY && has_heap(a.socket))
			TEST_ASSERT_EQUAL(mz->socket_id, a.socket, "%s: socket", desc);
		TEST_ASSERT(page_sizes_possible(a.flags, mz->hugepage_sz), "%s: page size %llu",
			    desc, (unsigned long long)mz->hugepage_sz);
		TEST_ASSERT(block_ok((unsigned char *)mz->addr, mz->len, false), "%s", desc);
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "%s: free", desc);
	}
	std::string leak = bounds_leak(base);
	TEST_ASSERT(leak.empty(), "%s: %s", desc, leak.c_str());
	return TEST_SUCCESS;
}

} // namespace

static int
test_bounds_memzone_family(void)
{
	bounds_memory_cap cap;
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	const uint64_t pg = heap_page_size();
	const fault_footprint base = fault_footprint_now();
	bounds_tally t;
	const std::vector<uint64_t> sizes = bounds_values(SIZE_MAX);
	const std::vector<uint64_t> u32 = bounds_values(UINT32_MAX);
	for (uint64_t len : sizes)
		for (unsigned flags : {0u, (unsigned)RTE_MEMZONE_IOVA_CONTIG})
			if (check_zone({(size_t)len, 64, 0, flags, SOCKET_ID_ANY}, pg, base, t) !=
			    TEST_SUCCESS)
				return TEST_FAILED;
	for (uint64_t align : u32)
		for (size_t len : {(size_t)0, (size_t)1, (size_t)5000})
			if (check_zone({len, (unsigned)align, 0, 0, SOCKET_ID_ANY}, pg, base, t) !=
			    TEST_SUCCESS)
				return TEST_FAILED;
	for (uint64_t bound : u32) {
		/* lengths below, at and above the bound, and 0 */
		for (uint64_t len :
		     {(uint64_t)0, (uint64_t)1, bound / 2, bound - 1, bound, bound + 1}) {
			if (check_zone({(size_t)len, 64, (unsigned)bound, 0, SOCKET_ID_ANY}, pg,
				       base, t) != TEST_SUCCESS)
				return TEST_FAILED;
		}
	}
	for (unsigned bit = 0; bit < 32; bit++)
		for (unsigned hint : {0u, (unsigned)RTE_MEMZONE_SIZE_HINT_ONLY})
			if (check_zone({5000, 64, 0, (1u << bit) | hint, SOCKET_ID_ANY}, pg, base,
				       t) != TEST_SUCCESS)
				return TEST_FAILED;
	for (unsigned flags : {kKnownFlags, ~0u, kKnownFlags & ~RTE_MEMZONE_SIZE_HINT_ONLY})
		if (check_zone({5000, 64, 0, flags, SOCKET_ID_ANY}, pg, base, t) != TEST_SUCCESS)
			return TEST_FAILED;
	for (int socket : kSockets)
		if (check_zone({5000, 64, 0, 0, socket}, pg, base, t) != TEST_SUCCESS)
			return TEST_FAILED;
	rte_free(anchor);
	printf("memzone family: %u calls, %u reserved, %u refused as documented\n", t.calls, t.ok,
	       t.refused);
	return TEST_SUCCESS;
}

static const struct unit_test_case bounds_eal_cases[] = {TEST_CASE(test_bounds_malloc_family),
							 TEST_CASE(test_bounds_memzone_family),
							 TEST_CASES_END()};

static const struct unit_test_suite bounds_eal_suite = {"bounds: malloc and memzone", nullptr,
							nullptr, bounds_eal_cases};

static int
test_bounds_eal(void)
{
	return unit_test_suite_runner(&bounds_eal_suite);
}

REGISTER_FAST_TEST(bounds_eal_autotest, NOHUGE_OK, ASAN_OK, test_bounds_eal);
