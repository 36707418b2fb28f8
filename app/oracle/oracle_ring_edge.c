/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Ring steps with literal arguments, for edge-case scripts
 * (app/oracle/scripts/ring_edges.oracle): the generated steps draw counts
 * and names from raw values, which a script can only aim at indirectly;
 * these take the count, the flags and the name length as written. The
 * generator never draws them (weight 0), so random runs are unchanged.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "oracle_ring.h"

/*
 * lcreate <slot> <count> <flags> <name length> <api>
 *   api 0: rte_ring_create; 1: rte_ring_init on rte_zmalloc memory of
 *   rte_ring_get_memsize (at least the ring header when the count has no
 *   size); >= 4: rte_ring_create_elem with element size <api>.
 * Flags are passed as written (unknown bits and two modes included).
 */
void
ring_lcreate(const struct oracle_op *op)
{
	struct slot *s = &slots[op->a[0] % SLOTS];
	uint32_t count = op->a[1];
	unsigned int flags = op->a[2];
	unsigned int api = op->a[4];
	unsigned int esize = api >= 4 ? api : sizeof(void *);
	char name[80];
	struct rte_ring *r;

	if (s->r != NULL) {
		oracle_skip("slot in use");
		return;
	}
	if (api == 2 || api == 3) {
		oracle_skip("api 2 and 3 are not element sizes");
		return;
	}
	oracle_name_len(name, sizeof(name), 'L', op->a[3]);
	oracle_out("namelen=%zu ", strlen(name));
	if (api == 1) {
		uint32_t slots_n = (flags & RING_F_EXACT_SZ) ? rte_align32pow2(count + 1) : count;
		ssize_t sz = rte_ring_get_memsize_elem(esize, slots_n);
		oracle_out("memsize=%s ", sz < 0 ? oracle_errname((int)sz) : "ok");
		if (sz < 0 || (size_t)sz > (MAX_COUNT + 1) * MAX_ESIZE + 4096)
			sz = sizeof(struct rte_ring); /* init writes only the header then */
		r = rte_zmalloc(NULL, (size_t)sz, RTE_CACHE_LINE_SIZE);
		if (r == NULL) {
			oracle_skip("rte_zmalloc");
			return;
		}
		int ret = rte_ring_init(r, name, count, flags);
		oracle_out("init=%s", oracle_errname(ret));
		if (ret != 0) {
			rte_free(r);
			return;
		}
		if (sz == sizeof(struct rte_ring) || rte_ring_get_capacity(r) > MAX_COUNT) {
			/* a header without room for its slots: never used */
			oracle_out(" size=%u cap=%u (freed)", rte_ring_get_size(r),
				   rte_ring_get_capacity(r));
			rte_free(r);
			return;
		}
		oracle_out(" ");
		ring_adopt(s, r, name, esize, true);
		return;
	}
	if (api == 0)
		r = rte_ring_create(name, count, SOCKET_ID_ANY, flags);
	else
		r = rte_ring_create_elem(name, esize, count, SOCKET_ID_ANY, flags);
	if (r == NULL) {
		oracle_out("NULL %s", oracle_errname(rte_errno));
		return;
	}
	if (rte_ring_get_capacity(r) > MAX_COUNT || esize > MAX_ESIZE) {
		/* too large for the harness, or DPDK's ring of size 0 (ring-count-0) */
		oracle_out("ok size=%u cap=%u (freed)", rte_ring_get_size(r),
			   rte_ring_get_capacity(r));
		rte_ring_free(r);
		return;
	}
	ring_adopt(s, r, name, esize, false);
}

/*
 * llookup <slot> <how>: rte_ring_lookup of the slot's ring name as it is
 * (how 0), with one more character (1), without its last one (2); of a
 * name of exactly <how> - 3 characters that no ring has (how >= 3).
 */
void
ring_llookup(const struct oracle_op *op)
{
	struct slot *s = &slots[op->a[0] % SLOTS];
	char name[96];
	uint32_t how = op->a[1];
	if (how < 3 && s->r == NULL) {
		oracle_skip("empty slot");
		return;
	}
	if (how >= 3) {
		oracle_name_len(name, sizeof(name), 'Q', how - 3); /* no ring's name */
	} else {
		snprintf(name, sizeof(name), "%s%s", s->name, how == 1 ? "x" : "");
		if (how == 2)
			name[strlen(name) - 1] = '\0';
	}
	struct rte_ring *r = rte_ring_lookup(name);
	oracle_out("namelen=%zu ", strlen(name));
	if (r == NULL)
		oracle_out("NULL %s", oracle_errname(rte_errno));
	else if (r == s->r)
		oracle_out("same");
	else
		oracle_out("other");
}
