/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_thread_cache_autotest: the caches dpkit gives threads that are
 * not lcores (design in rte_mempool.h). A thread's cache is made on its
 * first get or put, counted by rte_mempool_avail_count() while the thread
 * lives, emptied into the store when it exits (so the store alone holds
 * every object right after join), dropped when its pool is freed, and
 * evicted (emptied into its pool) when another pool needs its entry of the
 * thread's table. "Exact" below means avail_count == n and the backing
 * store holding all n objects, checked right after the threads are joined.
 */

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <atomic>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

constexpr unsigned pool_n = 4095;
constexpr unsigned cache_size = 32;

rte_mempool *
make_pool(const char *name, unsigned cache = cache_size, unsigned flags = 0, unsigned n = pool_n)
{
	return rte_mempool_create(name, n, 64, cache, 0, nullptr, nullptr, init_token, nullptr,
				  SOCKET_ID_ANY, flags);
}

/* Every object back in the backing store, none in any cache. */
bool
all_in_store(rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == mp->size && rte_mempool_ops_get_count(mp) == mp->size;
}

/* Get then put @p k objects one bulk at a time; false if a get failed. */
bool
get_put(rte_mempool *mp, unsigned k)
{
	std::vector<void *> objs(k);
	if (rte_mempool_get_bulk(mp, objs.data(), k) != 0)
		return false;
	rte_mempool_put_bulk(mp, objs.data(), k);
	return true;
}

/* A thread joined however the test leaves (a failed assertion returns
 * early): @p release lets it finish first. */
class joined_thread {
public:
	template <typename F>
	joined_thread(F &&body, std::function<void()> release)
	    : release_(std::move(release)), t_(std::forward<F>(body))
	{
	}
	~joined_thread() { join(); }
	joined_thread(const joined_thread &) = delete;
	joined_thread &operator=(const joined_thread &) = delete;

	void join()
	{
		if (!t_.joinable())
			return;
		release_();
		t_.join();
	}

private:
	std::function<void()> release_;
	std::thread t_;
};

/* ---- made on first use ---- */

int
test_mempool_thread_cache_made_on_first_use(void)
{
	rte_mempool *mp = make_pool("mp_tc_first");
	rte_mempool *nocache = make_pool("mp_tc_none", 0);
	rte_mempool *sp = make_pool("mp_tc_sp", cache_size, RTE_MEMPOOL_F_SP_PUT);
	rte_mempool *sc = make_pool("mp_tc_sc", cache_size, RTE_MEMPOOL_F_SC_GET);
	TEST_ASSERT(mp && nocache && sp && sc, "create: %s", rte_strerror(rte_errno));

	std::atomic<int> step{0};
	rte_mempool_cache *seen = nullptr, *seen_again = nullptr;
	rte_mempool_cache *seen_none = nullptr, *seen_sp = nullptr, *seen_sc = nullptr;
	unsigned len_after_put = 0;
	joined_thread t(
		[&] {
		seen = rte_mempool_default_cache(mp, rte_lcore_id());
		seen_again = rte_mempool_default_cache(mp, LCORE_ID_ANY);
		seen_none = rte_mempool_default_cache(nocache, LCORE_ID_ANY);
		seen_sp = rte_mempool_default_cache(sp, LCORE_ID_ANY);
		seen_sc = rte_mempool_default_cache(sc, LCORE_ID_ANY);
		for (rte_mempool *p : {nocache, sp, sc})
			get_put(p, 10);
		get_put(mp, 10);
		len_after_put = seen->len;
		step = 1;
		while (step.load() != 2)
			std::this_thread::yield();
		},
		[&] { step = 2; });
	while (step.load() != 1)
		std::this_thread::yield();
	/* the thread is alive, holding objects in its cache */
	TEST_ASSERT_NOT_NULL(seen, "a non-EAL thread got no cache");
	TEST_ASSERT_EQUAL(seen, seen_again, "a second lookup gave another cache");
	TEST_ASSERT_EQUAL(seen->size, cache_size, "cache size");
	TEST_ASSERT(seen != rte_mempool_default_cache(mp, rte_lcore_id()),
		    "thread shares an lcore cache");
	TEST_ASSERT_NULL(seen_none, "cache_size 0 pool gave a thread cache");
	TEST_ASSERT_NULL(seen_sp, "RTE_MEMPOOL_F_SP_PUT pool gave a thread cache");
	TEST_ASSERT_NULL(seen_sc, "RTE_MEMPOOL_F_SC_GET pool gave a thread cache");
	TEST_ASSERT(len_after_put >= 10, "the put bypassed the cache (len %u)", len_after_put);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), pool_n, "thread cache not counted");
	TEST_ASSERT(rte_mempool_ops_get_count(mp) < pool_n, "objects not in the thread cache");
	for (rte_mempool *p : {nocache, sp, sc})
		TEST_ASSERT(all_in_store(p), "%s: objects outside the store", p->name);
	t.join();
	TEST_ASSERT(all_in_store(mp), "not given back at exit: avail %u, store %u",
		    rte_mempool_avail_count(mp), rte_mempool_ops_get_count(mp));
	for (rte_mempool *p : {mp, nocache, sp, sc})
		rte_mempool_free(p);
	return TEST_SUCCESS;
}

