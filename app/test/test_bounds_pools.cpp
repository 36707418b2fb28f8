/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * bounds_pools_autotest: every size and count argument of ring, mempool
 * and mbuf at 0, 1, 2^k +- 1 and UINT32_MAX (test_bounds.h; these
 * arguments are 32 bits or less), against DPDK 22.11's documented rules:
 *
 *  - ring: rte_ring_get_memsize(_elem) is -EINVAL unless the count is a
 *    power of two up to RTE_RING_SZ_MASK and the element size a multiple
 *    of 4, else the header plus the slots rounded to a cache line;
 *    rte_ring_create(_elem) fails with EINVAL for the same (RING_F_EXACT_SZ:
 *    a count up to RTE_RING_SZ_MASK / 2), else gives a ring of that
 *    capacity or ENOMEM; enqueue/dequeue bulk take all n or none, burst as
 *    many as fit, in every sync mode, contents in FIFO order.
 *  - mempool: create/create_empty are EINVAL for a cache above
 *    min(RTE_MEMPOOL_CACHE_MAX_SIZE, n / 1.5) or unknown flags, else a pool
 *    of n objects of at least elt_size bytes (private area of the asked
 *    size) or ENOMEM; rte_mempool_calc_obj_size adds up; get_bulk takes n
 *    or none (-ENOENT); populate_iova/virt add what fits (0 when nothing
 *    does), inside the chunk.
 *  - mbuf: rte_pktmbuf_pool_create is EINVAL for a cache too large or a
 *    private size not a multiple of RTE_MBUF_PRIV_ALIGN; alloc_bulk takes
 *    count or none; append/prepend/adj/trim change the packet by len or
 *    refuse and leave it as it was; rte_pktmbuf_read refuses past the end.
 *
 * Deliberate differences from DPDK 22.11, accepted here: a ring element
 * size of 0, an exact-size ring of 0 and a pool of 0 objects are EINVAL
 * (DPDK builds unusable objects), and object or private sizes above
 * UINT32_MAX / 2 are EINVAL (DPDK wraps its 32-bit size arithmetic).
 * After every call the footprint is back to the baseline.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"
#include "test_bounds.h"

namespace {

constexpr uint64_t kSurelyFits = 1ULL << 20;

#define CHECK_NO_LEAK(base, ...) \
	do { \
		std::string l_ = bounds_leak(base); \
		TEST_ASSERT(l_.empty(), __VA_ARGS__); \
	} while (0)

bool
pow2(uint64_t v)
{
	return v != 0 && (v & (v - 1)) == 0;
}

/* ---- ring ---- */

int
ring_memsize(bounds_tally &t)
{
	for (uint64_t count : bounds_values(UINT32_MAX)) {
		for (uint64_t esize :
		     {(uint64_t)0, (uint64_t)1, (uint64_t)3, (uint64_t)4, (uint64_t)8, (uint64_t)12,
		      (uint64_t)16, (uint64_t)20, (uint64_t)4096, (uint64_t)UINT32_MAX - 3,
		      (uint64_t)UINT32_MAX}) {
			const bool valid = pow2(count) && count <= RTE_RING_SZ_MASK && esize != 0 &&
					   esize % 4 == 0;
			ssize_t r = rte_ring_get_memsize_elem((unsigned)esize, (unsigned)count);
			t.count(r >= 0);
			if (!valid) {
				TEST_ASSERT_EQUAL(r, (ssize_t)-EINVAL, "memsize_elem(%llu, %llu)",
						  (unsigned long long)esize,
						  (unsigned long long)count);
				continue;
			}
			uint64_t want = RTE_ALIGN_CEIL((uint64_t)sizeof(struct rte_ring) +
							       count * esize,
						       (uint64_t)RTE_CACHE_LINE_SIZE);
			TEST_ASSERT_EQUAL((uint64_t)r, want, "memsize_elem(%llu, %llu)",
					  (unsigned long long)esize, (unsigned long long)count);
		}
		ssize_t r = rte_ring_get_memsize((unsigned)count);
		t.count(r >= 0);
		TEST_ASSERT_EQUAL(r, rte_ring_get_memsize_elem(sizeof(void *), (unsigned)count),
				  "memsize(%llu)", (unsigned long long)count);
	}
	return TEST_SUCCESS;
}

const unsigned kSyncFlags[] = {0, RING_F_SP_ENQ | RING_F_SC_DEQ,
			       RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ,
			       RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ};

int
ring_create(const fault_footprint &base, bounds_tally &t)
{
	for (uint64_t count : bounds_values(UINT32_MAX)) {
		for (unsigned flags :
		     {0u, (unsigned)RING_F_EXACT_SZ, (unsigned)(RING_F_SP_ENQ | RING_F_SC_DEQ)}) {
			const bool exact = flags & RING_F_EXACT_SZ;
			const bool valid = exact ? count >= 1 && count <= RTE_RING_SZ_MASK / 2
						 : pow2(count) && count <= RTE_RING_SZ_MASK;
			const uint64_t slots = exact ? (valid ? rte_align64pow2(count + 1) : 0)
						     : count;
			const bool must_fit = valid && slots * sizeof(void *) <= kSurelyFits;
			rte_errno = 0;
			rte_ring *r = rte_ring_create("bounds_ring", (unsigned)count, SOCKET_ID_ANY,
						      flags);
			const int err = rte_errno;
			t.count(r != nullptr);
			if (!valid) {
				TEST_ASSERT_NULL(r, "ring_create(%llu, 0x%x)",
						 (unsigned long long)count, flags);
				TEST_ASSERT_EQUAL(err, EINVAL, "ring_create(%llu, 0x%x)",
						  (unsigned long long)count, flags);
			} else if (r == nullptr) {
				TEST_ASSERT(!must_fit, "ring_create(%llu, 0x%x) refused (%s)",
					    (unsigned long long)count, flags, rte_strerror(err));
				TEST_ASSERT_EQUAL(err, ENOMEM, "ring_create(%llu, 0x%x)",
						  (unsigned long long)count, flags);
			} else {
				unsigned cap = rte_ring_get_capacity(r);
				TEST_ASSERT_EQUAL((uint64_t)cap, exact ? count : count - 1,
						  "ring_create(%llu, 0x%x): capacity",
						  (unsigned long long)count, flags);
				TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "empty");
				TEST_ASSERT_EQUAL(rte_ring_free_count(r), cap, "free count");
				rte_ring_free(r);
			}
			CHECK_NO_LEAK(base, "ring_create(%llu, 0x%x): %s",
				      (unsigned long long)count, flags, l_.c_str());
		}
	}
	return TEST_SUCCESS;
}

