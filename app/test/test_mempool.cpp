/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_autotest: pools made with rte_mempool_create() and friends, used
 * from the main lcore: get/put with and without cache, counts (also on a
 * pool with no memory yet), iteration, IOVAs, every handler, the SP/SC
 * flags, lookup/walk/dump/audit, events, private data and constructors,
 * and that freeing a pool gives back every memzone and byte.
 */

#include <stdio.h>
#include <string.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

constexpr unsigned pool_n = 2047;
constexpr unsigned elt_size = 200;
constexpr unsigned cache_size = 32;

int
check_get_put(rte_mempool *mp)
{
	unsigned size = mp->size;
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), size, "new pool not full");
	TEST_ASSERT(rte_mempool_full(mp), "full() false on a full pool");
	TEST_ASSERT(!rte_mempool_empty(mp), "empty() true on a full pool");

	void *obj;
	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &obj), "get one");
	TEST_ASSERT_EQUAL(rte_mempool_from_obj(obj), mp, "object names another pool");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 1u, "in use after one get");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), size - 1, "avail after one get");
	memset(obj, 0xa5, mp->elt_size); /* the whole object is ours */
	rte_mempool_put(mp, obj);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), size, "avail after put");

	void *bulk[64];
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, bulk, 64), "get bulk");
	TEST_ASSERT(distinct_and_owned(mp, std::vector<void *>(bulk, bulk + 64)), "bulk objects");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 64u, "in use after bulk");
	rte_mempool_put_bulk(mp, bulk, 64);

	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)size, "could not take every object");
	TEST_ASSERT(distinct_and_owned(mp, all), "objects repeated or foreign");
	TEST_ASSERT(rte_mempool_empty(mp), "empty() false when all are taken");
	TEST_ASSERT_EQUAL(rte_mempool_get(mp, &obj), -ENOENT, "get from an empty pool");
	TEST_ASSERT_EQUAL(rte_mempool_get_bulk(mp, bulk, 2), -ENOENT,
			  "bulk get from an empty pool");
	put_all(mp, all);
	TEST_ASSERT(rte_mempool_full(mp), "not full after putting everything back");
	rte_mempool_audit(mp);
	return TEST_SUCCESS;
}

int
test_mempool_create_get_put_no_cache(void)
{
	rte_mempool *mp = rte_mempool_create("mp_nocache", pool_n, elt_size, 0, 0, nullptr, nullptr,
					     nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	int ret = check_get_put(mp);
	rte_mempool_free(mp);
	return ret;
}

int
test_mempool_create_get_put_with_cache(void)
{
	rte_mempool *mp = rte_mempool_create("mp_cache", pool_n, elt_size, cache_size, 0, nullptr,
					     nullptr, nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_NOT_NULL(rte_mempool_default_cache(mp, rte_lcore_id()), "no lcore cache");
	int ret = check_get_put(mp);
	if (ret == TEST_SUCCESS) {
		/* objects put back on this lcore sit in its cache until flushed */
		rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());
		rte_mempool_cache_flush(nullptr, mp);
		TEST_ASSERT_EQUAL(c->len, 0u, "flush left objects in the cache");
		TEST_ASSERT_EQUAL(rte_mempool_ops_get_count(mp), pool_n, "store after flush");
	}
	rte_mempool_free(mp);
	return ret;
}

/* Gets and puts larger than the cache, and a cache that fills and drains. */
int
test_mempool_cache_overflow_and_refill(void)
{
	rte_mempool *mp = rte_mempool_create("mp_cache_edges", 4095, 64, 256, 0, nullptr, nullptr,
					     nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());
	std::vector<void *> objs(1000);

	for (unsigned n : {1u, 7u, 255u, 256u, 257u, 600u, 1000u}) {
		TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs.data(), n), "get %u", n);
		TEST_ASSERT(
			distinct_and_owned(mp, std::vector<void *>(objs.begin(), objs.begin() + n)),
			"get %u: bad objects", n);
		TEST_ASSERT(c->len <= c->flushthresh, "cache over its threshold after get %u", n);
		TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), n, "in use after get %u", n);
		rte_mempool_put_bulk(mp, objs.data(), n);
		TEST_ASSERT(c->len <= c->flushthresh, "cache over its threshold after put %u", n);
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 4095u, "avail after put %u", n);
	}
	/* one at a time through a full cycle */
	std::vector<void *> all = drain(mp);
	TEST_ASSERT_EQUAL(all.size(), (size_t)4095, "drain one by one");
	TEST_ASSERT(distinct_and_owned(mp, all), "drained objects");
	put_all(mp, all);
	TEST_ASSERT(rte_mempool_full(mp), "full after one-by-one put");
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/*
 * Every object the pool counts as available can be taken in one bulk, even
 * a bulk larger than the cache while some objects sit in the cache (found
 * by fuzzing: a 6-mbuf pool with a 1-object cache refused a get of 6).
 */
