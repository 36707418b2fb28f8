/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Memory barriers and the legacy atomic counters (rte_atomic16/32/64_t).
 *
 * x86-64 is a TSO machine: loads are not reordered with loads, stores not
 * with stores, so the SMP read and write barriers only have to stop the
 * compiler. Only store->load ordering needs a real fence; for it a locked
 * no-op add on the stack is cheaper than MFENCE and orders the same.
 * The I/O barriers follow the same reasoning for uncached device memory,
 * except rte_io_mb, which must be a full MFENCE.
 *
 * Every counter operation is a full barrier (GCC __atomic with SEQ_CST, a
 * LOCK-prefixed instruction on x86), matching what callers of the old API
 * rely on. New code should prefer __atomic builtins with explicit orders.
 */

#ifndef _RTE_ATOMIC_H_
#define _RTE_ATOMIC_H_

#pragma GCC visibility push(default)

#include <stdint.h>

#include <emmintrin.h>

#include <rte_common.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- barriers ---- */

/** Stop the compiler moving memory accesses across this point. */
#define rte_compiler_barrier() \
	do { \
		asm volatile("" : : : "memory"); \
	} while (0)

/** Full hardware barrier: all earlier loads and stores before any later. */
#define rte_mb() _mm_mfence()
/** Store barrier, including against non-temporal stores. */
#define rte_wmb() _mm_sfence()
/** Load barrier. */
#define rte_rmb() _mm_lfence()

/** Order stores between lcores (TSO already does: compiler barrier only). */
#define rte_smp_wmb() rte_compiler_barrier()
/** Order loads between lcores (TSO already does: compiler barrier only). */
#define rte_smp_rmb() rte_compiler_barrier()

/**
 * Full barrier between lcores. A LOCKed add to a stack slot below the red
 * zone touches a line this core already owns, so it costs less than MFENCE
 * while giving the same store->load ordering for normal memory.
 */
static __rte_always_inline void
rte_smp_mb(void)
{
	asm volatile("lock addl $0, -128(%%rsp)" : : : "memory");
}

/** Full barrier for I/O memory. */
#define rte_io_mb() rte_mb()
/** Store barrier for I/O memory (TSO: compiler barrier). */
#define rte_io_wmb() rte_compiler_barrier()
/** Load barrier for I/O memory (TSO: compiler barrier). */
#define rte_io_rmb() rte_compiler_barrier()

/**
 * Fence with a C11 memory order (__ATOMIC_*). SEQ_CST uses rte_smp_mb,
 * which is cheaper than the MFENCE the compiler would emit.
 */
static __rte_always_inline void
rte_atomic_thread_fence(int memorder)
{
	if (memorder == __ATOMIC_SEQ_CST)
		rte_smp_mb();
	else
		__atomic_thread_fence(memorder);
}

/* ---- plain-integer compare-and-set / exchange ---- */

/**
 * Atomically: if (*dst == exp) *dst = src.
 * @return non-zero when the store happened, 0 otherwise.
 */
