/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_af_xdp against a real kernel: a veth pair with one queue per end, in
 * a network namespace of the suite's own, a port on each end. Checks: the
 * arguments DPDK 22.11 takes and one line for each bad one; frames cross
 * zero-copy in user space (the mbufs received lie in the UMEM the port
 * registered, which spans a pool of many chunks); a port short of mbufs
 * still delivers what arrived and counts each empty fill slot once in
 * rx_nombuf; a pool freed under a started port closes its queue; every
 * failed allocation or kernel call of setup leaves nothing behind (with
 * -Dfault_injection=true). Without root, netns, veth or AF_XDP: SKIP.
 */

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <ethdev_driver.h>

#include "eal_fault.h"
#include "test.h"
#include "test_ethdev.h"
#include "test_fault.h"
#include "test_mbuf.h"
#include "test_netns.h"

namespace {

using namespace ethdev_test;
using mbuf_test::log_capture;

constexpr uint16_t test_ethertype = 0x88B5;
const char veth_a[] = "dpkit_xa";
const char veth_b[] = "dpkit_xb";

using netns = test_netns::veth_ns;
std::unique_ptr<netns> ns;

template <typename Fn>
auto
inside(Fn fn) -> decltype(fn())
{
	return test_netns::inside(*ns, fn);
}

/* true when an XDP program is attached to @p iface */
bool
has_xdp(const char *iface)
{
	std::string out;
	ns->run("ip -n " + ns->name + " link show " + iface, &out);
	return out.find(" xdp") != std::string::npos || out.find("prog/xdp") != std::string::npos;
}

int
suite_setup(void)
{
	ns = std::make_unique<netns>();
	{
		log_capture log;
		vdev probe_only("net_af_xdp_chk0", "");
		if (log.text().find("no driver") != std::string::npos) {
			ns->skip_reason =
				"net_af_xdp is not built (needs libxdp-dev and libbpf-dev)";
			return 0;
		}
	}
	ns->create("dpkit_afx_", veth_a, veth_b, " numtxqueues 1 numrxqueues 1");
	if (!ns->skip_reason.empty())
		printf("af_xdp: %s\n", ns->skip_reason.c_str());
	return 0;
}

void
suite_teardown(void)
{
	ns.reset();
}

#define SKIP_WITHOUT_NETNS() \
	do { \
		if (!ns || !ns->skip_reason.empty()) \
			TEST_SKIP("%s", ns ? ns->skip_reason.c_str() : "no namespace"); \
	} while (0)

std::unique_ptr<vdev>
probe(const std::string &name, const std::string &args)
{
	return inside([&] { return std::make_unique<vdev>(name, args); });
}

/*
 * A pktmbuf pool of @p n mbufs spread over @p chunks chunks of one
 * rte_malloc'd area (so its span is mapped), chunk k at a gap after k-1.
 */
struct chunky_pool {
	struct rte_mempool *mp = nullptr;
	void *area = nullptr;
	chunky_pool(const char *name, unsigned int n, unsigned int chunks)
	{
		mp = rte_mempool_create_empty(name, n,
					      sizeof(struct rte_mbuf) + RTE_MBUF_DEFAULT_BUF_SIZE,
					      0, sizeof(struct rte_pktmbuf_pool_private),
					      SOCKET_ID_ANY, RTE_MEMPOOL_F_NO_IOVA_CONTIG);
		if (mp == nullptr || rte_mempool_set_ops_byname(mp, "ring_mp_mc", nullptr) != 0)
			return;
		rte_pktmbuf_pool_init(mp, nullptr);
		size_t per = (n + chunks - 1) / chunks;
		size_t elt = mp->header_size + mp->elt_size + mp->trailer_size;
		size_t chunk_len = RTE_ALIGN_CEIL(per * elt + 64, 4096);
		area = rte_zmalloc(name, (chunk_len + 4096) * chunks, 4096);
		if (area == nullptr)
			return;
		for (unsigned int k = 0; k < chunks && mp->populated_size < n; k++) {
			char *at = static_cast<char *>(area) + k * (chunk_len + 4096);
			if (rte_mempool_populate_iova(mp, at, RTE_BAD_IOVA, chunk_len, nullptr,
						      nullptr) < 0)
				return;
		}
		rte_mempool_obj_iter(mp, rte_pktmbuf_init, nullptr);
	}
	~chunky_pool()
	{
		rte_mempool_free(mp);
		rte_free(area);
	}
	bool ok() const { return mp != nullptr && mp->populated_size == mp->size; }
};

int
start(uint16_t port, struct rte_mempool *mp, uint16_t nb_desc = 256)
{
	return inside([&] {
		struct rte_eth_conf conf = {};
		int ret = rte_eth_dev_configure(port, 1, 1, &conf);
		if (ret == 0)
			ret = rte_eth_rx_queue_setup(port, 0, nb_desc, SOCKET_ID_ANY, nullptr, mp);
		if (ret == 0)
			ret = rte_eth_tx_queue_setup(port, 0, nb_desc, SOCKET_ID_ANY, nullptr);
		return ret == 0 ? rte_eth_dev_start(port) : ret;
	});
}

struct rte_mbuf *
make_frame(struct rte_mempool *mp, uint32_t seq, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == nullptr)
		return nullptr;
	auto *d = reinterpret_cast<uint8_t *>(rte_pktmbuf_append(m, len));
	memset(d, 0xff, 12);
	d[12] = test_ethertype >> 8;
	d[13] = test_ethertype & 0xff;
	memcpy(d + 14, &seq, sizeof(seq));
	for (uint16_t i = 18; i < len; i++)
		d[i] = (uint8_t)(seq * 7 + i);
	return m;
}

