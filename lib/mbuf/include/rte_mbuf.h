/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Packet buffers (mbufs) and the pools that hold them.
 *
 * A pktmbuf pool is a mempool whose objects are laid out as
 *
 *     [ struct rte_mbuf | priv_size bytes | data room (buf_len bytes) ]
 *
 * with the data room and private size kept in the pool's private area
 * (struct rte_pktmbuf_pool_private). rte_pktmbuf_pool_create() builds one;
 * to choose the memory yourself, create an empty mempool, populate it (from
 * as many chunks as you like), then call rte_pktmbuf_pool_init() and
 * rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL). Every mbuf's buf_iova
 * is the IOVA of its own object, looked up in the chunk it came from.
 *
 * A packet is a chain of segments linked by next; only the first carries
 * pkt_len and nb_segs. A segment's buffer is one of:
 *  - direct: the buffer embedded in the mbuf's own object;
 *  - indirect (RTE_MBUF_F_INDIRECT): another mbuf's buffer, pinned by a
 *    reference on that mbuf (rte_pktmbuf_attach(), rte_pktmbuf_clone());
 *  - external (RTE_MBUF_F_EXTERNAL): memory the application owns, with a
 *    reference count and a release callback in a rte_mbuf_ext_shared_info.
 *    Pools created with rte_pktmbuf_pool_create_extbuf() give mbufs whose
 *    external buffer is pinned to them for life.
 * A buffer shared by more than one mbuf is read-only.
 *
 * Threads: allocation and free are as thread-safe as the pool (any lcore;
 * non-EAL threads through the pool's rules). Reference counts are atomic;
 * everything else in an mbuf belongs to the one thread holding it.
 */

#ifndef _RTE_MBUF_H_
#define _RTE_MBUF_H_

#pragma GCC visibility push(default)

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_mempool.h>
#include <rte_prefetch.h>

#include <rte_mbuf_core.h>
#include <rte_mbuf_ptype.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- offload flag names ---- */

/**
 * Name of one receive flag, or of one value of a multi-bit receive field
 * (e.g. RTE_MBUF_F_RX_L4_CKSUM_NONE).
 * @return the name ("RTE_MBUF_F_RX_VLAN"), or NULL if @p mask is not one.
 */
const char *rte_get_rx_ol_flag_name(uint64_t mask);

/**
 * Write the names of the receive flags set in @p mask into @p buf,
 * separated by spaces (checksum fields show their value, UNKNOWN included).
 * @return 0, or -1 if @p buf is NULL or @p buflen too small (buf then holds
 *   what fitted, NUL-terminated when buflen > 0).
 */
int rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);

/**
 * Name of one transmit flag, or of one value of a multi-bit transmit field
 * (RTE_MBUF_F_TX_UDP_CKSUM, RTE_MBUF_F_TX_TUNNEL_GRE...).
 * @return the name, or NULL if @p mask is not one.
 */
const char *rte_get_tx_ol_flag_name(uint64_t mask);

/** Like rte_get_rx_ol_flag_list() for transmit flags. */
int rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);

/* ---- addresses ---- */

/** Prefetch the mbuf's first cache line (receive fields). */
static inline void
rte_mbuf_prefetch_part1(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline0);
}

/** Prefetch the mbuf's second cache line (transmit fields). */
static inline void
rte_mbuf_prefetch_part2(struct rte_mbuf *m)
{
#if RTE_CACHE_LINE_SIZE == 64
	rte_prefetch0(&m->cacheline1);
#else
	RTE_SET_USED(m); /* one line holds the whole mbuf */
#endif
}

static inline uint16_t rte_pktmbuf_priv_size(struct rte_mempool *mp);

/** IOVA of the mbuf's data buffer. */
static inline rte_iova_t
rte_mbuf_iova_get(const struct rte_mbuf *m)
{
	return m->buf_iova;
}

/** Set the IOVA of the mbuf's data buffer. */
static inline void
rte_mbuf_iova_set(struct rte_mbuf *m, rte_iova_t iova)
{
	m->buf_iova = iova;
}

/** IOVA of the first data byte. */
static inline rte_iova_t
rte_mbuf_data_iova(const struct rte_mbuf *mb)
{
	return rte_mbuf_iova_get(mb) + mb->data_off;
}

/** IOVA where received data starts by default (after RTE_PKTMBUF_HEADROOM). */
static inline rte_iova_t
rte_mbuf_data_iova_default(const struct rte_mbuf *mb)
{
	return rte_mbuf_iova_get(mb) + RTE_PKTMBUF_HEADROOM;
}

/** The mbuf whose embedded buffer the indirect mbuf @p mi uses. */
static inline struct rte_mbuf *
rte_mbuf_from_indirect(struct rte_mbuf *mi)
{
	return (struct rte_mbuf *)RTE_PTR_SUB(mi->buf_addr, sizeof(*mi) + mi->priv_size);
}

/**
 * Address of the buffer embedded in @p mb, from the pool's layout alone
 * (does not read the mbuf, so it works before rte_pktmbuf_init()).
 */
static inline char *
rte_mbuf_buf_addr(struct rte_mbuf *mb, struct rte_mempool *mp)
{
	return (char *)mb + sizeof(*mb) + rte_pktmbuf_priv_size(mp);
}

/** Default start of data in the embedded buffer (after the headroom). */
static inline char *
rte_mbuf_data_addr_default(struct rte_mbuf *mb)
{
	return rte_mbuf_buf_addr(mb, mb->pool) + RTE_PKTMBUF_HEADROOM;
}

