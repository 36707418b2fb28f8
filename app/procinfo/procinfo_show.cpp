/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The printers of dpkit-procinfo. Everything is read in place in the
 * primary's shared memory while the primary runs, so counts move under
 * us: each line is a snapshot, not a consistent cut across lines.
 * One line per object, "key value" pairs, so scripts can split it.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <set>
#include <string>
#include <vector>

#include <rte_eal_memconfig.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_tailq.h>

#include "procinfo.h"

namespace dpkit::procinfo {

namespace {

void
collect_pool_name(struct rte_mempool *mp, void *arg)
{
	static_cast<std::vector<std::string> *>(arg)->emplace_back(mp->name);
}

/* "lcore N: len/size" for each lcore whose cache holds objects. */
void
print_cache_fill(const struct rte_mempool *mp)
{
	if (mp->cache_size == 0 || mp->local_cache == nullptr) {
		printf("  cache: none\n");
		return;
	}
	unsigned total = 0, shown = 0;
	printf("  cache (size %u):", mp->cache_size);
	for (unsigned l = 0; l < RTE_MAX_LCORE; l++) {
		unsigned len = __atomic_load_n(&mp->local_cache[l].len, __ATOMIC_RELAXED);
		if (len == 0)
			continue;
		printf("%s lcore %u %u", shown++ ? "," : "", l, len);
		total += len;
	}
	printf("%s total %u\n", shown ? ";" : " every lcore empty;", total);
}

void
print_pool(const struct rte_mempool *mp)
{
	const struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);
	unsigned avail = rte_mempool_avail_count(mp);
	printf("mempool %s: size %u avail %u in_use %u populated %u chunks %u elt_size %u "
	       "socket %d ops %s flags 0x%x\n",
	       mp->name, mp->size, avail, mp->size - avail, mp->populated_size, mp->nb_mem_chunks,
	       mp->elt_size, mp->socket_id, ops != nullptr ? ops->name : "?", mp->flags);
	print_cache_fill(mp);
}

void
print_ring(const struct rte_ring *r)
{
	printf("ring %s: size %u capacity %u count %u free %u flags 0x%x\n", r->name, r->size,
	       r->capacity, rte_ring_count(r), rte_ring_free_count(r), r->flags);
}

void
collect_memzone(const struct rte_memzone *mz, void *arg)
{
	static_cast<std::vector<struct rte_memzone> *>(arg)->push_back(*mz);
}

void
print_memzone(const struct rte_memzone &mz)
{
	printf("memzone %s: len %zu addr %p iova 0x%" PRIx64 " socket %d page_size %" PRIu64
	       " flags 0x%x\n",
	       mz.name, mz.len, mz.addr, (uint64_t)mz.iova, mz.socket_id, mz.hugepage_sz, mz.flags);
}

int
collect_socket(const struct rte_memseg_list *msl, void *arg)
{
	static_cast<std::set<int> *>(arg)->insert(msl->socket_id);
	return 0;
}

int
port_reset(uint16_t p, const options &o)
{
	int r = 0;
	if (o.stats_reset)
		r = rte_eth_stats_reset(p);
	if (r == 0 && o.xstats_reset)
		r = rte_eth_xstats_reset(p);
	if (r != 0) {
		fprintf(stderr, "dpkit-procinfo: port %u: reset failed: %s\n", p, strerror(-r));
		return 1;
	}
	printf("port %u: statistics reset\n", p);
	return 0;
}

int
port_xstats(uint16_t p)
{
	int n = rte_eth_xstats_get_names(p, nullptr, 0);
	if (n < 0)
		return 1;
	std::vector<struct rte_eth_xstat_name> names((size_t)n);
	std::vector<struct rte_eth_xstat> vals((size_t)n);
	if (rte_eth_xstats_get_names(p, names.data(), (unsigned)n) != n ||
	    rte_eth_xstats_get(p, vals.data(), (unsigned)n) != n)
		return 1;
	for (int i = 0; i < n; i++)
		printf("  %s %" PRIu64 "\n", names[(size_t)vals[(size_t)i].id].name,
		       vals[(size_t)i].value);
	return 0;
}

int
port_show(uint16_t p, const options &o)
{
	char name[RTE_ETH_NAME_MAX_LEN] = "";
	rte_eth_dev_get_name_by_port(p, name);
	if (o.stats_reset || o.xstats_reset)
		return port_reset(p, o);
	struct rte_eth_stats s;
	if (rte_eth_stats_get(p, &s) != 0) {
		fprintf(stderr, "dpkit-procinfo: port %u (%s): no statistics\n", p, name);
		return 1;
	}
	printf("port %u %s: rx_packets %" PRIu64 " rx_bytes %" PRIu64 " rx_missed %" PRIu64
	       " rx_errors %" PRIu64 " rx_nombuf %" PRIu64 " tx_packets %" PRIu64
	       " tx_bytes %" PRIu64 " tx_errors %" PRIu64 "\n",
	       p, name, s.ipackets, s.ibytes, s.imissed, s.ierrors, s.rx_nombuf, s.opackets,
	       s.obytes, s.oerrors);
	return o.xstats ? port_xstats(p) : 0;
}

} // namespace

