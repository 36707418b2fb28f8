/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memory the application brings: rte_extmem_* make an area known to the
 * EAL (translation, walks) without a heap, rte_malloc_heap_* build named
 * external heaps on such areas. Either way the area becomes an external
 * memseg list over the user's own mapping; dpkit never maps or unmaps it.
 * External heaps get socket ids from RTE_MAX_NUMA_NODES up and never grow.
 */

#include <errno.h>
#include <string.h>

#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "malloc_private.h"

using namespace dpkit::eal_detail;

namespace {

constexpr size_t heap_name_len = sizeof(malloc_heap::name);

struct mem_write_guard {
	mem_write_guard() { rte_mcfg_mem_write_lock(); }
	~mem_write_guard() { rte_mcfg_mem_write_unlock(); }
};

int
fail(int err)
{
	rte_errno = err;
	return -1;
}

/* Checks shared by every call that takes an area. */
bool
area_ok(const char *what, void *va, size_t len, size_t page_sz)
{
	if (va == nullptr || len == 0 || page_sz == 0 || (page_sz & (page_sz - 1)) != 0 ||
	    (uintptr_t)va % page_sz != 0 || len % page_sz != 0 || len < elem_min) {
		EAL_LOG(ERR,
			"%s: area %p + %zu with page size %zu: give a non-NULL start "
			"and a length that are multiples of a power-of-two page size",
			what, va, len, page_sz);
		return false;
	}
	return true;
}

bool
overlaps_a_list(void *va, size_t len)
{
	uintptr_t a = (uintptr_t)va, e = a + len;
	for (const auto &msl : mcfg().memsegs) {
		if (msl.memseg_arr.data == nullptr)
			continue;
		uintptr_t b = (uintptr_t)msl.base_va,
			  be = b + msl.len + (msl.external ? 0 : msl.page_sz);
		if (a < be && b < e)
			return true;
	}
	return false;
}

/* External list with exactly this area, or -1. */
int
find_area(void *va, size_t len)
{
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const rte_memseg_list &msl = mcfg().memsegs[i];
		if (msl.memseg_arr.data != nullptr && msl.external && msl.base_va == va &&
		    msl.len == len)
			return i;
	}
	return -1;
}

/* Publish the user's area as an external list. @return index or -1. */
int
add_area(const char *what, void *va, size_t len, rte_iova_t iova_addrs[], unsigned n_pages,
	 size_t page_sz, int socket, bool heap)
{
	if (!area_ok(what, va, len, page_sz))
		return fail(EINVAL);
	unsigned n = (unsigned)(len / page_sz);
	if (iova_addrs != nullptr && n_pages != n) {
		EAL_LOG(ERR, "%s: %u IOVAs given for %u pages; give one per page", what, n_pages,
			n);
		return fail(EINVAL);
	}
	if (overlaps_a_list(va, len)) {
		EAL_LOG(ERR, "%s: area %p + %zu overlaps memory already known to the EAL", what, va,
			len);
		return fail(EEXIST);
	}
	int idx = memseg_list_create(socket, page_sz, n, va, true, heap);
	if (idx == -ENOSPC) {
		EAL_LOG(ERR, "%s: all %d memseg lists are in use; unregister some memory", what,
			RTE_MAX_MEMSEG_LISTS);
		return fail(ENOSPC);
	}
	if (idx < 0) {
		EAL_LOG(ERR, "%s: cannot make a memseg list for %u pages (%s)", what, n,
			strerror(-idx));
		return fail(-idx);
	}
	rte_memseg_list &msl = mcfg().memsegs[idx];
	for (unsigned i = 0; i < n; i++) {
		rte_memseg *ms = memseg_at(&msl, i);
		ms->addr = RTE_PTR_ADD(va, (size_t)i * page_sz);
		ms->iova = iova_addrs != nullptr ? iova_addrs[i] : RTE_BAD_IOVA;
		ms->len = page_sz;
		ms->hugepage_sz = page_sz;
		ms->socket_id = socket;
		ms->flags = RTE_MEMSEG_FLAG_DO_NOT_FREE;
	}
	msl.memseg_arr.count = n;
	return idx;
}

