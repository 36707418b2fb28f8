/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_stress_autotest: many threads enqueue and dequeue on one ring at
 * once, in every sync mode, for a fixed amount of work. Every element is a
 * unique token (thread id, sequence number) whose words all derive from it,
 * so at the end the multiset of tokens dequeued must equal the multiset
 * enqueued: nothing lost, nothing duplicated, nothing torn.
 *
 * Roles follow the modes: a side in ST mode gets exactly one thread; sides
 * that allow many get several, and when both do, every thread does both
 * (enqueue a batch, then dequeue some), which is where slots are reused
 * fastest. Threads that only enqueue retry on a full ring; threads that
 * dequeue stop when the total dequeued reaches the total to be enqueued.
 */

#include <stdio.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"
#include "test_ring.h"

namespace {

enum class role { enq, deq, both };

using rng = test_rng; /* per seed (thread id) */

constexpr unsigned max_batch = 32;

/*
 * Nothing moved: spin a little, then give the core away. The machine may
 * have fewer cores than threads; a thread that only spins could keep the
 * one it waits for (preempted mid-operation) off the core for a whole
 * time slice.
 */
struct backoff {
	unsigned idle = 0;
	void wait()
	{
		if (++idle < 64)
			rte_pause();
		else
			std::this_thread::yield();
	}
	void progress() { idle = 0; }
};

struct shared_state {
	struct rte_ring *r;
	std::atomic<unsigned> arrived; /* threads at the start line */
	unsigned nthreads;
	uint64_t to_enqueue;            /* tokens all threads will enqueue */
	std::atomic<uint64_t> dequeued; /* tokens dequeued so far, all threads */
	std::atomic<bool> corrupt;      /* an element came out torn */
};

/* Enqueue @n elements starting at @buf, bulk or burst; returns how many went in. */
template <unsigned ES>
unsigned
put_some(struct rte_ring *r, const test_elem<ES> *buf, unsigned n, bool bulk)
{
	return bulk ? rte_ring_enqueue_bulk_elem(r, buf, ES, n, nullptr)
		    : rte_ring_enqueue_burst_elem(r, buf, ES, n, nullptr);
}

template <unsigned ES>
unsigned
take_some(shared_state &st, rng &g, std::vector<uint32_t> &seen)
{
	test_elem<ES> buf[max_batch];
	unsigned n = 1 + g.next() % max_batch;
	unsigned got = g.next() & 1 ? rte_ring_dequeue_bulk_elem(st.r, buf, ES, n, nullptr)
				    : rte_ring_dequeue_burst_elem(st.r, buf, ES, n, nullptr);
	for (unsigned i = 0; i < got; i++) {
		uint32_t t = buf[i].token();
		if (t == UINT32_MAX)
			st.corrupt.store(true, std::memory_order_relaxed);
		seen.push_back(t);
	}
	if (got != 0)
		st.dequeued.fetch_add(got, std::memory_order_relaxed);
	return got;
}

/*
 * One thread's work: @count tokens of its own (if it enqueues), dequeued
 * tokens appended to @seen (if it dequeues).
 */
template <unsigned ES>
void
worker(shared_state &st, role ro, unsigned tid, uint32_t count, std::vector<uint32_t> &seen)
{
	rng g(tid + 1);
	backoff bo;
	test_elem<ES> pending[max_batch];
	unsigned npending = 0, off = 0;
	uint32_t made = 0;
	const bool enq = ro != role::deq, deq = ro != role::enq;

	/* start together, or the first threads finish before the last start */
	st.arrived.fetch_add(1, std::memory_order_acq_rel);
	while (st.arrived.load(std::memory_order_acquire) < st.nthreads)
		std::this_thread::yield();

	while (true) {
		if (enq) {
			if (npending == 0 && made < count) {
				npending = std::min<uint32_t>(1 + g.next() % max_batch,
							      count - made);
				for (unsigned i = 0; i < npending; i++)
					pending[i] = test_elem<ES>::make(tid << 24 | (made + i));
				made += npending;
				off = 0;
			}
			if (npending != 0) {
				unsigned put = put_some<ES>(st.r, pending + off, npending,
							    g.next() & 1);
				off += put;
				npending -= put;
				if (put != 0)
					bo.progress();
				else if (!deq)
					bo.wait();
			}
		}
		bool my_enqueues_done = !enq || (made == count && npending == 0);
		if (deq) {
			if (take_some<ES>(st, g, seen) != 0)
				bo.progress();
			else if (my_enqueues_done || !enq)
				bo.wait();
			if (my_enqueues_done &&
			    st.dequeued.load(std::memory_order_relaxed) >= st.to_enqueue)
				break;
		} else if (my_enqueues_done) {
			break;
		}
	}
}

/* What one thread runs; handed to rte_eal_remote_launch() or a std::thread. */
template <unsigned ES>
struct job {
	shared_state *st;
	role ro;
	unsigned tid;
	uint32_t count;
	std::vector<uint32_t> seen;
	bool non_eal;
	int error; /* 0, or why the thread could not run */
};

template <unsigned ES>
int
run_job(void *arg)
{
	auto *j = static_cast<job<ES> *>(arg);
	if (j->non_eal) {
		/* a floating non-EAL thread: any CPU, its own lcore id */
		cpu_set_t all;
		CPU_ZERO(&all);
		for (long c = 0; c < sysconf(_SC_NPROCESSORS_ONLN) && c < CPU_SETSIZE; c++)
			CPU_SET((int)c, &all);
		pthread_setaffinity_np(pthread_self(), sizeof(all), &all);
		if (rte_thread_register() != 0) {
			j->error = rte_errno;
			/* still take part, or the others wait for it at the start line */
		}
	}
	worker<ES>(*j->st, j->ro, j->tid, j->count, j->seen);
	if (j->non_eal && j->error == 0)
		rte_thread_unregister();
	return 0;
}

/*
 * Run one configuration: @roles[i] is thread i's job. The first threads
 * run on the EAL lcores (main lcore included), the rest are extra non-EAL
 * threads that register themselves with rte_thread_register().
 */
template <unsigned ES>
int
stress_one(unsigned flags, const std::vector<role> &roles, uint32_t per_thread, const char *what)
{
	struct rte_ring *r = test_ring_make("stress", ES, 256, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", what);
	test_ring_guard guard(r);

	shared_state st;
	st.r = r;
	st.to_enqueue = 0;
	for (role ro : roles)
		if (ro != role::deq)
			st.to_enqueue += per_thread;
	st.dequeued = 0;
	st.corrupt = false;
	st.arrived = 0;
	st.nthreads = (unsigned)roles.size();

	std::vector<job<ES>> jobs(roles.size());
	for (unsigned i = 0; i < roles.size(); i++)
		jobs[i] = job<ES>{&st, roles[i], i, per_thread, {}, false, 0};

	auto t0 = std::chrono::steady_clock::now();
	/* job 0 on the main lcore, then one per worker lcore, then threads */
	unsigned next = 1, lcore_jobs = 1, non_eal = 0;
	std::vector<unsigned> launched;
	unsigned lcore_id;
	RTE_LCORE_FOREACH_WORKER(lcore_id)
	{
		if (next == jobs.size())
			break;
		TEST_ASSERT_SUCCESS(rte_eal_remote_launch(run_job<ES>, &jobs[next], lcore_id),
				    "%s: launch on lcore %u", what, lcore_id);
		launched.push_back(lcore_id);
		next++;
		lcore_jobs++;
	}
	std::vector<std::thread> threads;
	for (; next < jobs.size(); next++, non_eal++) {
		jobs[next].non_eal = true;
		threads.emplace_back([&jobs, next] { run_job<ES>(&jobs[next]); });
	}
	run_job<ES>(&jobs[0]);
	for (unsigned id : launched)
		rte_eal_wait_lcore(id);
	for (auto &t : threads)
		t.join();
	auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
			  std::chrono::steady_clock::now() - t0)
			  .count();

	for (const auto &j : jobs)
		TEST_ASSERT_EQUAL(j.error, 0, "%s: thread %u could not register: %s", what, j.tid,
				  rte_strerror(j.error));
	TEST_ASSERT(!st.corrupt.load(), "%s: a torn element came out", what);
	TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "%s: elements left in the ring", what);
	std::vector<uint32_t> all;
	for (auto &j : jobs)
		all.insert(all.end(), j.seen.begin(), j.seen.end());
	std::vector<uint32_t> want;
	for (unsigned i = 0; i < roles.size(); i++)
		if (roles[i] != role::deq)
			for (uint32_t k = 0; k < per_thread; k++)
				want.push_back(i << 24 | k);
	std::sort(all.begin(), all.end());
	TEST_ASSERT_EQUAL(all.size(), want.size(), "%s: dequeued count", what);
	for (size_t i = 0; i < all.size(); i++)
		TEST_ASSERT_EQUAL(all[i], want[i], "%s: token %zu lost or duplicated", what, i);
	printf("  %-16s esize %4u: %7zu elements, %u lcores + %u non-EAL threads, "
	       "each element once (%lld ms)\n",
	       what, ES, all.size(), lcore_jobs, non_eal, (long long)ms);
	fflush(stdout);
	return TEST_SUCCESS;
}

