/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_pcap: a port whose receive side reads pcap files or captures on a
 * Linux interface, and whose transmit side writes pcap files or sends on
 * an interface, through libpcap (pcap_private.h says how queues own their
 * handles; pcap_rxtx.cpp how frames move).
 *
 *   --vdev 'net_pcap0,rx_pcap=in.pcap,tx_pcap=out.pcap'
 *   --vdev 'net_pcap0,rx_pcap=in.pcap,infinite_rx=1'     (replay forever, drop tx)
 *   --vdev 'net_pcap0,rx_iface=eth0,tx_pcap=out.pcap'    (capture to a file)
 *   --vdev 'net_pcap0,iface=eth0,phy_mac=1'              (one handle, both ways)
 *
 * Each rx_pcap / rx_iface / rx_iface_in is one receive queue and each
 * tx_pcap / tx_iface one transmit queue, in the order given (up to 16
 * each). A side left out gets one idle receive queue per transmit stream,
 * or one dropping transmit queue per receive stream. Mixing files and
 * interfaces on one side, or iface= with anything but phy_mac, is refused
 * (DPDK 22.11 silently ignores one of them).
 *
 * Every system or library call of setup goes through DPKIT_FAULT(SYSCALL)
 * and every allocation through rte_malloc, so the fault tests can fail each
 * one; whatever fails, the port gives back every handle it opened.
 */

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atomic>

#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>

#include "eal_fault.h"
#include "pcap_private.h"

RTE_LOG_REGISTER(net_pcap_logtype, pmd.net.pcap, NOTICE);
#define PCAP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_pcap_logtype, "net_pcap: " fmt "\n", ##__VA_ARGS__)

using namespace dpkit::pcap_detail;

