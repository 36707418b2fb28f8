/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Argument lists are parsed in place: the list owns one copy of the input
 * (rte_kvargs::str) and each pair's key and value point into it, the
 * separators overwritten with NULs. One left-to-right scan does it; a value
 * opening with '[' is skipped to its matching ']' (nesting counted) so the
 * commas inside stay part of the value. Errors quote the token from the
 * caller's original string, since the copy is cut up by then.
 *
 * Plain malloc is used so that the EAL can parse --vdev arguments before its
 * own memory exists; rte_kvargs_free() is the only way to release a list.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include <rte_errno.h>
#include <rte_kvargs.h>
#include <rte_log.h>

namespace {

int
logtype()
{
	/* registered on first use, so no constructor-order dependency */
	static const int type = [] {
		int t = rte_log_register_type_and_pick_level("lib.kvargs", RTE_LOG_INFO);
		return t < 0 ? static_cast<int>(RTE_LOGTYPE_EAL) : t;
	}();
	return type;
}

/* One line per call: the macro appends the newline. */
#define KVARGS_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, logtype(), "KVARGS: " fmt "\n", ##__VA_ARGS__)

/* The piece of the caller's string that starts at @off and runs to the next
 * pair separator (or the end), for quoting in an error message. */
std::string
token_at(const char *args, size_t off)
{
	return std::string(args + off, strcspn(args + off, RTE_KVARGS_PAIRS_DELIM));
}

/*
 * Cut kv->str into pairs. @args is the caller's unmodified text (same
 * length and offsets as kv->str), used only for messages.
 * Returns 0 or a positive errno after logging one line.
 */
int
split_pairs(struct rte_kvargs *kv, const char *args)
{
	char *const base = kv->str;
	char *p = base;

	while (*p != '\0') {
		if (*p == ',') { /* empty pair: ",," or a leading/trailing ',' */
			p++;
			continue;
		}
		char *key = p;
		p += strcspn(p, "=,");
		if (p == key) {
			KVARGS_LOG(ERR, "\"%s\": pair \"%s\" has an empty key; write key=value",
				   args, token_at(args, key - base).c_str());
			return EINVAL;
		}

		char *value = nullptr;
		if (*p == '=') {
			*p++ = '\0';
			char *v = p;
			if (*v == '[') {
				/* 1. find the ']' closing this list, counting nesting */
				int depth = 0;
				char *q = v;
				for (; *q != '\0'; q++) {
					if (*q == '[')
						depth++;
					else if (*q == ']' && --depth == 0)
						break;
				}
				if (*q == '\0') {
					KVARGS_LOG(
						ERR,
						"\"%s\": list value of key '%s' has no closing ']' (at \"%s\"); close the list",
						args, key, args + (v - base));
					return EINVAL;
				}
				/* 2. the list must be the whole value */
				q++;
				if (*q != '\0' && *q != ',') {
					KVARGS_LOG(
						ERR,
						"\"%s\": text \"%s\" follows the list value of key '%s'; put a ',' after ']'",
						args, token_at(args, q - base).c_str(), key);
					return EINVAL;
				}
				p = q;
			} else {
				p += strcspn(p, RTE_KVARGS_PAIRS_DELIM);
			}
			if (p != v) /* "key=" has no value, like "key" */
				value = v;
		}
		if (*p == ',')
			*p++ = '\0';

		if (kv->count == RTE_KVARGS_MAX) {
			KVARGS_LOG(
				ERR,
				"\"%s\": more than %d pairs (the extra one starts at \"%s\"); pass fewer arguments",
				args, RTE_KVARGS_MAX, token_at(args, key - base).c_str());
			return E2BIG;
		}
		kv->pairs[kv->count].key = key;
		kv->pairs[kv->count].value = value;
		kv->count++;
	}
	return 0;
}

bool
key_is_valid(const char *key, const char *const valid_keys[])
{
	for (size_t i = 0; valid_keys[i] != nullptr; i++)
		if (strcmp(key, valid_keys[i]) == 0)
			return true;
	return false;
}

/* Returns 0 or EINVAL after logging the first unknown key and the valid ones. */
int
check_keys(const struct rte_kvargs *kv, const char *args, const char *const valid_keys[])
{
	for (unsigned i = 0; i < kv->count; i++) {
		if (key_is_valid(kv->pairs[i].key, valid_keys))
			continue;
		std::string known;
		for (size_t k = 0; valid_keys[k] != nullptr; k++) {
			if (k > 0)
				known += ", ";
			known += valid_keys[k];
		}
		KVARGS_LOG(ERR, "\"%s\": unknown key '%s'; valid keys: %s", args, kv->pairs[i].key,
			   known.empty() ? "(none)" : known.c_str());
		return EINVAL;
	}
	return 0;
}

} // namespace

