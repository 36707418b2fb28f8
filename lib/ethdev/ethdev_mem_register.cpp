/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memory registration as NIC drivers do it: a pool may span several
 * memory chunks, so a driver that lets a device write into mbufs must
 * register EVERY memory chunk of the pool.
 *
 * Each port keeps a table of the regions it registered, one entry per
 * (address, length), each naming its pool and counting its registrations:
 *  - a driver that registers with something real (net_af_xdp: a UMEM the
 *    kernel pins and writes into) records what it registered with
 *    dpkit_eth_dev_mem_region_add() / _del(), flagged KERNEL;
 *  - ports whose CPU copies (af_packet, ring, null) record the pool's
 *    chunks with dpkit_eth_dev_register_mempool(), so the same table and
 *    events are exercised the way a hardware driver would use them.
 * The table follows the pools through the mempool events: when a pool
 * whose chunks a port recorded becomes full (READY) its new chunks are
 * recorded too; when a pool is freed (DESTROY) its regions leave every
 * port's table. A driver holding a real registration follows the pool's
 * events itself and undoes it (net_af_xdp closes the queue's UMEM).
 * One lock guards every port's table.
 */

#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include <rte_mempool.h>

#include "ethdev_private.h"

using namespace dpkit::ethdev_detail;

namespace {

std::mutex &
table_lock()
{
	static std::mutex m;
	return m;
}

struct walk {
	std::vector<dpkit_eth_mem_region> *regions;
	std::set<std::pair<void *, size_t>> known; /* regions, for O(log n) dedupe */
	unsigned int chunks = 0;
	unsigned int added = 0;
	size_t bytes = 0;
	bool oom = false;
};

void
on_chunk(struct rte_mempool *mp, void *opaque, struct rte_mempool_memhdr *memhdr, unsigned int)
{
	walk *w = static_cast<walk *>(opaque);
	w->chunks++;
	w->bytes += memhdr->len;
	try {
		/* a --no-huge pool has one chunk per 4 KB page: a linear search
		 * here made registering 138k chunks take half a minute */
		if (!w->known.insert({memhdr->addr, memhdr->len}).second)
			return;
		w->regions->push_back({memhdr->addr, memhdr->iova, memhdr->len, mp, 0, 1});
		w->added++;
	} catch (...) {
		w->oom = true;
	}
}

/* Record the chunks of @p mp in port @p port_id's table; table_lock() held. */
int
record_chunks(uint16_t port_id, struct rte_mempool *mp, walk &w)
{
	w.regions = &port(port_id).regions;
	try {
		for (const auto &r : *w.regions)
			w.known.insert({r.addr, r.len});
	} catch (...) {
		w.oom = true;
	}
	if (!w.oom)
		rte_mempool_mem_iter(mp, on_chunk, &w);
	return w.oom ? -ENOMEM : (int)w.chunks;
}

bool
has_pool(uint16_t port_id, const struct rte_mempool *mp)
{
	for (const auto &r : port(port_id).regions)
		if (r.mp == mp)
			return true;
	return false;
}

bool
has_recorded_chunks(uint16_t port_id, const struct rte_mempool *mp)
{
	for (const auto &r : port(port_id).regions)
		if (r.mp == mp && !(r.flags & DPKIT_ETH_MEM_F_KERNEL))
			return true;
	return false;
}

/* Pool events: update the table of each port that registered the pool. */
void
on_pool_event(enum rte_mempool_event ev, struct rte_mempool *mp, void *)
{
	std::lock_guard<std::mutex> g(table_lock());
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++) {
		if (!has_pool(p, mp))
			continue;
		auto &v = port(p).regions;
		if (ev == RTE_MEMPOOL_EVENT_DESTROY) {
			std::erase_if(v,
				      [mp](const dpkit_eth_mem_region &r) { return r.mp == mp; });
			ETHDEV_LOG(DEBUG, "port %u: pool %s freed, its regions unregistered", p,
				   mp->name);
		} else if (has_recorded_chunks(p, mp)) {
			walk w;
			if (record_chunks(p, mp, w) < 0)
				ETHDEV_LOG(ERR,
					   "port %u: out of memory recording the new chunks of "
					   "pool %s",
					   p, mp->name);
		}
	}
}

/* Follow pool events from the first registration on. */
int
follow_pools()
{
	static std::once_flag once;
	static int ret;
	std::call_once(once, [] {
		ret = rte_mempool_event_callback_register(on_pool_event, nullptr);
		if (ret == -EEXIST)
			ret = 0;
	});
	return ret;
}

} // namespace

extern "C" int
dpkit_eth_dev_register_mempool(struct rte_eth_dev *dev, struct rte_mempool *mp)
{
	if (dev == nullptr || dev->data == nullptr || mp == nullptr)
		return -EINVAL;
	if (follow_pools() != 0)
		return -ENOMEM;
	walk w;
	std::lock_guard<std::mutex> g(table_lock());
	if (record_chunks(dev->data->port_id, mp, w) < 0) {
		ETHDEV_LOG(ERR, "port %u: out of memory registering pool %s", dev->data->port_id,
			   mp->name);
		return -ENOMEM;
	}
	ETHDEV_LOG(DEBUG,
		   "port %u (%s): pool %s has %u memory chunks, %zu bytes; %u newly "
		   "registered, %zu regions in all",
		   dev->data->port_id, dev->data->name, mp->name, w.chunks, w.bytes, w.added,
		   w.regions->size());
	return (int)w.chunks;
}

extern "C" int
dpkit_eth_dev_mem_region_add(struct rte_eth_dev *dev, struct rte_mempool *mp, void *addr,
			     size_t len, uint32_t flags)
{
	if (dev == nullptr || dev->data == nullptr || mp == nullptr || addr == nullptr || len == 0)
		return -EINVAL;
	if (follow_pools() != 0)
		return -ENOMEM;
	std::lock_guard<std::mutex> g(table_lock());
	auto &v = port(dev->data->port_id).regions;
	for (auto &r : v)
		if (r.addr == addr && r.len == len) {
			r.refs++;
			r.flags |= flags;
			return 0;
		}
	try {
		v.push_back({addr, rte_mem_virt2iova(addr), len, mp, flags, 1});
	} catch (...) {
		ETHDEV_LOG(ERR, "port %u: out of memory recording a region of pool %s",
			   dev->data->port_id, mp->name);
		return -ENOMEM;
	}
	return 0;
}

extern "C" int
dpkit_eth_dev_mem_region_del(struct rte_eth_dev *dev, void *addr, size_t len)
{
	if (dev == nullptr || dev->data == nullptr)
		return -EINVAL;
	std::lock_guard<std::mutex> g(table_lock());
	auto &v = port(dev->data->port_id).regions;
	for (auto it = v.begin(); it != v.end(); ++it)
		if (it->addr == addr && it->len == len) {
			if (--it->refs == 0)
				v.erase(it);
			return 0;
		}
	return -ENOENT;
}

extern "C" int
dpkit_eth_dev_mem_regions(uint16_t port_id, struct dpkit_eth_mem_region *regions, unsigned int n)
{
	if (!rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	std::lock_guard<std::mutex> g(table_lock());
	const auto &all = port(port_id).regions;
	for (unsigned int i = 0; i < n && i < all.size(); i++)
		regions[i] = all[i];
	return (int)all.size();
}
