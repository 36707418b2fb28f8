/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Two kinds of callbacks.
 *
 * Event callbacks (link change, new port, ...): one list for all ports,
 * guarded by a mutex that is NOT held while a callback runs, so a callback
 * may call ethdev (even register more callbacks). A running entry is marked
 * active; unregistering it meanwhile returns -EAGAIN, so an entry is never
 * freed under its caller. std::list keeps iterators valid across erasures
 * of other entries.
 *
 * Burst callbacks (rx after, tx before a burst): singly linked lists per
 * queue, read lock-free by the pollers. Writers (under the mutex) publish a
 * fully built node with a release store of the pointer that makes it
 * reachable; readers follow pointers with acquire loads. Removal unlinks
 * only: a poller may still be running the node, so freeing it is left to
 * the application once its pollers are past (as DPDK documents).
 */

#include <atomic>
#include <list>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "ethdev_private.h"

using namespace dpkit::ethdev_detail;

/* A burst callback node; rte_zmalloc'ed so the application may rte_free it. */
struct rte_eth_rxtx_callback {
	struct rte_eth_rxtx_callback *next;
	union {
		rte_rx_callback_fn rx;
		rte_tx_callback_fn tx;
	} fn;
	void *param;
};

namespace {

struct event_cb {
	uint16_t port_id; /* or RTE_ETH_ALL */
	enum rte_eth_event_type event;
	rte_eth_dev_cb_fn fn;
	void *arg;
	int active = 0;
};

std::mutex &
cb_lock()
{
	static std::mutex m;
	return m;
}

std::list<event_cb> &
event_cbs()
{
	static std::list<event_cb> l;
	return l;
}

bool
event_args_ok(uint16_t port_id, enum rte_eth_event_type event, rte_eth_dev_cb_fn fn,
	      const char *what)
{
	if (fn == nullptr || (unsigned)event >= RTE_ETH_EVENT_MAX ||
	    (port_id != RTE_ETH_ALL && port_id >= RTE_MAX_ETHPORTS)) {
		ETHDEV_LOG(ERR,
			   "%s: port %u / event %d / function %p: port must be < %d or "
			   "RTE_ETH_ALL, event < RTE_ETH_EVENT_MAX, function not NULL",
			   what, port_id, (int)event, (void *)fn, RTE_MAX_ETHPORTS);
		return false;
	}
	return true;
}

} // namespace

/* ---- events ---- */

extern "C" int
rte_eth_dev_callback_register(uint16_t port_id, enum rte_eth_event_type event,
			      rte_eth_dev_cb_fn cb_fn, void *cb_arg)
{
	if (!event_args_ok(port_id, event, cb_fn, "event callback register"))
		return -EINVAL;
	std::lock_guard<std::mutex> guard(cb_lock());
	for (const auto &c : event_cbs())
		if (c.port_id == port_id && c.event == event && c.fn == cb_fn && c.arg == cb_arg)
			return 0;
	event_cbs().push_back(event_cb{port_id, event, cb_fn, cb_arg});
	return 0;
}

extern "C" int
rte_eth_dev_callback_unregister(uint16_t port_id, enum rte_eth_event_type event,
				rte_eth_dev_cb_fn cb_fn, void *cb_arg)
{
	if (!event_args_ok(port_id, event, cb_fn, "event callback unregister"))
		return -EINVAL;
	std::lock_guard<std::mutex> guard(cb_lock());
	int ret = 0;
	auto &l = event_cbs();
	for (auto it = l.begin(); it != l.end();) {
		bool match = it->port_id == port_id && it->event == event && it->fn == cb_fn &&
			     (cb_arg == (void *)-1 || it->arg == cb_arg);
		if (match && it->active) {
			ret = -EAGAIN; /* running right now; the caller retries */
			++it;
		} else if (match) {
			it = l.erase(it);
		} else {
			++it;
		}
	}
	return ret;
}

extern "C" int
rte_eth_dev_callback_process(struct rte_eth_dev *dev, enum rte_eth_event_type event,
			     void *ret_param)
{
	if (dev == nullptr || dev->data == nullptr)
		return 0;
	uint16_t port_id = dev->data->port_id;
	int ret = 0;
	std::unique_lock<std::mutex> guard(cb_lock());
	/* a callback that is running (active > 0) stays in the list while the
	 * lock is dropped around its call, so the reference stays valid */
	for (event_cb &cb : event_cbs()) {
		if (cb.event != event || (cb.port_id != port_id && cb.port_id != RTE_ETH_ALL))
			continue;
		event_cb c = cb;
		cb.active++;
		guard.unlock();
		ret = c.fn(port_id, event, c.arg, ret_param);
		guard.lock();
		cb.active--;
	}
	return ret;
}

namespace dpkit::ethdev_detail {

void
event_callbacks_clear(uint16_t port_id)
{
	std::lock_guard<std::mutex> guard(cb_lock());
	event_cbs().remove_if(
		[port_id](const event_cb &c) { return c.port_id == port_id && c.active == 0; });
}

void
burst_callbacks_clear(struct rte_eth_dev *dev)
{
	std::lock_guard<std::mutex> guard(cb_lock());
	for (unsigned q = 0; q < RTE_MAX_QUEUES_PER_PORT; q++) {
		std::atomic_ref(dev->post_rx_burst_cbs[q])
			.store(nullptr, std::memory_order_release);
		std::atomic_ref(dev->pre_tx_burst_cbs[q]).store(nullptr, std::memory_order_release);
	}
}

} // namespace dpkit::ethdev_detail

/* ---- burst callbacks ---- */

