/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mbuf_perf_autotest: cost of the mbuf fast paths on one lcore, in TSC
 * cycles per mbuf (printed, never asserted): single alloc+free, bulk alloc
 * + bulk free of 32, alloc+append+free, clone+free.
 */

#include <stdio.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_mbuf.h>

#include "test.h"
#include "test_mbuf.h"

namespace {

constexpr unsigned iters = 200000;
constexpr unsigned burst_size = 32;
constexpr unsigned reps = 5;

double
per_mbuf(uint64_t cycles, uint64_t mbufs)
{
	return static_cast<double>(cycles) / static_cast<double>(mbufs);
}

} // namespace

static int
test_mbuf_perf(void)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("mbuf_perf", 8191, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	struct rte_mempool *cp = rte_pktmbuf_pool_create("mbuf_perf_clone", 1023, 256, 0, 0,
							 SOCKET_ID_ANY);
	mbuf_test::pool_guard g1(mp), g2(cp);
	TEST_ASSERT(mp != nullptr && cp != nullptr, "pools: %s", rte_strerror(rte_errno));
	struct rte_mbuf *burst[burst_size];

	/* warm the caches and the pages */
	for (unsigned i = 0; i < 1000; i++) {
		if (rte_pktmbuf_alloc_bulk(mp, burst, burst_size) == 0)
			rte_pktmbuf_free_bulk(burst, burst_size);
	}

	/* best of several runs: the machine may be shared */
	double single = 1e9, bulk = 1e9, append = 1e9, clone = 1e9;
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	rte_pktmbuf_append(m, 64);
	for (unsigned rep = 0; rep < reps; rep++) {
		uint64_t t = rte_rdtsc();
		for (unsigned i = 0; i < iters; i++)
			rte_pktmbuf_free(rte_pktmbuf_alloc(mp));
		single = RTE_MIN(single, per_mbuf(rte_rdtsc() - t, iters));

		t = rte_rdtsc();
		for (unsigned i = 0; i < iters / burst_size; i++) {
			if (rte_pktmbuf_alloc_bulk(mp, burst, burst_size) != 0)
				return TEST_FAILED;
			rte_pktmbuf_free_bulk(burst, burst_size);
		}
		bulk = RTE_MIN(bulk, per_mbuf(rte_rdtsc() - t, (iters / burst_size) * burst_size));

		t = rte_rdtsc();
		for (unsigned i = 0; i < iters; i++) {
			struct rte_mbuf *x = rte_pktmbuf_alloc(mp);
			rte_pktmbuf_append(x, 64);
			rte_pktmbuf_free(x);
		}
		append = RTE_MIN(append, per_mbuf(rte_rdtsc() - t, iters));

		t = rte_rdtsc();
		for (unsigned i = 0; i < iters; i++)
			rte_pktmbuf_free(rte_pktmbuf_clone(m, cp));
		clone = RTE_MIN(clone, per_mbuf(rte_rdtsc() - t, iters));
	}
	rte_pktmbuf_free(m);

	printf("mbuf_perf: cycles per mbuf, best of %u runs (one lcore, cache 256):\n", reps);
	printf("  alloc+free single        %6.1f\n", single);
	printf("  alloc_bulk+free_bulk 32  %6.1f\n", bulk);
	printf("  alloc+append+free        %6.1f\n", append);
	printf("  clone+free (1 segment)   %6.1f\n", clone);
	return TEST_SUCCESS;
}

REGISTER_PERF_TEST(mbuf_perf_autotest, test_mbuf_perf);
