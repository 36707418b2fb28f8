/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Heaps that grow while secondaries run. A secondary's heap grows through
 * the primary: the secondary reserves a zone larger than anything mapped,
 * the primary maps the pages, and the primary reads what the secondary
 * wrote there; the secondary's free gives the pages back in both. A
 * secondary whose primary died fails such a reservation with one line.
 * And a primary's action (run on the thread that receives messages) may
 * grow the heap while no secondary is attached. The children are this
 * binary again, in hugepage mode (no heap grows with --no-huge).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <string>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char ctl_name[] = "mp_grow_ctl";
constexpr char zone_name[] = "mp_grow_sec";
constexpr size_t zone_len = 32 << 20;
constexpr unsigned long hugepages_needed = 64;

struct grow_ctl {
	uint32_t step; /* 1 secondary wrote its zone, 2 primary read it, 3 freed, 4 done */
};

bool
wait_step(const rte_memzone *cz, uint32_t step)
{
	auto *c = static_cast<grow_ctl *>(cz->addr);
	for (int i = 0; i < 20000; i++) {
		if (std::atomic_ref<uint32_t>(c->step).load() >= step)
			return true;
		usleep(1000);
	}
	return false;
}

void
set_step(const rte_memzone *cz, uint32_t step)
{
	std::atomic_ref<uint32_t>(static_cast<grow_ctl *>(cz->addr)->step).store(step);
}

uint8_t
pattern_at(size_t i)
{
	return (uint8_t)((i >> 12) * 7 + 1);
}

unsigned long long
mapped_mb()
{
	return (unsigned long long)(rte_eal_get_physmem_size() >> 20);
}

/* A primary child: reads the zone a secondary made, then waits for its free. */
int
mp_child_lend(void)
{
	const rte_memzone *cz = rte_memzone_reserve(ctl_name, sizeof(grow_ctl), SOCKET_ID_ANY, 0);
	if (cz == nullptr)
		return TEST_FAILED;
	set_step(cz, 0);
	printf("ready, %llu MB mapped\n", mapped_mb());
	fflush(stdout);
	if (!wait_step(cz, 1))
		return TEST_FAILED;
	const rte_memzone *mz = rte_memzone_lookup(zone_name);
	bool same = mz != nullptr;
	{
		mp_cross_process_reads written_by_the_secondary;
		for (size_t i = 0; same && i < zone_len; i += 4096)
			same = static_cast<const uint8_t *>(mz->addr)[i] == pattern_at(i);
	}
	printf("primary: the secondary's zone %s, %llu MB mapped\n", same ? "read ok" : "differs",
	       mapped_mb());
	fflush(stdout);
	set_step(cz, 2);
	if (!wait_step(cz, 3))
		return TEST_FAILED;
	printf("primary: after the secondary's free, %llu MB mapped\n", mapped_mb());
	set_step(cz, 4);
	return same ? TEST_SUCCESS : TEST_FAILED;
}

/* A secondary child: a zone for which its heap must grow, then freed. */
int
mp_child_borrow(void)
{
	const rte_memzone *cz = rte_memzone_lookup(ctl_name);
	if (cz == nullptr)
		return TEST_FAILED;
	unsigned long long before = mapped_mb();
	const rte_memzone *mz = rte_memzone_reserve(zone_name, zone_len, SOCKET_ID_ANY, 0);
	if (mz == nullptr) {
		printf("secondary: reserve failed: %s\n", rte_strerror(rte_errno));
		set_step(cz, 4); /* let the primary go */
		return TEST_FAILED;
	}
	for (size_t i = 0; i < zone_len; i += 4096)
		static_cast<uint8_t *>(mz->addr)[i] = pattern_at(i);
	printf("secondary: grew by %llu MB\n", mapped_mb() - before);
	fflush(stdout);
	set_step(cz, 1);
	if (!wait_step(cz, 2))
		return TEST_FAILED;
	rte_memzone_free(mz);
	unsigned long long after = mapped_mb();
	/* the heap may keep a page on either side of what it gave back */
	printf("secondary: freed, %llu MB mapped (%llu before): %s\n", after, before,
	       after <= before + 4 ? "given back" : "kept");
	set_step(cz, 3);
	return wait_step(cz, 4) ? TEST_SUCCESS : TEST_FAILED;
}

