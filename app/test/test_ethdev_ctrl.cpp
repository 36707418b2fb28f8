/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Part of ethdev_autotest: per-port settings and observations — link and
 * its events, statistics and extended statistics, MAC table, MTU,
 * receive modes, RSS, packet types, and the MAC address text helpers.
 */

#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf_ptype.h>

#include <ethdev_driver.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

struct event_log {
	unsigned int lsc = 0, created = 0, destroyed = 0;
	uint16_t last_port = UINT16_MAX;
};

int
on_event(uint16_t port, enum rte_eth_event_type event, void *arg, void *)
{
	auto *log = static_cast<event_log *>(arg);
	log->last_port = port;
	if (event == RTE_ETH_EVENT_INTR_LSC)
		log->lsc++;
	else if (event == RTE_ETH_EVENT_NEW)
		log->created++;
	else if (event == RTE_ETH_EVENT_DESTROY)
		log->destroyed++;
	return 0;
}

int
test_ethdev_link_state_and_text(void)
{
	vdev v("net_null_link0");
	pool p("ethdev_link", 1024);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	struct rte_eth_link link;
	TEST_ASSERT_SUCCESS(rte_eth_link_get_nowait(v.port, &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_DOWN, "down before start");
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	TEST_ASSERT_SUCCESS(rte_eth_link_get(v.port, &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_UP, "up after start");
	TEST_ASSERT_EQUAL(link.link_speed, (uint32_t)RTE_ETH_SPEED_NUM_10G, "speed");

	char text[RTE_ETH_LINK_MAX_STR_LEN];
	int n = rte_eth_link_to_str(text, sizeof(text), &link);
	TEST_ASSERT_EQUAL(std::string(text), std::string("Link up at 10 Gbps FDX Fixed"), "text");
	TEST_ASSERT_EQUAL(n, (int)strlen(text), "length returned");
	TEST_ASSERT_EQUAL(rte_eth_link_to_str(nullptr, 10, &link), -EINVAL, "NULL buffer");
	TEST_ASSERT_EQUAL(rte_eth_link_to_str(text, 0, &link), -EINVAL, "zero length");
	TEST_ASSERT_EQUAL(rte_eth_link_to_str(text, sizeof(text), nullptr), -EINVAL, "NULL link");
	TEST_ASSERT_EQUAL(rte_eth_link_get(v.port, nullptr), -EINVAL, "NULL link get");

	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_down(v.port), "link down");
	TEST_ASSERT_SUCCESS(rte_eth_link_get_nowait(v.port, &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_DOWN, "down");
	rte_eth_link_to_str(text, sizeof(text), &link);
	TEST_ASSERT_EQUAL(std::string(text), std::string("Link down"), "down text");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_up(v.port), "link up");

	/* a driver's rte_eth_linkstatus_set tells a change by the fields:
	 * padding bits the caller left set are not a change */
	struct rte_eth_dev *dev = &rte_eth_devices[v.port];
	struct rte_eth_link cur, same;
	rte_eth_linkstatus_get(dev, &cur);
	uint64_t bits;
	memcpy(&bits, &cur, sizeof(bits));
	bits |= ~(uint64_t)0 << 48; /* the bytes after the bit-fields */
	memcpy(&same, &bits, sizeof(same));
	TEST_ASSERT_EQUAL(rte_eth_linkstatus_set(dev, &same), 0, "same fields: unchanged");
	same.link_status = !cur.link_status;
	TEST_ASSERT_EQUAL(rte_eth_linkstatus_set(dev, &same), -1, "status flipped: changed");
	TEST_ASSERT_EQUAL(rte_eth_linkstatus_set(dev, &cur), -1, "restored: changed");

	TEST_ASSERT_EQUAL(std::string(rte_eth_link_speed_to_str(RTE_ETH_SPEED_NUM_2_5G)),
			  std::string("2.5 Gbps"), "2.5G");
	TEST_ASSERT_EQUAL(std::string(rte_eth_link_speed_to_str(RTE_ETH_SPEED_NUM_100G)),
			  std::string("100 Gbps"), "100G");
	TEST_ASSERT_EQUAL(std::string(rte_eth_link_speed_to_str(12345)), std::string("Invalid"),
			  "unknown speed");
	TEST_ASSERT_EQUAL(rte_eth_speed_bitflag(RTE_ETH_SPEED_NUM_10M, RTE_ETH_LINK_HALF_DUPLEX),
			  RTE_ETH_LINK_SPEED_10M_HD, "10M half");
	TEST_ASSERT_EQUAL(rte_eth_speed_bitflag(RTE_ETH_SPEED_NUM_25G, RTE_ETH_LINK_FULL_DUPLEX),
			  RTE_ETH_LINK_SPEED_25G, "25G");
	TEST_ASSERT_EQUAL(std::string(rte_eth_dev_rx_offload_name(RTE_ETH_RX_OFFLOAD_VLAN_STRIP)),
			  std::string("VLAN_STRIP"), "offload name");
	TEST_ASSERT_EQUAL(std::string(rte_eth_dev_tx_offload_name(RTE_BIT64(63))),
			  std::string("UNKNOWN"), "unknown offload");
	uint64_t clock;
	TEST_ASSERT_EQUAL(rte_eth_read_clock(v.port, &clock), -ENOTSUP, "no device clock");
	TEST_ASSERT_EQUAL(rte_eth_read_clock(v.port, nullptr), -EINVAL, "NULL clock");
	TEST_ASSERT_EQUAL(rte_eth_read_clock(RTE_MAX_ETHPORTS, &clock), -ENODEV, "bad port");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_ethdev_events_reach_callbacks(void)
{
	event_log all, mine;
	TEST_ASSERT_EQUAL(
		rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_MAX, on_event, &all),
		-EINVAL, "bad event");
	TEST_ASSERT_EQUAL(
		rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_NEW, nullptr, &all),
		-EINVAL, "NULL function");
	TEST_ASSERT_EQUAL(rte_eth_dev_callback_register(RTE_MAX_ETHPORTS + 1, RTE_ETH_EVENT_NEW,
							on_event, &all),
			  -EINVAL, "bad port");
	TEST_ASSERT_SUCCESS(
		rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_NEW, on_event, &all),
		"new");
	TEST_ASSERT_SUCCESS(
		rte_eth_dev_callback_register(RTE_ETH_ALL, RTE_ETH_EVENT_DESTROY, on_event, &all),
		"destroy");
	pool p("ethdev_events", 1024);
	uint16_t port;
	{
		vdev v("net_null_ev0");
		TEST_ASSERT(v.ok() && p.mp, "setup");
		port = v.port;
		TEST_ASSERT_EQUAL(all.created, 1u, "NEW seen");
		TEST_ASSERT_EQUAL(all.last_port, v.port, "for this port");

		/* LSC only when asked for at configure time */
		TEST_ASSERT_SUCCESS(rte_eth_dev_callback_register(v.port, RTE_ETH_EVENT_INTR_LSC,
								  on_event, &mine),
				    "lsc");
		struct rte_eth_conf conf = {};
		conf.intr_conf.lsc = 1;
		TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp, &conf), "start with lsc");
		unsigned int after_start = mine.lsc;
		TEST_ASSERT(after_start >= 1, "start raised the link: %u", after_start);
		TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_down(v.port), "down");
		TEST_ASSERT_EQUAL(mine.lsc, after_start + 1, "LSC on link down");
		TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_down(v.port), "down again");
		TEST_ASSERT_EQUAL(mine.lsc, after_start + 1, "no event without a change");
		struct rte_eth_link link;
		TEST_ASSERT_SUCCESS(rte_eth_link_get_nowait(v.port, &link), "link");
		TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_DOWN, "down seen by get");
		TEST_ASSERT_SUCCESS(rte_eth_dev_callback_unregister(v.port, RTE_ETH_EVENT_INTR_LSC,
								    on_event, (void *)-1),
				    "unregister any argument");
		TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_up(v.port), "up");
		TEST_ASSERT_EQUAL(mine.lsc, after_start + 1, "no call after unregister");
		TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	}
	TEST_ASSERT_EQUAL(all.destroyed, 1u, "DESTROY seen");
	TEST_ASSERT_EQUAL(all.last_port, port, "for this port");
	TEST_ASSERT_SUCCESS(
		rte_eth_dev_callback_unregister(RTE_ETH_ALL, RTE_ETH_EVENT_NEW, on_event, &all),
		"unregister");
	TEST_ASSERT_SUCCESS(
		rte_eth_dev_callback_unregister(RTE_ETH_ALL, RTE_ETH_EVENT_DESTROY, on_event, &all),
		"unregister");
	{
		vdev v("net_null_ev1");
		TEST_ASSERT(v.ok(), "create");
		TEST_ASSERT_EQUAL(all.created, 1u, "no NEW after unregister");
	}

	/* LSC asked for on a port that cannot report it */
	vdev r("net_ring_ev0");
	TEST_ASSERT(r.ok(), "ring port");
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(r.port, &info), "info");
	TEST_ASSERT(*info.dev_flags & RTE_ETH_DEV_INTR_LSC, "ring reports link changes");
	return TEST_SUCCESS;
}

