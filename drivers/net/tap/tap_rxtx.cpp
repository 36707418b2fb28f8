/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_tap burst functions: one readv() per received frame and one writev()
 * per sent frame on the queue's non-blocking descriptor (what a TAP
 * interface offers without vhost).
 *
 * Receive reads straight into an mbuf's data room behind the tun_pi
 * header. The mbuf is taken before the read; a read that finds nothing
 * keeps it as the queue's spare for the next burst, so polling an idle
 * queue costs no pool traffic. A burst that finds the pool empty counts
 * once in rx_nombuf and leaves the frames in the kernel's queue. A frame
 * cut to fit the data room (TUN_PKT_STRIP) is counted in ierrors and its
 * mbuf reused.
 *
 * Transmit hands every segment of a chain to one writev(). A full kernel
 * queue (EAGAIN, ENOBUFS) ends the burst and the caller keeps the rest;
 * any other refusal (interface down: EIO) drops the frame and counts it
 * in oerrors.
 */

#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/if_tun.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>

#include "tap_private.h"

namespace dpkit::tap_detail {

namespace {

/* more segments than this are not worth a writev: the frame is dropped */
constexpr unsigned int max_iov = 64;

} // namespace

uint16_t
rx_burst(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	auto *rq = static_cast<rx_queue *>(q);
	uint16_t n = 0;
	uint64_t bytes = 0, errs = 0;

	while (n < nb_bufs) {
		struct rte_mbuf *m = rq->spare;
		if (m == nullptr) {
			m = rte_pktmbuf_alloc(rq->mp);
			if (unlikely(m == nullptr)) {
				__atomic_fetch_add(rq->nombuf, 1, __ATOMIC_RELAXED);
				break;
			}
			rq->spare = m;
		}
		struct tun_pi pi;
		struct iovec iov[2] = {
			{&pi, sizeof(pi)},
			{rte_pktmbuf_mtod(m, void *), rte_pktmbuf_tailroom(m)},
		};
		ssize_t r = readv(rq->fd, iov, 2);
		if (r < (ssize_t)sizeof(pi))
			break; /* EAGAIN: nothing waiting */
		if (unlikely(pi.flags & TUN_PKT_STRIP)) {
			errs++;
			continue;
		}
		rq->spare = nullptr;
		m->data_len = (uint16_t)(r - (ssize_t)sizeof(pi));
		m->pkt_len = m->data_len;
		m->port = rq->port_id;
		bytes += m->pkt_len;
		bufs[n++] = m;
	}
	dpkit_eth_sw_count(&rq->stats, n, bytes, errs);
	return n;
}

uint16_t
tx_burst(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	auto *tq = static_cast<tx_queue *>(q);
	uint64_t bytes = 0, errs = 0;
	uint16_t i;

	for (i = 0; i < nb_bufs; i++) {
		struct rte_mbuf *m = bufs[i];
		struct iovec iov[max_iov + 1];
		struct tun_pi pi = {0, 0};
		if (likely(m->data_len >= RTE_ETHER_HDR_LEN))
			pi.proto = rte_pktmbuf_mtod(m, struct rte_ether_hdr *)->ether_type;
		iov[0] = {&pi, sizeof(pi)};
		unsigned int cnt = 1;
		for (struct rte_mbuf *s = m; s != nullptr && cnt <= max_iov; s = s->next)
			iov[cnt++] = {rte_pktmbuf_mtod(s, void *), s->data_len};
		if (unlikely(m->nb_segs > max_iov)) {
			rte_pktmbuf_free(m);
			errs++;
			continue;
		}
		if (writev(tq->fd, iov, (int)cnt) < 0) {
			if (errno == EAGAIN || errno == ENOBUFS)
				break;
			rte_pktmbuf_free(m);
			errs++;
			continue;
		}
		bytes += m->pkt_len;
		rte_pktmbuf_free(m);
	}
	dpkit_eth_sw_count(&tq->stats, i - errs, bytes, errs);
	return i;
}

} // namespace dpkit::tap_detail
