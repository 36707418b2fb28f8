/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_perf_autotest (perf-tests): cycles per element of the ring calls, in
 * the shape of DPDK's ring benchmark so numbers can be read side by side.
 *
 *  - empty: a dequeue from an empty ring (cycles per call);
 *  - one lcore: enqueue n then dequeue n, repeated, for single-object calls
 *    and for bulk and burst calls of n = 1, 8, 32, 64, 128;
 *  - two lcores: one lcore only enqueues, another only dequeues, the same
 *    sizes: the cost of moving elements and ring state between two cores.
 * Each for SP/SC and MP/MC calls, and for the pointer API and the elem API
 * with 16-byte elements. Prints numbers; asserts only that every element
 * enqueued came out again.
 *
 * The side-by-side ratio against DPDK 22.11 is app/bench/ring_bench.c run
 * by devtools/bench-vs-dpdk.sh; this test is the in-tree view.
 */

#include <stdio.h>

#include <atomic>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"

namespace {

constexpr unsigned ring_size = 4096;
constexpr unsigned max_bulk = 128;
constexpr unsigned sizes[] = {1, 8, 32, 64, 128};
constexpr uint64_t elements_per_case = 1u << 21;

enum class sync_calls { sp_sc, mp_mc };
enum class op { single, bulk, burst };

struct elem16 {
	uint64_t a, b;
};

/*
 * One template instance per (calls, op, element type): each call inlines
 * with everything known at compile time, as in an application.
 */
template <sync_calls S, op O, typename T>
inline unsigned
enqueue(rte_ring *r, const T *objs, unsigned n)
{
	constexpr bool sp = S == sync_calls::sp_sc;
	if constexpr (sizeof(T) == sizeof(void *)) {
		void *const *p = reinterpret_cast<void *const *>(objs);
		if constexpr (O == op::single)
			return (sp ? rte_ring_sp_enqueue(r, p[0]) : rte_ring_mp_enqueue(r, p[0])) ==
			       0;
		else if constexpr (O == op::bulk)
			return sp ? rte_ring_sp_enqueue_bulk(r, p, n, nullptr)
				  : rte_ring_mp_enqueue_bulk(r, p, n, nullptr);
		else
			return sp ? rte_ring_sp_enqueue_burst(r, p, n, nullptr)
				  : rte_ring_mp_enqueue_burst(r, p, n, nullptr);
	} else {
		if constexpr (O == op::single)
			return (sp ? rte_ring_sp_enqueue_elem(r, const_cast<T *>(objs), sizeof(T))
				   : rte_ring_mp_enqueue_elem(r, const_cast<T *>(objs),
							      sizeof(T))) == 0;
		else if constexpr (O == op::bulk)
			return sp ? rte_ring_sp_enqueue_bulk_elem(r, objs, sizeof(T), n, nullptr)
				  : rte_ring_mp_enqueue_bulk_elem(r, objs, sizeof(T), n, nullptr);
		else
			return sp ? rte_ring_sp_enqueue_burst_elem(r, objs, sizeof(T), n, nullptr)
				  : rte_ring_mp_enqueue_burst_elem(r, objs, sizeof(T), n, nullptr);
	}
}

template <sync_calls S, op O, typename T>
inline unsigned
dequeue(rte_ring *r, T *objs, unsigned n)
{
	constexpr bool sc = S == sync_calls::sp_sc;
	if constexpr (sizeof(T) == sizeof(void *)) {
		void **p = reinterpret_cast<void **>(objs);
		if constexpr (O == op::single)
			return (sc ? rte_ring_sc_dequeue(r, p) : rte_ring_mc_dequeue(r, p)) == 0;
		else if constexpr (O == op::bulk)
			return sc ? rte_ring_sc_dequeue_bulk(r, p, n, nullptr)
				  : rte_ring_mc_dequeue_bulk(r, p, n, nullptr);
		else
			return sc ? rte_ring_sc_dequeue_burst(r, p, n, nullptr)
				  : rte_ring_mc_dequeue_burst(r, p, n, nullptr);
	} else {
		if constexpr (O == op::single)
			return (sc ? rte_ring_sc_dequeue_elem(r, objs, sizeof(T))
				   : rte_ring_mc_dequeue_elem(r, objs, sizeof(T))) == 0;
		else if constexpr (O == op::bulk)
			return sc ? rte_ring_sc_dequeue_bulk_elem(r, objs, sizeof(T), n, nullptr)
				  : rte_ring_mc_dequeue_bulk_elem(r, objs, sizeof(T), n, nullptr);
		else
			return sc ? rte_ring_sc_dequeue_burst_elem(r, objs, sizeof(T), n, nullptr)
				  : rte_ring_mc_dequeue_burst_elem(r, objs, sizeof(T), n, nullptr);
	}
}

const char *
name_of(sync_calls s)
{
	return s == sync_calls::sp_sc ? "sp/sc" : "mp/mc";
}

const char *
name_of(op o)
{
	return o == op::single ? "single" : o == op::bulk ? "bulk" : "burst";
}

template <typename T>
const char *
api_of()
{
	return sizeof(T) == sizeof(void *) ? "ptr" : "elem16";
}

void
print(const char *calls, const char *api, const char *what, unsigned n, unsigned lcores,
      double cycles)
{
	printf("ring_perf %-5s %-6s %-6s n=%-3u lcores=%u cycles_per_elem=%.2f\n", calls, api, what,
	       n, lcores, cycles);
	fflush(stdout);
}

/*
 * One lcore: enqueue n, dequeue n, repeat; cycles per element moved. The
 * case runs in batches and reports the fastest batch, so a batch that was
 * preempted on a busy machine does not count.
 */
template <sync_calls S, op O, typename T>
int
one_lcore(rte_ring *r, unsigned n)
{
	static T objs[max_bulk];
	constexpr unsigned batches = 16;
	const unsigned per_call = O == op::single ? 1 : n;
	const uint64_t rounds = elements_per_case / per_call / batches;
	uint64_t moved = 0, best = UINT64_MAX;
	for (unsigned b = 0; b < batches; b++) {
		uint64_t t0 = rte_rdtsc_precise();
		for (uint64_t i = 0; i < rounds; i++) {
			moved += enqueue<S, O>(r, objs, per_call);
			moved -= dequeue<S, O>(r, objs, per_call);
		}
		best = RTE_MIN(best, rte_rdtsc_precise() - t0);
	}
	TEST_ASSERT_EQUAL(moved, (uint64_t)0, "%s %s: enqueued and dequeued counts differ",
			  name_of(S), name_of(O));
	print(name_of(S), api_of<T>(), name_of(O), per_call, 1,
	      (double)best / (double)(rounds * per_call));
	return TEST_SUCCESS;
}

template <typename T>
struct two_lcore_case {
	rte_ring *r;
	unsigned n;
	std::atomic<unsigned> ready{0};
	std::atomic<uint64_t> dequeued{0};
	uint64_t dequeue_cycles = 0;
};

template <sync_calls S, op O, typename T>
int
dequeue_side(void *arg)
{
	auto *c = static_cast<two_lcore_case<T> *>(arg);
	T objs[max_bulk];
	uint64_t got = 0;
	c->ready++;
	while (c->ready.load() < 2)
		rte_pause();
	uint64_t t0 = rte_rdtsc_precise();
	while (got < elements_per_case) {
		unsigned k = dequeue<S, O>(c->r, objs, O == op::single ? 1 : c->n);
		if (k == 0)
			rte_pause();
		got += k;
	}
	c->dequeue_cycles = rte_rdtsc_precise() - t0;
	c->dequeued = got;
	return 0;
}

/* Main lcore enqueues, one worker dequeues; cycles per element of the pair. */
template <sync_calls S, op O, typename T>
int
two_lcores(rte_ring *r, unsigned n, unsigned worker)
{
	two_lcore_case<T> c;
	c.r = r;
	c.n = O == op::single ? 1 : n;
	static T objs[max_bulk];
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(dequeue_side<S, O, T>, &c, worker),
			    "cannot launch on lcore %u", worker);
	c.ready++;
	while (c.ready.load() < 2)
		rte_pause();
	uint64_t sent = 0;
	uint64_t t0 = rte_rdtsc_precise();
	while (sent < elements_per_case) {
		unsigned want = (unsigned)RTE_MIN((uint64_t)c.n, elements_per_case - sent);
		unsigned k = enqueue<S, O>(r, objs, want);
		if (k == 0)
			rte_pause();
		sent += k;
	}
	uint64_t enqueue_cycles = rte_rdtsc_precise() - t0;
	rte_eal_wait_lcore(worker);
	TEST_ASSERT_EQUAL(c.dequeued.load(), sent, "elements lost between lcores");
	TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "ring not empty after the case");
	uint64_t cycles = RTE_MAX(enqueue_cycles, c.dequeue_cycles);
	print(name_of(S), api_of<T>(), name_of(O), c.n, 2,
	      (double)cycles / (double)elements_per_case);
	return TEST_SUCCESS;
}

