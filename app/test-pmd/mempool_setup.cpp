/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mbuf pools, one per socket in use (and per --mbuf-size entry).
 *
 * native:   rte_pktmbuf_pool_create() on EAL memory; the reworked mempool
 *           spreads the pool over as many memory chunks as it needs.
 * anon:     rte_mempool_create_empty() + rte_mempool_populate_anon(): the
 *           library maps the anonymous memory itself (the seed series moved
 *           this out of testpmd; nothing of it is re-implemented here).
 * xmem:     memory testpmd maps itself (4 KB pages), handed to the pool
 *           with rte_mempool_populate_iova().
 * xmemhuge: the same on hugepages testpmd maps itself (MAP_HUGETLB), one
 *           chunk per hugepage with its physical address when IOVA is PA.
 * Non-native pools are then initialised as pktmbuf pools with
 * rte_pktmbuf_pool_init() and rte_mempool_obj_iter(rte_pktmbuf_init).
 *
 * Every pool gets ONE summary line (mbufs, chunks, bytes, time) instead of
 * any per-page message, and on quit every pool must be full again.
 */

#include <errno.h>
#include <inttypes.h>
#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <set>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_memory.h>

#include "testpmd.h"

namespace testpmd {

namespace {

struct pool_slot {
	int socket;
	struct rte_mempool *mp;
};
std::vector<pool_slot> pools; /* first entry per socket is the RX pool */

constexpr size_t huge_page = 2u << 20;

/* One mapping shared by several chunks: unmapped when the last goes. */
struct mapping {
	void *addr;
	size_t len;
	unsigned chunks;
};

void
unmap_chunk(struct rte_mempool_memhdr *, void *opaque)
{
	mapping *m = static_cast<mapping *>(opaque);
	if (--m->chunks == 0) {
		munmap(m->addr, m->len);
		delete m;
	}
}

void
count_chunk(struct rte_mempool *, void *opaque, struct rte_mempool_memhdr *memhdr, unsigned)
{
	auto *acc = static_cast<std::pair<unsigned, size_t> *>(opaque);
	acc->first++;
	acc->second += memhdr->len;
}

/* Maps len bytes for xmem/xmemhuge and populates mp from them. Returns the
 * number of objects added, or -errno after printing the reason. */
int
populate_own_memory(struct rte_mempool *mp, bool huge, const char **how)
{
	size_t elt = mp->header_size + mp->elt_size + mp->trailer_size;
	size_t page = huge ? huge_page : 4096;
	size_t per_page = page / elt;
	bool pa = rte_eal_iova_mode() == RTE_IOVA_PA;
	bool per_page_chunks = huge && pa && per_page > 0;
	/* The pool may refuse to let an object straddle one of the pages it
	 * believes in (rte_mempool_get_page_size), so size the mapping for that
	 * placement, then round up to whole pages of our own mapping. */
	size_t mp_page = 0;
	rte_mempool_get_page_size(mp, &mp_page);
	size_t need = mp->size * elt;
	if (mp_page != 0 && elt <= mp_page)
		need = (mp->size + mp_page / elt - 1) / (mp_page / elt) * mp_page;
	size_t align = RTE_MAX(mp_page, (size_t)RTE_CACHE_LINE_SIZE);
	size_t len = per_page_chunks ? (mp->size + per_page - 1) / per_page * page
				     : RTE_ALIGN_CEIL(need + align, page);
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (huge ? MAP_HUGETLB : 0);
	void *addr = mmap(nullptr, len, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (addr == MAP_FAILED) {
		printf("Cannot map %zu MB of %s for %s: %s; %s\n", len >> 20,
		       huge ? "2 MB hugepages" : "memory", mp->name, strerror(errno),
		       huge ? "reserve more hugepages or use --mp-alloc=xmem"
			    : "lower --total-num-mbufs");
		return -ENOMEM;
	}
	mapping *m = new mapping{addr, len, 0};
	char *base = static_cast<char *>(addr);
	int added = 0;

	if (per_page_chunks) {
		for (size_t off = 0; off < len && mp->populated_size < mp->size; off += page) {
			base[off] = 0; /* fault the page in so it has a frame */
			rte_iova_t iova = rte_mem_virt2phy(base + off);
			if (iova == RTE_BAD_IOVA && off == 0) {
				per_page_chunks = false; /* not allowed to read PAs */
				break;
			}
			m->chunks++;
			int ret = rte_mempool_populate_iova(mp, base + off, iova, page, unmap_chunk,
							    m);
			if (ret < 0) {
				m->chunks--;
				break;
			}
			added += ret;
		}
		*how = "one chunk per 2 MB hugepage, IOVA = physical address";
	}
	if (!per_page_chunks) {
		rte_iova_t iova = pa ? RTE_BAD_IOVA : (rte_iova_t)(uintptr_t)addr;
		m->chunks = 1;
		int ret = rte_mempool_populate_iova(mp, base, iova, len, unmap_chunk, m);
		if (ret <= 0) {
			munmap(addr, len);
			delete m;
			printf("rte_mempool_populate_iova(%s, %zu bytes) failed: %s\n", mp->name,
			       len, rte_strerror(ret < 0 ? -ret : rte_errno));
			return ret < 0 ? ret : -ENOMEM;
		}
		added = ret;
		*how = pa ? "one chunk, IOVA unknown (pages not physically contiguous)"
			  : "one chunk, IOVA = virtual address";
	}
	if (m->chunks == 0) {
		munmap(addr, len);
		delete m;
	}
	return added;
}

/* Pool filled by something other than rte_pktmbuf_pool_create(). */
struct rte_mempool *
create_pool_by_hand(const char *name, unsigned n, uint16_t seg_size, int socket, const char **how)
{
	rte_pktmbuf_pool_private priv{};
	priv.mbuf_data_room_size = seg_size;
	priv.mbuf_priv_size = 0;
	struct rte_mempool *mp = rte_mempool_create_empty(
		name, n, sizeof(struct rte_mbuf) + seg_size, cfg.mbcache,
		sizeof(struct rte_pktmbuf_pool_private), socket, 0);
	if (mp == nullptr)
		return nullptr;
	const char *ops = rte_mbuf_best_mempool_ops();
	int ret = rte_mempool_set_ops_byname(mp, ops, nullptr);
	if (ret != 0) {
		printf("%s: mempool ops '%s' not available: %s\n", name, ops, rte_strerror(-ret));
		rte_mempool_free(mp);
		rte_errno = -ret;
		return nullptr;
	}
	rte_pktmbuf_pool_init(mp, &priv);
	if (cfg.mp_alloc == mp_alloc::anon) {
		ret = rte_mempool_populate_anon(mp) > 0 ? 0 : -rte_errno;
		*how = "anonymous memory mapped by rte_mempool_populate_anon";
	} else {
		ret = populate_own_memory(mp, cfg.mp_alloc == mp_alloc::xmemhuge, how);
		ret = ret > 0 ? 0 : (ret < 0 ? ret : -ENOMEM);
	}
	if (ret == 0 && mp->populated_size < mp->size) {
		printf("%s: only %u of %u mbufs fit in the memory given to the pool\n", name,
		       mp->populated_size, mp->size);
		ret = -ENOMEM;
	}
	if (ret != 0) {
		rte_mempool_free(mp);
		rte_errno = ret < 0 ? -ret : ENOMEM;
		return nullptr;
	}
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, nullptr);
	return mp;
}

std::set<int>
sockets_in_use()
{
	std::set<int> s;
	if (cfg.socket_num >= 0) {
		s.insert(cfg.socket_num);
		return s;
	}
	if (!cfg.numa) {
		s.insert(0);
		return s;
	}
	uint16_t pid;
	RTE_ETH_FOREACH_DEV(pid)
	{
		int sock = rte_eth_dev_socket_id(pid);
		s.insert(sock < 0 ? 0 : sock);
	}
	for (unsigned lc : worker_lcores())
		s.insert((int)rte_lcore_to_socket_id(lc));
	if (s.empty())
		s.insert((int)rte_socket_id());
	return s;
}

} /* namespace */

unsigned
default_nb_mbufs()
{
	/* Enough for every RX and TX queue filled to the largest ring (or the
	 * --rxd/--txd given, if larger), every forwarding lcore's cache and one
	 * burst in flight, for as many ports as ethdev can have. With one queue
	 * each, this is DPDK testpmd's default (155,456 mbufs with one lcore). */
	unsigned lcores = std::min<size_t>(cfg.nb_fwd_cores, worker_lcores().size());
	if (lcores == 0)
		lcores = 1;
	unsigned rx = cfg.nb_rxq * std::max<unsigned>(desc_max, cfg.nb_rxd);
	unsigned tx = cfg.nb_txq * std::max<unsigned>(desc_max, cfg.nb_txd);
	return (rx + lcores * cfg.mbcache + tx + max_burst) * max_ports;
}

int
create_pools()
{
	unsigned n = cfg.total_num_mbufs ? cfg.total_num_mbufs : default_nb_mbufs();
	for (int socket : sockets_in_use()) {
		for (unsigned i = 0; i < cfg.nb_mbuf_sizes; i++) {
			char name[RTE_MEMPOOL_NAMESIZE];
			if (i == 0)
				snprintf(name, sizeof(name), "mb_pool_%d", socket);
			else
				snprintf(name, sizeof(name), "mb_pool_%d_%u", socket, i);
			uint16_t seg = cfg.mbuf_seg_size[i];
			printf("testpmd: create a new mbuf pool <%s>: n=%u, size=%u, socket=%d\n",
			       name, n, seg, socket);
			auto t0 = std::chrono::steady_clock::now();
			const char *how = "EAL memory (rte_pktmbuf_pool_create)";
			struct rte_mempool *mp;
			if (cfg.mp_alloc == mp_alloc::native)
				mp = rte_pktmbuf_pool_create(name, n, cfg.mbcache, 0, seg, socket);
			else
				mp = create_pool_by_hand(name, n, seg, socket, &how);
			if (mp == nullptr) {
				printf("Creation of mbuf pool %s (%u mbufs of %u bytes, socket %d, "
				       "--mp-alloc=%s) failed: %s; lower --total-num-mbufs, raise -m "
				       "or reserve more hugepages\n",
				       name, n, seg, socket, mp_alloc_name(cfg.mp_alloc),
				       rte_strerror(rte_errno));
				return -1;
			}
			double ms = std::chrono::duration<double, std::milli>(
					    std::chrono::steady_clock::now() - t0)
					    .count();
			std::pair<unsigned, size_t> acc{0, 0};
			rte_mempool_mem_iter(mp, count_chunk, &acc);
			printf("testpmd: %s: %u mbufs in %u memory chunk%s, %zu MB, %s, "
			       "ops %s, %.0f ms\n",
			       name, mp->size, acc.first, acc.first == 1 ? "" : "s",
			       acc.second >> 20, how, rte_mempool_get_ops(mp->ops_index)->name, ms);
			pools.push_back({socket, mp});
		}
	}
	return 0;
}

struct rte_mempool *
pool_for_socket(int socket)
{
	for (const pool_slot &p : pools)
		if (p.socket == socket)
			return p.mp;
	return pools.empty() ? nullptr : pools.front().mp;
}

/* Free mbufs in @p mp, not capped at its size as rte_mempool_avail_count
 * is: an mbuf freed twice shows as one more than the pool holds. */
static uint64_t
pool_free_objects(const struct rte_mempool *mp)
{
	uint64_t n = rte_mempool_ops_get_count(mp);
	if (mp->cache_size != 0)
		for (unsigned lcore = 0; lcore < RTE_MAX_LCORE; lcore++)
			n += mp->local_cache[lcore].len;
	return n;
}

int
check_and_free_pools()
{
	int missing = 0;
	for (const pool_slot &p : pools) {
		uint64_t avail = pool_free_objects(p.mp);
		if (avail > p.mp->size) {
			printf("Error: %s holds %" PRIu64 " free mbufs, more than its %u: "
			       "mbufs freed twice by a driver or an engine\n",
			       p.mp->name, avail, p.mp->size);
			missing += (int)(avail - p.mp->size);
		} else if (avail != p.mp->size) {
			printf("Warning: %" PRIu64 " mbufs missing from %s (%" PRIu64 " of %u "
			       "available): leaked by a driver or an engine\n",
			       p.mp->size - avail, p.mp->name, avail, p.mp->size);
			missing += (int)(p.mp->size - avail);
		} else {
			printf("%s: all %u mbufs back in the pool\n", p.mp->name, p.mp->size);
		}
		rte_mempool_free(p.mp);
	}
	pools.clear();
	return missing;
}

} /* namespace testpmd */
