/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_tap internals shared by the control path (rte_eth_tap.cpp), the
 * device arguments (tap_args.cpp) and the burst functions (tap_rxtx.cpp).
 * Not installed.
 *
 * A port is one kernel TAP interface opened with IFF_MULTI_QUEUE: queue
 * pair q reads and writes the file descriptor fds[q] (rx queue q and tx
 * queue q share it), and the kernel spreads the interface's transmissions
 * over the attached descriptors by flow. All max_queues descriptors are
 * opened at probe, in the probing thread's network namespace, and only
 * those of configured queue pairs are attached at start. Without persist
 * the interface disappears with the port's last descriptor. Every frame carries the 4-byte tun_pi header
 * in front, so that a frame the kernel had to cut to fit the mbuf shows
 * as such (TUN_PKT_STRIP) and is counted as an error, never passed on.
 */

#ifndef _TAP_PRIVATE_H_
#define _TAP_PRIVATE_H_

#include <net/if.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_ether.h>
#include <rte_mbuf.h>

#include <ethdev_driver.h>

struct rte_vdev_device;

namespace dpkit::tap_detail {

constexpr unsigned int max_queues = 16;
constexpr const char default_name[] = "dtap%d"; /* the kernel picks the number */

struct rx_queue {
	int fd;
	uint16_t port_id;
	struct rte_mempool *mp;
	struct rte_mbuf *spare; /* taken for a read that found nothing */
	uint64_t *nombuf;       /* the port's rx_mbuf_alloc_failed */
	struct dpkit_eth_sw_queue_stats stats;
} __rte_cache_aligned;

struct tx_queue {
	int fd;
	struct dpkit_eth_sw_queue_stats stats;
} __rte_cache_aligned;

struct port {
	char iface[IF_NAMESIZE]; /* the kernel's name, once created */
	bool persist;
	bool created;              /* the probe created the interface */
	int ctl_fd;                /* datagram socket for interface ioctls */
	int fds[max_queues];       /* queue pair descriptors, -1 when closed */
	bool attached[max_queues]; /* in the kernel's queue set */
	rx_queue rxq[max_queues];
	tx_queue txq[max_queues];
};

/* What the device arguments ask for. */
struct args {
	char iface[IF_NAMESIZE];
	struct rte_ether_addr mac; /* zero: a random one */
	bool persist;
};

/* @return 0, or -EINVAL after one line naming the argument (tap_args.cpp). */
int parse_args(struct rte_vdev_device *vdev, args *a);

uint16_t rx_burst(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);
uint16_t tx_burst(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs);

} // namespace dpkit::tap_detail

#endif /* _TAP_PRIVATE_H_ */
