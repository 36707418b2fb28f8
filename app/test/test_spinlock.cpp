/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Spinlocks (plain, recursive, *_tm fallbacks): ownership rules checked
 * from a second thread, and mutual exclusion under contention. */

#include <atomic>
#include <thread>
#include <vector>

#include <rte_spinlock.h>

#include "test.h"

namespace {

constexpr int n_threads = 4;
constexpr int n_iterations = 50000;

/* Run fn on another thread and return its result. */
template <typename Fn>
int
on_other_thread(Fn fn)
{
	int r = -1;
	std::thread t([&] { r = fn(); });
	t.join();
	return r;
}

} // namespace

static int
test_spinlock_lock_unlock_and_is_locked(void)
{
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	TEST_ASSERT(!rte_spinlock_is_locked(&sl), "initialiser gives a free lock");
	rte_spinlock_lock(&sl);
	TEST_ASSERT(rte_spinlock_is_locked(&sl), "locked after lock");
	rte_spinlock_unlock(&sl);
	TEST_ASSERT(!rte_spinlock_is_locked(&sl), "free after unlock");

	rte_spinlock_lock(&sl);
	rte_spinlock_init(&sl);
	TEST_ASSERT(!rte_spinlock_is_locked(&sl), "init frees the lock");
	return TEST_SUCCESS;
}

static int
test_spinlock_trylock_fails_while_held(void)
{
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	TEST_ASSERT_EQUAL(rte_spinlock_trylock(&sl), 1, "trylock of a free lock");
	TEST_ASSERT_EQUAL(rte_spinlock_trylock(&sl), 0, "not recursive: own trylock fails");
	TEST_ASSERT_EQUAL(on_other_thread([&] { return rte_spinlock_trylock(&sl); }), 0,
			  "another thread's trylock fails while held");
	rte_spinlock_unlock(&sl);
	TEST_ASSERT_EQUAL(on_other_thread([&] {
				  int got = rte_spinlock_trylock(&sl);
				  if (got)
					  rte_spinlock_unlock(&sl);
				  return got;
			  }),
			  1, "another thread's trylock succeeds once released");
	return TEST_SUCCESS;
}

static int
test_spinlock_excludes_under_contention(void)
{
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	/* deliberately non-atomic read-modify-write: only the lock protects it */
	volatile uint64_t counter = 0;
	std::atomic<int> inside{0};
	std::atomic<bool> overlap{false};

	std::vector<std::thread> threads;
	for (int t = 0; t < n_threads; t++)
		threads.emplace_back([&] {
			for (int i = 0; i < n_iterations; i++) {
				rte_spinlock_lock(&sl);
				if (inside.fetch_add(1) != 0)
					overlap = true;
				counter = counter + 1;
				inside.fetch_sub(1);
				rte_spinlock_unlock(&sl);
			}
		});
	for (auto &t : threads)
		t.join();
	TEST_ASSERT(!overlap, "two threads were inside the lock at once");
	TEST_ASSERT_EQUAL(counter, (uint64_t)n_threads * n_iterations, "updates lost");
	return TEST_SUCCESS;
}

static int
test_spinlock_trylock_contended(void)
{
	/* threads only use trylock: every success must still be exclusive */
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	volatile uint64_t counter = 0;
	std::atomic<uint64_t> successes{0};

	std::vector<std::thread> threads;
	for (int t = 0; t < n_threads; t++)
		threads.emplace_back([&] {
			for (int i = 0; i < n_iterations; i++) {
				if (!rte_spinlock_trylock(&sl))
					continue;
				counter = counter + 1;
				successes.fetch_add(1, std::memory_order_relaxed);
				rte_spinlock_unlock(&sl);
			}
		});
	for (auto &t : threads)
		t.join();
	TEST_ASSERT(successes.load() > 0, "no trylock ever succeeded");
	TEST_ASSERT_EQUAL(counter, successes.load(), "updates lost under trylock");
	return TEST_SUCCESS;
}

