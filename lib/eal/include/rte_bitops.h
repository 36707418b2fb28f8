/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Single-bit helpers. The rte_bit_relaxed_* calls are plain (not atomic)
 * read-modify-writes with no memory ordering: use them on words only one
 * thread writes, or under a lock. Getters return the bit in place
 * (non-zero when set), not 0/1.
 */

#ifndef _RTE_BITOPS_H_
#define _RTE_BITOPS_H_

#pragma GCC visibility push(default)

#include <stdint.h>

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/** 64-bit value with only bit @p nr set. */
#define RTE_BIT64(nr) (UINT64_C(1) << (nr))

/** 32-bit value with only bit @p nr set. */
#define RTE_BIT32(nr) (UINT32_C(1) << (nr))

/*
 * One family per width; bit numbers at or above the width are a caller bug
 * (the shift would be undefined), so they are masked to stay defined.
 */
#define __RTE_BITOPS_RELAXED(w) \
	__rte_experimental static inline uint##w##_t rte_bit_relaxed_get##w( \
		unsigned int nr, volatile uint##w##_t *addr) \
	{ \
		return *addr & RTE_BIT##w(nr % (w)); \
	} \
	__rte_experimental static inline void rte_bit_relaxed_set##w(unsigned int nr, \
								     volatile uint##w##_t *addr) \
	{ \
		*addr = *addr | RTE_BIT##w(nr % (w)); \
	} \
	__rte_experimental static inline void rte_bit_relaxed_clear##w(unsigned int nr, \
								       volatile uint##w##_t *addr) \
	{ \
		*addr = *addr & ~RTE_BIT##w(nr % (w)); \
	} \
	__rte_experimental static inline uint##w##_t rte_bit_relaxed_test_and_set##w( \
		unsigned int nr, volatile uint##w##_t *addr) \
	{ \
		uint##w##_t old = *addr; \
		*addr = old | RTE_BIT##w(nr % (w)); \
		return old & RTE_BIT##w(nr % (w)); \
	} \
	__rte_experimental static inline uint##w##_t rte_bit_relaxed_test_and_clear##w( \
		unsigned int nr, volatile uint##w##_t *addr) \
	{ \
		uint##w##_t old = *addr; \
		*addr = old & ~RTE_BIT##w(nr % (w)); \
		return old & RTE_BIT##w(nr % (w)); \
	}

__RTE_BITOPS_RELAXED(32)
__RTE_BITOPS_RELAXED(64)

#undef __RTE_BITOPS_RELAXED

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_BITOPS_H_ */
