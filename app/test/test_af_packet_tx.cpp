/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * af_packet_tx_autotest: net_af_packet transmit on the veth pair of
 * test_af_packet.h when the link goes away and comes back, and with
 * packets it must refuse. Every frame tx takes is counted once (opackets
 * or oerrors), none counted as an error reaches the wire, and transmit
 * resumes by itself once the link is back.
 */

#include <string.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include <rte_ethdev.h>

#include "test_af_packet.h"

using namespace afp_test;

namespace {

/* ---- link flaps ---- */

/* "ip link set <iface> up|down" inside the namespace. */
int
set_iface(const char *iface, bool up)
{
	std::string out;
	int rc = ns->run("ip netns exec " + ns->name + " ip link set " + iface +
				 (up ? " up" : " down"),
			 &out);
	if (rc != 0)
		printf("ip link set %s: %s\n", iface, out.c_str());
	return rc;
}

/* Wait up to 2 s for @p port's link to be @p up. */
bool
wait_link(uint16_t port, bool up)
{
	auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
	do {
		struct rte_eth_link link;
		if (rte_eth_link_get_nowait(port, &link) == 0 && link.link_status == (up ? 1 : 0))
			return true;
		usleep(1000);
	} while (std::chrono::steady_clock::now() < deadline);
	return false;
}

/*
 * Offer @p count frames numbered from @p first in bursts of 32, each once
 * (what tx does not take is freed here). @return frames taken.
 */
uint64_t
offer_frames(uint16_t from, uint16_t to, struct rte_mempool *mp, uint32_t first, unsigned int count)
{
	struct rte_ether_addr src, dst;
	rte_eth_macaddr_get(from, &src);
	rte_eth_macaddr_get(to, &dst);
	uint64_t taken = 0;
	for (unsigned int done = 0; done < count;) {
		struct rte_mbuf *burst[32];
		unsigned int n = RTE_MIN(32u, count - done);
		for (unsigned int i = 0; i < n; i++) {
			frame copy;
			burst[i] = make_frame(mp, dst, src, first + done + i, 60, copy);
			if (burst[i] == nullptr)
				abort(); /* the pool is sized for the test */
		}
		uint16_t k = rte_eth_tx_burst(from, 0, burst, (uint16_t)n);
		free_all(burst + k, n - k);
		taken += k;
		done += n;
	}
	return taken;
}

/* Sequence numbers of the test frames waiting on @p port's queue 0 now. */
std::vector<uint32_t>
rx_seqs(uint16_t port)
{
	std::vector<uint32_t> seqs;
	struct rte_mbuf *pkts[32];
	uint16_t n;
	while ((n = rte_eth_rx_burst(port, 0, pkts, 32)) != 0) {
		for (uint16_t i = 0; i < n; i++) {
			auto *eh = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);
			uint32_t seq;
			if (rte_be_to_cpu_16(eh->ether_type) == test_ethertype &&
			    pkts[i]->pkt_len >= RTE_ETHER_HDR_LEN + sizeof(seq)) {
				memcpy(&seq, eh + 1, sizeof(seq));
				seqs.push_back(seq);
			}
			rte_pktmbuf_free(pkts[i]);
		}
	}
	return seqs;
}

/* Sequence numbers of the test frames that arrive on @p port until none came for 100 ms. */
std::vector<uint32_t>
drain(uint16_t port)
{
	std::vector<uint32_t> seqs;
	auto quiet = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
	while (std::chrono::steady_clock::now() < quiet) {
		std::vector<uint32_t> got = rx_seqs(port);
		if (got.empty()) {
			usleep(1000);
			continue;
		}
		seqs.insert(seqs.end(), got.begin(), got.end());
		quiet = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
	}
	return seqs;
}

/*
 * Send frames numbered [first, first + count) from @p from, 32 at a time,
 * each until taken (for up to 2 s), receiving on @p to as it goes so that
 * its ring never overflows. @return frames of that range that arrived;
 * @p taken grows by the frames tx took, @p others counts other test frames.
 */
unsigned int
send_range(uint16_t from, uint16_t to, struct rte_mempool *mp, uint32_t first, unsigned int count,
	   uint64_t &taken, unsigned int &others)
{
	std::vector<bool> seen(count);
	unsigned int got = 0;
	auto note = [&](const std::vector<uint32_t> &seqs) {
		for (uint32_t seq : seqs) {
			if (seq - first < count && !seen[seq - first]) {
				seen[seq - first] = true;
				got++;
			} else {
				others++;
			}
		}
	};
	auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
	for (unsigned int done = 0; done < count && std::chrono::steady_clock::now() < deadline;) {
		uint64_t k = offer_frames(from, to, mp, first + done, RTE_MIN(32u, count - done));
		taken += k;
		done += (unsigned int)k;
		note(rx_seqs(to));
		if (k == 0)
			usleep(100);
	}
	note(drain(to));
	return got;
}

