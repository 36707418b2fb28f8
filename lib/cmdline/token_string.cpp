/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * String tokens: a word is measured first (up to the end of the word, or of
 * the command for TOKEN_STRING_MULTI), then compared whole with each of the
 * '#'-separated choices, so "sen" does not match "send".
 */

#include <stdio.h>
#include <string.h>

#include <cmdline_parse_string.h>
#include <rte_string_fns.h>

namespace {

const char *
choices_of(cmdline_parse_token_hdr_t *tk)
{
	return reinterpret_cast<struct cmdline_token_string *>(tk)->string_data.str;
}

bool
is_multi(const char *str)
{
	return str != nullptr && str[0] == '\0';
}

/* Whether the @p len bytes at @p word are one of the choices in @p str. */
bool
is_choice(const char *str, const char *word, size_t len)
{
	for (;;) {
		const char *end = strchrnul(str, '#');
		if (static_cast<size_t>(end - str) == len && len > 0 && memcmp(str, word, len) == 0)
			return true;
		if (*end == '\0')
			return false;
		str = end + 1;
	}
}

} // namespace

struct cmdline_token_ops cmdline_token_string_ops = {
	cmdline_parse_string,
	nullptr,
	nullptr,
	cmdline_get_help_string,
};

int
cmdline_parse_string(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res, unsigned ressize)
{
	if (tk == nullptr || srcbuf == nullptr)
		return -1;
	const char *str = choices_of(tk);
	size_t limit = is_multi(str) ? STR_MULTI_TOKEN_SIZE : STR_TOKEN_SIZE;
	if (res != nullptr && ressize < limit)
		return -1;
	size_t len = 0;
	if (is_multi(str)) {
		while (!cmdline_isendofcommand(srcbuf[len]))
			len++;
	} else {
		while (!cmdline_isendoftoken(srcbuf[len]))
			len++;
	}
	if (len == 0 || len >= limit - 1)
		return -1;
	if (str != nullptr && !is_multi(str) && !is_choice(str, srcbuf, len))
		return -1;
	if (res != nullptr) {
		memcpy(res, srcbuf, len);
		static_cast<char *>(res)[len] = '\0';
	}
	return static_cast<int>(len);
}

int
cmdline_get_help_string(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == nullptr || dstbuf == nullptr || size == 0)
		return -1;
	const char *str = choices_of(tk);
	if (str == nullptr)
		strlcpy(dstbuf, "any word", size);
	else if (is_multi(str))
		strlcpy(dstbuf, "words to the end of the line", size);
	else if (strchr(str, '#') == nullptr)
		strlcpy(dstbuf, str, size);
	else
		snprintf(dstbuf, size, "one of %s", str);
	return 0;
}
