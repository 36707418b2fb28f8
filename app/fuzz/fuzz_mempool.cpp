/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fuzz target: mempool creation parameters. Every way of building a pool
 * (rte_mempool_create, create_empty + set_ops_byname + populate_default /
 * populate_anon / populate_virt, rte_pktmbuf_pool_create_by_ops) with
 * fuzzed counts, sizes, cache sizes, private sizes, flags, socket, names
 * and ops names.
 *
 * Checks: a call either fails with rte_errno set, or returns a pool that
 * holds what it says (every object reachable, usable for its full size, back
 * in the pool after a put), which rte_mempool_free() then releases: the
 * memzones and heap blocks in use afterwards are those of before.
 *
 * Sizes are bounded (about 64 MB per pool, -m 256) so an input stays fast;
 * requests far beyond the EAL memory are still made, where they must fail
 * cleanly without touching the memory.
 */

#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "fuzz_common.h"

namespace {

const char *const ops_names[] = {"ring_mp_mc",  "ring_sp_sc",  "ring_mp_sc", "ring_sp_mc",
				 "ring_mt_rts", "ring_mt_hts", "stack",      "lf_stack"};
constexpr uint64_t max_bytes = 64u << 20; /* objects * element size per pool */
constexpr unsigned max_touch = 32;        /* objects taken out and written */

struct params {
	unsigned n, elt_size, cache_size, priv_size, flags;
	int socket;
	std::string name, ops;
	bool huge_request; /* allowed past max_bytes: must fail, not allocate */
};

params
decode(fuzz::reader &in)
{
	params p;
	uint8_t shape = in.u8();
	p.huge_request = (shape & 0x80) != 0;
	p.n = p.huge_request ? in.u32() : in.u16() % 8193;
	p.elt_size = (shape & 0x40) ? in.u32() : in.u16() % 4097;
	p.cache_size = in.u16() % 1100; /* above RTE_MEMPOOL_CACHE_MAX_SIZE too */
	p.priv_size = in.u16() % 512;
	uint8_t fl = in.u8();
	p.flags = (fl & 0x80) ? in.u32() : (fl & 0x7f);
	switch (in.u8() % 5) {
	case 0: p.socket = SOCKET_ID_ANY; break;
	case 1: p.socket = 0; break;
	case 2: p.socket = RTE_MAX_NUMA_NODES; break;
	case 3: p.socket = -2; break;
	default: p.socket = (int)(in.u8() % 4); break;
	}
	p.name = in.str(40);
	uint8_t ops = in.u8();
	p.ops = ops < 0xf0 ? ops_names[ops % RTE_DIM(ops_names)] : in.str(40);
	return p;
}

/*
 * Anonymous memory is not bounded by -m: keep those pools small. Counted in
 * whole objects (header and padding included): 9.6 M objects of 7 bytes
 * are 64 MB of elements but 1.2 GB of pool, which ran the fuzzer out of
 * its memory limit.
 */
void
bound(params &p)
{
	struct rte_mempool_objsz sz;
	uint64_t per_obj = rte_mempool_calc_obj_size(p.elt_size, p.flags, &sz);
	if (per_obj == 0)
		per_obj = 1;
	if ((uint64_t)p.n * per_obj > max_bytes)
		p.n = (unsigned)(max_bytes / per_obj);
}

unsigned obj_init_calls;

void
obj_init(struct rte_mempool *mp, void *, void *obj, unsigned)
{
	/* the whole element is the user's: ASan checks it is really there */
	memset(obj, 0xa5, mp->elt_size);
	obj_init_calls++;
}

void
pool_init(struct rte_mempool *mp, void *)
{
	memset(rte_mempool_get_priv(mp), 0x5a, mp->private_data_size);
}

void
count_obj(struct rte_mempool *, void *arg, void *, unsigned)
{
	(*(unsigned *)arg)++;
}

void
check_pool(struct rte_mempool *mp, const params &p)
{
	FUZZ_ASSERT(rte_mempool_lookup(p.name.c_str()) == mp, "pool '%s' not found by name",
		    p.name.c_str());
	FUZZ_ASSERT(mp->size == p.n, "size %u, asked %u", mp->size, p.n);
	unsigned populated = mp->populated_size;
	FUZZ_ASSERT(populated <= mp->size, "%u objects in a pool of %u", populated, mp->size);
	unsigned objs = 0;
	rte_mempool_obj_iter(mp, count_obj, &objs);
	FUZZ_ASSERT(objs == populated, "obj_iter saw %u objects, populated %u", objs, populated);
	FUZZ_ASSERT(rte_mempool_avail_count(mp) == populated, "avail %u, populated %u",
		    rte_mempool_avail_count(mp), populated);
	/* size - avail, as DPDK: objects not added yet count as in use */
	FUZZ_ASSERT(rte_mempool_in_use_count(mp) == mp->size - populated,
		    "in use %u of %u (%u populated)", rte_mempool_in_use_count(mp), mp->size,
		    populated);

	void *taken[max_touch];
	unsigned k = RTE_MIN(populated, max_touch);
	if (k > 0) {
		FUZZ_ASSERT(rte_mempool_get_bulk(mp, taken, k) == 0, "get %u of %u available", k,
			    populated);
		for (unsigned i = 0; i < k; i++) {
			FUZZ_ASSERT(rte_mempool_from_obj(taken[i]) == mp, "object of another pool");
			memset(taken[i], (int)i, mp->elt_size);
		}
		rte_mempool_put_bulk(mp, taken, k);
	}
	FUZZ_ASSERT(rte_mempool_avail_count(mp) == populated, "avail %u after put, want %u",
		    rte_mempool_avail_count(mp), populated);
	rte_mempool_audit(mp);
}

void
check_mbuf_pool(struct rte_mempool *mp, uint16_t data_room)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == nullptr)
		return; /* a pool of zero mbufs */
	FUZZ_ASSERT(m->buf_len == data_room, "buf_len %u, data room %u", m->buf_len, data_room);
	uint16_t room = rte_pktmbuf_tailroom(m);
	char *d = rte_pktmbuf_append(m, room);
	FUZZ_ASSERT(room == 0 || d != nullptr, "cannot append the tailroom (%u bytes)", room);
	if (d != nullptr)
		memset(d, 0x3c, room);
	rte_pktmbuf_free(m);
}

