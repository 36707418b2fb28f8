/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mbuf steps that share buffers or name things: clone, attach, detach,
 * external buffers, refcnt, copy, dynamic fields and flags, offload flag
 * names, rte_mbuf_check. Where a dynamic field or flag lands is each
 * library's placement, so offsets and bit numbers are never printed; the
 * harness checks them (inside the mbuf, aligned, no overlap, lookup gives
 * the same) and compares values read back through them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>

#include "oracle_mbuf.h"

/* ---- clone, attach, detach ---- */

void
mb_clone(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	struct mb_pool *p = mb_pick_pool(op->a[1]);
	struct mb_pkt *c = mb_free_slot();
	if (k == NULL || p == NULL || c == NULL) {
		oracle_skip("no packet, pool or slot");
		return;
	}
	struct rte_mbuf *m = rte_pktmbuf_clone(k->m, p->mp);
	if (m == NULL) {
		oracle_out("NULL avail=%u", rte_mempool_avail_count(p->mp));
		return;
	}
	c->m = m;
	c->refs = 1;
	memcpy(c->dyn_set, k->dyn_set, sizeof(c->dyn_set));
	oracle_out("ok");
	mb_summary(m);
	oracle_out(" |");
	mb_summary(k->m);
}

void
mb_attach(const struct oracle_op *op)
{
	struct mb_pkt *mi = mb_pick(op->a[0]);
	struct mb_pkt *k = mb_pick(op->a[1]);
	if (mi == NULL || k == NULL || mi == k || !mb_fresh(mi) || mi->m->pool == NULL) {
		oracle_skip("no fresh packet and another one");
		return;
	}
	/* attaching drops mi's own data; mi owes its buffer back to its
	 * pool, which detach or free does */
	rte_pktmbuf_attach(mi->m, k->m);
	memcpy(mi->dyn_set, k->dyn_set, sizeof(mi->dyn_set));
	oracle_out("ok");
	mb_summary(mi->m);
	oracle_out(" |");
	mb_summary(k->m);
}

void
mb_detach(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL || k->refs != 1 || k->m->nb_segs != 1 || RTE_MBUF_DIRECT(k->m)) {
		oracle_skip("no indirect one-segment packet");
		return;
	}
	unsigned int calls = mb_ext_cb_calls;
	rte_pktmbuf_detach(k->m);
	/* pkt_len is left as it was; make it the data again */
	k->m->pkt_len = k->m->data_len;
	oracle_out("ok ext_cb=%u", mb_ext_cb_calls - calls);
	mb_summary(k->m);
}

/* ---- external buffers ---- */

static void
ext_free_cb(void *addr, void *opaque)
{
	struct mb_ext *e = opaque;
	if (addr != e->mem)
		oracle_bad("external free callback got another address");
	if (!e->live)
		oracle_bad("external free callback ran twice");
	e->live = false;
	mb_ext_cb_calls++;
}

void
mb_extbuf(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	struct mb_ext *e = &mb_exts[op->a[1] % MB_EXTS];
	if (k == NULL || !mb_fresh(k)) {
		oracle_skip("no fresh packet");
		return;
	}
	if (!e->live) {
		static const uint16_t lens[] = {1024, 4096, 100, 16, 24, 2000};
		rte_free(e->mem);
		memset(e, 0, sizeof(*e));
		uint16_t len = lens[op->a[2] % 6];
		e->mem = rte_malloc(NULL, len, 64);
		if (e->mem == NULL) {
			oracle_skip("rte_malloc");
			return;
		}
		e->buf_len = len;
		e->live = true;
		e->shinfo = rte_pktmbuf_ext_shinfo_init_helper(e->mem, &e->buf_len, ext_free_cb, e);
		if (e->shinfo == NULL) {
			oracle_out("len=%u shinfo NULL", len);
			e->live = false;
			return;
		}
		oracle_out("len=%u buf_len=%u", len, e->buf_len);
	} else {
		rte_mbuf_ext_refcnt_update(e->shinfo, 1);
		oracle_out("shared");
	}
	rte_pktmbuf_attach_extbuf(k->m, e->mem, rte_malloc_virt2iova(e->mem), e->buf_len,
				  e->shinfo);
	/* data may start anywhere in the buffer: put it in the middle */
	if (op->a[3] % 2)
		rte_pktmbuf_reset_headroom(k->m);
	oracle_out(" refcnt=%u", rte_mbuf_ext_refcnt_read(e->shinfo));
	mb_summary(k->m);
	/* both libraries leave pkt_len as it was; the packet's data is gone,
	 * so do what their users must and make pkt_len agree with it again */
	k->m->pkt_len = k->m->data_len;
}

