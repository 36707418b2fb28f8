/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * pktmbuf pools: a mempool plus a struct rte_pktmbuf_pool_private in its
 * private area. Creating one is the mempool recipe (create_empty, set ops,
 * populate_default, obj_iter -- the last two fused) with the mbuf
 * constructor; anything the
 * mempool reports (name, memory) is passed through with its rte_errno, and
 * only what is specific to mbufs is checked and logged here.
 *
 * Invariant set by rte_pktmbuf_init() and relied on by detach/free: a
 * direct mbuf's buffer starts sizeof(struct rte_mbuf) + priv_size bytes
 * into its object, and its buf_iova is the object's IOVA (from the chunk
 * the object lives in) plus that same offset.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>

#include "mbuf_private.h"
#include "mempool_internal.h" /* populate_default_constructing */

namespace {

constexpr uint32_t mbuf_header = sizeof(struct rte_mbuf);

/*
 * Element bytes a pool needs per mbuf: a pinned-external-buffer pool keeps
 * the buffer's shared info after the private area instead of a data room.
 */
uint64_t
needed_elt_size(const struct rte_pktmbuf_pool_private &p)
{
	uint64_t sz = mbuf_header + p.mbuf_priv_size;
	if (p.flags & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)
		return sz + sizeof(struct rte_mbuf_ext_shared_info);
	return sz + p.mbuf_data_room_size;
}

/* Returns 0 or EINVAL after logging why @p p does not suit @p mp. */
int
check_pool_private(const struct rte_mempool *mp, const struct rte_pktmbuf_pool_private &p)
{
	if (mp->private_data_size < sizeof(struct rte_pktmbuf_pool_private)) {
		MBUF_LOG(
			ERR,
			"mempool %s: private area is %u bytes, a pktmbuf pool needs %zu; create it with private_data_size = sizeof(struct rte_pktmbuf_pool_private)",
			mp->name, mp->private_data_size, sizeof(struct rte_pktmbuf_pool_private));
		return EINVAL;
	}
	if (p.mbuf_priv_size % RTE_MBUF_PRIV_ALIGN != 0) {
		MBUF_LOG(
			ERR,
			"mempool %s: mbuf private size %u is not a multiple of RTE_MBUF_PRIV_ALIGN (%d); round it up",
			mp->name, p.mbuf_priv_size, RTE_MBUF_PRIV_ALIGN);
		return EINVAL;
	}
	if (p.flags & ~(uint32_t)RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF) {
		MBUF_LOG(
			ERR,
			"mempool %s: unknown pktmbuf pool flags %#x; only RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF exists",
			mp->name, p.flags);
		return EINVAL;
	}
	if (mp->elt_size < needed_elt_size(p)) {
		MBUF_LOG(
			ERR,
			"mempool %s: %u-byte elements are too small for mbuf (%u) + private area (%u) + data room (%u); create the pool with elt_size >= %llu",
			mp->name, mp->elt_size, mbuf_header, p.mbuf_priv_size,
			p.mbuf_data_room_size, (unsigned long long)needed_elt_size(p));
		return EINVAL;
	}
	return 0;
}

/* Fields every freshly constructed mbuf has, whatever its buffer. */
void
init_mbuf_header(struct rte_mempool *mp, struct rte_mbuf *m, uint16_t priv_size)
{
	memset(m, 0, mbuf_header + priv_size);
	m->priv_size = priv_size;
	m->pool = mp;
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	rte_mbuf_refcnt_set(m, 1);
}

/* Keeps rte_errno of the first failure across cleanup calls. */
struct rte_mempool *
fail_and_free(struct rte_mempool *mp, int err)
{
	rte_mempool_free(mp);
	rte_errno = err;
	return nullptr;
}

/* ---- pinned external buffers ---- */

struct extmem_cursor {
	const struct rte_pktmbuf_extmem *areas;
	unsigned int nb_areas;
	unsigned int area; /* current area */
	size_t off;        /* next buffer's offset in it */
};

/*
 * Release callback of a pinned buffer: runs when the last clone attached to
 * it lets go after the owning mbuf itself was freed; completes that free.
 */
void
pinned_buffer_release(void *addr, void *opaque)
{
	auto *m = static_cast<struct rte_mbuf *>(opaque);
	RTE_SET_USED(addr);
	rte_mbuf_ext_refcnt_set(m->shinfo, 1);
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	m->next = nullptr;
	m->nb_segs = 1;
	rte_mbuf_refcnt_set(m, 1);
	rte_mbuf_raw_free(m);
}

void
init_pinned_mbuf(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	auto *cur = static_cast<extmem_cursor *>(opaque);
	auto *m = static_cast<struct rte_mbuf *>(obj);
	uint16_t priv_size = rte_pktmbuf_priv_size(mp);
	RTE_SET_USED(idx);

	init_mbuf_header(mp, m, priv_size);

	/* the creator checked the areas hold at least one buffer per mbuf */
	while (cur->area < cur->nb_areas &&
	       cur->off + cur->areas[cur->area].elt_size > cur->areas[cur->area].buf_len) {
		cur->area++;
		cur->off = 0;
	}
	if (cur->area == cur->nb_areas)
		return; /* more objects than counted: leave it without a buffer */
	const struct rte_pktmbuf_extmem *a = &cur->areas[cur->area];

	auto *shinfo = static_cast<struct rte_mbuf_ext_shared_info *>(
		RTE_PTR_ADD(m, mbuf_header + priv_size));
	shinfo->free_cb = pinned_buffer_release;
	shinfo->fcb_opaque = m;
	rte_mbuf_ext_refcnt_set(shinfo, 1);

	m->buf_addr = RTE_PTR_ADD(a->buf_ptr, cur->off);
	m->buf_iova = a->buf_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : a->buf_iova + cur->off;
	m->buf_len = a->elt_size;
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	m->shinfo = shinfo;
	rte_pktmbuf_reset_headroom(m);
	cur->off += a->elt_size;
}

/* Returns 0 or EINVAL after logging which area is unusable. */
int
check_extmem(const char *name, unsigned int n, uint16_t data_room_size,
	     const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num)
{
	if (ext_mem == nullptr || ext_num == 0) {
		MBUF_LOG(
			ERR,
			"pktmbuf pool %s: no external memory given (ext_mem %p, ext_num %u); pass at least one area",
			name, static_cast<const void *>(ext_mem), ext_num);
		return EINVAL;
	}
	uint64_t buffers = 0;
	for (unsigned int i = 0; i < ext_num; i++) {
		const struct rte_pktmbuf_extmem &a = ext_mem[i];
		if (a.buf_ptr == nullptr || a.elt_size == 0) {
			MBUF_LOG(
				ERR,
				"pktmbuf pool %s: external area %u has no address or a zero elt_size; describe the area fully",
				name, i);
			return EINVAL;
		}
		if (a.elt_size < data_room_size) {
			MBUF_LOG(
				ERR,
				"pktmbuf pool %s: external area %u has %u-byte buffers, smaller than the data room %u; raise elt_size or lower data_room_size",
				name, i, a.elt_size, data_room_size);
			return EINVAL;
		}
		buffers += a.buf_len / a.elt_size;
	}
	if (buffers < n) {
		MBUF_LOG(
			ERR,
			"pktmbuf pool %s: external areas hold %llu buffers, %u mbufs need one each; give more memory or fewer mbufs",
			name, (unsigned long long)buffers, n);
		return EINVAL;
	}
	return 0;
}

int
check_priv_size(const char *name, uint16_t priv_size)
{
	if (priv_size % RTE_MBUF_PRIV_ALIGN == 0)
		return 0;
	MBUF_LOG(
		ERR,
		"pktmbuf pool %s: priv_size %u is not a multiple of RTE_MBUF_PRIV_ALIGN (%d); round it up",
		name != nullptr ? name : "(null)", priv_size, RTE_MBUF_PRIV_ALIGN);
	return EINVAL;
}

/*
 * The steps shared by both creators once the element layout is known.
 * @init/@init_arg: the object constructor run on every mbuf.
 */
struct rte_mempool *
create_pool(const char *name, unsigned int n, unsigned int cache_size, int socket_id,
	    const char *ops_name, const struct rte_pktmbuf_pool_private &priv,
	    rte_mempool_obj_cb_t *init, void *init_arg)
{
	unsigned int elt_size = static_cast<unsigned int>(needed_elt_size(priv));
	struct rte_mempool *mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
							  sizeof(struct rte_pktmbuf_pool_private),
							  socket_id, 0);
	if (mp == nullptr)
		return nullptr; /* the mempool said why, rte_errno is set */

