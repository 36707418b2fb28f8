/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_ELEM_PVT_H_
#define _RTE_RING_ELEM_PVT_H_

#pragma GCC visibility push(default)

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
#include <dpkit_stall.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- sides and modes of the helpers ---- */

/** @internal The side of the ring a helper works on. */
enum __rte_ring_side {
	__RTE_RING_CONS = 0, /**< the consumer (dequeue) side */
	__RTE_RING_PROD = 1, /**< the producer (enqueue) side */
};

/**
 * @internal What the caller needs to know about room: enough for its
 * request, or the exact figure (it reports free_space or available).
 */
enum __rte_ring_room_need {
	__RTE_RING_ROOM_ENOUGH, /**< the side's copy of the peer tail may answer */
	__RTE_RING_ROOM_EXACT,  /**< read the peer tail itself */
};

/** @internal The side facing @p side. */
static __rte_always_inline enum __rte_ring_side
__rte_ring_peer(enum __rte_ring_side side)
{
	return side == __RTE_RING_PROD ? __RTE_RING_CONS : __RTE_RING_PROD;
}

/**
 * @internal The room figure a caller needs: exact when it asked for a
 * report (@p report is its free_space or available pointer).
 */
static __rte_always_inline enum __rte_ring_room_need
__rte_ring_need(const unsigned int *report)
{
	return report != NULL ? __RTE_RING_ROOM_EXACT : __RTE_RING_ROOM_ENOUGH;
}

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
__rte_ring_copy_in(struct rte_ring *r, uint32_t head, const void *obj, uint32_t esize, uint32_t n)
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
__rte_ring_copy_out(const struct rte_ring *r, uint32_t head, void *obj, uint32_t esize, uint32_t n)
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

/* ---- stall points ---- */

/*
 * @internal A stall point of side @p side at @p step (a string literal):
 * "ring.prod.<step>" or "ring.cons.<step>". Empty unless the build has
 * RTE_STALL_INJECTION (see dpkit_stall.h). Steps, in the order a call
 * passes them: head_read (head loaded, room not yet known), peer_read
 * (the other side's tail read; ST: the copy of it not yet stored),
 * copy_cas (MT, RTS, HTS refresh of the copy: count and tail read, CAS
 * not yet done), head_cas (about to move the head), head_moved (slots
 * reserved, not yet copied), tail_wait (MT: about to wait for earlier
 * callers), tail_read (RTS: tail word read, not yet swapped), tail_moved
 * (published), peek_finish (two-phase finish: reservation read, not yet
 * committed).
 */
#define __RTE_RING_STALL(side, step) \
	DPKIT_STALL_POINT((side) == __RTE_RING_PROD ? "ring.prod." step : "ring.cons." step)

/* ---- room, through the peer caches ---- */

/**
 * @internal On a side with several callers, a copy of the other side's
 * tail that lags the side's head by this many positions or more is
 * refreshed by the next slow path, whatever room it shows. See
 * __rte_ring_room() for the bound it gives and why this value.
 */
#define __RTE_RING_PEER_REFRESH_LAG (UINT32_C(1) << 30)

/* The bound of __rte_ring_room() needs lag + 3 * capacity < 2^32. */
RTE_BUILD_BUG_ON((uint64_t)__RTE_RING_PEER_REFRESH_LAG + 3 * (uint64_t)(RTE_RING_SZ_MASK / 2) >=
		 ((uint64_t)1 << 32));

/**
 * @internal The tail of side @p side, read with acquire. An RTS or HTS
 * side changes its tail position only as part of a 64-bit word; that word
 * is read whole, so that the acquire pairs with the release of the same
 * object (C11 defines no ordering between atomics of different sizes, and
 * ThreadSanitizer reports such pairs as races).
 */
static __rte_always_inline uint32_t
__rte_ring_peer_tail(const struct rte_ring *r, enum __rte_ring_side side)
{
	const bool of_prod = side == __RTE_RING_PROD;
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
	default: return __atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE);
	}
}

/**
 * @internal Refresh the copy of a side with several callers (rule 2 of
 * __rte_ring_room()): read the count, then the tail, then compare-and-swap
 * the count forward to the tail. A caller stopped before its CAS while
 * others move the copy changes nothing. Out of line: it runs about once
 * per capacity's worth of calls, and costs a CAS anyway.
 */
