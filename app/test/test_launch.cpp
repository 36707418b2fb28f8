/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * launch_autotest: functions run on worker lcores. The suite runs in this
 * process (however many lcores it has) and again in a child with six lcores
 * sharing one CPU, so it always meets several workers; another child checks
 * what happens after rte_eal_cleanup().
 */

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_per_lcore.h>

#include "test.h"
#include "test_lcore_util.h"

using namespace lcore_test;

RTE_DEFINE_PER_LCORE(unsigned int, test_lcore_var);

namespace {

/* ---- launch_autotest ---- */

struct worker_report {
	std::atomic<unsigned int> lcore_id{LCORE_ID_ANY};
	std::atomic<bool> pinned{false};
	std::atomic<unsigned int> socket{0};
	std::atomic<int> runs{0};
};

worker_report reports[RTE_MAX_LCORE];

int
report_fn(void *)
{
	unsigned int id = rte_lcore_id();
	if (id >= RTE_MAX_LCORE)
		return -1;
	worker_report &r = reports[id];
	r.lcore_id = id;
	cpu_set_t now;
	sched_getaffinity(0, sizeof(now), &now);
	rte_cpuset_t want = rte_lcore_cpuset(id);
	r.pinned = CPU_EQUAL(&now, &want);
	r.socket = rte_socket_id();
	RTE_PER_LCORE(test_lcore_var) = id + 1;
	r.runs++;
	return (int)id * 3;
}

int
test_launch_on_every_worker(void)
{
	if (worker_count() == 0)
		TEST_SKIP("only the main lcore is enabled");
	for (auto &r : reports)
		r.runs = 0;
	RTE_PER_LCORE(test_lcore_var) = 7;
	TEST_ASSERT_SUCCESS(rte_eal_mp_remote_launch(report_fn, nullptr, SKIP_MAIN), "launch");
	rte_eal_mp_wait_lcore();
	unsigned int lcore;
	RTE_LCORE_FOREACH_WORKER(lcore)
	{
		worker_report &r = reports[lcore];
		TEST_ASSERT_EQUAL(r.runs.load(), 1, "lcore %u ran %d times", lcore, r.runs.load());
		TEST_ASSERT_EQUAL(r.lcore_id.load(), lcore, "rte_lcore_id() on the worker");
		TEST_ASSERT(r.pinned.load(), "lcore %u not pinned to its CPUs", lcore);
		unsigned int socket = rte_lcore_to_socket_id(lcore);
		TEST_ASSERT_EQUAL(r.socket.load(), socket, "rte_socket_id() on lcore %u", lcore);
		TEST_ASSERT_EQUAL(rte_eal_wait_lcore(lcore), (int)lcore * 3, "return value");
		TEST_ASSERT_EQUAL(rte_eal_get_lcore_state(lcore), WAIT, "state after wait");
	}
	TEST_ASSERT_EQUAL(reports[rte_get_main_lcore()].runs.load(), 0, "SKIP_MAIN ran on main");
	TEST_ASSERT_EQUAL(RTE_PER_LCORE(test_lcore_var), 7u, "per-lcore variable is per thread");
	return TEST_SUCCESS;
}

int
test_launch_call_main(void)
{
	for (auto &r : reports)
		r.runs = 0;
	TEST_ASSERT_SUCCESS(rte_eal_mp_remote_launch(report_fn, nullptr, CALL_MAIN), "launch");
	/* with CALL_MAIN the main lcore's run is done when the call returns */
	unsigned int main_lcore = rte_get_main_lcore();
	TEST_ASSERT_EQUAL(reports[main_lcore].runs.load(), 1, "main did not run");
	TEST_ASSERT_EQUAL(rte_eal_wait_lcore(main_lcore), (int)main_lcore * 3, "main's result");
	rte_eal_mp_wait_lcore();
	unsigned int lcore;
	RTE_LCORE_FOREACH_WORKER(lcore)
	TEST_ASSERT_EQUAL(reports[lcore].runs.load(), 1, "worker %u", lcore);
	TEST_ASSERT_EQUAL(RTE_PER_LCORE(test_lcore_var), main_lcore + 1, "main's own variable");
	return TEST_SUCCESS;
}

std::atomic<bool> gate_open{false};

int
gated_fn(void *arg)
{
	while (!gate_open.load(std::memory_order_acquire))
		std::this_thread::sleep_for(std::chrono::microseconds(100));
	return (int)(uintptr_t)arg;
}

int
test_launch_busy_worker_is_ebusy(void)
{
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	if (w >= RTE_MAX_LCORE)
		TEST_SKIP("only the main lcore is enabled");
	gate_open = false;
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(gated_fn, (void *)42, w), "launch");
	TEST_ASSERT_EQUAL(rte_eal_get_lcore_state(w), RUNNING, "state while running");
	TEST_ASSERT_EQUAL(rte_eal_remote_launch(gated_fn, nullptr, w), -EBUSY, "second launch");
	TEST_ASSERT_EQUAL(rte_eal_mp_remote_launch(gated_fn, nullptr, SKIP_MAIN), -EBUSY,
			  "mp launch with a busy worker");
	gate_open = true;
	TEST_ASSERT_EQUAL(rte_eal_wait_lcore(w), 42, "return value");
	TEST_ASSERT_EQUAL(rte_eal_get_lcore_state(w), WAIT, "state after wait");
	/* the failed mp launch must not have started anything elsewhere */
	rte_eal_mp_wait_lcore();
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(gated_fn, (void *)7, w), "launch again");
	TEST_ASSERT_EQUAL(rte_eal_wait_lcore(w), 7, "second return value");
	return TEST_SUCCESS;
}

