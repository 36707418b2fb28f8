/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fuzz target: the testpmd> command interpreter (app/test-pmd/commands.cpp)
 * and its word completion, on a real setup: EAL with lcore 0 only, two
 * net_null ports and a net_ring port, testpmd's pools, ports started. With
 * no worker lcore, "start" is refused, so nothing forwards.
 *
 * Input: command lines separated by newlines. Each line goes to
 * run_command_line() and, split into words, to complete_words(). "quit"
 * ends the input. "port close" of a real port is skipped (a closed port
 * cannot come back and later inputs would lose it).
 *
 * Checks: nothing crashes or leaks; after each input, once the settings and
 * the ports are put back, every mbuf of the pools is available again.
 */

#include <sstream>

#include <rte_mempool.h>

#include "../test-pmd/testpmd.h"
#include "fuzz_common.h"

namespace {

constexpr size_t max_lines = 32;
testpmd::config initial_cfg;
unsigned initial_avail;

unsigned
pools_avail()
{
	unsigned n = 0;
	rte_mempool_walk([](struct rte_mempool *mp,
			    void *arg) { *(unsigned *)arg += rte_mempool_avail_count(mp); },
			 &n);
	return n;
}

std::vector<std::string>
split(const std::string &line)
{
	std::istringstream in(line);
	std::vector<std::string> w;
	std::string s;
	while (in >> s)
		w.push_back(s);
	return w;
}

bool
closes_a_port(const std::vector<std::string> &w)
{
	for (const std::string &s : w)
		if (s == "close")
			return true; /* "port close <port>" in any spelling */
	return false;
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	fuzz::quiet_stdout();
	fuzz::eal_init_once("fuzz_testpmd_cmdline", "256",
			    {"--vdev=net_null0", "--vdev=net_null1", "--vdev=net_ring0"});
	std::vector<std::string> args = {"testpmd", "-i", "--total-num-mbufs=2048"};
	std::vector<char *> argv;
	for (std::string &a : args)
		argv.push_back(a.data());
	argv.push_back(nullptr);
	if (testpmd::parse_args((int)args.size(), argv.data(), "testpmd") != 0 ||
	    testpmd::create_pools() != 0) {
		fprintf(stderr, "fuzz_testpmd_cmdline: testpmd set-up failed\n");
		exit(1);
	}
	uint16_t pid;
	RTE_ETH_FOREACH_DEV(pid)
	{
		if (testpmd::port_setup_and_start(pid) != 0) {
			fprintf(stderr, "fuzz_testpmd_cmdline: port %u does not start\n", pid);
			exit(1);
		}
	}
	initial_cfg = testpmd::cfg;
	initial_avail = pools_avail();
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	std::string text((const char *)data, size);
	std::istringstream lines(text);
	std::string line;
	for (size_t n = 0; n < max_lines && std::getline(lines, line); n++) {
		std::vector<std::string> w = split(line);
		if (closes_a_port(w))
			continue;
		/* completion of the last word, as at the prompt on TAB */
		std::string partial;
		if (!w.empty() && !line.empty() && !isspace((unsigned char)line.back())) {
			partial = w.back();
			w.pop_back();
		}
		(void)testpmd::complete_words(w, partial);
		if (!testpmd::run_command_line(line))
			break; /* quit */
	}
	fflush(stdout);

	/* back to the initial state for the next input */
	if (testpmd::fwd_running())
		testpmd::stop_forwarding();
	testpmd::cfg = initial_cfg;
	testpmd::ports_start(-1);
	unsigned avail = pools_avail();
	FUZZ_ASSERT(avail == initial_avail, "%u mbufs available after the input, %u before", avail,
		    initial_avail);
	return 0;
}
