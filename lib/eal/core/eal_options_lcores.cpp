/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The three ways to say which lcores to run, and on which CPUs:
 *   -c <hex mask>      lcore i on CPU i for each set bit i
 *   -l <list>          "0-3,8": lcore i on CPU i, in the listed order
 *   --lcores <map>     "0,(1-3)@2,4@(5,6),7-9": lcore sets with optional
 *                      "@cpus"; without '@' a bare number or range keeps
 *                      lcore i on CPU i, while a "(group)" lets every lcore
 *                      of the group float over the group's CPUs.
 * Each fills an lcore_map; one check then refuses CPUs that do not exist or
 * that the process may not use, so the error names the option as typed.
 */

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include <algorithm>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_log.h>

#include <eal_hex.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"

namespace dpkit::eal_detail {

namespace {

/* Lcores in first-mention order and the CPUs each may run on. */
struct lcore_map {
	std::vector<unsigned int> order;
	rte_cpuset_t cpus[RTE_MAX_LCORE];
	bool used[RTE_MAX_LCORE] = {};

	void assign(unsigned int lcore, const rte_cpuset_t &set)
	{
		if (!used[lcore]) {
			used[lcore] = true;
			order.push_back(lcore);
		}
		cpus[lcore] = set;
	}
};

/* Parsing state for one option value; errors name the option and the
 * place in the value where reading stopped. */
struct reader {
	const char *opt;
	const char *value;
	const char *p;

	void skip_spaces()
	{
		while (isblank((unsigned char)*p))
			p++;
	}

	int fail(const char *what)
	{
		EAL_LOG(ERR, "%s '%s': %s at \"%s\"; see --help for the syntax", opt, value, what,
			*p ? p : "<end>");
		return -EINVAL;
	}

	/* A decimal number below @p limit, called @p noun in errors. */
	int number(unsigned int limit, const char *noun, unsigned int *out)
	{
		skip_spaces();
		if (!isdigit((unsigned char)*p))
			return fail("expected a number");
		const char *start = p;
		unsigned long v = 0;
		bool too_large = false;
		for (; isdigit((unsigned char)*p); p++) {
			v = v * 10 + (unsigned long)(*p - '0');
			if (v >= limit) {
				too_large = true;
				v = limit;
			}
		}
		if (too_large) {
			EAL_LOG(ERR, "%s '%s': %s %.*s is too large (the largest is %u)", opt,
				value, noun, (int)(p - start), start, limit - 1);
			return -EINVAL;
		}
		skip_spaces();
		*out = (unsigned int)v;
		return 0;
	}

	/* "n" or "n-m" (either order) added to @p set, in increasing order
	 * to @p seq when given. */
	int range(unsigned int limit, const char *noun, rte_cpuset_t *set,
		  std::vector<unsigned int> *seq)
	{
		unsigned int lo, hi;
		int ret = number(limit, noun, &lo);
		if (ret < 0)
			return ret;
		hi = lo;
		if (*p == '-') {
			p++;
			ret = number(limit, noun, &hi);
			if (ret < 0)
				return ret;
		}
		if (lo > hi)
			std::swap(lo, hi);
		for (unsigned int i = lo; i <= hi; i++) {
			CPU_SET(i, set);
			if (seq != nullptr)
				seq->push_back(i);
		}
		return 0;
	}

