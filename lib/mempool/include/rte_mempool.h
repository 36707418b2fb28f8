/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_MEMPOOL_H_
#define _RTE_MEMPOOL_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Pools of fixed-size objects.
 *
 * A pool hands out objects of one size. It is built in two steps: an empty
 * pool is created (rte_mempool_create_empty()), then memory is added to it:
 * by rte_mempool_populate_default() or rte_mempool_populate_anon(), which
 * fill an empty pool in one call, or by any number of
 * rte_mempool_populate_iova()/rte_mempool_populate_virt() calls, each
 * bringing the caller's memory. Each call adds one or more *memory
 * chunks* (struct rte_mempool_memhdr: virtual address, IOVA, length), and
 * the chunk is cut into objects. Chunks need not be contiguous with each
 * other, so a large pool does not need one large contiguous area: it only
 * needs enough memory in total. Every object is preceded by a header that
 * names its pool and records the object's own IOVA.
 *
 * rte_mempool_create() does all the steps in one call, taking memory from
 * memzones and falling back to smaller chunks when memory is fragmented.
 *
 * Free objects live in a backing store chosen by name (the pool's *ops*,
 * e.g. "ring_mp_mc"). In front of it each lcore has its own cache of free
 * objects, so that most rte_mempool_get()/rte_mempool_put() calls touch only
 * lcore-private memory. A cache is not thread-safe: only the thread that
 * runs as that lcore may use it.
 *
 * Threads that are not lcores (lcore id LCORE_ID_ANY: application threads,
 * control threads, language runtimes) get a cache of their own from dpkit
 * (DPDK 22.11 sends them straight to the backing store): the first get or
 * put of such a thread on a pool with caches makes the thread a cache of
 * the pool's cache_size, and rte_mempool_default_cache(mp, LCORE_ID_ANY)
 * returns it. The design, in short (rte_mempool_cache_ops.h has the hot
 * path, mempool_thread_cache.cpp the rest):
 *  - found in O(1): each thread has a table of
 *    RTE_MEMPOOL_THREAD_CACHE_SLOTS entries in thread-local storage; a pool
 *    uses entry thread_cache_index of it, and a copy of the entry used last
 *    is checked first. A pool that finds its entry taken by another pool
 *    evicts it: that pool's cache goes back to its store.
 *  - bounded: a thread holds at most one cache per pool and at most
 *    RTE_MEMPOOL_THREAD_CACHE_SLOTS caches; a pool has at most
 *    RTE_MEMPOOL_THREAD_CACHES_PER_POOL thread caches per process (later
 *    threads go to the store), so thread caches hold at most that many
 *    times 1.5 cache_size objects of a pool, as lcore caches do.
 *  - given back: when the thread exits, each of its caches is emptied into
 *    its pool (a pthread key destructor, so for threads of any origin);
 *    rte_mempool_free() drops every thread cache of the pool first.
 *  - counted: rte_mempool_avail_count() includes what the thread caches
 *    of this process hold.
 *  - not shared: a cache is only used by its thread, so a thread
 *    preempted in the middle of a get or put holds up no other.
 * No thread cache is made for a pool created with cache_size 0 or with
 * RTE_MEMPOOL_F_SP_PUT or RTE_MEMPOOL_F_SC_GET: a cache sends objects to
 * the store when its thread exits, a put the single-producer promise does
 * not allow for. Such pools, and threads past the per-pool bound, go to
 * the store as in DPDK. A cache made with rte_mempool_cache_create() and
 * passed to rte_mempool_generic_get()/rte_mempool_generic_put() works as in
 * DPDK: its owner flushes it, and it is not counted.
 *
 * An object must only be returned to the pool it came from. The pool does
 * not touch the contents of a free object.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <inttypes.h>
#include <sys/queue.h>
#include <sys/types.h>

#include <rte_config.h>
#include <rte_common.h>
#include <rte_branch_prediction.h>
#include <rte_debug.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_ring.h>
#include <rte_spinlock.h>
#include <dpkit_stall.h> /* DPKIT_STALL_POINT: empty unless -Dstall_injection=true */

