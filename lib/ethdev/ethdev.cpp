/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Port slots and the port life cycle: allocate (driver probe) ->
 * configure -> queue setup -> start <-> stop -> close (release).
 *
 * Invariants:
 * - a slot is free when !reserved; it is visible to applications (valid
 *   port id) only once its driver called rte_eth_dev_probing_finish();
 * - data->rx_queues / tx_queues always have RTE_MAX_QUEUES_PER_PORT slots,
 *   NULL beyond nb_rx_queues / nb_tx_queues, so no queue id below the
 *   build limit can index past them;
 * - rte_eth_fp_ops[port] reaches the driver only between a successful start
 *   and the next stop.
 * ethdev checks every argument and state before calling a driver op, and
 * releases the queues itself (the driver's queue_release ops) before the
 * driver's dev_close, so drivers stay small.
 */

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "ethdev_private.h"

struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];

RTE_LOG_REGISTER(rte_eth_dev_logtype, lib.ethdev, INFO);

namespace dpkit::ethdev_detail {

port_state &
port(uint16_t port_id)
{
	static port_state ports[RTE_MAX_ETHPORTS];
	return ports[port_id];
}

std::mutex &
ports_lock()
{
	static std::mutex m;
	return m;
}

namespace {

/* Clear rte_eth_devices[] entry @p dev for a new life, pointing at
 * @p data (nullptr when released). Lookups from other threads (the IPC
 * thread hot-plugs and drops ports) read state and data at any time:
 * those two are only ever written atomically, and the state, which
 * publishes the rest, is left as it is (ports_lock() held). */
void
entry_reset(struct rte_eth_dev *dev, struct rte_eth_dev_data *data)
{
	/* the fields around data and state, by the offsets of their neighbours */
	constexpr size_t data_at = offsetof(struct rte_eth_dev, data);
	constexpr size_t data_end = offsetof(struct rte_eth_dev, process_private);
	constexpr size_t state_at = offsetof(struct rte_eth_dev, state);
	constexpr size_t state_end = state_at + sizeof(enum rte_eth_dev_state);
	static_assert(data_at < data_end && data_end <= state_at,
		      "data, then its neighbour, then state");
	char *p = reinterpret_cast<char *>(dev);
	memset(p, 0, data_at);
	memset(p + data_end, 0, state_at - data_end);
	memset(p + state_end, 0, sizeof(*dev) - state_end);
	__atomic_store_n(&dev->data, data, __ATOMIC_RELAXED);
}

} // namespace

struct rte_eth_dev *
slot_claim(uint16_t port_id, struct rte_eth_dev_data *data)
{
	port(port_id) = port_state{};
	port(port_id).reserved = true;
	struct rte_eth_dev *dev = &rte_eth_devices[port_id];
	entry_reset(dev, data); /* unused until probing_finish */
	fp_ops_reset(port_id);
	return dev;
}

struct rte_eth_dev *
valid_dev(uint16_t port_id, const char *what)
{
	if (!rte_eth_dev_is_valid_port(port_id)) {
		ETHDEV_LOG(ERR,
			   "%s: port %u is not a valid port; use a port id from "
			   "RTE_ETH_FOREACH_DEV",
			   what, port_id);
		return nullptr;
	}
	return &rte_eth_devices[port_id];
}

int
dev_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	const struct rte_eth_desc_lim no_limit = {
		UINT16_MAX, 0, 1, UINT16_MAX, UINT16_MAX,
	};

	memset(info, 0, sizeof(*info));
	info->rx_desc_lim = no_limit;
	info->tx_desc_lim = no_limit;
	info->device = dev->device;
	info->min_mtu = RTE_ETHER_MIN_LEN - RTE_ETHER_HDR_LEN - RTE_ETHER_CRC_LEN;
	info->max_mtu = UINT16_MAX;
	if (dev->dev_ops->dev_infos_get == nullptr)
		return -ENOTSUP;
	int ret = dev->dev_ops->dev_infos_get(dev, info);
	if (ret != 0) {
		memset(info, 0, sizeof(*info));
		return ret;
	}
	info->max_rx_queues = RTE_MIN(info->max_rx_queues, (uint16_t)RTE_MAX_QUEUES_PER_PORT);
	info->max_tx_queues = RTE_MIN(info->max_tx_queues, (uint16_t)RTE_MAX_QUEUES_PER_PORT);
	info->driver_name = rte_driver_name(rte_dev_driver(dev->device));
	info->nb_rx_queues = dev->data->nb_rx_queues;
	info->nb_tx_queues = dev->data->nb_tx_queues;
	info->dev_flags = &dev->data->dev_flags;
	return 0;
}

} // namespace dpkit::ethdev_detail

