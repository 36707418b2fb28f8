/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What "nothing leaked" means for the fault tests: a footprint of the
 * process's dpkit memory (memzones, mapped pages, malloc heaps, pools,
 * ports, open file descriptors) taken before and after a failed call must
 * be the same.
 */

#ifndef _TEST_FAULT_H_
#define _TEST_FAULT_H_

#include <stddef.h>
#include <stdint.h>

#include <string>

struct fault_footprint {
	unsigned memzones;    /* rte_memzone_walk */
	unsigned pages;       /* mapped memsegs, rte_memseg_walk */
	uint64_t physmem;     /* rte_eal_get_physmem_size */
	uint64_t heap_total;  /* bytes every heap owns */
	uint64_t heap_alloc;  /* bytes handed out */
	unsigned heap_blocks; /* busy malloc elements */
	unsigned mempools;    /* rte_mempool_walk */
	unsigned ports;       /* rte_eth_dev_count_total */
	unsigned fds;         /* entries of /proc/self/fd */
};

fault_footprint fault_footprint_now();

/* "" when equal, else which fields differ and how. */
std::string fault_footprint_diff(const fault_footprint &before, const fault_footprint &after);

#endif /* _TEST_FAULT_H_ */
