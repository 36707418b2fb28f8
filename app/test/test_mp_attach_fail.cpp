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
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <eal_mem_attach.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char gate_env[] = "DPKIT_TEST_MP_SERVE_GATE";

/* Before main(), in a primary child told so: answer attach requests
 * only once the test creates the gate file, as a primary still setting
 * up its memory. */
__attribute__((constructor)) void
hold_serving_if_asked()
{
	if (const char *path = getenv(gate_env))
		dpkit_mem_attach_test_serve_gate(path);
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
	std::string run_dir = mp_sibling_dir(dir, prefix);
	std::string sock = run_dir + "/mp_socket";
	std::string config = run_dir + "/config";
	std::string gate = dir + "/mp_attach_fail_gate";
	/* a killed earlier run's socket must not pass for this primary's */
	unlink(sock.c_str());
	unlink(gate.c_str());
	mp_child primary;
	setenv(gate_env, gate.c_str(), 1);
	int started = primary.start({"--file-prefix=" + prefix, "mp_child_linger"});
	unsetenv(gate_env);
	TEST_ASSERT_SUCCESS(started, "spawn");
	/* the lock is taken before the socket is made: both mean this primary */
	TEST_ASSERT(mp_wait_for(
			    [&] {
		return access(sock.c_str(), F_OK) == 0 &&
		       rte_eal_primary_proc_alive(config.c_str());
			    },
			    20000),
		    "the primary's socket %s did not appear: %s", sock.c_str(),
		    primary.output().c_str());
	int refused = mp_expect_refused(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_info"},
		"the primary is still starting");
	bool early = primary.output().find("lingering") != std::string::npos;
	int gate_fd = open(gate.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	bool up = gate_fd >= 0 && primary.wait_output("lingering", 20000);
	if (gate_fd >= 0)
		close(gate_fd);
	unlink(gate.c_str());
	TEST_ASSERT(gate_fd >= 0, "cannot create %s: %s", gate.c_str(), strerror(errno));
	TEST_ASSERT_SUCCESS(refused, "still starting");
	TEST_ASSERT(!early, "the primary was up before the secondary asked: %s",
		    primary.output().c_str());
	TEST_ASSERT(up, "primary did not start: %s", primary.output().c_str());
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