int
test_ethdev_stats_and_xstats_count_bursts(void)
{
	vdev v("net_null_stats0", "size=100");
	pool p("ethdev_stats", 2048);
	TEST_ASSERT(v.ok() && p.mp, "setup");
	TEST_ASSERT_SUCCESS(port_start(v.port, 2, 2, p.mp), "start");
	struct rte_mbuf *pkts[32];
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 32), (uint16_t)32, "rx q0");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 1, pkts, 32), (uint16_t)32, "tx q1");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 1, pkts, 10), (uint16_t)10, "rx q1");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, pkts, 10), (uint16_t)10, "tx q0");

	struct rte_eth_stats st;
	TEST_ASSERT_EQUAL(rte_eth_stats_get(v.port, nullptr), -EINVAL, "NULL stats");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.ipackets, 42ull, "ipackets");
	TEST_ASSERT_EQUAL(st.opackets, 42ull, "opackets");
	TEST_ASSERT_EQUAL(st.ibytes, 4200ull, "ibytes");
	TEST_ASSERT_EQUAL(st.obytes, 4200ull, "obytes");
	TEST_ASSERT_EQUAL(st.q_ipackets[0], 32ull, "q0 in");
	TEST_ASSERT_EQUAL(st.q_ipackets[1], 10ull, "q1 in");
	TEST_ASSERT_EQUAL(st.q_opackets[1], 32ull, "q1 out");

	int n = rte_eth_xstats_get_names(v.port, nullptr, 0);
	TEST_ASSERT(n >= 8 + 2 * 3 + 2 * 2, "generic + per-queue names: %d", n);
	std::vector<rte_eth_xstat_name> names(n);
	std::vector<rte_eth_xstat> values(n);
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_names(v.port, names.data(), 3), n, "too small");
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_names(v.port, names.data(), n), n, "names");
	TEST_ASSERT_EQUAL(rte_eth_xstats_get(v.port, values.data(), 2), n, "values too small");
	TEST_ASSERT_EQUAL(rte_eth_xstats_get(v.port, values.data(), n), n, "values");
	TEST_ASSERT_EQUAL(std::string(names[0].name), std::string("rx_good_packets"), "first");
	uint64_t id;
	TEST_ASSERT_SUCCESS(rte_eth_xstats_get_id_by_name(v.port, "tx_q1_packets", &id), "id");
	TEST_ASSERT_EQUAL(values[id].value, 32ull, "tx_q1_packets");
	TEST_ASSERT_EQUAL(values[id].id, id, "ids are indexes");
	TEST_ASSERT_SUCCESS(rte_eth_xstats_get_id_by_name(v.port, "rx_good_bytes", &id), "id");
	uint64_t value;
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_by_id(v.port, &id, &value, 1), 1, "by id");
	TEST_ASSERT_EQUAL(value, 4200ull, "rx_good_bytes");
	struct rte_eth_xstat_name one;
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_names_by_id(v.port, &one, 1, &id), 1, "name by id");
	TEST_ASSERT_EQUAL(std::string(one.name), std::string("rx_good_bytes"), "name by id");
	uint64_t bad = (uint64_t)n;
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_by_id(v.port, &bad, &value, 1), -EINVAL, "bad id");
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_id_by_name(v.port, "no_such_stat", &id), -EINVAL,
			  "unknown name");

	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(v.port), "reset");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.ipackets + st.opackets + st.q_ipackets[0], 0ull, "zero after reset");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 5), (uint16_t)5, "rx");
	rte_pktmbuf_free_bulk(pkts, 5);
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.ipackets, 5ull, "counting resumes from zero");
	TEST_ASSERT_SUCCESS(rte_eth_xstats_reset(v.port), "xstats reset");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.ipackets, 0ull, "xstats reset zeroes basic stats");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	return TEST_SUCCESS;
}

