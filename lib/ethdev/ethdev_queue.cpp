/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Queue set-up and release. ethdev owns the checks (port state, queue id,
 * pool fitness, descriptor limits, offloads) and what was asked for (kept
 * for rte_eth_*_queue_info_get); the driver owns the queue memory, created
 * in its setup op and freed in its release op. A queue set up again is
 * released first, so a driver never sees a queue slot already in use.
 */

#include <inttypes.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "ethdev_private.h"

namespace dpkit::ethdev_detail {

void
release_rx_queue(struct rte_eth_dev *dev, uint16_t q)
{
	if (dev->data->rx_queues[q] != nullptr && dev->dev_ops->rx_queue_release != nullptr)
		dev->dev_ops->rx_queue_release(dev, q);
	dev->data->rx_queues[q] = nullptr;
	dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	auto &setup = port(dev->data->port_id).rxq;
	if (q < setup.size())
		setup[q] = rxq_setup{};
}

void
release_tx_queue(struct rte_eth_dev *dev, uint16_t q)
{
	if (dev->data->tx_queues[q] != nullptr && dev->dev_ops->tx_queue_release != nullptr)
		dev->dev_ops->tx_queue_release(dev, q);
	dev->data->tx_queues[q] = nullptr;
	dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	auto &setup = port(dev->data->port_id).txq;
	if (q < setup.size())
		setup[q] = txq_setup{};
}

/* Release queues [from, RTE_MAX_QUEUES_PER_PORT) that exist. */
void
release_queues_from(struct rte_eth_dev *dev, uint16_t rx_from, uint16_t tx_from)
{
	for (unsigned q = rx_from; q < RTE_MAX_QUEUES_PER_PORT; q++)
		if (dev->data->rx_queues[q] != nullptr)
			release_rx_queue(dev, (uint16_t)q);
	for (unsigned q = tx_from; q < RTE_MAX_QUEUES_PER_PORT; q++)
		if (dev->data->tx_queues[q] != nullptr)
			release_tx_queue(dev, (uint16_t)q);
}

} // namespace dpkit::ethdev_detail

using namespace dpkit::ethdev_detail;

namespace {

int
check_desc(uint16_t port_id, const char *dir, uint16_t q, uint16_t nb_desc,
	   const struct rte_eth_desc_lim &lim)
{
	if (nb_desc > lim.nb_max || nb_desc < lim.nb_min ||
	    (lim.nb_align != 0 && nb_desc % lim.nb_align != 0)) {
		ETHDEV_LOG(ERR,
			   "port %u %sq %u: %u descriptors outside [%u, %u] or not a "
			   "multiple of %u; see rte_eth_dev_adjust_nb_rx_tx_desc()",
			   port_id, dir, q, nb_desc, lim.nb_min, lim.nb_max, lim.nb_align);
		return -EINVAL;
	}
	return 0;
}

} // namespace

/* ---- queues ---- */

