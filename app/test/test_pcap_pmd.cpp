/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * pcap_autotest: net_pcap on files. Frames read from a file arrive byte
 * for byte with their capture time in the timestamp dynamic field; frames
 * sent are written to a nanosecond pcap file; infinite_rx replays; an
 * empty pool costs no frame; queues follow the arguments; bad arguments
 * are refused with one line. Live interfaces: test_pcap_iface.cpp.
 */

#include <errno.h>
#include <time.h>

#include <string>
#include <vector>

#include <rte_ethdev.h>
#include <rte_mbuf_dyn.h>

#include "test_ethdev.h"
#include "test_pcap_pmd.h"

using namespace ethdev_test;
using namespace pcap_test;

namespace {

/* Receive until @p want frames or 50 empty polls; copies of the frames. */
std::vector<std::vector<uint8_t>>
receive(uint16_t port, uint16_t q, unsigned int want, std::vector<uint64_t> *ts = nullptr,
	std::vector<uint16_t> *segs = nullptr)
{
	std::vector<std::vector<uint8_t>> got;
	int ts_off = rte_mbuf_dynfield_lookup(RTE_MBUF_DYNFIELD_TIMESTAMP_NAME, nullptr);
	int ts_bit = rte_mbuf_dynflag_lookup(RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME, nullptr);
	for (int idle = 0; got.size() < want && idle < 50;) {
		struct rte_mbuf *pkts[32];
		uint16_t n = rte_eth_rx_burst(port, q, pkts, 32);
		idle = n == 0 ? idle + 1 : 0;
		for (uint16_t i = 0; i < n; i++) {
			std::vector<uint8_t> b(pkts[i]->pkt_len);
			const void *p = rte_pktmbuf_read(pkts[i], 0, pkts[i]->pkt_len, b.data());
			if (p != b.data())
				memcpy(b.data(), p, b.size());
			got.push_back(b);
			if (ts != nullptr) {
				bool has = ts_off >= 0 && ts_bit >= 0 &&
					   (pkts[i]->ol_flags & (1ull << ts_bit));
				ts->push_back(has ? *RTE_MBUF_DYNFIELD(pkts[i], ts_off, uint64_t *)
						  : UINT64_MAX);
			}
			if (segs != nullptr)
				segs->push_back(pkts[i]->nb_segs);
		}
		free_all(pkts, n);
	}
	return got;
}

std::vector<record>
sample_records(unsigned int n)
{
	std::vector<record> recs;
	for (uint32_t i = 0; i < n; i++) {
		record r;
		r.sec = 1700000000 + i;
		r.frac = 123456 + i;
		/* sizes from a runt to a jumbo that needs three 2 KB mbufs */
		r.bytes = test_frame(i, i == 3 ? 5000 : 60 + i * 97 % 1454);
		recs.push_back(r);
	}
	return recs;
}

int
test_pcap_rx_frames_carry_capture_time(void)
{
	tmpdir d;
	std::vector<record> recs = sample_records(8);
	TEST_ASSERT(write_pcap(d / "in.pcap", recs), "write %s", (d / "in.pcap").c_str());
	vdev v("net_pcap_rx", "rx_pcap=" + (d / "in.pcap"));
	pool p("pcap_rx", 512);
	TEST_ASSERT(v.ok() && p.mp, "port: %d", v.ret);
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	unsigned int avail = rte_mempool_avail_count(p.mp);
	std::vector<uint64_t> ts;
	std::vector<uint16_t> segs;
	auto got = receive(v.port, 0, 100, &ts, &segs);
	TEST_ASSERT_EQUAL(got.size(), recs.size(), "every frame of the file, then nothing");
	for (size_t i = 0; i < recs.size(); i++) {
		TEST_ASSERT(got[i] == recs[i].bytes, "frame %zu differs", i);
		uint64_t want = (uint64_t)recs[i].sec * 1000000 + recs[i].frac;
		TEST_ASSERT_EQUAL(ts[i], want, "frame %zu: timestamp in microseconds", i);
	}
	TEST_ASSERT_EQUAL(segs[3], (uint16_t)3, "5000 bytes in 2 KB mbufs: a chain of 3");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.ipackets, (uint64_t)recs.size(), "ipackets");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), avail, "no mbuf kept");

	/* a stopped port closes its file; started again, it replays from the start */
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(v.port), "start again");
	got = receive(v.port, 0, 100);
	TEST_ASSERT_EQUAL(got.size(), recs.size(), "replayed after a restart");
	TEST_ASSERT(got[0] == recs[0].bytes, "from the first frame");
	return TEST_SUCCESS;
}

