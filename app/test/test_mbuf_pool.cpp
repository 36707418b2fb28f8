/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mbuf_pool_autotest: pktmbuf pools. Creation (default and by ops), every
 * rejected parameter, rte_pktmbuf_pool_init()/rte_pktmbuf_init() on pools
 * built by hand, a pool filled from several separate memory areas where
 * every mbuf's buf_iova must match rte_mem_virt2iova() of its own buffer,
 * and the choice of mempool ops (platform, user, EAL option).
 */

#include <string.h>

#include <set>
#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_memory.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_mbuf.h"

using mbuf_test::log_capture;
using mbuf_test::pool_guard;

namespace {

const char *
ops_name_of(const struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->name;
}

/* Expect @mp == NULL with @err and exactly one log line containing @needle. */
int
expect_create_error(struct rte_mempool *mp, int err, const log_capture &, const std::string &log,
		    int lines, const char *needle)
{
	if (mp != nullptr) {
		rte_mempool_free(mp);
		TEST_ASSERT(false, "creation should fail");
	}
	TEST_ASSERT_EQUAL(rte_errno, err, "errno (%s)", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(lines, 1, "one log line, got: %s", log.c_str());
	TEST_ASSERT(log.find(needle) != std::string::npos, "log should mention '%s': %s", needle,
		    log.c_str());
	return TEST_SUCCESS;
}

#define EXPECT_CREATE_ERROR(expr, err, needle) \
	do { \
		log_capture cap_; \
		rte_errno = 0; \
		struct rte_mempool *mp_ = (expr); \
		std::string log_ = cap_.text(); \
		int lines_ = 0; \
		for (char c_ : log_) \
			lines_ += c_ == '\n'; \
		if (expect_create_error(mp_, err, cap_, log_, lines_, needle) != TEST_SUCCESS) \
			return TEST_FAILED; \
	} while (0)

/* A bare mempool (no objects) with @priv_bytes of private area. */
struct rte_mempool *
empty_pool(const char *name, unsigned elt_size, unsigned priv_bytes)
{
	return rte_mempool_create_empty(name, 16, elt_size, 0, priv_bytes, SOCKET_ID_ANY, 0);
}

/* Expect rte_pktmbuf_pool_init(mp, priv) to set EINVAL with one log line. */
int
expect_pool_init_error(struct rte_mempool *mp, struct rte_pktmbuf_pool_private *priv,
		       const char *needle)
{
	log_capture cap;
	rte_errno = 0;
	rte_pktmbuf_pool_init(mp, priv);
	std::string log = cap.text();
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "pool_init must reject this");
	TEST_ASSERT_EQUAL(cap.lines(), 1, "one line: %s", log.c_str());
	TEST_ASSERT(log.find(needle) != std::string::npos, "log should mention '%s': %s", needle,
		    log.c_str());
	return TEST_SUCCESS;
}

} // namespace

static int
test_mbuf_pool_create_default(void)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("mbp_default", 1023, 64, 8, 1000,
							 SOCKET_ID_ANY);
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 1023u, "all mbufs available");
	TEST_ASSERT_EQUAL(rte_pktmbuf_data_room_size(mp), 1000, "data room");
	TEST_ASSERT_EQUAL(rte_pktmbuf_priv_size(mp), 8, "priv size");
	TEST_ASSERT_EQUAL(mp->elt_size, (uint32_t)(sizeof(struct rte_mbuf) + 8 + 1000),
			  "element = mbuf + priv + room");
	TEST_ASSERT_EQUAL(std::string(ops_name_of(mp)), std::string(rte_mbuf_best_mempool_ops()),
			  "best ops");
	TEST_ASSERT_EQUAL(rte_mempool_lookup("mbp_default"), mp, "registered by name");

	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	TEST_ASSERT_EQUAL(m->buf_len, 1000, "buf_len");
	TEST_ASSERT_EQUAL(m->priv_size, 8, "priv_size");
	rte_pktmbuf_free(m);
	return TEST_SUCCESS;
}

