/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memory that really runs out, each in a child process with its own small
 * bound (the machine's hugepages are shared, so a test never empties them):
 *
 *  - fault_limits_autotest (any build): a pool larger than --socket-limit,
 *    than --legacy-mem -m, than --no-huge -m: a clear ENOMEM, nothing left
 *    behind, and a smaller pool works afterwards; mlock refused by a lowered
 *    RLIMIT_MEMLOCK without CAP_IPC_LOCK: one log line, then the process
 *    runs unlocked with IOVA as VA.
 *  - fault_init_autotest (-Dfault_injection=true): rte_eal_init with each
 *    of its reservations failing in turn (DPKIT_FAULT in the child's
 *    environment): a clean "EAL init failed" exit or a working start, never
 *    a crash; a refused mlock behaves as the real one.
 */

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_mempool.h>

#include "eal_fault.h"
#include "test.h"
#include "test_fault.h"

namespace {

/* ---- children ---- */

/* A pool bigger than anything the parent lets the child have (128 MB),
 * then one that fits. */
int
child_pool_too_big(void)
{
	/* a heap keeps its last page once it has mapped one: get there first */
	rte_free(rte_malloc(nullptr, 64, 0));
	fault_footprint before = fault_footprint_now();
	rte_errno = 0;
	rte_mempool *mp = rte_mempool_create("flt_huge", 65536, 2048, 0, 0, nullptr, nullptr,
					     nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NULL(mp, "a 128 MB pool cannot fit");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "rte_errno");
	std::string diff = fault_footprint_diff(before, fault_footprint_now());
	TEST_ASSERT(diff.empty(), "leaked: %s", diff.c_str());

	rte_errno = 0;
	mp = rte_pktmbuf_pool_create("flt_huge_mbufs", 65535, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     SOCKET_ID_ANY);
	TEST_ASSERT_NULL(mp, "a 140 MB mbuf pool cannot fit");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "rte_errno");
	diff = fault_footprint_diff(before, fault_footprint_now());
	TEST_ASSERT(diff.empty(), "leaked: %s", diff.c_str());

	mp = rte_mempool_create("flt_small", 1023, 2048, 32, 0, nullptr, nullptr, nullptr, nullptr,
				SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "a 2 MB pool still fits: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 1023u, "full");
	rte_mempool_free(mp);
	printf("child: big pools refused with ENOMEM, nothing leaked, small pool ok\n");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(fault_child_pool_too_big, child_pool_too_big);

/* Started with mlock refused: IOVA must be VA and memory must work. */
int
child_unlocked(void)
{
	TEST_ASSERT_EQUAL(rte_eal_iova_mode(), RTE_IOVA_VA, "unlocked memory: IOVA as VA");
	rte_mempool *mp = rte_pktmbuf_pool_create("flt_unlocked", 511, 0, 0,
						  RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(mp, "pool: %s", rte_strerror(rte_errno));
	rte_mbuf *m = rte_pktmbuf_alloc(mp);
	TEST_ASSERT_NOT_NULL(m, "mbuf");
	TEST_ASSERT_EQUAL(m->buf_iova, (rte_iova_t)(uintptr_t)m->buf_addr, "IOVA is VA");
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);
	printf("child: unlocked, IOVA as VA, pool ok\n");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(fault_child_unlocked, child_unlocked);

#ifdef RTE_FAULT_INJECTION
/* Print the reservations rte_eal_init made, for the parent to aim at. */
int
child_report(void)
{
	printf("fault-calls:");
	for (unsigned k = 0; k < DPKIT_FAULT_KIND_MAX; k++)
		printf(" %s=%llu", dpkit_fault_kind_name((dpkit_fault_kind)k),
		       (unsigned long long)dpkit_fault_calls((dpkit_fault_kind)k));
	printf("\n");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(fault_child_report, child_report);
#endif

/* ---- parent helpers ---- */

int
run_child(const std::vector<std::string> &args, std::string &out)
{
	std::vector<const char *> argv{"dpkit-test"};
	for (auto &a : args)
		argv.push_back(a.c_str());
	argv.push_back(nullptr);
	return test_exec_self_capture(argv.data(), out);
}

unsigned
count_of(const std::string &s, const char *what)
{
	unsigned n = 0;
	for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1))
		n++;
	return n;
}

/* Free 2 MB hugepages needed by the hugepage cases: the child's limit plus
 * room for the other helpers' tests. */
constexpr unsigned long kHugepagesNeeded = 64;

/* ---- fault_limits_autotest ---- */

int
expect_pool_too_big(const std::vector<std::string> &eal, const char *what)
{
	std::vector<std::string> args = eal;
	args.push_back("fault_child_pool_too_big");
	std::string out;
	int rc = run_child(args, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "%s: child failed", what);
	TEST_ASSERT(count_of(out, "ENOMEM") + count_of(out, "raise") + count_of(out, "lower") > 0,
		    "%s: the failure said what to do", what);
	return TEST_SUCCESS;
}

int
test_fault_pool_over_socket_limit(void)
{
	if (test_free_hugepages() < kHugepagesNeeded)
		TEST_SKIP("fewer than %lu free 2 MB hugepages", kHugepagesNeeded);
	return expect_pool_too_big({"--socket-limit=32", "--file-prefix=flt_limit"},
				   "--socket-limit=32");
}

int
test_fault_pool_over_legacy_memory(void)
{
	if (test_free_hugepages() < kHugepagesNeeded)
		TEST_SKIP("fewer than %lu free 2 MB hugepages", kHugepagesNeeded);
	return expect_pool_too_big({"--legacy-mem", "-m", "32", "--file-prefix=flt_legacy"},
				   "--legacy-mem -m 32");
}

int
test_fault_pool_over_nohuge_memory(void)
{
	return expect_pool_too_big({"--no-huge", "-m", "64", "--file-prefix=flt_nohuge"},
				   "--no-huge -m 64");
}

int
test_fault_mlock_refused_runs_unlocked(void)
{
	std::string out;
	int rc = test_exec_self_capture_no_memlock(
		{"--no-huge", "-m", "16", "--file-prefix=flt_nolock", "fault_child_unlocked"}, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	TEST_ASSERT_EQUAL(count_of(out, "could not lock"), 1u, "one line says so");
	TEST_ASSERT_EQUAL(count_of(out, "child: unlocked"), 1u, "child ran");
	return TEST_SUCCESS;
}

const struct unit_test_case limit_cases[] = {
	TEST_CASE(test_fault_pool_over_socket_limit), TEST_CASE(test_fault_pool_over_legacy_memory),
	TEST_CASE(test_fault_pool_over_nohuge_memory),
	TEST_CASE(test_fault_mlock_refused_runs_unlocked), TEST_CASES_END()};

const struct unit_test_suite limit_suite = {"memory limits", nullptr, nullptr, limit_cases};

/* ---- fault_init_autotest ---- */

#ifdef RTE_FAULT_INJECTION

/* Run a child with DPKIT_FAULT=@p spec in its environment. */
int
run_child_with_fault(const char *spec, const std::vector<std::string> &args, std::string &out)
{
	setenv("DPKIT_FAULT", spec, 1);
	int rc = run_child(args, out);
	unsetenv("DPKIT_FAULT");
	return rc;
}

/* The probe next to dpkit-test, "" if it is not there. */
std::string
probe_path()
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return "";
	self[n] = '\0';
	std::string p(self);
	p = p.substr(0, p.rfind('/') + 1) + "dpkit-fault-init-probe";
	return access(p.c_str(), X_OK) == 0 ? p : "";
}

/* Run the probe with DPKIT_FAULT=@p spec. @return its exit status, or 256+
 * signal, or -1. */
int
run_probe_with_fault(const std::string &probe, const char *spec,
		     const std::vector<std::string> &eal, std::string &out)
{
	std::string cmd = probe;
	for (const auto &a : eal)
		cmd += " '" + a + "'";
	cmd += " 2>&1";
	setenv("DPKIT_FAULT", spec, 1);
	fflush(stdout);
	FILE *p = popen(cmd.c_str(), "r");
	unsetenv("DPKIT_FAULT");
	if (p == nullptr)
		return -1;
	out.clear();
	char buf[512];
	while (fgets(buf, sizeof(buf), p) != nullptr)
		out += buf;
	int status = pclose(p);
	if (status < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 256 + WTERMSIG(status);
}

/* Every reservation rte_eal_init makes in mode @p eal fails in turn: the
 * probe must report a failed (or working) start with no hugepage fd or
 * mapping left behind, and never crash. */
int
init_under_every_fault(const std::vector<std::string> &eal, const char *mode)
{
	std::string probe = probe_path();
	if (probe.empty())
		TEST_SKIP("dpkit-fault-init-probe is not next to dpkit-test");
	std::vector<std::string> args = eal;
	args.push_back("fault_child_report");
	std::string out;
	int rc = run_child(args, out);
	TEST_ASSERT_EQUAL(rc, 0, "%s: child without faults failed:\n%s", mode, out.c_str());
	size_t at = out.find("fault-calls:");
	TEST_ASSERT(at != std::string::npos, "%s: no counts in:\n%s", mode, out.c_str());

	unsigned failed = 0, started = 0;
	std::string summary;
	for (unsigned k = 0; k < DPKIT_FAULT_KIND_MAX; k++) {
		const char *name = dpkit_fault_kind_name((dpkit_fault_kind)k);
		char key[64], spec[64];
		snprintf(key, sizeof(key), " %s=", name);
		size_t p = out.find(key, at);
		TEST_ASSERT(p != std::string::npos, "%s: no count for %s", mode, name);
		unsigned long calls = strtoul(out.c_str() + p + strlen(key), nullptr, 10);
		if (calls == 0)
			continue;
		summary.append(key).append(std::to_string(calls));
		for (unsigned long n = 1; n <= calls; n++) {
			for (const char *tail : {"", "+"}) {
				snprintf(spec, sizeof(spec), "%s:%lu%s", name, n, tail);
				std::string o;
				int r = run_probe_with_fault(probe, spec, eal, o);
				TEST_ASSERT(r == 0,
					    "%s, DPKIT_FAULT=%s: exit %d (2: left something "
					    "behind):\n%s",
					    mode, spec, r, o.c_str());
				if (o.find("init=ok") != std::string::npos)
					started++;
				else
					failed++;
			}
		}
	}
	printf("%s: init reservations%s; under each fault: %u clean init failures, %u "
	       "started anyway\n",
	       mode, summary.c_str(), failed, started);
	return TEST_SUCCESS;
}

int
test_fault_init_nohuge(void)
{
	return init_under_every_fault({"--no-huge", "-m", "8", "--file-prefix=flt_init_nh"},
				      "--no-huge -m 8");
}

int
test_fault_init_hugepages(void)
{
	if (test_free_hugepages() < kHugepagesNeeded)
		TEST_SKIP("fewer than %lu free 2 MB hugepages", kHugepagesNeeded);
	return init_under_every_fault({"-m", "8", "--file-prefix=flt_init_hp"}, "-m 8");
}

int
test_fault_init_legacy(void)
{
	if (test_free_hugepages() < kHugepagesNeeded)
		TEST_SKIP("fewer than %lu free 2 MB hugepages", kHugepagesNeeded);
	return init_under_every_fault({"--legacy-mem", "-m", "8", "--file-prefix=flt_init_lg"},
				      "--legacy-mem -m 8");
}

/* An injected mlock refusal takes the same path as the real one. */
int
test_fault_init_mlock_injected(void)
{
	std::string out;
	int rc = run_child_with_fault(
		"mlock:1",
		{"--no-huge", "-m", "16", "--file-prefix=flt_mlock", "fault_child_unlocked"}, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	TEST_ASSERT_EQUAL(count_of(out, "could not lock"), 1u, "one line says so");
	return TEST_SUCCESS;
}

const struct unit_test_case init_cases[] = {
	TEST_CASE(test_fault_init_mlock_injected), TEST_CASE(test_fault_init_nohuge),
	TEST_CASE(test_fault_init_hugepages), TEST_CASE(test_fault_init_legacy), TEST_CASES_END()};

const struct unit_test_suite init_suite = {"EAL init under faults", nullptr, nullptr, init_cases};

#endif /* RTE_FAULT_INJECTION */

} // namespace

static int
test_fault_limits(void)
{
	return unit_test_suite_runner(&limit_suite);
}

static int
test_fault_init(void)
{
#ifdef RTE_FAULT_INJECTION
	return unit_test_suite_runner(&init_suite);
#else
	TEST_SKIP("built without -Dfault_injection=true");
#endif
}

REGISTER_FAST_TEST(fault_limits_autotest, NOHUGE_OK, ASAN_OK, test_fault_limits);
REGISTER_FAST_TEST(fault_init_autotest, NOHUGE_OK, ASAN_OK, test_fault_init);
