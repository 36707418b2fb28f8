/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Calls between the core parts of the EAL (internal, C++ only): start-up
 * (eal.cpp), options (eal_options*.cpp), CPU topology (eal_cpu.cpp), the
 * lcore table (eal_lcore.cpp), threads (eal_thread.cpp), workers
 * (eal_launch.cpp), runtime directory, IPC and log. Functions returning int
 * return 0 or -errno, having logged one line that says what went wrong.
 */

#ifndef _EAL_CORE_PRIVATE_H_
#define _EAL_CORE_PRIVATE_H_

#include <limits.h>
#include <stdint.h>

#include <string>
#include <vector>

#include <rte_os.h>

#include "eal_internal_cfg.h"

namespace dpkit::eal_detail {

/* rte_memory.h's SOCKET_ID_ANY, as an unsigned socket number */
constexpr unsigned int socket_id_any = UINT_MAX;

/* ---- start-up state (eal.cpp) ---- */

/** True between a successful rte_eal_init() and rte_eal_cleanup(). */
bool eal_running();

/* ---- CPU topology (eal_cpu.cpp); usable before rte_eal_init() ---- */

/** The CPU exists and is online (it has a sysfs topology). */
bool cpu_present(unsigned int cpu);

/** NUMA node of a present CPU (0 on machines without NUMA information). */
unsigned int cpu_socket(unsigned int cpu);

/** Physical core id of a present CPU (sysfs topology/core_id), or -1. */
int cpu_core_id(unsigned int cpu);

/** CPUs this process was allowed to run on when the library loaded. */
const rte_cpuset_t &startup_affinity();

/** The socket all CPUs of @p set share, or socket_id_any if they differ. */
unsigned int cpuset_socket(const rte_cpuset_t &set);

/** Sockets that have present CPUs, in increasing order. */
const std::vector<unsigned int> &present_sockets();

/** "0-3,6" style list of the CPUs in @p set ("none" when empty). */
std::string cpuset_to_string(const rte_cpuset_t &set);

/* ---- options (eal_options.cpp, eal_options_lcores.cpp) ---- */

/**
 * Parse the EAL options into config() and reorder argv (see rte_eal_init()).
 * @return the number of arguments consumed, or -errno.
 */
int parse_args(int argc, char **argv);

/** Print the EAL options' usage text to stdout. */
void print_usage(const char *prgname);

/** Handle -l, -c or --lcores (@p opt is how the user spelled it). */
int parse_lcore_option(const char *opt, const char *value);

/** Default lcores when no lcore option was given: every allowed CPU. */
int set_default_lcores();

/** Check --main-lcore against the lcore list, or pick the default. */
int check_main_lcore();

/* ---- option checks (eal_options_checks.cpp) ---- */

/**
 * Checks between the memory options (sizes, modes, files) and -a/-b;
 * with --socket-mem, the total goes to -m's value. @return 0 or -EINVAL.
 */
int check_memory_options(internal_config &c);

/** A memory size larger than the machine's RAM or its hugepages.
 * @return 0 or -ENOMEM. */
int check_memory_size(const internal_config &c);

/** One line for each option given that has nothing to act on. */
void report_idle_options(const internal_config &c);

/* ---- log (eal_log.cpp) ---- */

/**
 * Apply a --log-level value: "<level>", "<glob>:<level>" or
 * "<regex>,<level>"; patterns are remembered for types registered later.
 */
int log_apply_option(const char *opt, const char *value);

/* ---- lcore table (eal_lcore.cpp) ---- */

/** Build the lcore table from config() and make the caller the main lcore. */
void lcores_setup();

/** Forget the table (after cleanup or a failed init). */
void lcores_reset();

/* ---- threads (eal_thread.cpp) ---- */

/** Record in the calling thread's TLS its lcore id, CPUs and socket. */
void thread_set_identity(unsigned int lcore_id, const rte_cpuset_t &cpus);

/** CPUs of the calling thread as last recorded (affinity at first use). */
const rte_cpuset_t &thread_cpus();

/** Pin the main thread to the main lcore, remembering its old affinity. */
int main_thread_pin(unsigned int main_lcore, const rte_cpuset_t &cpus);

/** Give the main thread back the affinity it had before main_thread_pin(). */
void main_thread_unpin();

/* ---- worker lcores (eal_launch.cpp) ---- */

/** Start one pinned thread per worker lcore. */
int workers_start();

/**
 * Stop and join the worker threads. A worker still running a function is
 * left alone (its thread exits when the function returns).
 * @return the number of workers left running.
 */
unsigned int workers_stop();

/* ---- runtime directory (eal_runtime_dir.cpp) ---- */

/**
 * Compute the runtime directory and settle the process type: a primary
 * creates the directory and locks its config file (--proc-type auto turns
 * secondary if that lock is held); a secondary checks that a primary holds it.
 */
int runtime_dir_create();

/** Primary: unlock and remove the config file, remove the directory if
 * empty. Secondary: nothing of the primary's is touched. */
void runtime_dir_remove();

/* ---- IPC (eal_mp.cpp) ---- */

/** Open this process's multi-process socket and start its receiving
 * thread (after runtime_dir_create(); nothing with --no-shconf). */
int mp_init();

/** Wait for pending asynchronous request callbacks, close the socket,
 * drop actions. Safe after a failed or skipped mp_init(). */
void mp_cleanup();

/* ---- telemetry (eal_telemetry.cpp) ---- */

/* Keep argv for /eal/params and /eal/app_params. */
void telemetry_save_args(int argc, char **argv);

/* Serve the telemetry socket unless --no-telemetry or no runtime directory;
 * 0 or -errno (logged). */
int telemetry_start();

/* Stop serving; idempotent. */
void telemetry_stop();

} // namespace dpkit::eal_detail

#endif /* _EAL_CORE_PRIVATE_H_ */
