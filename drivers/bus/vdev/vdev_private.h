/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Internals shared by the vdev bus files (C++ only, not installed). */

#ifndef _VDEV_PRIVATE_H_
#define _VDEV_PRIVATE_H_

#include <string>
#include <utility>
#include <vector>

namespace dpkit::vdev_detail {

/* A probed device as another process needs it: name, driver name. */
using device_name = std::pair<std::string, std::string>;

/* The devices probed in this process now (a snapshot; safe to call from
 * the IPC thread while a probe holds the bus lock). */
std::vector<device_name> probed_devices();

/* Primary: answer secondaries' "bus_vdev_mp" requests from now on. */
void mp_serve_start();

/* Secondary: the primary's probed devices, in @p out.
 * @return 0, or a negative errno after one log line. */
int mp_primary_devices(std::vector<device_name> &out);

} // namespace dpkit::vdev_detail

#endif /* _VDEV_PRIVATE_H_ */