extern "C" struct rte_kvargs *
rte_kvargs_parse(const char *args, const char *const valid_keys[])
{
	if (args == nullptr) {
		KVARGS_LOG(ERR, "argument string is NULL; pass \"\" for no arguments");
		rte_errno = EINVAL;
		return nullptr;
	}

	auto *kv = static_cast<struct rte_kvargs *>(calloc(1, sizeof(struct rte_kvargs)));
	char *copy = strdup(args);
	if (kv == nullptr || copy == nullptr) {
		KVARGS_LOG(ERR, "\"%s\": out of memory copying the arguments", args);
		free(copy);
		free(kv);
		rte_errno = ENOMEM;
		return nullptr;
	}
	kv->str = copy;

	int err = split_pairs(kv, args);
	if (err == 0 && valid_keys != nullptr)
		err = check_keys(kv, args, valid_keys);
	if (err != 0) {
		rte_kvargs_free(kv);
		rte_errno = err;
		return nullptr;
	}
	return kv;
}

extern "C" struct rte_kvargs *
rte_kvargs_parse_delim(const char *args, const char *const valid_keys[], const char *valid_ends)
{
	if (args == nullptr || valid_ends == nullptr)
		return rte_kvargs_parse(args, valid_keys);

	std::string head(args, strcspn(args, valid_ends));
	return rte_kvargs_parse(head.c_str(), valid_keys);
}

extern "C" void
rte_kvargs_free(struct rte_kvargs *kvlist)
{
	if (kvlist == nullptr)
		return;
	free(kvlist->str);
	free(kvlist);
}

extern "C" const char *
rte_kvargs_get_with_value(const struct rte_kvargs *kvlist, const char *key, const char *value)
{
	if (kvlist == nullptr)
		return nullptr;
	for (unsigned i = 0; i < kvlist->count; i++) {
		const struct rte_kvargs_pair *p = &kvlist->pairs[i];
		if (key != nullptr && strcmp(p->key, key) != 0)
			continue;
		if (value != nullptr && (p->value == nullptr || strcmp(p->value, value) != 0))
			continue;
		return p->value;
	}
	return nullptr;
}

extern "C" const char *
rte_kvargs_get(const struct rte_kvargs *kvlist, const char *key)
{
	if (key == nullptr)
		return nullptr;
	return rte_kvargs_get_with_value(kvlist, key, nullptr);
}

extern "C" int
rte_kvargs_process(const struct rte_kvargs *kvlist, const char *key_match, arg_handler_t handler,
		   void *opaque_arg)
{
	if (kvlist == nullptr)
		return 0;
	if (handler == nullptr) {
		KVARGS_LOG(ERR,
			   "rte_kvargs_process: handler is NULL; pass a function to call per pair");
		return -EINVAL;
	}
	for (unsigned i = 0; i < kvlist->count; i++) {
		const struct rte_kvargs_pair *p = &kvlist->pairs[i];
		if (key_match != nullptr && strcmp(p->key, key_match) != 0)
			continue;
		if (handler(p->key, p->value, opaque_arg) < 0) {
			KVARGS_LOG(
				ERR,
				"value '%s' of key '%s' rejected; check the device's valid values",
				p->value != nullptr ? p->value : "(none)", p->key);
			return -1;
		}
	}
	return 0;
}

extern "C" unsigned
rte_kvargs_count(const struct rte_kvargs *kvlist, const char *key_match)
{
	if (kvlist == nullptr)
		return 0;
	if (key_match == nullptr)
		return kvlist->count;
	unsigned n = 0;
	for (unsigned i = 0; i < kvlist->count; i++)
		if (strcmp(kvlist->pairs[i].key, key_match) == 0)
			n++;
	return n;
}
