/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Every way of moving elements through a ring, as one compile-time
 * template: the five calling styles of test_ring.h plus the two-phase
 * (peek) and zero-copy APIs, which work on ST and HTS sides only. A peek
 * or zero-copy call may commit less than it reserved ("short"): an
 * enqueue then publishes only the first elements, a dequeue leaves the
 * rest in the ring. A start that reserved nothing is not finished (the
 * documented use: on an HTS side a finish without a reservation of one's
 * own would end another thread's). Used by the start-position, long-horizon and stall
 * tests, which must run the same check through every path.
 */

#ifndef _DPKIT_TEST_RING_STYLES_H_
#define _DPKIT_TEST_RING_STYLES_H_

#include <stdint.h>
#include <string.h>

#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>

#include "test_ring.h"

enum class test_style { dflt, mt, st, rts, hts, peek, zc };

constexpr const char *
test_style_name(test_style s)
{
	switch (s) {
	case test_style::dflt: return "default";
	case test_style::mt: return "mp/mc";
	case test_style::st: return "sp/sc";
	case test_style::rts: return "rts";
	case test_style::hts: return "hts";
	case test_style::peek: return "peek";
	case test_style::zc: return "zero-copy";
	}
	return "?";
}

template <test_style S, unsigned ES>
struct test_style_ops {
	/* enqueue up to n (burst) or exactly n (bulk); a peek/zc call commits
	 * all but @p short_by of what it reserved; returns the number published */
	static unsigned enq(struct rte_ring *r, const void *obj, unsigned n, bool burst,
			    unsigned *free_space, unsigned short_by = 0)
	{
		if constexpr (S == test_style::peek) {
			unsigned got = burst ? rte_ring_enqueue_burst_elem_start(r, n, free_space)
					     : rte_ring_enqueue_bulk_elem_start(r, n, free_space);
			unsigned put = got > short_by ? got - short_by : 0;
			if (got != 0)
				rte_ring_enqueue_elem_finish(r, obj, ES, put);
			return put;
		} else if constexpr (S == test_style::zc) {
			struct rte_ring_zc_data zcd;
			unsigned got = burst ? rte_ring_enqueue_zc_burst_elem_start(r, ES, n, &zcd,
										    free_space)
					     : rte_ring_enqueue_zc_bulk_elem_start(r, ES, n, &zcd,
										   free_space);
			unsigned put = got > short_by ? got - short_by : 0;
			zc_copy_in(zcd, obj, put);
			if (got != 0)
				rte_ring_enqueue_zc_elem_finish(r, put);
			return put;
		} else {
			return test_ring_ops<as_api(), ES>::enq(r, obj, n, burst, free_space);
		}
	}

	/* dequeue; a peek/zc call removes all but @p short_by of what it read */
	static unsigned deq(struct rte_ring *r, void *obj, unsigned n, bool burst,
			    unsigned *available, unsigned short_by = 0)
	{
		if constexpr (S == test_style::peek) {
			unsigned got = burst ? rte_ring_dequeue_burst_elem_start(r, obj, ES, n,
										 available)
					     : rte_ring_dequeue_bulk_elem_start(r, obj, ES, n,
										available);
			unsigned take = got > short_by ? got - short_by : 0;
			if (got != 0)
				rte_ring_dequeue_elem_finish(r, take);
			return take;
		} else if constexpr (S == test_style::zc) {
			struct rte_ring_zc_data zcd;
			unsigned got = burst ? rte_ring_dequeue_zc_burst_elem_start(r, ES, n, &zcd,
										    available)
					     : rte_ring_dequeue_zc_bulk_elem_start(r, ES, n, &zcd,
										   available);
			unsigned take = got > short_by ? got - short_by : 0;
			zc_copy_out(zcd, obj, take);
			if (got != 0)
				rte_ring_dequeue_zc_elem_finish(r, take);
			return take;
		} else {
			return test_ring_ops<as_api(), ES>::deq(r, obj, n, burst, available);
		}
	}

	/* the RING_F_* flags of a ring this style works on (peek/zc: @p hts picks HTS over ST) */
	static constexpr unsigned ring_flags(bool hts = false)
	{
		if constexpr (S == test_style::peek || S == test_style::zc)
			return hts ? RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ
				   : RING_F_SP_ENQ | RING_F_SC_DEQ;
		else
			return test_ring_flags_for(as_api());
	}

private:
	static constexpr test_api as_api()
	{
		switch (S) {
		case test_style::mt: return test_api::mt;
		case test_style::st: return test_api::st;
		case test_style::rts: return test_api::rts;
		case test_style::hts: return test_api::hts;
		default: return test_api::dflt;
		}
	}
	static void zc_copy_in(const struct rte_ring_zc_data &zcd, const void *obj, unsigned n)
	{
		unsigned first = n < zcd.n1 ? n : zcd.n1;
		memcpy(zcd.ptr1, obj, (size_t)first * ES);
		if (n > first)
			memcpy(zcd.ptr2, (const uint8_t *)obj + (size_t)first * ES,
			       (size_t)(n - first) * ES);
	}
	static void zc_copy_out(const struct rte_ring_zc_data &zcd, void *obj, unsigned n)
	{
		unsigned first = n < zcd.n1 ? n : zcd.n1;
		memcpy(obj, zcd.ptr1, (size_t)first * ES);
		if (n > first)
			memcpy((uint8_t *)obj + (size_t)first * ES, zcd.ptr2,
			       (size_t)(n - first) * ES);
	}
};

#endif /* _DPKIT_TEST_RING_STYLES_H_ */
