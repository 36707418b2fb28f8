/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mbuf_dyn_autotest: dynamic mbuf fields and flags. Placement (auto and at
 * a given offset/bit), idempotent re-registration, lookups, the timestamp
 * helpers, values carried through clone and copy, exhausting the room, and
 * every rejected request. Registrations cannot be undone, so the cases run
 * in order in one process and later ones account for earlier ones.
 */

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <set>
#include <string>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>

#include "test.h"
#include "test_mbuf.h"

using mbuf_test::log_capture;
using mbuf_test::pool_guard;

namespace {

constexpr size_t area_start = offsetof(struct rte_mbuf, dynfield1);
constexpr size_t area_end = sizeof(struct rte_mbuf);
constexpr unsigned first_bit = 23; /* RTE_MBUF_F_FIRST_FREE */
constexpr unsigned last_bit = 40;  /* RTE_MBUF_F_LAST_FREE */

struct rte_mbuf_dynfield
field(const char *name, size_t size, size_t align)
{
	struct rte_mbuf_dynfield f;
	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "%s", name);
	f.size = size;
	f.align = align;
	return f;
}

struct rte_mbuf_dynflag
flag(const char *name)
{
	struct rte_mbuf_dynflag f;
	memset(&f, 0, sizeof(f));
	snprintf(f.name, sizeof(f.name), "%s", name);
	return f;
}

/* Expect @ret == -1 with @err and one log line. */
int
expect_error(int ret, int err, log_capture &cap, const char *what)
{
	std::string log = cap.text();
	TEST_ASSERT_EQUAL(ret, -1, "%s should fail", what);
	TEST_ASSERT_EQUAL(rte_errno, err, "%s: errno", what);
	TEST_ASSERT_EQUAL(cap.lines(), 1, "%s: one log line, got: %s", what, log.c_str());
	return TEST_SUCCESS;
}

#define EXPECT_DYN_ERROR(call, err) \
	do { \
		log_capture cap_; \
		rte_errno = 0; \
		int ret_ = (call); \
		if (expect_error(ret_, err, cap_, #call) != TEST_SUCCESS) \
			return TEST_FAILED; \
	} while (0)

int mark_offset = -1; /* "test_mark", registered by the first case */

} // namespace

static int
test_mbuf_dyn_lookup_before_any_registration(void)
{
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_lookup("test_mark", nullptr), -1, "nothing yet");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "errno");
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_lookup("test_flag", nullptr), -1, "nothing yet");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "errno");
	return TEST_SUCCESS;
}

static int
test_mbuf_dyn_field_register_and_lookup(void)
{
	struct rte_mbuf_dynfield f = field("test_mark", sizeof(uint32_t), alignof(uint32_t));
	mark_offset = rte_mbuf_dynfield_register(&f);
	TEST_ASSERT(mark_offset >= (int)area_start && mark_offset + 4 <= (int)area_end,
		    "inside the dynfield area: %d", mark_offset);
	TEST_ASSERT_EQUAL(mark_offset % 4, 0, "aligned");
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_register(&f), mark_offset, "same request, same answer");
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_register_offset(&f, mark_offset), mark_offset,
			  "same offset asked explicitly");
	struct rte_mbuf_dynfield got;
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_lookup("test_mark", &got), mark_offset, "lookup");
	TEST_ASSERT(got.size == 4 && got.align == 4 && strcmp(got.name, "test_mark") == 0,
		    "parameters returned");

	/* a second field does not overlap */
	struct rte_mbuf_dynfield big = field("test_wide", 16, 8);
	int off = rte_mbuf_dynfield_register(&big);
	TEST_ASSERT(off >= 0 && off % 8 == 0, "aligned 16-byte field: %d", off);
	TEST_ASSERT(off + 16 <= mark_offset || mark_offset + 4 <= off, "no overlap");
	return TEST_SUCCESS;
}

static int
test_mbuf_dyn_field_at_offset(void)
{
	/* find a free 2-byte slot by asking for a probe placement, then take
	 * the bytes right after the mark field if free */
	struct rte_mbuf_dynfield f = field("test_at_offset", 1, 1);
	size_t want = area_end - 1; /* last byte of the mbuf */
	int off = rte_mbuf_dynfield_register_offset(&f, want);
	TEST_ASSERT_EQUAL(off, (int)want, "placed where asked");
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_register_offset(&f, SIZE_MAX), off,
			  "SIZE_MAX = anywhere: the existing one");

	struct rte_mbuf_dynfield g = field("test_taken", 1, 1);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register_offset(&g, want), EBUSY);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register_offset(&g, 0), EBUSY); /* buf_addr */
	/* offsets that cannot hold the field: EBUSY, as in DPDK 22.11 */
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register_offset(&g, area_end), EBUSY);
	struct rte_mbuf_dynfield h = field("test_misaligned", 4, 4);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register_offset(&h, area_start + 2 + 4 * 8), EBUSY);
	struct rte_mbuf_dynfield w = field("test_past_end", 8, 4);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register_offset(&w, area_end - 4), EBUSY);
	return TEST_SUCCESS;
}

