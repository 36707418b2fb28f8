/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * memalloc_parallel_autotest: new pages are mapped on the CPUs of the idle
 * lcores at once (lib/eal/lcore/eal_parallel.cpp). Whatever threads did the
 * work, every page of a large reservation must be there, writable, with
 * the IOVA the memseg table says; freeing gives everything back; a worker
 * lcore busy with application code is left alone, the allocation still
 * completing while it runs; and when other threads keep every CPU busy,
 * the work stays on the caller's CPU.
 */

#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include <eal_lent_cpus.h>

#include "test.h"

namespace {

constexpr size_t kMB = 1024 * 1024;

/* Every page of the zone: writable, IOVA as the memseg says. */
int
check_zone(const rte_memzone *mz)
{
	const size_t pg = mz->hugepage_sz != 0 ? mz->hugepage_sz : 4096;
	char *p = static_cast<char *>(mz->addr);
	for (size_t off = 0; off < mz->len; off += pg) {
		char *a = p + off;
		/* first and last byte of each page */
		size_t last = RTE_MIN(off + pg, (size_t)mz->len) - off - 1;
		a[0] = 1;
		a[last] = 2;
		TEST_ASSERT(a[0] == 1 && a[last] == 2, "page at +%zu does not keep what is written",
			    off);
		const rte_memseg *ms = rte_mem_virt2memseg(a, nullptr);
		TEST_ASSERT_NOT_NULL(ms, "no memseg for +%zu", off);
		if (rte_eal_iova_mode() == RTE_IOVA_PA && ms->iova != RTE_BAD_IOVA)
			TEST_ASSERT_EQUAL(rte_mem_virt2iova(a),
					  ms->iova +
						  (rte_iova_t)((uintptr_t)a - (uintptr_t)ms->addr),
					  "IOVA of +%zu", off);
	}
	return TEST_SUCCESS;
}

unsigned
zone_count()
{
	unsigned n = 0;
	rte_memzone_walk([](const rte_memzone *, void *arg) { ++*static_cast<unsigned *>(arg); },
			 &n);
	return n;
}

int
reserve_check_free(const char *name, size_t len)
{
	unsigned zones_before = zone_count();
	rte_malloc_socket_stats before{};
	rte_malloc_get_socket_stats(rte_socket_id(), &before);
	const rte_memzone *mz = rte_memzone_reserve(name, len, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve %zu MB: %s", len / kMB, rte_strerror(rte_errno));
	int ret = check_zone(mz);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	TEST_ASSERT_EQUAL(zone_count(), zones_before, "memzone count back");
	rte_malloc_socket_stats after{};
	rte_malloc_get_socket_stats(rte_socket_id(), &after);
	TEST_ASSERT_EQUAL(after.heap_allocsz_bytes, before.heap_allocsz_bytes,
			  "allocated bytes back");
	return ret;
}

int
test_parallel_map_large(void)
{
	if (rte_lcore_count() < 2)
		TEST_SKIP("needs two lcores to split the work");
	return reserve_check_free("par_large", 96 * kMB);
}

std::atomic<bool> spin_stop{false};

int
spin(void *)
{
	while (!spin_stop.load(std::memory_order_relaxed))
		;
	return 0;
}

int
test_parallel_map_busy_worker(void)
{
	unsigned w = rte_get_next_lcore(-1, 1, 0);
	if (w >= RTE_MAX_LCORE)
		TEST_SKIP("needs a worker lcore");
	spin_stop = false;
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(spin, nullptr, w), "launch");
	int ret = reserve_check_free("par_busy", 48 * kMB);
	spin_stop = true;
	rte_eal_wait_lcore(w);
	return ret;
}

/* Busy threads that are not lcores (another program, to the EAL): one per
 * online CPU leaves none idle, so bulk work takes the caller's CPU alone
 * and the allocation still completes. */
int
test_parallel_map_loaded_machine(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	TEST_ASSERT(online >= 1, "online CPUs: %ld", online);
	errno = 0;
	int nice_value = getpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid));
	if (sched_getscheduler(0) != SCHED_OTHER || (errno == 0 && nice_value < 0))
		TEST_SKIP("runs above the default priority, where busy threads at the default "
			  "do not count");
	/* past the 50 ms for which an answer is reused */
	const auto settle = std::chrono::milliseconds(120);
	std::this_thread::sleep_for(settle);
	unsigned quiet = dpkit_bulk_work_cpu_count();
	std::atomic<bool> stop{false};
	std::vector<std::thread> hogs;
	for (long i = 0; i < online; i++)
		hogs.emplace_back([&] {
			while (!stop.load(std::memory_order_relaxed))
				;
		});
	std::this_thread::sleep_for(settle);
	unsigned loaded = dpkit_bulk_work_cpu_count();
	int ret = reserve_check_free("par_loaded", 48 * kMB);
	/* above the default priority the busy threads do not count: this
	 * thread would take their CPUs */
	unsigned outranking = 0;
	pid_t self = (pid_t)syscall(SYS_gettid);
	bool raised = setpriority(PRIO_PROCESS, (id_t)self, -5) == 0;
	if (raised) {
		outranking = dpkit_bulk_work_cpu_count();
		setpriority(PRIO_PROCESS, (id_t)self, 0);
	}
	stop = true;
	for (std::thread &t : hogs)
		t.join();
	printf("bulk work CPUs: %u before, %u with %ld busy threads, %u at nice -5\n", quiet,
	       loaded, online, outranking);
	TEST_ASSERT(quiet >= 1, "no CPU for bulk work on a quiet machine");
	TEST_ASSERT_EQUAL(loaded, 1u, "bulk work CPUs with every CPU busy");
	if (raised)
		TEST_ASSERT(outranking >= quiet,
			    "at nice -5 the busy threads (nice 0) still counted: %u CPUs, %u "
			    "before them",
			    outranking, quiet);
	return ret;
}

struct unit_test_case parallel_cases[] = {
	TEST_CASE(test_parallel_map_large), TEST_CASE(test_parallel_map_busy_worker),
	TEST_CASE(test_parallel_map_loaded_machine), TEST_CASES_END()};

const struct unit_test_suite parallel_suite = {"memalloc parallel", nullptr, nullptr,
					       parallel_cases};

int
test_memalloc_parallel(void)
{
	return unit_test_suite_runner(&parallel_suite);
}

} // namespace

REGISTER_FAST_TEST(memalloc_parallel_autotest, NOHUGE_SKIP, ASAN_OK, test_memalloc_parallel);
