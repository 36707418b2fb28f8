/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_mp_disable(), as DPDK documents it: true in a primary no secondary
 * has attached to, and secondaries are refused from then on (one line,
 * EPERM); false once one has attached (even after it exited), and in a
 * secondary. The children are this binary again (test_mp.h).
 */

#include <stdio.h>
#include <unistd.h>

#include <string>

#include <rte_eal.h>

#include "test.h"
#include "test_mp.h"

namespace {

/* A primary child that disables multi-process, then stays up. */
int
mp_child_disable(void)
{
	bool first = rte_mp_disable();
	bool again = rte_mp_disable();
	printf("disabled: %s, again: %s\n", first ? "true" : "false", again ? "true" : "false");
	fflush(stdout);
	for (int i = 0; i < 2000; i++)
		usleep(10000);
	return TEST_SUCCESS;
}

/* A secondary child: rte_mp_disable() from a secondary. */
int
mp_child_disable_here(void)
{
	printf("secondary disable: %s\n", rte_mp_disable() ? "true" : "false");
	return TEST_SUCCESS;
}

int
mp_disable_refuses(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string prefix = mp_prefix_of(dir) + "_off";
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({"--file-prefix=" + prefix, "mp_child_disable"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("disabled: true, again: true", 20000),
		    "rte_mp_disable() in a fresh primary: %s", primary.output().c_str());
	TEST_ASSERT_SUCCESS(mp_expect_refused({"--proc-type=secondary", "--file-prefix=" + prefix,
					       "mp_child_info"},
					      "called rte_mp_disable()"),
			    "secondary");
	TEST_ASSERT_SUCCESS(
		mp_expect_refused({"--proc-type=auto", "--file-prefix=" + prefix, "mp_child_info"},
				  "called rte_mp_disable()"),
		"auto");
	TEST_ASSERT_EQUAL(mp_sockets(mp_sibling_dir(dir, prefix)), 0u,
			  "a refused secondary left its socket");
	return TEST_SUCCESS;
}

/* Once a secondary has attached, rte_mp_disable() is false (also after
 * it exited, as in DPDK) and secondaries still attach; false in a
 * secondary too. */
int
mp_disable_after_secondary(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string prefix = mp_prefix_of(dir);
	std::string out;
	int rc = mp_run(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_disable_here"}, out);
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	TEST_ASSERT(out.find("secondary disable: false") != std::string::npos, "%s", out.c_str());
	TEST_ASSERT(!rte_mp_disable(), "rte_mp_disable() after a secondary attached");
	TEST_ASSERT_SUCCESS(mp_expect_attach(prefix), "after a refused rte_mp_disable()");
	return TEST_SUCCESS;
}

// clang-format off
const struct unit_test_case disable_cases[] = {
	TEST_CASE(mp_disable_refuses),
	TEST_CASE(mp_disable_after_secondary),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite disable_suite = {"multi-process: rte_mp_disable", nullptr, nullptr,
					      disable_cases};

int
test_mp_disable(void)
{
	return unit_test_suite_runner(&disable_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_disable_autotest, NOHUGE_OK, ASAN_OK, test_mp_disable);
REGISTER_TEST_COMMAND(mp_child_disable, mp_child_disable);
REGISTER_TEST_COMMAND(mp_child_disable_here, mp_child_disable_here);
