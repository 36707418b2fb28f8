/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The command table and the answer to one request.
 *
 * The table is a name-ordered vector behind a mutex, created on first use
 * and never destroyed: libraries register from constructors, in any order,
 * and the server thread may still read it while the process exits. A
 * request looks its callback up under the mutex and runs it without it, so
 * a slow callback delays only its own reply, never a registration.
 *
 * A request is `<cmd>` or `<cmd>,<params>`: the command is everything
 * before the first ',', the parameters everything after it (none when
 * empty). Unknown commands, names of 56 characters or more, requests over
 * DPKIT_TELEMETRY_MAX_REQUEST_LEN bytes and failing callbacks all answer
 * `{"<cmd>":null}`.
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <new>

#include "telemetry_private.h"

namespace dpkit::telemetry_detail {

namespace {

struct command {
	std::string name;
	telemetry_cb fn;
	std::string help;
};

struct registry {
	std::mutex lock;
	std::vector<command> commands; /* ordered by name */
};

registry &
table()
{
	static registry *r = new registry; /* never destroyed: see the top note */
	return *r;
}

/* 0 and the callback, or -ENOENT. */
int
lookup(const std::string &name, telemetry_cb *fn, std::string *help)
{
	registry &r = table();
	std::lock_guard<std::mutex> g(r.lock);
	auto it = std::lower_bound(r.commands.begin(), r.commands.end(), name,
				   [](const command &c, const std::string &n) {
		return c.name < n;
	});
	if (it == r.commands.end() || it->name != name)
		return -ENOENT;
	if (fn != nullptr)
		*fn = it->fn;
	if (help != nullptr)
		*help = it->help;
	return 0;
}

std::atomic<const char *> version_str{"DPDK"};

/* errno to fail with at each fault site, 0 = not armed */
std::atomic<int> armed[static_cast<size_t>(fault_site::count)];

int
list_commands(const char *, const char *, rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	registry &r = table();
	std::lock_guard<std::mutex> g(r.lock);
	for (const command &c : r.commands)
		rte_tel_data_add_array_string(d, c.name.c_str());
	return 0;
}

int
info(const char *, const char *, rte_tel_data *d)
{
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "version", version());
	rte_tel_data_add_dict_int(d, "pid", getpid());
	rte_tel_data_add_dict_int(d, "max_output_len", DPKIT_TELEMETRY_MAX_OUTPUT_LEN);
	return 0;
}

/* "/help" alone: its own help as a string; "/help,<cmd>": {"<cmd>": help}. */
int
help(const char *cmd, const char *params, rte_tel_data *d)
{
	std::string text;
	if (lookup(params != nullptr ? params : cmd, nullptr, &text) < 0)
		return -1;
	if (params == nullptr)
		return rte_tel_data_string(d, text.c_str()) < 0 ? -1 : 0;
	rte_tel_data_start_dict(d);
	/* a name that is not a valid key cannot be registered, so it fits */
	return rte_tel_data_add_dict_string(d, params, text.c_str()) < 0 ? -1 : 0;
}

__attribute__((constructor)) void
register_builtins()
{
	rte_telemetry_register_cmd("/", list_commands,
				   "Returns list of available commands, Takes no parameters");
	rte_telemetry_register_cmd("/info", info,
				   "Returns DPDK Telemetry information. Takes no parameters");
	rte_telemetry_register_cmd("/help", help,
				   "Returns help text for a command. Parameters: string command");
}

bool
valid_cmd(const char *cmd)
{
	size_t n = strnlen(cmd, max_cmd_len);
	if (n == 0 || n == max_cmd_len || cmd[0] != '/')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum(static_cast<unsigned char>(cmd[i])) && cmd[i] != '_' && cmd[i] != '/')
			return false;
	return true;
}

} // namespace

bool
fault_hit(fault_site site, int *err)
{
	int e = armed[static_cast<size_t>(site)].exchange(0, std::memory_order_acq_rel);
	if (e == 0)
		return false;
	*err = e;
	return true;
}

const char *
version()
{
	return version_str.load(std::memory_order_acquire);
}

void
set_version(const char *v)
{
	version_str.store(v, std::memory_order_release);
}

} // namespace dpkit::telemetry_detail

using namespace dpkit::telemetry_detail;

