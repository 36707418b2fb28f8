/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Dynamic mbuf fields and flags.
 *
 * Features that need per-packet storage (timestamps, flow metadata, an
 * application's own mark) reserve it at run time instead of growing struct
 * rte_mbuf:
 *  - a dynamic field is a named byte range inside the mbuf's reserved area
 *    (rte_mbuf::dynfield1, 36 bytes), with a size and a power-of-two
 *    alignment; read it with RTE_MBUF_DYNFIELD(m, offset, type *);
 *  - a dynamic flag is a named bit of rte_mbuf::ol_flags among the bits no
 *    static flag uses (RTE_MBUF_F_FIRST_FREE .. RTE_MBUF_F_LAST_FREE).
 *
 * Registering is idempotent: the same name with the same parameters returns
 * the same offset or bit, so a driver and an application that both ask for a
 * feature agree on where it lives. Where placement is left free, a field
 * goes to the smallest free gap that fits (so large fields still find room
 * later) and a flag to the lowest free bit. Nothing is ever unregistered.
 * Registration takes a lock and may be called from any thread after
 * rte_eal_init(); the registry lives in a memzone, so other processes
 * sharing the memory see the same layout.
 */

#ifndef _RTE_MBUF_DYN_H_
#define _RTE_MBUF_DYN_H_

#pragma GCC visibility push(default)

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest dynamic field or flag name, NUL included. */
#define RTE_MBUF_DYN_NAMESIZE 64

/** What a dynamic field needs. */
struct rte_mbuf_dynfield {
	char name[RTE_MBUF_DYN_NAMESIZE]; /**< unique name, NUL-terminated */
	size_t size;                      /**< bytes, at least 1 */
	size_t align;                     /**< alignment, a power of two */
	unsigned int flags;               /**< none defined: must be 0 */
};

/** What a dynamic flag needs. */
struct rte_mbuf_dynflag {
	char name[RTE_MBUF_DYN_NAMESIZE]; /**< unique name, NUL-terminated */
	unsigned int flags;               /**< none defined: must be 0 */
};

/**
 * Reserve a dynamic field, placed where it fits best.
 * @return its byte offset in struct rte_mbuf, or -1 with rte_errno:
 *   - EINVAL: size 0 or not below sizeof(struct rte_mbuf), align not a
 *     power of two, flags not 0, NULL params
 *   - EEXIST: the name is registered with other parameters
 *   - ENOENT: no free room fits
 *   - ENAMETOOLONG: the name is not NUL-terminated within RTE_MBUF_DYN_NAMESIZE
 *   - ENOMEM: the registry could not be created
 */
int rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params);

/**
 * Reserve a dynamic field at @p offset (SIZE_MAX: anywhere, as
 * rte_mbuf_dynfield_register()).
 * @return @p offset, or -1 with rte_errno as rte_mbuf_dynfield_register()
 *   plus:
 *   - EBUSY: @p offset cannot be used: not aligned to params->align,
 *     the field would end past the mbuf, or its bytes are not all free
 *     (DPDK 22.11's answer for all three)
 */
int rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params, size_t offset);

/**
 * Find a dynamic field by name, copying its parameters to @p params if
 * not NULL.
 * @return its offset, or -1 with rte_errno ENOENT (EINVAL for a NULL name).
 */
int rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params);

/**
 * Reserve a dynamic flag bit.
 * @return the bit number, or -1 with rte_errno:
 *   - EINVAL: flags not 0, NULL params
 *   - EEXIST: the name is registered with other parameters
 *   - ENOENT: no free bit left
 *   - ENAMETOOLONG: the name is not NUL-terminated within RTE_MBUF_DYN_NAMESIZE
 *   - ENOMEM: the registry could not be created
 */
int rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params);

/**
 * Reserve a dynamic flag at bit @p bitnum (UINT_MAX: any free bit).
 * @return @p bitnum, or -1 with rte_errno as rte_mbuf_dynflag_register()
 *   plus EBUSY: the bit is taken or is not one of the free bits.
 */
int rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params, unsigned int bitnum);

/**
 * Find a dynamic flag by name, copying its parameters to @p params if not
 * NULL.
 * @return its bit number, or -1 with rte_errno ENOENT (EINVAL for a NULL
 *   name).
 */
int rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params);

/** Pointer of type @p type to the dynamic field at @p offset of mbuf @p m. */
#define RTE_MBUF_DYNFIELD(m, offset, type) ((type)((uintptr_t)(m) + (offset)))

/** Print every registered field and flag and the free room left. */
void rte_mbuf_dyn_dump(FILE *out);

/* ---- well-known dynamic fields and flags ---- */

/** rte_flow metadata (field and flag). */
#define RTE_MBUF_DYNFIELD_METADATA_NAME "rte_flow_dynfield_metadata"
#define RTE_MBUF_DYNFLAG_METADATA_NAME "rte_flow_dynflag_metadata"

/**
 * Timestamp of a packet, in units fixed per port (see rte_eth_read_clock()
 * for the device clock). Shared by receive and transmit.
 */
#define RTE_MBUF_DYNFIELD_TIMESTAMP_NAME "rte_dynfield_timestamp"
/** Type of the timestamp field. */
typedef uint64_t rte_mbuf_timestamp_t;

/** Set by a driver when it filled the timestamp field on receive. */
#define RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME "rte_dynflag_rx_timestamp"

/**
 * Register the timestamp field and the receive timestamp flag.
 * @param field_offset set to the field's offset (may be NULL).
 * @param rx_flag set to the flag's mask (may be NULL).
 * @return 0, or -1 with rte_errno as the register calls give.
 */
int rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag);

/**
 * Set by the application to ask the driver to send the packet at the
 * time in the timestamp field (past times: now; far future: capped).
 * Packets are not reordered by time.
 */
#define RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME "rte_dynflag_tx_timestamp"

/**
 * Register the timestamp field and the transmit timestamp flag.
 * @return 0, or -1 with rte_errno as the register calls give.
 */
int rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag);

/** IP reassembly offload: field holding the fragments, and the flag saying
 * reassembly did not complete. */
#define RTE_MBUF_DYNFIELD_IP_REASSEMBLY_NAME "rte_dynfield_ip_reassembly"
#define RTE_MBUF_DYNFLAG_IP_REASSEMBLY_INCOMPLETE_NAME "rte_dynflag_ip_reassembly_incomplete"

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_MBUF_DYN_H_ */
