/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mempool steps that make, fill and free pools: create (with or without
 * rte_mempool_create's populate), the populate variants on memory the
 * harness reserved, set_ops, free. oracle_mempool.c says what is compared.
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

static const char *const ops_names[] = {"ring_mp_mc", "ring_sp_sc",  "ring_mp_sc",
					"ring_sp_mc", "ring_mt_rts", "ring_mt_hts",
					"stack",      "lf_stack",    "or_no_such_ops"};

/* ---- create, populate, free ---- */

void
mp_obj_init_cb(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct pool *p = arg;
	(void)mp;
	(void)obj;
	(void)idx;
	p->obj_inits++;
}

static void
mem_free_cb(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	struct mem *m = opaque;
	(void)memhdr;
	m->freed++;
}

static void
pool_forget(struct pool *p)
{
	for (unsigned int i = 0; i < p->nmem; i++)
		rte_free(p->mem[i].addr);
	free(p->tab);
	free(p->tab_idx);
	free(p->held);
	free(p->held_list);
	memset(p, 0, sizeof(*p));
}

void
mp_pool_free(struct pool *p)
{
	unsigned int idx = (unsigned int)(p - pools);
	for (unsigned int i = 0; i < UCACHES; i++)
		if (ucaches[i].c != NULL && ucaches[i].bound == (int)idx) {
			mp_ucache_flush(&ucaches[i]);
			ucaches[i].bound = -1;
		}
	rte_mempool_free(p->mp);
	unsigned int calls = 0;
	for (unsigned int i = 0; i < p->nmem; i++)
		calls += p->mem[i].freed;
	oracle_out(" held=%u mem_free_cb=%u", p->nheld, calls);
	pool_forget(p);
}

unsigned int
mp_pick_flags(uint32_t raw)
{
	unsigned int f = 0;
	if (raw & 1)
		f |= RTE_MEMPOOL_F_SP_PUT;
	if (raw & 2)
		f |= RTE_MEMPOOL_F_SC_GET;
	if (raw & 4)
		f |= RTE_MEMPOOL_F_NO_CACHE_ALIGN;
	if ((raw & 0x18) == 0x18)
		f |= RTE_MEMPOOL_F_NO_IOVA_CONTIG;
	if ((raw & 0x60) == 0x60)
		f |= RTE_MEMPOOL_F_NO_SPREAD;
	if ((raw >> 7) % 64 == 63)
		f |= 0x4000; /* not a user flag */
	return f;
}

static void
pick_name(char *name, size_t len, uint32_t raw, unsigned int slot)
{
	switch (raw % 16) {
	case 0: {
		/* lengths around the limits: DPDK takes 28 characters in
		 * create_empty, 26 once it names memzones after the pool */
		size_t l = 25 + raw / 16 % 6;
		/* DPDK 22.11 reserves the pool's memzone before it finds a
		 * name of 26-28 characters too long, and keeps it: the name
		 * stays taken (EEXIST) for good. (mempool-name-leak) */
		if (l >= 26 && l <= 28 && !oracle_allow_known)
			l = l == 26 ? 25 : 29;
		memset(name, 'm', l);
		name[l] = '\0';
		break;
	}
	case 1:
		memset(name, 'm', 29);
		name[29] = '\0';
		break;
	case 2:
		memset(name, 'm', 30);
		name[30] = '\0';
		break;
	case 3:
		if (pools[raw / 16 % POOLS].mp != NULL) {
			snprintf(name, len, "%s", pools[raw / 16 % POOLS].name);
			break;
		}
	/* fall through */
	default: oracle_name(name, len, "mp", slot);
	}
}

static int populate(struct pool *p, unsigned int kind, uint32_t raw);

void
mp_do_create(const struct oracle_op *op)
{
	unsigned int slot = op->a[0] % POOLS;
	struct pool *p = &pools[slot];
	char name[64];
	if (p->mp != NULL) {
		oracle_skip("slot in use");
		return;
	}
	uint32_t n = oracle_count(op->a[1], 64u << (op->a[1] % 6));
	if (n > MAX_OBJS)
		n = MAX_OBJS;
	static const unsigned int elts[] = {8, 1, 7, 64, 100, 2048, 4096, 5000};
	unsigned int elt = elts[op->a[2] % 8];
	uint32_t cache = op->a[3] % 4 == 0 ? 0 : oracle_count(op->a[3] >> 2, 512);
	if (op->a[3] % 16 == 1)
		cache = 0;
	unsigned int flags = mp_pick_flags(op->a[4] >> 4);
	unsigned int variant = op->a[4] % 8; /* create / empty + populate kind */
	pick_name(name, sizeof(name), op->a[4] >> 16, slot);
	if (elt >= 4096 && n > 512)
		n = 512;
	/* one fault per call: which of two a library reports first is not
	 * documented (n is final here: the cache check depends on it) */
	if ((op->a[4] >> 16) % 16 <= 3) {
		flags &= RTE_MEMPOOL_VALID_USER_FLAGS;
		if (cache > 512 || cache * 3 / 2 > n)
			cache = 0;
		if (n == 0)
			n = 1;
	}
	/* DPDK 22.11's stack handler names a memzone "STK_MP_<name>", so it
	 * fails populate with ENAMETOOLONG for names over 24 characters;
	 * dpkit's handlers take any valid pool name. (mempool-stack-name) */
	if ((variant == 5 || variant == 6) && strlen(name) > 24 && !oracle_allow_known)
		oracle_name(name, sizeof(name), "mp", slot);

	struct rte_mempool *mp;
	p->size = n;
	p->elt_size = elt;
	if (variant == 0) {
		mp = rte_mempool_create(name, n, elt, cache, 0, NULL, NULL, mp_obj_init_cb, p,
					SOCKET_ID_ANY, flags);
	} else {
		mp = rte_mempool_create_empty(name, n, elt, cache, 0, SOCKET_ID_ANY, flags);
	}
	if (mp == NULL) {
		oracle_out("NULL %s", oracle_errname(rte_errno));
		memset(p, 0, sizeof(*p));
		return;
	}
	p->mp = mp;
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->cache_size = cache;
	p->flags = flags;
	p->iova_only = true;
	/* every flag but the store's, which is when each library creates it */
	oracle_out("ok size=%u cache=%u flags=%#x", mp->size, mp->cache_size,
		   mp->flags & ~RTE_MEMPOOL_F_POOL_CREATED);
	if (variant == 0) {
		p->iova_only = false;
		oracle_out(" inits=%u", p->obj_inits);
		mp_rebuild(p);
	} else if (variant <= 4) {
		int ret = populate(p, variant - 1, op->a[1]);
		oracle_out(" populate=%s", ret < 0 ? oracle_errname(ret) : "");
		if (ret >= 0)
			oracle_out("%d", ret);
	} else if (variant <= 6) {
		/* a pool with another handler */
		const char *ops = ops_names[op->a[2] / 8 % 8];
		int ret = rte_mempool_set_ops_byname(mp, ops, NULL);
		oracle_out(" set_ops(%s)=%s", ops, oracle_errname(ret));
		ret = populate(p, 0, op->a[1]);
		oracle_out(" populate=%s", ret < 0 ? oracle_errname(ret) : "");
		if (ret >= 0)
			oracle_out("%d", ret);
	} /* variant 7: left empty */
	oracle_out(" populated=%u", mp->populated_size);
	if (mp->populated_size > 0)
		mp_print_counts(p);
}

/*
 * kind: 0 populate_default, 1 populate_anon, 2 populate_iova (one chunk
 * or a few), 3 populate_virt. The iova and virt lengths are generous (twice
 * what the remaining objects take, plus two pages): how many objects fit
 * in a tight length depends on each library's page-boundary rules. Any
 * kind on any pool: default and anon on a pool with memory, iova and virt
 * on a full one, are compared too.
 */
static int
populate(struct pool *p, unsigned int kind, uint32_t raw)
{
	struct rte_mempool *mp = p->mp;
	unsigned int remaining = mp->size - mp->populated_size;
	int ret;

	switch (kind) {
	case 0:
		ret = rte_mempool_populate_default(mp);
		if (ret > 0)
			p->iova_only = false;
		break;
	case 1:
		rte_errno = 0;
		ret = rte_mempool_populate_anon(mp);
		if (ret == 0)
			ret = -rte_errno;
		else
			p->iova_only = false;
		break;
	default: {
		if (p->nmem == MAX_MEM)
			return -ENOSPC;
		size_t objsz = rte_mempool_calc_obj_size(p->elt_size, mp->flags, NULL);
		unsigned int want = remaining;
		if (kind == 2 && raw % 3 == 0 && remaining > 1)
			want = remaining / 2; /* the rest in a later call */
		size_t len = RTE_ALIGN_CEIL((size_t)want * 2 * objsz + 8192, 4096);
		/* a part of the pool: how many objects fit is exact only when
		 * they tile a page or may cross pages (DPDK keeps objects
		 * inside 4 kB pages unless NO_IOVA_CONTIG) */
		bool exact = (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) ||
			     (4096 % objsz == 0 && !oracle_layouts_differ);
		if (want < remaining && exact)
			len = (size_t)want * objsz;
		else
			len = RTE_ALIGN_CEIL((size_t)remaining * 2 * objsz + 8192, 4096);
		if (kind == 2 && raw % 7 == 1)
			len = objsz > 1 ? objsz - 1 : 1; /* not one object fits */
		struct mem *m = &p->mem[p->nmem];
		m->addr = rte_malloc(NULL, RTE_ALIGN_CEIL(len, 4096), 4096);
		if (m->addr == NULL)
			return -ENOMEM;
		m->freed = 0;
		p->nmem++;
		if (kind == 2) {
			rte_iova_t iova = raw % 5 == 0 ? RTE_BAD_IOVA
						       : rte_malloc_virt2iova(m->addr);
			ret = rte_mempool_populate_iova(mp, m->addr, iova, len, mem_free_cb, m);
			if (ret > 0)
				p->iova_chunks++;
		} else {
			ret = rte_mempool_populate_virt(mp, m->addr, len, 4096, mem_free_cb, m);
			if (ret > 0)
				p->iova_only = false;
		}
		break;
	}
	}
	if (mp->populated_size > 0)
		mp_rebuild(p);
	return ret;
}

void
mp_do_populate(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	if (p->mp == NULL) {
		oracle_skip("empty slot");
		return;
	}
	unsigned int kind = op->a[1] % 4;
	static const char *const kinds[] = {"default", "anon", "iova", "virt"};
	int ret = populate(p, kind, op->a[2]);
	oracle_out("%s ret=%s", kinds[kind], ret < 0 ? oracle_errname(ret) : "");
	if (ret >= 0)
		oracle_out("%d", ret);
	oracle_out(" populated=%u", p->mp->populated_size);
	if (p->mp->populated_size > 0)
		mp_print_counts(p);
}

void
mp_do_set_ops(const struct oracle_op *op)
{
	struct pool *p = &pools[op->a[0] % POOLS];
	if (p->mp == NULL) {
		oracle_skip("empty slot");
		return;
	}
	const char *ops = ops_names[op->a[1] % 9];
	/* (mempool-stack-name): see mp_do_create() */
	if (strncmp(ops, "stack", 5) == 0 || strcmp(ops, "lf_stack") == 0) {
		if (strlen(p->name) > 24 && !oracle_allow_known) {
			oracle_skip("stack handler and a long name");
			return;
		}
	}
	int ret = rte_mempool_set_ops_byname(p->mp, ops, NULL);
	oracle_out("%s ret=%s", ops, oracle_errname(ret));
}
