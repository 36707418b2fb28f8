/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_pmd_autotest: net_ring ports over the application's rings
 * (rte_eth_from_rings / rte_eth_from_ring) and over rings the driver makes
 * (--vdev net_ring0, nodeaction CREATE/ATTACH). Packets pass by pointer:
 * what one port sends is the very mbuf another receives.
 */

#include <string.h>

#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

struct ring_guard {
	struct rte_ring *r;
	ring_guard(const char *name, unsigned int n)
	{
		r = rte_ring_create(name, n, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	}
	~ring_guard() { rte_ring_free(r); }
};

int
test_ring_two_ports_form_a_cable(void)
{
	ring_guard ab("ring_pmd_ab", 256), ba("ring_pmd_ba", 256);
	pool p("ring_pmd_cable", 1024);
	TEST_ASSERT(ab.r && ba.r && p.mp, "setup");
	int a = rte_eth_from_rings("net_ring_a", &ba.r, 1, &ab.r, 1, SOCKET_ID_ANY);
	int b = rte_eth_from_rings("net_ring_b", &ab.r, 1, &ba.r, 1, 0);
	TEST_ASSERT(a >= 0 && b >= 0, "ports %d %d", a, b);
	TEST_ASSERT_SUCCESS(port_start((uint16_t)a, 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start((uint16_t)b, 1, 1, p.mp), "start b");

	struct rte_mbuf *out[16], *in[32];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, out, 16), "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)a, 0, out, 16), (uint16_t)16, "a sends");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)a, 0, in, 32), (uint16_t)0, "a hears nothing");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)b, 0, in, 32), (uint16_t)16, "b receives");
	for (int i = 0; i < 16; i++)
		TEST_ASSERT_EQUAL(in[i], out[i], "same mbuf, same order (%d)", i);
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)b, 0, in, 16), (uint16_t)16, "b replies");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)a, 0, in, 32), (uint16_t)16, "a receives");
	free_all(in, 16);

	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get((uint16_t)a, &st), "stats");
	TEST_ASSERT_EQUAL(st.opackets, 16ull, "a out");
	TEST_ASSERT_EQUAL(st.ipackets, 16ull, "a in");
	struct rte_eth_link link;
	TEST_ASSERT_SUCCESS(rte_eth_link_get_nowait((uint16_t)a, &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_UP, "up");
	TEST_ASSERT_EQUAL(rte_eth_dev_socket_id((uint16_t)b), 0, "numa_node argument");

	TEST_ASSERT_EQUAL(rte_eth_from_rings("net_ring_a", &ba.r, 1, &ab.r, 1, 0), -1, "name");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "errno");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop((uint16_t)a), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_ring_a"), "uninit a");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_ring_b"), "uninit b (started)");
	TEST_ASSERT_NOT_NULL(rte_ring_lookup("ring_pmd_ab"), "the application's rings stay");
	return TEST_SUCCESS;
}

int
test_ring_from_rings_checks_its_arguments(void)
{
	ring_guard r("ring_pmd_args", 64);
	TEST_ASSERT_NOT_NULL(r.r, "ring");
	struct rte_ring *many[17], *holes[2] = {r.r, nullptr};
	for (auto &x : many)
		x = r.r;
	struct {
		const char *name;
		struct rte_ring *const *rx;
		unsigned int nrx;
		struct rte_ring *const *tx;
		unsigned int ntx;
	} bad[] = {
		{nullptr, &r.r, 1, &r.r, 1},
		{"net_ring_args0", nullptr, 1, &r.r, 1},
		{"net_ring_args0", &r.r, 1, nullptr, 1},
		{"net_ring_args0", &r.r, 0, &r.r, 1},
		{"net_ring_args0", &r.r, 1, &r.r, 0},
		{"net_ring_args0", many, 17, &r.r, 1},
		{"net_ring_args0", holes, 2, &r.r, 1},
	};
	for (const auto &c : bad) {
		rte_errno = 0;
		TEST_ASSERT_EQUAL(rte_eth_from_rings(c.name, c.rx, c.nrx, c.tx, c.ntx, 0), -1,
				  "rx %u tx %u", c.nrx, c.ntx);
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
	}
	TEST_ASSERT_EQUAL(rte_eth_from_ring(nullptr), -1, "NULL ring");
	/* asymmetric queue counts are the port's limits */
	int port = rte_eth_from_rings("net_ring_args0", many, 2, many, 3, 0);
	TEST_ASSERT(port >= 0, "port");
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get((uint16_t)port, &info), "info");
	TEST_ASSERT_EQUAL(info.max_rx_queues, (uint16_t)2, "rx queues");
	TEST_ASSERT_EQUAL(info.max_tx_queues, (uint16_t)3, "tx queues");
	struct rte_eth_conf conf = {};
	TEST_ASSERT_EQUAL(rte_eth_dev_configure((uint16_t)port, 3, 3, &conf), -EINVAL, "3 rx");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_ring_args0"), "uninit");
	return TEST_SUCCESS;
}

