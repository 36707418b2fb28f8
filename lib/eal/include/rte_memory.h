/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * EAL memory: the pages the EAL maps and how to find out about them.
 *
 * Memory is organised in memseg lists. A list is one reserved virtual area
 * for one (socket, page size) pair, cut into page-sized slots; a slot that
 * holds a mapped page is a memseg (struct rte_memseg) with its virtual
 * address, its IOVA (the address a device uses: the physical address in PA
 * mode, the virtual address in VA mode), its length and its socket. In the
 * default dynamic mode pages are mapped into free slots when the heaps need
 * them and unmapped when they become free again; with --legacy-mem every
 * page is mapped at start-up and pages that are physically contiguous are
 * placed side by side; with --no-huge one list of small anonymous pages is
 * mapped at start-up.
 *
 * The walk functions take the memory lock for reading; their callbacks must
 * not allocate memory (use the _thread_unsafe variants inside memory event
 * callbacks, which already run under that lock).
 */

#ifndef _RTE_MEMORY_H_
#define _RTE_MEMORY_H_

#pragma GCC visibility push(default)

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- page sizes ---- */
#define RTE_PGSIZE_4K (1ULL << 12)   /**< 4 KB */
#define RTE_PGSIZE_64K (1ULL << 16)  /**< 64 KB */
#define RTE_PGSIZE_256K (1ULL << 18) /**< 256 KB */
#define RTE_PGSIZE_2M (1ULL << 21)   /**< 2 MB */
#define RTE_PGSIZE_16M (1ULL << 24)  /**< 16 MB */
#define RTE_PGSIZE_256M (1ULL << 28) /**< 256 MB */
#define RTE_PGSIZE_512M (1ULL << 29) /**< 512 MB */
#define RTE_PGSIZE_1G (1ULL << 30)   /**< 1 GB */
#define RTE_PGSIZE_4G (1ULL << 32)   /**< 4 GB */
#define RTE_PGSIZE_16G (1ULL << 34)  /**< 16 GB */

#ifndef SOCKET_ID_ANY
#define SOCKET_ID_ANY (-1) /**< no preference: any NUMA socket */
#endif

/** The page stays mapped until rte_eal_cleanup() (legacy, --no-huge, preallocated). */
#define RTE_MEMSEG_FLAG_DO_NOT_FREE (1U << 0)
/** The page may hold old data (it was not freshly mapped). */
#define RTE_MEMSEG_FLAG_DIRTY (1U << 1)

/** One mapped page (or, for external memory, one page of the user's area). */
struct rte_memseg {
	rte_iova_t iova; /**< IOVA of the first byte */
	RTE_STD_C11
	union {
		void *addr;       /**< virtual address of the first byte */
		uint64_t addr_64; /**< addr widened to 64 bits */
	};
	size_t len;           /**< bytes (the page size) */
	uint64_t hugepage_sz; /**< page size of the backing memory */
	int32_t socket_id;    /**< NUMA socket of the page */
	uint32_t nchannel;    /**< memory channels (-n) */
	uint32_t nrank;       /**< memory ranks */
	uint32_t flags;       /**< RTE_MEMSEG_FLAG_* */
} __rte_packed;

#ifndef RTE_FBARRAY_NAME_LEN
#define RTE_FBARRAY_NAME_LEN 64 /**< size of rte_fbarray.name */
/**
 * The array of slots of a memseg list: data points to len elements of
 * elt_sz bytes (struct rte_memseg), count of which are in use. Only the
 * layout is public; use the rte_memseg_* functions to read it.
 */
struct rte_fbarray {
	char name[RTE_FBARRAY_NAME_LEN]; /**< name of the list */
	unsigned int count;              /**< slots in use */
	unsigned int len;                /**< slots in total */
	unsigned int elt_sz;             /**< bytes per slot */
	void *data;                      /**< the slots */
	struct {
		volatile int32_t cnt;
	} rwlock; /**< reserved for multi-process use */
};
#endif

/** A virtual area reserved for pages of one size on one socket. */
struct rte_memseg_list {
	RTE_STD_C11
	union {
		void *base_va;    /**< start of the area */
		uint64_t addr_64; /**< base_va widened to 64 bits */
	};
	uint64_t page_sz;              /**< size of every page in the list */
	int socket_id;                 /**< socket of every page in the list */
	volatile uint32_t version;     /**< bumped on every map/unmap in the list */
	size_t len;                    /**< bytes of the area */
	unsigned int external;         /**< 1: memory given by the user (rte_extmem_*, heaps) */
	unsigned int heap;             /**< 1: the memory belongs to a malloc heap */
	struct rte_fbarray memseg_arr; /**< the slots */
};