int
test_ethdev_mac_table(void)
{
	vdev v("net_null_mac0");
	TEST_ASSERT(v.ok(), "create");
	struct rte_ether_addr primary, a, zero = {};
	TEST_ASSERT_SUCCESS(rte_eth_macaddr_get(v.port, &primary), "get");
	TEST_ASSERT(rte_is_valid_assigned_ether_addr(&primary), "random unicast primary");
	TEST_ASSERT(rte_is_local_admin_ether_addr(&primary), "locally administered");
	TEST_ASSERT_EQUAL(rte_eth_macaddr_get(v.port, nullptr), -EINVAL, "NULL");

	TEST_ASSERT_SUCCESS(rte_ether_unformat_addr("02:00:00:00:00:01", &a), "parse");
	TEST_ASSERT_SUCCESS(rte_eth_dev_mac_addr_add(v.port, &a, 0), "add");
	TEST_ASSERT_SUCCESS(rte_eth_dev_mac_addr_add(v.port, &a, 0), "add twice");
	TEST_ASSERT_EQUAL(rte_eth_dev_mac_addr_add(v.port, &zero, 0), -EINVAL, "zero address");
	TEST_ASSERT_EQUAL(rte_eth_dev_mac_addr_add(v.port, nullptr, 0), -EINVAL, "NULL");
	TEST_ASSERT_EQUAL(rte_eth_dev_mac_addr_add(v.port, &a, 64), -EINVAL, "pool 64");
	struct rte_ether_addr all[16];
	TEST_ASSERT_EQUAL(rte_eth_macaddrs_get(v.port, all, 16), 16, "table");
	TEST_ASSERT(rte_is_same_ether_addr(&all[0], &primary), "primary first");
	TEST_ASSERT(rte_is_same_ether_addr(&all[1], &a), "secondary next");

	/* fill the 16-entry table */
	for (uint8_t i = 2; i < 16; i++) {
		struct rte_ether_addr x = a;
		x.addr_bytes[5] = i;
		TEST_ASSERT_SUCCESS(rte_eth_dev_mac_addr_add(v.port, &x, 0), "add %u", i);
	}
	struct rte_ether_addr extra = a;
	extra.addr_bytes[4] = 0x77;
	TEST_ASSERT_EQUAL(rte_eth_dev_mac_addr_add(v.port, &extra, 0), -ENOSPC, "table full");
	TEST_ASSERT_SUCCESS(rte_eth_dev_mac_addr_remove(v.port, &a), "remove");
	TEST_ASSERT_SUCCESS(rte_eth_dev_mac_addr_remove(v.port, &a), "remove absent");
	TEST_ASSERT_SUCCESS(rte_eth_dev_mac_addr_add(v.port, &extra, 0), "room again");
	TEST_ASSERT_EQUAL(rte_eth_dev_mac_addr_remove(v.port, &primary), -EADDRINUSE, "primary");

	struct rte_ether_addr mcast = a;
	mcast.addr_bytes[0] = 0x01;
	TEST_ASSERT_EQUAL(rte_eth_dev_default_mac_addr_set(v.port, &mcast), -EINVAL, "multicast");
	TEST_ASSERT_EQUAL(rte_eth_dev_default_mac_addr_set(v.port, &extra), -EEXIST, "secondary");
	struct rte_ether_addr fresh = a;
	fresh.addr_bytes[3] = 0x55;
	TEST_ASSERT_SUCCESS(rte_eth_dev_default_mac_addr_set(v.port, &fresh), "set primary");
	TEST_ASSERT_SUCCESS(rte_eth_macaddr_get(v.port, &primary), "get");
	TEST_ASSERT(rte_is_same_ether_addr(&primary, &fresh), "new primary");

	/* text forms */
	char buf[RTE_ETHER_ADDR_FMT_SIZE];
	rte_ether_format_addr(buf, sizeof(buf), &fresh);
	TEST_ASSERT_EQUAL(std::string(buf), std::string("02:00:00:55:00:01"), "format");
	struct rte_ether_addr parsed;
	TEST_ASSERT_SUCCESS(rte_ether_unformat_addr("0200:0055:0001", &parsed), "word form");
	TEST_ASSERT(rte_is_same_ether_addr(&parsed, &fresh), "word form value");
	TEST_ASSERT_SUCCESS(rte_ether_unformat_addr("2-0-0-55-0-1", &parsed), "dash form");
	TEST_ASSERT(rte_is_same_ether_addr(&parsed, &fresh), "dash form value");
	for (const char *bad : {"", "02:00:00:00:00", "02:00:00:00:00:01:", "02:00:00:00:00:0g",
				"020:00:00:00:00:01", "02:00:00:00:00:01 "}) {
		rte_errno = 0;
		TEST_ASSERT_EQUAL(rte_ether_unformat_addr(bad, &parsed), -1, "'%s'", bad);
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno for '%s'", bad);
	}
	struct rte_ether_addr bcast;
	memset(&bcast, 0xff, sizeof(bcast));
	TEST_ASSERT(rte_is_broadcast_ether_addr(&bcast) && rte_is_multicast_ether_addr(&bcast),
		    "broadcast");
	TEST_ASSERT(rte_is_zero_ether_addr(&zero) && !rte_is_valid_assigned_ether_addr(&zero),
		    "zero");

	/* ring ports take secondary addresses; af_packet would not */
	vdev r("net_ring_mac0");
	TEST_ASSERT(r.ok(), "ring");
	TEST_ASSERT_SUCCESS(rte_eth_dev_mac_addr_add(r.port, &a, 0), "ring add");
	return TEST_SUCCESS;
}

