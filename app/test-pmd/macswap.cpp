/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* macswap mode: each frame goes back with source and destination MAC swapped. */

#include "pkt_hdrs.h"
#include "testpmd.h"

namespace testpmd {

static void
macswap_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[max_burst];
	uint16_t nb = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (unlikely(nb == 0))
		return;
	stat_add(&fs->rx_packets, nb);
	for (uint16_t i = 0; i < nb; i++) {
		if (likely(rte_pktmbuf_data_len(pkts[i]) >= sizeof(eth_hdr)))
			swap_mac(rte_pktmbuf_mtod(pkts[i], eth_hdr *));
	}
	tx_and_drop_rest(fs, pkts, nb);
}

const struct fwd_engine macswap_engine = {"macswap", nullptr, nullptr, macswap_fwd};

} /* namespace testpmd */
