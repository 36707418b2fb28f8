/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_tap: a port that is a kernel TAP interface, so the host's own
 * network stack (ping, sockets, tcpdump) talks to the application
 * (tap_private.h describes the descriptors, tap_rxtx.cpp the bursts).
 *
 *   --vdev 'net_tap0,iface=dtap0,mac=fixed,persist'
 *
 * The kernel side is the truth: the link is up when the interface is up
 * and running (read at every link_update), and MTU, MAC address,
 * promiscuous and all-multicast modes are set on the interface. Start
 * brings the interface up and applies the port's MTU; stop takes it down
 * unless persist was given. Queue pair q's descriptor is opened at the
 * first setup of rx or tx queue q; start closes the descriptors of queue
 * pairs the configuration no longer has, so the kernel never steers a flow
 * to a queue nobody polls.
 *
 * The interface is created in the network namespace of the probing
 * thread. Every setup call goes through DPKIT_FAULT(SYSCALL) and every
 * allocation through rte_malloc, so the fault tests can fail each one; a
 * failed probe closes what it opened and removes an interface it created.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_tun.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>

#include "eal_fault.h"
#include "tap_private.h"

RTE_LOG_REGISTER(net_tap_logtype, pmd.net.tap, NOTICE);
#define TAP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_tap_logtype, "net_tap: " fmt "\n", ##__VA_ARGS__)

using namespace dpkit::tap_detail;

