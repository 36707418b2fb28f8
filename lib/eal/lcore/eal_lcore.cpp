/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The lcore table: one entry per lcore id with its role, CPUs, socket and
 * position in the lcore option. rte_eal_init() fills the ROLE_RTE entries
 * once; afterwards only non-EAL threads change it, taking a free id
 * (ROLE_OFF -> ROLE_NON_EAL) and giving it back. Roles and the count are
 * atomics so the query functions never lock; the other fields of an entry
 * are written before its role is published (release) and read after the
 * role is seen (acquire).
 *
 * Lcore callbacks and the iteration run under one recursive lock, so a
 * callback may itself call rte_thread_register() or rte_lcore_iterate().
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <atomic>
#include <list>
#include <mutex>
#include <string>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"

namespace dpkit::eal_detail {

namespace {

struct lcore_entry {
	std::atomic<int> role{ROLE_OFF};
	int core_index = -1; /* position in the lcore option; -1 if not ROLE_RTE */
	unsigned int socket = 0;
	int core_id = -1;
	rte_cpuset_t cpus;
};

struct lcore_callback {
	std::string name;
	rte_lcore_init_cb init;
	rte_lcore_uninit_cb uninit;
	void *arg;
};

lcore_entry table[RTE_MAX_LCORE];
std::atomic<unsigned int> in_use{0};
unsigned int main_lcore_id = 0;
std::recursive_mutex lock;
std::list<lcore_callback *> callbacks;

enum rte_lcore_role_t
role_of(unsigned int lcore)
{
	return (enum rte_lcore_role_t)table[lcore].role.load(std::memory_order_acquire);
}

unsigned int
first_cpu(const rte_cpuset_t &set)
{
	for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			return cpu;
	return CPU_SETSIZE;
}

/* Fill the non-role fields of an entry for lcore @p id running on @p cpus. */
void
describe(unsigned int id, const rte_cpuset_t &cpus, int core_index)
{
	lcore_entry &e = table[id];
	unsigned int cpu = first_cpu(cpus);
	e.cpus = cpus;
	e.core_index = core_index;
	e.socket = cpu < CPU_SETSIZE ? cpu_socket(cpu) : 0;
	e.core_id = cpu < CPU_SETSIZE ? cpu_core_id(cpu) : -1;
}

/* Run the init callbacks for @p lcore; on a refusal undo the ones that
 * ran. Returns the refusing callback or NULL. Called under the lock. */
lcore_callback *
init_callbacks(unsigned int lcore)
{
	for (auto it = callbacks.begin(); it != callbacks.end(); ++it) {
		lcore_callback *cb = *it;
		if (cb->init == nullptr || cb->init(lcore, cb->arg) == 0)
			continue;
		for (auto undo = callbacks.begin(); undo != it; ++undo)
			if ((*undo)->uninit != nullptr)
				(*undo)->uninit(lcore, (*undo)->arg);
		return cb;
	}
	return nullptr;
}

const char *
role_name(enum rte_lcore_role_t role)
{
	switch (role) {
	case ROLE_RTE: return "RTE";
	case ROLE_SERVICE: return "SERVICE";
	case ROLE_NON_EAL: return "NON_EAL";
	default: return "OFF";
	}
}

} // namespace

void
lcores_setup()
{
	std::lock_guard<std::recursive_mutex> g(lock);
	const internal_config &c = config();
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		rte_cpuset_t own;
		CPU_ZERO(&own);
		if (cpu_present(id))
			CPU_SET(id, &own);
		/* unused lcores describe the CPU of the same number, so that
		 * rte_lcore_to_socket_id() stays meaningful for them */
		describe(id, own, -1);
		CPU_ZERO(&table[id].cpus);
		table[id].role.store(ROLE_OFF, std::memory_order_relaxed);
	}
	int index = 0;
	for (unsigned int id : c.lcore_list) {
		describe(id, c.lcore_cpus[id], index++);
		table[id].role.store(ROLE_RTE, std::memory_order_release);
	}
	main_lcore_id = c.main_lcore;
	in_use.store((unsigned int)c.lcore_list.size(), std::memory_order_release);
}

