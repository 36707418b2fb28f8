/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_ELEM_PVT_H_
#define _RTE_RING_ELEM_PVT_H_

/**
 * @file
 * @internal Building blocks of every enqueue and dequeue: copying elements
 * in and out of the slot array, reading room from the peer cache, and the
 * MT / ST head and tail moves. Do not include directly; include
 * <rte_ring_elem.h>.
 *
 * Memory ordering (C11 model; on x86 every acquire and release below is a
 * plain load or store, only the compare-and-swaps cost):
 *  - A producer publishes slots with a release store of prod.tail; a
 *    consumer reads prod.tail with acquire before it reads those slots.
 *  - A consumer frees slots with a release store of cons.tail; a producer
 *    reads cons.tail with acquire before it overwrites those slots.
 *  - The peer caches (prod_seen, cons_seen) forward those values between
 *    callers of one side, so they are written with release and read with
 *    acquire too: whoever uses a cached tail inherits the ordering of the
 *    thread that read the real one.
 *  - A side's head is read with acquire so that the peer-tail read after it
 *    cannot be satisfied earlier; otherwise a stale tail paired with a newer
 *    head could show more room than exists.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- slot copies ---- */

/*
 * GCC 12+ reports the fixed-size block moves below as out of bounds when the
 * caller's array is shorter than one block, although such a block is then
 * never reached at run time. Silence that for this helper only.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#define __RTE_RING_COPY_PRAGMA_PUSHED
#endif

/**
 * @internal Copy @p len bytes, a multiple of 4, between caller memory and
 * the slot array (never overlapping). The block sizes are fixed so the
 * compiler emits vector moves; with len = n * esize and esize a constant,
 * the tests on the low bits of len that cannot be set fold away.
 */
static __rte_always_inline void
__rte_ring_copy(void *__restrict dst, const void *__restrict src, size_t len)
{
	uint8_t *d = (uint8_t *)dst;
	const uint8_t *s = (const uint8_t *)src;

	for (; len >= 64; len -= 64, d += 64, s += 64)
		__builtin_memcpy(d, s, 64);
	if (len & 32) {
		__builtin_memcpy(d, s, 32);
		d += 32;
		s += 32;
	}
	if (len & 16) {
		__builtin_memcpy(d, s, 16);
		d += 16;
		s += 16;
	}
	if (len & 8) {
		__builtin_memcpy(d, s, 8);
		d += 8;
		s += 8;
	}
	if (len & 4)
		__builtin_memcpy(d, s, 4);
}

#ifdef __RTE_RING_COPY_PRAGMA_PUSHED
#pragma GCC diagnostic pop
#undef __RTE_RING_COPY_PRAGMA_PUSHED
#endif

/** @internal Address of slot @p idx (already masked). */
static __rte_always_inline void *
__rte_ring_slot(const struct rte_ring *r, uint32_t idx, uint32_t esize)
{
	return (uint8_t *)(uintptr_t)&r[1] + (size_t)idx * esize;
}

/** @internal Copy @p n elements from @p obj into the slots from position @p head on. */
static __rte_always_inline void
__rte_ring_copy_in(struct rte_ring *r, uint32_t head, const void *obj,
		   uint32_t esize, uint32_t n)
{
	const uint32_t idx = head & r->mask;

	if (likely(idx + n <= r->size)) {
		__rte_ring_copy(__rte_ring_slot(r, idx, esize), obj, (size_t)n * esize);
	} else {
		/* the run wraps: fill to the end of the array, then from slot 0 */
		const uint32_t first = r->size - idx;

		__rte_ring_copy(__rte_ring_slot(r, idx, esize), obj, (size_t)first * esize);
		__rte_ring_copy(__rte_ring_slot(r, 0, esize),
				(const uint8_t *)obj + (size_t)first * esize,
				(size_t)(n - first) * esize);
	}
}

