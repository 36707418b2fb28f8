/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * fault_autotest: every memory reservation a constructor makes is made to
 * fail in turn, and each time the constructor must fail with a clear error
 * (or a fallback must absorb the fault and still deliver a correct object)
 * and leave no memzone, page, heap block, pool, port or fd behind.
 *
 * For each scenario: one warm-up run settles the heaps (a heap keeps its
 * last page), the footprint is taken, a counting run records how many
 * reservations of each kind a good run makes, then for every kind and
 * every call number N the N-th call fails — once (a transient failure) and
 * from N on (memory running out mid-way). Needs -Dfault_injection=true.
 */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bit>
#include <string>
#include <vector>

#include <rte_bus_vdev.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "eal_fault.h"
#include <eal_lent_cpus.h>

#include "test.h"
#include "test_fault.h"

/* ---- footprint (shared with test_fault_limits.cpp) ---- */

fault_footprint
fault_footprint_now()
{
	fault_footprint f{};
	rte_memzone_walk([](const rte_memzone *, void *arg) { ++*(unsigned *)arg; }, &f.memzones);
	rte_memseg_walk(
		[](const rte_memseg_list *msl, const rte_memseg *, void *arg) {
		if (!msl->external)
			++*(unsigned *)arg;
		return 0;
		},
		&f.pages);
	f.physmem = rte_eal_get_physmem_size();
	for (int s = 0; s < RTE_MAX_NUMA_NODES + RTE_MAX_HEAPS; s++) {
		rte_malloc_socket_stats st;
		if (rte_malloc_get_socket_stats(s, &st) != 0)
			continue;
		f.heap_total += st.heap_totalsz_bytes;
		f.heap_alloc += st.heap_allocsz_bytes;
		f.heap_blocks += st.alloc_count;
	}
	rte_mempool_walk([](rte_mempool *, void *arg) { ++*(unsigned *)arg; }, &f.mempools);
	f.ports = rte_eth_dev_count_total();
	if (DIR *d = opendir("/proc/self/fd")) {
		while (struct dirent *e = readdir(d))
			if (e->d_name[0] != '.')
				f.fds++;
		closedir(d);
	}
	return f;
}

std::string
fault_footprint_diff(const fault_footprint &a, const fault_footprint &b)
{
	std::string out;
	auto field = [&](const char *name, unsigned long long x, unsigned long long y) {
		char buf[96];
		if (x != y) {
			snprintf(buf, sizeof(buf), "%s%s %llu -> %llu", out.empty() ? "" : ", ",
				 name, x, y);
			out.append(buf);
		}
	};
	field("memzones", a.memzones, b.memzones);
	field("pages", a.pages, b.pages);
	field("physmem", a.physmem, b.physmem);
	field("heap bytes", a.heap_total, b.heap_total);
	field("heap bytes in use", a.heap_alloc, b.heap_alloc);
	field("heap blocks in use", a.heap_blocks, b.heap_blocks);
	field("mempools", a.mempools, b.mempools);
	field("ports", a.ports, b.ports);
	field("fds", a.fds, b.fds);
	return out;
}

#ifdef RTE_FAULT_INJECTION

