/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mbuf_extbuf_autotest: external buffers. The shared-info helper, attaching
 * an application buffer, sharing it between mbufs (the release callback
 * runs exactly once, after the last user), explicit detach, and pools whose
 * mbufs carry pinned external buffers (rte_pktmbuf_pool_create_extbuf):
 * the pin survives free, clones keep the buffer alive, and every rejected
 * parameter.
 */

#include <string.h>

#include <map>
#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mbuf.h"

using mbuf_test::check_pattern;
using mbuf_test::fill_pattern;
using mbuf_test::log_capture;
using mbuf_test::pool_guard;

namespace {

constexpr unsigned pool_size = 128;
struct rte_mempool *pool;

struct release_log {
	int calls = 0;
	void *addr = nullptr;
	void *opaque = nullptr;
};

void
record_release(void *addr, void *opaque)
{
	auto *log = static_cast<release_log *>(opaque);
	log->calls++;
	log->addr = addr;
	log->opaque = opaque;
}

int
setup(void)
{
	pool = rte_pktmbuf_pool_create("mbx_pool", pool_size, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				       SOCKET_ID_ANY);
	return pool != nullptr ? 0 : -1;
}

void
teardown(void)
{
	rte_mempool_free(pool);
	pool = nullptr;
}

} // namespace

static int
test_mbuf_ext_shinfo_helper(void)
{
	alignas(8) static char buf[1001];
	uint16_t len = sizeof(buf);
	release_log log;
	struct rte_mbuf_ext_shared_info *shinfo = rte_pktmbuf_ext_shinfo_init_helper(
		buf, &len, record_release, &log);
	TEST_ASSERT_NOT_NULL(shinfo, "room for the shared info");
	TEST_ASSERT(rte_is_aligned(shinfo, sizeof(uintptr_t)), "pointer-aligned");
	TEST_ASSERT(reinterpret_cast<char *>(shinfo + 1) <= buf + sizeof(buf), "inside the buffer");
	TEST_ASSERT_EQUAL(len, (uint16_t)RTE_PTR_DIFF(shinfo, buf), "data ends at the shared info");
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_read(shinfo), 1, "one reference");
	TEST_ASSERT(shinfo->free_cb == record_release && shinfo->fcb_opaque == &log, "callback");

	rte_mbuf_ext_refcnt_set(shinfo, 3);
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_update(shinfo, -1), 2, "atomic path");
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_update(shinfo, -1), 1, "down to one");
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_update(shinfo, 4), 5, "sole-owner path");

	/* too small: NULL and the length untouched */
	uint16_t small = sizeof(struct rte_mbuf_ext_shared_info);
	TEST_ASSERT_NULL(rte_pktmbuf_ext_shinfo_init_helper(buf, &small, record_release, &log),
			 "no byte left for data");
	TEST_ASSERT_EQUAL(small, (uint16_t)sizeof(struct rte_mbuf_ext_shared_info), "unchanged");
	uint16_t zero = 0;
	TEST_ASSERT_NULL(rte_pktmbuf_ext_shinfo_init_helper(buf, &zero, record_release, &log),
			 "empty buffer");
	return TEST_SUCCESS;
}

static int
test_mbuf_ext_attach_and_free(void)
{
	uint16_t len = 4096;
	void *buf = rte_malloc("mbx_buf", len, 64);
	TEST_ASSERT_NOT_NULL(buf, "rte_malloc");
	rte_iova_t iova = rte_malloc_virt2iova(buf);
	release_log log;
	struct rte_mbuf_ext_shared_info *shinfo = rte_pktmbuf_ext_shinfo_init_helper(
		buf, &len, record_release, &log);
	TEST_ASSERT_NOT_NULL(shinfo, "shinfo");

	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_pktmbuf_append(m, 10); /* attaching drops the old data */
	rte_pktmbuf_attach_extbuf(m, buf, iova, len, shinfo);
	TEST_ASSERT_EQUAL(m->data_len, 0, "segment empty after attach");
	TEST_ASSERT_EQUAL(m->pkt_len, 10u, "pkt_len left as it was, as in DPDK");
	m->pkt_len = 0;
	TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(m) && !RTE_MBUF_CLONED(m), "external, not indirect");
	TEST_ASSERT(!RTE_MBUF_DIRECT(m), "not direct");
	TEST_ASSERT_EQUAL(m->buf_addr, buf, "buffer");
	TEST_ASSERT_EQUAL(m->buf_iova, iova, "IOVA");
	TEST_ASSERT_EQUAL(m->buf_len, len, "length");
	TEST_ASSERT_EQUAL(m->data_off, 0, "no headroom until asked");
	TEST_ASSERT_EQUAL(m->shinfo, shinfo, "shinfo");
	rte_pktmbuf_reset_headroom(m);
	char *p = rte_pktmbuf_append(m, 1000);
	TEST_ASSERT_NOT_NULL(p, "append into the external buffer");
	TEST_ASSERT_EQUAL(p, static_cast<char *>(buf) + RTE_PKTMBUF_HEADROOM, "data in it");

	rte_pktmbuf_reset(m); /* keeps the external buffer */
	TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(m), "reset keeps RTE_MBUF_F_EXTERNAL");
	TEST_ASSERT_EQUAL(log.calls, 0, "not released yet");
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(log.calls, 1, "released on free");
	TEST_ASSERT_EQUAL(log.addr, buf, "with the buffer address");
	TEST_ASSERT_EQUAL(log.opaque, static_cast<void *>(&log), "and the opaque argument");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size, "mbuf back in its pool");

	/* the recycled mbuf is direct again */
	m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT(RTE_MBUF_DIRECT(m), "direct after recycling");
	TEST_ASSERT_EQUAL(m->buf_addr, static_cast<void *>(m + 1), "own buffer");
	rte_pktmbuf_free(m);
	rte_free(buf);
	return TEST_SUCCESS;
}

