/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */
/*
 * IOVAs of many pages at once, for libraries inside dpkit that map memory
 * of their own (rte_mempool_populate_anon): rte_mem_virt2iova() on each
 * small page of a large mapping reads /proc/self/pagemap once per page,
 * an open, a read and a close each. Not installed: internal to libdpkit.
 */
#ifndef DPKIT_EAL_IOVA_PAGES_H
#define DPKIT_EAL_IOVA_PAGES_H

#include <stddef.h>

#include <rte_memory.h>

namespace dpkit {

/* The IOVA of each of @p n pages of @p page_sz bytes from @p addr, memory
 * the EAL did not map, into @p out: what rte_mem_virt2iova() says of each
 * page's start (the address in IOVA-as-VA mode, else the physical address,
 * RTE_BAD_IOVA where the page is absent or frames are hidden). One pass
 * over /proc/self/pagemap. @return 0, or -errno with @p out unset. */
int mem_virt2iova_pages(const void *addr, size_t n, size_t page_sz, rte_iova_t *out);

} // namespace dpkit

#endif /* DPKIT_EAL_IOVA_PAGES_H */
