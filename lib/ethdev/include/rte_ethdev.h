/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_ETHDEV_H_
#define _RTE_ETHDEV_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Ethernet ports. A port is a numbered handle (0 .. RTE_MAX_ETHPORTS-1) on a
 * device a driver probed, e.g. `--vdev net_null0`. Its life:
 *
 *     rte_eth_dev_configure(port, nb_rxq, nb_txq, &conf)  -- stopped port
 *     rte_eth_rx_queue_setup(port, q, nb_desc, socket, &rxconf, pool)  (each rxq)
 *     rte_eth_tx_queue_setup(port, q, nb_desc, socket, &txconf)        (each txq)
 *     rte_eth_dev_start(port)
 *     ... rte_eth_rx_burst() / rte_eth_tx_burst() on lcores ...
 *     rte_eth_dev_stop(port); rte_eth_dev_close(port)
 *
 * Threading: control calls (everything but the burst functions and the tx
 * buffer helpers) are not synchronised per port; make them from one thread
 * at a time, as with DPDK. A given queue is polled by one thread at a time;
 * different queues may be polled concurrently. Burst calls on a port that
 * is not started, on a queue that was not set up, or with an out-of-range
 * port or queue id return 0 and touch nothing.
 *
 * Errors: control calls return 0 or a negative errno and log one line that
 * says what was wrong; an invalid port id gives -ENODEV.
 */

#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_config.h>
#include <rte_branch_prediction.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_ether.h>

#include "rte_ethdev_conf.h"
#include "rte_ethdev_core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;

/** Log type of the ethdev library ("lib.ethdev"). */
extern int rte_eth_dev_logtype;
#define RTE_ETHDEV_LOG(level, ...) rte_log(RTE_LOG_##level, rte_eth_dev_logtype, "" __VA_ARGS__)

/** Longest port name, NUL included. */
#define RTE_ETH_NAME_MAX_LEN RTE_DEV_NAME_MAX_LEN

/** "All ports" for rte_eth_dev_callback_register(). */
#define RTE_ETH_ALL RTE_MAX_ETHPORTS

#define RTE_ETH_VALID_PORTID_OR_ERR_RET(port_id, retval) \
	do { \
		if (!rte_eth_dev_is_valid_port(port_id)) { \
			RTE_ETHDEV_LOG(ERR, "Invalid port_id=%u\n", port_id); \
			return retval; \
		} \
	} while (0)

#define RTE_ETH_VALID_PORTID_OR_RET(port_id) \
	do { \
		if (!rte_eth_dev_is_valid_port(port_id)) { \
			RTE_ETHDEV_LOG(ERR, "Invalid port_id=%u\n", port_id); \
			return; \
		} \
	} while (0)

/** State of a port slot. */
enum rte_eth_dev_state {
	RTE_ETH_DEV_UNUSED = 0, /**< free slot */
	RTE_ETH_DEV_ATTACHED,   /**< a probed, usable port */
	RTE_ETH_DEV_REMOVED,    /**< its device went away */
};

/* ---- port flags (rte_eth_dev_info.dev_flags) ---- */
#define RTE_ETH_DEV_FLOW_OPS_THREAD_SAFE RTE_BIT32(0)
#define RTE_ETH_DEV_INTR_LSC RTE_BIT32(1) /**< reports link changes */
#define RTE_ETH_DEV_BONDED_SLAVE RTE_BIT32(2)
#define RTE_ETH_DEV_INTR_RMV RTE_BIT32(3)
#define RTE_ETH_DEV_REPRESENTOR RTE_BIT32(4)
#define RTE_ETH_DEV_NOLIVE_MAC_ADDR RTE_BIT32(5)
/** ethdev fills the per-queue xstats from rte_eth_stats. */
#define RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS RTE_BIT32(6)

/* ---- iterating over ports ---- */

#define RTE_ETH_DEV_NO_OWNER 0 /**< owner id of ports nobody owns */
#define RTE_ETH_MAX_OWNER_NAME_LEN 64

