/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_MEMPOOL_ASAN_H_
#define _RTE_MEMPOOL_ASAN_H_

#pragma GCC visibility push(default)

/**
 * @file
 * @internal Teaches AddressSanitizer which pool objects are free. Do not
 * include this file directly: include rte_mempool.h.
 *
 * An object is free from the moment it is put back until a get hands it
 * out again, wherever it sits meanwhile: in the backing store or in a
 * per-lcore or user cache (a cache is the pool's, not the user's). So the
 * object body (elt_size bytes) is poisoned once, in rte_mempool_generic_put()
 * before the object reaches a cache or the store, and when a chunk adds it
 * to the pool; it is unpoisoned once, in rte_mempool_generic_get() after
 * the object left them. Touching it in between is reported by ASan as a
 * "use-after-poison".
 *
 * Only the body is poisoned. The object header (pool, IOVA, list link,
 * debug cookie) and trailer (debug cookie) stay readable, so cookie checks,
 * rte_mempool_audit() and rte_mempool_from_obj() work on free objects, and
 * no handler of dpkit stores anything inside a free object. Code of the
 * library that must touch free bodies (rte_mempool_obj_iter() callbacks)
 * unpoisons around the call.
 *
 * ASan works on 8-byte granules: the last, partial granule of a body whose
 * size is not a multiple of 8 is left accessible, never the reverse, so a
 * trailer sharing that granule is never reported.
 *
 * Without ASan every function here is empty and compiles to nothing.
 */

#ifndef _RTE_MEMPOOL_H_
#error "include rte_mempool.h, not rte_mempool_asan.h"
#endif

/* gcc says __SANITIZE_ADDRESS__, clang answers __has_feature */
#if defined(__SANITIZE_ADDRESS__)
#define RTE_MEMPOOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RTE_MEMPOOL_ASAN 1
#endif
#endif
#ifdef RTE_MEMPOOL_ASAN
#include <sanitizer/asan_interface.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @internal Mark @p n objects of @p mp free (@p free = 1: poisoned) or in
 * use (@p free = 0: unpoisoned) for AddressSanitizer. No-op without ASan.
 */
static __rte_always_inline void
__rte_mempool_asan_mark(const struct rte_mempool *mp, void *const *objs, unsigned int n, int free)
{
#ifdef RTE_MEMPOOL_ASAN
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (free)
			ASAN_POISON_MEMORY_REGION(objs[i], mp->elt_size);
		else
			ASAN_UNPOISON_MEMORY_REGION(objs[i], mp->elt_size);
	}
#else
	RTE_SET_USED(mp);
	RTE_SET_USED(objs);
	RTE_SET_USED(n);
	RTE_SET_USED(free);
#endif
}

/**
 * @internal Before library code touches the body of @p obj, which may be
 * free: unpoison it. @return whether it was poisoned, to be given to
 * __rte_mempool_asan_restore(). Always 0 without ASan.
 */
static __rte_always_inline int
__rte_mempool_asan_open(const struct rte_mempool *mp, void *obj)
{
#ifdef RTE_MEMPOOL_ASAN
	if (!__asan_address_is_poisoned(obj))
		return 0;
	ASAN_UNPOISON_MEMORY_REGION(obj, mp->elt_size);
	return 1;
#else
	RTE_SET_USED(mp);
	RTE_SET_USED(obj);
	return 0;
#endif
}

/** @internal Undo __rte_mempool_asan_open(): poison again if it was. */
static __rte_always_inline void
__rte_mempool_asan_restore(const struct rte_mempool *mp, void *obj, int was_poisoned)
{
	if (was_poisoned)
		__rte_mempool_asan_mark(mp, &obj, 1, 1);
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MEMPOOL_ASAN_H_ */
