/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * For callers inside dpkit that grow memory on a helper thread while the
 * thread that asked for it works on what is already mapped (mempool
 * population of large pools). The helper's page mapping should use the
 * asker's CPU whenever the asker is not using it, and step aside at once
 * when it is. Not installed: internal to libdpkit.
 */

#ifndef DPKIT_EAL_LENT_CPUS_H
#define DPKIT_EAL_LENT_CPUS_H

#include <vector>

namespace dpkit {

/* The CPUs bulk memory work (the page mapping of a growing heap) started
 * by the calling thread would run on now: the thread's own CPU first, then
 * those of idle lcores. */
std::vector<unsigned> bulk_work_cpus();

/*
 * While an object of this type lives, bulk memory work started by the
 * calling thread runs on @p cpus, whatever lcores they belong to. The
 * first must be a CPU this thread may run on: the thread takes that share
 * itself and yields between two pages of it, so that a thread it shares
 * the CPU with runs as soon as that one has work, under any scheduling
 * policy (a SCHED_FIFO thread is otherwise never preempted by one of equal
 * priority). Does not nest.
 */
class bulk_work_on_lent_cpus {
public:
	explicit bulk_work_on_lent_cpus(std::vector<unsigned> cpus);
	~bulk_work_on_lent_cpus();
	bulk_work_on_lent_cpus(const bulk_work_on_lent_cpus &) = delete;
	bulk_work_on_lent_cpus &operator=(const bulk_work_on_lent_cpus &) = delete;

private:
	std::vector<unsigned> cpus_;
};

} // namespace dpkit

#endif /* DPKIT_EAL_LENT_CPUS_H */
