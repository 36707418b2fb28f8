/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Socket heaps: allocation with on-demand growth, and freeing that gives
 * whole pages back.
 *
 * An allocation first looks for a free element; only if none fits, and the
 * memory mode is dynamic, does the heap map just enough new pages of its
 * socket (smallest suitable page size first) as one run of slots, then
 * looks again. A free that leaves whole pages free inside one element cuts
 * those pages out and unmaps them, keeping any remainder on either side
 * big enough to stand as an element; pages marked DO_NOT_FREE
 * (preallocated, legacy, --no-huge) are never given back. A heap keeps its
 * last page: without that, a program that allocates and frees one small
 * block in a loop would map and unmap a hugepage every time.
 *
 * With --match-allocations pages go back exactly as they were mapped: the
 * run one growth mapped is never merged with its neighbours (so no block
 * spans two runs), and it is unmapped as a whole once it is all free.
 *
 * Locking: the heap lock covers the heap's elements; mapping or unmapping
 * pages additionally takes the memory lock for writing, inside the heap
 * lock. Memory event callbacks run there. In a secondary the primary maps
 * and unmaps the pages (eal_mem_grow.cpp) while the secondary holds the
 * heap lock.
 */

#include <errno.h>
#include <string.h>

#include <algorithm>
#include <bit>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "eal_fault.h"
#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"
#include "malloc_private.h"

namespace dpkit::eal_detail {

namespace {

struct heap_guard {
	malloc_heap *h;
	explicit heap_guard(malloc_heap *heap) : h(heap) { pthread_mutex_lock(&h->lock); }
	~heap_guard() { pthread_mutex_unlock(&h->lock); }
};

bool
page_size_wanted(const elem_request &req, uint64_t pg)
{
	return req.page_sizes == 0 || (req.page_sizes & (1ULL << std::countr_zero(pg))) != 0;
}

/* Pages one growth mapped, so that a request that still cannot be placed
 * gives them back. */
struct growth {
	int idx = -1;
	unsigned first = 0, n = 0;
};

/* Map a free run of @p *n pages of list @p idx for @p need bytes, this
 * process being the primary. With @p use_free_tail, fewer pages when a
 * free element ends where the run starts (the two merge). @return 0 with
 * the run's first slot in @p first, or -errno. */
int
map_here(malloc_heap *h, const elem_request &req, int idx, bool use_free_tail, uint64_t need,
	 uint64_t *n, unsigned *first)
{
	mem_config &m = mcfg();
	const uint64_t pg = m.memsegs[idx].page_sz;
	rte_mcfg_mem_write_lock();
	int f = memseg_find_free_run(idx, (unsigned)*n);
	/* not for IOVA-contiguous or bounded requests: the old pages and
	 * the new need not be IOVA-contiguous, and a bound's detour is
	 * already counted in pages; nor with --match-allocations, where
	 * a run never merges with another */
	if (use_free_tail && f > 0 && !req.contig && req.bound == 0 && !m.match_allocations) {
		size_t tail = elem_free_tail_at(
			h, (uintptr_t)RTE_PTR_ADD(m.memsegs[idx].base_va, (size_t)f * pg),
			(uint16_t)idx);
		if (tail > 0 && tail < need)
			*n = (need - tail + pg - 1) / pg;
	}
	int r = f < 0 ? -ENOSPC
		      : pages_alloc(idx, (unsigned)f, (unsigned)*n, req.contig, 0, req.lent_cpu);
	if (r == 0)
		mem_event_notify(RTE_MEM_EVENT_ALLOC,
				 RTE_PTR_ADD(m.memsegs[idx].base_va, (size_t)f * pg),
				 (size_t)*n * pg);
	rte_mcfg_mem_write_unlock();
	*first = (unsigned)f;
	return r;
}

/* Unmap slots [first, first+n) of list @p idx, out of every heap now. */
void
unmap_run(int idx, unsigned first, unsigned n)
{
	if (config().process_type == RTE_PROC_SECONDARY) {
		/* the primary's pages: it unmaps them in every process */
		mem_shrink_via_primary(idx, first, n);
		return;
	}
	rte_memseg_list &msl = mcfg().memsegs[idx];
	rte_mcfg_mem_write_lock();
	mem_event_notify(RTE_MEM_EVENT_FREE, RTE_PTR_ADD(msl.base_va, (size_t)first * msl.page_sz),
			 (size_t)n * msl.page_sz);
	pages_free(idx, first, n);
	rte_mcfg_mem_write_unlock();
}

/*
 * Map enough pages on the heap's socket for @p req. With @p use_free_tail,
 * a free element that ends where the new pages start counts towards the
 * size (the two merge): a heap grown for one large zone after another
 * would otherwise map a page per growth that only the next growth uses.
 * A secondary has the primary map them (no free-tail saving: the primary
 * picks the run). @return 0 with what was mapped in @p done, or -ENOMEM.
 */
int
grow(malloc_heap *h, const elem_request &req, bool use_free_tail, growth *done)
{
	mem_config &m = mcfg();
	if (!heaps_are_dynamic() || h->external)
		return -ENOMEM;

	int lists[RTE_MAX_MEMSEG_LISTS];
	unsigned n_lists = 0;
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const rte_memseg_list &msl = m.memsegs[i];
		if (msl.memseg_arr.data != nullptr && !msl.external &&
		    msl.socket_id == h->socket_id && page_size_wanted(req, msl.page_sz))
			lists[n_lists++] = i;
	}
	std::sort(lists, lists + n_lists,
		  [&](int a, int b) { return m.memsegs[a].page_sz < m.memsegs[b].page_sz; });

