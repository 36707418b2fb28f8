/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Ring benchmark written against the DPDK 22.11 API only: the same file
 * builds against dpkit and against DPDK, and devtools/bench-vs-dpdk.sh runs
 * both and prints them side by side.
 *
 * Cases, one output line each: "BENCH <case> <value> Mops/s", where value is
 * millions of elements moved per second (higher is better):
 *  - ring_<mode>_<op>_<n>_1c: one lcore enqueues n elements and dequeues
 *    them again, over and over (ring always nearly empty: the cost of the
 *    calls themselves). op is single (one object per call), bulk or burst.
 *  - ring_<mode>_<op>_<n>_2c: one lcore only enqueues, another only
 *    dequeues (the cost of moving elements and ring state between two
 *    cores). Needs 2 lcores.
 * mode: spsc (sp/sc calls) and mpmc (mp/mc calls), with n = 1, 8, 32, 64,
 * 128 (1c) and 8, 32, 128 (2c); rts and hts (default calls on a ring made
 * in that mode) and elem16 (sp/sc calls, 16-byte elements), with fewer
 * sizes.
 * Pointer rings hold 4096 slots, like DPDK's ring_perf_autotest.
 *
 * Usage: ring_bench [EAL options] [-- [seconds per case] [case prefix]]
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "bench_common.h"

#define RING_SIZE 4096
#define MAX_BULK 128
#define CALLS_PER_CHECK 128 /* calls between two reads of the clock */

static double seconds = 0.2;
static const char *filter = "";

/* Sizes read through a volatile so the compiler cannot specialise on them. */
static volatile unsigned int bulk_sizes[] = {1, 8, 32, 64, 128};

struct elem16 {
	uint64_t a, b;
};
_Static_assert(MAX_BULK * sizeof(struct elem16) <= BENCH_PLACE_ARRAY_MAX, "objs must fit a place");

static void
report(const char *name, uint64_t elements, uint64_t cycles)
{
	double secs = (double)cycles / (double)rte_get_tsc_hz();
	printf("BENCH %s %.2f Mops/s\n", name, (double)elements / secs / 1e6);
	fflush(stdout);
}

/* ---- one lcore: enqueue n, dequeue n, repeat ---- */

/*
 * One function per calling style, so each call inlines with its mode
 * known at compile time, as it would in an application.
 */
#define ONE_CORE_LOOP(fn_name, ENQ, DEQ, objtype) \
	static uint64_t fn_name(struct rte_ring *r, unsigned int n, uint64_t cycles) \
	{ \
		static struct bench_places places; \
		objtype *objs; \
		uint64_t calls = 0, end = rte_rdtsc() + cycles; \
		unsigned int i; \
		do { \
			objs = bench_place_next(&places); \
			for (i = 0; i < CALLS_PER_CHECK; i++) { \
				if (ENQ != n || DEQ != n) \
					return 0; \
			} \
			calls += CALLS_PER_CHECK; \
		} while (rte_rdtsc() < end); \
		return calls * n; \
	}

ONE_CORE_LOOP(spsc_bulk_1c, rte_ring_sp_enqueue_bulk(r, objs, n, NULL),
	      rte_ring_sc_dequeue_bulk(r, objs, n, NULL), void *)
ONE_CORE_LOOP(spsc_burst_1c, rte_ring_sp_enqueue_burst(r, objs, n, NULL),
	      rte_ring_sc_dequeue_burst(r, objs, n, NULL), void *)
ONE_CORE_LOOP(mpmc_bulk_1c, rte_ring_mp_enqueue_bulk(r, objs, n, NULL),
	      rte_ring_mc_dequeue_bulk(r, objs, n, NULL), void *)
ONE_CORE_LOOP(mpmc_burst_1c, rte_ring_mp_enqueue_burst(r, objs, n, NULL),
	      rte_ring_mc_dequeue_burst(r, objs, n, NULL), void *)
ONE_CORE_LOOP(dflt_bulk_1c, rte_ring_enqueue_bulk(r, objs, n, NULL),
	      rte_ring_dequeue_bulk(r, objs, n, NULL), void *)
ONE_CORE_LOOP(dflt_burst_1c, rte_ring_enqueue_burst(r, objs, n, NULL),
	      rte_ring_dequeue_burst(r, objs, n, NULL), void *)
ONE_CORE_LOOP(elem16_bulk_1c, rte_ring_sp_enqueue_bulk_elem(r, objs, 16, n, NULL),
	      rte_ring_sc_dequeue_bulk_elem(r, objs, 16, n, NULL), struct elem16)
ONE_CORE_LOOP(elem16_burst_1c, rte_ring_sp_enqueue_burst_elem(r, objs, 16, n, NULL),
	      rte_ring_sc_dequeue_burst_elem(r, objs, 16, n, NULL), struct elem16)
/* single-object calls: n is 1 */
ONE_CORE_LOOP(spsc_single_1c, (unsigned int)(rte_ring_sp_enqueue(r, objs[0]) == 0),
	      (unsigned int)(rte_ring_sc_dequeue(r, &objs[0]) == 0), void *)
