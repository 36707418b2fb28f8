/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mbuf_check_autotest: inspection of mbufs. rte_mbuf_check() with each kind
 * of corruption it must report, rte_mbuf_sanity_check() panicking (in a
 * child process), rte_pktmbuf_dump(), offload flag names and lists, and
 * packet type names.
 */

#include <signal.h>
#include <string.h>

#include <string>

#include <rte_errno.h>
#include <rte_mbuf.h>

#include "test.h"
#include "test_mbuf.h"

using mbuf_test::fill_pattern;
using mbuf_test::pool_guard;

namespace {

struct rte_mempool *pool;

int
setup(void)
{
	pool = rte_pktmbuf_pool_create("mbc_pool", 63, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				       SOCKET_ID_ANY);
	return pool != nullptr ? 0 : -1;
}

void
teardown(void)
{
	rte_mempool_free(pool);
	pool = nullptr;
}

std::string
capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char *text = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	fn(f, arg);
	fclose(f);
	std::string s(text, len);
	free(text);
	return s;
}

} // namespace

static int
test_mbuf_check_reports_each_corruption(void)
{
	struct rte_mbuf *a = rte_pktmbuf_alloc(pool);
	struct rte_mbuf *b = rte_pktmbuf_alloc(pool);
	TEST_ASSERT(a != nullptr && b != nullptr, "alloc");
	rte_pktmbuf_append(a, 100);
	rte_pktmbuf_append(b, 50);
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(a, b), "chain");
	const char *reason = "untouched";
	TEST_ASSERT_SUCCESS(rte_mbuf_check(a, 1, &reason), "valid packet");
	TEST_ASSERT_EQUAL(std::string(reason), std::string("untouched"), "reason left alone");
	rte_mbuf_sanity_check(a, 1); /* must not panic */

	struct corruption {
		const char *what;
		void (*apply)(struct rte_mbuf *a);
		void (*undo)(struct rte_mbuf *a);
		int is_header;
		const char *needle;
	} cases[] = {
		{"no pool", [](struct rte_mbuf *m) { m->pool = nullptr; },
		 [](struct rte_mbuf *m) { m->pool = pool; }, 0, "pool"},
		{"no buffer", [](struct rte_mbuf *m) { m->buf_addr = nullptr; },
		 [](struct rte_mbuf *m) { m->buf_addr = rte_mbuf_to_baddr(m); }, 0,
		 "buffer address"},
		{"IOVA 0", [](struct rte_mbuf *m) { m->buf_iova = 0; },
		 [](struct rte_mbuf *m) { m->buf_iova = 1; }, 0, "IOVA"},
		{"refcnt 0", [](struct rte_mbuf *m) { rte_mbuf_refcnt_set(m, 0); },
		 [](struct rte_mbuf *m) { rte_mbuf_refcnt_set(m, 1); }, 0, "reference count"},
		{"data_off past buffer", [](struct rte_mbuf *m) { m->data_off = m->buf_len + 1; },
		 [](struct rte_mbuf *m) { m->data_off = RTE_PKTMBUF_HEADROOM; }, 0, "offset"},
		{"data past buffer", [](struct rte_mbuf *m) { m->data_len = m->buf_len; },
		 [](struct rte_mbuf *m) { m->data_len = 100; }, 0, "past the end"},
		{"nb_segs too small", [](struct rte_mbuf *m) { m->nb_segs = 1; },
		 [](struct rte_mbuf *m) { m->nb_segs = 2; }, 1, "more segments"},
		{"nb_segs too large", [](struct rte_mbuf *m) { m->nb_segs = 3; },
		 [](struct rte_mbuf *m) { m->nb_segs = 2; }, 1, "fewer segments"},
		{"pkt_len wrong", [](struct rte_mbuf *m) { m->pkt_len = 149; },
		 [](struct rte_mbuf *m) { m->pkt_len = 150; }, 1, "pkt_len"},
		{"bad second segment", [](struct rte_mbuf *m) { rte_mbuf_refcnt_set(m->next, 0); },
		 [](struct rte_mbuf *m) { rte_mbuf_refcnt_set(m->next, 1); }, 1, "reference count"},
	};
	rte_iova_t saved_iova = a->buf_iova;
	for (const auto &c : cases) {
		c.apply(a);
		reason = nullptr;
		int ret = rte_mbuf_check(a, c.is_header, &reason);
		c.undo(a);
		if (strcmp(c.what, "IOVA 0") == 0)
			a->buf_iova = saved_iova;
		TEST_ASSERT_EQUAL(ret, -1, "%s not detected", c.what);
		TEST_ASSERT(reason != nullptr && strstr(reason, c.needle) != nullptr,
			    "%s: reason '%s' should mention '%s'", c.what,
			    reason ? reason : "(null)", c.needle);
		TEST_ASSERT_SUCCESS(rte_mbuf_check(a, 1, nullptr), "%s undone", c.what);
	}
	TEST_ASSERT_EQUAL(rte_mbuf_check(nullptr, 1, &reason), -1, "NULL mbuf");
	TEST_ASSERT(strstr(reason, "NULL") != nullptr, "reason: %s", reason);

	/* a loop in the chain ends the walk instead of hanging */
	b->next = a;
	TEST_ASSERT_EQUAL(rte_mbuf_check(a, 1, &reason), -1, "loop");
	b->next = nullptr;
	rte_pktmbuf_free(a);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), 63u, "all back");
	return TEST_SUCCESS;
}