template <sync_calls S, typename T>
int
all_cases(rte_ring *r, unsigned worker)
{
	/* empty-ring dequeue: the cost of finding nothing */
	T objs[max_bulk];
	constexpr unsigned calls = 1u << 20;
	uint64_t t0 = rte_rdtsc_precise();
	unsigned got = 0;
	for (unsigned i = 0; i < calls; i++)
		got += dequeue<S, op::bulk>(r, objs, 8);
	uint64_t cycles = rte_rdtsc_precise() - t0;
	TEST_ASSERT_EQUAL(got, 0u, "dequeue from an empty ring returned elements");
	printf("ring_perf %-5s %-6s empty dequeue cycles_per_call=%.2f\n", name_of(S), api_of<T>(),
	       (double)cycles / calls);

	if (one_lcore<S, op::single, T>(r, 1) != TEST_SUCCESS)
		return TEST_FAILED;
	for (unsigned n : sizes)
		if (one_lcore<S, op::bulk, T>(r, n) != TEST_SUCCESS ||
		    one_lcore<S, op::burst, T>(r, n) != TEST_SUCCESS)
			return TEST_FAILED;
	if (worker == RTE_MAX_LCORE)
		return TEST_SUCCESS;
	if (two_lcores<S, op::single, T>(r, 1, worker) != TEST_SUCCESS)
		return TEST_FAILED;
	for (unsigned n : sizes)
		if (two_lcores<S, op::bulk, T>(r, n, worker) != TEST_SUCCESS ||
		    two_lcores<S, op::burst, T>(r, n, worker) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

template <typename T>
int
api_cases(unsigned worker)
{
	rte_ring *r = rte_ring_create_elem("ring_perf", sizeof(T), ring_size, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "ring create: %s", rte_strerror(rte_errno));
	int rc = all_cases<sync_calls::sp_sc, T>(r, worker);
	if (rc == TEST_SUCCESS)
		rc = all_cases<sync_calls::mp_mc, T>(r, worker);
	rte_ring_free(r);
	return rc;
}

int
test_ring_perf(void)
{
	unsigned worker = rte_get_next_lcore(-1, 1, 0);
	if (worker == RTE_MAX_LCORE)
		printf("ring_perf: one lcore only; two-lcore cases not run (give -l 0-1)\n");
	if (api_cases<void *>(worker) != TEST_SUCCESS)
		return TEST_FAILED;
	return api_cases<elem16>(worker);
}

} // namespace

REGISTER_PERF_TEST(ring_perf_autotest, test_ring_perf);
