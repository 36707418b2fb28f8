/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The line editor keeps one flat buffer and appends or removes at its end:
 * there is no cursor, so every edit is at the end of the line and the
 * screen is kept right by writing the byte (or "\b \b" to erase one).
 * Escape sequences from arrow and function keys are swallowed whole (ESC,
 * then everything up to the final byte of a CSI sequence) so they do not
 * turn into stray text. Validation hands the line over with a '\n'
 * appended, the form cmdline_parse() expects.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_string_fns.h>

#include "cmdline_private.h"

namespace {

constexpr char key_ctrl_d = 0x04;
constexpr char key_backspace = 0x08;
constexpr char key_escape = 0x1b;
constexpr char key_delete = 0x7f;

void
put(struct rdline *rdl, const char *s)
{
	for (; *s != '\0'; s++)
		rdl->write_char(rdl, *s);
}

void
echo(struct rdline *rdl, const char *s)
{
	if (rdl->echo)
		put(rdl, s);
}

/* ESC '[' parameters... then a final byte in '@'..'~' (a CSI sequence, as
 * arrow keys send); ESC followed by anything else is a two-byte sequence
 * (Alt+key). */
void
skip_escape(struct rdline *rdl, char c)
{
	if (rdl->escape == 1)
		rdl->escape = c == '[' ? 2 : 0;
	else if (c >= '@' && c <= '~')
		rdl->escape = 0;
}

int
validate(struct rdline *rdl)
{
	rdl->buf[rdl->len] = '\n';
	rdl->buf[rdl->len + 1] = '\0';
	echo(rdl, "\r\n");
	rdl->validate(rdl, rdl->buf, rdl->len + 1);
	rdl->len = 0;
	return rdl->status == RDLINE_EXITED ? RDLINE_RES_EXITED : RDLINE_RES_VALIDATED;
}

} // namespace

void
dpkit_rdline_init(struct rdline *rdl, rdline_write_char_t *write_char,
		  rdline_validate_t *validate_fn, void *opaque)
{
	memset(rdl, 0, sizeof(*rdl));
	rdl->status = RDLINE_INIT;
	rdl->echo = true;
	rdl->write_char = write_char;
	rdl->validate = validate_fn;
	rdl->opaque = opaque;
}

struct rdline *
rdline_new(rdline_write_char_t *write_char, rdline_validate_t *validate_fn,
	   rdline_complete_t *complete, void *opaque)
{
	(void)complete; /* no tab completion: see cmdline_rdline.h */
	if (write_char == nullptr || validate_fn == nullptr) {
		CMDLINE_LOG(ERR, "rdline_new: write_char and validate callbacks are required");
		rte_errno = EINVAL;
		return nullptr;
	}
	auto *rdl = static_cast<struct rdline *>(malloc(sizeof(struct rdline)));
	if (rdl == nullptr) {
		rte_errno = ENOMEM;
		return nullptr;
	}
	dpkit_rdline_init(rdl, write_char, validate_fn, opaque);
	return rdl;
}

void
rdline_free(struct rdline *rdl)
{
	free(rdl);
}

void
rdline_newline(struct rdline *rdl, const char *prompt)
{
	if (rdl == nullptr)
		return;
	strlcpy(rdl->prompt, prompt != nullptr ? prompt : "", sizeof(rdl->prompt));
	rdl->len = 0;
	rdl->buf[0] = '\0';
	rdl->escape = 0;
	rdl->status = RDLINE_RUNNING;
	put(rdl, rdl->prompt);
}

void
rdline_stop(struct rdline *rdl)
{
	if (rdl != nullptr)
		rdl->status = RDLINE_INIT;
}

void
rdline_quit(struct rdline *rdl)
{
	if (rdl != nullptr)
		rdl->status = RDLINE_EXITED;
}

void
rdline_restart(struct rdline *rdl)
{
	if (rdl != nullptr)
		rdl->status = RDLINE_RUNNING;
}

void
rdline_reset(struct rdline *rdl)
{
	if (rdl == nullptr)
		return;
	rdl->len = 0;
	rdl->buf[0] = '\0';
	rdl->escape = 0;
	rdl->status = RDLINE_RUNNING;
}

int
rdline_char_in(struct rdline *rdl, char c)
{
	if (rdl == nullptr)
		return RDLINE_RES_NOT_RUNNING;
	if (rdl->status == RDLINE_EXITED)
		return RDLINE_RES_EXITED;
	if (rdl->status != RDLINE_RUNNING)
		return RDLINE_RES_NOT_RUNNING;
	if (rdl->escape != 0) {
		skip_escape(rdl, c);
		return RDLINE_RES_SUCCESS;
	}
	switch (c) {
	case '\n':
	case '\r': return validate(rdl);
	case key_ctrl_d: return rdl->len == 0 ? RDLINE_RES_EOF : RDLINE_RES_SUCCESS;
	case key_backspace:
	case key_delete:
		if (rdl->len > 0) {
			rdl->buf[--rdl->len] = '\0';
			echo(rdl, "\b \b");
		}
		return RDLINE_RES_SUCCESS;
	case key_escape: rdl->escape = 1; return RDLINE_RES_SUCCESS;
	default: break;
	}
	if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
		return RDLINE_RES_SUCCESS; /* other control bytes: no editing function */
	if (rdl->len + 2 >= DPKIT_RDLINE_BUF_SIZE)
		return RDLINE_RES_SUCCESS; /* full: keep room for '\n' and NUL */
	rdl->buf[rdl->len++] = c;
	rdl->buf[rdl->len] = '\0';
	const char one[2] = {c, '\0'};
	echo(rdl, one);
	return RDLINE_RES_SUCCESS;
}

const char *
rdline_get_buffer(struct rdline *rdl)
{
	return rdl != nullptr ? rdl->buf : nullptr;
}

void *
rdline_get_opaque(struct rdline *rdl)
{
	return rdl != nullptr ? rdl->opaque : nullptr;
}
