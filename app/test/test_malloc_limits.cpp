/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * malloc_limits_autotest: requests the heap can never serve fail cleanly.
 * Sizes far beyond any machine (2^47 .. SIZE_MAX) return NULL with
 * ENOMEM from every allocation entry point; rte_realloc near SIZE_MAX
 * leaves the block as it was; a memzone bound below the cache-line-rounded
 * length is EINVAL. After every refused request the process's dpkit
 * footprint (mapped pages, heap bytes and blocks, memzones, fds) is what
 * it was before: a refusal never maps pages and keeps them.
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "eal_fault.h"
#include "test.h"
#include "test_fault.h"

namespace {

/* Sizes no heap can hold, but below the SIZE_MAX/2 cap of the size
 * checks: each reaches the heap's growth. */
const size_t kHugeSizes[] = {
	(size_t)1 << 47,
	((size_t)1 << 47) + 1,
	(size_t)1 << 53,
	((size_t)1 << 53) + 1,
	((size_t)1 << 53) - 1,
	(size_t)1 << 60,
	((size_t)1 << 62) + 4097,
	SIZE_MAX / 2 - 4096,
	SIZE_MAX / 2 - 1,
	SIZE_MAX / 2,
	SIZE_MAX / 2 + 1,
	SIZE_MAX - 4096,
	SIZE_MAX - 64,
	SIZE_MAX - 63,
	SIZE_MAX - 1,
	SIZE_MAX,
};

#define CHECK_FOOTPRINT(before, what, ...) \
	do { \
		std::string d_ = fault_footprint_diff(before, fault_footprint_now()); \
		TEST_ASSERT(d_.empty(), what ": footprint changed: %s", ##__VA_ARGS__, \
			    d_.c_str()); \
	} while (0)

} // namespace

static int
test_malloc_huge_sizes_fail_cleanly(void)
{
	/* a live block: the heap keeps a page whatever happens */
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	fault_footprint before = fault_footprint_now();
	for (size_t size : kHugeSizes) {
		for (unsigned align : {0u, 64u, 4096u, 1u << 21}) {
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_malloc(nullptr, size, align), "malloc %zu", size);
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "malloc %zu align %u", size, align);
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_zmalloc(nullptr, size, align), "zmalloc %zu", size);
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "zmalloc %zu align %u", size, align);
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_calloc(nullptr, 1, size, align), "calloc 1 x %zu",
					 size);
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "calloc 1 x %zu", size);
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_malloc_socket(nullptr, size, align, SOCKET_ID_ANY),
					 "malloc_socket %zu", size);
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "malloc_socket %zu", size);
		}
		CHECK_FOOTPRINT(before, "after malloc family of %zu bytes", size);
	}
	/* counts whose product is huge but does not overflow */
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_calloc(nullptr, (size_t)1 << 30, (size_t)1 << 25, 0), "calloc 2^55");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "calloc 2^55");
	CHECK_FOOTPRINT(before, "after calloc 2^55");
	rte_free(anchor);
	return TEST_SUCCESS;
}

static int
test_memzone_huge_sizes_fail_cleanly(void)
{
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	fault_footprint before = fault_footprint_now();
	for (size_t size : kHugeSizes) {
		for (unsigned flags : {0u, (unsigned)RTE_MEMZONE_IOVA_CONTIG,
				       (unsigned)(RTE_MEMZONE_2MB | RTE_MEMZONE_SIZE_HINT_ONLY)}) {
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_memzone_reserve("mz_huge", size, SOCKET_ID_ANY, flags),
					 "memzone %zu flags 0x%x", size, flags);
			/* DPDK: EINVAL when rounding to a cache line would wrap,
			 * ENOMEM for any other size no heap has */
			int want = size > SIZE_MAX - (RTE_CACHE_LINE_SIZE - 1) ? EINVAL : ENOMEM;
			TEST_ASSERT_EQUAL(rte_errno, want, "memzone %zu flags 0x%x", size, flags);
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_memzone_reserve_aligned(
						 "mz_huge_a", size, SOCKET_ID_ANY, flags, 1u << 20),
					 "aligned memzone %zu", size);
			TEST_ASSERT_EQUAL(rte_errno, want, "aligned memzone %zu", size);
		}
		CHECK_FOOTPRINT(before, "after memzones of %zu bytes", size);
	}
	TEST_ASSERT_NULL(rte_memzone_lookup("mz_huge"), "no zone left");
	rte_free(anchor);
	return TEST_SUCCESS;
}

