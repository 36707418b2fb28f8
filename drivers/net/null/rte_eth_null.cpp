/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_null: a port with an endless source and a bottomless sink, for
 * measuring everything but the NIC. Receive hands out fresh mbufs from the
 * queue's pool with `size` bytes of data (copied from a zeroed template when
 * copy=1, left as found otherwise); transmit frees what it is given (after
 * copying it into a scratch buffer when copy=1), straight back to the pool
 * when the application enabled RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE. no-rx=1
 * makes receive return nothing.
 *
 * Link and per-queue counters are those of every software port
 * (dpkit_eth_sw_* in ethdev_driver.h). Queues and settings are rte_malloc
 * memory: a secondary process attaches to the primary's port and polls it.
 *
 *   --vdev 'net_null0,size=64,copy=0,no-rx=0'
 */

#include <atomic>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>

RTE_LOG_REGISTER(net_null_logtype, pmd.net.null, NOTICE);
/* One line per call: the macro appends the newline. */
#define NULL_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_null_logtype, "net_null: " fmt "\n", ##__VA_ARGS__)

namespace {

constexpr uint64_t default_packet_size = 64;
constexpr uint32_t max_mac_addrs = 16;
constexpr uint16_t reta_size = RTE_ETH_RSS_RETA_SIZE_128;
constexpr uint8_t rss_key_size = 40;

/* What receive writes into bytes 16..47 of each mbuf (rearm_data, ol_flags
 * and rx_descriptor_fields1), built once per queue: the fields
 * rte_pktmbuf_reset() would set, plus the packet's length, as two vector
 * stores instead of a dozen narrow ones. */
struct rx_template {
	uint16_t data_off;
	uint16_t refcnt;
	uint16_t nb_segs;
	uint16_t port;
	uint64_t ol_flags;
	uint32_t packet_type;
	uint32_t pkt_len;
	uint16_t data_len;
	uint16_t vlan_tci;
	uint32_t rss;
};
static_assert(sizeof(rx_template) == 32);
static_assert(offsetof(struct rte_mbuf, ol_flags) - offsetof(struct rte_mbuf, rearm_data) ==
	      offsetof(rx_template, ol_flags));
static_assert(offsetof(struct rte_mbuf, pkt_len) - offsetof(struct rte_mbuf, rearm_data) ==
	      offsetof(rx_template, pkt_len));
static_assert(offsetof(struct rte_mbuf, hash) - offsetof(struct rte_mbuf, rearm_data) ==
	      offsetof(rx_template, rss));

struct null_queue {
	struct rte_mempool *mb_pool; /* rx only */
	uint8_t *scratch;            /* copy=1: template (rx) or sink (tx) */
	rx_template rx_tmpl;         /* rx only */
	uint32_t packet_size;
	bool copy;
	bool fast_free; /* tx: the application promised RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE */
	uint16_t port_id;
	uint64_t *nombuf; /* the port's rx_mbuf_alloc_failed */
	dpkit_eth_sw_queue_stats stats;
} __rte_cache_aligned;

struct null_port {
	uint32_t packet_size;
	bool copy;
	bool no_rx;
	struct rte_eth_rss_reta_entry64 reta[reta_size / RTE_ETH_RETA_GROUP_SIZE];
	uint8_t rss_key[rss_key_size];
	uint64_t rss_hf;
};

null_port *
priv(struct rte_eth_dev *dev)
{
	return static_cast<null_port *>(dev->data->dev_private);
}

/* ---- fast path ---- */

/* The copy choice is a template parameter: no per-packet branch on it. */
template <bool Copy>
uint16_t
null_rx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	null_queue *h = static_cast<null_queue *>(q);

	if (unlikely(rte_mempool_get_bulk(h->mb_pool, (void **)bufs, nb_bufs) != 0)) {
		/* the port's counter, shared by the pollers of all its rx queues */
		std::atomic_ref(*(h->nombuf)).fetch_add(nb_bufs, std::memory_order_relaxed);
		return 0;
	}
	const uint16_t len = (uint16_t)h->packet_size;
	for (uint16_t i = 0; i < nb_bufs; i++) {
		struct rte_mbuf *m = bufs[i];
		/* A pooled mbuf already has next NULL and one segment (what
		 * __rte_mbuf_raw_sanity_check asserts): the template sets the
		 * rest of what rte_pktmbuf_reset() would. */
		__rte_mbuf_raw_sanity_check(m);
		memcpy((char *)m + offsetof(struct rte_mbuf, rearm_data), &h->rx_tmpl,
		       sizeof(h->rx_tmpl));
		m->vlan_tci_outer = 0;
		m->tx_offload = 0;
		if (Copy)
			memcpy(rte_pktmbuf_mtod(m, void *), h->scratch, len);
	}
	dpkit_eth_sw_count(&h->stats, nb_bufs, (uint64_t)nb_bufs * len, 0);
	return nb_bufs;
}

