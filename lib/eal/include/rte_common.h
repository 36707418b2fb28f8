/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Macros and helpers every dpkit header and most applications use:
 * attributes, alignment and pointer arithmetic, min/max, power-of-two maths,
 * constructors (RTE_INIT), and the IOVA type.
 */

#ifndef _RTE_COMMON_H_
#define _RTE_COMMON_H_

#pragma GCC visibility push(default)

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

#include <rte_config.h>
#include <rte_compat.h>
#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

/* GNU spellings that strict -std=c11 / -std=c++20 do not accept bare. */
#ifndef typeof
#define typeof __typeof__
#endif
#ifndef __cplusplus
#ifndef asm
#define asm __asm__
#endif
#endif

/* Marks a GNU extension (anonymous union/struct) so -pedantic stays quiet. */
#define RTE_STD_C11 __extension__

/* Compiler identification: exactly one of RTE_CC_CLANG / RTE_CC_GCC. */
#ifdef __clang__
#define RTE_CC_CLANG
#define RTE_CC_IS_GNU 0
#else
#define RTE_CC_GCC
#define RTE_CC_IS_GNU 1
#define GCC_VERSION (__GNUC__ * 10000 + __GNUC_MINOR__ * 100 + __GNUC_PATCHLEVEL__)
#endif

/* ---- attributes ---- */
#define __rte_aligned(a) __attribute__((__aligned__(a)))
#define __rte_packed __attribute__((__packed__))
#define __rte_may_alias __attribute__((__may_alias__))
#define __rte_weak __attribute__((__weak__))
#define __rte_used __attribute__((used))
#define __rte_unused __attribute__((__unused__))
#define __rte_always_inline inline __attribute__((always_inline))
#define __rte_noinline __attribute__((noinline))
#define __rte_hot __attribute__((hot))
#define __rte_cold __attribute__((cold))
#define __rte_noreturn __attribute__((noreturn))
#define __rte_warn_unused_result __attribute__((warn_unused_result))
#define __rte_malloc __attribute__((__malloc__))
#define __rte_alloc_size(...) __attribute__((alloc_size(__VA_ARGS__)))
#define __rte_format_printf(format_index, first_arg) \
	__attribute__((format(printf, format_index, first_arg)))
#define __rte_deprecated __attribute__((__deprecated__))
#define __rte_deprecated_msg(msg) __attribute__((__deprecated__(msg)))
#define RTE_DEPRECATED(x) __rte_deprecated
#define __rte_cache_aligned __rte_aligned(RTE_CACHE_LINE_SIZE)
#define __rte_cache_min_aligned __rte_aligned(RTE_CACHE_LINE_MIN_SIZE)

/* C++ has no "restrict" keyword; both compilers know __restrict. */
#if defined(__cplusplus) || !defined(__STDC_VERSION__) || __STDC_VERSION__ < 199901L
#define __rte_restrict __restrict
#else
#define __rte_restrict restrict
#endif

/* Functions that legitimately touch poisoned memory under ASan (allocators). */
#if defined(RTE_MALLOC_ASAN) && defined(__clang__)
#define __rte_no_asan __attribute__((no_sanitize("address", "hwaddress")))
#elif defined(RTE_MALLOC_ASAN)
#define __rte_no_asan __attribute__((no_sanitize_address))
#else
#define __rte_no_asan
#endif

/* Integers read through possibly misaligned pointers. */
typedef uint64_t unaligned_uint64_t __rte_aligned(1);
typedef uint32_t unaligned_uint32_t __rte_aligned(1);
typedef uint16_t unaligned_uint16_t __rte_aligned(1);

#define RTE_SET_USED(x) (void)(x)

/* ---- cache lines ---- */
#define RTE_CACHE_LINE_MIN_SIZE 64
#define RTE_CACHE_LINE_MASK (RTE_CACHE_LINE_SIZE - 1)
#define RTE_CACHE_LINE_ROUNDUP(size) RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE)
#if RTE_CACHE_LINE_SIZE == 64
#define RTE_CACHE_LINE_SIZE_LOG2 6
#elif RTE_CACHE_LINE_SIZE == 128
#define RTE_CACHE_LINE_SIZE_LOG2 7
#endif

