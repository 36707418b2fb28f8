/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The TCP header type for DPDK test sources built by
 * devtools/run-dpdk-autotests.sh (see rte_ip.h beside this file: dpkit has
 * no lib/net; test_mbuf.c includes this header without using it).
 */

#ifndef _RTE_TCP_H_
#define _RTE_TCP_H_

#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_common.h>

/* TCP header, network byte order. */
struct rte_tcp_hdr {
	rte_be16_t src_port;
	rte_be16_t dst_port;
	rte_be32_t sent_seq;
	rte_be32_t recv_ack;
	uint8_t data_off;
	uint8_t tcp_flags;
	rte_be16_t rx_win;
	rte_be16_t cksum;
	rte_be16_t tcp_urp;
} __rte_packed;

#define RTE_TCP_CWR_FLAG 0x80
#define RTE_TCP_ECE_FLAG 0x40
#define RTE_TCP_URG_FLAG 0x20
#define RTE_TCP_ACK_FLAG 0x10
#define RTE_TCP_PSH_FLAG 0x08
#define RTE_TCP_RST_FLAG 0x04
#define RTE_TCP_SYN_FLAG 0x02
#define RTE_TCP_FIN_FLAG 0x01

#endif /* _RTE_TCP_H_ */
