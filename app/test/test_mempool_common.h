/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Helpers shared by the mempool autotests. */

#ifndef _TEST_MEMPOOL_COMMON_H_
#define _TEST_MEMPOOL_COMMON_H_

#include <stdint.h>

#include <algorithm>

#include <vector>

#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

namespace mempool_test {

/* Everything the EAL has handed out: memzones and malloc'd bytes. A pool
 * that is freed must bring both back to where they were. */
struct eal_usage {
	unsigned memzones = 0;
	size_t malloc_bytes = 0;
	unsigned malloc_blocks = 0;

	static eal_usage now()
	{
		eal_usage u;
		rte_memzone_walk([](const rte_memzone *, void *arg) {
			(*static_cast<unsigned *>(arg))++;
		}, &u.memzones);
		for (unsigned i = 0; i < rte_socket_count(); i++) {
			rte_malloc_socket_stats st;
			if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &st) == 0) {
				u.malloc_bytes += st.heap_allocsz_bytes;
				u.malloc_blocks += st.alloc_count;
			}
		}
		return u;
	}
};

/* Take every object out of a pool (through the caller's cache). */
inline std::vector<void *> drain(rte_mempool *mp)
{
	std::vector<void *> objs;
	void *obj;
	while (rte_mempool_get(mp, &obj) == 0)
		objs.push_back(obj);
	return objs;
}

inline void put_all(rte_mempool *mp, const std::vector<void *> &objs)
{
	for (void *o : objs)
		rte_mempool_put(mp, o);
}

/* Whether the objects are all different and all of the pool. */
inline bool distinct_and_owned(rte_mempool *mp, std::vector<void *> objs)
{
	std::sort(objs.begin(), objs.end());
	if (std::adjacent_find(objs.begin(), objs.end()) != objs.end())
		return false;
	for (void *o : objs)
		if (rte_mempool_from_obj(o) != mp)
			return false;
	return true;
}

} // namespace mempool_test

#endif /* _TEST_MEMPOOL_COMMON_H_ */
