/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mbuf_autotest: the packet operations of rte_mbuf.h on real pktmbuf pools:
 * layout, alloc/free (single, bulk, raw), reset, data pointers and IOVAs,
 * prepend/append/adj/trim, chains, read, linearize, copy, clone/attach/
 * detach, reference counts (also from two lcores at once), scheduler and
 * tx_offload helpers. Every case ends by checking that both pools are full
 * again, so a leaked or doubly freed mbuf fails the case that caused it.
 */

#include <string.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mbuf.h"

using mbuf_test::check_pattern;
using mbuf_test::fill_pattern;
using mbuf_test::log_capture;
using mbuf_test::packet_bytes;

namespace {

constexpr unsigned pool_size = 512;
constexpr uint16_t priv_bytes = 16;
constexpr unsigned clone_pool_size = 256;

struct rte_mempool *pool;       /* direct mbufs, default data room, private area */
struct rte_mempool *clone_pool; /* data room 0: only for indirect mbufs */

int
setup(void)
{
	pool = rte_pktmbuf_pool_create("mbuf_test", pool_size, 32, priv_bytes,
				       RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	clone_pool = rte_pktmbuf_pool_create("mbuf_test_clone", clone_pool_size, 32, 0, 0,
					     SOCKET_ID_ANY);
	if (pool == nullptr || clone_pool == nullptr) {
		printf("cannot create the test pools: %s\n", rte_strerror(rte_errno));
		return -1;
	}
	return 0;
}

void
teardown(void)
{
	rte_mempool_free(pool);
	rte_mempool_free(clone_pool);
	pool = clone_pool = nullptr;
}

/* A one-segment packet of @len pattern bytes. */
struct rte_mbuf *
make_packet(uint16_t len, unsigned seed)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	if (m == nullptr)
		return nullptr;
	char *p = rte_pktmbuf_append(m, len);
	if (p == nullptr) {
		rte_pktmbuf_free(m);
		return nullptr;
	}
	fill_pattern(p, len, seed);
	return m;
}

/* A packet of @nsegs segments holding @seglen bytes each, one pattern over
 * the whole packet. */
struct rte_mbuf *
make_chain(unsigned nsegs, uint16_t seglen)
{
	std::string data(nsegs * seglen, '\0');
	fill_pattern(data.data(), data.size(), 9);
	struct rte_mbuf *head = nullptr;
	for (unsigned i = 0; i < nsegs; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
		if (m == nullptr) {
			rte_pktmbuf_free(head);
			return nullptr;
		}
		memcpy(rte_pktmbuf_append(m, seglen), data.data() + i * seglen, seglen);
		if (head == nullptr)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0)
			return nullptr;
	}
	return head;
}

} // namespace

#define ASSERT_POOLS_FULL() \
	do { \
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size, \
				  "mbuf leaked or freed twice"); \
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(clone_pool), clone_pool_size, \
				  "clone leaked or freed twice"); \
	} while (0)

static int
test_mbuf_layout_is_dpdk_abi(void)
{
	/* rte_mbuf_core.h has the compile-time checks; these make the facts
	 * visible in the test log and guard the markers drivers use */
	TEST_ASSERT_EQUAL(sizeof(struct rte_mbuf), (size_t)128, "two cache lines");
	TEST_ASSERT_EQUAL(offsetof(struct rte_mbuf, rearm_data), (size_t)16, "rearm_data");
	TEST_ASSERT_EQUAL(offsetof(struct rte_mbuf, rx_descriptor_fields1), (size_t)32,
			  "rx_descriptor_fields1");
	TEST_ASSERT_EQUAL(offsetof(struct rte_mbuf, cacheline1), (size_t)64, "cacheline1");
	TEST_ASSERT_EQUAL(offsetof(struct rte_mbuf, dynfield1), (size_t)92, "dynfield1");
	TEST_ASSERT_EQUAL(alignof(struct rte_mbuf), (size_t)RTE_CACHE_LINE_SIZE, "aligned");
	return TEST_SUCCESS;
}

