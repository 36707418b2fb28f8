/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Legacy atomic counters and barriers (rte_atomic.h): single-thread
 * semantics of every operation, then lost-update checks under contention. */

#include <stdint.h>

#include <thread>
#include <vector>

#include <rte_atomic.h>
#include <rte_pause.h>

#include "test.h"

namespace {

constexpr int n_threads = 4;
constexpr int n_iterations = 100000;

template <typename Fn>
void
run_threads(int n, Fn fn)
{
	std::vector<std::thread> threads;
	for (int i = 0; i < n; i++)
		threads.emplace_back(fn, i);
	for (auto &t : threads)
		t.join();
}

} // namespace

static int
test_atomic_counter_operations(void)
{
	rte_atomic16_t a16 = RTE_ATOMIC16_INIT(7);
	rte_atomic32_t a32 = RTE_ATOMIC32_INIT(7);
	rte_atomic64_t a64 = RTE_ATOMIC64_INIT(7);

	TEST_ASSERT_EQUAL(rte_atomic16_read(&a16), 7, "static init 16");
	TEST_ASSERT_EQUAL(rte_atomic32_read(&a32), 7, "static init 32");
	TEST_ASSERT_EQUAL(rte_atomic64_read(&a64), 7, "static init 64");

	rte_atomic32_init(&a32);
	TEST_ASSERT_EQUAL(rte_atomic32_read(&a32), 0, "init sets 0");
	rte_atomic32_set(&a32, 10);
	rte_atomic32_add(&a32, 5);
	rte_atomic32_sub(&a32, 3);
	rte_atomic32_inc(&a32);
	rte_atomic32_dec(&a32);
	TEST_ASSERT_EQUAL(rte_atomic32_read(&a32), 12, "set/add/sub/inc/dec");
	TEST_ASSERT_EQUAL(rte_atomic32_add_return(&a32, 8), 20, "add_return gives new value");
	TEST_ASSERT_EQUAL(rte_atomic32_sub_return(&a32, 21), -1, "sub_return gives new value");
	TEST_ASSERT(rte_atomic32_inc_and_test(&a32), "inc from -1 reaches 0");
	TEST_ASSERT(!rte_atomic32_inc_and_test(&a32), "inc from 0 is not 0");
	TEST_ASSERT(rte_atomic32_dec_and_test(&a32), "dec from 1 reaches 0");
	TEST_ASSERT(!rte_atomic32_dec_and_test(&a32), "dec from 0 is not 0");

	rte_atomic32_clear(&a32);
	TEST_ASSERT(rte_atomic32_test_and_set(&a32), "first test_and_set wins");
	TEST_ASSERT(!rte_atomic32_test_and_set(&a32), "second test_and_set loses");
	TEST_ASSERT_EQUAL(rte_atomic32_read(&a32), 1, "test_and_set stores 1");
	rte_atomic32_clear(&a32);
	TEST_ASSERT_EQUAL(rte_atomic32_read(&a32), 0, "clear stores 0");

	/* 16 bits wrap like int16_t */
	rte_atomic16_set(&a16, INT16_MAX);
	rte_atomic16_inc(&a16);
	TEST_ASSERT_EQUAL(rte_atomic16_read(&a16), INT16_MIN, "16-bit wraps");
	rte_atomic16_set(&a16, -1);
	TEST_ASSERT(rte_atomic16_inc_and_test(&a16), "16-bit inc_and_test");
	TEST_ASSERT(rte_atomic16_test_and_set(&a16), "16-bit test_and_set from 0");
	TEST_ASSERT_EQUAL(rte_atomic16_add_return(&a16, 4), 5, "16-bit add_return");
	TEST_ASSERT_EQUAL(rte_atomic16_sub_return(&a16, 5), 0, "16-bit sub_return");
	rte_atomic16_add(&a16, 2);
	rte_atomic16_sub(&a16, 1);
	rte_atomic16_dec(&a16);
	TEST_ASSERT(!rte_atomic16_dec_and_test(&a16), "16-bit dec_and_test from 0");
	rte_atomic16_init(&a16);
	rte_atomic16_clear(&a16);
	TEST_ASSERT_EQUAL(rte_atomic16_read(&a16), 0, "16-bit clear");

	/* 64 bits hold values past 32 bits */
	rte_atomic64_init(&a64);
	rte_atomic64_set(&a64, INT64_C(1) << 40);
	rte_atomic64_add(&a64, 1);
	rte_atomic64_sub(&a64, 2);
	rte_atomic64_inc(&a64);
	rte_atomic64_dec(&a64);
	TEST_ASSERT_EQUAL(rte_atomic64_read(&a64), (INT64_C(1) << 40) - 1, "64-bit ops");
	TEST_ASSERT_EQUAL(rte_atomic64_add_return(&a64, 1), INT64_C(1) << 40, "64-bit add_return");
	TEST_ASSERT_EQUAL(rte_atomic64_sub_return(&a64, INT64_C(1) << 40), 0, "64-bit sub_return");
	TEST_ASSERT(!rte_atomic64_inc_and_test(&a64), "64-bit inc_and_test from 0");
	TEST_ASSERT(rte_atomic64_dec_and_test(&a64), "64-bit dec_and_test to 0");
	TEST_ASSERT(rte_atomic64_test_and_set(&a64), "64-bit test_and_set");
	rte_atomic64_clear(&a64);
	TEST_ASSERT_EQUAL(rte_atomic64_read(&a64), 0, "64-bit clear");
	return TEST_SUCCESS;
}

