/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Ring steps. Elements carry tokens (a sequence counter written into every
 * 32-bit word of the element), so "which element came back" is compared
 * across libraries: a ring is FIFO by definition. Besides the comparison,
 * each slot keeps a model queue of the tokens it should hold; a library
 * that returns a count or a token the model does not expect prints BAD,
 * which finds bugs even where DPDK is not installed.
 *
 * Sync-specific calls (rte_ring_mp_*, _sp_*, _rts_*, _hts_*, peek, zero
 * copy) are only made on rings whose sync type allows them; anything else
 * reads the head/tail words of the wrong layout, which neither library
 * defines.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>

#include "oracle_ring.h"

struct slot slots[SLOTS];
static uint32_t next_token;
static unsigned char buf[(MAX_COUNT + 8) * MAX_ESIZE];
static unsigned char buf2[(MAX_COUNT + 8) * MAX_ESIZE];

enum op {
	OP_CREATE,
	OP_FREE,
	OP_LOOKUP,
	OP_RESET,
	OP_COUNTS,
	OP_ENQ,
	OP_DEQ,
	OP_MEMSIZE,
	OP_LCREATE,
	OP_LLOOKUP,
	N_OPS
};
static const char *const names[N_OPS] = {
	"create", "free", "lookup",  "reset",   "counts",
	"enq",    "deq",  "memsize", "lcreate", "llookup",
};
/* lcreate and llookup take literal arguments: scripts only (weight 0) */
static const unsigned int weights[N_OPS] = {3, 2, 1, 1, 3, 20, 20, 1, 0, 0};

static const unsigned int esizes[] = {8, 4, 8, 16, 20, 12, 32, 6 /* bad */};

/* ---- element data ---- */

static void
fill(unsigned char *p, unsigned int esize, uint32_t token)
{
	for (unsigned int w = 0; w < esize / 4; w++) {
		uint32_t v = w == 0 ? token : token * 0x9e3779b1u + w;
		memcpy(p + w * 4, &v, 4);
	}
}

static uint32_t
token_of(const unsigned char *p, unsigned int esize, bool *ok)
{
	uint32_t t;
	memcpy(&t, p, 4);
	for (unsigned int w = 1; w < esize / 4; w++) {
		uint32_t v;
		memcpy(&v, p + w * 4, 4);
		if (v != t * 0x9e3779b1u + w)
			*ok = false;
	}
	return t;
}

static const char *
sync_name(enum rte_ring_sync_type s)
{
	switch (s) {
	case RTE_RING_SYNC_MT: return "MT";
	case RTE_RING_SYNC_ST: return "ST";
	case RTE_RING_SYNC_MT_RTS: return "RTS";
	case RTE_RING_SYNC_MT_HTS: return "HTS";
	}
	return "?";
}

/* ---- model ---- */

static void
model_push(struct slot *s, const unsigned char *src, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		bool ok = true;
		s->q[(s->head + s->len) % (s->cap + 1)] = token_of(src + (size_t)i * s->esize,
								   s->esize, &ok);
		s->len++;
	}
}

/* Check n dequeued elements against the model; consume m of them. */
static void
model_take(struct slot *s, const unsigned char *src, unsigned int n, unsigned int m, uint64_t *h)
{
	for (unsigned int i = 0; i < n; i++) {
		bool ok = true;
		uint32_t t = token_of(src + (size_t)i * s->esize, s->esize, &ok);
		*h = oracle_hash(&t, sizeof(t), *h);
		if (i >= s->len) {
			oracle_bad("element %u of %u: model holds %u", i, n, s->len);
			return;
		}
		uint32_t want = s->q[(s->head + i) % (s->cap + 1)];
		if (!ok || t != want) {
			oracle_bad("element %u is token %u (%s), expected %u", i, t,
				   ok ? "intact" : "corrupt", want);
			return;
		}
	}
	s->head = (s->head + m) % (s->cap + 1);
	s->len -= m;
}

/* ---- create / free ---- */

