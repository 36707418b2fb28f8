/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mbuf steps: pools, alloc and free, data (append, prepend, adj, trim,
 * read, write), chains (chain, linearize) and accessors. Which mbuf an
 * alloc returns is not compared; a packet is printed as its lengths, its
 * segments (data_len, headroom, tailroom, refcnt, indirect/external) and
 * a checksum of its bytes. A pool's avail count is exact here: mbuf calls
 * only go through the lcore cache, which avail_count includes.
 *
 * The harness only frees what it owns and only restructures a packet it
 * alone holds (mb_fresh, refs == 1), so every step has a defined outcome.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "oracle_mbuf.h"

struct mb_pool mb_pools[MB_POOLS];
struct mb_pkt mb_pkts[MB_PKTS];
struct mb_ext mb_exts[MB_EXTS];
unsigned int mb_ext_cb_calls;
int mb_dyn_off[MB_DYN] = {-1, -1, -1};
int mb_flag_bit[MB_FLAGS] = {-1, -1, -1};

static uint32_t write_seq;
static unsigned char scratch[65536 + 64];

enum op {
	OP_POOL_CREATE,
	OP_POOL_FREE,
	OP_POOL_INFO,
	OP_ALLOC,
	OP_ALLOC_BULK,
	OP_FREE,
	OP_FREE_BULK,
	OP_FREE_SEG,
	OP_APPEND,
	OP_PREPEND,
	OP_ADJ,
	OP_TRIM,
	OP_READ,
	OP_WRITE,
	OP_CHAIN,
	OP_LINEARIZE,
	OP_RESET,
	OP_INFO,
	OP_CLONE,
	OP_ATTACH,
	OP_DETACH,
	OP_EXTBUF,
	OP_REFCNT,
	OP_COPY,
	OP_DYN_REGISTER,
	OP_DYN_SET,
	OP_DYN_GET,
	OP_OLFLAG_NAME,
	OP_OLFLAG_LIST,
	OP_CHECK,
	OP_LPOOL,
	OP_LPOOL_NAME,
	OP_LFREE_BULK,
	OP_LDYNFIELD,
	OP_LDYNFLAG,
	OP_LTS,
	N_OPS
};
static const char *const names[N_OPS] = {
	"pool_create",  "pool_free",  "pool_info",  "alloc",       "alloc_bulk",  "free",
	"free_bulk",    "free_seg",   "append",     "prepend",     "adj",         "trim",
	"read",         "write",      "chain",      "linearize",   "reset",       "info",
	"clone",        "attach",     "detach",     "extbuf",      "refcnt",      "copy",
	"dyn_register", "dyn_set",    "dyn_get",    "olflag_name", "olflag_list", "check",
	"lpool",        "lpool_name", "lfree_bulk", "ldynfield",   "ldynflag",    "lts",
};
/* the l* steps take literal arguments: scripts only (weight 0) */
static const unsigned int weights[N_OPS] = {
	3, 1, 2, 10, 4, 8, 2, 2, 8, 5, 4, 4, 4, 4, 5, 3, 1, 2,
	4, 3, 2, 2,  2, 3, 1, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0,
};

/* ---- shared helpers ---- */

struct mb_pkt *
mb_pick(uint32_t raw)
{
	unsigned int live = 0;
	for (unsigned int i = 0; i < MB_PKTS; i++)
		live += mb_pkts[i].m != NULL;
	if (live == 0)
		return NULL;
	raw %= live;
	for (unsigned int i = 0; i < MB_PKTS; i++)
		if (mb_pkts[i].m != NULL && raw-- == 0)
			return &mb_pkts[i];
	return NULL;
}

struct mb_pkt *
mb_free_slot(void)
{
	for (unsigned int i = 0; i < MB_PKTS; i++)
		if (mb_pkts[i].m == NULL)
			return &mb_pkts[i];
	return NULL;
}

