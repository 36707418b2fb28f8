/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Which mempool ops (handler) pktmbuf pools use.
 *
 * rte_pktmbuf_pool_create() picks, in order: the ops the user chose
 * (rte_mbuf_set_user_mempool_ops(), or the EAL option
 * --mbuf-pool-ops-name), the ops a hardware platform registered
 * (rte_mbuf_set_platform_mempool_ops()), and finally the build default
 * RTE_MBUF_DEFAULT_MEMPOOL_OPS ("ring_mp_mc"). The choices are kept in
 * memzones, so processes sharing the memory agree.
 */

#ifndef _RTE_MBUF_POOL_OPS_H_
#define _RTE_MBUF_POOL_OPS_H_

#pragma GCC visibility push(default)

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Register the platform's mempool ops. Only one may be set, once;
 * setting the same name again is accepted.
 * @return
 *   - 0: set (or already this name)
 *   - -EINVAL: @p ops_name is NULL or empty
 *   - -ENAMETOOLONG: longer than RTE_MEMPOOL_OPS_NAMESIZE - 1
 *   - -EEXIST: another name is already registered
 *   - -ENOMEM / other: the memzone could not be reserved
 */
int rte_mbuf_set_platform_mempool_ops(const char *ops_name);

/** The platform's mempool ops name, or NULL if none was registered. */
const char *rte_mbuf_platform_mempool_ops(void);

/**
 * Set the user's preferred mempool ops (replaces an earlier choice).
 * @return 0, or -EINVAL / -ENAMETOOLONG / -ENOMEM as for
 *   rte_mbuf_set_platform_mempool_ops().
 */
int rte_mbuf_set_user_mempool_ops(const char *ops_name);

/**
 * The user's preferred mempool ops: the last rte_mbuf_set_user_mempool_ops()
 * value, else the EAL's --mbuf-pool-ops-name, else NULL.
 */
const char *rte_mbuf_user_mempool_ops(void);

/** The ops rte_pktmbuf_pool_create() uses: user, then platform, then default. */
const char *rte_mbuf_best_mempool_ops(void);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MBUF_POOL_OPS_H_ */
