/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Packet types: the 32-bit rte_mbuf::packet_type says which headers the
 * data holds, one 4-bit field per layer (outer L2, L3, L4, tunnel, inner
 * L2, L3, L4). Each field holds one value, not a set of bits; 0 in a field
 * means "not known". Drivers fill it on receive when they can
 * (rte_eth_dev_get_supported_ptypes() says which), applications may fill it
 * for transmit. The values are DPDK's, so drivers and applications agree.
 */

#ifndef _RTE_MBUF_PTYPE_H_
#define _RTE_MBUF_PTYPE_H_

#pragma GCC visibility push(default)

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Nothing known about the packet. */
#define RTE_PTYPE_UNKNOWN 0x00000000

/* ---- Outer L2 (bits 0..3) ---- */
#define RTE_PTYPE_L2_ETHER 0x00000001
#define RTE_PTYPE_L2_ETHER_TIMESYNC 0x00000002
#define RTE_PTYPE_L2_ETHER_ARP 0x00000003
#define RTE_PTYPE_L2_ETHER_LLDP 0x00000004
#define RTE_PTYPE_L2_ETHER_NSH 0x00000005
#define RTE_PTYPE_L2_ETHER_VLAN 0x00000006
#define RTE_PTYPE_L2_ETHER_QINQ 0x00000007
#define RTE_PTYPE_L2_ETHER_PPPOE 0x00000008
#define RTE_PTYPE_L2_ETHER_FCOE 0x00000009
#define RTE_PTYPE_L2_ETHER_MPLS 0x0000000a
#define RTE_PTYPE_L2_MASK 0x0000000f

/* ---- Outer L3 (bits 4..7) ----
 * Every IPv4 value has bit 4 set and every IPv6 value bit 6, which is what
 * RTE_ETH_IS_IPV4_HDR / RTE_ETH_IS_IPV6_HDR test. */
#define RTE_PTYPE_L3_IPV4 0x00000010
#define RTE_PTYPE_L3_IPV4_EXT 0x00000030
#define RTE_PTYPE_L3_IPV6 0x00000040
#define RTE_PTYPE_L3_IPV4_EXT_UNKNOWN 0x00000090
#define RTE_PTYPE_L3_IPV6_EXT 0x000000c0
#define RTE_PTYPE_L3_IPV6_EXT_UNKNOWN 0x000000e0
#define RTE_PTYPE_L3_MASK 0x000000f0

/* ---- Outer L4 (bits 8..11) ---- */
#define RTE_PTYPE_L4_TCP 0x00000100
#define RTE_PTYPE_L4_UDP 0x00000200
#define RTE_PTYPE_L4_FRAG 0x00000300
#define RTE_PTYPE_L4_SCTP 0x00000400
#define RTE_PTYPE_L4_ICMP 0x00000500
#define RTE_PTYPE_L4_NONFRAG 0x00000600
#define RTE_PTYPE_L4_IGMP 0x00000700
#define RTE_PTYPE_L4_MASK 0x00000f00

/* ---- Tunnel (bits 12..15) ---- */
#define RTE_PTYPE_TUNNEL_IP 0x00001000
#define RTE_PTYPE_TUNNEL_GRE 0x00002000
#define RTE_PTYPE_TUNNEL_VXLAN 0x00003000
#define RTE_PTYPE_TUNNEL_NVGRE 0x00004000
#define RTE_PTYPE_TUNNEL_GENEVE 0x00005000
#define RTE_PTYPE_TUNNEL_GRENAT 0x00006000
#define RTE_PTYPE_TUNNEL_GTPC 0x00007000
#define RTE_PTYPE_TUNNEL_GTPU 0x00008000
#define RTE_PTYPE_TUNNEL_ESP 0x00009000
#define RTE_PTYPE_TUNNEL_L2TP 0x0000a000
#define RTE_PTYPE_TUNNEL_VXLAN_GPE 0x0000b000
#define RTE_PTYPE_TUNNEL_MPLS_IN_GRE 0x0000c000
#define RTE_PTYPE_TUNNEL_MPLS_IN_UDP 0x0000d000
#define RTE_PTYPE_TUNNEL_MASK 0x0000f000