/** Address of the buffer embedded in @p md (reads md->pool). */
static inline char *
rte_mbuf_to_baddr(struct rte_mbuf *md)
{
	return rte_mbuf_buf_addr(md, md->pool);
}

/** Start of the application private area (not checked to exist). */
static inline void *
rte_mbuf_to_priv(struct rte_mbuf *m)
{
	return RTE_PTR_ADD(m, sizeof(struct rte_mbuf));
}

/* ---- pool private area ---- */

/** What a pktmbuf pool keeps in its mempool private area. */
struct rte_pktmbuf_pool_private {
	uint16_t mbuf_data_room_size; /**< buffer bytes per mbuf, headroom included */
	uint16_t mbuf_priv_size;      /**< private bytes per mbuf */
	uint32_t flags;               /**< RTE_PKTMBUF_POOL_F_* */
};

/** RTE_PKTMBUF_POOL_F_* flags of a pktmbuf pool. */
static inline uint32_t
rte_pktmbuf_priv_flags(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *priv = (const struct rte_pktmbuf_pool_private *)
		rte_mempool_get_priv(mp);
	return priv->flags;
}

/**
 * Pool flag: every mbuf has an external buffer attached at creation that
 * stays with it when freed (rte_pktmbuf_pool_create_extbuf()).
 */
#define RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF (1 << 0)

/** True when @p mb comes from a pool with pinned external buffers. */
#define RTE_MBUF_HAS_PINNED_EXTBUF(mb) \
	(rte_pktmbuf_priv_flags((mb)->pool) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)

#ifdef RTE_LIBRTE_MBUF_DEBUG
/** In debug builds, check an mbuf on every API call (panics when bad). */
#define __rte_mbuf_sanity_check(m, is_h) rte_mbuf_sanity_check(m, is_h)
#else
#define __rte_mbuf_sanity_check(m, is_h) \
	do { \
	} while (0)
#endif

/* ---- reference counts ---- */

#ifdef RTE_MBUF_REFCNT_ATOMIC

/** References held on @p m. */
static inline uint16_t
rte_mbuf_refcnt_read(const struct rte_mbuf *m)
{
	return __atomic_load_n(&m->refcnt, __ATOMIC_RELAXED);
}

/** Set the reference count of @p m (no other thread may hold it). */
static inline void
rte_mbuf_refcnt_set(struct rte_mbuf *m, uint16_t new_value)
{
	__atomic_store_n(&m->refcnt, new_value, __ATOMIC_RELAXED);
}

/* @internal Atomic add; acq_rel so that the thread dropping the last
 * reference sees every write the other holders made before dropping. */
static inline uint16_t
__rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	return __atomic_add_fetch(&m->refcnt, (uint16_t)value, __ATOMIC_ACQ_REL);
}

/* @internal Read the count before acting as its sole owner. Acquire pairs
 * with the release half of the other holders' __rte_mbuf_refcnt_update():
 * seeing 1 then means their accesses to the mbuf happened before ours (a
 * plain load on x86). */
static inline uint16_t
__rte_mbuf_refcnt_acquire(const struct rte_mbuf *m)
{
	return __atomic_load_n(&m->refcnt, __ATOMIC_ACQUIRE);
}

/**
 * Add @p value (may be negative) to the reference count of @p m.
 * @return the new count.
 */
static inline uint16_t
rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	/* A count of 1 means the caller holds the only reference: nobody
	 * else can touch the counter, so a plain store is enough and saves
	 * the locked instruction on the common unshared path. */
	if (likely(__rte_mbuf_refcnt_acquire(m) == 1)) {
		uint16_t v = (uint16_t)(1 + value);
		rte_mbuf_refcnt_set(m, v);
		return v;
	}
	return __rte_mbuf_refcnt_update(m, value);
}

#else /* !RTE_MBUF_REFCNT_ATOMIC: single-threaded reference counts */

static inline uint16_t
__rte_mbuf_refcnt_acquire(const struct rte_mbuf *m)
{
	return m->refcnt;
}

static inline uint16_t
__rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	m->refcnt = (uint16_t)(m->refcnt + value);
	return m->refcnt;
}

static inline uint16_t
rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	return __rte_mbuf_refcnt_update(m, value);
}

static inline uint16_t
rte_mbuf_refcnt_read(const struct rte_mbuf *m)
{
	return m->refcnt;
}

static inline void
rte_mbuf_refcnt_set(struct rte_mbuf *m, uint16_t new_value)
{
	m->refcnt = new_value;
}

#endif /* RTE_MBUF_REFCNT_ATOMIC */

/** References held on an external buffer. */
static inline uint16_t
rte_mbuf_ext_refcnt_read(const struct rte_mbuf_ext_shared_info *shinfo)
{
	return __atomic_load_n(&shinfo->refcnt, __ATOMIC_RELAXED);
}

/* @internal Acquire read of an external buffer's count (see
 * __rte_mbuf_refcnt_acquire()). */
static inline uint16_t
__rte_mbuf_ext_refcnt_acquire(const struct rte_mbuf_ext_shared_info *shinfo)
{
	return __atomic_load_n(&shinfo->refcnt, __ATOMIC_ACQUIRE);
}