struct mb_pool *
mb_pick_pool(uint32_t raw)
{
	unsigned int live = 0;
	for (unsigned int i = 0; i < MB_POOLS; i++)
		live += mb_pools[i].mp != NULL;
	if (live == 0)
		return NULL;
	raw %= live;
	for (unsigned int i = 0; i < MB_POOLS; i++)
		if (mb_pools[i].mp != NULL && raw-- == 0)
			return &mb_pools[i];
	return NULL;
}

bool
mb_fresh(const struct mb_pkt *p)
{
	const struct rte_mbuf *m = p->m;
	return p->refs == 1 && m->nb_segs == 1 && m->next == NULL && RTE_MBUF_DIRECT(m) &&
	       rte_mbuf_refcnt_read(m) == 1;
}

void
mb_drop(struct mb_pkt *p)
{
	memset(p, 0, sizeof(*p));
}

void
mb_summary(const struct rte_mbuf *m)
{
	uint32_t sum = 0;
	unsigned int segs = 0;
	oracle_out(" len=%u segs=%u [", m->pkt_len, m->nb_segs);
	for (const struct rte_mbuf *s = m; s != NULL && segs < 70000; s = s->next) {
		if (segs < 8)
			oracle_out("%s%u/%u/%u/%u%s%s", segs ? " " : "", s->data_len,
				   rte_pktmbuf_headroom(s), rte_pktmbuf_tailroom(s),
				   rte_mbuf_refcnt_read(s), RTE_MBUF_CLONED(s) ? "I" : "",
				   RTE_MBUF_HAS_EXTBUF(s) ? "E" : "");
		sum += s->data_len;
		segs++;
	}
	oracle_out("]");
	if (segs != m->nb_segs)
		oracle_bad("%u segments linked, nb_segs %u", segs, m->nb_segs);
	/* the bytes, read through the API (up to 64 kB) */
	uint32_t len = m->pkt_len < sizeof(scratch) - 64 ? m->pkt_len : sizeof(scratch) - 64;
	if (sum == m->pkt_len && len > 0) {
		const void *d = rte_pktmbuf_read(m, 0, len, scratch);
		if (d == NULL)
			oracle_bad("read of its %u bytes failed", len);
		else
			oracle_out(" h=%08x", (unsigned int)oracle_hash(d, len, ORACLE_HASH_INIT));
	} else if (sum != m->pkt_len) {
		oracle_out(" sum=%u", sum);
	}
	uint64_t f = 0;
	for (unsigned int i = 0; i < MB_FLAGS; i++)
		if (mb_flag_bit[i] >= 0 && (m->ol_flags & (1ULL << mb_flag_bit[i])))
			f |= 1u << i;
	if (f)
		oracle_out(" df=%#x", (unsigned int)f);
	oracle_out(" contig=%d", rte_pktmbuf_is_contiguous(m));
}

static void
pool_counts(const struct mb_pool *p)
{
	oracle_out(" avail=%u in_use=%u full=%d", rte_mempool_avail_count(p->mp),
		   rte_mempool_in_use_count(p->mp), rte_mempool_full(p->mp));
}

/* ---- pools ---- */

static void
do_pool_create(const struct oracle_op *op)
{
	struct mb_pool *p = &mb_pools[op->a[0] % MB_POOLS];
	if (p->mp != NULL) {
		oracle_skip("slot in use");
		return;
	}
	static const uint16_t rooms[] = {
		RTE_MBUF_DEFAULT_BUF_SIZE, 256, 512, 128 + 64, 9000 + 128, 2048, 0, 64};
	static const uint16_t privs[] = {0, 8, 64, 0, 3 /* not aligned */};
	unsigned int n = 8 + op->a[1] % 500;
	unsigned int cache = op->a[2] % 3 == 0 ? 0 : op->a[2] % 64;
	if (cache * 3 / 2 > n)
		cache = 0;
	uint16_t room = rooms[op->a[3] % 8];
	/* rooms below the headroom: every copy/append meets tailroom 0;
	 * kept rare */
	if (room < RTE_PKTMBUF_HEADROOM && op->a[3] % 64 >= 8)
		room = RTE_MBUF_DEFAULT_BUF_SIZE;
	uint16_t priv = privs[op->a[4] % 5];
	oracle_name(p->name, sizeof(p->name), "mb", op->a[0] % MB_POOLS);
	p->mp = rte_pktmbuf_pool_create(p->name, n, cache, priv, room, SOCKET_ID_ANY);
	if (p->mp == NULL) {
		oracle_out("n=%u room=%u priv=%u NULL %s", n, room, priv,
			   oracle_errname(rte_errno));
		return;
	}
	p->n = n;
	p->data_room = room;
	oracle_out("n=%u room=%u priv=%u ok data_room=%u priv_size=%u", n, room, priv,
		   rte_pktmbuf_data_room_size(p->mp), rte_pktmbuf_priv_size(p->mp));
	pool_counts(p);
}

