/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Run-time version of the library, from the values meson wrote into
 * rte_build_config.h (themselves read from the VERSION file). */

#include <stdio.h>

#include <string>

#include <rte_version.h>

namespace {

const char version_prefix[] = "dpkit";

std::string
make_version_string(void)
{
	char buf[64];
	/* a pre-release is marked by its suffix and number: "22.11.0-rc2" */
	if (RTE_VER_SUFFIX[0] == '\0')
		snprintf(buf, sizeof(buf), "%s %d.%02d.%d", version_prefix, RTE_VER_YEAR,
			 RTE_VER_MONTH, RTE_VER_MINOR);
	else
		snprintf(buf, sizeof(buf), "%s %d.%02d.%d%s%d", version_prefix, RTE_VER_YEAR,
			 RTE_VER_MONTH, RTE_VER_MINOR, RTE_VER_SUFFIX, RTE_VER_RELEASE);
	return buf;
}

} // namespace

const char *
rte_version_prefix(void)
{
	return version_prefix;
}

unsigned int
rte_version_year(void)
{
	return RTE_VER_YEAR;
}

unsigned int
rte_version_month(void)
{
	return RTE_VER_MONTH;
}

unsigned int
rte_version_minor(void)
{
	return RTE_VER_MINOR;
}

const char *
rte_version_suffix(void)
{
	return RTE_VER_SUFFIX;
}

unsigned int
rte_version_release(void)
{
	return RTE_VER_RELEASE;
}

const char *
rte_version(void)
{
	static const std::string version = make_version_string();
	return version.c_str();
}
