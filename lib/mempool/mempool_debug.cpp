/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Checking and showing pools: object cookies (debug builds), audit, dump.
 *
 * In a debug build (-Dmempool_debug=true) every object carries a header
 * cookie that says whether it is free or handed out, and a trailer cookie
 * after its last byte. Each get and put checks and flips them, so that a
 * double put, a put into the wrong pool, a pointer that is no pool object
 * and a write past an object's end stop the process with a message naming
 * the object and the pool, instead of corrupting the pool silently.
 */

#include <inttypes.h>

#include <atomic>

#include <rte_debug.h>

#include "mempool_private.h"

using namespace dpkit::mempool_detail;

void
dpkit::mempool_detail::init_cookies(rte_mempool *mp, rte_mempool_objhdr *hdr)
{
	RTE_SET_USED(mp); /* the trailer is found through hdr->mp */
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE1;
	rte_mempool_get_trailer(hdr + 1)->cookie = RTE_MEMPOOL_TRAILER_COOKIE;
#else
	RTE_SET_USED(hdr);
#endif
}

#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
namespace {

void
check_one(const rte_mempool *mp, void *obj, int free)
{
	rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);

	if (hdr->mp != mp)
		rte_panic("mempool %s: %p is not one of its objects (its header names pool %p); "
			  "put it back into the pool it came from\n",
			  mp->name, obj, (void *)hdr->mp);

	uint64_t cookie = hdr->cookie;
	switch (free) {
	case 0: /* being put back: must be in use */
		if (cookie == RTE_MEMPOOL_HEADER_COOKIE1)
			rte_panic("mempool %s: object %p put back twice (double free)\n", mp->name,
				  obj);
		if (cookie != RTE_MEMPOOL_HEADER_COOKIE2)
			rte_panic("mempool %s: header of object %p overwritten (cookie 0x%" PRIx64
				  ")\n",
				  mp->name, obj, cookie);
		hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE1;
		break;
	case 1: /* being handed out: must be free */
		if (cookie == RTE_MEMPOOL_HEADER_COOKIE2)
			rte_panic(
				"mempool %s: object %p handed out while already in use; was it put "
				"back while still used, or stored twice?\n",
				mp->name, obj);
		if (cookie != RTE_MEMPOOL_HEADER_COOKIE1)
			rte_panic(
				"mempool %s: header of free object %p overwritten (cookie 0x%" PRIx64
				")\n",
				mp->name, obj, cookie);
		hdr->cookie = RTE_MEMPOOL_HEADER_COOKIE2;
		break;
	default:
		if (cookie != RTE_MEMPOOL_HEADER_COOKIE1 && cookie != RTE_MEMPOOL_HEADER_COOKIE2)
			rte_panic("mempool %s: header of object %p overwritten (cookie 0x%" PRIx64
				  ")\n",
				  mp->name, obj, cookie);
		break;
	}

	uint64_t tcookie = rte_mempool_get_trailer(obj)->cookie;
	if (tcookie != RTE_MEMPOOL_TRAILER_COOKIE)
		rte_panic("mempool %s: object %p written past its %u bytes (trailer 0x%" PRIx64
			  ")\n",
			  mp->name, obj, mp->elt_size, tcookie);
}

} // namespace
#endif

extern "C" void
rte_mempool_check_cookies(const struct rte_mempool *mp, void *const *obj_table_const, unsigned n,
			  int free)
{
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	for (unsigned i = 0; i < n; i++)
		check_one(mp, obj_table_const[i], free);
#else
	RTE_SET_USED(mp);
	RTE_SET_USED(obj_table_const);
	RTE_SET_USED(n);
	RTE_SET_USED(free);
#endif
}

extern "C" void
rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
					void *const *first_obj_table_const, unsigned int n,
					int free)
{
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	rte_mempool_info info;
	if (rte_mempool_ops_get_info(mp, &info) != 0 || info.contig_block_size == 0)
		rte_panic("mempool %s: handler has no contiguous blocks to check\n", mp->name);
	size_t total = total_elt_size(mp);
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = 0; j < info.contig_block_size; j++)
			check_one(mp, RTE_PTR_ADD(first_obj_table_const[i], j * total), free);
#else
	RTE_SET_USED(mp);
	RTE_SET_USED(first_obj_table_const);
	RTE_SET_USED(n);
	RTE_SET_USED(free);
#endif
}

/* ---- audit ---- */

