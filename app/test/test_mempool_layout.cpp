/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_layout_autotest: pools in small pages succeed whatever the
 * physical layout of the pages and wherever the allocator places a zone.
 *
 * Under --no-huge (4 kB pages, IOVA as PA) an object must not straddle a
 * page unless the pages are IOVA-contiguous, and populate_default first
 * tries one IOVA-contiguous zone. Whether that zone exists, and where it
 * starts in its page, depends on which physical pages the kernel gave:
 * a zone sized without the page rule held one object too few about one
 * run in twenty. Here the layout is chosen instead of drawn: the pools
 * live in an external heap whose pages get IOVAs from a table (all
 * contiguous, all reversed, or contiguous in pairs scattered), and a pad
 * allocated first moves every zone through every cache-line offset of a
 * page. Every pool must be whole, and every object must lie in
 * IOVA-contiguous memory with the IOVA its header says.
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

constexpr size_t kPage = 4096;
constexpr size_t kPages = 6144; /* 24 MB: the largest pool plus its ring and pads */

enum class layout { contiguous, reversed, pairs };

const char *
layout_name(layout l)
{
	switch (l) {
	case layout::contiguous: return "contiguous";
	case layout::reversed: return "reversed";
	case layout::pairs: return "pairs";
	}
	return "?";
}

/* An external heap of kPages pages with IOVAs laid out as asked. */
struct ext_heap {
	void *map = MAP_FAILED;
	char *va = nullptr;
	std::vector<rte_iova_t> iova;
	int socket = -1;
	bool added = false;

	explicit ext_heap(layout l)
	{
		size_t len = kPages * kPage;
		map = mmap(nullptr, len + kPage, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map == MAP_FAILED)
			return;
		va = (char *)(((uintptr_t)map + kPage - 1) & ~(uintptr_t)(kPage - 1));
		const rte_iova_t base = 0x400000000ULL;
		iova.resize(kPages);
		for (size_t i = 0; i < kPages; i++) {
			switch (l) {
			case layout::contiguous: iova[i] = base + i * kPage; break;
			case layout::reversed: iova[i] = base + (kPages - 1 - i) * kPage; break;
			case layout::pairs: /* pair k at 2k pages from the far end */
				iova[i] = base + ((kPages / 2 - 1 - i / 2) * 2 + i % 2) * kPage;
				break;
			}
		}
		if (rte_malloc_heap_create("mp_layout_heap") != 0)
			return;
		if (rte_malloc_heap_memory_add("mp_layout_heap", va, len, iova.data(),
					       (unsigned)kPages, kPage) != 0)
			return;
		added = true;
		socket = rte_malloc_heap_get_socket("mp_layout_heap");
	}
	~ext_heap()
	{
		if (added)
			rte_malloc_heap_memory_remove("mp_layout_heap", va, kPages * kPage);
		rte_malloc_heap_destroy("mp_layout_heap");
		if (map != MAP_FAILED)
			munmap(map, kPages * kPage + kPage);
	}
	rte_iova_t iova_of(const void *p) const
	{
		size_t off = (size_t)((const char *)p - va);
		return iova[off / kPage] + off % kPage;
	}
};

struct check_arg {
	const ext_heap *heap;
	size_t total; /* header + object + trailer */
	unsigned bad = 0;
	std::string first;
};

/* Each object: its header's IOVA is the table's, and its whole element is
 * IOVA-contiguous (it straddles no page whose successor is elsewhere). */
void
check_obj(rte_mempool *mp, void *arg, void *obj, unsigned idx)
{
	auto *a = static_cast<check_arg *>(arg);
	const char *start = (const char *)obj - mp->header_size;
	const char *last = start + a->total - 1;
	bool ok = rte_mempool_virt2iova(obj) == a->heap->iova_of(obj) &&
		  a->heap->iova_of(last) - a->heap->iova_of(start) == a->total - 1;
	if (!ok && a->bad++ == 0)
		a->first = "object " + std::to_string(idx) + " at offset " +
			   std::to_string((uintptr_t)start % kPage) + " of its page";
}

