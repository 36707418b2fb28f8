/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * malloc on EAL memory. Each socket has a heap built on that socket's
 * memseg lists; applications can add their own memory as named external
 * heaps, each with a socket id of its own. A block is virtually contiguous
 * and aligned on at least a cache line; it is not necessarily IOVA-contiguous
 * (use a memzone with RTE_MEMZONE_IOVA_CONTIG for that). Freed blocks merge
 * with free neighbours; in dynamic memory mode pages that become entirely
 * free go back to the kernel. The @p type arguments are accepted for
 * compatibility and not used. All functions are thread-safe.
 */

#ifndef _RTE_MALLOC_H_
#define _RTE_MALLOC_H_

#pragma GCC visibility push(default)

#include <stdio.h>
#include <stddef.h>

#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What rte_malloc_get_socket_stats() reports for one heap. */
struct rte_malloc_socket_stats {
	size_t heap_totalsz_bytes; /**< bytes of memory in the heap */
	size_t heap_freesz_bytes;  /**< bytes free */
	size_t greatest_free_size; /**< largest free block, header included */
	unsigned free_count;       /**< free blocks */
	unsigned alloc_count;      /**< allocated blocks */
	size_t heap_allocsz_bytes; /**< bytes allocated */
};

/**
 * Allocate @p size bytes on the caller's socket, or any socket if that one
 * has no room.
 * @param type ignored (a name for debugging in DPDK), may be NULL
 * @param size bytes wanted
 * @param align 0 (a cache line) or a power of two
 * @return the block, or NULL (size 0, bad align, no memory)
 */
void *rte_malloc(const char *type, size_t size, unsigned align) __rte_alloc_size(2);

/** rte_malloc() with the block zeroed. */
void *rte_zmalloc(const char *type, size_t size, unsigned align) __rte_alloc_size(2);

/** rte_zmalloc() of @p num elements of @p size bytes (NULL on overflow). */
void *rte_calloc(const char *type, size_t num, size_t size, unsigned align) __rte_alloc_size(2, 3);

/**
 * Resize a block, keeping its contents (up to the smaller size); the block
 * moves when it cannot grow in place or is not aligned on @p align.
 * @p ptr NULL: like rte_malloc(); @p size 0: frees @p ptr and returns NULL.
 * @return the block, or NULL (then @p ptr is unchanged unless size was 0)
 */
void *rte_realloc(void *ptr, size_t size, unsigned int align) __rte_alloc_size(2);

/** rte_realloc() that also moves the block to @p socket if it is elsewhere. */
void *rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket)
	__rte_alloc_size(2);

/** rte_malloc() from the heap of @p socket (SOCKET_ID_ANY: any heap;
 * without hugepages any id but an external heap's means any heap). */
void *rte_malloc_socket(const char *type, size_t size, unsigned align, int socket)
	__rte_alloc_size(2);

/** rte_zmalloc() from the heap of @p socket. */
void *rte_zmalloc_socket(const char *type, size_t size, unsigned align, int socket)
	__rte_alloc_size(2);

/** rte_calloc() from the heap of @p socket. */
void *rte_calloc_socket(const char *type, size_t num, size_t size, unsigned align, int socket)
	__rte_alloc_size(2, 3);

/** Free a block from any rte_*alloc function (NULL is ignored). */
void rte_free(void *ptr);

/**
 * Check that @p ptr is a live block whose guard words are intact.
 * @param ptr the block, as an rte_*alloc function returned it
 * @param size if not NULL, receives the block's size: the size asked for
 *   (at allocation or the last rte_realloc()) rounded up to a cache line
 * @return 0 if valid, -1 otherwise
 */
int rte_malloc_validate(const void *ptr, size_t *size);

/**
 * Statistics of the heap of @p socket.
 * @return 0, or -1 if there is no such heap or @p socket_stats is NULL
 */
int rte_malloc_get_socket_stats(int socket, struct rte_malloc_socket_stats *socket_stats);

/**
 * Give the user's memory [va_addr, va_addr + len) to the external heap
 * @p heap_name. The memory must stay mapped until removed.
 * @param heap_name name of a heap made with rte_malloc_heap_create()
 * @param va_addr start of the memory, page-aligned
 * @param len bytes of memory
 * @param iova_addrs IOVA of each page, or NULL (IOVA unknown)
 * @param n_pages entries of @p iova_addrs (len / page_sz)
 * @param page_sz page size, a power of two; va_addr and len are multiples
 * @return 0, or -1 with rte_errno: EINVAL bad argument, ENOENT no such heap,
 *   EPERM heap is a socket heap, EEXIST area overlaps registered memory,
 *   ENOSPC no free memseg list
 */
int rte_malloc_heap_memory_add(const char *heap_name, void *va_addr, size_t len,
			       rte_iova_t iova_addrs[], unsigned int n_pages, size_t page_sz);

/**
 * Take back memory added with rte_malloc_heap_memory_add().
 * @return 0, or -1 with rte_errno: EINVAL bad argument, ENOENT not found,
 *   EPERM socket heap, EBUSY blocks are still allocated in it
 */
int rte_malloc_heap_memory_remove(const char *heap_name, void *va_addr, size_t len);

/**
 * Make memory of an external heap usable in this process. In dpkit's single
 * process it already is: this checks the heap and area exist.
 * @return 0, or -1 with rte_errno: EINVAL, ENOENT, EPERM as above
 */
int rte_malloc_heap_memory_attach(const char *heap_name, void *va_addr, size_t len);

/** Counterpart of rte_malloc_heap_memory_attach(); same checks. */
int rte_malloc_heap_memory_detach(const char *heap_name, void *va_addr, size_t len);

/**
 * Create an empty external heap with its own socket id.
 * @return 0, or -1 with rte_errno: EINVAL name NULL, empty or too long,
 *   EEXIST name in use, ENOSPC RTE_MAX_HEAPS heaps exist
 */
int rte_malloc_heap_create(const char *heap_name);

/**
 * Destroy an external heap that has no memory left.
 * @return 0, or -1 with rte_errno: EINVAL bad name, ENOENT no such heap,
 *   EPERM socket heap, EBUSY memory still added
 */
int rte_malloc_heap_destroy(const char *heap_name);

/** @return the socket id of heap @p name, or -1 with rte_errno EINVAL / ENOENT. */
int rte_malloc_heap_get_socket(const char *name);

/** @return 1 external heap, 0 socket heap or SOCKET_ID_ANY, -1 unknown id. */
int rte_malloc_heap_socket_is_external(int socket_id);

/** Print the statistics of every heap to @p f (@p type unused). */
void rte_malloc_dump_stats(FILE *f, const char *type);

/** Print every heap with its blocks to @p f. */
void rte_malloc_dump_heaps(FILE *f);

/** @return the IOVA of @p addr inside a block, or RTE_BAD_IOVA. */
rte_iova_t rte_malloc_virt2iova(const void *addr);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MALLOC_H_ */