#ifdef __cplusplus
extern "C" {
#endif

/* Singly linked list macros under DPDK's names, when no other header gave them. */
#ifndef RTE_STAILQ_HEAD
#define RTE_STAILQ_HEAD(name, type) STAILQ_HEAD(name, type)
#endif
#ifndef RTE_STAILQ_ENTRY
#define RTE_STAILQ_ENTRY(type) STAILQ_ENTRY(type)
#endif

/** Header cookie of an object that is free (debug builds). */
#define RTE_MEMPOOL_HEADER_COOKIE1 0xbadbadbadadd2e55ULL
/** Header cookie of an object that is handed out (debug builds). */
#define RTE_MEMPOOL_HEADER_COOKIE2 0xf2eef2eedadd2e55ULL
/** Trailer cookie, the same whether the object is free or not (debug builds). */
#define RTE_MEMPOOL_TRAILER_COOKIE 0xadd2e55badbadbadULL

/** Prefix of the memzone names a pool owns. */
#define RTE_MEMPOOL_MZ_PREFIX "MP_"
/** Name of the memzone holding a pool's structure: "MP_<pool name>". */
#define RTE_MEMPOOL_MZ_FORMAT RTE_MEMPOOL_MZ_PREFIX "%s"
/**
 * Size of a pool's name buffer, terminating NUL included. It is chosen so
 * that "MP_<name>" still fits a ring name, because the default handler
 * names its ring that way. A longer name is refused (ENAMETOOLONG).
 */
#define RTE_MEMPOOL_NAMESIZE (RTE_RING_NAMESIZE - sizeof(RTE_MEMPOOL_MZ_PREFIX) + 1)

#ifndef RTE_MEMPOOL_ALIGN
/** Default alignment of objects. */
#define RTE_MEMPOOL_ALIGN RTE_CACHE_LINE_SIZE
#endif
#define RTE_MEMPOOL_ALIGN_MASK (RTE_MEMPOOL_ALIGN - 1) /**< Alignment mask. */

/* ---- pool flags ---- */

/** Do not pad objects to spread them over memory channels and ranks. */
#define RTE_MEMPOOL_F_NO_SPREAD 0x0001
/** Do not align objects on cache lines (implies RTE_MEMPOOL_F_NO_SPREAD). */
#define RTE_MEMPOOL_F_NO_CACHE_ALIGN 0x0002
/** rte_mempool_put() is only called by one thread at a time. */
#define RTE_MEMPOOL_F_SP_PUT 0x0004
/** rte_mempool_get() is only called by one thread at a time. */
#define RTE_MEMPOOL_F_SC_GET 0x0008
/** Set by the library once the backing store exists (not a user flag). */
#define RTE_MEMPOOL_F_POOL_CREATED 0x0010
/** Objects need not be IOVA-contiguous: they may straddle pages. */
#define RTE_MEMPOOL_F_NO_IOVA_CONTIG 0x0020
/** Set by the library while no object may be used for DMA (not a user flag):
 * from rte_mempool_create_empty() until a chunk with an IOVA is added to a
 * pool without RTE_MEMPOOL_F_NO_IOVA_CONTIG. */
#define RTE_MEMPOOL_F_NON_IO 0x0040

/* Older spellings of the flags, still accepted. */
#define MEMPOOL_F_NO_SPREAD RTE_MEMPOOL_F_NO_SPREAD
#define MEMPOOL_F_NO_CACHE_ALIGN RTE_MEMPOOL_F_NO_CACHE_ALIGN
#define MEMPOOL_F_SP_PUT RTE_MEMPOOL_F_SP_PUT
#define MEMPOOL_F_SC_GET RTE_MEMPOOL_F_SC_GET
#define MEMPOOL_F_NO_IOVA_CONTIG RTE_MEMPOOL_F_NO_IOVA_CONTIG

/** The flags an application may pass to rte_mempool_create(). */
#define RTE_MEMPOOL_VALID_USER_FLAGS \
	(RTE_MEMPOOL_F_NO_SPREAD | RTE_MEMPOOL_F_NO_CACHE_ALIGN | RTE_MEMPOOL_F_SP_PUT | \
	 RTE_MEMPOOL_F_SC_GET | RTE_MEMPOOL_F_NO_IOVA_CONTIG)

/* ---- statistics (RTE_LIBRTE_MEMPOOL_STATS builds) ---- */

#ifdef RTE_LIBRTE_MEMPOOL_STATS
/** Counters of one lcore for one pool. Cache hits are the difference
 * between the totals and the *_common_pool_* counters. */
struct rte_mempool_debug_stats {
	uint64_t put_bulk;             /**< put calls */
	uint64_t put_objs;             /**< objects put */
	uint64_t put_common_pool_bulk; /**< enqueues to the backing store */
	uint64_t put_common_pool_objs; /**< objects enqueued to the backing store */
	uint64_t get_common_pool_bulk; /**< dequeues from the backing store */
	uint64_t get_common_pool_objs; /**< objects dequeued from the backing store */
	uint64_t get_success_bulk;     /**< get calls that succeeded */
	uint64_t get_success_objs;     /**< objects handed out */
	uint64_t get_fail_bulk;        /**< get calls that failed */
	uint64_t get_fail_objs;        /**< objects asked for in failed calls */
	uint64_t get_success_blks;     /**< contiguous blocks handed out */
	uint64_t get_fail_blks;        /**< contiguous blocks asked for in failed calls */
} __rte_cache_aligned;
#endif

/* ---- structures ---- */

/**
 * A cache of free objects: one per lcore inside each pool, or owned by a
 * thread (rte_mempool_cache_create()). Objects are kept as a stack, the
 * most recently freed on top.
 */
struct rte_mempool_cache {
	uint32_t size;        /**< Nominal size (the pool's cache_size). */
	uint32_t flushthresh; /**< Most objects the cache holds before it spills. */
	uint32_t len;         /**< Objects in the cache now. */
#ifdef RTE_LIBRTE_MEMPOOL_STATS
	uint32_t unused;
	/** The hottest counters, kept here so a cache hit only touches the cache. */
	struct {
		uint64_t put_bulk;
		uint64_t put_objs;
		uint64_t get_success_bulk;
		uint64_t get_success_objs;
	} stats;
#endif
	/** The stack; twice the largest size, so a put can overflow before it spills. */
	void *objs[RTE_MEMPOOL_CACHE_MAX_SIZE * 2] __rte_cache_aligned;
} __rte_cache_aligned;

/** The parts of an object's size (rte_mempool_calc_obj_size()). */
struct rte_mempool_objsz {
	uint32_t elt_size;     /**< Size the user asked for. */
	uint32_t header_size;  /**< Bytes before the object (its header and padding). */
	uint32_t trailer_size; /**< Bytes after the object (cookie and padding). */
	uint32_t total_size;   /**< header_size + elt_size + trailer_size. */
};

/**
 * The header right before every object: the pool it belongs to, its IOVA
 * (RTE_BAD_IOVA when it has none) and its place in the pool's object list.
 */
struct rte_mempool_objhdr {
	RTE_STAILQ_ENTRY(rte_mempool_objhdr) next; /**< Next object of the pool. */
	struct rte_mempool *mp;                    /**< Owning pool. */
	rte_iova_t iova;                           /**< IO address of the object. */
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	uint64_t cookie; /**< COOKIE1 free, COOKIE2 in use. */
#endif
};

/** List of a pool's objects, in the order they were added. */
RTE_STAILQ_HEAD(rte_mempool_objhdr_list, rte_mempool_objhdr);

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
/** Cookie after every object (debug builds), to catch overruns. */
struct rte_mempool_objtlr {
	uint64_t cookie; /**< RTE_MEMPOOL_TRAILER_COOKIE */
};
#endif

/** List of a pool's memory chunks, in the order they were added. */
RTE_STAILQ_HEAD(rte_mempool_memhdr_list, rte_mempool_memhdr);

/** Called for a chunk when its pool is freed, to give the memory back. */
typedef void(rte_mempool_memchunk_free_cb_t)(struct rte_mempool_memhdr *memhdr, void *opaque);

/**
 * One memory chunk of a pool. A chunk is virtually contiguous and, unless
 * its iova is RTE_BAD_IOVA, IOVA-contiguous too.
 */
struct rte_mempool_memhdr {
	RTE_STAILQ_ENTRY(rte_mempool_memhdr) next; /**< Next chunk of the pool. */
	struct rte_mempool *mp;                    /**< Owning pool. */
	void *addr;                                /**< Virtual address. */
	rte_iova_t iova;                           /**< IO address, or RTE_BAD_IOVA. */
	size_t len;                                /**< Length in bytes. */
	rte_mempool_memchunk_free_cb_t *free_cb;   /**< Gives the memory back; may be NULL. */
	void *opaque;                              /**< Argument of free_cb. */
};

/** What a handler can tell about itself (rte_mempool_ops_get_info()). */
struct rte_mempool_info {
	/** Objects per block for rte_mempool_get_contig_blocks(); 0 = unsupported. */
	unsigned int contig_block_size;
} __rte_cache_aligned;

/**
 * A pool. Applications read these fields; only the library writes them.
 * The structure lives in a memzone, followed by the per-lcore caches (when
 * cache_size is not 0) and then the private data area.
 */
struct rte_mempool {
	char name[RTE_MEMPOOL_NAMESIZE]; /**< Name of the pool. */
	RTE_STD_C11
	union {
		void *pool_data;  /**< The handler's backing store (e.g. a ring). */
		uint64_t pool_id; /**< Or the handler's identifier for it. */
	};
	void *pool_config;            /**< Argument given to rte_mempool_set_ops_byname(). */
	const struct rte_memzone *mz; /**< Memzone holding this structure. */
	unsigned int flags;           /**< RTE_MEMPOOL_F_* */
	int socket_id;                /**< Socket asked for at creation. */
	uint32_t size;                /**< Most objects the pool can hold. */
	uint32_t cache_size;          /**< Size of each per-lcore cache; 0 = none. */

	uint32_t elt_size;     /**< Object size asked for. */
	uint32_t header_size;  /**< Bytes before each object. */
	uint32_t trailer_size; /**< Bytes after each object. */

	unsigned private_data_size; /**< Size of the private area after the caches. */
	/**
	 * Handler of this pool, as an index in rte_mempool_ops_table: indexes
	 * mean the same in every process, function pointers would not.
	 */
	int32_t ops_index;

	struct rte_mempool_cache *local_cache; /**< Per-lcore caches, or NULL. */
	/**
	 * dpkit: entry of this pool in the cache table of each thread that is
	 * not an lcore (rte_mempool_cache_ops.h), modulo the table's size. The
	 * library gives each pool the lowest number no other listed pool has,
	 * so that pools alive together take different entries.
	 */
	uint32_t thread_cache_index;
	/**
	 * dpkit: when the pool was created, in ns of CLOCK_MONOTONIC, distinct
	 * for every pool a process creates: with the pool's address it tells a
	 * thread's cache of this pool from one of an earlier pool freed at the
	 * same address.
	 */
	uint64_t thread_cache_stamp;

	uint32_t populated_size;                 /**< Objects added so far. */
	struct rte_mempool_objhdr_list elt_list; /**< All objects. */
	uint32_t nb_mem_chunks;                  /**< Number of chunks in mem_list. */
	struct rte_mempool_memhdr_list mem_list; /**< All memory chunks. */
	/**
	 * dpkit: objects the backing store refused on a put, lost to the pool.
	 * A store always has room for every object of its pool, so only misuse
	 * (an object put back twice or into the wrong pool) refuses a put; it
	 * is logged, shown by rte_mempool_dump() and fails rte_mempool_audit().
	 */
	uint64_t store_refused;

#ifdef RTE_LIBRTE_MEMPOOL_STATS
	/** Per-lcore counters; the last slot is shared by non-EAL threads. */
	struct rte_mempool_debug_stats stats[RTE_MAX_LCORE + 1];
#endif
} __rte_cache_aligned;

/* ---- instrumentation: compiled away unless asked for ---- */

/** @internal Add @p n to counter @p name of the calling lcore. */
#ifdef RTE_LIBRTE_MEMPOOL_STATS
#define RTE_MEMPOOL_STAT_ADD(mp, name, n) \
	do { \
		unsigned int __lcore_id = rte_lcore_id(); \
		if (likely(__lcore_id < RTE_MAX_LCORE)) \
			(mp)->stats[__lcore_id].name += (n); \
		else /* slot shared by non-EAL threads */ \
			__atomic_fetch_add(&((mp)->stats[RTE_MAX_LCORE].name), (n), \
					   __ATOMIC_RELAXED); \
	} while (0)
#else
#define RTE_MEMPOOL_STAT_ADD(mp, name, n) \
	do { \
	} while (0)
#endif

/** @internal Add @p n to counter @p name of a cache. */
#ifdef RTE_LIBRTE_MEMPOOL_STATS
#define RTE_MEMPOOL_CACHE_STAT_ADD(cache, name, n) ((cache)->stats.name += (n))
#else
#define RTE_MEMPOOL_CACHE_STAT_ADD(cache, name, n) \
	do { \
	} while (0)
#endif

/**
 * @internal Bytes of the pool structure plus its per-lcore caches: where
 * the private data area starts.
 */
#define RTE_MEMPOOL_HEADER_SIZE(mp, cs) \
	(sizeof(*(mp)) + (((cs) == 0) ? 0 : (sizeof(struct rte_mempool_cache) * RTE_MAX_LCORE)))

/** @internal The header of a pool object. */
static inline struct rte_mempool_objhdr *
rte_mempool_get_header(void *obj)
{
	return (struct rte_mempool_objhdr *)RTE_PTR_SUB(obj, sizeof(struct rte_mempool_objhdr));
}

/**
 * The pool an object belongs to.
 * @param obj
 *   An object of some pool (anything else: undefined behaviour).
 * @return
 *   The owning pool.
 */
static inline struct rte_mempool *
rte_mempool_from_obj(void *obj)
{
	return rte_mempool_get_header(obj)->mp;
}

/**
 * @internal Where an object's trailer starts: the byte after the object.
 * The trailer holds a cookie in debug builds and is empty otherwise.
 */
static inline struct rte_mempool_objtlr *
rte_mempool_get_trailer(void *obj)
{
	struct rte_mempool *mp = rte_mempool_from_obj(obj);
	return (struct rte_mempool_objtlr *)RTE_PTR_ADD(obj, mp->elt_size);
}

/**
 * @internal Check the cookies of @p n objects, and flip them, or panic
 * with a message naming the object and what is wrong (foreign object,
 * double free, overwritten header or trailer). Does nothing unless the
 * library was built with RTE_LIBRTE_MEMPOOL_DEBUG.
 * @param free
 *   0: the objects are being put back (must be in use; become free),
 *   1: the objects are being handed out (must be free; become in use),
 *   2: only check that the cookies are valid.
 */
void rte_mempool_check_cookies(const struct rte_mempool *mp, void *const *obj_table_const,
			       unsigned n, int free);

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
#define RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table_const, n, free) \
	rte_mempool_check_cookies(mp, obj_table_const, n, free)
#else
#define RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table_const, n, free) \
	do { \
	} while (0)
#endif

/**
 * @internal rte_mempool_check_cookies() for every object of @p n blocks
 * handed out by rte_mempool_get_contig_blocks().
 */
void rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
					     void *const *first_obj_table_const, unsigned int n,
					     int free);

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
#define RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table_const, n, free) \
	rte_mempool_contig_blocks_check_cookies(mp, first_obj_table_const, n, free)
