/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Cache policy: what a cache does when a put does not fit or a get finds
 * it short. The hit path is inline in rte_mempool_cache_ops.h and is the
 * same for every policy; only cache->flushthresh (set here) and the two
 * slow paths below depend on the policy.
 *
 * "half" (the default): the cache holds up to size objects. A put that
 * overflows it sends the oldest objects to the backing store until size/2
 * remain; a get that finds it short takes what it lacks plus size/2 from the
 * store. Both leave the cache half full, so a thread that alternates
 * between putting and getting bursts keeps hitting the cache, and the
 * objects that stay are the most recently used, still warm in the CPU
 * caches.
 *
 * "dpdk2211": DPDK 22.11's behaviour, for comparison: the cache grows to
 * 1.5 * size; an overflowing put sends the whole cache to the store, a
 * short get refills it to size.
 *
 * DPKIT_MEMPOOL_CACHE_POLICY=dpdk2211 in the environment selects the
 * second (read once, when the library loads); it exists to measure one
 * against the other and may go away.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "mempool_private.h"

using namespace dpkit::mempool_detail;

namespace {

enum class cache_policy { half, dpdk2211 };

cache_policy policy = cache_policy::half;

RTE_INIT(mempool_cache_policy_init)
{
	const char *p = getenv("DPKIT_MEMPOOL_CACHE_POLICY");
	if (p != nullptr && strcmp(p, "dpdk2211") == 0)
		policy = cache_policy::dpdk2211;
}

/* ---- half ---- */

void put_slow_half(rte_mempool *mp, void *const *obj_table, unsigned n,
		   rte_mempool_cache *cache)
{
	/* Append (the objs array is twice the largest cache, so len + n fits),
	 * then send the oldest, from the bottom, until size/2 remain. */
	uint32_t total = cache->len + n;
	uint32_t keep = cache->size / 2;
	uint32_t spill = total - keep;

	__rte_mempool_copy_ptrs(&cache->objs[cache->len], obj_table, n);
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, spill);
	memmove(cache->objs, &cache->objs[spill], keep * sizeof(void *));
	cache->len = keep;
}

int get_slow_half(rte_mempool *mp, void **obj_table, unsigned n, rte_mempool_cache *cache)
{
	uint32_t len = cache->len;
	uint32_t need = n - len;
	uint32_t keep = cache->size / 2;

	/* What is missing plus half a cache, in one dequeue, above the objects
	 * the cache has. */
	if (rte_mempool_ops_dequeue_bulk(mp, &cache->objs[len], need + keep) == 0) {
		/* hand out the cached (warm) ones and the first new ones: slots
		 * [0, n) empty, the kept objects are at [n, n + keep) */
		__rte_mempool_copy_ptrs(obj_table, cache->objs, n);
		uint32_t move = RTE_MIN(n, keep);
		__rte_mempool_copy_ptrs(cache->objs, &cache->objs[n + keep - move], move);
		cache->len = keep;
		return 0;
	}
	/* Not enough for that: just what is missing. */
	if (rte_mempool_ops_dequeue_bulk(mp, &obj_table[len], need) == 0) {
		__rte_mempool_copy_ptrs(obj_table, cache->objs, len);
		cache->len = 0;
		return 0;
	}
	return -ENOENT;
}

/* ---- DPDK 22.11 ---- */

void put_slow_dpdk(rte_mempool *mp, void *const *obj_table, unsigned n,
		   rte_mempool_cache *cache)
{
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, cache->len);
	__rte_mempool_copy_ptrs(cache->objs, obj_table, n);
	cache->len = n;
}

int get_slow_dpdk(rte_mempool *mp, void **obj_table, unsigned n, rte_mempool_cache *cache)
{
	uint32_t len = cache->len;
	uint32_t need = n - len;

	/* refill to size, plus what is missing, above the cached objects */
	if (rte_mempool_ops_dequeue_bulk(mp, &cache->objs[len], cache->size + need) == 0) {
		__rte_mempool_copy_ptrs(obj_table, &cache->objs[cache->size], n);
		cache->len = cache->size;
		return 0;
	}
	if (rte_mempool_ops_dequeue_bulk(mp, &obj_table[len], need) == 0) {
		__rte_mempool_copy_ptrs(obj_table, cache->objs, len);
		cache->len = 0;
		return 0;
	}
	return -ENOENT;
}

} // namespace

/* ---- slow paths called from the inline code ---- */

extern "C" void
__rte_mempool_cache_put_slow(struct rte_mempool *mp, void *const *obj_table,
			     unsigned int n, struct rte_mempool_cache *cache)
{
	/* larger than the cache itself: straight to the store */
	if (n > cache->size) {
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}
	if (policy == cache_policy::half)
		put_slow_half(mp, obj_table, n, cache);
	else
		put_slow_dpdk(mp, obj_table, n, cache);
}

extern "C" int
__rte_mempool_cache_get_slow(struct rte_mempool *mp, void **obj_table,
			     unsigned int n, struct rte_mempool_cache *cache)
{
	int ret;

	/* larger than the cache itself: straight from the store */
	if (n > cache->size)
		ret = rte_mempool_ops_dequeue_bulk(mp, obj_table, n) == 0 ? 0 : -ENOENT;
	else if (policy == cache_policy::half)
		ret = get_slow_half(mp, obj_table, n, cache);
	else
		ret = get_slow_dpdk(mp, obj_table, n, cache);

	if (ret == 0) {
		RTE_MEMPOOL_CACHE_STAT_ADD(cache, get_success_bulk, 1);
		RTE_MEMPOOL_CACHE_STAT_ADD(cache, get_success_objs, n);
	} else {
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_objs, n);
	}
	return ret;
}

/* ---- cache set-up ---- */

void dpkit::mempool_detail::cache_init(rte_mempool_cache *cache, uint32_t size)
{
	cache->size = size;
	cache->flushthresh = policy == cache_policy::half ? size : size * 3 / 2;
	cache->len = 0;
}

uint32_t dpkit::mempool_detail::max_cache_size_for(uint32_t n)
{
	/* DPDK's rule, kept so that sizes valid there are valid here:
	 * size * 3 / 2 <= n (integer division), i.e. size <= (2n + 1) / 3 */
	uint64_t max = (2 * (uint64_t)n + 1) / 3;
	return (uint32_t)RTE_MIN(max, (uint64_t)RTE_MEMPOOL_CACHE_MAX_SIZE);
}

extern "C" struct rte_mempool_cache *
rte_mempool_cache_create(uint32_t size, int socket_id)
{
	if (size == 0 || size > RTE_MEMPOOL_CACHE_MAX_SIZE) {
		MEMPOOL_LOG(ERR, "mempool: cache size %u is out of range 1..%d", size,
			    RTE_MEMPOOL_CACHE_MAX_SIZE);
		rte_errno = EINVAL;
		return nullptr;
	}
	auto *cache = static_cast<rte_mempool_cache *>(
		rte_zmalloc_socket("MEMPOOL_CACHE", sizeof(rte_mempool_cache),
				   RTE_CACHE_LINE_SIZE, socket_id));
	if (cache == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: no memory for a cache of %u objects on socket %d",
			    size, socket_id);
		rte_errno = ENOMEM;
		return nullptr;
	}
	cache_init(cache, size);
	return cache;
}

extern "C" void
rte_mempool_cache_free(struct rte_mempool_cache *cache)
{
	rte_free(cache);
}
