/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_log: levels (global and per type), registration, glob and regex level
 * setting, --log-level patterns applied to types registered later (in a
 * child), output stream redirection and the per-message hooks.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include <rte_errno.h>
#include <rte_log.h>

#include "test.h"

/* registration macros, at file scope as applications use them */
RTE_LOG_REGISTER(test_logtype_plain, test.macro, NOTICE);
#define RTE_LOG_DEFAULT_LOGTYPE test.dflt
RTE_LOG_REGISTER_DEFAULT(test_logtype_default, WARNING);
RTE_LOG_REGISTER_SUFFIX(test_logtype_suffix, sfx, DEBUG);

namespace {

/* Capture what rte_log writes while in scope; restores the stream. */
class log_capture {
public:
	log_capture() : f_(open_memstream(&buf_, &len_))
	{
		old_ = rte_log_get_stream();
		rte_openlog_stream(f_);
	}
	~log_capture()
	{
		rte_openlog_stream(old_ == stderr ? nullptr : old_);
		fclose(f_);
		free(buf_);
	}
	std::string text()
	{
		fflush(f_);
		return std::string(buf_, len_);
	}

private:
	char *buf_ = nullptr;
	size_t len_ = 0;
	FILE *f_;
	FILE *old_;
};

/* Restores the global level on scope exit. */
struct global_level_guard {
	uint32_t saved = rte_log_get_global_level();
	~global_level_guard() { rte_log_set_global_level(saved); }
};

int
test_log_global_level(void)
{
	global_level_guard g;
	rte_log_set_global_level(RTE_LOG_ERR);
	TEST_ASSERT_EQUAL(rte_log_get_global_level(), RTE_LOG_ERR, "round trip");
	int t = rte_log_register("test.log.global");
	rte_log_set_level(t, RTE_LOG_DEBUG);
	TEST_ASSERT(!rte_log_can_log(t, RTE_LOG_WARNING), "global ERR must filter WARNING");
	TEST_ASSERT(rte_log_can_log(t, RTE_LOG_ERR), "ERR passes");
	log_capture cap;
	rte_log(RTE_LOG_WARNING, t, "filtered\n");
	rte_log(RTE_LOG_ERR, t, "shown\n");
	TEST_ASSERT_EQUAL(cap.text(), std::string("shown\n"), "output");
	return TEST_SUCCESS;
}

int
test_log_register_is_idempotent(void)
{
	int a = rte_log_register("test.log.a");
	TEST_ASSERT(a >= RTE_LOGTYPE_FIRST_EXT_ID, "new types get ids from FIRST_EXT_ID: %d", a);
	TEST_ASSERT_EQUAL(rte_log_register("test.log.a"), a, "same name, same id");
	TEST_ASSERT_EQUAL(rte_log_register_type_and_pick_level("test.log.a", RTE_LOG_DEBUG), a,
			  "pick_level on an existing name");
	TEST_ASSERT_EQUAL(rte_log_get_level(a), (int)RTE_LOG_INFO,
			  "an existing type keeps its level");
	int b = rte_log_register_type_and_pick_level("test.log.b", RTE_LOG_WARNING);
	TEST_ASSERT(b > a, "another id");
	TEST_ASSERT_EQUAL(rte_log_get_level(b), (int)RTE_LOG_WARNING, "default level used");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_log_register(nullptr), -1, "NULL name");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_log_register(""), -1, "empty name");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	TEST_ASSERT_EQUAL(rte_log_register("lib.eal"), RTE_LOGTYPE_EAL, "fixed types by name");
	return TEST_SUCCESS;
}

int
test_log_type_levels(void)
{
	int t = rte_log_register("test.log.levels");
	TEST_ASSERT_SUCCESS(rte_log_set_level(t, RTE_LOG_DEBUG), "set");
	TEST_ASSERT_EQUAL(rte_log_get_level(t), (int)RTE_LOG_DEBUG, "get");
	TEST_ASSERT(rte_log_can_log(t, RTE_LOG_DEBUG), "can log DEBUG");
	TEST_ASSERT_SUCCESS(rte_log_set_level(t, 0), "level 0 silences the type");
	TEST_ASSERT(!rte_log_can_log(t, RTE_LOG_EMERG), "nothing passes level 0");
	TEST_ASSERT_EQUAL(rte_log_set_level(t, RTE_LOG_MAX + 1), -1, "level above MAX");
	TEST_ASSERT_EQUAL(rte_log_set_level(100000, RTE_LOG_INFO), -1, "unknown type");
	TEST_ASSERT_EQUAL(rte_log_get_level(100000), -1, "unknown type level");
	TEST_ASSERT(!rte_log_can_log(100000, RTE_LOG_EMERG), "unknown type can't log");
	log_capture cap;
	TEST_ASSERT_EQUAL(rte_log(RTE_LOG_ERR, 100000, "x\n"), -1, "rte_log on an unknown type");
	TEST_ASSERT_EQUAL(cap.text(), std::string(), "nothing printed");
	return TEST_SUCCESS;
}

