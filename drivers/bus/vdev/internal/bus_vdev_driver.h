/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef BUS_VDEV_DRIVER_H
#define BUS_VDEV_DRIVER_H

#pragma GCC visibility push(default)

/**
 * @file
 * Writing a virtual device driver (driver code only):
 *
 *     static int my_probe(struct rte_vdev_device *dev);   // 0 or -errno
 *     static int my_remove(struct rte_vdev_device *dev);  // 0 or -errno
 *     static struct rte_vdev_driver my_drv = { .probe = my_probe,
 *                                              .remove = my_remove };
 *     RTE_PMD_REGISTER_VDEV(net_mine, my_drv);
 *     RTE_PMD_REGISTER_ALIAS(net_mine, eth_mine);          // optional
 *     RTE_PMD_REGISTER_PARAM_STRING(net_mine, "size=<int>");
 *
 * probe is called with the device's name and argument string; it parses
 * the arguments (dpkit_vdev_parse_args() logs bad ones in the one-line form
 * the bus promises), creates its ports and returns 0. remove must undo
 * everything, including ports the application already closed or not.
 */

#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_dev.h>
#include <dev_driver.h>
#include <rte_kvargs.h>

#include "rte_bus_vdev.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A virtual device. */
struct rte_vdev_device {
	struct rte_device device; /**< generic part; device.name is the vdev name */
	const char *args;         /**< "key=value,..." given with the name ("" if none) */
};

/** From the generic device to the vdev that embeds it. */
#define RTE_DEV_TO_VDEV(ptr) container_of(ptr, struct rte_vdev_device, device)
#define RTE_DEV_TO_VDEV_CONST(ptr) container_of(ptr, const struct rte_vdev_device, device)

/** @return the device name ("net_null0"). */
static inline const char *
rte_vdev_device_name(const struct rte_vdev_device *dev)
{
	return dev != NULL ? dev->device.name : NULL;
}

/** @return the argument string, "" when none was given. */
static inline const char *
rte_vdev_device_args(const struct rte_vdev_device *dev)
{
	return dev != NULL && dev->args != NULL ? dev->args : "";
}

typedef int(rte_vdev_probe_t)(struct rte_vdev_device *dev);
typedef int(rte_vdev_remove_t)(struct rte_vdev_device *dev);

/** A virtual device driver. */
struct rte_vdev_driver {
	struct rte_driver driver;  /**< name and alias (set by the macros) */
	rte_vdev_probe_t *probe;   /**< create the device's ports */
	rte_vdev_remove_t *remove; /**< destroy them */
	uint32_t drv_flags;        /**< unused by the vdev bus */
};

/** Add a driver (RTE_PMD_REGISTER_VDEV does it at load time). */
void rte_vdev_register(struct rte_vdev_driver *driver);

/** Remove a driver added with rte_vdev_register(). */
void rte_vdev_unregister(struct rte_vdev_driver *driver);

/**
 * @internal Create device @p name driven by driver @p drv_name whatever
 * its name (rte_eth_from_rings() names ports freely) and probe it.
 * @return as rte_vdev_init(); -EINVAL when no driver is called @p drv_name.
 */
int dpkit_vdev_init_with_driver(const char *drv_name, const char *name, const char *args);

/**
 * @internal Print the virtual devices the bus knows (from --vdev and
 * rte_vdev_init()) to @p f, one "  [vdev]: <name> <args>" line each after
 * a "User device list:" heading, as dpdk-test's dump_devargs shows them.
 */
void dpkit_vdev_dump(FILE *f);

/** @internal Record @p alias as another name of driver @p name. */
void dpkit_vdev_register_alias(const char *name, const char *alias);

/** Register driver variable @p vdrv under the name @p nm. */
#define RTE_PMD_REGISTER_VDEV(nm, vdrv) \
	RTE_INIT(vdrvinitfn_##vdrv) \
	{ \
		(vdrv).driver.name = RTE_STR(nm); \
		rte_vdev_register(&(vdrv)); \
	} \
	RTE_PMD_EXPORT_NAME(nm, __COUNTER__)

/** Let devices named "<alias>N" be driven by driver @p nm too. */
#define RTE_PMD_REGISTER_ALIAS(nm, alias) \
	RTE_INIT(vdrvaliasfn_##nm) \
	{ \
		dpkit_vdev_register_alias(RTE_STR(nm), RTE_STR(alias)); \
	}

/**
 * Parse the arguments of @p dev against @p valid_keys (NULL-terminated).
 * Every argument must be "key=value" with a known key; otherwise ONE error
 * line names the device, the argument and the keys the driver takes.
 * @return the parsed list (free with rte_kvargs_free()), or NULL with
 *   rte_errno = EINVAL (bad argument) or ENOMEM. An empty argument string
 *   gives an empty list.
 */
struct rte_kvargs *dpkit_vdev_parse_args(const struct rte_vdev_device *dev,
					 const char *const valid_keys[]);

/**
 * Read the unsigned value of @p key from @p kvlist into @p out, checking
 * it is a whole number in [@p min, @p max]; absent key: @p out untouched.
 * On a bad value logs one line naming the device, key and value.
 * @return 0; -EINVAL for a bad value or a key given twice.
 */
int dpkit_vdev_arg_uint(const struct rte_vdev_device *dev, struct rte_kvargs *kvlist,
			const char *key, uint64_t min, uint64_t max, uint64_t *out);

/**
 * Read the string value of @p key (its last occurrence) into @p out; absent
 * key: @p out untouched. @return 0; -EINVAL if longer than @p size - 1 or
 * given twice (logged).
 */
int dpkit_vdev_arg_string(const struct rte_vdev_device *dev, struct rte_kvargs *kvlist,
			  const char *key, char *out, size_t size);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* BUS_VDEV_DRIVER_H */
