/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * cmdline: matching lines against a command table (success, "Command not
 * found", "Bad arguments", "Ambiguous command"), the string, number and
 * address tokens with their limits, each error path with its result and
 * log line. The line editor and the input loops are the other half of
 * cmdline_autotest (test_cmdline_input.cpp); the table is shared with it
 * (test_cmdline.h).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <arpa/inet.h>
#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_ipaddr.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <rte_errno.h>

#include "test.h"
#include "test_cmdline.h"
#include "test_mbuf.h"

using mbuf_test::log_capture;
using namespace cmdline_test;

/* what the callbacks saw */
std::vector<std::string> cmdline_test::calls;

namespace {

/* ---- a command table like the examples' ---- */

struct send_result {
	cmdline_fixed_string_t action;
	cmdline_fixed_string_t message;
};
struct set_result {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t what;
	uint16_t port;
	int8_t delta;
};
struct word_result {
	cmdline_fixed_string_t word;
};
struct echo_result {
	cmdline_fixed_string_t echo;
	cmdline_multi_string_t rest;
};

void
on_send(void *parsed, struct cmdline *cl, void *data)
{
	(void)cl;
	auto *r = static_cast<send_result *>(parsed);
	calls.push_back(std::string(static_cast<const char *>(data)) + ":" + r->action + ":" +
			r->message);
}

void
on_set(void *parsed, struct cmdline *cl, void *data)
{
	(void)cl;
	(void)data;
	auto *r = static_cast<set_result *>(parsed);
	calls.push_back(std::string("set:") + r->what + ":" + std::to_string(r->port) + ":" +
			std::to_string(r->delta));
}

void
on_quit(void *parsed, struct cmdline *cl, void *data)
{
	(void)parsed;
	(void)data;
	calls.push_back("quit");
	cmdline_quit(cl);
}

void
on_echo(void *parsed, struct cmdline *cl, void *data)
{
	(void)data;
	auto *r = static_cast<echo_result *>(parsed);
	calls.push_back(std::string("echo:") + r->rest);
	cmdline_printf(cl, "said %s\n", r->rest);
}

cmdline_parse_token_string_t send_action = TOKEN_STRING_INITIALIZER(struct send_result, action,
								    "send");
cmdline_parse_token_string_t send_message = TOKEN_STRING_INITIALIZER(struct send_result, message,
								     NULL);
char send_tag[] = "send";
cmdline_parse_inst_t cmd_send = {
	on_send, send_tag, "send a word", {&send_action.hdr, &send_message.hdr, nullptr}};

cmdline_parse_token_string_t set_set = TOKEN_STRING_INITIALIZER(struct set_result, set, "set");
cmdline_parse_token_string_t set_what = TOKEN_STRING_INITIALIZER(struct set_result, what,
								 "rx#tx#both");
cmdline_parse_token_num_t set_port = TOKEN_NUM_INITIALIZER(struct set_result, port, RTE_UINT16);
cmdline_parse_token_num_t set_delta = TOKEN_NUM_INITIALIZER(struct set_result, delta, RTE_INT8);
cmdline_parse_inst_t cmd_set = {
	on_set,
	nullptr,
	"set rx|tx|both <port> <delta>",
	{&set_set.hdr, &set_what.hdr, &set_port.hdr, &set_delta.hdr, nullptr}};

cmdline_parse_token_string_t quit_word = TOKEN_STRING_INITIALIZER(struct word_result, word, "quit");
cmdline_parse_inst_t cmd_quit = {on_quit, nullptr, "quit", {&quit_word.hdr, nullptr}};

cmdline_parse_token_string_t echo_echo = TOKEN_STRING_INITIALIZER(struct echo_result, echo, "echo");
cmdline_parse_token_string_t echo_rest = TOKEN_STRING_INITIALIZER(struct echo_result, rest,
								  TOKEN_STRING_MULTI);
cmdline_parse_inst_t cmd_echo = {
	on_echo, nullptr, "echo the rest", {&echo_echo.hdr, &echo_rest.hdr, nullptr}};

} // namespace

cmdline_parse_ctx_t cmdline_test::main_ctx[] = {&cmd_send, &cmd_set, &cmd_quit, &cmd_echo, nullptr};

namespace {

/* "show <any word>" twice: every such line is ambiguous */
char show_a_tag[] = "show-a";
char show_b_tag[] = "show-b";
cmdline_parse_token_string_t show_word = TOKEN_STRING_INITIALIZER(struct send_result, action,
								  "show");
cmdline_parse_inst_t cmd_show_a = {
	on_send, show_a_tag, "show a", {&show_word.hdr, &send_message.hdr, nullptr}};
cmdline_parse_inst_t cmd_show_b = {
	on_send, show_b_tag, "show b", {&show_word.hdr, &send_message.hdr, nullptr}};
} // namespace

cmdline_parse_ctx_t cmdline_test::ambiguous_ctx[] = {&cmd_show_a, &cmd_show_b, nullptr};

namespace {

/* a table error: the result offset is past the result buffer */
cmdline_parse_token_string_t far_word = {{&cmdline_token_string_ops, 1u << 20}, {"far"}};
cmdline_parse_inst_t cmd_far = {on_quit, nullptr, "far", {&far_word.hdr, nullptr}};
cmdline_parse_ctx_t far_ctx[] = {&cmd_far, nullptr};

/* Parse @text with a number token of @type; the bytes taken or -1. */
int
parse_num(enum cmdline_numtype type, const char *text, void *res, unsigned int size)
{
	cmdline_parse_token_num_t tk = {{&cmdline_token_num_ops, 0}, {type}};
	return cmdline_parse_num(&tk.hdr, text, res, size);
}

} // namespace

/* ---- matching ---- */

static int
test_cmdline_parse_runs_the_matching_command(void)
{
	session s(main_ctx);
	TEST_ASSERT_NOT_NULL(s.cl(), "cmdline_new");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "send hello\n"), 11, "length of the line");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "  set\ttx 65535 -128  # comment\r\n"), 32,
			  "blanks, a comment and CRLF");
	TEST_ASSERT_EQUAL(calls.size(), 2u, "two callbacks");
	TEST_ASSERT_EQUAL(calls[0], std::string("send:send:hello"), "send result and data");
	TEST_ASSERT_EQUAL(calls[1], std::string("set:tx:65535:-128"), "set result");
	/* check only: nothing runs */
	TEST_ASSERT_EQUAL(cmdline_parse_check(s.cl(), "send again\n"), 11, "check");
	TEST_ASSERT_EQUAL(calls.size(), 2u, "cmdline_parse_check runs nothing");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_empty_comment_and_partial_lines(void)
{
	session s(main_ctx);
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "   \n"), 4, "blank line taken");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "# send x\n"), 9, "comment line taken");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "send x"), 0, "no end of line: incomplete");
	TEST_ASSERT_EQUAL(calls.size(), 0u, "nothing ran");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_command_not_found(void)
{
	session s(main_ctx);
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "sned hello\n"), CMDLINE_PARSE_NOMATCH, "typo");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "sen hello\n"), CMDLINE_PARSE_NOMATCH,
			  "a prefix is not the word");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "sendx hello\n"), CMDLINE_PARSE_NOMATCH,
			  "a longer word is not the word");
	TEST_ASSERT_EQUAL(calls.size(), 0u, "nothing ran");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_bad_arguments(void)
{
	session s(main_ctx);
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "send\n"), CMDLINE_PARSE_BAD_ARGS, "missing word");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "send a b\n"), CMDLINE_PARSE_BAD_ARGS,
			  "extra word");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "quit now\n"), CMDLINE_PARSE_BAD_ARGS,
			  "extra word after a one-word command");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "set up 1 1\n"), CMDLINE_PARSE_BAD_ARGS,
			  "not one of the choices");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "set rx one 1\n"), CMDLINE_PARSE_BAD_ARGS,
			  "not a number");
	TEST_ASSERT_EQUAL(calls.size(), 0u, "nothing ran");
	TEST_ASSERT_EQUAL(cmdline_parse(nullptr, "send x\n"), CMDLINE_PARSE_BAD_ARGS, "NULL cl");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), nullptr), CMDLINE_PARSE_BAD_ARGS, "NULL line");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_numbers_out_of_range(void)
{
	session s(main_ctx);
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "set rx 65536 0\n"), CMDLINE_PARSE_BAD_ARGS,
			  "uint16 over its max");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "set rx -1 0\n"), CMDLINE_PARSE_BAD_ARGS,
			  "negative for an unsigned type");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "set rx 1 128\n"), CMDLINE_PARSE_BAD_ARGS,
			  "int8 over its max");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "set rx 1 -129\n"), CMDLINE_PARSE_BAD_ARGS,
			  "int8 under its min");
	TEST_ASSERT_EQUAL(calls.size(), 0u, "nothing ran");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "set both 0x1F 0b111\n"), 20, "hex and binary");
	TEST_ASSERT_EQUAL(calls.size(), 1u, "one call");
	TEST_ASSERT_EQUAL(calls[0], std::string("set:both:31:7"), "values");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_string_choices(void)
{
	session s(main_ctx);
	for (const char *line : {"set rx 1 1\n", "set tx 2 2\n", "set both 3 3\n"})
		TEST_ASSERT(cmdline_parse(s.cl(), line) > 0, "\"%s\" accepted", line);
	TEST_ASSERT_EQUAL(calls.size(), 3u, "three calls");
	TEST_ASSERT_EQUAL(calls[2], std::string("set:both:3:3"), "third choice");
	/* the token alone: whole words only */
	struct word_result r;
	TEST_ASSERT_EQUAL(cmdline_parse_string(&set_what.hdr, "both", &r, sizeof(r)), 4, "both");
	TEST_ASSERT_EQUAL(std::string(r.word), std::string("both"), "stored");
	TEST_ASSERT_EQUAL(cmdline_parse_string(&set_what.hdr, "bot", nullptr, 0), -1, "prefix");
	TEST_ASSERT_EQUAL(cmdline_parse_string(&set_what.hdr, "rxtx", nullptr, 0), -1, "longer");
	TEST_ASSERT_EQUAL(cmdline_parse_string(&set_what.hdr, "", nullptr, 0), -1, "empty");
	TEST_ASSERT_EQUAL(cmdline_parse_string(&set_what.hdr, "rx", &r, 10), -1,
			  "result buffer smaller than STR_TOKEN_SIZE");
	std::string long_word(STR_TOKEN_SIZE, 'a');
	TEST_ASSERT_EQUAL(cmdline_parse_string(&send_message.hdr, long_word.c_str(), nullptr, 0),
			  -1, "word too long for any-word token");
	char help[64];
	TEST_ASSERT_SUCCESS(cmdline_get_help_string(&set_what.hdr, help, sizeof(help)), "help");
	TEST_ASSERT_EQUAL(std::string(help), std::string("one of rx#tx#both"), "choices help");
	TEST_ASSERT_EQUAL(cmdline_get_help_string(&set_what.hdr, nullptr, 1), -1, "NULL buffer");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_multi_string_takes_the_rest(void)
{
	session s(main_ctx);
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "echo  a b\tc # not this\n"), 23, "line length");
	TEST_ASSERT_EQUAL(calls.size(), 1u, "one call");
	TEST_ASSERT_EQUAL(calls[0], std::string("echo:a b\tc "), "blanks kept, comment dropped");
	echo_result r;
	TEST_ASSERT_EQUAL(cmdline_parse_string(&echo_rest.hdr, "x", &r, STR_TOKEN_SIZE), -1,
			  "multi needs a STR_MULTI_TOKEN_SIZE result");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_ambiguous_command(void)
{
	session s(ambiguous_ctx);
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "show x\n"), CMDLINE_PARSE_AMBIGUOUS, "two match");
	TEST_ASSERT_EQUAL(calls.size(), 0u, "nothing ran");
	TEST_ASSERT_EQUAL(cmdline_parse(s.cl(), "show\n"), CMDLINE_PARSE_BAD_ARGS,
			  "neither matches whole: bad arguments");
	return TEST_SUCCESS;
}

