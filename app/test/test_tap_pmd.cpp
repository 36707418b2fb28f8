/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * tap_autotest: net_tap against the kernel's own network stack, in a
 * network namespace of the test's own (test_af_packet.h). The kernel pings
 * addresses behind the tap (an ICMP socket in the namespace: the kernel
 * routes, resolves with ARP and sends) and a small echo path on the port
 * answers ARP and echo requests; every ping must come back, and both sides
 * count the frames. With several queues the kernel spreads flows over
 * them. The kernel interface follows the port (MTU, MAC, promiscuous,
 * link), persist keeps the interface, bad arguments are refused.
 */

#include <errno.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <arpa/inet.h>
#include <net/if.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <rte_byteorder.h>
#include <rte_ethdev.h>

#include "test_af_packet.h"

using namespace afp_test;

namespace {

const char tap_name[] = "dpkit_tap0";
constexpr uint32_t net = 0x0a090000; /* 10.9.0.0/24; the kernel is .1 */

/* ---- the echo path behind the tap ---- */

uint16_t
cksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The MAC of host 10.9.0.<n> behind the tap. */
struct rte_ether_addr
host_mac(uint8_t n)
{
	return {{0x02, 0x00, 0x00, 0x00, 0x09, n}};
}

/*
 * Turn an ARP request or ICMP echo request for a host behind the tap into
 * its answer, in place. @return 1 ARP answered, 2 echo answered, 0 not ours.
 */
int
answer(struct rte_mbuf *m)
{
	uint8_t *f = rte_pktmbuf_mtod(m, uint8_t *);
	auto *eh = reinterpret_cast<struct rte_ether_hdr *>(f);
	uint16_t type = rte_be_to_cpu_16(eh->ether_type);
	if (type == RTE_ETHER_TYPE_ARP && m->data_len >= 42) {
		uint8_t *a = f + 14;
		uint32_t tip;
		memcpy(&tip, a + 24, 4);
		tip = ntohl(tip);
		if ((a[6] << 8 | a[7]) != 1 || (tip & 0xffffff00) != net || (tip & 0xff) < 2)
			return 0;
		struct rte_ether_addr me = host_mac((uint8_t)tip);
		a[7] = 2;                  /* reply */
		memcpy(a + 18, a + 8, 10); /* target = the asker's MAC and IP */
		memcpy(a + 8, me.addr_bytes, 6);
		uint32_t spa = htonl(tip);
		memcpy(a + 14, &spa, 4);
		eh->dst_addr = eh->src_addr;
		eh->src_addr = me;
		return 1;
	}
	if (type != RTE_ETHER_TYPE_IPV4 || m->data_len < 14 + 20 + 8)
		return 0;
	/* byte access: the IP header is 2 bytes off a 4-byte boundary */
	uint8_t *ip = f + 14;
	size_t ihl = (ip[0] & 0xfu) * 4u, tot = (size_t)(ip[2] << 8 | ip[3]);
	uint8_t *icmp = ip + ihl;
	if (ip[9] != IPPROTO_ICMP || icmp[0] != ICMP_ECHO || 14 + tot > m->data_len)
		return 0;
	uint8_t addr[4];
	memcpy(addr, ip + 12, 4); /* swap source and destination */
	memcpy(ip + 12, ip + 16, 4);
	memcpy(ip + 16, addr, 4);
	icmp[0] = ICMP_ECHOREPLY;
	icmp[2] = icmp[3] = 0;
	uint16_t c = cksum(icmp, tot - ihl);
	icmp[2] = (uint8_t)(c >> 8);
	icmp[3] = (uint8_t)c;
	std::swap(eh->dst_addr, eh->src_addr);
	return 2;
}

struct echo {
	uint16_t port;
	uint16_t queues;
	std::atomic<bool> stop{false};
	std::vector<uint64_t> per_queue = std::vector<uint64_t>(16);
	uint64_t arps = 0, echoes = 0, sent = 0;

