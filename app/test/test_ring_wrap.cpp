/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_wrap_autotest: the ring's 32-bit positions and each side's cached
 * copy of the other side's tail, from every start that matters.
 *
 * A side reads room from its copy of the other side's tail and refreshes
 * the copy only on its slow path. A side whose every call sees room <= n
 * (a consumer polling an emptied ring, a producer topping up a full one)
 * once refreshed the copy only when fresh room exceeded n, i.e. never; after
 * about 2^32 positions "copy - head" wrapped back into [n, capacity] and
 * the fast path handed out slots that held nothing (or overwrote slots not
 * yet consumed). Running 2^32 positions takes seconds (ring_long_autotest
 * does it); here each case starts where such a run would be a few calls
 * before the wrap: positions just below 2^32, the copy 2^32 - capacity - 97
 * positions old.
 *
 * Then the general matrix: rings started at positions 0, 2^31 and just
 * below 2^32, with copies fresh or stale by amounts up to nearly 2^32, run
 * through every calling style (default, mp/mc, sp/sc, RTS, HTS, peek and
 * zero-copy on ST and HTS rings), bulk and burst, element sizes 4, 8, 16
 * and 20, against a model: returned counts, free_space / available,
 * count, free_count, full, empty and every element's contents.
 */

#include <stdio.h>

#include <vector>

#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"
#include "test_ring.h"
#include "test_ring_styles.h"