using namespace dpkit::ethdev_detail;

/* ---- slots ---- */

namespace {

/* Attached here, and (for a secondary) still named in the shared data: a
 * port the primary released without telling us is gone too. The IPC
 * thread may be attaching or releasing the slot meanwhile (entry_reset):
 * state and data are read once, atomically. Only the primary writes the
 * names, and in the primary the state alone tells. */
bool
attached(uint16_t port_id)
{
	struct rte_eth_dev *dev = &rte_eth_devices[port_id];
	if (__atomic_load_n(&dev->state, __ATOMIC_ACQUIRE) != RTE_ETH_DEV_ATTACHED)
		return false;
	const struct rte_eth_dev_data *data = __atomic_load_n(&dev->data, __ATOMIC_RELAXED);
	return data != nullptr && (!is_secondary() || data->name[0] != '\0');
}

} // namespace

extern "C" int
rte_eth_dev_is_valid_port(uint16_t port_id)
{
	return port_id < RTE_MAX_ETHPORTS && attached(port_id);
}

extern "C" struct rte_eth_dev *
rte_eth_dev_allocated(const char *name)
{
	if (name == nullptr)
		return nullptr;
	std::lock_guard<std::mutex> guard(ports_lock());
	for (uint16_t i = 0; i < RTE_MAX_ETHPORTS; i++)
		if (port(i).reserved && strcmp(rte_eth_devices[i].data->name, name) == 0)
			return &rte_eth_devices[i];
	return nullptr;
}

namespace {

/* The lowest free slot for @p name in the shared array (shared lock held),
 * or RTE_MAX_ETHPORTS after one line. */
uint16_t
take_slot(const struct rte_eth_dev_data *all, const char *name)
{
	uint16_t free_id = RTE_MAX_ETHPORTS;
	for (uint16_t i = 0; i < RTE_MAX_ETHPORTS; i++) {
		if (strcmp(all[i].name, name) == 0) {
			ETHDEV_LOG(ERR,
				   "port allocation: name %s is already port %u; "
				   "choose another device name",
				   name, i);
			return RTE_MAX_ETHPORTS;
		}
		if (all[i].name[0] == '\0' && !port(i).reserved && free_id == RTE_MAX_ETHPORTS)
			free_id = i;
	}
	if (free_id == RTE_MAX_ETHPORTS)
		ETHDEV_LOG(ERR,
			   "port allocation %s: all %d ports are in use; close "
			   "unused ports first",
			   name, RTE_MAX_ETHPORTS);
	return free_id;
}

} // namespace