/* ---- constructors ---- */
#define RTE_PRIORITY_LOG 101
#define RTE_PRIORITY_BUS 110
#define RTE_PRIORITY_CLASS 120
#define RTE_PRIORITY_LAST 65535
#define RTE_PRIO(prio) RTE_PRIORITY_##prio

#define RTE_INIT_PRIO(func, prio) \
	static void __attribute__((constructor(RTE_PRIO(prio)), used)) func(void)
#define RTE_INIT(func) RTE_INIT_PRIO(func, LAST)
#define RTE_FINI_PRIO(func, prio) \
	static void __attribute__((destructor(RTE_PRIO(prio)), used)) func(void)
#define RTE_FINI(func) RTE_FINI_PRIO(func, LAST)

/* ---- pointer arithmetic and alignment ---- */
#define RTE_PTR_ADD(ptr, x) ((void *)((uintptr_t)(ptr) + (x)))
#define RTE_PTR_SUB(ptr, x) ((void *)((uintptr_t)(ptr) - (x)))
#define RTE_PTR_DIFF(ptr1, ptr2) ((uintptr_t)(ptr1) - (uintptr_t)(ptr2))
#define RTE_CAST_FIELD(var, field, type) \
	(*(type *)((uintptr_t)(var) + offsetof(typeof(*(var)), field)))

#define RTE_PTR_ALIGN_FLOOR(ptr, align) ((typeof(ptr))RTE_ALIGN_FLOOR((uintptr_t)(ptr), align))
#define RTE_ALIGN_FLOOR(val, align) (typeof(val))((val) & (~((typeof(val))((align)-1))))
#define RTE_PTR_ALIGN_CEIL(ptr, align) \
	RTE_PTR_ALIGN_FLOOR((typeof(ptr))RTE_PTR_ADD(ptr, (align)-1), align)
#define RTE_ALIGN_CEIL(val, align) RTE_ALIGN_FLOOR(((val) + ((typeof(val))(align)-1)), align)
#define RTE_PTR_ALIGN(ptr, align) RTE_PTR_ALIGN_CEIL(ptr, align)
#define RTE_ALIGN(val, align) RTE_ALIGN_CEIL(val, align)
#define RTE_ALIGN_MUL_CEIL(v, mul) \
	((((v) + (typeof(v))(mul)-1) / ((typeof(v))(mul))) * (typeof(v))(mul))
#define RTE_ALIGN_MUL_FLOOR(v, mul) (((v) / ((typeof(v))(mul))) * (typeof(v))(mul))
#define RTE_ALIGN_MUL_NEAR(v, mul) \
	__extension__({ \
		typeof(v) ceil = RTE_ALIGN_MUL_CEIL(v, mul); \
		typeof(v) floor = RTE_ALIGN_MUL_FLOOR(v, mul); \
		(ceil - (v)) > ((v)-floor) ? floor : ceil; \
	})

static inline int
rte_is_aligned(const void *ptr, unsigned int align)
{
	return ((uintptr_t)ptr & (align - 1)) == 0;
}

/* ---- compile-time checks ---- */
#ifdef __cplusplus
#define RTE_BUILD_BUG_ON(condition) static_assert(!(condition), #condition)
#else
#define RTE_BUILD_BUG_ON(condition) _Static_assert(!(condition), #condition)
#endif

/* ---- min / max / misc ---- */
#define RTE_MIN(a, b) \
	__extension__({ \
		typeof(a) _a = (a); \
		typeof(b) _b = (b); \
		_a < _b ? _a : _b; \
	})
#define RTE_MAX(a, b) \
	__extension__({ \
		typeof(a) _a = (a); \
		typeof(b) _b = (b); \
		_a > _b ? _a : _b; \
	})
#define RTE_DIM(a) (sizeof(a) / sizeof((a)[0]))
#define RTE_SIZEOF_FIELD(type, field) (sizeof(((type *)0)->field))
#define RTE_LEN2MASK(ln, tp) ((tp)((uint64_t)-1 >> (sizeof(uint64_t) * CHAR_BIT - (ln))))
#define RTE_SWAP(a, b) \
	__extension__({ \
		typeof(a) _t = (a); \
		(a) = (b); \
		(b) = _t; \
	})

