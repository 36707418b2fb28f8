/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _DPKIT_STALL_H_
#define _DPKIT_STALL_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Stall injection (dpkit only, not DPDK API; for tests, never for
 * production). Built only with `meson setup -Dstall_injection=true`, which
 * defines RTE_STALL_INJECTION; otherwise DPKIT_STALL_POINT() is an empty
 * statement and a release build carries no trace of it. Included by the
 * ring and mempool headers; applications have no reason to include it.
 *
 * Lock-free code is correct only if it stays correct when any thread stops
 * for any time between any two of its atomic steps. A stall point marks
 * such a place on a hot path (a head moved but its slots not yet copied, a
 * tail about to be published, objects taken out of a cache but not yet put
 * in the store). When armed, a point may yield the CPU, spin, or sleep, so
 * that tests reach the interleavings a preempted thread produces on a busy
 * machine: seconds-long gaps while other threads move the ring or the pool
 * far ahead.
 *
 * Two ways to arm points:
 *  - at random, process-wide (dpkit_stall_configure() or the DPKIT_STALL
 *    environment variable, read before main()):
 *        DPKIT_STALL=yield:N,sleep:M:MINUS-MAXUS,sites:PREFIX,seed:S
 *    yields at about N points per million, sleeps between MINUS and MAXUS
 *    microseconds at about M points per million, only at sites whose name
 *    starts with PREFIX (all sites when absent);
 *  - once, on the calling thread: dpkit_stall_next() makes the next point
 *    of a named site the calling thread passes sleep for a given time.
 * A thread can opt out of random stalls (dpkit_stall_thread_exempt()), so
 * that a test keeps one thread running at full speed past a stalled one.
 *
 * Site names are "<lib>.<step>", e.g. "ring.enq.head_moved".
 */

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Random stall settings for every thread (see dpkit_stall_configure()). */
struct dpkit_stall_config {
	uint32_t yield_ppm;    /**< points per million that call sched_yield() */
	uint32_t sleep_ppm;    /**< points per million that sleep */
	uint64_t sleep_min_ns; /**< shortest sleep */
	uint64_t sleep_max_ns; /**< longest sleep (uniform between the two) */
	const char *sites;     /**< only sites whose name starts with this; NULL = all */
	uint64_t seed;         /**< seed of the per-thread random streams (0 = fixed default) */
};

#ifdef RTE_STALL_INJECTION

/** @internal Slow part of a stall point; use DPKIT_STALL_POINT(). */
void dpkit_stall_hit(const char *site);

/** @internal Non-zero when any stall is armed (random, or a one-shot on
 * some thread); read relaxed: a point that misses a fresh arming by a few
 * instructions is harmless. */
extern int dpkit_stall_armed;

/**
 * Arm random stalls for every thread, replacing earlier settings; NULL
 * disarms them. The site prefix is copied.
 * @return 0, or -EINVAL (nothing changed) when a rate is above 1,000,000
 * or sleep_min_ns > sleep_max_ns.
 */
int dpkit_stall_configure(const struct dpkit_stall_config *cfg);

/**
 * Arm a one-shot stall on the calling thread: the next stall point whose
 * site name starts with @p site that this thread passes sleeps @p ns
 * nanoseconds (then the shot is spent). Replaces an unspent shot.
 * @return 0, or -EINVAL when @p site is NULL or empty.
 */
int dpkit_stall_next(const char *site, uint64_t ns);

/** Whether the calling thread's one-shot stall has been spent. */
bool dpkit_stall_next_spent(void);

/** Exempt (true) or subject (false, the default) the calling thread to random stalls. */
void dpkit_stall_thread_exempt(bool exempt);

/** Stall points passed and stalls taken since the last configure, process-wide. */
uint64_t dpkit_stall_points(void);
uint64_t dpkit_stall_taken(void);

/**
 * A place on a hot path where a thread may be stopped. @p site is a string
 * literal. Costs one load and a predicted branch when nothing is armed.
 */
#define DPKIT_STALL_POINT(site) \
	do { \
		if (__builtin_expect(__atomic_load_n(&dpkit_stall_armed, __ATOMIC_RELAXED) != 0, \
				     0)) \
			dpkit_stall_hit(site); \
	} while (0)

#else /* !RTE_STALL_INJECTION */

#define DPKIT_STALL_POINT(site) \
	do { \
	} while (0)

#endif /* RTE_STALL_INJECTION */

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _DPKIT_STALL_H_ */
