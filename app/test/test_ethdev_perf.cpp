/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ethdev_null_perf_autotest: packets per second through rte_eth_rx_burst /
 * rte_eth_tx_burst on net_null ports, on the calling core, bursts of 32:
 *   rx+free  : rx from port 0, rte_pktmbuf_free_bulk
 *   io fwd   : rx from port 0, tx to port 1 (testpmd's io forwarding)
 *   io fwd+cb: the same with one rx callback installed (the callback path)
 * Each runs DPKIT_PERF_SECONDS seconds (default 1). Numbers only; nothing
 * is asserted on time.
 */

#include <stdio.h>
#include <stdlib.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

constexpr uint16_t burst = 32;

uint16_t
count_cb(uint16_t, uint16_t, struct rte_mbuf **, uint16_t n, uint16_t, void *arg)
{
	*static_cast<uint64_t *>(arg) += n;
	return n;
}

enum class mode { rx_free, io_fwd };

double
run(uint16_t rx_port, uint16_t tx_port, mode md, double seconds, uint64_t *pkts_out)
{
	struct rte_mbuf *pkts[burst];
	uint64_t pkts_done = 0;
	const uint64_t hz = rte_get_timer_hz();
	const uint64_t start = rte_get_timer_cycles();
	const uint64_t end = start + (uint64_t)(seconds * (double)hz);
	uint64_t now = start;
	while (now < end) {
		/* check the clock every 1024 bursts: the loop is what we measure */
		for (int i = 0; i < 1024; i++) {
			uint16_t n = rte_eth_rx_burst(rx_port, 0, pkts, burst);
			if (md == mode::rx_free) {
				rte_pktmbuf_free_bulk(pkts, n);
			} else {
				uint16_t sent = rte_eth_tx_burst(tx_port, 0, pkts, n);
				if (unlikely(sent < n))
					rte_pktmbuf_free_bulk(pkts + sent, n - sent);
			}
			pkts_done += n;
		}
		now = rte_get_timer_cycles();
	}
	*pkts_out = pkts_done;
	return (double)pkts_done / ((double)(now - start) / (double)hz) / 1e6;
}

int
test_ethdev_null_perf(void)
{
	const char *env = getenv("DPKIT_PERF_SECONDS");
	double seconds = env ? atof(env) : 1.0;
	if (seconds <= 0)
		seconds = 1.0;
	vdev a("net_null_perf0"), b("net_null_perf1");
	pool p("ethdev_perf", 8191, RTE_MBUF_DEFAULT_BUF_SIZE, 256);
	TEST_ASSERT(a.ok() && b.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(a.port, 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port, 1, 1, p.mp), "start b");

	uint64_t n;
	printf("net_null, 64-byte packets, bursts of %u, lcore %u, %.1f s per row\n", burst,
	       rte_lcore_id(), seconds);
	run(a.port, b.port, mode::io_fwd, 0.1, &n); /* warm caches and the pool */
	double rx = run(a.port, b.port, mode::rx_free, seconds, &n);
	printf("  rx + free      : %7.2f Mpps (%llu packets)\n", rx, (unsigned long long)n);
	double fwd = run(a.port, b.port, mode::io_fwd, seconds, &n);
	printf("  io forward     : %7.2f Mpps (%llu packets)\n", fwd, (unsigned long long)n);
	uint64_t seen = 0;
	const auto *cb = rte_eth_add_rx_callback(a.port, 0, count_cb, &seen);
	TEST_ASSERT_NOT_NULL(cb, "callback");
	double fwd_cb = run(a.port, b.port, mode::io_fwd, seconds, &n);
	printf("  io forward + cb: %7.2f Mpps (%llu packets, callback saw %llu)\n", fwd_cb,
	       (unsigned long long)n, (unsigned long long)seen);
	TEST_ASSERT_EQUAL(seen, n, "the callback saw every packet");
	rte_eth_remove_rx_callback(a.port, 0, cb);
	rte_free(const_cast<struct rte_eth_rxtx_callback *>(cb));

	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(b.port, &st), "stats");
	printf("  port 1 sent %llu packets in all\n", (unsigned long long)st.opackets);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port), "stop");
	return TEST_SUCCESS;
}

} // namespace

REGISTER_PERF_TEST(ethdev_null_perf_autotest, test_ethdev_null_perf);