static unsigned int
flags_of(uint32_t raw)
{
	static const unsigned int pf[] = {0, RING_F_SP_ENQ, RING_F_MP_RTS_ENQ, RING_F_MP_HTS_ENQ};
	static const unsigned int cf[] = {0, RING_F_SC_DEQ, RING_F_MC_RTS_DEQ, RING_F_MC_HTS_DEQ};
	unsigned int f = pf[raw & 3] | cf[(raw >> 2) & 3];
	if (raw & 0x10)
		f |= RING_F_EXACT_SZ;
	switch ((raw >> 5) % 64) {
	case 0: f |= RING_F_SP_ENQ | RING_F_MP_RTS_ENQ; break; /* two modes */
	case 1: f |= RING_F_MC_HTS_DEQ | RING_F_SC_DEQ; break;
	case 2: f |= 0x1000; break; /* unknown */
	default: break;
	}
	return f;
}

/* The raw-th live slot (steps on rings mostly find one), else slot raw. */
static struct slot *
live_slot(uint32_t raw)
{
	unsigned int live = 0;
	for (unsigned int i = 0; i < SLOTS; i++)
		live += slots[i].r != NULL;
	if (live == 0 || raw % 8 == 7)
		return &slots[raw % SLOTS];
	raw %= live;
	for (unsigned int i = 0; i < SLOTS; i++)
		if (slots[i].r != NULL && raw-- == 0)
			return &slots[i];
	return &slots[0];
}

static void
slot_forget(struct slot *s)
{
	free(s->q);
	memset(s, 0, sizeof(*s));
}

static void
do_create(const struct oracle_op *op)
{
	struct slot *s = &slots[op->a[0] % SLOTS];
	unsigned int esize = esizes[op->a[2] % 8];
	bool legacy = op->a[2] % 8 == 0;
	unsigned int flags = flags_of(op->a[3]);
	uint32_t count;
	char name[64];

	if (s->r != NULL) {
		oracle_skip("slot in use");
		return;
	}
	switch ((op->a[1] >> 28) % 16) {
	case 0: count = 0x80000000u; break; /* past RTE_RING_SZ_MASK */
	case 1: count = 0x7fffffffu; break;
	default:
		count = oracle_count(op->a[1] & 0x0fffffff, 64 << (op->a[1] % 7));
		if (count > MAX_COUNT)
			count = MAX_COUNT;
		break;
	}
	if (count >= MAX_COUNT && (flags & RING_F_EXACT_SZ))
		count = MAX_COUNT - 1;
	/* DPDK 22.11 takes 0 for a power of two and makes a ring of size 0
	 * and capacity 2^32 - 1 (writes past its end); dpkit says EINVAL.
	 * doc/guides/prog_guide/differential_testing.rst, ring-count-0 */
	if (count == 0 && !oracle_allow_known)
		count = 1; /* with EXACT_SZ: DPDK a ring of capacity 0, dpkit EINVAL */
	/* names: fresh, the longest accepted and one past, a live one */
	switch (op->a[4] % 16) {
	case 0:
		memset(name, 'n', 28);
		name[28] = '\0';
		break;
	case 1:
		memset(name, 'n', 29);
		name[29] = '\0';
		break;
	case 2:
		memset(name, 'n', 30);
		name[30] = '\0';
		break;
	case 3: {
		struct slot *o = &slots[op->a[4] / 16 % SLOTS];
		if (o->r != NULL && !o->init_made) {
			snprintf(name, sizeof(name), "%s", o->name);
			break;
		}
	}
	/* fall through */
	default: oracle_name(name, sizeof(name), "r", (unsigned int)(s - slots));
	}
	/* one fault per call: which of two faults a library reports first is
	 * not documented (DPDK checks the count before the name, dpkit the
	 * name first) */
	if (op->a[4] % 16 <= 3 && strlen(name) < 29 && op->a[4] % 16 != 3) {
		/* a valid name: any count, size and flags */
	} else if (op->a[4] % 16 <= 3) {
		flags &= RING_F_EXACT_SZ | RING_F_SP_ENQ | RING_F_SC_DEQ;
		if (esize % 4 != 0)
			esize = 4;
		if (!(flags & RING_F_EXACT_SZ) &&
		    (count == 0 || count > MAX_COUNT || (count & (count - 1)) != 0))
			count = 64;
		if (count > MAX_COUNT)
			count = 64;
	}
	bool init = op->a[4] % 16 == 5;
	/* DPDK 22.11's rte_ring_create does not check what rte_ring_init
	 * says of the flags and returns a half-made ring (size 0, no name)
	 * for two modes on one side or an unknown flag; dpkit says EINVAL.
	 * rte_ring_init itself refuses them in both. (ring-create-flags) */
	if (!init && !oracle_allow_known)
		flags &= RING_F_EXACT_SZ | RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_MP_RTS_ENQ |
			 RING_F_MC_RTS_DEQ | RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ;
	if (!init && !oracle_allow_known && (flags & RING_F_SP_ENQ) &&
	    (flags & (RING_F_MP_RTS_ENQ | RING_F_MP_HTS_ENQ)))
		flags &= ~RING_F_SP_ENQ;
	if (!init && !oracle_allow_known && (flags & RING_F_SC_DEQ) &&
	    (flags & (RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ)))
		flags &= ~RING_F_SC_DEQ;
	if (!init && !oracle_allow_known && (flags & RING_F_MP_RTS_ENQ))
		flags &= ~RING_F_MP_HTS_ENQ;
	if (!init && !oracle_allow_known && (flags & RING_F_MC_RTS_DEQ))
		flags &= ~RING_F_MC_HTS_DEQ;
	struct rte_ring *r;
	if (init) {
		/* with EXACT_SZ the slots are the next power of two above */
		uint32_t slots_n = (flags & RING_F_EXACT_SZ) && count < MAX_COUNT
					   ? rte_align32pow2(count + 1)
					   : count;
		ssize_t sz = rte_ring_get_memsize_elem(esize, slots_n);
		if (sz < 0) {
			oracle_out("memsize %s ", oracle_errname((int)sz));
			return;
		}
		r = rte_zmalloc(NULL, (size_t)sz, RTE_CACHE_LINE_SIZE);
		if (r == NULL) {
			oracle_skip("rte_zmalloc");
			return;
		}
		int ret = rte_ring_init(r, name, count, flags);
		if (ret != 0) {
			oracle_out("init %s", oracle_errname(ret));
			rte_free(r);
			return;
		}
	} else if (legacy) {
		r = rte_ring_create(name, count, SOCKET_ID_ANY, flags);
	} else {
		r = rte_ring_create_elem(name, esize, count, SOCKET_ID_ANY, flags);
	}
	if (r == NULL) {
		oracle_out("NULL %s", oracle_errname(rte_errno));
		return;
	}
	if (rte_ring_get_capacity(r) == UINT32_MAX) {
		/* DPDK's ring of size 0 (ring-count-0): unusable, freed at once */
		oracle_out("ok size=%u cap=%u (freed)", rte_ring_get_size(r),
			   rte_ring_get_capacity(r));
		if (init)
			rte_free(r);
		else
			rte_ring_free(r);
		return;
	}
	ring_adopt(s, r, name, esize, init);
}

