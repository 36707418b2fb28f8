/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * null_pmd_autotest: net_null hands out mbufs from the rx queue's own pool
 * with `size` bytes of data, copies (zeroes) them only with copy=1, gives
 * nothing with no-rx=1, frees what it transmits (chains included) and
 * counts all of it, allocation failures too.
 */

#include <string.h>

#include <atomic>
#include <vector>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

int
test_null_rx_gives_pool_mbufs_of_size(void)
{
	vdev v("net_null_pmd0", "size=256");
	pool p("null_pmd_rx", 1024, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
	TEST_ASSERT_EQUAL(info.min_rx_bufsize, 256u, "a packet must fit an mbuf");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	unsigned int avail = rte_mempool_avail_count(p.mp);

	struct rte_mbuf *pkts[32];
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "rx");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail - 32, "taken from the pool");
	for (auto *m : pkts) {
		TEST_ASSERT_EQUAL(m->pool, p.mp, "queue's pool");
		TEST_ASSERT_EQUAL(m->pkt_len, 256u, "pkt_len");
		TEST_ASSERT_EQUAL(m->data_len, (uint16_t)256, "data_len");
		TEST_ASSERT_EQUAL(m->nb_segs, (uint16_t)1, "one segment");
		TEST_ASSERT_EQUAL(m->port, v.port, "port");
		TEST_ASSERT_EQUAL(m->data_off, (uint16_t)RTE_PKTMBUF_HEADROOM, "headroom");
		TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), (uint16_t)1, "refcnt");
	}
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 32), (uint16_t)32, "tx");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "tx gave them back");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

/* Leave @p byte in the data room of every free mbuf of @p mp. */
int
paint_pool(struct rte_mempool *mp, uint8_t byte)
{
	std::vector<struct rte_mbuf *> all(mp->size);
	if (rte_pktmbuf_alloc_bulk(mp, all.data(), mp->size) != 0)
		return -1;
	for (auto *m : all)
		memset(rte_pktmbuf_mtod(m, void *), byte, 512);
	rte_pktmbuf_free_bulk(all.data(), mp->size);
	return 0;
}

int
test_null_copy_writes_packet_data(void)
{
	pool p("null_pmd_copy", 256, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT_NOT_NULL(p.mp, "pool");
	for (int copy = 0; copy <= 1; copy++) {
		vdev v("net_null_copy0", copy ? "size=128,copy=1" : "size=128");
		TEST_ASSERT(v.ok(), "port copy=%d", copy);
		TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
		TEST_ASSERT_SUCCESS(paint_pool(p.mp, 0xAA), "paint");
		struct rte_mbuf *pkts[16];
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 16), (uint16_t)16, "rx");
		const uint8_t expect = copy ? 0 : 0xAA;
		for (auto *m : pkts) {
			const uint8_t *d = rte_pktmbuf_mtod(m, const uint8_t *);
			for (int i = 0; i < 128; i++)
				TEST_ASSERT_EQUAL(d[i], expect, "copy=%d byte %d", copy, i);
		}
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 16), (uint16_t)16, "tx");
		TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	}
	return TEST_SUCCESS;
}

