/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The handler registry: a fixed table per process, filled by constructors
 * (RTE_MEMPOOL_REGISTER_OPS) before main(). Pools keep an index into it.
 * Entries are never removed, so an index stays valid for the process's
 * life and the inline fast path reads the table without a lock.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <atomic>

#include <rte_cycles.h>
#include <rte_errno.h>

#include "mempool_private.h"

struct rte_mempool_ops_table rte_mempool_ops_table = {
	.sl = RTE_SPINLOCK_INITIALIZER,
	.num_ops = 0,
	.ops = {},
};

namespace {

/* Index of the handler called @p name, or -1. Caller holds the table lock
 * or runs after registration is over. */
int
find_ops(const char *name)
{
	for (uint32_t i = 0; i < rte_mempool_ops_table.num_ops; i++)
		if (strcmp(name, rte_mempool_ops_table.ops[i].name) == 0)
			return (int)i;
	return -1;
}

} // namespace

extern "C" int
rte_mempool_register_ops(const struct rte_mempool_ops *h)
{
	if (h == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: register_ops(NULL)");
		return -EINVAL;
	}
	size_t len = strnlen(h->name, sizeof(h->name));
	if (len == 0 || len >= sizeof(h->name)) {
		MEMPOOL_LOG(ERR, "mempool: handler name is empty or longer than %d characters",
			    RTE_MEMPOOL_OPS_NAMESIZE - 1);
		return -EINVAL;
	}
	if (h->alloc == nullptr || h->free == nullptr || h->enqueue == nullptr ||
	    h->dequeue == nullptr || h->get_count == nullptr) {
		MEMPOOL_LOG(ERR,
			    "mempool: handler %s lacks alloc, free, enqueue, dequeue or get_count",
			    h->name);
		return -EINVAL;
	}

	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	int ret;
	if (find_ops(h->name) >= 0) {
		MEMPOOL_LOG(ERR, "mempool: handler %s is already registered", h->name);
		ret = -EEXIST;
	} else if (rte_mempool_ops_table.num_ops >= RTE_MEMPOOL_MAX_OPS_IDX) {
		MEMPOOL_LOG(ERR, "mempool: cannot register handler %s: all %d slots are taken",
			    h->name, RTE_MEMPOOL_MAX_OPS_IDX);
		ret = -ENOSPC;
	} else {
		ret = (int)rte_mempool_ops_table.num_ops;
		rte_mempool_ops_table.ops[ret] = *h;
		/* publish the entry before the count that makes it visible */
		std::atomic_ref(rte_mempool_ops_table.num_ops)
			.store((uint32_t)ret + 1, std::memory_order_release);
	}
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	return ret;
}

extern "C" int
rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name, void *pool_config)
{
	if (mp == nullptr || name == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: set_ops_byname needs a pool and a handler name");
		return -EINVAL;
	}
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED) {
		MEMPOOL_LOG(ERR, "mempool %s: handler cannot change once the pool has memory",
			    mp->name);
		return -EEXIST;
	}
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	int idx = find_ops(name);
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	if (idx < 0) {
		MEMPOOL_LOG(ERR, "mempool %s: no handler called \"%s\" is registered", mp->name,
			    name);
		return -EINVAL;
	}
	mp->ops_index = idx;
	mp->pool_config = pool_config;
	dpkit::mempool_detail::ops_bind(mp);
	return 0;
}

/* ---- wrappers ---- */

/*
 * A put the store refused. Only misuse gets here (every store has room for
 * all the objects of its pool, the RTS ring included: see
 * drivers/mempool/ring), and the objects cannot be kept anywhere else
 * without handing out a duplicate later, so they are counted: the count
 * fails rte_mempool_audit() and shows in rte_mempool_dump(). One log line
 * at a pool's first refusal, then at most one a second for the process, so
 * a loop that keeps misusing a pool does not flood the log.
 */
extern "C" void
__rte_mempool_store_refused(struct rte_mempool *mp, unsigned int n, int err)
{
	static std::atomic<uint64_t> last_log{0};
	uint64_t before =
		std::atomic_ref(mp->store_refused).fetch_add(n, std::memory_order_relaxed);
	uint64_t now = rte_get_timer_cycles();
	uint64_t last = last_log.load(std::memory_order_relaxed);
	bool log = before == 0;
	if (!log && now - last >= rte_get_timer_hz())
		log = last_log.compare_exchange_strong(last, now, std::memory_order_relaxed);
	if (log)
		MEMPOOL_LOG(ERR,
			    "mempool %s: the backing store (%s) refused %u objects (%s), "
			    "%" PRIu64 " so far; they are lost to the pool. Were objects put back "
			    "twice, or into the wrong pool?",
			    mp->name, rte_mempool_get_ops(mp->ops_index)->name, n,
			    rte_strerror(-err), before + n);
}

extern "C" int
rte_mempool_ops_alloc(struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->alloc(mp);
}

extern "C" void
rte_mempool_ops_free(struct rte_mempool *mp)
{
	rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
	if (ops->free != nullptr)
		ops->free(mp);
}

extern "C" unsigned
rte_mempool_ops_get_count(const struct rte_mempool *mp)
{
	if (!(mp->flags & RTE_MEMPOOL_F_POOL_CREATED))
		return 0;
	return rte_mempool_get_ops(mp->ops_index)->get_count(mp);
}

extern "C" ssize_t
rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num, uint32_t pg_shift,
			      size_t *min_chunk_size, size_t *align)
{
	rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
	if (ops->calc_mem_size == nullptr)
		return rte_mempool_op_calc_mem_size_default(mp, obj_num, pg_shift, min_chunk_size,
							    align);
	return ops->calc_mem_size(mp, obj_num, pg_shift, min_chunk_size, align);
}

extern "C" int
rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			 rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
			 void *obj_cb_arg)
{
	rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
	if (ops->populate == nullptr)
		return rte_mempool_op_populate_default(mp, max_objs, vaddr, iova, len, obj_cb,
						       obj_cb_arg);
	return ops->populate(mp, max_objs, vaddr, iova, len, obj_cb, obj_cb_arg);
}

extern "C" int
rte_mempool_ops_get_info(const struct rte_mempool *mp, struct rte_mempool_info *info)
{
	if (mp == nullptr || info == nullptr)
		return -EINVAL;
	rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
	if (ops->get_info == nullptr)
		return -ENOTSUP;
	return ops->get_info(mp, info);
}
