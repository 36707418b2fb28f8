/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Basic and extended statistics. The extended list of a port is, in order:
 *   1. the eight generic counters derived from struct rte_eth_stats
 *      ("rx_good_packets" ... "rx_mbuf_allocation_errors");
 *   2. per-queue counters "rx_q<i>_packets/_bytes/_errors" and
 *      "tx_q<i>_packets/_bytes" for the first RTE_ETHDEV_QUEUE_STAT_CNTRS
 *      queues, when the driver sets RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
 *   3. the driver's own counters.
 * An xstat id is its index in that list, so ids are stable while the queue
 * counts stay the same.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_errno.h>

#include "ethdev_private.h"

using namespace dpkit::ethdev_detail;

namespace {

struct generic_stat {
	const char *name;
	size_t offset;
};

const generic_stat generic_stats[] = {
	{"rx_good_packets", offsetof(struct rte_eth_stats, ipackets)},
	{"tx_good_packets", offsetof(struct rte_eth_stats, opackets)},
	{"rx_good_bytes", offsetof(struct rte_eth_stats, ibytes)},
	{"tx_good_bytes", offsetof(struct rte_eth_stats, obytes)},
	{"rx_missed_errors", offsetof(struct rte_eth_stats, imissed)},
	{"rx_errors", offsetof(struct rte_eth_stats, ierrors)},
	{"tx_errors", offsetof(struct rte_eth_stats, oerrors)},
	{"rx_mbuf_allocation_errors", offsetof(struct rte_eth_stats, rx_nombuf)},
};

const generic_stat rxq_stats[] = {
	{"packets", offsetof(struct rte_eth_stats, q_ipackets)},
	{"bytes", offsetof(struct rte_eth_stats, q_ibytes)},
	{"errors", offsetof(struct rte_eth_stats, q_errors)},
};

const generic_stat txq_stats[] = {
	{"packets", offsetof(struct rte_eth_stats, q_opackets)},
	{"bytes", offsetof(struct rte_eth_stats, q_obytes)},
};

uint64_t
field(const struct rte_eth_stats &s, size_t offset, unsigned int index = 0)
{
	uint64_t v;
	memcpy(&v, reinterpret_cast<const char *>(&s) + offset + index * sizeof(uint64_t),
	       sizeof(v));
	return v;
}

unsigned int
queues_shown(struct rte_eth_dev *dev, bool rx)
{
	if (!(dev->data->dev_flags & RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS))
		return 0;
	return RTE_MIN(rx ? dev->data->nb_rx_queues : dev->data->nb_tx_queues,
		       (uint16_t)RTE_ETHDEV_QUEUE_STAT_CNTRS);
}

unsigned int
generic_count(struct rte_eth_dev *dev)
{
	return RTE_DIM(generic_stats) + queues_shown(dev, true) * RTE_DIM(rxq_stats) +
	       queues_shown(dev, false) * RTE_DIM(txq_stats);
}

int
driver_count(struct rte_eth_dev *dev)
{
	if (dev->dev_ops->xstats_get_names == nullptr)
		return 0;
	return dev->dev_ops->xstats_get_names(dev, nullptr, 0);
}

/* All names of a port, in id order. @return count or -errno. */
int
all_names(struct rte_eth_dev *dev, std::vector<rte_eth_xstat_name> &out)
{
	int n_drv = driver_count(dev);
	if (n_drv < 0)
		return n_drv;
	out.clear();
	auto add = [&out](const std::string &s) {
		rte_eth_xstat_name n = {};
		snprintf(n.name, sizeof(n.name), "%s", s.c_str());
		out.push_back(n);
	};
	for (const auto &g : generic_stats)
		add(g.name);
	for (unsigned int q = 0; q < queues_shown(dev, true); q++)
		for (const auto &g : rxq_stats)
			add("rx_q" + std::to_string(q) + "_" + g.name);
	for (unsigned int q = 0; q < queues_shown(dev, false); q++)
		for (const auto &g : txq_stats)
			add("tx_q" + std::to_string(q) + "_" + g.name);
	size_t base = out.size();
	out.resize(base + n_drv);
	if (n_drv > 0) {
		int got = dev->dev_ops->xstats_get_names(dev, out.data() + base, n_drv);
		if (got < 0)
			return got;
		out.resize(base + RTE_MIN(got, n_drv));
	}
	return (int)out.size();
}

/* All values of a port, in id order. @return count or -errno. */
int
all_values(struct rte_eth_dev *dev, std::vector<uint64_t> &out)
{
	struct rte_eth_stats st;
	int ret = rte_eth_stats_get(dev->data->port_id, &st);
	if (ret != 0 && ret != -ENOTSUP)
		return ret;
	out.clear();
	for (const auto &g : generic_stats)
		out.push_back(field(st, g.offset));
	for (unsigned int q = 0; q < queues_shown(dev, true); q++)
		for (const auto &g : rxq_stats)
			out.push_back(field(st, g.offset, q));
	for (unsigned int q = 0; q < queues_shown(dev, false); q++)
		for (const auto &g : txq_stats)
			out.push_back(field(st, g.offset, q));
	int n_drv = driver_count(dev);
	if (n_drv < 0)
		return n_drv;
	if (n_drv > 0) {
		std::vector<rte_eth_xstat> drv(n_drv);
		int got = dev->dev_ops->xstats_get(dev, drv.data(), n_drv);
		if (got < 0)
			return got;
		for (int i = 0; i < RTE_MIN(got, n_drv); i++)
			out.push_back(drv[i].value);
	}
	return (int)out.size();
}

} // namespace

