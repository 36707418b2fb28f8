/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The few wire headers the forwarding engines read or write (Ethernet, IPv4,
 * UDP, TCP), kept local to testpmd so the engines depend only on mbuf and
 * ethdev. All multi-byte fields are big-endian on the wire.
 */

#ifndef _TESTPMD_PKT_HDRS_H_
#define _TESTPMD_PKT_HDRS_H_

#include <stdint.h>
#include <string.h>

#include <rte_mbuf.h>

namespace testpmd {

struct eth_hdr {
	uint8_t dst[6];
	uint8_t src[6];
	uint16_t ether_type;
} __attribute__((packed));

struct ipv4_hdr {
	uint8_t version_ihl;
	uint8_t tos;
	uint16_t total_length;
	uint16_t packet_id;
	uint16_t fragment_offset;
	uint8_t ttl;
	uint8_t proto;
	uint16_t checksum;
	uint32_t src;
	uint32_t dst;
} __attribute__((packed));

struct ipv6_hdr {
	uint32_t vtc_flow;
	uint16_t payload_len;
	uint8_t proto;
	uint8_t hop_limits;
	uint8_t src[16];
	uint8_t dst[16];
} __attribute__((packed));

struct l4_ports { /* first four bytes of UDP and TCP headers */
	uint16_t src;
	uint16_t dst;
} __attribute__((packed));

struct udp_hdr {
	uint16_t src;
	uint16_t dst;
	uint16_t len;
	uint16_t checksum;
} __attribute__((packed));

static_assert(sizeof(eth_hdr) == 14 && sizeof(ipv4_hdr) == 20 && sizeof(udp_hdr) == 8 &&
		      sizeof(ipv6_hdr) == 40,
	      "wire header sizes");

constexpr uint16_t ether_type_ipv4 = 0x0800;
constexpr uint16_t ether_type_ipv6 = 0x86DD;
constexpr uint8_t proto_tcp = 6;
constexpr uint8_t proto_udp = 17;

static inline uint16_t
be16(uint16_t v)
{
	return __builtin_bswap16(v);
}

static inline uint32_t
be32(uint32_t v)
{
	return __builtin_bswap32(v);
}

/* Internet checksum of an IPv4 header (checksum field taken as is). */
static inline uint16_t
ipv4_cksum(const ipv4_hdr *ip)
{
	uint16_t w[sizeof(*ip) / 2];
	memcpy(w, ip, sizeof(w)); /* the header may sit at any alignment */
	uint32_t sum = 0;
	for (unsigned i = 0; i < sizeof(*ip) / 2; i++)
		sum += w[i];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static inline void
swap_mac(eth_hdr *eth)
{
	uint8_t tmp[6];
	memcpy(tmp, eth->dst, 6);
	memcpy(eth->dst, eth->src, 6);
	memcpy(eth->src, tmp, 6);
}

} /* namespace testpmd */

#endif /* _TESTPMD_PKT_HDRS_H_ */