/* Bulk and burst with every n on a ring holding k objects, k = 0, some,
 * full; objects are numbered, so FIFO order and contents are checked. */
int
ring_ops(unsigned flags, unsigned count, unsigned ring_flags, bounds_tally &t)
{
	rte_ring *r = rte_ring_create("bounds_ops", count, SOCKET_ID_ANY, ring_flags | flags);
	TEST_ASSERT_NOT_NULL(r, "ring of %u, flags 0x%x", count, ring_flags | flags);
	const unsigned cap = rte_ring_get_capacity(r);
	std::vector<void *> in(cap), out(cap);
	uintptr_t next_in = 1, next_out = 1;
	auto fill = [&](unsigned n) {
		for (unsigned i = 0; i < n; i++)
			in[i] = (void *)next_in++;
	};
	auto drained_ok = [&](unsigned n) {
		for (unsigned i = 0; i < n; i++)
			if (out[i] != (void *)next_out++)
				return false;
		return true;
	};
	for (unsigned k : {0u, cap / 2, cap}) {
		fill(k);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in.data(), k, nullptr), k, "prefill %u",
				  k);
		for (uint64_t n64 : bounds_values(UINT32_MAX)) {
			const unsigned n = (unsigned)n64;
			unsigned free_space = 0, avail = 0;
			/* enqueue bulk / burst: the array holds cap pointers, and
			 * neither may read more than it enqueues */
			const unsigned room = cap - k;
			const unsigned burst_n = n < room ? n : room;
			fill(burst_n);
			next_in -= burst_n;
			unsigned got = rte_ring_enqueue_bulk(r, in.data(), n, &free_space);
			t.count(got != 0);
			TEST_ASSERT_EQUAL(got, n <= room ? n : 0u, "enqueue_bulk(%u) with %u of %u",
					  n, k, cap);
			TEST_ASSERT_EQUAL(free_space, room - got, "enqueue_bulk(%u): free space",
					  n);
			if (got != 0) {
				next_in += got;
				TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out.data(), k, nullptr),
						  k, "drain");
				TEST_ASSERT(drained_ok(k), "FIFO after enqueue_bulk(%u)", n);
				TEST_ASSERT_EQUAL(
					rte_ring_dequeue_bulk(r, out.data(), got, nullptr), got,
					"drain");
				TEST_ASSERT(drained_ok(got), "contents of enqueue_bulk(%u)", n);
				fill(k);
				TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in.data(), k, nullptr),
						  k, "refill");
			}
			fill(burst_n);
			got = rte_ring_enqueue_burst(r, in.data(), n, &free_space);
			t.count(got != 0);
			TEST_ASSERT_EQUAL(got, burst_n, "enqueue_burst(%u) with %u of %u", n, k,
					  cap);
			TEST_ASSERT_EQUAL(free_space, room - got, "enqueue_burst(%u): free space",
					  n);
			if (got != 0) {
				TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out.data(), k, nullptr),
						  k, "drain");
				TEST_ASSERT(drained_ok(k), "FIFO after enqueue_burst(%u)", n);
				TEST_ASSERT_EQUAL(
					rte_ring_dequeue_bulk(r, out.data(), got, nullptr), got,
					"drain");
				TEST_ASSERT(drained_ok(got), "contents of enqueue_burst(%u)", n);
				fill(k);
				TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in.data(), k, nullptr),
						  k, "refill");
			}
			/* dequeue bulk / burst */
			got = rte_ring_dequeue_bulk(r, out.data(), n, &avail);
			t.count(got != 0);
			TEST_ASSERT_EQUAL(got, n <= k ? n : 0u, "dequeue_bulk(%u) with %u", n, k);
			TEST_ASSERT_EQUAL(avail, k - got, "dequeue_bulk(%u): available", n);
			if (got != 0) {
				TEST_ASSERT(drained_ok(got), "contents of dequeue_bulk(%u)", n);
				TEST_ASSERT_EQUAL(
					rte_ring_dequeue_bulk(r, out.data(), k - got, nullptr),
					k - got, "drain");
				TEST_ASSERT(drained_ok(k - got), "rest after dequeue_bulk(%u)", n);
				fill(k);
				TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in.data(), k, nullptr),
						  k, "refill");
			}
			got = rte_ring_dequeue_burst(r, out.data(), n, &avail);
			t.count(got != 0);
			TEST_ASSERT_EQUAL(got, n < k ? n : k, "dequeue_burst(%u) with %u", n, k);
			TEST_ASSERT_EQUAL(avail, k - got, "dequeue_burst(%u): available", n);
			if (got != 0) {
				TEST_ASSERT(drained_ok(got), "contents of dequeue_burst(%u)", n);
				TEST_ASSERT_EQUAL(
					rte_ring_dequeue_bulk(r, out.data(), k - got, nullptr),
					k - got, "drain");
				TEST_ASSERT(drained_ok(k - got), "rest after dequeue_burst(%u)", n);
				fill(k);
				TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in.data(), k, nullptr),
						  k, "refill");
			}
			TEST_ASSERT_EQUAL(rte_ring_count(r), k, "count after n = %u", n);
		}
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out.data(), k, nullptr), k, "empty it");
		TEST_ASSERT(drained_ok(k), "last contents");
	}
	rte_ring_free(r);
	return TEST_SUCCESS;
}

} // namespace