namespace {

constexpr uint32_t burst_n = 32;

/* A start a few calls before the wrap a never-refreshed copy would reach. */
constexpr uint32_t near_wrap_pos = 0u - 700u;
uint32_t
near_wrap_staleness(unsigned cap)
{
	return 0u - cap - 1 - 3 * burst_n;
}

using rng = test_rng; /* per seed (thread id) */

/*
 * Ping-pong with an empty poll: enqueue n, dequeue n, dequeue n from the
 * now empty ring, @iters times, through style S; the consumers' copy
 * starts nearly 2^32 positions stale. The poll must find nothing.
 */
template <test_style S>
int
empty_poll_on(unsigned flags, bool burst, unsigned iters)
{
	using ops = test_style_ops<S, 8>;
	using elem = test_elem<8>;
	char what[64];
	snprintf(what, sizeof(what), "%s calls, flags %#x", test_style_name(S), flags);
	struct rte_ring *r = test_ring_make("poll", 8, 1024, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", what);
	test_ring_guard guard(r);
	const unsigned cap = rte_ring_get_capacity(r);
	test_ring_set_positions(r, near_wrap_pos);
	test_ring_set_peer_copy(r, false, near_wrap_staleness(cap));

	elem in[burst_n], out[burst_n];
	uint32_t next_in = 0, next_out = 0;
	for (unsigned it = 0; it < iters; it++) {
		for (unsigned i = 0; i < burst_n; i++)
			in[i] = elem::make(next_in + i);
		TEST_ASSERT_EQUAL(ops::enq(r, in, burst_n, burst, nullptr), burst_n,
				  "%s %s: iteration %u enqueue into a ring holding %u", what,
				  burst ? "burst" : "bulk", it, next_in - next_out);
		next_in += burst_n;
		unsigned got = ops::deq(r, out, burst_n, burst, nullptr);
		TEST_ASSERT_EQUAL(got, burst_n, "%s %s: iteration %u dequeue", what,
				  burst ? "burst" : "bulk", it);
		for (unsigned i = 0; i < got; i++)
			TEST_ASSERT_EQUAL(out[i].token(), next_out + i,
					  "%s %s: iteration %u element %u", what,
					  burst ? "burst" : "bulk", it, i);
		next_out += got;
		/* every other poll asks for the count too (the exact path) */
		unsigned avail = ~0u;
		got = ops::deq(r, out, burst_n, burst, it % 2 ? &avail : nullptr);
		TEST_ASSERT_EQUAL(got, 0u,
				  "%s %s: iteration %u: the poll of an empty ring "
				  "returned elements (first token %u, positions %u past the start)",
				  what, burst ? "burst" : "bulk", it, out[0].token(), next_out);
		if (it % 2)
			TEST_ASSERT_EQUAL(avail, 0u, "%s: available on an empty ring", what);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "%s: iteration %u count", what, it);
	}
	TEST_ASSERT_EQUAL(rte_ring_empty(r), 1, "%s: not empty at the end", what);
	return TEST_SUCCESS;
}

/*
 * The producer's twin: a full ring, then dequeue n, enqueue n, enqueue n
 * into the again full ring; the producers' copy starts nearly 2^32
 * positions stale. The second enqueue must be refused and nothing overwritten.
 */
template <test_style S>
int
full_topup_on(unsigned flags, bool burst, unsigned iters)
{
	using ops = test_style_ops<S, 8>;
	using elem = test_elem<8>;
	char what[64];
	snprintf(what, sizeof(what), "%s calls, flags %#x", test_style_name(S), flags);
	struct rte_ring *r = test_ring_make("topup", 8, 1024, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", what);
	test_ring_guard guard(r);
	const unsigned cap = rte_ring_get_capacity(r);
	test_ring_set_positions(r, near_wrap_pos);

	std::vector<elem> fill(cap);
	for (unsigned i = 0; i < cap; i++)
		fill[i] = elem::make(i);
	TEST_ASSERT_EQUAL(ops::enq(r, fill.data(), cap, false, nullptr), cap, "%s: fill", what);
	uint32_t next_in = cap, next_out = 0;
	test_ring_set_peer_copy(r, true, near_wrap_staleness(cap));

	elem in[burst_n], out[burst_n];
	for (unsigned it = 0; it < iters; it++) {
		unsigned got = ops::deq(r, out, burst_n, burst, nullptr);
		TEST_ASSERT_EQUAL(got, burst_n, "%s %s: iteration %u dequeue", what,
				  burst ? "burst" : "bulk", it);
		for (unsigned i = 0; i < got; i++)
			TEST_ASSERT_EQUAL(out[i].token(), next_out + i,
					  "%s %s: iteration %u element %u (overwritten?)", what,
					  burst ? "burst" : "bulk", it, i);
		next_out += got;
		for (unsigned i = 0; i < burst_n; i++)
			in[i] = elem::make(next_in + i);
		TEST_ASSERT_EQUAL(ops::enq(r, in, burst_n, burst, nullptr), burst_n,
				  "%s: iteration %u top-up", what, it);
		next_in += burst_n;
		unsigned free_space = ~0u;
		got = ops::enq(r, in, burst_n, burst, it % 2 ? &free_space : nullptr);
		TEST_ASSERT_EQUAL(got, 0u,
				  "%s %s: iteration %u: an enqueue into a full ring "
				  "was accepted",
				  what, burst ? "burst" : "bulk", it);
		if (it % 2)
			TEST_ASSERT_EQUAL(free_space, 0u, "%s: free_space of a full ring", what);
		TEST_ASSERT_EQUAL(rte_ring_count(r), cap, "%s: iteration %u count", what, it);
		TEST_ASSERT_EQUAL(rte_ring_full(r), 1, "%s: iteration %u not full", what, it);
	}
	return TEST_SUCCESS;
}

/* Run check F<S> for both bulk and burst on every style and ring mode; all
 * of them, so that a failure report names every path that fails. */
template <template <test_style> class F>
int
every_style(unsigned iters)
{
	using peek = test_style_ops<test_style::peek, 8>;
	int failed = 0;

	for (bool burst : {false, true}) {
		failed |= F<test_style::dflt>::run(0, burst, iters);
		failed |= F<test_style::mt>::run(0, burst, iters);
		failed |= F<test_style::st>::run(test_ring_flags_for(test_api::st), burst, iters);
		failed |= F<test_style::rts>::run(test_ring_flags_for(test_api::rts), burst, iters);
		failed |= F<test_style::hts>::run(test_ring_flags_for(test_api::hts), burst, iters);
		failed |= F<test_style::peek>::run(peek::ring_flags(false), burst, iters);
		failed |= F<test_style::peek>::run(peek::ring_flags(true), burst, iters);
		failed |= F<test_style::zc>::run(peek::ring_flags(false), burst, iters);
		failed |= F<test_style::zc>::run(peek::ring_flags(true), burst, iters);
	}
	return failed ? TEST_FAILED : TEST_SUCCESS;
}

template <test_style S>
struct empty_poll {
	static int run(unsigned flags, bool burst, unsigned iters)
	{
		return empty_poll_on<S>(flags, burst, iters);
	}
};

template <test_style S>
struct full_topup {
	static int run(unsigned flags, bool burst, unsigned iters)
	{
		return full_topup_on<S>(flags, burst, iters);
	}
};

/* ---- start-position matrix ---- */

/*
 * Random enqueues and dequeues through style S, checked against the model
 * (tokens in, tokens out); peek and zero-copy calls sometimes commit less
 * than they reserved.
 */
template <test_style S, unsigned ES>
int
model_run(struct rte_ring *r, const char *what, unsigned rounds, uint32_t seed)
{
	using ops = test_style_ops<S, ES>;
	using elem = test_elem<ES>;
	constexpr bool two_phase = S == test_style::peek || S == test_style::zc;
	const unsigned cap = rte_ring_get_capacity(r);
	std::vector<elem> buf(cap + 16);
	uint32_t in = 0, out = 0;
	rng rand(seed);

	for (unsigned round = 0; round < rounds; round++) {
		uint32_t x = rand.next();
		bool burst = x & 1;
		/* mostly small requests; sometimes up to capacity + 1 */
		unsigned n = (x >> 8) % 8 == 0 ? (x >> 12) % (cap + 2) : (x >> 12) % 40;
		unsigned short_by = two_phase && (x >> 4) % 4 == 0 ? (x >> 20) % 4 : 0;
		unsigned used = in - out, room = cap - used;

		for (unsigned i = 0; i < n; i++)
			buf[i] = elem::make(in + i);
		unsigned free_space = ~0u;
		unsigned got = ops::enq(r, buf.data(), n, burst, &free_space, short_by);
		unsigned reserved = n <= room ? n : burst ? room : 0;
		unsigned want = reserved > short_by ? reserved - short_by : 0;
		TEST_ASSERT_EQUAL(got, want,
				  "%s: round %u enqueue %s of %u (short by %u) with %u free", what,
				  round, burst ? "burst" : "bulk", n, short_by, room);
		TEST_ASSERT_EQUAL(free_space, room - reserved, "%s: round %u free_space", what,
				  round);
		in += got;
		used = in - out;
		TEST_ASSERT_EQUAL(rte_ring_count(r), used, "%s: round %u count", what, round);
		TEST_ASSERT_EQUAL(rte_ring_free_count(r), cap - used, "%s: round %u free_count",
				  what, round);
		TEST_ASSERT_EQUAL(rte_ring_full(r), used == cap ? 1 : 0, "%s: round %u full", what,
				  round);
		TEST_ASSERT_EQUAL(rte_ring_empty(r), used == 0 ? 1 : 0, "%s: round %u empty", what,
				  round);

		x = rand.next();
		burst = x & 1;
		n = (x >> 8) % 8 == 0 ? (x >> 12) % (cap + 2) : (x >> 12) % 40;
		short_by = two_phase && (x >> 4) % 4 == 0 ? (x >> 20) % 4 : 0;
		unsigned available = ~0u;
		got = ops::deq(r, buf.data(), n, burst, &available, short_by);
		reserved = n <= used ? n : burst ? used : 0;
		want = reserved > short_by ? reserved - short_by : 0;
		TEST_ASSERT_EQUAL(got, want,
				  "%s: round %u dequeue %s of %u (short by %u) with %u in ring",
				  what, round, burst ? "burst" : "bulk", n, short_by, used);
		TEST_ASSERT_EQUAL(available, used - reserved, "%s: round %u available", what,
				  round);
		for (unsigned i = 0; i < got; i++)
			TEST_ASSERT_EQUAL(buf[i].token(), out + i, "%s: round %u element %u", what,
					  round, i);
		out += got;
		TEST_ASSERT_EQUAL(rte_ring_count(r), in - out, "%s: round %u count after dequeue",
				  what, round);
	}
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

struct placement {
	uint32_t pos;            /* every head and tail */
	uint32_t prod_staleness; /* of the producers' copy of the consumer tail */
	uint32_t cons_staleness; /* of the consumers' copy of the producer tail */
};

template <test_style S, unsigned ES>
int
model_on_placed_ring(unsigned flags, unsigned count, const placement &p)
{
	char what[160];
	snprintf(what, sizeof(what),
		 "%s, esize %u, count %u, flags %#x, start %#x, "
		 "copies stale by %#x / %#x",
		 test_style_name(S), ES, count, flags, p.pos, p.prod_staleness, p.cons_staleness);
	struct rte_ring *r = test_ring_make("placed", ES, count, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", what);
	test_ring_guard guard(r);
	test_ring_set_positions(r, p.pos);
	test_ring_set_peer_copy(r, true, p.prod_staleness);
	test_ring_set_peer_copy(r, false, p.cons_staleness);
	return model_run<S, ES>(r, what, 150, p.pos ^ p.prod_staleness ^ count ^ flags ^ ES);
}

template <unsigned ES>
int
model_every_style(unsigned count, unsigned extra, const placement &p)
{
	using peek = test_style_ops<test_style::peek, ES>;
	return model_on_placed_ring<test_style::dflt, ES>(extra, count, p) ||
	       model_on_placed_ring<test_style::mt, ES>(extra, count, p) ||
	       model_on_placed_ring<test_style::st, ES>(extra | RING_F_SP_ENQ | RING_F_SC_DEQ,
							count, p) ||
	       model_on_placed_ring<test_style::rts, ES>(extra | test_ring_flags_for(test_api::rts),
							 count, p) ||
	       model_on_placed_ring<test_style::hts, ES>(extra | test_ring_flags_for(test_api::hts),
							 count, p) ||
	       model_on_placed_ring<test_style::peek, ES>(extra | peek::ring_flags(false), count,
							  p) ||
	       model_on_placed_ring<test_style::peek, ES>(extra | peek::ring_flags(true), count,
							  p) ||
	       model_on_placed_ring<test_style::zc, ES>(extra | peek::ring_flags(false), count,
							p) ||
	       model_on_placed_ring<test_style::zc, ES>(extra | peek::ring_flags(true), count, p);
}

} // namespace

static int
test_ring_consumer_copy_never_refreshed_2_pow_32(void)
{
	return every_style<empty_poll>(3000);
}

static int
test_ring_producer_copy_never_refreshed_2_pow_32(void)
{
	return every_style<full_topup>(3000);
}

static int
test_ring_start_positions_and_stale_copies(void)
{
	/* capacity 63 (power of 2) and 50 (exact size) */
	const unsigned cap63 = 63;
	const uint32_t starts[] = {0, 0x80000000u, 0u - 5, 0u - 300};
	/* staleness: fresh, a few calls, far, and the farthest a consumer copy
	 * of an empty ring can be without already showing room (2^32 - cap - 1) */
	const uint32_t stale[][2] = {
		{0, 0},
		{40, 0},
		{0, 40},
		{1u << 20, 1u << 31},
		{0xC0000000u, 0u - cap63 - 1},
		{0u - 1, 1u << 30},
	};
	for (uint32_t pos : starts) {
		for (const auto &s : stale) {
			placement p = {pos, s[0], s[1]};
			for (unsigned exact = 0; exact < 2; exact++) {
				unsigned count = exact ? 50 : 64;
				unsigned extra = exact ? RING_F_EXACT_SZ : 0;
				if (model_every_style<4>(count, extra, p) ||
				    model_every_style<8>(count, extra, p) ||
				    model_every_style<16>(count, extra, p) ||
				    model_every_style<20>(count, extra, p))
					return TEST_FAILED;
			}
		}
	}
	return TEST_SUCCESS;
}

static const struct unit_test_case ring_wrap_cases[] = {
	TEST_CASE(test_ring_consumer_copy_never_refreshed_2_pow_32),
	TEST_CASE(test_ring_producer_copy_never_refreshed_2_pow_32),
	TEST_CASE(test_ring_start_positions_and_stale_copies), TEST_CASES_END()};

static const struct unit_test_suite ring_wrap_suite = {"ring_wrap", nullptr, nullptr,
						       ring_wrap_cases};

static int
test_ring_wrap(void)
{
	return unit_test_suite_runner(&ring_wrap_suite);
}

REGISTER_FAST_TEST(ring_wrap_autotest, NOHUGE_OK, ASAN_OK, test_ring_wrap);
