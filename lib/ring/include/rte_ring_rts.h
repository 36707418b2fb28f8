/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_RTS_H_
#define _RTE_RING_RTS_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Relaxed tail sync (RTS) mode: many producers (or consumers) reserve and
 * copy concurrently; the side's tail moves when the last one in flight
 * finishes, and a new reservation waits while the head is more than
 * htd_max (default capacity / 8) ahead of the tail. Useful when threads
 * may be preempted (overcommitted cores): an MT caller waits for every
 * earlier caller, an RTS caller only for the distance bound.
 * Do not include directly; include <rte_ring.h> or <rte_ring_elem.h>.
 */

#include <rte_ring_rts_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Add exactly @p n elements or none to the ring, MP RTS mode (any number of
 * producers, relaxed tail).
 * @param r the ring.
 * @param obj_table the elements to add.
 * @param esize element size in bytes, a multiple of 4, the same as the
 *   ring was created with.
 * @param n number of elements (all or none).
 * @param free_space
 *   if not NULL, set to the free slots left after the call
 * @return
 *   - @p n or 0 (bulk)
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      free_space);
}

/**
 * Add up to @p n elements to the ring, MP RTS mode (any number of
 * producers, relaxed tail).
 * @param r the ring.
 * @param obj_table the elements to add.
 * @param esize element size in bytes, a multiple of 4, the same as the
 *   ring was created with.
 * @param n number of elements at most.
 * @param free_space
 *   if not NULL, set to the free slots left after the call
 * @return
 *   - the number moved, 0..@p n
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
				   unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      free_space);
}

/**
 * Take exactly @p n elements or none from the ring, MC RTS mode (any number of
 * consumers, relaxed tail).
 * @param r the ring.
 * @param obj_table receives the elements.
 * @param esize element size in bytes, a multiple of 4, the same as the
 *   ring was created with.
 * @param n number of elements (all or none).
 * @param available
 *   if not NULL, set to the elements left after the call
 * @return
 *   - @p n or 0 (bulk)
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      available);
}

/**
 * Take up to @p n elements from the ring, MC RTS mode (any number of
 * consumers, relaxed tail).
 * @param r the ring.
 * @param obj_table receives the elements.
 * @param esize element size in bytes, a multiple of 4, the same as the
 *   ring was created with.
 * @param n number of elements at most.
 * @param available
 *   if not NULL, set to the elements left after the call
 * @return
 *   - the number moved, 0..@p n
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				   unsigned int n, unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      available);
}

/** rte_ring_mp_rts_enqueue_bulk_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk(struct rte_ring *r, void *const *obj_table, unsigned int n,
			     unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mp_rts_enqueue_burst_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst(struct rte_ring *r, void *const *obj_table, unsigned int n,
			      unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mc_rts_dequeue_bulk_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			     unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

/** rte_ring_mc_rts_dequeue_burst_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			      unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

/**
 * The producers' largest head-tail distance.
 * @return the value, or UINT32_MAX if the producer side is not in RTS mode.
 */
static inline uint32_t
rte_ring_get_prod_htd_max(const struct rte_ring *r)
{
	return r->prod.sync_type == RTE_RING_SYNC_MT_RTS ? r->rts_prod.htd_max : UINT32_MAX;
}

/**
 * Set the producers' largest head-tail distance. Call it while no producer
 * runs.
 * @return
 *   - 0: success
 *   - -ENOTSUP: the producer side is not in RTS mode
 */
static inline int
rte_ring_set_prod_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->prod.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_prod.htd_max = v;
	return 0;
}

/**
 * The consumers' largest head-tail distance.
 * @return the value, or UINT32_MAX if the consumer side is not in RTS mode.
 */
static inline uint32_t
rte_ring_get_cons_htd_max(const struct rte_ring *r)
{
	return r->cons.sync_type == RTE_RING_SYNC_MT_RTS ? r->rts_cons.htd_max : UINT32_MAX;
}

/**
 * Set the consumers' largest head-tail distance. Call it while no consumer
 * runs.
 * @return
 *   - 0: success
 *   - -ENOTSUP: the consumer side is not in RTS mode
 */
static inline int
rte_ring_set_cons_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->cons.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_cons.htd_max = v;
	return 0;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_RTS_H_ */
