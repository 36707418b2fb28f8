/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * cmdline: matching lines against a command table (success, "Command not
 * found", "Bad arguments", "Ambiguous command"), the string, number and
 * address tokens with their limits, the line editor, and the input loops
 * (cmdline_in, cmdline_interact, cmdline_poll, files), each error path with
 * its result and log line.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <arpa/inet.h>
#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_ipaddr.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <cmdline_rdline.h>
#include <cmdline_socket.h>
#include <rte_errno.h>

#include "test.h"
#include "test_mbuf.h"

using mbuf_test::log_capture;

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

/* what the callbacks saw */
std::vector<std::string> calls;

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

cmdline_parse_ctx_t main_ctx[] = {&cmd_send, &cmd_set, &cmd_quit, &cmd_echo, nullptr};

/* "show <any word>" twice: every such line is ambiguous */
char show_a_tag[] = "show-a";
char show_b_tag[] = "show-b";
cmdline_parse_token_string_t show_word = TOKEN_STRING_INITIALIZER(struct send_result, action,
								  "show");
cmdline_parse_inst_t cmd_show_a = {
	on_send, show_a_tag, "show a", {&show_word.hdr, &send_message.hdr, nullptr}};
cmdline_parse_inst_t cmd_show_b = {
	on_send, show_b_tag, "show b", {&show_word.hdr, &send_message.hdr, nullptr}};
cmdline_parse_ctx_t ambiguous_ctx[] = {&cmd_show_a, &cmd_show_b, nullptr};

/* a table error: the result offset is past the result buffer */
cmdline_parse_token_string_t far_word = {{&cmdline_token_string_ops, 1u << 20}, {"far"}};
cmdline_parse_inst_t cmd_far = {on_quit, nullptr, "far", {&far_word.hdr, nullptr}};
cmdline_parse_ctx_t far_ctx[] = {&cmd_far, nullptr};

/* ---- helpers ---- */

/* A command line whose output goes to a memory file read back by text(). */
class session {
public:
	explicit session(cmdline_parse_ctx_t *ctx, int in_fd = -1)
	{
		out_ = memfd_create("cmdline-out", MFD_CLOEXEC);
		cl_ = cmdline_new(ctx, "test> ", in_fd, out_);
		calls.clear();
	}
	~session() { cmdline_free(cl_); /* closes out_ (and in_fd when > 2) */ }
	session(const session &) = delete;
	session &operator=(const session &) = delete;
	struct cmdline *cl() { return cl_; }
	int feed(const char *s) { return cmdline_in(cl_, s, static_cast<int>(strlen(s))); }
	std::string text()
	{
		std::string t;
		char buf[4096];
		ssize_t n;
		off_t off = 0;
		while ((n = pread(out_, buf, sizeof(buf), off)) > 0) {
			t.append(buf, static_cast<size_t>(n));
			off += n;
		}
		return t;
	}

private:
	struct cmdline *cl_ = nullptr;
	int out_ = -1;
};

int
count(const std::string &hay, const std::string &needle)
{
	int n = 0;
	for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
		n++;
	return n;
}

/* A pipe holding @text, its write end closed: reading it ends in EOF. */
int
pipe_with(const char *text)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	ssize_t n = write(fds[1], text, strlen(text));
	close(fds[1]);
	if (n != static_cast<ssize_t>(strlen(text))) {
		close(fds[0]);
		return -1;
	}
	return fds[0];
}

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

/* ---- the command line: messages, editing, input loops ---- */