namespace {

/* The port is configured and stopped, @q exists and a pool is given. */
int
check_rx_setup_state(uint16_t port_id, const struct rte_eth_dev *dev, uint16_t q,
		     const struct rte_mempool *mp)
{
	if (!dev->data->dev_configured) {
		ETHDEV_LOG(ERR,
			   "port %u rxq %u: port is not configured; call "
			   "rte_eth_dev_configure() first",
			   port_id, q);
		return -EINVAL;
	}
	if (q >= dev->data->nb_rx_queues) {
		ETHDEV_LOG(ERR, "port %u rxq %u: no such queue, %u rx queues configured", port_id,
			   q, dev->data->nb_rx_queues);
		return -EINVAL;
	}
	if (mp == nullptr) {
		ETHDEV_LOG(ERR,
			   "port %u rxq %u: mempool is NULL; create one with "
			   "rte_pktmbuf_pool_create()",
			   port_id, q);
		return -EINVAL;
	}
	if (dev->data->dev_started) {
		ETHDEV_LOG(ERR,
			   "port %u rxq %u: port is started; stop it before setting up "
			   "queues",
			   port_id, q);
		return -EBUSY;
	}
	return 0;
}

/* @mp is a packet mbuf pool whose buffers (data room in *room) fit the driver. */
int
check_rx_pool(uint16_t port_id, uint16_t q, const struct rte_eth_dev_info &info,
	      struct rte_mempool *mp, uint32_t *room)
{
	if (mp->private_data_size < sizeof(struct rte_pktmbuf_pool_private)) {
		ETHDEV_LOG(ERR,
			   "port %u rxq %u: pool %s is not a packet mbuf pool (private "
			   "area %u bytes); use rte_pktmbuf_pool_create()",
			   port_id, q, mp->name, mp->private_data_size);
		return -ENOSPC;
	}
	*room = rte_pktmbuf_data_room_size(mp);
	if (*room < RTE_PKTMBUF_HEADROOM || *room - RTE_PKTMBUF_HEADROOM < info.min_rx_bufsize) {
		ETHDEV_LOG(ERR,
			   "port %u rxq %u: pool %s mbufs hold %u bytes, driver %s "
			   "needs %u + %u headroom; create the pool with a larger data room",
			   port_id, q, mp->name, *room, info.driver_name, info.min_rx_bufsize,
			   RTE_PKTMBUF_HEADROOM);
		return -EINVAL;
	}
	return 0;
}

/* The queue's configuration (@rx_conf or the driver's default) checked,
 * with the port-wide offloads added, in *conf. */
int
rx_queue_conf(uint16_t port_id, const struct rte_eth_dev *dev, uint16_t q,
	      const struct rte_eth_dev_info &info, const struct rte_eth_rxconf *rx_conf,
	      struct rte_eth_rxconf *conf)
{
	*conf = rx_conf ? *rx_conf : info.default_rxconf;
	/* port-wide offloads are on for every queue already */
	uint64_t extra = conf->offloads & ~dev->data->dev_conf.rxmode.offloads;
	if ((extra & ~info.rx_queue_offload_capa) != 0) {
		ETHDEV_LOG(ERR, "port %u rxq %u: per-queue offload %s not supported by %s", port_id,
			   q, first_rx_offload(extra & ~info.rx_queue_offload_capa),
			   info.driver_name);
		return -EINVAL;
	}
	if (conf->rx_nseg != 0 || conf->rx_nmempool != 0 || conf->share_group != 0) {
		ETHDEV_LOG(ERR,
			   "port %u rxq %u: buffer split, multiple pools and shared "
			   "queues are not supported by %s",
			   port_id, q, info.driver_name);
		return -EINVAL;
	}
	conf->offloads |= dev->data->dev_conf.rxmode.offloads;
	if (conf->rx_deferred_start)
		ETHDEV_LOG(WARNING,
			   "port %u rxq %u: rx_deferred_start is not supported by %s "
			   "(no queue start/stop); the queue starts with the port, as with "
			   "DPDK's virtual drivers",
			   port_id, q, info.driver_name);
	return 0;
}

/* Remember a queue the driver set up, for restarts and queue info. */
void
record_rx_queue(uint16_t port_id, struct rte_eth_dev *dev, uint16_t q, uint16_t nb_desc,
		const struct rte_eth_rxconf &conf, struct rte_mempool *mp, uint32_t room)
{
	rxq_setup &s = port(port_id).rxq[q];
	s.set = true;
	s.mp = mp;
	s.nb_desc = nb_desc;
	s.conf = conf;
	uint32_t buf = room - RTE_PKTMBUF_HEADROOM;
	if (dev->data->min_rx_buf_size == 0 || buf < dev->data->min_rx_buf_size)
		dev->data->min_rx_buf_size = buf;
}

} // namespace

extern "C" int
rte_eth_rx_queue_setup(uint16_t port_id, uint16_t q, uint16_t nb_desc, unsigned int socket_id,
		       const struct rte_eth_rxconf *rx_conf, struct rte_mempool *mp)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "rx queue setup");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "rx queue setup"))
		return -E_RTE_SECONDARY;
	int ret = check_rx_setup_state(port_id, dev, q, mp);
	if (ret != 0)
		return ret;
	if (dev->dev_ops->rx_queue_setup == nullptr)
		return -ENOTSUP;

	struct rte_eth_dev_info info;
	ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	uint32_t room = 0;
	ret = check_rx_pool(port_id, q, info, mp, &room);
	if (ret != 0)
		return ret;
	if (nb_desc == 0)
		nb_desc = info.default_rxportconf.ring_size ? info.default_rxportconf.ring_size
							    : RTE_ETH_DEV_FALLBACK_RX_RINGSIZE;
	ret = check_desc(port_id, "rx", q, nb_desc, info.rx_desc_lim);
	if (ret != 0)
		return ret;
	struct rte_eth_rxconf conf;
	ret = rx_queue_conf(port_id, dev, q, info, rx_conf, &conf);
	if (ret != 0)
		return ret;

	release_rx_queue(dev, q);
	ret = dev->dev_ops->rx_queue_setup(dev, q, nb_desc, socket_id, &conf, mp);
	if (ret != 0)
		return ret;
	record_rx_queue(port_id, dev, q, nb_desc, conf, mp, room);
	return 0;
}