static int
test_bounds_ring(void)
{
	bounds_memory_cap cap;
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	const fault_footprint base = fault_footprint_now();
	bounds_tally t;
	if (ring_memsize(t) != TEST_SUCCESS || ring_create(base, t) != TEST_SUCCESS)
		return TEST_FAILED;
	for (unsigned sync : kSyncFlags) {
		if (ring_ops(sync, 1024, 0, t) != TEST_SUCCESS ||
		    ring_ops(sync, 1000, RING_F_EXACT_SZ, t) != TEST_SUCCESS)
			return TEST_FAILED;
		CHECK_NO_LEAK(base, "ring ops, sync flags 0x%x: %s", sync, l_.c_str());
	}
	rte_free(anchor);
	printf("ring: %u calls, %u succeeded or moved objects, %u refused or moved none\n", t.calls,
	       t.ok, t.refused);
	return TEST_SUCCESS;
}

namespace {

/* ---- mempool ---- */

unsigned
max_cache_for(uint64_t n)
{
	/* a cache flushes at 1.5 times its size, which must not exceed n */
	uint64_t by_n = n * 2 / 3;
	return (unsigned)RTE_MIN((uint64_t)RTE_MEMPOOL_CACHE_MAX_SIZE, by_n);
}

int
calc_obj_size(bounds_tally &t)
{
	for (uint64_t elt : bounds_values(UINT32_MAX / 2)) {
		for (unsigned flags : {0u, (unsigned)RTE_MEMPOOL_F_NO_CACHE_ALIGN,
				       (unsigned)RTE_MEMPOOL_F_NO_SPREAD}) {
			rte_mempool_objsz sz;
			uint32_t total = rte_mempool_calc_obj_size((uint32_t)elt, flags, &sz);
			t.count(true);
			TEST_ASSERT_EQUAL(total, sz.total_size, "calc_obj_size(%llu)",
					  (unsigned long long)elt);
			TEST_ASSERT_EQUAL((uint64_t)sz.header_size + sz.elt_size + sz.trailer_size,
					  (uint64_t)total, "calc_obj_size(%llu): parts",
					  (unsigned long long)elt);
			TEST_ASSERT((uint64_t)sz.elt_size >= elt && sz.elt_size % 8 == 0,
				    "calc_obj_size(%llu): elt_size %u", (unsigned long long)elt,
				    sz.elt_size);
			if (!(flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN))
				TEST_ASSERT_EQUAL(total % RTE_CACHE_LINE_SIZE, 0u,
						  "calc_obj_size(%llu): cache aligned",
						  (unsigned long long)elt);
		}
	}
	return TEST_SUCCESS;
}

struct pool_args {
	uint64_t n, elt, cache, priv;
	unsigned flags;
	bool populate;
};

int
check_pool(const pool_args &a, const fault_footprint &base, bounds_tally &t)
{
	const bool invalid = a.n == 0 || a.cache > max_cache_for(a.n) || a.elt > UINT32_MAX / 2 ||
			     a.priv > UINT32_MAX / 2 || (a.flags & ~RTE_MEMPOOL_VALID_USER_FLAGS);
	const uint64_t bytes = a.populate
				       ? a.n * (RTE_ALIGN_CEIL((uint64_t)a.elt, (uint64_t)64) + 64)
				       : 0;
	const bool must_fit = !invalid && bytes + a.priv <= kSurelyFits;
	char desc[128];
	snprintf(desc, sizeof(desc), "%s(n %llu, elt %llu, cache %llu, priv %llu, flags 0x%x)",
		 a.populate ? "mempool_create" : "mempool_create_empty", (unsigned long long)a.n,
		 (unsigned long long)a.elt, (unsigned long long)a.cache, (unsigned long long)a.priv,
		 a.flags);
	rte_errno = 0;
	rte_mempool *mp = a.populate ? rte_mempool_create("bounds_mp", (unsigned)a.n,
							  (unsigned)a.elt, (unsigned)a.cache,
							  (unsigned)a.priv, nullptr, nullptr,
							  nullptr, nullptr, SOCKET_ID_ANY, a.flags)
				     : rte_mempool_create_empty("bounds_mp", (unsigned)a.n,
								(unsigned)a.elt, (unsigned)a.cache,
								(unsigned)a.priv, SOCKET_ID_ANY,
								a.flags);
	const int err = rte_errno;
	t.count(mp != nullptr);
	if (invalid) {
		TEST_ASSERT_NULL(mp, "%s: invalid, yet a pool", desc);
		TEST_ASSERT_EQUAL(err, EINVAL, "%s", desc);
	} else if (mp == nullptr) {
		TEST_ASSERT(!must_fit, "%s: refused (%s)", desc, rte_strerror(err));
		TEST_ASSERT_EQUAL(err, ENOMEM, "%s", desc);
	} else {
		TEST_ASSERT_EQUAL((uint64_t)mp->size, a.n, "%s: size", desc);
		TEST_ASSERT((uint64_t)mp->elt_size >= a.elt, "%s: elt_size %u", desc, mp->elt_size);
		TEST_ASSERT_EQUAL((uint64_t)mp->private_data_size >= a.priv, true,
				  "%s: private size %u", desc, mp->private_data_size);
		if (a.priv != 0)
			memset(rte_mempool_get_priv(mp), 0x77, (size_t)a.priv);
		if (a.populate) {
			TEST_ASSERT_EQUAL((uint64_t)rte_mempool_avail_count(mp), a.n, "%s: avail",
					  desc);
			/* take a few, write them whole, give them back */
			void *objs[64];
			unsigned k = (unsigned)RTE_MIN(a.n, (uint64_t)64);
			TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs, k), "%s: get", desc);
			for (unsigned i = 0; i < k; i++)
				memset(objs[i], 0x33, (size_t)a.elt);
			rte_mempool_put_bulk(mp, objs, k);
			TEST_ASSERT_EQUAL((uint64_t)rte_mempool_avail_count(mp), a.n, "%s: back",
					  desc);
		}
		rte_mempool_free(mp);
	}
	CHECK_NO_LEAK(base, "%s: %s", desc, l_.c_str());
	return TEST_SUCCESS;
}