/* ---- Inner L2 (bits 16..19) ---- */
#define RTE_PTYPE_INNER_L2_ETHER 0x00010000
#define RTE_PTYPE_INNER_L2_ETHER_VLAN 0x00020000
#define RTE_PTYPE_INNER_L2_ETHER_QINQ 0x00030000
#define RTE_PTYPE_INNER_L2_MASK 0x000f0000

/* ---- Inner L3 (bits 20..23) ---- */
#define RTE_PTYPE_INNER_L3_IPV4 0x00100000
#define RTE_PTYPE_INNER_L3_IPV4_EXT 0x00200000
#define RTE_PTYPE_INNER_L3_IPV6 0x00300000
#define RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN 0x00400000
#define RTE_PTYPE_INNER_L3_IPV6_EXT 0x00500000
#define RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN 0x00600000
#define RTE_PTYPE_INNER_L3_MASK 0x00f00000

/* ---- Inner L4 (bits 24..27) ---- */
#define RTE_PTYPE_INNER_L4_TCP 0x01000000
#define RTE_PTYPE_INNER_L4_UDP 0x02000000
#define RTE_PTYPE_INNER_L4_FRAG 0x03000000
#define RTE_PTYPE_INNER_L4_SCTP 0x04000000
#define RTE_PTYPE_INNER_L4_ICMP 0x05000000
#define RTE_PTYPE_INNER_L4_NONFRAG 0x06000000
#define RTE_PTYPE_INNER_L4_MASK 0x0f000000

/** Every bit a packet type may use. */
#define RTE_PTYPE_ALL_MASK 0x0fffffff

/** Non-zero when the outer L3 header is some IPv4 variant. */
#define RTE_ETH_IS_IPV4_HDR(ptype) ((ptype)&RTE_PTYPE_L3_IPV4)

/** Non-zero when the outer L3 header is some IPv6 variant. */
#define RTE_ETH_IS_IPV6_HDR(ptype) ((ptype)&RTE_PTYPE_L3_IPV6)

/** Non-zero when the packet is tunnelled (tunnel or any inner layer known). */
#define RTE_ETH_IS_TUNNEL_PKT(ptype) \
	((ptype) & (RTE_PTYPE_TUNNEL_MASK | RTE_PTYPE_INNER_L2_MASK | RTE_PTYPE_INNER_L3_MASK | \
		    RTE_PTYPE_INNER_L4_MASK))

/** Name of the outer L2 value of @p ptype ("L2_ETHER"); never NULL. */
const char *rte_get_ptype_l2_name(uint32_t ptype);

/** Name of the outer L3 value of @p ptype ("L3_IPV4"); never NULL. */
const char *rte_get_ptype_l3_name(uint32_t ptype);

/** Name of the outer L4 value of @p ptype ("L4_TCP"); never NULL. */
const char *rte_get_ptype_l4_name(uint32_t ptype);

/** Name of the tunnel value of @p ptype ("TUNNEL_VXLAN"); never NULL. */
const char *rte_get_ptype_tunnel_name(uint32_t ptype);

/** Name of the inner L2 value of @p ptype; never NULL. */
const char *rte_get_ptype_inner_l2_name(uint32_t ptype);

/** Name of the inner L3 value of @p ptype; never NULL. */
const char *rte_get_ptype_inner_l3_name(uint32_t ptype);

/** Name of the inner L4 value of @p ptype; never NULL. */
const char *rte_get_ptype_inner_l4_name(uint32_t ptype);

/**
 * Write the names of the known layers of @p ptype, separated by spaces
 * ("L2_ETHER L3_IPV4 L4_UDP"), or "UNKNOWN" when no layer is known.
 * @return 0, or -1 when @p buf is NULL or @p buflen too small (buf then
 *   holds what fitted, NUL-terminated, if buflen > 0).
 */
int rte_get_ptype_name(uint32_t ptype, char *buf, size_t buflen);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MBUF_PTYPE_H_ */