int
test_log_patterns_and_regexps(void)
{
	int x = rte_log_register("test.pat.x");
	int y = rte_log_register("test.pat.y");
	int other = rte_log_register("test.other");
	TEST_ASSERT_SUCCESS(rte_log_set_level_pattern("test.pat.*", RTE_LOG_ERR), "glob");
	TEST_ASSERT_EQUAL(rte_log_get_level(x), (int)RTE_LOG_ERR, "x");
	TEST_ASSERT_EQUAL(rte_log_get_level(y), (int)RTE_LOG_ERR, "y");
	TEST_ASSERT_EQUAL(rte_log_get_level(other), (int)RTE_LOG_INFO, "other untouched");
	TEST_ASSERT_SUCCESS(rte_log_set_level_regexp("^test\\.(other|pat\\.y)$", RTE_LOG_DEBUG),
			    "regexp");
	TEST_ASSERT_EQUAL(rte_log_get_level(x), (int)RTE_LOG_ERR, "x untouched");
	TEST_ASSERT_EQUAL(rte_log_get_level(y), (int)RTE_LOG_DEBUG, "y");
	TEST_ASSERT_EQUAL(rte_log_get_level(other), (int)RTE_LOG_DEBUG, "other");
	TEST_ASSERT_EQUAL(rte_log_set_level_regexp("([", RTE_LOG_ERR), -1, "bad regexp");
	TEST_ASSERT_EQUAL(rte_log_set_level_regexp(nullptr, RTE_LOG_ERR), -1, "NULL regexp");
	TEST_ASSERT_EQUAL(rte_log_set_level_pattern(nullptr, RTE_LOG_ERR), -1, "NULL glob");
	TEST_ASSERT_EQUAL(rte_log_set_level_pattern("test.*", RTE_LOG_MAX + 1), -1, "bad level");
	TEST_ASSERT_EQUAL(rte_log_get_level(x), (int)RTE_LOG_ERR, "failed calls change nothing");
	/* these API calls are not remembered for types registered later */
	int late = rte_log_register("test.pat.late");
	TEST_ASSERT_EQUAL(rte_log_get_level(late), (int)RTE_LOG_INFO, "late type");
	return TEST_SUCCESS;
}

int
test_log_registration_macros(void)
{
	TEST_ASSERT(test_logtype_plain >= RTE_LOGTYPE_FIRST_EXT_ID, "RTE_LOG_REGISTER");
	TEST_ASSERT_EQUAL(rte_log_register("test.macro"), test_logtype_plain, "name");
	TEST_ASSERT_EQUAL(rte_log_get_level(test_logtype_plain), (int)RTE_LOG_NOTICE, "level");
	TEST_ASSERT_EQUAL(rte_log_register("test.dflt"), test_logtype_default, "DEFAULT name");
	TEST_ASSERT_EQUAL(rte_log_get_level(test_logtype_default), (int)RTE_LOG_WARNING, "level");
	TEST_ASSERT_EQUAL(rte_log_register("test.dflt.sfx"), test_logtype_suffix, "SUFFIX name");
	TEST_ASSERT_EQUAL(rte_log_get_level(test_logtype_suffix), (int)RTE_LOG_DEBUG, "level");
	return TEST_SUCCESS;
}

int
test_log_stream_redirection(void)
{
	global_level_guard g;
	rte_log_set_global_level(RTE_LOG_DEBUG);
	{
		log_capture cap;
		RTE_LOG(INFO, USER1, "hello %d\n", 5);
		RTE_LOG(DEBUG, USER1, "not at INFO level\n");
		RTE_LOG_DP(DEBUG, USER1, "compiled out above RTE_LOG_DP_LEVEL\n");
		RTE_LOG_DP(INFO, USER1, "data path %s\n", "ok");
		TEST_ASSERT_EQUAL(cap.text(), std::string("USER1: hello 5\nUSER1: data path ok\n"),
				  "captured");
	}
	TEST_ASSERT_EQUAL(rte_log_get_stream(), stderr, "default stream restored");
	FILE *f = tmpfile();
	TEST_ASSERT_NOT_NULL(f, "tmpfile");
	TEST_ASSERT_SUCCESS(rte_openlog_stream(f), "open");
	TEST_ASSERT_EQUAL(rte_log_get_stream(), f, "stream set");
	TEST_ASSERT_SUCCESS(rte_openlog_stream(nullptr), "reset");
	TEST_ASSERT_EQUAL(rte_log_get_stream(), stderr, "NULL means the default");
	fclose(f);
	return TEST_SUCCESS;
}

int seen_level = -2, seen_type = -2;

ssize_t
hook_write(void *, const char *, size_t size)
{
	seen_level = rte_log_cur_msg_loglevel();
	seen_type = rte_log_cur_msg_logtype();
	return (ssize_t)size;
}

int
test_log_current_message_hooks(void)
{
	cookie_io_functions_t io = {nullptr, hook_write, nullptr, nullptr};
	FILE *f = fopencookie(nullptr, "w", io);
	TEST_ASSERT_NOT_NULL(f, "fopencookie");
	FILE *old = rte_log_get_stream();
	rte_openlog_stream(f);
	rte_log(RTE_LOG_WARNING, RTE_LOGTYPE_USER2, "message\n");
	rte_openlog_stream(old == stderr ? nullptr : old);
	fclose(f);
	TEST_ASSERT_EQUAL(seen_level, (int)RTE_LOG_WARNING, "level seen by the stream");
	TEST_ASSERT_EQUAL(seen_type, RTE_LOGTYPE_USER2, "type seen by the stream");
	return TEST_SUCCESS;
}

