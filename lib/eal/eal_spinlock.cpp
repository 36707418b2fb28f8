/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Owner identity for recursive spinlocks: the kernel thread id, unique
 * among live threads of all kinds (EAL lcores, registered and unregistered
 * threads). Cached per thread so a lock costs one call, not a syscall.
 */

#include <unistd.h>

#include <rte_spinlock.h>

int
__rte_spinlock_thread_id(void)
{
	static thread_local int tid = -1;

	if (tid == -1)
		tid = (int)gettid();
	return tid;
}