static __rte_noinline void
__rte_ring_refresh_copy(struct rte_ring *r, enum __rte_ring_side side)
{
	uint64_t *seen = side == __RTE_RING_PROD ? &r->prod_seen.peer_tail
						 : &r->cons_seen.peer_tail;
	uint64_t copy = __atomic_load_n(seen, __ATOMIC_ACQUIRE);
	/* read after the count (acquire above): it is at least the tail the
	 * count was taken from, and the distance fits 32 bits (see
	 * __rte_ring_room()) */
	uint32_t moved = __rte_ring_peer_tail(r, __rte_ring_peer(side)) - (uint32_t)copy;

	__RTE_RING_STALL(side, "copy_cas");
	if (moved == 0)
		return;
	/* release: a caller that uses the copy inherits our acquire of the tail */
	(void)__atomic_compare_exchange_n(seen, &copy, copy + moved, false, __ATOMIC_RELEASE,
					  __ATOMIC_RELAXED);
}

/**
 * @internal The position in a side's copy of the other side's tail (the
 * low half of the count), read with acquire: it pairs with the release of
 * the store or CAS that put it there, which may have been another caller's
 * of this side. The low half sits at the count's own address (little
 * endian), so ThreadSanitizer pairs the two.
 */
static __rte_always_inline uint32_t
__rte_ring_copy_pos(struct __rte_ring_peer_cache *seen)
{
	return __atomic_load_n(&seen->peer_tail_half[__RTE_RING_PEER_TAIL_LOW], __ATOMIC_ACQUIRE);
}

/** @internal How many of @p n to take when @p room are available. */
static __rte_always_inline uint32_t
__rte_ring_clip(uint32_t n, uint32_t room, enum rte_ring_queue_behavior behavior)
{
	if (likely(n <= room))
		return n;
	return behavior == RTE_RING_QUEUE_FIXED ? 0 : room;
}

/**
 * @internal Room for @p n on side @p side for a caller at @p head: from the
 * side's copy of the other side's tail when that covers n (then *take = n),
 * else from the tail itself, clipped by @p behavior (*take may be 0).
 * @p need: __RTE_RING_ROOM_EXACT when the caller wants the real figure, so
 * the copy is not used. @p sync: the side's mode; RTE_RING_SYNC_ST means
 * one caller at a time. Returns the room seen.
 *
 * Why the copy is safe. Count positions without wrapping, and write P for
 * the other side's tail as this side sees it (a producer adds capacity to
 * the consumer tail): the head H of this side never passes P. A copy c is
 * a value P once had, so c <= P, and the 32-bit room c - h that a caller
 * at head h computes from it (h read before c) is right whenever h <= c,
 * and short if P has moved since. It is used only when it lies in
 * [n, capacity]. The danger is c < h: the 32-bit difference is then
 * 2^32 - (h - c), which looks like room in [n, capacity] once the copy is
 * 2^32 - capacity or more behind. A copy that is never refreshed gets
 * there after 2^32 positions (a consumer that always finds room <= n, as
 * one polling a ring it keeps empty does, never needs a fresh copy to
 * cover a request); so does a refresh that lands late: a caller reads the
 * tail, is preempted while the ring moves 2^32 positions, then stores it.
 *
 * One caller at a time (ST): every slow path stores the fresh tail, a
 * plain store on the side's own line, as cheap as the test it replaces.
 * The copy is then never behind the head: a slow path leaves it at the
 * tail, which no head passes, and the fast path moves the head by n <= c - h.
 *
 * Several callers (MT, RTS, HTS), where a store would be a CAS on every
 * call of a ping-pong consumer:
 *  1. a slow path refreshes the copy when the fresh room exceeds n and the
 *     copy does not cover n (later calls then take the fast path), and
 *     whenever the copy is L = __RTE_RING_PEER_REFRESH_LAG or more behind
 *     the head;
 *  2. the copy is a 64-bit count, moved forward by 32-bit distances, so it
 *     never takes the same value twice, and a refresh replaces it only by
 *     a compare-and-swap from the count it read before it read the tail
 *     (__rte_ring_refresh_copy()).
 * While one value c stands, every caller that read its head after c was
 * stored and sees h - c >= L refreshes before it moves the head, which ends
 * c (its CAS succeeds, or fails because c was already replaced); a caller
 * that read its head earlier can move the head once, from where it stood
 * when c was stored. So the head stays below c + L + capacity plus that one
 * move. A refresh that lands replaces c0 by a tail T read while c0 stood
 * (rule 2): T is at least the head at the time it was read, so the new
 * copy starts at most L + capacity behind the head. Hence at all times
 * H - c < L + 2 * capacity, and the distance a CAS adds, T - c0, is below
 * L + 3 * capacity. Rings hold fewer than 2^30 elements (RTE_RING_SZ_MASK),
 * so with L = 2^30 both stay below 2^32 - capacity: a 32-bit difference
 * never wraps into [n, capacity], and the count stays exact. A ping-pong
 * consumer refreshes once per 2^30 positions, a producer once per
 * capacity's worth of calls. A 32-bit copy and CAS would not do: the copy
 * can come back to the very value a sleeping caller read (the tail moved
 * exactly 2^32), and that caller's stale store would then land.
 *
 * A side used by ST calls at some times and MT calls at others (with the
 * caller keeping them apart, as the API requires) is covered too: ST
 * stores only the low half, the position; the count may then repeat a
 * value across an ST period, but no MT call is in flight across one.
 * What is left is DPDK's own exposure: an MT head CAS by a caller that
 * slept through exactly a multiple of 2^32 positions still succeeds.
 */