int
test_log_dump_and_list(void)
{
	int t = rte_log_register("test.log.dump");
	rte_log_set_level(t, RTE_LOG_ERR);
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_log_dump(f);
	rte_log_list_types(f, "type: ");
	fclose(f);
	std::string out(buf, len);
	free(buf);
	TEST_ASSERT(out.find("global log level is ") != std::string::npos, "%s", out.c_str());
	TEST_ASSERT(out.find(": test.log.dump, level is error") != std::string::npos, "%s",
		    out.c_str());
	TEST_ASSERT(out.find("id 0: lib.eal, level is") != std::string::npos, "%s", out.c_str());
	TEST_ASSERT(out.find("type: test.log.dump\n") != std::string::npos, "%s", out.c_str());
	return TEST_SUCCESS;
}

/* In a child started with --log-level patterns: types registered after
 * rte_eal_init() get the level the options asked for, last match winning. */
int
log_child(void)
{
	printf("late.a=%d late2.b=%d order.x=%d order.y=%d plain=%d\n",
	       rte_log_register("test.late.a"), rte_log_get_level(rte_log_register("test.late2.b")),
	       rte_log_get_level(
		       rte_log_register_type_and_pick_level("test.order.x", RTE_LOG_INFO)),
	       rte_log_get_level(
		       rte_log_register_type_and_pick_level("test.order.y", RTE_LOG_INFO)),
	       rte_log_get_level(
		       rte_log_register_type_and_pick_level("test.plain", RTE_LOG_NOTICE)));
	printf("late.a level=%d\n", rte_log_get_level(rte_log_register("test.late.a")));
	return TEST_SUCCESS;
}

int
test_log_options_reach_late_types(void)
{
	const char *argv[] = {"dpkit-test",
			      "--in-memory",
			      "--no-huge",
			      "--log-level=test.late.*:debug",
			      "--log-level=test\\.late2,err",
			      "--log-level=test.order.*:debug",
			      "--log-level=test.order.x:3",
			      "log_child",
			      nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	TEST_ASSERT_EQUAL(rc, 0, "child: %s", out.c_str());
	TEST_ASSERT(out.find("late2.b=4 order.x=3 order.y=8 plain=6") != std::string::npos,
		    "child: %s", out.c_str());
	TEST_ASSERT(out.find("late.a level=8") != std::string::npos, "child: %s", out.c_str());
	return TEST_SUCCESS;
}

/* In a child: the type table is finite; when full, new names are refused
 * with ENOSPC while known names still resolve. */
int
log_full_child(void)
{
	int first = rte_log_register("test.full.0");
	TEST_ASSERT(first >= 0, "first registration");
	int last = first, i;
	for (i = 1; i < 100000; i++) {
		std::string name = "test.full." + std::to_string(i);
		int id = rte_log_register(name.c_str());
		if (id < 0)
			break;
		last = id;
	}
	TEST_ASSERT(i < 100000, "the type table never filled up");
	TEST_ASSERT_EQUAL(rte_errno, ENOSPC, "rte_errno when full");
	TEST_ASSERT_EQUAL(rte_log_register("test.full.0"), first, "known name when full");
	TEST_ASSERT_EQUAL(rte_log_set_level(last, RTE_LOG_DEBUG), 0, "last type usable");
	printf("log table full after %d types\n", last + 1);
	return TEST_SUCCESS;
}

int
test_log_type_table_full(void)
{
	const char *argv[] = {"dpkit-test", "--in-memory", "--no-huge", "log_full_child", nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	TEST_ASSERT_EQUAL(rc, 0, "child: %s", out.c_str());
	TEST_ASSERT(out.find("all 1024 log types are taken") != std::string::npos, "child: %s",
		    out.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case log_cases[] = {TEST_CASE(test_log_global_level),
					   TEST_CASE(test_log_register_is_idempotent),
					   TEST_CASE(test_log_type_levels),
					   TEST_CASE(test_log_patterns_and_regexps),
					   TEST_CASE(test_log_registration_macros),
					   TEST_CASE(test_log_stream_redirection),
					   TEST_CASE(test_log_current_message_hooks),
					   TEST_CASE(test_log_dump_and_list),
					   TEST_CASE(test_log_options_reach_late_types),
					   TEST_CASE(test_log_type_table_full),
					   TEST_CASES_END()};

const struct unit_test_suite log_suite = {"log", nullptr, nullptr, log_cases};

int
test_log(void)
{
	return unit_test_suite_runner(&log_suite);
}

} // namespace

REGISTER_TEST_COMMAND(log_child, log_child);
REGISTER_TEST_COMMAND(log_full_child, log_full_child);
REGISTER_FAST_TEST(log_autotest, NOHUGE_OK, ASAN_OK, test_log);