static int
test_atomic_cmpset_and_exchange(void)
{
	volatile uint16_t v16 = 3;
	volatile uint32_t v32 = 3;
	volatile uint64_t v64 = 3;

	TEST_ASSERT(!rte_atomic16_cmpset(&v16, 4, 9), "16: cmpset with wrong expected");
	TEST_ASSERT_EQUAL(v16, 3, "16: failed cmpset stores nothing");
	TEST_ASSERT(rte_atomic16_cmpset(&v16, 3, 9), "16: cmpset with right expected");
	TEST_ASSERT_EQUAL(v16, 9, "16: cmpset stored");
	TEST_ASSERT_EQUAL(rte_atomic16_exchange(&v16, 1), 9, "16: exchange returns old");
	TEST_ASSERT_EQUAL(v16, 1, "16: exchange stored");

	TEST_ASSERT(!rte_atomic32_cmpset(&v32, 4, 9), "32: cmpset with wrong expected");
	TEST_ASSERT(rte_atomic32_cmpset(&v32, 3, 9), "32: cmpset with right expected");
	TEST_ASSERT_EQUAL(rte_atomic32_exchange(&v32, 1), 9u, "32: exchange returns old");
	TEST_ASSERT_EQUAL(v32, 1u, "32: exchange stored");

	TEST_ASSERT(!rte_atomic64_cmpset(&v64, 4, UINT64_MAX), "64: cmpset with wrong expected");
	TEST_ASSERT(rte_atomic64_cmpset(&v64, 3, UINT64_MAX), "64: cmpset with right expected");
	TEST_ASSERT_EQUAL(rte_atomic64_exchange(&v64, 1), UINT64_MAX, "64: exchange returns old");
	return TEST_SUCCESS;
}

static int
test_atomic128_cmp_exchange(void)
{
	rte_int128_t value, expected, desired;
	value.val[0] = 1;
	value.val[1] = 2;
	expected.val[0] = 1;
	expected.val[1] = 3;
	desired.val[0] = 10;
	desired.val[1] = 20;

	TEST_ASSERT(!rte_atomic128_cmp_exchange(&value, &expected, &desired, 0, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE),
		    "mismatch in high half fails");
	TEST_ASSERT(expected.val[0] == 1 && expected.val[1] == 2,
		    "failure loads the current value into expected (%lu, %lu)",
		    (unsigned long)expected.val[0], (unsigned long)expected.val[1]);
	TEST_ASSERT(value.val[0] == 1 && value.val[1] == 2, "failure leaves dst alone");
	TEST_ASSERT(rte_atomic128_cmp_exchange(&value, &expected, &desired, 1, __ATOMIC_ACQ_REL,
					       __ATOMIC_ACQUIRE),
		    "match succeeds");
	TEST_ASSERT(value.val[0] == 10 && value.val[1] == 20, "success stores desired");
	TEST_ASSERT_EQUAL(alignof(rte_int128_t), (size_t)16, "CMPXCHG16B needs 16-byte alignment");
	return TEST_SUCCESS;
}

