/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * lcores_autotest: the lcore table seen from the main thread, from plain
 * std::threads and from registered non-EAL threads, lcore callbacks,
 * thread names and control threads. The suite runs in this process
 * (however many lcores it has) and again in a child with six lcores sharing
 * one CPU, so it always meets several of them.
 */

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_per_lcore.h>

#include "test.h"
#include "test_lcore_util.h"

using namespace lcore_test;

namespace {

unsigned int
enabled_count()
{
	unsigned int n = 0, lcore;
	RTE_LCORE_FOREACH(lcore)
	n++;
	return n;
}

/* ---- lcores_autotest ---- */

int
test_lcores_main_thread_is_main_lcore(void)
{
	unsigned int main_lcore = rte_get_main_lcore();
	TEST_ASSERT_EQUAL(rte_lcore_id(), main_lcore, "the test runs on the main thread");
	TEST_ASSERT(rte_lcore_is_enabled(main_lcore), "main lcore not enabled");
	TEST_ASSERT_EQUAL(rte_eal_lcore_role(main_lcore), ROLE_RTE, "main lcore role");
	TEST_ASSERT_EQUAL(rte_lcore_has_role(main_lcore, ROLE_RTE), 1, "has_role RTE");
	TEST_ASSERT_EQUAL(rte_lcore_has_role(main_lcore, ROLE_NON_EAL), 0, "has_role NON_EAL");
	TEST_ASSERT(rte_lcore_index(-1) >= 0, "index of the calling lcore");
	TEST_ASSERT_EQUAL(rte_lcore_index(-1), rte_lcore_index((int)main_lcore), "index(-1)");
	TEST_ASSERT(rte_lcore_to_cpu_id(-1) >= 0, "cpu id of the main lcore");
	/* main lcore is the lowest enabled one unless --main-lcore said otherwise */
	TEST_ASSERT(rte_lcore_is_enabled(main_lcore), "main enabled");
	/* the main thread is pinned to its lcore's CPUs */
	rte_cpuset_t mine, expected = rte_lcore_cpuset(main_lcore);
	rte_thread_get_affinity(&mine);
	TEST_ASSERT(CPU_EQUAL(&mine, &expected), "main thread affinity differs from its lcore");
	return TEST_SUCCESS;
}

int
test_lcores_foreach_matches_count(void)
{
	unsigned int n = enabled_count();
	TEST_ASSERT_EQUAL(n, rte_lcore_count(), "FOREACH vs rte_lcore_count()");
	TEST_ASSERT_EQUAL(worker_count(), n - 1, "FOREACH_WORKER skips only the main lcore");
	std::vector<bool> seen(n, false);
	unsigned int lcore;
	RTE_LCORE_FOREACH(lcore)
	{
		int idx = rte_lcore_index((int)lcore);
		TEST_ASSERT(idx >= 0 && (unsigned int)idx < n, "index %d of lcore %u", idx, lcore);
		TEST_ASSERT(!seen[idx], "index %d given twice", idx);
		seen[idx] = true;
		TEST_ASSERT(rte_lcore_to_cpu_id((int)lcore) >= 0, "cpu id of lcore %u", lcore);
		rte_cpuset_t s = rte_lcore_cpuset(lcore);
		TEST_ASSERT(CPU_COUNT(&s) > 0, "lcore %u has no CPU", lcore);
	}
	return TEST_SUCCESS;
}

int
test_lcores_next_lcore_wraps_and_ends(void)
{
	unsigned int first = rte_get_next_lcore(-1, 0, 0);
	TEST_ASSERT(first < RTE_MAX_LCORE, "no first lcore");
	TEST_ASSERT_EQUAL(rte_get_next_lcore(RTE_MAX_LCORE - 1, 0, 0), (unsigned int)RTE_MAX_LCORE,
			  "no wrap: past the end");
	TEST_ASSERT_EQUAL(rte_get_next_lcore(RTE_MAX_LCORE - 1, 0, 1), first, "wrap to the first");
	unsigned int last = first, lcore;
	RTE_LCORE_FOREACH(lcore)
	last = lcore;
	TEST_ASSERT_EQUAL(rte_get_next_lcore(last, 0, 1), first, "wrap after the last");
	if (worker_count() == 0)
		TEST_ASSERT_EQUAL(rte_get_next_lcore(-1, 1, 1), (unsigned int)RTE_MAX_LCORE,
				  "skip_main+wrap with no worker must end");
	else
		TEST_ASSERT(rte_get_next_lcore(-1, 1, 1) != rte_get_main_lcore(), "skip_main");
	return TEST_SUCCESS;
}

int
test_lcores_bad_ids_are_harmless(void)
{
	TEST_ASSERT_EQUAL(rte_eal_lcore_role(RTE_MAX_LCORE), ROLE_OFF, "role");
	TEST_ASSERT_EQUAL(rte_eal_lcore_role(UINT_MAX), ROLE_OFF, "role of LCORE_ID_ANY");
	TEST_ASSERT_EQUAL(rte_lcore_has_role(RTE_MAX_LCORE, ROLE_RTE), -EINVAL, "has_role");
	TEST_ASSERT_EQUAL(rte_lcore_index(RTE_MAX_LCORE), -1, "index");
	TEST_ASSERT_EQUAL(rte_lcore_to_cpu_id(RTE_MAX_LCORE), -1, "cpu id");
	TEST_ASSERT_EQUAL(rte_lcore_is_enabled(RTE_MAX_LCORE), 0, "enabled");
	TEST_ASSERT_EQUAL(rte_lcore_to_socket_id(RTE_MAX_LCORE), 0u, "socket");
	rte_cpuset_t s = rte_lcore_cpuset(RTE_MAX_LCORE);
	TEST_ASSERT_EQUAL(CPU_COUNT(&s), 0, "cpuset");
	unsigned int off = first_off_lcore();
	TEST_ASSERT(off < RTE_MAX_LCORE, "no unused lcore id");
	TEST_ASSERT_EQUAL(rte_lcore_index((int)off), -1, "index of unused lcore %u", off);
	TEST_ASSERT_EQUAL(rte_lcore_to_cpu_id((int)off), -1, "cpu of unused lcore %u", off);
	s = rte_lcore_cpuset(off);
	TEST_ASSERT_EQUAL(CPU_COUNT(&s), 0, "cpuset of unused lcore");
	return TEST_SUCCESS;
}

int
test_lcores_sockets_come_from_sysfs(void)
{
	unsigned int n = rte_socket_count();
	TEST_ASSERT(n >= 1, "no socket");
	for (unsigned int i = 0; i < n; i++)
		TEST_ASSERT(rte_socket_id_by_idx(i) >= 0 &&
				    rte_socket_id_by_idx(i) < RTE_MAX_NUMA_NODES,
			    "socket %u", i);
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_socket_id_by_idx(n), -1, "index past the end");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");

