/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * malloc_autotest: rte_malloc and friends on the socket heaps: alignment,
 * zeroing, realloc in place and by moving, validation, statistics that come
 * back to where they started (freed blocks merge), bad input, and pages
 * given back to the kernel in dynamic mode.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <string>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"

namespace {

int
socket_of(const void *p)
{
	const rte_memseg *ms = rte_mem_virt2memseg(p, nullptr);
	return ms != nullptr ? ms->socket_id : -1;
}

bool
stats_of(const void *p, rte_malloc_socket_stats *st)
{
	return rte_malloc_get_socket_stats(socket_of(p), st) == 0;
}

} // namespace

static int
test_malloc_basic(void)
{
	void *p = rte_malloc("test", 1000, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	TEST_ASSERT_EQUAL((uintptr_t)p % RTE_CACHE_LINE_SIZE, (uintptr_t)0, "cache aligned");
	memset(p, 0xee, 1000);
	size_t size = 0;
	TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &size), "validate");
	TEST_ASSERT(size >= 1000, "usable %zu", size);
	TEST_ASSERT_EQUAL(rte_malloc_virt2iova(p), rte_mem_virt2iova(p), "iova");
	TEST_ASSERT_EQUAL(rte_malloc_virt2iova(RTE_PTR_ADD(p, 999)),
			  rte_mem_virt2iova(RTE_PTR_ADD(p, 999)), "iova inside");
	rte_free(p);
	TEST_ASSERT_FAIL(rte_malloc_validate(p, nullptr), "freed block is not valid");
	return TEST_SUCCESS;
}

static int
test_malloc_alignment(void)
{
	std::vector<void *> blocks;
	for (unsigned align = 1; align <= (1u << 20); align <<= 1) {
		void *p = rte_malloc(nullptr, 777, align);
		TEST_ASSERT_NOT_NULL(p, "align %u", align);
		TEST_ASSERT_EQUAL((uintptr_t)p % align, (uintptr_t)0, "align %u", align);
		TEST_ASSERT_SUCCESS(rte_malloc_validate(p, nullptr), "validate %u", align);
		memset(p, 1, 777);
		blocks.push_back(p);
	}
	for (void *p : blocks)
		rte_free(p);
	return TEST_SUCCESS;
}

static int
test_malloc_bad_input(void)
{
	TEST_ASSERT_NULL(rte_malloc(nullptr, 0, 0), "size 0");
	TEST_ASSERT_NULL(rte_malloc(nullptr, 100, 3), "align 3");
	TEST_ASSERT_NULL(rte_zmalloc(nullptr, 100, 48), "align 48");
	if (rte_eal_has_hugepages()) {
		/* without hugepages any socket id is any socket: nohuge_sockets_autotest */
		TEST_ASSERT_NULL(rte_malloc_socket(nullptr, 100, 0, RTE_MAX_NUMA_NODES - 1),
				 "socket without memory");
		TEST_ASSERT_NULL(rte_malloc_socket(nullptr, 100, 0, 9999), "bad socket");
	}
	volatile size_t huge_count = SIZE_MAX / 2; /* hidden from the compiler's check */
	TEST_ASSERT_NULL(rte_calloc(nullptr, huge_count, 4, 0), "calloc overflow");
	TEST_ASSERT_NULL(rte_malloc(nullptr, (size_t)1 << 50, 0), "1 PB");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "1 PB -> ENOMEM");
	rte_free(nullptr);
	int on_stack = 0;
	rte_free(&on_stack); /* logged and ignored */
	void *p = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	rte_free(RTE_PTR_ADD(p, 64)); /* inside a block: ignored */
	TEST_ASSERT_SUCCESS(rte_malloc_validate(p, nullptr), "still valid");
	rte_free(p);
	rte_free(p); /* double free: logged and ignored */
	TEST_ASSERT_FAIL(rte_malloc_validate(nullptr, nullptr), "validate NULL");
	TEST_ASSERT_FAIL(rte_malloc_validate(&on_stack, nullptr), "validate stack");
	TEST_ASSERT_EQUAL(rte_malloc_get_socket_stats(9999, nullptr), -1, "stats bad socket");
	rte_malloc_socket_stats st;
	TEST_ASSERT_EQUAL(rte_malloc_get_socket_stats(-5, &st), -1, "stats socket -5");
	TEST_ASSERT_EQUAL(rte_malloc_virt2iova(&on_stack), RTE_BAD_IOVA, "virt2iova foreign");
	return TEST_SUCCESS;
}

static int
test_malloc_overrun_detected(void)
{
	/* one byte past the size validate reports reaches the guard */
	for (size_t sz : {1, 100, 128, 1000}) {
		char *p = (char *)rte_malloc(nullptr, sz, 0);
		TEST_ASSERT_NOT_NULL(p, "malloc %zu", sz);
		size_t usable;
		TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &usable), "valid");
		memset(p, 0, usable);
		TEST_ASSERT_SUCCESS(rte_malloc_validate(p, nullptr), "%zu bytes are the block's",
				    usable);
		p[usable] = 1;
		TEST_ASSERT_FAIL(rte_malloc_validate(p, nullptr), "overrun of %zu noticed", sz);
		rte_free(p); /* logs the overrun, still frees */
	}
	return TEST_SUCCESS;
}

