/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* rte_memcpy against memcpy: every size 0..1024 at many source and
 * destination misalignments, with guard bytes around the destination, plus
 * sizes known at compile time (a different code path once inlined) and
 * large copies that go to libc. */

#include <stdint.h>
#include <string.h>

#include <utility>
#include <vector>

#include <rte_memcpy.h>

#include "test.h"

namespace {

constexpr size_t guard_len = 64;
constexpr uint8_t guard_byte = 0xA5;

/* pattern that differs at every position and between buffers */
void
fill(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)((i * 131 + seed * 7 + (i >> 8)) ^ (seed >> 3));
}

/* copy with rte_memcpy into a guarded buffer and compare; the result is
 * the first bad offset relative to dst, or SIZE_MAX when all is well.
 * Offsets before 0 / at and after n are the guard zones. */
long
check_copy(const uint8_t *src, size_t n, size_t dst_off, std::vector<uint8_t> &space)
{
	space.assign(guard_len + dst_off + n + guard_len, guard_byte);
	uint8_t *dst = space.data() + guard_len + dst_off;
	void *ret = rte_memcpy(dst, src, n);
	if (ret != dst)
		return -1000000;
	for (size_t i = 0; i < guard_len + dst_off; i++)
		if (space[i] != guard_byte)
			return (long)i - (long)(guard_len + dst_off);
	if (memcmp(dst, src, n) != 0) {
		for (size_t i = 0; i < n; i++)
			if (dst[i] != src[i])
				return (long)i;
	}
	for (size_t i = 0; i < guard_len; i++)
		if (dst[n + i] != guard_byte)
			return (long)(n + i);
	return LONG_MAX;
}

template <size_t N>
bool
constant_size_copy_ok(const uint8_t *src, uint8_t *dst)
{
	memset(dst, guard_byte, N + guard_len);
	rte_memcpy(dst, src, N); /* N is a constant here */
	if (memcmp(dst, src, N) != 0)
		return false;
	for (size_t i = N; i < N + guard_len; i++)
		if (dst[i] != guard_byte)
			return false;
	return true;
}

/* sizes Base + Ns...; kept under 256 per call (clang's fold nesting limit) */
template <size_t Base, size_t... Ns>
size_t
first_bad_constant_size(const uint8_t *src, uint8_t *dst, std::index_sequence<Ns...>)
{
	size_t bad = SIZE_MAX;
	/* fold: stops evaluating at the first failure */
	(void)((constant_size_copy_ok<Base + Ns>(src, dst) || (bad = Base + Ns, false)) && ...);
	return bad;
}

} // namespace

static int
test_memcpy_all_small_sizes_and_alignments(void)
{
	static const size_t offsets[] = {0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63};
	std::vector<uint8_t> source(1024 + 128);
	std::vector<uint8_t> space;
	fill(source.data(), source.size(), 1);

	for (size_t n = 0; n <= 1024; n++)
		for (size_t so : offsets)
			for (size_t dof : offsets) {
				long bad = check_copy(source.data() + so, n, dof, space);
				TEST_ASSERT(bad == LONG_MAX,
					    "size %zu, src offset %zu, dst offset %zu: "
					    "wrong byte at offset %ld",
					    n, so, dof, bad);
			}
	return TEST_SUCCESS;
}

static int
test_memcpy_large_sizes(void)
{
	/* around the block loop's edges and the hand-over to libc at 64 KB */
	static const size_t sizes[] = {1025, 2047,      2048,  4095,  4096,  4097,
				       8191, 16384 + 7, 65535, 65536, 65537, 1 << 20};
	std::vector<uint8_t> source((1 << 20) + 64);
	std::vector<uint8_t> space;
	fill(source.data(), source.size(), 2);
	for (size_t n : sizes)
		for (size_t off : {0, 1, 17, 32}) {
			long bad = check_copy(source.data() + off, n, (off * 3) % 64, space);
			TEST_ASSERT(bad == LONG_MAX, "size %zu, offset %zu: wrong byte at %ld", n,
				    off, bad);
		}
	return TEST_SUCCESS;
}

static int
test_memcpy_compile_time_sizes(void)
{
	std::vector<uint8_t> source(1024);
	std::vector<uint8_t> dst(1024 + guard_len);
	fill(source.data(), source.size(), 3);

	size_t bad = first_bad_constant_size<0>(source.data() + 1, dst.data() + 3,
						std::make_index_sequence<150>{});
	TEST_ASSERT_EQUAL(bad, SIZE_MAX, "constant-size copy failed");
	bad = first_bad_constant_size<150>(source.data() + 1, dst.data() + 3,
					   std::make_index_sequence<150>{});
	TEST_ASSERT_EQUAL(bad, SIZE_MAX, "constant-size copy failed");
	bad = first_bad_constant_size<0>(source.data(), dst.data(),
					 std::index_sequence<511, 512, 513, 700, 1000>{});
	TEST_ASSERT_EQUAL(bad, SIZE_MAX, "constant-size copy failed");
	return TEST_SUCCESS;
}

static int
test_memcpy_fixed_moves(void)
{
	uint8_t src[256], dst[256 + guard_len];
	fill(src, sizeof(src), 4);
	struct {
		void (*mov)(uint8_t *, const uint8_t *);
		size_t n;
	} moves[] = {{rte_mov16, 16}, {rte_mov32, 32},   {rte_mov48, 48},
		     {rte_mov64, 64}, {rte_mov128, 128}, {rte_mov256, 256}};
	for (const auto &m : moves) {
		memset(dst, guard_byte, sizeof(dst));
		m.mov(dst + 1, src); /* odd destination */
		TEST_ASSERT(memcmp(dst + 1, src, m.n) == 0, "rte_mov%zu copied wrong bytes", m.n);
		TEST_ASSERT(dst[0] == guard_byte && dst[m.n + 1] == guard_byte,
			    "rte_mov%zu wrote outside its %zu bytes", m.n, m.n);
	}
	return TEST_SUCCESS;
}

static const struct unit_test_case memcpy_cases[] = {
	TEST_CASE(test_memcpy_all_small_sizes_and_alignments), TEST_CASE(test_memcpy_large_sizes),
	TEST_CASE(test_memcpy_compile_time_sizes), TEST_CASE(test_memcpy_fixed_moves),
	TEST_CASES_END()};

static const struct unit_test_suite memcpy_suite = {"memcpy", nullptr, nullptr, memcpy_cases};

static int
test_memcpy(void)
{
	return unit_test_suite_runner(&memcpy_suite);
}

REGISTER_FAST_TEST(memcpy_autotest, NOHUGE_OK, ASAN_OK, test_memcpy);
