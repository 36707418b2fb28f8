/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_stress_autotest: every lcore, plus non-EAL threads with their
 * own caches, take and give back objects of one pool as fast as they can.
 * Each object carries an ownership token: an owner word that a thread
 * claims with a compare-and-swap when it gets the object and clears before
 * putting it back (a failed claim: two threads were handed the same
 * object), the pool's tag (another value: a foreign object was handed out)
 * and the object's index in the pool. At the end the pool is drained and
 * every index must come back exactly once: the test names the indices
 * lost, duplicated or foreign. Runs for each multi-thread-safe handler,
 * with and without caches, and for the single-producer/consumer handlers
 * used by one producer and one consumer.
 */

#include <stdio.h>
#include <string.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

constexpr unsigned pool_n = 4095;
constexpr unsigned iterations = 20000;
constexpr unsigned non_eal_threads = 2;
/* Each run also stops after this long: with more threads than cores, a
 * thread preempted inside a non-preemptible ring stalls the others for a
 * time slice, and a loaded machine must not turn that into a timeout. */
constexpr double max_seconds = 2.0;

uint64_t
deadline_in(double secs)
{
	return rte_get_timer_cycles() + (uint64_t)(secs * (double)rte_get_timer_hz());
}

struct stress {
	rte_mempool *mp;
	uint64_t deadline = 0;
	std::atomic<unsigned> duplicates{0};
	std::atomic<unsigned> foreign{0};
	std::atomic<unsigned> claimed{0};
	std::atomic<bool> start{false};
};

/* One thread's loop; @p cache may be NULL (no cache) or user-owned. */
void
worker_loop(stress *s, uint64_t me, rte_mempool_cache *cache, bool use_default)
{
	void *objs[64];
	uint64_t rnd = me * 0x9e3779b97f4a7c15ULL + 1;
	while (!s->start.load(std::memory_order_acquire))
		;
	for (unsigned it = 0; it < iterations; it++) {
		if ((it & 63) == 0 && rte_get_timer_cycles() > s->deadline)
			break;
		rnd ^= rnd << 13;
		rnd ^= rnd >> 7;
		rnd ^= rnd << 17;
		unsigned n = 1 + (unsigned)(rnd % 48);
		rte_mempool_cache *c = use_default
					       ? rte_mempool_default_cache(s->mp, rte_lcore_id())
					       : cache;
		if (rte_mempool_generic_get(s->mp, objs, n, c) != 0)
			continue; /* others hold too many right now: fine */
		for (unsigned i = 0; i < n; i++) {
			const auto *t = static_cast<const token *>(objs[i]);
			if (t->tag != pool_tag(s->mp) || t->index >= pool_n)
				s->foreign++;
			else if (!claim(objs[i], me))
				s->duplicates++;
		}
		s->claimed += n;
		for (unsigned i = 0; i < n; i++)
			release(objs[i]);
		rte_mempool_generic_put(s->mp, objs, n, c);
	}
}

int
lcore_main(void *arg)
{
	worker_loop(static_cast<stress *>(arg), rte_lcore_id() + 1, nullptr, true);
	return 0;
}

int
run_stress(const char *ops, unsigned cache_size)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_stress", pool_n, 64, cache_size, 0,
						   SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, ops, nullptr), "set %s", ops);
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), (int)pool_n, "populate");
	rte_mempool_obj_iter(mp, init_token, nullptr);

	stress s;
	s.mp = mp;
	s.deadline = deadline_in(max_seconds);
	std::vector<rte_mempool_cache *> caches;
	std::vector<std::thread> threads;
	for (unsigned t = 0; t < non_eal_threads; t++) {
		rte_mempool_cache *c = cache_size
					       ? rte_mempool_cache_create(cache_size, SOCKET_ID_ANY)
					       : nullptr;
		caches.push_back(c);
		threads.emplace_back(worker_loop, &s, 1000 + t, c, false);
	}
	rte_eal_mp_remote_launch(lcore_main, &s, SKIP_MAIN);
	s.start.store(true, std::memory_order_release);
	worker_loop(&s, rte_lcore_id() + 1, nullptr, true);
	rte_eal_mp_wait_lcore();
	for (auto &t : threads)
		t.join();
	for (rte_mempool_cache *c : caches) {
		if (c != nullptr)
			rte_mempool_cache_flush(c, mp);
		rte_mempool_cache_free(c);
	}
	/* the lcores are idle now: empty their caches so this one can drain */
	unsigned lcore;
	RTE_LCORE_FOREACH(lcore)
	rte_mempool_cache_flush(rte_mempool_default_cache(mp, lcore), mp);

	printf("  %-11s cache %3u: %u lcores + %u threads moved %u objects\n", ops, cache_size,
	       rte_lcore_count(), non_eal_threads, s.claimed.load());
	TEST_ASSERT_EQUAL(s.duplicates.load(), 0u, "%s: objects handed to two threads at once",
			  ops);
	TEST_ASSERT_EQUAL(s.foreign.load(), 0u, "%s: objects of no pool or another handed out",
			  ops);
	TEST_ASSERT(s.claimed.load() > 0, "nothing moved");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), pool_n, "%s cache %u: objects lost", ops,
			  cache_size);
	std::vector<void *> all = drain(mp);
	std::string bad = account(mp, all, pool_n);
	TEST_ASSERT(bad.empty(), "%s cache %u: %s", ops, cache_size, bad.c_str());
	TEST_ASSERT(distinct_and_owned(mp, all), "%s: duplicates in the pool", ops);
	put_all(mp, all);
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

