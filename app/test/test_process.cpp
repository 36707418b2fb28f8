/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Re-running dpkit-test as a child: tests of EAL options need a fresh
 * process per option set, since rte_eal_init() runs once per process. */

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "test.h"

namespace {

int run_child(const char *const argv[], std::string *output)
{
	std::vector<char *> args;
	static char self[] = "/proc/self/exe";
	args.push_back(self);
	for (int i = 1; argv[i] != nullptr; i++)
		args.push_back(const_cast<char *>(argv[i]));
	args.push_back(nullptr);

	int pipefd[2] = {-1, -1};
	if (output != nullptr && pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		if (output != nullptr) {
			close(pipefd[0]);
			close(pipefd[1]);
		}
		return -1;
	}
	if (pid == 0) {
		if (output != nullptr) {
			dup2(pipefd[1], STDOUT_FILENO);
			dup2(pipefd[1], STDERR_FILENO);
		}
		/* the child must not inherit the parent's test selection */
		unsetenv("DPDK_TEST");
		execv(args[0], args.data());
		_exit(127);
	}
	if (output != nullptr) {
		close(pipefd[1]);
		char buf[4096];
		ssize_t n;
		while ((n = read(pipefd[0], buf, sizeof(buf))) > 0)
			output->append(buf, (size_t)n);
		close(pipefd[0]);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 256 + WTERMSIG(status);
}

} // namespace

int test_exec_self(const char *const argv[])
{
	return run_child(argv, nullptr);
}

int test_exec_self_capture(const char *const argv[], std::string &output)
{
	output.clear();
	return run_child(argv, &output);
}