static int
test_mbuf_ext_shared_by_attach_and_clone(void)
{
	static char buf[2048];
	uint16_t len = sizeof(buf);
	release_log log;
	struct rte_mbuf_ext_shared_info *shinfo = rte_pktmbuf_ext_shinfo_init_helper(
		buf, &len, record_release, &log);
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	struct rte_mbuf *m2 = rte_pktmbuf_alloc(pool);
	TEST_ASSERT(shinfo != nullptr && m != nullptr && m2 != nullptr, "setup");
	rte_pktmbuf_attach_extbuf(m, buf, RTE_BAD_IOVA, len, shinfo);
	fill_pattern(rte_pktmbuf_append(m, 500), 500, 6);

	rte_pktmbuf_attach(m2, m);
	TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(m2) && !RTE_MBUF_CLONED(m2),
		    "sharing an external buffer is not indirection");
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_read(shinfo), 2, "buffer has two users");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "m itself is not pinned");
	struct rte_mbuf *c = rte_pktmbuf_clone(m, pool);
	TEST_ASSERT_NOT_NULL(c, "clone");
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_read(shinfo), 3, "three users");
	TEST_ASSERT(check_pattern(rte_pktmbuf_mtod(c, char *), 500, 6), "clone sees the data");

	rte_pktmbuf_free(m);
	rte_pktmbuf_free(c);
	TEST_ASSERT_EQUAL(log.calls, 0, "m2 still uses it");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 1, "m and c recycled");
	rte_pktmbuf_free(m2);
	TEST_ASSERT_EQUAL(log.calls, 1, "released once, by the last user");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size, "all back");
	return TEST_SUCCESS;
}

static int
test_mbuf_ext_detach_restores_own_buffer(void)
{
	static char buf[1024];
	uint16_t len = sizeof(buf);
	release_log log;
	struct rte_mbuf_ext_shared_info *shinfo = rte_pktmbuf_ext_shinfo_init_helper(
		buf, &len, record_release, &log);
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT(shinfo != nullptr && m != nullptr, "setup");
	void *own = m->buf_addr;
	rte_iova_t own_iova = m->buf_iova;
	rte_pktmbuf_attach_extbuf(m, buf, RTE_BAD_IOVA, len, shinfo);
	rte_pktmbuf_detach_extbuf(m);
	TEST_ASSERT_EQUAL(log.calls, 1, "released by detach");
	TEST_ASSERT(RTE_MBUF_DIRECT(m), "direct");
	TEST_ASSERT_EQUAL(m->buf_addr, own, "own buffer");
	TEST_ASSERT_EQUAL(m->buf_iova, own_iova, "own IOVA");
	TEST_ASSERT_EQUAL(m->buf_len, RTE_MBUF_DEFAULT_BUF_SIZE, "own length");
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(log.calls, 1, "not released twice");
	return TEST_SUCCESS;
}

/* ---- pinned external buffer pools ---- */

