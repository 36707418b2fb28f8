/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpkit-test framework: assertions that print file, line and both values,
 * a case runner, and registration of named autotests.
 *
 * A test function returns TEST_SUCCESS only when every assertion held,
 * TEST_FAILED otherwise, or TEST_SKIPPED after printing "SKIP: <reason>"
 * (use TEST_SKIP). Registration lines are read by the build to create one
 * meson test per autotest, so keep each on one line:
 *     REGISTER_FAST_TEST(memzone_autotest, NOHUGE_OK, ASAN_OK, test_memzone);
 */

#ifndef _DPKIT_TEST_H_
#define _DPKIT_TEST_H_

#include <stdio.h>
#include <string.h>

#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <rte_common.h>

#define TEST_SUCCESS 0
#define TEST_FAILED (-1)
#define TEST_SKIPPED 77

namespace dpkit_test {

template <typename T>
std::string
show(const T &v)
{
	std::ostringstream os;
	if constexpr (std::is_pointer_v<T> || std::is_null_pointer_v<T>)
		os << static_cast<const void *>(v);
	else if constexpr (std::is_enum_v<T>)
		os << static_cast<long long>(v);
	else if constexpr (std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
			   std::is_same_v<T, unsigned char>)
		os << static_cast<int>(v);
	else
		os << v;
	return os.str();
}

void fail(const char *file, int line, const char *func, const std::string &what, const char *fmt,
	  ...) __attribute__((format(printf, 5, 6)));

} // namespace dpkit_test

#define TEST_ASSERT(cond, ...) \
	do { \
		if (!(cond)) { \
			dpkit_test::fail(__FILE__, __LINE__, __func__, "assert " #cond, \
					 __VA_ARGS__); \
			return TEST_FAILED; \
		} \
	} while (0)

#define TEST_ASSERT_CMP_(a, op, b, ...) \
	do { \
		const auto _va = (a); \
		const auto _vb = (b); \
		if (!(_va op _vb)) { \
			dpkit_test::fail(__FILE__, __LINE__, __func__, \
					 "assert " #a " " #op " " #b \
					 " (" + dpkit_test::show(_va) + \
						 " vs " + dpkit_test::show(_vb) + ")", \
					 __VA_ARGS__); \
			return TEST_FAILED; \
		} \
	} while (0)

#define TEST_ASSERT_EQUAL(a, b, ...) TEST_ASSERT_CMP_(a, ==, b, __VA_ARGS__)
#define TEST_ASSERT_NOT_EQUAL(a, b, ...) TEST_ASSERT_CMP_(a, !=, b, __VA_ARGS__)
#define TEST_ASSERT_SUCCESS(val, ...) TEST_ASSERT_CMP_(val, ==, 0, __VA_ARGS__)
#define TEST_ASSERT_FAIL(val, ...) TEST_ASSERT_CMP_(val, !=, 0, __VA_ARGS__)
#define TEST_ASSERT_NULL(val, ...) TEST_ASSERT_CMP_((const void *)(val), ==, nullptr, __VA_ARGS__)
#define TEST_ASSERT_NOT_NULL(val, ...) \
	TEST_ASSERT_CMP_((const void *)(val), !=, nullptr, __VA_ARGS__)

/** Print "SKIP: <reason>" and return TEST_SKIPPED. */
#define TEST_SKIP(...) \
	do { \
		printf("SKIP: "); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		fflush(stdout); \
		return TEST_SKIPPED; \
	} while (0)

/* ---- test cases ---- */

struct unit_test_case {
	const char *name;
	int (*testcase)(void);
};

#define TEST_CASE(fn) \
	{ \
#fn, fn \
	}
#define TEST_CASES_END() \
	{ \
		nullptr, nullptr \
	}

struct unit_test_suite {
	const char *suite_name;
	int (*setup)(void);     /* may be NULL; non-zero = whole suite failed */
	void (*teardown)(void); /* may be NULL */
	const struct unit_test_case *unit_test_cases; /* ends with TEST_CASES_END() */
};

/**
 * Run every case of a suite, printing one line per case.
 * @return TEST_SUCCESS if all passed or skipped with at least one passing,
 *   TEST_SKIPPED if all skipped, TEST_FAILED if any failed.
 */
int unit_test_suite_runner(const struct unit_test_suite *suite);

/* ---- sanitizer builds ---- */

/* 1 when this file is compiled with AddressSanitizer (GCC defines
 * __SANITIZE_ADDRESS__, clang answers __has_feature), else 0; likewise for
 * ThreadSanitizer. Tests that cannot work under one say so with TEST_SKIP. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN_BUILD 1
#endif
#endif
#ifndef TEST_ASAN_BUILD
#define TEST_ASAN_BUILD 0
#endif

#if defined(__SANITIZE_THREAD__)
#define TEST_TSAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TEST_TSAN_BUILD 1
#endif
#endif
#ifndef TEST_TSAN_BUILD
#define TEST_TSAN_BUILD 0
#endif

/* ---- registration ---- */

