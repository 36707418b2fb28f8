/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mempool steps. Which object a get returns and how many objects sit in a
 * cache are each library's policy, so neither is compared. What is
 * compared: return values, rte_errno, counts, and whether a get succeeds.
 *
 * A get succeeds iff the cache it goes through plus the common pool hold
 * enough objects; objects parked in another cache do not count. How many
 * objects a cache keeps after a put is policy, so before a get every other
 * cache of that pool that may hold objects is flushed (a "dirty" cache:
 * one used since its last flush). Then a get of n succeeds exactly when n
 * objects are free, in both libraries. Likewise avail_count (which counts
 * the lcore caches but not user caches) is printed only when no user cache
 * of the pool is dirty.
 *
 * The harness checks on its own, in each library: every object a get
 * returns belongs to the pool (the set rte_mempool_obj_iter gives) and is
 * not already held; an object held by the application keeps the bytes the
 * harness wrote into it until it is put back.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mempool.h>

#include "oracle.h"
#include "oracle_mempool.h"

struct pool pools[POOLS];
struct ucache ucaches[UCACHES];
void *objs[MAX_OBJS + 64];

enum op {
	OP_CREATE,
	OP_POPULATE,
	OP_SET_OPS,
	OP_GET,
	OP_PUT,
	OP_CACHE_CREATE,
	OP_CACHE_FLUSH,
	OP_CACHE_FREE,
	OP_COUNTS,
	OP_ITER,
	OP_LOOKUP,
	OP_FREE,
	OP_CALC,
	N_OPS
};
static const char *const names[N_OPS] = {
	"create",     "populate", "set_ops", "get",    "put",  "cache_create", "cache_flush",
	"cache_free", "counts",   "iter",    "lookup", "free", "calc",
};
static const unsigned int weights[N_OPS] = {4, 2, 1, 24, 24, 2, 3, 1, 4, 1, 1, 2, 1};

/* ---- the object table ---- */

static size_t
hash_ptr(const void *p, unsigned int size)
{
	uintptr_t v = (uintptr_t)p;
	v ^= v >> 17;
	v *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(v >> 20) & (size - 1);
}

static int
obj_index(const struct pool *p, const void *obj)
{
	if (p->tab == NULL)
		return -1;
	for (size_t i = hash_ptr(obj, p->tab_size);; i = (i + 1) & (p->tab_size - 1)) {
		if (p->tab[i] == NULL)
			return -1;
		if (p->tab[i] == obj)
			return (int)p->tab_idx[i];
	}
}

static void
collect_obj(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct pool *p = arg;
	(void)mp;
	(void)idx;
	if (p->nobjs >= p->tab_size / 2)
		return;
	size_t i = hash_ptr(obj, p->tab_size);
	while (p->tab[i] != NULL && p->tab[i] != obj)
		i = (i + 1) & (p->tab_size - 1);
	if (p->tab[i] == obj) {
		oracle_bad("obj_iter gave one object twice");
		return;
	}
	p->tab[i] = obj;
	p->tab_idx[i] = p->nobjs++;
}

/* Rebuild the object set after a populate. Objects held stay held (a
 * populate only adds objects). */
void
mp_rebuild(struct pool *p)
{
	unsigned int cap = 16;
	while (cap < 2 * (p->size + 1))
		cap *= 2;
	if (p->tab == NULL) {
		p->tab = calloc(cap, sizeof(void *));
		p->tab_idx = calloc(cap, sizeof(unsigned int));
		p->held = calloc(p->size + 1, 1);
		p->held_list = calloc(p->size + 1, sizeof(void *));
		p->tab_size = cap;
	}
	memset(p->tab, 0, cap * sizeof(void *));
	p->nobjs = 0;
	uint32_t n = rte_mempool_obj_iter(p->mp, collect_obj, p);
	if (n != p->nobjs)
		oracle_bad("obj_iter returned %u, called back %u times", n, p->nobjs);
	if (n != p->mp->populated_size)
		oracle_bad("obj_iter %u objects, populated_size %u", n, p->mp->populated_size);
	/* indexes may have moved: recompute the held bitmap from the list */
	memset(p->held, 0, p->size + 1);
	for (unsigned int i = 0; i < p->nheld; i++) {
		int k = obj_index(p, p->held_list[i]);
		if (k < 0)
			oracle_bad("held object no longer in the pool");
		else
			p->held[k] = 1;
	}
}

