/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Named rings: create / lookup / free / list_dump, their errors, and that a
 * freed ring gives its memzone back. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_ring.h>

#include "test.h"

static void
count_zone(const struct rte_memzone *, void *arg)
{
	(*static_cast<int *>(arg))++;
}

static int
memzone_count(void)
{
	int n = 0;
	rte_memzone_walk(count_zone, &n);
	return n;
}

static int
test_ring_create_lookup_free(void)
{
	int zones = memzone_count();
	struct rte_ring *r = rte_ring_create("reg_basic", 1024, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), 1023u, "power-of-2 ring holds count - 1");
	TEST_ASSERT_NOT_NULL(r->memzone, "a created ring knows its memzone");
	TEST_ASSERT_EQUAL(std::string(r->memzone->name), std::string("RG_reg_basic"),
			  "memzone name");
	TEST_ASSERT_EQUAL(memzone_count(), zones + 1, "one memzone per ring");
	TEST_ASSERT_EQUAL(rte_ring_lookup("reg_basic"), r, "lookup finds it");

	void *obj = &zones;
	TEST_ASSERT_SUCCESS(rte_ring_enqueue(r, obj), "enqueue");
	void *out = nullptr;
	TEST_ASSERT_SUCCESS(rte_ring_dequeue(r, &out), "dequeue");
	TEST_ASSERT_EQUAL(out, obj, "same pointer back");

	rte_ring_free(r);
	TEST_ASSERT_NULL(rte_ring_lookup("reg_basic"), "freed ring is gone");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "lookup of a freed ring: ENOENT");
	TEST_ASSERT_EQUAL(memzone_count(), zones, "memzone given back");
	return TEST_SUCCESS;
}

static int
test_ring_create_elem_exact_size(void)
{
	struct rte_ring *r = rte_ring_create_elem("reg_elem", 20, 1000, SOCKET_ID_ANY,
						  RING_F_EXACT_SZ | RING_F_SP_ENQ | RING_F_SC_DEQ);
	TEST_ASSERT_NOT_NULL(r, "create_elem: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), 1000u, "exact size holds count");
	TEST_ASSERT_EQUAL(rte_ring_get_size(r), 1024u, "slots rounded up");
	TEST_ASSERT_EQUAL(rte_ring_get_prod_sync_type(r), RTE_RING_SYNC_ST, "SP");
	TEST_ASSERT_EQUAL(rte_ring_get_cons_sync_type(r), RTE_RING_SYNC_ST, "SC");
	uint32_t elems[5 * 3];
	for (unsigned int i = 0; i < RTE_DIM(elems); i++)
		elems[i] = i;
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_elem(r, elems, 20, 3, nullptr), 3u, "enqueue");
	uint32_t back[5 * 3] = {};
	TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk_elem(r, back, 20, 3, nullptr), 3u, "dequeue");
	TEST_ASSERT_SUCCESS(memcmp(elems, back, sizeof(back)), "20-byte elements intact");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

/*
 * Each refused create: NULL with the right rte_errno, exactly one log line,
 * and no memzone or list entry left behind.
 */
static int
expect_create_refused(const char *what, const char *name, unsigned int esize, unsigned int count,
		      unsigned int flags, int err)
{
	int zones = memzone_count();
	char *buf = nullptr;
	size_t len = 0;
	FILE *log = open_memstream(&buf, &len);
	TEST_ASSERT_NOT_NULL(log, "open_memstream");
	FILE *old = rte_log_get_stream();
	rte_openlog_stream(log);
	rte_errno = 0;
	struct rte_ring *r = rte_ring_create_elem(name, esize, count, SOCKET_ID_ANY, flags);
	int got_errno = rte_errno;
	rte_openlog_stream(old == stderr ? nullptr : old);
	fclose(log);
	std::string text(buf, len);
	free(buf);
	if (r != nullptr)
		rte_ring_free(r);
	TEST_ASSERT_NULL(r, "%s: must fail", what);
	TEST_ASSERT_EQUAL(got_errno, err, "%s: rte_errno", what);
	TEST_ASSERT_EQUAL(std::count(text.begin(), text.end(), '\n'), 1L,
			  "%s: one log line, got:\n%s", what, text.c_str());
	TEST_ASSERT_EQUAL(memzone_count(), zones, "%s: a memzone was left behind", what);
	if (name != nullptr)
		TEST_ASSERT_NULL(rte_ring_lookup(name), "%s: registered anyway", what);
	return TEST_SUCCESS;
}

