/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Matching a command line against a table of instructions.
 *
 * An instruction (cmdline_parse_inst_t) is a NULL-terminated list of tokens
 * and a callback. Each token knows how to recognise one word of the line
 * and where to store what it read: at its offset inside a result buffer of
 * CMDLINE_PARSE_RESULT_BUFSIZE bytes, which the application sees as its
 * own result struct. A line matches an instruction when every token takes
 * one word, in order, and nothing but blanks or a '#' comment is left.
 *
 * The table (cmdline_parse_ctx_t[]) is read in order and never modified.
 * Tokens are plain data, so tables are usually static initialisers built
 * with the TOKEN_*_INITIALIZER macros of the token headers.
 *
 * Subset note: dpkit has no tab completion (cmdline_complete) and does not
 * build tokens at run time (DPDK's "dynamic tokens", an instruction with
 * tokens[0] NULL; such an instruction never matches). The completion
 * members of struct cmdline_token_ops are kept for layout and may be NULL.
 */

#ifndef _CMDLINE_PARSE_H_
#define _CMDLINE_PARSE_H_

#pragma GCC visibility push(default)

#include <stddef.h>

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef offsetof
/** Byte offset of @p field in @p type (normally from <stddef.h>). */
#define offsetof(type, field) __builtin_offsetof(type, field)
#endif

/** The line matched one instruction and its callback ran. */
#define CMDLINE_PARSE_SUCCESS 0
/** More than one instruction matched the whole line. */
#define CMDLINE_PARSE_AMBIGUOUS (-1)
/** No instruction accepted the first word. */
#define CMDLINE_PARSE_NOMATCH (-2)
/** An instruction took the first word but not the rest of the line. */
#define CMDLINE_PARSE_BAD_ARGS (-3)

/** Size of the buffer the tokens write their results into. */
#define CMDLINE_PARSE_RESULT_BUFSIZE 8192

struct cmdline_token_ops;

/** What every token starts with. */
struct cmdline_token_hdr {
	struct cmdline_token_ops *ops; /**< the token's type */
	unsigned int offset;           /**< where its result goes in the result buffer */
};
/** A token, seen through its header. */
typedef struct cmdline_token_hdr cmdline_parse_token_hdr_t;

/**
 * What a token type does.
 *
 * parse(token, text, result, result size) reads one word at the start of
 * text and returns how many bytes it took, or a negative value when the
 * word is not for this token; result may be NULL (check only).
 * complete_get_nb(token) returns how many fixed choices the token has (0:
 * none, it cannot be completed); complete_get_elt(token, i, buf, size)
 * writes choice i and returns 0, or a negative value. get_help(token, buf,
 * size) writes a short description and returns 0, or a negative value.
 * The three last members may be NULL.
 */
struct cmdline_token_ops {
	/** read one word; see above */
	int (*parse)(cmdline_parse_token_hdr_t *, const char *, void *, unsigned int);
	/** number of fixed choices */
	int (*complete_get_nb)(cmdline_parse_token_hdr_t *);
	/** choice number i */
	int (*complete_get_elt)(cmdline_parse_token_hdr_t *, int, char *, unsigned int);
	/** short description */
	int (*get_help)(cmdline_parse_token_hdr_t *, char *, unsigned int);
};

struct cmdline;

/** One command: its words and what to do when a line matches them. */
struct cmdline_inst {
	/** called with the result buffer, the command line and @p data */
	void (*f)(void *, struct cmdline *, void *);
	void *data;                          /**< third argument of @p f */
	const char *help_str;                /**< one line describing the command */
	cmdline_parse_token_hdr_t *tokens[]; /**< the words, NULL-terminated */
};
/** One command. */
typedef struct cmdline_inst cmdline_parse_inst_t;

/** An entry of a command table; the table ends with a NULL entry. */
typedef cmdline_parse_inst_t *cmdline_parse_ctx_t;

/**
 * Match one line against the command table of @p cl and, when exactly one
 * instruction matches, call its callback with the parsed result.
 *
 * The line must end with LF or CR; text without one is taken as
 * incomplete. A line holding only blanks or a comment is accepted and does
 * nothing. Nothing is printed: cmdline_in() prints the error messages.
 * @param cl the command line (its table is used).
 * @param buf the line, NUL-terminated.
 * @return
 *   - > 0: length of the line handled (including its end-of-line bytes)
 *   - 0: @p buf holds no complete line yet
 *   - CMDLINE_PARSE_AMBIGUOUS, CMDLINE_PARSE_NOMATCH, CMDLINE_PARSE_BAD_ARGS:
 *     no callback ran
 *   - CMDLINE_PARSE_BAD_ARGS also when @p cl or @p buf is NULL
 */
int cmdline_parse(struct cmdline *cl, const char *buf);

/**
 * cmdline_parse() without calling the callback.
 * @param cl the command line.
 * @param buf the line, NUL-terminated.
 * @return as cmdline_parse().
 */
__rte_experimental int cmdline_parse_check(struct cmdline *cl, const char *buf);

/**
 * @param c a character.
 * @return non-zero when @p c ends a word: NUL, blank, '#', LF or CR.
 */
int cmdline_isendoftoken(char c);

/**
 * @param c a character.
 * @return non-zero when @p c ends a command: NUL, '#', LF or CR.
 */
int cmdline_isendofcommand(char c);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _CMDLINE_PARSE_H_ */
