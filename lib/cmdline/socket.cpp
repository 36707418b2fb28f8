/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Command lines on a file or on standard input. A terminal is put in
 * byte-at-a-time mode without its own echo, since the line editor echoes
 * what it keeps; signal keys stay on so Ctrl-C still interrupts the
 * program. A pipe or a file is read as is and nothing is echoed, which is
 * how scripts and tests drive an application.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <cmdline_socket.h>
#include <rte_errno.h>

#include "cmdline_private.h"

struct cmdline *
cmdline_file_new(cmdline_parse_ctx_t *ctx, const char *prompt, const char *path)
{
	if (path == nullptr) {
		CMDLINE_LOG(ERR, "cmdline_file_new: the path must not be NULL");
		rte_errno = EINVAL;
		return nullptr;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		CMDLINE_LOG(ERR, "cmdline_file_new: cannot open %s: %s; check the path", path,
			    strerror(err));
		rte_errno = err;
		return nullptr;
	}
	struct cmdline *cl = cmdline_new(ctx, prompt, fd, STDOUT_FILENO);
	if (cl == nullptr)
		close(fd);
	return cl;
}

struct cmdline *
cmdline_stdin_new(cmdline_parse_ctx_t *ctx, const char *prompt)
{
	bool tty = isatty(STDIN_FILENO) != 0;
	struct termios saved;
	if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
		struct termios raw = saved;
		raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	} else {
		tty = false;
	}
	struct cmdline *cl = cmdline_new(ctx, prompt, STDIN_FILENO, STDOUT_FILENO);
	if (cl == nullptr) {
		if (tty)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		return nullptr;
	}
	cl->rdl.echo = tty;
	cl->term_saved = tty;
	cl->oldterm = saved;
	return cl;
}

void
cmdline_stdin_exit(struct cmdline *cl)
{
	if (cl == nullptr)
		return;
	if (cl->term_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &cl->oldterm);
	cmdline_free(cl);
}
