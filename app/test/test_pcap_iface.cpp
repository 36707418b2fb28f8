/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * pcap_iface_autotest: net_pcap on live interfaces, a veth pair in a
 * network namespace of the test's own (test_af_packet.h). tcpreplay sends
 * a pcap file into one end and rx_iface on the other end captures it,
 * frame for frame; iface= sends, phy_mac=1 takes the interface's address,
 * and rx_iface_in leaves out what the interface sends. Skipped with the
 * reason without root, netns or tcpreplay.
 */

#include <time.h>

#include <string>
#include <vector>

#include <rte_ethdev.h>
#include <rte_mbuf_dyn.h>

#include "test_af_packet.h"
#include "test_pcap_pmd.h"

using namespace afp_test;
using namespace pcap_test;

namespace {

/* Our test frames (ethertype 0x88B5) received on @p port within 2 s. */
std::vector<std::vector<uint8_t>>
capture(uint16_t port, unsigned int want, std::vector<uint64_t> *ts = nullptr)
{
	int ts_off = rte_mbuf_dynfield_lookup(RTE_MBUF_DYNFIELD_TIMESTAMP_NAME, nullptr);
	int ts_bit = rte_mbuf_dynflag_lookup(RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME, nullptr);
	std::vector<std::vector<uint8_t>> got;
	auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
	while (got.size() < want && std::chrono::steady_clock::now() < end) {
		struct rte_mbuf *pkts[32];
		uint16_t n = rte_eth_rx_burst(port, 0, pkts, 32);
		for (uint16_t i = 0; i < n; i++) {
			const uint8_t *d = rte_pktmbuf_mtod(pkts[i], const uint8_t *);
			if (pkts[i]->data_len >= 14 && d[12] == 0x88 && d[13] == 0xB5) {
				got.emplace_back(d, d + pkts[i]->data_len);
				if (ts != nullptr)
					ts->push_back((pkts[i]->ol_flags & (1ull << ts_bit))
							      ? *RTE_MBUF_DYNFIELD(pkts[i], ts_off,
										   uint64_t *)
							      : 0);
			}
		}
		free_all(pkts, n);
		if (n == 0)
			usleep(1000);
	}
	return got;
}

struct pcap_port {
	std::unique_ptr<vdev> dev;
	pcap_port(const char *name, const std::string &args)
	{
		dev = inside([&] { return std::make_unique<vdev>(name, args); });
	}
	bool ok() const { return dev->ok(); }
	uint16_t port() const { return dev->port; }
};

bool
have_tcpreplay()
{
	return system("command -v tcpreplay >/dev/null 2>&1") == 0;
}

int
tcpreplay(const std::string &file, const char *iface)
{
	std::string out;
	int rc = ns->run("ip netns exec " + ns->name + " tcpreplay -q -t -i " + iface + " " + file,
			 &out);
	if (rc != 0)
		printf("tcpreplay: %s\n", out.c_str());
	return rc;
}

int
test_pcap_rx_iface_captures_tcpreplay(void)
{
	SKIP_WITHOUT_NETNS();
	if (!have_tcpreplay())
		TEST_SKIP("tcpreplay not installed (apt install tcpreplay)");
	tmpdir d;
	std::vector<record> recs;
	for (uint32_t i = 0; i < 200; i++) {
		record r;
		r.sec = 1700000000;
		r.frac = i;
		r.bytes = test_frame(i, 60 + i * 53 % 1454);
		recs.push_back(r);
	}
	TEST_ASSERT(write_pcap(d / "in.pcap", recs), "write");
	pcap_port a("net_pcap_rxif", std::string("rx_iface=") + veth_a);
	pool p("pcap_rxif", 1024);
	TEST_ASSERT(a.ok() && p.mp, "port: %d", a.dev->ret);
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, p.mp), "start");
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	TEST_ASSERT_SUCCESS(tcpreplay(d / "in.pcap", veth_b), "tcpreplay into %s", veth_b);
	std::vector<uint64_t> ts;
	auto got = capture(a.port(), (unsigned int)recs.size(), &ts);
	TEST_ASSERT_EQUAL(got.size(), recs.size(), "every replayed frame captured once");
	uint64_t start_us = (uint64_t)now.tv_sec * 1000000 + (uint64_t)now.tv_nsec / 1000;
	for (size_t i = 0; i < recs.size(); i++) {
		TEST_ASSERT(got[i] == recs[i].bytes, "frame %zu differs", i);
		TEST_ASSERT(ts[i] + 1000000 >= start_us && ts[i] < start_us + 30000000,
			    "frame %zu: capture time %llu us, test started at %llu", i,
			    (unsigned long long)ts[i], (unsigned long long)start_us);
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	return TEST_SUCCESS;
}

