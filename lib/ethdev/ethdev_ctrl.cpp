/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Per-port settings after configure: receive modes, MTU, MAC address table,
 * RSS, packet types, link state and the text forms of speeds and offloads.
 * Pattern of every call: validate port -> validate arguments -> -ENOTSUP if
 * the driver lacks the op -> call the op -> record the new state in the port
 * data only when the op succeeded.
 */

#include <atomic>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>

#include "ethdev_private.h"

using namespace dpkit::ethdev_detail;

#ifndef RTE_PTYPE_UNKNOWN
#define RTE_PTYPE_UNKNOWN 0x00000000
#endif
#ifndef RTE_PTYPE_ALL_MASK
#define RTE_PTYPE_ALL_MASK 0x0fffffff
#endif

/* ---- promiscuous and all-multicast ---- */

namespace {

/*
 * The calls that only pass through to the driver: a valid port (-ENODEV),
 * then, when @p arg_name is given, a non-NULL @p arg (-EINVAL), then the
 * op (-ENOTSUP when the driver lacks it) and its result.
 */
template <typename Fn, typename... Args>
int
pass_through(uint16_t port_id, const char *what, const char *arg_name, const void *arg,
	     Fn eth_dev_ops::*op, Args... args)
{
	struct rte_eth_dev *dev = valid_dev(port_id, what);
	if (dev == nullptr)
		return -ENODEV;
	if (arg_name != nullptr && arg == nullptr) {
		ETHDEV_LOG(ERR, "%s port %u: %s is NULL", what, port_id, arg_name);
		return -EINVAL;
	}
	Fn fn = dev->dev_ops->*op;
	if (fn == nullptr)
		return -ENOTSUP;
	return fn(dev, args...);
}

int
set_rx_mode(uint16_t port_id, bool promisc, bool on)
{
	const char *what = promisc ? (on ? "promiscuous enable" : "promiscuous disable")
				   : (on ? "allmulticast enable" : "allmulticast disable");
	struct rte_eth_dev *dev = valid_dev(port_id, what);
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, what))
		return -E_RTE_SECONDARY;
	const struct eth_dev_ops *ops = dev->dev_ops;
	eth_promisc_t op = promisc ? (on ? ops->promiscuous_enable : ops->promiscuous_disable)
				   : (on ? ops->allmulticast_enable : ops->allmulticast_disable);
	bool now = promisc ? dev->data->promiscuous : dev->data->all_multicast;
	if (now == on)
		return 0;
	if (op == nullptr)
		return -ENOTSUP;
	int ret = op(dev);
	if (ret != 0) {
		ETHDEV_LOG(ERR, "%s port %u: driver failed (%s)", what, port_id,
			   rte_strerror(-ret));
		return ret;
	}
	if (promisc)
		dev->data->promiscuous = on;
	else
		dev->data->all_multicast = on;
	return 0;
}

int
get_rx_mode(uint16_t port_id, bool promisc)
{
	struct rte_eth_dev *dev = valid_dev(port_id,
					    promisc ? "promiscuous get" : "allmulticast get");
	if (dev == nullptr)
		return -1;
	return promisc ? dev->data->promiscuous : dev->data->all_multicast;
}

} // namespace

/* rte_eth_promiscuous_{enable,disable,get} and rte_eth_allmulticast_{...}:
 * the two modes differ only in which op and which flag they use. */
#define RX_MODE_API(mode, promisc) \
	extern "C" int rte_eth_##mode##_enable(uint16_t port_id) \
	{ \
		return set_rx_mode(port_id, promisc, true); \
	} \
	extern "C" int rte_eth_##mode##_disable(uint16_t port_id) \
	{ \
		return set_rx_mode(port_id, promisc, false); \
	} \
	extern "C" int rte_eth_##mode##_get(uint16_t port_id) \
	{ \
		return get_rx_mode(port_id, promisc); \
	}

RX_MODE_API(promiscuous, true)
RX_MODE_API(allmulticast, false)

#undef RX_MODE_API

/* ---- MTU ---- */

extern "C" int
rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "get MTU");
	if (dev == nullptr)
		return -ENODEV;
	if (mtu == nullptr) {
		ETHDEV_LOG(ERR, "get MTU port %u: mtu pointer is NULL", port_id);
		return -EINVAL;
	}
	*mtu = dev->data->mtu;
	return 0;
}