namespace {

port *
priv(struct rte_eth_dev *dev)
{
	return static_cast<port *>(dev->data->dev_private);
}

/* ---- opening and closing handles ---- */

/* @return 0, or -errno after one line naming @p dev and the stream. */
int
open_rx_file(const char *dev, rx_queue *q)
{
	char err[PCAP_ERRBUF_SIZE] = "fault injected";
	q->pcap = DPKIT_FAULT(SYSCALL) ? nullptr : pcap_open_offline(q->name, err);
	if (q->pcap != nullptr)
		return 0;
	PCAP_LOG(ERR, "%s: argument 'rx_pcap=%s': cannot read it as a pcap file (%s)", dev, q->name,
		 err);
	return -EINVAL;
}

int
open_dumper(const char *dev, tx_queue *q)
{
	pcap_t *dead = DPKIT_FAULT(SYSCALL)
			       ? nullptr
			       : pcap_open_dead_with_tstamp_precision(DLT_EN10MB, dump_snaplen,
								      PCAP_TSTAMP_PRECISION_NANO);
	if (dead == nullptr) {
		PCAP_LOG(ERR, "%s: argument 'tx_pcap=%s': no pcap handle (out of memory)", dev,
			 q->name);
		return -ENOMEM;
	}
	bool fault = DPKIT_FAULT(SYSCALL);
	q->dumper = fault ? nullptr : pcap_dump_open(dead, q->name);
	q->header_flushed = false;
	if (q->dumper == nullptr)
		PCAP_LOG(ERR, "%s: argument 'tx_pcap=%s': cannot write it (%s)", dev, q->name,
			 fault ? "fault injected" : pcap_geterr(dead));
	pcap_close(dead); /* the dumper keeps what it needs */
	return q->dumper != nullptr ? 0 : -EINVAL;
}

/*
 * A live, non-blocking handle on interface @p name that hands over each
 * frame as it arrives (immediate mode), promiscuous, jumbo frames whole.
 * Immediate mode gives every frame a slot of the snap length, so the ring
 * is made larger than libpcap's 2 MB default: about 800 slots, enough for
 * a burst of a few hundred frames between two polls.
 * @return the handle, or nullptr after one line (@p *ret: -errno).
 */
pcap_t *
open_live(const char *dev, const char *arg, const char *name, bool in_only, int *ret)
{
	char err[PCAP_ERRBUF_SIZE] = "fault injected";
	if (if_nametoindex(name) == 0) {
		PCAP_LOG(ERR,
			 "%s: argument '%s=%s': no such interface in this network namespace "
			 "(see 'ip link')",
			 dev, arg, name);
		*ret = -ENODEV;
		return nullptr;
	}
	pcap_t *p = DPKIT_FAULT(SYSCALL) ? nullptr : pcap_create(name, err);
	if (p == nullptr) {
		PCAP_LOG(ERR, "%s: argument '%s=%s': %s", dev, arg, name, err);
		*ret = -ENOMEM;
		return nullptr;
	}
	pcap_set_snaplen(p, iface_snaplen);
	pcap_set_promisc(p, 1);
	pcap_set_immediate_mode(p, 1);
	pcap_set_buffer_size(p, live_buffer_size);
	/* the fault comes after a real activation: libpcap frees a handle that
	 * was never activated only in part */
	int act = pcap_activate(p);
	if (DPKIT_FAULT(SYSCALL))
		act = PCAP_ERROR;
	const char *step = "cannot capture";
	if (act >= 0) {
		step = "cannot make the capture non-blocking";
		act = DPKIT_FAULT(SYSCALL) ? PCAP_ERROR : pcap_setnonblock(p, 1, err);
	}
	if (act >= 0 && in_only) {
		step = "cannot capture only incoming frames";
		act = DPKIT_FAULT(SYSCALL) ? PCAP_ERROR : pcap_setdirection(p, PCAP_D_IN);
	}
	if (act < 0) {
		PCAP_LOG(ERR, "%s: argument '%s=%s': %s (%s)%s", dev, arg, name, step,
			 act == PCAP_ERROR ? pcap_geterr(p) : pcap_statustostr(act),
			 act == PCAP_ERROR_PERM_DENIED ? "; run as root or grant CAP_NET_RAW" : "");
		pcap_close(p);
		*ret = act == PCAP_ERROR_PERM_DENIED ? -EPERM : -EINVAL;
		return nullptr;
	}
	return p;
}

const char *
rx_arg(const rx_queue *q, bool single)
{
	if (single)
		return "iface";
	return q->kind == stream::file       ? "rx_pcap"
	       : q->kind == stream::iface_in ? "rx_iface_in"
					     : "rx_iface";
}

/* Open every handle that is not open. @return 0 or -errno (logged). */
int
open_handles(const char *dev, port *p)
{
	int ret = 0;
	for (unsigned int i = 0; i < p->nb_tx && ret == 0; i++) {
		tx_queue *q = &p->txq[i];
		if (q->kind == stream::file && q->dumper == nullptr)
			ret = open_dumper(dev, q);
		else if (q->kind == stream::iface && q->pcap == nullptr) {
			q->pcap = open_live(dev, p->single_iface ? "iface" : "tx_iface", q->name,
					    false, &ret);
		}
	}
	for (unsigned int i = 0; i < p->nb_rx && ret == 0; i++) {
		rx_queue *q = &p->rxq[i];
		if (q->shared)
			q->pcap = p->txq[0].pcap;
		else if (q->kind == stream::file && q->pcap == nullptr)
			ret = open_rx_file(dev, q);
		else if ((q->kind == stream::iface || q->kind == stream::iface_in) &&
			 q->pcap == nullptr)
			q->pcap = open_live(dev, rx_arg(q, false), q->name,
					    q->kind == stream::iface_in, &ret);
	}
	return ret;
}

/* What the kernel dropped on a live receive handle since it was opened. */
uint64_t
handle_drops(pcap_t *pcap)
{
	struct pcap_stat st;
	return pcap != nullptr && pcap_stats(pcap, &st) == 0 ? st.ps_drop : 0;
}

bool
is_live(const rx_queue *q)
{
	return q->kind == stream::iface || q->kind == stream::iface_in;
}

void
close_handles(port *p)
{
	for (unsigned int i = 0; i < max_queues; i++) {
		rx_queue *rq = &p->rxq[i];
		if (is_live(rq))
			rq->missed_closed += handle_drops(rq->pcap);
		if (rq->pcap != nullptr && !rq->shared)
			pcap_close(rq->pcap);
		rq->pcap = nullptr;
		tx_queue *tq = &p->txq[i];
		if (tq->dumper != nullptr)
			pcap_dump_close(tq->dumper);
		if (tq->pcap != nullptr)
			pcap_close(tq->pcap);
		tq->dumper = nullptr;
		tq->pcap = nullptr;
	}
}

void
free_port_memory(port *p)
{
	for (unsigned int i = 0; i < max_queues; i++) {
		rte_free(p->rxq[i].replay_data);
		rte_free(p->rxq[i].replay);
		rte_free(p->txq[i].scratch);
		rte_free(p->txq[i].stage);
		p->txq[i].stage = nullptr;
		p->rxq[i].replay_data = nullptr;
		p->rxq[i].replay = nullptr;
		p->rxq[i].replay_count = 0;
		p->txq[i].scratch = nullptr;
	}
}

/* ---- infinite_rx: the file in memory ---- */

/*
 * Read the whole of queue @p q's file into one buffer and a frame table,
 * then reopen the file so that a later stop/start finds it at its start.
 * @return 0 or -errno (logged).
 */
int
load_replay(const char *dev, rx_queue *q, int socket)
{
	if (q->replay != nullptr)
		return 0;
	size_t bytes = 0, frames = 0;
	struct pcap_pkthdr *h;
	const u_char *data;
	int r;
	while ((r = pcap_next_ex(q->pcap, &h, &data)) == 1) {
		bytes += h->caplen;
		frames++;
	}
	pcap_close(q->pcap);
	q->pcap = nullptr;
	if (r == PCAP_ERROR || frames == 0 || bytes > UINT32_MAX) {
		PCAP_LOG(ERR,
			 "%s: argument 'rx_pcap=%s': %s; infinite_rx needs a readable file "
			 "with at least one frame and under 4 GB",
			 dev, q->name,
			 frames == 0       ? "no frame"
			 : r == PCAP_ERROR ? "damaged"
					   : "too large");
		return -EINVAL;
	}
	int ret = open_rx_file(dev, q);
	if (ret != 0)
		return ret;
	q->replay_data = static_cast<uint8_t *>(rte_malloc_socket("pcap_replay", bytes, 0, socket));
	q->replay = static_cast<replay_frame *>(
		rte_malloc_socket("pcap_replay", frames * sizeof(replay_frame), 0, socket));
	if (q->replay_data == nullptr || q->replay == nullptr) {
		PCAP_LOG(ERR, "%s: %zu bytes for the %zu frames of %s: out of memory; raise -m",
			 dev, bytes, frames, q->name);
		return -ENOMEM;
	}
	uint32_t off = 0, n = 0;
	while (n < frames && pcap_next_ex(q->pcap, &h, &data) == 1) {
		memcpy(q->replay_data + off, data, h->caplen);
		q->replay[n++] = {off, h->caplen};
		off += h->caplen;
	}
	pcap_close(q->pcap);
	q->pcap = nullptr;
	q->replay_count = n;
	q->replay_next = 0;
	return open_rx_file(dev, q);
}

/* ---- control path ---- */

int
pcap_configure(struct rte_eth_dev *)
{
	return 0;
}

int
pcap_start(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	int ret = open_handles(dev->data->name, p);
	if (ret != 0)
		return ret;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	for (unsigned int i = 0; i < p->nb_tx; i++) {
		p->txq[i].start_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
		p->txq[i].start_cycles = rte_get_timer_cycles();
		p->txq[i].ns_per_cycle = (uint64_t)((1000000000ull << 32) / rte_get_timer_hz());
	}
	for (unsigned int i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	for (unsigned int i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	dpkit_eth_sw_link_set(dev, 1);
	return 0;
}

int
pcap_stop(struct rte_eth_dev *dev)
{
	close_handles(priv(dev)); /* output files complete; inputs rewind at start */
	for (unsigned int i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (unsigned int i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	dpkit_eth_sw_link_set(dev, 0);
	return 0;
}

int
pcap_close_port(struct rte_eth_dev *dev)
{
	close_handles(priv(dev));
	free_port_memory(priv(dev));
	return 0;
}

int
pcap_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	port *p = priv(dev);
	info->if_index = (unsigned int)p->if_index;
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = UINT32_MAX;
	info->min_rx_bufsize = 0;
	info->max_rx_queues = (uint16_t)p->nb_rx;
	info->max_tx_queues = (uint16_t)p->nb_tx;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_SCATTER | RTE_ETH_RX_OFFLOAD_TIMESTAMP;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G | RTE_ETH_LINK_SPEED_FIXED;
	return 0;
}

int
pcap_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int socket,
	      const struct rte_eth_rxconf *, struct rte_mempool *mp)
{
	port *p = priv(dev);
	rx_queue *q = &p->rxq[qid];
	q->mp = mp;
	q->port_id = dev->data->port_id;
	q->nombuf = &dev->data->rx_mbuf_alloc_failed;
	if (p->infinite_rx) {
		if (q->pcap == nullptr) {
			int ret = open_handles(dev->data->name, p);
			if (ret != 0)
				return ret;
		}
		int ret = load_replay(dev->data->name, q, (int)socket);
		if (ret != 0) {
			rte_free(q->replay_data);
			rte_free(q->replay);
			q->replay_data = nullptr;
			q->replay = nullptr;
			q->replay_count = 0;
			return ret;
		}
	}
	dev->data->rx_queues[qid] = q;
	return 0;
}

int
pcap_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t, unsigned int,
	      const struct rte_eth_txconf *)
{
	dev->data->tx_queues[qid] = &priv(dev)->txq[qid];
	return 0;
}

void
pcap_queue_release(struct rte_eth_dev *, uint16_t)
{
	/* queues live in the port's private data until close */
}

uint64_t
missed(rx_queue *q)
{
	return is_live(q) ? q->missed_closed + handle_drops(q->pcap) : 0;
}

constexpr size_t rxq_stats = offsetof(rx_queue, stats);
constexpr size_t txq_stats = offsetof(tx_queue, stats);

int
pcap_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	port *p = priv(dev);
	for (unsigned int i = 0; i < p->nb_rx; i++)
		stats->imissed += missed(&p->rxq[i]) - p->rxq[i].missed_base;
	return dpkit_eth_sw_stats_get(dev, stats, rxq_stats, txq_stats);
}

int
pcap_stats_reset(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	for (unsigned int i = 0; i < p->nb_rx; i++)
		p->rxq[i].missed_base = missed(&p->rxq[i]);
	return dpkit_eth_sw_stats_reset(dev, rxq_stats, txq_stats);
}

const struct eth_dev_ops pcap_ops = [] {
	struct eth_dev_ops o = {};
	o.dev_configure = pcap_configure;
	o.dev_start = pcap_start;
	o.dev_stop = pcap_stop;
	o.dev_close = pcap_close_port;
	o.dev_set_link_up = dpkit_eth_sw_link_up;
	o.dev_set_link_down = dpkit_eth_sw_link_down;
	o.link_update = dpkit_eth_sw_link_update;
	o.stats_get = pcap_stats_get;
	o.stats_reset = pcap_stats_reset;
	o.dev_infos_get = pcap_info;
	o.rx_queue_setup = pcap_rx_setup;
	o.rx_queue_release = pcap_queue_release;
	o.tx_queue_setup = pcap_tx_setup;
	o.tx_queue_release = pcap_queue_release;
	return o;
}();

} // namespace

