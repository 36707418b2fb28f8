/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_MEMPOOL_CACHE_OPS_H_
#define _RTE_MEMPOOL_CACHE_OPS_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Inline get/put of mempool objects through a cache. Do not include this
 * file directly: include rte_mempool.h.
 *
 * The inline part is only the cache hit: a put that fits under
 * cache->flushthresh and a get that the cache can serve whole copy
 * pointers to or from the top of the cache stack and nothing else. When
 * the cache overflows or runs dry the call goes out of line into the
 * library, which moves a batch between the cache and the backing store;
 * how big that batch is (the cache policy) is the library's business and
 * is not compiled into applications.
 */

#ifndef _RTE_MEMPOOL_H_
#error "include rte_mempool.h, not rte_mempool_cache_ops.h"
#endif

/* Under AddressSanitizer, free objects are poisoned (__rte_mempool_asan_mark). */
#include <rte_mempool_asan.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- caches of threads that are not lcores (design: rte_mempool.h) ---- */

/**
 * Entries in each non-EAL thread's table of pool caches, a power of two:
 * pools whose thread_cache_index is the same modulo this number evict each
 * other's caches from a thread's table, so it is the number of pools a
 * thread can use at full speed at once (the first ones created always
 * can). The table costs 24 bytes of thread-local storage per entry.
 */
#define RTE_MEMPOOL_THREAD_CACHE_SLOTS 16

/**
 * Most threads of one process that hold a cache of the same pool; a
 * thread that comes later goes straight to the store for that pool.
 */
#define RTE_MEMPOOL_THREAD_CACHES_PER_POOL RTE_MAX_LCORE

/**
 * @internal One entry of a non-EAL thread's table: the pool it is for and
 * that pool's cache. Only the owning thread writes stamp and cache;
 * rte_mempool_free() in another thread may clear mp, so mp is read and
 * written atomically.
 */
struct rte_mempool_thread_cache_slot {
	struct rte_mempool *mp;          /**< The pool, or NULL: entry free. */
	uint64_t stamp;                  /**< Its thread_cache_stamp. */
	struct rte_mempool_cache *cache; /**< Its cache, or NULL: use the store. */
};

/**
 * @internal A non-EAL thread's caches: the table, and a copy of the entry
 * used last, looked at first. The copy is at a fixed place, so reading it
 * does not wait for the load of the pool's index: a thread that keeps
 * using one pool finds its cache in three thread-local loads and two
 * compares (a thread that alternates pools pays the table lookup too).
 */
struct rte_mempool_thread_caches {
	/** Copy of the entry used last. */
	struct rte_mempool_thread_cache_slot last;
	/** The table: entry thread_cache_index % RTE_MEMPOOL_THREAD_CACHE_SLOTS of a pool. */
	struct rte_mempool_thread_cache_slot slots[RTE_MEMPOOL_THREAD_CACHE_SLOTS];
};

/** @internal The calling thread's caches; used by threads without an lcore. */
RTE_DECLARE_PER_LCORE(struct rte_mempool_thread_caches, _mempool_thread_caches);

/**
 * @internal The calling thread's entry for @p mp was not there: make it
 * (the cache, or none when the pool allows no thread cache), evicting the
 * pool that had the entry.
 * @return The calling thread's cache of @p mp, or NULL: use the store.
 */
struct rte_mempool_cache *__rte_mempool_thread_cache_slow(struct rte_mempool *mp);

/** @internal Whether entry @p slot is for pool @p mp. */
static __rte_always_inline int
__rte_mempool_thread_cache_match(const struct rte_mempool_thread_cache_slot *slot,
				 const struct rte_mempool *mp)
{
	/* pairs with the relaxed stores of rte_mempool_free(); the pool
	 * used here is not the one being freed, so no ordering is needed */
	return (__atomic_load_n(&slot->mp, __ATOMIC_RELAXED) == mp) &
	       (slot->stamp == mp->thread_cache_stamp);
}

/**
 * @internal The calling thread's own cache of @p mp (a pool with caches),
 * for a thread that is not an lcore: the copy of the last entry used, else
 * the table entry of the pool (then copied), else made.
 */
static __rte_always_inline struct rte_mempool_cache *
__rte_mempool_thread_cache(struct rte_mempool *mp)
{
	struct rte_mempool_thread_caches *tc = &RTE_PER_LCORE(_mempool_thread_caches);
	struct rte_mempool_thread_cache_slot *slot;

	if (likely(__rte_mempool_thread_cache_match(&tc->last, mp)))
		return tc->last.cache;
	slot = &tc->slots[mp->thread_cache_index & (RTE_MEMPOOL_THREAD_CACHE_SLOTS - 1)];
	if (likely(__rte_mempool_thread_cache_match(slot, mp))) {
		tc->last.stamp = slot->stamp;
		tc->last.cache = slot->cache;
		__atomic_store_n(&tc->last.mp, mp, __ATOMIC_RELAXED);
		return slot->cache;
	}
	return __rte_mempool_thread_cache_slow(mp);
}

