/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* rte_common.h and rte_bitops.h: alignment, power-of-two and bit-scan
 * maths at their edges, macro hygiene, and rte_str_to_size parsing. */

#include <stdint.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_prefetch.h>

#include "test.h"

namespace {

struct outer {
	int a;
	long b;
	char c[3];
};

/* proves RTE_BUILD_BUG_ON works in a constant context at file scope */
struct sized {
	uint64_t x[8];
};

} // namespace

static int
test_common_alignment(void)
{
	TEST_ASSERT_EQUAL(RTE_ALIGN_FLOOR(37u, 16u), 32u, "floor");
	TEST_ASSERT_EQUAL(RTE_ALIGN_CEIL(37u, 16u), 48u, "ceil");
	TEST_ASSERT_EQUAL(RTE_ALIGN_CEIL(48u, 16u), 48u, "ceil of aligned");
	TEST_ASSERT_EQUAL(RTE_ALIGN(1u, 64u), 64u, "RTE_ALIGN rounds up");
	TEST_ASSERT_EQUAL(RTE_ALIGN_FLOOR((uint64_t)1 << 40 | 5, (uint64_t)4096), (uint64_t)1 << 40,
			  "64-bit floor keeps high bits");
	TEST_ASSERT_EQUAL(RTE_ALIGN_MUL_CEIL(10, 3), 12, "mul ceil");
	TEST_ASSERT_EQUAL(RTE_ALIGN_MUL_FLOOR(10, 3), 9, "mul floor");
	TEST_ASSERT_EQUAL(RTE_ALIGN_MUL_NEAR(10, 3), 9, "mul near rounds down when closer");
	TEST_ASSERT_EQUAL(RTE_ALIGN_MUL_NEAR(11, 3), 12, "mul near rounds up when closer");
	TEST_ASSERT_EQUAL(RTE_CACHE_LINE_ROUNDUP(65), 128, "cache line roundup");
	TEST_ASSERT_EQUAL(1 << RTE_CACHE_LINE_SIZE_LOG2, RTE_CACHE_LINE_SIZE, "line size log2");
	TEST_ASSERT_EQUAL(RTE_CACHE_LINE_MASK, RTE_CACHE_LINE_SIZE - 1, "line mask");

	char buf[256];
	char *p = buf + 1;
	char *up = RTE_PTR_ALIGN(p, 64);
	char *down = RTE_PTR_ALIGN_FLOOR(p, 64);
	TEST_ASSERT(rte_is_aligned(up, 64) && up >= p && up - p < 64, "pointer ceil");
	TEST_ASSERT(rte_is_aligned(down, 64) && down <= p && p - down < 64, "pointer floor");
	TEST_ASSERT(RTE_PTR_ALIGN_CEIL(up, 64) == up, "aligned pointer unchanged");
	TEST_ASSERT(!rte_is_aligned(buf + 1, 2), "odd address is not 2-aligned");
	TEST_ASSERT(RTE_PTR_ADD(buf, 10) == (void *)(buf + 10), "ptr add");
	TEST_ASSERT(RTE_PTR_SUB(buf + 10, 4) == (void *)(buf + 6), "ptr sub");
	TEST_ASSERT_EQUAL(RTE_PTR_DIFF(buf + 10, buf), (uintptr_t)10, "ptr diff");
	return TEST_SUCCESS;
}

