/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_mempool_populate_default(): filling a pool from memzones.
 *
 * It first checks that enough memory exists (failing at once, with the
 * numbers, when not), then takes zones until the pool is full, each time
 * asking for everything still missing and accepting less (one_zone()), so
 * that fragmented memory yields many chunks rather than a failure. A large
 * pool in dynamic memory is instead cut into a few zones reserved on a
 * helper thread while this one lays out those already mapped
 * (mempool_zone_pipeline.cpp).
 */

#include <errno.h>
#include <stdio.h>

#include <algorithm>
#include <bit>
#include <vector>

#include <rte_errno.h>
#include <rte_memzone.h>

#include "eal_lent_cpus.h"
#include "eal_memzone_reserve.h"
#include "mempool_private.h"
#include "mempool_zone_pipeline.h"

using namespace dpkit::mempool_detail;
using dpkit::eal_internal::memzone_reserve_options;

namespace {

/* Name of the n-th zone of a pool: "MP_<pool>_<n>", or when that is too
 * long for a memzone, "MP_<hash of pool name>_<n>". */
void
zone_name(const rte_mempool *mp, unsigned idx, char *buf, size_t size)
{
	int len = snprintf(buf, size, RTE_MEMPOOL_MZ_FORMAT "_%u", mp->name, idx);
	if (len >= 0 && (size_t)len < size)
		return;
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const char *c = mp->name; *c != '\0'; c++)
		h = (h ^ (uint8_t)*c) * 16777619u;
	snprintf(buf, size, RTE_MEMPOOL_MZ_PREFIX "%08x_%u", h, idx);
}

struct zone_request {
	size_t len; /* 0: the largest free block */
	size_t align;
	unsigned flags; /* RTE_MEMZONE_* */
};

/* Pipelined population (mempool_zone_pipeline.cpp): zones of about this
 * size, this many at most. Smaller zones overlap more of the layout with
 * page mapping; each costs a heap growth (a thread start, the heap and
 * memzone bookkeeping). */
constexpr size_t pipeline_zone_bytes = 64u << 20;
constexpr size_t pipeline_max_zones = 8;

/* Reserve a zone under a fresh name. nullptr with rte_errno on failure. */
const rte_memzone *
reserve_zone(const rte_mempool *mp, unsigned *next_idx, const zone_request &req,
	     const memzone_reserve_options &opt)
{
	for (int tries = 0; tries < 64; tries++) {
		char name[RTE_MEMZONE_NAMESIZE];
		zone_name(mp, (*next_idx)++, name, sizeof(name));
		const rte_memzone *mz = dpkit::eal_internal::memzone_reserve(
			name, req.len, mp->socket_id, req.flags, (unsigned)req.align, 0, opt);
		if (mz != nullptr || rte_errno != EEXIST)
			return mz;
	}
	return nullptr;
}

struct default_populate {
	rte_mempool *mp;
	size_t pg_sz;
	unsigned pg_shift;
	unsigned next_idx;
	bool no_iova; /* lay objects out with RTE_BAD_IOVA (see populate_default) */
	constructor ctor;
	bool largest_block_useless = false;
	std::vector<const rte_memzone *> zones;

	ssize_t calc(uint32_t n, unsigned shift, size_t *min_chunk, size_t *align)
	{
		return rte_mempool_ops_calc_mem_size(mp, n, shift, min_chunk, align);
	}

	/*
	 * The IOVA-contiguous zone for what calc() sized as @p sz bytes at
	 * @p align (a page) under the page rule. Handlers lay objects out page
	 * by page even in a contiguous zone (as DPDK's do), so where the zone
	 * starts in its page matters. With the default sizing and layout, one
	 * object more than the aligned size makes every start good, so the zone
	 * needs only cache-line alignment and small pools keep packing into
	 * free memory instead of taking a page each. From offset o in a page,
	 * k = (pg - o) / total objects fit before the first boundary, and from
	 * there the layout is that of an aligned start: the zone needs
	 * (pg - o) + calc(n - k) bytes. Now (pg - o) < (k + 1) total, and
	 * calc(m + 1) - calc(m) >= total for every m (one more object costs its
	 * size, or starts a page: pg - per_page * total + total), so
	 * calc(n - k) <= calc(n) - k total and the need is below
	 * calc(n) + total. (Objects larger than a page ignore boundaries and
	 * need n * total <= calc(n).) A handler with its own sizing or layout
	 * gets the page alignment its sizing assumed.
	 */
	zone_request contig_request(size_t sz, size_t align) const
	{
		const rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
		if (ops->calc_mem_size != nullptr || ops->populate != nullptr)
			return {sz, align, RTE_MEMZONE_IOVA_CONTIG};
		return {sz + total_elt_size(mp), RTE_CACHE_LINE_SIZE, RTE_MEMZONE_IOVA_CONTIG};
	}

