/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_asan_autotest: in an AddressSanitizer build a free pool object
 * is poisoned (rte_mempool_asan.h), so a program that touches an object
 * after putting it back, an object it never got, or an mbuf's data after
 * rte_pktmbuf_free() is stopped by an ASan "use-after-poison" report.
 * Each misuse runs in a child process that must die with that report.
 * The other half proves there is no false report: objects that are handed
 * out are whole (odd sizes, debug cookies, every handler, caches), and the
 * library's own walks over free objects (obj_iter, audit, mbuf pool init,
 * free of a pool with objects out) stay silent.
 * Without ASan the misuse cases SKIP (nothing would catch them); the
 * no-false-report cases run in every build.
 */

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"

namespace {

rte_mempool *
make(const char *name, unsigned elt_size, unsigned cache_size)
{
	return rte_mempool_create(name, 255, elt_size, cache_size, 0, nullptr, nullptr, nullptr,
				  nullptr, SOCKET_ID_ANY, 0);
}

/* ---- children: each must be stopped by ASan before its return ---- */

/* get, put back through the lcore cache, write */
int
put_then_write_cached_child(void)
{
	rte_mempool *mp = make("asan_c", 64, 32);
	void *obj;
	if (mp == nullptr || rte_mempool_get(mp, &obj) != 0)
		return TEST_FAILED;
	rte_mempool_put(mp, obj);
	*static_cast<volatile char *>(obj) = 1;
	return TEST_FAILED;
}

/* get, put back straight into the store (no cache), read the last byte */
int
put_then_read_nocache_child(void)
{
	rte_mempool *mp = make("asan_n", 100, 0);
	void *objs[4];
	if (mp == nullptr || rte_mempool_get_bulk(mp, objs, 4) != 0)
		return TEST_FAILED;
	rte_mempool_put_bulk(mp, objs, 4);
	char c = static_cast<volatile char *>(objs[3])[95];
	printf("read %d\n", c);
	return TEST_FAILED;
}

/* write into an object that was never handed out (poisoned by populate) */
int
never_got_child(void)
{
	rte_mempool *mp = make("asan_ng", 64, 0);
	void *obj;
	if (mp == nullptr || rte_mempool_get(mp, &obj) != 0)
		return TEST_FAILED;
	rte_mempool_objhdr *hdr = STAILQ_FIRST(&mp->elt_list);
	if (hdr + 1 == obj)
		hdr = STAILQ_NEXT(hdr, next);
	*reinterpret_cast<volatile char *>(hdr + 1) = 1;
	return TEST_FAILED;
}

/* free an mbuf, then write into its packet data */
int
mbuf_free_then_write_child(void)
{
	rte_mempool *mp = rte_pktmbuf_pool_create("asan_mb", 255, 32, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
						  SOCKET_ID_ANY);
	if (mp == nullptr)
		return TEST_FAILED;
	rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == nullptr)
		return TEST_FAILED;
	char *data = rte_pktmbuf_mtod(m, char *);
	memset(data, 0, 64);
	rte_pktmbuf_free(m);
	data[10] = 1;
	return TEST_FAILED;
}

[[maybe_unused]] int
expect_asan_report(const char *child)
{
	std::string out;
	std::string prefix = std::string("--file-prefix=") + child;
	const char *argv[] = {"dpkit-test", "--no-huge",    "-m",  "64",   "-l",
			      "0",          prefix.c_str(), child, nullptr};
	int status = test_exec_self_capture(argv, out);
	TEST_ASSERT(status != 0 && status != -1, "%s: the misuse went unnoticed (status %d):\n%s",
		    child, status, out.c_str());
	TEST_ASSERT(out.find("AddressSanitizer: use-after-poison") != std::string::npos,
		    "%s: no ASan use-after-poison report (status %d):\n%s", child, status,
		    out.c_str());
	printf("  %s: stopped by ASan (use-after-poison)\n", child);
	return TEST_SUCCESS;
}

