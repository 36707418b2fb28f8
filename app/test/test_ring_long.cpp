/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_long_autotest (suite long-tests, about a minute in a release build):
 * rings driven for real past 2^32 positions on one thread, with every
 * element that comes out checked against the one that went in.
 *
 *  - The reproducer of the peer-copy wrap, as a new user wrote it: a
 *    default MP/MC ring of 1024 pointers, enqueue_burst(32),
 *    dequeue_burst(32), dequeue_burst(32) on the now empty ring, until the
 *    positions have passed 2^32 + 2^20. The empty poll must never return
 *    anything, and the ring never hold more than its capacity.
 *  - Per sync mode (ST, MT, RTS, HTS, and the peek and zero-copy calls on
 *    ST and HTS rings): 1.5 * 2^32 positions in which the consumers' copy of
 *    the producer tail never needs refreshing for room (enqueue 256,
 *    dequeue 256, poll the empty ring), then 1.5 * 2^32 positions in which
 *    the producers' copy never does (a full ring: dequeue 256, enqueue 256,
 *    enqueue into the again full ring). 3 * 2^32 > 2^33 positions per mode.
 * ring_wrap_autotest reaches the same regimes in milliseconds by starting
 * the counters near the wrap; this one shows the real thing.
 */

#include <stdio.h>
#include <time.h>

#include <vector>

#include <rte_errno.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"
#include "test_ring.h"
#include "test_ring_styles.h"

namespace {

double
now_s()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

constexpr uint64_t two_32 = (uint64_t)1 << 32;

} // namespace

static int
test_ring_reproducer_mpmc_1024_empty_poll(void)
{
	constexpr unsigned n = 32;
	constexpr uint64_t positions = two_32 + (1u << 20);
	struct rte_ring *r = rte_ring_create("long_repro", 1024, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "cannot make ring: %d", rte_errno);
	test_ring_guard guard(r);
	void *in[n], *out[n];
	uintptr_t next_in = 1, next_out = 1; /* pointer values 8 * token */
	double t0 = now_s();

	for (uint64_t done = 0; done < positions; done += n) {
		for (unsigned i = 0; i < n; i++)
			in[i] = (void *)((next_in + i) * 8);
		unsigned got = rte_ring_enqueue_burst(r, in, n, nullptr);
		TEST_ASSERT_EQUAL(got, n, "enqueue at position %llu", (unsigned long long)done);
		next_in += n;
		got = rte_ring_dequeue_burst(r, out, n, nullptr);
		TEST_ASSERT_EQUAL(got, n, "dequeue at position %llu", (unsigned long long)done);
		for (unsigned i = 0; i < n; i++)
			if (unlikely(out[i] != (void *)((next_out + i) * 8)))
				TEST_ASSERT_EQUAL(out[i], (void *)((next_out + i) * 8),
						  "element %u at position %llu", i,
						  (unsigned long long)done);
		next_out += n;
		got = rte_ring_dequeue_burst(r, out, n, nullptr);
		TEST_ASSERT_EQUAL(got, 0u,
				  "the poll of an empty ring returned elements at "
				  "position %llu (first %p)",
				  (unsigned long long)done, out[0]);
	}
	TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "count at the end");
	printf("  reproducer: %llu positions (3 calls per 32) in %.1f s\n",
	       (unsigned long long)positions, now_s() - t0);
	return TEST_SUCCESS;
}

