/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Malloc heaps and their elements (internal, C++ only).
 *
 * A heap owns address ranges of EAL memory (runs of mapped pages of its
 * socket, or memory an application added to an external heap). The ranges
 * are cut into elements; each element starts with a 64-byte header that
 * lives in the memory itself, so a heap needs no memory of its own and
 * could be shared with other processes mapping the pages at the same
 * addresses. Elements of a heap are chained in address order; two chained
 * elements are neighbours only when one ends where the other starts in the
 * same memseg list (pages can be missing in between). Free elements are
 * also kept in size-class lists. A busy element whose data had to start
 * further in (alignment) carries a second, "pad" header right before the
 * data that points back to it.
 */

#ifndef _MALLOC_PRIVATE_H_
#define _MALLOC_PRIVATE_H_

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_malloc.h>

namespace dpkit::eal_detail {

/* Alignment helpers for C++ code (@p a a power of two). */
template <typename T, typename U>
constexpr T
align_floor(T v, U a)
{
	return v & ~(T)(a - 1);
}

template <typename T, typename U>
constexpr T
align_ceil(T v, U a)
{
	return (T)((v + (T)(a - 1)) & ~(T)(a - 1));
}

struct malloc_heap;

enum elem_state : uint16_t {
	ELEM_FREE = 0x4652, /* in a free list */
	ELEM_BUSY = 0x4255, /* handed out */
	ELEM_PAD = 0x5041,  /* inner header of a busy element */
};

struct malloc_elem {
	malloc_heap *heap;
	malloc_elem *prev; /* address order, same heap */
	malloc_elem *next;
	malloc_elem *free_prev; /* size-class list, free elements only */
	union {
		malloc_elem *free_next; /* free elements */
		size_t user_size;       /* busy elements: bytes the caller may use */
	};
	size_t size;      /* bytes from this header to the element's end */
	uint16_t state;   /* elem_state */
	uint16_t msl_idx; /* memseg list the element lies in */
	uint32_t pad;     /* bytes from the outer to the inner header */
	uint64_t cookie;  /* elem_cookie ^ address: catches stray pointers */
};
static_assert(sizeof(malloc_elem) == 64, "one cache line per header");

constexpr size_t elem_header = sizeof(malloc_elem);
constexpr size_t elem_unit = RTE_CACHE_LINE_SIZE;    /* sizes and starts */
constexpr size_t elem_min = elem_header + elem_unit; /* smallest element */

/* Bytes the data of a block of @p size takes: the size in whole cache
 * lines (what the caller may use), then one line that starts with the
 * guard word. With the header, a block costs two lines more than its
 * rounded size, as in DPDK 22.11 (128-byte header, no trailer). */
constexpr size_t
elem_data_len(size_t size)
{
	return align_ceil(size, elem_unit) + elem_unit;
}
constexpr unsigned free_lists = 20;

struct malloc_heap {
	pthread_mutex_t lock;
	malloc_elem *free_head[free_lists];
	malloc_elem *first;
	malloc_elem *last;
	size_t total_size;    /* bytes of memory the heap owns */
	unsigned alloc_count; /* busy elements */
	int socket_id;
	bool in_use;
	bool external;
	char name[32]; /* RTE_HEAP_NAME_MAX_LEN */
};

/* ---- elements (malloc_elem.cpp); the heap lock is held by the caller ---- */

/* What an allocation asks for. */
struct elem_request {
	size_t size;         /* user bytes */
	size_t align;        /* power of two, >= elem_unit */
	size_t bound;        /* 0 or power of two >= size */
	bool contig;         /* IOVA-contiguous */
	uint64_t page_sizes; /* bit n set: pages of 2^n bytes are fine; 0 = any */
	int lent_cpu = -1;   /* CPU lent to a growth's page mapping, or -1 */
};

/* Make [start, start+len) a free element of @p heap (chained, merged with
 * free neighbours, listed). @return the resulting free element. */
malloc_elem *elem_add_region(malloc_heap *heap, void *start, size_t len, uint16_t msl_idx);

/* Size of the free element of @p heap in list @p msl_idx that ends exactly
 * at @p addr (new pages mapped there merge with it), or 0. */
size_t elem_free_tail_at(const malloc_heap *heap, uintptr_t addr, uint16_t msl_idx);

/* Free element of list @p msl_idx holding all of [start, start+len), or
 * nullptr. */
malloc_elem *elem_free_containing(const malloc_heap *heap, uintptr_t start, size_t len,
				  uint16_t msl_idx);

/* Best-fitting free element that can host @p req, or nullptr. */
malloc_elem *elem_find(malloc_heap *heap, const elem_request &req);

/* Carve @p req out of free element @p e (which elem_find returned).
 * @return the user pointer. */
void *elem_alloc(malloc_elem *e, const elem_request &req);

/* Element whose data starts at @p data, or nullptr if @p data is not a
 * live block. Checks the header guard. */
malloc_elem *elem_from_data(const void *data);

/* Mark busy @p e free and merge it with free neighbours.
 * @return the merged free element (listed). */
malloc_elem *elem_free(malloc_elem *e);

/* Take [start, start+len), which lies inside free element @p e, out of the
 * heap: what remains on either side stays free. Both sides must be 0 or at
 * least elem_min bytes. */
void elem_cut_out(malloc_elem *e, uintptr_t start, size_t len);

/* Grow busy @p e in place to hold @p size user bytes if the next element
 * is free and big enough, or shrink it. @return true when done. */
bool elem_resize(malloc_elem *e, size_t size);

void *elem_data(const malloc_elem *e);
size_t elem_usable(const malloc_elem *e); /* user bytes of a busy element */
bool elem_guard_ok(const malloc_elem *e); /* guard after the user bytes intact */

/* Largest block that a free element could host with these page sizes,
 * contiguity, alignment and bound (at most the bound), as user bytes. */
size_t elem_largest_free(malloc_heap *heap, const elem_request &req);

void elem_dump(FILE *f, const malloc_elem *e);

/* ---- heaps (malloc_heap.cpp) ---- */

malloc_heap *heap_of_socket(int socket_id); /* nullptr if none */

/* Allocate on @p socket (SOCKET_ID_ANY: the caller's, then the others),
 * growing the heap when memory mode allows. @return the block or nullptr. */
void *heap_alloc(int socket, const elem_request &req);

/* Allocate the largest block @p req allows (at most req->bound bytes when
 * it has a bound) from memory the heaps of @p socket (SOCKET_ID_ANY: the
 * socket heaps) have free now, never growing one; its size goes to
 * req->size. @return the block, or nullptr when nothing is free. */
void *heap_alloc_biggest(int socket, elem_request *req);

/* True when an allocation on @p socket_id may come from any socket heap:
 * without hugepages every socket's memory is the same anonymous memory,
 * so as in DPDK 22.11 any id but an external heap's means SOCKET_ID_ANY. */
bool socket_means_any(int socket_id);

/* Free a block; gives whole pages back in dynamic mode. */
void heap_free(malloc_elem *e);

/* Socket heaps for the sockets with memory, created at memory_init. */
int heaps_init();
void heaps_reset();

/* Statistics of one heap (lock taken inside). */
void heap_stats(malloc_heap *heap, rte_malloc_socket_stats *st);

/* Largest free block on @p socket (or every heap for SOCKET_ID_ANY) and,
 * in dynamic mode, how much more could be mapped. */
void heap_free_report(int socket, const elem_request &req, size_t *largest, size_t *free_bytes,
		      size_t *growable);

/* Page size of the memory holding @p e. */
uint64_t elem_page_size(const malloc_elem *e);

} // namespace dpkit::eal_detail

#endif /* _MALLOC_PRIVATE_H_ */