/** Set the reference count of an external buffer. */
static inline void
rte_mbuf_ext_refcnt_set(struct rte_mbuf_ext_shared_info *shinfo, uint16_t new_value)
{
	__atomic_store_n(&shinfo->refcnt, new_value, __ATOMIC_RELAXED);
}

/**
 * Add @p value to the reference count of an external buffer.
 * @return the new count.
 */
static inline uint16_t
rte_mbuf_ext_refcnt_update(struct rte_mbuf_ext_shared_info *shinfo, int16_t value)
{
	/* same sole-owner shortcut as rte_mbuf_refcnt_update() */
	if (likely(__rte_mbuf_ext_refcnt_acquire(shinfo) == 1)) {
		uint16_t v = (uint16_t)(1 + value);
		rte_mbuf_ext_refcnt_set(shinfo, v);
		return v;
	}
	return __atomic_add_fetch(&shinfo->refcnt, (uint16_t)value, __ATOMIC_ACQ_REL);
}

/** Prefetch an mbuf about to be freed (NULL allowed). */
#define RTE_MBUF_PREFETCH_TO_FREE(m) \
	do { \
		if ((m) != NULL) \
			rte_prefetch0(m); \
	} while (0)

/* ---- consistency checks ---- */

/**
 * Check @p m (and, when @p is_header, every segment of its chain) and
 * rte_panic() with the reason if something is wrong.
 */
void rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header);

/**
 * Check @p m like rte_mbuf_sanity_check() without panicking.
 * @param m the mbuf.
 * @param is_header non-zero when @p m is the first segment of a packet.
 * @param reason set to a static description of the first problem found.
 * @return
 *   - 0: the mbuf looks valid (@p reason untouched)
 *   - -1: it does not; *reason says why
 */
int rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason);

/* @internal What rte_pktmbuf_prefree_seg() leaves: a lone, unshared segment. */
static __rte_always_inline void
__rte_mbuf_raw_sanity_check(__rte_unused const struct rte_mbuf *m)
{
	RTE_ASSERT(rte_mbuf_refcnt_read(m) == 1);
	RTE_ASSERT(m->next == NULL);
	RTE_ASSERT(m->nb_segs == 1);
	__rte_mbuf_sanity_check(m, 0);
}

/** Older name of __rte_mbuf_raw_sanity_check(). */
#define MBUF_RAW_ALLOC_CHECK(m) __rte_mbuf_raw_sanity_check(m)

/* ---- raw allocation ---- */

/**
 * Take an mbuf from @p mp without resetting it: buf_addr, buf_iova,
 * buf_len, pool, priv_size are valid, refcnt is 1, nb_segs 1 and next NULL;
 * the caller sets the rest (drivers' receive paths). Others should use
 * rte_pktmbuf_alloc().
 * @return the mbuf, or NULL when the pool is empty.
 */
static inline struct rte_mbuf *
rte_mbuf_raw_alloc(struct rte_mempool *mp)
{
	void *obj;

	if (rte_mempool_get(mp, &obj) < 0)
		return NULL;
	__rte_mbuf_raw_sanity_check((struct rte_mbuf *)obj);
	return (struct rte_mbuf *)obj;
}

/**
 * Return @p m to its pool as is. It must be in the state
 * rte_pktmbuf_prefree_seg() leaves (direct or pinned, refcnt 1, alone).
 */
static __rte_always_inline void
rte_mbuf_raw_free(struct rte_mbuf *m)
{
	RTE_ASSERT(!RTE_MBUF_CLONED(m) &&
		   (!RTE_MBUF_HAS_EXTBUF(m) || RTE_MBUF_HAS_PINNED_EXTBUF(m)));
	__rte_mbuf_raw_sanity_check(m);
	rte_mempool_put(m->pool, m);
}

/* ---- pools ---- */

/**
 * Object constructor of a pktmbuf pool, for rte_mempool_obj_iter(): sets
 * the fields that never change (pool, buffer address and IOVA, buffer
 * length, private size) and resets the rest. The pool's private area must
 * have been set by rte_pktmbuf_pool_init() first.
 * @param mp the pool.
 * @param opaque_arg unused.
 * @param m the object.
 * @param i its index (unused).
 */
void rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *m, unsigned i);

/**
 * Fill the private area of a mempool to make it a pktmbuf pool.
 * @param mp the pool; its private area must hold a
 *   struct rte_pktmbuf_pool_private.
 * @param opaque_arg a struct rte_pktmbuf_pool_private giving the data room,
 *   private size and flags; NULL means no private area and all of the
 *   element after struct rte_mbuf as data room.
 * On inconsistent input (private area too small, element too small for
 * mbuf + private area + data room, private size not a multiple of
 * RTE_MBUF_PRIV_ALIGN, unknown flags) it logs one line, sets rte_errno to
 * EINVAL and leaves the pool unchanged.
 */
void rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg);

/**
 * Create a pktmbuf pool with the best mempool ops
 * (rte_mbuf_best_mempool_ops()).
 * @param name pool name (RTE_MEMPOOL_NAMESIZE at most, with the NUL).
 * @param n number of mbufs.
 * @param cache_size per-lcore cache size (0 for none,
 *   at most RTE_MEMPOOL_CACHE_MAX_SIZE).
 * @param priv_size application private bytes per mbuf, a multiple of
 *   RTE_MBUF_PRIV_ALIGN.
 * @param data_room_size buffer bytes per mbuf, RTE_PKTMBUF_HEADROOM
 *   included (0 for a pool used only for indirect mbufs).
 * @param socket_id NUMA socket, or SOCKET_ID_ANY.
 * @return the pool, or NULL with rte_errno set:
 *   - EINVAL: priv_size not aligned, cache too big, n is 0
 *   - EEXIST: a pool or memzone has this name
 *   - ENAMETOOLONG: name too long
 *   - ENOSPC: no memzone slot left
 *   - ENOMEM: not enough memory
 */