#define _RTE_STR(x) #x
#define RTE_STR(x) _RTE_STR(x)
#define RTE_FMT(fmt, ...) fmt "%.0s", __VA_ARGS__ ""
#define RTE_FMT_HEAD(fmt, ...) fmt
#define RTE_FMT_TAIL(fmt, ...) __VA_ARGS__
#define RTE_PRAGMA(x) _Pragma(#x)
#define RTE_PRAGMA_WARNING(w) RTE_PRAGMA(GCC warning #w)

#ifndef container_of
#define container_of(ptr, type, member) \
	__extension__({ \
		const typeof(((type *)0)->member) *_ptr = (ptr); \
		__rte_unused type *_target_ptr = (type *)(ptr); \
		(type *)(((uintptr_t)_ptr) - offsetof(type, member)); \
	})
#endif

/* ---- power-of-two maths ---- */
#define RTE_IS_POWER_OF_2(n) ((n) && !(((n)-1) & (n)))

static inline int
rte_is_power_of_2(uint32_t n)
{
	return n && !(n & (n - 1));
}

static inline uint32_t
rte_combine32ms1b(uint32_t x)
{
	x |= x >> 1;
	x |= x >> 2;
	x |= x >> 4;
	x |= x >> 8;
	x |= x >> 16;
	return x;
}

static inline uint64_t
rte_combine64ms1b(uint64_t v)
{
	v |= v >> 1;
	v |= v >> 2;
	v |= v >> 4;
	v |= v >> 8;
	v |= v >> 16;
	v |= v >> 32;
	return v;
}

static inline uint32_t
rte_align32pow2(uint32_t x)
{
	x--;
	x = rte_combine32ms1b(x);
	return x + 1;
}

static inline uint32_t
rte_align32prevpow2(uint32_t x)
{
	x = rte_combine32ms1b(x);
	return x - (x >> 1);
}

static inline uint64_t
rte_align64pow2(uint64_t v)
{
	v--;
	v = rte_combine64ms1b(v);
	return v + 1;
}

static inline uint64_t
rte_align64prevpow2(uint64_t v)
{
	v = rte_combine64ms1b(v);
	return v - (v >> 1);
}

static inline uint32_t
rte_bsf32(uint32_t v)
{
	return (uint32_t)__builtin_ctz(v);
}

static inline int
rte_bsf32_safe(uint32_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf32(v);
	return 1;
}

static inline uint32_t
rte_bsf64(uint64_t v)
{
	return (uint32_t)__builtin_ctzll(v);
}

static inline int
rte_bsf64_safe(uint64_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf64(v);
	return 1;
}

static inline uint32_t
rte_fls_u32(uint32_t x)
{
	return (x == 0) ? 0 : 32 - __builtin_clz(x);
}

static inline uint32_t
rte_fls_u64(uint64_t x)
{
	return (x == 0) ? 0 : 64 - __builtin_clzll(x);
}

static inline uint32_t
rte_log2_u32(uint32_t v)
{
	if (v == 0)
		return 0;
	v = rte_align32pow2(v);
	return rte_bsf32(v);
}

static inline uint32_t
rte_log2_u64(uint64_t v)
{
	if (v == 0)
		return 0;
	v = rte_align64pow2(v);
	return rte_bsf64(v);
}

/* ---- IOVA ---- */
typedef uint64_t phys_addr_t;
typedef uint64_t rte_iova_t;
#define RTE_BAD_PHYS_ADDR ((phys_addr_t)-1)
#define RTE_BAD_IOVA ((rte_iova_t)-1)

/* a marker for the start of a field group inside a struct (zero-sized) */
__extension__ typedef void *RTE_MARKER[0];
__extension__ typedef uint8_t RTE_MARKER8[0];
__extension__ typedef uint16_t RTE_MARKER16[0];
__extension__ typedef uint32_t RTE_MARKER32[0];
__extension__ typedef uint64_t RTE_MARKER64[0];

/**
 * Convert a size string with an optional K/M/G/T suffix to bytes.
 * Returns 0 when the string is not a number.
 */
uint64_t rte_str_to_size(const char *str);

/**
 * Print a message to stderr and exit the application with the given code,
 * after releasing EAL resources.
 */
__rte_noreturn void rte_exit(int exit_code, const char *format, ...) __rte_format_printf(2, 3);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_COMMON_H_ */
