/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A secondary whose primary answers a growth too late: the secondary's
 * reservation fails after its (here shortened) timeout with one line, and
 * the pages the primary maps afterwards are unmapped again, not left
 * mapped in no heap; the primary still takes secondaries. The children
 * are this binary again (test_mp.h), in hugepage mode: no heap grows with
 * --no-huge.
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <string>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <eal_mem_attach.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char go_env[] = "DPKIT_TEST_MP_GROW_GO";
constexpr size_t zone_len = 32 << 20;
constexpr unsigned grow_timeout_ms = 1000;

bool
wait_file(const std::string &path, unsigned ms)
{
	return mp_wait_for([&] { return access(path.c_str(), F_OK) == 0; }, ms);
}

void
touch(const std::string &path)
{
	FILE *f = fopen(path.c_str(), "w");
	if (f != nullptr)
		fclose(f);
}

unsigned long long
mapped_mb()
{
	return (unsigned long long)(rte_eal_get_physmem_size() >> 20);
}

/* A secondary child: a reservation that needs pages while the primary
 * is stopped (go file), then, once the primary ran again (go file
 * ".check"), what is mapped. */
int
mp_child_grow_late(void)
{
	const char *go = getenv(go_env);
	if (go == nullptr)
		return TEST_FAILED;
	dpkit_mem_grow_test_timeout(grow_timeout_ms);
	unsigned long long before = mapped_mb();
	printf("secondary running, %llu MB mapped\n", before);
	fflush(stdout);
	if (!wait_file(go, 20000))
		return TEST_FAILED;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	const rte_memzone *mz = rte_memzone_reserve("mp_grow_late", zone_len, SOCKET_ID_ANY, 0);
	int err = rte_errno;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	printf("reserve %s after %ld ms: %s\n", mz == nullptr ? "failed" : "succeeded", ms,
	       rte_strerror(err));
	fflush(stdout);
	if (mz != nullptr || err != ENOMEM || !wait_file(std::string(go) + ".check", 20000))
		return TEST_FAILED;
	unsigned long long after = mapped_mb();
	printf("after: %llu MB mapped (%llu before)\n", after, before);
	return after == before ? TEST_SUCCESS : TEST_FAILED;
}

/* The secondary gives up after the timeout with one line; the primary,
 * running again, maps the pages, finds nobody waiting for them and unmaps
 * them (one line); both see the memory as it was. */