struct rte_mempool *rte_pktmbuf_pool_create(const char *name, unsigned n, unsigned cache_size,
					    uint16_t priv_size, uint16_t data_room_size,
					    int socket_id);

/**
 * rte_pktmbuf_pool_create() with the given mempool ops.
 * @param name, n, cache_size, priv_size, data_room_size, socket_id
 *   as rte_pktmbuf_pool_create().
 * @param ops_name ops to use ("ring_mp_mc", "stack"...), or NULL for the
 *   best ones.
 * @return as rte_pktmbuf_pool_create(); for an unknown @p ops_name, NULL
 *   with the rte_errno rte_mempool_set_ops_byname() gives (logged).
 */
struct rte_mempool *rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n,
						   unsigned int cache_size, uint16_t priv_size,
						   uint16_t data_room_size, int socket_id,
						   const char *ops_name);

/** One area of external memory carved into data buffers of elt_size bytes. */
struct rte_pktmbuf_extmem {
	void *buf_ptr;       /**< start of the area */
	rte_iova_t buf_iova; /**< its IOVA (RTE_BAD_IOVA if none) */
	size_t buf_len;      /**< its length */
	uint16_t elt_size;   /**< bytes per data buffer */
};

/**
 * Create a pool whose mbufs carry pinned external data buffers taken in
 * order from @p ext_mem (the mbuf objects themselves hold no data room).
 * The caller keeps the memory alive (and registered with devices) for the
 * pool's life.
 * @param name, n, cache_size, priv_size, socket_id
 *   as rte_pktmbuf_pool_create().
 * @param data_room_size recorded as the pool's data room; each area's
 *   elt_size must be at least this.
 * @param ext_mem areas; together they must hold at least @p n buffers.
 * @param ext_num number of areas.
 * @return as rte_pktmbuf_pool_create(); EINVAL also for a NULL or empty
 *   @p ext_mem, an area with no address, buffers smaller than the data
 *   room, or fewer buffers than @p n.
 */
__rte_experimental struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n, unsigned int cache_size,
			       uint16_t priv_size, uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num);

/** Data room of the mbufs of a pktmbuf pool (headroom included). */
static inline uint16_t
rte_pktmbuf_data_room_size(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *priv = (const struct rte_pktmbuf_pool_private *)
		rte_mempool_get_priv(mp);
	return priv->mbuf_data_room_size;
}

/** Private area size of the mbufs of a pktmbuf pool. */
static inline uint16_t
rte_pktmbuf_priv_size(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *priv = (const struct rte_pktmbuf_pool_private *)
		rte_mempool_get_priv(mp);
	return priv->mbuf_priv_size;
}

/* ---- allocation and reset ---- */

/**
 * Put the data start of an empty single-segment mbuf back at the default
 * headroom (or at the buffer end if the buffer is smaller).
 */
static inline void
rte_pktmbuf_reset_headroom(struct rte_mbuf *m)
{
	m->data_off = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM, m->buf_len);
}

/**
 * Reset a single-segment mbuf to an empty packet: no data, default
 * headroom, no offload flags (an external buffer stays attached), no port.
 */
static inline void
rte_pktmbuf_reset(struct rte_mbuf *m)
{
	m->next = NULL;
	m->pkt_len = 0;
	m->tx_offload = 0;
	m->vlan_tci = 0;
	m->vlan_tci_outer = 0;
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	m->ol_flags &= RTE_MBUF_F_EXTERNAL;
	m->packet_type = 0;
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	__rte_mbuf_sanity_check(m, 1);
}

/**
 * Allocate an empty packet from @p mp.
 * @return the mbuf, or NULL when the pool is empty.
 */
static inline struct rte_mbuf *
rte_pktmbuf_alloc(struct rte_mempool *mp)
{
	struct rte_mbuf *m = rte_mbuf_raw_alloc(mp);

	if (m != NULL)
		rte_pktmbuf_reset(m);
	return m;
}

/**
 * Allocate @p count empty packets at once: all or none.
 * @return
 *   - 0: mbufs[0..count) are set
 *   - -ENOENT: the pool had fewer than @p count; nothing was taken
 */
static inline int
rte_pktmbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs, unsigned count)
{
	unsigned i;
	int rc = rte_mempool_get_bulk(pool, (void **)mbufs, count);

	if (unlikely(rc != 0))
		return rc;
	for (i = 0; i < count; i++) {
		__rte_mbuf_raw_sanity_check(mbufs[i]);
		rte_pktmbuf_reset(mbufs[i]);
	}
	return 0;
}

/* ---- external buffers ---- */

/**
 * Place a rte_mbuf_ext_shared_info at the (pointer-aligned) end of an
 * external buffer, set its callback and a count of 1, and shrink
 * *@p buf_len to the bytes left in front of it.
 * @return the shared info, or NULL (nothing changed) if the buffer cannot
 *   hold it with at least one byte of data.
 */