/** @internal Copy @p n elements from the slots at position @p head on into @p obj. */
static __rte_always_inline void
__rte_ring_copy_out(const struct rte_ring *r, uint32_t head, void *obj,
		    uint32_t esize, uint32_t n)
{
	const uint32_t idx = head & r->mask;

	if (likely(idx + n <= r->size)) {
		__rte_ring_copy(obj, __rte_ring_slot(r, idx, esize), (size_t)n * esize);
	} else {
		const uint32_t first = r->size - idx;

		__rte_ring_copy(obj, __rte_ring_slot(r, idx, esize), (size_t)first * esize);
		__rte_ring_copy((uint8_t *)obj + (size_t)first * esize,
				__rte_ring_slot(r, 0, esize), (size_t)(n - first) * esize);
	}
}

/* ---- room, through the peer caches ---- */

/**
 * @internal Free slots for a producer whose head is @p head. The cached
 * consumer tail answers when it shows at least @p n free slots; otherwise,
 * or when @p exact, the consumer tail itself is read (and cached). A cached
 * value is never ahead of the real tail, so the answer can only be short.
 * A result above capacity means @p head was stale; the caller's
 * compare-and-swap on the head then fails and it retries.
 */
static __rte_always_inline uint32_t
__rte_ring_prod_room(struct rte_ring *r, uint32_t head, uint32_t n, bool exact)
{
	const uint32_t cap = r->capacity;
	uint32_t tail, room;

	if (!exact) {
		/* pairs with the release store below, by this or another producer */
		tail = __atomic_load_n(&r->prod_seen.peer_tail, __ATOMIC_ACQUIRE);
		room = cap + tail - head;
		/* the upper bound rejects a copy older than this producer's head */
		if (likely(room >= n && room <= cap))
			return room;
	}
	/* pairs with the consumers' release store of their tail: they are done
	 * reading the slots up to it, so we may overwrite them */
	tail = __atomic_load_n(&r->cons.tail, __ATOMIC_ACQUIRE);
	__atomic_store_n(&r->prod_seen.peer_tail, tail, __ATOMIC_RELEASE);
	return cap + tail - head;
}

/**
 * @internal Filled slots for a consumer whose head is @p head; the mirror of
 * __rte_ring_prod_room() with the cached producer tail.
 */
static __rte_always_inline uint32_t
__rte_ring_cons_room(struct rte_ring *r, uint32_t head, uint32_t n, bool exact)
{
	uint32_t tail, room;

	if (!exact) {
		/* pairs with the release store below, by this or another consumer */
		tail = __atomic_load_n(&r->cons_seen.peer_tail, __ATOMIC_ACQUIRE);
		room = tail - head;
		if (likely(room >= n && room <= r->capacity))
			return room;
	}
	/* pairs with the producers' release store of their tail: the slots up
	 * to it hold their elements */
	tail = __atomic_load_n(&r->prod.tail, __ATOMIC_ACQUIRE);
	__atomic_store_n(&r->cons_seen.peer_tail, tail, __ATOMIC_RELEASE);
	return tail - head;
}

/** @internal How many of @p n to take when @p room are available. */
static __rte_always_inline uint32_t
__rte_ring_clip(uint32_t n, uint32_t room, enum rte_ring_queue_behavior behavior)
{
	if (likely(n <= room))
		return n;
	return behavior == RTE_RING_QUEUE_FIXED ? 0 : room;
}

/* ---- MT / ST head and tail ---- */

/**
 * @internal Reserve up to @p n slots on the producer side (MT or ST).
 * @return the number reserved, from *old_head on; *room = free slots seen.
 */
