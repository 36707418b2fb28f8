/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _BUS_DRIVER_H_
#define _BUS_DRIVER_H_

#pragma GCC visibility push(default)

/**
 * @file
 * How a bus plugs into dpkit (for bus code only). A bus fills a struct
 * rte_bus with its operations and registers it with RTE_REGISTER_BUS; the
 * EAL calls rte_bus_scan() and rte_bus_probe() at the end of rte_eal_init()
 * and dpkit_bus_cleanup() from rte_eal_cleanup().
 */

#include <rte_bus.h>
#include <dev_driver.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Operations of a bus. Every one may be NULL except scan and probe. */
struct rte_bus {
	const char *name; /**< set by RTE_REGISTER_BUS */
	/** Collect devices not yet known. @return 0 or -errno (logged). */
	int (*scan)(void);
	/** Probe devices not yet probed. @return 0 or -errno (logged). */
	int (*probe)(void);
	/** Search devices after @p start (or from the first). */
	struct rte_device *(*find_device)(const struct rte_device *start, rte_dev_cmp_t cmp,
					  const void *data);
	/** @return 0 if @p name is a device name this bus can create. */
	int (*parse)(const char *name);
	/** Create and probe a device at run time. @return 0 or -errno. */
	int (*plug)(const char *name, const char *args);
	/** Remove a device (its driver's remove). @return 0 or -errno. */
	int (*unplug)(struct rte_device *dev);
	/** Remove every device, at EAL cleanup. @return 0 or -errno. */
	int (*cleanup)(void);
};

/** Add @p bus to the list (called by RTE_REGISTER_BUS at load time). */
void rte_bus_register(struct rte_bus *bus);

/** Register bus variable @p bus under the name @p nm. */
#define RTE_REGISTER_BUS(nm, bus) \
	RTE_INIT_PRIO(businitfn_##nm, BUS) \
	{ \
		(bus).name = RTE_STR(nm); \
		rte_bus_register(&(bus)); \
	}

/**
 * Remove every device of every bus, last registered bus first; called by
 * rte_eal_cleanup() so that drivers close sockets and free their memory
 * while the EAL memory still exists.
 * @return 0, or the first negative errno a bus returned (logged).
 */
int dpkit_bus_cleanup(void);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _BUS_DRIVER_H_ */
