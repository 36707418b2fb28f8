/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The EAL usage text (-h, --help): every option eal_options.cpp accepts,
 * grouped as in DPDK's, with what dpkit does with it.
 */

#include <stdio.h>

#include "eal_core_private.h"

namespace dpkit::eal_detail {

void
print_usage(const char *prgname)
{
	printf("Usage: %s [EAL options] -- [application options]\n"
	       "\n"
	       "EAL options (dpkit, DPDK 22.11 compatible):\n"
	       "  Lcores (default: one per CPU this process may use):\n"
	       "    -l LIST               lcores to run, e.g. 0-3,6 (lcore i runs on CPU i)\n"
	       "    -c MASK               the same as a hexadecimal bit mask, e.g. 0xf\n"
	       "    --lcores MAP          lcores with their CPUs: 'LCORES[@CPUS],...' where each\n"
	       "                          side is N, N-M or (N,M-P,...), e.g. 0,(1-3)@2,4@(5,6)\n"
	       "    --main-lcore ID       lcore running main() (default: the lowest one)\n"
	       "  Memory:\n"
	       "    -m MB                 memory to reserve at start-up (also 512M, 2G)\n"
	       "    --socket-mem MB,MB..  memory to reserve per NUMA socket\n"
	       "    --socket-limit MB,..  most memory to use per NUMA socket (0 = no limit)\n"
	       "    -n N                  number of memory channels (a hint)\n"
	       "    --no-huge             use ordinary pages (locked in RAM) instead of hugepages\n"
	       "    --huge-dir DIR        create hugepage files in this hugetlbfs mount\n"
	       "    --file-prefix NAME    name of this process's runtime files (default rte)\n"
	       "    --in-memory           keep no files at all (no runtime directory)\n"
	       "    --legacy-mem          map all memory at start-up, never give it back\n"
	       "    --single-file-segments  one hugepage file per memory segment list\n"
	       "    --huge-unlink[=existing|always|never]  hugepage files (--huge-dir): made\n"
	       "                          anew (existing, the default), removed once open so\n"
	       "                          none stays (always; the option alone), or reused\n"
	       "                          and kept, data and all (never)\n"
	       "    --match-allocations   give hugepages back exactly as they were mapped\n"
	       "    --iova-mode pa|va     addresses given to devices: physical or virtual\n"
	       "    --base-virtaddr ADDR  where to start mapping memory (hexadecimal)\n"
	       "  Devices:\n"
	       "    --vdev DRIVER[,ARGS]  add a virtual device (may be repeated)\n"
	       "    -a, --allow PCI_ADDR  accepted and ignored: dpkit has no PCI bus\n"
	       "    -b, --block PCI_ADDR  accepted and ignored: dpkit has no PCI bus\n"
	       "    --no-pci              accepted (there is no PCI bus anyway)\n"
	       "    --mbuf-pool-ops-name NAME  mempool ops for mbuf pools\n"
	       "    --create-uio-dev, --vfio-intr legacy|msi|msix  accepted, no effect\n"
	       "  Other:\n"
	       "    --log-level LEVEL     global level: a number 1-8 or a name (emergency, alert,\n"
	       "                          critical, error, warning, notice, info, debug)\n"
	       "    --log-level GLOB:LEVEL   level of the log types matching GLOB (lib.*)\n"
	       "    --log-level REGEX,LEVEL  level of the log types matching REGEX\n"
	       "    --proc-type primary|secondary|auto  process type (auto: secondary if a primary runs)\n"
	       "    --no-telemetry, --telemetry, --no-shconf\n"
	       "    -v                    print the version\n"
	       "    -h, --help            print this help and exit\n",
	       prgname);
}

} // namespace dpkit::eal_detail
