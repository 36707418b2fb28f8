/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_hexdump() and rte_memdump() for DPDK test sources built by
 * devtools/run-dpdk-autotests.sh, used only while dpkit has no
 * <rte_hexdump.h> of its own: the script puts this directory after
 * dpkit's include directories (-idirafter), so a real one wins.
 */

#ifndef _RTE_HEXDUMP_H_
#define _RTE_HEXDUMP_H_

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>

/* Dump @p len bytes at @p buf to @p f under @p title: offset, 16 bytes in hex, then as text. */
static inline void
rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const uint8_t *p = (const uint8_t *)buf;

	if (f == NULL)
		f = stdout;
	fprintf(f, "%s at [%p], len=%u\n", title != NULL ? title : "", buf, len);
	for (unsigned int off = 0; off < len; off += 16) {
		fprintf(f, "%08X:", off);
		for (unsigned int i = off; i < off + 16; i++) {
			if (i < len)
				fprintf(f, " %02X", p[i]);
			else
				fprintf(f, "   ");
		}
		fprintf(f, " | ");
		for (unsigned int i = off; i < off + 16 && i < len; i++)
			fputc(isprint(p[i]) ? p[i] : '.', f);
		fputc('\n', f);
	}
	fflush(f);
}

/* Dump @p len bytes at @p buf to @p f under @p title, in hex only. */
static inline void
rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const uint8_t *p = (const uint8_t *)buf;

	if (f == NULL)
		f = stdout;
	if (title != NULL)
		fprintf(f, "%s: ", title);
	for (unsigned int i = 0; i < len; i++)
		fprintf(f, "%02x%s", p[i], i + 1 < len ? ":" : "");
	fputc('\n', f);
	fflush(f);
}

#endif /* _RTE_HEXDUMP_H_ */
