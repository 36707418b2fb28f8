/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Hugepage inventory: which page sizes exist and how many pages of each are
 * free per socket. No mount is needed: pages come from hugetlb memfds. With
 * --huge-dir only the page size of that hugetlbfs mount is used, and pages
 * are files in it.
 */

#include <errno.h>

#include <rte_log.h>

#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"

namespace dpkit::eal_detail {

long
hugepages_free_now(uint64_t page_sz, int socket)
{
	long n = os::hugepage_count(page_sz, socket, true);
	if (n >= 0)
		return n;
	/* No per-node directory (no NUMA in the kernel): socket 0 has them all. */
	return socket == 0 ? os::hugepage_count(page_sz, -1, true) : 0;
}

int
hugepage_info_init()
{
	auto &types = local().hugepage_types;
	types.clear();
	const auto &cfg = config();
	mem_config &m = mcfg();

	uint64_t dir_page_sz = 0;
	if (!cfg.hugepage_dir.empty()) {
		dir_page_sz = os::hugetlbfs_page_size(cfg.hugepage_dir);
		if (dir_page_sz == 0) {
			EAL_LOG(ERR,
				"--huge-dir %s is not a hugetlbfs mount; mount one "
				"(mount -t hugetlbfs nodev %s) or drop --huge-dir to use memfd",
				cfg.hugepage_dir.c_str(), cfg.hugepage_dir.c_str());
			return -EINVAL;
		}
	}

	for (uint64_t sz : os::hugepage_sizes()) {
		if (dir_page_sz != 0 && sz != dir_page_sz)
			continue;
		hugepage_type t{};
		t.page_sz = sz;
		long any = 0;
		for (int s = 0; s < m.n_sockets; s++) {
			int sock = m.sockets[s];
			t.free_pages[sock] = hugepages_free_now(sz, sock);
			any += t.free_pages[sock];
		}
		/* A size with no page reserved at all is of no use; one whose
		 * pages are all taken right now may free up later (dynamic). */
		if (os::hugepage_count(sz, -1, false) <= 0 && any == 0)
			continue;
		if (dir_page_sz != 0)
			t.dir = cfg.hugepage_dir;
		types.push_back(t);
	}
	if (types.empty()) {
		if (dir_page_sz != 0)
			EAL_LOG(ERR,
				"no %llu kB hugepages reserved for --huge-dir %s; "
				"reserve some (echo N > /sys/kernel/mm/hugepages/hugepages-%llukB/"
				"nr_hugepages) or use --no-huge",
				(unsigned long long)(dir_page_sz >> 10), cfg.hugepage_dir.c_str(),
				(unsigned long long)(dir_page_sz >> 10));
		else
			EAL_LOG(ERR, "no hugepages reserved; reserve some "
				     "(echo 512 > /proc/sys/vm/nr_hugepages) or use --no-huge");
		return -ENOMEM;
	}
	return 0;
}

} // namespace dpkit::eal_detail
