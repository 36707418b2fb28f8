/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Command lines reading the terminal or a file.
 */

#ifndef _CMDLINE_SOCKET_H_
#define _CMDLINE_SOCKET_H_

#pragma GCC visibility push(default)

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A command line reading commands from the file at @p path and writing to
 * standard output; cmdline_free() closes the file.
 * @param ctx the command table, NULL-terminated.
 * @param prompt printed before each line.
 * @param path the file to read.
 * @return the command line, or NULL with rte_errno set (EINVAL for a NULL
 *   argument, or the errno of open(2)), after one log line.
 */
struct cmdline *cmdline_file_new(cmdline_parse_ctx_t *ctx, const char *prompt, const char *path);

/**
 * A command line on standard input and output. When standard input is a
 * terminal it is switched to byte-at-a-time input without echo (the line
 * editor echoes), signals kept; cmdline_stdin_exit() restores it. When it is
 * not a terminal (a pipe, a file) nothing is echoed.
 * @param ctx the command table, NULL-terminated.
 * @param prompt printed before each line.
 * @return the command line, or NULL with rte_errno set (EINVAL, ENOMEM).
 */
struct cmdline *cmdline_stdin_new(cmdline_parse_ctx_t *ctx, const char *prompt);

/**
 * Restore the terminal as cmdline_stdin_new() found it and free @p cl.
 * NULL is ignored.
 * @param cl a command line from cmdline_stdin_new().
 */
void cmdline_stdin_exit(struct cmdline *cl);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _CMDLINE_SOCKET_H_ */