void
ring_adopt(struct slot *s, struct rte_ring *r, const char *name, unsigned int esize, bool init)
{
	s->r = r;
	s->init_made = init;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->esize = esize;
	s->cap = rte_ring_get_capacity(r);
	s->ps = rte_ring_get_prod_sync_type(r);
	s->cs = rte_ring_get_cons_sync_type(r);
	s->q = calloc(s->cap + 1, sizeof(uint32_t));
	s->head = s->len = 0;
	oracle_out("ok size=%u cap=%u %s/%s count=%u free=%u empty=%d", rte_ring_get_size(r),
		   s->cap, sync_name(s->ps), sync_name(s->cs), rte_ring_count(r),
		   rte_ring_free_count(r), rte_ring_empty(r));
	if (strcmp(r->name, name) != 0)
		oracle_bad("name '%s' stored as '%s'", name, r->name);
}

void
slot_free(struct slot *s)
{
	if (s->init_made) {
		/* not made by rte_ring_create: rte_ring_free refuses it */
		rte_ring_free(s->r);
		rte_free(s->r);
	} else {
		rte_ring_free(s->r);
	}
	slot_forget(s);
}

static void
do_free(const struct oracle_op *op)
{
	struct slot *s = live_slot(op->a[0]);
	if (s->r == NULL) {
		rte_ring_free(NULL);
		oracle_out("free(NULL)");
		return;
	}
	oracle_out("held=%u", s->len);
	slot_free(s);
}

static void
do_lookup(const struct oracle_op *op)
{
	struct slot *s = live_slot(op->a[0]);
	const char *name = s->r != NULL ? s->name : "or_no_such_ring";
	struct rte_ring *r = rte_ring_lookup(name);
	if (r == NULL)
		oracle_out("NULL %s", oracle_errname(rte_errno));
	else if (r == s->r)
		oracle_out("same");
	else
		oracle_out("other");
}