static int
test_cmdline_in_prints_the_errors(void)
{
	session s(main_ctx);
	TEST_ASSERT_EQUAL(s.feed("nothing\nsend\nsend hi\n"), 21, "all bytes taken");
	std::string out = s.text();
	TEST_ASSERT_EQUAL(count(out, "test> "), 4, "a prompt before each line: %s", out.c_str());
	TEST_ASSERT_EQUAL(count(out, "Command not found\n"), 1, "not found: %s", out.c_str());
	TEST_ASSERT_EQUAL(count(out, "Bad arguments\n"), 1, "bad arguments: %s", out.c_str());
	TEST_ASSERT_EQUAL(calls.size(), 1u, "one command ran");
	TEST_ASSERT_EQUAL(count(out, "send hi\r\n"), 1, "cmdline_new echoes: %s", out.c_str());
	session amb(ambiguous_ctx);
	amb.feed("show me\n");
	TEST_ASSERT_EQUAL(count(amb.text(), "Ambiguous command\n"), 1, "ambiguous: %s",
			  amb.text().c_str());
	TEST_ASSERT_EQUAL(cmdline_in(nullptr, "x", 1), -1, "NULL cl");
	TEST_ASSERT_EQUAL(cmdline_in(s.cl(), nullptr, 1), -1, "NULL buffer");
	return TEST_SUCCESS;
}

static int
test_cmdline_rdline_editing_keys(void)
{
	session s(main_ctx);
	/* backspace and DEL erase, an arrow key's escape sequence is dropped,
	 * a stray control byte is ignored */
	s.feed("sena\bd hx\x7fi\x1b[A\x01\n");
	TEST_ASSERT_EQUAL(calls.size(), 1u, "one command: %s", s.text().c_str());
	TEST_ASSERT_EQUAL(calls[0], std::string("send:send:hi"), "edited line");
	/* an over-long line keeps its first 510 bytes */
	std::string big = "send " + std::string(600, 'z') + "\n";
	s.feed(big.c_str());
	TEST_ASSERT_EQUAL(count(s.text(), "Bad arguments"), 1, "510-byte word is too long");
	/* Ctrl-D: ignored inside a line, end of input on an empty one */
	TEST_ASSERT_EQUAL(s.feed("x\x04"), 2, "Ctrl-D in a line");
	TEST_ASSERT_EQUAL(s.feed("\x7f\x04"), -1, "Ctrl-D on an empty line ends the input");
	return TEST_SUCCESS;
}

static int
test_cmdline_quit_stops_the_input(void)
{
	session s(main_ctx);
	TEST_ASSERT_EQUAL(s.feed("quit\nsend lost\n"), -1, "quit stops cmdline_in");
	TEST_ASSERT_EQUAL(calls.size(), 1u, "only quit ran");
	TEST_ASSERT_EQUAL(cmdline_poll(s.cl()), RDLINE_EXITED, "exited");
	TEST_ASSERT_EQUAL(s.feed("send x\n"), -1, "still exited");
	return TEST_SUCCESS;
}

static int
test_cmdline_interact_until_quit_then_eof(void)
{
	int in = pipe_with("send one\nbad\nquit\nsend two\n");
	TEST_ASSERT(in >= 0, "pipe");
	{
		session s(main_ctx, in);
		cmdline_interact(s.cl());
		TEST_ASSERT_EQUAL(calls.size(), 2u, "send and quit ran");
		TEST_ASSERT_EQUAL(calls[0], std::string("send:send:one"), "first command");
		/* nothing past "quit\n" was read */
		char rest[32] = {0};
		TEST_ASSERT_EQUAL(read(in, rest, sizeof(rest) - 1), 9, "rest left in the pipe");
		TEST_ASSERT_EQUAL(std::string(rest), std::string("send two\n"), "rest");
		TEST_ASSERT_EQUAL(count(s.text(), "Command not found"), 1, "error printed");
	} /* cmdline_free closed in */
	in = pipe_with("send a\nsend b");
	TEST_ASSERT(in >= 0, "pipe");
	session s(main_ctx, in);
	cmdline_interact(s.cl());
	TEST_ASSERT_EQUAL(calls.size(), 1u,
			  "end of input ends the loop; the unfinished line "
			  "is dropped");
	TEST_ASSERT_EQUAL(cmdline_poll(s.cl()), RDLINE_EXITED, "exited after EOF");
	cmdline_interact(nullptr);
	return TEST_SUCCESS;
}

