/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Options after "--". Every value is checked here, before any memory or port
 * is touched, so a bad command line costs one line on stderr and exit code 1.
 * The message always names the option, echoes the value and says what range
 * or form was expected.
 */

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <rte_lcore.h>

#include "testpmd.h"

namespace testpmd {

struct config cfg;

bool
parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	if (s == nullptr || *s == '\0' || *s == '-' || *s == '+')
		return false;
	char *end = nullptr;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

bool
parse_len_list(const char *s, uint16_t *out, unsigned max_n, unsigned *n, uint16_t lo, uint16_t hi)
{
	std::string text(s ? s : "");
	unsigned count = 0;
	size_t pos = 0;
	if (text.empty())
		return false;
	while (pos <= text.size()) {
		size_t comma = text.find(',', pos);
		std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos
									       : comma - pos);
		uint64_t v;
		if (count == max_n || !parse_uint(item.c_str(), hi, &v) || v < lo)
			return false;
		out[count++] = (uint16_t)v;
		if (comma == std::string::npos)
			break;
		pos = comma + 1;
	}
	*n = count;
	return true;
}

bool
parse_mac(const char *s, rte_ether_addr *out)
{
	unsigned b[6];
	char tail;
	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &tail) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		out->addr_bytes[i] = (uint8_t)b[i];
	return true;
}

const char *
mp_alloc_name(enum mp_alloc m)
{
	switch (m) {
	case mp_alloc::native: return "native";
	case mp_alloc::anon: return "anon";
	case mp_alloc::xmem: return "xmem";
	case mp_alloc::xmemhuge: return "xmemhuge";
	}
	return "?";
}

const char *
topology_name(enum topology t)
{
	switch (t) {
	case topology::paired: return "paired";
	case topology::chained: return "chained";
	case topology::loop: return "loop";
	}
	return "?";
}

void
print_usage(const char *prog)
{
	printf("Usage: %s [EAL options] -- [testpmd options]\n"
	       "  -i, --interactive          run the testpmd> prompt\n"
	       "  -a, --auto-start           start forwarding at start-up (with -i)\n"
	       "  --tx-first                 send one burst on every stream before forwarding\n"
	       "  --stats-period=N           without -i: print port statistics every N s\n"
	       "  --total-num-mbufs=N        mbufs in each pool (default: computed from\n"
	       "                             queues, descriptors, cache and cores)\n"
	       "  --mbuf-size=N[,N]          data room of each pool's mbufs (default %u)\n"
	       "  --mbcache=N                per-lcore pool cache, 0..%u (default %u)\n"
	       "  --mp-alloc=MODE            native (EAL memory) | anon (anonymous pages)\n"
	       "                             | xmem (pages testpmd maps) | xmemhuge (hugepages\n"
	       "                             testpmd maps)\n"
	       "  --mp-anon                  same as --mp-alloc=anon\n"
	       "  --rx-mem-check             check every received mbuf lies in memory its port\n"
	       "                             registered; counts printed at quit\n"
	       "  --nb-cores=N               forwarding lcores (default 1)\n"
	       "  --nb-ports=N               forwarding ports (default: all)\n"
	       "  --portmask=0xM             ports used for forwarding\n"
	       "  --coremask=0xM             lcores used for forwarding (not the main lcore)\n"
	       "  --tx-offloads=0xM          port TX offloads (default 0x10000, mbuf fast\n"
	       "                             free, where the port has it)\n"
	       "  --rxq=N, --txq=N           queues per port (default 1)\n"
	       "  --rxd=N, --txd=N           descriptors per queue (default: driver's)\n"
	       "  --burst=N                  packets per burst, 1..%u (default %u)\n"
	       "  --forward-mode=MODE        %s\n"
	       "  --port-topology=T          paired | chained | loop\n"
	       "  --eth-peer=N,XX:XX:XX:XX:XX:XX  destination MAC for port N (mac mode)\n"
	       "  --txpkts=L[,L]             txonly/flowgen segment lengths (default 64)\n"
	       "  --no-numa, --numa          allocate per socket or not (default numa)\n"
	       "  --no-flush-rx              accepted for DPDK's command lines: ports are\n"
	       "                             never flushed at start (a pcap replay starts whole)\n"
	       "  --socket-num=N             socket for pools and rings\n"
	       "  -h, --help                 this text\n",
	       prog, default_seg_size, RTE_MEMPOOL_CACHE_MAX_SIZE, default_mbcache, max_burst,
	       default_burst, engine_names(" | ").c_str());
}

