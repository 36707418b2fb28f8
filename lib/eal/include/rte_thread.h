/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * CPU affinity of the calling thread. Setting it through these calls (rather
 * than pthread_setaffinity_np directly) also updates what rte_socket_id()
 * reports for the thread.
 */

#ifndef _RTE_THREAD_H_
#define _RTE_THREAD_H_

#pragma GCC visibility push(default)

#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef RTE_HAS_CPUSET

/**
 * Pin the calling thread to @p cpusetp.
 * @return
 *   - 0: success; rte_socket_id() now reflects the new set.
 *   - -1: the kernel refused the set (empty, or CPUs outside the allowed ones).
 */
int rte_thread_set_affinity(rte_cpuset_t *cpusetp);

/** Store the calling thread's current CPU affinity in @p cpusetp. */
void rte_thread_get_affinity(rte_cpuset_t *cpusetp);

#endif /* RTE_HAS_CPUSET */

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_THREAD_H_ */
