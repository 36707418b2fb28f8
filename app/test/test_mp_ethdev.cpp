/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Ports shared by processes. This process (the primary) makes a net_null
 * port and a net_ring port (rte_eth_from_rings, two loop-back rings),
 * starts them with two queue pairs, and runs secondaries that find the
 * ports by name and poll queue 1: the counters agree on both sides. Also:
 * a secondary's control calls are refused in one line each, a port the
 * primary closes disappears from a secondary (before the close returns),
 * rte_eth_dev_attach_secondary()'s errors, and net_af_packet refused in a
 * secondary.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <string>

#include <rte_bus_vdev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include <ethdev_driver.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char pool_name[] = "mpe_pool";
constexpr char null_name[] = "net_null_mpe0";
constexpr char ring_port_name[] = "net_ring_mpe0";
constexpr char afp_name[] = "net_af_packet_mpe0";
constexpr unsigned pool_size = 4095;
constexpr unsigned rx_bursts = 100;
constexpr unsigned burst = 32;
constexpr unsigned ring_tx = 50;

/* ---- the primary's ports ---- */

struct ports {
	rte_mempool *mp = nullptr;
	rte_ring *rings[2] = {};
	uint16_t null_id = RTE_MAX_ETHPORTS;
	uint16_t ring_id = RTE_MAX_ETHPORTS;
	~ports();
	int make();
};

int
start_port(uint16_t id, rte_mempool *mp)
{
	struct rte_eth_conf conf = {};
	int ret = rte_eth_dev_configure(id, 2, 2, &conf);
	for (uint16_t q = 0; ret == 0 && q < 2; q++) {
		ret = rte_eth_rx_queue_setup(id, q, 256, SOCKET_ID_ANY, nullptr, mp);
		if (ret == 0)
			ret = rte_eth_tx_queue_setup(id, q, 256, SOCKET_ID_ANY, nullptr);
	}
	return ret == 0 ? rte_eth_dev_start(id) : ret;
}

int
ports::make()
{
	mp = rte_pktmbuf_pool_create(pool_name, pool_size, 32, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     SOCKET_ID_ANY);
	for (int i = 0; i < 2; i++) {
		std::string n = "mpe_ring" + std::to_string(i);
		rings[i] = rte_ring_create(n.c_str(), 1024, SOCKET_ID_ANY,
					   RING_F_SP_ENQ | RING_F_SC_DEQ);
	}
	if (mp == nullptr || rings[0] == nullptr || rings[1] == nullptr)
		return -ENOMEM;
	if (rte_vdev_init(null_name, "") != 0 || rte_eth_dev_get_port_by_name(null_name, &null_id))
		return -ENODEV;
	int r = rte_eth_from_rings(ring_port_name, rings, 2, rings, 2, SOCKET_ID_ANY);
	if (r < 0)
		return -ENODEV;
	ring_id = (uint16_t)r;
	int ret = start_port(null_id, mp);
	return ret == 0 ? start_port(ring_id, mp) : ret;
}

ports::~ports()
{
	for (uint16_t id : {null_id, ring_id}) {
		if (!rte_eth_dev_is_valid_port(id))
			continue;
		rte_eth_dev_stop(id);
		rte_eth_dev_close(id);
	}
	rte_vdev_uninit(null_name); /* the device of the closed port */
	rte_vdev_uninit(ring_port_name);
	for (rte_ring *r : rings)
		rte_ring_free(r);
	if (mp != nullptr)
		rte_mempool_cache_flush(rte_mempool_default_cache(mp, rte_lcore_id()), mp);
	rte_mempool_free(mp);
}

std::string
child_lcore(unsigned id)
{
	return "--lcores=" + std::to_string(id) + "@" +
	       std::to_string(rte_lcore_to_cpu_id((int)rte_get_main_lcore()));
}

std::vector<std::string>
secondary(const std::string &dir, unsigned lcore, const char *cmd)
{
	return {"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir), child_lcore(lcore),
		cmd};
}

uint64_t
number_after(const std::string &out, const std::string &key)
{
	size_t at = out.find(key);
	return at == std::string::npos ? UINT64_MAX
				       : strtoull(out.c_str() + at + key.size(), nullptr, 10);
}

/* ---- a secondary polls the primary's ports ---- */