namespace {

enum opt_id {
	OPT_TX_FIRST = 256,
	OPT_STATS_PERIOD,
	OPT_TOTAL_MBUFS,
	OPT_MBUF_SIZE,
	OPT_MBCACHE,
	OPT_MP_ALLOC,
	OPT_MP_ANON,
	OPT_RX_MEM_CHECK,
	OPT_NB_CORES,
	OPT_NB_PORTS,
	OPT_PORTMASK,
	OPT_COREMASK,
	OPT_RXQ,
	OPT_TXQ,
	OPT_RXD,
	OPT_TXD,
	OPT_BURST,
	OPT_FWD_MODE,
	OPT_TOPOLOGY,
	OPT_ETH_PEER,
	OPT_TXPKTS,
	OPT_NO_NUMA,
	OPT_NUMA,
	OPT_SOCKET_NUM,
	OPT_NO_FLUSH_RX,
	OPT_TX_OFFLOADS,
};

const struct option long_opts[] = {
	{"interactive", no_argument, nullptr, 'i'},
	{"auto-start", no_argument, nullptr, 'a'},
	{"help", no_argument, nullptr, 'h'},
	{"tx-first", no_argument, nullptr, OPT_TX_FIRST},
	{"stats-period", required_argument, nullptr, OPT_STATS_PERIOD},
	{"total-num-mbufs", required_argument, nullptr, OPT_TOTAL_MBUFS},
	{"mbuf-size", required_argument, nullptr, OPT_MBUF_SIZE},
	{"mbcache", required_argument, nullptr, OPT_MBCACHE},
	{"mp-alloc", required_argument, nullptr, OPT_MP_ALLOC},
	{"mp-anon", no_argument, nullptr, OPT_MP_ANON},
	{"rx-mem-check", no_argument, nullptr, OPT_RX_MEM_CHECK},
	{"nb-cores", required_argument, nullptr, OPT_NB_CORES},
	{"nb-ports", required_argument, nullptr, OPT_NB_PORTS},
	{"portmask", required_argument, nullptr, OPT_PORTMASK},
	{"coremask", required_argument, nullptr, OPT_COREMASK},
	{"rxq", required_argument, nullptr, OPT_RXQ},
	{"txq", required_argument, nullptr, OPT_TXQ},
	{"rxd", required_argument, nullptr, OPT_RXD},
	{"txd", required_argument, nullptr, OPT_TXD},
	{"burst", required_argument, nullptr, OPT_BURST},
	{"forward-mode", required_argument, nullptr, OPT_FWD_MODE},
	{"port-topology", required_argument, nullptr, OPT_TOPOLOGY},
	{"eth-peer", required_argument, nullptr, OPT_ETH_PEER},
	{"txpkts", required_argument, nullptr, OPT_TXPKTS},
	{"no-numa", no_argument, nullptr, OPT_NO_NUMA},
	{"no-flush-rx", no_argument, nullptr, OPT_NO_FLUSH_RX},
	{"numa", no_argument, nullptr, OPT_NUMA},
	{"socket-num", required_argument, nullptr, OPT_SOCKET_NUM},
	{"tx-offloads", required_argument, nullptr, OPT_TX_OFFLOADS},
	{nullptr, 0, nullptr, 0},
};

int
bad_value(const char *opt, const char *value, const char *expected)
{
	fprintf(stderr, "testpmd: invalid --%s value '%s': expected %s\n", opt, value, expected);
	return -1;
}

/* Reads an integer option into *out; prints the error itself. */
bool
uint_opt(const char *opt, uint64_t lo, uint64_t hi, uint64_t *out)
{
	uint64_t v;
	if (!parse_uint(optarg, hi, &v) || v < lo) {
		char expected[96];
		snprintf(expected, sizeof(expected), "an integer in %llu..%llu",
			 (unsigned long long)lo, (unsigned long long)hi);
		bad_value(opt, optarg, expected);
		return false;
	}
	*out = v;
	return true;
}

/* Returned by a group parser for an option of another group. */
constexpr int not_mine = 1;

int
parse_mp_alloc(const char *value)
{
	if (strcmp(value, "native") == 0)
		cfg.mp_alloc = mp_alloc::native;
	else if (strcmp(value, "anon") == 0)
		cfg.mp_alloc = mp_alloc::anon;
	else if (strcmp(value, "xmem") == 0)
		cfg.mp_alloc = mp_alloc::xmem;
	else if (strcmp(value, "xmemhuge") == 0)
		cfg.mp_alloc = mp_alloc::xmemhuge;
	else
		return bad_value("mp-alloc", value, "native, anon, xmem or xmemhuge");
	return 0;
}

int
parse_topology(const char *value)
{
	if (strcmp(value, "paired") == 0)
		cfg.topology = topology::paired;
	else if (strcmp(value, "chained") == 0)
		cfg.topology = topology::chained;
	else if (strcmp(value, "loop") == 0)
		cfg.topology = topology::loop;
	else
		return bad_value("port-topology", value, "paired, chained or loop");
	return 0;
}

int
parse_eth_peer(const char *value)
{
	const char *comma = strchr(value, ',');
	std::string port(value, comma ? (size_t)(comma - value) : strlen(value));
	uint64_t v;
	if (comma == nullptr || !parse_uint(port.c_str(), max_ports - 1, &v) ||
	    !parse_mac(comma + 1, &cfg.peer[v]))
		return bad_value("eth-peer", value, "PORT,XX:XX:XX:XX:XX:XX with PORT below 32");
	cfg.peer_set[v] = true;
	return 0;
}

int
parse_txpkts(const char *value)
{
	unsigned total = 0;
	if (!parse_len_list(value, cfg.tx_seg_len, max_segs, &cfg.nb_tx_segs, 1, UINT16_MAX))
		return bad_value("txpkts", value, "1 to 8 segment lengths, comma separated");
	for (unsigned i = 0; i < cfg.nb_tx_segs; i++)
		total += cfg.tx_seg_len[i];
	if (cfg.tx_seg_len[0] < 42 || total > UINT16_MAX)
		return bad_value("txpkts", value,
				 "a first segment of at least 42 bytes (Ethernet+IPv4+UDP)"
				 " and a total below 65536");
	return 0;
}

/* Options without a value. */
int
parse_flag_opt(int opt)
{
	switch (opt) {
	case 'i': cfg.interactive = true; break;
	case 'a': cfg.auto_start = true; break;
	case OPT_TX_FIRST: cfg.tx_first = true; break;
	case OPT_MP_ANON: cfg.mp_alloc = mp_alloc::anon; break;
	case OPT_RX_MEM_CHECK: cfg.rx_mem_check = true; break;
	case OPT_NO_NUMA: cfg.numa = false; break;
	case OPT_NO_FLUSH_RX: break; /* what dpkit-testpmd always does */
	case OPT_NUMA: cfg.numa = true; break;
	default: return not_mine;
	}
	return 0;
}

/* Mbuf pools: sizes, counts, cache, memory. */
int
parse_pool_opt(int opt)
{
	uint64_t v;
	switch (opt) {
	case OPT_TOTAL_MBUFS:
		if (!uint_opt("total-num-mbufs", 1, 1u << 31, &v))
			return -1;
		cfg.total_num_mbufs = (unsigned)v;
		return 0;
	case OPT_MBUF_SIZE:
		if (!parse_len_list(optarg, cfg.mbuf_seg_size, max_pools, &cfg.nb_mbuf_sizes,
				    RTE_PKTMBUF_HEADROOM + 64, UINT16_MAX))
			return bad_value("mbuf-size", optarg,
					 "1 to 4 sizes, each 192..65535, comma separated");
		return 0;
	case OPT_MBCACHE:
		if (!uint_opt("mbcache", 0, RTE_MEMPOOL_CACHE_MAX_SIZE, &v))
			return -1;
		cfg.mbcache = (unsigned)v;
		return 0;
	case OPT_MP_ALLOC: return parse_mp_alloc(optarg);
	case OPT_SOCKET_NUM:
		if (!uint_opt("socket-num", 0, RTE_MAX_NUMA_NODES - 1, &v))
			return -1;
		cfg.socket_num = (int)v;
		return 0;
	default: return not_mine;
	}
}

/* Which lcores and ports forward, and their queues. */
int
parse_port_opt(int opt)
{
	uint64_t v;
	switch (opt) {
	case OPT_NB_CORES:
		if (!uint_opt("nb-cores", 1, RTE_MAX_LCORE, &v))
			return -1;
		cfg.nb_fwd_cores = (unsigned)v;
		return 0;
	case OPT_NB_PORTS:
		if (!uint_opt("nb-ports", 1, max_ports, &v))
			return -1;
		cfg.nb_fwd_ports = (unsigned)v;
		return 0;
	case OPT_PORTMASK:
		if (!parse_uint(optarg, UINT64_MAX, &cfg.portmask) || cfg.portmask == 0)
			return bad_value("portmask", optarg,
					 "a non-zero hexadecimal mask such as 0x3");
		return 0;
	case OPT_COREMASK:
		if (!parse_uint(optarg, UINT64_MAX, &cfg.coremask) || cfg.coremask == 0)
			return bad_value(
				"coremask", optarg,
				"a non-zero hexadecimal mask of worker lcores such as 0x2");
		return 0;
	case OPT_RXQ:
	case OPT_TXQ:
		if (!uint_opt(opt == OPT_RXQ ? "rxq" : "txq", 1, max_queues, &v))
			return -1;
		(opt == OPT_RXQ ? cfg.nb_rxq : cfg.nb_txq) = (uint16_t)v;
		return 0;
	case OPT_RXD:
	case OPT_TXD:
		if (!uint_opt(opt == OPT_RXD ? "rxd" : "txd", 1, 32768, &v))
			return -1;
		(opt == OPT_RXD ? cfg.nb_rxd : cfg.nb_txd) = (uint16_t)v;
		return 0;
	case OPT_TX_OFFLOADS:
		if (!parse_uint(optarg, UINT64_MAX, &cfg.tx_offloads))
			return bad_value(
				"tx-offloads", optarg,
				"a mask of RTE_ETH_TX_OFFLOAD_* bits such as 0x0 or 0x10000");
		return 0;
	default: return not_mine;
	}
}

/* What is forwarded and how: engine, topology, bursts, generated packets. */
int
parse_traffic_opt(int opt)
{
	uint64_t v;
	switch (opt) {
	case OPT_STATS_PERIOD:
		if (!uint_opt("stats-period", 0, 86400, &v))
			return -1;
		cfg.stats_period = (unsigned)v;
		return 0;
	case OPT_BURST:
		if (!uint_opt("burst", 1, max_burst, &v))
			return -1;
		cfg.burst = (uint16_t)v;
		return 0;
	case OPT_FWD_MODE:
		if (find_engine(optarg) == nullptr)
			return bad_value("forward-mode", optarg, engine_names(", ").c_str());
		cfg.fwd_mode = optarg;
		return 0;
	case OPT_TOPOLOGY: return parse_topology(optarg);
	case OPT_ETH_PEER: return parse_eth_peer(optarg);
	case OPT_TXPKTS: return parse_txpkts(optarg);
	default: return not_mine;
	}
}

/* One option from getopt_long: 0, -1 after printing the error, or not_mine. */
int
parse_one(int opt)
{
	int (*const groups[])(int) = {parse_flag_opt, parse_pool_opt, parse_port_opt,
				      parse_traffic_opt};
	for (auto group : groups) {
		int ret = group(opt);
		if (ret != not_mine)
			return ret;
	}
	return not_mine;
}

} /* namespace */

int
parse_args(int argc, char **argv, const char *prog)
{
	int opt, idx;

	opterr = 0; /* we print our own one-line errors */
	optind = 0; /* glibc: full re-initialisation (the EAL used getopt too) */
	while ((opt = getopt_long(argc, argv, ":iah", long_opts, &idx)) != -1) {
		if (opt == 'h') {
			print_usage(prog);
			return 1;
		}
		if (opt == ':') {
			fprintf(stderr, "testpmd: option %s needs a value (%s=VALUE); see -h\n",
				argv[optind - 1], argv[optind - 1]);
			return -1;
		}
		int ret = parse_one(opt);
		if (ret == not_mine) {
			fprintf(stderr, "testpmd: unknown option '%s'; see -h for the list\n",
				argv[optind - 1]);
			return -1;
		}
		if (ret != 0)
			return -1;
	}
	if (optind < argc) {
		fprintf(stderr,
			"testpmd: unexpected argument '%s'; options take the form "
			"--name=value (see -h)\n",
			argv[optind]);
		return -1;
	}
	if (cfg.auto_start && !cfg.interactive)
		cfg.auto_start = false; /* without -i forwarding starts anyway */
	return 0;
}

} /* namespace testpmd */