namespace {

/* The interface's own MAC address into @p mac; false (logged) if unreadable. */
bool
read_iface_mac(const char *dev, const char *iface, struct rte_ether_addr *mac)
{
	int fd = DPKIT_FAULT(SYSCALL) ? -1 : socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr = {};
	/* the name was found by if_nametoindex, so it fits */
	memcpy(ifr.ifr_name, iface, RTE_MIN(strlen(iface), sizeof(ifr.ifr_name) - 1));
	bool ok = fd >= 0 && ioctl(fd, SIOCGIFHWADDR, &ifr) == 0;
	if (ok)
		memcpy(mac->addr_bytes, ifr.ifr_hwaddr.sa_data, RTE_ETHER_ADDR_LEN);
	else
		PCAP_LOG(WARNING,
			 "%s: phy_mac=1: cannot read the MAC address of %s (%s); "
			 "using the driver's own",
			 dev, iface, strerror(errno));
	if (fd >= 0)
		close(fd);
	return ok;
}

/* 02:70:63:61:70:<n> ("pcap", locally administered), n counting ports. */
void
default_mac(struct rte_ether_addr *mac)
{
	static std::atomic<uint8_t> next{0};
	const uint8_t bytes[RTE_ETHER_ADDR_LEN] = {
		0x02, 0x70, 0x63, 0x61, 0x70, next.fetch_add(1, std::memory_order_relaxed)};
	memcpy(mac->addr_bytes, bytes, sizeof(bytes));
}

/* Set the burst functions from what the queues are. */
void
set_bursts(struct rte_eth_dev *dev, const port *p)
{
	stream rx = p->rxq[0].kind, tx = p->txq[0].kind;
	dev->rx_pkt_burst = p->infinite_rx ? rx_replay : rx == stream::none ? rx_none : rx_pcap;
	dev->tx_pkt_burst = tx == stream::file ? tx_dump : tx == stream::iface ? tx_wire : tx_drop;
}

int
pcap_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	int socket = vdev->device.numa_node;

