/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Registry of the named object lists (rte_tailq.h).
 *
 * The heads live in the memory configuration object (mcfg(), usable from
 * the first constructor), so that a secondary process sees the primary's
 * lists: when it attaches, tailqs_attach() points every element this
 * process registered at the primary's head of the same name. Which element
 * registered a slot is per process (owners below).
 *
 * A slot is taken by a registration and never given back (libraries stay
 * loaded for the life of the process), so a head pointer handed out stays
 * valid forever. The tailq write lock guards the slot table (shared with
 * other processes), registry_lock this process's owners;
 * the lists' contents are guarded by their users with
 * rte_mcfg_tailq_write_lock() (rte_dump_tailq reads them under the read
 * lock).
 */

#include <errno.h>
#include <string.h>

#include <mutex>

#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_tailq.h>

#include "eal_fault.h" /* DPKIT_FAULT: 0 unless -Dfault_injection=true */
#include "eal_log_macros.h"
#include "eal_memory_private.h"

using dpkit::eal_detail::mcfg;

namespace {

/* constant-initialised: ready before any constructor runs */
struct rte_tailq_elem *owners[RTE_MAX_TAILQ]; /* what this process registered */
unsigned int n_owners;
std::mutex registry_lock;

/* slot holding @p name, or -1; caller holds registry_lock */
int
find_slot(const char *name)
{
	auto &m = mcfg();
	for (unsigned int i = 0; i < m.tailq_used; i++)
		if (strncmp(m.tailq_heads[i].name, name, RTE_TAILQ_NAMESIZE) == 0)
			return (int)i;
	return -1;
}

/* The head called @p name, made if missing; caller holds registry_lock
 * and the tailq write lock. @return nullptr if all slots are taken. */
struct rte_tailq_head *
head_for(const char *name)
{
	auto &m = mcfg();
	int slot = find_slot(name);
	if (slot >= 0)
		return &m.tailq_heads[slot];
	if (m.tailq_used == RTE_MAX_TAILQ)
		return nullptr;
	struct rte_tailq_head *head = &m.tailq_heads[m.tailq_used];
	TAILQ_INIT(&head->tailq_head);
	snprintf(head->name, sizeof(head->name), "%s", name);
	m.tailq_used++;
	return head;
}

} // namespace

namespace dpkit::eal_detail {

int
tailqs_attach()
{
	/* lock order: the tailq lock, then registry_lock (rte_dump_tailq) */
	rte_mcfg_tailq_write_lock();
	std::unique_lock<std::mutex> guard(registry_lock);
	int ret = 0;
	for (unsigned int i = 0; i < n_owners; i++) {
		/* a fault stands for a primary whose table is full */
		struct rte_tailq_head *h = DPKIT_FAULT(ATTACH) ? nullptr
							       : head_for(owners[i]->name);
		if (h == nullptr) {
			EAL_LOG(ERR,
				"tailq %s: the primary uses all %d lists; raise RTE_MAX_TAILQ "
				"in both",
				owners[i]->name, RTE_MAX_TAILQ);
			ret = -ENOSPC;
			break;
		}
		owners[i]->head = h;
	}
	guard.unlock();
	rte_mcfg_tailq_write_unlock();
	return ret;
}

} // namespace dpkit::eal_detail

int
rte_eal_tailq_register(struct rte_tailq_elem *t)
{
	if (t == nullptr) {
		EAL_LOG(ERR, "tailq register: NULL element; pass a struct rte_tailq_elem");
		rte_errno = EINVAL;
		return -1;
	}
	size_t len = strnlen(t->name, RTE_TAILQ_NAMESIZE);
	if (len == 0 || len == RTE_TAILQ_NAMESIZE) {
		EAL_LOG(ERR, "tailq register: name %s; give a name of 1 to %d chars",
			len == 0 ? "is empty" : "is too long", RTE_TAILQ_NAMESIZE - 1);
		rte_errno = EINVAL;
		return -1;
	}

	/* lock order: the tailq lock, then registry_lock (rte_dump_tailq) */
	rte_mcfg_tailq_write_lock();
	std::unique_lock<std::mutex> guard(registry_lock);
	for (unsigned int i = 0; i < n_owners; i++) {
		if (strncmp(owners[i]->name, t->name, RTE_TAILQ_NAMESIZE) != 0)
			continue;
		bool same = owners[i] == t; /* then t->head is already set */
		guard.unlock();
		rte_mcfg_tailq_write_unlock();
		if (same)
			return 0;
		EAL_LOG(ERR,
			"tailq %s: already registered by another library; "
			"list names must be unique",
			t->name);
		rte_errno = EEXIST;
		return -1;
	}
	struct rte_tailq_head *head = n_owners < RTE_MAX_TAILQ ? head_for(t->name) : nullptr;
	if (head != nullptr) {
		owners[n_owners++] = t;
		t->head = head;
	}
	guard.unlock();
	rte_mcfg_tailq_write_unlock();
	if (head == nullptr) {
		EAL_LOG(ERR, "tailq %s: all %d lists in use; raise RTE_MAX_TAILQ", t->name,
			RTE_MAX_TAILQ);
		rte_errno = ENOSPC;
		return -1;
	}
	return 0;
}

struct rte_tailq_head *
rte_eal_tailq_lookup(const char *name)
{
	if (name == nullptr) {
		rte_errno = EINVAL;
		return nullptr;
	}
	std::lock_guard<std::mutex> guard(registry_lock);
	int slot = find_slot(name);
	if (slot < 0) {
		rte_errno = ENOENT;
		return nullptr;
	}
	return &mcfg().tailq_heads[slot];
}

void
rte_dump_tailq(FILE *f)
{
	if (f == nullptr)
		f = stdout;

	/* Heads are never removed, so the count read under registry_lock stays
	 * valid after it is released. The entries are walked under the tailq
	 * read lock their users write under; taking it without registry_lock
	 * held keeps one lock order (mcfg, then registry) for the whole EAL. */
	unsigned int used;
	{
		std::lock_guard<std::mutex> guard(registry_lock);
		used = mcfg().tailq_used;
	}
	rte_mcfg_tailq_read_lock();
	for (unsigned int i = 0; i < used; i++) {
		const struct rte_tailq_head *h = &mcfg().tailq_heads[i];
		unsigned int n = 0;
		const struct rte_tailq_entry *e;
		TAILQ_FOREACH(e, &h->tailq_head, next)
		n++;
		fprintf(f, "tailq %u: name <%s>, %u entries, first %p, last %p\n", i, h->name, n,
			(void *)h->tailq_head.tqh_first, (void *)h->tailq_head.tqh_last);
	}
	rte_mcfg_tailq_read_unlock();
}