/* As DPDK: the size asked for, in whole cache lines, whatever the
 * alignment, and the new size after a realloc. */
static int
test_malloc_validate_reports_requested_size(void)
{
	const size_t sizes[] = {1, 64, 100, 1000, 1024, 1025, 5000};
	for (size_t sz : sizes) {
		for (unsigned align : {0u, 64u, 4096u}) {
			void *p = rte_malloc(nullptr, sz, align);
			TEST_ASSERT_NOT_NULL(p, "malloc %zu", sz);
			size_t got = 0;
			TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &got), "validate");
			TEST_ASSERT_EQUAL(got, RTE_ALIGN_CEIL(sz, RTE_CACHE_LINE_SIZE),
					  "malloc(%zu, %u)", sz, align);
			rte_free(p);
		}
	}
	void *p = rte_malloc(nullptr, 1024, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	size_t got = 0;
	p = rte_realloc(p, 1500, 0);
	TEST_ASSERT_NOT_NULL(p, "grow");
	TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &got), "validate");
	TEST_ASSERT_EQUAL(got, (size_t)1536, "after growing to 1500");
	void *q = rte_realloc(p, 10, 0);
	TEST_ASSERT_EQUAL(q, p, "shrinks in place");
	TEST_ASSERT_SUCCESS(rte_malloc_validate(q, &got), "validate");
	TEST_ASSERT_EQUAL(got, (size_t)64, "after shrinking to 10");
	rte_free(q);
	return TEST_SUCCESS;
}

static int
test_zmalloc_calloc_zeroed(void)
{
	/* dirty some memory first so zeroing is really tested */
	void *d = rte_malloc(nullptr, 8192, 0);
	TEST_ASSERT_NOT_NULL(d, "malloc");
	memset(d, 0xff, 8192);
	rte_free(d);
	unsigned char *z = (unsigned char *)rte_zmalloc(nullptr, 8192, 0);
	TEST_ASSERT_NOT_NULL(z, "zmalloc");
	for (int i = 0; i < 8192; i++)
		TEST_ASSERT_EQUAL(z[i], 0, "byte %d", i);
	rte_free(z);
	unsigned *c = (unsigned *)rte_calloc(nullptr, 1000, sizeof(unsigned), 0);
	TEST_ASSERT_NOT_NULL(c, "calloc");
	for (int i = 0; i < 1000; i++)
		TEST_ASSERT_EQUAL(c[i], 0u, "element %d", i);
	rte_free(c);
	return TEST_SUCCESS;
}

static int
test_realloc(void)
{
	TEST_ASSERT_NULL(rte_realloc(nullptr, 0, 0), "realloc(NULL, 0)");
	char *p = (char *)rte_realloc(nullptr, 100, 0);
	TEST_ASSERT_NOT_NULL(p, "realloc(NULL) allocates");
	for (int i = 0; i < 100; i++)
		p[i] = (char)i;
	/* grow a lot, keeping contents */
	char *q = (char *)rte_realloc(p, 100000, 0);
	TEST_ASSERT_NOT_NULL(q, "grow");
	for (int i = 0; i < 100; i++)
		TEST_ASSERT_EQUAL(q[i], (char)i, "byte %d after grow", i);
	/* shrink in place */
	char *r = (char *)rte_realloc(q, 50, 0);
	TEST_ASSERT_EQUAL(r, q, "shrink stays in place");
	for (int i = 0; i < 50; i++)
		TEST_ASSERT_EQUAL(r[i], (char)i, "byte %d after shrink", i);
	/* a stricter alignment moves the block */
	char *s = (char *)rte_realloc(r, 50, 1 << 16);
	TEST_ASSERT_NOT_NULL(s, "realign");
	TEST_ASSERT_EQUAL((uintptr_t)s % (1 << 16), (uintptr_t)0, "new alignment");
	for (int i = 0; i < 50; i++)
		TEST_ASSERT_EQUAL(s[i], (char)i, "byte %d after move", i);
	TEST_ASSERT_NULL(rte_realloc(s, 10, 3), "bad align");
	TEST_ASSERT_SUCCESS(rte_malloc_validate(s, nullptr), "unchanged after a failure");
	int on_stack;
	TEST_ASSERT_NULL(rte_realloc(&on_stack, 10, 0), "foreign pointer");
	TEST_ASSERT_NULL(rte_realloc(s, 0, 0), "size 0 frees");
	TEST_ASSERT_FAIL(rte_malloc_validate(s, nullptr), "freed by realloc(.., 0)");
	return TEST_SUCCESS;
}