int
test_ethdev_mtu_and_receive_modes(void)
{
	vdev v("net_null_mtu0");
	TEST_ASSERT(v.ok(), "create");
	uint16_t mtu;
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_mtu(v.port, 9000), "set");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_mtu(v.port, &mtu), "get");
	TEST_ASSERT_EQUAL(mtu, (uint16_t)9000, "value");
	TEST_ASSERT_EQUAL(rte_eth_dev_set_mtu(v.port, 10), -EINVAL, "below min_mtu");
	TEST_ASSERT_EQUAL(rte_eth_dev_get_mtu(v.port, nullptr), -EINVAL, "NULL");

	TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(v.port), 0, "off at start");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_enable(v.port), "on");
	TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(v.port), 1, "on");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_enable(v.port), "on twice");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_disable(v.port), "off");
	TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(v.port), 0, "off");
	TEST_ASSERT_SUCCESS(rte_eth_allmulticast_enable(v.port), "allmulti on");
	TEST_ASSERT_EQUAL(rte_eth_allmulticast_get(v.port), 1, "allmulti on");
	TEST_ASSERT_SUCCESS(rte_eth_allmulticast_disable(v.port), "allmulti off");
	TEST_ASSERT_EQUAL(rte_eth_allmulticast_get(v.port), 0, "allmulti off");
	return TEST_SUCCESS;
}

