/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * match_allocations_autotest: with --match-allocations, hugepages go back
 * exactly as they were mapped, and no block spans pages of two mappings
 * (DPDK 22.11's env_abstraction_layer guide), seen through memory event
 * callbacks: every FREE event repeats an earlier ALLOC event's address
 * and length, and every block lies inside one ALLOC event's range.
 *
 * The child maps one run of pages for a 3 MB block, puts a small block in
 * that run's free tail, then asks for 5 MB: by default the heap grows next
 * to the run and the 5 MB block starts in the old run's tail; freeing the
 * 3 MB block gives back its first page alone. Run without the option, the
 * child must see both (so the case reaches the regime); with it, neither.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "test.h"
#include "test_memory_common.h"

namespace {

constexpr size_t kMB = (size_t)1 << 20;

struct mem_event {
	bool alloc;
	uintptr_t addr;
	size_t len;
};

std::vector<mem_event> events;

void
record(enum rte_mem_event type, const void *addr, size_t len, void *)
{
	events.push_back({type == RTE_MEM_EVENT_ALLOC, (uintptr_t)addr, len});
}

/* Number of ALLOC events whose range [p, p+len) overlaps. */
unsigned
runs_under(const void *p, size_t len)
{
	unsigned n = 0;
	const uintptr_t s = (uintptr_t)p, e = s + len;
	for (const auto &ev : events)
		n += ev.alloc && s < ev.addr + ev.len && ev.addr < e;
	return n;
}

/* FREE events that do not repeat an ALLOC event. */
unsigned
unmatched_frees()
{
	unsigned n = 0;
	for (const auto &f : events) {
		if (f.alloc)
			continue;
		bool found = false;
		for (const auto &a : events)
			found = found || (a.alloc && a.addr == f.addr && a.len == f.len);
		n += !found;
	}
	return n;
}

int
child_match_allocations(void)
{
	events.reserve(64);
	TEST_ASSERT_SUCCESS(rte_mem_event_callback_register("match_alloc_test", record, nullptr),
			    "register");
	/* a run of its own that stays: the heap keeps its last page */
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	rte_malloc_socket_stats st;
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(0, &st), "stats");
	void *filler = rte_malloc(nullptr, st.greatest_free_size - 2 * RTE_CACHE_LINE_SIZE, 0);
	TEST_ASSERT_NOT_NULL(filler, "fill the anchor's page");
	events.clear();

	void *x = rte_malloc(nullptr, 3 * kMB, 0);
	void *y = rte_malloc(nullptr, kMB / 2, 0);
	void *z = rte_malloc(nullptr, 5 * kMB, 0);
	TEST_ASSERT(x != nullptr && y != nullptr && z != nullptr, "allocations");
	unsigned mapped = 0;
	for (const auto &ev : events)
		mapped += ev.alloc;
	unsigned spanning = (runs_under(x, 3 * kMB) != 1) + (runs_under(y, kMB / 2) != 1) +
			    (runs_under(z, 5 * kMB) != 1);
	rte_free(x);
	size_t frees_after_x = events.size() - mapped;
	rte_free(y);
	rte_free(z);
	unsigned frees = 0;
	for (const auto &ev : events)
		frees += !ev.alloc;
	printf("child: mappings=%u spanning=%u (blocks over other than one mapping) "
	       "early=%zu (unmaps while the small block lived) unmaps=%u unmatched=%u\n",
	       mapped, spanning, frees_after_x, frees, unmatched_frees());
	rte_free(filler);
	rte_free(anchor);
	rte_mem_event_callback_unregister("match_alloc_test", nullptr);
	return TEST_SUCCESS;
}

long
value_after(const std::string &out, const char *key)
{
	size_t p = out.find(key);
	return p == std::string::npos ? -1 : strtol(out.c_str() + p + strlen(key), nullptr, 10);
}

int
test_match_allocations(void)
{
	if (test_free_hugepages() < 64)
		TEST_SKIP("fewer than 64 free 2 MB hugepages (HugePages_Free = %lu)",
			  test_free_hugepages());
	std::string out;
	int rc = test_run_child({"--file-prefix=match_alloc_off", "match_allocations_child"}, out);
	printf("without the option:\n%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child without the option failed");
	TEST_ASSERT(value_after(out, "spanning=") > 0 && value_after(out, "unmatched=") > 0,
		    "without the option a block spans two mappings and a page goes back alone: "
		    "the case does not reach the regime it tests");

	rc = test_run_child(
		{"--match-allocations", "--file-prefix=match_alloc_on", "match_allocations_child"},
		out);
	printf("with --match-allocations:\n%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child with the option failed");
	TEST_ASSERT_EQUAL(value_after(out, "spanning="), 0L, "a block spans two mappings");
	TEST_ASSERT_EQUAL(value_after(out, "unmatched="), 0L, "pages went back unlike mapped");
	TEST_ASSERT_EQUAL(value_after(out, "early="), 0L,
			  "the 3 MB block's mapping went back while the small block lived in it");
	return TEST_SUCCESS;
}

} // namespace

REGISTER_TEST_COMMAND(match_allocations_child, child_match_allocations);
REGISTER_FAST_TEST(match_allocations_autotest, NOHUGE_SKIP, ASAN_OK, test_match_allocations);
