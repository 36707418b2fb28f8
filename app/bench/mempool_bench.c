/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mempool benchmark written against the DPDK 22.11 API only, so that the
 * same file builds against dpkit and against DPDK (devtools/bench-vs-dpdk.sh
 * builds it both ways and prints the two side by side).
 *
 * Cases (one line each: "BENCH <case> <value> <unit>", higher is better):
 *  - get/put: one lcore and all lcores take n_keep (32 or 128) objects in
 *    bulks of n_bulk (1, 4, 32) and give them back, cache 0 or 512 (the
 *    grid of DPDK's mempool_perf_autotest); value = objects/s taken.
 *  - get/put nonEAL: the one-lcore loop (cache 512, keep 128) run by a
 *    plain pthread, which is not an lcore, by two such pthreads at once on
 *    one pool (contended), and by the main lcore for reference.
 *  - create: rte_mempool_create() of 200,000 and 800,000 mbuf-sized
 *    objects (2,176 bytes, with an object constructor that writes the
 *    object's first line like an mbuf's), timed; value = pools/s (1 /
 *    seconds), so higher is better here too. The 800k pool needs about
 *    1.9 GB: it is skipped, saying why, when that much hugepage memory is
 *    not free. BENCH_CREATE_SIZES (environment, e.g. "50000,2000000")
 *    replaces the two sizes.
 *  - create anon: the 200,000-object pool built on anonymous memory
 *    (rte_mempool_populate_anon(), as testpmd --mp-anon does), timed the
 *    same way.
 *
 * Usage: mempool_bench [EAL options] [-- [seconds per case] [case prefix]]
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pthread_attr_setaffinity_np */
#endif
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mempool.h>

#include "bench_common.h"

#define MAX_KEEP 128
_Static_assert(MAX_KEEP * sizeof(void *) <= BENCH_PLACE_ARRAY_MAX, "objs must fit a place");
#define MBUF_SIZED 2176

static double seconds = 0.5;
static const char *filter = "";

struct getput {
	struct rte_mempool *mp;
	unsigned int n_bulk;
	unsigned int n_keep;
	uint64_t cycles;
	volatile unsigned int ready;
	unsigned int lcores;
	uint64_t objs[RTE_MAX_LCORE];
	int failed;
};

/* The get/put loop of one thread; @return objects taken, or 0 on failure. */
static uint64_t
getput_loop(struct getput *g)
{
	struct bench_places places; /* on this thread's stack */
	void **objs;
	const unsigned int n = g->n_bulk, keep = g->n_keep;
	uint64_t done = 0, end;
	unsigned int i, rep;

	places.next = 0;
	__atomic_fetch_add(&g->ready, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&g->ready, __ATOMIC_SEQ_CST) < g->lcores)
		;
	end = rte_get_timer_cycles() + g->cycles;
	while (rte_get_timer_cycles() < end) {
		objs = bench_place_next(&places);
		for (rep = 0; rep < 64; rep++) {
			for (i = 0; i < keep; i += n)
				if (rte_mempool_get_bulk(g->mp, &objs[i], n) != 0) {
					g->failed = 1;
					return 0;
				}
			for (i = 0; i < keep; i += n)
				rte_mempool_put_bulk(g->mp, &objs[i], n);
		}
		done += 64 * keep;
	}
	return done;
}

static int
getput_lcore(void *arg)
{
	struct getput *g = arg;

	g->objs[rte_lcore_id()] = getput_loop(g);
	return g->failed ? -1 : 0;
}

/* The same loop on a plain pthread: rte_lcore_id() is LCORE_ID_ANY there. */
struct getput_thread {
	struct getput *g;
	unsigned int index; /* where its count goes in g->objs */
};

static void *
getput_pthread(void *arg)
{
	struct getput_thread *t = arg;

	t->g->objs[t->index] = getput_loop(t->g);
	return NULL;
}