uint16_t
null_no_rx(void *, struct rte_mbuf **, uint16_t)
{
	return 0;
}

/* RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE: the application promised mbufs of one
 * pool, direct, with a reference count of 1, so single-segment ones go back
 * to the pool as they are, without rte_pktmbuf_prefree_seg() reading each.
 * A burst holding a chained packet takes the general path (the promise
 * allows chains; their segments need next and nb_segs reset). Debug builds
 * check the promise. */
void
fast_free(struct rte_mbuf **bufs, uint16_t n)
{
	struct rte_mempool *mp = bufs[0]->pool;
	bool chained = false;
	for (uint16_t i = 0; i < n; i++) {
		chained |= bufs[i]->nb_segs != 1;
		RTE_ASSERT(bufs[i]->pool == mp && RTE_MBUF_DIRECT(bufs[i]) &&
			   rte_mbuf_refcnt_read(bufs[i]) == 1);
	}
	if (unlikely(chained))
		rte_pktmbuf_free_bulk(bufs, n);
	else
		rte_mempool_put_bulk(mp, (void *const *)bufs, n);
}

template <bool Copy>
uint16_t
null_tx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	null_queue *h = static_cast<null_queue *>(q);
	uint64_t bytes = 0;

	for (uint16_t i = 0; i < nb_bufs; i++) {
		bytes += bufs[i]->pkt_len;
		if (Copy)
			memcpy(h->scratch, rte_pktmbuf_mtod(bufs[i], void *),
			       RTE_MIN((uint32_t)bufs[i]->data_len, h->packet_size));
	}
	if (h->fast_free && nb_bufs > 0)
		fast_free(bufs, nb_bufs);
	else
		rte_pktmbuf_free_bulk(bufs, nb_bufs);
	dpkit_eth_sw_count(&h->stats, nb_bufs, bytes, 0);
	return nb_bufs;
}

/* ---- control path ---- */

int
null_configure(struct rte_eth_dev *)
{
	return 0;
}

int
null_close(struct rte_eth_dev *)
{
	return 0; /* queues are released by ethdev, the rest by release_port */
}

int
null_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	info->max_mac_addrs = max_mac_addrs;
	info->max_rx_pktlen = UINT16_MAX;
	info->max_rx_queues = RTE_MAX_QUEUES_PER_PORT;
	info->max_tx_queues = RTE_MAX_QUEUES_PER_PORT;
	info->min_rx_bufsize = priv(dev)->packet_size;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	info->reta_size = reta_size;
	info->hash_key_size = rss_key_size;
	info->flow_type_rss_offloads = RTE_ETH_RSS_PROTO_MASK;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G | RTE_ETH_LINK_SPEED_FIXED;
	return 0;
}

void
free_queue(void *q)
{
	if (q == nullptr)
		return;
	rte_free(static_cast<null_queue *>(q)->scratch);
	rte_free(q);
}

null_queue *
new_queue(struct rte_eth_dev *dev, unsigned int socket_id)
{
	null_port *p = priv(dev);
	int socket = socket_id == (unsigned int)SOCKET_ID_ANY ? dev->data->numa_node
							      : (int)socket_id;
	auto *q = static_cast<null_queue *>(
		rte_zmalloc_socket("null_queue", sizeof(null_queue), RTE_CACHE_LINE_SIZE, socket));
	if (q == nullptr)
		return nullptr;
	q->packet_size = p->packet_size;
	q->copy = p->copy;
	q->port_id = dev->data->port_id;
	q->nombuf = &dev->data->rx_mbuf_alloc_failed;
	if (p->copy) {
		q->scratch = static_cast<uint8_t *>(
			rte_zmalloc_socket("null_scratch", p->packet_size, 0, socket));
		if (q->scratch == nullptr) {
			rte_free(q);
			return nullptr;
		}
	}
	return q;
}

int
null_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int socket_id,
	      const struct rte_eth_rxconf *, struct rte_mempool *mp)
{
	null_queue *q = new_queue(dev, socket_id);
	if (q == nullptr) {
		NULL_LOG(ERR, "%s rxq %u: out of memory", dev->data->name, qid);
		return -ENOMEM;
	}
	int chunks = dpkit_eth_dev_register_mempool(dev, mp);
	if (chunks < 0) {
		free_queue(q);
		return chunks;
	}
	NULL_LOG(DEBUG, "%s rxq %u: pool %s registered, %d memory chunks", dev->data->name, qid,
		 mp->name, chunks);
	q->mb_pool = mp;
	const uint16_t room = rte_pktmbuf_data_room_size(mp);
	q->rx_tmpl = rx_template{
		.data_off = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM, room),
		.refcnt = 1,
		.nb_segs = 1,
		.port = dev->data->port_id,
		/* mbufs of a pinned-buffer pool keep their external buffer */
		.ol_flags = (rte_pktmbuf_priv_flags(mp) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)
				    ? RTE_MBUF_F_EXTERNAL
				    : 0,
		.packet_type = 0,
		.pkt_len = q->packet_size,
		.data_len = (uint16_t)q->packet_size,
		.vlan_tci = 0,
		.rss = 0,
	};
	dev->data->rx_queues[qid] = q;
	return 0;
}