static int
test_mbuf_alloc_gives_reset_direct_mbuf(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	TEST_ASSERT_EQUAL(m->pool, pool, "pool");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "refcnt");
	TEST_ASSERT_EQUAL(m->nb_segs, 1, "nb_segs");
	TEST_ASSERT_NULL(m->next, "next");
	TEST_ASSERT_EQUAL(m->pkt_len, 0u, "pkt_len");
	TEST_ASSERT_EQUAL(m->data_len, 0, "data_len");
	TEST_ASSERT_EQUAL(m->port, RTE_MBUF_PORT_INVALID, "port");
	TEST_ASSERT_EQUAL(m->ol_flags, 0ull, "ol_flags");
	TEST_ASSERT_EQUAL(m->data_off, RTE_PKTMBUF_HEADROOM, "headroom");
	TEST_ASSERT_EQUAL(m->priv_size, priv_bytes, "priv_size");
	TEST_ASSERT_EQUAL(m->buf_len, RTE_MBUF_DEFAULT_BUF_SIZE, "buf_len");
	TEST_ASSERT(RTE_MBUF_DIRECT(m), "direct");

	char *own = reinterpret_cast<char *>(m) + sizeof(*m) + priv_bytes;
	TEST_ASSERT_EQUAL(static_cast<char *>(m->buf_addr), own, "buffer right after priv area");
	TEST_ASSERT_EQUAL(rte_mbuf_buf_addr(m, pool), own, "rte_mbuf_buf_addr");
	TEST_ASSERT_EQUAL(rte_mbuf_to_baddr(m), own, "rte_mbuf_to_baddr");
	TEST_ASSERT_EQUAL(rte_mbuf_data_addr_default(m), own + RTE_PKTMBUF_HEADROOM,
			  "rte_mbuf_data_addr_default");
	TEST_ASSERT_EQUAL(rte_mbuf_to_priv(m), static_cast<void *>(m + 1), "private area");
	TEST_ASSERT_EQUAL(rte_pktmbuf_mtod(m, char *), own + RTE_PKTMBUF_HEADROOM, "mtod");
	TEST_ASSERT_EQUAL(rte_pktmbuf_mtod_offset(m, char *, 10), own + RTE_PKTMBUF_HEADROOM + 10,
			  "mtod_offset");
	TEST_ASSERT_EQUAL(rte_pktmbuf_data_room_size(pool), RTE_MBUF_DEFAULT_BUF_SIZE, "room");
	TEST_ASSERT_EQUAL(rte_pktmbuf_priv_size(pool), priv_bytes, "pool priv size");
	TEST_ASSERT_EQUAL(rte_pktmbuf_priv_flags(pool), 0u, "pool flags");
	TEST_ASSERT_SUCCESS(rte_mbuf_check(m, 1, nullptr), "fresh mbuf is valid");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 1, "one taken");
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(nullptr); /* accepted */
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_iova_helpers(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_iova_t obj = rte_mempool_virt2iova(m);
	rte_iova_t buf = rte_mbuf_iova_get(m);
	TEST_ASSERT_EQUAL(buf, m->buf_iova, "iova_get");
	if (obj != RTE_BAD_IOVA)
		TEST_ASSERT_EQUAL(buf, obj + sizeof(*m) + priv_bytes,
				  "buf_iova = object IOVA + header");
	TEST_ASSERT_EQUAL(rte_mbuf_data_iova(m), buf + m->data_off, "data_iova");
	TEST_ASSERT_EQUAL(rte_mbuf_data_iova_default(m), buf + RTE_PKTMBUF_HEADROOM, "default");
	TEST_ASSERT_EQUAL(rte_pktmbuf_iova(m), buf + m->data_off, "rte_pktmbuf_iova");
	TEST_ASSERT_EQUAL(rte_pktmbuf_iova_offset(m, 5), buf + m->data_off + 5, "iova_offset");
	rte_mbuf_iova_set(m, 0x1234000);
	TEST_ASSERT_EQUAL(rte_mbuf_iova_get(m), (rte_iova_t)0x1234000, "iova_set");
	rte_mbuf_iova_set(m, buf);
	rte_mbuf_prefetch_part1(m);
	rte_mbuf_prefetch_part2(m);
	RTE_MBUF_PREFETCH_TO_FREE(m);
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_alloc_bulk_all_or_nothing(void)
{
	std::vector<struct rte_mbuf *> ms(pool_size + 1, nullptr);
	TEST_ASSERT_EQUAL(rte_pktmbuf_alloc_bulk(pool, ms.data(), pool_size + 1), -ENOENT,
			  "more than the pool holds");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size, "nothing taken on failure");

	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(pool, ms.data(), 37), "37 mbufs");
	for (unsigned i = 0; i < 37; i++) {
		TEST_ASSERT_EQUAL(ms[i]->data_off, RTE_PKTMBUF_HEADROOM, "reset");
		TEST_ASSERT_EQUAL(ms[i]->pkt_len, 0u, "empty");
		rte_pktmbuf_append(ms[i], 100);
	}
	/* chain two of them and leave holes: free_bulk takes it all */
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(ms[0], ms[1]), "chain");
	ms[1] = nullptr;
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(pool, ms.data() + 37, 0), "zero is fine");
	rte_pktmbuf_free_bulk(ms.data(), 37);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_raw_alloc_and_free(void)
{
	struct rte_mbuf *m = rte_mbuf_raw_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "raw alloc");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "refcnt 1");
	TEST_ASSERT_EQUAL(m->nb_segs, 1, "alone");
	TEST_ASSERT_NULL(m->next, "no next");
	rte_mbuf_raw_free(m);

	/* prefree_seg leaves a segment ready for raw_free */
	m = make_chain(2, 10);
	TEST_ASSERT_NOT_NULL(m, "chain");
	struct rte_mbuf *second = m->next;
	TEST_ASSERT_EQUAL(rte_pktmbuf_prefree_seg(m), m, "last reference");
	TEST_ASSERT_NULL(m->next, "unlinked");
	TEST_ASSERT_EQUAL(m->nb_segs, 1, "one segment");
	rte_mbuf_raw_free(m);
	rte_pktmbuf_free_seg(second);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_reset_restores_defaults(void)
{
	struct rte_mbuf *m = make_packet(300, 1);
	TEST_ASSERT_NOT_NULL(m, "packet");
	m->port = 3;
	m->vlan_tci = 7;
	m->vlan_tci_outer = 8;
	m->packet_type = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4;
	m->ol_flags = RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_TX_IPV4;
	m->tx_offload = rte_mbuf_tx_offload(14, 20, 20, 0, 0, 0, 0);
	rte_pktmbuf_adj(m, 10);
	rte_pktmbuf_reset(m);
	TEST_ASSERT_EQUAL(m->data_off, RTE_PKTMBUF_HEADROOM, "headroom");
	TEST_ASSERT_EQUAL(m->pkt_len, 0u, "pkt_len");
	TEST_ASSERT_EQUAL(m->data_len, 0, "data_len");
	TEST_ASSERT_EQUAL(m->port, RTE_MBUF_PORT_INVALID, "port");
	TEST_ASSERT_EQUAL(m->vlan_tci + m->vlan_tci_outer, 0, "vlans");
	TEST_ASSERT_EQUAL(m->packet_type, 0u, "ptype");
	TEST_ASSERT_EQUAL(m->ol_flags, 0ull, "flags");
	TEST_ASSERT_EQUAL(m->tx_offload, 0ull, "tx_offload");

	/* a buffer shorter than the headroom: data starts at its end */
	uint16_t saved = m->buf_len;
	m->buf_len = 64;
	rte_pktmbuf_reset_headroom(m);
	TEST_ASSERT_EQUAL(m->data_off, 64, "clamped to buf_len");
	TEST_ASSERT_EQUAL(rte_pktmbuf_tailroom(m), 0, "no room");
	m->buf_len = saved;
	rte_pktmbuf_reset_headroom(m);
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_prepend_append_adj_trim(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	uint16_t room = rte_pktmbuf_tailroom(m);
	TEST_ASSERT_EQUAL(room, RTE_MBUF_DEFAULT_BUF_SIZE - RTE_PKTMBUF_HEADROOM, "tailroom");
	TEST_ASSERT_EQUAL(rte_pktmbuf_headroom(m), RTE_PKTMBUF_HEADROOM, "headroom");

	char *tail = rte_pktmbuf_append(m, 100);
	TEST_ASSERT_EQUAL(tail, rte_pktmbuf_mtod(m, char *), "append on empty = data start");
	fill_pattern(tail, 100, 4);
	TEST_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 100u, "pkt_len macro");
	TEST_ASSERT_EQUAL(rte_pktmbuf_data_len(m), 100, "data_len macro");
	TEST_ASSERT_NULL(rte_pktmbuf_append(m, (uint16_t)(room - 100 + 1)), "one byte too many");
	TEST_ASSERT_EQUAL(m->pkt_len, 100u, "failed append changes nothing");

	char *head = rte_pktmbuf_prepend(m, 14);
	TEST_ASSERT_EQUAL(head + 14, tail, "prepended in front");
	TEST_ASSERT_EQUAL(m->pkt_len, 114u, "grew");
	TEST_ASSERT_NULL(rte_pktmbuf_prepend(m, RTE_PKTMBUF_HEADROOM), "headroom exceeded");
	TEST_ASSERT_EQUAL(m->data_off, RTE_PKTMBUF_HEADROOM - 14, "unchanged");

	TEST_ASSERT_EQUAL(rte_pktmbuf_adj(m, 14), tail, "adj back");
	TEST_ASSERT_NULL(rte_pktmbuf_adj(m, 101), "adj beyond data");
	TEST_ASSERT_EQUAL(m->pkt_len, 100u, "unchanged");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_trim(m, 40), "trim");
	TEST_ASSERT_EQUAL(m->data_len, 60, "trimmed");
	TEST_ASSERT_EQUAL(rte_pktmbuf_trim(m, 61), -1, "trim beyond data");
	TEST_ASSERT_EQUAL(m->pkt_len, 60u, "unchanged");
	TEST_ASSERT(check_pattern(rte_pktmbuf_mtod(m, char *), 60, 4), "data kept");
	TEST_ASSERT_EQUAL(rte_pktmbuf_headroom(m) + rte_pktmbuf_tailroom(m) + m->data_len,
			  m->buf_len, "rooms add up");
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_chain_and_segments(void)
{
	struct rte_mbuf *a = make_packet(100, 1);
	struct rte_mbuf *b = make_chain(3, 50);
	TEST_ASSERT(a != nullptr && b != nullptr, "packets");
	TEST_ASSERT_EQUAL(rte_pktmbuf_is_contiguous(a), 1, "one segment");
	TEST_ASSERT_EQUAL(rte_pktmbuf_is_contiguous(b), 0, "three segments");
	struct rte_mbuf *b_last = rte_pktmbuf_lastseg(b);
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(a, b), "chain");
	TEST_ASSERT_EQUAL(a->nb_segs, 4, "segments add");
	TEST_ASSERT_EQUAL(a->pkt_len, 250u, "lengths add");
	TEST_ASSERT_EQUAL(rte_pktmbuf_lastseg(a), b_last, "last segment");
	TEST_ASSERT_SUCCESS(rte_mbuf_check(a, 1, nullptr), "consistent chain");

	/* append/trim work on the last segment, pkt_len on the head */
	TEST_ASSERT_NOT_NULL(rte_pktmbuf_append(a, 5), "append");
	TEST_ASSERT_EQUAL(b_last->data_len, 55, "last grew");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_trim(a, 5), "trim");
	TEST_ASSERT_EQUAL(a->pkt_len, 250u, "head length");

	/* refcnt update walks every segment */
	rte_pktmbuf_refcnt_update(a, 1);
	for (struct rte_mbuf *s = a; s != nullptr; s = s->next)
		TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(s), 2, "each segment");
	rte_pktmbuf_free(a); /* drops one reference per segment */
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 4, "still held");
	rte_pktmbuf_free(a);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_chain_overflow(void)
{
	struct rte_mbuf *a = make_packet(10, 1);
	struct rte_mbuf *b = make_packet(10, 2);
	TEST_ASSERT(a != nullptr && b != nullptr, "packets");
	a->nb_segs = RTE_MBUF_MAX_NB_SEGS; /* pretend a is already maximal */
	TEST_ASSERT_EQUAL(rte_pktmbuf_chain(a, b), -EOVERFLOW, "too many segments");
	TEST_ASSERT_NULL(a->next, "nothing linked");
	TEST_ASSERT_EQUAL(a->pkt_len, 10u, "length unchanged");
	a->nb_segs = 1;
	rte_pktmbuf_free(a);
	rte_pktmbuf_free(b);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_read_contiguous_and_across_segments(void)
{
	struct rte_mbuf *m = make_chain(4, 100);
	TEST_ASSERT_NOT_NULL(m, "chain");
	char buf[400];
	const void *p = rte_pktmbuf_read(m, 10, 50, buf);
	TEST_ASSERT_EQUAL(p, static_cast<const void *>(rte_pktmbuf_mtod_offset(m, char *, 10)),
			  "inside the first segment: pointer into the mbuf");
	p = rte_pktmbuf_read(m, 150, 20, buf);
	TEST_ASSERT_EQUAL(p,
			  static_cast<const void *>(rte_pktmbuf_mtod_offset(m->next, char *, 50)),
			  "inside the second segment: pointer into it");
	p = rte_pktmbuf_read(m, 90, 250, buf);
	TEST_ASSERT_EQUAL(p, static_cast<const void *>(buf), "spanning: copied");
	TEST_ASSERT(check_pattern(buf, 250, 9, 90), "bytes 90..339 in order");
	TEST_ASSERT_NOT_NULL(rte_pktmbuf_read(m, 0, 400, buf), "whole packet");
	TEST_ASSERT_NULL(rte_pktmbuf_read(m, 0, 401, buf), "one byte past the end");
	TEST_ASSERT_NULL(rte_pktmbuf_read(m, 401, 0, buf), "offset past the end");
	/* off + len past 2^32: DPDK 22.11's sum wraps, and its own test reads
	 * len UINT32_MAX as "from off on"; the byte at off, nothing copied */
	memset(buf, 0, sizeof(buf));
	TEST_ASSERT_EQUAL(rte_pktmbuf_read(m, 10, UINT32_MAX, buf),
			  static_cast<const void *>(rte_pktmbuf_mtod_offset(m, char *, 10)),
			  "off + len wraps: the byte at off");
	TEST_ASSERT_EQUAL(rte_pktmbuf_read(m, 150, UINT32_MAX - 100, buf),
			  static_cast<const void *>(rte_pktmbuf_mtod_offset(m->next, char *, 50)),
			  "in the second segment");
	TEST_ASSERT(buf[0] == 0 && buf[99] == 0, "nothing copied");
	TEST_ASSERT_NULL(rte_pktmbuf_read(m, 10, UINT32_MAX - 10, buf),
			 "off + len = 2^32 - 1: past the end");
	TEST_ASSERT_NULL(rte_pktmbuf_read(m, 401, UINT32_MAX, buf), "wraps from past the end");
	TEST_ASSERT_NULL(rte_pktmbuf_read(m, UINT32_MAX, 1, buf), "wraps to 0 from 2^32 - 1");
	TEST_ASSERT_NULL(rte_pktmbuf_read(m, 90, 250, nullptr), "spanning needs a buffer");
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_linearize(void)
{
	struct rte_mbuf *m = make_chain(3, 500);
	TEST_ASSERT_NOT_NULL(m, "chain");
	std::string before = packet_bytes(m);
	TEST_ASSERT_SUCCESS(rte_pktmbuf_linearize(m), "fits in the first segment");
	TEST_ASSERT_EQUAL(m->nb_segs, 1, "one segment");
	TEST_ASSERT_NULL(m->next, "unchained");
	TEST_ASSERT_EQUAL(m->data_len, 1500, "all data in front");
	TEST_ASSERT(packet_bytes(m) == before, "same bytes");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 1, "other segments freed");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_linearize(m), "already linear");
	rte_pktmbuf_free(m);

	/* too much for the first segment's tailroom: nothing changes */
	m = make_chain(3, 1000);
	TEST_ASSERT_NOT_NULL(m, "chain");
	TEST_ASSERT_EQUAL(rte_pktmbuf_linearize(m), -1, "2000 bytes > tailroom");
	TEST_ASSERT_EQUAL(m->nb_segs, 3, "untouched");

	rte_pktmbuf_free(m);

	/* mirroring: clone a packet, linearize the original, then the clone;
	 * both keep their bytes, and every segment goes back exactly once */
	m = make_chain(2, 100);
	TEST_ASSERT_NOT_NULL(m, "chain");
	before = packet_bytes(m);
	struct rte_mbuf *c = rte_pktmbuf_clone(m, clone_pool);
	TEST_ASSERT_NOT_NULL(c, "clone");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_linearize(m), "head with refcnt 2");
	TEST_ASSERT(m->nb_segs == 1 && packet_bytes(m) == before, "original linear, same bytes");
	TEST_ASSERT(c->nb_segs == 2 && packet_bytes(c) == before, "clone untouched");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_linearize(c), "indirect head");
	TEST_ASSERT(c->nb_segs == 1 && packet_bytes(c) == before, "clone linear, same bytes");
	TEST_ASSERT(packet_bytes(m) == before, "original still the same");
	rte_pktmbuf_free(c);
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_copy_whole_and_partial(void)
{
	struct rte_mbuf *m = make_chain(3, 700);
	TEST_ASSERT_NOT_NULL(m, "chain");
	m->port = 5;
	m->vlan_tci = 42;
	m->packet_type = RTE_PTYPE_L2_ETHER;
	m->ol_flags = RTE_MBUF_F_RX_VLAN;
	m->hash.rss = 0xabcd;
	m->dynfield1[3] = 0x5a5a;
	std::string all = packet_bytes(m);

	struct rte_mbuf *c = rte_pktmbuf_copy(m, pool, 0, UINT32_MAX);
	TEST_ASSERT_NOT_NULL(c, "full copy");
	TEST_ASSERT(packet_bytes(c) == all, "same bytes");
	TEST_ASSERT_EQUAL(c->pkt_len, 2100u, "length");
	TEST_ASSERT_EQUAL(c->nb_segs, 2, "packed into full segments");
	TEST_ASSERT(RTE_MBUF_DIRECT(c) && rte_mbuf_refcnt_read(m) == 1, "independent copy");
	TEST_ASSERT_EQUAL(c->port, 5, "port");
	TEST_ASSERT_EQUAL(c->vlan_tci, 42, "vlan");
	TEST_ASSERT_EQUAL(c->packet_type, (uint32_t)RTE_PTYPE_L2_ETHER, "ptype");
	TEST_ASSERT_EQUAL(c->ol_flags, RTE_MBUF_F_RX_VLAN, "flags");
	TEST_ASSERT_EQUAL(c->hash.rss, 0xabcdu, "hash");
	TEST_ASSERT_EQUAL(c->dynfield1[3], 0x5a5au, "dynamic fields");
	TEST_ASSERT_SUCCESS(rte_mbuf_check(c, 1, nullptr), "valid");
	rte_pktmbuf_free(c);

	c = rte_pktmbuf_copy(m, pool, 650, 100);
	TEST_ASSERT_NOT_NULL(c, "partial copy across a segment boundary");
	TEST_ASSERT(packet_bytes(c) == all.substr(650, 100), "bytes 650..749");
	rte_pktmbuf_free(c);

	c = rte_pktmbuf_copy(m, pool, 2000, 1000);
	TEST_ASSERT_NOT_NULL(c, "length clipped to the packet");
	TEST_ASSERT_EQUAL(c->pkt_len, 100u, "100 bytes left");
	rte_pktmbuf_free(c);

	c = rte_pktmbuf_copy(m, pool, 2099, UINT32_MAX);
	TEST_ASSERT_NOT_NULL(c, "last byte");
	TEST_ASSERT_EQUAL(c->pkt_len, 1u, "one byte");
	rte_pktmbuf_free(c);
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_copy_errors(void)
{
	struct rte_mbuf *m = make_packet(100, 1);
	TEST_ASSERT_NOT_NULL(m, "packet");
	{
		log_capture cap;
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_pktmbuf_copy(m, pool, 101, 1), "offset beyond the packet");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
		TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
	}
	{
		/* as in DPDK: the offset must name a byte of the packet */
		log_capture cap;
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_pktmbuf_copy(m, pool, 100, 1), "offset == pkt_len");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
		TEST_ASSERT_EQUAL(cap.lines(), 1, "one line");
	}
	{
		log_capture cap;
		TEST_ASSERT_NULL(rte_pktmbuf_copy(nullptr, pool, 0, 1), "NULL packet");
		TEST_ASSERT_NULL(rte_pktmbuf_copy(m, nullptr, 0, 1), "NULL pool");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
		TEST_ASSERT_EQUAL(cap.lines(), 2, "one line each");
	}
	{
		log_capture cap;
		TEST_ASSERT_NULL(rte_pktmbuf_copy(m, clone_pool, 0, 10), "pool without data room");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
		std::string log = cap.text();
		TEST_ASSERT(log.find("mbuf_test_clone") != std::string::npos, "names the pool: %s",
			    log.c_str());
	}
	/* the pool running dry is a run-time condition: NULL, ENOENT, no leak */
	std::vector<struct rte_mbuf *> hog = mbuf_test::drain(pool, 0);
	TEST_ASSERT_EQUAL(hog.size(), (size_t)pool_size - 1, "drained");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_pktmbuf_copy(m, pool, 0, 100), "no mbuf left");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "errno");
	rte_pktmbuf_free_bulk(hog.data(), hog.size());
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_clone_shares_data(void)
{
	struct rte_mbuf *m = make_chain(2, 300);
	TEST_ASSERT_NOT_NULL(m, "chain");
	m->port = 9;
	struct rte_mbuf *c = rte_pktmbuf_clone(m, clone_pool);
	TEST_ASSERT_NOT_NULL(c, "clone");
	TEST_ASSERT_EQUAL(c->nb_segs, 2, "segments");
	TEST_ASSERT_EQUAL(c->pkt_len, 600u, "length");
	TEST_ASSERT_EQUAL(c->port, 9, "metadata copied");
	TEST_ASSERT(RTE_MBUF_CLONED(c) && RTE_MBUF_CLONED(c->next), "indirect segments");
	TEST_ASSERT_EQUAL(c->buf_addr, m->buf_addr, "same buffer");
	TEST_ASSERT_EQUAL(c->next->buf_addr, m->next->buf_addr, "same buffer, second segment");
	TEST_ASSERT_EQUAL(rte_mbuf_from_indirect(c), m, "owner of the buffer");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 2, "original pinned");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m->next), 2, "each segment pinned");
	TEST_ASSERT(packet_bytes(c) == packet_bytes(m), "same data");

	/* a clone of the clone pins the original, not the clone */
	struct rte_mbuf *cc = rte_pktmbuf_clone(c, clone_pool);
	TEST_ASSERT_NOT_NULL(cc, "clone of clone");
	TEST_ASSERT_EQUAL(rte_mbuf_from_indirect(cc), m, "still the original");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 3, "three users");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(c), 1, "clone itself unshared");

	/* original freed first: data lives on until the last clone goes */
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 2, "buffers still held");
	TEST_ASSERT(check_pattern(rte_pktmbuf_mtod(c, char *), 300, 9), "data intact");
	rte_pktmbuf_free(c);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 2, "cc still holds them");
	rte_pktmbuf_free(cc);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_clone_errors(void)
{
	struct rte_mbuf *m = make_chain(3, 10);
	TEST_ASSERT_NOT_NULL(m, "chain");
	{
		log_capture cap;
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_pktmbuf_clone(nullptr, clone_pool), "NULL packet");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
		TEST_ASSERT_NULL(rte_pktmbuf_clone(m, nullptr), "NULL pool");
		TEST_ASSERT_EQUAL(cap.lines(), 2, "one line each");
	}
	/* only two clone mbufs left for a three-segment packet: nothing leaks */
	std::vector<struct rte_mbuf *> hog = mbuf_test::drain(clone_pool, 2);
	TEST_ASSERT_EQUAL(hog.size(), (size_t)clone_pool_size - 2, "drained");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_pktmbuf_clone(m, clone_pool), "runs out midway");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "errno");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(clone_pool), 2u, "partial clone given back");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "references dropped");
	rte_pktmbuf_free_bulk(hog.data(), hog.size());
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_attach_detach(void)
{
	struct rte_mbuf *m = make_packet(200, 3);
	struct rte_mbuf *mi = rte_pktmbuf_alloc(pool); /* a direct mbuf from any pool */
	TEST_ASSERT(m != nullptr && mi != nullptr, "mbufs");
	void *own_buf = mi->buf_addr;
	rte_iova_t own_iova = mi->buf_iova;
	rte_pktmbuf_adj(m, 20);
	rte_pktmbuf_attach(mi, m);
	TEST_ASSERT(RTE_MBUF_CLONED(mi), "indirect");
	TEST_ASSERT_EQUAL(mi->data_off, m->data_off, "same view");
	TEST_ASSERT_EQUAL(mi->data_len, 180, "same length");
	TEST_ASSERT_EQUAL(mi->buf_iova, m->buf_iova, "same IOVA");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 2, "pinned");

	rte_pktmbuf_detach(mi);
	TEST_ASSERT(RTE_MBUF_DIRECT(mi), "direct again");
	TEST_ASSERT_EQUAL(mi->buf_addr, own_buf, "own buffer back");
	TEST_ASSERT_EQUAL(mi->buf_iova, own_iova, "own IOVA back");
	TEST_ASSERT_EQUAL(mi->data_len, 0, "empty");
	TEST_ASSERT_EQUAL(mi->data_off, RTE_PKTMBUF_HEADROOM, "default headroom");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "released");

	/* detach of the last user of a freed owner recycles the owner */
	rte_pktmbuf_attach(mi, m);
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 2, "owner kept alive");
	rte_pktmbuf_detach(mi);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 1, "owner recycled");
	rte_pktmbuf_free(mi);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static int
