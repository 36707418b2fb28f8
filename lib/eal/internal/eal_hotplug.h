/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Test hooks of hot-plug across processes (internal; not installed, not
 * DPDK API).
 */

#ifndef _EAL_HOTPLUG_H_
#define _EAL_HOTPLUG_H_

#pragma GCC visibility push(default)

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Wait @p to_secondary_ms (not 5 s) for each secondary's answer, and
 * @p to_primary_ms (not 15 s) for the primary's; 0 restores a default.
 * Affects this process only.
 */
void dpkit_hotplug_test_timeouts(unsigned int to_secondary_ms, unsigned int to_primary_ms);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _EAL_HOTPLUG_H_ */