static inline struct rte_mbuf_ext_shared_info *
rte_pktmbuf_ext_shinfo_init_helper(void *buf_addr, uint16_t *buf_len,
				   rte_mbuf_extbuf_free_callback_t free_cb, void *fcb_opaque)
{
	uintptr_t start = (uintptr_t)buf_addr;
	uintptr_t at;
	struct rte_mbuf_ext_shared_info *shinfo;

	if (*buf_len < sizeof(*shinfo))
		return NULL;
	at = RTE_ALIGN_FLOOR(start + *buf_len - sizeof(*shinfo), (uintptr_t)sizeof(uintptr_t));
	if (at <= start)
		return NULL;
	shinfo = (struct rte_mbuf_ext_shared_info *)at;
	shinfo->free_cb = free_cb;
	shinfo->fcb_opaque = fcb_opaque;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	*buf_len = (uint16_t)(at - start);
	return shinfo;
}

/**
 * Make @p m use an external buffer. @p m must be direct and unshared;
 * @p shinfo must be initialised (callback set, count = references the
 * caller hands over, normally 1). The segment's data becomes empty at
 * offset 0 of the buffer (data_len and data_off 0; pkt_len is left as it
 * is, as in DPDK: set it, or use rte_pktmbuf_append(), once the data is
 * in); adjust with rte_pktmbuf_reset_headroom(). More
 * mbufs can share the buffer with rte_pktmbuf_attach(); the callback runs
 * when the last one lets go.
 */
static inline void
rte_pktmbuf_attach_extbuf(struct rte_mbuf *m, void *buf_addr, rte_iova_t buf_iova, uint16_t buf_len,
			  struct rte_mbuf_ext_shared_info *shinfo)
{
	RTE_ASSERT(RTE_MBUF_DIRECT(m) && rte_mbuf_refcnt_read(m) == 1);
	RTE_ASSERT(shinfo->free_cb != NULL);

	m->buf_addr = buf_addr;
	rte_mbuf_iova_set(m, buf_iova);
	m->buf_len = buf_len;
	m->data_len = 0;
	m->data_off = 0;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
	m->shinfo = shinfo;
}

/** Detach an external buffer: the same as rte_pktmbuf_detach(). */
#define rte_pktmbuf_detach_extbuf(m) rte_pktmbuf_detach(m)

/** Copy the dynamic field area of @p msrc to @p mdst. */
static inline void
rte_mbuf_dynfield_copy(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	memcpy(&mdst->dynfield1, msrc->dynfield1, sizeof(mdst->dynfield1));
}

/* @internal Copy the per-packet metadata (not buffer, lengths or flags). */
static inline void
__rte_pktmbuf_copy_hdr(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	mdst->port = msrc->port;
	mdst->vlan_tci = msrc->vlan_tci;
	mdst->vlan_tci_outer = msrc->vlan_tci_outer;
	mdst->tx_offload = msrc->tx_offload;
	mdst->hash = msrc->hash;
	mdst->packet_type = msrc->packet_type;
	rte_mbuf_dynfield_copy(mdst, msrc);
}

/* ---- indirect mbufs ---- */

/**
 * Make @p mi a second view of @p m's segment (data, metadata and flags),
 * sharing its buffer: an extra reference is taken on the buffer's owner
 * (the mbuf embedding it, or the external buffer). @p mi must be direct
 * and unshared; it becomes a one-segment packet.
 */
static inline void
rte_pktmbuf_attach(struct rte_mbuf *mi, struct rte_mbuf *m)
{
	RTE_ASSERT(RTE_MBUF_DIRECT(mi) && rte_mbuf_refcnt_read(mi) == 1);

	if (RTE_MBUF_HAS_EXTBUF(m)) {
		/* share the external buffer itself, not m */
		rte_mbuf_ext_refcnt_update(m->shinfo, 1);
		mi->ol_flags = m->ol_flags;
		mi->shinfo = m->shinfo;
	} else {
		/* pin the mbuf that embeds the buffer (m itself, or m's own
		 * owner when m is already indirect) */
		rte_mbuf_refcnt_update(rte_mbuf_from_indirect(m), 1);
		mi->priv_size = m->priv_size;
		mi->ol_flags = m->ol_flags | RTE_MBUF_F_INDIRECT;
	}
	__rte_pktmbuf_copy_hdr(mi, m);
	mi->buf_addr = m->buf_addr;
	rte_mbuf_iova_set(mi, rte_mbuf_iova_get(m));
	mi->buf_len = m->buf_len;
	mi->data_off = m->data_off;
	mi->data_len = m->data_len;
	mi->pkt_len = mi->data_len;
	mi->next = NULL;
	mi->nb_segs = 1;
	__rte_mbuf_sanity_check(mi, 1);
	__rte_mbuf_sanity_check(m, 0);
}

/* @internal Drop @p m's reference on its external buffer; the last one
 * calls the buffer's release callback. */
static inline void
__rte_pktmbuf_free_extbuf(struct rte_mbuf *m)
{
	RTE_ASSERT(RTE_MBUF_HAS_EXTBUF(m) && m->shinfo != NULL);
	if (rte_mbuf_ext_refcnt_update(m->shinfo, -1) == 0)
		m->shinfo->free_cb(m->buf_addr, m->shinfo->fcb_opaque);
}

/* @internal Drop the indirect @p m's reference on the mbuf owning its
 * buffer; the last one returns that mbuf to its pool. */
