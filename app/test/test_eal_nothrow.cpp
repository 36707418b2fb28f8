/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * eal_nothrow_autotest: no C++ exception crosses the C API of the EAL's
 * memory, memzone, malloc and log entry points, whichever C++ allocation
 * inside them fails.
 *
 * dpkit-test replaces the global operator new (below) with one that can
 * be told to throw std::bad_alloc at its N-th call from now, on any
 * thread (the EAL maps pages on helper threads, where an escaping
 * exception ends the process). Each scenario makes C calls that must
 * either succeed or fail with the documented error; it is run with the
 * N-th allocation failing for N = 1, 2, ... until a run makes fewer than
 * N allocations. An exception reaching the test, or the process ending,
 * is a failure; so is a footprint (pages, heap bytes, memzones, fds) that
 * does not come back. rte_eal_init is checked the same way in children
 * (DPKIT_TEST_NEW_FAULT=N arms the N-th allocation of the init).
 *
 * Outside a run the replacement only adds one relaxed atomic load to each
 * allocation of dpkit-test; its delete pairs with its new (malloc/free),
 * so AddressSanitizer still sees every allocation.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <atomic>
#include <new>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_fault.h"

/* ---- the operator new that can fail ---- */

namespace {

std::atomic<long> new_countdown{0}; /* > 0: the call that takes it to 0 throws */
std::atomic<long> new_calls{0};     /* counted while armed */
std::atomic<long> new_fired{0};

void *
counted_new(size_t n)
{
	if (new_countdown.load(std::memory_order_relaxed) > 0) {
		new_calls.fetch_add(1, std::memory_order_relaxed);
		if (new_countdown.fetch_sub(1, std::memory_order_relaxed) == 1) {
			new_fired.fetch_add(1, std::memory_order_relaxed);
			throw std::bad_alloc();
		}
	}
	void *p = malloc(n != 0 ? n : 1);
	if (p == nullptr)
		throw std::bad_alloc();
	return p;
}

} // namespace

/* Every form that pairs with the deletes below is replaced, the nothrow
 * ones too: a sanitizer runtime's new paired with this free would be an
 * alloc-dealloc mismatch. (The aligned forms pair among themselves.) */
void *
operator new(size_t n)
{
	return counted_new(n);
}
void *
operator new[](size_t n)
{
	return counted_new(n);
}
void *
operator new(size_t n, const std::nothrow_t &) noexcept
{
	try {
		return counted_new(n);
	} catch (const std::bad_alloc &) {
		return nullptr;
	}
}
void *
operator new[](size_t n, const std::nothrow_t &t) noexcept
{
	return operator new(n, t);
}
void
operator delete(void *p) noexcept
{
	free(p);
}
void
operator delete[](void *p) noexcept
{
	free(p);
}
void
operator delete(void *p, size_t) noexcept
{
	free(p);
}
void
operator delete[](void *p, size_t) noexcept
{
	free(p);
}
void
operator delete(void *p, const std::nothrow_t &) noexcept
{
	free(p);
}
void
operator delete[](void *p, const std::nothrow_t &) noexcept
{
	free(p);
}

void
test_new_fault_arm(long nth)
{
	new_calls.store(0);
	new_fired.store(0);
	new_countdown.store(nth);
}

long
test_new_fault_disarm(long *calls)
{
	new_countdown.store(0);
	if (calls != nullptr)
		*calls = new_calls.load();
	return new_fired.load();
}

/* ---- scenarios ---- */