static int
test_common_power_of_two(void)
{
	TEST_ASSERT(!rte_is_power_of_2(0), "0 is not a power of 2");
	TEST_ASSERT(rte_is_power_of_2(1) && rte_is_power_of_2(1u << 31), "1 and 2^31 are");
	TEST_ASSERT(!rte_is_power_of_2(6) && !rte_is_power_of_2(UINT32_MAX), "6, max are not");
	TEST_ASSERT(!RTE_IS_POWER_OF_2(0) && RTE_IS_POWER_OF_2(64) && !RTE_IS_POWER_OF_2(65),
		    "macro form");

	TEST_ASSERT_EQUAL(rte_align32pow2(0), 0u, "align32pow2(0) wraps to 0");
	TEST_ASSERT_EQUAL(rte_align32pow2(1), 1u, "align32pow2(1)");
	TEST_ASSERT_EQUAL(rte_align32pow2(3), 4u, "align32pow2(3)");
	TEST_ASSERT_EQUAL(rte_align32pow2(4), 4u, "align32pow2(4)");
	TEST_ASSERT_EQUAL(rte_align32pow2((1u << 31) - 1), 1u << 31, "align32pow2(2^31-1)");
	TEST_ASSERT_EQUAL(rte_align32pow2((1u << 31) + 1), 0u, "align32pow2 past 2^31 wraps");
	TEST_ASSERT_EQUAL(rte_align32prevpow2(0), 0u, "align32prevpow2(0)");
	TEST_ASSERT_EQUAL(rte_align32prevpow2(5), 4u, "align32prevpow2(5)");
	TEST_ASSERT_EQUAL(rte_align32prevpow2(UINT32_MAX), 1u << 31, "align32prevpow2(max)");
	TEST_ASSERT_EQUAL(rte_align64pow2(((uint64_t)1 << 40) + 1), (uint64_t)1 << 41,
			  "align64pow2");
	TEST_ASSERT_EQUAL(rte_align64pow2(1), (uint64_t)1, "align64pow2(1)");
	TEST_ASSERT_EQUAL(rte_align64prevpow2(UINT64_MAX), (uint64_t)1 << 63, "align64prevpow2");
	TEST_ASSERT_EQUAL(rte_combine32ms1b(0x100), 0x1ffu, "combine32ms1b");
	TEST_ASSERT_EQUAL(rte_combine64ms1b((uint64_t)1 << 50), ((uint64_t)1 << 51) - 1,
			  "combine64ms1b");
	return TEST_SUCCESS;
}

static int
test_common_bit_scans(void)
{
	uint32_t pos = 99;
	TEST_ASSERT_EQUAL(rte_bsf32(1), 0u, "bsf32(1)");
	TEST_ASSERT_EQUAL(rte_bsf32(0x80000000u), 31u, "bsf32 top bit");
	TEST_ASSERT_EQUAL(rte_bsf32(0x50), 4u, "bsf32 lowest set bit");
	TEST_ASSERT_EQUAL(rte_bsf32_safe(0, &pos), 0, "bsf32_safe(0) fails");
	TEST_ASSERT_EQUAL(pos, 99u, "bsf32_safe(0) leaves pos alone");
	TEST_ASSERT_EQUAL(rte_bsf32_safe(0x50, &pos), 1, "bsf32_safe");
	TEST_ASSERT_EQUAL(pos, 4u, "bsf32_safe position");
	TEST_ASSERT_EQUAL(rte_bsf64((uint64_t)1 << 63), 63u, "bsf64 top bit");
	TEST_ASSERT_EQUAL(rte_bsf64_safe(0, &pos), 0, "bsf64_safe(0) fails");
	TEST_ASSERT_EQUAL(rte_bsf64_safe((uint64_t)3 << 40, &pos), 1, "bsf64_safe");
	TEST_ASSERT_EQUAL(pos, 40u, "bsf64_safe position");

	TEST_ASSERT_EQUAL(rte_fls_u32(0), 0u, "fls32(0)");
	TEST_ASSERT_EQUAL(rte_fls_u32(1), 1u, "fls32(1)");
	TEST_ASSERT_EQUAL(rte_fls_u32(UINT32_MAX), 32u, "fls32(max)");
	TEST_ASSERT_EQUAL(rte_fls_u64(0), 0u, "fls64(0)");
	TEST_ASSERT_EQUAL(rte_fls_u64(UINT64_MAX), 64u, "fls64(max)");
	TEST_ASSERT_EQUAL(rte_fls_u64((uint64_t)1 << 32), 33u, "fls64(2^32)");

	/* log2 rounds up: it is the log2 of the next power of two */
	TEST_ASSERT_EQUAL(rte_log2_u32(0), 0u, "log2(0)");
	TEST_ASSERT_EQUAL(rte_log2_u32(1), 0u, "log2(1)");
	TEST_ASSERT_EQUAL(rte_log2_u32(2), 1u, "log2(2)");
	TEST_ASSERT_EQUAL(rte_log2_u32(3), 2u, "log2(3) rounds up");
	TEST_ASSERT_EQUAL(rte_log2_u32(1u << 31), 31u, "log2(2^31)");
	TEST_ASSERT_EQUAL(rte_log2_u64(((uint64_t)1 << 40) + 1), 41u, "log2_u64 rounds up");
	TEST_ASSERT_EQUAL(rte_log2_u64((uint64_t)1 << 63), 63u, "log2_u64(2^63)");
	return TEST_SUCCESS;
}

