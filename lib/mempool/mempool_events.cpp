/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Pool life-cycle events (READY when a pool becomes full, DESTROY before it
 * is freed), for code that must follow every pool's memory, e.g. a NIC
 * driver registering it for DMA. Callbacks are process-private, like
 * function pointers must be. They are called without any lock held, from a
 * copy of the list, so a callback may register others (which see later
 * events) or unregister itself.
 */

#include <errno.h>

#include <mutex>
#include <vector>

#include <rte_errno.h>

#include "mempool_private.h"

namespace {

struct listener {
	rte_mempool_event_callback *func;
	void *user_data;
	bool operator==(const listener &) const = default;
};

std::mutex &listeners_lock()
{
	static std::mutex m;
	return m;
}

std::vector<listener> &listeners()
{
	static std::vector<listener> v;
	return v;
}

bool registered(const listener &l)
{
	for (const listener &x : listeners())
		if (x == l)
			return true;
	return false;
}

} // namespace

extern "C" int
rte_mempool_event_callback_register(rte_mempool_event_callback *func, void *user_data)
{
	if (func == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: event callback must not be NULL");
		rte_errno = EINVAL;
		return -EINVAL;
	}
	std::lock_guard<std::mutex> guard(listeners_lock());
	listener l{func, user_data};
	if (registered(l)) {
		MEMPOOL_LOG(ERR, "mempool: this event callback is already registered with the same user data");
		rte_errno = EEXIST;
		return -EEXIST;
	}
	try {
		listeners().push_back(l);
	} catch (const std::bad_alloc &) {
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	return 0;
}

extern "C" int
rte_mempool_event_callback_unregister(rte_mempool_event_callback *func, void *user_data)
{
	std::lock_guard<std::mutex> guard(listeners_lock());
	auto &v = listeners();
	for (auto it = v.begin(); it != v.end(); ++it) {
		if (*it == listener{func, user_data}) {
			v.erase(it);
			return 0;
		}
	}
	MEMPOOL_LOG(ERR, "mempool: cannot unregister an event callback that is not registered");
	rte_errno = ENOENT;
	return -ENOENT;
}

void dpkit::mempool_detail::fire_event(rte_mempool_event event, rte_mempool *mp)
{
	std::vector<listener> copy;
	{
		std::lock_guard<std::mutex> guard(listeners_lock());
		copy = listeners();
	}
	for (const listener &l : copy) {
		/* skip one that an earlier callback removed */
		bool still;
		{
			std::lock_guard<std::mutex> guard(listeners_lock());
			still = registered(l);
		}
		if (still)
			l.func(event, mp, l.user_data);
	}
}
