/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Part of ethdev_autotest: what happens around a burst — rx/tx callbacks
 * (order, removal, filtering), tx buffering and its error callbacks, and
 * the registration of every memory chunk of an rx pool.
 */

#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_eth_ring.h>
#include <ethdev_driver.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

struct cb_trace {
	unsigned int calls = 0;
	unsigned int order = 0; /* digits of the callbacks, in call order */
	unsigned int seen = 0;
};

template <unsigned int Digit>
uint16_t
rx_mark(uint16_t, uint16_t, struct rte_mbuf **, uint16_t n, uint16_t, void *arg)
{
	auto *t = static_cast<cb_trace *>(arg);
	t->calls++;
	t->order = t->order * 10 + Digit;
	t->seen += n;
	return n;
}

/* keep the first half of a burst, free the rest */
uint16_t
rx_halve(uint16_t, uint16_t, struct rte_mbuf **pkts, uint16_t n, uint16_t max, void *arg)
{
	auto *t = static_cast<cb_trace *>(arg);
	t->calls++;
	if (max == 0)
		return 0;
	uint16_t keep = n / 2;
	free_all(pkts + keep, n - keep);
	return keep;
}

/* drop packets longer than 60 bytes before they are sent */
uint16_t
tx_filter(uint16_t, uint16_t, struct rte_mbuf **pkts, uint16_t n, void *arg)
{
	auto *t = static_cast<cb_trace *>(arg);
	t->calls++;
	uint16_t kept = 0;
	for (uint16_t i = 0; i < n; i++) {
		if (pkts[i]->pkt_len > 60)
			rte_pktmbuf_free(pkts[i]);
		else
			pkts[kept++] = pkts[i];
	}
	return kept;
}

int
test_ethdev_rx_callbacks_run_in_order(void)
{
	vdev v("net_null_cb0");
	pool p("ethdev_cb", 2048);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	cb_trace t;
	struct rte_mbuf *pkts[32];

	TEST_ASSERT_NULL(rte_eth_add_rx_callback(v.port, 1, rx_mark<1>, &t), "queue 1 absent");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
	TEST_ASSERT_NULL(rte_eth_add_rx_callback(v.port, 0, nullptr, &t), "NULL fn");
	const auto *c1 = rte_eth_add_rx_callback(v.port, 0, rx_mark<1>, &t);
	const auto *c2 = rte_eth_add_rx_callback(v.port, 0, rx_mark<2>, &t);
	const auto *c3 = rte_eth_add_first_rx_callback(v.port, 0, rx_mark<3>, &t);
	TEST_ASSERT(c1 && c2 && c3, "added");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "rx");
	TEST_ASSERT_EQUAL(t.order, 312u, "first-added-first, add_first in front");
	TEST_ASSERT_EQUAL(t.seen, 96u, "each saw the burst");
	free_all(pkts, 32);

	TEST_ASSERT_SUCCESS(rte_eth_remove_rx_callback(v.port, 0, c1), "remove middle");
	TEST_ASSERT_EQUAL(rte_eth_remove_rx_callback(v.port, 0, c1), -EINVAL, "removed twice");
	TEST_ASSERT_EQUAL(rte_eth_remove_rx_callback(v.port, 0, nullptr), -EINVAL, "NULL");
	TEST_ASSERT_EQUAL(rte_eth_remove_rx_callback(v.port, 3, c2), -EINVAL, "bad queue");
	t.order = 0;
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 8), (uint16_t)8, "rx");
	TEST_ASSERT_EQUAL(t.order, 32u, "c1 no longer called");
	free_all(pkts, 8);
	TEST_ASSERT_SUCCESS(rte_eth_remove_rx_callback(v.port, 0, c2), "remove");
	TEST_ASSERT_SUCCESS(rte_eth_remove_rx_callback(v.port, 0, c3), "remove");
	/* unlinked callbacks are the application's to free, once no burst runs */
	rte_free(const_cast<struct rte_eth_rxtx_callback *>(c1));
	rte_free(const_cast<struct rte_eth_rxtx_callback *>(c2));
	rte_free(const_cast<struct rte_eth_rxtx_callback *>(c3));
	t = {};
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 8), (uint16_t)8, "rx");
	TEST_ASSERT_EQUAL(t.calls, 0u, "no callback left");
	free_all(pkts, 8);

	/* a callback may change the count */
	const auto *h = rte_eth_add_rx_callback(v.port, 0, rx_halve, &t);
	TEST_ASSERT_NOT_NULL(h, "halve");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 20), (uint16_t)10, "halved");
	free_all(pkts, 10);
	TEST_ASSERT_SUCCESS(rte_eth_remove_rx_callback(v.port, 0, h), "remove");
	rte_free(const_cast<struct rte_eth_rxtx_callback *>(h));
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), p.mp->size, "every mbuf back");
	return TEST_SUCCESS;
}

