/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Spin-wait helpers. rte_pause() is the x86 PAUSE hint: it tells the core a
 * spin loop is running, which saves power, frees resources for the sibling
 * hyper-thread and avoids the memory-order flush on loop exit.
 *
 * The rte_wait_until_* helpers spin until a location holds a value, reading
 * it with the given order: __ATOMIC_ACQUIRE when the waiter then reads data
 * the writer published before its (release) store, __ATOMIC_RELAXED when
 * nothing else depends on it.
 */

#ifndef _RTE_PAUSE_H_
#define _RTE_PAUSE_H_

#pragma GCC visibility push(default)

#include <stdint.h>
#include <assert.h>

#include <emmintrin.h>

#include <rte_common.h>
#include <rte_atomic.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Hint to the CPU that this is a busy-wait loop. */
static inline void
rte_pause(void)
{
	_mm_pause();
}

/** Spin until *addr == expected (memorder: ACQUIRE or RELAXED). */
static __rte_always_inline void
rte_wait_until_equal_16(volatile uint16_t *addr, uint16_t expected, int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/** Spin until *addr == expected (memorder: ACQUIRE or RELAXED). */
static __rte_always_inline void
rte_wait_until_equal_32(volatile uint32_t *addr, uint32_t expected, int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/** Spin until *addr == expected (memorder: ACQUIRE or RELAXED). */
static __rte_always_inline void
rte_wait_until_equal_64(volatile uint64_t *addr, uint64_t expected, int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/**
 * Spin until ((*addr & mask) cond expected) holds, e.g.
 * RTE_WAIT_UNTIL_MASKED(&flags, 0x1, ==, 0, __ATOMIC_ACQUIRE).
 * @p memorder must be a compile-time __ATOMIC_ACQUIRE or __ATOMIC_RELAXED.
 */
#define RTE_WAIT_UNTIL_MASKED(addr, mask, cond, expected, memorder) \
	do { \
		RTE_BUILD_BUG_ON(!__builtin_constant_p(memorder)); \
		RTE_BUILD_BUG_ON((memorder) != __ATOMIC_ACQUIRE && \
				 (memorder) != __ATOMIC_RELAXED); \
		const typeof(*(addr)) _rte_wait_expected = (expected); \
		while (!((__atomic_load_n((addr), (memorder)) & (mask)) cond _rte_wait_expected)) \
			rte_pause(); \
	} while (0)

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_PAUSE_H_ */