bool
frame_ok(const struct rte_mbuf *m, uint32_t *seq)
{
	const uint8_t *d = rte_pktmbuf_mtod(m, const uint8_t *);
	if (m->pkt_len < 18 || d[12] != (test_ethertype >> 8) || d[13] != (test_ethertype & 0xff))
		return false;
	memcpy(seq, d + 14, sizeof(*seq));
	for (uint16_t i = 18; i < m->pkt_len; i++)
		if (d[i] != (uint8_t)(*seq * 7 + i))
			return false;
	return true;
}

/* Send @p n frames on @p port (from @p mp); @return how many went. */
unsigned int
send_frames(uint16_t port, struct rte_mempool *mp, unsigned int n, uint32_t seq0)
{
	unsigned int sent = 0;
	for (int tries = 0; sent < n && tries < 1000; tries++) {
		struct rte_mbuf *m = make_frame(mp, seq0 + sent,
						(uint16_t)(60 + (sent * 37) % 1400));
		if (m == nullptr)
			break;
		if (rte_eth_tx_burst(port, 0, &m, 1) == 1)
			sent++;
		else
			rte_pktmbuf_free(m), usleep(100);
	}
	for (int i = 0; i < 10; i++)
		rte_eth_tx_burst(port, 0, nullptr, 0); /* reap completions */
	return sent;
}

bool
in_kernel_region(uint16_t port, const struct rte_mbuf *m)
{
	dpkit_eth_mem_region r[8];
	int n = dpkit_eth_dev_mem_regions(port, r, 8);
	for (int i = 0; i < n && i < 8; i++) {
		const char *lo = static_cast<const char *>(r[i].addr);
		if ((r[i].flags & DPKIT_ETH_MEM_F_KERNEL) && (const char *)m >= lo &&
		    rte_pktmbuf_mtod_offset(m, const char *, m->data_len) <= lo + r[i].len)
			return true;
	}
	return false;
}

#define SKIP_WITHOUT_AF_XDP(ret) \
	do { \
		if ((ret) == -EPERM || (ret) == -EAFNOSUPPORT || (ret) == -EOPNOTSUPP) \
			TEST_SKIP("no AF_XDP sockets here: %s", strerror(-(ret))); \
	} while (0)

/* ---- cases ---- */

