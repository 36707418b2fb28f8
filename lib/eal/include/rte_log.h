/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Logging. A message has a type (a registered name such as "lib.mempool",
 * or one of the fixed RTE_LOGTYPE_* ids) and a level; it is printed when its
 * level is at or below both the global level and its type's level. Output
 * goes to the stream set with rte_openlog_stream() or to stderr.
 */

#ifndef _RTE_LOG_H_
#define _RTE_LOG_H_

#pragma GCC visibility push(default)

#include <stdint.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdbool.h>

#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed log types, kept for applications written against older DPDK. */
#define RTE_LOGTYPE_EAL 0           /**< EAL */
#define RTE_LOGTYPE_MALLOC 1        /**< malloc */
#define RTE_LOGTYPE_RING 2          /**< ring */
#define RTE_LOGTYPE_MEMPOOL 3       /**< mempool */
#define RTE_LOGTYPE_TIMER 4         /**< timers */
#define RTE_LOGTYPE_PMD 5           /**< poll mode drivers */
#define RTE_LOGTYPE_HASH 6          /**< hash */
#define RTE_LOGTYPE_LPM 7           /**< LPM */
#define RTE_LOGTYPE_KNI 8           /**< KNI */
#define RTE_LOGTYPE_ACL 9           /**< ACL */
#define RTE_LOGTYPE_POWER 10        /**< power */
#define RTE_LOGTYPE_METER 11        /**< meter */
#define RTE_LOGTYPE_SCHED 12        /**< scheduler */
#define RTE_LOGTYPE_PORT 13         /**< port */
#define RTE_LOGTYPE_TABLE 14        /**< table */
#define RTE_LOGTYPE_PIPELINE 15     /**< pipeline */
#define RTE_LOGTYPE_MBUF 16         /**< mbuf */
#define RTE_LOGTYPE_CRYPTODEV 17    /**< cryptodev */
#define RTE_LOGTYPE_EFD 18          /**< EFD */
#define RTE_LOGTYPE_EVENTDEV 19     /**< eventdev */
#define RTE_LOGTYPE_GSO 20          /**< GSO */
#define RTE_LOGTYPE_USER1 24        /**< application 1 */
#define RTE_LOGTYPE_USER2 25        /**< application 2 */
#define RTE_LOGTYPE_USER3 26        /**< application 3 */
#define RTE_LOGTYPE_USER4 27        /**< application 4 */
#define RTE_LOGTYPE_USER5 28        /**< application 5 */
#define RTE_LOGTYPE_USER6 29        /**< application 6 */
#define RTE_LOGTYPE_USER7 30        /**< application 7 */
#define RTE_LOGTYPE_USER8 31        /**< application 8 */
#define RTE_LOGTYPE_FIRST_EXT_ID 32 /**< first id handed out by rte_log_register() */

/* Levels, most severe first. */
#define RTE_LOG_EMERG 1U          /**< unusable */
#define RTE_LOG_ALERT 2U          /**< act now */
#define RTE_LOG_CRIT 3U           /**< critical */
#define RTE_LOG_ERR 4U            /**< error */
#define RTE_LOG_WARNING 5U        /**< warning */
#define RTE_LOG_NOTICE 6U         /**< normal but significant */
#define RTE_LOG_INFO 7U           /**< informational */
#define RTE_LOG_DEBUG 8U          /**< debug */
#define RTE_LOG_MAX RTE_LOG_DEBUG /**< most verbose level */

/** Send log output to @p f (NULL restores the default, stderr). Returns 0. */
int rte_openlog_stream(FILE *f);

/** The stream log output currently goes to. */
FILE *rte_log_get_stream(void);

/** Set the global level (messages above it are dropped). */
void rte_log_set_global_level(uint32_t level);

/** The global level. */
uint32_t rte_log_get_global_level(void);

/** Level of @p logtype, or -1 if the type is not registered. */
int rte_log_get_level(uint32_t logtype);

/** True when a message of this type and level would be printed. */
bool rte_log_can_log(uint32_t logtype, uint32_t loglevel);

/** Set the level of one type. 0 on success, -1 on a bad type or level. */
int rte_log_set_level(uint32_t logtype, uint32_t level);

/** Set the level of every type whose name matches the regular expression. */
int rte_log_set_level_regexp(const char *regex, uint32_t level);

/** Set the level of every type whose name matches the shell glob. */
int rte_log_set_level_pattern(const char *pattern, uint32_t level);

/** Level of the message being printed by this thread (for stream hooks). */
int rte_log_cur_msg_loglevel(void);

/** Type of the message being printed by this thread. */
int rte_log_cur_msg_logtype(void);

/**
 * Register a log type by name (idempotent: a known name returns its id).
 * @return the type id (>= 0), or -1 with rte_errno set.
 */
int rte_log_register(const char *name);

/**
 * Register a log type and give it the level from any --log-level pattern
 * that matched earlier, else @p level_def.
 */
int rte_log_register_type_and_pick_level(const char *name, uint32_t level_def);

/** Print every registered type and its level. */
void rte_log_list_types(FILE *out, const char *prefix);

/** Print the global level and every type's level. */
void rte_log_dump(FILE *f);

/**
 * Print a message. Returns 0 (also when the message is filtered out) or a
 * negative value when the output failed.
 */
int rte_log(uint32_t level, uint32_t logtype, const char *format, ...) __rte_format_printf(3, 4);

/** rte_log() with a va_list. */
int rte_vlog(uint32_t level, uint32_t logtype, const char *format, va_list ap)
	__rte_format_printf(3, 0);

/** Print with a fixed type: RTE_LOG(ERR, EAL, "...\n"). */
#define RTE_LOG(l, t, ...) rte_log(RTE_LOG_##l, RTE_LOGTYPE_##t, #t ": " __VA_ARGS__)

/** Like RTE_LOG but compiled out above RTE_LOG_DP_LEVEL (data path). */
#define RTE_LOG_DP(l, t, ...) \
	(void)((RTE_LOG_##l <= RTE_LOG_DP_LEVEL) \
		       ? rte_log(RTE_LOG_##l, RTE_LOGTYPE_##t, #t ": " __VA_ARGS__) \
		       : 0)

#define RTE_LOG_REGISTER_IMPL(type, name, level) \
	int type; /* NOLINT(bugprone-macro-parentheses): declares the variable named */ \
	RTE_INIT(__##type) \
	{ \
		(type) = rte_log_register_type_and_pick_level(name, RTE_LOG_##level); \
		if ((type) < 0) \
			(type) = RTE_LOGTYPE_EAL; \
	}

/** Define and register a log type variable at start-up. */
#define RTE_LOG_REGISTER(type, name, level) RTE_LOG_REGISTER_IMPL(type, RTE_STR(name), level)
/** Register a type named after the component (RTE_LOG_DEFAULT_LOGTYPE). */
#define RTE_LOG_REGISTER_DEFAULT(type, level) \
	RTE_LOG_REGISTER_IMPL(type, RTE_STR(RTE_LOG_DEFAULT_LOGTYPE), level)
/** Register "<component>.<suffix>". */
#define RTE_LOG_REGISTER_SUFFIX(type, suffix, level) \
	RTE_LOG_REGISTER_IMPL(type, RTE_STR(RTE_LOG_DEFAULT_LOGTYPE) "." RTE_STR(suffix), level)

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_LOG_H_ */
