/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Ring calls stopped between their atomic steps (stall injection; the
 * tests SKIP in builds without -Dstall_injection=true).
 *
 * ring_stall_autotest, a late copy store: thread A dequeues (or enqueues),
 * reads the other side's tail and is stopped just before it stores that
 * tail into its side's copy (site ring.<side>.copy_cas). Meanwhile the
 * ring moves almost 2^32 positions, to where A's old tail would show room
 * in [n, capacity] that is not there; then A resumes. Its store must not
 * land, and A must find the ring as it really is (empty / full). A second
 * form puts the copy back on the very 32-bit value A loaded (the ring moved
 * exactly 2^32 positions of the other side's tail), which a 32-bit
 * compare-and-swap of the copy would not notice. Here the ring is moved by
 * rewriting its positions (a real run of the same length ends in the same
 * state); ring_stall_long_autotest (long-tests) moves it for real.
 *
 * ring_stall_autotest and ring_stall_peek_autotest, random stalls: more
 * threads than CPUs (EAL workers, registered and unregistered non-EAL
 * threads) enqueue and dequeue unique tokens in every sync mode and
 * through the peek and zero-copy calls, while stall points yield or sleep
 * (microseconds to over a second) on some threads and others run exempt
 * at full speed; one thread is stopped for over a second at a chosen step.
 * At quiescence every token enqueued came out exactly once (none lost,
 * none duplicated, none torn) and the counts agree.
 */

#include <stdio.h>
#include <time.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <dpkit_stall.h>

#include "test.h"
#include "test_ring.h"
#include "test_ring_styles.h"

#define NO_STALL_REASON \
	"built without stall injection (meson setup -Dstall_injection=true; " \
	"the asan and tsan lanes have it)"

#ifdef RTE_STALL_INJECTION

namespace {

constexpr uint64_t ms = 1000000ull;
constexpr uint64_t two_32 = (uint64_t)1 << 32;

double
now_s()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- late copy store ---- */

enum class jump {
	fresh_copy,    /* the ring moved 2^32 - 512 positions; copies refreshed on the way */
	same_low_copy, /* the copy is back on the 32-bit value A loaded, 2^32 later */
};

constexpr uint32_t p0 = 1000; /* positions at the start */
constexpr unsigned a_n = 32;  /* A's request */
constexpr unsigned step = 512;

/* Wait until A is asleep at its stall point (the one-shot counts when it fires). */
int
wait_for_stall(uint64_t taken_before, const char *site)
{
	double t0 = now_s();
	while (dpkit_stall_taken() == taken_before) {
		TEST_ASSERT(now_s() - t0 < 10, "thread A never reached %s", site);
		std::this_thread::sleep_for(std::chrono::microseconds(100));
	}
	return TEST_SUCCESS;
}

/*
 * Move an empty ring from position @from to @to for real, @step elements
 * at a time (to - from is a multiple of it). Tokens are checked on the way.
 */
int
move_ring(struct rte_ring *r, uint32_t from, uint32_t to, const char *what)
{
	std::vector<uint64_t> in(step), out(step);
	uint64_t distance = (uint32_t)(to - from);
	uint64_t token = 1ull << 48;

	for (uint64_t done = 0; done < distance; done += step) {
		for (unsigned i = 0; i < step; i++)
			in[i] = token + i;
		unsigned got = rte_ring_enqueue_bulk_elem(r, in.data(), 8, step, nullptr);
		if (unlikely(got != step))
			TEST_ASSERT_EQUAL(got, step, "%s: enqueue while moving, at %llu", what,
					  (unsigned long long)done);
		got = rte_ring_dequeue_bulk_elem(r, out.data(), 8, step, nullptr);
		if (unlikely(got != step || out[0] != token || out[step - 1] != token + step - 1))
			TEST_ASSERT(false, "%s: dequeue while moving, at %llu: got %u", what,
				    (unsigned long long)done, got);
		token += step;
	}
	return TEST_SUCCESS;
}

/* Dequeue 32 at a time until the ring says empty; @return how many came out. */
unsigned
drain(struct rte_ring *r, std::vector<uint64_t> &buf)
{
	unsigned total = 0, got;

	while (total + a_n <= buf.size() &&
	       (got = rte_ring_dequeue_burst_elem(r, buf.data() + total, 8, a_n, nullptr)) != 0)
		total += got;
	return total;
}

struct stalled_call {
	std::thread t;
	std::atomic<bool> done{false};
	unsigned got = ~0u;
	uint64_t objs[a_n] = {};
};

/*
 * A dequeue stopped between reading the producer tail and storing it to
 * the consumers' copy, while the ring moves on.
 */
int
late_store_consumer(unsigned flags, const char *mode, jump how, bool real)
{
	const uint64_t stall_ns = real ? 12000 * ms : 150 * ms;
	struct rte_ring *r = test_ring_make("late_c", 8, 1024, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", mode);
	test_ring_guard guard(r);
	std::vector<uint64_t> buf(1024);

	test_ring_set_positions(r, p0);
	for (unsigned i = 0; i < 64; i++)
		buf[i] = 1 + i;
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_elem(r, buf.data(), 8, 64, nullptr), 64u, "%s",
			  mode);
	/* the consumers' copy still says p0: A's request of 32 finds the copy
	 * short, reads the tail (64 there, more than 32) and refreshes */
	const uint64_t c0 = std::atomic_ref(r->cons_seen.peer_tail).load(std::memory_order_relaxed);

	stalled_call a;
	const uint64_t taken = dpkit_stall_taken();
	a.t = std::thread([&] {
		dpkit_stall_next("ring.cons.copy_cas", stall_ns);
		a.got = rte_ring_dequeue_burst_elem(r, a.objs, 8, a_n, nullptr);
		a.done = true;
	});
	int ret = wait_for_stall(taken, "ring.cons.copy_cas");
	if (ret != TEST_SUCCESS) {
		a.t.join();
		return ret;
	}
	/* A holds head p0, copy c0, tail p0 + 64. Take the 64 away. */
	unsigned got = rte_ring_dequeue_bulk_elem(r, buf.data(), 8, 64, nullptr);
	unsigned expect_a = 0, left = 0;
	if (how == jump::fresh_copy) {
		/* empty where A's tail (p0 + 64) shows 512 elements */
		const uint32_t target = p0 + 64 - step;
		if (real)
			ret = move_ring(r, p0 + 64, target, mode);
		else
			test_ring_set_positions(r, target);
	} else {
		/* 448 elements up to p0 + 2^32, and the copy at c0 + 2^32: its
		 * low half is what A loaded; A's tail would show 512 */
		test_ring_set_positions(r, p0 - 448);
		for (unsigned i = 0; i < 448; i++)
			buf[64 + i] = 1000 + i;
		if (rte_ring_enqueue_bulk_elem(r, buf.data() + 64, 8, 448, nullptr) != 448)
			ret = TEST_FAILED;
		std::atomic_ref(r->cons_seen.peer_tail)
			.store(c0 + two_32, std::memory_order_release);
		expect_a = a_n;
		left = 448 - a_n;
	}
	const bool a_early = a.done;
	a.t.join();
	TEST_ASSERT_EQUAL(ret, TEST_SUCCESS, "%s: moving the ring", mode);
	TEST_ASSERT_EQUAL(got, 64u, "%s: dequeue of the 64", mode);
	TEST_ASSERT(!a_early, "%s: A woke before the ring had moved (%.0f ms stall too short)",
		    mode, (double)stall_ns / ms);
	TEST_ASSERT_EQUAL(a.got, expect_a, "%s, %s: A's dequeue after its stall", mode,
			  how == jump::fresh_copy ? "ring empty" : "448 in the ring");
	for (unsigned i = 0; i < a.got; i++)
		TEST_ASSERT_EQUAL(a.objs[i], 1000u + i, "%s: A's element %u", mode, i);
	/* drain in requests of 32: a stale copy would serve them from its
	 * fast path past the real tail */
	got = drain(r, buf);
	TEST_ASSERT_EQUAL(got, left, "%s: elements left after A (phantoms if more)", mode);
	for (unsigned i = 0; i < got; i++)
		TEST_ASSERT_EQUAL(buf[i], 1000u + a_n + i, "%s: element %u left", mode, i);
	TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "%s: count at the end", mode);
	return TEST_SUCCESS;
}

/*
 * An enqueue stopped between reading the consumer tail and storing it to
 * the producers' copy, while the ring moves on and fills up.
 */
int
late_store_producer(unsigned flags, const char *mode, bool real)
{
	const uint64_t stall_ns = real ? 12000 * ms : 150 * ms;
	struct rte_ring *r = test_ring_make("late_p", 8, 1024, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", mode);
	test_ring_guard guard(r);
	const unsigned cap = rte_ring_get_capacity(r);
	std::vector<uint64_t> buf(cap + 64);

	test_ring_set_positions(r, p0);
	/* a copy that shows 16 free: A's request of 32 reads the tail (all
	 * free, more than 32) and refreshes */
	test_ring_set_peer_copy(r, true, cap - 16);

	stalled_call a;
	uint64_t a_objs[a_n];
	for (unsigned i = 0; i < a_n; i++)
		a_objs[i] = (2ull << 48) + i;
	const uint64_t taken = dpkit_stall_taken();
	a.t = std::thread([&] {
		dpkit_stall_next("ring.prod.copy_cas", stall_ns);
		a.got = rte_ring_enqueue_burst_elem(r, a_objs, 8, a_n, nullptr);
		a.done = true;
	});
	int ret = wait_for_stall(taken, "ring.prod.copy_cas");
	if (ret != TEST_SUCCESS) {
		a.t.join();
		return ret;
	}
	/* A holds head p0, consumer tail p0. Fill the ring at a consumer tail
	 * of p0 - 512: A's old tail would show 512 free. */
	const uint32_t target = p0 - step;
	if (real)
		ret = move_ring(r, p0, target, mode);
	else
		test_ring_set_positions(r, target);
	for (unsigned i = 0; i < cap; i++)
		buf[i] = 1 + i;
	unsigned filled = rte_ring_enqueue_bulk_elem(r, buf.data(), 8, cap, nullptr);
	const bool a_early = a.done;
	a.t.join();
	TEST_ASSERT_EQUAL(ret, TEST_SUCCESS, "%s: moving the ring", mode);
	TEST_ASSERT_EQUAL(filled, cap, "%s: fill", mode);
	TEST_ASSERT(!a_early, "%s: A woke before the ring had moved (%.0f ms stall too short)",
		    mode, (double)stall_ns / ms);
	TEST_ASSERT_EQUAL(a.got, 0u, "%s: A's enqueue into the full ring after its stall", mode);
	unsigned got = drain(r, buf);
	TEST_ASSERT_EQUAL(got, cap, "%s: elements in the ring", mode);
	for (unsigned i = 0; i < got; i++)
		TEST_ASSERT_EQUAL(buf[i], 1u + i, "%s: element %u (overwritten?)", mode, i);
	return TEST_SUCCESS;
}

struct mt_mode {
	unsigned flags;
	const char *name;
};
const mt_mode mt_modes[] = {
	{0, "MT"},
	{RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, "RTS"},
	{RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, "HTS"},
};

int
late_store_every_mode(bool real)
{
	int failed = 0;
	for (const mt_mode &m : mt_modes) {
		double t0 = now_s();
		failed |= late_store_consumer(m.flags, m.name, jump::fresh_copy, real);
		if (!real)
			failed |= late_store_consumer(m.flags, m.name, jump::same_low_copy, false);
		failed |= late_store_producer(m.flags, m.name, real);
		if (real)
			printf("  %s: consumer and producer, 2^32 - 512 positions each, %.1f s\n",
			       m.name, now_s() - t0);
	}
	return failed ? TEST_FAILED : TEST_SUCCESS;
}

} // namespace

/* ---- random stalls, many threads ---- */

namespace {

constexpr unsigned stress_threads = 6;
constexpr unsigned token_bits = 24; /* per thread: at most 2^24 tokens */

struct stress_shared {
	struct rte_ring *r;
	bool st_prod, st_cons;
	std::mutex prod_lock, cons_lock; /* an ST side serves one caller at a time */
	std::atomic<bool> stop{false};
	std::atomic<unsigned> started{0};
	/* per producing thread: one bit per token, set when it comes out */
	std::vector<std::unique_ptr<std::atomic<uint64_t>[]>> seen;
	std::atomic<uint64_t> duplicates{0}, corrupt{0};
	uint64_t enqueued[stress_threads] = {};
	uint64_t dequeued[stress_threads] = {};
	const char *shot_site;
	double t0;
};

uint64_t
make_token(unsigned thread, uint64_t seq)
{
	return ((uint64_t)(thread + 1) << 40) | seq;
}

void
mark_out(stress_shared &s, const uint64_t *objs, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t t = objs[i];
		uint64_t thread = (t >> 40) - 1, seq = t & ((1ull << 40) - 1);
		if (thread >= stress_threads || seq >= (1ull << token_bits)) {
			s.corrupt.fetch_add(1, std::memory_order_relaxed);
			continue;
		}
		uint64_t bit = 1ull << (seq % 64);
		uint64_t old = s.seen[thread][seq / 64].fetch_or(bit, std::memory_order_relaxed);
		if (old & bit)
			s.duplicates.fetch_add(1, std::memory_order_relaxed);
	}
}

/* xorshift32 */
struct rng {
	uint32_t v;
	explicit rng(uint32_t seed) : v(seed * 2654435761u + 7) {}
	uint32_t next()
	{
		v ^= v << 13;
		v ^= v >> 17;
		v ^= v << 5;
		return v;
	}
};

template <test_style E, test_style D>
void
stress_worker(stress_shared &s, unsigned me, bool exempt, bool shot)
{
	using enq_ops = test_style_ops<E, 8>;
	using deq_ops = test_style_ops<D, 8>;
	constexpr bool two_phase = E == test_style::peek || E == test_style::zc ||
				   D == test_style::peek || D == test_style::zc;
	rng rand(me + 1);
	uint64_t pending[32], out[32];
	unsigned npending = 0;
	uint64_t seq = 0;

	dpkit_stall_thread_exempt(exempt);
	s.started.fetch_add(1);
	/* a thread stops at its share of tokens (a pending batch may add 32) */
	while (!s.stop.load(std::memory_order_relaxed) && seq < (1ull << token_bits) - 64) {
		/* the long stall comes once the others are under way */
		if (shot && now_s() - s.t0 > 0.2) {
			dpkit_stall_next(s.shot_site, 1050 * ms);
			shot = false;
		}
		uint32_t x = rand.next();
		unsigned k = 1 + x % 32;
		while (npending < k)
			pending[npending++] = make_token(me, seq++);
		unsigned free_space, short_by = two_phase && (x >> 8) % 4 == 0 ? (x >> 10) % 3 : 0;
		unsigned got;
		{
			std::unique_lock<std::mutex> g(s.prod_lock, std::defer_lock);
			if (s.st_prod)
				g.lock();
			got = enq_ops::enq(s.r, pending, k, (x >> 5) & 1,
					   (x >> 6) & 1 ? &free_space : nullptr, short_by);
		}
		s.enqueued[me] += got;
		/* what was not taken goes first next time: tokens stay in order */
		memmove(pending, pending + got, (npending - got) * sizeof(pending[0]));
		npending -= got;

		x = rand.next();
		k = 1 + x % 32;
		short_by = two_phase && (x >> 8) % 4 == 0 ? (x >> 10) % 3 : 0;
		{
			std::unique_lock<std::mutex> g(s.cons_lock, std::defer_lock);
			if (s.st_cons)
				g.lock();
			got = deq_ops::deq(s.r, out, k, (x >> 5) & 1,
					   (x >> 6) & 1 ? &free_space : nullptr, short_by);
		}
		mark_out(s, out, got);
		s.dequeued[me] += got;
	}
	dpkit_stall_thread_exempt(false);
}

struct eal_arg {
	stress_shared *s;
	unsigned me;
	void (*fn)(stress_shared &, unsigned, bool, bool);
};

int
eal_worker(void *p)
{
	eal_arg *a = static_cast<eal_arg *>(p);
	a->fn(*a->s, a->me, true, false);
	return 0;
}

/*
 * Run worker E/D on @flags with stress_threads threads for @run_s seconds:
 * EAL workers first (exempt: full speed), then non-EAL threads, every
 * other one registered; thread 1 is exempt too, thread 2 gets (after 0.2 s) a one-shot
 * stall of 1.05 s at @shot_site, the rest random stalls.
 */
template <test_style E, test_style D>
int
stress_run(const char *name, unsigned flags, bool st_prod, bool st_cons, const char *shot_site,
	   double run_s)
{
	struct rte_ring *r = test_ring_make("stall", 8, 256, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: cannot make ring", name);
	test_ring_guard guard(r);
	test_ring_set_positions(r, 0u - 100000);

	stress_shared s;
	s.r = r;
	s.st_prod = st_prod;
	s.st_cons = st_cons;
	s.shot_site = shot_site;
	for (unsigned t = 0; t < stress_threads; t++)
		s.seen.emplace_back(new std::atomic<uint64_t>[(1u << token_bits) / 64 + 1]());

	struct dpkit_stall_config cfg = {};
	cfg.yield_ppm = 20000;
	cfg.sleep_ppm = 3;
	cfg.sleep_min_ns = 1000;
	cfg.sleep_max_ns = 1200 * ms;
	cfg.sites = "ring.";
	cfg.seed = 1 + flags;
	TEST_ASSERT_SUCCESS(dpkit_stall_configure(&cfg), "%s: configure stalls", name);
	double t0 = now_s();
	s.t0 = t0;

	void (*fn)(stress_shared &, unsigned, bool, bool) = stress_worker<E, D>;
	std::vector<eal_arg> eal_args;
	unsigned lcore, next = 0;
	eal_args.reserve(RTE_MAX_LCORE);
	RTE_LCORE_FOREACH_WORKER(lcore)
	{
		if (next == 2)
			break;
		eal_args.push_back({&s, next++, fn});
		if (rte_eal_remote_launch(eal_worker, &eal_args.back(), lcore) != 0)
			eal_args.pop_back(), next--;
	}
	const unsigned eal_count = next;
	std::vector<std::thread> threads;
	for (; next < stress_threads; next++) {
		unsigned me = next;
		threads.emplace_back([&s, me, fn] {
			bool registered = me % 2 == 0 && rte_thread_register() == 0;
			fn(s, me, me == 1, me == 2);
			if (registered)
				rte_thread_unregister();
		});
	}
	while (now_s() - t0 < run_s)
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
	s.stop = true;
	for (auto &t : threads)
		t.join();
	rte_eal_mp_wait_lcore();
	dpkit_stall_configure(nullptr);
	const uint64_t stalls = dpkit_stall_taken(), points = dpkit_stall_points();

	uint64_t in = 0, out = 0;
	for (unsigned t = 0; t < stress_threads; t++) {
		in += s.enqueued[t];
		out += s.dequeued[t];
	}
	TEST_ASSERT(in >= out, "%s: %llu dequeued but only %llu enqueued", name,
		    (unsigned long long)out, (unsigned long long)in);
	TEST_ASSERT_EQUAL((uint64_t)rte_ring_count(r), in - out, "%s: count at quiescence", name);
	TEST_ASSERT_EQUAL((uint64_t)rte_ring_free_count(r), rte_ring_get_capacity(r) - (in - out),
			  "%s: free count at quiescence", name);
	uint64_t drain[64];
	unsigned got;
	while ((got = rte_ring_dequeue_burst_elem(r, drain, 8, 64, nullptr)) != 0) {
		mark_out(s, drain, got);
		out += got;
	}
	TEST_ASSERT_EQUAL(out, in, "%s: tokens out vs in", name);
	TEST_ASSERT_EQUAL(s.corrupt.load(), 0ull, "%s: torn or foreign tokens", name);
	TEST_ASSERT_EQUAL(s.duplicates.load(), 0ull, "%s: tokens that came out twice", name);
	for (unsigned t = 0; t < stress_threads; t++) {
		/* thread t enqueued exactly its first s.enqueued[t] tokens */
		uint64_t n = s.enqueued[t];
		for (uint64_t w = 0; w < n / 64; w++)
			TEST_ASSERT_EQUAL(s.seen[t][w].load(), ~0ull,
					  "%s: thread %u: tokens %llu.. "
					  "lost",
					  name, t, (unsigned long long)w * 64);
		if (n % 64)
			TEST_ASSERT_EQUAL(s.seen[t][n / 64].load(), (1ull << (n % 64)) - 1,
					  "%s: thread %u: last tokens lost or extra", name, t);
		TEST_ASSERT_EQUAL(s.seen[t][(n + 63) / 64].load(), 0ull,
				  "%s: thread %u: tokens never enqueued came out", name, t);
	}
	printf("  %-26s %u threads (%u EAL), %llu elements through, %llu of %llu stall "
	       "points stalled, %.1f s\n",
	       name, stress_threads, eal_count, (unsigned long long)in, (unsigned long long)stalls,
	       (unsigned long long)points, now_s() - t0);
	return TEST_SUCCESS;
}

} // namespace

static int
test_ring_late_copy_store_refused(void)
{
	return late_store_every_mode(false);
}

static int
test_ring_stalls_mt_rts_hts_conserve_tokens(void)
{
	const double run_s = 1.4;
	int failed = 0;
	failed |= stress_run<test_style::dflt, test_style::dflt>("MT", 0, false, false,
								 "ring.cons.head_moved", run_s);
	failed |= stress_run<test_style::dflt, test_style::dflt>(
		"RTS", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, false, false, "ring.prod.tail_read",
		run_s);
	failed |= stress_run<test_style::dflt, test_style::dflt>(
		"HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, false, false, "ring.cons.head_moved",
		run_s);
	failed |= stress_run<test_style::dflt, test_style::dflt>(
		"MT prod, RTS cons", RING_F_MC_RTS_DEQ, false, false, "ring.prod.tail_wait", run_s);
	return failed ? TEST_FAILED : TEST_SUCCESS;
}

static int
test_ring_stalls_st_peek_zc_conserve_tokens(void)
{
	const double run_s = 1.4;
	int failed = 0;
	failed |= stress_run<test_style::dflt, test_style::dflt>(
		"ST (locked sides)", RING_F_SP_ENQ | RING_F_SC_DEQ, true, true,
		"ring.prod.peer_read", run_s);
	failed |= stress_run<test_style::zc, test_style::peek>(
		"HTS zc in, peek out", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, false, false,
		"ring.cons.peek_finish", run_s);
	failed |= stress_run<test_style::peek, test_style::zc>(
		"ST peek in, zc out", RING_F_SP_ENQ | RING_F_SC_DEQ, true, true,
		"ring.prod.peek_finish", run_s);
	failed |= stress_run<test_style::peek, test_style::dflt>("HTS peek in, MT out",
								 RING_F_MP_HTS_ENQ, false, false,
								 "ring.prod.head_moved", run_s);
	return failed ? TEST_FAILED : TEST_SUCCESS;
}

static int
test_ring_late_copy_store_after_2_pow_32_real(void)
{
	return late_store_every_mode(true);
}

#endif /* RTE_STALL_INJECTION */

static int
test_ring_stall(void)
{
#ifndef RTE_STALL_INJECTION
	TEST_SKIP(NO_STALL_REASON);
#else
	static const struct unit_test_case cases[] = {
		TEST_CASE(test_ring_late_copy_store_refused),
		TEST_CASE(test_ring_stalls_mt_rts_hts_conserve_tokens), TEST_CASES_END()};
	static const struct unit_test_suite suite = {"ring_stall", nullptr, nullptr, cases};
	return unit_test_suite_runner(&suite);
#endif
}

static int
test_ring_stall_peek(void)
{
#ifndef RTE_STALL_INJECTION
	TEST_SKIP(NO_STALL_REASON);
#else
	static const struct unit_test_case cases[] = {
		TEST_CASE(test_ring_stalls_st_peek_zc_conserve_tokens), TEST_CASES_END()};
	static const struct unit_test_suite suite = {"ring_stall_peek", nullptr, nullptr, cases};
	return unit_test_suite_runner(&suite);
#endif
}

static int
test_ring_stall_long(void)
{
#ifndef RTE_STALL_INJECTION
	TEST_SKIP(NO_STALL_REASON);
#else
	static const struct unit_test_case cases[] = {
		TEST_CASE(test_ring_late_copy_store_after_2_pow_32_real), TEST_CASES_END()};
	static const struct unit_test_suite suite = {"ring_stall_long", nullptr, nullptr, cases};
	return unit_test_suite_runner(&suite);
#endif
}

REGISTER_FAST_TEST(ring_stall_autotest, NOHUGE_OK, ASAN_OK, test_ring_stall);
REGISTER_FAST_TEST(ring_stall_peek_autotest, NOHUGE_OK, ASAN_OK, test_ring_stall_peek);
REGISTER_LONG_TEST(ring_stall_long_autotest, NOHUGE_OK, ASAN_OK, test_ring_stall_long);
