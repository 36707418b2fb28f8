/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* rxonly mode: receive and free; measures the receive side alone. */

#include "testpmd.h"

namespace testpmd {

static void
rxonly_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[max_burst];
	uint16_t nb = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);
	if (unlikely(nb == 0))
		return;
	stat_add(&fs->rx_packets, nb);
	rte_pktmbuf_free_bulk(pkts, nb);
}

const struct fwd_engine rxonly_engine = {"rxonly", nullptr, nullptr, rxonly_fwd};

} /* namespace testpmd */
