/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * EAL start-up and shutdown, and what the EAL knows about the process.
 *
 * rte_eal_init() parses the EAL options, sets up memory and starts one
 * pinned thread per worker lcore; rte_eal_cleanup() gives it all back. A
 * primary and its secondaries (same --file-prefix, --proc-type) exchange
 * messages (rte_mp_*) over unix datagram sockets in the runtime directory, as
 * in DPDK; a secondary does not share the primary's memory yet.
 */

#ifndef _RTE_EAL_H_
#define _RTE_EAL_H_

#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <rte_common.h>
#include <rte_config.h>
#include <rte_per_lcore.h>
#include <rte_uuid.h>
#include <rte_pci_dev_feature_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_MAGIC 19820526 /**< marks a shared configuration as ready */

/** Longest thread name the system keeps, terminating NUL included. */
#define RTE_MAX_THREAD_NAME_LEN 16

/** Process types (dpkit always runs as the primary). */
enum rte_proc_type_t {
	RTE_PROC_AUTO = -1,   /**< decide at start-up */
	RTE_PROC_PRIMARY = 0, /**< owns the shared state */
	RTE_PROC_SECONDARY,   /**< joins a primary with the same --file-prefix */
	RTE_PROC_INVALID
};

/** Type of this process as rte_eal_init() settled it (auto resolved). */
enum rte_proc_type_t rte_eal_process_type(void);

/**
 * Ask the kernel for I/O port access (iopl level 3).
 * @return 0 on success, -1 without the privilege.
 */
int rte_eal_iopl_init(void);

/**
 * Initialise the EAL from the command line.
 *
 * EAL options are removed: argv is reordered so that, on success, the
 * application's own arguments start at argv[ret] (which holds the program
 * name again). Arguments after "--", and non-option arguments, belong to the
 * application. Run it once per process.
 *
 * @return
 *   - >= 0: the number of arguments consumed.
 *   - -1: failure, with rte_errno set and one log line naming the cause:
 *     EINVAL a bad option or value, EALREADY called twice (or after an
 *     earlier failure past argument parsing), ENOMEM not enough memory,
 *     ENOTSUP an option dpkit does not support (secondary processes),
 *     EAGAIN another process uses the same --file-prefix, EACCES the runtime
 *     directory cannot be created.
 */
int rte_eal_init(int argc, char **argv);

/**
 * Release what rte_eal_init() set up: worker threads are stopped and joined,
 * memory is unmapped, the runtime directory is removed if it is empty. The
 * EAL cannot be initialised again in the same process.
 * @return
 *   - 0: success.
 *   - -EINVAL: the EAL is not initialised (never was, or already cleaned up).
 */
int rte_eal_cleanup(void);

/**
 * Whether a running primary process holds the configuration file
 * @p config_file_path (NULL: this process's, \<runtime dir\>/config; this
 * process counts when its EAL runs).
 * @return 1 if one does, 0 otherwise (also when the file does not exist).
 */
int rte_eal_primary_proc_alive(const char *config_file_path);

/**
 * Declare that multi-process will not be used: from a successful call on,
 * a secondary process that starts with this process's --file-prefix is
 * refused at its attach (its rte_eal_init() fails with EPERM).
 * @return
 *   - true: called in a primary process no secondary has attached to
 *     (calling it again stays true);
 *   - false: in a secondary, or once a secondary has attached to the
 *     primary (even one that has exited since).
 */
bool rte_mp_disable(void);

#define RTE_MP_MAX_FD_NUM 8      /**< file descriptors per message */
#define RTE_MP_MAX_NAME_LEN 64   /**< action name length, NUL included */
#define RTE_MP_MAX_PARAM_LEN 256 /**< payload bytes per message */

/** A message between processes. */
struct rte_mp_msg {
	char name[RTE_MP_MAX_NAME_LEN];      /**< action to run at the receiver */
	int len_param;                       /**< bytes used in param */
	int num_fds;                         /**< descriptors used in fds */
	uint8_t param[RTE_MP_MAX_PARAM_LEN]; /**< payload */
	int fds[RTE_MP_MAX_FD_NUM];          /**< descriptors passed along */
};

/** Replies gathered by a request. */
struct rte_mp_reply {
	int nb_sent;             /**< peers the request went to */
	int nb_received;         /**< replies received */
	struct rte_mp_msg *msgs; /**< nb_received replies; free() them */
};

/** Handler of a received message; @p peer identifies the sender for rte_mp_reply(). */
typedef int (*rte_mp_t)(const struct rte_mp_msg *msg, const void *peer);

/** Called when an asynchronous request has all its replies (or timed out). */
typedef int (*rte_mp_async_reply_t)(const struct rte_mp_msg *request,
				    const struct rte_mp_reply *reply);

