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
	TEST_ASSERT_EQUAL(st.oerrors, 0ull, "refused packets stay the caller's, not errors");
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
	TEST_ASSERT_EQUAL(
		rte_vdev_init("net_ring_att0", "nodeaction=a_very_long_ring_group_name_x:0:CREATE"),
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

/* ---- who owns what at close ---- */

/* The 16 rings a net_ring vdev looks for under @p group, made by the application. */
struct app_rings {
	struct rte_ring *r[16] = {};
	explicit app_rings(const std::string &group)
	{
		for (unsigned int i = 0; i < 16; i++) {
			std::string name = "ETH_RXTX" + std::to_string(i) + "_" + group;
			r[i] = rte_ring_create(name.c_str(), 64, SOCKET_ID_ANY,
					       RING_F_SP_ENQ | RING_F_SC_DEQ);
		}
	}
	~app_rings()
	{
		for (struct rte_ring *x : r)
			rte_ring_free(x);
	}
	bool ok() const
	{
		for (struct rte_ring *x : r)
			if (x == nullptr)
				return false;
		return true;
	}
};

/*
 * A port over rings the application made (found by nodeaction ATTACH, or
 * by the default names): closing it leaves the rings registered and their
 * contents in place, mbufs included.
 */
int
attach_close_and_check(const char *devname, const char *args, const app_rings &rings,
		       struct rte_mempool *mp)
{
	struct rte_mbuf *pkts[8];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(mp, pkts, 8), "alloc");
	TEST_ASSERT_EQUAL(
		rte_ring_enqueue_bulk(rings.r[0], reinterpret_cast<void **>(pkts), 5, nullptr), 5u,
		"app fills ring 0");
	TEST_ASSERT_EQUAL(
		rte_ring_enqueue_bulk(rings.r[1], reinterpret_cast<void **>(pkts + 5), 3, nullptr),
		3u, "and ring 1");
	{
		vdev v(devname, args);
		TEST_ASSERT(v.ok(), "%s over the application's rings: %d", devname, v.ret);
		TEST_ASSERT_SUCCESS(port_start(v.port, 2, 2, mp), "start");
		struct rte_mbuf *m, *in[4];
		TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(mp, &m, 1), "alloc");
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 1, &m, 1), (uint16_t)1, "tx on q1");
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, in, 1), (uint16_t)1, "rx on q0");
		TEST_ASSERT_EQUAL(in[0], pkts[0], "the application's first mbuf");
		pkts[0] = m; /* ring 1 now holds pkts[5..7] then m */
		rte_pktmbuf_free(in[0]);
		TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
		TEST_ASSERT_SUCCESS(rte_eth_dev_close(v.port), "close");
	}
	for (unsigned int i = 0; i < 16; i++) {
		TEST_ASSERT_EQUAL(rte_ring_lookup(rings.r[i]->name), rings.r[i],
				  "ring %u still registered after the close", i);
	}
	TEST_ASSERT_EQUAL(rte_ring_count(rings.r[0]), 4u, "ring 0 keeps its 4 mbufs");
	TEST_ASSERT_EQUAL(rte_ring_count(rings.r[1]), 4u, "ring 1 keeps its 4 mbufs");
	struct rte_mbuf *back[8];
	TEST_ASSERT_EQUAL(
		rte_ring_dequeue_bulk(rings.r[0], reinterpret_cast<void **>(back), 4, nullptr), 4u,
		"drain ring 0");
	TEST_ASSERT_EQUAL(
		rte_ring_dequeue_bulk(rings.r[1], reinterpret_cast<void **>(back + 4), 4, nullptr),
		4u, "drain ring 1");
	const struct rte_mbuf *want[8] = {pkts[1], pkts[2], pkts[3], pkts[4],
					  pkts[5], pkts[6], pkts[7], pkts[0]};
	for (unsigned int i = 0; i < 8; i++)
		TEST_ASSERT_EQUAL(back[i], want[i], "mbuf %u intact and in order", i);
	free_all(back, 8);
	return TEST_SUCCESS;
}

int
test_ring_close_leaves_the_application_rings(void)
{
	pool p("ring_pmd_app", 256);
	TEST_ASSERT_NOT_NULL(p.mp, "pool");
	unsigned int avail = rte_mempool_avail_count(p.mp);
	{
		app_rings rings("appcable");
		TEST_ASSERT(rings.ok(), "rings");
		TEST_ASSERT_SUCCESS(attach_close_and_check("net_ring_app0",
							   "nodeaction=appcable:0:ATTACH", rings,
							   p.mp),
				    "nodeaction ATTACH");
	}
	{
		/* no argument: the port looks for rings named after itself */
		app_rings rings("net_ring_app1");
		TEST_ASSERT(rings.ok(), "rings");
		TEST_ASSERT_SUCCESS(attach_close_and_check("net_ring_app1", "", rings, p.mp),
				    "default names");
	}
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "every mbuf back");
	return TEST_SUCCESS;
}

/*
 * Rings the driver made go with the last port using them, whichever closes
 * last; the mbufs in them are not the port's and stay untouched (counted in
 * one log line).
 */