int
test_null_no_rx_receives_nothing(void)
{
	vdev v("net_null_norx0", "no-rx=1");
	pool p("null_pmd_norx", 256);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	struct rte_mbuf *pkts[8];
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 8), (uint16_t)0, "no rx");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, pkts, 8), "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 8), (uint16_t)8, "tx still sinks");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.ipackets, 0ull, "nothing in");
	TEST_ASSERT_EQUAL(st.opackets, 8ull, "eight out");
	TEST_ASSERT_EQUAL(st.obytes, 0ull, "empty mbufs carry no bytes");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_null_rx_counts_allocation_failures(void)
{
	vdev v("net_null_nombuf0");
	pool p("null_pmd_nombuf", 64, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	struct rte_mbuf *pkts[96];
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "first");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts + 32, 32), (uint16_t)32, "second");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts + 64, 32), (uint16_t)0, "pool empty");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, 32ull, "failed allocations counted");
	TEST_ASSERT_EQUAL(st.ipackets, 64ull, "received");
	uint64_t id, value;
	TEST_ASSERT_SUCCESS(rte_eth_xstats_get_id_by_name(v.port, "rx_mbuf_allocation_errors", &id),
			    "xstat id");
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_by_id(v.port, &id, &value, 1), 1, "xstat");
	TEST_ASSERT_EQUAL(value, 32ull, "xstat value");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 64), (uint16_t)64, "give back");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "works again");
	free_all(pkts, 32);
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(v.port), "reset");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, 0ull, "reset");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_null_queues_count_separately(void)
{
	vdev v("net_null_mq0", "size=60");
	pool p("null_pmd_mq", 2048);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 4, 4, p.mp), "start");
	struct rte_mbuf *pkts[32];
	for (uint16_t q = 0; q < 4; q++) {
		uint16_t n = rte_eth_rx_burst(v.port, q, pkts, (uint16_t)(q + 1));
		TEST_ASSERT_EQUAL(n, (uint16_t)(q + 1), "rx q%u", q);
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 3 - q, pkts, n), n, "tx q%u", 3 - q);
	}
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	for (uint16_t q = 0; q < 4; q++) {
		TEST_ASSERT_EQUAL(st.q_ipackets[q], (uint64_t)(q + 1), "rx q%u", q);
		TEST_ASSERT_EQUAL(st.q_ibytes[q], (uint64_t)(q + 1) * 60, "rx bytes q%u", q);
		TEST_ASSERT_EQUAL(st.q_opackets[3 - q], (uint64_t)(q + 1), "tx q%u", 3 - q);
	}
	TEST_ASSERT_EQUAL(st.ipackets, 10ull, "total in");
	TEST_ASSERT_EQUAL(st.obytes, 600ull, "total bytes out");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_null_tx_frees_chains(void)
{
	vdev v("net_null_chain0");
	pool p("null_pmd_chain", 256, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	unsigned int avail = rte_mempool_avail_count(p.mp);
	struct rte_mbuf *heads[4];
	for (auto &h : heads) {
		h = rte_pktmbuf_alloc(p.mp);
		struct rte_mbuf *tail = rte_pktmbuf_alloc(p.mp);
		TEST_ASSERT(h && tail, "alloc");
		rte_pktmbuf_append(h, 100);
		rte_pktmbuf_append(tail, 50);
		TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(h, tail), "chain");
	}
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, heads, 4), (uint16_t)4, "tx");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "every segment freed");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.obytes, 600ull, "chain lengths counted");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

/* Dirty every header field rte_pktmbuf_reset() clears. */
void
dirty(struct rte_mbuf *m)
{
	m->ol_flags = RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_RX_VLAN;
	m->packet_type = RTE_PTYPE_L2_ETHER;
	m->vlan_tci = 7;
	m->vlan_tci_outer = 9;
	m->tx_offload = 0x1234;
	m->data_off = 0;
	m->port = 3;
}

/* Receive hands out mbufs in the state rte_pktmbuf_alloc() gives plus the
 * packet's length and port, whatever the previous user left in them. */
int
test_null_rx_resets_what_alloc_resets(void)
{
	vdev v("net_null_reset0", "size=100");
	pool p("null_pmd_reset", 64, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	struct rte_mbuf *pkts[32];
	for (int round = 0; round < 2; round++) {
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "rx");
		for (auto *m : pkts) {
			const char *why = nullptr;
			TEST_ASSERT_SUCCESS(rte_mbuf_check(m, 1, &why), "round %d: %s", round,
					    why ? why : "");
			TEST_ASSERT_EQUAL(m->ol_flags, 0ull, "ol_flags");
			TEST_ASSERT_EQUAL(m->packet_type, 0u, "packet_type");
			TEST_ASSERT_EQUAL(m->vlan_tci, (uint16_t)0, "vlan_tci");
			TEST_ASSERT_EQUAL(m->vlan_tci_outer, (uint16_t)0, "vlan_tci_outer");
			TEST_ASSERT_EQUAL(m->tx_offload, 0ull, "tx_offload");
			TEST_ASSERT_EQUAL(m->data_off, (uint16_t)RTE_PKTMBUF_HEADROOM, "data_off");
			TEST_ASSERT_EQUAL(m->port, v.port, "port");
			TEST_ASSERT_EQUAL(m->pkt_len, 100u, "pkt_len");
			TEST_ASSERT_EQUAL(m->data_len, (uint16_t)100, "data_len");
			TEST_ASSERT_NULL(m->next, "next");
			TEST_ASSERT_EQUAL(m->nb_segs, (uint16_t)1, "nb_segs");
			TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), (uint16_t)1, "refcnt");
			dirty(m); /* the next round must not see it */
		}
		rte_pktmbuf_free_bulk(pkts, 32);
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

