/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Named lists of objects shared by the whole process (and, in DPDK, by
 * secondary processes): every ring, mempool, hash... is linked into the list
 * of its kind so that it can be found by name and dumped.
 *
 * A library declares its list with a struct rte_tailq_elem and
 * EAL_REGISTER_TAILQ(elem); the constructor that macro generates runs before
 * main() and fills elem.head, so the list can be used at once, before and
 * after rte_eal_init(). The entries are struct rte_tailq_entry, each pointing
 * at one object; code walks and edits the list with the <sys/queue.h> TAILQ_*
 * macros while holding rte_mcfg_tailq_write_lock() (read lock for lookups).
 */

#ifndef _RTE_TAILQ_H_
#define _RTE_TAILQ_H_

#pragma GCC visibility push(default)

#include <stdio.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One list entry: links plus the object it stands for. */
struct rte_tailq_entry {
	RTE_TAILQ_ENTRY(rte_tailq_entry) next; /**< list links */
	void *data;                            /**< the object (ring, mempool, ...) */
};

/** The list head type of struct rte_tailq_entry. */
RTE_TAILQ_HEAD(rte_tailq_entry_head, rte_tailq_entry);

/** Longest list name, terminating NUL included. */
#define RTE_TAILQ_NAMESIZE 32

/** A named list. */
struct rte_tailq_head {
	struct rte_tailq_entry_head tailq_head; /**< the list; must stay first */
	char name[RTE_TAILQ_NAMESIZE];          /**< the list's name */
};

/** What a library registers: its list's name, and where the head lands. */
struct rte_tailq_elem {
	struct rte_tailq_head *head;          /**< set by registration */
	RTE_TAILQ_ENTRY(rte_tailq_elem) next; /**< links of the registry */
	const char name[RTE_TAILQ_NAMESIZE];  /**< list name, set by the library */
};

/**
 * View a list head as a head of a library's own entry type (which must be
 * laid out like struct rte_tailq_entry_head, as TAILQ_HEAD types are).
 */
#define RTE_TAILQ_CAST(tailq_entry, struct_name) (struct struct_name *)&(tailq_entry)->tailq_head

/** Find a list by name, cast to struct_name; NULL if there is none. */
#define RTE_TAILQ_LOOKUP(name, struct_name) \
	__extension__({ \
		struct rte_tailq_head *_rte_tailq_h = rte_eal_tailq_lookup(name); \
		_rte_tailq_h == NULL ? NULL : RTE_TAILQ_CAST(_rte_tailq_h, struct_name); \
	})

/** Print every registered list with its first and last entries. */
void rte_dump_tailq(FILE *f);

/**
 * Find a registered list by name.
 * @return the head, or NULL (rte_errno = ENOENT; EINVAL for a NULL name).
 */
struct rte_tailq_head *rte_eal_tailq_lookup(const char *name);

/**
 * Register a list; normally done by EAL_REGISTER_TAILQ before main().
 * On success t->head points at the list, empty at first. Registering the
 * same element again is harmless and returns 0.
 * @return
 *   - 0: registered
 *   - -1: rte_errno = EINVAL (NULL, empty or unterminated name),
 *     EEXIST (this name is registered by another element),
 *     ENOSPC (all RTE_MAX_TAILQ lists are in use)
 */
int rte_eal_tailq_register(struct rte_tailq_elem *t);

/**
 * Register @p t when the program starts; a failure there is a programming
 * error (duplicate name, too many lists): the reason is logged and the
 * program panics, since the library could not work without its list.
 */
#define EAL_REGISTER_TAILQ(t) \
	RTE_INIT(tailqinitfn_##t) \
	{ \
		if (rte_eal_tailq_register(&(t)) < 0) \
			rte_panic("cannot register tailq %s\n", (t).name); \
	}

/** TAILQ_FOREACH that allows removing @p var while walking. */
#define RTE_TAILQ_FOREACH_SAFE(var, head, field, tvar) \
	for ((var) = RTE_TAILQ_FIRST((head)); (var) && ((tvar) = RTE_TAILQ_NEXT((var), field), 1); \
	     (var) = (tvar))

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_TAILQ_H_ */
