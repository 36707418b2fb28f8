/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * An interactive command line: a line editor (<cmdline_rdline.h>) whose
 * finished lines are matched against a command table (<cmdline_parse.h>).
 *
 * A command line reads bytes from one file descriptor and writes to another.
 * Each finished line is parsed; the matching instruction's callback runs,
 * or one of "Command not found", "Bad arguments" or "Ambiguous command" is
 * printed; then the prompt is shown again. cmdline_interact() does this
 * until end of input or cmdline_quit(); cmdline_poll() does one step for
 * programs with their own loop. A command line is used by one thread at a
 * time (callbacks run on the caller's thread).
 */

#ifndef _CMDLINE_H_
#define _CMDLINE_H_

#pragma GCC visibility push(default)

#include <rte_common.h>
#include <rte_compat.h>

#include <cmdline_parse.h>
#include <cmdline_rdline.h>

#ifdef __cplusplus
extern "C" {
#endif

/** State of a line editor, as cmdline_poll() reports it. */
enum rdline_status {
	RDLINE_INIT,    /**< not accepting input */
	RDLINE_RUNNING, /**< accepting input */
	RDLINE_EXITED   /**< done: quit, or end of input */
};

struct cmdline;

/**
 * Make a command line and print its first prompt.
 * @param ctx the command table, NULL-terminated; it must outlive the
 *   command line.
 * @param prompt printed before each line (truncated to 63 bytes).
 * @param s_in descriptor to read commands from.
 * @param s_out descriptor to write to; negative: output is discarded.
 * @return the command line, to free with cmdline_free(), or NULL with
 *   rte_errno set: EINVAL (@p ctx or @p prompt NULL), ENOMEM.
 */
struct cmdline *cmdline_new(cmdline_parse_ctx_t *ctx, const char *prompt, int s_in, int s_out);

/**
 * Change the prompt shown from the next line on. NULL arguments are
 * ignored.
 * @param cl the command line.
 * @param prompt the new prompt (truncated to 63 bytes).
 */
void cmdline_set_prompt(struct cmdline *cl, const char *prompt);

/**
 * Free a command line; its descriptors are closed unless they are 0, 1 or 2
 * (the standard streams). NULL is ignored.
 * @param cl the command line.
 */
void cmdline_free(struct cmdline *cl);

/**
 * printf() to the output descriptor of @p cl; nothing when @p cl is NULL
 * or has no output.
 * @param cl the command line.
 * @param fmt printf format.
 */
void cmdline_printf(const struct cmdline *cl, const char *fmt, ...) __rte_format_printf(2, 3);

/**
 * Feed input bytes to the command line, as if read from its input: lines
 * they finish are parsed and run.
 * @param cl the command line.
 * @param buf the bytes.
 * @param size how many.
 * @return @p size, or -1 when an argument is NULL, the input ended (Ctrl-D
 *   on an empty line) or a command quit; the bytes after that one are not
 *   used.
 */
int cmdline_in(struct cmdline *cl, const char *buf, int size);

/**
 * Write one byte to the output of the command line owning @p rdl (the
 * write_char callback of its editor).
 * @param rdl the editor of a command line.
 * @param c the byte.
 * @return 1, or -1 when @p rdl is NULL, the command line has no output or
 *   write(2) failed.
 */
int cmdline_write_char(struct rdline *rdl, char c);

/**
 * @param cl the command line.
 * @return its line editor, or NULL when @p cl is NULL.
 */
__rte_experimental struct rdline *cmdline_get_rdline(struct cmdline *cl);

/**
 * Without blocking: when a byte can be read from the input, read and handle
 * it (end of input makes the command line RDLINE_EXITED).
 * @param cl the command line.
 * @return the enum rdline_status after that, or a negative errno: -EINVAL
 *   (@p cl NULL), or the error of poll(2) or read(2).
 */
int cmdline_poll(struct cmdline *cl);

/**
 * Read and run commands until end of input, a read error or cmdline_quit().
 * @param cl the command line; NULL is ignored.
 */
void cmdline_interact(struct cmdline *cl);

/**
 * Make cmdline_interact() return once the current command is done (for
 * use from a command's callback); the command line is RDLINE_EXITED from
 * then on. NULL is ignored.
 * @param cl the command line.
 */
void cmdline_quit(struct cmdline *cl);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _CMDLINE_H_ */
