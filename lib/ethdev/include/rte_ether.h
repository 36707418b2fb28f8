/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_ETHER_H_
#define _RTE_ETHER_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Ethernet framing: the 6-byte MAC address, the 14-byte header, VLAN tags,
 * the common EtherType values and small helpers to classify, print and
 * parse addresses. Everything here works on memory the caller owns; nothing
 * allocates and nothing needs the EAL except rte_eth_random_addr().
 *
 * Multi-byte protocol fields (ether_type, vlan_tci) are big endian on the
 * wire, hence the rte_be16_t types: convert with rte_be_to_cpu_16().
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_random.h>
#include <rte_mbuf.h>
#include <rte_byteorder.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- sizes ---- */
#define RTE_ETHER_ADDR_LEN 6 /**< bytes in a MAC address */
#define RTE_ETHER_TYPE_LEN 2 /**< bytes in the EtherType field */
#define RTE_ETHER_CRC_LEN 4  /**< bytes in the frame check sequence */
#define RTE_ETHER_HDR_LEN (RTE_ETHER_ADDR_LEN * 2 + RTE_ETHER_TYPE_LEN) /**< 14 */
#define RTE_ETHER_MIN_LEN 64   /**< smallest frame, FCS included */
#define RTE_ETHER_MAX_LEN 1518 /**< largest untagged frame, FCS included */
/** Payload of a largest untagged frame: 1500. */
#define RTE_ETHER_MTU (RTE_ETHER_MAX_LEN - RTE_ETHER_HDR_LEN - RTE_ETHER_CRC_LEN)
#define RTE_VLAN_HLEN 4 /**< bytes one 802.1Q tag adds */
#define RTE_ETHER_MAX_VLAN_FRAME_LEN (RTE_ETHER_MAX_LEN + RTE_VLAN_HLEN) /**< 1522 */
#define RTE_ETHER_MAX_JUMBO_FRAME_LEN 0x3F00 /**< largest jumbo frame (16128) */
#define RTE_ETHER_MAX_VLAN_ID 4095           /**< highest VLAN id */
#define RTE_ETHER_MIN_MTU 68                 /**< smallest IPv4 MTU (RFC 791) */

/* ---- VLAN tag control information: PCP(3) DEI(1) VID(12) ---- */
#define RTE_VLAN_DEI_SHIFT 12
#define RTE_VLAN_PRI_SHIFT 13
#define RTE_VLAN_PRI_MASK 0xe000
#define RTE_VLAN_DEI_MASK 0x1000
#define RTE_VLAN_ID_MASK 0x0fff
#define RTE_VLAN_TCI_ID(vlan_tci) ((vlan_tci)&RTE_VLAN_ID_MASK)
#define RTE_VLAN_TCI_PRI(vlan_tci) (((vlan_tci)&RTE_VLAN_PRI_MASK) >> RTE_VLAN_PRI_SHIFT)
#define RTE_VLAN_TCI_DEI(vlan_tci) (((vlan_tci)&RTE_VLAN_DEI_MASK) >> RTE_VLAN_DEI_SHIFT)
#define RTE_VLAN_TCI_MAKE(id, pri, dei) \
	((id) | ((pri) << RTE_VLAN_PRI_SHIFT) | ((dei) << RTE_VLAN_DEI_SHIFT))

/**
 * A MAC address, first byte first as on the wire. 2-byte aligned so that
 * the helpers below may compare it as three 16-bit words.
 */
struct rte_ether_addr {
	uint8_t addr_bytes[RTE_ETHER_ADDR_LEN]; /**< address, network order */
} __rte_aligned(2);

#define RTE_ETHER_LOCAL_ADMIN_ADDR 0x02 /**< first-byte bit: locally administered */
#define RTE_ETHER_GROUP_ADDR 0x01       /**< first-byte bit: multicast/broadcast */

/** @internal the address as three 16-bit words (endianness irrelevant). */
static inline void
__rte_ether_words(const struct rte_ether_addr *ea, uint16_t w[3])
{
	memcpy(w, ea->addr_bytes, RTE_ETHER_ADDR_LEN);
}