int
pool_get_put(const fault_footprint &base, bounds_tally &t)
{
	for (unsigned cache : {0u, 256u}) {
		rte_mempool *mp = rte_mempool_create("bounds_gp", 1024, 64, cache, 0, nullptr,
						     nullptr, nullptr, nullptr, SOCKET_ID_ANY, 0);
		TEST_ASSERT_NOT_NULL(mp, "pool: %s", rte_strerror(rte_errno));
		std::vector<void *> objs(1024);
		for (uint64_t n64 : bounds_values(UINT32_MAX)) {
			const unsigned n = (unsigned)n64;
			int r = rte_mempool_get_bulk(mp, objs.data(), n);
			t.count(r == 0);
			if (n > 1024) {
				TEST_ASSERT_EQUAL(r, -ENOENT, "get_bulk(%u) from 1024, cache %u", n,
						  cache);
			} else {
				TEST_ASSERT_EQUAL(r, 0, "get_bulk(%u) from 1024, cache %u", n,
						  cache);
				for (unsigned i = 0; i < n; i++)
					*(uint64_t *)objs[i] = i;
				for (unsigned i = 0; i < n; i++)
					TEST_ASSERT_EQUAL(*(uint64_t *)objs[i], (uint64_t)i,
							  "get_bulk(%u): object %u shared", n, i);
				/* put back in two halves: more and less than the cache */
				rte_mempool_put_bulk(mp, objs.data(), n / 2);
				rte_mempool_put_bulk(mp, objs.data() + n / 2, n - n / 2);
			}
			TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 1024u,
					  "get_bulk(%u): all back", n);
		}
		rte_mempool_free(mp);
		CHECK_NO_LEAK(base, "get/put, cache %u: %s", cache, l_.c_str());
	}
	return TEST_SUCCESS;
}

