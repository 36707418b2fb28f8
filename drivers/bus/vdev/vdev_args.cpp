/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Argument checks shared by the vdev drivers, so that every bad --vdev
 * argument produces the same single line:
 *   "vdev net_null0: argument 'sizee=64' unknown; net_null takes size, copy, no-rx"
 * The whole string is checked here first (unknown keys, missing '=', empty
 * items), which leaves nothing for rte_kvargs_parse() to reject: the line
 * above is then the only one printed, by design.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_kvargs.h>
#include <rte_log.h>

#include "bus_vdev_driver.h"

/* One line per call: the macro appends the newline. */
#define VDEV_LOG(level, fmt, ...) RTE_LOG(level, EAL, "vdev " fmt "\n", ##__VA_ARGS__)

namespace {

/* Split on commas that are not inside [...] (kvargs list values). */
std::vector<std::string>
split_args(const std::string &s)
{
	std::vector<std::string> out;
	std::string cur;
	int depth = 0;
	for (char c : s) {
		if (c == '[')
			depth++;
		else if (c == ']' && depth > 0)
			depth--;
		if (c == ',' && depth == 0) {
			out.push_back(cur);
			cur.clear();
		} else {
			cur += c;
		}
	}
	out.push_back(cur);
	return out;
}

std::string
key_list(const char *const valid_keys[])
{
	std::string s;
	for (size_t i = 0; valid_keys != nullptr && valid_keys[i] != nullptr; i++)
		s += (i ? ", " : "") + std::string(valid_keys[i]);
	return s.empty() ? "no arguments" : s;
}

bool
is_valid_key(const std::string &key, const char *const valid_keys[])
{
	for (size_t i = 0; valid_keys != nullptr && valid_keys[i] != nullptr; i++)
		if (key == valid_keys[i])
			return true;
	return false;
}

const char *
drv_name(const struct rte_vdev_device *dev)
{
	return dev->device.driver != nullptr ? dev->device.driver->name : "the driver";
}

/* The value of @p key; error (logged) if it appears more than once. */
int
single_value(const struct rte_vdev_device *dev, struct rte_kvargs *kvlist, const char *key,
	     const char **value)
{
	unsigned int n = rte_kvargs_count(kvlist, key);
	if (n == 0) {
		*value = nullptr;
		return 0;
	}
	if (n > 1) {
		VDEV_LOG(ERR, "%s: argument '%s' given %u times; give it once",
			 rte_vdev_device_name(dev), key, n);
		return -EINVAL;
	}
	/* "key=" may come back as a NULL value: it is an empty one */
	const char *v = rte_kvargs_get(kvlist, key);
	*value = v != nullptr ? v : "";
	return 0;
}

} // namespace

extern "C" struct rte_kvargs *
dpkit_vdev_parse_args(const struct rte_vdev_device *dev, const char *const valid_keys[])
{
	std::string args = rte_vdev_device_args(dev);
	if (!args.empty()) {
		std::vector<std::string> items = split_args(args);
		int depth = 0;
		for (char c : args)
			depth += c == '[' ? 1 : c == ']' ? -1 : 0;
		if (depth != 0 || items.size() > RTE_KVARGS_MAX) {
			VDEV_LOG(ERR,
				 "%s: arguments '%s' have unbalanced [ ] or more than %d "
				 "items; %s takes %s",
				 rte_vdev_device_name(dev), args.c_str(), RTE_KVARGS_MAX,
				 drv_name(dev), key_list(valid_keys).c_str());
			rte_errno = EINVAL;
			return nullptr;
		}
		for (const std::string &item : items) {
			size_t eq = item.find('=');
			std::string key = item.substr(0, eq);
			if (item.empty() || eq == std::string::npos || eq == 0) {
				VDEV_LOG(ERR, "%s: argument '%s' is not key=value; %s takes %s",
					 rte_vdev_device_name(dev), item.c_str(), drv_name(dev),
					 key_list(valid_keys).c_str());
				rte_errno = EINVAL;
				return nullptr;
			}
			if (!is_valid_key(key, valid_keys)) {
				VDEV_LOG(ERR, "%s: argument '%s' unknown; %s takes %s",
					 rte_vdev_device_name(dev), item.c_str(), drv_name(dev),
					 key_list(valid_keys).c_str());
				rte_errno = EINVAL;
				return nullptr;
			}
		}
	}
	struct rte_kvargs *kvlist = rte_kvargs_parse(args.c_str(), valid_keys);
	if (kvlist == nullptr) {
		VDEV_LOG(ERR, "%s: cannot parse arguments '%s'", rte_vdev_device_name(dev),
			 args.c_str());
		rte_errno = EINVAL;
	}
	return kvlist;
}

extern "C" int
dpkit_vdev_arg_uint(const struct rte_vdev_device *dev, struct rte_kvargs *kvlist, const char *key,
		    uint64_t min, uint64_t max, uint64_t *out)
{
	const char *value;
	int ret = single_value(dev, kvlist, key, &value);
	if (ret != 0 || value == nullptr)
		return ret;
	char *end = nullptr;
	errno = 0;
	unsigned long long v = strtoull(value, &end, 0);
	if (value[0] == '\0' || value[0] == '-' || *end != '\0' || errno != 0 || v < min ||
	    v > max) {
		VDEV_LOG(ERR, "%s: argument '%s=%s' must be a whole number in [%llu, %llu]",
			 rte_vdev_device_name(dev), key, value, (unsigned long long)min,
			 (unsigned long long)max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

extern "C" int
dpkit_vdev_arg_string(const struct rte_vdev_device *dev, struct rte_kvargs *kvlist, const char *key,
		      char *out, size_t size)
{
	const char *value;
	int ret = single_value(dev, kvlist, key, &value);
	if (ret != 0 || value == nullptr)
		return ret;
	if (strlen(value) >= size || value[0] == '\0') {
		VDEV_LOG(ERR, "%s: argument '%s=%s' must be 1 to %zu characters long",
			 rte_vdev_device_name(dev), key, value, size - 1);
		return -EINVAL;
	}
	strcpy(out, value);
	return 0;
}
