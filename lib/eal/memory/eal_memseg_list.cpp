/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memseg lists: one reserved, inaccessible virtual area per (socket, page
 * size), cut into page slots. A slot is in use exactly when its memseg has
 * a non-zero length. Each area is followed by one page of reservation that
 * never holds memory, so no two lists are ever adjacent and a heap element
 * can never run from one list into the next. Also here: the lookups and
 * walks of the public API and the file-descriptor queries.
 */

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <memory>
#include <new>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_memory_private.h"
#include "eal_fault.h"
#include "eal_os_private.h"

namespace dpkit::eal_detail {

bool
memseg_used(const rte_memseg *ms)
{
	return ms->len != 0;
}

rte_memseg *
memseg_at(rte_memseg_list *msl, unsigned idx)
{
	return static_cast<rte_memseg *>(msl->memseg_arr.data) + idx;
}

int
memseg_list_index(const rte_memseg_list *msl)
{
	const rte_memseg_list *base = mcfg().memsegs;
	if (msl < base || msl >= base + RTE_MAX_MEMSEG_LISTS)
		return -1;
	return (int)(msl - base);
}

namespace {

/* Where the next list's reservation is asked for: from the base address
 * (--base-virtaddr, 4 GB by default) upwards, far from where the kernel
 * puts libraries and thread stacks, which differ from process to process
 * (ASLR): a secondary must find the primary's ranges free in its own
 * address space. Lists are created with the memory lock held. */
uintptr_t next_hint;

/* Where the default base is taken (AddressSanitizer's shadow covers the
 * addresses from 2 GB to 16 TB): above the shadow, below the program. */
constexpr uintptr_t second_base = 0x200000000000ULL;

void *
reserve_list_area(size_t len, uint64_t page_sz)
{
	if (next_hint == 0)
		next_hint = (uintptr_t)rte_eal_get_baseaddr();
	for (;;) {
		uintptr_t hint = (next_hint + page_sz - 1) & ~(uintptr_t)(page_sz - 1);
		void *base = os::reserve_area(len, page_sz, (void *)hint);
		if ((uintptr_t)base == hint) {
			next_hint = hint + len;
			return base;
		}
		if (base == nullptr || config().base_virtaddr != 0 || next_hint >= second_base)
			return base; /* where the kernel put it */
		os::release_area(base, len);
		next_hint = second_base;
	}
}

} // namespace

int
memseg_list_create(int socket, uint64_t page_sz, unsigned n_segs, void *base, bool external,
		   bool heap)
{
	mem_config &m = mcfg();
	int idx = -1;
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++)
		if (m.memsegs[i].memseg_arr.data == nullptr) {
			idx = i;
			break;
		}
	if (idx < 0)
		return -ENOSPC;

