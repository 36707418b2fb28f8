/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_af_xdp fast path. The UMEM is the pool's memory, so no byte is
 * copied in user space:
 *   rx: the fill ring holds the data rooms of free mbufs (UMEM offset of
 *       buf_addr, unaligned-chunk mode); the kernel writes a frame after
 *       its 256 bytes of XDP headroom and returns the same offset with the
 *       frame's own offset in the upper 16 bits, which becomes data_off.
 *       The mbuf header is at a fixed distance before buf_addr.
 *   tx: a direct, single-segment, unshared mbuf inside the UMEM is sent
 *       where it lies: the descriptor holds the offset of the mbuf header,
 *       with the data's distance from it in the upper 16 bits, so the
 *       completion gives the mbuf back directly. Any other mbuf is copied
 *       into an mbuf of the UMEM pool first.
 * Each mbuf in the kernel's hands is in its queue's slot table (see
 * af_xdp_private.h); that costs a store and a stack push per packet and
 * is what makes teardown leak-free.
 * rx_nombuf counts fill-ring slots left empty because the pool had no
 * mbuf, each empty slot once (a poll loop on an empty pool does not count
 * again); frames already received are delivered regardless.
 */

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <atomic>

#include <rte_malloc.h>

#include "af_xdp_private.h"

namespace dpkit::af_xdp {

namespace {

constexpr uint32_t refill_batch = 32;
constexpr uint16_t max_burst = 64;

inline void
owned_put(owned_table *t, struct rte_mbuf *m)
{
	uint32_t s = t->free[--t->nfree];
	t->slot[s] = m;
	m->hash.usr = s;
}

inline void
owned_take(owned_table *t, struct rte_mbuf *m)
{
	uint32_t s = m->hash.usr;
	t->slot[s] = nullptr;
	t->free[t->nfree++] = s;
	m->hash.usr = 0;
}

/* Count fill slots the pool could not fill, each once. */
void
count_missing(rxq *q)
{
	uint32_t missing = q->fill_target - q->in_kernel;
	if (missing > q->nombuf_owed) {
		/* only this queue's poller writes it; stats_get reads it */
		std::atomic_ref<uint64_t>(q->nombuf).store(q->nombuf + missing - q->nombuf_owed,
							   std::memory_order_relaxed);
		q->nombuf_owed = missing;
	}
}

/* Give the kernel @p n mbufs for rx; the caller has checked that the
 * fill ring has room for them (fill_room). */
void
fill(rxq *q, struct rte_mbuf **m, uint32_t n)
{
	uint32_t idx = 0;
	if (unlikely(xsk_ring_prod__reserve(&q->fq, n, &idx) != n)) {
		rte_pktmbuf_free_bulk(
			m, n); /* cannot happen after fill_room; never write unreserved slots */
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		owned_put(&q->owned, m[i]);
		*xsk_ring_prod__fill_addr(
			&q->fq,
			idx + i) = (uint64_t)(static_cast<uint8_t *>(m[i]->buf_addr) - q->base);
	}
	xsk_ring_prod__submit(&q->fq, n);
	q->in_kernel += n;
}

/* Ask the kernel to look at the rings (copy mode sends only in a syscall). */
inline void
kick_tx(txq *q)
{
	if (xsk_ring_prod__needs_wakeup(&q->tx))
		(void)sendto(q->fd, nullptr, 0, MSG_DONTWAIT, nullptr, 0);
}

/* Free what the kernel has finished sending. */
void
reclaim(txq *q)
{
	uint32_t idx = 0;
	uint32_t n = xsk_ring_cons__peek(&q->cq, q->owned.cap, &idx);
	if (n == 0)
		return;
	struct rte_mbuf *done[max_burst];
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t addr = *xsk_ring_cons__comp_addr(&q->cq, idx + i);
		auto *m = reinterpret_cast<struct rte_mbuf *>(q->base +
							      xsk_umem__extract_addr(addr));
		owned_take(&q->owned, m);
		done[k++] = m;
		if (k == max_burst) {
			rte_pktmbuf_free_bulk(done, k);
			k = 0;
		}
	}
	xsk_ring_cons__release(&q->cq, n);
	if (k != 0)
		rte_pktmbuf_free_bulk(done, k);
}

/* Can the kernel read @p m where it lies? */
inline bool
sendable_in_place(const txq *q, const struct rte_mbuf *m)
{
	const uint8_t *start = reinterpret_cast<const uint8_t *>(m);
	const uint8_t *end = static_cast<const uint8_t *>(m->buf_addr) + m->buf_len;
	return RTE_MBUF_DIRECT(m) && m->nb_segs == 1 && rte_mbuf_refcnt_read(m) == 1 &&
	       start >= q->base && end <= q->base + q->len;
}

/* A copy of @p m in an mbuf of the UMEM pool, or NULL (pool empty). */
struct rte_mbuf *
copy_into_umem(txq *q, struct rte_mbuf *m)
{
	struct rte_mbuf *c = rte_pktmbuf_alloc(q->mp);
	if (c == nullptr)
		return nullptr;
	uint8_t *dst = rte_pktmbuf_mtod(c, uint8_t *);
	const void *src = rte_pktmbuf_read(m, 0, m->pkt_len, dst);
	if (src != dst)
		memcpy(dst, src, m->pkt_len);
	c->data_len = (uint16_t)m->pkt_len;
	c->pkt_len = m->pkt_len;
	return c;
}

/*
 * How many of @p want entries the fill ring takes now. in_kernel can be
 * below the ring's size while the ring still looks full: the kernel
 * publishes its consumer index only when it has used every entry it last
 * saw. Writing past what reserve grants would hand the kernel stale
 * addresses, so the same mbuf twice.
 */
inline uint32_t
fill_room(rxq *q, uint32_t want)
{
	return RTE_MIN(xsk_prod_nb_free(&q->fq, want), want);
}

} // namespace