/* The read under test. GCC's UBSan checks a load through the aligned(1)
 * typedef against uint64_t's 8-byte alignment (clang's does not), which is
 * a false report, so the alignment check is off for this one read. */
__attribute__((noinline, no_sanitize("alignment"))) static uint64_t
read_unaligned_u64(const uint8_t *p)
{
	auto *u = (const unaligned_uint64_t *)p;
	return *u;
}

static int
test_common_macros(void)
{
	int calls = 0;
	auto next = [&] { return ++calls; };
	TEST_ASSERT_EQUAL(RTE_MIN(next(), 10), 1, "min");
	TEST_ASSERT_EQUAL(RTE_MAX(next(), 0), 2, "max");
	TEST_ASSERT_EQUAL(calls, 2, "RTE_MIN/RTE_MAX evaluate arguments once");

	int a = 1, b = 2;
	RTE_SWAP(a, b);
	TEST_ASSERT(a == 2 && b == 1, "swap");

	int arr[7];
	TEST_ASSERT_EQUAL(RTE_DIM(arr), (size_t)7, "dim");
	TEST_ASSERT_EQUAL(RTE_SIZEOF_FIELD(struct outer, c), (size_t)3, "sizeof field");
	TEST_ASSERT_EQUAL(RTE_LEN2MASK(12, uint32_t), 0xfffu, "len2mask");
	TEST_ASSERT_EQUAL(RTE_LEN2MASK(64, uint64_t), UINT64_MAX, "len2mask full width");

	struct outer o;
	TEST_ASSERT(container_of(&o.b, struct outer, b) == &o, "container_of");
	TEST_ASSERT_EQUAL(std::string(RTE_STR(RTE_CACHE_LINE_SIZE)), std::string("64"),
			  "RTE_STR expands its argument");
	RTE_BUILD_BUG_ON(sizeof(struct sized) != 64);
	TEST_ASSERT_EQUAL(RTE_BAD_IOVA, (rte_iova_t)-1, "bad iova");
	TEST_ASSERT_EQUAL(RTE_BAD_PHYS_ADDR, (phys_addr_t)-1, "bad phys addr");

	uint8_t raw[9] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
	uint64_t value = read_unaligned_u64(raw + 1);
	TEST_ASSERT_EQUAL(value, (uint64_t)0x0807060504030201ULL, "unaligned 64-bit read");
	return TEST_SUCCESS;
}

static int
test_common_str_to_size(void)
{
	struct {
		const char *text;
		uint64_t want;
	} cases[] = {
		{"0", 0},
		{"123", 123},
		{"  64", 64},
		{"0x10", 16},
		{"010", 8},
		{"4K", 4096},
		{"4k", 4096},
		{"2M", 2ULL << 20},
		{"512 M", 512ULL << 20},
		{"1G", 1ULL << 30},
		{"3T", 3ULL << 40},
		{"1P", 1ULL << 50},
		{"2E", 2ULL << 60},
		{"7X", 7}, /* unknown suffix: plain number */
		{"", 0},   /* not a number */
		{"abc", 0},
		{"K", 0},
		{"-1", 0}, /* negative sizes do not exist */
		{"-4K", 0},
		{"16E", 0},                  /* 2^64: does not fit */
		{"99999999999999999999", 0}, /* strtoull overflow */
	};
	for (const auto &c : cases)
		TEST_ASSERT_EQUAL(rte_str_to_size(c.text), c.want, "rte_str_to_size(\"%s\")",
				  c.text);
	TEST_ASSERT_EQUAL(rte_str_to_size(nullptr), 0ull, "NULL string");
	return TEST_SUCCESS;
}