int
test_af_xdp_bad_arguments_refused(void)
{
	SKIP_WITHOUT_NETNS();
	const std::string a = std::string("iface=") + veth_a;
	const struct {
		std::string args;
		const char *named;
	} bad[] = {
		{"", "iface"},
		{"iface=dpkit_missing", "iface"},
		{"iface=waytoolonganinterfacename", "iface"},
		{a + ",start_queue=abc", "start_queue"},
		{a + ",start_queue=1", "start_queue"},
		{a + ",queue_count=0", "queue_count"},
		{a + ",queue_count=2", "queue_count"},
		{a + ",shared_umem=2", "shared_umem"},
		{a + ",busy_budget=70000", "busy_budget"},
		{a + ",force_copy=yes", "force_copy"},
		{a + ",xdp_prog=/nonexistent/prog.o", "xdp_prog"},
		{a + ",bogus=1", "bogus"},
	};
	for (const auto &b : bad) {
		log_capture log;
		auto dev = probe("net_af_xdp_bad0", b.args);
		std::string text = log.text();
		TEST_ASSERT_EQUAL(dev->ret, -EINVAL, "'%s' gave %d", b.args.c_str(), dev->ret);
		TEST_ASSERT_EQUAL(log.lines(), 1, "'%s': one line, got:\n%s", b.args.c_str(),
				  text.c_str());
		TEST_ASSERT(text.find(b.named) != std::string::npos, "'%s': line names %s:\n%s",
			    b.args.c_str(), b.named, text.c_str());
	}
	return TEST_SUCCESS;
}

int
test_af_xdp_frames_land_in_the_registered_umem(void)
{
	SKIP_WITHOUT_NETNS();
	chunky_pool pa("afx_pool_a", 1024, 8), pb("afx_pool_b", 1024, 12);
	TEST_ASSERT(pa.ok() && pb.ok(), "pools");
	TEST_ASSERT(pb.mp->nb_mem_chunks >= 8, "pool b has %u chunks", pb.mp->nb_mem_chunks);
	auto a = probe("net_af_xdp_a", std::string("iface=") + veth_a);
	auto b = probe("net_af_xdp_b", std::string("iface=") + veth_b + ",force_copy=1");
	TEST_ASSERT(a->ok() && b->ok(), "probe: %d %d", a->ret, b->ret);
	int ret = start(a->port, pa.mp);
	SKIP_WITHOUT_AF_XDP(ret);
	TEST_ASSERT_SUCCESS(ret, "start a");
	TEST_ASSERT_SUCCESS(start(b->port, pb.mp), "start b");
	TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(b->port, nullptr, 0), 1, "one UMEM");

	const unsigned int n = 200;
	TEST_ASSERT_EQUAL(send_frames(a->port, pa.mp, n, 1000), n, "sent");
	std::vector<bool> seen(n);
	unsigned int got = 0;
	struct rte_mbuf *pkts[32];
	for (int polls = 0; got < n && polls < 20000; polls++) {
		uint16_t k = rte_eth_rx_burst(b->port, 0, pkts, 32);
		for (uint16_t i = 0; i < k; i++) {
			uint32_t seq;
			if (frame_ok(pkts[i], &seq) && seq >= 1000 && seq < 1000 + n) {
				TEST_ASSERT(!seen[seq - 1000], "frame %u twice", seq);
				TEST_ASSERT(in_kernel_region(b->port, pkts[i]),
					    "mbuf %p outside the UMEM", (void *)pkts[i]);
				TEST_ASSERT(rte_mempool_from_obj(pkts[i]) == pb.mp, "from pool b");
				seen[seq - 1000] = true;
				got++;
			}
			rte_pktmbuf_free(pkts[i]);
		}
		if (k == 0)
			usleep(100);
	}
	TEST_ASSERT_EQUAL(got, n, "received once and intact");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(b->port); }), "stop b");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(a->port); }), "stop a");
	TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(b->port, nullptr, 0), 0, "UMEM gone");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pb.mp), pb.mp->size, "pool b full");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pa.mp), pa.mp->size, "pool a full");
	TEST_ASSERT(!has_xdp(veth_b), "XDP program detached");
	return TEST_SUCCESS;
}

