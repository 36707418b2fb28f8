/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The "test.h" that DPDK 22.11's app/test sources include, as dpkit provides
 * it to build those sources unchanged against dpkit
 * (devtools/run-dpdk-autotests.sh). Written from what the sources use:
 * result codes, TEST_ASSERT* macros, test cases and suites with their
 * runner, and REGISTER_TEST_COMMAND. The runner and the command registry are
 * in harness.c, which also holds main().
 *
 * Plain C (the DPDK sources are C); not part of libdpkit.
 */

#ifndef _DPKIT_DPDK_HARNESS_TEST_H_
#define _DPKIT_DPDK_HARNESS_TEST_H_

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_log.h>
#include <rte_hexdump.h>

/* ---- results ---- */

#define TEST_SUCCESS 0
#define TEST_FAILED (-1)
#define TEST_SKIPPED 77

/* a source may define this before including us to trace each failure */
#ifndef TEST_TRACE_FAILURE
#define TEST_TRACE_FAILURE(file, line, func)
#endif

/* ---- assertions: print where and why, then return TEST_FAILED ---- */

#define HARNESS_FAIL_(fmt, ...) \
	do { \
		printf("TestCase %s() line %d failed: " fmt "\n", __func__, __LINE__, \
		       ##__VA_ARGS__); \
		TEST_TRACE_FAILURE(__FILE__, __LINE__, __func__); \
		return TEST_FAILED; \
	} while (0)

#if defined(__has_include)
#if __has_include(<rte_test.h>)
#include <rte_test.h>
#define HARNESS_HAVE_RTE_TEST 1
#endif
#endif

#ifndef HARNESS_HAVE_RTE_TEST
/* rte_test.h's assertion family, for sources that use it by that name */
#define RTE_TEST_TRACE_FAILURE TEST_TRACE_FAILURE
#define RTE_TEST_ASSERT(cond, msg, ...) \
	do { \
		if (!(cond)) \
			HARNESS_FAIL_(msg, ##__VA_ARGS__); \
	} while (0)
#define RTE_TEST_ASSERT_EQUAL(a, b, msg, ...) RTE_TEST_ASSERT((a) == (b), msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_NOT_EQUAL(a, b, msg, ...) RTE_TEST_ASSERT((a) != (b), msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_SUCCESS(val, msg, ...) RTE_TEST_ASSERT((val) == 0, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_FAIL(val, msg, ...) RTE_TEST_ASSERT((val) != 0, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_NULL(val, msg, ...) RTE_TEST_ASSERT((val) == NULL, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_NOT_NULL(val, msg, ...) RTE_TEST_ASSERT((val) != NULL, msg, ##__VA_ARGS__)
#endif

#define TEST_ASSERT RTE_TEST_ASSERT
#define TEST_ASSERT_EQUAL RTE_TEST_ASSERT_EQUAL
#define TEST_ASSERT_NOT_EQUAL RTE_TEST_ASSERT_NOT_EQUAL
#define TEST_ASSERT_SUCCESS RTE_TEST_ASSERT_SUCCESS
#define TEST_ASSERT_FAIL RTE_TEST_ASSERT_FAIL
#define TEST_ASSERT_NULL RTE_TEST_ASSERT_NULL
#define TEST_ASSERT_NOT_NULL RTE_TEST_ASSERT_NOT_NULL

/* @p len bytes at @p a and @p b are equal */
#define TEST_ASSERT_BUFFERS_ARE_EQUAL(a, b, len, msg, ...) \
	do { \
		if (memcmp((a), (b), (len)) != 0) \
			HARNESS_FAIL_(msg, ##__VA_ARGS__); \
	} while (0)

/* the same, @p off bytes into both */
#define TEST_ASSERT_BUFFERS_ARE_EQUAL_OFFSET(a, b, len, off, msg, ...) \
	TEST_ASSERT_BUFFERS_ARE_EQUAL((const uint8_t *)(a) + (off), (const uint8_t *)(b) + (off), \
				      len, msg, ##__VA_ARGS__)

/* @p len bits at @p a and @p b are equal (the last byte's high bits first) */
#define TEST_ASSERT_BUFFERS_ARE_EQUAL_BIT(a, b, len, msg, ...) \
	do { \
		if (!harness_bits_equal((const uint8_t *)(a), (const uint8_t *)(b), 0, (len))) \
			HARNESS_FAIL_(msg, ##__VA_ARGS__); \
	} while (0)

/* @p len bits at @p a and @p b, from bit @p off on, are equal */
#define TEST_ASSERT_BUFFERS_ARE_EQUAL_BIT_OFFSET(a, b, len, off, msg, ...) \
	do { \
		if (!harness_bits_equal((const uint8_t *)(a), (const uint8_t *)(b), (off), (len))) \
			HARNESS_FAIL_(msg, ##__VA_ARGS__); \
	} while (0)

static inline int
harness_bits_equal(const uint8_t *a, const uint8_t *b, size_t off, size_t len)
{
	for (size_t i = off; i < off + len; i++) {
		uint8_t mask = (uint8_t)(0x80u >> (i % 8));
		if ((a[i / 8] & mask) != (b[i / 8] & mask))
			return 0;
	}
	return 1;
}

/* ---- cases and suites ---- */

struct unit_test_case {
	int (*setup)(void);     /* may be NULL; TEST_SKIPPED skips the case */
	void (*teardown)(void); /* may be NULL */
	int (*testcase)(void);  /* one of these two */
	int (*testcase_with_data)(const void *data);
	const char *name;
	unsigned int enabled; /* 0: reported as skipped, not run */
	const void *data;     /* passed to testcase_with_data */
};

#define TEST_CASE(fn) \
	{ \
		.testcase = (fn), .name = #fn, .enabled = 1 \
	}
#define TEST_CASE_NAMED(nm, fn) \
	{ \
		.testcase = (fn), .name = (nm), .enabled = 1 \
	}
#define TEST_CASE_ST(su, td, fn) \
	{ \
		.setup = (su), .teardown = (td), .testcase = (fn), .name = #fn, .enabled = 1 \
	}
#define TEST_CASE_NAMED_ST(nm, su, td, fn) \
	{ \
		.setup = (su), .teardown = (td), .testcase = (fn), .name = (nm), .enabled = 1 \
	}
#define TEST_CASE_WITH_DATA(su, td, fn, d) \
	{ \
		.setup = (su), .teardown = (td), .testcase_with_data = (fn), .name = #fn, \
		.enabled = 1, .data = (d) \
	}
#define TEST_CASE_NAMED_WITH_DATA(nm, su, td, fn, d) \
	{ \
		.setup = (su), .teardown = (td), .testcase_with_data = (fn), .name = (nm), \
		.enabled = 1, .data = (d) \
	}
#define TEST_CASE_DISABLED(fn) \
	{ \
		.testcase = (fn), .name = #fn, .enabled = 0 \
	}
#define TEST_CASE_ST_DISABLED(su, td, fn) \
	{ \
		.setup = (su), .teardown = (td), .testcase = (fn), .name = #fn, .enabled = 0 \
	}
#define TEST_CASES_END() \
	{ \
		.name = NULL \
	}

struct unit_test_suite {
	const char *suite_name;
	int (*setup)(void); /* may be NULL; failing it fails every case */
	void (*teardown)(void);
	/* filled by the runner */
	unsigned int total, executed, succeeded, skipped, failed, unsupported;
	struct unit_test_suite **unit_test_suites; /* NULL-terminated, may be NULL */
	struct unit_test_case unit_test_cases[];   /* ends with TEST_CASES_END() */
};

/*
 * Run @p suite (its sub-suites first, then its cases) and print one line
 * per case and a summary. @return TEST_SUCCESS when nothing failed and
 * something passed, TEST_SKIPPED when everything was skipped, else
 * TEST_FAILED.
 */
int unit_test_suite_runner(struct unit_test_suite *suite);

/* the result of the last command run */
extern int last_test_result;

/* the program's name, for tests that start it again */
extern const char *prgname;

/* hex dump only at debug log level */
static inline void
debug_hexdump(FILE *f, const char *title, const void *buf, size_t len)
{
	if (rte_log_get_global_level() == RTE_LOG_DEBUG)
		rte_hexdump(f, title, buf, len);
}

/* ---- commands ---- */

typedef int(test_callback)(void);

struct test_command {
	TAILQ_ENTRY(test_command) next;
	const char *command;
	test_callback *callback;
};

void add_test_command(struct test_command *t);

/* Register @p func under the name @p cmd (run as "<binary> [EAL args] cmd"). */
#define REGISTER_TEST_COMMAND(cmd, func) \
	static struct test_command test_struct_##cmd = { \
		.command = RTE_STR(cmd), \
		.callback = (func), \
	}; \
	RTE_INIT(test_register_##cmd) \
	{ \
		add_test_command(&test_struct_##cmd); \
	}

#endif /* _DPKIT_DPDK_HARNESS_TEST_H_ */
