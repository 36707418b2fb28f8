/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * The 16-byte UUID type (used by rte_eal_vfio_get_vf_token()).
 */

#ifndef _RTE_UUID_H_
#define _RTE_UUID_H_

#pragma GCC visibility push(default)

#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A UUID, most significant byte first. */
typedef unsigned char rte_uuid_t[16];

/** Initialiser from the five groups of the textual form. */
#define RTE_UUID_INIT(a, b, c, d, e) \
	{ \
		((a) >> 24) & 0xff, ((a) >> 16) & 0xff, ((a) >> 8) & 0xff, (a)&0xff, \
			((b) >> 8) & 0xff, (b)&0xff, ((c) >> 8) & 0xff, (c)&0xff, \
			((d) >> 8) & 0xff, (d)&0xff, ((e) >> 40) & 0xff, ((e) >> 32) & 0xff, \
			((e) >> 24) & 0xff, ((e) >> 16) & 0xff, ((e) >> 8) & 0xff, (e)&0xff \
	}

/** Length of the textual form, terminating NUL included. */
#define RTE_UUID_STRLEN (36 + 1)

/** Copy @p src to @p dst. */
static inline void
rte_uuid_copy(rte_uuid_t dst, const rte_uuid_t src)
{
	memcpy(dst, src, sizeof(rte_uuid_t));
}

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_UUID_H_ */