int
child_poll(void)
{
	uint16_t null_id, ring_id;
	rte_mempool *mp = rte_mempool_lookup(pool_name);
	if (rte_eth_dev_get_port_by_name(null_name, &null_id) != 0 ||
	    rte_eth_dev_get_port_by_name(ring_port_name, &ring_id) != 0 || mp == nullptr) {
		printf("secondary: ports or pool not found\n");
		return TEST_FAILED;
	}
	struct rte_eth_dev_info info;
	struct rte_eth_link link;
	if (rte_eth_dev_info_get(null_id, &info) != 0 || rte_eth_link_get_nowait(null_id, &link))
		return TEST_FAILED;
	printf("secondary: %u ports, %s has driver %s, %u rx queues, link %s\n",
	       rte_eth_dev_count_avail(), null_name, info.driver_name, info.nb_rx_queues,
	       link.link_status ? "up" : "down");
	struct rte_mbuf *pkts[burst];
	uint64_t rx = 0;
	for (unsigned i = 0; i < rx_bursts; i++) {
		uint16_t n = rte_eth_rx_burst(null_id, 1, pkts, burst);
		rte_pktmbuf_free_bulk(pkts, n);
		rx += n;
	}
	uint64_t tx = 0;
	for (unsigned left = ring_tx; left > 0;) {
		unsigned n = RTE_MIN(left, burst);
		if (rte_pktmbuf_alloc_bulk(mp, pkts, n) != 0)
			return TEST_FAILED;
		uint16_t sent = rte_eth_tx_burst(ring_id, 1, pkts, (uint16_t)n);
		rte_pktmbuf_free_bulk(pkts + sent, n - sent);
		tx += sent;
		left -= n;
	}
	struct rte_eth_stats ns, rs;
	if (rte_eth_stats_get(null_id, &ns) != 0 || rte_eth_stats_get(ring_id, &rs) != 0)
		return TEST_FAILED;
	printf("secondary: null rx %" PRIu64 " ipackets %" PRIu64 " q1 %" PRIu64 "\n", rx,
	       ns.ipackets, ns.q_ipackets[1]);
	printf("secondary: ring tx %" PRIu64 " opackets %" PRIu64 "\n", tx, rs.opackets);
	rte_mempool_cache_flush(rte_mempool_default_cache(mp, rte_lcore_id()), mp);
	bool ok = rx == (uint64_t)rx_bursts * burst && ns.ipackets == rx &&
		  ns.q_ipackets[1] == rx && tx == ring_tx && rs.opackets == tx;
	return ok ? TEST_SUCCESS : TEST_FAILED;
}

int
mp_ethdev_secondary_polls_shared_port(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	ports p;
	TEST_ASSERT_SUCCESS(p.make(), "primary ports: %s", rte_strerror(rte_errno));
	std::string out;
	int rc = mp_run(secondary(dir, 44, "mp_child_eth_poll"), out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "secondary failed");
	TEST_ASSERT(out.find("2 ports, net_null_mpe0 has driver net_null, 2 rx queues, link up") !=
			    std::string::npos,
		    "secondary's view of the ports");
	uint64_t child_rx = number_after(out, "null rx ");
	struct rte_eth_stats ns, rs;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(p.null_id, &ns), "null stats");
	printf("primary: null ipackets %" PRIu64 " q1 %" PRIu64 "\n", ns.ipackets,
	       ns.q_ipackets[1]);
	TEST_ASSERT_EQUAL(child_rx, (uint64_t)rx_bursts * burst, "secondary received");
	TEST_ASSERT_EQUAL(ns.ipackets, child_rx, "primary sees the secondary's rx");
	TEST_ASSERT_EQUAL(ns.q_ipackets[1], child_rx, "on queue 1");
	/* the loop-back ring of queue 1 holds what the secondary sent */
	struct rte_mbuf *pkts[64];
	uint16_t got = rte_eth_rx_burst(p.ring_id, 1, pkts, 64);
	for (uint16_t i = 0; i < got; i++)
		mp_take_over(p.mp, pkts[i]); /* the secondary took them from the pool */
	rte_pktmbuf_free_bulk(pkts, got);
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(p.ring_id, &rs), "ring stats");
	printf("primary: ring rx %u, opackets %" PRIu64 " ipackets %" PRIu64 "\n", got, rs.opackets,
	       rs.ipackets);
	TEST_ASSERT_EQUAL(got, (uint16_t)ring_tx, "packets through the ring");
	TEST_ASSERT_EQUAL(rs.opackets, (uint64_t)ring_tx, "primary sees the secondary's tx");
	TEST_ASSERT_EQUAL(rs.ipackets, (uint64_t)ring_tx, "and its own rx");
	rte_mempool_cache_flush(rte_mempool_default_cache(p.mp, rte_lcore_id()), p.mp);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), pool_size, "every mbuf back");
	return TEST_SUCCESS;
}