struct range {
	uintptr_t lo, hi;
	bool inside = true;
};

int
pool_populate(const fault_footprint &base, bounds_tally &t)
{
	const size_t area = 1 << 20;
	const rte_memzone *mz = rte_memzone_reserve("bounds_area", area, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "area");
	const fault_footprint with_area = fault_footprint_now();
	const uint32_t obj = rte_mempool_calc_obj_size(64, 0, nullptr);
	for (uint64_t len : bounds_values(area)) {
		for (int virt = 0; virt < 2; virt++) {
			for (size_t pg : {(size_t)0, (size_t)4096, (size_t)RTE_PGSIZE_2M}) {
				if (!virt && pg != 0)
					continue;
				rte_mempool *mp = rte_mempool_create_empty("bounds_pop", 4096, 64,
									   0, 0, SOCKET_ID_ANY, 0);
				TEST_ASSERT_NOT_NULL(mp, "pool");
				TEST_ASSERT_SUCCESS(
					rte_mempool_set_ops_byname(mp, "ring_mp_mc", nullptr),
					"ops");
				int r = virt ? rte_mempool_populate_virt(mp, (char *)mz->addr, len,
									 pg, nullptr, nullptr)
					     : rte_mempool_populate_iova(mp, (char *)mz->addr,
									 mz->iova, len, nullptr,
									 nullptr);
				t.count(r > 0);
				/* how many whole objects fit at most */
				const uint64_t most = len / obj;
				TEST_ASSERT(r >= 0, "populate_%s(len %llu, pg %zu): %d",
					    virt ? "virt" : "iova", (unsigned long long)len, pg, r);
				TEST_ASSERT((uint64_t)r <= most,
					    "populate(len %llu): %d objects, %llu "
					    "fit",
					    (unsigned long long)len, r, (unsigned long long)most);
				if (len >= 2 * (uint64_t)obj + RTE_CACHE_LINE_SIZE && pg == 0)
					TEST_ASSERT(r > 0, "populate(len %llu): nothing",
						    (unsigned long long)len);
				range rg{(uintptr_t)mz->addr, (uintptr_t)mz->addr + len};
				rte_mempool_obj_iter(
					mp,
					[](rte_mempool *m, void *arg, void *o, unsigned) {
					auto *k = static_cast<range *>(arg);
					if ((uintptr_t)o < k->lo ||
					    (uintptr_t)o + m->elt_size > k->hi)
						k->inside = false;
					},
					&rg);
				TEST_ASSERT(rg.inside,
					    "populate(len %llu): an object outside the chunk",
					    (unsigned long long)len);
				TEST_ASSERT_EQUAL(
					rte_mempool_avail_count(mp), (unsigned)RTE_MAX(r, 0),
					"populate(len %llu): avail", (unsigned long long)len);
				rte_mempool_free(mp);
				CHECK_NO_LEAK(with_area, "populate(len %llu): %s",
					      (unsigned long long)len, l_.c_str());
			}
		}
	}
	rte_memzone_free(mz);
	CHECK_NO_LEAK(base, "populate: %s", l_.c_str());
	return TEST_SUCCESS;
}

} // namespace

