/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* State shared by the two ring step files (oracle_ring.c: generated steps;
 * oracle_ring_edge.c: script-only steps with literal arguments). */

#ifndef ORACLE_RING_H
#define ORACLE_RING_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ring.h>

#include "oracle.h"

#define SLOTS 6
#define MAX_COUNT 4096u /* largest ring a step keeps (EXACT_SZ or not) */
#define MAX_ESIZE 32u

struct slot {
	struct rte_ring *r;
	bool init_made; /* rte_ring_init on rte_malloc memory */
	char name[64];
	unsigned int esize;
	unsigned int cap;
	enum rte_ring_sync_type ps, cs;
	/* model: tokens in FIFO order */
	uint32_t *q;
	unsigned int head, len;
};

extern struct slot slots[SLOTS];

/* Slot @p s takes ring @p r (made by rte_ring_create*, or by rte_ring_init
 * on rte_malloc memory when @p init) and prints what the ring says. */
void ring_adopt(struct slot *s, struct rte_ring *r, const char *name, unsigned int esize,
		bool init);
/* Free the slot's ring and forget it. */
void slot_free(struct slot *s);

void ring_lcreate(const struct oracle_op *op);
void ring_llookup(const struct oracle_op *op);

#endif /* ORACLE_RING_H */
