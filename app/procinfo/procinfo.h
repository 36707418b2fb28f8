/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* dpkit-procinfo: what to show (parsed from the options after "--") and
 * the printers, each reading the primary's shared state from this
 * secondary process (doc/guides/tools/proc_info.rst). */

#ifndef _DPKIT_PROCINFO_H_
#define _DPKIT_PROCINFO_H_

#include <stdint.h>

#include <string>

namespace dpkit::procinfo {

struct options {
	bool pools = false;
	std::string pool_name; /* empty: every pool */
	bool rings = false;
	std::string ring_name; /* empty: every ring */
	bool memzones = false;
	bool heaps = false;
	bool stats = false;
	bool xstats = false;
	bool stats_reset = false;
	bool xstats_reset = false;
	bool version = false;
	uint64_t portmask = ~0ULL; /* -p */
};

/**
 * Parse the application options (those after "--").
 * @return 0; 1 when --help was printed; -1 after one line on stderr.
 */
int parse_options(int argc, char **argv, options &o);

void print_usage(const char *prog);

/* Printers; each returns the number of problems it met (0: all shown). */
int show_pools(const options &o);
int show_rings(const options &o);
int show_memzones();
int show_heaps();
int show_ports(const options &o);

} // namespace dpkit::procinfo

#endif /* _DPKIT_PROCINFO_H_ */
