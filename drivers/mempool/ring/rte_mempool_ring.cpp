/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mempool handlers that keep free objects in a ring, one per ring sync
 * mode: multi/single producer (put) and consumer (get), and the MT modes
 * that behave better when threads are preempted (RTS: relaxed tail sync;
 * HTS: head/tail sync).
 *
 * A put must never find the ring full: the mempool core has nowhere else
 * to keep the objects. How much room that takes depends on the consumer
 * side. Write N for the pool size, C for the ring capacity, n for the size
 * of a put, H for the producer head, and h and t for the consumer head and
 * tail (positions; differences are taken modulo 2^32 and are small).
 *
 *  (1) A put of n is refused exactly when H + n - t > C: the producer
 *      counts every slot from the consumer tail up to its head as taken.
 *  (2) Slots [h, H) hold objects put and not yet reserved by a get, or
 *      reserved by puts still copying. With each object in one place,
 *      these objects and the n being put are different objects of the
 *      pool: H - h + n <= N.
 *  (3) Slots [t, h) were reserved by gets that have not published their
 *      tail yet: the consumer window W = h - t.
 *  So H + n - t = (H - h + n) + W <= N + W, and a ring with C >= N + W_max
 *  never refuses a put.
 *
 *  - MP/MC, SP/SC, HTS: a get publishes its tail before it returns, so the
 *    objects of [t, h) are still inside their gets: they are neither in
 *    the ring nor being put, and (2) extends to H - t + n <= N. C >= N
 *    suffices: the ring is sized to the next power of two above N.
 *  - RTS: a get returns as soon as it has copied its objects; the tail
 *    moves when the last get in flight finishes. One get stopped between
 *    its head move and its tail update (preempted, or stalled for seconds)
 *    pins t while the others go on, so the objects of [t, h) circulate
 *    and are put back again. What bounds W is htd_max: a get reserves
 *    only while h - t <= htd_max (checked against a tail read before its
 *    head CAS; the tail only grows, so the check still holds at the CAS),
 *    and reserves g <= N slots (it cannot take more than the ring holds).
 *    Right after any reservation W <= htd_max + N, and between
 *    reservations W only shrinks. So C >= 2N + htd_max suffices.
 *
 * The RTS ring is therefore the smallest power of two whose capacity
 * leaves htd_max at its default (capacity / 8) with C - 2N >= htd_max, and
 * htd_max is lowered to C - 2N should the ring library ever default to
 * more. A pool whose ring would exceed the largest ring is refused when
 * its store is created (EINVAL, logged), never sized by a wrapped count.
 *
 * Raising htd_max on a pool's ring by hand (rte_ring_set_cons_htd_max on
 * mp->pool_data) voids the bound: a put that then finds the ring full
 * waits while any get is in flight (that get's tail update makes room),
 * and is refused only when the consumer side was idle through a whole
 * attempt, which misuse alone explains.
 */

#include <atomic>
#include <errno.h>
#include <sched.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mempool.h>
#include <rte_pause.h>
#include <rte_ring.h>

/* One line per call: the macro appends the newline. */
#define MEMPOOL_DRV_LOG(level, fmt, ...) RTE_LOG(level, MEMPOOL, fmt "\n", ##__VA_ARGS__)

namespace {

enum class sync { mp_mc, sp_sc, mp_sc, sp_mc, mt_rts, mt_hts };

/* The largest ring rte_ring_create accepts: a power of two of slots up to
 * RTE_RING_SZ_MASK. */
constexpr uint64_t max_slots = ((uint64_t)RTE_RING_SZ_MASK + 1) / 2;

/* The RTS consumer window the store leaves room for (see above). */
uint32_t
rts_window_room(const struct rte_ring *r, uint32_t pool_size)
{
	return r->capacity - 2 * pool_size;
}

/* The largest pool a ring of this mode can serve. */
constexpr uint64_t
max_pool(sync s)
{
	constexpr uint64_t cap = max_slots - 1;
	return s == sync::mt_rts ? (cap - cap / 8) / 2 : cap;
}

/* Slots of the ring for a pool of @p n objects, 0 if no ring is that large. */
constexpr uint64_t
ring_slots(sync s, uint64_t n)
{
	uint64_t slots = 2;
	if (s != sync::mt_rts) {
		while (slots - 1 < n)
			slots *= 2;
	} else {
		/* capacity - 2n >= capacity / 8, the default htd_max */
		while (slots - 1 < 2 * n || (slots - 1) - 2 * n < (slots - 1) / 8)
			slots *= 2;
	}
	return slots <= max_slots ? slots : 0;
}

static_assert(ring_slots(sync::mt_rts, max_pool(sync::mt_rts)) != 0 &&
	      ring_slots(sync::mt_rts, max_pool(sync::mt_rts) + 1) == 0);
static_assert(ring_slots(sync::mp_mc, max_pool(sync::mp_mc)) != 0 &&
	      ring_slots(sync::mp_mc, max_pool(sync::mp_mc) + 1) == 0);
static_assert(ring_slots(sync::mt_rts, 1023) == 4096 && ring_slots(sync::mp_mc, 1023) == 1024);

template <sync S>
int
ring_alloc(struct rte_mempool *mp)
{
	unsigned flags = 0;
	switch (S) {
	case sync::mp_mc: break;
	case sync::sp_sc: flags = RING_F_SP_ENQ | RING_F_SC_DEQ; break;
	case sync::mp_sc: flags = RING_F_SC_DEQ; break;
	case sync::sp_mc: flags = RING_F_SP_ENQ; break;
	case sync::mt_rts: flags = RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ; break;
	case sync::mt_hts: flags = RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ; break;
	}

	char name[RTE_RING_NAMESIZE];
	int len = snprintf(name, sizeof(name), RTE_MEMPOOL_MZ_FORMAT, mp->name);
	if (len < 0 || (size_t)len >= sizeof(name)) {
		rte_errno = ENAMETOOLONG;
		return -ENAMETOOLONG;
	}
	uint64_t slots = ring_slots(S, mp->size);
	if (slots == 0) {
		MEMPOOL_DRV_LOG(ERR,
				"mempool %s: %u objects are more than a %s store holds "
				"(at most %llu); make the pool smaller",
				mp->name, mp->size, rte_mempool_get_ops(mp->ops_index)->name,
				(unsigned long long)max_pool(S));
		rte_errno = EINVAL;
		return -EINVAL;
	}
	struct rte_ring *r = rte_ring_create(name, (unsigned)slots, mp->socket_id, flags);
	if (r == nullptr)
		return -rte_errno;
	if (S == sync::mt_rts && rte_ring_get_cons_htd_max(r) > rts_window_room(r, mp->size))
		rte_ring_set_cons_htd_max(r, rts_window_room(r, mp->size));
	mp->pool_data = r;
	return 0;
}

/*
 * An RTS put that found the ring full although the store is sized for the
 * consumer window: possible only if htd_max was raised by hand (wait while
 * a get is in flight) or on misuse (refuse).
 */
__attribute__((noinline, cold)) int
rts_put_full(struct rte_mempool *mp, struct rte_ring *r, void *const *obj_table, unsigned n)
{
	if (n > mp->size || rte_ring_get_cons_htd_max(r) <= rts_window_room(r, mp->size))
		return -ENOBUFS;
	for (unsigned tries = 0;; tries++) {
		/* acquire: pairs with the gets' CAS of head and tail */
		uint64_t head0 =
			std::atomic_ref(r->rts_cons.head.raw).load(std::memory_order_acquire);
		uint64_t tail0 =
			std::atomic_ref(r->rts_cons.tail.raw).load(std::memory_order_acquire);
		if (rte_ring_mp_rts_enqueue_bulk(r, obj_table, n, nullptr) != 0)
			return 0;
		uint64_t head1 =
			std::atomic_ref(r->rts_cons.head.raw).load(std::memory_order_acquire);
		uint64_t tail1 =
			std::atomic_ref(r->rts_cons.tail.raw).load(std::memory_order_acquire);
		/* head == tail (counters and positions): no get in flight; unchanged
		 * through the attempt: the window was empty and the ring still full */
		if (head0 == tail0 && head1 == head0 && tail1 == tail0)
			return -ENOBUFS;
		if (tries < 1000)
			rte_pause();
		else
			sched_yield(); /* the get we wait for may need this CPU */
	}
}

template <sync S>
int
ring_enqueue(struct rte_mempool *mp, void *const *obj_table, unsigned n)
{
	auto *r = static_cast<struct rte_ring *>(mp->pool_data);
	unsigned done;
	switch (S) {
	case sync::mp_mc:
	case sync::mp_sc: done = rte_ring_mp_enqueue_bulk(r, obj_table, n, nullptr); break;
	case sync::sp_sc:
	case sync::sp_mc: done = rte_ring_sp_enqueue_bulk(r, obj_table, n, nullptr); break;
	case sync::mt_rts:
		done = rte_ring_mp_rts_enqueue_bulk(r, obj_table, n, nullptr);
		if (unlikely(done == 0 && n != 0))
			return rts_put_full(mp, r, obj_table, n);
		break;
	case sync::mt_hts: done = rte_ring_mp_hts_enqueue_bulk(r, obj_table, n, nullptr); break;
	}
	return done == 0 && n != 0 ? -ENOBUFS : 0;
}

template <sync S>
int
ring_dequeue(struct rte_mempool *mp, void **obj_table, unsigned n)
{
	auto *r = static_cast<struct rte_ring *>(mp->pool_data);
	unsigned done;
	switch (S) {
	case sync::mp_mc:
	case sync::sp_mc: done = rte_ring_mc_dequeue_bulk(r, obj_table, n, nullptr); break;
	case sync::sp_sc:
	case sync::mp_sc: done = rte_ring_sc_dequeue_bulk(r, obj_table, n, nullptr); break;
	case sync::mt_rts: done = rte_ring_mc_rts_dequeue_bulk(r, obj_table, n, nullptr); break;
	case sync::mt_hts: done = rte_ring_mc_hts_dequeue_bulk(r, obj_table, n, nullptr); break;
	}
	return done == 0 && n != 0 ? -ENOENT : 0;
}

unsigned
ring_get_count(const struct rte_mempool *mp)
{
	return rte_ring_count(static_cast<const struct rte_ring *>(mp->pool_data));
}

void
ring_free(struct rte_mempool *mp)
{
	rte_ring_free(static_cast<struct rte_ring *>(mp->pool_data));
	mp->pool_data = nullptr;
}

template <sync S>
constexpr rte_mempool_ops
make_ops(const char *name)
{
	rte_mempool_ops o = {};
	for (unsigned i = 0; name[i] != '\0' && i + 1 < sizeof(o.name); i++)
		o.name[i] = name[i];
	o.alloc = ring_alloc<S>;
	o.free = ring_free;
	o.enqueue = ring_enqueue<S>;
	o.dequeue = ring_dequeue<S>;
	o.get_count = ring_get_count;
	return o;
}

/* ring_mp_mc first: it is the default, and registration order fixes the
 * indexes pools store. */
rte_mempool_ops ops_mp_mc = make_ops<sync::mp_mc>("ring_mp_mc");
rte_mempool_ops ops_sp_sc = make_ops<sync::sp_sc>("ring_sp_sc");
rte_mempool_ops ops_mp_sc = make_ops<sync::mp_sc>("ring_mp_sc");
rte_mempool_ops ops_sp_mc = make_ops<sync::sp_mc>("ring_sp_mc");
rte_mempool_ops ops_mt_rts = make_ops<sync::mt_rts>("ring_mt_rts");
rte_mempool_ops ops_mt_hts = make_ops<sync::mt_hts>("ring_mt_hts");

} // namespace

RTE_MEMPOOL_REGISTER_OPS(ops_mp_mc);
RTE_MEMPOOL_REGISTER_OPS(ops_sp_sc);
RTE_MEMPOOL_REGISTER_OPS(ops_mp_sc);
RTE_MEMPOOL_REGISTER_OPS(ops_sp_mc);
RTE_MEMPOOL_REGISTER_OPS(ops_mt_rts);
RTE_MEMPOOL_REGISTER_OPS(ops_mt_hts);
