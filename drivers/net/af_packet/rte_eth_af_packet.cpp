/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_af_packet: a port on a real Linux interface through AF_PACKET
 * sockets with TPACKET_V2 memory-mapped rings.
 *
 * One socket per queue pair, bound to the interface, with an rx ring and a
 * tx ring mapped back to back. Frames are framesz bytes, blocksz/framesz
 * per block, framecnt per ring. Ownership of a frame is its tp_status word:
 *   rx: kernel fills, sets TP_STATUS_USER; we copy it into an mbuf and hand
 *       the frame back with TP_STATUS_KERNEL (release store);
 *   tx: we copy an mbuf into an AVAILABLE frame and set SEND_REQUEST, then
 *       one non-blocking sendto() per burst (every burst, even one that
 *       found the ring full) tells the kernel to send; the kernel hands
 *       the frame back as AVAILABLE once sent.
 * Each frame tx takes is counted once: in opackets when the kernel has it
 * (sent, or waiting for a carrier), in oerrors when dropped (too long, a
 * chain whose segments do not add up to pkt_len, a VLAN tag that does not
 * fit, or refused because the interface is down — such frames are taken
 * back from the ring, never sent later).
 * Several queue pairs share the interface's traffic through a PACKET_FANOUT
 * group (hash, with defragmentation and rollover, as DPDK 22.11). A frame
 * that finds the pool empty stays in the ring for the next burst (what the
 * kernel then drops for want of frames counts in imissed); rx_nombuf is
 * not counted, as in DPDK 22.11. The sockets are made at probe time, in the
 * network namespace of the probing thread, and closed at port close; stop
 * only marks the link down (the kernel interface is left as it was, frames
 * still waiting in the tx ring stay queued) and start hands those frames
 * to the kernel again. A secondary process does not get the port (its probe
 * there fails in one line): the sockets and their rings are the primary's.
 *
 *   --vdev 'net_af_packet0,iface=eth0,qpairs=1,blocksz=4096,framesz=2048,framecnt=512,qdisc_bypass=1'
 */

#include <atomic>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <initializer_list>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>

#include "af_packet_private.h"

RTE_LOG_REGISTER(net_af_packet_logtype, pmd.net.af_packet, NOTICE);

using namespace dpkit::af_packet;

namespace {

/* ---- fast path ---- */

uint16_t
afp_rx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	afp_rxq *rq = static_cast<afp_rxq *>(q);
	afp_ring *r = &rq->ring;
	uint16_t n = 0;
	uint64_t bytes = 0, errs = 0;

	while (n < nb_bufs) {
		auto *hdr = reinterpret_cast<struct tpacket2_hdr *>(r->frames[r->next]);
		/* pairs with the kernel's release of the frame to us */
		uint32_t status = std::atomic_ref(hdr->tp_status).load(std::memory_order_acquire);
		if (!(status & TP_STATUS_USER))
			break;
		auto *sll = reinterpret_cast<struct sockaddr_ll *>(
			reinterpret_cast<uint8_t *>(hdr) + TPACKET_ALIGN(sizeof(*hdr)));
		struct rte_mbuf *m = nullptr;
		if (sll->sll_pkttype != PACKET_OUTGOING) {
			m = rte_pktmbuf_alloc(rq->mb_pool);
			/* leave the frame for the next burst; not counted in
			 * rx_nombuf (DPDK 22.11 counts nothing here: a poll
			 * loop on an empty pool would count once per poll) */
			if (unlikely(m == nullptr))
				break;
			uint32_t len = hdr->tp_snaplen;
			/* a frame the kernel cut to fit the ring is not the packet sent */
			if (unlikely(len > rq->buf_room || len != hdr->tp_len)) {
				rte_pktmbuf_free(m);
				m = nullptr;
				errs++;
			} else {
				memcpy(rte_pktmbuf_mtod(m, void *),
				       reinterpret_cast<uint8_t *>(hdr) + hdr->tp_mac, len);
				m->data_len = (uint16_t)len;
				m->pkt_len = len;
				m->port = rq->port_id;
				if (status & TP_STATUS_VLAN_VALID) {
					m->vlan_tci = hdr->tp_vlan_tci;
					m->ol_flags |= RTE_MBUF_F_RX_VLAN |
						       RTE_MBUF_F_RX_VLAN_STRIPPED;
					/* the kernel took the tag out; put it back unless asked not to */
					if (!rq->keep_vlan_out && rte_vlan_insert(&m) != 0) {
						rte_pktmbuf_free(m);
						m = nullptr;
						errs++;
					}
				}
			}
		}
		std::atomic_ref(hdr->tp_status).store(TP_STATUS_KERNEL, std::memory_order_release);
		r->next = r->next + 1 == r->count ? 0 : r->next + 1;
		if (m != nullptr) {
			bytes += m->pkt_len;
			bufs[n++] = m;
		}
	}
	dpkit_eth_sw_count(&r->stats, n, bytes, errs);
	return n;
}