	/* A single number or range, or "(" range {"," range} ")". */
	int set(unsigned int limit, const char *noun, rte_cpuset_t *out,
		std::vector<unsigned int> *seq, bool *grouped)
	{
		CPU_ZERO(out);
		skip_spaces();
		*grouped = *p == '(';
		if (!*grouped)
			return range(limit, noun, out, seq);
		p++;
		for (;;) {
			int ret = range(limit, noun, out, seq);
			if (ret < 0)
				return ret;
			if (*p == ')')
				break;
			if (*p != ',')
				return fail("expected ',' or ')'");
			p++;
		}
		p++;
		skip_spaces();
		return 0;
	}
};

/* The lcore numbers in the errors are user-visible ids, so say which limit. */
constexpr const char *lcore_noun = "lcore";
constexpr const char *cpu_noun = "CPU";

int
parse_corelist(reader &r, lcore_map &map)
{
	for (;;) {
		rte_cpuset_t set;
		std::vector<unsigned int> seq;
		CPU_ZERO(&set);
		int ret = r.range(RTE_MAX_LCORE, lcore_noun, &set, &seq);
		if (ret < 0)
			return ret;
		for (unsigned int lcore : seq) {
			rte_cpuset_t one;
			CPU_ZERO(&one);
			CPU_SET(lcore, &one);
			map.assign(lcore, one);
		}
		if (*r.p == '\0')
			return 0;
		if (*r.p != ',')
			return r.fail("expected ',' between lcores");
		r.p++;
	}
}

int
parse_lcores_map(reader &r, lcore_map &map)
{
	for (;;) {
		rte_cpuset_t lcores, cpus;
		std::vector<unsigned int> seq;
		bool grouped, cpus_grouped;
		int ret = r.set(RTE_MAX_LCORE, lcore_noun, &lcores, &seq, &grouped);
		if (ret < 0)
			return ret;
		bool placed = *r.p == '@';
		if (placed) {
			r.p++;
			ret = r.set(CPU_SETSIZE, cpu_noun, &cpus, nullptr, &cpus_grouped);
			if (ret < 0)
				return ret;
		}
		for (unsigned int lcore : seq) {
			if (placed) {
				map.assign(lcore, cpus);
			} else if (grouped) {
				map.assign(lcore, lcores);
			} else {
				rte_cpuset_t one;
				CPU_ZERO(&one);
				CPU_SET(lcore, &one);
				map.assign(lcore, one);
			}
		}
		if (*r.p == '\0')
			return 0;
		if (*r.p != ',')
			return r.fail("expected ',' or '@'");
		r.p++;
	}
}

/* Fill @p seq with the lcores of a hex mask, in increasing order.
 * Returns NULL or the reason the mask is bad. */
const char *
coremask_lcores(const char *mask, std::vector<unsigned int> &seq)
{
	while (isblank((unsigned char)*mask))
		mask++;
	if (mask[0] == '0' && (mask[1] == 'x' || mask[1] == 'X'))
		mask += 2;
	size_t len = strlen(mask);
	while (len > 0 && isblank((unsigned char)mask[len - 1]))
		len--;
	if (len == 0)
		return "no hexadecimal digits";
	for (size_t i = 0; i < len; i++) {
		int d = dpkit::hex_digit(mask[len - 1 - i]);
		if (d < 0)
			return "not a hexadecimal number";
		for (unsigned int b = 0; b < 4; b++) {
			if (!(d & (1 << b)))
				continue;
			size_t lcore = i * 4 + b;
			if (lcore >= RTE_MAX_LCORE)
				return "sets a bit at or above RTE_MAX_LCORE";
			seq.push_back((unsigned int)lcore);
		}
	}
	if (seq.empty())
		return "selects no lcore";
	return nullptr;
}

/* Every CPU of every lcore must exist and be allowed to this process. */
int
check_cpus(const char *opt, const char *value, const lcore_map &map)
{
	const rte_cpuset_t &allowed = startup_affinity();
	for (unsigned int lcore : map.order) {
		for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
			if (!CPU_ISSET(cpu, &map.cpus[lcore]))
				continue;
			if (!cpu_present(cpu)) {
				rte_cpuset_t present;
				CPU_ZERO(&present);
				for (unsigned int c = 0; c < CPU_SETSIZE; c++)
					if (cpu_present(c))
						CPU_SET(c, &present);
				EAL_LOG(ERR,
					"%s %s: CPU %u (lcore %u) does not exist; "
					"this machine has CPUs %s",
					opt, value, cpu, lcore, cpuset_to_string(present).c_str());
				return -EINVAL;
			}
			if (!CPU_ISSET(cpu, &allowed)) {
				EAL_LOG(ERR,
					"%s %s: CPU %u (lcore %u) is not in this "
					"process's CPU affinity (%s); pick allowed CPUs or "
					"change the affinity (taskset)",
					opt, value, cpu, lcore, cpuset_to_string(allowed).c_str());
				return -EINVAL;
			}
		}
	}
	return 0;
}

/* @p opt: the option as spelled, or NULL for the default lcores. */
void
commit(const char *opt, const lcore_map &map)
{
	internal_config &c = config();
	c.lcore_list = map.order;
	for (unsigned int lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
		if (map.used[lcore])
			c.lcore_cpus[lcore] = map.cpus[lcore];
		else
			CPU_ZERO(&c.lcore_cpus[lcore]);
	}
	/* keep a string that outlives the option parsing */
	if (opt == nullptr)
		c.lcore_option = nullptr;
	else if (strcmp(opt, "-c") == 0)
		c.lcore_option = "-c";
	else if (strcmp(opt, "-l") == 0)
		c.lcore_option = "-l";
	else
		c.lcore_option = "--lcores";
}

} // namespace