/* One pool of @p n objects of @p elt bytes on the external heap, created
 * as rte_mempool_create does or as create_empty + populate_default. */
int
one_pool(const ext_heap &heap, unsigned n, unsigned elt, bool empty_then_default, size_t pad,
	 layout l)
{
	rte_mempool *mp;
	if (empty_then_default) {
		mp = rte_mempool_create_empty("mp_layout", n, elt, 0, 0, heap.socket, 0);
		TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
		int ret = rte_mempool_populate_default(mp);
		if (ret != (int)n)
			rte_mempool_free(mp);
		TEST_ASSERT_EQUAL(ret, (int)n, "%s pages, pad %zu: populate_default of %u x %u B",
				  layout_name(l), pad, n, elt);
	} else {
		mp = rte_mempool_create("mp_layout", n, elt, 0, 0, nullptr, nullptr, nullptr,
					nullptr, heap.socket, 0);
		TEST_ASSERT_NOT_NULL(mp, "%s pages, pad %zu: create of %u x %u B: %s",
				     layout_name(l), pad, n, elt, rte_strerror(rte_errno));
	}
	check_arg a{&heap, (size_t)mp->header_size + mp->elt_size + mp->trailer_size};
	rte_mempool_obj_iter(mp, check_obj, &a);
	unsigned avail = rte_mempool_avail_count(mp);
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(a.bad, 0u, "%s pages, pad %zu, %u x %u B: %u objects misplaced (%s)",
			  layout_name(l), pad, n, elt, a.bad, a.first.c_str());
	TEST_ASSERT_EQUAL(avail, n, "%s pages, pad %zu: %u x %u B", layout_name(l), pad, n, elt);
	return TEST_SUCCESS;
}

int
test_mempool_layout_any_page_order_any_offset(void)
{
	if (rte_eal_iova_mode() != RTE_IOVA_PA)
		TEST_SKIP("IOVA as VA: objects may straddle pages, there is no page rule to test");
	unsigned pools = 0;
	for (layout l : {layout::contiguous, layout::reversed, layout::pairs}) {
		ext_heap heap(l);
		TEST_ASSERT(heap.socket >= 0, "external heap: %s", rte_strerror(rte_errno));
		/* pads of every cache-line multiple up to a page and a half move
		 * the zones through every offset of a page */
		for (size_t pad = 0; pad <= kPage + kPage / 2; pad += RTE_CACHE_LINE_SIZE) {
			void *p = pad != 0 ? rte_malloc_socket("pad", pad, 0, heap.socket)
					   : nullptr;
			TEST_ASSERT(pad == 0 || p != nullptr, "pad of %zu", pad);
			int ret = one_pool(heap, 10, 64, false, pad, l);
			if (ret == TEST_SUCCESS)
				ret = one_pool(heap, 63, 64, false, pad, l);
			if (ret == TEST_SUCCESS)
				ret = one_pool(heap, 50, 1000, false, pad, l);
			if (ret == TEST_SUCCESS)
				ret = one_pool(heap, 20, 3900, false, pad, l);
			if (ret == TEST_SUCCESS)
				ret = one_pool(heap, 200, 2048, true, pad, l);
			if (ret == TEST_SUCCESS && pad % 1024 == 0)
				ret = one_pool(heap, 4096, 2048, true, pad, l);
			rte_free(p);
			if (ret != TEST_SUCCESS)
				return ret;
			pools += 5 + (pad % 1024 == 0);
		}
	}
	printf("  %u pools in contiguous, reversed and paired pages at every offset: all whole\n",
	       pools);
	return TEST_SUCCESS;
}

const struct unit_test_case layout_cases[] = {
	TEST_CASE(test_mempool_layout_any_page_order_any_offset), TEST_CASES_END()};

const struct unit_test_suite layout_suite = {"mempool page layout", nullptr, nullptr, layout_cases};

int
test_mempool_layout(void)
{
	return unit_test_suite_runner(&layout_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_layout_autotest, NOHUGE_OK, ASAN_OK, test_mempool_layout);
