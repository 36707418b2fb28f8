/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpkit-procinfo: a secondary process that prints what a running primary
 * holds (pools, rings, memzones, heaps, ports), with dpdk-proc-info's
 * command line: EAL options, then "--" and the tool's options. The tool's
 * options are checked before the EAL starts, so a typo costs one line and
 * never touches the primary.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_version.h>

#include "procinfo.h"

namespace dpkit::procinfo {

namespace {

/* dpdk-proc-info options this tool leaves out, and why. */
struct unsupported {
	const char *name;
	const char *why;
};

const unsupported left_out[] = {
	{"--show-port", "port configuration is not shown; use --stats"},
	{"--show-tm", "dpkit has no traffic manager"},
	{"--show-crypto", "dpkit has no cryptodev"},
	{"--iter-mempool", "objects are not listed; use --show-mempool"},
	{"--show-port-private", "dpkit's drivers have no private dump"},
	{"--firmware-version", "dpkit's virtual ports have no firmware"},
	{"--show-rss-reta", "dpkit's virtual ports have no RSS table"},
	{"--show-module-eeprom", "dpkit's virtual ports have no module EEPROM"},
	{"--show-rx-descriptor", "dpkit's virtual ports have no descriptors"},
	{"--show-tx-descriptor", "dpkit's virtual ports have no descriptors"},
	{"--metrics", "dpkit has no metrics library; use telemetry"},
	{"--xstats-name", "use --xstats"},
	{"--xstats-ids", "use --xstats"},
	{"--host-id", "collectd output is not implemented"},
	{"--collectd-format", "collectd output is not implemented"},
};

bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "--opt" or "--opt=value": whether @p arg is @p opt, value in @p val. */
bool
match_opt(const char *arg, const char *opt, std::string *val)
{
	size_t n = strlen(opt);
	if (strncmp(arg, opt, n) != 0)
		return false;
	if (arg[n] == '\0')
		return true;
	if (arg[n] != '=' || val == nullptr)
		return false;
	*val = arg + n + 1;
	return true;
}

int
parse_portmask(const char *s, options &o)
{
	char *end = nullptr;
	unsigned long long m = strtoull(s, &end, 16);
	if (*s == '\0' || *end != '\0' || m == 0) {
		fprintf(stderr,
			"dpkit-procinfo: -p '%s' is not a hexadecimal port mask with a bit "
			"set; e.g. -p 3 for ports 0 and 1\n",
			s);
		return -1;
	}
	o.portmask = m;
	return 0;
}

/* One argument; @p i moves past a separate value. */
int
parse_one(int argc, char **argv, int &i, options &o)
{
	const char *a = argv[i];
	if (strcmp(a, "-m") == 0)
		o.memzones = o.heaps = true;
	else if (match_opt(a, "--show-mempool", &o.pool_name))
		o.pools = true;
	else if (match_opt(a, "--show-ring", &o.ring_name))
		o.rings = true;
	else if (match_opt(a, "--show-memzone", nullptr))
		o.memzones = true;
	else if (match_opt(a, "--show-heap", nullptr))
		o.heaps = true;
	else if (match_opt(a, "--stats", nullptr))
		o.stats = true;
	else if (match_opt(a, "--xstats", nullptr))
		o.xstats = true;
	else if (match_opt(a, "--stats-reset", nullptr))
		o.stats_reset = true;
	else if (match_opt(a, "--xstats-reset", nullptr))
		o.xstats_reset = true;
	else if (match_opt(a, "--version", nullptr))
		o.version = true;
	else if (strcmp(a, "-p") == 0 && i + 1 < argc)
		return parse_portmask(argv[++i], o);
	else if (starts_with(a, "-p") && a[2] != '\0' && a[1] != '-')
		return parse_portmask(a + 2, o);
	else
		return -2;
	return 0;
}

} // namespace

void
print_usage(const char *prog)
{
	printf("usage: %s [EAL options] -- [options]\n"
	       "Print what a running primary process holds (this tool is a secondary\n"
	       "process; pick the primary with the EAL option --file-prefix).\n"
	       "  --show-mempool[=NAME]  pools: size, available, in use, memory chunks,\n"
	       "                         cache fill per lcore\n"
	       "  --show-ring[=NAME]     rings: size, count, free\n"
	       "  --show-memzone         memzones\n"
	       "  --show-heap            malloc heaps\n"
	       "  -m                     memzones and heaps\n"
	       "  --stats / --xstats     port statistics (extended)\n"
	       "  --stats-reset / --xstats-reset   reset them\n"
	       "  -p PORTMASK            ports to show or reset (hexadecimal; default all)\n"
	       "  --version              the dpkit version\n"
	       "  -h, --help             this text\n"
	       "Without an option: pools, rings, memzones, heaps and port statistics.\n",
	       prog);
}

int
parse_options(int argc, char **argv, options &o)
{
	bool any = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			print_usage("dpkit-procinfo");
			return 1;
		}
		int r = parse_one(argc, argv, i, o);
		if (r == -1)
			return -1;
		if (r == 0) {
			any = true;
			continue;
		}
		for (const unsupported &u : left_out)
			if (match_opt(a, u.name, nullptr) ||
			    starts_with(a, (std::string(u.name) + "=").c_str())) {
				fprintf(stderr,
					"dpkit-procinfo: dpdk-proc-info's option %s is not "
					"implemented (%s)\n",
					u.name, u.why);
				return -1;
			}
		fprintf(stderr,
			"dpkit-procinfo: unknown option '%s'; see dpkit-procinfo -- --help\n", a);
		return -1;
	}
	if (!any)
		o.pools = o.rings = o.memzones = o.heaps = o.stats = true;
	return 0;
}

} // namespace dpkit::procinfo