/* Child side: builds a corrupt mbuf and calls rte_mbuf_sanity_check(). */
static int
mbuf_sanity_panic_child(void)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("mbc_child", 15, 0, 0, 512, SOCKET_ID_ANY);
	if (mp == nullptr)
		return TEST_FAILED;
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	m->data_len = 600; /* past the 512-byte buffer */
	m->pkt_len = 600;
	rte_mbuf_sanity_check(m, 1);
	printf("sanity check returned\n");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(mbuf_sanity_panic_child, mbuf_sanity_panic_child);

static int
test_mbuf_sanity_check_panics(void)
{
	const char *argv[] = {"dpkit-test",
			      "--no-huge",
			      "-m",
			      "64",
			      "--no-pci",
			      "--file-prefix=mbuf_sanity_child",
			      "mbuf_sanity_panic_child",
			      nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	TEST_ASSERT(rc == 256 + SIGABRT, "child should abort, status %d: %s", rc, out.c_str());
	TEST_ASSERT(out.find("past the end") != std::string::npos, "reason printed: %s",
		    out.c_str());
	TEST_ASSERT(out.find("returned") == std::string::npos, "did not return");
	return TEST_SUCCESS;
}

static int
test_mbuf_dump(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	struct rte_mbuf *m2 = rte_pktmbuf_alloc(pool);
	TEST_ASSERT(m != nullptr && m2 != nullptr, "alloc");
	memcpy(rte_pktmbuf_append(m, 20), "hello, dpkit mbufs!!", 20);
	fill_pattern(rte_pktmbuf_append(m2, 40), 40, 1);
	rte_pktmbuf_chain(m, m2);
	m->ol_flags = RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_IP_CKSUM_GOOD;

	std::string out = capture(
		[](FILE *f, const void *p) {
		rte_pktmbuf_dump(f, static_cast<const struct rte_mbuf *>(p), 30);
		},
		m);
	TEST_ASSERT(out.find("pkt_len 60") != std::string::npos, "length: %s", out.c_str());
	TEST_ASSERT(out.find("nb_segs 2") != std::string::npos, "segments");
	TEST_ASSERT(out.find("segment 1") != std::string::npos, "second segment listed");
	TEST_ASSERT(out.find("RTE_MBUF_F_RX_VLAN") != std::string::npos, "flag names");
	TEST_ASSERT(out.find("RTE_MBUF_F_RX_IP_CKSUM_GOOD") != std::string::npos, "cksum state");
	TEST_ASSERT(out.find("68 65 6c 6c 6f") != std::string::npos, "hex of 'hello'");
	TEST_ASSERT(out.find("|hello, dpkit mbu|") != std::string::npos, "ascii column");
	TEST_ASSERT(out.find("mbc_pool") != std::string::npos, "pool name");
	TEST_ASSERT(out.find("INVALID") == std::string::npos, "valid packet");

	std::string none = capture([](FILE *f, const void *) { rte_pktmbuf_dump(f, nullptr, 0); },
				   nullptr);
	TEST_ASSERT(none.find("NULL") != std::string::npos, "NULL mbuf dumped safely");
	m->pkt_len = 1;
	std::string bad = capture(
		[](FILE *f, const void *p) {
		rte_pktmbuf_dump(f, static_cast<const struct rte_mbuf *>(p), 0);
		},
		m);
	TEST_ASSERT(bad.find("INVALID") != std::string::npos, "broken packet flagged");
	m->pkt_len = 60;
	m->ol_flags = 0;
	rte_pktmbuf_free(m);
	return TEST_SUCCESS;
}

static int
test_mbuf_offload_flag_names(void)
{
	TEST_ASSERT_EQUAL(std::string(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_VLAN)),
			  std::string("RTE_MBUF_F_RX_VLAN"), "rx bit");
	TEST_ASSERT_EQUAL(std::string(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_L4_CKSUM_NONE)),
			  std::string("RTE_MBUF_F_RX_L4_CKSUM_NONE"), "rx field value");
	TEST_ASSERT_NULL(rte_get_rx_ol_flag_name(0), "zero is no flag");
	TEST_ASSERT_NULL(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_LRO),
			 "two flags are not one name");
	TEST_ASSERT_NULL(rte_get_rx_ol_flag_name(RTE_MBUF_F_TX_IPV4), "tx bit is no rx flag");
	TEST_ASSERT_EQUAL(std::string(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_UDP_CKSUM)),
			  std::string("RTE_MBUF_F_TX_UDP_CKSUM"), "tx field value");
	TEST_ASSERT_EQUAL(std::string(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_TUNNEL_GENEVE)),
			  std::string("RTE_MBUF_F_TX_TUNNEL_GENEVE"), "tunnel");
	TEST_ASSERT_EQUAL(std::string(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_OUTER_UDP_CKSUM)),
			  std::string("RTE_MBUF_F_TX_OUTER_UDP_CKSUM"), "tx bit");
	TEST_ASSERT_NULL(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_L4_NO_CKSUM), "zero");
	/* a documented difference: DPDK 22.11 returns NULL for this valid flag */
	TEST_ASSERT_EQUAL(std::string(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_TUNNEL_ESP)),
			  std::string("RTE_MBUF_F_TX_TUNNEL_ESP"), "ESP tunnel named");
	TEST_ASSERT_NULL(rte_get_tx_ol_flag_name(RTE_MBUF_F_RX_VLAN), "rx bit is no tx flag");

	char buf[256];
	TEST_ASSERT_SUCCESS(
		rte_get_rx_ol_flag_list(RTE_MBUF_F_RX_RSS_HASH | RTE_MBUF_F_RX_L4_CKSUM_BAD, buf,
					sizeof(buf)),
		"rx list");
	std::string l(buf);
	TEST_ASSERT(l.find("RTE_MBUF_F_RX_RSS_HASH") != std::string::npos, "bit listed: %s", buf);
	TEST_ASSERT(l.find("RTE_MBUF_F_RX_L4_CKSUM_BAD") != std::string::npos, "field listed");
	TEST_ASSERT(l.find("RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN") != std::string::npos,
		    "unset checksum field shows UNKNOWN");
	TEST_ASSERT(l.find("RTE_MBUF_F_RX_VLAN") == std::string::npos, "unset bit absent");
	TEST_ASSERT_SUCCESS(rte_get_tx_ol_flag_list(RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_CKSUM |
							    RTE_MBUF_F_TX_TUNNEL_VXLAN,
						    buf, sizeof(buf)),
			    "tx list");
	TEST_ASSERT_EQUAL(
		std::string(buf),
		std::string(
			"RTE_MBUF_F_TX_TCP_CKSUM RTE_MBUF_F_TX_IPV4 RTE_MBUF_F_TX_TUNNEL_VXLAN "),
		"tx list content: each name followed by a space, as in DPDK");
	/* 0 is a state of the L4 field: no checksum requested */
	TEST_ASSERT_SUCCESS(rte_get_tx_ol_flag_list(0, buf, sizeof(buf)), "tx list of 0");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("RTE_MBUF_F_TX_L4_NO_CKSUM "),
			  "the zero-valued L4 state is named");
	char six[6];
	TEST_ASSERT_EQUAL(rte_get_tx_ol_flag_list(0, six, sizeof(six)), -1,
			  "the L4 state does not fit in 6 bytes");

	char tiny[10];
	TEST_ASSERT_EQUAL(rte_get_rx_ol_flag_list(RTE_MBUF_F_RX_VLAN, tiny, sizeof(tiny)), -1,
			  "buffer too small");
	TEST_ASSERT(strlen(tiny) < sizeof(tiny), "still NUL-terminated");
	TEST_ASSERT_EQUAL(rte_get_tx_ol_flag_list(0, nullptr, 10), -1, "NULL buffer");
	TEST_ASSERT_EQUAL(rte_get_rx_ol_flag_list(0, buf, 0), -1, "zero length");
	return TEST_SUCCESS;
}

