/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Branch hints. Hot paths mark their rare branches so the compiler lays the
 * common case out as straight-line code.
 */

#ifndef _RTE_BRANCH_PREDICTION_H_
#define _RTE_BRANCH_PREDICTION_H_

#pragma GCC visibility push(default)

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#pragma GCC visibility pop

#endif /* _RTE_BRANCH_PREDICTION_H_ */