int
test_ethdev_rss_where_supported(void)
{
	vdev n("net_null_rss0"), r("net_ring_rss0");
	pool p("ethdev_rss", 1024);
	TEST_ASSERT(n.ok() && r.ok() && p.mp, "setup");
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(n.port, &info), "info");
	TEST_ASSERT_EQUAL(info.reta_size, (uint16_t)RTE_ETH_RSS_RETA_SIZE_128, "null reta size");
	std::vector<rte_eth_rss_reta_entry64> reta(info.reta_size / RTE_ETH_RETA_GROUP_SIZE);

	struct rte_eth_conf conf = {};
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(n.port, 4, 1, &conf), "no RSS");
	for (auto &g : reta)
		g.mask = ~0ull;
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_reta_update(n.port, reta.data(), info.reta_size),
			  -ENOTSUP, "RSS not enabled");
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP;
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(n.port, 4, 1, &conf), "RSS");
	for (uint16_t i = 0; i < info.reta_size; i++)
		reta[i / 64].reta[i % 64] = i % 4;
	TEST_ASSERT_SUCCESS(rte_eth_dev_rss_reta_update(n.port, reta.data(), info.reta_size),
			    "update");
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_reta_update(n.port, reta.data(), 64), -EINVAL,
			  "wrong size");
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_reta_update(n.port, nullptr, info.reta_size), -EINVAL,
			  "NULL table");
	reta[1].reta[3] = 4;
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_reta_update(n.port, reta.data(), info.reta_size), -EINVAL,
			  "queue 4 of 4");
	std::vector<rte_eth_rss_reta_entry64> back(reta.size());
	for (auto &g : back)
		g.mask = ~0ull;
	TEST_ASSERT_SUCCESS(rte_eth_dev_rss_reta_query(n.port, back.data(), info.reta_size),
			    "query");
	for (uint16_t i = 0; i < info.reta_size; i++)
		TEST_ASSERT_EQUAL(back[i / 64].reta[i % 64], (uint16_t)(i % 4), "entry %u", i);
	struct rte_eth_rss_conf rss = {};
	rss.rss_hf = RTE_ETH_RSS_TCP;
	TEST_ASSERT_SUCCESS(rte_eth_dev_rss_hash_update(n.port, &rss), "hash update");
	rss.rss_hf = 0;
	TEST_ASSERT_SUCCESS(rte_eth_dev_rss_hash_conf_get(n.port, &rss), "hash get");
	TEST_ASSERT_EQUAL(rss.rss_hf, (uint64_t)RTE_ETH_RSS_TCP, "hash fields kept");
	rss.rss_hf = RTE_BIT64(45);
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_hash_update(n.port, &rss), -EINVAL, "unknown field");

	/* net_ring has no RSS at all */
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_reta_update(r.port, reta.data(), 128), -ENOTSUP,
			  "ring reta");
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_reta_query(r.port, reta.data(), 128), -ENOTSUP,
			  "ring query");
	TEST_ASSERT_EQUAL(rte_eth_dev_rss_hash_update(r.port, &rss), -ENOTSUP, "ring hash");
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP;
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(r.port, 1, 1, &conf), -EINVAL,
			  "RSS fields on a port without RSS");
	return TEST_SUCCESS;
}

