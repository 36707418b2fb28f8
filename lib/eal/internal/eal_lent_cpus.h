/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * For callers inside dpkit that decide whether growing memory on a helper
 * thread is worth it (mempool population of large pools). A CPU can be
 * lent to that work with eal_memzone_reserve.h. Not installed: internal
 * to libdpkit.
 */

#ifndef DPKIT_EAL_LENT_CPUS_H
#define DPKIT_EAL_LENT_CPUS_H

#include <vector>

namespace dpkit {

/* The CPUs bulk memory work (the page mapping of a growing heap) started
 * by the calling thread would run on now: the thread's own CPU first, then
 * those of idle lcores, no more than 1 + the CPUs idle now. */
std::vector<unsigned> bulk_work_cpus();

} // namespace dpkit

#pragma GCC visibility push(default)
/** Test hook: how many CPUs bulk_work_cpus() gives the caller now. */
extern "C" unsigned int dpkit_bulk_work_cpu_count(void);
/** Test hook: count every online CPU as idle (@p on != 0), or measure
 * again (0), so the parallel and pipelined paths run on a busy machine. */
extern "C" void dpkit_bulk_work_test_ignore_load(int on);
#pragma GCC visibility pop

#endif /* DPKIT_EAL_LENT_CPUS_H */
