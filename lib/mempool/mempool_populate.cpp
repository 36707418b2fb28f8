/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Filling a pool with memory chunks.
 *
 * Every populate variant ends in add_chunk(): one virtually contiguous
 * chunk with one IOVA (or none), laid out by the handler, its objects
 * stored and listed, the chunk listed. The variants differ in where the
 * memory comes from and how it is split:
 *  - _iova: the caller's chunk, as is;
 *  - _virt: the caller's area, split into runs of IOVA-contiguous pages;
 *  - _default: memzones, as large as the allocator can give, falling back
 *    to smaller ones (mempool_populate_default.cpp);
 *  - _anon: an anonymous mapping, locked, split like _virt.
 * _default and _anon fill an empty pool (one with no chunk) in one call;
 * _iova and _virt add to any pool that is not full yet.
 * Each call either adds what it reports or, on error, leaves the pool as it
 * found it: chunks it added are taken out again (drop_chunks_from). The
 * one exception: chunks whose objects were handed out before the failure
 * (by a constructor, an event callback, a thread using the pool) cannot be
 * taken out; they stay, and the call fails with -EBUSY.
 *
 * RTE_MEMPOOL_F_NON_IO says that no object may be used for DMA: set when
 * the pool is created, cleared by the first chunk with an IOVA in a pool
 * that keeps objects IOVA-contiguous (no RTE_MEMPOOL_F_NO_IOVA_CONTIG).
 *
 * A populate call must not run concurrently with use of the same pool.
 */

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <memory>
#include <new>
#include <vector>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "eal_fault.h" /* DPKIT_FAULT: 0 unless -Dfault_injection=true */
#include "eal_iova_pages.h"
#include "mempool_private.h"

using namespace dpkit::mempool_detail;

namespace {

/* Record a newly laid out object (the handler has stored it). */
void
add_elem(rte_mempool *mp, void *opaque, void *obj, rte_iova_t iova)
{
	RTE_SET_USED(opaque);
	rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);
	hdr->mp = mp;
	hdr->iova = iova;
	STAILQ_INSERT_TAIL(&mp->elt_list, hdr, next);
	mp->populated_size++;
	init_cookies(mp, hdr);
	/* free from the start: the handler stores it, nobody holds it */
	__rte_mempool_asan_mark(mp, &obj, 1, 1);
}

/* Whether a chunk at @p iova makes objects of @p mp usable for DMA. */
bool
chunk_is_io(const rte_mempool *mp, rte_iova_t iova)
{
	return !(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) && iova != RTE_BAD_IOVA;
}

/* NON_IO after chunks were taken out: set unless a chunk left is IO. */
void
recompute_non_io(rte_mempool *mp)
{
	mp->flags |= RTE_MEMPOOL_F_NON_IO;
	rte_mempool_memhdr *hdr;
	STAILQ_FOREACH(hdr, &mp->mem_list, next)
	if (chunk_is_io(mp, hdr->iova)) {
		mp->flags &= ~RTE_MEMPOOL_F_NON_IO;
		break;
	}
}

/* The last object of elt_list, or nullptr. */
rte_mempool_objhdr *
last_object(rte_mempool *mp)
{
	if (STAILQ_EMPTY(&mp->elt_list))
		return nullptr;
	/* stqh_last points at the last header's next field, its first member */
	return reinterpret_cast<rte_mempool_objhdr *>(mp->elt_list.stqh_last);
}

void
anon_chunk_free(rte_mempool_memhdr *memhdr, void *opaque)
{
	munmap(memhdr->addr, (size_t)(uintptr_t)opaque);
}

/*
 * Map @p len bytes of anonymous memory for @p mp's objects, on transparent
 * huge pages where the system offers them, filled and locked.
 * @return the area, or nullptr with rte_errno set and one line logged.
 */
