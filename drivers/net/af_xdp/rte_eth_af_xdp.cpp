/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_af_xdp: a port on queues of a Linux interface through AF_XDP
 * sockets, the mbuf pool's own memory registered as the UMEM (see
 * af_xdp_socket.cpp for the UMEM of a many-chunk pool, af_xdp_rxtx.cpp for
 * the zero-copy fast path).
 *
 *   --vdev 'net_af_xdp0,iface=eth0,start_queue=0,queue_count=1,shared_umem=0,
 *           xdp_prog=/path/prog.o,busy_budget=64,force_copy=0'
 *
 * Probe checks the arguments and the interface and takes a port; the
 * sockets exist from dev_start to dev_stop. The port belongs to the
 * network namespace it was probed in: start enters it for the time it
 * creates the sockets, whatever namespace the starting thread is in. The port follows its pools'
 * life through the mempool events: a pool freed under a started port has
 * its queues closed first (and the line says the application was wrong);
 * a freed pool is forgotten, so the queue must be set up again.
 */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if_arp.h>

#include <atomic>

#include <rte_malloc.h>

#include <bus_vdev_driver.h>

#include "af_xdp_private.h"
#include "eal_fault.h"

RTE_LOG_REGISTER(net_af_xdp_logtype, pmd.net.af_xdp, NOTICE);

namespace dpkit::af_xdp {

namespace {

constexpr uint64_t default_busy_budget = 64;
constexpr uint32_t max_mac_addrs = 1;

/* One ioctl on the interface, through the port's socket. */
int
if_ioctl(const port *p, unsigned long req, struct ifreq *ifr)
{
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", p->iface);
	return ioctl(p->ctl_fd, req, ifr) < 0 ? -errno : 0;
}

/* While alive, the calling thread is in the port's network namespace. */
class ns_scope {
public:
	explicit ns_scope(const port *p)
	{
		struct stat want, have;
		if (fstat(p->ns_fd, &want) != 0 || stat("/proc/thread-self/ns/net", &have) != 0 ||
		    (want.st_ino == have.st_ino && want.st_dev == have.st_dev))
			return;
		self_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
		if (self_ >= 0 && setns(p->ns_fd, CLONE_NEWNET) != 0) {
			AFX_LOG(ERR, "cannot enter the namespace of %s (%s); staying here",
				p->iface, strerror(errno));
			close(self_);
			self_ = -1;
		}
	}
	~ns_scope()
	{
		if (self_ < 0)
			return;
		if (setns(self_, CLONE_NEWNET) != 0)
			abort(); /* the thread would go on in the wrong namespace */
		close(self_);
	}
	ns_scope(const ns_scope &) = delete;
	ns_scope &operator=(const ns_scope &) = delete;

private:
	int self_ = -1;
};

int
if_flags(port *p, short set, short clear)
{
	struct ifreq ifr = {};
	int ret = if_ioctl(p, SIOCGIFFLAGS, &ifr);
	if (ret != 0)
		return ret;
	short flags = (short)((ifr.ifr_flags | set) & ~clear);
	if (flags == ifr.ifr_flags)
		return 0;
	ifr.ifr_flags = flags;
	return if_ioctl(p, SIOCSIFFLAGS, &ifr);
}

void
refresh_link(struct rte_eth_dev *dev)
{
	struct ifreq ifr = {};
	bool running = if_ioctl(priv(dev), SIOCGIFFLAGS, &ifr) == 0 &&
		       (ifr.ifr_flags & IFF_RUNNING);
	struct rte_eth_link link = {};
	link.link_speed = RTE_ETH_SPEED_NUM_10G;
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	link.link_autoneg = RTE_ETH_LINK_AUTONEG;
	link.link_status = dev->data->dev_started && running ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	rte_eth_linkstatus_set(dev, &link);
}

/* ---- control path ---- */

int
xdp_configure(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	uint16_t rx = dev->data->nb_rx_queues, tx = dev->data->nb_tx_queues;
	if (rx != tx || rx > p->queue_count) {
		AFX_LOG(ERR,
			"%s: %u rx and %u tx queues: net_af_xdp needs as many of each, at "
			"most queue_count=%u",
			dev->data->name, rx, tx, p->queue_count);
		return -EINVAL;
	}
	return 0;
}

void
close_queues(struct rte_eth_dev *dev)
{
	for (unsigned int q = 0; q < max_queues; q++)
		queue_close(dev, q);
	prog_detach(dev);
}

int
xdp_start(struct rte_eth_dev *dev)
{
	ns_scope in_port_ns(priv(dev));
	int ret = prog_attach(dev);
	for (unsigned int q = 0; ret == 0 && q < dev->data->nb_rx_queues; q++)
		ret = queue_open(dev, q);
	if (ret != 0) {
		close_queues(dev);
		return ret;
	}
	dev->data->dev_started = 1;
	refresh_link(dev);
	return 0;
}

int
xdp_stop(struct rte_eth_dev *dev)
{
	ns_scope in_port_ns(priv(dev));
	close_queues(dev);
	dev->data->dev_started = 0;
	refresh_link(dev);
	return 0;
}

void
on_pool_event(enum rte_mempool_event ev, struct rte_mempool *mp, void *arg)
{
	auto *dev = static_cast<struct rte_eth_dev *>(arg);
	port *p = priv(dev);
	if (ev != RTE_MEMPOOL_EVENT_DESTROY)
		return; /* a queue starts only on a full pool: nothing grows under it */
	for (unsigned int q = 0; q < max_queues; q++) {
		if (p->pools[q] != mp)
			continue;
		if (p->rx[q].live) {
			AFX_LOG(ERR,
				"%s: pool %s freed while queue %u uses it; queue closed (stop "
				"the port before freeing its pools)",
				dev->data->name, mp->name, q);
			ns_scope in_port_ns(p);
			queue_close(dev, q);
		}
		p->pools[q] = nullptr;
	}
}

void
close_fds(port *p)
{
	if (p->ctl_fd >= 0)
		close(p->ctl_fd);
	if (p->ns_fd >= 0)
		close(p->ns_fd);
	p->ctl_fd = p->ns_fd = -1;
}

int
xdp_close(struct rte_eth_dev *dev)
{
	{
		ns_scope in_port_ns(priv(dev));
		close_queues(dev);
	}
	rte_mempool_event_callback_unregister(on_pool_event, dev);
	close_fds(priv(dev));
	return 0;
}

int
xdp_link_update(struct rte_eth_dev *dev, int)
{
	refresh_link(dev);
	return 0;
}

int
xdp_promisc_on(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), IFF_PROMISC, 0);
}

