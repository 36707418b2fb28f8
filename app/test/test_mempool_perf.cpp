/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_perf_autotest (perf-tests): DPDK's mempool benchmark grid. Each
 * lcore repeatedly takes n_keep objects in bulks of n_get_bulk and gives
 * them back in bulks of n_put_bulk, for a fixed time; the rate is objects
 * taken per second, summed over lcores. Grid: cache 0 and 512, bulks 1, 4
 * and 32, keep 32 and 128, on one lcore and on all lcores. Prints numbers,
 * asserts only that nothing failed.
 *
 * DPKIT_PERF_SECONDS (default 0.2) sets the time per case.
 */

#include <stdio.h>
#include <stdlib.h>

#include <atomic>
#include <vector>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "test.h"

namespace {

constexpr unsigned max_keep = 128;
constexpr unsigned elt_size = 2048;

struct perf_case {
	rte_mempool *mp;
	unsigned n_get_bulk, n_put_bulk, n_keep;
	uint64_t cycles;
	std::atomic<uint64_t> objs{0};
	std::atomic<unsigned> failures{0};
	std::atomic<unsigned> ready{0};
	unsigned lcores;
};

int
perf_lcore(void *arg)
{
	auto *pc = static_cast<perf_case *>(arg);
	rte_mempool *mp = pc->mp;
	const unsigned n_get = pc->n_get_bulk, n_put = pc->n_put_bulk, n_keep = pc->n_keep;
	void *objs[max_keep];
	uint64_t done = 0;

	/* start together */
	pc->ready++;
	while (pc->ready.load() < pc->lcores)
		;
	uint64_t end = rte_get_timer_cycles() + pc->cycles;
	while (rte_get_timer_cycles() < end) {
		for (int rep = 0; rep < 128; rep++) {
			unsigned idx = 0;
			while (idx < n_keep) {
				if (rte_mempool_get_bulk(mp, &objs[idx], n_get) != 0) {
					pc->failures++;
					return -1;
				}
				idx += n_get;
			}
			idx = 0;
			while (idx < n_keep) {
				rte_mempool_put_bulk(mp, &objs[idx], n_put);
				idx += n_put;
			}
		}
		done += 128 * n_keep;
	}
	pc->objs += done;
	return 0;
}

int
run_case(rte_mempool *mp, unsigned cache, bool all_lcores, unsigned n_get, unsigned n_put,
	 unsigned n_keep, double secs)
{
	perf_case pc;
	pc.mp = mp;
	pc.n_get_bulk = n_get;
	pc.n_put_bulk = n_put;
	pc.n_keep = n_keep;
	pc.cycles = (uint64_t)(secs * (double)rte_get_timer_hz());
	pc.lcores = all_lcores ? rte_lcore_count() : 1;
	uint64_t t0 = rte_get_timer_cycles();
	if (all_lcores) {
		rte_eal_mp_remote_launch(perf_lcore, &pc, CALL_MAIN);
		rte_eal_mp_wait_lcore();
	} else {
		perf_lcore(&pc);
	}
	double elapsed = (double)(rte_get_timer_cycles() - t0) / (double)rte_get_timer_hz();
	TEST_ASSERT_EQUAL(pc.failures.load(), 0u, "get failed: pool too small");
	printf("mempool_perf cache=%u cores=%u n_get_bulk=%u n_put_bulk=%u n_keep=%u rate_persec=%.0f\n",
	       cache, pc.lcores, n_get, n_put, n_keep, (double)pc.objs.load() / elapsed);
	fflush(stdout);
	return TEST_SUCCESS;
}

int
test_mempool_perf(void)
{
	const char *env = getenv("DPKIT_PERF_SECONDS");
	double secs = env != nullptr ? atof(env) : 0.2;
	unsigned lcores = rte_lcore_count();

	for (unsigned cache : {0u, 512u}) {
		/* enough for every lcore's kept objects plus full caches */
		unsigned n = lcores * (max_keep + cache * 2) + 1023;
		rte_mempool *mp = rte_mempool_create("perf_pool", n, elt_size, cache, 0, nullptr,
						     nullptr, nullptr, nullptr, SOCKET_ID_ANY, 0);
		TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
		for (bool all : {false, true}) {
			if (all && lcores == 1)
				continue;
			for (unsigned keep : {32u, 128u})
				for (unsigned get : {1u, 4u, 32u})
					for (unsigned put : {1u, 4u, 32u})
						if (run_case(mp, cache, all, get, put, keep,
							     secs) != TEST_SUCCESS) {
							rte_mempool_free(mp);
							return TEST_FAILED;
						}
		}
		TEST_ASSERT(rte_mempool_full(mp), "objects lost");
		rte_mempool_free(mp);
	}
	return TEST_SUCCESS;
}

} // namespace

REGISTER_PERF_TEST(mempool_perf_autotest, test_mempool_perf);