int
test_ethdev_packet_types(void)
{
	vdev v("net_null_ptype0");
	TEST_ASSERT(v.ok(), "create");
	uint32_t types[8];
	TEST_ASSERT_EQUAL(rte_eth_dev_get_supported_ptypes(v.port, RTE_PTYPE_ALL_MASK, types, 8), 0,
			  "null parses nothing");
	TEST_ASSERT_EQUAL(rte_eth_dev_get_supported_ptypes(v.port, RTE_PTYPE_ALL_MASK, nullptr, 4),
			  -EINVAL, "NULL array");
	types[0] = 0xdead;
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_ptypes(v.port, RTE_PTYPE_L2_MASK, types, 8), "set");
	TEST_ASSERT_EQUAL(types[0], (uint32_t)RTE_PTYPE_UNKNOWN, "terminated list");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_ptypes(v.port, 0, nullptr, 0), "disable parsing");
	TEST_ASSERT_EQUAL(rte_eth_dev_set_ptypes(v.port, 0xf0000000u, types, 8), -EINVAL,
			  "mask outside RTE_PTYPE_ALL_MASK");
	TEST_ASSERT_EQUAL(rte_eth_dev_set_ptypes(v.port, RTE_PTYPE_L2_MASK, nullptr, 3), -EINVAL,
			  "NULL array with num");
	return TEST_SUCCESS;
}

const struct unit_test_case ctrl_cases[] = {TEST_CASE(test_ethdev_link_state_and_text),
					    TEST_CASE(test_ethdev_events_reach_callbacks),
					    TEST_CASE(test_ethdev_stats_and_xstats_count_bursts),
					    TEST_CASE(test_ethdev_mac_table),
					    TEST_CASE(test_ethdev_mtu_and_receive_modes),
					    TEST_CASE(test_ethdev_rss_where_supported),
					    TEST_CASE(test_ethdev_packet_types),
					    TEST_CASES_END()};

} // namespace

const struct unit_test_suite ethdev_ctrl_suite = {"ethdev settings", nullptr, nullptr, ctrl_cases};