/** Owner of a port (dpkit ports are never owned: id 0). */
struct rte_eth_dev_owner {
	uint64_t id;
	char name[RTE_ETH_MAX_OWNER_NAME_LEN];
};

/**
 * @return the first valid port >= @p port_id whose owner is @p owner_id,
 *   or RTE_MAX_ETHPORTS when there is none.
 */
uint64_t rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id);

/** Every valid port owned by @p o (unsigned loop variable). */
#define RTE_ETH_FOREACH_DEV_OWNED_BY(p, o) \
	for ((p) = rte_eth_find_next_owned_by(0, o); \
	     (unsigned int)(p) < (unsigned int)RTE_MAX_ETHPORTS; \
	     (p) = rte_eth_find_next_owned_by((p) + 1, o))

/** @return the first valid port >= @p port_id, or RTE_MAX_ETHPORTS. */
uint16_t rte_eth_find_next(uint16_t port_id);

/** Every valid port nobody owns: `uint16_t p; RTE_ETH_FOREACH_DEV(p) {...}`. */
#define RTE_ETH_FOREACH_DEV(p) RTE_ETH_FOREACH_DEV_OWNED_BY(p, RTE_ETH_DEV_NO_OWNER)

/** @return the first valid port >= @p port_id_start of device @p parent. */
uint16_t rte_eth_find_next_of(uint16_t port_id_start, const struct rte_device *parent);

/** Every valid port of one device. */
#define RTE_ETH_FOREACH_DEV_OF(port_id, parent) \
	for ((port_id) = rte_eth_find_next_of(0, parent); (port_id) < RTE_MAX_ETHPORTS; \
	     (port_id) = rte_eth_find_next_of((port_id) + 1, parent))

/** @return the number of valid ports nobody owns. */
uint16_t rte_eth_dev_count_avail(void);

/** @return the number of valid ports. */
uint16_t rte_eth_dev_count_total(void);

/** @return 1 if @p port_id is a valid, attached port, else 0. */
int rte_eth_dev_is_valid_port(uint16_t port_id);

/**
 * @return the NUMA node of the port; -1 with rte_errno = EINVAL for an
 *   invalid port, -1 with rte_errno = 0 when the node is unknown.
 */
int rte_eth_dev_socket_id(uint16_t port_id);

/**
 * Find a port by its name ("net_null0").
 * @return 0 and *port_id set; -EINVAL for NULL arguments; -ENODEV when no
 *   port has that name.
 */
int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id);

/**
 * Copy the port's name into @p name (RTE_ETH_NAME_MAX_LEN bytes).
 * @return 0; -ENODEV for an invalid port; -EINVAL for NULL @p name.
 */
int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name);

/* ---- configuration ---- */

/**
 * Configure a stopped port: queue counts, offloads, MTU, LSC interrupt.
 * Re-configuring releases the queues set up before.
 * @return 0; -ENODEV: invalid port; -EBUSY: port started; -EINVAL: NULL
 *   @p eth_conf, too many queues, offloads the port lacks, MTU out of range
 *   or an unsupported multi-queue mode; other negative errno from the driver.
 */
int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue,
			  const struct rte_eth_conf *eth_conf);

/**
 * Round descriptor counts into the port's limits (min, max, alignment).
 * NULL pointers are skipped.
 * @return 0; -ENODEV: invalid port.
 */
int rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc, uint16_t *nb_tx_desc);

/**
 * Set up rx queue @p rx_queue_id of a configured port; mbufs come from
 * @p mb_pool. @p nb_rx_desc 0 means the driver's suggestion; @p rx_conf
 * NULL means dev_info.default_rxconf. The driver registers the pool's memory
 * chunks (rte_mempool_mem_iter) here.
 * @return 0; -ENODEV: invalid port; -EINVAL: port not configured, queue id
 *   out of range, NULL pool, pool whose data room (minus headroom) is below
 *   dev_info.min_rx_bufsize, descriptor count outside the limits, offloads
 *   the port lacks; -EBUSY: port started; -ENOMEM: no memory.
 */
