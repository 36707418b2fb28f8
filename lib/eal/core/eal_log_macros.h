/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Log macros of the EAL's own sources. The macro ends the line: a message
 * is one line, its format has no trailing newline.
 */

#ifndef _EAL_LOG_MACROS_H_
#define _EAL_LOG_MACROS_H_

#include <rte_log.h>

#define EAL_LOG(level, fmt, ...) RTE_LOG(level, EAL, fmt "\n", ##__VA_ARGS__)
#define MALLOC_LOG(level, fmt, ...) RTE_LOG(level, MALLOC, fmt "\n", ##__VA_ARGS__)
/* EAL_LOG with a level chosen at run time (an RTE_LOG_* value) */
#define EAL_LOG_AT(level, fmt, ...) rte_log(level, RTE_LOGTYPE_EAL, "EAL: " fmt "\n", ##__VA_ARGS__)

#endif /* _EAL_LOG_MACROS_H_ */
