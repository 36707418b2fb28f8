/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Number tokens: the word is read into a 64-bit magnitude (refusing
 * overflow), with its sign and base taken from the prefix, then checked
 * against the range of the token's type and stored in that type's width.
 */

#include <stdint.h>
#include <string.h>

#include <cmdline_parse_num.h>
#include <rte_string_fns.h>

#include <eal_hex.h>

namespace {

struct num_type {
	const char *name;
	unsigned int size;
	bool is_signed;
	uint64_t max; /* largest positive value */
};

constexpr num_type num_types[] = {
	{"UINT8", 1, false, UINT8_MAX},   {"UINT16", 2, false, UINT16_MAX},
	{"UINT32", 4, false, UINT32_MAX}, {"UINT64", 8, false, UINT64_MAX},
	{"INT8", 1, true, INT8_MAX},      {"INT16", 2, true, INT16_MAX},
	{"INT32", 4, true, INT32_MAX},    {"INT64", 8, true, INT64_MAX},
};

const num_type *
type_of(cmdline_parse_token_hdr_t *tk)
{
	/* read as a plain integer: a table may hold a value outside the enum */
	unsigned int i;
	static_assert(sizeof(i) == sizeof(enum cmdline_numtype), "enum width");
	memcpy(&i, &reinterpret_cast<struct cmdline_token_num *>(tk)->num_data.type, sizeof(i));
	return i < sizeof(num_types) / sizeof(num_types[0]) ? &num_types[i] : nullptr;
}

/* Reads "[-]digits" with its base prefix; returns the bytes taken, or -1
 * when the word is not a number or does not fit 64 bits. */
int
read_number(const char *src, bool *negative, uint64_t *magnitude)
{
	const char *p = src;
	*negative = *p == '-';
	if (*negative)
		p++;
	unsigned int base = 10;
	if (p[0] == '0' && !*negative) {
		if (p[1] == 'x' || p[1] == 'X')
			base = 16, p += 2;
		else if (p[1] == 'b' || p[1] == 'B')
			base = 2, p += 2;
		else if (p[1] >= '0' && p[1] <= '9')
			base = 8, p += 1;
	}
	const char *digits = p;
	uint64_t v = 0;
	for (; !cmdline_isendoftoken(*p); p++) {
		/* not a digit (-1) wraps past every base: refused below */
		auto d = static_cast<unsigned int>(dpkit::hex_digit(*p));
		if (d >= base || v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	if (p == digits)
		return -1;
	*magnitude = v;
	return static_cast<int>(p - src);
}

void
store(void *res, const num_type *t, bool negative, uint64_t magnitude)
{
	/* two's complement: the low bytes of -magnitude are the value */
	uint64_t v = negative ? 0 - magnitude : magnitude;
	uint8_t u8 = static_cast<uint8_t>(v);
	uint16_t u16 = static_cast<uint16_t>(v);
	uint32_t u32 = static_cast<uint32_t>(v);
	switch (t->size) {
	case 1: memcpy(res, &u8, 1); break;
	case 2: memcpy(res, &u16, 2); break;
	case 4: memcpy(res, &u32, 4); break;
	default: memcpy(res, &v, 8); break;
	}
}

} // namespace

struct cmdline_token_ops cmdline_token_num_ops = {
	cmdline_parse_num,
	nullptr,
	nullptr,
	cmdline_get_help_num,
};

int
cmdline_parse_num(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res, unsigned ressize)
{
	if (tk == nullptr || srcbuf == nullptr)
		return -1;
	const num_type *t = type_of(tk);
	if (t == nullptr || (res != nullptr && ressize < t->size))
		return -1;
	bool negative;
	uint64_t magnitude;
	int len = read_number(srcbuf, &negative, &magnitude);
	if (len < 0)
		return -1;
	if (negative ? !t->is_signed || magnitude > t->max + 1 : magnitude > t->max)
		return -1;
	if (res != nullptr)
		store(res, t, negative, magnitude);
	return len;
}

int
cmdline_get_help_num(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == nullptr || dstbuf == nullptr || size == 0)
		return -1;
	const num_type *t = type_of(tk);
	if (t == nullptr)
		return -1;
	strlcpy(dstbuf, t->name, size);
	return 0;
}
