/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_HEXDUMP_H_
#define _RTE_HEXDUMP_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Printing memory for debugging: rte_hexdump() as an offset / hex / text
 * table, rte_memdump() as one run of colon-separated bytes. Both write
 * the whole dump and flush the stream before they return; both may be
 * called from any thread.
 */

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Print @p len bytes from @p buf to @p f: a heading line with @p title
 * (a default title when NULL), the address and the length, then one line
 * per 16 bytes with the offset, the bytes in hexadecimal and the bytes as
 * text (a '.' for each byte that is not printable ASCII).
 *
 * @param f      stream to write to; NULL writes nothing and logs an error
 * @param title  heading, or NULL
 * @param buf    memory to print (not read when @p len is 0)
 * @param len    number of bytes
 */
void rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len);

/**
 * Print @p len bytes from @p buf to @p f on one line, as two hexadecimal
 * digits per byte separated by ':', after "<title>: " when @p title is
 * not NULL, and end the line.
 *
 * @param f      stream to write to; NULL writes nothing and logs an error
 * @param title  prefix, or NULL for none
 * @param buf    memory to print (not read when @p len is 0)
 * @param len    number of bytes
 */
void rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_HEXDUMP_H_ */