int
test_ethdev_tx_callback_filters(void)
{
	/* a ring port shows exactly what tx let through */
	struct rte_ring *r = rte_ring_create("ethdev_txcb", 64, SOCKET_ID_ANY,
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
	TEST_ASSERT_NOT_NULL(r, "ring");
	pool p("ethdev_txcb", 1024);
	int port = rte_eth_from_ring(r);
	TEST_ASSERT(port >= 0 && p.mp, "port %d", port);
	TEST_ASSERT_SUCCESS(port_start((uint16_t)port, 1, 1, p.mp), "start");
	cb_trace t;
	const auto *cb = rte_eth_add_tx_callback((uint16_t)port, 0, tx_filter, &t);
	TEST_ASSERT_NOT_NULL(cb, "add");
	TEST_ASSERT_NULL(rte_eth_add_tx_callback((uint16_t)port, 1, tx_filter, &t), "queue 1");

	struct rte_mbuf *pkts[8];
	for (int i = 0; i < 8; i++) {
		pkts[i] = rte_pktmbuf_alloc(p.mp);
		TEST_ASSERT_NOT_NULL(pkts[i], "alloc");
		rte_pktmbuf_append(pkts[i], i % 2 ? 100 : 60);
	}
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)port, 0, pkts, 8), (uint16_t)4,
			  "long packets filtered");
	TEST_ASSERT_EQUAL(rte_ring_count(r), 4u, "four on the wire");
	TEST_ASSERT_SUCCESS(rte_eth_remove_tx_callback((uint16_t)port, 0, cb), "remove");
	rte_free(const_cast<struct rte_eth_rxtx_callback *>(cb));
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)port, 0, pkts, 8), (uint16_t)4, "loop back");
	for (int i = 0; i < 4; i++)
		TEST_ASSERT_EQUAL(pkts[i]->pkt_len, 60u, "short ones only");
	free_all(pkts, 4);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop((uint16_t)port), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_close((uint16_t)port), "close");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("ethdev_txcb"), "uninit");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

int
test_ethdev_tx_buffer_flushes_and_reports(void)
{
	struct rte_ring *r = rte_ring_create("ethdev_txbuf", 8, SOCKET_ID_ANY,
					     RING_F_SP_ENQ | RING_F_SC_DEQ); /* holds 7 */
	pool p("ethdev_txbuf", 1024);
	TEST_ASSERT(r && p.mp, "setup");
	int port = rte_eth_from_ring(r);
	TEST_ASSERT(port >= 0, "port");
	TEST_ASSERT_SUCCESS(port_start((uint16_t)port, 1, 1, p.mp), "start");
	unsigned int avail = rte_mempool_avail_count(p.mp);

	auto *buf = static_cast<struct rte_eth_dev_tx_buffer *>(
		rte_zmalloc(nullptr, RTE_ETH_TX_BUFFER_SIZE(4), 0));
	TEST_ASSERT_NOT_NULL(buf, "buffer");
	TEST_ASSERT_EQUAL(rte_eth_tx_buffer_init(nullptr, 4), -EINVAL, "NULL");
	TEST_ASSERT_EQUAL(rte_eth_tx_buffer_init(buf, 0), -EINVAL, "size 0");
	TEST_ASSERT_SUCCESS(rte_eth_tx_buffer_init(buf, 4), "init");
	uint64_t dropped = 0;
	TEST_ASSERT_EQUAL(rte_eth_tx_buffer_set_err_callback(buf, nullptr, nullptr), -EINVAL,
			  "NULL callback");
	TEST_ASSERT_SUCCESS(
		rte_eth_tx_buffer_set_err_callback(buf, rte_eth_tx_buffer_count_callback, &dropped),
		"count callback");

	uint16_t sent = 0;
	for (int i = 0; i < 3; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(p.mp);
		TEST_ASSERT_NOT_NULL(m, "alloc");
		sent += rte_eth_tx_buffer((uint16_t)port, 0, buf, m);
	}
	TEST_ASSERT_EQUAL(sent, (uint16_t)0, "nothing sent before the buffer fills");
	TEST_ASSERT_EQUAL(buf->length, (uint16_t)3, "three waiting");
	sent = rte_eth_tx_buffer((uint16_t)port, 0, buf, rte_pktmbuf_alloc(p.mp));
	TEST_ASSERT_EQUAL(sent, (uint16_t)4, "fourth packet flushes");
	TEST_ASSERT_EQUAL(rte_ring_count(r), 4u, "on the ring");

	/* the ring holds 3 more: 4 buffered, 3 sent, 1 counted and freed */
	for (int i = 0; i < 4; i++)
		buf->pkts[buf->length++] = rte_pktmbuf_alloc(p.mp);
	TEST_ASSERT_EQUAL(rte_eth_tx_buffer_flush((uint16_t)port, 0, buf), (uint16_t)3, "flush");
	TEST_ASSERT_EQUAL(dropped, 1ull, "one counted");
	TEST_ASSERT_EQUAL(buf->length, (uint16_t)0, "empty");
	TEST_ASSERT_EQUAL(rte_eth_tx_buffer_flush((uint16_t)port, 0, buf), (uint16_t)0,
			  "empty flush");

	/* init again, with a packet waiting: as in DPDK, the callback set
	 * before and the waiting packet are both kept */
	buf->pkts[buf->length++] = rte_pktmbuf_alloc(p.mp);
	TEST_ASSERT_SUCCESS(rte_eth_tx_buffer_init(buf, 4), "re-init");
	TEST_ASSERT_EQUAL(buf->length, (uint16_t)1, "the waiting packet stays");
	TEST_ASSERT(buf->error_callback == rte_eth_tx_buffer_count_callback &&
			    buf->error_userdata == &dropped,
		    "the callback set before init stays");
	TEST_ASSERT_EQUAL(rte_eth_tx_buffer_flush((uint16_t)port, 0, buf), (uint16_t)0,
			  "ring full: dropped");
	TEST_ASSERT_EQUAL(dropped, 2ull, "counted by the kept callback");

	/* a zeroed buffer gets the default drop callback from init */
	auto *fresh = static_cast<struct rte_eth_dev_tx_buffer *>(
		rte_zmalloc(nullptr, RTE_ETH_TX_BUFFER_SIZE(2), 0));
	TEST_ASSERT_NOT_NULL(fresh, "second buffer");
	TEST_ASSERT_SUCCESS(rte_eth_tx_buffer_init(fresh, 2), "init");
	TEST_ASSERT(fresh->error_callback == rte_eth_tx_buffer_drop_callback &&
			    fresh->error_userdata == nullptr && fresh->length == 0 &&
			    fresh->size == 2,
		    "default callback, empty, capacity 2");
	rte_free(fresh);

	struct rte_mbuf *back[8];
	unsigned int n = rte_eth_rx_burst((uint16_t)port, 0, back, 8);
	TEST_ASSERT_EQUAL(n, 7u, "seven went through");
	free_all(back, n);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "no mbuf leaked");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get((uint16_t)port, &st), "stats");
	TEST_ASSERT_EQUAL(st.opackets, 7ull, "sent");
	TEST_ASSERT_EQUAL(st.oerrors, 0ull, "what the full ring refused is the callback's");
	rte_free(buf);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop((uint16_t)port), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("ethdev_txbuf"), "uninit");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