/* @p nb plain pthreads run the loop together on g's pool; @return the
 * objects they took, or 0 when a thread could not start or a get failed. */
static uint64_t
getput_pthreads(struct getput *g, unsigned int nb)
{
	struct getput_thread args[2];
	pthread_t t[2];
	unsigned int i, started = 0;
	uint64_t total = 0;

	/* Threads started here would inherit the main lcore's single CPU,
	 * where two of them at real-time priority could never both run: they
	 * may run on any CPU, as an application's threads do. */
	pthread_attr_t attr;
	cpu_set_t any;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	CPU_ZERO(&any);
	for (i = 0; i < (unsigned int)cpus && i < CPU_SETSIZE; i++)
		CPU_SET(i, &any);
	if (pthread_attr_init(&attr) != 0)
		return 0;
	pthread_attr_setaffinity_np(&attr, sizeof(any), &any);
	g->lcores = nb;
	for (i = 0; i < nb && i < 2; i++) {
		args[i].g = g;
		args[i].index = i;
		if (pthread_create(&t[i], &attr, getput_pthread, &args[i]) != 0)
			break;
		started++;
	}
	pthread_attr_destroy(&attr);
	if (started < nb) {
		/* the started ones wait for the missing ones at the start line */
		g->failed = 1;
		__atomic_fetch_add(&g->ready, nb - started, __ATOMIC_SEQ_CST);
	}
	for (i = 0; i < started; i++) {
		pthread_join(t[i], NULL);
		total += g->objs[i];
	}
	return g->failed ? 0 : total;
}

/* One get/put case on @p mp; prints its line unless filtered out. */
static void
getput_case(struct rte_mempool *mp, unsigned int cache, unsigned int bulk, unsigned int keep,
	    int all)
{
	unsigned int nb_lcores = rte_lcore_count(), lcore;
	uint64_t t0, total = 0;
	struct getput g;
	char name[96];
	double elapsed;

	snprintf(name, sizeof(name), "mempool_getput_cache%u_bulk%u_keep%u_%s", cache, bulk, keep,
		 all ? "all_lcores" : "1_lcore");
	if (!bench_wanted(name, filter) || (all && nb_lcores == 1))
		return;
	memset(&g, 0, sizeof(g));
	g.mp = mp;
	g.n_bulk = bulk;
	g.n_keep = keep;
	g.cycles = (uint64_t)(seconds * rte_get_timer_hz());
	g.lcores = all ? nb_lcores : 1;
	t0 = rte_get_timer_cycles();
	if (all) {
		rte_eal_mp_remote_launch(getput_lcore, &g, CALL_MAIN);
		rte_eal_mp_wait_lcore();
	} else {
		getput_lcore(&g);
	}
	elapsed = (double)(rte_get_timer_cycles() - t0) / rte_get_timer_hz();
	if (g.failed) {
		printf("# %s: get failed\n", name);
		return;
	}
	RTE_LCORE_FOREACH(lcore)
	total += g.objs[lcore];
	printf("BENCH %s %.0f objs/s\n", name, total / elapsed);
	fflush(stdout);
}

static int
bench_getput(void)
{
	static const unsigned int caches[] = {0, 512};
	static const unsigned int bulks[] = {1, 4, 32};
	static const unsigned int keeps[] = {32, MAX_KEEP};
	unsigned int ci, bi, ki, all;
	unsigned int nb_lcores = rte_lcore_count();

	for (ci = 0; ci < 2; ci++) {
		unsigned int n = nb_lcores * (MAX_KEEP + caches[ci] * 2) + 1023;
		struct rte_mempool *mp = rte_mempool_create("bench_pool", n, 2048, caches[ci], 0,
							    NULL, NULL, NULL, NULL, SOCKET_ID_ANY,
							    0);
		if (mp == NULL) {
			printf("# cannot create pool: %s\n", rte_strerror(rte_errno));
			return -1;
		}
		for (all = 0; all < 2; all++)
			for (bi = 0; bi < 3; bi++)
				for (ki = 0; ki < 2; ki++)
					getput_case(mp, caches[ci], bulks[bi], keeps[ki], all);
		rte_mempool_free(mp);
	}
	return 0;
}