	/* the main lcore's socket is the node of its (first) CPU */
	unsigned int main_lcore = rte_get_main_lcore();
	rte_cpuset_t s = rte_lcore_cpuset(main_lcore);
	unsigned int cpu = 0;
	while (!CPU_ISSET(cpu, &s))
		cpu++;
	unsigned int node = 0;
	for (unsigned int nd = 0; nd < RTE_MAX_NUMA_NODES; nd++) {
		char path[96];
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/node%u", cpu, nd);
		if (access(path, F_OK) == 0)
			node = nd;
	}
	TEST_ASSERT_EQUAL(rte_lcore_to_socket_id(main_lcore), node, "socket of CPU %u", cpu);
	TEST_ASSERT_EQUAL(rte_socket_id(), node, "rte_socket_id() on the main thread");
	return TEST_SUCCESS;
}

int
test_lcores_plain_thread_has_no_lcore(void)
{
	unsigned int id = 0, socket = 0;
	int index = 0, cpu = 0;
	on_thread([&] {
		id = rte_lcore_id();
		index = rte_lcore_index(-1);
		cpu = rte_lcore_to_cpu_id(-1);
		socket = rte_socket_id();
	});
	TEST_ASSERT_EQUAL(id, (unsigned int)LCORE_ID_ANY, "lcore id");
	TEST_ASSERT_EQUAL(index, -1, "index");
	TEST_ASSERT_EQUAL(cpu, -1, "cpu id");
	TEST_ASSERT_EQUAL(socket, (unsigned int)UINT_MAX, "socket (SOCKET_ID_ANY)");
	return TEST_SUCCESS;
}

