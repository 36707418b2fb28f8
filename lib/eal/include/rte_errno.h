/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * rte_errno: a per-thread error number set by calls that return NULL or -1,
 * with dpkit-specific codes above __ELASTERROR.
 */

#ifndef _RTE_ERRNO_H_
#define _RTE_ERRNO_H_

#pragma GCC visibility push(default)

#include <rte_per_lcore.h>

#ifdef __cplusplus
extern "C" {
#endif

RTE_DECLARE_PER_LCORE(int, _rte_errno);

/** Error number of the last failed dpkit call on this thread. */
#define rte_errno RTE_PER_LCORE(_rte_errno)

/**
 * Text for an error number: libc's strerror for system codes, dpkit's own
 * text for the codes below. Thread-safe.
 */
const char *rte_strerror(int errnum);

#ifndef __ELASTERROR
#define __ELASTERROR 1000
#endif

enum {
	RTE_MIN_ERRNO = __ELASTERROR, /**< start of dpkit's own codes */
	E_RTE_SECONDARY,              /**< operation not allowed in a secondary process */
	E_RTE_NO_CONFIG,              /**< missing rte_config */
	RTE_MAX_ERRNO                 /**< end of dpkit's own codes */
};

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_ERRNO_H_ */
