/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The bus list and the generic device calls. Buses register from load-time
 * constructors, so the list is a function-local static (constructed on first
 * use, whatever the constructor order). It is read-only after load, which is
 * why scans and probes walk it without a lock; each bus protects its own
 * device list.
 */

#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_log.h>

#include "bus_driver.h"
#include "eal_log_macros.h"

namespace {

std::vector<rte_bus *> &
buses()
{
	static std::vector<rte_bus *> list;
	return list;
}

rte_bus *
bus_named(const std::string &name)
{
	for (rte_bus *b : buses())
		if (name == b->name)
			return b;
	return nullptr;
}

} // namespace

extern "C" void
rte_bus_register(struct rte_bus *bus)
{
	if (bus == nullptr || bus->name == nullptr || bus->scan == nullptr ||
	    bus->probe == nullptr) {
		EAL_LOG(ERR, "bus registration without name, scan or probe ignored; "
			     "fill them before RTE_REGISTER_BUS");
		return;
	}
	buses().push_back(bus);
}

extern "C" const char *
rte_bus_name(const struct rte_bus *bus)
{
	return bus == nullptr ? nullptr : bus->name;
}

extern "C" int
rte_bus_scan(void)
{
	for (rte_bus *b : buses()) {
		int ret = b->scan();
		if (ret < 0)
			return ret; /* the bus logged why */
	}
	return 0;
}

extern "C" int
rte_bus_probe(void)
{
	for (rte_bus *b : buses()) {
		int ret = b->probe();
		if (ret < 0)
			return ret; /* the bus or the driver logged why */
	}
	return 0;
}

extern "C" int
dpkit_bus_cleanup(void)
{
	int first_error = 0;
	const std::vector<rte_bus *> &list = buses();
	/* last registered first */
	for (size_t i = list.size(); i-- > 0;) {
		rte_bus *b = list[i];
		if (b->cleanup == nullptr)
			continue;
		int ret = b->cleanup();
		if (ret < 0 && first_error == 0)
			first_error = ret;
	}
	return first_error;
}

extern "C" void
rte_bus_dump(FILE *f)
{
	if (f == nullptr)
		return;
	for (rte_bus *b : buses())
		fprintf(f, "%s\n", b->name);
}

extern "C" struct rte_bus *
rte_bus_find(const struct rte_bus *start, rte_bus_cmp_t cmp, const void *data)
{
	if (cmp == nullptr)
		return nullptr;
	bool started = start == nullptr;
	for (rte_bus *b : buses()) {
		if (!started) {
			started = b == start;
			continue;
		}
		if (cmp(b, data) == 0)
			return b;
	}
	return nullptr;
}

extern "C" struct rte_bus *
rte_bus_find_by_device(const struct rte_device *dev)
{
	if (dev == nullptr)
		return nullptr;
	for (rte_bus *b : buses())
		if (b == dev->bus)
			return b;
	return nullptr;
}

extern "C" struct rte_bus *
rte_bus_find_by_name(const char *busname)
{
	return busname == nullptr ? nullptr : bus_named(busname);
}

/* ---- generic device accessors ---- */

extern "C" const char *
rte_driver_name(const struct rte_driver *driver)
{
	return driver == nullptr ? nullptr : driver->name;
}

extern "C" const struct rte_bus *
rte_dev_bus(const struct rte_device *dev)
{
	return dev == nullptr ? nullptr : dev->bus;
}

extern "C" const char *
rte_dev_bus_info(const struct rte_device *dev)
{
	return dev == nullptr ? nullptr : dev->bus_info;
}

extern "C" const struct rte_driver *
rte_dev_driver(const struct rte_device *dev)
{
	return dev == nullptr ? nullptr : dev->driver;
}

extern "C" const char *
rte_dev_name(const struct rte_device *dev)
{
	return dev == nullptr ? nullptr : dev->name;
}

extern "C" int
rte_dev_numa_node(const struct rte_device *dev)
{
	return dev == nullptr ? -1 : dev->numa_node;
}

extern "C" int
rte_dev_is_probed(const struct rte_device *dev)
{
	return dev != nullptr && dev->driver != nullptr;
}
