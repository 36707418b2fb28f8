/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* State shared by the mbuf step files (oracle_mbuf.c: pools, alloc,
 * free, data; oracle_mbuf_ext.c: clone, attach, extbuf, copy, refcnt,
 * dynfields, flag names; oracle_mbuf_edge.c: literal steps for scripts). */

#ifndef ORACLE_MBUF_H
#define ORACLE_MBUF_H

#include <rte_mbuf.h>

#include "oracle.h"

#define MB_POOLS 3
#define MB_PKTS 32
#define MB_EXTS 4
#define MB_DYN 3   /* dynamic fields the harness registers */
#define MB_FLAGS 3 /* dynamic flags */

struct mb_pool {
	struct rte_mempool *mp;
	char name[64];
	unsigned int n;
	uint16_t data_room;
};

/* A packet the application holds: a head mbuf and how many frees it
 * still owes (1 + the refcnt updates the harness made on it). */
struct mb_pkt {
	struct rte_mbuf *m;
	unsigned int refs;
	bool dyn_set[MB_DYN]; /* dynamic field written: its value is defined */
};

struct mb_ext { /* an external buffer the harness attached */
	void *mem;
	struct rte_mbuf_ext_shared_info *shinfo;
	uint16_t buf_len;
	bool live; /* its free callback has not run yet */
};

extern struct mb_pool mb_pools[MB_POOLS];
extern struct mb_pkt mb_pkts[MB_PKTS];
extern struct mb_ext mb_exts[MB_EXTS];
extern unsigned int mb_ext_cb_calls;
extern int mb_dyn_off[MB_DYN]; /* -1: not registered */
extern int mb_flag_bit[MB_FLAGS];
extern bool mb_dyn_seen[MB_DYN + MB_FLAGS];

/* the raw-th live packet (NULL when there is none) */
struct mb_pkt *mb_pick(uint32_t raw);
/* a free packet slot (NULL when all are used) */
struct mb_pkt *mb_free_slot(void);
/* the raw-th pool that exists */
struct mb_pool *mb_pick_pool(uint32_t raw);
/* Print a packet: lengths, each segment, flags, data checksum; checks
 * that the segment lengths add up. */
void mb_summary(const struct rte_mbuf *m);
/* a packet that may be taken apart: one owner, one segment, direct */
bool mb_fresh(const struct mb_pkt *p);
/* The packet slot is given up (its mbufs were freed or moved). */
void mb_drop(struct mb_pkt *p);

void mb_clone(const struct oracle_op *op);
void mb_attach(const struct oracle_op *op);
void mb_detach(const struct oracle_op *op);
void mb_extbuf(const struct oracle_op *op);
void mb_refcnt(const struct oracle_op *op);
void mb_copy(const struct oracle_op *op);
void mb_dyn_register(const struct oracle_op *op);
void mb_dyn_set(const struct oracle_op *op);
void mb_dyn_get(const struct oracle_op *op);
void mb_olflag_name(const struct oracle_op *op);
void mb_olflag_list(const struct oracle_op *op);
void mb_check(const struct oracle_op *op);
/* literal steps for scripts (oracle_mbuf_edge.c) */
void mb_lpool(const struct oracle_op *op);
void mb_lpool_name(const struct oracle_op *op);
void mb_lfree_bulk(const struct oracle_op *op);
void mb_ldynfield(const struct oracle_op *op);
void mb_ldynflag(const struct oracle_op *op);
void mb_lts(const struct oracle_op *op);

#endif /* ORACLE_MBUF_H */
