/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * EAL settings as parsed from the command line (internal, C++ only).
 * Argument parsing fills it in; memory, lcore and bus code read it.
 * Each section belongs to the code that consumes it.
 */

#ifndef _EAL_INTERNAL_CFG_H_
#define _EAL_INTERNAL_CFG_H_

#include <stdint.h>

#include <string>
#include <vector>

#include <rte_config.h>
#include <rte_eal.h>

namespace dpkit::eal_detail {

struct internal_config {
	/* ---- memory (eal_memory*.cpp) ---- */
	uint64_t memory = 0;                           /* -m in bytes; 0 = not given */
	uint64_t socket_mem[RTE_MAX_NUMA_NODES] = {};  /* --socket-mem, bytes */
	bool force_sockets = false;                    /* --socket-mem given */
	uint64_t socket_limit[RTE_MAX_NUMA_NODES] = {};/* --socket-limit, bytes; 0 = none */
	bool force_socket_limits = false;              /* --socket-limit given */
	bool no_hugetlbfs = false;                     /* --no-huge */
	bool legacy_mem = false;                       /* --legacy-mem */
	bool single_file_segments = false;             /* --single-file-segments */
	bool in_memory = false;                        /* --in-memory */
	std::string hugepage_dir;                      /* --huge-dir; empty = memfd */
	std::string hugefile_prefix = "rte";           /* --file-prefix */
	enum rte_iova_mode iova_mode = RTE_IOVA_DC;    /* --iova-mode as asked */

	/* ---- lcores, logging, misc (eal.cpp, eal_lcore*.cpp) ---- */
	unsigned int main_lcore = 0;                   /* --main-lcore */
	bool main_lcore_given = false;
	unsigned int memory_channels = 0;              /* -n */
	bool no_pci = false;                           /* --no-pci (no PCI bus: accepted) */
	bool no_telemetry = false;                     /* --no-telemetry */
	std::vector<std::string> vdevs;                /* --vdev, for the vdev bus */
	std::vector<std::string> allow_list;           /* -a (accepted; no PCI bus) */
	std::vector<std::string> block_list;           /* -b (accepted; no PCI bus) */
};

/** The one configuration of this process. */
internal_config &config();

} // namespace dpkit::eal_detail

#endif /* _EAL_INTERNAL_CFG_H_ */
