/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Pseudo-random numbers: bounds, uniformity (chi-square with a threshold
 * a correct generator exceeds once in 10^4 runs or less), per-bit balance,
 * reproducibility after rte_srand, and independent per-thread streams. */

#include <math.h>
#include <stdint.h>

#include <set>
#include <thread>
#include <vector>

#include <rte_random.h>

#include "test.h"

static int
test_random_rand_max_bounds(void)
{
	TEST_ASSERT_EQUAL(rte_rand_max(0), 0ull, "bound 0");
	TEST_ASSERT_EQUAL(rte_rand_max(1), 0ull, "bound 1");
	static const uint64_t bounds[] = {
		2, 3, 7, 10, 1000, (1ULL << 32) + 1, (1ULL << 63) + 1, UINT64_MAX};
	for (uint64_t bound : bounds) {
		uint64_t max_seen = 0;
		for (int i = 0; i < 20000; i++) {
			uint64_t v = rte_rand_max(bound);
			TEST_ASSERT(v < bound, "rte_rand_max(%lu) gave %lu", (unsigned long)bound,
				    (unsigned long)v);
			if (v > max_seen)
				max_seen = v;
		}
		if (bound <= 1000)
			TEST_ASSERT_EQUAL(max_seen, bound - 1,
					  "top value never drawn for bound %lu",
					  (unsigned long)bound);
		else
			TEST_ASSERT(max_seen > bound / 2, "upper half never reached for bound %lu",
				    (unsigned long)bound);
	}
	return TEST_SUCCESS;
}

static int
test_random_uniform_chi_square(void)
{
	/* 3 buckets stresses the rejection step: 2^64 is not a multiple of 3 */
	for (uint64_t buckets : {3ULL, 10ULL, 64ULL}) {
		constexpr int n_draws = 200000;
		std::vector<uint64_t> count(buckets, 0);
		for (int i = 0; i < n_draws; i++)
			count[rte_rand_max(buckets)]++;
		double expected = (double)n_draws / (double)buckets;
		double chi2 = 0;
		for (uint64_t c : count)
			chi2 += ((double)c - expected) * ((double)c - expected) / expected;
		/* chi-square 99.99th percentile is below dof + 6*sqrt(2*dof) + 10 */
		double dof = (double)buckets - 1;
		double limit = dof + 6 * sqrt(2 * dof) + 10;
		TEST_ASSERT(chi2 < limit, "%lu buckets: chi-square %.1f above %.1f",
			    (unsigned long)buckets, chi2, limit);
	}
	return TEST_SUCCESS;
}

static int
test_random_bits_balanced(void)
{
	constexpr int n_draws = 20000;
	int ones[64] = {0};
	for (int i = 0; i < n_draws; i++) {
		uint64_t v = rte_rand();
		for (int b = 0; b < 64; b++)
			ones[b] += (int)((v >> b) & 1);
	}
	/* each bit: mean 10000, sd 70.7; 6 sd = 424 */
	for (int b = 0; b < 64; b++)
		TEST_ASSERT(ones[b] > n_draws / 2 - 425 && ones[b] < n_draws / 2 + 425,
			    "bit %d set %d times out of %d", b, ones[b], n_draws);
	return TEST_SUCCESS;
}

static int
test_random_drand_range(void)
{
	constexpr int n_draws = 100000;
	double sum = 0, lo = 1, hi = 0;
	for (int i = 0; i < n_draws; i++) {
		double d = rte_drand();
		TEST_ASSERT(d >= 0.0 && d < 1.0, "rte_drand gave %.17g", d);
		sum += d;
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
	}
	double mean = sum / n_draws;
	/* sd of the mean: 0.2887 / sqrt(1e5) = 0.00091 */
	TEST_ASSERT(fabs(mean - 0.5) < 0.006, "mean %.4f", mean);
	TEST_ASSERT(lo < 0.001 && hi > 0.999, "range [%.5f, %.5f] not covered", lo, hi);
	return TEST_SUCCESS;
}

static int
test_random_srand_reproducible(void)
{
	uint64_t first[8], second[8];
	rte_srand(42);
	for (auto &v : first)
		v = rte_rand();
	rte_srand(42);
	for (auto &v : second)
		v = rte_rand();
	for (int i = 0; i < 8; i++)
		TEST_ASSERT_EQUAL(first[i], second[i], "draw %d differs after the same seed", i);

	rte_srand(43);
	TEST_ASSERT(rte_rand() != first[0], "another seed gives another sequence");

	/* a zero seed still gives a working generator */
	rte_srand(0);
	std::set<uint64_t> seen;
	for (int i = 0; i < 100; i++)
		seen.insert(rte_rand());
	TEST_ASSERT_EQUAL(seen.size(), (size_t)100, "seed 0 repeats values");

	rte_srand(rte_rand() ^ 0x5eed); /* leave the process with a fresh seed */
	return TEST_SUCCESS;
}

static int
test_random_threads_have_distinct_streams(void)
{
	constexpr int n_threads = 4;
	constexpr int n_draws = 1000;
	std::vector<std::vector<uint64_t>> draws(n_threads);
	std::vector<std::thread> threads;
	for (int t = 0; t < n_threads; t++)
		threads.emplace_back([&, t] {
			for (int i = 0; i < n_draws; i++)
				draws[t].push_back(rte_rand());
		});
	for (auto &t : threads)
		t.join();

	std::set<uint64_t> all;
	for (const auto &d : draws)
		all.insert(d.begin(), d.end());
	TEST_ASSERT_EQUAL(all.size(), (size_t)n_threads * n_draws,
			  "threads produced overlapping values: streams are not independent");
	return TEST_SUCCESS;
}

static const struct unit_test_case random_cases[] = {
	TEST_CASE(test_random_rand_max_bounds),
	TEST_CASE(test_random_uniform_chi_square),
	TEST_CASE(test_random_bits_balanced),
	TEST_CASE(test_random_drand_range),
	TEST_CASE(test_random_srand_reproducible),
	TEST_CASE(test_random_threads_have_distinct_streams),
	TEST_CASES_END()};

static const struct unit_test_suite random_suite = {"random", nullptr, nullptr, random_cases};

static int
test_random(void)
{
	return unit_test_suite_runner(&random_suite);
}

REGISTER_FAST_TEST(rand_autotest, NOHUGE_OK, ASAN_OK, test_random);