static uint64_t
stamp_of(const struct pool *p, const void *obj)
{
	return (uint64_t)(uintptr_t)obj * 0x9e3779b97f4a7c15ULL ^ p->size;
}

static void
stamp(const struct pool *p, void *obj)
{
	uint64_t s = stamp_of(p, obj);
	memcpy(obj, &s, p->elt_size < 8 ? p->elt_size : 8);
}

static bool
stamp_ok(const struct pool *p, const void *obj)
{
	uint64_t s = stamp_of(p, obj);
	return memcmp(obj, &s, p->elt_size < 8 ? p->elt_size : 8) == 0;
}

/* ---- caches ---- */

static struct rte_mempool_cache *
dcache(struct pool *p)
{
	return rte_mempool_default_cache(p->mp, rte_lcore_id());
}

void
mp_ucache_flush(struct ucache *u)
{
	if (u->bound >= 0 && u->dirty && pools[u->bound].mp != NULL)
		rte_mempool_cache_flush(u->c, pools[u->bound].mp);
	u->dirty = false;
}

/* Make "free objects" and "objects the chosen cache + common pool hold"
 * the same number: flush every other dirty cache of the pool. */
static void
flush_others(struct pool *p, struct rte_mempool_cache *keep)
{
	struct rte_mempool_cache *d = dcache(p);
	if (d != NULL && d != keep && p->dcache_dirty) {
		rte_mempool_cache_flush(d, p->mp);
		p->dcache_dirty = false;
	}
	for (unsigned int i = 0; i < UCACHES; i++) {
		struct ucache *u = &ucaches[i];
		if (u->c != NULL && u->c != keep && u->bound == (int)(p - pools))
			mp_ucache_flush(u);
	}
}

static bool
ucaches_clean(const struct pool *p)
{
	for (unsigned int i = 0; i < UCACHES; i++)
		if (ucaches[i].c != NULL && ucaches[i].bound == (int)(p - pools) &&
		    ucaches[i].dirty)
			return false;
	return true;
}

void
mp_print_counts(struct pool *p)
{
	unsigned int free_objs = p->mp->populated_size - p->nheld;
	if (!ucaches_clean(p)) {
		unsigned int inu = 0;
		for (unsigned int i = 0; i < UCACHES; i++)
			if (ucaches[i].c != NULL && ucaches[i].bound == (int)(p - pools))
				inu += ucaches[i].c->len;
		if (rte_mempool_avail_count(p->mp) + inu != free_objs)
			oracle_bad("avail %u + user caches %u != %u free",
				   rte_mempool_avail_count(p->mp), inu, free_objs);
		oracle_out(" held=%u avail=(user caches)", p->nheld);
		return;
	}
	unsigned int avail = rte_mempool_avail_count(p->mp);
	oracle_out(" held=%u avail=%u full=%d empty=%d in_use=%u flags=%#x", p->nheld, avail,
		   rte_mempool_full(p->mp), rte_mempool_empty(p->mp),
		   rte_mempool_in_use_count(p->mp), p->mp->flags & ~RTE_MEMPOOL_F_POOL_CREATED);
	if (avail != free_objs)
		oracle_bad("avail %u, %u objects free", avail, free_objs);
}

/* ---- get / put ---- */

/* which cache a get or put goes through: 0 none, 1 default, 2.. user */
static struct rte_mempool_cache *
pick_cache(struct pool *p, uint32_t raw, const char **what)
{
	unsigned int k = raw % (2 + UCACHES);
	if (k == 0) {
		*what = "nocache";
		return NULL;
	}
	if (k == 1 || ucaches[k - 2].c == NULL) {
		*what = "default";
		return dcache(p);
	}
	struct ucache *u = &ucaches[k - 2];
	if (u->bound >= 0 && u->bound != (int)(p - pools))
		mp_ucache_flush(u); /* its objects go home first */
	u->bound = (int)(p - pools);
	*what = k == 2 ? "user0" : k == 3 ? "user1" : "user2";
	return u->c;
}