/** @return 1 when both addresses are equal, else 0. */
static inline int
rte_is_same_ether_addr(const struct rte_ether_addr *ea1, const struct rte_ether_addr *ea2)
{
	uint16_t a[3], b[3];

	__rte_ether_words(ea1, a);
	__rte_ether_words(ea2, b);
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2])) == 0;
}

/** @return 1 for 00:00:00:00:00:00, else 0. */
static inline int
rte_is_zero_ether_addr(const struct rte_ether_addr *ea)
{
	uint16_t w[3];

	__rte_ether_words(ea, w);
	return (w[0] | w[1] | w[2]) == 0;
}

/** @return 1 when the group bit is clear (an individual address), else 0. */
static inline int
rte_is_unicast_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_GROUP_ADDR) == 0;
}

/** @return non-zero when the group bit is set (multicast or broadcast). */
static inline int
rte_is_multicast_ether_addr(const struct rte_ether_addr *ea)
{
	return ea->addr_bytes[0] & RTE_ETHER_GROUP_ADDR;
}

/** @return 1 for ff:ff:ff:ff:ff:ff, else 0. */
static inline int
rte_is_broadcast_ether_addr(const struct rte_ether_addr *ea)
{
	uint16_t w[3];

	__rte_ether_words(ea, w);
	return (w[0] & w[1] & w[2]) == 0xFFFF;
}

/** @return 1 when the address is globally unique (IEEE assigned), else 0. */
static inline int
rte_is_universal_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) == 0;
}

/** @return 1 when the address is locally administered, else 0. */
static inline int
rte_is_local_admin_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) != 0;
}

/** @return 1 when the address may be a port's own address: unicast, not zero. */
static inline int
rte_is_valid_assigned_ether_addr(const struct rte_ether_addr *ea)
{
	return rte_is_unicast_ether_addr(ea) && !rte_is_zero_ether_addr(ea);
}

/**
 * Fill @p addr (6 bytes) with a random, locally administered, unicast
 * address. Uses rte_rand(), so call it after rte_eal_init().
 */
void rte_eth_random_addr(uint8_t *addr);

/** Copy a MAC address. */
static inline void
rte_ether_addr_copy(const struct rte_ether_addr *__restrict ea_from,
		    struct rte_ether_addr *__restrict ea_to)
{
	*ea_to = *ea_from;
}

/** printf format and arguments for a MAC address: "%02X:%02X:...". */
#define RTE_ETHER_ADDR_PRT_FMT "%02X:%02X:%02X:%02X:%02X:%02X"
#define RTE_ETHER_ADDR_BYTES(mac_addrs) \
	((mac_addrs)->addr_bytes[0]), ((mac_addrs)->addr_bytes[1]), ((mac_addrs)->addr_bytes[2]), \
		((mac_addrs)->addr_bytes[3]), ((mac_addrs)->addr_bytes[4]), \
		((mac_addrs)->addr_bytes[5])

/** Room for "XX:XX:XX:XX:XX:XX" and its terminating NUL. */
#define RTE_ETHER_ADDR_FMT_SIZE 18

/**
 * Write @p eth_addr as "XX:XX:XX:XX:XX:XX" into @p buf of @p size bytes
 * (truncated, always NUL-terminated when size > 0).
 */
void rte_ether_format_addr(char *buf, uint16_t size, const struct rte_ether_addr *eth_addr);

/**
 * Parse a MAC address written as "XX:XX:XX:XX:XX:XX", "XX-XX-XX-XX-XX-XX"
 * (one or two hex digits per byte) or "XXXX:XXXX:XXXX" (three 16-bit words).
 * @return 0 on success; -1 with rte_errno = EINVAL when @p str is not one of
 *   those forms (nothing but the address may follow, not even spaces).
 */
int rte_ether_unformat_addr(const char *str, struct rte_ether_addr *eth_addr);

/** The Ethernet header at the start of every frame. */
struct rte_ether_hdr {
	struct rte_ether_addr dst_addr; /**< destination */
	struct rte_ether_addr src_addr; /**< source */
	rte_be16_t ether_type;          /**< payload type, or 0x8100 for a tag */
} __rte_aligned(2);

/** An 802.1Q tag as it follows the addresses (after a 0x8100 type). */
struct rte_vlan_hdr {
	rte_be16_t vlan_tci;  /**< priority, DEI, VLAN id */
	rte_be16_t eth_proto; /**< type of what follows the tag */
} __rte_packed;

