/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_autotest: the ring API on one thread. Set-up and its errors (each
 * failure gives one log line and leaves nothing behind), the pointer and
 * element APIs in every sync mode, sizes and edges, peek and zero-copy.
 * Concurrency is ring_stress_autotest's job.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atomic>
#include <functional>
#include <string>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"
#include "test_ring.h"

/* ---- helpers shared with the other ring test files ---- */

struct rte_ring *
test_ring_make(const char *name, unsigned esize, unsigned count, unsigned flags)
{
	/* a fresh name each time: tests reuse short names for many rings */
	static std::atomic<unsigned> serial{0};
	char unique[RTE_RING_NAMESIZE];
	snprintf(unique, sizeof(unique), "%.18s_%u", name, serial++);
	return rte_ring_create_elem(unique, esize, count, SOCKET_ID_ANY, flags);
}

void
test_ring_destroy(struct rte_ring *r)
{
	rte_ring_free(r);
}

void
test_ring_set_positions(struct rte_ring *r, uint32_t pos)
{
	/*
	 * Each side in the layout of its own mode. Atomic stores: a stall test
	 * moves a ring this way while another thread, stopped inside a call,
	 * still holds values it read from it.
	 */
	for (int prod = 0; prod < 2; prod++) {
		struct rte_ring_headtail *ht = prod ? &r->prod : &r->cons;
		switch (ht->sync_type) {
		case RTE_RING_SYNC_MT_RTS: {
			struct rte_ring_rts_headtail *rts = prod ? &r->rts_prod : &r->rts_cons;
			union __rte_ring_rts_poscnt v;
			v.val.cnt = 0;
			v.val.pos = pos;
			std::atomic_ref(rts->head.raw).store(v.raw, std::memory_order_release);
			std::atomic_ref(rts->tail.raw).store(v.raw, std::memory_order_release);
			break;
		}
		case RTE_RING_SYNC_MT_HTS: {
			struct rte_ring_hts_headtail *hts = prod ? &r->hts_prod : &r->hts_cons;
			union __rte_ring_hts_pos v;
			v.pos.head = pos;
			v.pos.tail = pos;
			std::atomic_ref(hts->ht.raw).store(v.raw, std::memory_order_release);
			break;
		}
		default:
			std::atomic_ref(ht->head).store(pos, std::memory_order_release);
			std::atomic_ref(ht->tail).store(pos, std::memory_order_release);
			break;
		}
	}
	std::atomic_ref(r->prod_seen.peer_tail).store(pos, std::memory_order_release);
	std::atomic_ref(r->cons_seen.peer_tail).store(pos, std::memory_order_release);
}

void
test_ring_set_peer_copy(struct rte_ring *r, bool prod, uint32_t staleness)
{
	uint32_t peer_tail = __rte_ring_peer_tail(r, prod ? __RTE_RING_CONS : __RTE_RING_PROD);

	std::atomic_ref(*(prod ? &r->prod_seen.peer_tail : &r->cons_seen.peer_tail))
		.store(peer_tail - staleness, std::memory_order_release);
}

namespace {

/* Run @fn with the log captured; returns the number of lines it logged. */
int
log_lines_of(const std::function<void()> &fn, std::string *text = nullptr)
{
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (f == nullptr)
		return -1;
	FILE *old = rte_log_get_stream();
	rte_openlog_stream(f);
	fn();
	rte_openlog_stream(old == stderr ? nullptr : old);
	fclose(f);
	int lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	if (text != nullptr)
		*text = std::string(buf, len);
	free(buf);
	return lines;
}

/* A cache-aligned buffer big enough for any rte_ring_init() below. */
struct init_buffer {
	void *mem;
	init_buffer() : mem(aligned_alloc(RTE_CACHE_LINE_SIZE, 64 * 1024)) {}
	~init_buffer() { free(mem); }
	struct rte_ring *ring() { return (struct rte_ring *)mem; }
};

} // namespace

/* ---- sizing and initialisation ---- */