ONE_CORE_LOOP(mpmc_single_1c, (unsigned int)(rte_ring_mp_enqueue(r, objs[0]) == 0),
	      (unsigned int)(rte_ring_mc_dequeue(r, &objs[0]) == 0), void *)

typedef uint64_t (*one_core_fn)(struct rte_ring *, unsigned int, uint64_t);

struct ring_kind {
	const char *mode;
	unsigned int flags;
	unsigned int esize;
	one_core_fn bulk, burst, single; /* single may be NULL */
};

static const struct ring_kind kinds[] = {
	{"spsc", 0, sizeof(void *), spsc_bulk_1c, spsc_burst_1c, spsc_single_1c},
	{"mpmc", 0, sizeof(void *), mpmc_bulk_1c, mpmc_burst_1c, mpmc_single_1c},
	{"rts", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, sizeof(void *), dflt_bulk_1c, dflt_burst_1c,
	 NULL},
	{"hts", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, sizeof(void *), dflt_bulk_1c, dflt_burst_1c,
	 NULL},
	{"elem16", RING_F_SP_ENQ | RING_F_SC_DEQ, 16, elem16_bulk_1c, elem16_burst_1c, NULL},
};

static struct rte_ring *
make_ring(const struct ring_kind *k)
{
	char name[RTE_RING_NAMESIZE];
	static unsigned int serial;

	snprintf(name, sizeof(name), "bench_%s_%u", k->mode, serial++);
	struct rte_ring *r = rte_ring_create_elem(name, k->esize, RING_SIZE, rte_socket_id(),
						  k->flags);
	if (r == NULL)
		printf("# cannot create ring %s: %s\n", name, rte_strerror(rte_errno));
	return r;
}

static void
run_one_core(const struct ring_kind *k, const char *op, one_core_fn fn, unsigned int n,
	     uint64_t cycles)
{
	char name[64];
	snprintf(name, sizeof(name), "ring_%s_%s_%u_1c", k->mode, op, n);
	if (!bench_wanted(name, filter))
		return;
	struct rte_ring *r = make_ring(k);
	if (r == NULL)
		return;
	fn(r, n, cycles / 10); /* warm up caches and the branch predictor */
	uint64_t start = rte_rdtsc();
	uint64_t elements = fn(r, n, cycles);
	uint64_t took = rte_rdtsc() - start;
	if (elements == 0)
		printf("# %s: an enqueue or dequeue came up short\n", name);
	else
		report(name, elements, took);
	rte_ring_free(r);
}

/* ---- two lcores: one only enqueues, the other only dequeues ---- */

struct two_core {
	struct rte_ring *r;
	const struct ring_kind *kind;
	int burst;
	unsigned int n;
	volatile int start, stop;
};

/* CALLS_PER_CHECK calls of one side; returns the elements moved. */
#define TWO_CORE_SIDE(fn_name, CALL, objtype) \
	static uint64_t fn_name(struct rte_ring *r, unsigned int n) \
	{ \
		static struct bench_places places[RTE_MAX_LCORE]; \
		objtype *objs = bench_place_next(&places[rte_lcore_id()]); \
		uint64_t moved = 0; \
		unsigned int i, got; \
		for (i = 0; i < CALLS_PER_CHECK; i++) { \
			got = CALL; \
			moved += got; \
			if (got == 0) \
				rte_pause(); \
		} \
		return moved; \
	}

TWO_CORE_SIDE(spsc_enq_bulk, rte_ring_sp_enqueue_bulk(r, objs, n, NULL), void *)
TWO_CORE_SIDE(spsc_deq_bulk, rte_ring_sc_dequeue_bulk(r, objs, n, NULL), void *)
TWO_CORE_SIDE(spsc_enq_burst, rte_ring_sp_enqueue_burst(r, objs, n, NULL), void *)
TWO_CORE_SIDE(spsc_deq_burst, rte_ring_sc_dequeue_burst(r, objs, n, NULL), void *)
TWO_CORE_SIDE(mpmc_enq_bulk, rte_ring_mp_enqueue_bulk(r, objs, n, NULL), void *)
TWO_CORE_SIDE(mpmc_deq_bulk, rte_ring_mc_dequeue_bulk(r, objs, n, NULL), void *)
TWO_CORE_SIDE(mpmc_enq_burst, rte_ring_mp_enqueue_burst(r, objs, n, NULL), void *)
TWO_CORE_SIDE(mpmc_deq_burst, rte_ring_mc_dequeue_burst(r, objs, n, NULL), void *)
TWO_CORE_SIDE(dflt_enq_bulk, rte_ring_enqueue_bulk(r, objs, n, NULL), void *)
TWO_CORE_SIDE(dflt_deq_bulk, rte_ring_dequeue_bulk(r, objs, n, NULL), void *)
TWO_CORE_SIDE(dflt_enq_burst, rte_ring_enqueue_burst(r, objs, n, NULL), void *)
TWO_CORE_SIDE(dflt_deq_burst, rte_ring_dequeue_burst(r, objs, n, NULL), void *)
TWO_CORE_SIDE(elem16_enq_bulk, rte_ring_sp_enqueue_bulk_elem(r, objs, 16, n, NULL), struct elem16)
TWO_CORE_SIDE(elem16_deq_bulk, rte_ring_sc_dequeue_bulk_elem(r, objs, 16, n, NULL), struct elem16)
TWO_CORE_SIDE(elem16_enq_burst, rte_ring_sp_enqueue_burst_elem(r, objs, 16, n, NULL), struct elem16)
TWO_CORE_SIDE(elem16_deq_burst, rte_ring_sc_dequeue_burst_elem(r, objs, 16, n, NULL), struct elem16)