/* ---- EtherType values (host order; compare with rte_be_to_cpu_16) ---- */
#define RTE_ETHER_TYPE_IPV4 0x0800
#define RTE_ETHER_TYPE_IPV6 0x86DD
#define RTE_ETHER_TYPE_ARP 0x0806
#define RTE_ETHER_TYPE_RARP 0x8035
#define RTE_ETHER_TYPE_VLAN 0x8100
#define RTE_ETHER_TYPE_QINQ 0x88A8
#define RTE_ETHER_TYPE_QINQ1 0x9100
#define RTE_ETHER_TYPE_QINQ2 0x9200
#define RTE_ETHER_TYPE_QINQ3 0x9300
#define RTE_ETHER_TYPE_PPPOE_DISCOVERY 0x8863
#define RTE_ETHER_TYPE_PPPOE_SESSION 0x8864
#define RTE_ETHER_TYPE_ETAG 0x893F
#define RTE_ETHER_TYPE_1588 0x88F7
#define RTE_ETHER_TYPE_SLOW 0x8809
#define RTE_ETHER_TYPE_TEB 0x6558
#define RTE_ETHER_TYPE_LLDP 0x88CC
#define RTE_ETHER_TYPE_MPLS 0x8847
#define RTE_ETHER_TYPE_MPLSM 0x8848
#define RTE_ETHER_TYPE_ECPRI 0xAEFE

/**
 * Move the first 802.1Q tag of @p m into m->vlan_tci (software VLAN strip):
 * the addresses slide 4 bytes forward over the tag and the packet gets
 * RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED.
 * @return 0 when a tag was removed, -1 when the frame carries none.
 */
static inline int
rte_vlan_strip(struct rte_mbuf *m)
{
	struct rte_ether_hdr *eh = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_vlan_hdr *tag;

	if (eh->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN))
		return -1;
	tag = (struct rte_vlan_hdr *)(eh + 1);
	m->vlan_tci = rte_be_to_cpu_16(tag->vlan_tci);
	m->ol_flags |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
	/* the two addresses end up right before the inner EtherType */
	memmove(rte_pktmbuf_adj(m, sizeof(struct rte_vlan_hdr)), eh,
		2 * sizeof(struct rte_ether_addr));
	return 0;
}

/**
 * Insert an 802.1Q tag carrying (*m)->vlan_tci after the addresses
 * (software VLAN insert), using 4 bytes of headroom.
 * @return 0 on success; -EINVAL when the mbuf is shared or indirect (it
 *   may not be written) or shorter than two addresses; -ENOSPC when the
 *   headroom is too small.
 */
static inline int
rte_vlan_insert(struct rte_mbuf **m)
{
	struct rte_ether_hdr *old_eh, *new_eh;
	struct rte_vlan_hdr *tag;

	if (!RTE_MBUF_DIRECT(*m) || rte_mbuf_refcnt_read(*m) > 1)
		return -EINVAL;
	if (rte_pktmbuf_data_len(*m) < 2 * RTE_ETHER_ADDR_LEN)
		return -EINVAL;
	old_eh = rte_pktmbuf_mtod(*m, struct rte_ether_hdr *);
	new_eh = (struct rte_ether_hdr *)(void *)rte_pktmbuf_prepend(*m,
								     sizeof(struct rte_vlan_hdr));
	if (new_eh == NULL)
		return -ENOSPC;
	memmove(new_eh, old_eh, 2 * sizeof(struct rte_ether_addr));
	new_eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN);
	tag = (struct rte_vlan_hdr *)(new_eh + 1);
	tag->vlan_tci = rte_cpu_to_be_16((*m)->vlan_tci);
	(*m)->ol_flags &= ~(RTE_MBUF_F_RX_VLAN_STRIPPED | RTE_MBUF_F_TX_VLAN);
	/* the L2 header grew by the tag: keep the offload lengths true */
	if ((*m)->ol_flags & RTE_MBUF_F_TX_TUNNEL_MASK)
		(*m)->outer_l2_len += sizeof(struct rte_vlan_hdr);
	else
		(*m)->l2_len += sizeof(struct rte_vlan_hdr);
	return 0;
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_ETHER_H_ */
