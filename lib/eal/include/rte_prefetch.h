/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Cache prefetch hints. They never fault (an invalid address is simply
 * ignored by the CPU) and never change program results, only timing:
 *  - rte_prefetch0: into every cache level (data needed very soon);
 *  - rte_prefetch1: L2 and outward;  rte_prefetch2: L3 and outward;
 *  - rte_prefetch_non_temporal: touch once, keep it out of the way;
 *  - *_write: the line will be written, fetch it exclusive.
 * The address goes in a register operand rather than a memory one: the
 * instruction reads nothing, and the compiler must not assume (or warn) that
 * *p is an object it can see.
 * rte_cldemote pushes a line this core wrote out towards the shared cache so
 * that the consumer core finds it sooner (a NOP on CPUs without CLDEMOTE).
 */

#ifndef _RTE_PREFETCH_H_
#define _RTE_PREFETCH_H_

#pragma GCC visibility push(default)

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Prefetch a cache line into all cache levels. */
static inline void
rte_prefetch0(const volatile void *p)
{
	__asm__ volatile("prefetcht0 (%0)" : : "r"(p));
}

/** Prefetch a cache line into L2 and outer levels. */
static inline void
rte_prefetch1(const volatile void *p)
{
	__asm__ volatile("prefetcht1 (%0)" : : "r"(p));
}

/** Prefetch a cache line into L3 and outer levels. */
static inline void
rte_prefetch2(const volatile void *p)
{
	__asm__ volatile("prefetcht2 (%0)" : : "r"(p));
}

/** Prefetch a line that will be used once (minimises cache pollution). */
static inline void
rte_prefetch_non_temporal(const volatile void *p)
{
	__asm__ volatile("prefetchnta (%0)" : : "r"(p));
}

/** Prefetch a line for writing, into all cache levels. */
__rte_experimental static inline void
rte_prefetch0_write(const void *p)
{
	__builtin_prefetch(p, 1, 3); /* rw = write, locality = highest */
}

/** Prefetch a line for writing, into L2 and outer levels. */
__rte_experimental static inline void
rte_prefetch1_write(const void *p)
{
	__builtin_prefetch(p, 1, 2);
}

/** Prefetch a line for writing, into L3 and outer levels. */
__rte_experimental static inline void
rte_prefetch2_write(const void *p)
{
	__builtin_prefetch(p, 1, 1);
}

/**
 * Demote the line holding @p p from this core's private caches towards the
 * shared last-level cache. CLDEMOTE is encoded in the hint-NOP space, so
 * CPUs without it execute a NOP; the bytes are spelled out because older
 * assemblers do not know the mnemonic. Encoding: 0F 1C /0 with (%rsi).
 */
__rte_experimental static inline void
rte_cldemote(const volatile void *p)
{
	__asm__ volatile(".byte 0x0f, 0x1c, 0x06" : : "S"(p));
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_PREFETCH_H_ */
