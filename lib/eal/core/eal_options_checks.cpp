/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * EAL options checked against each other and against the machine, once
 * all are read (eal_options.cpp calls these from check_combinations()):
 * the memory options between themselves, a size no machine part can hold,
 * and options that have nothing to act on here.
 */

#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"

namespace dpkit::eal_detail {

namespace {

/* A kB figure from /proc/meminfo, 0 when absent. */
uint64_t
meminfo_kb(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	if (f == nullptr)
		return 0;
	char line[256];
	uint64_t kb = 0;
	size_t klen = strlen(key);
	while (fgets(line, sizeof(line), f) != nullptr)
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			kb = strtoull(line + klen + 1, nullptr, 10);
			break;
		}
	fclose(f);
	return kb;
}

/* Bytes of hugepages the kernel has reserved, all page sizes together. */
uint64_t
hugepages_total_bytes()
{
	glob_t g;
	uint64_t total = 0;
	if (glob("/sys/kernel/mm/hugepages/hugepages-*kB", 0, nullptr, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		unsigned long long kb;
		if (sscanf(strrchr(g.gl_pathv[i], '/') + 1, "hugepages-%llukB", &kb) != 1)
			continue;
		/* no C++ allocation between glob and globfree */
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/nr_hugepages", g.gl_pathv[i]);
		FILE *f = fopen(path, "r");
		if (f == nullptr)
			continue;
		unsigned long long n = 0;
		if (fscanf(f, "%llu", &n) == 1)
			total += n * kb * 1024;
		fclose(f);
	}
	globfree(&g);
	return total;
}

} // namespace

/* Checks between the memory options (sizes, modes, files) and -a/-b;
 * with --socket-mem, the total goes to -m's value. @return 0 or -EINVAL. */
int
check_memory_options(internal_config &c)
{
	if (c.memory != 0 && c.force_sockets) {
		EAL_LOG(ERR, "-m and --socket-mem both set the memory size; use only one");
		return -EINVAL;
	}
	if (c.no_hugetlbfs && c.force_sockets) {
		EAL_LOG(ERR, "--socket-mem needs hugepages; it cannot be used with --no-huge "
			     "(use -m)");
		return -EINVAL;
	}
	if (c.no_hugetlbfs && c.force_socket_limits) {
		EAL_LOG(ERR, "--socket-limit needs hugepages; it cannot be used with "
			     "--no-huge");
		return -EINVAL;
	}
	if (c.legacy_mem && c.force_socket_limits) {
		EAL_LOG(ERR, "--socket-limit only works in dynamic memory mode; drop "
			     "--legacy-mem or --socket-limit");
		return -EINVAL;
	}
	if (c.force_sockets && c.force_socket_limits) {
		for (unsigned int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
			if (c.socket_limit[s] != 0 && c.socket_limit[s] < c.socket_mem[s]) {
				EAL_LOG(ERR,
					"--socket-limit: socket %u limit %" PRIu64 " MB is "
					"below its --socket-mem %" PRIu64 " MB; raise the limit",
					s, c.socket_limit[s] >> 20, c.socket_mem[s] >> 20);
				return -EINVAL;
			}
		}
	}
	if (c.force_sockets) {
		c.memory = 0;
		for (uint64_t bytes : c.socket_mem)
			c.memory += bytes;
	}
	if (c.match_allocations && c.legacy_mem) {
		EAL_LOG(ERR, "--match-allocations needs dynamic memory; drop --legacy-mem or "
			     "--match-allocations");
		return -EINVAL;
	}
	if (c.match_allocations && c.no_hugetlbfs) {
		EAL_LOG(ERR, "--match-allocations needs hugepages; it cannot be used with "
			     "--no-huge");
		return -EINVAL;
	}
	if (c.huge_unlink == huge_unlink_mode::always && !c.in_memory) {
		if (c.no_hugetlbfs) {
			EAL_LOG(ERR, "--huge-unlink cannot be used with --no-huge: there are "
				     "no hugepage files");
			return -EINVAL;
		}
		if (c.single_file_segments) {
			EAL_LOG(ERR, "--huge-unlink=always cannot be used with "
				     "--single-file-segments; drop one of them");
			return -EINVAL;
		}
	}
	if (!c.allow_list.empty() && !c.block_list.empty()) {
		EAL_LOG(ERR, "-a/--allow and -b/--block cannot be used together");
		return -EINVAL;
	}

	return 0;
}

/* A memory size larger than the machine's RAM or its hugepages.
 * @return 0 or -ENOMEM. */
int
check_memory_size(const internal_config &c)
{
	/* A size that cannot exist is an argument error; whether the memory
	 * is actually free is for memory start-up to say. */
	uint64_t ram = meminfo_kb("MemTotal") * 1024;
	if (c.memory != 0 && ram != 0 && c.memory > ram) {
		EAL_LOG(ERR,
			"%s: %" PRIu64 " MB asked but this machine has %" PRIu64
			" MB of RAM; ask for less",
			c.force_sockets ? "--socket-mem" : "-m", c.memory >> 20, ram >> 20);
		return -ENOMEM;
	}
	uint64_t huge = c.no_hugetlbfs ? 0 : hugepages_total_bytes();
	if (c.memory != 0 && huge != 0 && c.memory > huge) {
		EAL_LOG(ERR,
			"%s: %" PRIu64 " MB asked but only %" PRIu64 " MB of hugepages "
			"are reserved; ask for less, reserve more hugepages or use --no-huge",
			c.force_sockets ? "--socket-mem" : "-m", c.memory >> 20, huge >> 20);
		return -ENOMEM;
	}

	return 0;
}

/* One line for each option given that has nothing to act on. */
void
report_idle_options(const internal_config &c)
{
	if (c.huge_unlink_given) {
		const char *mode = c.huge_unlink == huge_unlink_mode::always  ? "always"
				   : c.huge_unlink == huge_unlink_mode::never ? "never"
									      : "existing";
		if (c.no_hugetlbfs || c.in_memory || c.hugepage_dir.empty())
			EAL_LOG(NOTICE,
				"--huge-unlink=%s: pages are %s, there are no hugepage "
				"files to unlink",
				mode,
				c.no_hugetlbfs ? "anonymous memory" : "memfds (no --huge-dir)");
		else if (c.huge_unlink == huge_unlink_mode::never)
			EAL_LOG(WARNING,
				"--huge-unlink=never: pages keep what earlier "
				"processes wrote in them, and their files stay in %s",
				c.hugepage_dir.c_str());
	}
	if (!c.allow_list.empty() || !c.block_list.empty()) {
		const auto &list = c.allow_list.empty() ? c.block_list : c.allow_list;
		std::string all;
		for (const auto &a : list)
			all += (all.empty() ? "" : " ") + a;
		EAL_LOG(NOTICE, "dpkit has no PCI bus: %s %s ignored",
			c.allow_list.empty() ? "-b" : "-a", all.c_str());
	}
}

} // namespace dpkit::eal_detail