test_mbuf_refcnt_read_set_update(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_update(m, 2), 3, "1 + 2");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_update(m, -1), 2, "3 - 1 (atomic path)");
	rte_mbuf_refcnt_set(m, 5);
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 5, "set");
	for (int i = 0; i < 4; i++) {
		rte_pktmbuf_free(m);
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), pool_size - 1, "still referenced");
	}
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "one left");
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

/* ---- two lcores ---- */

namespace {

constexpr unsigned n_rounds = 300;
constexpr unsigned per_round = 32;
constexpr unsigned n_updates = 200000;

struct shared_state {
	std::atomic<int> go{-1};
	std::atomic<int> done{-1};
	struct rte_mbuf *to_free[per_round]; /* worker frees these each round */
	struct rte_mbuf *counter;            /* hammered by both lcores */
};

shared_state *state;

int
refcnt_worker(void *)
{
	/* 1. concurrent updates on one mbuf (both hold a base reference, so
	 *    every update takes the atomic path) */
	for (unsigned i = 0; i < n_updates; i++) {
		rte_mbuf_refcnt_update(state->counter, 1);
		rte_mbuf_refcnt_update(state->counter, -1);
	}
	rte_pktmbuf_free(state->counter); /* drop the worker's reference */
	/* 2. rounds of concurrent frees */
	for (int r = 0; r < (int)n_rounds; r++) {
		while (state->go.load(std::memory_order_acquire) != r)
			std::this_thread::yield();
		for (unsigned i = 0; i < per_round; i++)
			rte_pktmbuf_free(state->to_free[i]);
		state->done.store(r, std::memory_order_release);
	}
	return 0;
}

} // namespace

