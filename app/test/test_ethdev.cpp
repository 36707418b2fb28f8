/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ethdev_autotest: the port life cycle and every error path of it, on
 * net_null and net_ring ports created at run time. Suites in
 * test_ethdev_ctrl.cpp and test_ethdev_rxtx.cpp run from here too.
 */

#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <ethdev_driver.h>

#include "test_ethdev.h"
#include "test_mbuf.h"

using namespace ethdev_test;

namespace {

constexpr uint16_t bad_port = RTE_MAX_ETHPORTS - 1; /* never allocated by these tests */

uint16_t
keep_all(uint16_t, uint16_t, struct rte_mbuf **, uint16_t n, uint16_t, void *)
{
	return n;
}

int
test_ethdev_ports_appear_and_disappear(void)
{
	uint16_t before = rte_eth_dev_count_avail();
	uint16_t port;
	{
		vdev a("net_null_life0"), b("net_ring_life0");
		TEST_ASSERT(a.ok() && b.ok(), "create: %d %d", a.ret, b.ret);
		TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), (uint16_t)(before + 2), "count");
		TEST_ASSERT_EQUAL(rte_eth_dev_count_total(), (uint16_t)(before + 2), "total");
		TEST_ASSERT(rte_eth_dev_is_valid_port(a.port), "valid port");
		unsigned int seen = 0;
		RTE_ETH_FOREACH_DEV(port)
		if (port == a.port || port == b.port)
			seen++;
		TEST_ASSERT_EQUAL(seen, 2u, "RTE_ETH_FOREACH_DEV visits both");

		char name[RTE_ETH_NAME_MAX_LEN];
		TEST_ASSERT_SUCCESS(rte_eth_dev_get_name_by_port(b.port, name), "name by port");
		TEST_ASSERT_EQUAL(std::string(name), std::string("net_ring_life0"), "name");
		uint16_t found;
		TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_null_life0", &found),
				    "by name");
		TEST_ASSERT_EQUAL(found, a.port, "port by name");
		TEST_ASSERT(rte_eth_dev_socket_id(a.port) >= 0, "socket id of a vdev port");

		struct rte_eth_dev_info info;
		TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(a.port, &info), "info");
		TEST_ASSERT_EQUAL(std::string(info.driver_name), std::string("net_null"), "driver");
		TEST_ASSERT_EQUAL(std::string(rte_dev_name(info.device)),
				  std::string("net_null_life0"), "device name");
		TEST_ASSERT(info.max_rx_queues >= 1 && info.max_tx_queues >= 1, "queues");
		TEST_ASSERT_EQUAL(info.min_mtu, (uint16_t)46, "min mtu");
		TEST_ASSERT(*info.dev_flags & RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS, "flags");
		port = a.port;
	}
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), before, "ports gone after uninit");
	TEST_ASSERT(!rte_eth_dev_is_valid_port(port), "port id invalid after uninit");
	uint16_t found;
	TEST_ASSERT_EQUAL(rte_eth_dev_get_port_by_name("net_null_life0", &found), -ENODEV,
			  "unknown name");
	return TEST_SUCCESS;
}