int
test_lcores_register_and_unregister(void)
{
	unsigned int before = rte_lcore_count();
	int ret = -1, again = -1;
	unsigned int id = LCORE_ID_ANY, id_again = 0, after_unreg = 0, count_in = 0;
	enum rte_lcore_role_t role = ROLE_OFF;
	int enabled = 1, index = 0;
	on_thread([&] {
		ret = rte_thread_register();
		id = rte_lcore_id();
		role = rte_eal_lcore_role(id);
		count_in = rte_lcore_count();
		enabled = rte_lcore_is_enabled(id);
		index = rte_lcore_index(-1);
		again = rte_thread_register();
		id_again = rte_lcore_id();
		rte_thread_unregister();
		after_unreg = rte_lcore_id();
		rte_thread_unregister(); /* twice: harmless */
	});
	TEST_ASSERT_EQUAL(ret, 0, "register");
	TEST_ASSERT(id < RTE_MAX_LCORE, "registered thread got id %u", id);
	TEST_ASSERT_EQUAL(role, ROLE_NON_EAL, "role");
	TEST_ASSERT_EQUAL(count_in, before + 1, "count while registered");
	TEST_ASSERT_EQUAL(enabled, 0, "a non-EAL lcore is not 'enabled'");
	TEST_ASSERT_EQUAL(index, -1, "a non-EAL lcore has no index");
	TEST_ASSERT_EQUAL(again, 0, "second register");
	TEST_ASSERT_EQUAL(id_again, id, "second register keeps the id");
	TEST_ASSERT_EQUAL(after_unreg, (unsigned int)LCORE_ID_ANY, "id after unregister");
	TEST_ASSERT_EQUAL(rte_lcore_count(), before, "count after unregister");
	TEST_ASSERT_EQUAL(rte_eal_lcore_role(id), ROLE_OFF, "role after unregister");
	/* unregistering an EAL thread does nothing */
	rte_thread_unregister();
	TEST_ASSERT_EQUAL(rte_lcore_id(), rte_get_main_lcore(), "main lost its lcore");
	return TEST_SUCCESS;
}

int
test_lcores_register_until_exhausted(void)
{
	unsigned int before = rte_lcore_count();
	unsigned int room = RTE_MAX_LCORE - before;
	std::atomic<unsigned int> ok{0}, failed{0}, done{0};
	std::atomic<int> fail_errno{0};
	std::atomic<bool> release{false};
	std::vector<std::thread> threads;
	for (unsigned int i = 0; i < room + 2; i++)
		threads.emplace_back([&] {
			if (rte_thread_register() == 0) {
				ok++;
			} else {
				failed++;
				fail_errno = rte_errno;
			}
			done++;
			while (!release.load())
				std::this_thread::sleep_for(std::chrono::milliseconds(1));
			rte_thread_unregister();
		});
	while (done.load() < room + 2)
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	unsigned int full = rte_lcore_count();
	release = true;
	for (auto &t : threads)
		t.join();
	TEST_ASSERT_EQUAL(ok.load(), room, "registrations that fit");
	TEST_ASSERT_EQUAL(failed.load(), 2u, "registrations beyond RTE_MAX_LCORE");
	TEST_ASSERT_EQUAL(fail_errno.load(), ENOMEM, "rte_errno when full");
	TEST_ASSERT_EQUAL(full, (unsigned int)RTE_MAX_LCORE, "count when full");
	TEST_ASSERT_EQUAL(rte_lcore_count(), before, "count after all unregistered");
	return TEST_SUCCESS;
}

struct cb_log {
	std::atomic<int> inits{0};
	std::atomic<int> uninits{0};
	std::atomic<unsigned int> last_init{LCORE_ID_ANY};
	unsigned int refuse_from = RTE_MAX_LCORE; /* refuse lcores >= this */
	bool refuse_non_eal = false;
};

int
cb_init(unsigned int lcore, void *arg)
{
	auto *log = static_cast<cb_log *>(arg);
	if (lcore >= log->refuse_from)
		return -1;
	if (log->refuse_non_eal && rte_eal_lcore_role(lcore) == ROLE_NON_EAL)
		return -1;
	log->inits++;
	log->last_init = lcore;
	return 0;
}