static int
test_mbuf_refcnt_two_lcores(void)
{
	if (rte_lcore_count() < 2)
		TEST_SKIP("needs 2 lcores, have %u", rte_lcore_count());
	unsigned worker = rte_get_next_lcore(-1, 1, 0);
	shared_state st;
	state = &st;

	st.counter = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(st.counter, "alloc");
	rte_mbuf_refcnt_set(st.counter, 2); /* one reference per lcore */
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(refcnt_worker, nullptr, worker), "launch");

	for (unsigned i = 0; i < n_updates; i++) {
		rte_mbuf_refcnt_update(st.counter, 1);
		rte_mbuf_refcnt_update(st.counter, -1);
	}
	rte_pktmbuf_free(st.counter);

	/* each round: the main lcore frees originals while the worker frees
	 * their clones and the second reference of shared direct mbufs */
	struct rte_mbuf *mine[per_round];
	for (int r = 0; r < (int)n_rounds; r++) {
		for (unsigned i = 0; i < per_round; i++) {
			mine[i] = make_packet(64, i);
			st.to_free[i] = nullptr;
			if (mine[i] == nullptr)
				continue; /* the pool check below fails the case */
			if (i % 2 == 0) {
				st.to_free[i] = rte_pktmbuf_clone(mine[i], clone_pool);
			} else {
				rte_mbuf_refcnt_update(mine[i], 1);
				st.to_free[i] = mine[i];
			}
		}
		st.go.store(r, std::memory_order_release);
		for (unsigned i = 0; i < per_round; i++)
			rte_pktmbuf_free(mine[i]);
		while (st.done.load(std::memory_order_acquire) != r)
			std::this_thread::yield();
		if (rte_mempool_avail_count(pool) != pool_size ||
		    rte_mempool_avail_count(clone_pool) != clone_pool_size)
			break;
	}
	st.go.store(n_rounds, std::memory_order_release); /* unblock if we broke out */
	TEST_ASSERT_SUCCESS(rte_eal_wait_lcore(worker), "worker");
	state = nullptr;
	ASSERT_POOLS_FULL();
	rte_mempool_audit(pool);
	return TEST_SUCCESS;
}

