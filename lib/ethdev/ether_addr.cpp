/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * MAC address text forms. Parsing is strict: the whole string must be one
 * address in one of the three accepted layouts, so that a typo in a
 * command line ("02:00:00:00:00:0g", a trailing comma) is an error rather
 * than a silently different address.
 */

#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_random.h>

#include <eal_hex.h>

namespace {

/* Read 1..max_digits hex digits at *s; advance *s. -1 if none. */
long
read_hex(const char **s, int max_digits)
{
	long v = 0;
	int n = 0;
	while (n < max_digits) {
		int d = dpkit::hex_digit(**s);
		if (d < 0)
			break;
		v = v * 16 + d;
		(*s)++;
		n++;
	}
	return n == 0 ? -1 : v;
}

/* "XX:XX:XX:XX:XX:XX" or with '-', one or two digits per byte. */
bool
parse_six_bytes(const char *s, struct rte_ether_addr *out)
{
	const char sep = strlen(s) > 2 && (s[1] == '-' || s[2] == '-') ? '-' : ':';
	for (int i = 0; i < RTE_ETHER_ADDR_LEN; i++) {
		long v = read_hex(&s, 2);
		if (v < 0)
			return false;
		out->addr_bytes[i] = (uint8_t)v;
		if (i < RTE_ETHER_ADDR_LEN - 1) {
			if (*s != sep)
				return false;
			s++;
		}
	}
	return *s == '\0';
}

/* "XXXX:XXXX:XXXX": three 16-bit words, most significant byte first. */
bool
parse_three_words(const char *s, struct rte_ether_addr *out)
{
	for (size_t i = 0; i < 3; i++) {
		const char *start = s;
		long v = read_hex(&s, 4);
		if (v < 0 || s - start != 4)
			return false;
		out->addr_bytes[2 * i] = (uint8_t)(v >> 8);
		out->addr_bytes[2 * i + 1] = (uint8_t)v;
		if (i < 2) {
			if (*s != ':')
				return false;
			s++;
		}
	}
	return *s == '\0';
}

} // namespace

extern "C" void
rte_ether_format_addr(char *buf, uint16_t size, const struct rte_ether_addr *eth_addr)
{
	if (buf == nullptr || size == 0 || eth_addr == nullptr)
		return;
	snprintf(buf, size, RTE_ETHER_ADDR_PRT_FMT, RTE_ETHER_ADDR_BYTES(eth_addr));
}

extern "C" int
rte_ether_unformat_addr(const char *str, struct rte_ether_addr *eth_addr)
{
	struct rte_ether_addr tmp;

	if (str == nullptr || eth_addr == nullptr) {
		rte_errno = EINVAL;
		return -1;
	}
	/* the word form has exactly 14 characters; everything else is bytes */
	bool ok = strlen(str) == 14 && str[4] == ':' ? parse_three_words(str, &tmp)
						     : parse_six_bytes(str, &tmp);
	if (!ok) {
		rte_errno = EINVAL;
		return -1;
	}
	*eth_addr = tmp;
	return 0;
}

extern "C" void
rte_eth_random_addr(uint8_t *addr)
{
	uint64_t r = rte_rand();
	memcpy(addr, &r, RTE_ETHER_ADDR_LEN);
	addr[0] &= (uint8_t)~RTE_ETHER_GROUP_ADDR; /* unicast */
	addr[0] |= RTE_ETHER_LOCAL_ADMIN_ADDR;     /* not IEEE assigned */
}
