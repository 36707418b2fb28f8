/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Bounded copies (return values, truncation, never writing past the
 * buffer) and rte_strsplit's edge cases. */

#include <errno.h>
#include <string.h>

#include <string>

#include <rte_errno.h>
#include <rte_string_fns.h>

#include "test.h"

static int
test_string_strlcpy(void)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	TEST_ASSERT_EQUAL(rte_strlcpy(buf, "abc", sizeof(buf)), (size_t)3, "fits: source length");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("abc"), "fits: copied");

	memset(buf, 'x', sizeof(buf));
	TEST_ASSERT_EQUAL(rte_strlcpy(buf, "0123456789", 5), (size_t)10,
			  "truncated: still the source length");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("0123"), "truncated and terminated");
	TEST_ASSERT_EQUAL(buf[5], 'x', "nothing written past size");

	memset(buf, 'x', sizeof(buf));
	TEST_ASSERT_EQUAL(rte_strlcpy(buf, "abcdefg", 8), (size_t)7, "exact fit");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("abcdefg"), "exact fit copied");

	memset(buf, 'x', sizeof(buf));
	TEST_ASSERT_EQUAL(rte_strlcpy(buf, "abc", 0), (size_t)3, "size 0: source length");
	TEST_ASSERT_EQUAL(buf[0], 'x', "size 0 writes nothing");
	TEST_ASSERT_EQUAL(rte_strlcpy(buf, "abc", 1), (size_t)3, "size 1");
	TEST_ASSERT_EQUAL(buf[0], '\0', "size 1 writes just the terminator");

	/* the BSD name maps to the rte_ function */
	TEST_ASSERT_EQUAL(strlcpy(buf, "hi", sizeof(buf)), (size_t)2, "strlcpy alias");
	return TEST_SUCCESS;
}

static int
test_string_strlcat(void)
{
	char buf[8] = "ab";

	TEST_ASSERT_EQUAL(rte_strlcat(buf, "cd", sizeof(buf)), (size_t)4, "fits: total length");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("abcd"), "fits: appended");
	TEST_ASSERT_EQUAL(rte_strlcat(buf, "efghij", sizeof(buf)), (size_t)10,
			  "truncated: the length it would have had");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("abcdefg"), "truncated and terminated");
	TEST_ASSERT_EQUAL(rte_strlcat(buf, "z", sizeof(buf)), (size_t)8, "full buffer");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("abcdefg"), "full buffer unchanged");

	/* no terminator within size: nothing can be appended */
	char raw[4] = {'a', 'b', 'c', 'd'};
	TEST_ASSERT_EQUAL(rte_strlcat(raw, "xy", sizeof(raw)), (size_t)6, "unterminated dst");
	TEST_ASSERT(memcmp(raw, "abcd", 4) == 0, "unterminated dst left alone");
	TEST_ASSERT_EQUAL(rte_strlcat(buf, "q", 0), (size_t)1, "size 0");

	char small[8] = "a";
	TEST_ASSERT_EQUAL(strlcat(small, "b", sizeof(small)), (size_t)2, "strlcat alias");
	TEST_ASSERT_EQUAL(std::string(small), std::string("ab"), "strlcat alias appended");
	return TEST_SUCCESS;
}

static int
test_string_strscpy(void)
{
	char buf[6];

	memset(buf, 'x', sizeof(buf));
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "abc", sizeof(buf)), (ssize_t)3, "fits: chars copied");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("abc"), "fits: copied");
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "abcde", sizeof(buf)), (ssize_t)5, "exact fit");
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "", sizeof(buf)), (ssize_t)0, "empty string");
	TEST_ASSERT_EQUAL(buf[0], '\0', "empty string copied");

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "abcdef", sizeof(buf)), (ssize_t)-E2BIG, "too long");
	TEST_ASSERT_EQUAL(rte_errno, E2BIG, "rte_errno on truncation");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("abcde"), "truncated and terminated");

	memset(buf, 'x', sizeof(buf));
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "a", 0), (ssize_t)-E2BIG, "size 0");
	TEST_ASSERT_EQUAL(rte_errno, E2BIG, "rte_errno on size 0");
	TEST_ASSERT_EQUAL(buf[0], 'x', "size 0 writes nothing");
	return TEST_SUCCESS;
}