typedef uint64_t (*side_fn)(struct rte_ring *, unsigned int);

/* [kind][burst][consumer] */
static const side_fn sides[][2][2] = {
	{{spsc_enq_bulk, spsc_deq_bulk}, {spsc_enq_burst, spsc_deq_burst}},
	{{mpmc_enq_bulk, mpmc_deq_bulk}, {mpmc_enq_burst, mpmc_deq_burst}},
	{{dflt_enq_bulk, dflt_deq_bulk}, {dflt_enq_burst, dflt_deq_burst}},
	{{dflt_enq_bulk, dflt_deq_bulk}, {dflt_enq_burst, dflt_deq_burst}},
	{{elem16_enq_bulk, elem16_deq_bulk}, {elem16_enq_burst, elem16_deq_burst}},
};

static int
producer_lcore(void *arg)
{
	struct two_core *t = arg;
	side_fn produce = sides[t->kind - kinds][t->burst][0];

	while (!t->start)
		rte_pause();
	while (!t->stop)
		produce(t->r, t->n);
	return 0;
}

static void
run_two_cores(const struct ring_kind *k, int burst, unsigned int n, uint64_t cycles)
{
	static struct two_core t;
	char name[64];

	snprintf(name, sizeof(name), "ring_%s_%s_%u_2c", k->mode, burst ? "burst" : "bulk", n);
	if (!bench_wanted(name, filter))
		return;
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE) {
		printf("# %s skipped: needs a second lcore (-l 0-1)\n", name);
		return;
	}
	struct rte_ring *r = make_ring(k);
	if (r == NULL)
		return;
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.kind = k;
	t.burst = burst;
	t.n = n;
	if (rte_eal_remote_launch(producer_lcore, &t, worker) != 0) {
		printf("# %s: cannot launch on lcore %u\n", name, worker);
		rte_ring_free(r);
		return;
	}
	/* the main lcore consumes and keeps the time; the first tenth is warm-up */
	side_fn consume = sides[k - kinds][burst][1];
	t.start = 1;
	uint64_t warm_end = rte_rdtsc() + cycles / 10;
	while (rte_rdtsc() < warm_end)
		consume(r, n);
	uint64_t moved = 0, start = rte_rdtsc(), end = start + cycles;
	do {
		moved += consume(r, n);
	} while (rte_rdtsc() < end);
	uint64_t took = rte_rdtsc() - start;
	t.stop = 1;
	rte_eal_wait_lcore(worker);
	report(name, moved, took);
	rte_ring_free(r);
}

int
main(int argc, char **argv)
{
	if (bench_start(argc, argv, &seconds, &filter) < 0)
		return 1;
	if (seconds <= 0)
		seconds = 0.2;

	const uint64_t cycles = (uint64_t)(seconds * (double)rte_get_tsc_hz());
	const unsigned int nkinds = RTE_DIM(kinds);
	unsigned int k, i;

	printf("# ring_bench: %.2f s per case, tsc %.0f MHz, %u lcores\n", seconds,
	       rte_get_tsc_hz() / 1e6, rte_lcore_count());
	/* spsc and mpmc: every call and size; the other modes: a few sizes */
	for (k = 0; k < nkinds; k++) {
		const int all = k < 2;
		if (kinds[k].single != NULL)
			run_one_core(&kinds[k], "single", kinds[k].single, 1, cycles);
		for (i = 0; i < RTE_DIM(bulk_sizes); i++)
			if (all || bulk_sizes[i] != 64)
				run_one_core(&kinds[k], "bulk", kinds[k].bulk, bulk_sizes[i],
					     cycles);
		for (i = 0; i < RTE_DIM(bulk_sizes); i++)
			if (all || bulk_sizes[i] == 32)
				run_one_core(&kinds[k], "burst", kinds[k].burst, bulk_sizes[i],
					     cycles);
	}
	for (k = 0; k < nkinds; k++) {
		const int all = k < 2;
		for (i = 1; i < RTE_DIM(bulk_sizes); i++) {
			if (bulk_sizes[i] == 64 || (!all && bulk_sizes[i] != 32))
				continue;
			run_two_cores(&kinds[k], 0, bulk_sizes[i], cycles);
			if (all)
				run_two_cores(&kinds[k], 1, bulk_sizes[i], cycles);
		}
	}
	rte_eal_cleanup();
	return 0;
}
