/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A DPDK-style program built only with `pkg-config --cflags --libs` (dpkit's
 * own name, and the libdpdk alias): start the EAL, say hello from every
 * lcore, stop. Exit 0 only when every lcore ran the function once.
 */

#include <stdio.h>
#include <stdlib.h>

#include <rte_eal.h>
#include <rte_debug.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_per_lcore.h>
#include <rte_atomic.h>

static int greeted[RTE_MAX_LCORE];

static int
greet(void *arg)
{
	(void)arg;
	unsigned int id = rte_lcore_id();
	greeted[id]++;
	printf("hello from lcore %u\n", id);
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned int lcore_id;

	if (rte_eal_init(argc, argv) < 0)
		rte_panic("Cannot init EAL\n");

	RTE_LCORE_FOREACH_WORKER(lcore_id)
	rte_eal_remote_launch(greet, NULL, lcore_id);
	greet(NULL);
	rte_eal_mp_wait_lcore();

	int ok = 1;
	RTE_LCORE_FOREACH(lcore_id)
	if (greeted[lcore_id] != 1)
		ok = 0;
	rte_eal_cleanup();
	return ok ? 0 : 1;
}