namespace {

/* split a copy of @p text; returns the count and fills @p out */
int
split(const char *text, int maxtokens, std::string out[], char delim = ',', int stringlen = -1)
{
	static char work[128];
	char *tokens[16];
	rte_strlcpy(work, text, sizeof(work));
	int n = rte_strsplit(work, stringlen < 0 ? (int)sizeof(work) : stringlen, tokens, maxtokens,
			     delim);
	for (int i = 0; i < n; i++)
		out[i] = tokens[i];
	return n;
}

} // namespace

static int
test_string_strsplit(void)
{
	std::string t[16];

	TEST_ASSERT_EQUAL(split("a,b,c", 16, t), 3, "three tokens");
	TEST_ASSERT(t[0] == "a" && t[1] == "b" && t[2] == "c", "tokens a b c");

	TEST_ASSERT_EQUAL(split("a,b,c", 2, t), 2, "maxtokens caps the count");
	TEST_ASSERT(t[0] == "a" && t[1] == "b,c", "last token keeps the rest: %s", t[1].c_str());

	TEST_ASSERT_EQUAL(split("a,,b", 16, t), 3, "empty middle token counts");
	TEST_ASSERT(t[0] == "a" && t[1] == "" && t[2] == "b", "a, empty, b");

	TEST_ASSERT_EQUAL(split(",a", 16, t), 2, "leading delimiter gives an empty first token");
	TEST_ASSERT(t[0] == "" && t[1] == "a", "empty, a");

	TEST_ASSERT_EQUAL(split("a,", 16, t), 1, "trailing delimiter adds no token");
	TEST_ASSERT_EQUAL(split("", 16, t), 0, "empty string: no token");
	TEST_ASSERT_EQUAL(split("abc", 16, t), 1, "no delimiter: one token");
	TEST_ASSERT(t[0] == "abc", "whole string");
	TEST_ASSERT_EQUAL(split("a:b", 16, t, ':'), 2, "other delimiter");
	TEST_ASSERT_EQUAL(split("a,b,c", 0, t), 0, "maxtokens 0: nothing");
	TEST_ASSERT_EQUAL(split("a,b,c", 16, t, ',', 3), 2, "stringlen limits the scan");
	/* the scan stops, the text does not: the last token runs on */
	TEST_ASSERT(t[0] == "a" && t[1] == "b,c", "tokens within stringlen");
	TEST_ASSERT_EQUAL(split("a,b", 16, t, ',', 0), 0, "stringlen 0: nothing");

	char *tokens[4];
	char text[] = "x,y";
	errno = 0;
	TEST_ASSERT_EQUAL(rte_strsplit(nullptr, 10, tokens, 4, ','), -1, "NULL string");
	TEST_ASSERT_EQUAL(errno, EINVAL, "errno for NULL string");
	errno = 0;
	TEST_ASSERT_EQUAL(rte_strsplit(text, 10, nullptr, 4, ','), -1, "NULL tokens");
	TEST_ASSERT_EQUAL(errno, EINVAL, "errno for NULL tokens");
	TEST_ASSERT_EQUAL(std::string(text), std::string("x,y"), "failed call left input alone");
	return TEST_SUCCESS;
}

static const struct unit_test_case string_cases[] = {
	TEST_CASE(test_string_strlcpy), TEST_CASE(test_string_strlcat),
	TEST_CASE(test_string_strscpy), TEST_CASE(test_string_strsplit), TEST_CASES_END()};

static const struct unit_test_suite string_suite = {"string_fns", nullptr, nullptr, string_cases};

static int
test_string_fns(void)
{
	return unit_test_suite_runner(&string_suite);
}

REGISTER_FAST_TEST(string_autotest, NOHUGE_OK, ASAN_OK, test_string_fns);
