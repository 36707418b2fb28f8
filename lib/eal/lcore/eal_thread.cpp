/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What a thread knows about itself: its lcore id, the CPUs it may run on and
 * the socket they belong to, all in thread-local storage so the hot
 * accessors (rte_lcore_id(), rte_socket_id()) are plain loads. A thread
 * that never set them (a plain std::thread) reads LCORE_ID_ANY and
 * SOCKET_ID_ANY. Also here: thread names, control threads and affinity.
 */

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_thread.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"

RTE_DEFINE_PER_LCORE(unsigned, _lcore_id) = LCORE_ID_ANY;
RTE_DEFINE_PER_LCORE(int, _thread_id) = -1;

namespace dpkit::eal_detail {

namespace {

thread_local unsigned int tls_socket = socket_id_any;
thread_local bool tls_cpus_known = false;
thread_local rte_cpuset_t tls_cpus;

rte_cpuset_t main_saved_affinity;
bool main_pinned = false;

/* CPUs for control threads: allowed at start-up and not used by an lcore;
 * when lcores cover all of them, share the main lcore's. */
rte_cpuset_t
control_cpus()
{
	rte_cpuset_t set = startup_affinity();
	unsigned int lcore;
	RTE_LCORE_FOREACH(lcore)
	{
		rte_cpuset_t l = rte_lcore_cpuset(lcore);
		for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++)
			if (CPU_ISSET(cpu, &l))
				CPU_CLR(cpu, &set);
	}
	if (CPU_COUNT(&set) == 0)
		set = rte_lcore_cpuset(rte_get_main_lcore());
	if (CPU_COUNT(&set) == 0)
		set = startup_affinity();
	return set;
}

struct ctrl_start {
	void *(*fn)(void *);
	void *arg;
	rte_cpuset_t cpus;
	std::atomic<int> result{1}; /* 1 = not yet known, else 0 / -errno */
	std::atomic<int> refs{2};   /* creator and thread: the last one frees */

	void release()
	{
		if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
			delete this;
	}
};

void *
ctrl_thread_main(void *p)
{
	auto *s = static_cast<ctrl_start *>(p);
	int ret = -pthread_setaffinity_np(pthread_self(), sizeof(s->cpus), &s->cpus);
	void *(*fn)(void *) = s->fn;
	void *arg = s->arg;
	if (ret == 0)
		thread_set_identity(LCORE_ID_ANY, s->cpus);
	s->result.store(ret, std::memory_order_release);
	s->result.notify_one();
	s->release();
	if (ret != 0)
		return nullptr;
	return fn(arg);
}

} // namespace

void
thread_set_identity(unsigned int lcore_id, const rte_cpuset_t &cpus)
{
	RTE_PER_LCORE(_lcore_id) = lcore_id;
	tls_cpus = cpus;
	tls_cpus_known = true;
	tls_socket = cpuset_socket(cpus);
}

const rte_cpuset_t &
thread_cpus()
{
	if (!tls_cpus_known) {
		CPU_ZERO(&tls_cpus);
		pthread_getaffinity_np(pthread_self(), sizeof(tls_cpus), &tls_cpus);
		tls_cpus_known = true;
	}
	return tls_cpus;
}

int
main_thread_pin(unsigned int main_lcore, const rte_cpuset_t &cpus)
{
	pthread_t self = pthread_self();
	if (pthread_getaffinity_np(self, sizeof(main_saved_affinity), &main_saved_affinity) != 0)
		main_saved_affinity = startup_affinity();
	int ret = pthread_setaffinity_np(self, sizeof(cpus), &cpus);
	if (ret != 0) {
		EAL_LOG(ERR, "cannot pin the main thread to CPUs %s of lcore %u: %s",
			cpuset_to_string(cpus).c_str(), main_lcore, strerror(ret));
		return -ret;
	}
	main_pinned = true;
	thread_set_identity(main_lcore, cpus);
	return 0;
}

void
main_thread_unpin()
{
	if (!main_pinned)
		return;
	pthread_setaffinity_np(pthread_self(), sizeof(main_saved_affinity), &main_saved_affinity);
	main_pinned = false;
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

extern "C" {

int
rte_sys_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

unsigned int
rte_socket_id(void)
{
	return tls_socket;
}

int
rte_thread_set_affinity(rte_cpuset_t *cpusetp)
{
	if (cpusetp == nullptr)
		return -1;
	if (pthread_setaffinity_np(pthread_self(), sizeof(*cpusetp), cpusetp) != 0)
		return -1;
	thread_set_identity(rte_lcore_id(), *cpusetp);
	return 0;
}

void
rte_thread_get_affinity(rte_cpuset_t *cpusetp)
{
	if (cpusetp == nullptr)
		return;
	CPU_ZERO(cpusetp);
	if (pthread_getaffinity_np(pthread_self(), sizeof(*cpusetp), cpusetp) != 0)
		*cpusetp = thread_cpus();
}

int
rte_thread_setname(pthread_t id, const char *name)
{
	if (name == nullptr)
		return -EINVAL;
	char truncated[RTE_MAX_THREAD_NAME_LEN];
	snprintf(truncated, sizeof(truncated), "%s", name);
	return -pthread_setname_np(id, truncated);
}

int
rte_thread_getname(pthread_t id, char *name, size_t len)
{
	if (name == nullptr || len == 0)
		return -EINVAL;
	return -pthread_getname_np(id, name, len);
}

int
rte_ctrl_thread_create(pthread_t *thread, const char *name, const pthread_attr_t *attr,
		       void *(*start_routine)(void *), void *arg)
{
	if (thread == nullptr || name == nullptr || start_routine == nullptr) {
		EAL_LOG(ERR, "rte_ctrl_thread_create: thread, name and start_routine "
			     "must not be NULL");
		return -EINVAL;
	}
	auto *s = new ctrl_start{start_routine, arg, control_cpus()};
	int ret = pthread_create(thread, attr, ctrl_thread_main, s);
	if (ret != 0) {
		EAL_LOG(ERR, "control thread %s: cannot create: %s", name, strerror(ret));
		delete s; /* the thread never started: no other reference */
		return -ret;
	}
	/* wait until it is pinned, so the caller never sees it on a worker CPU */
	s->result.wait(1, std::memory_order_acquire);
	ret = s->result.load(std::memory_order_acquire);
	s->release();
	if (ret != 0) {
		EAL_LOG(ERR, "control thread %s: cannot set its CPU affinity: %s", name,
			strerror(-ret));
		pthread_join(*thread, nullptr);
		return ret;
	}
	rte_thread_setname(*thread, name);
	return 0;
}

} // extern "C"
