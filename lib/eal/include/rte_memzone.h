/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Memzones: named reservations of EAL memory that live until freed.
 *
 * A memzone is carved out of the malloc heap of a socket. It is always
 * virtually contiguous; it is also IOVA-contiguous (one run of addresses a
 * device can use) only when RTE_MEMZONE_IOVA_CONTIG is asked, so that large
 * zones can span pages that are not physically adjacent. Names are unique
 * and never truncated. The descriptor returned stays valid (and read-only)
 * until rte_memzone_free(). All functions are thread-safe; callbacks of
 * rte_memzone_walk() run under the memzone lock and must not reserve or
 * free memzones.
 */

#ifndef _RTE_MEMZONE_H_
#define _RTE_MEMZONE_H_

#pragma GCC visibility push(default)

#include <stdio.h>

#include <rte_common.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Page-size wishes: the zone comes from pages of one of the sizes given. */
#define RTE_MEMZONE_2MB 0x00000001   /**< 2 MB pages */
#define RTE_MEMZONE_1GB 0x00000002   /**< 1 GB pages */
#define RTE_MEMZONE_16MB 0x00000100  /**< 16 MB pages */
#define RTE_MEMZONE_16GB 0x00000200  /**< 16 GB pages */
#define RTE_MEMZONE_256KB 0x00010000 /**< 256 KB pages */
#define RTE_MEMZONE_256MB 0x00020000 /**< 256 MB pages */
#define RTE_MEMZONE_512MB 0x00040000 /**< 512 MB pages */
#define RTE_MEMZONE_4GB 0x00080000   /**< 4 GB pages */
/** The page-size wish is a preference: fall back to any size. */
#define RTE_MEMZONE_SIZE_HINT_ONLY 0x00000004
/** The zone must be one IOVA-contiguous run (for device rings and such). */
#define RTE_MEMZONE_IOVA_CONTIG 0x00100000

/** Describes a reserved zone (read-only for the application). */
struct rte_memzone {
#define RTE_MEMZONE_NAMESIZE 32          /**< name buffer, with the NUL */
	char name[RTE_MEMZONE_NAMESIZE]; /**< unique name */
	rte_iova_t iova;                 /**< IOVA of the first byte */
	RTE_STD_C11
	union {
		void *addr;       /**< virtual address of the first byte */
		uint64_t addr_64; /**< addr widened to 64 bits */
	};
	size_t len;           /**< bytes */
	uint64_t hugepage_sz; /**< page size of the memory */
	int32_t socket_id;    /**< NUMA socket */
	uint32_t flags;       /**< flags given at reservation */
} __rte_packed;

/**
 * Reserve a zone of @p len bytes aligned on a cache line.
 * @param name unique name, at most RTE_MEMZONE_NAMESIZE - 1 characters
 * @param len bytes; 0 reserves the largest block already free (no memory
 *   is mapped for it; with a bound, the largest zone crossing none)
 * @param socket_id a socket, or SOCKET_ID_ANY; without hugepages any id
 *   below RTE_MAX_NUMA_NODES means any socket
 * @param flags RTE_MEMZONE_* (unknown bits are refused)
 * @return the zone, or NULL with rte_errno:
 *   - EINVAL: NULL name, bad socket, unknown flag bits
 *   - ENAMETOOLONG: name does not fit RTE_MEMZONE_NAMESIZE
 *   - EEXIST: a zone has that name
 *   - ENOSPC: RTE_MAX_MEMZONE zones exist already
 *   - ENOMEM: no free memory block is large enough (one log line gives the
 *     largest free block)
 */
const struct rte_memzone *rte_memzone_reserve(const char *name, size_t len, int socket_id,
					      unsigned flags);

/**
 * rte_memzone_reserve() with the start aligned on @p align (a power of two;
 * values below a cache line are raised to a cache line).
 * @return as rte_memzone_reserve(); EINVAL also for a bad @p align
 */
const struct rte_memzone *rte_memzone_reserve_aligned(const char *name, size_t len, int socket_id,
						      unsigned flags, unsigned align);

/**
 * rte_memzone_reserve_aligned() with the zone not crossing a multiple of
 * @p bound (a power of two not below @p len, or 0 for no bound). With
 * @p len 0 the zone is the largest free one that crosses no multiple of
 * @p bound: at most @p bound bytes.
 * @return as rte_memzone_reserve_aligned(); EINVAL also for a bad @p bound
 */
const struct rte_memzone *rte_memzone_reserve_bounded(const char *name, size_t len, int socket_id,
						      unsigned flags, unsigned align,
						      unsigned bound);

/**
 * Free a zone and its memory.
 * @return 0, or -EINVAL if @p mz is NULL or not a reserved zone
 */
int rte_memzone_free(const struct rte_memzone *mz);

/** @return the zone named @p name, or NULL (rte_errno ENOENT, or EINVAL for NULL). */
const struct rte_memzone *rte_memzone_lookup(const char *name);

/** Print every zone to @p f. */
void rte_memzone_dump(FILE *f);

/** Call @p func for every zone. */
void rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg), void *arg);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MEMZONE_H_ */
