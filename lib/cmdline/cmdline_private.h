/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* The line editor and command line objects, shared by the files of
 * lib/cmdline; applications see both as opaque. */

#ifndef _CMDLINE_PRIVATE_H_
#define _CMDLINE_PRIVATE_H_

#include <stdbool.h>
#include <termios.h>

#include <cmdline.h>

#include <rte_log.h>

/* one line of input, with room for the '\n' added at validation and a NUL */
#define DPKIT_RDLINE_BUF_SIZE 512
#define DPKIT_RDLINE_PROMPT_SIZE 64

struct rdline {
	enum rdline_status status;
	bool echo; /* write typed bytes back (a terminal is in no-echo mode) */
	/* skipping an ANSI escape sequence: 0 no, 1 after ESC, 2 inside ESC [ */
	unsigned char escape;
	unsigned int len; /* bytes in buf, not counting the NUL */
	char buf[DPKIT_RDLINE_BUF_SIZE];
	char prompt[DPKIT_RDLINE_PROMPT_SIZE];
	rdline_write_char_t *write_char;
	rdline_validate_t *validate;
	void *opaque;
};

struct cmdline {
	struct rdline rdl; /* first: cmdline_write_char() finds the cmdline from it */
	cmdline_parse_ctx_t *ctx;
	int s_in;
	int s_out;
	char prompt[DPKIT_RDLINE_PROMPT_SIZE];
	bool term_saved; /* oldterm holds the terminal state to restore */
	struct termios oldterm;
};

/* Set up an editor in place (cmdline_new embeds one). */
void dpkit_rdline_init(struct rdline *rdl, rdline_write_char_t *write_char,
		       rdline_validate_t *validate, void *opaque);

/* The logtype of lib.cmdline, registered on first use. */
int dpkit_cmdline_logtype(void);

#define CMDLINE_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, dpkit_cmdline_logtype(), "CMDLINE: " fmt "\n", ##__VA_ARGS__)

#endif /* _CMDLINE_PRIVATE_H_ */
