/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The one fact about heap elements that DPDK test sources built by
 * devtools/run-dpdk-autotests.sh take from DPDK's private malloc_elem.h:
 * how many bytes of a free block an allocation cannot use. In dpkit an
 * element is a 64-byte header, then the data, then a guard word that
 * takes the data's last cache line: 128 bytes per block, as in DPDK
 * 22.11 (whose header is 128 bytes and has no trailer).
 */

#ifndef _DPKIT_HARNESS_MALLOC_ELEM_H_
#define _DPKIT_HARNESS_MALLOC_ELEM_H_

#include <rte_common.h>

/* Bytes of a block that are not the caller's: header and guard line. */
#define MALLOC_ELEM_OVERHEAD (2 * RTE_CACHE_LINE_SIZE)

#endif /* _DPKIT_HARNESS_MALLOC_ELEM_H_ */