static __rte_always_inline uint32_t
__rte_ring_move_prod_head(struct rte_ring *r, bool st, uint32_t n,
			  enum rte_ring_queue_behavior behavior, bool exact,
			  uint32_t *old_head, uint32_t *room)
{
	uint32_t head, got;

	/* acquire: the peer-tail read in prod_room stays after this load */
	head = __atomic_load_n(&r->prod.head, __ATOMIC_ACQUIRE);
	for (;;) {
		*room = __rte_ring_prod_room(r, head, n, exact);
		got = __rte_ring_clip(n, *room, behavior);
		if (unlikely(got == 0))
			break;
		if (st) {
			/* only this thread writes the head; consumers never read it */
			__atomic_store_n(&r->prod.head, head + got, __ATOMIC_RELAXED);
			break;
		}
		/* on failure head is reloaded (acquire, as above) and we retry */
		if (likely(__atomic_compare_exchange_n(&r->prod.head, &head, head + got,
						       false, __ATOMIC_ACQUIRE,
						       __ATOMIC_ACQUIRE)))
			break;
	}
	*old_head = head;
	return got;
}

/** @internal Reserve up to @p n filled slots on the consumer side (MT or ST). */
static __rte_always_inline uint32_t
__rte_ring_move_cons_head(struct rte_ring *r, bool st, uint32_t n,
			  enum rte_ring_queue_behavior behavior, bool exact,
			  uint32_t *old_head, uint32_t *room)
{
	uint32_t head, got;

	/* acquire: the peer-tail read in cons_room stays after this load */
	head = __atomic_load_n(&r->cons.head, __ATOMIC_ACQUIRE);
	for (;;) {
		*room = __rte_ring_cons_room(r, head, n, exact);
		got = __rte_ring_clip(n, *room, behavior);
		if (unlikely(got == 0))
			break;
		if (st) {
			__atomic_store_n(&r->cons.head, head + got, __ATOMIC_RELAXED);
			break;
		}
		if (likely(__atomic_compare_exchange_n(&r->cons.head, &head, head + got,
						       false, __ATOMIC_ACQUIRE,
						       __ATOMIC_ACQUIRE)))
			break;
	}
	*old_head = head;
	return got;
}

/**
 * @internal Publish the slots [@p old_tail, @p new_tail) of one side. In MT
 * mode callers that reserved earlier publish first, so the tail never
 * passes a slot still being copied.
 */
static __rte_always_inline void
__rte_ring_update_tail(struct rte_ring_headtail *ht, uint32_t old_tail,
		       uint32_t new_tail, bool st)
{
	if (!st) {
		/* acquire pairs with the earlier caller's release store below:
		 * its slot accesses then happen before our publication */
		while (unlikely(__atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE) != old_tail))
			rte_pause();
	}
	/* release pairs with the other side's acquire read of this tail */
	__atomic_store_n(&ht->tail, new_tail, __ATOMIC_RELEASE);
}

/** @internal A whole MT or ST enqueue. */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_elem(struct rte_ring *r, const void *obj_table,
			   unsigned int esize, unsigned int n,
			   enum rte_ring_queue_behavior behavior,
			   enum rte_ring_sync_type st_or_mt, unsigned int *free_space)
{
	const bool st = st_or_mt == RTE_RING_SYNC_ST;
	uint32_t head, room;

	n = __rte_ring_move_prod_head(r, st, n, behavior, free_space != NULL, &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_in(r, head, obj_table, esize, n);
		__rte_ring_update_tail(&r->prod, head, head + n, st);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/** @internal A whole MT or ST dequeue. */
static __rte_always_inline unsigned int
__rte_ring_do_dequeue_elem(struct rte_ring *r, void *obj_table,
			   unsigned int esize, unsigned int n,
			   enum rte_ring_queue_behavior behavior,
			   enum rte_ring_sync_type st_or_mt, unsigned int *available)
{
	const bool st = st_or_mt == RTE_RING_SYNC_ST;
	uint32_t head, room;

	n = __rte_ring_move_cons_head(r, st, n, behavior, available != NULL, &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_update_tail(&r->cons, head, head + n, st);
	}
	if (available != NULL)
		*available = room - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_ELEM_PVT_H_ */