	if (ops_name == nullptr)
		ops_name = rte_mbuf_best_mempool_ops();
	int ret = rte_mempool_set_ops_byname(mp, ops_name, nullptr);
	if (ret != 0)
		return fail_and_free(mp, -ret); /* the mempool named the bad ops */

	rte_errno = 0;
	rte_pktmbuf_pool_init(mp, const_cast<struct rte_pktmbuf_pool_private *>(&priv));
	if (rte_errno != 0)
		return fail_and_free(mp, rte_errno);

	/* populate_default, then obj_iter(init), fused */
	ret = dpkit::mempool_detail::populate_default_constructing(mp, init, init_arg);
	if (ret < 0)
		return fail_and_free(mp, -ret); /* logged by the mempool */
	return mp;
}

} // namespace

extern "C" void
rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg)
{
	if (mp == nullptr) {
		MBUF_LOG(ERR, "rte_pktmbuf_pool_init: mempool is NULL");
		rte_errno = EINVAL;
		return;
	}

	struct rte_pktmbuf_pool_private p;
	if (opaque_arg != nullptr) {
		memcpy(&p, opaque_arg, sizeof(p));
	} else {
		/* no description: all of the element after the mbuf is data */
		if (mp->elt_size < mbuf_header) {
			MBUF_LOG(
				ERR,
				"mempool %s: %u-byte elements cannot hold a %u-byte struct rte_mbuf; create the pool with larger elements",
				mp->name, mp->elt_size, mbuf_header);
			rte_errno = EINVAL;
			return;
		}
		p.mbuf_priv_size = 0;
		p.mbuf_data_room_size = static_cast<uint16_t>(
			RTE_MIN(mp->elt_size - mbuf_header, (uint32_t)UINT16_MAX));
		p.flags = 0;
	}

	int err = check_pool_private(mp, p);
	if (err != 0) {
		rte_errno = err;
		return;
	}
	memcpy(rte_mempool_get_priv(mp), &p, sizeof(p));
}