static void
mark_dirty(struct pool *p, struct rte_mempool_cache *c)
{
	if (c == NULL)
		return;
	if (c == dcache(p)) {
		p->dcache_dirty = true;
		return;
	}
	for (unsigned int i = 0; i < UCACHES; i++)
		if (ucaches[i].c == c)
			ucaches[i].dirty = true;
}

static void
do_get(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	if (p->mp == NULL || p->mp->populated_size == 0) {
		oracle_skip("no populated pool");
		return;
	}
	const char *what;
	unsigned int api = op->a[1] % 4; /* get, get_bulk, generic_get, single */
	struct rte_mempool_cache *c = api == 2 ? pick_cache(p, op->a[1] / 4, &what) : dcache(p);
	if (api != 2)
		what = api == 3 ? "single" : api == 0 ? "get" : "get_bulk";
	uint32_t free_objs = p->mp->populated_size - p->nheld;
	uint32_t n = api == 3 ? 1 : oracle_count(op->a[2], free_objs);
	if (n > MAX_OBJS)
		n = MAX_OBJS + 1 + n % 32; /* more than any pool: fails */
	/* DPDK 22.11 fails a get of 0 objects that reaches the ring handler
	 * (-ENOBUFS) and succeeds when it stops at a cache; dpkit succeeds.
	 * (mempool-get-0) */
	if (n == 0 && !oracle_allow_known)
		n = 1;
	flush_others(p, c);
	int ret;
	switch (api) {
	case 0: ret = rte_mempool_generic_get(p->mp, objs, n, c); break;
	case 1: ret = rte_mempool_get_bulk(p->mp, objs, n); break;
	case 2: ret = rte_mempool_generic_get(p->mp, objs, n, c); break;
	default: ret = rte_mempool_get(p->mp, objs); break;
	}
	/* DPDK documents -ENOENT; its ring handler returns -ENOBUFS, its stack
	 * handler -ENOENT. (mempool-get-errno) */
	if (ret == -ENOBUFS && !oracle_allow_known)
		ret = -ENOENT;
	oracle_out("%s n=%u ret=%s", what, n, oracle_errname(ret));
	if (ret == 0) {
		mark_dirty(p, c);
		if (n > free_objs) {
			oracle_bad("got %u objects with %u free", n, free_objs);
			n = free_objs;
		}
		for (unsigned int i = 0; i < n; i++) {
			int k = obj_index(p, objs[i]);
			if (k < 0) {
				oracle_bad("object %u is not in the pool", i);
				continue;
			}
			if (p->held[k]) {
				oracle_bad("object %u is already held", i);
				continue;
			}
			p->held[k] = 1;
			p->held_list[p->nheld++] = objs[i];
			stamp(p, objs[i]);
		}
	} else if (n <= free_objs) {
		oracle_bad("get of %u failed with %u free", n, free_objs);
	}
	mp_print_counts(p);
}

static void
do_put(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	if (p->mp == NULL || p->nheld == 0) {
		oracle_skip("nothing held");
		return;
	}
	const char *what;
	unsigned int api = op->a[1] % 4; /* put, put_bulk, generic_put, single */
	struct rte_mempool_cache *c = api == 2 ? pick_cache(p, op->a[1] / 4, &what) : dcache(p);
	if (api != 2)
		what = api == 3 ? "single" : api == 0 ? "put" : "put_bulk";
	uint32_t n = api == 3 ? 1 : oracle_count(op->a[2], p->nheld);
	if (n > p->nheld)
		n = p->nheld;
	/* take n held objects: the newest, or from a random position */
	unsigned int at = op->a[3] % 2 ? p->nheld - n : op->a[3] % (p->nheld - n + 1);
	for (unsigned int i = 0; i < n; i++) {
		void *o = p->held_list[at + i];
		if (!stamp_ok(p, o))
			oracle_bad("held object %u changed while held", i);
		p->held[obj_index(p, o)] = 0;
		objs[i] = o;
	}
	memmove(&p->held_list[at], &p->held_list[at + n], (p->nheld - at - n) * sizeof(void *));
	p->nheld -= n;
	switch (api) {
	case 0: rte_mempool_generic_put(p->mp, objs, n, c); break;
	case 1: rte_mempool_put_bulk(p->mp, objs, n); break;
	case 2: rte_mempool_generic_put(p->mp, objs, n, c); break;
	default: rte_mempool_put(p->mp, objs[0]); break;
	}
	mark_dirty(p, c);
	oracle_out("%s n=%u", what, n);
	mp_print_counts(p);
}

