/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * eal_side_effects_autotest: the EAL leaves process-wide state as the
 * application set it.
 *
 *  - NUMA memory policy: mapping pages makes the thread prefer the heap's
 *    node for a moment; the thread's own policy (here an interleave the
 *    application chose) is back afterwards, on the calling thread and on
 *    a non-EAL thread. The machine may have one node, where the EAL never
 *    touches the policy: the child sees a second, memoryless node (a
 *    tmpfs over /sys/devices/system/node in a mount namespace of its
 *    own), which puts the EAL on its multi-node path.
 *  - RLIMIT_NOFILE: the EAL raises the soft limit only as far as its page
 *    files need; a child forked while it is raised starts with the
 *    application's limit, allocations leave it alone, and rte_eal_cleanup
 *    puts it back (unless the application set another one since).
 */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_hugepage_order.h"

namespace {

constexpr int kMpolInterleave = 3;
constexpr rlim_t kAppSoftLimit = 256;
constexpr rlim_t kAppChangedLimit = 3000;

struct policy {
	int mode = -1;
	unsigned long nodes[16] = {};
	bool operator==(const policy &o) const
	{
		return mode == o.mode && memcmp(nodes, o.nodes, sizeof(nodes)) == 0;
	}
};

policy
thread_policy()
{
	policy p;
	if (syscall(SYS_get_mempolicy, &p.mode, p.nodes, sizeof(p.nodes) * 8UL, nullptr, 0UL) != 0)
		p.mode = -errno;
	return p;
}

int
set_interleave_node0()
{
	unsigned long mask = 1;
	return (int)syscall(SYS_set_mempolicy, kMpolInterleave, &mask, 64UL);
}

rlim_t
soft_nofile()
{
	struct rlimit rl;
	return getrlimit(RLIMIT_NOFILE, &rl) == 0 ? rl.rlim_cur : 0;
}

/* Soft RLIMIT_NOFILE a child exec'd now starts with (-1 on error). */
long
soft_nofile_of_exec_child()
{
	int pipefd[2];
	if (pipe(pipefd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		execl("/bin/sh", "sh", "-c", "ulimit -Sn", (char *)nullptr);
		_exit(127);
	}
	close(pipefd[1]);
	char buf[64] = {};
	ssize_t n = read(pipefd[0], buf, sizeof(buf) - 1);
	close(pipefd[0]);
	int st;
	waitpid(pid, &st, 0);
	return n > 0 ? strtol(buf, nullptr, 10) : -1;
}

/* Soft limit in a forked child that does not exec (-1 on error). */
long
soft_nofile_of_fork_child()
{
	int pipefd[2];
	if (pipe(pipefd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit rl;
		long v = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (long)rl.rlim_cur : -1;
		(void)!write(pipefd[1], &v, sizeof(v));
		_exit(0);
	}
	close(pipefd[1]);
	long v = -1;
	if (read(pipefd[0], &v, sizeof(v)) != (ssize_t)sizeof(v))
		v = -1;
	close(pipefd[0]);
	int st;
	waitpid(pid, &st, 0);
	return v;
}

/* before exec: /sys/devices/system/node shows node0 (the real one) and an
 * empty node1, in a mount namespace of the child's own */
void
fake_second_node(void)
{
	int real0 = open("/sys/devices/system/node/node0", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (real0 < 0 || unshare(CLONE_NEWNS) != 0 ||
	    mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
	    mount("tmpfs", "/sys/devices/system/node", "tmpfs", 0, "mode=0755") != 0)
		return; /* the child sees one node and says so */
	mkdir("/sys/devices/system/node/node0", 0755);
	mkdir("/sys/devices/system/node/node1", 0755);
	char src[64];
	snprintf(src, sizeof(src), "/proc/self/fd/%d", real0);
	mount(src, "/sys/devices/system/node/node0", nullptr, MS_BIND, nullptr);
	close(real0);
}

void
app_nofile_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = kAppSoftLimit;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

} // namespace

/* ================= children ============================================= */

#define CHECK_POLICY(want, when) \
	do { \
		policy now_ = thread_policy(); \
		TEST_ASSERT(now_ == (want), \
			    "%s: thread policy mode %d mask 0x%lx, the application " \
			    "set mode %d mask 0x%lx", \
			    when, now_.mode, now_.nodes[0], (want).mode, (want).nodes[0]); \
	} while (0)

static int
child_numa_policy(void)
{
	rte_malloc_socket_stats st;
	if (rte_malloc_get_socket_stats(1, &st) != 0)
		TEST_SKIP("the child sees one NUMA node: could not fake a second one (needs "
			  "root for a mount namespace)");
	TEST_ASSERT_SUCCESS(set_interleave_node0(), "set_mempolicy: %s", strerror(errno));
	const policy app = thread_policy();
	TEST_ASSERT_EQUAL(app.mode, kMpolInterleave, "policy set");

	/* 40 MB: 20 pages, mapped by the caller and helper threads */
	void *p = rte_malloc(nullptr, 40 << 20, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	CHECK_POLICY(app, "after a 40 MB heap growth");
	/* two adjacent pages given in reverse: the growth remaps them */
	std::string why;
	if (test_hugepages_arrange(2, test_page_order::descending, true, nullptr, why) < 0)
		TEST_SKIP("%s", why.c_str());
	const rte_memzone *mz = rte_memzone_reserve("side_contig", 3 << 20, 0,
						    RTE_MEMZONE_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mz, "zone: %s", rte_strerror(rte_errno));
	CHECK_POLICY(app, "after an IOVA-contiguous growth");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	rte_free(p);
	CHECK_POLICY(app, "after the pages were given back");

	/* a non-EAL thread with a policy of its own */
	int result = TEST_FAILED;
	std::thread t([&result] {
		result = [] {
			TEST_ASSERT_SUCCESS(set_interleave_node0(), "set_mempolicy");
			const policy mine = thread_policy();
			void *q = rte_malloc_socket(nullptr, 12 << 20, 0, 0);
			TEST_ASSERT_NOT_NULL(q, "malloc on a non-EAL thread");
			CHECK_POLICY(mine, "non-EAL thread, after a growth");
			rte_free(q);
			return TEST_SUCCESS;
		}();
	});
	t.join();
	TEST_ASSERT_EQUAL(result, TEST_SUCCESS, "non-EAL thread");
	printf("child: heaps on sockets 0 and 1; policy mode %d mask 0x%lx kept through every "
	       "growth\n",
	       app.mode, app.nodes[0]);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(eal_child_numa_policy, child_numa_policy);

static int
child_fd_limit(void)
{
	const rlim_t during = soft_nofile();
	printf("child: soft RLIMIT_NOFILE %llu (the application's: %llu)\n",
	       (unsigned long long)during, (unsigned long long)kAppSoftLimit);
	TEST_ASSERT(during > kAppSoftLimit,
		    "the EAL needs more than %llu descriptors here: "
		    "it should have raised the limit",
		    (unsigned long long)kAppSoftLimit);
	/* children started now start with the application's limit */
	long exec_child = soft_nofile_of_exec_child();
	long fork_child = soft_nofile_of_fork_child();
	printf("child: a forked child sees %ld, an exec'd one %ld\n", fork_child, exec_child);
	TEST_ASSERT_EQUAL(exec_child, (long)kAppSoftLimit, "exec'd child's soft limit");
	TEST_ASSERT_EQUAL(fork_child, (long)kAppSoftLimit, "forked child's soft limit");

	struct rlimit rl;
	TEST_ASSERT_SUCCESS(getrlimit(RLIMIT_NOFILE, &rl), "getrlimit");
	TEST_ASSERT(during < rl.rlim_max || rl.rlim_max <= 4096 + 1024,
		    "raised to the hard limit %llu, more than the pages need",
		    (unsigned long long)rl.rlim_max);

	/* allocations leave it alone */
	void *p = rte_malloc(nullptr, 64 << 20, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	rte_free(p);
	TEST_ASSERT_EQUAL(soft_nofile(), during, "limit moved by an allocation");

	const char *changed = getenv("DPKIT_TEST_CHANGE_LIMIT");
	if (changed != nullptr) {
		rl.rlim_cur = kAppChangedLimit;
		TEST_ASSERT_SUCCESS(setrlimit(RLIMIT_NOFILE, &rl), "setrlimit");
	}
	TEST_ASSERT_SUCCESS(rte_eal_cleanup(), "cleanup");
	const rlim_t after = soft_nofile();
	printf("child: after rte_eal_cleanup %llu\n", (unsigned long long)after);
	TEST_ASSERT_EQUAL(after, changed ? kAppChangedLimit : kAppSoftLimit,
			  "soft limit after cleanup");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(eal_child_fd_limit, child_fd_limit);

/* ================= parent cases ========================================= */

static int
test_side_effects_numa_policy_kept(void)
{
	if (test_free_hugepages() < 64)
		TEST_SKIP("fewer than 64 free 2 MB hugepages");
	std::string out;
	int rc = test_exec_self_capture_with(
		{"--socket-limit=128", "--file-prefix=se_numa", "eal_child_numa_policy"}, out,
		fake_second_node);
	printf("%s", out.c_str());
	if (rc == TEST_SKIPPED)
		TEST_SKIP("child: %s", out.find("SKIP") != std::string::npos
					       ? out.substr(out.find("SKIP")).c_str()
					       : "skipped");
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	return TEST_SUCCESS;
}

static int
test_side_effects_fd_limit_restored(void)
{
	if (test_free_hugepages() < 64)
		TEST_SKIP("fewer than 64 free 2 MB hugepages");
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_max < 4096)
		TEST_SKIP("hard RLIMIT_NOFILE %llu: too low to see a raise",
			  (unsigned long long)rl.rlim_max);
	for (bool app_changes_it : {false, true}) {
		if (app_changes_it)
			setenv("DPKIT_TEST_CHANGE_LIMIT", "1", 1);
		std::string out;
		int rc = test_exec_self_capture_with(
			{"--socket-limit=128", "--file-prefix=se_fd", "eal_child_fd_limit"}, out,
			app_nofile_limit);
		unsetenv("DPKIT_TEST_CHANGE_LIMIT");
		printf("%s", out.c_str());
		TEST_ASSERT_EQUAL(rc, 0, "child failed (application changes the limit: %d)",
				  app_changes_it);
	}
	return TEST_SUCCESS;
}

static const struct unit_test_case side_effects_cases[] = {
	TEST_CASE(test_side_effects_numa_policy_kept),
	TEST_CASE(test_side_effects_fd_limit_restored), TEST_CASES_END()};

static const struct unit_test_suite side_effects_suite = {"EAL side effects", nullptr, nullptr,
							  side_effects_cases};

static int
test_eal_side_effects(void)
{
	return unit_test_suite_runner(&side_effects_suite);
}

REGISTER_FAST_TEST(eal_side_effects_autotest, NOHUGE_OK, ASAN_OK, test_eal_side_effects);