#else
#define RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table_const, n, free) \
	do { \
	} while (0)
#endif

#ifdef __cplusplus
}
#endif

/* Handlers (ops): their table and the inline calls into them. */
#include <rte_mempool_ops.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- building and freeing pools ---- */

/** Called for each object by rte_mempool_create() and rte_mempool_obj_iter(). */
typedef void(rte_mempool_obj_cb_t)(struct rte_mempool *mp, void *opaque, void *obj,
				   unsigned obj_idx);
typedef rte_mempool_obj_cb_t rte_mempool_obj_ctor_t; /**< Older name. */

/** Called for each memory chunk by rte_mempool_mem_iter(). */
typedef void(rte_mempool_mem_cb_t)(struct rte_mempool *mp, void *opaque,
				   struct rte_mempool_memhdr *memhdr, unsigned mem_idx);

/** Called once by rte_mempool_create() before objects are initialised. */
typedef void(rte_mempool_ctor_t)(struct rte_mempool *, void *);

/**
 * Create a pool and fill it: rte_mempool_create_empty(), then the ring
 * handler that matches the SP/SC flags, then rte_mempool_populate_default()
 * (memzones; many chunks when memory is fragmented), then @p mp_init on
 * the pool and @p obj_init on every object.
 *
 * @param name
 *   Name, at most RTE_MEMPOOL_NAMESIZE - 1 characters.
 * @param n
 *   Number of objects.
 * @param elt_size
 *   Size of each object.
 * @param cache_size
 *   Size of each per-lcore cache, 0 for none; at most
 *   RTE_MEMPOOL_CACHE_MAX_SIZE and at most n / 1.5.
 * @param private_data_size
 *   Size of the private area (rte_mempool_get_priv()).
 * @param mp_init, mp_init_arg
 *   Optional pool constructor and its argument.
 * @param obj_init, obj_init_arg
 *   Optional object constructor and its argument. It runs on each zone's
 *   objects as soon as the zone is laid out. A C++ caller's constructor
 *   may throw: the pool is then freed (everything it took given back) and
 *   the exception propagates to the caller.
 * @param socket_id
 *   NUMA socket for the memory, or SOCKET_ID_ANY.
 * @param flags
 *   RTE_MEMPOOL_F_* from RTE_MEMPOOL_VALID_USER_FLAGS.
 * @return
 *   The pool, or NULL with rte_errno set:
 *   - EINVAL: bad size, cache too large, unknown flag
 *   - ENAMETOOLONG: name too long
 *   - EEXIST: a pool (or memzone) with this name exists
 *   - ENOSPC: no memzone slot left
 *   - ENOMEM: not enough memory, even in many chunks
 */
