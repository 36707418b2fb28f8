/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Telemetry without a socket: the rte_tel_data builders and their limits,
 * command registration, the JSON of replies (exact text, and validity and
 * size under any amount of data), requests that must answer null, and the
 * library commands on objects made here. Requests go through
 * dpkit_telemetry_handle(), the function the server calls per message.
 */

#include <errno.h>
#include <string.h>

#include <string>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_telemetry.h>
#include <telemetry_internal.h>

#include "test.h"
#include "test_telemetry.h"

/* ---- builders ---- */

static int
test_telemetry_builders_check_kinds_and_limits(void)
{
	struct rte_tel_data *d = rte_tel_data_alloc();
	struct rte_tel_data *dict = rte_tel_data_alloc();
	TEST_ASSERT(d != nullptr && dict != nullptr, "rte_tel_data_alloc failed");
	TEST_ASSERT_EQUAL(rte_tel_data_start_array(d, (enum rte_tel_value_type)7), -EINVAL,
			  "bad value type");
	TEST_ASSERT_EQUAL(rte_tel_data_start_array(nullptr, RTE_TEL_INT_VAL), -EINVAL, "NULL");
	TEST_ASSERT_EQUAL(rte_tel_data_add_array_int(d, 1), -EINVAL, "array not started");
	TEST_ASSERT_EQUAL(rte_tel_data_start_array(d, RTE_TEL_INT_VAL), 0, "start int array");
	TEST_ASSERT_EQUAL(rte_tel_data_add_array_u64(d, 1), -EINVAL, "u64 into an int array");
	TEST_ASSERT_EQUAL(rte_tel_data_add_dict_int(d, "a", 1), -EINVAL, "dict entry in array");
	for (int i = 0; i < RTE_TEL_MAX_ARRAY_ENTRIES; i++)
		TEST_ASSERT_EQUAL(rte_tel_data_add_array_int(d, i), 0, "entry %d", i);
	TEST_ASSERT_EQUAL(rte_tel_data_add_array_int(d, 0), -ENOSPC, "entry 513");

	TEST_ASSERT_EQUAL(rte_tel_data_start_dict(dict), 0, "start dict");
	TEST_ASSERT_EQUAL(rte_tel_data_add_dict_int(dict, "a-b", 1), -EINVAL, "'-' in a name");
	TEST_ASSERT_EQUAL(rte_tel_data_add_dict_int(dict, "a\"", 1), -EINVAL, "quote in a name");
	TEST_ASSERT_EQUAL(rte_tel_data_add_dict_string(dict, "s", nullptr), -EINVAL, "NULL value");
	std::string long_str(300, 'x');
	TEST_ASSERT_EQUAL(rte_tel_data_add_dict_string(dict, "s", long_str.c_str()), E2BIG,
			  "a long value is cut and reported with E2BIG");
	TEST_ASSERT_EQUAL(rte_tel_data_add_dict_container(dict, "c", dict, 0), -EINVAL,
			  "a dict is no container value");
	for (int i = 1; i < RTE_TEL_MAX_DICT_ENTRIES; i++)
		TEST_ASSERT_EQUAL(rte_tel_data_add_dict_u64(dict, "k", i), 0, "entry %d", i);
	TEST_ASSERT_EQUAL(rte_tel_data_add_dict_u64(dict, "k", 0), -ENOSPC, "entry 257");

	std::string huge(RTE_TEL_MAX_SINGLE_STRING_LEN + 10, 'y');
	TEST_ASSERT_EQUAL(rte_tel_data_string(d, huge.c_str()), E2BIG, "8 KB string cut");
	rte_tel_data_free(d);
	rte_tel_data_free(dict);
	rte_tel_data_free(nullptr);
	return TEST_SUCCESS;
}

/* ---- registration ---- */

static int
answer_one(const char *, const char *, struct rte_tel_data *d)
{
	return rte_tel_data_string(d, "one");
}

static int
answer_two(const char *, const char *, struct rte_tel_data *d)
{
	return rte_tel_data_string(d, "two");
}

