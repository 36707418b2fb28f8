/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Interrupt handles (DPDK's rte_intr_* API) are outside what dpkit
 * provides: its virtual NICs are polled and it has no PCI, VFIO or UIO.
 * This header exists so that programs which include it without calling
 * into it (DPDK's l2fwd, vmdq, link_status_interrupt and symmetric_mp
 * examples do) build unchanged. It declares no function: a program that
 * calls an rte_intr_* function fails to compile, naming the function,
 * rather than linking against something that does not work.
 */

#ifndef _RTE_INTERRUPTS_H_
#define _RTE_INTERRUPTS_H_

#pragma GCC visibility push(default)

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_compat.h>

#pragma GCC visibility pop

#endif /* _RTE_INTERRUPTS_H_ */
