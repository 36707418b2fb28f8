/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Pool life-cycle events (READY when a pool becomes full, DESTROY before it
 * is freed), for code that must follow every pool's memory, e.g. a NIC
 * driver registering it for DMA. Callbacks are process-private, like
 * function pointers must be.
 *
 * They are called without any lock held, from a copy of the list, so a
 * callback may register others (which see later events) or unregister
 * itself. The promise to the unregistering side: once unregister returns,
 * the callback is not running and will not run again. A call is therefore
 * entered in the list of calls in progress under the same lock as the
 * check that the callback is registered, and unregister, having removed
 * the callback, waits until no thread but its own is in a call of it (its
 * own: a callback that unregisters itself, or another one on the same
 * stack, must not wait for itself). Consequence: two callbacks running on
 * two threads must not unregister each other.
 */

#include <errno.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <rte_errno.h>

#include "mempool_private.h"

namespace {

struct listener {
	rte_mempool_event_callback *func;
	void *user_data;
	bool operator==(const listener &) const = default;
};

struct call {
	listener l;
	std::thread::id thread;
};

/* All under lock(). */
struct registry {
	std::mutex lock;
	std::condition_variable call_ended;
	std::vector<listener> listeners;
	std::vector<call> calls; /* in progress */
};

/* Never destroyed: lcore and service threads may still create or free
 * pools while exit() runs static destructors. */
registry &
reg()
{
	static registry *r = new registry;
	return *r;
}

bool
registered(const listener &l)
{
	const auto &v = reg().listeners;
	return std::find(v.begin(), v.end(), l) != v.end();
}

/* Ends a call entered in reg().calls, however the callback leaves. */
class call_scope {
public:
	explicit call_scope(const listener &l) : l_(l) {}
	~call_scope()
	{
		registry &r = reg();
		{
			std::lock_guard<std::mutex> guard(r.lock);
			auto it = std::find_if(r.calls.begin(), r.calls.end(), [&](const call &c) {
				return c.l == l_ && c.thread == std::this_thread::get_id();
			});
			if (it != r.calls.end())
				r.calls.erase(it);
		}
		r.call_ended.notify_all();
	}
	call_scope(const call_scope &) = delete;
	call_scope &operator=(const call_scope &) = delete;

private:
	listener l_;
};

} // namespace

extern "C" int
rte_mempool_event_callback_register(rte_mempool_event_callback *func, void *user_data)
{
	if (func == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: event callback must not be NULL");
		rte_errno = EINVAL;
		return -EINVAL;
	}
	registry &r = reg();
	std::lock_guard<std::mutex> guard(r.lock);
	listener l{func, user_data};
	if (registered(l)) {
		MEMPOOL_LOG(
			ERR,
			"mempool: this event callback is already registered with the same user data");
		rte_errno = EEXIST;
		return -EEXIST;
	}
	try {
		r.listeners.push_back(l);
	} catch (const std::bad_alloc &) {
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	return 0;
}

extern "C" int
rte_mempool_event_callback_unregister(rte_mempool_event_callback *func, void *user_data)
{
	registry &r = reg();
	std::unique_lock<std::mutex> guard(r.lock);
	const listener l{func, user_data};
	auto it = std::find(r.listeners.begin(), r.listeners.end(), l);
	if (it == r.listeners.end()) {
		MEMPOOL_LOG(ERR,
			    "mempool: cannot unregister an event callback that is not registered");
		rte_errno = ENOENT;
		return -ENOENT;
	}
	r.listeners.erase(it);
	/* no new call can start now; wait for those of other threads */
	const std::thread::id me = std::this_thread::get_id();
	r.call_ended.wait(guard, [&] {
		return std::none_of(r.calls.begin(), r.calls.end(),
				    [&](const call &c) { return c.l == l && c.thread != me; });
	});
	return 0;
}

void
dpkit::mempool_detail::fire_event(rte_mempool_event event, rte_mempool *mp)
{
	registry &r = reg();
	std::vector<listener> copy;
	{
		std::lock_guard<std::mutex> guard(r.lock);
		copy = r.listeners;
	}
	for (const listener &l : copy) {
		{
			/* skip one that was unregistered meanwhile; else the call is
			 * in progress from now on, for unregister to wait for */
			std::lock_guard<std::mutex> guard(r.lock);
			if (!registered(l))
				continue;
			r.calls.push_back({l, std::this_thread::get_id()});
		}
		call_scope scope(l);
		/* seen registered, not yet called: an unregister here must wait */
		DPKIT_STALL_POINT("mempool.event.call");
		l.func(event, mp, l.user_data);
	}
}