static void
do_pool_free(const struct oracle_op *op)
{
	struct mb_pool *p = mb_pick_pool(op->a[0]);
	if (p == NULL) {
		oracle_skip("no pool");
		return;
	}
	if (!rte_mempool_full(p->mp)) {
		oracle_skip("mbufs out");
		return;
	}
	rte_mempool_free(p->mp);
	memset(p, 0, sizeof(*p));
	oracle_out("ok");
}

static void
do_pool_info(const struct oracle_op *op)
{
	struct mb_pool *p = mb_pick_pool(op->a[0]);
	if (p == NULL) {
		oracle_skip("no pool");
		return;
	}
	oracle_out("data_room=%u priv=%u", rte_pktmbuf_data_room_size(p->mp),
		   rte_pktmbuf_priv_size(p->mp));
	pool_counts(p);
}

/* ---- alloc / free ---- */

static void
fresh_fields(const struct rte_mbuf *m)
{
	oracle_out(" port=%u ptype=%#x ol=%#llx", m->port, m->packet_type,
		   (unsigned long long)(m->ol_flags & ~(uint64_t)0));
}

static void
do_alloc(const struct oracle_op *op)
{
	struct mb_pool *p = mb_pick_pool(op->a[0]);
	struct mb_pkt *k = mb_free_slot();
	if (p == NULL || k == NULL) {
		oracle_skip(p == NULL ? "no pool" : "no packet slot");
		return;
	}
	struct rte_mbuf *m = rte_pktmbuf_alloc(p->mp);
	if (m == NULL) {
		oracle_out("NULL");
		pool_counts(p);
		return;
	}
	k->m = m;
	k->refs = 1;
	oracle_out("ok");
	mb_summary(m);
	fresh_fields(m);
	pool_counts(p);
}

static void
do_alloc_bulk(const struct oracle_op *op)
{
	struct mb_pool *p = mb_pick_pool(op->a[0]);
	if (p == NULL) {
		oracle_skip("no pool");
		return;
	}
	unsigned int room = 0;
	for (unsigned int i = 0; i < MB_PKTS; i++)
		room += mb_pkts[i].m == NULL;
	unsigned int n = oracle_count(op->a[1], rte_mempool_avail_count(p->mp));
	if (n == 0 && !oracle_allow_known)
		n = 1; /* mempool-get-0 */
	if (n > room) {
		oracle_skip("no packet slot");
		return;
	}
	struct rte_mbuf *ms[MB_PKTS];
	int ret = rte_pktmbuf_alloc_bulk(p->mp, ms, n);
	if (ret == -ENOBUFS && !oracle_allow_known)
		ret = -ENOENT; /* mempool-get-errno */
	oracle_out("n=%u ret=%s", n, oracle_errname(ret));
	if (ret == 0)
		for (unsigned int i = 0; i < n; i++) {
			struct mb_pkt *k = mb_free_slot();
			k->m = ms[i];
			k->refs = 1;
			if (i == 0)
				mb_summary(ms[i]);
		}
	pool_counts(p);
}