int
test_mempool_stress_mt_handlers(void)
{
	if (rte_lcore_count() < 2)
		printf("  only one lcore: the non-EAL threads provide the contention\n");
	for (const char *ops : {"ring_mp_mc", "ring_mt_rts", "ring_mt_hts", "stack", "lf_stack"})
		for (unsigned cache : {0u, 32u})
			if (run_stress(ops, cache) != TEST_SUCCESS)
				return TEST_FAILED;
	return TEST_SUCCESS;
}

/* ---- SP/SC: one thread only gets, another only puts ---- */

struct spsc {
	rte_mempool *mp;
	rte_ring *handoff;
	std::atomic<bool> done{false};
	unsigned moved = 0;
};

void
spsc_producer(spsc *p) /* puts what the consumer hands over */
{
	void *objs[32];
	for (;;) {
		unsigned n = rte_ring_dequeue_burst(p->handoff, objs, 32, nullptr);
		if (n == 0) {
			if (p->done.load(std::memory_order_acquire) && rte_ring_empty(p->handoff))
				break;
			continue;
		}
		rte_mempool_put_bulk(p->mp, objs, n);
	}
}

int
test_mempool_stress_sp_sc(void)
{
	for (unsigned flags : {(unsigned)(RTE_MEMPOOL_F_SP_PUT | RTE_MEMPOOL_F_SC_GET),
			       (unsigned)RTE_MEMPOOL_F_SP_PUT, (unsigned)RTE_MEMPOOL_F_SC_GET}) {
		spsc p;
		p.mp = rte_mempool_create("mp_spsc", pool_n, 64, 0, 0, nullptr, nullptr, nullptr,
					  nullptr, SOCKET_ID_ANY, flags);
		TEST_ASSERT_NOT_NULL(p.mp, "create: %s", rte_strerror(rte_errno));
		rte_mempool_obj_iter(p.mp, init_token, nullptr);
		p.handoff = rte_ring_create("mp_spsc_handoff", 8192, SOCKET_ID_ANY,
					    RING_F_SP_ENQ | RING_F_SC_DEQ);
		TEST_ASSERT_NOT_NULL(p.handoff, "ring: %s", rte_strerror(rte_errno));
		std::thread producer(spsc_producer, &p);
		void *objs[32];
		/* move the pool round several times: the getter waits for the
		 * putter when the pool runs dry */
		uint64_t deadline = deadline_in(max_seconds);
		for (unsigned it = 0; p.moved < pool_n * 50; it++) {
			if ((it & 63) == 0 && rte_get_timer_cycles() > deadline)
				break;
			unsigned n = 1 + it % 32;
			if (rte_mempool_get_bulk(p.mp, objs, n) != 0)
				continue;
			p.moved += n;
			while (rte_ring_enqueue_bulk(p.handoff, objs, n, nullptr) == 0)
				;
		}
		p.done.store(true, std::memory_order_release);
		producer.join();
		TEST_ASSERT(p.moved >= pool_n, "the pool did not go round once (%u objects)",
			    p.moved);
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), pool_n, "flags 0x%x: objects lost",
				  flags);
		std::vector<void *> all = drain(p.mp);
		std::string bad = account(p.mp, all, pool_n);
		TEST_ASSERT(bad.empty(), "flags 0x%x: %s", flags, bad.c_str());
		TEST_ASSERT(all.size() == pool_n && distinct_and_owned(p.mp, all),
			    "flags 0x%x: pool", flags);
		put_all(p.mp, all);
		printf("  flags 0x%x (%s): one getter, one putter moved %u objects\n", flags,
		       rte_mempool_get_ops(p.mp->ops_index)->name, p.moved);
		rte_ring_free(p.handoff);
		rte_mempool_free(p.mp);
	}
	return TEST_SUCCESS;
}

/* The accounting itself: one object lost, one twice, one foreign, each
 * named. (Proves the check above can fail.) */
int
test_mempool_stress_accounting(void)
{
	rte_mempool *mp = rte_mempool_create("mp_account", 8, 64, 0, 0, nullptr, nullptr,
					     init_token, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)8, "drain");
	TEST_ASSERT(account(mp, all, 8).empty(), "a full pool: %s", account(mp, all, 8).c_str());
	token stranger = {0, 42, 0};
	std::vector<void *> wrong(all.begin(), all.end() - 1); /* last one lost */
	wrong.push_back(all[0]);                               /* first one twice */
	wrong.push_back(&stranger);                            /* not of the pool */
	std::string bad = account(mp, wrong, 8);
	unsigned lost_idx = (unsigned)static_cast<token *>(all[7])->index;
	unsigned dup_idx = (unsigned)static_cast<token *>(all[0])->index;
	TEST_ASSERT(bad.find("1 lost, 1 duplicated, 1 foreign") == 0, "%s", bad.c_str());
	TEST_ASSERT(bad.find("object " + std::to_string(lost_idx) + " lost") != std::string::npos,
		    "%s", bad.c_str());
	TEST_ASSERT(bad.find("object " + std::to_string(dup_idx) + " there 2 times") !=
			    std::string::npos,
		    "%s", bad.c_str());
	put_all(mp, all);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

const struct unit_test_case stress_cases[] = {
	TEST_CASE(test_mempool_stress_accounting), TEST_CASE(test_mempool_stress_mt_handlers),
	TEST_CASE(test_mempool_stress_sp_sc), TEST_CASES_END()};

const struct unit_test_suite stress_suite = {"mempool stress", nullptr, nullptr, stress_cases};

int
test_mempool_stress(void)
{
	return unit_test_suite_runner(&stress_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_stress_autotest, NOHUGE_OK, ASAN_OK, test_mempool_stress);
