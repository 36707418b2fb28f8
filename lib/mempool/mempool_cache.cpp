/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Cache policy: what a cache does when a put does not fit or a get finds
 * it short. The hit path is inline in rte_mempool_cache_ops.h and is the
 * same for every policy; only cache->flushthresh (set here) and the two
 * slow paths below depend on the policy. A policy is three numbers, for a
 * cache of nominal size S:
 *  - capacity: a put that would take the cache above it spills;
 *  - spill level: how many objects a spilling put leaves in the cache
 *    (the oldest, at the bottom of the stack, are the ones sent back);
 *  - refill level: how many a refilling get leaves in the cache.
 *
 * dpkit's policy: capacity 1.5 S (as DPDK 22.11, so the same cache sizes
 * are valid and the memory is the same); a put that does not fit sends
 * the whole cache to the store in one operation and keeps only the new
 * objects (as DPDK 22.11); a get that finds the cache short fetches what
 * is missing plus 0.5 S (as the half-size policy of later DPDK: objects
 * fetched ahead may never be used). Chosen by throughput (objects/s, one
 * lcore unless said, cache 256, medians of 7 runs;
 * doc/guides/prog_guide/mempool_lib.rst has the table and the objects
 * moved to and from the store) against spilling to 0.75 S, DPDK 22.11's
 * refill to S, and capacity S with spill and refill to S/2 ("half"):
 *     workload                        chosen  spill 0.75  DPDK 22.11  half
 *     random bursts 1..400              3559       2941        3318  2399
 *     get k, put k (k 100..300, by 32)  3251       2991        3252  1526
 *     rx 8 x 32, free 256 at once       3868       3975        3818  2093
 *     pipeline (get on A, put on B)      160        132         131   130
 * Spilling to the middle (0.75 S) moves no fewer objects in these and
 * costs a memmove of the kept ones at each spill; the whole-cache flush
 * moves larger batches, which the pipeline case (every object goes
 * through the store) rewards most. Refilling to S (DPDK 22.11) fetches
 * objects that bursty workloads send straight back.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "mempool_private.h"

using namespace dpkit::mempool_detail;

namespace {

struct cache_policy {
	uint32_t cap_num, cap_den;       /* capacity = size * cap_num / cap_den */
	uint32_t spill_num, spill_den;   /* spill level; 0/1 = keep only the new objects */
	uint32_t refill_num, refill_den; /* refill level */
};

/* capacity 1.5 S, spill keeping only the new objects, refill to S/2 */
constexpr cache_policy policy = {3, 2, 0, 1, 1, 2};

/*
 * A put of n objects (n <= size) that does not fit: send the oldest
 * objects to the store until len + n - sent equals the spill level (never
 * above capacity - n, so the new objects fit), then add the new ones on
 * top. When the level is below n, some of the new objects go too.
 */
void
put_slow(rte_mempool *mp, void *const *obj_table, unsigned n, rte_mempool_cache *cache)
{
	uint32_t len = cache->len;
	uint32_t keep = cache->size * policy.spill_num / policy.spill_den;
	if (policy.spill_num == 0)
		keep = n;
	keep = RTE_MIN(keep, cache->flushthresh);
	uint32_t spill = len + n - keep;

	if (spill <= len) {
		rte_mempool_ops_enqueue_bulk(mp, cache->objs, spill);
		/* the oldest objects are in the store and still in the cache */
		DPKIT_STALL_POINT("mempool.cache.spilled");
		memmove(cache->objs, &cache->objs[spill], (len - spill) * sizeof(void *));
		__rte_mempool_copy_ptrs(&cache->objs[len - spill], obj_table, n);
	} else {
		if (len != 0)
			rte_mempool_ops_enqueue_bulk(mp, cache->objs, len);
		rte_mempool_ops_enqueue_bulk(mp, obj_table, spill - len);
		/* cache and part of the new objects stored, the rest not yet cached */
		DPKIT_STALL_POINT("mempool.cache.spilled");
		__rte_mempool_copy_ptrs(cache->objs, &obj_table[spill - len], keep);
	}
	cache->len = keep;
}

/*
 * A get of n objects (len < n) served by every cached object plus the rest
 * from the store, without refilling. -ENOENT, nothing taken, when the store
 * is short too.
 */
int
take_cached_then_store(rte_mempool *mp, void **obj_table, unsigned n, rte_mempool_cache *cache)
{
	uint32_t len = cache->len;

	if (rte_mempool_ops_dequeue_bulk(mp, &obj_table[len], n - len) != 0)
		return -ENOENT;
	/* part from the store handed out, the cached part not yet */
	DPKIT_STALL_POINT("mempool.cache.store_part");
	__rte_mempool_copy_ptrs(obj_table, cache->objs, len);
	cache->len = 0;
	return 0;
}

/*
 * A get of n objects (len < n <= size): one dequeue of what is missing
 * plus the refill level, placed above the cached objects; hand out the
 * cached (warm) ones first, then the new ones. If the store has not that
 * many, take only what is missing.
 */
int
get_slow(rte_mempool *mp, void **obj_table, unsigned n, rte_mempool_cache *cache)
{
	uint32_t len = cache->len;
	uint32_t need = n - len;
	uint32_t keep = cache->size * policy.refill_num / policy.refill_den;

	if (rte_mempool_ops_dequeue_bulk(mp, &cache->objs[len], need + keep) == 0) {
		/* out of the store, in the cache's slots, not yet counted */
		DPKIT_STALL_POINT("mempool.cache.refilled");
		/* slots [0, n) go out; the kept objects are at [n, n + keep):
		 * move the last min(n, keep) of them down into the hole */
		__rte_mempool_copy_ptrs(obj_table, cache->objs, n);
		uint32_t move = RTE_MIN(n, keep);
		__rte_mempool_copy_ptrs(cache->objs, &cache->objs[n + keep - move], move);
		cache->len = keep;
		return 0;
	}
	return take_cached_then_store(mp, obj_table, n, cache);
}

} // namespace