/*
 * Ask the kernel to send every frame waiting in @p r (non-blocking).
 * A refusal may report an event of the past: the kernel keeps the error
 * of an interface that went down on the socket, and the next send returns
 * it once, even when the interface is up again. Only a second refusal in
 * a row says the frames cannot go now.
 * @return 0, or the errno of a refusal that will not pass by itself
 * (ENOBUFS and EAGAIN mean "not now": the frames stay queued).
 */
int
kick(const afp_ring *r)
{
	int err = 0;
	for (int tries = 0; tries < 2; tries++) {
		if (sendto(r->fd, nullptr, 0, MSG_DONTWAIT, nullptr, 0) >= 0 || errno == ENOBUFS ||
		    errno == EAGAIN)
			return 0;
		err = errno;
	}
	return err;
}

/*
 * After a refused kick, take back the frames of the last @p queued that
 * the kernel left waiting. The kernel sends in ring order and stops at the
 * first frame it cannot send, so those frames are the tail of the burst;
 * moving next back to the first of them keeps the two indexes in step.
 * Only a kick reads SEND_REQUEST frames, and kicks come from this queue's
 * poller only, so the kernel does not look at them now.
 * @return frames taken back; their bytes are subtracted from @p bytes.
 */
unsigned int
take_back(afp_ring *r, unsigned int queued, uint64_t &bytes)
{
	unsigned int back = 0;
	while (back < queued) {
		unsigned int prev = r->next == 0 ? r->count - 1 : r->next - 1;
		auto *hdr = reinterpret_cast<struct tpacket2_hdr *>(r->frames[prev]);
		if (std::atomic_ref(hdr->tp_status).load(std::memory_order_acquire) !=
		    TP_STATUS_SEND_REQUEST)
			break;
		bytes -= hdr->tp_len;
		std::atomic_ref(hdr->tp_status)
			.store(TP_STATUS_AVAILABLE, std::memory_order_relaxed);
		r->next = prev;
		back++;
	}
	return back;
}