uint32_t
refill(rxq *q)
{
	struct rte_mbuf *m[refill_batch];
	while (q->in_kernel < q->fill_target) {
		uint32_t n = fill_room(q, RTE_MIN(q->fill_target - q->in_kernel, refill_batch));
		if (n == 0)
			return q->in_kernel; /* the kernel has not let go yet: later */
		if (rte_pktmbuf_alloc_bulk(q->mp, m, n) != 0) {
			/* the pool is short: take what is left, one by one */
			uint32_t got = 0;
			for (; got < n; got++)
				if ((m[got] = rte_pktmbuf_alloc(q->mp)) == nullptr)
					break;
			if (got != 0)
				fill(q, m, got);
			count_missing(q);
			return q->in_kernel;
		}
		fill(q, m, n);
	}
	q->nombuf_owed = 0;
	return q->in_kernel;
}

uint16_t
rx_burst(void *queue, struct rte_mbuf **bufs, uint16_t nb)
{
	rxq *q = static_cast<rxq *>(queue);
	if (unlikely(!q->live))
		return 0;
	uint32_t idx = 0;
	uint32_t n = xsk_ring_cons__peek(&q->rx, nb, &idx);
	uint64_t bytes = 0;
	for (uint32_t i = 0; i < n; i++) {
		const struct xdp_desc *d = xsk_ring_cons__rx_desc(&q->rx, idx + i);
		uint8_t *buf = q->base + xsk_umem__extract_addr(d->addr);
		auto *m = reinterpret_cast<struct rte_mbuf *>(buf - q->buf_to_mbuf);
		owned_take(&q->owned, m);
		m->data_off = (uint16_t)xsk_umem__extract_offset(d->addr);
		m->data_len = (uint16_t)d->len;
		m->pkt_len = d->len;
		m->port = q->port_id;
		bytes += d->len;
		bufs[i] = m;
	}
	if (n != 0) {
		xsk_ring_cons__release(&q->rx, n);
		q->in_kernel -= n;
		dpkit_eth_sw_count(&q->stats, n, bytes, 0);
	}
	if (q->fill_target - q->in_kernel >= refill_batch ||
	    (n == 0 && q->in_kernel < q->fill_target))
		refill(q);
	if (n == 0 && (q->busy_poll || xsk_ring_prod__needs_wakeup(&q->fq)))
		(void)recvfrom(q->fd, nullptr, 0, MSG_DONTWAIT, nullptr, nullptr);
	return (uint16_t)n;
}