namespace {

enum class where { rx_last, rx_first, tx_last };

const struct rte_eth_rxtx_callback *
add_burst_cb(uint16_t port_id, uint16_t queue_id, where w, void *fn, void *param)
{
	const bool rx = w != where::tx_last;
	const char *what = rx ? "add rx callback" : "add tx callback";
	struct rte_eth_dev *dev = valid_dev(port_id, what);
	if (dev == nullptr || fn == nullptr ||
	    queue_id >= (rx ? dev->data->nb_rx_queues : dev->data->nb_tx_queues)) {
		if (dev != nullptr)
			ETHDEV_LOG(ERR,
				   "%s port %u: queue %u not configured or function "
				   "NULL",
				   what, port_id, queue_id);
		rte_errno = EINVAL;
		return nullptr;
	}
	auto *cb = static_cast<struct rte_eth_rxtx_callback *>(
		rte_zmalloc(nullptr, sizeof(struct rte_eth_rxtx_callback), 0));
	if (cb == nullptr) {
		ETHDEV_LOG(ERR, "%s port %u queue %u: out of memory", what, port_id, queue_id);
		rte_errno = ENOMEM;
		return nullptr;
	}
	if (rx)
		cb->fn.rx = reinterpret_cast<rte_rx_callback_fn>(fn);
	else
		cb->fn.tx = reinterpret_cast<rte_tx_callback_fn>(fn);
	cb->param = param;

	std::lock_guard<std::mutex> guard(cb_lock());
	struct rte_eth_rxtx_callback **head = rx ? &dev->post_rx_burst_cbs[queue_id]
						 : &dev->pre_tx_burst_cbs[queue_id];
	if (w == where::rx_first) {
		cb->next = *head;
		std::atomic_ref(*head).store(cb, std::memory_order_release);
		return cb;
	}
	struct rte_eth_rxtx_callback **link = head;
	while (*link != nullptr)
		link = &(*link)->next;
	std::atomic_ref(*link).store(cb, std::memory_order_release);
	return cb;
}

int
remove_burst_cb(uint16_t port_id, uint16_t queue_id, bool rx,
		const struct rte_eth_rxtx_callback *user_cb)
{
	const char *what = rx ? "remove rx callback" : "remove tx callback";
	struct rte_eth_dev *dev = valid_dev(port_id, what);
	if (dev == nullptr)
		return -ENODEV;
	if (user_cb == nullptr ||
	    queue_id >= (rx ? dev->data->nb_rx_queues : dev->data->nb_tx_queues)) {
		ETHDEV_LOG(ERR, "%s port %u: queue %u not configured or callback NULL", what,
			   port_id, queue_id);
		return -EINVAL;
	}
	std::lock_guard<std::mutex> guard(cb_lock());
	struct rte_eth_rxtx_callback **link = rx ? &dev->post_rx_burst_cbs[queue_id]
						 : &dev->pre_tx_burst_cbs[queue_id];
	for (; *link != nullptr; link = &(*link)->next) {
		if (*link == user_cb) {
			/* pollers already past this link keep a valid ->next */
			std::atomic_ref(*link).store(user_cb->next, std::memory_order_release);
			return 0;
		}
	}
	ETHDEV_LOG(ERR, "%s port %u queue %u: callback %p is not registered there", what, port_id,
		   queue_id, (const void *)user_cb);
	return -EINVAL;
}

} // namespace

extern "C" const struct rte_eth_rxtx_callback *
rte_eth_add_rx_callback(uint16_t port_id, uint16_t queue_id, rte_rx_callback_fn fn,
			void *user_param)
{
	return add_burst_cb(port_id, queue_id, where::rx_last, reinterpret_cast<void *>(fn),
			    user_param);
}

extern "C" const struct rte_eth_rxtx_callback *
rte_eth_add_first_rx_callback(uint16_t port_id, uint16_t queue_id, rte_rx_callback_fn fn,
			      void *user_param)
{
	return add_burst_cb(port_id, queue_id, where::rx_first, reinterpret_cast<void *>(fn),
			    user_param);
}

extern "C" const struct rte_eth_rxtx_callback *
rte_eth_add_tx_callback(uint16_t port_id, uint16_t queue_id, rte_tx_callback_fn fn,
			void *user_param)
{
	return add_burst_cb(port_id, queue_id, where::tx_last, reinterpret_cast<void *>(fn),
			    user_param);
}

extern "C" int
rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
			   const struct rte_eth_rxtx_callback *user_cb)
{
	return remove_burst_cb(port_id, queue_id, true, user_cb);
}

extern "C" int
rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
			   const struct rte_eth_rxtx_callback *user_cb)
{
	return remove_burst_cb(port_id, queue_id, false, user_cb);
}

extern "C" uint16_t
rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts,
			  uint16_t nb_rx, uint16_t nb_pkts, void *opaque)
{
	auto *cb = static_cast<struct rte_eth_rxtx_callback *>(opaque);
	while (cb != nullptr) {
		nb_rx = cb->fn.rx(port_id, queue_id, rx_pkts, nb_rx, nb_pkts, cb->param);
		cb = std::atomic_ref(cb->next).load(std::memory_order_acquire);
	}
	return nb_rx;
}

extern "C" uint16_t
rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts,
			  uint16_t nb_pkts, void *opaque)
{
	auto *cb = static_cast<struct rte_eth_rxtx_callback *>(opaque);
	while (cb != nullptr) {
		nb_pkts = cb->fn.tx(port_id, queue_id, tx_pkts, nb_pkts, cb->param);
		cb = std::atomic_ref(cb->next).load(std::memory_order_acquire);
	}
	return nb_pkts;
}