namespace {

constexpr size_t kMB = (size_t)1 << 20;

/* 0: the calls succeeded (and were undone); 1: they failed with the
 * documented error; -1: a wrong result (said why). Plain C calls only
 * while armed: the test's own allocations would take the fault. */
typedef int (*scenario_fn)(void);

int
failed_cleanly(bool failed, int want_errno)
{
	if (!failed)
		return 0;
	if (rte_errno != want_errno) {
		printf("failed with rte_errno %d (%s), want %d\n", rte_errno,
		       rte_strerror(rte_errno), want_errno);
		return -1;
	}
	return 1;
}

int
sc_malloc_growth(void)
{
	void *p = rte_malloc(nullptr, 8 * kMB, 0);
	if (p != nullptr)
		rte_free(p);
	return failed_cleanly(p == nullptr, ENOMEM);
}

int
sc_zmalloc_helpers(void)
{
	/* 20 pages: mapped by helper threads too */
	void *p = rte_zmalloc(nullptr, 40 * kMB, 0);
	if (p != nullptr)
		rte_free(p);
	return failed_cleanly(p == nullptr, ENOMEM);
}

int
sc_realloc_move(void)
{
	void *p = rte_malloc(nullptr, 64, 0);
	if (p == nullptr)
		return failed_cleanly(true, ENOMEM);
	void *q = rte_realloc(p, 16 * kMB, 0);
	rte_free(q != nullptr ? q : p);
	return failed_cleanly(q == nullptr, ENOMEM);
}

int
sc_malloc_refused(void)
{
	/* the failure path: its log line reports what could be mapped */
	void *p = rte_malloc(nullptr, (size_t)1 << 45, 0);
	if (p != nullptr) {
		rte_free(p);
		printf("2^45 bytes allocated\n");
		return -1;
	}
	return failed_cleanly(true, ENOMEM) == 1 ? 0 : -1;
}

int
sc_memzone(void)
{
	const rte_memzone *mz = rte_memzone_reserve("nt_zone", 8 * kMB, SOCKET_ID_ANY, 0);
	if (mz != nullptr)
		rte_memzone_free(mz);
	return failed_cleanly(mz == nullptr, ENOMEM);
}

int
sc_memzone_contig(void)
{
	const rte_memzone *mz = rte_memzone_reserve_bounded("nt_contig", 3 * kMB, SOCKET_ID_ANY,
							    RTE_MEMZONE_IOVA_CONTIG, 64, 4 * kMB);
	if (mz != nullptr)
		rte_memzone_free(mz);
	return failed_cleanly(mz == nullptr, ENOMEM);
}

int
sc_memzone_largest(void)
{
	const rte_memzone *mz = rte_memzone_reserve("nt_largest", 0, SOCKET_ID_ANY, 0);
	if (mz != nullptr)
		rte_memzone_free(mz);
	return failed_cleanly(mz == nullptr, ENOMEM);
}

int
sc_external_heap(void)
{
	static void *area;
	const size_t len = 4 * kMB, pg = 4096;
	if (area == nullptr) /* kept across runs: an mmap is not an operator new */
		area = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			    0);
	if (area == MAP_FAILED)
		return -1;
	if (rte_malloc_heap_create("nt_heap") != 0)
		return failed_cleanly(true, ENOMEM);
	int r = rte_malloc_heap_memory_add("nt_heap", area, len, nullptr, 0, pg);
	if (r == 0) {
		int s = rte_malloc_heap_get_socket("nt_heap");
		void *p = rte_malloc_socket(nullptr, 4096, 0, s);
		rte_free(p);
		rte_malloc_heap_memory_remove("nt_heap", area, len);
	}
	int err = rte_errno;
	rte_malloc_heap_destroy("nt_heap");
	rte_errno = err;
	return failed_cleanly(r != 0, ENOMEM);
}

int
sc_extmem(void)
{
	static void *area;
	const size_t len = 2 * kMB;
	if (area == nullptr)
		area = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			    0);
	if (area == MAP_FAILED)
		return -1;
	int r = rte_extmem_register(area, len, nullptr, 0, 4096);
	if (r == 0)
		rte_extmem_unregister(area, len);
	return failed_cleanly(r != 0, ENOMEM);
}

