/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef _RTE_BUS_H_
#define _RTE_BUS_H_

#pragma GCC visibility push(default)

/**
 * @file
 * Buses hold devices. Each bus registers itself at load time; rte_eal_init()
 * scans every bus (collects the devices the command line and custom scans
 * name) and then probes them (gives each device to its driver). Scanning
 * or probing again later only handles devices that appeared since.
 */

#include <stdio.h>

#include <rte_eal.h>
#include <rte_dev.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_bus;
struct rte_device;

/** @return the bus name ("vdev"), or NULL for NULL. */
const char *rte_bus_name(const struct rte_bus *bus);

/**
 * Collect the devices of every bus.
 * @return 0 on success, or the first bus's negative errno (logged).
 */
int rte_bus_scan(void);

/**
 * Probe every scanned device not yet probed.
 * @return 0 on success, or the first negative errno (logged once, by the
 *   bus or the driver that failed).
 */
int rte_bus_probe(void);

/** Print the registered buses to @p f. */
void rte_bus_dump(FILE *f);

/** Bus comparison used by rte_bus_find(): 0 means "this one". */
typedef int (*rte_bus_cmp_t)(const struct rte_bus *bus, const void *data);

/**
 * @return the first bus after @p start (from the first when NULL) for which
 *   @p cmp returns 0, or NULL.
 */
struct rte_bus *rte_bus_find(const struct rte_bus *start, rte_bus_cmp_t cmp, const void *data);

/** @return the bus @p dev sits on, or NULL. */
struct rte_bus *rte_bus_find_by_device(const struct rte_device *dev);

/** @return the bus called @p busname, or NULL. */
struct rte_bus *rte_bus_find_by_name(const char *busname);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_BUS_H_ */
