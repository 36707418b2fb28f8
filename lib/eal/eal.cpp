/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * PLACEHOLDER (skeleton only): consumes EAL arguments up to "--" so that the
 * build and the test runner can be wired. The real EAL start-up (options,
 * lcores, memory) replaces this file before anything lands.
 */

#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

extern "C" int rte_eal_init(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			return i;
	return argc - 1;
}

extern "C" int rte_eal_cleanup(void)
{
	return 0;
}