	void run()
	{
		while (!stop.load()) {
			bool idle = true;
			for (uint16_t q = 0; q < queues; q++) {
				struct rte_mbuf *pkts[32];
				uint16_t n = rte_eth_rx_burst(port, q, pkts, 32);
				idle = idle && n == 0;
				per_queue[q] += n;
				for (uint16_t i = 0; i < n; i++) {
					int a = answer(pkts[i]);
					arps += a == 1;
					echoes += a == 2;
					if (a != 0 && rte_eth_tx_burst(port, q, &pkts[i], 1) == 1)
						sent++;
					else
						rte_pktmbuf_free(pkts[i]);
				}
			}
			if (idle)
				usleep(200);
		}
	}
};

/* ---- the kernel's side ---- */

/*
 * From inside the namespace, send @p count echo requests to each host
 * 10.9.0.<first..first+hosts-1> and wait up to 1 s for each reply.
 * @return replies received, or -1 if no ICMP socket could be opened.
 */
int
kernel_ping(unsigned int first, unsigned int hosts, unsigned int count)
{
	return inside([&] {
		int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
		if (fd < 0)
			return -1;
		int replies = 0;
		uint16_t id = (uint16_t)getpid();
		for (unsigned int h = 0; h < hosts; h++) {
			for (unsigned int s = 0; s < count; s++) {
				struct sockaddr_in to = {};
				to.sin_family = AF_INET;
				to.sin_addr.s_addr = htonl(net | (first + h));
				uint8_t req[64] = {ICMP_ECHO, 0, 0, 0};
				uint16_t seq = (uint16_t)(h * 1000 + s);
				req[4] = (uint8_t)(id >> 8);
				req[5] = (uint8_t)id;
				req[6] = (uint8_t)(seq >> 8);
				req[7] = (uint8_t)seq;
				for (size_t i = 8; i < sizeof(req); i++)
					req[i] = (uint8_t)i;
				uint16_t c = cksum(req, sizeof(req));
				req[2] = (uint8_t)(c >> 8);
				req[3] = (uint8_t)c;
				if (sendto(fd, req, sizeof(req), 0,
					   reinterpret_cast<struct sockaddr *>(&to),
					   sizeof(to)) < 0)
					continue;
				auto end = std::chrono::steady_clock::now() +
					   std::chrono::seconds(1);
				struct pollfd pfd = {fd, POLLIN, 0};
				while (std::chrono::steady_clock::now() < end &&
				       poll(&pfd, 1, 100) >= 0) {
					uint8_t buf[256];
					ssize_t r = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
					if (r < 28)
						continue;
					const uint8_t *ic = buf + (buf[0] & 0xf) * 4;
					if (ic[0] == ICMP_ECHOREPLY && (ic[4] << 8 | ic[5]) == id &&
					    (ic[6] << 8 | ic[7]) == seq) {
						replies++;
						break;
					}
				}
			}
		}
		close(fd);
		return replies;
	});
}

uint64_t
kernel_counter(const char *iface, const char *name)
{
	std::string out;
	ns->run("ip netns exec " + ns->name + " cat /sys/class/net/" + iface + "/statistics/" +
			name,
		&out);
	return strtoull(out.c_str(), nullptr, 10);
}

/* A tap port probed inside the namespace, its interface given 10.9.0.1/24. */
struct tap_port {
	std::unique_ptr<vdev> dev;
	explicit tap_port(const std::string &extra = "")
	{
		dev = inside([&] {
			return std::make_unique<vdev>("net_tap_t",
						      std::string("iface=") + tap_name + extra);
		});
	}
	bool ok() const { return dev->ok(); }
	uint16_t port() const { return dev->port; }
	int address()
	{
		return ns->run("ip -n " + ns->name + " addr add 10.9.0.1/24 dev " + tap_name);
	}
};

int
ping_through(uint16_t queues, unsigned int hosts, unsigned int count, echo &e)
{
	pool p("tap_ping", 1024); /* outlives the port, which may hold a spare mbuf */
	tap_port t;
	TEST_ASSERT(t.ok() && p.mp, "port: %d", t.dev->ret);
	TEST_ASSERT_SUCCESS(port_start(t.port(), queues, queues, p.mp), "start");
	TEST_ASSERT_SUCCESS(t.address(), "address on %s", tap_name);
	e.port = t.port();
	e.queues = queues;
	uint64_t k_tx = kernel_counter(tap_name, "tx_packets");
	uint64_t k_rx = kernel_counter(tap_name, "rx_packets");
	std::thread responder([&] { e.run(); });
	int replies = kernel_ping(2, hosts, count);
	e.stop = true;
	responder.join();
	TEST_ASSERT(replies >= 0, "no ICMP socket in the namespace");
	TEST_ASSERT_EQUAL((unsigned int)replies, hosts * count, "every ping answered");
	TEST_ASSERT_EQUAL(e.echoes, (uint64_t)hosts * count, "echo requests seen by the port");
	TEST_ASSERT(e.arps >= hosts, "one ARP per host at least: %llu", (unsigned long long)e.arps);
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(t.port(), &st), "stats");
	TEST_ASSERT(st.ipackets >= e.arps + e.echoes && st.opackets == e.sent,
		    "port counts: in %llu out %llu", (unsigned long long)st.ipackets,
		    (unsigned long long)st.opackets);
	uint64_t k_tx2 = kernel_counter(tap_name, "tx_packets") - k_tx;
	uint64_t k_rx2 = kernel_counter(tap_name, "rx_packets") - k_rx;
	TEST_ASSERT(k_tx2 >= e.arps + e.echoes && k_rx2 == e.sent,
		    "kernel counts: sent %llu received %llu, port answered %llu",
		    (unsigned long long)k_tx2, (unsigned long long)k_rx2,
		    (unsigned long long)e.sent);
	printf("tap: %u queues, %llu echo + %llu ARP answered; kernel sent %llu, received %llu\n",
	       queues, (unsigned long long)e.echoes, (unsigned long long)e.arps,
	       (unsigned long long)k_tx2, (unsigned long long)k_rx2);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(t.port()), "stop");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), 1024u,
			  "a stopped port holds no mbuf (its pool may be freed)");
	return TEST_SUCCESS;
}

