/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_ETHDEV_CONF_H_
#define _RTE_ETHDEV_CONF_H_

#pragma GCC visibility push(default)

/**
 * @file
 * @internal Do not include directly: include rte_ethdev.h.
 *
 * The data types an application fills or reads around a port: statistics,
 * link state, port and queue configuration, device capabilities, and the
 * RTE_ETH_* flag values that go into them. Field names and meanings follow
 * DPDK 22.11 so that existing programs compile unchanged; fields for
 * hardware features dpkit's virtual NICs lack (DCB, VMDq, hairpin) exist so
 * that code setting them to zero still builds, and must stay zero.
 */

#include <stdint.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mempool;
struct rte_device;


/* ---- basic statistics ---- */

/** Port counters since start or the last reset. */
struct rte_eth_stats {
	uint64_t ipackets;  /**< packets received */
	uint64_t opackets;  /**< packets sent */
	uint64_t ibytes;    /**< bytes received */
	uint64_t obytes;    /**< bytes sent */
	uint64_t imissed;   /**< packets dropped because no rx buffer was free */
	uint64_t ierrors;   /**< receive errors */
	uint64_t oerrors;   /**< transmit errors */
	uint64_t rx_nombuf; /**< receive buffer allocation failures */
	uint64_t q_ipackets[RTE_ETHDEV_QUEUE_STAT_CNTRS]; /**< per rx queue */
	uint64_t q_opackets[RTE_ETHDEV_QUEUE_STAT_CNTRS]; /**< per tx queue */
	uint64_t q_ibytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];   /**< per rx queue */
	uint64_t q_obytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];   /**< per tx queue */
	uint64_t q_errors[RTE_ETHDEV_QUEUE_STAT_CNTRS];   /**< per rx queue drops */
};

/* ---- link ---- */

/** Speeds a port supports or is asked for (bit mask). */
#define RTE_ETH_LINK_SPEED_AUTONEG 0
#define RTE_ETH_LINK_SPEED_FIXED RTE_BIT32(0)
#define RTE_ETH_LINK_SPEED_10M_HD RTE_BIT32(1)
#define RTE_ETH_LINK_SPEED_10M RTE_BIT32(2)
#define RTE_ETH_LINK_SPEED_100M_HD RTE_BIT32(3)
#define RTE_ETH_LINK_SPEED_100M RTE_BIT32(4)
#define RTE_ETH_LINK_SPEED_1G RTE_BIT32(5)
#define RTE_ETH_LINK_SPEED_2_5G RTE_BIT32(6)
#define RTE_ETH_LINK_SPEED_5G RTE_BIT32(7)
#define RTE_ETH_LINK_SPEED_10G RTE_BIT32(8)
#define RTE_ETH_LINK_SPEED_20G RTE_BIT32(9)
#define RTE_ETH_LINK_SPEED_25G RTE_BIT32(10)
#define RTE_ETH_LINK_SPEED_40G RTE_BIT32(11)
#define RTE_ETH_LINK_SPEED_50G RTE_BIT32(12)
#define RTE_ETH_LINK_SPEED_56G RTE_BIT32(13)
#define RTE_ETH_LINK_SPEED_100G RTE_BIT32(14)
#define RTE_ETH_LINK_SPEED_200G RTE_BIT32(15)

/** Link speed in Mbps, as found in struct rte_eth_link. */
#define RTE_ETH_SPEED_NUM_NONE 0
#define RTE_ETH_SPEED_NUM_10M 10
#define RTE_ETH_SPEED_NUM_100M 100
#define RTE_ETH_SPEED_NUM_1G 1000
#define RTE_ETH_SPEED_NUM_2_5G 2500
#define RTE_ETH_SPEED_NUM_5G 5000
#define RTE_ETH_SPEED_NUM_10G 10000
#define RTE_ETH_SPEED_NUM_20G 20000
#define RTE_ETH_SPEED_NUM_25G 25000
#define RTE_ETH_SPEED_NUM_40G 40000
#define RTE_ETH_SPEED_NUM_50G 50000
#define RTE_ETH_SPEED_NUM_56G 56000
#define RTE_ETH_SPEED_NUM_100G 100000
#define RTE_ETH_SPEED_NUM_200G 200000
#define RTE_ETH_SPEED_NUM_UNKNOWN UINT32_MAX

