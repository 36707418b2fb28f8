/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Shared by the ring tests: making rings, elements with checkable
 * contents, one template per calling style (default / mp-mc / sp-sc /
 * rts / hts) so the same check runs against every mode, and moving a
 * fresh ring's positions (to run across the 2^32 wrap of the counters).
 */

#ifndef _DPKIT_TEST_RING_H_
#define _DPKIT_TEST_RING_H_

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ring.h>
#include <rte_ring_elem.h>

/* ---- random numbers ---- */

/* xorshift32: deterministic per seed, cheap enough for hot test loops. */
struct test_rng {
	uint32_t s;
	explicit test_rng(uint32_t seed) : s(seed * 2654435761u + 1) {}
	uint32_t next()
	{
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		return s;
	}
};

/* ---- elements ---- */

/* An element of ES bytes (a multiple of 4): words derived from a token. */
template <unsigned ES>
struct test_elem {
	static_assert(ES % 4 == 0 && ES > 0, "ring elements are multiples of 4 bytes");
	uint32_t w[ES / 4];

	static test_elem make(uint32_t token)
	{
		test_elem e;
		for (unsigned i = 0; i < ES / 4; i++)
			e.w[i] = token * 2654435761u + i;
		return e;
	}
	/* the token this element was made from, or UINT32_MAX if corrupt */
	uint32_t token() const
	{
		uint32_t t = w[0] * 244002641u; /* inverse of 2654435761 mod 2^32 */
		return *this == make(t) ? t : UINT32_MAX;
	}
	bool operator==(const test_elem &o) const { return memcmp(w, o.w, ES) == 0; }
};

/* ---- calling styles ---- */

enum class test_api { dflt, mt, st, rts, hts };

/* Pick the enqueue/dequeue family A at compile time; ES is the element size. */
template <test_api A, unsigned ES>
struct test_ring_ops {
	static unsigned enq(struct rte_ring *r, const void *obj, unsigned n, bool burst,
			    unsigned *free_space)
	{
		if constexpr (A == test_api::dflt)
			return burst ? rte_ring_enqueue_burst_elem(r, obj, ES, n, free_space)
				     : rte_ring_enqueue_bulk_elem(r, obj, ES, n, free_space);
		else if constexpr (A == test_api::mt)
			return burst ? rte_ring_mp_enqueue_burst_elem(r, obj, ES, n, free_space)
				     : rte_ring_mp_enqueue_bulk_elem(r, obj, ES, n, free_space);
		else if constexpr (A == test_api::st)
			return burst ? rte_ring_sp_enqueue_burst_elem(r, obj, ES, n, free_space)
				     : rte_ring_sp_enqueue_bulk_elem(r, obj, ES, n, free_space);
		else if constexpr (A == test_api::rts)
			return burst ? rte_ring_mp_rts_enqueue_burst_elem(r, obj, ES, n, free_space)
				     : rte_ring_mp_rts_enqueue_bulk_elem(r, obj, ES, n, free_space);
		else
			return burst ? rte_ring_mp_hts_enqueue_burst_elem(r, obj, ES, n, free_space)
				     : rte_ring_mp_hts_enqueue_bulk_elem(r, obj, ES, n, free_space);
	}
	static unsigned deq(struct rte_ring *r, void *obj, unsigned n, bool burst,
			    unsigned *available)
	{
		if constexpr (A == test_api::dflt)
			return burst ? rte_ring_dequeue_burst_elem(r, obj, ES, n, available)
				     : rte_ring_dequeue_bulk_elem(r, obj, ES, n, available);
		else if constexpr (A == test_api::mt)
			return burst ? rte_ring_mc_dequeue_burst_elem(r, obj, ES, n, available)
				     : rte_ring_mc_dequeue_bulk_elem(r, obj, ES, n, available);
		else if constexpr (A == test_api::st)
			return burst ? rte_ring_sc_dequeue_burst_elem(r, obj, ES, n, available)
				     : rte_ring_sc_dequeue_bulk_elem(r, obj, ES, n, available);
		else if constexpr (A == test_api::rts)
			return burst ? rte_ring_mc_rts_dequeue_burst_elem(r, obj, ES, n, available)
				     : rte_ring_mc_rts_dequeue_bulk_elem(r, obj, ES, n, available);
		else
			return burst ? rte_ring_mc_hts_dequeue_burst_elem(r, obj, ES, n, available)
				     : rte_ring_mc_hts_dequeue_bulk_elem(r, obj, ES, n, available);
	}
};

/* The RING_F_* flags that make the default calls use style A on both sides. */
constexpr unsigned
test_ring_flags_for(test_api a)
{
	switch (a) {
	case test_api::st: return RING_F_SP_ENQ | RING_F_SC_DEQ;
	case test_api::rts: return RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ;
	case test_api::hts: return RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ;
	default: return 0;
	}
}

/* ---- making rings ---- */

/*
 * A ring of @count elements of @esize bytes from rte_ring_create_elem(),
 * under a unique name built from @name. NULL on failure (rte_errno set).
 * Free with test_ring_destroy().
 */
struct rte_ring *test_ring_make(const char *name, unsigned esize, unsigned count, unsigned flags);
void test_ring_destroy(struct rte_ring *r);

/* Destroys its ring when the scope ends, also on a failed assertion. */
struct test_ring_guard {
	struct rte_ring *r;
	explicit test_ring_guard(struct rte_ring *ring) : r(ring) {}
	~test_ring_guard()
	{
		if (r != nullptr)
			test_ring_destroy(r);
	}
	test_ring_guard(const test_ring_guard &) = delete;
	test_ring_guard &operator=(const test_ring_guard &) = delete;
};

/*
 * Put every head and tail of a fresh, empty ring at position @pos (test
 * only: lets the counters run across 2^32 within a few operations).
 */
void test_ring_set_positions(struct rte_ring *r, uint32_t pos);

/*
 * Make the producers' (@p prod) or the consumers' copy of the other side's
 * tail @p staleness positions older than that tail is now (0 = fresh):
 * what the side would hold had it not refreshed its copy while the other
 * side moved that far. Test only; the ring must be quiescent.
 */
void test_ring_set_peer_copy(struct rte_ring *r, bool prod, uint32_t staleness);

/* ---- cases living in other files, run by ring_autotest ---- */

int test_ring_fifo_every_mode_and_size(void);
int test_ring_fifo_mixed_modes(void);
int test_ring_counters_wrap_2_pow_32(void);
int test_ring_full_and_empty_edges(void);
int test_ring_free_space_and_available(void);
int test_ring_stale_peer_view_is_not_trusted(void);
int test_ring_peek_dequeue_keeps_or_removes(void);
int test_ring_peek_enqueue_commits_part(void);
int test_ring_peek_finish_too_many_commits_nothing(void);
int test_ring_peek_refused_on_mt_and_rts(void);
int test_ring_peek_elem_sizes(void);
int test_ring_zc_enqueue_wraps(void);
int test_ring_zc_dequeue_in_place(void);

#endif /* _DPKIT_TEST_RING_H_ */
