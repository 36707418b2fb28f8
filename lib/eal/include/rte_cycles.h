/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Time in CPU cycles. The timer is the TSC: on every x86-64 CPU dpkit
 * targets it ticks at a constant rate, independent of frequency scaling and
 * sleep states, and reads in a few nanoseconds without a system call.
 * rte_get_tsc_hz() says how fast it ticks (measured once, on first use).
 *
 * There is no HPET support: rte_eal_hpet_init() fails and the HPET
 * accessors return 0, as on a DPDK built without RTE_LIBEAL_USE_HPET where
 * the TSC is the only timer.
 *
 * rte_delay_us is a function pointer so that an application (or a test)
 * can replace busy waiting by something else, see
 * rte_delay_us_callback_register().
 */

#ifndef _RTE_CYCLES_H_
#define _RTE_CYCLES_H_

#pragma GCC visibility push(default)

#include <stdint.h>

#include <rte_common.h>
#include <rte_atomic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MS_PER_S 1000       /**< milliseconds per second */
#define US_PER_S 1000000    /**< microseconds per second */
#define NS_PER_S 1000000000 /**< nanoseconds per second */

/** Which counter rte_get_timer_cycles() reads. */
enum timer_source {
	EAL_TIMER_TSC = 0, /**< time stamp counter (always, in dpkit) */
	EAL_TIMER_HPET     /**< high precision event timer (not available) */
};

/** The timer in use; always EAL_TIMER_TSC in dpkit. */
extern enum timer_source eal_timer_source;

/**
 * TSC frequency in Hz. Taken from CPUID (leaf 0x15, or the hypervisor's
 * leaf 0x40000010) when the CPU reports it, otherwise measured once against
 * CLOCK_MONOTONIC_RAW; thread-safe, and cheap after the first call.
 */
uint64_t rte_get_tsc_hz(void);

/** Read the TSC. Not ordered with surrounding loads and stores. */
static inline uint64_t
rte_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/** Read the TSC after all earlier memory accesses completed. */
static inline uint64_t
rte_rdtsc_precise(void)
{
	rte_mb();
	return rte_rdtsc();
}

/** The TSC, as the generic cycle counter. */
static inline uint64_t
rte_get_tsc_cycles(void)
{
	return rte_rdtsc();
}

/** HPET counter: no HPET in dpkit, returns 0. */
uint64_t rte_get_hpet_cycles(void);

/** HPET frequency: no HPET in dpkit, returns 0. */
uint64_t rte_get_hpet_hz(void);

/**
 * Set up the HPET as a timer (and make it the default timer if asked).
 * @return -1 always: dpkit has no HPET support; the TSC stays the timer.
 */
int rte_eal_hpet_init(int make_default);

/** Cycles of the default timer (the TSC). */
static inline uint64_t
rte_get_timer_cycles(void)
{
	return rte_get_tsc_cycles();
}

/** Frequency of the default timer in Hz. */
static inline uint64_t
rte_get_timer_hz(void)
{
	return rte_get_tsc_hz();
}

/**
 * Wait at least @p us microseconds. Points to rte_delay_us_block unless an
 * application installed another function with
 * rte_delay_us_callback_register().
 */
extern void (*rte_delay_us)(unsigned int us);

/** Wait at least @p ms milliseconds (through rte_delay_us). */
static inline void
rte_delay_ms(unsigned int ms)
{
	rte_delay_us(ms * 1000);
}

/** Busy-wait at least @p us microseconds on the TSC (keeps the CPU). */
void rte_delay_us_block(unsigned int us);

/** Sleep at least @p us microseconds (gives the CPU to other threads). */
void rte_delay_us_sleep(unsigned int us);

/**
 * Make rte_delay_us call @p userfunc. NULL restores the default,
 * rte_delay_us_block.
 */
void rte_delay_us_callback_register(void (*userfunc)(unsigned int));

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_CYCLES_H_ */