int
test_pcap_tx_writes_a_nanosecond_file(void)
{
	tmpdir d;
	vdev v("net_pcap_tx", "tx_pcap=" + (d / "out.pcap"));
	pool p("pcap_tx", 512);
	TEST_ASSERT(v.ok() && p.mp, "port: %d", v.ret);
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	struct timespec before;
	clock_gettime(CLOCK_REALTIME, &before);
	std::vector<std::vector<uint8_t>> sent;
	for (uint32_t i = 0; i < 20; i++) {
		sent.push_back(test_frame(i, 60 + i * 71));
		struct rte_mbuf *m = rte_pktmbuf_alloc(p.mp);
		TEST_ASSERT_NOT_NULL(m, "alloc");
		uint32_t half = (uint32_t)sent[i].size() / 2;
		memcpy(rte_pktmbuf_append(m, (uint16_t)half), sent[i].data(), half);
		if (i % 2) { /* odd frames as two-segment chains */
			struct rte_mbuf *t = rte_pktmbuf_alloc(p.mp);
			TEST_ASSERT_NOT_NULL(t, "alloc");
			uint32_t rest = (uint32_t)sent[i].size() - half;
			memcpy(rte_pktmbuf_append(t, (uint16_t)rest), sent[i].data() + half, rest);
			TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(m, t), "chain");
		} else {
			uint32_t rest = (uint32_t)sent[i].size() - half;
			memcpy(rte_pktmbuf_append(m, (uint16_t)rest), sent[i].data() + half, rest);
		}
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, &m, 1), (uint16_t)1, "tx %u", i);
	}
	/* each burst is flushed: the file is readable before stop */
	file f;
	TEST_ASSERT(read_pcap(d / "out.pcap", f), "readable while the port runs");
	TEST_ASSERT_EQUAL(f.records.size(), sent.size(), "every burst flushed");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(v.port), "stop");
	f = {};
	TEST_ASSERT(read_pcap(d / "out.pcap", f), "out.pcap is a pcap file");
	TEST_ASSERT_EQUAL(f.magic, magic_ns, "nanosecond timestamps");
	TEST_ASSERT_EQUAL(f.records.size(), sent.size(), "frames written");
	uint64_t prev = (uint64_t)before.tv_sec * 1000000000 + (uint64_t)before.tv_nsec;
	for (size_t i = 0; i < sent.size(); i++) {
		const record &r = f.records[i];
		TEST_ASSERT(r.bytes == sent[i], "frame %zu differs", i);
		TEST_ASSERT_EQUAL(r.orig_len, (uint32_t)sent[i].size(), "frame %zu length", i);
		uint64_t ns = (uint64_t)r.sec * 1000000000 + r.frac;
		TEST_ASSERT(r.frac < 1000000000 && ns + 1000000 >= prev &&
				    ns < prev + 10000000000ull,
			    "frame %zu: time %llu not after the previous (%llu) or far off", i,
			    (unsigned long long)ns, (unsigned long long)prev);
		prev = ns;
	}
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.opackets, (uint64_t)sent.size(), "opackets");
	return TEST_SUCCESS;
}

/* A file that refuses the bytes (a full disk) loses the burst, counted. */
int
test_pcap_tx_full_disk_counts_errors(void)
{
	vdev v("net_pcap_full", "tx_pcap=/dev/full");
	pool p("pcap_full", 256);
	TEST_ASSERT(v.ok() && p.mp, "port: %d", v.ret);
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	struct rte_mbuf *m[3];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, m, 3), "alloc");
	for (auto *x : m)
		rte_pktmbuf_append(x, 200);
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, m, 3), (uint16_t)3, "taken");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT(st.oerrors == 3 && st.opackets == 0, "lost and counted: %llu errors, %llu sent",
		    (unsigned long long)st.oerrors, (unsigned long long)st.opackets);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), 256u, "mbufs freed");
	return TEST_SUCCESS;
}