static int
test_cmdline_poll_one_byte_at_a_time(void)
{
	int fds[2];
	TEST_ASSERT_SUCCESS(pipe(fds), "pipe");
	session s(main_ctx, fds[0]);
	TEST_ASSERT_EQUAL(cmdline_poll(s.cl()), RDLINE_RUNNING, "nothing to read");
	TEST_ASSERT_EQUAL(write(fds[1], "send p\n", 7), 7, "write");
	for (int i = 0; i < 7; i++)
		TEST_ASSERT_EQUAL(cmdline_poll(s.cl()), RDLINE_RUNNING, "byte %d", i);
	TEST_ASSERT_EQUAL(calls.size(), 1u, "the line ran");
	TEST_ASSERT_EQUAL(cmdline_poll(s.cl()), RDLINE_RUNNING, "empty again");
	close(fds[1]);
	TEST_ASSERT_EQUAL(cmdline_poll(s.cl()), RDLINE_EXITED, "EOF exits");
	TEST_ASSERT_EQUAL(cmdline_poll(nullptr), -EINVAL, "NULL cl");
	return TEST_SUCCESS;
}

static int
test_cmdline_file_new_runs_a_script(void)
{
	char path[] = "/tmp/dpkit-cmdline-XXXXXX";
	int fd = mkstemp(path);
	TEST_ASSERT(fd >= 0, "mkstemp");
	const char script[] = "send s1\n# comment\n\nset rx 1 2\n";
	TEST_ASSERT_EQUAL(write(fd, script, sizeof(script) - 1),
			  static_cast<ssize_t>(sizeof(script) - 1), "write");
	close(fd);
	calls.clear();
	struct cmdline *cl = cmdline_file_new(main_ctx, "", path);
	unlink(path);
	TEST_ASSERT_NOT_NULL(cl, "cmdline_file_new");
	cmdline_interact(cl);
	cmdline_free(cl);
	TEST_ASSERT_EQUAL(calls.size(), 2u, "two commands");
	TEST_ASSERT_EQUAL(calls[1], std::string("set:rx:1:2"), "second command");
	return TEST_SUCCESS;
}

static int
test_cmdline_error_bad_arguments_to_constructors(void)
{
	struct {
		const char *what;
		const char *needle;
		int err;
	} cases[] = {{"cmdline_new NULL table", "must not be NULL", EINVAL},
		     {"cmdline_file_new missing file", "/nonexistent/dpkit", ENOENT},
		     {"cmdline_file_new NULL path", "path must not be NULL", EINVAL},
		     {"rdline_new no callback", "callbacks are required", EINVAL}};
	for (int i = 0; i < 4; i++) {
		log_capture cap;
		rte_errno = 0;
		const void *obj = nullptr;
		if (i == 0)
			obj = cmdline_new(nullptr, "p", -1, -1);
		else if (i == 1)
			obj = cmdline_file_new(main_ctx, "p", "/nonexistent/dpkit");
		else if (i == 2)
			obj = cmdline_file_new(main_ctx, "p", nullptr);
		else
			obj = rdline_new(nullptr, nullptr, nullptr, nullptr);
		std::string log = cap.text();
		TEST_ASSERT_NULL(obj, "%s fails", cases[i].what);
		TEST_ASSERT_EQUAL(rte_errno, cases[i].err, "%s: rte_errno", cases[i].what);
		TEST_ASSERT_EQUAL(cap.lines(), 1, "%s: one log line: %s", cases[i].what,
				  log.c_str());
		TEST_ASSERT(log.find(cases[i].needle) != std::string::npos, "%s: log says why: %s",
			    cases[i].what, log.c_str());
	}
	/* NULL everywhere else is ignored */
	cmdline_free(nullptr);
	cmdline_quit(nullptr);
	cmdline_set_prompt(nullptr, "x");
	cmdline_printf(nullptr, "x");
	cmdline_stdin_exit(nullptr);
	TEST_ASSERT_NULL(cmdline_get_rdline(nullptr), "no rdline");
	TEST_ASSERT_EQUAL(cmdline_write_char(nullptr, 'x'), -1, "NULL rdline");
	return TEST_SUCCESS;
}