void
lcores_reset()
{
	std::lock_guard<std::recursive_mutex> g(lock);
	for (lcore_entry &e : table)
		e.role.store(ROLE_OFF, std::memory_order_relaxed);
	in_use.store(0, std::memory_order_release);
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

extern "C" {

enum rte_lcore_role_t
rte_eal_lcore_role(unsigned int lcore_id)
{
	return lcore_id < RTE_MAX_LCORE ? role_of(lcore_id) : ROLE_OFF;
}

int
rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return -EINVAL;
	return role_of(lcore_id) == role;
}

unsigned int
rte_get_main_lcore(void)
{
	return main_lcore_id;
}

unsigned int
rte_lcore_count(void)
{
	return in_use.load(std::memory_order_acquire);
}

int
rte_lcore_index(int lcore_id)
{
	if (lcore_id < 0)
		lcore_id = (int)rte_lcore_id(); /* LCORE_ID_ANY becomes -1 */
	if (lcore_id < 0 || lcore_id >= RTE_MAX_LCORE ||
	    role_of((unsigned int)lcore_id) != ROLE_RTE)
		return -1;
	return table[lcore_id].core_index;
}

unsigned int
rte_socket_count(void)
{
	return (unsigned int)present_sockets().size();
}

int
rte_socket_id_by_idx(unsigned int idx)
{
	const auto &sockets = present_sockets();
	if (idx >= sockets.size()) {
		rte_errno = EINVAL;
		return -1;
	}
	return (int)sockets[idx];
}

unsigned int
rte_lcore_to_socket_id(unsigned int lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return 0;
	return table[lcore_id].socket;
}

int
rte_lcore_to_cpu_id(int lcore_id)
{
	if (lcore_id < 0)
		lcore_id = (int)rte_lcore_id();
	if (lcore_id < 0 || lcore_id >= RTE_MAX_LCORE ||
	    role_of((unsigned int)lcore_id) == ROLE_OFF)
		return -1;
	return table[lcore_id].core_id;
}

rte_cpuset_t
rte_lcore_cpuset(unsigned int lcore_id)
{
	rte_cpuset_t set;
	CPU_ZERO(&set);
	if (lcore_id < RTE_MAX_LCORE && role_of(lcore_id) != ROLE_OFF)
		set = table[lcore_id].cpus;
	return set;
}

int
rte_lcore_is_enabled(unsigned int lcore_id)
{
	return lcore_id < RTE_MAX_LCORE && role_of(lcore_id) == ROLE_RTE;
}

unsigned int
rte_get_next_lcore(unsigned int i, int skip_main, int wrap)
{
	/* at most one full turn, so wrapping with no candidate terminates */
	for (unsigned int tries = 0; tries < RTE_MAX_LCORE; tries++) {
		i++;
		if (wrap)
			i %= RTE_MAX_LCORE;
		else if (i >= RTE_MAX_LCORE)
			return RTE_MAX_LCORE;
		if (rte_lcore_is_enabled(i) && !(skip_main && i == main_lcore_id))
			return i;
	}
	return RTE_MAX_LCORE;
}

int
rte_thread_register(void)
{
	if (!eal_running()) {
		EAL_LOG(ERR, "rte_thread_register: the EAL is not running; call "
			     "rte_eal_init() first");
		rte_errno = EINVAL;
		return -1;
	}
	if (rte_lcore_id() != LCORE_ID_ANY)
		return 0;

	const rte_cpuset_t &cpus = thread_cpus();
	std::lock_guard<std::recursive_mutex> g(lock);
	unsigned int id;
	for (id = 0; id < RTE_MAX_LCORE; id++)
		if (role_of(id) == ROLE_OFF)
			break;
	if (id == RTE_MAX_LCORE) {
		EAL_LOG(ERR,
			"rte_thread_register: all %d lcore ids are in use; unregister "
			"threads or rebuild with a larger max_lcores",
			RTE_MAX_LCORE);
		rte_errno = ENOMEM;
		return -1;
	}
	describe(id, cpus, -1);
	table[id].role.store(ROLE_NON_EAL, std::memory_order_release);
	in_use.fetch_add(1, std::memory_order_acq_rel);
	if (lcore_callback *refused = init_callbacks(id)) {
		EAL_LOG(ERR, "rte_thread_register: lcore callback '%s' refused lcore %u",
			refused->name.c_str(), id);
		table[id].role.store(ROLE_OFF, std::memory_order_release);
		in_use.fetch_sub(1, std::memory_order_acq_rel);
		rte_errno = ENOMEM;
		return -1;
	}
	thread_set_identity(id, cpus);
	EAL_LOG(DEBUG, "non-EAL thread %d registered as lcore %u", rte_gettid(), id);
	return 0;
}

void
rte_thread_unregister(void)
{
	unsigned int id = rte_lcore_id();
	if (id >= RTE_MAX_LCORE || role_of(id) != ROLE_NON_EAL)
		return;
	std::lock_guard<std::recursive_mutex> g(lock);
	for (lcore_callback *cb : callbacks)
		if (cb->uninit != nullptr)
			cb->uninit(id, cb->arg);
	table[id].role.store(ROLE_OFF, std::memory_order_release);
	in_use.fetch_sub(1, std::memory_order_acq_rel);
	thread_set_identity(LCORE_ID_ANY, thread_cpus());
	EAL_LOG(DEBUG, "non-EAL thread %d released lcore %u", rte_gettid(), id);
}

void *
rte_lcore_callback_register(const char *name, rte_lcore_init_cb init, rte_lcore_uninit_cb uninit,
			    void *arg)
{
	if (name == nullptr) {
		EAL_LOG(ERR, "rte_lcore_callback_register: name must not be NULL");
		return nullptr;
	}
	auto *cb = new lcore_callback{name, init, uninit, arg};
	std::lock_guard<std::recursive_mutex> g(lock);
	if (init != nullptr) {
		for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
			if (role_of(id) == ROLE_OFF || init(id, arg) == 0)
				continue;
			EAL_LOG(ERR,
				"lcore callback '%s': init refused lcore %u; not "
				"registered",
				name, id);
			for (unsigned int undo = 0; undo < id && uninit != nullptr; undo++)
				if (role_of(undo) != ROLE_OFF)
					uninit(undo, arg);
			delete cb;
			return nullptr;
		}
	}
	callbacks.push_back(cb);
	return cb;
}