static inline void
__rte_pktmbuf_free_direct(struct rte_mbuf *m)
{
	struct rte_mbuf *owner;

	RTE_ASSERT(RTE_MBUF_CLONED(m));
	owner = rte_mbuf_from_indirect(m);
	if (rte_mbuf_refcnt_update(owner, -1) == 0) {
		/* the owner was freed while shared: it is ours to recycle */
		owner->next = NULL;
		owner->nb_segs = 1;
		rte_mbuf_refcnt_set(owner, 1);
		rte_mbuf_raw_free(owner);
	}
}

/**
 * Give back the buffer an indirect or external mbuf uses (releasing it if
 * this was the last reference) and restore the mbuf's own embedded buffer,
 * empty, with flags cleared. Other fields stay. A pinned external buffer
 * (pool created with rte_pktmbuf_pool_create_extbuf()) is never detached:
 * the call then does nothing.
 */
static inline void
rte_pktmbuf_detach(struct rte_mbuf *m)
{
	struct rte_mempool *mp = m->pool;
	uint16_t priv_size;
	uint32_t header;
	rte_iova_t obj_iova;

	if (RTE_MBUF_HAS_EXTBUF(m)) {
		if (rte_pktmbuf_priv_flags(mp) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)
			return;
		__rte_pktmbuf_free_extbuf(m);
	} else {
		__rte_pktmbuf_free_direct(m);
	}

	priv_size = rte_pktmbuf_priv_size(mp);
	header = (uint32_t)(sizeof(struct rte_mbuf) + priv_size);
	m->priv_size = priv_size;
	m->buf_addr = (char *)m + header;
	obj_iova = rte_mempool_virt2iova(m);
	rte_mbuf_iova_set(m, obj_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : obj_iova + header);
	m->buf_len = rte_pktmbuf_data_room_size(mp);
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->ol_flags = 0;
}

/*
 * @internal Freeing an mbuf of a pinned-external-buffer pool. The buffer's
 * count includes the mbuf itself plus every clone attached to it.
 * @return 0 when the mbuf can go back to the pool now; non-zero when
 *   clones still use its buffer (the last clone's detach then returns it,
 *   through the pool's release callback).
 */
static inline int
__rte_pktmbuf_pinned_extbuf_decref(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	m->ol_flags = RTE_MBUF_F_EXTERNAL; /* being freed: only the pin stays */
	if (likely(__rte_mbuf_ext_refcnt_acquire(shinfo) == 1))
		return 0;
	if (__atomic_add_fetch(&shinfo->refcnt, (uint16_t)-1, __ATOMIC_ACQ_REL) != 0)
		return 1;
	/* the clones let go between our read and our decrement */
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	return 0;
}

/* @internal Last reference to @p m dropped: detach its buffer and make it
 * a lone segment. @return m, or NULL if a pinned buffer keeps it alive. */
static __rte_always_inline struct rte_mbuf *
__rte_pktmbuf_prefree_last(struct rte_mbuf *m)
{
	if (!RTE_MBUF_DIRECT(m)) {
		rte_pktmbuf_detach(m);
		if (RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
		    __rte_pktmbuf_pinned_extbuf_decref(m))
			return NULL;
	}
	/* test before writing: most freed mbufs already are lone segments,
	 * and skipping the store keeps the cache line clean */
	if (m->next != NULL)
		m->next = NULL;
	if (m->nb_segs != 1)
		m->nb_segs = 1;
	return m;
}

/**
 * Drop one reference on segment @p m. When it was the last, the segment is
 * detached from any shared buffer and left ready for rte_mbuf_raw_free()
 * (refcnt 1, alone).
 * @return @p m when the caller may recycle it, NULL when references remain.
 */
static __rte_always_inline struct rte_mbuf *
rte_pktmbuf_prefree_seg(struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 0);

	if (likely(__rte_mbuf_refcnt_acquire(m) == 1))
		return __rte_pktmbuf_prefree_last(m);
	if (__rte_mbuf_refcnt_update(m, -1) == 0) {
		m = __rte_pktmbuf_prefree_last(m);
		if (m != NULL)
			rte_mbuf_refcnt_set(m, 1);
		return m;
	}
	return NULL;
}

/** Free one segment (not the rest of its chain). */
static __rte_always_inline void
rte_pktmbuf_free_seg(struct rte_mbuf *m)
{
	m = rte_pktmbuf_prefree_seg(m);
	if (likely(m != NULL))
		rte_mbuf_raw_free(m);
}

/** Free a packet: every segment of the chain. NULL is ignored. */
static inline void
rte_pktmbuf_free(struct rte_mbuf *m)
{
	struct rte_mbuf *next;

	if (m != NULL)
		__rte_mbuf_sanity_check(m, 1);
	while (m != NULL) {
		next = m->next;
		rte_pktmbuf_free_seg(m);
		m = next;
	}
}

/**
 * Free @p count packets (whole chains; NULL entries are skipped), putting
 * segments back to their pools in batches.
 */
void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count);

/**
 * Clone a packet: one indirect mbuf from @p mp per segment of @p md, each
 * attached to that segment, chained like the original.
 * @return the clone, or NULL (nothing leaked) when @p mp runs out, or on
 *   NULL arguments (rte_errno EINVAL, logged).
 */
struct rte_mbuf *rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp);