int
sc_callbacks(void)
{
	int r = rte_mem_event_callback_register(
		"nt_cb", [](rte_mem_event, const void *, size_t, void *) {}, nullptr);
	if (r == 0)
		rte_mem_event_callback_unregister("nt_cb", nullptr);
	else if (rte_errno != ENOTSUP)
		return failed_cleanly(true, ENOMEM);
	r = rte_mem_alloc_validator_register(
		"nt_val", [](int, size_t, size_t) { return 0; }, 0, (size_t)1 << 40);
	if (r == 0)
		rte_mem_alloc_validator_unregister("nt_val", 0);
	else if (rte_errno != ENOTSUP)
		return failed_cleanly(true, ENOMEM);
	return 0;
}

int
sc_log(void)
{
	static unsigned run;
	char name[48];
	snprintf(name, sizeof(name), "user.nothrow.%u", run++);
	int t = rte_log_register_type_and_pick_level(name, RTE_LOG_INFO);
	if (t < 0)
		return failed_cleanly(true, ENOMEM);
	if (rte_log_set_level_pattern("user.nothrow.*", RTE_LOG_DEBUG) != 0 ||
	    rte_log_set_level_regexp("user\\.nothrow\\..*", RTE_LOG_INFO) != 0)
		return 1; /* -1 without rte_errno, as DPDK: a clean refusal */
	return 0;
}

int
sc_dumps(void)
{
	FILE *f = fopen("/dev/null", "w");
	if (f == nullptr)
		return -1;
	rte_malloc_dump_stats(f, nullptr);
	rte_malloc_dump_heaps(f);
	rte_memzone_dump(f);
	rte_dump_physmem_layout(f);
	rte_log_dump(f);
	fclose(f);
	return 0;
}

struct scenario {
	const char *name;
	scenario_fn fn;
};

const scenario kScenarios[] = {
	{"rte_malloc with a heap growth", sc_malloc_growth},
	{"rte_zmalloc of 20 pages (helper threads)", sc_zmalloc_helpers},
	{"rte_realloc that moves and grows", sc_realloc_move},
	{"rte_malloc refused (its log line)", sc_malloc_refused},
	{"rte_memzone_reserve", sc_memzone},
	{"rte_memzone_reserve_bounded, IOVA-contiguous", sc_memzone_contig},
	{"rte_memzone_reserve of length 0", sc_memzone_largest},
	{"external heap: create, add, malloc, remove, destroy", sc_external_heap},
	{"rte_extmem_register/unregister", sc_extmem},
	{"memory event callback and validator", sc_callbacks},
	{"rte_log_register_type_and_pick_level, set_level_pattern/regexp", sc_log},
	{"malloc, memzone, memory and log dumps", sc_dumps},
};

} // namespace

static int
test_nothrow_memory_entry_points(void)
{
	unsigned total_faults = 0;
	for (const scenario &sc : kScenarios) {
		/* warm-up: the heap keeps its last page, log types stay */
		int warm = sc.fn();
		TEST_ASSERT(warm >= 0, "%s: fails without a fault", sc.name);
		sc.fn();
		fault_footprint before = fault_footprint_now();
		long n = 1, calls = 0;
		for (;; n++) {
			int r = -2;
			test_new_fault_arm(n);
			try {
				r = sc.fn();
			} catch (const std::exception &e) {
				test_new_fault_disarm(nullptr);
				TEST_ASSERT(false,
					    "%s: allocation %ld failed: '%s' crossed the C API",
					    sc.name, n, e.what());
			} catch (...) {
				test_new_fault_disarm(nullptr);
				TEST_ASSERT(false,
					    "%s: allocation %ld failed: an exception crossed the "
					    "C API",
					    sc.name, n);
			}
			long fired = test_new_fault_disarm(&calls);
			TEST_ASSERT(r >= 0, "%s: allocation %ld failed: wrong result", sc.name, n);
			std::string d = fault_footprint_diff(before, fault_footprint_now());
			TEST_ASSERT(d.empty(), "%s: allocation %ld failed: footprint changed: %s",
				    sc.name, n, d.c_str());
			if (fired == 0)
				break; /* the run made fewer than n allocations */
			TEST_ASSERT(n < 100000, "%s: never ends", sc.name);
		}
		printf("%s: %ld C++ allocations on the path, each failed in turn\n", sc.name,
		       n - 1);
		total_faults += (unsigned)(n - 1);
	}
	printf("%u allocation failures injected, none crossed the C API\n", total_faults);
	return TEST_SUCCESS;
}

