/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * API stability markers. DPDK tags experimental and internal symbols so that
 * using them needs an opt-in define. dpkit has a single API level (there is
 * no stable ABI to protect yet), so both markers expand to nothing and
 * applications that define ALLOW_EXPERIMENTAL_API / ALLOW_INTERNAL_API build
 * exactly as those that do not.
 */

#ifndef _RTE_COMPAT_H_
#define _RTE_COMPAT_H_

#pragma GCC visibility push(default)

#ifndef __rte_experimental
#define __rte_experimental
#endif

#ifndef __rte_internal
#define __rte_internal
#endif

#pragma GCC visibility pop

#endif /* _RTE_COMPAT_H_ */
