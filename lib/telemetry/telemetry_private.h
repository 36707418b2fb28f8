/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Internals shared by the telemetry sources (not installed).
 *
 * A struct rte_tel_data is a tagged value: nothing yet, one string, a dict
 * or an array of one value type. Entries live in std::vector / std::string,
 * capped by the RTE_TEL_MAX_* limits, so a reply's memory is bounded by the
 * limits whatever a callback does; a container entry owns its child unless
 * the caller asked to keep it.
 */

#ifndef _TELEMETRY_PRIVATE_H_
#define _TELEMETRY_PRIVATE_H_

#include <stdint.h>

#include <string>
#include <vector>

#include <rte_telemetry.h>

#include "telemetry_internal.h"

enum class tel_kind {
	none, /* nothing started: answers null */
	string,
	dict,
	array_string,
	array_int,
	array_u64,
	array_container,
};

struct tel_value {
	rte_tel_value_type type = RTE_TEL_INT_VAL;
	std::string name; /* dict entries only */
	std::string sval;
	int64_t ival = 0; /* int or u64, by type */
	uint64_t uval = 0;
	rte_tel_data *child = nullptr;
	bool keep = false;
};

struct rte_tel_data {
	tel_kind kind = tel_kind::none;
	std::string str;
	std::vector<tel_value> values;

	rte_tel_data() = default;
	rte_tel_data(const rte_tel_data &) = delete;
	rte_tel_data &operator=(const rte_tel_data &) = delete;
	~rte_tel_data();

	/* drop every value (and the children owned), back to tel_kind::none */
	void clear();
};

namespace dpkit::telemetry_detail {

/* Longest command name, with its NUL (DPDK's MAX_CMD_LEN). */
constexpr size_t max_cmd_len = 56;

/*
 * Render `{"<cmd>":<value>}` into out (NUL-terminated, at most out_len - 1
 * bytes). Entries that would overflow are left out; the result is always
 * valid JSON. Returns the length.
 */
size_t render_reply(const char *cmd, const rte_tel_data *d, char *out, size_t out_len);

/* JSON string literal of s (quotes included), control characters escaped. */
std::string json_quote(const char *s, size_t len);

/* Version string of the greeting and /info. */
const char *version();
void set_version(const char *v);

/* ---- fault injection (dpkit_telemetry_fault_arm) ---- */

enum class fault_site { socket, bind, listen, thread, accept, send, alloc, count };

/* True, with *err set, when a failure was armed at site (it is disarmed). */
bool fault_hit(fault_site site, int *err);

/* Levels of the configured logger (the values of RTE_LOG_ERR...DEBUG). */
constexpr uint32_t log_err = 4;
constexpr uint32_t log_warning = 5;
constexpr uint32_t log_notice = 6;
constexpr uint32_t log_debug = 8;

/* log through the configured logger, if any */
void log(uint32_t level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

} // namespace dpkit::telemetry_detail

#endif /* _TELEMETRY_PRIVATE_H_ */
