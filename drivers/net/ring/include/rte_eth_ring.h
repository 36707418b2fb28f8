/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_ETH_RING_H_
#define _RTE_ETH_RING_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Ports backed by rings (driver net_ring). Transmit enqueues the mbufs on
 * the queue's tx ring, receive dequeues from its rx ring: give a port the
 * same ring for rx and tx and it loops back; cross two ports' rings and
 * they form a cable. The port neither copies nor frees packets, and it
 * never owns rings it was given.
 */

#include <rte_ring.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Create port @p name whose rx queue i reads @p rx_queues[i] and tx queue i
 * writes @p tx_queues[i] (at most 16 of each).
 * @param name port name, unique among ports.
 * @param rx_queues rings the rx queues read, @p nb_rx_queues of them.
 * @param nb_rx_queues number of rx queues, 1..16.
 * @param tx_queues rings the tx queues write, @p nb_tx_queues of them.
 * @param nb_tx_queues number of tx queues, 1..16.
 * @param numa_node NUMA node for the port's own memory.
 * @return the new port id, or -1 with rte_errno set: EINVAL (NULL name or
 *   array, a NULL ring, 0 or more than 16 queues), EEXIST (name in use),
 *   ENOSPC/ENOMEM (no free port or memory).
 */
int rte_eth_from_rings(const char *name, struct rte_ring *const rx_queues[],
		       const unsigned nb_rx_queues, struct rte_ring *const tx_queues[],
		       const unsigned nb_tx_queues, const unsigned numa_node);

/**
 * Create a loop-back port named after ring @p r, using @p r as its only rx
 * and tx queue. @return the port id, or -1 with rte_errno set.
 */
int rte_eth_from_ring(struct rte_ring *r);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_ETH_RING_H_ */
