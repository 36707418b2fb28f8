/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The vdev bus. A device is a name plus an argument string; its driver is
 * the registered driver whose name (or alias) is the longest prefix of the
 * device name. Devices come from three places, all ending in probe_one():
 *   - the --vdev strings the EAL stored (scan: collected; probe: probed),
 *   - custom scan callbacks, which call rte_vdev_init(),
 *   - rte_vdev_init() / rte_dev_probe() at run time.
 * A device whose probe fails is forgotten at once, so the list only holds
 * devices that are probed or waiting for the probe phase.
 *
 * Locking: one recursive mutex over drivers and devices, held across a
 * driver's probe/remove (a driver may create sub-devices with
 * rte_vdev_init() from its probe). Scan callbacks run without it.
 *
 * A secondary process's scan adds the primary's probed devices first
 * (vdev_mp.cpp); their drivers then attach to the primary's ports.
 */

#include <string.h>

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include <bus_driver.h>
#include <eal_devargs.h>

#include "bus_vdev_driver.h"
#include "vdev_private.h"

/* One line per call: the macro appends the newline. */
#define VDEV_LOG(level, fmt, ...) RTE_LOG(level, EAL, "vdev: " fmt "\n", ##__VA_ARGS__)

namespace {

struct vdev_entry {
	rte_vdev_device vdev = {};
	std::string name;
	std::string args;
	rte_vdev_driver *forced = nullptr; /* driver chosen by the creator, not by name */
	bool probed = false;
	bool from_primary = false; /* a secondary's copy of the primary's device */
};

struct vdev_bus_state {
	std::recursive_mutex lock;
	std::vector<rte_vdev_driver *> drivers;
	std::vector<std::pair<std::string, std::string>> aliases; /* name, alias */
	std::list<std::unique_ptr<vdev_entry>> devices;
	std::vector<std::pair<rte_vdev_scan_callback, void *>> scan_cbs;
	size_t cmdline_scanned = 0; /* --vdev strings already turned into devices */
	/* probed devices for other processes; a leaf lock, never held while
	 * waiting, so the IPC thread can read it while a probe holds lock */
	std::mutex names_lock;
	std::vector<dpkit::vdev_detail::device_name> probed_names;
};

/* Never destroyed: the IPC thread (vdev_mp.cpp) may still read it while
 * exit() runs static destructors in a program that never called
 * rte_eal_cleanup() (DPDK's examples exit from their signal handler). */
vdev_bus_state &
st()
{
	static vdev_bus_state *s = new vdev_bus_state;
	return *s;
}

extern struct rte_bus vdev_bus;

const char *
alias_of(const rte_vdev_driver *drv)
{
	if (drv->driver.alias != nullptr)
		return drv->driver.alias;
	for (const auto &[name, alias] : st().aliases)
		if (name == drv->driver.name)
			return alias.c_str();
	return nullptr;
}

/* The driver whose name or alias is the longest prefix of @p devname. */
rte_vdev_driver *
driver_for(const std::string &devname)
{
	rte_vdev_driver *best = nullptr;
	size_t best_len = 0;
	for (rte_vdev_driver *drv : st().drivers) {
		for (const char *n : {drv->driver.name, alias_of(drv)}) {
			if (n == nullptr)
				continue;
			size_t len = strlen(n);
			if (len > best_len && devname.compare(0, len, n) == 0) {
				best = drv;
				best_len = len;
			}
		}
	}
	return best;
}

std::string
known_drivers()
{
	std::string s;
	for (rte_vdev_driver *drv : st().drivers) {
		if (!s.empty())
			s += ", ";
		s += drv->driver.name;
		if (const char *a = alias_of(drv))
			s += std::string(" (") + a + ")";
	}
	return s.empty() ? "none" : s;
}

vdev_entry *
find_entry(const std::string &name)
{
	for (auto &e : st().devices)
		if (e->name == name)
			return e.get();
	return nullptr;
}

bool
name_ok(const std::string &name, const char *context)
{
	if (name.empty() || name.size() >= RTE_DEV_NAME_MAX_LEN) {
		VDEV_LOG(ERR,
			 "%s '%s': device name is empty or longer than %d characters; "
			 "give <driver><n>[,key=value...]",
			 context, name.c_str(), RTE_DEV_NAME_MAX_LEN - 1);
		return false;
	}
	return true;
}

/* Add an unprobed device; the caller holds the lock and checked the name. */
vdev_entry *
add_entry(const std::string &name, const std::string &args)
{
	auto e = std::make_unique<vdev_entry>();
	e->name = name;
	e->args = args;
	e->vdev.device.name = e->name.c_str();
	e->vdev.device.bus = &vdev_bus;
	e->vdev.device.numa_node = (int)rte_socket_id();
	e->vdev.args = e->args.c_str();
	vdev_entry *raw = e.get();
	st().devices.push_back(std::move(e));
	return raw;
}

void
erase_entry(vdev_entry *e)
{
	if (e->probed) {
		std::lock_guard<std::mutex> guard(st().names_lock);
		std::erase_if(st().probed_names, [e](const auto &n) { return n.first == e->name; });
	}
	st().devices.remove_if([e](const std::unique_ptr<vdev_entry> &p) { return p.get() == e; });
}

/*
 * Probe one device. On failure the device is forgotten and exactly one
 * error line exists: ours for "no driver", the driver's otherwise.
 */
int
probe_one(vdev_entry *e)
{
	rte_vdev_driver *drv = e->forced ? e->forced : driver_for(e->name);
	if (drv == nullptr) {
		VDEV_LOG(ERR,
			 "device %s: no driver name is a prefix of it (drivers: %s); "
			 "check the --vdev name",
			 e->name.c_str(), known_drivers().c_str());
		erase_entry(e);
		return -EINVAL;
	}
	e->vdev.device.driver = &drv->driver;
	int ret = drv->probe(&e->vdev);
	if (ret != 0) {
		VDEV_LOG(DEBUG, "device %s: driver %s probe returned %d", e->name.c_str(),
			 drv->driver.name, ret);
		erase_entry(e);
		return ret < 0 ? ret : -EINVAL;
	}
	e->probed = true;
	std::lock_guard<std::mutex> guard(st().names_lock);
	st().probed_names.emplace_back(e->name, drv->driver.name);
	return 0;
}

int
remove_one(vdev_entry *e)
{
	if (e->probed) {
		auto *drv = container_of(e->vdev.device.driver, const rte_vdev_driver, driver);
		if (drv->remove == nullptr) {
			VDEV_LOG(ERR, "device %s: driver %s cannot remove devices", e->name.c_str(),
				 drv->driver.name);
			return -ENOTSUP;
		}
		int ret = drv->remove(&e->vdev);
		if (ret != 0) {
			VDEV_LOG(ERR, "device %s: driver %s failed to remove it (%s)",
				 e->name.c_str(), drv->driver.name, rte_strerror(-ret));
			return ret;
		}
	}
	erase_entry(e);
	return 0;
}

/* ---- bus operations ---- */

rte_vdev_driver *
driver_named(const std::string &name)
{
	for (rte_vdev_driver *d : st().drivers)
		if (name == d->driver.name)
			return d;
	return nullptr;
}

/* Secondary: take over the primary's devices (their drivers attach). */
int
scan_primary(void)
{
	std::vector<dpkit::vdev_detail::device_name> devs;
	int ret = dpkit::vdev_detail::mp_primary_devices(devs);
	if (ret != 0)
		return ret;
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	for (const auto &[name, driver] : devs) {
		if (find_entry(name) != nullptr)
			continue; /* a later scan */
		rte_vdev_driver *drv = driver_named(driver);
		if (drv == nullptr) {
			VDEV_LOG(ERR,
				 "device %s of the primary process: driver %s is not in this "
				 "process; the device is not available here",
				 name.c_str(), driver.c_str());
			continue;
		}
		vdev_entry *e = add_entry(name, "");
		e->forced = drv;
		e->from_primary = true;
	}
	return 0;
}

int
vdev_scan(void)
{
	if (rte_eal_process_type() == RTE_PROC_SECONDARY) {
		int ret = scan_primary();
		if (ret != 0)
			return ret;
	} else {
		dpkit::vdev_detail::mp_serve_start();
	}

	/* 1. custom scans, unlocked: they call rte_vdev_init() */
	std::vector<std::pair<rte_vdev_scan_callback, void *>> cbs;
	{
		std::lock_guard<std::recursive_mutex> guard(st().lock);
		cbs = st().scan_cbs;
	}
	for (auto &[cb, arg] : cbs)
		cb(arg);

	/* 2. --vdev strings not seen by an earlier scan */
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	const auto &vdevs = dpkit::eal_internal::vdev_args();
	for (; st().cmdline_scanned < vdevs.size(); st().cmdline_scanned++) {
		const std::string &s = vdevs[st().cmdline_scanned];
		size_t comma = s.find(',');
		std::string name = s.substr(0, comma);
		std::string args = comma == std::string::npos ? "" : s.substr(comma + 1);
		if (!name_ok(name, "--vdev"))
			return -EINVAL;
		vdev_entry *known = find_entry(name);
		if (known != nullptr && known->from_primary)
			continue; /* the primary's device: attach to it, as in DPDK */
		if (known != nullptr) {
			VDEV_LOG(ERR,
				 "--vdev %s: a device of that name already exists; give "
				 "each device a distinct name (net_null0, net_null1...)",
				 name.c_str());
			return -EEXIST;
		}
		add_entry(name, args);
	}
	return 0;
}

int
vdev_probe(void)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	std::vector<vdev_entry *> todo;
	for (auto &e : st().devices)
		if (!e->probed)
			todo.push_back(e.get());
	for (vdev_entry *e : todo) {
		bool from_primary = e->from_primary;
		int ret = probe_one(e);
		/* a primary's device this process cannot use was reported by its
		 * driver and is left out; the process goes on without it */
		if (ret != 0 && !from_primary)
			return ret;
	}
	return 0;
}