using namespace dpkit::procinfo;

namespace {

bool
has_eal_option(const std::vector<char *> &args, std::initializer_list<const char *> names)
{
	for (char *a : args)
		for (const char *n : names)
			if (strcmp(a, n) == 0 ||
			    (strncmp(a, n, strlen(n)) == 0 && a[strlen(n)] == '=') ||
			    (n[1] != '-' && strncmp(a, n, 2) == 0))
				return true;
	return false;
}

/* The EAL's argv: the user's, after a secondary's defaults the user did not
 * override (dpdk-proc-info's defaults: a secondary on one lcore, quiet). */
std::vector<char *>
eal_args(char *prog, const std::vector<char *> &user)
{
	static char proc_type[] = "--proc-type=secondary";
	static char lcores[] = "-l";
	static char lcore0[] = "0";
	static char log_level[] = "--log-level=notice";
	std::vector<char *> v{prog};
	if (!has_eal_option(user, {"--proc-type"}))
		v.push_back(proc_type);
	if (!has_eal_option(user, {"-l", "-c", "--lcores"})) {
		v.push_back(lcores);
		v.push_back(lcore0);
	}
	if (!has_eal_option(user, {"--log-level"}))
		v.push_back(log_level);
	v.insert(v.end(), user.begin(), user.end());
	return v;
}

} // namespace

int
main(int argc, char **argv)
{
	int dd = 1;
	while (dd < argc && strcmp(argv[dd], "--") != 0)
		dd++;
	options o;
	int r = dd < argc ? parse_options(argc - dd - 1, argv + dd + 1, o)
			  : parse_options(0, nullptr, o);
	if (r != 0)
		return r > 0 ? 0 : 1;
	if (o.version) {
		printf("%s\n", rte_version());
		return 0;
	}

	std::vector<char *> user(argv + 1, argv + dd);
	std::vector<char *> eal = eal_args(argv[0], user);
	eal.push_back(nullptr);
	if (rte_eal_init((int)eal.size() - 1, eal.data()) < 0)
		return 1; /* the EAL said why, in one line */
	if (rte_eal_process_type() != RTE_PROC_SECONDARY) {
		fprintf(stderr, "dpkit-procinfo: no primary process runs with this --file-prefix "
				"(this process became the primary); start the primary first\n");
		rte_eal_cleanup();
		return 1;
	}

	int problems = 0;
	if (o.pools)
		problems += show_pools(o);
	if (o.rings)
		problems += show_rings(o);
	if (o.memzones)
		problems += show_memzones();
	if (o.heaps)
		problems += show_heaps();
	if (o.stats || o.xstats || o.stats_reset || o.xstats_reset)
		problems += show_ports(o);
	fflush(stdout);
	rte_eal_cleanup();
	return problems == 0 ? 0 : 1;
}