namespace {

constexpr const char tun_path[] = "/dev/net/tun";

port *
priv(struct rte_eth_dev *dev)
{
	return static_cast<port *>(dev->data->dev_private);
}

/* ---- the kernel interface ---- */

struct ifreq
named(const port *p)
{
	struct ifreq ifr = {};
	memcpy(ifr.ifr_name, p->iface, sizeof(p->iface));
	return ifr;
}

/*
 * A descriptor on TAP interface @p name (created if missing), one queue of
 * its multi-queue set, non-blocking. The kernel's name for it (when @p name
 * is a "%d" pattern) goes to @p actual. @return the fd, or -errno.
 */
int
tun_open(const char *name, char *actual)
{
	int fd = DPKIT_FAULT(SYSCALL) ? -1 : open(tun_path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_flags = IFF_TAP | IFF_MULTI_QUEUE;
	if (DPKIT_FAULT(SYSCALL) || ioctl(fd, TUNSETIFF, &ifr) < 0) {
		int err = errno;
		close(fd);
		return -err;
	}
	if (actual != nullptr)
		memcpy(actual, ifr.ifr_name, IF_NAMESIZE);
	return fd;
}

/* Set @p set and clear @p clear in the interface flags. @return 0 or -errno. */
int
if_flags(const port *p, short set, short clear)
{
	struct ifreq ifr = named(p);
	if (ioctl(p->ctl_fd, SIOCGIFFLAGS, &ifr) < 0)
		return -errno;
	short flags = (short)((ifr.ifr_flags | set) & ~clear);
	if (flags == ifr.ifr_flags)
		return 0;
	ifr.ifr_flags = flags;
	return ioctl(p->ctl_fd, SIOCSIFFLAGS, &ifr) < 0 ? -errno : 0;
}

int
set_mtu(const port *p, uint16_t mtu)
{
	struct ifreq ifr = named(p);
	ifr.ifr_mtu = mtu;
	return DPKIT_FAULT(SYSCALL) || ioctl(p->ctl_fd, SIOCSIFMTU, &ifr) < 0 ? -errno : 0;
}

int
set_mac(const port *p, const struct rte_ether_addr *mac)
{
	struct ifreq ifr = named(p);
	ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
	memcpy(ifr.ifr_hwaddr.sa_data, mac->addr_bytes, RTE_ETHER_ADDR_LEN);
	return DPKIT_FAULT(SYSCALL) || ioctl(p->ctl_fd, SIOCSIFHWADDR, &ifr) < 0 ? -errno : 0;
}

void
refresh_link(struct rte_eth_dev *dev)
{
	struct ifreq ifr = named(priv(dev));
	bool up = ioctl(priv(dev)->ctl_fd, SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_UP) &&
		  (ifr.ifr_flags & IFF_RUNNING);
	struct rte_eth_link link = {};
	link.link_speed = RTE_ETH_SPEED_NUM_10G;
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	link.link_autoneg = RTE_ETH_LINK_FIXED;
	link.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	rte_eth_linkstatus_set(dev, &link);
}

/*
 * Attach queue pairs [0, @p used) to the interface's queue set and detach
 * the others, so that the kernel steers flows only to polled queues.
 * @return 0 or -errno (logged).
 */
int
attach_queues(const char *name, port *p, unsigned int used)
{
	for (unsigned int q = 0; q < max_queues; q++) {
		bool want = q < used;
		if (p->attached[q] == want)
			continue;
		struct ifreq ifr = {};
		ifr.ifr_flags = want ? IFF_ATTACH_QUEUE : IFF_DETACH_QUEUE;
		if (DPKIT_FAULT(SYSCALL) || ioctl(p->fds[q], TUNSETQUEUE, &ifr) < 0) {
			int err = errno;
			TAP_LOG(ERR, "%s: cannot %s queue %u of %s (%s)", name,
				want ? "attach" : "detach", q, p->iface, strerror(err));
			return -err;
		}
		p->attached[q] = want;
	}
	return 0;
}

void
close_all(port *p)
{
	for (unsigned int q = 0; q < max_queues; q++) {
		rte_pktmbuf_free(p->rxq[q].spare);
		p->rxq[q].spare = nullptr;
		if (p->fds[q] >= 0)
			close(p->fds[q]);
		p->fds[q] = p->rxq[q].fd = p->txq[q].fd = -1;
	}
	if (p->ctl_fd >= 0)
		close(p->ctl_fd);
	p->ctl_fd = -1;
}

/* ---- control path ---- */

int
tap_configure(struct rte_eth_dev *)
{
	return 0;
}

int
tap_start(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	int ret = attach_queues(dev->data->name, p,
				RTE_MAX(dev->data->nb_rx_queues, dev->data->nb_tx_queues));
	if (ret != 0)
		return ret;
	ret = set_mtu(p, dev->data->mtu);
	if (ret == 0)
		ret = if_flags(p, IFF_UP, 0);
	if (ret != 0) {
		TAP_LOG(ERR, "%s: cannot bring %s up with MTU %u (%s)", dev->data->name, p->iface,
			dev->data->mtu, strerror(-ret));
		return ret;
	}
	for (unsigned int q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	for (unsigned int q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	refresh_link(dev);
	return 0;
}

int
tap_stop(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	if (!p->persist)
		if_flags(p, 0, IFF_UP);
	/* a stopped port holds no mbuf: the application may free its pools */
	for (auto &rxq : p->rxq) {
		rte_pktmbuf_free(rxq.spare);
		rxq.spare = nullptr;
	}
	for (unsigned int q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (unsigned int q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	refresh_link(dev);
	return 0;
}

int
tap_close(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	if (!p->persist)
		if_flags(p, 0, IFF_UP);
	close_all(p);
	return 0;
}

int
tap_link_update(struct rte_eth_dev *dev, int)
{
	refresh_link(dev);
	return 0;
}

int
tap_set_link(struct rte_eth_dev *dev, bool up)
{
	int ret = if_flags(priv(dev), up ? IFF_UP : 0, up ? 0 : IFF_UP);
	if (ret != 0)
		TAP_LOG(ERR, "%s: cannot set %s %s (%s)", dev->data->name, priv(dev)->iface,
			up ? "up" : "down", strerror(-ret));
	refresh_link(dev);
	return ret;
}

int
tap_link_up(struct rte_eth_dev *dev)
{
	return tap_set_link(dev, true);
}

int
tap_link_down(struct rte_eth_dev *dev)
{
	return tap_set_link(dev, false);
}

int
tap_promisc_on(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), IFF_PROMISC, 0);
}

int
tap_promisc_off(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), 0, IFF_PROMISC);
}

int
tap_allmulti_on(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), IFF_ALLMULTI, 0);
}

int
tap_allmulti_off(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), 0, IFF_ALLMULTI);
}

int
tap_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	int ret = set_mtu(priv(dev), mtu);
	if (ret != 0)
		TAP_LOG(ERR, "%s: the kernel refuses MTU %u on %s (%s)", dev->data->name, mtu,
			priv(dev)->iface, strerror(-ret));
	return ret;
}