static int
test_ring_memsize_values_and_errors(void)
{
	TEST_ASSERT_EQUAL(rte_ring_get_memsize(1024), (ssize_t)(sizeof(struct rte_ring) + 8192),
			  "1024 pointers");
	TEST_ASSERT_EQUAL(rte_ring_get_memsize_elem(4, 16), (ssize_t)(sizeof(struct rte_ring) + 64),
			  "16 x 4 bytes");
	TEST_ASSERT_EQUAL(rte_ring_get_memsize_elem(20, 4) % RTE_CACHE_LINE_SIZE, 0,
			  "sizes are rounded to a cache line");
	TEST_ASSERT(rte_ring_get_memsize_elem(20, 4) >= (ssize_t)(sizeof(struct rte_ring) + 80),
		    "room for 4 x 20 bytes");
	TEST_ASSERT(rte_ring_get_memsize(RTE_RING_SZ_MASK / 2 + 1) > 0, "largest ring size");

	struct {
		unsigned esize, count;
		const char *what;
	} bad[] = {
		{8, 1000, "count not a power of 2"},
		{8, 0, "count 0"},
		{8, 0x80000000u, "count above RTE_RING_SZ_MASK"},
		{6, 16, "esize not a multiple of 4"},
		{0, 16, "esize 0"},
	};
	for (const auto &b : bad) {
		ssize_t ret = 0;
		int lines = log_lines_of(
			[&] { ret = rte_ring_get_memsize_elem(b.esize, b.count); });
		TEST_ASSERT_EQUAL(ret, (ssize_t)-EINVAL, "%s", b.what);
		TEST_ASSERT_EQUAL(lines, 1, "%s: one log line", b.what);
	}
	return TEST_SUCCESS;
}

static int
test_ring_init_sets_size_capacity_and_modes(void)
{
	init_buffer b;
	struct rte_ring *r = b.ring();
	TEST_ASSERT_NOT_NULL(r, "no memory");

	TEST_ASSERT_SUCCESS(rte_ring_init(r, "plain", 64, 0), "count 64");
	TEST_ASSERT_EQUAL(std::string(r->name), std::string("plain"), "name");
	TEST_ASSERT_EQUAL(rte_ring_get_size(r), 64u, "size");
	TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), 63u, "capacity is size - 1");
	TEST_ASSERT_EQUAL(r->mask, 63u, "mask");
	TEST_ASSERT_NULL(r->memzone, "rte_ring_init rings have no memzone");
	TEST_ASSERT_EQUAL(r->flags, 0, "flags");
	TEST_ASSERT_EQUAL(rte_ring_get_prod_sync_type(r), RTE_RING_SYNC_MT, "default producer");
	TEST_ASSERT_EQUAL(rte_ring_get_cons_sync_type(r), RTE_RING_SYNC_MT, "default consumer");
	TEST_ASSERT_EQUAL(rte_ring_is_prod_single(r), 0, "MT producer is not single");
	TEST_ASSERT_EQUAL(rte_ring_empty(r), 1, "new ring is empty");

	TEST_ASSERT_SUCCESS(rte_ring_init(r, "exact", 100, RING_F_EXACT_SZ), "exact 100");
	TEST_ASSERT_EQUAL(rte_ring_get_size(r), 128u, "exact size rounds up");
	TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), 100u, "exact capacity");
	TEST_ASSERT_SUCCESS(rte_ring_init(r, "exact64", 64, RING_F_EXACT_SZ), "exact 64");
	TEST_ASSERT_EQUAL(rte_ring_get_size(r), 128u, "exact power of 2 needs the next size");
	TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), 64u, "exact capacity 64");

	struct {
		unsigned flags;
		enum rte_ring_sync_type prod, cons;
	} modes[] = {
		{RING_F_SP_ENQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_MT},
		{RING_F_SC_DEQ, RTE_RING_SYNC_MT, RTE_RING_SYNC_ST},
		{RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, RTE_RING_SYNC_MT_RTS, RTE_RING_SYNC_MT_HTS},
		{RING_F_MP_HTS_ENQ | RING_F_MC_RTS_DEQ, RTE_RING_SYNC_MT_HTS, RTE_RING_SYNC_MT_RTS},
		{RING_F_SP_ENQ | RING_F_SC_DEQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_ST},
	};
	for (const auto &m : modes) {
		TEST_ASSERT_SUCCESS(rte_ring_init(r, "modes", 32, m.flags), "flags %#x", m.flags);
		TEST_ASSERT_EQUAL(rte_ring_get_prod_sync_type(r), m.prod, "producer, flags %#x",
				  m.flags);
		TEST_ASSERT_EQUAL(rte_ring_get_cons_sync_type(r), m.cons, "consumer, flags %#x",
				  m.flags);
		TEST_ASSERT_EQUAL(rte_ring_is_prod_single(r), m.prod == RTE_RING_SYNC_ST,
				  "is_prod_single, flags %#x", m.flags);
		TEST_ASSERT_EQUAL(rte_ring_is_cons_single(r), m.cons == RTE_RING_SYNC_ST,
				  "is_cons_single, flags %#x", m.flags);
	}
	return TEST_SUCCESS;
}

