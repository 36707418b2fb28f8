/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Shared by the bounds tests (test_bounds_*.cpp): the values every size
 * and count argument is tried at, a cap on how much memory a test may
 * make the heaps map, and the check that a call left nothing behind.
 *
 * Each bounds test calls one API function per value of one argument, the
 * others fixed at sane values, and decides from DPDK 22.11's documented
 * rules what must happen: success with a result that is checked, or
 * failure with the documented errno. Where only memory decides (a valid
 * request of 1 GB) either success or ENOMEM is right; a request that fits
 * the cap with room to spare must succeed.
 */

#ifndef _TEST_BOUNDS_H_
#define _TEST_BOUNDS_H_

#include <stdint.h>

#include <string>
#include <vector>

#include "test_fault.h"

/* 0, 1, 2, 3, 2^k - 1, 2^k, 2^k + 1 (k = 2..63), SIZE_MAX - k (k = 0, 1,
 * 2, 63, 64, 4095), INT32_MAX, UINT32_MAX - 1, UINT32_MAX: those up to
 * @p max, ascending, each once. */
std::vector<uint64_t> bounds_values(uint64_t max);

/* While alive, every socket heap is refused growths beyond what was
 * mapped at its creation plus @p bytes (an allocation validator),
 * so that valid requests of gigabytes fail with ENOMEM instead of taking
 * the machine's hugepages. Memory that cannot grow (legacy, --no-huge) is
 * capped by itself. */
class bounds_memory_cap {
public:
	explicit bounds_memory_cap(uint64_t bytes = 256ULL << 20);
	~bounds_memory_cap();
	bounds_memory_cap(const bounds_memory_cap &) = delete;
	bounds_memory_cap &operator=(const bounds_memory_cap &) = delete;

private:
	std::vector<int> sockets_;
};

/* Counts of what the bounds tests tried, printed at the end of each. */
struct bounds_tally {
	unsigned calls = 0, ok = 0, refused = 0;
	void count(bool success)
	{
		calls++;
		success ? ok++ : refused++;
	}
};

/* "" when the footprint is back to @p base. */
std::string bounds_leak(const fault_footprint &base);

#endif /* _TEST_BOUNDS_H_ */
