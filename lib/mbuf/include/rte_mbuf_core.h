/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * The packet buffer descriptor, struct rte_mbuf, and its offload flags.
 *
 * Include <rte_mbuf.h>, which includes this file; it is separate only so
 * that headers needing the layout (drivers' descriptor code) do not pull
 * the whole mbuf API.
 *
 * An mbuf is a 128-byte descriptor in two 64-byte cache lines, followed in
 * its pool object by an optional application private area (priv_size
 * bytes) and then, for a direct mbuf, its own data buffer (buf_len bytes).
 * The first cache line holds everything a receive path writes; the second
 * what transmit, chaining and the slow path use. The layout is DPDK 22.11's
 * (built with IOVA as PA, as Debian ships it) field for field: programs and
 * drivers written for DPDK access the fields by name and some copy whole
 * groups through the rearm_data and rx_descriptor_fields1 markers, so the
 * offsets are checked at compile time at the end of this file.
 */

#ifndef _RTE_MBUF_CORE_H_
#define _RTE_MBUF_CORE_H_

#pragma GCC visibility push(default)

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * DPDK 22.11 can be built without a physical-address field (IOVA as VA
 * only); dpkit always has buf_iova, as every distribution build of 22.11
 * does, so code testing this macro takes the usual branch.
 */
#ifndef RTE_IOVA_AS_PA
#define RTE_IOVA_AS_PA 1
#endif

/* ---- receive offload flags (bits 0..22 of ol_flags) ---- */

#define RTE_MBUF_F_RX_VLAN (1ULL << 0)               /**< vlan_tci holds the packet's VLAN tag */
#define RTE_MBUF_F_RX_RSS_HASH (1ULL << 1)           /**< hash.rss is valid */
#define RTE_MBUF_F_RX_FDIR (1ULL << 2)               /**< a flow director rule matched */
#define RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD (1ULL << 5) /**< outer IP checksum wrong */
#define RTE_MBUF_F_RX_VLAN_STRIPPED (1ULL << 6)      /**< the VLAN tag was removed from the data */

/** The two bits giving the IP checksum status (one of the four values below). */
#define RTE_MBUF_F_RX_IP_CKSUM_MASK ((1ULL << 4) | (1ULL << 7))
#define RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN 0                        /**< not checked */
#define RTE_MBUF_F_RX_IP_CKSUM_BAD (1ULL << 4)                  /**< checked, wrong */
#define RTE_MBUF_F_RX_IP_CKSUM_GOOD (1ULL << 7)                 /**< checked, right */
#define RTE_MBUF_F_RX_IP_CKSUM_NONE ((1ULL << 4) | (1ULL << 7)) /**< data valid, checksum not */

/** The two bits giving the L4 checksum status. */
#define RTE_MBUF_F_RX_L4_CKSUM_MASK ((1ULL << 3) | (1ULL << 8))
#define RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN 0                        /**< not checked */
#define RTE_MBUF_F_RX_L4_CKSUM_BAD (1ULL << 3)                  /**< checked, wrong */
#define RTE_MBUF_F_RX_L4_CKSUM_GOOD (1ULL << 8)                 /**< checked, right */
#define RTE_MBUF_F_RX_L4_CKSUM_NONE ((1ULL << 3) | (1ULL << 8)) /**< data valid, checksum not */

#define RTE_MBUF_F_RX_IEEE1588_PTP (1ULL << 9)   /**< a PTP frame */
#define RTE_MBUF_F_RX_IEEE1588_TMST (1ULL << 10) /**< the PTP frame was timestamped */
#define RTE_MBUF_F_RX_FDIR_ID (1ULL << 13)       /**< hash.fdir.hi holds the rule id */
#define RTE_MBUF_F_RX_FDIR_FLX (1ULL << 14)      /**< hash.fdir holds flexible bytes */
#define RTE_MBUF_F_RX_QINQ_STRIPPED (1ULL << 15) /**< both VLAN tags removed from the data */
#define RTE_MBUF_F_RX_LRO (1ULL << 16)           /**< coalesced by LRO; tso_segsz is set */
/* bit 17 is unassigned and not handed out as a dynamic flag */
#define RTE_MBUF_F_RX_SEC_OFFLOAD (1ULL << 18)        /**< security offload processed */
#define RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED (1ULL << 19) /**< security offload failed */
#define RTE_MBUF_F_RX_QINQ (1ULL << 20)               /**< vlan_tci and vlan_tci_outer are valid */

/** The two bits giving the outer L4 checksum status. */
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK ((1ULL << 21) | (1ULL << 22))
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN 0
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD (1ULL << 21)
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD (1ULL << 22)
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID ((1ULL << 21) | (1ULL << 22))

/* ---- bits 23..40: free, handed out as dynamic flags (rte_mbuf_dyn.h) ---- */

#define RTE_MBUF_F_FIRST_FREE (1ULL << 23) /**< lowest bit for dynamic flags */
#define RTE_MBUF_F_LAST_FREE (1ULL << 40)  /**< highest bit for dynamic flags */

/* ---- transmit offload requests (bits 41..60) ---- */

#define RTE_MBUF_F_TX_OUTER_UDP_CKSUM (1ULL << 41) /**< compute the outer UDP checksum */
#define RTE_MBUF_F_TX_UDP_SEG (1ULL << 42)         /**< UDP fragmentation offload */
#define RTE_MBUF_F_TX_SEC_OFFLOAD (1ULL << 43)     /**< security offload requested */
#define RTE_MBUF_F_TX_MACSEC (1ULL << 44)          /**< insert a MACsec tag */

/** Tunnel type (4-bit value at bits 45..48), for tunnel offloads. */
#define RTE_MBUF_F_TX_TUNNEL_VXLAN (0x1ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GRE (0x2ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_IPIP (0x3ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GENEVE (0x4ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_MPLSINUDP (0x5ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE (0x6ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GTP (0x7ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_ESP (0x8ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_IP (0xDULL << 45)  /**< generic IP-in-IP style tunnel */
#define RTE_MBUF_F_TX_TUNNEL_UDP (0xEULL << 45) /**< generic UDP tunnel */
#define RTE_MBUF_F_TX_TUNNEL_MASK (0xFULL << 45)

#define RTE_MBUF_F_TX_QINQ (1ULL << 49)          /**< insert both VLAN tags */
#define RTE_MBUF_F_TX_TCP_SEG (1ULL << 50)       /**< TCP segmentation offload (tso_segsz) */
#define RTE_MBUF_F_TX_IEEE1588_TMST (1ULL << 51) /**< timestamp this PTP frame */

/** L4 checksum request (2-bit value at bits 52..53). */
#define RTE_MBUF_F_TX_L4_NO_CKSUM (0ULL << 52)
#define RTE_MBUF_F_TX_TCP_CKSUM (1ULL << 52)
#define RTE_MBUF_F_TX_SCTP_CKSUM (2ULL << 52)
#define RTE_MBUF_F_TX_UDP_CKSUM (3ULL << 52)
#define RTE_MBUF_F_TX_L4_MASK (3ULL << 52)

#define RTE_MBUF_F_TX_IP_CKSUM (1ULL << 54)       /**< compute the IPv4 header checksum */
#define RTE_MBUF_F_TX_IPV4 (1ULL << 55)           /**< the packet is IPv4 */
#define RTE_MBUF_F_TX_IPV6 (1ULL << 56)           /**< the packet is IPv6 */
#define RTE_MBUF_F_TX_VLAN (1ULL << 57)           /**< insert vlan_tci as a tag */
#define RTE_MBUF_F_TX_OUTER_IP_CKSUM (1ULL << 58) /**< compute the outer IPv4 checksum */
#define RTE_MBUF_F_TX_OUTER_IPV4 (1ULL << 59)     /**< outer header is IPv4 */
#define RTE_MBUF_F_TX_OUTER_IPV6 (1ULL << 60)     /**< outer header is IPv6 */

/** Every transmit request bit. */
#define RTE_MBUF_F_TX_OFFLOAD_MASK \
	(RTE_MBUF_F_TX_OUTER_IPV6 | RTE_MBUF_F_TX_OUTER_IPV4 | RTE_MBUF_F_TX_OUTER_IP_CKSUM | \
	 RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | \
	 RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_IEEE1588_TMST | RTE_MBUF_F_TX_TCP_SEG | \
	 RTE_MBUF_F_TX_QINQ | RTE_MBUF_F_TX_TUNNEL_MASK | RTE_MBUF_F_TX_MACSEC | \
	 RTE_MBUF_F_TX_SEC_OFFLOAD | RTE_MBUF_F_TX_UDP_SEG | RTE_MBUF_F_TX_OUTER_UDP_CKSUM)

/* ---- buffer kind (bits 61..62) ---- */

/** The data buffer is external, described by m->shinfo. */
#define RTE_MBUF_F_EXTERNAL (1ULL << 61)
/** The data buffer belongs to another mbuf (this one is a clone). */
#define RTE_MBUF_F_INDIRECT (1ULL << 62)

/** priv_size of a pktmbuf pool must be a multiple of this. */
#define RTE_MBUF_PRIV_ALIGN 8

/** Data room (headroom excluded) that suits a standard Ethernet frame. */
#define RTE_MBUF_DEFAULT_DATAROOM 2048
/** Default data_room_size for rte_pktmbuf_pool_create(): headroom + 2048. */
#define RTE_MBUF_DEFAULT_BUF_SIZE (RTE_MBUF_DEFAULT_DATAROOM + RTE_PKTMBUF_HEADROOM)

/** Hierarchical scheduler fields, overlaid on rte_mbuf::hash. */
struct rte_mbuf_sched {
	uint32_t queue_id;     /**< queue */
	uint8_t traffic_class; /**< traffic class, 0 = highest priority */
	uint8_t color;         /**< colour from metering */
	uint16_t reserved;     /**< zero */
};

/** Widths and bit offsets of the fields packed in rte_mbuf::tx_offload. */
enum {
	RTE_MBUF_L2_LEN_BITS = 7,
	RTE_MBUF_L3_LEN_BITS = 9,
	RTE_MBUF_L4_LEN_BITS = 8,
	RTE_MBUF_TSO_SEGSZ_BITS = 16,
	RTE_MBUF_OUTL3_LEN_BITS = 9,
	RTE_MBUF_OUTL2_LEN_BITS = 7,
	RTE_MBUF_TXOFLD_UNUSED_BITS = sizeof(uint64_t) * CHAR_BIT - RTE_MBUF_L2_LEN_BITS -
				      RTE_MBUF_L3_LEN_BITS - RTE_MBUF_L4_LEN_BITS -
				      RTE_MBUF_TSO_SEGSZ_BITS - RTE_MBUF_OUTL3_LEN_BITS -
				      RTE_MBUF_OUTL2_LEN_BITS,
#if RTE_BYTE_ORDER == RTE_BIG_ENDIAN
	/* bit-fields are allocated from the most significant bit */
	RTE_MBUF_L2_LEN_OFS = sizeof(uint64_t) * CHAR_BIT - RTE_MBUF_L2_LEN_BITS,
	RTE_MBUF_L3_LEN_OFS = RTE_MBUF_L2_LEN_OFS - RTE_MBUF_L3_LEN_BITS,
	RTE_MBUF_L4_LEN_OFS = RTE_MBUF_L3_LEN_OFS - RTE_MBUF_L4_LEN_BITS,
	RTE_MBUF_TSO_SEGSZ_OFS = RTE_MBUF_L4_LEN_OFS - RTE_MBUF_TSO_SEGSZ_BITS,
	RTE_MBUF_OUTL3_LEN_OFS = RTE_MBUF_TSO_SEGSZ_OFS - RTE_MBUF_OUTL3_LEN_BITS,
	RTE_MBUF_OUTL2_LEN_OFS = RTE_MBUF_OUTL3_LEN_OFS - RTE_MBUF_OUTL2_LEN_BITS,
	RTE_MBUF_TXOFLD_UNUSED_OFS = RTE_MBUF_OUTL2_LEN_OFS - RTE_MBUF_TXOFLD_UNUSED_BITS,
#else
	RTE_MBUF_L2_LEN_OFS = 0,
	RTE_MBUF_L3_LEN_OFS = RTE_MBUF_L2_LEN_OFS + RTE_MBUF_L2_LEN_BITS,
	RTE_MBUF_L4_LEN_OFS = RTE_MBUF_L3_LEN_OFS + RTE_MBUF_L3_LEN_BITS,
	RTE_MBUF_TSO_SEGSZ_OFS = RTE_MBUF_L4_LEN_OFS + RTE_MBUF_L4_LEN_BITS,
	RTE_MBUF_OUTL3_LEN_OFS = RTE_MBUF_TSO_SEGSZ_OFS + RTE_MBUF_TSO_SEGSZ_BITS,
	RTE_MBUF_OUTL2_LEN_OFS = RTE_MBUF_OUTL3_LEN_OFS + RTE_MBUF_OUTL3_LEN_BITS,
	RTE_MBUF_TXOFLD_UNUSED_OFS = RTE_MBUF_OUTL2_LEN_OFS + RTE_MBUF_OUTL2_LEN_BITS,
#endif
};

struct rte_mempool;
struct rte_mbuf_ext_shared_info;

/** The packet buffer descriptor. */
struct rte_mbuf {
	/* ---- cache line 0: what a receive path writes ---- */
	RTE_MARKER cacheline0;

	void *buf_addr; /**< start of the data buffer (not of the data) */
	/** IOVA of buf_addr, for devices. */
	rte_iova_t buf_iova __rte_aligned(sizeof(rte_iova_t));

	/* Drivers re-arm a descriptor by storing these 8 bytes at once. */
	RTE_MARKER64 rearm_data;
	uint16_t data_off; /**< data starts at buf_addr + data_off */
	/** References to this mbuf; use the rte_mbuf_refcnt_* helpers. */
	uint16_t refcnt;
	uint16_t nb_segs; /**< segments in the chain (first segment only) */
	uint16_t port;    /**< input port, RTE_MBUF_PORT_INVALID if none */

	uint64_t ol_flags; /**< RTE_MBUF_F_* and dynamic flags */

	/* What a receive descriptor yields: type, lengths, VLAN, hash. */
	RTE_MARKER rx_descriptor_fields1;

	RTE_STD_C11
	union {
		uint32_t packet_type; /**< RTE_PTYPE_* of the data present */
		__extension__ struct {
			uint8_t l2_type : 4;  /**< outer L2 */
			uint8_t l3_type : 4;  /**< outer L3 */
			uint8_t l4_type : 4;  /**< outer L4 */
			uint8_t tun_type : 4; /**< tunnel */
			RTE_STD_C11
			union {
				/** ESP next header when the tunnel is ESP */
				uint8_t inner_esp_next_proto;
				__extension__ struct {
					uint8_t inner_l2_type : 4; /**< inner L2 */
					uint8_t inner_l3_type : 4; /**< inner L3 */
				};
			};
			uint8_t inner_l4_type : 4; /**< inner L4 */
		};
	};

	uint32_t pkt_len;  /**< bytes in all segments (first segment only) */
	uint16_t data_len; /**< bytes in this segment */
	uint16_t vlan_tci; /**< VLAN TCI, CPU order (RTE_MBUF_F_RX_VLAN) */

	RTE_STD_C11
	union {
		/** Receive hash, flow director match, or scheduler info. */
		union {
			uint32_t rss; /**< RSS hash (RTE_MBUF_F_RX_RSS_HASH) */
			struct {
				union {
					struct {
						uint16_t hash; /**< flow director hash */
						uint16_t id;   /**< flow director filter id */
					};
					uint32_t lo; /**< flexible bytes, low half */
				};
				uint32_t hi; /**< rule id or flexible bytes, high half */
			} fdir;
			struct rte_mbuf_sched sched; /**< scheduler */
			struct {
				uint32_t reserved1;
				uint16_t reserved2;
				uint16_t txq; /**< queue for the eventdev Tx adapter */
			} txadapter;
			uint32_t usr; /**< free for the application */
		} hash;
	};

	uint16_t vlan_tci_outer;  /**< outer VLAN TCI, CPU order (RTE_MBUF_F_RX_QINQ) */
	uint16_t buf_len;         /**< size of the data buffer */
	struct rte_mempool *pool; /**< pool the mbuf came from */

	/* ---- cache line 1: transmit, chaining, slow path ---- */
	RTE_MARKER cacheline1 __rte_cache_min_aligned;

	struct rte_mbuf *next; /**< next segment, NULL on the last */

	RTE_STD_C11
	union {
		uint64_t tx_offload; /**< the fields below as one word */
		__extension__ struct {
			uint64_t l2_len : RTE_MBUF_L2_LEN_BITS;       /**< L2 header bytes */
			uint64_t l3_len : RTE_MBUF_L3_LEN_BITS;       /**< L3 header bytes */
			uint64_t l4_len : RTE_MBUF_L4_LEN_BITS;       /**< L4 header bytes */
			uint64_t tso_segsz : RTE_MBUF_TSO_SEGSZ_BITS; /**< TSO/LRO segment size */
			/* outer headers, for tunnel offloads */
			uint64_t outer_l3_len : RTE_MBUF_OUTL3_LEN_BITS; /**< outer L3 bytes */
			uint64_t outer_l2_len : RTE_MBUF_OUTL2_LEN_BITS; /**< outer L2 bytes */
		};
	};

	/** Shared info of an external buffer (RTE_MBUF_F_EXTERNAL). */
	struct rte_mbuf_ext_shared_info *shinfo;
	uint16_t priv_size;    /**< application area between mbuf and buffer */
	uint16_t timesync;     /**< IEEE 1588 timestamp register index */
	uint32_t dynfield1[9]; /**< space for dynamic fields (rte_mbuf_dyn.h) */
} __rte_cache_aligned;

/** Called when the last mbuf detaches from an external buffer. */
typedef void (*rte_mbuf_extbuf_free_callback_t)(void *addr, void *opaque);

/** Reference count and release callback of an external buffer. */
struct rte_mbuf_ext_shared_info {
	rte_mbuf_extbuf_free_callback_t free_cb; /**< releases the buffer */
	void *fcb_opaque;                        /**< second argument of free_cb */
	uint16_t refcnt;                         /**< mbufs attached to the buffer */
};

/** Largest nb_segs. */
#define RTE_MBUF_MAX_NB_SEGS UINT16_MAX

/** True when the mbuf is a clone of another (indirect). */
#define RTE_MBUF_CLONED(mb) ((mb)->ol_flags & RTE_MBUF_F_INDIRECT)
/** True when the mbuf's buffer is external. */
#define RTE_MBUF_HAS_EXTBUF(mb) ((mb)->ol_flags & RTE_MBUF_F_EXTERNAL)
/** True when the mbuf uses its own embedded buffer. */
#define RTE_MBUF_DIRECT(mb) (!((mb)->ol_flags & (RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL)))

/** Port value of an mbuf not received on a port. */
#define RTE_MBUF_PORT_INVALID UINT16_MAX
/** Older name of RTE_MBUF_PORT_INVALID. */
#define MBUF_INVALID_PORT RTE_MBUF_PORT_INVALID

/** Pointer of type @p t to the data of @p m, @p o bytes in. */
#define rte_pktmbuf_mtod_offset(m, t, o) ((t)(void *)((char *)(m)->buf_addr + (m)->data_off + (o)))

/** Pointer of type @p t to the start of the data of @p m. */
#define rte_pktmbuf_mtod(m, t) rte_pktmbuf_mtod_offset(m, t, 0)

/** IOVA of the data of @p m, @p o bytes in. */
#define rte_pktmbuf_iova_offset(m, o) (rte_iova_t)(rte_mbuf_iova_get(m) + (m)->data_off + (o))

/** IOVA of the start of the data of @p m. */
#define rte_pktmbuf_iova(m) rte_pktmbuf_iova_offset(m, 0)

/*
 * Layout checks: DPDK 22.11's offsets (x86_64/aarch64, 64-byte lines).
 * Drivers store rearm_data as one 64-bit word and load
 * rx_descriptor_fields1 as a 16-byte vector, so these are ABI, not taste.
 */
#ifdef __cplusplus
#define RTE_MBUF_CORE_STATIC_ASSERT_ static_assert
#else
#define RTE_MBUF_CORE_STATIC_ASSERT_ _Static_assert
#endif
#if RTE_CACHE_LINE_SIZE == 64 && UINTPTR_MAX == UINT64_MAX
RTE_MBUF_CORE_STATIC_ASSERT_(sizeof(struct rte_mbuf) == 128, "rte_mbuf is two cache lines");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, buf_addr) == 0, "buf_addr");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, buf_iova) == 8, "buf_iova");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, rearm_data) == 16, "rearm_data");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, data_off) == 16, "data_off");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, refcnt) == 18, "refcnt");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, nb_segs) == 20, "nb_segs");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, port) == 22, "port");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, ol_flags) == 24, "ol_flags");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, rx_descriptor_fields1) == 32,
			     "rx_descriptor_fields1");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, packet_type) == 32, "packet_type");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, pkt_len) == 36, "pkt_len");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, data_len) == 40, "data_len");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, vlan_tci) == 42, "vlan_tci");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, hash) == 44, "hash");
RTE_MBUF_CORE_STATIC_ASSERT_(sizeof(((struct rte_mbuf *)0)->hash) == 8, "hash is 8 bytes");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, vlan_tci_outer) == 52, "vlan_tci_outer");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, buf_len) == 54, "buf_len");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, pool) == 56, "pool");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, cacheline1) == 64, "cacheline1");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, next) == 64, "next");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, tx_offload) == 72, "tx_offload");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, shinfo) == 80, "shinfo");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, priv_size) == 88, "priv_size");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, timesync) == 90, "timesync");
RTE_MBUF_CORE_STATIC_ASSERT_(offsetof(struct rte_mbuf, dynfield1) == 92, "dynfield1");
RTE_MBUF_CORE_STATIC_ASSERT_(sizeof(struct rte_mbuf_sched) == 8, "rte_mbuf_sched");
RTE_MBUF_CORE_STATIC_ASSERT_(sizeof(struct rte_mbuf_ext_shared_info) == 24,
			     "rte_mbuf_ext_shared_info");
#endif
#undef RTE_MBUF_CORE_STATIC_ASSERT_

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MBUF_CORE_H_ */
