/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_ring: each queue is an rte_ring of mbuf pointers; tx enqueues, rx
 * dequeues, nothing is copied. Ports come from:
 *   - rte_eth_from_rings(): the application's rings (never freed here);
 *   - --vdev net_ring0: 16 rings "ETH_RXTX<i>_net_ring0", queue i using ring
 *     i for both directions (a loop-back port); if they already exist
 *     (another process-local port made them) the port attaches to them;
 *   - --vdev net_ring0,nodeaction=<rings>:<node>:CREATE|ATTACH: the same
 *     rings named after <rings> instead, made on NUMA node <node>
 *     (CREATE) or looked up (ATTACH) — two ports naming the same <rings>
 *     share a cable.
 * The port frees only what it made (the rule of DPDK 22.11): the rings it
 * created, reference counted per process and freed by the close of the last
 * port using them. Rings found in place (the application's, whether given
 * to rte_eth_from_rings() or found by name) stay the application's, with
 * their contents. The mbufs in a ring are never the port's: at close they
 * stay where they are, since their pool may be gone already; a ring freed
 * with mbufs in it says how many in one log line.
 *
 * Counters are DPDK 22.11's: packets in and out per queue, no bytes, no
 * errors. A burst the ring cannot take whole returns the count it took and
 * the rest stays the caller's, who may send it again; counting it as an
 * error would count a retried packet twice. A queue on a ring with several
 * producers (or consumers) may be polled by several lcores at once, as the
 * ring allows: its counts are then atomic adds.
 *
 * The application's rings reach probe through a process-local table: the
 * argument "internal=<n>" names entry n, so no pointer ever travels in text.
 *
 * A secondary process attaches to the primary's port: queues and rings are
 * in shared memory, the ring references stay the primary's.
 */

#include <stdio.h>
#include <string.h>

#include <map>
#include <mutex>
#include <string>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>

#include "rte_eth_ring.h"

RTE_LOG_REGISTER(net_ring_logtype, pmd.net.ring, NOTICE);
/* One line per call: the macro appends the newline. */
#define RING_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_ring_logtype, "net_ring: " fmt "\n", ##__VA_ARGS__)

namespace {

constexpr unsigned int max_queues = 16;
constexpr unsigned int own_ring_size = 1024;
constexpr uint32_t max_mac_addrs = 16;

struct ring_queue {
	struct rte_ring *rng;
	dpkit_eth_sw_queue_stats stats; /* packets only: no bytes, no errors */
} __rte_cache_aligned;

struct ring_port {
	unsigned int nb_rx;
	unsigned int nb_tx;
	bool holds_ref[max_queues]; /* rx[i].rng is a ring this driver made */
	ring_queue rx[max_queues];
	ring_queue tx[max_queues];
};

/* What rte_eth_from_rings() hands to probe. */
struct given_rings {
	struct rte_ring *const *rx;
	unsigned int nb_rx;
	struct rte_ring *const *tx;
	unsigned int nb_tx;
	int numa_node;
};

struct driver_state {
	std::mutex lock;
	std::map<uint64_t, given_rings> pending; /* internal=<n> -> rings */
	uint64_t next_token = 1;
	std::map<struct rte_ring *, int> refs; /* rings this driver made */
};

driver_state &
ds()
{
	static driver_state s;
	return s;
}

ring_port *
priv(struct rte_eth_dev *dev)
{
	return static_cast<ring_port *>(dev->data->dev_private);
}

/* ---- fast path ---- */

uint16_t
ring_rx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	ring_queue *r = static_cast<ring_queue *>(q);
	unsigned int n = rte_ring_dequeue_burst(r->rng, reinterpret_cast<void **>(bufs), nb_bufs,
						nullptr);
	if (r->rng->flags & RING_F_SC_DEQ)
		dpkit_eth_sw_count(&r->stats, n, 0, 0);
	else
		dpkit_eth_sw_count_shared(&r->stats, n, 0);
	return (uint16_t)n;
}