int
noop_fn(void *)
{
	return 0;
}

int
test_launch_rejects_bad_targets(void)
{
	unsigned int main_lcore = rte_get_main_lcore();
	TEST_ASSERT_EQUAL(rte_eal_remote_launch(noop_fn, nullptr, main_lcore), -EINVAL,
			  "the main lcore is not a worker");
	TEST_ASSERT_EQUAL(rte_eal_remote_launch(noop_fn, nullptr, RTE_MAX_LCORE), -EINVAL,
			  "RTE_MAX_LCORE");
	TEST_ASSERT_EQUAL(rte_eal_remote_launch(noop_fn, nullptr, first_off_lcore()), -EINVAL,
			  "an unused lcore");
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	if (w < RTE_MAX_LCORE)
		TEST_ASSERT_EQUAL(rte_eal_remote_launch(nullptr, nullptr, w), -EINVAL, "NULL f");
	TEST_ASSERT_EQUAL(rte_eal_mp_remote_launch(nullptr, nullptr, CALL_MAIN), -EINVAL,
			  "mp NULL f");
	TEST_ASSERT_EQUAL(rte_eal_wait_lcore(RTE_MAX_LCORE), -EINVAL, "wait RTE_MAX_LCORE");
	TEST_ASSERT_EQUAL(rte_eal_wait_lcore(first_off_lcore()), 0, "wait on an unused lcore");
	TEST_ASSERT_EQUAL(rte_eal_get_lcore_state(RTE_MAX_LCORE), WAIT, "state RTE_MAX_LCORE");
	/* a registered non-EAL thread is not a worker either */
	int ret = 0;
	unsigned int id = LCORE_ID_ANY;
	std::atomic<bool> registered{false}, done{false};
	std::thread t([&] {
		rte_thread_register();
		id = rte_lcore_id();
		registered = true;
		while (!done)
			std::this_thread::sleep_for(std::chrono::milliseconds(1));
		rte_thread_unregister();
	});
	while (!registered)
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	ret = rte_eal_remote_launch(noop_fn, nullptr, id);
	done = true;
	t.join();
	TEST_ASSERT_EQUAL(ret, -EINVAL, "launch on non-EAL lcore %u", id);
	return TEST_SUCCESS;
}

int
test_launch_worker_thread_names(void)
{
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	if (w >= RTE_MAX_LCORE)
		TEST_SKIP("only the main lcore is enabled");
	static char name[32];
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(
				    [](void *) {
		return pthread_getname_np(pthread_self(), name, sizeof(name));
				    },
				    nullptr, w),
			    "launch");
	TEST_ASSERT_SUCCESS(rte_eal_wait_lcore(w), "getname on the worker");
	TEST_ASSERT_EQUAL(std::string(name), "dpkit-lcore-" + std::to_string(w), "name");
	return TEST_SUCCESS;
}

int
test_launch_round_trips(void)
{
	unsigned int n = worker_count();
	if (n == 0)
		TEST_SKIP("only the main lcore is enabled");
	constexpr int rounds = 2000;
	auto start = std::chrono::steady_clock::now();
	for (int i = 0; i < rounds; i++) {
		TEST_ASSERT_SUCCESS(rte_eal_mp_remote_launch(noop_fn, nullptr, SKIP_MAIN),
				    "round %d", i);
		rte_eal_mp_wait_lcore();
	}
	double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() -
							      start)
			    .count() /
		    rounds;
	printf("launch+wait of %u worker(s): %.2f us per round (%d rounds)\n", n, us, rounds);
	return TEST_SUCCESS;
}

