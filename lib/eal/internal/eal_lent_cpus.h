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

namespace dpkit {

/* For tests of the parallel and pipelined paths: every online CPU counts
 * as idle while one of these lives, as other tests may keep the machine
 * busy. */
class bulk_work_load_ignored {
public:
	bulk_work_load_ignored() { dpkit_bulk_work_test_ignore_load(1); }
	~bulk_work_load_ignored() { dpkit_bulk_work_test_ignore_load(0); }
	bulk_work_load_ignored(const bulk_work_load_ignored &) = delete;
	bulk_work_load_ignored &operator=(const bulk_work_load_ignored &) = delete;
};

} // namespace dpkit

#endif /* DPKIT_EAL_LENT_CPUS_H */
