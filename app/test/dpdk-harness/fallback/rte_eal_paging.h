/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_mem_page_size() for DPDK test sources built by
 * devtools/run-dpdk-autotests.sh: DPDK declares it in an internal EAL
 * header that its own build exposes to app/test but does not install.
 */

#ifndef _RTE_EAL_PAGING_H_
#define _RTE_EAL_PAGING_H_

#include <stddef.h>
#include <unistd.h>

/* Size of a page of ordinary (not huge) memory. */
static inline size_t
rte_mem_page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

#endif /* _RTE_EAL_PAGING_H_ */