int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc,
			   unsigned int socket_id, const struct rte_eth_rxconf *rx_conf,
			   struct rte_mempool *mb_pool);

/**
 * Set up tx queue @p tx_queue_id of a configured port (see rx).
 * @return 0; -ENODEV; -EINVAL; -EBUSY; -ENOMEM as for rx queues.
 */
int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc,
			   unsigned int socket_id, const struct rte_eth_txconf *tx_conf);

/**
 * Start a configured port whose queues are all set up; the burst functions
 * work from now on. Starting a started port does nothing.
 * @return 0; -ENODEV: invalid port; -EINVAL: not configured or a queue was
 *   not set up; other negative errno from the driver.
 */
int rte_eth_dev_start(uint16_t port_id);

/**
 * Stop a port: bursts return 0 from now on (stop polling first). Stopping
 * a stopped port does nothing. Counters are kept.
 * @return 0; -ENODEV: invalid port; other negative errno from the driver.
 */
int rte_eth_dev_stop(uint16_t port_id);

/**
 * Close a stopped port and free it; its id becomes invalid.
 * @return 0; -ENODEV: invalid port; -EINVAL: port started (stop it first);
 *   other negative errno from the driver.
 */
int rte_eth_dev_close(uint16_t port_id);

/** Bring the link up. @return 0; -ENODEV; -ENOTSUP; driver error. */
int rte_eth_dev_set_link_up(uint16_t port_id);

/** Bring the link down. @return 0; -ENODEV; -ENOTSUP; driver error. */
int rte_eth_dev_set_link_down(uint16_t port_id);

/** Copy the configuration last given to rte_eth_dev_configure(). @return 0; -ENODEV; -EINVAL. */
int rte_eth_dev_conf_get(uint16_t port_id, struct rte_eth_conf *dev_conf);

/**
 * Fill @p dev_info with what the port can do (limits, offloads, defaults).
 * @return 0; -ENODEV: invalid port; -EINVAL: NULL @p dev_info; -ENOTSUP.
 */
int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info);

/** How rx queue @p queue_id was set up. @return 0; -ENODEV; -EINVAL (queue not set up, NULL). */
int rte_eth_rx_queue_info_get(uint16_t port_id, uint16_t queue_id, struct rte_eth_rxq_info *qinfo);

/** How tx queue @p queue_id was set up. @return 0; -ENODEV; -EINVAL. */
int rte_eth_tx_queue_info_get(uint16_t port_id, uint16_t queue_id, struct rte_eth_txq_info *qinfo);

/**
 * Whether mempool handler @p pool suits the port.
 * @return 0: best choice; 1: works; -ENOTSUP: does not; -ENODEV; -EINVAL.
 */
int rte_eth_dev_pool_ops_supported(uint16_t port_id, const char *pool);

/** @return the RTE_ETH_LINK_SPEED_* bit for @p speed Mbps and @p duplex, 0 if none. */
uint32_t rte_eth_speed_bitflag(uint32_t speed, int duplex);

/** @return the name of one RTE_ETH_RX_OFFLOAD_* bit ("VLAN_STRIP"), "UNKNOWN" otherwise. */
const char *rte_eth_dev_rx_offload_name(uint64_t offload);

/** @return the name of one RTE_ETH_TX_OFFLOAD_* bit, "UNKNOWN" otherwise. */
const char *rte_eth_dev_tx_offload_name(uint64_t offload);

/* ---- receive modes, MTU, MAC addresses ---- */

/** @return 0; -ENODEV; -ENOTSUP: the driver cannot; driver error. */
int rte_eth_promiscuous_enable(uint16_t port_id);
/** @return 0; -ENODEV; -ENOTSUP; driver error. */
int rte_eth_promiscuous_disable(uint16_t port_id);
/** @return 1 enabled, 0 disabled, -1 invalid port. */
int rte_eth_promiscuous_get(uint16_t port_id);
/** @return 0; -ENODEV; -ENOTSUP; driver error. */
int rte_eth_allmulticast_enable(uint16_t port_id);
/** @return 0; -ENODEV; -ENOTSUP; driver error. */
int rte_eth_allmulticast_disable(uint16_t port_id);
/** @return 1 enabled, 0 disabled, -1 invalid port. */
int rte_eth_allmulticast_get(uint16_t port_id);

