/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_tap device arguments, as DPDK 22.11 takes them:
 *   iface=<name>   the kernel interface (default dtap<N>, N chosen by the kernel)
 *   mac=fixed      02:64:74:61:70:<'0' + n> ("dtap"), n counting such ports
 *   mac=<address>  that address
 *   persist        keep the interface when the port closes (a bare key, or persist=1)
 * remote= (TC redirection from another interface) is refused with a line
 * saying so. Every refusal is one line naming the argument.
 */

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include <atomic>
#include <string>

#include <rte_kvargs.h>
#include <rte_log.h>

#include <bus_vdev_driver.h>

#include "tap_private.h"

extern int net_tap_logtype;
#define TAP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_tap_logtype, "net_tap: " fmt "\n", ##__VA_ARGS__)

namespace dpkit::tap_detail {

namespace {

const char *const keys[] = {"iface", "mac", "persist", "remote", nullptr};

/* The argument string with a bare "persist" written as "persist=1", so that
 * the common key=value checks accept DPDK's flag form. */
std::string
with_persist_value(const char *args)
{
	std::string out, item;
	std::string s = args;
	size_t start = 0;
	while (start <= s.size()) {
		size_t comma = s.find(',', start);
		if (comma == std::string::npos)
			comma = s.size();
		item = s.substr(start, comma - start);
		if (item == "persist")
			item = "persist=1";
		out += (out.empty() && start == 0 ? "" : ",") + item;
		start = comma + 1;
	}
	return out;
}

/* Linux's rules for an interface name (dev_valid_name). */
bool
valid_iface(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len >= IF_NAMESIZE || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == ':' || isspace((unsigned char)name[i]))
			return false;
	return true;
}

int
parse_mac(const char *dev, const char *value, struct rte_ether_addr *mac)
{
	static std::atomic<uint8_t> fixed_count{0};
	if (strcmp(value, "fixed") == 0) {
		const uint8_t b[RTE_ETHER_ADDR_LEN] = {
			0x02, 'd',
			't',  'a',
			'p',  (uint8_t)('0' + fixed_count.fetch_add(1, std::memory_order_relaxed))};
		memcpy(mac->addr_bytes, b, sizeof(b));
		return 0;
	}
	if (rte_ether_unformat_addr(value, mac) != 0 || !rte_is_valid_assigned_ether_addr(mac)) {
		TAP_LOG(ERR,
			"%s: argument 'mac=%s': give mac=fixed or a unicast address "
			"xx:xx:xx:xx:xx:xx",
			dev, value);
		return -EINVAL;
	}
	return 0;
}

} // namespace

int
parse_args(struct rte_vdev_device *vdev, args *a)
{
	const char *dev = rte_vdev_device_name(vdev);
	std::string normalized = with_persist_value(rte_vdev_device_args(vdev));
	struct rte_vdev_device copy = *vdev;
	copy.args = normalized.c_str();
	struct rte_kvargs *kv = dpkit_vdev_parse_args(&copy, keys);
	if (kv == nullptr)
		return -EINVAL;
	char mac[64] = "", remote[64] = "";
	uint64_t persist = 0;
	snprintf(a->iface, sizeof(a->iface), "%s", default_name);
	int ret = dpkit_vdev_arg_string(&copy, kv, "iface", a->iface, sizeof(a->iface));
	if (ret == 0)
		ret = dpkit_vdev_arg_string(&copy, kv, "mac", mac, sizeof(mac));
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(&copy, kv, "persist", 1, 1, &persist);
	if (ret == 0)
		ret = dpkit_vdev_arg_string(&copy, kv, "remote", remote, sizeof(remote));
	bool has_remote = rte_kvargs_count(kv, "remote") != 0;
	rte_kvargs_free(kv);
	if (ret != 0)
		return ret;
	if (has_remote) {
		TAP_LOG(ERR,
			"%s: argument 'remote=%s' is not supported (no TC redirection); "
			"capture that interface with net_pcap or net_af_packet",
			dev, remote);
		return -EINVAL;
	}
	if (strcmp(a->iface, default_name) != 0 && !valid_iface(a->iface)) {
		TAP_LOG(ERR,
			"%s: argument 'iface=%s' is not an interface name (1 to %d "
			"characters, no '/', ':' or space)",
			dev, a->iface, IF_NAMESIZE - 1);
		return -EINVAL;
	}
	if (mac[0] != '\0' && parse_mac(dev, mac, &a->mac) != 0)
		return -EINVAL;
	a->persist = persist != 0;
	return 0;
}

} // namespace dpkit::tap_detail