static int
test_atomic_barriers_execute(void)
{
	/* nothing observable single-threaded; this proves each one assembles
	 * and runs (an invalid encoding would fault here) */
	rte_mb();
	rte_wmb();
	rte_rmb();
	rte_smp_mb();
	rte_smp_wmb();
	rte_smp_rmb();
	rte_io_mb();
	rte_io_wmb();
	rte_io_rmb();
	rte_compiler_barrier();
	rte_atomic_thread_fence(__ATOMIC_SEQ_CST);
	rte_atomic_thread_fence(__ATOMIC_ACQ_REL);
	return TEST_SUCCESS;
}

static int
test_atomic_counters_lose_no_update_across_threads(void)
{
	rte_atomic16_t c16;
	rte_atomic32_t c32;
	rte_atomic64_t c64;
	rte_atomic64_t returned_sum;
	rte_atomic16_init(&c16);
	rte_atomic32_init(&c32);
	rte_atomic64_init(&c64);
	rte_atomic64_init(&returned_sum);

	run_threads(n_threads, [&](int) {
		for (int i = 0; i < n_iterations; i++) {
			rte_atomic16_inc(&c16);
			rte_atomic32_add(&c32, 2);
			rte_atomic64_add_return(&c64, 3);
			rte_atomic64_inc(&returned_sum);
		}
		for (int i = 0; i < n_iterations / 2; i++) {
			rte_atomic32_dec(&c32);
			rte_atomic64_sub(&c64, 1);
		}
	});
	int16_t want16 = (int16_t)(uint16_t)(n_threads * n_iterations); /* wraps */
	TEST_ASSERT_EQUAL(rte_atomic16_read(&c16), want16, "16-bit increments lost");
	TEST_ASSERT_EQUAL(rte_atomic32_read(&c32),
			  n_threads * (2 * n_iterations - n_iterations / 2), "32-bit add/dec lost");
	TEST_ASSERT_EQUAL(rte_atomic64_read(&c64),
			  (int64_t)n_threads * (3 * n_iterations - n_iterations / 2),
			  "64-bit add_return/sub lost");
	TEST_ASSERT_EQUAL(rte_atomic64_read(&returned_sum), (int64_t)n_threads * n_iterations,
			  "64-bit inc lost");
	return TEST_SUCCESS;
}

static int
test_atomic_test_and_set_has_one_winner(void)
{
	constexpr int n_rounds = 50; /* each round starts threads: keep it short */
	for (int round = 0; round < n_rounds; round++) {
		rte_atomic32_t flag = RTE_ATOMIC32_INIT(0);
		rte_atomic32_t winners = RTE_ATOMIC32_INIT(0);
		run_threads(n_threads, [&](int) {
			if (rte_atomic32_test_and_set(&flag))
				rte_atomic32_inc(&winners);
		});
		TEST_ASSERT_EQUAL(rte_atomic32_read(&winners), 1, "round %d", round);
	}
	return TEST_SUCCESS;
}

static int
test_atomic_dec_and_test_fires_once(void)
{
	/* a shared refcount: exactly one thread sees the drop to zero */
	rte_atomic32_t refs = RTE_ATOMIC32_INIT(n_threads * n_iterations);
	rte_atomic32_t zero_seen = RTE_ATOMIC32_INIT(0);
	run_threads(n_threads, [&](int) {
		for (int i = 0; i < n_iterations; i++)
			if (rte_atomic32_dec_and_test(&refs))
				rte_atomic32_inc(&zero_seen);
	});
	TEST_ASSERT_EQUAL(rte_atomic32_read(&zero_seen), 1, "zero must be seen exactly once");
	return TEST_SUCCESS;
}