int
test_ethdev_invalid_port_ids_give_enodev(void)
{
	struct rte_eth_conf conf = {};
	struct rte_eth_dev_info info;
	struct rte_eth_link link;
	struct rte_eth_stats stats;
	struct rte_ether_addr mac;
	uint16_t mtu, rxd = 64, txd = 64;
	char name[RTE_ETH_NAME_MAX_LEN];
	pool p("ethdev_badport", 512);
	TEST_ASSERT_NOT_NULL(p.mp, "pool");

	for (uint16_t port : {bad_port, (uint16_t)RTE_MAX_ETHPORTS, (uint16_t)UINT16_MAX}) {
		TEST_ASSERT(!rte_eth_dev_is_valid_port(port), "port %u", port);
		TEST_ASSERT_EQUAL(rte_eth_dev_configure(port, 1, 1, &conf), -ENODEV, "configure");
		TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(port, 0, 64, 0, nullptr, p.mp), -ENODEV,
				  "rxq");
		TEST_ASSERT_EQUAL(rte_eth_tx_queue_setup(port, 0, 64, 0, nullptr), -ENODEV, "txq");
		TEST_ASSERT_EQUAL(rte_eth_dev_start(port), -ENODEV, "start");
		TEST_ASSERT_EQUAL(rte_eth_dev_stop(port), -ENODEV, "stop");
		TEST_ASSERT_EQUAL(rte_eth_dev_close(port), -ENODEV, "close");
		TEST_ASSERT_EQUAL(rte_eth_dev_info_get(port, &info), -ENODEV, "info");
		TEST_ASSERT_EQUAL(rte_eth_link_get(port, &link), -ENODEV, "link");
		TEST_ASSERT_EQUAL(rte_eth_link_get_nowait(port, &link), -ENODEV, "link nowait");
		TEST_ASSERT_EQUAL(rte_eth_stats_get(port, &stats), -ENODEV, "stats");
		TEST_ASSERT_EQUAL(rte_eth_stats_reset(port), -ENODEV, "stats reset");
		TEST_ASSERT_EQUAL(rte_eth_xstats_get(port, nullptr, 0), -ENODEV, "xstats");
		TEST_ASSERT_EQUAL(rte_eth_xstats_get_names(port, nullptr, 0), -ENODEV, "names");
		TEST_ASSERT_EQUAL(rte_eth_xstats_reset(port), -ENODEV, "xstats reset");
		TEST_ASSERT_EQUAL(rte_eth_macaddr_get(port, &mac), -ENODEV, "mac");
		TEST_ASSERT_EQUAL(rte_eth_promiscuous_enable(port), -ENODEV, "promisc");
		TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(port), -1, "promisc get");
		TEST_ASSERT_EQUAL(rte_eth_allmulticast_get(port), -1, "allmulti get");
		TEST_ASSERT_EQUAL(rte_eth_dev_get_mtu(port, &mtu), -ENODEV, "mtu");
		TEST_ASSERT_EQUAL(rte_eth_dev_set_mtu(port, 1500), -ENODEV, "set mtu");
		TEST_ASSERT_EQUAL(rte_eth_dev_set_link_up(port), -ENODEV, "link up");
		TEST_ASSERT_EQUAL(rte_eth_dev_adjust_nb_rx_tx_desc(port, &rxd, &txd), -ENODEV,
				  "adjust");
		TEST_ASSERT_EQUAL(rte_eth_dev_get_name_by_port(port, name), -ENODEV, "name");
		TEST_ASSERT_EQUAL(rte_eth_dev_get_supported_ptypes(port, 0, nullptr, 0), -ENODEV,
				  "ptypes");
		TEST_ASSERT_EQUAL(rte_eth_dev_set_ptypes(port, 0, nullptr, 0), -ENODEV,
				  "set ptypes");
		TEST_ASSERT_EQUAL(rte_eth_dev_mac_addr_add(port, &mac, 0), -ENODEV, "mac add");
		TEST_ASSERT_EQUAL(rte_eth_dev_rss_reta_update(port, nullptr, 64), -ENODEV, "reta");
		TEST_ASSERT_EQUAL(rte_eth_remove_rx_callback(port, 0, nullptr), -ENODEV, "rm cb");
		rte_errno = 0;
		TEST_ASSERT_EQUAL(rte_eth_dev_socket_id(port), -1, "socket id");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "socket id errno");
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_eth_add_rx_callback(port, 0, keep_all, nullptr),
				 "rx callback on a bad port");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "callback errno");
		struct rte_mbuf *pkts[4];
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, pkts, 4), (uint16_t)0, "rx burst");
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 0), (uint16_t)0, "tx burst");
	}
	TEST_ASSERT_EQUAL(rte_eth_dev_get_port_by_name(nullptr, &mtu), -EINVAL, "NULL name");
	return TEST_SUCCESS;
}

