/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_pcap burst functions. Every frame is copied: libpcap owns the bytes
 * it hands out (valid until its next call) and takes bytes to write.
 *
 * Receive takes an mbuf first and reads a frame second, so an empty pool
 * costs no frame (the frame stays in the file or the kernel ring for the
 * next burst); each burst that stops for want of an mbuf counts once in
 * rx_nombuf. A frame larger than one data room is received as a chain.
 * Frames from a file or a live interface carry their capture time in the
 * timestamp dynamic field, in microseconds, with the rx timestamp flag set
 * (DPDK 22.11's unit); replayed frames (infinite_rx) carry none, since a
 * frame's capture time says nothing once it is sent a second time.
 *
 * Transmit to a file stamps each frame with the wall-clock time its burst
 * was written (nanoseconds; one clock read per burst) and flushes the file once per burst, so a reader
 * sees every burst that returned. It writes the records itself, in the
 * layout pcap_dump() uses: gathered in a staging buffer, then one write()
 * on the dumper's file descriptor (past stdio, whose buffer is emptied
 * once, of the file header libpcap wrote at open). Transmit to an interface stops at the
 * first frame the kernel refuses (its socket buffer is full): the caller
 * keeps that frame and the rest.
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <rte_branch_prediction.h>
#include <rte_cycles.h>
#include <rte_mbuf_dyn.h>

#include "pcap_private.h"

namespace dpkit::pcap_detail {

int ts_offset = -1;
uint64_t ts_flag;

int
copy_to_mbuf(struct rte_mbuf *m, struct rte_mempool *mp, const uint8_t *data, uint32_t len)
{
	uint32_t room = rte_pktmbuf_tailroom(m);
	if (likely(len <= room)) {
		memcpy(rte_pktmbuf_mtod(m, uint8_t *), data, len);
		m->data_len = (uint16_t)len;
		m->pkt_len = len;
		return 0;
	}
	memcpy(rte_pktmbuf_mtod(m, uint8_t *), data, room);
	m->data_len = (uint16_t)room;
	m->pkt_len = len;
	struct rte_mbuf *last = m;
	for (uint32_t done = room; done < len;) {
		struct rte_mbuf *seg = rte_pktmbuf_alloc(mp);
		if (seg == nullptr)
			return -ENOBUFS;
		seg->data_off = 0; /* a segment after the first needs no headroom */
		last->next = seg;
		last = seg;
		m->nb_segs++;
		uint32_t n = RTE_MIN(len - done, (uint32_t)rte_pktmbuf_tailroom(seg));
		memcpy(rte_pktmbuf_mtod(seg, uint8_t *), data + done, n);
		seg->data_len = (uint16_t)n;
		done += n;
	}
	return 0;
}

uint16_t
rx_pcap(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	auto *rq = static_cast<rx_queue *>(q);
	uint16_t n = 0;
	uint64_t bytes = 0, errs = 0;

	if (unlikely(rq->pcap == nullptr))
		return 0;
	while (n < nb_bufs) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(rq->mp);
		if (unlikely(m == nullptr)) {
			__atomic_fetch_add(rq->nombuf, 1, __ATOMIC_RELAXED);
			break;
		}
		struct pcap_pkthdr *h;
		const u_char *data;
		int ret = pcap_next_ex(rq->pcap, &h, &data);
		if (ret != 1) {
			/* 0: nothing waiting on the interface; PCAP_ERROR_BREAK:
			 * end of the file; PCAP_ERROR: a damaged file */
			rte_pktmbuf_free(m);
			if (ret == PCAP_ERROR)
				errs++;
			break;
		}
		if (unlikely(copy_to_mbuf(m, rq->mp, data, h->caplen) != 0)) {
			rte_pktmbuf_free(m);
			__atomic_fetch_add(rq->nombuf, 1, __ATOMIC_RELAXED);
			errs++; /* the frame is gone: libpcap does not give it twice */
			break;
		}
		*RTE_MBUF_DYNFIELD(m, ts_offset, rte_mbuf_timestamp_t *) = (uint64_t)h->ts.tv_sec *
										   1000000u +
									   (uint64_t)h->ts.tv_usec;
		m->ol_flags |= ts_flag;
		m->port = rq->port_id;
		bytes += h->caplen;
		bufs[n++] = m;
	}
	dpkit_eth_sw_count(&rq->stats, n, bytes, errs);
	return n;
}

uint16_t
rx_replay(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	auto *rq = static_cast<rx_queue *>(q);
	uint64_t bytes = 0;

	if (unlikely(nb_bufs == 0 || rq->replay_count == 0))
		return 0;
	if (unlikely(rte_pktmbuf_alloc_bulk(rq->mp, bufs, nb_bufs) != 0)) {
		__atomic_fetch_add(rq->nombuf, 1, __ATOMIC_RELAXED);
		return 0;
	}
	uint32_t next = rq->replay_next;
	uint16_t n;
	for (n = 0; n < nb_bufs; n++) {
		const replay_frame &f = rq->replay[next];
		struct rte_mbuf *m = bufs[n];
		if (unlikely(copy_to_mbuf(m, rq->mp, rq->replay_data + f.off, f.len) != 0)) {
			/* the frame is sent again in the next burst */
			__atomic_fetch_add(rq->nombuf, 1, __ATOMIC_RELAXED);
			rte_pktmbuf_free_bulk(bufs + n, nb_bufs - n);
			break;
		}
		m->port = rq->port_id;
		bytes += f.len;
		next = next + 1 == rq->replay_count ? 0 : next + 1;
	}
	rq->replay_next = next;
	dpkit_eth_sw_count(&rq->stats, n, bytes, 0);
	return n;
}

