/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpkit-testpmd: main(), forwarding start/stop and the forward statistics.
 *
 * Order of start-up: testpmd's own options are checked first (a typo costs
 * nothing), then the EAL starts, the pools are built, every port is
 * configured and started, and either the prompt runs on the main lcore or
 * forwarding starts at once (no -i). Forwarding always runs on worker lcores
 * launched with rte_eal_remote_launch(); the main lcore stays free for the
 * prompt and the statistics.
 *
 * On the way out, whatever the way (quit, end of input, SIGINT/SIGTERM):
 * forwarding stops, ports stop and close (drivers hand back the mbufs in
 * their rings), and every pool must be full again before it is freed.
 */

#include <atomic>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atomic>

#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include "testpmd.h"

namespace testpmd {

volatile bool force_quit = false;
static std::atomic<bool> running{false}; /* read by the telemetry thread */
static bool quitted = false;

bool
fwd_running()
{
	return running;
}

/* ---- the forwarding lcores ---- */

static int
fwd_lcore_main(void *arg)
{
	fwd_lcore *fl = static_cast<fwd_lcore *>(arg);
	fwd_stream *streams = &fwd.streams[fl->stream_first];
	const unsigned n = fl->stream_count;
	void (*packet_fwd)(fwd_stream *) = fwd.engine->packet_fwd;

	/* "start tx_first": prime the loop, since io/mac engines only move what
	 * they receive and a loopback needs something to start with. */
	for (uint16_t b = 0; b < fl->tx_first_bursts; b++) {
		for (unsigned i = 0; i < n; i++) {
			struct rte_mbuf *pkts[max_burst];
			uint16_t nb = build_tx_burst(&streams[i], pkts, cfg.burst, false);
			if (nb != 0)
				tx_and_drop_rest(&streams[i], pkts, nb);
		}
	}
	/* every stream runs at least once per start, as in dpdk-testpmd: a
	 * "start" followed at once by "stop" still moves one burst each */
	if (n == 1) {
		do
			packet_fwd(streams);
		while (!std::atomic_ref(fl->stopped).load(std::memory_order_relaxed));
	} else {
		do
			for (unsigned i = 0; i < n; i++)
				packet_fwd(&streams[i]);
		while (!std::atomic_ref(fl->stopped).load(std::memory_order_relaxed));
	}
	return 0;
}

int
start_forwarding(uint16_t tx_first_bursts)
{
	if (running) {
		printf("Packet forwarding already started\n");
		return -1;
	}
	if (build_fwd_config() != 0)
		return -1;
	for (uint16_t pid : fwd.ports) {
		if (!ports[pid].started) {
			printf("Port %u is not started: run 'port start %u' (or 'port start all')\n",
			       pid, pid);
			return -1;
		}
	}
	for (uint16_t pid : fwd.ports) {
		if (fwd.engine->port_begin && fwd.engine->port_begin(pid) != 0)
			return -1;
		if (tx_first_bursts && txonly_port_begin(pid) != 0)
			return -1;
		rte_eth_stats_get(pid, &ports[pid].stats_at_start);
	}
	for (fwd_stream &fs : fwd.streams)
		if (fwd.engine->stream_init)
			fwd.engine->stream_init(&fs);

	print_fwd_config();
	for (size_t k = 0; k < fwd.lcores.size(); k++) {
		fwd_lcore &fl = fwd.lcores[k];
		std::atomic_ref(fl.stopped).store(false, std::memory_order_relaxed);
		fl.tx_first_bursts = tx_first_bursts;
		int ret = rte_eal_remote_launch(fwd_lcore_main, &fl, fl.lcore_id);
		if (ret != 0) {
			printf("Cannot launch forwarding on lcore %u: %s; stopping\n", fl.lcore_id,
			       strerror(-ret));
			for (size_t j = 0; j < k; j++) {
				std::atomic_ref(fwd.lcores[j].stopped)
					.store(true, std::memory_order_relaxed);
				rte_eal_wait_lcore(fwd.lcores[j].lcore_id);
			}
			return -1;
		}
	}
	running = true;
	return 0;
}

int
stop_forwarding()
{
	if (!running) {
		printf("Packet forwarding not started\n");
		return -1;
	}
	printf("Telling cores to stop...\n");
	for (fwd_lcore &fl : fwd.lcores)
		std::atomic_ref(fl.stopped).store(true, std::memory_order_relaxed);
	printf("Waiting for lcores to finish...\n");
	for (fwd_lcore &fl : fwd.lcores)
		rte_eal_wait_lcore(fl.lcore_id);
	running = false;
	show_fwd_stats(false);
	printf("\nDone.\n");
	return 0;
}

/* ---- forward statistics ---- */

struct port_fwd_stats {
	uint64_t rx = 0, rx_dropped = 0, tx = 0, tx_dropped = 0;
};

static void
print_fwd_block(const port_fwd_stats &s)
{
	printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 "RX-total: %" PRIu64 "\n",
	       s.rx, s.rx_dropped, s.rx + s.rx_dropped);
	printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 "TX-total: %" PRIu64 "\n",
	       s.tx, s.tx_dropped, s.tx + s.tx_dropped);
}