int
null_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int socket_id,
	      const struct rte_eth_txconf *conf)
{
	null_queue *q = new_queue(dev, socket_id);
	if (q == nullptr) {
		NULL_LOG(ERR, "%s txq %u: out of memory", dev->data->name, qid);
		return -ENOMEM;
	}
	/* port-wide offloads are not repeated in the queue's own */
	uint64_t offloads = dev->data->dev_conf.txmode.offloads | (conf ? conf->offloads : 0);
	q->fast_free = (offloads & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE) != 0;
	dev->data->tx_queues[qid] = q;
	return 0;
}

void
null_rx_release(struct rte_eth_dev *dev, uint16_t qid)
{
	free_queue(dev->data->rx_queues[qid]);
}

void
null_tx_release(struct rte_eth_dev *dev, uint16_t qid)
{
	free_queue(dev->data->tx_queues[qid]);
}

constexpr size_t stats_off = offsetof(null_queue, stats);

int
null_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	return dpkit_eth_sw_stats_get(dev, stats, stats_off, stats_off);
}

int
null_stats_reset(struct rte_eth_dev *dev)
{
	return dpkit_eth_sw_stats_reset(dev, stats_off, stats_off);
}

int
null_promisc(struct rte_eth_dev *)
{
	return 0; /* a null port receives everything it makes up anyway */
}

int
null_mtu_set(struct rte_eth_dev *, uint16_t)
{
	return 0;
}

int
null_mac_add(struct rte_eth_dev *, struct rte_ether_addr *, uint32_t, uint32_t)
{
	return 0;
}

void
null_mac_remove(struct rte_eth_dev *, uint32_t)
{
}

int
null_mac_set(struct rte_eth_dev *, struct rte_ether_addr *)
{
	return 0;
}

int
null_reta_update(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta, uint16_t size)
{
	null_port *p = priv(dev);
	for (uint16_t g = 0; g < size / RTE_ETH_RETA_GROUP_SIZE; g++)
		for (unsigned int j = 0; j < RTE_ETH_RETA_GROUP_SIZE; j++)
			if (reta[g].mask & RTE_BIT64(j))
				p->reta[g].reta[j] = reta[g].reta[j];
	return 0;
}

int
null_reta_query(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta, uint16_t size)
{
	null_port *p = priv(dev);
	for (uint16_t g = 0; g < size / RTE_ETH_RETA_GROUP_SIZE; g++)
		for (unsigned int j = 0; j < RTE_ETH_RETA_GROUP_SIZE; j++)
			if (reta[g].mask & RTE_BIT64(j))
				reta[g].reta[j] = p->reta[g].reta[j];
	return 0;
}

int
null_rss_update(struct rte_eth_dev *dev, struct rte_eth_rss_conf *conf)
{
	null_port *p = priv(dev);
	p->rss_hf = conf->rss_hf;
	if (conf->rss_key != nullptr)
		memcpy(p->rss_key, conf->rss_key, rss_key_size);
	return 0;
}

int
null_rss_get(struct rte_eth_dev *dev, struct rte_eth_rss_conf *conf)
{
	null_port *p = priv(dev);
	conf->rss_hf = p->rss_hf;
	if (conf->rss_key != nullptr) {
		memcpy(conf->rss_key, p->rss_key, rss_key_size);
		conf->rss_key_len = rss_key_size;
	}
	return 0;
}

const struct eth_dev_ops null_ops = [] {
	struct eth_dev_ops o = {};
	o.dev_configure = null_configure;
	o.dev_start = dpkit_eth_sw_link_up;
	o.dev_stop = dpkit_eth_sw_link_down;
	o.dev_set_link_up = dpkit_eth_sw_link_up;
	o.dev_set_link_down = dpkit_eth_sw_link_down;
	o.dev_close = null_close;
	o.link_update = dpkit_eth_sw_link_update;
	o.promiscuous_enable = null_promisc;
	o.promiscuous_disable = null_promisc;
	o.allmulticast_enable = null_promisc;
	o.allmulticast_disable = null_promisc;
	o.mac_addr_add = null_mac_add;
	o.mac_addr_remove = null_mac_remove;
	o.mac_addr_set = null_mac_set;
	o.mtu_set = null_mtu_set;
	o.stats_get = null_stats_get;
	o.stats_reset = null_stats_reset;
	o.dev_infos_get = null_info;
	o.rx_queue_setup = null_rx_setup;
	o.rx_queue_release = null_rx_release;
	o.tx_queue_setup = null_tx_setup;
	o.tx_queue_release = null_tx_release;
	o.reta_update = null_reta_update;
	o.reta_query = null_reta_query;
	o.rss_hash_update = null_rss_update;
	o.rss_hash_conf_get = null_rss_get;
	return o;
}();

