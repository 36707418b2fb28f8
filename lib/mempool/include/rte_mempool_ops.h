/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_MEMPOOL_OPS_H_
#define _RTE_MEMPOOL_OPS_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Mempool handlers ("ops"). Do not include this file directly: include
 * rte_mempool.h.
 *
 * A handler is the backing store of free objects (a ring, a stack, ...).
 * Handlers register themselves in a per-process table at start-up
 * (RTE_MEMPOOL_REGISTER_OPS); a pool names its handler by its index in
 * that table. Every process registers the same handlers in the same order,
 * so an index found in a pool in shared memory means the same handler in
 * each process, where a function pointer would not.
 */

#ifndef _RTE_MEMPOOL_H_
#error "include rte_mempool.h, not rte_mempool_ops.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_MEMPOOL_OPS_NAMESIZE 32 /**< Size of a handler's name, NUL included. */
#define RTE_MEMPOOL_MAX_OPS_IDX 16  /**< Most handlers one process can register. */

/** Create the backing store; sets mp->pool_data. 0 or -errno. */
typedef int (*rte_mempool_alloc_t)(struct rte_mempool *mp);

/** Free the backing store. */
typedef void (*rte_mempool_free_t)(struct rte_mempool *mp);

/** Store @p n objects. 0, or -errno with nothing stored. */
typedef int (*rte_mempool_enqueue_t)(struct rte_mempool *mp, void *const *obj_table,
				     unsigned int n);

/** Take @p n objects. 0, or -errno with nothing taken. */
typedef int (*rte_mempool_dequeue_t)(struct rte_mempool *mp, void **obj_table, unsigned int n);

/** Take @p n blocks of contiguous objects; the first object of each is returned. */
typedef int (*rte_mempool_dequeue_contig_blocks_t)(struct rte_mempool *mp, void **first_obj_table,
						   unsigned int n);

/** Objects in the backing store. */
typedef unsigned (*rte_mempool_get_count)(const struct rte_mempool *mp);

/**
 * Memory needed for @p obj_num objects.
 *
 * @param mp
 *   The pool.
 * @param obj_num
 *   Number of objects.
 * @param pg_shift
 *   log2 of the page size objects must not straddle; 0 when they may.
 * @param[out] min_chunk_size
 *   Smallest chunk worth adding (one that holds one object).
 * @param[out] align
 *   Alignment the memory should have.
 * @return
 *   Bytes needed, or -errno.
 */
typedef ssize_t (*rte_mempool_calc_mem_size_t)(const struct rte_mempool *mp, uint32_t obj_num,
					       uint32_t pg_shift, size_t *min_chunk_size,
					       size_t *align);

/**
 * @internal Default memory size computation, usable by handlers.
 * Without page constraint: objects times object size. With one: whole
 * pages, each holding as many objects as fit without straddling, after
 * @p chunk_reserve bytes kept at the start of each page (of the area when
 * pg_shift is 0). Objects larger than a page need IOVA-contiguous runs of
 * pages, which this assumes exist. min_chunk_size is one object (plus the
 * reserve); align is a cache line, or the page when pg_shift is not 0.
 */
ssize_t rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp, uint32_t obj_num,
					    uint32_t pg_shift, size_t chunk_reserve,
					    size_t *min_chunk_size, size_t *align);

/** The helper with no reserve: the default calc_mem_size. */
ssize_t rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp, uint32_t obj_num,
					     uint32_t pg_shift, size_t *min_chunk_size,
					     size_t *align);

/** Called by a handler's populate for each object it lays out. */
typedef void(rte_mempool_populate_obj_cb_t)(struct rte_mempool *mp, void *opaque, void *vaddr,
					    rte_iova_t iova);

/**
 * Lay out up to @p max_objs objects in a chunk and call @p obj_cb on each
 * (the library's callback stores them in the pool). With
 * iova == RTE_BAD_IOVA objects may straddle pages.
 * @return Objects laid out, or -errno with none laid out.
 */
