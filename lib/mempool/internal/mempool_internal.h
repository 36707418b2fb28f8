/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What the mempool library offers the other dpkit libraries beyond the
 * public API (C++ only, not installed): the mbuf library builds its pools
 * with it.
 */

#ifndef _MEMPOOL_INTERNAL_H_
#define _MEMPOOL_INTERNAL_H_

#include <rte_mempool.h>

namespace dpkit::mempool_detail {

/*
 * rte_mempool_populate_default() that also runs @p obj_init (may be null)
 * on each object, in rte_mempool_obj_iter() order and with its indexes, as
 * soon as the zone holding it is laid out: a separate pass afterwards would
 * find every object evicted from the CPU caches again. For pool creators
 * that construct right after populating (rte_mempool_create,
 * rte_pktmbuf_pool_create). If populating fails, objects already
 * constructed are dropped with the rest. If @p obj_init throws (a C++
 * caller's constructor), the call is undone likewise (the zone helper
 * thread stopped first) and the exception goes on to the caller.
 */
int populate_default_constructing(rte_mempool *mp, rte_mempool_obj_cb_t *obj_init,
				  void *obj_init_arg);

} /* namespace dpkit::mempool_detail */

#endif /* _MEMPOOL_INTERNAL_H_ */
