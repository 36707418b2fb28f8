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
 * @internal Copy @p len bytes, a multiple of 4, between caller
 * memory and the slot array (the two never overlap). Fixed-size moves only,
 * so the compiler emits vector loads and stores: up to 64 bytes with two
 * moves that may overlap in the middle (one test picks the pair), longer
 * runs 64 bytes at a time and a last 64 bytes that may overlap the block
 * before. Re-writing a byte with the same value is harmless, and it
 * saves the chain of tests a byte-exact tail would need. With len =
 * n * esize and esize a constant, the impossible cases fold away.
 */
static __rte_always_inline void
__rte_ring_copy(void *__restrict dst, const void *__restrict src, size_t len)
{
	uint8_t *d = (uint8_t *)dst;
	const uint8_t *s = (const uint8_t *)src;

	if (len <= 16) {
		if (len >= 8) {
			__builtin_memcpy(d, s, 8);
			__builtin_memcpy(d + len - 8, s + len - 8, 8);
		} else if (len != 0) {
			__builtin_memcpy(d, s, 4);
			__builtin_memcpy(d + len - 4, s + len - 4, 4);
		}
		return;
	}
	if (len <= 32) {
		__builtin_memcpy(d, s, 16);
		__builtin_memcpy(d + len - 16, s + len - 16, 16);
		return;
	}
	if (len <= 64) {
		__builtin_memcpy(d, s, 32);
		__builtin_memcpy(d + len - 32, s + len - 32, 32);
		return;
	}
	while (len > 64) {
		/* two 32-byte moves, not one of 64: a 64-byte load fed by a
		 * 64-byte store still in flight (dequeue right after enqueue)
		 * is not forwarded on every CPU; 32-byte ones are */
		__builtin_memcpy(d, s, 32);
		__builtin_memcpy(d + 32, s + 32, 32);
		/* an empty asm that "changes" the pointers: keeps GCC from turning
		 * the loop into a memmove() call, which costs more than the copy
		 * at ring burst sizes and makes the caller spill its registers */
		__asm__("" : "+r"(d), "+r"(s));
		d += 64;
		s += 64;
		len -= 64;
	}
	__builtin_memcpy(d + len - 64, s + len - 64, 32);
	__builtin_memcpy(d + len - 32, s + len - 32, 32);
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
	const uint32_t mask = r->mask;
	const uint32_t idx = head & mask;

	/* one element never wraps; saying so for a constant 1 (the single-object
	 * calls) also keeps the object out of memory */
	if ((__builtin_constant_p(n) && n == 1) || likely(idx + (n - 1) <= mask)) {
		__rte_ring_copy(__rte_ring_slot(r, idx, esize), obj, (size_t)n * esize);
	} else {
		/* the run wraps: fill to the end of the array, then from slot 0 */
		const uint32_t first = mask + 1 - idx;

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
	const uint32_t mask = r->mask;
	const uint32_t idx = head & mask;

	if ((__builtin_constant_p(n) && n == 1) || likely(idx + (n - 1) <= mask)) {
		__rte_ring_copy(obj, __rte_ring_slot(r, idx, esize), (size_t)n * esize);
	} else {
		const uint32_t first = mask + 1 - idx;

		__rte_ring_copy(obj, __rte_ring_slot(r, idx, esize), (size_t)first * esize);
		__rte_ring_copy((uint8_t *)obj + (size_t)first * esize,
				__rte_ring_slot(r, 0, esize), (size_t)(n - first) * esize);
	}
}

/* ---- room, through the peer caches ---- */

/*
 * The fast path computes room from the side's cached copy of the other
 * side's tail (prod_seen / cons_seen, read with acquire: it may have been
 * stored by another caller of this side, see the file comment). A cached
 * tail is never ahead of the real one, so that room can only be short;
 * the fast path takes it when it covers the request and is not above
 * capacity (above means the copy is older than this caller's head, which
 * only happens under contention). Otherwise, or when the caller wants the
 * exact figure, the functions below read the real tail and refresh the
 * cache.
 */

/*
 * The fresh tail is cached only when it shows more room than this request
 * takes: otherwise the next call would find the copy short again, and the
 * store would only cost (one thread enqueuing and dequeuing in turn is
 * that case on its consumer side).
 */

/**
 * @internal The tail of side @p of_prod, read with acquire. An RTS or HTS
 * side changes its tail position only as part of a 64-bit word; that word
 * is read whole, so that the acquire pairs with the release of the same
 * object (C11 defines no ordering between atomics of different sizes, and
 * ThreadSanitizer reports such pairs as races).
 */
static __rte_always_inline uint32_t
__rte_ring_peer_tail(const struct rte_ring *r, bool of_prod)
{
	const struct rte_ring_headtail *ht = of_prod ? &r->prod : &r->cons;

	switch (ht->sync_type) {
	case RTE_RING_SYNC_MT_RTS: {
		union __rte_ring_rts_poscnt t;

		t.raw = __atomic_load_n(of_prod ? &r->rts_prod.tail.raw : &r->rts_cons.tail.raw,
					__ATOMIC_ACQUIRE);
		return t.val.pos;
	}
	case RTE_RING_SYNC_MT_HTS: {
		union __rte_ring_hts_pos p;

		p.raw = __atomic_load_n(of_prod ? &r->hts_prod.ht.raw : &r->hts_cons.ht.raw,
					__ATOMIC_ACQUIRE);
		return p.pos.tail;
	}
	default:
		return __atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE);
	}
}