/** Link state; 8 bytes so that it can be read and written atomically. */
__extension__ struct rte_eth_link {
	uint32_t link_speed;       /**< RTE_ETH_SPEED_NUM_* (Mbps) */
	uint16_t link_duplex : 1;  /**< RTE_ETH_LINK_[HALF|FULL]_DUPLEX */
	uint16_t link_autoneg : 1; /**< RTE_ETH_LINK_[AUTONEG|FIXED] */
	uint16_t link_status : 1;  /**< RTE_ETH_LINK_[DOWN|UP] */
} __rte_aligned(8);

#define RTE_ETH_LINK_HALF_DUPLEX 0
#define RTE_ETH_LINK_FULL_DUPLEX 1
#define RTE_ETH_LINK_DOWN 0
#define RTE_ETH_LINK_UP 1
#define RTE_ETH_LINK_FIXED 0
#define RTE_ETH_LINK_AUTONEG 1
#define RTE_ETH_LINK_MAX_STR_LEN 40 /**< room for rte_eth_link_to_str() */

/* ---- multi-queue modes and RSS ---- */

/** Ring thresholds of a hardware queue (ignored by virtual NICs). */
struct rte_eth_thresh {
	uint8_t pthresh; /**< prefetch */
	uint8_t hthresh; /**< host */
	uint8_t wthresh; /**< write-back */
};

#define RTE_ETH_MQ_RX_RSS_FLAG RTE_BIT32(0)
#define RTE_ETH_MQ_RX_DCB_FLAG RTE_BIT32(1)
#define RTE_ETH_MQ_RX_VMDQ_FLAG RTE_BIT32(2)

/** How received packets are spread over rx queues. */
enum rte_eth_rx_mq_mode {
	RTE_ETH_MQ_RX_NONE = 0,
	RTE_ETH_MQ_RX_RSS = RTE_ETH_MQ_RX_RSS_FLAG,
	RTE_ETH_MQ_RX_DCB = RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_DCB_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_VMDQ_ONLY = RTE_ETH_MQ_RX_VMDQ_FLAG,
	RTE_ETH_MQ_RX_VMDQ_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_VMDQ_FLAG,
	RTE_ETH_MQ_RX_VMDQ_DCB = RTE_ETH_MQ_RX_VMDQ_FLAG | RTE_ETH_MQ_RX_DCB_FLAG,
	RTE_ETH_MQ_RX_VMDQ_DCB_RSS = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_DCB_FLAG |
				     RTE_ETH_MQ_RX_VMDQ_FLAG,
};

/** How tx queues are grouped. */
enum rte_eth_tx_mq_mode {
	RTE_ETH_MQ_TX_NONE = 0,
	RTE_ETH_MQ_TX_DCB,
	RTE_ETH_MQ_TX_VMDQ_DCB,
	RTE_ETH_MQ_TX_VMDQ_ONLY,
};

