/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Driver side of the harness binary: EAL start-up, the seeded generator,
 * the script reader and the output (every line, a window of lines, or a
 * running hash with checkpoints, so a long run prints little and the
 * Python driver can find the first differing step by replaying a window).
 *
 * Usage: oracle [EAL options] -- <ring|mempool|mbuf> [options]
 *   --seed S      first seed (default 1)
 *   --seeds N     run N sequences, seeds S..S+N-1 (default 1)
 *   --steps N     steps per sequence (default 1000)
 *   --trace       print every step
 *   --from A --to B  print only steps A <= step < B
 *   --check K     print the running hash every K steps
 *   --script F    run the steps of file F instead of generating them
 *   --dump        print the generated steps as a script and run nothing
 *   --allow-known do not steer away from known differences (issue 14)
 * Output: "S <seed> <step> <op> <args> : <result>" for printed steps,
 * "C <seed> <step> <hash>" at checkpoints, "E <seed> <steps> <hash>
 * bad=<n>" at the end of each sequence. Exit 0, or 3 when a BAD line
 * (a broken invariant of one library alone) was printed.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "oracle.h"

bool oracle_allow_known;
bool oracle_layouts_differ;
uint64_t oracle_step;
uint64_t oracle_seed;

static char line[8192];
static size_t line_len;
static bool line_bad;
static uint64_t bad_count;

/* ---- output of one step ---- */

static void
vappend(const char *fmt, va_list ap)
{
	if (line_len >= sizeof(line) - 1)
		return;
	int n = vsnprintf(line + line_len, sizeof(line) - line_len, fmt, ap);
	if (n > 0)
		line_len += (size_t)n;
	if (line_len > sizeof(line) - 1)
		line_len = sizeof(line) - 1;
}

void
oracle_out(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vappend(fmt, ap);
	va_end(ap);
}

void
oracle_skip(const char *why)
{
	oracle_out("skip %s", why);
}

void
oracle_bad(const char *fmt, ...)
{
	va_list ap;
	oracle_out(" BAD:");
	va_start(ap, fmt);
	vappend(fmt, ap);
	va_end(ap);
	line_bad = true;
}

const char *
oracle_errname(int e)
{
	static char buf[16];
	if (e < 0)
		e = -e;
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case ENOSPC: return "ENOSPC";
	case ENOBUFS: return "ENOBUFS";
	case EEXIST: return "EEXIST";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOMEM: return "ENOMEM";
	case EOVERFLOW: return "EOVERFLOW";
	case EBUSY: return "EBUSY";
	case EPERM: return "EPERM";
	case EAGAIN: return "EAGAIN";
	case ENODEV: return "ENODEV";
	case ENOTSUP: return "ENOTSUP";
	case EALREADY: return "EALREADY";
	case E_RTE_NO_CONFIG: return "E_RTE_NO_CONFIG";
	case E_RTE_SECONDARY: return "E_RTE_SECONDARY";
	default: snprintf(buf, sizeof(buf), "%d", e); return buf;
	}
}