static int
test_cmdline_parse_bad_token_offset_logged(void)
{
	session s(far_ctx);
	int ret, lines;
	std::string log;
	{
		log_capture cap;
		ret = cmdline_parse(s.cl(), "far\n");
		log = cap.text();
		lines = cap.lines();
	}
	TEST_ASSERT_EQUAL(ret, CMDLINE_PARSE_NOMATCH, "the instruction cannot match");
	TEST_ASSERT_EQUAL(lines, 1, "one log line: %s", log.c_str());
	TEST_ASSERT(log.find("offset 1048576") != std::string::npos, "names the offset: %s",
		    log.c_str());
	TEST_ASSERT_EQUAL(calls.size(), 0u, "nothing ran");
	return TEST_SUCCESS;
}

/* ---- number tokens ---- */

static int
test_cmdline_num_limits_of_each_type(void)
{
	struct {
		enum cmdline_numtype type;
		const char *ok;
		const char *bad;
	} cases[] = {
		{RTE_UINT8, "255", "256"},
		{RTE_UINT16, "65535", "65536"},
		{RTE_UINT32, "4294967295", "4294967296"},
		{RTE_UINT64, "18446744073709551615", "18446744073709551616"},
		{RTE_INT8, "-128", "-129"},
		{RTE_INT16, "-32768", "32768"},
		{RTE_INT32, "-2147483648", "2147483648"},
		{RTE_INT64, "-9223372036854775808", "9223372036854775808"},
	};
	for (const auto &c : cases) {
		uint64_t res = 0;
		TEST_ASSERT_EQUAL(parse_num(c.type, c.ok, &res, sizeof(res)),
				  static_cast<int>(strlen(c.ok)), "type %d accepts %s", c.type,
				  c.ok);
		TEST_ASSERT_EQUAL(parse_num(c.type, c.bad, &res, sizeof(res)), -1,
				  "type %d refuses %s", c.type, c.bad);
	}
	int8_t i8 = 0;
	TEST_ASSERT_EQUAL(parse_num(RTE_INT8, "-128", &i8, 1), 4, "int8 min");
	TEST_ASSERT_EQUAL(i8, -128, "stored in its own width");
	int64_t i64 = 0;
	TEST_ASSERT_EQUAL(parse_num(RTE_INT64, "-9223372036854775808", &i64, 8), 20, "int64 min");
	TEST_ASSERT_EQUAL(i64, INT64_MIN, "int64 min stored");
	return TEST_SUCCESS;
}

