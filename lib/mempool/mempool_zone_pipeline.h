/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Reserving a pool's zones on a helper thread while the calling thread
 * lays out the zones already reserved (C++ only, not installed).
 */

#ifndef DPKIT_MEMPOOL_ZONE_PIPELINE_H
#define DPKIT_MEMPOOL_ZONE_PIPELINE_H

#include <stddef.h>

#include <functional>
#include <vector>

#include <rte_memzone.h>

#include "eal_memzone_reserve.h"

namespace dpkit::mempool_detail {

/*
 * Reserve one zone per entry of @p sizes, in order, with @p reserve on a
 * helper thread, and hand each to @p add on the calling thread as soon as
 * it is reserved. The helper maps new pages on the CPUs the caller's own
 * bulk work would use, the caller's CPU included: the caller lends it
 * while it waits and takes it back whenever a zone is ready. @p reserve
 * gets the options that say so (the lent CPU; a failure is expected, the
 * caller having a fallback) to pass to memzone_reserve().
 *
 * @p reserve returns nullptr when it cannot get a zone; @p add returns the
 * objects it added (> 0), 0 to stop early, or -errno. Either ends the
 * pipeline; zones reserved but not handed to @p add are freed.
 *
 * @return 0 when every zone was added, or the pipeline stopped early or
 * could not start its helper thread (the caller fills the rest some other
 * way), or the -errno of @p add. An exception from @p add propagates once
 * the helper has stopped and the zones not handed to @p add are freed.
 */
int pipeline_zones(const std::vector<size_t> &sizes,
		   const std::function<const rte_memzone *(
			   size_t len, const eal_internal::memzone_reserve_options &opt)> &reserve,
		   const std::function<int(const rte_memzone *mz)> &add);

} // namespace dpkit::mempool_detail

#endif /* DPKIT_MEMPOOL_ZONE_PIPELINE_H */
