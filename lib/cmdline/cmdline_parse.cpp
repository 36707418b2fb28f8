/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A line is tried against every instruction of the table, in order. Each
 * try gives one of three answers: the first word was refused (the
 * instruction is not about this line), the whole line was taken (a match),
 * or some words were taken and then one was refused, missing or extra (the
 * user meant this command but got its arguments wrong). The verdict:
 * exactly one match runs it; two are ambiguous; none is "bad arguments"
 * when some instruction took a word, else "not found". The first match's
 * result buffer is kept while the rest of the table is checked in a second
 * buffer, so the callback sees the right values.
 */

#include <stddef.h>
#include <string.h>

#include "cmdline_private.h"

namespace {

bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

bool
is_end_of_line(char c)
{
	return c == '\n' || c == '\r';
}

const char *
skip_blanks(const char *p)
{
	while (is_blank(*p))
		p++;
	return p;
}

constexpr int inst_refused = -1; /* the first word is not for it */
constexpr int inst_matched = 0;

/* Number of tokens taken before a refusal (> 0), inst_matched or
 * inst_refused. @p res is CMDLINE_PARSE_RESULT_BUFSIZE bytes. */
int
match_inst(const cmdline_parse_inst_t *inst, const char *p, char *res)
{
	memset(res, 0, CMDLINE_PARSE_RESULT_BUFSIZE);
	int taken = 0;
	cmdline_parse_token_hdr_t *tk;
	for (; (tk = inst->tokens[taken]) != nullptr; taken++) {
		p = skip_blanks(p);
		if (cmdline_isendofcommand(*p))
			break;
		if (tk->ops == nullptr || tk->ops->parse == nullptr ||
		    tk->offset >= CMDLINE_PARSE_RESULT_BUFSIZE) {
			CMDLINE_LOG(ERR,
				    "command \"%s\": token %d has no parse function or its "
				    "offset %u is past the %d-byte result; fix the table",
				    inst->help_str != nullptr ? inst->help_str : "", taken,
				    tk->offset, CMDLINE_PARSE_RESULT_BUFSIZE);
			break;
		}
		int n = tk->ops->parse(tk, p, res + tk->offset,
				       CMDLINE_PARSE_RESULT_BUFSIZE - tk->offset);
		if (n <= 0)
			break;
		p += n;
	}
	if (taken == 0)
		return inst_refused;
	if (tk != nullptr)
		return taken; /* a token is left without its word */
	p = skip_blanks(p);
	return cmdline_isendofcommand(*p) ? inst_matched : taken;
}

/* Length of the line at @p buf with its end-of-line bytes; 0 when there is
 * no end of line; *has_words says whether there is anything but blanks and
 * a comment before it. */
int
line_length(const char *buf, bool *has_words)
{
	bool comment = false;
	int len = 0;
	*has_words = false;
	for (; !is_end_of_line(buf[len]); len++) {
		if (buf[len] == '\0')
			return 0;
		if (buf[len] == '#')
			comment = true;
		else if (!comment && !is_blank(buf[len]))
			*has_words = true;
	}
	while (is_end_of_line(buf[len]))
		len++;
	return len;
}

union result_buf {
	char buf[CMDLINE_PARSE_RESULT_BUFSIZE];
	max_align_t align; /* the callback reads it as its own struct */
};

int
parse_line(struct cmdline *cl, const char *buf, bool run)
{
	if (cl == nullptr || buf == nullptr)
		return CMDLINE_PARSE_BAD_ARGS;
	bool has_words;
	int len = line_length(buf, &has_words);
	if (len == 0 || !has_words)
		return len;

	/* on the stack: a callback may parse again (a script command) */
	result_buf result, scratch;
	const cmdline_parse_inst_t *found = nullptr;
	int err = CMDLINE_PARSE_NOMATCH;
	for (cmdline_parse_ctx_t *inst = cl->ctx; *inst != nullptr; inst++) {
		int ret = match_inst(*inst, buf, found == nullptr ? result.buf : scratch.buf);
		if (ret > 0) {
			err = CMDLINE_PARSE_BAD_ARGS;
		} else if (ret == inst_matched) {
			if (found != nullptr)
				return CMDLINE_PARSE_AMBIGUOUS;
			found = *inst;
		}
	}
	if (found == nullptr)
		return err;
	if (run && found->f != nullptr)
		found->f(result.buf, cl, found->data);
	return len;
}

} // namespace

int
cmdline_isendoftoken(char c)
{
	return c == '\0' || c == '#' || is_blank(c) || is_end_of_line(c);
}

int
cmdline_isendofcommand(char c)
{
	return c == '\0' || c == '#' || is_end_of_line(c);
}

int
cmdline_parse(struct cmdline *cl, const char *buf)
{
	return parse_line(cl, buf, true);
}

int
cmdline_parse_check(struct cmdline *cl, const char *buf)
{
	return parse_line(cl, buf, false);
}
