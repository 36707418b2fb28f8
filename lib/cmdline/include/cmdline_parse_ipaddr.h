/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * IP address tokens.
 *
 * The token's flags say which families it accepts (CMDLINE_IPADDR_V4,
 * CMDLINE_IPADDR_V6) and whether a network prefix is required
 * (CMDLINE_IPADDR_NETWORK: "10.0.0.0/8", "fe80::/64"; without the flag a
 * '/' is refused). Addresses are read with inet_pton(), so IPv4 is the
 * dotted quad only. The result is a cmdline_ipaddr_t.
 *
 * Difference from DPDK 22.11: TOKEN_IPV6NET_INITIALIZER accepts IPv6
 * networks, as its name says (DPDK's sets the IPv4 flag).
 */

#ifndef _PARSE_IPADDR_H_
#define _PARSE_IPADDR_H_

#pragma GCC visibility push(default)

#include <netinet/in.h>
#include <stdint.h>

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CMDLINE_IPADDR_V4 0x01      /**< accept IPv4 */
#define CMDLINE_IPADDR_V6 0x02      /**< accept IPv6 */
#define CMDLINE_IPADDR_NETWORK 0x04 /**< require a "/prefix" */

/** A parsed address. */
struct cmdline_ipaddr {
	uint8_t family; /**< AF_INET or AF_INET6 */
	union {
		struct in_addr ipv4;  /**< when family is AF_INET */
		struct in6_addr ipv6; /**< when family is AF_INET6 */
	} addr;                       /**< the address, network byte order */
	unsigned int prefixlen;       /**< the prefix length; 0 without NETWORK */
};
/** A parsed address. */
typedef struct cmdline_ipaddr cmdline_ipaddr_t;

/** What an address token accepts. */
struct cmdline_token_ipaddr_data {
	uint8_t flags; /**< CMDLINE_IPADDR_* */
};

/** An address token. */
struct cmdline_token_ipaddr {
	struct cmdline_token_hdr hdr;                 /**< type and result offset */
	struct cmdline_token_ipaddr_data ipaddr_data; /**< what it accepts */
};
/** An address token. */
typedef struct cmdline_token_ipaddr cmdline_parse_token_ipaddr_t;

/** The type of address tokens. */
extern struct cmdline_token_ops cmdline_token_ipaddr_ops;

/**
 * Read one address.
 * @param tk the token (a struct cmdline_token_ipaddr).
 * @param srcbuf the text, starting at the address.
 * @param res where the cmdline_ipaddr_t goes, or NULL to check only.
 * @param ressize size of @p res: at least sizeof(cmdline_ipaddr_t).
 * @return the number of bytes taken, or -1 when the word is not an address
 *   of an accepted family, its prefix is missing, unwanted or too long
 *   (over 32 for IPv4, 128 for IPv6), or @p res is too small.
 */
int cmdline_parse_ipaddr(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res,
			 unsigned ressize);

/**
 * Describe an address token ("IPv4", "IPv6 network" and so on).
 * @param tk the token.
 * @param dstbuf where the text goes (truncated to fit, NUL-terminated).
 * @param size size of @p dstbuf.
 * @return 0, or -1 when an argument is NULL or @p size is 0.
 */
int cmdline_get_help_ipaddr(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size);

/** @internal initialiser shared by the TOKEN_IP*_INITIALIZER macros */
#define __CMDLINE_IPADDR_TOKEN(structure, field, flags) \
	{ \
		{&cmdline_token_ipaddr_ops, offsetof(structure, field)}, \
		{ \
			flags \
		} \
	}

/** Token taking an IPv4 or IPv6 address into @p structure's @p field. */
#define TOKEN_IPADDR_INITIALIZER(structure, field) \
	__CMDLINE_IPADDR_TOKEN(structure, field, CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_V6)
/** Token taking an IPv4 address into @p structure's @p field. */
#define TOKEN_IPV4_INITIALIZER(structure, field) \
	__CMDLINE_IPADDR_TOKEN(structure, field, CMDLINE_IPADDR_V4)
/** Token taking an IPv6 address into @p structure's @p field. */
#define TOKEN_IPV6_INITIALIZER(structure, field) \
	__CMDLINE_IPADDR_TOKEN(structure, field, CMDLINE_IPADDR_V6)
/** Token taking an IPv4 or IPv6 network into @p structure's @p field. */
#define TOKEN_IPNET_INITIALIZER(structure, field) \
	__CMDLINE_IPADDR_TOKEN(structure, field, \
			       CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_V6 | CMDLINE_IPADDR_NETWORK)
/** Token taking an IPv4 network into @p structure's @p field. */
#define TOKEN_IPV4NET_INITIALIZER(structure, field) \
	__CMDLINE_IPADDR_TOKEN(structure, field, CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_NETWORK)
/** Token taking an IPv6 network into @p structure's @p field. */
#define TOKEN_IPV6NET_INITIALIZER(structure, field) \
	__CMDLINE_IPADDR_TOKEN(structure, field, CMDLINE_IPADDR_V6 | CMDLINE_IPADDR_NETWORK)

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _PARSE_IPADDR_H_ */
