/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_hexdump / rte_memdump. Each output line is composed in a local buffer
 * and written with one fputs, so dumps from two threads to one stream
 * interleave by whole lines at worst.
 */

#include <stdio.h>

#include <rte_hexdump.h>
#include <rte_log.h>

#include "eal_log_macros.h"

namespace {

constexpr unsigned int bytes_per_row = 16;
constexpr char hex_digits[] = "0123456789ABCDEF";

bool
stream_given(FILE *f, const char *what)
{
	if (f != nullptr)
		return true;
	EAL_LOG(ERR, "%s: no stream given (FILE * is NULL); pass stdout or an open file", what);
	return false;
}

/* One row: "OOOOOOOO: HH HH ... | text", bytes past the end as blanks so
 * that the text column lines up on the last row too. */
void
hexdump_row(FILE *f, const unsigned char *row, unsigned int offset, unsigned int n)
{
	char line[8 + 1 + 3 * bytes_per_row + 3 + bytes_per_row + 2];
	int pos = snprintf(line, sizeof(line), "%08X:", offset);

	for (unsigned int i = 0; i < bytes_per_row; i++) {
		line[pos++] = ' ';
		line[pos++] = i < n ? hex_digits[row[i] >> 4] : ' ';
		line[pos++] = i < n ? hex_digits[row[i] & 0xf] : ' ';
	}
	line[pos++] = ' ';
	line[pos++] = '|';
	line[pos++] = ' ';
	for (unsigned int i = 0; i < n; i++)
		line[pos++] = row[i] >= ' ' && row[i] <= '~' ? (char)row[i] : '.';
	line[pos++] = '\n';
	line[pos] = '\0';
	fputs(line, f);
}

} // namespace

extern "C" {

void
rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	if (!stream_given(f, "rte_hexdump"))
		return;
	const auto *data = static_cast<const unsigned char *>(buf);

	fprintf(f, "%s at [%p], len=%u\n", title != nullptr ? title : "  Dump data", buf, len);
	for (unsigned int offset = 0; offset < len; offset += bytes_per_row) {
		unsigned int n = len - offset < bytes_per_row ? len - offset : bytes_per_row;
		hexdump_row(f, data + offset, offset, n);
	}
	fflush(f);
}

void
rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	if (!stream_given(f, "rte_memdump"))
		return;
	const auto *data = static_cast<const unsigned char *>(buf);

	if (title != nullptr)
		fprintf(f, "%s: ", title);
	/* in chunks of whole bytes: "hh:" is three characters */
	char chunk[3 * 64 + 1];
	unsigned int pos = 0;
	for (unsigned int i = 0; i < len; i++) {
		chunk[pos++] = "0123456789abcdef"[data[i] >> 4];
		chunk[pos++] = "0123456789abcdef"[data[i] & 0xf];
		if (i + 1 < len)
			chunk[pos++] = ':';
		if (pos + 3 >= sizeof(chunk)) {
			chunk[pos] = '\0';
			fputs(chunk, f);
			pos = 0;
		}
	}
	chunk[pos++] = '\n';
	chunk[pos] = '\0';
	fputs(chunk, f);
	fflush(f);
}

} // extern "C"