uint16_t
afp_tx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	afp_txq *tq = static_cast<afp_txq *>(q);
	afp_ring *r = &tq->ring;
	uint16_t i;
	uint64_t sent = 0, bytes = 0, errs = 0;

	if (unlikely(nb_bufs == 0))
		return 0;
	for (i = 0; i < nb_bufs; i++) {
		struct rte_mbuf *m = bufs[i];
		auto *hdr = reinterpret_cast<struct tpacket2_hdr *>(r->frames[r->next]);
		uint32_t status = std::atomic_ref(hdr->tp_status).load(std::memory_order_acquire);
		if (status != TP_STATUS_AVAILABLE && status != TP_STATUS_WRONG_FORMAT)
			break; /* ring full: the caller keeps the rest */
		if ((m->ol_flags & RTE_MBUF_F_TX_VLAN) && rte_vlan_insert(&m) != 0) {
			rte_pktmbuf_free(m);
			errs++;
			continue;
		}
		if (unlikely(m->pkt_len > tq->frame_data)) {
			rte_pktmbuf_free(m); /* cannot ever fit: drop, as a NIC would */
			errs++;
			continue;
		}
		/* copy at most pkt_len bytes (which fit): a chain whose segments
		 * do not add up to pkt_len would overrun the frame or send bytes
		 * that are not the packet's */
		uint8_t *dst = reinterpret_cast<uint8_t *>(hdr) + tx_data_offset;
		uint32_t left = m->pkt_len;
		struct rte_mbuf *seg = m;
		for (; seg != nullptr && seg->data_len <= left; seg = seg->next) {
			memcpy(dst, rte_pktmbuf_mtod(seg, void *), seg->data_len);
			dst += seg->data_len;
			left -= seg->data_len;
		}
		if (unlikely(seg != nullptr || left != 0)) {
			rte_pktmbuf_free(m);
			errs++;
			continue;
		}
		hdr->tp_len = m->pkt_len;
		hdr->tp_snaplen = m->pkt_len;
		std::atomic_ref(hdr->tp_status)
			.store(TP_STATUS_SEND_REQUEST, std::memory_order_release);
		r->next = r->next + 1 == r->count ? 0 : r->next + 1;
		bytes += m->pkt_len;
		sent++;
		rte_pktmbuf_free(m);
	}
	/*
	 * Kick even when nothing was queued: frames the kernel could not send
	 * (no carrier) wait in the ring until a kick, and a full ring queues
	 * nothing. A hard refusal (interface down) drops this burst's frames:
	 * counted as errors, never sent later.
	 */
	if (unlikely(kick(r) != 0)) {
		unsigned int back = take_back(r, (unsigned int)sent, bytes);
		sent -= back;
		errs += back;
	}
	/* each frame taken is counted once: sent, or an error */
	dpkit_eth_sw_count(&r->stats, sent, bytes, errs);
	return i;
}

/* ---- interface helpers (ioctl on the port's first socket) ---- */

int
if_flags(afp_port *p, short set, short clear)
{
	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", p->iface);
	if (ioctl(p->fds[0], SIOCGIFFLAGS, &ifr) < 0)
		return -errno;
	short flags = (short)((ifr.ifr_flags | set) & ~clear);
	if (flags == ifr.ifr_flags)
		return 0;
	ifr.ifr_flags = flags;
	return ioctl(p->fds[0], SIOCSIFFLAGS, &ifr) < 0 ? -errno : 0;
}

void
refresh_link(struct rte_eth_dev *dev)
{
	afp_port *p = priv(dev);
	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", p->iface);
	bool running = ioctl(p->fds[0], SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_RUNNING);
	struct rte_eth_link link = {};
	link.link_speed = RTE_ETH_SPEED_NUM_10G;
	link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	link.link_autoneg = RTE_ETH_LINK_FIXED;
	link.link_status = dev->data->dev_started && running ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	rte_eth_linkstatus_set(dev, &link);
}

/* ---- control path ---- */

int
afp_configure(struct rte_eth_dev *)
{
	return 0;
}

int
afp_start(struct rte_eth_dev *dev)
{
	afp_port *p = priv(dev);
	dev->data->dev_started = 1; /* refresh_link reads it; ethdev sets it too */
	refresh_link(dev);
	/* hand the kernel what it could not send before the stop */
	for (unsigned int q = 0; q < p->qpairs; q++)
		kick(&p->txq[q].ring);
	return 0;
}

int
afp_stop(struct rte_eth_dev *dev)
{
	dev->data->dev_started = 0;
	refresh_link(dev);
	return 0;
}

int
afp_link_update(struct rte_eth_dev *dev, int)
{
	refresh_link(dev);
	return 0;
}

int
afp_set_link(struct rte_eth_dev *dev, bool up)
{
	int ret = if_flags(priv(dev), up ? IFF_UP : 0, up ? 0 : IFF_UP);
	if (ret != 0)
		AFP_LOG(ERR, "%s: cannot set interface %s %s (%s)", dev->data->name,
			priv(dev)->iface, up ? "up" : "down", strerror(-ret));
	refresh_link(dev);
	return ret;
}

int
afp_link_up(struct rte_eth_dev *dev)
{
	return afp_set_link(dev, true);
}

int
afp_link_down(struct rte_eth_dev *dev)
{
	return afp_set_link(dev, false);
}

int
afp_promisc_on(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), IFF_PROMISC, 0);
}

int
afp_promisc_off(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), 0, IFF_PROMISC);
}

int
afp_allmulti_on(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), IFF_ALLMULTI, 0);
}

