/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * One net_af_xdp port on a pool of 8 chunks placed in reverse address order
 * with a page between them (so the first chunk is the highest one and the
 * objects do not lie packed from it), built against the DPDK API only, so
 * that the same file runs on dpkit and on DPDK 22.11
 * (devtools/af-xdp-vs-dpdk.sh builds and runs both). It receives for the
 * given seconds and prints: the pool's chunks, frames received, mbufs
 * found back in the pool after the port is closed, and the port's
 * rx_nombuf.
 *
 *     af_xdp_chunks <EAL args with --vdev net_af_xdp0,iface=...> -- <seconds>
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#define N_MBUFS 8192
#define N_CHUNKS 8
#define PAGE 4096

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int n = rte_eal_init(argc, argv);
	if (n < 0) {
		printf("result: eal-init-failed\n");
		return 1;
	}
	double secs = argc - n > 1 ? atof(argv[n + 1]) : 3.0;
	struct rte_mempool *mp = rte_mempool_create_empty("chunky", N_MBUFS,
			sizeof(struct rte_mbuf) + RTE_MBUF_DEFAULT_BUF_SIZE, 0,
			sizeof(struct rte_pktmbuf_pool_private), SOCKET_ID_ANY,
			RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	if (mp == NULL || rte_mempool_set_ops_byname(mp, "ring_mp_mc", NULL) != 0) {
		printf("result: pool-failed\n");
		return 1;
	}
	rte_pktmbuf_pool_init(mp, NULL);
	size_t elt = mp->header_size + mp->elt_size + mp->trailer_size;
	size_t per = (N_MBUFS + N_CHUNKS - 1) / N_CHUNKS;
	size_t len = (per * elt + 2 * PAGE) & ~(size_t)(PAGE - 1);
	char *area = rte_malloc("chunks", (len + PAGE) * N_CHUNKS, PAGE);
	if (area == NULL) {
		printf("result: no-memory\n");
		return 1;
	}
	for (int k = N_CHUNKS - 1; k >= 0 && mp->populated_size < mp->size; k--) {
		char *at = area + (size_t)k * (len + PAGE);
		if (rte_mempool_populate_iova(mp, at, rte_mem_virt2iova(at), len, NULL,
					      NULL) < 0) {
			printf("result: populate-failed\n");
			return 1;
		}
	}
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL);
	printf("pool: %u mbufs in %u chunks, first chunk at the highest address\n",
	       mp->populated_size, mp->nb_mem_chunks);

	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	int ret = rte_eth_dev_configure(0, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(0, 0, 1024, SOCKET_ID_ANY, NULL, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(0, 0, 1024, SOCKET_ID_ANY, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(0);
	if (ret != 0) {
		printf("result: refused (%s)\n", rte_strerror(-ret));
		return 2;
	}
	printf("ready\n");
	fflush(stdout);
	uint64_t rx = 0, end = rte_get_timer_cycles() + (uint64_t)(secs * rte_get_timer_hz());
	struct rte_mbuf *pkts[32];
	while (rte_get_timer_cycles() < end) {
		uint16_t k = rte_eth_rx_burst(0, 0, pkts, 32);
		rx += k;
		rte_pktmbuf_free_bulk(pkts, k);
	}
	struct rte_eth_stats st;
	rte_eth_stats_get(0, &st);
	rte_eth_dev_stop(0);
	rte_eth_dev_close(0);
	printf("result: received %llu, rx_nombuf %llu, imissed %llu, mbufs back %u/%u\n",
	       (unsigned long long)rx, (unsigned long long)st.rx_nombuf,
	       (unsigned long long)st.imissed, rte_mempool_avail_count(mp), mp->size);
	return 0;
}
