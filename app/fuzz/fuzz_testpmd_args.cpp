/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fuzz target: testpmd's command line (the options after "--",
 * app/test-pmd/parameters.cpp). The parser is compiled into this target;
 * no EAL, no port, no forwarding.
 *
 * Input: arguments separated by NUL or newline bytes (argv[0] is added).
 * Checks: parse_args() returns 0, 1 (-h: usage printed) or -1 (one line
 * printed; main() exits with 1), never exits by itself; after a 0 every
 * setting is inside the range its option documents.
 */

#include "../test-pmd/testpmd.h"
#include "fuzz_common.h"

namespace {

constexpr size_t max_args = 40;

void
check_config(const testpmd::config &c)
{
	using namespace testpmd;
	FUZZ_ASSERT(c.burst >= 1 && c.burst <= max_burst, "burst %u", c.burst);
	FUZZ_ASSERT(c.nb_mbuf_sizes >= 1 && c.nb_mbuf_sizes <= max_pools, "%u mbuf sizes",
		    c.nb_mbuf_sizes);
	for (unsigned i = 0; i < c.nb_mbuf_sizes; i++)
		FUZZ_ASSERT(c.mbuf_seg_size[i] >= RTE_PKTMBUF_HEADROOM + 64, "mbuf size %u",
			    c.mbuf_seg_size[i]);
	FUZZ_ASSERT(c.nb_tx_segs >= 1 && c.nb_tx_segs <= max_segs, "%u tx segments", c.nb_tx_segs);
	unsigned total = 0;
	for (unsigned i = 0; i < c.nb_tx_segs; i++)
		total += c.tx_seg_len[i];
	FUZZ_ASSERT(c.tx_seg_len[0] >= 42 && total <= UINT16_MAX, "txpkts %u first, %u total",
		    c.tx_seg_len[0], total);
	FUZZ_ASSERT(c.mbcache <= RTE_MEMPOOL_CACHE_MAX_SIZE, "mbcache %u", c.mbcache);
	FUZZ_ASSERT(c.nb_rxq >= 1 && c.nb_rxq <= max_queues && c.nb_txq >= 1 &&
			    c.nb_txq <= max_queues,
		    "queues %u/%u", c.nb_rxq, c.nb_txq);
	FUZZ_ASSERT(c.nb_fwd_cores >= 1 && c.nb_fwd_cores <= RTE_MAX_LCORE, "nb-cores %u",
		    c.nb_fwd_cores);
	FUZZ_ASSERT(c.nb_fwd_ports <= max_ports, "nb-ports %u", c.nb_fwd_ports);
	FUZZ_ASSERT(c.socket_num >= -1 && c.socket_num < RTE_MAX_NUMA_NODES, "socket %d",
		    c.socket_num);
	FUZZ_ASSERT(find_engine(c.fwd_mode) != nullptr, "forward mode '%s'", c.fwd_mode.c_str());
	FUZZ_ASSERT(!c.auto_start || c.interactive, "auto-start without -i");
}

int null_fd = -1;
int saved_stderr = -1;

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	/* the usage (-h) on stdout and the error lines on stderr: one per
	 * input; stderr is muted only during the call (the fuzzer reports there) */
	fuzz::quiet_stdout();
	if (!fuzz::verbose()) {
		null_fd = open("/dev/null", O_WRONLY);
		saved_stderr = dup(STDERR_FILENO);
	}
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	std::vector<std::string> args = fuzz::split_args(data, size, "testpmd", max_args);
	std::vector<char *> argv;
	for (std::string &a : args)
		argv.push_back(a.data());
	argv.push_back(nullptr);

	testpmd::cfg = testpmd::config{};
	bool mute = null_fd >= 0 && saved_stderr >= 0;
	if (mute) {
		fflush(stderr);
		dup2(null_fd, STDERR_FILENO);
	}
	int ret = testpmd::parse_args((int)args.size(), argv.data(), "testpmd");
	if (mute) {
		fflush(stderr);
		dup2(saved_stderr, STDERR_FILENO);
	}
	FUZZ_ASSERT(ret == 0 || ret == 1 || ret == -1, "parse_args returned %d", ret);
	if (ret == 0)
		check_config(testpmd::cfg);
	return 0;
}