static int
test_cmdline_num_bases_and_malformed_words(void)
{
	uint32_t v = 0;
	char help[16];
	TEST_ASSERT_EQUAL(parse_num(RTE_UINT32, "0x1aF", &v, 4), 5, "hex");
	TEST_ASSERT_EQUAL(v, 0x1afu, "hex value");
	TEST_ASSERT_EQUAL(parse_num(RTE_UINT32, "0b1011", &v, 4), 6, "binary");
	TEST_ASSERT_EQUAL(v, 11u, "binary value");
	TEST_ASSERT_EQUAL(parse_num(RTE_UINT32, "017", &v, 4), 3, "octal");
	TEST_ASSERT_EQUAL(v, 15u, "octal value");
	TEST_ASSERT_EQUAL(parse_num(RTE_UINT32, "0 rest", &v, 4), 1, "zero, then a blank");
	TEST_ASSERT_EQUAL(v, 0u, "zero");
	for (const char *bad : {"", "-", "0x", "0b2", "08", "12a", "1.5", "--1", "-0x1", "x"})
		TEST_ASSERT_EQUAL(parse_num(RTE_INT32, bad, nullptr, 0), -1, "\"%s\" refused", bad);
	TEST_ASSERT_EQUAL(parse_num(RTE_UINT32, "7", &v, 2), -1, "result smaller than the type");
	/* a type outside the enum, stored as a C table could hold it */
	cmdline_parse_token_num_t unknown = {{&cmdline_token_num_ops, 0}, {RTE_UINT8}};
	const unsigned int bad_type = 42;
	memcpy(&unknown.num_data.type, &bad_type, sizeof(bad_type));
	TEST_ASSERT_EQUAL(cmdline_parse_num(&unknown.hdr, "7", nullptr, 0), -1, "unknown type");
	TEST_ASSERT_EQUAL(cmdline_get_help_num(&unknown.hdr, help, sizeof(help)), -1,
			  "no help for an unknown type");
	TEST_ASSERT_EQUAL(cmdline_parse_num(nullptr, "7", nullptr, 0), -1, "NULL token");
	TEST_ASSERT_SUCCESS(cmdline_get_help_num(&set_port.hdr, help, sizeof(help)), "help");
	TEST_ASSERT_EQUAL(std::string(help), std::string("UINT16"), "type name");
	TEST_ASSERT_EQUAL(cmdline_get_help_num(&set_port.hdr, help, 0), -1, "size 0");
	return TEST_SUCCESS;
}

