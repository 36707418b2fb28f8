/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fault injection for memory reservations (internal; not installed, not
 * DPDK API). Built only with `meson setup -Dfault_injection=true`, which
 * defines RTE_FAULT_INJECTION; otherwise DPKIT_FAULT(kind) is the constant
 * 0 and every hook folds away, so a release build carries no trace of it.
 *
 * Each place in dpkit that reserves memory of some kind calls
 * DPKIT_FAULT(kind) once, and fails the way the real call fails when it
 * answers true (errno is set to ENOMEM first, for hooks that report
 * through errno). Every call is counted per kind; a kind can be told to
 * fail its N-th call from now (once, or from then on). Tests use the
 * counts of a good run to aim a fault at every call in turn.
 *
 * The environment can arm faults before the EAL starts, so start-up code
 * and child processes (dpkit-test, dpkit-testpmd) can be run with a fault:
 *     DPKIT_FAULT=malloc:7            the 7th heap allocation fails
 *     DPKIT_FAULT=mmap:3+,mlock:1     the 3rd and every later mmap fails,
 *                                     and the first mlock
 * Counting starts when the library is loaded. Thread-safe: counters are
 * atomic, so a fault fires exactly once even under concurrent calls.
 */

#ifndef _EAL_FAULT_H_
#define _EAL_FAULT_H_

#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What kind of reservation a hook guards. */
enum dpkit_fault_kind {
	DPKIT_FAULT_MEMSEG_ALLOC,    /**< a run of pages mapped into memseg slots */
	DPKIT_FAULT_MEMZONE_RESERVE, /**< the memory of a memzone */
	DPKIT_FAULT_MALLOC,          /**< a malloc heap allocation (rte_malloc, memzones) */
	DPKIT_FAULT_MMAP,            /**< an mmap that maps or reserves memory */
	DPKIT_FAULT_MLOCK,           /**< an mlock of --no-huge memory */
	DPKIT_FAULT_HEAP_PLACE,      /**< a heap that grew for a request finds no place for it */
	DPKIT_FAULT_SYSCALL,         /**< a system or library call a driver makes while setting
				      *   up a port (open, socket, ioctl, pcap_open_*) */
	DPKIT_FAULT_IPC,             /**< a step of the multi-process channel: its socket, a
				      *   datagram sent or received (with its fds), a reply
				      *   waited for, an asynchronous request's thread */
	DPKIT_FAULT_ATTACH,          /**< a step of a secondary's attach: the configuration,
				      *   each memory item (also pages a heap grew by), the
				      *   tailqs, an ethdev port */
	DPKIT_FAULT_KIND_MAX
};

#ifdef RTE_FAULT_INJECTION

/** @internal Count a call of @p kind; true when this call must fail
 * (errno is then ENOMEM). Use DPKIT_FAULT() instead. */
bool dpkit_fault_hit(enum dpkit_fault_kind kind);

/**
 * Make the @p nth call of @p kind from now fail (counting restarts at 0);
 * with @p from_then_on, that call and every later one. @p nth 0 disarms.
 */
void dpkit_fault_arm(enum dpkit_fault_kind kind, uint64_t nth, bool from_then_on);

/** Disarm every kind and zero every counter. */
void dpkit_fault_reset(void);

/** Calls of @p kind counted since the last arm/reset (or load). */
uint64_t dpkit_fault_calls(enum dpkit_fault_kind kind);

/** Faults of @p kind that fired since the last arm/reset (or load). */
uint64_t dpkit_fault_fired(enum dpkit_fault_kind kind);

/** Lower-case name ("memseg_alloc", "memzone_reserve", "malloc", "mmap",
 * "mlock", "heap_place", "syscall", "ipc", "attach"), as DPKIT_FAULT spells it; "?" for an
 * unknown kind. */
const char *dpkit_fault_kind_name(enum dpkit_fault_kind kind);

/**
 * Arm faults from a DPKIT_FAULT-style spec ("kind:N[+][,kind:N[+]...]").
 * @return 0, or -EINVAL (nothing armed) after logging what is wrong.
 */
int dpkit_fault_arm_spec(const char *spec);

/**
 * Cap every wait of the multi-process channel for a reply (a request's
 * timeout) at @p ms; 0 removes the cap. A message a fault made lost then
 * costs a test @p ms, not the caller's timeout of seconds. The environment
 * can set it before the EAL starts: DPKIT_FAULT_WAIT_MS=ms.
 */
void dpkit_fault_wait_cap_set(unsigned int ms);

/** The cap of dpkit_fault_wait_cap_set() (0: none). */
unsigned int dpkit_fault_wait_cap(void);

#define DPKIT_FAULT(kind) __builtin_expect(dpkit_fault_hit(DPKIT_FAULT_##kind), 0)

#else /* !RTE_FAULT_INJECTION */

#define DPKIT_FAULT(kind) 0

#endif /* RTE_FAULT_INJECTION */

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _EAL_FAULT_H_ */