int
afp_allmulti_off(struct rte_eth_dev *dev)
{
	return if_flags(priv(dev), 0, IFF_ALLMULTI);
}

/* bytes of packet an rx frame holds before the kernel cuts it */
uint32_t
rx_frame_data(const afp_port *p)
{
	return p->req.tp_frame_size - (uint32_t)rx_data_offset;
}

int
afp_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	afp_port *p = priv(dev);
	info->if_index = (unsigned int)p->ifindex;
	info->max_mac_addrs = max_mac_addrs;
	info->max_rx_pktlen = rx_frame_data(p);
	info->max_mtu = (uint16_t)RTE_MIN(rx_frame_data(p) - RTE_ETHER_HDR_LEN,
					  (uint32_t)UINT16_MAX);
	info->min_rx_bufsize = rx_frame_data(p);
	info->max_rx_queues = (uint16_t)p->qpairs;
	info->max_tx_queues = (uint16_t)p->qpairs;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_VLAN_INSERT;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G | RTE_ETH_LINK_SPEED_FIXED;
	return 0;
}

int
afp_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int,
	     const struct rte_eth_rxconf *conf, struct rte_mempool *mp)
{
	afp_rxq *q = &priv(dev)->rxq[qid];
	int chunks = dpkit_eth_dev_register_mempool(dev, mp);
	if (chunks < 0)
		return chunks;
	AFP_LOG(DEBUG, "%s rxq %u: pool %s registered, %d memory chunks", dev->data->name, qid,
		mp->name, chunks);
	q->mb_pool = mp;
	q->port_id = dev->data->port_id;
	q->buf_room = (uint16_t)(rte_pktmbuf_data_room_size(mp) - RTE_PKTMBUF_HEADROOM);
	q->keep_vlan_out = (conf->offloads & RTE_ETH_RX_OFFLOAD_VLAN_STRIP) != 0;
	dev->data->rx_queues[qid] = q;
	return 0;
}

int
afp_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int,
	     const struct rte_eth_txconf *)
{
	dev->data->tx_queues[qid] = &priv(dev)->txq[qid];
	return 0;
}

void
afp_queue_release(struct rte_eth_dev *, uint16_t)
{
	/* queues live as long as the port's sockets */
}

int
afp_close(struct rte_eth_dev *dev)
{
	close_sockets(priv(dev));
	return 0;
}

/* Queue counters as every software port keeps them, plus what the kernel
 * dropped for want of ring frames. */
constexpr size_t rxq_stats = offsetof(afp_rxq, ring) + offsetof(afp_ring, stats);
constexpr size_t txq_stats = offsetof(afp_txq, ring) + offsetof(afp_ring, stats);

int
afp_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	afp_port *p = priv(dev);
	for (unsigned int i = 0; i < p->qpairs; i++) {
		afp_rxq *rq = &p->rxq[i];
		struct tpacket_stats ks = {};
		socklen_t len = sizeof(ks);
		/* the kernel zeroes its counters on every read: accumulate them */
		if (getsockopt(rq->ring.fd, SOL_PACKET, PACKET_STATISTICS, &ks, &len) == 0)
			rq->kernel_drops += ks.tp_drops;
		stats->imissed += rq->kernel_drops;
	}
	return dpkit_eth_sw_stats_get(dev, stats, rxq_stats, txq_stats);
}

int
afp_stats_reset(struct rte_eth_dev *dev)
{
	afp_port *p = priv(dev);
	for (unsigned int i = 0; i < p->qpairs; i++)
		p->rxq[i].kernel_drops = 0;
	return dpkit_eth_sw_stats_reset(dev, rxq_stats, txq_stats);
}

int
afp_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	afp_port *p = priv(dev);
	if ((uint32_t)mtu + RTE_ETHER_HDR_LEN > rx_frame_data(p)) {
		AFP_LOG(ERR, "%s: MTU %u does not fit frames of %u bytes; raise framesz",
			dev->data->name, mtu, p->req.tp_frame_size);
		return -EINVAL;
	}
	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", p->iface);
	ifr.ifr_mtu = mtu;
	if (ioctl(p->fds[0], SIOCSIFMTU, &ifr) < 0) {
		int err = errno;
		AFP_LOG(ERR, "%s: cannot set MTU %u on %s (%s)", dev->data->name, mtu, p->iface,
			strerror(err));
		return -err;
	}
	return 0;
}

