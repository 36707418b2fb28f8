/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_callbacks_autotest: callbacks the library calls from one thread
 * while another thread changes what they refer to.
 *
 * - Event callbacks: once rte_mempool_event_callback_unregister() returns,
 *   the callback is not running and never runs again, even when another
 *   thread was about to call it (it had checked the callback was still
 *   registered) or is inside it. A callback may still unregister itself.
 * - rte_mempool_walk(): a pool handed to the callback is not freed under
 *   it; rte_mempool_free() from another thread waits for the visit to
 *   end. A callback may still free the pool it is given.
 * Each race is made certain by a callback that sleeps, and in
 * -Dstall_injection=true builds also by a stall between the library's
 * check and its call.
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <atomic>
#include <string>
#include <thread>

#include <dpkit_stall.h>
#include <rte_errno.h>
#include <rte_mempool.h>

#include "test.h"

namespace {

uint64_t
now_ns()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void
sleep_ms(unsigned ms)
{
	std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

/* ---- event callbacks ---- */

struct slow_listener {
	unsigned sleep_ms = 0;
	std::atomic<unsigned> calls{0};
	std::atomic<bool> inside{false};
	std::atomic<bool> unregistered{false}; /* set once unregister returned */
	std::atomic<unsigned> after_unregister{0};
};

void
slow_event(rte_mempool_event, rte_mempool *, void *arg)
{
	auto *l = static_cast<slow_listener *>(arg);
	if (l->unregistered.load())
		l->after_unregister++;
	l->inside.store(true);
	sleep_ms(l->sleep_ms);
	if (l->unregistered.load())
		l->after_unregister++;
	l->inside.store(false);
	l->calls++;
}

rte_mempool *
small_pool(const char *name)
{
	return rte_mempool_create(name, 63, 64, 0, 0, nullptr, nullptr, nullptr, nullptr,
				  SOCKET_ID_ANY, 0);
}

/*
 * A thread creates a pool, so the READY event calls a callback that takes
 * 300 ms; meanwhile this thread unregisters it. Unregister must wait for
 * the call to end, and no call may start afterwards.
 */
int
test_mempool_unregister_waits_for_running_callback(void)
{
	slow_listener l;
	l.sleep_ms = 300;
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_register(slow_event, &l), "register");
	rte_mempool *mp = nullptr;
	std::thread creator([&] { mp = small_pool("mp_cb_slow"); });
	while (!l.inside.load() && l.calls.load() == 0)
		std::this_thread::yield();
	uint64_t t0 = now_ns();
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_unregister(slow_event, &l), "unregister");
	l.unregistered.store(true);
	bool still_inside = l.inside.load();
	uint64_t waited = now_ns() - t0;
	creator.join();
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT(!still_inside, "unregister returned while the callback ran (after %llu ms)",
		    (unsigned long long)(waited / 1000000));
	rte_mempool_free(mp); /* DESTROY: must not reach the callback */
	mp = small_pool("mp_cb_slow");
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(l.after_unregister.load(), 0u, "callback ran after unregister returned");
	TEST_ASSERT_EQUAL(l.calls.load(), 1u, "calls");
	printf("  unregister waited %.0f ms for the running callback\n", (double)waited / 1e6);
	return TEST_SUCCESS;
}

/* A callback that unregisters itself from inside a call does not wait
 * for itself, and is not called again. */
struct self_unreg {
	unsigned calls = 0;
	int ret = 1;
};

void
unregister_self(rte_mempool_event, rte_mempool *, void *arg)
{
	auto *s = static_cast<self_unreg *>(arg);
	s->calls++;
	s->ret = rte_mempool_event_callback_unregister(unregister_self, arg);
}

int
test_mempool_callback_unregisters_itself(void)
{
	self_unreg s;
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_register(unregister_self, &s), "register");
	rte_mempool *mp = small_pool("mp_cb_self");
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(s.calls, 1u, "calls");
	TEST_ASSERT_EQUAL(s.ret, 0, "unregister from inside the callback");
	return TEST_SUCCESS;
}

#ifdef RTE_STALL_INJECTION
/*
 * The thread firing the event stops for 300 ms right before the call
 * (mempool.event.call: after the library saw the callback registered);
 * this thread unregisters meanwhile. The callback may run only if it
 * finished before unregister returned.
 */
int
test_mempool_unregister_during_stall_before_call(void)
{
	slow_listener l;
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_register(slow_event, &l), "register");
	std::atomic<bool> armed{false};
	bool stalled = false;
	rte_mempool *mp = nullptr;
	std::thread creator([&] {
		dpkit_stall_next("mempool.event.call", 300 * 1000000ULL);
		armed.store(true);
		mp = small_pool("mp_cb_stall");
		stalled = dpkit_stall_next_spent();
	});
	while (!armed.load())
		std::this_thread::yield();
	sleep_ms(100); /* the creator is in its stall by now */
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_unregister(slow_event, &l), "unregister");
	l.unregistered.store(true);
	creator.join();
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	rte_mempool_free(mp);
	TEST_ASSERT(stalled, "the creator never reached mempool.event.call");
	TEST_ASSERT_EQUAL(l.after_unregister.load(), 0u, "callback ran after unregister returned");
	return TEST_SUCCESS;
}
#endif

