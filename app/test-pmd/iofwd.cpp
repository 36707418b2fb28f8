/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * io mode: packets go from the RX queue to the TX queue untouched. This is
 * the engine that measures the cost of the stack itself (rx burst, tx burst,
 * mbuf free), so it does nothing else.
 */

#include "testpmd.h"

namespace testpmd {

static void
io_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[max_burst];
	uint16_t nb = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (unlikely(nb == 0))
		return;
	stat_add(&fs->rx_packets, nb);
	tx_and_drop_rest(fs, pkts, nb);
}

const struct fwd_engine io_engine = {"io", nullptr, nullptr, io_fwd};

} /* namespace testpmd */