	/* Lay out one zone's objects; a zone too small to hold one is freed.
	 * @p memhdrs: chunk headers to take first (see chunk_options).
	 * @return objects added, 0 (zone freed) or -errno. */
	int add_zone(const rte_memzone *mz, bool contig, memhdr_stock *memhdrs = nullptr)
	{
		const chunk_options opt{ctor, memhdrs,
					memhdrs != nullptr ? std::optional<size_t>(pg_sz)
							   : std::nullopt};
		zones.push_back(mz);
		int ret;
		/* a pool that does not keep objects IOVA-contiguous gets none */
		bool keep_iova = !no_iova && !(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG);
		if (contig || pg_sz == 0)
			ret = add_chunk(mp, static_cast<char *>(mz->addr),
					keep_iova ? mz->iova : RTE_BAD_IOVA, mz->len,
					memzone_chunk_free, const_cast<rte_memzone *>(mz), opt);
		else
			ret = populate_pages(mp, static_cast<char *>(mz->addr), mz->len, pg_sz,
					     iova_source{nullptr, nullptr, 0}, memzone_chunk_free,
					     const_cast<rte_memzone *>(mz), opt);
		if (ret == 0) {
			zones.pop_back();
			rte_memzone_free(mz);
		}
		return ret;
	}

	/*
	 * For a pool that will make dynamic memory grow by at least two zones'
	 * worth, laid out page by page, when some CPU besides the caller's can
	 * map pages: reserve its memory as a few zones on a helper thread and
	 * lay each out (and construct its objects) here while the next one is
	 * being mapped. Stops early without error when a zone cannot be had;
	 * one_zone() then takes what is missing. @return 0 or -errno.
	 */
	int pipelined(size_t need, size_t align, const memory_view &view)
	{
		uint32_t missing = mp->size - mp->populated_size;
		const size_t obj_total = total_elt_size(mp);
		if (no_iova || (pg_sz != 0 && obj_total > pg_sz) ||
		    need < 2 * pipeline_zone_bytes || need <= view.largest_block ||
		    need > view.growable || dpkit::bulk_work_cpus().size() < 2)
			return 0;

		/* Whole pages per zone when objects are laid out page by page, so
		 * that no zone's last page is part empty. The last zone is laid
		 * out after all mapping is done: it gets about a quarter of the
		 * others' share, the others the rest. */
		const size_t per_page = pg_sz != 0 ? pg_sz / obj_total : 1;
		size_t nzones = std::min(pipeline_max_zones, need / pipeline_zone_bytes);
		size_t per_zone = (4 * (size_t)missing + 4 * nzones - 4) / (4 * nzones - 3);
		per_zone = (per_zone + per_page - 1) / per_page * per_page;
		std::vector<size_t> sizes;
		for (size_t left = missing; left > 0;) {
			size_t n = std::min(per_zone, left);
			size_t min_chunk;
			ssize_t sz = calc((uint32_t)n, pg_shift, &min_chunk, &align);
			if (sz <= 0)
				return 0;
			sizes.push_back((size_t)sz);
			left -= n;
		}

		/* the heap's lock and the memory lock are the helper's for a whole
		 * growth at a time: the layout here must need neither */
		memhdr_stock headers(
			(unsigned)((pg_sz != 0 ? need / pg_sz : 0) + sizes.size() + 1));
		return pipeline_zones(
			sizes,
			[&](size_t len, const memzone_reserve_options &opt) {
			return reserve_zone(mp, &next_idx, {len, align, 0}, opt);
			},
			[&](const rte_memzone *mz) {
			/* handlers whose sizing has slack fill the pool early */
			if (mp->populated_size >= mp->size) {
				rte_memzone_free(mz);
				return 0;
			}
			return add_zone(mz, false, &headers);
		});
	}

