/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_ELEM_H_
#define _RTE_RING_ELEM_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Rings of fixed-size elements of any size that is a multiple of 4 bytes
 * (rte_ring.h is the same API for pointers). The element size given to
 * each call must be the one the ring was created with; elements are copied
 * in and out by value.
 *
 * Every operation comes in three flavours: mp/mc (any number of threads on
 * that side, the caller does not need to be an lcore), sp/sc (the caller
 * promises nobody else is on that side at the same time), and without
 * prefix, which uses the mode chosen by the ring's flags (MT, ST, RTS or
 * HTS). "bulk" moves all n elements or none; "burst" moves as many as it
 * can, up to n.
 */

#include <rte_ring_core.h>
#include <rte_ring_elem_pvt.h>
#include <rte_ring_hts.h>
#include <rte_ring_rts.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Bytes needed for a ring of @p count elements of @p esize bytes: the
 * rte_ring structure and the slot array, rounded up to a cache line.
 * @param esize element size, a multiple of 4
 * @param count number of slots, a power of 2 not above RTE_RING_SZ_MASK
 * @return
 *   - the size in bytes
 *   - -EINVAL: esize not a multiple of 4, or count not a power of 2 or too large
 */
ssize_t rte_ring_get_memsize_elem(unsigned int esize, unsigned int count);

/**
 * Create a ring of @p count elements of @p esize bytes in a memzone of
 * socket @p socket_id (SOCKET_ID_ANY for any) and register it under
 * @p name so that rte_ring_lookup() finds it. @p flags: RING_F_SP_ENQ,
 * RING_F_MP_RTS_ENQ or RING_F_MP_HTS_ENQ (at most one; none = MT), likewise
 * RING_F_SC_DEQ, RING_F_MC_RTS_DEQ or RING_F_MC_HTS_DEQ, and
 * RING_F_EXACT_SZ (hold exactly @p count elements; otherwise @p count
 * must be a power of 2 and the ring holds count - 1).
 * @return
 *   the ring, or NULL with rte_errno set:
 *   - EINVAL: bad esize, count or flags
 *   - ENAMETOOLONG: name longer than RTE_RING_NAMESIZE - 1
 *   - EEXIST: a ring of that name exists
 *   - ENOSPC: no memzone slot left
 *   - ENOMEM: not enough memory
 *   - E_RTE_SECONDARY: called from a secondary process
 */
struct rte_ring *rte_ring_create_elem(const char *name, unsigned int esize, unsigned int count,
				      int socket_id, unsigned int flags);

/**
 * Enqueue exactly @p n elements or none, safe with any number of producers.
 * @param r the ring
 * @param obj_table the elements to add
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param free_space if not NULL, set to the free slots left after the call
 * @return
 *   - @p n: all moved
 *   - 0: not enough room; nothing moved
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT, free_space);
}

/**
 * Enqueue exactly @p n elements or none, the caller must be the only producer at this time.
 * @param r the ring
 * @param obj_table the elements to add
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param free_space if not NULL, set to the free slots left after the call
 * @return
 *   - @p n: all moved
 *   - 0: not enough room; nothing moved
 */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_ST, free_space);
}

/**
 * Enqueue exactly @p n elements or none, in the ring's default mode for this side.
 * @param r the ring
 * @param obj_table the elements to add
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param free_space if not NULL, set to the free slots left after the call
 * @return
 *   - @p n: all moved
 *   - 0: not enough room; nothing moved
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, unsigned int *free_space)
{
	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mp_enqueue_bulk_elem(r, obj_table, esize, n, free_space);
	case RTE_RING_SYNC_ST:
		return rte_ring_sp_enqueue_bulk_elem(r, obj_table, esize, n, free_space);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table, esize, n, free_space);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table, esize, n, free_space);
	}
	/* a corrupted sync_type: move nothing rather than guess */
	if (free_space != NULL)
		*free_space = 0;
	return 0;
}

/**
 * Enqueue up to @p n elements, safe with any number of producers.
 * @param r the ring
 * @param obj_table the elements to add
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param free_space if not NULL, set to the free slots left after the call
 * @return
 *   - the number moved, 0 to @p n
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT, free_space);
}

/**
 * Enqueue up to @p n elements, the caller must be the only producer at this time.
 * @param r the ring
 * @param obj_table the elements to add
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param free_space if not NULL, set to the free slots left after the call
 * @return
 *   - the number moved, 0 to @p n
 */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_ST, free_space);
}

/**
 * Enqueue up to @p n elements, in the ring's default mode for this side.
 * @param r the ring
 * @param obj_table the elements to add
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param free_space if not NULL, set to the free slots left after the call
 * @return
 *   - the number moved, 0 to @p n
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			    unsigned int n, unsigned int *free_space)
{
	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mp_enqueue_burst_elem(r, obj_table, esize, n, free_space);
	case RTE_RING_SYNC_ST:
		return rte_ring_sp_enqueue_burst_elem(r, obj_table, esize, n, free_space);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table, esize, n, free_space);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table, esize, n, free_space);
	}
	/* a corrupted sync_type: move nothing rather than guess */
	if (free_space != NULL)
		*free_space = 0;
	return 0;
}