static __rte_always_inline uint32_t
__rte_ring_room(struct rte_ring *r, enum __rte_ring_side side, enum rte_ring_sync_type sync,
		uint32_t head, uint32_t n, enum rte_ring_queue_behavior behavior,
		enum __rte_ring_room_need need, uint32_t *take)
{
	const bool prod = side == __RTE_RING_PROD;
	const bool exact = need == __RTE_RING_ROOM_EXACT;
	struct __rte_ring_peer_cache *seen = prod ? &r->prod_seen : &r->cons_seen;
	const uint32_t cap = r->capacity;
	const uint32_t base = prod ? cap : 0;
	const uint32_t cached = base + __rte_ring_copy_pos(seen) - head;
	uint32_t tail, room;

	/* no branch hint: with one thread doing both sides, the consumer's
	 * copy is short every time, and the layout the compiler picks unhinted
	 * serves both patterns best */
	if (!exact && cached >= n && cached <= cap) {
		*take = n;
		return cached;
	}
	/* pairs with the other side's release store of its tail: the slots up
	 * to it are filled (consumer) or free again (producer) */
	tail = __rte_ring_peer_tail(r, __rte_ring_peer(side));
	/* above capacity if head is stale (MT); the caller's CAS then fails */
	room = base + tail - head;
	__RTE_RING_STALL(side, "peer_read");
	if (sync == RTE_RING_SYNC_ST) {
		/* one caller at a time: always refresh, a plain store of the
		 * position on the side's own line; release: a later caller
		 * that uses the copy inherits our acquire of the tail. The
		 * empty asm keeps the compiler from hoisting the address out
		 * of the caller's loop into a register of its own (it then
		 * spills values the loop needs); it costs one lea here. */
		uint32_t *pos = &seen->peer_tail_half[__RTE_RING_PEER_TAIL_LOW];

		__asm__ volatile("" : "+r"(pos));
		__atomic_store_n(pos, tail, __ATOMIC_RELEASE);
	} else if (unlikely(room > n
				    ? !exact || cached < n || cached > cap
				    : cached > cap && cached <= 0u - __RTE_RING_PEER_REFRESH_LAG)) {
		/* rule 1: fresh room above n and a copy that does not cover n
		 * (an exact caller skips a copy that would), or a copy L or
		 * more behind the head ("cached" in [capacity + 1, 2^32 - L]) */
		__rte_ring_refresh_copy(r, side);
	}
	*take = __rte_ring_clip(n, room, behavior);
	return room;
}

/* ---- MT / ST head and tail ---- */

