/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * kvargs: parsing "key=value" lists, lookups, the per-pair handler, and
 * every rejected input (NULL result, rte_errno, exactly one log line that
 * quotes the bad token).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_kvargs.h>
#include <rte_log.h>

#include "test.h"
#include "test_mbuf.h" /* log_capture */

using mbuf_test::log_capture;

namespace {

struct seen_pair {
	std::string key;
	std::string value; /* "(null)" when the handler got NULL */
};

int
record_pair(const char *key, const char *value, void *opaque)
{
	auto *v = static_cast<std::vector<seen_pair> *>(opaque);
	v->push_back({key, value != nullptr ? value : "(null)"});
	return 0;
}

int
reject_bad(const char *key, const char *value, void *opaque)
{
	(void)key;
	int *calls = static_cast<int *>(opaque);
	(*calls)++;
	return value != nullptr && strcmp(value, "bad") == 0 ? -1 : 0;
}

/* Parse @args expecting failure with @err and one log line containing @needle. */
int
expect_parse_error(const char *args, const char *const valid[], int err, const char *needle)
{
	log_capture cap;
	rte_errno = 0;
	struct rte_kvargs *kv = rte_kvargs_parse(args, valid);
	std::string log = cap.text();
	int lines = cap.lines();
	TEST_ASSERT_NULL(kv, "\"%s\" should be rejected", args ? args : "(NULL)");
	TEST_ASSERT_EQUAL(rte_errno, err, "errno for \"%s\"", args ? args : "(NULL)");
	TEST_ASSERT_EQUAL(lines, 1, "one log line expected, got: %s", log.c_str());
	TEST_ASSERT(log.find(needle) != std::string::npos, "log should quote \"%s\": %s", needle,
		    log.c_str());
	return TEST_SUCCESS;
}

/* "k0=v0,k1=v1,..." with @n pairs; value i when @numbered, else 1. */
std::string
pairs_string(int n, bool numbered)
{
	std::string s;
	for (int i = 0; i < n; i++) {
		if (i > 0)
			s.append(",");
		s.append("k").append(std::to_string(i)).append("=");
		s.append(numbered ? std::to_string(i) : std::string("1"));
	}
	return s;
}

} // namespace