int
test_mempool_get_all_past_the_cache(void)
{
	rte_mempool *mp = rte_mempool_create("mp_get_all", 6, 64, 1, 0, nullptr, nullptr, nullptr,
					     nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	void *objs[6];
	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &objs[0]), "get one");
	rte_mempool_put(mp, objs[0]);
	rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());
	TEST_ASSERT(c != nullptr && c->len == 1, "the object put back waits in the cache");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 6u, "avail");
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs, 6), "get all 6 (1 cached, 5 stored)");
	TEST_ASSERT(distinct_and_owned(mp, std::vector<void *>(objs, objs + 6)), "objects");
	TEST_ASSERT_EQUAL(rte_mempool_get_bulk(mp, objs, 1), -ENOENT, "empty pool");
	rte_mempool_put_bulk(mp, objs, 6);
	TEST_ASSERT(rte_mempool_full(mp), "full again");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* Object sizes for each alignment flag, and pools made with them work. */
int
test_mempool_obj_size_flags(void)
{
	rte_mempool_objsz sz;
	uint32_t total = rte_mempool_calc_obj_size(100, 0, &sz);
	TEST_ASSERT_EQUAL(total, sz.header_size + sz.elt_size + sz.trailer_size, "parts");
	TEST_ASSERT_EQUAL(total % RTE_CACHE_LINE_SIZE, 0u, "default size not in whole lines");
	TEST_ASSERT_EQUAL(sz.header_size % RTE_CACHE_LINE_SIZE, 0u, "header not a whole line");
	unsigned lines = total / RTE_CACHE_LINE_SIZE;
	TEST_ASSERT(lines % 2 == 1,
		    "default (spread) size is %u lines: shares a factor with the channels", lines);

	rte_mempool_calc_obj_size(100, RTE_MEMPOOL_F_NO_SPREAD, &sz);
	TEST_ASSERT_EQUAL(sz.total_size,
			  (uint32_t)RTE_ALIGN_CEIL(RTE_CACHE_LINE_SIZE + 104, RTE_CACHE_LINE_SIZE),
			  "NO_SPREAD size");
	rte_mempool_calc_obj_size(100, RTE_MEMPOOL_F_NO_CACHE_ALIGN, &sz);
	TEST_ASSERT_EQUAL(sz.header_size, (uint32_t)sizeof(rte_mempool_objhdr), "packed header");
	TEST_ASSERT_EQUAL(sz.total_size % 8, 0u, "packed size keeps 8-byte alignment");
	TEST_ASSERT(sz.total_size < RTE_CACHE_LINE_SIZE * 3, "packed size %u", sz.total_size);
	TEST_ASSERT_EQUAL(rte_mempool_calc_obj_size(100, 0, nullptr), total, "NULL sz");

	for (unsigned flags :
	     {0u, (unsigned)RTE_MEMPOOL_F_NO_SPREAD, (unsigned)RTE_MEMPOOL_F_NO_CACHE_ALIGN}) {
		rte_mempool *mp = rte_mempool_create("mp_align", 500, 100, 16, 0, nullptr, nullptr,
						     nullptr, nullptr, SOCKET_ID_ANY, flags);
		TEST_ASSERT_NOT_NULL(mp, "flags 0x%x: %s", flags, rte_strerror(rte_errno));
		if (flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)
			TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NO_SPREAD,
				    "NO_CACHE_ALIGN implies NO_SPREAD");
		size_t align = (flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) ? 8 : RTE_CACHE_LINE_SIZE;
		std::vector<void *> all = drain(mp);
		TEST_ASSERT_EQUAL(all.size(), (size_t)500, "flags 0x%x: drain", flags);
		for (void *o : all)
			TEST_ASSERT_EQUAL((uintptr_t)o % align, (uintptr_t)0,
					  "flags 0x%x: %p misaligned", flags, o);
		put_all(mp, all);
		rte_mempool_free(mp);
	}
	return TEST_SUCCESS;
}

