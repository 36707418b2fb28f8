/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Lcore cache policy benchmark, written against the DPDK 22.11 API only
 * (devtools/bench-vs-dpdk.sh builds it against dpkit and against DPDK).
 *
 * A cache hit costs the same under every policy; what a policy decides is
 * what happens when a put does not fit or a get finds the cache short. The
 * workloads below cross those points all the time, on a pool of 16383
 * objects with a cache of 256 (ring_mp_mc store):
 *  - random_bursts_1_400: get n then put n, n uniform in 1..400;
 *  - get_k_put_k_by32: k uniform in 100..300 taken and given back in
 *    bulks of at most 32 (a receive loop that holds a variable batch);
 *  - rx_8x32_free_256: eight gets of 32, then one put of 256;
 *  - pipeline_2_lcores: the main lcore gets 32 at a time and passes them
 *    through a ring to a second lcore, which puts them back (every object
 *    goes through the store; needs two lcores).
 * Value: objects handed out per second (higher is better). A comment line
 * per case gives the objects moved between the caches and the store per
 * 1000 handed out, read from the store ring's head counters.
 * doc/guides/prog_guide/mempool_lib.rst compares the cache policies.
 *
 * Usage: mempool_cache_bench [EAL options] [-- [seconds per case] [case prefix]]
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "bench_common.h"

#define MAX_BURST 512
_Static_assert(MAX_BURST * sizeof(void *) <= BENCH_PLACE_ARRAY_MAX, "objs must fit a place");

static double seconds = 0.3;
static const char *filter = "";
static struct rte_mempool *mp;
static struct rte_ring *handoff;
static volatile int stop;
static uint64_t consumed;

