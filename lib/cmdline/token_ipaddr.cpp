/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Address tokens: the word is copied out (inet_pton needs a NUL), split at
 * its last '/' when the token wants a network, and tried as each family the
 * token accepts, IPv4 first.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <cmdline_parse_ipaddr.h>

namespace {

/* longest word: an IPv6 address and "/128" */
constexpr size_t word_max = INET6_ADDRSTRLEN + 4;

uint8_t
flags_of(cmdline_parse_token_hdr_t *tk)
{
	return reinterpret_cast<struct cmdline_token_ipaddr *>(tk)->ipaddr_data.flags;
}

/* "/n" with 0 <= n <= 128 (the family's limit is checked later); -1 if not. */
int
read_prefix(const char *s)
{
	if (*s == '\0')
		return -1;
	int n = 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || n > 128)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n <= 128 ? n : -1;
}

} // namespace

struct cmdline_token_ops cmdline_token_ipaddr_ops = {
	cmdline_parse_ipaddr,
	nullptr,
	nullptr,
	cmdline_get_help_ipaddr,
};

int
cmdline_parse_ipaddr(cmdline_parse_token_hdr_t *tk, const char *srcbuf, void *res, unsigned ressize)
{
	if (tk == nullptr || srcbuf == nullptr)
		return -1;
	if (res != nullptr && ressize < sizeof(cmdline_ipaddr_t))
		return -1;
	size_t len = 0;
	while (!cmdline_isendoftoken(srcbuf[len]))
		len++;
	if (len == 0 || len > word_max)
		return -1;
	char word[word_max + 1];
	memcpy(word, srcbuf, len);
	word[len] = '\0';

	cmdline_ipaddr_t addr;
	memset(&addr, 0, sizeof(addr));
	uint8_t flags = flags_of(tk);
	char *slash = strrchr(word, '/');
	if ((slash != nullptr) != ((flags & CMDLINE_IPADDR_NETWORK) != 0))
		return -1; /* a prefix where none belongs, or one missing */
	if (slash != nullptr) {
		int prefix = read_prefix(slash + 1);
		if (prefix < 0)
			return -1;
		*slash = '\0';
		addr.prefixlen = static_cast<unsigned int>(prefix);
	}
	if ((flags & CMDLINE_IPADDR_V4) && addr.prefixlen <= 32 &&
	    inet_pton(AF_INET, word, &addr.addr.ipv4) == 1)
		addr.family = AF_INET;
	else if ((flags & CMDLINE_IPADDR_V6) && inet_pton(AF_INET6, word, &addr.addr.ipv6) == 1)
		addr.family = AF_INET6;
	else
		return -1;
	if (res != nullptr)
		memcpy(res, &addr, sizeof(addr));
	return static_cast<int>(len);
}

int
cmdline_get_help_ipaddr(cmdline_parse_token_hdr_t *tk, char *dstbuf, unsigned int size)
{
	if (tk == nullptr || dstbuf == nullptr || size == 0)
		return -1;
	uint8_t flags = flags_of(tk);
	const char *family = "IPv4 or IPv6";
	if ((flags & (CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_V6)) == CMDLINE_IPADDR_V4)
		family = "IPv4";
	else if ((flags & (CMDLINE_IPADDR_V4 | CMDLINE_IPADDR_V6)) == CMDLINE_IPADDR_V6)
		family = "IPv6";
	snprintf(dstbuf, size, "%s %s", family,
		 (flags & CMDLINE_IPADDR_NETWORK) ? "network" : "address");
	return 0;
}
