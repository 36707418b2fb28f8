/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_devargs_parse / _parsef / _reset: the strings DPDK's examples give
 * ("net_null0", "vdev:net_null0,size=64", "net_ring0"), and every refusal,
 * each with its errno and exactly one log line; with a second bus, which
 * bus takes a name, and hot-plug refused on a bus that cannot plug.
 */

#include <errno.h>
#include <string.h>

#include <string>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_errno.h>

#include <bus_driver.h>

#include "test.h"
#include "test_mbuf.h"

namespace {

using mbuf_test::log_capture;

int
devargs_parse_accepts_device_strings(void)
{
	struct rte_devargs da;
	const struct rte_bus *vdev = rte_bus_find_by_name("vdev");
	TEST_ASSERT_NOT_NULL(vdev, "vdev bus");

	TEST_ASSERT_SUCCESS(rte_devargs_parse(&da, "net_null0"), "plain name");
	TEST_ASSERT(da.bus == vdev, "bus found from the name");
	TEST_ASSERT_EQUAL(std::string(da.name), std::string("net_null0"), "name");
	TEST_ASSERT_EQUAL(std::string(da.args), std::string(""), "no args");
	TEST_ASSERT(da.data != nullptr && da.drv_str == da.args, "args live in data");
	TEST_ASSERT(da.cls == nullptr && da.bus_str == nullptr && da.type == RTE_DEVTYPE_ALLOWED,
		    "the rest zeroed");
	rte_devargs_reset(&da);
	TEST_ASSERT(da.data == nullptr && da.args == nullptr, "reset frees");

	TEST_ASSERT_SUCCESS(rte_devargs_parse(&da, "vdev:net_null0,size=64,copy=1"), "bus prefix");
	TEST_ASSERT_EQUAL(std::string(rte_bus_name(da.bus)), std::string("vdev"), "bus");
	TEST_ASSERT_EQUAL(std::string(da.name), std::string("net_null0"), "name after prefix");
	TEST_ASSERT_EQUAL(std::string(da.args), std::string("size=64,copy=1"), "args");
	rte_devargs_reset(&da);

	TEST_ASSERT_SUCCESS(rte_devargs_parse(&da, "net_ring0"), "net_ring");
	TEST_ASSERT_EQUAL(std::string(da.name), std::string("net_ring0"), "ring name");
	rte_devargs_reset(&da);

	TEST_ASSERT_SUCCESS(rte_devargs_parsef(&da, "%s%d,%s", "net_null", 3, "size=1"), "parsef");
	TEST_ASSERT_EQUAL(std::string(da.name), std::string("net_null3"), "formatted name");
	TEST_ASSERT_EQUAL(std::string(da.args), std::string("size=1"), "formatted args");
	rte_devargs_reset(&da);
	rte_devargs_reset(&da); /* twice is fine */
	rte_devargs_reset(nullptr);

	std::string longest = "net_null" + std::string(RTE_DEV_NAME_MAX_LEN - 1 - 8, '7');
	TEST_ASSERT_SUCCESS(rte_devargs_parse(&da, longest.c_str()), "63 characters");
	rte_devargs_reset(&da);
	return TEST_SUCCESS;
}

/* @p dev is refused with @p err, in one log line that contains @p why. */
int
refused(const char *dev, int err, const char *why)
{
	struct rte_devargs da;
	memset(&da, 0x5a, sizeof(da));
	log_capture cap;
	int ret = rte_devargs_parse(&da, dev);
	std::string text = cap.text();
	printf("'%s' -> %d: %s", dev ? dev : "(NULL)", ret, text.c_str());
	TEST_ASSERT_EQUAL(ret, err, "'%s': %d, expected %d", dev ? dev : "(NULL)", ret, err);
	TEST_ASSERT_EQUAL(rte_errno, -err, "rte_errno");
	TEST_ASSERT_EQUAL(cap.lines(), 1, "one log line, got:\n%s", text.c_str());
	TEST_ASSERT(text.find(why) != std::string::npos, "'%s' not in: %s", why, text.c_str());
	TEST_ASSERT(dev == nullptr || da.data == nullptr, "nothing allocated");
	return TEST_SUCCESS;
}

int
devargs_parse_refuses_bad_strings(void)
{
	std::string too_long = "net_null" + std::string(RTE_DEV_NAME_MAX_LEN - 8, '7');
	const struct {
		const char *dev;
		int err;
		const char *why;
	} cases[] = {
		{nullptr, -EINVAL, "is NULL"},
		{"", -EINVAL, "empty or longer"},
		{"vdev:", -EINVAL, "empty or longer"},
		{",size=64", -EINVAL, "empty or longer"},
		{too_long.c_str(), -EINVAL, "empty or longer"},
		{"bus=vdev,name=net_null0", -EINVAL, "not supported"},
		{"class=eth", -EINVAL, "not supported"},
		{"net_nodriver0", -EFAULT, "no bus recognises"},
		{"vdev:net_nodriver0,size=1", -EFAULT, "its bus does not recognise"},
		{"pci:0000:00:01.0", -EFAULT, "no bus recognises"},
	};
	for (const auto &c : cases)
		if (refused(c.dev, c.err, c.why) != TEST_SUCCESS)
			return TEST_FAILED;
	log_capture cap;
	TEST_ASSERT_EQUAL(rte_devargs_parse(nullptr, "net_null0"), -EINVAL, "NULL da");
	TEST_ASSERT_EQUAL(rte_devargs_parsef(nullptr, "%s", "net_null0"), -EINVAL, "parsef NULL");
	struct rte_devargs da;
	TEST_ASSERT_EQUAL(rte_devargs_parsef(&da, "%s", "net_nodriver1"), -EFAULT, "parsef");
	TEST_ASSERT_EQUAL(cap.lines(), 3, "one line each");
	return TEST_SUCCESS;
}

/* ---- a second bus: it recognises "hpbus_dev*" and cannot plug ---- */

int
other_scan(void)
{
	return 0;
}

int
other_parse(const char *name)
{
	return strncmp(name, "hpbus_dev", 9) == 0 ? 0 : 1;
}

struct rte_bus other_bus = {"hpbus",     other_scan, other_scan, nullptr,
			    other_parse, nullptr,    nullptr,    nullptr};

int
devargs_parse_finds_the_bus(void)
{
	static bool registered;
	if (!registered)
		rte_bus_register(&other_bus); /* for the rest of this process */
	registered = true;
	struct rte_devargs da;
	TEST_ASSERT_SUCCESS(rte_devargs_parse(&da, "hpbus_dev0,k=v"), "by name");
	TEST_ASSERT(da.bus == &other_bus, "the bus that recognises it");
	TEST_ASSERT_EQUAL(std::string(da.args), std::string("k=v"), "args");
	rte_devargs_reset(&da);
	TEST_ASSERT_SUCCESS(rte_devargs_parse(&da, "hpbus:hpbus_dev1"), "by prefix");
	TEST_ASSERT(da.bus == &other_bus, "the prefix's bus");
	rte_devargs_reset(&da);
	TEST_ASSERT_SUCCESS(rte_devargs_parse(&da, "net_null0"), "vdev still first");
	TEST_ASSERT_EQUAL(std::string(rte_bus_name(da.bus)), std::string("vdev"), "vdev");
	rte_devargs_reset(&da);

	log_capture cap;
	TEST_ASSERT_EQUAL(rte_devargs_parse(&da, "hpbus:net_null0"), -EFAULT, "wrong bus");
	/* hot-plug on a bus that cannot add or remove devices */
	TEST_ASSERT_EQUAL(rte_dev_probe("hpbus_dev2"), -ENOTSUP, "probe");
	TEST_ASSERT_EQUAL(rte_eal_hotplug_add("hpbus", "hpbus_dev2", ""), -ENOENT, "add");
	TEST_ASSERT_EQUAL(rte_eal_hotplug_remove("hpbus", "hpbus_dev2"), -ENOENT, "remove");
	std::string text = cap.text();
	printf("%s", text.c_str());
	TEST_ASSERT_EQUAL(cap.lines(), 4, "one line each");
	TEST_ASSERT(text.find("bus hpbus cannot add devices") != std::string::npos, "probe's line");
	return TEST_SUCCESS;
}

// clang-format off
const struct unit_test_case devargs_cases[] = {
	TEST_CASE(devargs_parse_accepts_device_strings),
	TEST_CASE(devargs_parse_refuses_bad_strings),
	TEST_CASE(devargs_parse_finds_the_bus),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite devargs_suite = {"device strings", nullptr, nullptr, devargs_cases};

int
test_devargs(void)
{
	return unit_test_suite_runner(&devargs_suite);
}

} // namespace

REGISTER_FAST_TEST(devargs_autotest, NOHUGE_OK, ASAN_OK, test_devargs);