/* Small LCG: the same sequence for both libraries. */
static unsigned int
next_rand(unsigned int *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

static uint64_t
deadline(void)
{
	return rte_get_timer_cycles() + (uint64_t)(seconds * rte_get_timer_hz());
}

static int
take(void **objs, unsigned int n)
{
	if (rte_mempool_get_bulk(mp, objs, n) == 0)
		return 0;
	printf("# get of %u failed\n", n);
	return -1;
}

static int64_t
random_bursts(void)
{
	static struct bench_places places;
	void **objs;
	uint64_t done = 0, end = deadline();
	unsigned int s = 12345, r, n;

	while (rte_get_timer_cycles() < end) {
		objs = bench_place_next(&places);
		for (r = 0; r < 64; r++) {
			n = 1 + next_rand(&s) % 400;
			if (take(objs, n) < 0)
				return -1;
			rte_mempool_put_bulk(mp, objs, n);
			done += n;
		}
	}
	return (int64_t)done;
}

static int64_t
get_k_put_k_by32(void)
{
	static struct bench_places places;
	void **objs;
	uint64_t done = 0, end = deadline();
	unsigned int s = 777, r, i, k, n;

	while (rte_get_timer_cycles() < end) {
		objs = bench_place_next(&places);
		for (r = 0; r < 64; r++) {
			k = 100 + next_rand(&s) % 201;
			for (i = 0; i < k; i += n) {
				n = k - i < 32 ? k - i : 32;
				if (take(&objs[i], n) < 0)
					return -1;
			}
			for (i = 0; i < k; i += n) {
				n = k - i < 32 ? k - i : 32;
				rte_mempool_put_bulk(mp, &objs[i], n);
			}
			done += k;
		}
	}
	return (int64_t)done;
}

static int64_t
rx_8x32_free_256(void)
{
	static struct bench_places places;
	void **objs;
	uint64_t done = 0, end = deadline();
	unsigned int r, i;

	while (rte_get_timer_cycles() < end) {
		objs = bench_place_next(&places);
		for (r = 0; r < 64; r++) {
			for (i = 0; i < 8; i++)
				if (take(&objs[32 * i], 32) < 0)
					return -1;
			rte_mempool_put_bulk(mp, objs, 256);
			done += 256;
		}
	}
	return (int64_t)done;
}

static int
consumer(void *arg)
{
	static struct bench_places places;
	void **objs = (void **)places.area;
	uint64_t done = 0;
	unsigned int n;

	(void)arg;
	while (!stop) {
		objs = bench_place_next(&places);
		n = rte_ring_sc_dequeue_burst(handoff, objs, 32, NULL);
		rte_mempool_put_bulk(mp, objs, n);
		done += n;
	}
	while ((n = rte_ring_sc_dequeue_burst(handoff, objs, 32, NULL)) != 0)
		rte_mempool_put_bulk(mp, objs, n);
	consumed = done;
	return 0;
}

static int64_t
pipeline_2_lcores(void)
{
	static struct bench_places places;
	void **objs;
	unsigned int worker = rte_get_next_lcore(-1, 1, 0), k;
	uint64_t end;

	if (worker >= RTE_MAX_LCORE)
		return -2;
	stop = 0;
	if (rte_eal_remote_launch(consumer, NULL, worker) != 0)
		return -1;
	end = deadline();
	while (rte_get_timer_cycles() < end) {
		objs = bench_place_next(&places);
		if (rte_mempool_get_bulk(mp, objs, 32) != 0)
			continue; /* all in flight: the consumer gives them back */
		for (k = 0; k < 32;)
			k += rte_ring_sp_enqueue_burst(handoff, &objs[k], 32 - k, NULL);
	}
	stop = 1;
	rte_eal_wait_lcore(worker);
	return (int64_t)consumed;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int64_t (*run)(void);
	} cases[] = {
		{"mempool_cache_random_bursts_1_400", random_bursts},
		{"mempool_cache_get_k_put_k_by32", get_k_put_k_by32},
		{"mempool_cache_rx_8x32_free_256", rx_8x32_free_256},
		{"mempool_cache_pipeline_2_lcores", pipeline_2_lcores},
	};
	struct rte_ring *store;
	unsigned int i;
	if (bench_start(argc, argv, &seconds, &filter) < 0)
		return 1;

	mp = rte_mempool_create("cache_bench", 16383, 2048, 256, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	handoff = rte_ring_create("cache_bench_handoff", 1024, SOCKET_ID_ANY,
				  RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (mp == NULL || handoff == NULL) {
		printf("# cannot create the pool or the ring: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	if (strcmp(mp->ops_index >= 0 ? rte_mempool_get_ops(mp->ops_index)->name : "",
		   "ring_mp_mc") != 0) {
		printf("# the pool's store is not ring_mp_mc: no move counts\n");
		store = NULL;
	} else {
		store = mp->pool_data;
	}

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t prod0, cons0;
		uint64_t t0, moved;
		double elapsed;
		int64_t done;

		if (!bench_wanted(cases[i].name, filter))
			continue;
		prod0 = store ? store->prod.head : 0;
		cons0 = store ? store->cons.head : 0;
		t0 = rte_get_timer_cycles();
		done = cases[i].run();
		elapsed = (double)(rte_get_timer_cycles() - t0) / rte_get_timer_hz();
		if (done == -2) {
			printf("# %s skipped: needs two lcores\n", cases[i].name);
			continue;
		}
		if (done < 0)
			return 1;
		if (done == 0) {
			printf("# %s: nothing done in %g s (a busy machine?)\n", cases[i].name,
			       seconds);
			continue;
		}
		printf("BENCH %s %.0f objs/s\n", cases[i].name, (double)done / elapsed);
		if (store != NULL) {
			moved = (uint32_t)(store->prod.head - prod0) +
				(uint64_t)(uint32_t)(store->cons.head - cons0);
			printf("# %s: %.0f objects moved to/from the store per 1000 handed out\n",
			       cases[i].name, 1000.0 * (double)moved / (double)done);
		}
		fflush(stdout);
	}
	rte_mempool_free(mp);
	rte_ring_free(handoff);
	rte_eal_cleanup();
	return 0;
}
