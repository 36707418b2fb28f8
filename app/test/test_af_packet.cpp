/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * af_packet_autotest: net_af_packet on a veth pair in a network namespace
 * (test_af_packet.h): frames sent on one end must arrive byte for byte on
 * the other; the port reflects and changes the interface; bad arguments
 * are refused. Transmit under link changes: test_af_packet_tx.cpp.
 */

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if_packet.h>

#include <chrono>
#include <map>
#include <memory>

#include <rte_byteorder.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <ethdev_driver.h>

#include "test_af_packet.h"

using namespace afp_test;

namespace {

/* ---- cases ---- */

int
send_and_check(uint16_t from, uint16_t to, struct rte_mempool *mp, unsigned int count)
{
	struct rte_ether_addr src, dst;
	rte_eth_macaddr_get(from, &src);
	rte_eth_macaddr_get(to, &dst);
	std::vector<frame> sent(count);
	for (unsigned int i = 0; i < count; i++) {
		uint16_t len = (uint16_t)(60 + (i * 97) % (1514 - 60));
		struct rte_mbuf *m = make_frame(mp, dst, src, i, len, sent[i]);
		TEST_ASSERT_NOT_NULL(m, "frame %u", i);
		uint16_t n = 0;
		for (int tries = 0; n == 0 && tries < 1000; tries++)
			if ((n = rte_eth_tx_burst(from, 0, &m, 1)) == 0)
				usleep(100);
		TEST_ASSERT_EQUAL(n, (uint16_t)1, "tx of frame %u", i);
	}
	std::vector<frame> got = receive(to, 0, count);
	TEST_ASSERT_EQUAL(got.size(), (size_t)count, "frames that crossed");
	std::map<uint32_t, const frame *> by_seq;
	for (const auto &f : got) {
		uint32_t seq;
		memcpy(&seq, f.bytes.data() + RTE_ETHER_HDR_LEN, sizeof(seq));
		by_seq[seq] = &f;
	}
	for (unsigned int i = 0; i < count; i++) {
		TEST_ASSERT(by_seq.count(i), "frame %u missing", i);
		TEST_ASSERT(by_seq[i]->bytes == sent[i].bytes,
			    "frame %u differs (%zu vs %zu bytes)", i, by_seq[i]->bytes.size(),
			    sent[i].bytes.size());
	}
	return TEST_SUCCESS;
}

int
test_af_packet_frames_cross_the_veth(void)
{
	SKIP_WITHOUT_NETNS();
	afp_port a("net_af_packet_a", veth_a), b("net_af_packet_b", veth_b);
	pool p("afp_cross", 2048);
	TEST_ASSERT(a.ok() && b.ok() && p.mp, "ports: %d %d", a.dev->ret, b.dev->ret);
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, p.mp), "start b");
	unsigned int avail = rte_mempool_avail_count(p.mp);

	TEST_ASSERT_SUCCESS(send_and_check(a.port(), b.port(), p.mp, 200), "a -> b");
	TEST_ASSERT_SUCCESS(send_and_check(b.port(), a.port(), p.mp, 200), "b -> a");

	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT(st.opackets >= 200 && st.ipackets >= 200, "a: out %llu in %llu",
		    (unsigned long long)st.opackets, (unsigned long long)st.ipackets);
	TEST_ASSERT(st.obytes > 200 * 60, "bytes counted");
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(a.port()), "stats reset");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT(st.opackets == 0 && st.ipackets == 0 && st.obytes == 0 && st.imissed == 0,
		    "after reset: out %llu in %llu", (unsigned long long)st.opackets,
		    (unsigned long long)st.ipackets);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "no mbuf leaked");
	return TEST_SUCCESS;
}