extern "C" void
rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *obj, unsigned i)
{
	auto *m = static_cast<struct rte_mbuf *>(obj);
	RTE_SET_USED(opaque_arg);

	/* A pool whose private area was never set (or was rejected) reads as
	 * zeros: such mbufs get no data room rather than a buffer that runs
	 * past their object. Complain once per pool, on its first object. */
	struct rte_pktmbuf_pool_private p;
	memcpy(&p, rte_mempool_get_priv(mp), sizeof(p));
	if (mp->elt_size < mbuf_header) {
		if (i == 0)
			MBUF_LOG(
				ERR,
				"mempool %s: %u-byte elements cannot hold a struct rte_mbuf; not initialising them",
				mp->name, mp->elt_size);
		return;
	}
	bool pinned = p.flags & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF;
	if (pinned || mp->elt_size < needed_elt_size(p)) {
		if (i == 0)
			MBUF_LOG(
				ERR,
				"mempool %s: %s; its mbufs get no data room (call rte_pktmbuf_pool_init first, or use rte_pktmbuf_pool_create_extbuf)",
				mp->name,
				pinned ? "rte_pktmbuf_init cannot set up pinned external buffers"
				       : "private area does not match the element size");
		p.mbuf_priv_size = static_cast<uint16_t>(
			RTE_MIN((uint32_t)p.mbuf_priv_size, mp->elt_size - mbuf_header));
		p.mbuf_data_room_size = 0;
	}

	uint32_t header = mbuf_header + p.mbuf_priv_size;
	init_mbuf_header(mp, m, p.mbuf_priv_size);
	m->buf_addr = reinterpret_cast<char *>(m) + header;
	rte_iova_t obj_iova = rte_mempool_virt2iova(m);
	m->buf_iova = obj_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : obj_iova + header;
	m->buf_len = p.mbuf_data_room_size;
	rte_pktmbuf_reset_headroom(m);
}

extern "C" struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const char *ops_name)
{
	int err = check_priv_size(name, priv_size);
	if (err != 0) {
		rte_errno = err;
		return nullptr;
	}
	struct rte_pktmbuf_pool_private priv;
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;
	priv.flags = 0;
	return create_pool(name, n, cache_size, socket_id, ops_name, priv, rte_pktmbuf_init,
			   nullptr);
}

extern "C" struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size,
			uint16_t priv_size, uint16_t data_room_size, int socket_id)
{
	return rte_pktmbuf_pool_create_by_ops(name, n, cache_size, priv_size, data_room_size,
					      socket_id, nullptr);
}

extern "C" struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num)
{
	int err = check_priv_size(name, priv_size);
	if (err == 0)
		err = check_extmem(name != nullptr ? name : "(null)", n, data_room_size, ext_mem,
				   ext_num);
	if (err != 0) {
		rte_errno = err;
		return nullptr;
	}
	struct rte_pktmbuf_pool_private priv;
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;
	priv.flags = RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF;
	extmem_cursor cursor{ext_mem, ext_num, 0, 0};
	return create_pool(name, n, cache_size, socket_id, nullptr, priv, init_pinned_mbuf,
			   &cursor);
}
