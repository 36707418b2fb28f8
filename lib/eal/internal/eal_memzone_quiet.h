/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * For callers inside dpkit that try a memzone first and have a fallback
 * (mempool population asks for one IOVA-contiguous zone, then for smaller
 * or page-by-page ones). Their failed first tries are expected, so they are
 * logged at DEBUG; a failure that reaches the user is still logged at ERR,
 * by the memzone code or by the caller once every fallback failed.
 * Not installed: internal to libdpkit.
 */

#ifndef DPKIT_EAL_MEMZONE_QUIET_H
#define DPKIT_EAL_MEMZONE_QUIET_H

namespace dpkit {

/* While an object of this type lives, memzone reservations made by the
 * calling thread that fail for want of memory or because the name is taken
 * log at DEBUG instead of ERR. Nests; argument errors still log at ERR. */
class memzone_failure_expected {
public:
	memzone_failure_expected();
	~memzone_failure_expected();
	memzone_failure_expected(const memzone_failure_expected &) = delete;
	memzone_failure_expected &operator=(const memzone_failure_expected &) = delete;
};

} // namespace dpkit

#endif /* DPKIT_EAL_MEMZONE_QUIET_H */