int
test_ring_close_frees_own_rings_not_mbufs(void)
{
	pool p("ring_pmd_ownmb", 256);
	TEST_ASSERT_NOT_NULL(p.mp, "pool");
	unsigned int avail = rte_mempool_avail_count(p.mp);
	auto *a = new vdev("net_ring_cre1", "nodeaction=cable8:0:CREATE");
	vdev b("net_ring_att1", "nodeaction=cable8:0:ATTACH");
	TEST_ASSERT(a->ok() && b.ok(), "ports: %d %d", a->ret, b.ret);
	TEST_ASSERT_SUCCESS(port_start(a->port, 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port, 1, 1, p.mp), "start b");
	delete a; /* the creator goes first: b still uses the rings */
	struct rte_ring *r0 = rte_ring_lookup("ETH_RXTX0_cable8");
	TEST_ASSERT_NOT_NULL(r0, "rings stay while b uses them");
	struct rte_mbuf *pkts[8], *in[8];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, pkts, 8), "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(b.port, 0, pkts, 8), (uint16_t)8, "b sends");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(b.port, 0, in, 2), (uint16_t)2, "b gets 2 back");
	free_all(in, 2);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port), "stop b");
	TEST_ASSERT_SUCCESS(rte_eth_dev_close(b.port), "close b");
	TEST_ASSERT_NULL(rte_ring_lookup("ETH_RXTX0_cable8"), "rings gone with the last port");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail - 6,
			  "the 6 mbufs left in the ring were not freed by the port");
	return TEST_SUCCESS;
}

/* Child: mbufs sent into a port's own rings, their pool freed (its memory
 * unmapped), then the port closed. Exits 0 if the close touched nothing. */
int
close_after_pool_free_child(void)
{
	const unsigned int n = 255;
	struct rte_pktmbuf_pool_private priv = {};
	priv.mbuf_data_room_size = RTE_MBUF_DEFAULT_BUF_SIZE;
	struct rte_mempool *mp = rte_mempool_create_empty(
		"ring_pmd_gone", n, sizeof(struct rte_mbuf) + RTE_MBUF_DEFAULT_BUF_SIZE, 0,
		sizeof(priv), SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "pool");
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "ring_mp_mc", nullptr), "ops");
	rte_pktmbuf_pool_init(mp, &priv);
	/* anonymous memory: rte_mempool_free() unmaps it */
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), (int)n, "populate_anon");
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, nullptr);

	uint16_t port;
	TEST_ASSERT_SUCCESS(rte_vdev_init("net_ring_gone", ""), "port");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_ring_gone", &port), "port id");
	TEST_ASSERT_SUCCESS(port_start(port, 2, 2, mp), "start");
	struct rte_mbuf *pkts[8];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(mp, pkts, 8), "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 5), (uint16_t)5, "tx q0");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 1, pkts + 5, 3), (uint16_t)3, "tx q1");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop");
	rte_mempool_free(mp);
	TEST_ASSERT_SUCCESS(rte_eth_dev_close(port), "close");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_ring_gone"), "uninit");
	printf("ring_pmd child: port closed after its pool was freed\n");
	return TEST_SUCCESS;
}

int
test_ring_close_after_the_pool_was_freed(void)
{
	std::string out;
	int rc = run_child({}, "ring_pmd_close_after_pool_free", out);
	TEST_ASSERT_EQUAL(rc, 0, "child exit %d (256 + signal when killed):\n%s", rc, out.c_str());
	TEST_ASSERT(out.find("port closed after its pool was freed") != std::string::npos,
		    "child finished:\n%s", out.c_str());
	TEST_ASSERT_EQUAL(count_lines_with(out, "closed with 8 mbufs in its rings; they are not "
						"freed"),
			  1u, "one line says what stayed:\n%s", out.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case ring_cases[] = {TEST_CASE(test_ring_two_ports_form_a_cable),
					    TEST_CASE(test_ring_from_rings_checks_its_arguments),
					    TEST_CASE(test_ring_from_ring_loops_back),
					    TEST_CASE(test_ring_vdev_makes_its_own_rings),
					    TEST_CASE(test_ring_nodeaction_shares_rings),
					    TEST_CASE(test_ring_close_leaves_the_application_rings),
					    TEST_CASE(test_ring_close_frees_own_rings_not_mbufs),
					    TEST_CASE(test_ring_close_after_the_pool_was_freed),
					    TEST_CASES_END()};

const struct unit_test_suite ring_suite = {"net_ring", nullptr, nullptr, ring_cases};

int
test_ring_pmd(void)
{
	int ret = unit_test_suite_runner(&ring_suite);
	for (const char *group : {"cable9", "cable8"}) {
		if (rte_ring_lookup((std::string("ETH_RXTX0_") + group).c_str()) != nullptr) {
			printf("FAIL: rings of nodeaction=%s outlived both ports\n", group);
			return TEST_FAILED;
		}
	}
	return ret;
}

} // namespace

REGISTER_FAST_TEST(ring_pmd_autotest, NOHUGE_OK, ASAN_OK, test_ring_pmd);
REGISTER_TEST_COMMAND(ring_pmd_close_after_pool_free, close_after_pool_free_child);