static int
test_realloc_huge_size_keeps_block(void)
{
	const size_t len = 1000;
	unsigned char *p = (unsigned char *)rte_malloc(nullptr, len, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 7);
	fault_footprint before = fault_footprint_now();
	for (size_t size : kHugeSizes) {
		for (unsigned align : {0u, 64u, 1u << 16}) {
			rte_errno = 0;
			void *q = rte_realloc(p, size, align);
			TEST_ASSERT_NULL(q, "realloc to %zu align %u returned a block", size,
					 align);
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "realloc to %zu", size);
			size_t usable = 0;
			TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &usable),
					    "block still valid after realloc to %zu", size);
			TEST_ASSERT(usable >= len && usable < len + 4096,
				    "usable %zu after realloc to %zu", usable, size);
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_realloc_socket(p, size, align, SOCKET_ID_ANY),
					 "realloc_socket to %zu", size);
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "realloc_socket to %zu", size);
		}
		CHECK_FOOTPRINT(before, "after realloc to %zu", size);
	}
	for (size_t i = 0; i < len; i++)
		TEST_ASSERT_EQUAL(p[i], (unsigned char)(i * 7), "byte %zu", i);
	rte_free(p);
	TEST_ASSERT_FAIL(rte_malloc_validate(p, nullptr), "freed once, for good");
	return TEST_SUCCESS;
}

static int
test_memzone_bound_below_cache_line(void)
{
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	fault_footprint before = fault_footprint_now();
	/* lengths 1..64 round to one cache line: a smaller bound can never
	 * hold them (DPDK: EINVAL) */
	for (int i = 0; i < 100; i++) {
		for (unsigned bound : {1u, 2u, 16u, 32u}) {
			size_t len = 1 + (size_t)(i % 16);
			if (len > bound)
				continue; /* raw length above the bound: refused anyway */
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_memzone_reserve_bounded("mz_b_small", len,
								     SOCKET_ID_ANY, 0, 64, bound),
					 "len %zu bound %u", len, bound);
			TEST_ASSERT_EQUAL(rte_errno, EINVAL, "len %zu bound %u", len, bound);
		}
	}
	CHECK_FOOTPRINT(before, "after 100 rounds of bounds below 64");
	/* len 0 with a bound asks for the bound's size (DPDK) */
	const rte_memzone *mz = rte_memzone_reserve_bounded("mz_b_zero", 0, SOCKET_ID_ANY, 0, 64,
							    4096);
	TEST_ASSERT_NOT_NULL(mz, "len 0 bound 4096: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(mz->len, (size_t)4096, "len 0 with a bound: the bound");
	TEST_ASSERT_EQUAL((uintptr_t)mz->addr / 4096, ((uintptr_t)mz->addr + 4095) / 4096,
			  "inside one 4096 window");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve_bounded("mz_b_zero", 0, SOCKET_ID_ANY, 0, 64, 32),
			 "len 0 bound 32");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "len 0 bound 32");
	/* a bound of exactly the rounded length is fine */
	mz = rte_memzone_reserve_bounded("mz_b_64", 10, SOCKET_ID_ANY, 0, 64, 64);
	TEST_ASSERT_NOT_NULL(mz, "len 10 bound 64: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(mz->len, (size_t)64, "rounded to a cache line");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	CHECK_FOOTPRINT(before, "after the bounded zones");
	rte_free(anchor);
	return TEST_SUCCESS;
}