int
test_pcap_infinite_rx_replays_forever(void)
{
	tmpdir d;
	std::vector<record> recs = sample_records(5);
	TEST_ASSERT(write_pcap(d / "in.pcap", recs), "write");
	vdev v("net_pcap_inf", "rx_pcap=" + (d / "in.pcap") + ",infinite_rx=1");
	/* fewer mbufs than a DPDK 22.11 port would need to hold the file: the
	 * file is kept in memory, not in mbufs */
	pool p("pcap_inf", 64, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "port: %d", v.ret);
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	auto got = receive(v.port, 0, 1003);
	TEST_ASSERT(got.size() >= 1003, "replayed: %zu frames", got.size());
	for (size_t i = 0; i < 1003; i++)
		TEST_ASSERT(got[i] == recs[i % recs.size()].bytes, "frame %zu out of order", i);
	/* without tx_pcap / tx_iface, transmit drops and counts */
	struct rte_mbuf *m = rte_pktmbuf_alloc(p.mp);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_pktmbuf_append(m, 100);
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(v.port, 0, &m, 1), (uint16_t)1, "dropped");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.opackets, 1ull, "counted as sent");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(p.mp), 64u, "every mbuf back");
	return TEST_SUCCESS;
}

/* A burst that finds the pool empty reads nothing: the frames wait in the file. */
int
test_pcap_empty_pool_costs_no_frame(void)
{
	tmpdir d;
	std::vector<record> recs = sample_records(6);
	TEST_ASSERT(write_pcap(d / "in.pcap", recs), "write");
	vdev v("net_pcap_nombuf", "rx_pcap=" + (d / "in.pcap"));
	pool p("pcap_nombuf", 64, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(v.ok() && p.mp, "port: %d", v.ret);
	TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
	std::vector<struct rte_mbuf *> taken;
	while (struct rte_mbuf *m = rte_pktmbuf_alloc(p.mp))
		taken.push_back(m);
	struct rte_mbuf *pkts[8];
	for (int i = 0; i < 10; i++)
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 8), (uint16_t)0, "no mbuf");
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(v.port, &st), "stats");
	TEST_ASSERT_EQUAL(st.rx_nombuf, 10ull, "one count per burst that found no mbuf");
	for (struct rte_mbuf *m : taken)
		rte_pktmbuf_free(m);
	auto got = receive(v.port, 0, 100);
	TEST_ASSERT_EQUAL(got.size(), recs.size(), "no frame lost");
	return TEST_SUCCESS;
}

int
test_pcap_queues_follow_the_arguments(void)
{
	tmpdir d;
	TEST_ASSERT(write_pcap(d / "a.pcap", sample_records(2)), "write");
	TEST_ASSERT(write_pcap(d / "b.pcap", sample_records(3)), "write");
	pool p("pcap_queues", 512);
	struct rte_eth_dev_info info;
	{
		vdev v("net_pcap_q", "rx_pcap=" + (d / "a.pcap") + ",rx_pcap=" + (d / "b.pcap") +
					     ",tx_pcap=" + (d / "o.pcap"));
		TEST_ASSERT(v.ok(), "port: %d", v.ret);
		TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
		TEST_ASSERT(info.max_rx_queues == 2 && info.max_tx_queues == 1, "2 rx, 1 tx: %u %u",
			    info.max_rx_queues, info.max_tx_queues);
		TEST_ASSERT_SUCCESS(port_start(v.port, 2, 1, p.mp), "start");
		TEST_ASSERT_EQUAL(receive(v.port, 0, 100).size(), (size_t)2, "queue 0: a.pcap");
		TEST_ASSERT_EQUAL(receive(v.port, 1, 100).size(), (size_t)3, "queue 1: b.pcap");
	}
	{
		vdev v("net_pcap_q", "tx_pcap=" + (d / "o.pcap") + ",tx_pcap=" + (d / "o2.pcap"));
		TEST_ASSERT(v.ok(), "port: %d", v.ret);
		TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(v.port, &info), "info");
		TEST_ASSERT(info.max_rx_queues == 2 && info.max_tx_queues == 2,
			    "an idle rx queue per tx stream: %u %u", info.max_rx_queues,
			    info.max_tx_queues);
		TEST_ASSERT_SUCCESS(port_start(v.port, 2, 2, p.mp), "start");
		TEST_ASSERT_EQUAL(receive(v.port, 1, 1).size(), (size_t)0, "idle rx queue");
	}
	return TEST_SUCCESS;
}

