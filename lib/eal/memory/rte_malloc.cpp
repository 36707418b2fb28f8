/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The rte_malloc API over the socket and external heaps: argument checks,
 * zeroing, realloc (in place when the next element is free, else move),
 * validation, statistics and dumps.
 */

#include <errno.h>
#include <string.h>

#include <algorithm>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_nothrow.h"
#include "malloc_private.h"

using namespace dpkit::eal_detail;

namespace {

/* Larger blocks cannot exist (the address space is 2^47 to 2^57 bytes),
 * and below this bound the heap's size arithmetic cannot wrap. */
constexpr size_t max_block = SIZE_MAX / 2;

bool
valid_socket(int socket)
{
	return socket == SOCKET_ID_ANY || heap_of_socket(socket) != nullptr;
}

void *
do_malloc_work(const char *what, size_t size, unsigned align, int socket)
{
	if (!mcfg().initialised) {
		MALLOC_LOG(ERR, "%s: EAL memory is not initialised; call rte_eal_init() first",
			   what);
		rte_errno = E_RTE_NO_CONFIG;
		return nullptr;
	}
	if (size == 0) {
		rte_errno = EINVAL;
		return nullptr;
	}
	if (align != 0 && !rte_is_power_of_2(align)) {
		MALLOC_LOG(ERR, "%s: alignment %u is not a power of two", what, align);
		rte_errno = EINVAL;
		return nullptr;
	}
	if (socket_means_any(socket))
		socket = SOCKET_ID_ANY;
	if (!valid_socket(socket)) {
		MALLOC_LOG(ERR,
			   "%s: no heap for socket %d; use SOCKET_ID_ANY or a socket "
			   "with memory",
			   what, socket);
		rte_errno = EINVAL;
		return nullptr;
	}
	if (size > max_block) {
		MALLOC_LOG(ERR,
			   "%s: %zu bytes is more than any heap can hold; check the "
			   "size computation",
			   what, size);
		rte_errno = ENOMEM;
		return nullptr;
	}
	elem_request req{size, std::max((size_t)align, elem_unit), 0, false, 0, -1};
	void *p = heap_alloc(socket, req);
	if (p == nullptr) {
		size_t largest, free_bytes, growable;
		heap_free_report(socket, req, &largest, &free_bytes, &growable);
		MALLOC_LOG(WARNING,
			   "%s: cannot allocate %zu bytes on socket %d: largest "
			   "free block %zu bytes, %zu more can be mapped; reserve more hugepages "
			   "or raise -m",
			   what, size, socket, largest, (size_t)growable);
		rte_errno = ENOMEM;
	}
	return p;
}

void *
do_malloc(const char *what, size_t size, unsigned align, int socket)
{
	return nothrow_call(what, (void *)nullptr,
			    [&] { return do_malloc_work(what, size, align, socket); });
}

} // namespace