static int
test_refused_requests_map_nothing(void)
{
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	fault_footprint before = fault_footprint_now();
	struct refused {
		const char *what;
		const rte_memzone *(*call)(void);
	};
	static const refused cases[] =
		{
			{"bound 1",
			 [] {
		return rte_memzone_reserve_bounded("mz_r", 1, SOCKET_ID_ANY, 0, 64, 1);
			 }},
			{"bound below length",
			 [] {
		return rte_memzone_reserve_bounded("mz_r", 8192, SOCKET_ID_ANY, 0, 64, 4096);
			 }},
			     {"bound not a power of two",
			      [] {
		return rte_memzone_reserve_bounded("mz_r", 100, SOCKET_ID_ANY, 0, 64, 3000);
			      }},
		{"align not a power of two",
		 [] { return rte_memzone_reserve_aligned("mz_r", 100, SOCKET_ID_ANY, 0, 96); }},
		{"unknown flag",
		 [] { return rte_memzone_reserve("mz_r", 100, SOCKET_ID_ANY, 0x80000000u); }},
		{"16 GB pages only",
		 [] { return rte_memzone_reserve("mz_r", 100, SOCKET_ID_ANY, RTE_MEMZONE_16GB); }},
		{"1 TB IOVA-contiguous",
		 [] {
		return rte_memzone_reserve("mz_r", (size_t)1 << 40, SOCKET_ID_ANY,
					   RTE_MEMZONE_IOVA_CONTIG);
		 }},
		{"1 TB",
		 [] { return rte_memzone_reserve("mz_r", (size_t)1 << 40, SOCKET_ID_ANY, 0); }},
		};
	for (int round = 0; round < 20; round++) {
		for (const refused &c : cases) {
			TEST_ASSERT_NULL(c.call(), "%s reserved", c.what);
			CHECK_FOOTPRINT(before, "round %d, %s", round, c.what);
		}
	}
	rte_free(anchor);
	return TEST_SUCCESS;
}

/* A request the heap grew for but still cannot place (forced with the
 * heap_place fault) gives back every page the growth mapped, in each way
 * a heap grows: plain, merged with a free tail, IOVA-contiguous, bounded. */
static int
test_unplaceable_request_gives_growth_back(void)
{
#ifndef RTE_FAULT_INJECTION
	TEST_SKIP("needs -Dfault_injection=true (the heap_place fault forces the case)");
#else
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	fault_footprint before = fault_footprint_now();
	const size_t mb = (size_t)1 << 20;
	unsigned grown = 0;
	for (bool sticky : {true, false}) {
		dpkit_fault_reset();
		dpkit_fault_arm(DPKIT_FAULT_HEAP_PLACE, 1, sticky);
		rte_errno = 0;
		void *p = rte_malloc(nullptr, 8 * mb, 0);
		if (sticky) {
			TEST_ASSERT_NULL(p, "malloc placed despite the fault");
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "malloc");
		} else {
			/* once: the second growth serves, the first stays free */
			TEST_ASSERT_NOT_NULL(p, "malloc after one refused placement");
			memset(p, 1, 8 * mb);
			rte_free(p);
		}
		grown += (unsigned)dpkit_fault_calls(DPKIT_FAULT_HEAP_PLACE);
		CHECK_FOOTPRINT(before, "malloc, heap_place fault %s", sticky ? "sticky" : "once");
	}
	const unsigned flag_sets[] = {0u, (unsigned)RTE_MEMZONE_IOVA_CONTIG};
	for (unsigned flags : flag_sets) {
		for (unsigned bound : {0u, 1u << 22}) {
			dpkit_fault_reset();
			dpkit_fault_arm(DPKIT_FAULT_HEAP_PLACE, 1, true);
			rte_errno = 0;
			TEST_ASSERT_NULL(rte_memzone_reserve_bounded("mz_unplaced", 3 * mb,
								     SOCKET_ID_ANY, flags, 64,
								     bound),
					 "zone flags 0x%x bound %u", flags, bound);
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "zone flags 0x%x", flags);
			grown += (unsigned)dpkit_fault_calls(DPKIT_FAULT_HEAP_PLACE);
			CHECK_FOOTPRINT(before, "zone flags 0x%x bound %u", flags, bound);
		}
	}
	dpkit_fault_reset();
	rte_free(anchor);
	if (grown == 0)
		TEST_SKIP("memory is fixed in this mode (legacy or no-huge): the heap never grows");
	printf("%u growths given back\n", grown);
	return TEST_SUCCESS;
#endif
}

static const struct unit_test_case limits_cases[] = {
	TEST_CASE(test_malloc_huge_sizes_fail_cleanly),
	TEST_CASE(test_memzone_huge_sizes_fail_cleanly),
	TEST_CASE(test_realloc_huge_size_keeps_block),
	TEST_CASE(test_memzone_bound_below_cache_line),
	TEST_CASE(test_refused_requests_map_nothing),
	TEST_CASE(test_unplaceable_request_gives_growth_back),
	TEST_CASES_END()};

static const struct unit_test_suite limits_suite = {"malloc limits", nullptr, nullptr,
						    limits_cases};

static int
test_malloc_limits(void)
{
	return unit_test_suite_runner(&limits_suite);
}

REGISTER_FAST_TEST(malloc_limits_autotest, NOHUGE_OK, ASAN_OK, test_malloc_limits);