extern "C" struct rte_eth_dev *
rte_eth_dev_allocate(const char *name)
{
	if (name == nullptr || name[0] == '\0' || strlen(name) >= RTE_ETH_NAME_MAX_LEN) {
		ETHDEV_LOG(ERR,
			   "port allocation: name '%s' is empty or longer than %d "
			   "characters",
			   name ? name : "(null)", RTE_ETH_NAME_MAX_LEN - 1);
		return nullptr;
	}
	std::lock_guard<std::mutex> guard(ports_lock());
	struct rte_eth_dev_data *all = shared_data(true);
	if (all == nullptr)
		return nullptr;
	void **rxq = static_cast<void **>(rte_zmalloc(
		"eth_rx_queues", RTE_MAX_QUEUES_PER_PORT * sizeof(void *), RTE_CACHE_LINE_SIZE));
	void **txq = static_cast<void **>(rte_zmalloc(
		"eth_tx_queues", RTE_MAX_QUEUES_PER_PORT * sizeof(void *), RTE_CACHE_LINE_SIZE));
	if (rxq == nullptr || txq == nullptr) {
		rte_free(rxq);
		rte_free(txq);
		shared_data_release_if_unused(); /* reserved just now for this port */
		ETHDEV_LOG(ERR, "port allocation %s: out of memory for queue tables", name);
		return nullptr;
	}
	rte_spinlock_lock(shared_lock());
	uint16_t free_id = take_slot(all, name);
	if (free_id < RTE_MAX_ETHPORTS) {
		struct rte_eth_dev_data *data = &all[free_id];
		memset(data, 0, sizeof(*data));
		strcpy(data->name, name);
		data->port_id = free_id;
		data->rx_queues = rxq;
		data->tx_queues = txq;
		data->mtu = RTE_ETHER_MTU;
		data->numa_node = (int)rte_socket_id();
		data->owner.id = RTE_ETH_DEV_NO_OWNER;
	}
	rte_spinlock_unlock(shared_lock());
	if (free_id >= RTE_MAX_ETHPORTS) {
		rte_free(rxq);
		rte_free(txq);
		shared_data_release_if_unused();
		return nullptr;
	}
	return slot_claim(free_id, &all[free_id]);
}

extern "C" void
rte_eth_dev_probing_finish(struct rte_eth_dev *dev)
{
	if (dev == nullptr)
		return;
	/* a secondary attaches to a port that may be running: its fast-path
	 * entry points at the shared queue table from now on (a queue not set
	 * up is NULL there, which the burst functions turn into 0) */
	if (is_secondary())
		fp_ops_setup(dev);
	__atomic_store_n(&dev->state, RTE_ETH_DEV_ATTACHED, __ATOMIC_RELEASE);
	rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_NEW, nullptr);
}

extern "C" int
rte_eth_dev_release_port(struct rte_eth_dev *dev)
{
	if (dev == nullptr || __atomic_load_n(&dev->data, __ATOMIC_RELAXED) == nullptr)
		return -EINVAL;
	uint16_t port_id = dev->data->port_id;
	bool was_attached = __atomic_load_n(&dev->state, __ATOMIC_RELAXED) == RTE_ETH_DEV_ATTACHED;
	if (was_attached)
		rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_DESTROY, nullptr);
	fp_ops_reset(port_id);
	burst_callbacks_clear(dev);
	event_callbacks_clear(port_id);
	/* the shared memory is the primary's to free, once no secondary uses it */
	if (!is_secondary() && was_attached && !port(port_id).secondaries_dropped)
		secondaries_drop_port(port_id, dev->data->name);

	std::lock_guard<std::mutex> guard(ports_lock());
	if (!is_secondary()) {
		struct rte_eth_dev_data *data = dev->data;
		rte_free(data->rx_queues);
		rte_free(data->tx_queues);
		rte_free(data->mac_addrs);
		rte_free(data->dev_private);
		rte_spinlock_lock(shared_lock());
		memset(data, 0, sizeof(*data));
		rte_spinlock_unlock(shared_lock());
	} else if (port(port_id).reserved)
		secondary_view_add(port_id, -1);
	port(port_id) = port_state{};
	shared_data_release_if_unused();
	__atomic_store_n(&dev->state, RTE_ETH_DEV_UNUSED, __ATOMIC_RELEASE);
	entry_reset(dev, nullptr);
	return 0;
}

extern "C" int
dpkit_eth_dev_destroy(const char *name)
{
	if (name == nullptr)
		return -EINVAL;
	struct rte_eth_dev *dev = rte_eth_dev_allocated(name);
	if (dev == nullptr)
		return 0; /* already closed by the application */
	uint16_t port_id = dev->data->port_id;
	/* probe never finished, or a secondary's view of the primary's port */
	if (dev->state != RTE_ETH_DEV_ATTACHED || is_secondary())
		return rte_eth_dev_release_port(dev);
	if (dev->data->dev_started) {
		int ret = rte_eth_dev_stop(port_id);
		if (ret != 0)
			return ret;
	}
	return rte_eth_dev_close(port_id);
}