/**
 * Register @p action for messages named @p name.
 * @return 0, or -1 with rte_errno: EINVAL (NULL or empty name, NULL action),
 *   ENAMETOOLONG (name of RTE_MP_MAX_NAME_LEN chars or more), EEXIST
 *   (already registered), ENOTSUP (--in-memory / --no-shconf: no IPC).
 */
int rte_mp_action_register(const char *name, rte_mp_t action);

/** Remove the action registered under @p name (unknown names are ignored). */
void rte_mp_action_unregister(const char *name);

/**
 * Send @p msg (and its fds) to every secondary (primary) or to the primary.
 * @return 0 (also with no peer), or -1 with rte_errno: EINVAL (bad message: NULL, name,
 *   len_param or num_fds out of range), ENOENT or ECONNREFUSED (the primary has gone).
 */
int rte_mp_sendmsg(struct rte_mp_msg *msg);

/**
 * Send @p req to every peer and wait up to @p ts for replies (caller frees reply->msgs).
 * @return 0, or -1 with rte_errno: EINVAL (bad message or NULL argument), ETIMEDOUT (a peer
 *   did not reply in time), EEXIST (same request pending), EDEADLK (called from an action).
 */
int rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply,
			const struct timespec *ts);

/**
 * Send @p req to every peer; @p clb runs on another thread once all replies
 * are in or @p ts expired. With no peers it runs soon with an empty reply.
 * @return 0, or -1 with rte_errno = EINVAL (bad message or NULL argument).
 */
int rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts,
			 rte_mp_async_reply_t clb);

/**
 * Answer a request from @p peer (the value an action received).
 * @return 0 (also when IPC is disabled: --in-memory), or -1 with rte_errno:
 *   EINVAL (bad message, NULL peer), ENOENT or ECONNREFUSED (no one at @p peer).
 */
int rte_mp_reply(struct rte_mp_msg *msg, const char *peer);

/** Prints the application's part of the usage text after the EAL's (-h). */
typedef void (*rte_usage_hook_t)(const char *prgname);

/** Install @p usage_func for -h; returns the previous hook (NULL at first). */
rte_usage_hook_t rte_set_application_usage_hook(rte_usage_hook_t usage_func);

/** 1 unless --no-huge was given. */
int rte_eal_has_hugepages(void);

/** 0: dpkit has no PCI bus. */
int rte_eal_has_pci(void);

/** 1 if --create-uio-dev was given, else 0. */
int rte_eal_create_uio_dev(void);

/** Interrupt mode asked with --vfio-intr (RTE_INTR_MODE_NONE by default). */
enum rte_intr_mode rte_eal_vfio_intr_mode(void);

/** The VF token for VFIO: dpkit has no VFIO, so the null UUID. */
void rte_eal_vfio_get_vf_token(rte_uuid_t vf_token);

/** Kernel thread id of the calling thread (a system call). */
int rte_sys_gettid(void);

RTE_DECLARE_PER_LCORE(int, _thread_id); /**< cached rte_sys_gettid(), -1 until read */

/** Kernel thread id of the calling thread, cached after the first call. */
static inline int
rte_gettid(void)
{
	if (RTE_PER_LCORE(_thread_id) == -1)
		RTE_PER_LCORE(_thread_id) = rte_sys_gettid();
	return RTE_PER_LCORE(_thread_id);
}

/** @internal Where memory mappings start (--base-virtaddr, else the default). */
uint64_t rte_eal_get_baseaddr(void);

/** How addresses given to devices (IOVA) relate to virtual addresses. */
enum rte_iova_mode {
	RTE_IOVA_DC = 0,        /**< not decided / no preference */
	RTE_IOVA_PA = (1 << 0), /**< IOVA is the physical address */
	RTE_IOVA_VA = (1 << 1)  /**< IOVA is the virtual address */
};

/** The IOVA mode the EAL settled on at init (never RTE_IOVA_DC after init). */
enum rte_iova_mode rte_eal_iova_mode(void);

/** Mempool ops name given with --mbuf-pool-ops-name, or NULL. */
const char *rte_eal_mbuf_user_pool_ops(void);

/**
 * Directory of this process's runtime files: /var/run/dpdk/\<prefix\> for
 * root, $XDG_RUNTIME_DIR/dpdk/\<prefix\> (or /tmp/dpdk/\<prefix\>) otherwise.
 * With --in-memory it is not created.
 */
const char *rte_eal_get_runtime_dir(void);

/**
 * @internal Parse a hexadecimal core mask ("0x" optional) into @p cores
 * (RTE_MAX_LCORE entries): cores[i] is the position of lcore i among the set
 * bits, or -1.
 * @return 0, or -1 for a malformed or empty mask or a bit at or above
 *   RTE_MAX_LCORE.
 */
int rte_eal_parse_coremask(const char *coremask, int *cores);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_EAL_H_ */