struct rte_mempool *rte_mempool_create(const char *name, unsigned n, unsigned elt_size,
				       unsigned cache_size, unsigned private_data_size,
				       rte_mempool_ctor_t *mp_init, void *mp_init_arg,
				       rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
				       int socket_id, unsigned flags);

/**
 * Create a pool with no memory yet; add memory with rte_mempool_populate_*().
 * Parameters and errors as rte_mempool_create(). The handler is
 * "ring_mp_mc" (RTE_MBUF_DEFAULT_MEMPOOL_OPS) until
 * rte_mempool_set_ops_byname() says otherwise.
 */
struct rte_mempool *rte_mempool_create_empty(const char *name, unsigned n, unsigned elt_size,
					     unsigned cache_size, unsigned private_data_size,
					     int socket_id, unsigned flags);

/**
 * Free a pool: fire RTE_MEMPOOL_EVENT_DESTROY, unlink it, drop the caches
 * this process's non-EAL threads hold for it, give every chunk back (free
 * callbacks), free the backing store and the structure. Objects still held
 * by users become invalid. No thread may be using the pool meanwhile. NULL
 * is accepted.
 */
void rte_mempool_free(struct rte_mempool *mp);

/**
 * Add one chunk that is virtually and IOVA-contiguous.
 *
 * @param mp
 *   The pool.
 * @param vaddr, iova, len
 *   The chunk. With iova == RTE_BAD_IOVA objects get no IOVA and may
 *   straddle pages. The IOVA is kept as given in a
 *   RTE_MEMPOOL_F_NO_IOVA_CONTIG pool too, which stays RTE_MEMPOOL_F_NON_IO.
 * @param free_cb, opaque
 *   Called by rte_mempool_free() to give the chunk back; may be NULL.
 * @return
 *   - >0: objects added
 *   - 0: the chunk cannot hold one object; it is not added
 *   - -ENOSPC: the pool is already full
 *   - -EINVAL: bad argument
 *   - -ENOMEM: no memory for the chunk's bookkeeping
 */
int rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr, rte_iova_t iova, size_t len,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);

/**
 * Add a virtually contiguous area made of pages of @p pg_sz bytes. The IOVA
 * of each page is looked up (rte_mem_virt2iova()) and each run of
 * IOVA-contiguous pages becomes one chunk. Only the first chunk carries
 * @p free_cb. In a RTE_MEMPOOL_F_NO_IOVA_CONTIG pool the area is one chunk
 * without IOVA: rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, ...).
 * Returns and errors as rte_mempool_populate_iova(), except that a full
 * pool (without RTE_MEMPOOL_F_NO_IOVA_CONTIG) returns 0, as DPDK does: no
 * page of the area was taken. On error nothing of this area stays in the
 * pool, except after -EBUSY: objects of the runs already added were handed
 * out meanwhile (by an event callback, another thread), so those runs stay,
 * and rte_mempool_free() gives the area back through @p free_cb.
 */
int rte_mempool_populate_virt(struct rte_mempool *mp, char *addr, size_t len, size_t pg_sz,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);

/**
 * Fill an empty pool from memzones: one IOVA-contiguous zone when there is
 * one, otherwise page-split zones, otherwise the largest free blocks one
 * after the other. Checks first that enough memory is free in total and
 * fails at once (ENOMEM, one log line with the numbers) when it is not. On
 * failure every zone this call took is given back, except zones whose
 * objects were handed out meanwhile (-EBUSY): those stay in the pool until
 * rte_mempool_free().
 * @return
 *   - mp->size: every object added
 *   - -EEXIST: the pool has memory chunks already (add more with
 *     rte_mempool_populate_iova() or rte_mempool_populate_virt())
 *   - -EINVAL: @p mp is NULL
 *   - -ENOMEM: memory is short
 *   - -EBUSY: as above
 */