struct rte_device *
vdev_find_device(const struct rte_device *start, rte_dev_cmp_t cmp, const void *data)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	bool started = start == nullptr;
	for (auto &e : st().devices) {
		if (!started) {
			started = &e->vdev.device == start;
			continue;
		}
		if (cmp(&e->vdev.device, data) == 0)
			return &e->vdev.device;
	}
	return nullptr;
}

int
vdev_parse(const char *name)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	return driver_for(name) != nullptr ? 0 : 1;
}

int
vdev_plug(const char *name, const char *args)
{
	return rte_vdev_init(name, args);
}

int
vdev_unplug(struct rte_device *dev)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	for (auto &e : st().devices)
		if (&e->vdev.device == dev)
			return remove_one(e.get());
	VDEV_LOG(ERR, "unplug: device %p is not on the vdev bus", (void *)dev);
	return -ENOENT;
}

int
vdev_cleanup(void)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	int first_error = 0;
	while (!st().devices.empty()) {
		vdev_entry *e = st().devices.back().get();
		int ret = remove_one(e);
		if (ret != 0) {
			if (first_error == 0)
				first_error = ret;
			erase_entry(e); /* give up on it; cleanup must end */
		}
	}
	st().cmdline_scanned = 0;
	return first_error;
}

struct rte_bus vdev_bus = {
	nullptr,    vdev_scan, vdev_probe,  vdev_find_device,
	vdev_parse, vdev_plug, vdev_unplug, vdev_cleanup,
};

} // namespace

