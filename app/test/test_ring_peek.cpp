/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Two-phase ring operations (rte_ring_peek.h) and their zero-copy form
 * (rte_ring_peek_zc.h), on the two modes that support them (ST and HTS):
 * start reserves without publishing, finish commits part or all of it,
 * an over-large finish commits nothing, and MT / RTS sides refuse.
 */

#include <stdint.h>

#include <vector>

#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>

#include "test.h"
#include "test_ring.h"

namespace {

const unsigned peek_modes[] = {
	RING_F_SP_ENQ | RING_F_SC_DEQ,
	RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
	RING_F_SP_ENQ | RING_F_MC_HTS_DEQ,
	RING_F_MP_HTS_ENQ | RING_F_SC_DEQ,
};

void *
tok(uintptr_t v)
{
	return (void *)(v * 16 + 8);
}

} // namespace

int
test_ring_peek_dequeue_keeps_or_removes(void)
{
	void *in[16], *out[16];
	for (unsigned i = 0; i < 16; i++)
		in[i] = tok(i);

	for (unsigned flags : peek_modes) {
		struct rte_ring *r = test_ring_make("peek_deq", sizeof(void *), 16, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in, 10, nullptr), 10u, "flags %#x",
				  flags);

		unsigned av = 99;
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk_start(r, out, 4, &av), 4u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(av, 6u, "available after peeking 4 of 10");
		for (unsigned i = 0; i < 4; i++)
			TEST_ASSERT_EQUAL(out[i], in[i], "peeked element %u", i);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 10u, "a peek must not remove");
		rte_ring_dequeue_finish(r, 0);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 10u, "finish(0) keeps everything");

		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk_start(r, out, 11, nullptr), 0u,
				  "bulk start beyond count, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk_start(r, out, 4, nullptr), 4u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(out[0], in[0], "finish(0) put the same elements back in front");
		rte_ring_dequeue_finish(r, 4);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 6u, "finish(4) removes 4");

		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst_start(r, out, 16, nullptr), 6u,
				  "flags %#x", flags);
		for (unsigned i = 0; i < 6; i++)
			TEST_ASSERT_EQUAL(out[i], in[4 + i], "burst peek element %u", i);
		rte_ring_dequeue_finish(r, 2);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 4u, "finish(2) of 6 removes 2");
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, 4, nullptr), 4u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(out[0], in[6], "next element after a partial finish");
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst_start(r, out, 4, &av), 0u, "empty ring");
		TEST_ASSERT_EQUAL(av, 0u, "available on empty ring");
		rte_ring_dequeue_finish(r, 0);
	}
	return TEST_SUCCESS;
}

int
test_ring_peek_enqueue_commits_part(void)
{
	void *in[16], *out[16];
	for (unsigned i = 0; i < 16; i++)
		in[i] = tok(i + 100);

	for (unsigned flags : peek_modes) {
		struct rte_ring *r = test_ring_make("peek_enq", sizeof(void *), 16, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		unsigned fs = 99;
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_start(r, 5, &fs), 5u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(fs, 10u, "free after reserving 5 of 15");
		TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "a reservation is not published");
		rte_ring_enqueue_finish(r, in, 3);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 3u, "finish(3) of 5 publishes 3");

		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_start(r, 13, nullptr), 0u,
				  "bulk start beyond room, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_burst_start(r, 16, &fs), 12u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(fs, 0u, "free after reserving the rest");
		rte_ring_enqueue_finish(r, in + 3, 12);
		TEST_ASSERT_EQUAL(rte_ring_full(r), 1, "ring full after finishing 12");
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, 15, nullptr), 15u, "flags %#x",
				  flags);
		for (unsigned i = 0; i < 15; i++)
			TEST_ASSERT_EQUAL(out[i], in[i], "element %u", i);
	}
	return TEST_SUCCESS;
}

int
test_ring_peek_finish_too_many_commits_nothing(void)
{
	void *in[8] = {tok(1), tok(2), tok(3), tok(4)}, *out[8];

	for (unsigned flags : peek_modes) {
		struct rte_ring *r = test_ring_make("peek_over", sizeof(void *), 8, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_start(r, 2, nullptr), 2u, "flags %#x",
				  flags);
		rte_ring_enqueue_finish(r, in, 5);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 0u,
				  "finish(5) after start(2) must commit nothing");
		/* the reservation is gone: a new one starts at the same place */
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_start(r, 4, nullptr), 4u, "flags %#x",
				  flags);
		rte_ring_enqueue_finish(r, in, 4);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 4u, "flags %#x", flags);

		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk_start(r, out, 2, nullptr), 2u, "flags %#x",
				  flags);
		rte_ring_dequeue_finish(r, 3);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 4u,
				  "dequeue finish(3) after start(2) removes nothing");
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, 4, nullptr), 4u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(out[0], in[0], "first element still first");
		TEST_ASSERT_EQUAL(out[3], in[3], "last element");
	}
	return TEST_SUCCESS;
}