int
test_af_packet_chains_and_vlan_tags(void)
{
	SKIP_WITHOUT_NETNS();
	afp_port a("net_af_packet_a", veth_a), b("net_af_packet_b", veth_b);
	pool p("afp_vlan", 1024);
	TEST_ASSERT(a.ok() && b.ok() && p.mp, "ports");
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, p.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, p.mp), "start b");
	struct rte_ether_addr src, dst;
	rte_eth_macaddr_get(a.port(), &src);
	rte_eth_macaddr_get(b.port(), &dst);

	/* a two-segment packet arrives as one frame */
	frame whole, tail_copy;
	struct rte_mbuf *head = make_frame(p.mp, dst, src, 1, 300, whole);
	struct rte_mbuf *tail = rte_pktmbuf_alloc(p.mp);
	TEST_ASSERT(head && tail, "alloc");
	uint8_t *t = reinterpret_cast<uint8_t *>(rte_pktmbuf_append(tail, 200));
	for (int i = 0; i < 200; i++)
		t[i] = (uint8_t)(0xC0 ^ i);
	whole.bytes.insert(whole.bytes.end(), t, t + 200);
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(head, tail), "chain");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(a.port(), 0, &head, 1), (uint16_t)1, "tx chain");
	std::vector<frame> got = receive(b.port(), 0, 1);
	TEST_ASSERT_EQUAL(got.size(), (size_t)1, "chain arrived");
	TEST_ASSERT(got[0].bytes == whole.bytes, "chain content intact");

	/* a tag asked for with RTE_MBUF_F_TX_VLAN is on the wire, and comes back in the frame */
	frame plain;
	struct rte_mbuf *m = make_frame(p.mp, dst, src, 2, 100, plain);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	m->ol_flags |= RTE_MBUF_F_TX_VLAN;
	m->vlan_tci = 100;
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(a.port(), 0, &m, 1), (uint16_t)1, "tx tagged");
	got = receive(b.port(), 0, 1, true);
	TEST_ASSERT_EQUAL(got.size(), (size_t)1, "tagged frame arrived");
	const auto &f = got[0].bytes;
	TEST_ASSERT_EQUAL(f.size(), plain.bytes.size() + RTE_VLAN_HLEN, "4 bytes longer");
	TEST_ASSERT_EQUAL((f[12] << 8) | f[13], RTE_ETHER_TYPE_VLAN, "0x8100");
	TEST_ASSERT_EQUAL(((f[14] << 8) | f[15]) & RTE_VLAN_ID_MASK, 100, "VLAN id");
	TEST_ASSERT(memcmp(f.data() + 16, plain.bytes.data() + 12, plain.bytes.size() - 12) == 0,
		    "inner frame intact");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	return TEST_SUCCESS;
}

int
test_af_packet_port_reflects_the_interface(void)
{
	SKIP_WITHOUT_NETNS();
	afp_port a("net_af_packet_a", veth_a, ",qpairs=2,framecnt=256");
	pool p("afp_info", 2048);
	TEST_ASSERT(a.ok() && p.mp, "port: %d", a.dev->ret);
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(a.port(), &info), "info");
	TEST_ASSERT_EQUAL(info.max_rx_pktlen, 2048u - 66, "rx frame room");
	unsigned int ifindex = inside([] { return if_nametoindex(veth_a); });
	TEST_ASSERT_EQUAL(info.if_index, ifindex, "ifindex");
	TEST_ASSERT_EQUAL(info.max_rx_queues, (uint16_t)2, "qpairs");
	TEST_ASSERT_EQUAL(std::string(info.driver_name), std::string("net_af_packet"), "driver");

	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", veth_a);
	int fd = inside([] { return socket(AF_INET, SOCK_DGRAM, 0); });
	TEST_ASSERT(fd >= 0, "socket");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFHWADDR, &ifr), "hwaddr");
	struct rte_ether_addr mac;
	TEST_ASSERT_SUCCESS(rte_eth_macaddr_get(a.port(), &mac), "mac");
	TEST_ASSERT(memcmp(mac.addr_bytes, ifr.ifr_hwaddr.sa_data, 6) == 0, "interface MAC");

	TEST_ASSERT_SUCCESS(rte_eth_dev_set_mtu(a.port(), 1400), "mtu");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFMTU, &ifr), "read mtu");
	TEST_ASSERT_EQUAL(ifr.ifr_mtu, 1400, "interface MTU changed");
	TEST_ASSERT_EQUAL(rte_eth_dev_set_mtu(a.port(), 9000), -EINVAL, "larger than a frame");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_mtu(a.port(), 1500), "mtu back");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_enable(a.port()), "promisc");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFFLAGS, &ifr), "flags");
	TEST_ASSERT(ifr.ifr_flags & IFF_PROMISC, "interface promiscuous");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_disable(a.port()), "promisc off");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFFLAGS, &ifr), "flags");
	TEST_ASSERT(!(ifr.ifr_flags & IFF_PROMISC), "interface not promiscuous");

	/* a pool whose mbufs cannot hold a frame is refused; a good one is registered */
	pool small("afp_small", 256, RTE_PKTMBUF_HEADROOM + 1024);
	struct rte_eth_conf conf = {};
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(a.port(), 2, 2, &conf), "configure");
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(a.port(), 3, 2, &conf), -EINVAL, "3 queues");
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(a.port(), 2, 2, &conf), "configure");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(a.port(), 0, 0, 0, nullptr, small.mp), -EINVAL,
			  "1024-byte mbufs for 2048-byte frames");
	TEST_ASSERT_SUCCESS(port_start(a.port(), 2, 2, p.mp), "start");
	int chunks = dpkit_eth_dev_mem_regions(a.port(), nullptr, 0);
	TEST_ASSERT(chunks >= (int)p.mp->nb_mem_chunks && chunks > 0, "pool chunks registered: %d",
		    chunks);
	struct rte_eth_link link;
	TEST_ASSERT_SUCCESS(rte_eth_link_get(a.port(), &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_UP, "veth is up");

	/* frames from b spread over a's two queues (fanout); none is lost */
	afp_port b("net_af_packet_b", veth_b);
	TEST_ASSERT(b.ok(), "b");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, p.mp), "start b");
	struct rte_ether_addr src, dst;
	rte_eth_macaddr_get(b.port(), &src);
	dst = mac;
	for (uint32_t i = 0; i < 64; i++) {
		frame copy;
		src.addr_bytes[5] = (uint8_t)i; /* different flows */
		struct rte_mbuf *m = make_frame(p.mp, dst, src, i, 80, copy);
		TEST_ASSERT(m && rte_eth_tx_burst(b.port(), 0, &m, 1) == 1, "tx %u", i);
	}
	size_t total = 0;
	auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
	while (total < 64 && std::chrono::steady_clock::now() < deadline)
		for (uint16_t q = 0; q < 2; q++)
			total += receive(a.port(), q, 64 - (unsigned)total).size();
	TEST_ASSERT_EQUAL(total, (size_t)64, "all frames over both queues");
	close(fd);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	return TEST_SUCCESS;
}

