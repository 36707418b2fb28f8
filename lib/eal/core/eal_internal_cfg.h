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
#include <rte_os.h>

namespace dpkit::eal_detail {

/* What --huge-unlink asks of page files in a hugetlbfs mount. */
enum class huge_unlink_mode {
	existing, /* default: a file left by an earlier process is removed and made anew */
	always,   /* a file's name is removed as soon as it is open: none stays */
	never,    /* an existing file is used as it is, and kept when its page is freed */
};

struct internal_config {
	/* ---- memory (eal_memory*.cpp) ---- */
	uint64_t memory = 0;                            /* -m in bytes; 0 = not given */
	uint64_t socket_mem[RTE_MAX_NUMA_NODES] = {};   /* --socket-mem, bytes */
	bool force_sockets = false;                     /* --socket-mem given */
	uint64_t socket_limit[RTE_MAX_NUMA_NODES] = {}; /* --socket-limit, bytes; 0 = none */
	bool force_socket_limits = false;               /* --socket-limit given */
	bool no_hugetlbfs = false;                      /* --no-huge */
	bool legacy_mem = false;                        /* --legacy-mem */
	bool single_file_segments = false;              /* --single-file-segments */
	bool in_memory = false;                         /* --in-memory */
	std::string hugepage_dir;                       /* --huge-dir; empty = memfd */
	std::string hugefile_prefix = "rte";            /* --file-prefix */
	huge_unlink_mode huge_unlink = huge_unlink_mode::existing; /* --huge-unlink */
	bool huge_unlink_given = false;
	bool match_allocations = false;             /* --match-allocations */
	enum rte_iova_mode iova_mode = RTE_IOVA_DC; /* --iova-mode as asked */

	/* ---- lcores, logging, misc (eal.cpp, eal_options*.cpp, eal_lcore.cpp) ---- */
	/* Enabled lcores in the order the option listed them (that order is
	 * rte_lcore_index()); lcore_cpus[id] is where lcore id may run. */
	std::vector<unsigned int> lcore_list;
	rte_cpuset_t lcore_cpus[RTE_MAX_LCORE] = {};
	const char *lcore_option = nullptr; /* "-l", "-c", "--lcores"; null = default */
	unsigned int main_lcore = 0;        /* --main-lcore, else first of lcore_list */
	bool main_lcore_given = false;
	unsigned int memory_channels = 0;                     /* -n; 0 = not given */
	enum rte_proc_type_t process_type = RTE_PROC_PRIMARY; /* --proc-type */
	bool no_shconf = false;      /* no runtime files (--no-shconf, --in-memory) */
	bool no_pci = false;         /* --no-pci (no PCI bus: accepted) */
	bool no_telemetry = false;   /* --no-telemetry */
	bool create_uio_dev = false; /* --create-uio-dev */
	enum rte_intr_mode vfio_intr_mode = RTE_INTR_MODE_NONE; /* --vfio-intr */
	uint64_t base_virtaddr = 0;                             /* --base-virtaddr; 0 = default */
	std::string mbuf_pool_ops_name;      /* --mbuf-pool-ops-name; empty = none */
	std::string runtime_dir;             /* set at init from the prefix */
	std::vector<std::string> vdevs;      /* --vdev, for the vdev bus */
	std::vector<std::string> allow_list; /* -a PCI addresses (no PCI bus: ignored) */
	std::vector<std::string> block_list; /* -b PCI addresses (no PCI bus: ignored) */
};

/** The one configuration of this process. */
internal_config &config();

} // namespace dpkit::eal_detail

#endif /* _EAL_INTERNAL_CFG_H_ */
