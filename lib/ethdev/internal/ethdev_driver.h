/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _ETHDEV_DRIVER_H_
#define _ETHDEV_DRIVER_H_

#pragma GCC visibility push(default)

/**
 * @file
 * The driver side of ethdev (for NIC drivers, not applications).
 *
 * A driver's probe allocates a port with rte_eth_dev_allocate(), sets
 * dev_ops, the burst functions, data->dev_private, data->mac_addrs and
 * data->dev_link, then calls rte_eth_dev_probing_finish(). ethdev checks
 * arguments and port state before calling an op, so ops only do the work:
 * an op sees a valid port, valid queue ids and non-NULL pointers. An op may
 * be NULL when the driver lacks the feature; the API then returns -ENOTSUP.
 *
 * Queue memory: the driver allocates its queue structures in its
 * rx/tx_queue_setup ops, stores them in data->rx_queues[i] /
 * data->tx_queues[i], and frees them in rx/tx_queue_release (called by
 * ethdev on re-setup, re-configure and close).
 *
 * rte_eth_dev_close() first releases every queue (the queue_release ops),
 * then calls dev_close, which frees whatever else the driver allocated
 * except data->dev_private and data->mac_addrs: rte_eth_dev_release_port()
 * rte_free()s those two and frees the slot.
 *
 * Multi-process: struct rte_eth_dev_data is shared with secondary
 * processes, so everything it points to (queues, dev_private, mac_addrs)
 * must come from rte_malloc; a driver's probe in a secondary calls
 * rte_eth_dev_attach_secondary() instead of allocating.
 */

#include <pthread.h>

#include <rte_ethdev.h>
#include <rte_mempool.h>
#include <dev_driver.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_eth_dev;
struct rte_eth_rxtx_callback;

/* ---- driver operations ---- */
typedef int (*eth_dev_configure_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_start_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_stop_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_close_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_set_link_t)(struct rte_eth_dev *dev);
typedef int (*eth_promisc_t)(struct rte_eth_dev *dev);
/** Refresh data->dev_link; @return 0 when unchanged, 1 when changed, <0 error. */
typedef int (*eth_link_update_t)(struct rte_eth_dev *dev, int wait_to_complete);
typedef int (*eth_stats_get_t)(struct rte_eth_dev *dev, struct rte_eth_stats *stats);
typedef int (*eth_stats_reset_t)(struct rte_eth_dev *dev);
/** Driver xstats only (ethdev adds the generic ones): fill up to n, return the count. */
typedef int (*eth_xstats_get_t)(struct rte_eth_dev *dev, struct rte_eth_xstat *stats,
				unsigned int n);
typedef int (*eth_xstats_get_names_t)(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
				      unsigned int size);
typedef int (*eth_xstats_reset_t)(struct rte_eth_dev *dev);
/** Fill the driver-specific part of dev_info (ethdev fills the rest). */
typedef int (*eth_dev_infos_get_t)(struct rte_eth_dev *dev, struct rte_eth_dev_info *info);
/** @return an RTE_PTYPE_UNKNOWN-terminated list, or NULL when unknown. */
typedef const uint32_t *(*eth_dev_supported_ptypes_get_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_ptypes_set_t)(struct rte_eth_dev *dev, uint32_t ptype_mask);
typedef int (*eth_mtu_set_t)(struct rte_eth_dev *dev, uint16_t mtu);
typedef int (*eth_rx_queue_setup_t)(struct rte_eth_dev *dev, uint16_t rx_queue_id,
				    uint16_t nb_rx_desc, unsigned int socket_id,
				    const struct rte_eth_rxconf *rx_conf,
				    struct rte_mempool *mb_pool);
typedef int (*eth_tx_queue_setup_t)(struct rte_eth_dev *dev, uint16_t tx_queue_id,
				    uint16_t nb_tx_desc, unsigned int socket_id,
				    const struct rte_eth_txconf *tx_conf);
typedef void (*eth_queue_release_t)(struct rte_eth_dev *dev, uint16_t queue_id);
typedef int (*eth_mac_addr_add_t)(struct rte_eth_dev *dev, struct rte_ether_addr *mac_addr,
				  uint32_t index, uint32_t vmdq);
typedef void (*eth_mac_addr_remove_t)(struct rte_eth_dev *dev, uint32_t index);
typedef int (*eth_mac_addr_set_t)(struct rte_eth_dev *dev, struct rte_ether_addr *mac_addr);
typedef int (*reta_update_t)(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta,
			     uint16_t reta_size);
typedef int (*reta_query_t)(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *reta,
			    uint16_t reta_size);
