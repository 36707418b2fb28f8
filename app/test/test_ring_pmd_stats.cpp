/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * ring_pmd_stats_autotest: net_ring counts as DPDK 22.11 does. Packets in
 * and out per queue, nothing else: a burst the ring cannot take whole
 * leaves the rest with the caller (not an error, or a retried packet would
 * count twice), and a queue on a multi-producer/multi-consumer ring polled
 * by several threads at once loses no count.
 */

#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

struct ring_guard {
	struct rte_ring *r;
	ring_guard(const char *name, unsigned int n, unsigned int flags)
	{
		r = rte_ring_create(name, n, SOCKET_ID_ANY, flags);
	}
	~ring_guard() { rte_ring_free(r); }
};

/* Port @p port has counted exactly @p out packets out and @p in in, nothing else. */
int
check_only_packets(uint16_t port, uint64_t out, uint64_t in)
{
	struct rte_eth_stats st;
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(port, &st), "stats");
	TEST_ASSERT_EQUAL(st.opackets, out, "opackets %llu", (unsigned long long)st.opackets);
	TEST_ASSERT_EQUAL(st.ipackets, in, "ipackets %llu", (unsigned long long)st.ipackets);
	TEST_ASSERT_EQUAL(st.q_opackets[0], out, "q_opackets");
	TEST_ASSERT_EQUAL(st.q_ipackets[0], in, "q_ipackets");
	TEST_ASSERT(st.oerrors == 0 && st.ierrors == 0 && st.imissed == 0 && st.rx_nombuf == 0 &&
			    st.q_errors[0] == 0,
		    "no errors: oerrors %llu ierrors %llu imissed %llu nombuf %llu q_errors %llu",
		    (unsigned long long)st.oerrors, (unsigned long long)st.ierrors,
		    (unsigned long long)st.imissed, (unsigned long long)st.rx_nombuf,
		    (unsigned long long)st.q_errors[0]);
	TEST_ASSERT(st.obytes == 0 && st.ibytes == 0, "no bytes (DPDK counts none): %llu %llu",
		    (unsigned long long)st.obytes, (unsigned long long)st.ibytes);
	return TEST_SUCCESS;
}

int
test_ring_port_refused_packets_are_not_errors(void)
{
	ring_guard r("ring_pmd_retry", 8, RING_F_SP_ENQ | RING_F_SC_DEQ); /* 7 slots */
	pool p("ring_pmd_retry", 256);
	TEST_ASSERT(r.r && p.mp, "setup");
	int port = rte_eth_from_ring(r.r);
	TEST_ASSERT(port >= 0, "port");
	TEST_ASSERT_SUCCESS(port_start((uint16_t)port, 1, 1, p.mp), "start");

	/* an application that sends until everything went: 7, then the 3 left */
	struct rte_mbuf *pkts[10], *in[10];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, pkts, 10), "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)port, 0, pkts, 10), (uint16_t)7, "ring full");
	TEST_ASSERT_SUCCESS(check_only_packets((uint16_t)port, 7, 0), "after the refusal");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)port, 0, in, 10), (uint16_t)7, "drained");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)port, 0, pkts + 7, 3), (uint16_t)3, "retry");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)port, 0, in + 7, 3), (uint16_t)3, "the rest");
	free_all(in, 10);
	TEST_ASSERT_SUCCESS(check_only_packets((uint16_t)port, 10, 10), "each packet once");

	/* a burst the full ring takes nothing of counts nothing */
	struct rte_mbuf *fill[8];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, fill, 8), "alloc");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)port, 0, fill, 7), (uint16_t)7, "fill");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst((uint16_t)port, 0, fill + 7, 1), (uint16_t)0, "full");
	TEST_ASSERT_SUCCESS(check_only_packets((uint16_t)port, 17, 10), "refusal not counted");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst((uint16_t)port, 0, in, 10), (uint16_t)7, "drain");
	free_all(in, 7);
	rte_pktmbuf_free(fill[7]);

	TEST_ASSERT_SUCCESS(rte_eth_stats_reset((uint16_t)port), "reset");
	TEST_ASSERT_SUCCESS(check_only_packets((uint16_t)port, 0, 0), "after reset");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop((uint16_t)port), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("ring_pmd_retry"), "uninit");
	return TEST_SUCCESS;
}