void *
anon_map_locked(const rte_mempool *mp, size_t len)
{
	void *addr = DPKIT_FAULT(MMAP) ? MAP_FAILED
				       : mmap(nullptr, len, PROT_READ | PROT_WRITE,
					      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addr == MAP_FAILED) {
		MEMPOOL_LOG(ERR, "mempool %s: cannot map %zu bytes of anonymous memory: %s",
			    mp->name, len, strerror(errno));
		rte_errno = ENOMEM;
		return nullptr;
	}
	/* Transparent huge pages where the system offers them on request:
	 * 512 times fewer page faults and TLB entries, and physically
	 * contiguous runs of 2 MB (fewer chunks when IOVA is physical). */
	(void)madvise(addr, len, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
	/* mlock() below faults every page in; the kernel populating the range
	 * first is several times faster (no fault per page), and if it fails
	 * mlock() still does the work */
	(void)madvise(addr, len, MADV_POPULATE_WRITE);
#endif
	/* the raw system call: AddressSanitizer's mlock() does nothing */
	int lock_err = DPKIT_FAULT(MLOCK) ? ENOMEM : syscall(SYS_mlock, addr, len) == 0 ? 0 : errno;
	if (lock_err != 0) {
		MEMPOOL_LOG(ERR,
			    "mempool %s: cannot lock %zu bytes of anonymous memory (mlock: %s); "
			    "raise RLIMIT_MEMLOCK (ulimit -l), run with CAP_IPC_LOCK, or use "
			    "populate_default",
			    mp->name, len, strerror(lock_err));
		munmap(addr, len);
		rte_errno = lock_err;
		return nullptr;
	}
	return addr;
}

/* A zeroed chunk header (freed with rte_free), from @p stock while it has
 * some, or nullptr. */
rte_mempool_memhdr *
new_memhdr(dpkit::mempool_detail::memhdr_stock *stock)
{
	rte_mempool_memhdr *h = stock != nullptr ? stock->take() : nullptr;
	if (h != nullptr)
		return h;
	return static_cast<rte_mempool_memhdr *>(
		rte_zmalloc("MEMPOOL_MEMHDR", sizeof(rte_mempool_memhdr), 0));
}

/* Lay out objects in [vaddr, vaddr+len) with the pool's handler. */
int
populate_objects(rte_mempool *mp, char *vaddr, rte_iova_t iova, size_t len,
		 const dpkit::mempool_detail::chunk_options &opt)
{
	const unsigned max_objs = mp->size - mp->populated_size;
	if (opt.pg_sz.has_value() && rte_mempool_get_ops(mp->ops_index)->populate == nullptr)
		return dpkit::mempool_detail::populate_helper(mp, 0, max_objs, vaddr, iova, len,
							      add_elem, nullptr, *opt.pg_sz);
	return rte_mempool_ops_populate(mp, max_objs, vaddr, iova, len, add_elem, nullptr);
}

} // namespace

namespace dpkit::mempool_detail {

memhdr_stock::memhdr_stock(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		void *h = rte_zmalloc("MEMPOOL_MEMHDR", sizeof(rte_mempool_memhdr), 0);
		if (h == nullptr)
			break; /* new_memhdr() tries the heap again when these run out */
		memhdrs_.push_back(static_cast<rte_mempool_memhdr *>(h));
	}
}

memhdr_stock::~memhdr_stock()
{
	for (rte_mempool_memhdr *h : memhdrs_)
		rte_free(h);
}

rte_mempool_memhdr *
memhdr_stock::take()
{
	if (memhdrs_.empty())
		return nullptr;
	rte_mempool_memhdr *h = memhdrs_.back();
	memhdrs_.pop_back();
	return h;
}

uint32_t
construct_from(rte_mempool *mp, rte_mempool_objhdr *first, uint32_t index, rte_mempool_obj_cb_t *cb,
	       void *cb_arg)
{
	rte_mempool_objhdr *hdr, *tmp;
	/* the callback may not free objects, but reading next first costs nothing */
	for (hdr = first; hdr != nullptr; hdr = tmp) {
		tmp = STAILQ_NEXT(hdr, next);
		if (cb != nullptr) {
			/* the callback may touch free objects: that is allowed */
			void *obj = hdr + 1;
			int was_poisoned = __rte_mempool_asan_open(mp, obj);
			cb(mp, cb_arg, obj, index);
			__rte_mempool_asan_restore(mp, obj, was_poisoned);
		}
		index++;
	}
	return index;
}

