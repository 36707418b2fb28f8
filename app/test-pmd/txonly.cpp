/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * txonly mode: generate UDP/IPv4 packets of the --txpkts / "set txpkts"
 * segment lengths and send them; anything received is freed. The Ethernet,
 * IPv4 and UDP headers are prepared once per TX port when forwarding starts
 * (port_begin) and copied into each packet, so the per-packet cost is an
 * allocation, one 42-byte copy and the segment chaining. flowgen reuses this
 * builder (flowgen.cpp).
 */

#include "pkt_hdrs.h"
#include "testpmd.h"

namespace testpmd {

namespace {

struct pkt_template {
	eth_hdr eth;
	ipv4_hdr ip;
	udp_hdr udp;
} __attribute__((packed));

constexpr uint32_t src_ip = (198u << 24) | (18u << 16) | 1; /* 198.18.0.1 */
constexpr uint32_t dst_ip = (198u << 24) | (18u << 16) | 2; /* 198.18.0.2 */
constexpr uint16_t udp_port = 9;                            /* discard */
constexpr uint32_t n_flows = 1024;                          /* flowgen */

pkt_template templates[max_ports];

} /* namespace */

/* Checks the segment lengths against the pool and prepares the headers
 * for packets leaving on port_id. */
int
txonly_port_begin(uint16_t port_id)
{
	struct rte_mempool *mp = pool_for_socket(ports[port_id].socket);
	unsigned room = rte_pktmbuf_data_room_size(mp) - RTE_PKTMBUF_HEADROOM;
	unsigned total = 0;
	for (unsigned i = 0; i < cfg.nb_tx_segs; i++) {
		if (cfg.tx_seg_len[i] > room) {
			printf("txpkts segment %u is %u bytes but mbufs of %s hold %u; "
			       "use shorter segments or a larger --mbuf-size\n",
			       i, cfg.tx_seg_len[i], mp->name, room);
			return -EINVAL;
		}
		total += cfg.tx_seg_len[i];
	}
	pkt_template &t = templates[port_id];
	memset(&t, 0, sizeof(t));
	memcpy(t.eth.dst, cfg.peer[port_id].addr_bytes, 6);
	memcpy(t.eth.src, ports[port_id].mac.addr_bytes, 6);
	t.eth.ether_type = be16(ether_type_ipv4);
	t.ip.version_ihl = 0x45;
	t.ip.ttl = 64;
	t.ip.proto = proto_udp;
	t.ip.total_length = be16((uint16_t)(total - sizeof(eth_hdr)));
	t.ip.src = be32(src_ip);
	t.ip.dst = be32(dst_ip);
	t.ip.checksum = ipv4_cksum(&t.ip);
	t.udp.src = be16(udp_port);
	t.udp.dst = be16(udp_port);
	t.udp.len = be16((uint16_t)(total - sizeof(eth_hdr) - sizeof(ipv4_hdr)));
	return 0;
}

/* Chains the extra segments of one packet; false if the pool ran dry. */
static bool
add_segments(struct rte_mempool *mp, struct rte_mbuf *head)
{
	struct rte_mbuf *last = head;
	for (unsigned s = 1; s < cfg.nb_tx_segs; s++) {
		struct rte_mbuf *seg = rte_pktmbuf_alloc(mp);
		if (seg == nullptr)
			return false;
		seg->data_len = cfg.tx_seg_len[s];
		last->next = seg;
		last = seg;
		head->nb_segs++;
		head->pkt_len += seg->data_len;
	}
	return true;
}

uint16_t
build_tx_burst(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t nb, bool vary_flow)
{
	if (rte_pktmbuf_alloc_bulk(fs->pool, pkts, nb) != 0)
		return 0;
	const pkt_template &t = templates[fs->tx_port];
	for (uint16_t i = 0; i < nb; i++) {
		struct rte_mbuf *m = pkts[i];
		m->data_len = cfg.tx_seg_len[0];
		m->pkt_len = cfg.tx_seg_len[0];
		m->nb_segs = 1;
		m->port = fs->tx_port;
		pkt_template *h = rte_pktmbuf_mtod(m, pkt_template *);
		memcpy(h, &t, sizeof(t));
		if (vary_flow) {
			uint32_t flow = fs->flow_index++ % n_flows;
			h->ip.dst = be32(dst_ip + flow);
			h->ip.packet_id = be16(fs->ip_id++);
			h->ip.checksum = 0;
			h->ip.checksum = ipv4_cksum(&h->ip);
			h->udp.src = be16((uint16_t)(udp_port + flow));
		}
		if (unlikely(cfg.nb_tx_segs > 1) && !add_segments(fs->pool, m)) {
			/* pool exhausted: give back this packet and the rest */
			rte_pktmbuf_free_bulk(&pkts[i], nb - i);
			return i;
		}
	}
	return nb;
}

static void
txonly_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[max_burst];
	/* whatever arrives is not ours to keep */
	uint16_t nb_rx = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (nb_rx != 0) {
		stat_add(&fs->rx_packets, nb_rx);
		rte_pktmbuf_free_bulk(pkts, nb_rx);
	}
	uint16_t nb = build_tx_burst(fs, pkts, cfg.burst, false);
	if (nb != 0)
		tx_and_drop_rest(fs, pkts, nb);
}

const struct fwd_engine txonly_engine = {"txonly", txonly_port_begin, nullptr, txonly_fwd};

} /* namespace testpmd */
