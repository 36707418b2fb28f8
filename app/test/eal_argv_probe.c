/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A minimal DPDK-style application in plain C11 (so it also checks that the
 * EAL headers work from C): runs rte_eal_init() on its own command line and
 * prints what the application is left with, which eal_flags_autotest
 * compares with what DPDK applications expect:
 *     ret=<n> argv=<prog>|<arg>|<arg>...
 * With DPKIT_PROBE_RETRY set, a failed init is tried again with good
 * arguments, to show whether the failure left the process usable:
 *     ret=-1 errno=<e> retry=<ret> retry_errno=<e>
 */

#include <stdlib.h>

#include <stdio.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>

int
main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		printf("ret=-1 errno=%d", rte_errno);
		if (getenv("DPKIT_PROBE_RETRY") != NULL) {
			char in_memory[] = "--in-memory", no_huge[] = "--no-huge";
			char *good[] = {argv[0], in_memory, no_huge, NULL};
			rte_errno = 0;
			ret = rte_eal_init(3, good);
			printf(" retry=%d retry_errno=%d", ret, ret < 0 ? rte_errno : 0);
			if (ret >= 0)
				rte_eal_cleanup();
		}
		printf("\n");
		return 1;
	}
	argc -= ret;
	argv += ret;
	printf("ret=%d argv=", ret);
	for (int i = 0; i < argc; i++)
		printf("%s%s", i ? "|" : "", argv[i]);
	printf("\n");
	rte_eal_cleanup();
	return 0;
}