	/* room for header, guard, alignment slack and the bound's detour;
	 * req.size <= SIZE_MAX / 2 and the rest is below 2^34: no overflow */
	uint64_t need = elem_header + elem_data_len(req.size) +
			(req.align > elem_unit ? req.align : 0) + elem_min;
	if (req.bound != 0)
		need += req.size;
	uint64_t limit = m.socket_limit[h->socket_id];
	const bool secondary = config().process_type == RTE_PROC_SECONDARY;

	for (unsigned li = 0; li < n_lists; li++) {
		const int idx = lists[li];
		rte_memseg_list &msl = m.memsegs[idx];
		const uint64_t pg = msl.page_sz;
		uint64_t n = (need + pg - 1) / pg;
		/* more pages than the list has free slots: cannot be one run */
		if (n > msl.memseg_arr.len - msl.memseg_arr.count)
			continue;
		uint64_t mapped = socket_mapped_bytes(h->socket_id);
		if (limit != 0 && mapped + n * pg > limit)
			continue;
		if (mem_validators_allow(h->socket_id, mapped + n * pg) < 0)
			continue;
		unsigned first = 0;
		int r = secondary ? mem_grow_via_primary(idx, (unsigned)n, req.contig, &first)
				  : map_here(h, req, idx, use_free_tail, need, &n, &first);
		/* a primary that is gone or does not answer will not for the
		 * next list either (and each try would log its line again) */
		if (r < 0 && secondary && r != -ENOMEM && r != -ENOSPC)
			return -ENOMEM;
		if (r < 0)
			continue;
		elem_add_region(h, RTE_PTR_ADD(msl.base_va, (size_t)first * pg), (size_t)n * pg,
				(uint16_t)idx);
		*done = {idx, first, (unsigned)n};
		return 0;
	}
	return -ENOMEM;
}

/* Take back the pages of growth @p g, which sit inside one free element
 * (merged with free neighbours, whose parts stay free). */
void
ungrow(malloc_heap *h, const growth &g)
{
	rte_memseg_list &msl = mcfg().memsegs[g.idx];
	const uintptr_t start = (uintptr_t)RTE_PTR_ADD(msl.base_va, (size_t)g.first * msl.page_sz);
	const size_t len = (size_t)g.n * msl.page_sz;
	malloc_elem *f = elem_free_containing(h, start, len, (uint16_t)g.idx);
	if (f == nullptr) {
		/* an allocation took part of the growth: it is not ours to unmap */
		MALLOC_LOG(ERR,
			   "heap %s: pages mapped for a failed request are in use; "
			   "kept",
			   h->name);
		return;
	}
	elem_cut_out(f, start, len);
	unmap_run(g.idx, g.first, g.n);
}

/* --match-allocations: unmap the run of pages free element @p f covers, if
 * it covers all of one (elements never span two runs). */
void
give_back_run(malloc_elem *f)
{
	const int idx = f->msl_idx;
	rte_memseg_list &msl = mcfg().memsegs[idx];
	const uint64_t pg = msl.page_sz;
	const uintptr_t base = (uintptr_t)msl.base_va, es = (uintptr_t)f, len = f->size;
	if ((es - base) % pg != 0 || len % pg != 0)
		return;
	unsigned first, n;
	memseg_alloc_run(idx, (unsigned)((es - base) / pg), &first, &n);
	if (base + (uintptr_t)first * pg != es || (size_t)n * pg != len ||
	    (memseg_at(&msl, first)->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE))
		return;
	malloc_heap *h = f->heap;
	if (h->total_size - len < pg)
		return; /* keep the heap's last page */
	elem_cut_out(f, es, len);
	unmap_run(idx, first, n);
}

/* Unmap the whole pages inside free element @p f that may go back. */
void
give_back_pages(malloc_elem *f)
{
	mem_config &m = mcfg();
	const int idx = f->msl_idx;
	rte_memseg_list &msl = m.memsegs[idx];
	const uint64_t pg = msl.page_sz;
	if (msl.external || f->size < pg)
		return;
	if (m.match_allocations) {
		give_back_run(f);
		return;
	}

	const uintptr_t es = (uintptr_t)f, ee = es + f->size;
	uintptr_t ps = align_ceil(es, (uintptr_t)pg);
	uintptr_t pe = align_floor(ee, (uintptr_t)pg);
	/* what stays on either side must be able to hold an element */
	if (ps > es && ps - es < elem_min)
		ps += pg;
	if (ee > pe && ee - pe < elem_min)
		pe -= pg;
	if (pe <= ps)
		return;

	const uintptr_t base = (uintptr_t)msl.base_va;
	/* From the top down, so that @p f keeps its start through every cut. */
	uintptr_t cur = pe;
	while (cur > ps) {
		unsigned slot = (unsigned)((cur - pg - base) / pg);
		if (memseg_at(&msl, slot)->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE) {
			cur -= pg;
			continue;
		}
		uintptr_t re = cur, rs = cur;
		while (rs > ps && !(memseg_at(&msl, (unsigned)((rs - pg - base) / pg))->flags &
				    RTE_MEMSEG_FLAG_DO_NOT_FREE))
			rs -= pg;
		/* keep the heap's last page mapped */
		malloc_heap *h = f->heap;
		if (h->total_size - (re - rs) < pg)
			rs += pg;
		if (rs >= re)
			break;
		elem_cut_out(f, rs, re - rs);
		unmap_run(idx, (unsigned)((rs - base) / pg), (unsigned)((re - rs) / pg));
		if (rs == es)
			break; /* f itself went */
		cur = rs;
	}
}

void *
alloc_on(malloc_heap *h, const elem_request &req)
{
	heap_guard g(h);
	malloc_elem *e = elem_find(h, req);
	if (e != nullptr)
		return elem_alloc(e, req);
	/* Grow, merging with a free tail; should the merged tail not serve
	 * after all, one full growth more. A request that still finds no
	 * place (it never can, whatever is mapped) gives back what it made
	 * the heap map: a refusal leaves the heap as it was. */
	growth grown[2];
	unsigned n_grown = 0;
	for (bool use_tail : {true, false}) {
		if (grow(h, req, use_tail, &grown[n_grown]) < 0)
			break;
		n_grown++;
		e = DPKIT_FAULT(HEAP_PLACE) ? nullptr : elem_find(h, req);
		if (e != nullptr)
			return elem_alloc(e, req);
	}
	while (n_grown > 0)
		ungrow(h, grown[--n_grown]);
	return nullptr;
}

} // namespace