/*
 * Move the calling thread to the CPUs outside @p caller (the EAL pins the
 * main lcore to one): two threads on one CPU take turns, and would race
 * only when one is preempted inside a count.
 */
void
run_beside_the_caller(const cpu_set_t &caller)
{
	cpu_set_t others;
	CPU_ZERO(&others);
	for (int c = 0; c < CPU_SETSIZE && c < (int)sysconf(_SC_NPROCESSORS_ONLN); c++)
		if (!CPU_ISSET(c, &caller))
			CPU_SET(c, &others);
	if (CPU_COUNT(&others) > 0)
		pthread_setaffinity_np(pthread_self(), sizeof(others), &others);
}

/*
 * Two threads poll the one queue of a loop-back port whose ring is
 * multi-producer and multi-consumer (the ring makes that safe): one moves
 * packets and keeps a tally, the other polls with empty bursts, which
 * count 0 packets but still update the counters. The port's counts must
 * equal the tally: a count that is a load and a store, not one atomic
 * add, would lose the first thread's increments to the second's stores.
 */
int
test_ring_port_shared_queue_counts_every_packet(void)
{
	constexpr unsigned int held_max = 8, rounds = 200000;
	ring_guard r("ring_pmd_mpmc", 64, 0);
	pool p("ring_pmd_mpmc", 256, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	TEST_ASSERT(r.r && p.mp, "setup");
	int port = rte_eth_from_ring(r.r);
	TEST_ASSERT(port >= 0, "port");
	TEST_ASSERT_SUCCESS(port_start((uint16_t)port, 1, 1, p.mp), "start");

	struct rte_mbuf *held[held_max];
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(p.mp, held, held_max), "alloc");
	unsigned int n = held_max;
	uint64_t sent = 0, received = 0, empty_polls = 0;
	std::atomic<bool> started{false}, done{false};
	cpu_set_t main_cpus;
	CPU_ZERO(&main_cpus);
	pthread_getaffinity_np(pthread_self(), sizeof(main_cpus), &main_cpus);
	std::thread poller([&] {
		struct rte_mbuf *none[1];
		run_beside_the_caller(main_cpus);
		started = true;
		while (!done.load(std::memory_order_relaxed)) {
			rte_eth_tx_burst((uint16_t)port, 0, none, 0);
			rte_eth_rx_burst((uint16_t)port, 0, none, 0);
			empty_polls++;
		}
	});
	while (!started)
		;
	for (unsigned int i = 0; i < rounds; i++) {
		uint16_t k = rte_eth_tx_burst((uint16_t)port, 0, held, (uint16_t)(1 + i % n));
		memmove(held, held + k, (n - k) * sizeof(held[0]));
		n -= k;
		sent += k;
		k = rte_eth_rx_burst((uint16_t)port, 0, held + n, (uint16_t)(held_max - n));
		n += k;
		received += k;
	}
	done = true;
	poller.join();
	free_all(held, n);
	printf("ring_pmd shared queue: sent %llu, received %llu, %llu empty polls beside\n",
	       (unsigned long long)sent, (unsigned long long)received,
	       (unsigned long long)empty_polls);
	TEST_ASSERT_EQUAL(sent, received, "every packet sent came back");
	TEST_ASSERT(sent >= rounds, "packets moved: %llu", (unsigned long long)sent);
	TEST_ASSERT_SUCCESS(check_only_packets((uint16_t)port, sent, received), "counts");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop((uint16_t)port), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("ring_pmd_mpmc"), "uninit");
	return TEST_SUCCESS;
}

const struct unit_test_case stats_cases[] = {
	TEST_CASE(test_ring_port_refused_packets_are_not_errors),
	TEST_CASE(test_ring_port_shared_queue_counts_every_packet), TEST_CASES_END()};

const struct unit_test_suite stats_suite = {"net_ring counters", nullptr, nullptr, stats_cases};

int
test_ring_pmd_stats(void)
{
	return unit_test_suite_runner(&stats_suite);
}

} // namespace

REGISTER_FAST_TEST(ring_pmd_stats_autotest, NOHUGE_OK, ASAN_OK, test_ring_pmd_stats);