RTE_REGISTER_BUS(vdev, vdev_bus);

std::vector<dpkit::vdev_detail::device_name>
dpkit::vdev_detail::probed_devices()
{
	std::lock_guard<std::mutex> guard(st().names_lock);
	return st().probed_names;
}

/* ---- drivers ---- */

extern "C" void
rte_vdev_register(struct rte_vdev_driver *driver)
{
	if (driver == nullptr || driver->driver.name == nullptr || driver->probe == nullptr) {
		VDEV_LOG(ERR, "driver registration without name or probe ignored");
		return;
	}
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	st().drivers.push_back(driver);
}

extern "C" void
rte_vdev_unregister(struct rte_vdev_driver *driver)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	std::erase(st().drivers, driver);
}

extern "C" void
dpkit_vdev_register_alias(const char *name, const char *alias)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	st().aliases.emplace_back(name, alias);
}

/* ---- application API ---- */

extern "C" int
rte_vdev_add_custom_scan(rte_vdev_scan_callback callback, void *user_arg)
{
	if (callback == nullptr) {
		VDEV_LOG(ERR, "custom scan: callback is NULL");
		return -EINVAL;
	}
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	for (const auto &[cb, arg] : st().scan_cbs)
		if (cb == callback && arg == user_arg)
			return 0;
	st().scan_cbs.emplace_back(callback, user_arg);
	return 0;
}