struct chunk_list {
	std::vector<dpkit_eth_mem_region> chunks;
};

void
collect_chunk(struct rte_mempool *, void *arg, struct rte_mempool_memhdr *hdr, unsigned int)
{
	static_cast<chunk_list *>(arg)->chunks.push_back({hdr->addr, hdr->iova, hdr->len});
}

int
test_ethdev_rx_setup_registers_every_pool_chunk(void)
{
	/* a pktmbuf pool populated from 6 separate areas: 6 chunks at least */
	const unsigned int n = 6 * 64;
	struct rte_mempool *mp = rte_mempool_create_empty(
		"ethdev_chunks", n, sizeof(struct rte_mbuf) + RTE_MBUF_DEFAULT_BUF_SIZE, 0,
		sizeof(struct rte_pktmbuf_pool_private), SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "empty pool");
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "ring_mp_mc", nullptr), "ops");
	struct rte_pktmbuf_pool_private pp = {};
	pp.mbuf_data_room_size = RTE_MBUF_DEFAULT_BUF_SIZE;
	rte_pktmbuf_pool_init(mp, &pp);
	std::vector<void *> areas;
	size_t area = 64 * (mp->header_size + mp->elt_size + mp->trailer_size) + 4096;
	while (mp->populated_size < n) {
		void *a = rte_malloc(nullptr, area, 4096);
		TEST_ASSERT_NOT_NULL(a, "area");
		areas.push_back(a);
		/* one chunk per call: what a pool grown from scattered memory looks like */
		int ret = rte_mempool_populate_iova(mp, static_cast<char *>(a),
						    rte_malloc_virt2iova(a), area, nullptr,
						    nullptr);
		TEST_ASSERT(ret > 0, "populate: %d", ret);
	}
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, nullptr);
	chunk_list expected;
	rte_mempool_mem_iter(mp, collect_chunk, &expected);
	TEST_ASSERT(expected.chunks.size() >= 6, "chunks: %zu", expected.chunks.size());

	{
		vdev v("net_null_chunks0");
		TEST_ASSERT(v.ok(), "port");
		TEST_ASSERT_SUCCESS(port_start(v.port, 2, 1, mp), "two rx queues on one pool");
		std::vector<dpkit_eth_mem_region> got(expected.chunks.size() + 4);
		int count = dpkit_eth_dev_mem_regions(v.port, got.data(), (unsigned)got.size());
		TEST_ASSERT_EQUAL(count, (int)expected.chunks.size(),
				  "each chunk registered once for both queues");
		for (size_t i = 0; i < expected.chunks.size(); i++) {
			TEST_ASSERT_EQUAL(got[i].addr, expected.chunks[i].addr, "addr %zu", i);
			TEST_ASSERT_EQUAL(got[i].len, expected.chunks[i].len, "len %zu", i);
			TEST_ASSERT_EQUAL(got[i].iova, expected.chunks[i].iova, "iova %zu", i);
		}
		/* and the port really hands out mbufs from those chunks */
		struct rte_mbuf *pkts[16];
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 1, pkts, 16), (uint16_t)16, "rx");
		for (auto *m : pkts) {
			bool inside = false;
			for (const auto &c : expected.chunks)
				inside |= (char *)m >= (char *)c.addr &&
					  (char *)m < (char *)c.addr + c.len;
			TEST_ASSERT(inside, "mbuf %p outside every chunk", (void *)m);
		}
		free_all(pkts, 16);
		TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(RTE_MAX_ETHPORTS, nullptr, 0), -ENODEV,
				  "bad port");
		TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	}
	rte_mempool_free(mp);
	for (void *a : areas)
		rte_free(a);
	return TEST_SUCCESS;
}

