/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Fast pseudo-random numbers (not for cryptography).
 *
 * Each thread has its own generator (xoshiro256++ : 256 bits of state,
 * period 2^256 - 1, a few cycles per number), so the calls are thread-safe
 * from any thread, EAL or not, without locks or shared cache lines.
 * The generators are seeded at start-up from the kernel's entropy.
 * rte_srand() re-seeds them all: afterwards each thread's sequence depends
 * only on the seed and on the order in which threads first drew a number,
 * so a single-threaded run is reproducible.
 */

#ifndef _RTE_RANDOM_H_
#define _RTE_RANDOM_H_

#pragma GCC visibility push(default)

#include <stdint.h>

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Re-seed every thread's generator from @p seedval (each thread picks up
 * the new seed at its next draw).
 */
void rte_srand(uint64_t seedval);

/** @return a uniformly distributed 64-bit pseudo-random value. */
uint64_t rte_rand(void);

/**
 * @return a uniformly distributed (unbiased) value in [0, upper_bound - 1];
 *   0 when upper_bound is 0 or 1.
 */
uint64_t rte_rand_max(uint64_t upper_bound);

/** @return a uniformly distributed double in [0.0, 1.0). */
__rte_experimental double rte_drand(void);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RANDOM_H_ */