int rte_mempool_populate_default(struct rte_mempool *mp);

/**
 * Fill an empty pool from one anonymous mapping (no hugepages), locked in
 * RAM with mlock(). Each run of its pages whose IOVAs follow each other
 * (rte_mem_virt2iova(): the address itself in IOVA-as-VA mode, the
 * physical address in PA mode) becomes a chunk with that IOVA, so the pool
 * is RTE_MEMPOOL_F_NON_IO only when the IOVAs are unknown or the pool has
 * RTE_MEMPOOL_F_NO_IOVA_CONTIG.
 * @return
 *   mp->populated_size (every object) on success, or 0 with rte_errno set:
 *   - EINVAL: @p mp is NULL, or the pool has memory chunks already
 *   - ENOMEM: the mapping failed
 *   - EPERM, ENOMEM, EAGAIN: mlock() refused (RLIMIT_MEMLOCK, ulimit -l);
 *     nothing is left mapped
 */
int rte_mempool_populate_anon(struct rte_mempool *mp);

/**
 * Call @p obj_cb for every object, in the order they were added.
 * @return Number of objects visited.
 */
uint32_t rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb,
			      void *obj_cb_arg);

/**
 * Call @p mem_cb for every memory chunk, in the order they were added.
 * @return Number of chunks visited.
 */
