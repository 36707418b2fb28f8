/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_panic, RTE_VERIFY, rte_exit and rte_dump_stack. The fatal ones run in
 * child processes: a panic must end in SIGABRT with the message and a stack
 * trace printed, rte_exit must clean up and exit with the given code, even
 * when called from a worker lcore; a plain exit() with the EAL still up must
 * exit with its code, as in DPDK.
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "test.h"

namespace {

int
panic_child(void)
{
	rte_panic("the sky fell: %d\n", 42);
}

int
panic_no_args_child(void)
{
	rte_panic("plain text\n");
}

int
verify_child(void)
{
	int answer = 41;
	RTE_VERIFY(answer == 42);
	return TEST_SUCCESS;
}

int
exit_child(void)
{
	rte_exit(3, "cannot go on: %s\n", "bad config");
}

int
exit0_child(void)
{
	rte_exit(0, "done early\n");
}

/* Leaves the way many DPDK applications do on an error path: exit() with the
 * EAL still up. The line is in stdio's buffer until exit flushes it. */
int
plain_exit_child(void)
{
	printf("leaving without rte_eal_cleanup\n");
	exit(5);
}

int
exit_from_worker_child(void)
{
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	if (w >= RTE_MAX_LCORE)
		return TEST_FAILED;
	rte_eal_remote_launch([](void *) -> int { rte_exit(4, "worker gives up\n"); }, nullptr, w);
	rte_eal_wait_lcore(w); /* never returns: the process exits */
	return TEST_FAILED;
}

struct child_result {
	int status;
	std::string out;
};

child_result
run(const char *command, bool two_lcores = false)
{
	static std::string prefix;
	prefix = "--file-prefix=debug_" + std::to_string(getpid());
	rte_cpuset_t main_cpus = rte_lcore_cpuset(rte_get_main_lcore());
	unsigned int cpu = 0;
	while (!CPU_ISSET(cpu, &main_cpus))
		cpu++;
	std::string lcores = (two_lcores ? "--lcores=(0-1)@" : "--lcores=0@") + std::to_string(cpu);
	const char *argv[] = {"dpkit-test", prefix.c_str(), lcores.c_str(),
			      "--no-huge",  command,        nullptr};
	child_result r;
	r.status = test_exec_self_capture(argv, r.out);
	return r;
}

bool
has(const std::string &s, const char *what)
{
	return s.find(what) != std::string::npos;
}

int
test_debug_panic_aborts_with_message_and_stack(void)
{
	child_result r = run("debug_panic_child");
	TEST_ASSERT_EQUAL(r.status, 256 + SIGABRT, "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "PANIC in panic_child():"), "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "the sky fell: 42"), "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "stack trace of thread"), "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "#0 "), "no frame printed: %s", r.out.c_str());

	r = run("debug_panic_no_args_child");
	TEST_ASSERT_EQUAL(r.status, 256 + SIGABRT, "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "plain text"), "output: %s", r.out.c_str());
	return TEST_SUCCESS;
}

int
test_debug_verify_panics_on_false(void)
{
	child_result r = run("debug_verify_child");
	TEST_ASSERT_EQUAL(r.status, 256 + SIGABRT, "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "check 'answer == 42' failed"), "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "test_debug.cpp:"), "file name missing: %s", r.out.c_str());
	return TEST_SUCCESS;
}

int
test_debug_verify_and_assert_pass_silently(void)
{
	int evaluated = 0;
	RTE_VERIFY(1 + 1 == 2);
	RTE_ASSERT(++evaluated > 100); /* compiled out without RTE_ENABLE_ASSERT */
#ifdef RTE_ENABLE_ASSERT
	TEST_ASSERT_EQUAL(evaluated, 1, "RTE_ASSERT evaluates its argument when enabled");
#else
	TEST_ASSERT_EQUAL(evaluated, 0, "RTE_ASSERT must not evaluate its argument");
#endif
	return TEST_SUCCESS;
}

int
test_debug_exit_code_and_message(void)
{
	child_result r = run("debug_exit_child");
	TEST_ASSERT_EQUAL(r.status, 3, "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "exiting with code 3: cannot go on: bad config"), "output: %s",
		    r.out.c_str());
	/* the runner's own end-of-test lines never came */
	TEST_ASSERT(!has(r.out, "Test OK") && !has(r.out, "Test Failed"), "output: %s",
		    r.out.c_str());

	r = run("debug_exit0_child");
	TEST_ASSERT_EQUAL(r.status, 0, "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "done early"), "output: %s", r.out.c_str());
	TEST_ASSERT(!has(r.out, "exiting with code"), "exit 0 is not an error: %s", r.out.c_str());
	return TEST_SUCCESS;
}

int
test_debug_plain_exit_without_cleanup(void)
{
	child_result r = run("debug_plain_exit_child");
	TEST_ASSERT_EQUAL(r.status, 5, "exit(5) with the EAL up must exit 5: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "leaving without rte_eal_cleanup"), "stdout not flushed: %s",
		    r.out.c_str());
	return TEST_SUCCESS;
}

int
test_debug_exit_from_worker(void)
{
	child_result r = run("debug_exit_worker_child", true);
	TEST_ASSERT_EQUAL(r.status, 4, "output: %s", r.out.c_str());
	TEST_ASSERT(has(r.out, "worker gives up"), "output: %s", r.out.c_str());
	return TEST_SUCCESS;
}

int
test_debug_dump_stack(void)
{
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	FILE *old = rte_log_get_stream();
	rte_openlog_stream(f);
	rte_dump_stack();
	rte_openlog_stream(old == stderr ? nullptr : old);
	fclose(f);
	std::string out(buf, len);
	free(buf);
	TEST_ASSERT(has(out, "EAL: stack trace of thread"), "output: %s", out.c_str());
	TEST_ASSERT(has(out, "EAL:   #0 ") && has(out, "EAL:   #1 "), "frames: %s", out.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case debug_cases[] = {
	TEST_CASE(test_debug_panic_aborts_with_message_and_stack),
	TEST_CASE(test_debug_verify_panics_on_false),
	TEST_CASE(test_debug_verify_and_assert_pass_silently),
	TEST_CASE(test_debug_exit_code_and_message),
	TEST_CASE(test_debug_plain_exit_without_cleanup),
	TEST_CASE(test_debug_exit_from_worker),
	TEST_CASE(test_debug_dump_stack),
	TEST_CASES_END()};

const struct unit_test_suite debug_suite = {"debug", nullptr, nullptr, debug_cases};

int
test_debug(void)
{
	return unit_test_suite_runner(&debug_suite);
}

} // namespace

REGISTER_TEST_COMMAND(debug_panic_child, panic_child);
REGISTER_TEST_COMMAND(debug_panic_no_args_child, panic_no_args_child);
REGISTER_TEST_COMMAND(debug_verify_child, verify_child);
REGISTER_TEST_COMMAND(debug_exit_child, exit_child);
REGISTER_TEST_COMMAND(debug_exit0_child, exit0_child);
REGISTER_TEST_COMMAND(debug_exit_worker_child, exit_from_worker_child);
REGISTER_TEST_COMMAND(debug_plain_exit_child, plain_exit_child);
REGISTER_FAST_TEST(debug_autotest, NOHUGE_OK, ASAN_OK, test_debug);