/* ---- iteration and names ---- */

extern "C" uint64_t
rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id)
{
	while (port_id < RTE_MAX_ETHPORTS &&
	       (!attached(port_id) || rte_eth_devices[port_id].data->owner.id != owner_id))
		port_id++;
	return port_id < RTE_MAX_ETHPORTS ? port_id : RTE_MAX_ETHPORTS;
}

extern "C" uint16_t
rte_eth_find_next(uint16_t port_id)
{
	while (port_id < RTE_MAX_ETHPORTS && !attached(port_id))
		port_id++;
	return port_id < RTE_MAX_ETHPORTS ? port_id : RTE_MAX_ETHPORTS;
}

extern "C" uint16_t
rte_eth_find_next_of(uint16_t port_id, const struct rte_device *parent)
{
	port_id = rte_eth_find_next(port_id);
	while (port_id < RTE_MAX_ETHPORTS && rte_eth_devices[port_id].device != parent)
		port_id = rte_eth_find_next(port_id + 1);
	return port_id;
}

extern "C" uint16_t
rte_eth_dev_count_avail(void)
{
	uint16_t p, count = 0;
	RTE_ETH_FOREACH_DEV(p)
	count++;
	return count;
}

extern "C" uint16_t
rte_eth_dev_count_total(void)
{
	uint16_t count = 0;
	for (const rte_eth_dev &dev : rte_eth_devices)
		if (__atomic_load_n(&dev.state, __ATOMIC_RELAXED) != RTE_ETH_DEV_UNUSED)
			count++;
	return count;
}

extern "C" int
rte_eth_dev_socket_id(uint16_t port_id)
{
	if (!rte_eth_dev_is_valid_port(port_id)) {
		rte_errno = EINVAL;
		return -1;
	}
	int node = rte_eth_devices[port_id].data->numa_node;
	if (node < 0)
		rte_errno = 0;
	return node;
}

extern "C" int
rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
{
	if (name == nullptr || port_id == nullptr) {
		ETHDEV_LOG(ERR, "port by name: name or port_id pointer is NULL");
		return -EINVAL;
	}
	/* the primary's IPC thread may be clearing a name (hot-unplug asked
	 * by a secondary): writers hold the lock */
	std::lock_guard<std::mutex> guard(ports_lock());
	for (uint16_t p = 0; p < RTE_MAX_ETHPORTS; p++) {
		if (attached(p) && strcmp(rte_eth_devices[p].data->name, name) == 0) {
			*port_id = p;
			return 0;
		}
	}
	return -ENODEV;
}

extern "C" int
rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "name by port");
	if (dev == nullptr)
		return -ENODEV;
	if (name == nullptr) {
		ETHDEV_LOG(ERR, "name by port %u: name buffer is NULL", port_id);
		return -EINVAL;
	}
	/* as in rte_eth_dev_get_port_by_name: the name may be going */
	std::lock_guard<std::mutex> guard(ports_lock());
	if (!attached(port_id))
		return -ENODEV;
	strcpy(name, dev->data->name);
	return 0;
}

/* ---- configure ---- */

