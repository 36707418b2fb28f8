/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_af_packet: the socket of each queue pair, its TPACKET_V2 rx and tx
 * rings mapped back to back, and the frame tables over them.
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <rte_malloc.h>

#include "af_packet_private.h"

namespace dpkit::af_packet {

namespace {

/* Frame addresses of one ring starting at @p base. */
uint8_t **
frame_table(const struct tpacket_req &req, uint8_t *base, int socket)
{
	auto **frames = static_cast<uint8_t **>(
		rte_zmalloc_socket("afp_frames", req.tp_frame_nr * sizeof(uint8_t *), 0, socket));
	if (frames == nullptr)
		return nullptr;
	unsigned int per_block = req.tp_block_size / req.tp_frame_size;
	for (unsigned int i = 0; i < req.tp_frame_nr; i++)
		frames[i] = base + (size_t)(i / per_block) * req.tp_block_size +
			    (size_t)(i % per_block) * req.tp_frame_size;
	return frames;
}

/*
 * Open queue pair @p q: socket, TPACKET_V2 rings, mapping, bind, fanout.
 * On failure logs one line and returns -errno; close_sockets() undoes a
 * partial success.
 */
int
open_qpair(const char *name, afp_port *p, unsigned int q, bool qdisc_bypass, int socket)
{
	const char *step = "open a packet socket";
	int fd = ::socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	int version = TPACKET_V2, one = 1;
	struct sockaddr_ll sll = {};

	if (fd < 0)
		goto fail;
	p->fds[q] = fd;
	step = "select TPACKET_V2";
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) < 0)
		goto fail;
	/* a malformed tx frame is skipped instead of stalling the ring */
	setsockopt(fd, SOL_PACKET, PACKET_LOSS, &one, sizeof(one));
	/* our own transmissions are not receptions (kernel >= 4.20; rx also checks) */
	setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
	if (qdisc_bypass && setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)) < 0)
		AFP_LOG(INFO, "%s: qdisc bypass unavailable (%s); using the qdisc", name,
			strerror(errno));
	step = "set up the rx ring (check blocksz/framesz/framecnt)";
	if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &p->req, sizeof(p->req)) < 0)
		goto fail;
	step = "set up the tx ring (check blocksz/framesz/framecnt)";
	if (setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &p->req, sizeof(p->req)) < 0)
		goto fail;
	step = "map the rings (lower framecnt?)";
	{
		void *map = mmap(nullptr, p->map_len, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_POPULATE, fd, 0);
		if (map == MAP_FAILED)
			goto fail;
		p->maps[q] = static_cast<uint8_t *>(map);
	}
	p->rxq[q].ring.frames = frame_table(p->req, p->maps[q], socket);
	p->txq[q].ring.frames = frame_table(p->req, p->maps[q] + p->map_len / 2, socket);
	if (p->rxq[q].ring.frames == nullptr || p->txq[q].ring.frames == nullptr) {
		AFP_LOG(ERR, "%s: out of memory for frame tables", name);
		return -ENOMEM;
	}
	p->rxq[q].ring.count = p->txq[q].ring.count = p->req.tp_frame_nr;
	p->rxq[q].ring.fd = p->txq[q].ring.fd = fd;
	p->txq[q].frame_data = frame_data(p);

	step = "bind to the interface";
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = p->ifindex;
	if (bind(fd, reinterpret_cast<struct sockaddr *>(&sll), sizeof(sll)) < 0)
		goto fail;
	if (p->qpairs > 1) {
		step = "join the fanout group";
		int group = (int)((getpid() ^ (unsigned)p->ifindex) & 0xffff);
		/* DPDK 22.11's flags: IP fragments are reassembled before the
		 * hash (so all of a datagram reaches one queue), and a queue
		 * whose ring is full passes frames on to the others */
		int fanout = group | ((PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG |
				       PACKET_FANOUT_FLAG_ROLLOVER)
				      << 16);
		if (setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &fanout, sizeof(fanout)) < 0)
			goto fail;
	}
	return 0;
fail:
	int err = errno;
	AFP_LOG(ERR, "%s: cannot %s on %s, queue pair %u (%s)%s", name, step, p->iface, q,
		strerror(err), err == EPERM ? "; run as root or grant CAP_NET_RAW" : "");
	return -err;
}

} // namespace

int
open_sockets(const char *name, afp_port *p, bool qdisc_bypass, int socket,
	     struct rte_ether_addr *mac)
{
	int ret = 0;
	for (unsigned int q = 0; q < p->qpairs && ret == 0; q++)
		ret = open_qpair(name, p, q, qdisc_bypass, socket);
	if (ret != 0)
		return ret;
	struct ifreq ifr = {};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", p->iface);
	if (ioctl(p->fds[0], SIOCGIFHWADDR, &ifr) < 0) {
		ret = -errno;
		AFP_LOG(ERR, "%s: cannot read the MAC address of %s (%s)", name, p->iface,
			strerror(errno));
		return ret;
	}
	memcpy(mac->addr_bytes, ifr.ifr_hwaddr.sa_data, RTE_ETHER_ADDR_LEN);
	return 0;
}

void
close_sockets(afp_port *p)
{
	for (unsigned int i = 0; i < max_qpairs; i++) {
		if (p->maps[i] != nullptr)
			munmap(p->maps[i], p->map_len);
		if (p->fds[i] >= 0)
			close(p->fds[i]);
		rte_free(p->rxq[i].ring.frames);
		rte_free(p->txq[i].ring.frames);
		p->maps[i] = nullptr;
		p->fds[i] = -1;
		p->rxq[i].ring.frames = nullptr;
		p->txq[i].ring.frames = nullptr;
	}
}

} // namespace dpkit::af_packet