	/* Put one more zone into the pool. Every reservation here has a
	 * fallback: a failure is expected (the one ERR line for a real failure
	 * is the caller's). @return objects added or -errno. */
	int one_zone(const memory_view &view)
	{
		const memzone_reserve_options opt{.failure_expected = true};
		uint32_t n = mp->size - mp->populated_size;
		size_t min_chunk, align;
		const rte_memzone *mz = nullptr;
		bool contig = false;

		/* 1. Everything left in one IOVA-contiguous zone: one chunk. Only
		 * worth asking when a free block that large already exists:
		 * growing memory to find out would be slow. */
		ssize_t sz = calc(n, pg_shift, &min_chunk, &align);
		if (sz < 0)
			return (int)sz;
		if (pg_sz != 0) {
			zone_request req = contig_request((size_t)sz, align);
			if (req.len + req.align <= view.largest_block) {
				mz = reserve_zone(mp, &next_idx, req, opt);
				contig = mz != nullptr;
			}
		}
		/* 2. The same zone, laid out page by page (runs of IOVA-contiguous
		 * pages become chunks). */
		if (mz == nullptr)
			mz = reserve_zone(mp, &next_idx, {(size_t)sz, align, 0}, opt);
		/* 3. The largest free block as it is (no growth, no alignment). */
		if (mz == nullptr && !largest_block_useless && view.largest_block >= min_chunk)
			mz = reserve_zone(mp, &next_idx, {0, RTE_CACHE_LINE_SIZE, 0}, opt);
		/* 4. Halves, down to a page: lets dynamic memory grow piece by piece. */
		size_t floor = RTE_MAX(min_chunk, pg_sz != 0 ? pg_sz : (size_t)RTE_PGSIZE_2M);
		for (size_t half = (size_t)sz / 2; mz == nullptr && half >= floor; half /= 2)
			mz = reserve_zone(mp, &next_idx, {RTE_ALIGN_CEIL(half, align), align, 0},
					  opt);
		if (mz == nullptr)
			return -ENOMEM;
		int ret = add_zone(mz, contig);
		if (ret == 0) {
			/* too small once laid out (given back): do not pick it again */
			if (largest_block_useless)
				return -ENOMEM;
			largest_block_useless = true;
		}
		return ret;
	}
};

/*
 * Undo a populate_default call that failed: take its chunks out of the
 * pool and free its zones. Chunks whose objects were handed out meanwhile
 * cannot be taken out (drop_chunks_from refuses them all): then every
 * zone that still holds a chunk stays, to be freed with the pool through
 * the chunk's free callback, and only the others are freed now.
 * @return 0, or -EBUSY when the zones stay.
 */
int
give_back(rte_mempool *mp, const std::vector<const rte_memzone *> &zones)
{
	int ret = drop_chunks_from(mp, 0);
	for (const rte_memzone *mz : zones) {
		bool held = false;
		rte_mempool_memhdr *m;
		if (ret != 0)
			STAILQ_FOREACH(m, &mp->mem_list, next)
		if (m->free_cb == memzone_chunk_free && m->opaque == mz)
			held = true;
		if (!held)
			rte_memzone_free(mz);
	}
	return ret;
}

/*
 * --no-huge memory is small pages in no physical order. An object larger
 * than such a page would need physically contiguous pages, which that
 * memory seldom has: zone after zone would hold a fraction of what it was
 * sized for until memory ran out. Such objects are laid out without an
 * IOVA instead, as DPDK does for all --no-huge memory in IOVA-as-PA mode;
 * smaller objects keep each page's real IOVA. @return true for those
 * (one INFO line says so).
 */
bool
lay_out_without_iova(const rte_mempool *mp, size_t pg_sz)
{
	const size_t obj_total = total_elt_size(mp);
	if (pg_sz == 0 || rte_eal_has_hugepages() || obj_total <= pg_sz)
		return false;
	MEMPOOL_LOG(INFO,
		    "mempool %s: objects of %zu bytes are larger than a %zu-byte page "
		    "of --no-huge memory: laid out without IOVA (use hugepages for DMA)",
		    mp->name, obj_total, pg_sz);
	return true;
}

/* Take zones until the pool is full: the pipeline first, then one zone at
 * a time. @p view is kept up to date. @return >= 0, or -errno. */
