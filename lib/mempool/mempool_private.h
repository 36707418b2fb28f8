/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Internals shared by the mempool sources (C++ only, not installed).
 *
 * Invariants every file relies on:
 *  - mp->elt_list holds exactly mp->populated_size objects, in the order
 *    they were added; mp->mem_list holds mp->nb_mem_chunks chunks.
 *  - An object lives inside exactly one chunk of its pool.
 *  - RTE_MEMPOOL_F_POOL_CREATED is set exactly when the handler's backing
 *    store exists (mp->pool_data is valid).
 *  - Free objects are in the backing store or in a cache, never both.
 */

#ifndef _MEMPOOL_PRIVATE_H_
#define _MEMPOOL_PRIVATE_H_

#include <stddef.h>
#include <stdint.h>

#include <optional>
#include <vector>

#include <rte_log.h>
#include <rte_mempool.h>

#include "mempool_internal.h"

#define MEMPOOL_LOG(level, fmt, ...) RTE_LOG(level, MEMPOOL, fmt "\n", ##__VA_ARGS__)

namespace dpkit::mempool_detail {

/* ---- mempool.cpp ---- */

/* Bytes of one object with its header and trailer. */
inline size_t
total_elt_size(const rte_mempool *mp)
{
	return (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
}

/* Create the backing store on first use. @return 0 or -errno (logged). */
int ops_alloc_once(rte_mempool *mp);

/* Whether @p mp is in the pool list. Caller holds the tailq lock. */
bool pool_listed(const rte_mempool *mp);

/* ---- mempool_ops_shared.cpp: handler indexes across processes ---- */

/* Bytes a pool's zone holds after the private area: its handler's name. */
size_t ops_name_size();

/* @p mp took its handler index: record the handler's name in the pool
 * (a secondary then keeps its table entries where they are). */
void ops_bind(rte_mempool *mp);

/* Secondary: make @p mp's index name the same handler here as in the
 * primary (moving this process's entry while it has bound none).
 * @return 0, or -EINVAL after one log line. */
int ops_check_shared(const rte_mempool *mp);

/* ---- mempool_events.cpp ---- */

/* Call the registered callbacks for @p event (outside any lock). */
void fire_event(rte_mempool_event event, rte_mempool *mp);

/* ---- mempool_populate.cpp ---- */

/* What to run on new objects as soon as they are laid out
 * (populate_default_constructing). */
struct constructor {
	rte_mempool_obj_cb_t *cb = nullptr;
	void *arg = nullptr;
};

/*
 * Chunk headers allocated up front, for a thread that adds chunks while
 * another grows the heap, which holds the heap's lock through a whole
 * growth. The headers not taken are freed at destruction.
 */
class memhdr_stock {
public:
	explicit memhdr_stock(unsigned n);
	~memhdr_stock();
	memhdr_stock(const memhdr_stock &) = delete;
	memhdr_stock &operator=(const memhdr_stock &) = delete;

	/* A zeroed header (freed with rte_free), or nullptr when none is left. */
	rte_mempool_memhdr *take();

private:
	std::vector<rte_mempool_memhdr *> memhdrs_;
};

/*
 * How add_chunk() lays out a chunk besides its memory. A thread adding
 * chunks while another grows memory gives @p memhdrs and @p pg_sz: the
 * growing thread holds the heap's lock and the memory lock through a
 * whole growth, and the layout then needs neither.
 */
struct chunk_options {
	constructor ctor;                /* run on the chunk's new objects */
	memhdr_stock *memhdrs = nullptr; /* headers to take before the heap */
	/* the pool's page size (rte_mempool_get_page_size()), or none: look
	 * it up. Used by the default layout; a handler's own populate looks
	 * it up. */
	std::optional<size_t> pg_sz;
};

/* rte_mempool_op_populate_helper() for a pool of page size @p pg_sz. */
int populate_helper(rte_mempool *mp, unsigned int flags, unsigned int max_objs, void *vaddr,
		    rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
		    void *obj_cb_arg, size_t pg_sz);

/* Call @p cb (may be null) on every object from @p first to the end of
 * elt_list, the first getting index @p index, as rte_mempool_obj_iter()
 * does. @return the index after the last object. */
uint32_t construct_from(rte_mempool *mp, rte_mempool_objhdr *first, uint32_t index,
			rte_mempool_obj_cb_t *cb, void *cb_arg);

/* A pool and an address were given. @return 0 or -EINVAL (logged). */
int check_populate_args(const rte_mempool *mp, const void *addr, const char *what);

/* The checks of the calls that add to a pool that is not full
 * (_iova, _phys_tab): arguments, -ENOSPC when full, then the backing
 * store is created. @return 0 or -errno (logged). */
int check_populate(rte_mempool *mp, const void *addr, const char *what);

/*
 * Add one chunk and lay out its objects, then construct them with @p opt.ctor.
 * @return objects added (>0), 0 if none fits (chunk not added), or -errno.
 */
int add_chunk(rte_mempool *mp, char *vaddr, rte_iova_t iova, size_t len,
	      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque, const chunk_options &opt = {});

/* How to find the IOVA of the page at an address. */
struct iova_source {
	/* per-page physical addresses (populate_phys_tab), or nullptr:
	 * ask rte_mem_virt2iova */
	const phys_addr_t *table;
	const char *base;
	unsigned pg_shift;

	rte_iova_t at(const char *va) const
	{
		if (table == nullptr)
			return rte_mem_virt2iova(va);
		size_t pg = (size_t)(va - base) >> pg_shift;
		size_t in_pg = (size_t)(va - base) & (((size_t)1 << pg_shift) - 1);
		return table[pg] == RTE_BAD_PHYS_ADDR ? RTE_BAD_IOVA : table[pg] + in_pg;
	}
};

/*
 * Add an area of pages of pg_sz bytes, one chunk per run of pages whose
 * IOVAs follow each other (pages without IOVA form runs of their own). On
 * error the chunks it added are dropped again, unless objects of theirs
 * were handed out meanwhile: then they stay and the error is -EBUSY.
 * @return objects added or -errno.
 */
int populate_pages(rte_mempool *mp, char *addr, size_t len, size_t pg_sz, const iova_source &src,
		   rte_mempool_memchunk_free_cb_t *free_cb, void *opaque,
		   const chunk_options &opt = {});

/* Chunk free callback of memzone chunks: @p opaque is the memzone. */
void memzone_chunk_free(rte_mempool_memhdr *memhdr, void *opaque);

/*
 * Remove chunks number @p first_chunk and later from @p mp, with their
 * objects (taken out of the backing store and of elt_list). The chunks'
 * free callbacks are NOT called: this undoes a populate call whose caller
 * still owns the memory. Objects of those chunks must all be free.
 * @return 0, or -EBUSY if some of their objects were not in the store
 * (then the pool is left as it was).
 */
int drop_chunks_from(rte_mempool *mp, uint32_t first_chunk);

/* Give every chunk back (free callbacks called) and forget every object.
 * Used by rte_mempool_free once the backing store is gone. */
void release_all_chunks(rte_mempool *mp);

/* ---- mempool_memstat.cpp ---- */

struct memory_view {
	size_t free_bytes;    /* free in the heaps now, plus what may still be mapped */
	size_t heap_free;     /* free in the heaps now */
	size_t largest_block; /* largest free contiguous block in the heaps now */
	size_t growable;      /* more that the heaps may still map (dynamic mode) */
};

/* What memory a pool on @p socket_id could still get (SOCKET_ID_ANY: all
 * sockets). Never allocates. */
memory_view memory_available(int socket_id);

/* ---- mempool_cache.cpp ---- */

/* Set up a cache of @p size objects for the policy in force. */
void cache_init(rte_mempool_cache *cache, uint32_t size);

/* Largest cache a pool of @p n objects may have. */
uint32_t max_cache_size_for(uint32_t n);

/* ---- mempool_thread_cache.cpp ---- */

/* A new pool's thread_cache_stamp: CLOCK_MONOTONIC in ns, above every
 * stamp this process gave before. */
uint64_t next_thread_cache_stamp();

struct thread_cache_totals {
	unsigned caches;  /* threads of this process holding a cache of the pool */
	uint64_t objects; /* objects in those caches */
};

/* The caches of @p mp held by this process's non-EAL threads now. */
thread_cache_totals thread_caches_count(const rte_mempool *mp);

/* Drop every thread cache of @p mp with its objects, for rte_mempool_free.
 * No thread may be using the pool; threads using others may run. */
void thread_caches_drop(const rte_mempool *mp);

/* ---- mempool_debug.cpp ---- */

/* Write the cookies of a newly added object (debug builds; no-op otherwise). */
void init_cookies(rte_mempool *mp, rte_mempool_objhdr *hdr);

} // namespace dpkit::mempool_detail

#endif /* _MEMPOOL_PRIVATE_H_ */