namespace {

struct pinned_area {
	void *mem;
	struct rte_pktmbuf_extmem ext;
};

/* rte_malloc'd area of @count buffers of @elt bytes. */
pinned_area
make_area(const char *name, unsigned count, uint16_t elt)
{
	pinned_area a{};
	size_t len = (size_t)count * elt;
	a.mem = rte_malloc(name, len, RTE_CACHE_LINE_SIZE);
	a.ext.buf_ptr = a.mem;
	a.ext.buf_iova = a.mem != nullptr ? rte_malloc_virt2iova(a.mem) : RTE_BAD_IOVA;
	a.ext.buf_len = len;
	a.ext.elt_size = elt;
	return a;
}

bool
in_area(const pinned_area &a, const void *p)
{
	return RTE_PTR_DIFF(p, a.mem) < a.ext.buf_len;
}

} // namespace

static int
test_mbuf_ext_pinned_pool(void)
{
	constexpr uint16_t elt_bytes = 2304;
	pinned_area a = make_area("mbx_pin_a", 40, elt_bytes);
	pinned_area b = make_area("mbx_pin_b", 30, elt_bytes);
	TEST_ASSERT(a.mem != nullptr && b.mem != nullptr, "areas");
	struct rte_pktmbuf_extmem ext[2] = {a.ext, b.ext};
	struct rte_mempool *mp = rte_pktmbuf_pool_create_extbuf("mbx_pinned", 63, 0, 8, 2176,
								SOCKET_ID_ANY, ext, 2);
	{
		pool_guard g(mp);
		TEST_ASSERT_NOT_NULL(mp, "create_extbuf: %s", rte_strerror(rte_errno));
		TEST_ASSERT(rte_pktmbuf_priv_flags(mp) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF, "flag");
		TEST_ASSERT_EQUAL(rte_pktmbuf_data_room_size(mp), 2176, "data room");

		/* 1. each mbuf has its own buffer from the areas, at the right IOVA */
		std::vector<struct rte_mbuf *> all = mbuf_test::drain(mp, 0);
		TEST_ASSERT_EQUAL(all.size(), (size_t)63, "all allocatable");
		std::map<struct rte_mbuf *, void *> pin;
		for (struct rte_mbuf *m : all) {
			TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m),
				    "pinned");
			const pinned_area &owner = in_area(a, m->buf_addr) ? a : b;
			TEST_ASSERT(in_area(owner, m->buf_addr), "buffer inside an area");
			size_t off = RTE_PTR_DIFF(m->buf_addr, owner.mem);
			TEST_ASSERT_EQUAL(off % elt_bytes, (size_t)0, "on a buffer boundary");
			if (owner.ext.buf_iova != RTE_BAD_IOVA)
				TEST_ASSERT_EQUAL(m->buf_iova, owner.ext.buf_iova + off, "IOVA");
			TEST_ASSERT_EQUAL(m->buf_len, elt_bytes, "buf_len = elt_size");
			TEST_ASSERT_EQUAL(m->data_off, RTE_PKTMBUF_HEADROOM, "headroom");
			TEST_ASSERT_EQUAL(m->priv_size, 8, "priv");
			pin[m] = m->buf_addr;
		}
		TEST_ASSERT_EQUAL(pin.size(), (size_t)63, "distinct mbufs");
		rte_pktmbuf_free_bulk(all.data(), all.size());

		/* 2. the pin survives free/alloc cycles and detach */
		for (int round = 0; round < 3; round++) {
			all = mbuf_test::drain(mp, 0);
			for (struct rte_mbuf *m : all) {
				TEST_ASSERT_EQUAL(m->buf_addr, pin[m],
						  "same buffer after recycling");
				rte_pktmbuf_detach(m);
				TEST_ASSERT_EQUAL(m->buf_addr, pin[m],
						  "detach leaves a pinned buffer");
			}
			rte_pktmbuf_free_bulk(all.data(), all.size());
		}
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 63u, "all back");

		/* 3. a clone keeps the pinned mbuf out of its pool until it goes */
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		fill_pattern(rte_pktmbuf_append(m, 300), 300, 2);
		struct rte_mbuf *c = rte_pktmbuf_clone(m, pool);
		TEST_ASSERT_NOT_NULL(c, "clone into a plain pool");
		TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_read(m->shinfo), 2, "buffer shared");
		rte_pktmbuf_free(m);
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 62u,
				  "pinned mbuf held by the clone");
		TEST_ASSERT(check_pattern(rte_pktmbuf_mtod(c, char *), 300, 2), "data intact");
		rte_pktmbuf_free(c);
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 63u, "returned by the clone's free");
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size, "clone back");
		m = rte_pktmbuf_alloc(mp);
		TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_read(m->shinfo), 1, "count reset for reuse");
		TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "mbuf refcnt reset for reuse");

		/* 4. clone freed first: the pinned mbuf goes back on its own free */
		c = rte_pktmbuf_clone(m, pool);
		rte_pktmbuf_free(c);
		rte_pktmbuf_free(m);
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 63u, "all back");

		/* 5. copying into a pinned pool writes the external buffers */
		struct rte_mbuf *src = rte_pktmbuf_alloc(pool);
		fill_pattern(rte_pktmbuf_append(src, 1500), 1500, 5);
		struct rte_mbuf *cp = rte_pktmbuf_copy(src, mp, 0, UINT32_MAX);
		TEST_ASSERT_NOT_NULL(cp, "copy into pinned pool");
		TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(cp), "still pinned");
		TEST_ASSERT(check_pattern(rte_pktmbuf_mtod(cp, char *), 1500, 5), "copied");
		rte_pktmbuf_free(cp);
		rte_pktmbuf_free(src);

		/* 6. a pinned pool cannot receive clones */
		log_capture cap;
		src = rte_pktmbuf_alloc(pool);
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_pktmbuf_clone(src, mp), "clone into pinned pool");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
		TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
		rte_pktmbuf_free(src);
	}
	rte_free(a.mem);
	rte_free(b.mem);
	return TEST_SUCCESS;
}