int
test_ring_peek_refused_on_mt_and_rts(void)
{
	const unsigned refused[] = {0, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ};
	void *in[4] = {tok(1), tok(2), tok(3), tok(4)}, *out[4] = {};
	struct rte_ring_zc_data zcd;

	for (unsigned flags : refused) {
		struct rte_ring *r = test_ring_make("peek_no", sizeof(void *), 8, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in, 4, nullptr), 4u, "flags %#x", flags);
		unsigned fs = 99;
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_start(r, 1, &fs), 0u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(fs, 0u, "free_space of a refused start");
		rte_ring_enqueue_finish(r, in, 1);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst_start(r, out, 4, nullptr), 0u, "flags %#x",
				  flags);
		rte_ring_dequeue_finish(r, 4);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_zc_burst_start(r, 2, &zcd, nullptr), 0u,
				  "flags %#x", flags);
		rte_ring_enqueue_zc_finish(r, 2);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_zc_burst_start(r, 2, &zcd, nullptr), 0u,
				  "flags %#x", flags);
		rte_ring_dequeue_zc_finish(r, 2);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 4u,
				  "refused calls changed the ring, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, 4, nullptr), 4u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(out[3], in[3], "contents after refused calls");
	}
	return TEST_SUCCESS;
}

namespace {

template <unsigned ES>
int
peek_elem(unsigned flags)
{
	using elem = test_elem<ES>;
	struct rte_ring *r = test_ring_make("peek_elem", ES, 32, flags);
	TEST_ASSERT_NOT_NULL(r, "esize %u flags %#x", ES, flags);
	test_ring_guard guard(r);
	std::vector<elem> buf(32);
	uint32_t in = 0, out = 0;

	/* 40 rounds of 7 in, 7 out through a 31-slot ring: runs wrap */
	for (unsigned round = 0; round < 40; round++) {
		unsigned n = rte_ring_enqueue_burst_elem_start(r, 9, nullptr);
		TEST_ASSERT_EQUAL(n, 9u, "esize %u round %u", ES, round);
		for (unsigned i = 0; i < 7; i++)
			buf[i] = elem::make(in + i);
		rte_ring_enqueue_elem_finish(r, buf.data(), ES, 7);
		in += 7;
		n = rte_ring_dequeue_bulk_elem_start(r, buf.data(), ES, 7, nullptr);
		TEST_ASSERT_EQUAL(n, 7u, "esize %u round %u", ES, round);
		for (unsigned i = 0; i < 7; i++)
			TEST_ASSERT_EQUAL(buf[i].token(), out + i, "esize %u round %u element %u",
					  ES, round, i);
		rte_ring_dequeue_elem_finish(r, round % 2 ? 7 : 5); /* keep 2 every other round */
		out += round % 2 ? 7 : 5;
		n = rte_ring_dequeue_burst_elem_start(r, buf.data(), ES, 32, nullptr);
		TEST_ASSERT_EQUAL(n, in - out, "esize %u round %u leftovers", ES, round);
		if (n > 0)
			TEST_ASSERT_EQUAL(buf[0].token(), out, "esize %u round %u", ES, round);
		rte_ring_dequeue_elem_finish(r, n);
		out += n;
	}
	return TEST_SUCCESS;
}

} // namespace

int
test_ring_peek_elem_sizes(void)
{
	for (unsigned flags : peek_modes)
		if (peek_elem<4>(flags) || peek_elem<8>(flags) || peek_elem<16>(flags) ||
		    peek_elem<20>(flags) || peek_elem<32>(flags))
			return TEST_FAILED;
	return TEST_SUCCESS;
}