namespace {

void
audit_cookie_cb(rte_mempool *mp, void *opaque, void *obj, unsigned idx)
{
	RTE_SET_USED(opaque);
	RTE_SET_USED(idx);
	void *const table[1] = {obj};
	rte_mempool_check_cookies(mp, table, 1, 2);
}

} // namespace

extern "C" void
rte_mempool_audit(struct rte_mempool *mp)
{
	if (mp == nullptr)
		return;

	uint32_t chunks = rte_mempool_mem_iter(mp, nullptr, nullptr);
	if (chunks != mp->nb_mem_chunks)
		rte_panic("mempool %s: %u chunks listed but nb_mem_chunks is %u\n", mp->name,
			  chunks, mp->nb_mem_chunks);
	uint32_t objs = rte_mempool_obj_iter(mp, nullptr, nullptr);
	if (objs != mp->populated_size)
		rte_panic("mempool %s: %u objects listed but populated_size is %u\n", mp->name,
			  objs, mp->populated_size);
	if (mp->populated_size > mp->size)
		rte_panic("mempool %s: %u objects in a pool of %u\n", mp->name, mp->populated_size,
			  mp->size);

	if (mp->cache_size != 0)
		for (unsigned lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
			const rte_mempool_cache *c = &mp->local_cache[lcore];
			if (c->len > c->flushthresh || c->size != mp->cache_size)
				rte_panic(
					"mempool %s: cache of lcore %u is corrupt (len %u, size %u, threshold %u)\n",
					mp->name, lcore, c->len, c->size, c->flushthresh);
		}

	uint64_t refused = std::atomic_ref(mp->store_refused).load(std::memory_order_relaxed);
	if (refused != 0)
		rte_panic("mempool %s: its backing store refused %" PRIu64
			  " object(s) on put, lost "
			  "to the pool; were objects put back twice or into the wrong pool?\n",
			  mp->name, refused);

	if (rte_mempool_ops_get_count(mp) > mp->populated_size)
		rte_panic("mempool %s: store holds %u objects, more than the %u the pool has\n",
			  mp->name, rte_mempool_ops_get_count(mp), mp->populated_size);

	rte_mempool_obj_iter(mp, audit_cookie_cb, nullptr);
}

/* ---- dump ---- */