static int
test_mbuf_dyn_field_rejects_bad_params(void)
{
	struct rte_mbuf_dynfield f = field("test_mark", 8, 8); /* same name, other size */
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), EEXIST);
	f = field("test_mark", 4, 4);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register_offset(&f, (size_t)mark_offset + 4), EEXIST);
	f = field("test_zero", 0, 1);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), EINVAL);
	f = field("test_align3", 4, 3);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), EINVAL);
	f = field("test_align0", 4, 0);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), EINVAL);
	f = field("test_flags", 4, 4);
	f.flags = 1;
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), EINVAL);
	f = field("x", 4, 4);
	memset(f.name, 'n', sizeof(f.name)); /* no NUL */
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), ENAMETOOLONG);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(nullptr), EINVAL);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_lookup(nullptr, nullptr), EINVAL);
	f = field("test_huge", 64, 1);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), ENOENT);
	/* as large as the mbuf or larger: a bad size, not a lack of room */
	f = field("test_whole", sizeof(struct rte_mbuf), 1);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), EINVAL);
	f = field("test_whole", sizeof(struct rte_mbuf) - 1, 1);
	EXPECT_DYN_ERROR(rte_mbuf_dynfield_register(&f), ENOENT);
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_lookup("test_zero", nullptr), -1, "not registered");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "errno");
	return TEST_SUCCESS;
}

static int
test_mbuf_dyn_flags(void)
{
	struct rte_mbuf_dynflag f = flag("test_flag");
	int bit = rte_mbuf_dynflag_register(&f);
	TEST_ASSERT(bit >= (int)first_bit && bit <= (int)last_bit, "a free bit: %d", bit);
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_register(&f), bit, "idempotent");
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_register_bitnum(&f, bit), bit, "same bit asked");
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_register_bitnum(&f, UINT_MAX), bit, "any bit");
	struct rte_mbuf_dynflag got;
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_lookup("test_flag", &got), bit, "lookup");
	TEST_ASSERT_EQUAL(std::string(got.name), std::string("test_flag"), "params");

	struct rte_mbuf_dynflag at = flag("test_flag_at");
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_register_bitnum(&at, last_bit), (int)last_bit,
			  "highest dynamic bit");
	struct rte_mbuf_dynflag other = flag("test_flag_other");
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register_bitnum(&other, last_bit), EBUSY);
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register_bitnum(&other, 0), EBUSY);  /* RX_VLAN */
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register_bitnum(&other, 17), EBUSY); /* reserved */
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register_bitnum(&other, 64), EINVAL);
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register_bitnum(&f, last_bit), EEXIST);
	struct rte_mbuf_dynflag bad = flag("test_flag_bad");
	bad.flags = 2;
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register(&bad), EINVAL);
	memset(bad.name, 'n', sizeof(bad.name));
	bad.flags = 0;
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register(&bad), ENAMETOOLONG);
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_register(nullptr), EINVAL);
	EXPECT_DYN_ERROR(rte_mbuf_dynflag_lookup(nullptr, nullptr), EINVAL);
	return TEST_SUCCESS;
}

static int
test_mbuf_dyn_timestamp_helpers(void)
{
	int off_rx = -1, off_tx = -1;
	uint64_t rx = 0, tx = 0;
	TEST_ASSERT_SUCCESS(rte_mbuf_dyn_rx_timestamp_register(&off_rx, &rx), "rx");
	TEST_ASSERT_SUCCESS(rte_mbuf_dyn_tx_timestamp_register(&off_tx, &tx), "tx");
	TEST_ASSERT_EQUAL(off_rx, off_tx, "one field for both directions");
	TEST_ASSERT_EQUAL(off_rx % 8, 0, "8-byte aligned");
	TEST_ASSERT(rx != 0 && tx != 0 && rx != tx, "two different flags");
	TEST_ASSERT(__builtin_popcountll(rx) == 1 && __builtin_popcountll(tx) == 1, "one bit each");
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_lookup(RTE_MBUF_DYNFIELD_TIMESTAMP_NAME, nullptr),
			  off_rx, "named field");
	TEST_ASSERT_EQUAL(
		1ULL << rte_mbuf_dynflag_lookup(RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME, nullptr), rx,
		"named flag");
	TEST_ASSERT_SUCCESS(rte_mbuf_dyn_rx_timestamp_register(nullptr, nullptr),
			    "again, outputs optional");
	return TEST_SUCCESS;
}

