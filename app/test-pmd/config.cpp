/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Forwarding configuration: which ports forward, which port each one sends
 * to (the topology), how RX queues become streams and how streams are spread
 * over the forwarding lcores. It is rebuilt from cfg every time forwarding
 * starts, so "set nbcore", "set fwd", "port stop" and the like need no
 * bookkeeping of their own.
 *
 * Streams: forwarding port i, RX queue q  ->  port peer_port_of(i), TX queue
 * q % nb_txq. Lcore k gets a contiguous slice of the streams; the first
 * (streams % lcores) lcores get one extra.
 */

#include <algorithm>

#include <rte_lcore.h>

#include "testpmd.h"

namespace testpmd {

struct fwd_setup fwd;

/* ---- engine registry ---- */

static const struct fwd_engine *const engines[] = {
	&io_engine,     &mac_engine,     &macswap_engine,         &rxonly_engine,
	&txonly_engine, &flowgen_engine, &five_tuple_swap_engine,
};

const struct fwd_engine *
find_engine(const std::string &name)
{
	for (const fwd_engine *e : engines)
		if (name == e->name)
			return e;
	return nullptr;
}

std::string
engine_names(const char *sep)
{
	std::string all;
	for (const fwd_engine *e : engines) {
		if (!all.empty())
			all += sep;
		all += e->name;
	}
	return all;
}

/* ---- ports and lcores taking part ---- */

std::vector<uint16_t>
probed_ports()
{
	std::vector<uint16_t> list;
	uint16_t pid;
	RTE_ETH_FOREACH_DEV(pid)
	{
		if (pid < 64 && cfg.portmask != 0 && !(cfg.portmask & (1ull << pid)))
			continue;
		if (ports[pid].closed)
			continue;
		list.push_back(pid);
		if (cfg.nb_fwd_ports != 0 && list.size() == cfg.nb_fwd_ports)
			break;
	}
	return list;
}

std::vector<unsigned>
worker_lcores()
{
	std::vector<unsigned> list;
	unsigned lc;
	RTE_LCORE_FOREACH_WORKER(lc)
	{
		if (cfg.coremask != 0 && (lc >= 64 || !(cfg.coremask & (1ull << lc))))
			continue;
		list.push_back(lc);
	}
	return list;
}

uint16_t
peer_port_of(unsigned index)
{
	unsigned n = fwd.ports.size();
	switch (cfg.topology) {
	case topology::paired:
		if (index % 2 == 0)
			return fwd.ports[index + 1 < n ? index + 1 : index];
		return fwd.ports[index - 1];
	case topology::chained: return fwd.ports[(index + 1) % n];
	case topology::loop: break;
	}
	return fwd.ports[index];
}

std::mutex &
fwd_lock()
{
	static std::mutex m;
	return m;
}

int
build_fwd_config()
{
	std::lock_guard<std::mutex> g(fwd_lock());
	fwd.engine = find_engine(cfg.fwd_mode);
	fwd.ports = probed_ports();
	fwd.streams.clear();
	fwd.lcores.clear();
	if (fwd.ports.empty()) {
		printf("No port to forward on: create ports with --vdev (e.g. --vdev net_null0)"
		       " and check --portmask / port close\n");
		return -1;
	}
	std::vector<unsigned> workers = worker_lcores();
	if (workers.empty()) {
		printf("No worker lcore to forward on: the main lcore runs the prompt; give the "
		       "EAL two lcores or more (e.g. -l 0,1) and check --coremask\n");
		return -1;
	}
	if (cfg.topology == topology::paired && fwd.ports.size() % 2 != 0)
		printf("Warning: odd number of ports (%zu) in paired topology: port %u "
		       "forwards to itself\n",
		       fwd.ports.size(), fwd.ports.back());

	for (unsigned i = 0; i < fwd.ports.size(); i++) {
		uint16_t tx = peer_port_of(i);
		for (uint16_t q = 0; q < cfg.nb_rxq; q++) {
			fwd_stream fs{};
			fs.rx_port = fwd.ports[i];
			fs.rx_queue = q;
			fs.tx_port = tx;
			fs.tx_queue = q % cfg.nb_txq;
			fs.pool = pool_for_socket(ports[tx].socket);
			fwd.streams.push_back(fs);
		}
	}
	unsigned nb_lcores = std::min<size_t>(
		{(size_t)cfg.nb_fwd_cores, workers.size(), fwd.streams.size()});
	unsigned per = fwd.streams.size() / nb_lcores;
	unsigned extra = fwd.streams.size() % nb_lcores;
	unsigned next = 0;
	for (unsigned k = 0; k < nb_lcores; k++) {
		fwd_lcore fl{};
		fl.lcore_id = workers[k];
		fl.stream_first = next;
		fl.stream_count = per + (k < extra ? 1 : 0);
		next += fl.stream_count;
		fwd.lcores.push_back(fl);
	}
	return 0;
}

/* ---- show config ---- */

static void
print_mac(const rte_ether_addr &a)
{
	const uint8_t *b = a.addr_bytes;
	printf("%02X:%02X:%02X:%02X:%02X:%02X", b[0], b[1], b[2], b[3], b[4], b[5]);
}

/* While forwarding runs, show what runs; otherwise what "start" would run,
 * without touching the streams (and counters) of the last run. */
template <typename Fn>
static void
with_fwd_config(Fn print)
{
	if (fwd_running()) {
		print();
		return;
	}
	fwd_setup last = fwd;
	if (build_fwd_config() == 0)
		print();
	std::lock_guard<std::mutex> g(fwd_lock());
	fwd = std::move(last);
}

void
print_fwd_config()
{
	printf("%s packet forwarding - ports=%zu - cores=%zu - streams=%zu - NUMA support %s,"
	       " MP allocation mode: %s\n",
	       fwd.engine->name, fwd.ports.size(), fwd.lcores.size(), fwd.streams.size(),
	       cfg.numa ? "enabled" : "disabled", mp_alloc_name(cfg.mp_alloc));
	for (const fwd_lcore &fl : fwd.lcores) {
		printf("Logical Core %u (socket %u) forwards packets on %u streams:\n", fl.lcore_id,
		       rte_lcore_to_socket_id(fl.lcore_id), fl.stream_count);
		for (unsigned s = fl.stream_first; s < fl.stream_first + fl.stream_count; s++) {
			const fwd_stream &fs = fwd.streams[s];
			printf("  RX P=%u/Q=%u (socket %d) -> TX P=%u/Q=%u (socket %d) peer=",
			       fs.rx_port, fs.rx_queue, ports[fs.rx_port].socket, fs.tx_port,
			       fs.tx_queue, ports[fs.tx_port].socket);
			print_mac(cfg.peer[fs.tx_port]);
			printf("\n");
		}
	}
	printf("\n");
}

void
show_config_fwd()
{
	with_fwd_config(print_fwd_config);
}

static void
print_rxtx_config()
{
	printf("  %s packet forwarding packets/burst=%u\n", fwd.engine->name, cfg.burst);
	if (fwd.engine == &txonly_engine || fwd.engine == &flowgen_engine) {
		unsigned total = 0;
		for (unsigned i = 0; i < cfg.nb_tx_segs; i++)
			total += cfg.tx_seg_len[i];
		printf("  packet len=%u - nb packet segments=%u\n", total, cfg.nb_tx_segs);
	}
	printf("  nb forwarding cores=%zu - nb forwarding ports=%zu\n", fwd.lcores.size(),
	       fwd.ports.size());
	for (uint16_t pid : fwd.ports) {
		printf("  port %u: RX queue number: %u Tx queue number: %u\n", pid, cfg.nb_rxq,
		       cfg.nb_txq);
		for (uint16_t q = 0; q < cfg.nb_rxq; q++)
			printf("    RX queue: %u - RX desc=%u\n", q, ports[pid].nb_rxd);
		for (uint16_t q = 0; q < cfg.nb_txq; q++)
			printf("    TX queue: %u - TX desc=%u\n", q, ports[pid].nb_txd);
	}
}

void
show_config_rxtx()
{
	with_fwd_config(print_rxtx_config);
}

void
show_config_cores()
{
	std::vector<unsigned> workers = worker_lcores();
	unsigned n = std::min<size_t>(cfg.nb_fwd_cores, workers.size());
	printf("List of forwarding lcores:");
	for (unsigned i = 0; i < n; i++)
		printf(" %2u", workers[i]);
	printf("\n");
}

} /* namespace testpmd */