namespace {

constexpr unsigned long_n = 256;

/* the consumers' copy regime: enqueue n, dequeue n, poll the empty ring */
template <test_style S>
int
poll_phase(struct rte_ring *r, const char *what, uint64_t positions, uint32_t &next_in,
	   uint32_t &next_out)
{
	using ops = test_style_ops<S, 4>;
	uint32_t in[long_n], out[long_n];

	for (uint64_t done = 0; done < positions; done += long_n) {
		for (unsigned i = 0; i < long_n; i++)
			in[i] = next_in + i;
		unsigned got = ops::enq(r, in, long_n, false, nullptr);
		if (unlikely(got != long_n))
			TEST_ASSERT_EQUAL(got, long_n, "%s: enqueue at %llu", what,
					  (unsigned long long)done);
		next_in += long_n;
		got = ops::deq(r, out, long_n, true, nullptr);
		if (unlikely(got != long_n))
			TEST_ASSERT_EQUAL(got, long_n, "%s: dequeue at %llu", what,
					  (unsigned long long)done);
		unsigned bad = 0;
		for (unsigned i = 0; i < long_n; i++)
			bad |= out[i] ^ (next_out + i);
		if (unlikely(bad != 0))
			for (unsigned i = 0; i < long_n; i++)
				TEST_ASSERT_EQUAL(out[i], next_out + i, "%s: element %u at %llu",
						  what, i, (unsigned long long)done);
		next_out += long_n;
		got = ops::deq(r, out, long_n, true, nullptr);
		if (unlikely(got != 0))
			TEST_ASSERT_EQUAL(got, 0u,
					  "%s: the poll of an empty ring returned "
					  "elements at %llu",
					  what, (unsigned long long)done);
	}
	return TEST_SUCCESS;
}

/* the producers' copy regime: a full ring; dequeue n, top up n, try once more */
template <test_style S>
int
topup_phase(struct rte_ring *r, const char *what, uint64_t positions, uint32_t &next_in,
	    uint32_t &next_out)
{
	using ops = test_style_ops<S, 4>;
	const unsigned cap = rte_ring_get_capacity(r);
	std::vector<uint32_t> fill(cap);
	uint32_t in[long_n], out[long_n];

	for (unsigned i = 0; i < cap; i++)
		fill[i] = next_in + i;
	TEST_ASSERT_EQUAL(ops::enq(r, fill.data(), cap, false, nullptr), cap, "%s: fill", what);
	next_in += cap;
	for (uint64_t done = 0; done < positions; done += long_n) {
		unsigned got = ops::deq(r, out, long_n, false, nullptr);
		if (unlikely(got != long_n))
			TEST_ASSERT_EQUAL(got, long_n, "%s: dequeue at %llu", what,
					  (unsigned long long)done);
		unsigned bad = 0;
		for (unsigned i = 0; i < long_n; i++)
			bad |= out[i] ^ (next_out + i);
		if (unlikely(bad != 0))
			for (unsigned i = 0; i < long_n; i++)
				TEST_ASSERT_EQUAL(out[i], next_out + i,
						  "%s: element %u at %llu "
						  "(overwritten?)",
						  what, i, (unsigned long long)done);
		next_out += long_n;
		for (unsigned i = 0; i < long_n; i++)
			in[i] = next_in + i;
		got = ops::enq(r, in, long_n, false, nullptr);
		if (unlikely(got != long_n))
			TEST_ASSERT_EQUAL(got, long_n, "%s: top-up at %llu", what,
					  (unsigned long long)done);
		next_in += long_n;
		got = ops::enq(r, in, long_n, true, nullptr);
		if (unlikely(got != 0))
			TEST_ASSERT_EQUAL(got, 0u,
					  "%s: an enqueue into the full ring was accepted "
					  "at %llu",
					  what, (unsigned long long)done);
	}
	/* drain what the fill left */
	while (next_out != next_in) {
		unsigned got = ops::deq(r, out, long_n, true, nullptr);
		TEST_ASSERT(got > 0, "%s: %u elements stuck", what, next_in - next_out);
		for (unsigned i = 0; i < got; i++)
			TEST_ASSERT_EQUAL(out[i], next_out + i, "%s: drain element %u", what, i);
		next_out += got;
	}
	return TEST_SUCCESS;
}

template <test_style S>
int
long_run(unsigned flags, const char *mode)
{
	constexpr uint64_t phase = two_32 + two_32 / 2;
	char what[64];
	snprintf(what, sizeof(what), "%s calls, %s ring", test_style_name(S), mode);
	struct rte_ring *r = test_ring_make("long", 4, 1024, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", what);
	test_ring_guard guard(r);
	uint32_t next_in = 0, next_out = 0;
	double t0 = now_s();

	if (poll_phase<S>(r, what, phase, next_in, next_out) != TEST_SUCCESS ||
	    topup_phase<S>(r, what, phase, next_in, next_out) != TEST_SUCCESS)
		return TEST_FAILED;
	TEST_ASSERT_EQUAL(rte_ring_empty(r), 1, "%s: not empty at the end", what);
	printf("  %-28s %llu positions in %.1f s\n", what, (unsigned long long)(2 * phase),
	       now_s() - t0);
	return TEST_SUCCESS;
}

} // namespace

static int
test_ring_2_pow_33_positions_every_mode(void)
{
	using peek = test_style_ops<test_style::peek, 4>;
	int failed = 0;

	failed |= long_run<test_style::st>(test_ring_flags_for(test_api::st), "ST");
	failed |= long_run<test_style::mt>(0, "MT");
	failed |= long_run<test_style::rts>(test_ring_flags_for(test_api::rts), "RTS");
	failed |= long_run<test_style::hts>(test_ring_flags_for(test_api::hts), "HTS");
	failed |= long_run<test_style::peek>(peek::ring_flags(false), "ST");
	failed |= long_run<test_style::zc>(peek::ring_flags(true), "HTS");
	return failed ? TEST_FAILED : TEST_SUCCESS;
}

static const struct unit_test_case ring_long_cases[] = {
	TEST_CASE(test_ring_reproducer_mpmc_1024_empty_poll),
	TEST_CASE(test_ring_2_pow_33_positions_every_mode), TEST_CASES_END()};

static const struct unit_test_suite ring_long_suite = {"ring_long", nullptr, nullptr,
						       ring_long_cases};

static int
test_ring_long(void)
{
	return unit_test_suite_runner(&ring_long_suite);
}

REGISTER_LONG_TEST(ring_long_autotest, NOHUGE_OK, ASAN_OK, test_ring_long);