extern "C" int
rte_vdev_remove_custom_scan(rte_vdev_scan_callback callback, void *user_arg)
{
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	size_t removed = std::erase_if(st().scan_cbs, [&](const auto &p) {
		return p.first == callback && (user_arg == (void *)-1 || p.second == user_arg);
	});
	return removed > 0 ? 0 : -ENOENT;
}

extern "C" int
rte_vdev_init(const char *name, const char *args)
{
	if (name == nullptr) {
		VDEV_LOG(ERR, "init: device name is NULL");
		return -EINVAL;
	}
	if (!name_ok(name, "init"))
		return -EINVAL;
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	if (find_entry(name) != nullptr) {
		VDEV_LOG(ERR, "init %s: device already exists; rte_vdev_uninit() it first", name);
		return -EEXIST;
	}
	return probe_one(add_entry(name, args == nullptr ? "" : args));
}

extern "C" void
dpkit_vdev_dump(FILE *f)
{
	if (f == nullptr)
		return;
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	fprintf(f, "User device list:\n");
	for (const auto &e : st().devices)
		fprintf(f, "  [vdev]: %s %s\n", e->name.c_str(), e->args.c_str());
}

extern "C" int
dpkit_vdev_init_with_driver(const char *drv_name, const char *name, const char *args)
{
	if (drv_name == nullptr || name == nullptr || !name_ok(name, "init"))
		return -EINVAL;
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	rte_vdev_driver *drv = nullptr;
	for (rte_vdev_driver *d : st().drivers)
		if (strcmp(d->driver.name, drv_name) == 0)
			drv = d;
	if (drv == nullptr) {
		VDEV_LOG(ERR, "init %s: no driver called %s", name, drv_name);
		return -EINVAL;
	}
	if (find_entry(name) != nullptr) {
		VDEV_LOG(ERR, "init %s: device already exists; rte_vdev_uninit() it first", name);
		return -EEXIST;
	}
	vdev_entry *e = add_entry(name, args == nullptr ? "" : args);
	e->forced = drv;
	return probe_one(e);
}

extern "C" int
rte_vdev_uninit(const char *name)
{
	if (name == nullptr) {
		VDEV_LOG(ERR, "uninit: device name is NULL");
		return -EINVAL;
	}
	std::lock_guard<std::recursive_mutex> guard(st().lock);
	vdev_entry *e = find_entry(name);
	if (e == nullptr) {
		VDEV_LOG(ERR, "uninit %s: no such device", name);
		return -ENOENT;
	}
	return remove_one(e);
}