uint32_t rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb,
			      void *mem_cb_arg);

/** Print a pool's parameters, its chunks (address, IOVA, length), counts. */
void rte_mempool_dump(FILE *f, struct rte_mempool *mp);

/** Print every pool. */
void rte_mempool_list_dump(FILE *f);

/**
 * Find a pool by name.
 * @return The pool, or NULL with rte_errno = ENOENT.
 */
struct rte_mempool *rte_mempool_lookup(const char *name);

/**
 * Call @p func for every pool. @p func may free the pool it is given.
 */
void rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg), void *arg);

/**
 * Check a pool's bookkeeping and every object's cookies; panics with a
 * message on corruption.
 */
void rte_mempool_audit(struct rte_mempool *mp);

/**
 * Size of an object with its header and trailer, for @p elt_size and pool
 * @p flags; the parts are written to @p sz when not NULL.
 */
uint32_t rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags, struct rte_mempool_objsz *sz);

/**
 * @internal Page size objects must not straddle in @p mp (0 when they may).
 * @return 0, or -EINVAL.
 */
int rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz);

/* ---- counting ---- */

/**
 * Free objects: in the backing store plus in the per-lcore caches and the
 * caches of this process's non-EAL threads (not in user-owned caches). 0
 * for a pool with no memory yet. Not for the fast path.
 */