static int
test_ring_init_rejects_bad_count(void)
{
	init_buffer b;
	struct {
		unsigned count, flags;
		const char *what;
	} bad[] = {
		{100, 0, "count not a power of 2"},
		{0, 0, "count 0"},
		{0x80000000u, 0, "count above RTE_RING_SZ_MASK"},
		{0, RING_F_EXACT_SZ, "exact count 0"},
		{RTE_RING_SZ_MASK / 2 + 1, RING_F_EXACT_SZ, "exact count needing 2^31 slots"},
		{RTE_RING_SZ_MASK, RING_F_EXACT_SZ, "exact count RTE_RING_SZ_MASK"},
	};
	for (const auto &c : bad) {
		int ret = 0;
		int lines = log_lines_of(
			[&] { ret = rte_ring_init(b.ring(), "bad_count", c.count, c.flags); });
		TEST_ASSERT_EQUAL(ret, -EINVAL, "%s", c.what);
		TEST_ASSERT_EQUAL(lines, 1, "%s: one log line", c.what);
	}
	return TEST_SUCCESS;
}

static int
test_ring_init_rejects_bad_flags(void)
{
	init_buffer b;
	struct {
		unsigned flags;
		const char *what;
	} bad[] = {
		{0x80, "unknown flag 0x80"},
		{0x10000, "unknown flag 0x10000"},
		{RING_F_SP_ENQ | RING_F_MP_RTS_ENQ, "SP and RTS producer"},
		{RING_F_MP_RTS_ENQ | RING_F_MP_HTS_ENQ, "RTS and HTS producer"},
		{RING_F_SC_DEQ | RING_F_MC_HTS_DEQ, "SC and HTS consumer"},
		{RING_F_SC_DEQ | RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ, "three consumer modes"},
	};
	for (const auto &c : bad) {
		int ret = 0;
		std::string text;
		int lines = log_lines_of(
			[&] { ret = rte_ring_init(b.ring(), "bad_flags", 64, c.flags); }, &text);
		TEST_ASSERT_EQUAL(ret, -EINVAL, "%s", c.what);
		TEST_ASSERT_EQUAL(lines, 1, "%s: one log line", c.what);
		TEST_ASSERT(text.find("bad_flags") != std::string::npos,
			    "%s: the log names the ring: %s", c.what, text.c_str());
	}
	return TEST_SUCCESS;
}

