/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Re-running dpkit-test as a child: tests of EAL options need a fresh
 * process per option set, since rte_eal_init() runs once per process. */

#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_lcore.h>

#include "test.h"

namespace {

/* @p before_exec, when given, runs in the child just before it execs. */
int
run_child(const char *const argv[], std::string *output, void (*before_exec)(void) = nullptr)
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
		if (before_exec != nullptr)
			before_exec();
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

/* RLIMIT_MEMLOCK of 64 kB and no CAP_IPC_LOCK: root ignores the limit
 * while it holds the capability. */
void
drop_memlock(void)
{
	struct rlimit rl = {64 << 10, 64 << 10};
	setrlimit(RLIMIT_MEMLOCK, &rl);
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
}

/* Every CPU of the machine: the EAL pinned this process to its main lcore's
 * CPU, and a child inherits that. */
void
widen_affinity(void)
{
	cpu_set_t all;
	CPU_ZERO(&all);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	for (long c = 0; c < n && c < CPU_SETSIZE; c++)
		CPU_SET((int)c, &all);
	sched_setaffinity(0, sizeof(all), &all);
}

} // namespace

int
test_exec_self(const char *const argv[])
{
	return run_child(argv, nullptr);
}

int
test_exec_self_capture(const char *const argv[], std::string &output)
{
	output.clear();
	return run_child(argv, &output);
}

int
test_exec_self_lcores_on_main_cpu(const char *child_test, const char *prefix,
				  unsigned int nb_lcores, std::string &output)
{
	rte_cpuset_t main_cpus = rte_lcore_cpuset(rte_get_main_lcore());
	unsigned int cpu = 0;
	while (cpu < CPU_SETSIZE - 1 && !CPU_ISSET(cpu, &main_cpus))
		cpu++;
	std::string lcores = "--lcores=(0-" + std::to_string(nb_lcores - 1) + ")@" +
			     std::to_string(cpu);
	std::string file_prefix = std::string("--file-prefix=") + prefix + "_" +
				  std::to_string(getpid());
	const char *argv[] = {"dpkit-test", file_prefix.c_str(), lcores.c_str(),
			      "--no-huge",  child_test,          nullptr};
	return test_exec_self_capture(argv, output);
}

int
test_exec_self_capture_all_cpus(const char *const argv[], std::string &output)
{
	output.clear();
	return run_child(argv, &output, widen_affinity);
}

int
test_exec_self_capture_no_memlock(const std::vector<std::string> &args, std::string &output)
{
	std::vector<const char *> argv{"dpkit-test"};
	for (const std::string &a : args)
		argv.push_back(a.c_str());
	argv.push_back(nullptr);
	output.clear();
	return run_child(argv.data(), &output, drop_memlock);
}

int
test_exec_self_capture_with(const std::vector<std::string> &args, std::string &output,
			    void (*before_exec)(void))
{
	std::vector<const char *> argv{"dpkit-test"};
	for (const std::string &a : args)
		argv.push_back(a.c_str());
	argv.push_back(nullptr);
	output.clear();
	return run_child(argv.data(), &output, before_exec);
}