/** @internal Free slots for a producer at @p head, from the consumer tail itself. */
static __rte_always_inline uint32_t
__rte_ring_prod_room_fresh(struct rte_ring *r, uint32_t head, uint32_t n)
{
	/* pairs with the consumers' release store of their tail: they are done
	 * reading the slots up to it, so we may overwrite them */
	uint32_t tail = __rte_ring_peer_tail(r, false);
	/* above capacity if head is stale (MT); the caller's CAS then fails */
	uint32_t room = r->capacity + tail - head;

	if (room > n)
		/* release: a producer that uses this copy inherits our acquire */
		__atomic_store_n(&r->prod_seen.peer_tail, tail, __ATOMIC_RELEASE);
	return room;
}

/** @internal Filled slots for a consumer at @p head, from the producer tail itself. */
static __rte_always_inline uint32_t
__rte_ring_cons_room_fresh(struct rte_ring *r, uint32_t head, uint32_t n)
{
	/* pairs with the producers' release store of their tail: the slots up
	 * to it hold their elements */
	uint32_t tail = __rte_ring_peer_tail(r, true);
	uint32_t room = tail - head;

	if (room > n)
		__atomic_store_n(&r->cons_seen.peer_tail, tail, __ATOMIC_RELEASE);
	return room;
}

/**
 * @internal Room for @p n on one side at @p head: from the peer cache when
 * it suffices (then *take = n), else fresh and clipped by @p behavior
 * (*take may be 0). Returns the room seen.
 */
static __rte_always_inline uint32_t
__rte_ring_room(struct rte_ring *r, bool prod, uint32_t head, uint32_t n,
		enum rte_ring_queue_behavior behavior, bool exact, uint32_t *take);

/** @internal How many of @p n to take when @p room are available. */
static __rte_always_inline uint32_t
__rte_ring_clip(uint32_t n, uint32_t room, enum rte_ring_queue_behavior behavior)
{
	if (likely(n <= room))
		return n;
	return behavior == RTE_RING_QUEUE_FIXED ? 0 : room;
}

static __rte_always_inline uint32_t
__rte_ring_room(struct rte_ring *r, bool prod, uint32_t head, uint32_t n,
		enum rte_ring_queue_behavior behavior, bool exact, uint32_t *take)
{
	const uint32_t cap = r->capacity;
	uint32_t room = 0;

	if (!exact) {
		/* acquire pairs with the release store in *_room_fresh(), which
		 * may have been done by another caller of this side */
		room = prod ? cap + __atomic_load_n(&r->prod_seen.peer_tail, __ATOMIC_ACQUIRE) - head :
			      __atomic_load_n(&r->cons_seen.peer_tail, __ATOMIC_ACQUIRE) - head;
		/* no branch hint: with one thread doing both sides, the
		 * consumer's copy is short every time, and the layout the
		 * compiler picks unhinted serves both patterns best */
		if (room >= n && room <= cap) {
			*take = n;
			return room;
		}
	}
	room = prod ? __rte_ring_prod_room_fresh(r, head, n) : __rte_ring_cons_room_fresh(r, head, n);
	*take = __rte_ring_clip(n, room, behavior);
	return room;
}

/* ---- MT / ST head and tail ---- */

/**
 * @internal Reserve up to @p n slots (@p prod) or filled slots on one side
 * in MT or ST mode. @return the number reserved, from *old_head on;
 * *room = the room seen. A request of 0 goes through and reserves nothing.
 */
static __rte_always_inline uint32_t
__rte_ring_move_head(struct rte_ring *r, bool prod, bool st, uint32_t n,
		     enum rte_ring_queue_behavior behavior, bool exact,
		     uint32_t *old_head, uint32_t *room)
{
	struct rte_ring_headtail *ht = prod ? &r->prod : &r->cons;
	uint32_t head, take;

	/* acquire: the peer-tail reads in __rte_ring_room stay after this load */
	head = __atomic_load_n(&ht->head, __ATOMIC_ACQUIRE);
	for (;;) {
		*room = __rte_ring_room(r, prod, head, n, behavior, exact, &take);
		if (unlikely(take == 0 && n != 0))
			break;
		if (st) {
			/* only this thread writes the head; the other side never reads it */
			__atomic_store_n(&ht->head, head + take, __ATOMIC_RELAXED);
			break;
		}
		/* on failure head is reloaded (acquire, as above) and we retry */
		if (likely(__atomic_compare_exchange_n(&ht->head, &head, head + take,
						       false, __ATOMIC_ACQUIRE,
						       __ATOMIC_ACQUIRE)))
			break;
	}
	*old_head = head;
	return take;
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

	n = __rte_ring_move_head(r, true, st, n, behavior, free_space != NULL, &head, &room);
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

	n = __rte_ring_move_head(r, false, st, n, behavior, available != NULL, &head, &room);
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