int
test_af_packet_frames_larger_than_a_ring_frame(void)
{
	SKIP_WITHOUT_NETNS();
	/* a's rx frames hold 256 - 66 = 190 bytes of packet, its tx frames 224 */
	afp_port a("net_af_packet_a", veth_a, ",framesz=256"), b("net_af_packet_b", veth_b);
	pool p("afp_big", 1024);
	TEST_ASSERT(a.ok() && b.ok() && p.mp, "ports: %d %d", a.dev->ret, b.dev->ret);
	struct rte_eth_conf conf = {};
	TEST_ASSERT_EQUAL(port_start(a.port(), 1, 1, p.mp, &conf), -EINVAL,
			  "the default MTU of 1500 does not fit 190-byte frames");
	conf.rxmode.mtu = 176;
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, p.mp, &conf), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, p.mp), "start b");
	struct rte_ether_addr ma, mb;
	rte_eth_macaddr_get(a.port(), &ma);
	rte_eth_macaddr_get(b.port(), &mb);

	/* received: the kernel cuts a 600-byte frame to 190; it must not pass as a packet */
	frame big, small;
	struct rte_mbuf *m[2] = {make_frame(p.mp, ma, mb, 1, 600, big),
				 make_frame(p.mp, ma, mb, 2, 190, small)};
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(b.port(), 0, m, 2), (uint16_t)2, "b sends");
	std::vector<frame> got = receive(a.port(), 0, 2);
	TEST_ASSERT_EQUAL(got.size(), (size_t)1, "only the frame that fits");
	TEST_ASSERT(got[0].bytes == small.bytes, "and it is intact");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT(st.ierrors >= 1, "cut frame counted: %llu", (unsigned long long)st.ierrors);

	/* sent: a packet larger than a tx frame is dropped (taken, freed, counted) */
	unsigned int avail = rte_mempool_avail_count(p.mp);
	struct rte_mbuf *x = make_frame(p.mp, mb, ma, 3, 600, big);
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(a.port(), 0, &x, 1), (uint16_t)1, "taken");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "and freed");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT_EQUAL(st.oerrors, 1ull, "counted");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	return TEST_SUCCESS;
}

/*
 * A queue whose pool is empty leaves the frames in the ring and counts
 * nothing (DPDK 22.11 counts no rx_nombuf there: a poll loop would count
 * once per poll); once mbufs are back the frames are received.
 */
