/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Log types live in one table indexed by type id; ids below
 * RTE_LOGTYPE_FIRST_EXT_ID are the fixed legacy ones. Patterns given with
 * --log-level before a type registers are remembered, so a driver that
 * registers late still gets the level the user asked for.
 */

#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <string.h>

#include <mutex>
#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_log.h>

namespace {

struct log_type {
	std::string name;   /* empty: unused slot */
	uint32_t level;
};

struct saved_level {
	std::string pattern;
	bool is_regex;
	uint32_t level;
};

struct log_state {
	std::mutex lock;
	std::vector<log_type> types;
	std::vector<saved_level> saved;
	uint32_t global_level = RTE_LOG_DEBUG;
	FILE *stream = nullptr;

	log_state()
	{
		static const char *const fixed[RTE_LOGTYPE_FIRST_EXT_ID] = {
			"lib.eal", "lib.malloc", "lib.ring", "lib.mempool",
			"lib.timer", "pmd", "lib.hash", "lib.lpm", "lib.kni",
			"lib.acl", "lib.power", "lib.meter", "lib.sched",
			"lib.port", "lib.table", "lib.pipeline", "lib.mbuf",
			"lib.cryptodev", "lib.efd", "lib.eventdev", "lib.gso",
			nullptr, nullptr, nullptr,
			"user1", "user2", "user3", "user4", "user5", "user6",
			"user7", "user8",
		};
		types.resize(RTE_LOGTYPE_FIRST_EXT_ID);
		for (size_t i = 0; i < types.size(); i++) {
			types[i].name = fixed[i] ? fixed[i] : "";
			types[i].level = RTE_LOG_INFO;
		}
	}
};

log_state &state()
{
	static log_state s; /* constructed on first use: safe from RTE_INIT */
	return s;
}

thread_local int cur_level = -1;
thread_local int cur_type = -1;

bool matches(const saved_level &s, const std::string &name)
{
	if (!s.is_regex)
		return fnmatch(s.pattern.c_str(), name.c_str(), 0) == 0;
	regex_t re;
	if (regcomp(&re, s.pattern.c_str(), REG_NOSUB | REG_EXTENDED) != 0)
		return false;
	bool ok = regexec(&re, name.c_str(), 0, nullptr, 0) == 0;
	regfree(&re);
	return ok;
}

bool level_ok(uint32_t level)
{
	return level >= RTE_LOG_EMERG && level <= RTE_LOG_MAX;
}

int set_level_matching(const char *pattern, bool is_regex, uint32_t level)
{
	if (pattern == nullptr || !level_ok(level))
		return -1;
	saved_level s{pattern, is_regex, level};
	if (is_regex) {
		regex_t re;
		if (regcomp(&re, pattern, REG_NOSUB | REG_EXTENDED) != 0)
			return -1;
		regfree(&re);
	}
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	for (auto &t : st.types)
		if (!t.name.empty() && matches(s, t.name))
			t.level = level;
	st.saved.push_back(std::move(s));
	return 0;
}

} // namespace

extern "C" {

int rte_openlog_stream(FILE *f)
{
	state().stream = f;
	return 0;
}

FILE *rte_log_get_stream(void)
{
	FILE *f = state().stream;
	return f ? f : stderr;
}

void rte_log_set_global_level(uint32_t level)
{
	state().global_level = level;
}

uint32_t rte_log_get_global_level(void)
{
	return state().global_level;
}

int rte_log_get_level(uint32_t logtype)
{
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	if (logtype >= st.types.size() || st.types[logtype].name.empty())
		return -1;
	return (int)st.types[logtype].level;
}

bool rte_log_can_log(uint32_t logtype, uint32_t level)
{
	auto &st = state();
	if (level > st.global_level)
		return false;
	/* unlocked read: types only grow, and a stale level is harmless */
	if (logtype >= st.types.size())
		return false;
	return level <= st.types[logtype].level;
}

int rte_log_set_level(uint32_t logtype, uint32_t level)
{
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	if (logtype >= st.types.size() || !level_ok(level))
		return -1;
	st.types[logtype].level = level;
	return 0;
}

int rte_log_set_level_regexp(const char *regex, uint32_t level)
{
	return set_level_matching(regex, true, level);
}

int rte_log_set_level_pattern(const char *pattern, uint32_t level)
{
	return set_level_matching(pattern, false, level);
}

int rte_log_cur_msg_loglevel(void)
{
	return cur_level;
}

int rte_log_cur_msg_logtype(void)
{
	return cur_type;
}

int rte_log_register_type_and_pick_level(const char *name, uint32_t level_def)
{
	if (name == nullptr || name[0] == '\0') {
		rte_errno = EINVAL;
		return -1;
	}
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	for (size_t i = 0; i < st.types.size(); i++)
		if (st.types[i].name == name)
			return (int)i;
	uint32_t level = level_def;
	for (const auto &s : st.saved)
		if (matches(s, name))
			level = s.level;
	st.types.push_back(log_type{name, level});
	return (int)(st.types.size() - 1);
}

int rte_log_register(const char *name)
{
	return rte_log_register_type_and_pick_level(name, RTE_LOG_INFO);
}

void rte_log_list_types(FILE *out, const char *prefix)
{
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	for (const auto &t : st.types)
		if (!t.name.empty())
			fprintf(out, "%s%s\n", prefix ? prefix : "", t.name.c_str());
}

void rte_log_dump(FILE *f)
{
	static const char *const names[] = {"", "emergency", "alert", "critical",
		"error", "warning", "notice", "info", "debug"};
	auto &st = state();
	std::lock_guard<std::mutex> g(st.lock);
	fprintf(f, "global log level is %s\n", names[st.global_level <= RTE_LOG_MAX ?
		st.global_level : 0]);
	for (size_t i = 0; i < st.types.size(); i++)
		if (!st.types[i].name.empty())
			fprintf(f, "id %zu: %s, level is %s\n", i, st.types[i].name.c_str(),
				names[st.types[i].level]);
}

int rte_vlog(uint32_t level, uint32_t logtype, const char *format, va_list ap)
{
	if (!rte_log_can_log(logtype, level))
		return 0;
	FILE *f = rte_log_get_stream();
	cur_level = (int)level;
	cur_type = (int)logtype;
	int ret = vfprintf(f, format, ap);
	fflush(f);
	return ret < 0 ? ret : 0;
}

int rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int ret = rte_vlog(level, logtype, format, ap);
	va_end(ap);
	return ret;
}

} // extern "C"