static int
test_ring_init_rejects_long_name(void)
{
	init_buffer b;
	std::string longest(RTE_RING_NAMESIZE - 1, 'n');
	std::string too_long(RTE_RING_NAMESIZE, 'n');

	TEST_ASSERT_SUCCESS(rte_ring_init(b.ring(), longest.c_str(), 16, 0),
			    "a name of RTE_RING_NAMESIZE - 1 chars fits");
	TEST_ASSERT_EQUAL(std::string(b.ring()->name), longest, "name kept whole");
	int ret = 0;
	int lines = log_lines_of([&] { ret = rte_ring_init(b.ring(), too_long.c_str(), 16, 0); });
	TEST_ASSERT_EQUAL(ret, -ENAMETOOLONG, "a name of RTE_RING_NAMESIZE chars");
	TEST_ASSERT_EQUAL(lines, 1, "one log line");
	return TEST_SUCCESS;
}

static int
test_ring_init_rejects_null(void)
{
	init_buffer b;
	int ret = 0;
	int lines = log_lines_of([&] { ret = rte_ring_init(nullptr, "null", 16, 0); });
	TEST_ASSERT_EQUAL(ret, -EINVAL, "NULL ring");
	TEST_ASSERT_EQUAL(lines, 1, "NULL ring: one log line");
	lines = log_lines_of([&] { ret = rte_ring_init(b.ring(), nullptr, 16, 0); });
	TEST_ASSERT_EQUAL(ret, -EINVAL, "NULL name");
	TEST_ASSERT_EQUAL(lines, 1, "NULL name: one log line");
	return TEST_SUCCESS;
}

/* ---- pointer API, state, reset, dump ---- */