namespace {

/* What a scenario run reports: kOk (built, checked, destroyed), a positive
 * errno (the constructor failed with it), or one of the verdicts below. */
constexpr int kOk = 0;
constexpr int kNoErrno = -1; /* failed without saying why */
constexpr int kBroken = -2;  /* "succeeded" with a wrong object, or cleanup failed */

int
failed_with(int err)
{
	if (err < 0)
		err = -err;
	return err > 0 ? err : kNoErrno;
}

/* A pool of about 4 MB: more than the page a heap keeps, so building it
 * maps pages every time and the memseg and mmap hooks are on its path. */
constexpr unsigned kObjs = 2047;
constexpr unsigned kEltSize = 2000;
const char *const kPool = "flt_pool";

rte_mempool *g_mbufs; /* for the ethdev scenarios; part of the baseline */

/* Every object of a full pool can be taken once, written and given back. */
int
check_full_pool(rte_mempool *mp)
{
	if (mp->size == 0 || rte_mempool_avail_count(mp) != mp->size) {
		printf("  pool %s: %u of %u objects available\n", mp->name,
		       rte_mempool_avail_count(mp), mp->size);
		return kBroken;
	}
	/* one at a time: a bulk larger than the cache bypasses what the cache holds */
	std::vector<void *> objs(mp->size);
	for (unsigned i = 0; i < mp->size; i++) {
		if (rte_mempool_get(mp, &objs[i]) != 0) {
			printf("  pool %s: only %u of %u objects could be taken\n", mp->name, i,
			       mp->size);
			rte_mempool_put_bulk(mp, objs.data(), i);
			return kBroken;
		}
		memset(objs[i], 0xa5, mp->elt_size);
	}
	bool empty = rte_mempool_avail_count(mp) == 0;
	for (void *o : objs)
		rte_mempool_put(mp, o);
	if (!empty || rte_mempool_avail_count(mp) != mp->size) {
		printf("  pool %s: counts wrong after get/put of every object\n", mp->name);
		return kBroken;
	}
	return kOk;
}

int
finish_pool(rte_mempool *mp, int populated)
{
	int r = populated == (int)mp->size ? check_full_pool(mp) : kBroken;
	if (populated != (int)mp->size)
		printf("  pool %s: populate gave %d objects, %u wanted\n", mp->name, populated,
		       mp->size);
	rte_mempool_free(mp);
	return r;
}

/* ---- scenarios ---- */

int
sc_mempool_create(void)
{
	rte_mempool *mp = rte_mempool_create(kPool, kObjs, kEltSize, 32, 0, nullptr, nullptr,
					     nullptr, nullptr, SOCKET_ID_ANY, 0);
	if (mp == nullptr)
		return failed_with(rte_errno);
	return finish_pool(mp, (int)mp->populated_size);
}

/* Constructor of the pipelined pool: counts and stores the index. */
void
count_and_store_index(rte_mempool *, void *arg, void *obj, unsigned idx)
{
	(*static_cast<unsigned *>(arg))++;
	*static_cast<uint32_t *>(obj) = idx;
}

void
count_misplaced(rte_mempool *, void *arg, void *obj, unsigned idx)
{
	if (*static_cast<uint32_t *>(obj) != idx)
		(*static_cast<unsigned *>(arg))++;
}

/* A pool large enough (142 MB) for populate_default to reserve its zones
 * on a helper thread while laying out (mempool_zone_pipeline.cpp): faults
 * hit the helper's reservations and the layout running beside them. */
int
sc_pipelined_pool(void)
{
	unsigned ctor_calls = 0;
	rte_mempool *mp;
	{
		dpkit::bulk_work_load_ignored pipelined; /* runs only with a CPU idle */
		mp = rte_mempool_create(kPool, 70000, kEltSize, 32, 0, nullptr, nullptr,
					count_and_store_index, &ctor_calls, SOCKET_ID_ANY, 0);
	}
	if (mp == nullptr)
		return failed_with(rte_errno);
	unsigned misplaced = 0;
	rte_mempool_obj_iter(mp, count_misplaced, &misplaced);
	if (ctor_calls != mp->size || misplaced != 0) {
		printf("  pool %s: %u constructor calls for %u objects, %u with another index\n",
		       mp->name, ctor_calls, mp->size, misplaced);
		rte_mempool_free(mp);
		return kBroken;
	}
	return finish_pool(mp, (int)mp->populated_size);
}

rte_mempool *
empty_pool(int *err, unsigned n = kObjs, unsigned elt_size = kEltSize)
{
	rte_mempool *mp = rte_mempool_create_empty(kPool, n, elt_size, 32, 0, SOCKET_ID_ANY, 0);
	if (mp == nullptr) {
		*err = failed_with(rte_errno);
		return nullptr;
	}
	int r = rte_mempool_set_ops_byname(mp, "ring_mp_mc", nullptr);
	if (r != 0) {
		rte_mempool_free(mp);
		*err = failed_with(r);
		return nullptr;
	}
	return mp;
}

int
sc_populate_default(void)
{
	int err = kOk;
	rte_mempool *mp = empty_pool(&err);
	if (mp == nullptr)
		return err;
	int n = rte_mempool_populate_default(mp);
	if (n < 0) {
		rte_mempool_free(mp);
		return failed_with(n);
	}
	return finish_pool(mp, n);
}

int
sc_populate_anon(void)
{
	int err = kOk;
	rte_mempool *mp = empty_pool(&err);
	if (mp == nullptr)
		return err;
	rte_errno = 0;
	int n = rte_mempool_populate_anon(mp);
	if (n == 0) {
		rte_mempool_free(mp);
		return failed_with(rte_errno);
	}
	return finish_pool(mp, n);
}

void
free_zone_chunk(rte_mempool_memhdr *, void *opaque)
{
	rte_memzone_free(static_cast<const rte_memzone *>(opaque));
}

/* A pool filled from one memzone of ours: by populate_iova from an
 * IOVA-contiguous zone (a smaller pool, within one hugepage), or by
 * populate_virt from a zone laid out page by page. */
int
populate_from_zone(bool virt)
{
	int err = kOk;
	rte_mempool *mp = virt ? empty_pool(&err) : empty_pool(&err, 511, 1000);
	if (mp == nullptr)
		return err;
	/* Objects never cross a page of the pool's page size, whatever the
	 * IOVA. The populate_iova zone stays inside one hugepage (bounded), so
	 * it is IOVA-contiguous and loses nothing to page ends; --no-huge pages
	 * are not contiguous: that zone goes in without IOVA, sized per page. */
	size_t min_chunk, align, pg = 0;
	rte_mempool_get_page_size(mp, &pg);
	bool contig = !virt && rte_eal_has_hugepages();
	unsigned shift = pg != 0 && !contig ? (unsigned)std::countr_zero(pg) : 0;
	ssize_t len = rte_mempool_ops_calc_mem_size(mp, mp->size, shift, &min_chunk, &align);
	const rte_memzone *mz = len <= 0 ? nullptr
					 : rte_memzone_reserve_bounded(
						   "flt_chunk", (size_t)len, SOCKET_ID_ANY,
						   contig ? RTE_MEMZONE_IOVA_CONTIG : 0,
						   (unsigned)RTE_MAX(align,
								     (size_t)RTE_CACHE_LINE_SIZE),
						   contig ? (unsigned)pg : 0);
	if (mz == nullptr) {
		err = len <= 0 ? kBroken : failed_with(rte_errno);
		rte_mempool_free(mp);
		return err;
	}
	char *addr = static_cast<char *>(mz->addr);
	int n = virt ? rte_mempool_populate_virt(mp, addr, mz->len, pg, free_zone_chunk, (void *)mz)
		     : rte_mempool_populate_iova(mp, addr, contig ? mz->iova : RTE_BAD_IOVA,
						 mz->len, free_zone_chunk, (void *)mz);
	if (n <= 0) {
		/* not added: the zone is still ours */
		rte_mempool_free(mp);
		if (rte_memzone_free(mz) != 0) {
			printf("  populate failed but its chunk was freed anyway\n");
			return kBroken;
		}
		return n < 0 ? failed_with(n) : kNoErrno;
	}
	return finish_pool(mp, n);
}

int
sc_populate_iova(void)
{
	return populate_from_zone(false);
}

int
sc_populate_virt(void)
{
	return populate_from_zone(true);
}

int
sc_pktmbuf_pool(void)
{
	rte_mempool *mp = rte_pktmbuf_pool_create("flt_mbufs", kObjs, 32, 0,
						  RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == nullptr)
		return failed_with(rte_errno);
	rte_mbuf *m = rte_pktmbuf_alloc(mp);
	bool good = m != nullptr && m->pool == mp && m->data_off == RTE_PKTMBUF_HEADROOM &&
		    m->buf_len == RTE_MBUF_DEFAULT_BUF_SIZE;
	rte_pktmbuf_free(m);
	int r = good ? check_full_pool(mp) : kBroken;
	rte_mempool_free(mp);
	return r;
}

int
sc_ring(void)
{
	rte_ring *r = rte_ring_create("flt_ring", 1024, SOCKET_ID_ANY, 0);
	if (r == nullptr) {
		int err = failed_with(rte_errno);
		if (rte_ring_lookup("flt_ring") != nullptr) {
			printf("  failed ring still registered\n");
			return kBroken;
		}
		return err;
	}
	void *in = (void *)r, *out = nullptr;
	bool good = rte_ring_enqueue(r, in) == 0 && rte_ring_dequeue(r, &out) == 0 && out == in;
	rte_ring_free(r);
	return good ? kOk : kBroken;
}

int
sc_memzone(void)
{
	const rte_memzone *mz = rte_memzone_reserve("flt_zone", 3u << 20, SOCKET_ID_ANY, 0);
	if (mz == nullptr)
		return failed_with(rte_errno);
	memset(mz->addr, 0x5a, mz->len);
	return rte_memzone_free(mz) == 0 ? kOk : kBroken;
}

/* Several pages that must be IOVA-contiguous: the kernel's pages may need
 * remapping in physical order (pages_alloc), a second set of mmaps. */
int
sc_memzone_iova_contig(void)
{
	const rte_memzone *mz = rte_memzone_reserve("flt_zone_pa", 3u << 20, SOCKET_ID_ANY,
						    RTE_MEMZONE_IOVA_CONTIG);
	if (mz == nullptr)
		return failed_with(rte_errno);
	memset(mz->addr, 0x5a, mz->len);
	return rte_memzone_free(mz) == 0 ? kOk : kBroken;
}

int
sc_malloc_realloc(void)
{
	char *p = static_cast<char *>(rte_malloc(nullptr, 3u << 20, 64));
	if (p == nullptr)
		return failed_with(rte_errno);
	memset(p, 0x3c, 3u << 20);
	char *q = static_cast<char *>(rte_realloc(p, 7u << 20, 64));
	if (q == nullptr) {
		/* the old block must still be whole and ours */
		int err = failed_with(rte_errno);
		bool intact = p[0] == 0x3c && p[(3u << 20) - 1] == 0x3c;
		rte_free(p);
		return intact ? err : kBroken;
	}
	bool kept = q[0] == 0x3c && q[(3u << 20) - 1] == 0x3c;
	memset(q, 0, 7u << 20);
	rte_free(q);
	return kept ? kOk : kBroken;
}

/* Configure, set up queues, start, move a few packets, stop, remove. */
int
run_port(const char *name, uint16_t port, bool loopback)
{
	rte_eth_conf conf = {};
	uint16_t nq = loopback ? 1 : 2;
	int r = rte_eth_dev_configure(port, nq, nq, &conf);
	int sock = rte_eth_dev_socket_id(port);
	unsigned socket = sock < 0 ? 0 : (unsigned)sock;
	for (uint16_t q = 0; r == 0 && q < nq; q++)
		r = rte_eth_rx_queue_setup(port, q, 128, socket, nullptr, g_mbufs);
	for (uint16_t q = 0; r == 0 && q < nq; q++)
		r = rte_eth_tx_queue_setup(port, q, 128, socket, nullptr);
	if (r == 0)
		r = rte_eth_dev_start(port);
	bool moved = true;
	if (r == 0) {
		rte_mbuf *pkts[8];
		unsigned sent = 0;
		if (loopback && rte_pktmbuf_alloc_bulk(g_mbufs, pkts, 8) == 0) {
			for (auto *m : pkts)
				rte_pktmbuf_append(m, 64);
			sent = rte_eth_tx_burst(port, 0, pkts, 8);
			rte_pktmbuf_free_bulk(pkts + sent, 8 - sent);
		}
		uint16_t got = rte_eth_rx_burst(port, 0, pkts, 8);
		moved = loopback ? got == sent && sent == 8 : got > 0;
		rte_pktmbuf_free_bulk(pkts, got);
		rte_eth_dev_stop(port);
	}
	if (rte_vdev_uninit(name) != 0) {
		printf("  %s: cannot be removed after %s\n", name, r == 0 ? "success" : "failure");
		return kBroken;
	}
	if (rte_mempool_avail_count(g_mbufs) != g_mbufs->size) {
		printf("  %s: %u mbufs not back\n", name,
		       g_mbufs->size - rte_mempool_avail_count(g_mbufs));
		return kBroken;
	}
	if (r != 0)
		return failed_with(r);
	return moved ? kOk : kBroken;
}

int
sc_ethdev_null(void)
{
	int r = rte_vdev_init("net_null_flt", nullptr);
	if (r != 0)
		return failed_with(r);
	uint16_t port;
	if (rte_eth_dev_get_port_by_name("net_null_flt", &port) != 0) {
		rte_vdev_uninit("net_null_flt");
		return kBroken;
	}
	return run_port("net_null_flt", port, false);
}

int
sc_ethdev_ring(void)
{
	rte_ring *ring = rte_ring_create("flt_loop", 256, SOCKET_ID_ANY,
					 RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (ring == nullptr)
		return failed_with(rte_errno);
	int port = rte_eth_from_rings("net_ring_flt", &ring, 1, &ring, 1, SOCKET_ID_ANY);
	int r;
	if (port < 0)
		r = failed_with(rte_errno);
	else
		r = run_port("net_ring_flt", (uint16_t)port, true);
	rte_ring_free(ring);
	return r;
}

/* ---- the injection loop ---- */

struct scenario {
	const char *name;
	int (*run)(void);
	bool may_be_impossible; /* needs memory the machine may not have: skip then */
};

const scenario kScenarios[] = {
	{"mempool_create", sc_mempool_create},
	{"populate_default", sc_populate_default},
	{"pipelined_pool", sc_pipelined_pool, true},
	{"populate_anon", sc_populate_anon},
	{"populate_iova", sc_populate_iova},
	{"populate_virt", sc_populate_virt},
	{"pktmbuf_pool_create", sc_pktmbuf_pool},
	{"ring_create", sc_ring},
	{"memzone_reserve", sc_memzone},
	{"memzone_iova_contig", sc_memzone_iova_contig, true},
	{"malloc_realloc", sc_malloc_realloc},
	{"ethdev_null_queues", sc_ethdev_null},
	{"ethdev_ring_queues", sc_ethdev_ring},
};

const dpkit_fault_kind kKinds[] = {
	DPKIT_FAULT_MEMSEG_ALLOC, DPKIT_FAULT_MEMZONE_RESERVE, DPKIT_FAULT_MALLOC,
	DPKIT_FAULT_MMAP,         DPKIT_FAULT_MLOCK,           DPKIT_FAULT_HEAP_PLACE,
};

struct cell {
	uint64_t calls = 0;
	unsigned points = 0;    /* call numbers aimed at, each in both modes */
	unsigned failed = 0;    /* clear error, nothing leaked */
	unsigned absorbed = 0;  /* a fallback took the fault; correct object */
	unsigned unreached = 0; /* this run took a path with fewer such calls */
	unsigned bad = 0;       /* wrong errno, broken object or a leak */
};

/* The table printed at the end (and copied to reliability.rst). */
std::vector<std::string> g_report;

/* The call numbers to aim at: all of them, or when there are more than
 * max_points (--no-huge pools have a chunk, hence a malloc, per 4 kB page),
 * the first and last ones and an even spread in between. */
constexpr uint64_t max_points = 48;

std::vector<uint64_t>
aim_points(uint64_t calls)
{
	std::vector<uint64_t> pts;
	if (calls <= max_points) {
		for (uint64_t n = 1; n <= calls; n++)
			pts.push_back(n);
		return pts;
	}
	const uint64_t edge = max_points / 4;
	for (uint64_t n = 1; n <= edge; n++)
		pts.push_back(n);
	const uint64_t mid = max_points - 2 * edge;
	for (uint64_t i = 1; i <= mid; i++)
		pts.push_back(edge + i * (calls - 2 * edge) / (mid + 1));
	for (uint64_t n = calls - edge + 1; n <= calls; n++)
		pts.push_back(n);
	return pts;
}

bool
clear_errno(int e)
{
	return e == ENOMEM || e == ENOSPC;
}

int
run_scenario(const scenario &s)
{
	dpkit_fault_reset();
	int r = s.run(); /* warm-up: leaves heaps in their steady state */
	if (r > 0 && s.may_be_impossible)
		TEST_SKIP("%s: not possible here without faults (%s)", s.name, strerror(r));
	if (r != kOk) {
		printf("%s: fails without any fault (%d)\n", s.name, r);
		return TEST_FAILED;
	}
	fault_footprint base = fault_footprint_now();
	dpkit_fault_reset();
	r = s.run();
	uint64_t calls[DPKIT_FAULT_KIND_MAX];
	for (auto k : kKinds)
		calls[k] = dpkit_fault_calls(k);
	std::string leak = fault_footprint_diff(base, fault_footprint_now());
	TEST_ASSERT_EQUAL(r, kOk, "%s: counting run failed", s.name);
	TEST_ASSERT(leak.empty(), "%s: a good run leaks: %s", s.name, leak.c_str());

	unsigned shown = 0;
	std::string line = std::string(s.name) + ":";
	bool ok = true;
	/* hundreds of expected failures, each logging its line: keep only ours */
	uint32_t level = rte_log_get_global_level();
	rte_log_set_global_level(RTE_LOG_CRIT);
	for (auto k : kKinds) {
		cell c;
		c.calls = calls[k];
		c.points = (unsigned)aim_points(calls[k]).size();
		for (int sticky = 0; sticky < 2; sticky++) {
			for (uint64_t n : aim_points(calls[k])) {
				dpkit_fault_arm(k, n, sticky != 0);
				rte_errno = 0;
				int res = s.run();
				uint64_t fired = dpkit_fault_fired(k);
				dpkit_fault_reset();
				std::string diff = fault_footprint_diff(base,
									fault_footprint_now());
				std::string why;
				if (!diff.empty())
					why = "leaked: " + diff;
				else if (res == kOk && fired == 0)
					c.unreached++; /* e.g. populate_default sized by free blocks */
				else if (res == kOk)
					c.absorbed++;
				else if (res > 0 && clear_errno(res))
					c.failed++;
				else
					why = res == kNoErrno  ? "failed without an errno"
					      : res == kBroken ? "wrong object or cleanup"
							       : std::string("unexpected errno ") +
									 strerror(res);
				if (why.empty())
					continue;
				c.bad++;
				ok = false;
				if (shown++ < 12)
					printf("FAULT %s: %s call %llu%s: %s\n", s.name,
					       dpkit_fault_kind_name(k), (unsigned long long)n,
					       sticky ? " and later" : "", why.c_str());
				if (!diff.empty())
					base = fault_footprint_now(); /* report each leak once */
			}
		}
		if (c.calls == 0)
			continue;
		char buf[160];
		std::string aimed = c.points < c.calls
					    ? " calls, " + std::to_string(c.points) + " aimed at"
					    : " calls";
		snprintf(buf, sizeof(buf), " %s %llu%s (%u failed, %u absorbed%s%s)",
			 dpkit_fault_kind_name(k), (unsigned long long)c.calls, aimed.c_str(),
			 c.failed, c.absorbed,
			 c.unreached ? (", " + std::to_string(c.unreached) + " not reached").c_str()
				     : "",
			 c.bad ? ", BAD" : "");
		line += buf;
	}
	rte_log_set_global_level(level);
	printf("%s\n", line.c_str());
	g_report.push_back(line);
	return ok ? TEST_SUCCESS : TEST_FAILED;
}

int
fault_setup(void)
{
	g_mbufs = rte_pktmbuf_pool_create("flt_port_mbufs", 1023, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					  SOCKET_ID_ANY);
	return g_mbufs != nullptr ? 0 : -1;
}

void
fault_teardown(void)
{
	dpkit_fault_reset();
	rte_mempool_free(g_mbufs);
	g_mbufs = nullptr;
	printf("fault injection matrix (calls per kind; each failed once and from then on):\n");
	for (const auto &l : g_report)
		printf("  %s\n", l.c_str());
}

int
run_named(const char *name)
{
	for (const auto &s : kScenarios)
		if (strcmp(s.name, name) == 0)
			return run_scenario(s);
	return TEST_FAILED;
}

#define SCENARIO_CASE(name) \
	int test_fault_##name(void) \
	{ \
		return run_named(#name); \
	}
SCENARIO_CASE(mempool_create)
SCENARIO_CASE(populate_default)
SCENARIO_CASE(pipelined_pool)
SCENARIO_CASE(populate_anon)
SCENARIO_CASE(populate_iova)
SCENARIO_CASE(populate_virt)
SCENARIO_CASE(pktmbuf_pool_create)
SCENARIO_CASE(ring_create)
SCENARIO_CASE(memzone_reserve)
SCENARIO_CASE(memzone_iova_contig)
SCENARIO_CASE(malloc_realloc)
SCENARIO_CASE(ethdev_null_queues)
SCENARIO_CASE(ethdev_ring_queues)

/* The hook itself: counting, once vs from-then-on, the spec parser. */
int
test_fault_hook_counts_and_fires(void)
{
	dpkit_fault_reset();
	void *p = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	TEST_ASSERT_EQUAL(dpkit_fault_calls(DPKIT_FAULT_MALLOC), 1ull, "one heap allocation");
	dpkit_fault_arm(DPKIT_FAULT_MALLOC, 2, false);
	void *a = rte_malloc(nullptr, 64, 0), *b = rte_malloc(nullptr, 64, 0);
	void *c = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT(a != nullptr && b == nullptr && c != nullptr, "only the 2nd fails");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "rte_errno of the failed call");
	TEST_ASSERT_EQUAL(dpkit_fault_fired(DPKIT_FAULT_MALLOC), 1ull, "fired once");
	rte_free(a);
	rte_free(c);
	TEST_ASSERT_SUCCESS(dpkit_fault_arm_spec("malloc:1+"), "spec");
	a = rte_malloc(nullptr, 64, 0);
	b = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT(a == nullptr && b == nullptr, "from then on");
	dpkit_fault_reset();
	for (const char *bad : {"malloc", "malloc:0", "malloc:x", "heap:1", "mmap:1,", "mmap:2-",
				"mlock:1+,memzone:1"})
		TEST_ASSERT_EQUAL(dpkit_fault_arm_spec(bad), -EINVAL, "'%s' refused", bad);
	TEST_ASSERT_EQUAL(dpkit_fault_fired(DPKIT_FAULT_MLOCK), 0ull, "a bad spec arms nothing");
	TEST_ASSERT_SUCCESS(dpkit_fault_arm_spec("memseg_alloc:3,memzone_reserve:1+"), "two");
	const rte_memzone *mz = rte_memzone_reserve("flt_hook", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NULL(mz, "memzone_reserve:1+ armed");
	dpkit_fault_reset();
	mz = rte_memzone_reserve("flt_hook", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reset disarms");
	rte_memzone_free(mz);
	rte_free(p);
	return TEST_SUCCESS;
}

const struct unit_test_case fault_cases[] = {TEST_CASE(test_fault_hook_counts_and_fires),
					     TEST_CASE(test_fault_mempool_create),
					     TEST_CASE(test_fault_populate_default),
					     TEST_CASE(test_fault_pipelined_pool),
					     TEST_CASE(test_fault_populate_anon),
					     TEST_CASE(test_fault_populate_iova),
					     TEST_CASE(test_fault_populate_virt),
					     TEST_CASE(test_fault_pktmbuf_pool_create),
					     TEST_CASE(test_fault_ring_create),
					     TEST_CASE(test_fault_memzone_reserve),
					     TEST_CASE(test_fault_memzone_iova_contig),
					     TEST_CASE(test_fault_malloc_realloc),
					     TEST_CASE(test_fault_ethdev_null_queues),
					     TEST_CASE(test_fault_ethdev_ring_queues),
					     TEST_CASES_END()};

const struct unit_test_suite fault_suite = {"fault injection", fault_setup, fault_teardown,
					    fault_cases};

} // namespace

static int
test_fault(void)
{
	return unit_test_suite_runner(&fault_suite);
}

#else /* !RTE_FAULT_INJECTION */

static int
test_fault(void)
{
	TEST_SKIP("built without -Dfault_injection=true");
}

#endif /* RTE_FAULT_INJECTION */

REGISTER_FAST_TEST(fault_autotest, NOHUGE_OK, ASAN_OK, test_fault);
