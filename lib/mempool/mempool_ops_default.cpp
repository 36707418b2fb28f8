/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Default memory sizing and object layout, used by handlers that do not
 * bring their own (and usable by those that do, as helpers).
 *
 * Layout rule: objects are laid out back to back, [header|object|trailer],
 * starting at the chunk's start. When the pool has a page size (see
 * rte_mempool_get_page_size()) an object that would straddle a page
 * boundary is moved to the start of the next page instead, unless the
 * object is larger than a page, in which case straddling cannot be avoided
 * and the chunk must be IOVA-contiguous over it. The sizing below is the
 * exact inverse of this rule.
 */

#include <errno.h>

#include "mempool_private.h"

using namespace dpkit::mempool_detail;

namespace {

/* Whether [obj, obj + size) crosses a boundary of pg_sz (0: no pages). */
bool
straddles(uintptr_t obj, size_t size, size_t pg_sz)
{
	if (pg_sz == 0 || size > pg_sz)
		return false;
	return (obj & ~(pg_sz - 1)) != ((obj + size - 1) & ~(pg_sz - 1));
}

/* Objects are pushed to the store in batches: one ring operation per
 * batch instead of one per object makes pool creation several times
 * faster. */
constexpr unsigned populate_batch = 64;

} // namespace

extern "C" ssize_t
rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp, uint32_t obj_num,
				    uint32_t pg_shift, size_t chunk_reserve, size_t *min_chunk_size,
				    size_t *align)
{
	if (mp == nullptr || min_chunk_size == nullptr || align == nullptr || pg_shift >= 63)
		return -EINVAL;

	size_t total = total_elt_size(mp);
	size_t mem_size;

	if (total == 0)
		return -EINVAL;
	if (pg_shift == 0) {
		mem_size = chunk_reserve + total * obj_num;
	} else {
		size_t pg_sz = (size_t)1 << pg_shift;
		if (total + chunk_reserve <= pg_sz) {
			/* whole pages of objects, then only what the objects of
			 * the last page take of it: one byte more than needed may
			 * cost a growing heap a whole page */
			size_t per_page = (pg_sz - chunk_reserve) / total;
			size_t in_last = obj_num == 0 ? 0 : (obj_num - 1) % per_page + 1;
			size_t full_pages = (obj_num - in_last) / per_page;
			mem_size = full_pages << pg_shift;
			if (in_last != 0)
				mem_size += chunk_reserve + in_last * total;
		} else {
			/* each object needs its own IOVA-contiguous run of pages */
			size_t per_obj = RTE_ALIGN_CEIL(total + chunk_reserve, pg_sz);
			mem_size = per_obj * obj_num;
		}
	}

	*min_chunk_size = total + chunk_reserve;
	*align = RTE_MAX((size_t)RTE_CACHE_LINE_SIZE,
			 pg_shift == 0 ? (size_t)0 : (size_t)1 << pg_shift);
	return (ssize_t)mem_size;
}

extern "C" ssize_t
rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp, uint32_t obj_num,
				     uint32_t pg_shift, size_t *min_chunk_size, size_t *align)
{
	return rte_mempool_op_calc_mem_size_helper(mp, obj_num, pg_shift, 0, min_chunk_size, align);
}

int
dpkit::mempool_detail::populate_helper(rte_mempool *mp, unsigned int flags, unsigned int max_objs,
				       void *vaddr, rte_iova_t iova, size_t len,
				       rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg,
				       size_t pg_sz)
{
	const size_t total = total_elt_size(mp);
	const uintptr_t va = (uintptr_t)vaddr;
	size_t off = 0;
	unsigned int added = 0;
	void *batch[populate_batch];
	unsigned int in_batch = 0;

	while (added < max_objs) {
		if (flags & RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ)
			off += RTE_ALIGN_CEIL(va + off, total) - (va + off);
		if (straddles(va + off, total, pg_sz)) {
			off += RTE_ALIGN_CEIL(va + off, pg_sz) - (va + off);
			if (off + total > len)
				break;
			if (flags & RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ)
				continue; /* re-align from the page start */
		}
		if (off + total > len)
			break;

		size_t obj_off = off + mp->header_size;
		void *obj = (void *)(va + obj_off);
		obj_cb(mp, obj_cb_arg, obj, iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + obj_off);
		batch[in_batch++] = obj;
		if (in_batch == populate_batch) {
			rte_mempool_ops_enqueue_bulk(mp, batch, in_batch);
			in_batch = 0;
		}
		off += total;
		added++;
	}
	if (in_batch != 0)
		rte_mempool_ops_enqueue_bulk(mp, batch, in_batch);
	return (int)added;
}

extern "C" int
rte_mempool_op_populate_helper(struct rte_mempool *mp, unsigned int flags, unsigned int max_objs,
			       void *vaddr, rte_iova_t iova, size_t len,
			       rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	size_t pg_sz;
	int ret = rte_mempool_get_page_size(mp, &pg_sz);
	if (ret < 0)
		return ret;
	return dpkit::mempool_detail::populate_helper(mp, flags, max_objs, vaddr, iova, len, obj_cb,
						      obj_cb_arg, pg_sz);
}

extern "C" int
rte_mempool_op_populate_default(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
				rte_iova_t iova, size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
				void *obj_cb_arg)
{
	return rte_mempool_op_populate_helper(mp, 0, max_objs, vaddr, iova, len, obj_cb,
					      obj_cb_arg);
}
