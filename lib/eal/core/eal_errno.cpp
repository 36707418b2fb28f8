/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* rte_errno storage and rte_strerror(); a thread-local buffer keeps the text
 * of unknown codes valid until the thread's next call. */

#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

RTE_DEFINE_PER_LCORE(int, _rte_errno);

extern "C" const char *
rte_strerror(int errnum)
{
	static thread_local char buf[128];

	if (errnum < 0)
		errnum = -errnum;
	switch (errnum) {
	case E_RTE_SECONDARY: return "Invalid call in secondary process";
	case E_RTE_NO_CONFIG: return "Missing rte_config structure";
	default:
		if (errnum > RTE_MIN_ERRNO && errnum < RTE_MAX_ERRNO)
			break;
		return strerror_r(errnum, buf, sizeof(buf));
	}
	snprintf(buf, sizeof(buf), "Unknown error %d", errnum);
	return buf;
}