int
test_pcap_iface_sends_and_rx_iface_in_filters(void)
{
	SKIP_WITHOUT_NETNS();
	if (!have_tcpreplay())
		TEST_SKIP("tcpreplay not installed (apt install tcpreplay)");
	pool p("pcap_ifs", 2048);
	pcap_port a("net_pcap_a", std::string("iface=") + veth_a + ",phy_mac=1");
	pcap_port in("net_pcap_in", std::string("rx_iface_in=") + veth_a);
	pcap_port both("net_pcap_both", std::string("rx_iface=") + veth_a);
	pcap_port far("net_pcap_far", std::string("rx_iface=") + veth_b);
	TEST_ASSERT(a.ok() && in.ok() && both.ok() && far.ok() && p.mp, "ports");
	for (uint16_t port : {a.port(), in.port(), both.port(), far.port()})
		TEST_ASSERT_SUCCESS(port_start(port, 1, 1, p.mp), "start %u", port);

	struct rte_ether_addr mac;
	TEST_ASSERT_SUCCESS(rte_eth_macaddr_get(a.port(), &mac), "mac");
	std::string out;
	ns->run("ip netns exec " + ns->name + " cat /sys/class/net/" + veth_a + "/address", &out);
	char want[32];
	snprintf(want, sizeof(want), "%02x:%02x:%02x:%02x:%02x:%02x", mac.addr_bytes[0],
		 mac.addr_bytes[1], mac.addr_bytes[2], mac.addr_bytes[3], mac.addr_bytes[4],
		 mac.addr_bytes[5]);
	TEST_ASSERT(out.find(want) == 0, "phy_mac=1: %s, interface %s", want, out.c_str());

	std::vector<std::vector<uint8_t>> sent;
	for (uint32_t i = 0; i < 10; i++) {
		sent.push_back(test_frame(i, 100 + i));
		struct rte_mbuf *m = rte_pktmbuf_alloc(p.mp);
		TEST_ASSERT_NOT_NULL(m, "alloc");
		memcpy(rte_pktmbuf_append(m, (uint16_t)sent[i].size()), sent[i].data(),
		       sent[i].size());
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(a.port(), 0, &m, 1), (uint16_t)1, "tx %u", i);
	}
	TEST_ASSERT(capture(far.port(), 10) == sent, "iface= sends: the far end got them");
	TEST_ASSERT(capture(both.port(), 10) == sent, "rx_iface sees what goes out");
	TEST_ASSERT_EQUAL(capture(in.port(), 1).size(), (size_t)0,
			  "rx_iface_in does not see what goes out");

	tmpdir d;
	std::vector<record> recs(5);
	for (uint32_t i = 0; i < 5; i++)
		recs[i].bytes = test_frame(100 + i, 200);
	TEST_ASSERT(write_pcap(d / "b.pcap", recs), "write");
	TEST_ASSERT_SUCCESS(tcpreplay(d / "b.pcap", veth_b), "tcpreplay");
	TEST_ASSERT_EQUAL(capture(in.port(), 5).size(), (size_t)5, "rx_iface_in: what arrives");
	for (uint16_t port : {a.port(), in.port(), both.port(), far.port()})
		TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop %u", port);
	return TEST_SUCCESS;
}

const struct unit_test_case cases[] = {TEST_CASE(test_pcap_rx_iface_captures_tcpreplay),
				       TEST_CASE(test_pcap_iface_sends_and_rx_iface_in_filters),
				       TEST_CASES_END()};

const struct unit_test_suite suite = {"net_pcap on interfaces", suite_setup, suite_teardown, cases};

int
test_pcap_iface(void)
{
	return unit_test_suite_runner(&suite);
}

} // namespace

REGISTER_FAST_TEST(pcap_iface_autotest, NOHUGE_OK, ASAN_OK, test_pcap_iface);
