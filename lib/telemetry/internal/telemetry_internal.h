/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _TELEMETRY_INTERNAL_H_
#define _TELEMETRY_INTERNAL_H_

#pragma GCC visibility push(default)

/**
 * @file
 * What the EAL (and tests, the fuzz target) use of the telemetry library.
 *
 * The library sits below the EAL and knows nothing of it: the EAL hands it
 * the runtime directory, the version string, a way to log and a way to start
 * a control thread, and gets the socket server running on that thread.
 */

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Largest reply, greeting included (DPDK's max_output_len). */
#define DPKIT_TELEMETRY_MAX_OUTPUT_LEN 16384
/** Largest request; a longer one is refused with a null reply. */
#define DPKIT_TELEMETRY_MAX_REQUEST_LEN 1023
/** Clients served at once; more are closed on accept, as in DPDK. */
#define DPKIT_TELEMETRY_MAX_CLIENTS 10

struct dpkit_telemetry_config {
	const char *runtime_dir; /**< directory of the socket (copied) */
	const char *version;     /**< "DPDK 22.11.x", the greeting's "version" */
	/** printf-like logger (rte_log); NULL: silent */
	int (*log_fn)(uint32_t level, uint32_t logtype, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
	uint32_t logtype;
	/** starts the server thread (rte_ctrl_thread_create); 0 or -errno */
	int (*thread_create)(pthread_t *thread, const char *name, const pthread_attr_t *attr,
			     void *(*fn)(void *), void *arg);
};

/**
 * Bind `<runtime_dir>/dpdk_telemetry.v2` and start serving it.
 *
 * @return
 *   - 0: serving
 *   - -EALREADY: already serving
 *   - -ENAMETOOLONG: the socket path does not fit a sockaddr_un
 *   - -EADDRINUSE: another live process serves that path
 *   - other -errno: a socket, bind, listen or thread-start failure
 */
int dpkit_telemetry_start(const struct dpkit_telemetry_config *cfg);

/** Stop the server, close every client, remove the socket file. Idempotent. */
void dpkit_telemetry_stop(void);

/** Path of the socket being served, or "" when not serving. */
const char *dpkit_telemetry_socket_path(void);

/**
 * Answer one request as the server does, without a socket.
 *
 * @param req
 *   the request bytes, not necessarily NUL-terminated.
 * @param out
 *   receives the JSON reply, NUL-terminated; @p out_len >= 64.
 * @return the reply length (without the NUL), or -EINVAL for bad arguments.
 */
int dpkit_telemetry_handle(const char *req, size_t req_len, char *out, size_t out_len);

/**
 * Parse a command's numeric parameter: decimal digits only, at most @p max.
 * Commands use it so that "/ethdev/stats,1x" or ",-1" answer null instead of
 * whatever strtoul makes of them; the rejection is logged once.
 *
 * @return 0 and *@p value, or -EINVAL.
 */
int dpkit_telemetry_param_uint(const char *cmd, const char *params, unsigned long max,
			       unsigned long *value);

/**
 * Make the next call of the server at @p site fail with @p err (tests): one
 * of "socket", "bind", "listen", "thread" (start fails), "accept" (a client
 * waits for the next poll round), "send" (the client is dropped) or "alloc"
 * (the reply is null). Control-path only: one atomic exchange per call.
 *
 * @return 0, or -EINVAL for an unknown site or @p err <= 0.
 */
int dpkit_telemetry_fault_arm(const char *site, int err);

/** Write the greeting into @p out; @return its length or -EINVAL. */
int dpkit_telemetry_greeting(char *out, size_t out_len);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _TELEMETRY_INTERNAL_H_ */