int
test_ethdev_configure_checks_its_arguments(void)
{
	vdev v("net_null_cfg0");
	TEST_ASSERT(v.ok(), "create");
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
	struct rte_eth_conf conf = {};

	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, 1, 1, nullptr), -EINVAL, "NULL conf");
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, info.max_rx_queues + 1, 1, &conf), -EINVAL,
			  "too many rx queues");
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_TCP_LRO;
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, 1, 1, &conf), -EINVAL,
			  "rx offload the port lacks");
	conf = {};
	conf.txmode.offloads = RTE_ETH_TX_OFFLOAD_TCP_TSO;
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, 1, 1, &conf), -EINVAL, "tx offload");
	conf = {};
	conf.rxmode.mtu = 20;
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, 1, 1, &conf), -EINVAL, "tiny MTU");
	conf = {};
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_VMDQ_ONLY;
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, 1, 1, &conf), -EINVAL, "VMDq");
	conf = {};
	conf.intr_conf.rxq = 1;
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, 1, 1, &conf), -EINVAL, "rxq intr");

	/* 0/0 queues: the driver's suggestion or one each */
	conf = {};
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(v.port, 0, 0, &conf), "default queues");
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
	TEST_ASSERT_EQUAL(info.nb_rx_queues, (uint16_t)1, "one rx queue");
	TEST_ASSERT_EQUAL(info.nb_tx_queues, (uint16_t)1, "one tx queue");
	uint16_t mtu;
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_mtu(v.port, &mtu), "mtu");
	TEST_ASSERT_EQUAL(mtu, (uint16_t)RTE_ETHER_MTU, "default MTU");
	struct rte_eth_conf got;
	TEST_ASSERT_SUCCESS(rte_eth_dev_conf_get(v.port, &got), "conf get");
	TEST_ASSERT_EQUAL(got.rxmode.mtu, (uint32_t)RTE_ETHER_MTU, "stored MTU");

	/* started: no reconfiguration */
	pool p("ethdev_cfg", 1024);
	TEST_ASSERT_SUCCESS(port_start(v.port, 2, 2, p.mp), "start");
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(v.port, 1, 1, &conf), -EBUSY, "started");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	/* re-configure to fewer queues: the dropped queues disappear */
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(v.port, 1, 1, &conf), "reconfigure");
	struct rte_eth_rxq_info qinfo;
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_info_get(v.port, 0, &qinfo), "rxq 0 kept");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_info_get(v.port, 1, &qinfo), -EINVAL, "rxq 1 gone");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(v.port), "restart with the kept queues");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

/* Deferred start is taken and said: the virtual drivers, as DPDK's, have
 * no queue start/stop, so the queue starts with the port. */