/*
 * A thread that is not an lcore (an application pthread: lcore id
 * LCORE_ID_ANY) doing the one-lcore loop with cache 512, two such threads
 * at once on one pool, and for reference the main lcore doing the same loop
 * on the same pool:
 * mempool_getput_nonEAL_cache512_bulk<n>_keep128_{pthread,2pthreads,lcore}.
 * DPDK gives such a thread no cache, so every call goes to the ring (shared
 * by both threads in the contended case); dpkit gives each thread one of
 * its own on first use.
 */
static int
bench_getput_non_eal(void)
{
	static const unsigned int bulks[] = {1, 4, 32};
	static const char *const kinds[] = {"pthread", "2pthreads", "lcore"};
	const unsigned int cache = 512;
	unsigned int bi, kind;
	struct rte_mempool *mp = NULL;

	for (kind = 0; kind < 3; kind++) {
		for (bi = 0; bi < 3; bi++) {
			struct getput g;
			char name[96];
			uint64_t t0, total;
			double elapsed;

			snprintf(name, sizeof(name),
				 "mempool_getput_nonEAL_cache%u_bulk%u_keep%u_%s", cache, bulks[bi],
				 MAX_KEEP, kinds[kind]);
			if (!bench_wanted(name, filter))
				continue;
			if (mp == NULL)
				mp = rte_mempool_create(
					"bench_nonEAL", 2 * (MAX_KEEP + cache * 2) + 1023, 2048,
					cache, 0, NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
			if (mp == NULL) {
				printf("# cannot create pool: %s\n", rte_strerror(rte_errno));
				return -1;
			}
			memset(&g, 0, sizeof(g));
			g.mp = mp;
			g.n_bulk = bulks[bi];
			g.n_keep = MAX_KEEP;
			g.cycles = (uint64_t)(seconds * rte_get_timer_hz());
			g.lcores = 1;
			t0 = rte_get_timer_cycles();
			if (kind == 2)
				total = getput_loop(&g);
			else
				total = getput_pthreads(&g, kind + 1);
			elapsed = (double)(rte_get_timer_cycles() - t0) / rte_get_timer_hz();
			if (g.failed || total == 0) {
				printf("# %s: a get failed or a thread did not start\n", name);
				continue;
			}
			printf("BENCH %s %.0f objs/s\n", name, total / elapsed);
			fflush(stdout);
		}
	}
	rte_mempool_free(mp);
	return 0;
}

/* What an mbuf constructor does: write the first cache line of the object. */
static void
obj_init(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	(void)mp;
	(void)arg;
	memset(obj, 0, 64);
	*(unsigned int *)obj = idx;
}

static size_t
free_hugepage_bytes(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	unsigned long n = 0, kb = 2048;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		sscanf(line, "HugePages_Free: %lu", &n);
		sscanf(line, "Hugepagesize: %lu kB", &kb);
	}
	fclose(f);
	return (size_t)n * kb * 1024;
}