static inline int
rte_atomic16_cmpset(volatile uint16_t *dst, uint16_t exp, uint16_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/** Atomically store @p val and return the previous value. */
static inline uint16_t
rte_atomic16_exchange(volatile uint16_t *dst, uint16_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** 32-bit rte_atomic16_cmpset. */
static inline int
rte_atomic32_cmpset(volatile uint32_t *dst, uint32_t exp, uint32_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/** 32-bit rte_atomic16_exchange. */
static inline uint32_t
rte_atomic32_exchange(volatile uint32_t *dst, uint32_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** 64-bit rte_atomic16_cmpset. */
static inline int
rte_atomic64_cmpset(volatile uint64_t *dst, uint64_t exp, uint64_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/** 64-bit rte_atomic16_exchange. */
static inline uint64_t
rte_atomic64_exchange(volatile uint64_t *dst, uint64_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/* ---- counters ----
 * The three widths are identical apart from the type, so one macro writes
 * each family; the generated names and signatures are DPDK's.
 */

/** A 16-bit atomic counter. */
typedef struct {
	volatile int16_t cnt; /**< the value; use the functions below */
} rte_atomic16_t;

/** A 32-bit atomic counter. */
typedef struct {
	volatile int32_t cnt; /**< the value; use the functions below */
} rte_atomic32_t;

/** A 64-bit atomic counter. */
typedef struct {
	volatile int64_t cnt; /**< the value; use the functions below */
} rte_atomic64_t;

/** Static initialiser: rte_atomic16_t c = RTE_ATOMIC16_INIT(5); */
#define RTE_ATOMIC16_INIT(val) \
	{ \
		(val) \
	}
/** Static initialiser for rte_atomic32_t. */
#define RTE_ATOMIC32_INIT(val) \
	{ \
		(val) \
	}
/** Static initialiser for rte_atomic64_t. */
#define RTE_ATOMIC64_INIT(val) \
	{ \
		(val) \
	}

/*
 * __RTE_ATOMIC_COUNTER(bits) defines, for rte_atomic<bits>_t:
 *   init (to 0), read, set, add, sub, inc, dec, add_return, sub_return,
 *   inc_and_test / dec_and_test (true when the result is 0),
 *   test_and_set (0 -> 1; true if it was 0), clear (to 0).
 * Reads and sets are single aligned accesses (atomic on x86-64, relaxed).
 */
#define __RTE_ATOMIC_COUNTER(bits) \
	static inline void rte_atomic##bits##_init(rte_atomic##bits##_t *v) \
	{ \
		__atomic_store_n(&v->cnt, 0, __ATOMIC_RELAXED); \
	} \
	static inline int##bits##_t rte_atomic##bits##_read(const rte_atomic##bits##_t *v) \
	{ \
		return __atomic_load_n(&v->cnt, __ATOMIC_RELAXED); \
	} \
	static inline void rte_atomic##bits##_set(rte_atomic##bits##_t *v, \
						  int##bits##_t new_value) \
	{ \
		__atomic_store_n(&v->cnt, new_value, __ATOMIC_RELAXED); \
	} \
	static inline void rte_atomic##bits##_add(rte_atomic##bits##_t *v, int##bits##_t inc) \
	{ \
		__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST); \
	} \
	static inline void rte_atomic##bits##_sub(rte_atomic##bits##_t *v, int##bits##_t dec) \
	{ \
		__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST); \
	} \
	static inline void rte_atomic##bits##_inc(rte_atomic##bits##_t *v) \
	{ \
		__atomic_fetch_add(&v->cnt, 1, __ATOMIC_SEQ_CST); \
	} \
	static inline void rte_atomic##bits##_dec(rte_atomic##bits##_t *v) \
	{ \
		__atomic_fetch_sub(&v->cnt, 1, __ATOMIC_SEQ_CST); \
	} \
	static inline int##bits##_t rte_atomic##bits##_add_return(rte_atomic##bits##_t *v, \
								  int##bits##_t inc) \
	{ \
		return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST); \
	} \
	static inline int##bits##_t rte_atomic##bits##_sub_return(rte_atomic##bits##_t *v, \
								  int##bits##_t dec) \
	{ \
		return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST); \
	} \
	static inline int rte_atomic##bits##_inc_and_test(rte_atomic##bits##_t *v) \
	{ \
		return __atomic_add_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0; \
	} \
	static inline int rte_atomic##bits##_dec_and_test(rte_atomic##bits##_t *v) \
	{ \
		return __atomic_sub_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0; \
	} \
	static inline int rte_atomic##bits##_test_and_set(rte_atomic##bits##_t *v) \
	{ \
		return rte_atomic##bits##_cmpset((volatile uint##bits##_t *)&v->cnt, 0, 1); \
	} \
	static inline void rte_atomic##bits##_clear(rte_atomic##bits##_t *v) \
	{ \
		__atomic_store_n(&v->cnt, 0, __ATOMIC_RELAXED); \
	}

__RTE_ATOMIC_COUNTER(16)
__RTE_ATOMIC_COUNTER(32)
__RTE_ATOMIC_COUNTER(64)

#undef __RTE_ATOMIC_COUNTER

/* ---- 128-bit compare-and-exchange ---- */

/** A 16-byte aligned 128-bit value, for rte_atomic128_cmp_exchange. */
RTE_STD_C11
typedef struct {
	RTE_STD_C11
	union {
		uint64_t val[2];             /**< as two 64-bit halves (low first) */
		RTE_STD_C11 __int128 int128; /**< as one 128-bit integer */
	};
} __rte_aligned(16) rte_int128_t;

/**
 * 128-bit compare-and-exchange (CMPXCHG16B): if *dst == *exp, store *src
 * into *dst and return 1; otherwise copy *dst into *exp and return 0.
 * The instruction is always strong and fully ordered, so @p weak,
 * @p success and @p failure (memory orders) are accepted and not needed.
 */
__rte_experimental static inline int
rte_atomic128_cmp_exchange(rte_int128_t *dst, rte_int128_t *exp, const rte_int128_t *src,
			   unsigned int weak, int success, int failure)
{
	uint8_t swapped;

	RTE_SET_USED(weak);
	RTE_SET_USED(success);
	RTE_SET_USED(failure);
	/* rdx:rax = expected (out: current value on failure),
	 * rcx:rbx = desired; ZF reports whether the swap happened */
	asm volatile("lock cmpxchg16b %[mem]\n\tsete %[ok]"
		     : [mem] "+m"(dst->int128), [ok] "=q"(swapped), "+a"(exp->val[0]),
		       "+d"(exp->val[1])
		     : "b"(src->val[0]), "c"(src->val[1])
		     : "memory", "cc");
	return swapped;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_ATOMIC_H_ */