/* Heap named @p name: nullptr with rte_errno set (and a log line) if bad. */
malloc_heap *
named_heap(const char *what, const char *name, bool must_be_external)
{
	if (name == nullptr || name[0] == '\0' || strnlen(name, heap_name_len) >= heap_name_len) {
		MALLOC_LOG(ERR, "%s: heap name must be 1 to %zu chars", what, heap_name_len - 1);
		rte_errno = EINVAL;
		return nullptr;
	}
	for (auto &h : mcfg().heaps) {
		if (!h.in_use || strcmp(h.name, name) != 0)
			continue;
		if (must_be_external && !h.external) {
			MALLOC_LOG(ERR,
				   "%s: heap %s belongs to a socket; only heaps made "
				   "with rte_malloc_heap_create can be changed",
				   what, name);
			rte_errno = EPERM;
			return nullptr;
		}
		return &h;
	}
	MALLOC_LOG(ERR, "%s: no heap named %s", what, name);
	rte_errno = ENOENT;
	return nullptr;
}

} // namespace

extern "C" {

int
rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[], unsigned int n_pages,
		    size_t page_sz)
{
	mem_write_guard g;
	return add_area("rte_extmem_register", va_addr, len, iova_addrs, n_pages, page_sz,
			SOCKET_ID_ANY, false) < 0
		       ? -1
		       : 0;
}

int
rte_extmem_unregister(void *va_addr, size_t len)
{
	if (va_addr == nullptr || len == 0) {
		EAL_LOG(ERR, "rte_extmem_unregister: NULL area or zero length");
		return fail(EINVAL);
	}
	mem_write_guard g;
	int idx = find_area(va_addr, len);
	if (idx < 0) {
		EAL_LOG(ERR, "rte_extmem_unregister: %p + %zu is not registered", va_addr, len);
		return fail(ENOENT);
	}
	if (mcfg().memsegs[idx].heap) {
		EAL_LOG(ERR,
			"rte_extmem_unregister: %p belongs to a malloc heap; use "
			"rte_malloc_heap_memory_remove",
			va_addr);
		return fail(EBUSY);
	}
	memseg_list_destroy(idx);
	return 0;
}

static int
extmem_check(const char *what, void *va_addr, size_t len)
{
	if (va_addr == nullptr || len == 0) {
		EAL_LOG(ERR, "%s: NULL area or zero length", what);
		return fail(EINVAL);
	}
	rte_mcfg_mem_read_lock();
	int idx = find_area(va_addr, len);
	rte_mcfg_mem_read_unlock();
	if (idx < 0) {
		EAL_LOG(ERR, "%s: %p + %zu is not registered", what, va_addr, len);
		return fail(ENOENT);
	}
	return 0;
}

int
rte_extmem_attach(void *va_addr, size_t len)
{
	return extmem_check("rte_extmem_attach", va_addr, len);
}

int
rte_extmem_detach(void *va_addr, size_t len)
{
	return extmem_check("rte_extmem_detach", va_addr, len);
}

int
rte_malloc_heap_create(const char *heap_name)
{
	mem_config &m = mcfg();
	if (heap_name == nullptr || heap_name[0] == '\0' ||
	    strnlen(heap_name, heap_name_len) >= heap_name_len) {
		MALLOC_LOG(ERR, "rte_malloc_heap_create: name must be 1 to %zu chars",
			   heap_name_len - 1);
		return fail(EINVAL);
	}
	mem_write_guard g;
	malloc_heap *slot = nullptr;
	for (auto &h : m.heaps) {
		if (h.in_use && strcmp(h.name, heap_name) == 0) {
			MALLOC_LOG(ERR, "rte_malloc_heap_create: heap %s exists", heap_name);
			return fail(EEXIST);
		}
		if (!h.in_use && slot == nullptr)
			slot = &h;
	}
	if (slot == nullptr) {
		MALLOC_LOG(ERR, "rte_malloc_heap_create: all %d heaps in use; destroy one",
			   RTE_MAX_HEAPS);
		return fail(ENOSPC);
	}
	memset(slot, 0, sizeof(*slot));
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&slot->lock, &a);
	pthread_mutexattr_destroy(&a);
	slot->socket_id = m.next_external_socket++;
	slot->external = true;
	snprintf(slot->name, sizeof(slot->name), "%s", heap_name);
	slot->in_use = true;
	return 0;
}

int
rte_malloc_heap_destroy(const char *heap_name)
{
	mem_write_guard g;
	malloc_heap *h = named_heap("rte_malloc_heap_destroy", heap_name, true);
	if (h == nullptr)
		return -1;
	if (h->total_size != 0) {
		MALLOC_LOG(ERR,
			   "rte_malloc_heap_destroy: heap %s still has %zu bytes of "
			   "memory; remove it first",
			   heap_name, h->total_size);
		return fail(EBUSY);
	}
	pthread_mutex_destroy(&h->lock);
	memset(h, 0, sizeof(*h));
	return 0;
}