int
add_chunk(rte_mempool *mp, char *vaddr, rte_iova_t iova, size_t len,
	  rte_mempool_memchunk_free_cb_t *free_cb, void *opaque, const chunk_options &opt)
{
	if (mp->populated_size >= mp->size)
		return -ENOSPC;

	rte_mempool_memhdr *memhdr = new_memhdr(opt.memhdrs);
	if (memhdr == nullptr) {
		MEMPOOL_LOG(ERR, "mempool %s: no memory to describe a chunk", mp->name);
		return -ENOMEM;
	}

	memhdr->mp = mp;
	memhdr->addr = vaddr;
	memhdr->iova = iova;
	memhdr->len = len;
	memhdr->free_cb = free_cb;
	memhdr->opaque = opaque;

	/* the first header starts aligned like every other one */
	size_t align = (mp->flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) ? sizeof(uint64_t)
								  : RTE_MEMPOOL_ALIGN;
	size_t off = (size_t)(RTE_PTR_ALIGN_CEIL(vaddr, align) - (uintptr_t)vaddr);
	int ret = 0;
	rte_mempool_objhdr *before = last_object(mp);
	const uint32_t index = mp->populated_size;
	if (off < len)
		ret = populate_objects(mp, vaddr + off,
				       iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off, len - off,
				       opt);
	if (ret <= 0) {
		if (ret < 0)
			MEMPOOL_LOG(
				ERR,
				"mempool %s: handler could not lay out objects in chunk %p (%zu bytes): %s",
				mp->name, vaddr, len, rte_strerror(-ret));
		rte_free(memhdr);
		return ret;
	}

	STAILQ_INSERT_TAIL(&mp->mem_list, memhdr, next);
	mp->nb_mem_chunks++;
	if (chunk_is_io(mp, iova))
		mp->flags &= ~RTE_MEMPOOL_F_NON_IO;
	if (opt.ctor.cb != nullptr)
		construct_from(mp,
			       before == nullptr ? STAILQ_FIRST(&mp->elt_list)
						 : STAILQ_NEXT(before, next),
			       index, opt.ctor.cb, opt.ctor.arg);

	if (mp->populated_size == mp->size)
		fire_event(RTE_MEMPOOL_EVENT_READY, mp);
	return ret;
}

int
check_populate_args(const rte_mempool *mp, const void *addr, const char *what)
{
	if (mp == nullptr || addr == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: %s needs a pool and an address", what);
		return -EINVAL;
	}
	return 0;
}

int
check_populate(rte_mempool *mp, const void *addr, const char *what)
{
	int ret = check_populate_args(mp, addr, what);
	if (ret < 0)
		return ret;
	if (mp->populated_size >= mp->size) {
		MEMPOOL_LOG(ERR, "mempool %s: already holds all its %u objects; %s adds nothing",
			    mp->name, mp->size, what);
		return -ENOSPC;
	}
	return ops_alloc_once(mp);
}

