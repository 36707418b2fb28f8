/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Logical cores (lcores). An lcore is an id below RTE_MAX_LCORE given to a
 * thread. rte_eal_init() enables the lcores named by -l/-c/--lcores (role
 * ROLE_RTE): the main lcore is the thread that called rte_eal_init(), every
 * other one is a worker thread pinned to the lcore's CPUs. Other threads have
 * no lcore (rte_lcore_id() == LCORE_ID_ANY) until they call
 * rte_thread_register(), which hands them a free id with role ROLE_NON_EAL.
 *
 * Each thread keeps its lcore id in thread-local storage, so rte_lcore_id()
 * is a plain load. The query functions below are lock-free reads of a table
 * that only changes when non-EAL threads register or unregister.
 */

#ifndef _RTE_LCORE_H_
#define _RTE_LCORE_H_

#pragma GCC visibility push(default)

#include <stdio.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_per_lcore.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_thread.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LCORE_ID_ANY UINT32_MAX /**< "no lcore": the id of unregistered threads */

RTE_DECLARE_PER_LCORE(unsigned, _lcore_id); /**< this thread's lcore id */

/** What an lcore id is used for. */
enum rte_lcore_role_t {
	ROLE_RTE,     /**< enabled by rte_eal_init(): main or worker lcore */
	ROLE_OFF,     /**< unused */
	ROLE_SERVICE, /**< service core (not used by dpkit) */
	ROLE_NON_EAL, /**< taken by a thread that called rte_thread_register() */
};

/** Role of @p lcore_id (ROLE_OFF for ids at or above RTE_MAX_LCORE). */
enum rte_lcore_role_t rte_eal_lcore_role(unsigned int lcore_id);

/**
 * @return
 *   - 1: @p lcore_id has @p role.
 *   - 0: it has another role.
 *   - -EINVAL: @p lcore_id is not below RTE_MAX_LCORE.
 */
int rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role);

/** Lcore id of the calling thread, or LCORE_ID_ANY if it has none. */
static inline unsigned
rte_lcore_id(void)
{
	return RTE_PER_LCORE(_lcore_id);
}

/** Id of the main lcore (the thread that ran rte_eal_init()). */
unsigned int rte_get_main_lcore(void);

/** Number of lcores in use: enabled ones plus registered non-EAL threads. */
unsigned int rte_lcore_count(void);

/**
 * Position of an enabled lcore in the lcore option, from 0: with "-l 22,18"
 * lcore 22 has index 0 and 18 has index 1; with -c, increasing id order.
 * @param lcore_id the lcore, or -1 for the calling thread's.
 * @return the index, or -1 if the lcore is not enabled by rte_eal_init().
 */
int rte_lcore_index(int lcore_id);

/** NUMA socket of the calling thread (SOCKET_ID_ANY if its CPUs span several). */
unsigned int rte_socket_id(void);

/** Number of NUMA sockets that have CPUs. */
unsigned int rte_socket_count(void);

/**
 * Socket id of the @p idx-th socket (0 <= idx < rte_socket_count()), in
 * increasing id order.
 * @return the socket id, or -1 with rte_errno = EINVAL for a bad @p idx.
 */
int rte_socket_id_by_idx(unsigned int idx);

/** NUMA socket of lcore @p lcore_id (of its first CPU). */
unsigned int rte_lcore_to_socket_id(unsigned int lcore_id);

/**
 * Physical core id (sysfs topology/core_id) of the lcore's first CPU.
 * @param lcore_id the lcore, or -1 for the calling thread's.
 * @return the core id, or -1 if the lcore is not in use.
 */
int rte_lcore_to_cpu_id(int lcore_id);

#ifdef RTE_HAS_CPUSET
/** CPUs lcore @p lcore_id runs on (empty set for unused lcores). */
rte_cpuset_t rte_lcore_cpuset(unsigned int lcore_id);
#endif

/** 1 if @p lcore_id was enabled by rte_eal_init() (role ROLE_RTE), else 0. */
int rte_lcore_is_enabled(unsigned int lcore_id);