/** Receive side of a port configuration. */
struct rte_eth_rxmode {
	enum rte_eth_rx_mq_mode mq_mode; /**< queue spreading */
	uint32_t mtu;                    /**< MTU; 0 = RTE_ETHER_MTU */
	uint32_t max_lro_pkt_size;       /**< largest LRO aggregate */
	uint64_t offloads;               /**< RTE_ETH_RX_OFFLOAD_* for all queues */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

enum rte_vlan_type {
	RTE_ETH_VLAN_TYPE_UNKNOWN = 0,
	RTE_ETH_VLAN_TYPE_INNER,
	RTE_ETH_VLAN_TYPE_OUTER,
	RTE_ETH_VLAN_TYPE_MAX,
};

/** VLAN filter bitmap: bit n of ids[n / 64] set = VLAN n accepted. */
struct rte_vlan_filter_conf {
	uint64_t ids[64];
};

/** RSS hash configuration. */
struct rte_eth_rss_conf {
	uint8_t *rss_key;    /**< key, or NULL for the driver's default */
	uint8_t rss_key_len; /**< key length in bytes */
	uint64_t rss_hf;     /**< RTE_ETH_RSS_* fields to hash */
};

/* RSS hash field selectors (the subset applications use most). */
#define RTE_ETH_RSS_IPV4 RTE_BIT64(2)
#define RTE_ETH_RSS_FRAG_IPV4 RTE_BIT64(3)
#define RTE_ETH_RSS_NONFRAG_IPV4_TCP RTE_BIT64(4)
#define RTE_ETH_RSS_NONFRAG_IPV4_UDP RTE_BIT64(5)
#define RTE_ETH_RSS_NONFRAG_IPV4_SCTP RTE_BIT64(6)
#define RTE_ETH_RSS_NONFRAG_IPV4_OTHER RTE_BIT64(7)
#define RTE_ETH_RSS_IPV6 RTE_BIT64(8)
#define RTE_ETH_RSS_FRAG_IPV6 RTE_BIT64(9)
#define RTE_ETH_RSS_NONFRAG_IPV6_TCP RTE_BIT64(10)
#define RTE_ETH_RSS_NONFRAG_IPV6_UDP RTE_BIT64(11)
#define RTE_ETH_RSS_NONFRAG_IPV6_SCTP RTE_BIT64(12)
#define RTE_ETH_RSS_NONFRAG_IPV6_OTHER RTE_BIT64(13)
#define RTE_ETH_RSS_L2_PAYLOAD RTE_BIT64(14)
#define RTE_ETH_RSS_IPV6_EX RTE_BIT64(15)
#define RTE_ETH_RSS_IPV6_TCP_EX RTE_BIT64(16)
#define RTE_ETH_RSS_IPV6_UDP_EX RTE_BIT64(17)
#define RTE_ETH_RSS_PORT RTE_BIT64(18)
#define RTE_ETH_RSS_VXLAN RTE_BIT64(19)
#define RTE_ETH_RSS_GENEVE RTE_BIT64(20)
#define RTE_ETH_RSS_NVGRE RTE_BIT64(21)
#define RTE_ETH_RSS_GTPU RTE_BIT64(23)
#define RTE_ETH_RSS_ETH RTE_BIT64(24)
#define RTE_ETH_RSS_S_VLAN RTE_BIT64(25)
#define RTE_ETH_RSS_C_VLAN RTE_BIT64(26)
#define RTE_ETH_RSS_ESP RTE_BIT64(27)
#define RTE_ETH_RSS_AH RTE_BIT64(28)
#define RTE_ETH_RSS_L2TPV3 RTE_BIT64(29)
#define RTE_ETH_RSS_PFCP RTE_BIT64(30)
#define RTE_ETH_RSS_PPPOE RTE_BIT64(31)
#define RTE_ETH_RSS_ECPRI RTE_BIT64(32)
#define RTE_ETH_RSS_MPLS RTE_BIT64(33)
#define RTE_ETH_RSS_IPV4_CHKSUM RTE_BIT64(34)
#define RTE_ETH_RSS_L4_CHKSUM RTE_BIT64(35)
#define RTE_ETH_RSS_L2TPV2 RTE_BIT64(36)
#define RTE_ETH_RSS_L3_SRC_ONLY RTE_BIT64(63)
#define RTE_ETH_RSS_L3_DST_ONLY RTE_BIT64(62)
#define RTE_ETH_RSS_L4_SRC_ONLY RTE_BIT64(61)
#define RTE_ETH_RSS_L4_DST_ONLY RTE_BIT64(60)
#define RTE_ETH_RSS_L2_SRC_ONLY RTE_BIT64(59)
#define RTE_ETH_RSS_L2_DST_ONLY RTE_BIT64(58)

#define RTE_ETH_RSS_IP \
	(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_OTHER | \
	 RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_OTHER | \
	 RTE_ETH_RSS_IPV6_EX)
#define RTE_ETH_RSS_UDP \
	(RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_IPV6_UDP_EX)
#define RTE_ETH_RSS_TCP \
	(RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_IPV6_TCP_EX)
#define RTE_ETH_RSS_SCTP (RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_SCTP)
#define RTE_ETH_RSS_TUNNEL (RTE_ETH_RSS_VXLAN | RTE_ETH_RSS_GENEVE | RTE_ETH_RSS_NVGRE)
#define RTE_ETH_RSS_VLAN (RTE_ETH_RSS_S_VLAN | RTE_ETH_RSS_C_VLAN)
#define RTE_ETH_RSS_PROTO_MASK \
	(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_TCP | \
	 RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV4_SCTP | \
	 RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | \
	 RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_NONFRAG_IPV6_UDP | \
	 RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_OTHER | RTE_ETH_RSS_L2_PAYLOAD | \
	 RTE_ETH_RSS_IPV6_EX | RTE_ETH_RSS_IPV6_TCP_EX | RTE_ETH_RSS_IPV6_UDP_EX | \
	 RTE_ETH_RSS_PORT | RTE_ETH_RSS_VXLAN | RTE_ETH_RSS_GENEVE | RTE_ETH_RSS_NVGRE | \
	 RTE_ETH_RSS_MPLS)

/* Redirection table sizes and its 64-entry groups. */
#define RTE_ETH_RSS_RETA_SIZE_64 64
#define RTE_ETH_RSS_RETA_SIZE_128 128
#define RTE_ETH_RSS_RETA_SIZE_256 256
#define RTE_ETH_RSS_RETA_SIZE_512 512
#define RTE_ETH_RETA_GROUP_SIZE 64

/** 64 redirection table entries; only those whose mask bit is set count. */
struct rte_eth_rss_reta_entry64 {
	uint64_t mask;
	uint16_t reta[RTE_ETH_RETA_GROUP_SIZE];
};

/* ---- DCB / VMDq (no virtual NIC supports them; keep zero) ---- */
#define RTE_ETH_VMDQ_MAX_VLAN_FILTERS 64
#define RTE_ETH_DCB_NUM_USER_PRIORITIES 8
#define RTE_ETH_VMDQ_DCB_NUM_QUEUES 128
#define RTE_ETH_DCB_NUM_QUEUES 128
#define RTE_ETH_NUM_RECEIVE_MAC_ADDR 128 /**< MAC addresses one port may hold */
#define RTE_ETH_VLAN_ID_MAX 0x0FFF

enum rte_eth_nb_tcs { RTE_ETH_4_TCS = 4, RTE_ETH_8_TCS = 8 };
enum rte_eth_nb_pools {
	RTE_ETH_8_POOLS = 8,
	RTE_ETH_16_POOLS = 16,
	RTE_ETH_32_POOLS = 32,
	RTE_ETH_64_POOLS = 64
};

struct rte_eth_dcb_rx_conf {
	enum rte_eth_nb_tcs nb_tcs;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_vmdq_dcb_tx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_dcb_tx_conf {
	enum rte_eth_nb_tcs nb_tcs;
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_vmdq_tx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
};
struct rte_eth_vmdq_dcb_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t enable_default_pool;
	uint8_t default_pool;
	uint8_t nb_pool_maps;
	struct {
		uint16_t vlan_id;
		uint64_t pools;
	} pool_map[RTE_ETH_VMDQ_MAX_VLAN_FILTERS];
	uint8_t dcb_tc[RTE_ETH_DCB_NUM_USER_PRIORITIES];
};
struct rte_eth_vmdq_rx_conf {
	enum rte_eth_nb_pools nb_queue_pools;
	uint8_t enable_default_pool;
	uint8_t default_pool;
	uint8_t enable_loop_back;
	uint8_t nb_pool_maps;
	uint32_t rx_mode;
	struct {
		uint16_t vlan_id;
		uint64_t pools;
	} pool_map[RTE_ETH_VMDQ_MAX_VLAN_FILTERS];
};

/** Transmit side of a port configuration. */
struct rte_eth_txmode {
	enum rte_eth_tx_mq_mode mq_mode; /**< queue grouping */
	uint64_t offloads;               /**< RTE_ETH_TX_OFFLOAD_* for all queues */
	uint16_t pvid;                   /**< port VLAN id to insert */
	__extension__ uint8_t hw_vlan_reject_tagged : 1, hw_vlan_reject_untagged : 1,
		hw_vlan_insert_pvid : 1;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** One segment of a split receive (unsupported by virtual NICs). */
struct rte_eth_rxseg_split {
	struct rte_mempool *mp;
	uint16_t length;
	uint16_t offset;
	uint32_t proto_hdr;
};
union rte_eth_rxseg {
	struct rte_eth_rxseg_split split;
};

/** Configuration of one rx queue. */
struct rte_eth_rxconf {
	struct rte_eth_thresh rx_thresh;  /**< ring thresholds */
	uint16_t rx_free_thresh;          /**< refill when this many are free */
	uint8_t rx_drop_en;               /**< drop when no buffer is free */
	uint8_t rx_deferred_start;        /**< do not start with the port */
	uint16_t rx_nseg;                 /**< entries in rx_seg (0 = none) */
	uint16_t share_group;             /**< shared rx queue group (0 = none) */
	uint16_t share_qid;               /**< queue id within the group */
	uint64_t offloads;                /**< RTE_ETH_RX_OFFLOAD_* for this queue */
	union rte_eth_rxseg *rx_seg;      /**< buffer split description */
	struct rte_mempool **rx_mempools; /**< several pools (unsupported) */
	uint16_t rx_nmempool;             /**< entries in rx_mempools */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** Configuration of one tx queue. */
struct rte_eth_txconf {
	struct rte_eth_thresh tx_thresh; /**< ring thresholds */
	uint16_t tx_rs_thresh;           /**< report-status threshold */
	uint16_t tx_free_thresh;         /**< reclaim when this many are used */
	uint8_t tx_deferred_start;       /**< do not start with the port */
	uint64_t offloads;               /**< RTE_ETH_TX_OFFLOAD_* for this queue */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** Descriptor count limits of a queue. */
struct rte_eth_desc_lim {
	uint16_t nb_max;         /**< most descriptors */
	uint16_t nb_min;         /**< fewest descriptors */
	uint16_t nb_align;       /**< count must be a multiple of this */
	uint16_t nb_seg_max;     /**< most segments of one packet (TSO) */
	uint16_t nb_mtu_seg_max; /**< most segments of one non-TSO packet */
};

/** Interrupts asked for at configure time. */
struct rte_eth_intr_conf {
	uint32_t lsc : 1; /**< report link changes (RTE_ETH_EVENT_INTR_LSC) */
	uint32_t rxq : 1; /**< rx queue interrupts (unsupported) */
	uint32_t rmv : 1; /**< device removal events */
};
#define rte_intr_conf rte_eth_intr_conf

/** Port configuration given to rte_eth_dev_configure(). Zero is a good default. */
struct rte_eth_conf {
	uint32_t link_speeds;         /**< RTE_ETH_LINK_SPEED_*; 0 = autonegotiate */
	struct rte_eth_rxmode rxmode; /**< receive side */
	struct rte_eth_txmode txmode; /**< transmit side */
	uint32_t lpbk_mode;           /**< loopback mode, driver specific; 0 = off */
	struct {
		struct rte_eth_rss_conf rss_conf;
		struct rte_eth_vmdq_dcb_conf vmdq_dcb_conf;
		struct rte_eth_dcb_rx_conf dcb_rx_conf;
		struct rte_eth_vmdq_rx_conf vmdq_rx_conf;
	} rx_adv_conf; /**< multi-queue receive settings */
	union {
		struct rte_eth_vmdq_dcb_tx_conf vmdq_dcb_tx_conf;
		struct rte_eth_dcb_tx_conf dcb_tx_conf;
		struct rte_eth_vmdq_tx_conf vmdq_tx_conf;
	} tx_adv_conf;                      /**< multi-queue transmit settings */
	uint32_t dcb_capability_en;         /**< DCB capabilities to enable */
	struct rte_eth_intr_conf intr_conf; /**< interrupts */
};

/* ---- offloads ---- */
#define RTE_ETH_RX_OFFLOAD_VLAN_STRIP RTE_BIT64(0)
#define RTE_ETH_RX_OFFLOAD_IPV4_CKSUM RTE_BIT64(1)
#define RTE_ETH_RX_OFFLOAD_UDP_CKSUM RTE_BIT64(2)
#define RTE_ETH_RX_OFFLOAD_TCP_CKSUM RTE_BIT64(3)
#define RTE_ETH_RX_OFFLOAD_TCP_LRO RTE_BIT64(4)
#define RTE_ETH_RX_OFFLOAD_QINQ_STRIP RTE_BIT64(5)
#define RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM RTE_BIT64(6)
#define RTE_ETH_RX_OFFLOAD_MACSEC_STRIP RTE_BIT64(7)
#define RTE_ETH_RX_OFFLOAD_VLAN_FILTER RTE_BIT64(9)
#define RTE_ETH_RX_OFFLOAD_VLAN_EXTEND RTE_BIT64(10)
#define RTE_ETH_RX_OFFLOAD_SCATTER RTE_BIT64(13)
#define RTE_ETH_RX_OFFLOAD_TIMESTAMP RTE_BIT64(14)
#define RTE_ETH_RX_OFFLOAD_SECURITY RTE_BIT64(15)
#define RTE_ETH_RX_OFFLOAD_KEEP_CRC RTE_BIT64(16)
#define RTE_ETH_RX_OFFLOAD_SCTP_CKSUM RTE_BIT64(17)
#define RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM RTE_BIT64(18)
#define RTE_ETH_RX_OFFLOAD_RSS_HASH RTE_BIT64(19)
#define RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT RTE_BIT64(20)
#define RTE_ETH_RX_OFFLOAD_CHECKSUM \
	(RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | RTE_ETH_RX_OFFLOAD_UDP_CKSUM | \
	 RTE_ETH_RX_OFFLOAD_TCP_CKSUM)
#define RTE_ETH_RX_OFFLOAD_VLAN \
	(RTE_ETH_RX_OFFLOAD_VLAN_STRIP | RTE_ETH_RX_OFFLOAD_VLAN_FILTER | \
	 RTE_ETH_RX_OFFLOAD_VLAN_EXTEND | RTE_ETH_RX_OFFLOAD_QINQ_STRIP)

#define RTE_ETH_TX_OFFLOAD_VLAN_INSERT RTE_BIT64(0)
#define RTE_ETH_TX_OFFLOAD_IPV4_CKSUM RTE_BIT64(1)
#define RTE_ETH_TX_OFFLOAD_UDP_CKSUM RTE_BIT64(2)
#define RTE_ETH_TX_OFFLOAD_TCP_CKSUM RTE_BIT64(3)
#define RTE_ETH_TX_OFFLOAD_SCTP_CKSUM RTE_BIT64(4)
#define RTE_ETH_TX_OFFLOAD_TCP_TSO RTE_BIT64(5)
#define RTE_ETH_TX_OFFLOAD_UDP_TSO RTE_BIT64(6)
#define RTE_ETH_TX_OFFLOAD_OUTER_IPV4_CKSUM RTE_BIT64(7)
#define RTE_ETH_TX_OFFLOAD_QINQ_INSERT RTE_BIT64(8)
#define RTE_ETH_TX_OFFLOAD_VXLAN_TNL_TSO RTE_BIT64(9)
#define RTE_ETH_TX_OFFLOAD_GRE_TNL_TSO RTE_BIT64(10)
#define RTE_ETH_TX_OFFLOAD_IPIP_TNL_TSO RTE_BIT64(11)
#define RTE_ETH_TX_OFFLOAD_GENEVE_TNL_TSO RTE_BIT64(12)
#define RTE_ETH_TX_OFFLOAD_MACSEC_INSERT RTE_BIT64(13)
#define RTE_ETH_TX_OFFLOAD_MT_LOCKFREE RTE_BIT64(14)
#define RTE_ETH_TX_OFFLOAD_MULTI_SEGS RTE_BIT64(15)
#define RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE RTE_BIT64(16)
#define RTE_ETH_TX_OFFLOAD_SECURITY RTE_BIT64(17)
#define RTE_ETH_TX_OFFLOAD_UDP_TNL_TSO RTE_BIT64(18)
#define RTE_ETH_TX_OFFLOAD_IP_TNL_TSO RTE_BIT64(19)
#define RTE_ETH_TX_OFFLOAD_OUTER_UDP_CKSUM RTE_BIT64(20)
#define RTE_ETH_TX_OFFLOAD_SEND_ON_TIMESTAMP RTE_BIT64(21)

/* ---- device capabilities ---- */
#define RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP RTE_BIT64(0)
#define RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP RTE_BIT64(1)
#define RTE_ETH_DEV_CAPA_RXQ_SHARE RTE_BIT64(2)
#define RTE_ETH_DEV_CAPA_FLOW_RULE_KEEP RTE_BIT64(3)
#define RTE_ETH_DEV_CAPA_FLOW_SHARED_OBJECT_KEEP RTE_BIT64(4)

/* Used when a driver suggests no ring size or queue count. */
#define RTE_ETH_DEV_FALLBACK_RX_RINGSIZE 512
#define RTE_ETH_DEV_FALLBACK_TX_RINGSIZE 512
#define RTE_ETH_DEV_FALLBACK_RX_NBQUEUES 1
#define RTE_ETH_DEV_FALLBACK_TX_NBQUEUES 1

/** Sizes a driver suggests (0 = no suggestion). */
struct rte_eth_dev_portconf {
	uint16_t burst_size; /**< burst */
	uint16_t ring_size;  /**< descriptors per queue */
	uint16_t nb_queues;  /**< queues */
};

#define RTE_ETH_DEV_SWITCH_DOMAIN_ID_INVALID (UINT16_MAX)

/** Switch the port belongs to (virtual NICs: none). */
struct rte_eth_switch_info {
	const char *name;
	uint16_t domain_id;
	uint16_t port_id;
	uint16_t rx_domain;
};

/** Buffer split capabilities (none for virtual NICs). */
struct rte_eth_rxseg_capa {
	__extension__ uint32_t multi_pools : 1;
	uint32_t offset_allowed : 1;
	uint32_t offset_align_log2 : 4;
	uint16_t max_nseg;
	uint16_t reserved;
};

enum rte_eth_err_handle_mode {
	RTE_ETH_ERROR_HANDLE_MODE_NONE,
	RTE_ETH_ERROR_HANDLE_MODE_PASSIVE,
	RTE_ETH_ERROR_HANDLE_MODE_PROACTIVE,
};

/** What a port can do, from rte_eth_dev_info_get(). */
struct rte_eth_dev_info {
	struct rte_device *device;             /**< the device the port belongs to */
	const char *driver_name;               /**< driver name ("net_null") */
	unsigned int if_index;                 /**< kernel interface index, 0 if none */
	uint16_t min_mtu;                      /**< smallest MTU */
	uint16_t max_mtu;                      /**< largest MTU */
	const uint32_t *dev_flags;             /**< RTE_ETH_DEV_* flags of the port */
	uint32_t min_rx_bufsize;               /**< smallest mbuf data room after headroom */
	uint32_t max_rx_pktlen;                /**< largest frame received */
	uint32_t max_lro_pkt_size;             /**< largest LRO aggregate */
	uint16_t max_rx_queues;                /**< most rx queues */
	uint16_t max_tx_queues;                /**< most tx queues */
	uint32_t max_mac_addrs;                /**< MAC addresses the port may hold */
	uint32_t max_hash_mac_addrs;           /**< hash-filtered unicast addresses */
	uint16_t max_vfs;                      /**< virtual functions */
	uint16_t max_vmdq_pools;               /**< VMDq pools */
	struct rte_eth_rxseg_capa rx_seg_capa; /**< buffer split */
	uint64_t rx_offload_capa;              /**< RTE_ETH_RX_OFFLOAD_* per port */
	uint64_t tx_offload_capa;              /**< RTE_ETH_TX_OFFLOAD_* per port */
	uint64_t rx_queue_offload_capa;        /**< RTE_ETH_RX_OFFLOAD_* per queue */
	uint64_t tx_queue_offload_capa;        /**< RTE_ETH_TX_OFFLOAD_* per queue */
	uint16_t reta_size;                    /**< redirection table entries (0 = no RSS) */
	uint8_t hash_key_size;                 /**< RSS key bytes */
	uint64_t flow_type_rss_offloads;       /**< RTE_ETH_RSS_* the port can hash */
	struct rte_eth_rxconf default_rxconf;  /**< suggested rx queue settings */
	struct rte_eth_txconf default_txconf;  /**< suggested tx queue settings */
	uint16_t vmdq_queue_base;
	uint16_t vmdq_queue_num;
	uint16_t vmdq_pool_base;
	struct rte_eth_desc_lim rx_desc_lim;            /**< rx descriptor limits */
	struct rte_eth_desc_lim tx_desc_lim;            /**< tx descriptor limits */
	uint32_t speed_capa;                            /**< RTE_ETH_LINK_SPEED_* supported */
	uint16_t nb_rx_queues;                          /**< rx queues configured */
	uint16_t nb_tx_queues;                          /**< tx queues configured */
	uint16_t max_rx_mempools;                       /**< pools one rx queue may take */
	struct rte_eth_dev_portconf default_rxportconf; /**< suggested rx sizes */
	struct rte_eth_dev_portconf default_txportconf; /**< suggested tx sizes */
	uint64_t dev_capa;                              /**< RTE_ETH_DEV_CAPA_* */
	struct rte_eth_switch_info switch_info;         /**< switch domain */
	enum rte_eth_err_handle_mode err_handle_mode;   /**< error recovery */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

#define RTE_ETH_QUEUE_STATE_STOPPED 0
#define RTE_ETH_QUEUE_STATE_STARTED 1
#define RTE_ETH_QUEUE_STATE_HAIRPIN 2

/** How an rx queue was set up, from rte_eth_rx_queue_info_get(). */
struct rte_eth_rxq_info {
	struct rte_mempool *mp;     /**< pool buffers come from */
	struct rte_eth_rxconf conf; /**< configuration given */
	uint8_t scattered_rx;       /**< packets may span several mbufs */
	uint8_t queue_state;        /**< RTE_ETH_QUEUE_STATE_* */
	uint16_t nb_desc;           /**< descriptors */
	uint16_t rx_buf_size;       /**< usable bytes per mbuf */
	uint8_t avail_thresh;       /**< available-descriptor threshold (unused) */
} __rte_cache_min_aligned;

/** How a tx queue was set up, from rte_eth_tx_queue_info_get(). */
struct rte_eth_txq_info {
	struct rte_eth_txconf conf; /**< configuration given */
	uint16_t nb_desc;           /**< descriptors */
	uint8_t queue_state;        /**< RTE_ETH_QUEUE_STATE_* */
} __rte_cache_min_aligned;

/* ---- extended statistics ---- */
#define RTE_ETH_XSTATS_NAME_SIZE 64 /**< longest xstat name, NUL included */

/** One extended statistic: its index in the name table and its value. */
struct rte_eth_xstat {
	uint64_t id;
	uint64_t value;
};

/** Name of one extended statistic ("rx_good_packets", "rx_q0_bytes"...). */
struct rte_eth_xstat_name {
	char name[RTE_ETH_XSTATS_NAME_SIZE];
};

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_ETHDEV_CONF_H_ */
