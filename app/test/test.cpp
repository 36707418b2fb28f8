/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpkit-test main: pick the autotests to run (command-line names, then
 * DPDK_TEST, else an interactive "RTE>>" prompt reading names from stdin;
 * dpdk-test's dump_* commands are accepted in all three places),
 * decide before EAL start-up whether they can run without hugepages, start
 * the EAL, run them, clean up.
 *
 * Exit status: 0 all ran passed, 77 all skipped (meson's SKIP), 1 otherwise.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>

#include "test.h"

namespace {

std::map<std::string, test_command *> &
commands()
{
	static std::map<std::string, test_command *> m;
	return m;
}

int
run_one(const std::string &name)
{
	auto it = commands().find(name);
	if (it == commands().end()) {
		printf("unknown test '%s'; type 'list' to see the registered ones\n", name.c_str());
		return TEST_FAILED;
	}
	printf("Running %s\n", name.c_str());
	fflush(stdout);
	int ret;
	if (TEST_ASAN_BUILD && !it->second->asan_ok) {
		/* registered ASAN_SKIP: its source says why it cannot run there */
		printf("SKIP: %s is registered ASAN_SKIP and this is an AddressSanitizer "
		       "build\n",
		       name.c_str());
		ret = TEST_SKIPPED;
	} else {
		ret = it->second->callback();
	}
	const char *verdict = ret == TEST_SUCCESS   ? "Test OK"
			      : ret == TEST_SKIPPED ? "Test Skipped"
						    : "Test Failed";
	printf("%s\n", verdict);
	fflush(stdout);
	return ret == TEST_SUCCESS || ret == TEST_SKIPPED ? ret : TEST_FAILED;
}

void
list_tests()
{
	for (const auto &[name, cmd] : commands())
		printf("%s%s\n", name.c_str(), cmd->perf ? " (perf)" : "");
}

/* Combine results: any failure wins, then any success, else all skipped. */
int
combine(int acc, int ret)
{
	if (acc == TEST_FAILED || ret == TEST_FAILED)
		return TEST_FAILED;
	if (acc == TEST_SUCCESS || ret == TEST_SUCCESS)
		return TEST_SUCCESS;
	return TEST_SKIPPED;
}

bool
has_arg(const std::vector<char *> &args, const char *opt)
{
	for (char *a : args)
		if (strcmp(a, opt) == 0 || strncmp(a, opt, strlen(opt)) == 0)
			return true;
	return false;
}

int
exit_code(int result)
{
	return result == TEST_SUCCESS ? 0 : result == TEST_SKIPPED ? 77 : 1;
}

} // namespace

void
add_test_command(struct test_command *t)
{
	commands()[t->name] = t;
}

void
dpkit_test::fail(const char *file, int line, const char *func, const std::string &what,
		 const char *fmt, ...)
{
	printf("FAIL %s:%d %s(): %s: ", file, line, func, what.c_str());
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int
unit_test_suite_runner(const struct unit_test_suite *suite)
{
	int passed = 0, failed = 0, skipped = 0;

	printf(" + ------------------------------------------------------- +\n");
	printf(" + Test Suite : %s\n", suite->suite_name);
	if (suite->setup != nullptr && suite->setup() != 0) {
		printf(" + Setup failed: every case of the suite counts as failed\n");
		return TEST_FAILED;
	}
	for (const unit_test_case *tc = suite->unit_test_cases; tc->name != nullptr; tc++) {
		int ret = tc->testcase();
		const char *s = ret == TEST_SUCCESS   ? "succeeded"
				: ret == TEST_SKIPPED ? "skipped"
						      : "failed";
		if (ret == TEST_SUCCESS)
			passed++;
		else if (ret == TEST_SKIPPED)
			skipped++;
		else
			failed++;
		printf(" + TestCase [%2d] : %s %s\n", passed + failed + skipped, tc->name, s);
		fflush(stdout);
	}
	if (suite->teardown != nullptr)
		suite->teardown();
	printf(" + Tests Total : %2d  Passed : %2d  Failed : %2d  Skipped : %2d\n",
	       passed + failed + skipped, passed, failed, skipped);
	if (failed)
		return TEST_FAILED;
	return passed ? TEST_SUCCESS : TEST_SKIPPED;
}

unsigned long
test_free_hugepages(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	if (f == nullptr)
		return 0;
	char line[256];
	unsigned long n = 0;
	while (fgets(line, sizeof(line), f) != nullptr)
		if (sscanf(line, "HugePages_Free: %lu", &n) == 1)
			break;
	fclose(f);
	return n;
}

int
main(int argc, char **argv)
{
	/* 1. Split test names out of argv; the rest goes to the EAL. */
	std::vector<std::string> wanted;
	std::vector<char *> eal_args;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && (commands().count(argv[i]) || test_dump_known(argv[i]))) {
			wanted.push_back(argv[i]);
			continue;
		}
		if (i > 0 && strcmp(argv[i], "--") == 0)
			continue;
		eal_args.push_back(argv[i]);
	}
	const char *env = getenv("DPDK_TEST");
	if (wanted.empty() && env != nullptr && env[0] != '\0')
		wanted.push_back(env);

	/* 2. No hugepage free: run --no-huge if every test allows it, else skip. */
	bool no_huge_given = has_arg(eal_args, "--no-huge");
	if (!no_huge_given && test_free_hugepages() == 0 && !wanted.empty()) {
		bool all_ok = true;
		for (const auto &w : wanted) {
			auto it = commands().find(w);
			if (it != commands().end() && !it->second->nohuge_ok)
				all_ok = false;
		}
		if (!all_ok) {
			printf("SKIP: no free hugepages (/proc/meminfo HugePages_Free = 0) "
			       "and the test needs them; reserve some with "
			       "'echo 512 > /proc/sys/vm/nr_hugepages'\n");
			return 77;
		}
		static char no_huge[] = "--no-huge";
		eal_args.push_back(no_huge);
		printf("no free hugepages: running with --no-huge\n");
	}
	eal_args.push_back(nullptr);

	/* 3. Start the EAL (with the N-th C++ allocation in it failing when
	 * DPKIT_TEST_NEW_FAULT=N; 0 counts them: eal_nothrow_autotest). */
	const char *new_fault = getenv("DPKIT_TEST_NEW_FAULT");
	if (new_fault != nullptr) {
		long nth = atol(new_fault);
		test_new_fault_arm(nth > 0 ? nth : LONG_MAX);
	}
	int n = rte_eal_init((int)eal_args.size() - 1, eal_args.data());
	if (new_fault != nullptr) {
		long calls = 0, fired = test_new_fault_disarm(&calls);
		printf("new-fault: calls %ld, fired %ld\n", calls, fired);
	}
	if (n < 0) {
		printf("EAL init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}

	/* 4. Run what was asked, or prompt. */
	int result = TEST_SKIPPED;
	bool ran = false;
	if (!wanted.empty()) {
		for (const auto &w : wanted) {
			if (test_dump_known(w.substr(0, w.find(' ')).c_str())) {
				int dumped = test_dump_run(w, stdout);
				result = combine(ran ? result : TEST_SUCCESS,
						 dumped == 0 ? TEST_SUCCESS : TEST_FAILED);
				ran = true;
				continue;
			}
			result = combine(ran ? result : TEST_SKIPPED, run_one(w));
			ran = true;
		}
	} else {
		bool tty = isatty(STDIN_FILENO);
		char line[512];
		for (;;) {
			if (tty) {
				printf("RTE>>");
				fflush(stdout);
			}
			if (fgets(line, sizeof(line), stdin) == nullptr)
				break;
			std::string cmd(line);
			while (!cmd.empty() && isspace((unsigned char)cmd.back()))
				cmd.pop_back();
			while (!cmd.empty() && isspace((unsigned char)cmd.front()))
				cmd.erase(0, 1);
			if (cmd.empty())
				continue;
			if (cmd == "quit" || cmd == "exit")
				break;
			if (cmd == "list" || cmd == "help") {
				list_tests();
				continue;
			}
			if (test_dump_known(cmd.substr(0, cmd.find(' ')).c_str())) {
				/* as in dpdk-test, a dump is not a test: its
				 * result does not count */
				test_dump_run(cmd, stdout);
				continue;
			}
			result = combine(ran ? result : TEST_SKIPPED, run_one(cmd));
			ran = true;
		}
		if (!ran)
			result = TEST_SUCCESS;
	}

	rte_eal_cleanup();
	return exit_code(result);
}