/** @return 0 and *mtu set; -ENODEV; -EINVAL for NULL. */
int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu);

/**
 * Change the MTU.
 * @return 0; -ENODEV; -ENOTSUP: the driver cannot; -EINVAL: outside
 *   [min_mtu, max_mtu]; -EBUSY: the driver cannot while started.
 */
int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu);

/** Copy the port's primary MAC address. @return 0; -ENODEV; -EINVAL for NULL. */
int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr);

/**
 * Copy up to @p num of the port's MAC addresses (primary first).
 * @return how many were copied; -ENODEV; -EINVAL.
 */
int rte_eth_macaddrs_get(uint16_t port_id, struct rte_ether_addr *ma, unsigned int num);

/**
 * Add a secondary MAC address the port receives for.
 * @return 0 (also when already present); -ENODEV; -ENOTSUP; -EINVAL: all-zero
 *   address, NULL, or @p pool >= 64; -ENOSPC: table full.
 */
int rte_eth_dev_mac_addr_add(uint16_t port_id, struct rte_ether_addr *mac_addr, uint32_t pool);

/**
 * Remove a secondary MAC address.
 * @return 0 (also when absent); -ENODEV; -ENOTSUP; -EINVAL for NULL;
 *   -EADDRINUSE: it is the primary address.
 */
int rte_eth_dev_mac_addr_remove(uint16_t port_id, struct rte_ether_addr *mac_addr);

/**
 * Replace the primary MAC address.
 * @return 0; -ENODEV; -ENOTSUP; -EINVAL: not a valid unicast address.
 */
int rte_eth_dev_default_mac_addr_set(uint16_t port_id, struct rte_ether_addr *mac_addr);

/* ---- RSS ---- */

/**
 * Update the RSS redirection table (entries whose mask bit is set).
 * @return 0; -ENODEV; -ENOTSUP: no RSS (every dpkit virtual NIC); -EINVAL:
 *   NULL table, size differs from dev_info.reta_size, or a queue id too big.
 */
int rte_eth_dev_rss_reta_update(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
				uint16_t reta_size);

/** Read the RSS redirection table. @return as rte_eth_dev_rss_reta_update(). */
int rte_eth_dev_rss_reta_query(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta_conf,
			       uint16_t reta_size);

/** Change the RSS hash key/fields. @return 0; -ENODEV; -ENOTSUP; -EINVAL. */
int rte_eth_dev_rss_hash_update(uint16_t port_id, struct rte_eth_rss_conf *rss_conf);

/** Read the RSS hash key/fields. @return 0; -ENODEV; -ENOTSUP; -EINVAL. */
int rte_eth_dev_rss_hash_conf_get(uint16_t port_id, struct rte_eth_rss_conf *rss_conf);

/* ---- packet types ---- */

/**
 * List the packet types (RTE_PTYPE_*) the driver recognises, restricted to
 * @p ptype_mask; at most @p num are written.
 * @return the full count (may exceed @p num); -ENODEV; -EINVAL: NULL
 *   @p ptypes with @p num > 0.
 */
int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes,
				     int num);

/**
 * Tell the driver which packet types the application needs (it may skip
 * parsing others). RTE_PTYPE_UNKNOWN as mask disables parsing. When
 * @p set_ptypes is not NULL, the types kept are written to it, then
 * RTE_PTYPE_UNKNOWN.
 * @return 0; -ENODEV; -EINVAL: mask outside RTE_PTYPE_ALL_MASK, or NULL
 *   @p set_ptypes with @p num > 0.
 */
int rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *set_ptypes,
			   unsigned int num);

/* ---- link ---- */

