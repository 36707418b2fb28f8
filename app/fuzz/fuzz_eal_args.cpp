/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fuzz target: the EAL option parser (lib/eal/core/eal_options*.cpp), i.e.
 * everything rte_eal_init() does with argv before it touches memory.
 * rte_eal_init() itself runs once per process, so this calls the parser
 * directly and resets the parsed configuration after each input.
 *
 * Input: arguments separated by NUL or newline bytes (argv[0] is added).
 * Checks: the parser returns -errno or the number of EAL arguments it
 * consumed; on success argv[consumed] is the program name and the
 * arguments after it (the application's) are input arguments in input
 * order; the lcore settings are consistent.
 *
 * -h/--help print the usage and exit the program by design (as in DPDK):
 * inputs asking for help are skipped.
 */

#include <algorithm>

#include "eal_core_private.h"
#include "fuzz_common.h"

using dpkit::eal_detail::config;
using dpkit::eal_detail::internal_config;

namespace {

constexpr size_t max_args = 48;

bool
asks_for_help(const std::vector<std::string> &args)
{
	for (const std::string &a : args) {
		if (a == "--")
			return false; /* the rest belongs to the application */
		if (a.rfind("--help", 0) == 0)
			return true;
		if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('h') != std::string::npos)
			return true; /* -h, possibly grouped or as a value: skipped */
	}
	return false;
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	fuzz::quiet_log();
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	std::vector<std::string> args = fuzz::split_args(data, size, "fuzz_eal_args", max_args);
	if (asks_for_help(args))
		return 0;

	std::vector<char *> argv;
	for (std::string &a : args)
		argv.push_back(a.data());
	const std::vector<char *> before = argv;
	argv.push_back(nullptr);
	int argc = (int)args.size();

	int ret = dpkit::eal_detail::parse_args(argc, argv.data());

	if (ret >= 0) {
		FUZZ_ASSERT(ret < argc, "consumed %d of %d arguments", ret, argc);
		std::vector<char *> after(argv.begin(), argv.begin() + argc);
		FUZZ_ASSERT(argv[argc] == nullptr, "argv[argc] overwritten");
		FUZZ_ASSERT(after[0] == before[0], "argv[0] changed");
		if (ret > 0)
			FUZZ_ASSERT(after[ret] == before[0], "argv[%d] is not the program name",
				    ret);
		/* what the application gets (after argv[ret]) are input arguments
		 * in their input order */
		size_t j = 1;
		for (int i = ret + 1; i < argc; i++) {
			while (j < before.size() && before[j] != after[i])
				j++;
			FUZZ_ASSERT(j < before.size(),
				    "application argument %d ('%s') is not an "
				    "input argument in order",
				    i, after[i]);
			j++;
		}
		const internal_config &c = config();
		FUZZ_ASSERT(!c.lcore_list.empty(), "parse succeeded with no lcore");
		FUZZ_ASSERT(std::find(c.lcore_list.begin(), c.lcore_list.end(), c.main_lcore) !=
				    c.lcore_list.end(),
			    "main lcore %u is not an enabled lcore", c.main_lcore);
		for (unsigned l : c.lcore_list)
			FUZZ_ASSERT(l < RTE_MAX_LCORE, "lcore %u out of range", l);
	} else {
		FUZZ_ASSERT(ret >= -4095, "error %d is not -errno", ret);
	}

	/* back to a fresh process's state for the next input */
	config() = internal_config{};
	rte_log_set_global_level(RTE_LOG_DEBUG);
	return 0;
}
