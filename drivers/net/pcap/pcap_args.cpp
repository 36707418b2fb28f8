/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_pcap device arguments: which streams a port has, in the order given.
 * Every refusal is one line naming the argument and saying what to give
 * instead; nothing is opened here.
 */

#include <errno.h>
#include <string.h>

#include <rte_kvargs.h>
#include <rte_log.h>

#include <bus_vdev_driver.h>

#include "pcap_private.h"

extern int net_pcap_logtype;
#define PCAP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, net_pcap_logtype, "net_pcap: " fmt "\n", ##__VA_ARGS__)

namespace dpkit::pcap_detail {

namespace {

const char *const keys[] = {"rx_pcap", "tx_pcap", "rx_iface",    "rx_iface_in", "tx_iface",
			    "iface",   "phy_mac", "infinite_rx", nullptr};

struct counts {
	unsigned int rx_files = 0, rx_ifaces = 0, tx_files = 0, tx_ifaces = 0, ifaces = 0;
};

/* Add one stream from pair @p key=@p value. @return 0 or -EINVAL (logged). */
int
add_stream(const char *dev, port *p, counts &c, const char *key, const char *value)
{
	bool rx = strncmp(key, "rx_", 3) == 0, tx = strncmp(key, "tx_", 3) == 0;
	if (!rx && !tx && strcmp(key, "iface") != 0)
		return 0; /* an option, read elsewhere */
	if (value == nullptr || value[0] == '\0') {
		PCAP_LOG(ERR, "%s: argument '%s' has no value; give %s=<%s>", dev, key, key,
			 strstr(key, "pcap") != nullptr ? "file" : "interface");
		return -EINVAL;
	}
	if (strlen(value) >= stream_name_len) {
		PCAP_LOG(ERR, "%s: argument '%s=%.40s...' is longer than %zu characters", dev, key,
			 value, stream_name_len - 1);
		return -EINVAL;
	}
	if ((rx && p->nb_rx == max_queues) || (tx && p->nb_tx == max_queues)) {
		PCAP_LOG(ERR, "%s: argument '%s=%s': more than %u %s streams", dev, key, value,
			 max_queues, rx ? "receive" : "transmit");
		return -EINVAL;
	}
	if (rx) {
		rx_queue *q = &p->rxq[p->nb_rx++];
		q->kind = strcmp(key, "rx_pcap") == 0       ? stream::file
			  : strcmp(key, "rx_iface_in") == 0 ? stream::iface_in
							    : stream::iface;
		(q->kind == stream::file ? c.rx_files : c.rx_ifaces)++;
		snprintf(q->name, sizeof(q->name), "%s", value);
	} else if (tx) {
		tx_queue *q = &p->txq[p->nb_tx++];
		q->kind = strcmp(key, "tx_pcap") == 0 ? stream::file : stream::iface;
		(q->kind == stream::file ? c.tx_files : c.tx_ifaces)++;
		snprintf(q->name, sizeof(q->name), "%s", value);
	} else {
		c.ifaces++;
		snprintf(p->txq[0].name, sizeof(p->txq[0].name), "%s", value);
	}
	return 0;
}

/* The combinations DPDK 22.11 would half ignore. @return 0 or -EINVAL (logged). */
int
check_combination(const char *dev, const port *p, const counts &c, uint64_t phy_mac,
		  uint64_t infinite)
{
	const char *why = nullptr, *arg = nullptr;
	if (c.ifaces > 1) {
		arg = "iface";
		why = "given more than once; one port drives one interface";
	} else if (c.ifaces == 1 && (p->nb_rx != 0 || p->nb_tx != 0)) {
		arg = "iface";
		why = "cannot be combined with rx_* or tx_* arguments; use rx_iface and tx_iface";
	} else if (c.rx_files != 0 && c.rx_ifaces != 0) {
		arg = "rx_pcap";
		why = "cannot be combined with rx_iface or rx_iface_in on one port; use two ports";
	} else if (c.tx_files != 0 && c.tx_ifaces != 0) {
		arg = "tx_pcap";
		why = "cannot be combined with tx_iface on one port; use two ports";
	} else if (c.ifaces == 0 && p->nb_rx == 0 && p->nb_tx == 0) {
		PCAP_LOG(ERR,
			 "%s: no stream given; give rx_pcap, rx_iface, rx_iface_in, "
			 "tx_pcap, tx_iface or iface",
			 dev);
		return -EINVAL;
	} else if (phy_mac != 0 && c.ifaces == 0) {
		arg = "phy_mac";
		why = "applies only with iface=<interface>";
	} else if (infinite != 0 && c.rx_files == 0) {
		arg = "infinite_rx";
		why = "applies only with rx_pcap=<file>";
	}
	if (why == nullptr)
		return 0;
	PCAP_LOG(ERR, "%s: argument '%s' %s", dev, arg, why);
	return -EINVAL;
}

} // namespace

int
parse_args(struct rte_vdev_device *vdev, port *p, bool *phy_mac)
{
	const char *dev = rte_vdev_device_name(vdev);
	struct rte_kvargs *kv = dpkit_vdev_parse_args(vdev, keys);
	if (kv == nullptr)
		return -EINVAL;
	counts c;
	uint64_t mac = 0, infinite = 0;
	int ret = 0;
	for (unsigned int i = 0; i < kv->count && ret == 0; i++)
		ret = add_stream(dev, p, c, kv->pairs[i].key, kv->pairs[i].value);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "phy_mac", 0, 1, &mac);
	if (ret == 0)
		ret = dpkit_vdev_arg_uint(vdev, kv, "infinite_rx", 0, 1, &infinite);
	rte_kvargs_free(kv);
	if (ret == 0)
		ret = check_combination(dev, p, c, mac, infinite);
	if (ret != 0)
		return ret;
	if (c.ifaces == 1) {
		p->single_iface = true;
		p->nb_rx = p->nb_tx = 1;
		p->txq[0].kind = p->rxq[0].kind = stream::iface;
		p->rxq[0].shared = true;
		snprintf(p->rxq[0].name, sizeof(p->rxq[0].name), "%s", p->txq[0].name);
	} else if (p->nb_tx == 0) {
		p->nb_tx = p->nb_rx; /* kinds stay none: drop and count */
	} else if (p->nb_rx == 0) {
		p->nb_rx = p->nb_tx; /* kinds stay none: receive nothing */
	}
	p->infinite_rx = infinite != 0;
	*phy_mac = mac != 0;
	return 0;
}

} // namespace dpkit::pcap_detail