/* ---- cases ---- */

int
test_tap_kernel_ping_answered(void)
{
	SKIP_WITHOUT_NETNS();
	echo e;
	return ping_through(1, 1, 20, e);
}

int
test_tap_queues_share_the_flows(void)
{
	SKIP_WITHOUT_NETNS();
	echo e;
	int ret = ping_through(4, 8, 3, e);
	if (ret != TEST_SUCCESS)
		return ret;
	unsigned int used = 0;
	for (uint16_t q = 0; q < 4; q++)
		used += e.per_queue[q] != 0;
	TEST_ASSERT(used >= 2, "8 flows over 4 queues reached %u queue(s)", used);
	return TEST_SUCCESS;
}

int
test_tap_kernel_side_follows_the_port(void)
{
	SKIP_WITHOUT_NETNS();
	pool p("tap_ctl", 512);
	tap_port t(",mac=02:11:22:33:44:55");
	TEST_ASSERT(t.ok() && p.mp, "port: %d", t.dev->ret);
	int fd = inside([] { return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0); });
	TEST_ASSERT(fd >= 0, "socket");
	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", tap_name);
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFHWADDR, &ifr), "hwaddr");
	const uint8_t want[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
	TEST_ASSERT(memcmp(ifr.ifr_hwaddr.sa_data, want, 6) == 0, "mac= on the interface");
	struct rte_eth_link link;
	TEST_ASSERT_SUCCESS(rte_eth_link_get(t.port(), &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_DOWN, "down before start");
	TEST_ASSERT_SUCCESS(port_start(t.port(), 1, 1, p.mp), "start");
	TEST_ASSERT_SUCCESS(rte_eth_link_get(t.port(), &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_UP, "up after start");

	/* the kernel takes the link down: the port sees it */
	ns->run("ip -n " + ns->name + " link set " + tap_name + " down");
	TEST_ASSERT_SUCCESS(rte_eth_link_get(t.port(), &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_DOWN, "down from the kernel");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_up(t.port()), "set link up");
	TEST_ASSERT_SUCCESS(rte_eth_link_get(t.port(), &link), "link");
	TEST_ASSERT_EQUAL((int)link.link_status, RTE_ETH_LINK_UP, "up again");

	TEST_ASSERT_SUCCESS(rte_eth_dev_set_mtu(t.port(), 1280), "mtu");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFMTU, &ifr), "read mtu");
	TEST_ASSERT_EQUAL(ifr.ifr_mtu, 1280, "interface MTU");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_enable(t.port()), "promisc");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFFLAGS, &ifr), "flags");
	TEST_ASSERT(ifr.ifr_flags & IFF_PROMISC, "interface promiscuous");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_disable(t.port()), "promisc off");
	TEST_ASSERT_SUCCESS(rte_eth_allmulticast_enable(t.port()), "allmulti");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFFLAGS, &ifr), "flags");
	TEST_ASSERT(!(ifr.ifr_flags & IFF_PROMISC) && (ifr.ifr_flags & IFF_ALLMULTI),
		    "promiscuous off, all-multicast on");
	struct rte_ether_addr mac = {{0x02, 0xaa, 0, 0, 0, 0x01}};
	TEST_ASSERT_SUCCESS(rte_eth_dev_default_mac_addr_set(t.port(), &mac), "mac set");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFHWADDR, &ifr), "hwaddr");
	TEST_ASSERT(memcmp(ifr.ifr_hwaddr.sa_data, mac.addr_bytes, 6) == 0, "interface MAC");

	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(t.port()), "stop");
	TEST_ASSERT_SUCCESS(ioctl(fd, SIOCGIFFLAGS, &ifr), "flags");
	TEST_ASSERT(!(ifr.ifr_flags & IFF_UP), "stop takes the interface down");
	close(fd);
	return TEST_SUCCESS;
}