int
mp_grow_late_unmapped(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (test_free_hugepages() < 64)
		TEST_SKIP("fewer than 64 free hugepages: no heap grows");
	std::string prefix = mp_prefix_of(dir) + "_late";
	std::string go = dir + "/go_" + prefix;
	unlink(go.c_str());
	unlink((go + ".check").c_str());
	mp_child primary, secondary;
	TEST_ASSERT_SUCCESS(primary.start({"--huge", "--file-prefix=" + prefix, "mp_child_serve"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("serving", 20000), "primary did not start: %s",
		    primary.output().c_str());
	setenv(go_env, go.c_str(), 1);
	int started = secondary.start(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_grow_late"});
	unsetenv(go_env);
	TEST_ASSERT_SUCCESS(started, "spawn");
	TEST_ASSERT(secondary.wait_output("secondary running", 20000),
		    "secondary did not attach: %s", secondary.output().c_str());
	kill(primary.pid(), SIGSTOP);
	touch(go);
	bool failed = secondary.wait_output("reserve failed", 20000);
	kill(primary.pid(), SIGCONT);
	bool undone = primary.wait_output("no longer waits for its", 20000);
	touch(go + ".check");
	int rc = secondary.wait(20000);
	unlink(go.c_str());
	unlink((go + ".check").c_str());
	std::string out = secondary.output(), po = primary.output();
	printf("%s%s", out.c_str(), po.c_str());
	TEST_ASSERT(failed, "the reservation did not fail: %s", out.c_str());
	/* the memzone's own line of a failed reservation follows it */
	TEST_ASSERT_EQUAL(mp_count(out, "did not answer eal_mem_grow in 1000 ms"), 1u,
			  "one line in the secondary: %s", out.c_str());
	TEST_ASSERT(undone, "the primary kept the pages: %s", po.c_str());
	/* the lines it printed while it ran (not those of its start-up) */
	TEST_ASSERT_EQUAL(mp_count(po.substr(po.find("serving")), "EAL: "), 1u,
			  "one line in the primary: %s", po.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "pages stayed mapped: %s", out.c_str());
	long ms = strtol(out.c_str() + out.find("failed after ") + 13, nullptr, 10);
	TEST_ASSERT(ms >= 900 && ms < 3000, "gave up after %ld ms, not about %u", ms,
		    grow_timeout_ms);
	TEST_ASSERT_SUCCESS(mp_expect_attach(prefix), "after the late growth");
	return TEST_SUCCESS;
}

/* ---- growth from a secondary's action ---- */

constexpr char act_name[] = "mp_test_sec_grow";
std::atomic<int> act_ms{-1}; /* how long the refused reservation took */
std::atomic<int> act_err{0};

int
grow_in_action(const struct rte_mp_msg *, const void *)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	const rte_memzone *mz = rte_memzone_reserve("mp_grow_act", zone_len, SOCKET_ID_ANY, 0);
	act_err = mz == nullptr ? rte_errno : 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	act_ms = (int)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	return 0;
}

/* A secondary child whose action needs new pages. */
int
mp_child_grow_in_action(void)
{
	if (rte_mp_action_register(act_name, grow_in_action) < 0)
		return TEST_FAILED;
	printf("secondary ready\n");
	fflush(stdout);
	for (int i = 0; i < 20000 && act_ms < 0; i++)
		usleep(1000);
	printf("action: reserve %s after %d ms\n", act_err != 0 ? "refused" : "succeeded",
	       act_ms.load());
	return act_err == ENOMEM ? TEST_SUCCESS : TEST_FAILED;
}

/* The thread that runs a secondary's actions also receives the primary's
 * answers: an allocation there that needs pages fails at once, in one
 * line, rather than wait for an answer it cannot see. */
int
mp_grow_in_secondary_action(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (!rte_eal_has_hugepages())
		TEST_SKIP("this process runs with --no-huge: no heap grows");
	mp_child secondary;
	TEST_ASSERT_SUCCESS(
		secondary.start({"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir),
				 "mp_child_grow_in_action"}),
		"spawn");
	TEST_ASSERT(secondary.wait_output("secondary ready", 20000), "secondary did not attach: %s",
		    secondary.output().c_str());
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", act_name);
	TEST_ASSERT_SUCCESS(rte_mp_sendmsg(&m), "send: %s", rte_strerror(rte_errno));
	int rc = secondary.wait(20000);
	std::string out = secondary.output();
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	TEST_ASSERT_EQUAL(mp_count(out, "eal_mem_grow from an action"), 1u, "one line: %s",
			  out.c_str());
	int ms = atoi(out.c_str() + out.find("refused after ") + 14);
	TEST_ASSERT(ms < 1000, "refused after %d ms, not at once", ms);
	return TEST_SUCCESS;
}

// clang-format off
const struct unit_test_case late_cases[] = {
	TEST_CASE(mp_grow_late_unmapped),
	TEST_CASE(mp_grow_in_secondary_action),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite late_suite = {"multi-process: growth answered late, or never", nullptr,
					   nullptr, late_cases};

int
test_mp_grow_late(void)
{
	return unit_test_suite_runner(&late_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_grow_late_autotest, NOHUGE_OK, ASAN_OK, test_mp_grow_late);
REGISTER_TEST_COMMAND(mp_child_grow_late, mp_child_grow_late);
REGISTER_TEST_COMMAND(mp_child_grow_in_action, mp_child_grow_in_action);