static void
do_free(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		rte_pktmbuf_free(NULL);
		oracle_out("free(NULL)");
		return;
	}
	unsigned int calls = mb_ext_cb_calls;
	rte_pktmbuf_free(k->m);
	if (--k->refs == 0)
		mb_drop(k);
	oracle_out("ok ext_cb=%u", mb_ext_cb_calls - calls);
	for (unsigned int i = 0; i < MB_POOLS; i++)
		if (mb_pools[i].mp != NULL)
			pool_counts(&mb_pools[i]);
}

static void
do_free_bulk(const struct oracle_op *op)
{
	struct rte_mbuf *ms[MB_PKTS];
	unsigned int n = 0, want = op->a[1] % 6;
	for (unsigned int i = 0; i < MB_PKTS && n < want; i++) {
		struct mb_pkt *k = &mb_pkts[(i + op->a[0]) % MB_PKTS];
		if (k->m != NULL && k->refs == 1) {
			ms[n++] = k->m;
			mb_drop(k);
		}
	}
	unsigned int calls = mb_ext_cb_calls;
	rte_pktmbuf_free_bulk(ms, n);
	oracle_out("n=%u ext_cb=%u", n, mb_ext_cb_calls - calls);
	for (unsigned int i = 0; i < MB_POOLS; i++)
		if (mb_pools[i].mp != NULL)
			pool_counts(&mb_pools[i]);
}

static void
do_free_seg(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL || k->refs != 1 || k->m->nb_segs != 1) {
		oracle_skip("no one-segment packet");
		return;
	}
	unsigned int calls = mb_ext_cb_calls;
	rte_pktmbuf_free_seg(k->m);
	mb_drop(k);
	oracle_out("ok ext_cb=%u", mb_ext_cb_calls - calls);
}

/* ---- data ---- */

static void
pattern(unsigned char *d, uint32_t len)
{
	uint32_t s = ++write_seq;
	for (uint32_t i = 0; i < len; i++)
		d[i] = (unsigned char)(s * 131 + i * 7 + (i >> 8));
}

static void
do_append(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	struct rte_mbuf *last = rte_pktmbuf_lastseg(k->m);
	uint16_t len = (uint16_t)oracle_count(op->a[1], rte_pktmbuf_tailroom(last));
	char *d = rte_pktmbuf_append(k->m, len);
	oracle_out("len=%u %s", len, d == NULL ? "NULL" : "ok");
	if (d != NULL) {
		pattern((unsigned char *)d, len);
		if (d != rte_pktmbuf_mtod_offset(last, char *, last->data_len - len))
			oracle_bad("append returned another place than the tail");
	}
	mb_summary(k->m);
}

static void
do_prepend(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	uint16_t len = (uint16_t)oracle_count(op->a[1], rte_pktmbuf_headroom(k->m));
	char *d = rte_pktmbuf_prepend(k->m, len);
	oracle_out("len=%u %s", len, d == NULL ? "NULL" : "ok");
	if (d != NULL) {
		pattern((unsigned char *)d, len);
		if (d != rte_pktmbuf_mtod(k->m, char *))
			oracle_bad("prepend returned another place than the head");
	}
	mb_summary(k->m);
}

static void
do_adj(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	uint16_t len = (uint16_t)oracle_count(op->a[1], k->m->data_len);
	char *d = rte_pktmbuf_adj(k->m, len);
	oracle_out("len=%u %s", len, d == NULL ? "NULL" : "ok");
	if (d != NULL && d != rte_pktmbuf_mtod(k->m, char *))
		oracle_bad("adj returned another place than the new head");
	mb_summary(k->m);
}

static void
do_trim(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	uint16_t len = (uint16_t)oracle_count(op->a[1], rte_pktmbuf_lastseg(k->m)->data_len);
	int ret = rte_pktmbuf_trim(k->m, len);
	oracle_out("len=%u ret=%d", len, ret);
	mb_summary(k->m);
}