namespace {

/* Runs cmdline_stdin_new() + cmdline_interact() with @in_fd as fd 0 and a
 * memory file as fd 1; returns what was written to fd 1, or "ERROR". When
 * @tty_fd >= 0 (the pty's controller side), @line is typed there once the
 * terminal mode is checked (ICANON off) and *raw_seen says whether it was. */
std::string
run_on_stdin(int in_fd, int tty_fd, const char *line, bool *raw_seen)
{
	fflush(stdout);
	int out = memfd_create("cmdline-stdout", MFD_CLOEXEC);
	int saved_in = dup(0), saved_out = dup(1);
	if (out < 0 || saved_in < 0 || saved_out < 0)
		return "ERROR";
	dup2(in_fd, 0);
	dup2(out, 1);
	struct cmdline *cl = cmdline_stdin_new(main_ctx, "in> ");
	if (cl != nullptr && tty_fd >= 0) {
		struct termios t;
		*raw_seen = tcgetattr(0, &t) == 0 && (t.c_lflag & (ICANON | ECHO)) == 0;
		ssize_t n = write(tty_fd, line, strlen(line));
		(void)n;
	}
	if (cl != nullptr) {
		cmdline_interact(cl);
		cmdline_stdin_exit(cl);
	}
	dup2(saved_in, 0);
	dup2(saved_out, 1);
	close(saved_in);
	close(saved_out);
	std::string text;
	char buf[1024];
	ssize_t n;
	for (off_t off = 0; (n = pread(out, buf, sizeof(buf), off)) > 0; off += n)
		text.append(buf, static_cast<size_t>(n));
	close(out);
	return cl != nullptr ? text : "ERROR";
}

} // namespace

static int
test_cmdline_stdin_pipe_has_no_echo(void)
{
	int in = pipe_with("send piped\nquit\n");
	TEST_ASSERT(in >= 0, "pipe");
	calls.clear();
	std::string out = run_on_stdin(in, -1, nullptr, nullptr);
	close(in);
	TEST_ASSERT_EQUAL(calls.size(), 2u, "send and quit ran: %s", out.c_str());
	TEST_ASSERT_EQUAL(calls[0], std::string("send:send:piped"), "the piped line");
	TEST_ASSERT_EQUAL(out, std::string("in> in> "), "prompts only, no echo");
	return TEST_SUCCESS;
}

static int
test_cmdline_stdin_terminal_raw_echo_restored(void)
{
	int ctl = posix_openpt(O_RDWR | O_NOCTTY);
	if (ctl < 0 || grantpt(ctl) != 0 || unlockpt(ctl) != 0)
		TEST_SKIP("no pseudo-terminal: posix_openpt: %s", strerror(errno));
	int term = open(ptsname(ctl), O_RDWR | O_NOCTTY);
	TEST_ASSERT(term >= 0, "open the pty: %s", strerror(errno));
	struct termios before;
	TEST_ASSERT_SUCCESS(tcgetattr(term, &before), "tcgetattr");
	TEST_ASSERT(before.c_lflag & ICANON, "a new pty starts in line mode");
	calls.clear();
	bool raw = false;
	std::string out = run_on_stdin(term, ctl, "send tty\rquit\r", &raw);
	struct termios after;
	TEST_ASSERT_SUCCESS(tcgetattr(term, &after), "tcgetattr");
	close(term);
	close(ctl);
	TEST_ASSERT(raw, "byte-at-a-time, no terminal echo while running");
	TEST_ASSERT_EQUAL(after.c_lflag, before.c_lflag, "terminal mode restored");
	TEST_ASSERT_EQUAL(calls.size(), 2u, "send and quit ran: %s", out.c_str());
	TEST_ASSERT_EQUAL(out, std::string("in> send tty\r\nin> quit\r\n"),
			  "the line editor echoes on a terminal");
	return TEST_SUCCESS;
}

