/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_stall_autotest (and mempool_stall_long_autotest): objects of one
 * pool moved by more threads than there are CPUs while threads are stopped
 * at random in the middle of cache and store operations
 * (-Dstall_injection=true builds; elsewhere they skip).
 *
 * Every stall point fires: yields and sleeps of 1 us to 2 ms at random,
 * and on some runs one-shot stalls of more than a second on two threads
 * (one at the next mempool point it passes, one at the next ring point,
 * when the ring has stall points), while the others go on: objects taken
 * from a cache but not yet counted out of it, flushed but still counted,
 * out of the store but not yet in a cache, a spinlock holder stopped.
 * The threads: every EAL lcore through its own cache, non-EAL threads
 * with a cache of their own (rte_mempool_cache_create) and without any.
 * Each object carries an ownership token (test_mempool_common.h), so an
 * object handed to two threads at once is caught when it happens.
 *
 * At quiescence the pool must be whole: no object refused by the store,
 * avail_count the pool size, avail and in-use counts that agree while the
 * test holds some, every object found exactly once, and
 * rte_mempool_audit() content. For every handler (ring_mp_mc, ring_mt_rts,
 * ring_mt_hts, stack, lf_stack, with and without caches) and for
 * ring_sp_sc with its one getter and one putter.
 */

#include <stdio.h>
#include <string.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <dpkit_stall.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "test.h"
#include "test_mempool_common.h"

#if TEST_ASAN_BUILD
#include <sanitizer/lsan_interface.h>
#endif

using namespace mempool_test;