int
fill(default_populate &dp, size_t need, size_t align, memory_view *view)
{
	rte_mempool *mp = dp.mp;
	int ret = dp.pipelined(need, align, *view);
	if (ret == 0)
		*view = memory_available(mp->socket_id);
	while (ret >= 0 && mp->populated_size < mp->size) {
		ret = dp.one_zone(*view);
		if (ret < 0)
			break;
		*view = memory_available(mp->socket_id);
	}
	return ret;
}

/* Give back what a failed fill() took and log the one line for it.
 * @return -EBUSY when zones must stay, else @p ret. */
int
give_back_failed(default_populate &dp, uint32_t missing, const memory_view &view, int ret)
{
	rte_mempool *mp = dp.mp;
	const uint32_t placed = mp->populated_size;
	int busy = give_back(mp, dp.zones);
	MEMPOOL_LOG(
		ERR,
		"mempool %s: could only place %u of %u objects in %zu memzones "
		"(%s; %zu bytes free, largest free block %zu); %s",
		mp->name, placed, missing, dp.zones.size(), rte_strerror(-ret), view.free_bytes,
		view.largest_block,
		busy == 0
			? "memory taken is given back"
			: "objects of these zones were handed out meanwhile, so the zones stay in "
			  "the pool until it is freed");
	return busy != 0 ? busy : ret;
}

} // namespace

/*
 * Fill an empty pool from memzones.
 *
 * 1. Work out the memory needed and compare it with what is free (in the
 *    heaps, plus what dynamic memory may still map). Not enough: fail now,
 *    with the numbers, before taking anything.
 * 2. Take zones until the pool is full, each time asking for everything
 *    still missing and accepting less (see one_zone()), so that fragmented
 *    memory yields many chunks rather than a failure.
 * 3. On failure give back every zone of this call (those whose objects
 *    were handed out meanwhile stay until the pool is freed: -EBUSY).
 */
extern "C" int
rte_mempool_populate_default(struct rte_mempool *mp)
{
	return populate_default_constructing(mp, nullptr, nullptr);
}

int
dpkit::mempool_detail::populate_default_constructing(rte_mempool *mp,
						     rte_mempool_obj_cb_t *obj_init,
						     void *obj_init_arg)
{
	int ret = check_populate_args(mp, mp, "populate_default");
	if (ret < 0)
		return ret;
	if (mp->nb_mem_chunks != 0) {
		MEMPOOL_LOG(ERR,
			    "mempool %s: populate_default fills an empty pool, this one has %u "
			    "memory chunks already; add memory with populate_iova or populate_virt",
			    mp->name, mp->nb_mem_chunks);
		return -EEXIST;
	}

	size_t pg_sz;
	ret = rte_mempool_get_page_size(mp, &pg_sz);
	if (ret < 0)
		return ret;
	const bool no_iova = lay_out_without_iova(mp, pg_sz);
	if (no_iova)
		pg_sz = 0;
	unsigned pg_shift = pg_sz == 0 ? 0 : (unsigned)std::countr_zero(pg_sz);

	const uint32_t missing = mp->size;
	size_t min_chunk, align;
	ssize_t need = rte_mempool_ops_calc_mem_size(mp, missing, pg_shift, &min_chunk, &align);
	if (need < 0)
		return (int)need;

	memory_view view = memory_available(mp->socket_id);
	if ((size_t)need > view.free_bytes) {
		MEMPOOL_LOG(ERR,
			    "mempool %s: %u objects need %zu bytes but only %zu are free "
			    "(%zu in heaps, largest free block %zu, %zu more can be mapped); "
			    "add hugepages, raise -m/--socket-mem, or make the pool smaller",
			    mp->name, missing, (size_t)need, view.free_bytes, view.heap_free,
			    view.largest_block, view.growable);
		return -ENOMEM;
	}
	ret = ops_alloc_once(mp);
	if (ret < 0)
		return ret;

	default_populate dp{mp, pg_sz, pg_shift, 0, no_iova, {obj_init, obj_init_arg}};

	/* An object constructor may throw (a C++ caller's): undo this call,
	 * then let the exception go on to that caller. */
	try {
		ret = fill(dp, (size_t)need, align, &view);
	} catch (...) {
		give_back(mp, dp.zones);
		throw;
	}
	if (ret < 0)
		return give_back_failed(dp, missing, view, ret);
	return (int)mp->size;
}
