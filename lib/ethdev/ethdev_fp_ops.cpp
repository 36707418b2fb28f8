/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The fast-path table rte_eth_fp_ops[]. Every entry is valid from library
 * load on: a port that is not started points at a shared array of NULL
 * queue pointers, which the inline burst functions turn into "return 0"
 * with one predictable branch; the dummy burst functions are a second line
 * of defence for code that calls through the table directly.
 *
 * Start publishes the driver's entry: functions first, then the queue
 * arrays with a release store, so a poller that sees a queue also sees the
 * function that goes with it. Stop does the reverse order. Starting or
 * stopping while another thread polls the same port is still the
 * application's mistake (as in DPDK); this ordering only keeps such a
 * mistake from calling a NULL function.
 */

#include <atomic>
#include "ethdev_private.h"

struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

namespace {

void *no_queues[RTE_MAX_QUEUES_PER_PORT]; /* stays all NULL */

uint16_t
dummy_rx_burst(void *, struct rte_mbuf **, uint16_t)
{
	return 0;
}

uint16_t
dummy_tx_burst(void *, struct rte_mbuf **, uint16_t)
{
	return 0;
}

} // namespace

namespace dpkit::ethdev_detail {

void
fp_ops_reset(uint16_t port_id)
{
	struct rte_eth_fp_ops *p = &rte_eth_fp_ops[port_id];

	std::atomic_ref(p->rxq.data)
		.store(static_cast<void **>(no_queues), std::memory_order_release);
	std::atomic_ref(p->txq.data)
		.store(static_cast<void **>(no_queues), std::memory_order_release);
	p->rxq.clbk = no_queues;
	p->txq.clbk = no_queues;
	p->rx_pkt_burst = dummy_rx_burst;
	p->tx_pkt_burst = dummy_tx_burst;
	p->tx_pkt_prepare = nullptr;
	p->rx_queue_count = nullptr;
	p->rx_descriptor_status = nullptr;
	p->tx_descriptor_status = nullptr;
}

void
fp_ops_setup(struct rte_eth_dev *dev)
{
	struct rte_eth_fp_ops *p = &rte_eth_fp_ops[dev->data->port_id];

	p->rx_pkt_burst = dev->rx_pkt_burst ? dev->rx_pkt_burst : dummy_rx_burst;
	p->tx_pkt_burst = dev->tx_pkt_burst ? dev->tx_pkt_burst : dummy_tx_burst;
	p->tx_pkt_prepare = dev->tx_pkt_prepare;
	p->rx_queue_count = dev->rx_queue_count;
	p->rx_descriptor_status = dev->rx_descriptor_status;
	p->tx_descriptor_status = dev->tx_descriptor_status;
	p->rxq.clbk = reinterpret_cast<void **>(dev->post_rx_burst_cbs);
	p->txq.clbk = reinterpret_cast<void **>(dev->pre_tx_burst_cbs);
	std::atomic_ref(p->rxq.data).store(dev->data->rx_queues, std::memory_order_release);
	std::atomic_ref(p->txq.data).store(dev->data->tx_queues, std::memory_order_release);
}

} // namespace dpkit::ethdev_detail

/* Before any application code runs, every entry is the "not started" one. */
RTE_INIT_PRIO(eth_fp_ops_init, LOG)
{
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++)
		dpkit::ethdev_detail::fp_ops_reset(p);
}
