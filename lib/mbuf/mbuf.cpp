/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The out-of-line packet operations: bulk free, clone, copy, reads and
 * linearisation across segments, and the consistency checker.
 *
 * These run per packet in applications, so a failure that is a normal
 * run-time condition (a pool running dry, a packet too short) only sets
 * rte_errno or returns the documented value; misuse (NULL arguments,
 * impossible offsets, a pool that cannot hold data) is logged once per call.
 */

#include <errno.h>
#include <string.h>

#include <rte_debug.h>
#include <rte_errno.h>
#include <rte_mbuf.h>

#include "mbuf_private.h"

/* ---- bulk free ---- */

extern "C" void
rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
{
	/* Segments ready for recycling are collected and handed to their pool
	 * in one put per run of same-pool segments, instead of one put each. */
	constexpr unsigned int batch_size = 64;
	void *batch[batch_size];
	unsigned int n = 0;
	struct rte_mempool *batch_pool = nullptr;

	for (unsigned int i = 0; i < count; i++) {
		struct rte_mbuf *m = mbufs[i];
		if (m == nullptr)
			continue;
		__rte_mbuf_sanity_check(m, 1);
		while (m != nullptr) {
			struct rte_mbuf *next = m->next;
			struct rte_mbuf *seg = rte_pktmbuf_prefree_seg(m);
			if (seg != nullptr) {
				if (seg->pool != batch_pool || n == batch_size) {
					if (n > 0)
						rte_mempool_put_bulk(batch_pool, batch, n);
					n = 0;
					batch_pool = seg->pool;
				}
				batch[n++] = seg;
			}
			m = next;
		}
	}
	if (n > 0)
		rte_mempool_put_bulk(batch_pool, batch, n);
}

/* ---- clone and copy ---- */

extern "C" struct rte_mbuf *
rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp)
{
	if (md == nullptr || mp == nullptr) {
		MBUF_LOG(ERR, "rte_pktmbuf_clone: %s is NULL", md == nullptr ? "packet" : "pool");
		rte_errno = EINVAL;
		return nullptr;
	}
	if (rte_pktmbuf_priv_flags(mp) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF) {
		/* a clone drops its own buffer for md's: a pinned one can't be */
		MBUF_LOG(
			ERR,
			"rte_pktmbuf_clone: pool %s has pinned external buffers; clone into a pool of plain mbufs",
			mp->name);
		rte_errno = EINVAL;
		return nullptr;
	}

	struct rte_mbuf *head = nullptr;
	struct rte_mbuf *tail = nullptr;
	for (struct rte_mbuf *seg = md; seg != nullptr; seg = seg->next) {
		struct rte_mbuf *mi = rte_pktmbuf_alloc(mp);
		if (mi == nullptr) {
			rte_pktmbuf_free(head); /* also drops the references taken */
			rte_errno = ENOENT;
			return nullptr;
		}
		rte_pktmbuf_attach(mi, seg);
		if (head == nullptr)
			head = mi;
		else
			tail->next = mi;
		tail = mi;
	}
	head->nb_segs = md->nb_segs;
	head->pkt_len = md->pkt_len;
	__rte_mbuf_sanity_check(head, 1);
	return head;
}

/* Copy @p len bytes of @p m from @p off into @p mc (holding its header,
 * no data yet), chaining mbufs of @p mp as each fills.
 * @return 0, or -EINVAL (m's chain is short) / -ENOENT (pool empty); the
 * caller frees mc. */