static int
test_mbuf_pool_create_by_ops(void)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create_by_ops(
		"mbp_spsc", 255, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY, "ring_sp_sc");
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(std::string(ops_name_of(mp)), std::string("ring_sp_sc"), "ops used");
	std::vector<struct rte_mbuf *> all = mbuf_test::drain(mp, 0);
	TEST_ASSERT_EQUAL(all.size(), (size_t)255, "every mbuf allocatable");
	rte_pktmbuf_free_bulk(all.data(), all.size());
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 255u, "all back");

	struct rte_mempool *mp0 = rte_pktmbuf_pool_create_by_ops("mbp_null_ops", 15, 0, 0, 0,
								 SOCKET_ID_ANY, nullptr);
	pool_guard g0(mp0);
	TEST_ASSERT_NOT_NULL(mp0, "NULL ops = best ops; data room 0 allowed");
	TEST_ASSERT_EQUAL(std::string(ops_name_of(mp0)), std::string(rte_mbuf_best_mempool_ops()),
			  "best ops");
	return TEST_SUCCESS;
}

static int
test_mbuf_pool_create_errors(void)
{
	EXPECT_CREATE_ERROR(rte_pktmbuf_pool_create("mbp_bad_priv", 64, 0, 4, 1000, SOCKET_ID_ANY),
			    EINVAL, "RTE_MBUF_PRIV_ALIGN");
	{
		/* the ops registry decides the code (EINVAL or ENOENT) */
		log_capture cap;
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_pktmbuf_pool_create_by_ops("mbp_bad_ops", 64, 0, 0, 1000,
								SOCKET_ID_ANY, "no_such_ops"),
				 "unknown ops");
		TEST_ASSERT(rte_errno == EINVAL || rte_errno == ENOENT, "errno %d", rte_errno);
		std::string log = cap.text();
		TEST_ASSERT(log.find("no_such_ops") != std::string::npos, "names the ops: %s",
			    log.c_str());
		TEST_ASSERT_EQUAL(cap.lines(), 1, "one line: %s", log.c_str());
	}
	TEST_ASSERT_NULL(rte_mempool_lookup("mbp_bad_ops"), "failed pool left nothing behind");

	/* errors the mempool reports, passed through unchanged */
	struct rte_mempool *mp = rte_pktmbuf_pool_create("mbp_dup", 64, 0, 0, 1000, SOCKET_ID_ANY);
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "first of the name");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_pktmbuf_pool_create("mbp_dup", 64, 0, 0, 1000, SOCKET_ID_ANY),
			 "same name twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "errno");
	std::string long_name(RTE_MEMPOOL_NAMESIZE + 4, 'x');
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_pktmbuf_pool_create(long_name.c_str(), 64, 0, 0, 1000, SOCKET_ID_ANY),
			 "name too long");
	TEST_ASSERT_EQUAL(rte_errno, ENAMETOOLONG, "errno");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_pktmbuf_pool_create("mbp_big_cache", 64,
						 RTE_MEMPOOL_CACHE_MAX_SIZE + 1, 0, 1000,
						 SOCKET_ID_ANY),
			 "cache too large");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
	return TEST_SUCCESS;
}

