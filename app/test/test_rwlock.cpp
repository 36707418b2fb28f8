/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Reader-writer lock: shared readers, exclusive writers, writer preference,
 * and a stress run where readers check an invariant writers maintain. */

#include <errno.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <rte_pause.h>
#include <rte_rwlock.h>

#include "test.h"

static int
test_rwlock_readers_share(void)
{
	rte_rwlock_t rwl = RTE_RWLOCK_INITIALIZER;
	rte_rwlock_read_lock(&rwl);
	TEST_ASSERT_SUCCESS(rte_rwlock_read_trylock(&rwl), "second reader is admitted");
	int other = -1;
	std::thread([&] {
		other = rte_rwlock_read_trylock(&rwl);
		if (other == 0)
			rte_rwlock_read_unlock(&rwl);
	}).join();
	TEST_ASSERT_SUCCESS(other, "reader on another thread is admitted");
	TEST_ASSERT_EQUAL(rte_rwlock_write_trylock(&rwl), -EBUSY, "writer refused while read");
	rte_rwlock_read_unlock(&rwl);
	TEST_ASSERT_EQUAL(rte_rwlock_write_trylock(&rwl), -EBUSY, "still one reader");
	rte_rwlock_read_unlock(&rwl);
	TEST_ASSERT_SUCCESS(rte_rwlock_write_trylock(&rwl), "writer admitted when free");
	rte_rwlock_write_unlock(&rwl);
	TEST_ASSERT_EQUAL(rwl.cnt, 0, "state word back to 0");
	return TEST_SUCCESS;
}

static int
test_rwlock_writer_excludes_everyone(void)
{
	rte_rwlock_t rwl;
	rte_rwlock_init(&rwl);
	rte_rwlock_write_lock(&rwl);
	TEST_ASSERT_EQUAL(rte_rwlock_read_trylock(&rwl), -EBUSY, "reader refused");
	TEST_ASSERT_EQUAL(rte_rwlock_write_trylock(&rwl), -EBUSY, "second writer refused");
	rte_rwlock_write_unlock(&rwl);
	TEST_ASSERT_SUCCESS(rte_rwlock_read_trylock(&rwl), "reader admitted after unlock");
	rte_rwlock_read_unlock(&rwl);

	rte_rwlock_write_lock_tm(&rwl);
	TEST_ASSERT_EQUAL(rte_rwlock_read_trylock(&rwl), -EBUSY, "_tm writer excludes");
	rte_rwlock_write_unlock_tm(&rwl);
	rte_rwlock_read_lock_tm(&rwl);
	TEST_ASSERT_EQUAL(rte_rwlock_write_trylock(&rwl), -EBUSY, "_tm reader excludes writer");
	rte_rwlock_read_unlock_tm(&rwl);
	TEST_ASSERT_EQUAL(rwl.cnt, 0, "state word back to 0");
	return TEST_SUCCESS;
}

static int
test_rwlock_blocking_calls_wait_for_the_holder(void)
{
	rte_rwlock_t rwl = RTE_RWLOCK_INITIALIZER;
	std::atomic<bool> entered{false};

	/* a reader blocks behind a writer */
	rte_rwlock_write_lock(&rwl);
	std::thread reader([&] {
		rte_rwlock_read_lock(&rwl);
		entered = true;
		rte_rwlock_read_unlock(&rwl);
	});
	std::this_thread::sleep_for(std::chrono::milliseconds(20));
	bool early = entered;
	rte_rwlock_write_unlock(&rwl);
	reader.join();
	TEST_ASSERT(!early, "read_lock returned while a writer held the lock");
	TEST_ASSERT(entered, "reader never entered");

	/* a writer blocks behind a reader */
	entered = false;
	rte_rwlock_read_lock(&rwl);
	std::thread writer([&] {
		rte_rwlock_write_lock(&rwl);
		entered = true;
		rte_rwlock_write_unlock(&rwl);
	});
	std::this_thread::sleep_for(std::chrono::milliseconds(20));
	early = entered;
	rte_rwlock_read_unlock(&rwl);
	writer.join();
	TEST_ASSERT(!early, "write_lock returned while a reader held the lock");
	TEST_ASSERT(entered, "writer never entered");
	TEST_ASSERT_EQUAL(rwl.cnt, 0, "state word back to 0");
	return TEST_SUCCESS;
}