/**
 * Copy @p length bytes of packet @p m from @p offset (all of the rest
 * with UINT32_MAX) into new direct mbufs from @p mp, with @p m's metadata
 * and offload flags; the private area is not copied.
 * @return the copy, or NULL with rte_errno set: EINVAL (NULL argument,
 *   @p offset beyond the packet, @p mp has no data room; logged) or ENOENT
 *   (@p mp ran out).
 */
struct rte_mbuf *rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp, uint32_t offset,
				  uint32_t length);

/** Add @p v to the reference count of every segment of @p m. */
static inline void
rte_pktmbuf_refcnt_update(struct rte_mbuf *m, int16_t v)
{
	__rte_mbuf_sanity_check(m, 1);
	do {
		rte_mbuf_refcnt_update(m, v);
		m = m->next;
	} while (m != NULL);
}

/* ---- data area ---- */

/** Bytes before the data in this segment's buffer. */
static inline uint16_t
rte_pktmbuf_headroom(const struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 0);
	return m->data_off;
}

/** Bytes after the data in this segment's buffer. */
static inline uint16_t
rte_pktmbuf_tailroom(const struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 0);
	return (uint16_t)(m->buf_len - rte_pktmbuf_headroom(m) - m->data_len);
}

/** Last segment of packet @p m. */
static inline struct rte_mbuf *
rte_pktmbuf_lastseg(struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 1);
	while (m->next != NULL)
		m = m->next;
	return m;
}

/** Packet length (an lvalue). */
#define rte_pktmbuf_pkt_len(m) ((m)->pkt_len)

/** Length of this segment's data (an lvalue). */
#define rte_pktmbuf_data_len(m) ((m)->data_len)

/**
 * Grow the packet by @p len bytes at the front (first segment's headroom).
 * @return the new data start, or NULL (mbuf unchanged) if the headroom is
 *   smaller than @p len.
 */
static inline char *
rte_pktmbuf_prepend(struct rte_mbuf *m, uint16_t len)
{
	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > rte_pktmbuf_headroom(m)))
		return NULL;
	m->data_off = (uint16_t)(m->data_off - len);
	m->data_len = (uint16_t)(m->data_len + len);
	m->pkt_len += len;
	return (char *)m->buf_addr + m->data_off;
}

/**
 * Grow the packet by @p len bytes at the end (last segment's tailroom).
 * @return the start of the added bytes, or NULL (mbuf unchanged) if the
 *   tailroom is smaller than @p len.
 */
static inline char *
rte_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last;
	char *tail;

	__rte_mbuf_sanity_check(m, 1);
	last = rte_pktmbuf_lastseg(m);
	if (unlikely(len > rte_pktmbuf_tailroom(last)))
		return NULL;
	tail = (char *)last->buf_addr + last->data_off + last->data_len;
	last->data_len = (uint16_t)(last->data_len + len);
	m->pkt_len += len;
	return tail;
}

/**
 * Remove @p len bytes from the front of the packet (first segment only).
 * @return the new data start, or NULL (mbuf unchanged) if the first
 *   segment holds fewer than @p len bytes.
 */
static inline char *
rte_pktmbuf_adj(struct rte_mbuf *m, uint16_t len)
{
	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > m->data_len))
		return NULL;
	m->data_len = (uint16_t)(m->data_len - len);
	m->data_off = (uint16_t)(m->data_off + len);
	m->pkt_len -= len;
	return (char *)m->buf_addr + m->data_off;
}

/**
 * Remove @p len bytes from the end of the packet (last segment only).
 * @return 0, or -1 (mbuf unchanged) if the last segment holds fewer.
 */
static inline int
rte_pktmbuf_trim(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last;

	__rte_mbuf_sanity_check(m, 1);
	last = rte_pktmbuf_lastseg(m);
	if (unlikely(len > last->data_len))
		return -1;
	last->data_len = (uint16_t)(last->data_len - len);
	m->pkt_len -= len;
	return 0;
}

/** 1 if the packet is one segment, 0 otherwise. */
static inline int
rte_pktmbuf_is_contiguous(const struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 1);
	return m->nb_segs == 1;
}

/* @internal Slow path of rte_pktmbuf_read(): data spanning segments. */
const void *__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len, void *buf);

/**
 * Read @p len bytes at offset @p off of the packet.
 * @return a pointer into the mbuf when the bytes are in one segment,
 *   else @p buf after copying them there (it must hold @p len bytes);
 *   NULL if the packet is shorter than off + len. As in DPDK 22.11 (whose
 *   test reads len UINT32_MAX this way), when off + len passes 2^32 and
 *   @p off is inside the packet, a pointer to the byte at @p off, with
 *   nothing copied.
 */
static inline const void *
rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len, void *buf)
{
	/* written so that off + len cannot wrap */
	if (likely(len <= m->data_len && off <= (uint32_t)(m->data_len - len)))
		return rte_pktmbuf_mtod_offset(m, const char *, off);
	return __rte_pktmbuf_read(m, off, len, buf);
}

/**
 * Append packet @p tail to packet @p head (linear walk to head's last
 * segment). @p tail must not be used as a packet afterwards.
 * @return 0, or -EOVERFLOW (nothing changed) when the chain would exceed
 *   RTE_MBUF_MAX_NB_SEGS segments.
 */