static void
counts(struct slot *s)
{
	struct rte_ring *r = s->r;
	unsigned int c = rte_ring_count(r);
	oracle_out(" count=%u free=%u full=%d empty=%d", c, rte_ring_free_count(r),
		   rte_ring_full(r), rte_ring_empty(r));
	if (c != s->len)
		oracle_bad("count %u, model %u", c, s->len);
}

static void
do_reset(const struct oracle_op *op)
{
	struct slot *s = live_slot(op->a[0]);
	if (s->r == NULL) {
		oracle_skip("empty slot");
		return;
	}
	rte_ring_reset(s->r);
	s->head = s->len = 0;
	oracle_out("ok");
	counts(s);
}

static void
do_counts(const struct oracle_op *op)
{
	struct slot *s = live_slot(op->a[0]);
	if (s->r == NULL) {
		oracle_skip("empty slot");
		return;
	}
	oracle_out("size=%u cap=%u %s/%s", rte_ring_get_size(s->r), rte_ring_get_capacity(s->r),
		   sync_name(rte_ring_get_prod_sync_type(s->r)),
		   sync_name(rte_ring_get_cons_sync_type(s->r)));
	counts(s);
}

static void
do_memsize(const struct oracle_op *op)
{
	/* the size itself is each library's layout: compare success only */
	unsigned int esize = esizes[op->a[0] % 8];
	uint32_t count = op->a[1] % 4 == 0 ? op->a[2] : oracle_count(op->a[2], 1024);
	if (count == 0 && !oracle_allow_known)
		count = 1; /* ring-count-0, as in create */
	ssize_t sz = rte_ring_get_memsize_elem(esize, count);
	oracle_out("esize=%u count=%u %s", esize, count, sz < 0 ? oracle_errname((int)sz) : "ok");
	if (esize == 8) {
		ssize_t sz2 = rte_ring_get_memsize(count);
		if ((sz2 < 0) != (sz < 0) || (sz >= 0 && sz2 != sz))
			oracle_bad("get_memsize %zd, _elem(8) %zd", sz2, sz);
	}
}

/* ---- enqueue / dequeue ---- */

enum how {
	H_BULK,
	H_BURST,
	H_SPECIFIC_BULK,
	H_SPECIFIC_BURST,
	H_SINGLE,
	H_PTR_BULK,
	H_PTR_BURST,
	H_PEEK_BULK,
	H_PEEK_BURST,
	H_ZC_BULK,
	H_ZC_BURST,
	H_LEGACY_SINGLE,
	N_HOW
};

static const char *const how_names[N_HOW] = {"bulk",       "burst",   "sbulk",    "sburst",
					     "single",     "pbulk",   "pburst",   "peek_bulk",
					     "peek_burst", "zc_bulk", "zc_burst", "psingle"};

static unsigned int
enq_specific(struct slot *s, bool bulk, const void *src, unsigned int n, unsigned int *fs)
{
	struct rte_ring *r = s->r;
	unsigned int e = s->esize;
	switch (s->ps) {
	case RTE_RING_SYNC_MT:
		return bulk ? rte_ring_mp_enqueue_bulk_elem(r, src, e, n, fs)
			    : rte_ring_mp_enqueue_burst_elem(r, src, e, n, fs);
	case RTE_RING_SYNC_ST:
		return bulk ? rte_ring_sp_enqueue_bulk_elem(r, src, e, n, fs)
			    : rte_ring_sp_enqueue_burst_elem(r, src, e, n, fs);
	case RTE_RING_SYNC_MT_RTS:
		return bulk ? rte_ring_mp_rts_enqueue_bulk_elem(r, src, e, n, fs)
			    : rte_ring_mp_rts_enqueue_burst_elem(r, src, e, n, fs);
	case RTE_RING_SYNC_MT_HTS:
		return bulk ? rte_ring_mp_hts_enqueue_bulk_elem(r, src, e, n, fs)
			    : rte_ring_mp_hts_enqueue_burst_elem(r, src, e, n, fs);
	}
	return 0;
}

