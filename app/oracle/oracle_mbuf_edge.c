/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mbuf steps with literal arguments, for edge-case scripts
 * (app/oracle/scripts/mbuf_edges.oracle): pool parameters and names as
 * written, NULL where DPDK documents it as allowed (an ops name, entries
 * of a bulk free, the params of a lookup, the outputs of the timestamp
 * registrations), dynamic fields and flags at their limits. The generator
 * never draws them (weight 0), so random runs are unchanged.
 *
 * Registrations of dynamic fields and flags last for the process: a
 * script runs in a process of its own, so its steps see only its own.
 */

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_mempool.h>

#include "oracle_mbuf.h"

static void
print_pool(const struct mb_pool *p)
{
	oracle_out(" ok data_room=%u priv_size=%u size=%u avail=%u cache=%u",
		   rte_pktmbuf_data_room_size(p->mp), rte_pktmbuf_priv_size(p->mp), p->mp->size,
		   rte_mempool_avail_count(p->mp), p->mp->cache_size);
}

static void
adopt_pool(struct mb_pool *p, struct rte_mempool *mp, unsigned int n, uint16_t room)
{
	if (mp == NULL) {
		oracle_out(" NULL %s", oracle_errname(rte_errno));
		memset(p, 0, sizeof(*p));
		return;
	}
	p->mp = mp;
	p->n = n;
	p->data_room = room;
	print_pool(p);
}

/* lpool <slot> <n> <cache> <priv> <room>: rte_pktmbuf_pool_create as written */
void
mb_lpool(const struct oracle_op *op)
{
	struct mb_pool *p = &mb_pools[op->a[0] % MB_POOLS];
	if (p->mp != NULL) {
		oracle_skip("slot in use");
		return;
	}
	unsigned int n = op->a[1], cache = op->a[2];
	uint16_t priv = (uint16_t)op->a[3], room = (uint16_t)op->a[4];
	if (n > 4096) {
		oracle_skip("n above 4096"); /* the harness's memory */
		return;
	}
	oracle_name(p->name, sizeof(p->name), "mb", op->a[0] % MB_POOLS);
	oracle_out("n=%u cache=%u priv=%u room=%u", n, cache, priv, room);
	adopt_pool(p, rte_pktmbuf_pool_create(p->name, n, cache, priv, room, SOCKET_ID_ANY), n,
		   room);
}

/*
 * lpool_name <slot> <name length> <how>: a pool of 63 mbufs named with
 * exactly <name length> characters, made by rte_pktmbuf_pool_create (how
 * 0) or rte_pktmbuf_pool_create_by_ops with ops NULL (1, documented: the
 * default ops), "ring_mp_mc" (2) or an ops name nobody registered (3).
 */
void
mb_lpool_name(const struct oracle_op *op)
{
	struct mb_pool *p = &mb_pools[op->a[0] % MB_POOLS];
	static const char *const ops[] = {NULL, NULL, "ring_mp_mc", "oracle_no_such_ops"};
	unsigned int how = op->a[2] % 4;
	const uint16_t room = RTE_MBUF_DEFAULT_BUF_SIZE;
	if (p->mp != NULL) {
		oracle_skip("slot in use");
		return;
	}
	oracle_name_len(p->name, sizeof(p->name), 'P', op->a[1]);
	oracle_out("namelen=%zu how=%u", strlen(p->name), how);
	struct rte_mempool *mp = how == 0 ? rte_pktmbuf_pool_create(p->name, 63, 0, 0, room,
								    SOCKET_ID_ANY)
					  : rte_pktmbuf_pool_create_by_ops(p->name, 63, 0, 0, room,
									   SOCKET_ID_ANY, ops[how]);
	adopt_pool(p, mp, 63, room);
	if (mp != NULL && strcmp(mp->name, p->name) != 0)
		oracle_bad("pool named '%s' for '%s'", mp->name, p->name);
}

/*
 * lfree_bulk <first> <want> <nulls>: rte_pktmbuf_free_bulk of up to <want>
 * packets the harness alone holds, from slot <first> on, with <nulls>
 * NULL entries among them (documented: the array may hold NULL).
 */
void
mb_lfree_bulk(const struct oracle_op *op)
{
	struct rte_mbuf *ms[MB_PKTS * 2];
	unsigned int n = 0, pkts = 0, want = op->a[1] % (MB_PKTS + 1);
	unsigned int nulls = op->a[2] % (MB_PKTS + 1);
	for (unsigned int i = 0; i < MB_PKTS && pkts < want; i++) {
		struct mb_pkt *k = &mb_pkts[(i + op->a[0]) % MB_PKTS];
		if (k->m == NULL || k->refs != 1)
			continue;
		if (nulls > 0 && pkts % 2 == 0) { /* NULL before every other packet */
			ms[n++] = NULL;
			nulls--;
		}
		ms[n++] = k->m;
		pkts++;
		mb_drop(k);
	}
	while (nulls-- > 0)
		ms[n++] = NULL;
	unsigned int calls = mb_ext_cb_calls;
	rte_pktmbuf_free_bulk(ms, n);
	oracle_out("n=%u pkts=%u ext_cb=%u", n, pkts, mb_ext_cb_calls - calls);
	for (unsigned int i = 0; i < MB_POOLS; i++)
		if (mb_pools[i].mp != NULL)
			oracle_out(" avail=%u", rte_mempool_avail_count(mb_pools[i].mp));
}

