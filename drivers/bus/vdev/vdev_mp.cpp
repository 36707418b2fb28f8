/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The vdev bus across processes. A secondary probes the devices the
 * primary has probed, so that its drivers attach to the primary's ports
 * (rte_eth_dev_attach_secondary). It asks the primary with "bus_vdev_mp"
 * (DPDK's message name) requests, one per device: the request carries an
 * index, the reply the device count and that device's name and driver.
 * The driver name travels because a device made by
 * dpkit_vdev_init_with_driver() (rte_eth_from_rings) need not start with
 * it. Arguments do not travel: a secondary's driver reads the settings from
 * the port's shared data.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mutex>

#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "vdev_private.h"

#define VDEV_LOG(level, fmt, ...) RTE_LOG(level, EAL, "vdev: " fmt "\n", ##__VA_ARGS__)

namespace {

constexpr char action_name[] = "bus_vdev_mp";
constexpr unsigned int timeout_s = 5;

struct scan_request {
	uint32_t index;
};

struct scan_reply {
	int32_t status; /* 0, or -ENOENT: index past the end */
	uint32_t count;
	char name[RTE_DEV_NAME_MAX_LEN];
	char driver[RTE_DEV_NAME_MAX_LEN];
};
static_assert(sizeof(scan_reply) <= RTE_MP_MAX_PARAM_LEN, "one message per device");

int
serve(const struct rte_mp_msg *msg, const void *peer)
{
	scan_request req = {};
	if (msg->len_param == (int)sizeof(req))
		memcpy(&req, msg->param, sizeof(req));
	std::vector<dpkit::vdev_detail::device_name> devs = dpkit::vdev_detail::probed_devices();
	scan_reply rep = {};
	rep.count = (uint32_t)devs.size();
	rep.status = req.index < devs.size() ? 0 : -ENOENT;
	if (rep.status == 0) {
		snprintf(rep.name, sizeof(rep.name), "%s", devs[req.index].first.c_str());
		snprintf(rep.driver, sizeof(rep.driver), "%s", devs[req.index].second.c_str());
	}
	struct rte_mp_msg out = {};
	snprintf(out.name, sizeof(out.name), "%s", action_name);
	memcpy(out.param, &rep, sizeof(rep));
	out.len_param = sizeof(rep);
	return rte_mp_reply(&out, static_cast<const char *>(peer));
}

/* One request; @return 0 with @p rep filled, or a negative errno (logged). */
int
ask(uint32_t index, scan_reply &rep)
{
	struct rte_mp_msg req = {};
	snprintf(req.name, sizeof(req.name), "%s", action_name);
	scan_request r = {index};
	memcpy(req.param, &r, sizeof(r));
	req.len_param = sizeof(r);
	struct rte_mp_reply reply = {};
	const struct timespec ts = {timeout_s, 0};
	if (rte_mp_request_sync(&req, &reply, &ts) < 0)
		return -rte_errno; /* the request logged which peer and why */
	int ret = 0;
	if (reply.nb_received != 1 || reply.msgs[0].len_param != (int)sizeof(rep)) {
		VDEV_LOG(ERR,
			 "%s: the primary process gave no device list (%d replies); "
			 "build both processes from the same dpkit",
			 action_name, reply.nb_received);
		ret = -EPROTO;
	} else {
		memcpy(&rep, reply.msgs[0].param, sizeof(rep));
	}
	free(reply.msgs);
	return ret;
}

} // namespace

namespace dpkit::vdev_detail {

void
mp_serve_start()
{
	static std::once_flag once;
	std::call_once(once, [] {
		/* ENOTSUP: --in-memory, no secondary can come */
		if (rte_mp_action_register(action_name, serve) < 0 && rte_errno != ENOTSUP)
			VDEV_LOG(ERR, "cannot serve the device list to secondaries: %s",
				 rte_strerror(rte_errno));
	});
}

int
mp_primary_devices(std::vector<device_name> &out)
{
	out.clear();
	for (uint32_t i = 0;; i++) {
		scan_reply rep = {};
		int ret = ask(i, rep);
		if (ret < 0)
			return ret;
		if (rep.status != 0 || i >= rep.count)
			return 0; /* the list may have shrunk meanwhile */
		rep.name[sizeof(rep.name) - 1] = '\0';
		rep.driver[sizeof(rep.driver) - 1] = '\0';
		out.emplace_back(rep.name, rep.driver);
		if (i + 1 >= rep.count)
			return 0;
	}
}

} // namespace dpkit::vdev_detail