/*
 * One interface of the pair goes down while a keeps transmitting (four
 * rings' worth of frames), then comes back: a must transmit again, without
 * a restart, and its counters must account for each frame it took exactly
 * once (opackets + oerrors = frames taken), with no more frames on the wire
 * than opackets says.
 */
int
flap_and_check(const char *down_iface, uint16_t a, uint16_t b, struct rte_mempool *mp,
	       uint32_t round)
{
	const uint32_t base = round * 100000;
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(a), "stats reset");
	TEST_ASSERT(drain(b).empty(), "nothing of ours in flight before");
	TEST_ASSERT_SUCCESS(set_iface(down_iface, false), "%s down", down_iface);
	TEST_ASSERT(wait_link(a, false), "a sees its link down (%s down)", down_iface);
	uint64_t taken = offer_frames(a, b, mp, base + 10000, 4 * 512);
	uint64_t taken_down = taken;
	TEST_ASSERT_SUCCESS(set_iface(down_iface, true), "%s up", down_iface);
	TEST_ASSERT(wait_link(a, true) && wait_link(b, true), "links up again");

	unsigned int late = 0;
	const unsigned int count = 300;
	unsigned int got = send_range(a, b, mp, base, count, taken, late);
	printf("af_packet flap (%s down): 2048 offered while down, %llu taken; %u of %u sent "
	       "after link up arrived, and %u frames from the down phase\n",
	       down_iface, (unsigned long long)taken_down, got, count, late);

	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a, &st), "stats");
	printf("af_packet flap (%s down): opackets %llu oerrors %llu\n", down_iface,
	       (unsigned long long)st.opackets, (unsigned long long)st.oerrors);
	TEST_ASSERT_EQUAL(st.opackets + st.oerrors, taken,
			  "opackets %llu + oerrors %llu = frames taken",
			  (unsigned long long)st.opackets, (unsigned long long)st.oerrors);
	TEST_ASSERT(got + late <= st.opackets, "%u frames on the wire, opackets %llu", got + late,
		    (unsigned long long)st.opackets);
	TEST_ASSERT_EQUAL(got, count, "frames sent after %s came back up arrived", down_iface);
	return TEST_SUCCESS;
}

int
test_af_packet_tx_recovers_after_link_flap(void)
{
	SKIP_WITHOUT_NETNS();
	afp_port a("net_af_packet_a", veth_a), b("net_af_packet_b", veth_b);
	pool p("afp_flap", 4096);
	TEST_ASSERT(a.ok() && b.ok() && p.mp, "ports: %d %d", a.dev->ret, b.dev->ret);
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, p.mp), "start b");
	unsigned int avail = rte_mempool_avail_count(p.mp);

	/* the peer goes down (a keeps its flags, loses its carrier) */
	TEST_ASSERT_SUCCESS(flap_and_check(veth_b, a.port(), b.port(), p.mp, 1), "peer flap");
	/* a's own interface goes down (the kernel refuses to send at all) */
	TEST_ASSERT_SUCCESS(flap_and_check(veth_a, a.port(), b.port(), p.mp, 2), "own flap");

	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "no mbuf leaked");
	return TEST_SUCCESS;
}

/*
 * Frames waiting in the tx ring when the port stops (the peer went down)
 * stay queued and counted as sent; start hands them to the kernel, so
 * they arrive without another transmit, each once.
 */
