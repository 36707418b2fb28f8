/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Hot-plug, in every process at once (DPDK 22.11's semantics).
 *
 * The primary decides. A secondary's call goes to the primary
 * (dev_hotplug_mp.cpp), which runs the same steps as for its own call:
 *   attach: 1. attach here; 2. ask every secondary to attach (a secondary
 *           attaches the port through the shared port data); 3. if one
 *           failed or did not answer, detach in the secondaries and here.
 *   detach: 1. ask every secondary to detach; 2. detach here; 3. if
 *           anything failed, attach again in the secondaries.
 * A device already attached here is not attached again (-EEXIST), but the
 * secondaries are still asked, so that one that missed it gets it; a
 * rollback never takes away what was there before the call.
 *
 * Every process's state is its bus's device list; the only cross-process
 * state is the primary's lock, which makes hot-plugs one at a time.
 */

#include <errno.h>
#include <string.h>

#include <mutex>
#include <string>

#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "bus_driver.h"
#include "dev_private.h"
#include "eal_log_macros.h"

namespace dpkit::dev_detail {

namespace {

int
cmp_dev_name(const struct rte_device *dev, const void *name)
{
	return strcmp(dev->name, static_cast<const char *>(name));
}

/* The device @p devstr names, here; NULL when absent (not logged). */
rte_device *
find_here(const std::string &devstr, int *err)
{
	struct rte_devargs da;
	*err = rte_devargs_parse(&da, devstr.c_str());
	if (*err != 0)
		return nullptr;
	rte_device *dev = nullptr;
	if (da.bus->find_device == nullptr || da.bus->unplug == nullptr) {
		EAL_LOG(ERR, "hotplug remove %s: bus %s cannot remove devices", da.name,
			da.bus->name);
		*err = -ENOTSUP;
	} else {
		dev = da.bus->find_device(nullptr, cmp_dev_name, da.name);
		*err = dev == nullptr ? -ENOENT : 0;
	}
	rte_devargs_reset(&da);
	return dev;
}

/* "bus:name[,args]" of a parsed device string: what travels. */
std::string
canonical(const struct rte_devargs &da)
{
	std::string s = std::string(da.bus->name) + ":" + da.name;
	if (da.args != nullptr && da.args[0] != '\0')
		s += std::string(",") + da.args;
	return s;
}

int
hotplug(hp_op op, const std::string &devstr)
{
	if (devstr.size() >= hp_devstr_max && other_processes()) {
		EAL_LOG(ERR,
			"hotplug %s: the device string is longer than %zu characters, too long "
			"to send to the other processes; shorten its arguments",
			devstr.c_str(), hp_devstr_max - 1);
		return -E2BIG;
	}
	if (rte_eal_process_type() == RTE_PROC_SECONDARY)
		return to_primary(op, devstr);
	std::lock_guard<std::mutex> guard(primary_lock());
	return op == hp_op::attach ? primary_attach(devstr) : primary_detach(devstr);
}

/* Parse here (so that a mistake is reported in the caller's process),
 * then attach everywhere. */
int
attach_string(const char *devstr)
{
	struct rte_devargs da;
	int ret = rte_devargs_parse(&da, devstr);
	/* rte_dev.h promises -EINVAL when no bus takes the name */
	if (ret != 0)
		return ret == -EFAULT ? -EINVAL : ret;
	std::string s = canonical(da);
	rte_devargs_reset(&da);
	return hotplug(hp_op::attach, s);
}

} // namespace

int
local_attach(const std::string &devstr)
{
	struct rte_devargs da;
	int ret = rte_devargs_parse(&da, devstr.c_str());
	if (ret != 0)
		return ret;
	if (da.bus->plug == nullptr) {
		EAL_LOG(ERR, "hotplug add %s: bus %s cannot add devices", da.name, da.bus->name);
		ret = -ENOTSUP;
	} else {
		ret = da.bus->plug(da.name, da.args); /* the bus or driver logs a failure */
	}
	rte_devargs_reset(&da);
	return ret;
}

bool
is_here(const std::string &devstr)
{
	int err;
	return find_here(devstr, &err) != nullptr;
}

int
local_detach(const std::string &devstr)
{
	int err;
	rte_device *dev = find_here(devstr, &err);
	return dev == nullptr ? err : dev->bus->unplug(dev);
}

std::mutex &
primary_lock()
{
	static std::mutex lock;
	return lock;
}

/* One line on why the secondaries made a hot-plug fail. */
static void
log_secondary_failure(const char *what, const std::string &devstr, int result, int who,
		      const char *undo)
{
	if (result != 0)
		EAL_LOG(ERR, "hotplug %s %s: secondary process %d failed (%s); %s", what,
			devstr.c_str(), who, rte_strerror(-result), undo);
	else
		EAL_LOG(ERR, "hotplug %s %s: a secondary process did not answer; %s", what,
			devstr.c_str(), undo);
}

int
primary_attach(const std::string &devstr)
{
	int here = local_attach(devstr);
	if (here != 0 && here != -EEXIST)
		return here;
	int result = 0, who = 0;
	int ret = to_secondaries(hp_op::attach, devstr, &result, &who);
	if (ret == 0 && result == 0)
		return here; /* 0, or -EEXIST: it was here before */
	log_secondary_failure("add", devstr, result, who,
			      here == 0 ? "detached it again in every process"
					: "it was here before the call and stays");
	if (here == 0) {
		int ignored;
		to_secondaries(hp_op::attach_rollback, devstr, &ignored, &who);
		local_detach(devstr);
	}
	return ret == 0 ? result : ret;
}

int
primary_detach(const std::string &devstr)
{
	int ret;
	if (find_here(devstr, &ret) == nullptr) {
		if (ret == -ENOENT)
			EAL_LOG(ERR, "hotplug remove %s: no such device in the primary process",
				devstr.c_str());
		return ret;
	}
	int result = 0, who = 0;
	ret = to_secondaries(hp_op::detach, devstr, &result, &who);
	if (ret == 0 && result == 0) {
		ret = local_detach(devstr); /* the driver logs a failure */
		if (ret == 0)
			return 0;
	} else {
		log_secondary_failure("remove", devstr, result, who,
				      "attached it again where it was detached");
		ret = ret == 0 ? result : ret;
	}
	int ignored;
	to_secondaries(hp_op::detach_rollback, devstr, &ignored, &who);
	return ret;
}

} // namespace dpkit::dev_detail

using namespace dpkit::dev_detail;

extern "C" int
rte_dev_probe(const char *devargs)
{
	if (devargs == nullptr || devargs[0] == '\0') {
		EAL_LOG(ERR, "device probe: empty device string; give "
			     "\"[bus:]name[,key=value...]\"");
		return -EINVAL;
	}
	return attach_string(devargs);
}

extern "C" int
rte_eal_hotplug_add(const char *busname, const char *devname, const char *drvargs)
{
	if (busname == nullptr || devname == nullptr) {
		EAL_LOG(ERR, "hotplug add: bus or device name is NULL");
		return -EINVAL;
	}
	rte_bus *b = rte_bus_find_by_name(busname);
	if (b == nullptr || b->plug == nullptr) {
		EAL_LOG(ERR, "hotplug add %s: no bus '%s' that can add devices; use \"vdev\"",
			devname, busname);
		return -ENOENT;
	}
	std::string s = std::string(busname) + ":" + devname;
	if (drvargs != nullptr && drvargs[0] != '\0')
		s += std::string(",") + drvargs;
	return attach_string(s.c_str());
}

extern "C" int
rte_dev_remove(struct rte_device *dev)
{
	if (dev == nullptr) {
		EAL_LOG(ERR, "device remove: device is NULL");
		return -EINVAL;
	}
	if (dev->driver == nullptr || dev->bus == nullptr || dev->bus->unplug == nullptr) {
		EAL_LOG(ERR, "device remove %s: device is not probed", dev->name ? dev->name : "?");
		return -ENOENT;
	}
	return hotplug(hp_op::detach, std::string(dev->bus->name) + ":" + dev->name);
}

extern "C" int
rte_eal_hotplug_remove(const char *busname, const char *devname)
{
	if (busname == nullptr || devname == nullptr) {
		EAL_LOG(ERR, "hotplug remove: bus or device name is NULL");
		return -EINVAL;
	}
	rte_bus *b = rte_bus_find_by_name(busname);
	if (b == nullptr || b->find_device == nullptr || b->unplug == nullptr) {
		EAL_LOG(ERR, "hotplug remove %s: no bus '%s' that can remove devices", devname,
			busname);
		return -ENOENT;
	}
	rte_device *dev = b->find_device(nullptr, cmp_dev_name, devname);
	if (dev == nullptr) {
		EAL_LOG(ERR, "hotplug remove: no device %s on bus %s", devname, busname);
		return -ENOENT;
	}
	return rte_dev_remove(dev);
}
