/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Log types live in a fixed table indexed by type id, so rte_log_can_log()
 * reads a level without taking a lock: a slot is filled (name, level) under
 * the lock and only then published by bumping the type count. Ids below
 * RTE_LOGTYPE_FIRST_EXT_ID are the fixed legacy ones.
 *
 * --log-level patterns are applied to the types registered so far and also
 * remembered, in order, so that a type registered later (a driver loaded
 * after rte_eal_init()) gets the level the user asked for; the last matching
 * pattern wins. rte_log_set_level_pattern/regexp only change existing types.
 */

#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"
#include "eal_nothrow.h"

using dpkit::eal_detail::nothrow_call;

namespace {

constexpr size_t max_log_types = 1024;

const char *const level_names[] = {
	nullptr, "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug",
};

struct log_type {
	std::string name; /* empty: unused fixed slot */
	std::atomic<uint32_t> level{RTE_LOG_INFO};
};

struct saved_level {
	std::string pattern;
	bool is_regex;
	uint32_t level;
};

struct log_state {
	std::mutex lock; /* serialises writers */
	log_type types[max_log_types];
	std::atomic<size_t> count{0}; /* published slots */
	std::vector<saved_level> saved;
	std::atomic<uint32_t> global_level{RTE_LOG_DEBUG};
	std::atomic<FILE *> stream{nullptr};

	log_state()
	{
		static const char *const fixed[RTE_LOGTYPE_FIRST_EXT_ID] = {
			"lib.eal",   "lib.malloc",    "lib.ring",  "lib.mempool",
			"lib.timer", "pmd",           "lib.hash",  "lib.lpm",
			"lib.kni",   "lib.acl",       "lib.power", "lib.meter",
			"lib.sched", "lib.port",      "lib.table", "lib.pipeline",
			"lib.mbuf",  "lib.cryptodev", "lib.efd",   "lib.eventdev",
			"lib.gso",   nullptr,         nullptr,     nullptr,
			"user1",     "user2",         "user3",     "user4",
			"user5",     "user6",         "user7",     "user8",
		};
		for (size_t i = 0; i < RTE_LOGTYPE_FIRST_EXT_ID; i++)
			types[i].name = fixed[i] ? fixed[i] : "";
		count.store(RTE_LOGTYPE_FIRST_EXT_ID, std::memory_order_release);
	}
};

log_state &
state()
{
	static log_state s; /* built on first use: safe from RTE_INIT constructors */
	return s;
}

thread_local int cur_level = -1;
thread_local int cur_type = -1;

bool
level_ok(uint32_t level)
{
	return level <= RTE_LOG_MAX;
}

/* A compiled matcher for a glob or an extended regular expression. */
struct matcher {
	bool is_regex;
	std::string pattern;
	regex_t re{};
	bool ok = true;

	matcher(const char *p, bool regex) : is_regex(regex), pattern(p)
	{
		if (is_regex)
			ok = regcomp(&re, p, REG_NOSUB | REG_EXTENDED) == 0;
	}
	~matcher()
	{
		if (is_regex && ok)
			regfree(&re);
	}
	matcher(const matcher &) = delete;
	matcher &operator=(const matcher &) = delete;

	bool match(const std::string &name) const
	{
		if (is_regex)
			return regexec(&re, name.c_str(), 0, nullptr, 0) == 0;
		return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
	}
};

int
set_level_matching(const char *pattern, bool is_regex, uint32_t level)
{
	if (pattern == nullptr || !level_ok(level))
		return -1;
	matcher m(pattern, is_regex);
	if (!m.ok)
		return -1;
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	size_t n = st.count.load(std::memory_order_relaxed);
	for (size_t i = 0; i < n; i++)
		if (!st.types[i].name.empty() && m.match(st.types[i].name))
			st.types[i].level.store(level, std::memory_order_relaxed);
	return 0;
}

/* Level from a name (a prefix is enough: "err", "warn") or a number. */
int
parse_level(const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return -1;
	for (uint32_t l = RTE_LOG_EMERG; l <= RTE_LOG_MAX; l++)
		if (strncasecmp(level_names[l], s, len) == 0)
			return (int)l;
	if (s[0] < '0' || s[0] > '9')
		return -1;
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > RTE_LOG_MAX)
		return -1;
	return (int)v;
}

} // namespace

namespace dpkit::eal_detail {

int
log_apply_option(const char *opt, const char *value)
{
	std::string v(value);
	std::string pattern;
	bool is_regex = false;
	size_t sep = v.rfind(',');
	if (sep != std::string::npos) {
		is_regex = true;
	} else {
		sep = v.rfind(':');
	}
	if (sep != std::string::npos) {
		pattern = v.substr(0, sep);
		v = v.substr(sep + 1);
		if (pattern.empty()) {
			EAL_LOG(ERR,
				"%s '%s': nothing before '%c'; give a log type pattern "
				"such as lib.eal or 'lib\\..*'",
				opt, value, is_regex ? ',' : ':');
			return -EINVAL;
		}
	}
	int level = parse_level(v.c_str());
	if (level < 0) {
		EAL_LOG(ERR,
			"%s '%s': '%s' is not a log level; use 0-8 or one of emergency, "
			"alert, critical, error, warning, notice, info, debug",
			opt, value, v.c_str());
		return -EINVAL;
	}
	if (pattern.empty()) {
		rte_log_set_global_level((uint32_t)level);
		return 0;
	}
	if (set_level_matching(pattern.c_str(), is_regex, (uint32_t)level) < 0) {
		EAL_LOG(ERR, "%s '%s': '%s' is not a valid regular expression", opt, value,
			pattern.c_str());
		return -EINVAL;
	}
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	st.saved.push_back(saved_level{pattern, is_regex, (uint32_t)level});
	return 0;
}

} // namespace dpkit::eal_detail