extern "C" int
rte_eth_tx_queue_setup(uint16_t port_id, uint16_t q, uint16_t nb_desc, unsigned int socket_id,
		       const struct rte_eth_txconf *tx_conf)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "tx queue setup");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "tx queue setup"))
		return -E_RTE_SECONDARY;
	if (!dev->data->dev_configured) {
		ETHDEV_LOG(ERR,
			   "port %u txq %u: port is not configured; call "
			   "rte_eth_dev_configure() first",
			   port_id, q);
		return -EINVAL;
	}
	if (q >= dev->data->nb_tx_queues) {
		ETHDEV_LOG(ERR, "port %u txq %u: no such queue, %u tx queues configured", port_id,
			   q, dev->data->nb_tx_queues);
		return -EINVAL;
	}
	if (dev->data->dev_started) {
		ETHDEV_LOG(ERR,
			   "port %u txq %u: port is started; stop it before setting up "
			   "queues",
			   port_id, q);
		return -EBUSY;
	}
	if (dev->dev_ops->tx_queue_setup == nullptr)
		return -ENOTSUP;

	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	if (nb_desc == 0)
		nb_desc = info.default_txportconf.ring_size ? info.default_txportconf.ring_size
							    : RTE_ETH_DEV_FALLBACK_TX_RINGSIZE;
	ret = check_desc(port_id, "tx", q, nb_desc, info.tx_desc_lim);
	if (ret != 0)
		return ret;

	struct rte_eth_txconf conf = tx_conf ? *tx_conf : info.default_txconf;
	uint64_t extra = conf.offloads & ~dev->data->dev_conf.txmode.offloads;
	if ((extra & ~info.tx_queue_offload_capa) != 0) {
		ETHDEV_LOG(ERR, "port %u txq %u: per-queue offload %s not supported by %s", port_id,
			   q, first_tx_offload(extra & ~info.tx_queue_offload_capa),
			   info.driver_name);
		return -EINVAL;
	}
	conf.offloads |= dev->data->dev_conf.txmode.offloads;
	if (conf.tx_deferred_start)
		ETHDEV_LOG(WARNING,
			   "port %u txq %u: tx_deferred_start is not supported by %s "
			   "(no queue start/stop); the queue starts with the port, as with "
			   "DPDK's virtual drivers",
			   port_id, q, info.driver_name);

	release_tx_queue(dev, q);
	ret = dev->dev_ops->tx_queue_setup(dev, q, nb_desc, socket_id, &conf);
	if (ret != 0)
		return ret;
	txq_setup &s = port(port_id).txq[q];
	s.set = true;
	s.nb_desc = nb_desc;
	s.conf = conf;
	return 0;
}

extern "C" int
rte_eth_rx_queue_info_get(uint16_t port_id, uint16_t q, struct rte_eth_rxq_info *qinfo)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "rx queue info");
	if (dev == nullptr)
		return -ENODEV;
	auto &setup = port(port_id).rxq;
	if (qinfo == nullptr || q >= dev->data->nb_rx_queues || q >= setup.size() ||
	    !setup[q].set) {
		ETHDEV_LOG(ERR,
			   "rx queue info port %u: queue %u is not set up or qinfo is "
			   "NULL",
			   port_id, q);
		return -EINVAL;
	}
	memset(qinfo, 0, sizeof(*qinfo));
	qinfo->mp = setup[q].mp;
	qinfo->conf = setup[q].conf;
	qinfo->nb_desc = setup[q].nb_desc;
	qinfo->queue_state = dev->data->rx_queue_state[q];
	qinfo->scattered_rx = dev->data->scattered_rx;
	qinfo->rx_buf_size = (uint16_t)(rte_pktmbuf_data_room_size(setup[q].mp) -
					RTE_PKTMBUF_HEADROOM);
	return 0;
}

extern "C" int
rte_eth_tx_queue_info_get(uint16_t port_id, uint16_t q, struct rte_eth_txq_info *qinfo)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "tx queue info");
	if (dev == nullptr)
		return -ENODEV;
	auto &setup = port(port_id).txq;
	if (qinfo == nullptr || q >= dev->data->nb_tx_queues || q >= setup.size() ||
	    !setup[q].set) {
		ETHDEV_LOG(ERR,
			   "tx queue info port %u: queue %u is not set up or qinfo is "
			   "NULL",
			   port_id, q);
		return -EINVAL;
	}
	memset(qinfo, 0, sizeof(*qinfo));
	qinfo->conf = setup[q].conf;
	qinfo->nb_desc = setup[q].nb_desc;
	qinfo->queue_state = dev->data->tx_queue_state[q];
	return 0;
}