unsigned int rte_mempool_avail_count(const struct rte_mempool *mp);

/**
 * Objects not free: mp->size minus rte_mempool_avail_count(), as in DPDK,
 * so the objects of a partly populated pool that are not added yet count
 * as in use. Not for the fast path.
 */
unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp);

/**
 * @return 1 when every object of the pool is free, 0 otherwise (a pool
 * that is not populated yet is not full).
 */
static inline int
rte_mempool_full(const struct rte_mempool *mp)
{
	return mp->size != 0 && rte_mempool_avail_count(mp) == mp->size;
}

/** @return 1 when no object is free, 0 otherwise. */
static inline int
rte_mempool_empty(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == 0;
}

/**
 * IO address of an object, recorded when it was added; RTE_BAD_IOVA for
 * objects of RTE_MEMPOOL_F_NO_IOVA_CONTIG pools and chunks without IOVA.
 */
static inline rte_iova_t
rte_mempool_virt2iova(const void *elt)
{
	const struct rte_mempool_objhdr *hdr = (const struct rte_mempool_objhdr *)RTE_PTR_SUB(
		elt, sizeof(*hdr));
	return hdr->iova;
}

/** The private data area of a pool. */
static inline void *
rte_mempool_get_priv(struct rte_mempool *mp)
{
	return (char *)mp + RTE_MEMPOOL_HEADER_SIZE(mp, mp->cache_size);
}

/* ---- user-owned caches ---- */

/**
 * Create a cache for a thread that is not an EAL lcore.
 * @param size
 *   As cache_size of rte_mempool_create() (1..RTE_MEMPOOL_CACHE_MAX_SIZE).
 * @param socket_id
 *   NUMA socket of the cache's memory, or SOCKET_ID_ANY.
 * @return The cache, or NULL with rte_errno = EINVAL or ENOMEM.
 */
struct rte_mempool_cache *rte_mempool_cache_create(uint32_t size, int socket_id);

/** Free a user-owned cache (flush it first). NULL is accepted. */
void rte_mempool_cache_free(struct rte_mempool_cache *cache);

/* ---- pool life-cycle events ---- */

/** @internal Events reported to rte_mempool_event_callback_register() callbacks. */
enum rte_mempool_event {
	RTE_MEMPOOL_EVENT_READY = 0,   /**< A pool has just become fully populated. */
	RTE_MEMPOOL_EVENT_DESTROY = 1, /**< A pool is about to be freed. */
};

/** @internal Callback for pool events. */
typedef void(rte_mempool_event_callback)(enum rte_mempool_event event, struct rte_mempool *mp,
					 void *user_data);

/**
 * @internal Have @p func called, in this process, on every pool event.
 * A callback may register others (they see later events only) and may
 * unregister itself.
 * @return 0, or -EEXIST / -EINVAL / -ENOMEM with rte_errno set.
 */
__rte_internal int rte_mempool_event_callback_register(rte_mempool_event_callback *func,
						       void *user_data);

/**
 * @internal Undo rte_mempool_event_callback_register() (same arguments).
 * @return 0, or -ENOENT with rte_errno set.
 */
__rte_internal int rte_mempool_event_callback_unregister(rte_mempool_event_callback *func,
							 void *user_data);

#ifdef __cplusplus
}
#endif

/* Inline get/put with the per-lcore caches. */
#include <rte_mempool_cache_ops.h>

/* DPDK 16.07 names of the series that introduced chunks, kept for old code. */
#include <rte_mempool_compat.h>

#pragma GCC visibility pop

#endif /* _RTE_MEMPOOL_H_ */