uint16_t
ring_tx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	ring_queue *r = static_cast<ring_queue *>(q);
	unsigned int n = rte_ring_enqueue_burst(r->rng, reinterpret_cast<void **>(bufs), nb_bufs,
						nullptr);
	/* what the ring had no room for is still the caller's, not an error */
	if (r->rng->flags & RING_F_SP_ENQ)
		dpkit_eth_sw_count(&r->stats, n, 0, 0);
	else
		dpkit_eth_sw_count_shared(&r->stats, n, 0);
	return (uint16_t)n;
}

/* ---- control path ---- */

int
ring_configure(struct rte_eth_dev *)
{
	return 0;
}

/*
 * Drop one reference to each of @p rings[i] with @p held[i] (caller holds
 * ds().lock); a ring nobody uses any more is freed, without touching the
 * mbufs in it. @return mbufs left in the rings freed.
 */
unsigned int
unref_rings(struct rte_ring *const *rings, const bool *held, unsigned int n)
{
	unsigned int left = 0;
	for (unsigned int i = 0; i < n; i++) {
		if (!held[i])
			continue;
		auto it = ds().refs.find(rings[i]);
		if (it == ds().refs.end() || --it->second > 0)
			continue;
		left += rte_ring_count(it->first);
		rte_ring_free(it->first);
		ds().refs.erase(it);
	}
	return left;
}

int
ring_close(struct rte_eth_dev *dev)
{
	ring_port *p = priv(dev);
	struct rte_ring *rings[max_queues];
	/* in a loop-back port rx[i] and tx[i] are the same ring: count it once */
	for (unsigned int i = 0; i < p->nb_rx; i++)
		rings[i] = p->rx[i].rng;
	unsigned int left;
	{
		std::lock_guard<std::mutex> guard(ds().lock);
		left = unref_rings(rings, p->holds_ref, p->nb_rx);
	}
	memset(p->holds_ref, 0, sizeof(p->holds_ref));
	if (left != 0)
		RING_LOG(NOTICE,
			 "%s: closed with %u mbufs in its rings; they are not freed "
			 "(receive them before closing the port to return them to their pool)",
			 dev->data->name, left);
	return 0;
}

int
ring_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	info->max_mac_addrs = max_mac_addrs;
	info->max_rx_pktlen = UINT32_MAX;
	info->max_rx_queues = (uint16_t)priv(dev)->nb_rx;
	info->max_tx_queues = (uint16_t)priv(dev)->nb_tx;
	info->min_rx_bufsize = 0;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G | RTE_ETH_LINK_SPEED_FIXED;
	return 0;
}

int
ring_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int,
	      const struct rte_eth_rxconf *, struct rte_mempool *)
{
	dev->data->rx_queues[qid] = &priv(dev)->rx[qid];
	return 0;
}

int
ring_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int,
	      const struct rte_eth_txconf *)
{
	dev->data->tx_queues[qid] = &priv(dev)->tx[qid];
	return 0;
}

void
ring_queue_release(struct rte_eth_dev *, uint16_t)
{
	/* queues live in the port structure; nothing to free */
}

constexpr size_t stats_off = offsetof(ring_queue, stats);

int
ring_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	return dpkit_eth_sw_stats_get(dev, stats, stats_off, stats_off);
}

int
ring_stats_reset(struct rte_eth_dev *dev)
{
	return dpkit_eth_sw_stats_reset(dev, stats_off, stats_off);
}

int
ring_ok(struct rte_eth_dev *)
{
	return 0;
}

int
ring_mtu_set(struct rte_eth_dev *, uint16_t)
{
	return 0;
}

int
ring_mac_add(struct rte_eth_dev *, struct rte_ether_addr *, uint32_t, uint32_t)
{
	return 0;
}

void
ring_mac_remove(struct rte_eth_dev *, uint32_t)
{
}

int
ring_mac_set(struct rte_eth_dev *, struct rte_ether_addr *)
{
	return 0;
}