static int
test_ring_pointer_api_every_prefix(void)
{
	struct rte_ring *r = test_ring_make("ptr_api", sizeof(void *), 8, 0);
	TEST_ASSERT_NOT_NULL(r, "make ring");
	test_ring_guard guard(r);
	void *in[8], *out[8] = {};
	for (unsigned i = 0; i < 8; i++)
		in[i] = (void *)(uintptr_t)(0x1000 + i);

	TEST_ASSERT_EQUAL(rte_ring_mp_enqueue_bulk(r, in, 2, nullptr), 2u, "mp bulk");
	TEST_ASSERT_EQUAL(rte_ring_sp_enqueue_bulk(r, in + 2, 1, nullptr), 1u, "sp bulk");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in + 3, 1, nullptr), 1u, "bulk");
	TEST_ASSERT_EQUAL(rte_ring_mp_enqueue_burst(r, in + 4, 1, nullptr), 1u, "mp burst");
	TEST_ASSERT_EQUAL(rte_ring_sp_enqueue_burst(r, in + 5, 1, nullptr), 1u, "sp burst");
	TEST_ASSERT_SUCCESS(rte_ring_mp_enqueue(r, in[6]), "mp single");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, in + 7, 1, nullptr), 0u, "burst into full");
	TEST_ASSERT_EQUAL(rte_ring_sp_enqueue(r, in[7]), -ENOBUFS, "sp single into full");
	TEST_ASSERT_EQUAL(rte_ring_mp_enqueue(r, in[7]), -ENOBUFS, "mp single into full");
	TEST_ASSERT_EQUAL(rte_ring_enqueue(r, in[7]), -ENOBUFS, "single into full");

	TEST_ASSERT_EQUAL(rte_ring_mc_dequeue_bulk(r, out, 2, nullptr), 2u, "mc bulk");
	TEST_ASSERT_EQUAL(rte_ring_sc_dequeue_bulk(r, out + 2, 1, nullptr), 1u, "sc bulk");
	TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out + 3, 1, nullptr), 1u, "bulk");
	TEST_ASSERT_EQUAL(rte_ring_mc_dequeue_burst(r, out + 4, 1, nullptr), 1u, "mc burst");
	TEST_ASSERT_EQUAL(rte_ring_sc_dequeue_burst(r, out + 5, 1, nullptr), 1u, "sc burst");
	TEST_ASSERT_SUCCESS(rte_ring_mc_dequeue(r, &out[6]), "mc single");
	for (unsigned i = 0; i < 7; i++)
		TEST_ASSERT_EQUAL(out[i], in[i], "element %u", i);
	TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, out, 8, nullptr), 0u, "burst from empty");
	TEST_ASSERT_EQUAL(rte_ring_sc_dequeue(r, &out[0]), -ENOENT, "sc single from empty");
	TEST_ASSERT_EQUAL(rte_ring_mc_dequeue(r, &out[0]), -ENOENT, "mc single from empty");
	TEST_ASSERT_EQUAL(rte_ring_dequeue(r, &out[0]), -ENOENT, "single from empty");

	TEST_ASSERT_SUCCESS(rte_ring_sp_enqueue(r, in[1]), "sp single");
	TEST_ASSERT_SUCCESS(rte_ring_enqueue(r, in[2]), "single");
	TEST_ASSERT_SUCCESS(rte_ring_sc_dequeue(r, &out[0]), "sc single");
	TEST_ASSERT_SUCCESS(rte_ring_dequeue(r, &out[1]), "single");
	TEST_ASSERT_EQUAL(out[0], in[1], "sp/sc single element");
	TEST_ASSERT_EQUAL(out[1], in[2], "single element");

	/* single-element elem API with a 12-byte element */
	struct rte_ring *r12 = test_ring_make("elem12", 12, 4, RING_F_SP_ENQ | RING_F_SC_DEQ);
	TEST_ASSERT_NOT_NULL(r12, "make 12-byte ring");
	test_ring_guard guard12(r12);
	auto e = test_elem<12>::make(77), got = test_elem<12>::make(0);
	TEST_ASSERT_SUCCESS(rte_ring_enqueue_elem(r12, &e, 12), "enqueue_elem");
	TEST_ASSERT_SUCCESS(rte_ring_mp_enqueue_elem(r12, &e, 12), "mp_enqueue_elem");
	TEST_ASSERT_SUCCESS(rte_ring_sp_enqueue_elem(r12, &e, 12), "sp_enqueue_elem");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_elem(r12, &e, 12), -ENOBUFS, "enqueue_elem into full");
	TEST_ASSERT_SUCCESS(rte_ring_dequeue_elem(r12, &got, 12), "dequeue_elem");
	TEST_ASSERT_EQUAL(got.token(), 77u, "12-byte element");
	TEST_ASSERT_SUCCESS(rte_ring_mc_dequeue_elem(r12, &got, 12), "mc_dequeue_elem");
	TEST_ASSERT_SUCCESS(rte_ring_sc_dequeue_elem(r12, &got, 12), "sc_dequeue_elem");
	TEST_ASSERT_EQUAL(rte_ring_dequeue_elem(r12, &got, 12), -ENOENT, "dequeue_elem from empty");
	return TEST_SUCCESS;
}

static int
test_ring_htd_max_only_on_rts(void)
{
	struct rte_ring *r = test_ring_make("htd", sizeof(void *), 64,
					    RING_F_MP_RTS_ENQ | RING_F_SC_DEQ);
	TEST_ASSERT_NOT_NULL(r, "make ring");
	test_ring_guard guard(r);
	TEST_ASSERT_EQUAL(rte_ring_get_prod_htd_max(r), 63u / 8, "default is capacity / 8");
	TEST_ASSERT_SUCCESS(rte_ring_set_prod_htd_max(r, 5), "set on an RTS producer");
	TEST_ASSERT_EQUAL(rte_ring_get_prod_htd_max(r), 5u, "value set");
	TEST_ASSERT_EQUAL(rte_ring_get_cons_htd_max(r), UINT32_MAX, "SC consumer has none");
	TEST_ASSERT_EQUAL(rte_ring_set_cons_htd_max(r, 5), -ENOTSUP, "set on an SC consumer");

	/* a tiny distance still lets a single thread through */
	void *objs[32] = {};
	for (unsigned i = 0; i < 100; i++) {
		TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, objs, 32, nullptr), 32u, "round %u", i);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, objs, 32, nullptr), 32u, "round %u", i);
	}
	return TEST_SUCCESS;
}

