/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpkit-test main: pick the autotests to run (command-line names, then
 * DPDK_TEST, else an interactive "RTE>>" prompt reading names from stdin),
 * decide before EAL start-up whether they can run without hugepages, start
 * the EAL, run them, clean up.
 *
 * Exit status: 0 all ran passed, 77 all skipped (meson's SKIP), 1 otherwise.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_errno.h>

#include "test.h"

namespace {

std::map<std::string, test_command *> &commands()
{
	static std::map<std::string, test_command *> m;
	return m;
}

int run_one(const std::string &name)
{
	auto it = commands().find(name);
	if (it == commands().end()) {
		printf("unknown test '%s'; type 'list' to see the registered ones\n",
		       name.c_str());
		return TEST_FAILED;
	}
	printf("Running %s\n", name.c_str());
	fflush(stdout);
	int ret;
	if (TEST_ASAN_BUILD && !it->second->asan_ok) {
		/* registered ASAN_SKIP: its source says why it cannot run there */
		printf("SKIP: %s is registered ASAN_SKIP and this is an AddressSanitizer "
		       "build\n", name.c_str());
		ret = TEST_SKIPPED;
	} else {
		ret = it->second->callback();
	}
	const char *verdict = ret == TEST_SUCCESS ? "Test OK" :
			      ret == TEST_SKIPPED ? "Test Skipped" : "Test Failed";
	printf("%s\n", verdict);
	fflush(stdout);
	return ret == TEST_SUCCESS || ret == TEST_SKIPPED ? ret : TEST_FAILED;
}

void list_tests()
{
	for (const auto &[name, cmd] : commands())
		printf("%s%s\n", name.c_str(), cmd->perf ? " (perf)" : "");
}

/* Combine results: any failure wins, then any success, else all skipped. */
int combine(int acc, int ret)
{
	if (acc == TEST_FAILED || ret == TEST_FAILED)
		return TEST_FAILED;
	if (acc == TEST_SUCCESS || ret == TEST_SUCCESS)
		return TEST_SUCCESS;
	return TEST_SKIPPED;
}

bool has_arg(const std::vector<char *> &args, const char *opt)
{
	for (char *a : args)
		if (strcmp(a, opt) == 0 || strncmp(a, opt, strlen(opt)) == 0)
			return true;
	return false;
}

int exit_code(int result)
{
	return result == TEST_SUCCESS ? 0 : result == TEST_SKIPPED ? 77 : 1;
}

} // namespace

void add_test_command(struct test_command *t)
{
	commands()[t->name] = t;
}

void dpkit_test::fail(const char *file, int line, const char *func,
		      const std::string &what, const char *fmt, ...)
{
	printf("FAIL %s:%d %s(): %s: ", file, line, func, what.c_str());
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int unit_test_suite_runner(const struct unit_test_suite *suite)
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
		const char *s = ret == TEST_SUCCESS ? "succeeded" :
				ret == TEST_SKIPPED ? "skipped" : "failed";
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

unsigned long test_free_hugepages(void)
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

int main(int argc, char **argv)
{
	/* 1. Split test names out of argv; the rest goes to the EAL. */
	std::vector<std::string> wanted;
	std::vector<char *> eal_args;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && commands().count(argv[i])) {
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

	/* 3. Start the EAL. */
	int n = rte_eal_init((int)eal_args.size() - 1, eal_args.data());
	if (n < 0) {
		printf("EAL init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}

	/* 4. Run what was asked, or prompt. */
	int result = TEST_SKIPPED;
	bool ran = false;
	if (!wanted.empty()) {
		for (const auto &w : wanted) {
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
			result = combine(ran ? result : TEST_SKIPPED, run_one(cmd));
			ran = true;
		}
		if (!ran)
			result = TEST_SUCCESS;
	}

	rte_eal_cleanup();
	return exit_code(result);
}

int test_exec_self_lcores_on_main_cpu(const char *child_test, const char *prefix,
				      unsigned int nb_lcores, std::string &output)
{
	rte_cpuset_t main_cpus = rte_lcore_cpuset(rte_get_main_lcore());
	unsigned int cpu = 0;
	while (cpu < CPU_SETSIZE - 1 && !CPU_ISSET(cpu, &main_cpus))
		cpu++;
	std::string lcores = "--lcores=(0-" + std::to_string(nb_lcores - 1) + ")@" + std::to_string(cpu);
	std::string file_prefix = std::string("--file-prefix=") + prefix + "_" +
				  std::to_string(getpid());
	const char *argv[] = {"dpkit-test", file_prefix.c_str(), lcores.c_str(), "--no-huge",
			      child_test, nullptr};
	return test_exec_self_capture(argv, output);
}

int test_exec_self_capture_no_memlock(const std::vector<std::string> &args, std::string &output)
{
	int pfd[2];
	if (pipe(pfd) != 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(pfd[1], STDOUT_FILENO);
		dup2(pfd[1], STDERR_FILENO);
		close(pfd[0]);
		struct rlimit rl = {64 << 10, 64 << 10};
		setrlimit(RLIMIT_MEMLOCK, &rl);
		/* root ignores the limit while it holds CAP_IPC_LOCK */
		prctl(PR_CAPBSET_DROP, CAP_IPC_LOCK, 0, 0, 0);
		struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
		struct __user_cap_data_struct caps[2];
		if (syscall(SYS_capget, &hdr, caps) == 0) {
			const unsigned bit = 1u << CAP_IPC_LOCK;
			caps[0].effective &= ~bit;
			caps[0].permitted &= ~bit;
			caps[0].inheritable &= ~bit;
			syscall(SYS_capset, &hdr, caps);
		}
		unsetenv("DPDK_TEST");
		std::vector<char *> argv{(char *)"dpkit-test"};
		for (auto &a : args)
			argv.push_back((char *)a.c_str());
		argv.push_back(nullptr);
		execv("/proc/self/exe", argv.data());
		_exit(127);
	}
	close(pfd[1]);
	output.clear();
	char buf[4096];
	ssize_t n;
	while ((n = read(pfd[0], buf, sizeof(buf))) > 0)
		output.append(buf, (size_t)n);
	close(pfd[0]);
	int status = 0;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 256 + WTERMSIG(status);
}
