/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_pmd_wrap_autotest: two net_ring ports and their pool's store ring
 * run across the 2^32 wrap of ring positions (and across 2^31) without
 * moving 2^32 packets. The test makes the rings itself, moves their empty
 * positions to just before the wrap with the zero-copy API (a reservation
 * and its finish move head and tail without touching a slot: about 4 M
 * calls instead of 4 G pointer copies), and hands them to
 * rte_eth_from_rings(). The pool (handler ring_sp_sc, no cache) is emptied
 * and its store ring moved the same way.
 *
 * Traffic then runs in the two regimes that stress a ring's view of its
 * peer's position:
 *   ping-pong: each ring holds one burst or nothing, and every receive
 *     comes with polls of the empty ring before and after;
 *   full: tx until the ring refuses, then rx until it is empty.
 * Every burst is checked: the mbufs received are the ones sent, in order;
 * an empty ring yields nothing; a ring never holds more than its capacity;
 * port counters match what moved; every mbuf is back in the pool at the end.
 */

#include <stdint.h>

#include <vector>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>
#include <rte_ring_peek_zc.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

constexpr unsigned int pool_size = 2047; /* a store ring of 2048 slots */
constexpr unsigned int max_burst = 32;

/*
 * Move empty ring @p r (single-thread or HTS sides) to position @p target
 * on both sides, forward only. @return true if it got there empty.
 */
bool
advance_empty(struct rte_ring *r, uint32_t target)
{
	if (!rte_ring_empty(r))
		return false;
	uint32_t pos = r->prod.tail;
	while (pos != target) {
		unsigned int n = RTE_MIN(r->capacity, target - pos);
		struct rte_ring_zc_data zcd;
		if (rte_ring_enqueue_zc_bulk_start(r, n, &zcd, nullptr) != n)
			return false;
		rte_ring_enqueue_zc_finish(r, n);
		if (rte_ring_dequeue_zc_bulk_start(r, n, &zcd, nullptr) != n)
			return false;
		rte_ring_dequeue_zc_finish(r, n);
		pos += n;
	}
	return rte_ring_empty(r) && r->prod.tail == target && r->cons.tail == target;
}

/* Empty @p mp into a local array, move its store ring to @p target, refill it. */
int
advance_pool(struct rte_mempool *mp, uint32_t target)
{
	std::vector<void *> objs(mp->size);
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs.data(), mp->size), "take every object");
	auto *store = static_cast<struct rte_ring *>(mp->pool_data);
	bool moved = advance_empty(store, target);
	rte_mempool_put_bulk(mp, objs.data(), mp->size);
	TEST_ASSERT(moved, "store ring moved to %u", target);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), mp->size, "every object back");
	return TEST_SUCCESS;
}

struct cable {
	struct rte_ring *ab = nullptr, *ba = nullptr;
	uint16_t a = 0, b = 0;
	bool ok = false;