int
test_af_xdp_empty_pool_counts_each_slot_once(void)
{
	SKIP_WITHOUT_NETNS();
	chunky_pool pa("afx_pool_a", 1024, 8), pb("afx_pool_b", 256 + 64, 8);
	TEST_ASSERT(pa.ok() && pb.ok(), "pools");
	auto a = probe("net_af_xdp_a", std::string("iface=") + veth_a);
	auto b = probe("net_af_xdp_b", std::string("iface=") + veth_b);
	TEST_ASSERT(a->ok() && b->ok(), "probe");
	int ret = start(a->port, pa.mp);
	SKIP_WITHOUT_AF_XDP(ret);
	TEST_ASSERT_SUCCESS(ret, "start a");
	TEST_ASSERT_SUCCESS(start(b->port, pb.mp), "start b (fill ring takes 256)");
	/* the application takes every mbuf the fill ring did not */
	std::vector<struct rte_mbuf *> held(rte_mempool_avail_count(pb.mp));
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(pb.mp, held.data(), (unsigned)held.size()),
			    "empty the pool");
	/* The kernel reports fill slots used only once it has used every
	 * entry it saw: send past the 256 so the slots become refillable
	 * (the frames beyond find no buffer and are dropped by the kernel). */
	const unsigned int n = 256;
	TEST_ASSERT_EQUAL(send_frames(a->port, pa.mp, n + 44, 0), n + 44, "sent");
	std::vector<struct rte_mbuf *> got;
	struct rte_mbuf *pkts[32];
	for (int polls = 0; polls < 20000 && got.size() < n; polls++) {
		uint16_t k = rte_eth_rx_burst(b->port, 0, pkts, 32);
		got.insert(got.end(), pkts, pkts + k);
		if (k == 0)
			usleep(100);
	}
	TEST_ASSERT_EQUAL(got.size(), (size_t)n, "frames delivered although the pool is empty");
	for (int i = 0; i < 100; i++)
		rte_eth_rx_burst(b->port, 0, pkts, 32); /* idle polls on the empty pool */
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(b->port, &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, (uint64_t)n, "each empty fill slot counted once");
	/* mbufs back: the port refills and counts nothing more */
	rte_pktmbuf_free_bulk(got.data(), (unsigned)got.size());
	rte_pktmbuf_free_bulk(held.data(), (unsigned)held.size());
	for (int i = 0; i < 10; i++)
		rte_eth_rx_burst(b->port, 0, pkts, 32);
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(b->port, &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, (uint64_t)n, "nothing more counted once refilled");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(b->port); }), "stop b");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(a->port); }), "stop a");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pb.mp), pb.mp->size, "no mbuf leaked");
	return TEST_SUCCESS;
}

/* Mbufs the pool holds, not capped at its size (avail_count is): a
 * duplicate shows as one more. The test pools have no cache. */
unsigned int
pool_holds(const struct rte_mempool *mp)
{
	return rte_mempool_ops_get_count(mp);
}

/*
 * The kernel publishes how far it has read the fill ring only when it has
 * used every entry it last saw, so the ring can look full while the queue
 * knows fewer mbufs are in the kernel. Rounds of 1..60 frames on a
 * 64-entry ring refill in that state again and again: a refill that wrote
 * past what the ring granted handed the kernel stale addresses, so one
 * mbuf twice (found under io forwarding at full rate as a double free).
 */
int
test_af_xdp_refill_while_the_kernel_holds_its_view(void)
{
	SKIP_WITHOUT_NETNS();
	chunky_pool pa("afx_pool_a", 1024, 8), pb("afx_pool_b", 512, 8);
	TEST_ASSERT(pa.ok() && pb.ok(), "pools");
	auto a = probe("net_af_xdp_a", std::string("iface=") + veth_a);
	auto b = probe("net_af_xdp_b", std::string("iface=") + veth_b);
	TEST_ASSERT(a->ok() && b->ok(), "probe");
	int ret = start(a->port, pa.mp);
	SKIP_WITHOUT_AF_XDP(ret);
	TEST_ASSERT_SUCCESS(ret, "start a");
	TEST_ASSERT_SUCCESS(start(b->port, pb.mp, 64), "start b with 64 descriptors");
	uint32_t seq = 0;
	struct rte_mbuf *pkts[32];
	for (unsigned int round = 0; round < 300; round++) {
		const unsigned int k = 1 + (round * 13) % 60;
		TEST_ASSERT_EQUAL(send_frames(a->port, pa.mp, k, seq), k, "round %u: sent", round);
		std::vector<struct rte_mbuf *> held;
		for (int polls = 0; polls < 20000 && held.size() < k; polls++) {
			uint16_t got = rte_eth_rx_burst(b->port, 0, pkts, 32);
			held.insert(held.end(), pkts, pkts + got);
			if (got == 0)
				usleep(50);
		}
		TEST_ASSERT_EQUAL(held.size(), (size_t)k, "round %u: every frame arrives", round);
		/* an application polls on: the idle poll refills the ring */
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(b->port, 0, pkts, 32), 0,
				  "round %u: nothing more arrives", round);
		for (size_t i = 0; i < held.size(); i++) {
			uint32_t s;
			TEST_ASSERT(frame_ok(held[i], &s) && s == seq + i,
				    "round %u: frame %zu intact and in order", round, i);
			for (size_t j = 0; j < i; j++)
				TEST_ASSERT(held[j] != held[i], "round %u: mbuf %p received twice",
					    round, (void *)held[i]);
		}
		rte_pktmbuf_free_bulk(held.data(), (unsigned int)held.size());
		seq += k;
	}
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(b->port); }), "stop b");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(a->port); }), "stop a");
	TEST_ASSERT_EQUAL(pool_holds(pb.mp), pb.mp->size, "each mbuf back exactly once");
	TEST_ASSERT_EQUAL(pool_holds(pa.mp), pa.mp->size, "sender's mbufs back exactly once");
	return TEST_SUCCESS;
}

