/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_H_
#define _RTE_RING_H_

#pragma GCC visibility push(default)

/**
 * @file
 * A lock-free FIFO of pointers (or, with rte_ring_elem.h, of fixed-size
 * elements) shared by threads. See rte_ring_core.h for the model.
 *
 * Threads: the mp/mc calls and the default calls of an MT, RTS or HTS side
 * are safe from any number of threads at once, EAL lcores or not. sp/sc
 * calls, and default calls of a side created single (RING_F_SP_ENQ,
 * RING_F_SC_DEQ), need the caller to be alone on that side. In MT mode a
 * caller preempted between reserving and publishing holds up the callers
 * behind it on its side; RTS and HTS bound or avoid that.
 *
 * rte_ring_create() puts the ring in a memzone and registers its name;
 * rte_ring_init() makes a ring in memory the caller provides (size from
 * rte_ring_get_memsize()). Creation, lookup and free are not for the data
 * path: they take the tail queue lock.
 */

#include <stdio.h>

#include <rte_ring_core.h>
#include <rte_ring_elem.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Bytes needed for a ring of @p count pointers (see rte_ring_get_memsize_elem()).
 * @return
 *   - the size in bytes
 *   - -EINVAL: count not a power of 2, or above RTE_RING_SZ_MASK
 */
ssize_t rte_ring_get_memsize(unsigned int count);

/**
 * Make a ring of pointers in memory the caller owns, of at least
 * rte_ring_get_memsize(count) bytes (or rte_ring_get_memsize_elem() with
 * the matching element size), aligned to a cache line. The ring is not
 * registered: rte_ring_lookup() does not find it and rte_ring_free()
 * refuses it; the caller frees the memory. @p count and @p flags as for
 * rte_ring_create(). With RING_F_EXACT_SZ the memory must be sized for the
 * rounded-up count (rte_align32pow2(count + 1)).
 * @return
 *   - 0: success
 *   - -EINVAL: r or name NULL, bad count, or bad or conflicting flags
 *   - -ENAMETOOLONG: name longer than RTE_RING_NAMESIZE - 1
 */
int rte_ring_init(struct rte_ring *r, const char *name, unsigned int count, unsigned int flags);

/**
 * Create a ring of @p count pointers; rte_ring_create_elem() with
 * esize = sizeof(void *).
 * @return the ring, or NULL with rte_errno set (see rte_ring_create_elem()).
 */
struct rte_ring *rte_ring_create(const char *name, unsigned int count, int socket_id,
				 unsigned int flags);

/**
 * Unregister a ring made by rte_ring_create() and release its memzone.
 * NULL is ignored; a ring made by rte_ring_init() is left alone (one log line).
 */
void rte_ring_free(struct rte_ring *r);

/** Print a ring's settings, heads, tails and fill level to @p f. */
void rte_ring_dump(FILE *f, const struct rte_ring *r);

/** Print every ring made by rte_ring_create() to @p f. */
void rte_ring_list_dump(FILE *f);

/**
 * The ring created under @p name.
 * @return the ring, or NULL with rte_errno = ENOENT (none) or EINVAL (name NULL).
 */
struct rte_ring *rte_ring_lookup(const char *name);

/**
 * Empty the ring: heads and tails back to 0. Not thread-safe: nobody may
 * use the ring during the call.
 */
void rte_ring_reset(struct rte_ring *r);

/* ---- pointer API: the _elem calls with esize = sizeof(void *) ---- */

/** rte_ring_mp_enqueue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk(struct rte_ring *r, void *const *obj_table, unsigned int n,
			 unsigned int *free_space)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

/** rte_ring_sp_enqueue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk(struct rte_ring *r, void *const *obj_table, unsigned int n,
			 unsigned int *free_space)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

/** rte_ring_enqueue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk(struct rte_ring *r, void *const *obj_table, unsigned int n,
		      unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem(r, obj_table, sizeof(void *), n, free_space);
}

/** rte_ring_mp_enqueue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst(struct rte_ring *r, void *const *obj_table, unsigned int n,
			  unsigned int *free_space)
{
	return rte_ring_mp_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

/** rte_ring_sp_enqueue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst(struct rte_ring *r, void *const *obj_table, unsigned int n,
			  unsigned int *free_space)
{
	return rte_ring_sp_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

/** rte_ring_enqueue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst(struct rte_ring *r, void *const *obj_table, unsigned int n,
		       unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem(r, obj_table, sizeof(void *), n, free_space);
}

/** rte_ring_mp_enqueue_elem() for one pointer: 0, or -ENOBUFS when full. */
static __rte_always_inline int
rte_ring_mp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_mp_enqueue_elem(r, &obj, sizeof(void *));
}