void
cb_uninit(unsigned int, void *arg)
{
	static_cast<cb_log *>(arg)->uninits++;
}

int
test_lcores_callbacks_follow_lcores(void)
{
	int n = (int)rte_lcore_count();
	cb_log log;
	void *h = rte_lcore_callback_register("test", cb_init, cb_uninit, &log);
	TEST_ASSERT_NOT_NULL(h, "register");
	TEST_ASSERT_EQUAL(log.inits.load(), n, "init for every lcore in use");

	unsigned int id = LCORE_ID_ANY;
	int inits_seen = 0, uninits_seen = 0;
	on_thread([&] {
		rte_thread_register();
		id = rte_lcore_id();
		inits_seen = log.inits;
		rte_thread_unregister();
		uninits_seen = log.uninits;
	});
	TEST_ASSERT_EQUAL(inits_seen, n + 1, "init for the registered thread");
	TEST_ASSERT_EQUAL(log.last_init.load(), id, "init got the new lcore id");
	TEST_ASSERT_EQUAL(uninits_seen, 1, "uninit at unregister");

	rte_lcore_callback_unregister(h);
	TEST_ASSERT_EQUAL(log.uninits.load(), 1 + n, "uninit for every lcore at unregister");
	rte_lcore_callback_unregister(nullptr); /* ignored */

	TEST_ASSERT_NULL(rte_lcore_callback_register(nullptr, cb_init, cb_uninit, &log),
			 "NULL name");
	/* NULL callbacks are allowed */
	h = rte_lcore_callback_register("empty", nullptr, nullptr, nullptr);
	TEST_ASSERT_NOT_NULL(h, "callbacks may be NULL");
	rte_lcore_callback_unregister(h);
	return TEST_SUCCESS;
}

int
test_lcores_callback_refusals(void)
{
	/* refusing an existing lcore: registration fails, done inits undone */
	unsigned int last = 0, lcore;
	RTE_LCORE_FOREACH(lcore)
	last = lcore;
	cb_log refuse;
	refuse.refuse_from = last;
	TEST_ASSERT_NULL(rte_lcore_callback_register("refuse", cb_init, cb_uninit, &refuse),
			 "a refusing init must fail the registration");
	TEST_ASSERT_EQUAL(refuse.inits.load(), refuse.uninits.load(), "inits not undone");

	/* refusing a new non-EAL thread: rte_thread_register() fails */
	cb_log log;
	log.refuse_non_eal = true;
	void *h = rte_lcore_callback_register("no-non-eal", cb_init, cb_uninit, &log);
	TEST_ASSERT_NOT_NULL(h, "register");
	cb_log second;
	void *h2 = rte_lcore_callback_register("second", cb_init, cb_uninit, &second);
	TEST_ASSERT_NOT_NULL(h2, "register second");
	unsigned int before = rte_lcore_count();
	int ret = 0, err = 0;
	unsigned int id = 0;
	on_thread([&] {
		ret = rte_thread_register();
		err = rte_errno;
		id = rte_lcore_id();
	});
	int second_inits = second.inits, second_uninits = second.uninits;
	rte_lcore_callback_unregister(h2);
	rte_lcore_callback_unregister(h);
	TEST_ASSERT_EQUAL(ret, -1, "register must fail");
	TEST_ASSERT_EQUAL(err, ENOMEM, "rte_errno");
	TEST_ASSERT_EQUAL(id, (unsigned int)LCORE_ID_ANY, "no lcore id after refusal");
	TEST_ASSERT_EQUAL(rte_lcore_count(), before, "count unchanged");
	/* "second" comes after the refusing callback: it never saw the thread */
	TEST_ASSERT_EQUAL(second_inits, (int)before, "second callback inits");
	TEST_ASSERT_EQUAL(second_uninits, 0, "second callback uninits");
	return TEST_SUCCESS;
}

int
count_cb(unsigned int, void *arg)
{
	(*static_cast<int *>(arg))++;
	return 0;
}

int
stop_cb(unsigned int lcore, void *)
{
	return (int)lcore + 1000;
}

