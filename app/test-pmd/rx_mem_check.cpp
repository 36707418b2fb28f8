/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * --rx-mem-check: every mbuf a port receives must lie in a memory region
 * the port has registered (dpkit_eth_dev_mem_regions: for net_af_xdp the
 * UMEM the kernel writes into). An rx callback per queue looks each mbuf's
 * data up in the port's regions, read once when the port starts, and
 * counts it as inside or outside; quit prints one line per port.
 */

#include <algorithm>
#include <atomic>
#include <vector>

#include <ethdev_driver.h>

#include "testpmd.h"

namespace testpmd {

namespace {

struct port_check {
	std::vector<std::pair<uintptr_t, uintptr_t>> regions; /* [start, end), sorted */
	std::atomic<uint64_t> inside{0};
	std::atomic<uint64_t> outside{0};
	bool installed = false;
};

port_check checks[max_ports];

bool
in_regions(const port_check &c, uintptr_t lo, uintptr_t hi)
{
	auto it = std::upper_bound(c.regions.begin(), c.regions.end(),
				   std::make_pair(lo, UINTPTR_MAX));
	if (it == c.regions.begin())
		return false;
	--it;
	return lo >= it->first && hi <= it->second;
}

uint16_t
check_rx(uint16_t, uint16_t, struct rte_mbuf **pkts, uint16_t nb, uint16_t, void *arg)
{
	port_check *c = static_cast<port_check *>(arg);
	uint64_t in = 0, out = 0;
	for (uint16_t i = 0; i < nb; i++) {
		uintptr_t lo = reinterpret_cast<uintptr_t>(pkts[i]);
		uintptr_t hi = rte_pktmbuf_mtod_offset(pkts[i], uintptr_t, pkts[i]->data_len);
		if (in_regions(*c, lo, hi))
			in++;
		else
			out++;
	}
	c->inside.fetch_add(in, std::memory_order_relaxed);
	c->outside.fetch_add(out, std::memory_order_relaxed);
	return nb;
}

} // namespace

void
rx_mem_check_install(uint16_t pid, uint16_t nb_rxq)
{
	port_check &c = checks[pid];
	int n = dpkit_eth_dev_mem_regions(pid, nullptr, 0);
	std::vector<dpkit_eth_mem_region> r(n > 0 ? n : 0);
	n = dpkit_eth_dev_mem_regions(pid, r.data(), (unsigned)r.size());
	c.regions.clear();
	for (int i = 0; i < n && i < (int)r.size(); i++) {
		uintptr_t a = reinterpret_cast<uintptr_t>(r[i].addr);
		c.regions.emplace_back(a, a + r[i].len);
	}
	std::sort(c.regions.begin(), c.regions.end());
	printf("Port %u: %zu registered memory regions; checking every received mbuf\n", pid,
	       c.regions.size());
	if (c.installed)
		return;
	for (uint16_t q = 0; q < nb_rxq; q++)
		if (rte_eth_add_rx_callback(pid, q, check_rx, &c) == nullptr)
			printf("Port %u: cannot add the rx memory check to queue %u\n", pid, q);
	c.installed = true;
}

void
rx_mem_check_report()
{
	for (uint16_t pid = 0; pid < max_ports; pid++) {
		const port_check &c = checks[pid];
		if (!c.installed)
			continue;
		printf("Port %u: rx memory check: %llu mbufs inside registered regions, %llu outside\n",
		       pid, (unsigned long long)c.inside.load(),
		       (unsigned long long)c.outside.load());
	}
}

} // namespace testpmd
