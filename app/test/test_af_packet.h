/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What the net_af_packet tests share: a veth pair in a network namespace
 * the suite creates ("ip netns add", "ip link add ... type veth"), ports
 * probed from inside it, and test frames. The ports are probed while the
 * calling thread is inside the namespace (setns), so their sockets belong
 * to it; the thread then returns to its own namespace and drives the ports
 * from there. Without root or without the ip tool every case is skipped
 * with the reason.
 */

#ifndef _TEST_AF_PACKET_H_
#define _TEST_AF_PACKET_H_

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <rte_byteorder.h>
#include <rte_ethdev.h>

#include "test_ethdev.h"
#include "test_netns.h"

namespace afp_test {

using namespace ethdev_test;

inline constexpr uint16_t test_ethertype = 0x88B5; /* IEEE local experimental */
inline const char veth_a[] = "dpkit_va";
inline const char veth_b[] = "dpkit_vb";

/* ---- the namespace ---- */

using netns = test_netns::veth_ns;
inline std::unique_ptr<netns> ns;

/* Run @p fn with this thread inside the test namespace. */
template <typename Fn>
inline auto
inside(Fn fn) -> decltype(fn())
{
	return test_netns::inside(*ns, fn);
}

inline int
suite_setup(void)
{
	ns = std::make_unique<netns>();
	ns->create("dpkit_afp_", veth_a, veth_b);
	if (!ns->skip_reason.empty())
		printf("af_packet: %s\n", ns->skip_reason.c_str());
	return 0;
}

inline void
suite_teardown(void)
{
	ns.reset();
}

#define SKIP_WITHOUT_NETNS() \
	do { \
		if (!ns || !ns->skip_reason.empty()) \
			TEST_SKIP("%s", ns ? ns->skip_reason.c_str() : "no namespace"); \
	} while (0)

/* A port on one veth end, probed inside the namespace. */
struct afp_port {
	std::unique_ptr<vdev> dev;
	afp_port(const std::string &name, const char *iface, const std::string &extra = "")
	{
		std::string args = std::string("iface=") + iface + extra;
		dev = inside([&] { return std::make_unique<vdev>(name, args); });
	}
	bool ok() const { return dev->ok(); }
	uint16_t port() const { return dev->port; }
};

/* ---- frames ---- */

struct frame {
	std::vector<uint8_t> bytes;
};

inline struct rte_mbuf *
make_frame(struct rte_mempool *mp, const struct rte_ether_addr &dst,
	   const struct rte_ether_addr &src, uint32_t seq, uint16_t len, frame &copy)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == nullptr)
		return nullptr;
	auto *d = reinterpret_cast<uint8_t *>(rte_pktmbuf_append(m, len));
	auto *eh = reinterpret_cast<struct rte_ether_hdr *>(d);
	eh->dst_addr = dst;
	eh->src_addr = src;
	eh->ether_type = rte_cpu_to_be_16(test_ethertype);
	memcpy(d + RTE_ETHER_HDR_LEN, &seq, sizeof(seq));
	for (uint16_t i = RTE_ETHER_HDR_LEN + sizeof(seq); i < len; i++)
		d[i] = (uint8_t)(seq * 7 + i);
	copy.bytes.assign(d, d + len);
	return m;
}

/* Receive our test frames on @p port until @p want arrived or 2 s passed. */
inline std::vector<frame>
receive(uint16_t port, uint16_t queue, unsigned int want, bool keep_tags = false)
{
	std::vector<frame> got;
	auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
	struct rte_mbuf *pkts[32];
	while (got.size() < want && std::chrono::steady_clock::now() < deadline) {
		uint16_t n = rte_eth_rx_burst(port, queue, pkts, 32);
		for (uint16_t i = 0; i < n; i++) {
			struct rte_mbuf *m = pkts[i];
			auto *eh = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
			uint16_t type = rte_be_to_cpu_16(eh->ether_type);
			if (type == test_ethertype || (keep_tags && type == RTE_ETHER_TYPE_VLAN)) {
				frame f;
				f.bytes.resize(m->pkt_len);
				const void *p = rte_pktmbuf_read(m, 0, m->pkt_len, f.bytes.data());
				if (p != f.bytes.data())
					memcpy(f.bytes.data(), p, m->pkt_len);
				got.push_back(f);
			}
			rte_pktmbuf_free(m);
		}
		if (n == 0)
			usleep(1000);
	}
	return got;
}

} // namespace afp_test

#endif /* _TEST_AF_PACKET_H_ */