/* ---- refcnt, copy ---- */

void
mb_refcnt(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	if (op->a[1] % 2 == 0 || k->m->nb_segs != 1) {
		oracle_out("read");
		for (struct rte_mbuf *s = k->m; s != NULL; s = s->next)
			oracle_out(" %u", rte_mbuf_refcnt_read(s));
		return;
	}
	/* one more owner: a one-segment packet, so one free undoes it */
	uint16_t v = rte_mbuf_refcnt_update(k->m, 1);
	k->refs++;
	oracle_out("update=%u pkt_refcnt=%u", v, rte_mbuf_refcnt_read(k->m));
}

void
mb_copy(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	struct mb_pool *p = mb_pick_pool(op->a[1]);
	struct mb_pkt *c = mb_free_slot();
	if (k == NULL || p == NULL || c == NULL) {
		oracle_skip("no packet, pool or slot");
		return;
	}
	if (p->data_room <= RTE_PKTMBUF_HEADROOM) {
		oracle_skip("no room past the headroom");
		return;
	}
	uint32_t plen = k->m->pkt_len;
	uint32_t off = oracle_count(op->a[2], plen);
	uint32_t len = op->a[3] % 4 == 0
			       ? UINT32_MAX
			       : oracle_count(op->a[3] >> 2, plen - (off < plen ? off : plen));
	struct rte_mbuf *m = rte_pktmbuf_copy(k->m, p->mp, off, len);
	oracle_out("off=%u len=%u", off, len);
	if (m == NULL) {
		oracle_out(" NULL");
		return;
	}
	c->m = m;
	c->refs = 1;
	memcpy(c->dyn_set, k->dyn_set, sizeof(c->dyn_set));
	mb_summary(m);
}

/* ---- dynamic fields and flags ---- */

static const struct rte_mbuf_dynfield dyn_params[MB_DYN] = {
	{.name = "oracle_dyn_u32", .size = 4, .align = 4},
	{.name = "oracle_dyn_u64", .size = 8, .align = 8},
	{.name = "oracle_dyn_u16", .size = 2, .align = 2},
};
static const char *const flag_names[MB_FLAGS] = {"oracle_flag_a", "oracle_flag_b", "oracle_flag_c"};

static void
check_field(unsigned int i, int off)
{
	const struct rte_mbuf_dynfield *d = &dyn_params[i];
	if (off < 0 || (size_t)off + d->size > sizeof(struct rte_mbuf) || off % d->align != 0)
		oracle_bad("field %s at %d", d->name, off);
	for (unsigned int j = 0; j < MB_DYN; j++)
		if (j != i && mb_dyn_off[j] >= 0 && off < mb_dyn_off[j] + (int)dyn_params[j].size &&
		    mb_dyn_off[j] < off + (int)d->size)
			oracle_bad("fields %s and %s overlap", d->name, dyn_params[j].name);
}

/* Registered in this sequence (the process keeps registrations across
 * sequences; a sequence must not depend on the ones before it). */
bool mb_dyn_seen[MB_DYN + MB_FLAGS];

void
mb_dyn_register(const struct oracle_op *op)
{
	unsigned int i = op->a[0] % (MB_DYN + MB_FLAGS);
	/* same name, other parameters: refused once the name is taken */
	bool clash = op->a[1] % 4 == 0 && mb_dyn_seen[i];
	if (!clash)
		mb_dyn_seen[i] = true;
	if (i < MB_DYN) {
		struct rte_mbuf_dynfield d = dyn_params[i];
		if (clash)
			d.size = (size_t)d.size * 2;
		int off = rte_mbuf_dynfield_register(&d);
		oracle_out("%s%s", d.name, clash ? " clash" : "");
		if (off < 0) {
			oracle_out(" %s", oracle_errname(rte_errno));
			return;
		}
		oracle_out(" ok");
		if (clash)
			oracle_bad("a clashing field was registered");
		if (mb_dyn_off[i] >= 0 && mb_dyn_off[i] != off)
			oracle_bad("registered again at another offset");
		check_field(i, off);
		mb_dyn_off[i] = off;
		struct rte_mbuf_dynfield got;
		if (rte_mbuf_dynfield_lookup(d.name, &got) != off || got.size != d.size)
			oracle_bad("lookup disagrees");
		return;
	}
	i -= MB_DYN;
	struct rte_mbuf_dynflag f = {.flags = 0};
	snprintf(f.name, sizeof(f.name), "%s", flag_names[i]);
	if (clash)
		f.flags = 1; /* flags must be 0 */
	int bit = rte_mbuf_dynflag_register(&f);
	oracle_out("%s%s", f.name, clash ? " badflags" : "");
	if (bit < 0) {
		oracle_out(" %s", oracle_errname(rte_errno));
		return;
	}
	oracle_out(" ok");
	if (bit > 63 || (mb_flag_bit[i] >= 0 && mb_flag_bit[i] != bit))
		oracle_bad("flag bit %d", bit);
	for (unsigned int j = 0; j < MB_FLAGS; j++)
		if (j != i && mb_flag_bit[j] == bit)
			oracle_bad("two flags share bit %d", bit);
	mb_flag_bit[i] = bit;
	if (rte_mbuf_dynflag_lookup(f.name, NULL) != bit)
		oracle_bad("flag lookup disagrees");
}

