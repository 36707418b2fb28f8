/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Splitting bulk memory work (first touch of new pages) over the CPUs the
 * EAL was given.
 *
 * Most of the time spent creating a large pool is the kernel zeroing pages
 * as they are first touched, one page after the other. That work is per
 * page and independent, so it scales with CPUs, and the application has
 * handed the EAL a set of CPUs (its lcores) that sit idle while it waits
 * for its pools. Short-lived threads, each pinned to one of those CPUs,
 * take a share each; the caller takes the first. Worker lcore threads are
 * not borrowed (launching work on them would need the main lcore), but
 * only the CPUs of lcores that are idle are used: an idle worker sleeps in
 * the kernel, so a pinned helper next to it costs nothing. A share whose
 * thread cannot be started is done by the caller.
 */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <vector>

#include <rte_launch.h>
#include <rte_lcore.h>

#include "eal_lent_cpus.h"
#include "eal_memory_private.h"

namespace dpkit::eal_detail {

namespace {

/* Runnable tasks in the whole system now (the caller included): the
 * fourth field of /proc/loadavg, "running/total"; 0 when unreadable. */
unsigned
runnable_tasks()
{
	int fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char buf[128];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	unsigned running = 0;
	if (sscanf(buf, "%*f %*f %*f %u/", &running) != 1)
		return 0;
	return running;
}

constexpr unsigned idle_samples = 3;
constexpr auto idle_sample_gap = std::chrono::microseconds(100);
constexpr auto idle_reuse_for = std::chrono::milliseconds(50);

/* Test hook (dpkit_bulk_work_test_ignore_load): every online CPU counts
 * as idle, so tests of the parallel and pipelined paths reach them on a
 * machine that other tests keep busy. */
std::atomic<bool> ignore_load{false};

/* A caller above the default priority (negative nice, or a real-time
 * policy) takes a CPU from any task at the default one, so to it the
 * runnable tasks of other programs do not make a CPU busy. The kernel does
 * not say at what priority those run; the default is what most do. */
bool
caller_outranks_default()
{
	int policy = sched_getscheduler(0);
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return true;
	errno = 0;
	int nice_value = getpriority(PRIO_PROCESS, 0); /* the calling thread's */
	return errno == 0 && nice_value < 0;
}

/*
 * How many online CPUs nothing else wants now: the online CPUs less the
 * runnable tasks besides the caller. Another program's busy loop is
 * runnable in every sample; a task waking for a moment (a kworker) is
 * not, so the fewest of a few samples counts. A helper thread put on a
 * CPU that something else keeps busy halves both and makes the whole
 * allocation slower than doing it alone, unless the caller outranks it.
 * The answer is reused for a moment: one pool creation asks once per
 * heap growth.
 */
unsigned
cpus_idle_now()
{
	using clock = std::chrono::steady_clock;
	long online_cpus = sysconf(_SC_NPROCESSORS_ONLN);
	const unsigned online = online_cpus < 1 ? 0 : (unsigned)online_cpus;
	if (ignore_load.load(std::memory_order_relaxed) || caller_outranks_default())
		return online > 1 ? online - 1 : 0;
	static std::atomic<long long> last_at{0};
	static std::atomic<unsigned> last_idle{0};
	long long now = clock::now().time_since_epoch().count();
	long long at = last_at.load(std::memory_order_acquire);
	if (at != 0 && now - at < std::chrono::nanoseconds(idle_reuse_for).count())
		return last_idle.load(std::memory_order_relaxed);

	unsigned fewest = UINT32_MAX;
	for (unsigned i = 0; i < idle_samples; i++) {
		if (i > 0)
			usleep((useconds_t)idle_sample_gap.count());
		unsigned r = runnable_tasks();
		if (r > 0)
			fewest = std::min(fewest, r);
	}
	unsigned idle = online;
	if (fewest != UINT32_MAX) /* unreadable: the lcore state alone decides */
		idle = idle > fewest ? idle - fewest : 0;
	last_idle.store(idle, std::memory_order_relaxed);
	last_at.store(now, std::memory_order_release);
	return idle;
}

/*
 * Distinct CPUs of the lcores that are free now, the caller's current CPU
 * (or @p lent_cpu, lent to it by another thread, when not -1) first. An lcore
 * running application code is left alone: it may be a busy-polling loop,
 * at real-time priority even, and a helper next to it would slow the
 * allocation down or never run at all. Free are the worker
 * lcores waiting for work (asleep, or not started yet during
 * rte_eal_init()) and the lcore of the calling thread. Of those, no more
 * are used than CPUs are idle now (cpus_idle_now()): the lcore state
 * says nothing of other programs.
 */
std::vector<unsigned>
lcore_cpus(int lent_cpu)
{
	rte_cpuset_t all;
	CPU_ZERO(&all);
	const unsigned self_lcore = rte_lcore_id();
	for (unsigned l = 0; l < RTE_MAX_LCORE; l++) {
		if (!rte_lcore_is_enabled(l))
			continue;
		bool idle = l == self_lcore ||
			    (l != rte_get_main_lcore() && rte_eal_get_lcore_state(l) == WAIT);
		if (!idle)
			continue;
		rte_cpuset_t s = rte_lcore_cpuset(l);
		CPU_OR(&all, &all, &s);
	}
	std::vector<unsigned> cpus;
	/* a lent CPU comes first: this thread runs there */
	int self = lent_cpu >= 0 ? lent_cpu : sched_getcpu();
	if (lent_cpu >= 0)
		CPU_SET((unsigned)lent_cpu, &all);
	if (self >= 0 && CPU_ISSET((unsigned)self, &all))
		cpus.push_back((unsigned)self);
	for (unsigned c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &all) && (int)c != self)
			cpus.push_back(c);
	/* measured only when there is a helper to leave out */
	if (cpus.size() > 1) {
		size_t usable = 1 + cpus_idle_now();
		if (cpus.size() > usable)
			cpus.resize(usable);
	}
	return cpus;
}

struct part {
	const std::function<void(unsigned, unsigned)> *fn;
	unsigned index, count;
};

void *
run_part(void *arg)
{
	const part *p = static_cast<const part *>(arg);
	(*p->fn)(p->index, p->count);
	return nullptr;
}

} // namespace