/**
 * The default cache of @p mp for lcore @p lcore_id.
 * @return
 *   - NULL when the pool has no caches (cache_size 0);
 *   - the cache of lcore @p lcore_id when it is below RTE_MAX_LCORE;
 *   - otherwise (LCORE_ID_ANY) the calling thread's own cache of the pool,
 *     made on first use (dpkit; DPDK 22.11 returns NULL), or NULL when the
 *     pool allows no thread cache (RTE_MEMPOOL_F_SP_PUT/SC_GET, or
 *     RTE_MEMPOOL_THREAD_CACHES_PER_POOL threads have one already).
 */
static __rte_always_inline struct rte_mempool_cache *
rte_mempool_default_cache(struct rte_mempool *mp, unsigned lcore_id)
{
	if (unlikely(mp->cache_size == 0))
		return NULL;
	if (likely(lcore_id < RTE_MAX_LCORE))
		return &mp->local_cache[lcore_id];
	return __rte_mempool_thread_cache(mp);
}

/**
 * @internal Put that does not fit in the cache: move a batch of the cache
 * to the backing store (or bypass the cache for very large puts).
 */
void __rte_mempool_cache_put_slow(struct rte_mempool *mp, void *const *obj_table, unsigned int n,
				  struct rte_mempool_cache *cache);

/**
 * @internal Get that the cache cannot serve whole: refill it from the
 * backing store and serve the request.
 * @return 0, or -ENOENT with nothing taken and the cache unchanged.
 */
int __rte_mempool_cache_get_slow(struct rte_mempool *mp, void **obj_table, unsigned int n,
				 struct rte_mempool_cache *cache);

/** @internal Copy @p n object pointers; @p dst and @p src do not overlap. */
static __rte_always_inline void
__rte_mempool_copy_ptrs(void **__restrict dst, void *const *__restrict src, unsigned int n)
{
	unsigned int i;

	/* One object is the most common request: no loop, no tail tests.
	 * Otherwise eight at a time (one or two vector moves each), then at
	 * most seven without a loop: a loop for the tail would be turned into
	 * a call to memmove, which costs more than the whole cache hit. */
	if (n == 1) {
		dst[0] = src[0];
		return;
	}
	for (i = 0; i + 8 <= n; i += 8) {
		dst[i] = src[i];
		dst[i + 1] = src[i + 1];
		dst[i + 2] = src[i + 2];
		dst[i + 3] = src[i + 3];
		dst[i + 4] = src[i + 4];
		dst[i + 5] = src[i + 5];
		dst[i + 6] = src[i + 6];
		dst[i + 7] = src[i + 7];
	}
	if (n & 4) {
		dst[i] = src[i];
		dst[i + 1] = src[i + 1];
		dst[i + 2] = src[i + 2];
		dst[i + 3] = src[i + 3];
		i += 4;
	}
	if (n & 2) {
		dst[i] = src[i];
		dst[i + 1] = src[i + 1];
		i += 2;
	}
	if (n & 1)
		dst[i] = src[i];
}

static __rte_always_inline void
rte_mempool_cache_flush(struct rte_mempool_cache *cache, struct rte_mempool *mp)
{
	if (cache == NULL)
		cache = rte_mempool_default_cache(mp, rte_lcore_id());
	if (cache == NULL || cache->len == 0)
		return;
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, cache->len);
	/* in the store and still counted in the cache */
	DPKIT_STALL_POINT("mempool.cache.flushed");
	cache->len = 0;
}

/**
 * @internal Put @p n objects through @p cache (may be NULL), no cookie check.
 */
static __rte_always_inline void
rte_mempool_do_generic_put(struct rte_mempool *mp, void *const *obj_table, unsigned int n,
			   struct rte_mempool_cache *cache)
{
	uint32_t len;

	if (unlikely(cache == NULL)) {
		RTE_MEMPOOL_STAT_ADD(mp, put_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, put_objs, n);
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}

	RTE_MEMPOOL_CACHE_STAT_ADD(cache, put_bulk, 1);
	RTE_MEMPOOL_CACHE_STAT_ADD(cache, put_objs, n);

	/* flushthresh >= len always holds, so the subtraction cannot wrap */
	len = cache->len;
	if (likely(n <= cache->flushthresh - len)) {
		__rte_mempool_copy_ptrs(&cache->objs[len], obj_table, n);
		/* in the cache's slots, not yet counted */
		DPKIT_STALL_POINT("mempool.cache.put");
		cache->len = len + n;
		return;
	}
	__rte_mempool_cache_put_slow(mp, obj_table, n, cache);
}

/**
 * Put @p n objects back through a cache.
 * @param mp
 *   The pool the objects came from.
 * @param obj_table
 *   The objects.
 * @param n
 *   Number of objects.
 * @param cache
 *   The cache to use (a user-owned one, or rte_mempool_default_cache()),
 *   or NULL to go straight to the backing store.
 */