int
test_lcores_iterate_and_dump(void)
{
	int n = 0;
	TEST_ASSERT_EQUAL(rte_lcore_iterate(count_cb, &n), 0, "iterate");
	TEST_ASSERT_EQUAL(n, (int)rte_lcore_count(), "iterate visits every lcore in use");
	TEST_ASSERT_EQUAL(rte_lcore_iterate(stop_cb, nullptr),
			  (int)rte_get_next_lcore(-1, 0, 0) + 1000, "first non-zero return stops");
	TEST_ASSERT_EQUAL(rte_lcore_iterate(nullptr, nullptr), -EINVAL, "NULL callback");

	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	TEST_ASSERT_NOT_NULL(f, "open_memstream");
	rte_lcore_dump(f);
	fclose(f);
	std::string out(buf, len);
	free(buf);
	std::string main_line = "lcore " + std::to_string(rte_get_main_lcore()) +
				": role RTE (main)";
	TEST_ASSERT(out.find(main_line) != std::string::npos, "dump: %s", out.c_str());
	rte_lcore_dump(nullptr); /* ignored */
	return TEST_SUCCESS;
}

int
test_lcores_thread_names(void)
{
	char name[64];
	pthread_t self = pthread_self();
	char old[64];
	TEST_ASSERT_SUCCESS(rte_thread_getname(self, old, sizeof(old)), "getname");
	TEST_ASSERT_SUCCESS(rte_thread_setname(self, "dpkit-a-name-longer-than-15"),
			    "a long name is truncated, not refused");
	TEST_ASSERT_SUCCESS(rte_thread_getname(self, name, sizeof(name)), "getname");
	TEST_ASSERT_EQUAL(std::string(name), std::string("dpkit-a-name-lo"), "truncated name");
	TEST_ASSERT(rte_thread_getname(self, name, 4) < 0, "a too small buffer fails");
	TEST_ASSERT_EQUAL(rte_thread_setname(self, nullptr), -EINVAL, "NULL name");
	TEST_ASSERT_EQUAL(rte_thread_getname(self, nullptr, 16), -EINVAL, "NULL buffer");
	rte_thread_setname(self, old);
	TEST_ASSERT_EQUAL(rte_gettid(), rte_sys_gettid(), "cached tid");
	TEST_ASSERT_EQUAL(rte_gettid(), (int)getpid(), "main thread tid is the pid");
	int other = 0;
	on_thread([&] { other = rte_gettid(); });
	TEST_ASSERT(other != rte_gettid() && other > 0, "another thread's tid %d", other);
	return TEST_SUCCESS;
}

struct ctrl_seen {
	unsigned int lcore;
	cpu_set_t cpus;
	char name[32];
};

void *
ctrl_fn(void *arg)
{
	auto *s = static_cast<ctrl_seen *>(arg);
	/* the name is set right after creation: wait for it */
	for (int i = 0; i < 1000; i++) {
		pthread_getname_np(pthread_self(), s->name, sizeof(s->name));
		if (strcmp(s->name, "dpkit-ctrl-t") == 0)
			break;
		usleep(1000);
	}
	s->lcore = rte_lcore_id();
	sched_getaffinity(0, sizeof(s->cpus), &s->cpus);
	return arg;
}

int
test_lcores_control_thread(void)
{
	ctrl_seen seen{};
	pthread_t t;
	TEST_ASSERT_SUCCESS(rte_ctrl_thread_create(&t, "dpkit-ctrl-t", nullptr, ctrl_fn, &seen),
			    "create");
	void *ret = nullptr;
	pthread_join(t, &ret);
	TEST_ASSERT_EQUAL(ret, (void *)&seen, "return value");
	TEST_ASSERT_EQUAL(seen.lcore, (unsigned int)LCORE_ID_ANY, "a control thread has no lcore");
	TEST_ASSERT_EQUAL(std::string(seen.name), std::string("dpkit-ctrl-t"), "name");
	TEST_ASSERT(CPU_COUNT(&seen.cpus) > 0, "affinity");
	/* it stays off the worker lcores' CPUs when there are others */
	cpu_set_t lcore_cpus;
	CPU_ZERO(&lcore_cpus);
	unsigned int lcore;
	RTE_LCORE_FOREACH(lcore)
	{
		rte_cpuset_t s = rte_lcore_cpuset(lcore);
		CPU_OR(&lcore_cpus, &lcore_cpus, &s);
	}
	cpu_set_t overlap;
	CPU_AND(&overlap, &lcore_cpus, &seen.cpus);
	if (CPU_COUNT(&overlap) != 0) {
		rte_cpuset_t main_cpus = rte_lcore_cpuset(rte_get_main_lcore());
		TEST_ASSERT(CPU_EQUAL(&seen.cpus, &main_cpus),
			    "a control thread on lcore CPUs must share the main lcore's");
	}
	TEST_ASSERT_EQUAL(rte_ctrl_thread_create(nullptr, "x", nullptr, ctrl_fn, &seen), -EINVAL,
			  "NULL thread");
	TEST_ASSERT_EQUAL(rte_ctrl_thread_create(&t, nullptr, nullptr, ctrl_fn, &seen), -EINVAL,
			  "NULL name");
	TEST_ASSERT_EQUAL(rte_ctrl_thread_create(&t, "x", nullptr, nullptr, &seen), -EINVAL,
			  "NULL start routine");
	return TEST_SUCCESS;
}

