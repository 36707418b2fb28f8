/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memory registration as NIC drivers do it: a pool may span several
 * memory chunks, so a driver that lets hardware write into mbufs must
 * register EVERY memory chunk of the pool,
 * found by walking rte_mempool_mem_iter(), typically in rx_queue_setup.
 * dpkit's virtual NICs copy with the CPU and need no DMA mapping, but they
 * keep the same per-port region table so that the pattern is exercised (and
 * tested) the way a hardware driver would use it: one entry per chunk,
 * registered once however many queues share the pool.
 */

#include <set>
#include <utility>

#include <rte_mempool.h>

#include "ethdev_private.h"

using namespace dpkit::ethdev_detail;

namespace {

struct walk {
	std::vector<dpkit_eth_mem_region> *regions;
	std::set<std::pair<void *, size_t>> known;  /* regions, for O(log n) dedupe */
	unsigned int chunks = 0;
	unsigned int added = 0;
	size_t bytes = 0;
	bool oom = false;
};

void on_chunk(struct rte_mempool *, void *opaque, struct rte_mempool_memhdr *memhdr,
	      unsigned int)
{
	walk *w = static_cast<walk *>(opaque);
	w->chunks++;
	w->bytes += memhdr->len;
	try {
		/* a --no-huge pool has one chunk per 4 KB page: a linear search
		 * here made registering 138k chunks take half a minute */
		if (!w->known.insert({memhdr->addr, memhdr->len}).second)
			return;
		w->regions->push_back({memhdr->addr, memhdr->iova, memhdr->len});
		w->added++;
	} catch (...) {
		w->oom = true;
	}
}

} // namespace

extern "C" int
dpkit_eth_dev_register_mempool(struct rte_eth_dev *dev, struct rte_mempool *mp)
{
	if (dev == nullptr || dev->data == nullptr || mp == nullptr)
		return -EINVAL;
	walk w;
	w.regions = &port(dev->data->port_id).regions;
	try {
		for (const auto &r : *w.regions)
			w.known.insert({r.addr, r.len});
	} catch (...) {
		w.oom = true;
	}
	if (!w.oom)
		rte_mempool_mem_iter(mp, on_chunk, &w);
	if (w.oom) {
		ETHDEV_LOG(ERR, "port %u: out of memory registering pool %s",
			   dev->data->port_id, mp->name);
		return -ENOMEM;
	}
	ETHDEV_LOG(DEBUG, "port %u (%s): pool %s has %u memory chunks, %zu bytes; %u newly "
		   "registered, %zu regions in all", dev->data->port_id, dev->data->name,
		   mp->name, w.chunks, w.bytes, w.added, w.regions->size());
	return (int)w.chunks;
}

extern "C" int
dpkit_eth_dev_mem_regions(uint16_t port_id, struct dpkit_eth_mem_region *regions,
			  unsigned int n)
{
	if (!rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	const auto &all = port(port_id).regions;
	for (unsigned int i = 0; i < n && i < all.size(); i++)
		regions[i] = all[i];
	return (int)all.size();
}