/**
 * Enqueue one element of @p esize bytes (any number of producers).
 * @return
 *   - 0: success
 *   - -ENOBUFS: the ring is full
 */
static __rte_always_inline int
rte_ring_mp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

/**
 * Enqueue one element of @p esize bytes (single producer).
 * @return
 *   - 0: success
 *   - -ENOBUFS: the ring is full
 */
static __rte_always_inline int
rte_ring_sp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

/**
 * Enqueue one element of @p esize bytes (the ring's default mode).
 * @return
 *   - 0: success
 *   - -ENOBUFS: the ring is full
 */
static __rte_always_inline int
rte_ring_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

/**
 * Dequeue exactly @p n elements or none, safe with any number of consumers.
 * @param r the ring
 * @param obj_table where the elements are copied
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param available if not NULL, set to the elements left in the ring after the call
 * @return
 *   - @p n: all moved
 *   - 0: not enough elements; nothing moved
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_MT, available);
}

/**
 * Dequeue exactly @p n elements or none, the caller must be the only consumer at this time.
 * @param r the ring
 * @param obj_table where the elements are copied
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param available if not NULL, set to the elements left in the ring after the call
 * @return
 *   - @p n: all moved
 *   - 0: not enough elements; nothing moved
 */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			      unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_FIXED,
					  RTE_RING_SYNC_ST, available);
}

/**
 * Dequeue exactly @p n elements or none, in the ring's default mode for this side.
 * @param r the ring
 * @param obj_table where the elements are copied
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param available if not NULL, set to the elements left in the ring after the call
 * @return
 *   - @p n: all moved
 *   - 0: not enough elements; nothing moved
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem(struct rte_ring *r, void *obj_table, unsigned int esize, unsigned int n,
			   unsigned int *available)
{
	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mc_dequeue_bulk_elem(r, obj_table, esize, n, available);
	case RTE_RING_SYNC_ST:
		return rte_ring_sc_dequeue_bulk_elem(r, obj_table, esize, n, available);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table, esize, n, available);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table, esize, n, available);
	}
	/* a corrupted sync_type: move nothing rather than guess */
	if (available != NULL)
		*available = 0;
	return 0;
}

/**
 * Dequeue up to @p n elements, safe with any number of consumers.
 * @param r the ring
 * @param obj_table where the elements are copied
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param available if not NULL, set to the elements left in the ring after the call
 * @return
 *   - the number moved, 0 to @p n
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_MT, available);
}

/**
 * Dequeue up to @p n elements, the caller must be the only consumer at this time.
 * @param r the ring
 * @param obj_table where the elements are copied
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param available if not NULL, set to the elements left in the ring after the call
 * @return
 *   - the number moved, 0 to @p n
 */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize,
			       unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n, RTE_RING_QUEUE_VARIABLE,
					  RTE_RING_SYNC_ST, available);
}

/**
 * Dequeue up to @p n elements, in the ring's default mode for this side.
 * @param r the ring
 * @param obj_table where the elements are copied
 * @param esize element size in bytes (a multiple of 4, as at creation)
 * @param n how many
 * @param available if not NULL, set to the elements left in the ring after the call
 * @return
 *   - the number moved, 0 to @p n
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem(struct rte_ring *r, void *obj_table, unsigned int esize, unsigned int n,
			    unsigned int *available)
{
	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mc_dequeue_burst_elem(r, obj_table, esize, n, available);
	case RTE_RING_SYNC_ST:
		return rte_ring_sc_dequeue_burst_elem(r, obj_table, esize, n, available);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table, esize, n, available);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table, esize, n, available);
	}
	/* a corrupted sync_type: move nothing rather than guess */
	if (available != NULL)
		*available = 0;
	return 0;
}

/**
 * Dequeue one element of @p esize bytes (any number of consumers).
 * @return
 *   - 0: success
 *   - -ENOENT: the ring is empty
 */
static __rte_always_inline int
rte_ring_mc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

/**
 * Dequeue one element of @p esize bytes (single consumer).
 * @return
 *   - 0: success
 *   - -ENOENT: the ring is empty
 */
static __rte_always_inline int
rte_ring_sc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

/**
 * Dequeue one element of @p esize bytes (the ring's default mode).
 * @return
 *   - 0: success
 *   - -ENOENT: the ring is empty
 */
static __rte_always_inline int
rte_ring_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

#ifdef __cplusplus
}
#endif

/* The pointer API and the peek APIs come with this header, as in DPDK. */
#include <rte_ring.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>

#pragma GCC visibility pop

#endif /* _RTE_RING_ELEM_H_ */