/** Link state, letting the driver wait for it to settle. @return 0; -ENODEV; -EINVAL; -ENOTSUP. */
int rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link);

/** Link state, without waiting. @return 0; -ENODEV; -EINVAL; -ENOTSUP. */
int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link);

/** @return "10 Gbps" style text for a speed in Mbps ("Invalid" if none). */
const char *rte_eth_link_speed_to_str(uint32_t link_speed);

/**
 * Write "Link up at 10 Gbps FDX Autoneg" / "Link down" into @p str.
 * @return the length written; -EINVAL for NULL arguments or @p len 0.
 */
int rte_eth_link_to_str(char *str, size_t len, const struct rte_eth_link *eth_link);

/**
 * Read the port's device clock (the time base of hardware timestamps).
 * @return 0 and *clock set; -ENODEV: invalid port; -EINVAL: NULL @p clock;
 *   -ENOTSUP: the port has no device clock (every dpkit virtual NIC).
 */
int rte_eth_read_clock(uint16_t port_id, uint64_t *clock);

/* ---- statistics ---- */

/** Read the port counters. @return 0; -ENODEV; -EINVAL for NULL; driver error. */
int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats);

/** Zero the port counters. @return 0; -ENODEV; -ENOTSUP; driver error. */
int rte_eth_stats_reset(uint16_t port_id);

/**
 * Names of the extended statistics: the generic ones ethdev derives from
 * rte_eth_stats first, then the driver's own.
 * @return the count written (<= @p size); the count needed when @p size is
 *   too small or @p xstats_names is NULL; -ENODEV.
 */
int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *xstats_names,
			     unsigned int size);

/**
 * Values of the extended statistics, same order as the names.
 * @return as rte_eth_xstats_get_names().
 */
int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n);

/**
 * Names of the statistics whose ids are in @p ids (all when @p ids is NULL).
 * @return the count written, or needed; -ENODEV; -EINVAL for an unknown id.
 */
int rte_eth_xstats_get_names_by_id(uint16_t port_id, struct rte_eth_xstat_name *xstats_names,
				   unsigned int size, uint64_t *ids);

/**
 * Values of the statistics whose ids are in @p ids (all when NULL).
 * @return the count written, or needed; -ENODEV; -EINVAL for an unknown id.
 */
int rte_eth_xstats_get_by_id(uint16_t port_id, const uint64_t *ids, uint64_t *values,
			     unsigned int size);

/** Find a statistic id by name. @return 0; -ENODEV; -EINVAL (NULL or unknown name). */
int rte_eth_xstats_get_id_by_name(uint16_t port_id, const char *xstat_name, uint64_t *id);

/** Zero basic and extended statistics. @return 0; -ENODEV; -ENOTSUP. */
int rte_eth_xstats_reset(uint16_t port_id);

/* ---- events ---- */

/** Port events an application may subscribe to. */
enum rte_eth_event_type {
	RTE_ETH_EVENT_UNKNOWN,
	RTE_ETH_EVENT_INTR_LSC, /**< link status changed */
	RTE_ETH_EVENT_QUEUE_STATE,
	RTE_ETH_EVENT_INTR_RESET,
	RTE_ETH_EVENT_VF_MBOX,
	RTE_ETH_EVENT_MACSEC,
	RTE_ETH_EVENT_INTR_RMV, /**< device removed */
	RTE_ETH_EVENT_NEW,      /**< port probed */
	RTE_ETH_EVENT_DESTROY,  /**< port released */
	RTE_ETH_EVENT_IPSEC,
	RTE_ETH_EVENT_FLOW_AGED,
	RTE_ETH_EVENT_RX_AVAIL_THRESH,
	RTE_ETH_EVENT_ERR_RECOVERING,
	RTE_ETH_EVENT_RECOVERY_SUCCESS,
	RTE_ETH_EVENT_RECOVERY_FAILED,
	RTE_ETH_EVENT_MAX
};

/** Event callback; its return value is ignored except for some events. */
typedef int (*rte_eth_dev_cb_fn)(uint16_t port_id, enum rte_eth_event_type event, void *cb_arg,
				 void *ret_param);