int
test_af_xdp_pool_freed_under_a_started_port(void)
{
	SKIP_WITHOUT_NETNS();
	auto b = probe("net_af_xdp_b", std::string("iface=") + veth_b);
	TEST_ASSERT(b->ok(), "probe");
	auto *pb = new chunky_pool("afx_pool_b", 512, 8);
	TEST_ASSERT(pb->ok(), "pool");
	int ret = start(b->port, pb->mp);
	SKIP_WITHOUT_AF_XDP(ret);
	TEST_ASSERT_SUCCESS(ret, "start");
	TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(b->port, nullptr, 0), 1, "UMEM registered");
	{
		log_capture log;
		inside([&] {
			delete pb;
			return 0;
		});
		std::string text = log.text();
		TEST_ASSERT(text.find("freed while queue 0 uses it") != std::string::npos,
			    "says so:\n%s", text.c_str());
	}
	TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(b->port, nullptr, 0), 0, "UMEM unregistered");
	struct rte_mbuf *pkts[4];
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(b->port, 0, pkts, 4), 0, "queue closed");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(b->port); }), "stop");
	TEST_ASSERT(!has_xdp(veth_b), "XDP program detached");
	return TEST_SUCCESS;
}

/* shared_umem=1: two ports on one pool register it once (one UMEM, found by
 * the second port) and frames still cross. */
int
test_af_xdp_shared_umem_one_registration(void)
{
	SKIP_WITHOUT_NETNS();
	chunky_pool pool("afx_pool_s", 2048, 8);
	TEST_ASSERT(pool.ok(), "pool");
	auto a = probe("net_af_xdp_sa", std::string("iface=") + veth_a + ",shared_umem=1");
	auto b = probe("net_af_xdp_sb", std::string("iface=") + veth_b + ",shared_umem=1");
	TEST_ASSERT(a->ok() && b->ok(), "probe");
	int level = rte_log_get_level(rte_log_register("pmd.net.af_xdp"));
	rte_log_set_level_pattern("pmd.net.af_xdp", RTE_LOG_INFO);
	std::string text;
	int ret;
	{
		log_capture log;
		ret = start(a->port, pool.mp);
		if (ret == 0)
			ret = start(b->port, pool.mp);
		text = log.text();
	}
	rte_log_set_level_pattern("pmd.net.af_xdp", (uint32_t)level);
	SKIP_WITHOUT_AF_XDP(ret);
	TEST_ASSERT_SUCCESS(ret, "start both");
	TEST_ASSERT(text.find("net_af_xdp_sb: queue 0 shares the UMEM of pool afx_pool_s") !=
			    std::string::npos,
		    "second port shares:\n%s", text.c_str());
	dpkit_eth_mem_region ra, rb;
	TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(a->port, &ra, 1), 1, "a: one region");
	TEST_ASSERT_EQUAL(dpkit_eth_dev_mem_regions(b->port, &rb, 1), 1, "b: one region");
	TEST_ASSERT(ra.addr == rb.addr && ra.len == rb.len, "the same UMEM");
	const unsigned int n = 100;
	TEST_ASSERT_EQUAL(send_frames(a->port, pool.mp, n, 5000), n, "sent");
	unsigned int got = 0;
	struct rte_mbuf *pkts[32];
	for (int polls = 0; got < n && polls < 20000; polls++) {
		uint16_t k = rte_eth_rx_burst(b->port, 0, pkts, 32);
		for (uint16_t i = 0; i < k; i++) {
			uint32_t seq;
			if (frame_ok(pkts[i], &seq) && seq >= 5000 && seq < 5000 + n)
				got++;
			rte_pktmbuf_free(pkts[i]);
		}
		if (k == 0)
			usleep(100);
	}
	TEST_ASSERT_EQUAL(got, n, "frames crossed on the shared UMEM");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(a->port); }), "stop a");
	TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(b->port); }), "stop b");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool.mp), pool.mp->size, "every mbuf back");
	return TEST_SUCCESS;
}

