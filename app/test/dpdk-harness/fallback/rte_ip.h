/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The IPv4 and IPv6 header types for DPDK test sources built by
 * devtools/run-dpdk-autotests.sh. dpkit has no lib/net (packet header
 * parsing and checksums are outside its scope); test_mbuf.c includes
 * <rte_ip.h> without using it. This directory comes after dpkit's include
 * directories (-idirafter), so a real header would win.
 */

#ifndef _RTE_IP_H_
#define _RTE_IP_H_

#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_common.h>

#define RTE_IPV4_HDR_IHL_MASK 0x0f   /* header length bits of version_ihl */
#define RTE_IPV4_IHL_MULTIPLIER 4    /* header length unit: 32-bit words */

/* IPv4 header, network byte order. */
struct rte_ipv4_hdr {
	__extension__
	union {
		uint8_t version_ihl;
		struct {
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
			uint8_t ihl:4;
			uint8_t version:4;
#else
			uint8_t version:4;
			uint8_t ihl:4;
#endif
		};
	};
	uint8_t type_of_service;
	rte_be16_t total_length;
	rte_be16_t packet_id;
	rte_be16_t fragment_offset;
	uint8_t time_to_live;
	uint8_t next_proto_id;
	rte_be16_t hdr_checksum;
	rte_be32_t src_addr;
	rte_be32_t dst_addr;
} __rte_packed;

/* IPv6 fixed header, network byte order. */
struct rte_ipv6_hdr {
	rte_be32_t vtc_flow;
	rte_be16_t payload_len;
	uint8_t proto;
	uint8_t hop_limits;
	uint8_t src_addr[16];
	uint8_t dst_addr[16];
} __rte_packed;

#endif /* _RTE_IP_H_ */