/**
 * Next enabled lcore after @p i.
 * @param i previous lcore; (unsigned)-1 to start from the first one.
 * @param skip_main non-zero to skip the main lcore.
 * @param wrap non-zero to continue from lcore 0 after the last one.
 * @return the lcore id, or RTE_MAX_LCORE when there is none.
 */
unsigned int rte_get_next_lcore(unsigned int i, int skip_main, int wrap);

/** Loop over every enabled lcore, main included. */
#define RTE_LCORE_FOREACH(i) \
	for ((i) = rte_get_next_lcore(-1, 0, 0); (i) < RTE_MAX_LCORE; \
	     (i) = rte_get_next_lcore((i), 0, 0))

/** Loop over every enabled lcore except the main one. */
#define RTE_LCORE_FOREACH_WORKER(i) \
	for ((i) = rte_get_next_lcore(-1, 1, 0); (i) < RTE_MAX_LCORE; \
	     (i) = rte_get_next_lcore((i), 1, 0))

/** Called for an lcore that starts being used; non-zero refuses it. */
typedef int (*rte_lcore_init_cb)(unsigned int lcore_id, void *arg);

/** Called for an lcore that stops being used. */
typedef void (*rte_lcore_uninit_cb)(unsigned int lcore_id, void *arg);

/**
 * Get told when lcores come and go. @p init runs at once for every lcore in
 * use, then for each thread that registers later; @p uninit runs when a
 * registered thread unregisters and, for every lcore, when the callback is
 * unregistered. A failing @p init during this call undoes the ones already
 * made (their @p uninit runs) and the registration fails.
 * @param name shown by debug logs; @p init and @p uninit may be NULL.
 * @param init called for each lcore that starts being used.
 * @param uninit called for each lcore that stops being used.
 * @param arg passed to @p init and @p uninit.
 * @return a handle for rte_lcore_callback_unregister(), or NULL.
 */
void *rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
				  rte_lcore_uninit_cb uninit, void *arg);

/** Remove a callback; its uninit runs for every lcore in use. NULL is ignored. */
void rte_lcore_callback_unregister(void *handle);

/** Called by rte_lcore_iterate(); non-zero stops the walk. */
typedef int (*rte_lcore_iterate_cb)(unsigned int lcore_id, void *arg);

/**
 * Call @p cb for every lcore in use (enabled and registered non-EAL).
 * @return 0, or the first non-zero value returned by @p cb.
 */
int rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg);

/** Print one line per lcore in use: role, socket, CPUs. */
void rte_lcore_dump(FILE *f);

/**
 * Name a thread (truncated to RTE_MAX_THREAD_NAME_LEN - 1 characters).
 * @return 0, or a negative errno from the system.
 */
int rte_thread_setname(pthread_t id, const char *name);

/**
 * Read a thread's name into @p name (@p len bytes, at least 16 to be sure).
 * @return 0, or a negative errno from the system.
 */
int rte_thread_getname(pthread_t id, char *name, size_t len);

/**
 * Give the calling non-EAL thread a free lcore id (role ROLE_NON_EAL),
 * running the lcore init callbacks. A thread that already has an lcore id
 * keeps it.
 * @return
 *   - 0: success, rte_lcore_id() is now valid.
 *   - -1 with rte_errno = EINVAL: the EAL is not initialised.
 *   - -1 with rte_errno = ENOMEM: every lcore id is taken, or an init
 *     callback refused the lcore.
 */
int rte_thread_register(void);

/** Give back the lcore id taken by rte_thread_register() (no-op otherwise). */
void rte_thread_unregister(void);

/**
 * Create a control thread: a thread named @p name that runs on the CPUs the
 * process was allowed at start-up minus those of enabled lcores (or on the
 * main lcore's CPUs when nothing is left), so it does not disturb workers.
 * @return 0, or a negative errno (also when the name or affinity cannot be set).
 */
int rte_ctrl_thread_create(pthread_t *thread, const char *name, const pthread_attr_t *attr,
			   void *(*start_routine)(void *), void *arg);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_LCORE_H_ */
