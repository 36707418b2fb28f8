/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Ring FIFO behaviour in every sync mode and for many element sizes, run
 * on one thread against a model (next token in, next token out): every
 * bulk call moves all or nothing, every burst call moves min(n, room),
 * counts and free_space/available match the model, contents come out in
 * order, across the end of the slot array and across the 2^32 wrap of the
 * position counters.
 */

#include <stdio.h>

#include <vector>

#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"
#include "test_ring.h"

namespace {

/* request sizes: coprime with the ring sizes, so runs start everywhere */
const unsigned sizes_in[] = {1, 3, 7, 32, 5, 13, 64, 2, 31, 17};
const unsigned sizes_out[] = {2, 5, 1, 29, 11, 40, 3, 8, 33, 6, 19};

/*
 * Run @rounds rounds of enqueue-some / dequeue-some through style A and
 * check everything against the model. @r must be empty.
 */
template <test_api A, unsigned ES>
int
fifo_check(struct rte_ring *r, const char *what, unsigned rounds)
{
	using ops = test_ring_ops<A, ES>;
	using elem = test_elem<ES>;
	const unsigned cap = rte_ring_get_capacity(r);
	std::vector<elem> buf(cap + 64);
	uint32_t in = 0, out = 0; /* tokens enqueued / dequeued so far */

	for (unsigned round = 0; round < rounds; round++) {
		bool burst = round % 3 == 1;
		unsigned n = sizes_in[round % RTE_DIM(sizes_in)] % (cap + 2);
		unsigned room = cap - (in - out);
		for (unsigned i = 0; i < n; i++)
			buf[i] = elem::make(in + i);
		unsigned free_space = ~0u;
		unsigned got = ops::enq(r, buf.data(), n, burst, &free_space);
		unsigned want = n <= room ? n : burst ? room : 0;
		TEST_ASSERT_EQUAL(got, want, "%s: round %u enqueue %s of %u with %u free", what,
				  round, burst ? "burst" : "bulk", n, room);
		in += got;
		TEST_ASSERT_EQUAL(free_space, cap - (in - out), "%s: round %u free_space", what,
				  round);
		TEST_ASSERT_EQUAL(rte_ring_count(r), in - out, "%s: round %u count", what, round);

		burst = round % 4 == 2;
		n = sizes_out[round % RTE_DIM(sizes_out)] % (cap + 2);
		unsigned avail_model = in - out;
		unsigned available = ~0u;
		got = ops::deq(r, buf.data(), n, burst, &available);
		want = n <= avail_model ? n : burst ? avail_model : 0;
		TEST_ASSERT_EQUAL(got, want, "%s: round %u dequeue %s of %u with %u in ring", what,
				  round, burst ? "burst" : "bulk", n, avail_model);
		for (unsigned i = 0; i < got; i++)
			TEST_ASSERT_EQUAL(buf[i].token(), out + i, "%s: round %u element %u", what,
					  round, i);
		out += got;
		TEST_ASSERT_EQUAL(available, in - out, "%s: round %u available", what, round);
	}
	/* drain */
	while (in != out) {
		unsigned got = ops::deq(r, buf.data(), 16, true, nullptr);
		TEST_ASSERT(got > 0, "%s: %u elements stuck in the ring", what, in - out);
		for (unsigned i = 0; i < got; i++)
			TEST_ASSERT_EQUAL(buf[i].token(), out + i, "%s: drain element %u", what, i);
		out += got;
	}
	TEST_ASSERT_EQUAL(rte_ring_empty(r), 1, "%s: not empty after drain", what);
	return TEST_SUCCESS;
}

/* Make a ring, run fifo_check, free it. @start: initial positions. */
template <test_api A, unsigned ES>
int
fifo_on_new_ring(unsigned flags, unsigned count, uint32_t start, const char *what)
{
	struct rte_ring *r = test_ring_make("fifo", ES, count, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring (esize %u, count %u, flags %#x)", what, ES,
			     count, flags);
	test_ring_guard guard(r);
	test_ring_set_positions(r, start);
	int ret = fifo_check<A, ES>(r, what, 300);
	if (ret != TEST_SUCCESS)
		printf("  ... %s, element size %u, count %u, flags %#x, start %u\n", what, ES,
		       count, flags, start);
	return ret;
}

/* Every calling style on a ring of its own mode, plus sp/sc calls on an MT ring. */
template <unsigned ES>
int
fifo_every_mode(unsigned count, unsigned extra_flags, uint32_t start)
{
	const unsigned st = test_ring_flags_for(test_api::st) | extra_flags;
	const unsigned rts = test_ring_flags_for(test_api::rts) | extra_flags;
	const unsigned hts = test_ring_flags_for(test_api::hts) | extra_flags;

	if (fifo_on_new_ring<test_api::dflt, ES>(extra_flags, count, start,
						 "default calls, MT ring") ||
	    fifo_on_new_ring<test_api::dflt, ES>(st, count, start, "default calls, ST ring") ||
	    fifo_on_new_ring<test_api::dflt, ES>(rts, count, start, "default calls, RTS ring") ||
	    fifo_on_new_ring<test_api::dflt, ES>(hts, count, start, "default calls, HTS ring") ||
	    fifo_on_new_ring<test_api::mt, ES>(extra_flags, count, start, "mp/mc calls") ||
	    fifo_on_new_ring<test_api::st, ES>(extra_flags, count, start,
					       "sp/sc calls on MT ring") ||
	    fifo_on_new_ring<test_api::st, ES>(st, count, start, "sp/sc calls on ST ring") ||
	    fifo_on_new_ring<test_api::rts, ES>(rts, count, start, "mp_rts/mc_rts calls") ||
	    fifo_on_new_ring<test_api::hts, ES>(hts, count, start, "mp_hts/mc_hts calls"))
		return TEST_FAILED;
	return TEST_SUCCESS;
}

} // namespace

int
test_ring_fifo_every_mode_and_size(void)
{
	/* power-of-2 rings (capacity 63) and exact-size rings (capacity 50) */
	for (unsigned exact = 0; exact < 2; exact++) {
		unsigned count = exact ? 50 : 64;
		unsigned flags = exact ? RING_F_EXACT_SZ : 0;
		if (fifo_every_mode<4>(count, flags, 0) || fifo_every_mode<8>(count, flags, 0) ||
		    fifo_every_mode<12>(count, flags, 0) || fifo_every_mode<16>(count, flags, 0) ||
		    fifo_every_mode<20>(count, flags, 0) || fifo_every_mode<32>(count, flags, 0) ||
		    fifo_every_mode<64>(count, flags, 0) || fifo_every_mode<132>(count, flags, 0))
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

int
test_ring_fifo_mixed_modes(void)
{
	/* each side reads the other's tail whatever the other's mode */
	const unsigned prod[] = {0, RING_F_SP_ENQ, RING_F_MP_RTS_ENQ, RING_F_MP_HTS_ENQ};
	const unsigned cons[] = {0, RING_F_SC_DEQ, RING_F_MC_RTS_DEQ, RING_F_MC_HTS_DEQ};
	char what[64];

	for (unsigned p : prod) {
		for (unsigned c : cons) {
			snprintf(what, sizeof(what), "default calls, flags %#x", p | c);
			if (fifo_on_new_ring<test_api::dflt, 8>(p | c, 128, 0, what) ||
			    fifo_on_new_ring<test_api::dflt, 16>(p | c, 64, 0, what) ||
			    fifo_on_new_ring<test_api::dflt, 8>(p | c | RING_F_EXACT_SZ, 100, 0,
								what))
				return TEST_FAILED;
		}
	}
	return TEST_SUCCESS;
}

int
test_ring_counters_wrap_2_pow_32(void)
{
	/* positions start just below 2^32; 300 rounds move ~4000 elements */
	const uint32_t starts[] = {UINT32_MAX - 40, UINT32_MAX, 0x80000000u - 7};

	for (uint32_t s : starts)
		if (fifo_every_mode<8>(64, 0, s) || fifo_every_mode<20>(50, RING_F_EXACT_SZ, s) ||
		    fifo_every_mode<16>(64, 0, s))
			return TEST_FAILED;
	return TEST_SUCCESS;
}

namespace {

template <test_api A, unsigned ES>
int
edges_on(unsigned flags, unsigned count, const char *what)
{
	using ops = test_ring_ops<A, ES>;
	using elem = test_elem<ES>;
	struct rte_ring *r = test_ring_make("edges", ES, count, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", what);
	test_ring_guard guard(r);
	const unsigned cap = rte_ring_get_capacity(r);
	std::vector<elem> buf(cap + 8);

	for (unsigned pass = 0; pass < 3; pass++) { /* again after wrapping */
		for (unsigned i = 0; i < cap; i++)
			buf[i] = elem::make(pass * 1000 + i);
		TEST_ASSERT_EQUAL(rte_ring_empty(r), 1, "%s: new ring not empty", what);
		TEST_ASSERT_EQUAL(rte_ring_free_count(r), cap, "%s: free count", what);
		TEST_ASSERT_EQUAL(ops::enq(r, buf.data(), cap + 1, false, nullptr), 0u,
				  "%s: bulk of capacity + 1 must fail", what);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "%s: failed bulk moved something", what);
		TEST_ASSERT_EQUAL(ops::enq(r, buf.data(), cap, false, nullptr), cap,
				  "%s: bulk of exactly capacity", what);
		TEST_ASSERT_EQUAL(rte_ring_full(r), 1, "%s: not full", what);
		TEST_ASSERT_EQUAL(rte_ring_empty(r), 0, "%s: full ring empty", what);
		TEST_ASSERT_EQUAL(rte_ring_count(r), cap, "%s: count when full", what);
		TEST_ASSERT_EQUAL(rte_ring_free_count(r), 0u, "%s: free count when full", what);
		TEST_ASSERT_EQUAL(ops::enq(r, buf.data(), 1, false, nullptr), 0u,
				  "%s: bulk into full ring", what);
		TEST_ASSERT_EQUAL(ops::enq(r, buf.data(), 4, true, nullptr), 0u,
				  "%s: burst into full ring", what);
		TEST_ASSERT_EQUAL(ops::deq(r, buf.data(), cap + 1, false, nullptr), 0u,
				  "%s: dequeue bulk of capacity + 1 must fail", what);
		TEST_ASSERT_EQUAL(ops::deq(r, buf.data(), cap + 5, true, nullptr), cap,
				  "%s: burst must drain the full ring", what);
		for (unsigned i = 0; i < cap; i++)
			TEST_ASSERT_EQUAL(buf[i].token(), pass * 1000 + i, "%s: element %u", what,
					  i);
		TEST_ASSERT_EQUAL(rte_ring_empty(r), 1, "%s: not empty after drain", what);
		TEST_ASSERT_EQUAL(ops::deq(r, buf.data(), 1, false, nullptr), 0u,
				  "%s: bulk from empty ring", what);
		TEST_ASSERT_EQUAL(ops::deq(r, buf.data(), 4, true, nullptr), 0u,
				  "%s: burst from empty ring", what);
		/* zero-sized requests move nothing and do not disturb */
		TEST_ASSERT_EQUAL(ops::enq(r, buf.data(), 0, false, nullptr), 0u, "%s: bulk 0",
				  what);
		TEST_ASSERT_EQUAL(ops::deq(r, buf.data(), 0, true, nullptr), 0u, "%s: burst 0",
				  what);
		/* leave the positions mid-array for the next pass */
		const unsigned shift = cap < 3 ? cap : 3;
		TEST_ASSERT_EQUAL(ops::enq(r, buf.data(), shift, false, nullptr), shift,
				  "%s: shift", what);
		TEST_ASSERT_EQUAL(ops::deq(r, buf.data(), shift, false, nullptr), shift,
				  "%s: shift", what);
	}
	return TEST_SUCCESS;
}

template <test_api A>
int
edges_sizes(void)
{
	const unsigned f = test_ring_flags_for(A);
	if (edges_on<A, 4>(f, 16, "esize 4") || edges_on<A, 8>(f, 32, "esize 8") ||
	    edges_on<A, 16>(f, 8, "esize 16") ||
	    edges_on<A, 20>(f | RING_F_EXACT_SZ, 7, "esize 20 exact 7") ||
	    edges_on<A, 8>(f | RING_F_EXACT_SZ, 100, "esize 8 exact 100") ||
	    edges_on<A, 8>(f | RING_F_EXACT_SZ, 1, "esize 8 exact 1"))
		return TEST_FAILED;
	return TEST_SUCCESS;
}

} // namespace

int
test_ring_full_and_empty_edges(void)
{
	if (edges_sizes<test_api::dflt>() || edges_sizes<test_api::mt>() ||
	    edges_sizes<test_api::st>() || edges_sizes<test_api::rts>() ||
	    edges_sizes<test_api::hts>())
		return TEST_FAILED;
	return TEST_SUCCESS;
}

int
test_ring_free_space_and_available(void)
{
	/*
	 * The producer's copy of the consumer tail (and the reverse) goes
	 * stale as the other side moves; whenever the caller asks for
	 * free_space / available the answer must still be exact.
	 */
	const unsigned flag_sets[] = {0, RING_F_SP_ENQ | RING_F_SC_DEQ,
				      RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ,
				      RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ};
	void *objs[64];
	for (unsigned i = 0; i < RTE_DIM(objs); i++)
		objs[i] = (void *)(uintptr_t)(i + 1);

	for (unsigned flags : flag_sets) {
		struct rte_ring *r = test_ring_make("space", sizeof(void *), 64, flags);
		TEST_ASSERT_NOT_NULL(r, "cannot make ring with flags %#x", flags);
		test_ring_guard guard(r);
		unsigned fs = 0, av = 0;
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, objs, 10, &fs), 10u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(fs, 53u, "free_space after 10 in a 63 ring, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, objs, 10, &av), 10u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(av, 0u, "available after draining, flags %#x", flags);
		/* producer's view of the consumer is now 10 behind */
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, objs, 1, &fs), 1u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(fs, 62u, "free_space with a stale view, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, objs, 64, &fs), 62u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(fs, 0u, "free_space when full, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, objs, 1, &fs), 0u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(fs, 0u, "free_space after a failed bulk, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, objs, 5, &av), 5u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(av, 58u, "available, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, objs, 59, &av), 0u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(av, 58u, "available after a failed bulk, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, objs, 64, &av), 58u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(av, 0u, "available when empty, flags %#x", flags);
	}
	return TEST_SUCCESS;
}

int
test_ring_stale_peer_view_is_not_trusted(void)
{
	/*
	 * Under contention a side's cached copy of the other side's tail can
	 * be older than its own head (a slow caller stores an old value).
	 * Plant such values and check the ring neither overfills nor hands
	 * out slots that hold nothing.
	 */
	const unsigned flag_sets[] = {0, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ,
				      RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ};
	void *objs[64] = {};

	for (unsigned flags : flag_sets) {
		struct rte_ring *r = test_ring_make("stale", sizeof(void *), 64, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		/* 100 in, 40 out: 60 of 63 slots used */
		for (unsigned i = 0; i < 100; i += 20) {
			TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, objs, 20, nullptr), 20u, "fill");
			if (i < 40)
				TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, objs, 20, nullptr), 20u,
						  "drain");
		}
		TEST_ASSERT_EQUAL(rte_ring_count(r), 60u, "flags %#x", flags);
		r->prod_seen.peer_tail = 20; /* would show 63 + 20 - 100 = "-17" free */
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, objs, 10, nullptr), 0u,
				  "stale producer view overfilled the ring, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, objs, 10, nullptr), 3u,
				  "burst after a stale view, flags %#x", flags);

		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, objs, 63, nullptr), 63u, "flags %#x",
				  flags);
		r->cons_seen.peer_tail = 50; /* behind the consumer head (103) */
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, objs, 5, nullptr), 0u,
				  "stale consumer view read empty slots, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "flags %#x", flags);
	}
	return TEST_SUCCESS;
}