int
test_tap_persist_keeps_the_interface(void)
{
	SKIP_WITHOUT_NETNS();
	auto exists = [] { return inside([] { return if_nametoindex(tap_name) != 0; }); };
	{
		tap_port t;
		TEST_ASSERT(t.ok(), "port: %d", t.dev->ret);
		TEST_ASSERT(exists(), "interface created");
	}
	TEST_ASSERT(!exists(), "gone with the port");
	{
		tap_port t(",persist");
		TEST_ASSERT(t.ok(), "port: %d", t.dev->ret);
	}
	TEST_ASSERT(exists(), "persist: still there after the port");
	{
		tap_port t; /* attaches to the interface that is there */
		TEST_ASSERT(t.ok(), "port on the persistent interface: %d", t.dev->ret);
	}
	TEST_ASSERT(exists(), "still persistent");
	ns->run("ip -n " + ns->name + " link del " + tap_name);
	TEST_ASSERT(!exists(), "deleted");
	return TEST_SUCCESS;
}

int
test_tap_bad_arguments_refused(void)
{
	SKIP_WITHOUT_NETNS();
	uint16_t before = rte_eth_dev_count_total();
	struct {
		const char *args, *names;
	} bad[] = {
		{"mac=zz", "mac"},
		{"mac=01:00:5e:00:00:01", "mac"},
		{"mac=00:00:00:00:00:00", "mac"},
		{"iface=a/b", "iface"},
		{"iface=", "iface"},
		{"iface=dpkit_name_too_long_for_linux", "iface"},
		{"remote=lo", "remote"},
		{"persist=0", "persist"},
		{"iface=x,iface=y", "iface"},
		{"queues=4", "queues"},
	};
	for (const auto &b : bad) {
		std::string out;
		int rc = run_child({"--vdev", std::string("net_tap_bad,") + b.args},
				   "vdev_list_ports", out);
		TEST_ASSERT(rc != 0, "'%s' accepted:\n%s", b.args, out.c_str());
		TEST_ASSERT_EQUAL(count_lines_with(out, "net_tap_bad"), 1u, "'%s': one line:\n%s",
				  b.args, out.c_str());
		TEST_ASSERT(out.find(b.names) != std::string::npos, "'%s' names %s:\n%s", b.args,
			    b.names, out.c_str());
		int ret = inside([&] { return rte_vdev_init("net_tap_bad", b.args); });
		TEST_ASSERT_EQUAL(ret, -EINVAL, "'%s': -EINVAL", b.args);
	}
	TEST_ASSERT_EQUAL(rte_eth_dev_count_total(), before, "no port left behind");
	return TEST_SUCCESS;
}

const struct unit_test_case tap_cases[] = {TEST_CASE(test_tap_kernel_ping_answered),
					   TEST_CASE(test_tap_queues_share_the_flows),
					   TEST_CASE(test_tap_kernel_side_follows_the_port),
					   TEST_CASE(test_tap_persist_keeps_the_interface),
					   TEST_CASE(test_tap_bad_arguments_refused),
					   TEST_CASES_END()};

int
tap_setup(void)
{
	if (access("/dev/net/tun", R_OK | W_OK) != 0) {
		ns = std::make_unique<netns>();
		ns->skip_reason = "/dev/net/tun is missing or not writable (modprobe tun)";
		return 0;
	}
	return suite_setup();
}

const struct unit_test_suite tap_suite = {"net_tap", tap_setup, suite_teardown, tap_cases};

int
test_tap(void)
{
	return unit_test_suite_runner(&tap_suite);
}

} // namespace

REGISTER_FAST_TEST(tap_autotest, NOHUGE_OK, ASAN_OK, test_tap);