extern "C" {

int
rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help_text)
{
	if (cmd == nullptr || fn == nullptr || help_text == nullptr || !valid_cmd(cmd) ||
	    strnlen(help_text, RTE_TEL_MAX_STRING_LEN) == RTE_TEL_MAX_STRING_LEN)
		return -EINVAL;
	try {
		registry &r = table();
		std::lock_guard<std::mutex> g(r.lock);
		command c{cmd, fn, help_text};
		auto it = std::lower_bound(r.commands.begin(), r.commands.end(), c.name,
					   [](const command &a, const std::string &n) {
			return a.name < n;
		});
		if (it != r.commands.end() && it->name == c.name)
			*it = std::move(c);
		else
			r.commands.insert(it, std::move(c));
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}
	return 0;
}

int
dpkit_telemetry_handle(const char *req, size_t req_len, char *out, size_t out_len)
{
	if ((req == nullptr && req_len != 0) || out == nullptr || out_len < 64)
		return -EINVAL;
	std::string cmd, params;
	bool has_params = false;
	try {
		std::string text(req, strnlen(req, req_len));
		size_t comma = text.find(',');
		cmd = text.substr(0, comma);
		if (comma != std::string::npos && comma + 1 < text.size()) {
			params = text.substr(comma + 1);
			has_params = true;
		}
	} catch (const std::bad_alloc &) {
		return static_cast<int>(render_reply("", nullptr, out, out_len));
	}
	int err;
	std::unique_ptr<rte_tel_data> data(
		fault_hit(fault_site::alloc, &err) ? nullptr : new (std::nothrow) rte_tel_data());
	if (data == nullptr)
		return static_cast<int>(render_reply(cmd.c_str(), nullptr, out, out_len));
	telemetry_cb fn = nullptr;
	if (req_len <= DPKIT_TELEMETRY_MAX_REQUEST_LEN && cmd.size() < max_cmd_len &&
	    lookup(cmd, &fn, nullptr) == 0) {
		int ret;
		try {
			ret = fn(cmd.c_str(), has_params ? params.c_str() : nullptr, data.get());
		} catch (...) {
			ret = -1; /* a C++ callback that threw: answer null */
		}
		if (ret < 0)
			data->clear();
	} else if (req_len > DPKIT_TELEMETRY_MAX_REQUEST_LEN) {
		log(log_notice, "request of %zu bytes refused: at most %d bytes are read\n",
		    req_len, DPKIT_TELEMETRY_MAX_REQUEST_LEN);
	}
	return static_cast<int>(render_reply(cmd.c_str(), data.get(), out, out_len));
}

int
dpkit_telemetry_fault_arm(const char *site, int err)
{
	static const char *const names[] = {"socket", "bind", "listen", "thread",
					    "accept", "send", "alloc"};
	static_assert(sizeof(names) / sizeof(names[0]) == static_cast<size_t>(fault_site::count));
	if (site == nullptr || err <= 0)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(site, names[i]) == 0) {
			armed[i].store(err, std::memory_order_release);
			return 0;
		}
	}
	return -EINVAL;
}

int
dpkit_telemetry_param_uint(const char *cmd, const char *params, unsigned long max,
			   unsigned long *value)
{
	const char *what = nullptr;
	unsigned long v = 0;
	if (params == nullptr || params[0] == '\0')
		what = "needs a number";
	for (const char *p = params; what == nullptr && *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			what = "takes decimal digits only";
		else if (v > max / 10 || max - v * 10 < static_cast<unsigned long>(*p - '0'))
			what = "is out of range";
		else
			v = v * 10 + (*p - '0');
	}
	if (what != nullptr) {
		log(log_notice, "%s: parameter %s (at most %lu); the reply is null\n",
		    cmd != nullptr ? cmd : "?", what, max);
		return -EINVAL;
	}
	*value = v;
	return 0;
}

int
dpkit_telemetry_greeting(char *out, size_t out_len)
{
	if (out == nullptr || out_len == 0)
		return -EINVAL;
	std::string v = json_quote(version(), strlen(version()));
	int n = snprintf(out, out_len, "{\"version\":%s,\"pid\":%d,\"max_output_len\":%d}",
			 v.c_str(), getpid(), DPKIT_TELEMETRY_MAX_OUTPUT_LEN);
	return n < 0 || static_cast<size_t>(n) >= out_len ? -EINVAL : n;
}

} // extern "C"