uint64_t
oracle_hash(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint32_t
oracle_count(uint32_t raw, uint32_t limit)
{
	uint32_t r = raw >> 3;
	switch (raw & 7) {
	case 0: return r % 4; /* 0..3 */
	case 1: return limit + 1 - r % 3 < limit + 2 ? limit + 1 - r % 3 : 0;
	case 2: {
		uint32_t k = r % 32; /* 2^k - 1, 2^k, 2^k + 1 */
		uint32_t p = k == 31 ? 0x80000000u : 1u << k;
		if (p > 2 * limit + 64)
			p = 1u << (r % 8);
		return p - 1 + (r >> 5) % 3;
	}
	default: return r % (limit + 3);
	}
}

void
oracle_name(char *buf, size_t len, const char *kind, unsigned int slot)
{
	snprintf(buf, len, "or_%s%u_%" PRIu64, kind, slot, oracle_step);
}

void
oracle_name_len(char *buf, size_t size, char tag, uint32_t want)
{
	char head[32];
	int n = snprintf(head, sizeof(head), "%c%" PRIu64 "_", tag, oracle_step);
	size_t len = want;
	if (len == 0 || len >= size)
		len = (size_t)n + 3;
	memset(buf, 'n', len);
	memcpy(buf, head, (size_t)n < len ? (size_t)n : len);
	buf[len] = '\0';
}

/* ---- generator: a step depends on the seed and its index only ---- */

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
gen_op(const struct oracle_lib *lib, struct oracle_op *op)
{
	unsigned int total = 0;
	for (unsigned int i = 0; i < lib->n_ops; i++)
		total += lib->weights[i];
	unsigned int pick = (unsigned int)(rng_next() % total);
	op->code = 0;
	for (unsigned int i = 0; i < lib->n_ops; i++) {
		if (pick < lib->weights[i]) {
			op->code = (int)i;
			break;
		}
		pick -= lib->weights[i];
	}
	for (int i = 0; i < ORACLE_NARGS; i++)
		op->a[i] = (uint32_t)rng_next();
}

/* ---- running sequences ---- */

struct options {
	const struct oracle_lib *lib;
	uint64_t seed, seeds, steps;
	uint64_t from, to, check;
	const char *script;
	bool dump;
};

static uint64_t run_hash;

static void
finish_step(const struct options *o, const struct oracle_op *op)
{
	char head[256];
	int n = op == NULL ? snprintf(head, sizeof(head), "end : ")
			   : snprintf(head, sizeof(head),
				      "%s %u %u %u %u %u : ", o->lib->op_names[op->code], op->a[0],
				      op->a[1], op->a[2], op->a[3], op->a[4]);
	run_hash = oracle_hash(head, (size_t)n, run_hash);
	run_hash = oracle_hash(line, line_len, run_hash);
	if (line_bad)
		bad_count++;
	if (line_bad || (oracle_step >= o->from && oracle_step < o->to))
		printf("S %" PRIu64 " %" PRIu64 " %s%.*s\n", oracle_seed, oracle_step, head,
		       (int)line_len, line);
	if (o->check && (oracle_step + 1) % o->check == 0)
		printf("C %" PRIu64 " %" PRIu64 " %016" PRIx64 "\n", oracle_seed, oracle_step + 1,
		       run_hash);
	line_len = 0;
	line[0] = '\0';
	line_bad = false;
}

static void
run_one(const struct options *o, const struct oracle_op *op)
{
	rte_errno = 0;
	o->lib->exec(op);
	finish_step(o, op);
	oracle_step++;
}

static int
find_op(const struct oracle_lib *lib, const char *name)
{
	for (unsigned int i = 0; i < lib->n_ops; i++)
		if (strcmp(lib->op_names[i], name) == 0)
			return (int)i;
	return -1;
}

static int
run_script(const struct options *o)
{
	FILE *f = fopen(o->script, "r");
	char buf[1024];
	unsigned int lineno = 0;
	if (f == NULL) {
		fprintf(stderr, "oracle: cannot open %s: %s\n", o->script, strerror(errno));
		return -1;
	}
	oracle_seed = 0;
	oracle_step = 0;
	run_hash = ORACLE_HASH_INIT;
	oracle_allow_known = true;
	o->lib->begin();
	while (fgets(buf, sizeof(buf), f) != NULL) {
		char *hash = strchr(buf, '#');
		char name[64];
		struct oracle_op op = {0};
		lineno++;
		if (hash != NULL)
			*hash = '\0';
		if (sscanf(buf, " !known %63s", name) == 1) {
			oracle_allow_known = strcmp(name, "allow") == 0;
			continue;
		}
		int got = sscanf(buf, "%63s %u %u %u %u %u", name, &op.a[0], &op.a[1], &op.a[2],
				 &op.a[3], &op.a[4]);
		if (got <= 0)
			continue;
		op.code = find_op(o->lib, name);
		if (op.code < 0) {
			fprintf(stderr, "oracle: %s:%u: no op '%s' in %s\n", o->script, lineno,
				name, o->lib->name);
			fclose(f);
			return -1;
		}
		run_one(o, &op);
	}
	fclose(f);
	o->lib->end();
	finish_step(o, NULL);
	printf("E 0 %" PRIu64 " %016" PRIx64 " bad=%" PRIu64 "\n", oracle_step, run_hash,
	       bad_count);
	return 0;
}

static void
run_seed(const struct options *o, uint64_t seed)
{
	struct oracle_op op;
	oracle_seed = seed;
	rng_state = seed * 0x2545f4914f6cdd1dULL + 1;
	oracle_step = 0;
	run_hash = ORACLE_HASH_INIT;
	if (o->dump) {
		printf("!known %s\n", oracle_allow_known ? "allow" : "avoid");
		for (uint64_t i = 0; i < o->steps; i++) {
			gen_op(o->lib, &op);
			printf("%s %u %u %u %u %u\n", o->lib->op_names[op.code], op.a[0], op.a[1],
			       op.a[2], op.a[3], op.a[4]);
		}
		return;
	}
	o->lib->begin();
	for (uint64_t i = 0; i < o->steps; i++) {
		gen_op(o->lib, &op);
		run_one(o, &op);
	}
	o->lib->end();
	/* what end() printed (leaks, counts) is a step of its own */
	finish_step(o, NULL);
	printf("E %" PRIu64 " %" PRIu64 " %016" PRIx64 " bad=%" PRIu64 "\n", seed, oracle_step,
	       run_hash, bad_count);
	fflush(stdout);
}

static int
usage(void)
{
	fprintf(stderr, "usage: oracle [EAL options] -- ring|mempool|mbuf "
			"[--seed S] [--seeds N] [--steps N] [--trace] [--from A --to B] "
			"[--check K] [--script FILE] [--dump] [--allow-known] "
			"[--layouts-differ] | --layout\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct options o = {.seed = 1, .seeds = 1, .steps = 1000};
	bool dump_only = false;
	int ret;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dump") == 0)
			dump_only = true;
		/* asked before any EAL set-up: which object layout this build has */
		if (strcmp(argv[i], "--layout") == 0) {
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
			puts("cookies");
#else
			puts("plain");
#endif
			return 0;
		}
	}
	if (!dump_only) {
		ret = rte_eal_init(argc, argv);
		if (ret < 0) {
			fprintf(stderr, "oracle: rte_eal_init failed: %s\n",
				rte_strerror(rte_errno));
			return 1;
		}
	} else {
		for (ret = 1; ret < argc && strcmp(argv[ret], "--") != 0; ret++)
			;
		if (ret == argc)
			ret = 0;
	}
	/* argv[ret] is the program name again (EAL) or "--" */
	argc -= ret + 1;
	argv += ret + 1;
	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc < 1)
		return usage();
	static const struct oracle_lib *const libs[] = {&oracle_ring, &oracle_mempool,
							&oracle_mbuf};
	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		if (strcmp(argv[0], libs[i]->name) == 0)
			o.lib = libs[i];
	if (o.lib == NULL)
		return usage();
	o.from = o.to = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--trace") == 0) {
			o.from = 0;
			o.to = UINT64_MAX;
		} else if (strcmp(a, "--dump") == 0) {
			o.dump = true;
		} else if (strcmp(a, "--allow-known") == 0) {
			oracle_allow_known = true;
		} else if (strcmp(a, "--layouts-differ") == 0) {
			oracle_layouts_differ = true;
		} else if (v == NULL) {
			return usage();
		} else if (strcmp(a, "--seed") == 0) {
			o.seed = strtoull(v, NULL, 0), i++;
		} else if (strcmp(a, "--seeds") == 0) {
			o.seeds = strtoull(v, NULL, 0), i++;
		} else if (strcmp(a, "--steps") == 0) {
			o.steps = strtoull(v, NULL, 0), i++;
		} else if (strcmp(a, "--from") == 0) {
			o.from = strtoull(v, NULL, 0), i++;
		} else if (strcmp(a, "--to") == 0) {
			o.to = strtoull(v, NULL, 0), i++;
		} else if (strcmp(a, "--check") == 0) {
			o.check = strtoull(v, NULL, 0), i++;
		} else if (strcmp(a, "--script") == 0) {
			o.script = v, i++;
		} else {
			return usage();
		}
	}
	/* printed windows are line-buffered: a crash loses no line of them */
	setvbuf(stdout, NULL, o.to > o.from ? _IOLBF : _IOFBF, 1 << 16);
	if (o.script != NULL) {
		ret = run_script(&o);
	} else {
		for (uint64_t s = 0; s < o.seeds; s++)
			run_seed(&o, o.seed + s);
		ret = 0;
	}
	fflush(stdout);
	if (!dump_only)
		rte_eal_cleanup();
	if (ret < 0)
		return 2;
	return bad_count ? 3 : 0;
}