/* ---- caches, counts, iterators ---- */

static void
do_cache_create(const struct oracle_op *op)
{
	struct ucache *u = &ucaches[op->a[0] % UCACHES];
	if (u->c != NULL) {
		oracle_skip("cache slot in use");
		return;
	}
	uint32_t size = oracle_count(op->a[1], 512);
	u->c = rte_mempool_cache_create(size, SOCKET_ID_ANY);
	if (u->c == NULL) {
		oracle_out("size=%u NULL %s", size, oracle_errname(rte_errno));
		return;
	}
	u->size = size;
	u->bound = -1;
	u->dirty = false;
	oracle_out("size=%u ok len=%u", size, u->c->len);
}

static void
do_cache_flush(const struct oracle_op *op)
{
	if (op->a[1] % 2) {
		struct pool *p = &pools[op->a[0] % POOLS];
		if (p->mp == NULL) {
			oracle_skip("empty slot");
			return;
		}
		struct rte_mempool_cache *d = dcache(p);
		if (d != NULL)
			rte_mempool_cache_flush(d, p->mp);
		p->dcache_dirty = false;
		oracle_out("default%s", d == NULL ? "(none)" : "");
		if (p->mp->populated_size > 0)
			mp_print_counts(p);
		return;
	}
	struct ucache *u = &ucaches[op->a[0] % UCACHES];
	if (u->c == NULL) {
		oracle_skip("no cache");
		return;
	}
	mp_ucache_flush(u);
	oracle_out("user len=%u", u->c->len);
	if (u->bound >= 0 && pools[u->bound].mp != NULL && pools[u->bound].mp->populated_size > 0)
		mp_print_counts(&pools[u->bound]);
}

static void
do_cache_free(const struct oracle_op *op)
{
	struct ucache *u = &ucaches[op->a[0] % UCACHES];
	if (u->c == NULL) {
		rte_mempool_cache_free(NULL);
		oracle_out("free(NULL)");
		return;
	}
	mp_ucache_flush(u);
	rte_mempool_cache_free(u->c);
	memset(u, 0, sizeof(*u));
	oracle_out("ok");
}

static void
do_counts(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	if (p->mp == NULL) {
		oracle_skip("empty slot");
		return;
	}
	oracle_out("size=%u populated=%u elt=%u", p->mp->size, p->mp->populated_size,
		   p->mp->elt_size);
	if (p->mp->populated_size > 0)
		mp_print_counts(p);
}

static void
count_chunk(struct rte_mempool *mp, void *arg, struct rte_mempool_memhdr *h, unsigned int idx)
{
	(void)mp;
	(void)h;
	(void)idx;
	(*(unsigned int *)arg)++;
}

static void
count_io_chunk(struct rte_mempool *mp, void *arg, struct rte_mempool_memhdr *h, unsigned int idx)
{
	(void)mp;
	(void)idx;
	if (h->iova != RTE_BAD_IOVA)
		(*(unsigned int *)arg)++;
}

static void
do_iter(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	if (p->mp == NULL) {
		oracle_skip("empty slot");
		return;
	}
	unsigned int inits = p->obj_inits;
	uint32_t n = rte_mempool_obj_iter(p->mp, mp_obj_init_cb, p);
	unsigned int chunks = 0, io_chunks = 0;
	uint32_t m = rte_mempool_mem_iter(p->mp, count_chunk, &chunks);
	rte_mempool_mem_iter(p->mp, count_io_chunk, &io_chunks);
	oracle_out("objs=%u calls=%u", n, p->obj_inits - inits);
	/* chunk counts are placement, except one chunk per populate_iova;
	 * whether chunks have an IOVA (all, none, some) is not */
	if (p->iova_only)
		oracle_out(" chunks=%u io=%u", m, io_chunks);
	else
		oracle_out(" io=%s", io_chunks == 0 ? "none" : io_chunks == m ? "all" : "some");
	if (m != chunks || m != p->mp->nb_mem_chunks)
		oracle_bad("mem_iter %u, called %u, nb_mem_chunks %u", m, chunks,
			   p->mp->nb_mem_chunks);
}

