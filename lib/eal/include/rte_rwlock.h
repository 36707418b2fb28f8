/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Reader-writer spinlock that favours writers.
 *
 * One 32-bit word holds the whole state:
 *   bit 0  RTE_RWLOCK_WAIT   a writer is waiting: new readers hold back
 *   bit 1  RTE_RWLOCK_WRITE  a writer holds the lock
 *   bits 2.. number of readers, in steps of RTE_RWLOCK_READ
 * A reader adds RTE_RWLOCK_READ optimistically and backs out if it then sees
 * a writer bit, so readers never block each other. A waiting writer sets
 * WAIT so that a stream of readers cannot starve it, then takes the lock
 * when the word drops to "no readers, no writer".
 *
 * Acquire on every successful lock, release on every unlock.
 */

#ifndef _RTE_RWLOCK_H_
#define _RTE_RWLOCK_H_

#pragma GCC visibility push(default)

#include <errno.h>
#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_pause.h>
#include <rte_spinlock.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_RWLOCK_WAIT 0x1                                  /**< a writer is waiting */
#define RTE_RWLOCK_WRITE 0x2                                 /**< a writer holds the lock */
#define RTE_RWLOCK_MASK (RTE_RWLOCK_WAIT | RTE_RWLOCK_WRITE) /**< writer bits */
#define RTE_RWLOCK_READ 0x4                                  /**< one reader */

/** A reader-writer lock. */
typedef struct {
	int32_t cnt; /**< state word, see the file comment */
} rte_rwlock_t;

/** Static initialiser: an unlocked rwlock. */
#define RTE_RWLOCK_INITIALIZER \
	{ \
		0 \
	}

/** Set a rwlock to unlocked. */
static inline void
rte_rwlock_init(rte_rwlock_t *rwl)
{
	rwl->cnt = 0;
}

/** Take the lock for reading; waits while a writer holds or wants it. */
static inline void
rte_rwlock_read_lock(rte_rwlock_t *rwl)
{
	for (;;) {
		while (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) & RTE_RWLOCK_MASK)
			rte_pause();
		/* announce ourselves, then check no writer slipped in */
		int32_t now = __atomic_add_fetch(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_ACQUIRE);
		if (likely(!(now & RTE_RWLOCK_MASK)))
			return;
		__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_RELAXED);
	}
}

/**
 * Try once to take the lock for reading.
 * @return
 *   - 0: taken
 *   - -EBUSY: a writer holds the lock or is waiting for it
 */
static inline int
rte_rwlock_read_trylock(rte_rwlock_t *rwl)
{
	if (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) & RTE_RWLOCK_MASK)
		return -EBUSY;
	int32_t now = __atomic_add_fetch(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_ACQUIRE);
	if (unlikely(now & RTE_RWLOCK_MASK)) {
		__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_RELAXED);
		return -EBUSY;
	}
	return 0;
}

/** Release a read hold. */
static inline void
rte_rwlock_read_unlock(rte_rwlock_t *rwl)
{
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_RELEASE);
}

/**
 * Try once to take the lock for writing.
 * @return
 *   - 0: taken
 *   - -EBUSY: readers or a writer hold the lock
 */
static inline int
rte_rwlock_write_trylock(rte_rwlock_t *rwl)
{
	int32_t seen = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);

	/* free apart from possibly another writer's WAIT bit */
	if (seen < RTE_RWLOCK_WRITE &&
	    __atomic_compare_exchange_n(&rwl->cnt, &seen, seen + RTE_RWLOCK_WRITE, 0,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	return -EBUSY;
}

/** Take the lock for writing; new readers are held back while waiting. */
static inline void
rte_rwlock_write_lock(rte_rwlock_t *rwl)
{
	for (;;) {
		int32_t seen = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);

		/* nobody holds it: take it, clearing the WAIT bit we may have set */
		if (seen < RTE_RWLOCK_WRITE) {
			if (__atomic_compare_exchange_n(&rwl->cnt, &seen, RTE_RWLOCK_WRITE, 1,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return;
			continue;
		}
		if (!(seen & RTE_RWLOCK_WAIT))
			__atomic_fetch_or(&rwl->cnt, RTE_RWLOCK_WAIT, __ATOMIC_RELAXED);
		while (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) > RTE_RWLOCK_WAIT)
			rte_pause();
	}
}

/** Release the write hold. */
static inline void
rte_rwlock_write_unlock(rte_rwlock_t *rwl)
{
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_WRITE, __ATOMIC_RELEASE);
}

/** rte_rwlock_read_lock (no hardware transactional memory in dpkit). */
static inline void
rte_rwlock_read_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_lock(rwl);
}

/** rte_rwlock_read_unlock (no hardware transactional memory in dpkit). */
static inline void
rte_rwlock_read_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_unlock(rwl);
}

/** rte_rwlock_write_lock (no hardware transactional memory in dpkit). */
static inline void
rte_rwlock_write_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_lock(rwl);
}

/** rte_rwlock_write_unlock (no hardware transactional memory in dpkit). */
static inline void
rte_rwlock_write_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_unlock(rwl);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RWLOCK_H_ */