static int
test_telemetry_register_rejects_bad_names(void)
{
	std::string name56 = "/" + std::string(55, 'a');
	std::string help128(128, 'h');
	struct {
		const char *cmd;
		telemetry_cb fn;
		const char *help;
	} bad[] = {
		{"", answer_one, "h"},      {"noslash", answer_one, "h"},
		{"/a b", answer_one, "h"},  {"/a,b", answer_one, "h"},
		{"/a-b", answer_one, "h"},  {name56.c_str(), answer_one, "h"},
		{"/ok", nullptr, "h"},      {"/ok", answer_one, help128.c_str()},
		{nullptr, answer_one, "h"}, {"/ok", answer_one, nullptr},
	};
	for (const auto &b : bad)
		TEST_ASSERT_EQUAL(rte_telemetry_register_cmd(b.cmd, b.fn, b.help), -EINVAL,
				  "'%s' accepted", b.cmd ? b.cmd : "(null)");
	std::string name55 = "/" + std::string(54, 'a');
	TEST_ASSERT_EQUAL(rte_telemetry_register_cmd(name55.c_str(), answer_one, "h"), 0,
			  "55 characters are allowed");
	TEST_ASSERT_EQUAL(rte_telemetry_register_cmd("/test/again", answer_one, "first"), 0,
			  "register");
	TEST_ASSERT_EQUAL(rte_telemetry_register_cmd("/test/again", answer_two, "second"), 0,
			  "register again");
	TEST_ASSERT_EQUAL(tel_handle("/test/again"), std::string("{\"/test/again\":\"two\"}"),
			  "the newer registration answers");
	TEST_ASSERT_EQUAL(tel_handle("/help,/test/again"),
			  std::string("{\"/help\":{\"/test/again\":\"second\"}}"), "newer help");
	std::string list = tel_handle("/");
	TEST_ASSERT(list.find("\"/test/again\"") == list.rfind("\"/test/again\""),
		    "listed twice: %s", list.c_str());
	return TEST_SUCCESS;
}

/* ---- reply text ---- */

static int
answer_shapes(const char *, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *c = rte_tel_data_alloc();
	if (c == nullptr)
		return -ENOMEM;
	rte_tel_data_start_array(c, RTE_TEL_STRING_VAL);
	rte_tel_data_add_array_string(c, "x\ty");
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "s", "a\"b\\\n\x01");
	rte_tel_data_add_dict_int(d, "i", -5);
	rte_tel_data_add_dict_u64(d, "u", UINT64_MAX);
	rte_tel_data_add_dict_container(d, "c", c, 0);
	rte_tel_data_add_dict_string(d, "p", params != nullptr ? params : "(none)");
	return 0;
}

static int
answer_fail(const char *, const char *, struct rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "half", 1);
	return -1;
}

static int
test_telemetry_reply_text_is_dpdk_json(void)
{
	rte_telemetry_register_cmd("/test/shapes", answer_shapes, "shapes");
	rte_telemetry_register_cmd("/test/fail", answer_fail, "fails");
	TEST_ASSERT_EQUAL(tel_handle("/test/shapes,p1,p2"),
			  std::string("{\"/test/shapes\":{\"s\":\"a\\\"b\\\\\\n\\u0001\",\"i\":-5,"
				      "\"u\":18446744073709551615,\"c\":[\"x\\ty\"],"
				      "\"p\":\"p1,p2\"}}"),
			  "dict with every value type");
	TEST_ASSERT_EQUAL(tel_handle("/test/shapes,"),
			  std::string("{\"/test/shapes\":{\"s\":\"a\\\"b\\\\\\n\\u0001\",\"i\":-5,"
				      "\"u\":18446744073709551615,\"c\":[\"x\\ty\"],"
				      "\"p\":\"(none)\"}}"),
			  "an empty parameter is none");
	TEST_ASSERT_EQUAL(tel_handle("/test/fail"), std::string("{\"/test/fail\":null}"),
			  "a failing callback answers null, whatever it added");
	TEST_ASSERT_EQUAL(tel_handle("/help"),
			  std::string("{\"/help\":\"Returns help text for a command. Parameters: "
				      "string command\"}"),
			  "/help alone");
	std::string info = tel_handle("/info");
	TEST_ASSERT(info.find("{\"/info\":{\"version\":\"") == 0 &&
			    info.find("\"max_output_len\":16384}}") != std::string::npos,
		    "%s", info.c_str());
	TEST_ASSERT(tel_json_valid(tel_handle("/")), "the command list");
	return TEST_SUCCESS;
}

/* ---- bounds ---- */