namespace {

/* Queue counts 0 / 0 ask for the driver's defaults, or ethdev's fallback. */
void
default_queue_counts(const struct rte_eth_dev_info &info, uint16_t *nb_rx_q, uint16_t *nb_tx_q)
{
	if (*nb_rx_q != 0 || *nb_tx_q != 0)
		return;
	*nb_rx_q = info.default_rxportconf.nb_queues ? info.default_rxportconf.nb_queues
						     : RTE_ETH_DEV_FALLBACK_RX_NBQUEUES;
	*nb_tx_q = info.default_txportconf.nb_queues ? info.default_txportconf.nb_queues
						     : RTE_ETH_DEV_FALLBACK_TX_NBQUEUES;
}

/* Queue counts, offloads and RSS fields within what the driver offers. */
int
check_queues_and_offloads(uint16_t port_id, const struct rte_eth_dev_info &info, uint16_t nb_rx_q,
			  uint16_t nb_tx_q, const struct rte_eth_conf *conf)
{
	if (nb_rx_q > info.max_rx_queues || nb_tx_q > info.max_tx_queues) {
		ETHDEV_LOG(ERR,
			   "configure port %u: %u rx / %u tx queues asked, driver %s "
			   "allows %u / %u",
			   port_id, nb_rx_q, nb_tx_q, info.driver_name, info.max_rx_queues,
			   info.max_tx_queues);
		return -EINVAL;
	}
	uint64_t bad_rx = conf->rxmode.offloads & ~info.rx_offload_capa;
	uint64_t bad_tx = conf->txmode.offloads & ~info.tx_offload_capa;
	if (bad_rx != 0 || bad_tx != 0) {
		ETHDEV_LOG(ERR,
			   "configure port %u: offload %s not supported by %s; check "
			   "dev_info.%s_offload_capa",
			   port_id, bad_rx ? first_rx_offload(bad_rx) : first_tx_offload(bad_tx),
			   info.driver_name, bad_rx ? "rx" : "tx");
		return -EINVAL;
	}
	if ((conf->rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) &&
	    (conf->rx_adv_conf.rss_conf.rss_hf & ~info.flow_type_rss_offloads) != 0) {
		ETHDEV_LOG(ERR,
			   "configure port %u: RSS hash fields 0x%" PRIx64 " not "
			   "supported by %s (supported 0x%" PRIx64 ")",
			   port_id, conf->rx_adv_conf.rss_conf.rss_hf, info.driver_name,
			   info.flow_type_rss_offloads);
		return -EINVAL;
	}
	return 0;
}

/* Multi-queue modes and interrupts this ethdev and the driver support. */
int
check_modes_and_interrupts(uint16_t port_id, const struct rte_eth_dev *dev,
			   const struct rte_eth_dev_info &info, const struct rte_eth_conf *conf)
{
	if ((conf->rxmode.mq_mode & (RTE_ETH_MQ_RX_DCB_FLAG | RTE_ETH_MQ_RX_VMDQ_FLAG)) ||
	    conf->txmode.mq_mode != RTE_ETH_MQ_TX_NONE) {
		ETHDEV_LOG(ERR,
			   "configure port %u: DCB/VMDq multi-queue modes are not "
			   "supported by %s; use RTE_ETH_MQ_RX_NONE or _RSS",
			   port_id, info.driver_name);
		return -EINVAL;
	}
	if (conf->intr_conf.lsc && !(dev->data->dev_flags & RTE_ETH_DEV_INTR_LSC)) {
		ETHDEV_LOG(ERR,
			   "configure port %u: %s does not report link changes; "
			   "clear intr_conf.lsc",
			   port_id, info.driver_name);
		return -EINVAL;
	}
	if (conf->intr_conf.rxq || conf->intr_conf.rmv) {
		ETHDEV_LOG(ERR,
			   "configure port %u: rx queue and removal interrupts are not "
			   "supported by %s; clear intr_conf.rxq/rmv",
			   port_id, info.driver_name);
		return -EINVAL;
	}
	return 0;
}

/* The MTU asked for (0: the Ethernet default), checked against the driver's range. */
int
configured_mtu(uint16_t port_id, const struct rte_eth_dev_info &info,
	       const struct rte_eth_conf *conf, uint32_t *mtu)
{
	*mtu = conf->rxmode.mtu ? conf->rxmode.mtu : RTE_ETHER_MTU;
	if (*mtu < info.min_mtu || *mtu > info.max_mtu) {
		ETHDEV_LOG(ERR, "configure port %u: MTU %u outside [%u, %u]", port_id, *mtu,
			   info.min_mtu, info.max_mtu);
		return -EINVAL;
	}
	return 0;
}

/* Store the checked configuration and let the driver take it; on refusal
 * the port is left with no queues. */
int
apply_configuration(uint16_t port_id, struct rte_eth_dev *dev, const struct rte_eth_dev_info &info,
		    uint16_t nb_rx_q, uint16_t nb_tx_q, const struct rte_eth_conf *conf,
		    uint32_t mtu)
{
	/* queues beyond the new counts go; the others stay set up */
	release_queues_from(dev, nb_rx_q, nb_tx_q);
	port(port_id).rxq.resize(nb_rx_q);
	port(port_id).txq.resize(nb_tx_q);
	dev->data->dev_conf = *conf;
	dev->data->dev_conf.rxmode.mtu = mtu;
	dev->data->mtu = (uint16_t)mtu;
	dev->data->nb_rx_queues = nb_rx_q;
	dev->data->nb_tx_queues = nb_tx_q;
	dev->data->dev_configured = 0;

	int ret = dev->dev_ops->dev_configure(dev);
	if (ret != 0) {
		ETHDEV_LOG(ERR, "configure port %u: driver %s refused (%s)", port_id,
			   info.driver_name, rte_strerror(-ret));
		release_queues_from(dev, 0, 0);
		dev->data->nb_rx_queues = 0;
		dev->data->nb_tx_queues = 0;
		port(port_id).rxq.clear();
		port(port_id).txq.clear();
		return ret;
	}
	dev->data->dev_configured = 1;
	return 0;
}

} // namespace