/**
 * Call @p cb_fn(port, event, cb_arg, ...) when @p event happens on
 * @p port_id (RTE_ETH_ALL: on any port, including ports probed later).
 * Registering the same (fn, arg) twice for a port and event has no effect.
 * Callbacks run in the thread that caused the event (e.g. the one calling
 * rte_eth_dev_set_link_down()).
 * @return 0; -EINVAL: invalid port, NULL @p cb_fn or bad event; -ENOMEM.
 */
int rte_eth_dev_callback_register(uint16_t port_id, enum rte_eth_event_type event,
				  rte_eth_dev_cb_fn cb_fn, void *cb_arg);

/**
 * Remove callbacks matching (port, event, fn, arg); @p cb_arg (void *)-1
 * matches any argument.
 * @return 0; -EINVAL: invalid arguments; -EAGAIN: the callback is running
 *   now (try again).
 */
int rte_eth_dev_callback_unregister(uint16_t port_id, enum rte_eth_event_type event,
				    rte_eth_dev_cb_fn cb_fn, void *cb_arg);

/* ---- rx/tx burst callbacks ---- */

/** Called after each rx burst with the packets received; returns the count kept. */
typedef uint16_t (*rte_rx_callback_fn)(uint16_t port_id, uint16_t queue, struct rte_mbuf *pkts[],
				       uint16_t nb_pkts, uint16_t max_pkts, void *user_param);

/** Called before each tx burst with the packets to send; returns the count to send. */
typedef uint16_t (*rte_tx_callback_fn)(uint16_t port_id, uint16_t queue, struct rte_mbuf *pkts[],
				       uint16_t nb_pkts, void *user_param);

struct rte_eth_rxtx_callback;

/**
 * Add a callback run after every rx burst on (port, queue), after those
 * already added. May be called while the queue is polled.
 * @return a handle for rte_eth_remove_rx_callback(), or NULL with rte_errno
 *   EINVAL (invalid port or queue, NULL @p fn) or ENOMEM.
 */
const struct rte_eth_rxtx_callback *rte_eth_add_rx_callback(uint16_t port_id, uint16_t queue_id,
							    rte_rx_callback_fn fn,
							    void *user_param);

/** Like rte_eth_add_rx_callback() but runs before the ones already added. */
const struct rte_eth_rxtx_callback *rte_eth_add_first_rx_callback(uint16_t port_id,
								  uint16_t queue_id,
								  rte_rx_callback_fn fn,
								  void *user_param);

/** Add a callback run before every tx burst on (port, queue). @return as for rx. */
const struct rte_eth_rxtx_callback *rte_eth_add_tx_callback(uint16_t port_id, uint16_t queue_id,
							    rte_tx_callback_fn fn,
							    void *user_param);

/**
 * Unlink an rx callback. A burst running on another thread may still be
 * calling it: free @p user_cb (rte_free) and its user data only once every
 * poller has finished its current burst.
 * @return 0; -ENODEV: invalid port; -EINVAL: bad queue, NULL or unknown callback.
 */
int rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb);

/** Unlink a tx callback (see rte_eth_remove_rx_callback()). */
int rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
			       const struct rte_eth_rxtx_callback *user_cb);

/* ---- tx buffering ---- */

/** Called by a flush with the packets the port did not take. */
typedef void (*buffer_tx_error_fn)(struct rte_mbuf **unsent, uint16_t count, void *userdata);

/** A batch of packets waiting for one tx burst. Allocate RTE_ETH_TX_BUFFER_SIZE(n) bytes. */
struct rte_eth_dev_tx_buffer {
	buffer_tx_error_fn error_callback; /**< what to do with unsent packets */
	void *error_userdata;              /**< its argument */
	uint16_t size;                     /**< capacity */
	uint16_t length;                   /**< packets waiting */
	struct rte_mbuf *pkts[];           /**< the packets */
};