int
test_af_packet_empty_pool_counts_no_nombuf(void)
{
	SKIP_WITHOUT_NETNS();
	constexpr unsigned int frames = 8, polls = 1000;
	afp_port a("net_af_packet_a", veth_a), b("net_af_packet_b", veth_b);
	pool pa("afp_nombuf_a", 64, RTE_MBUF_DEFAULT_BUF_SIZE, 0), pb("afp_nombuf_b", 256);
	TEST_ASSERT(a.ok() && b.ok() && pa.mp && pb.mp, "ports: %d %d", a.dev->ret, b.dev->ret);
	TEST_ASSERT_SUCCESS(port_start(a.port(), 1, 1, pa.mp), "start a");
	TEST_ASSERT_SUCCESS(port_start(b.port(), 1, 1, pb.mp), "start b");
	std::vector<struct rte_mbuf *> taken;
	while (struct rte_mbuf *m = rte_pktmbuf_alloc(pa.mp))
		taken.push_back(m);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pa.mp), 0u, "a's pool is empty");

	struct rte_ether_addr src, dst;
	rte_eth_macaddr_get(b.port(), &src);
	rte_eth_macaddr_get(a.port(), &dst);
	for (uint32_t i = 0; i < frames; i++) {
		frame copy;
		struct rte_mbuf *m = make_frame(pb.mp, dst, src, i, 100, copy);
		TEST_ASSERT(m && rte_eth_tx_burst(b.port(), 0, &m, 1) == 1, "tx %u", i);
	}
	usleep(50 * 1000); /* the frames reach a's ring */
	struct rte_mbuf *pkts[32];
	for (unsigned int i = 0; i < polls; i++)
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(a.port(), 0, pkts, 32), (uint16_t)0,
				  "poll %u without mbufs", i);
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, 0ull, "rx_nombuf after %u polls on an empty pool", polls);
	TEST_ASSERT(st.ipackets == 0 && st.ierrors == 0, "nothing received: %llu %llu",
		    (unsigned long long)st.ipackets, (unsigned long long)st.ierrors);

	for (struct rte_mbuf *m : taken)
		rte_pktmbuf_free(m);
	std::vector<frame> got = receive(a.port(), 0, frames);
	TEST_ASSERT_EQUAL(got.size(), (size_t)frames, "the frames waited in the ring");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(a.port(), &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, 0ull, "rx_nombuf");
	TEST_ASSERT(st.ipackets >= frames, "ipackets %llu", (unsigned long long)st.ipackets);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(a.port()), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(b.port()), "stop");
	return TEST_SUCCESS;
}

/* PACKET_FANOUT mode of every socket of this process that is in a group. */
std::vector<int>
fanout_modes(void)
{
	std::vector<int> modes;
	DIR *d = opendir("/proc/self/fd");
	if (d == nullptr)
		return modes;
	while (struct dirent *e = readdir(d)) {
		int fd = atoi(e->d_name);
		if (e->d_name[0] == '.' || fd == dirfd(d))
			continue;
		int val = 0;
		socklen_t len = sizeof(val);
		/* fails on anything but a packet socket */
		if (getsockopt(fd, SOL_PACKET, PACKET_FANOUT, &val, &len) == 0 && val != 0)
			modes.push_back(val);
	}
	closedir(d);
	return modes;
}

/* The queue pairs of a port join one fanout group with DPDK 22.11's mode. */
int
test_af_packet_fanout_mode_as_dpdk(void)
{
	SKIP_WITHOUT_NETNS();
	TEST_ASSERT(fanout_modes().empty(), "no socket in a fanout group before the port");
	{
		afp_port a("net_af_packet_a", veth_a, ",qpairs=3");
		TEST_ASSERT(a.ok(), "port: %d", a.dev->ret);
		std::vector<int> modes = fanout_modes();
		TEST_ASSERT_EQUAL(modes.size(), (size_t)3,
				  "one socket per queue pair in the group");
		const int want = PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG |
				 PACKET_FANOUT_FLAG_ROLLOVER;
		for (int m : modes) {
			TEST_ASSERT_EQUAL((m >> 16) & 0xffff, want,
					  "mode 0x%x: hash | defrag | rollover",
					  (m >> 16) & 0xffff);
			TEST_ASSERT_EQUAL(m & 0xffff, modes[0] & 0xffff, "one group");
		}
	}
	/* one queue pair needs no group */
	afp_port b("net_af_packet_b", veth_b);
	TEST_ASSERT(b.ok(), "port");
	TEST_ASSERT(fanout_modes().empty(), "a single queue pair is in no group");
	return TEST_SUCCESS;
}