typedef int (*rte_mempool_populate_t)(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
				      rte_iova_t iova, size_t len,
				      rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/** Place each object header at an address that is a multiple of the object size. */
#define RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ 0x0001

/**
 * @internal Default layout, usable by handlers: objects one after the
 * other, none straddling a page boundary of the pool's page size
 * (rte_mempool_get_page_size()), and with RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ
 * each header on a multiple of the total object size.
 * @return Objects laid out.
 */
int rte_mempool_op_populate_helper(struct rte_mempool *mp, unsigned int flags,
				   unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
				   rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/** The helper with no flags: the default populate. */
int rte_mempool_op_populate_default(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
				    rte_iova_t iova, size_t len,
				    rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/** Describe the handler (struct rte_mempool_info). */
typedef int (*rte_mempool_get_info_t)(const struct rte_mempool *mp, struct rte_mempool_info *info);

/** A handler. alloc, free, enqueue, dequeue and get_count are required. */
struct rte_mempool_ops {
	char name[RTE_MEMPOOL_OPS_NAMESIZE];       /**< Name, e.g. "ring_mp_mc". */
	rte_mempool_alloc_t alloc;                 /**< Create the backing store. */
	rte_mempool_free_t free;                   /**< Free it. */
	rte_mempool_enqueue_t enqueue;             /**< Store objects. */
	rte_mempool_dequeue_t dequeue;             /**< Take objects. */
	rte_mempool_get_count get_count;           /**< Count stored objects. */
	rte_mempool_calc_mem_size_t calc_mem_size; /**< Optional; default helper otherwise. */
	rte_mempool_populate_t populate;           /**< Optional; default helper otherwise. */
	rte_mempool_get_info_t get_info;           /**< Optional. */
	rte_mempool_dequeue_contig_blocks_t dequeue_contig_blocks; /**< Optional. */
} __rte_cache_aligned;

/**
 * The handlers registered in this process. Each process has its own copy;
 * pools refer to entries by index.
 */
struct rte_mempool_ops_table {
	rte_spinlock_t sl;                                   /**< Taken while registering. */
	uint32_t num_ops;                                    /**< Entries in use. */
	struct rte_mempool_ops ops[RTE_MEMPOOL_MAX_OPS_IDX]; /**< The entries. */
} __rte_cache_aligned;

/** This process's handlers. */
extern struct rte_mempool_ops_table rte_mempool_ops_table;

/**
 * @internal The handler at @p ops_index (0 <= ops_index < num_ops; a bad
 * index stops the process rather than jump through garbage).
 */
static inline struct rte_mempool_ops *
rte_mempool_get_ops(int ops_index)
{
	RTE_VERIFY((ops_index >= 0) && (ops_index < RTE_MEMPOOL_MAX_OPS_IDX));
	return &rte_mempool_ops_table.ops[ops_index];
}

/** @internal Create the backing store of @p mp. 0 or -errno. */
int rte_mempool_ops_alloc(struct rte_mempool *mp);

/**
 * @internal Take @p n objects from the backing store.
 * @return 0, or -errno (nothing taken).
 */
static inline int
rte_mempool_ops_dequeue_bulk(struct rte_mempool *mp, void **obj_table, unsigned n)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
	int ret;

	/* no store before the first populate call: as empty, not a crash */
	if (unlikely(!(mp->flags & RTE_MEMPOOL_F_POOL_CREATED)))
		return -ENOENT;
	ret = ops->dequeue(mp, obj_table, n);
	if (ret == 0) {
		/* objects out of the store, not yet in a cache or the caller's hands */
		DPKIT_STALL_POINT("mempool.store.dequeued");
		RTE_MEMPOOL_STAT_ADD(mp, get_common_pool_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_common_pool_objs, n);
	}
	return ret;
}

/**
 * @internal Take @p n contiguous blocks from the backing store.
 * @return 0, -ENOBUFS when there are not enough, -EOPNOTSUPP when the
 * handler has no blocks.
 */
static inline int
rte_mempool_ops_dequeue_contig_blocks(struct rte_mempool *mp, void **first_obj_table,
				      unsigned int n)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->dequeue_contig_blocks == NULL)
		return -EOPNOTSUPP;
	return ops->dequeue_contig_blocks(mp, first_obj_table, n);
}

