/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What every bench in this folder shares, written against the DPDK API only
 * like the benches themselves (devtools/bench-vs-dpdk.sh builds each one
 * against dpkit and against DPDK 22.11): the command line
 * "[EAL options] -- [seconds per case] [case prefix]" and the case filter.
 */

#ifndef DPKIT_BENCH_COMMON_H
#define DPKIT_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>

/*
 * Start the EAL and read the bench's own arguments after it. *seconds and
 * *filter keep their values when an argument is absent. Returns 0, or -1
 * (with a line on stdout) when the EAL does not start.
 * The timer rate is asked for once here: DPDK finds it in rte_eal_init(),
 * dpkit on first use (about 20 ms of measuring where CPUID does not give
 * it), and no case may pay that inside its timed window.
 */
static inline int
bench_start(int argc, char **argv, double *seconds, const char **filter)
{
	int ret = rte_eal_init(argc, argv);

	if (ret < 0) {
		printf("EAL init failed: %s\n", rte_strerror(rte_errno));
		return -1;
	}
	(void)rte_get_timer_hz();
	argc -= ret;
	argv += ret;
	if (argc > 1)
		*seconds = atof(argv[1]);
	if (argc > 2)
		*filter = argv[2];
	return 0;
}

/* Whether case @p name was asked for: its name starts with @p filter. */
static inline int
bench_wanted(const char *name, const char *filter)
{
	return strncmp(name, filter, strlen(filter)) == 0;
}

/*
 * Where the arrays that objects pass through ("objs") sit. A load that
 * follows a store to an address a multiple of 4 KB away waits for it as
 * if they overlapped (4K aliasing), so the place of objs relative to the
 * library's own arrays (cache stacks, ring slots) decides whether a loop
 * runs at full speed or about half. With one place per process, stack
 * randomization picks the speed at random for each run, for dpkit and DPDK
 * alike. Each loop therefore moves its objs over BENCH_PLACES places
 * BENCH_PLACE_STEP bytes apart, spanning a page, changing place every few
 * microseconds: a case measures the mean over placements, the same for
 * both builds.
 */
#define BENCH_PLACES 16
#define BENCH_PLACE_STEP 256
#define BENCH_PLACE_ARRAY_MAX 4096 /* bytes of objs at most */

struct bench_places {
	char area[BENCH_PLACES * BENCH_PLACE_STEP + BENCH_PLACE_ARRAY_MAX]
		__attribute__((aligned(4096)));
	unsigned int next;
};

/* The next place for objs, in turn. */
static inline void *
bench_place_next(struct bench_places *p)
{
	void *at = p->area + (p->next % BENCH_PLACES) * BENCH_PLACE_STEP;

	p->next++;
	return at;
}

#endif /* DPKIT_BENCH_COMMON_H */