static int
test_ring_create_rejects_null_name(void)
{
	return expect_create_refused("NULL name", nullptr, 8, 64, 0, EINVAL);
}

static int
test_ring_create_rejects_long_name(void)
{
	std::string long_name(RTE_RING_NAMESIZE, 'x');
	std::string longest(RTE_RING_NAMESIZE - 1, 'y');
	if (expect_create_refused("name too long", long_name.c_str(), 8, 64, 0, ENAMETOOLONG) !=
	    TEST_SUCCESS)
		return TEST_FAILED;
	struct rte_ring *r = rte_ring_create(longest.c_str(), 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "a name of RTE_RING_NAMESIZE - 1 chars: %s",
			     rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(std::string(r->name), longest, "name kept whole");
	TEST_ASSERT_EQUAL(rte_ring_lookup(longest.c_str()), r, "found by its full name");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

static int
test_ring_create_rejects_bad_count(void)
{
	if (expect_create_refused("count not a power of 2", "reg_bad", 8, 100, 0, EINVAL) ||
	    expect_create_refused("count 0", "reg_bad", 8, 0, 0, EINVAL) ||
	    expect_create_refused("count above RTE_RING_SZ_MASK", "reg_bad", 8,
				  RTE_RING_SZ_MASK + 1u, 0, EINVAL) ||
	    expect_create_refused("exact count above RTE_RING_SZ_MASK", "reg_bad", 8,
				  RTE_RING_SZ_MASK + 1u, RING_F_EXACT_SZ, EINVAL) ||
	    expect_create_refused("exact count needing 2^31 slots", "reg_bad", 8,
				  RTE_RING_SZ_MASK / 2 + 1, RING_F_EXACT_SZ, EINVAL))
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static int
test_ring_create_rejects_bad_esize(void)
{
	if (expect_create_refused("esize not a multiple of 4", "reg_bad", 6, 64, 0, EINVAL) ||
	    expect_create_refused("esize 0", "reg_bad", 0, 64, 0, EINVAL))
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static int
test_ring_create_rejects_bad_flags(void)
{
	if (expect_create_refused("unknown flag", "reg_bad", 8, 64, 0x10000, EINVAL) ||
	    expect_create_refused("two producer modes", "reg_bad", 8, 64,
				  RING_F_SP_ENQ | RING_F_MP_RTS_ENQ, EINVAL) ||
	    expect_create_refused("two consumer modes", "reg_bad", 8, 64,
				  RING_F_SC_DEQ | RING_F_MC_HTS_DEQ, EINVAL))
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static int
test_ring_create_rejects_duplicate_name(void)
{
	struct rte_ring *r = rte_ring_create("reg_dup", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "first create: %s", rte_strerror(rte_errno));
	int zones = memzone_count();
	char *buf = nullptr;
	size_t len = 0;
	FILE *log = open_memstream(&buf, &len);
	TEST_ASSERT_NOT_NULL(log, "open_memstream");
	FILE *old = rte_log_get_stream();
	rte_openlog_stream(log);
	struct rte_ring *dup = rte_ring_create("reg_dup", 64, SOCKET_ID_ANY, 0);
	int err = rte_errno;
	rte_openlog_stream(old == stderr ? nullptr : old);
	fclose(log);
	std::string text(buf, len);
	free(buf);
	TEST_ASSERT_NULL(dup, "duplicate must fail");
	TEST_ASSERT_EQUAL(err, EEXIST, "duplicate name: EEXIST");
	TEST_ASSERT_EQUAL(std::count(text.begin(), text.end(), '\n'), 1L,
			  "duplicate: one log line, got:\n%s", text.c_str());
	TEST_ASSERT_EQUAL(memzone_count(), zones, "duplicate takes no memzone");
	TEST_ASSERT_EQUAL(rte_ring_lookup("reg_dup"), r, "the first ring is still the one found");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

static int
test_ring_create_fails_cleanly_without_memory(void)
{
	/* 2^30 slots of 1 KB: far more than any test machine has */
	return expect_create_refused("1 TB ring", "reg_huge", 1024, 1u << 30, 0, ENOMEM);
}

static int
test_ring_lookup_of_null_and_unknown(void)
{
	TEST_ASSERT_NULL(rte_ring_lookup(nullptr), "lookup NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "lookup NULL: EINVAL");
	TEST_ASSERT_NULL(rte_ring_lookup("reg_never_made"), "lookup unknown");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "lookup unknown: ENOENT");
	return TEST_SUCCESS;
}

static int
test_ring_free_of_foreign_rings_is_harmless(void)
{
	rte_ring_free(nullptr);
	ssize_t sz = rte_ring_get_memsize(64);
	TEST_ASSERT(sz > 0, "memsize");
	auto *r = static_cast<struct rte_ring *>(aligned_alloc(
		RTE_CACHE_LINE_SIZE, RTE_ALIGN_CEIL((size_t)sz, RTE_CACHE_LINE_SIZE)));
	TEST_ASSERT_NOT_NULL(r, "aligned_alloc");
	TEST_ASSERT_SUCCESS(rte_ring_init(r, "reg_init", 64, 0), "init");
	rte_ring_free(r); /* logs, leaves the caller's memory alone */
	TEST_ASSERT_NULL(rte_ring_lookup("reg_init"), "init rings are not registered");
	TEST_ASSERT_SUCCESS(rte_ring_enqueue(r, r), "ring still usable after refused free");
	free(r);
	return TEST_SUCCESS;
}

static int
test_ring_list_dump_names_every_ring(void)
{
	struct rte_ring *a = rte_ring_create("reg_dump_a", 64, SOCKET_ID_ANY, 0);
	struct rte_ring *b = rte_ring_create("reg_dump_b", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT(a != nullptr && b != nullptr, "create");
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	TEST_ASSERT_NOT_NULL(f, "open_memstream");
	rte_ring_list_dump(f);
	fclose(f);
	std::string out(buf, len);
	free(buf);
	rte_ring_free(a);
	rte_ring_free(b);
	TEST_ASSERT(out.find("reg_dump_a") != std::string::npos, "a listed: %s", out.c_str());
	TEST_ASSERT(out.find("reg_dump_b") != std::string::npos, "b listed: %s", out.c_str());
	return TEST_SUCCESS;
}

static int
test_ring_create_same_name_races_once(void)
{
	std::atomic<int> created{0}, exists{0};
	std::atomic<struct rte_ring *> winner{nullptr};
	std::thread t[4];
	for (auto &th : t)
		th = std::thread([&] {
			for (int i = 0; i < 50; i++) {
				struct rte_ring *r = rte_ring_create("reg_race", 64, SOCKET_ID_ANY,
								     0);
				if (r != nullptr) {
					created++;
					winner = r;
					return;
				}
				if (rte_errno == EEXIST) {
					exists++;
					return;
				}
			}
		});
	for (auto &th : t)
		th.join();
	TEST_ASSERT_EQUAL(created.load(), 1, "exactly one creator wins");
	TEST_ASSERT_EQUAL(exists.load(), 3, "the others see EEXIST");
	rte_ring_free(winner.load());
	return TEST_SUCCESS;
}

static const struct unit_test_case registry_cases[] = {
	TEST_CASE(test_ring_create_lookup_free),
	TEST_CASE(test_ring_create_elem_exact_size),
	TEST_CASE(test_ring_create_rejects_null_name),
	TEST_CASE(test_ring_create_rejects_long_name),
	TEST_CASE(test_ring_create_rejects_bad_count),
	TEST_CASE(test_ring_create_rejects_bad_esize),
	TEST_CASE(test_ring_create_rejects_bad_flags),
	TEST_CASE(test_ring_create_rejects_duplicate_name),
	TEST_CASE(test_ring_create_fails_cleanly_without_memory),
	TEST_CASE(test_ring_lookup_of_null_and_unknown),
	TEST_CASE(test_ring_free_of_foreign_rings_is_harmless),
	TEST_CASE(test_ring_list_dump_names_every_ring),
	TEST_CASE(test_ring_create_same_name_races_once),
	TEST_CASES_END()};

static const struct unit_test_suite registry_suite = {"ring registry", nullptr, nullptr,
						      registry_cases};

static int
test_ring_registry(void)
{
	return unit_test_suite_runner(&registry_suite);
}

REGISTER_FAST_TEST(ring_registry_autotest, NOHUGE_OK, ASAN_OK, test_ring_registry);
