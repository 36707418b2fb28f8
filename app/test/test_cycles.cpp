/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* TSC frequency against the kernel's clock, delays, the delay hook, and the
 * absent HPET. Time bounds are loose on the upper side on purpose: the
 * machine is shared and a thread can be preempted; lower bounds are exact. */

#include <time.h>

#include <rte_cycles.h>

#include "test.h"

namespace {

uint64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

unsigned int hook_calls;
unsigned int hook_last_us;

void
counting_delay(unsigned int us)
{
	hook_calls++;
	hook_last_us = us;
}

} // namespace

static int
test_cycles_tsc_hz_matches_monotonic_clock(void)
{
	uint64_t hz = rte_get_tsc_hz();
	TEST_ASSERT(hz > 100000000ULL, "TSC below 100 MHz is not plausible: %lu",
		    (unsigned long)hz);
	TEST_ASSERT_EQUAL(rte_get_tsc_hz(), hz, "frequency is stable between calls");
	TEST_ASSERT_EQUAL(rte_get_timer_hz(), hz, "timer is the TSC");

	/* measure independently over 100 ms: several tries, best one counts,
	 * so one preemption cannot fail the test */
	double best_ratio = 0;
	for (int attempt = 0; attempt < 3; attempt++) {
		uint64_t t0 = now_ns(), c0 = rte_rdtsc();
		struct timespec nap = {0, 100 * 1000 * 1000};
		nanosleep(&nap, nullptr);
		uint64_t t1 = now_ns(), c1 = rte_rdtsc();
		double measured = (double)(c1 - c0) * 1e9 / (double)(t1 - t0);
		double ratio = measured / (double)hz;
		if (ratio > 0.9 && ratio < 1.1)
			return TEST_SUCCESS;
		best_ratio = ratio;
	}
	TEST_ASSERT(false,
		    "rte_get_tsc_hz() %lu is more than 10%% off the measured rate "
		    "(ratio %.3f)",
		    (unsigned long)hz, best_ratio);
	return TEST_FAILED;
}

static int
test_cycles_counters_advance(void)
{
	uint64_t a = rte_rdtsc();
	uint64_t b = rte_rdtsc_precise();
	uint64_t c = rte_get_tsc_cycles();
	uint64_t d = rte_get_timer_cycles();
	TEST_ASSERT(a <= b && b <= c && c <= d, "TSC reads go backwards: %lu %lu %lu %lu",
		    (unsigned long)a, (unsigned long)b, (unsigned long)c, (unsigned long)d);
	TEST_ASSERT_EQUAL(eal_timer_source, EAL_TIMER_TSC, "timer source");
	return TEST_SUCCESS;
}

static int
test_cycles_delays_wait_long_enough(void)
{
	struct {
		const char *name;
		void (*wait)(unsigned int);
		unsigned int us;
	} cases[] = {
		{"rte_delay_us_block", rte_delay_us_block, 3000},
		{"rte_delay_us_sleep", rte_delay_us_sleep, 3000},
		{"rte_delay_us", rte_delay_us, 2000},
		{"rte_delay_us_block(0)", rte_delay_us_block, 0},
	};
	for (const auto &c : cases) {
		uint64_t t0 = now_ns();
		c.wait(c.us);
		uint64_t took_us = (now_ns() - t0) / 1000;
		TEST_ASSERT(took_us >= c.us, "%s(%u) returned after %lu us", c.name, c.us,
			    (unsigned long)took_us);
		TEST_ASSERT(took_us < c.us + 500000, "%s(%u) took %lu us", c.name, c.us,
			    (unsigned long)took_us);
	}
	uint64_t t0 = now_ns();
	rte_delay_ms(4);
	TEST_ASSERT(now_ns() - t0 >= 4000000, "rte_delay_ms(4) was short");
	return TEST_SUCCESS;
}

static int
test_cycles_delay_hook_replaces_and_restores(void)
{
	hook_calls = 0;
	rte_delay_us_callback_register(counting_delay);
	rte_delay_ms(7);
	rte_delay_us(11);
	TEST_ASSERT_EQUAL(hook_calls, 2u, "hook called for each delay");
	TEST_ASSERT_EQUAL(hook_last_us, 11u, "hook got the microseconds");

	rte_delay_us_callback_register(rte_delay_us_sleep);
	TEST_ASSERT(rte_delay_us == rte_delay_us_sleep, "sleep delay installed");

	/* NULL is not a function to call: it restores the default */
	rte_delay_us_callback_register(nullptr);
	TEST_ASSERT(rte_delay_us == rte_delay_us_block, "NULL restores busy waiting");
	uint64_t t0 = now_ns();
	rte_delay_us(1000);
	TEST_ASSERT(now_ns() - t0 >= 1000000, "restored delay waits");
	TEST_ASSERT_EQUAL(hook_calls, 2u, "old hook no longer called");
	return TEST_SUCCESS;
}

static int
test_cycles_no_hpet(void)
{
	TEST_ASSERT_EQUAL(rte_eal_hpet_init(1), -1, "HPET init must fail: not supported");
	TEST_ASSERT_EQUAL(rte_eal_hpet_init(0), -1, "HPET init must fail: not supported");
	TEST_ASSERT_EQUAL(rte_get_hpet_hz(), 0ull, "no HPET frequency");
	TEST_ASSERT_EQUAL(rte_get_hpet_cycles(), 0ull, "no HPET counter");
	TEST_ASSERT_EQUAL(eal_timer_source, EAL_TIMER_TSC, "failed HPET init keeps the TSC");
	return TEST_SUCCESS;
}

static const struct unit_test_case cycles_cases[] = {
	TEST_CASE(test_cycles_tsc_hz_matches_monotonic_clock),
	TEST_CASE(test_cycles_counters_advance),
	TEST_CASE(test_cycles_delays_wait_long_enough),
	TEST_CASE(test_cycles_delay_hook_replaces_and_restores),
	TEST_CASE(test_cycles_no_hpet),
	TEST_CASES_END()};

static const struct unit_test_suite cycles_suite = {"cycles", nullptr, nullptr, cycles_cases};

static int
test_cycles(void)
{
	return unit_test_suite_runner(&cycles_suite);
}

REGISTER_FAST_TEST(cycles_autotest, NOHUGE_OK, ASAN_OK, test_cycles);