/* xdp_prog=: a program with xsks_map works; one that does not load, or has
 * no xsks_map, is refused at start; so is an interface that already runs
 * someone else's program. */
int
test_af_xdp_xdp_prog_choices(void)
{
	SKIP_WITHOUT_NETNS();
	const std::string dir = "/usr/lib/x86_64-linux-gnu/bpf/";
	const std::string def = dir + "xsk_def_xdp_prog.o";
	const std::string other = dir + "xdpfilt_alw_all.o"; /* libbpf cannot load it */
	const std::string nomap = dir + "xdpdump_xdp.o";     /* loads; has no xsks_map */
	for (const std::string &f : {def, other, nomap})
		if (access(f.c_str(), R_OK) != 0)
			TEST_SKIP("libxdp's object file %s is missing", f.c_str());
	chunky_pool pb("afx_pool_p", 512, 8);
	TEST_ASSERT(pb.ok(), "pool");
	{
		auto b = probe("net_af_xdp_p0",
			       std::string("iface=") + veth_b + ",xdp_prog=" + def);
		TEST_ASSERT(b->ok(), "probe with xdp_prog");
		int ret = start(b->port, pb.mp);
		SKIP_WITHOUT_AF_XDP(ret);
		TEST_ASSERT_SUCCESS(ret, "start with a program that has xsks_map");
		TEST_ASSERT(has_xdp(veth_b), "attached");
		TEST_ASSERT_SUCCESS(inside([&] { return rte_eth_dev_stop(b->port); }), "stop");
		TEST_ASSERT(!has_xdp(veth_b), "detached at stop");
	}
	const std::pair<std::string, const char *> refused[] = {{nomap, "map named xsks_map"},
								{other, "cannot load"}};
	for (const auto &[obj, why] : refused) {
		auto b = probe("net_af_xdp_p1",
			       std::string("iface=") + veth_b + ",xdp_prog=" + obj);
		TEST_ASSERT(b->ok(), "probe");
		log_capture log;
		int ret = start(b->port, pb.mp);
		std::string text = log.text();
		TEST_ASSERT(ret < 0, "%s: started", obj.c_str());
		TEST_ASSERT(text.find(why) != std::string::npos, "%s: says '%s':\n%s", obj.c_str(),
			    why, text.c_str());
		TEST_ASSERT(!has_xdp(veth_b), "%s: nothing left attached", obj.c_str());
	}
	{
		std::string out;
		TEST_ASSERT_EQUAL(test_netns::run("ip -n " + ns->name + " link set dev " + veth_b +
							  " xdp obj " + other + " sec xdp",
						  &out),
				  0, "foreign program: %s", out.c_str());
		auto b = probe("net_af_xdp_p2", std::string("iface=") + veth_b);
		TEST_ASSERT(b->ok(), "probe");
		log_capture log;
		int ret = start(b->port, pb.mp);
		std::string text = log.text();
		test_netns::run("ip -n " + ns->name + " link set dev " + veth_b + " xdp off");
		TEST_ASSERT(ret == -EBUSY || ret == -EEXIST, "started over a foreign program: %d",
			    ret);
		TEST_ASSERT(text.find("another XDP program") != std::string::npos, "says so:\n%s",
			    text.c_str());
	}
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pb.mp), pb.mp->size, "no mbuf left behind");
	return TEST_SUCCESS;
}