/** Bytes needed by a tx buffer of @p sz packets. */
#define RTE_ETH_TX_BUFFER_SIZE(sz) \
	(sizeof(struct rte_eth_dev_tx_buffer) + (sz) * sizeof(struct rte_mbuf *))

/**
 * Give @p buffer (zeroed memory of RTE_ETH_TX_BUFFER_SIZE(@p size) bytes)
 * the capacity @p size. Unsent packets are freed
 * (rte_eth_tx_buffer_drop_callback) unless a callback was set before or
 * is set after; packets already waiting and a callback already set are
 * kept, so init may come before or after rte_eth_tx_buffer_set_err_callback().
 * @return 0; -EINVAL: NULL buffer or @p size 0.
 */
int rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer, uint16_t size);

/** Choose what a flush does with unsent packets. @return 0; -EINVAL for NULL. */
int rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
				       buffer_tx_error_fn callback, void *userdata);

/** Error callback that frees the unsent packets. */
void rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata);

/** Error callback that frees them and adds their count to *(uint64_t *)userdata. */
void rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata);

/* ---- fast path ---- */

/** @internal Run the rx callbacks of a queue (out of line: rarely used). */
uint16_t rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts,
				   uint16_t nb_rx, uint16_t nb_pkts, void *opaque);

/** @internal Run the tx callbacks of a queue. */
uint16_t rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts,
				   uint16_t nb_pkts, void *opaque);

/**
 * Receive up to @p nb_pkts packets from an rx queue into @p rx_pkts; the
 * caller owns them afterwards.
 * @return how many were received (0 when none, and on a port that is not
 *   started or a queue that is not set up).
 */
static inline uint16_t
rte_eth_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts,
		 const uint16_t nb_pkts)
{
	struct rte_eth_fp_ops *p;
	void *qd;
	uint16_t nb_rx;

	if (unlikely(port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT))
		return 0;
	p = &rte_eth_fp_ops[port_id];
	qd = p->rxq.data[queue_id];
	if (unlikely(qd == NULL))
		return 0;
	nb_rx = p->rx_pkt_burst(qd, rx_pkts, nb_pkts);
#ifdef RTE_ETHDEV_RXTX_CALLBACKS
	{
		/* pairs with the release store that publishes a callback */
		void *cb = __atomic_load_n(&p->rxq.clbk[queue_id], __ATOMIC_ACQUIRE);
		if (unlikely(cb != NULL))
			nb_rx = rte_eth_call_rx_callbacks(port_id, queue_id, rx_pkts, nb_rx,
							  nb_pkts, cb);
	}
#endif
	return nb_rx;
}

/**
 * Send up to @p nb_pkts packets on a tx queue. The port takes ownership of
 * the first n (the return value) and will free them; the rest stay the
 * caller's (retry or free them).
 * @return how many were taken (0 on a port that is not started).
 */
static inline uint16_t
rte_eth_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (unlikely(port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT))
		return 0;
	p = &rte_eth_fp_ops[port_id];
	qd = p->txq.data[queue_id];
	if (unlikely(qd == NULL))
		return 0;
#ifdef RTE_ETHDEV_RXTX_CALLBACKS
	{
		/* pairs with the release store that publishes a callback */
		void *cb = __atomic_load_n(&p->txq.clbk[queue_id], __ATOMIC_ACQUIRE);
		if (unlikely(cb != NULL))
			nb_pkts = rte_eth_call_tx_callbacks(port_id, queue_id, tx_pkts, nb_pkts,
							    cb);
	}
#endif
	return p->tx_pkt_burst(qd, tx_pkts, nb_pkts);
}

/**
 * Let the driver fix up offload fields before rte_eth_tx_burst().
 * @return how many packets are ready (all of them for dpkit's virtual NICs).
 */
static inline uint16_t
rte_eth_tx_prepare(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (unlikely(port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)) {
		rte_errno = ENODEV;
		return 0;
	}
	p = &rte_eth_fp_ops[port_id];
	qd = p->txq.data[queue_id];
	if (unlikely(qd == NULL)) {
		rte_errno = EINVAL;
		return 0;
	}
	if (p->tx_pkt_prepare == NULL)
		return nb_pkts;
	return p->tx_pkt_prepare(qd, tx_pkts, nb_pkts);
}