int
show_pools(const options &o)
{
	std::vector<std::string> names;
	if (o.pool_name.empty())
		rte_mempool_walk(collect_pool_name, &names);
	else
		names.push_back(o.pool_name);
	/* the lookup, not the walk, matches this process's handler table to
	 * the pool (ops_index) before its count is read */
	std::vector<const struct rte_mempool *> pools;
	for (const std::string &n : names) {
		const struct rte_mempool *mp = rte_mempool_lookup(n.c_str());
		if (mp == nullptr) {
			fprintf(stderr,
				"dpkit-procinfo: no mempool named '%s' in the primary "
				"process; run --show-mempool to list them\n",
				n.c_str());
			return 1;
		}
		pools.push_back(mp);
	}
	printf("== mempools: %zu ==\n", pools.size());
	for (const struct rte_mempool *mp : pools)
		print_pool(mp);
	return 0;
}

TAILQ_HEAD(procinfo_ring_list, rte_tailq_entry);

int
show_rings(const options &o)
{
	if (!o.ring_name.empty()) {
		const struct rte_ring *r = rte_ring_lookup(o.ring_name.c_str());
		if (r == nullptr) {
			fprintf(stderr,
				"dpkit-procinfo: no ring named '%s' in the primary "
				"process; run --show-ring to list them\n",
				o.ring_name.c_str());
			return 1;
		}
		printf("== rings: 1 ==\n");
		print_ring(r);
		return 0;
	}
	procinfo_ring_list *list = RTE_TAILQ_LOOKUP(RTE_TAILQ_RING_NAME, procinfo_ring_list);
	if (list == nullptr) {
		fprintf(stderr, "dpkit-procinfo: no ring list (%s) in the primary process\n",
			RTE_TAILQ_RING_NAME);
		return 1;
	}
	std::vector<const struct rte_ring *> rings;
	rte_mcfg_tailq_read_lock();
	struct rte_tailq_entry *te;
	TAILQ_FOREACH(te, list, next)
	rings.push_back(static_cast<const struct rte_ring *>(te->data));
	rte_mcfg_tailq_read_unlock();
	printf("== rings: %zu ==\n", rings.size());
	for (const struct rte_ring *r : rings)
		print_ring(r);
	return 0;
}

int
show_memzones()
{
	/* copies, printed after the walk: the walk holds the memzone lock */
	std::vector<struct rte_memzone> zones;
	rte_memzone_walk(collect_memzone, &zones);
	printf("== memzones: %zu ==\n", zones.size());
	for (const struct rte_memzone &mz : zones)
		print_memzone(mz);
	return 0;
}

int
show_heaps()
{
	std::set<int> sockets;
	rte_memseg_list_walk(collect_socket, &sockets);
	printf("== heaps: %zu ==\n", sockets.size());
	for (int s : sockets) {
		struct rte_malloc_socket_stats st;
		if (rte_malloc_get_socket_stats(s, &st) != 0)
			continue;
		printf("heap socket %d%s: total %zu free %zu alloc %zu greatest_free %zu "
		       "free_blocks %u alloc_blocks %u\n",
		       s, rte_malloc_heap_socket_is_external(s) == 1 ? " (external)" : "",
		       st.heap_totalsz_bytes, st.heap_freesz_bytes, st.heap_allocsz_bytes,
		       st.greatest_free_size, st.free_count, st.alloc_count);
	}
	return 0;
}

int
show_ports(const options &o)
{
	unsigned n = rte_eth_dev_count_avail();
	printf("== ports: %u ==\n", n);
	if (n == 0) {
		printf("ports: none visible in this secondary process (the primary has none, "
		       "or none this process can attach)\n");
		return 0;
	}
	int problems = 0;
	uint16_t p;
	RTE_ETH_FOREACH_DEV(p)
	{
		if (p < 64 && !(o.portmask & (1ULL << p)))
			continue;
		problems += port_show(p, o);
	}
	return problems;
}

} // namespace dpkit::procinfo