void
show_fwd_stats(bool)
{
	if (fwd.ports.empty()) {
		printf("No forwarding configuration yet: run 'start' first\n");
		return;
	}
	port_fwd_stats total;
	for (uint16_t pid : fwd.ports) {
		port_fwd_stats s;
		for (const fwd_stream &fs : fwd.streams) {
			if (fs.rx_port == pid)
				s.rx += stat_read(&fs.rx_packets);
			if (fs.tx_port == pid) {
				s.tx += stat_read(&fs.tx_packets);
				s.tx_dropped += stat_read(&fs.fwd_dropped);
			}
		}
		struct rte_eth_stats st;
		if (rte_eth_stats_get(pid, &st) == 0 &&
		    st.imissed >= ports[pid].stats_at_start.imissed)
			s.rx_dropped = st.imissed - ports[pid].stats_at_start.imissed;
		printf("\n  ---------------------- Forward statistics for port %-2u "
		       "----------------------\n",
		       pid);
		print_fwd_block(s);
		printf("  ----------------------------------------------------------------------------\n");
		total.rx += s.rx;
		total.rx_dropped += s.rx_dropped;
		total.tx += s.tx;
		total.tx_dropped += s.tx_dropped;
	}
	printf("\n  +++++++++++++++ Accumulated forward statistics for all ports"
	       "+++++++++++++++\n");
	print_fwd_block(total);
	printf("  ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++\n");
}

/* ---- shutdown ---- */

void
quit_testpmd()
{
	if (quitted)
		return;
	quitted = true;
	if (running)
		stop_forwarding();
	printf("\n");
	ports_drain_rx();
	rx_mem_check_report();
	ports_stop(-1);
	ports_close(-1);
	int missing = check_and_free_pools();
	if (missing == 0)
		printf("\nBye...\n");
	else
		printf("\nBye... with %d mbufs missing or freed twice\n", missing);
}

static void
on_signal(int sig)
{
	if (!force_quit) {
		force_quit = true;
		/* async-signal-safe notice; the main loop does the real work */
		const char msg[] = "\nSignal received, preparing to exit...\n";
		ssize_t w = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
		(void)w;
	}
	(void)sig;
}

static void
install_signals()
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns EINTR */
	sigaction(SIGINT, &sa, nullptr);
	sigaction(SIGTERM, &sa, nullptr);
}

/* No -i: forward until Enter, end of input or a signal; with --stats-period,
 * print the port statistics every period until a signal. */
static void
run_non_interactive()
{
	if (start_forwarding(cfg.tx_first ? 1 : 0) != 0)
		return;
	if (cfg.stats_period != 0) {
		uint64_t ticks = 0;
		while (!force_quit) {
			usleep(100 * 1000);
			if (++ticks % (cfg.stats_period * 10) == 0)
				for (uint16_t pid : fwd.ports)
					show_port_stats(pid);
		}
		return;
	}
	printf("Press enter to exit\n");
	fflush(stdout);
	char buf[16];
	while (!force_quit) {
		ssize_t r = read(STDIN_FILENO, buf, sizeof(buf));
		if (r <= 0 && !(r < 0 && errno == EINTR))
			break; /* end of input */
		if (r > 0 && memchr(buf, '\n', r) != nullptr)
			break;
	}
}

} /* namespace testpmd */

using namespace testpmd;

int
main(int argc, char **argv)
{
	setvbuf(stdout, nullptr, _IOLBF, 0); /* keep order with stderr and pipes */
	const char *prog = argc > 0 ? argv[0] : "dpkit-testpmd";

	/* Split at "--": EAL options before, testpmd options after. */
	int dd = 1;
	while (dd < argc && strcmp(argv[dd], "--") != 0)
		dd++;
	std::vector<char *> app_argv{const_cast<char *>(prog)};
	for (int i = dd + 1; i < argc; i++)
		app_argv.push_back(argv[i]);
	app_argv.push_back(nullptr);
	int rc = parse_args((int)app_argv.size() - 1, app_argv.data(), prog);
	if (rc != 0)
		return rc > 0 ? 0 : 1;

	/* the whole command line, as dpdk-testpmd passes it: the EAL stops at
	 * "--" and reports the rest in /eal/app_params */
	std::vector<char *> eal_argv(argv, argv + argc);
	eal_argv.push_back(nullptr);
	if (rte_eal_init(argc, eal_argv.data()) < 0) {
		fprintf(stderr, "testpmd: EAL initialisation failed: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	install_signals();
	register_telemetry_commands();
	for (unsigned p = 0; p < max_ports; p++) {
		if (!cfg.peer_set[p]) {
			memset(&cfg.peer[p], 0, sizeof(cfg.peer[p]));
			cfg.peer[p].addr_bytes[0] = 0x02;
			cfg.peer[p].addr_bytes[5] = (uint8_t)p;
		}
	}
	if (rte_eth_dev_count_avail() == 0)
		printf("Warning: no probed ethernet devices; add ports with --vdev "
		       "(e.g. --vdev net_null0 --vdev net_null1)\n");

	int exit_code = 0;
	if (create_pools() != 0) {
		exit_code = 1;
	} else if (force_quit) {
		/* interrupted while the pools were built: nothing more to start */
	} else {
		if (cfg.interactive)
			printf("Interactive-mode selected\n");
		uint16_t pid;
		RTE_ETH_FOREACH_DEV(pid)
		{
			if (port_setup_and_start(pid) != 0) {
				printf("Fail to start port %u: see the line above\n", pid);
				exit_code = 1;
			}
		}
		if (exit_code == 0) {
			printf("Checking link statuses...\nDone\n");
			if (!cfg.interactive) {
				run_non_interactive();
			} else {
				if (cfg.auto_start)
					start_forwarding(cfg.tx_first ? 1 : 0);
				prompt_loop();
			}
		}
	}
	quit_testpmd();
	rte_eal_cleanup();
	return exit_code;
}