/* ---- rte_mempool_walk against rte_mempool_free ---- */

struct slow_visit {
	rte_mempool *target;
	unsigned sleep_ms;
	std::atomic<bool> inside{false};
	std::atomic<bool> freed{false}; /* set once rte_mempool_free returned */
	std::atomic<unsigned> visits{0};
	std::atomic<unsigned> freed_under_us{0};
	std::string name_seen;
};

void
visit_slowly(rte_mempool *mp, void *arg)
{
	auto *v = static_cast<slow_visit *>(arg);
	if (mp != v->target)
		return;
	if (v->freed.load())
		v->freed_under_us++;
	v->inside.store(true);
	sleep_ms(v->sleep_ms);
	if (v->freed.load())
		v->freed_under_us++;
	v->name_seen = mp->name; /* the pool must still be there to read */
	v->visits++;
	v->inside.store(false);
}

/* A walk's callback takes 300 ms over a pool that another thread frees:
 * the free must wait for the visit to end. */
int
test_mempool_free_waits_for_walk_visit(void)
{
	slow_visit v;
	v.target = small_pool("mp_walk_slow");
	v.sleep_ms = 300;
	TEST_ASSERT_NOT_NULL(v.target, "create: %s", rte_strerror(rte_errno));
	std::thread walker([&] { rte_mempool_walk(visit_slowly, &v); });
	while (!v.inside.load() && v.visits.load() == 0)
		std::this_thread::yield();
	uint64_t t0 = now_ns();
	rte_mempool_free(v.target);
	v.freed.store(true);
	uint64_t waited = now_ns() - t0;
	walker.join();
	TEST_ASSERT_EQUAL(v.visits.load(), 1u, "visits");
	TEST_ASSERT_EQUAL(v.freed_under_us.load(), 0u,
			  "the pool was freed during its visit (free took %llu ms)",
			  (unsigned long long)(waited / 1000000));
	TEST_ASSERT_EQUAL(v.name_seen, std::string("mp_walk_slow"), "name read in the visit");
	TEST_ASSERT_NULL(rte_mempool_lookup("mp_walk_slow"), "still listed");
	printf("  free waited %.0f ms for the walk's visit\n", (double)waited / 1e6);
	return TEST_SUCCESS;
}

#ifdef RTE_STALL_INJECTION
/* The walker stops for 300 ms between finding the pool listed and calling
 * back (mempool.walk.visit); another thread frees the pool meanwhile. */
int
test_mempool_free_during_walk_stall(void)
{
	slow_visit v;
	v.target = small_pool("mp_walk_stall");
	v.sleep_ms = 0;
	TEST_ASSERT_NOT_NULL(v.target, "create: %s", rte_strerror(rte_errno));
	std::atomic<bool> armed{false};
	bool stalled = false;
	std::thread walker([&] {
		dpkit_stall_next("mempool.walk.visit", 300 * 1000000ULL);
		armed.store(true);
		rte_mempool_walk(visit_slowly, &v);
		stalled = dpkit_stall_next_spent();
	});
	while (!armed.load())
		std::this_thread::yield();
	sleep_ms(100);
	rte_mempool_free(v.target);
	v.freed.store(true);
	walker.join();
	TEST_ASSERT(stalled, "the walker never reached mempool.walk.visit");
	TEST_ASSERT_EQUAL(v.freed_under_us.load(), 0u, "the walk handed over a freed pool");
	return TEST_SUCCESS;
}
#endif

int
test_mempool_stall_cases_skipped(void)
{
#ifdef RTE_STALL_INJECTION
	return TEST_SUCCESS;
#else
	TEST_SKIP("the stalls between check and call need -Dstall_injection=true");
#endif
}

const struct unit_test_case callbacks_cases[] = {
	TEST_CASE(test_mempool_unregister_waits_for_running_callback),
	TEST_CASE(test_mempool_callback_unregisters_itself),
	TEST_CASE(test_mempool_free_waits_for_walk_visit),
#ifdef RTE_STALL_INJECTION
	TEST_CASE(test_mempool_unregister_during_stall_before_call),
	TEST_CASE(test_mempool_free_during_walk_stall),
#endif
	TEST_CASE(test_mempool_stall_cases_skipped),
	TEST_CASES_END()};

const struct unit_test_suite callbacks_suite = {"mempool callbacks", nullptr, nullptr,
						callbacks_cases};

int
test_mempool_callbacks(void)
{
	return unit_test_suite_runner(&callbacks_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_callbacks_autotest, NOHUGE_OK, ASAN_OK, test_mempool_callbacks);