/** rte_ring_sp_enqueue_elem() for one pointer: 0, or -ENOBUFS when full. */
static __rte_always_inline int
rte_ring_sp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_sp_enqueue_elem(r, &obj, sizeof(void *));
}

/** rte_ring_enqueue_elem() for one pointer: 0, or -ENOBUFS when full. */
static __rte_always_inline int
rte_ring_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_enqueue_elem(r, &obj, sizeof(void *));
}

/** rte_ring_mc_dequeue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			 unsigned int *available)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

/** rte_ring_sc_dequeue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			 unsigned int *available)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

/** rte_ring_dequeue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n, unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem(r, obj_table, sizeof(void *), n, available);
}

/** rte_ring_mc_dequeue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			  unsigned int *available)
{
	return rte_ring_mc_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

/** rte_ring_sc_dequeue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			  unsigned int *available)
{
	return rte_ring_sc_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

/** rte_ring_dequeue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
		       unsigned int *available)
{
	return rte_ring_dequeue_burst_elem(r, obj_table, sizeof(void *), n, available);
}

/** rte_ring_mc_dequeue_elem() for one pointer: 0, or -ENOENT when empty. */
static __rte_always_inline int
rte_ring_mc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_mc_dequeue_elem(r, obj_p, sizeof(void *));
}

/** rte_ring_sc_dequeue_elem() for one pointer: 0, or -ENOENT when empty. */
static __rte_always_inline int
rte_ring_sc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_sc_dequeue_elem(r, obj_p, sizeof(void *));
}

/** rte_ring_dequeue_elem() for one pointer: 0, or -ENOENT when empty. */
static __rte_always_inline int
rte_ring_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_dequeue_elem(r, obj_p, sizeof(void *));
}

/* ---- state ---- */

/**
 * Elements in the ring. Exact when nobody is using the ring; otherwise a
 * value the ring had at some moment during the call.
 */
static inline unsigned int
rte_ring_count(const struct rte_ring *r)
{
	/* consumer tail first: the producer tail read after it cannot be
	 * behind it, so the difference is never negative */
	uint32_t cons_tail = __atomic_load_n(&r->cons.tail, __ATOMIC_ACQUIRE);
	uint32_t prod_tail = __atomic_load_n(&r->prod.tail, __ATOMIC_ACQUIRE);
	uint32_t count = prod_tail - cons_tail;

	/* both tails may move between the two reads */
	return count > r->capacity ? r->capacity : count;
}

/** Free slots in the ring (capacity - count). */
static inline unsigned int
rte_ring_free_count(const struct rte_ring *r)
{
	return r->capacity - rte_ring_count(r);
}

/** 1 if the ring is full, else 0. */
static inline int
rte_ring_full(const struct rte_ring *r)
{
	return rte_ring_free_count(r) == 0;
}

/** 1 if the ring is empty, else 0. */
static inline int
rte_ring_empty(const struct rte_ring *r)
{
	return rte_ring_count(r) == 0;
}

/** Number of slots (a power of 2; at least capacity + 1). */
static inline unsigned int
rte_ring_get_size(const struct rte_ring *r)
{
	return r->size;
}

/** Most elements the ring can hold. */
static inline unsigned int
rte_ring_get_capacity(const struct rte_ring *r)
{
	return r->capacity;
}

/** The producers' sync mode. */
static inline enum rte_ring_sync_type
rte_ring_get_prod_sync_type(const struct rte_ring *r)
{
	return r->prod.sync_type;
}

/** 1 if the producer side is single-thread (RTE_RING_SYNC_ST). */
static inline int
rte_ring_is_prod_single(const struct rte_ring *r)
{
	return rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_ST;
}

/** The consumers' sync mode. */
static inline enum rte_ring_sync_type
rte_ring_get_cons_sync_type(const struct rte_ring *r)
{
	return r->cons.sync_type;
}

/** 1 if the consumer side is single-thread (RTE_RING_SYNC_ST). */
static inline int
rte_ring_is_cons_single(const struct rte_ring *r)
{
	return rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_ST;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_H_ */
