/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Port life cycle (configure, queues, start, stop, close) and the port
 * displays (info, NIC statistics with throughput, extended statistics).
 * A port is configured once, the first time it starts; "port stop" keeps its
 * queues, "port close" releases the device and it cannot be used again.
 */

#include <errno.h>
#include <inttypes.h>

#include <algorithm>

#include <rte_cycles.h>
#include <rte_errno.h>

#include "testpmd.h"

namespace testpmd {

struct port_state ports[max_ports];

static void
print_port_mac(uint16_t pid)
{
	const uint8_t *b = ports[pid].mac.addr_bytes;
	printf("Port %u: %02X:%02X:%02X:%02X:%02X:%02X\n", pid, b[0], b[1], b[2], b[3], b[4], b[5]);
}

static int
port_configure(uint16_t pid)
{
	struct rte_eth_dev_info info;
	int ret = rte_eth_dev_info_get(pid, &info);
	if (ret != 0) {
		printf("Port %u: cannot get device info: %s\n", pid, rte_strerror(-ret));
		return -1;
	}
	if (cfg.nb_rxq > info.max_rx_queues || cfg.nb_txq > info.max_tx_queues) {
		printf("Port %u: %u RX / %u TX queues requested but %s supports at most %u / %u;"
		       " lower --rxq/--txq\n",
		       pid, cfg.nb_rxq, cfg.nb_txq, info.driver_name, info.max_rx_queues,
		       info.max_tx_queues);
		return -1;
	}
	port_state &ps = ports[pid];
	int sock = cfg.socket_num >= 0 ? cfg.socket_num : rte_eth_dev_socket_id(pid);
	ps.socket = (sock < 0 || !cfg.numa) ? (cfg.socket_num >= 0 ? cfg.socket_num : 0) : sock;
	printf("Configuring Port %u (socket %d)\n", pid, ps.socket);

	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	/* what was asked, less the default fast free on a port without it (an
	 * explicit --tx-offloads the port lacks fails in configure, with why) */
	conf.txmode.offloads = cfg.tx_offloads;
	if (!(info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE))
		conf.txmode.offloads &= ~RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	ret = rte_eth_dev_configure(pid, cfg.nb_rxq, cfg.nb_txq, &conf);
	if (ret != 0) {
		printf("Port %u: configure with %u RX / %u TX queues failed: %s\n", pid, cfg.nb_rxq,
		       cfg.nb_txq, rte_strerror(-ret));
		return -1;
	}
	uint16_t rxd = cfg.nb_rxd ? cfg.nb_rxd : info.default_rxportconf.ring_size;
	uint16_t txd = cfg.nb_txd ? cfg.nb_txd : info.default_txportconf.ring_size;
	rxd = rxd ? rxd : 512;
	txd = txd ? txd : 512;
	ret = rte_eth_dev_adjust_nb_rx_tx_desc(pid, &rxd, &txd);
	if (ret != 0) {
		printf("Port %u: descriptor counts %u/%u not usable: %s\n", pid, rxd, txd,
		       rte_strerror(-ret));
		return -1;
	}
	ps.nb_rxd = rxd;
	ps.nb_txd = txd;
	struct rte_mempool *mp = pool_for_socket(ps.socket);
	for (uint16_t q = 0; q < cfg.nb_rxq; q++) {
		ret = rte_eth_rx_queue_setup(pid, q, rxd, ps.socket, nullptr, mp);
		if (ret != 0) {
			printf("Port %u: RX queue %u setup (%u descriptors, pool %s) failed: %s\n",
			       pid, q, rxd, mp ? mp->name : "none", rte_strerror(-ret));
			return -1;
		}
	}
	for (uint16_t q = 0; q < cfg.nb_txq; q++) {
		ret = rte_eth_tx_queue_setup(pid, q, txd, ps.socket, nullptr);
		if (ret != 0) {
			printf("Port %u: TX queue %u setup (%u descriptors) failed: %s\n", pid, q,
			       txd, rte_strerror(-ret));
			return -1;
		}
	}
	rte_eth_macaddr_get(pid, &ps.mac);
	ps.configured = true;
	return 0;
}

static int
port_start_one(uint16_t pid)
{
	port_state &ps = ports[pid];
	if (ps.closed) {
		printf("Port %u is closed; it cannot be started again\n", pid);
		return -1;
	}
	if (ps.started)
		return 0;
	if (!ps.configured && port_configure(pid) != 0)
		return -1;
	int ret = rte_eth_dev_start(pid);
	if (ret != 0) {
		printf("Port %u: start failed: %s\n", pid, rte_strerror(-ret));
		return -1;
	}
	ps.started = true;
	if (cfg.rx_mem_check)
		rx_mem_check_install(pid, cfg.nb_rxq);
	if (cfg.promisc) {
		ret = rte_eth_promiscuous_enable(pid);
		if (ret != 0 && ret != -ENOTSUP)
			printf("Port %u: cannot enable promiscuous mode: %s\n", pid,
			       rte_strerror(-ret));
	}
	print_port_mac(pid);
	rte_eth_stats_get(pid, &ps.stats_at_show);
	ps.cycles_at_show = rte_get_timer_cycles();
	return 0;
}

int
port_setup_and_start(uint16_t pid)
{
	return port_start_one(pid);
}

/* Runs fn on one port or, with port_id < 0, on every port not closed. */
template <typename Fn>
static int
for_ports(int port_id, Fn fn)
{
	if (port_id >= 0) {
		if (!rte_eth_dev_is_valid_port((uint16_t)port_id)) {
			printf("Invalid port %d: 'show port info all' lists the ports\n", port_id);
			return -1;
		}
		return fn((uint16_t)port_id);
	}
	int rc = 0;
	uint16_t pid;
	RTE_ETH_FOREACH_DEV(pid)
	{
		if (!ports[pid].closed && fn(pid) != 0)
			rc = -1;
	}
	return rc;
}

bool
port_is_forwarding(uint16_t pid)
{
	if (!fwd_running())
		return false;
	return std::find(fwd.ports.begin(), fwd.ports.end(), pid) != fwd.ports.end();
}

int
ports_start(int port_id)
{
	int rc = for_ports(port_id, port_start_one);
	printf("Checking link statuses...\nDone\n");
	return rc;
}

int
ports_stop(int port_id)
{
	printf("Stopping ports...\n");
	int rc = for_ports(port_id, [](uint16_t pid) {
		if (port_is_forwarding(pid)) {
			printf("Port %u is forwarding: run 'stop' first\n", pid);
			return -1;
		}
		if (!ports[pid].started)
			return 0;
		int ret = rte_eth_dev_stop(pid);
		if (ret != 0) {
			printf("Port %u: stop failed: %s\n", pid, rte_strerror(-ret));
			return -1;
		}
		ports[pid].started = false;
		return 0;
	});
	printf("Done\n");
	return rc;
}

/*
 * Receive and free what the started ports' rx queues still hold, until a
 * pass over all of them finds nothing (or 100 ms passed: a port on a live
 * network never runs dry). Ports do not free the mbufs in their queues
 * (net_ring keeps them in its rings even at close), so this is what gets
 * the packets in flight back to their pool before the ports close.
 */
void
ports_drain_rx()
{
	const uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() / 10;
	bool found = true;
	while (found && rte_get_timer_cycles() < end) {
		found = false;
		uint16_t pid;
		RTE_ETH_FOREACH_DEV(pid)
		{
			if (!ports[pid].started || ports[pid].closed)
				continue;
			for (uint16_t q = 0; q < cfg.nb_rxq; q++) {
				struct rte_mbuf *pkts[64];
				uint16_t n = rte_eth_rx_burst(pid, q, pkts, RTE_DIM(pkts));
				rte_pktmbuf_free_bulk(pkts, n);
				found = found || n != 0;
			}
		}
	}
}

int
ports_close(int port_id)
{
	printf("Closing ports...\n");
	int rc = for_ports(port_id, [](uint16_t pid) {
		if (port_is_forwarding(pid)) {
			printf("Port %u is forwarding: run 'stop' first\n", pid);
			return -1;
		}
		if (ports[pid].closed)
			return 0;
		if (ports[pid].started) {
			rte_eth_dev_stop(pid);
			ports[pid].started = false;
		}
		int ret = rte_eth_dev_close(pid);
		if (ret != 0) {
			printf("Port %u: close failed: %s\n", pid, rte_strerror(-ret));
			return -1;
		}
		ports[pid].closed = true;
		printf("Port %u is closed\n", pid);
		return 0;
	});
	printf("Done\n");
	return rc;
}

int
set_promisc(uint16_t pid, bool on)
{
	int ret = on ? rte_eth_promiscuous_enable(pid) : rte_eth_promiscuous_disable(pid);
	if (ret != 0) {
		printf("Error during %s promiscuous mode for port %u: %s\n",
		       on ? "enabling" : "disabling", pid, rte_strerror(-ret));
		return -1;
	}
	return 0;
}

/* ---- displays ---- */

void
show_port_info(uint16_t pid)
{
	struct rte_eth_dev_info info;
	if (rte_eth_dev_info_get(pid, &info) != 0) {
		printf("Port %u: no device info\n", pid);
		return;
	}
	char name[RTE_ETH_NAME_MAX_LEN] = "";
	rte_eth_dev_get_name_by_port(pid, name);
	struct rte_eth_link link;
	memset(&link, 0, sizeof(link));
	rte_eth_link_get_nowait(pid, &link);
	uint16_t mtu = 0;
	rte_eth_dev_get_mtu(pid, &mtu);
	const uint8_t *b = ports[pid].mac.addr_bytes;
	if (!ports[pid].configured)
		rte_eth_macaddr_get(pid, &ports[pid].mac);

	printf("\n********************* Infos for port %-2u *********************\n", pid);
	printf("MAC address: %02X:%02X:%02X:%02X:%02X:%02X\n", b[0], b[1], b[2], b[3], b[4], b[5]);
	printf("Device name: %s\n", name);
	printf("Driver name: %s\n", info.driver_name ? info.driver_name : "?");
	printf("Connect to socket: %d\n", rte_eth_dev_socket_id(pid));
	printf("memory allocation on the socket: %d\n", ports[pid].socket);
	printf("Port state: %s\n", ports[pid].started      ? "started"
				   : ports[pid].configured ? "stopped"
							   : "not configured");
	printf("Link status: %s\n", link.link_status ? "up" : "down");
	printf("Link speed: %s\n", rte_eth_link_speed_to_str(link.link_speed));
	printf("Link duplex: %s\n", link.link_duplex ? "full-duplex" : "half-duplex");
	printf("MTU: %u\n", mtu);
	int promisc = rte_eth_promiscuous_get(pid);
	printf("Promiscuous mode: %s\n", promisc == 1 ? "enabled" : "disabled");
	printf("Maximum number of MAC addresses: %u\n", info.max_mac_addrs);
	printf("Maximum configurable length of RX packet: %u\n", info.max_rx_pktlen);
	printf("Current number of RX queues: %u\n", info.nb_rx_queues);
	printf("Max possible RX queues: %u\n", info.max_rx_queues);
	printf("Max possible number of RXDs per queue: %u\n", info.rx_desc_lim.nb_max);
	printf("Min possible number of RXDs per queue: %u\n", info.rx_desc_lim.nb_min);
	printf("Current number of TX queues: %u\n", info.nb_tx_queues);
	printf("Max possible TX queues: %u\n", info.max_tx_queues);
	printf("Max possible number of TXDs per queue: %u\n", info.tx_desc_lim.nb_max);
	printf("Min possible number of TXDs per queue: %u\n", info.tx_desc_lim.nb_min);
}

void
show_port_stats(uint16_t pid)
{
	struct rte_eth_stats st;
	int ret = rte_eth_stats_get(pid, &st);
	if (ret != 0) {
		printf("Port %u: cannot read statistics: %s\n", pid, rte_strerror(-ret));
		return;
	}
	port_state &ps = ports[pid];
	uint64_t now = rte_get_timer_cycles();
	double secs = ps.cycles_at_show
			      ? (double)(now - ps.cycles_at_show) / (double)rte_get_timer_hz()
			      : 0.0;
	auto rate = [secs](uint64_t cur, uint64_t prev) -> uint64_t {
		return (secs > 0 && cur >= prev) ? (uint64_t)((double)(cur - prev) / secs) : 0;
	};
	uint64_t rx_pps = rate(st.ipackets, ps.stats_at_show.ipackets);
	uint64_t tx_pps = rate(st.opackets, ps.stats_at_show.opackets);
	uint64_t rx_bps = rate(st.ibytes, ps.stats_at_show.ibytes) * 8;
	uint64_t tx_bps = rate(st.obytes, ps.stats_at_show.obytes) * 8;
	ps.stats_at_show = st;
	ps.cycles_at_show = now;

	printf("\n  ######################## NIC statistics for port %-2u ########################\n",
	       pid);
	printf("  RX-packets: %-10" PRIu64 " RX-missed: %-10" PRIu64 " RX-bytes:  %" PRIu64 "\n",
	       st.ipackets, st.imissed, st.ibytes);
	printf("  RX-errors: %" PRIu64 "\n", st.ierrors);
	printf("  RX-nombuf:  %-10" PRIu64 "\n", st.rx_nombuf);
	printf("  TX-packets: %-10" PRIu64 " TX-errors: %-10" PRIu64 " TX-bytes:  %" PRIu64 "\n",
	       st.opackets, st.oerrors, st.obytes);
	printf("\n  Throughput (since last show)\n");
	printf("  Rx-pps: %12" PRIu64 "          Rx-bps: %12" PRIu64 "\n", rx_pps, rx_bps);
	printf("  Tx-pps: %12" PRIu64 "          Tx-bps: %12" PRIu64 "\n", tx_pps, tx_bps);
	printf("  ############################################################################\n");
}

void
clear_port_stats(uint16_t pid)
{
	int ret = rte_eth_stats_reset(pid);
	if (ret != 0) {
		printf("Port %u: cannot clear statistics: %s\n", pid, rte_strerror(-ret));
		return;
	}
	rte_eth_stats_get(pid, &ports[pid].stats_at_show);
	ports[pid].cycles_at_show = rte_get_timer_cycles();
	printf("\n  NIC statistics for port %u cleared\n", pid);
}

void
show_port_xstats(uint16_t pid)
{
	int n = rte_eth_xstats_get(pid, nullptr, 0);
	if (n < 0) {
		printf("Port %u: cannot count extended statistics: %s\n", pid, rte_strerror(-n));
		return;
	}
	std::vector<rte_eth_xstat> values(n);
	std::vector<rte_eth_xstat_name> names(n);
	if (n > 0 && (rte_eth_xstats_get_names(pid, names.data(), n) != n ||
		      rte_eth_xstats_get(pid, values.data(), n) != n)) {
		printf("Port %u: extended statistics changed while reading; try again\n", pid);
		return;
	}
	printf("###### NIC extended statistics for port %-2u\n", pid);
	for (int i = 0; i < n; i++)
		printf("%s: %" PRIu64 "\n",
		       names[values[i].id < (uint64_t)n ? values[i].id : i].name, values[i].value);
}

} /* namespace testpmd */
