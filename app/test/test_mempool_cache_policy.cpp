/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_cache_policy_autotest: what an lcore cache does when a put does
 * not fit or a get finds it short (lib/mempool/mempool_cache.cpp), for the
 * default policy in this process and, in child processes, for the policies
 * DPKIT_MEMPOOL_CACHE_POLICY selects, including a value it must refuse.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "test.h"

namespace {

constexpr unsigned kCache = 32;

struct cache_levels {
	unsigned capacity;    /* flushthresh */
	unsigned after_spill; /* len after a put that did not fit */
	unsigned after_refill; /* len after a get that found the cache empty */
};

/* Drive one cache through a spill and a refill and report its levels. */
int measure(const char *name, cache_levels *out)
{
	rte_mempool *mp = rte_mempool_create(name, 1023, 64, kCache, 0, nullptr, nullptr,
					     nullptr, nullptr, SOCKET_ID_ANY, 0);
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

/* Child: print the levels for the policy of its environment. */
int policy_child(void)
{
	cache_levels l{};
	if (measure("policy_child", &l) != TEST_SUCCESS)
		return TEST_FAILED;
	printf("levels capacity=%u spill=%u refill=%u\n", l.capacity, l.after_spill,
	       l.after_refill);
	return TEST_SUCCESS;
}

/* Run the child with DPKIT_MEMPOOL_CACHE_POLICY=@p value; its output. */
int run_with_policy(const char *value, std::string &out)
{
	const char *argv[] = {"dpkit-test", "--no-huge", "-m", "64", "-l", "0",
			      "--file-prefix=mempool_policy_child", "mempool_policy_child", nullptr};
	setenv("DPKIT_MEMPOOL_CACHE_POLICY", value, 1);
	int status = test_exec_self_capture(argv, out);
	unsetenv("DPKIT_MEMPOOL_CACHE_POLICY");
	TEST_ASSERT_EQUAL(status, 0, "child with policy %s failed:\n%s", value, out.c_str());
	return TEST_SUCCESS;
}

int expect_levels(const char *value, unsigned cap, unsigned spill, unsigned refill,
		  const char *also = nullptr)
{
	std::string out;
	if (run_with_policy(value, out) != TEST_SUCCESS)
		return TEST_FAILED;
	char want[96];
	snprintf(want, sizeof(want), "levels capacity=%u spill=%u refill=%u", cap, spill, refill);
	TEST_ASSERT(out.find(want) != std::string::npos, "policy %s: expected '%s' in:\n%s",
		    value, want, out.c_str());
	if (also != nullptr)
		TEST_ASSERT(out.find(also) != std::string::npos, "policy %s: '%s' missing in:\n%s",
			    value, also, out.c_str());
	return TEST_SUCCESS;
}

/* Default: capacity 1.5 S; a put that does not fit sends the whole cache
 * back and keeps the new object; a short get leaves S/2 in the cache. */
int test_cache_policy_default(void)
{
	if (getenv("DPKIT_MEMPOOL_CACHE_POLICY") != nullptr)
		TEST_SKIP("DPKIT_MEMPOOL_CACHE_POLICY is set in this environment");
	cache_levels l{};
	if (measure("policy_default", &l) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(l.capacity, kCache * 3 / 2, "capacity");
	TEST_ASSERT_EQUAL(l.after_spill, 1u, "whole cache sent back, new object kept");
	TEST_ASSERT_EQUAL(l.after_refill, kCache / 2, "refill to half");
	return TEST_SUCCESS;
}

int test_cache_policy_selected(void)
{
	/* the others, as the comment in mempool_cache.cpp describes them */
	if (expect_levels("spill75", 48, 24, 16) != TEST_SUCCESS ||
	    expect_levels("dpdk2211", 48, 1, 32) != TEST_SUCCESS ||
	    expect_levels("half", 32, 16, 16) != TEST_SUCCESS ||
	    expect_levels("custom:5/4/1/4/3/4", 40, 8, 24) != TEST_SUCCESS)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

/* Values it cannot use: one warning line, the default policy stays. */
int test_cache_policy_refused(void)
{
	for (const char *bad : {"custom:3/0/0/1/1/2", "custom:2/1/0/1/1/2", "custom:3/2/2/1/1/2",
				"custom:3/2", "fastest"})
		if (expect_levels(bad, 48, 1, 16, "not understood; keeping the default") !=
		    TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

struct unit_test_case policy_cases[] = {
	TEST_CASE(test_cache_policy_default),
	TEST_CASE(test_cache_policy_selected),
	TEST_CASE(test_cache_policy_refused),
	TEST_CASES_END()
};

const struct unit_test_suite policy_suite = {
	"mempool cache policy", nullptr, nullptr, policy_cases
};

int test_mempool_cache_policy(void)
{
	return unit_test_suite_runner(&policy_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_cache_policy_autotest, NOHUGE_OK, ASAN_OK, test_mempool_cache_policy);
REGISTER_TEST_COMMAND(mempool_policy_child, policy_child);