const struct eth_dev_ops ring_ops = [] {
	struct eth_dev_ops o = {};
	o.dev_configure = ring_configure;
	o.dev_start = dpkit_eth_sw_link_up;
	o.dev_stop = dpkit_eth_sw_link_down;
	o.dev_set_link_up = dpkit_eth_sw_link_up;
	o.dev_set_link_down = dpkit_eth_sw_link_down;
	o.dev_close = ring_close;
	o.link_update = dpkit_eth_sw_link_update;
	o.promiscuous_enable = ring_ok;
	o.promiscuous_disable = ring_ok;
	o.allmulticast_enable = ring_ok;
	o.allmulticast_disable = ring_ok;
	o.mac_addr_add = ring_mac_add;
	o.mac_addr_remove = ring_mac_remove;
	o.mac_addr_set = ring_mac_set;
	o.mtu_set = ring_mtu_set;
	o.stats_get = ring_stats_get;
	o.stats_reset = ring_stats_reset;
	o.dev_infos_get = ring_info;
	o.rx_queue_setup = ring_rx_setup;
	o.rx_queue_release = ring_queue_release;
	o.tx_queue_setup = ring_tx_setup;
	o.tx_queue_release = ring_queue_release;
	return o;
}();

/* ---- port creation ---- */

int
create_port(struct rte_vdev_device *vdev, const given_rings &g, const bool *held)
{
	const char *name = rte_vdev_device_name(vdev);
	struct rte_eth_dev *dev = rte_eth_dev_allocate(name);
	if (dev == nullptr)
		return -ENOSPC;
	auto *p = static_cast<ring_port *>(
		rte_zmalloc_socket(name, sizeof(ring_port), RTE_CACHE_LINE_SIZE, g.numa_node));
	auto *macs = static_cast<struct rte_ether_addr *>(rte_zmalloc_socket(
		name, max_mac_addrs * sizeof(struct rte_ether_addr), 0, g.numa_node));
	dev->data->dev_private = p;
	dev->data->mac_addrs = macs;
	if (p == nullptr || macs == nullptr) {
		RING_LOG(ERR, "%s: out of memory for the port", name);
		rte_eth_dev_release_port(dev);
		return -ENOMEM;
	}
	p->nb_rx = g.nb_rx;
	p->nb_tx = g.nb_tx;
	for (unsigned int i = 0; i < g.nb_rx; i++) {
		p->rx[i].rng = g.rx[i];
		p->holds_ref[i] = held != nullptr && held[i];
	}
	for (unsigned int i = 0; i < g.nb_tx; i++)
		p->tx[i].rng = g.tx[i];
	rte_eth_random_addr(macs[0].addr_bytes);

	dev->device = &vdev->device;
	dev->dev_ops = &ring_ops;
	dev->rx_pkt_burst = ring_rx;
	dev->tx_pkt_burst = ring_tx;
	dev->data->numa_node = g.numa_node;
	dev->data->dev_flags = RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS | RTE_ETH_DEV_INTR_LSC;
	dpkit_eth_sw_link_set(dev, 0);
	rte_eth_dev_probing_finish(dev);
	RING_LOG(INFO, "%s: port %u, %u rx / %u tx rings", name, dev->data->port_id, g.nb_rx,
		 g.nb_tx);
	return 0;
}

enum class ring_action { create, attach, create_or_attach };

/*
 * Make or find the 16 loop-back rings named after @p group. On success
 * @p held[i] says whether rings[i] is one this driver made, which then
 * holds one more reference (dropped at close); a ring found that the
 * driver did not make is the application's and takes no reference.
 */
