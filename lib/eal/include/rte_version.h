/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Version of the DPDK API dpkit provides. RTE_VERSION is a number that
 * compares in release order, for compile-time checks such as
 * @code
 *   #if RTE_VERSION >= RTE_VERSION_NUM(22, 11, 0, 0)
 * @endcode
 * The functions give the same parts at run time (those of the library the
 * program runs with). The version string starts with "dpkit", not "DPDK".
 */

#ifndef _RTE_VERSION_H_
#define _RTE_VERSION_H_

#pragma GCC visibility push(default)

#include <stdio.h>
#include <string.h>

#include <rte_compat.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Pack year, month, minor and release into one comparable number. */
#define RTE_VERSION_NUM(a, b, c, d) ((a) << 24 | (b) << 16 | (c) << 8 | (d))

/** This API's version as a number. */
#define RTE_VERSION RTE_VERSION_NUM(RTE_VER_YEAR, RTE_VER_MONTH, RTE_VER_MINOR, RTE_VER_RELEASE)

/** @return the product name at the start of the version string: "dpkit". */
__rte_experimental const char *rte_version_prefix(void);

/** @return the release year, e.g. 22. */
__rte_experimental unsigned int rte_version_year(void);

/** @return the release month, e.g. 11. */
__rte_experimental unsigned int rte_version_month(void);

/** @return the minor (maintenance) release number. */
__rte_experimental unsigned int rte_version_minor(void);

/** @return the pre-release suffix ("" for a release, e.g. "-rc"). */
__rte_experimental const char *rte_version_suffix(void);

/** @return the pre-release number (meaningful when the suffix is not ""). */
__rte_experimental unsigned int rte_version_release(void);

/** @return the full version string, e.g. "dpkit 22.11.0". */
const char *rte_version(void);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_VERSION_H_ */