	if (ts_offset < 0 && rte_mbuf_dyn_rx_timestamp_register(&ts_offset, &ts_flag) != 0) {
		PCAP_LOG(ERR,
			 "%s: cannot register the mbuf timestamp field (%s); the mbuf "
			 "has no dynamic field space left",
			 name, rte_strerror(rte_errno));
		return -rte_errno;
	}
	auto *p = static_cast<port *>(
		rte_zmalloc_socket(name, sizeof(port), RTE_CACHE_LINE_SIZE, socket));
	if (p == nullptr) {
		PCAP_LOG(ERR, "%s: out of memory for the port; raise -m", name);
		return -ENOMEM;
	}
	bool phy_mac = false;
	int ret = parse_args(vdev, p, &phy_mac);
	for (unsigned int i = 0; i < p->nb_tx && ret == 0; i++) {
		p->txq[i].scratch = static_cast<uint8_t *>(
			rte_malloc_socket("pcap_scratch", dump_snaplen, 0, socket));
		if (p->txq[i].kind == stream::file)
			p->txq[i].stage = static_cast<uint8_t *>(
				rte_malloc_socket("pcap_stage", stage_size, 0, socket));
		if (p->txq[i].scratch == nullptr ||
		    (p->txq[i].kind == stream::file && p->txq[i].stage == nullptr)) {
			PCAP_LOG(ERR, "%s: out of memory for tx queue %u; raise -m", name, i);
			ret = -ENOMEM;
		}
	}
	if (ret == 0)
		ret = open_handles(name, p);
	struct rte_eth_dev *dev = nullptr;
	auto *macs = ret != 0 ? nullptr
			      : static_cast<struct rte_ether_addr *>(rte_zmalloc_socket(
					name, sizeof(struct rte_ether_addr), 0, socket));
	if (ret == 0 && macs == nullptr) {
		PCAP_LOG(ERR, "%s: out of memory for the port; raise -m", name);
		ret = -ENOMEM;
	}
	if (ret == 0 && (dev = rte_eth_dev_allocate(name)) == nullptr)
		ret = -ENOSPC;
	if (ret != 0) {
		close_handles(p);
		free_port_memory(p);
		rte_free(p);
		rte_free(macs);
		return ret;
	}
	if (p->single_iface)
		p->if_index = (int)if_nametoindex(p->txq[0].name);
	if (!(phy_mac && read_iface_mac(name, p->txq[0].name, macs)))
		default_mac(macs);
	dev->data->dev_private = p;
	dev->data->mac_addrs = macs;
	dev->device = &vdev->device;
	dev->dev_ops = &pcap_ops;
	set_bursts(dev, p);
	dev->data->numa_node = socket;
	dev->data->promiscuous = 1;
	dev->data->all_multicast = 1;
	dev->data->dev_flags = RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
	dpkit_eth_sw_link_set(dev, 0);
	rte_eth_dev_probing_finish(dev);
	PCAP_LOG(INFO, "%s: port %u, %u rx and %u tx queues%s", name, dev->data->port_id, p->nb_rx,
		 p->nb_tx, p->infinite_rx ? ", infinite_rx" : "");
	return 0;
}

int
pcap_remove(struct rte_vdev_device *vdev)
{
	return dpkit_eth_dev_destroy(rte_vdev_device_name(vdev));
}

struct rte_vdev_driver pcap_driver = {
	{},
	pcap_probe,
	pcap_remove,
	0,
};

} // namespace

RTE_PMD_REGISTER_VDEV(net_pcap, pcap_driver);
RTE_PMD_REGISTER_ALIAS(net_pcap, eth_pcap);
RTE_PMD_REGISTER_PARAM_STRING(net_pcap,
			      "rx_pcap=<string> tx_pcap=<string> rx_iface=<ifc> "
			      "rx_iface_in=<ifc> tx_iface=<ifc> iface=<ifc> phy_mac=<int> "
			      "infinite_rx=<0|1>");