static int
test_mbuf_ptype_names(void)
{
	uint32_t pt = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_UDP |
		      RTE_PTYPE_TUNNEL_VXLAN | RTE_PTYPE_INNER_L2_ETHER | RTE_PTYPE_INNER_L3_IPV6 |
		      RTE_PTYPE_INNER_L4_TCP;
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_l2_name(pt)), std::string("L2_ETHER"), "l2");
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_l3_name(pt)),
			  std::string("L3_IPV4_EXT_UNKNOWN"), "l3");
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_l4_name(pt)), std::string("L4_UDP"), "l4");
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_tunnel_name(pt)), std::string("TUNNEL_VXLAN"),
			  "tunnel");
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_inner_l2_name(pt)),
			  std::string("INNER_L2_ETHER"), "inner l2");
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_inner_l3_name(pt)),
			  std::string("INNER_L3_IPV6"), "inner l3");
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_inner_l4_name(pt)), std::string("INNER_L4_TCP"),
			  "inner l4");
	TEST_ASSERT(RTE_ETH_IS_IPV4_HDR(pt) && !RTE_ETH_IS_IPV6_HDR(pt), "outer IPv4");
	TEST_ASSERT(RTE_ETH_IS_TUNNEL_PKT(pt), "tunnelled");
	TEST_ASSERT_EQUAL(std::string(rte_get_ptype_l2_name(0)), std::string("L2_UNKNOWN"),
			  "never NULL");

	char buf[128];
	TEST_ASSERT_SUCCESS(
		rte_get_ptype_name(RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4 | RTE_PTYPE_L4_TCP, buf,
				   sizeof(buf)),
		"name");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("L2_ETHER L3_IPV4 L4_TCP"), "list");
	TEST_ASSERT_SUCCESS(rte_get_ptype_name(RTE_PTYPE_UNKNOWN, buf, sizeof(buf)), "unknown");
	TEST_ASSERT_EQUAL(std::string(buf), std::string("UNKNOWN"), "nothing known");
	TEST_ASSERT_EQUAL(rte_get_ptype_name(pt, buf, 12), -1, "too small");
	TEST_ASSERT_EQUAL(rte_get_ptype_name(pt, nullptr, 12), -1, "NULL");
	return TEST_SUCCESS;
}

static const struct unit_test_case mbuf_check_cases[] = {
	TEST_CASE(test_mbuf_check_reports_each_corruption),
	TEST_CASE(test_mbuf_sanity_check_panics),
	TEST_CASE(test_mbuf_dump),
	TEST_CASE(test_mbuf_offload_flag_names),
	TEST_CASE(test_mbuf_ptype_names),
	TEST_CASES_END()};

static const struct unit_test_suite mbuf_check_suite = {"mbuf checks, dump and names", setup,
							teardown, mbuf_check_cases};

static int
test_mbuf_check(void)
{
	return unit_test_suite_runner(&mbuf_check_suite);
}

REGISTER_FAST_TEST(mbuf_check_autotest, NOHUGE_OK, ASAN_OK, test_mbuf_check);