static inline int
rte_pktmbuf_chain(struct rte_mbuf *head, struct rte_mbuf *tail)
{
	struct rte_mbuf *last;

	if (head->nb_segs + tail->nb_segs > RTE_MBUF_MAX_NB_SEGS)
		return -EOVERFLOW;
	last = rte_pktmbuf_lastseg(head);
	last->next = tail;
	head->nb_segs = (uint16_t)(head->nb_segs + tail->nb_segs);
	head->pkt_len += tail->pkt_len;
	/* tail is a middle segment now: its pkt_len no longer means anything,
	 * keep it equal to its own data */
	tail->pkt_len = tail->data_len;
	return 0;
}

/**
 * Pack the transmit offload lengths into a tx_offload word (values are not
 * range-checked).
 */
static __rte_always_inline uint64_t
rte_mbuf_tx_offload(uint64_t il2, uint64_t il3, uint64_t il4, uint64_t tso, uint64_t ol3,
		    uint64_t ol2, uint64_t unused)
{
	return il2 << RTE_MBUF_L2_LEN_OFS | il3 << RTE_MBUF_L3_LEN_OFS |
	       il4 << RTE_MBUF_L4_LEN_OFS | tso << RTE_MBUF_TSO_SEGSZ_OFS |
	       ol3 << RTE_MBUF_OUTL3_LEN_OFS | ol2 << RTE_MBUF_OUTL2_LEN_OFS |
	       unused << RTE_MBUF_TXOFLD_UNUSED_OFS;
}

/**
 * Check that the transmit offload requests of @p m are coherent.
 * @return 0, or -EINVAL when: an IPv4 checksum is asked for an IPv6 packet;
 *   an L4 checksum or TSO is asked without saying IPv4 or IPv6; TSO without
 *   a segment size or, on IPv4, without the IP checksum; an outer IP
 *   checksum without an outer IPv4 header.
 */
static inline int
rte_validate_tx_offload(const struct rte_mbuf *m)
{
	uint64_t f = m->ol_flags;

	if (!(f & RTE_MBUF_F_TX_OFFLOAD_MASK))
		return 0;
	if ((f & RTE_MBUF_F_TX_IP_CKSUM) && (f & RTE_MBUF_F_TX_IPV6))
		return -EINVAL;
	if ((f & (RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG)) &&
	    !(f & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)))
		return -EINVAL;
	if ((f & RTE_MBUF_F_TX_TCP_SEG) &&
	    (m->tso_segsz == 0 || ((f & RTE_MBUF_F_TX_IPV4) && !(f & RTE_MBUF_F_TX_IP_CKSUM))))
		return -EINVAL;
	if ((f & RTE_MBUF_F_TX_OUTER_IP_CKSUM) && !(f & RTE_MBUF_F_TX_OUTER_IPV4))
		return -EINVAL;
	return 0;
}

/* @internal Slow path of rte_pktmbuf_linearize(). */
int __rte_pktmbuf_linearize(struct rte_mbuf *mbuf);

/**
 * Move all of a packet's data into its first segment and free the others.
 * @return 0 (also when already one segment), or -1 (nothing changed) when
 *   the first segment's tailroom is too small or its buffer is shared.
 */
static inline int
rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	if (rte_pktmbuf_is_contiguous(mbuf))
		return 0;
	return __rte_pktmbuf_linearize(mbuf);
}

/**
 * Print every field of every segment of @p m to @p f, and a hex dump of up
 * to @p dump_len data bytes of the packet (0: none).
 */
void rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned dump_len);

/* ---- hierarchical scheduler fields (overlaid on hash) ---- */

/** Scheduler queue of @p m. */
static inline uint32_t
rte_mbuf_sched_queue_get(const struct rte_mbuf *m)
{
	return m->hash.sched.queue_id;
}

/** Scheduler traffic class of @p m. */
static inline uint8_t
rte_mbuf_sched_traffic_class_get(const struct rte_mbuf *m)
{
	return m->hash.sched.traffic_class;
}

/** Scheduler colour of @p m. */
static inline uint8_t
rte_mbuf_sched_color_get(const struct rte_mbuf *m)
{
	return m->hash.sched.color;
}

/** All three scheduler values of @p m in one read. */
static inline void
rte_mbuf_sched_get(const struct rte_mbuf *m, uint32_t *queue_id, uint8_t *traffic_class,
		   uint8_t *color)
{
	struct rte_mbuf_sched s = m->hash.sched;

	*queue_id = s.queue_id;
	*traffic_class = s.traffic_class;
	*color = s.color;
}

/** Set the scheduler queue of @p m. */
static inline void
rte_mbuf_sched_queue_set(struct rte_mbuf *m, uint32_t queue_id)
{
	m->hash.sched.queue_id = queue_id;
}

/** Set the scheduler traffic class of @p m. */
static inline void
rte_mbuf_sched_traffic_class_set(struct rte_mbuf *m, uint8_t traffic_class)
{
	m->hash.sched.traffic_class = traffic_class;
}

/** Set the scheduler colour of @p m. */
static inline void
rte_mbuf_sched_color_set(struct rte_mbuf *m, uint8_t color)
{
	m->hash.sched.color = color;
}

/** Set all three scheduler values (reserved bits cleared) in one write. */
static inline void
rte_mbuf_sched_set(struct rte_mbuf *m, uint32_t queue_id, uint8_t traffic_class, uint8_t color)
{
	struct rte_mbuf_sched s;

	s.queue_id = queue_id;
	s.traffic_class = traffic_class;
	s.color = color;
	s.reserved = 0;
	m->hash.sched = s;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MBUF_H_ */
