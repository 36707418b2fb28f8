/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Internals shared by ring.cpp (init) and ring_registry.cpp (create):
 * the checks both run before touching memory. Not installed.
 */

#ifndef _DPKIT_RING_PRIVATE_H_
#define _DPKIT_RING_PRIVATE_H_

#include <stdint.h>

#include <rte_log.h>

/* One line per call: the macro appends the newline. */
#define RING_LOG(level, fmt, ...) RTE_LOG(level, RING, fmt "\n", ##__VA_ARGS__)

/* 0, or -EINVAL (logged) for unknown flags or two modes on one side. */
int dpkit_ring_check_flags(const char *name, unsigned int flags);

/* 0, or -EINVAL (logged) for an element size that is 0 or not a multiple of 4. */
int dpkit_ring_check_esize(const char *name, unsigned int esize);

/*
 * Number of slots for a ring of @count with @flags in *size: count itself
 * (a power of 2), or with RING_F_EXACT_SZ the next power of 2 above it.
 * 0, or -EINVAL (logged).
 */
int dpkit_ring_slot_count(const char *name, unsigned int count, unsigned int flags, uint32_t *size);

#endif /* _DPKIT_RING_PRIVATE_H_ */