uint16_t
tx_burst(void *queue, struct rte_mbuf **bufs, uint16_t nb)
{
	txq *q = static_cast<txq *>(queue);
	if (unlikely(!q->live))
		return 0;
	reclaim(q);
	uint32_t room = RTE_MIN(xsk_prod_nb_free(&q->tx, nb), q->owned.nfree);
	if (room < nb) {
		kick_tx(q);
		reclaim(q);
		room = RTE_MIN(xsk_prod_nb_free(&q->tx, nb), q->owned.nfree);
	}
	uint16_t n = (uint16_t)RTE_MIN((uint32_t)nb, room);
	uint32_t idx = 0;
	if (n == 0 || xsk_ring_prod__reserve(&q->tx, n, &idx) != n)
		return 0;
	uint16_t i, used = 0;
	uint64_t bytes = 0, errs = 0;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = bufs[i];
		if (unlikely(m->pkt_len > q->chunk)) {
			rte_pktmbuf_free(m); /* the kernel would refuse and never complete it */
			errs++;
			continue;
		}
		if (unlikely(!sendable_in_place(q, m))) {
			struct rte_mbuf *c = copy_into_umem(q, m);
			if (c == nullptr)
				break; /* the caller keeps this one and the rest */
			rte_pktmbuf_free(m);
			m = c;
		}
		struct xdp_desc *d = xsk_ring_prod__tx_desc(&q->tx, idx + used++);
		uint8_t *hdr = reinterpret_cast<uint8_t *>(m);
		uint64_t data = (uint64_t)(rte_pktmbuf_mtod(m, uint8_t *) - hdr);
		d->addr = (uint64_t)(hdr - q->base) | (data << XSK_UNALIGNED_BUF_OFFSET_SHIFT);
		d->len = m->pkt_len;
		d->options = 0;
		bytes += m->pkt_len;
		owned_put(&q->owned, m);
	}
	q->tx.cached_prod -= n - used; /* give back the descriptors not written */
	if (used != 0)
		xsk_ring_prod__submit(&q->tx, used);
	kick_tx(q);
	dpkit_eth_sw_count(&q->stats, used, bytes, errs);
	return i;
}

int
owned_init(owned_table *t, uint32_t cap, int socket)
{
	t->slot = static_cast<struct rte_mbuf **>(
		rte_zmalloc_socket("afxdp_owned", cap * sizeof(struct rte_mbuf *), 0, socket));
	t->free = static_cast<uint32_t *>(
		rte_malloc_socket("afxdp_free", cap * sizeof(*t->free), 0, socket));
	if (t->slot == nullptr || t->free == nullptr) {
		owned_free(t);
		return -ENOMEM;
	}
	for (uint32_t i = 0; i < cap; i++)
		t->free[i] = cap - 1 - i;
	t->nfree = cap;
	t->cap = cap;
	return 0;
}

unsigned int
owned_drain(owned_table *t)
{
	unsigned int n = 0;
	for (uint32_t s = 0; t->slot != nullptr && s < t->cap; s++)
		if (t->slot[s] != nullptr) {
			struct rte_mbuf *m = t->slot[s];
			owned_take(t, m);
			rte_pktmbuf_free(m);
			n++;
		}
	return n;
}

void
owned_free(owned_table *t)
{
	rte_free(t->slot);
	rte_free(t->free);
	*t = {};
}

} // namespace dpkit::af_xdp
