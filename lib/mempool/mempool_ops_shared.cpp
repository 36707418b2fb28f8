/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Handler indexes across processes. A pool records its handler as an
 * index in the per-process table (the inline get/put paths read
 * rte_mempool_ops_table.ops[mp->ops_index]); two processes agree on an
 * index only if their tables hold the same name there. So a pool also
 * records the handler's name (after its private area, in its memzone), and
 * a secondary that meets a pool moves its own table entry of that name to
 * the pool's index, while it has bound no index itself; it refuses a pool
 * whose index it cannot match (doc/guides/prog_guide/multi_proc_support.rst).
 */

#include <errno.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>

#include "mempool_private.h"

namespace dpkit::mempool_detail {

namespace {

/* This secondary has bound an index (a pool of its own): entries stay. */
bool bound;

/* Caller holds the table lock. */
int
local_index(const char *name)
{
	for (uint32_t i = 0; i < rte_mempool_ops_table.num_ops; i++)
		if (strncmp(rte_mempool_ops_table.ops[i].name, name, RTE_MEMPOOL_OPS_NAMESIZE) == 0)
			return (int)i;
	return -1;
}

/* Where @p mp records its handler's name, or nullptr for a structure
 * that rte_mempool_create_empty() did not lay out (it has no room). */
char *
recorded_name(const rte_mempool *mp)
{
	size_t off = RTE_MEMPOOL_HEADER_SIZE(mp, mp->cache_size) + mp->private_data_size;
	const rte_memzone *mz = mp->mz;
	if (mz == nullptr || mz->addr != mp || mz->len < off + RTE_MEMPOOL_OPS_NAMESIZE)
		return nullptr;
	return static_cast<char *>(RTE_PTR_ADD(mp, off));
}

} // namespace

size_t
ops_name_size()
{
	return RTE_MEMPOOL_OPS_NAMESIZE;
}

void
ops_bind(rte_mempool *mp)
{
	char *rec = recorded_name(mp);
	if (rec != nullptr)
		memcpy(rec, rte_mempool_get_ops(mp->ops_index)->name, RTE_MEMPOOL_OPS_NAMESIZE);
	if (rte_eal_process_type() == RTE_PROC_SECONDARY)
		bound = true;
}

int
ops_check_shared(const rte_mempool *mp)
{
	if (rte_eal_process_type() != RTE_PROC_SECONDARY)
		return 0;
	const char *rec = recorded_name(mp);
	if (rec == nullptr)
		return 0;
	char want[RTE_MEMPOOL_OPS_NAMESIZE];
	memcpy(want, rec, sizeof(want));
	want[sizeof(want) - 1] = '\0';
	int32_t idx = mp->ops_index;
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	int here = local_index(want);
	bool ok = here == idx;
	if (!ok && here >= 0 && !bound && idx >= 0 &&
	    (uint32_t)idx < rte_mempool_ops_table.num_ops) {
		rte_mempool_ops tmp = rte_mempool_ops_table.ops[idx];
		rte_mempool_ops_table.ops[idx] = rte_mempool_ops_table.ops[here];
		rte_mempool_ops_table.ops[here] = tmp;
		ok = true;
	}
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	if (ok)
		return 0;
	if (here < 0)
		MEMPOOL_LOG(ERR,
			    "mempool %s: its handler \"%s\" is not registered in this "
			    "process; register it as the primary does",
			    mp->name, want);
	else
		MEMPOOL_LOG(ERR,
			    "mempool %s: its handler \"%s\" is at index %d in the primary "
			    "but %d here, and this process has pools of its own; look the "
			    "primary's pools up before creating any",
			    mp->name, want, idx, here);
	return -EINVAL;
}

} // namespace dpkit::mempool_detail
