/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The interactive commands: one table of patterns, used three ways — to
 * dispatch a line, to say what was expected when a line does not match, and
 * to complete words at the prompt (cmdline.cpp). A pattern is a list of
 * words:
 *   word        that literal word
 *   a|b|c       one of the literals
 *   <port>      "all" or a port id
 *   <n>         an unsigned integer
 *   <mode>      a forwarding engine name
 *   <list>      comma-separated lengths (set txpkts)
 *   [<n>]       an optional trailing integer
 */

#include <inttypes.h>

#include <algorithm>
#include <sstream>

#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_ring.h>

#include "testpmd.h"

namespace testpmd {

namespace {

using words = std::vector<std::string>;

struct command {
	const char *pattern;
	const char *section;
	const char *help;
	void (*run)(const words &w);
};

std::vector<std::string>
split(const std::string &s)
{
	std::istringstream in(s);
	std::vector<std::string> out;
	std::string w;
	while (in >> w)
		out.push_back(w);
	return out;
}

/* ---- argument helpers ---- */

int
port_arg(const std::string &w) /* -1 = all */
{
	uint64_t v = 0;
	if (w == "all")
		return -1;
	parse_uint(w.c_str(), UINT16_MAX, &v); /* matched as <port> already */
	return (int)v;
}

bool
refuse_while_running()
{
	if (fwd_running()) {
		printf("Please stop forwarding first ('stop')\n");
		return true;
	}
	return false;
}

/* Runs fn for "all" (every port not closed) or one valid port. */
template <typename Fn>
void
each_port(const std::string &w, Fn fn)
{
	int p = port_arg(w);
	if (p >= 0) {
		if (p >= (int)max_ports || !rte_eth_dev_is_valid_port((uint16_t)p) ||
		    ports[p].closed) {
			printf("Invalid port %d: valid ports are listed by 'show port info all'\n",
			       p);
			return;
		}
		fn((uint16_t)p);
		return;
	}
	uint16_t pid;
	RTE_ETH_FOREACH_DEV(pid)
	if (!ports[pid].closed)
		fn(pid);
}

/* ---- handlers ---- */

void
cmd_start(const words &)
{
	start_forwarding(0);
}

void
cmd_start_tx_first(const words &w)
{
	uint64_t n = 1;
	if (w.size() == 3 && (!parse_uint(w[2].c_str(), UINT16_MAX, &n) || n == 0)) {
		printf("start tx_first: the number of bursts must be in 1..65535\n");
		return;
	}
	start_forwarding((uint16_t)n);
}

void
cmd_stop(const words &)
{
	stop_forwarding();
}

void cmd_help(const words &w);

void
cmd_show_port(const words &w)
{
	const std::string &what = w[2];
	each_port(w[3], [&](uint16_t pid) {
		if (what == "stats")
			show_port_stats(pid);
		else if (what == "info")
			show_port_info(pid);
		else
			show_port_xstats(pid);
	});
}

void
cmd_clear_port_stats(const words &w)
{
	each_port(w[3], clear_port_stats);
}

void
cmd_show_config(const words &w)
{
	if (w[2] == "fwd")
		show_config_fwd();
	else if (w[2] == "rxtx")
		show_config_rxtx();
	else
		show_config_cores();
}

void
cmd_show_fwd_stats(const words &)
{
	show_fwd_stats(fwd_running());
}

void
cmd_set_fwd(const words &w)
{
	if (refuse_while_running())
		return;
	cfg.fwd_mode = w[2];
	printf("Set %s packet forwarding mode\n", w[2].c_str());
}

void
cmd_set_nbcore(const words &w)
{
	uint64_t n;
	parse_uint(w[2].c_str(), UINT32_MAX, &n);
	if (refuse_while_running())
		return;
	size_t max = worker_lcores().size();
	if (n == 0 || n > max) {
		printf("nb fwd cores %" PRIu64 " not in 1..%zu (worker lcores given to the EAL)"
		       " - ignored\n",
		       n, max);
		return;
	}
	cfg.nb_fwd_cores = (unsigned)n;
	printf("Number of forwarding cores set to %u\n", cfg.nb_fwd_cores);
}

void
cmd_set_burst(const words &w)
{
	uint64_t n;
	parse_uint(w[2].c_str(), UINT32_MAX, &n);
	if (refuse_while_running())
		return;
	if (n == 0 || n > max_burst) {
		printf("burst %" PRIu64 " not in 1..%u - ignored\n", n, max_burst);
		return;
	}
	cfg.burst = (uint16_t)n;
	printf("Number of packets per burst set to %u\n", cfg.burst);
}

void
cmd_set_txpkts(const words &w)
{
	if (refuse_while_running())
		return;
	uint16_t len[max_segs];
	unsigned n, total = 0;
	parse_len_list(w[2].c_str(), len, max_segs, &n, 1, UINT16_MAX);
	for (unsigned i = 0; i < n; i++)
		total += len[i];
	if (len[0] < 42 || total > UINT16_MAX) {
		printf("set txpkts: the first segment must hold Ethernet+IPv4+UDP (42 bytes) and "
		       "the total stay below 65536 - ignored\n");
		return;
	}
	memcpy(cfg.tx_seg_len, len, sizeof(len));
	cfg.nb_tx_segs = n;
	printf("Packets of %u bytes in %u segment%s\n", total, n, n == 1 ? "" : "s");
}

void
cmd_set_promisc(const words &w)
{
	bool on = w[3] == "on";
	each_port(w[2], [on](uint16_t pid) { set_promisc(pid, on); });
	if (w[2] == "all")
		cfg.promisc = on;
}

void
cmd_port(const words &w)
{
	int p = port_arg(w[2]);
	if (w[1] == "start")
		ports_start(p);
	else if (w[1] == "stop")
		ports_stop(p);
	else
		ports_close(p);
}

void
cmd_dump(const words &w)
{
	if (w[0] == "dump_mempool")
		rte_mempool_list_dump(stdout);
	else if (w[0] == "dump_physmem")
		rte_dump_physmem_layout(stdout);
	else if (w[0] == "dump_memzone")
		rte_memzone_dump(stdout);
	else
		rte_ring_list_dump(stdout);
	fflush(stdout);
}

void
cmd_quit(const words &)
{
}

const command commands[] = {
	{"start", "control", "start forwarding on the forwarding lcores", cmd_start},
	{"start tx_first [<n>]", "control",
	 "send n bursts (default 1) on every stream, then start forwarding", cmd_start_tx_first},
	{"stop", "control", "stop forwarding and print the forward statistics", cmd_stop},
	{"quit", "control", "stop, close the ports, check the pools and exit", cmd_quit},
	{"help [control|display|config|ports|all]", "control", "this help", cmd_help},
	{"show port stats|info|xstats <port>", "display",
	 "NIC statistics (with throughput since the last show), device information, or "
	 "extended statistics",
	 cmd_show_port},
	{"clear port stats <port>", "display", "zero the NIC statistics", cmd_clear_port_stats},
	{"show config rxtx|fwd|cores", "display",
	 "queues and descriptors, streams per lcore, or forwarding lcores", cmd_show_config},
	{"show fwd stats all", "display", "forward statistics so far (also while running)",
	 cmd_show_fwd_stats},
	{"dump_mempool", "display", "every mempool with its chunks and counters", cmd_dump},
	{"dump_physmem", "display", "the memory segments of the EAL", cmd_dump},
	{"dump_memzone", "display", "every memzone", cmd_dump},
	{"dump_ring", "display", "every ring", cmd_dump},
	{"set fwd <mode>", "config", "forwarding engine for the next start", cmd_set_fwd},
	{"set nbcore <n>", "config", "number of forwarding lcores", cmd_set_nbcore},
	{"set burst <n>", "config", "packets per burst, 1..512", cmd_set_burst},
	{"set txpkts <list>", "config",
	 "segment lengths of txonly/flowgen packets, e.g. 64 or "
	 "64,128",
	 cmd_set_txpkts},
	{"set promisc <port> on|off", "config", "promiscuous mode", cmd_set_promisc},
	{"port start|stop|close <port>", "ports",
	 "start (configuring it the first time), stop, or close for good", cmd_port},
};

/* Expands placeholders for messages and help. */
std::string
readable(const char *pattern)
{
	std::string out;
	for (const std::string &t : split(pattern)) {
		if (!out.empty())
			out += ' ';
		if (t == "<port>")
			out += "all|<port_id>";
		else if (t == "<mode>")
			out += engine_names("|");
		else if (t == "<list>")
			out += "<len>[,<len>...]";
		else
			out += t;
	}
	return out;
}

bool
word_matches(const std::string &pat, const std::string &w)
{
	uint64_t v;
	if (pat == "<port>")
		return w == "all" || parse_uint(w.c_str(), UINT16_MAX, &v);
	if (pat == "<n>" || pat == "[<n>]")
		return parse_uint(w.c_str(), UINT32_MAX, &v);
	if (pat == "<mode>")
		return find_engine(w) != nullptr;
	if (pat == "<list>") {
		uint16_t len[max_segs];
		unsigned n;
		return parse_len_list(w.c_str(), len, max_segs, &n, 1, UINT16_MAX);
	}
	if (pat.front() == '[') {
		std::string inner = pat.substr(1, pat.size() - 2);
		return word_matches(inner, w);
	}
	std::istringstream alts(pat);
	std::string alt;
	while (std::getline(alts, alt, '|'))
		if (alt == w)
			return true;
	return false;
}

/* How many leading words of w match pattern p; full match when it returns
 * w.size() and p has no further mandatory word. */
size_t
match_len(const words &p, const words &w)
{
	size_t i = 0;
	while (i < p.size() && i < w.size() && word_matches(p[i], w[i]))
		i++;
	return i;
}

bool
full_match(const words &p, const words &w)
{
	if (w.size() > p.size() || match_len(p, w) != w.size())
		return false;
	for (size_t i = w.size(); i < p.size(); i++)
		if (p[i].front() != '[')
			return false;
	return true;
}

void
cmd_help(const words &w)
{
	std::string section = w.size() > 1 ? w[1] : "all";
	printf("\n");
	for (const command &c : commands) {
		if (section != "all" && section != c.section)
			continue;
		printf("  %-44s %s\n", readable(c.pattern).c_str(), c.help);
	}
	printf("\n");
}

} /* namespace */

bool
run_command_line(const std::string &line)
{
	words w = split(line);
	if (w.empty() || w[0][0] == '#')
		return true;
	for (const command &c : commands) {
		if (full_match(split(c.pattern), w)) {
			if (c.run == cmd_quit)
				return false;
			c.run(w);
			fflush(stdout);
			return true;
		}
	}
	/* No match: name what the longest-matching commands expect. */
	size_t best = 0;
	for (const command &c : commands)
		best = std::max(best, match_len(split(c.pattern), w));
	if (best == 0) {
		printf("Command not found: '%s'; type 'help' for the list of commands\n",
		       w[0].c_str());
		return true;
	}
	std::string expected;
	for (const command &c : commands) {
		if (match_len(split(c.pattern), w) == best) {
			if (!expected.empty())
				expected += "  or  ";
			expected += readable(c.pattern);
		}
	}
	printf("Bad arguments: expected %s\n", expected.c_str());
	return true;
}

std::vector<std::string>
complete_words(const std::vector<std::string> &prev, const std::string &partial)
{
	std::vector<std::string> out;
	auto add = [&](const std::string &cand) {
		if (cand.compare(0, partial.size(), partial) == 0 &&
		    std::find(out.begin(), out.end(), cand) == out.end())
			out.push_back(cand);
	};
	for (const command &c : commands) {
		words p = split(c.pattern);
		if (p.size() <= prev.size() || match_len(p, prev) != prev.size())
			continue;
		std::string next = p[prev.size()];
		if (next.front() == '[')
			next = next.substr(1, next.size() - 2);
		if (next == "<port>") {
			add("all");
			uint16_t pid;
			RTE_ETH_FOREACH_DEV(pid)
			add(std::to_string(pid));
		} else if (next == "<mode>") {
			std::istringstream names(engine_names(" "));
			std::string n;
			while (names >> n)
				add(n);
		} else if (next.front() != '<') {
			std::istringstream alts(next);
			std::string alt;
			while (std::getline(alts, alt, '|'))
				add(alt);
		}
	}
	return out;
}

} /* namespace testpmd */
