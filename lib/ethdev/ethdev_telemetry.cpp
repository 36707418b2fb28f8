/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Telemetry commands of ethdev, with DPDK 22.11's names and reply keys:
 * /ethdev/list, /ethdev/info,<port>, /ethdev/stats,<port>,
 * /ethdev/xstats,<port>, /ethdev/link_status,<port>. A port id that is not
 * a decimal number or not a valid port answers null. Counters are read
 * through the driver's stats callbacks, which read per-queue counters the
 * forwarding lcores update without a lock.
 */

#include <errno.h>
#include <stdlib.h>

#include <memory>
#include <new>

#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_telemetry.h>
#include <telemetry_internal.h>

#include "ethdev_driver.h"

namespace {

/* The port named by params, or -EINVAL. */
int
port_param(const char *cmd, const char *params)
{
	unsigned long port;
	if (dpkit_telemetry_param_uint(cmd, params, RTE_MAX_ETHPORTS - 1, &port) < 0 ||
	    !rte_eth_dev_is_valid_port(static_cast<uint16_t>(port)))
		return -EINVAL;
	return static_cast<int>(port);
}

int
handle_list(const char *, const char *, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	uint16_t p;
	RTE_ETH_FOREACH_DEV(p)
	rte_tel_data_add_array_int(d, p);
	return 0;
}

void
add_queue_stats(struct rte_tel_data *d, const uint64_t *q, const char *name)
{
	struct rte_tel_data *a = rte_tel_data_alloc();
	if (a == nullptr)
		return;
	rte_tel_data_start_array(a, RTE_TEL_U64_VAL);
	for (int i = 0; i < RTE_ETHDEV_QUEUE_STAT_CNTRS; i++)
		rte_tel_data_add_array_u64(a, q[i]);
	if (rte_tel_data_add_dict_container(d, name, a, 0) < 0)
		rte_tel_data_free(a);
}

int
handle_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	int port = port_param(cmd, params);
	struct rte_eth_stats st;
	if (port < 0 || rte_eth_stats_get(static_cast<uint16_t>(port), &st) < 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "ipackets", st.ipackets);
	rte_tel_data_add_dict_u64(d, "opackets", st.opackets);
	rte_tel_data_add_dict_u64(d, "ibytes", st.ibytes);
	rte_tel_data_add_dict_u64(d, "obytes", st.obytes);
	rte_tel_data_add_dict_u64(d, "imissed", st.imissed);
	rte_tel_data_add_dict_u64(d, "ierrors", st.ierrors);
	rte_tel_data_add_dict_u64(d, "oerrors", st.oerrors);
	rte_tel_data_add_dict_u64(d, "rx_nombuf", st.rx_nombuf);
	add_queue_stats(d, st.q_ipackets, "q_ipackets");
	add_queue_stats(d, st.q_opackets, "q_opackets");
	add_queue_stats(d, st.q_ibytes, "q_ibytes");
	add_queue_stats(d, st.q_obytes, "q_obytes");
	add_queue_stats(d, st.q_errors, "q_errors");
	return 0;
}

int
handle_xstats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	int port = port_param(cmd, params);
	if (port < 0)
		return -EINVAL;
	uint16_t p = static_cast<uint16_t>(port);
	int n = rte_eth_xstats_get(p, nullptr, 0);
	if (n < 0)
		return -EINVAL;
	std::unique_ptr<rte_eth_xstat[]> vals(new (std::nothrow) rte_eth_xstat[n + 1]);
	std::unique_ptr<rte_eth_xstat_name[]> names(new (std::nothrow) rte_eth_xstat_name[n + 1]);
	if (vals == nullptr || names == nullptr)
		return -ENOMEM;
	int nn = rte_eth_xstats_get_names(p, names.get(), n);
	int nv = rte_eth_xstats_get(p, vals.get(), n);
	if (nn < 0 || nv < 0 || nn > n || nv > n)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	for (int i = 0; i < nv && i < nn; i++)
		rte_tel_data_add_dict_u64(d, names[i].name, vals[i].value);
	return 0;
}

