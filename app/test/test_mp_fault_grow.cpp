/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mp_fault_grow_autotest: a secondary's heap grows through the primary
 * (eal_mem_grow.cpp) while a step fails: in the secondary, its channel
 * ("ipc": the request, the primary's update and answer it receives) and
 * the mapping of the new pages ("attach"); in the primary, the pages
 * ("memseg_alloc") and its channel. The reservation fails with rte_errno
 * set, or the fault is absorbed (the heap tries again elsewhere); either
 * way both processes agree afterwards: every used memseg is mapped in
 * each, no free slot is (no half-mapped run), the secondary holds no
 * descriptor more than before, the primary keeps its descriptors and
 * runtime files, and the next growth works. Needs hugepages (no heap
 * grows with --no-huge) and -Dfault_injection=true.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <eal_mem_attach.h>

#include "eal_fault.h"
#include "test.h"
#include "test_mp.h"
#include "test_mp_fault.h"

#ifdef RTE_FAULT_INJECTION

using namespace mpf;

namespace {

constexpr char grow_zone[] = "mpf_grow";
constexpr size_t grow_len = 32 << 20;
constexpr char arm_env[] = "DPKIT_TEST_MPF_ARM";
constexpr unsigned long hugepages_needed = 64;
constexpr uint64_t max_aims = 12; /* call numbers aimed at per kind and side */

/* Every used memseg of the process is mapped read-write, and no free
 * slot is (a half-mapped run would show either way). @return "" or the
 * first slot that breaks it. */
std::string
memseg_mappings_agree()
{
	std::vector<std::pair<uintptr_t, uintptr_t>> rw;
	std::ifstream f("/proc/self/maps");
	std::string l;
	while (std::getline(f, l)) {
		unsigned long long a, b;
		char perm[8];
		if (sscanf(l.c_str(), "%llx-%llx %7s", &a, &b, perm) == 3 && perm[0] == 'r' &&
		    perm[1] == 'w')
			rw.push_back({(uintptr_t)a, (uintptr_t)b});
	}
	auto mapped = [&](uintptr_t a, size_t len) {
		for (const auto &m : rw)
			if (m.first <= a && a + len <= m.second)
				return true;
		return false;
	};
	std::set<uintptr_t> used;
	rte_memseg_walk(
		[](const rte_memseg_list *msl, const rte_memseg *ms, void *arg) {
		if (!msl->external)
			static_cast<std::set<uintptr_t> *>(arg)->insert((uintptr_t)ms->addr);
		return 0;
		},
		&used);
	std::vector<const rte_memseg_list *> lists;
	rte_memseg_list_walk(
		[](const rte_memseg_list *msl, void *arg) {
		if (!msl->external)
			static_cast<std::vector<const rte_memseg_list *> *>(arg)->push_back(msl);
		return 0;
		},
		&lists);
	std::string bad;
	for (const rte_memseg_list *msl : lists) {
		for (unsigned s = 0; s < msl->memseg_arr.len && bad.empty(); s++) {
			uintptr_t a = (uintptr_t)msl->base_va + (uintptr_t)s * msl->page_sz;
			bool u = used.count(a) != 0;
			if (u != mapped(a, msl->page_sz)) {
				char buf[96];
				snprintf(buf, sizeof(buf), "%s slot at %#lx %s",
					 u ? "used" : "free", (unsigned long)a,
					 u ? "not mapped" : "mapped");
				bad = buf;
			}
		}
	}
	return bad;
}


unsigned
open_fds()
{
	return fault_footprint_now().fds;
}

/* A secondary: a zone its heap must grow for, under the fault named by
 * arm_env (armed after start-up), or when the primary sets the control
 * zone to 1 (the primary arms its own). Then the same without a fault. */
int
mpf_child_grow(void)
{
	const rte_memzone *cz = rte_memzone_lookup(ctl_name);
	if (cz == nullptr)
		return TEST_FAILED;
	auto *step = static_cast<uint32_t *>(cz->addr);
	dpkit_mem_grow_test_timeout(2 * wait_cap_ms);
	unsigned fds = open_fds();
	printf("mpf ready\n");
	fflush(stdout);
	for (int i = 0; i < 20000 && std::atomic_ref<uint32_t>(*step).load() == 0; i++)
		usleep(1000);
	const char *spec = getenv(arm_env);
	dpkit_fault_reset();
	if (spec != nullptr && dpkit_fault_arm_spec(spec) != 0)
		return TEST_FAILED;
	rte_errno = 0;
	const rte_memzone *mz = rte_memzone_reserve(grow_zone, grow_len, SOCKET_ID_ANY, 0);
	int err = rte_errno;
	unsigned long long fired = dpkit_fault_fired(DPKIT_FAULT_IPC) +
				   dpkit_fault_fired(DPKIT_FAULT_ATTACH);
	unsigned long long calls = dpkit_fault_calls(DPKIT_FAULT_IPC);
	unsigned long long acalls = dpkit_fault_calls(DPKIT_FAULT_ATTACH);
	dpkit_fault_reset();
	/* the primary's half: it may still undo what it did */
	std::atomic_ref<uint32_t>(*step).store(2);
	for (int i = 0; i < 20000 && std::atomic_ref<uint32_t>(*step).load() != 3; i++)
		usleep(1000);
	std::string bad = memseg_mappings_agree();
	unsigned fds_after = open_fds();
	printf("mpf grow %s err=%d fired=%llu calls ipc=%llu attach=%llu fds %u -> %u%s%s\n",
	       mz != nullptr ? "ok" : "failed", mz != nullptr ? 0 : err, fired, calls, acalls, fds,
	       fds_after, bad.empty() ? "" : " inconsistent: ", bad.c_str());
	if (mz != nullptr)
		rte_memzone_free(mz);
	mz = rte_memzone_reserve(grow_zone, grow_len, SOCKET_ID_ANY, 0);
	printf("mpf later %s\n", mz != nullptr ? "ok" : rte_strerror(rte_errno));
	if (mz != nullptr)
		rte_memzone_free(mz);
	return bad.empty() && mz != nullptr ? TEST_SUCCESS : TEST_FAILED;
}

/* ---- heaps that grow ---- */

struct grow_result {
	int rc;
	std::string out;
};

/* One mpf_child_grow run: @p child_spec armed in it, or @p kind / @p nth
 * (@p sticky) armed here once it is ready. */
grow_result
run_grow(const std::string &dir, const std::string &child_spec, dpkit_fault_kind kind, uint64_t nth,
	 bool sticky, uint64_t *fired, uint64_t *calls = nullptr)
{
	const rte_memzone *cz = rte_memzone_lookup(ctl_name);
	auto *step = static_cast<uint32_t *>(cz->addr);
	std::atomic_ref<uint32_t>(*step).store(0);
	grow_result g{-1, ""};
	mp_child c;
	if (!child_spec.empty())
		setenv(arm_env, child_spec.c_str(), 1);
	setenv("DPKIT_FAULT_WAIT_MS", wait_cap_str, 1);
	int started = c.start(secondary_args(dir, "mpf_child_grow"));
	unsetenv(arm_env);
	unsetenv("DPKIT_FAULT_WAIT_MS");
	if (started != 0 || !c.wait_output("mpf ready", 20000)) {
		g.out = "did not start: " + c.output();
		return g;
	}
	dpkit_fault_reset();
	if (nth != 0)
		dpkit_fault_arm(kind, nth, sticky);
	std::atomic_ref<uint32_t>(*step).store(1);
	mp_wait_for([&] { return std::atomic_ref<uint32_t>(*step).load() == 2; }, 20000);
	*fired = dpkit_fault_fired(kind);
	if (calls != nullptr)
		*calls = dpkit_fault_calls(kind);
	dpkit_fault_reset();
	std::string bad = memseg_mappings_agree();
	std::atomic_ref<uint32_t>(*step).store(3);
	g.rc = c.wait(20000);
	g.out = c.output();
	if (!bad.empty())
		g.out += "primary inconsistent: " + bad + "\n";
	return g;
}

/* A growth under a fault failed cleanly or was absorbed, and left both
 * processes consistent. @return 1 failed, 0 absorbed, TEST_FAILED. */
int
grow_verdict(const grow_result &g, const std::string &spec)
{
	bool failed = g.out.find("mpf grow failed") != std::string::npos;
	bool ok = g.out.find("mpf grow ok") != std::string::npos;
	unsigned long long before = count_of(g.out, "fds "), after = count_of(g.out, " -> ");
	if (g.rc != 0 || (!failed && !ok) || g.out.find("inconsistent") != std::string::npos ||
	    (failed && (count_of(g.out, "err=") == 0 || before != after))) {
		printf("%s:\n%s\n", spec.c_str(), g.out.c_str());
		return TEST_FAILED;
	}
	return failed ? 1 : 0;
}

int
grow_sweep(const std::string &dir, const char *side, dpkit_fault_kind kind, bool sticky,
	   uint64_t calls)
{
	survivor base = survivor_now(dir);
	unsigned failed = 0, absorbed = 0, aimed = 0;
	uint64_t t0 = rte_get_timer_cycles();
	/* a secondary with hugepages is slow to start: long sweeps are sampled */
	const uint64_t step = calls <= max_aims ? 1 : (calls + max_aims - 1) / max_aims;
	for (uint64_t n = 1; n <= calls; n = n + step > calls && n != calls ? calls : n + step) {
		aimed++;
		std::string spec = std::string(dpkit_fault_kind_name(kind)) + ":" +
				   std::to_string(n) + (sticky ? "+" : "");
		uint64_t fired = 0;
		bool here = strcmp(side, "primary") == 0;
		grow_result g = run_grow(dir, here ? "" : spec, kind, here ? n : 0, sticky, &fired);
		int r = grow_verdict(g, std::string(side) + " " + spec);
		TEST_ASSERT(r >= 0, "%s %s", side, spec.c_str());
		(r == 1 ? failed : absorbed)++;
		/* the heap may keep what it grew by: only descriptors and files */
		survivor now = survivor_now(dir);
		TEST_ASSERT_EQUAL(now.fp.fds, base.fp.fds, "%s %s: the primary's descriptors", side,
				  spec.c_str());
		TEST_ASSERT(now.files == base.files, "%s %s: runtime files [%s] -> [%s]", side,
			    spec.c_str(), base.files.c_str(), now.files.c_str());
		std::string w = primary_objects_work();
		TEST_ASSERT(w.empty(), "%s %s: %s", side, spec.c_str(), w.c_str());
	}
	printf("secondary's heap grows, %s %s%s: %llu calls, %u aimed at, %u failed cleanly, %u "
	       "absorbed (%.1f s)\n",
	       side, dpkit_fault_kind_name(kind), sticky ? " (from then on)" : "",
	       (unsigned long long)calls, aimed, failed, absorbed,
	       (double)(rte_get_timer_cycles() - t0) / (double)rte_get_timer_hz());
	TEST_ASSERT(failed > 0, "no fault made the growth fail");
	return TEST_SUCCESS;
}

int
mp_fault_grow(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (!rte_eal_has_hugepages())
		TEST_SKIP("this primary runs --no-huge: no heap grows");
	if (test_free_hugepages() < hugepages_needed)
		TEST_SKIP("fewer than %lu free hugepages: no heap grows", hugepages_needed);
	uint64_t fired = 0;
	grow_result g = run_grow(dir, "", DPKIT_FAULT_IPC, 0, false, &fired);
	TEST_ASSERT_EQUAL(grow_verdict(g, "no fault"), 0, "without a fault");
	unsigned long long ipc = count_of(g.out, "calls ipc="), att = count_of(g.out, "attach=");
	TEST_ASSERT(ipc > 0 && att > 0, "the growth made no IPC or attach call: %s", g.out.c_str());
	TEST_ASSERT_SUCCESS(grow_sweep(dir, "secondary", DPKIT_FAULT_IPC, false, ipc), "ipc");
	TEST_ASSERT_SUCCESS(grow_sweep(dir, "secondary", DPKIT_FAULT_ATTACH, true, att), "attach");
	/* the primary's calls: counted over the same growth */
	uint64_t calls = 0;
	g = run_grow(dir, "", DPKIT_FAULT_IPC, 0, false, &fired, &calls);
	TEST_ASSERT_EQUAL(grow_verdict(g, "no fault"), 0, "without a fault");
	TEST_ASSERT(calls > 0, "the growth made no IPC call in the primary");
	TEST_ASSERT_SUCCESS(grow_sweep(dir, "primary", DPKIT_FAULT_MEMSEG_ALLOC, true, 1),
			    "memseg_alloc");
	TEST_ASSERT_SUCCESS(grow_sweep(dir, "primary", DPKIT_FAULT_IPC, false, calls), "ipc");
	return TEST_SUCCESS;
}
// clang-format off
const struct unit_test_case grow_cases[] = {
	TEST_CASE(mp_fault_grow),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite grow_suite = {"multi-process heaps growing under faults", mpf_setup,
					   mpf_teardown, grow_cases};

} // namespace

static int
test_mp_fault_grow(void)
{
	return unit_test_suite_runner(&grow_suite);
}

REGISTER_TEST_COMMAND(mpf_child_grow, mpf_child_grow);

#else /* !RTE_FAULT_INJECTION */

static int
test_mp_fault_grow(void)
{
	TEST_SKIP("built without -Dfault_injection=true");
}

#endif /* RTE_FAULT_INJECTION */

REGISTER_FAST_TEST(mp_fault_grow_autotest, NOHUGE_OK, ASAN_OK, test_mp_fault_grow);
