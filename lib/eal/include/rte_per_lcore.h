/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Per-lcore variables: one instance per thread (thread-local storage), so an
 * EAL lcore thread and a registered non-EAL thread each see their own copy.
 */

#ifndef _RTE_PER_LCORE_H_
#define _RTE_PER_LCORE_H_

#pragma GCC visibility push(default)

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_DEFINE_PER_LCORE(type, name) __thread __typeof__(type) per_lcore_##name

#define RTE_DECLARE_PER_LCORE(type, name) extern __thread __typeof__(type) per_lcore_##name

#define RTE_PER_LCORE(name) (per_lcore_##name)

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_PER_LCORE_H_ */