static int
test_ring_reset_empties_every_mode(void)
{
	const unsigned flag_sets[] = {0, RING_F_SP_ENQ | RING_F_SC_DEQ,
				      RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ,
				      RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ};
	void *objs[16] = {};
	for (unsigned flags : flag_sets) {
		struct rte_ring *r = test_ring_make("reset", sizeof(void *), 16, flags);
		TEST_ASSERT_NOT_NULL(r, "flags %#x", flags);
		test_ring_guard guard(r);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, objs, 11, nullptr), 11u, "flags %#x",
				  flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, objs, 4, nullptr), 4u, "flags %#x",
				  flags);
		rte_ring_reset(r);
		TEST_ASSERT_EQUAL(rte_ring_count(r), 0u, "count after reset, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_MT_RTS,
				  (flags & RING_F_MP_RTS_ENQ) != 0, "mode kept, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, objs, 16, nullptr), 15u,
				  "whole capacity free after reset, flags %#x", flags);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, objs, 16, nullptr), 15u, "flags %#x",
				  flags);
	}
	return TEST_SUCCESS;
}

static int
test_ring_dump_shows_state(void)
{
	struct rte_ring *r = test_ring_make("dumped", sizeof(void *), 32, RING_F_MP_HTS_ENQ);
	TEST_ASSERT_NOT_NULL(r, "make ring");
	test_ring_guard guard(r);
	void *objs[5] = {};
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, objs, 5, nullptr), 5u, "fill");

	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	TEST_ASSERT_NOT_NULL(f, "open_memstream");
	rte_ring_dump(f, r);
	rte_ring_dump(f, nullptr);
	fclose(f);
	std::string text(buf, len);
	free(buf);
	for (const char *want : {"dumped", "size=32", "capacity=31", "MT_HTS", "used=5", "<NULL>"})
		TEST_ASSERT(text.find(want) != std::string::npos, "dump lacks '%s':\n%s", want,
			    text.c_str());
	return TEST_SUCCESS;
}

static const struct unit_test_case ring_cases[] = {
	TEST_CASE(test_ring_memsize_values_and_errors),
	TEST_CASE(test_ring_init_sets_size_capacity_and_modes),
	TEST_CASE(test_ring_init_rejects_bad_count),
	TEST_CASE(test_ring_init_rejects_bad_flags),
	TEST_CASE(test_ring_init_rejects_long_name),
	TEST_CASE(test_ring_init_rejects_null),
	TEST_CASE(test_ring_pointer_api_every_prefix),
	TEST_CASE(test_ring_htd_max_only_on_rts),
	TEST_CASE(test_ring_reset_empties_every_mode),
	TEST_CASE(test_ring_dump_shows_state),
	TEST_CASE(test_ring_fifo_every_mode_and_size),
	TEST_CASE(test_ring_fifo_mixed_modes),
	TEST_CASE(test_ring_counters_wrap_2_pow_32),
	TEST_CASE(test_ring_full_and_empty_edges),
	TEST_CASE(test_ring_free_space_and_available),
	TEST_CASE(test_ring_stale_peer_view_is_not_trusted),
	TEST_CASE(test_ring_peek_dequeue_keeps_or_removes),
	TEST_CASE(test_ring_peek_enqueue_commits_part),
	TEST_CASE(test_ring_peek_finish_too_many_commits_nothing),
	TEST_CASE(test_ring_peek_refused_on_mt_and_rts),
	TEST_CASE(test_ring_peek_elem_sizes),
	TEST_CASE(test_ring_zc_enqueue_wraps),
	TEST_CASE(test_ring_zc_dequeue_in_place),
	TEST_CASES_END()};

static const struct unit_test_suite ring_suite = {"ring", nullptr, nullptr, ring_cases};

static int
test_ring(void)
{
	return unit_test_suite_runner(&ring_suite);
}

REGISTER_FAST_TEST(ring_autotest, NOHUGE_OK, ASAN_OK, test_ring);
