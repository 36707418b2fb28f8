/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_fault_autotest: net_pcap and net_tap set up a port (probe,
 * configure, queue setup, start) while every allocation and every system
 * or library call of that setup fails in turn, once and from then on.
 * Each time the setup must either fail with a negative errno or give a
 * port that works, and after the port is removed nothing may be left:
 * no fd (pcap handles and tap queues are fds), no heap block, no port, no
 * mbuf outside the pool, no tap interface. Needs -Dfault_injection=true;
 * the tap scenarios need /dev/net/tun, the live pcap one CAP_NET_RAW.
 */

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/if_tun.h>

#include <string>
#include <vector>

#include <rte_bus_vdev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>

#include "eal_fault.h"
#include "test.h"
#include "test_fault.h"
#include "test_pcap_pmd.h"

#ifdef RTE_FAULT_INJECTION

namespace {

constexpr int ok = 0;
constexpr int broken = -2;

struct rte_mempool *g_pool;
std::string g_dir;

const char tap_iface[] = "dpkit_flt0";
bool g_probed; /* the last run_port got past the probe */

bool
tap_exists()
{
	return if_nametoindex(tap_iface) != 0;
}

/* Probe @p name with @p args, then configure, set up @p nq queue pairs,
 * start, move a few frames, stop and remove. @return ok, a positive errno
 * (setup failed with it) or broken. */
int
run_port(const char *name, const std::string &args, uint16_t nq, bool expect_rx)
{
	int r = rte_vdev_init(name, args.c_str());
	g_probed = r == 0;
	if (r != 0)
		return r < 0 ? -r : broken;
	uint16_t port;
	if (rte_eth_dev_get_port_by_name(name, &port) != 0) {
		rte_vdev_uninit(name);
		return broken;
	}
	struct rte_eth_conf conf = {};
	r = rte_eth_dev_configure(port, nq, nq, &conf);
	for (uint16_t q = 0; r == 0 && q < nq; q++)
		r = rte_eth_rx_queue_setup(port, q, 128, 0, nullptr, g_pool);
	for (uint16_t q = 0; r == 0 && q < nq; q++)
		r = rte_eth_tx_queue_setup(port, q, 128, 0, nullptr);
	if (r == 0)
		r = rte_eth_dev_start(port);
	bool moved = true;
	if (r == 0) {
		struct rte_mbuf *pkts[8];
		if (rte_pktmbuf_alloc_bulk(g_pool, pkts, 8) == 0) {
			for (auto *m : pkts)
				rte_pktmbuf_append(m, 64);
			uint16_t sent = rte_eth_tx_burst(port, 0, pkts, 8);
			rte_pktmbuf_free_bulk(pkts + sent, 8 - sent);
		}
		uint16_t got = rte_eth_rx_burst(port, 0, pkts, 8);
		moved = !expect_rx || got > 0;
		rte_pktmbuf_free_bulk(pkts, got);
		rte_eth_dev_stop(port);
	}
	if (rte_vdev_uninit(name) != 0) {
		printf("  %s: cannot be removed\n", name);
		return broken;
	}
	if (rte_mempool_avail_count(g_pool) != g_pool->size) {
		printf("  %s: %u mbufs not back\n", name,
		       g_pool->size - rte_mempool_avail_count(g_pool));
		return broken;
	}
	if (r != 0)
		return r < 0 ? -r : broken;
	return moved ? ok : broken;
}

int
sc_pcap_files()
{
	return run_port("net_pcap_flt",
			"rx_pcap=" + g_dir + "/in.pcap,tx_pcap=" + g_dir + "/out.pcap", 1, true);
}

int
sc_pcap_two_queues()
{
	return run_port("net_pcap_flt",
			"rx_pcap=" + g_dir + "/in.pcap,rx_pcap=" + g_dir + "/in.pcap,tx_pcap=" +
				g_dir + "/out.pcap,tx_pcap=" + g_dir + "/out2.pcap",
			2, true);
}

int
sc_pcap_infinite()
{
	return run_port("net_pcap_flt", "rx_pcap=" + g_dir + "/in.pcap,infinite_rx=1", 1, true);
}

int
sc_pcap_live()
{
	return run_port("net_pcap_flt", "iface=lo,phy_mac=1", 1, false);
}

int
sc_tap()
{
	int r = run_port("net_tap_flt", std::string("iface=") + tap_iface, 3, false);
	if (tap_exists()) {
		printf("  tap interface left behind\n");
		return broken;
	}
	return r;
}

/* A persistent interface stays after a probe that worked (the port may fail
 * later, at start), never after a failed probe. */
int
sc_tap_persist()
{
	int r = run_port("net_tap_flt", std::string("iface=") + tap_iface + ",persist", 2, false);
	bool there = tap_exists();
	if (there) {
		int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
		struct ifreq ifr = {};
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", tap_iface);
		ifr.ifr_flags = IFF_TAP | IFF_MULTI_QUEUE;
		if (fd >= 0 && ioctl(fd, TUNSETIFF, &ifr) == 0)
			ioctl(fd, TUNSETPERSIST, 0);
		if (fd >= 0)
			close(fd);
	}
	if (!g_probed && there) {
		printf("  failed probe left a persistent interface\n");
		return broken;
	}
	return r;
}

struct scenario {
	const char *name;
	int (*run)();
	const char *needs; /* nullptr, "tun" or "raw" */
};

const scenario scenarios[] = {
	{"pcap_files", sc_pcap_files, nullptr},
	{"pcap_two_queues", sc_pcap_two_queues, nullptr},
	{"pcap_infinite_rx", sc_pcap_infinite, nullptr},
	{"pcap_live_iface", sc_pcap_live, "raw"},
	{"tap_three_queues", sc_tap, "tun"},
	{"tap_persist", sc_tap_persist, "tun"},
};

const dpkit_fault_kind kinds[] = {DPKIT_FAULT_MALLOC, DPKIT_FAULT_SYSCALL, DPKIT_FAULT_MMAP,
				  DPKIT_FAULT_MEMSEG_ALLOC};

/* @return -1 skipped, 0 passed, 1 failed */
int
run_scenario(const scenario &s)
{
	dpkit_fault_reset();
	int r = s.run(); /* warm-up: heaps reach their steady state */
	if (r != ok) {
		if (s.needs != nullptr) {
			printf("%s: SKIP: cannot run here without faults (%s)\n", s.name,
			       r > 0 ? strerror(r) : "broken");
			return -1;
		}
		printf("%s: fails without any fault (%d)\n", s.name, r);
		return 1;
	}
	fault_footprint base = fault_footprint_now();
	dpkit_fault_reset();
	r = s.run();
	uint64_t calls[DPKIT_FAULT_KIND_MAX] = {};
	for (auto k : kinds)
		calls[k] = dpkit_fault_calls(k);
	std::string leak = fault_footprint_diff(base, fault_footprint_now());
	if (r != ok || !leak.empty()) {
		printf("%s: counting run %d, leaks '%s'\n", s.name, r, leak.c_str());
		return 1;
	}
	uint32_t level = rte_log_get_global_level();
	rte_log_set_global_level(RTE_LOG_CRIT);
	int bad = 0;
	std::string line = "  ";
	line.append(s.name).append(":");
	for (auto k : kinds) {
		unsigned failed = 0, absorbed = 0;
		for (int sticky = 0; sticky < 2; sticky++) {
			for (uint64_t n = 1; n <= calls[k]; n++) {
				dpkit_fault_arm(k, n, sticky != 0);
				int res = s.run();
				dpkit_fault_reset();
				std::string diff = fault_footprint_diff(base,
									fault_footprint_now());
				if (!diff.empty() || res == broken) {
					if (bad++ < 12)
						printf("FAULT %s: %s call %llu%s: %s\n", s.name,
						       dpkit_fault_kind_name(k),
						       (unsigned long long)n,
						       sticky ? " and later" : "",
						       diff.empty() ? "wrong object or cleanup"
								    : ("leaked: " + diff).c_str());
					base = fault_footprint_now();
				} else if (res == ok) {
					absorbed++;
				} else {
					failed++;
				}
			}
		}
		char buf[160];
		snprintf(buf, sizeof(buf), " %s %llu calls (%u failed, %u absorbed)",
			 dpkit_fault_kind_name(k), (unsigned long long)calls[k], failed, absorbed);
		if (calls[k] != 0)
			line.append(buf);
	}
	rte_log_set_global_level(level);
	printf("%s%s\n", line.c_str(), bad ? " BAD" : "");
	return bad ? 1 : 0;
}

int
test_net_fault()
{
	pcap_test::tmpdir d;
	g_dir = d.path;
	std::vector<pcap_test::record> recs(4);
	for (uint32_t i = 0; i < 4; i++)
		recs[i].bytes = pcap_test::test_frame(i, 100);
	TEST_ASSERT(pcap_test::write_pcap(g_dir + "/in.pcap", recs), "write");
	g_pool = rte_pktmbuf_pool_create("net_flt", 512, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					 SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(g_pool, "pool");
	int failed = 0, skipped = 0;
	for (const scenario &s : scenarios) {
		int r = run_scenario(s);
		failed += r == 1;
		skipped += r == -1;
	}
	rte_mempool_free(g_pool);
	TEST_ASSERT_EQUAL(failed, 0, "%d scenario(s) leaked or broke", failed);
	if (skipped == (int)RTE_DIM(scenarios))
		TEST_SKIP("no scenario could run");
	return TEST_SUCCESS;
}

} // namespace

#else /* !RTE_FAULT_INJECTION */

namespace {
int
test_net_fault()
{
	TEST_SKIP("built without -Dfault_injection=true");
}
} // namespace

#endif /* RTE_FAULT_INJECTION */

REGISTER_FAST_TEST(net_fault_autotest, NOHUGE_OK, ASAN_OK, test_net_fault);