extern "C" int
rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "set MTU");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "set MTU"))
		return -E_RTE_SECONDARY;
	if (dev->dev_ops->mtu_set == nullptr)
		return -ENOTSUP;
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	if (mtu < info.min_mtu || mtu > info.max_mtu) {
		ETHDEV_LOG(ERR, "set MTU port %u: %u outside [%u, %u]", port_id, mtu, info.min_mtu,
			   info.max_mtu);
		return -EINVAL;
	}
	ret = dev->dev_ops->mtu_set(dev, mtu);
	if (ret != 0) {
		ETHDEV_LOG(ERR, "set MTU port %u to %u: driver failed (%s)", port_id, mtu,
			   rte_strerror(-ret));
		return ret;
	}
	dev->data->mtu = mtu;
	dev->data->dev_conf.rxmode.mtu = mtu;
	return 0;
}

/* ---- MAC address table ---- */

namespace {

/* Index of @p addr in the port table, -1 if absent. */
int
mac_index(struct rte_eth_dev *dev, const struct rte_ether_addr *addr, uint32_t max)
{
	if (dev->data->mac_addrs == nullptr)
		return -1;
	for (uint32_t i = 0; i < max; i++)
		if (rte_is_same_ether_addr(&dev->data->mac_addrs[i], addr))
			return (int)i;
	return -1;
}

} // namespace

extern "C" int
rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "MAC address get");
	if (dev == nullptr)
		return -ENODEV;
	if (mac_addr == nullptr) {
		ETHDEV_LOG(ERR, "MAC address get port %u: output pointer is NULL", port_id);
		return -EINVAL;
	}
	if (dev->data->mac_addrs == nullptr)
		memset(mac_addr, 0, sizeof(*mac_addr));
	else
		*mac_addr = dev->data->mac_addrs[0];
	return 0;
}

extern "C" int
rte_eth_macaddrs_get(uint16_t port_id, struct rte_ether_addr *ma, unsigned int num)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "MAC addresses get");
	if (dev == nullptr)
		return -ENODEV;
	if (ma == nullptr) {
		ETHDEV_LOG(ERR, "MAC addresses get port %u: output array is NULL", port_id);
		return -EINVAL;
	}
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	unsigned int n = RTE_MIN(num, info.max_mac_addrs);
	if (dev->data->mac_addrs == nullptr)
		n = 0;
	memcpy(ma, dev->data->mac_addrs, n * sizeof(*ma));
	return (int)n;
}

extern "C" int
rte_eth_dev_mac_addr_add(uint16_t port_id, struct rte_ether_addr *addr, uint32_t pool)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "MAC address add");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "MAC address add"))
		return -E_RTE_SECONDARY;
	if (addr == nullptr || rte_is_zero_ether_addr(addr) || pool >= RTE_ETH_64_POOLS) {
		ETHDEV_LOG(ERR,
			   "MAC address add port %u: address is NULL or all zero, or "
			   "pool %u >= %d",
			   port_id, pool, RTE_ETH_64_POOLS);
		return -EINVAL;
	}
	if (dev->dev_ops->mac_addr_add == nullptr || dev->data->mac_addrs == nullptr)
		return -ENOTSUP;
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	uint32_t max = RTE_MIN(info.max_mac_addrs, (uint32_t)RTE_ETH_NUM_RECEIVE_MAC_ADDR);
	int index = mac_index(dev, addr, max);
	if (index >= 0 && (dev->data->mac_pool_sel[index] & RTE_BIT64(pool)))
		return 0;
	if (index < 0) {
		static const struct rte_ether_addr zero = {};
		index = mac_index(dev, &zero, max);
		if (index < 0) {
			ETHDEV_LOG(ERR,
				   "MAC address add port %u: all %u address slots are "
				   "used; remove one first",
				   port_id, max);
			return -ENOSPC;
		}
	}
	ret = dev->dev_ops->mac_addr_add(dev, addr, (uint32_t)index, pool);
	if (ret != 0)
		return ret;
	dev->data->mac_addrs[index] = *addr;
	dev->data->mac_pool_sel[index] |= RTE_BIT64(pool);
	return 0;
}

