/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Locks of the EAL's shared configuration. Libraries that keep named
 * objects in lists (rings, mempools, ...) take the tailq lock around
 * changes and lookups of their list; the mempool lock guards the mempool
 * list; the memory lock keeps the set of mapped pages still while held for
 * reading. All are reader/writer locks (the timer lock is exclusive) and may
 * be used before rte_eal_init().
 */

#ifndef _RTE_EAL_MEMCONFIG_H_
#define _RTE_EAL_MEMCONFIG_H_

#pragma GCC visibility push(default)

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Keep the mapped memory from changing (shared). */
void rte_mcfg_mem_read_lock(void);
/** Release rte_mcfg_mem_read_lock(). */
void rte_mcfg_mem_read_unlock(void);
/** Exclusive hold on the mapped memory. */
void rte_mcfg_mem_write_lock(void);
/** Release rte_mcfg_mem_write_lock(). */
void rte_mcfg_mem_write_unlock(void);

/** Shared hold on the named-object lists. */
void rte_mcfg_tailq_read_lock(void);
/** Release rte_mcfg_tailq_read_lock(). */
void rte_mcfg_tailq_read_unlock(void);
/** Exclusive hold on the named-object lists. */
void rte_mcfg_tailq_write_lock(void);
/** Release rte_mcfg_tailq_write_lock(). */
void rte_mcfg_tailq_write_unlock(void);

/** Shared hold on the mempool list. */
void rte_mcfg_mempool_read_lock(void);
/** Release rte_mcfg_mempool_read_lock(). */
void rte_mcfg_mempool_read_unlock(void);
/** Exclusive hold on the mempool list. */
void rte_mcfg_mempool_write_lock(void);
/** Release rte_mcfg_mempool_write_lock(). */
void rte_mcfg_mempool_write_unlock(void);

/** Exclusive hold on the timer state. */
void rte_mcfg_timer_lock(void);
/** Release rte_mcfg_timer_lock(). */
void rte_mcfg_timer_unlock(void);

/** @return true if --single-file-segments is in effect. */
bool rte_mcfg_get_single_file_segments(void);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_EAL_MEMCONFIG_H_ */