/* ---- control calls from a secondary ---- */

int
child_control(void)
{
	uint16_t id;
	if (rte_eth_dev_get_port_by_name(null_name, &id) != 0)
		return TEST_FAILED;
	struct rte_eth_conf conf = {};
	rte_mempool *mp = rte_mempool_lookup(pool_name);
	int r[6] = {rte_eth_dev_configure(id, 1, 1, &conf),
		    rte_eth_rx_queue_setup(id, 0, 256, SOCKET_ID_ANY, nullptr, mp),
		    rte_eth_dev_stop(id),
		    rte_eth_dev_start(id),
		    rte_eth_promiscuous_enable(id),
		    rte_eth_dev_set_mtu(id, 1000)};
	int refused = 0;
	for (int v : r)
		refused += v == -E_RTE_SECONDARY;
	/* close forgets this process's view only */
	int closed = rte_eth_dev_close(id);
	printf("secondary: %d of 6 refused, close %d, valid after close %d\n", refused, closed,
	       rte_eth_dev_is_valid_port(id));
	return refused == 6 && closed == 0 && !rte_eth_dev_is_valid_port(id) ? TEST_SUCCESS
									     : TEST_FAILED;
}

int
mp_ethdev_secondary_control_refused(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	ports p;
	TEST_ASSERT_SUCCESS(p.make(), "primary ports: %s", rte_strerror(rte_errno));
	std::string out;
	int rc = mp_run(secondary(dir, 45, "mp_child_eth_control"), out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "secondary failed");
	TEST_ASSERT_EQUAL(mp_count(out, "not allowed in a secondary process"), 6u,
			  "one line per refused call");
	struct rte_eth_link link;
	TEST_ASSERT(rte_eth_dev_is_valid_port(p.null_id), "the secondary's close closed it here");
	TEST_ASSERT_SUCCESS(rte_eth_link_get_nowait(p.null_id, &link), "link");
	TEST_ASSERT_EQUAL(link.link_status, RTE_ETH_LINK_UP, "port still started");
	return TEST_SUCCESS;
}

/* ---- the primary closes a port ---- */

int
on_destroy(uint16_t port_id, enum rte_eth_event_type, void *, void *)
{
	printf("secondary: destroy event port %u\n", port_id);
	fflush(stdout);
	return 0;
}

int
child_gone(void)
{
	uint16_t id;
	if (rte_eth_dev_get_port_by_name(null_name, &id) != 0)
		return TEST_FAILED;
	rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_DESTROY, on_destroy, nullptr);
	printf("secondary: attached port %u\n", id);
	fflush(stdout);
	bool gone = mp_wait_for([id] { return !rte_eth_dev_is_valid_port(id); }, 10000);
	uint16_t again;
	int by_name = rte_eth_dev_get_port_by_name(null_name, &again);
	printf("secondary: port %s, by name %d, %u ports\n", gone ? "gone" : "still here", by_name,
	       rte_eth_dev_count_avail());
	return gone && by_name == -ENODEV ? TEST_SUCCESS : TEST_FAILED;
}

int
mp_ethdev_closed_port_disappears(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	ports p;
	TEST_ASSERT_SUCCESS(p.make(), "primary ports: %s", rte_strerror(rte_errno));
	mp_child c;
	TEST_ASSERT_SUCCESS(c.start(secondary(dir, 46, "mp_child_eth_gone")), "spawn");
	bool attached = c.wait_output("attached port", 10000);
	uint16_t id = p.null_id;
	int stop = rte_eth_dev_stop(id), close = rte_eth_dev_close(id);
	/* the secondary dropped the port while the close waited for it */
	std::string at_close = c.output();
	int rc = c.wait(10000);
	printf("%s", c.output().c_str());
	TEST_ASSERT(attached, "the secondary never attached");
	TEST_ASSERT(stop == 0 && close == 0, "stop %d close %d", stop, close);
	char want[64];
	snprintf(want, sizeof(want), "destroy event port %u", id);
	TEST_ASSERT(at_close.find(want) != std::string::npos, "no '%s' before close returned",
		    want);
	TEST_ASSERT_EQUAL(rc, 0, "secondary still saw the port");
	return TEST_SUCCESS;
}