int
test_ring_from_ring_loops_back(void)
{
	ring_guard r("ring_pmd_loop", 8); /* 7 slots */
	pool p("ring_pmd_loop", 256);
	TEST_ASSERT(r.r && p.mp, "setup");
	int port = rte_eth_from_ring(r.r);
	TEST_ASSERT(port >= 0, "port");
	char name[RTE_ETH_NAME_MAX_LEN];
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_name_by_port((uint16_t)port, name), "name");
	TEST_ASSERT_EQUAL(std::string(name), std::string("ring_pmd_loop"), "named after the ring");
	TEST_ASSERT_SUCCESS(port_start((uint16_t)port, 1, 1, p.mp), "start");
	struct rte_mbuf *pkts[10];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, pkts, 10), "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)port, 0, pkts, 10), (uint16_t)7, "ring full");
	free_all(pkts + 7, 3); /* not taken: still ours */
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get((uint16_t)port, &st), "stats");
	TEST_ASSERT_EQUAL(st.oerrors, 3ull, "refused packets counted");
	struct rte_mbuf *in[10];
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)port, 0, in, 10), (uint16_t)7, "back");
	free_all(in, 7);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop((uint16_t)port), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("ring_pmd_loop"), "uninit");
	return TEST_SUCCESS;
}

int
test_ring_vdev_makes_its_own_rings(void)
{
	pool p("ring_pmd_own", 1024);
	TEST_ASSERT_NOT_NULL(p.mp, "pool");
	{
		vdev v("net_ring_own0");
		TEST_ASSERT(v.ok(), "create");
		struct rte_eth_dev_info info;
		TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
		TEST_ASSERT_EQUAL(info.max_rx_queues, (uint16_t)16, "16 queues");
		TEST_ASSERT_NOT_NULL(rte_ring_lookup("ETH_RXTX3_net_ring_own0"), "ring 3 exists");
		TEST_ASSERT_SUCCESS(port_start(v.port, 4, 4, p.mp), "start");
		struct rte_mbuf *pkts[4], *in[8];
		TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, pkts, 4), "alloc");
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 3, pkts, 4), (uint16_t)4, "tx q3");
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 2, in, 8), (uint16_t)0, "not on q2");
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 3, in, 8), (uint16_t)4, "loop on q3");
		free_all(in, 4);
	}
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_ring_lookup("ETH_RXTX3_net_ring_own0"), "rings freed with the port");
	return TEST_SUCCESS;
}

int
test_ring_nodeaction_shares_rings(void)
{
	pool p("ring_pmd_share", 1024);
	TEST_ASSERT_NOT_NULL(p.mp, "pool");
	TEST_ASSERT(rte_vdev_init("net_ring_att0", "nodeaction=cable9:0:ATTACH") < 0,
		    "attach before anyone created the rings");
	TEST_ASSERT_NULL(rte_ring_lookup("ETH_RXTX0_cable9"), "failed attach leaves nothing");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_ring_att0", "nodeaction=cable9:x:CREATE"), -EINVAL,
			  "bad node");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_ring_att0", "nodeaction=cable9:0"), -EINVAL,
			  "no action");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_ring_att0",
					"nodeaction=a_very_long_ring_group_name_x:0:CREATE"),
			  -EINVAL, "ring names too long");

	vdev a("net_ring_cre0", "nodeaction=cable9:0:CREATE");
	TEST_ASSERT(a.ok(), "create: %d", a.ret);
	uint16_t bport;
	{
		vdev b("net_ring_att0", "nodeaction=cable9:0:ATTACH");
		TEST_ASSERT(b.ok(), "attach: %d", b.ret);
		bport = b.port;
		TEST_ASSERT_SUCCESS(port_start(a.port, 1, 1, p.mp), "start a");
		TEST_ASSERT_SUCCESS(port_start(b.port, 1, 1, p.mp), "start b");
		struct rte_mbuf *m, *in[4];
		TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, &m, 1), "alloc");
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(a.port, 0, &m, 1), (uint16_t)1, "a sends");
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(b.port, 0, in, 4), (uint16_t)1, "b gets it");
		TEST_ASSERT_EQUAL(in[0], m, "same mbuf");
		rte_pktmbuf_free(m);
	}
	TEST_ASSERT(!rte_eth_dev_is_valid_port(bport), "b gone");
	TEST_ASSERT_NOT_NULL(rte_ring_lookup("ETH_RXTX0_cable9"), "a still holds the rings");
	return TEST_SUCCESS;
}

const struct unit_test_case ring_cases[] = {
	TEST_CASE(test_ring_two_ports_form_a_cable),
	TEST_CASE(test_ring_from_rings_checks_its_arguments),
	TEST_CASE(test_ring_from_ring_loops_back),
	TEST_CASE(test_ring_vdev_makes_its_own_rings),
	TEST_CASE(test_ring_nodeaction_shares_rings),
	TEST_CASES_END()
};

const struct unit_test_suite ring_suite = {
	"net_ring", nullptr, nullptr, ring_cases
};

int
test_ring_pmd(void)
{
	int ret = unit_test_suite_runner(&ring_suite);
	if (rte_ring_lookup("ETH_RXTX0_cable9") != nullptr) {
		printf("FAIL: rings of nodeaction=cable9 outlived both ports\n");
		return TEST_FAILED;
	}
	return ret;
}

} // namespace

REGISTER_FAST_TEST(ring_pmd_autotest, NOHUGE_OK, ASAN_OK, test_ring_pmd);