	explicit cable(struct rte_mempool *mp)
	{
		ab = rte_ring_create("wrap_ab", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		ba = rte_ring_create("wrap_ba", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (ab == nullptr || ba == nullptr)
			return;
		int pa = rte_eth_from_rings("net_ring_wrap_a", &ba, 1, &ab, 1, SOCKET_ID_ANY);
		int pb = rte_eth_from_rings("net_ring_wrap_b", &ab, 1, &ba, 1, SOCKET_ID_ANY);
		if (pa < 0 || pb < 0)
			return;
		a = (uint16_t)pa;
		b = (uint16_t)pb;
		ok = port_start(a, 1, 1, mp) == 0 && port_start(b, 1, 1, mp) == 0;
	}
	~cable()
	{
		rte_vdev_uninit("net_ring_wrap_a");
		rte_vdev_uninit("net_ring_wrap_b");
		rte_ring_free(ab);
		rte_ring_free(ba);
	}
};

/* What the test sent and received, to compare with the port counters. */
struct tally {
	uint64_t sent = 0, refused = 0, received = 0;
};

/* Poll @p port, which must hold nothing. */
int
poll_empty(uint16_t port, const char *when)
{
	struct rte_mbuf *in[max_burst];
	uint16_t n = rte_eth_rx_burst(port, 0, in, max_burst);
	TEST_ASSERT_EQUAL(n, (uint16_t)0, "port %u: empty ring yielded %u mbufs (%s)", port, n,
			  when);
	return TEST_SUCCESS;
}

/*
 * One ping-pong exchange of @p n mbufs: a -> b -> a, with empty polls
 * around each receive, then the mbufs go back to the pool.
 */
int
ping_pong(cable &c, struct rte_mempool *mp, unsigned int n, tally &t)
{
	struct rte_mbuf *out[max_burst], *in[2 * max_burst];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(mp, out, n), "alloc %u", n);
	uint16_t hops[2][2] = {{c.a, c.b}, {c.b, c.a}};
	for (auto &hop : hops) {
		TEST_ASSERT_SUCCESS(poll_empty(hop[1], "before tx"), "before");
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(hop[0], 0, out, (uint16_t)n), (uint16_t)n,
				  "tx %u", n);
		t.sent += n;
		uint16_t got = rte_eth_rx_burst(hop[1], 0, in, RTE_DIM(in));
		TEST_ASSERT_EQUAL(got, (uint16_t)n, "rx after tx of %u", n);
		t.received += got;
		for (unsigned int i = 0; i < n; i++)
			TEST_ASSERT_EQUAL(in[i], out[i], "mbuf %u of %u: not the one sent", i, n);
		TEST_ASSERT_SUCCESS(poll_empty(hop[1], "after rx"), "after");
	}
	rte_pktmbuf_free_bulk(out, n);
	return TEST_SUCCESS;
}

/*
 * Fill ring @p r from port @p from in bursts of 32 until it refuses, then
 * empty it from port @p to: the ring must take exactly its capacity and
 * give back the same mbufs, in order.
 */
int
fill_and_drain(uint16_t from, uint16_t to, struct rte_ring *r, struct rte_mempool *mp, tally &t)
{
	const unsigned int cap = r->capacity;
	std::vector<struct rte_mbuf *> sent;
	for (;;) {
		struct rte_mbuf *out[max_burst];
		TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(mp, out, max_burst), "alloc");
		uint16_t k = rte_eth_tx_burst(from, 0, out, max_burst);
		sent.insert(sent.end(), out, out + k);
		t.sent += k;
		t.refused += max_burst - k;
		rte_pktmbuf_free_bulk(out + k, max_burst - k);
		TEST_ASSERT(rte_ring_count(r) <= cap, "ring holds %u > capacity %u",
			    rte_ring_count(r), cap);
		if (k < max_burst)
			break;
	}
	TEST_ASSERT_EQUAL(sent.size(), (size_t)cap, "a full ring took its capacity");
	size_t got = 0;
	while (got < sent.size()) {
		struct rte_mbuf *in[max_burst];
		uint16_t n = rte_eth_rx_burst(to, 0, in, max_burst);
		TEST_ASSERT(n > 0, "ring ran dry after %zu of %zu", got, sent.size());
		TEST_ASSERT(got + n <= sent.size(), "%zu mbufs out of a ring given %zu", got + n,
			    sent.size());
		for (uint16_t i = 0; i < n; i++)
			TEST_ASSERT_EQUAL(in[i], sent[got + i], "mbuf %zu", got + i);
		rte_pktmbuf_free_bulk(in, n);
		got += n;
		t.received += n;
	}
	return poll_empty(to, "after the drain");
}