int
get_rings(const char *devname, const std::string &group, int node, ring_action action,
	  struct rte_ring *rings[max_queues], bool held[max_queues])
{
	std::lock_guard<std::mutex> guard(ds().lock);
	unsigned int got = 0;
	int ret = 0;
	for (; got < max_queues; got++) {
		char rname[RTE_RING_NAMESIZE];
		if (snprintf(rname, sizeof(rname), "ETH_RXTX%u_%s", got, group.c_str()) >=
		    (int)sizeof(rname)) {
			RING_LOG(ERR,
				 "%s: ring group name '%s' is too long (ring names have "
				 "at most %d characters); use a shorter one",
				 devname, group.c_str(), (int)RTE_RING_NAMESIZE - 1);
			ret = -EINVAL;
			break;
		}
		/* look first: rte_ring_create logs an error for a name in use */
		struct rte_ring *r = nullptr;
		if (action != ring_action::create)
			r = rte_ring_lookup(rname);
		bool made = false;
		if (r == nullptr && action != ring_action::attach) {
			r = rte_ring_create(rname, own_ring_size, node,
					    RING_F_SP_ENQ | RING_F_SC_DEQ);
			made = r != nullptr;
		}
		if (r == nullptr) {
			RING_LOG(ERR, "%s: cannot %s ring %s (%s)%s", devname,
				 action == ring_action::attach ? "find" : "create", rname,
				 rte_strerror(rte_errno),
				 action == ring_action::attach ? "; CREATE it with another "
								 "port first"
							       : "");
			ret = rte_errno ? -rte_errno : -ENOMEM;
			break;
		}
		rings[got] = r;
		held[got] = made || ds().refs.count(r) != 0;
		if (held[got])
			ds().refs[r]++;
	}
	if (ret == 0)
		return 0;
	unref_rings(rings, held, got); /* undo the references taken so far */
	return ret;
}

/* "rings:node:CREATE|ATTACH" */
int
parse_nodeaction(struct rte_vdev_device *vdev, struct rte_kvargs *kvlist, std::string &group,
		 int &node, ring_action &action)
{
	char value[128] = "";
	int ret = dpkit_vdev_arg_string(vdev, kvlist, "nodeaction", value, sizeof(value));
	if (ret != 0)
		return ret;
	std::string v(value);
	size_t c1 = v.find(':');
	size_t c2 = c1 == std::string::npos ? c1 : v.find(':', c1 + 1);
	if (c2 != std::string::npos) {
		group = v.substr(0, c1);
		std::string node_s = v.substr(c1 + 1, c2 - c1 - 1);
		std::string act = v.substr(c2 + 1);
		char *end = nullptr;
		long n = strtol(node_s.c_str(), &end, 10);
		bool node_ok = !node_s.empty() && *end == '\0' && n >= 0 && n < RTE_MAX_NUMA_NODES;
		if (!group.empty() && node_ok && (act == "CREATE" || act == "ATTACH")) {
			node = (int)n;
			action = act == "CREATE" ? ring_action::create : ring_action::attach;
			return 0;
		}
	}
	RING_LOG(ERR, "%s: argument 'nodeaction=%s' must be <rings>:<numa node>:CREATE|ATTACH",
		 rte_vdev_device_name(vdev), value);
	return -EINVAL;
}

/* Secondary process: the port, its queues and rings are the primary's. */
int
ring_attach(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev = rte_eth_dev_attach_secondary(rte_vdev_device_name(vdev));
	if (dev == nullptr)
		return -ENODEV;
	dev->device = &vdev->device;
	dev->dev_ops = &ring_ops;
	dev->rx_pkt_burst = ring_rx;
	dev->tx_pkt_burst = ring_tx;
	rte_eth_dev_probing_finish(dev);
	return 0;
}