namespace {

#ifdef RTE_STALL_INJECTION

/* Pools small enough that the threads often empty them (gets refused,
 * caches short), except with caches of 256: 4 caches hold 1536 then. */
unsigned
pool_size(unsigned cache_size)
{
	return cache_size >= 256 ? 4095 : 1023;
}
constexpr unsigned max_burst = 300; /* above every cache size: the store directly */
constexpr unsigned max_held = 64;   /* objects a thread keeps across iterations */

struct run_params {
	const char *ops;
	unsigned cache_size;    /* per-lcore and user caches; 0: none */
	double seconds;         /* threads stop then (one in a long stall later) */
	uint64_t long_stall_ns; /* one-shot stall on two threads; 0: none */
};

struct shared {
	rte_mempool *mp = nullptr;
	unsigned n = 0;
	uint64_t deadline = 0;
	uint64_t long_stall_ns = 0;
	std::atomic<bool> start{false};
	std::atomic<unsigned> duplicates{0};
	std::atomic<unsigned> foreign{0};
	std::atomic<uint64_t> moved{0};
	std::atomic<uint64_t> get_failed{0};
	std::atomic<unsigned> long_mempool{0}; /* one-shot stalls spent at a mempool point */
	std::atomic<unsigned> long_ring{0};    /* ... at a ring point */
};

enum class kind { lcore, user_cache, no_cache };

struct worker {
	shared *s;
	uint64_t me;
	kind k;
	rte_mempool_cache *cache;
	const char *long_site; /* arm a long one-shot stall here, or nullptr */
};

struct rng {
	uint64_t x;
	uint64_t next()
	{
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		return x;
	}
	unsigned below(unsigned n) { return (unsigned)(next() % n); }
};

/* Check and claim objects just got; count what is wrong. */
void
take(shared *s, void *const *objs, unsigned n, uint64_t me)
{
	for (unsigned i = 0; i < n; i++) {
		const auto *t = static_cast<const token *>(objs[i]);
		if (t->tag != pool_tag(s->mp) || t->index >= s->n)
			s->foreign++;
		else if (!claim(objs[i], me))
			s->duplicates++;
	}
}

void
give_back(shared *s, void *const *objs, unsigned n, rte_mempool_cache *c)
{
	for (unsigned i = 0; i < n; i++)
		release(objs[i]);
	rte_mempool_generic_put(s->mp, objs, n, c);
}

void
worker_loop(worker w)
{
	shared *s = w.s;
	rng r{w.me * 0x9e3779b97f4a7c15ULL + 1};
	std::vector<void *> held;
	void *objs[max_burst];
	while (!s->start.load(std::memory_order_acquire))
		std::this_thread::yield();
	rte_mempool_cache *c = w.k == kind::lcore ? rte_mempool_default_cache(s->mp, rte_lcore_id())
			       : w.k == kind::user_cache ? w.cache
							 : nullptr;
	const unsigned arm_at = 10 + r.below(200);
	for (unsigned it = 0;; it++) {
		if ((it & 15) == 0 && rte_get_timer_cycles() > s->deadline)
			break;
		if (w.long_site != nullptr && it == arm_at)
			dpkit_stall_next(w.long_site, s->long_stall_ns);
		/* mostly small bursts (cache hits), some that spill or refill a
		 * cache, a few larger than any cache (store directly) */
		unsigned pick = r.below(100);
		unsigned n = pick < 85   ? 1 + r.below(32)
			     : pick < 95 ? 33 + r.below(200)
					 : 1 + r.below(max_burst);
		if (rte_mempool_generic_get(s->mp, objs, n, c) != 0) {
			s->get_failed++;
			/* the others hold too many: give some of ours back */
			if (!held.empty()) {
				give_back(s, held.data(), (unsigned)held.size(), c);
				held.clear();
			}
			continue;
		}
		take(s, objs, n, w.me);
		s->moved += n;
		/* keep a few, give the rest back in one or two puts */
		unsigned keep = held.size() < max_held ? r.below(RTE_MIN(n, 4u) + 1) : 0;
		for (unsigned i = 0; i < keep; i++)
			held.push_back(objs[n - 1 - i]);
		unsigned rest = n - keep;
		unsigned first = rest > 1 && r.below(2) ? 1 + r.below(rest - 1) : rest;
		give_back(s, objs, first, c);
		if (rest > first)
			give_back(s, objs + first, rest - first, c);
		if (held.size() >= max_held || r.below(16) == 0) {
			give_back(s, held.data(), (unsigned)held.size(), c);
			held.clear();
		}
	}
	if (!held.empty())
		give_back(s, held.data(), (unsigned)held.size(), c);
	if (w.long_site != nullptr && dpkit_stall_next_spent()) {
		if (strncmp(w.long_site, "ring.", 5) == 0)
			s->long_ring++;
		else
			s->long_mempool++;
	}
}

int
lcore_main(void *arg)
{
	worker w = *static_cast<worker *>(arg);
	w.me = rte_lcore_id() + 1;
	w.long_site = nullptr;
	worker_loop(w);
	return 0;
}

/* dpkit_stall_configure() keeps every settings object it replaces for
 * threads still reading it, in a vector destroyed at exit, which
 * LeakSanitizer reports (lib/eal/testing/eal_stall.cpp; stall_autotest shows the
 * same): not this test's leak, so not reported for it. */
int
configure_stalls(const dpkit_stall_config *cfg)
{
#if TEST_ASAN_BUILD
	__lsan_disable();
#endif
	int ret = dpkit_stall_configure(cfg);
#if TEST_ASAN_BUILD
	__lsan_enable();
#endif
	return ret;
}

/* Random yields and sleeps at every stall point, ring and mempool. */
int
arm_random_stalls(uint64_t seed)
{
	dpkit_stall_config cfg = {};
	cfg.yield_ppm = 20000;
	cfg.sleep_ppm = 300;
	cfg.sleep_min_ns = 1000;
	cfg.sleep_max_ns = 2000000;
	cfg.sites = nullptr;
	cfg.seed = seed;
	return configure_stalls(&cfg);
}

/* The pool whole again, with nothing in any cache or thread. */
int
check_quiescent(rte_mempool *mp, const char *what)
{
	const unsigned pool_n = mp->size;
	TEST_ASSERT_EQUAL(mp->store_refused, (uint64_t)0, "%s: the store refused objects", what);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), pool_n, "%s: objects missing", what);
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 0u, "%s: objects in use", what);
	/* counts that agree while some are out */
	std::vector<void *> some(100);
	TEST_ASSERT_SUCCESS(rte_mempool_generic_get(mp, some.data(), 100, nullptr), "%s: get",
			    what);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), pool_n - 100, "%s: avail with 100 out",
			  what);
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 100u, "%s: in use with 100 out", what);
	rte_mempool_generic_put(mp, some.data(), 100, nullptr);
	/* every object exactly once */
	std::vector<void *> all;
	void *obj;
	while (rte_mempool_generic_get(mp, &obj, 1, nullptr) == 0)
		all.push_back(obj);
	std::string bad = account(mp, all, pool_n);
	TEST_ASSERT(bad.empty(), "%s: %s", what, bad.c_str());
	TEST_ASSERT(distinct_and_owned(mp, all), "%s: the drained objects", what);
	rte_mempool_generic_put(mp, all.data(), (unsigned)all.size(), nullptr);
	rte_mempool_audit(mp);
	return TEST_SUCCESS;
}

