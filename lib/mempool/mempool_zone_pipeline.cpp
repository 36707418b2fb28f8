/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Zone pipeline (see mempool_zone_pipeline.h).
 *
 * Creating a large pool in dynamic memory is mostly the kernel zeroing new
 * hugepages, which the EAL spreads over idle lcores' CPUs; laying out and
 * constructing the objects is the rest, and it must run on the calling
 * thread (the constructor is application code). Done one after the other,
 * every CPU but the caller's sits idle during the layout. Here the memory
 * is cut into a few zones: while the caller lays out zone k, the helper is
 * already mapping zone k+1, and the caller's CPU goes back to mapping as
 * soon as it waits again.
 *
 * The helper inherits the caller's CPU affinity and scheduling policy; it
 * yields between two of its own pages (memzone_reserve_options::lent_cpu),
 * so a real-time caller that has a zone to lay out gets its CPU back at
 * once.
 */

#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include "mempool_zone_pipeline.h"

namespace dpkit::mempool_detail {

namespace {

struct pipeline {
	const std::vector<size_t> &sizes;
	const std::function<const rte_memzone *(
		size_t, const eal_internal::memzone_reserve_options &)> &reserve;
	int caller_cpu; /* lent to the helper's page mapping, or -1 */

	std::mutex lock;
	std::condition_variable changed;
	std::vector<const rte_memzone *> reserved; /* in order; nullptr: failed */
	bool helper_done = false;
	std::atomic<bool> stop{false};
};

void *
reserve_zones(void *arg)
{
	auto *p = static_cast<pipeline *>(arg);
	/* a zone the helper cannot get is not an error: the caller falls
	 * back; idle lcores are looked up again at each growth: one may get
	 * work */
	const eal_internal::memzone_reserve_options opt{.failure_expected = true,
							.lent_cpu = p->caller_cpu};
	for (size_t len : p->sizes) {
		if (p->stop.load(std::memory_order_relaxed))
			break;
		const rte_memzone *mz = p->reserve(len, opt);
		{
			std::lock_guard<std::mutex> g(p->lock);
			p->reserved.push_back(mz);
		}
		p->changed.notify_one();
		if (mz == nullptr)
			break;
	}
	{
		std::lock_guard<std::mutex> g(p->lock);
		p->helper_done = true;
	}
	p->changed.notify_one();
	return nullptr;
}

/* Stop the helper, wait for it, and free the zones it reserved that were
 * not handed to add() (the first @p taken were). */
void
finish(pipeline &p, pthread_t helper, size_t taken)
{
	p.stop.store(true, std::memory_order_relaxed);
	pthread_join(helper, nullptr);
	for (size_t k = taken; k < p.reserved.size(); k++)
		if (p.reserved[k] != nullptr)
			rte_memzone_free(p.reserved[k]);
}

} // namespace

int
pipeline_zones(const std::vector<size_t> &sizes,
	       const std::function<const rte_memzone *(
		       size_t len, const eal_internal::memzone_reserve_options &opt)> &reserve,
	       const std::function<int(const rte_memzone *mz)> &add)
{
	pipeline p{sizes, reserve, sched_getcpu()};
	pthread_t helper;
	if (pthread_create(&helper, nullptr, reserve_zones, &p) != 0)
		return 0; /* nothing done: the caller fills the pool its own way */

	size_t taken = 0;
	int ret = 0;
	for (;;) {
		const rte_memzone *mz;
		{
			/* blocking, not spinning: waiting lends this CPU to the helper */
			std::unique_lock<std::mutex> g(p.lock);
			p.changed.wait(g,
				       [&] { return p.reserved.size() > taken || p.helper_done; });
			if (p.reserved.size() == taken)
				break;
			mz = p.reserved[taken++];
		}
		if (mz == nullptr)
			break;
		/* add() runs the caller's object constructor, which may throw: the
		 * helper uses p, on this stack, until it is joined */
		try {
			ret = add(mz);
		} catch (...) {
			finish(p, helper, taken);
			throw;
		}
		if (ret <= 0)
			break;
	}
	finish(p, helper, taken);
	return ret < 0 ? ret : 0;
}

} // namespace dpkit::mempool_detail