int
afp_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	afp_port *p = priv(dev);
	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", p->iface);
	ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
	memcpy(ifr.ifr_hwaddr.sa_data, addr->addr_bytes, RTE_ETHER_ADDR_LEN);
	if (ioctl(p->fds[0], SIOCSIFHWADDR, &ifr) < 0) {
		int err = errno;
		AFP_LOG(ERR, "%s: cannot set the MAC address of %s (%s)", dev->data->name, p->iface,
			strerror(err));
		return -err;
	}
	return 0;
}

const struct eth_dev_ops afp_ops = [] {
	struct eth_dev_ops o = {};
	o.dev_configure = afp_configure;
	o.dev_start = afp_start;
	o.dev_stop = afp_stop;
	o.dev_set_link_up = afp_link_up;
	o.dev_set_link_down = afp_link_down;
	o.dev_close = afp_close;
	o.link_update = afp_link_update;
	o.promiscuous_enable = afp_promisc_on;
	o.promiscuous_disable = afp_promisc_off;
	o.allmulticast_enable = afp_allmulti_on;
	o.allmulticast_disable = afp_allmulti_off;
	o.mac_addr_set = afp_mac_set;
	o.mtu_set = afp_mtu_set;
	o.stats_get = afp_stats_get;
	o.stats_reset = afp_stats_reset;
	o.dev_infos_get = afp_info;
	o.rx_queue_setup = afp_rx_setup;
	o.rx_queue_release = afp_queue_release;
	o.tx_queue_setup = afp_tx_setup;
	o.tx_queue_release = afp_queue_release;
	return o;
}();

/* ---- probe ---- */

struct afp_args {
	char iface[IF_NAMESIZE] = "";
	uint64_t qpairs = 1;
	uint64_t blocksz = 0; /* 0: page size */
	uint64_t framesz = default_framesz;
	uint64_t framecnt = default_framecnt;
	uint64_t qdisc_bypass = 1;
};

int
parse_args(struct rte_vdev_device *vdev, afp_args &a)
{
	static const char *const keys[] = {"iface",    "qpairs",       "blocksz", "framesz",
					   "framecnt", "qdisc_bypass", nullptr};
	const char *name = rte_vdev_device_name(vdev);
	struct rte_kvargs *kv = dpkit_vdev_parse_args(vdev, keys);
	if (kv == nullptr)
		return -EINVAL;
	const uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	int ret = dpkit_vdev_arg_string(vdev, kv, "iface", a.iface, sizeof(a.iface));
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "qpairs", 1, max_qpairs, &a.qpairs);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "blocksz", page, 1u << 30, &a.blocksz);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "framesz", TPACKET2_HDRLEN + RTE_ETHER_HDR_LEN,
					  1u << 20, &a.framesz);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "framecnt", 1, 1u << 20, &a.framecnt);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "qdisc_bypass", 0, 1, &a.qdisc_bypass);
	rte_kvargs_free(kv);
	if (ret != 0)
		return ret;
	if (a.iface[0] == '\0') {
		AFP_LOG(ERR, "%s: argument 'iface' missing; give iface=<interface name>", name);
		return -EINVAL;
	}
	if (a.blocksz == 0)
		a.blocksz = RTE_MAX(page, a.framesz);
	/* the kernel's rules for a TPACKET ring, said in the user's terms */
	const char *why = nullptr;
	if (a.blocksz % page != 0 || !rte_is_power_of_2((uint32_t)a.blocksz))
		why = "blocksz must be a power of 2 and a multiple of the page size";
	else if (a.framesz < rx_data_offset + RTE_ETHER_MIN_LEN)
		why = "framesz must leave room for a minimum frame (at least 130)";
	else if (a.framesz % TPACKET_ALIGNMENT != 0)
		why = "framesz must be a multiple of 16";
	else if (a.framesz > a.blocksz)
		why = "framesz must not exceed blocksz";
	else if (a.framecnt % (a.blocksz / a.framesz) != 0)
		why = "framecnt must be a multiple of blocksz / framesz";
	if (why != nullptr) {
		AFP_LOG(ERR, "%s: blocksz=%llu framesz=%llu framecnt=%llu: %s", name,
			(unsigned long long)a.blocksz, (unsigned long long)a.framesz,
			(unsigned long long)a.framecnt, why);
		return -EINVAL;
	}
	return 0;
}