int
run(const run_params &p, uint64_t seed)
{
	char what[64];
	snprintf(what, sizeof(what), "%s cache %u", p.ops, p.cache_size);
	const unsigned pool_n = pool_size(p.cache_size);
	rte_mempool *mp = rte_mempool_create_empty("mp_stall", pool_n, 64, p.cache_size, 0,
						   SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, p.ops, nullptr), "set %s", p.ops);
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), (int)pool_n, "populate");
	rte_mempool_obj_iter(mp, init_token, nullptr);

	shared s;
	s.mp = mp;
	s.n = pool_n;
	s.long_stall_ns = p.long_stall_ns;
	/* two non-EAL threads with caches of their own (when the pool has
	 * caches), two without */
	std::vector<rte_mempool_cache *> caches;
	for (unsigned t = 0; t < 4; t++) {
		bool own_cache = p.cache_size != 0 && t < 2;
		caches.push_back(own_cache ? rte_mempool_cache_create(p.cache_size, SOCKET_ID_ANY)
					   : nullptr);
		TEST_ASSERT(!own_cache || caches.back() != nullptr, "user cache: %s",
			    rte_strerror(rte_errno));
	}
	TEST_ASSERT_SUCCESS(arm_random_stalls(seed), "arm stalls");
	std::vector<std::thread> threads;
	for (unsigned t = 0; t < 4; t++) {
		const char *long_site = p.long_stall_ns == 0 ? nullptr
					: t == 0             ? "mempool."
					: t == 3             ? "ring."
							     : nullptr;
		threads.emplace_back(worker_loop, worker{&s, 1000 + t,
							 caches[t] != nullptr ? kind::user_cache
									      : kind::no_cache,
							 caches[t], long_site});
	}
	s.deadline = rte_get_timer_cycles() + (uint64_t)(p.seconds * (double)rte_get_timer_hz());
	worker lcore_worker{&s, 0, kind::lcore, nullptr, nullptr};
	rte_eal_mp_remote_launch(lcore_main, &lcore_worker, SKIP_MAIN);
	s.start.store(true, std::memory_order_release);
	worker main_worker = lcore_worker;
	main_worker.me = rte_lcore_id() + 1;
	worker_loop(main_worker);
	rte_eal_mp_wait_lcore();
	for (auto &t : threads)
		t.join();
	uint64_t stalls = dpkit_stall_taken(); /* since arm_random_stalls */
	configure_stalls(nullptr);

	for (rte_mempool_cache *c : caches) {
		if (c != nullptr)
			rte_mempool_cache_flush(c, mp);
		rte_mempool_cache_free(c);
	}
	/* the lcores are idle: their caches can be emptied from here */
	unsigned lcore;
	RTE_LCORE_FOREACH(lcore)
	rte_mempool_cache_flush(rte_mempool_default_cache(mp, lcore), mp);

	printf("  %-22s %u lcores + 4 threads: %9llu objects moved, %7llu gets refused, "
	       "%6llu stalls, %u+%u long stalls (mempool+ring)\n",
	       what, rte_lcore_count(), (unsigned long long)s.moved.load(),
	       (unsigned long long)s.get_failed.load(), (unsigned long long)stalls,
	       s.long_mempool.load(), s.long_ring.load());
	TEST_ASSERT_EQUAL(s.duplicates.load(), 0u, "%s: objects handed to two threads at once",
			  what);
	TEST_ASSERT_EQUAL(s.foreign.load(), 0u, "%s: foreign objects handed out", what);
	TEST_ASSERT(s.moved.load() > 0, "%s: nothing moved", what);
	TEST_ASSERT(stalls > 0, "%s: no stall was taken", what);
	if (p.long_stall_ns != 0)
		TEST_ASSERT_EQUAL(s.long_mempool.load(), 1u, "%s: the long stall did not fire",
				  what);
	int ret = check_quiescent(mp, what);
	rte_mempool_free(mp);
	return ret;
}

/* ring_sp_sc: one getter and one putter (SP/SC allow no more), objects
 * handed from one to the other through a ring, both stalled at random. */
