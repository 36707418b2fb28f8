/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * main() and the suite runner for DPDK 22.11 app/test sources built
 * unchanged against dpkit (see test.h beside this file and
 * devtools/run-dpdk-autotests.sh).
 *
 *     <binary> [EAL options] [--] [command ...]
 *
 * runs each named command (every registered one when none is named) and
 * prints "RESULT <command> OK|FAILED|SKIPPED <seconds>" for each, which the
 * script turns into a table. Exit status: 0 when nothing failed, 1 when
 * something did, 77 when everything was skipped, 2 for usage errors.
 */

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/queue.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "test.h"

int last_test_result;
const char *prgname;

static TAILQ_HEAD(, test_command) commands = TAILQ_HEAD_INITIALIZER(commands);

void
add_test_command(struct test_command *t)
{
	TAILQ_INSERT_TAIL(&commands, t, next);
}

/* ---- runner ---- */

enum outcome { OUT_PASS, OUT_FAIL, OUT_SKIP, OUT_UNSUPPORTED };

static enum outcome
classify(int ret)
{
	if (ret == TEST_SUCCESS)
		return OUT_PASS;
	if (ret == TEST_SKIPPED)
		return OUT_SKIP;
	if (ret == -ENOTSUP)
		return OUT_UNSUPPORTED;
	return OUT_FAIL;
}

static enum outcome
run_case(const struct unit_test_case *tc, int suite_setup_failed)
{
	int ret;

	if (!tc->enabled)
		return OUT_SKIP;
	if (suite_setup_failed)
		return OUT_FAIL;
	if (tc->setup != NULL) {
		ret = tc->setup();
		if (ret != TEST_SUCCESS)
			return ret == TEST_SKIPPED ? OUT_SKIP : OUT_FAIL;
	}
	ret = tc->testcase != NULL ? tc->testcase() : tc->testcase_with_data(tc->data);
	if (tc->teardown != NULL)
		tc->teardown();
	return classify(ret);
}

static const char *const outcome_name[] = {"succeeded", "failed", "skipped", "unsupported"};

int
unit_test_suite_runner(struct unit_test_suite *suite)
{
	int setup_failed = 0;

	suite->total = suite->executed = suite->succeeded = 0;
	suite->skipped = suite->failed = suite->unsupported = 0;
	printf(" + ---- Test Suite : %s\n", suite->suite_name != NULL ? suite->suite_name : "");
	if (suite->setup != NULL && suite->setup() != TEST_SUCCESS) {
		printf(" + Test Suite setup failed\n");
		setup_failed = 1;
	}
	for (struct unit_test_suite **sub = suite->unit_test_suites; sub != NULL && *sub != NULL;
	     sub++) {
		int ret = unit_test_suite_runner(*sub);
		suite->total += (*sub)->total;
		suite->executed += (*sub)->executed;
		suite->succeeded += (*sub)->succeeded;
		suite->skipped += (*sub)->skipped;
		suite->failed += (*sub)->failed;
		suite->unsupported += (*sub)->unsupported;
		(void)ret;
	}
	for (const struct unit_test_case *tc = suite->unit_test_cases; tc->name != NULL; tc++) {
		enum outcome o = run_case(tc, setup_failed);
		suite->total++;
		if (o != OUT_SKIP)
			suite->executed++;
		switch (o) {
		case OUT_PASS: suite->succeeded++; break;
		case OUT_FAIL: suite->failed++; break;
		case OUT_SKIP: suite->skipped++; break;
		case OUT_UNSUPPORTED: suite->unsupported++; break;
		}
		printf(" + TestCase [%2u] : %s %s\n", suite->total, tc->name, outcome_name[o]);
	}
	if (suite->teardown != NULL)
		suite->teardown();
	printf(" + Tests Total : %u  Passed : %u  Failed : %u  Skipped : %u  Unsupported : %u\n",
	       suite->total, suite->succeeded, suite->failed, suite->skipped, suite->unsupported);
	if (suite->failed != 0)
		return TEST_FAILED;
	if (suite->succeeded == 0)
		return TEST_SKIPPED;
	return TEST_SUCCESS;
}

/* ---- main ---- */

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
run_command(struct test_command *t)
{
	double t0 = now_s();
	int ret;

	printf("RUN %s\n", t->command);
	fflush(stdout);
	ret = t->callback();
	last_test_result = ret;
	printf("RESULT %s %s %.2f\n", t->command,
	       ret == TEST_SUCCESS   ? "OK"
	       : ret == TEST_SKIPPED ? "SKIPPED"
				     : "FAILED",
	       now_s() - t0);
	fflush(stdout);
	return ret;
}

int
main(int argc, char **argv)
{
	int failed = 0, passed = 0, ret;

	prgname = argv[0];
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "%s: rte_eal_init failed: %s\n", argv[0], rte_strerror(rte_errno));
		return 2;
	}
	argc -= ret;
	argv += ret;
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc <= 1) {
		struct test_command *t;
		TAILQ_FOREACH(t, &commands, next)
		{
			ret = run_command(t);
			failed += ret != TEST_SUCCESS && ret != TEST_SKIPPED;
			passed += ret == TEST_SUCCESS;
		}
	} else {
		for (int i = 1; i < argc; i++) {
			struct test_command *t;
			TAILQ_FOREACH(t, &commands, next)
			if (strcmp(t->command, argv[i]) == 0)
				break;
			if (t == NULL) {
				fprintf(stderr, "%s: no command %s in this binary\n", prgname,
					argv[i]);
				printf("RESULT %s NOT-FOUND 0\n", argv[i]);
				failed++;
				continue;
			}
			ret = run_command(t);
			failed += ret != TEST_SUCCESS && ret != TEST_SKIPPED;
			passed += ret == TEST_SUCCESS;
		}
	}
	rte_eal_cleanup();
	return failed != 0 ? 1 : passed == 0 ? 77 : 0;
}