static void
do_read(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	uint32_t plen = k->m->pkt_len;
	uint32_t off = oracle_count(op->a[1], plen);
	uint32_t len = oracle_count(op->a[2], plen - (off < plen ? off : plen));
	if (len > 65536)
		len = 65536;
	/* DPDK 22.11 walks past the last segment (SIGSEGV) for a read of 0
	 * bytes at the very end of a packet whose first segment ends before
	 * it; dpkit returns a pointer. (mbuf-read-empty-end) */
	if (len == 0 && off == plen && off > 0 && !oracle_allow_known)
		off--;
	const unsigned char *d = rte_pktmbuf_read(k->m, off, len, scratch);
	oracle_out("off=%u len=%u", off, len);
	if (d == NULL)
		oracle_out(" NULL");
	else
		oracle_out(" h=%08x %s", (unsigned int)oracle_hash(d, len, ORACLE_HASH_INIT),
			   d == scratch ? "copied" : "direct");
}

/* write bytes through the segments (22.11 has no rte_pktmbuf_write) */
static void
do_write(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL || k->m->pkt_len == 0) {
		oracle_skip("no data");
		return;
	}
	uint32_t off = op->a[1] % k->m->pkt_len;
	uint32_t len = 1 + op->a[2] % (k->m->pkt_len - off);
	unsigned char tmp[256];
	uint32_t done = 0;
	struct rte_mbuf *s = k->m;
	while (s != NULL && off >= s->data_len) {
		off -= s->data_len;
		s = s->next;
	}
	while (s != NULL && done < len) {
		uint32_t n = s->data_len - off;
		if (n > len - done)
			n = len - done;
		if (n > sizeof(tmp))
			n = sizeof(tmp);
		pattern(tmp, n);
		memcpy(rte_pktmbuf_mtod_offset(s, char *, off), tmp, n);
		done += n;
		off += n;
		if (off == s->data_len) {
			s = s->next;
			off = 0;
		}
	}
	oracle_out("len=%u", done);
	mb_summary(k->m);
}

/* ---- chains ---- */

static void
do_chain(const struct oracle_op *op)
{
	struct mb_pkt *h = mb_pick(op->a[0]);
	struct mb_pkt *t = mb_pick(op->a[1]);
	if (h == NULL || t == NULL || h == t || h->refs != 1 || t->refs != 1) {
		oracle_skip("no two packets");
		return;
	}
	int ret = rte_pktmbuf_chain(h->m, t->m);
	oracle_out("ret=%s", oracle_errname(ret));
	if (ret == 0) {
		bool dyn[MB_DYN];
		memcpy(dyn, h->dyn_set, sizeof(dyn));
		mb_drop(t);
		memcpy(h->dyn_set, dyn, sizeof(dyn));
	}
	mb_summary(h->m);
}

static void
do_linearize(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL || k->refs != 1) {
		oracle_skip("no packet");
		return;
	}
	/* a chain holding the first segment's own buffer again (a clone of
	 * itself chained on) would copy onto its own source: undefined in
	 * both libraries */
	for (struct rte_mbuf *s = k->m->next; s != NULL; s = s->next)
		if (s->buf_addr == k->m->buf_addr) {
			oracle_skip("chain shares the first segment's buffer");
			return;
		}
	int ret = rte_pktmbuf_linearize(k->m);
	oracle_out("ret=%d", ret);
	mb_summary(k->m);
	for (unsigned int i = 0; i < MB_POOLS; i++)
		if (mb_pools[i].mp != NULL)
			pool_counts(&mb_pools[i]);
}

static void
do_reset(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL || !mb_fresh(k)) {
		oracle_skip("no fresh packet");
		return;
	}
	rte_pktmbuf_reset(k->m);
	oracle_out("ok");
	mb_summary(k->m);
	fresh_fields(k->m);
}

static void
do_info(const struct oracle_op *op)
{
	struct mb_pkt *k = mb_pick(op->a[0]);
	if (k == NULL) {
		oracle_skip("no packet");
		return;
	}
	const struct rte_mbuf *last = rte_pktmbuf_lastseg(k->m);
	oracle_out("last_dl=%u pkt_len=%u data_len=%u", last->data_len, rte_pktmbuf_pkt_len(k->m),
		   rte_pktmbuf_data_len(k->m));
	mb_summary(k->m);
}

/* ---- sequence ---- */

