/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Device strings: "[bus:]name[,args]" split into a struct rte_devargs.
 * A "bus:" prefix counts only when a registered bus has that name (so a
 * device name holding ':' still parses); the bus must then recognise the
 * name. Without one, the first bus whose parse op recognises the name
 * takes it. The argument string is copied into da->data, the one
 * allocation rte_devargs_reset() frees.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <string_view>

#include <rte_devargs.h>
#include <rte_errno.h>

#include "bus_driver.h"
#include "eal_log_macros.h"

namespace {

bool
bus_takes(const rte_bus *bus, const std::string &name)
{
	return bus->parse != nullptr && bus->parse(name.c_str()) == 0;
}

int
recognises(const struct rte_bus *bus, const void *name)
{
	return bus_takes(bus, *static_cast<const std::string *>(name)) ? 0 : 1;
}

/* The bus of a "bus:" prefix of @p s (then @p rest is what follows), or
 * NULL when @p s has none. */
rte_bus *
prefix_bus(std::string_view s, std::string_view &rest)
{
	size_t colon = s.find(':');
	if (colon == std::string_view::npos || colon > s.find(','))
		return nullptr;
	rte_bus *bus = rte_bus_find_by_name(std::string(s.substr(0, colon)).c_str());
	if (bus != nullptr)
		rest = s.substr(colon + 1);
	return bus;
}

int
fail(int err, const char *dev, const char *why)
{
	EAL_LOG(ERR, "device string '%s': %s", dev, why);
	rte_errno = -err;
	return err;
}

} // namespace

extern "C" int
rte_devargs_parse(struct rte_devargs *da, const char *dev)
{
	if (da == nullptr || dev == nullptr) {
		EAL_LOG(ERR, "rte_devargs_parse: %s is NULL", da == nullptr ? "da" : "the string");
		rte_errno = EINVAL;
		return -EINVAL;
	}
	memset(da, 0, sizeof(*da));
	std::string_view s(dev);
	if (s.starts_with(RTE_DEVARGS_KEY_BUS "=") || s.starts_with(RTE_DEVARGS_KEY_CLASS "="))
		return fail(-EINVAL, dev,
			    "the layered syntax (bus=...,class=...) is not supported; "
			    "give [bus:]name[,key=value...]");
	std::string_view rest = s;
	rte_bus *bus = prefix_bus(s, rest);
	std::string name(rest.substr(0, rest.find(',')));
	if (name.empty() || name.size() >= RTE_DEV_NAME_MAX_LEN)
		return fail(-EINVAL, dev,
			    "the device name is empty or longer than 63 characters; give "
			    "[bus:]name[,key=value...]");
	if (bus != nullptr && !bus_takes(bus, name))
		return fail(-EFAULT, dev,
			    "its bus does not recognise the device name (on the vdev bus a "
			    "driver name must start it, as in net_null0)");
	if (bus == nullptr)
		bus = rte_bus_find(nullptr, recognises, &name);
	if (bus == nullptr)
		return fail(-EFAULT, dev,
			    "no bus recognises the device name (on the vdev bus a driver "
			    "name must start it, as in net_null0)");
	std::string_view args = rest.size() > name.size() ? rest.substr(name.size() + 1) : "";
	da->data = strndup(args.data(), args.size());
	if (da->data == nullptr)
		return fail(-ENOMEM, dev, "no memory for its arguments");
	memcpy(da->name, name.c_str(), name.size() + 1);
	da->args = da->data;
	da->bus = bus;
	return 0;
}

extern "C" int
rte_devargs_parsef(struct rte_devargs *da, const char *format, ...)
{
	if (da == nullptr || format == nullptr) {
		EAL_LOG(ERR, "rte_devargs_parsef: %s is NULL", da == nullptr ? "da" : "format");
		rte_errno = EINVAL;
		return -EINVAL;
	}
	va_list ap;
	va_start(ap, format);
	char *dev = nullptr;
	int len = vasprintf(&dev, format, ap);
	va_end(ap);
	if (len < 0) {
		EAL_LOG(ERR, "rte_devargs_parsef: cannot format the device string (%s)",
			strerror(errno));
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	int ret = rte_devargs_parse(da, dev);
	free(dev);
	return ret;
}

extern "C" void
rte_devargs_reset(struct rte_devargs *da)
{
	if (da == nullptr)
		return;
	free(da->data);
	da->data = nullptr;
	da->args = nullptr;
}
