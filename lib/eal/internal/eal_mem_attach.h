/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Test hooks of the secondary's memory attach (internal; not installed,
 * not DPDK API).
 */

#ifndef _EAL_MEM_ATTACH_H_
#define _EAL_MEM_ATTACH_H_

#pragma GCC visibility push(default)

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Make this process's shared memory configuration carry a wrong layout
 * stamp (@p on != 0) or its own again (@p on == 0): a secondary that
 * attaches meanwhile must refuse it as a version mismatch.
 * @return 0, or -EPERM in a secondary.
 */
int dpkit_mem_config_test_skew(int on);

/**
 * Primary: list the pages to secondaries that attach from now on as
 * having no descriptor (@p on != 0), as anonymous hugepages have, or as
 * they are (@p on == 0): such a secondary must refuse them (ENOTSUP).
 */
void dpkit_mem_attach_test_no_fd(int on);

/**
 * Primary, before rte_eal_init() (from a constructor): once its socket
 * is open, wait until the file @p path exists (at most 60 s) before it
 * answers attach requests, as a primary still setting up its memory;
 * NULL or "" for no wait. A secondary that asks meanwhile must fail
 * ("still starting", EAGAIN).
 */
void dpkit_mem_attach_test_serve_gate(const char *path);

/**
 * Secondary: wait @p ms (not the default 15 s) for the primary to map
 * pages this process's heap asked for; 0 restores the default.
 */
void dpkit_mem_grow_test_timeout(unsigned int ms);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _EAL_MEM_ATTACH_H_ */