int
xdp_promisc_off(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), 0, IFF_PROMISC);
}

int
xdp_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	struct ifreq ifr = {};
	ifr.ifr_mtu = mtu;
	int ret = if_ioctl(priv(dev), SIOCSIFMTU, &ifr);
	if (ret != 0)
		AFX_LOG(ERR, "%s: cannot set MTU %u on %s: %s", dev->data->name, mtu,
			priv(dev)->iface, strerror(-ret));
	return ret;
}

int
xdp_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	port *p = priv(dev);
	const uint32_t page = (uint32_t)sysconf(_SC_PAGESIZE);
	info->if_index = (unsigned int)p->ifindex;
	info->max_mac_addrs = max_mac_addrs;
	info->max_rx_queues = (uint16_t)p->queue_count;
	info->max_tx_queues = (uint16_t)p->queue_count;
	/* a frame lies in one chunk of at most a page, after the XDP headroom */
	info->max_rx_pktlen = page - xdp_headroom;
	info->max_mtu = (uint16_t)(page - xdp_headroom - RTE_ETHER_HDR_LEN - RTE_ETHER_CRC_LEN);
	info->min_rx_bufsize = min_chunk;
	info->default_rxportconf.ring_size = default_ring;
	info->default_txportconf.ring_size = default_ring;
	info->default_rxportconf.burst_size = 64;
	info->default_txportconf.burst_size = 64;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

int
xdp_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc, unsigned int,
	     const struct rte_eth_rxconf *, struct rte_mempool *mp)
{
	port *p = priv(dev);
	p->pools[qid] = mp;
	p->nb_rx_desc[qid] = nb_desc;
	dev->data->rx_queues[qid] = &p->rx[qid];
	return 0;
}

int
xdp_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc, unsigned int,
	     const struct rte_eth_txconf *)
{
	port *p = priv(dev);
	p->nb_tx_desc[qid] = nb_desc;
	dev->data->tx_queues[qid] = &p->tx[qid];
	return 0;
}

void
xdp_queue_release(struct rte_eth_dev *, uint16_t)
{
	/* queue memory lives in the port; sockets go at stop */
}

constexpr size_t rxq_stats = offsetof(rxq, stats);
constexpr size_t txq_stats = offsetof(txq, stats);

int
xdp_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	port *p = priv(dev);
	for (unsigned int q = 0; q < dev->data->nb_rx_queues; q++) {
		stats->rx_nombuf +=
			std::atomic_ref<uint64_t>(p->rx[q].nombuf).load(std::memory_order_relaxed) -
			p->nombuf_base[q];
		stats->imissed += p->kernel_drops[q] + socket_drops(p, q);
	}
	return dpkit_eth_sw_stats_get(dev, stats, rxq_stats, txq_stats);
}