typedef int (*rss_hash_update_t)(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf);
typedef int (*rss_hash_conf_get_t)(struct rte_eth_dev *dev, struct rte_eth_rss_conf *rss_conf);
typedef int (*eth_pool_ops_supported_t)(struct rte_eth_dev *dev, const char *pool);
typedef int (*eth_read_clock_t)(struct rte_eth_dev *dev, uint64_t *clock);
/** What a driver can do; NULL entries mean "not supported". */
struct eth_dev_ops {
	eth_dev_configure_t dev_configure;
	eth_dev_start_t dev_start;
	eth_dev_stop_t dev_stop;
	eth_dev_set_link_t dev_set_link_up;
	eth_dev_set_link_t dev_set_link_down;
	eth_dev_close_t dev_close;
	eth_link_update_t link_update;

	eth_promisc_t promiscuous_enable;
	eth_promisc_t promiscuous_disable;
	eth_promisc_t allmulticast_enable;
	eth_promisc_t allmulticast_disable;
	eth_mac_addr_remove_t mac_addr_remove;
	eth_mac_addr_add_t mac_addr_add;
	eth_mac_addr_set_t mac_addr_set;
	eth_mtu_set_t mtu_set;

	eth_stats_get_t stats_get;
	eth_stats_reset_t stats_reset;
	eth_xstats_get_t xstats_get;
	eth_xstats_reset_t xstats_reset;
	eth_xstats_get_names_t xstats_get_names;

	eth_dev_infos_get_t dev_infos_get;
	eth_dev_supported_ptypes_get_t dev_supported_ptypes_get;
	eth_dev_ptypes_set_t dev_ptypes_set;

	eth_rx_queue_setup_t rx_queue_setup;
	eth_queue_release_t rx_queue_release;
	eth_tx_queue_setup_t tx_queue_setup;
	eth_queue_release_t tx_queue_release;

	reta_update_t reta_update;
	reta_query_t reta_query;
	rss_hash_update_t rss_hash_update;
	rss_hash_conf_get_t rss_hash_conf_get;

	eth_pool_ops_supported_t pool_ops_supported;
	eth_read_clock_t read_clock;
};

/** Port data the driver and ethdev share. */
struct rte_eth_dev_data {
	char name[RTE_ETH_NAME_MAX_LEN];  /**< port name (normally the device name) */
	void **rx_queues;                 /**< driver rx queues, RTE_MAX_QUEUES_PER_PORT slots */
	void **tx_queues;                 /**< driver tx queues, RTE_MAX_QUEUES_PER_PORT slots */
	uint16_t nb_rx_queues;            /**< rx queues configured */
	uint16_t nb_tx_queues;            /**< tx queues configured */
	void *dev_private;                /**< driver's per-port state */
	struct rte_eth_link dev_link;     /**< link state the driver keeps current */
	struct rte_eth_conf dev_conf;     /**< last configuration */
	uint16_t mtu;                     /**< current MTU */
	uint32_t min_rx_buf_size;         /**< smallest rx buffer among rx queues */
	uint64_t rx_mbuf_alloc_failed;    /**< rx allocation failures (the driver counts) */
	struct rte_ether_addr *mac_addrs; /**< max_mac_addrs entries, [0] = primary */
	uint64_t mac_pool_sel[RTE_ETH_NUM_RECEIVE_MAC_ADDR]; /**< pool bit per address */
	uint16_t port_id;                                    /**< this port's id */
	__extension__ uint8_t promiscuous : 1, scattered_rx : 1, all_multicast : 1, dev_started : 1,
		lro : 1, dev_configured : 1;
	uint8_t rx_queue_state[RTE_MAX_QUEUES_PER_PORT]; /**< RTE_ETH_QUEUE_STATE_* */
	uint8_t tx_queue_state[RTE_MAX_QUEUES_PER_PORT]; /**< RTE_ETH_QUEUE_STATE_* */
	uint32_t dev_flags;                              /**< RTE_ETH_DEV_* */
	int numa_node;                                   /**< NUMA node, SOCKET_ID_ANY if unknown */
	struct rte_eth_dev_owner owner;                  /**< always RTE_ETH_DEV_NO_OWNER */
};

/** A port as drivers see it. */
struct rte_eth_dev {
	eth_rx_burst_t rx_pkt_burst;                     /**< driver receive */
	eth_tx_burst_t tx_pkt_burst;                     /**< driver transmit */
	eth_tx_prep_t tx_pkt_prepare;                    /**< driver tx preparation, or NULL */
	eth_rx_queue_count_t rx_queue_count;             /**< or NULL */
	eth_rx_descriptor_status_t rx_descriptor_status; /**< or NULL */
	eth_tx_descriptor_status_t tx_descriptor_status; /**< or NULL */
	struct rte_eth_dev_data *data;                   /**< shared port data */
	void *process_private;                           /**< driver's per-process state */
	const struct eth_dev_ops *dev_ops;               /**< driver operations */
	struct rte_device *device;                       /**< device the port belongs to */
	/** rx callbacks per queue, read by rte_eth_rx_burst() */
	struct rte_eth_rxtx_callback *post_rx_burst_cbs[RTE_MAX_QUEUES_PER_PORT];
	/** tx callbacks per queue, read by rte_eth_tx_burst() */
	struct rte_eth_rxtx_callback *pre_tx_burst_cbs[RTE_MAX_QUEUES_PER_PORT];
	enum rte_eth_dev_state state; /**< slot state */
} __rte_cache_aligned;

