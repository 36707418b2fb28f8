/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Between the hot-plug API (dev_hotplug.cpp) and its messages to the other
 * processes (dev_hotplug_mp.cpp), and the EAL's start and end; internal,
 * C++ only. Functions returning int return 0 or -errno, having logged one
 * line when they fail.
 */

#ifndef _DEV_PRIVATE_H_
#define _DEV_PRIVATE_H_

#include <stdint.h>

#include <mutex>
#include <string>

namespace dpkit::dev_detail {

/* What one process asks another to do; the values are the wire format. */
enum class hp_op : int32_t {
	attach = 1,
	detach = 2,
	attach_rollback = 3, /* detach what a failed attach left */
	detach_rollback = 4, /* attach again what a failed detach took away */
};

/* Longest device string that travels, terminating NUL included. */
constexpr size_t hp_devstr_max = 244;

/* ---- this process only (dev_hotplug.cpp) ---- */

/** Parse "bus:name[,args]" and probe it here; -EEXIST: already here. */
int local_attach(const std::string &devstr);

/** Whether the device "bus:name[,...]" exists here. */
bool is_here(const std::string &devstr);

/** Remove the device "bus:name[,...]" here; -ENOENT (not logged): it is
 * not here. */
int local_detach(const std::string &devstr);

/* ---- the primary's side of a hot-plug (dev_hotplug.cpp) ---- */

/** Held for a whole hot-plug in the primary: one at a time, whichever
 * process asked for it. */
std::mutex &primary_lock();

/** Attach here, then in every secondary; undo on failure. Caller holds
 * primary_lock(). */
int primary_attach(const std::string &devstr);

/** Detach in every secondary, then here; undo on failure. Caller holds
 * primary_lock(). */
int primary_detach(const std::string &devstr);

/* ---- messages (dev_hotplug_mp.cpp) ---- */

/**
 * Primary: ask every secondary to do @p op on @p devstr, and wait.
 * @return 0 when every live secondary answered, with @p result the first
 * failure (0 if none; -EEXIST from an attach and -ENOENT from a detach
 * count as done) and @p who the pid of the secondary that failed;
 * -ENOMSG when one did not answer (the request logged which).
 */
int to_secondaries(hp_op op, const std::string &devstr, int *result, int *who);

/**
 * Secondary: have the primary do @p op on @p devstr in every process.
 * @return the primary's result, or -ENOMSG when it did not answer.
 */
int to_primary(hp_op op, const std::string &devstr);

/** Whether a hot-plug here involves another process (a secondary, or a
 * primary with secondaries). */
bool other_processes();

} // namespace dpkit::dev_detail

namespace dpkit::eal_detail {

/** Take the other processes' hot-plug requests (rte_eal_init, once IPC is
 * open; a no-op without IPC); they wait for hotplug_mp_ready().
 * @return 0 or -errno. */
int hotplug_mp_init();

/** Serve the requests: the buses are scanned (end of rte_eal_init). */
void hotplug_mp_ready();

/** Stop answering and wait for the requests being served
 * (rte_eal_cleanup or a failed rte_eal_init, before IPC closes). */
void hotplug_mp_cleanup();

} // namespace dpkit::eal_detail

#endif /* _DEV_PRIVATE_H_ */
