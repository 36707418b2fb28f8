/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Presenting chosen physical page orders to the EAL, without any hook in
 * the library.
 *
 * The kernel keeps free 2 MB hugepages in a list per NUMA node and hands
 * out the page freed last first (LIFO: a freed page goes to the head of
 * the list, an allocation takes the head). So a test can decide in which
 * physical order the next hugepage allocations on this node come: take n
 * pages (a hugetlb memfd), read their physical addresses from pagemap,
 * and free them one by one in the reverse of the wanted order. The next
 * process or growth that maps pages gets them in that order: ascending,
 * descending (one reversed run) or interleaved (two ascending runs
 * alternating page by page). Another process taking hugepages in
 * between can disturb the arrangement, so every test that uses it checks
 * what it got and says so.
 *
 * Needs root (physical addresses in pagemap) and free 2 MB hugepages.
 */

#ifndef _TEST_HUGEPAGE_ORDER_H_
#define _TEST_HUGEPAGE_ORDER_H_

#include <stdint.h>

#include <string>
#include <vector>

enum class test_page_order {
	ascending,   /* physical order */
	descending,  /* reversed */
	interleaved, /* two ascending runs taking turns: a0 b0 a1 b1 ... */
};

const char *test_page_order_name(test_page_order order);

/**
 * Arrange the kernel's free 2 MB hugepage list of this node so that the
 * next @p n allocations get @p n pages in @p order. With @p contiguous,
 * the n pages are one physically contiguous run (found among more pages
 * taken for the purpose). @p phys, if given, receives their physical
 * addresses in the order they will come.
 * @return 0, or -1 with @p why saying what is missing (root, free pages,
 *   a contiguous run).
 */
int test_hugepages_arrange(unsigned n, test_page_order order, bool contiguous,
			   std::vector<uint64_t> *phys, std::string &why);

#endif /* _TEST_HUGEPAGE_ORDER_H_ */