extern "C" int
rte_eth_dev_mac_addr_remove(uint16_t port_id, struct rte_ether_addr *addr)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "MAC address remove");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "MAC address remove"))
		return -E_RTE_SECONDARY;
	if (addr == nullptr) {
		ETHDEV_LOG(ERR, "MAC address remove port %u: address is NULL", port_id);
		return -EINVAL;
	}
	if (dev->dev_ops->mac_addr_remove == nullptr || dev->data->mac_addrs == nullptr)
		return -ENOTSUP;
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	int index = mac_index(dev, addr,
			      RTE_MIN(info.max_mac_addrs, (uint32_t)RTE_ETH_NUM_RECEIVE_MAC_ADDR));
	if (index == 0) {
		ETHDEV_LOG(ERR,
			   "MAC address remove port %u: that is the primary address; "
			   "replace it with rte_eth_dev_default_mac_addr_set()",
			   port_id);
		return -EADDRINUSE;
	}
	if (index < 0)
		return 0;
	dev->dev_ops->mac_addr_remove(dev, (uint32_t)index);
	memset(&dev->data->mac_addrs[index], 0, sizeof(struct rte_ether_addr));
	dev->data->mac_pool_sel[index] = 0;
	return 0;
}

extern "C" int
rte_eth_dev_default_mac_addr_set(uint16_t port_id, struct rte_ether_addr *addr)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "default MAC address set");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "default MAC address set"))
		return -E_RTE_SECONDARY;
	if (addr == nullptr || !rte_is_valid_assigned_ether_addr(addr)) {
		ETHDEV_LOG(ERR,
			   "default MAC address set port %u: not a unicast, non-zero "
			   "address",
			   port_id);
		return -EINVAL;
	}
	if (dev->dev_ops->mac_addr_set == nullptr || dev->data->mac_addrs == nullptr)
		return -ENOTSUP;
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	int index = mac_index(dev, addr,
			      RTE_MIN(info.max_mac_addrs, (uint32_t)RTE_ETH_NUM_RECEIVE_MAC_ADDR));
	if (index > 0) {
		ETHDEV_LOG(ERR,
			   "default MAC address set port %u: address is already "
			   "secondary address %d; remove it first",
			   port_id, index);
		return -EEXIST;
	}
	ret = dev->dev_ops->mac_addr_set(dev, addr);
	if (ret != 0)
		return ret;
	dev->data->mac_addrs[0] = *addr;
	return 0;
}

/* ---- RSS ---- */

namespace {

int
check_reta(struct rte_eth_dev *dev, const char *what, const struct rte_eth_rss_reta_entry64 *reta,
	   uint16_t reta_size, bool update)
{
	uint16_t port_id = dev->data->port_id;
	if (reta == nullptr || reta_size == 0) {
		ETHDEV_LOG(ERR, "%s port %u: table is NULL or its size is 0", what, port_id);
		return -EINVAL;
	}
	bool op_missing = update ? dev->dev_ops->reta_update == nullptr
				 : dev->dev_ops->reta_query == nullptr;
	if (op_missing)
		return -ENOTSUP;
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	if (reta_size != info.reta_size) {
		ETHDEV_LOG(ERR, "%s port %u: table size %u, the port's is %u", what, port_id,
			   reta_size, info.reta_size);
		return -EINVAL;
	}
	if (!update)
		return 0;
	if (!(dev->data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG)) {
		ETHDEV_LOG(ERR,
			   "%s port %u: RSS is not enabled; configure with mq_mode "
			   "RTE_ETH_MQ_RX_RSS",
			   what, port_id);
		return -ENOTSUP;
	}
	for (uint16_t i = 0; i < reta_size; i++) {
		const auto &group = reta[i / RTE_ETH_RETA_GROUP_SIZE];
		unsigned int slot = i % RTE_ETH_RETA_GROUP_SIZE;
		if ((group.mask & RTE_BIT64(slot)) && group.reta[slot] >= dev->data->nb_rx_queues) {
			ETHDEV_LOG(ERR,
				   "%s port %u: entry %u names rx queue %u, only %u "
				   "configured",
				   what, port_id, i, group.reta[slot], dev->data->nb_rx_queues);
			return -EINVAL;
		}
	}
	return 0;
}

} // namespace

extern "C" int
rte_eth_dev_rss_reta_update(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta,
			    uint16_t reta_size)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "RSS table update");
	if (dev == nullptr)
		return -ENODEV;
	int ret = check_reta(dev, "RSS table update", reta, reta_size, true);
	return ret != 0 ? ret : dev->dev_ops->reta_update(dev, reta, reta_size);
}

extern "C" int
rte_eth_dev_rss_reta_query(uint16_t port_id, struct rte_eth_rss_reta_entry64 *reta,
			   uint16_t reta_size)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "RSS table query");
	if (dev == nullptr)
		return -ENODEV;
	int ret = check_reta(dev, "RSS table query", reta, reta_size, false);
	return ret != 0 ? ret : dev->dev_ops->reta_query(dev, reta, reta_size);
}