/* ---- rte_eal_init, in children ---- */

/* rte_eal_init with @p eal options, its N-th C++ allocation failing for
 * each N in turn (a sample when there are many). */
static int
nothrow_eal_init(const std::vector<std::string> &eal, const char *mode)
{
	auto run = [&eal](long nth, std::string &out) {
		setenv("DPKIT_TEST_NEW_FAULT", std::to_string(nth).c_str(), 1);
		std::vector<std::string> args = eal;
		args.push_back("eal_nothrow_child");
		int rc = test_exec_self_capture_with(args, out, nullptr);
		unsetenv("DPKIT_TEST_NEW_FAULT");
		return rc;
	};
	std::string out;
	int rc = run(0, out);
	const char *at = strstr(out.c_str(), "new-fault: calls ");
	TEST_ASSERT(rc == 0 && at != nullptr, "%s: child without a fault: rc %d:\n%s", mode, rc,
		    out.c_str());
	long calls = strtol(at + 17, nullptr, 10);
	TEST_ASSERT(calls > 0, "%s: rte_eal_init made no C++ allocation?", mode);
	/* every allocation when few, else the first 24, the last 24 and 48
	 * spread in between (each run is a process start) */
	std::vector<long> aims;
	for (long i = 1; i <= calls; i++)
		if (calls <= 96 || i <= 24 || i > calls - 24 ||
		    (i - 24) % ((calls - 48) / 48 + 1) == 0)
			aims.push_back(i);
	unsigned failed = 0, absorbed = 0;
	for (long nth : aims) {
		rc = run(nth, out);
		TEST_ASSERT(
			rc == 0 || rc == 1,
			"%s: allocation %ld of %ld in rte_eal_init failed: "
			"child ended with %d (262 = SIGABRT: an exception crossed the C API):\n%s",
			mode, nth, calls, rc, out.c_str());
		if (rc == 1) {
			TEST_ASSERT(strstr(out.c_str(),
					   "EAL init failed: Cannot allocate memory") != nullptr,
				    "%s: allocation %ld: init failed without ENOMEM:\n%s", mode,
				    nth, out.c_str());
			failed++;
		} else {
			absorbed++;
		}
	}
	printf("rte_eal_init %s: %ld C++ allocations, %zu failed in turn: %u clean init "
	       "failures (ENOMEM), %u absorbed\n",
	       mode, calls, aims.size(), failed, absorbed);
	return TEST_SUCCESS;
}

static int
test_nothrow_eal_init(void)
{
	if (nothrow_eal_init({"--no-huge", "-m", "16", "--file-prefix=nt_init"}, "--no-huge") !=
	    TEST_SUCCESS)
		return TEST_FAILED;
	if (test_free_hugepages() < 16)
		TEST_SKIP("hugepage mode: fewer than 16 free 2 MB hugepages");
	return nothrow_eal_init({"-m", "8", "--file-prefix=nt_init_huge"}, "-m 8");
}

static int
child_nothrow(void)
{
	return TEST_SUCCESS; /* test.cpp's main armed and reported the init */
}
REGISTER_TEST_COMMAND(eal_nothrow_child, child_nothrow);

static const struct unit_test_case nothrow_cases[] = {TEST_CASE(test_nothrow_memory_entry_points),
						      TEST_CASE(test_nothrow_eal_init),
						      TEST_CASES_END()};

static const struct unit_test_suite nothrow_suite = {"no exception crosses the C API", nullptr,
						     nullptr, nothrow_cases};

static int
test_eal_nothrow(void)
{
	return unit_test_suite_runner(&nothrow_suite);
}

REGISTER_FAST_TEST(eal_nothrow_autotest, NOHUGE_OK, ASAN_OK, test_eal_nothrow);