static int
test_common_bitops(void)
{
	TEST_ASSERT_EQUAL(RTE_BIT32(31), 0x80000000u, "RTE_BIT32");
	TEST_ASSERT_EQUAL(RTE_BIT64(63), (uint64_t)1 << 63, "RTE_BIT64");

	volatile uint32_t w32 = 0;
	rte_bit_relaxed_set32(5, &w32);
	TEST_ASSERT_EQUAL(w32, 0x20u, "set32");
	TEST_ASSERT(rte_bit_relaxed_get32(5, &w32) != 0, "get32 of a set bit");
	TEST_ASSERT_EQUAL(rte_bit_relaxed_get32(4, &w32), 0u, "get32 of a clear bit");
	TEST_ASSERT(rte_bit_relaxed_test_and_set32(5, &w32) != 0, "test_and_set32 old=1");
	TEST_ASSERT_EQUAL(rte_bit_relaxed_test_and_set32(0, &w32), 0u, "test_and_set32 old=0");
	TEST_ASSERT_EQUAL(w32, 0x21u, "test_and_set32 stored");
	TEST_ASSERT(rte_bit_relaxed_test_and_clear32(0, &w32) != 0, "test_and_clear32 old=1");
	TEST_ASSERT_EQUAL(rte_bit_relaxed_test_and_clear32(0, &w32), 0u, "test_and_clear32 old=0");
	rte_bit_relaxed_clear32(5, &w32);
	TEST_ASSERT_EQUAL(w32, 0u, "clear32");

	volatile uint64_t w64 = 0;
	rte_bit_relaxed_set64(63, &w64);
	TEST_ASSERT_EQUAL(w64, (uint64_t)1 << 63, "set64");
	TEST_ASSERT(rte_bit_relaxed_get64(63, &w64) != 0, "get64");
	TEST_ASSERT(rte_bit_relaxed_test_and_clear64(63, &w64) != 0, "test_and_clear64");
	TEST_ASSERT_EQUAL(rte_bit_relaxed_test_and_set64(40, &w64), (uint64_t)0, "test_and_set64");
	rte_bit_relaxed_clear64(40, &w64);
	TEST_ASSERT_EQUAL(w64, (uint64_t)0, "clear64");
	return TEST_SUCCESS;
}

static int
test_common_prefetch_hints_execute(void)
{
	/* hints have no visible effect; this proves each encoding runs,
	 * including on addresses that are not mapped (prefetch never faults) */
	static uint64_t line[8];
	const void *unmapped = (const void *)(uintptr_t)0x10;
	rte_prefetch0(line);
	rte_prefetch1(line);
	rte_prefetch2(line);
	rte_prefetch_non_temporal(line);
	rte_prefetch0_write(line);
	rte_prefetch1_write(line);
	rte_prefetch2_write(line);
	rte_cldemote(line);
	rte_prefetch0(unmapped);
	rte_prefetch_non_temporal(unmapped);
	line[0] = 1;
	TEST_ASSERT_EQUAL(line[0], (uint64_t)1, "memory unchanged by hints");
	return TEST_SUCCESS;
}

static const struct unit_test_case common_cases[] = {TEST_CASE(test_common_alignment),
						     TEST_CASE(test_common_power_of_two),
						     TEST_CASE(test_common_bit_scans),
						     TEST_CASE(test_common_macros),
						     TEST_CASE(test_common_str_to_size),
						     TEST_CASE(test_common_bitops),
						     TEST_CASE(test_common_prefetch_hints_execute),
						     TEST_CASES_END()};

static const struct unit_test_suite common_suite = {"common", nullptr, nullptr, common_cases};

static int
test_common(void)
{
	return unit_test_suite_runner(&common_suite);
}

REGISTER_FAST_TEST(common_autotest, NOHUGE_OK, ASAN_OK, test_common);