static __rte_always_inline void
rte_mempool_generic_put(struct rte_mempool *mp, void *const *obj_table, unsigned int n,
			struct rte_mempool_cache *cache)
{
	RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table, n, 0);
	__rte_mempool_asan_mark(mp, obj_table, n, 1);
	rte_mempool_do_generic_put(mp, obj_table, n, cache);
}

/** Put @p n objects back, through the calling lcore's cache when it has one. */
static __rte_always_inline void
rte_mempool_put_bulk(struct rte_mempool *mp, void *const *obj_table, unsigned int n)
{
	rte_mempool_generic_put(mp, obj_table, n, rte_mempool_default_cache(mp, rte_lcore_id()));
}

/** Put one object back, through the calling lcore's cache when it has one. */
static __rte_always_inline void
rte_mempool_put(struct rte_mempool *mp, void *obj)
{
	rte_mempool_put_bulk(mp, &obj, 1);
}

/**
 * @internal Get @p n objects through @p cache (may be NULL), no cookie check.
 * @return 0, or -ENOENT with nothing taken.
 */
static __rte_always_inline int
rte_mempool_do_generic_get(struct rte_mempool *mp, void **obj_table, unsigned int n,
			   struct rte_mempool_cache *cache)
{
	uint32_t len;
	int ret;

	if (unlikely(cache == NULL)) {
		ret = rte_mempool_ops_dequeue_bulk(mp, obj_table, n);
		if (ret == 0) {
			RTE_MEMPOOL_STAT_ADD(mp, get_success_bulk, 1);
			RTE_MEMPOOL_STAT_ADD(mp, get_success_objs, n);
		} else {
			RTE_MEMPOOL_STAT_ADD(mp, get_fail_bulk, 1);
			RTE_MEMPOOL_STAT_ADD(mp, get_fail_objs, n);
			ret = -ENOENT;
		}
		return ret;
	}

	/* Hit: the n most recently freed objects, off the top of the stack. */
	len = cache->len;
	if (likely(n <= len)) {
		len -= n;
		__rte_mempool_copy_ptrs(obj_table, &cache->objs[len], n);
		/* handed out, still counted in the cache */
		DPKIT_STALL_POINT("mempool.cache.get");
		cache->len = len;
		RTE_MEMPOOL_CACHE_STAT_ADD(cache, get_success_bulk, 1);
		RTE_MEMPOOL_CACHE_STAT_ADD(cache, get_success_objs, n);
		return 0;
	}
	return __rte_mempool_cache_get_slow(mp, obj_table, n, cache);
}

/**
 * Get @p n objects through a cache.
 * @param mp
 *   The pool.
 * @param obj_table
 *   Receives the objects.
 * @param n
 *   Number of objects.
 * @param cache
 *   The cache to use, or NULL to go straight to the backing store.
 * @return
 *   - 0: all @p n objects taken
 *   - -ENOENT: not enough free objects (other lcores' caches may still
 *     hold some); nothing taken
 */
static __rte_always_inline int
rte_mempool_generic_get(struct rte_mempool *mp, void **obj_table, unsigned int n,
			struct rte_mempool_cache *cache)
{
	int ret = rte_mempool_do_generic_get(mp, obj_table, n, cache);

	if (ret == 0) {
		__rte_mempool_asan_mark(mp, obj_table, n, 0);
		RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table, n, 1);
	}
	return ret;
}

/**
 * Get @p n objects, through the calling lcore's cache when it has one.
 * @return 0, or -ENOENT with nothing taken.
 */
static __rte_always_inline int
rte_mempool_get_bulk(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_mempool_generic_get(mp, obj_table, n,
				       rte_mempool_default_cache(mp, rte_lcore_id()));
}

/**
 * Get one object, through the calling lcore's cache when it has one.
 * @return 0, or -ENOENT.
 */
static __rte_always_inline int
rte_mempool_get(struct rte_mempool *mp, void **obj_p)
{
	return rte_mempool_get_bulk(mp, obj_p, 1);
}

/**
 * Get @p n blocks of contiguous objects, for handlers that have them
 * (rte_mempool_ops_get_info() gives a non-zero contig_block_size). The
 * cache is not used.
 * @return
 *   - 0: done; first_obj_table[i] is the first object of block i
 *   - -ENOBUFS: not enough blocks; nothing taken
 *   - -EOPNOTSUPP: the handler has no blocks
 */
static __rte_always_inline int
rte_mempool_get_contig_blocks(struct rte_mempool *mp, void **first_obj_table, unsigned int n)
{
	int ret = rte_mempool_ops_dequeue_contig_blocks(mp, first_obj_table, n);

	if (ret == 0) {
		RTE_MEMPOOL_STAT_ADD(mp, get_success_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_success_blks, n);
		RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table, n, 1);
	} else {
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_blks, n);
	}
	return ret;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MEMPOOL_CACHE_OPS_H_ */
