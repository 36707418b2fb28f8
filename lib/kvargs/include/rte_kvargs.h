/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Device arguments as "key1=value1,key2=value2,...".
 *
 * A parsed argument string is a list, not a map: a key may appear several
 * times and every occurrence is kept in order. A value that starts with '['
 * runs to its matching ']' so that it may contain the pair separator
 * ("queues=[0,1,2]"); the brackets stay part of the value. A key given
 * without '=' (or with nothing after it) has a NULL value.
 *
 * Parsing needs no EAL memory (plain malloc), so the EAL can use it while
 * reading --vdev options, before hugepages exist. The functions take no
 * locks: a list is built once and then only read.
 */

#ifndef _RTE_KVARGS_H_
#define _RTE_KVARGS_H_

#pragma GCC visibility push(default)

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most pairs one argument string may hold. */
#define RTE_KVARGS_MAX 32

/** Separator between two pairs. */
#define RTE_KVARGS_PAIRS_DELIM ","

/** Separator between a key and its value. */
#define RTE_KVARGS_KV_DELIM "="

/**
 * Called by rte_kvargs_process() once per matching pair.
 * @param key the pair's key, never NULL.
 * @param value the pair's value; NULL when the key was given alone.
 * @param opaque the pointer given to rte_kvargs_process().
 * @return
 *   - >= 0: the pair was accepted
 *   - < 0: the pair was rejected; processing stops
 */
typedef int (*arg_handler_t)(const char *key, const char *value, void *opaque);

/** One key and its value; both point into rte_kvargs::str. */
struct rte_kvargs_pair {
	char *key;   /**< the key, never NULL */
	char *value; /**< the value, NULL when none was given */
};

/** A parsed argument string. */
struct rte_kvargs {
	char *str;      /**< private copy of the string, cut into keys and values */
	unsigned count; /**< number of pairs used */
	struct rte_kvargs_pair pairs[RTE_KVARGS_MAX]; /**< the pairs, in input order */
};

/**
 * Parse "key=value,..." into a new list, to be freed with rte_kvargs_free().
 *
 * Empty pairs (",,") are skipped. Fails, logging one line naming the
 * offending token, on: a pair with an empty key ("=v"), a '[' without its
 * ']', text between a ']' and the next ',', more than RTE_KVARGS_MAX pairs,
 * or a key missing from @p valid_keys.
 *
 * @param args the string; it is copied, not kept.
 * @param valid_keys NULL-terminated table of accepted keys, or NULL to
 *   accept any key.
 * @return the list, or NULL with rte_errno set:
 *   - EINVAL: @p args is NULL or malformed, or a key is not valid
 *   - E2BIG: more than RTE_KVARGS_MAX pairs
 *   - ENOMEM: out of memory
 */
struct rte_kvargs *rte_kvargs_parse(const char *args, const char *const valid_keys[]);

/**
 * Like rte_kvargs_parse(), but parsing stops at the first byte of @p args
 * that appears in @p valid_ends (so "a=1,b=2/rest" with valid_ends "/" gives
 * a and b). With @p valid_ends NULL this is rte_kvargs_parse().
 * @return as rte_kvargs_parse().
 */
struct rte_kvargs *rte_kvargs_parse_delim(const char *args, const char *const valid_keys[],
					  const char *valid_ends);

/** Free a list from rte_kvargs_parse(); NULL is accepted and ignored. */
void rte_kvargs_free(struct rte_kvargs *kvlist);

/**
 * The value of the first pair whose key is @p key. The string belongs to
 * the list and must not be modified.
 * @return the value, or NULL when no pair matches (or the pair has no
 *   value, or an argument is NULL).
 */
const char *rte_kvargs_get(const struct rte_kvargs *kvlist, const char *key);

/**
 * The value of the first pair matching both @p key and @p value; a NULL
 * @p key matches any key, a NULL @p value any value.
 * @return the matching pair's value, or NULL when none matches.
 */
__rte_experimental const char *rte_kvargs_get_with_value(const struct rte_kvargs *kvlist,
							 const char *key, const char *value);

/**
 * Call @p handler for each pair whose key is @p key_match (every pair when
 * @p key_match is NULL), in order, stopping at the first rejection.
 * @param kvlist the list; NULL is accepted (nothing to do).
 * @param key_match key of the pairs to process, or NULL for all.
 * @param handler called with each key, its value and @p opaque_arg; a
 *   negative return stops the walk.
 * @param opaque_arg passed to @p handler.
 * @return
 *   - 0: every call returned >= 0 (or nothing matched)
 *   - -1: the handler rejected a pair (logged with its key and value)
 *   - -EINVAL: @p handler is NULL
 */
int rte_kvargs_process(const struct rte_kvargs *kvlist, const char *key_match,
		       arg_handler_t handler, void *opaque_arg);

/**
 * Number of pairs whose key is @p key_match, or of all pairs when
 * @p key_match is NULL. 0 when @p kvlist is NULL.
 */
unsigned rte_kvargs_count(const struct rte_kvargs *kvlist, const char *key_match);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_KVARGS_H_ */