int
xdp_stats_reset(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	for (unsigned int q = 0; q < max_queues; q++) {
		p->kernel_drops[q] = 0 - socket_drops(p, q);
		/* the poller owns the counter: remember where it stood */
		p->nombuf_base[q] =
			std::atomic_ref<uint64_t>(p->rx[q].nombuf).load(std::memory_order_relaxed);
	}
	return dpkit_eth_sw_stats_reset(dev, rxq_stats, txq_stats);
}

const struct eth_dev_ops xdp_ops = [] {
	struct eth_dev_ops o = {};
	o.dev_configure = xdp_configure;
	o.dev_start = xdp_start;
	o.dev_stop = xdp_stop;
	o.dev_close = xdp_close;
	o.link_update = xdp_link_update;
	o.promiscuous_enable = xdp_promisc_on;
	o.promiscuous_disable = xdp_promisc_off;
	o.mtu_set = xdp_mtu_set;
	o.stats_get = xdp_stats_get;
	o.stats_reset = xdp_stats_reset;
	o.dev_infos_get = xdp_info;
	o.rx_queue_setup = xdp_rx_setup;
	o.rx_queue_release = xdp_queue_release;
	o.tx_queue_setup = xdp_tx_setup;
	o.tx_queue_release = xdp_queue_release;
	return o;
}();

/* ---- probe ---- */

struct args {
	char iface[IF_NAMESIZE] = "";
	uint64_t start_queue = 0;
	uint64_t queue_count = 1;
	uint64_t shared_umem = 0;
	char prog[256] = "";
	uint64_t busy_budget = default_busy_budget;
	uint64_t force_copy = 0;
};

int
parse_args(struct rte_vdev_device *vdev, args &a)
{
	static const char *const keys[] = {"iface",    "start_queue", "queue_count", "shared_umem",
					   "xdp_prog", "busy_budget", "force_copy",  nullptr};
	const char *name = rte_vdev_device_name(vdev);
	struct rte_kvargs *kv = dpkit_vdev_parse_args(vdev, keys);
	if (kv == nullptr)
		return rte_errno == ENOMEM ? -ENOMEM : -EINVAL;
	int ret = dpkit_vdev_arg_string(vdev, kv, "iface", a.iface, sizeof(a.iface));
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "start_queue", 0, 4095, &a.start_queue);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "queue_count", 1, max_queues, &a.queue_count);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "shared_umem", 0, 1, &a.shared_umem);
	if (ret == 0)
		ret = dpkit_vdev_arg_string(vdev, kv, "xdp_prog", a.prog, sizeof(a.prog));
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "busy_budget", 0, UINT16_MAX, &a.busy_budget);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "force_copy", 0, 1, &a.force_copy);
	rte_kvargs_free(kv);
	if (ret != 0)
		return ret;
	if (a.iface[0] == '\0') {
		AFX_LOG(ERR, "%s: argument 'iface' missing; give iface=<interface name>", name);
		return -EINVAL;
	}
	if (a.prog[0] != '\0' && access(a.prog, R_OK) != 0) {
		AFX_LOG(ERR, "%s: argument 'xdp_prog=%s': cannot read it (%s)", name, a.prog,
			strerror(errno));
		return -EINVAL;
	}
	return 0;
}

/* The interface's queues must hold [start_queue, start_queue + queue_count). */
int
check_queues(const char *name, const port *p, const args &a)
{
	struct ethtool_channels ch = {};
	ch.cmd = ETHTOOL_GCHANNELS;
	struct ifreq ifr = {};
	ifr.ifr_data = reinterpret_cast<char *>(&ch);
	int ret = if_ioctl(p, SIOCETHTOOL, &ifr);
	if (ret == -EOPNOTSUPP)
		return 0; /* the kernel driver does not say: let bind decide */
	if (ret != 0) {
		AFX_LOG(ERR, "%s: cannot read the queues of %s: %s", name, a.iface, strerror(-ret));
		return ret;
	}
	uint32_t have = ch.combined_count != 0 ? ch.combined_count : ch.rx_count;
	if (have != 0 && a.start_queue + a.queue_count > have) {
		AFX_LOG(ERR, "%s: argument '%s': queues %llu..%llu asked, %s has %u", name,
			a.start_queue >= have ? "start_queue" : "queue_count",
			(unsigned long long)a.start_queue,
			(unsigned long long)(a.start_queue + a.queue_count - 1), a.iface, have);
		return -EINVAL;
	}
	return 0;
}