/* ---- attach errors ---- */

int
child_attach_errors(void)
{
	struct rte_eth_dev *none = rte_eth_dev_attach_secondary("net_null_no_such");
	struct rte_eth_dev *twice = rte_eth_dev_attach_secondary(null_name);
	struct rte_eth_dev *null_name_dev = rte_eth_dev_attach_secondary(nullptr);
	printf("secondary: unknown %p, twice %p, NULL %p\n", (void *)none, (void *)twice,
	       (void *)null_name_dev);
	return none == nullptr && twice == nullptr && null_name_dev == nullptr ? TEST_SUCCESS
									       : TEST_FAILED;
}

int
mp_ethdev_attach_errors(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	ports p;
	TEST_ASSERT_SUCCESS(p.make(), "primary ports: %s", rte_strerror(rte_errno));
	std::string out;
	int rc = mp_run(secondary(dir, 47, "mp_child_eth_attach_errors"), out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "secondary failed");
	TEST_ASSERT(out.find("the primary process has no port of that name") != std::string::npos,
		    "unknown name line");
	TEST_ASSERT(out.find("already attached as port") != std::string::npos, "twice line");
	TEST_ASSERT(out.find("port name is NULL or empty") != std::string::npos, "NULL line");
	return TEST_SUCCESS;
}

/* ---- net_af_packet stays the primary's ---- */

int
child_afp(void)
{
	uint16_t id;
	int afp = rte_eth_dev_get_port_by_name(afp_name, &id);
	int null = rte_eth_dev_get_port_by_name(null_name, &id);
	printf("secondary: af_packet %d, null %d, %u ports\n", afp, null,
	       rte_eth_dev_count_avail());
	return afp == -ENODEV && null == 0 && rte_eth_dev_count_avail() == 2 ? TEST_SUCCESS
									     : TEST_FAILED;
}

int
mp_ethdev_af_packet_primary_only(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (rte_vdev_init(afp_name, "iface=lo") != 0)
		TEST_SKIP("net_af_packet on lo: needs CAP_NET_RAW");
	ports p;
	int made = p.make();
	std::string out;
	int rc = made == 0 ? mp_run(secondary(dir, 48, "mp_child_eth_afp"), out) : -1;
	printf("%s", out.c_str());
	uint16_t id;
	if (rte_eth_dev_get_port_by_name(afp_name, &id) == 0)
		rte_eth_dev_close(id);
	rte_vdev_uninit(afp_name);
	TEST_ASSERT_SUCCESS(made, "primary ports");
	TEST_ASSERT_EQUAL(rc, 0, "secondary failed");
	TEST_ASSERT_EQUAL(mp_count(out, "not available in a secondary process"), 1u,
			  "one line for the refused port");
	return TEST_SUCCESS;
}

// clang-format off
const struct unit_test_case ethdev_cases[] = {
	TEST_CASE(mp_ethdev_secondary_polls_shared_port),
	TEST_CASE(mp_ethdev_secondary_control_refused),
	TEST_CASE(mp_ethdev_closed_port_disappears),
	TEST_CASE(mp_ethdev_attach_errors),
	TEST_CASE(mp_ethdev_af_packet_primary_only),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite ethdev_suite = {"multi-process: shared ports", nullptr, nullptr,
					     ethdev_cases};

int
test_mp_ethdev(void)
{
	return unit_test_suite_runner(&ethdev_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_ethdev_autotest, NOHUGE_OK, ASAN_OK, test_mp_ethdev);
REGISTER_TEST_COMMAND(mp_child_eth_poll, child_poll);
REGISTER_TEST_COMMAND(mp_child_eth_control, child_control);
REGISTER_TEST_COMMAND(mp_child_eth_gone, child_gone);
REGISTER_TEST_COMMAND(mp_child_eth_attach_errors, child_attach_errors);
REGISTER_TEST_COMMAND(mp_child_eth_afp, child_afp);