/* With RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE, transmit returns plain mbufs
 * straight to the pool and still frees a chained packet segment by segment:
 * every segment back, each one a lone segment again. */
int
test_null_fast_free_returns_all(void)
{
	vdev v("net_null_ff0");
	pool p("null_pmd_ff", 128, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
	TEST_ASSERT(info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE, "capability");
	struct rte_eth_conf conf = {};
	conf.txmode.offloads = RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp, &conf), "start");
	const unsigned int avail = rte_mempool_avail_count(p.mp);

	struct rte_mbuf *pkts[32];
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "rx");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 32), (uint16_t)32, "tx");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "plain burst back");

	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 8), (uint16_t)8, "rx");
	struct rte_mbuf *tail = rte_pktmbuf_alloc(p.mp);
	TEST_ASSERT_NOT_NULL(tail, "tail");
	rte_pktmbuf_append(tail, 10);
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(pkts[5], tail), "chain");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 8), (uint16_t)8, "tx chained");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "every segment back");
	std::vector<struct rte_mbuf *> all(avail);
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, all.data(), avail), "drain");
	for (auto *m : all)
		TEST_ASSERT(m->next == nullptr && m->nb_segs == 1,
			    "a pooled mbuf is a lone segment");
	rte_pktmbuf_free_bulk(all.data(), avail);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

/* Without the offload a shared mbuf only loses a reference. */
int
test_null_tx_without_fast_free_keeps_shared(void)
{
	vdev v("net_null_shared0");
	pool p("null_pmd_shared", 64, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	const unsigned int avail = rte_mempool_avail_count(p.mp);
	struct rte_mbuf *m = rte_pktmbuf_alloc(p.mp);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_mbuf_refcnt_update(m, 1);
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, &m, 1), (uint16_t)1, "tx");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), (uint16_t)1, "one reference left");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail - 1, "still in use");
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "back");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

struct poller {
	uint16_t port;
	uint16_t queue;
	uint64_t packets;
	std::atomic<bool> *stop;
	std::atomic<bool> polled{false}; /* set after the first burst */
};

int
poll_own_queue(void *arg)
{
	auto *p = static_cast<poller *>(arg);
	struct rte_mbuf *pkts[32];
	while (!p->stop->load(std::memory_order_relaxed)) {
		uint16_t n = rte_eth_rx_burst(p->port, p->queue, pkts, 32);
		p->packets += rte_eth_tx_burst(p->port, p->queue, pkts, n);
		p->polled.store(true, std::memory_order_release);
	}
	return 0;
}

int
test_null_lcores_poll_their_own_queues(void)
{
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE)
		TEST_SKIP("needs a worker lcore (run with at least two cores)");
	vdev v("net_null_mt0");
	pool p("null_pmd_mt", 4096, RTE_MBUF_DEFAULT_BUF_SIZE, 64);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 2, 2, p.mp), "start");
	std::atomic<bool> stop{false};
	poller mine{v.port, 0, 0, &stop}, theirs{v.port, 1, 0, &stop};
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(poll_own_queue, &theirs, worker), "launch");
	/* poll queue 0 here while the worker polls queue 1; read stats meanwhile */
	struct rte_mbuf *pkts[32];
	struct rte_eth_stats st;
	uint64_t last = 0;
	for (int i = 0; i < 20000; i++) {
		uint16_t n = rte_eth_rx_burst(v.port, 0, pkts, 32);
		mine.packets += rte_eth_tx_burst(v.port, 0, pkts, n);
		if (i % 1000 == 0) {
			TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
			TEST_ASSERT(st.ipackets >= last, "counters only grow");
			last = st.ipackets;
		}
	}
	/* on a loaded machine the worker may not have run yet: give it time */
	for (int ms = 0; ms < 5000 && !theirs.polled.load(std::memory_order_acquire); ms++)
		rte_delay_ms(1);
	stop = true;
	TEST_ASSERT_SUCCESS(rte_eal_wait_lcore(worker), "worker");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.q_ipackets[0], mine.packets, "queue 0 count");
	TEST_ASSERT_EQUAL(st.q_ipackets[1], theirs.packets, "queue 1 count");
	TEST_ASSERT_EQUAL(st.opackets, mine.packets + theirs.packets, "all sent");
	TEST_ASSERT(theirs.packets > 0, "the worker polled");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), p.mp->size, "no mbuf lost");
	return TEST_SUCCESS;
}