int
test_ring_zc_enqueue_wraps(void)
{
	for (unsigned flags : peek_modes) {
		struct rte_ring *r = test_ring_make("zc_enq", sizeof(void *), 16, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		test_ring_set_positions(r, 12); /* 4 slots before the end of the array */
		struct rte_ring_zc_data zcd;
		void **slots = (void **)(void *)&r[1];

		unsigned fs = 99;
		TEST_ASSERT_EQUAL(rte_ring_enqueue_zc_bulk_start(r, 8, &zcd, &fs), 8u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(fs, 7u, "free after reserving 8 of 15");
		TEST_ASSERT_EQUAL(zcd.n1, 4u, "slots before the wrap");
		TEST_ASSERT_EQUAL(zcd.ptr1, (void *)&slots[12], "first slot");
		TEST_ASSERT_EQUAL(zcd.ptr2, (void *)&slots[0], "the run continues at slot 0");
		for (unsigned i = 0; i < zcd.n1; i++)
			((void **)zcd.ptr1)[i] = tok(i);
		for (unsigned i = zcd.n1; i < 8; i++)
			((void **)zcd.ptr2)[i - zcd.n1] = tok(i);
		rte_ring_enqueue_zc_finish(r, 8);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 8u, "flags %#x", flags);

		/* no wrap: ptr2 is NULL */
		TEST_ASSERT_EQUAL(rte_ring_enqueue_zc_burst_start(r, 3, &zcd, nullptr), 3u,
				  "flags %#x", flags);
		TEST_ASSERT_EQUAL(zcd.n1, 3u, "all 3 slots in the first run");
		TEST_ASSERT_NULL(zcd.ptr2, "ptr2 without a wrap");
		for (unsigned i = 0; i < 3; i++)
			((void **)zcd.ptr1)[i] = tok(8 + i);
		rte_ring_enqueue_zc_finish(r, 2); /* publish 2 of 3 */

		void *out[16];
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, out, 16, nullptr), 10u, "flags %#x",
				  flags);
		for (unsigned i = 0; i < 10; i++)
			TEST_ASSERT_EQUAL(out[i], tok(i), "element %u", i);

		/* elem form: 16-byte elements written in place */
		struct rte_ring *r16 = test_ring_make("zc_enq16", 16, 8, flags);
		TEST_ASSERT_NOT_NULL(r16, "flags %#x", flags);
		test_ring_guard guard16(r16);
		test_ring_set_positions(r16, 6);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_zc_bulk_elem_start(r16, 16, 5, &zcd, nullptr),
				  5u, "flags %#x", flags);
		TEST_ASSERT_EQUAL(zcd.n1, 2u, "16-byte run before the wrap");
		for (unsigned i = 0; i < 5; i++) {
			auto e = test_elem<16>::make(i);
			void *dst = i < zcd.n1 ? (uint8_t *)zcd.ptr1 + 16 * i
					       : (uint8_t *)zcd.ptr2 + 16 * (i - zcd.n1);
			memcpy(dst, &e, 16);
		}
		rte_ring_enqueue_zc_elem_finish(r16, 5);
		test_elem<16> e16[5];
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk_elem(r16, e16, 16, 5, nullptr), 5u,
				  "flags %#x", flags);
		for (unsigned i = 0; i < 5; i++)
			TEST_ASSERT_EQUAL(e16[i].token(), i, "16-byte element %u", i);
	}
	return TEST_SUCCESS;
}

int
test_ring_zc_dequeue_in_place(void)
{
	for (unsigned flags : peek_modes) {
		struct rte_ring *r = test_ring_make("zc_deq", 20, 16, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		test_ring_set_positions(r, 14);
		test_elem<20> in[10];
		for (unsigned i = 0; i < 10; i++)
			in[i] = test_elem<20>::make(i);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_elem(r, in, 20, 10, nullptr), 10u,
				  "flags %#x", flags);

		struct rte_ring_zc_data zcd;
		unsigned av = 99;
		TEST_ASSERT_EQUAL(rte_ring_dequeue_zc_bulk_elem_start(r, 20, 6, &zcd, &av), 6u,
				  "flags %#x", flags);
		TEST_ASSERT_EQUAL(av, 4u, "available after reserving 6 of 10");
		TEST_ASSERT_EQUAL(zcd.n1, 2u, "elements before the wrap");
		for (unsigned i = 0; i < 6; i++) {
			const void *src = i < zcd.n1 ? (uint8_t *)zcd.ptr1 + 20 * i
						     : (uint8_t *)zcd.ptr2 + 20 * (i - zcd.n1);
			test_elem<20> e;
			memcpy(&e, src, 20);
			TEST_ASSERT_EQUAL(e.token(), i, "element %u read in place", i);
		}
		rte_ring_dequeue_zc_elem_finish(r, 5); /* take 5, leave 1 */
		TEST_ASSERT_EQUAL(rte_ring_count(r), 5u, "flags %#x", flags);

		TEST_ASSERT_EQUAL(rte_ring_dequeue_zc_burst_elem_start(r, 20, 16, &zcd, nullptr),
				  5u, "flags %#x", flags);
		test_elem<20> e;
		memcpy(&e, zcd.ptr1, 20);
		TEST_ASSERT_EQUAL(e.token(), 5u, "the element left by the partial finish");
		rte_ring_dequeue_zc_finish(r, 5);
		TEST_ASSERT_EQUAL(rte_ring_empty(r), 1, "flags %#x", flags);

		/* pointer form */
		struct rte_ring *rp = test_ring_make("zc_deqp", sizeof(void *), 8, flags);
		TEST_ASSERT_NOT_NULL(rp, "flags %#x", flags);
		test_ring_guard guardp(rp);
		void *objs[3] = {tok(7), tok(8), tok(9)};
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(rp, objs, 3, nullptr), 3u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_zc_bulk_start(rp, 4, &zcd, nullptr), 0u,
				  "bulk zc start beyond count");
		TEST_ASSERT_EQUAL(rte_ring_dequeue_zc_burst_start(rp, 4, &zcd, nullptr), 3u,
				  "flags %#x", flags);
		TEST_ASSERT_EQUAL(((void **)zcd.ptr1)[2], tok(9), "pointer read in place");
		rte_ring_dequeue_zc_finish(rp, 3);
		TEST_ASSERT_EQUAL(rte_ring_count(rp), 0u, "flags %#x", flags);
	}
	return TEST_SUCCESS;
}
