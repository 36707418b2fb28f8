/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Byte swapping and CPU <-> big/little endian conversions, including the
 * constant forms where the language demands a constant expression. */

#include <stdint.h>
#include <string.h>

#include <rte_byteorder.h>

#include "test.h"

namespace {

/* constant-expression contexts: these would not compile otherwise */
const rte_be16_t ether_type_ipv4 = RTE_BE16(0x0800);
static_assert(RTE_BE32(0x11223344) == 0x44332211, "RTE_BE32 is constant");
static_assert(RTE_STATIC_BSWAP64(0x0102030405060708ULL) == 0x0807060504030201ULL,
	      "RTE_STATIC_BSWAP64 is constant");
static_assert(rte_bswap16(0x1234) == 0x3412, "rte_bswap16 folds at compile time");

int
classify(rte_be16_t type)
{
	switch (type) {
	case RTE_BE16(0x0800): return 4;
	case RTE_BE16(0x86dd): return 6;
	default: return 0;
	}
}

} // namespace

static int
test_byteorder_swaps(void)
{
	volatile uint64_t x64 = 0x0102030405060708ULL; /* volatile: not folded */
	volatile uint32_t x32 = 0x01020304;
	volatile uint16_t x16 = 0x0102;

	TEST_ASSERT_EQUAL(rte_bswap64(x64), (uint64_t)0x0807060504030201ULL, "bswap64");
	TEST_ASSERT_EQUAL(rte_bswap32(x32), 0x04030201u, "bswap32");
	TEST_ASSERT_EQUAL(rte_bswap16(x16), (uint16_t)0x0201, "bswap16");
	TEST_ASSERT_EQUAL(rte_constant_bswap16(0xabcd), (uint16_t)0xcdab, "constant_bswap16");
	TEST_ASSERT_EQUAL(rte_constant_bswap32(0xa1b2c3d4), 0xd4c3b2a1u, "constant_bswap32");
	TEST_ASSERT_EQUAL(rte_constant_bswap64(0x1122334455667788ULL),
			  (uint64_t)0x8877665544332211ULL, "constant_bswap64");
	TEST_ASSERT_EQUAL(RTE_STATIC_BSWAP16(0xff00), 0x00ff, "static bswap16");
	TEST_ASSERT_EQUAL(rte_bswap32(rte_bswap32(x32)), (uint32_t)x32, "swap twice is identity");
	return TEST_SUCCESS;
}

static int
test_byteorder_conversions(void)
{
	TEST_ASSERT_EQUAL(RTE_BYTE_ORDER, RTE_LITTLE_ENDIAN, "x86-64 is little endian");

	/* big endian means most significant byte first in memory */
	uint8_t bytes[8];
	rte_be32_t be32 = rte_cpu_to_be_32(0x0a0b0c0d);
	memcpy(bytes, &be32, 4);
	TEST_ASSERT(bytes[0] == 0x0a && bytes[3] == 0x0d, "cpu_to_be_32 byte layout");
	rte_be16_t be16 = rte_cpu_to_be_16(0x1234);
	memcpy(bytes, &be16, 2);
	TEST_ASSERT(bytes[0] == 0x12 && bytes[1] == 0x34, "cpu_to_be_16 byte layout");
	rte_be64_t be64 = rte_cpu_to_be_64(0x0102030405060708ULL);
	memcpy(bytes, &be64, 8);
	TEST_ASSERT(bytes[0] == 0x01 && bytes[7] == 0x08, "cpu_to_be_64 byte layout");

	rte_le32_t le32 = rte_cpu_to_le_32(0x0a0b0c0d);
	memcpy(bytes, &le32, 4);
	TEST_ASSERT(bytes[0] == 0x0d && bytes[3] == 0x0a, "cpu_to_le_32 byte layout");

	TEST_ASSERT_EQUAL(rte_be_to_cpu_16(be16), (uint16_t)0x1234, "be16 round trip");
	TEST_ASSERT_EQUAL(rte_be_to_cpu_32(be32), 0x0a0b0c0du, "be32 round trip");
	TEST_ASSERT_EQUAL(rte_be_to_cpu_64(be64), (uint64_t)0x0102030405060708ULL,
			  "be64 round trip");
	TEST_ASSERT_EQUAL(rte_le_to_cpu_16(rte_cpu_to_le_16(0x1234)), 0x1234, "le16 round trip");
	TEST_ASSERT_EQUAL(rte_le_to_cpu_32(le32), 0x0a0b0c0du, "le32 round trip");
	TEST_ASSERT_EQUAL(rte_le_to_cpu_64(rte_cpu_to_le_64(5ULL)), 5ULL, "le64 round trip");

	TEST_ASSERT_EQUAL(RTE_BE16(0x0800), rte_cpu_to_be_16(0x0800), "RTE_BE16 agrees");
	TEST_ASSERT_EQUAL(RTE_BE64(1ULL), rte_cpu_to_be_64(1ULL), "RTE_BE64 agrees");
	TEST_ASSERT_EQUAL(RTE_LE16(7), 7, "RTE_LE16 is identity here");
	TEST_ASSERT_EQUAL(RTE_LE32(7u), 7u, "RTE_LE32 is identity here");
	TEST_ASSERT_EQUAL(RTE_LE64(7ULL), 7ULL, "RTE_LE64 is identity here");
	TEST_ASSERT_EQUAL(classify(ether_type_ipv4), 4, "constant in a case label");
	TEST_ASSERT_EQUAL(classify(rte_cpu_to_be_16(0x86dd)), 6, "constant in a case label");
	return TEST_SUCCESS;
}

static const struct unit_test_case byteorder_cases[] = {
	TEST_CASE(test_byteorder_swaps), TEST_CASE(test_byteorder_conversions), TEST_CASES_END()};

static const struct unit_test_suite byteorder_suite = {"byteorder", nullptr, nullptr,
						       byteorder_cases};

static int
test_byteorder(void)
{
	return unit_test_suite_runner(&byteorder_suite);
}

REGISTER_FAST_TEST(byteorder_autotest, NOHUGE_OK, ASAN_OK, test_byteorder);