static int
test_mbuf_ext_pinned_pool_errors(void)
{
	pinned_area a = make_area("mbx_pin_err", 10, 1024);
	TEST_ASSERT_NOT_NULL(a.mem, "area");
	struct rte_pktmbuf_extmem no_ptr = a.ext;
	no_ptr.buf_ptr = nullptr;
	struct rte_pktmbuf_extmem zero_elt = a.ext;
	zero_elt.elt_size = 0;

	struct {
		const char *what;
		unsigned n;
		uint16_t priv;
		uint16_t room;
		const struct rte_pktmbuf_extmem *ext;
		unsigned nb;
		const char *needle;
	} cases[] = {
		{"NULL areas", 8, 0, 512, nullptr, 1, "no external memory"},
		{"zero areas", 8, 0, 512, &a.ext, 0, "no external memory"},
		{"area without address", 8, 0, 512, &no_ptr, 1, "no address"},
		{"zero elt_size", 8, 0, 512, &zero_elt, 1, "no address"},
		{"buffers smaller than the room", 8, 0, 2048, &a.ext, 1,
		 "smaller than the data room"},
		{"too few buffers", 11, 0, 512, &a.ext, 1, "10 buffers"},
		{"misaligned priv_size", 8, 3, 512, &a.ext, 1, "RTE_MBUF_PRIV_ALIGN"},
	};
	int ret = TEST_SUCCESS;
	for (const auto &c : cases) {
		log_capture cap;
		rte_errno = 0;
		struct rte_mempool *mp = rte_pktmbuf_pool_create_extbuf(
			"mbx_bad", c.n, 0, c.priv, c.room, SOCKET_ID_ANY, c.ext, c.nb);
		std::string log = cap.text();
		if (mp != nullptr) {
			rte_mempool_free(mp);
			printf("    %s: accepted\n", c.what);
			ret = TEST_FAILED;
			continue;
		}
		if (rte_errno != EINVAL || cap.lines() != 1 ||
		    log.find(c.needle) == std::string::npos) {
			printf("    %s: errno %d, log: %s\n", c.what, rte_errno, log.c_str());
			ret = TEST_FAILED;
		}
	}
	TEST_ASSERT_NULL(rte_mempool_lookup("mbx_bad"), "nothing left behind");
	rte_free(a.mem);
	return ret;
}

static const struct unit_test_case mbuf_ext_cases[] = {
	TEST_CASE(test_mbuf_ext_shinfo_helper),
	TEST_CASE(test_mbuf_ext_attach_and_free),
	TEST_CASE(test_mbuf_ext_shared_by_attach_and_clone),
	TEST_CASE(test_mbuf_ext_detach_restores_own_buffer),
	TEST_CASE(test_mbuf_ext_pinned_pool),
	TEST_CASE(test_mbuf_ext_pinned_pool_errors),
	TEST_CASES_END()};

static const struct unit_test_suite mbuf_ext_suite = {"mbuf external buffers", setup, teardown,
						      mbuf_ext_cases};

static int
test_mbuf_extbuf(void)
{
	return unit_test_suite_runner(&mbuf_ext_suite);
}

REGISTER_FAST_TEST(mbuf_extbuf_autotest, NOHUGE_OK, ASAN_OK, test_mbuf_extbuf);
