/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_RING_CORE_H_
#define _RTE_RING_CORE_H_

#pragma GCC visibility push(default)

/**
 * @file
 * The ring's data structures, flags and sync modes. Do not include this
 * file directly: include <rte_ring.h> or <rte_ring_elem.h>.
 *
 * A ring is a fixed-size circular array of elements with two sides, the
 * producer side (prod) and the consumer side (cons). Each side has a head
 * and a tail, free-running 32-bit counters that are reduced modulo the ring
 * size only to index the array:
 *
 *     cons.tail <= cons.head <= prod.tail <= prod.head <= cons.tail + capacity
 *
 * An enqueue first reserves slots by moving prod.head, then copies its
 * elements in, then publishes them by moving prod.tail; a dequeue does the
 * same on cons. How concurrent callers on one side agree on head and tail
 * is the side's sync mode (enum rte_ring_sync_type): single thread,
 * multi-thread (compare-and-swap on head, tails published in order),
 * relaxed tail sync (RTS) or head/tail sync (HTS). Whatever its mode, a side
 * keeps its published tail at the same offset, so either side reads the
 * other side's tail without knowing its mode.
 *
 * dpkit addition: each side also keeps, in its own cache line, the other
 * side's tail as it last read it. The fast path trusts that copy (it can
 * only under-estimate room) and reads the other side's line only when the
 * copy says there is not enough, so producer and consumer on two cores stop
 * pulling each other's line on every call. How the copy is kept from ever
 * being more than 2^32 - capacity positions old is explained above
 * __rte_ring_room() in rte_ring_elem_pvt.h.
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/types.h>

#include <rte_common.h>
#include <rte_config.h>
#include <rte_memory.h>
#include <rte_lcore.h>
#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_memzone.h>
#include <rte_pause.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Name of the tail queue holding every ring made by rte_ring_create(). */
#define RTE_TAILQ_RING_NAME "RTE_RING"

/** Whether an enqueue/dequeue moves exactly n elements or as many as it can. */
enum rte_ring_queue_behavior {
	RTE_RING_QUEUE_FIXED = 0, /**< all n elements or none (bulk) */
	RTE_RING_QUEUE_VARIABLE   /**< up to n elements (burst) */
};

/** Prefix of the memzone that holds a ring created by rte_ring_create(). */
#define RTE_RING_MZ_PREFIX "RG_"

/**
 * Size of a ring's name buffer, terminating NUL included: the memzone name
 * "RG_<ring name>" must fit RTE_MEMZONE_NAMESIZE.
 */
#define RTE_RING_NAMESIZE (RTE_MEMZONE_NAMESIZE - sizeof(RTE_RING_MZ_PREFIX) + 1)

/** How the callers on one side of a ring synchronise. */
enum rte_ring_sync_type {
	RTE_RING_SYNC_MT,     /**< multi-thread safe (the default) */
	RTE_RING_SYNC_ST,     /**< one thread at a time only */
	RTE_RING_SYNC_MT_RTS, /**< multi-thread, relaxed tail sync */
	RTE_RING_SYNC_MT_HTS, /**< multi-thread, head/tail sync (serialised) */
};

/** Head and tail of one side in the MT and ST modes. */
struct rte_ring_headtail {
	volatile uint32_t head; /**< next position to reserve */
	volatile uint32_t tail; /**< positions before it are published */
	RTE_STD_C11
	union {
		enum rte_ring_sync_type sync_type; /**< mode of this side */
		uint32_t single;                   /**< old name: non-zero for RTE_RING_SYNC_ST */
	};
};

/** A position with a counter of operations, read and written as one 64-bit word (RTS). */
union __rte_ring_rts_poscnt {
	uint64_t raw __rte_aligned(8); /**< both fields as one atomic word */
	struct {
		uint32_t cnt; /**< operations started (head) or finished (tail) */
		uint32_t pos; /**< position */
	} val;
};

/**
 * One side in RTS mode: callers reserve concurrently; the tail moves to the
 * head when the last caller in flight finishes, and new reservations wait
 * while the head runs more than htd_max ahead of the tail.
 */
struct rte_ring_rts_headtail {
	volatile union __rte_ring_rts_poscnt
		tail;                      /**< pos at the same offset as rte_ring_headtail.tail */
	enum rte_ring_sync_type sync_type; /**< RTE_RING_SYNC_MT_RTS */
	uint32_t htd_max;                  /**< largest allowed head - tail distance */
	volatile union __rte_ring_rts_poscnt head; /**< reservations */
};

/** Head and tail of one side in HTS mode, as one 64-bit word. */
union __rte_ring_hts_pos {
	uint64_t raw __rte_aligned(8); /**< both fields as one atomic word */
	struct {
		uint32_t head; /**< next position to reserve */
		uint32_t tail; /**< at the same offset as rte_ring_headtail.tail */
	} pos;
};

/** One side in HTS mode: one caller at a time between head move and tail move. */
struct rte_ring_hts_headtail {
	volatile union __rte_ring_hts_pos ht; /**< head and tail */
	enum rte_ring_sync_type sync_type;    /**< RTE_RING_SYNC_MT_HTS */
};