/* A pool with no memory yet: counts are zero, get fails, nothing crashes. */
int
test_mempool_counts_before_populate(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_unpopulated", 100, 64, 16, 0, SOCKET_ID_ANY,
						   0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 0u, "avail of an empty pool");
	/* as DPDK: size - avail, objects not added yet count as in use */
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 100u, "in use of an empty pool");
	TEST_ASSERT(!rte_mempool_full(mp), "an empty pool is not full");
	TEST_ASSERT(rte_mempool_empty(mp), "an empty pool is empty");
	TEST_ASSERT_EQUAL(rte_mempool_obj_iter(mp, nullptr, nullptr), 0u, "objects");
	TEST_ASSERT_EQUAL(rte_mempool_mem_iter(mp, nullptr, nullptr), 0u, "chunks");
	/* through the lcore cache and straight from the store; before and
	 * after a handler is chosen (there is still no store) */
	for (int with_ops = 0; with_ops < 2; with_ops++) {
		if (with_ops)
			TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "ring_mp_mc", nullptr),
					    "set ops");
		void *objs[4];
		TEST_ASSERT_EQUAL(rte_mempool_get(mp, &objs[0]), -ENOENT, "get");
		TEST_ASSERT_EQUAL(rte_mempool_get_bulk(mp, objs, 4), -ENOENT, "get_bulk");
		TEST_ASSERT_EQUAL(rte_mempool_generic_get(mp, objs, 4, nullptr), -ENOENT,
				  "get without cache");
		rte_mempool_cache_flush(nullptr, mp);
	}
	FILE *devnull = fopen("/dev/null", "w");
	rte_mempool_dump(devnull, mp);
	fclose(devnull);
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

void
count_obj(rte_mempool *, void *arg, void *obj, unsigned idx)
{
	auto *seen = static_cast<std::vector<void *> *>(arg);
	if (idx == seen->size())
		seen->push_back(obj);
}

void
count_chunk(rte_mempool *mp, void *arg, rte_mempool_memhdr *m, unsigned)
{
	if (m->mp == mp)
		(*static_cast<size_t *>(arg)) += m->len;
}

/* obj_iter/mem_iter visit everything once; every object's IOVA is right. */
int
test_mempool_iter_and_iova(void)
{
	rte_mempool *mp = rte_mempool_create("mp_iova", 8191, 2000, 0, 0, nullptr, nullptr, nullptr,
					     nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));

	std::vector<void *> seen;
	TEST_ASSERT_EQUAL(rte_mempool_obj_iter(mp, count_obj, &seen), 8191u, "obj_iter count");
	TEST_ASSERT_EQUAL(seen.size(), (size_t)8191, "callback calls / indexes");
	TEST_ASSERT(distinct_and_owned(mp, seen), "iterated objects");
	size_t bytes = 0;
	TEST_ASSERT_EQUAL(rte_mempool_mem_iter(mp, count_chunk, &bytes), mp->nb_mem_chunks,
			  "mem_iter count");
	TEST_ASSERT(bytes >= (size_t)8191 * 2000, "chunks hold %zu bytes", bytes);

	size_t bad = 0;
	for (void *o : seen) {
		rte_iova_t expect = rte_mem_virt2iova(o);
		if (rte_mempool_virt2iova(o) != expect)
			bad++;
	}
	TEST_ASSERT_EQUAL(bad, (size_t)0,
			  "objects whose recorded IOVA differs from rte_mem_virt2iova");
	printf("  pool of 8191 x 2000 B: %u chunks, IOVAs checked\n", mp->nb_mem_chunks);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* The SP/SC flags pick the matching ring handler, and all four work. */
