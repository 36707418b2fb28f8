/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Named rings: create / lookup / free / list_dump, their errors, and that a
 * freed ring gives its memzone back. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atomic>
#include <string>
#include <thread>

#include <rte_errno.h>
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

static int
test_ring_create_errors(void)
{
	int zones = memzone_count();
	std::string long_name(RTE_RING_NAMESIZE, 'x');

	struct {
		const char *what;
		const char *name;
		unsigned int esize, count, flags;
		int err;
	} cases[] = {
		{"NULL name", nullptr, 8, 64, 0, EINVAL},
		{"name too long", long_name.c_str(), 8, 64, 0, ENAMETOOLONG},
		{"count not a power of 2", "reg_bad", 8, 100, 0, EINVAL},
		{"count above RTE_RING_SZ_MASK", "reg_bad", 8, RTE_RING_SZ_MASK + 1u,
		 RING_F_EXACT_SZ, EINVAL},
		{"esize not a multiple of 4", "reg_bad", 6, 64, 0, EINVAL},
		{"unknown flag", "reg_bad", 8, 64, 0x10000, EINVAL},
		{"two producer modes", "reg_bad", 8, 64, RING_F_SP_ENQ | RING_F_MP_RTS_ENQ, EINVAL},
		{"two consumer modes", "reg_bad", 8, 64, RING_F_SC_DEQ | RING_F_MC_HTS_DEQ, EINVAL},
	};
	for (const auto &c : cases) {
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_ring_create_elem(c.name, c.esize, c.count, SOCKET_ID_ANY,
						      c.flags), "%s: must fail", c.what);
		TEST_ASSERT_EQUAL(rte_errno, c.err, "%s: rte_errno", c.what);
	}
	TEST_ASSERT_EQUAL(memzone_count(), zones, "failed creates leave no memzone");

	struct rte_ring *r = rte_ring_create("reg_dup", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "first create");
	TEST_ASSERT_NULL(rte_ring_create("reg_dup", 64, SOCKET_ID_ANY, 0), "duplicate");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "duplicate name: EEXIST");
	TEST_ASSERT_EQUAL(memzone_count(), zones + 1, "duplicate takes no memzone");
	rte_ring_free(r);

	TEST_ASSERT_NULL(rte_ring_lookup(nullptr), "lookup NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "lookup NULL: EINVAL");
	TEST_ASSERT_EQUAL(memzone_count(), zones, "all given back");
	return TEST_SUCCESS;
}

static int
test_ring_free_of_foreign_rings_is_harmless(void)
{
	rte_ring_free(nullptr);
	ssize_t sz = rte_ring_get_memsize(64);
	TEST_ASSERT(sz > 0, "memsize");
	auto *r = static_cast<struct rte_ring *>(aligned_alloc(RTE_CACHE_LINE_SIZE,
			RTE_ALIGN_CEIL((size_t)sz, RTE_CACHE_LINE_SIZE)));
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
				struct rte_ring *r = rte_ring_create("reg_race", 64, SOCKET_ID_ANY, 0);
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
	TEST_CASE(test_ring_create_errors),
	TEST_CASE(test_ring_free_of_foreign_rings_is_harmless),
	TEST_CASE(test_ring_list_dump_names_every_ring),
	TEST_CASE(test_ring_create_same_name_races_once),
	TEST_CASES_END()
};

static const struct unit_test_suite registry_suite = {
	"ring registry", nullptr, nullptr, registry_cases
};

static int
test_ring_registry(void)
{
	return unit_test_suite_runner(&registry_suite);
}

REGISTER_FAST_TEST(ring_registry_autotest, NOHUGE_OK, ASAN_OK, test_ring_registry);
