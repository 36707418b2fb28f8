/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* rte_errno is per thread; rte_strerror knows libc's and dpkit's codes. */

#include <errno.h>
#include <string.h>

#include <thread>

#include <rte_errno.h>

#include "test.h"

static int
test_errno_text_of_system_codes(void)
{
	TEST_ASSERT_EQUAL(std::string(rte_strerror(EINVAL)), std::string(strerror(EINVAL)),
			  "libc code text differs");
	TEST_ASSERT_EQUAL(std::string(rte_strerror(-ENOMEM)), std::string(strerror(ENOMEM)),
			  "negative codes are folded to positive");
	return TEST_SUCCESS;
}

static int
test_errno_text_of_dpkit_codes(void)
{
	TEST_ASSERT(strstr(rte_strerror(E_RTE_SECONDARY), "secondary") != nullptr,
		    "E_RTE_SECONDARY text: %s", rte_strerror(E_RTE_SECONDARY));
	TEST_ASSERT(strstr(rte_strerror(E_RTE_NO_CONFIG), "rte_config") != nullptr,
		    "E_RTE_NO_CONFIG text: %s", rte_strerror(E_RTE_NO_CONFIG));
	TEST_ASSERT(strstr(rte_strerror(RTE_MIN_ERRNO + 50), "Unknown") != nullptr,
		    "unknown dpkit range code text: %s", rte_strerror(RTE_MIN_ERRNO + 50));
	return TEST_SUCCESS;
}

static int
test_errno_is_per_thread(void)
{
	rte_errno = EEXIST;
	int seen_in_thread = -1;
	std::thread t([&] {
		seen_in_thread = rte_errno;
		rte_errno = ENOENT;
	});
	t.join();
	TEST_ASSERT_EQUAL(seen_in_thread, 0, "a new thread starts with rte_errno 0");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "another thread's write leaked here");
	return TEST_SUCCESS;
}

static const struct unit_test_case errno_cases[] = {
	TEST_CASE(test_errno_text_of_system_codes), TEST_CASE(test_errno_text_of_dpkit_codes),
	TEST_CASE(test_errno_is_per_thread), TEST_CASES_END()};

static const struct unit_test_suite errno_suite = {"errno", nullptr, nullptr, errno_cases};

static int
test_errno(void)
{
	return unit_test_suite_runner(&errno_suite);
}

REGISTER_FAST_TEST(errno_autotest, NOHUGE_OK, ASAN_OK, test_errno);
