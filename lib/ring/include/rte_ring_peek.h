/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_PEEK_H_
#define _RTE_RING_PEEK_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Peek API: an enqueue or dequeue in two steps, so a caller can look at
 * elements before deciding to take them, or fill reserved slots later.
 *
 *     n = rte_ring_dequeue_bulk_start(r, objs, 4, NULL); // copies, removes nothing
 *     ... look at objs ...
 *     rte_ring_dequeue_finish(r, keep_all ? 0 : n);      // remove 0..n of them
 *
 *     n = rte_ring_enqueue_burst_start(r, 8, NULL);      // reserves n slots
 *     rte_ring_enqueue_finish(r, objs, m);               // m <= n: copies and publishes m
 *
 * Works only on a side in ST or HTS mode (RING_F_SP_ENQ / RING_F_SC_DEQ or
 * RING_F_MP_HTS_ENQ / RING_F_MC_HTS_DEQ); on an MT or RTS side start
 * returns 0 and finish does nothing. Between start and finish the other
 * callers of that side wait (HTS) or must not run (ST), so keep it short.
 * A finish with more than start returned commits nothing.
 * Normally reached through <rte_ring.h> or <rte_ring_elem.h>.
 */

#include <rte_ring_elem.h>
#include <rte_ring_peek_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Reserve exactly @p n slots or none for a later rte_ring_enqueue_elem_finish().
 * @param r the ring.
 * @param n number of slots (all or none).
 * @param free_space if not NULL, free slots left after the reservation
 * @return @p n, or 0 (not enough room, or MT/RTS producer side)
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	uint32_t head;

	return __rte_ring_peek_prod_start(r, n, RTE_RING_QUEUE_FIXED, &head, free_space);
}

/** rte_ring_enqueue_bulk_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem_start(r, n, free_space);
}

/**
 * Reserve up to @p n slots for a later rte_ring_enqueue_elem_finish().
 * @return the number reserved, 0..@p n
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	uint32_t head;

	return __rte_ring_peek_prod_start(r, n, RTE_RING_QUEUE_VARIABLE, &head, free_space);
}

/** rte_ring_enqueue_burst_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_start(struct rte_ring *r, unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem_start(r, n, free_space);
}

/**
 * Copy @p n elements of @p esize bytes into the reserved slots and publish
 * them; the rest of the reservation is released. @p n must not exceed what
 * start returned (if it does, nothing is enqueued).
 */
static __rte_always_inline void
rte_ring_enqueue_elem_finish(struct rte_ring *r, const void *obj_table, unsigned int esize,
			     unsigned int n)
{
	__rte_ring_peek_prod_finish(r, obj_table, esize, n);
}

/** rte_ring_enqueue_elem_finish() for a ring of pointers. */
static __rte_always_inline void
rte_ring_enqueue_finish(struct rte_ring *r, void *const *obj_table, unsigned int n)
{
	rte_ring_enqueue_elem_finish(r, obj_table, sizeof(void *), n);
}

/**
 * Copy exactly @p n elements or none into @p obj_table without removing
 * them; rte_ring_dequeue_elem_finish() then removes some or all.
 * @param r the ring.
 * @param obj_table receives the elements.
 * @param esize element size in bytes, as the ring was created with.
 * @param n number of elements (all or none).
 * @param available if not NULL, elements left after the @p n
 * @return @p n, or 0 (not enough elements, or MT/RTS consumer side)
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem_start(struct rte_ring *r, void *obj_table, unsigned int esize,
				 unsigned int n, unsigned int *available)
{
	uint32_t head;

	n = __rte_ring_peek_cons_start(r, n, RTE_RING_QUEUE_FIXED, &head, available);
	if (n != 0)
		__rte_ring_copy_out(r, head, obj_table, esize, n);
	return n;
}

/** rte_ring_dequeue_bulk_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_start(struct rte_ring *r, void **obj_table, unsigned int n,
			    unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem_start(r, obj_table, sizeof(void *), n, available);
}

/**
 * Copy up to @p n elements into @p obj_table without removing them.
 * @return the number copied, 0..@p n
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem_start(struct rte_ring *r, void *obj_table, unsigned int esize,
				  unsigned int n, unsigned int *available)
{
	uint32_t head;

	n = __rte_ring_peek_cons_start(r, n, RTE_RING_QUEUE_VARIABLE, &head, available);
	if (n != 0)
		__rte_ring_copy_out(r, head, obj_table, esize, n);
	return n;
}

/** rte_ring_dequeue_burst_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_start(struct rte_ring *r, void **obj_table, unsigned int n,
			     unsigned int *available)
{
	return rte_ring_dequeue_burst_elem_start(r, obj_table, sizeof(void *), n, available);
}

/**
 * Remove the first @p n of the elements the last dequeue start returned
 * (0 keeps them all in the ring). More than start returned removes nothing.
 */
static __rte_always_inline void
rte_ring_dequeue_elem_finish(struct rte_ring *r, unsigned int n)
{
	__rte_ring_peek_cons_finish(r, n);
}

/** rte_ring_dequeue_elem_finish() for a ring of pointers. */
static __rte_always_inline void
rte_ring_dequeue_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_PEEK_H_ */
