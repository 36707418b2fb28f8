/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_ETH_RING_H_
#define _RTE_ETH_RING_H_

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

#endif /* _RTE_ETH_RING_H_ */
