/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Port data shared by processes. Every struct rte_eth_dev_data lives in one
 * memzone, "rte_eth_dev_data" (DPDK's name), which the primary reserves at
 * its first port and secondaries look up; a slot is taken while its name is
 * not empty. What a port's data points to (queue tables, queues,
 * dev_private, mac_addrs) is rte_malloc memory, so the same addresses work
 * in every process. rte_eth_devices[] (burst functions, dev_ops, the
 * rte_device) and rte_eth_fp_ops[] stay per process: a secondary's vdev
 * driver fills them in rte_eth_dev_attach_secondary() + probing_finish.
 *
 * The primary frees the memzone with its last port (so that a process
 * that has closed every port holds no memory for them), and reserves it
 * again with the next one; a secondary looks it up at each attach.
 *
 * Before it frees a port's shared memory, the primary asks every secondary
 * ("eth_dev_mp_gone") to drop the port, so that no secondary's fast-path
 * entry keeps pointing at freed queues.
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <mutex>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>

#include <eal_fault.h> /* DPKIT_FAULT: 0 unless -Dfault_injection=true */
#include <eal_state.h>

#include "ethdev_private.h"

namespace {

constexpr char shared_name[] = "rte_eth_dev_data";
constexpr char gone_action[] = "eth_dev_mp_gone";
constexpr unsigned int gone_timeout_s = 5;

struct eth_shared {
	rte_spinlock_t lock; /* slot allocation and names, across processes */
	struct rte_eth_dev_data data[RTE_MAX_ETHPORTS];
	/* secondaries attached to each port (atomic): the primary asks only
	 * when there is one, as a process with no port has no action for it */
	uint32_t views[RTE_MAX_ETHPORTS];
};

const struct rte_memzone *shared_mz; /* this process's view of the zone */
eth_shared *shared_ptr;

/* The message of eth_dev_mp_gone: which port goes. */
struct gone_param {
	uint16_t port_id;
	char name[RTE_ETH_NAME_MAX_LEN];
};
static_assert(sizeof(gone_param) <= RTE_MP_MAX_PARAM_LEN, "fits one message");

/* Secondary: the primary closes a port; drop this process's view of it
 * before the primary frees its queues, then say so. */
int
gone_serve(const struct rte_mp_msg *msg, const void *peer)
{
	gone_param p = {};
	if (msg->len_param == (int)sizeof(p))
		memcpy(&p, msg->param, sizeof(p));
	if (p.port_id < RTE_MAX_ETHPORTS) {
		/* the application's threads attach and release too (slot_claim) */
		struct rte_eth_dev *dev = &rte_eth_devices[p.port_id];
		const struct rte_eth_dev_data *data = __atomic_load_n(&dev->data, __ATOMIC_ACQUIRE);
		if (__atomic_load_n(&dev->state, __ATOMIC_ACQUIRE) != RTE_ETH_DEV_UNUSED &&
		    data != nullptr && strncmp(data->name, p.name, sizeof(p.name)) == 0)
			rte_eth_dev_release_port(dev);
	}
	struct rte_mp_msg reply = {};
	snprintf(reply.name, sizeof(reply.name), "%s", gone_action);
	return rte_mp_reply(&reply, static_cast<const char *>(peer));
}

} // namespace