#define NOHUGE_OK true
#define NOHUGE_SKIP false
#define ASAN_OK true
#define ASAN_SKIP false

struct test_command {
	const char *name;
	int (*callback)(void);
	bool nohuge_ok; /* may run with --no-huge when no hugepage is free */
	bool asan_ok;   /* meaningful under AddressSanitizer (else skipped there) */
	bool perf;      /* a benchmark: prints numbers, suite perf-tests */
	struct test_command *next;
};

void add_test_command(struct test_command *t);

#define REGISTER_TEST_COMMAND_(cmd, func, nohuge, asan, is_perf) \
	static struct test_command test_struct_##cmd = { \
		#cmd, func, nohuge, asan, is_perf, nullptr}; \
	RTE_INIT(test_register_##cmd) \
	{ \
		add_test_command(&test_struct_##cmd); \
	}

#define REGISTER_FAST_TEST(cmd, nohuge, asan, func) \
	REGISTER_TEST_COMMAND_(cmd, func, nohuge, asan, false)
#define REGISTER_PERF_TEST(cmd, func) REGISTER_TEST_COMMAND_(cmd, func, true, true, true)
/* a known-unstable multi-thread stress test: suite stress-tests, outside CI's count */
#define REGISTER_STRESS_TEST(cmd, nohuge, asan, func) \
	REGISTER_TEST_COMMAND_(cmd, func, nohuge, asan, false)
/* a test that runs for minutes: suite long-tests, which CI does not run */
#define REGISTER_LONG_TEST(cmd, nohuge, asan, func) \
	REGISTER_TEST_COMMAND_(cmd, func, nohuge, asan, false)
/* run by name only; not a meson test */
#define REGISTER_TEST_COMMAND(cmd, func) REGISTER_TEST_COMMAND_(cmd, func, true, true, false)

/* ---- helpers ---- */

/**
 * Run this test binary again as a child process with @p argv (argv[0]
 * ignored; NULL-terminated), output kept. @return the child's exit status
 * (0..255), or 256 + signal number if it was killed, or -1 if it could not
 * be started.
 */
int test_exec_self(const char *const argv[]);

/** Like test_exec_self() but captures stdout+stderr into @p output. */
int test_exec_self_capture(const char *const argv[], std::string &output);

/**
 * Run the test command @p child_test in a child with @p nb_lcores lcores all
 * bound to the CPU the main lcore runs on (several workers on any machine),
 * --no-huge and a file prefix made of @p prefix and our pid; output
 * captured into @p output. @return as test_exec_self().
 */
int test_exec_self_lcores_on_main_cpu(const char *child_test, const char *prefix,
				      unsigned int nb_lcores, std::string &output);

/** Like test_exec_self_capture(), the child allowed on every CPU (so that
 * it can have lcores on CPUs other than our main lcore's). */
int test_exec_self_capture_all_cpus(const char *const argv[], std::string &output);

/**
 * Like test_exec_self_capture() with the arguments given as strings, in a
 * child that cannot lock memory: RLIMIT_MEMLOCK of 64 kB and CAP_IPC_LOCK
 * dropped, so even root's --no-huge memory cannot be mlock'd there.
 */
int test_exec_self_capture_no_memlock(const std::vector<std::string> &args, std::string &output);

/**
 * Like test_exec_self_capture() with the arguments given as strings;
 * @p before_exec runs in the child just before it execs (it may change
 * the child's limits or namespaces; only system calls there).
 */
int test_exec_self_capture_with(const std::vector<std::string> &args, std::string &output,
				void (*before_exec)(void));

/**
 * Make the @p nth C++ allocation (operator new, any thread) from now throw
 * std::bad_alloc (test_eal_nothrow.cpp replaces operator new).
 */
void test_new_fault_arm(long nth);

/** Stop failing allocations. @return how many faults fired; @p calls, if
 * given, the allocations made since test_new_fault_arm(). */
long test_new_fault_disarm(long *calls);

/** Whether @p word names one of dpdk-test's dump commands (test_dump.cpp). */
bool test_dump_known(const char *word);

/**
 * Run dump command @p line ("dump_ring", "dump_ring <name>", ...), printing
 * to @p out. @return 0; -ENOENT for an unknown command or object (after
 * printing "Cannot find ..." for an object); -EINVAL for an argument to a
 * command that takes none.
 */
int test_dump_run(const std::string &line, FILE *out);

/** Free 2 MB hugepages according to /proc/meminfo (0 when unreadable). */
unsigned long test_free_hugepages(void);

#endif /* _DPKIT_TEST_H_ */