static int
test_malloc_free_merges(void)
{
	/* keep the page mapped so the numbers are about merging only */
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	rte_malloc_socket_stats before, mid, after;
	TEST_ASSERT(stats_of(anchor, &before), "stats");
	std::vector<void *> v;
	for (int i = 0; i < 100; i++) {
		void *p = rte_malloc(nullptr, 64 + 32 * (size_t)i, 0);
		TEST_ASSERT_NOT_NULL(p, "malloc %d", i);
		v.push_back(p);
	}
	TEST_ASSERT(stats_of(anchor, &mid), "stats");
	TEST_ASSERT_EQUAL(mid.alloc_count, before.alloc_count + 100, "100 more blocks");
	/* free odd ones, then even ones: everything must merge again */
	for (size_t i = 1; i < v.size(); i += 2)
		rte_free(v[i]);
	for (size_t i = 0; i < v.size(); i += 2)
		rte_free(v[i]);
	TEST_ASSERT(stats_of(anchor, &after), "stats");
	TEST_ASSERT_EQUAL(after.alloc_count, before.alloc_count, "blocks back");
	TEST_ASSERT_EQUAL(after.free_count, before.free_count, "free blocks merged back");
	TEST_ASSERT_EQUAL(after.greatest_free_size, before.greatest_free_size, "largest back");
	rte_free(anchor);
	return TEST_SUCCESS;
}

static int
test_malloc_dump(void)
{
	void *p = rte_malloc(nullptr, 1000, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	char *buf = nullptr;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	rte_malloc_dump_stats(f, nullptr);
	rte_malloc_dump_heaps(f);
	fclose(f);
	std::string out(buf, size);
	free(buf);
	TEST_ASSERT(out.find("heap socket_") != std::string::npos, "dump: %s", out.c_str());
	TEST_ASSERT(out.find("busy") != std::string::npos, "heap dump lists blocks");
	rte_malloc_dump_stats(nullptr, nullptr);
	rte_malloc_dump_heaps(nullptr);
	rte_free(p);
	return TEST_SUCCESS;
}

static int
test_malloc_pages_given_back(void)
{
	/* a live block keeps a page (the heap always keeps its last one) */
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	uint64_t before = rte_eal_get_physmem_size();
	void *p = rte_malloc(nullptr, (size_t)16 << 20, 0);
	TEST_ASSERT_NOT_NULL(p, "16 MB");
	memset(p, 3, (size_t)16 << 20);
	uint64_t during = rte_eal_get_physmem_size();
	rte_free(p);
	uint64_t after = rte_eal_get_physmem_size();
	rte_free(anchor);
	if (during == before)
		TEST_SKIP("memory is fixed in this mode (legacy or no-huge): nothing to give back");
	TEST_ASSERT(during >= before + ((uint64_t)16 << 20), "grew %llu -> %llu",
		    (unsigned long long)before, (unsigned long long)during);
	TEST_ASSERT_EQUAL(after, before, "every page went back");
	return TEST_SUCCESS;
}

static int
test_malloc_threads(void)
{
	/* several threads allocate and free at once: nothing lost */
	void *anchor = rte_malloc(nullptr, 64, 0);
	rte_malloc_socket_stats before, after;
	TEST_ASSERT(stats_of(anchor, &before), "stats");
	std::vector<std::thread> th;
	bool ok[4] = {true, true, true, true};
	for (int t = 0; t < 4; t++)
		th.emplace_back([t, &ok] {
			std::vector<unsigned char *> mine;
			for (int i = 0; i < 2000; i++) {
				size_t sz = 16 + (size_t)((i * 37 + t) % 3000);
				auto *p = (unsigned char *)rte_malloc(nullptr, sz, 0);
				if (p == nullptr) {
					ok[t] = false;
					break;
				}
				p[0] = (unsigned char)t;
				mine.push_back(p);
				if (i % 3 == 0) {
					if (mine.front()[0] != (unsigned char)t)
						ok[t] = false;
					rte_free(mine.front());
					mine.erase(mine.begin());
				}
			}
			for (auto *p : mine)
				rte_free(p);
		});
	for (auto &x : th)
		x.join();
	for (int t = 0; t < 4; t++)
		TEST_ASSERT(ok[t], "thread %d", t);
	TEST_ASSERT(stats_of(anchor, &after), "stats");
	TEST_ASSERT_EQUAL(after.alloc_count, before.alloc_count, "blocks back");
	rte_free(anchor);
	return TEST_SUCCESS;
}

static const struct unit_test_case malloc_cases[] = {
	TEST_CASE(test_malloc_basic),
	TEST_CASE(test_malloc_alignment),
	TEST_CASE(test_malloc_bad_input),
	TEST_CASE(test_malloc_overrun_detected),
	TEST_CASE(test_malloc_validate_reports_requested_size),
	TEST_CASE(test_zmalloc_calloc_zeroed),
	TEST_CASE(test_realloc),
	TEST_CASE(test_malloc_free_merges),
	TEST_CASE(test_malloc_dump),
	TEST_CASE(test_malloc_pages_given_back),
	TEST_CASE(test_malloc_threads),
	TEST_CASES_END()};

static const struct unit_test_suite malloc_suite = {"malloc", nullptr, nullptr, malloc_cases};

static int
test_malloc(void)
{
	return unit_test_suite_runner(&malloc_suite);
}

REGISTER_FAST_TEST(malloc_autotest, NOHUGE_OK, ASAN_OK, test_malloc);
