/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Interrupt modes of PCI devices, as rte_eal_vfio_intr_mode() reports them.
 * dpkit has no PCI bus; the type exists for source compatibility.
 */

#ifndef _RTE_PCI_DEV_DEFS_H_
#define _RTE_PCI_DEV_DEFS_H_

#pragma GCC visibility push(default)

#ifdef __cplusplus
extern "C" {
#endif

enum rte_intr_mode {
	RTE_INTR_MODE_NONE = 0, /**< none chosen */
	RTE_INTR_MODE_LEGACY,   /**< INTx */
	RTE_INTR_MODE_MSI,      /**< MSI */
	RTE_INTR_MODE_MSIX      /**< MSI-X */
};

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_PCI_DEV_DEFS_H_ */
