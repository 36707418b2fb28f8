/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_HTS_ELEM_PVT_H_
#define _RTE_RING_HTS_ELEM_PVT_H_

#pragma GCC visibility push(default)

/**
 * @file
 * @internal Head/tail sync (HTS): one side's head and tail live in one
 * 64-bit word. A caller may move the head only while head == tail, i.e.
 * while nobody on its side is between reserving and publishing; so the
 * callers of a side are serialised, which is what lets the peek API work
 * on an HTS ring. Do not include directly; include <rte_ring_elem.h>.
 */

#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @internal Wait until the side is idle (head == tail), then move its head
 * of side @p side by up to @p n. Returns the number reserved.
 */
static __rte_always_inline uint32_t
__rte_ring_hts_move_head(struct rte_ring *r, enum __rte_ring_side side, uint32_t n,
			 enum rte_ring_queue_behavior behavior, enum __rte_ring_room_need need,
			 uint32_t *old_head, uint32_t *room)
{
	struct rte_ring_hts_headtail *ht = side == __RTE_RING_PROD ? &r->hts_prod : &r->hts_cons;
	union __rte_ring_hts_pos cur, next;
	uint32_t got;

	/* acquire pairs with the release store that ended the previous
	 * caller's operation (__rte_ring_hts_set_head_tail) */
	cur.raw = __atomic_load_n(&ht->ht.raw, __ATOMIC_ACQUIRE);
	for (;;) {
		while (unlikely(cur.pos.head != cur.pos.tail)) {
			rte_pause();
			cur.raw = __atomic_load_n(&ht->ht.raw, __ATOMIC_ACQUIRE);
		}
		__RTE_RING_STALL(side, "head_read");
		*room = __rte_ring_room(r, side, RTE_RING_SYNC_MT_HTS, cur.pos.head, n, behavior,
					need, &got);
		if (unlikely(got == 0))
			break;
		__RTE_RING_STALL(side, "head_cas");
		next.pos.head = cur.pos.head + got;
		next.pos.tail = cur.pos.tail;
		/* on failure cur is reloaded with acquire, as above */
		if (likely(__atomic_compare_exchange_n(&ht->ht.raw, &cur.raw, next.raw, false,
						       __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))) {
			__RTE_RING_STALL(side, "head_moved");
			break;
		}
	}
	*old_head = cur.pos.head;
	return got;
}

/**
 * @internal End the operation of side @p side: head and tail both become
 * @p old_tail + @p n (a finish may commit less than it reserved).
 */
static __rte_always_inline void
__rte_ring_hts_set_head_tail(struct rte_ring *r, enum __rte_ring_side side, uint32_t old_tail,
			     uint32_t n)
{
	struct rte_ring_hts_headtail *ht = side == __RTE_RING_PROD ? &r->hts_prod : &r->hts_cons;
	union __rte_ring_hts_pos p;

	p.pos.head = old_tail + n;
	p.pos.tail = old_tail + n;
	/* release pairs with the other side's acquire read of this tail and
	 * with the next caller's acquire in __rte_ring_hts_move_head */
	__atomic_store_n(&ht->ht.raw, p.raw, __ATOMIC_RELEASE);
	__RTE_RING_STALL(side, "tail_moved");
}

/** @internal A whole HTS enqueue. */
static __rte_always_inline unsigned int
__rte_ring_do_hts_enqueue_elem(struct rte_ring *r, const void *obj_table, uint32_t esize,
			       uint32_t n, enum rte_ring_queue_behavior behavior,
			       uint32_t *free_space)
{
	uint32_t head, room;

	n = __rte_ring_hts_move_head(r, __RTE_RING_PROD, n, behavior, __rte_ring_need(free_space),
				     &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_in(r, head, obj_table, esize, n);
		__rte_ring_hts_set_head_tail(r, __RTE_RING_PROD, head, n);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/** @internal A whole HTS dequeue. */
static __rte_always_inline unsigned int
__rte_ring_do_hts_dequeue_elem(struct rte_ring *r, void *obj_table, uint32_t esize, uint32_t n,
			       enum rte_ring_queue_behavior behavior, uint32_t *available)
{
	uint32_t head, room;

	n = __rte_ring_hts_move_head(r, __RTE_RING_CONS, n, behavior, __rte_ring_need(available),
				     &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_hts_set_head_tail(r, __RTE_RING_CONS, head, n);
	}
	if (available != NULL)
		*available = room - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_HTS_ELEM_PVT_H_ */
