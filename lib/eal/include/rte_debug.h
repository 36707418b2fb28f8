/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Fatal errors. rte_panic() logs the message and a stack trace and aborts
 * the process (a core dump is what you want for a broken invariant);
 * rte_exit() (in rte_common.h) is the clean way out for bad configuration.
 * RTE_VERIFY checks always; RTE_ASSERT only when RTE_ENABLE_ASSERT is defined.
 */

#ifndef _RTE_DEBUG_H_
#define _RTE_DEBUG_H_

#pragma GCC visibility push(default)

#include <rte_common.h>
#include <rte_log.h>
#include <rte_branch_prediction.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Log the calling thread's stack trace at ERR level of type EAL. */
void rte_dump_stack(void);

/** Log "PANIC in <function>():" and the message, dump the stack, abort(). */
#define rte_panic(...) rte_panic_(__func__, __VA_ARGS__, "dummy")
/* The extra "dummy" argument lets rte_panic("text") with no format
 * arguments expand without a trailing comma; "%.0s" consumes it. */
#define rte_panic_(func, format, ...) __rte_panic(func, format "%.0s", __VA_ARGS__)

#ifdef RTE_ENABLE_ASSERT
#define RTE_ASSERT(exp) RTE_VERIFY(exp)
#else
#define RTE_ASSERT(exp) \
	do { \
	} while (0)
#endif

/** Panic when @p exp is false, in every build. */
#define RTE_VERIFY(exp) \
	do { \
		if (unlikely(!(exp))) \
			rte_panic("%s:%d: check '%s' failed\n", __FILE__, __LINE__, #exp); \
	} while (0)

/** @internal The function behind rte_panic(). */
void __rte_panic(const char *funcname, const char *format, ...) __rte_cold __rte_noreturn
	__rte_format_printf(2, 3);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_DEBUG_H_ */
