/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The device arguments the EAL parsed, for the buses that probe them
 * (C++ only, not installed).
 */

#ifndef _EAL_DEVARGS_H_
#define _EAL_DEVARGS_H_

#include <string>
#include <vector>

namespace dpkit::eal_internal {

/* Every --vdev argument ("name,key=value,...") in command-line order.
 * Written only while rte_eal_init parses its options. */
const std::vector<std::string> &vdev_args();

} /* namespace dpkit::eal_internal */

#endif /* _EAL_DEVARGS_H_ */
