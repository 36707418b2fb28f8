/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Internals shared by the ethdev source files (C++ only, not installed).
 *
 * Each port slot i has: rte_eth_devices[i] (driver-visible, per process),
 * its rte_eth_dev_data (shared by all processes: ethdev_shared.cpp),
 * ethdev's own bookkeeping (queue setup parameters, registered memory
 * regions: per process) and fast-path entry rte_eth_fp_ops[i] (per process).
 * The slot table is guarded by ports_lock() in a process and by
 * shared_lock() across processes; per-port control calls are not serialised
 * (the application's job, as in DPDK).
 */

#ifndef _ETHDEV_PRIVATE_H_
#define _ETHDEV_PRIVATE_H_

#include <mutex>
#include <vector>

#include <rte_log.h>
#include <rte_spinlock.h>

#include "ethdev_driver.h"

/* One line per call: the macro appends the newline. */
#define ETHDEV_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, rte_eth_dev_logtype, "ETHDEV: " fmt "\n", ##__VA_ARGS__)

namespace dpkit::ethdev_detail {

/* What an application asked for when it set up a queue (for queue_info). */
struct rxq_setup {
	bool set = false;
	struct rte_mempool *mp = nullptr;
	uint16_t nb_desc = 0;
	struct rte_eth_rxconf conf = {};
};

struct txq_setup {
	bool set = false;
	uint16_t nb_desc = 0;
	struct rte_eth_txconf conf = {};
};

struct port_state {
	bool reserved = false;            /* slot taken in this process (probing or attached) */
	bool secondaries_dropped = false; /* primary: secondaries were told it closes */
	std::vector<rxq_setup> rxq;       /* indexed by queue id */
	std::vector<txq_setup> txq;
	std::vector<dpkit_eth_mem_region> regions;
};

/* Slot bookkeeping; index = port id. */
port_state &port(uint16_t port_id);

/* Guards slot allocation/release and name lookups. */
std::mutex &ports_lock();

/* Take port @p port_id of this process for the shared @p data: its
 * bookkeeping reset and reserved, its rte_eth_devices[] entry cleared
 * (state and data written atomically: other threads' lookups read them
 * at any time) and left unused until probing_finish, its fast-path
 * entry reset (ports_lock() held). */
struct rte_eth_dev *slot_claim(uint16_t port_id, struct rte_eth_dev_data *data);

/* The shared port data array (RTE_MAX_ETHPORTS entries): found, or made
 * when @p create in the primary; nullptr after one log line. Call with
 * ports_lock() held. */
struct rte_eth_dev_data *shared_data(bool create);

/* Guards the names in the shared array across processes (after a
 * successful shared_data()). */
rte_spinlock_t *shared_lock();

/* Primary: free the shared array once no port uses it (ports_lock() held). */
void shared_data_release_if_unused();

bool is_secondary();

/* True (after one line naming @p what) in a secondary process: control
 * calls that change a port are the primary's. */
bool refused_in_secondary(uint16_t port_id, const char *what);

/* Secondary: count this process's view of a port in or out (@p delta). */
void secondary_view_add(uint16_t port_id, int delta);

/* Primary: ask every secondary to drop port @p port_id before its shared
 * memory is freed (waits for their answers). */
void secondaries_drop_port(uint16_t port_id, const char *name);

/*
 * The port if @p port_id is valid, else nullptr after logging
 * "<what>: port <id> is not a valid port ..." once.
 */
struct rte_eth_dev *valid_dev(uint16_t port_id, const char *what);

/* Fill @p info from the driver as rte_eth_dev_info_get() does, no logging. */
int dev_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info);

/* Fast-path entry: point at the driver (start) or at the dummies (stop). */
void fp_ops_setup(struct rte_eth_dev *dev);
void fp_ops_reset(uint16_t port_id);

/* Release (driver op) and forget queue @p q; release every existing queue
 * from @p rx_from / @p tx_from on. */
void release_rx_queue(struct rte_eth_dev *dev, uint16_t q);
void release_tx_queue(struct rte_eth_dev *dev, uint16_t q);
void release_queues_from(struct rte_eth_dev *dev, uint16_t rx_from, uint16_t tx_from);

/* Name of the lowest offload bit of @p bits, for error lines. */
inline const char *
first_rx_offload(uint64_t bits)
{
	return rte_eth_dev_rx_offload_name(bits & -bits);
}

inline const char *
first_tx_offload(uint64_t bits)
{
	return rte_eth_dev_tx_offload_name(bits & -bits);
}

/* Forget the rx/tx callback lists of a port being released. */
void burst_callbacks_clear(struct rte_eth_dev *dev);

/* Drop event callbacks registered for exactly this port id. */
void event_callbacks_clear(uint16_t port_id);

} // namespace dpkit::ethdev_detail

#endif /* _ETHDEV_PRIVATE_H_ */