/* ---- the line editor alone ---- */

namespace {

std::string rdline_screen;
std::vector<std::string> rdline_lines;

int
screen_put(struct rdline *rdl, char c)
{
	(void)rdl;
	rdline_screen.push_back(c);
	return 1;
}

void
line_done(struct rdline *rdl, const char *buf, unsigned int size)
{
	rdline_lines.emplace_back(buf, size);
	if (strcmp(buf, "bye\n") == 0)
		rdline_quit(rdl);
}

} // namespace

static int
test_cmdline_rdline_states_and_echo(void)
{
	rdline_screen.clear();
	rdline_lines.clear();
	int tag = 0;
	struct rdline *rdl = rdline_new(screen_put, line_done, nullptr, &tag);
	TEST_ASSERT_NOT_NULL(rdl, "rdline_new");
	TEST_ASSERT_EQUAL(rdline_get_opaque(rdl), static_cast<void *>(&tag), "opaque");
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, 'a'), RDLINE_RES_NOT_RUNNING, "not started");
	rdline_newline(rdl, "> ");
	TEST_ASSERT_EQUAL(rdline_screen, std::string("> "), "prompt shown");
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, 'h'), RDLINE_RES_SUCCESS, "typed");
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, 'x'), RDLINE_RES_SUCCESS, "typed");
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, 0x7f), RDLINE_RES_SUCCESS, "erased");
	TEST_ASSERT_EQUAL(std::string(rdline_get_buffer(rdl)), std::string("h"), "buffer");
	TEST_ASSERT_EQUAL(rdline_screen, std::string("> hx\b \b"), "echo and erase");
	rdline_stop(rdl);
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, 'i'), RDLINE_RES_NOT_RUNNING, "stopped");
	rdline_restart(rdl);
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, 'i'), RDLINE_RES_SUCCESS, "restarted");
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, '\r'), RDLINE_RES_VALIDATED, "validated");
	TEST_ASSERT_EQUAL(rdline_lines.back(), std::string("hi\n"), "line with its newline");
	rdline_reset(rdl);
	for (char c : std::string("bye"))
		rdline_char_in(rdl, c);
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, '\n'), RDLINE_RES_EXITED, "quit from validate");
	TEST_ASSERT_EQUAL(rdline_char_in(rdl, 'z'), RDLINE_RES_EXITED, "stays exited");
	rdline_free(rdl);
	rdline_free(nullptr);
	TEST_ASSERT_NULL(rdline_get_buffer(nullptr), "NULL");
	TEST_ASSERT_EQUAL(rdline_char_in(nullptr, 'x'), RDLINE_RES_NOT_RUNNING, "NULL");
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
	TEST_CASE(test_cmdline_in_prints_the_errors),
	TEST_CASE(test_cmdline_rdline_editing_keys),
	TEST_CASE(test_cmdline_quit_stops_the_input),
	TEST_CASE(test_cmdline_interact_until_quit_then_eof),
	TEST_CASE(test_cmdline_poll_one_byte_at_a_time),
	TEST_CASE(test_cmdline_file_new_runs_a_script),
	TEST_CASE(test_cmdline_stdin_pipe_has_no_echo),
	TEST_CASE(test_cmdline_stdin_terminal_raw_echo_restored),
	TEST_CASE(test_cmdline_error_bad_arguments_to_constructors),
	TEST_CASE(test_cmdline_rdline_states_and_echo),
	TEST_CASES_END()};

static const struct unit_test_suite cmdline_suite = {"cmdline", nullptr, nullptr, cmdline_cases};

static int
test_cmdline(void)
{
	return unit_test_suite_runner(&cmdline_suite);
}

REGISTER_FAST_TEST(cmdline_autotest, NOHUGE_OK, ASAN_OK, test_cmdline);