/**
 * Lock the page that holds @p virt in RAM (mlock).
 * @return 0 on success, -1 with errno set by mlock otherwise.
 */
int rte_mem_lock_page(const void *virt);

/**
 * Physical address of @p virt, read from /proc/self/pagemap.
 * @return the address, or RTE_BAD_IOVA if it cannot be read (not root, page
 *   not present).
 */
phys_addr_t rte_mem_virt2phy(const void *virt);

/**
 * IOVA of @p virt: the virtual address itself in VA mode; in PA mode the
 * IOVA of the EAL page holding it, or its physical address for other memory.
 * @return the IOVA, or RTE_BAD_IOVA if unknown.
 */
rte_iova_t rte_mem_virt2iova(const void *virt);

/**
 * Virtual address of EAL memory at @p iova.
 * @return the address, or NULL if no mapped EAL page has that IOVA.
 */
void *rte_mem_iova2virt(rte_iova_t iova);

/**
 * Memseg holding @p virt, in @p msl or, if NULL, in whichever list holds it.
 * @return the memseg, or NULL if @p virt is not in mapped EAL memory.
 */
struct rte_memseg *rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl);

/**
 * Memseg list whose area holds @p virt.
 * @return the list, or NULL if no list covers @p virt.
 */
struct rte_memseg_list *rte_mem_virt2memseg_list(const void *virt);

/** Called for each memseg; return 0 to go on, 1 to stop, -1 to stop with an error. */
typedef int (*rte_memseg_walk_t)(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
				 void *arg);

/** Called for each run of segments contiguous in VA and IOVA, of @p len bytes. */
typedef int (*rte_memseg_contig_walk_t)(const struct rte_memseg_list *msl,
					const struct rte_memseg *ms, size_t len, void *arg);

/** Called for each memseg list in use. */
typedef int (*rte_memseg_list_walk_t)(const struct rte_memseg_list *msl, void *arg);

/**
 * Call @p func for every mapped memseg of every list, in address order
 * within a list.
 * @return
 *   - 0: every callback returned 0
 *   - 1: a callback returned 1 (walk stopped)
 *   - -1: a callback returned -1 (walk stopped)
 */
int rte_memseg_walk(rte_memseg_walk_t func, void *arg);

/** Like rte_memseg_walk(), over runs contiguous in VA and IOVA. */
int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg);

/** Like rte_memseg_walk(), over the lists in use. */
int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg);

/** rte_memseg_walk() without taking the memory lock (caller holds it). */
int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg);

/** rte_memseg_contig_walk() without taking the memory lock. */
int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg);

/** rte_memseg_list_walk() without taking the memory lock. */
int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg);

/**
 * File descriptor backing @p ms (a memfd or a file in --huge-dir).
 * @return the fd (owned by the EAL: do not close it), or -1 with rte_errno:
 *   - EINVAL: @p ms is NULL or not a mapped EAL memseg
 *   - ENOTSUP: the page has no file (--no-huge, external memory)
 */
int rte_memseg_get_fd(const struct rte_memseg *ms);

/** rte_memseg_get_fd() without taking the memory lock. */
int rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms);

/**
 * Offset of @p ms inside the file rte_memseg_get_fd() returns.
 * @return 0 with *offset set, or -1 with rte_errno as rte_memseg_get_fd()
 *   (EINVAL also when @p offset is NULL).
 */
int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset);

/** rte_memseg_get_fd_offset() without taking the memory lock. */
int rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms, size_t *offset);

/**
 * Make user memory known to the EAL (not to a heap) so that
 * rte_mem_virt2iova() and the walks see it.
 * @param va_addr start, aligned to @p page_sz
 * @param len bytes, a multiple of @p page_sz
 * @param iova_addrs IOVA of each page, or NULL (IOVA unknown)
 * @param n_pages entries of @p iova_addrs (len / page_sz)
 * @param page_sz a power of two
 * @return 0, or -1 with rte_errno: EINVAL bad argument, EEXIST area already
 *   registered or overlapping, ENOSPC no free memseg list
 */
int rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[], unsigned int n_pages,
			size_t page_sz);

/**
 * Forget memory given to rte_extmem_register().
 * @return 0, or -1 with rte_errno: EINVAL bad argument, ENOENT not registered,
 *   EBUSY the area belongs to a malloc heap
 */
int rte_extmem_unregister(void *va_addr, size_t len);

/**
 * Make memory registered by rte_extmem_register() usable in this process.
 * dpkit runs one process, in which registered memory is already usable:
 * this checks that the area is registered.
 * @return 0, or -1 with rte_errno: EINVAL bad argument, ENOENT not registered
 */
int rte_extmem_attach(void *va_addr, size_t len);

/** Counterpart of rte_extmem_attach(); same checks and return values. */
int rte_extmem_detach(void *va_addr, size_t len);

/** Print every memseg list and its mapped runs to @p f. */
void rte_dump_physmem_layout(FILE *f);

/** @return bytes of EAL memory mapped now (external memory excluded). */
uint64_t rte_eal_get_physmem_size(void);

/** @return the number of memory channels given with -n (0 if not given). */
unsigned rte_memory_get_nchannel(void);

/** @return the number of memory ranks (0: not known). */
unsigned rte_memory_get_nrank(void);

/**
 * Check that every mapped page has an IOVA that fits in @p maskbits bits;
 * if so, remember the mask (the narrowest one wins) so that pages mapped
 * later must fit too.
 * @return 0 if all fit, -1 otherwise (or if maskbits is not in 1..64)
 */
int rte_mem_check_dma_mask(uint8_t maskbits);

/** rte_mem_check_dma_mask() without taking the memory lock. */
int rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits);

/**
 * Narrow the DMA mask without checking mapped memory: pages mapped from now
 * on must fit.
 */
void rte_mem_set_dma_mask(uint8_t maskbits);

/** @return 1 if physical addresses of EAL memory can be read (pagemap), 0 otherwise. */
int rte_eal_using_phys_addrs(void);

/** Kind of memory event. */
enum rte_mem_event {
	RTE_MEM_EVENT_ALLOC = 0, /**< pages were mapped */
	RTE_MEM_EVENT_FREE,      /**< pages are about to be unmapped */
};

#define RTE_MEM_EVENT_CALLBACK_NAME_LEN 64 /**< name buffer, with the NUL */

/**
 * Memory event callback: @p addr and @p len cover the pages concerned. It
 * runs with the memory lock held: it must not allocate EAL memory.
 */
typedef void (*rte_mem_event_callback_t)(enum rte_mem_event event_type, const void *addr,
					 size_t len, void *arg);

/**
 * Call @p clb whenever pages are mapped or unmapped (dynamic mode only).
 * @return 0, or -1 with rte_errno: EINVAL NULL argument, ENAMETOOLONG name,
 *   EEXIST (name, arg) already registered, ENOTSUP memory never changes
 *   (--legacy-mem, --no-huge), ENOSPC too many callbacks
 */
int rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb, void *arg);

/**
 * Remove a callback registered with (name, arg).
 * @return 0, or -1 with rte_errno: EINVAL NULL name, ENOENT not registered,
 *   ENOTSUP as for registration
 */
int rte_mem_event_callback_unregister(const char *name, void *arg);

#define RTE_MEM_ALLOC_VALIDATOR_NAME_LEN 64 /**< name buffer, with the NUL */

/**
 * Asked before memory on @p socket_id grows beyond @p cur_limit bytes to
 * @p new_len bytes: return 0 to allow, -1 to refuse.
 */
typedef int (*rte_mem_alloc_validator_t)(int socket_id, size_t cur_limit, size_t new_len);

/**
 * Register a validator for growth beyond @p limit bytes on @p socket_id.
 * @return 0, or -1 with rte_errno: EINVAL bad argument, ENAMETOOLONG name,
 *   EEXIST (name, socket) already registered, ENOTSUP memory never grows,
 *   ENOSPC too many validators
 */
int rte_mem_alloc_validator_register(const char *name, rte_mem_alloc_validator_t clb, int socket_id,
				     size_t limit);

/**
 * Remove the validator registered with (name, socket_id).
 * @return 0, or -1 with rte_errno: EINVAL bad argument, ENOENT not registered,
 *   ENOTSUP as for registration
 */
int rte_mem_alloc_validator_unregister(const char *name, int socket_id);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MEMORY_H_ */
