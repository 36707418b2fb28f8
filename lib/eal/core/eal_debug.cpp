/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The ways out: rte_panic() for broken invariants (message, stack trace,
 * abort() so a core dump shows the state) and rte_exit() for conditions the
 * user can fix (message, EAL cleanup, exit code). Both log through rte_log at
 * CRIT so the message shows at any sensible log level.
 */

#include <execinfo.h>
#include <stdarg.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "eal_log_macros.h"

namespace {

constexpr int max_frames = 64;

} // namespace

extern "C" {

void
rte_dump_stack(void)
{
	void *frames[max_frames];
	int n = backtrace(frames, max_frames);
	char **names = backtrace_symbols(frames, n);
	EAL_LOG(ERR, "stack trace of thread %d, innermost first:", rte_gettid());
	/* frame 0 is this function: start at the caller */
	for (int i = 1; i < n; i++)
		EAL_LOG(ERR, "  #%d %s", i - 1, names ? names[i] : "?");
	free(names);
}

void
__rte_panic(const char *funcname, const char *format, ...)
{
	rte_log(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, "PANIC in %s():\n", funcname);
	va_list ap;
	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);
	rte_dump_stack();
	abort();
}

void
rte_exit(int exit_code, const char *format, ...)
{
	if (exit_code != 0)
		rte_log(RTE_LOG_CRIT, RTE_LOGTYPE_EAL,
			"EAL: error, exiting with code %d: ", exit_code);
	va_list ap;
	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);
	/* -EINVAL just means the EAL was not (or no longer) initialised */
	rte_eal_cleanup();
	exit(exit_code);
}

} // extern "C"