static unsigned int
deq_specific(struct slot *s, bool bulk, void *dst, unsigned int n, unsigned int *av)
{
	struct rte_ring *r = s->r;
	unsigned int e = s->esize;
	switch (s->cs) {
	case RTE_RING_SYNC_MT:
		return bulk ? rte_ring_mc_dequeue_bulk_elem(r, dst, e, n, av)
			    : rte_ring_mc_dequeue_burst_elem(r, dst, e, n, av);
	case RTE_RING_SYNC_ST:
		return bulk ? rte_ring_sc_dequeue_bulk_elem(r, dst, e, n, av)
			    : rte_ring_sc_dequeue_burst_elem(r, dst, e, n, av);
	case RTE_RING_SYNC_MT_RTS:
		return bulk ? rte_ring_mc_rts_dequeue_bulk_elem(r, dst, e, n, av)
			    : rte_ring_mc_rts_dequeue_burst_elem(r, dst, e, n, av);
	case RTE_RING_SYNC_MT_HTS:
		return bulk ? rte_ring_mc_hts_dequeue_bulk_elem(r, dst, e, n, av)
			    : rte_ring_mc_hts_dequeue_burst_elem(r, dst, e, n, av);
	}
	return 0;
}

/* how and n for a step; classic mp/sp calls also run on the other classic
 * mode (an ST ring may be filled by an mp call from one thread) */
static enum how
pick_how(const struct slot *s, uint32_t raw, enum rte_ring_sync_type st)
{
	enum how h = (enum how)(raw % N_HOW);
	bool ptr = s->esize == sizeof(void *);
	bool peekable = st == RTE_RING_SYNC_ST || st == RTE_RING_SYNC_MT_HTS;
	if ((h == H_PTR_BULK || h == H_PTR_BURST || h == H_LEGACY_SINGLE) && !ptr)
		h = h == H_PTR_BURST ? H_BURST : H_BULK;
	if (h >= H_PEEK_BULK && h <= H_ZC_BURST && !peekable)
		h = (h - H_PEEK_BULK) % 2 ? H_SPECIFIC_BURST : H_SPECIFIC_BULK;
	return h;
}

static void
do_enq(const struct oracle_op *op)
{
	struct slot *s = live_slot(op->a[0]);
	if (s->r == NULL) {
		oracle_skip("empty slot");
		return;
	}
	struct rte_ring *r = s->r;
	enum how h = pick_how(s, op->a[1], s->ps);
	uint32_t n = oracle_count(op->a[2], s->cap - s->len);
	unsigned int fs = 0xdeadbeef, *fsp = op->a[3] & 1 ? &fs : NULL;
	unsigned int free_before = s->cap - s->len;
	unsigned int cnt, done, n1 = 0;
	unsigned int fill_n = n < free_before ? n : free_before;
	bool bulk = h == H_BULK || h == H_SPECIFIC_BULK || h == H_PTR_BULK || h == H_PEEK_BULK ||
		    h == H_ZC_BULK;

	if (h == H_SINGLE || h == H_LEGACY_SINGLE) {
		n = fill_n = 1;
		fsp = NULL;
	}
	for (unsigned int i = 0; i < fill_n; i++)
		fill(buf + (size_t)i * s->esize, s->esize, next_token + i);
	switch (h) {
	case H_BULK: cnt = rte_ring_enqueue_bulk_elem(r, buf, s->esize, n, fsp); break;
	case H_BURST: cnt = rte_ring_enqueue_burst_elem(r, buf, s->esize, n, fsp); break;
	case H_SPECIFIC_BULK:
	case H_SPECIFIC_BURST: cnt = enq_specific(s, bulk, buf, n, fsp); break;
	case H_PTR_BULK: cnt = rte_ring_enqueue_bulk(r, (void *const *)buf, n, fsp); break;
	case H_PTR_BURST: cnt = rte_ring_enqueue_burst(r, (void *const *)buf, n, fsp); break;
	case H_SINGLE:
	case H_LEGACY_SINGLE: {
		int ret = h == H_SINGLE ? rte_ring_enqueue_elem(r, buf, s->esize)
					: rte_ring_enqueue(r, *(void **)buf);
		oracle_out("%s ret=%s", how_names[h], oracle_errname(ret));
		cnt = ret == 0;
		break;
	}
	case H_PEEK_BULK:
	case H_PEEK_BURST:
		cnt = bulk ? rte_ring_enqueue_bulk_elem_start(r, n, fsp)
			   : rte_ring_enqueue_burst_elem_start(r, n, fsp);
		done = cnt ? op->a[4] % (cnt + 1) : 0;
		if (op->a[4] & 0x10000)
			done = cnt;
		rte_ring_enqueue_elem_finish(r, buf, s->esize, done);
		oracle_out("%s n=%u cnt=%u done=%u", how_names[h], n, cnt, done);
		if (fsp != NULL)
			oracle_out(" free=%u", fs);
		model_push(s, buf, done);
		next_token += done;
		counts(s);
		return;
	case H_ZC_BULK:
	case H_ZC_BURST: {
		struct rte_ring_zc_data zcd;
		memset(&zcd, 0x5a, sizeof(zcd));
		cnt = bulk ? rte_ring_enqueue_zc_bulk_elem_start(r, s->esize, n, &zcd, fsp)
			   : rte_ring_enqueue_zc_burst_elem_start(r, s->esize, n, &zcd, fsp);
		done = cnt ? op->a[4] % (cnt + 1) : 0;
		if (op->a[4] & 0x10000)
			done = cnt;
		if (cnt != 0) {
			n1 = zcd.n1;
			if (n1 > cnt) {
				oracle_bad("zc n1 %u > %u", n1, cnt);
				n1 = cnt;
			}
			memcpy(zcd.ptr1, buf, (size_t)n1 * s->esize);
			if (cnt > n1)
				memcpy(zcd.ptr2, buf + (size_t)n1 * s->esize,
				       (size_t)(cnt - n1) * s->esize);
		}
		rte_ring_enqueue_zc_elem_finish(r, done);
		oracle_out("%s n=%u cnt=%u n1=%u done=%u", how_names[h], n, cnt, n1, done);
		if (fsp != NULL)
			oracle_out(" free=%u", fs);
		model_push(s, buf, done);
		next_token += done;
		counts(s);
		return;
	}
	default: cnt = 0;
	}
	if (h != H_SINGLE && h != H_LEGACY_SINGLE)
		oracle_out("%s n=%u cnt=%u", how_names[h], n, cnt);
	if (fsp != NULL)
		oracle_out(" free=%u", fs);
	unsigned int want = bulk ? (n <= free_before ? n : 0) : (n < free_before ? n : free_before);
	if (cnt != want)
		oracle_bad("enqueued %u of %u with %u free, expected %u", cnt, n, free_before,
			   want);
	if (fsp != NULL && fs != free_before - (cnt <= free_before ? cnt : 0))
		oracle_bad("free_space %u, expected %u", fs, free_before - cnt);
	if (cnt > fill_n)
		cnt = fill_n;
	model_push(s, buf, cnt);
	next_token += cnt;
	counts(s);
}

