/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What software ports (net_null, net_ring) share: a link that is up
 * exactly while the port is started, and per-queue counters kept by the
 * queue's poller and summed by the control thread (ethdev_driver.h).
 */

#include <atomic>
#include <rte_ethdev.h>

#include "ethdev_driver.h"

namespace {

dpkit_eth_sw_queue_stats *
queue_stats(void *queue, size_t off)
{
	return reinterpret_cast<dpkit_eth_sw_queue_stats *>(static_cast<char *>(queue) + off);
}

/* A counter the poller bumps: a relaxed read gives a value it once had. */
uint64_t
counter(const uint64_t &c)
{
	/* std::atomic_ref of a const object is C++26; the load writes nothing */
	return std::atomic_ref(const_cast<uint64_t &>(c)).load(std::memory_order_relaxed);
}

/* Counts since the last reset. */
dpkit_eth_sw_counters
since_reset(const dpkit_eth_sw_queue_stats *s)
{
	return {counter(s->now.pkts) - s->base.pkts, counter(s->now.bytes) - s->base.bytes,
		counter(s->now.errs) - s->base.errs};
}

/* The poller's counters stay untouched: a reset moves the base. */
void
restart(dpkit_eth_sw_queue_stats *s)
{
	s->base = {counter(s->now.pkts), counter(s->now.bytes), counter(s->now.errs)};
}

} // namespace

extern "C" int
dpkit_eth_sw_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats, size_t rx_off,
		       size_t tx_off)
{
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		void *q = dev->data->rx_queues[i];
		if (q == nullptr)
			continue;
		dpkit_eth_sw_counters c = since_reset(queue_stats(q, rx_off));
		stats->ipackets += c.pkts;
		stats->ibytes += c.bytes;
		stats->ierrors += c.errs;
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			stats->q_ipackets[i] = c.pkts;
			stats->q_ibytes[i] = c.bytes;
			stats->q_errors[i] = c.errs;
		}
	}
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		void *q = dev->data->tx_queues[i];
		if (q == nullptr)
			continue;
		dpkit_eth_sw_counters c = since_reset(queue_stats(q, tx_off));
		stats->opackets += c.pkts;
		stats->obytes += c.bytes;
		stats->oerrors += c.errs;
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			stats->q_opackets[i] = c.pkts;
			stats->q_obytes[i] = c.bytes;
		}
	}
	return 0;
}

extern "C" int
dpkit_eth_sw_stats_reset(struct rte_eth_dev *dev, size_t rx_off, size_t tx_off)
{
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		if (void *q = dev->data->rx_queues[i])
			restart(queue_stats(q, rx_off));
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		if (void *q = dev->data->tx_queues[i])
			restart(queue_stats(q, tx_off));
	return 0;
}

extern "C" void
dpkit_eth_sw_link_set(struct rte_eth_dev *dev, int up)
{
	struct rte_eth_link link = {};
	link.link_speed = RTE_ETH_SPEED_NUM_10G;
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	link.link_autoneg = RTE_ETH_LINK_FIXED;
	link.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	bool changed = rte_eth_linkstatus_set(dev, &link) != 0;
	if (changed && dev->data->dev_conf.intr_conf.lsc)
		rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_LSC, nullptr);
}

extern "C" int
dpkit_eth_sw_link_up(struct rte_eth_dev *dev)
{
	dpkit_eth_sw_link_set(dev, 1);
	return 0;
}

extern "C" int
dpkit_eth_sw_link_down(struct rte_eth_dev *dev)
{
	dpkit_eth_sw_link_set(dev, 0);
	return 0;
}

extern "C" int
dpkit_eth_sw_link_update(struct rte_eth_dev *, int)
{
	return 0; /* dev_link is written on every change: nothing to poll */
}
