/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memzone reservation with the options only callers inside dpkit need
 * (mempool population). rte_memzone_reserve*() are this call with default
 * options. Not installed: internal to libdpkit.
 */

#ifndef DPKIT_EAL_MEMZONE_RESERVE_H
#define DPKIT_EAL_MEMZONE_RESERVE_H

#include <stddef.h>

#include <rte_memzone.h>

namespace dpkit::eal_internal {

struct memzone_reserve_options {
	/*
	 * The caller has a fallback (mempool population asks for one
	 * IOVA-contiguous zone, then for smaller or page-by-page ones): a
	 * failure for want of memory or because the name is taken logs at
	 * DEBUG instead of ERR. Argument errors still log at ERR.
	 */
	bool failure_expected = false;
	/*
	 * A CPU another thread lends to the page mapping of a heap growth for
	 * this zone, or -1. The calling thread must be allowed to run on it:
	 * it takes that CPU's share itself and yields between two pages, so
	 * that the lending thread runs as soon as it has work again, under any
	 * scheduling policy (a SCHED_FIFO thread is otherwise never preempted
	 * by one of equal priority).
	 */
	int lent_cpu = -1;
};

/* rte_memzone_reserve_bounded() with @p opt. Same returns and rte_errno. */
const rte_memzone *memzone_reserve(const char *name, size_t len, int socket_id, unsigned flags,
				   unsigned align, unsigned bound,
				   const memzone_reserve_options &opt);

} // namespace dpkit::eal_internal

#endif /* DPKIT_EAL_MEMZONE_RESERVE_H */