extern "C" int
rte_eth_dev_rss_hash_update(uint16_t port_id, struct rte_eth_rss_conf *rss_conf)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "RSS hash update");
	if (dev == nullptr)
		return -ENODEV;
	if (rss_conf == nullptr) {
		ETHDEV_LOG(ERR, "RSS hash update port %u: rss_conf is NULL", port_id);
		return -EINVAL;
	}
	if (dev->dev_ops->rss_hash_update == nullptr)
		return -ENOTSUP;
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	if ((rss_conf->rss_hf & ~info.flow_type_rss_offloads) != 0) {
		ETHDEV_LOG(ERR,
			   "RSS hash update port %u: fields 0x%" PRIx64 " not supported "
			   "(supported 0x%" PRIx64 ")",
			   port_id, rss_conf->rss_hf, info.flow_type_rss_offloads);
		return -EINVAL;
	}
	if (rss_conf->rss_key != nullptr && rss_conf->rss_key_len != info.hash_key_size) {
		ETHDEV_LOG(ERR, "RSS hash update port %u: key of %u bytes, the port takes %u",
			   port_id, rss_conf->rss_key_len, info.hash_key_size);
		return -EINVAL;
	}
	return dev->dev_ops->rss_hash_update(dev, rss_conf);
}

extern "C" int
rte_eth_dev_rss_hash_conf_get(uint16_t port_id, struct rte_eth_rss_conf *rss_conf)
{
	return pass_through(port_id, "RSS hash get", "rss_conf", rss_conf,
			    &eth_dev_ops::rss_hash_conf_get, rss_conf);
}

/* ---- packet types ---- */

extern "C" int
rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *ptypes, int num)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "supported packet types");
	if (dev == nullptr)
		return -ENODEV;
	if (ptypes == nullptr && num > 0) {
		ETHDEV_LOG(ERR,
			   "supported packet types port %u: array is NULL but num is "
			   "%d",
			   port_id, num);
		return -EINVAL;
	}
	if (dev->dev_ops->dev_supported_ptypes_get == nullptr)
		return 0;
	const uint32_t *all = dev->dev_ops->dev_supported_ptypes_get(dev);
	int count = 0;
	for (; all != nullptr && *all != RTE_PTYPE_UNKNOWN; all++) {
		if ((*all & ptype_mask) != *all)
			continue;
		if (count < num)
			ptypes[count] = *all;
		count++;
	}
	return count;
}

extern "C" int
rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask, uint32_t *set_ptypes,
		       unsigned int num)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "set packet types");
	if (dev == nullptr)
		return -ENODEV;
	if ((set_ptypes == nullptr && num > 0) || (ptype_mask & RTE_PTYPE_ALL_MASK) != ptype_mask) {
		ETHDEV_LOG(ERR,
			   "set packet types port %u: mask 0x%x has bits outside "
			   "RTE_PTYPE_ALL_MASK, or the output array is NULL with num %u",
			   port_id, ptype_mask, num);
		return -EINVAL;
	}
	const struct eth_dev_ops *ops = dev->dev_ops;
	unsigned int kept = 0;
	if (ops->dev_supported_ptypes_get != nullptr && ops->dev_ptypes_set != nullptr) {
		int ret = ops->dev_ptypes_set(dev, ptype_mask);
		if (ret != 0)
			return ret;
		const uint32_t *all = ops->dev_supported_ptypes_get(dev);
		for (; ptype_mask != 0 && all != nullptr && *all != RTE_PTYPE_UNKNOWN; all++)
			if ((*all & ptype_mask) == *all && kept + 1 < num)
				set_ptypes[kept++] = *all;
	}
	/* nothing to parse, or a driver that always parses what it can */
	if (num > 0)
		set_ptypes[kept] = RTE_PTYPE_UNKNOWN;
	return 0;
}

/* ---- link ---- */

extern "C" int
rte_eth_dev_set_link_up(uint16_t port_id)
{
	if (rte_eth_dev_is_valid_port(port_id) && refused_in_secondary(port_id, "set link up"))
		return -E_RTE_SECONDARY;
	return pass_through(port_id, "set link up", nullptr, nullptr,
			    &eth_dev_ops::dev_set_link_up);
}

extern "C" int
rte_eth_dev_set_link_down(uint16_t port_id)
{
	if (rte_eth_dev_is_valid_port(port_id) && refused_in_secondary(port_id, "set link down"))
		return -E_RTE_SECONDARY;
	return pass_through(port_id, "set link down", nullptr, nullptr,
			    &eth_dev_ops::dev_set_link_down);
}