void
mb_dyn_set(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	unsigned int i = op->a[1] % (MB_DYN + MB_FLAGS);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	if (i >= MB_DYN) {
		int bit = mb_flag_bit[i - MB_DYN];
		if (bit < 0 || !mb_dyn_seen[i]) {
			oracle_skip("flag not registered");
			return;
		}
		k->m->ol_flags ^= 1ULL << bit;
		oracle_out("flag %u", i - MB_DYN);
		mb_summary(k->m);
		return;
	}
	if (mb_dyn_off[i] < 0 || !mb_dyn_seen[i]) {
		oracle_skip("field not registered");
		return;
	}
	uint64_t v = op->a[2] * 0x100000001ULL;
	memcpy(RTE_MBUF_DYNFIELD(k->m, mb_dyn_off[i], void *), &v, dyn_params[i].size);
	k->dyn_set[i] = true;
	oracle_out("field %u", i);
}

void
mb_dyn_get(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	unsigned int i = op->a[1] % MB_DYN;
	if (k == NULL || mb_dyn_off[i] < 0 || !mb_dyn_seen[i] || !k->dyn_set[i]) {
		oracle_skip("no value written");
		return;
	}
	uint64_t v = 0;
	memcpy(&v, RTE_MBUF_DYNFIELD(k->m, mb_dyn_off[i], void *), dyn_params[i].size);
	oracle_out("field %u = %#llx", i, (unsigned long long)v);
}

/* ---- offload flag names, check ---- */

void
mb_olflag_name(const struct oracle_op *op)
{
	uint64_t mask = op->a[1] % 8 == 0 ? 0 : 1ULL << (op->a[0] % 64);
	if (mask == RTE_MBUF_F_TX_TUNNEL_ESP && !oracle_allow_known)
		mask = 0; /* tx-list-esp: DPDK 22.11 has no name for it */
	const char *rx = rte_get_rx_ol_flag_name(mask);
	const char *tx = rte_get_tx_ol_flag_name(mask);
	oracle_out("mask=%#llx rx=%s tx=%s", (unsigned long long)mask, rx ? rx : "NULL",
		   tx ? tx : "NULL");
}

void
mb_olflag_list(const struct oracle_op *op)
{
	static const size_t lens[] = {0, 1, 6, 20, 64, 512};
	char buf[512];
	uint64_t mask = ((uint64_t)op->a[0] << 32 | op->a[1]) &
			((uint64_t)op->a[2] << 32 | op->a[3]);
	size_t len = lens[op->a[4] % 6];
	bool tx = op->a[4] / 8 % 2;
	/* DPDK's list leaves out TUNNEL_ESP, which dpkit names (tx-list-esp) */
	if (tx && !oracle_allow_known &&
	    (mask & RTE_MBUF_F_TX_TUNNEL_MASK) == RTE_MBUF_F_TX_TUNNEL_ESP)
		mask &= ~RTE_MBUF_F_TX_TUNNEL_MASK;
	memset(buf, 'x', sizeof(buf));
	int ret = tx ? rte_get_tx_ol_flag_list(mask, buf, len)
		     : rte_get_rx_ol_flag_list(mask, buf, len);
	oracle_out("%s mask=%#llx len=%zu ret=%d", tx ? "tx" : "rx", (unsigned long long)mask, len,
		   ret);
	if (ret == 0)
		oracle_out(" '%.*s'", (int)strnlen(buf, len), buf);
}

void
mb_check(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	const char *reason = NULL;
	int ret = rte_mbuf_check(k->m, 1, &reason);
	oracle_out("ret=%d", ret);
}