#ifdef RTE_FAULT_INJECTION
/* Probe, start, stop and remove a port; @return the first error. */
int
cycle(struct rte_mempool *mp)
{
	return inside([&] {
		std::string args = std::string("iface=") + veth_b;
		int ret = rte_vdev_init("net_af_xdp_f0", args.c_str());
		if (ret != 0)
			return ret;
		uint16_t port;
		rte_eth_dev_get_port_by_name("net_af_xdp_f0", &port);
		struct rte_eth_conf conf = {};
		ret = rte_eth_dev_configure(port, 1, 1, &conf);
		if (ret == 0)
			ret = rte_eth_rx_queue_setup(port, 0, 256, SOCKET_ID_ANY, nullptr, mp);
		if (ret == 0)
			ret = rte_eth_tx_queue_setup(port, 0, 256, SOCKET_ID_ANY, nullptr);
		if (ret == 0)
			ret = rte_eth_dev_start(port);
		if (ret == 0)
			ret = rte_eth_dev_stop(port);
		rte_vdev_uninit("net_af_xdp_f0");
		return ret;
	});
}
#endif

int
test_af_xdp_setup_faults_leave_nothing(void)
{
#ifndef RTE_FAULT_INJECTION
	TEST_SKIP("built without -Dfault_injection=true");
#else
	SKIP_WITHOUT_NETNS();
	chunky_pool pb("afx_pool_f", 512, 8);
	TEST_ASSERT(pb.ok(), "pool");
	int ret = cycle(pb.mp); /* first run: one-time set-up of libraries */
	SKIP_WITHOUT_AF_XDP(ret);
	TEST_ASSERT_SUCCESS(ret, "a run without faults");
	const fault_footprint before = fault_footprint_now();
	unsigned int failed = 0;
	for (auto kind : {DPKIT_FAULT_SYSCALL, DPKIT_FAULT_MALLOC}) {
		dpkit_fault_reset();
		TEST_ASSERT_SUCCESS(cycle(pb.mp), "counting run");
		std::string leak = fault_footprint_diff(before, fault_footprint_now());
		TEST_ASSERT(leak.empty(), "a run without faults left: %s", leak.c_str());
		uint64_t calls = dpkit_fault_calls(kind);
		TEST_ASSERT(calls > 0, "%s: no calls to aim at", dpkit_fault_kind_name(kind));
		for (uint64_t nth = 1; nth <= calls; nth++) {
			dpkit_fault_arm(kind, nth, false);
			int r;
			{
				log_capture quiet;
				r = cycle(pb.mp);
			}
			bool fired = dpkit_fault_fired(kind) != 0;
			dpkit_fault_reset();
			if (fired && r != 0)
				failed++;
			std::string diff = fault_footprint_diff(before, fault_footprint_now());
			TEST_ASSERT(diff.empty(), "%s #%llu (ret %d) left: %s",
				    dpkit_fault_kind_name(kind), (unsigned long long)nth, r,
				    diff.c_str());
			TEST_ASSERT_EQUAL(rte_mempool_avail_count(pb.mp), pb.mp->size,
					  "%s #%llu: mbufs left behind",
					  dpkit_fault_kind_name(kind), (unsigned long long)nth);
			TEST_ASSERT(!has_xdp(veth_b), "%s #%llu: XDP program left attached",
				    dpkit_fault_kind_name(kind), (unsigned long long)nth);
		}
	}
	printf("af_xdp: %u setup steps failed on purpose, nothing left behind\n", failed);
	TEST_ASSERT(failed > 0, "no fault made setup fail");
	return TEST_SUCCESS;
#endif
}

const struct unit_test_case cases[] = {
	TEST_CASE(test_af_xdp_bad_arguments_refused),
	TEST_CASE(test_af_xdp_frames_land_in_the_registered_umem),
	TEST_CASE(test_af_xdp_empty_pool_counts_each_slot_once),
	TEST_CASE(test_af_xdp_refill_while_the_kernel_holds_its_view),
	TEST_CASE(test_af_xdp_pool_freed_under_a_started_port),
	TEST_CASE(test_af_xdp_shared_umem_one_registration),
	TEST_CASE(test_af_xdp_xdp_prog_choices),
	TEST_CASE(test_af_xdp_setup_faults_leave_nothing),
	TEST_CASES_END()};

const struct unit_test_suite suite = {"net_af_xdp", suite_setup, suite_teardown, cases};

int
test_af_xdp(void)
{
	return unit_test_suite_runner(&suite);
}

} // namespace

REGISTER_FAST_TEST(af_xdp_autotest, NOHUGE_OK, ASAN_OK, test_af_xdp);