const struct unit_test_case launch_cases[] = {TEST_CASE(test_launch_on_every_worker),
					      TEST_CASE(test_launch_call_main),
					      TEST_CASE(test_launch_busy_worker_is_ebusy),
					      TEST_CASE(test_launch_rejects_bad_targets),
					      TEST_CASE(test_launch_worker_thread_names),
					      TEST_CASE(test_launch_round_trips),
					      TEST_CASES_END()};

const struct unit_test_suite launch_suite = {"launch", nullptr, nullptr, launch_cases};

int
launch_child(void)
{
	return unit_test_suite_runner(&launch_suite);
}

/* Six lcores on one CPU: several workers on any machine. */
int
test_launch_in_child_with_six_lcores(void)
{
	std::string out;
	int rc = test_exec_self_lcores_on_main_cpu("launch_child", "launch", 6, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child with six lcores failed");
	TEST_ASSERT(out.find("launch+wait of 5 worker(s)") != std::string::npos, "five workers");
	return TEST_SUCCESS;
}

/* After rte_eal_cleanup(): nothing runs, nothing crashes. Run in a child:
 * it cleans up the EAL under the test runner's feet. */
int
cleanup_child(void)
{
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	TEST_ASSERT(w < RTE_MAX_LCORE, "the child needs a worker");
	gate_open = false;
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(gated_fn, (void *)5, w), "launch");
	/* a busy worker is left running, with a warning */
	TEST_ASSERT_SUCCESS(rte_eal_cleanup(), "cleanup");
	gate_open = true;
	TEST_ASSERT_EQUAL(rte_eal_wait_lcore(w), 5, "the left worker finishes");
	TEST_ASSERT_EQUAL(rte_eal_cleanup(), -EINVAL, "second cleanup");
	TEST_ASSERT_EQUAL(rte_eal_remote_launch(noop_fn, nullptr, w), -EINVAL, "launch after");
	TEST_ASSERT_EQUAL(rte_eal_mp_remote_launch(noop_fn, nullptr, SKIP_MAIN), -EINVAL,
			  "mp launch after");
	int ret = 0, err = 0;
	on_thread([&] {
		ret = rte_thread_register();
		err = rte_errno;
	});
	TEST_ASSERT_EQUAL(ret, -1, "register after cleanup");
	TEST_ASSERT_EQUAL(err, EINVAL, "rte_errno");
	char prog[] = "dpkit-test";
	char *argv[] = {prog, nullptr};
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_init(1, argv), -1, "init after cleanup");
	TEST_ASSERT_EQUAL(rte_errno, EALREADY, "rte_errno");
	printf("cleanup child done\n");
	return TEST_SUCCESS;
}

int
test_launch_after_cleanup(void)
{
	std::string out;
	int rc = test_exec_self_lcores_on_main_cpu("launch_cleanup_child", "launch", 2, out);
	TEST_ASSERT_EQUAL(rc, 0, "child: %s", out.c_str());
	TEST_ASSERT(out.find("cleanup child done") != std::string::npos, "child: %s", out.c_str());
	TEST_ASSERT(out.find("lcore 1 is still running its function at cleanup") !=
			    std::string::npos,
		    "no warning about the busy worker: %s", out.c_str());
	return TEST_SUCCESS;
}

int
test_launch(void)
{
	int ret = unit_test_suite_runner(&launch_suite);
	const struct unit_test_case child_cases[] = {
		TEST_CASE(test_launch_in_child_with_six_lcores),
		TEST_CASE(test_launch_after_cleanup), TEST_CASES_END()};
	const struct unit_test_suite child_suite = {"launch in child processes", nullptr, nullptr,
						    child_cases};
	int ret2 = unit_test_suite_runner(&child_suite);
	return ret == TEST_FAILED || ret2 == TEST_FAILED ? TEST_FAILED : TEST_SUCCESS;
}

} // namespace

REGISTER_TEST_COMMAND(launch_child, launch_child);
REGISTER_TEST_COMMAND(launch_cleanup_child, cleanup_child);
REGISTER_FAST_TEST(launch_autotest, NOHUGE_OK, ASAN_OK, test_launch);
