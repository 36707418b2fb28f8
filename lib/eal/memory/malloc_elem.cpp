/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Heap elements: placing a block inside a free element, splitting, merging,
 * and finding a block from its user pointer.
 *
 * Layout of a busy element (all offsets multiples of 64 bytes):
 *
 *   [header][pad ... [inner header]][user data ....][guard word ...]
 *
 * The user part is the size asked for rounded up to a cache line (what
 * rte_malloc_validate reports, as DPDK does); the guard word right after
 * it catches a write one byte past that size.
 *
 * A block is placed as low as it fits in the free element that hosts it,
 * so the free rest is at the top, where it merges with pages the heap maps
 * next (allocations that each need a new page then pack tightly). The start
 * moves up to honour alignment, a boundary that must not be crossed, or a
 * break in IOVA contiguity. A front remainder big enough to be an element
 * stays free; a smaller one becomes padding, recorded in both headers. A
 * back remainder too small to be an element is given to the block.
 *
 * Every header carries a cookie mixed with its own address, so a stale copy
 * of a header (left in memory by a merge) or a random pointer is not taken
 * for a live block.
 */

#include <string.h>

#include <algorithm>
#include <bit>

#include <rte_common.h>
#include <rte_log.h>

#include "eal_memory_private.h"
#include "malloc_private.h"

