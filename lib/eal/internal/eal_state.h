/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Whether the EAL is up, for code inside dpkit that runs on its own, when
 * no caller vouches for it: the thread-exit hooks of the mempool's thread
 * caches, which must not touch pool memory once rte_eal_cleanup() has
 * given it back. Not installed: internal to libdpkit.
 */

#ifndef DPKIT_EAL_STATE_H
#define DPKIT_EAL_STATE_H

namespace dpkit {

/* True from the end of a successful rte_eal_init() until rte_eal_cleanup()
 * starts; false before, after, and when init failed. */
bool eal_is_running();

} // namespace dpkit

#endif /* DPKIT_EAL_STATE_H */