static int
test_kvargs_parse_pairs_in_order(void)
{
	struct rte_kvargs *kv = rte_kvargs_parse("size=64,copy=1,size=128,mode=rx", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "valid string rejected");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 4u, "all pairs counted");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, "size"), 2u, "repeated key kept twice");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, "nope"), 0u, "absent key");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "size")), std::string("64"),
			  "get returns the first occurrence");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "mode")), std::string("rx"), "last pair");
	TEST_ASSERT_NULL(rte_kvargs_get(kv, "nope"), "absent key has no value");

	std::vector<seen_pair> seen;
	TEST_ASSERT_SUCCESS(rte_kvargs_process(kv, "size", record_pair, &seen), "process size");
	TEST_ASSERT_EQUAL(seen.size(), 2u, "handler called per matching pair");
	TEST_ASSERT_EQUAL(seen[0].value, std::string("64"), "first in input order");
	TEST_ASSERT_EQUAL(seen[1].value, std::string("128"), "second in input order");
	seen.clear();
	TEST_ASSERT_SUCCESS(rte_kvargs_process(kv, nullptr, record_pair, &seen), "process all");
	TEST_ASSERT_EQUAL(seen.size(), 4u, "NULL key_match visits every pair");
	TEST_ASSERT_EQUAL(seen[2].key + "=" + seen[2].value, std::string("size=128"), "order kept");
	seen.clear();
	TEST_ASSERT_SUCCESS(rte_kvargs_process(kv, "nope", record_pair, &seen), "no match is fine");
	TEST_ASSERT_EQUAL(seen.size(), 0u, "no call without a match");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_get_with_value(void)
{
	struct rte_kvargs *kv = rte_kvargs_parse("iface=a,iface=b,qpairs=2", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "parse");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get_with_value(kv, "iface", "b")),
			  std::string("b"), "key and value match the second pair");
	TEST_ASSERT_NULL(rte_kvargs_get_with_value(kv, "iface", "c"), "no such value");
	TEST_ASSERT_NULL(rte_kvargs_get_with_value(kv, "qpairs", "a"), "value of another key");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get_with_value(kv, nullptr, "2")),
			  std::string("2"), "NULL key matches any key");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get_with_value(kv, "iface", nullptr)),
			  std::string("a"), "NULL value matches the first pair of the key");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get_with_value(kv, nullptr, nullptr)),
			  std::string("a"), "both NULL: first pair");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_key_without_value(void)
{
	struct rte_kvargs *kv = rte_kvargs_parse("no-rx,copy=,size=1", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "key-only pairs are valid");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 3u, "three pairs");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, "no-rx"), 1u, "key alone is counted");
	TEST_ASSERT_NULL(rte_kvargs_get(kv, "no-rx"), "key alone has a NULL value");
	TEST_ASSERT_NULL(rte_kvargs_get(kv, "copy"), "'key=' has a NULL value too");
	std::vector<seen_pair> seen;
	TEST_ASSERT_SUCCESS(rte_kvargs_process(kv, nullptr, record_pair, &seen), "process");
	TEST_ASSERT_EQUAL(seen[0].value, std::string("(null)"), "handler sees NULL value");
	TEST_ASSERT_EQUAL(seen[1].key, std::string("copy"), "key of 'copy='");
	TEST_ASSERT_EQUAL(seen[1].value, std::string("(null)"), "handler sees NULL value");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_list_values(void)
{
	struct rte_kvargs *kv = rte_kvargs_parse("queues=[0,1,2],mode=x,nest=[a,[b,c]],e=[]",
						 nullptr);
	TEST_ASSERT_NOT_NULL(kv, "lists parse");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 4u, "commas inside lists do not split");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "queues")), std::string("[0,1,2]"),
			  "brackets are part of the value");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "mode")), std::string("x"),
			  "pair after a list");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "nest")), std::string("[a,[b,c]]"),
			  "nested list runs to its own ']'");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "e")), std::string("[]"), "empty list");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse("a=x]y,b=[1]", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "a ']' in a plain value is just a character");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "a")), std::string("x]y"), "plain value");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "b")), std::string("[1]"), "list at end");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_empty_pairs_skipped(void)
{
	struct rte_kvargs *kv = rte_kvargs_parse("", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "empty string is an empty list");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 0u, "no pairs");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse(",,a=1,,b=2,", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "empty pairs are skipped");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 2u, "two real pairs");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "b")), std::string("2"), "b");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse("a=b=c", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "'=' inside a value");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "a")), std::string("b=c"),
			  "value runs to the next ','");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_max_pairs_accepted(void)
{
	std::string s = pairs_string(RTE_KVARGS_MAX, true);
	struct rte_kvargs *kv = rte_kvargs_parse(s.c_str(), nullptr);
	TEST_ASSERT_NOT_NULL(kv, "exactly RTE_KVARGS_MAX pairs fit");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), (unsigned)RTE_KVARGS_MAX, "all kept");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "k31")), std::string("31"), "last");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_valid_keys_accepted(void)
{
	static const char *const valid[] = {"size", "copy", "no-rx", nullptr};
	struct rte_kvargs *kv = rte_kvargs_parse("size=64,no-rx,copy=0", valid);
	TEST_ASSERT_NOT_NULL(kv, "known keys accepted");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 3u, "three pairs");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_parse_delim_stops_at_end_char(void)
{
	static const char *const valid[] = {"a", "b", nullptr};
	struct rte_kvargs *kv = rte_kvargs_parse_delim("a=1,b=2/c=3,zzz", valid, "/");
	TEST_ASSERT_NOT_NULL(kv, "text after the end char is not parsed (else 'c' is unknown)");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 2u, "a and b only");
	TEST_ASSERT_EQUAL(std::string(rte_kvargs_get(kv, "b")), std::string("2"), "b cut at '/'");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse_delim("a=1,b=2", nullptr, nullptr);
	TEST_ASSERT_NOT_NULL(kv, "NULL valid_ends = rte_kvargs_parse");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 2u, "whole string");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse_delim("a=1;b=2", nullptr, ":;");
	TEST_ASSERT_NOT_NULL(kv, "any byte of valid_ends ends the string");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, nullptr), 1u, "cut at ';'");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_null_list_is_harmless(void)
{
	std::vector<seen_pair> seen;
	TEST_ASSERT_EQUAL(rte_kvargs_count(nullptr, nullptr), 0u, "count of NULL");
	TEST_ASSERT_NULL(rte_kvargs_get(nullptr, "a"), "get on NULL");
	TEST_ASSERT_NULL(rte_kvargs_get_with_value(nullptr, "a", "b"), "get_with_value on NULL");
	TEST_ASSERT_SUCCESS(rte_kvargs_process(nullptr, "a", record_pair, &seen), "process NULL");
	rte_kvargs_free(nullptr);
	struct rte_kvargs *kv = rte_kvargs_parse("a=1", nullptr);
	TEST_ASSERT_NULL(rte_kvargs_get(kv, nullptr), "get with NULL key");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

/* ---- rejected input: one case per error path ---- */

static int
test_kvargs_error_null_string(void)
{
	return expect_parse_error(nullptr, nullptr, EINVAL, "NULL");
}

static int
test_kvargs_error_empty_key(void)
{
	return expect_parse_error("a=1,=5,b=2", nullptr, EINVAL, "\"=5\"");
}

static int
test_kvargs_error_unclosed_list(void)
{
	return expect_parse_error("q=[1,2,b=3", nullptr, EINVAL, "'q'");
}

static int
test_kvargs_error_unclosed_nested_list(void)
{
	return expect_parse_error("q=[1,[2,3]", nullptr, EINVAL, "no closing ']'");
}

static int
test_kvargs_error_text_after_list(void)
{
	return expect_parse_error("q=[1,2]x,b=3", nullptr, EINVAL, "\"x\"");
}

static int
test_kvargs_error_too_many_pairs(void)
{
	std::string s = pairs_string(RTE_KVARGS_MAX + 1, false);
	return expect_parse_error(s.c_str(), nullptr, E2BIG, "\"k32=1\"");
}

static int
test_kvargs_error_unknown_key(void)
{
	static const char *const valid[] = {"size", "copy", nullptr};
	int ret = expect_parse_error("size=1,colour=red", valid, EINVAL, "'colour'");
	if (ret != TEST_SUCCESS)
		return ret;
	return expect_parse_error("size=1,colour=red", valid, EINVAL, "size, copy");
}

static int
test_kvargs_error_unknown_key_empty_table(void)
{
	static const char *const none[] = {nullptr};
	return expect_parse_error("a=1", none, EINVAL, "(none)");
}

static int
test_kvargs_error_parse_delim_bad_head(void)
{
	log_capture cap;
	rte_errno = 0;
	struct rte_kvargs *kv = rte_kvargs_parse_delim("a=[1,2/]", nullptr, "/");
	TEST_ASSERT_NULL(kv, "list cut by the end char is unclosed");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
	TEST_ASSERT_EQUAL(cap.lines(), 1, "one line: %s", cap.text().c_str());
	return TEST_SUCCESS;
}

static int
test_kvargs_error_handler_rejects(void)
{
	struct rte_kvargs *kv = rte_kvargs_parse("v=ok,v=bad,v=never", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "parse");
	int calls = 0;
	int ret;
	std::string log;
	int lines;
	{
		log_capture cap;
		ret = rte_kvargs_process(kv, "v", reject_bad, &calls);
		log = cap.text();
		lines = cap.lines();
	}
	rte_kvargs_free(kv);
	TEST_ASSERT_EQUAL(ret, -1, "rejection is reported");
	TEST_ASSERT_EQUAL(calls, 2, "processing stops at the rejected pair");
	TEST_ASSERT_EQUAL(lines, 1, "one log line: %s", log.c_str());
	TEST_ASSERT(log.find("'bad'") != std::string::npos, "names the value: %s", log.c_str());
	return TEST_SUCCESS;
}

static int
test_kvargs_error_null_handler(void)
{
	struct rte_kvargs *kv = rte_kvargs_parse("a=1", nullptr);
	TEST_ASSERT_NOT_NULL(kv, "parse");
	int ret;
	int lines;
	{
		log_capture cap;
		ret = rte_kvargs_process(kv, nullptr, nullptr, nullptr);
		lines = cap.lines();
	}
	rte_kvargs_free(kv);
	TEST_ASSERT_EQUAL(ret, -EINVAL, "NULL handler");
	TEST_ASSERT_EQUAL(lines, 1, "one log line");
	return TEST_SUCCESS;
}

static const struct unit_test_case kvargs_cases[] = {
	TEST_CASE(test_kvargs_parse_pairs_in_order),
	TEST_CASE(test_kvargs_get_with_value),
	TEST_CASE(test_kvargs_key_without_value),
	TEST_CASE(test_kvargs_list_values),
	TEST_CASE(test_kvargs_empty_pairs_skipped),
	TEST_CASE(test_kvargs_max_pairs_accepted),
	TEST_CASE(test_kvargs_valid_keys_accepted),
	TEST_CASE(test_kvargs_parse_delim_stops_at_end_char),
	TEST_CASE(test_kvargs_null_list_is_harmless),
	TEST_CASE(test_kvargs_error_null_string),
	TEST_CASE(test_kvargs_error_empty_key),
	TEST_CASE(test_kvargs_error_unclosed_list),
	TEST_CASE(test_kvargs_error_unclosed_nested_list),
	TEST_CASE(test_kvargs_error_text_after_list),
	TEST_CASE(test_kvargs_error_too_many_pairs),
	TEST_CASE(test_kvargs_error_unknown_key),
	TEST_CASE(test_kvargs_error_unknown_key_empty_table),
	TEST_CASE(test_kvargs_error_parse_delim_bad_head),
	TEST_CASE(test_kvargs_error_handler_rejects),
	TEST_CASE(test_kvargs_error_null_handler),
	TEST_CASES_END()};

static const struct unit_test_suite kvargs_suite = {"kvargs", nullptr, nullptr, kvargs_cases};

static int
test_kvargs(void)
{
	return unit_test_suite_runner(&kvargs_suite);
}

REGISTER_FAST_TEST(kvargs_autotest, NOHUGE_OK, ASAN_OK, test_kvargs);