int
test_lcores_set_affinity_updates_socket(void)
{
	int ret = -1;
	unsigned int socket = 0;
	rte_cpuset_t want = rte_lcore_cpuset(rte_get_main_lcore()), got;
	CPU_ZERO(&got);
	on_thread([&] {
		ret = rte_thread_set_affinity(&want);
		socket = rte_socket_id();
		rte_thread_get_affinity(&got);
	});
	TEST_ASSERT_EQUAL(ret, 0, "set affinity");
	TEST_ASSERT(CPU_EQUAL(&want, &got), "affinity read back");
	TEST_ASSERT_EQUAL(socket, rte_lcore_to_socket_id(rte_get_main_lcore()), "socket follows");
	rte_cpuset_t empty;
	CPU_ZERO(&empty);
	on_thread([&] { ret = rte_thread_set_affinity(&empty); });
	TEST_ASSERT_EQUAL(ret, -1, "an empty set is refused");
	TEST_ASSERT_EQUAL(rte_thread_set_affinity(nullptr), -1, "NULL set");
	return TEST_SUCCESS;
}

const struct unit_test_case lcores_cases[] = {TEST_CASE(test_lcores_main_thread_is_main_lcore),
					      TEST_CASE(test_lcores_foreach_matches_count),
					      TEST_CASE(test_lcores_next_lcore_wraps_and_ends),
					      TEST_CASE(test_lcores_bad_ids_are_harmless),
					      TEST_CASE(test_lcores_sockets_come_from_sysfs),
					      TEST_CASE(test_lcores_plain_thread_has_no_lcore),
					      TEST_CASE(test_lcores_register_and_unregister),
					      TEST_CASE(test_lcores_register_until_exhausted),
					      TEST_CASE(test_lcores_callbacks_follow_lcores),
					      TEST_CASE(test_lcores_callback_refusals),
					      TEST_CASE(test_lcores_iterate_and_dump),
					      TEST_CASE(test_lcores_thread_names),
					      TEST_CASE(test_lcores_control_thread),
					      TEST_CASE(test_lcores_set_affinity_updates_socket),
					      TEST_CASES_END()};

const struct unit_test_suite lcores_suite = {"lcores", nullptr, nullptr, lcores_cases};

int
lcores_child(void)
{
	return unit_test_suite_runner(&lcores_suite);
}

int
test_lcores_in_child_with_six_lcores(void)
{
	std::string out;
	int rc = test_exec_self_lcores_on_main_cpu("lcores_child", "lcores", 6, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child with six lcores failed");
	return TEST_SUCCESS;
}

int
test_lcores(void)
{
	int ret = unit_test_suite_runner(&lcores_suite);
	const struct unit_test_case child_cases[] = {
		TEST_CASE(test_lcores_in_child_with_six_lcores), TEST_CASES_END()};
	const struct unit_test_suite child_suite = {"lcores in a child process", nullptr, nullptr,
						    child_cases};
	int ret2 = unit_test_suite_runner(&child_suite);
	return ret == TEST_FAILED || ret2 == TEST_FAILED ? TEST_FAILED : TEST_SUCCESS;
}

} // namespace

REGISTER_TEST_COMMAND(lcores_child, lcores_child);
REGISTER_FAST_TEST(lcores_autotest, NOHUGE_OK, ASAN_OK, test_lcores);