namespace {

int
link_get(uint16_t port_id, struct rte_eth_link *link, int wait)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "link get");
	if (dev == nullptr)
		return -ENODEV;
	if (link == nullptr) {
		ETHDEV_LOG(ERR, "link get port %u: link pointer is NULL", port_id);
		return -EINVAL;
	}
	/* with LSC on a started port the driver keeps dev_link current itself */
	if (!(dev->data->dev_conf.intr_conf.lsc && dev->data->dev_started)) {
		if (dev->dev_ops->link_update == nullptr)
			return -ENOTSUP;
		int ret = dev->dev_ops->link_update(dev, wait);
		if (ret < 0)
			return ret;
	}
	rte_eth_linkstatus_get(dev, link);
	return 0;
}

} // namespace

extern "C" int
rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link)
{
	return link_get(port_id, link, 1);
}

extern "C" int
rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link)
{
	return link_get(port_id, link, 0);
}

namespace {

/* The link status, read and written whole (it is 8 bytes, 8-aligned). */
std::atomic_ref<struct rte_eth_link>
link_ref(const struct rte_eth_dev *dev)
{
	static_assert(sizeof(struct rte_eth_link) == sizeof(uint64_t), "link fits 8 bytes");
	return std::atomic_ref(dev->data->dev_link);
}

} // namespace

extern "C" int
rte_eth_linkstatus_set(struct rte_eth_dev *dev, const struct rte_eth_link *link)
{
	struct rte_eth_link old = link_ref(dev).exchange(*link, std::memory_order_seq_cst);
	/* field by field: the bit-fields leave padding bits memcmp would see */
	bool same = old.link_speed == link->link_speed && old.link_duplex == link->link_duplex &&
		    old.link_autoneg == link->link_autoneg && old.link_status == link->link_status;
	return same ? 0 : -1;
}

extern "C" void
rte_eth_linkstatus_get(const struct rte_eth_dev *dev, struct rte_eth_link *link)
{
	*link = link_ref(dev).load(std::memory_order_seq_cst);
}

extern "C" const char *
rte_eth_link_speed_to_str(uint32_t link_speed)
{
	switch (link_speed) {
	case RTE_ETH_SPEED_NUM_NONE: return "None";
	case RTE_ETH_SPEED_NUM_10M: return "10 Mbps";
	case RTE_ETH_SPEED_NUM_100M: return "100 Mbps";
	case RTE_ETH_SPEED_NUM_1G: return "1 Gbps";
	case RTE_ETH_SPEED_NUM_2_5G: return "2.5 Gbps";
	case RTE_ETH_SPEED_NUM_5G: return "5 Gbps";
	case RTE_ETH_SPEED_NUM_10G: return "10 Gbps";
	case RTE_ETH_SPEED_NUM_20G: return "20 Gbps";
	case RTE_ETH_SPEED_NUM_25G: return "25 Gbps";
	case RTE_ETH_SPEED_NUM_40G: return "40 Gbps";
	case RTE_ETH_SPEED_NUM_50G: return "50 Gbps";
	case RTE_ETH_SPEED_NUM_56G: return "56 Gbps";
	case RTE_ETH_SPEED_NUM_100G: return "100 Gbps";
	case RTE_ETH_SPEED_NUM_200G: return "200 Gbps";
	case RTE_ETH_SPEED_NUM_UNKNOWN: return "Unknown";
	default: return "Invalid";
	}
}

extern "C" int
rte_eth_link_to_str(char *str, size_t len, const struct rte_eth_link *link)
{
	if (str == nullptr || len == 0 || link == nullptr)
		return -EINVAL;
	if (link->link_status == RTE_ETH_LINK_DOWN)
		return snprintf(str, len, "Link down");
	return snprintf(str, len, "Link up at %s %s %s",
			rte_eth_link_speed_to_str(link->link_speed),
			link->link_duplex == RTE_ETH_LINK_FULL_DUPLEX ? "FDX" : "HDX",
			link->link_autoneg == RTE_ETH_LINK_AUTONEG ? "Autoneg" : "Fixed");
}

extern "C" int
rte_eth_read_clock(uint16_t port_id, uint64_t *clock)
{
	return pass_through(port_id, "read clock", "clock pointer", clock, &eth_dev_ops::read_clock,
			    clock);
}