/* ---- probe / remove ---- */

/* Secondary process: the port and its settings are the primary's (in
 * dev_private); only this process's functions are set here. */
int
null_attach(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = rte_eth_dev_attach_secondary(rte_vdev_device_name(vdev));
	if (dev == nullptr)
		return -ENODEV;
	null_port *p = priv(dev);
	dev->device = &vdev->device;
	dev->dev_ops = &null_ops;
	dev->rx_pkt_burst = p->no_rx ? null_no_rx : p->copy ? null_rx<true> : null_rx<false>;
	dev->tx_pkt_burst = p->copy ? null_tx<true> : null_tx<false>;
	rte_eth_dev_probing_finish(dev);
	return 0;
}

int
null_probe(struct rte_vdev_device *vdev)
{
	static const char *const keys[] = {"size", "copy", "no-rx", nullptr};
	const char *name = rte_vdev_device_name(vdev);
	if (rte_eal_process_type() == RTE_PROC_SECONDARY)
		return null_attach(vdev);
	uint64_t size = default_packet_size, copy = 0, no_rx = 0;

	struct rte_kvargs *kvlist = dpkit_vdev_parse_args(vdev, keys);
	if (kvlist == nullptr)
		return -EINVAL;
	int ret = dpkit_vdev_arg_uint(vdev, kvlist, "size", 1, UINT16_MAX, &size);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kvlist, "copy", 0, 1, &copy);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kvlist, "no-rx", 0, 1, &no_rx);
	rte_kvargs_free(kvlist);
	if (ret != 0)
		return ret;
	if (copy && no_rx) {
		NULL_LOG(ERR, "%s: copy=1 and no-rx=1 together make no sense; drop one", name);
		return -EINVAL;
	}

	struct rte_eth_dev *dev = rte_eth_dev_allocate(name);
	if (dev == nullptr)
		return -ENOSPC;
	int socket = vdev->device.numa_node;
	auto *p = static_cast<null_port *>(
		rte_zmalloc_socket(name, sizeof(null_port), RTE_CACHE_LINE_SIZE, socket));
	auto *macs = static_cast<struct rte_ether_addr *>(
		rte_zmalloc_socket(name, max_mac_addrs * sizeof(struct rte_ether_addr), 0, socket));
	dev->data->dev_private = p;
	dev->data->mac_addrs = macs;
	if (p == nullptr || macs == nullptr) {
		NULL_LOG(ERR, "%s: out of memory for the port", name);
		rte_eth_dev_release_port(dev); /* frees both */
		return -ENOMEM;
	}
	p->packet_size = (uint32_t)size;
	p->copy = copy != 0;
	p->no_rx = no_rx != 0;
	for (uint16_t i = 0; i < reta_size; i++)
		p->reta[i / RTE_ETH_RETA_GROUP_SIZE].reta[i % RTE_ETH_RETA_GROUP_SIZE] = 0;
	rte_eth_random_addr(macs[0].addr_bytes);

	dev->device = &vdev->device;
	dev->dev_ops = &null_ops;
	dev->rx_pkt_burst = p->no_rx ? null_no_rx : p->copy ? null_rx<true> : null_rx<false>;
	dev->tx_pkt_burst = p->copy ? null_tx<true> : null_tx<false>;
	dev->data->numa_node = socket;
	dev->data->dev_flags = RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS | RTE_ETH_DEV_INTR_LSC;
	dpkit_eth_sw_link_set(dev, 0);
	rte_eth_dev_probing_finish(dev);
	NULL_LOG(INFO, "%s: port %u, size=%u copy=%d no-rx=%d", name, dev->data->port_id,
		 p->packet_size, p->copy, p->no_rx);
	return 0;
}

int
null_remove(struct rte_vdev_device *vdev)
{
	return dpkit_eth_dev_destroy(rte_vdev_device_name(vdev));
}

struct rte_vdev_driver null_driver = {
	{},
	null_probe,
	null_remove,
	0,
};

} // namespace

RTE_PMD_REGISTER_VDEV(net_null, null_driver);
RTE_PMD_REGISTER_ALIAS(net_null, eth_null);
RTE_PMD_REGISTER_PARAM_STRING(net_null, "size=<int> copy=<int> no-rx=<int>");