static void
do_deq(const struct oracle_op *op)
{
	struct slot *s = live_slot(op->a[0]);
	if (s->r == NULL) {
		oracle_skip("empty slot");
		return;
	}
	struct rte_ring *r = s->r;
	enum how h = pick_how(s, op->a[1], s->cs);
	uint32_t n = oracle_count(op->a[2], s->len);
	unsigned int av = 0xdeadbeef, *avp = op->a[3] & 1 ? &av : NULL;
	unsigned int held = s->len;
	unsigned int cnt, done, n1 = 0;
	uint64_t hash = ORACLE_HASH_INIT;
	bool bulk = h == H_BULK || h == H_SPECIFIC_BULK || h == H_PTR_BULK || h == H_PEEK_BULK ||
		    h == H_ZC_BULK;

	if (h == H_SINGLE || h == H_LEGACY_SINGLE) {
		n = 1;
		avp = NULL;
	}
	memset(buf, 0xee, (size_t)(held + 1) * s->esize);
	switch (h) {
	case H_BULK: cnt = rte_ring_dequeue_bulk_elem(r, buf, s->esize, n, avp); break;
	case H_BURST: cnt = rte_ring_dequeue_burst_elem(r, buf, s->esize, n, avp); break;
	case H_SPECIFIC_BULK:
	case H_SPECIFIC_BURST: cnt = deq_specific(s, bulk, buf, n, avp); break;
	case H_PTR_BULK: cnt = rte_ring_dequeue_bulk(r, (void **)buf, n, avp); break;
	case H_PTR_BURST: cnt = rte_ring_dequeue_burst(r, (void **)buf, n, avp); break;
	case H_SINGLE:
	case H_LEGACY_SINGLE: {
		int ret = h == H_SINGLE ? rte_ring_dequeue_elem(r, buf, s->esize)
					: rte_ring_dequeue(r, (void **)buf);
		oracle_out("%s ret=%s", how_names[h], oracle_errname(ret));
		cnt = ret == 0;
		break;
	}
	case H_PEEK_BULK:
	case H_PEEK_BURST:
		cnt = bulk ? rte_ring_dequeue_bulk_elem_start(r, buf, s->esize, n, avp)
			   : rte_ring_dequeue_burst_elem_start(r, buf, s->esize, n, avp);
		done = cnt ? op->a[4] % (cnt + 1) : 0;
		if (op->a[4] & 0x10000)
			done = cnt;
		rte_ring_dequeue_elem_finish(r, done);
		if (cnt > held) {
			oracle_bad("peeked %u of %u held", cnt, held);
			cnt = held;
		}
		model_take(s, buf, cnt, done, &hash);
		oracle_out("%s n=%u cnt=%u done=%u h=%08x", how_names[h], n, cnt, done,
			   (unsigned int)hash);
		if (avp != NULL)
			oracle_out(" avail=%u", av);
		counts(s);
		return;
	case H_ZC_BULK:
	case H_ZC_BURST: {
		struct rte_ring_zc_data zcd;
		memset(&zcd, 0x5a, sizeof(zcd));
		cnt = bulk ? rte_ring_dequeue_zc_bulk_elem_start(r, s->esize, n, &zcd, avp)
			   : rte_ring_dequeue_zc_burst_elem_start(r, s->esize, n, &zcd, avp);
		done = cnt ? op->a[4] % (cnt + 1) : 0;
		if (op->a[4] & 0x10000)
			done = cnt;
		if (cnt > held) {
			oracle_bad("zc dequeued %u of %u held", cnt, held);
			cnt = 0;
		}
		if (cnt != 0) {
			n1 = zcd.n1 <= cnt ? zcd.n1 : cnt;
			memcpy(buf2, zcd.ptr1, (size_t)n1 * s->esize);
			if (cnt > n1)
				memcpy(buf2 + (size_t)n1 * s->esize, zcd.ptr2,
				       (size_t)(cnt - n1) * s->esize);
		}
		rte_ring_dequeue_zc_elem_finish(r, done);
		model_take(s, buf2, cnt, done, &hash);
		oracle_out("%s n=%u cnt=%u n1=%u done=%u h=%08x", how_names[h], n, cnt, n1, done,
			   (unsigned int)hash);
		if (avp != NULL)
			oracle_out(" avail=%u", av);
		counts(s);
		return;
	}
	default: cnt = 0;
	}
	unsigned int want = bulk ? (n <= held ? n : 0) : (n < held ? n : held);
	if (cnt != want) {
		oracle_bad("dequeued %u of %u with %u held, expected %u", cnt, n, held, want);
		if (cnt > held)
			cnt = held;
	}
	model_take(s, buf, cnt, cnt, &hash);
	if (h != H_SINGLE && h != H_LEGACY_SINGLE)
		oracle_out("%s n=%u cnt=%u", how_names[h], n, cnt);
	oracle_out(" h=%08x", (unsigned int)hash);
	if (avp != NULL) {
		oracle_out(" avail=%u", av);
		if (av != held - cnt)
			oracle_bad("available %u, expected %u", av, held - cnt);
	}
	counts(s);
}

/* ---- sequence ---- */

static void
ring_begin(void)
{
	next_token = 1;
}

static void
ring_exec(const struct oracle_op *op)
{
	switch ((enum op)op->code) {
	case OP_CREATE: do_create(op); break;
	case OP_FREE: do_free(op); break;
	case OP_LOOKUP: do_lookup(op); break;
	case OP_RESET: do_reset(op); break;
	case OP_COUNTS: do_counts(op); break;
	case OP_ENQ: do_enq(op); break;
	case OP_DEQ: do_deq(op); break;
	case OP_MEMSIZE: do_memsize(op); break;
	case OP_LCREATE: ring_lcreate(op); break;
	case OP_LLOOKUP: ring_llookup(op); break;
	default: oracle_skip("unknown op");
	}
}

static void
ring_end(void)
{
	for (unsigned int i = 0; i < SLOTS; i++)
		if (slots[i].r != NULL) {
			oracle_out("r%u:%u ", i, slots[i].len);
			slot_free(&slots[i]);
		}
}

const struct oracle_lib oracle_ring = {
	.name = "ring",
	.op_names = names,
	.weights = weights,
	.n_ops = N_OPS,
	.begin = ring_begin,
	.exec = ring_exec,
	.end = ring_end,
};