static int
test_mbuf_pool_init_rejects_bad_layout(void)
{
	const unsigned elt = sizeof(struct rte_mbuf) + 256;
	struct rte_mempool *mp = empty_pool("mbp_init", elt,
					    sizeof(struct rte_pktmbuf_pool_private));
	struct rte_mempool *small_priv = empty_pool("mbp_init_sp", elt, 4);
	struct rte_mempool *tiny = empty_pool("mbp_init_tiny", 64,
					      sizeof(struct rte_pktmbuf_pool_private));
	pool_guard g1(mp), g2(small_priv), g3(tiny);
	TEST_ASSERT(mp != nullptr && small_priv != nullptr && tiny != nullptr, "empty pools");

	struct rte_pktmbuf_pool_private p = {256, 0, 0};
	int ret = expect_pool_init_error(small_priv, &p, "private area");
	if (ret != TEST_SUCCESS)
		return ret;
	p = {257, 0, 0}; /* one byte more than the element holds */
	if ((ret = expect_pool_init_error(mp, &p, "too small")) != TEST_SUCCESS)
		return ret;
	p = {128, 12, 0};
	if ((ret = expect_pool_init_error(mp, &p, "RTE_MBUF_PRIV_ALIGN")) != TEST_SUCCESS)
		return ret;
	p = {128, 0, 0x80};
	if ((ret = expect_pool_init_error(mp, &p, "flags")) != TEST_SUCCESS)
		return ret;
	if ((ret = expect_pool_init_error(tiny, nullptr, "struct rte_mbuf")) != TEST_SUCCESS)
		return ret;
	{
		log_capture cap;
		rte_errno = 0;
		rte_pktmbuf_pool_init(nullptr, nullptr);
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL pool");
		TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
	}

	/* accepted: exact fit, and NULL = whole element as data room */
	p = {256, 0, 0};
	rte_errno = 0;
	rte_pktmbuf_pool_init(mp, &p);
	TEST_ASSERT_EQUAL(rte_errno, 0, "exact fit accepted");
	TEST_ASSERT_EQUAL(rte_pktmbuf_data_room_size(mp), 256, "room recorded");
	rte_pktmbuf_pool_init(mp, nullptr);
	TEST_ASSERT_EQUAL(rte_errno, 0, "NULL description accepted");
	TEST_ASSERT_EQUAL(rte_pktmbuf_data_room_size(mp), 256, "room = element - mbuf");
	TEST_ASSERT_EQUAL(rte_pktmbuf_priv_size(mp), 0, "no private area");
	return TEST_SUCCESS;
}

static int
test_mbuf_init_on_inconsistent_pool_gives_empty_mbufs(void)
{
	/* a pool whose private area claims more room than its elements have:
	 * rte_pktmbuf_init must not hand out buffers running past objects */
	const unsigned elt = sizeof(struct rte_mbuf) + 64;
	struct rte_mempool *mp = empty_pool("mbp_incons", elt,
					    sizeof(struct rte_pktmbuf_pool_private));
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "empty pool");
	TEST_ASSERT(rte_mempool_populate_default(mp) > 0, "populate");
	struct rte_pktmbuf_pool_private lie = {2048, 0, 0};
	memcpy(rte_mempool_get_priv(mp), &lie, sizeof(lie));
	log_capture cap;
	TEST_ASSERT_EQUAL(rte_mempool_obj_iter(mp, rte_pktmbuf_init, nullptr), 16u, "all visited");
	TEST_ASSERT_EQUAL(cap.lines(), 1, "one line for the pool, not one per mbuf: %s",
			  cap.text().c_str());
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	TEST_ASSERT_EQUAL(m->buf_len, 0, "no data room");
	TEST_ASSERT_NULL(rte_pktmbuf_append(m, 1), "cannot write");
	rte_pktmbuf_free(m);
	return TEST_SUCCESS;
}

/* ---- a pool spread over separate memory areas ---- */

namespace {

struct iova_check {
	uint16_t priv_size;
	unsigned checked;
	unsigned wrong;
	unsigned no_iova;
	const char *first_error;
};

void
check_mbuf_iova(struct rte_mempool *, void *arg, void *obj, unsigned)
{
	auto *c = static_cast<iova_check *>(arg);
	auto *m = static_cast<struct rte_mbuf *>(obj);
	c->checked++;
	rte_iova_t obj_iova = rte_mem_virt2iova(m);
	rte_iova_t buf_iova = rte_mem_virt2iova(m->buf_addr);
	if (obj_iova == RTE_BAD_IOVA || buf_iova == RTE_BAD_IOVA) {
		c->no_iova++;
		return;
	}
	const char *err = nullptr;
	if (m->buf_iova != obj_iova + sizeof(*m) + c->priv_size)
		err = "buf_iova != IOVA of the object + header";
	else if (m->buf_iova != buf_iova)
		err = "buf_iova != rte_mem_virt2iova(buf_addr)";
	else if (rte_mempool_virt2iova(m) != obj_iova)
		err = "rte_mempool_virt2iova != rte_mem_virt2iova";
	if (err != nullptr) {
		c->wrong++;
		if (c->first_error == nullptr)
			c->first_error = err;
	}
}

void
count_chunk(struct rte_mempool *, void *arg, struct rte_mempool_memhdr *, unsigned)
{
	++*static_cast<unsigned *>(arg);
}

} // namespace