	/* the memsegs, then a run-start mark per slot; a memfd, so that a
	 * secondary can map it (an anonymous mapping where there is none) */
	size_t arr_len = (size_t)n_segs * (sizeof(rte_memseg) + 1);
	int arr_fd = os::memfd_shared("dpkit_memseg_arr", arr_len);
	void *arr = arr_fd >= 0 ? os::map_shared(nullptr, arr_len, arr_fd, 0) : nullptr;
	if (arr == nullptr && arr_fd >= 0) {
		os::close_fd(arr_fd);
		return -ENOMEM;
	}
	if (arr == nullptr) {
		arr = DPKIT_FAULT(MMAP) ? MAP_FAILED
					: mmap(nullptr, arr_len, PROT_READ | PROT_WRITE,
					       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (arr == MAP_FAILED)
			return -ENOMEM;
	}
	size_t len = (size_t)n_segs * page_sz;
	if (!external) {
		/* one extra page of reservation as a separator */
		base = reserve_list_area(len + page_sz, page_sz);
		if (base == nullptr) {
			munmap(arr, arr_len);
			os::close_fd(arr_fd);
			return -ENOMEM;
		}
	}
	list_local &ll = local().lists[idx];
	try {
		ll.backing = std::make_unique<seg_backing[]>(n_segs);
		ll.index_used = std::make_unique<uint8_t[]>(n_segs); /* zeroed */
	} catch (const std::bad_alloc &) {
		ll = list_local{nullptr, nullptr, -1, false, false};
		if (!external)
			os::release_area(base, len + page_sz);
		munmap(arr, arr_len);
		os::close_fd(arr_fd);
		return -ENOMEM;
	}
	ll.arr_fd = arr_fd;
	for (unsigned i = 0; i < n_segs; i++)
		ll.backing[i] = {-1, 0, -1};
	ll.list_fd = -1;
	ll.anon_hugepages = false;
	ll.list_file_reused = false;

	rte_memseg_list &msl = m.memsegs[idx];
	msl.base_va = base;
	msl.page_sz = page_sz;
	msl.socket_id = socket;
	msl.version = 0;
	msl.len = len;
	msl.external = external;
	msl.heap = heap;
	snprintf(msl.memseg_arr.name, sizeof(msl.memseg_arr.name), "memseg-%lluk-%d-%d",
		 (unsigned long long)(page_sz >> 10), socket, idx);
	msl.memseg_arr.count = 0;
	msl.memseg_arr.len = n_segs;
	msl.memseg_arr.elt_sz = sizeof(rte_memseg);
	msl.memseg_arr.data = arr;
	m.run_start[idx] = static_cast<uint8_t *>(arr) + (size_t)n_segs * sizeof(rte_memseg);
	return idx;
}

void
memseg_list_destroy(int idx)
{
	mem_config &m = mcfg();
	rte_memseg_list &msl = m.memsegs[idx];
	if (msl.memseg_arr.data == nullptr)
		return;
	list_local &ll = local().lists[idx];
	if (!msl.external)
		os::release_area(msl.base_va, msl.len + msl.page_sz);
	os::close_fd(ll.list_fd);
	os::close_fd(ll.arr_fd);
	ll = list_local{nullptr, nullptr, -1, false, false};
	munmap(msl.memseg_arr.data, (size_t)msl.memseg_arr.len * (sizeof(rte_memseg) + 1));
	memset(&msl, 0, sizeof(msl));
	m.run_start[idx] = nullptr;
}

void
memseg_alloc_run(int idx, unsigned slot, unsigned *first, unsigned *n)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	const uint8_t *marks = mcfg().run_start[idx];
	unsigned f = slot;
	while (f > 0 && !marks[f] && memseg_used(memseg_at(&msl, f - 1)))
		f--;
	unsigned e = slot + 1;
	while (e < msl.memseg_arr.len && !marks[e] && memseg_used(memseg_at(&msl, e)))
		e++;
	*first = f;
	*n = e - f;
}

int
memseg_list_of(const void *va)
{
	mem_config &m = mcfg();
	uintptr_t a = (uintptr_t)va;
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const rte_memseg_list &msl = m.memsegs[i];
		if (msl.memseg_arr.data == nullptr)
			continue;
		uintptr_t b = (uintptr_t)msl.base_va;
		if (a >= b && a < b + msl.len)
			return i;
	}
	return -1;
}

int
memseg_find_free_run(int idx, unsigned n)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	unsigned run = 0;
	for (unsigned i = 0; i < msl.memseg_arr.len; i++) {
		run = memseg_used(memseg_at(&msl, i)) ? 0 : run + 1;
		if (run == n)
			return (int)(i + 1 - n);
	}
	return -1;
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

namespace {

/* Locate @p ms among the lists: list index and slot, or -1. */
int
locate_memseg(const rte_memseg *ms, unsigned *slot)
{
	if (ms == nullptr)
		return -1;
	mem_config &m = mcfg();
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const rte_memseg_list &msl = m.memsegs[i];
		const rte_memseg *arr = static_cast<const rte_memseg *>(msl.memseg_arr.data);
		if (arr == nullptr || ms < arr || ms >= arr + msl.memseg_arr.len)
			continue;
		uintptr_t off = (uintptr_t)ms - (uintptr_t)arr;
		if (off % sizeof(rte_memseg) != 0)
			return -1;
		*slot = (unsigned)(off / sizeof(rte_memseg));
		return i;
	}
	return -1;
}

/* Shared checks of the get_fd family: 0 with the backing, or -1 + rte_errno. */
int
memseg_backing(const rte_memseg *ms, seg_backing *out)
{
	unsigned slot;
	int idx = locate_memseg(ms, &slot);
	if (idx < 0) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_memseg_list &msl = mcfg().memsegs[idx];
	if (!memseg_used(ms)) {
		rte_errno = ENOENT;
		return -1;
	}
	if (msl.external || mcfg().no_huge || local().lists[idx].anon_hugepages) {
		rte_errno = ENOTSUP;
		return -1;
	}
	*out = local().lists[idx].backing[slot];
	if (out->fd < 0) {
		rte_errno = ENODEV;
		return -1;
	}
	return 0;
}

} // namespace