/* ---- address tokens ---- */

static int
test_cmdline_ipaddr_families_and_prefixes(void)
{
	cmdline_parse_token_ipaddr_t any = {{&cmdline_token_ipaddr_ops, 0},
					    {CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_V6}};
	cmdline_parse_token_ipaddr_t v4 = {{&cmdline_token_ipaddr_ops, 0}, {CMDLINE_IPADDR_V4}};
	cmdline_parse_token_ipaddr_t v6net = {{&cmdline_token_ipaddr_ops, 0},
					      {CMDLINE_IPADDR_V6 | CMDLINE_IPADDR_NETWORK}};
	cmdline_parse_token_ipaddr_t v4net = {{&cmdline_token_ipaddr_ops, 0},
					      {CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_NETWORK}};
	cmdline_ipaddr_t a;
	TEST_ASSERT_EQUAL(cmdline_parse_ipaddr(&any.hdr, "10.1.2.3 x", &a, sizeof(a)), 8, "v4");
	TEST_ASSERT_EQUAL(a.family, AF_INET, "family v4");
	TEST_ASSERT_EQUAL(a.addr.ipv4.s_addr, htonl(0x0a010203), "v4 value");
	TEST_ASSERT_EQUAL(cmdline_parse_ipaddr(&any.hdr, "fe80::1", &a, sizeof(a)), 7, "v6");
	TEST_ASSERT_EQUAL(a.family, AF_INET6, "family v6");
	TEST_ASSERT_EQUAL(a.addr.ipv6.s6_addr[15], 1, "v6 value");
	TEST_ASSERT_EQUAL(cmdline_parse_ipaddr(&v6net.hdr, "2001:db8::/32", &a, sizeof(a)), 13,
			  "v6 network");
	TEST_ASSERT_EQUAL(a.prefixlen, 32u, "prefix");
	TEST_ASSERT_EQUAL(cmdline_parse_ipaddr(&v4net.hdr, "10.0.0.0/8", &a, sizeof(a)), 10,
			  "v4 network");
	TEST_ASSERT_EQUAL(a.prefixlen, 8u, "v4 prefix");
	struct {
		cmdline_parse_token_ipaddr_t *tk;
		const char *text;
	} bad[] = {{&v4, "fe80::1"},        {&v4, "10.0.0.0/8"}, {&v4net, "10.0.0.0"},
		   {&v4net, "10.0.0.0/33"}, {&v6net, "::/129"},  {&v6net, "::/"},
		   {&any, "10.0.0.256"},    {&any, "host"},      {&v6net, "::/1x"}};
	for (const auto &b : bad)
		TEST_ASSERT_EQUAL(cmdline_parse_ipaddr(&b.tk->hdr, b.text, &a, sizeof(a)), -1,
				  "\"%s\" refused", b.text);
	TEST_ASSERT_EQUAL(cmdline_parse_ipaddr(&any.hdr, "10.0.0.1", &a, 4), -1, "small result");
	char help[32];
	TEST_ASSERT_SUCCESS(cmdline_get_help_ipaddr(&v6net.hdr, help, sizeof(help)), "help");
	TEST_ASSERT_EQUAL(std::string(help), std::string("IPv6 network"), "help text");
	return TEST_SUCCESS;
}
static const struct unit_test_case cmdline_cases[] = {
	TEST_CASE(test_cmdline_parse_runs_the_matching_command),
	TEST_CASE(test_cmdline_parse_empty_comment_and_partial_lines),
	TEST_CASE(test_cmdline_parse_command_not_found),
	TEST_CASE(test_cmdline_parse_bad_arguments),
	TEST_CASE(test_cmdline_parse_numbers_out_of_range),
	TEST_CASE(test_cmdline_parse_string_choices),
	TEST_CASE(test_cmdline_parse_multi_string_takes_the_rest),
	TEST_CASE(test_cmdline_parse_ambiguous_command),
	TEST_CASE(test_cmdline_parse_bad_token_offset_logged),
	TEST_CASE(test_cmdline_num_limits_of_each_type),
	TEST_CASE(test_cmdline_num_bases_and_malformed_words),
	TEST_CASE(test_cmdline_ipaddr_families_and_prefixes),
	TEST_CASES_END()};

static const struct unit_test_suite cmdline_suite = {"cmdline parsing", nullptr, nullptr,
						     cmdline_cases};

static int
test_cmdline(void)
{
	int ret = unit_test_suite_runner(&cmdline_suite);
	int r = unit_test_suite_runner(&cmdline_input_suite);
	if (r == TEST_FAILED || ret == TEST_SKIPPED)
		ret = r;
	return ret;
}

REGISTER_FAST_TEST(cmdline_autotest, NOHUGE_OK, ASAN_OK, test_cmdline);