static int
test_mbuf_sched_and_tx_offload(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_mbuf_sched_set(m, 0x11223344, 5, 2);
	TEST_ASSERT_EQUAL(rte_mbuf_sched_queue_get(m), 0x11223344u, "queue");
	TEST_ASSERT_EQUAL(rte_mbuf_sched_traffic_class_get(m), 5, "tc");
	TEST_ASSERT_EQUAL(rte_mbuf_sched_color_get(m), 2, "color");
	TEST_ASSERT_EQUAL(m->hash.sched.reserved, 0, "reserved cleared");
	rte_mbuf_sched_queue_set(m, 7);
	rte_mbuf_sched_traffic_class_set(m, 1);
	rte_mbuf_sched_color_set(m, 0);
	uint32_t q;
	uint8_t tc, color;
	rte_mbuf_sched_get(m, &q, &tc, &color);
	TEST_ASSERT(q == 7 && tc == 1 && color == 0, "get all");

	m->tx_offload = rte_mbuf_tx_offload(14, 20, 32, 1448, 40, 18, 0);
	TEST_ASSERT(m->l2_len == 14 && m->l3_len == 20 && m->l4_len == 32, "inner lengths");
	TEST_ASSERT(m->tso_segsz == 1448 && m->outer_l3_len == 40 && m->outer_l2_len == 18,
		    "tso and outer lengths");

	m->ol_flags = 0;
	TEST_ASSERT_SUCCESS(rte_validate_tx_offload(m), "no offload");
	m->ol_flags = RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_IPV6;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -EINVAL, "IPv4 checksum on IPv6");
	m->ol_flags = RTE_MBUF_F_TX_TCP_CKSUM;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -EINVAL, "L4 checksum without IP type");
	m->ol_flags = RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV4;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -EINVAL, "TSO IPv4 without IP checksum");
	m->ol_flags |= RTE_MBUF_F_TX_IP_CKSUM;
	TEST_ASSERT_SUCCESS(rte_validate_tx_offload(m), "TSO IPv4 complete");
	m->tso_segsz = 0;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -EINVAL, "TSO without segment size");
	m->ol_flags = RTE_MBUF_F_TX_OUTER_IP_CKSUM;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -EINVAL, "outer checksum without IPv4");
	m->ol_flags = RTE_MBUF_F_TX_OUTER_IP_CKSUM | RTE_MBUF_F_TX_OUTER_IPV4;
	TEST_ASSERT_SUCCESS(rte_validate_tx_offload(m), "outer IPv4 checksum");
	m->ol_flags = 0;
	rte_pktmbuf_free(m);
	ASSERT_POOLS_FULL();
	return TEST_SUCCESS;
}

