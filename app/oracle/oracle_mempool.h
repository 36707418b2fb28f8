/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* State shared by the two mempool step files (oracle_mempool.c: the object
 * table, caches, get/put and the sequence; oracle_mempool_pools.c: create,
 * populate, set_ops and free). */

#ifndef ORACLE_MEMPOOL_H
#define ORACLE_MEMPOOL_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_mempool.h>

#include "oracle.h"

#define POOLS 4
#define UCACHES 3
#define MAX_OBJS 4096u
#define MAX_MEM 8

struct mem { /* memory the harness reserved for populate_iova / _virt */
	void *addr;
	unsigned int freed; /* free callback calls */
};

struct pool {
	struct rte_mempool *mp;
	char name[64];
	unsigned int size, elt_size, cache_size, flags;
	bool iova_only; /* every chunk came from populate_iova */
	unsigned int iova_chunks;
	unsigned int obj_inits;
	/* objects: address -> index (open addressing), held bitmap */
	void **tab;
	unsigned int *tab_idx;
	unsigned int tab_size, nobjs;
	unsigned char *held;
	unsigned int nheld;
	void **held_list; /* in the order the application got them */
	bool dcache_dirty;
	struct mem mem[MAX_MEM];
	unsigned int nmem;
};

struct ucache {
	struct rte_mempool_cache *c;
	unsigned int size;
	int bound; /* pool index the cache was last used with, -1 none */
	bool dirty;
};

extern struct pool pools[POOLS];
extern struct ucache ucaches[UCACHES];
extern void *objs[MAX_OBJS + 64];

/* oracle_mempool.c */
/* Rebuild the pool's object set after a populate; held objects stay held. */
void mp_rebuild(struct pool *p);
/* Flush a dirty user cache into the pool it was last used with. */
void mp_ucache_flush(struct ucache *u);
/* Print the pool's counts (compared between the libraries). */
void mp_print_counts(struct pool *p);

/* oracle_mempool_pools.c */
/* The object constructor of every pool: counts its calls. */
void mp_obj_init_cb(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx);
/* Free the pool (its user caches flushed first), print what is held and
 * how many memory free callbacks ran, and forget it. */
void mp_pool_free(struct pool *p);
/* Pool flags chosen from @p raw. */
unsigned int mp_pick_flags(uint32_t raw);
void mp_do_create(const struct oracle_op *op);
void mp_do_populate(const struct oracle_op *op);
void mp_do_set_ops(const struct oracle_op *op);

#endif /* ORACLE_MEMPOOL_H */
