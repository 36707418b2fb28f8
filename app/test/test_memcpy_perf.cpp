/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* rte_memcpy vs libc memcpy, cycles per copy, for sizes known only at run
 * time (the realistic case) and at compile time, with hot caches and with
 * aligned and unaligned buffers. Prints numbers; asserts nothing on time. */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <vector>

#include <rte_cycles.h>
#include <rte_memcpy.h>

#include "test.h"

namespace {

constexpr int reps = 20000;

/* size hidden from the compiler so both calls take the generic path */
volatile size_t opaque_size;

template <typename Copy>
double
cycles_per_copy(Copy copy, uint8_t *dst, const uint8_t *src)
{
	/* best of 5: the machine is shared, the minimum is the honest figure */
	double best = 1e30;
	for (int round = 0; round < 5; round++) {
		uint64_t start = rte_rdtsc_precise();
		for (int i = 0; i < reps; i++) {
			copy(dst, src);
			__asm__ volatile("" : : "r"(dst) : "memory");
		}
		double c = (double)(rte_rdtsc_precise() - start) / reps;
		best = c < best ? c : best;
	}
	return best;
}

template <size_t N>
void
constant_row(uint8_t *dst, const uint8_t *src)
{
	double r = cycles_per_copy([](uint8_t *d, const uint8_t *s) { rte_memcpy(d, s, N); }, dst,
				   src);
	double m = cycles_per_copy([](uint8_t *d, const uint8_t *s) { memcpy(d, s, N); }, dst, src);
	printf("  const %6zu  %8.1f  %8.1f\n", N, r, m);
}

} // namespace

static int
test_memcpy_perf(void)
{
	static const size_t sizes[] = {1,   8,   16,   31,   32,   64,   100,  128,
				       256, 512, 1024, 1518, 2048, 4096, 8192, 65536};
	std::vector<uint8_t> src(65536 + 64), dst(65536 + 64);
	memset(src.data(), 1, src.size());
	memset(dst.data(), 2, dst.size());

	for (int unaligned = 0; unaligned < 2; unaligned++) {
		uint8_t *d = dst.data() + (unaligned ? 3 : 0);
		const uint8_t *s = src.data() + (unaligned ? 5 : 0);
		printf("%s buffers, cycles per copy (best of 5 x %d):\n",
		       unaligned ? "unaligned" : "aligned", reps);
		printf("  size        rte_memcpy  memcpy\n");
		for (size_t n : sizes) {
			opaque_size = n;
			double r = cycles_per_copy(
				[](uint8_t *dd, const uint8_t *ss) {
				rte_memcpy(dd, ss, opaque_size);
				},
				d, s);
			double m = cycles_per_copy(
				[](uint8_t *dd, const uint8_t *ss) { memcpy(dd, ss, opaque_size); },
				d, s);
			printf("  %6zu      %8.1f  %8.1f\n", n, r, m);
		}
	}
	printf("compile-time sizes, aligned:\n");
	constant_row<8>(dst.data(), src.data());
	constant_row<32>(dst.data(), src.data());
	constant_row<64>(dst.data(), src.data());
	constant_row<128>(dst.data(), src.data());
	constant_row<1024>(dst.data(), src.data());
	printf("TSC: %lu Hz\n", (unsigned long)rte_get_tsc_hz());
	return TEST_SUCCESS;
}

REGISTER_PERF_TEST(memcpy_perf_autotest, test_memcpy_perf);
