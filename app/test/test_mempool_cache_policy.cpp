/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_cache_policy_autotest: what an lcore cache does when a put does
 * not fit or a get finds it short (lib/mempool/mempool_cache.cpp).
 */

#include <vector>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "test.h"

namespace {

constexpr unsigned kCache = 32;

struct cache_levels {
	unsigned capacity;     /* flushthresh */
	unsigned after_spill;  /* len after a put that did not fit */
	unsigned after_refill; /* len after a get that found the cache empty */
};

/* Drive one cache through a spill and a refill and report its levels. */
int
measure(const char *name, cache_levels *out)
{
	rte_mempool *mp = rte_mempool_create(name, 1023, 64, kCache, 0, nullptr, nullptr, nullptr,
					     nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());
	TEST_ASSERT_NOT_NULL(c, "main lcore has a cache");
	std::vector<void *> objs(200);
	out->capacity = c->flushthresh;

	/* take objects from the store directly, then fill the cache to
	 * capacity with them in one put */
	TEST_ASSERT_SUCCESS(rte_mempool_generic_get(mp, objs.data(), 100, nullptr), "get 100");
	rte_mempool_generic_put(mp, objs.data(), c->flushthresh, c);
	TEST_ASSERT_EQUAL(c->len, c->flushthresh, "cache full");
	/* one more does not fit: spill */
	rte_mempool_put(mp, objs[c->flushthresh]);
	out->after_spill = c->len;
	/* empty it, then one get refills */
	rte_mempool_cache_flush(c, mp);
	TEST_ASSERT_EQUAL(c->len, 0u, "flushed");
	void *one;
	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &one), "get 1");
	out->after_refill = c->len;
	rte_mempool_put(mp, one);
	/* everything accounted for */
	for (unsigned i = c->flushthresh + 1; i < 100; i++)
		rte_mempool_generic_put(mp, &objs[i], 1, nullptr);
	rte_mempool_cache_flush(c, mp);
	TEST_ASSERT(rte_mempool_full(mp), "all objects back");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* Default: capacity 1.5 S; a put that does not fit sends the whole cache
 * back and keeps the new object; a short get leaves S/2 in the cache. */
int
test_cache_policy_default(void)
{
	cache_levels l{};
	if (measure("policy_default", &l) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(l.capacity, kCache * 3 / 2, "capacity");
	TEST_ASSERT_EQUAL(l.after_spill, 1u, "whole cache sent back, new object kept");
	TEST_ASSERT_EQUAL(l.after_refill, kCache / 2, "refill to half");
	return TEST_SUCCESS;
}

struct unit_test_case policy_cases[] = {TEST_CASE(test_cache_policy_default), TEST_CASES_END()};

const struct unit_test_suite policy_suite = {"mempool cache policy", nullptr, nullptr,
					     policy_cases};

int
test_mempool_cache_policy(void)
{
	return unit_test_suite_runner(&policy_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_cache_policy_autotest, NOHUGE_OK, ASAN_OK, test_mempool_cache_policy);