int
populate_pages(rte_mempool *mp, char *addr, size_t len, size_t pg_sz, const iova_source &src,
	       rte_mempool_memchunk_free_cb_t *free_cb, void *opaque, const chunk_options &opt)
{
	if (pg_sz != 0 && !rte_is_power_of_2(pg_sz)) {
		MEMPOOL_LOG(ERR, "mempool %s: page size %zu is not a power of 2", mp->name, pg_sz);
		return -EINVAL;
	}
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)
		return add_chunk(mp, addr, RTE_BAD_IOVA, len, free_cb, opaque, opt);

	const uint32_t first_chunk = mp->nb_mem_chunks;
	int added = 0;
	size_t off = 0;

	/* one lookup per page: the page that ends a run starts the next one
	 * (a lookup may read /proc/self/pagemap) */
	rte_iova_t iova = len != 0 ? src.at(addr) : RTE_BAD_IOVA;
	while (off < len && mp->populated_size < mp->size) {
		size_t run = len - off;
		if (pg_sz != 0)
			run = std::min(run,
				       (size_t)(RTE_ALIGN_CEIL((uintptr_t)addr + off + 1, pg_sz) -
						((uintptr_t)addr + off)));
		rte_iova_t next = RTE_BAD_IOVA;
		while (off + run < len) {
			next = src.at(addr + off + run);
			bool follows = iova == RTE_BAD_IOVA ? next == RTE_BAD_IOVA
							    : next == iova + run;
			if (!follows)
				break;
			run = std::min(run + pg_sz, len - off);
		}

		int ret = add_chunk(mp, addr + off, iova, run, free_cb, opaque, opt);
		if (ret < 0) {
			if (drop_chunks_from(mp, first_chunk) == 0)
				return ret;
			MEMPOOL_LOG(
				ERR,
				"mempool %s: objects of the area at %p were handed out before "
				"it failed (%s): it stays in the pool, which gives it back when freed",
				mp->name, addr, rte_strerror(-ret));
			return -EBUSY;
		}
		if (ret > 0) {
			free_cb = nullptr; /* the first chunk gives the whole area back */
			added += ret;
		}
		off += run;
		iova = next; /* the run stopped at that page (or at the end) */
	}
	return added;
}

void
memzone_chunk_free(rte_mempool_memhdr *memhdr, void *opaque)
{
	RTE_SET_USED(memhdr);
	rte_memzone_free(static_cast<const rte_memzone *>(opaque));
}

} // namespace dpkit::mempool_detail

/* ---- public populate calls ---- */

extern "C" int
rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr, rte_iova_t iova, size_t len,
			  rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	int ret = check_populate(mp, vaddr, "populate_iova");
	if (ret < 0)
		return ret;
	return add_chunk(mp, vaddr, iova, len, free_cb, opaque);
}

extern "C" int
rte_mempool_populate_virt(struct rte_mempool *mp, char *addr, size_t len, size_t pg_sz,
			  rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	int ret = check_populate_args(mp, addr, "populate_virt");
	if (ret < 0)
		return ret;
	/* pages do not matter: the area is one chunk (refused when full) */
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)
		return rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, len, free_cb, opaque);
	/* a full pool takes no page of the area: nothing added */
	if (mp->populated_size >= mp->size)
		return 0;
	ret = ops_alloc_once(mp);
	if (ret < 0)
		return ret;
	return populate_pages(mp, addr, len, pg_sz, iova_source{nullptr, addr, 0}, free_cb, opaque);
}

extern "C" int
rte_mempool_populate_phys(struct rte_mempool *mp, char *vaddr, phys_addr_t paddr, size_t len,
			  rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	return rte_mempool_populate_iova(mp, vaddr, paddr, len, free_cb, opaque);
}

extern "C" int
rte_mempool_populate_phys_tab(struct rte_mempool *mp, char *vaddr, const phys_addr_t paddr[],
			      uint32_t pg_num, uint32_t pg_shift,
			      rte_mempool_memchunk_free_cb_t *free_cb, void *opaque)
{
	int ret = check_populate(mp, vaddr, "populate_phys_tab");
	if (ret < 0)
		return ret;
	if (paddr == nullptr || pg_num == 0 || pg_shift < 12 || pg_shift >= 48) {
		MEMPOOL_LOG(
			ERR,
			"mempool %s: populate_phys_tab needs a table of at least one page address and 12 <= pg_shift < 48",
			mp->name);
		return -EINVAL;
	}
	size_t pg_sz = (size_t)1 << pg_shift;
	return populate_pages(mp, vaddr, (size_t)pg_num << pg_shift, pg_sz,
			      iova_source{paddr, vaddr, pg_shift}, free_cb, opaque);
}

/*
 * Fill an empty pool from one anonymous mapping.
 *
 * 1. Size the mapping for every object under the page rule of anonymous
 *    memory: system pages, or none when IOVA does not matter or is the
 *    virtual address (rte_mempool_get_page_size() says 0).
 * 2. Map it and lock it, so that its pages exist and their physical
 *    addresses stay valid; a refused lock fails the call.
 * 3. Add it as populate_virt does: each run of IOVA-contiguous pages is a
 *    chunk with its IOVA (rte_mem_virt2iova), the first one carrying the
 *    unmap callback.
 */
