/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Registry of the named object lists (rte_tailq.h).
 *
 * The heads live in a fixed table in this file rather than in memory set up
 * by rte_eal_init(): registrations run in constructors before main(), and
 * ring/mempool code may create and look up objects on lists at any time
 * after that. The table is zero-initialised static data, so it is usable
 * from the very first constructor regardless of initialisation order.
 *
 * A slot is taken by a registration and never given back (libraries stay
 * loaded for the life of the process), so a head pointer handed out stays
 * valid forever. registry_lock serialises registrations and lookups;
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

#include "eal_log_macros.h"

namespace {

struct registry {
	struct rte_tailq_head heads[RTE_MAX_TAILQ];
	struct rte_tailq_elem *owner[RTE_MAX_TAILQ]; /* who registered each slot */
	unsigned int used;
};

/* constant-initialised: both are ready before any constructor runs */
registry reg;
std::mutex registry_lock;

/* slot holding @p name, or -1; caller holds registry_lock */
int
find_slot(const char *name)
{
	for (unsigned int i = 0; i < reg.used; i++)
		if (strncmp(reg.heads[i].name, name, RTE_TAILQ_NAMESIZE) == 0)
			return (int)i;
	return -1;
}

} // namespace

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

	std::lock_guard<std::mutex> guard(registry_lock);
	int slot = find_slot(t->name);
	if (slot >= 0) {
		if (reg.owner[slot] == t) {
			t->head = &reg.heads[slot];
			return 0;
		}
		EAL_LOG(ERR, "tailq %s: already registered by another library; "
			"list names must be unique", t->name);
		rte_errno = EEXIST;
		return -1;
	}
	if (reg.used == RTE_MAX_TAILQ) {
		EAL_LOG(ERR, "tailq %s: all %d lists in use; raise RTE_MAX_TAILQ",
			t->name, RTE_MAX_TAILQ);
		rte_errno = ENOSPC;
		return -1;
	}
	struct rte_tailq_head *head = &reg.heads[reg.used];
	TAILQ_INIT(&head->tailq_head);
	memcpy(head->name, t->name, len + 1);
	reg.owner[reg.used] = t;
	reg.used++;
	t->head = head;
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
	return &reg.heads[slot];
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
		used = reg.used;
	}
	rte_mcfg_tailq_read_lock();
	for (unsigned int i = 0; i < used; i++) {
		const struct rte_tailq_head *h = &reg.heads[i];
		unsigned int n = 0;
		const struct rte_tailq_entry *e;
		TAILQ_FOREACH(e, &h->tailq_head, next)
			n++;
		fprintf(f, "tailq %u: name <%s>, %u entries, first %p, last %p\n", i,
			h->name, n, (void *)h->tailq_head.tqh_first,
			(void *)h->tailq_head.tqh_last);
	}
	rte_mcfg_tailq_read_unlock();
}
