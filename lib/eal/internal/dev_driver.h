/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _DEV_DRIVER_H_
#define _DEV_DRIVER_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Driver-facing definitions of struct rte_device and struct rte_driver.
 * For bus and driver code only; applications use the accessors of
 * rte_dev.h. A bus embeds struct rte_device in its own device type and
 * struct rte_driver in its own driver type (container_of to go back).
 */

#include <rte_dev.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What every driver has, whatever its bus. */
struct rte_driver {
	const char *name;  /**< name devices are matched against ("net_null") */
	const char *alias; /**< older name also matched ("eth_null"), or NULL */
};

/** What every device has, whatever its bus. */
struct rte_device {
	const char *name;                /**< unique name ("net_null0") */
	const char *bus_info;            /**< bus-specific location, or NULL */
	const struct rte_driver *driver; /**< driver that probed it, or NULL */
	const struct rte_bus *bus;       /**< bus it sits on */
	int numa_node;                   /**< NUMA node, SOCKET_ID_ANY if unknown */
	struct rte_devargs *devargs;     /**< always NULL in dpkit (no devargs list) */
};

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _DEV_DRIVER_H_ */
