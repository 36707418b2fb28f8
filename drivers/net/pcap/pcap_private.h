/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_pcap internals shared by the control path (pcap_ethdev.cpp) and the
 * burst functions (pcap_rxtx.cpp). Not installed.
 *
 * A port has up to max_queues receive streams and as many transmit
 * streams, one per devarg, in the order given. Each queue owns its libpcap
 * handle (an offline file, a live interface, or a dumper); iface= makes
 * queue 0 share one live handle for both directions. Handles are opened at
 * probe (so a bad file or interface is refused there), closed at stop and
 * opened again at start: a restarted port replays its files from the first
 * packet and rewrites its output files, as DPDK 22.11 does.
 */

#ifndef _PCAP_PRIVATE_H_
#define _PCAP_PRIVATE_H_

#include <limits.h>
#include <stdint.h>

#include <pcap/pcap.h>

#include <rte_common.h>
#include <rte_ether.h>
#include <rte_mbuf.h>

#include <ethdev_driver.h>

struct rte_vdev_device;

namespace dpkit::pcap_detail {

constexpr unsigned int max_queues = 16;
/* bytes a live capture keeps of each frame: a jumbo frame whole */
constexpr int iface_snaplen = RTE_ETHER_MAX_JUMBO_FRAME_LEN;
/* kernel ring of a live capture */
constexpr int live_buffer_size = 8 << 20;
/* bytes an output file keeps of each frame (and the size of the tx scratch) */
constexpr int dump_snaplen = 65535;
constexpr size_t stream_name_len = 256;
/* records of a burst gathered before one write: a full burst of 1500-byte
 * frames, and room for one record of the largest size */
constexpr size_t stage_size = size_t{128} * 1024;

enum class stream : uint8_t {
	none,     /* rx: a queue that never receives; tx: drops and counts */
	file,     /* rx_pcap / tx_pcap */
	iface,    /* rx_iface / tx_iface / iface: both directions on the wire */
	iface_in, /* rx_iface_in: only what arrives */
};

/* One frame of a file loaded for infinite_rx. */
struct replay_frame {
	uint32_t off;
	uint32_t len;
};

struct rx_queue {
	pcap_t *pcap; /* file or live handle; nullptr while stopped */
	struct rte_mempool *mp;
	uint64_t *nombuf; /* the port's rx_mbuf_alloc_failed */
	uint16_t port_id;
	stream kind;
	bool shared; /* iface=: the handle belongs to tx queue 0 */
	/* infinite_rx: the whole file, loaded at queue setup */
	uint8_t *replay_data;
	replay_frame *replay;
	uint32_t replay_count;
	uint32_t replay_next;
	struct dpkit_eth_sw_queue_stats stats;
	uint64_t missed_closed;     /* kernel drops of handles closed at stop */
	uint64_t missed_base;       /* value of missed() at the last reset */
	char name[stream_name_len]; /* file or interface */
} __rte_cache_aligned;

struct tx_queue {
	pcap_t *pcap;          /* live handle (tx_iface, iface) */
	pcap_dumper_t *dumper; /* tx_pcap */
	uint8_t *scratch;      /* dump_snaplen bytes for chained mbufs (tx_wire) */
	uint8_t *stage;        /* stage_size bytes of records to write (tx_dump) */
	uint64_t start_ns;     /* wall clock at start, for output timestamps */
	uint64_t start_cycles; /* timer cycles at start */
	uint64_t ns_per_cycle; /* nanoseconds per timer cycle, times 2^32 */
	bool header_flushed;   /* libpcap's file header is out of stdio */
	stream kind;
	struct dpkit_eth_sw_queue_stats stats;
	char name[stream_name_len];
} __rte_cache_aligned;

struct port {
	unsigned int nb_rx;
	unsigned int nb_tx;
	bool single_iface; /* iface= */
	bool infinite_rx;
	int if_index;
	rx_queue rxq[max_queues];
	tx_queue txq[max_queues];
};

/* Where the receive timestamp lives in an mbuf, and its flag (set at probe). */
extern int ts_offset;
extern uint64_t ts_flag;

/*
 * Read the device arguments into the queue layout of @p p (kinds, names,
 * counts, single_iface, infinite_rx) and @p phy_mac (pcap_args.cpp).
 * @return 0, or -EINVAL after one line naming the argument.
 */
int parse_args(struct rte_vdev_device *vdev, port *p, bool *phy_mac);

/* ---- burst functions (pcap_rxtx.cpp) ---- */
uint16_t rx_pcap(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);
uint16_t rx_replay(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);
uint16_t rx_none(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);
uint16_t tx_dump(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);
uint16_t tx_wire(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);
uint16_t tx_drop(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);

/*
 * Copy @p len bytes into @p m (a fresh mbuf), chaining more mbufs from
 * @p mp when one data room is too small. @return 0, or -ENOBUFS (the
 * segments taken so far hang off @p m: freeing @p m frees them).
 */
int copy_to_mbuf(struct rte_mbuf *m, struct rte_mempool *mp, const uint8_t *data, uint32_t len);

} // namespace dpkit::pcap_detail

#endif /* _PCAP_PRIVATE_H_ */