/* rte_mempool_cache_flush(NULL, mp) empties the calling thread's cache. */
int
test_mempool_thread_cache_flush_null(void)
{
	rte_mempool *mp = make_pool("mp_tc_flush");
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	unsigned before = 0, after = 0, store = 0;
	std::thread t([&] {
		get_put(mp, 20);
		before = rte_mempool_default_cache(mp, LCORE_ID_ANY)->len;
		rte_mempool_cache_flush(nullptr, mp);
		after = rte_mempool_default_cache(mp, LCORE_ID_ANY)->len;
		store = rte_mempool_ops_get_count(mp);
	});
	t.join();
	TEST_ASSERT(before >= 20, "nothing cached (%u)", before);
	TEST_ASSERT_EQUAL(after, 0u, "flush left objects");
	TEST_ASSERT_EQUAL(store, pool_n, "flushed objects not in the store");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* A non-EAL thread passing caches itself gets DPDK's behaviour: a cache of
 * rte_mempool_cache_create() is used as given and not counted, and a NULL
 * cache goes to the store, not to the thread's own cache. */
int
test_mempool_thread_cache_explicit_caches(void)
{
	rte_mempool *mp = make_pool("mp_tc_user");
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	unsigned in_user = 0, avail_held = 0, store_held = 0, store_after_null = 0;
	bool ok = false;
	std::thread t([&] {
		rte_mempool_cache *uc = rte_mempool_cache_create(cache_size, SOCKET_ID_ANY);
		if (uc == nullptr)
			return;
		void *objs[10];
		if (rte_mempool_generic_get(mp, objs, 10, uc) == 0) {
			rte_mempool_generic_put(mp, objs, 10, uc);
			in_user = uc->len;
			avail_held = rte_mempool_avail_count(mp);
			store_held = rte_mempool_ops_get_count(mp);
			if (rte_mempool_generic_get(mp, objs, 10, nullptr) == 0) {
				rte_mempool_generic_put(mp, objs, 10, nullptr);
				store_after_null = rte_mempool_ops_get_count(mp);
				ok = true;
			}
		}
		rte_mempool_cache_flush(uc, mp);
		rte_mempool_cache_free(uc);
	});
	t.join();
	TEST_ASSERT(ok, "get failed: %s", rte_strerror(rte_errno));
	TEST_ASSERT(in_user >= 10, "the user cache was bypassed (len %u)", in_user);
	TEST_ASSERT_EQUAL(store_held, pool_n - in_user, "objects outside the store and user cache");
	TEST_ASSERT_EQUAL(avail_held, pool_n - in_user, "the user cache was counted");
	TEST_ASSERT_EQUAL(store_after_null, store_held, "a NULL cache kept objects in a cache");
	TEST_ASSERT(all_in_store(mp), "after the user cache's flush: avail %u, store %u",
		    rte_mempool_avail_count(mp), rte_mempool_ops_get_count(mp));
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- given back at thread exit ---- */

struct exit_args {
	rte_mempool *mp;
	unsigned keep; /* objects still held by a thread_local when the thread ends */
};

/* A C++ thread_local that puts its objects back from its destructor, which
 * runs before the pthread key destructor that empties the thread's caches. */
struct held_objects {
	rte_mempool *mp = nullptr;
	std::vector<void *> objs;
	~held_objects()
	{
		if (mp != nullptr)
			rte_mempool_put_bulk(mp, objs.data(), (unsigned)objs.size());
	}
};
thread_local held_objects held;

void *
exit_thread(void *arg)
{
	auto *a = static_cast<exit_args *>(arg);
	for (unsigned k = 1; k <= 64; k++)
		get_put(a->mp, k);
	if (a->keep != 0) {
		held.mp = a->mp;
		held.objs.resize(a->keep);
		if (rte_mempool_get_bulk(a->mp, held.objs.data(), a->keep) != 0)
			held.mp = nullptr;
	}
	return nullptr;
}

int
test_mempool_thread_cache_given_back_at_exit(void)
{
	rte_mempool *mp = make_pool("mp_tc_exit");
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	/* a thread made with pthread_create (no C++ runtime involved) */
	exit_args a{mp, 0};
	pthread_t pt;
	TEST_ASSERT_SUCCESS(pthread_create(&pt, nullptr, exit_thread, &a), "pthread_create");
	TEST_ASSERT_SUCCESS(pthread_join(pt, nullptr), "pthread_join");
	TEST_ASSERT(all_in_store(mp), "pthread: avail %u, store %u after join",
		    rte_mempool_avail_count(mp), rte_mempool_ops_get_count(mp));
	/* a std::thread whose thread_local puts objects back as it ends */
	exit_args b{mp, 17};
	std::thread t(exit_thread, &b);
	t.join();
	TEST_ASSERT(all_in_store(mp), "thread_local put: avail %u, store %u after join",
		    rte_mempool_avail_count(mp), rte_mempool_ops_get_count(mp));
	std::string bad = account_pool(mp, pool_n);
	TEST_ASSERT(bad.empty(), "%s", bad.c_str());
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- 10,000 short-lived threads ---- */

int
test_mempool_thread_cache_short_lived_threads(void)
{
	constexpr unsigned threads = 10000, together = 16;
	rte_mempool *mp = make_pool("mp_tc_short");
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	std::atomic<unsigned> failed{0};
	uint64_t t0 = rte_get_timer_cycles();
	for (unsigned done = 0; done < threads; done += together) {
		std::vector<std::thread> batch;
		for (unsigned i = 0; i < together; i++)
			batch.emplace_back([&, i] {
				/* sizes that hit the cache, spill it, and bypass it */
				for (unsigned k : {1u, 7u, 31u, 40u, 1u + (done + i) % 64})
					if (!get_put(mp, k))
						failed++;
			});
		for (auto &t : batch)
			t.join();
	}
	double secs = (double)(rte_get_timer_cycles() - t0) / (double)rte_get_timer_hz();
	printf("  %u threads, %u at a time: %.2f s\n", threads, together, secs);
	TEST_ASSERT_EQUAL(failed.load(), 0u, "gets failed");
	TEST_ASSERT(all_in_store(mp), "after %u threads: avail %u, store %u", threads,
		    rte_mempool_avail_count(mp), rte_mempool_ops_get_count(mp));
	std::string bad = account_pool(mp, pool_n);
	TEST_ASSERT(bad.empty(), "%s", bad.c_str());
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- a pool freed while threads hold caches of it ---- */

int
test_mempool_thread_cache_pool_freed_while_held(void)
{
	eal_usage before = eal_usage::now();
	rte_mempool *mp = make_pool("mp_tc_freed");
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	std::atomic<int> step{0};
	rte_mempool *mp2 = nullptr;
	unsigned foreign = 0, got2 = 0;
	rte_mempool_thread_caches *caches = nullptr;
	rte_mempool_thread_cache_slot *entry = nullptr;
	joined_thread t(
		[&] {
		get_put(mp, 25); /* cache of mp holds objects */
		caches = &RTE_PER_LCORE(_mempool_thread_caches);
		entry = &caches->slots[mp->thread_cache_index % RTE_MEMPOOL_THREAD_CACHE_SLOTS];
		step = 1;
		while (step.load() < 2)
			std::this_thread::yield();
		if (step.load() == 3)
			return; /* the test failed before the new pool */
		/* a new pool, maybe at the same address: the old cache must not serve it */
		std::vector<void *> objs(60);
		if (rte_mempool_get_bulk(mp2, objs.data(), 60) == 0) {
			got2 = 60;
			for (void *o : objs)
				if (rte_mempool_from_obj(o) != mp2 ||
				    static_cast<token *>(o)->tag != pool_tag(mp2))
					foreign++;
			rte_mempool_put_bulk(mp2, objs.data(), 60);
		}
		},
		[&] {
		int one = 1;
		step.compare_exchange_strong(one, 3);
	});
	while (step.load() != 1)
		std::this_thread::yield();
	TEST_ASSERT_EQUAL(__atomic_load_n(&entry->mp, __ATOMIC_RELAXED), mp, "thread's entry");
	TEST_ASSERT_EQUAL(__atomic_load_n(&caches->last.mp, __ATOMIC_RELAXED), mp, "last entry");
	rte_mempool_free(mp);
	/* the free found the thread's cache and cleared its entry and the copy */
	TEST_ASSERT_NULL(__atomic_load_n(&entry->mp, __ATOMIC_RELAXED), "entry kept after free");
	TEST_ASSERT_NULL(__atomic_load_n(&caches->last.mp, __ATOMIC_RELAXED),
			 "copy of the last entry kept after free");
	eal_usage after_free = eal_usage::now();
	TEST_ASSERT_EQUAL(after_free.memzones, before.memzones, "memzones not given back");
	TEST_ASSERT_EQUAL(after_free.malloc_bytes, before.malloc_bytes,
			  "heap bytes not given back");
	mp2 = make_pool("mp_tc_freed2");
	TEST_ASSERT_NOT_NULL(mp2, "create: %s", rte_strerror(rte_errno));
	printf("  new pool %s the freed one's address\n", mp2 == mp ? "at" : "not at");
	step = 2;
	t.join();
	TEST_ASSERT_EQUAL(got2, 60u, "get from the new pool failed");
	TEST_ASSERT_EQUAL(foreign, 0u, "objects of the freed pool handed out by the new one");
	TEST_ASSERT(all_in_store(mp2), "new pool: avail %u, store %u", rte_mempool_avail_count(mp2),
		    rte_mempool_ops_get_count(mp2));
	rte_mempool_free(mp2);
	return TEST_SUCCESS;
}

/* Pools freed again and again while their thread works on another pool:
 * the free clears the thread's entry while the thread reads its table. */
int
test_mempool_thread_cache_free_while_owner_runs(void)
{
	rte_mempool *busy = make_pool("mp_tc_busy");
	TEST_ASSERT_NOT_NULL(busy, "create: %s", rte_strerror(rte_errno));
	std::atomic<rte_mempool *> next{nullptr};
	std::atomic<bool> stop{false};
	std::atomic<unsigned> used{0}, failed{0};
	joined_thread t(
		[&] {
		while (!stop.load()) {
			rte_mempool *p = next.exchange(nullptr);
			if (p != nullptr) {
				if (!get_put(p, 5))
					failed++;
				used++;
			}
			if (!get_put(busy, 3))
				failed++;
		}
		},
		[&] { stop = true; });
	constexpr unsigned rounds = 200;
	for (unsigned r = 0; r < rounds; r++) {
		rte_mempool *p = make_pool("mp_tc_churn", cache_size, 0, 255);
		TEST_ASSERT_NOT_NULL(p, "create: %s", rte_strerror(rte_errno));
		next = p;
		while (used.load() != r + 1)
			std::this_thread::yield();
		/* the thread holds a cache of p and is busy with another pool */
		rte_mempool_free(p);
	}
	t.join();
	TEST_ASSERT_EQUAL(failed.load(), 0u, "gets failed");
	TEST_ASSERT(all_in_store(busy), "busy pool: avail %u, store %u",
		    rte_mempool_avail_count(busy), rte_mempool_ops_get_count(busy));
	rte_mempool_free(busy);
	return TEST_SUCCESS;
}

/* ---- many more threads than CPUs on one pool ---- */

int
test_mempool_thread_cache_many_threads_one_pool(void)
{
	const unsigned threads = 8 * std::max(1u, std::thread::hardware_concurrency());
	rte_mempool *mp = make_pool("mp_tc_many", cache_size, 0, 8191);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	const unsigned n = mp->size;
	std::atomic<unsigned> duplicates{0}, foreign{0}, refused{0};
	std::atomic<uint64_t> moved{0};
	const uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz(); /* 1 s */
	std::vector<std::thread> ts;
	for (unsigned i = 0; i < threads; i++)
		ts.emplace_back([&, i] {
			std::mt19937 rng(i + 1);
			void *objs[96];
			uint64_t mine = 0;
			while (rte_get_timer_cycles() < end) {
				/* 1..96: hits, spills, refills, and gets past the cache */
				unsigned k = 1 + rng() % 96;
				if (rte_mempool_get_bulk(mp, objs, k) != 0) {
					refused++;
					std::this_thread::yield();
					continue;
				}
				for (unsigned j = 0; j < k; j++) {
					auto *tk = static_cast<token *>(objs[j]);
					if (tk->tag != pool_tag(mp))
						foreign++;
					else if (!claim(objs[j], 1000 + i))
						duplicates++;
				}
				for (unsigned j = 0; j < k; j++)
					release(objs[j]);
				/* back in pieces of random size */
				for (unsigned j = 0; j < k;) {
					unsigned m = std::min(k - j, 1 + (unsigned)(rng() % 40));
					rte_mempool_put_bulk(mp, &objs[j], m);
					j += m;
				}
				mine += k;
			}
			moved += mine;
		});
	for (auto &t : ts)
		t.join();
	printf("  %u threads: %llu objects moved, %u gets refused\n", threads,
	       (unsigned long long)moved.load(), refused.load());
	TEST_ASSERT_EQUAL(duplicates.load(), 0u, "objects handed to two threads at once");
	TEST_ASSERT_EQUAL(foreign.load(), 0u, "foreign objects handed out");
	TEST_ASSERT(moved.load() > 0, "nothing moved");
	TEST_ASSERT(all_in_store(mp), "avail %u, store %u of %u after join",
		    rte_mempool_avail_count(mp), rte_mempool_ops_get_count(mp), n);
	std::string bad = account_pool(mp, n);
	TEST_ASSERT(bad.empty(), "%s", bad.c_str());
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* At most RTE_MEMPOOL_THREAD_CACHES_PER_POOL threads hold a cache of a pool. */
int
test_mempool_thread_cache_bounded_per_pool(void)
{
	constexpr unsigned threads = RTE_MEMPOOL_THREAD_CACHES_PER_POOL + 8;
	rte_mempool *mp = make_pool("mp_tc_bound", 4, 0, 4 * threads * 2);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	std::atomic<unsigned> arrived{0}, with_cache{0}, failed{0};
	std::atomic<bool> go{false};
	std::vector<std::thread> ts;
	for (unsigned i = 0; i < threads; i++)
		ts.emplace_back([&] {
			if (rte_mempool_default_cache(mp, LCORE_ID_ANY) != nullptr)
				with_cache++;
			if (!get_put(mp, 3))
				failed++;
			arrived++;
			while (!go.load())
				std::this_thread::yield();
		});
	while (arrived.load() != threads)
		std::this_thread::yield();
	unsigned cached_objs = rte_mempool_avail_count(mp) - rte_mempool_ops_get_count(mp);
	go = true;
	for (auto &t : ts)
		t.join();
	printf("  %u threads alive: %u with a cache\n", threads, with_cache.load());
	TEST_ASSERT_EQUAL(with_cache.load(), (unsigned)RTE_MEMPOOL_THREAD_CACHES_PER_POOL,
			  "threads holding a cache");
	TEST_ASSERT_EQUAL(failed.load(), 0u, "gets failed");
	TEST_ASSERT(cached_objs <= RTE_MEMPOOL_THREAD_CACHES_PER_POOL * mp->cache_size * 3 / 2,
		    "thread caches hold %u objects", cached_objs);
	TEST_ASSERT(all_in_store(mp), "avail %u, store %u", rte_mempool_avail_count(mp),
		    rte_mempool_ops_get_count(mp));
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- two pools, and more pools than a thread's table holds ---- */

int
test_mempool_thread_cache_eviction(void)
{
	constexpr unsigned npools = RTE_MEMPOOL_THREAD_CACHE_SLOTS + 4;
	std::vector<rte_mempool *> pools;
	for (unsigned i = 0; i < npools; i++) {
		std::string name = "mp_tc_ev" + std::to_string(i);
		pools.push_back(make_pool(name.c_str(), cache_size, 0, 1023));
		TEST_ASSERT_NOT_NULL(pools.back(), "create: %s", rte_strerror(rte_errno));
	}
	auto same_entry = [](const rte_mempool *a, const rte_mempool *b) {
		return a->thread_cache_index % RTE_MEMPOOL_THREAD_CACHE_SLOTS ==
		       b->thread_cache_index % RTE_MEMPOOL_THREAD_CACHE_SLOTS;
	};
	/* pools alive together take different indexes */
	for (unsigned i = 0; i < npools; i++)
		for (unsigned j = i + 1; j < npools; j++)
			TEST_ASSERT_NOT_EQUAL(pools[i]->thread_cache_index,
					      pools[j]->thread_cache_index,
					      "pools %u and %u share an index", i, j);
	/* two pools with different entries, and a pair sharing one */
	rte_mempool *a = pools[0], *b = nullptr, *a_twin = nullptr;
	for (rte_mempool *p : pools) {
		if (p == a)
			continue;
		if (same_entry(a, p))
			a_twin = a_twin ? a_twin : p;
		else
			b = b ? b : p;
	}
	TEST_ASSERT(b != nullptr && a_twin != nullptr, "%u pools: no pair sharing an entry",
		    npools);

	std::string err;
	std::thread t([&] {
		auto fail = [&](const std::string &what) {
			if (err.empty())
				err = what;
		};
		/* two pools: both stay cached side by side */
		rte_mempool_cache *ca = rte_mempool_default_cache(a, LCORE_ID_ANY);
		rte_mempool_cache *cb = rte_mempool_default_cache(b, LCORE_ID_ANY);
		for (int r = 0; r < 100; r++)
			if (!get_put(a, 5) || !get_put(b, 7))
				fail("get failed with two pools");
		if (ca == nullptr || cb == nullptr || ca == cb ||
		    rte_mempool_default_cache(a, LCORE_ID_ANY) != ca ||
		    rte_mempool_default_cache(b, LCORE_ID_ANY) != cb)
			fail("two pools do not keep their own caches");
		if (rte_mempool_ops_get_count(a) == a->size ||
		    rte_mempool_ops_get_count(b) == b->size)
			fail("two pools: objects not cached");
		/* the twin takes a's entry: a's cache goes back to a */
		if (!get_put(a_twin, 9))
			fail("get from the twin failed");
		if (!all_in_store(a))
			fail("evicted pool: avail " + std::to_string(rte_mempool_avail_count(a)) +
			     ", store " + std::to_string(rte_mempool_ops_get_count(a)));
		if (rte_mempool_ops_get_count(b) == b->size)
			fail("b was evicted by a pool of another entry");
		/* every pool in turn, several rounds: evictions on every call */
		for (int round = 0; round < 20; round++)
			for (rte_mempool *p : pools) {
				if (!get_put(p, 1 + round % 40))
					fail("get failed in round " + std::to_string(round));
				for (rte_mempool *q : pools)
					if (rte_mempool_avail_count(q) != q->size)
						fail(std::string(q->name) + ": count not exact");
			}
	});
	t.join();
	TEST_ASSERT(err.empty(), "%s", err.c_str());
	for (rte_mempool *p : pools) {
		TEST_ASSERT(all_in_store(p), "%s: avail %u, store %u after join", p->name,
			    rte_mempool_avail_count(p), rte_mempool_ops_get_count(p));
		std::string bad = account_pool(p, p->size);
		TEST_ASSERT(bad.empty(), "%s: %s", p->name, bad.c_str());
		rte_mempool_free(p);
	}
	return TEST_SUCCESS;
}

/* A freed pool's index goes to the next pool created. */
int
test_mempool_thread_cache_index_reused(void)
{
	rte_mempool *a = make_pool("mp_tc_idx_a");
	rte_mempool *b = make_pool("mp_tc_idx_b");
	TEST_ASSERT(a && b, "create: %s", rte_strerror(rte_errno));
	uint32_t ia = a->thread_cache_index;
	uint64_t stamp_a = a->thread_cache_stamp;
	TEST_ASSERT_NOT_EQUAL(ia, b->thread_cache_index, "two live pools share an index");
	rte_mempool_free(a);
	rte_mempool *c = make_pool("mp_tc_idx_c");
	TEST_ASSERT_NOT_NULL(c, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(c->thread_cache_index, ia, "the freed index was not reused");
	TEST_ASSERT(c->thread_cache_stamp > stamp_a, "stamp not newer (%llu after %llu)",
		    (unsigned long long)c->thread_cache_stamp, (unsigned long long)stamp_a);
	rte_mempool_free(b);
	rte_mempool_free(c);
	return TEST_SUCCESS;
}

/* ---- mbufs ---- */

/* rte_pktmbuf_alloc/free from a non-EAL thread go through its cache. */
int
test_mempool_thread_cache_mbuf(void)
{
	rte_mempool *mp = rte_pktmbuf_pool_create("mp_tc_mbuf", 2047, cache_size, 0,
						  RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(mp, "pktmbuf pool: %s", rte_strerror(rte_errno));
	unsigned cached = 0, store_alive = 0;
	bool ok = true;
	std::thread t([&] {
		rte_mbuf *m[20];
		for (int r = 0; r < 50; r++) {
			for (auto &x : m)
				if ((x = rte_pktmbuf_alloc(mp)) == nullptr)
					ok = false;
			if (!ok)
				return;
			for (auto *x : m)
				rte_pktmbuf_free(x);
		}
		if (rte_pktmbuf_alloc_bulk(mp, m, 20) != 0) {
			ok = false;
			return;
		}
		rte_pktmbuf_free_bulk(m, 20);
		cached = rte_mempool_default_cache(mp, LCORE_ID_ANY)->len;
		store_alive = rte_mempool_ops_get_count(mp);
	});
	t.join();
	TEST_ASSERT(ok, "mbuf alloc failed");
	TEST_ASSERT(cached >= 20, "freed mbufs not in the thread cache (%u)", cached);
	TEST_ASSERT(store_alive < mp->size, "mbufs went to the store");
	TEST_ASSERT(all_in_store(mp), "mbufs not given back at exit: avail %u, store %u",
		    rte_mempool_avail_count(mp), rte_mempool_ops_get_count(mp));
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

const struct unit_test_case thread_cache_cases[] = {
	TEST_CASE(test_mempool_thread_cache_made_on_first_use),
	TEST_CASE(test_mempool_thread_cache_flush_null),
	TEST_CASE(test_mempool_thread_cache_explicit_caches),
	TEST_CASE(test_mempool_thread_cache_given_back_at_exit),
	TEST_CASE(test_mempool_thread_cache_short_lived_threads),
	TEST_CASE(test_mempool_thread_cache_pool_freed_while_held),
	TEST_CASE(test_mempool_thread_cache_free_while_owner_runs),
	TEST_CASE(test_mempool_thread_cache_many_threads_one_pool),
	TEST_CASE(test_mempool_thread_cache_bounded_per_pool),
	TEST_CASE(test_mempool_thread_cache_eviction),
	TEST_CASE(test_mempool_thread_cache_index_reused),
	TEST_CASE(test_mempool_thread_cache_mbuf),
	TEST_CASES_END()};

const struct unit_test_suite thread_cache_suite = {"mempool thread caches", nullptr, nullptr,
						   thread_cache_cases};

int
test_mempool_thread_cache(void)
{
	return unit_test_suite_runner(&thread_cache_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_thread_cache_autotest, NOHUGE_OK, ASAN_OK, test_mempool_thread_cache);
