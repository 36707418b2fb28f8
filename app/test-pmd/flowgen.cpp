/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * flowgen mode: txonly traffic spread over 1024 flows (destination IPv4
 * address and UDP source port change with every packet), the traffic shape
 * that exercises RSS and flow tables on the receiving side.
 */

#include "testpmd.h"

namespace testpmd {

static void
flowgen_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[max_burst];
	uint16_t nb_rx = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (nb_rx != 0) {
		stat_add(&fs->rx_packets, nb_rx);
		rte_pktmbuf_free_bulk(pkts, nb_rx);
	}
	uint16_t nb = build_tx_burst(fs, pkts, cfg.burst, true);
	if (nb != 0)
		tx_and_drop_rest(fs, pkts, nb);
}

const struct fwd_engine flowgen_engine = {"flowgen", txonly_port_begin, nullptr, flowgen_fwd};

} /* namespace testpmd */
