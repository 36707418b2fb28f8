/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * EAL command-line options.
 *
 * One table lists every option with its handler; the scanner accepts the
 * forms getopt_long accepts for them ("--opt=v", "--opt v", "-xv", "-x v",
 * grouped flags "-vh") and nothing looser (no abbreviations), so a typo is
 * an error rather than a silent surprise. Handlers store values in config()
 * and reject malformed ones; consistency between options is checked once
 * everything is read. Every rejection is one log line naming the option.
 *
 * argv is then reordered the way applications written for DPDK expect:
 *   [prog, EAL options..., prog, non-option arguments..., arguments after --]
 * and the index of the second "prog" is returned.
 */

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_devargs.h"
#include "eal_log_macros.h"

namespace dpkit::eal_detail {

namespace {

rte_usage_hook_t usage_hook;

/* ---- value parsers ---- */

/* Whole-string unsigned number in @p base, at most @p max. */
bool
parse_u64(const char *s, int base, uint64_t max, uint64_t *out)
{
	if (s == nullptr || !isxdigit((unsigned char)*s))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, base);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

/* "512" (megabytes) or a number with a K/M/G/T suffix, into bytes. */
bool
parse_megabytes(const char *s, uint64_t *bytes)
{
	if (s == nullptr || !isdigit((unsigned char)*s))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	unsigned int shift = 20;
	if (*end != '\0') {
		switch (tolower((unsigned char)*end)) {
		case 'k': shift = 10; break;
		case 'm': shift = 20; break;
		case 'g': shift = 30; break;
		case 't': shift = 40; break;
		default: return false;
		}
		end++;
		if (*end != '\0')
			return false;
	}
	if (v > (UINT64_MAX >> shift))
		return false;
	*bytes = (uint64_t)v << shift;
	return true;
}

/* "1024,0,512": megabytes per socket into @p per_socket. */
int
parse_socket_list(const char *opt, const char *value, uint64_t *per_socket)
{
	std::string v(value);
	size_t pos = 0;
	unsigned int socket = 0;
	for (;;) {
		size_t comma = v.find(',', pos);
		std::string item = v.substr(pos, comma == std::string::npos ? std::string::npos
									    : comma - pos);
		if (socket >= RTE_MAX_NUMA_NODES) {
			EAL_LOG(ERR, "%s %s: more than RTE_MAX_NUMA_NODES=%d sockets listed", opt,
				value, RTE_MAX_NUMA_NODES);
			return -EINVAL;
		}
		if (!parse_megabytes(item.c_str(), &per_socket[socket])) {
			EAL_LOG(ERR,
				"%s %s: '%s' (socket %u) is not a size in megabytes; "
				"give one number per socket, e.g. %s 1024,1024",
				opt, value, item.c_str(), socket, opt);
			return -EINVAL;
		}
		socket++;
		if (comma == std::string::npos)
			return 0;
		pos = comma + 1;
	}
}

/* ---- handlers ---- */

using handler = int (*)(const char *opt, const char *value);

int
bad_value(const char *opt, const char *value, const char *expected)
{
	EAL_LOG(ERR, "%s '%s': invalid value; expected %s", opt, value, expected);
	return -EINVAL;
}

int
opt_lcores(const char *opt, const char *value)
{
	return parse_lcore_option(opt, value);
}

int
opt_main_lcore(const char *opt, const char *value)
{
	uint64_t v;
	if (!parse_u64(value, 10, RTE_MAX_LCORE - 1, &v))
		return bad_value(opt, value,
				 "an lcore id below RTE_MAX_LCORE (" RTE_STR(RTE_MAX_LCORE) ")");
	config().main_lcore = (unsigned int)v;
	config().main_lcore_given = true;
	return 0;
}

int
opt_channels(const char *opt, const char *value)
{
	uint64_t v;
	if (!parse_u64(value, 10, 32, &v) || v == 0)
		return bad_value(opt, value, "a number of memory channels from 1 to 32");
	config().memory_channels = (unsigned int)v;
	return 0;
}

int
opt_memory(const char *opt, const char *value)
{
	uint64_t bytes;
	if (!parse_megabytes(value, &bytes) || bytes == 0)
		return bad_value(opt, value, "a memory size in megabytes, e.g. -m 512 or -m 1G");
	config().memory = bytes;
	return 0;
}

int
opt_socket_mem(const char *opt, const char *value)
{
	int ret = parse_socket_list(opt, value, config().socket_mem);
	if (ret == 0)
		config().force_sockets = true;
	return ret;
}

int
opt_socket_limit(const char *opt, const char *value)
{
	int ret = parse_socket_list(opt, value, config().socket_limit);
	if (ret == 0)
		config().force_socket_limits = true;
	return ret;
}

int
opt_no_huge(const char *, const char *)
{
	config().no_hugetlbfs = true;
	return 0;
}

int
opt_huge_dir(const char *opt, const char *value)
{
	struct stat st;
	if (value[0] == '\0')
		return bad_value(opt, value, "the directory of a hugetlbfs mount");
	if (stat(value, &st) != 0 || !S_ISDIR(st.st_mode)) {
		EAL_LOG(ERR,
			"%s %s: no such directory; give the path of a hugetlbfs "
			"mount (see 'mount -t hugetlbfs')",
			opt, value);
		return -EINVAL;
	}
	config().hugepage_dir = value;
	return 0;
}

int
opt_file_prefix(const char *opt, const char *value)
{
	/* the prefix names a directory and hugepage files: keep it one short
	 * path component */
	if (value[0] == '\0' || strchr(value, '/') != nullptr || strchr(value, '%') != nullptr ||
	    strcmp(value, ".") == 0 || strcmp(value, "..") == 0 || strlen(value) > 128)
		return bad_value(opt, value, "a name of 1 to 128 characters without '/' or '%'");
	config().hugefile_prefix = value;
	return 0;
}

int
opt_in_memory(const char *, const char *)
{
	config().in_memory = true;
	config().no_shconf = true;
	return 0;
}

int
opt_no_shconf(const char *, const char *)
{
	config().no_shconf = true;
	return 0;
}

int
opt_iova_mode(const char *opt, const char *value)
{
	if (strcmp(value, "pa") == 0)
		config().iova_mode = RTE_IOVA_PA;
	else if (strcmp(value, "va") == 0)
		config().iova_mode = RTE_IOVA_VA;
	else
		return bad_value(opt, value, "'pa' or 'va'");
	return 0;
}

int
opt_legacy_mem(const char *, const char *)
{
	config().legacy_mem = true;
	return 0;
}

int
opt_single_file_segments(const char *, const char *)
{
	config().single_file_segments = true;
	return 0;
}

int
opt_huge_unlink(const char *opt, const char *value)
{
	internal_config &c = config();
	if (value == nullptr || strcmp(value, "always") == 0)
		c.huge_unlink = huge_unlink_mode::always;
	else if (strcmp(value, "existing") == 0)
		c.huge_unlink = huge_unlink_mode::existing;
	else if (strcmp(value, "never") == 0)
		c.huge_unlink = huge_unlink_mode::never;
	else
		return bad_value(opt, value,
				 "'existing', 'always' or 'never' (alone, the option "
				 "means always)");
	c.huge_unlink_given = true;
	return 0;
}

int
opt_match_allocations(const char *, const char *)
{
	config().match_allocations = true;
	return 0;
}

int
opt_vdev(const char *opt, const char *value)
{
	if (value[0] == '\0' || value[0] == ',')
		return bad_value(opt, value, "<driver><id>[,key=value...], e.g. net_null0");
	config().vdevs.emplace_back(value);
	return 0;
}

int
opt_no_pci(const char *, const char *)
{
	config().no_pci = true;
	return 0;
}

/* "[DDDD:]BB:DD.F" in hexadecimal, the domain up to 8 digits, then
 * ",args" or nothing: a PCI address as DPDK's -a and -b take it. */
bool
is_pci_address(const char *s)
{
	size_t addr_len = strcspn(s, ",");
	unsigned colons = 0;
	for (size_t i = 0; i < addr_len; i++)
		colons += s[i] == ':';
	/* a field of @p min to @p max hex digits, then @p end */
	auto field = [&](unsigned min, unsigned max, char end) {
		unsigned n = 0;
		while (n < max && isxdigit((unsigned char)*s)) {
			s++;
			n++;
		}
		if (n < min || *s != end)
			return false;
		s++;
		return true;
	};
	if (colons == 2 && !field(1, 8, ':'))
		return false;
	if ((colons != 1 && colons != 2) || !field(1, 2, ':') || !field(1, 2, '.'))
		return false;
	return *s >= '0' && *s <= '7' && (s[1] == '\0' || s[1] == ',');
}

int
add_pci_device(const char *opt, const char *value, std::vector<std::string> &list)
{
	if (!is_pci_address(value))
		return bad_value(opt, value,
				 "a PCI address such as 0000:01:00.0 (dpkit has no PCI "
				 "bus; add virtual devices with --vdev)");
	list.emplace_back(value);
	return 0;
}

int
opt_allow(const char *opt, const char *value)
{
	return add_pci_device(opt, value, config().allow_list);
}

int
opt_block(const char *opt, const char *value)
{
	return add_pci_device(opt, value, config().block_list);
}

int
opt_log_level(const char *opt, const char *value)
{
	return log_apply_option(opt, value);
}

int
opt_no_telemetry(const char *, const char *)
{
	config().no_telemetry = true;
	return 0;
}

int
opt_telemetry(const char *, const char *)
{
	config().no_telemetry = false;
	return 0;
}

int
opt_proc_type(const char *opt, const char *value)
{
	if (strcmp(value, "primary") == 0) {
		config().process_type = RTE_PROC_PRIMARY;
	} else if (strcmp(value, "auto") == 0) {
		config().process_type = RTE_PROC_AUTO;
	} else if (strcmp(value, "secondary") == 0) {
		config().process_type = RTE_PROC_SECONDARY;
	} else {
		return bad_value(opt, value, "'primary', 'secondary' or 'auto'");
	}
	return 0;
}

int
opt_base_virtaddr(const char *opt, const char *value)
{
	uint64_t v;
	const char *digits = value;
	if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
		digits += 2;
	/* user-space addresses on x86-64 end at 2^47 */
	if (!parse_u64(digits, 16, (1ULL << 47) - 1, &v) || v == 0)
		return bad_value(opt, value, "a non-zero hexadecimal address below 0x800000000000");
	config().base_virtaddr = v;
	return 0;
}

int
opt_mbuf_pool_ops_name(const char *opt, const char *value)
{
	/* RTE_MEMPOOL_OPS_NAMESIZE is 32, NUL included */
	if (value[0] == '\0' || strlen(value) > 31)
		return bad_value(opt, value, "a mempool ops name of 1 to 31 characters");
	config().mbuf_pool_ops_name = value;
	return 0;
}

int
opt_create_uio_dev(const char *, const char *)
{
	config().create_uio_dev = true;
	return 0;
}

int
opt_vfio_intr(const char *opt, const char *value)
{
	if (strcmp(value, "legacy") == 0)
		config().vfio_intr_mode = RTE_INTR_MODE_LEGACY;
	else if (strcmp(value, "msi") == 0)
		config().vfio_intr_mode = RTE_INTR_MODE_MSI;
	else if (strcmp(value, "msix") == 0)
		config().vfio_intr_mode = RTE_INTR_MODE_MSIX;
	else
		return bad_value(opt, value, "'legacy', 'msi' or 'msix'");
	return 0;
}

int opt_help(const char *, const char *);

int
opt_version(const char *, const char *)
{
	/* asked for explicitly: print whatever the log levels say */
	fprintf(rte_log_get_stream(), "EAL: RTE Version: 'DPDK %d.%02d.%d' (dpkit)\n", RTE_VER_YEAR,
		RTE_VER_MONTH, RTE_VER_MINOR);
	return 0;
}

/* What follows an option: nothing, a value (--opt=v, --opt v, -xv, -x v),
 * or, for a long option, a value only in the --opt=v form. */
enum class arg { none, required, optional };

struct option_def {
	const char *long_name; /* without "--", or NULL */
	char short_name;       /* or 0 */
	arg value;
	handler fn;
};

const option_def options[] = {
	{nullptr, 'l', arg::required, opt_lcores},
	{nullptr, 'c', arg::required, opt_lcores},
	{"lcores", 0, arg::required, opt_lcores},
	{"main-lcore", 0, arg::required, opt_main_lcore},
	{nullptr, 'n', arg::required, opt_channels},
	{nullptr, 'm', arg::required, opt_memory},
	{"socket-mem", 0, arg::required, opt_socket_mem},
	{"socket-limit", 0, arg::required, opt_socket_limit},
	{"no-huge", 0, arg::none, opt_no_huge},
	{"huge-dir", 0, arg::required, opt_huge_dir},
	{"file-prefix", 0, arg::required, opt_file_prefix},
	{"in-memory", 0, arg::none, opt_in_memory},
	{"no-shconf", 0, arg::none, opt_no_shconf},
	{"iova-mode", 0, arg::required, opt_iova_mode},
	{"legacy-mem", 0, arg::none, opt_legacy_mem},
	{"single-file-segments", 0, arg::none, opt_single_file_segments},
	{"huge-unlink", 0, arg::optional, opt_huge_unlink},
	{"match-allocations", 0, arg::none, opt_match_allocations},
	{"vdev", 0, arg::required, opt_vdev},
	{"no-pci", 0, arg::none, opt_no_pci},
	{"allow", 'a', arg::required, opt_allow},
	{"block", 'b', arg::required, opt_block},
	{"log-level", 0, arg::required, opt_log_level},
	{"no-telemetry", 0, arg::none, opt_no_telemetry},
	{"telemetry", 0, arg::none, opt_telemetry},
	{"proc-type", 0, arg::required, opt_proc_type},
	{"base-virtaddr", 0, arg::required, opt_base_virtaddr},
	{"mbuf-pool-ops-name", 0, arg::required, opt_mbuf_pool_ops_name},
	{"create-uio-dev", 0, arg::none, opt_create_uio_dev},
	{"vfio-intr", 0, arg::required, opt_vfio_intr},
	{"help", 'h', arg::none, opt_help},
	{nullptr, 'v', arg::none, opt_version},
};

const char *prog_name = "dpkit-app";

int
opt_help(const char *, const char *)
{
	print_usage(prog_name);
	if (usage_hook != nullptr)
		usage_hook(prog_name);
	fflush(stdout);
	/* as DPDK does: -h prints the usage and ends the program */
	exit(EXIT_SUCCESS);
}

const option_def *
find_long(const char *name, size_t len)
{
	for (const option_def &o : options)
		if (o.long_name != nullptr && strlen(o.long_name) == len &&
		    strncmp(o.long_name, name, len) == 0)
			return &o;
	return nullptr;
}

const option_def *
find_short(char c)
{
	for (const option_def &o : options)
		if (o.short_name == c)
			return &o;
	return nullptr;
}

/*
 * Handle the option in argv[*i]; may consume argv[*i + 1] as its value.
 * Returns 0 or -errno.
 */
int
handle_option(int argc, char **argv, int *i)
{
	const char *arg = argv[*i];

	if (arg[1] == '-') {
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const option_def *o = find_long(name, len);
		std::string display = "--" + std::string(name, len);
		if (o == nullptr) {
			EAL_LOG(ERR,
				"unknown option '%s'; see --help for the EAL options "
				"(application options go after '--')",
				display.c_str());
			return -EINVAL;
		}
		if (o->value == arg::none) {
			if (eq != nullptr) {
				EAL_LOG(ERR, "%s takes no value (got '%s')", display.c_str(),
					eq + 1);
				return -EINVAL;
			}
			return o->fn(display.c_str(), nullptr);
		}
		const char *value = eq ? eq + 1 : nullptr;
		if (o->value == arg::optional)
			return o->fn(display.c_str(), value);
		if (value == nullptr) {
			if (*i + 1 >= argc || argv[*i + 1] == nullptr) {
				EAL_LOG(ERR, "%s needs a value; see --help", display.c_str());
				return -EINVAL;
			}
			value = argv[++*i];
		}
		return o->fn(display.c_str(), value);
	}

	/* short options: flags may be grouped; one taking a value ends the group */
	for (const char *c = arg + 1; *c != '\0'; c++) {
		const option_def *o = find_short(*c);
		char display[3] = {'-', *c, '\0'};
		if (o == nullptr) {
			EAL_LOG(ERR,
				"unknown option '%s'; see --help for the EAL options "
				"(application options go after '--')",
				display);
			return -EINVAL;
		}
		if (o->value == arg::none) {
			int ret = o->fn(display, nullptr);
			if (ret < 0)
				return ret;
			continue;
		}
		const char *value = c[1] != '\0' ? c + 1 : nullptr;
		if (value == nullptr) {
			if (*i + 1 >= argc || argv[*i + 1] == nullptr) {
				EAL_LOG(ERR, "%s needs a value; see --help", display);
				return -EINVAL;
			}
			value = argv[++*i];
		}
		return o->fn(display, value);
	}
	return 0;
}

/* Checks between options, once all are read. */
int
check_combinations()
{
	internal_config &c = config();

	int ret = c.lcore_option == nullptr ? set_default_lcores() : 0;
	if (ret < 0)
		return ret;
	ret = check_main_lcore();
	if (ret < 0)
		return ret;
	ret = check_memory_options(c);
	if (ret < 0)
		return ret;
	ret = check_memory_size(c);
	if (ret < 0)
		return ret;
	report_idle_options(c);
	return 0;
}

} // namespace

int
parse_args(int argc, char **argv)
{
	if (argc < 1 || argv == nullptr || argv[0] == nullptr) {
		EAL_LOG(ERR, "rte_eal_init: argc must be at least 1 with argv[0] the "
			     "program name");
		return -EINVAL;
	}
	const char *slash = strrchr(argv[0], '/');
	prog_name = slash ? slash + 1 : argv[0];

	std::vector<char *> eal_args, non_options, rest;
	bool dash_dash = false;
	for (int i = 1; i < argc && argv[i] != nullptr; i++) {
		char *arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			dash_dash = true;
			for (i++; i < argc && argv[i] != nullptr; i++)
				rest.push_back(argv[i]);
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0') {
			non_options.push_back(arg);
			continue;
		}
		int first = i;
		int ret = handle_option(argc, argv, &i);
		if (ret < 0)
			return ret;
		for (int k = first; k <= i; k++)
			eal_args.push_back(argv[k]);
	}

	int ret = check_combinations();
	if (ret < 0)
		return ret;

	/* [prog, EAL args..., ("--"), non-options..., rest...]; the application
	 * gets argv + consumed, whose first element is set to the program name */
	char *prog = argv[0];
	int n = 1;
	for (char *a : eal_args)
		argv[n++] = a;
	int consumed = n - 1;
	if (dash_dash) {
		static char dd[] = "--";
		argv[n++] = dd;
		consumed++;
	}
	for (char *a : non_options)
		argv[n++] = a;
	for (char *a : rest)
		argv[n++] = a;
	if (consumed > 0)
		argv[consumed] = prog;
	return consumed;
}

} // namespace dpkit::eal_detail

extern "C" rte_usage_hook_t
rte_set_application_usage_hook(rte_usage_hook_t usage_func)
{
	rte_usage_hook_t old = dpkit::eal_detail::usage_hook;
	dpkit::eal_detail::usage_hook = usage_func;
	return old;
}

const std::vector<std::string> &
dpkit::eal_internal::vdev_args()
{
	return dpkit::eal_detail::config().vdevs;
}
