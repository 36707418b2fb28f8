/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * PLACEHOLDER (skeleton only): consumes EAL arguments up to "--" so that the
 * build and the test runner can be wired. The real EAL start-up (options,
 * lcores, memory) replaces this file before anything lands.
 *
 * eal-memory: until eal-core lands, this also reads the memory options into
 * config() and calls memory_init()/memory_cleanup(). Replace freely.
 */

#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "eal_private.h"

namespace dpkit::eal_detail {
internal_config &config()
{
	static internal_config c;
	return c;
}
} // namespace dpkit::eal_detail

namespace {
uint64_t mb(const char *s) { return strtoull(s, nullptr, 0) << 20; }
bool initialised;
} // namespace

extern "C" int rte_eal_init(int argc, char **argv)
{
	auto &c = dpkit::eal_detail::config();
	int i;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i];
		const char *v = strchr(a, '=') ? strchr(a, '=') + 1 : (i + 1 < argc ? argv[i + 1] : "");
		bool sep = strchr(a, '=') == nullptr;
		if (!strcmp(a, "--no-huge")) c.no_hugetlbfs = true;
		else if (!strcmp(a, "--legacy-mem")) c.legacy_mem = true;
		else if (!strcmp(a, "--in-memory")) c.in_memory = true;
		else if (!strcmp(a, "--single-file-segments")) c.single_file_segments = true;
		else if (!strcmp(a, "-m")) { c.memory = mb(v); i++; }
		else if (!strncmp(a, "--socket-mem", 12) || !strncmp(a, "--socket-limit", 14)) {
			bool lim = a[9] == 'l';
			uint64_t *dst = lim ? c.socket_limit : c.socket_mem;
			const char *p = v;
			for (int s = 0; s < RTE_MAX_NUMA_NODES && *p; s++) {
				dst[s] = mb(p);
				p = strchr(p, ',') ? strchr(p, ',') + 1 : "";
			}
			(lim ? c.force_socket_limits : c.force_sockets) = true;
			i += sep;
		} else if (!strncmp(a, "--huge-dir", 10)) { c.hugepage_dir = v; i += sep; }
		else if (!strncmp(a, "--file-prefix", 13)) { c.hugefile_prefix = v; i += sep; }
		else if (!strncmp(a, "--iova-mode", 11)) {
			c.iova_mode = !strcmp(v, "pa") ? RTE_IOVA_PA : RTE_IOVA_VA; i += sep;
		}
	}
	if (dpkit::eal_detail::memory_init() < 0) {
		rte_errno = ENOMEM;
		return -1;
	}
	initialised = true;
	return i < argc ? i : argc - 1;
}

extern "C" int rte_eal_cleanup(void)
{
	if (initialised)
		dpkit::eal_detail::memory_cleanup();
	initialised = false;
	return 0;
}
