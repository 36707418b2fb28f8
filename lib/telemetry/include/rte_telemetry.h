/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_TELEMETRY_H_
#define _RTE_TELEMETRY_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Telemetry: named commands that answer JSON questions over a local socket.
 *
 * A running process listens on `<runtime dir>/dpdk_telemetry.v2`
 * (SOCK_SEQPACKET). A client sends `/command` or `/command,parameters` and
 * gets `{"/command": <value>}` back, where the value is what the command's
 * callback put in its struct rte_tel_data: a string, a flat object (dict) or
 * an array, whose entries may be arrays held in containers. Unknown commands
 * and callbacks that fail answer `{"/command": null}`. A reply never exceeds
 * 16384 bytes: entries that would not fit are left out, so the reply stays
 * valid JSON.
 *
 * Libraries register their commands from constructors; applications may
 * register theirs at any time, before or after rte_eal_init(). Callbacks run
 * on the telemetry control thread, one request at a time: they must not
 * block for long and must only use thread-safe APIs.
 *
 * The data builders below are not thread-safe on one object: a callback
 * fills its own object only.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_TEL_MAX_STRING_LEN 128         /**< name or string value, with NUL */
#define RTE_TEL_MAX_SINGLE_STRING_LEN 8192 /**< rte_tel_data_string(), with NUL */
#define RTE_TEL_MAX_DICT_ENTRIES 256       /**< entries of one dict */
#define RTE_TEL_MAX_ARRAY_ENTRIES 512      /**< entries of one array */

/** A reply being built: opaque, filled by the rte_tel_data_* calls. */
struct rte_tel_data;

/** Type of the values of an array or of one dict entry. */
enum rte_tel_value_type {
	RTE_TEL_STRING_VAL, /**< string, up to RTE_TEL_MAX_STRING_LEN - 1 bytes */
	RTE_TEL_INT_VAL,    /**< signed 32-bit integer */
	RTE_TEL_U64_VAL,    /**< unsigned 64-bit integer */
	RTE_TEL_CONTAINER,  /**< another struct rte_tel_data holding an array */
};

/**
 * Make @p d an empty array whose values all have type @p type.
 *
 * @return
 *   - 0: success
 *   - -EINVAL: @p d is NULL or @p type is not an rte_tel_value_type
 */
int rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type);

/**
 * Make @p d an empty dict (a JSON object of name/value pairs).
 *
 * @return
 *   - 0: success
 *   - -EINVAL: @p d is NULL
 */
int rte_tel_data_start_dict(struct rte_tel_data *d);

/**
 * Make @p d a single string value.
 *
 * @return
 *   - 0: success
 *   - E2BIG (positive): @p str was cut to RTE_TEL_MAX_SINGLE_STRING_LEN - 1 bytes
 *   - -EINVAL: @p d or @p str is NULL
 */
int rte_tel_data_string(struct rte_tel_data *d, const char *str);

/**
 * Append a string to an array started with RTE_TEL_STRING_VAL.
 *
 * @return
 *   - 0: success
 *   - E2BIG (positive): @p str was cut to RTE_TEL_MAX_STRING_LEN - 1 bytes
 *   - -EINVAL: @p d is not a string array, or an argument is NULL
 *   - -ENOSPC: the array holds RTE_TEL_MAX_ARRAY_ENTRIES values already
 */
int rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str);

/**
 * Append an int to an array started with RTE_TEL_INT_VAL.
 *
 * @return 0, -EINVAL or -ENOSPC as rte_tel_data_add_array_string().
 */
int rte_tel_data_add_array_int(struct rte_tel_data *d, int x);

/**
 * Append a uint64_t to an array started with RTE_TEL_U64_VAL.
 *
 * @return 0, -EINVAL or -ENOSPC as rte_tel_data_add_array_string().
 */
int rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t x);

/**
 * Append @p val, itself an array of strings, ints or u64s, to an array
 * started with RTE_TEL_CONTAINER.
 *
 * @param d
 *   the array.
 * @param val
 *   the array to append.
 * @param keep
 *   0: once added, @p val belongs to @p d and is freed with it; non-zero:
 *   the caller keeps @p val and frees it after the reply. When the call
 *   fails, @p val stays the caller's.
 * @return
 *   - 0: success
 *   - -EINVAL: @p d is not a container array, or @p val is not an array of
 *     strings, ints or u64s
 *   - -ENOSPC: the array is full
 */
int rte_tel_data_add_array_container(struct rte_tel_data *d, struct rte_tel_data *val, int keep);

/**
 * Add a string entry to a dict. Names consist of letters, digits, '_' and '/'.
 *
 * @return
 *   - 0: success
 *   - E2BIG (positive): the name or the value was cut to RTE_TEL_MAX_STRING_LEN - 1 bytes
 *   - -EINVAL: @p d is not a dict, an argument is NULL or @p name has another character
 *   - -ENOSPC: the dict holds RTE_TEL_MAX_DICT_ENTRIES entries already
 */
int rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val);

/** Add an int entry to a dict. @return as rte_tel_data_add_dict_string(). */
int rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val);

/** Add a uint64_t entry to a dict. @return as rte_tel_data_add_dict_string(). */
int rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val);

/**
 * Add an entry whose value is @p val, an array of strings, ints or u64s.
 *
 * @param d
 *   the dict.
 * @param name
 *   the entry's name, as for rte_tel_data_add_dict_string().
 * @param val
 *   the array.
 * @param keep
 *   as for rte_tel_data_add_array_container().
 * @return as rte_tel_data_add_dict_string(), and -EINVAL when @p val is not
 *   such an array.
 */
int rte_tel_data_add_dict_container(struct rte_tel_data *d, const char *name,
				    struct rte_tel_data *val, int keep);

/**
 * A command's callback: fill @p info (after one of the start calls, or
 * rte_tel_data_string()) and return 0, or return a negative value for a
 * `null` reply.
 *
 * @param cmd
 *   the command as registered ("/ethdev/stats").
 * @param params
 *   what followed the first ',' of the request, or NULL when nothing did.
 * @param info
 *   the reply to fill.
 */
typedef int (*telemetry_cb)(const char *cmd, const char *params, struct rte_tel_data *info);

/** Client handler of DPDK's socket implementation; kept for source compatibility. */
typedef void *(*handler)(void *sock_id);

/**
 * Register @p cmd, answered by @p fn. Commands are listed in name order; a
 * name registered again is answered by the newer callback and help.
 *
 * @param cmd
 *   starts with '/', at most 55 characters of letters, digits, '_' and '/'.
 * @param fn
 *   the callback that answers it.
 * @param help
 *   one line, at most RTE_TEL_MAX_STRING_LEN - 1 characters, answered by `/help,<cmd>`.
 * @return
 *   - 0: success
 *   - -EINVAL: a NULL argument, or @p cmd or @p help breaks the rules above
 *   - -ENOMEM: no memory for the table
 */
int rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help);

/**
 * A new empty struct rte_tel_data, e.g. to pass as a container.
 *
 * @return the object, or NULL when out of memory.
 */
struct rte_tel_data *rte_tel_data_alloc(void);

/** Free @p data and the containers it owns; NULL is ignored. */
void rte_tel_data_free(struct rte_tel_data *data);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_TELEMETRY_H_ */
