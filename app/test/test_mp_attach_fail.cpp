/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Two ways a secondary's attach fails that a test cannot make happen on
 * its own, made with the hooks of eal_mem_attach.h: the primary still
 * starting (its socket open, its memory not yet served: EAGAIN) and pages
 * without a descriptor (anonymous hugepages on a kernel without hugetlb
 * memfd: ENOTSUP). Each is one line; afterwards the primary takes the
 * next secondary and holds no descriptor more. The children are this
 * binary again (test_mp.h).
 */

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <eal_mem_attach.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char delay_env[] = "DPKIT_TEST_MP_SERVE_DELAY";

/* Before main(), in a primary child told so: answer attach requests
 * only after a delay, as a primary still setting up its memory. */
__attribute__((constructor)) void
delay_serving_if_asked()
{
	const char *v = getenv(delay_env);
	if (v != nullptr)
		dpkit_mem_attach_test_serve_delay((unsigned)atoi(v));
}

unsigned
open_fds()
{
	unsigned n = 0;
	if (DIR *d = opendir("/proc/self/fd")) {
		while (readdir(d) != nullptr)
			n++;
		closedir(d);
	}
	return n;
}

/* A secondary asking while the primary has its socket but not yet its
 * memory: "still starting" (EAGAIN); once up, the primary takes one. */
int
mp_attach_fail_still_starting(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string prefix = mp_prefix_of(dir) + "_early";
	std::string sock = mp_sibling_dir(dir, prefix) + "/mp_socket";
	mp_child primary;
	setenv(delay_env, "4000", 1);
	int started = primary.start({"--file-prefix=" + prefix, "mp_child_linger"});
	unsetenv(delay_env);
	TEST_ASSERT_SUCCESS(started, "spawn");
	TEST_ASSERT(mp_wait_for([&] { return access(sock.c_str(), F_OK) == 0; }, 20000),
		    "the primary's socket %s did not appear: %s", sock.c_str(),
		    primary.output().c_str());
	TEST_ASSERT_SUCCESS(mp_expect_refused({"--proc-type=secondary", "--file-prefix=" + prefix,
					       "mp_child_info"},
					      "the primary is still starting"),
			    "still starting");
	TEST_ASSERT(primary.output().find("lingering") == std::string::npos,
		    "the primary was up before the secondary asked: %s", primary.output().c_str());
	TEST_ASSERT(primary.wait_output("lingering", 20000), "primary did not start: %s",
		    primary.output().c_str());
	TEST_ASSERT_SUCCESS(mp_expect_attach(prefix), "after start-up");
	return TEST_SUCCESS;
}

/* Pages listed without a descriptor: refused with ENOTSUP, nothing kept
 * open here, and the next secondary, given descriptors again, attaches. */
int
mp_attach_fail_no_descriptor(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	/* pages in use, which the attach lists */
	if (rte_memzone_lookup("mp_fail_nofd") == nullptr)
		TEST_ASSERT_NOT_NULL(rte_memzone_reserve("mp_fail_nofd", 4096, SOCKET_ID_ANY, 0),
				     "zone: %s", rte_strerror(rte_errno));
	unsigned fds = open_fds();
	dpkit_mem_attach_test_no_fd(1);
	int r = mp_expect_refused(
		{"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir), "mp_child_info"},
		"has no descriptor to share");
	dpkit_mem_attach_test_no_fd(0);
	TEST_ASSERT_SUCCESS(r, "no descriptor");
	TEST_ASSERT_EQUAL(open_fds(), fds, "the primary's descriptors after the refusal");
	TEST_ASSERT_SUCCESS(mp_expect_attach(mp_prefix_of(dir)), "after the refusal");
	return TEST_SUCCESS;
}

// clang-format off
const struct unit_test_case attach_fail_cases[] = {
	TEST_CASE(mp_attach_fail_still_starting),
	TEST_CASE(mp_attach_fail_no_descriptor),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite attach_fail_suite = {"multi-process: attach failures", nullptr,
						  nullptr, attach_fail_cases};

int
test_mp_attach_fail(void)
{
	return unit_test_suite_runner(&attach_fail_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_attach_fail_autotest, NOHUGE_OK, ASAN_OK, test_mp_attach_fail);