int
parse_lcore_option(const char *opt, const char *value)
{
	internal_config &c = config();
	if (c.lcore_option != nullptr) {
		EAL_LOG(ERR,
			"%s: lcores were already given with %s; use only one of "
			"-c, -l, --lcores",
			opt, c.lcore_option);
		return -EINVAL;
	}

	lcore_map map;
	int ret;
	if (strcmp(opt, "-c") == 0) {
		std::vector<unsigned int> seq;
		const char *why = coremask_lcores(value, seq);
		if (why != nullptr) {
			EAL_LOG(ERR,
				"-c '%s': %s; give a hexadecimal mask of lcores "
				"(e.g. -c 0x3)",
				value, why);
			return -EINVAL;
		}
		for (unsigned int lcore : seq) {
			rte_cpuset_t one;
			CPU_ZERO(&one);
			CPU_SET(lcore, &one);
			map.assign(lcore, one);
		}
	} else {
		reader r{opt, value, value};
		if (*value == '\0') {
			EAL_LOG(ERR, "%s: empty lcore list; e.g. %s 0-3", opt, opt);
			return -EINVAL;
		}
		ret = strcmp(opt, "-l") == 0 ? parse_corelist(r, map) : parse_lcores_map(r, map);
		if (ret < 0)
			return ret;
	}
	ret = check_cpus(opt, value, map);
	if (ret < 0)
		return ret;
	commit(opt, map);
	return 0;
}

int
set_default_lcores()
{
	const rte_cpuset_t &allowed = startup_affinity();
	lcore_map map;
	for (unsigned int cpu = 0; cpu < RTE_MAX_LCORE; cpu++) {
		if (!CPU_ISSET(cpu, &allowed) || !cpu_present(cpu))
			continue;
		rte_cpuset_t one;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		map.assign(cpu, one);
	}
	if (map.order.empty()) {
		EAL_LOG(ERR,
			"none of the allowed CPUs (%s) is below RTE_MAX_LCORE=%d; "
			"map lcores to them with --lcores, e.g. --lcores 0@<cpu>",
			cpuset_to_string(allowed).c_str(), RTE_MAX_LCORE);
		return -EINVAL;
	}
	commit(nullptr, map);
	return 0;
}

int
check_main_lcore()
{
	internal_config &c = config();
	bool listed[RTE_MAX_LCORE] = {};
	unsigned int lowest = RTE_MAX_LCORE;
	for (unsigned int lcore : c.lcore_list) {
		listed[lcore] = true;
		lowest = std::min(lowest, lcore);
	}
	if (!c.main_lcore_given) {
		c.main_lcore = lowest;
		return 0;
	}
	if (c.main_lcore >= RTE_MAX_LCORE || !listed[c.main_lcore]) {
		EAL_LOG(ERR,
			"--main-lcore %u: lcore %u is not among the enabled lcores; "
			"add it to %s or pick one of them",
			c.main_lcore, c.main_lcore,
			c.lcore_option ? c.lcore_option : "the lcore list (-l)");
		return -EINVAL;
	}
	return 0;
}

} // namespace dpkit::eal_detail

extern "C" int
rte_eal_parse_coremask(const char *coremask, int *cores)
{
	if (coremask == nullptr || cores == nullptr) {
		EAL_LOG(ERR, "rte_eal_parse_coremask: NULL argument");
		return -1;
	}
	std::vector<unsigned int> seq;
	const char *why = dpkit::eal_detail::coremask_lcores(coremask, seq);
	if (why != nullptr) {
		EAL_LOG(ERR, "core mask '%s': %s", coremask, why);
		return -1;
	}
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
		cores[i] = -1;
	int idx = 0;
	for (unsigned int lcore : seq)
		cores[lcore] = idx++;
	return 0;
}