static int
test_bounds_mempool(void)
{
	bounds_memory_cap cap(64ULL << 20); /* pools of up to 2^19 small objects */
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	const fault_footprint base = fault_footprint_now();
	bounds_tally t;
	if (calc_obj_size(t) != TEST_SUCCESS)
		return TEST_FAILED;
	const std::vector<uint64_t> u32 = bounds_values(UINT32_MAX);
	for (uint64_t n : u32) {
		if (check_pool({n, 64, 0, 0, 0, false}, base, t) != TEST_SUCCESS ||
		    check_pool({n, 64, 0, 0, 0, true}, base, t) != TEST_SUCCESS)
			return TEST_FAILED;
	}
	for (uint64_t v : u32) {
		if (check_pool({64, v, 0, 0, 0, false}, base, t) != TEST_SUCCESS ||
		    check_pool({64, v, 0, 0, 0, true}, base, t) != TEST_SUCCESS ||
		    check_pool({1024, 64, v, 0, 0, false}, base, t) != TEST_SUCCESS ||
		    check_pool({600, 64, v, 0, 0, true}, base, t) != TEST_SUCCESS ||
		    check_pool({64, 64, 0, v, 0, false}, base, t) != TEST_SUCCESS ||
		    check_pool({64, 64, 0, v, 0, true}, base, t) != TEST_SUCCESS)
			return TEST_FAILED;
	}
	for (unsigned bit = 0; bit < 32; bit++)
		if (check_pool({64, 64, 0, 0, 1u << bit, true}, base, t) != TEST_SUCCESS)
			return TEST_FAILED;
	if (pool_get_put(base, t) != TEST_SUCCESS || pool_populate(base, t) != TEST_SUCCESS)
		return TEST_FAILED;
	rte_free(anchor);
	printf("mempool: %u calls, %u succeeded, %u refused as documented\n", t.calls, t.ok,
	       t.refused);
	return TEST_SUCCESS;
}

