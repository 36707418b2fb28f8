/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * String tokens.
 *
 * A string token takes one of three forms, chosen by its str member:
 *  - NULL: any word (up to the next blank, '#' or end of line);
 *  - "a#b#c": exactly one of the listed words, whole (a prefix does not
 *    match); a single word is the one-choice case ("send");
 *  - TOKEN_STRING_MULTI (""): everything up to the end of the command
 *    (blanks included, a '#' comment excluded).
 * The word is stored NUL-terminated at the token's offset, in a
 * cmdline_fixed_string_t (or a cmdline_multi_string_t for the last form).
 * A word of STR_TOKEN_SIZE - 1 bytes or more is rejected.
 */

#ifndef _PARSE_STRING_H_
#define _PARSE_STRING_H_

#pragma GCC visibility push(default)

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Size of the result of a one-word string token. */
#define STR_TOKEN_SIZE 128
/** Size of the result of a TOKEN_STRING_MULTI token. */
#define STR_MULTI_TOKEN_SIZE 4096

/** Result of a one-word string token. */
typedef char cmdline_fixed_string_t[STR_TOKEN_SIZE];
/** Result of a TOKEN_STRING_MULTI token. */
typedef char cmdline_multi_string_t[STR_MULTI_TOKEN_SIZE];

/** What a string token accepts. */
struct cmdline_token_string_data {
	const char *str; /**< NULL, "choice#choice...", or TOKEN_STRING_MULTI */
};

/** A string token. */
struct cmdline_token_string {
	struct cmdline_token_hdr hdr;                 /**< type and result offset */
	struct cmdline_token_string_data string_data; /**< what it accepts */
};
/** A string token. */
typedef struct cmdline_token_string cmdline_parse_token_string_t;

/** The type of string tokens. */
extern struct cmdline_token_ops cmdline_token_string_ops;

/**
 * Read one string word (see the file comment for the three forms).
 * @param tk the token (a struct cmdline_token_string).
 * @param srcbuf the text, starting at the word.
 * @param res where the word goes, or NULL to check only.
 * @param ressize size of @p res: at least STR_TOKEN_SIZE, or
 *   STR_MULTI_TOKEN_SIZE for TOKEN_STRING_MULTI.
 * @return the number of bytes taken, or -1 when the word does not match,
 *   is too long or empty, or @p res is too small.
 */
int cmdline_parse_string(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res,
			 unsigned ressize);

/**
 * Describe a string token: its choices, or what kind of word it takes.
 * @param tk the token.
 * @param dstbuf where the text goes (truncated to fit, NUL-terminated).
 * @param size size of @p dstbuf.
 * @return 0, or -1 when an argument is NULL or @p size is 0.
 */
int cmdline_get_help_string(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size);

/** str of a token that takes the rest of the command. */
#define TOKEN_STRING_MULTI ""

/**
 * Initialiser of a cmdline_parse_token_string_t.
 * @param structure the result struct type.
 * @param field its member receiving the word.
 * @param string NULL, "choice#choice...", or TOKEN_STRING_MULTI.
 */
#define TOKEN_STRING_INITIALIZER(structure, field, string) \
	{ \
		{&cmdline_token_string_ops, offsetof(structure, field)}, \
		{ \
			string \
		} \
	}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _PARSE_STRING_H_ */
