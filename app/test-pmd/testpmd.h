/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpkit-testpmd: shared state of the forwarding tester.
 *
 * The model: the main lcore owns the configuration and the prompt; worker
 * lcores only run forwarding engines over "streams" (one RX queue of one port
 * feeding one TX queue of another). The configuration is changed only while
 * forwarding is stopped, so workers read it without locks. Stream counters
 * have exactly one writer (the lcore that owns the stream) and are read by
 * the main lcore with relaxed atomic loads, so "show fwd stats" works while
 * traffic runs.
 */

#ifndef _TESTPMD_H_
#define _TESTPMD_H_

#include <stdint.h>
#include <stdio.h>

#include <mutex>
#include <string>
#include <vector>

#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

namespace testpmd {

/* ---- limits and defaults ---- */

constexpr unsigned max_ports = RTE_MAX_ETHPORTS;
constexpr unsigned max_burst = 512; /* largest --burst */
constexpr unsigned default_burst = 32;
constexpr unsigned max_queues = 1024;
constexpr unsigned desc_max = 2048; /* used to size the default pool */
constexpr unsigned default_mbcache = 250;
constexpr unsigned max_segs = 8; /* --txpkts segments */
constexpr uint16_t default_seg_size = RTE_MBUF_DEFAULT_BUF_SIZE;
constexpr unsigned max_pools = 4; /* --mbuf-size=N[,N...] */

enum class mp_alloc { native, anon, xmem, xmemhuge };
enum class topology { paired, chained, loop };

/* ---- configuration (set by parameters, changed only when stopped) ---- */

struct config {
	bool interactive = false;
	bool auto_start = false;
	bool tx_first = false;
	unsigned stats_period = 0;    /* seconds, 0 = off */
	unsigned total_num_mbufs = 0; /* 0 = computed */
	uint16_t mbuf_seg_size[max_pools] = {default_seg_size};
	unsigned nb_mbuf_sizes = 1;
	unsigned mbcache = default_mbcache;
	enum mp_alloc mp_alloc = mp_alloc::native;
	unsigned nb_fwd_cores = 1;
	unsigned nb_fwd_ports = 0; /* 0 = every probed port */
	uint64_t portmask = 0;     /* 0 = every port */
	uint64_t coremask = 0;     /* 0 = every worker lcore */
	uint16_t nb_rxq = 1;
	uint16_t nb_txq = 1;
	uint16_t nb_rxd = 0; /* 0 = driver default */
	uint16_t nb_txd = 0;
	uint16_t burst = default_burst;
	/* port-wide TX offloads asked for (--tx-offloads); as in DPDK's testpmd
	 * the default asks for fast free, dropped where a port lacks it */
	uint64_t tx_offloads = RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	std::string fwd_mode = "io";
	enum topology topology = topology::paired;
	uint16_t tx_seg_len[max_segs] = {64};
	unsigned nb_tx_segs = 1;
	bool numa = true;
	int socket_num = -1; /* -1 = no forced socket */
	bool promisc = true;
	bool rx_mem_check = false; /* --rx-mem-check */
	rte_ether_addr peer[max_ports];
	bool peer_set[max_ports] = {};
};

extern struct config cfg;

/* Parse the arguments after "--". Returns 0, or -1 after printing one line
 * about the bad value (the caller exits with code 1). -h prints usage and
 * returns 1. */
int parse_args(int argc, char **argv, const char *prog);
void print_usage(const char *prog);

/* Helpers shared by the option parser and the commands. */
bool parse_uint(const char *s, uint64_t max, uint64_t *out);
bool parse_len_list(const char *s, uint16_t *out, unsigned max_n, unsigned *n, uint16_t lo,
		    uint16_t hi);
bool parse_mac(const char *s, rte_ether_addr *out);
const char *mp_alloc_name(enum mp_alloc m);
const char *topology_name(enum topology t);

/* ---- forwarding engines ---- */

/* One RX queue forwarded to one TX queue, owned by one lcore. */
struct fwd_stream {
	uint16_t rx_port;
	uint16_t rx_queue;
	uint16_t tx_port;
	uint16_t tx_queue;
	/* counters: single writer (owning lcore), relaxed atomic readers */
	uint64_t rx_packets;
	uint64_t tx_packets;
	uint64_t fwd_dropped;
	/* engine state (txonly/flowgen) */
	uint32_t flow_index;
	uint16_t ip_id;
	struct rte_mempool *pool; /* pool engines allocate from */
} __rte_cache_aligned;

static inline void
stat_add(uint64_t *counter, uint64_t n)
{
	/* Single writer: a relaxed store of the new value is enough and compiles
	 * to a plain add on x86; readers use stat_read(). */
	__atomic_store_n(counter, *counter + n, __ATOMIC_RELAXED);
}

static inline uint64_t
stat_read(const uint64_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

struct fwd_engine {
	const char *name;
	/* called once per forwarding port when forwarding starts; 0 or -errno */
	int (*port_begin)(uint16_t port_id);
	/* called once per stream when forwarding starts */
	void (*stream_init)(struct fwd_stream *fs);
	/* one burst: receive, process, transmit */
	void (*packet_fwd)(struct fwd_stream *fs);
};

extern const struct fwd_engine io_engine;
extern const struct fwd_engine mac_engine;
extern const struct fwd_engine macswap_engine;
extern const struct fwd_engine rxonly_engine;
extern const struct fwd_engine txonly_engine;
extern const struct fwd_engine flowgen_engine;
extern const struct fwd_engine five_tuple_swap_engine;

const struct fwd_engine *find_engine(const std::string &name);
std::string engine_names(const char *sep); /* "io|mac|..." */

/* Shared by engines: send what was built or received, count and free what
 * the TX queue refused (a full ring is a drop, as on a real NIC). */
static inline void
tx_and_drop_rest(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t nb)
{
	uint16_t sent = rte_eth_tx_burst(fs->tx_port, fs->tx_queue, pkts, nb);
	stat_add(&fs->tx_packets, sent);
	if (unlikely(sent < nb)) {
		stat_add(&fs->fwd_dropped, nb - sent);
		rte_pktmbuf_free_bulk(&pkts[sent], nb - sent);
	}
}

/* Build nb txonly packets (headers + segments) from pool; returns count. */
int txonly_port_begin(uint16_t port_id);
uint16_t build_tx_burst(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t nb, bool vary_flow);

/* ---- forwarding configuration (config.cpp) ---- */

struct fwd_lcore {
	unsigned lcore_id;
	unsigned stream_first;
	unsigned stream_count;
	bool stopped; /* written by main, polled by the worker: std::atomic_ref accesses only */
	uint16_t tx_first_bursts; /* bursts to send before forwarding */
};

struct fwd_setup {
	std::vector<uint16_t> ports; /* forwarding ports, in order */
	std::vector<fwd_stream> streams;
	std::vector<fwd_lcore> lcores;
	const struct fwd_engine *engine = &io_engine;
};

extern struct fwd_setup fwd;

/* Held by the main thread while it changes fwd (build_fwd_config and the
 * restore in with_fwd_config) and by the telemetry thread while it reads
 * fwd; the forwarding lcores never take it. */
std::mutex &fwd_lock();

std::vector<uint16_t> probed_ports();
std::vector<unsigned> worker_lcores(); /* enabled workers after --coremask */
int build_fwd_config();                /* 0, or -1 after printing why */
uint16_t peer_port_of(unsigned index); /* TX port for fwd.ports[index] */
void print_fwd_config();               /* the configuration built last */
void show_config_fwd();
void show_config_rxtx();
void show_config_cores();

/* ---- pools (mempool_setup.cpp) ---- */

unsigned default_nb_mbufs();
int create_pools(); /* 0, or -1 after printing why */
struct rte_mempool *pool_for_socket(int socket);
int check_and_free_pools(); /* returns mbufs missing or freed twice */

/* ---- ports (ports.cpp) ---- */

struct port_state {
	bool configured = false;
	bool started = false;
	bool closed = false;
	int socket = 0;
	uint16_t nb_rxd = 0;
	uint16_t nb_txd = 0;
	rte_ether_addr mac;
	rte_eth_stats stats_at_start; /* for forward statistics */
	rte_eth_stats stats_at_show;  /* for throughput in show port stats */
	uint64_t cycles_at_show = 0;
};

extern struct port_state ports[max_ports];

int port_setup_and_start(uint16_t port_id); /* 0 or -1 */
int ports_start(int port_id);               /* port_id < 0 = all */
int ports_stop(int port_id);
int ports_close(int port_id);
void ports_drain_rx(); /* frees what started ports' rx queues hold */
bool port_is_forwarding(uint16_t port_id);
void show_port_info(uint16_t port_id);
void show_port_stats(uint16_t port_id);
void clear_port_stats(uint16_t port_id);
void show_port_xstats(uint16_t port_id);
int set_promisc(uint16_t port_id, bool on);

/* ---- telemetry (telemetry.cpp) ---- */

/* Add the /testpmd/... commands to the telemetry socket. */
void register_telemetry_commands();

/* ---- run control (testpmd.cpp) ---- */

extern volatile bool force_quit;
bool fwd_running();
int start_forwarding(uint16_t tx_first_bursts);
int stop_forwarding();
void show_fwd_stats(bool running);
void quit_testpmd(); /* stops, closes, checks pools */

/* ---- interpreter (cmdline.cpp, commands.cpp) ---- */

/* Runs until "quit", end of input or a signal. */
void prompt_loop();
/* Executes one command line; returns false when the line was "quit". */
bool run_command_line(const std::string &line);

/* --rx-mem-check (rx_mem_check.cpp) */
void rx_mem_check_install(uint16_t pid, uint16_t nb_rxq);
void rx_mem_check_report();
/* Candidates for the word being typed after words[0..n-1]. */
std::vector<std::string> complete_words(const std::vector<std::string> &words,
					const std::string &partial);

} /* namespace testpmd */

#endif /* _TESTPMD_H_ */