/* Everything probe sets in the port; on failure close_fds() undoes it. */
int
fill_port(struct rte_eth_dev *dev, const args &a, int ifindex)
{
	const char *name = dev->data->name;
	port *p = priv(dev);
	snprintf(p->iface, sizeof(p->iface), "%s", a.iface);
	snprintf(p->prog_path, sizeof(p->prog_path), "%s", a.prog);
	p->ifindex = ifindex;
	p->start_queue = (unsigned int)a.start_queue;
	p->queue_count = (unsigned int)a.queue_count;
	p->shared_umem = a.shared_umem != 0;
	p->force_copy = a.force_copy != 0;
	p->busy_budget = (uint16_t)a.busy_budget;
	p->xsks_map_fd = -1;
	for (unsigned int q = 0; q < max_queues; q++)
		p->rx[q].fd = p->tx[q].fd = -1;
	p->ns_fd = DPKIT_FAULT(SYSCALL) ? -1
					: open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	p->ctl_fd = p->ns_fd < 0 || DPKIT_FAULT(SYSCALL)
			    ? -1
			    : socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (p->ctl_fd < 0) {
		int err = errno;
		AFX_LOG(ERR, "%s: cannot open a control socket: %s", name, strerror(err));
		return -err;
	}
	int ret = check_queues(name, p, a);
	if (ret != 0)
		return ret;
	struct ifreq ifr = {};
	ret = DPKIT_FAULT(SYSCALL) ? -ENOMEM : if_ioctl(p, SIOCGIFHWADDR, &ifr);
	if (ret != 0) {
		AFX_LOG(ERR, "%s: cannot read the MAC address of %s: %s", name, a.iface,
			strerror(-ret));
		return ret;
	}
	memcpy(dev->data->mac_addrs[0].addr_bytes, ifr.ifr_hwaddr.sa_data, RTE_ETHER_ADDR_LEN);
	return rte_mempool_event_callback_register(on_pool_event, dev);
}

int
xdp_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	args a;
	int ret = parse_args(vdev, a);
	if (ret != 0)
		return ret;
	int ifindex = (int)if_nametoindex(a.iface);
	if (ifindex == 0) {
		AFX_LOG(ERR,
			"%s: argument 'iface=%s': no such interface in this network "
			"namespace (see 'ip link')",
			name, a.iface);
		return -EINVAL;
	}
	quiet_libs();

	struct rte_eth_dev *dev = rte_eth_dev_allocate(name);
	if (dev == nullptr)
		return -ENOSPC;
	int socket = vdev->device.numa_node;
	dev->data->dev_private = rte_zmalloc_socket(name, sizeof(port), RTE_CACHE_LINE_SIZE,
						    socket);
	dev->data->mac_addrs = static_cast<struct rte_ether_addr *>(
		rte_zmalloc_socket(name, max_mac_addrs * sizeof(struct rte_ether_addr), 0, socket));
	if (dev->data->dev_private == nullptr || dev->data->mac_addrs == nullptr) {
		AFX_LOG(ERR, "%s: out of memory for the port", name);
		rte_eth_dev_release_port(dev);
		return -ENOMEM;
	}
	ret = fill_port(dev, a, ifindex);
	if (ret != 0) {
		close_fds(priv(dev));
		rte_eth_dev_release_port(dev);
		return ret;
	}
	dev->device = &vdev->device;
	dev->dev_ops = &xdp_ops;
	dev->rx_pkt_burst = rx_burst;
	dev->tx_pkt_burst = tx_burst;
	dev->data->numa_node = socket;
	dev->data->dev_flags = RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
	refresh_link(dev);
	rte_eth_dev_probing_finish(dev);
	AFX_LOG(INFO, "%s: port %u on %s (ifindex %d), queues %u..%u", name, dev->data->port_id,
		a.iface, ifindex, (unsigned int)a.start_queue,
		(unsigned int)(a.start_queue + a.queue_count - 1));
	return 0;
}

int
xdp_remove(struct rte_vdev_device *vdev)
{
	return dpkit_eth_dev_destroy(rte_vdev_device_name(vdev));
}

} // namespace

} // namespace dpkit::af_xdp

namespace {
struct rte_vdev_driver af_xdp_driver = {
	{},
	dpkit::af_xdp::xdp_probe,
	dpkit::af_xdp::xdp_remove,
	0,
};
} // namespace

RTE_PMD_REGISTER_VDEV(net_af_xdp, af_xdp_driver);
RTE_PMD_REGISTER_PARAM_STRING(net_af_xdp, "iface=<string> start_queue=<int> queue_count=<int> "
					  "shared_umem=<int> xdp_prog=<string> busy_budget=<int> "
					  "force_copy=<int>");
