/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mempool handlers that keep free objects in a ring, one per ring sync
 * mode: multi/single producer (put) and consumer (get), and the MT modes
 * that behave better when threads are preempted (RTS: relaxed tail sync;
 * HTS: head/tail sync). The ring is sized to the next power of two above
 * the pool size, so it can always take every object of its pool back.
 *
 * Except in RTS mode: there a dequeue returns before the consumer tail has
 * moved past it (the tail moves when the last of the concurrent dequeues
 * finishes), so objects already handed out still count as occupying the
 * ring for a while, and a put of exactly those objects can find the ring
 * "full". Losing the put would lose objects, so an RTS ring gets twice the
 * room, and a put that still finds it full waits for the tail to catch up.
 */

#include <errno.h>
#include <stdio.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_pause.h>
#include <rte_ring.h>

namespace {

enum class sync { mp_mc, sp_sc, mp_sc, sp_mc, mt_rts, mt_hts };

template <sync S>
int ring_alloc(struct rte_mempool *mp)
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
	uint32_t count = rte_align32pow2(mp->size + 1);
	if (S == sync::mt_rts)
		count = rte_align32pow2(2 * mp->size + 1);
	struct rte_ring *r = rte_ring_create(name, count, mp->socket_id, flags);
	if (r == nullptr)
		return -rte_errno;
	mp->pool_data = r;
	return 0;
}

template <sync S>
int ring_enqueue(struct rte_mempool *mp, void *const *obj_table, unsigned n)
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
		/* full only until in-flight dequeues move the tail (see above);
		 * give up after about a second, which only misuse can cause */
		if (done == 0 && n != 0 && n <= mp->size) {
			uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz();
			while (done == 0 && rte_get_timer_cycles() < end) {
				rte_pause();
				done = rte_ring_mp_rts_enqueue_bulk(r, obj_table, n, nullptr);
			}
		}
		break;
	case sync::mt_hts: done = rte_ring_mp_hts_enqueue_bulk(r, obj_table, n, nullptr); break;
	}
	return done == 0 && n != 0 ? -ENOBUFS : 0;
}

template <sync S>
int ring_dequeue(struct rte_mempool *mp, void **obj_table, unsigned n)
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

unsigned ring_get_count(const struct rte_mempool *mp)
{
	return rte_ring_count(static_cast<const struct rte_ring *>(mp->pool_data));
}

void ring_free(struct rte_mempool *mp)
{
	rte_ring_free(static_cast<struct rte_ring *>(mp->pool_data));
	mp->pool_data = nullptr;
}

template <sync S>
constexpr rte_mempool_ops make_ops(const char *name)
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