namespace {

constexpr unsigned max_areas = 16;

/* Memzones used as external areas; freed after the pool (declare first). */
struct area_set {
	const struct rte_memzone *zone[max_areas] = {};
	unsigned used = 0;
	size_t len = 0;
	~area_set()
	{
		for (unsigned i = 0; i < used; i++)
			rte_memzone_free(zone[i]);
	}
	bool contains(const void *p) const
	{
		for (unsigned i = 0; i < used; i++)
			if (RTE_PTR_DIFF(p, zone[i]->addr) < len)
				return true;
		return false;
	}
};

} // namespace

static int
test_mbuf_pool_from_separate_areas_iova(void)
{
	constexpr unsigned n_areas = 4;
	constexpr uint16_t priv_bytes = 64;
	constexpr uint16_t room_bytes = RTE_MBUF_DEFAULT_BUF_SIZE;
	const unsigned elt = sizeof(struct rte_mbuf) + priv_bytes + room_bytes;

	/* 1. size the areas: about 100 objects each, whole pages */
	size_t pg_sz = 0;
	{
		struct rte_mempool *probe = empty_pool("mbp_probe", elt,
						       sizeof(struct rte_pktmbuf_pool_private));
		pool_guard pg(probe);
		TEST_ASSERT_NOT_NULL(probe, "probe pool");
		TEST_ASSERT_SUCCESS(rte_mempool_get_page_size(probe, &pg_sz), "page size");
	}
	if (pg_sz == 0)
		pg_sz = 4096; /* no page constraint: any granule will do */
	struct rte_mempool_objsz sz;
	size_t obj_total = rte_mempool_calc_obj_size(elt, 0, &sz);
	area_set areas;
	areas.len = RTE_ALIGN_CEIL(obj_total * 100, pg_sz);
	unsigned n = n_areas * (unsigned)(areas.len / obj_total);

	struct rte_mempool *mp = rte_mempool_create_empty(
		"mbp_areas", n, elt, 32, sizeof(struct rte_pktmbuf_pool_private), SOCKET_ID_ANY, 0);
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, rte_mbuf_best_mempool_ops(), nullptr),
			    "ops");

	/* 2. populate from separate memzones until full (objects may not
	 *    straddle pages, so an area can hold fewer than it could) */
	unsigned added = 0;
	while (added < n) {
		TEST_ASSERT(areas.used < max_areas, "%u areas hold only %u of %u objects",
			    areas.used, added, n);
		std::string name = "mbp_area" + std::to_string(areas.used);
		const struct rte_memzone *z = rte_memzone_reserve_aligned(name.c_str(), areas.len,
									  SOCKET_ID_ANY, 0, pg_sz);
		TEST_ASSERT_NOT_NULL(z, "memzone of %zu bytes: %s", areas.len,
				     rte_strerror(rte_errno));
		areas.zone[areas.used++] = z;
		int ret = rte_mempool_populate_virt(mp, static_cast<char *>(z->addr), areas.len,
						    pg_sz, nullptr, nullptr);
		TEST_ASSERT(ret > 0, "populate_virt area %u: %d", areas.used - 1, ret);
		added += ret;
	}
	unsigned chunks = 0;
	rte_mempool_mem_iter(mp, count_chunk, &chunks);
	printf("    pool over %u separate areas: %u chunks, %u objects\n", areas.used, chunks,
	       added);
	TEST_ASSERT(areas.used >= n_areas && chunks >= areas.used,
		    "one chunk per area at least (%u areas, %u chunks)", areas.used, chunks);

	/* 3. make the objects mbufs, as rte_pktmbuf_pool_create would */
	struct rte_pktmbuf_pool_private priv = {room_bytes, priv_bytes, 0};
	rte_errno = 0;
	rte_pktmbuf_pool_init(mp, &priv);
	TEST_ASSERT_EQUAL(rte_errno, 0, "pool_init");
	TEST_ASSERT_EQUAL(rte_mempool_obj_iter(mp, rte_pktmbuf_init, nullptr), n, "init all");

	/* 4. every object: buf_iova is its own buffer's IOVA */
	iova_check c = {priv_bytes, 0, 0, 0, nullptr};
	rte_mempool_obj_iter(mp, check_mbuf_iova, &c);
	TEST_ASSERT_EQUAL(c.checked, n, "every mbuf checked");
	TEST_ASSERT_EQUAL(c.wrong, 0u, "%u wrong, first: %s", c.wrong,
			  c.first_error ? c.first_error : "");
	if (c.no_iova == c.checked)
		TEST_SKIP("memory has no IOVA here (rte_mem_virt2iova gives RTE_BAD_IOVA)");

	/* 5. and as allocated: each inside an area, all distinct */
	std::vector<struct rte_mbuf *> all = mbuf_test::drain(mp, 0);
	TEST_ASSERT_EQUAL(all.size(), (size_t)n, "every mbuf allocatable");
	std::set<const void *> bufs;
	bool ok = true;
	for (struct rte_mbuf *m : all) {
		ok = ok && areas.contains(m) && m->buf_iova == rte_mem_virt2iova(m->buf_addr);
		bufs.insert(m->buf_addr);
	}
	rte_pktmbuf_free_bulk(all.data(), all.size());
	TEST_ASSERT(ok, "an allocated mbuf is outside the areas or has a wrong IOVA");
	TEST_ASSERT_EQUAL(bufs.size(), all.size(), "distinct buffers");
	return TEST_SUCCESS;
}