extern "C" int
rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "stats get");
	if (dev == nullptr)
		return -ENODEV;
	if (stats == nullptr) {
		ETHDEV_LOG(ERR, "stats get port %u: stats pointer is NULL", port_id);
		return -EINVAL;
	}
	memset(stats, 0, sizeof(*stats));
	if (dev->dev_ops->stats_get == nullptr)
		return -ENOTSUP;
	stats->rx_nombuf = dev->data->rx_mbuf_alloc_failed;
	return dev->dev_ops->stats_get(dev, stats);
}

extern "C" int
rte_eth_stats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "stats reset");
	if (dev == nullptr)
		return -ENODEV;
	if (dev->dev_ops->stats_reset == nullptr)
		return -ENOTSUP;
	int ret = dev->dev_ops->stats_reset(dev);
	if (ret != 0)
		return ret;
	dev->data->rx_mbuf_alloc_failed = 0;
	return 0;
}

extern "C" int
rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *names, unsigned int size)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "xstats names");
	if (dev == nullptr)
		return -ENODEV;
	if (names == nullptr || size < generic_count(dev)) {
		int n = driver_count(dev);
		return n < 0 ? n : (int)generic_count(dev) + n;
	}
	std::vector<rte_eth_xstat_name> all;
	int n = all_names(dev, all);
	if (n < 0 || (unsigned int)n > size)
		return n;
	memcpy(names, all.data(), n * sizeof(*names));
	return n;
}

extern "C" int
rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "xstats get");
	if (dev == nullptr)
		return -ENODEV;
	if (xstats == nullptr || n < generic_count(dev)) {
		int d = driver_count(dev);
		return d < 0 ? d : (int)generic_count(dev) + d;
	}
	std::vector<uint64_t> values;
	int count = all_values(dev, values);
	if (count < 0 || (unsigned int)count > n)
		return count;
	for (int i = 0; i < count; i++) {
		xstats[i].id = (uint64_t)i;
		xstats[i].value = values[i];
	}
	return count;
}

extern "C" int
rte_eth_xstats_get_names_by_id(uint16_t port_id, struct rte_eth_xstat_name *names,
			       unsigned int size, uint64_t *ids)
{
	if (ids == nullptr)
		return rte_eth_xstats_get_names(port_id, names, size);
	struct rte_eth_dev *dev = valid_dev(port_id, "xstats names by id");
	if (dev == nullptr)
		return -ENODEV;
	if (names == nullptr) {
		ETHDEV_LOG(ERR, "xstats names by id port %u: names array is NULL", port_id);
		return -EINVAL;
	}
	std::vector<rte_eth_xstat_name> all;
	int n = all_names(dev, all);
	if (n < 0)
		return n;
	for (unsigned int i = 0; i < size; i++) {
		if (ids[i] >= (uint64_t)n) {
			ETHDEV_LOG(ERR,
				   "xstats names by id port %u: id %" PRIu64 " out of "
				   "range (%d statistics)",
				   port_id, ids[i], n);
			return -EINVAL;
		}
		names[i] = all[ids[i]];
	}
	return (int)size;
}

extern "C" int
rte_eth_xstats_get_by_id(uint16_t port_id, const uint64_t *ids, uint64_t *values, unsigned int size)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "xstats get by id");
	if (dev == nullptr)
		return -ENODEV;
	std::vector<uint64_t> all;
	int n = all_values(dev, all);
	if (n < 0)
		return n;
	if (ids == nullptr) {
		if (values == nullptr || size < (unsigned int)n)
			return n;
		memcpy(values, all.data(), n * sizeof(uint64_t));
		return n;
	}
	if (values == nullptr) {
		ETHDEV_LOG(ERR, "xstats get by id port %u: values array is NULL", port_id);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < size; i++) {
		if (ids[i] >= (uint64_t)n) {
			ETHDEV_LOG(ERR,
				   "xstats get by id port %u: id %" PRIu64 " out of range "
				   "(%d statistics)",
				   port_id, ids[i], n);
			return -EINVAL;
		}
		values[i] = all[ids[i]];
	}
	return (int)size;
}

extern "C" int
rte_eth_xstats_get_id_by_name(uint16_t port_id, const char *xstat_name, uint64_t *id)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "xstats id by name");
	if (dev == nullptr)
		return -ENODEV;
	if (xstat_name == nullptr || id == nullptr) {
		ETHDEV_LOG(ERR, "xstats id by name port %u: name or id pointer is NULL", port_id);
		return -EINVAL;
	}
	std::vector<rte_eth_xstat_name> all;
	int n = all_names(dev, all);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		if (strcmp(all[i].name, xstat_name) == 0) {
			*id = (uint64_t)i;
			return 0;
		}
	}
	return -EINVAL;
}

extern "C" int
rte_eth_xstats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "xstats reset");
	if (dev == nullptr)
		return -ENODEV;
	if (dev->dev_ops->xstats_reset == nullptr && dev->dev_ops->stats_reset == nullptr)
		return -ENOTSUP;
	if (dev->dev_ops->stats_reset != nullptr) {
		int ret = rte_eth_stats_reset(port_id);
		if (ret != 0)
			return ret;
	}
	return dev->dev_ops->xstats_reset ? dev->dev_ops->xstats_reset(dev) : 0;
}