/**
 * @internal Reserve up to @p n slots (producer) or filled slots (consumer)
 * on side @p side in mode @p sync (RTE_RING_SYNC_ST, else MT). @return the
 * number reserved, from *old_head on; *room = the room seen. A request of 0
 * goes through and reserves nothing.
 */
static __rte_always_inline uint32_t
__rte_ring_move_head(struct rte_ring *r, enum __rte_ring_side side, enum rte_ring_sync_type sync,
		     uint32_t n, enum rte_ring_queue_behavior behavior,
		     enum __rte_ring_room_need need, uint32_t *old_head, uint32_t *room)
{
	struct rte_ring_headtail *ht = side == __RTE_RING_PROD ? &r->prod : &r->cons;
	uint32_t head, take;

	/* acquire: the peer-tail reads in __rte_ring_room stay after this load */
	head = __atomic_load_n(&ht->head, __ATOMIC_ACQUIRE);
	for (;;) {
		__RTE_RING_STALL(side, "head_read");
		*room = __rte_ring_room(r, side, sync, head, n, behavior, need, &take);
		if (unlikely(take == 0 && n != 0)) {
			*old_head = head;
			return 0;
		}
		__RTE_RING_STALL(side, "head_cas");
		if (sync == RTE_RING_SYNC_ST) {
			/* only this thread writes the head; the other side never reads it */
			__atomic_store_n(&ht->head, head + take, __ATOMIC_RELAXED);
			break;
		}
		/* on failure head is reloaded (acquire, as above) and we retry */
		if (likely(__atomic_compare_exchange_n(&ht->head, &head, head + take, false,
						       __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)))
			break;
	}
	__RTE_RING_STALL(side, "head_moved");
	*old_head = head;
	return take;
}

/**
 * @internal Publish the slots [@p old_tail, @p new_tail) of side @p side.
 * In MT mode (@p sync not RTE_RING_SYNC_ST) callers that reserved earlier
 * publish first, so the tail never passes a slot still being copied.
 */
static __rte_always_inline void
__rte_ring_update_tail(struct rte_ring *r, enum __rte_ring_side side, enum rte_ring_sync_type sync,
		       uint32_t old_tail, uint32_t new_tail)
{
	struct rte_ring_headtail *ht = side == __RTE_RING_PROD ? &r->prod : &r->cons;

	if (sync != RTE_RING_SYNC_ST) {
		__RTE_RING_STALL(side, "tail_wait");
		/* acquire pairs with the earlier caller's release store below:
		 * its slot accesses then happen before our publication */
		while (unlikely(__atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE) != old_tail))
			rte_pause();
	}
	/* release pairs with the other side's acquire read of this tail */
	__atomic_store_n(&ht->tail, new_tail, __ATOMIC_RELEASE);
	__RTE_RING_STALL(side, "tail_moved");
}

/** @internal A whole MT or ST enqueue. */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_elem(struct rte_ring *r, const void *obj_table, unsigned int esize,
			   unsigned int n, enum rte_ring_queue_behavior behavior,
			   enum rte_ring_sync_type st_or_mt, unsigned int *free_space)
{
	uint32_t head, room;

	n = __rte_ring_move_head(r, __RTE_RING_PROD, st_or_mt, n, behavior,
				 __rte_ring_need(free_space), &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_in(r, head, obj_table, esize, n);
		__rte_ring_update_tail(r, __RTE_RING_PROD, st_or_mt, head, head + n);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/** @internal A whole MT or ST dequeue. */
static __rte_always_inline unsigned int
__rte_ring_do_dequeue_elem(struct rte_ring *r, void *obj_table, unsigned int esize, unsigned int n,
			   enum rte_ring_queue_behavior behavior, enum rte_ring_sync_type st_or_mt,
			   unsigned int *available)
{
	uint32_t head, room;

	n = __rte_ring_move_head(r, __RTE_RING_CONS, st_or_mt, n, behavior,
				 __rte_ring_need(available), &head, &room);
	if (likely(n != 0)) {
		__rte_ring_copy_out(r, head, obj_table, esize, n);
		__rte_ring_update_tail(r, __RTE_RING_CONS, st_or_mt, head, head + n);
	}
	if (available != NULL)
		*available = room - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_ELEM_PVT_H_ */