/**
 * @internal Count @p n objects the backing store of @p mp refused
 * (mp->store_refused) and say so in the log, rate-limited. Out of line:
 * only misuse gets here.
 */
void __rte_mempool_store_refused(struct rte_mempool *mp, unsigned int n, int err);

/**
 * @internal Store @p n objects in the backing store.
 * @return 0, or -errno: nothing stored, and the objects are counted as
 * refused (see rte_mempool.store_refused). A pool's own store always has
 * room for all its objects, so this only fails on misuse.
 */
static inline int
rte_mempool_ops_enqueue_bulk(struct rte_mempool *mp, void *const *obj_table, unsigned n)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
	int ret;

	RTE_MEMPOOL_STAT_ADD(mp, put_common_pool_bulk, 1);
	RTE_MEMPOOL_STAT_ADD(mp, put_common_pool_objs, n);
	/* objects out of a cache (or the caller's hands), not yet stored */
	DPKIT_STALL_POINT("mempool.store.enqueue");
	/* no store before the first populate call: nothing can be its object */
	if (unlikely(!(mp->flags & RTE_MEMPOOL_F_POOL_CREATED)))
		ret = -ENOBUFS;
	else
		ret = ops->enqueue(mp, obj_table, n);
	if (unlikely(ret < 0))
		__rte_mempool_store_refused(mp, n, ret);
	return ret;
}

/** @internal Objects in the backing store (0 when it does not exist yet). */
unsigned rte_mempool_ops_get_count(const struct rte_mempool *mp);

/**
 * @internal Memory needed for @p obj_num objects of @p mp: the handler's
 * calc_mem_size, or the default. See rte_mempool_calc_mem_size_t.
 */
ssize_t rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num,
				      uint32_t pg_shift, size_t *min_chunk_size, size_t *align);

/**
 * @internal Lay out objects in a chunk: the handler's populate, or the
 * default. See rte_mempool_populate_t.
 */
int rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
			     rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
			     void *obj_cb_arg);

/**
 * Ask the handler of @p mp to describe itself.
 * @return 0, -ENOTSUP when it cannot (a normal answer), -EINVAL on bad
 * arguments.
 */
int rte_mempool_ops_get_info(const struct rte_mempool *mp, struct rte_mempool_info *info);

/** @internal Free the backing store of @p mp. */
void rte_mempool_ops_free(struct rte_mempool *mp);

/**
 * Choose the handler of a pool that has no memory yet.
 * @param mp
 *   The pool.
 * @param name
 *   Name the handler was registered with.
 * @param pool_config
 *   Stored in mp->pool_config for the handler.
 * @return
 *   - 0: done
 *   - -EEXIST: the pool already has its backing store (populated)
 *   - -ENOENT / -EINVAL: no handler of that name / bad argument
 */
int rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name, void *pool_config);

/**
 * Register a handler in this process.
 * @return
 *   - >=0: its index
 *   - -EINVAL: a required callback is missing, or the name is empty or too long
 *   - -EEXIST: a handler of that name is registered
 *   - -ENOSPC: RTE_MEMPOOL_MAX_OPS_IDX handlers already
 */
int rte_mempool_register_ops(const struct rte_mempool_ops *ops);

/**
 * Register a handler when the program or library loads. An error is
 * logged, not returned.
 */
#define RTE_MEMPOOL_REGISTER_OPS(ops) \
	RTE_INIT(mp_hdlr_init_##ops) \
	{ \
		rte_mempool_register_ops(&(ops)); \
	}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MEMPOOL_OPS_H_ */
