/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * rte_memcpy: memcpy tuned for the sizes a packet stack copies.
 *
 * Small copies dominate (headers, descriptors, ring slots), so the size is
 * dispatched inline and every class up to 256 bytes is done with two
 * overlapping moves of a fixed width: for 17..32 bytes, one 16-byte move
 * from the start and one ending exactly at the end. No loop, no byte tail,
 * and a compile-time size folds away to the moves themselves.
 *
 * Mid-size copies loop over 64-byte moves with the destination aligned (an
 * unaligned store that splits a cache line costs twice), and finish with
 * one overlapping move. From __RTE_MEMCPY_LARGE bytes on the C library wins: glibc
 * picks REP MOVSB or non-temporal stores by CPU and size, which beats any
 * inline loop there, so we hand over to it.
 *
 * The fixed-width moves are __builtin_memcpy of constant size, which the
 * compiler turns into the widest vector loads/stores the -march allows
 * (SSE2, AVX2 or AVX-512) without any alignment assumption.
 *
 * As with memcpy, the buffers must not overlap.
 */

#ifndef _RTE_MEMCPY_H_
#define _RTE_MEMCPY_H_

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Copy 16 bytes (buffers may be unaligned, must not overlap). */
static __rte_always_inline void
rte_mov16(uint8_t *dst, const uint8_t *src)
{
	__builtin_memcpy(dst, src, 16);
}

/** Copy 32 bytes. */
static __rte_always_inline void
rte_mov32(uint8_t *dst, const uint8_t *src)
{
	__builtin_memcpy(dst, src, 32);
}

/** Copy 48 bytes. */
static __rte_always_inline void
rte_mov48(uint8_t *dst, const uint8_t *src)
{
	__builtin_memcpy(dst, src, 48);
}

/** Copy 64 bytes. */
static __rte_always_inline void
rte_mov64(uint8_t *dst, const uint8_t *src)
{
	__builtin_memcpy(dst, src, 64);
}

/** Copy 128 bytes. */
static __rte_always_inline void
rte_mov128(uint8_t *dst, const uint8_t *src)
{
	rte_mov64(dst, src);
	rte_mov64(dst + 64, src + 64);
}

/** Copy 256 bytes. */
static __rte_always_inline void
rte_mov256(uint8_t *dst, const uint8_t *src)
{
	rte_mov128(dst, src);
	rte_mov128(dst + 128, src + 128);
}

/* @internal 0..16 bytes: two overlapping moves of the largest width that fits */
static __rte_always_inline void
__rte_memcpy_le16(uint8_t *d, const uint8_t *s, size_t n)
{
	if (n >= 8) {
		uint64_t a, b;
		__builtin_memcpy(&a, s, 8);
		__builtin_memcpy(&b, s + n - 8, 8);
		__builtin_memcpy(d, &a, 8);
		__builtin_memcpy(d + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		__builtin_memcpy(&a, s, 4);
		__builtin_memcpy(&b, s + n - 4, 4);
		__builtin_memcpy(d, &a, 4);
		__builtin_memcpy(d + n - 4, &b, 4);
	} else if (n >= 2) {
		uint16_t a, b;
		__builtin_memcpy(&a, s, 2);
		__builtin_memcpy(&b, s + n - 2, 2);
		__builtin_memcpy(d, &a, 2);
		__builtin_memcpy(d + n - 2, &b, 2);
	} else if (n == 1) {
		*d = *s;
	}
}

/* @internal 64 < n: 64-byte moves with an aligned destination, then one
 * overlapping 64-byte move for the tail. Out of the fast inline path. */
static inline void
__rte_memcpy_loop64(uint8_t *d, const uint8_t *s, size_t n)
{
	uint8_t *const end = d + n;
	const uint8_t *const send = s + n;
	size_t skew;

	/* first 64 bytes unaligned, then continue from the next boundary */
	rte_mov64(d, s);
	skew = 64 - ((uintptr_t)d & 63);
	d += skew;
	s += skew;
	while (end - d > 64) {
		rte_mov64(d, s);
		d += 64;
		s += 64;
	}
	rte_mov64(end - 64, send - 64);
}

/** Copies of this many bytes and more go to the C library's memcpy. */
#define __RTE_MEMCPY_LARGE 4096

/**
 * Copy @p n bytes from @p src to @p dst (non-overlapping).
 * @return dst
 */
static __rte_always_inline void *
rte_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = (uint8_t *)dst;
	const uint8_t *s = (const uint8_t *)src;

	if (n <= 16) {
		__rte_memcpy_le16(d, s, n);
	} else if (n <= 32) {
		rte_mov16(d, s);
		rte_mov16(d + n - 16, s + n - 16);
	} else if (n <= 64) {
		rte_mov32(d, s);
		rte_mov32(d + n - 32, s + n - 32);
	} else if (n <= 128) {
		rte_mov64(d, s);
		rte_mov64(d + n - 64, s + n - 64);
	} else if (n <= 256) {
		rte_mov128(d, s);
		rte_mov128(d + n - 128, s + n - 128);
	} else if (n < __RTE_MEMCPY_LARGE) {
		__rte_memcpy_loop64(d, s, n);
	} else {
		memcpy(d, s, n);
	}
	return dst;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMCPY_H_ */