static void
mb_begin(void)
{
	write_seq = 0;
	mb_ext_cb_calls = 0;
	memset(mb_dyn_seen, 0, sizeof(mb_dyn_seen));
}

static void
mb_exec(const struct oracle_op *op)
{
	switch ((enum op)op->code) {
	case OP_POOL_CREATE: do_pool_create(op); break;
	case OP_POOL_FREE: do_pool_free(op); break;
	case OP_POOL_INFO: do_pool_info(op); break;
	case OP_ALLOC: do_alloc(op); break;
	case OP_ALLOC_BULK: do_alloc_bulk(op); break;
	case OP_FREE: do_free(op); break;
	case OP_FREE_BULK: do_free_bulk(op); break;
	case OP_FREE_SEG: do_free_seg(op); break;
	case OP_APPEND: do_append(op); break;
	case OP_PREPEND: do_prepend(op); break;
	case OP_ADJ: do_adj(op); break;
	case OP_TRIM: do_trim(op); break;
	case OP_READ: do_read(op); break;
	case OP_WRITE: do_write(op); break;
	case OP_CHAIN: do_chain(op); break;
	case OP_LINEARIZE: do_linearize(op); break;
	case OP_RESET: do_reset(op); break;
	case OP_INFO: do_info(op); break;
	case OP_CLONE: mb_clone(op); break;
	case OP_ATTACH: mb_attach(op); break;
	case OP_DETACH: mb_detach(op); break;
	case OP_EXTBUF: mb_extbuf(op); break;
	case OP_REFCNT: mb_refcnt(op); break;
	case OP_COPY: mb_copy(op); break;
	case OP_DYN_REGISTER: mb_dyn_register(op); break;
	case OP_DYN_SET: mb_dyn_set(op); break;
	case OP_DYN_GET: mb_dyn_get(op); break;
	case OP_OLFLAG_NAME: mb_olflag_name(op); break;
	case OP_OLFLAG_LIST: mb_olflag_list(op); break;
	case OP_CHECK: mb_check(op); break;
	case OP_LPOOL: mb_lpool(op); break;
	case OP_LPOOL_NAME: mb_lpool_name(op); break;
	case OP_LFREE_BULK: mb_lfree_bulk(op); break;
	case OP_LDYNFIELD: mb_ldynfield(op); break;
	case OP_LDYNFLAG: mb_ldynflag(op); break;
	case OP_LTS: mb_lts(op); break;
	default: oracle_skip("unknown op");
	}
}

static void
mb_end(void)
{
	/* every packet freed as often as it is owed, then every pool must be
	 * full again and every external buffer's callback must have run */
	for (unsigned int i = 0; i < MB_PKTS; i++)
		while (mb_pkts[i].m != NULL) {
			rte_pktmbuf_free(mb_pkts[i].m);
			if (--mb_pkts[i].refs == 0)
				mb_drop(&mb_pkts[i]);
		}
	for (unsigned int i = 0; i < MB_POOLS; i++) {
		struct mb_pool *p = &mb_pools[i];
		if (p->mp == NULL)
			continue;
		oracle_out("p%u", i);
		pool_counts(p);
		if (!rte_mempool_full(p->mp))
			oracle_bad("pool %u: %u of %u mbufs back", i,
				   rte_mempool_avail_count(p->mp), p->n);
		rte_mempool_free(p->mp);
		memset(p, 0, sizeof(*p));
	}
	for (unsigned int i = 0; i < MB_EXTS; i++) {
		if (mb_exts[i].live)
			oracle_bad("external buffer %u: free callback never ran", i);
		rte_free(mb_exts[i].mem);
		memset(&mb_exts[i], 0, sizeof(mb_exts[i]));
	}
	oracle_out(" ext_cb=%u", mb_ext_cb_calls);
}

const struct oracle_lib oracle_mbuf = {
	.name = "mbuf",
	.op_names = names,
	.weights = weights,
	.n_ops = N_OPS,
	.begin = mb_begin,
	.exec = mb_exec,
	.end = mb_end,
};
