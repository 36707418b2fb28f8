/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Worker lcore threads and the launch protocol.
 *
 * Each worker owns a slot with two 32-bit atomics:
 *   state     WAIT or RUNNING. The launcher claims the worker by moving it
 *             WAIT -> RUNNING (compare-exchange, so two launchers cannot both
 *             win); the worker moves it back to WAIT after storing the
 *             function's return value.
 *   doorbell  bumped by the launcher after writing f/arg (release), and
 *             by cleanup after setting stop; the worker waits for it to
 *             change (acquire), then runs f if one is pending and leaves
 *             if stop is set.
 * Waiting first spins for a few microseconds, which keeps back-to-back
 * launches cheap, then sleeps in the kernel (futex through
 * std::atomic::wait), so idle workers cost no CPU. A notify is a system call
 * only when the other side actually sleeps.
 */

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <atomic>

#include <rte_common.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"

namespace dpkit::eal_detail {

namespace {

/* pause iterations before sleeping: a few microseconds on current CPUs */
constexpr unsigned int spin_iterations = 4096;

/* 0 when lcores share CPUs: spinning would only steal the CPU from the
 * thread being waited for */
unsigned int spin_before_sleep = spin_iterations;

struct alignas(64) worker_slot {
	std::atomic<uint32_t> state{WAIT};
	std::atomic<uint32_t> doorbell{0};
	lcore_function_t *f = nullptr;
	void *arg = nullptr;
	int ret = 0;
	bool started = false;
	std::atomic<bool> stop{false}; /* set before a doorbell: leave the loop */
	pthread_t thread{};
};

worker_slot slots[RTE_MAX_LCORE];

inline void
cpu_relax()
{
	__builtin_ia32_pause();
}

/* Wait until @p word no longer holds @p old; returns the new value. */
uint32_t
wait_change(std::atomic<uint32_t> &word, uint32_t old)
{
	uint32_t v;
	for (unsigned int i = 0; i < spin_before_sleep; i++) {
		v = word.load(std::memory_order_acquire);
		if (v != old)
			return v;
		cpu_relax();
	}
	for (;;) {
		word.wait(old, std::memory_order_acquire);
		v = word.load(std::memory_order_acquire);
		if (v != old)
			return v;
	}
}

void *
worker_main(void *p)
{
	auto *slot = static_cast<worker_slot *>(p);
	unsigned int lcore = (unsigned int)(slot - slots);
	thread_set_identity(lcore, rte_lcore_cpuset(lcore));

	uint32_t seen = 0;
	for (;;) {
		seen = wait_change(slot->doorbell, seen);
		/* A launch and the stop request may share one wake-up: run the
		 * launched function first, so a waiter always gets its result.
		 * f and arg were written before the doorbell (release). */
		lcore_function_t *fn = slot->f;
		if (fn != nullptr) {
			slot->f = nullptr;
			slot->ret = fn(slot->arg);
			/* pairs with the acquire loads in rte_eal_wait_lcore() */
			slot->state.store(WAIT, std::memory_order_release);
			slot->state.notify_all();
		}
		if (slot->stop.load(std::memory_order_acquire))
			break;
	}
	return nullptr;
}

void
ring_doorbell(worker_slot &slot)
{
	slot.doorbell.fetch_add(1, std::memory_order_release);
	slot.doorbell.notify_one();
}

bool
is_worker(unsigned int id)
{
	return id < RTE_MAX_LCORE && rte_lcore_is_enabled(id) && id != rte_get_main_lcore() &&
	       slots[id].started;
}

} // namespace

/* Whether two enabled lcores may run on the same CPU. */
static bool
lcores_share_cpus()
{
	rte_cpuset_t seen;
	CPU_ZERO(&seen);
	unsigned int lcore;
	RTE_LCORE_FOREACH(lcore)
	{
		rte_cpuset_t mine = rte_lcore_cpuset(lcore), both;
		CPU_AND(&both, &seen, &mine);
		if (CPU_COUNT(&both) != 0)
			return true;
		CPU_OR(&seen, &seen, &mine);
	}
	return false;
}

int
workers_start()
{
	unsigned int lcore;
	spin_before_sleep = lcores_share_cpus() ? 0 : spin_iterations;
	RTE_LCORE_FOREACH_WORKER(lcore)
	{
		worker_slot &slot = slots[lcore];
		slot.state.store(WAIT, std::memory_order_relaxed);
		slot.ret = 0;
		slot.f = nullptr;
		slot.stop.store(false, std::memory_order_relaxed);

		pthread_attr_t attr;
		pthread_attr_init(&attr);
		rte_cpuset_t cpus = rte_lcore_cpuset(lcore);
		pthread_attr_setaffinity_np(&attr, sizeof(cpus), &cpus);
		int ret = pthread_create(&slot.thread, &attr, worker_main, &slot);
		pthread_attr_destroy(&attr);
		if (ret != 0) {
			EAL_LOG(ERR, "cannot start the thread of lcore %u on CPUs %s: %s", lcore,
				cpuset_to_string(cpus).c_str(), strerror(ret));
			workers_stop();
			return -ret;
		}
		slot.started = true;
		char name[32]; /* "dpkit-lcore-127" fits the kernel's 15 characters */
		snprintf(name, sizeof(name), "dpkit-lcore-%u", lcore);
		rte_thread_setname(slot.thread, name);
	}
	return 0;
}

unsigned int
workers_stop()
{
	unsigned int left_running = 0;
	for (unsigned int lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
		worker_slot &slot = slots[lcore];
		if (!slot.started)
			continue;
		slot.started = false;
		/* launches are refused from now on (the EAL is no longer running);
		 * a worker busy with a function (perhaps the very thread calling
		 * rte_exit()) cannot be joined: it leaves its loop once the
		 * function returns */
		bool busy = slot.state.load(std::memory_order_acquire) != WAIT;
		slot.stop.store(true, std::memory_order_release);
		ring_doorbell(slot);
		if (busy) {
			EAL_LOG(WARNING,
				"lcore %u is still running its function at cleanup; "
				"its thread is left to finish on its own",
				lcore);
			pthread_detach(slot.thread);
			left_running++;
			continue;
		}
		pthread_join(slot.thread, nullptr);
	}
	return left_running;
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

extern "C" {

int
rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned worker_id)
{
	if (f == nullptr || !eal_running() || !is_worker(worker_id)) {
		EAL_LOG(ERR, "rte_eal_remote_launch: %s",
			f == nullptr ? "the function is NULL"
			: !eal_running()
				? "the EAL is not running"
				: "that lcore is not a worker lcore (see RTE_LCORE_FOREACH_WORKER)");
		return -EINVAL;
	}
	worker_slot &slot = slots[worker_id];
	uint32_t expected = WAIT;
	if (!slot.state.compare_exchange_strong(expected, RUNNING, std::memory_order_acq_rel))
		return -EBUSY;
	slot.f = f;
	slot.arg = arg;
	ring_doorbell(slot);
	return 0;
}

int
rte_eal_mp_remote_launch(lcore_function_t *f, void *arg, enum rte_rmt_call_main_t call_main)
{
	unsigned int lcore;
	if (f == nullptr || !eal_running()) {
		EAL_LOG(ERR, "rte_eal_mp_remote_launch: %s",
			f == nullptr ? "the function is NULL" : "the EAL is not running");
		return -EINVAL;
	}
	RTE_LCORE_FOREACH_WORKER(lcore)
	if (slots[lcore].state.load(std::memory_order_acquire) != WAIT)
		return -EBUSY;
	RTE_LCORE_FOREACH_WORKER(lcore)
	{
		int ret = rte_eal_remote_launch(f, arg, lcore);
		if (ret < 0)
			return ret; /* another thread launched there meanwhile */
	}
	if (call_main == CALL_MAIN) {
		worker_slot &main_slot = slots[rte_get_main_lcore()];
		main_slot.state.store(RUNNING, std::memory_order_relaxed);
		main_slot.ret = f(arg);
		main_slot.state.store(WAIT, std::memory_order_release);
	}
	return 0;
}

enum rte_lcore_state_t
rte_eal_get_lcore_state(unsigned int worker_id)
{
	if (worker_id >= RTE_MAX_LCORE)
		return WAIT;
	return (enum rte_lcore_state_t)slots[worker_id].state.load(std::memory_order_acquire);
}

int
rte_eal_wait_lcore(unsigned worker_id)
{
	if (worker_id >= RTE_MAX_LCORE)
		return -EINVAL;
	worker_slot &slot = slots[worker_id];
	uint32_t s = slot.state.load(std::memory_order_acquire);
	while (s != WAIT)
		s = wait_change(slot.state, s);
	return slot.ret;
}

void
rte_eal_mp_wait_lcore(void)
{
	unsigned int lcore;
	RTE_LCORE_FOREACH_WORKER(lcore)
	rte_eal_wait_lcore(lcore);
}

} // extern "C"