namespace dpkit::eal_detail {

namespace {

constexpr uint64_t elem_cookie = 0x6470b17e11e4c0deULL;
constexpr uint64_t guard_cookie = 0x9a4d5e1f00ddba11ULL;
constexpr uintptr_t never_contig = UINTPTR_MAX;

inline uintptr_t
start_of(const malloc_elem *e)
{
	return (uintptr_t)e;
}
inline uintptr_t
end_of(const malloc_elem *e)
{
	return (uintptr_t)e + e->size;
}
inline bool
cookie_ok(const malloc_elem *e)
{
	return e->cookie == (elem_cookie ^ start_of(e));
}

void
init_elem(malloc_elem *e, malloc_heap *heap, size_t size, uint16_t state, uint16_t msl_idx)
{
	e->heap = heap;
	e->prev = e->next = nullptr;
	e->free_prev = e->free_next = nullptr;
	e->size = size;
	e->state = state;
	e->msl_idx = msl_idx;
	e->pad = 0;
	e->cookie = elem_cookie ^ start_of(e);
}

void
wipe(malloc_elem *e)
{
	memset((void *)e, 0, sizeof(*e));
}

inline uint64_t *
guard_of(const malloc_elem *e)
{
	return (uint64_t *)(start_of(e) + e->pad + elem_header + e->user_size);
}

/* Guard value of @p e: its own address mixed in, so a guard copied from
 * elsewhere does not pass. */
inline uint64_t
guard_value(const malloc_elem *e)
{
	return guard_cookie ^ (uintptr_t)guard_of(e);
}

/* Size class k holds sizes in [2^(k+7), 2^(k+8)); the last holds the rest. */
unsigned
size_class(size_t size)
{
	unsigned log = (unsigned)std::bit_width(size | 1) - 1;
	if (log < 8)
		return 0;
	return std::min(log - 7, free_lists - 1);
}

void
list_free(malloc_elem *e)
{
	malloc_heap *h = e->heap;
	unsigned c = size_class(e->size);
	e->free_prev = nullptr;
	e->free_next = h->free_head[c];
	if (e->free_next != nullptr)
		e->free_next->free_prev = e;
	h->free_head[c] = e;
}

/* Must run while e->size is still the size it was listed with. */
void
unlist_free(malloc_elem *e)
{
	malloc_heap *h = e->heap;
	if (e->free_prev != nullptr)
		e->free_prev->free_next = e->free_next;
	else
		h->free_head[size_class(e->size)] = e->free_next;
	if (e->free_next != nullptr)
		e->free_next->free_prev = e->free_prev;
	e->free_prev = e->free_next = nullptr;
}

/* Chain @p e after @p pos (nullptr: at the head). */
void
chain_after(malloc_heap *h, malloc_elem *pos, malloc_elem *e)
{
	e->prev = pos;
	e->next = pos != nullptr ? pos->next : h->first;
	if (e->next != nullptr)
		e->next->prev = e;
	else
		h->last = e;
	if (pos != nullptr)
		pos->next = e;
	else
		h->first = e;
}

void
unchain(malloc_elem *e)
{
	malloc_heap *h = e->heap;
	if (e->prev != nullptr)
		e->prev->next = e->next;
	else
		h->first = e->next;
	if (e->next != nullptr)
		e->next->prev = e->prev;
	else
		h->last = e->prev;
}

/* With --match-allocations no element spans two runs of pages mapped by
 * different allocations: @p e starting a run has no left neighbour. */
bool
starts_alloc_run(const malloc_elem *e)
{
	const mem_config &m = mcfg();
	if (!m.match_allocations)
		return false;
	const rte_memseg_list &msl = m.memsegs[e->msl_idx];
	uintptr_t off = start_of(e) - (uintptr_t)msl.base_va;
	return off % msl.page_sz == 0 && m.run_start[e->msl_idx][off / msl.page_sz] != 0;
}

inline bool
neighbours(const malloc_elem *a, const malloc_elem *b)
{
	return a != nullptr && b != nullptr && end_of(a) == start_of(b) &&
	       a->msl_idx == b->msl_idx && !starts_alloc_run(b);
}

/* @p a absorbs its neighbour @p b (neither listed as free). */
void
absorb(malloc_elem *a, malloc_elem *b)
{
	unchain(b);
	a->size += b->size;
	wipe(b);
}

/* Merge free, unlisted @p e with free neighbours; list the result. */
malloc_elem *
merge_and_list(malloc_elem *e)
{
	malloc_elem *n = e->next;
	if (neighbours(e, n) && n->state == ELEM_FREE) {
		unlist_free(n);
		absorb(e, n);
	}
	malloc_elem *p = e->prev;
	if (neighbours(p, e) && p->state == ELEM_FREE) {
		unlist_free(p);
		absorb(p, e);
		e = p;
	}
	list_free(e);
	return e;
}

/* ---- IOVA contiguity ---- */

/* Start of the page after the highest IOVA break inside [start, start+len),
 * 0 if the range is one IOVA run, never_contig if its IOVA is unknown. */
uintptr_t
highest_iova_break(uint16_t msl_idx, uintptr_t start, size_t len)
{
	if (mcfg().iova_mode != RTE_IOVA_PA)
		return 0;
	rte_memseg_list *msl = &mcfg().memsegs[msl_idx];
	uintptr_t base = (uintptr_t)msl->base_va;
	uint64_t pg = msl->page_sz;
	unsigned first = (unsigned)((start - base) / pg);
	unsigned last = (unsigned)((start + len - 1 - base) / pg);
	for (unsigned i = last; i > first; i--) {
		const rte_memseg *a = memseg_at(msl, i - 1), *b = memseg_at(msl, i);
		if (a->iova == RTE_BAD_IOVA || b->iova == RTE_BAD_IOVA)
			return never_contig;
		if (b->iova != a->iova + pg)
			return base + (uintptr_t)i * pg;
	}
	if (memseg_at(msl, first)->iova == RTE_BAD_IOVA)
		return never_contig;
	return 0;
}

/* Lowest IOVA break inside [start, start+len): the start of the first page
 * whose IOVA does not follow on; 0 if none, never_contig if unknown. */
uintptr_t
lowest_iova_break(uint16_t msl_idx, uintptr_t start, size_t len)
{
	if (mcfg().iova_mode != RTE_IOVA_PA)
		return 0;
	rte_memseg_list *msl = &mcfg().memsegs[msl_idx];
	uintptr_t base = (uintptr_t)msl->base_va;
	uint64_t pg = msl->page_sz;
	unsigned first = (unsigned)((start - base) / pg);
	unsigned last = (unsigned)((start + len - 1 - base) / pg);
	if (memseg_at(msl, first)->iova == RTE_BAD_IOVA)
		return never_contig;
	for (unsigned i = first + 1; i <= last; i++) {
		const rte_memseg *a = memseg_at(msl, i - 1), *b = memseg_at(msl, i);
		if (b->iova == RTE_BAD_IOVA)
			return never_contig;
		if (b->iova != a->iova + pg)
			return base + (uintptr_t)i * pg;
	}
	return 0;
}

/* Where the data of @p req goes inside free @p e (as low as possible, so
 * the free rest stays at the top, next to where the heap grows), or 0 if
 * it does not fit. */
uintptr_t
place(const malloc_elem *e, const elem_request &req)
{
	const uintptr_t es = start_of(e), ee = end_of(e);
	const size_t data_len = elem_data_len(req.size);
	uintptr_t ds = align_ceil(es + elem_header, (uintptr_t)req.align);

	for (;;) {
		if (ds + data_len > ee || ds < es)
			return 0;
		uintptr_t last = ds + req.size - 1;
		if (req.bound != 0 && align_floor(ds, req.bound) != align_floor(last, req.bound)) {
			/* start again at the boundary the block would cross */
			ds = align_ceil(align_floor(last, (uintptr_t)req.bound),
					(uintptr_t)req.align);
			continue;
		}
		if (req.contig) {
			uintptr_t brk = lowest_iova_break(e->msl_idx, ds, req.size);
			if (brk == never_contig)
				return 0;
			if (brk != 0) {
				ds = align_ceil(brk, (uintptr_t)req.align);
				continue;
			}
		}
		return ds;
	}
}

bool
page_size_ok(const malloc_elem *e, const elem_request &req)
{
	if (req.page_sizes == 0)
		return true;
	uint64_t pg = mcfg().memsegs[e->msl_idx].page_sz;
	return (req.page_sizes & (1ULL << std::countr_zero(pg))) != 0;
}

} // namespace

uint64_t
elem_page_size(const malloc_elem *e)
{
	return mcfg().memsegs[e->msl_idx].page_sz;
}

void *
elem_data(const malloc_elem *e)
{
	return (void *)(start_of(e) + e->pad + elem_header);
}

size_t
elem_usable(const malloc_elem *e)
{
	return e->user_size;
}

bool
elem_guard_ok(const malloc_elem *e)
{
	/* a corrupt size must not send the read outside the element */
	if (e->user_size > e->size - e->pad - elem_header - sizeof(uint64_t))
		return false;
	return *guard_of(e) == guard_value(e);
}

malloc_elem *
elem_add_region(malloc_heap *heap, void *start, size_t len, uint16_t msl_idx)
{
	malloc_elem *e = static_cast<malloc_elem *>(start);
	init_elem(e, heap, len, ELEM_FREE, msl_idx);
	malloc_elem *pos = heap->last;
	while (pos != nullptr && start_of(pos) > start_of(e))
		pos = pos->prev;
	chain_after(heap, pos, e);
	heap->total_size += len;
	return merge_and_list(e);
}

size_t
elem_free_tail_at(const malloc_heap *heap, uintptr_t addr, uint16_t msl_idx)
{
	const malloc_elem *e = heap->last; /* elements are chained in address order */
	while (e != nullptr && end_of(e) > addr)
		e = e->prev;
	if (e == nullptr || end_of(e) != addr || e->state != ELEM_FREE || e->msl_idx != msl_idx)
		return 0;
	return e->size;
}

malloc_elem *
elem_free_containing(const malloc_heap *heap, uintptr_t start, size_t len, uint16_t msl_idx)
{
	malloc_elem *e = heap->last;
	while (e != nullptr && start_of(e) > start)
		e = e->prev;
	if (e == nullptr || e->state != ELEM_FREE || e->msl_idx != msl_idx ||
	    end_of(e) < start + len)
		return nullptr;
	return e;
}

malloc_elem *
elem_find(malloc_heap *heap, const elem_request &req)
{
	const size_t need = elem_header + elem_data_len(req.size);
	for (unsigned c = size_class(need); c < free_lists; c++) {
		malloc_elem *best = nullptr;
		for (malloc_elem *e = heap->free_head[c]; e != nullptr; e = e->free_next) {
			if (e->size < need || (best != nullptr && e->size >= best->size))
				continue;
			if (page_size_ok(e, req) && place(e, req) != 0)
				best = e;
		}
		if (best != nullptr)
			return best;
	}
	return nullptr;
}

void *
elem_alloc(malloc_elem *e, const elem_request &req)
{
	malloc_heap *heap = e->heap;
	const uintptr_t ds = place(e, req);
	const uintptr_t es = start_of(e), ee = end_of(e);
	const uintptr_t hdr = ds - elem_header;
	uintptr_t busy_end = ds + elem_data_len(req.size);

	unlist_free(e);
	/* 1. back remainder: a free element of its own, or part of the block */
	if (ee - busy_end >= elem_min) {
		malloc_elem *rest = (malloc_elem *)busy_end;
		init_elem(rest, heap, ee - busy_end, ELEM_FREE, e->msl_idx);
		chain_after(heap, e, rest);
		e->size = busy_end - es;
		list_free(rest);
	} else {
		busy_end = ee;
	}
	/* 2. front remainder: stays free, or becomes padding */
	malloc_elem *busy = e;
	if (hdr - es >= elem_min) {
		busy = (malloc_elem *)hdr;
		init_elem(busy, heap, busy_end - hdr, ELEM_BUSY, e->msl_idx);
		chain_after(heap, e, busy);
		e->size = hdr - es;
		list_free(e);
	} else if (hdr > es) {
		malloc_elem *inner = (malloc_elem *)hdr;
		init_elem(inner, heap, 0, ELEM_PAD, e->msl_idx);
		inner->pad = (uint32_t)(hdr - es);
		e->pad = (uint32_t)(hdr - es);
	}
	busy->state = ELEM_BUSY;
	busy->user_size = align_ceil(req.size, elem_unit);
	*guard_of(busy) = guard_value(busy);
	heap->alloc_count++;
	return (void *)ds;
}

malloc_elem *
elem_from_data(const void *data)
{
	uintptr_t d = (uintptr_t)data;
	if (d == 0 || d % elem_unit != 0)
		return nullptr;
	/* The header below must be in mapped EAL memory before we read it. */
	const void *h = (const void *)(d - elem_header);
	int idx = memseg_list_of(h);
	if (idx < 0)
		return nullptr;
	rte_memseg_list *msl = &mcfg().memsegs[idx];
	if (!msl->external && rte_mem_virt2memseg(h, msl) == nullptr)
		return nullptr;
	malloc_elem *e = (malloc_elem *)h;
	if (!cookie_ok(e))
		return nullptr;
	if (e->state == ELEM_BUSY && e->pad == 0)
		return e;
	if (e->state != ELEM_PAD)
		return nullptr;
	malloc_elem *outer = (malloc_elem *)((uintptr_t)e - e->pad);
	if (!cookie_ok(outer) || outer->state != ELEM_BUSY || outer->pad != e->pad)
		return nullptr;
	return outer;
}

malloc_elem *
elem_free(malloc_elem *e)
{
	*guard_of(e) = 0;
	if (e->pad != 0)
		wipe((malloc_elem *)(start_of(e) + e->pad));
	e->pad = 0;
	e->user_size = 0;
	e->state = ELEM_FREE;
	e->heap->alloc_count--;
	return merge_and_list(e);
}

void
elem_cut_out(malloc_elem *e, uintptr_t start, size_t len)
{
	malloc_heap *heap = e->heap;
	const uintptr_t es = start_of(e), ee = end_of(e);
	const uint16_t msl_idx = e->msl_idx;
	malloc_elem *before = e->prev;

	unlist_free(e);
	if (start > es) {
		e->size = start - es;
		list_free(e);
		before = e;
	} else {
		unchain(e);
		wipe(e);
	}
	if (start + len < ee) {
		malloc_elem *rest = (malloc_elem *)(start + len);
		init_elem(rest, heap, ee - (start + len), ELEM_FREE, msl_idx);
		chain_after(heap, before, rest);
		list_free(rest);
	}
	heap->total_size -= len;
}

bool
elem_resize(malloc_elem *e, size_t size)
{
	malloc_heap *heap = e->heap;
	const uintptr_t ds = (uintptr_t)elem_data(e);
	const uintptr_t want_end = ds + elem_data_len(size);

	if (want_end > end_of(e)) {
		malloc_elem *n = e->next;
		if (!neighbours(e, n) || n->state != ELEM_FREE || end_of(n) < want_end)
			return false;
		unlist_free(n);
		absorb(e, n);
	}
	/* give back what lies beyond want_end if it can stand alone */
	if (end_of(e) - want_end >= elem_min) {
		malloc_elem *rest = (malloc_elem *)want_end;
		init_elem(rest, heap, end_of(e) - want_end, ELEM_FREE, e->msl_idx);
		chain_after(heap, e, rest);
		e->size = want_end - start_of(e);
		merge_and_list(rest);
	}
	e->user_size = align_ceil(size, elem_unit);
	*guard_of(e) = guard_value(e);
	return true;
}

namespace {

/* Largest block of whole cache lines whose data starts in [lo, ...),
 * aligned, ends by @p hi, and crosses no multiple of @p bound. */
size_t
largest_between(uintptr_t lo, uintptr_t hi, size_t align, size_t bound)
{
	uintptr_t ds = align_ceil(lo, (uintptr_t)align);
	if (ds >= hi)
		return 0;
	if (bound == 0)
		return align_floor(hi - ds, elem_unit);
	/* the rest of the first window, or the next window from its start
	 * (any later window is no larger) */
	uintptr_t wend = align_floor(ds, (uintptr_t)bound) + bound;
	size_t best = align_floor(std::min(hi, wend) - ds, elem_unit);
	uintptr_t ds2 = align_ceil(wend, (uintptr_t)align);
	if (ds2 < hi) {
		uintptr_t wend2 = align_floor(ds2, (uintptr_t)bound) + bound;
		best = std::max(best, align_floor(std::min(hi, wend2) - ds2, elem_unit));
	}
	return best;
}

} // namespace

size_t
elem_largest_free(malloc_heap *heap, const elem_request &req)
{
	size_t best = 0;
	for (malloc_elem *head : heap->free_head) {
		for (malloc_elem *e = head; e != nullptr; e = e->free_next) {
			if (!page_size_ok(e, req))
				continue;
			const uintptr_t es = start_of(e), ee = end_of(e);
			if (ee - es < elem_header + 2 * elem_unit)
				continue;
			/* candidate runs: the whole element, or its IOVA runs; the
			 * data must be in the run, its guard line in the element */
			uintptr_t run_end = ee;
			while (run_end > es) {
				uintptr_t run_start = es;
				if (req.contig) {
					uintptr_t brk = highest_iova_break(e->msl_idx, es,
									   run_end - es);
					if (brk == never_contig)
						break;
					if (brk != 0 && brk < run_end)
						run_start = brk;
				}
				uintptr_t lo = std::max(run_start, es + elem_header);
				uintptr_t hi = std::min(run_end, ee - elem_unit);
				if (lo < hi)
					best = std::max(best, largest_between(lo, hi, req.align,
									      req.bound));
				if (run_start == es)
					break;
				run_end = run_start;
			}
		}
	}
	return best;
}

void
elem_dump(FILE *f, const malloc_elem *e)
{
	const char *st = e->state == ELEM_FREE ? "free" : e->state == ELEM_BUSY ? "busy" : "?";
	fprintf(f, "    elem %p size %zu %s pad %u list %u\n", (const void *)e, e->size, st, e->pad,
		e->msl_idx);
}

} // namespace dpkit::eal_detail
