/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Caches of the threads that are not lcores: made on first use, given back
 * at thread exit, dropped when their pool is freed. The hit path is inline
 * (rte_mempool_cache_ops.h: __rte_mempool_thread_cache); this file is what
 * runs when a thread's table entry does not name the pool it is used for.
 *
 * Where a cache is: in the thread's table (thread-local, one entry per
 * thread_cache_index modulo RTE_MEMPOOL_THREAD_CACHE_SLOTS), in the copy
 * of the entry the thread used last (checked first inline: its place does
 * not depend on the pool, so the lookup of a thread that stays on one pool
 * costs about what an lcore's does), and in the process's registry, which
 * lists per pool address the table entries that hold a cache of it. The
 * copy never names a cache that is gone: the owner replaces it whenever it
 * evicts or makes an entry, and rte_mempool_free() clears it along with
 * the entry. Invariants, under the registry lock:
 *  - a table entry with mp and cache set is listed under mp, and its cache
 *    holds free objects of the pool at mp created at `stamp`, or of a pool
 *    freed there by another process (rte_mempool_free() of this process
 *    clears the entries of its pool first; a free in another process
 *    cannot reach them);
 *  - so before objects go back to a pool from an entry found here, the pool
 *    is checked to be listed with the entry's stamp, under the tailq lock,
 *    which rte_mempool_free() needs to unlist it;
 *  - an entry with mp set and no cache says "use the store" for that pool
 *    and is not listed (there is nothing to give back).
 * Lock order: tailq lock, then the registry lock. The owner writes its
 * entries only under the registry lock (except reading them, inline); the
 * only write another thread makes is rte_mempool_free() clearing mp.
 *
 * Thread exit: the first cache a thread makes sets a pthread key whose
 * destructor empties every cache of the thread into its pool. Key
 * destructors run for every thread (C, C++, runtimes that use pthreads),
 * after C++ thread_local destructors, so objects those put back are given
 * back too; once the destructor has run the thread makes no more caches.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <rte_eal_memconfig.h>
#include <eal_state.h>

#include "mempool_private.h"

using namespace dpkit::mempool_detail;

RTE_DEFINE_PER_LCORE(struct rte_mempool_thread_caches, _mempool_thread_caches);

namespace {

static_assert((RTE_MEMPOOL_THREAD_CACHE_SLOTS & (RTE_MEMPOOL_THREAD_CACHE_SLOTS - 1)) == 0,
	      "the inline lookup masks the index: the table size must be a power of two");

using slot_t = rte_mempool_thread_cache_slot;
using caches_t = rte_mempool_thread_caches;

void thread_exit(void *caches);

/* A table entry holding a cache, and the thread's caches it is part of. */
struct listed_slot {
	caches_t *owner;
	slot_t *slot;
	bool operator==(const listed_slot &) const = default;
};

struct registry {
	std::mutex lock;
	/* per pool address, the table entries holding a cache of it */
	std::unordered_map<const rte_mempool *, std::vector<listed_slot>> by_pool;
	pthread_key_t key{};
	bool key_ok = false;

	registry() { key_ok = pthread_key_create(&key, thread_exit) == 0; }
};

/* Never destroyed: threads may exit after static destructors have run. */
registry &
reg()
{
	static registry *r = new registry();
	return *r;
}

/* What only the owning thread reads and writes. Trivial: no TLS destructor. */
struct thread_state {
	bool key_set; /* the exit destructor is armed */
	bool exiting; /* it has run: make no more caches */
};
thread_local thread_state self;

rte_mempool *
slot_pool(const slot_t &s)
{
	return std::atomic_ref(const_cast<slot_t &>(s).mp).load(std::memory_order_relaxed);
}

void
slot_clear(slot_t &s)
{
	/* pairs with the relaxed load of the inline lookup */
	std::atomic_ref(s.mp).store(nullptr, std::memory_order_relaxed);
}

/* Forget the owner's copy of its last entry if it is for @p mp. The owner
 * may be copying another entry there meanwhile (it only ever writes a pool
 * it is using, never one being freed): compare and clear in one step. */
void
last_forget(caches_t &owner, rte_mempool *mp)
{
	std::atomic_ref(owner.last.mp)
		.compare_exchange_strong(mp, nullptr, std::memory_order_relaxed);
}

/* ---- cache memory ---- */

/*
 * A thread cache has room for 2 * size objects, as many as the policy can
 * ever place (rte_mempool_cache's array is sized the same way for the
 * largest cache), not RTE_MEMPOOL_CACHE_MAX_SIZE * 2: a cache of 32 objects
 * takes 576 bytes instead of 8 KB. Nothing reads past objs[2 * size].
 */
size_t
cache_bytes(uint32_t size)
{
	size_t bytes = offsetof(rte_mempool_cache, objs) + 2 * (size_t)size * sizeof(void *);
	return RTE_ALIGN_CEIL(bytes, RTE_CACHE_LINE_SIZE);
}

rte_mempool_cache *
cache_new(uint32_t size)
{
	void *mem = nullptr;
	if (posix_memalign(&mem, RTE_CACHE_LINE_SIZE, cache_bytes(size)) != 0)
		return nullptr;
	auto *cache = static_cast<rte_mempool_cache *>(mem);
	memset(cache, 0, offsetof(rte_mempool_cache, objs));
	cache_init(cache, size);
	return cache;
}

/* ---- entries ---- */

void
unlist(const rte_mempool *mp, listed_slot ls)
{
	auto it = reg().by_pool.find(mp);
	if (it == reg().by_pool.end())
		return;
	std::erase(it->second, ls);
	if (it->second.empty())
		reg().by_pool.erase(it);
}

/*
 * Give back and free the cache of entry @p s of the calling thread's
 * caches @p own (registry lock held, and the tailq lock when @p eal_up):
 * its objects go to their pool if that pool is still the one the entry was
 * made for. The copy of the last entry is forgotten if it is this one.
 */
void
release(caches_t &own, slot_t &s, bool eal_up)
{
	rte_mempool *mp = slot_pool(s);
	if (mp != nullptr)
		last_forget(own, mp);
	if (mp == nullptr || s.cache == nullptr) {
		slot_clear(s);
		return;
	}
	unlist(mp, {&own, &s});
	if (eal_up && s.cache->len != 0 && pool_listed(mp) && mp->thread_cache_stamp == s.stamp) {
		rte_mempool_ops_enqueue_bulk(mp, s.cache->objs, s.cache->len);
	}
	free(s.cache);
	s.cache = nullptr;
	slot_clear(s);
}

/* Thread caches would put objects back from the thread that exits, which
 * a pool promised a single producer or consumer does not allow. */
bool
pool_allows_thread_cache(const rte_mempool *mp)
{
	return !(mp->flags & (RTE_MEMPOOL_F_SP_PUT | RTE_MEMPOOL_F_SC_GET));
}

/* The number of thread caches of @p mp in this process (registry lock held). */
unsigned
caches_of(const rte_mempool *mp)
{
	auto it = reg().by_pool.find(mp);
	if (it == reg().by_pool.end())
		return 0;
	return (unsigned)std::count_if(it->second.begin(), it->second.end(),
				       [mp](const listed_slot &ls) {
		return ls.slot->stamp == mp->thread_cache_stamp;
	});
}

/*
 * Fill entry @p s for @p mp (registry lock held; the entry is free): with
 * @p cache (allocated for a pool that allows thread caches; nullptr when
 * that failed), or with none when the pool allows none (its flags, or
 * RTE_MEMPOOL_THREAD_CACHES_PER_POOL caches exist). The entry stays free,
 * to try again on the next call, when memory or the exit hook is missing.
 * @return the cache the entry holds, or nullptr.
 */
rte_mempool_cache *
install(caches_t &own, slot_t &s, rte_mempool *mp, rte_mempool_cache *cache)
{
	registry &r = reg();
	bool allowed = pool_allows_thread_cache(mp) &&
		       caches_of(mp) < RTE_MEMPOOL_THREAD_CACHES_PER_POOL;
	if (allowed && cache == nullptr)
		return nullptr;
	if (!allowed) {
		free(cache);
		cache = nullptr;
	}
	if (cache != nullptr && !self.key_set) {
		/* the exit destructor gives the caches back: without it, none */
		if (!r.key_ok || pthread_setspecific(r.key, &own) != 0) {
			free(cache);
			return nullptr;
		}
		self.key_set = true;
	}
	s.stamp = mp->thread_cache_stamp;
	s.cache = cache;
	std::atomic_ref(s.mp).store(mp, std::memory_order_relaxed);
	if (cache != nullptr)
		r.by_pool[mp].push_back({&own, &s});
	return cache;
}

/* The pthread key destructor, at thread exit: @p caches are the thread's. */
void
thread_exit(void *caches)
{
	self.exiting = true;
	/* after rte_eal_cleanup() pool memory may be gone: free the caches only */
	bool eal_up = dpkit::eal_is_running();
	if (eal_up)
		rte_mcfg_tailq_read_lock();
	{
		std::lock_guard<std::mutex> guard(reg().lock);
		auto &own = *static_cast<caches_t *>(caches);
		for (slot_t &s : own.slots)
			release(own, s, eal_up);
		/* a copy of an entry with no cache may remain: the thread uses
		 * the store from now on (self.exiting) */
		std::atomic_ref(own.last.mp).store(nullptr, std::memory_order_relaxed);
	}
	if (eal_up)
		rte_mcfg_tailq_read_unlock();
}

} // namespace

/* ---- the slow path of the inline lookup ---- */

extern "C" struct rte_mempool_cache *
__rte_mempool_thread_cache_slow(struct rte_mempool *mp)
{
	if (self.exiting)
		return nullptr;
	caches_t &own = RTE_PER_LCORE(_mempool_thread_caches);
	slot_t &s = own.slots[mp->thread_cache_index % RTE_MEMPOOL_THREAD_CACHE_SLOTS];
	/* allocated before the locks; freed again if the pool may have none */
	rte_mempool_cache *cache = pool_allows_thread_cache(mp) ? cache_new(mp->cache_size)
								: nullptr;

	/* Another pool's cache in the entry goes back to that pool, which
	 * needs the tailq lock (taken before the registry lock). The entry
	 * only changes under the registry lock: look again under it. */
	bool evict = slot_pool(s) != nullptr && s.cache != nullptr;
	if (evict)
		rte_mcfg_tailq_read_lock();
	rte_mempool_cache *ret;
	{
		std::lock_guard<std::mutex> guard(reg().lock);
		release(own, s, evict);
		ret = install(own, s, mp, cache);
		/* the entry, filled or left free, is the one used last */
		own.last.stamp = s.stamp;
		own.last.cache = s.cache;
		std::atomic_ref(own.last.mp).store(slot_pool(s), std::memory_order_relaxed);
	}
	if (evict)
		rte_mcfg_tailq_read_unlock();
	return ret;
}

/* ---- what the rest of the library asks ---- */

uint64_t
dpkit::mempool_detail::next_thread_cache_stamp()
{
	static std::atomic<uint64_t> last{0};
	timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	uint64_t prev = last.load(std::memory_order_relaxed);
	uint64_t next;
	do
		next = std::max(now, prev + 1);
	while (!last.compare_exchange_weak(prev, next, std::memory_order_relaxed));
	return next;
}

thread_cache_totals
dpkit::mempool_detail::thread_caches_count(const rte_mempool *mp)
{
	thread_cache_totals t{};
	std::lock_guard<std::mutex> guard(reg().lock);
	auto it = reg().by_pool.find(mp);
	if (it == reg().by_pool.end())
		return t;
	for (const listed_slot &ls : it->second) {
		const slot_t *s = ls.slot;
		if (s->stamp != mp->thread_cache_stamp)
			continue; /* of a pool freed at this address by another process */
		t.caches++;
		/* the owner moves objects meanwhile: a snapshot, as for lcores */
		t.objects += std::atomic_ref(s->cache->len).load(std::memory_order_relaxed);
	}
	return t;
}

void
dpkit::mempool_detail::thread_caches_drop(const rte_mempool *mp)
{
	std::lock_guard<std::mutex> guard(reg().lock);
	auto it = reg().by_pool.find(mp);
	if (it == reg().by_pool.end())
		return;
	/* Their objects go with the pool. The owners may be running (not on
	 * this pool): only the mp of the entry and of its copy are written,
	 * and a cache is only read by an owner whose entry names the pool. */
	for (const listed_slot &ls : it->second) {
		rte_mempool_cache *cache = ls.slot->cache;
		slot_clear(*ls.slot);
		last_forget(*ls.owner, const_cast<rte_mempool *>(mp));
		free(cache);
	}
	reg().by_pool.erase(it);
}
