/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * JSON rendering of a reply under a byte budget.
 *
 * Each value is rendered into its own string and appended only if it fits
 * the budget with room left for the closing brackets, so whatever a callback
 * adds, the reply is valid JSON of at most DPKIT_TELEMETRY_MAX_OUTPUT_LEN
 * bytes; values that do not fit are left out (a later, shorter one may still
 * go in), as DPDK does. Strings are escaped fully (quote, backslash, every
 * control character), so any command name or value yields parseable JSON.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <new>

#include "telemetry_private.h"

namespace dpkit::telemetry_detail {

namespace {

std::string
number(const tel_value &v)
{
	char buf[32];
	if (v.type == RTE_TEL_U64_VAL)
		snprintf(buf, sizeof(buf), "%" PRIu64, v.uval);
	else
		snprintf(buf, sizeof(buf), "%" PRId64, v.ival);
	return buf;
}

std::string render_value(const rte_tel_data *d, size_t budget);

/* One array element or dict value, without its name. */
std::string
element(const tel_value &v, size_t budget)
{
	switch (v.type) {
	case RTE_TEL_STRING_VAL: return json_quote(v.sval.data(), v.sval.size());
	case RTE_TEL_CONTAINER: return render_value(v.child, budget);
	default: return number(v);
	}
}

/* The whole value of d in at most budget bytes ("" if even the empty
 * container does not fit). */
std::string
render_value(const rte_tel_data *d, size_t budget)
{
	std::string out;
	if (d == nullptr || d->kind == tel_kind::none) {
		out = "null";
	} else if (d->kind == tel_kind::string) {
		out = json_quote(d->str.data(), d->str.size());
	} else {
		bool dict = d->kind == tel_kind::dict;
		out.assign(1,
			   dict ? '{' : '['); /* not operator=(const char *): GCC 12 -Wrestrict */
		for (const tel_value &v : d->values) {
			if (out.size() + 2 > budget)
				break;
			size_t room = budget - out.size() - 2; /* separator and closer */
			std::string item = dict ? json_quote(v.name.data(), v.name.size()) + ":"
						: "";
			if (item.size() >= room)
				continue;
			std::string val = element(v, room - item.size());
			if (val.empty() || item.size() + val.size() > room)
				continue;
			if (out.size() > 1)
				out += ',';
			out += item;
			out += val;
		}
		out += dict ? '}' : ']';
	}
	return out.size() <= budget ? out : std::string();
}

} // namespace

std::string
json_quote(const char *s, size_t len)
{
	std::string out;
	out.reserve(len + 2);
	out += '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = static_cast<unsigned char>(s[i]);
		switch (c) {
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		case '\n': out += "\\n"; break;
		case '\r': out += "\\r"; break;
		case '\t': out += "\\t"; break;
		default:
			if (c < 0x20) {
				char esc[8];
				snprintf(esc, sizeof(esc), "\\u%04x", c);
				out += esc;
			} else {
				out += static_cast<char>(c);
			}
		}
	}
	out += '"';
	return out;
}

size_t
render_reply(const char *cmd, const rte_tel_data *d, char *out, size_t out_len)
{
	std::string text;
	try {
		std::string key = json_quote(cmd, strnlen(cmd, max_cmd_len - 1));
		size_t fixed = key.size() + 3; /* '{' ':' '}' */
		std::string val;
		if (out_len > fixed + 1)
			val = render_value(d, out_len - 1 - fixed);
		if (val.empty())
			val = "null"; /* not even "[]" fits: say nothing */
		text = "{" + key + ":" + val + "}";
	} catch (const std::bad_alloc &) {
		text = "{\"error\":null}";
	}
	size_t n = text.size() < out_len ? text.size() : out_len - 1;
	memcpy(out, text.data(), n);
	out[n] = '\0';
	return n;
}

} // namespace dpkit::telemetry_detail
