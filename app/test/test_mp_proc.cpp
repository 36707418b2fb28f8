/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The process model with real second processes: --proc-type, the runtime
 * directory a secondary finds its primary by, a secondary without a
 * primary, and a dead primary's directory taken over by the next one. The
 * children are this binary again, running the mp_child_* commands.
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>

#include "test.h"
#include "test_mp.h"

namespace {

/* The child: what a secondary sees of itself and its primary. */
int
mp_child_info(void)
{
	printf("proc_type=%d alive=%d\n", (int)rte_eal_process_type(),
	       rte_eal_primary_proc_alive(nullptr));
	return TEST_SUCCESS;
}

/* A primary child that stays up until killed (at most 20 s). */
int
mp_child_linger(void)
{
	printf("lingering\n");
	fflush(stdout);
	for (int i = 0; i < 2000; i++)
		usleep(10000);
	return TEST_SUCCESS;
}

int
mp_proc_type(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string prefix = mp_prefix_of(dir);
	std::string out;

	int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_info"}, out);
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	TEST_ASSERT(out.find("proc_type=1 alive=1") != std::string::npos, "secondary: %s",
		    out.c_str());

	rc = mp_run({"--proc-type=auto", "--file-prefix=" + prefix, "mp_child_info"}, out);
	TEST_ASSERT_EQUAL(rc, 0, "auto with a primary: %s", out.c_str());
	TEST_ASSERT(out.find("proc_type=1 alive=1") != std::string::npos, "auto: %s", out.c_str());

	std::string fresh = prefix + "_fresh";
	rc = mp_run({"--proc-type=auto", "--file-prefix=" + fresh, "mp_child_info"}, out);
	TEST_ASSERT_EQUAL(rc, 0, "auto alone: %s", out.c_str());
	TEST_ASSERT(out.find("proc_type=0 alive=1") != std::string::npos, "auto alone: %s",
		    out.c_str());

	rc = mp_run({"--proc-type=secondary", "--file-prefix=" + fresh, "mp_child_info"}, out);
	TEST_ASSERT_EQUAL(rc, 1, "secondary alone: %s", out.c_str());
	TEST_ASSERT(out.find("no primary process runs with --file-prefix " + fresh) !=
				    std::string::npos &&
			    out.find("is missing") != std::string::npos,
		    "secondary alone: %s", out.c_str());
	TEST_ASSERT_EQUAL(mp_count(out, "EAL: "), 1u, "one line: %s", out.c_str());

	/* the secondaries went without taking our lock or files */
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive(nullptr), 1, "own lock lost");
	TEST_ASSERT_EQUAL(mp_sockets(dir), 0u, "secondary sockets left in %s", dir.c_str());
	return TEST_SUCCESS;
}

/* A primary killed with SIGKILL leaves its directory; a secondary is
 * refused there, and the next primary takes it over and cleans it. */
int
mp_stale_runtime_dir(void)
{
	MP_NEED_RUNTIME_DIR(own);
	struct stat st;
	std::string prefix = mp_prefix_of(own) + "_stale";
	std::string dir = own.substr(0, own.rfind('/') + 1) + prefix;

	mp_child dead;
	TEST_ASSERT_SUCCESS(dead.start({"--file-prefix=" + prefix, "mp_child_linger"}), "spawn");
	TEST_ASSERT(dead.wait_output("lingering", 20000), "primary child did not start: %s",
		    dead.output().c_str());
	dead.kill_now();
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive((dir + "/config").c_str()), 0,
			  "a killed primary's lock is gone");
	TEST_ASSERT(stat((dir + "/mp_socket").c_str(), &st) == 0, "killed primary's socket");
	TEST_ASSERT(mp_make_dead_socket(dir + "/mp_socket_1_dead"), "fake dead secondary");

	std::string out;
	int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_info"}, out);
	TEST_ASSERT_EQUAL(rc, 1, "secondary of a dead primary: %s", out.c_str());
	TEST_ASSERT(out.find("no primary process runs with --file-prefix " + prefix) !=
				    std::string::npos &&
			    out.find("is not locked") != std::string::npos,
		    "secondary of a dead primary: %s", out.c_str());
	TEST_ASSERT_EQUAL(mp_count(out, "EAL: "), 1u, "one line: %s", out.c_str());

	rc = mp_run({"--file-prefix=" + prefix, "mp_child_info"}, out);
	TEST_ASSERT_EQUAL(rc, 0, "new primary on a stale directory: %s", out.c_str());
	TEST_ASSERT(out.find("proc_type=0 alive=1") != std::string::npos, "%s", out.c_str());
	TEST_ASSERT(stat(dir.c_str(), &st) != 0 && errno == ENOENT,
		    "the new primary left %s behind (stale files not cleaned)", dir.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case proc_cases[] = {TEST_CASE(mp_proc_type),
					    TEST_CASE(mp_stale_runtime_dir), TEST_CASES_END()};

const struct unit_test_suite proc_suite = {"multi-process: process model", nullptr, nullptr,
					   proc_cases};

int
test_mp_proc(void)
{
	return unit_test_suite_runner(&proc_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_proc_autotest, NOHUGE_OK, ASAN_OK, test_mp_proc);
REGISTER_TEST_COMMAND(mp_child_info, mp_child_info);
REGISTER_TEST_COMMAND(mp_child_linger, mp_child_linger);
