/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Byte order. Network protocols are big endian, x86 is little endian, so the
 * *_be_* conversions swap and the *_le_* ones are the identity. The swaps
 * are the compiler's __builtin_bswap* (one BSWAP/MOVBE/ROL instruction, and
 * folded at compile time for constants), so rte_cpu_to_be_16(0x0800) is a
 * constant expression as well. RTE_BE16() and friends are for contexts that
 * need a constant expression by the language rules (case labels, static
 * initialisers).
 *
 * rte_be16_t & co. are plain integer typedefs: they document which order a
 * field is in; the compiler does not enforce it.
 */

#ifndef _RTE_BYTEORDER_H_
#define _RTE_BYTEORDER_H_

#pragma GCC visibility push(default)

#include <stdint.h>

#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_BIG_ENDIAN 1    /**< value of RTE_BYTE_ORDER on big-endian CPUs */
#define RTE_LITTLE_ENDIAN 2 /**< value of RTE_BYTE_ORDER on little-endian CPUs */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RTE_BYTE_ORDER RTE_LITTLE_ENDIAN /**< this CPU's byte order */
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define RTE_BYTE_ORDER RTE_BIG_ENDIAN
#else
#error "cannot tell the byte order of this target"
#endif

typedef uint16_t rte_be16_t; /**< 16-bit big-endian value */
typedef uint32_t rte_be32_t; /**< 32-bit big-endian value */
typedef uint64_t rte_be64_t; /**< 64-bit big-endian value */
typedef uint16_t rte_le16_t; /**< 16-bit little-endian value */
typedef uint32_t rte_le32_t; /**< 32-bit little-endian value */
typedef uint64_t rte_le64_t; /**< 64-bit little-endian value */

/* Swaps written with shifts only: constant expressions in C and C++. */
/** Swap the bytes of a 16-bit constant. */
#define RTE_STATIC_BSWAP16(v) \
	((uint16_t)((((uint16_t)(v)&UINT16_C(0x00ff)) << 8) | \
		    (((uint16_t)(v)&UINT16_C(0xff00)) >> 8)))
/** Swap the bytes of a 32-bit constant. */
#define RTE_STATIC_BSWAP32(v) \
	((uint32_t)((((uint32_t)(v)&UINT32_C(0x000000ff)) << 24) | \
		    (((uint32_t)(v)&UINT32_C(0x0000ff00)) << 8) | \
		    (((uint32_t)(v)&UINT32_C(0x00ff0000)) >> 8) | \
		    (((uint32_t)(v)&UINT32_C(0xff000000)) >> 24)))
/** Swap the bytes of a 64-bit constant. */
#define RTE_STATIC_BSWAP64(v) \
	((uint64_t)(((uint64_t)RTE_STATIC_BSWAP32((uint64_t)(v)&UINT32_MAX) << 32) | \
		    (uint64_t)RTE_STATIC_BSWAP32((uint64_t)(v) >> 32)))

#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
#define RTE_BE16(v) ((rte_be16_t)RTE_STATIC_BSWAP16(v)) /**< constant to big endian */
#define RTE_BE32(v) ((rte_be32_t)RTE_STATIC_BSWAP32(v)) /**< constant to big endian */
#define RTE_BE64(v) ((rte_be64_t)RTE_STATIC_BSWAP64(v)) /**< constant to big endian */
#define RTE_LE16(v) ((rte_le16_t)(v))                   /**< constant to little endian */
#define RTE_LE32(v) ((rte_le32_t)(v))                   /**< constant to little endian */
#define RTE_LE64(v) ((rte_le64_t)(v))                   /**< constant to little endian */
#else
#define RTE_BE16(v) ((rte_be16_t)(v))
#define RTE_BE32(v) ((rte_be32_t)(v))
#define RTE_BE64(v) ((rte_be64_t)(v))
#define RTE_LE16(v) ((rte_le16_t)RTE_STATIC_BSWAP16(v))
#define RTE_LE32(v) ((rte_le32_t)RTE_STATIC_BSWAP32(v))
#define RTE_LE64(v) ((rte_le64_t)RTE_STATIC_BSWAP64(v))
#endif

/** Swap the bytes of a 16-bit constant (function form). */
static inline uint16_t
rte_constant_bswap16(uint16_t x)
{
	return RTE_STATIC_BSWAP16(x);
}

/** Swap the bytes of a 32-bit constant (function form). */
static inline uint32_t
rte_constant_bswap32(uint32_t x)
{
	return RTE_STATIC_BSWAP32(x);
}

/** Swap the bytes of a 64-bit constant (function form). */
static inline uint64_t
rte_constant_bswap64(uint64_t x)
{
	return RTE_STATIC_BSWAP64(x);
}

/** Swap the bytes of a 16-bit value. */
#define rte_bswap16(x) ((uint16_t)__builtin_bswap16((uint16_t)(x)))
/** Swap the bytes of a 32-bit value. */
#define rte_bswap32(x) ((uint32_t)__builtin_bswap32((uint32_t)(x)))
/** Swap the bytes of a 64-bit value. */
#define rte_bswap64(x) ((uint64_t)__builtin_bswap64((uint64_t)(x)))

#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
#define rte_cpu_to_le_16(x) (x)            /**< CPU order to little endian */
#define rte_cpu_to_le_32(x) (x)            /**< CPU order to little endian */
#define rte_cpu_to_le_64(x) (x)            /**< CPU order to little endian */
#define rte_cpu_to_be_16(x) rte_bswap16(x) /**< CPU order to big endian */
#define rte_cpu_to_be_32(x) rte_bswap32(x) /**< CPU order to big endian */
#define rte_cpu_to_be_64(x) rte_bswap64(x) /**< CPU order to big endian */
#define rte_le_to_cpu_16(x) (x)            /**< little endian to CPU order */
#define rte_le_to_cpu_32(x) (x)            /**< little endian to CPU order */
#define rte_le_to_cpu_64(x) (x)            /**< little endian to CPU order */
#define rte_be_to_cpu_16(x) rte_bswap16(x) /**< big endian to CPU order */
#define rte_be_to_cpu_32(x) rte_bswap32(x) /**< big endian to CPU order */
#define rte_be_to_cpu_64(x) rte_bswap64(x) /**< big endian to CPU order */
#else
#define rte_cpu_to_le_16(x) rte_bswap16(x)
#define rte_cpu_to_le_32(x) rte_bswap32(x)
#define rte_cpu_to_le_64(x) rte_bswap64(x)
#define rte_cpu_to_be_16(x) (x)
#define rte_cpu_to_be_32(x) (x)
#define rte_cpu_to_be_64(x) (x)
#define rte_le_to_cpu_16(x) rte_bswap16(x)
#define rte_le_to_cpu_32(x) rte_bswap32(x)
#define rte_le_to_cpu_64(x) rte_bswap64(x)
#define rte_be_to_cpu_16(x) (x)
#define rte_be_to_cpu_32(x) (x)
#define rte_be_to_cpu_64(x) (x)
#endif

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_BYTEORDER_H_ */