int
tap_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	int ret = set_mac(priv(dev), addr);
	if (ret != 0)
		TAP_LOG(ERR, "%s: cannot set the MAC address of %s (%s)", dev->data->name,
			priv(dev)->iface, strerror(-ret));
	return ret;
}

int
tap_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	/* by name in the interface's namespace, which need not be the caller's */
	struct ifreq ifr = named(priv(dev));
	info->if_index = ioctl(priv(dev)->ctl_fd, SIOCGIFINDEX, &ifr) == 0 ? ifr.ifr_ifindex : 0;
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = RTE_ETHER_MAX_JUMBO_FRAME_LEN;
	info->min_mtu = RTE_ETHER_MIN_MTU;
	info->max_mtu = RTE_ETHER_MAX_JUMBO_FRAME_LEN - RTE_ETHER_HDR_LEN;
	info->max_rx_queues = max_queues;
	info->max_tx_queues = max_queues;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G | RTE_ETH_LINK_SPEED_FIXED;
	return 0;
}

int
tap_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int,
	     const struct rte_eth_rxconf *, struct rte_mempool *mp)
{
	rx_queue *q = &priv(dev)->rxq[qid];
	q->mp = mp;
	q->port_id = dev->data->port_id;
	q->nombuf = &dev->data->rx_mbuf_alloc_failed;
	dev->data->rx_queues[qid] = q;
	return 0;
}

int
tap_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int,
	     const struct rte_eth_txconf *)
{
	dev->data->tx_queues[qid] = &priv(dev)->txq[qid];
	return 0;
}

void
tap_rx_release(struct rte_eth_dev *dev, uint16_t qid)
{
	rx_queue *q = &priv(dev)->rxq[qid];
	rte_pktmbuf_free(q->spare); /* the pool may be freed after this */
	q->spare = nullptr;
}

void
tap_tx_release(struct rte_eth_dev *, uint16_t)
{
	/* the descriptor stays with the port until close */
}

constexpr size_t rxq_stats = offsetof(rx_queue, stats);
constexpr size_t txq_stats = offsetof(tx_queue, stats);

int
tap_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	return dpkit_eth_sw_stats_get(dev, stats, rxq_stats, txq_stats);
}

int
tap_stats_reset(struct rte_eth_dev *dev)
{
	return dpkit_eth_sw_stats_reset(dev, rxq_stats, txq_stats);
}

const struct eth_dev_ops tap_ops = [] {
	struct eth_dev_ops o = {};
	o.dev_configure = tap_configure;
	o.dev_start = tap_start;
	o.dev_stop = tap_stop;
	o.dev_close = tap_close;
	o.dev_set_link_up = tap_link_up;
	o.dev_set_link_down = tap_link_down;
	o.link_update = tap_link_update;
	o.promiscuous_enable = tap_promisc_on;
	o.promiscuous_disable = tap_promisc_off;
	o.allmulticast_enable = tap_allmulti_on;
	o.allmulticast_disable = tap_allmulti_off;
	o.mtu_set = tap_mtu_set;
	o.mac_addr_set = tap_mac_set;
	o.stats_get = tap_stats_get;
	o.stats_reset = tap_stats_reset;
	o.dev_infos_get = tap_info;
	o.rx_queue_setup = tap_rx_setup;
	o.rx_queue_release = tap_rx_release;
	o.tx_queue_setup = tap_tx_setup;
	o.tx_queue_release = tap_tx_release;
	return o;
}();

/* ---- probe ---- */

/*
 * Create (or attach to) the interface and set it up as @p a asks: one
 * descriptor per possible queue pair, all opened here, in the probing
 * thread's network namespace (a name given to TUNSETIFF later, from
 * another thread, could name another interface), and detached until start;
 * persistence; control socket; MAC; MTU.
 * @return 0, or -errno after one line; close_all() undoes a partial setup.
 */