extern "C" {

struct rte_memseg_list *
rte_mem_virt2memseg_list(const void *virt)
{
	int idx = memseg_list_of(virt);
	return idx < 0 ? nullptr : &mcfg().memsegs[idx];
}

struct rte_memseg *
rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl)
{
	int idx = msl != nullptr ? memseg_list_index(msl) : memseg_list_of(virt);
	if (idx < 0)
		return nullptr;
	rte_memseg_list *l = &mcfg().memsegs[idx];
	uintptr_t a = (uintptr_t)virt, b = (uintptr_t)l->base_va;
	if (l->memseg_arr.data == nullptr || a < b || a >= b + l->len)
		return nullptr;
	rte_memseg *ms = memseg_at(l, (unsigned)((a - b) / l->page_sz));
	return memseg_used(ms) ? ms : nullptr;
}

int
rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg)
{
	mem_config &m = mcfg();
	for (const rte_memseg_list &list : m.memsegs) {
		const rte_memseg_list *msl = &list;
		if (msl->memseg_arr.data == nullptr)
			continue;
		int r = func(msl, arg);
		if (r != 0)
			return r < 0 ? -1 : 1;
	}
	return 0;
}

int
rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg)
{
	mem_config &m = mcfg();
	for (rte_memseg_list &list : m.memsegs) {
		rte_memseg_list *msl = &list;
		if (msl->memseg_arr.data == nullptr || msl->memseg_arr.count == 0)
			continue;
		for (unsigned s = 0; s < msl->memseg_arr.len; s++) {
			const rte_memseg *ms = memseg_at(msl, s);
			if (!memseg_used(ms))
				continue;
			int r = func(msl, ms, arg);
			if (r != 0)
				return r < 0 ? -1 : 1;
		}
	}
	return 0;
}

int
rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg)
{
	mem_config &m = mcfg();
	for (rte_memseg_list &list : m.memsegs) {
		rte_memseg_list *msl = &list;
		if (msl->memseg_arr.data == nullptr || msl->memseg_arr.count == 0)
			continue;
		unsigned n = msl->memseg_arr.len;
		for (unsigned s = 0; s < n;) {
			const rte_memseg *first = memseg_at(msl, s);
			if (!memseg_used(first)) {
				s++;
				continue;
			}
			/* extend the run while the next slot is mapped and its
			 * IOVA follows on */
			unsigned e = s + 1;
			while (e < n) {
				const rte_memseg *prev = memseg_at(msl, e - 1);
				const rte_memseg *cur = memseg_at(msl, e);
				if (!memseg_used(cur))
					break;
				if (prev->iova == RTE_BAD_IOVA ||
				    cur->iova != prev->iova + prev->len)
					break;
				e++;
			}
			int r = func(msl, first, (size_t)(e - s) * msl->page_sz, arg);
			if (r != 0)
				return r < 0 ? -1 : 1;
			s = e;
		}
	}
	return 0;
}

int
rte_memseg_walk(rte_memseg_walk_t func, void *arg)
{
	rte_mcfg_mem_read_lock();
	int r = rte_memseg_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return r;
}

int
rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg)
{
	rte_mcfg_mem_read_lock();
	int r = rte_memseg_contig_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return r;
}

int
rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg)
{
	rte_mcfg_mem_read_lock();
	int r = rte_memseg_list_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return r;
}

int
rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms)
{
	seg_backing b;
	if (memseg_backing(ms, &b) < 0)
		return -1;
	return b.fd;
}

int
rte_memseg_get_fd(const struct rte_memseg *ms)
{
	rte_mcfg_mem_read_lock();
	int r = rte_memseg_get_fd_thread_unsafe(ms);
	rte_mcfg_mem_read_unlock();
	return r;
}

int
rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms, size_t *offset)
{
	if (offset == nullptr) {
		rte_errno = EINVAL;
		return -1;
	}
	seg_backing b;
	if (memseg_backing(ms, &b) < 0)
		return -1;
	*offset = (size_t)b.offset;
	return 0;
}

int
rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset)
{
	rte_mcfg_mem_read_lock();
	int r = rte_memseg_get_fd_offset_thread_unsafe(ms, offset);
	rte_mcfg_mem_read_unlock();
	return r;
}

} // extern "C"
