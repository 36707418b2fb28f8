/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The differential harness ("oracle"): one C program, written against the
 * DPDK 22.11 API only, built once against dpkit and once against DPDK, that
 * runs the same seeded sequence of API calls and prints one normalised line
 * per call. app/oracle/oracle.py runs both builds and compares the lines.
 *
 * A step is an operation name and five raw 32-bit arguments. The random
 * generator draws them from the seed alone, never from library state, so
 * both builds execute the same steps whatever they return; each library's
 * executor interprets the raw arguments against its current state (which
 * slot, how many objects, which variant of a call) and refuses, with a
 * "skip" line, a step that would have no defined outcome there. The same
 * executor runs hand-written or shrunk scripts (one step per line), so a
 * script is safe to cut anywhere.
 *
 * A line holds only what both libraries define: return values, rte_errno,
 * counts, data checksums and identities mapped to small indexes where the
 * API defines which object comes back (ring FIFO order). Never a pointer.
 */

#ifndef ORACLE_H
#define ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ORACLE_NARGS 5

struct oracle_op {
	int code; /* index in the library's op table */
	uint32_t a[ORACLE_NARGS];
};

struct oracle_lib {
	const char *name;
	const char *const *op_names;
	const unsigned int *weights; /* how often the generator draws each op */
	unsigned int n_ops;
	void (*begin)(void); /* a new sequence starts: state is empty */
	void (*exec)(const struct oracle_op *op);
	void (*end)(void); /* free everything the sequence made */
};

extern const struct oracle_lib oracle_ring;
extern const struct oracle_lib oracle_mempool;
extern const struct oracle_lib oracle_mbuf;

/* ---- result of the current step ---- */

/* Append to the current step's result (printf format). */
void oracle_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The step cannot run in the current state: "skip <why>". */
void oracle_skip(const char *why);
/* A harness invariant failed (object lost, duplicated, corrupted): the
 * line says BAD, which never matches a correct run, and the run fails. */
void oracle_bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "e=<errno name>" for rte_errno / a negative return. */
const char *oracle_errname(int e);

/* ---- known differences (issue 14) ---- */

/*
 * Calls whose outcome is known to differ between dpkit and DPDK 22.11 are
 * steered away from (the executor changes the argument or skips) unless
 * the sequence allows them: random runs avoid them, scripts say
 * "!known allow" to reach them on purpose (app/oracle/scripts/).
 */
extern bool oracle_allow_known;

/*
 * The two libraries lay pool objects out differently (dpkit built with
 * -Dmempool_debug adds cookies; Debian's DPDK has none): how many objects
 * fit a given length then differs, so the executor only hands out lengths
 * whose object count is the same for any object size. Set on both sides
 * by oracle.py ("--layouts-differ") when "--layout" of one says "cookies".
 */
extern bool oracle_layouts_differ;

/* ---- helpers ---- */

uint64_t oracle_hash(const void *data, size_t len, uint64_t h);
#define ORACLE_HASH_INIT 0xcbf29ce484222325ULL

/*
 * A count drawn from a raw argument against a limit: small values, values
 * around the limit (one below, at, one past), powers of two +-1 and
 * anything up to a little past the limit, so edges come up often.
 */
uint32_t oracle_count(uint32_t raw, uint32_t limit);

/* A unique name for an object in the current sequence. */
void oracle_name(char *buf, size_t len, const char *kind, unsigned int slot);

/*
 * A name of exactly @p want characters for a literal step (0: a short
 * one), unique in the sequence when long enough to hold the step number
 * (which it starts with, after @p tag).
 */
void oracle_name_len(char *buf, size_t size, char tag, uint32_t want);

/* The sequence number (for names and data patterns). */
extern uint64_t oracle_step;
extern uint64_t oracle_seed;

#endif /* ORACLE_H */