/** Every port slot. */
extern struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];

/**
 * Take a free port slot named @p name, with zeroed data, the lowest free
 * port id, MTU RTE_ETHER_MTU and the NUMA node of the calling lcore.
 * @return the port, or NULL (logged) when @p name is invalid or in use or
 *   every slot is taken.
 */
struct rte_eth_dev *rte_eth_dev_allocate(const char *name);

/** @return the attached or probing port called @p name, or NULL. */
struct rte_eth_dev *rte_eth_dev_allocated(const char *name);

/**
 * Secondary process: take the slot of the primary's port called @p name,
 * whose data (dev->data, shared with the primary) is already filled. The
 * driver's probe then sets this process's part, dev_ops, device and the
 * burst functions, and calls rte_eth_dev_probing_finish(), which points
 * the fast-path entry at the shared queues. The port's control calls stay
 * the primary's (they fail with -E_RTE_SECONDARY here); closing it here
 * only forgets this process's view.
 * @return the port, or NULL (logged) when @p name is NULL, the primary has
 *   no such port, or it is attached already.
 */
struct rte_eth_dev *rte_eth_dev_attach_secondary(const char *name);

/**
 * Mark a port usable (RTE_ETH_DEV_ATTACHED) once probe has filled it, and
 * announce it with RTE_ETH_EVENT_NEW.
 */
void rte_eth_dev_probing_finish(struct rte_eth_dev *dev);

/**
 * Give a port slot back: announces RTE_ETH_EVENT_DESTROY (if it was
 * attached), frees ethdev's queue tables, and rte_free()s data->mac_addrs
 * and data->dev_private (so drivers allocate both with rte_zmalloc*), then
 * clears the slot. Does not call the driver. @return 0; -EINVAL for NULL.
 */
int rte_eth_dev_release_port(struct rte_eth_dev *dev);

/**
 * Driver helper for vdev remove: stop (if started) and close the port
 * called @p name. A port the application already closed is not an error.
 * @return 0; -EINVAL for NULL; negative errno from stop/close.
 */
int dpkit_eth_dev_destroy(const char *name);

/**
 * Call the callbacks registered for @p event on the port (and on
 * RTE_ETH_ALL). @return the last callback's return value, 0 if none ran.
 */
int rte_eth_dev_callback_process(struct rte_eth_dev *dev, enum rte_eth_event_type event,
				 void *ret_param);

/**
 * Driver helper: store @p link as the port's link state.
 * @return 0 when it did not change, -1 when it did (DPDK convention).
 */
int rte_eth_linkstatus_set(struct rte_eth_dev *dev, const struct rte_eth_link *link);

/** Driver helper: copy the port's link state atomically. */
void rte_eth_linkstatus_get(const struct rte_eth_dev *dev, struct rte_eth_link *link);

/**
 * Driver helper for rx_queue_setup of a port that needs no real registration
 * (the CPU copies): record every memory chunk of @p mp in the port's table,
 * by walking rte_mempool_mem_iter(), as a DMA-capable NIC would register
 * them. Chunks already recorded are skipped. When the pool later becomes
 * full its new chunks are recorded too; when it is freed its regions are
 * dropped (mempool events). Logs one DEBUG line with the counts.
 * @return the number of chunks the pool has (>= 0); -EINVAL for NULL;
 *   -ENOMEM.
 */
int dpkit_eth_dev_register_mempool(struct rte_eth_dev *dev, struct rte_mempool *mp);

/** Region flag: the driver registered it with the kernel (e.g. an AF_XDP UMEM). */
#define DPKIT_ETH_MEM_F_KERNEL 0x1

/** One memory region a port has registered. */
struct dpkit_eth_mem_region {
	void *addr;             /**< start */
	rte_iova_t iova;        /**< IOVA of the start (RTE_BAD_IOVA when unknown) */
	size_t len;             /**< bytes */
	struct rte_mempool *mp; /**< pool the region serves */
	uint32_t flags;         /**< DPKIT_ETH_MEM_F_* */
	uint32_t refs;          /**< registrations of this exact range (e.g. one per queue) */
};