int
mp_grow_secondary(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (test_free_hugepages() < hugepages_needed)
		TEST_SKIP("fewer than %lu free hugepages: no heap grows", hugepages_needed);
	std::string prefix = mp_prefix_of(dir) + "_lend";
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({"--huge", "--file-prefix=" + prefix, "mp_child_lend"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("ready", 20000), "primary did not start: %s",
		    primary.output().c_str());
	std::string out;
	int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_borrow"},
			out);
	int prc = primary.wait(20000);
	std::string po = primary.output();
	printf("%s%s", po.c_str(), out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	TEST_ASSERT_EQUAL(prc, 0, "primary: %s", po.c_str());
	TEST_ASSERT(out.find("grew by") != std::string::npos &&
			    out.find("grew by 0 MB") == std::string::npos,
		    "the secondary's heap did not grow: %s", out.c_str());
	TEST_ASSERT(po.find("the secondary's zone read ok") != std::string::npos,
		    "the primary does not see the secondary's zone: %s", po.c_str());
	TEST_ASSERT(out.find("given back") != std::string::npos,
		    "the secondary's free kept the pages: %s", out.c_str());
	return TEST_SUCCESS;
}

/* A secondary child: once its primary is gone, a reservation that needs
 * new pages. */
int
mp_child_orphan_grow(void)
{
	printf("secondary running\n");
	fflush(stdout);
	for (int i = 0; i < 20000 && rte_eal_primary_proc_alive(nullptr); i++)
		usleep(1000);
	const rte_memzone *mz = rte_memzone_reserve(zone_name, zone_len, SOCKET_ID_ANY, 0);
	printf("reserve %s: %s\n", mz == nullptr ? "refused" : "succeeded",
	       rte_strerror(rte_errno));
	return mz == nullptr && rte_errno == ENOMEM ? TEST_SUCCESS : TEST_FAILED;
}

int
mp_grow_primary_gone(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (test_free_hugepages() < hugepages_needed)
		TEST_SKIP("fewer than %lu free hugepages: no heap grows", hugepages_needed);
	std::string prefix = mp_prefix_of(dir) + "_gone";
	mp_child primary, secondary;
	TEST_ASSERT_SUCCESS(primary.start({"--huge", "--file-prefix=" + prefix, "mp_child_serve"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("serving", 20000), "primary did not start: %s",
		    primary.output().c_str());
	TEST_ASSERT_SUCCESS(secondary.start({"--proc-type=secondary", "--file-prefix=" + prefix,
					     "mp_child_orphan_grow"}),
			    "spawn");
	TEST_ASSERT(secondary.wait_output("secondary running", 20000),
		    "secondary did not attach: %s", secondary.output().c_str());
	primary.kill_now();
	int rc = secondary.wait(20000);
	std::string out = secondary.output();
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	TEST_ASSERT_EQUAL(mp_count(out, "eal_mem_grow: no process receives on"), 1u,
			  "one line saying the primary is gone: %s", out.c_str());
	return TEST_SUCCESS;
}

/* ---- a secondary that outlives its primary ---- */

constexpr char done_env[] = "DPKIT_TEST_MP_DONE";
constexpr size_t snap_len = 64 << 10;

/* A secondary child: the primary's zone (mp_child_serve's), kept as it was
 * after the primary died and another primary with its --file-prefix grew
 * its heap (until the file named by done_env exists). */
int
mp_child_outlive(void)
{
	const char *done = getenv(done_env);
	const rte_memzone *mz = rte_memzone_lookup("mp_att_mz");
	if (mz == nullptr || done == nullptr || mz->len < snap_len)
		return TEST_FAILED;
	std::string snap(static_cast<const char *>(mz->addr), snap_len);
	printf("secondary running\n");
	fflush(stdout);
	for (int i = 0; i < 20000 && rte_eal_primary_proc_alive(nullptr); i++)
		usleep(1000);
	printf("primary gone\n");
	fflush(stdout);
	for (int i = 0; i < 20000 && access(done, F_OK) != 0; i++)
		usleep(1000);
	bool same = memcmp(snap.data(), mz->addr, snap_len) == 0;
	printf("%s\n", same ? "old memory kept" : "memory replaced");
	return same ? TEST_SUCCESS : TEST_FAILED;
}

/* A primary started with the --file-prefix of a dead one, whose secondary
 * still runs, maps its first pages where the dead one had its own: the
 * secondary must not map them over the memory it still uses. */
int
mp_grow_other_primary(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (test_free_hugepages() < hugepages_needed)
		TEST_SKIP("fewer than %lu free hugepages: no heap grows", hugepages_needed);
	std::string prefix = mp_prefix_of(dir) + "_again";
	std::string done = dir + "/done_" + prefix;
	unlink(done.c_str());
	mp_child first, secondary, second;
	TEST_ASSERT_SUCCESS(first.start({"--huge", "--file-prefix=" + prefix, "mp_child_serve"}),
			    "spawn");
	TEST_ASSERT(first.wait_output("serving", 20000), "primary did not start: %s",
		    first.output().c_str());
	setenv(done_env, done.c_str(), 1);
	int started = secondary.start(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_outlive"});
	unsetenv(done_env);
	TEST_ASSERT_SUCCESS(started, "spawn");
	TEST_ASSERT(secondary.wait_output("secondary running", 20000),
		    "secondary did not attach: %s", secondary.output().c_str());
	first.kill_now();
	TEST_ASSERT(secondary.wait_output("primary gone", 20000), "secondary: %s",
		    secondary.output().c_str());
	TEST_ASSERT_SUCCESS(second.start({"--huge", "--file-prefix=" + prefix, "mp_child_lend"}),
			    "spawn");
	bool ready = second.wait_output("ready", 20000);
	FILE *f = fopen(done.c_str(), "w");
	if (f != nullptr)
		fclose(f);
	int rc = secondary.wait(20000);
	second.kill_now();
	unlink(done.c_str());
	std::string out = secondary.output();
	printf("%s", out.c_str());
	TEST_ASSERT(ready, "second primary did not start: %s", second.output().c_str());
	TEST_ASSERT_EQUAL(rc, 0, "the secondary's memory changed: %s", out.c_str());
	TEST_ASSERT_EQUAL(mp_count(out, "ignored a memory update from a primary"), 1u,
			  "one line: %s", out.c_str());
	return TEST_SUCCESS;
}

/* ---- a primary's action that grows the heap ---- */

constexpr char act_name[] = "mp_test_grow";
std::atomic<int> act_result{0}; /* 0 not run, 1 reserved, -1 failed */

int
grow_action(const struct rte_mp_msg *, const void *)
{
	/* only once the sender has gone: no secondary is attached then */
	std::string dir = rte_eal_get_runtime_dir();
	for (int i = 0; i < 5000 && mp_sockets(dir) > 0; i++)
		usleep(1000);
	const rte_memzone *mz = rte_memzone_reserve(zone_name, zone_len, SOCKET_ID_ANY, 0);
	printf("action: reserve %s (%s)\n", mz == nullptr ? "failed" : "succeeded",
	       mz == nullptr ? rte_strerror(rte_errno) : "-");
	act_result = mz != nullptr ? 1 : -1;
	return 0;
}

/* A primary child whose heap grows in an action. */
int
mp_child_act(void)
{
	if (rte_mp_action_register(act_name, grow_action) < 0)
		return TEST_FAILED;
	unsigned long long before = mapped_mb();
	printf("ready\n");
	fflush(stdout);
	for (int i = 0; i < 20000 && act_result == 0; i++)
		usleep(1000);
	printf("grown by %llu MB\n", mapped_mb() - before);
	return act_result == 1 ? TEST_SUCCESS : TEST_FAILED;
}

/* A secondary child: ask for the action, and go. */
int
mp_child_poke(void)
{
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", act_name);
	return rte_mp_sendmsg(&m) == 0 ? TEST_SUCCESS : TEST_FAILED;
}

int
mp_grow_in_action(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (test_free_hugepages() < hugepages_needed)
		TEST_SKIP("fewer than %lu free hugepages: no heap grows", hugepages_needed);
	std::string prefix = mp_prefix_of(dir) + "_act";
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({"--huge", "--file-prefix=" + prefix, "mp_child_act"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("ready", 20000), "primary did not start: %s",
		    primary.output().c_str());
	std::string out;
	int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_poke"}, out);
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	int prc = primary.wait(20000);
	std::string po = primary.output();
	printf("%s", po.c_str());
	TEST_ASSERT_EQUAL(prc, 0, "primary: %s", po.c_str());
	TEST_ASSERT(po.find("action: reserve succeeded") != std::string::npos &&
			    po.find("grown by 0 MB") == std::string::npos,
		    "%s", po.c_str());
	return TEST_SUCCESS;
}

// clang-format off
const struct unit_test_case grow_cases[] = {
	TEST_CASE(mp_grow_secondary),
	TEST_CASE(mp_grow_primary_gone),
	TEST_CASE(mp_grow_in_action),
	TEST_CASE(mp_grow_other_primary),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite grow_suite = {"multi-process: heaps that grow", nullptr, nullptr,
					   grow_cases};

int
test_mp_grow(void)
{
	return unit_test_suite_runner(&grow_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_grow_autotest, NOHUGE_OK, ASAN_OK, test_mp_grow);
REGISTER_TEST_COMMAND(mp_child_lend, mp_child_lend);
REGISTER_TEST_COMMAND(mp_child_borrow, mp_child_borrow);
REGISTER_TEST_COMMAND(mp_child_orphan_grow, mp_child_orphan_grow);
REGISTER_TEST_COMMAND(mp_child_act, mp_child_act);
REGISTER_TEST_COMMAND(mp_child_poke, mp_child_poke);
REGISTER_TEST_COMMAND(mp_child_outlive, mp_child_outlive);