extern "C" {

int
rte_openlog_stream(FILE *f)
{
	state().stream.store(f, std::memory_order_release);
	return 0;
}

FILE *
rte_log_get_stream(void)
{
	FILE *f = state().stream.load(std::memory_order_acquire);
	return f ? f : stderr;
}

void
rte_log_set_global_level(uint32_t level)
{
	state().global_level.store(level, std::memory_order_relaxed);
}

uint32_t
rte_log_get_global_level(void)
{
	return state().global_level.load(std::memory_order_relaxed);
}

int
rte_log_get_level(uint32_t logtype)
{
	auto &st = state();
	if (logtype >= st.count.load(std::memory_order_acquire))
		return -1;
	return (int)st.types[logtype].level.load(std::memory_order_relaxed);
}

bool
rte_log_can_log(uint32_t logtype, uint32_t level)
{
	auto &st = state();
	if (level > st.global_level.load(std::memory_order_relaxed))
		return false;
	/* pairs with the release in register: the slot is complete */
	if (logtype >= st.count.load(std::memory_order_acquire))
		return false;
	return level <= st.types[logtype].level.load(std::memory_order_relaxed);
}

int
rte_log_set_level(uint32_t logtype, uint32_t level)
{
	auto &st = state();
	if (logtype >= st.count.load(std::memory_order_acquire) || !level_ok(level))
		return -1;
	st.types[logtype].level.store(level, std::memory_order_relaxed);
	return 0;
}

int
rte_log_set_level_regexp(const char *regex, uint32_t level)
{
	return nothrow_call("rte_log_set_level_regexp", -1,
			    [&] { return set_level_matching(regex, true, level); });
}

int
rte_log_set_level_pattern(const char *pattern, uint32_t level)
{
	return nothrow_call("rte_log_set_level_pattern", -1,
			    [&] { return set_level_matching(pattern, false, level); });
}

int
rte_log_cur_msg_loglevel(void)
{
	return cur_level;
}

int
rte_log_cur_msg_logtype(void)
{
	return cur_type;
}

namespace {

int
register_type(const char *name, uint32_t level_def)
{
	if (name == nullptr || name[0] == '\0') {
		rte_errno = EINVAL;
		return -1;
	}
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	size_t n = st.count.load(std::memory_order_relaxed);
	for (size_t i = 0; i < n; i++)
		if (st.types[i].name == name)
			return (int)i;
	if (n == max_log_types) {
		fprintf(rte_log_get_stream(),
			"EAL: cannot register log type %s: all %zu log "
			"types are taken\n",
			name, max_log_types);
		rte_errno = ENOSPC;
		return -1;
	}
	uint32_t level = level_def;
	for (const auto &s : st.saved) {
		matcher m(s.pattern.c_str(), s.is_regex);
		if (m.ok && m.match(name))
			level = s.level;
	}
	st.types[n].name = name;
	st.types[n].level.store(level, std::memory_order_relaxed);
	st.count.store(n + 1, std::memory_order_release);
	return (int)n;
}

} // namespace

int
rte_log_register_type_and_pick_level(const char *name, uint32_t level_def)
{
	return nothrow_call("rte_log_register", -1, [&] { return register_type(name, level_def); });
}

int
rte_log_register(const char *name)
{
	return rte_log_register_type_and_pick_level(name, RTE_LOG_INFO);
}

void
rte_log_list_types(FILE *out, const char *prefix)
{
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	size_t n = st.count.load(std::memory_order_relaxed);
	for (size_t i = 0; i < n; i++)
		if (!st.types[i].name.empty())
			fprintf(out, "%s%s\n", prefix ? prefix : "", st.types[i].name.c_str());
}

static const char *
level_name(uint32_t level)
{
	return level >= RTE_LOG_EMERG && level <= RTE_LOG_MAX ? level_names[level] : "disabled";
}

void
rte_log_dump(FILE *f)
{
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	fprintf(f, "global log level is %s\n", level_name(rte_log_get_global_level()));
	size_t n = st.count.load(std::memory_order_relaxed);
	for (size_t i = 0; i < n; i++)
		if (!st.types[i].name.empty())
			fprintf(f, "id %zu: %s, level is %s\n", i, st.types[i].name.c_str(),
				level_name(st.types[i].level.load(std::memory_order_relaxed)));
}

int
rte_vlog(uint32_t level, uint32_t logtype, const char *format, va_list ap)
{
	if (logtype >= state().count.load(std::memory_order_acquire))
		return -1;
	if (!rte_log_can_log(logtype, level))
		return 0;
	FILE *f = rte_log_get_stream();
	cur_level = (int)level;
	cur_type = (int)logtype;
	int ret = vfprintf(f, format, ap);
	fflush(f);
	return ret < 0 ? ret : 0;
}

int
rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int ret = rte_vlog(level, logtype, format, ap);
	va_end(ap);
	return ret;
}

} // extern "C"
