/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_ETHDEV_CORE_H_
#define _RTE_ETHDEV_CORE_H_

#pragma GCC visibility push(default)

/**
 * @file
 * @internal Do not include directly: include rte_ethdev.h.
 *
 * The fast-path table. rte_eth_rx_burst() and rte_eth_tx_burst() are inline
 * and reach a driver through one flat, cache-aligned array indexed by port:
 * each entry holds the driver's burst functions (first cache line for rx,
 * second for tx) and pointers to the per-queue data arrays. The control path
 * (ethdev_fp_ops.cpp) rewrites an entry when the port starts or stops; while
 * a port is not started its entry points to a queue array of NULLs, so a
 * burst on it returns 0 instead of reaching freed or unset queues.
 */

#include <stdint.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;

/** Driver receive: fill up to nb_pkts into rx_pkts, return how many. */
typedef uint16_t (*eth_rx_burst_t)(void *rxq, struct rte_mbuf **rx_pkts, uint16_t nb_pkts);
/** Driver transmit: take the first n of tx_pkts, return n. */
typedef uint16_t (*eth_tx_burst_t)(void *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts);
/** Driver transmit preparation (offload fix-ups); NULL when nothing to do. */
typedef uint16_t (*eth_tx_prep_t)(void *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts);
/** Used rx descriptors of a queue. */
typedef uint32_t (*eth_rx_queue_count_t)(void *rxq);
/** State of one rx descriptor. */
typedef int (*eth_rx_descriptor_status_t)(void *rxq, uint16_t offset);
/** State of one tx descriptor. */
typedef int (*eth_tx_descriptor_status_t)(void *txq, uint16_t offset);

/** Queue data of one direction of a port. */
struct rte_ethdev_qdata {
	void **data; /**< RTE_MAX_QUEUES_PER_PORT driver queue pointers (NULL = none) */
	void **clbk; /**< RTE_MAX_QUEUES_PER_PORT callback list heads (NULL = none) */
};

/** Fast-path entry of one port: one cache line per direction. */
struct rte_eth_fp_ops {
	/* rx */
	eth_rx_burst_t rx_pkt_burst;
	eth_rx_queue_count_t rx_queue_count;
	eth_rx_descriptor_status_t rx_descriptor_status;
	struct rte_ethdev_qdata rxq;
	uintptr_t reserved1[3];
	/* tx */
	eth_tx_burst_t tx_pkt_burst;
	eth_tx_prep_t tx_pkt_prepare;
	eth_tx_descriptor_status_t tx_descriptor_status;
	struct rte_ethdev_qdata txq;
	uintptr_t reserved2[3];
} __rte_cache_aligned;

#ifdef __cplusplus
static_assert(sizeof(struct rte_eth_fp_ops) == (size_t)2 * RTE_CACHE_LINE_SIZE,
	      "one cache line per direction");
#endif

/** The table, one entry per possible port. */
extern struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_ETHDEV_CORE_H_ */
