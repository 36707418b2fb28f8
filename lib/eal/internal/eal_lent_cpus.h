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
 * calling thread also uses CPU @p cpu, lent by another thread, besides the
 * CPUs of the lcores idle at the time of each piece of work. @p cpu must be
 * one this thread may run on: the thread takes that share itself and
 * yields between two pages of it, so that the lending thread runs as soon
 * as it has work again, under any scheduling policy (a SCHED_FIFO thread
 * is otherwise never preempted by one of equal priority). Nests: the
 * previous loan comes back at destruction.
 */
class bulk_work_on_lent_cpu {
public:
	explicit bulk_work_on_lent_cpu(unsigned cpu);
	~bulk_work_on_lent_cpu();
	bulk_work_on_lent_cpu(const bulk_work_on_lent_cpu &) = delete;
	bulk_work_on_lent_cpu &operator=(const bulk_work_on_lent_cpu &) = delete;

private:
	int previous_;
};

} // namespace dpkit

#endif /* DPKIT_EAL_LENT_CPUS_H */
