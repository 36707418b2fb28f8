/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Running functions on worker lcores. Each worker lcore has one EAL thread,
 * pinned to its CPUs, that sleeps until the main thread hands it a function
 * with rte_eal_remote_launch(); the worker runs it once, stores its return
 * value and goes back to waiting. A worker accepts one function at a time:
 * launching on a busy worker fails with -EBUSY.
 */

#ifndef _RTE_LAUNCH_H_
#define _RTE_LAUNCH_H_

#pragma GCC visibility push(default)

#ifdef __cplusplus
extern "C" {
#endif

/** What a worker lcore is doing. */
enum rte_lcore_state_t {
	WAIT,    /**< idle, ready for a function */
	RUNNING, /**< a function was launched and has not returned yet */
};

/** A function run on an lcore; its return value is kept for rte_eal_wait_lcore(). */
typedef int(lcore_function_t)(void *);

/**
 * Run @p f(@p arg) on worker lcore @p worker_id.
 * @return
 *   - 0: the worker took the function.
 *   - -EBUSY: the worker is still running an earlier function.
 *   - -EINVAL: @p f is NULL, or @p worker_id is not a worker lcore of a
 *     running EAL (the main lcore is not a worker).
 */
int rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned worker_id);

/** Whether rte_eal_mp_remote_launch() also runs the function on the main lcore. */
enum rte_rmt_call_main_t {
	SKIP_MAIN = 0, /**< workers only */
	CALL_MAIN,     /**< workers, then the calling (main) lcore itself */
};

/**
 * Run @p f(@p arg) on every worker lcore and, with CALL_MAIN, on the main
 * lcore too (synchronously, after the workers were started). Call it from the
 * main lcore.
 * @return
 *   - 0: launched everywhere.
 *   - -EBUSY: some worker was busy; nothing was launched.
 */
int rte_eal_mp_remote_launch(lcore_function_t *f, void *arg, enum rte_rmt_call_main_t call_main);

/** State of lcore @p worker_id (WAIT for lcores that are not workers). */
enum rte_lcore_state_t rte_eal_get_lcore_state(unsigned int worker_id);

/**
 * Wait until worker @p worker_id has finished its function.
 * @return
 *   - the function's return value (0 if nothing was ever launched there).
 *   - -EINVAL: @p worker_id is not below RTE_MAX_LCORE.
 */
int rte_eal_wait_lcore(unsigned worker_id);

/** rte_eal_wait_lcore() on every worker lcore. */
void rte_eal_mp_wait_lcore(void);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_LAUNCH_H_ */