int
test_mempool_sp_sc_flags_pick_handler(void)
{
	const struct {
		unsigned flags;
		const char *ops;
	} cases[] = {
		{0, "ring_mp_mc"},
		{RTE_MEMPOOL_F_SP_PUT, "ring_sp_mc"},
		{RTE_MEMPOOL_F_SC_GET, "ring_mp_sc"},
		{RTE_MEMPOOL_F_SP_PUT | RTE_MEMPOOL_F_SC_GET, "ring_sp_sc"},
	};
	for (const auto &c : cases) {
		rte_mempool *mp = rte_mempool_create("mp_flags", 511, 64, 16, 0, nullptr, nullptr,
						     nullptr, nullptr, SOCKET_ID_ANY, c.flags);
		TEST_ASSERT_NOT_NULL(mp, "create flags 0x%x: %s", c.flags, rte_strerror(rte_errno));
		TEST_ASSERT_EQUAL(std::string(rte_mempool_get_ops(mp->ops_index)->name),
				  std::string(c.ops), "flags 0x%x", c.flags);
		int ret = check_get_put(mp);
		rte_mempool_free(mp);
		if (ret != TEST_SUCCESS)
			return ret;
	}
	return TEST_SUCCESS;
}

/* Every registered handler stores and returns every object. */
int
test_mempool_every_handler(void)
{
	for (const char *ops : {"ring_mp_mc", "ring_sp_sc", "ring_mp_sc", "ring_sp_mc",
				"ring_mt_rts", "ring_mt_hts", "stack", "lf_stack"}) {
		for (unsigned cache : {0u, 32u}) {
			rte_mempool *mp = rte_mempool_create_empty("mp_handler", 1000, 128, cache,
								   0, SOCKET_ID_ANY, 0);
			TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
			TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, ops, nullptr), "set %s",
					    ops);
			int n = rte_mempool_populate_default(mp);
			TEST_ASSERT_EQUAL(n, 1000, "%s: populate_default", ops);
			TEST_ASSERT_EQUAL(rte_mempool_set_ops_byname(mp, "stack", nullptr), -EEXIST,
					  "%s: handler changed after populate", ops);
			int ret = check_get_put(mp);
			rte_mempool_free(mp);
			if (ret != TEST_SUCCESS) {
				printf("  handler %s cache %u failed\n", ops, cache);
				return ret;
			}
		}
	}
	return TEST_SUCCESS;
}

/* Freeing pools brings memzones and malloc'd bytes back to where they were. */
int
test_mempool_free_gives_everything_back(void)
{
	eal_usage before = eal_usage::now();
	for (unsigned cache : {0u, 256u}) {
		rte_mempool *mp = rte_mempool_create("mp_free", 20000, 1500, cache, 64, nullptr,
						     nullptr, nullptr, nullptr, SOCKET_ID_ANY, 0);
		TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
		eal_usage during = eal_usage::now();
		TEST_ASSERT(during.memzones > before.memzones, "pool took no memzone");
		std::vector<void *> some(100);
		TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, some.data(), 100), "get");
		rte_mempool_put_bulk(mp, some.data(), 100);
		rte_mempool_free(mp);
	}
	rte_mempool_free(nullptr); /* accepted, does nothing */
	eal_usage after = eal_usage::now();
	TEST_ASSERT_EQUAL(after.memzones, before.memzones, "memzones left behind");
	TEST_ASSERT_EQUAL(after.malloc_bytes, before.malloc_bytes, "malloc bytes left behind");
	TEST_ASSERT_EQUAL(after.malloc_blocks, before.malloc_blocks, "malloc blocks left behind");
	return TEST_SUCCESS;
}

/* ---- lookup, walk, dump ---- */

void
free_in_walk(rte_mempool *mp, void *arg)
{
	if (strncmp(mp->name, "mp_walk_", 8) == 0) {
		(*static_cast<unsigned *>(arg))++;
		rte_mempool_free(mp);
	}
}

