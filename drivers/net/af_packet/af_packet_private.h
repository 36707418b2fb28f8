/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _AF_PACKET_PRIVATE_H_
#define _AF_PACKET_PRIVATE_H_

/*
 * net_af_packet internals shared by its two files: the port and queue
 * structures, and the sockets and rings each queue pair uses
 * (af_packet_sockets.cpp). rte_eth_af_packet.cpp has the fast path, the
 * control path and the probe; its header comment describes the driver.
 */

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/if_packet.h>

#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>

#include <ethdev_driver.h>

extern int net_af_packet_logtype;
/* One line per call: the macro appends the newline. */
#define AFP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_af_packet_logtype, "net_af_packet: " fmt "\n", ##__VA_ARGS__)

namespace dpkit::af_packet {

constexpr unsigned int max_qpairs = 16;
constexpr uint64_t default_framesz = 2048;
constexpr uint64_t default_framecnt = 512;
constexpr uint32_t max_mac_addrs = 1;
/* where tx frame data starts in a TPACKET_V2 frame */
constexpr size_t tx_data_offset = TPACKET2_HDRLEN - sizeof(struct sockaddr_ll);
/*
 * where the kernel puts a received Ethernet frame: the header, room for a
 * 16-byte link header, aligned, minus the 14 bytes of the Ethernet header
 * (so that the network header is aligned) — 66 bytes on Linux
 */
constexpr size_t rx_data_offset = TPACKET_ALIGN(TPACKET2_HDRLEN + 16) - RTE_ETHER_HDR_LEN;

struct afp_ring {
	uint8_t **frames;   /* address of each frame */
	unsigned int count; /* frames */
	unsigned int next;  /* next frame to look at */
	int fd;
	struct dpkit_eth_sw_queue_stats stats; /* the poller's counts */
};

struct afp_rxq {
	afp_ring ring;
	struct rte_mempool *mb_pool;
	uint16_t port_id;
	uint16_t buf_room;     /* usable bytes per mbuf */
	bool keep_vlan_out;    /* VLAN_STRIP offload: leave the tag in vlan_tci */
	uint64_t kernel_drops; /* PACKET_STATISTICS, accumulated by stats_get */
} __rte_cache_aligned;

struct afp_txq {
	afp_ring ring;
	uint32_t frame_data; /* bytes of packet a tx frame holds */
} __rte_cache_aligned;

struct afp_port {
	char iface[IF_NAMESIZE];
	int ifindex;
	unsigned int qpairs;
	struct tpacket_req req;
	size_t map_len; /* per socket: rx ring + tx ring */
	uint8_t *maps[max_qpairs];
	int fds[max_qpairs];
	afp_rxq rxq[max_qpairs];
	afp_txq txq[max_qpairs];
};

inline afp_port *
priv(struct rte_eth_dev *dev)
{
	return static_cast<afp_port *>(dev->data->dev_private);
}

/* bytes of packet a tx frame holds */
inline uint32_t
frame_data(const afp_port *p)
{
	return p->req.tp_frame_size - (uint32_t)tx_data_offset;
}

/* Every queue pair's socket and rings, then the interface's MAC address
 * into @p mac. @return 0 or -errno (the caller closes what was opened). */
int open_sockets(const char *name, afp_port *p, bool qdisc_bypass, int socket,
		 struct rte_ether_addr *mac);

/* Unmap and close what open_sockets() made (any part of it); the port's
 * socket and map slots are empty afterwards. */
void close_sockets(afp_port *p);

} // namespace dpkit::af_packet

#endif /* _AF_PACKET_PRIVATE_H_ */