int
afp_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	if (rte_eal_process_type() == RTE_PROC_SECONDARY) {
		/* the rings are mapped in the primary only, at addresses of its own */
		AFP_LOG(ERR,
			"%s: not available in a secondary process: its AF_PACKET sockets "
			"and rings belong to the primary process; poll it there",
			name);
		return -ENOTSUP;
	}
	afp_args a;
	int ret = parse_args(vdev, a);
	if (ret != 0)
		return ret;
	int ifindex = (int)if_nametoindex(a.iface);
	if (ifindex == 0) {
		AFP_LOG(ERR,
			"%s: argument 'iface=%s': no such interface in this network "
			"namespace (see 'ip link')",
			name, a.iface);
		return -ENODEV;
	}

	struct rte_eth_dev *dev = rte_eth_dev_allocate(name);
	if (dev == nullptr)
		return -ENOSPC;
	int socket = vdev->device.numa_node;
	auto *p = static_cast<afp_port *>(
		rte_zmalloc_socket(name, sizeof(afp_port), RTE_CACHE_LINE_SIZE, socket));
	auto *macs = static_cast<struct rte_ether_addr *>(
		rte_zmalloc_socket(name, max_mac_addrs * sizeof(struct rte_ether_addr), 0, socket));
	dev->data->dev_private = p;
	dev->data->mac_addrs = macs;
	if (p == nullptr || macs == nullptr) {
		AFP_LOG(ERR, "%s: out of memory for the port", name);
		rte_eth_dev_release_port(dev);
		return -ENOMEM;
	}
	snprintf(p->iface, sizeof(p->iface), "%s", a.iface);
	p->ifindex = ifindex;
	p->qpairs = (unsigned int)a.qpairs;
	p->req.tp_block_size = (unsigned int)a.blocksz;
	p->req.tp_frame_size = (unsigned int)a.framesz;
	p->req.tp_frame_nr = (unsigned int)a.framecnt;
	p->req.tp_block_nr = (unsigned int)(a.framecnt / (a.blocksz / a.framesz));
	p->map_len = 2 * (size_t)p->req.tp_block_size * p->req.tp_block_nr;
	for (int &fd : p->fds)
		fd = -1;
	ret = open_sockets(name, p, a.qdisc_bypass != 0, socket, &macs[0]);
	if (ret != 0) {
		close_sockets(p);
		rte_eth_dev_release_port(dev);
		return ret;
	}

	dev->device = &vdev->device;
	dev->dev_ops = &afp_ops;
	dev->rx_pkt_burst = afp_rx;
	dev->tx_pkt_burst = afp_tx;
	dev->data->numa_node = socket;
	dev->data->dev_flags = RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
	refresh_link(dev);
	rte_eth_dev_probing_finish(dev);
	AFP_LOG(INFO,
		"%s: port %u on %s (ifindex %d), %u queue pairs, %u frames of %u bytes "
		"per ring",
		name, dev->data->port_id, p->iface, ifindex, p->qpairs, p->req.tp_frame_nr,
		p->req.tp_frame_size);
	return 0;
}

int
afp_remove(struct rte_vdev_device *vdev)
{
	return dpkit_eth_dev_destroy(rte_vdev_device_name(vdev));
}

struct rte_vdev_driver afp_driver = {
	{},
	afp_probe,
	afp_remove,
	0,
};

} // namespace

RTE_PMD_REGISTER_VDEV(net_af_packet, afp_driver);
RTE_PMD_REGISTER_ALIAS(net_af_packet, eth_af_packet);
RTE_PMD_REGISTER_PARAM_STRING(net_af_packet, "iface=<string> qpairs=<int> blocksz=<int> "
					     "framesz=<int> framecnt=<int> qdisc_bypass=<0|1>");