int
test_ethdev_deferred_start_said(void)
{
	vdev v("net_null_defer0");
	pool p("ethdev_defer", 1024);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	struct rte_eth_conf conf = {};
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(v.port, 1, 1, &conf), "configure");
	struct rte_eth_rxconf rxconf = {};
	rxconf.rx_deferred_start = 1;
	struct rte_eth_txconf txconf = {};
	txconf.tx_deferred_start = 1;
	{
		mbuf_test::log_capture cap;
		TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(v.port, 0, 64, 0, &rxconf, p.mp), "rx");
		TEST_ASSERT_SUCCESS(rte_eth_tx_queue_setup(v.port, 0, 64, 0, &txconf), "tx");
		std::string text = cap.text();
		TEST_ASSERT(cap.lines() == 2 &&
				    text.find("rx_deferred_start") != std::string::npos &&
				    text.find("tx_deferred_start") != std::string::npos,
			    "one line each: %s", text.c_str());
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(v.port), "start");
	struct rte_eth_rxq_info rq;
	struct rte_eth_txq_info tq;
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_info_get(v.port, 0, &rq), "rxq info");
	TEST_ASSERT_SUCCESS(rte_eth_tx_queue_info_get(v.port, 0, &tq), "txq info");
	TEST_ASSERT(rq.conf.rx_deferred_start == 1 && tq.conf.tx_deferred_start == 1,
		    "what was asked is reported");
	TEST_ASSERT(rq.queue_state == RTE_ETH_QUEUE_STATE_STARTED &&
			    tq.queue_state == RTE_ETH_QUEUE_STATE_STARTED,
		    "both started with the port");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_ethdev_queue_setup_rejects_bad_pools(void)
{
	vdev v("net_null_q0", "size=1500");
	TEST_ASSERT(v.ok(), "create");
	pool good("ethdev_q_good", 1024);
	pool small("ethdev_q_small", 1024, RTE_PKTMBUF_HEADROOM + 256);
	struct rte_mempool *raw = rte_mempool_create("ethdev_q_raw", 255, 2048, 0, 0, nullptr,
						     nullptr, nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT(good.mp && small.mp && raw, "pools");
	struct rte_eth_conf conf = {};

	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 0, 64, 0, nullptr, good.mp), -EINVAL,
			  "not configured yet");
	TEST_ASSERT_EQUAL(rte_eth_tx_queue_setup(v.port, 0, 64, 0, nullptr), -EINVAL,
			  "tx not configured yet");
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(v.port, 1, 1, &conf), "configure");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 0, 64, 0, nullptr, nullptr), -EINVAL,
			  "NULL pool");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 0, 64, 0, nullptr, small.mp), -EINVAL,
			  "1500-byte packets in 256-byte mbufs");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 0, 64, 0, nullptr, raw), -ENOSPC,
			  "not a pktmbuf pool");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 1, 64, 0, nullptr, good.mp), -EINVAL,
			  "queue id out of range");
	TEST_ASSERT_EQUAL(rte_eth_tx_queue_setup(v.port, 1, 64, 0, nullptr), -EINVAL,
			  "tx queue id out of range");
	struct rte_eth_rxconf rxconf = {};
	rxconf.offloads = RTE_ETH_RX_OFFLOAD_TIMESTAMP;
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 0, 64, 0, &rxconf, good.mp), -EINVAL,
			  "queue offload the port lacks");
	rxconf = {};
	rxconf.rx_nseg = 2;
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 0, 64, 0, &rxconf, good.mp), -EINVAL,
			  "buffer split");

	/* start needs every queue */
	TEST_ASSERT_EQUAL(rte_eth_dev_start(v.port), -EINVAL, "no queue set up");
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(v.port, 0, 0, 0, nullptr, good.mp),
			    "rx with default descriptor count");
	TEST_ASSERT_EQUAL(rte_eth_dev_start(v.port), -EINVAL, "tx queue missing");
	TEST_ASSERT_SUCCESS(rte_eth_tx_queue_setup(v.port, 0, 0, 0, nullptr), "tx");
	struct rte_eth_rxq_info rq;
	struct rte_eth_txq_info tq;
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_info_get(v.port, 0, &rq), "rxq info");
	TEST_ASSERT_EQUAL(rq.mp, good.mp, "rxq pool");
	TEST_ASSERT_EQUAL(rq.nb_desc, (uint16_t)RTE_ETH_DEV_FALLBACK_RX_RINGSIZE, "default ring");
	TEST_ASSERT_EQUAL(rq.rx_buf_size,
			  (uint16_t)(RTE_MBUF_DEFAULT_BUF_SIZE - RTE_PKTMBUF_HEADROOM), "buf size");
	TEST_ASSERT_SUCCESS(rte_eth_tx_queue_info_get(v.port, 0, &tq), "txq info");
	TEST_ASSERT_EQUAL(rte_eth_tx_queue_info_get(v.port, 1, &tq), -EINVAL, "no txq 1");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(v.port), "start");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(v.port), "second start is a no-op");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(v.port, 0, 64, 0, nullptr, good.mp), -EBUSY,
			  "setup while started");
	TEST_ASSERT_EQUAL(rte_eth_tx_queue_setup(v.port, 0, 64, 0, nullptr), -EBUSY,
			  "tx setup while started");
	TEST_ASSERT_EQUAL(rte_eth_dev_close(v.port), -EINVAL, "close while started");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "second stop is a no-op");
	/* re-setup of a queue on a stopped port replaces it */
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(v.port, 0, 128, 0, nullptr, good.mp), "again");
	TEST_ASSERT_SUCCESS(rte_eth_dev_close(v.port), "close");
	TEST_ASSERT(!rte_eth_dev_is_valid_port(v.port), "closed port is gone");
	rte_mempool_free(raw);
	return TEST_SUCCESS;
}

