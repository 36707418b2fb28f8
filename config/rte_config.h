/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Compile-time configuration seen by every dpkit and application source file
 * (pkg-config passes "-include rte_config.h"). Values chosen by meson are in
 * rte_build_config.h; the fixed limits below match DPDK 22.11's defaults so
 * that code sized against DPDK fits dpkit unchanged.
 */

#ifndef _RTE_CONFIG_H_
#define _RTE_CONFIG_H_

#include <rte_build_config.h>

/* legacy names some applications still test */
#define RTE_VERSION_NUM_MAJOR RTE_VER_YEAR

/* EAL */
#define RTE_MAX_HEAPS 32
#define RTE_MAX_MEMSEG_LISTS 128
#define RTE_MAX_MEMSEG_PER_LIST 8192
#define RTE_MAX_MEM_MB_PER_LIST 32768
#define RTE_MAX_MEMSEG_PER_TYPE 32768
#define RTE_MAX_MEM_MB_PER_TYPE 65536
#define RTE_MAX_MEMZONE 2560
#define RTE_MAX_TAILQ 32
#define RTE_LOG_DP_LEVEL RTE_LOG_INFO
#define RTE_BACKTRACE 1
#define RTE_MAX_VFIO_CONTAINERS 64

/* mempool */
#define RTE_MEMPOOL_CACHE_MAX_SIZE 512

/* mbuf */
#define RTE_MBUF_DEFAULT_MEMPOOL_OPS "ring_mp_mc"
#define RTE_PKTMBUF_HEADROOM 128

/* ether */
#define RTE_MAX_QUEUES_PER_PORT 1024
#define RTE_ETHDEV_QUEUE_STAT_CNTRS 16
#define RTE_ETHDEV_RXTX_CALLBACKS 1

/* ring */
#define RTE_RING_USE_C11_MEM_MODEL 1

#endif /* _RTE_CONFIG_H_ */