int
test_mempool_lookup_walk_dump(void)
{
	rte_mempool *a = rte_mempool_create("mp_walk_a", 63, 32, 0, 0, nullptr, nullptr, nullptr,
					    nullptr, SOCKET_ID_ANY, 0);
	rte_mempool *b = rte_mempool_create("mp_walk_b", 63, 32, 0, 0, nullptr, nullptr, nullptr,
					    nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT(a != nullptr && b != nullptr, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_lookup("mp_walk_a"), a, "lookup a");
	TEST_ASSERT_EQUAL(rte_mempool_lookup("mp_walk_b"), b, "lookup b");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_mempool_lookup("mp_walk_none"), "lookup of a missing name");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno of a failed lookup");

	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_mempool_dump(f, a);
	rte_mempool_list_dump(f);
	fclose(f);
	std::string out(buf, len);
	free(buf);
	TEST_ASSERT(out.find("mempool <mp_walk_a>") != std::string::npos, "dump: %s", out.c_str());
	TEST_ASSERT(out.find("mempool <mp_walk_b>") != std::string::npos, "list_dump misses b");
	TEST_ASSERT(out.find("chunk 0: addr=") != std::string::npos, "dump shows no chunk");
	TEST_ASSERT(out.find("iova=0x") != std::string::npos, "dump shows no IOVA");

	/* the callback frees the pools it is given */
	unsigned freed = 0;
	rte_mempool_walk(free_in_walk, &freed);
	TEST_ASSERT_EQUAL(freed, 2u, "walk visited %u of the 2 pools", freed);
	TEST_ASSERT_NULL(rte_mempool_lookup("mp_walk_a"), "a still listed");
	TEST_ASSERT_NULL(rte_mempool_lookup("mp_walk_b"), "b still listed");
	return TEST_SUCCESS;
}

/* ---- constructors, private data, events ---- */

struct ctor_log {
	unsigned pool_inits = 0;
	unsigned obj_inits = 0;
	bool indexes_in_order = true;
};

void
pool_ctor(rte_mempool *mp, void *arg)
{
	static_cast<ctor_log *>(arg)->pool_inits++;
	memset(rte_mempool_get_priv(mp), 0x5a, mp->private_data_size);
}

void
obj_ctor(rte_mempool *, void *arg, void *obj, unsigned idx)
{
	auto *log = static_cast<ctor_log *>(arg);
	if (idx != log->obj_inits)
		log->indexes_in_order = false;
	log->obj_inits++;
	*static_cast<uint32_t *>(obj) = idx;
}