static int
copy_chain(struct rte_mbuf *mc, const struct rte_mbuf *m, struct rte_mempool *mp, uint32_t off,
	   uint32_t len)
{
	const struct rte_mbuf *src = m;
	struct rte_mbuf *dst = mc;
	while (len > 0) {
		/* 1. the source bytes: skip segments before the offset */
		if (off >= src->data_len) {
			off -= src->data_len;
			src = src->next;
			if (src == nullptr) {
				MBUF_LOG(
					ERR,
					"rte_pktmbuf_copy: packet's segments hold fewer bytes than its pkt_len %u; fix the chain",
					m->pkt_len);
				return -EINVAL;
			}
			continue;
		}
		/* 2. the destination room: grow the chain when full */
		if (rte_pktmbuf_tailroom(dst) == 0) {
			struct rte_mbuf *seg = rte_pktmbuf_alloc(mp);
			if (seg == nullptr)
				return -ENOENT;
			dst->next = seg;
			dst = seg;
			mc->nb_segs++;
		}
		/* 3. copy what both sides allow */
		uint32_t n = RTE_MIN(len, (uint32_t)(src->data_len - off));
		n = RTE_MIN(n, (uint32_t)rte_pktmbuf_tailroom(dst));
		memcpy(rte_pktmbuf_mtod_offset(dst, char *, dst->data_len),
		       rte_pktmbuf_mtod_offset(src, const char *, off), n);
		dst->data_len = static_cast<uint16_t>(dst->data_len + n);
		mc->pkt_len += n;
		off += n;
		len -= n;
	}
	return 0;
}

extern "C" struct rte_mbuf *
rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp, uint32_t off, uint32_t len)
{
	if (m == nullptr || mp == nullptr) {
		MBUF_LOG(ERR, "rte_pktmbuf_copy: %s is NULL", m == nullptr ? "packet" : "pool");
		rte_errno = EINVAL;
		return nullptr;
	}
	if (off >= m->pkt_len) {
		/* as in DPDK: there must be a byte at the offset, so an empty
		 * packet cannot be copied either */
		MBUF_LOG(ERR,
			 "rte_pktmbuf_copy: offset %u is not inside the %u-byte packet; "
			 "copy from an offset below pkt_len",
			 off, m->pkt_len);
		rte_errno = EINVAL;
		return nullptr;
	}
	len = RTE_MIN(len, m->pkt_len - off);

	struct rte_mbuf *mc = rte_pktmbuf_alloc(mp);
	if (mc == nullptr) {
		rte_errno = ENOENT;
		return nullptr;
	}
	/* every new segment has the same room; refuse before allocating more
	 * if the copy cannot fit in a chain at all */
	uint32_t room = rte_pktmbuf_tailroom(mc);
	if (len > 0 && (room == 0 || (len + room - 1) / room > RTE_MBUF_MAX_NB_SEGS)) {
		MBUF_LOG(
			ERR,
			"rte_pktmbuf_copy: pool %s has %u data bytes per mbuf, %u bytes do not fit in %u segments; use a pool with a larger data room",
			mp->name, room, len, RTE_MBUF_MAX_NB_SEGS);
		rte_pktmbuf_free(mc);
		rte_errno = EINVAL;
		return nullptr;
	}

	__rte_pktmbuf_copy_hdr(mc, m);
	/* keep mc's own buffer kind (a pinned pool's mbufs stay external) */
	mc->ol_flags = (m->ol_flags & ~(RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL)) |
		       (mc->ol_flags & RTE_MBUF_F_EXTERNAL);

	int ret = copy_chain(mc, m, mp, off, len);
	if (ret < 0) {
		rte_pktmbuf_free(mc);
		rte_errno = -ret;
		return nullptr;
	}
	__rte_mbuf_sanity_check(mc, 1);
	return mc;
}

/* ---- reads across segments ---- */

extern "C" const void *
__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len, void *buf)
{
	if (m == nullptr || off > m->pkt_len)
		return nullptr;
	if (len > m->pkt_len - off) {
		/*
		 * Past the end: NULL, except when off + len also passes 2^32.
		 * DPDK 22.11 adds the two in 32 bits, and its own test reads
		 * len UINT32_MAX to mean "from off on": it gets a pointer to
		 * off. So does this read, with nothing copied; DPDK's pointers
		 * outside the packet (off past its end) and its 4 GB copies
		 * (off beyond the first segment) are not reproduced.
		 */
		if (len <= UINT32_MAX - off)
			return nullptr;
		len = 0;
	}

	/* find the segment holding byte @off (the last one for an empty read
	 * at the very end) */
	const struct rte_mbuf *seg = m;
	while (off >= seg->data_len && seg->next != nullptr) {
		off -= seg->data_len;
		seg = seg->next;
	}
	if (off + len <= seg->data_len)
		return rte_pktmbuf_mtod_offset(seg, const char *, off);
	if (buf == nullptr)
		return nullptr;

	char *out = static_cast<char *>(buf);
	uint32_t done = 0;
	while (done < len) {
		if (seg == nullptr)
			return nullptr; /* chain shorter than pkt_len says */
		uint32_t n = RTE_MIN(len - done, (uint32_t)(seg->data_len - off));
		memcpy(out + done, rte_pktmbuf_mtod_offset(seg, const char *, off), n);
		done += n;
		off = 0;
		seg = seg->next;
	}
	return buf;
}