namespace {

/* ---- mbuf ---- */

int
pktmbuf_pools(const fault_footprint &base, bounds_tally &t)
{
	auto one = [&](uint64_t n, uint64_t cache, uint64_t priv, uint64_t room) {
		const bool invalid = n == 0 || cache > max_cache_for(n) ||
				     priv % RTE_MBUF_PRIV_ALIGN != 0;
		const uint64_t bytes = n * (sizeof(rte_mbuf) + priv + room + 128);
		const bool must_fit = !invalid && bytes <= kSurelyFits;
		rte_errno = 0;
		rte_mempool *mp = rte_pktmbuf_pool_create("bounds_mbuf", (unsigned)n,
							  (unsigned)cache, (uint16_t)priv,
							  (uint16_t)room, SOCKET_ID_ANY);
		const int err = rte_errno;
		t.count(mp != nullptr);
		char desc[128];
		snprintf(desc, sizeof(desc),
			 "pktmbuf_pool_create(n %llu, cache %llu, priv %llu, "
			 "room %llu)",
			 (unsigned long long)n, (unsigned long long)cache, (unsigned long long)priv,
			 (unsigned long long)room);
		if (invalid) {
			TEST_ASSERT_NULL(mp, "%s: invalid, yet a pool", desc);
			TEST_ASSERT_EQUAL(err, EINVAL, "%s", desc);
		} else if (mp == nullptr) {
			TEST_ASSERT(!must_fit, "%s: refused (%s)", desc, rte_strerror(err));
			TEST_ASSERT_EQUAL(err, ENOMEM, "%s", desc);
		} else {
			TEST_ASSERT_EQUAL((uint64_t)rte_pktmbuf_data_room_size(mp), room,
					  "%s: room", desc);
			TEST_ASSERT_EQUAL((uint64_t)rte_pktmbuf_priv_size(mp), priv, "%s: priv",
					  desc);
			rte_mbuf *m = rte_pktmbuf_alloc(mp);
			TEST_ASSERT_NOT_NULL(m, "%s: alloc", desc);
			TEST_ASSERT_EQUAL((uint64_t)rte_pktmbuf_headroom(m),
					  RTE_MIN((uint64_t)RTE_PKTMBUF_HEADROOM, room),
					  "%s: headroom", desc);
			TEST_ASSERT_EQUAL((uint64_t)rte_pktmbuf_headroom(m) +
						  rte_pktmbuf_tailroom(m),
					  room, "%s: head + tail room", desc);
			if (rte_pktmbuf_tailroom(m) > 0)
				memset(rte_pktmbuf_append(m, rte_pktmbuf_tailroom(m)), 0x11,
				       rte_pktmbuf_data_len(m));
			if (priv != 0)
				memset(rte_mbuf_to_priv(m), 0x22, (size_t)priv);
			rte_pktmbuf_free(m);
			rte_mempool_free(mp);
		}
		CHECK_NO_LEAK(base, "%s: %s", desc, l_.c_str());
		return TEST_SUCCESS;
	};
	const std::vector<uint64_t> u16 = bounds_values(UINT16_MAX);
	for (uint64_t v : bounds_values(UINT32_MAX))
		if (one(v, 0, 0, 256) != TEST_SUCCESS || one(600, v, 0, 256) != TEST_SUCCESS)
			return TEST_FAILED;
	for (uint64_t v : u16)
		if (one(63, 0, v, 256) != TEST_SUCCESS || one(63, 0, 0, v) != TEST_SUCCESS ||
		    one(63, 0, RTE_ALIGN_FLOOR(v, 8), v) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

int
pktmbuf_ops(const fault_footprint &base, bounds_tally &t)
{
	rte_mempool *mp = rte_pktmbuf_pool_create("bounds_ops", 511, 0, 0, 2048, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(mp, "pool");
	std::vector<rte_mbuf *> m(511);
	for (uint64_t n64 : bounds_values(UINT32_MAX)) {
		const unsigned n = (unsigned)n64;
		int r = rte_pktmbuf_alloc_bulk(mp, m.data(), n);
		t.count(r == 0);
		if (n > 511) {
			TEST_ASSERT_EQUAL(r, -ENOENT, "alloc_bulk(%u) from 511", n);
		} else {
			TEST_ASSERT_EQUAL(r, 0, "alloc_bulk(%u)", n);
			for (unsigned i = 0; i < n; i++)
				TEST_ASSERT(m[i]->pkt_len == 0 && m[i]->nb_segs == 1 &&
						    m[i]->next == nullptr,
					    "alloc_bulk(%u): mbuf %u not reset", n, i);
			rte_pktmbuf_free_bulk(m.data(), n);
		}
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 511u, "alloc_bulk(%u): all back", n);
	}
	const std::vector<uint64_t> u16 = bounds_values(UINT16_MAX);
	rte_mbuf *b = rte_pktmbuf_alloc(mp);
	TEST_ASSERT_NOT_NULL(b, "mbuf");
	const uint16_t head0 = rte_pktmbuf_headroom(b), tail0 = rte_pktmbuf_tailroom(b);
	for (uint64_t start : {(uint64_t)0, (uint64_t)100, (uint64_t)tail0}) {
		for (uint64_t len64 : u16) {
			const uint16_t len = (uint16_t)len64;
			rte_pktmbuf_reset(b);
			TEST_ASSERT_NOT_NULL(start ? rte_pktmbuf_append(b, (uint16_t)start)
						   : rte_pktmbuf_mtod(b, char *),
					     "start at %llu", (unsigned long long)start);
			struct snap {
				uint16_t off, dlen;
				uint32_t plen;
			} s0{b->data_off, b->data_len, b->pkt_len};
			auto same = [&] {
				return b->data_off == s0.off && b->data_len == s0.dlen &&
				       b->pkt_len == s0.plen;
			};
			char *p = rte_pktmbuf_append(b, len);
			t.count(p != nullptr);
			if (len > tail0 - start) {
				TEST_ASSERT(p == nullptr && same(),
					    "append(%u) with %u of tailroom", len,
					    (unsigned)(tail0 - start));
			} else {
				TEST_ASSERT(p != nullptr && b->data_len == s0.dlen + len &&
						    b->pkt_len == s0.plen + len,
					    "append(%u)", len);
				TEST_ASSERT_SUCCESS(rte_pktmbuf_trim(b, len), "trim back");
			}
			p = rte_pktmbuf_prepend(b, len);
			t.count(p != nullptr);
			if (len > head0) {
				TEST_ASSERT(p == nullptr && same(),
					    "prepend(%u) with %u of headroom", len, head0);
			} else {
				TEST_ASSERT(p != nullptr && b->data_off == s0.off - len &&
						    b->pkt_len == s0.plen + len,
					    "prepend(%u)", len);
				TEST_ASSERT_NOT_NULL(rte_pktmbuf_adj(b, len), "adj back");
			}
			p = rte_pktmbuf_adj(b, len);
			t.count(p != nullptr);
			if (len > s0.dlen) {
				TEST_ASSERT(p == nullptr && same(), "adj(%u) of %u bytes", len,
					    s0.dlen);
			} else {
				TEST_ASSERT(p != nullptr && b->data_len == s0.dlen - len &&
						    b->data_off == s0.off + len,
					    "adj(%u)", len);
				TEST_ASSERT_NOT_NULL(rte_pktmbuf_prepend(b, len), "prepend back");
			}
			int tr = rte_pktmbuf_trim(b, len);
			t.count(tr == 0);
			if (len > s0.dlen) {
				TEST_ASSERT(tr == -1 && same(), "trim(%u) of %u bytes", len,
					    s0.dlen);
			} else {
				TEST_ASSERT(tr == 0 && b->data_len == s0.dlen - len, "trim(%u)",
					    len);
				TEST_ASSERT_NOT_NULL(rte_pktmbuf_append(b, len), "append back");
			}
			TEST_ASSERT(same(), "mbuf restored after len %u", len);
		}
	}
	/* read: a packet of 100 bytes in one segment, and 100 + 100 in two */
	rte_pktmbuf_reset(b);
	memset(rte_pktmbuf_append(b, 100), 0x44, 100);
	rte_mbuf *c = rte_pktmbuf_alloc(mp);
	TEST_ASSERT_NOT_NULL(c, "second segment");
	memset(rte_pktmbuf_append(c, 100), 0x55, 100);
	std::vector<char> buf(256);
	for (int chained = 0; chained < 2; chained++) {
		if (chained)
			TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(b, c), "chain");
		const uint64_t pkt = b->pkt_len;
		for (uint64_t off : bounds_values(UINT32_MAX)) {
			for (uint64_t len : bounds_values(UINT32_MAX)) {
				if (len > buf.size() && off + len <= pkt)
					continue; /* cannot happen: len <= pkt < buf */
				const void *p = rte_pktmbuf_read(b, (uint32_t)off, (uint32_t)len,
								 buf.data());
				t.count(p != nullptr);
				if (off + len > UINT32_MAX && off <= pkt) {
					/* DPDK 22.11's 32-bit sum wraps: the byte at off,
					 * nothing copied (mbuf_lib.rst) */
					TEST_ASSERT_NOT_NULL(p, "read(off %llu, len %llu) wraps",
							     (unsigned long long)off,
							     (unsigned long long)len);
					TEST_ASSERT(p != buf.data(), "wrapped read copied");
					if (off < pkt)
						TEST_ASSERT_EQUAL(
							*(const char *)p, off < 100 ? 0x44 : 0x55,
							"read(off %llu) wraps: the byte at off",
							(unsigned long long)off);
					continue;
				}
				if (off + len > pkt) {
					TEST_ASSERT_NULL(
						p, "read(off %llu, len %llu) of %llu bytes",
						(unsigned long long)off, (unsigned long long)len,
						(unsigned long long)pkt);
					continue;
				}
				TEST_ASSERT_NOT_NULL(p, "read(off %llu, len %llu)",
						     (unsigned long long)off,
						     (unsigned long long)len);
				for (uint64_t i = 0; i < len; i++) {
					char want = off + i < 100 ? 0x44 : 0x55;
					TEST_ASSERT_EQUAL(((const char *)p)[i], want,
							  "read(off %llu, len "
							  "%llu): byte %llu",
							  (unsigned long long)off,
							  (unsigned long long)len,
							  (unsigned long long)i);
				}
			}
		}
	}
	rte_pktmbuf_free(b); /* and c, chained */
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 511u, "all back");
	rte_mempool_free(mp);
	CHECK_NO_LEAK(base, "mbuf ops: %s", l_.c_str());
	return TEST_SUCCESS;
}

} // namespace

static int
test_bounds_mbuf(void)
{
	bounds_memory_cap cap(64ULL << 20);
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	const fault_footprint base = fault_footprint_now();
	bounds_tally t;
	if (pktmbuf_pools(base, t) != TEST_SUCCESS || pktmbuf_ops(base, t) != TEST_SUCCESS)
		return TEST_FAILED;
	rte_free(anchor);
	printf("mbuf: %u calls, %u succeeded, %u refused as documented\n", t.calls, t.ok,
	       t.refused);
	return TEST_SUCCESS;
}

static const struct unit_test_case bounds_pools_cases[] = {
	TEST_CASE(test_bounds_ring), TEST_CASE(test_bounds_mempool), TEST_CASE(test_bounds_mbuf),
	TEST_CASES_END()};

static const struct unit_test_suite bounds_pools_suite = {"bounds: ring, mempool, mbuf", nullptr,
							  nullptr, bounds_pools_cases};

static int
test_bounds_pools(void)
{
	return unit_test_suite_runner(&bounds_pools_suite);
}

REGISTER_FAST_TEST(bounds_pools_autotest, NOHUGE_OK, ASAN_OK, test_bounds_pools);
