/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_HTS_H_
#define _RTE_RING_HTS_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Head/tail sync (HTS) mode: the producers (or consumers) of a ring take
 * turns; one moves head and tail while the others wait. Slower than MT
 * under contention, but a side in HTS mode supports the peek and
 * zero-copy APIs, and no caller ever waits for a preempted one mid-copy
 * longer than that caller's own turn.
 * Do not include directly; include <rte_ring.h> or <rte_ring_elem.h>.
 */

#include <rte_ring_hts_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Add exactly @p n elements or none to the ring, MP HTS mode (any number of
 * producers, taking turns).
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
rte_ring_mp_hts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      free_space);
}

/**
 * Add up to @p n elements to the ring, MP HTS mode (any number of
 * producers, taking turns).
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
rte_ring_mp_hts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
				   unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      free_space);
}

/**
 * Take exactly @p n elements or none from the ring, MC HTS mode (any number of
 * consumers, taking turns).
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
rte_ring_mc_hts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					      available);
}

/**
 * Take up to @p n elements from the ring, MC HTS mode (any number of
 * consumers, taking turns).
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
rte_ring_mc_hts_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
				   unsigned int n, unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					      available);
}

/** rte_ring_mp_hts_enqueue_bulk_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk(struct rte_ring *r, void *const *obj_table, unsigned int n,
			     unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mp_hts_enqueue_burst_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst(struct rte_ring *r, void *const *obj_table, unsigned int n,
			      unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table, sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mc_hts_dequeue_bulk_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
			     unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

/** rte_ring_mc_hts_dequeue_burst_elem() for pointer-sized elements. */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
			      unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table, sizeof(uintptr_t), n, available);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_HTS_H_ */