int
test_af_packet_bad_arguments_refused(void)
{
	SKIP_WITHOUT_NETNS();
	uint16_t before = rte_eth_dev_count_avail();
	for (const char *args : {"", "iface=", "iface=dpkit_nope", "iface=dpkit_va,qpairs=0",
				 "iface=dpkit_va,qpairs=17", "iface=dpkit_va,blocksz=5000",
				 "iface=dpkit_va,framesz=1000", "iface=dpkit_va,framecnt=3",
				 "iface=dpkit_va,framesz=8192,blocksz=4096",
				 "iface=dpkit_va,qdisc_bypass=2", "iface=dpkit_va,speed=10"}) {
		int ret = inside([&] { return rte_vdev_init("net_af_packet_bad", args); });
		TEST_ASSERT(ret < 0, "'%s' accepted", args);
	}
	/* the interface exists only inside the namespace */
	TEST_ASSERT_EQUAL(rte_vdev_init("net_af_packet_bad", "iface=dpkit_va"), -ENODEV,
			  "outside the namespace");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), before, "no port left behind");
	return TEST_SUCCESS;
}

/* dpkit-test with @p vdev_arg as --vdev, started inside the namespace. */
int
run_child_in_netns(const std::string &vdev_arg, std::string &out)
{
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int target = open(ns->path().c_str(), O_RDONLY | O_CLOEXEC);
		if (target < 0 || setns(target, CLONE_NEWNET) != 0)
			_exit(126);
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		unsetenv("DPDK_TEST");
		const char *argv[] = {"/proc/self/exe",
				      "--no-huge",
				      "-m",
				      "64",
				      "-l",
				      "0",
				      "--file-prefix=afp_child",
				      "--vdev",
				      vdev_arg.c_str(),
				      "vdev_list_ports",
				      nullptr};
		execv(argv[0], const_cast<char **>(argv));
		_exit(127);
	}
	close(pipefd[1]);
	char buf[4096];
	ssize_t n;
	while ((n = read(pipefd[0], buf, sizeof(buf))) > 0)
		out.append(buf, (size_t)n);
	close(pipefd[0]);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 256 + WTERMSIG(status);
}

int
test_af_packet_vdev_at_eal_init(void)
{
	SKIP_WITHOUT_NETNS();
	std::string out;
	int rc = run_child_in_netns(std::string("net_af_packet0,iface=") + veth_a, out);
	TEST_ASSERT_EQUAL(rc, 0, "child:\n%s", out.c_str());
	TEST_ASSERT(out.find("port 0 net_af_packet0 net_af_packet") != std::string::npos,
		    "probed at init:\n%s", out.c_str());
	out.clear();
	rc = run_child_in_netns("net_af_packet0,iface=dpkit_missing", out);
	TEST_ASSERT(rc != 0, "missing interface accepted:\n%s", out.c_str());
	TEST_ASSERT_EQUAL(count_lines_with(out, "net_af_packet0"), 1u, "one line:\n%s",
			  out.c_str());
	TEST_ASSERT(out.find("iface=dpkit_missing") != std::string::npos, "names the argument");
	return TEST_SUCCESS;
}

const struct unit_test_case afp_cases[] = {
	TEST_CASE(test_af_packet_frames_cross_the_veth),
	TEST_CASE(test_af_packet_chains_and_vlan_tags),
	TEST_CASE(test_af_packet_port_reflects_the_interface),
	TEST_CASE(test_af_packet_frames_larger_than_a_ring_frame),
	TEST_CASE(test_af_packet_empty_pool_counts_no_nombuf),
	TEST_CASE(test_af_packet_fanout_mode_as_dpdk),
	TEST_CASE(test_af_packet_bad_arguments_refused),
	TEST_CASE(test_af_packet_vdev_at_eal_init),
	TEST_CASES_END()};

const struct unit_test_suite afp_suite = {"net_af_packet", suite_setup, suite_teardown, afp_cases};

int
test_af_packet(void)
{
	return unit_test_suite_runner(&afp_suite);
}

} // namespace

REGISTER_FAST_TEST(af_packet_autotest, NOHUGE_OK, ASAN_OK, test_af_packet);