uint16_t
rx_none(void *, struct rte_mbuf **, uint16_t)
{
	return 0;
}

namespace {

/* Wall-clock nanoseconds now, from the timer: one multiply, no division
 * and no system call (ns_per_cycle is nanoseconds per cycle times 2^32). */
uint64_t
now_ns(const tx_queue *tq)
{
	uint64_t cycles = rte_get_timer_cycles() - tq->start_cycles;
	return tq->start_ns + (uint64_t)(((unsigned __int128)cycles * tq->ns_per_cycle) >> 32);
}

/* The 16-byte record header of a pcap file, in the writer's byte order
 * (pcap_dump() writes the same, through two locked stdio calls). */
struct record_header {
	uint32_t sec;
	uint32_t frac;
	uint32_t caplen;
	uint32_t len;
};

/* @return false if the file refused some of the bytes (full disk). */
bool
write_all(int fd, const uint8_t *p, size_t len)
{
	while (len != 0) {
		ssize_t r = write(fd, p, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		len -= (size_t)r;
	}
	return true;
}

} // namespace

uint16_t
tx_dump(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	auto *tq = static_cast<tx_queue *>(q);
	uint64_t bytes = 0;

	if (unlikely(tq->dumper == nullptr || nb_bufs == 0))
		return 0;
	/* the file header libpcap wrote at open may still sit in stdio's buffer */
	FILE *f = pcap_dump_file(tq->dumper);
	if (unlikely(!tq->header_flushed)) {
		fflush(f);
		tq->header_flushed = true;
	}
	int fd = fileno(f);
	bool failed = false;
	/* the frames of one burst are written at one time */
	uint64_t ns = now_ns(tq);
	record_header h;
	h.sec = (uint32_t)(ns / 1000000000u);
	h.frac = (uint32_t)(ns % 1000000000u); /* a nanosecond file */
	/* records are gathered in the staging buffer and written in one call */
	size_t used = 0;
	for (uint16_t i = 0; i < nb_bufs; i++) {
		struct rte_mbuf *m = bufs[i];
		h.len = m->pkt_len;
		h.caplen = RTE_MIN(m->pkt_len, (uint32_t)dump_snaplen);
		if (used + sizeof(h) + h.caplen > stage_size) {
			failed |= !write_all(fd, tq->stage, used);
			used = 0;
		}
		memcpy(tq->stage + used, &h, sizeof(h));
		used += sizeof(h);
		if (likely(h.caplen <= m->data_len)) {
			memcpy(tq->stage + used, rte_pktmbuf_mtod(m, void *), h.caplen);
		} else {
			const void *data = rte_pktmbuf_read(m, 0, h.caplen, tq->stage + used);
			if (data != tq->stage + used)
				memcpy(tq->stage + used, data, h.caplen);
		}
		used += h.caplen;
		bytes += m->pkt_len;
	}
	failed |= !write_all(fd, tq->stage, used);
	rte_pktmbuf_free_bulk(bufs, nb_bufs);
	/* a write error (full disk): the burst is counted as lost */
	if (unlikely(failed))
		dpkit_eth_sw_count(&tq->stats, 0, 0, nb_bufs);
	else
		dpkit_eth_sw_count(&tq->stats, nb_bufs, bytes, 0);
	return nb_bufs;
}

uint16_t
tx_wire(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	auto *tq = static_cast<tx_queue *>(q);
	uint64_t bytes = 0, errs = 0;
	uint16_t i;

	if (unlikely(tq->pcap == nullptr))
		return 0;
	for (i = 0; i < nb_bufs; i++) {
		struct rte_mbuf *m = bufs[i];
		if (unlikely(m->pkt_len > (uint32_t)dump_snaplen)) {
			rte_pktmbuf_free(m); /* no link carries it */
			errs++;
			continue;
		}
		const void *data = rte_pktmbuf_read(m, 0, m->pkt_len, tq->scratch);
		if (pcap_sendpacket(tq->pcap, static_cast<const u_char *>(data), (int)m->pkt_len) !=
		    0)
			break;
		bytes += m->pkt_len;
		rte_pktmbuf_free(m);
	}
	dpkit_eth_sw_count(&tq->stats, i - errs, bytes, errs);
	return i;
}

uint16_t
tx_drop(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	auto *tq = static_cast<tx_queue *>(q);
	uint64_t bytes = 0;
	for (uint16_t i = 0; i < nb_bufs; i++)
		bytes += bufs[i]->pkt_len;
	rte_pktmbuf_free_bulk(bufs, nb_bufs);
	dpkit_eth_sw_count(&tq->stats, nb_bufs, bytes, 0);
	return nb_bufs;
}

} // namespace dpkit::pcap_detail
