/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Named rings: rte_ring_create() places a ring in a memzone called
 * RTE_RING_MZ_PREFIX + name and adds it to the "RTE_RING" tail queue, so
 * rte_ring_lookup() can find it and rte_ring_free() can give the memzone
 * back. Every check that can fail runs before any memory is taken, and the
 * name is checked for uniqueness under the same write lock that inserts it,
 * so two threads creating the same name cannot both succeed.
 */

#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_tailq.h>

#include "ring_private.h"

TAILQ_HEAD(rte_ring_list, rte_tailq_entry);

static struct rte_tailq_elem rte_ring_tailq = {nullptr, {nullptr, nullptr}, RTE_TAILQ_RING_NAME};
EAL_REGISTER_TAILQ(rte_ring_tailq)

namespace {

rte_ring_list *
ring_list()
{
	return RTE_TAILQ_CAST(rte_ring_tailq.head, rte_ring_list);
}

/* Entry holding @p name, or NULL. Caller holds the tailq lock. */
rte_tailq_entry *
find_locked(const char *name)
{
	rte_tailq_entry *te;
	TAILQ_FOREACH(te, ring_list(), next)
	{
		auto *r = static_cast<struct rte_ring *>(te->data);
		if (strncmp(name, r->name, RTE_RING_NAMESIZE) == 0)
			return te;
	}
	return nullptr;
}

struct rte_ring *
fail(int err)
{
	rte_errno = err;
	return nullptr;
}

} // namespace

extern "C" struct rte_ring *
rte_ring_create_elem(const char *name, unsigned int esize, unsigned int count, int socket_id,
		     unsigned int flags)
{
	/* 1. Arguments, before any memory is taken. */
	if (name == nullptr) {
		RING_LOG(ERR, "rte_ring_create: name is NULL; give the ring a name");
		return fail(EINVAL);
	}
	if (strnlen(name, RTE_RING_NAMESIZE) >= RTE_RING_NAMESIZE) {
		RING_LOG(ERR, "ring %.*s...: name longer than %zu chars; use a shorter name",
			 (int)RTE_RING_NAMESIZE - 1, name, RTE_RING_NAMESIZE - 1);
		return fail(ENAMETOOLONG);
	}
	int ret = dpkit_ring_check_flags(name, flags);
	if (ret != 0)
		return fail(-ret);
	ret = dpkit_ring_check_esize(name, esize);
	if (ret != 0)
		return fail(-ret);
	uint32_t slots;
	ret = dpkit_ring_slot_count(name, count, flags, &slots);
	if (ret != 0)
		return fail(-ret);
	/* esize and slots are valid: this cannot fail */
	ssize_t bytes = rte_ring_get_memsize_elem(esize, slots);

	char mz_name[RTE_MEMZONE_NAMESIZE];
	snprintf(mz_name, sizeof(mz_name), "%s%s", RTE_RING_MZ_PREFIX, name);

	auto *te = static_cast<rte_tailq_entry *>(
		rte_zmalloc("RING_TAILQ_ENTRY", sizeof(rte_tailq_entry), 0));
	if (te == nullptr) {
		RING_LOG(ERR, "ring %s: no memory for its list entry; add memory", name);
		return fail(ENOMEM);
	}

	/* 2. Unique name, memory and insertion under one write lock. */
	rte_mcfg_tailq_write_lock();
	if (find_locked(name) != nullptr) {
		rte_mcfg_tailq_write_unlock();
		rte_free(te);
		RING_LOG(ERR,
			 "ring %s already exists; pick another name or "
			 "rte_ring_lookup() it",
			 name);
		return fail(EEXIST);
	}
	const struct rte_memzone *mz = rte_memzone_reserve_aligned(
		mz_name, (size_t)bytes, socket_id, 0, RTE_CACHE_LINE_SIZE);
	if (mz == nullptr) {
		/* the memzone layer has logged why, naming RG_<ring name>: one line is enough */
		int err = rte_errno;
		rte_mcfg_tailq_write_unlock();
		rte_free(te);
		return fail(err);
	}
	auto *r = static_cast<struct rte_ring *>(mz->addr);
	/* count and flags were validated above: init cannot fail now */
	rte_ring_init(r, name, count, flags);
	r->memzone = mz;
	te->data = r;
	TAILQ_INSERT_TAIL(ring_list(), te, next);
	rte_mcfg_tailq_write_unlock();
	return r;
}

extern "C" struct rte_ring *
rte_ring_create(const char *name, unsigned int count, int socket_id, unsigned int flags)
{
	return rte_ring_create_elem(name, sizeof(void *), count, socket_id, flags);
}

extern "C" void
rte_ring_free(struct rte_ring *r)
{
	if (r == nullptr)
		return;
	if (r->memzone == nullptr) {
		RING_LOG(ERR,
			 "ring %s was not made by rte_ring_create(); free its memory "
			 "yourself",
			 r->name);
		return;
	}
	rte_mcfg_tailq_write_lock();
	rte_tailq_entry *te;
	TAILQ_FOREACH(te, ring_list(), next)
	if (te->data == r)
		break;
	if (te == nullptr) {
		rte_mcfg_tailq_write_unlock();
		RING_LOG(ERR,
			 "ring %s is not in the ring list (freed twice?); "
			 "nothing done",
			 r->name);
		return;
	}
	TAILQ_REMOVE(ring_list(), te, next);
	const struct rte_memzone *mz = r->memzone;
	rte_mcfg_tailq_write_unlock();
	rte_memzone_free(mz);
	rte_free(te);
}

extern "C" struct rte_ring *
rte_ring_lookup(const char *name)
{
	if (name == nullptr)
		return fail(EINVAL);
	rte_mcfg_tailq_read_lock();
	rte_tailq_entry *te = find_locked(name);
	rte_mcfg_tailq_read_unlock();
	if (te == nullptr)
		return fail(ENOENT);
	return static_cast<struct rte_ring *>(te->data);
}

extern "C" void
rte_ring_list_dump(FILE *f)
{
	rte_mcfg_tailq_read_lock();
	rte_tailq_entry *te;
	TAILQ_FOREACH(te, ring_list(), next)
	rte_ring_dump(f, static_cast<struct rte_ring *>(te->data));
	rte_mcfg_tailq_read_unlock();
}
