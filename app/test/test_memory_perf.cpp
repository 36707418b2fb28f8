/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * memory_perf_autotest: numbers, not assertions. Time to reserve (and free)
 * a 1 GB memzone when pages are mapped on demand, the pages that took,
 * and rte_malloc/rte_free rates for a few size patterns.
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <random>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"

namespace {

double
now_s()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process (user + kernel): unlike wall time, not inflated
 * when the machine's cores are busy with others. */
double
cpu_s()
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

unsigned
pages_mapped()
{
	unsigned n = 0;
	rte_memseg_walk(
		[](const rte_memseg_list *msl, const rte_memseg *, void *arg) {
		if (!msl->external)
			++*(unsigned *)arg;
		return 0;
		},
		&n);
	return n;
}

void
malloc_rate(const char *what, size_t min_sz, size_t max_sz, unsigned batch)
{
	std::mt19937 rng(42);
	std::uniform_int_distribution<size_t> dist(min_sz, max_sz);
	std::vector<size_t> sizes(batch);
	for (auto &s : sizes)
		s = dist(rng);
	std::vector<void *> ptrs(batch);
	/* warm up: map what the pattern needs once */
	for (unsigned i = 0; i < batch; i++)
		ptrs[i] = rte_malloc(nullptr, sizes[i], 0);
	for (unsigned i = 0; i < batch; i++)
		rte_free(ptrs[i]);
	unsigned rounds = 0, ops = 0;
	double t0 = now_s(), t;
	do {
		for (unsigned i = 0; i < batch; i++)
			ptrs[i] = rte_malloc(nullptr, sizes[i], 0);
		for (unsigned i = 0; i < batch; i++)
			rte_free(ptrs[i]);
		rounds++;
		ops += batch;
		t = now_s() - t0;
	} while (t < 0.5);
	printf("malloc+free %-28s %10.0f pairs/s (%u live at most)\n", what, ops / t, batch);
}

} // namespace

static int
test_memory_perf(void)
{
	printf("memory mode: IOVA as %s, %u pages mapped at start\n",
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA", pages_mapped());

	/* 1. a 1 GB memzone, mapped on demand */
	if (test_free_hugepages() < 600) {
		printf("1 GB memzone: skipped, only %lu free 2 MB hugepages\n",
		       test_free_hugepages());
	} else {
		unsigned p0 = pages_mapped();
		double t0 = now_s(), c0 = cpu_s();
		const rte_memzone *mz = rte_memzone_reserve("perf_1g", (size_t)1 << 30,
							    SOCKET_ID_ANY, 0);
		double t1 = now_s(), c1 = cpu_s();
		if (mz == nullptr) {
			printf("1 GB memzone: failed (%s)\n", rte_strerror(rte_errno));
		} else {
			unsigned p1 = pages_mapped();
			memset(mz->addr, 1, mz->len);
			double t2 = now_s();
			rte_memzone_free(mz);
			double t3 = now_s();
			printf("1 GB memzone: reserve %.1f ms wall, %.1f ms CPU (%u pages of %llu kB "
			       "mapped), first write %.1f ms, free %.1f ms (%u pages left mapped)\n",
			       (t1 - t0) * 1e3, (c1 - c0) * 1e3, p1 - p0, (unsigned long long)2048,
			       (t2 - t1) * 1e3, (t3 - t2) * 1e3, pages_mapped());
		}
	}

	/* 2. malloc/free rates */
	malloc_rate("64 B, 1 at a time", 64, 64, 1);
	malloc_rate("64 B, 1000 live", 64, 64, 1000);
	malloc_rate("64 B..4 kB, 1000 live", 64, 4096, 1000);
	malloc_rate("4 kB..64 kB, 100 live", 4096, 65536, 100);
	return TEST_SUCCESS;
}

REGISTER_PERF_TEST(memory_perf_autotest, test_memory_perf);