static int
test_atomic128_is_atomic_across_threads(void)
{
	/* each thread adds 1 to both halves with CAS; a torn update would
	 * leave the halves different */
	rte_int128_t shared;
	shared.val[0] = 0;
	shared.val[1] = 0;
	constexpr int n_adds = 20000;
	run_threads(n_threads, [&](int) {
		for (int i = 0; i < n_adds; i++) {
			rte_int128_t old = shared, next;
			do {
				next.val[0] = old.val[0] + 1;
				next.val[1] = old.val[1] + 1;
			} while (!rte_atomic128_cmp_exchange(&shared, &old, &next, 0,
							     __ATOMIC_RELAXED, __ATOMIC_RELAXED));
		}
	});
	TEST_ASSERT_EQUAL(shared.val[0], (uint64_t)n_threads * n_adds, "low half");
	TEST_ASSERT_EQUAL(shared.val[1], (uint64_t)n_threads * n_adds, "high half");
	return TEST_SUCCESS;
}

static int
test_atomic_wait_until_sees_other_thread_store(void)
{
	volatile uint16_t v16 = 0;
	volatile uint32_t v32 = 0;
	volatile uint64_t v64 = 0;
	volatile uint32_t flags = 0;
	uint64_t payload = 0;

	/* the writer publishes payload, then releases each flag in turn; the
	 * flags are volatile (rte_wait_until_equal_* take volatile pointers),
	 * which std::atomic_ref cannot bind, hence the builtins */
	std::thread writer([&] {
		payload = 42;
		__atomic_store_n(&v16, 7, __ATOMIC_RELEASE);
		__atomic_store_n(&v32, 8, __ATOMIC_RELEASE);
		__atomic_store_n(&v64, (uint64_t)1 << 40, __ATOMIC_RELEASE);
		__atomic_store_n(&flags, 0x30, __ATOMIC_RELEASE);
	});
	rte_wait_until_equal_16(&v16, 7, __ATOMIC_ACQUIRE);
	TEST_ASSERT_EQUAL(payload, (uint64_t)42, "acquire wait sees the data stored before");
	rte_wait_until_equal_32(&v32, 8, __ATOMIC_ACQUIRE);
	rte_wait_until_equal_64(&v64, (uint64_t)1 << 40, __ATOMIC_RELAXED);
	RTE_WAIT_UNTIL_MASKED(&flags, 0x10, ==, 0x10, __ATOMIC_ACQUIRE);
	RTE_WAIT_UNTIL_MASKED(&flags, 0x0f, ==, 0, __ATOMIC_RELAXED);
	writer.join();
	rte_pause();
	return TEST_SUCCESS;
}

static const struct unit_test_case atomic_cases[] = {
	TEST_CASE(test_atomic_counter_operations),
	TEST_CASE(test_atomic_cmpset_and_exchange),
	TEST_CASE(test_atomic128_cmp_exchange),
	TEST_CASE(test_atomic_barriers_execute),
	TEST_CASE(test_atomic_counters_lose_no_update_across_threads),
	TEST_CASE(test_atomic_test_and_set_has_one_winner),
	TEST_CASE(test_atomic_dec_and_test_fires_once),
	TEST_CASE(test_atomic128_is_atomic_across_threads),
	TEST_CASE(test_atomic_wait_until_sees_other_thread_store),
	TEST_CASES_END()};

static const struct unit_test_suite atomic_suite = {"atomic", nullptr, nullptr, atomic_cases};

static int
test_atomic(void)
{
	return unit_test_suite_runner(&atomic_suite);
}

REGISTER_FAST_TEST(atomic_autotest, NOHUGE_OK, ASAN_OK, test_atomic);