static int
test_mbuf_pool_create_iova_of_every_mbuf(void)
{
	/* large enough to need more than one hugepage */
	struct rte_mempool *mp = rte_pktmbuf_pool_create("mbp_iova", 4095, 0, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	unsigned chunks = 0;
	rte_mempool_mem_iter(mp, count_chunk, &chunks);
	iova_check c = {0, 0, 0, 0, nullptr};
	rte_mempool_obj_iter(mp, check_mbuf_iova, &c);
	printf("    rte_pktmbuf_pool_create: %u mbufs in %u chunk(s)\n", c.checked, chunks);
	TEST_ASSERT_EQUAL(c.checked, 4095u, "every mbuf");
	TEST_ASSERT_EQUAL(c.wrong, 0u, "%u wrong, first: %s", c.wrong,
			  c.first_error ? c.first_error : "");
	return TEST_SUCCESS;
}

/* ---- mempool ops choice ---- */

static int
test_mbuf_pool_ops_choice(void)
{
	/* this case changes process-wide settings: it runs last */
	TEST_ASSERT_NULL(rte_mbuf_platform_mempool_ops(), "no platform ops at start");
	TEST_ASSERT_NULL(rte_mbuf_user_mempool_ops(), "no user ops at start");
	TEST_ASSERT_EQUAL(std::string(rte_mbuf_best_mempool_ops()),
			  std::string(RTE_MBUF_DEFAULT_MEMPOOL_OPS), "build default");

	TEST_ASSERT_SUCCESS(rte_mbuf_set_platform_mempool_ops("ring_mp_sc"), "platform");
	TEST_ASSERT_EQUAL(std::string(rte_mbuf_best_mempool_ops()), std::string("ring_mp_sc"),
			  "platform beats default");
	TEST_ASSERT_SUCCESS(rte_mbuf_set_platform_mempool_ops("ring_mp_sc"), "same again is fine");
	{
		log_capture cap;
		TEST_ASSERT_EQUAL(rte_mbuf_set_platform_mempool_ops("ring_sp_sc"), -EEXIST,
				  "platform is set once");
		TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
	}
	TEST_ASSERT_SUCCESS(rte_mbuf_set_user_mempool_ops("ring_sp_mc"), "user");
	TEST_ASSERT_EQUAL(std::string(rte_mbuf_best_mempool_ops()), std::string("ring_sp_mc"),
			  "user beats platform");
	TEST_ASSERT_SUCCESS(rte_mbuf_set_user_mempool_ops("ring_sp_sc"), "user may change");
	TEST_ASSERT_EQUAL(std::string(rte_mbuf_user_mempool_ops()), std::string("ring_sp_sc"),
			  "changed");

	struct rte_mempool *mp = rte_pktmbuf_pool_create("mbp_user_ops", 63, 0, 0, 512,
							 SOCKET_ID_ANY);
	pool_guard g(mp);
	TEST_ASSERT_NOT_NULL(mp, "create");
	TEST_ASSERT_EQUAL(std::string(ops_name_of(mp)), std::string("ring_sp_sc"),
			  "pool_create follows the choice");

	std::string too_long(RTE_MEMPOOL_OPS_NAMESIZE, 'o');
	struct {
		int (*set)(const char *);
		const char *arg;
		int err;
	} bad[] = {
		{rte_mbuf_set_user_mempool_ops, nullptr, -EINVAL},
		{rte_mbuf_set_user_mempool_ops, "", -EINVAL},
		{rte_mbuf_set_user_mempool_ops, too_long.c_str(), -ENAMETOOLONG},
		{rte_mbuf_set_platform_mempool_ops, nullptr, -EINVAL},
		{rte_mbuf_set_platform_mempool_ops, too_long.c_str(), -ENAMETOOLONG},
	};
	for (const auto &b : bad) {
		log_capture cap;
		TEST_ASSERT_EQUAL(b.set(b.arg), b.err, "bad name '%s'", b.arg ? b.arg : "(NULL)");
		TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
	}
	TEST_ASSERT_EQUAL(std::string(rte_mbuf_user_mempool_ops()), std::string("ring_sp_sc"),
			  "rejected names change nothing");
	return TEST_SUCCESS;
}

/* Child side of the EAL option case: prints what it sees. */
static int
mbuf_pool_ops_eal_child(void)
{
	printf("user=%s best=%s\n",
	       rte_mbuf_user_mempool_ops() ? rte_mbuf_user_mempool_ops() : "(none)",
	       rte_mbuf_best_mempool_ops());
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(mbuf_pool_ops_eal_child, mbuf_pool_ops_eal_child);

static int
test_mbuf_pool_ops_from_eal_option(void)
{
	const char *argv[] = {"dpkit-test",
			      "--no-huge",
			      "-m",
			      "64",
			      "--no-pci",
			      "--file-prefix=mbuf_pool_ops_child",
			      "--mbuf-pool-ops-name=ring_mp_sc",
			      "mbuf_pool_ops_eal_child",
			      nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	TEST_ASSERT_EQUAL(rc, 0, "child failed: %s", out.c_str());
	TEST_ASSERT(out.find("user=ring_mp_sc best=ring_mp_sc") != std::string::npos,
		    "--mbuf-pool-ops-name is the user choice: %s", out.c_str());
	return TEST_SUCCESS;
}

static const struct unit_test_case mbuf_pool_cases[] = {
	TEST_CASE(test_mbuf_pool_create_default),
	TEST_CASE(test_mbuf_pool_create_by_ops),
	TEST_CASE(test_mbuf_pool_create_errors),
	TEST_CASE(test_mbuf_pool_init_rejects_bad_layout),
	TEST_CASE(test_mbuf_init_on_inconsistent_pool_gives_empty_mbufs),
	TEST_CASE(test_mbuf_pool_from_separate_areas_iova),
	TEST_CASE(test_mbuf_pool_create_iova_of_every_mbuf),
	TEST_CASE(test_mbuf_pool_ops_from_eal_option),
	TEST_CASE(test_mbuf_pool_ops_choice),
	TEST_CASES_END()};

static const struct unit_test_suite mbuf_pool_suite = {"mbuf pools", nullptr, nullptr,
						       mbuf_pool_cases};

static int
test_mbuf_pool(void)
{
	return unit_test_suite_runner(&mbuf_pool_suite);
}

REGISTER_FAST_TEST(mbuf_pool_autotest, NOHUGE_OK, ASAN_OK, test_mbuf_pool);