static int
bench_create(void)
{
	unsigned int sizes[16] = {200000, 800000};
	unsigned int i, nb_sizes = 2;
	const char *env = getenv("BENCH_CREATE_SIZES");

	if (env != NULL && *env != '\0') {
		char *end;

		for (nb_sizes = 0; nb_sizes < RTE_DIM(sizes) && *env != '\0'; env = end) {
			unsigned long v = strtoul(env, &end, 10);

			if (end == env || v == 0 || v > UINT32_MAX) {
				printf("# BENCH_CREATE_SIZES: want positive counts separated by ',', got '%s'\n",
				       env);
				return -1;
			}
			sizes[nb_sizes++] = (unsigned int)v;
			if (*end == ',')
				end++;
		}
	}
	for (i = 0; i < nb_sizes; i++) {
		struct rte_mempool_objsz sz;
		struct rte_mempool *mp;
		char name[64];
		uint64_t t0;
		double secs;
		size_t need;

		snprintf(name, sizeof(name), "mempool_create_%uk_mbuf_sized", sizes[i] / 1000);
		if (!bench_wanted(name, filter))
			continue;
		rte_mempool_calc_obj_size(MBUF_SIZED, 0, &sz);
		need = (size_t)sizes[i] * sz.total_size;
		if (rte_eal_has_hugepages() && free_hugepage_bytes() < need + need / 8) {
			printf("# %s skipped: needs %zu MB of free hugepages, %zu MB free\n", name,
			       need >> 20, free_hugepage_bytes() >> 20);
			continue;
		}
		t0 = rte_get_timer_cycles();
		mp = rte_mempool_create("bench_create", sizes[i], MBUF_SIZED, 256, 64, NULL, NULL,
					obj_init, NULL, SOCKET_ID_ANY, 0);
		secs = (double)(rte_get_timer_cycles() - t0) / rte_get_timer_hz();
		if (mp == NULL) {
			printf("# %s: %s\n", name, rte_strerror(rte_errno));
			continue;
		}
		printf("BENCH %s %.3f pools/s\n# %s: %.1f ms, %u chunks\n", name, 1.0 / secs, name,
		       secs * 1e3, mp->nb_mem_chunks);
		fflush(stdout);
		rte_mempool_free(mp);
	}
	return 0;
}

/*
 * mempool_create_anon_200k_mbuf_sized: the pool testpmd --mp-anon builds,
 * rte_mempool_create_empty() + rte_mempool_populate_anon() + the same
 * constructor, timed; value = pools/s. Where IOVA is physical the
 * anonymous area is one chunk per run of contiguous small pages; DPDK
 * 22.11 then logs a line per page that its memseg lists cannot hold, so
 * EAL lines below errors are muted during the case.
 */
static int
bench_create_anon(void)
{
	const char *name = "mempool_create_anon_200k_mbuf_sized";
	const unsigned int n = 200000;
	struct rte_mempool *mp;
	uint32_t eal_level;
	uint64_t t0;
	double secs;
	int added;

	if (!bench_wanted(name, filter))
		return 0;
	eal_level = rte_log_get_level(RTE_LOGTYPE_EAL);
	rte_log_set_level(RTE_LOGTYPE_EAL, RTE_LOG_CRIT);
	t0 = rte_get_timer_cycles();
	mp = rte_mempool_create_empty("bench_anon", n, MBUF_SIZED, 256, 64, SOCKET_ID_ANY, 0);
	added = mp != NULL ? rte_mempool_populate_anon(mp) : 0;
	if (added == (int)n)
		rte_mempool_obj_iter(mp, obj_init, NULL);
	secs = (double)(rte_get_timer_cycles() - t0) / rte_get_timer_hz();
	rte_log_set_level(RTE_LOGTYPE_EAL, eal_level);
	if (added != (int)n) {
		printf("# %s: %d of %u objects: %s\n", name, added, n, rte_strerror(rte_errno));
		rte_mempool_free(mp);
		return 0;
	}
	printf("BENCH %s %.3f pools/s\n# %s: %.1f ms, %u chunks\n", name, 1.0 / secs, name,
	       secs * 1e3, mp->nb_mem_chunks);
	fflush(stdout);
	rte_mempool_free(mp);
	return 0;
}

int
main(int argc, char **argv)
{
	if (bench_start(argc, argv, &seconds, &filter) < 0)
		return 1;

	if (bench_getput() < 0 || bench_getput_non_eal() < 0 || bench_create() < 0 ||
	    bench_create_anon() < 0)
		return 1;
	rte_eal_cleanup();
	return 0;
}