extern "C" {

void *
rte_malloc_socket(const char *type, size_t size, unsigned align, int socket)
{
	RTE_SET_USED(type);
	return do_malloc("rte_malloc", size, align, socket);
}

void *
rte_malloc(const char *type, size_t size, unsigned align)
{
	return rte_malloc_socket(type, size, align, SOCKET_ID_ANY);
}

void *
rte_zmalloc_socket(const char *type, size_t size, unsigned align, int socket)
{
	RTE_SET_USED(type);
	void *p = do_malloc("rte_zmalloc", size, align, socket);
	if (p != nullptr)
		memset(p, 0, size);
	return p;
}

void *
rte_zmalloc(const char *type, size_t size, unsigned align)
{
	return rte_zmalloc_socket(type, size, align, SOCKET_ID_ANY);
}

void *
rte_calloc_socket(const char *type, size_t num, size_t size, unsigned align, int socket)
{
	if (size != 0 && num > SIZE_MAX / size) {
		MALLOC_LOG(ERR, "rte_calloc: %zu x %zu bytes overflows; check the count", num,
			   size);
		rte_errno = ENOMEM; /* as calloc(3): more than any heap can hold */
		return nullptr;
	}
	return rte_zmalloc_socket(type, num * size, align, socket);
}

void *
rte_calloc(const char *type, size_t num, size_t size, unsigned align)
{
	return rte_calloc_socket(type, num, size, align, SOCKET_ID_ANY);
}

void
rte_free(void *ptr)
{
	if (ptr == nullptr)
		return;
	malloc_elem *e = elem_from_data(ptr);
	if (e == nullptr) {
		MALLOC_LOG(ERR,
			   "rte_free(%p): not a block from rte_malloc (double free or "
			   "foreign pointer); ignored",
			   ptr);
		return;
	}
	if (!elem_guard_ok(e))
		MALLOC_LOG(ERR,
			   "rte_free(%p): the guard word after the block was "
			   "overwritten: something wrote past its end",
			   ptr);
	heap_free(e);
}

void *
rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket)
{
	if (ptr == nullptr)
		return rte_malloc_socket(nullptr, size, align, socket);
	if (size == 0) {
		rte_free(ptr);
		return nullptr;
	}
	malloc_elem *e = elem_from_data(ptr);
	if (e == nullptr) {
		MALLOC_LOG(ERR, "rte_realloc(%p): not a block from rte_malloc", ptr);
		rte_errno = EINVAL;
		return nullptr;
	}
	if (size > max_block) {
		MALLOC_LOG(ERR,
			   "rte_realloc(%p): %zu bytes is more than any heap can hold; "
			   "the block is left as it was",
			   ptr, size);
		rte_errno = ENOMEM;
		return nullptr;
	}
	if (align != 0 && !rte_is_power_of_2(align)) {
		MALLOC_LOG(ERR, "rte_realloc: alignment %u is not a power of two", align);
		rte_errno = EINVAL;
		return nullptr;
	}
	size_t eff_align = std::max((size_t)align, elem_unit);
	bool same_socket = socket == SOCKET_ID_ANY || e->heap->socket_id == socket;
	if (same_socket && (uintptr_t)ptr % eff_align == 0) {
		pthread_mutex_lock(&e->heap->lock);
		bool done = elem_resize(e, size);
		pthread_mutex_unlock(&e->heap->lock);
		if (done)
			return ptr;
	}
	void *n = rte_malloc_socket(nullptr, size, align, socket);
	if (n == nullptr)
		return nullptr;
	memcpy(n, ptr, std::min(size, elem_usable(e)));
	rte_free(ptr);
	return n;
}

void *
rte_realloc(void *ptr, size_t size, unsigned int align)
{
	return rte_realloc_socket(ptr, size, align, SOCKET_ID_ANY);
}

int
rte_malloc_validate(const void *ptr, size_t *size)
{
	malloc_elem *e = elem_from_data(ptr);
	if (e == nullptr || !elem_guard_ok(e))
		return -1;
	if (size != nullptr)
		*size = elem_usable(e);
	return 0;
}

int
rte_malloc_get_socket_stats(int socket, struct rte_malloc_socket_stats *socket_stats)
{
	malloc_heap *h = heap_of_socket(socket);
	if (h == nullptr || socket_stats == nullptr)
		return -1;
	heap_stats(h, socket_stats);
	return 0;
}

void
rte_malloc_dump_stats(FILE *f, const char *type)
{
	RTE_SET_USED(type);
	if (f == nullptr)
		return;
	for (auto &h : mcfg().heaps) {
		if (!h.in_use)
			continue;
		rte_malloc_socket_stats st;
		heap_stats(&h, &st);
		fprintf(f, "heap %s (socket %d)\n", h.name, h.socket_id);
		fprintf(f,
			"  total bytes: %zu\n  free bytes: %zu\n  allocated bytes: %zu\n"
			"  greatest free block: %zu\n  free blocks: %u\n  allocated blocks: %u\n",
			st.heap_totalsz_bytes, st.heap_freesz_bytes, st.heap_allocsz_bytes,
			st.greatest_free_size, st.free_count, st.alloc_count);
	}
}

void
rte_malloc_dump_heaps(FILE *f)
{
	if (f == nullptr)
		return;
	for (auto &h : mcfg().heaps) {
		if (!h.in_use)
			continue;
		pthread_mutex_lock(&h.lock);
		fprintf(f, "heap %s (socket %d%s): %zu bytes, %u blocks in use\n", h.name,
			h.socket_id, h.external ? ", external" : "", h.total_size, h.alloc_count);
		for (malloc_elem *e = h.first; e != nullptr; e = e->next)
			elem_dump(f, e);
		pthread_mutex_unlock(&h.lock);
	}
}

rte_iova_t
rte_malloc_virt2iova(const void *addr)
{
	int idx = memseg_list_of(addr);
	if (idx < 0)
		return RTE_BAD_IOVA;
	rte_memseg_list *msl = &mcfg().memsegs[idx];
	const rte_memseg *ms = rte_mem_virt2memseg(addr, msl);
	if (ms == nullptr || ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	if (mcfg().iova_mode == RTE_IOVA_VA && !msl->external)
		return (rte_iova_t)(uintptr_t)addr;
	return ms->iova + RTE_PTR_DIFF(addr, ms->addr);
}

} // extern "C"
