/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * cmdline: the command line around the parser: its messages, the line
 * editor (alone and inside a command line), the input loops
 * (cmdline_in, cmdline_interact, cmdline_poll, files, stdin on a pipe and
 * on a terminal) and the constructors' error paths. Part of
 * cmdline_autotest (test_cmdline.cpp).
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

#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_rdline.h>
#include <cmdline_socket.h>
#include <rte_errno.h>

#include "test.h"
#include "test_cmdline.h"
#include "test_mbuf.h"

using mbuf_test::log_capture;
using namespace cmdline_test;

namespace {

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

} // namespace

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
static const struct unit_test_case input_cases[] = {
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

const struct unit_test_suite cmdline_input_suite = {"cmdline input and editing", nullptr, nullptr,
						    input_cases};
