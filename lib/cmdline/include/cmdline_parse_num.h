/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Number tokens.
 *
 * A number is written in decimal ("42", "-7" for signed types only), in
 * hexadecimal ("0x2a"), in binary ("0b101010") or in octal with a leading
 * zero ("052"). It must end at a word boundary and fit its type; the value
 * is stored at the token's offset in the type's own width (uint8_t for
 * RTE_UINT8 and so on).
 */

#ifndef _PARSE_NUM_H_
#define _PARSE_NUM_H_

#pragma GCC visibility push(default)

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The integer type a number token produces. */
enum cmdline_numtype {
	RTE_UINT8 = 0, /**< uint8_t */
	RTE_UINT16,    /**< uint16_t */
	RTE_UINT32,    /**< uint32_t */
	RTE_UINT64,    /**< uint64_t */
	RTE_INT8,      /**< int8_t */
	RTE_INT16,     /**< int16_t */
	RTE_INT32,     /**< int32_t */
	RTE_INT64      /**< int64_t */
};

/** What a number token accepts. */
struct cmdline_token_num_data {
	enum cmdline_numtype type; /**< the result type, which sets the range */
};

/** A number token. */
struct cmdline_token_num {
	struct cmdline_token_hdr hdr;           /**< type and result offset */
	struct cmdline_token_num_data num_data; /**< what it accepts */
};
/** A number token. */
typedef struct cmdline_token_num cmdline_parse_token_num_t;

/** The type of number tokens. */
extern struct cmdline_token_ops cmdline_token_num_ops;

/**
 * Read one number.
 * @param tk the token (a struct cmdline_token_num).
 * @param srcbuf the text, starting at the number.
 * @param res where the value goes, or NULL to check only.
 * @param ressize size of @p res: at least the size of the type.
 * @return the number of bytes taken, or -1 when the word is not a number,
 *   is out of the type's range, the type is unknown or @p res is too small.
 */
int cmdline_parse_num(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res,
		      unsigned ressize);

/**
 * Name the type of a number token ("UINT16" and so on).
 * @param tk the token.
 * @param dstbuf where the text goes (truncated to fit, NUL-terminated).
 * @param size size of @p dstbuf.
 * @return 0, or -1 when an argument is NULL, @p size is 0 or the type is
 *   unknown.
 */
int cmdline_get_help_num(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size);

/**
 * Initialiser of a cmdline_parse_token_num_t.
 * @param structure the result struct type.
 * @param field its member receiving the value.
 * @param numtype an enum cmdline_numtype.
 */
#define TOKEN_NUM_INITIALIZER(structure, field, numtype) \
	{ \
		{&cmdline_token_num_ops, offsetof(structure, field)}, \
		{ \
			numtype \
		} \
	}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _PARSE_NUM_H_ */