int
open_interface(const char *name, port *p, const args &a, struct rte_ether_addr *mac)
{
	const char *step = "create the interface";
	p->created = strchr(a.iface, '%') != nullptr || if_nametoindex(a.iface) == 0;
	snprintf(p->iface, sizeof(p->iface), "%s", a.iface);
	for (unsigned int q = 0; q < max_queues; q++) {
		int fd = tun_open(p->iface, p->iface); /* a "%d" name is fixed by the first */
		if (fd < 0) {
			errno = -fd;
			goto fail;
		}
		p->fds[q] = p->rxq[q].fd = p->txq[q].fd = fd;
		p->attached[q] = true;
	}
	p->persist = a.persist;
	step = "make the interface persistent";
	if (a.persist && (DPKIT_FAULT(SYSCALL) || ioctl(p->fds[0], TUNSETPERSIST, 1) < 0))
		goto fail;
	step = "open a control socket";
	p->ctl_fd = DPKIT_FAULT(SYSCALL) ? -1 : socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (p->ctl_fd < 0)
		goto fail;
	if (rte_is_zero_ether_addr(&a.mac))
		rte_eth_random_addr(mac->addr_bytes);
	else
		*mac = a.mac;
	step = "set the MAC address";
	if ((errno = -set_mac(p, mac)) != 0)
		goto fail;
	step = "set the MTU";
	if ((errno = -set_mtu(p, RTE_ETHER_MTU)) != 0)
		goto fail;
	/* no traffic to queues until start says which are polled */
	return attach_queues(name, p, 0);
fail:
	int err = errno;
	TAP_LOG(ERR, "%s: cannot %s %s (%s)%s", name, step, a.iface, strerror(err),
		err == EPERM    ? "; run as root or grant CAP_NET_ADMIN"
		: err == ENOENT ? "; is the tun module loaded (modprobe tun)?"
		: err == EINVAL ? "; is an interface of that name already there, not a "
				  "multi-queue tap?"
				: "");
	return -err;
}

int
tap_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	int socket = vdev->device.numa_node;
	args a = {};
	int ret = parse_args(vdev, &a);
	if (ret != 0)
		return ret;
	auto *p = static_cast<port *>(
		rte_zmalloc_socket(name, sizeof(port), RTE_CACHE_LINE_SIZE, socket));
	auto *macs = static_cast<struct rte_ether_addr *>(
		rte_zmalloc_socket(name, sizeof(struct rte_ether_addr), 0, socket));
	if (p == nullptr || macs == nullptr) {
		TAP_LOG(ERR, "%s: out of memory for the port; raise -m", name);
		rte_free(p);
		rte_free(macs);
		return -ENOMEM;
	}
	p->ctl_fd = -1;
	for (unsigned int q = 0; q < max_queues; q++)
		p->fds[q] = p->rxq[q].fd = p->txq[q].fd = -1;
	ret = open_interface(name, p, a, macs);
	struct rte_eth_dev *dev = nullptr;
	if (ret == 0 && (dev = rte_eth_dev_allocate(name)) == nullptr)
		ret = -ENOSPC;
	if (ret != 0) {
		/* a failed probe does not leave an interface it made persistent */
		if (p->fds[0] >= 0 && p->created && a.persist)
			ioctl(p->fds[0], TUNSETPERSIST, 0);
		close_all(p);
		rte_free(p);
		rte_free(macs);
		return ret;
	}
	dev->data->dev_private = p;
	dev->data->mac_addrs = macs;
	dev->device = &vdev->device;
	dev->dev_ops = &tap_ops;
	dev->rx_pkt_burst = rx_burst;
	dev->tx_pkt_burst = tx_burst;
	dev->data->numa_node = socket;
	dev->data->dev_flags = RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
	refresh_link(dev);
	rte_eth_dev_probing_finish(dev);
	TAP_LOG(INFO, "%s: port %u on %s%s%s", name, dev->data->port_id, p->iface,
		p->created ? " (created)" : "", p->persist ? ", persistent" : "");
	return 0;
}

int
tap_remove(struct rte_vdev_device *vdev)
{
	return dpkit_eth_dev_destroy(rte_vdev_device_name(vdev));
}

struct rte_vdev_driver tap_driver = {
	{},
	tap_probe,
	tap_remove,
	0,
};

} // namespace

RTE_PMD_REGISTER_VDEV(net_tap, tap_driver);
RTE_PMD_REGISTER_ALIAS(net_tap, eth_tap);
RTE_PMD_REGISTER_PARAM_STRING(net_tap, "iface=<string> mac=fixed|<xx:xx:xx:xx:xx:xx> "
				       "persist");
