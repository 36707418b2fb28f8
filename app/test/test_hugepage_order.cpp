/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Arranging the kernel's free hugepage list (see test_hugepage_order.h). */

#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "test_hugepage_order.h"

#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif
#ifndef MFD_HUGE_2MB
#define MFD_HUGE_2MB (21U << 26)
#endif

namespace {

constexpr uint64_t kPage = 2ULL << 20;

/* Physical address of the page mapped at @p va, or 0 if unknown. */
uint64_t
phys_of(int pagemap, const void *va)
{
	uint64_t entry = 0;
	off_t off = (off_t)((uintptr_t)va / 4096 * sizeof(entry));
	if (pread(pagemap, &entry, sizeof(entry), off) != (ssize_t)sizeof(entry))
		return 0;
	uint64_t pfn = entry & ((1ULL << 55) - 1);
	if (!(entry & (1ULL << 63)) || pfn == 0)
		return 0;
	return pfn * 4096;
}

/* Positions 0..n-1 of a sorted run in the order they should come. */
std::vector<unsigned>
wanted_order(unsigned n, test_page_order order)
{
	std::vector<unsigned> v(n);
	std::iota(v.begin(), v.end(), 0u);
	if (order == test_page_order::descending) {
		std::reverse(v.begin(), v.end());
	} else if (order == test_page_order::interleaved) {
		unsigned half = (n + 1) / 2, k = 0;
		for (unsigned i = 0; i < half; i++) {
			v[k++] = i;
			if (half + i < n)
				v[k++] = half + i;
		}
	}
	return v;
}

} // namespace

const char *
test_page_order_name(test_page_order order)
{
	switch (order) {
	case test_page_order::ascending: return "ascending";
	case test_page_order::descending: return "descending";
	case test_page_order::interleaved: return "interleaved";
	}
	return "?";
}

namespace {

int
arrange(unsigned n, unsigned take, test_page_order order, bool contiguous,
	std::vector<uint64_t> *phys, std::string &why)
{
	int fd = memfd_create("dpkit-test-arrange", MFD_CLOEXEC | MFD_HUGETLB | MFD_HUGE_2MB);
	if (fd < 0) {
		why = std::string("no hugetlb memfd: ") + strerror(errno);
		return -1;
	}
	if (fallocate(fd, 0, 0, (off_t)(take * kPage)) != 0) {
		why = "cannot take " + std::to_string(take) + " free 2 MB hugepages (" +
		      strerror(errno) + ")";
		close(fd);
		return -1;
	}
	void *va = mmap(nullptr, take * kPage, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
			fd, 0);
	int pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	std::vector<uint64_t> addr(take, 0);
	if (va != MAP_FAILED && pagemap >= 0)
		for (unsigned i = 0; i < take; i++)
			addr[i] = phys_of(pagemap, (char *)va + (size_t)i * kPage);
	if (pagemap >= 0)
		close(pagemap);
	if (va != MAP_FAILED)
		munmap(va, take * kPage);
	if (va == MAP_FAILED || std::count(addr.begin(), addr.end(), 0ULL) != 0) {
		why = "physical addresses are not readable from /proc/self/pagemap (needs root)";
		close(fd);
		return -1;
	}

	/* file pages sorted by physical address */
	std::vector<unsigned> sorted(take);
	std::iota(sorted.begin(), sorted.end(), 0u);
	std::sort(sorted.begin(), sorted.end(),
		  [&](unsigned a, unsigned b) { return addr[a] < addr[b]; });
	unsigned first = 0;
	if (contiguous) {
		unsigned run = 1;
		bool found = n == 1;
		for (unsigned i = 1; i < take && !found; i++) {
			run = addr[sorted[i]] == addr[sorted[i - 1]] + kPage ? run + 1 : 1;
			if (run >= n) {
				first = i + 1 - n;
				found = true;
			}
		}
		if (!found) {
			why = "no " + std::to_string(n) + " physically contiguous pages among " +
			      std::to_string(take) + " free ones";
			close(fd);
			return -1;
		}
	}
	/* the pages not used go back first, the chosen ones last in reverse
	 * of the wanted order: the head of the free list is then the first */
	auto punch = [&](unsigned file_page) {
		return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				 (off_t)(file_page * kPage), (off_t)kPage);
	};
	for (unsigned i = 0; i < take; i++)
		if (i < first || i >= first + n)
			punch(sorted[i]);
	std::vector<unsigned> order_of = wanted_order(n, order);
	if (phys != nullptr)
		phys->clear();
	for (unsigned k = n; k-- > 0;)
		punch(sorted[first + order_of[k]]);
	if (phys != nullptr)
		for (unsigned k = 0; k < n; k++)
			phys->push_back(addr[sorted[first + order_of[k]]]);
	close(fd);
	return 0;
}

} // namespace

int
test_hugepages_arrange(unsigned n, test_page_order order, bool contiguous,
		       std::vector<uint64_t> *phys, std::string &why)
{
	if (!contiguous)
		return arrange(n, n, order, false, phys, why);
	/* a contiguous run: look among more pages than asked, more each
	 * time (earlier arrangements leave the head of the list scattered) */
	int r = -1;
	for (unsigned take : {std::max(n * 4, n + 16), n * 16, n * 64}) {
		if (take > 1024)
			take = 1024;
		r = arrange(n, take, order, true, phys, why);
		if (r == 0 || why.find("contiguous") == std::string::npos || take == 1024)
			break;
	}
	return r;
}