/**
 * Driver helper: the driver has registered [@p addr, @p addr + @p len) of
 * pool @p mp with something real (@p flags DPKIT_ETH_MEM_F_KERNEL for a
 * kernel object); record it in the port's table so that the application
 * (dpkit_eth_dev_mem_regions) sees it. The same range added again counts
 * one more reference. The entry leaves the table when @p mp is freed; the
 * driver must itself stop using the memory then (it follows the pool with
 * rte_mempool_event_callback_register()).
 * @return 0; -EINVAL for NULL or len 0; -ENOMEM.
 */
int dpkit_eth_dev_mem_region_add(struct rte_eth_dev *dev, struct rte_mempool *mp, void *addr,
				 size_t len, uint32_t flags);

/**
 * Driver helper: undo one dpkit_eth_dev_mem_region_add() of the same range
 * (the entry goes when its last reference does).
 * @return 0; -ENOENT when the range is not recorded; -EINVAL for NULL.
 */
int dpkit_eth_dev_mem_region_del(struct rte_eth_dev *dev, void *addr, size_t len);

/**
 * Copy up to @p n of the port's registered regions, in registration order.
 * @return the total number registered; -ENODEV for an invalid port.
 */
int dpkit_eth_dev_mem_regions(uint16_t port_id, struct dpkit_eth_mem_region *regions,
			      unsigned int n);

/* ---- helpers for software ports (net_null, net_ring, ...) ---- */

/** Packet, byte and error counts of one queue. */
struct dpkit_eth_sw_counters {
	uint64_t pkts;
	uint64_t bytes;
	uint64_t errs;
};

/**
 * Counters of one queue of a software port. Only the queue's poller
 * writes @c now (plain adds published with relaxed stores), or its
 * pollers with atomic adds (dpkit_eth_sw_count_shared); the control
 * thread reads them with relaxed loads. A reset records @c now as @c base
 * instead of writing the poller's counters, so it never loses or tears a
 * concurrent increment.
 */
struct dpkit_eth_sw_queue_stats {
	struct dpkit_eth_sw_counters now;  /**< written by the poller(s) only */
	struct dpkit_eth_sw_counters base; /**< values at the last reset */
};

/** Fast path: count a burst on the queue that owns @p s (its poller only). */
static inline void
dpkit_eth_sw_count(struct dpkit_eth_sw_queue_stats *s, uint64_t pkts, uint64_t bytes, uint64_t errs)
{
	__atomic_store_n(&s->now.pkts, s->now.pkts + pkts, __ATOMIC_RELAXED);
	if (bytes != 0)
		__atomic_store_n(&s->now.bytes, s->now.bytes + bytes, __ATOMIC_RELAXED);
	if (errs != 0)
		__atomic_store_n(&s->now.errs, s->now.errs + errs, __ATOMIC_RELAXED);
}

/**
 * Fast path: count a burst on a queue that several threads may poll at
 * once (a net_ring queue on a multi-producer or multi-consumer ring):
 * atomic adds, so that no concurrent count is lost.
 */
static inline void
dpkit_eth_sw_count_shared(struct dpkit_eth_sw_queue_stats *s, uint64_t pkts, uint64_t bytes)
{
	__atomic_fetch_add(&s->now.pkts, pkts, __ATOMIC_RELAXED);
	if (bytes != 0)
		__atomic_fetch_add(&s->now.bytes, bytes, __ATOMIC_RELAXED);
}

/**
 * stats_get for a port whose every rx/tx queue object holds a
 * struct dpkit_eth_sw_queue_stats at byte offset @p rx_off / @p tx_off:
 * adds each set-up queue's counts since its last reset to @p stats
 * (rx errs count as ierrors and q_errors, tx errs as oerrors).
 * @return 0.
 */
int dpkit_eth_sw_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats, size_t rx_off,
			   size_t tx_off);

/** stats_reset for the same layout: every set-up queue starts again from 0. */
int dpkit_eth_sw_stats_reset(struct rte_eth_dev *dev, size_t rx_off, size_t tx_off);

/**
 * Set the link of a software port: 10G, full duplex, fixed, @p up or down;
 * raises RTE_ETH_EVENT_INTR_LSC when the state changed and the application
 * asked for link interrupts (dev_conf.intr_conf.lsc).
 */
void dpkit_eth_sw_link_set(struct rte_eth_dev *dev, int up);

/** dev_start / dev_set_link_up op of a software port: link up. @return 0. */
int dpkit_eth_sw_link_up(struct rte_eth_dev *dev);

/** dev_stop / dev_set_link_down op of a software port: link down. @return 0. */
int dpkit_eth_sw_link_down(struct rte_eth_dev *dev);

/** link_update op of a software port: its link state is always current. */
int dpkit_eth_sw_link_update(struct rte_eth_dev *dev, int wait_to_complete);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _ETHDEV_DRIVER_H_ */