int
check_counters(const cable &c, const tally &t)
{
	struct rte_eth_stats sa, sb;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(c.a, &sa), "stats a");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(c.b, &sb), "stats b");
	TEST_ASSERT_EQUAL(sa.opackets + sb.opackets, t.sent, "opackets");
	TEST_ASSERT_EQUAL(sa.ipackets + sb.ipackets, t.received, "ipackets");
	TEST_ASSERT_EQUAL(sa.oerrors + sb.oerrors, 0ull, "refused packets are no errors");
	return TEST_SUCCESS;
}

/*
 * Move the port rings and the store ring to @p start, then run @p regime
 * until every ring has gone @p past positions beyond where it started.
 */
template <typename Regime>
int
run_across(cable &c, struct rte_mempool *mp, uint32_t start, uint32_t past, Regime regime,
	   const char *what)
{
	TEST_ASSERT(advance_empty(c.ab, start) && advance_empty(c.ba, start),
		    "port rings moved to %u", start);
	TEST_ASSERT_SUCCESS(advance_pool(mp, start), "store ring");
	auto *store = static_cast<struct rte_ring *>(mp->pool_data);
	tally t;
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(c.a), "reset a");
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(c.b), "reset b");
	unsigned int round = 0;
	while ((uint32_t)(c.ab->cons.tail - start) < past ||
	       (uint32_t)(c.ba->cons.tail - start) < past ||
	       (uint32_t)(store->cons.tail - start) < past) {
		TEST_ASSERT_SUCCESS(regime(round, t), "%s from %u, round %u", what, start, round);
		TEST_ASSERT(++round < 1000000, "%s from %u: rings do not move", what, start);
	}
	TEST_ASSERT_SUCCESS(check_counters(c, t), "%s from %u: counters", what, start);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), mp->size, "%s from %u: every mbuf back",
			  what, start);
	printf("ring_pmd_wrap: %s from %u: %u rounds; ab %u -> %u, ba %u -> %u, store %u -> %u\n",
	       what, start, round, start, c.ab->prod.tail, start, c.ba->prod.tail, start,
	       store->prod.tail);
	return TEST_SUCCESS;
}

int
test_ring_pmd_wrap(void)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create_by_ops("wrap_pool", pool_size, 0, 0,
								RTE_MBUF_DEFAULT_BUF_SIZE,
								SOCKET_ID_ANY, "ring_sp_sc");
	TEST_ASSERT_NOT_NULL(mp, "pool");
	int ret = TEST_FAILED;
	{
		cable c(mp);
		if (!c.ok) {
			printf("FAIL: rings and ports\n");
		} else {
			auto pp = [&](unsigned int round, tally &t) {
				/* burst sizes 1..32 in a fixed order: the wrap falls mid-burst */
				return ping_pong(c, mp, 1 + (round * 7) % max_burst, t);
			};
			auto full = [&](unsigned int round, tally &t) {
				return round % 2 == 0 ? fill_and_drain(c.a, c.b, c.ab, mp, t)
						      : fill_and_drain(c.b, c.a, c.ba, mp, t);
			};
			const uint32_t wrap = 0, half = 1u << 31;
			ret = TEST_SUCCESS;
			/* start a few bursts before the mark; go well past it */
			for (uint32_t mark : {wrap, half}) {
				if (ret == TEST_SUCCESS)
					ret = run_across(c, mp, mark - 3001, 20000, pp,
							 "ping-pong");
				if (ret == TEST_SUCCESS)
					ret = run_across(c, mp, mark - 2500, 10000, full, "full");
			}
		}
	}
	unsigned int avail = rte_mempool_avail_count(mp);
	rte_mempool_free(mp);
	if (ret == TEST_SUCCESS && avail != pool_size) {
		printf("FAIL: %u of %u mbufs back after the ports closed\n", avail, pool_size);
		ret = TEST_FAILED;
	}
	return ret;
}

} // namespace

REGISTER_FAST_TEST(ring_pmd_wrap_autotest, NOHUGE_OK, ASAN_OK, test_ring_pmd_wrap);
