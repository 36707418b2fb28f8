/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpkit-fault-init-probe: rte_eal_init(argv), and when it fails, what it
 * left behind — hugepage fds and hugepage mappings still held by this
 * process. fault_init_autotest runs it with DPKIT_FAULT aimed at each
 * reservation start-up makes. (dpkit-test cannot do this: its main()
 * returns as soon as rte_eal_init fails.)
 *
 * Prints one line "init=<ok|failed> memfds=N hugepage_maps=N" and exits
 * 0 when nothing is left behind, 2 when something is.
 */

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>

namespace {

/* fds of this process that are memory memfds or hugetlbfs files. The
 * process's shared memory configuration (memfd "dpkit_mem_config") is not
 * counted: it is made on first use and lives as long as the process, as
 * DPDK's configuration does, whether init succeeds or not. */
unsigned
hugepage_fds()
{
	unsigned n = 0;
	DIR *d = opendir("/proc/self/fd");
	if (d == nullptr)
		return 0;
	while (struct dirent *e = readdir(d)) {
		char path[320], target[4096];
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		ssize_t len = readlink(path, target, sizeof(target) - 1);
		if (len <= 0)
			continue;
		target[len] = '\0';
		if (strncmp(target, "/memfd:dpkit_mem_config", 23) == 0)
			continue;
		if (strncmp(target, "/memfd:", 7) == 0 || strstr(target, "map_") != nullptr)
			n++;
	}
	closedir(d);
	return n;
}

/* mappings with hugetlb pages behind them */
unsigned
hugepage_mappings()
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (f == nullptr)
		return 0;
	char line[512];
	unsigned n = 0;
	while (fgets(line, sizeof(line), f) != nullptr) {
		unsigned long kb;
		/* hugetlb pages are counted in Shared/Private_Hugetlb, not Rss */
		if ((sscanf(line, "Shared_Hugetlb: %lu kB", &kb) == 1 ||
		     sscanf(line, "Private_Hugetlb: %lu kB", &kb) == 1) &&
		    kb > 0)
			n++;
	}
	fclose(f);
	return n;
}

} // namespace

int
main(int argc, char **argv)
{
	int r = rte_eal_init(argc, argv);
	if (r >= 0) {
		rte_eal_cleanup();
		printf("init=ok memfds=%u hugepage_maps=%u\n", hugepage_fds(), hugepage_mappings());
		return 0;
	}
	unsigned fds = hugepage_fds(), maps = hugepage_mappings();
	printf("init=failed (%s) memfds=%u hugepage_maps=%u\n", rte_strerror(rte_errno), fds, maps);
	return fds == 0 && maps == 0 ? 0 : 2;
}
