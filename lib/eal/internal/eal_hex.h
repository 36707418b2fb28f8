/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The value of one hexadecimal digit, for the parsers of text arguments
 * across libdpkit (EAL core masks, Ethernet addresses, cmdline numbers).
 * Not installed: internal to libdpkit.
 */

#ifndef DPKIT_EAL_HEX_H
#define DPKIT_EAL_HEX_H

namespace dpkit {

/* 0..15 for '0'-'9', 'a'-'f', 'A'-'F'; -1 for anything else. */
inline int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

} // namespace dpkit

#endif /* DPKIT_EAL_HEX_H */
