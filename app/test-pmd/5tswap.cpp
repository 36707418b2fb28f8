/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * 5tswap mode: answer each packet to its sender by swapping every layer that
 * is present: MAC addresses, then IPv4 or IPv6 addresses, then UDP or TCP
 * ports. Layers that are absent or truncated are left alone. Swapping both
 * addresses keeps the IPv4 checksum valid, so no checksum is recomputed.
 */

#include "pkt_hdrs.h"
#include "testpmd.h"

namespace testpmd {

static void
swap_packet(struct rte_mbuf *m)
{
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	uint32_t len = rte_pktmbuf_data_len(m);
	uint8_t proto;
	uint32_t l4_off;

	if (len < sizeof(eth_hdr))
		return;
	eth_hdr *eth = reinterpret_cast<eth_hdr *>(p);
	swap_mac(eth);
	uint16_t type = be16(eth->ether_type);
	if (type == ether_type_ipv4 && len >= sizeof(eth_hdr) + sizeof(ipv4_hdr)) {
		ipv4_hdr *ip = reinterpret_cast<ipv4_hdr *>(p + sizeof(eth_hdr));
		uint32_t a = ip->src;
		ip->src = ip->dst;
		ip->dst = a;
		proto = ip->proto;
		l4_off = sizeof(eth_hdr) + (ip->version_ihl & 0xf) * 4u;
	} else if (type == ether_type_ipv6 && len >= sizeof(eth_hdr) + sizeof(ipv6_hdr)) {
		ipv6_hdr *ip = reinterpret_cast<ipv6_hdr *>(p + sizeof(eth_hdr));
		uint8_t tmp[16];
		memcpy(tmp, ip->src, 16);
		memcpy(ip->src, ip->dst, 16);
		memcpy(ip->dst, tmp, 16);
		proto = ip->proto;
		l4_off = sizeof(eth_hdr) + sizeof(ipv6_hdr);
	} else {
		return;
	}
	if ((proto == proto_udp || proto == proto_tcp) && len >= l4_off + sizeof(l4_ports)) {
		l4_ports *l4 = reinterpret_cast<l4_ports *>(p + l4_off);
		uint16_t port = l4->src;
		l4->src = l4->dst;
		l4->dst = port;
	}
}

static void
five_tuple_swap_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[max_burst];
	uint16_t nb = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (unlikely(nb == 0))
		return;
	stat_add(&fs->rx_packets, nb);
	for (uint16_t i = 0; i < nb; i++)
		swap_packet(pkts[i]);
	tx_and_drop_rest(fs, pkts, nb);
}

const struct fwd_engine five_tuple_swap_engine = {"5tswap", nullptr, nullptr, five_tuple_swap_fwd};

} /* namespace testpmd */