static int
test_mbuf_dyn_values_follow_clone_and_copy(void)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("mbd_pool", 31, 0, 0, 1024, SOCKET_ID_ANY);
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "pool");
	int ts_off = rte_mbuf_dynfield_lookup(RTE_MBUF_DYNFIELD_TIMESTAMP_NAME, nullptr);
	TEST_ASSERT(ts_off >= 0, "timestamp field registered earlier");

	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_pktmbuf_append(m, 64);
	*RTE_MBUF_DYNFIELD(m, mark_offset, uint32_t *) = 0xfeedbeef;
	*RTE_MBUF_DYNFIELD(m, ts_off, rte_mbuf_timestamp_t *) = 123456789;
	struct rte_mbuf *c = rte_pktmbuf_clone(m, mp);
	struct rte_mbuf *cp = rte_pktmbuf_copy(m, mp, 0, UINT32_MAX);
	struct rte_mbuf *d = rte_pktmbuf_alloc(mp);
	TEST_ASSERT(c != nullptr && cp != nullptr && d != nullptr, "clone, copy, alloc");
	rte_mbuf_dynfield_copy(d, m);
	for (struct rte_mbuf *x : {c, cp, d}) {
		TEST_ASSERT_EQUAL(*RTE_MBUF_DYNFIELD(x, mark_offset, uint32_t *), 0xfeedbeefu,
				  "mark");
		TEST_ASSERT_EQUAL(*RTE_MBUF_DYNFIELD(x, ts_off, rte_mbuf_timestamp_t *),
				  (rte_mbuf_timestamp_t)123456789, "timestamp");
	}
	rte_pktmbuf_free(c);
	rte_pktmbuf_free(cp);
	rte_pktmbuf_free(d);
	rte_pktmbuf_free(m);
	return TEST_SUCCESS;
}

static int
test_mbuf_dyn_exhaust_room_and_bits(void)
{
	/* 1-byte fields until the area is full: all distinct, inside it */
	std::set<int> offsets;
	for (int i = 0; i < 64; i++) {
		std::string name = "test_fill_" + std::to_string(i);
		struct rte_mbuf_dynfield f = field(name.c_str(), 1, 1);
		log_capture cap;
		rte_errno = 0;
		int off = rte_mbuf_dynfield_register(&f);
		if (off < 0) {
			TEST_ASSERT_EQUAL(rte_errno, ENOENT, "full area");
			TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
			break;
		}
		TEST_ASSERT(off >= (int)area_start && off < (int)area_end, "inside: %d", off);
		TEST_ASSERT(offsets.insert(off).second, "offset %d handed out twice", off);
	}
	TEST_ASSERT(!offsets.empty() && offsets.size() < 36, "some room was left, then none");

	std::set<int> bits;
	for (int i = 0; i < 64; i++) {
		std::string name = "test_bit_" + std::to_string(i);
		struct rte_mbuf_dynflag f = flag(name.c_str());
		log_capture cap;
		rte_errno = 0;
		int bit = rte_mbuf_dynflag_register(&f);
		if (bit < 0) {
			TEST_ASSERT_EQUAL(rte_errno, ENOENT, "no bit left");
			TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
			break;
		}
		TEST_ASSERT(bit >= (int)first_bit && bit <= (int)last_bit, "dynamic bit %d", bit);
		TEST_ASSERT(bits.insert(bit).second, "bit %d handed out twice", bit);
	}
	/* 18 dynamic bits; 4 were taken by the earlier cases */
	TEST_ASSERT_EQUAL(bits.size(), (size_t)(last_bit - first_bit + 1 - 4), "all the rest");

	char *text = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	rte_mbuf_dyn_dump(f);
	fclose(f);
	std::string dump(text, len);
	free(text);
	TEST_ASSERT(dump.find("test_mark") != std::string::npos, "dump lists fields");
	TEST_ASSERT(dump.find(RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME) != std::string::npos,
		    "dump lists flags");
	TEST_ASSERT(dump.find("0 flag bits") != std::string::npos, "dump shows none free: %s",
		    dump.c_str());
	return TEST_SUCCESS;
}

static const struct unit_test_case mbuf_dyn_cases[] = {
	TEST_CASE(test_mbuf_dyn_lookup_before_any_registration),
	TEST_CASE(test_mbuf_dyn_field_register_and_lookup),
	TEST_CASE(test_mbuf_dyn_field_at_offset),
	TEST_CASE(test_mbuf_dyn_field_rejects_bad_params),
	TEST_CASE(test_mbuf_dyn_flags),
	TEST_CASE(test_mbuf_dyn_timestamp_helpers),
	TEST_CASE(test_mbuf_dyn_values_follow_clone_and_copy),
	TEST_CASE(test_mbuf_dyn_exhaust_room_and_bits),
	TEST_CASES_END()};

static const struct unit_test_suite mbuf_dyn_suite = {"mbuf dynamic fields and flags", nullptr,
						      nullptr, mbuf_dyn_cases};

static int
test_mbuf_dyn(void)
{
	return unit_test_suite_runner(&mbuf_dyn_suite);
}

REGISTER_FAST_TEST(mbuf_dyn_autotest, NOHUGE_OK, ASAN_OK, test_mbuf_dyn);
