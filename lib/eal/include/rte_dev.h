/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_DEV_H_
#define _RTE_DEV_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Devices and drivers as applications see them. A device (struct
 * rte_device) sits on a bus (only the vdev bus in dpkit); a driver
 * (struct rte_driver) claims it at probe time and creates ports from it.
 * Both structures are opaque here: read them through the accessors below.
 * Drivers include dev_driver.h for the full definitions.
 *
 * Hot-plug: rte_dev_probe("net_null1,size=128") creates and probes a device
 * after rte_eal_init(); rte_dev_remove() takes it away again (its ports are
 * closed by its driver). Both are control-path calls, one at a time.
 *
 * With several processes, hot-plug keeps them all alike: called in the
 * primary, the device is attached (or detached) in the primary and in every
 * running secondary; called in a secondary, the request goes to the primary,
 * which does the same. When any process fails, the others are brought back
 * to where they were and the call returns that process's error. See
 * doc/guides/prog_guide/multi_proc_support.rst, "Hot-plug across processes".
 */

#include <stdio.h>

#include <rte_config.h>
#include <rte_common.h>
#include <rte_log.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_bus;
struct rte_devargs;
struct rte_device;
struct rte_driver;

/** Longest device name, terminating NUL included. */
#define RTE_DEV_NAME_MAX_LEN 64

/** Whether a device may be probed (DPDK's allow/block lists). */
enum rte_dev_policy {
	RTE_DEV_ALLOWED, /**< probe it */
	RTE_DEV_BLOCKED, /**< leave it alone */
};

/** @return the driver's name ("net_null"), or NULL for NULL. */
const char *rte_driver_name(const struct rte_driver *driver);

/** @return the bus a device sits on, or NULL for NULL. */
const struct rte_bus *rte_dev_bus(const struct rte_device *dev);

/** @return a bus-specific location string, or NULL (always NULL for vdevs). */
const char *rte_dev_bus_info(const struct rte_device *dev);

/** @return the driver that probed the device, or NULL when none has. */
const struct rte_driver *rte_dev_driver(const struct rte_device *dev);

/** @return the device name ("net_null0"), or NULL for NULL. */
const char *rte_dev_name(const struct rte_device *dev);

/** @return the NUMA node of the device, SOCKET_ID_ANY (-1) when unknown. */
int rte_dev_numa_node(const struct rte_device *dev);

/** @return (int)true if a driver has probed the device, 0 otherwise. */
int rte_dev_is_probed(const struct rte_device *dev);

/**
 * Create device @p devname on bus @p busname with driver arguments
 * @p drvargs (may be NULL or "") and probe it, in every process (see the
 * file comment).
 * @return
 *   - 0: success;
 *   - -EINVAL: a name is NULL, or no driver takes the device name;
 *   - -ENOENT: no such bus;
 *   - -EEXIST: a device of that name exists (it stays, in every process);
 *   - -ENOMSG: a process did not answer (the others were put back);
 *   - -E2BIG: the device string is too long to send to other processes;
 *   - other negative errno: what the bus or a process's driver returned.
 */
int rte_eal_hotplug_add(const char *busname, const char *devname, const char *drvargs);

/**
 * Like rte_eal_hotplug_add() with one string "[bus:]name[,args]"; without a
 * bus prefix the first bus that accepts the name gets it.
 * @return as rte_eal_hotplug_add(); -EINVAL also for a NULL or empty
 *   string.
 */
int rte_dev_probe(const char *devargs);

/**
 * Remove device @p devname from bus @p busname (its driver closes its
 * ports), in every process.
 * @return
 *   - 0: success;
 *   - -EINVAL: a name is NULL;
 *   - -ENOENT: no such bus or device;
 *   - -ENOMSG: a process did not answer (the others were put back);
 *   - other negative errno: what a process's driver returned (the device
 *     was attached again where it had been removed).
 */
int rte_eal_hotplug_remove(const char *busname, const char *devname);

/**
 * Remove a probed device, in every process. @p dev is invalid afterwards.
 * @return as rte_eal_hotplug_remove(); -EINVAL for NULL; -ENOENT when it
 *   is not probed.
 */
int rte_dev_remove(struct rte_device *dev);

/** Device comparison used by bus searches: 0 means "this one". */
typedef int (*rte_dev_cmp_t)(const struct rte_device *dev, const void *data);

/* ---- driver metadata kept in the binary (for tools that read it) ---- */
#define RTE_PMD_EXPORT_NAME_ARRAY(n, idx) n##idx[]
#define RTE_PMD_EXPORT_NAME(name, idx) \
	static const char RTE_PMD_EXPORT_NAME_ARRAY(this_pmd_name, idx) __rte_used = RTE_STR(name)
#define DRV_EXP_TAG(name, tag) __##name##_##tag
/** Record the "key=<type> ..." argument summary of driver @p name. */
#define RTE_PMD_REGISTER_PARAM_STRING(name, str) \
	static const char DRV_EXP_TAG(name, param_string_export)[] __rte_used = str
/** Record the kernel modules driver @p name needs. */
#define RTE_PMD_REGISTER_KMOD_DEP(name, str) \
	static const char DRV_EXP_TAG(name, kmod_dep_export)[] __rte_used = str

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_DEV_H_ */