void
rte_lcore_callback_unregister(void *handle)
{
	if (handle == nullptr)
		return;
	std::lock_guard<std::recursive_mutex> g(lock);
	for (auto it = callbacks.begin(); it != callbacks.end(); ++it) {
		if (*it != handle)
			continue;
		lcore_callback *cb = *it;
		if (cb->uninit != nullptr)
			for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
				if (role_of(id) != ROLE_OFF)
					cb->uninit(id, cb->arg);
		callbacks.erase(it);
		delete cb;
		return;
	}
}

int
rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg)
{
	if (cb == nullptr)
		return -EINVAL;
	std::lock_guard<std::recursive_mutex> g(lock);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		if (role_of(id) == ROLE_OFF)
			continue;
		int ret = cb(id, arg);
		if (ret != 0)
			return ret;
	}
	return 0;
}

void
rte_lcore_dump(FILE *f)
{
	if (f == nullptr)
		return;
	std::lock_guard<std::recursive_mutex> g(lock);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		enum rte_lcore_role_t role = role_of(id);
		if (role == ROLE_OFF)
			continue;
		fprintf(f, "lcore %u: role %s%s, socket %u, cpuset %s, index %d\n", id,
			role_name(role), role == ROLE_RTE && id == main_lcore_id ? " (main)" : "",
			table[id].socket, cpuset_to_string(table[id].cpus).c_str(),
			table[id].core_index);
	}
}

} // extern "C"
