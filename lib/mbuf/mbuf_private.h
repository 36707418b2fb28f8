/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Internals shared by the mbuf sources (not installed).
 */

#ifndef _MBUF_PRIVATE_H_
#define _MBUF_PRIVATE_H_

#include <rte_log.h>

/* One-line reports of the mbuf library: "MBUF: ..." on lib.mbuf. */
/* One line per call: the macro appends the newline. */
#define MBUF_LOG(level, fmt, ...) RTE_LOG(level, MBUF, fmt "\n", ##__VA_ARGS__)

#endif /* _MBUF_PRIVATE_H_ */