static void
do_lookup(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	const char *name = p->mp != NULL ? p->name : "or_no_such_pool";
	struct rte_mempool *mp = rte_mempool_lookup(name);
	if (mp == NULL)
		oracle_out("NULL %s", oracle_errname(rte_errno));
	else
		oracle_out(mp == p->mp ? "same" : "other");
}

static void
do_free(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	if (p->mp == NULL) {
		rte_mempool_free(NULL);
		oracle_out("free(NULL)");
		return;
	}
	oracle_out("ok");
	mp_pool_free(p);
}

static void
do_calc(const struct oracle_op *op)
{
	/* the size is each library's header layout; both must be >= elt */
	static const unsigned int elts[] = {0, 1, 8, 64, 2048, 65536};
	unsigned int elt = elts[op->a[0] % 6];
	struct rte_mempool_objsz sz;
	uint32_t total = rte_mempool_calc_obj_size(elt, mp_pick_flags(op->a[1]), &sz);
	oracle_out("elt=%u", elt);
	if (total < elt || sz.elt_size < elt ||
	    total != sz.header_size + sz.elt_size + sz.trailer_size)
		oracle_bad("calc_obj_size %u: header %u elt %u trailer %u", total, sz.header_size,
			   sz.elt_size, sz.trailer_size);
}

/* ---- sequence ---- */

static void
mp_begin(void)
{
	for (unsigned int i = 0; i < UCACHES; i++)
		ucaches[i].bound = -1;
}

static void
mp_exec(const struct oracle_op *op)
{
	switch ((enum op)op->code) {
	case OP_CREATE: mp_do_create(op); break;
	case OP_POPULATE: mp_do_populate(op); break;
	case OP_SET_OPS: mp_do_set_ops(op); break;
	case OP_GET: do_get(op); break;
	case OP_PUT: do_put(op); break;
	case OP_CACHE_CREATE: do_cache_create(op); break;
	case OP_CACHE_FLUSH: do_cache_flush(op); break;
	case OP_CACHE_FREE: do_cache_free(op); break;
	case OP_COUNTS: do_counts(op); break;
	case OP_ITER: do_iter(op); break;
	case OP_LOOKUP: do_lookup(op); break;
	case OP_FREE: do_free(op); break;
	case OP_CALC: do_calc(op); break;
	default: oracle_skip("unknown op");
	}
}

static void
mp_end(void)
{
	for (unsigned int i = 0; i < POOLS; i++)
		if (pools[i].mp != NULL) {
			struct pool *p = &pools[i];
			/* every object back, then the count must say full */
			struct rte_mempool_cache *d = dcache(p);
			for (unsigned int k = 0; k < p->nheld; k++)
				rte_mempool_put(p->mp, p->held_list[k]);
			p->nheld = 0;
			for (unsigned int k = 0; k < UCACHES; k++)
				if (ucaches[k].c != NULL && ucaches[k].bound == (int)i)
					mp_ucache_flush(&ucaches[k]);
			if (d != NULL)
				rte_mempool_cache_flush(d, p->mp);
			oracle_out("p%u", i);
			if (p->mp->populated_size > 0)
				mp_print_counts(p);
			mp_pool_free(p);
		}
	for (unsigned int i = 0; i < UCACHES; i++)
		if (ucaches[i].c != NULL) {
			rte_mempool_cache_free(ucaches[i].c);
			memset(&ucaches[i], 0, sizeof(ucaches[i]));
		}
}

const struct oracle_lib oracle_mempool = {
	.name = "mempool",
	.op_names = names,
	.weights = weights,
	.n_ops = N_OPS,
	.begin = mp_begin,
	.exec = mp_exec,
	.end = mp_end,
};