unsigned
parallel_parts(unsigned max_parts, const std::function<void(unsigned, unsigned)> &fn, int lent_cpu)
{
	std::vector<unsigned> cpus = lcore_cpus(lent_cpu);
	unsigned parts = std::max(1u, std::min(max_parts, (unsigned)cpus.size()));

	std::vector<part> all(parts);
	for (unsigned p = 0; p < parts; p++)
		all[p] = {&fn, p, parts};

	/* Each helper is created on its CPU: a thread created where the
	 * caller runs and moving itself afterwards may not get to run at all
	 * until the caller is done (an equal real-time priority never
	 * preempts, and the caller is usually pinned). */
	std::vector<pthread_t> helpers;
	helpers.reserve(parts);
	std::vector<bool> started(parts, false);
	for (unsigned p = 1; p < parts; p++) {
		pthread_attr_t attr;
		if (pthread_attr_init(&attr) != 0)
			continue;
		rte_cpuset_t one;
		CPU_ZERO(&one);
		CPU_SET(cpus[p], &one);
		pthread_t t;
		if (pthread_attr_setaffinity_np(&attr, sizeof(one), &one) == 0 &&
		    pthread_create(&t, &attr, run_part, &all[p]) == 0) {
			helpers.push_back(t);
			started[p] = true;
		}
		pthread_attr_destroy(&attr);
	}
	/* ours, then any part whose thread could not be started */
	for (unsigned p = 0; p < parts; p++)
		if (!started[p])
			fn(p, parts);
	for (pthread_t t : helpers)
		pthread_join(t, nullptr);
	return (unsigned)helpers.size() + 1;
}

unsigned
parallel_split(unsigned n, unsigned min_per_part, const std::function<void(unsigned, unsigned)> &fn)
{
	if (n == 0)
		return 0;
	unsigned max_parts = min_per_part > 0 ? std::max(1u, n / min_per_part) : n;
	return parallel_parts(
		std::min(max_parts, n),
		[&](unsigned p, unsigned parts) {
		fn((unsigned)((uint64_t)n * p / parts), (unsigned)((uint64_t)n * (p + 1) / parts));
		},
		-1);
}

} // namespace dpkit::eal_detail

namespace dpkit {

std::vector<unsigned>
bulk_work_cpus()
{
	return eal_detail::lcore_cpus(-1);
}

} // namespace dpkit

extern "C" unsigned int
dpkit_bulk_work_cpu_count(void)
{
	return (unsigned int)dpkit::bulk_work_cpus().size();
}

extern "C" void
dpkit_bulk_work_test_ignore_load(int on)
{
	dpkit::eal_detail::ignore_load.store(on != 0, std::memory_order_relaxed);
}
