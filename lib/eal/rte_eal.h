/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * EAL start-up and shutdown. rte_eal_init() parses the EAL options, starts
 * one thread per worker lcore and sets up memory; rte_eal_cleanup() gives
 * everything back.
 */

#ifndef _RTE_EAL_H_
#define _RTE_EAL_H_

#include <stdint.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_per_lcore.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How addresses given to devices (IOVA) relate to virtual addresses. */
enum rte_iova_mode {
	RTE_IOVA_DC = 0,        /**< not decided / no preference */
	RTE_IOVA_PA = (1 << 0), /**< IOVA is the physical address */
	RTE_IOVA_VA = (1 << 1)  /**< IOVA is the virtual address */
};

/** The IOVA mode the EAL settled on at init (never RTE_IOVA_DC after init). */
enum rte_iova_mode rte_eal_iova_mode(void);

/**
 * Initialise the EAL from the command line.
 * @return the number of arguments consumed (argv[0] included), or -1 with
 *   rte_errno set (EINVAL bad option, ENOMEM not enough memory, EALREADY
 *   called twice, ...). The failing option is named in one log line.
 */
int rte_eal_init(int argc, char **argv);

/**
 * Release what rte_eal_init() set up: worker threads joined, memory
 * unmapped, hugepage files removed. @return 0, or -EINVAL if the EAL was not
 * initialised.
 */
int rte_eal_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_EAL_H_ */