malloc_heap *
heap_of_socket(int socket_id)
{
	for (auto &h : mcfg().heaps)
		if (h.in_use && h.socket_id == socket_id)
			return &h;
	return nullptr;
}

void *
heap_alloc(int socket, const elem_request &req)
{
	if (DPKIT_FAULT(MALLOC))
		return nullptr;
	if (socket != SOCKET_ID_ANY) {
		malloc_heap *h = heap_of_socket(socket);
		return h != nullptr ? alloc_on(h, req) : nullptr;
	}
	/* the caller's socket first, then the other socket heaps */
	malloc_heap *own = nullptr;
	if (mcfg().n_sockets == 1) {
		own = heap_of_socket(mcfg().sockets[0]);
	} else {
		int s = (int)rte_socket_id(); /* SOCKET_ID_ANY for threads spanning sockets */
		own = heap_of_socket(s >= 0 ? s : os::current_node());
	}
	if (own != nullptr) {
		if (void *p = alloc_on(own, req))
			return p;
	}
	for (auto &h : mcfg().heaps) {
		if (!h.in_use || h.external || &h == own)
			continue;
		if (void *p = alloc_on(&h, req))
			return p;
	}
	return nullptr;
}

void *
heap_alloc_biggest(int socket, elem_request *req)
{
	if (DPKIT_FAULT(MALLOC))
		return nullptr;
	/* 1. the heap with the largest block; 2. under its lock again, since
	 * the block may have gone meanwhile */
	malloc_heap *best = nullptr;
	size_t best_size = 0;
	for (auto &h : mcfg().heaps) {
		if (!h.in_use || (socket != SOCKET_ID_ANY && h.socket_id != socket) ||
		    (socket == SOCKET_ID_ANY && h.external))
			continue;
		heap_guard g(&h);
		size_t size = elem_largest_free(&h, *req);
		if (size > best_size) {
			best = &h;
			best_size = size;
		}
	}
	if (best == nullptr)
		return nullptr;
	heap_guard g(best);
	req->size = elem_largest_free(best, *req);
	malloc_elem *e = req->size != 0 ? elem_find(best, *req) : nullptr;
	return e != nullptr ? elem_alloc(e, *req) : nullptr;
}