static const struct unit_test_case mbuf_cases[] = {
	TEST_CASE(test_mbuf_layout_is_dpdk_abi), TEST_CASE(test_mbuf_alloc_gives_reset_direct_mbuf),
	TEST_CASE(test_mbuf_iova_helpers), TEST_CASE(test_mbuf_alloc_bulk_all_or_nothing),
	TEST_CASE(test_mbuf_raw_alloc_and_free), TEST_CASE(test_mbuf_reset_restores_defaults),
	TEST_CASE(test_mbuf_prepend_append_adj_trim), TEST_CASE(test_mbuf_chain_and_segments),
	TEST_CASE(test_mbuf_chain_overflow),
	TEST_CASE(test_mbuf_read_contiguous_and_across_segments), TEST_CASE(test_mbuf_linearize),
	TEST_CASE(test_mbuf_copy_whole_and_partial), TEST_CASE(test_mbuf_copy_errors),
	TEST_CASE(test_mbuf_clone_shares_data), TEST_CASE(test_mbuf_clone_errors),
	TEST_CASE(test_mbuf_attach_detach), TEST_CASE(test_mbuf_refcnt_read_set_update),
	TEST_CASE(test_mbuf_sched_and_tx_offload),
	/* last: the worker lcore's cache keeps mbufs single gets here miss */
	TEST_CASE(test_mbuf_refcnt_two_lcores), TEST_CASES_END()};

static const struct unit_test_suite mbuf_suite = {"mbuf", setup, teardown, mbuf_cases};

static int
test_mbuf(void)
{
	return unit_test_suite_runner(&mbuf_suite);
}

REGISTER_FAST_TEST(mbuf_autotest, NOHUGE_OK, ASAN_OK, test_mbuf);
