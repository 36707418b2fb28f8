/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The mempool ops names pktmbuf pools prefer. Each choice is a small
 * memzone holding the name (so processes sharing memory agree); the
 * platform choice is write-once, the user choice may be replaced. Readers
 * take no lock: the platform name never changes once written, and an empty
 * zone (reserved, name not copied yet) reads as "not set". Replacing the
 * user name while another thread creates a pool is a race, as in DPDK:
 * choose it at start-up.
 */

#include <errno.h>
#include <string.h>

#include <mutex>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#include "mbuf_private.h"

namespace {

constexpr const char *platform_zone = "mbuf_platform_pool_ops";
constexpr const char *user_zone = "mbuf_user_pool_ops";

std::mutex set_lock; /* one setter at a time in this process */

/* 0, or -errno after one log line saying what is wrong with @name. */
int
check_name(const char *what, const char *name)
{
	if (name == nullptr || name[0] == '\0') {
		MBUF_LOG(ERR, "%s mempool ops: name is NULL or empty; give a registered ops name",
			 what);
		return -EINVAL;
	}
	if (strnlen(name, RTE_MEMPOOL_OPS_NAMESIZE) >= RTE_MEMPOOL_OPS_NAMESIZE) {
		MBUF_LOG(ERR, "%s mempool ops: name '%.*s...' is longer than %d chars", what,
			 RTE_MEMPOOL_OPS_NAMESIZE - 1, name, RTE_MEMPOOL_OPS_NAMESIZE - 1);
		return -ENAMETOOLONG;
	}
	return 0;
}

/* The memzone @zone, reserved if needed; nullptr after logging. */
const struct rte_memzone *
zone_for(const char *what, const char *zone, bool *created)
{
	*created = false;
	const struct rte_memzone *mz = rte_memzone_lookup(zone);
	if (mz != nullptr)
		return mz;
	mz = rte_memzone_reserve(zone, RTE_MEMPOOL_OPS_NAMESIZE, SOCKET_ID_ANY, 0);
	if (mz == nullptr) {
		MBUF_LOG(ERR,
			 "%s mempool ops: cannot reserve memzone %s (%s); call after rte_eal_init",
			 what, zone, rte_strerror(rte_errno));
		return nullptr;
	}
	*created = true;
	return mz;
}

const char *
stored_name(const char *zone)
{
	const struct rte_memzone *mz = rte_memzone_lookup(zone);
	if (mz == nullptr)
		return nullptr;
	const char *name = static_cast<const char *>(mz->addr);
	return name[0] != '\0' ? name : nullptr;
}

} // namespace

extern "C" int
rte_mbuf_set_platform_mempool_ops(const char *ops_name)
{
	int ret = check_name("platform", ops_name);
	if (ret != 0)
		return ret;

	std::lock_guard<std::mutex> guard(set_lock);
	bool created;
	const struct rte_memzone *mz = zone_for("platform", platform_zone, &created);
	if (mz == nullptr)
		return rte_errno != 0 ? -rte_errno : -ENOMEM;
	char *stored = static_cast<char *>(mz->addr);
	if (!created) {
		if (strcmp(stored, ops_name) == 0)
			return 0;
		MBUF_LOG(
			ERR,
			"platform mempool ops: already '%s', cannot change to '%s'; set the user ops instead",
			stored, ops_name);
		return -EEXIST;
	}
	strcpy(stored, ops_name);
	return 0;
}

extern "C" const char *
rte_mbuf_platform_mempool_ops(void)
{
	return stored_name(platform_zone);
}

extern "C" int
rte_mbuf_set_user_mempool_ops(const char *ops_name)
{
	int ret = check_name("user", ops_name);
	if (ret != 0)
		return ret;

	std::lock_guard<std::mutex> guard(set_lock);
	bool created;
	const struct rte_memzone *mz = zone_for("user", user_zone, &created);
	if (mz == nullptr)
		return rte_errno != 0 ? -rte_errno : -ENOMEM;
	strcpy(static_cast<char *>(mz->addr), ops_name);
	return 0;
}

extern "C" const char *
rte_mbuf_user_mempool_ops(void)
{
	const char *name = stored_name(user_zone);
	if (name != nullptr)
		return name;
	return rte_eal_mbuf_user_pool_ops(); /* --mbuf-pool-ops-name, or NULL */
}

extern "C" const char *
rte_mbuf_best_mempool_ops(void)
{
	const char *name = rte_mbuf_user_mempool_ops();
	if (name != nullptr)
		return name;
	name = rte_mbuf_platform_mempool_ops();
	if (name != nullptr)
		return name;
	return RTE_MBUF_DEFAULT_MEMPOOL_OPS;
}