/*
 * The port's region table follows its pool: chunks added until the pool
 * is full are recorded when it becomes full (READY), and the pool's
 * regions leave the table when it is freed (DESTROY).
 */
int
test_ethdev_regions_follow_pool_events(void)
{
	const unsigned int n = 6 * 64;
	struct rte_mempool *mp = rte_mempool_create_empty(
		"ethdev_grow", n, sizeof(struct rte_mbuf) + RTE_MBUF_DEFAULT_BUF_SIZE, 0,
		sizeof(struct rte_pktmbuf_pool_private), SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "empty pool");
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "ring_mp_mc", nullptr), "ops");
	struct rte_pktmbuf_pool_private pp = {};
	pp.mbuf_data_room_size = RTE_MBUF_DEFAULT_BUF_SIZE;
	rte_pktmbuf_pool_init(mp, &pp);
	std::vector<void *> areas;
	size_t area = 64 * (mp->header_size + mp->elt_size + mp->trailer_size) + 4096;
	auto grow = [&](unsigned int upto) {
		while (mp->populated_size < upto) {
			void *a = rte_malloc(nullptr, area, 4096);
			if (a == nullptr)
				return -ENOMEM;
			areas.push_back(a);
			int ret = rte_mempool_populate_iova(mp, static_cast<char *>(a),
							    rte_malloc_virt2iova(a), area, nullptr,
							    nullptr);
			if (ret < 0)
				return ret;
		}
		return 0;
	};
	TEST_ASSERT_SUCCESS(grow(2 * 64), "two chunks");
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, nullptr);
	vdev v("net_null_grow0");
	TEST_ASSERT(v.ok(), "port");
	struct rte_eth_conf conf = {};
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(v.port, 1, 1, &conf), "configure");
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(v.port, 0, 64, SOCKET_ID_ANY, nullptr, mp),
			    "rx setup on a pool still growing");
	int before = dpkit_eth_dev_mem_regions(v.port, nullptr, 0);
	TEST_ASSERT(before >= 2, "chunks so far recorded: %d", before);
	TEST_ASSERT_SUCCESS(grow(n), "the rest");
	int after = dpkit_eth_dev_mem_regions(v.port, nullptr, 0);
	TEST_ASSERT((unsigned int)after == mp->nb_mem_chunks && after > before,
		    "full pool: %d regions for %u chunks (had %d)", after, mp->nb_mem_chunks,
		    before);
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(v.port, nullptr, 0), 0,
			  "a freed pool's regions leave the table");
	for (void *a : areas)
		rte_free(a);
	return TEST_SUCCESS;
}

const struct unit_test_case rxtx_cases[] = {
	TEST_CASE(test_ethdev_rx_callbacks_run_in_order),
	TEST_CASE(test_ethdev_tx_callback_filters),
	TEST_CASE(test_ethdev_tx_buffer_flushes_and_reports),
	TEST_CASE(test_ethdev_rx_setup_registers_every_pool_chunk),
	TEST_CASE(test_ethdev_regions_follow_pool_events),
	TEST_CASES_END()};

} // namespace

const struct unit_test_suite ethdev_rxtx_suite = {"ethdev around the burst", nullptr, nullptr,
						  rxtx_cases};