namespace dpkit::ethdev_detail {

bool
is_secondary()
{
	return rte_eal_process_type() == RTE_PROC_SECONDARY;
}

struct rte_eth_dev_data *
shared_data(bool create)
{
	/* a secondary looks again: the primary frees the zone with its last port */
	if (shared_ptr != nullptr && !is_secondary())
		return shared_ptr->data;
	/* a fault stands for a secondary that cannot find the port data */
	const struct rte_memzone *mz = is_secondary() && DPKIT_FAULT(ATTACH)
					       ? nullptr
					       : rte_memzone_lookup(shared_name);
	if (mz == nullptr && create && rte_eal_process_type() == RTE_PROC_PRIMARY) {
		mz = rte_memzone_reserve(shared_name, sizeof(eth_shared), SOCKET_ID_ANY, 0);
		if (mz != nullptr) {
			memset(mz->addr, 0, sizeof(eth_shared));
			rte_spinlock_init(&static_cast<eth_shared *>(mz->addr)->lock);
		}
	}
	if (mz == nullptr) {
		ETHDEV_LOG(
			ERR, "port data: %s",
			rte_eal_process_type() == RTE_PROC_PRIMARY
				? "cannot reserve memzone rte_eth_dev_data; free memory or raise -m"
				: "the primary process has no port (no memzone rte_eth_dev_data)");
		return nullptr;
	}
	if (mz->len < sizeof(eth_shared)) {
		ETHDEV_LOG(ERR,
			   "port data: memzone rte_eth_dev_data has %zu bytes, this build "
			   "needs %zu; build both processes from the same dpkit",
			   mz->len, sizeof(eth_shared));
		return nullptr;
	}
	shared_mz = mz;
	shared_ptr = static_cast<eth_shared *>(mz->addr);
	return shared_ptr->data;
}

void
shared_data_release_if_unused()
{
	if (shared_ptr == nullptr || is_secondary())
		return;
	for (uint16_t i = 0; i < RTE_MAX_ETHPORTS; i++)
		if (shared_ptr->data[i].name[0] != '\0' || port(i).reserved)
			return;
	rte_memzone_free(shared_mz);
	shared_mz = nullptr;
	shared_ptr = nullptr;
}

rte_spinlock_t *
shared_lock()
{
	return &shared_ptr->lock;
}

bool
refused_in_secondary(uint16_t port_id, const char *what)
{
	if (!is_secondary())
		return false;
	ETHDEV_LOG(ERR,
		   "%s port %u: not allowed in a secondary process; the primary process "
		   "controls the port",
		   what, port_id);
	return true;
}

void
secondary_view_add(uint16_t port_id, int delta)
{
	if (shared_ptr == nullptr)
		return;
	uint32_t *v = &shared_ptr->views[port_id];
	uint32_t old = __atomic_load_n(v, __ATOMIC_RELAXED);
	/* never below 0: the primary zeroes the count when it closes the port */
	while ((delta > 0 || old > 0) &&
	       !__atomic_compare_exchange_n(v, &old, old + (uint32_t)delta, false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED))
		;
}

void
secondaries_drop_port(uint16_t port_id, const char *name)
{
	/* at cleanup IPC is closed already, and no secondary is served */
	if (is_secondary() || !dpkit::eal_is_running() || shared_ptr == nullptr ||
	    __atomic_exchange_n(&shared_ptr->views[port_id], 0, __ATOMIC_RELAXED) == 0)
		return;
	struct rte_mp_msg req = {};
	gone_param p = {};
	p.port_id = port_id;
	snprintf(p.name, sizeof(p.name), "%s", name);
	snprintf(req.name, sizeof(req.name), "%s", gone_action);
	memcpy(req.param, &p, sizeof(p));
	req.len_param = sizeof(p);
	struct rte_mp_reply reply = {};
	const struct timespec ts = {gone_timeout_s, 0};
	/* a secondary that does not answer was named by the request's own line */
	if (rte_mp_request_sync(&req, &reply, &ts) == 0 && reply.nb_received < reply.nb_sent)
		ETHDEV_LOG(WARNING, "close %s: %d secondary process(es) did not confirm", name,
			   reply.nb_sent - reply.nb_received);
	free(reply.msgs);
}

} // namespace dpkit::ethdev_detail

using namespace dpkit::ethdev_detail;

extern "C" struct rte_eth_dev *
rte_eth_dev_attach_secondary(const char *name)
{
	if (name == nullptr || name[0] == '\0') {
		ETHDEV_LOG(ERR, "attach secondary: port name is NULL or empty");
		return nullptr;
	}
	static std::once_flag registered;
	std::call_once(registered, [] {
		/* ENOTSUP: no IPC, so no primary will ever close under us */
		if (rte_mp_action_register(gone_action, gone_serve) < 0 && rte_errno != ENOTSUP)
			ETHDEV_LOG(ERR, "attach secondary: cannot register %s (%s)", gone_action,
				   rte_strerror(rte_errno));
	});
	std::lock_guard<std::mutex> guard(ports_lock());
	struct rte_eth_dev_data *all = shared_data(false);
	if (all == nullptr)
		return nullptr;
	uint16_t id = RTE_MAX_ETHPORTS;
	rte_spinlock_lock(shared_lock());
	for (uint16_t i = 0; i < RTE_MAX_ETHPORTS && id == RTE_MAX_ETHPORTS; i++)
		if (strncmp(all[i].name, name, RTE_ETH_NAME_MAX_LEN) == 0)
			id = i;
	rte_spinlock_unlock(shared_lock());
	if (id == RTE_MAX_ETHPORTS) {
		ETHDEV_LOG(ERR,
			   "attach secondary %s: the primary process has no port of that "
			   "name; create it in the primary first",
			   name);
		return nullptr;
	}
	if (port(id).reserved) {
		ETHDEV_LOG(ERR, "attach secondary %s: already attached as port %u", name, id);
		return nullptr;
	}
	struct rte_eth_dev *dev = slot_claim(id, &all[id]);
	secondary_view_add(id, 1);
	return dev;
}
