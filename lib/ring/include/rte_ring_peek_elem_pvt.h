/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_PEEK_ELEM_PVT_H_
#define _RTE_RING_PEEK_ELEM_PVT_H_

#pragma GCC visibility push(default)

/**
 * @file
 * @internal Two-phase operations shared by rte_ring_peek.h and
 * rte_ring_peek_zc.h. "start" reserves (moves the head); "finish" commits
 * some or all of the reservation (sets head and tail to tail + n). That
 * only works on a side where one caller at a time sits between the two
 * phases: ST or HTS. On an MT or RTS side, start reserves nothing and
 * returns 0. Do not include directly; include <rte_ring_elem.h>.
 */

#include <rte_ring_hts_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @internal Reserve up to @p n slots for a two-phase enqueue; *head = first one. */
static __rte_always_inline uint32_t
__rte_ring_peek_prod_start(struct rte_ring *r, uint32_t n, enum rte_ring_queue_behavior behavior,
			   uint32_t *head, uint32_t *free_space)
{
	uint32_t room = 0;

	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_move_head(r, __RTE_RING_PROD, RTE_RING_SYNC_ST, n, behavior,
					 __rte_ring_need(free_space), head, &room);
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_head(r, __RTE_RING_PROD, n, behavior,
					     __rte_ring_need(free_space), head, &room);
		break;
	default:
		/* MT / RTS: no two-phase operations */
		n = 0;
		*head = 0;
		break;
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/** @internal Reserve up to @p n elements for a two-phase dequeue. */
static __rte_always_inline uint32_t
__rte_ring_peek_cons_start(struct rte_ring *r, uint32_t n, enum rte_ring_queue_behavior behavior,
			   uint32_t *head, uint32_t *available)
{
	uint32_t room = 0;

	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_move_head(r, __RTE_RING_CONS, RTE_RING_SYNC_ST, n, behavior,
					 __rte_ring_need(available), head, &room);
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_head(r, __RTE_RING_CONS, n, behavior,
					     __rte_ring_need(available), head, &room);
		break;
	default:
		n = 0;
		*head = 0;
		break;
	}
	if (available != NULL)
		*available = room - n;
	return n;
}

/**
 * @internal The open reservation of side @p side, whose mode @p sync is
 * RTE_RING_SYNC_ST or RTE_RING_SYNC_MT_HTS: its tail in *tail, and @p n
 * if @p n fits in what was reserved, else 0 (a finish asking for more than
 * start gave commits nothing and cancels the reservation).
 */
static __rte_always_inline uint32_t
__rte_ring_peek_reserved(const struct rte_ring *r, enum __rte_ring_side side,
			 enum rte_ring_sync_type sync, uint32_t n, uint32_t *tail)
{
	const bool prod = side == __RTE_RING_PROD;
	uint32_t head, t;

	/* relaxed: between start and finish only this thread moves this side */
	if (sync == RTE_RING_SYNC_MT_HTS) {
		union __rte_ring_hts_pos p;

		p.raw = __atomic_load_n(prod ? &r->hts_prod.ht.raw : &r->hts_cons.ht.raw,
					__ATOMIC_RELAXED);
		head = p.pos.head;
		t = p.pos.tail;
	} else {
		const struct rte_ring_headtail *ht = prod ? &r->prod : &r->cons;

		head = __atomic_load_n(&ht->head, __ATOMIC_RELAXED);
		t = __atomic_load_n(&ht->tail, __ATOMIC_RELAXED);
	}
	*tail = t;
	return n <= head - t ? n : 0;
}

/**
 * @internal Commit @p n of the reservation of side @p side (mode @p sync:
 * RTE_RING_SYNC_ST or RTE_RING_SYNC_MT_HTS), which starts at @p tail.
 */
static __rte_always_inline void
__rte_ring_peek_commit(struct rte_ring *r, enum __rte_ring_side side, enum rte_ring_sync_type sync,
		       uint32_t tail, uint32_t n)
{
	struct rte_ring_headtail *ht = side == __RTE_RING_PROD ? &r->prod : &r->cons;

	__RTE_RING_STALL(side, "peek_finish");
	if (sync == RTE_RING_SYNC_MT_HTS) {
		__rte_ring_hts_set_head_tail(r, side, tail, n);
		return;
	}
	__atomic_store_n(&ht->head, tail + n, __ATOMIC_RELAXED);
	/* release pairs with the other side's acquire read of this tail */
	__atomic_store_n(&ht->tail, tail + n, __ATOMIC_RELEASE);
	__RTE_RING_STALL(side, "tail_moved");
}

/** @internal Finish a two-phase enqueue: copy @p n elements (if obj_table) and commit them. */
static __rte_always_inline void
__rte_ring_peek_prod_finish(struct rte_ring *r, const void *obj_table, uint32_t esize, uint32_t n)
{
	const enum rte_ring_sync_type sync = r->prod.sync_type;
	uint32_t tail;

	if (sync != RTE_RING_SYNC_MT_HTS && sync != RTE_RING_SYNC_ST)
		return; /* nothing was reserved */
	n = __rte_ring_peek_reserved(r, __RTE_RING_PROD, sync, n, &tail);
	if (obj_table != NULL && n != 0)
		__rte_ring_copy_in(r, tail, obj_table, esize, n);
	__rte_ring_peek_commit(r, __RTE_RING_PROD, sync, tail, n);
}

/** @internal Finish a two-phase dequeue: remove @p n elements. */
static __rte_always_inline void
__rte_ring_peek_cons_finish(struct rte_ring *r, uint32_t n)
{
	const enum rte_ring_sync_type sync = r->cons.sync_type;
	uint32_t tail;

	if (sync != RTE_RING_SYNC_MT_HTS && sync != RTE_RING_SYNC_ST)
		return; /* nothing was reserved */
	n = __rte_ring_peek_reserved(r, __RTE_RING_CONS, sync, n, &tail);
	__rte_ring_peek_commit(r, __RTE_RING_CONS, sync, tail, n);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_PEEK_ELEM_PVT_H_ */