static int
answer_big(const char *, const char *params, struct rte_tel_data *d)
{
	std::string v(RTE_TEL_MAX_STRING_LEN - 1, '"'); /* escapes double it */
	if (params != nullptr && strcmp(params, "string") == 0)
		return rte_tel_data_string(
			d, std::string(RTE_TEL_MAX_SINGLE_STRING_LEN - 1, '\\').c_str());
	if (params != nullptr && strcmp(params, "arrays") == 0) {
		rte_tel_data_start_array(d, RTE_TEL_CONTAINER);
		for (int i = 0; i < RTE_TEL_MAX_ARRAY_ENTRIES; i++) {
			struct rte_tel_data *c = rte_tel_data_alloc();
			rte_tel_data_start_array(c, RTE_TEL_U64_VAL);
			for (int j = 0; j < RTE_TEL_MAX_ARRAY_ENTRIES; j++)
				rte_tel_data_add_array_u64(c, UINT64_MAX - j);
			if (rte_tel_data_add_array_container(d, c, 0) < 0)
				rte_tel_data_free(c);
		}
		return 0;
	}
	rte_tel_data_start_dict(d);
	for (int i = 0; i < RTE_TEL_MAX_DICT_ENTRIES; i++)
		rte_tel_data_add_dict_string(d, tel_key(i).c_str(), v.c_str());
	return 0;
}

static int
test_telemetry_reply_never_exceeds_max_output(void)
{
	rte_telemetry_register_cmd("/test/big", answer_big, "big");
	for (const char *p : {"/test/big", "/test/big,string", "/test/big,arrays"}) {
		std::string r = tel_handle(p);
		TEST_ASSERT(r.size() < DPKIT_TELEMETRY_MAX_OUTPUT_LEN, "%s: %zu bytes", p,
			    r.size());
		TEST_ASSERT(tel_json_valid(r), "%s: invalid JSON: %.200s...", p, r.c_str());
		TEST_ASSERT(r.size() > 8000 || r == "{\"/test/big\":null}", "%s: %zu bytes only", p,
			    r.size());
	}
	/* a dict fills up to the limit and leaves the rest out */
	std::string r = tel_handle("/test/big");
	TEST_ASSERT(r.find("\"k0\"") != std::string::npos &&
			    r.find("\"k255\"") == std::string::npos,
		    "dict not cut at the end");
	return TEST_SUCCESS;
}

/* ---- bad requests ---- */

static int
test_telemetry_bad_requests_answer_null(void)
{
	std::string long_cmd = "/" + std::string(70, 'z');
	std::string oversized = "/info," + std::string(DPKIT_TELEMETRY_MAX_REQUEST_LEN, 'p');
	struct {
		std::string req;
		std::string reply;
	} cases[] = {
		{"/nope", "{\"/nope\":null}"},
		{"", "{\"\":null}"},
		{"nocommand", "{\"nocommand\":null}"},
		{"/\"x\n", "{\"/\\\"x\\n\":null}"},
		{std::string("/info\0junk", 10), "{\"/info\":{"},
		{long_cmd, "{\"" + long_cmd.substr(0, 55) + "\":null}"},
		{oversized, "{\"/info\":null}"},
		{"/ethdev/stats,x", "{\"/ethdev/stats\":null}"},
		{"/ethdev/stats,", "{\"/ethdev/stats\":null}"},
		{"/ethdev/stats,-1", "{\"/ethdev/stats\":null}"},
		{"/ethdev/stats,99999999999999999999999", "{\"/ethdev/stats\":null}"},
		{"/ethdev/info,1023", "{\"/ethdev/info\":null}"},
		{"/eal/heap_info,32", "{\"/eal/heap_info\":null}"},
		{"/eal/heap_info,0x1", "{\"/eal/heap_info\":null}"},
		{"/eal/memzone_info,2559", "{\"/eal/memzone_info\":null}"},
		{"/eal/memzone_info,2560", "{\"/eal/memzone_info\":null}"},
		{"/eal/lcore/info,127", "{\"/eal/lcore/info\":null}"},
		{"/mempool/info", "{\"/mempool/info\":null}"},
		{"/mempool/info,no_such_pool", "{\"/mempool/info\":{}}"},
		{"/dpkit/mempool/chunks,no_such_pool", "{\"/dpkit/mempool/chunks\":null}"},
		{"/dpkit/mempool/caches,", "{\"/dpkit/mempool/caches\":null}"},
		{"/dpkit/ring/info,no_such_ring", "{\"/dpkit/ring/info\":null}"},
		{"/help,/nope", "{\"/help\":null}"},
	};
	for (const auto &c : cases) {
		std::string r = tel_handle(c.req);
		TEST_ASSERT(r.rfind(c.reply, 0) == 0, "'%.60s': got %.200s, want %s", c.req.c_str(),
			    r.c_str(), c.reply.c_str());
		TEST_ASSERT(tel_json_valid(r), "'%.60s': invalid JSON %s", c.req.c_str(),
			    r.c_str());
	}
	char out[64];
	TEST_ASSERT_EQUAL(dpkit_telemetry_handle("/", 1, out, 10), -EINVAL, "small buffer");
	TEST_ASSERT_EQUAL(dpkit_telemetry_handle(nullptr, 1, out, sizeof(out)), -EINVAL, "NULL");
	return TEST_SUCCESS;
}

