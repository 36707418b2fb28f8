/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * A minimal line editor: bytes in, whole lines out.
 *
 * An rdline collects the bytes given to rdline_char_in() into a line of at
 * most 510 bytes (longer input is dropped, byte by byte). Printable bytes
 * and tabs are appended; backspace (0x08 or 0x7f) removes the last byte;
 * LF or CR hands the line, with an LF appended, to the validate
 * callback; Ctrl-D on an empty line reports end of input; ANSI escape
 * sequences (arrow keys) and other control bytes are ignored. What changes
 * on screen (the prompt, typed bytes, erasures) is written through the
 * write_char callback.
 *
 * Subset of DPDK 22.11: no cursor movement, history or tab completion; the
 * complete callback is accepted for source compatibility and never called.
 * The status an rdline reports is an enum rdline_status of <cmdline.h>.
 * An rdline is used by one thread at a time.
 */

#ifndef _RDLINE_H_
#define _RDLINE_H_

#pragma GCC visibility push(default)

#include <stdio.h>

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rdline;

/** Write one byte to the screen; returns what write(2) returns. */
typedef int(rdline_write_char_t)(struct rdline *rdl, char);
/** Handle a finished line (@p buf, @p size bytes with the final LF). */
typedef void(rdline_validate_t)(struct rdline *rdl, const char *buf, unsigned int size);
/** Tab completion (never called by dpkit's rdline). */
typedef int(rdline_complete_t)(struct rdline *rdl, const char *buf, char *dstbuf,
			       unsigned int dstsize, int *state);

/**
 * Make a line editor, stopped (RDLINE_INIT) until rdline_newline().
 * @param write_char writes one byte of screen output; required.
 * @param validate called with each finished line; required.
 * @param complete ignored (no tab completion); may be NULL.
 * @param opaque returned by rdline_get_opaque().
 * @return the editor, to free with rdline_free(), or NULL with rte_errno
 *   set: EINVAL (@p write_char or @p validate is NULL), ENOMEM.
 */
__rte_experimental struct rdline *rdline_new(rdline_write_char_t *write_char,
					     rdline_validate_t *validate,
					     rdline_complete_t *complete, void *opaque);

/**
 * Free an editor from rdline_new(); NULL is ignored.
 * @param rdl the editor.
 */
__rte_experimental void rdline_free(struct rdline *rdl);

/**
 * Start a new, empty line: print @p prompt and accept input (RDLINE_RUNNING).
 * @param rdl the editor; NULL is ignored.
 * @param prompt shown before the line (truncated to 63 bytes); NULL is
 *   taken as "".
 */
void rdline_newline(struct rdline *rdl, const char *prompt);

/**
 * Stop accepting input (RDLINE_INIT) until rdline_restart() or
 * rdline_newline(). NULL is ignored.
 * @param rdl the editor.
 */
void rdline_stop(struct rdline *rdl);

/**
 * End the editor's input for good (RDLINE_EXITED): rdline_char_in() returns
 * RDLINE_RES_EXITED from now on. NULL is ignored.
 * @param rdl the editor.
 */
void rdline_quit(struct rdline *rdl);

/**
 * Accept input again after rdline_stop(), keeping the line typed so far.
 * NULL is ignored.
 * @param rdl the editor.
 */
void rdline_restart(struct rdline *rdl);

/**
 * Empty the line and accept input, without printing anything. NULL is
 * ignored.
 * @param rdl the editor.
 */
void rdline_reset(struct rdline *rdl);

/** rdline_char_in(): the byte was taken. */
#define RDLINE_RES_SUCCESS 0
/** rdline_char_in(): the byte ended a line, which was validated. */
#define RDLINE_RES_VALIDATED 1
/** rdline_char_in(): (completion; never returned by dpkit) */
#define RDLINE_RES_COMPLETE 2
/** rdline_char_in(): the editor is stopped (or @p rdl is NULL). */
#define RDLINE_RES_NOT_RUNNING (-1)
/** rdline_char_in(): Ctrl-D on an empty line: end of input. */
#define RDLINE_RES_EOF (-2)
/** rdline_char_in(): the editor has quit, maybe during this validation. */
#define RDLINE_RES_EXITED (-3)

/**
 * Feed one input byte to the editor.
 * @param rdl the editor.
 * @param c the byte.
 * @return one of the RDLINE_RES_* values.
 */
int rdline_char_in(struct rdline *rdl, char c);

/**
 * The line being typed, NUL-terminated; after validation it ends with the
 * LF that was added. Valid until the next call on @p rdl.
 * @param rdl the editor.
 * @return the line, or NULL when @p rdl is NULL.
 */
const char *rdline_get_buffer(struct rdline *rdl);

/**
 * @param rdl the editor.
 * @return the opaque pointer given to rdline_new(), or NULL when @p rdl is
 *   NULL.
 */
__rte_experimental void *rdline_get_opaque(struct rdline *rdl);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RDLINE_H_ */