/* Extra non-EAL threads in the configurations where a side takes many. */
constexpr unsigned extra_threads = 2;

template <unsigned ES>
int
stress_all_modes(uint32_t per_thread)
{
	const unsigned many = rte_lcore_count() + extra_threads;
	/* the single thread of an ST side goes first, so it gets an lcore */
	std::vector<role> both(many, role::both);
	std::vector<role> one_enq_many_deq(many, role::deq);
	one_enq_many_deq[0] = role::enq;
	std::vector<role> one_deq_many_enq(many, role::enq);
	one_deq_many_enq[0] = role::deq;

	const struct {
		const char *what;
		unsigned flags;
		const std::vector<role> &roles;
	} configs[] = {
		{"MP/MC", 0, both},
		{"MP RTS/MC RTS", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, both},
		{"MP HTS/MC HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, both},
		{"MP RTS/MC HTS", RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, both},
		{"SP/MC", RING_F_SP_ENQ, one_enq_many_deq},
		{"MP/SC", RING_F_SC_DEQ, one_deq_many_enq},
		{"SP/MC HTS", RING_F_SP_ENQ | RING_F_MC_HTS_DEQ, one_enq_many_deq},
		{"MP RTS/SC", RING_F_MP_RTS_ENQ | RING_F_SC_DEQ, one_deq_many_enq},
	};
	for (const auto &c : configs)
		if (stress_one<ES>(c.flags, c.roles, per_thread, c.what) != TEST_SUCCESS)
			return TEST_FAILED;
	const std::vector<role> sp_sc = {role::enq, role::deq};
	return stress_one<ES>(RING_F_SP_ENQ | RING_F_SC_DEQ, sp_sc, per_thread * 2, "SP/SC");
}

int
test_ring_stress_pointer_size(void)
{
	return stress_all_modes<8>(100000);
}

int
test_ring_stress_20_byte_elements(void)
{
	return stress_all_modes<20>(50000);
}

/*
 * Large elements make the copy between reserving and publishing the
 * longest step, so preemption lands there often: the case that catches
 * tails published out of order.
 */
int
test_ring_stress_1k_elements(void)
{
	return stress_all_modes<1024>(10000);
}

} // namespace

static const struct unit_test_case stress_cases[] = {
	TEST_CASE(test_ring_stress_pointer_size), TEST_CASE(test_ring_stress_20_byte_elements),
	TEST_CASE(test_ring_stress_1k_elements), TEST_CASES_END()};

static const struct unit_test_suite stress_suite = {"ring stress", nullptr, nullptr, stress_cases};

static int
test_ring_stress(void)
{
	return unit_test_suite_runner(&stress_suite);
}

REGISTER_FAST_TEST(ring_stress_autotest, NOHUGE_OK, ASAN_OK, test_ring_stress);