int
test_ethdev_descriptor_limits_are_applied(void)
{
	vdev v("net_null_desc0");
	TEST_ASSERT(v.ok(), "create");
	uint16_t rxd = 0, txd = 65535;
	TEST_ASSERT_SUCCESS(rte_eth_dev_adjust_nb_rx_tx_desc(v.port, &rxd, &txd), "adjust");
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
	TEST_ASSERT(rxd >= info.rx_desc_lim.nb_min && txd <= info.tx_desc_lim.nb_max, "in range");
	TEST_ASSERT_SUCCESS(rte_eth_dev_adjust_nb_rx_tx_desc(v.port, nullptr, nullptr), "NULLs");
	return TEST_SUCCESS;
}

int
test_ethdev_burst_on_stopped_port_returns_zero(void)
{
	vdev v("net_null_burst0");
	pool p("ethdev_burst", 2048);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	struct rte_mbuf *pkts[32];
	unsigned int avail = rte_mempool_avail_count(p.mp);

	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)0, "unconfigured");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "started rx");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 32), (uint16_t)32, "started tx");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 1, pkts, 32), (uint16_t)0, "queue not set up");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, RTE_MAX_QUEUES_PER_PORT - 1, pkts, 32),
			  (uint16_t)0, "last queue id");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, UINT16_MAX, pkts, 32), (uint16_t)0,
			  "queue id beyond the table");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, UINT16_MAX, pkts, 32), (uint16_t)0,
			  "tx queue id beyond the table");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_count(v.port, 0), -ENOTSUP, "queue count");
	TEST_ASSERT_EQUAL(rte_eth_tx_prepare(v.port, 0, pkts, 5), (uint16_t)5, "prepare");

	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)0, "stopped rx");
	struct rte_mbuf *m = rte_pktmbuf_alloc(p.mp);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, &m, 1), (uint16_t)0, "stopped tx");
	rte_pktmbuf_free(m); /* not taken: still ours */
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_count(v.port, 0), -EINVAL, "count when stopped");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "no mbuf leaked");

	TEST_ASSERT_SUCCESS(rte_eth_dev_start(v.port), "restart");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 8), (uint16_t)8, "works again");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 8), (uint16_t)8, "tx again");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_ethdev_port_slots_are_reused(void)
{
	uint16_t first;
	{
		vdev a("net_null_reuse0");
		TEST_ASSERT(a.ok(), "create");
		first = a.port;
	}
	vdev b("net_null_reuse1");
	TEST_ASSERT(b.ok(), "create again");
	TEST_ASSERT_EQUAL(b.port, first, "lowest free slot reused");
	/* a name is unique among ports */
	TEST_ASSERT_NULL(rte_eth_dev_allocate("net_null_reuse1"), "duplicate port name");
	return TEST_SUCCESS;
}

const struct unit_test_case lifecycle_cases[] = {
	TEST_CASE(test_ethdev_ports_appear_and_disappear),
	TEST_CASE(test_ethdev_invalid_port_ids_give_enodev),
	TEST_CASE(test_ethdev_configure_checks_its_arguments),
	TEST_CASE(test_ethdev_queue_setup_rejects_bad_pools),
	TEST_CASE(test_ethdev_deferred_start_said),
	TEST_CASE(test_ethdev_descriptor_limits_are_applied),
	TEST_CASE(test_ethdev_burst_on_stopped_port_returns_zero),
	TEST_CASE(test_ethdev_port_slots_are_reused),
	TEST_CASES_END()};

const struct unit_test_suite lifecycle_suite = {"ethdev life cycle", nullptr, nullptr,
						lifecycle_cases};

int
test_ethdev(void)
{
	int ret = unit_test_suite_runner(&lifecycle_suite);
	for (const unit_test_suite *s : {&ethdev_ctrl_suite, &ethdev_rxtx_suite}) {
		int r = unit_test_suite_runner(s);
		if (r == TEST_FAILED || ret == TEST_SKIPPED)
			ret = r;
	}
	return ret;
}

} // namespace

REGISTER_FAST_TEST(ethdev_autotest, NOHUGE_OK, ASAN_OK, test_ethdev);