/**
 * @internal dpkit: the other side's tail as this side last read it. It
 * shares the side's cache line, after the bytes the three layouts above use.
 * It counts positions in 64 bits, so that it never takes the same value
 * twice (see __rte_ring_room() in rte_ring_elem_pvt.h); its low 32 bits
 * are the tail position.
 */
struct __rte_ring_peer_cache {
	uint32_t __layouts[8]; /**< overlaps the head/tail layouts; never touched */
	RTE_STD_C11
	union {
		uint64_t peer_tail; /**< the other side's tail as last read; low half = position */
		uint32_t peer_tail_half[2]; /**< its halves, for a side with one caller at a time */
	};
};

/** @internal Index of the low half (the position) in peer_tail_half. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define __RTE_RING_PEER_TAIL_LOW 1
#else
#define __RTE_RING_PEER_TAIL_LOW 0
#endif

/**
 * A ring. Its element array follows the structure in the same memory
 * (&r[1]); rte_ring_get_memsize_elem() gives the size of both.
 *
 * Cache lines: read-mostly fields; an empty line; the producer side; an
 * empty line; the consumer side; an empty line. The empty lines keep an
 * adjacent-line prefetch on one side from stealing the other side's line.
 */
struct rte_ring {
	char name[RTE_RING_NAMESIZE] __rte_cache_aligned; /**< name given at creation */
	int flags;                                        /**< RING_F_* flags given at creation */
	const struct rte_memzone
		*memzone;  /**< memzone holding the ring, NULL after rte_ring_init() */
	uint32_t size;     /**< number of slots, a power of 2 */
	uint32_t mask;     /**< size - 1 */
	uint32_t capacity; /**< usable slots: size - 1, or the exact count */

	char pad0 __rte_cache_aligned; /**< empty cache line */

	RTE_STD_C11
	union {
		struct rte_ring_headtail prod;          /**< MT / ST producers */
		struct rte_ring_hts_headtail hts_prod;  /**< HTS producers */
		struct rte_ring_rts_headtail rts_prod;  /**< RTS producers */
		struct __rte_ring_peer_cache prod_seen; /**< consumer tail seen by producers */
	} __rte_cache_aligned;

	char pad1 __rte_cache_aligned; /**< empty cache line */

	RTE_STD_C11
	union {
		struct rte_ring_headtail cons;          /**< MT / ST consumers */
		struct rte_ring_hts_headtail hts_cons;  /**< HTS consumers */
		struct rte_ring_rts_headtail rts_cons;  /**< RTS consumers */
		struct __rte_ring_peer_cache cons_seen; /**< producer tail seen by consumers */
	} __rte_cache_aligned;

	char pad2 __rte_cache_aligned; /**< empty cache line */
};

/* The other side reads "tail" and "sync_type" whatever this side's mode is. */
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, tail) != 4);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_hts_headtail, ht) != 0);
RTE_BUILD_BUG_ON(offsetof(union __rte_ring_hts_pos, pos.tail) != 4);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_rts_headtail, tail) != 0);
RTE_BUILD_BUG_ON(offsetof(union __rte_ring_rts_poscnt, val.pos) != 4);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, sync_type) != 8);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_hts_headtail, sync_type) != 8);
RTE_BUILD_BUG_ON(offsetof(struct rte_ring_rts_headtail, sync_type) != 8);
/* The peer cache must not overlap any layout and must stay in the side's line. */
RTE_BUILD_BUG_ON(offsetof(struct __rte_ring_peer_cache, peer_tail) <
		 sizeof(struct rte_ring_rts_headtail));
RTE_BUILD_BUG_ON(sizeof(struct __rte_ring_peer_cache) > RTE_CACHE_LINE_MIN_SIZE);
RTE_BUILD_BUG_ON(offsetof(struct __rte_ring_peer_cache, peer_tail) % 8 != 0);
RTE_BUILD_BUG_ON(sizeof(struct rte_ring) % RTE_CACHE_LINE_SIZE != 0);

#define RING_F_SP_ENQ 0x0001 /**< default enqueue is single-producer */
#define RING_F_SC_DEQ 0x0002 /**< default dequeue is single-consumer */
/**
 * The ring holds exactly the count asked for: the slot array is rounded up
 * to the next power of two above count, instead of count having to be one.
 */
#define RING_F_EXACT_SZ 0x0004
#define RTE_RING_SZ_MASK (0x7fffffffU) /**< largest ring size (count) accepted */

#define RING_F_MP_RTS_ENQ 0x0008 /**< default enqueue is multi-producer RTS */
#define RING_F_MC_RTS_DEQ 0x0010 /**< default dequeue is multi-consumer RTS */
#define RING_F_MP_HTS_ENQ 0x0020 /**< default enqueue is multi-producer HTS */
#define RING_F_MC_HTS_DEQ 0x0040 /**< default dequeue is multi-consumer HTS */

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_RING_CORE_H_ */