extern "C" uint32_t
rte_eth_speed_bitflag(uint32_t speed, int duplex)
{
	bool full = duplex == RTE_ETH_LINK_FULL_DUPLEX;
	switch (speed) {
	case RTE_ETH_SPEED_NUM_10M:
		return full ? RTE_ETH_LINK_SPEED_10M : RTE_ETH_LINK_SPEED_10M_HD;
	case RTE_ETH_SPEED_NUM_100M:
		return full ? RTE_ETH_LINK_SPEED_100M : RTE_ETH_LINK_SPEED_100M_HD;
	case RTE_ETH_SPEED_NUM_1G: return RTE_ETH_LINK_SPEED_1G;
	case RTE_ETH_SPEED_NUM_2_5G: return RTE_ETH_LINK_SPEED_2_5G;
	case RTE_ETH_SPEED_NUM_5G: return RTE_ETH_LINK_SPEED_5G;
	case RTE_ETH_SPEED_NUM_10G: return RTE_ETH_LINK_SPEED_10G;
	case RTE_ETH_SPEED_NUM_20G: return RTE_ETH_LINK_SPEED_20G;
	case RTE_ETH_SPEED_NUM_25G: return RTE_ETH_LINK_SPEED_25G;
	case RTE_ETH_SPEED_NUM_40G: return RTE_ETH_LINK_SPEED_40G;
	case RTE_ETH_SPEED_NUM_50G: return RTE_ETH_LINK_SPEED_50G;
	case RTE_ETH_SPEED_NUM_56G: return RTE_ETH_LINK_SPEED_56G;
	case RTE_ETH_SPEED_NUM_100G: return RTE_ETH_LINK_SPEED_100G;
	case RTE_ETH_SPEED_NUM_200G: return RTE_ETH_LINK_SPEED_200G;
	default: return 0;
	}
}

/* ---- offload names ---- */

namespace {

struct offload_name {
	uint64_t bit;
	const char *name;
};

#define OFFLOAD(prefix, n) \
	{ \
		prefix##n, #n \
	}

const offload_name rx_offloads[] = {
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, VLAN_STRIP),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, IPV4_CKSUM),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, UDP_CKSUM),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, TCP_CKSUM),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, TCP_LRO),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, QINQ_STRIP),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, OUTER_IPV4_CKSUM),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, MACSEC_STRIP),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, VLAN_FILTER),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, VLAN_EXTEND),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, SCATTER),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, TIMESTAMP),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, SECURITY),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, KEEP_CRC),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, SCTP_CKSUM),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, OUTER_UDP_CKSUM),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, RSS_HASH),
	OFFLOAD(RTE_ETH_RX_OFFLOAD_, BUFFER_SPLIT),
};

const offload_name tx_offloads[] = {
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, VLAN_INSERT),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, IPV4_CKSUM),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, UDP_CKSUM),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, TCP_CKSUM),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, SCTP_CKSUM),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, TCP_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, UDP_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, OUTER_IPV4_CKSUM),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, QINQ_INSERT),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, VXLAN_TNL_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, GRE_TNL_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, IPIP_TNL_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, GENEVE_TNL_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, MACSEC_INSERT),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, MT_LOCKFREE),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, MULTI_SEGS),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, MBUF_FAST_FREE),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, SECURITY),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, UDP_TNL_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, IP_TNL_TSO),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, OUTER_UDP_CKSUM),
	OFFLOAD(RTE_ETH_TX_OFFLOAD_, SEND_ON_TIMESTAMP),
};

#undef OFFLOAD

template <size_t N>
const char *
offload_lookup(const offload_name (&table)[N], uint64_t bit)
{
	for (const auto &o : table)
		if (o.bit == bit)
			return o.name;
	return "UNKNOWN";
}

} // namespace

extern "C" const char *
rte_eth_dev_rx_offload_name(uint64_t offload)
{
	return offload_lookup(rx_offloads, offload);
}

extern "C" const char *
rte_eth_dev_tx_offload_name(uint64_t offload)
{
	return offload_lookup(tx_offloads, offload);
}

extern "C" int
rte_eth_dev_pool_ops_supported(uint16_t port_id, const char *pool)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "pool ops supported");
	if (dev == nullptr)
		return -ENODEV;
	if (pool == nullptr) {
		ETHDEV_LOG(ERR, "pool ops supported port %u: pool name is NULL", port_id);
		return -EINVAL;
	}
	if (dev->dev_ops->pool_ops_supported == nullptr)
		return 1; /* any handler works for a driver that copies or just holds mbufs */
	return dev->dev_ops->pool_ops_supported(dev, pool);
}
