/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Calls between the parts of the EAL (internal, C++ only): start-up in
 * eal.cpp calls each part's init in order and its cleanup in reverse.
 */

#ifndef _EAL_PRIVATE_H_
#define _EAL_PRIVATE_H_

#include "eal_internal_cfg.h"

namespace dpkit::eal_detail {

/*
 * Memory: discover hugepages, reserve memseg lists, map what --legacy-mem /
 * --socket-mem / --no-huge ask for, set up memzones and malloc heaps.
 * Called after argument parsing and before worker lcores start.
 * @return 0, or -errno after logging one line that says what to change.
 */
int memory_init();

/* Unmap everything memory_init() and later allocations mapped, remove
 * hugepage files. Safe to call after a failed memory_init(). */
void memory_cleanup();

} // namespace dpkit::eal_detail

#endif /* _EAL_PRIVATE_H_ */
