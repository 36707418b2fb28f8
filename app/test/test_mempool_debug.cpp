/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_debug_autotest: in a build with -Dmempool_debug=true, misuse
 * stops the process with a message that names the object and the pool:
 * an object put back twice, an object put into a pool it does not belong
 * to, a write past the end of an object. Each runs in a child process that
 * must die with that message. The per-lcore statistics are checked too.
 * (Touching an object after putting it back is mempool_asan_autotest's.)
 * In a normal build there are no cookies to check and the test says so.
 */

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <string>

#include <rte_errno.h>
#include <rte_mempool.h>

#include "test.h"

namespace {

rte_mempool *
make(const char *name)
{
	return rte_mempool_create(name, 63, 64, 0, 0, nullptr, nullptr, nullptr, nullptr,
				  SOCKET_ID_ANY, 0);
}

int
double_free_child(void)
{
	rte_mempool *mp = make("dbg_double");
	void *obj;
	if (mp == nullptr || rte_mempool_get(mp, &obj) != 0)
		return TEST_FAILED;
	rte_mempool_put(mp, obj);
	rte_mempool_put(mp, obj); /* must not return */
	return TEST_FAILED;
}

int
foreign_object_child(void)
{
	rte_mempool *a = make("dbg_a"), *b = make("dbg_b");
	void *obj;
	if (a == nullptr || b == nullptr || rte_mempool_get(a, &obj) != 0)
		return TEST_FAILED;
	rte_mempool_put(b, obj); /* must not return */
	return TEST_FAILED;
}

int
overrun_child(void)
{
	rte_mempool *mp = make("dbg_overrun");
	void *obj;
	if (mp == nullptr || rte_mempool_get(mp, &obj) != 0)
		return TEST_FAILED;
	memset(obj, 0, mp->elt_size + 8); /* one word too far */
	rte_mempool_put(mp, obj);         /* must not return */
	return TEST_FAILED;
}

[[maybe_unused]] int
expect_panic(const char *child, const char *message)
{
	std::string out;
	std::string prefix = std::string("--file-prefix=") + child;
	const char *argv[] = {"dpkit-test", "--no-huge",    "-m",  "64",   "-l",
			      "0",          prefix.c_str(), child, nullptr};
	int status = test_exec_self_capture(argv, out);
	TEST_ASSERT(status == 256 + SIGABRT, "%s: exit status %d, output:\n%s", child, status,
		    out.c_str());
	TEST_ASSERT(out.find(message) != std::string::npos, "%s: message '%s' missing in:\n%s",
		    child, message, out.c_str());
	return TEST_SUCCESS;
}

int
test_mempool_debug_cookies(void)
{
#ifndef RTE_LIBRTE_MEMPOOL_DEBUG
	TEST_SKIP("built without -Dmempool_debug=true: objects carry no cookies to check");
#else
	if (expect_panic("mempool_double_free_child", "put back twice") != TEST_SUCCESS ||
	    expect_panic("mempool_foreign_object_child", "is not one of its objects") !=
		    TEST_SUCCESS ||
	    expect_panic("mempool_overrun_child", "written past") != TEST_SUCCESS)
		return TEST_FAILED;

	/* statistics: every get and put is counted */
	rte_mempool *mp = rte_mempool_create("dbg_stats", 255, 64, 16, 0, nullptr, nullptr, nullptr,
					     nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	void *objs[10];
	for (int i = 0; i < 5; i++) {
		TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs, 10), "get");
		rte_mempool_put_bulk(mp, objs, 10);
	}
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_mempool_dump(f, mp);
	fclose(f);
	std::string dump(buf, len);
	free(buf);
	TEST_ASSERT(dump.find("put_objs=50") != std::string::npos, "stats:\n%s", dump.c_str());
	TEST_ASSERT(dump.find("get_success_objs=50") != std::string::npos, "stats:\n%s",
		    dump.c_str());
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
#endif
}

const struct unit_test_case debug_cases[] = {TEST_CASE(test_mempool_debug_cookies),
					     TEST_CASES_END()};

const struct unit_test_suite debug_suite = {"mempool debug", nullptr, nullptr, debug_cases};

int
test_mempool_debug(void)
{
	return unit_test_suite_runner(&debug_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_debug_autotest, NOHUGE_OK, ASAN_OK, test_mempool_debug);
REGISTER_TEST_COMMAND(mempool_double_free_child, double_free_child);
REGISTER_TEST_COMMAND(mempool_foreign_object_child, foreign_object_child);
REGISTER_TEST_COMMAND(mempool_overrun_child, overrun_child);