int
rte_malloc_heap_memory_add(const char *heap_name, void *va_addr, size_t len,
			   rte_iova_t iova_addrs[], unsigned int n_pages, size_t page_sz)
{
	mem_write_guard g;
	malloc_heap *h = named_heap("rte_malloc_heap_memory_add", heap_name, true);
	if (h == nullptr)
		return -1;
	int idx = add_area("rte_malloc_heap_memory_add", va_addr, len, iova_addrs, n_pages, page_sz,
			   h->socket_id, true);
	if (idx < 0)
		return -1;
	pthread_mutex_lock(&h->lock);
	elem_add_region(h, va_addr, len, (uint16_t)idx);
	pthread_mutex_unlock(&h->lock);
	return 0;
}

int
rte_malloc_heap_memory_remove(const char *heap_name, void *va_addr, size_t len)
{
	if (va_addr == nullptr || len == 0) {
		MALLOC_LOG(ERR, "rte_malloc_heap_memory_remove: NULL area or zero length");
		return fail(EINVAL);
	}
	mem_write_guard g;
	malloc_heap *h = named_heap("rte_malloc_heap_memory_remove", heap_name, true);
	if (h == nullptr)
		return -1;
	int idx = find_area(va_addr, len);
	if (idx < 0 || mcfg().memsegs[idx].socket_id != h->socket_id) {
		MALLOC_LOG(ERR,
			   "rte_malloc_heap_memory_remove: %p + %zu is not memory of "
			   "heap %s",
			   va_addr, len, heap_name);
		return fail(ENOENT);
	}
	pthread_mutex_lock(&h->lock);
	/* removable only when the whole area is one free element again */
	malloc_elem *e = static_cast<malloc_elem *>(va_addr);
	bool idle = e->state == ELEM_FREE && e->heap == h && e->size == len;
	if (idle)
		elem_cut_out(e, (uintptr_t)va_addr, len);
	pthread_mutex_unlock(&h->lock);
	if (!idle) {
		MALLOC_LOG(ERR,
			   "rte_malloc_heap_memory_remove: blocks of %p + %zu are still "
			   "allocated; free them first",
			   va_addr, len);
		return fail(EBUSY);
	}
	memseg_list_destroy(idx);
	return 0;
}

static int
heap_area_check(const char *what, const char *heap_name, void *va_addr, size_t len)
{
	if (va_addr == nullptr || len == 0) {
		MALLOC_LOG(ERR, "%s: NULL area or zero length", what);
		return fail(EINVAL);
	}
	mem_write_guard g;
	malloc_heap *h = named_heap(what, heap_name, true);
	if (h == nullptr)
		return -1;
	int idx = find_area(va_addr, len);
	if (idx < 0 || mcfg().memsegs[idx].socket_id != h->socket_id) {
		MALLOC_LOG(ERR, "%s: %p + %zu is not memory of heap %s", what, va_addr, len,
			   heap_name);
		return fail(ENOENT);
	}
	return 0;
}

int
rte_malloc_heap_memory_attach(const char *heap_name, void *va_addr, size_t len)
{
	return heap_area_check("rte_malloc_heap_memory_attach", heap_name, va_addr, len);
}

int
rte_malloc_heap_memory_detach(const char *heap_name, void *va_addr, size_t len)
{
	return heap_area_check("rte_malloc_heap_memory_detach", heap_name, va_addr, len);
}

int
rte_malloc_heap_get_socket(const char *name)
{
	if (name == nullptr) {
		MALLOC_LOG(ERR, "rte_malloc_heap_get_socket: NULL name");
		return fail(EINVAL);
	}
	rte_mcfg_mem_read_lock();
	malloc_heap *h = named_heap("rte_malloc_heap_get_socket", name, false);
	int r = h != nullptr ? h->socket_id : -1;
	rte_mcfg_mem_read_unlock();
	return r;
}

int
rte_malloc_heap_socket_is_external(int socket_id)
{
	if (socket_id == SOCKET_ID_ANY)
		return 0;
	malloc_heap *h = heap_of_socket(socket_id);
	if (h == nullptr)
		return -1;
	return h->external ? 1 : 0;
}

} // extern "C"
