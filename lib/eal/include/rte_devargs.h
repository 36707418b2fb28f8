/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_DEVARGS_H_
#define _RTE_DEVARGS_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Device strings. A device string names one device and its driver
 * arguments as "[bus:]name[,key=value...]" ("net_null0",
 * "vdev:net_null0,size=64", "net_ring0"). rte_devargs_parse() splits one
 * into a struct rte_devargs: the bus that takes the device, its name and
 * its argument string. Without a "bus:" prefix, the first bus that
 * recognises the name takes it (the vdev bus: a driver name is a prefix of
 * it). The global syntax ("bus=vdev,.../driver=...") is not supported.
 *
 * A parsed struct owns one allocation (data); rte_devargs_reset() frees it.
 * dpkit keeps no list of devargs (devices given with --vdev live in their
 * bus), so the list calls of DPDK (rte_devargs_insert, _add, _next...) are
 * not provided.
 */

#include <stdio.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_compat.h>
#include <rte_dev.h>
#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_bus;
struct rte_class;

/** Key of the bus layer in DPDK's global syntax ("bus=pci,..."). */
#define RTE_DEVARGS_KEY_BUS "bus"
/** Key of the class layer in DPDK's global syntax ("class=eth,..."). */
#define RTE_DEVARGS_KEY_CLASS "class"
/** Key of the driver layer in DPDK's global syntax ("driver=..."). */
#define RTE_DEVARGS_KEY_DRIVER "driver"

/** How a device was given. */
enum rte_devtype {
	RTE_DEVTYPE_ALLOWED, /**< allowed device (the default) */
	RTE_DEVTYPE_BLOCKED, /**< blocked device */
	RTE_DEVTYPE_VIRTUAL, /**< virtual device */
};

/** A device string split into its parts, with DPDK 22.11's layout. */
struct rte_devargs {
	RTE_TAILQ_ENTRY(rte_devargs) next; /**< list link (unused by dpkit) */
	enum rte_devtype type;             /**< how the device was given */
	enum rte_dev_policy policy;        /**< allowed or blocked */
	char name[RTE_DEV_NAME_MAX_LEN];   /**< device name ("net_null0") */
	RTE_STD_C11
	union {
		const char *args;    /**< driver arguments ("size=64", or "") */
		const char *drv_str; /**< the same, by its newer name */
	};
	struct rte_bus *bus;   /**< the bus that takes the device */
	struct rte_class *cls; /**< device class (always NULL in dpkit) */
	const char *bus_str;   /**< bus layer of the global syntax (NULL) */
	const char *cls_str;   /**< class layer of the global syntax (NULL) */
	char *data;            /**< owned storage; args points into it */
};

/**
 * Split device string @p dev ("[bus:]name[,key=value...]") into @p da.
 * @p da is overwritten first (whatever it held is not freed); after
 * success, free it with rte_devargs_reset().
 * @return
 *   - 0: success; da->bus, da->name and da->args are set;
 *   - -EINVAL: @p da or @p dev is NULL, the name is empty or longer than
 *     RTE_DEV_NAME_MAX_LEN - 1 characters, or the string uses the global
 *     syntax;
 *   - -EFAULT: no bus recognises the device name;
 *   - -ENOMEM: no memory for the argument string.
 */
int rte_devargs_parse(struct rte_devargs *da, const char *dev);

/**
 * rte_devargs_parse() of the string printf(@p format, ...) makes.
 * @return as rte_devargs_parse(); -EINVAL also when @p format is NULL.
 */
int rte_devargs_parsef(struct rte_devargs *da, const char *format, ...) __rte_format_printf(2, 0);

/**
 * Free what rte_devargs_parse() allocated in @p da (NULL is ignored);
 * da->args is NULL afterwards.
 */
__rte_experimental void rte_devargs_reset(struct rte_devargs *da);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_DEVARGS_H_ */