int
ring_probe(struct rte_vdev_device *vdev)
{
	static const char *const keys[] = {"nodeaction", "internal", nullptr};
	const char *name = rte_vdev_device_name(vdev);
	if (rte_eal_process_type() == RTE_PROC_SECONDARY)
		return ring_attach(vdev);
	struct rte_kvargs *kvlist = dpkit_vdev_parse_args(vdev, keys);
	if (kvlist == nullptr)
		return -EINVAL;

	uint64_t token = 0;
	int ret = dpkit_vdev_arg_uint(vdev, kvlist, "internal", 1, UINT64_MAX, &token);
	if (ret == 0 && token != 0) {
		rte_kvargs_free(kvlist);
		given_rings g;
		{
			std::lock_guard<std::mutex> guard(ds().lock);
			auto it = ds().pending.find(token);
			if (it == ds().pending.end()) {
				RING_LOG(ERR,
					 "%s: argument 'internal' is reserved for "
					 "rte_eth_from_rings(); use nodeaction=",
					 name);
				return -EINVAL;
			}
			g = it->second;
		}
		return create_port(vdev, g, nullptr);
	}

	std::string group = name;
	int node = (int)rte_socket_id();
	ring_action action = ring_action::create_or_attach;
	if (ret == 0 && rte_kvargs_count(kvlist, "nodeaction") > 0)
		ret = parse_nodeaction(vdev, kvlist, group, node, action);
	rte_kvargs_free(kvlist);
	if (ret != 0)
		return ret;

	struct rte_ring *rings[max_queues];
	bool held[max_queues];
	ret = get_rings(name, group, node, action, rings, held);
	if (ret != 0)
		return ret;
	given_rings g = {rings, max_queues, rings, max_queues, node};
	ret = create_port(vdev, g, held);
	if (ret != 0) {
		std::lock_guard<std::mutex> guard(ds().lock);
		unref_rings(rings, held, max_queues);
	}
	return ret;
}

int
ring_remove(struct rte_vdev_device *vdev)
{
	return dpkit_eth_dev_destroy(rte_vdev_device_name(vdev));
}

struct rte_vdev_driver ring_driver = {
	{},
	ring_probe,
	ring_remove,
	0,
};

} // namespace

RTE_PMD_REGISTER_VDEV(net_ring, ring_driver);
RTE_PMD_REGISTER_ALIAS(net_ring, eth_ring);
RTE_PMD_REGISTER_PARAM_STRING(net_ring, "nodeaction=name:node:action(ATTACH|CREATE)");

/* ---- application API ---- */

extern "C" int
rte_eth_from_rings(const char *name, struct rte_ring *const rx_queues[],
		   const unsigned nb_rx_queues, struct rte_ring *const tx_queues[],
		   const unsigned nb_tx_queues, const unsigned numa_node)
{
	bool ok = name != nullptr && rx_queues != nullptr && tx_queues != nullptr &&
		  nb_rx_queues >= 1 && nb_rx_queues <= max_queues && nb_tx_queues >= 1 &&
		  nb_tx_queues <= max_queues;
	for (unsigned int i = 0; ok && i < nb_rx_queues; i++)
		ok = rx_queues[i] != nullptr;
	for (unsigned int i = 0; ok && i < nb_tx_queues; i++)
		ok = tx_queues[i] != nullptr;
	if (!ok) {
		RING_LOG(ERR,
			 "from rings %s: name and ring arrays must be non-NULL with 1 to %u "
			 "non-NULL rings each",
			 name ? name : "(null)", max_queues);
		rte_errno = EINVAL;
		return -1;
	}
	uint64_t token;
	{
		std::lock_guard<std::mutex> guard(ds().lock);
		token = ds().next_token++;
		int node = numa_node == (unsigned)SOCKET_ID_ANY ? (int)rte_socket_id()
								: (int)numa_node;
		ds().pending[token] = {rx_queues, nb_rx_queues, tx_queues, nb_tx_queues, node};
	}
	std::string args = "internal=" + std::to_string(token);
	int ret = dpkit_vdev_init_with_driver("net_ring", name, args.c_str());
	{
		std::lock_guard<std::mutex> guard(ds().lock);
		ds().pending.erase(token);
	}
	uint16_t port_id;
	if (ret == 0 && rte_eth_dev_get_port_by_name(name, &port_id) == 0)
		return port_id;
	rte_errno = ret < 0 ? -ret : EINVAL;
	return -1;
}

extern "C" int
rte_eth_from_ring(struct rte_ring *r)
{
	if (r == nullptr) {
		RING_LOG(ERR, "from ring: ring is NULL");
		rte_errno = EINVAL;
		return -1;
	}
	struct rte_ring *const rings[1] = {r};
	return rte_eth_from_rings(r->name, rings, 1, rings, 1, (unsigned)SOCKET_ID_ANY);
}