/* ---- library commands on objects made here ---- */

static int
test_telemetry_library_commands_see_live_objects(void)
{
	struct rte_mempool *mp = rte_mempool_create("tel_pool", 1000, 64, 32, 0, nullptr, nullptr,
						    nullptr, nullptr, SOCKET_ID_ANY, 0);
	struct rte_ring *r = rte_ring_create("tel_ring", 64, SOCKET_ID_ANY, RING_F_SP_ENQ);
	int ret = TEST_FAILED;
	void *objs[10];
	bool got = false;
	std::string s;
	if (mp == nullptr || r == nullptr) {
		printf("cannot create the pool or the ring: %s\n", rte_strerror(rte_errno));
		goto out;
	}
	got = rte_mempool_get_bulk(mp, objs, 10) == 0;
	if (!got || rte_ring_enqueue_bulk(r, objs, 5, nullptr) != 5)
		goto out;
	s = tel_handle("/mempool/info,tel_pool");
	if (s.find("\"size\":1000,") == std::string::npos ||
	    s.find("\"cache_size\":32,") == std::string::npos) {
		printf("/mempool/info: %s\n", s.c_str());
		goto out;
	}
	s = tel_handle("/dpkit/mempool/caches,tel_pool");
	if (s.find("\"avail_count\":990,\"in_use_count\":10,") == std::string::npos) {
		printf("/dpkit/mempool/caches: %s\n", s.c_str());
		goto out;
	}
	s = tel_handle("/dpkit/mempool/chunks,tel_pool");
	if (s.find("\"populated_size\":1000,") == std::string::npos || !tel_json_valid(s) ||
	    tel_sum_array(s, "objs") != 1000) {
		printf("/dpkit/mempool/chunks: %s\n", s.c_str());
		goto out;
	}
	s = tel_handle("/dpkit/ring/info,tel_ring");
	if (s.find("\"producer_type\":\"SP\",\"consumer_type\":\"MC\"") == std::string::npos ||
	    s.find("\"used_count\":5,") == std::string::npos) {
		printf("/dpkit/ring/info: %s\n", s.c_str());
		goto out;
	}
	s = tel_handle("/mempool/list");
	if (s.find("\"tel_pool\"") == std::string::npos) {
		printf("/mempool/list: %s\n", s.c_str());
		goto out;
	}
	s = tel_handle("/eal/lcore/info," + std::to_string(rte_get_main_lcore()));
	if (s.find("\"role\":\"RTE\"") == std::string::npos) {
		printf("/eal/lcore/info: %s\n", s.c_str());
		goto out;
	}
	ret = TEST_SUCCESS;
out:
	if (r != nullptr) {
		void *tmp[5];
		rte_ring_dequeue_bulk(r, tmp, 5, nullptr);
		rte_ring_free(r);
	}
	if (mp != nullptr) {
		if (got)
			rte_mempool_put_bulk(mp, objs, 10);
		rte_mempool_free(mp);
	}
	return ret;
}

static const struct unit_test_case telemetry_cases[] = {
	TEST_CASE(test_telemetry_builders_check_kinds_and_limits),
	TEST_CASE(test_telemetry_register_rejects_bad_names),
	TEST_CASE(test_telemetry_reply_text_is_dpdk_json),
	TEST_CASE(test_telemetry_reply_never_exceeds_max_output),
	TEST_CASE(test_telemetry_bad_requests_answer_null),
	TEST_CASE(test_telemetry_library_commands_see_live_objects),
	TEST_CASES_END(),
};

static struct unit_test_suite telemetry_suite = {"telemetry", nullptr, nullptr, telemetry_cases};

static int
test_telemetry(void)
{
	return unit_test_suite_runner(&telemetry_suite);
}

REGISTER_FAST_TEST(telemetry_autotest, NOHUGE_OK, ASAN_OK, test_telemetry);