/*
 * ldynfield <name length> <size> <align> <flags> <offset>: register a
 * dynamic field as written, where the library wants it (offset
 * 0xffffffff), at <offset> bytes into the mbuf, or (bit 31 set) at
 * <offset> & 0xffff bytes into dynfield1; then look it up with NULL
 * params (documented as allowed). An offset the library chose is its
 * placement and is not printed; one asked for is.
 */
void
mb_ldynfield(const struct oracle_op *op)
{
	struct rte_mbuf_dynfield d;
	memset(&d, 0, sizeof(d));
	oracle_name_len(d.name, sizeof(d.name), 'F', op->a[0]);
	d.size = op->a[1];
	d.align = op->a[2];
	d.flags = op->a[3];
	bool placed = op->a[4] == UINT32_MAX;
	size_t req = op->a[4] & 0x80000000u
			     ? offsetof(struct rte_mbuf, dynfield1) + (op->a[4] & 0xffff)
			     : op->a[4];
	int off = placed ? rte_mbuf_dynfield_register(&d)
			 : rte_mbuf_dynfield_register_offset(&d, req);
	oracle_out("namelen=%zu size=%zu align=%zu flags=%#x", strlen(d.name), d.size, d.align,
		   d.flags);
	if (off < 0) {
		oracle_out(" %d %s", off, oracle_errname(rte_errno));
		return;
	}
	if (placed)
		oracle_out(" ok");
	else
		oracle_out(" off=%s", (size_t)off == req ? "as asked" : "elsewhere");
	if ((size_t)off + d.size > sizeof(struct rte_mbuf) || (d.align != 0 && off % d.align != 0))
		oracle_bad("field at %d", off);
	oracle_out(" lookup(NULL)=%s",
		   rte_mbuf_dynfield_lookup(d.name, NULL) == off ? "same" : "other");
	/* asked again with the same parameters: the same offset */
	oracle_out(" again=%s", rte_mbuf_dynfield_register(&d) == off ? "same" : "other");
}

/*
 * ldynflag <name length> <flags> <bit>: register a dynamic flag as
 * written, on any free bit (0xffffffff; not printed) or on bit <bit>;
 * then look it up with NULL params.
 */
void
mb_ldynflag(const struct oracle_op *op)
{
	struct rte_mbuf_dynflag f;
	memset(&f, 0, sizeof(f));
	oracle_name_len(f.name, sizeof(f.name), 'G', op->a[0]);
	f.flags = op->a[1];
	bool placed = op->a[2] == UINT32_MAX;
	int bit = placed ? rte_mbuf_dynflag_register(&f)
			 : rte_mbuf_dynflag_register_bitnum(&f, op->a[2]);
	oracle_out("namelen=%zu flags=%#x", strlen(f.name), f.flags);
	if (bit < 0) {
		oracle_out(" %d %s", bit, oracle_errname(rte_errno));
		return;
	}
	if (placed)
		oracle_out(" ok");
	else
		oracle_out(" bit=%d", bit);
	if (bit > 63 || (bit >= 0 && !((1ULL << bit) >= RTE_MBUF_F_FIRST_FREE &&
				       (1ULL << bit) <= RTE_MBUF_F_LAST_FREE)))
		oracle_bad("flag on bit %d, outside the free range", bit);
	oracle_out(" lookup(NULL)=%s",
		   rte_mbuf_dynflag_lookup(f.name, NULL) == bit ? "same" : "other");
	/* the same name on another bit is refused */
	int other = rte_mbuf_dynflag_register_bitnum(&f, bit == 39 ? 38 : 39);
	oracle_out(" elsewhere=%d %s", other, other < 0 ? oracle_errname(rte_errno) : "");
}

/*
 * lts <direction> <nulls>: rte_mbuf_dyn_rx_timestamp_register (direction
 * 0) or _tx_ (1), with a NULL offset pointer (nulls bit 0) and/or a NULL
 * flag pointer (bit 1), both documented as allowed.
 */
void
mb_lts(const struct oracle_op *op)
{
	int off = -12345;
	uint64_t flag = 0xdeadbeef;
	int *offp = op->a[1] & 1 ? NULL : &off;
	uint64_t *flagp = op->a[1] & 2 ? NULL : &flag;
	int ret = op->a[0] % 2 ? rte_mbuf_dyn_tx_timestamp_register(offp, flagp)
			       : rte_mbuf_dyn_rx_timestamp_register(offp, flagp);
	oracle_out("%s ret=%d", op->a[0] % 2 ? "tx" : "rx", ret);
	if (ret != 0)
		return;
	if (offp != NULL) {
		bool ok = off >= 0 && off % 8 == 0 &&
			  (size_t)off + sizeof(uint64_t) <= sizeof(struct rte_mbuf);
		oracle_out(" field=%s", ok ? "ok" : "bad");
		struct rte_mbuf_dynfield d;
		if (rte_mbuf_dynfield_lookup(RTE_MBUF_DYNFIELD_TIMESTAMP_NAME, &d) != off ||
		    d.size != sizeof(uint64_t))
			oracle_bad("timestamp field lookup disagrees");
	}
	if (flagp != NULL)
		oracle_out(" flag=%s", flag != 0 && (flag & (flag - 1)) == 0 ? "one bit" : "bad");
}
