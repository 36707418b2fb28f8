/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _AF_XDP_PRIVATE_H_
#define _AF_XDP_PRIVATE_H_

/*
 * net_af_xdp internals shared by its three files: the port and queue
 * structures, the fast path (af_xdp_rxtx.cpp) and the kernel objects
 * (af_xdp_socket.cpp: UMEM, socket, XDP program).
 *
 * Ownership of an mbuf the kernel may write or read is recorded in a slot
 * table per queue (owned_table): its slot number lives in the mbuf's
 * hash.usr while the kernel has it (the kernel only touches the data room,
 * never the mbuf header). Whatever is still in a table when the socket is
 * gone goes back to its pool, so no mbuf is lost however the kernel left
 * its rings (including buffers a zero-copy driver held in its own ring).
 */

#include <net/if.h>
#include <stdint.h>

#include <xdp/xsk.h>

#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>

#include <ethdev_driver.h>

extern int net_af_xdp_logtype;
#define AFX_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_af_xdp_logtype, "net_af_xdp: " fmt "\n", ##__VA_ARGS__)

namespace dpkit::af_xdp {

struct prog_ref;

constexpr unsigned int max_queues = 16;
constexpr uint32_t min_chunk = 2048;    /* XDP_UMEM_MIN_CHUNK_SIZE */
constexpr uint32_t xdp_headroom = 256;  /* XDP_PACKET_HEADROOM */
constexpr uint16_t default_ring = 2048; /* descriptors when the application gives 0 */

/* Mbufs the kernel holds for one ring, by slot. */
struct owned_table {
	struct rte_mbuf **slot; /* cap entries, NULL = free */
	uint32_t *free;         /* free slot numbers, a stack */
	uint32_t nfree;
	uint32_t cap;
};

/* One UMEM: the span of a pool's memory, registered with the kernel. */
struct umem_area {
	struct xsk_umem *umem;
	uint8_t *base;
	size_t len;
	struct rte_mempool *mp;
	uint32_t chunk;    /* frame size given to the kernel */
	unsigned int refs; /* sockets on it */
	bool shared;       /* found by other ports (shared_umem=1) */
};

struct rxq {
	struct xsk_ring_cons rx;
	struct xsk_ring_prod fq;
	uint8_t *base; /* UMEM start */
	struct rte_mempool *mp;
	uint32_t buf_to_mbuf; /* buf_addr - mbuf address */
	uint32_t fill_target; /* fill ring size: mbufs the kernel may hold */
	uint32_t in_kernel;   /* in the fill ring or the rx ring */
	uint32_t nombuf_owed; /* empty fill slots already counted in nombuf */
	uint64_t nombuf;      /* fill slots left empty for want of mbufs (poller writes) */
	uint16_t port_id;
	bool busy_poll;
	bool live; /* socket up; false: bursts return 0 */
	int fd;
	struct owned_table owned;
	struct dpkit_eth_sw_queue_stats stats;
} __rte_cache_aligned;

struct txq {
	struct xsk_ring_prod tx;
	struct xsk_ring_cons cq;
	uint8_t *base;
	size_t len;
	uint32_t chunk;         /* longest frame sent (the kernel refuses longer) */
	struct rte_mempool *mp; /* UMEM pool, for copies of foreign mbufs */
	bool live;
	int fd;
	struct owned_table owned;
	struct dpkit_eth_sw_queue_stats stats;
} __rte_cache_aligned;

struct port {
	char iface[IF_NAMESIZE];
	int ifindex;
	int ns_fd;  /* network namespace of the probe */
	int ctl_fd; /* datagram socket there, for interface ioctls */
	unsigned int start_queue;
	unsigned int queue_count;
	bool shared_umem;
	bool force_copy;
	uint16_t busy_budget;
	char prog_path[256];
	struct prog_ref *prog;                 /* XDP program on the interface, while started */
	int xsks_map_fd;                       /* its xsks_map */
	struct rte_mempool *pools[max_queues]; /* rx pool per queue */
	uint16_t nb_rx_desc[max_queues];
	uint16_t nb_tx_desc[max_queues];
	struct xsk_socket *xsk[max_queues];
	struct umem_area *umem[max_queues];
	bool zero_copy[max_queues];
	bool region[max_queues];           /* UMEM recorded in ethdev's table */
	uint64_t kernel_drops[max_queues]; /* XDP_STATISTICS of closed sockets */
	uint64_t nombuf_base[max_queues];  /* rx nombuf at the last stats reset */
	struct rxq rx[max_queues];
	struct txq tx[max_queues];
};

inline port *
priv(struct rte_eth_dev *dev)
{
	return static_cast<port *>(dev->data->dev_private);
}

/* ---- af_xdp_rxtx.cpp ---- */
uint16_t rx_burst(void *q, struct rte_mbuf **bufs, uint16_t nb);
uint16_t tx_burst(void *q, struct rte_mbuf **bufs, uint16_t nb);
/* Top up the fill ring; @return mbufs the kernel now holds for rx. */
uint32_t refill(rxq *q);
int owned_init(owned_table *t, uint32_t cap, int socket);
/* Give every mbuf still in @p t back to its pool; @return how many. */
unsigned int owned_drain(owned_table *t);
void owned_free(owned_table *t);

/* ---- af_xdp_socket.cpp ---- */
/* Create the UMEM, socket and rings of queue @p q (dev_start). */
int queue_open(struct rte_eth_dev *dev, unsigned int q);
/* Undo queue_open, whatever part of it succeeded. */
void queue_close(struct rte_eth_dev *dev, unsigned int q);
/* ---- af_xdp_prog.cpp ---- */
/* Load and attach the XDP program (xdp_prog=, or libxdp's default) before
 * the first socket; sets p->prog and p->xsks_map_fd. */
int prog_attach(struct rte_eth_dev *dev);
void prog_detach(struct rte_eth_dev *dev);
/* Kernel drop counters of queue @p q's open socket (0 when closed). */
uint64_t socket_drops(port *p, unsigned int q);
/* Route libbpf/libxdp messages to our log (once). */
void quiet_libs();

} // namespace dpkit::af_xdp

#endif /* _AF_XDP_PRIVATE_H_ */
