/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mac mode: like io, but each frame leaves with the TX port's own MAC as
 * source and the peer's MAC (--eth-peer, default 02:00:00:00:00:<port>) as
 * destination, as a router's next hop would rewrite it.
 */

#include "pkt_hdrs.h"
#include "testpmd.h"

namespace testpmd {

static void
mac_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[max_burst];
	uint16_t nb = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (unlikely(nb == 0))
		return;
	stat_add(&fs->rx_packets, nb);
	const uint8_t *src = ports[fs->tx_port].mac.addr_bytes;
	const uint8_t *dst = cfg.peer[fs->tx_port].addr_bytes;
	for (uint16_t i = 0; i < nb; i++) {
		if (unlikely(rte_pktmbuf_data_len(pkts[i]) < sizeof(eth_hdr)))
			continue; /* runt: forwarded as is */
		eth_hdr *eth = rte_pktmbuf_mtod(pkts[i], eth_hdr *);
		memcpy(eth->dst, dst, 6);
		memcpy(eth->src, src, 6);
	}
	tx_and_drop_rest(fs, pkts, nb);
}

const struct fwd_engine mac_engine = {"mac", nullptr, nullptr, mac_fwd};

} /* namespace testpmd */