/* ---- slow paths called from the inline code ---- */

extern "C" void
__rte_mempool_cache_put_slow(struct rte_mempool *mp, void *const *obj_table, unsigned int n,
			     struct rte_mempool_cache *cache)
{
	/* larger than the cache itself: straight to the store */
	if (n > cache->size) {
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}
	put_slow(mp, obj_table, n, cache);
}

extern "C" int
__rte_mempool_cache_get_slow(struct rte_mempool *mp, void **obj_table, unsigned int n,
			     struct rte_mempool_cache *cache)
{
	int ret;

	/* larger than the cache itself: straight from the store, or, when the
	 * store alone is short, the cached objects plus the rest from the
	 * store (DPDK 22.11 fails there although the pool has the objects) */
	if (n > cache->size) {
		if (rte_mempool_ops_dequeue_bulk(mp, obj_table, n) == 0)
			ret = 0;
		else
			ret = cache->len != 0 ? take_cached_then_store(mp, obj_table, n, cache)
					      : -ENOENT;
	} else
		ret = get_slow(mp, obj_table, n, cache);

#ifdef RTE_LIBRTE_MEMPOOL_STATS
	if (ret == 0) {
		RTE_MEMPOOL_CACHE_STAT_ADD(cache, get_success_bulk, 1);
		RTE_MEMPOOL_CACHE_STAT_ADD(cache, get_success_objs, n);
	} else {
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_objs, n);
	}
#endif
	return ret;
}

/* ---- cache set-up ---- */

void
dpkit::mempool_detail::cache_init(rte_mempool_cache *cache, uint32_t size)
{
	cache->size = size;
	cache->flushthresh = size * policy.cap_num / policy.cap_den;
	cache->len = 0;
}

uint32_t
dpkit::mempool_detail::max_cache_size_for(uint32_t n)
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
	auto *cache = static_cast<rte_mempool_cache *>(rte_zmalloc_socket(
		"MEMPOOL_CACHE", sizeof(rte_mempool_cache), RTE_CACHE_LINE_SIZE, socket_id));
	if (cache == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: no memory for a cache of %u objects on socket %d", size,
			    socket_id);
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
