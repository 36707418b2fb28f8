/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fuzz target: mbuf chain operations. The input is a program of byte-coded
 * operations (alloc, append, prepend, adj, trim, chain, clone, attach,
 * linearize, read, copy, free, external buffers, sharing by refcnt, bulk
 * free) on up to n_slots packets from one small pool, run against a model:
 * each packet's bytes as a plain string.
 *
 * Checks after every operation: each packet passes rte_mbuf_check(), its
 * pkt_len is the sum of its segments' data_len and nb_segs their count, its
 * bytes (rte_pktmbuf_read) are the model's, and a call failed exactly when
 * the API says it must. At the end of the input every mbuf is back in the
 * pool and every external buffer has been given back.
 *
 * The operations are called the way the API allows (a fresh mbuf to attach
 * to, no data written into a buffer someone else also sees); finding
 * callers' mistakes is not the point.
 */

#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "fuzz_common.h"

namespace {

constexpr unsigned n_slots = 8;
constexpr unsigned pool_size = 96;
constexpr uint16_t data_room = RTE_PKTMBUF_HEADROOM + 128;
constexpr size_t max_ops = 200;

struct rte_mempool *pool;
unsigned ext_buffers_live;

struct packet {
	struct rte_mbuf *m = nullptr;
	std::string bytes; /* the model */
};

packet slots[n_slots];
uint8_t next_byte;

void
fill(char *dst, uint16_t len, std::string &model_part)
{
	model_part.clear();
	for (uint16_t i = 0; i < len; i++) {
		dst[i] = (char)next_byte;
		model_part += (char)next_byte++;
	}
}

/* Nobody else holds this mbuf structure (so its metadata may change). */
bool
own_meta(const struct rte_mbuf *m)
{
	for (; m != nullptr; m = m->next)
		if (rte_mbuf_refcnt_read(m) != 1)
			return false;
	return true;
}

/* Nobody else sees the data buffer of this segment (so bytes may be written). */
bool
own_data(const struct rte_mbuf *seg)
{
	if (rte_mbuf_refcnt_read(seg) != 1)
		return false;
	if (RTE_MBUF_DIRECT(seg))
		return true;
	return RTE_MBUF_HAS_EXTBUF(seg) && rte_mbuf_ext_refcnt_read(seg->shinfo) == 1;
}

void
ext_free(void *addr, void *)
{
	free(addr);
	ext_buffers_live--;
}

void
check_packet(unsigned s)
{
	const packet &p = slots[s];
	if (p.m == nullptr)
		return;
	const char *reason = nullptr;
	FUZZ_ASSERT(rte_mbuf_check(p.m, 1, &reason) == 0, "slot %u: rte_mbuf_check: %s", s,
		    reason ? reason : "?");
	uint32_t sum = 0;
	uint16_t segs = 0;
	for (const struct rte_mbuf *seg = p.m; seg != nullptr; seg = seg->next) {
		sum += seg->data_len;
		segs++;
		FUZZ_ASSERT(seg->data_off + seg->data_len <= seg->buf_len,
			    "slot %u: segment data past its buffer", s);
	}
	FUZZ_ASSERT(sum == p.m->pkt_len, "slot %u: pkt_len %u, segments hold %u", s, p.m->pkt_len,
		    sum);
	FUZZ_ASSERT(segs == p.m->nb_segs, "slot %u: nb_segs %u, %u segments", s, p.m->nb_segs,
		    segs);
	FUZZ_ASSERT(p.bytes.size() == p.m->pkt_len, "slot %u: pkt_len %u, model %zu", s,
		    p.m->pkt_len, p.bytes.size());
	std::string buf(p.bytes.size(), '\0');
	const void *d = rte_pktmbuf_read(p.m, 0, (uint32_t)buf.size(), buf.data());
	FUZZ_ASSERT(buf.empty() || d != nullptr, "slot %u: cannot read its %zu bytes", s,
		    buf.size());
	FUZZ_ASSERT(buf.empty() || memcmp(d, p.bytes.data(), buf.size()) == 0,
		    "slot %u: bytes differ from the model", s);
}

int
empty_slot(uint8_t hint)
{
	for (unsigned i = 0; i < n_slots; i++) {
		unsigned s = (hint + i) % n_slots;
		if (slots[s].m == nullptr)
			return (int)s;
	}
	return -1;
}

int
full_slot(uint8_t hint)
{
	for (unsigned i = 0; i < n_slots; i++) {
		unsigned s = (hint + i) % n_slots;
		if (slots[s].m != nullptr)
			return (int)s;
	}
	return -1;
}

/* One mbuf into an empty slot. */
void
op_alloc(fuzz::reader &in, int)
{
	int e = empty_slot(in.u8());
	if (e < 0)
		return;
	slots[e].m = rte_pktmbuf_alloc(pool);
	slots[e].bytes.clear();
}

/* Append up to 299 bytes to the last segment. */
void
op_append(fuzz::reader &in, int a)
{
	uint16_t len = in.u16() % 300;
	if (a < 0 || !own_meta(slots[a].m) || !own_data(rte_pktmbuf_lastseg(slots[a].m)))
		return;
	uint16_t room = rte_pktmbuf_tailroom(rte_pktmbuf_lastseg(slots[a].m));
	char *d = rte_pktmbuf_append(slots[a].m, len);
	FUZZ_ASSERT((d != nullptr) == (len <= room), "append %u with tailroom %u: %p", len, room,
		    (void *)d);
	if (d != nullptr) {
		std::string part;
		fill(d, len, part);
		slots[a].bytes += part;
	}
}

/* Prepend up to 299 bytes to the first segment. */
void
op_prepend(fuzz::reader &in, int a)
{
	uint16_t len = in.u16() % 300;
	if (a < 0 || !own_meta(slots[a].m) || !own_data(slots[a].m))
		return;
	uint16_t room = rte_pktmbuf_headroom(slots[a].m);
	char *d = rte_pktmbuf_prepend(slots[a].m, len);
	FUZZ_ASSERT((d != nullptr) == (len <= room), "prepend %u with headroom %u", len, room);
	if (d != nullptr) {
		std::string part;
		fill(d, len, part);
		slots[a].bytes = part + slots[a].bytes;
	}
}

/* Remove up to 299 bytes from the front. */
void
op_adj(fuzz::reader &in, int a)
{
	uint16_t len = in.u16() % 300;
	if (a < 0 || !own_meta(slots[a].m))
		return;
	uint16_t first = slots[a].m->data_len;
	char *d = rte_pktmbuf_adj(slots[a].m, len);
	FUZZ_ASSERT((d != nullptr) == (len <= first), "adj %u of a %u-byte segment", len, first);
	if (d != nullptr)
		slots[a].bytes.erase(0, len);
}

/* Remove up to 299 bytes from the back. */
void
op_trim(fuzz::reader &in, int a)
{
	uint16_t len = in.u16() % 300;
	if (a < 0 || !own_meta(slots[a].m))
		return;
	uint16_t last = rte_pktmbuf_lastseg(slots[a].m)->data_len;
	int ret = rte_pktmbuf_trim(slots[a].m, len);
	FUZZ_ASSERT((ret == 0) == (len <= last), "trim %u of a %u-byte segment: %d", len, last,
		    ret);
	if (ret == 0)
		slots[a].bytes.resize(slots[a].bytes.size() - len);
}

/* Chain another packet b after a. */
void
op_chain(fuzz::reader &in, int a)
{
	int b = full_slot((uint8_t)(a + 1 + in.u8() % (n_slots - 1)));
	if (a < 0 || b < 0 || a == b || !own_meta(slots[a].m) || !own_meta(slots[b].m))
		return;
	if (rte_pktmbuf_chain(slots[a].m, slots[b].m) == 0) {
		slots[a].bytes += slots[b].bytes;
		slots[b].m = nullptr;
		slots[b].bytes.clear();
	}
}

/* Clone a into an empty slot. */
void
op_clone(fuzz::reader &in, int a)
{
	int e = empty_slot(in.u8());
	if (a < 0 || e < 0)
		return;
	unsigned avail = rte_mempool_avail_count(pool);
	slots[e].m = rte_pktmbuf_clone(slots[a].m, pool);
	FUZZ_ASSERT(slots[e].m != nullptr || avail < slots[a].m->nb_segs,
		    "clone of %u segments failed with %u mbufs free", slots[a].m->nb_segs, avail);
	if (slots[e].m == nullptr)
		FUZZ_ASSERT(rte_mempool_avail_count(pool) == avail, "a failed clone kept mbufs");
	slots[e].bytes = slots[a].bytes;
}

/* Attach a fresh mbuf to a's first segment. */
void
op_attach(fuzz::reader &in, int a)
{
	int e = empty_slot(in.u8());
	if (a < 0 || e < 0)
		return;
	struct rte_mbuf *mi = rte_pktmbuf_alloc(pool);
	if (mi == nullptr)
		return;
	rte_pktmbuf_attach(mi, slots[a].m);
	slots[e].m = mi;
	slots[e].bytes = slots[a].bytes.substr(0, slots[a].m->data_len);
}

/* Linearize a into its first segment. */
void
op_linearize(fuzz::reader &, int a)
{
	if (a < 0 || !own_meta(slots[a].m) || !own_data(slots[a].m))
		return;
	struct rte_mbuf *m = slots[a].m;
	bool fits = rte_pktmbuf_tailroom(m) >= m->pkt_len - m->data_len;
	int ret = rte_pktmbuf_linearize(m);
	FUZZ_ASSERT((ret == 0) == fits, "linearize: %d, room for the rest: %d", ret, fits);
	if (ret == 0)
		FUZZ_ASSERT(m->nb_segs == 1 && rte_pktmbuf_is_contiguous(m),
			    "linearized packet has %u segments", m->nb_segs);
}

/* Read a window. */
void
op_read(fuzz::reader &in, int a)
{
	uint32_t off = in.u16() % 400, len = in.u16() % 600;
	if (a < 0)
		return;
	std::string buf(len, '\0');
	const void *d = rte_pktmbuf_read(slots[a].m, off, len, buf.data());
	bool inside = (uint64_t)off + len <= slots[a].m->pkt_len;
	FUZZ_ASSERT((d != nullptr) == inside, "read %u at %u of %u bytes", len, off,
		    slots[a].m->pkt_len);
	if (d != nullptr)
		FUZZ_ASSERT(memcmp(d, slots[a].bytes.data() + off, len) == 0,
			    "read %u at %u: bytes differ from the model", len, off);
}

/* Copy a window into new mbufs. */
void
op_copy(fuzz::reader &in, int a)
{
	int e = empty_slot(in.u8());
	uint32_t off = in.u16() % 400;
	uint8_t l = in.u8();
	uint32_t len = l == 0xff ? UINT32_MAX : (uint32_t)l * 3;
	if (a < 0 || e < 0)
		return;
	struct rte_mbuf *c = rte_pktmbuf_copy(slots[a].m, pool, off, len);
	if (off > slots[a].m->pkt_len)
		FUZZ_ASSERT(c == nullptr, "copy from %u of a %u-byte packet", off,
			    slots[a].m->pkt_len);
	if (c != nullptr) {
		slots[e].m = c;
		slots[e].bytes = slots[a].bytes.substr(off, len);
	}
}

/* Free a. */
void
op_free(fuzz::reader &, int a)
{
	if (a < 0)
		return;
	rte_pktmbuf_free(slots[a].m);
	slots[a].m = nullptr;
	slots[a].bytes.clear();
}

/* A fresh mbuf on an external buffer. */
void
op_extbuf(fuzz::reader &in, int)
{
	int e = empty_slot(in.u8());
	uint16_t len = (uint16_t)(sizeof(struct rte_mbuf_ext_shared_info) + in.u8() * 2);
	if (e < 0)
		return;
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	if (m == nullptr)
		return;
	void *buf = malloc(len);
	FUZZ_ASSERT(buf != nullptr, "malloc");
	ext_buffers_live++;
	uint16_t buf_len = len;
	struct rte_mbuf_ext_shared_info *shinfo = rte_pktmbuf_ext_shinfo_init_helper(
		buf, &buf_len, ext_free, nullptr);
	if (shinfo == nullptr) {
		ext_free(buf, nullptr);
		rte_pktmbuf_free(m);
		return;
	}
	rte_pktmbuf_attach_extbuf(m, buf, RTE_BAD_IOVA, buf_len, shinfo);
	rte_pktmbuf_reset_headroom(m);
	slots[e].m = m;
	slots[e].bytes.clear();
}

/* Share: one more reference to the same packet. */
void
op_share(fuzz::reader &in, int a)
{
	int e = empty_slot(in.u8());
	if (a < 0 || e < 0)
		return;
	rte_pktmbuf_refcnt_update(slots[a].m, 1);
	slots[e] = slots[a];
}

/* Free several at once. */
void
op_free_bulk(fuzz::reader &in, int)
{
	uint8_t mask = in.u8();
	struct rte_mbuf *ms[n_slots];
	unsigned n = 0;
	for (unsigned s = 0; s < n_slots; s++) {
		if ((mask >> s & 1) && slots[s].m != nullptr) {
			ms[n++] = slots[s].m;
			slots[s].m = nullptr;
			slots[s].bytes.clear();
		}
	}
	rte_pktmbuf_free_bulk(ms, n);
}

/* Allocate several at once. */
void
op_alloc_bulk(fuzz::reader &in, int)
{
	unsigned want = in.u8() % (n_slots + 1), n = 0;
	int free_slots[n_slots];
	for (unsigned s = 0; s < n_slots && n < want; s++)
		if (slots[s].m == nullptr)
			free_slots[n++] = (int)s;
	struct rte_mbuf *ms[n_slots];
	unsigned avail = rte_mempool_avail_count(pool);
	int ret = rte_pktmbuf_alloc_bulk(pool, ms, n);
	FUZZ_ASSERT((ret == 0) == (n <= avail), "alloc_bulk %u with %u free: %d", n, avail, ret);
	for (unsigned i = 0; ret == 0 && i < n; i++) {
		FUZZ_ASSERT(ms[i]->pkt_len == 0 && ms[i]->nb_segs == 1,
			    "alloc_bulk gave a used mbuf");
		slots[free_slots[i]].m = ms[i];
		slots[free_slots[i]].bytes.clear();
	}
}

/*
 * The operations by code, a table rather than a switch: each one reads the
 * rest of its arguments from the input, @a is a slot holding a packet (or
 * -1) picked by the byte after the code.
 */
using op_fn = void (*)(fuzz::reader &in, int a);
const op_fn ops[] = {
	op_alloc,  op_append, op_prepend,   op_adj,        op_trim, op_chain,
	op_clone,  op_attach, op_linearize, op_read,       op_copy, op_free,
	op_extbuf, op_share,  op_free_bulk, op_alloc_bulk,
};
static_assert(RTE_DIM(ops) == 16, "the op code is a byte modulo 16");

void
run_op(fuzz::reader &in)
{
	uint8_t op = in.u8() % RTE_DIM(ops);
	int a = full_slot(in.u8());
	ops[op](in, a);
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	fuzz::eal_init_once("fuzz_mbuf", "64");
	pool = rte_pktmbuf_pool_create("fuzz_mbufs", pool_size, 0, 0, data_room, SOCKET_ID_ANY);
	if (pool == nullptr) {
		fprintf(stderr, "fuzz_mbuf: cannot create the pool: %s\n", rte_strerror(rte_errno));
		exit(1);
	}
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz::reader in(data, size);
	next_byte = 0;
	for (size_t i = 0; i < max_ops && !in.empty(); i++) {
		run_op(in);
		for (unsigned s = 0; s < n_slots; s++)
			check_packet(s);
	}
	for (packet &p : slots) {
		rte_pktmbuf_free(p.m);
		p.m = nullptr;
		p.bytes.clear();
	}
	FUZZ_ASSERT(rte_mempool_avail_count(pool) == pool_size, "%u of %u mbufs back in the pool",
		    rte_mempool_avail_count(pool), pool_size);
	FUZZ_ASSERT(ext_buffers_live == 0, "%u external buffers not given back", ext_buffers_live);
	return 0;
}