int
run_sp_sc(double seconds, uint64_t seed)
{
	const unsigned pool_n = pool_size(0);
	rte_mempool *mp = rte_mempool_create_empty("mp_stall_spsc", pool_n, 64, 0, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "ring_sp_sc", nullptr), "set ops");
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), (int)pool_n, "populate");
	rte_mempool_obj_iter(mp, init_token, nullptr);
	rte_ring *handoff = rte_ring_create("mp_stall_handoff", 4096, SOCKET_ID_ANY,
					    RING_F_SP_ENQ | RING_F_SC_DEQ);
	TEST_ASSERT_NOT_NULL(handoff, "ring: %s", rte_strerror(rte_errno));

	std::atomic<bool> done{false};
	std::atomic<unsigned> duplicates{0};
	uint64_t moved = 0;
	TEST_ASSERT_SUCCESS(arm_random_stalls(seed), "arm stalls");
	std::thread putter([&] {
		void *objs[64];
		for (;;) {
			unsigned n = rte_ring_dequeue_burst(handoff, objs, 64, nullptr);
			if (n == 0) {
				if (done.load(std::memory_order_acquire) && rte_ring_empty(handoff))
					break;
				std::this_thread::yield();
				continue;
			}
			for (unsigned i = 0; i < n; i++)
				release(objs[i]);
			rte_mempool_generic_put(mp, objs, n, nullptr);
		}
	});
	std::thread getter([&] {
		void *objs[64];
		rng r{seed | 1};
		uint64_t deadline = rte_get_timer_cycles() +
				    (uint64_t)(seconds * (double)rte_get_timer_hz());
		for (unsigned it = 0;; it++) {
			if ((it & 15) == 0 && rte_get_timer_cycles() > deadline)
				break;
			unsigned n = 1 + r.below(64);
			if (rte_mempool_generic_get(mp, objs, n, nullptr) != 0) {
				std::this_thread::yield();
				continue;
			}
			for (unsigned i = 0; i < n; i++)
				if (!claim(objs[i], 7))
					duplicates++;
			moved += n;
			while (rte_ring_enqueue_bulk(handoff, objs, n, nullptr) == 0)
				std::this_thread::yield();
		}
		done.store(true, std::memory_order_release);
	});
	getter.join();
	putter.join();
	uint64_t stalls = dpkit_stall_taken();
	configure_stalls(nullptr);
	rte_ring_free(handoff);
	printf("  %-22s 1 getter + 1 putter:  %9llu objects moved, %6llu stalls\n", "ring_sp_sc",
	       (unsigned long long)moved, (unsigned long long)stalls);
	TEST_ASSERT_EQUAL(duplicates.load(), 0u, "ring_sp_sc: objects handed out twice");
	TEST_ASSERT(moved >= pool_n, "ring_sp_sc: the pool did not go round once");
	int ret = check_quiescent(mp, "ring_sp_sc");
	rte_mempool_free(mp);
	return ret;
}

const char *const mt_handlers[] = {"ring_mp_mc", "ring_mt_rts", "ring_mt_hts", "stack", "lf_stack"};

/* Fast: each handler with caches for a fraction of a second, two without,
 * and one run with stalls of more than a second. */
int
test_mempool_stall_fast(void)
{
	uint64_t seed = 1;
	for (const char *ops : mt_handlers)
		if (run({ops, 32, 0.25, 0}, seed++) != TEST_SUCCESS)
			return TEST_FAILED;
	for (const char *ops : {"ring_mt_rts", "ring_mp_mc"})
		if (run({ops, 0, 0.25, 0}, seed++) != TEST_SUCCESS)
			return TEST_FAILED;
	if (run({"ring_mt_rts", 32, 0.25, 1100000000ULL}, seed++) != TEST_SUCCESS)
		return TEST_FAILED;
	return run_sp_sc(0.25, seed);
}

/* Long: every handler, caches of 0, 32 and 256, seconds each, stalls of
 * 1.5 s on two threads in every run. */
int
test_mempool_stall_long(void)
{
	uint64_t seed = 100;
	for (const char *ops : mt_handlers)
		for (unsigned cache : {0u, 32u, 256u})
			if (run({ops, cache, 4.0, 1500000000ULL}, seed++) != TEST_SUCCESS)
				return TEST_FAILED;
	return run_sp_sc(4.0, seed);
}

int
test_mempool_stall(void)
{
	return test_mempool_stall_fast();
}

#else /* !RTE_STALL_INJECTION */

int
test_mempool_stall(void)
{
	TEST_SKIP("stall points are not built in: meson setup -Dstall_injection=true");
}

int
test_mempool_stall_long(void)
{
	TEST_SKIP("stall points are not built in: meson setup -Dstall_injection=true");
}

#endif /* RTE_STALL_INJECTION */

} // namespace

REGISTER_FAST_TEST(mempool_stall_autotest, NOHUGE_OK, ASAN_OK, test_mempool_stall);
REGISTER_LONG_TEST(mempool_stall_long_autotest, NOHUGE_OK, ASAN_OK, test_mempool_stall_long);
