/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_RTS_ELEM_PVT_H_
#define _RTE_RING_RTS_ELEM_PVT_H_

#pragma GCC visibility push(default)

/**
 * @file
 * @internal Relaxed tail sync (RTS). Head and tail of a side are each a
 * 64-bit {counter, position} word. Reserving bumps the head counter;
 * finishing bumps the tail counter, and whoever brings the tail counter
 * level with the head counter (the last caller in flight) moves the tail
 * position up to the head position. Callers thus never wait for each other
 * to finish in order, as MT callers do; instead a reservation waits while
 * the head is more than htd_max ahead of the tail, which bounds how long
 * the other side can be kept waiting. Do not include directly; include
 * <rte_ring_elem.h>.
 */

#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @internal Publish one finished operation of RTS side @p side: count it,
 * and if it was the last one in flight, move the tail position to the head.
 */
static __rte_always_inline void
__rte_ring_rts_update_tail(struct rte_ring *r, enum __rte_ring_side side)
{
	struct rte_ring_rts_headtail *ht = side == __RTE_RING_PROD ? &r->rts_prod : &r->rts_cons;
	union __rte_ring_rts_poscnt cur, next, head;

	cur.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_ACQUIRE);
	do {
		__RTE_RING_STALL(side, "tail_read");
		/* read after the tail (its acquire orders it): a head counter
		 * equal to ours + 1 then covers every reservation the tail
		 * counter has seen finish */
		head.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_RELAXED);
		next.raw = cur.raw;
		next.val.cnt++;
		if (next.val.cnt == head.val.cnt)
			next.val.pos = head.val.pos;
		/* release: our slot accesses happen before the other side sees
		 * the new position. Every change of the tail word is this RMW,
		 * so the last caller's store also carries the earlier callers'
		 * releases (one release sequence) */
	} while (!__atomic_compare_exchange_n(&ht->tail.raw, &cur.raw, next.raw, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
	__RTE_RING_STALL(side, "tail_moved");
}

/**
 * @internal Move the head of RTS side @p side by up to @p n, after waiting
 * for the head-tail distance to drop to htd_max. Returns the number reserved.
 */
static __rte_always_inline uint32_t
__rte_ring_rts_move_head(struct rte_ring *r, enum __rte_ring_side side, uint32_t n,
			 enum rte_ring_queue_behavior behavior, enum __rte_ring_room_need need,
			 uint32_t *old_head, uint32_t *room)
{
	struct rte_ring_rts_headtail *ht = side == __RTE_RING_PROD ? &r->rts_prod : &r->rts_cons;
	union __rte_ring_rts_poscnt cur, next;
	uint32_t got;

	/* acquire: the tail reads below stay after this load */
	cur.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
	for (;;) {
		/* flow control only; no data is read on its strength */
		while (unlikely(cur.val.pos - __atomic_load_n(&ht->tail.val.pos, __ATOMIC_RELAXED) >
				ht->htd_max)) {
			rte_pause();
			cur.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
		}
		__RTE_RING_STALL(side, "head_read");
		*room = __rte_ring_room(r, side, RTE_RING_SYNC_MT_RTS, cur.val.pos, n, behavior,
					need, &got);
		if (unlikely(got == 0))
			break;
		__RTE_RING_STALL(side, "head_cas");
		next.val.cnt = cur.val.cnt + 1;
		next.val.pos = cur.val.pos + got;
		if (likely(__atomic_compare_exchange_n(&ht->head.raw, &cur.raw, next.raw, false,
						       __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))) {
			__RTE_RING_STALL(side, "head_moved");
			break;
		}
	}
	*old_head = cur.val.pos;
	return got;
}

/** @internal A whole RTS enqueue. */
static __rte_always_inline unsigned int
__rte_ring_do_rts_enqueue_elem(struct rte_ring *r, const void *obj_table, uint32_t esize,
			       uint32_t n, enum rte_ring_queue_behavior behavior,
			       uint32_t *free_space)
{
	uint32_t head, room;

	n = __rte_ring_rts_move_head(r, __RTE_RING_PROD, n, behavior, __rte_ring_need(free_space),
				     &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_in(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(r, __RTE_RING_PROD);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/** @internal A whole RTS dequeue. */
static __rte_always_inline unsigned int
__rte_ring_do_rts_dequeue_elem(struct rte_ring *r, void *obj_table, uint32_t esize, uint32_t n,
			       enum rte_ring_queue_behavior behavior, uint32_t *available)
{
	uint32_t head, room;

	n = __rte_ring_rts_move_head(r, __RTE_RING_CONS, n, behavior, __rte_ring_need(available),
				     &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(r, __RTE_RING_CONS);
	}
	if (available != NULL)
		*available = room - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_RTS_ELEM_PVT_H_ */