extern "C" int
rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_q, uint16_t nb_tx_q,
		      const struct rte_eth_conf *conf)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "configure");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "configure"))
		return -E_RTE_SECONDARY;
	if (conf == nullptr) {
		ETHDEV_LOG(ERR,
			   "configure port %u: eth_conf is NULL; pass a zeroed "
			   "struct rte_eth_conf for defaults",
			   port_id);
		return -EINVAL;
	}
	if (dev->data->dev_started) {
		ETHDEV_LOG(ERR,
			   "configure port %u: port is started; call "
			   "rte_eth_dev_stop() first",
			   port_id);
		return -EBUSY;
	}
	if (dev->dev_ops->dev_configure == nullptr)
		return -ENOTSUP;

	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0) {
		ETHDEV_LOG(ERR, "configure port %u: cannot read device info (%s)", port_id,
			   rte_strerror(-ret));
		return ret;
	}
	default_queue_counts(info, &nb_rx_q, &nb_tx_q);
	uint32_t mtu = 0;
	ret = check_queues_and_offloads(port_id, info, nb_rx_q, nb_tx_q, conf);
	if (ret == 0)
		ret = check_modes_and_interrupts(port_id, dev, info, conf);
	if (ret == 0)
		ret = configured_mtu(port_id, info, conf, &mtu);
	if (ret != 0)
		return ret;
	return apply_configuration(port_id, dev, info, nb_rx_q, nb_tx_q, conf, mtu);
}

extern "C" int
rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc, uint16_t *nb_tx_desc)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "adjust descriptors");
	if (dev == nullptr)
		return -ENODEV;
	struct rte_eth_dev_info info;
	int ret = dev_info(dev, &info);
	if (ret != 0)
		return ret;
	auto fit = [](uint16_t *n, const struct rte_eth_desc_lim &lim) {
		if (n == nullptr)
			return;
		uint32_t v = *n;
		if (lim.nb_align > 1)
			v = RTE_ALIGN_CEIL(v, (uint32_t)lim.nb_align);
		v = RTE_MAX(v, (uint32_t)lim.nb_min);
		if (v > lim.nb_max) /* largest aligned count within the limit */
			v = lim.nb_align > 1
				    ? RTE_ALIGN_FLOOR((uint32_t)lim.nb_max, (uint32_t)lim.nb_align)
				    : lim.nb_max;
		*n = (uint16_t)v;
	};
	fit(nb_rx_desc, info.rx_desc_lim);
	fit(nb_tx_desc, info.tx_desc_lim);
	return 0;
}

/* ---- start / stop / close ---- */