int
test_af_packet_restart_sends_frames_left_in_the_ring(void)
{
	SKIP_WITHOUT_NETNS();
	afp_port a("net_af_packet_a", veth_a), b("net_af_packet_b", veth_b);
	pool p("afp_restart", 4096);
	TEST_ASSERT(a.ok() && b.ok() && p.mp, "ports: %d %d", a.dev->ret, b.dev->ret);
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, p.mp), "start b");
	unsigned int avail = rte_mempool_avail_count(p.mp);

	TEST_ASSERT_SUCCESS(set_iface(veth_b, false), "peer down");
	TEST_ASSERT(wait_link(a.port(), false), "a sees no carrier");
	uint64_t taken = offer_frames(a.port(), b.port(), p.mp, 0, 1024);
	TEST_ASSERT(taken > 0 && taken < 1024, "the ring filled: %llu taken",
		    (unsigned long long)taken);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop a");
	TEST_ASSERT_SUCCESS(set_iface(veth_b, true), "peer up");
	TEST_ASSERT(wait_link(b.port(), true), "b up");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(a.port()), "start a");

	std::vector<uint32_t> seqs = drain(b.port());
	std::vector<bool> seen(taken);
	for (uint32_t seq : seqs) {
		TEST_ASSERT(seq < taken, "frame %u was never taken", seq);
		TEST_ASSERT(!seen[seq], "frame %u arrived twice", seq);
		seen[seq] = true;
	}
	TEST_ASSERT_EQUAL(seqs.size(), (size_t)taken, "frames queued before the stop arrived");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT(st.opackets == taken && st.oerrors == 0,
		    "opackets %llu oerrors %llu, %llu taken", (unsigned long long)st.opackets,
		    (unsigned long long)st.oerrors, (unsigned long long)taken);

	unsigned int others = 0;
	uint64_t more = 0;
	TEST_ASSERT_EQUAL(send_range(a.port(), b.port(), p.mp, 5000, 300, more, others), 300u,
			  "traffic after the restart");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "no mbuf leaked");
	return TEST_SUCCESS;
}

/*
 * A chain whose segments hold more bytes than its pkt_len says (or fewer)
 * is not copied into a frame: dropped, counted in oerrors, nothing on the
 * wire. A frame would otherwise be overrun, or sent with bytes that were
 * never the packet's.
 */
int
test_af_packet_tx_drops_inconsistent_chains(void)
{
	SKIP_WITHOUT_NETNS();
	afp_port a("net_af_packet_a", veth_a), b("net_af_packet_b", veth_b);
	pool p("afp_chain", 1024);
	TEST_ASSERT(a.ok() && b.ok() && p.mp, "ports: %d %d", a.dev->ret, b.dev->ret);
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, p.mp), "start b");
	unsigned int avail = rte_mempool_avail_count(p.mp);
	TEST_ASSERT(drain(b.port()).empty(), "nothing of ours in flight before");

	struct rte_ether_addr src, dst;
	rte_eth_macaddr_get(a.port(), &src);
	rte_eth_macaddr_get(b.port(), &dst);
	/* segment length (each of two), and the pkt_len the head claims */
	const struct {
		uint16_t seg;
		uint32_t pkt_len;
	} bad[] = {
		{1500, 1500}, /* 3000 bytes in the segments: more than a frame holds */
		{500, 1020},  /* 1000 bytes: 20 short of pkt_len */
	};
	for (const auto &c : bad) {
		frame copy;
		struct rte_mbuf *head = make_frame(p.mp, dst, src, 7, c.seg, copy);
		struct rte_mbuf *tail = rte_pktmbuf_alloc(p.mp);
		TEST_ASSERT(head && tail, "alloc");
		TEST_ASSERT_NOT_NULL(rte_pktmbuf_append(tail, c.seg), "tail data");
		TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(head, tail), "chain");
		head->pkt_len = c.pkt_len;
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(a.port(), 0, &head, 1), (uint16_t)1,
				  "taken (segments of %u, pkt_len %u)", c.seg, c.pkt_len);
	}
	TEST_ASSERT(drain(b.port()).empty(), "nothing reached the wire");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT(st.opackets == 0 && st.oerrors == 2, "opackets %llu oerrors %llu",
		    (unsigned long long)st.opackets, (unsigned long long)st.oerrors);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "both chains freed");

	/* the port still sends good packets */
	unsigned int others = 0;
	uint64_t taken = 0;
	TEST_ASSERT_EQUAL(send_range(a.port(), b.port(), p.mp, 100, 50, taken, others), 50u,
			  "good frames after");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	return TEST_SUCCESS;
}

const struct unit_test_case afp_tx_cases[] = {
	TEST_CASE(test_af_packet_tx_recovers_after_link_flap),
	TEST_CASE(test_af_packet_restart_sends_frames_left_in_the_ring),
	TEST_CASE(test_af_packet_tx_drops_inconsistent_chains), TEST_CASES_END()};

const struct unit_test_suite afp_tx_suite = {"net_af_packet tx", suite_setup, suite_teardown,
					     afp_tx_cases};

int
test_af_packet_tx(void)
{
	return unit_test_suite_runner(&afp_tx_suite);
}

} // namespace

REGISTER_FAST_TEST(af_packet_tx_autotest, NOHUGE_OK, ASAN_OK, test_af_packet_tx);