static int
test_rwlock_waiting_writer_holds_back_new_readers(void)
{
	rte_rwlock_t rwl = RTE_RWLOCK_INITIALIZER;
	std::atomic<bool> writer_in{false};

	rte_rwlock_read_lock(&rwl);
	std::thread writer([&] {
		rte_rwlock_write_lock(&rwl);
		writer_in = true;
		rte_rwlock_write_unlock(&rwl);
	});
	/* wait until the writer has announced itself */
	while (!(std::atomic_ref(rwl.cnt).load(std::memory_order_relaxed) & RTE_RWLOCK_WAIT))
		rte_pause();
	int refused = rte_rwlock_read_trylock(&rwl);
	bool writer_early = writer_in;
	rte_rwlock_read_unlock(&rwl);
	writer.join();

	TEST_ASSERT_EQUAL(refused, -EBUSY, "a new reader must wait behind a waiting writer");
	TEST_ASSERT(!writer_early, "writer entered while a reader held the lock");
	TEST_ASSERT(writer_in, "writer never got the lock");
	TEST_ASSERT_EQUAL(rwl.cnt, 0, "state word back to 0");
	return TEST_SUCCESS;
}

static int
test_rwlock_readers_see_consistent_state(void)
{
	/* writers keep a == b and flag their presence for a while; readers
	 * must never see a writer inside or the two values differ */
	rte_rwlock_t rwl = RTE_RWLOCK_INITIALIZER;
	volatile uint64_t a = 0, b = 0;
	std::atomic<bool> writer_inside{false};
	std::atomic<bool> torn{false};
	std::atomic<bool> stop{false};
	constexpr int n_writes = 20000;

	std::vector<std::thread> threads;
	for (int w = 0; w < 2; w++)
		threads.emplace_back([&] {
			for (int i = 0; i < n_writes; i++) {
				rte_rwlock_write_lock(&rwl);
				writer_inside.store(true, std::memory_order_relaxed);
				a = a + 1;
				for (int spin = 0; spin < 20; spin++)
					rte_pause();
				b = b + 1;
				writer_inside.store(false, std::memory_order_relaxed);
				rte_rwlock_write_unlock(&rwl);
			}
		});
	for (int r = 0; r < 2; r++)
		threads.emplace_back([&] {
			while (!stop) {
				rte_rwlock_read_lock(&rwl);
				if (writer_inside.load(std::memory_order_relaxed) || a != b)
					torn = true;
				rte_rwlock_read_unlock(&rwl);
			}
		});
	threads[0].join();
	threads[1].join();
	stop = true;
	threads[2].join();
	threads[3].join();

	TEST_ASSERT(!torn, "a reader ran while a writer held the lock");
	TEST_ASSERT_EQUAL(a, (uint64_t)2 * n_writes, "writes lost");
	TEST_ASSERT_EQUAL(rwl.cnt, 0, "state word back to 0");
	return TEST_SUCCESS;
}

static const struct unit_test_case rwlock_cases[] = {
	TEST_CASE(test_rwlock_readers_share),
	TEST_CASE(test_rwlock_writer_excludes_everyone),
	TEST_CASE(test_rwlock_blocking_calls_wait_for_the_holder),
	TEST_CASE(test_rwlock_waiting_writer_holds_back_new_readers),
	TEST_CASE(test_rwlock_readers_see_consistent_state),
	TEST_CASES_END()};

static const struct unit_test_suite rwlock_suite = {"rwlock", nullptr, nullptr, rwlock_cases};

static int
test_rwlock(void)
{
	return unit_test_suite_runner(&rwlock_suite);
}

REGISTER_FAST_TEST(rwlock_autotest, NOHUGE_OK, ASAN_OK, test_rwlock);