void *virt_chunk;

void
free_virt_chunk(struct rte_mempool_memhdr *, void *opaque)
{
	rte_free(opaque);
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	fuzz::eal_init_once("fuzz_mempool", "256");
	/* first pool of each kind: lazily created shared state */
	struct rte_mempool *mp = rte_pktmbuf_pool_create("fuzz_warmup", 64, 0, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	rte_mempool_free(mp);
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz::reader in(data, size);
	uint8_t how = in.u8() % 5;
	params p = decode(in);
	if (!p.huge_request || how == 2)
		bound(p);
	const char *name = p.name.c_str();
	fuzz::memory_usage before = fuzz::memory_usage::now();
	struct rte_mempool *mp = nullptr;

	rte_errno = 0;
	switch (how) {
	case 0:
		obj_init_calls = 0;
		mp = rte_mempool_create(name, p.n, p.elt_size, p.cache_size, p.priv_size, pool_init,
					nullptr, obj_init, nullptr, p.socket, p.flags);
		if (mp != nullptr)
			FUZZ_ASSERT(obj_init_calls == mp->size, "obj_init ran %u times for %u",
				    obj_init_calls, mp->size);
		break;
	case 1:
	case 2:
	case 3: {
		mp = rte_mempool_create_empty(name, p.n, p.elt_size, p.cache_size, p.priv_size,
					      p.socket, p.flags);
		if (mp == nullptr)
			break;
		if (rte_mempool_set_ops_byname(mp, p.ops.c_str(), nullptr) != 0) {
			rte_errno = EINVAL; /* the call returns it; only constructors set it */
			rte_mempool_free(mp);
			mp = nullptr;
			break;
		}
		int ret;
		if (how == 1) {
			ret = rte_mempool_populate_default(mp);
		} else if (how == 2) {
			/* 0 with rte_errno on failure (a refused mlock, too) */
			ret = rte_mempool_populate_anon(mp);
			if (ret == 0)
				ret = -rte_errno;
		} else {
			size_t len = in.u32() % (8u << 20);
			size_t pg = (size_t)1 << (in.u8() % 32);
			virt_chunk = rte_malloc(nullptr, len ? len : 1, 0);
			if (virt_chunk == nullptr) {
				rte_mempool_free(mp);
				mp = nullptr;
				break;
			}
			ret = rte_mempool_populate_virt(mp, (char *)virt_chunk, len, pg,
							free_virt_chunk, virt_chunk);
			if (ret <= 0)
				rte_free(virt_chunk);
		}
		if (ret < 0 || (how != 3 && mp->populated_size != mp->size && mp->size != 0)) {
			/* populate_default and populate_anon fill the pool or fail */
			FUZZ_ASSERT(ret < 0, "populate returned %d but filled %u of %u", ret,
				    mp->populated_size, mp->size);
			rte_errno = -ret;
			rte_mempool_free(mp);
			mp = nullptr;
		}
		break;
	}
	default: {
		uint16_t data_room = (uint16_t)p.elt_size;
		mp = rte_pktmbuf_pool_create_by_ops(name, p.n, p.cache_size, (uint16_t)p.priv_size,
						    data_room, p.socket, p.ops.c_str());
		if (mp != nullptr)
			check_mbuf_pool(mp, data_room);
		break;
	}
	}

	if (mp != nullptr) {
		/* populate_virt fills from the caller's chunk: only part of a huge
		 * pool; every other way must hold it all, in at most -m */
		FUZZ_ASSERT((uint64_t)mp->populated_size * mp->elt_size <= (256ull << 20),
			    "%u objects of %u bytes populated in 256 MB", mp->populated_size,
			    mp->elt_size);
		check_pool(mp, p);
		rte_mempool_free(mp);
		FUZZ_ASSERT(rte_mempool_lookup(name) == nullptr, "pool '%s' still found after free",
			    name);
	} else {
		FUZZ_ASSERT(rte_errno != 0, "a pool call failed without setting rte_errno");
	}
	fuzz::memory_usage after = fuzz::memory_usage::now();
	FUZZ_ASSERT(before == after, "memory in use changed: %s before, %s after",
		    before.describe().c_str(), after.describe().c_str());
	return 0;
}