extern "C" int
rte_eth_dev_start(uint16_t port_id)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "start");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "start"))
		return -E_RTE_SECONDARY;
	if (!dev->data->dev_configured) {
		ETHDEV_LOG(ERR,
			   "start port %u: port is not configured; call "
			   "rte_eth_dev_configure() and set up its queues first",
			   port_id);
		return -EINVAL;
	}
	if (dev->data->dev_started) {
		ETHDEV_LOG(INFO, "start port %u: already started", port_id);
		return 0;
	}
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		if (dev->data->rx_queues[q] == nullptr) {
			ETHDEV_LOG(ERR,
				   "start port %u: rx queue %u is not set up; call "
				   "rte_eth_rx_queue_setup() for each queue",
				   port_id, q);
			return -EINVAL;
		}
	}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		if (dev->data->tx_queues[q] == nullptr) {
			ETHDEV_LOG(ERR,
				   "start port %u: tx queue %u is not set up; call "
				   "rte_eth_tx_queue_setup() for each queue",
				   port_id, q);
			return -EINVAL;
		}
	}
	if (dev->dev_ops->dev_start == nullptr)
		return -ENOTSUP;
	int ret = dev->dev_ops->dev_start(dev);
	if (ret != 0) {
		ETHDEV_LOG(ERR, "start port %u: driver failed (%s)", port_id, rte_strerror(-ret));
		return ret;
	}
	dev->data->dev_started = 1;
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	if (dev->dev_ops->link_update != nullptr)
		dev->dev_ops->link_update(dev, 0);
	fp_ops_setup(dev);
	return 0;
}

extern "C" int
rte_eth_dev_stop(uint16_t port_id)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "stop");
	if (dev == nullptr)
		return -ENODEV;
	if (refused_in_secondary(port_id, "stop"))
		return -E_RTE_SECONDARY;
	if (!dev->data->dev_started) {
		ETHDEV_LOG(INFO, "stop port %u: already stopped", port_id);
		return 0;
	}
	if (dev->dev_ops->dev_stop == nullptr)
		return -ENOTSUP;
	/* bursts see the dummies before the driver tears anything down */
	fp_ops_reset(port_id);
	int ret = dev->dev_ops->dev_stop(dev);
	if (ret != 0) {
		ETHDEV_LOG(ERR, "stop port %u: driver failed (%s)", port_id, rte_strerror(-ret));
		fp_ops_setup(dev);
		return ret;
	}
	dev->data->dev_started = 0;
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

extern "C" int
rte_eth_dev_close(uint16_t port_id)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "close");
	if (dev == nullptr)
		return -ENODEV;
	/* a secondary forgets its view of the port; the port stays the primary's */
	if (is_secondary())
		return rte_eth_dev_release_port(dev);
	/* before the queues go: no secondary may poll them from now on */
	secondaries_drop_port(port_id, dev->data->name);
	port(port_id).secondaries_dropped = true;
	if (dev->data->dev_started) {
		ETHDEV_LOG(ERR,
			   "close port %u: port is started; call rte_eth_dev_stop() "
			   "first",
			   port_id);
		return -EINVAL;
	}
	release_queues_from(dev, 0, 0);
	int ret = dev->dev_ops->dev_close ? dev->dev_ops->dev_close(dev) : 0;
	if (ret != 0)
		ETHDEV_LOG(ERR, "close port %u: driver reported %s; port released anyway", port_id,
			   rte_strerror(-ret));
	rte_eth_dev_release_port(dev);
	return ret;
}

/* ---- information ---- */

extern "C" int
rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *info)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "device info");
	if (dev == nullptr)
		return -ENODEV;
	if (info == nullptr) {
		ETHDEV_LOG(ERR, "device info port %u: dev_info is NULL", port_id);
		return -EINVAL;
	}
	int ret = dev_info(dev, info);
	if (ret != 0 && ret != -ENOTSUP)
		ETHDEV_LOG(ERR, "device info port %u: driver failed (%s)", port_id,
			   rte_strerror(-ret));
	return ret;
}

extern "C" int
rte_eth_dev_conf_get(uint16_t port_id, struct rte_eth_conf *dev_conf)
{
	struct rte_eth_dev *dev = valid_dev(port_id, "configuration get");
	if (dev == nullptr)
		return -ENODEV;
	if (dev_conf == nullptr) {
		ETHDEV_LOG(ERR, "configuration get port %u: dev_conf is NULL", port_id);
		return -EINVAL;
	}
	*dev_conf = dev->data->dev_conf;
	return 0;
}