/* ---- linearize ---- */

extern "C" int
__rte_pktmbuf_linearize(struct rte_mbuf *m)
{
	if (m == nullptr)
		return -1;
	/* A shared first buffer (cloned, refcnt > 1, shared external buffer)
	 * is linearized too, as in DPDK: the bytes go into its tailroom,
	 * which no other holder's data covers unless it appended there
	 * itself, and the other segments are released with free_seg, which
	 * leaves them to whoever still holds them. A mirrored packet (cloned,
	 * then the original linearized) stays intact on both sides. */

	uint32_t rest = 0;
	for (const struct rte_mbuf *seg = m->next; seg != nullptr; seg = seg->next)
		rest += seg->data_len;
	if (rest > rte_pktmbuf_tailroom(m)) {
		MBUF_LOG(DEBUG,
			 "linearize: %u more bytes do not fit the first segment's %u-byte tailroom",
			 rest, rte_pktmbuf_tailroom(m));
		return -1;
	}

	char *dst = rte_pktmbuf_mtod_offset(m, char *, m->data_len);
	for (const struct rte_mbuf *seg = m->next; seg != nullptr; seg = seg->next) {
		memcpy(dst, rte_pktmbuf_mtod(seg, const char *), seg->data_len);
		dst += seg->data_len;
	}

	struct rte_mbuf *seg = m->next;
	m->next = nullptr;
	m->nb_segs = 1;
	m->data_len = static_cast<uint16_t>(m->data_len + rest);
	m->pkt_len = m->data_len;
	while (seg != nullptr) {
		struct rte_mbuf *next = seg->next;
		rte_pktmbuf_free_seg(seg);
		seg = next;
	}
	return 0;
}

/* ---- consistency checks ---- */

namespace {

/* Checks of one segment; nullptr when it looks fine. */
const char *
check_segment(const struct rte_mbuf *seg)
{
	if (seg->pool == nullptr)
		return "mbuf has no pool";
	if (seg->buf_addr == nullptr)
		return "mbuf has no buffer address";
	if (rte_mbuf_iova_get(seg) == 0)
		return "mbuf buffer IOVA is 0";
	uint16_t cnt = rte_mbuf_refcnt_read(seg);
	if (cnt == 0 || cnt == UINT16_MAX)
		return "mbuf reference count is 0 or wrapped below 0";
	if (seg->data_off > seg->buf_len)
		return "data offset is beyond the buffer";
	if ((uint32_t)seg->data_off + seg->data_len > seg->buf_len)
		return "data runs past the end of the buffer";
	return nullptr;
}

} // namespace

extern "C" int
rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason)
{
	const char *why = nullptr;

	if (m == nullptr) {
		why = "mbuf is NULL";
	} else if (!is_header) {
		why = check_segment(m);
	} else {
		uint32_t segs = 0;
		uint64_t bytes = 0;
		for (const struct rte_mbuf *seg = m; seg != nullptr && why == nullptr;
		     seg = seg->next) {
			why = check_segment(seg);
			/* a chain longer than nb_segs (or a loop) stops here */
			if (why == nullptr && ++segs > m->nb_segs)
				why = "chain has more segments than nb_segs";
			bytes += seg->data_len;
		}
		if (why == nullptr && segs != m->nb_segs)
			why = "chain has fewer segments than nb_segs";
		if (why == nullptr && bytes != m->pkt_len)
			why = "pkt_len differs from the sum of the segments' data_len";
	}

	if (why == nullptr)
		return 0;
	if (reason != nullptr)
		*reason = why;
	return -1;
}

extern "C" void
rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header)
{
	const char *reason;

	if (rte_mbuf_check(m, is_header, &reason) != 0)
		rte_panic("mbuf %p fails its sanity check: %s\n", static_cast<const void *>(m),
			  reason);
}