/* Polls one rx queue of a port whose pool is empty, @p bursts times. */
struct failing_poller {
	uint16_t port;
	uint16_t queue;
	unsigned int bursts;
	std::atomic<bool> *go;
};

int
poll_empty_pool(void *arg)
{
	auto *p = static_cast<failing_poller *>(arg);
	struct rte_mbuf *pkts[32];
	while (!p->go->load(std::memory_order_acquire))
		;
	for (unsigned int i = 0; i < p->bursts; i++)
		if (rte_eth_rx_burst(p->port, p->queue, pkts, 32) != 0)
			return -1;
	return 0;
}

/*
 * rx_nombuf is one counter for the whole port: two lcores whose queues fail
 * at the same time must not lose each other's counts.
 */
int
test_null_nombuf_counts_every_queue(void)
{
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE)
		TEST_SKIP("needs a worker lcore (run with at least two cores)");
	vdev v("net_null_nombuf1");
	pool p("null_pmd_nombuf1", 63, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 2, 2, p.mp), "start");
	std::vector<void *> all(p.mp->size);
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(p.mp, all.data(), p.mp->size), "empty the pool");
	std::atomic<bool> go{false};
	const unsigned int bursts = 2000000;
	failing_poller mine{v.port, 0, bursts, &go}, theirs{v.port, 1, bursts, &go};
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(poll_empty_pool, &theirs, worker), "launch");
	go = true;
	int rc = poll_empty_pool(&mine);
	TEST_ASSERT_SUCCESS(rte_eal_wait_lcore(worker), "worker");
	TEST_ASSERT_SUCCESS(rc, "an rx burst returned mbufs from an empty pool");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, 2ull * bursts * 32, "every failed burst counted");
	rte_mempool_put_bulk(p.mp, all.data(), p.mp->size);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_null_bad_arguments_refused(void)
{
	for (const char *args : {"size=70000", "size=", "copy=yes", "no-rx=2", "size=12x",
				 "iface=eth0", "size=64,copy=1,no-rx=1"}) {
		int ret = rte_vdev_init("net_null_bad0", args);
		TEST_ASSERT_EQUAL(ret, -EINVAL, "'%s'", args);
	}
	TEST_ASSERT_SUCCESS(rte_vdev_init("net_null_bad0", "size=9000"), "big but valid");
	uint16_t port;
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_null_bad0", &port), "port");
	pool p("null_pmd_bad", 128); /* default mbufs: 2048 bytes, less than 9000 */
	TEST_ASSERT_NOT_NULL(p.mp, "pool");
	struct rte_eth_conf conf = {};
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(port, 1, 1, &conf), "configure");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(port, 0, 64, 0, nullptr, p.mp), -EINVAL,
			  "9000-byte packets do not fit");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_null_bad0"), "uninit");
	return TEST_SUCCESS;
}

const struct unit_test_case null_cases[] = {TEST_CASE(test_null_rx_gives_pool_mbufs_of_size),
					    TEST_CASE(test_null_copy_writes_packet_data),
					    TEST_CASE(test_null_no_rx_receives_nothing),
					    TEST_CASE(test_null_rx_counts_allocation_failures),
					    TEST_CASE(test_null_queues_count_separately),
					    TEST_CASE(test_null_tx_frees_chains),
					    TEST_CASE(test_null_rx_resets_what_alloc_resets),
					    TEST_CASE(test_null_fast_free_returns_all),
					    TEST_CASE(test_null_tx_without_fast_free_keeps_shared),
					    TEST_CASE(test_null_lcores_poll_their_own_queues),
					    TEST_CASE(test_null_nombuf_counts_every_queue),
					    TEST_CASE(test_null_bad_arguments_refused),
					    TEST_CASES_END()};

const struct unit_test_suite null_suite = {"net_null", nullptr, nullptr, null_cases};

int
test_null_pmd(void)
{
	return unit_test_suite_runner(&null_suite);
}

} // namespace

REGISTER_FAST_TEST(null_pmd_autotest, NOHUGE_OK, ASAN_OK, test_null_pmd);