static int
test_spinlock_recursive_counts_holds(void)
{
	rte_spinlock_recursive_t slr = RTE_SPINLOCK_RECURSIVE_INITIALIZER;
	TEST_ASSERT_EQUAL(slr.user, -1, "initialiser: no owner");

	rte_spinlock_recursive_lock(&slr);
	rte_spinlock_recursive_lock(&slr);
	TEST_ASSERT_EQUAL(rte_spinlock_recursive_trylock(&slr), 1, "owner's trylock succeeds");
	TEST_ASSERT_EQUAL(slr.count, 3, "three holds");

	auto other_try = [&] {
		int got = rte_spinlock_recursive_trylock(&slr);
		if (got)
			rte_spinlock_recursive_unlock(&slr);
		return got;
	};
	TEST_ASSERT_EQUAL(on_other_thread(other_try), 0, "other thread blocked at 3 holds");
	rte_spinlock_recursive_unlock(&slr);
	rte_spinlock_recursive_unlock(&slr);
	TEST_ASSERT_EQUAL(on_other_thread(other_try), 0, "other thread blocked at 1 hold");
	TEST_ASSERT(rte_spinlock_is_locked(&slr.sl), "still locked at 1 hold");
	rte_spinlock_recursive_unlock(&slr);
	TEST_ASSERT(!rte_spinlock_is_locked(&slr.sl), "released after the last unlock");
	TEST_ASSERT_EQUAL(slr.user, -1, "no owner after the last unlock");
	TEST_ASSERT_EQUAL(on_other_thread(other_try), 1, "other thread gets it now");

	rte_spinlock_recursive_init(&slr);
	TEST_ASSERT(slr.user == -1 && slr.count == 0 && !rte_spinlock_is_locked(&slr.sl),
		    "init resets everything");
	return TEST_SUCCESS;
}

static int
test_spinlock_recursive_excludes_under_contention(void)
{
	rte_spinlock_recursive_t slr = RTE_SPINLOCK_RECURSIVE_INITIALIZER;
	volatile uint64_t counter = 0;

	std::vector<std::thread> threads;
	for (int t = 0; t < n_threads; t++)
		threads.emplace_back([&] {
			for (int i = 0; i < n_iterations / 4; i++) {
				rte_spinlock_recursive_lock(&slr);
				rte_spinlock_recursive_lock(&slr); /* nested */
				counter = counter + 1;
				rte_spinlock_recursive_unlock(&slr);
				counter = counter + 1;
				rte_spinlock_recursive_unlock(&slr);
			}
		});
	for (auto &t : threads)
		t.join();
	TEST_ASSERT_EQUAL(counter, (uint64_t)n_threads * (n_iterations / 4) * 2, "updates lost");
	TEST_ASSERT(!rte_spinlock_is_locked(&slr.sl), "left locked");
	return TEST_SUCCESS;
}

static int
test_spinlock_tm_variants_fall_back(void)
{
	TEST_ASSERT_EQUAL(rte_tm_supported(), 0, "dpkit does not use TSX");

	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	rte_spinlock_lock_tm(&sl);
	TEST_ASSERT(rte_spinlock_is_locked(&sl), "lock_tm takes the lock");
	TEST_ASSERT_EQUAL(rte_spinlock_trylock_tm(&sl), 0, "trylock_tm fails while held");
	rte_spinlock_unlock_tm(&sl);
	TEST_ASSERT(!rte_spinlock_is_locked(&sl), "unlock_tm releases");
	TEST_ASSERT_EQUAL(rte_spinlock_trylock_tm(&sl), 1, "trylock_tm on a free lock");
	rte_spinlock_unlock_tm(&sl);

	rte_spinlock_recursive_t slr = RTE_SPINLOCK_RECURSIVE_INITIALIZER;
	rte_spinlock_recursive_lock_tm(&slr);
	TEST_ASSERT_EQUAL(rte_spinlock_recursive_trylock_tm(&slr), 1, "recursive trylock_tm");
	rte_spinlock_recursive_unlock_tm(&slr);
	rte_spinlock_recursive_unlock_tm(&slr);
	TEST_ASSERT(!rte_spinlock_is_locked(&slr.sl), "recursive _tm released");
	return TEST_SUCCESS;
}

static const struct unit_test_case spinlock_cases[] = {
	TEST_CASE(test_spinlock_lock_unlock_and_is_locked),
	TEST_CASE(test_spinlock_trylock_fails_while_held),
	TEST_CASE(test_spinlock_excludes_under_contention),
	TEST_CASE(test_spinlock_trylock_contended),
	TEST_CASE(test_spinlock_recursive_counts_holds),
	TEST_CASE(test_spinlock_recursive_excludes_under_contention),
	TEST_CASE(test_spinlock_tm_variants_fall_back),
	TEST_CASES_END()};

static const struct unit_test_suite spinlock_suite = {"spinlock", nullptr, nullptr, spinlock_cases};

static int
test_spinlock(void)
{
	return unit_test_suite_runner(&spinlock_suite);
}

REGISTER_FAST_TEST(spinlock_autotest, NOHUGE_OK, ASAN_OK, test_spinlock);