int
test_mempool_constructors_and_private_data(void)
{
	ctor_log log;
	rte_mempool *mp = rte_mempool_create("mp_ctor", 300, 64, 8, 100, pool_ctor, &log, obj_ctor,
					     &log, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(log.pool_inits, 1u, "pool constructor calls");
	TEST_ASSERT_EQUAL(log.obj_inits, 300u, "object constructor calls");
	TEST_ASSERT(log.indexes_in_order, "object indexes not 0..n-1 in order");
	auto *priv = static_cast<uint8_t *>(rte_mempool_get_priv(mp));
	TEST_ASSERT_EQUAL(priv, (uint8_t *)mp + RTE_MEMPOOL_HEADER_SIZE(mp, mp->cache_size),
			  "private area location");
	for (unsigned i = 0; i < 100; i++)
		TEST_ASSERT_EQUAL(priv[i], 0x5a, "private byte %u", i);
	std::vector<void *> all = drain(mp);
	std::set<uint32_t> idx;
	for (void *o : all)
		idx.insert(*static_cast<uint32_t *>(o));
	TEST_ASSERT_EQUAL(idx.size(), (size_t)300, "constructed contents lost");
	put_all(mp, all);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

struct event_log {
	std::vector<std::pair<rte_mempool_event, std::string>> seen;
};

void
on_event(rte_mempool_event ev, rte_mempool *mp, void *arg)
{
	static_cast<event_log *>(arg)->seen.emplace_back(ev, mp->name);
}

int
test_mempool_events(void)
{
	event_log log;
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_register(on_event, &log), "register");
	TEST_ASSERT_EQUAL(rte_mempool_event_callback_register(on_event, &log), -EEXIST,
			  "second registration");
	rte_mempool *mp = rte_mempool_create_empty("mp_events", 200, 64, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT(log.seen.empty(), "event before any memory");
	/* READY once, when the last object arrives */
	std::vector<char> area(100 * 256);
	int n = rte_mempool_populate_iova(mp, area.data(), RTE_BAD_IOVA, area.size(), nullptr,
					  nullptr);
	TEST_ASSERT(n > 0 && n < 200, "first chunk gave %d objects", n);
	TEST_ASSERT(log.seen.empty(), "READY before the pool is full");
	std::vector<char> rest(200 * 256 + 8192);
	TEST_ASSERT(rte_mempool_populate_iova(mp, rest.data(), RTE_BAD_IOVA, rest.size(), nullptr,
					      nullptr) > 0,
		    "populate the rest");
	TEST_ASSERT_EQUAL(log.seen.size(), (size_t)1, "events after populate");
	TEST_ASSERT_EQUAL(log.seen[0].first, RTE_MEMPOOL_EVENT_READY, "first event");
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(log.seen.size(), (size_t)2, "events after free");
	TEST_ASSERT_EQUAL(log.seen[1].first, RTE_MEMPOOL_EVENT_DESTROY, "second event");
	TEST_ASSERT_EQUAL(log.seen[1].second, std::string("mp_events"), "pool of the event");
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_unregister(on_event, &log), "unregister");
	TEST_ASSERT_EQUAL(rte_mempool_event_callback_unregister(on_event, &log), -ENOENT,
			  "second unregistration");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno");
	TEST_ASSERT_EQUAL(rte_mempool_event_callback_register(nullptr, nullptr), -EINVAL,
			  "NULL callback");
	return TEST_SUCCESS;
}

/* ---- user caches (as a non-EAL thread would use them) ---- */

int
test_mempool_user_cache(void)
{
	rte_mempool *mp = rte_mempool_create("mp_ucache", 1023, 64, 0, 0, nullptr, nullptr, nullptr,
					     nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_NULL(rte_mempool_default_cache(mp, rte_lcore_id()),
			 "cache-less pool has a cache");
	TEST_ASSERT_NULL(rte_mempool_default_cache(mp, LCORE_ID_ANY), "cache for LCORE_ID_ANY");
	rte_mempool_cache *c = rte_mempool_cache_create(64, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(c, "cache_create: %s", rte_strerror(rte_errno));
	std::vector<void *> objs(200);
	for (int round = 0; round < 10; round++) {
		TEST_ASSERT_SUCCESS(rte_mempool_generic_get(mp, objs.data(), 200, c), "get");
		TEST_ASSERT(distinct_and_owned(mp, objs), "objects");
		rte_mempool_generic_put(mp, objs.data(), 200, c);
		TEST_ASSERT(c->len <= c->flushthresh, "user cache over threshold");
	}
	TEST_ASSERT_SUCCESS(rte_mempool_generic_get(mp, objs.data(), 10, c), "small get");
	rte_mempool_generic_put(mp, objs.data(), 10, c);
	TEST_ASSERT(c->len > 0, "small put bypassed the cache");
	/* user caches are not counted: flush before counting */
	rte_mempool_cache_flush(c, mp);
	TEST_ASSERT_EQUAL(c->len, 0u, "flush");
	TEST_ASSERT(rte_mempool_full(mp), "objects lost through the user cache");
	rte_mempool_cache_free(c);
	rte_mempool_cache_free(nullptr);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

const struct unit_test_case mempool_cases[] = {
	TEST_CASE(test_mempool_create_get_put_no_cache),
	TEST_CASE(test_mempool_create_get_put_with_cache),
	TEST_CASE(test_mempool_cache_overflow_and_refill),
	TEST_CASE(test_mempool_get_all_past_the_cache),
	TEST_CASE(test_mempool_obj_size_flags),
	TEST_CASE(test_mempool_counts_before_populate),
	TEST_CASE(test_mempool_iter_and_iova),
	TEST_CASE(test_mempool_sp_sc_flags_pick_handler),
	TEST_CASE(test_mempool_every_handler),
	TEST_CASE(test_mempool_free_gives_everything_back),
	TEST_CASE(test_mempool_lookup_walk_dump),
	TEST_CASE(test_mempool_constructors_and_private_data),
	TEST_CASE(test_mempool_events),
	TEST_CASE(test_mempool_user_cache),
	TEST_CASES_END()};

const struct unit_test_suite mempool_suite = {"mempool", nullptr, nullptr, mempool_cases};

int
test_mempool(void)
{
	return unit_test_suite_runner(&mempool_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_autotest, NOHUGE_OK, ASAN_OK, test_mempool);
