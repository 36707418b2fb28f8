/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The stall-injection facility itself (dpkit_stall.h): a one-shot stall
 * stops exactly the thread that armed it, at the first point of its site,
 * for at least the time asked; random stalls fire at the configured rate
 * and only at matching sites; exempt threads and a disarmed facility never
 * stop; bad settings are refused. The tests that use stalls on ring and
 * mempool paths rely on all of this.
 */

#include <errno.h>
#include <time.h>

#include <atomic>
#include <thread>

#include <dpkit_stall.h>

#include "test.h"

#ifdef RTE_STALL_INJECTION

namespace {

uint64_t
now_ns()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* the time one pass over a point named @p site takes */
uint64_t
time_point(const char *site)
{
	uint64_t t0 = now_ns();
	if (site[0] == 'a')
		DPKIT_STALL_POINT("test.stall.a");
	else
		DPKIT_STALL_POINT("test.stall.b");
	return now_ns() - t0;
}

int
test_stall_one_shot_stops_only_its_site_and_thread(void)
{
	const uint64_t ms50 = 50 * 1000000ULL;

	TEST_ASSERT_EQUAL(dpkit_stall_next("test.stall.a", ms50), 0, "arm");
	TEST_ASSERT(!dpkit_stall_next_spent(), "armed shot not spent yet");

	/* another thread passing the same site is not stopped */
	uint64_t other = 0;
	std::thread t([&] { other = time_point("a"); });
	t.join();
	TEST_ASSERT(other < ms50, "another thread was stopped (%llu ns)",
		    (unsigned long long)other);

	/* another site of this thread is not stopped */
	TEST_ASSERT(time_point("b") < ms50, "site b stopped");
	TEST_ASSERT(!dpkit_stall_next_spent(), "shot spent at the wrong site");

	uint64_t took = time_point("a");
	TEST_ASSERT(took >= ms50, "the armed site took %llu ns, want >= %llu",
		    (unsigned long long)took, (unsigned long long)ms50);
	TEST_ASSERT(dpkit_stall_next_spent(), "shot not spent");
	TEST_ASSERT(time_point("a") < ms50, "a spent shot fired again");
	return TEST_SUCCESS;
}

int
test_stall_random_rate_and_sites(void)
{
	struct dpkit_stall_config cfg = {};
	cfg.yield_ppm = 500000; /* half the points yield */
	cfg.sites = "test.stall.a";
	cfg.seed = 42;
	TEST_ASSERT_EQUAL(dpkit_stall_configure(&cfg), 0, "configure");

	for (int i = 0; i < 10000; i++)
		time_point("b");
	TEST_ASSERT_EQUAL(dpkit_stall_taken(), 0ull, "a site outside the prefix stalled");
	for (int i = 0; i < 10000; i++)
		time_point("a");
	uint64_t taken = dpkit_stall_taken();
	TEST_ASSERT(taken > 4000 && taken < 6000, "yields taken %llu of 10000 at 50%%",
		    (unsigned long long)taken);
	TEST_ASSERT_EQUAL(dpkit_stall_points(), 20000ull, "points counted");

	/* an exempt thread never stops */
	dpkit_stall_thread_exempt(true);
	uint64_t before = dpkit_stall_taken();
	for (int i = 0; i < 1000; i++)
		time_point("a");
	dpkit_stall_thread_exempt(false);
	TEST_ASSERT_EQUAL(dpkit_stall_taken(), before, "an exempt thread stalled");

	/* sleeps last as long as configured */
	cfg.yield_ppm = 0;
	cfg.sleep_ppm = 1000000;
	cfg.sleep_min_ns = 2000000;
	cfg.sleep_max_ns = 3000000;
	TEST_ASSERT_EQUAL(dpkit_stall_configure(&cfg), 0, "configure sleeps");
	uint64_t took = time_point("a");
	TEST_ASSERT(took >= 2000000, "a sleep of 2-3 ms took %llu ns", (unsigned long long)took);

	TEST_ASSERT_EQUAL(dpkit_stall_configure(nullptr), 0, "disarm");
	took = time_point("a");
	TEST_ASSERT(took < 2000000, "a disarmed point stalled (%llu ns)", (unsigned long long)took);
	return TEST_SUCCESS;
}

int
test_stall_bad_settings_refused(void)
{
	struct dpkit_stall_config cfg = {};
	cfg.yield_ppm = 1000001;
	TEST_ASSERT_EQUAL(dpkit_stall_configure(&cfg), -EINVAL, "rate above a million");
	cfg.yield_ppm = 600000;
	cfg.sleep_ppm = 600000;
	TEST_ASSERT_EQUAL(dpkit_stall_configure(&cfg), -EINVAL, "rates adding above a million");
	cfg.yield_ppm = 0;
	cfg.sleep_ppm = 1;
	cfg.sleep_min_ns = 2;
	cfg.sleep_max_ns = 1;
	TEST_ASSERT_EQUAL(dpkit_stall_configure(&cfg), -EINVAL, "min above max");
	TEST_ASSERT_EQUAL(dpkit_stall_next(nullptr, 1), -EINVAL, "NULL site");
	TEST_ASSERT_EQUAL(dpkit_stall_next("", 1), -EINVAL, "empty site");
	/* nothing was armed by the refused calls */
	TEST_ASSERT(time_point("a") < 1000000, "a refused setting armed a stall");
	return TEST_SUCCESS;
}

const struct unit_test_case stall_cases[] = {
	TEST_CASE(test_stall_one_shot_stops_only_its_site_and_thread),
	TEST_CASE(test_stall_random_rate_and_sites), TEST_CASE(test_stall_bad_settings_refused),
	TEST_CASES_END()};

const struct unit_test_suite stall_suite = {"stall injection", nullptr, nullptr, stall_cases};

} // namespace

static int
test_stall(void)
{
	return unit_test_suite_runner(&stall_suite);
}

#else /* !RTE_STALL_INJECTION */

static int
test_stall(void)
{
	TEST_SKIP("built without -Dstall_injection=true");
}

#endif /* RTE_STALL_INJECTION */

REGISTER_FAST_TEST(stall_autotest, NOHUGE_OK, ASAN_OK, test_stall);
