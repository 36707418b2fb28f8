/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Spinlocks: a lock word taken with one compare-and-swap. Waiters spin on a
 * plain load (with PAUSE) and only retry the CAS once the word reads free,
 * so a contended lock does not bounce its cache line between the waiters.
 *
 * Lock acquisition is an ACQUIRE, release a RELEASE store: everything done
 * under the lock is visible to the next holder.
 *
 * The recursive variant lets the owning thread take the lock again; it is
 * released when unlocked as many times as locked. Owner identity is the
 * kernel thread id (rte_gettid(), cached per thread), so it works from EAL
 * and non-EAL threads alike.
 *
 * The *_tm variants would use hardware transactional memory (Intel TSX).
 * dpkit does not use TSX (it is disabled or absent on current CPUs), so
 * rte_tm_supported() returns 0 and they behave exactly as the plain calls.
 */

#ifndef _RTE_SPINLOCK_H_
#define _RTE_SPINLOCK_H_

#pragma GCC visibility push(default)

#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A spinlock. */
typedef struct {
	volatile int locked; /**< 0 = free, 1 = taken */
} rte_spinlock_t;

/** Static initialiser: an unlocked spinlock. */
#define RTE_SPINLOCK_INITIALIZER \
	{ \
		0 \
	}

/** Set a spinlock to unlocked. */
static inline void
rte_spinlock_init(rte_spinlock_t *sl)
{
	sl->locked = 0;
}

/** Take the lock, spinning until it is free. */
static inline void
rte_spinlock_lock(rte_spinlock_t *sl)
{
	int expected = 0;

	while (unlikely(!__atomic_compare_exchange_n(&sl->locked, &expected, 1, 0, __ATOMIC_ACQUIRE,
						     __ATOMIC_RELAXED))) {
		/* read-only spin: keeps the line shared until the holder lets go */
		rte_wait_until_equal_32((volatile uint32_t *)&sl->locked, 0, __ATOMIC_RELAXED);
		expected = 0;
	}
}

/** Release the lock (pairs with the ACQUIRE in lock/trylock). */
static inline void
rte_spinlock_unlock(rte_spinlock_t *sl)
{
	__atomic_store_n(&sl->locked, 0, __ATOMIC_RELEASE);
}

/**
 * Try once to take the lock.
 * @return 1 if the lock was taken, 0 if it was held by someone.
 */
__rte_warn_unused_result static inline int
rte_spinlock_trylock(rte_spinlock_t *sl)
{
	int expected = 0;

	return __atomic_compare_exchange_n(&sl->locked, &expected, 1, 0, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

/** @return 1 if the lock is currently held, 0 otherwise. */
static inline int
rte_spinlock_is_locked(rte_spinlock_t *sl)
{
	return __atomic_load_n(&sl->locked, __ATOMIC_ACQUIRE);
}

/** @return 1 if the *_tm calls use hardware transactions; always 0 here. */
static inline int
rte_tm_supported(void)
{
	return 0;
}

/** rte_spinlock_lock (no hardware transactional memory in dpkit). */
static inline void
rte_spinlock_lock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_lock(sl);
}

/** rte_spinlock_unlock (no hardware transactional memory in dpkit). */
static inline void
rte_spinlock_unlock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_unlock(sl);
}

/** rte_spinlock_trylock (no hardware transactional memory in dpkit). */
__rte_warn_unused_result static inline int
rte_spinlock_trylock_tm(rte_spinlock_t *sl)
{
	return rte_spinlock_trylock(sl);
}

/* ---- recursive spinlock ---- */

/** A spinlock its owner may take again. */
typedef struct {
	rte_spinlock_t sl;  /**< the lock itself */
	volatile int user;  /**< owner's thread id, -1 when free */
	volatile int count; /**< how many times the owner holds it */
} rte_spinlock_recursive_t;

/** Static initialiser: an unlocked recursive spinlock. */
#define RTE_SPINLOCK_RECURSIVE_INITIALIZER \
	{ \
		RTE_SPINLOCK_INITIALIZER, -1, 0 \
	}

/** Set a recursive spinlock to unlocked. */
static inline void
rte_spinlock_recursive_init(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_init(&slr->sl);
	slr->user = -1;
	slr->count = 0;
}

/*
 * Only the owner writes user/count while it holds sl, and only the owner can
 * see its own id in user, so the unlocked read of user below is safe: any
 * other thread reads either -1 or a different id and goes for the lock.
 * That read races with the owner's writes, so both are relaxed atomics (a
 * plain volatile access is a data race in the C11 model; TSan reports it).
 */

/** Take the lock, or count one more hold if this thread already owns it. */
static inline void
rte_spinlock_recursive_lock(rte_spinlock_recursive_t *slr)
{
	int self = rte_gettid();

	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != self) {
		rte_spinlock_lock(&slr->sl);
		__atomic_store_n(&slr->user, self, __ATOMIC_RELAXED);
	}
	slr->count = slr->count + 1;
}

/** Drop one hold; the lock is released when the count reaches 0. */
static inline void
rte_spinlock_recursive_unlock(rte_spinlock_recursive_t *slr)
{
	slr->count = slr->count - 1;
	if (slr->count == 0) {
		__atomic_store_n(&slr->user, -1, __ATOMIC_RELAXED);
		rte_spinlock_unlock(&slr->sl);
	}
}

/**
 * Try to take the lock (succeeds at once if this thread already owns it).
 * @return 1 if taken, 0 if another thread holds it.
 */
__rte_warn_unused_result static inline int
rte_spinlock_recursive_trylock(rte_spinlock_recursive_t *slr)
{
	int self = rte_gettid();

	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != self) {
		if (!rte_spinlock_trylock(&slr->sl))
			return 0;
		__atomic_store_n(&slr->user, self, __ATOMIC_RELAXED);
	}
	slr->count = slr->count + 1;
	return 1;
}

/** rte_spinlock_recursive_lock (no hardware transactional memory). */
static inline void
rte_spinlock_recursive_lock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_lock(slr);
}

/** rte_spinlock_recursive_unlock (no hardware transactional memory). */
static inline void
rte_spinlock_recursive_unlock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_unlock(slr);
}

/** rte_spinlock_recursive_trylock (no hardware transactional memory). */
__rte_warn_unused_result static inline int
rte_spinlock_recursive_trylock_tm(rte_spinlock_recursive_t *slr)
{
	return rte_spinlock_recursive_trylock(slr);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_SPINLOCK_H_ */