extern "C" int
rte_mempool_populate_anon(struct rte_mempool *mp)
{
	int ret = check_populate_args(mp, mp, "populate_anon");
	if (ret < 0) {
		rte_errno = -ret;
		return 0;
	}
	if (mp->nb_mem_chunks != 0) {
		MEMPOOL_LOG(ERR,
			    "mempool %s: populate_anon fills an empty pool, this one has %u "
			    "memory chunks already; add memory with populate_iova or populate_virt",
			    mp->name, mp->nb_mem_chunks);
		rte_errno = EINVAL;
		return 0;
	}
	ret = ops_alloc_once(mp);
	if (ret < 0) {
		rte_errno = -ret;
		return 0;
	}

	const size_t sys_pg = (size_t)getpagesize();
	size_t min_chunk, align, pg_sz = 0;
	ret = rte_mempool_get_page_size(mp, &pg_sz);
	if (ret < 0) {
		rte_errno = -ret;
		return 0;
	}
	if (pg_sz != 0)
		pg_sz = sys_pg;
	uint32_t pg_shift = pg_sz != 0 ? (uint32_t)std::countr_zero(pg_sz) : 0;
	ssize_t need = rte_mempool_ops_calc_mem_size(mp, mp->size, pg_shift, &min_chunk, &align);
	if (need <= 0) {
		rte_errno = need < 0 ? (int)-need : EINVAL;
		return 0;
	}
	/* the mapping starts on a page: room for a larger alignment only */
	size_t len = RTE_ALIGN_CEIL((size_t)need + (align > sys_pg ? align : 0), sys_pg);
	void *addr = anon_map_locked(mp, len);
	if (addr == nullptr)
		return 0;

	/* With a page rule, every page's IOVA is asked: read them all in one
	 * pass (one pagemap read per page cost 1 s for 200k mbufs). Without
	 * the table, or with none needed, populate_pages asks page by page. */
	iova_source src{nullptr, nullptr, 0};
	std::unique_ptr<phys_addr_t[]> iovas;
	if (pg_sz != 0) {
		iovas.reset(new (std::nothrow) phys_addr_t[len / pg_sz]);
		if (iovas && dpkit::mem_virt2iova_pages(addr, len / pg_sz, pg_sz, iovas.get()) == 0)
			src = iova_source{iovas.get(), static_cast<char *>(addr), pg_shift};
	}
	ret = populate_pages(mp, static_cast<char *>(addr), len, pg_sz, src, anon_chunk_free,
			     (void *)(uintptr_t)len);
	if (ret < 0 && mp->nb_mem_chunks != 0) {
		/* -EBUSY: chunks whose objects are out stay, the first one
		 * unmaps the area with the pool */
		rte_errno = -ret;
		return 0;
	}
	if (ret <= 0) {
		if (ret == 0)
			MEMPOOL_LOG(ERR,
				    "mempool %s: %zu bytes of anonymous memory hold none of its "
				    "objects; its handler sized them wrong",
				    mp->name, len);
		munmap(addr, len);
		rte_errno = ret < 0 ? -ret : ENOBUFS;
		return 0;
	}
	return (int)mp->populated_size;
}

/* ---- iteration ---- */

extern "C" uint32_t
rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	if (mp == nullptr)
		return 0;
	return construct_from(mp, STAILQ_FIRST(&mp->elt_list), 0, obj_cb, obj_cb_arg);
}

extern "C" uint32_t
rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb, void *mem_cb_arg)
{
	if (mp == nullptr)
		return 0;
	uint32_t n = 0;
	rte_mempool_memhdr *hdr, *tmp;
	for (hdr = STAILQ_FIRST(&mp->mem_list); hdr != nullptr; hdr = tmp) {
		tmp = STAILQ_NEXT(hdr, next);
		if (mem_cb != nullptr)
			mem_cb(mp, mem_cb_arg, hdr, n);
		n++;
	}
	return n;
}