/** Rx descriptor states for rte_eth_rx_descriptor_status(). */
#define RTE_ETH_RX_DESC_AVAIL 0
#define RTE_ETH_RX_DESC_DONE 1
#define RTE_ETH_RX_DESC_UNAVAIL 2
/** Tx descriptor states for rte_eth_tx_descriptor_status(). */
#define RTE_ETH_TX_DESC_FULL 0
#define RTE_ETH_TX_DESC_DONE 1
#define RTE_ETH_TX_DESC_UNAVAIL 2

/**
 * @return packets waiting in an rx queue; -EINVAL: bad port or queue (or not
 *   started); -ENOTSUP: the driver cannot tell.
 */
static inline int
rte_eth_rx_queue_count(uint16_t port_id, uint16_t queue_id)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return -EINVAL;
	p = &rte_eth_fp_ops[port_id];
	qd = p->rxq.data[queue_id];
	if (qd == NULL)
		return -EINVAL;
	if (p->rx_queue_count == NULL)
		return -ENOTSUP;
	return (int)p->rx_queue_count(qd);
}

/** @return RTE_ETH_RX_DESC_*; -EINVAL/-ENODEV: bad port or queue; -ENOTSUP. */
static inline int
rte_eth_rx_descriptor_status(uint16_t port_id, uint16_t queue_id, uint16_t offset)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return -EINVAL;
	p = &rte_eth_fp_ops[port_id];
	qd = p->rxq.data[queue_id];
	if (qd == NULL)
		return -ENODEV;
	if (p->rx_descriptor_status == NULL)
		return -ENOTSUP;
	return p->rx_descriptor_status(qd, offset);
}

/** @return RTE_ETH_TX_DESC_*; -EINVAL/-ENODEV: bad port or queue; -ENOTSUP. */
static inline int
rte_eth_tx_descriptor_status(uint16_t port_id, uint16_t queue_id, uint16_t offset)
{
	struct rte_eth_fp_ops *p;
	void *qd;

	if (port_id >= RTE_MAX_ETHPORTS || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return -EINVAL;
	p = &rte_eth_fp_ops[port_id];
	qd = p->txq.data[queue_id];
	if (qd == NULL)
		return -ENODEV;
	if (p->tx_descriptor_status == NULL)
		return -ENOTSUP;
	return p->tx_descriptor_status(qd, offset);
}

/**
 * Send every packet waiting in @p buffer; what the port does not take goes
 * to the buffer's error callback. The buffer is empty afterwards.
 * @return how many were sent.
 */
static inline uint16_t
rte_eth_tx_buffer_flush(uint16_t port_id, uint16_t queue_id, struct rte_eth_dev_tx_buffer *buffer)
{
	uint16_t to_send = buffer->length;
	uint16_t sent;

	if (to_send == 0)
		return 0;
	sent = rte_eth_tx_burst(port_id, queue_id, buffer->pkts, to_send);
	buffer->length = 0;
	if (unlikely(sent != to_send))
		buffer->error_callback(&buffer->pkts[sent], (uint16_t)(to_send - sent),
				       buffer->error_userdata);
	return sent;
}

/**
 * Queue @p tx_pkt in @p buffer; when that fills the buffer, flush it.
 * @return how many packets were sent by this call (0 unless it flushed).
 */
static __rte_always_inline uint16_t
rte_eth_tx_buffer(uint16_t port_id, uint16_t queue_id, struct rte_eth_dev_tx_buffer *buffer,
		  struct rte_mbuf *tx_pkt)
{
	buffer->pkts[buffer->length++] = tx_pkt;
	if (buffer->length < buffer->size)
		return 0;
	return rte_eth_tx_buffer_flush(port_id, queue_id, buffer);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_ETHDEV_H_ */