int
test_pcap_bad_arguments_refused(void)
{
	tmpdir d;
	TEST_ASSERT(write_pcap(d / "a.pcap", sample_records(2)), "write");
	FILE *junk = fopen((d / "junk.pcap").c_str(), "w");
	TEST_ASSERT(junk && fputs("not a pcap file\n", junk) >= 0 && fclose(junk) == 0, "junk");
	const std::string a = d / "a.pcap";
	uint16_t before = rte_eth_dev_count_total();
	struct {
		std::string args;
		const char *names;
	} bad[] = {
		{"", "no stream"},
		{"rx_pcap=", "rx_pcap"},
		{"rx_pcap=" + (d / "missing.pcap"), "rx_pcap"},
		{"rx_pcap=" + (d / "junk.pcap"), "rx_pcap"},
		{"tx_pcap=/nonexistent-dir/out.pcap", "tx_pcap"},
		{"rx_iface=dpkit_no_such_if", "rx_iface"},
		{"iface=lo,rx_pcap=" + a, "iface"},
		{"iface=lo,iface=lo", "iface"},
		{"rx_pcap=" + a + ",rx_iface=lo", "rx_pcap"},
		{"rx_pcap=" + a + ",phy_mac=1", "phy_mac"},
		{"tx_pcap=" + (d / "o.pcap") + ",infinite_rx=1", "infinite_rx"},
		{"rx_pcap=" + a + ",infinite_rx=2", "infinite_rx"},
		{"rx_pcap=" + a + ",infinite_rx=1,infinite_rx=1", "infinite_rx"},
		{"rx_pcap=" + a + ",snaplen=100", "snaplen"},
	};
	for (const auto &b : bad) {
		std::string out;
		int rc = run_child({"--vdev", "net_pcap_bad," + b.args}, "vdev_list_ports", out);
		TEST_ASSERT(rc != 0, "'%s' accepted:\n%s", b.args.c_str(), out.c_str());
		TEST_ASSERT_EQUAL(count_lines_with(out, "net_pcap_bad"), 1u, "'%s': one line:\n%s",
				  b.args.c_str(), out.c_str());
		TEST_ASSERT(out.find(b.names) != std::string::npos, "'%s' names %s:\n%s",
			    b.args.c_str(), b.names, out.c_str());
		TEST_ASSERT(rte_vdev_init("net_pcap_bad", b.args.c_str()) < 0, "'%s' in process",
			    b.args.c_str());
	}
	TEST_ASSERT_EQUAL(rte_vdev_init("net_pcap_bad", ("rx_pcap=" + a + ",x=1").c_str()), -EINVAL,
			  "-EINVAL");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_total(), before, "no port left behind");
	return TEST_SUCCESS;
}

const struct unit_test_case pcap_cases[] = {TEST_CASE(test_pcap_rx_frames_carry_capture_time),
					    TEST_CASE(test_pcap_tx_writes_a_nanosecond_file),
					    TEST_CASE(test_pcap_tx_full_disk_counts_errors),
					    TEST_CASE(test_pcap_infinite_rx_replays_forever),
					    TEST_CASE(test_pcap_empty_pool_costs_no_frame),
					    TEST_CASE(test_pcap_queues_follow_the_arguments),
					    TEST_CASE(test_pcap_bad_arguments_refused),
					    TEST_CASES_END()};

const struct unit_test_suite pcap_suite = {"net_pcap", nullptr, nullptr, pcap_cases};

int
test_pcap(void)
{
	return unit_test_suite_runner(&pcap_suite);
}

} // namespace

REGISTER_FAST_TEST(pcap_autotest, NOHUGE_OK, ASAN_OK, test_pcap);