/* ---- taking chunks out ---- */

int
dpkit::mempool_detail::drop_chunks_from(rte_mempool *mp, uint32_t first_chunk)
{
	/* the chunks to drop are the last ones of the list */
	std::vector<rte_mempool_memhdr *> drop;
	uint32_t idx = 0;
	rte_mempool_memhdr *m;
	STAILQ_FOREACH(m, &mp->mem_list, next)
	if (idx++ >= first_chunk)
		drop.push_back(m);
	if (drop.empty())
		return 0;

	std::vector<std::pair<uintptr_t, uintptr_t>> ranges;
	ranges.reserve(drop.size());
	for (rte_mempool_memhdr *d : drop)
		ranges.emplace_back((uintptr_t)d->addr, (uintptr_t)d->addr + d->len);
	std::sort(ranges.begin(), ranges.end());
	auto dropped = [&](const void *obj) {
		uintptr_t a = (uintptr_t)obj;
		auto it = std::upper_bound(ranges.begin(), ranges.end(),
					   std::make_pair(a, UINTPTR_MAX));
		return it != ranges.begin() && a < std::prev(it)->second;
	};

	uint32_t to_remove = 0;
	rte_mempool_objhdr *h;
	STAILQ_FOREACH(h, &mp->elt_list, next)
	if (dropped(h + 1))
		to_remove++;

	/* Objects this thread got and put back may sit in its own cache: they
	 * are free, send them to the store. (Other lcores' caches belong to
	 * their threads, which must not use a pool being populated.) */
	rte_mempool_cache_flush(nullptr, mp);

	/* Take every free object out of the store and put back the others. */
	std::vector<void *> objs(rte_mempool_ops_get_count(mp));
	if (!objs.empty() && rte_mempool_ops_dequeue_bulk(mp, objs.data(), objs.size()) != 0)
		return -EBUSY;
	std::vector<void *> keep;
	keep.reserve(objs.size());
	for (void *o : objs)
		if (!dropped(o))
			keep.push_back(o);
	if (objs.size() - keep.size() != to_remove) {
		/* some objects of those chunks are in use: cannot drop them */
		if (!objs.empty())
			rte_mempool_ops_enqueue_bulk(mp, objs.data(), objs.size());
		return -EBUSY;
	}
	if (!keep.empty())
		rte_mempool_ops_enqueue_bulk(mp, keep.data(), keep.size());

	/* Unlink the objects and the chunks. */
	rte_mempool_objhdr_list kept_list;
	STAILQ_INIT(&kept_list);
	while ((h = STAILQ_FIRST(&mp->elt_list)) != nullptr) {
		STAILQ_REMOVE_HEAD(&mp->elt_list, next);
		if (!dropped(h + 1))
			STAILQ_INSERT_TAIL(&kept_list, h, next);
	}
	STAILQ_CONCAT(&mp->elt_list, &kept_list);
	mp->populated_size -= to_remove;

	for (rte_mempool_memhdr *d : drop) {
#ifdef RTE_MEMPOOL_ASAN
		ASAN_UNPOISON_MEMORY_REGION(d->addr, d->len);
#endif
		STAILQ_REMOVE(&mp->mem_list, d, rte_mempool_memhdr, next);
		rte_free(d);
		mp->nb_mem_chunks--;
	}
	recompute_non_io(mp);
	return 0;
}

void
dpkit::mempool_detail::release_all_chunks(rte_mempool *mp)
{
	rte_mempool_memhdr *m;
	while ((m = STAILQ_FIRST(&mp->mem_list)) != nullptr) {
		STAILQ_REMOVE_HEAD(&mp->mem_list, next);
#ifdef RTE_MEMPOOL_ASAN
		/* the memory outlives the pool: drop the marks of free objects */
		ASAN_UNPOISON_MEMORY_REGION(m->addr, m->len);
#endif
		if (m->free_cb != nullptr)
			m->free_cb(m, m->opaque);
		rte_free(m);
	}
	mp->nb_mem_chunks = 0;
	STAILQ_INIT(&mp->elt_list);
	mp->populated_size = 0;
}
