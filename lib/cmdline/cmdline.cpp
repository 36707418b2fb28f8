/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A command line is a line editor plus a command table and two descriptors.
 * Input is read one byte per read(2), so nothing past the command that
 * quits is consumed: a program may read its input again after
 * cmdline_interact() returns. The editor's validate callback parses the
 * line and prints the error DPDK applications' users know ("Command not
 * found", "Bad arguments", "Ambiguous command"); cmdline_in() then shows
 * the prompt again unless a command quit.
 */

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_string_fns.h>

#include "cmdline_private.h"

int
dpkit_cmdline_logtype(void)
{
	/* registered on first use, so no constructor-order dependency */
	static const int type = [] {
		int t = rte_log_register_type_and_pick_level("lib.cmdline", RTE_LOG_INFO);
		return t < 0 ? static_cast<int>(RTE_LOGTYPE_USER1) : t;
	}();
	return type;
}

namespace {

void
validate_line(struct rdline *rdl, const char *buf, unsigned int size)
{
	(void)size;
	auto *cl = static_cast<struct cmdline *>(rdl->opaque);
	switch (cmdline_parse(cl, buf)) {
	case CMDLINE_PARSE_AMBIGUOUS: cmdline_printf(cl, "Ambiguous command\n"); break;
	case CMDLINE_PARSE_NOMATCH: cmdline_printf(cl, "Command not found\n"); break;
	case CMDLINE_PARSE_BAD_ARGS: cmdline_printf(cl, "Bad arguments\n"); break;
	default: break;
	}
}

} // namespace

struct cmdline *
cmdline_new(cmdline_parse_ctx_t *ctx, const char *prompt, int s_in, int s_out)
{
	if (ctx == nullptr || prompt == nullptr) {
		CMDLINE_LOG(ERR, "cmdline_new: the command table and the prompt must not be NULL");
		rte_errno = EINVAL;
		return nullptr;
	}
	auto *cl = static_cast<struct cmdline *>(calloc(1, sizeof(struct cmdline)));
	if (cl == nullptr) {
		rte_errno = ENOMEM;
		return nullptr;
	}
	cl->ctx = ctx;
	cl->s_in = s_in;
	cl->s_out = s_out;
	dpkit_rdline_init(&cl->rdl, cmdline_write_char, validate_line, cl);
	cmdline_set_prompt(cl, prompt);
	rdline_newline(&cl->rdl, cl->prompt);
	return cl;
}

void
cmdline_set_prompt(struct cmdline *cl, const char *prompt)
{
	if (cl == nullptr || prompt == nullptr)
		return;
	strlcpy(cl->prompt, prompt, sizeof(cl->prompt));
}

void
cmdline_free(struct cmdline *cl)
{
	if (cl == nullptr)
		return;
	if (cl->s_in > 2)
		close(cl->s_in);
	if (cl->s_out > 2 && cl->s_out != cl->s_in)
		close(cl->s_out);
	free(cl);
}

void
cmdline_printf(const struct cmdline *cl, const char *fmt, ...)
{
	if (cl == nullptr || fmt == nullptr || cl->s_out < 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vdprintf(cl->s_out, fmt, ap);
	va_end(ap);
}

int
cmdline_write_char(struct rdline *rdl, char c)
{
	if (rdl == nullptr)
		return -1;
	auto *cl = static_cast<struct cmdline *>(rdl->opaque);
	if (cl == nullptr || cl->s_out < 0)
		return -1;
	return static_cast<int>(write(cl->s_out, &c, 1));
}

int
cmdline_in(struct cmdline *cl, const char *buf, int size)
{
	if (cl == nullptr || buf == nullptr)
		return -1;
	for (int i = 0; i < size; i++) {
		int ret = rdline_char_in(&cl->rdl, buf[i]);
		if (ret == RDLINE_RES_VALIDATED)
			rdline_newline(&cl->rdl, cl->prompt);
		else if (ret == RDLINE_RES_EOF || ret == RDLINE_RES_EXITED)
			return -1;
	}
	return size;
}

struct rdline *
cmdline_get_rdline(struct cmdline *cl)
{
	return cl != nullptr ? &cl->rdl : nullptr;
}

void
cmdline_quit(struct cmdline *cl)
{
	if (cl != nullptr)
		rdline_quit(&cl->rdl);
}

namespace {

/* One byte from the input: 1, 0 at end of input, or -errno. */
int
read_byte(struct cmdline *cl, char *c)
{
	for (;;) {
		ssize_t n = read(cl->s_in, c, 1);
		if (n >= 0)
			return static_cast<int>(n);
		if (errno != EINTR)
			return -errno;
	}
}

} // namespace

int
cmdline_poll(struct cmdline *cl)
{
	if (cl == nullptr)
		return -EINVAL;
	if (cl->rdl.status == RDLINE_EXITED)
		return RDLINE_EXITED;
	struct pollfd pfd = {cl->s_in, POLLIN, 0};
	int ready = poll(&pfd, 1, 0);
	if (ready < 0)
		return errno == EINTR ? static_cast<int>(cl->rdl.status) : -errno;
	if (ready == 0)
		return cl->rdl.status;
	char c;
	int n = read_byte(cl, &c);
	if (n < 0)
		return n;
	if (n == 0 || cmdline_in(cl, &c, 1) < 0)
		rdline_quit(&cl->rdl); /* end of input, Ctrl-D or a command quit */
	return cl->rdl.status;
}

void
cmdline_interact(struct cmdline *cl)
{
	if (cl == nullptr)
		return;
	while (cl->rdl.status != RDLINE_EXITED) {
		char c;
		if (read_byte(cl, &c) <= 0 || cmdline_in(cl, &c, 1) < 0)
			break;
	}
	/* whatever ended the loop, the session is over */
	rdline_quit(&cl->rdl);
}
