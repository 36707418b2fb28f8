/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Version macros and strings agree with each other and with VERSION. */

#include <stdio.h>

#include <string>

#include <rte_version.h>

#include "test.h"

static_assert(RTE_VERSION >= RTE_VERSION_NUM(22, 11, 0, 0),
	      "dpkit provides at least the DPDK 22.11 API");

static int
test_version_parts_agree(void)
{
	TEST_ASSERT_EQUAL(rte_version_year(), 22u, "year");
	TEST_ASSERT_EQUAL(rte_version_month(), 11u, "month");
	TEST_ASSERT_EQUAL(rte_version_year(), (unsigned int)RTE_VER_YEAR, "year vs macro");
	TEST_ASSERT_EQUAL(rte_version_month(), (unsigned int)RTE_VER_MONTH, "month vs macro");
	TEST_ASSERT_EQUAL(rte_version_minor(), (unsigned int)RTE_VER_MINOR, "minor vs macro");
	TEST_ASSERT_EQUAL(rte_version_release(), (unsigned int)RTE_VER_RELEASE, "release");
	TEST_ASSERT_EQUAL(std::string(rte_version_suffix()), std::string(RTE_VER_SUFFIX), "suffix");
	TEST_ASSERT_EQUAL(std::string(rte_version_prefix()), std::string("dpkit"), "prefix");

	TEST_ASSERT_EQUAL(
		RTE_VERSION,
		RTE_VERSION_NUM(RTE_VER_YEAR, RTE_VER_MONTH, RTE_VER_MINOR, RTE_VER_RELEASE),
		"RTE_VERSION packing");
	TEST_ASSERT(RTE_VERSION_NUM(22, 11, 1, 0) > RTE_VERSION_NUM(22, 11, 0, 99) &&
			    RTE_VERSION_NUM(23, 3, 0, 0) > RTE_VERSION_NUM(22, 11, 5, 0),
		    "RTE_VERSION_NUM orders releases");
	return TEST_SUCCESS;
}

static int
test_version_string(void)
{
	char want[64];
	if (rte_version_suffix()[0] == '\0')
		snprintf(want, sizeof(want), "%s %u.%02u.%u", rte_version_prefix(),
			 rte_version_year(), rte_version_month(), rte_version_minor());
	else
		snprintf(want, sizeof(want), "%s %u.%02u.%u%s%u", rte_version_prefix(),
			 rte_version_year(), rte_version_month(), rte_version_minor(),
			 rte_version_suffix(), rte_version_release());
	TEST_ASSERT_EQUAL(std::string(rte_version()), std::string(want), "version string");
	TEST_ASSERT(rte_version() == rte_version(), "the string is built once");
	return TEST_SUCCESS;
}

static const struct unit_test_case version_cases[] = {
	TEST_CASE(test_version_parts_agree), TEST_CASE(test_version_string), TEST_CASES_END()};

static const struct unit_test_suite version_suite = {"version", nullptr, nullptr, version_cases};

static int
test_version(void)
{
	return unit_test_suite_runner(&version_suite);
}

REGISTER_FAST_TEST(version_autotest, NOHUGE_OK, ASAN_OK, test_version);
