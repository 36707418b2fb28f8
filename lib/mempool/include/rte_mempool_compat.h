/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_MEMPOOL_COMPAT_H_
#define _RTE_MEMPOOL_COMPAT_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Names from DPDK 16.07, the release whose mempool rework introduced pools
 * made of many memory chunks, before "physical" became "IOVA". Old code
 * keeps compiling and working, with a deprecation warning at each use.
 * Do not include this file directly: include rte_mempool.h.
 */

#ifndef _RTE_MEMPOOL_H_
#error "include rte_mempool.h, not rte_mempool_compat.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** @internal A deprecated constant: each use warns (-Wdeprecated-declarations). */
enum {
	__rte_mempool_f_no_phys_contig __rte_deprecated_msg(
		"MEMPOOL_F_NO_PHYS_CONTIG: use RTE_MEMPOOL_F_NO_IOVA_CONTIG") =
		RTE_MEMPOOL_F_NO_IOVA_CONTIG
};

/** Deprecated: use RTE_MEMPOOL_F_NO_IOVA_CONTIG. */
#define MEMPOOL_F_NO_PHYS_CONTIG __rte_mempool_f_no_phys_contig

/**
 * Deprecated: use rte_mempool_populate_iova(), which this calls.
 */
__rte_deprecated_msg("use rte_mempool_populate_iova()") int rte_mempool_populate_phys(
	struct rte_mempool *mp, char *vaddr, phys_addr_t paddr, size_t len,
	rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);

/**
 * Deprecated: add a virtually contiguous area of @p pg_num pages of
 * 2^@p pg_shift bytes whose physical addresses are given one per page in
 * @p paddr (as a hypervisor that hands out machine pages would). Each run
 * of physically contiguous pages becomes one chunk; only the first chunk
 * carries @p free_cb. Use rte_mempool_populate_iova() per run instead.
 * @return Objects added, 0 when none fit, or -errno (nothing added).
 */
__rte_deprecated_msg("use rte_mempool_populate_iova() for each contiguous run") int rte_mempool_populate_phys_tab(
	struct rte_mempool *mp, char *vaddr, const phys_addr_t paddr[], uint32_t pg_num,
	uint32_t pg_shift, rte_mempool_memchunk_free_cb_t *free_cb, void *opaque);

/** Deprecated: use rte_mempool_virt2iova(). */
__rte_deprecated_msg("use rte_mempool_virt2iova()") static inline phys_addr_t
	rte_mempool_virt2phy(const struct rte_mempool *mp, const void *elt)
{
	RTE_SET_USED(mp);
	return rte_mempool_virt2iova(elt);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MEMPOOL_COMPAT_H_ */
