/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_PEEK_ZC_H_
#define _RTE_RING_PEEK_ZC_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Zero-copy peek API: like rte_ring_peek.h, but start hands out the slots
 * themselves instead of copying, so the caller reads or writes elements
 * in place (e.g. receives packets straight into a ring):
 *
 *     struct rte_ring_zc_data zcd;
 *     n = rte_ring_enqueue_zc_burst_start(r, 32, &zcd, NULL);
 *     // zcd.ptr1 holds zcd.n1 slots; if n > zcd.n1 the other n - zcd.n1
 *     // are at zcd.ptr2 (the run wrapped to the start of the array)
 *     rte_ring_enqueue_zc_finish(r, filled);  // filled <= n
 *
 * Same rules as the peek API: ST or HTS sides only, one caller of a side
 * between start and finish, a finish above what start gave commits nothing.
 * Normally reached through <rte_ring.h> or <rte_ring_elem.h>.
 */

#include <rte_ring_elem.h>
#include <rte_ring_peek_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Where the slots of a zero-copy reservation are. */
struct rte_ring_zc_data {
	void *ptr1;      /**< first reserved slot */
	void *ptr2;      /**< slot 0 of the ring if the run wraps, else NULL */
	unsigned int n1; /**< slots at ptr1; the rest (n - n1) are at ptr2 */
} __rte_cache_aligned;

/** @internal Fill @p zcd for @p n slots from position @p head on. */
static __rte_always_inline void
__rte_ring_zc_locate(struct rte_ring *r, uint32_t head, uint32_t esize, uint32_t n,
		     struct rte_ring_zc_data *zcd)
{
	const uint32_t idx = head & r->mask;

	zcd->ptr1 = __rte_ring_slot(r, idx, esize);
	if (likely(idx + n <= r->size)) {
		zcd->n1 = n;
		zcd->ptr2 = NULL;
	} else {
		zcd->n1 = r->size - idx;
		zcd->ptr2 = __rte_ring_slot(r, 0, esize);
	}
}

/** @internal Zero-copy enqueue start. */
static __rte_always_inline unsigned int
__rte_ring_zc_prod_start(struct rte_ring *r, unsigned int esize, unsigned int n,
			 enum rte_ring_queue_behavior behavior, struct rte_ring_zc_data *zcd,
			 unsigned int *free_space)
{
	uint32_t head;

	n = __rte_ring_peek_prod_start(r, n, behavior, &head, free_space);
	__rte_ring_zc_locate(r, head, esize, n, zcd);
	return n;
}

/** @internal Zero-copy dequeue start. */
static __rte_always_inline unsigned int
__rte_ring_zc_cons_start(struct rte_ring *r, unsigned int esize, unsigned int n,
			 enum rte_ring_queue_behavior behavior, struct rte_ring_zc_data *zcd,
			 unsigned int *available)
{
	uint32_t head;

	n = __rte_ring_peek_cons_start(r, n, behavior, &head, available);
	__rte_ring_zc_locate(r, head, esize, n, zcd);
	return n;
}

/**
 * Reserve exactly @p n slots of @p esize bytes or none, to be written in
 * place through @p zcd.
 * @param r the ring.
 * @param esize element size in bytes, as the ring was created with.
 * @param n number of slots (all or none).
 * @param zcd receives where the reserved slots are.
 * @param free_space if not NULL, free slots left after the reservation
 * @return @p n, or 0 (not enough room, or MT/RTS producer side); @p zcd
 *   describes the reserved slots (n1 = 0 when none)
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				    struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_zc_prod_start(r, esize, n, RTE_RING_QUEUE_FIXED, zcd, free_space);
}

/** rte_ring_enqueue_zc_bulk_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_start(struct rte_ring *r, unsigned int n, struct rte_ring_zc_data *zcd,
			       unsigned int *free_space)
{
	return rte_ring_enqueue_zc_bulk_elem_start(r, sizeof(void *), n, zcd, free_space);
}

/** Reserve up to @p n slots to be written in place. @return the number reserved. */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				     struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_zc_prod_start(r, esize, n, RTE_RING_QUEUE_VARIABLE, zcd, free_space);
}

/** rte_ring_enqueue_zc_burst_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_start(struct rte_ring *r, unsigned int n, struct rte_ring_zc_data *zcd,
				unsigned int *free_space)
{
	return rte_ring_enqueue_zc_burst_elem_start(r, sizeof(void *), n, zcd, free_space);
}

/** Publish the first @p n slots written in place; release the rest. */
static __rte_always_inline void
rte_ring_enqueue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	__rte_ring_peek_prod_finish(r, NULL, 0, n);
}

/** rte_ring_enqueue_zc_elem_finish() for a ring of pointers. */
static __rte_always_inline void
rte_ring_enqueue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_enqueue_zc_elem_finish(r, n);
}

/**
 * Reserve exactly @p n elements or none, to be read in place through @p zcd.
 * @param r the ring.
 * @param esize element size in bytes, as the ring was created with.
 * @param n number of elements (all or none).
 * @param zcd receives where the reserved elements are.
 * @param available if not NULL, elements left after the @p n
 * @return @p n, or 0 (not enough elements, or MT/RTS consumer side)
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				    struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_zc_cons_start(r, esize, n, RTE_RING_QUEUE_FIXED, zcd, available);
}

/** rte_ring_dequeue_zc_bulk_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_start(struct rte_ring *r, unsigned int n, struct rte_ring_zc_data *zcd,
			       unsigned int *available)
{
	return rte_ring_dequeue_zc_bulk_elem_start(r, sizeof(void *), n, zcd, available);
}

/** Reserve up to @p n elements to be read in place. @return the number reserved. */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize, unsigned int n,
				     struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_zc_cons_start(r, esize, n, RTE_RING_QUEUE_VARIABLE, zcd, available);
}

/** rte_ring_dequeue_zc_burst_elem_start() for a ring of pointers. */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_start(struct rte_ring *r, unsigned int n, struct rte_ring_zc_data *zcd,
				unsigned int *available)
{
	return rte_ring_dequeue_zc_burst_elem_start(r, sizeof(void *), n, zcd, available);
}

/** Remove the first @p n reserved elements; the rest stay in the ring. */
static __rte_always_inline void
rte_ring_dequeue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	__rte_ring_peek_cons_finish(r, n);
}

/** rte_ring_dequeue_zc_elem_finish() for a ring of pointers. */
static __rte_always_inline void
rte_ring_dequeue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_zc_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_PEEK_ZC_H_ */
