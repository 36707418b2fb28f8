/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Helpers shared by the mempool autotests. */

#ifndef _TEST_MEMPOOL_COMMON_H_
#define _TEST_MEMPOOL_COMMON_H_

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <algorithm>
#include <string>
#include <vector>

#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

namespace mempool_test {

/* Page-aligned anonymous memory a test owns, touched so that its pages
 * exist (and have a physical address pagemap can show). */
struct area {
	char *addr = nullptr;
	size_t len = 0;
	explicit area(size_t l) : len(l)
	{
		void *p = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);
		if (p != MAP_FAILED) {
			addr = static_cast<char *>(p);
			memset(addr, 0, len);
		}
	}
	~area()
	{
		if (addr != nullptr)
			munmap(addr, len);
	}
	area(const area &) = delete;
	area &operator=(const area &) = delete;
};

/* Everything the EAL has handed out: memzones and malloc'd bytes. A pool
 * that is freed must bring both back to where they were. */
struct eal_usage {
	unsigned memzones = 0;
	size_t malloc_bytes = 0;
	unsigned malloc_blocks = 0;

	static eal_usage now()
	{
		eal_usage u;
		rte_memzone_walk(
			[](const rte_memzone *, void *arg) { (*static_cast<unsigned *>(arg))++; },
			&u.memzones);
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
inline std::vector<void *>
drain(rte_mempool *mp)
{
	std::vector<void *> objs;
	void *obj;
	while (rte_mempool_get(mp, &obj) == 0)
		objs.push_back(obj);
	return objs;
}

inline void
put_all(rte_mempool *mp, const std::vector<void *> &objs)
{
	for (void *o : objs)
		rte_mempool_put(mp, o);
}

/* Whether the objects are all different and all of the pool. */
inline bool
distinct_and_owned(rte_mempool *mp, std::vector<void *> objs)
{
	std::sort(objs.begin(), objs.end());
	if (std::adjacent_find(objs.begin(), objs.end()) != objs.end())
		return false;
	for (void *o : objs)
		if (rte_mempool_from_obj(o) != mp)
			return false;
	return true;
}

/* The ownership token at the start of every object. */
struct token {
	uint64_t owner; /* 0 free, else the thread holding it */
	uint64_t tag;   /* pool_tag() of the pool it belongs to */
	uint64_t index; /* 0..n-1, unique in its pool */
};

inline uint64_t
pool_tag(const rte_mempool *mp)
{
	return (uint64_t)(uintptr_t)mp ^ 0x5eed5eed5eed5eedULL;
}

inline void
init_token(rte_mempool *mp, void *, void *obj, unsigned idx)
{
	auto *t = static_cast<token *>(obj);
	t->owner = 0;
	t->tag = pool_tag(mp);
	t->index = idx;
}

/* Check a drained pool: every index of 0..n-1 exactly once, nothing
 * foreign. @return an empty string, or what is wrong (first indices). */
inline std::string
account(const rte_mempool *mp, const std::vector<void *> &objs, unsigned n)
{
	std::vector<unsigned> seen(n, 0);
	std::string bad;
	unsigned foreign = 0;
	for (void *o : objs) {
		const auto *t = static_cast<const token *>(o);
		if (t->tag != pool_tag(mp) || t->index >= n) {
			if (foreign++ < 4)
				bad += " foreign object " + std::to_string((uintptr_t)o) + ";";
			continue;
		}
		seen[t->index]++;
	}
	unsigned lost = 0, dup = 0;
	for (unsigned i = 0; i < n; i++) {
		if (seen[i] == 0 && lost++ < 4)
			bad += " object " + std::to_string(i) + " lost;";
		if (seen[i] > 1 && dup++ < 4)
			bad += " object " + std::to_string(i) + " there " +
			       std::to_string(seen[i]) + " times;";
	}
	if (!bad.empty())
		bad = std::to_string(lost) + " lost, " + std::to_string(dup) + " duplicated, " +
		      std::to_string(foreign) + " foreign:" + bad;
	return bad;
}

/* Drain @p mp, check it as account() does, and put every object back.
 * @return what account() returns. */
inline std::string
account_pool(rte_mempool *mp, unsigned n)
{
	std::vector<void *> all = drain(mp);
	std::string bad = account(mp, all, n);
	put_all(mp, all);
	return bad;
}

/* Claim objects (owner 0 -> me), check, release. */
inline bool
claim(void *obj, uint64_t me)
{
	uint64_t expect = 0;
	return __atomic_compare_exchange_n(static_cast<uint64_t *>(obj), &expect, me, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

inline void
release(void *obj)
{
	__atomic_store_n(static_cast<uint64_t *>(obj), 0, __ATOMIC_RELEASE);
}

/*
 * Register a handler named @p name: ring_mp_mc with its populate replaced
 * by @p populate (and calc_mem_size by @p calc_mem_size when not NULL),
 * for tests that make a populate fail or hand objects out half-way.
 * Call it once per name (callers keep the index). @return the ops index,
 * or a negative errno.
 */
inline int
register_ring_variant(const char *name, rte_mempool_populate_t populate,
		      rte_mempool_calc_mem_size_t calc_mem_size = nullptr)
{
	int ring = -1;
	for (unsigned i = 0; i < rte_mempool_ops_table.num_ops; i++)
		if (strcmp(rte_mempool_ops_table.ops[i].name, "ring_mp_mc") == 0)
			ring = (int)i;
	if (ring < 0)
		return -ENOENT;
	rte_mempool_ops ops = *rte_mempool_get_ops(ring);
	snprintf(ops.name, sizeof(ops.name), "%s", name);
	ops.populate = populate;
	if (calc_mem_size != nullptr)
		ops.calc_mem_size = calc_mem_size;
	return rte_mempool_register_ops(&ops);
}

} // namespace mempool_test

#endif /* _TEST_MEMPOOL_COMMON_H_ */