namespace {

/* The pool's fields and its handler. */
void
dump_fields(FILE *f, rte_mempool *mp)
{
	fprintf(f, "mempool <%s>@%p\n", mp->name, (void *)mp);
	fprintf(f, "  flags=0x%x\n", mp->flags);
	fprintf(f, "  socket_id=%d\n", mp->socket_id);
	fprintf(f, "  pool=%p\n", mp->pool_data);
	fprintf(f, "  handler=%s (ops_index %d)\n", rte_mempool_get_ops(mp->ops_index)->name,
		mp->ops_index);
	fprintf(f, "  size=%u\n", mp->size);
	fprintf(f, "  populated_size=%u\n", mp->populated_size);
	fprintf(f, "  header_size=%u\n", mp->header_size);
	fprintf(f, "  elt_size=%u\n", mp->elt_size);
	fprintf(f, "  trailer_size=%u\n", mp->trailer_size);
	fprintf(f, "  total_obj_size=%zu\n", total_elt_size(mp));
	fprintf(f, "  private_data_size=%u\n", mp->private_data_size);
	fprintf(f, "  nb_mem_chunks=%u\n", mp->nb_mem_chunks);
}

/* Each memory chunk, and the bytes per object they make. */
void
dump_chunks(FILE *f, rte_mempool *mp)
{
	size_t mem_len = 0;
	unsigned idx = 0;
	rte_mempool_memhdr *m;
	STAILQ_FOREACH(m, &mp->mem_list, next)
	{
		fprintf(f, "    chunk %u: addr=%p iova=0x%" PRIx64 " len=%zu\n", idx++, m->addr,
			(uint64_t)m->iova, m->len);
		mem_len += m->len;
	}
	if (mp->populated_size != 0)
		fprintf(f, "  avg bytes/object=%#Lf\n", (long double)mem_len / mp->populated_size);
}

/* The per-lcore caches, the non-EAL threads' ones and the common pool's count. */
void
dump_caches(FILE *f, rte_mempool *mp)
{
	fprintf(f, "  internal cache infos:\n");
	fprintf(f, "    cache_size=%u\n", mp->cache_size);
	unsigned cached = 0;
	if (mp->cache_size != 0)
		for (unsigned lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
			unsigned len = mp->local_cache[lcore].len;
			if (len != 0)
				fprintf(f, "    cache_count[%u]=%u\n", lcore, len);
			cached += len;
		}
	if (mp->cache_size != 0) {
		thread_cache_totals t = thread_caches_count(mp);
		fprintf(f, "    thread_caches=%u\n", t.caches);
		fprintf(f, "    thread_cache_count=%" PRIu64 "\n", t.objects);
		cached += (unsigned)t.objects;
	}
	fprintf(f, "    total_cache_count=%u\n", cached);
	fprintf(f, "  common_pool_count=%u\n", rte_mempool_ops_get_count(mp));
	fprintf(f, "  store_refused=%" PRIu64 "\n", mp->store_refused);
}

#ifdef RTE_LIBRTE_MEMPOOL_STATS
/* The statistics of every lcore and of its cache, summed. */
rte_mempool_debug_stats
sum_stats(const rte_mempool *mp)
{
	rte_mempool_debug_stats sum = {};
	for (unsigned i = 0; i < RTE_MAX_LCORE + 1; i++) {
		const rte_mempool_debug_stats &s = mp->stats[i];
		sum.put_bulk += s.put_bulk;
		sum.put_objs += s.put_objs;
		sum.put_common_pool_bulk += s.put_common_pool_bulk;
		sum.put_common_pool_objs += s.put_common_pool_objs;
		sum.get_common_pool_bulk += s.get_common_pool_bulk;
		sum.get_common_pool_objs += s.get_common_pool_objs;
		sum.get_success_bulk += s.get_success_bulk;
		sum.get_success_objs += s.get_success_objs;
		sum.get_fail_bulk += s.get_fail_bulk;
		sum.get_fail_objs += s.get_fail_objs;
		sum.get_success_blks += s.get_success_blks;
		sum.get_fail_blks += s.get_fail_blks;
		if (i < RTE_MAX_LCORE && mp->cache_size != 0) {
			const rte_mempool_cache &c = mp->local_cache[i];
			sum.put_bulk += c.stats.put_bulk;
			sum.put_objs += c.stats.put_objs;
			sum.get_success_bulk += c.stats.get_success_bulk;
			sum.get_success_objs += c.stats.get_success_objs;
		}
	}
	return sum;
}
#endif

void
dump_stats(FILE *f, const rte_mempool *mp)
{
#ifdef RTE_LIBRTE_MEMPOOL_STATS
	const rte_mempool_debug_stats sum = sum_stats(mp);
	fprintf(f, "  stats:\n");
	fprintf(f, "    put_bulk=%" PRIu64 "\n", sum.put_bulk);
	fprintf(f, "    put_objs=%" PRIu64 "\n", sum.put_objs);
	fprintf(f, "    put_common_pool_bulk=%" PRIu64 "\n", sum.put_common_pool_bulk);
	fprintf(f, "    put_common_pool_objs=%" PRIu64 "\n", sum.put_common_pool_objs);
	fprintf(f, "    get_common_pool_bulk=%" PRIu64 "\n", sum.get_common_pool_bulk);
	fprintf(f, "    get_common_pool_objs=%" PRIu64 "\n", sum.get_common_pool_objs);
	fprintf(f, "    get_success_bulk=%" PRIu64 "\n", sum.get_success_bulk);
	fprintf(f, "    get_success_objs=%" PRIu64 "\n", sum.get_success_objs);
	fprintf(f, "    get_fail_bulk=%" PRIu64 "\n", sum.get_fail_bulk);
	fprintf(f, "    get_fail_objs=%" PRIu64 "\n", sum.get_fail_objs);
	fprintf(f, "    get_success_blks=%" PRIu64 "\n", sum.get_success_blks);
	fprintf(f, "    get_fail_blks=%" PRIu64 "\n", sum.get_fail_blks);
#else
	RTE_SET_USED(mp);
	fprintf(f, "  no statistics available\n");
#endif
}

} // namespace

extern "C" void
rte_mempool_dump(FILE *f, struct rte_mempool *mp)
{
	if (f == nullptr)
		f = stdout;
	if (mp == nullptr) {
		fprintf(f, "mempool: (null)\n");
		return;
	}
	dump_fields(f, mp);
	dump_chunks(f, mp);
	dump_caches(f, mp);
	dump_stats(f, mp);
}