int
handle_link_status(const char *cmd, const char *params, struct rte_tel_data *d)
{
	int port = port_param(cmd, params);
	struct rte_eth_link link;
	if (port < 0 || rte_eth_link_get_nowait(static_cast<uint16_t>(port), &link) < 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	if (!link.link_status) {
		rte_tel_data_add_dict_string(d, "status", "DOWN");
		return 0;
	}
	rte_tel_data_add_dict_string(d, "status", "UP");
	rte_tel_data_add_dict_u64(d, "speed", link.link_speed);
	rte_tel_data_add_dict_string(d, "duplex",
				     link.link_duplex == RTE_ETH_LINK_FULL_DUPLEX ? "full-duplex"
										  : "half-duplex");
	return 0;
}

struct rte_tel_data *
queue_states(const uint8_t *state, uint16_t n)
{
	struct rte_tel_data *a = rte_tel_data_alloc();
	if (a == nullptr)
		return nullptr;
	rte_tel_data_start_array(a, RTE_TEL_INT_VAL);
	for (uint16_t i = 0; i < n; i++)
		rte_tel_data_add_array_int(a, state[i]);
	return a;
}

void
add_owned(struct rte_tel_data *d, const char *name, struct rte_tel_data *a)
{
	if (a != nullptr && rte_tel_data_add_dict_container(d, name, a, 0) < 0)
		rte_tel_data_free(a);
}

int
handle_info(const char *cmd, const char *params, struct rte_tel_data *d)
{
	int port = port_param(cmd, params);
	if (port < 0)
		return -EINVAL;
	const struct rte_eth_dev *dev = &rte_eth_devices[port];
	const struct rte_eth_dev_data *data = dev->data;
	char mac[RTE_ETHER_ADDR_FMT_SIZE] = "";
	if (data->mac_addrs != nullptr)
		rte_ether_format_addr(mac, sizeof(mac), data->mac_addrs);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", data->name);
	rte_tel_data_add_dict_int(d, "state", dev->state);
	rte_tel_data_add_dict_int(d, "nb_rx_queues", data->nb_rx_queues);
	rte_tel_data_add_dict_int(d, "nb_tx_queues", data->nb_tx_queues);
	rte_tel_data_add_dict_int(d, "port_id", data->port_id);
	rte_tel_data_add_dict_int(d, "mtu", data->mtu);
	rte_tel_data_add_dict_u64(d, "rx_mbuf_size_min", data->min_rx_buf_size);
	rte_tel_data_add_dict_string(d, "mac_addr", mac);
	rte_tel_data_add_dict_int(d, "promiscuous", data->promiscuous);
	rte_tel_data_add_dict_int(d, "scattered_rx", data->scattered_rx);
	rte_tel_data_add_dict_int(d, "all_multicast", data->all_multicast);
	rte_tel_data_add_dict_int(d, "dev_started", data->dev_started);
	rte_tel_data_add_dict_int(d, "lro", data->lro);
	rte_tel_data_add_dict_int(d, "dev_configured", data->dev_configured);
	add_owned(d, "rxq_state", queue_states(data->rx_queue_state, data->nb_rx_queues));
	add_owned(d, "txq_state", queue_states(data->tx_queue_state, data->nb_tx_queues));
	rte_tel_data_add_dict_int(d, "numa_node", data->numa_node);
	rte_tel_data_add_dict_u64(d, "dev_flags", data->dev_flags);
	rte_tel_data_add_dict_u64(d, "rx_offloads", data->dev_conf.rxmode.offloads);
	rte_tel_data_add_dict_u64(d, "tx_offloads", data->dev_conf.txmode.offloads);
	rte_tel_data_add_dict_u64(d, "ethdev_rss_hf", data->dev_conf.rx_adv_conf.rss_conf.rss_hf);
	return 0;
}

__attribute__((constructor)) void
register_ethdev_commands()
{
	rte_telemetry_register_cmd("/ethdev/list", handle_list,
				   "Returns list of available ethdev ports. Takes no parameters");
	rte_telemetry_register_cmd("/ethdev/stats", handle_stats,
				   "Returns the common stats for a port. Parameters: int port_id");
	rte_telemetry_register_cmd(
		"/ethdev/xstats", handle_xstats,
		"Returns the extended stats for a port. Parameters: int port_id");
	rte_telemetry_register_cmd("/ethdev/link_status", handle_link_status,
				   "Returns the link status for a port. Parameters: int port_id");
	rte_telemetry_register_cmd("/ethdev/info", handle_info,
				   "Returns the device info for a port. Parameters: int port_id");
}

} // namespace