bool
socket_means_any(int socket_id)
{
	if (socket_id == SOCKET_ID_ANY || rte_eal_has_hugepages())
		return false;
	malloc_heap *h = heap_of_socket(socket_id);
	return h == nullptr || !h->external;
}

void
heap_free(malloc_elem *e)
{
	malloc_heap *h = e->heap;
	heap_guard g(h);
	malloc_elem *f = elem_free(e);
	if (heaps_are_dynamic() && !h->external)
		give_back_pages(f);
}

int
heaps_init()
{
	mem_config &m = mcfg();
	for (int s = 0; s < m.n_sockets; s++) {
		malloc_heap &h = m.heaps[s];
		memset(&h, 0, sizeof(h));
		pthread_mutexattr_t a;
		pthread_mutexattr_init(&a);
		pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
		pthread_mutex_init(&h.lock, &a);
		pthread_mutexattr_destroy(&a);
		h.socket_id = m.sockets[s];
		h.in_use = true;
		snprintf(h.name, sizeof(h.name), "socket_%d", h.socket_id);
	}
	m.next_external_socket = RTE_MAX_NUMA_NODES;
	return 0;
}

void
heaps_reset()
{
	for (auto &h : mcfg().heaps) {
		if (h.in_use)
			pthread_mutex_destroy(&h.lock);
		memset(&h, 0, sizeof(h));
	}
}

void
heap_stats(malloc_heap *h, rte_malloc_socket_stats *st)
{
	memset(st, 0, sizeof(*st));
	heap_guard g(h);
	for (malloc_elem *e = h->first; e != nullptr; e = e->next) {
		if (e->state == ELEM_FREE) {
			st->free_count++;
			st->heap_freesz_bytes += e->size;
			/* with its header, as DPDK counts it */
			st->greatest_free_size = std::max(st->greatest_free_size, e->size);
		} else {
			st->alloc_count++;
		}
	}
	st->heap_totalsz_bytes = h->total_size;
	st->heap_allocsz_bytes = h->total_size - st->heap_freesz_bytes;
}

void
heap_free_report(int socket, const elem_request &req, size_t *largest, size_t *free_bytes,
		 size_t *growable)
{
	*largest = *free_bytes = *growable = 0;
	for (auto &h : mcfg().heaps) {
		if (!h.in_use || (socket != SOCKET_ID_ANY && h.socket_id != socket) ||
		    (socket == SOCKET_ID_ANY && h.external))
			continue;
		{
			heap_guard g(&h);
			*largest = std::max(*largest, elem_largest_free(&h, req));
			for (malloc_elem *e = h.first; e != nullptr; e = e->next)
				if (e->state == ELEM_FREE)
					*free_bytes += e->size;
		}
		if (!h.external) {
			uint64_t any_size = 0;
			for (const auto &t : local().hugepage_types)
				if (page_size_wanted(req, t.page_sz))
					any_size += growable_bytes(h.socket_id, t.page_sz);
			*growable += any_size;
		}
	}
}

} // namespace dpkit::eal_detail
