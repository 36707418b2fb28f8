/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What the kernel says about hugepages and NUMA: the page sizes in
 * /sys/kernel/mm/hugepages, per-node counts under
 * /sys/devices/system/node/node<N>/hugepages, and hugetlbfs mounts
 * (statfs). Read-only; no policy.
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>

#include <algorithm>
#include <string>
#include <vector>

#include "eal_os_private.h"

#ifndef HUGETLBFS_MAGIC
#define HUGETLBFS_MAGIC 0x958458f6
#endif

namespace dpkit::eal_detail::os {

namespace {

long
read_long(const char *path)
{
	FILE *f = fopen(path, "re");
	if (f == nullptr)
		return -1;
	long v = -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* Entries of @p dir whose name starts with @p prefix, suffixes only.
 * May throw std::bad_alloc (the directory is closed then too). */
std::vector<std::string>
entries_with_prefix(const char *dir, const char *prefix)
{
	std::vector<std::string> out;
	DIR *d = opendir(dir);
	if (d == nullptr)
		return out;
	struct closer {
		DIR *d;
		~closer() { closedir(d); }
	} c{d};
	size_t plen = strlen(prefix);
	while (struct dirent *e = readdir(d))
		if (strncmp(e->d_name, prefix, plen) == 0)
			out.emplace_back(e->d_name + plen);
	return out;
}

} // namespace

std::vector<uint64_t>
hugepage_sizes()
{
	std::vector<uint64_t> sizes;
	for (const auto &s : entries_with_prefix("/sys/kernel/mm/hugepages", "hugepages-")) {
		char *end = nullptr;
		unsigned long long kb = strtoull(s.c_str(), &end, 10);
		if (kb != 0 && end != nullptr && strcmp(end, "kB") == 0)
			sizes.push_back((uint64_t)kb * 1024);
	}
	std::sort(sizes.begin(), sizes.end());
	return sizes;
}

long
hugepage_count(uint64_t page_sz, int node, bool free)
{
	/* no C++ allocation: this runs in the failure report of rte_malloc */
	char path[160];
	const char *file = free ? "free_hugepages" : "nr_hugepages";
	const unsigned long long kb = (unsigned long long)(page_sz / 1024);
	if (node < 0)
		snprintf(path, sizeof(path), "/sys/kernel/mm/hugepages/hugepages-%llukB/%s", kb,
			 file);
	else
		snprintf(path, sizeof(path),
			 "/sys/devices/system/node/node%d/hugepages/"
			 "hugepages-%llukB/%s",
			 node, kb, file);
	return read_long(path);
}

std::vector<int>
numa_nodes()
{
	std::vector<int> nodes;
	for (const auto &s : entries_with_prefix("/sys/devices/system/node", "node")) {
		char *end = nullptr;
		long n = strtol(s.c_str(), &end, 10);
		if (!s.empty() && end != nullptr && *end == '\0' && n >= 0)
			nodes.push_back((int)n);
	}
	std::sort(nodes.begin(), nodes.end());
	if (nodes.empty())
		nodes.push_back(0);
	return nodes;
}

uint64_t
hugetlbfs_page_size(const std::string &dir)
{
	struct statfs st;
	if (statfs(dir.c_str(), &st) != 0 || (unsigned long)st.f_type != HUGETLBFS_MAGIC)
		return 0;
	return (uint64_t)st.f_bsize;
}

} // namespace dpkit::eal_detail::os