int
test_misuse_reported(void)
{
#ifndef RTE_MEMPOOL_ASAN
	TEST_SKIP("not an AddressSanitizer build: nothing poisons free objects "
		  "(devtools/test-sanitizers.sh asan runs this test)");
#else
	for (const char *child : {"mempool_asan_put_then_write_cached_child",
				  "mempool_asan_put_then_read_nocache_child",
				  "mempool_asan_never_got_child", "mempool_asan_mbuf_free_child"})
		if (expect_asan_report(child) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
#endif
}

/* ---- no false reports ---- */

#ifdef RTE_MEMPOOL_ASAN
#define POISONED(p) __asan_address_is_poisoned(p)
#else
#define POISONED(p) 0
#endif

void
touch_all(rte_mempool *, void *arg, void *obj, unsigned)
{
	rte_mempool *mp = static_cast<rte_mempool *>(arg);
	memset(obj, 0x5a, mp->elt_size);
}

/* Objects handed out are whole and free ones are poisoned, for each
 * handler, with and without cache, for sizes that end mid-granule. */
int
test_handed_out_objects_whole(void)
{
	for (const char *ops :
	     {"ring_mp_mc", "ring_sp_sc", "ring_mt_rts", "ring_mt_hts", "stack", "lf_stack"}) {
		for (unsigned elt : {13u, 64u, 1000u}) {
			for (unsigned cache : {0u, 16u}) {
				rte_mempool *mp = rte_mempool_create_empty(
					"asan_whole", 127, elt, cache, 0, SOCKET_ID_ANY, 0);
				TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
				TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, ops, nullptr),
						    "%s", ops);
				TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), 127,
						  "populate");
				/* a walk over free objects may write them */
				TEST_ASSERT_EQUAL(rte_mempool_obj_iter(mp, touch_all, mp), 127u,
						  "iter");
				std::vector<void *> objs(127);
				for (int round = 0; round < 2; round++) {
					TEST_ASSERT_SUCCESS(
						rte_mempool_get_bulk(mp, objs.data(), 100),
						"%s: get", ops);
					for (unsigned i = 0; i < 100; i++) {
						memset(objs[i], round, elt);
						TEST_ASSERT(!POISONED(objs[i]),
							    "handed out yet poisoned");
					}
					rte_mempool_put_bulk(mp, objs.data(), 100);
					for (unsigned i = 0; i < 100; i++)
						TEST_ASSERT(
							!TEST_ASAN_BUILD || elt < 8 ||
								POISONED(objs[i]),
							"%s elt %u cache %u: free object %u not poisoned",
							ops, elt, cache, i);
				}
				rte_mempool_audit(mp);
				TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 127u, "count");
				rte_mempool_free(mp);
			}
		}
	}
	return TEST_SUCCESS;
}

/* A pool freed with objects still out, its memory reused by a new pool:
 * nothing left poisoned where the new pool's objects live. */
int
test_pool_memory_reused(void)
{
	for (int round = 0; round < 3; round++) {
		rte_mempool *mp = make("asan_reuse", 200, 8);
		TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
		void *obj;
		TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &obj), "get");
		rte_mempool_free(mp); /* obj goes with it */
		rte_mempool *mp2 = make("asan_reuse2", 100, 0);
		TEST_ASSERT_NOT_NULL(mp2, "create 2: %s", rte_strerror(rte_errno));
		std::vector<void *> objs(255);
		TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp2, objs.data(), 255), "get all");
		for (void *o : objs)
			memset(o, 1, 100);
		rte_mempool_put_bulk(mp2, objs.data(), 255);
		rte_mempool_free(mp2);
	}
	return TEST_SUCCESS;
}

/* mbufs: pool init walks free mbufs, alloc gives whole ones, free poisons. */
int
test_mbufs(void)
{
	rte_mempool *mp = rte_pktmbuf_pool_create("asan_mbufs", 511, 32, 16,
						  RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(mp, "pool: %s", rte_strerror(rte_errno));
	rte_mbuf *m[64];
	for (int round = 0; round < 4; round++) {
		TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(mp, m, 64), "alloc");
		for (rte_mbuf *b : m) {
			char *d = rte_pktmbuf_append(b, 1500);
			TEST_ASSERT_NOT_NULL(d, "append");
			memset(d, round, 1500);
			memset(rte_mbuf_to_priv(b), round, 16);
		}
		/* a chain freed at once */
		TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(m[0], m[1]), "chain");
		[[maybe_unused]] char *data0 = rte_pktmbuf_mtod(m[0], char *);
		rte_pktmbuf_free(m[0]);
		TEST_ASSERT(!TEST_ASAN_BUILD || POISONED(data0), "freed mbuf data not poisoned");
		rte_pktmbuf_free_bulk(&m[2], 62);
	}
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 511u, "mbufs lost");
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

const struct unit_test_case asan_cases[] = {
	TEST_CASE(test_handed_out_objects_whole), TEST_CASE(test_pool_memory_reused),
	TEST_CASE(test_mbufs), TEST_CASE(test_misuse_reported), TEST_CASES_END()};

const struct unit_test_suite asan_suite = {"mempool ASan poisoning", nullptr, nullptr, asan_cases};

int
test_mempool_asan(void)
{
	return unit_test_suite_runner(&asan_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_asan_autotest, NOHUGE_OK, ASAN_OK, test_mempool_asan);
REGISTER_TEST_COMMAND(mempool_asan_put_then_write_cached_child, put_then_write_cached_child);
REGISTER_TEST_COMMAND(mempool_asan_put_then_read_nocache_child, put_then_read_nocache_child);
REGISTER_TEST_COMMAND(mempool_asan_never_got_child, never_got_child);
REGISTER_TEST_COMMAND(mempool_asan_mbuf_free_child, mbuf_free_then_write_child);
