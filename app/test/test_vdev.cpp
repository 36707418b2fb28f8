/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * vdev_autotest: the virtual device bus. --vdev strings are tried in child
 * processes (the EAL starts once per process): good ones must give ports,
 * bad ones must make rte_eal_init() fail with exactly one line naming the
 * device and the offending argument. Run-time creation and removal, driver
 * aliases, custom scans and hot-plug are tried in this process.
 */

#include <stdio.h>
#include <string.h>

#include <rte_bus.h>
#include <rte_bus_vdev.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include "test_ethdev.h"

using namespace ethdev_test;

namespace {

/* Child side: print "port <id> <name> <driver>" for every port. */
int
vdev_list_ports(void)
{
	uint16_t p;
	RTE_ETH_FOREACH_DEV(p)
	{
		struct rte_eth_dev_info info;
		char name[RTE_ETH_NAME_MAX_LEN];
		if (rte_eth_dev_info_get(p, &info) != 0 || rte_eth_dev_get_name_by_port(p, name))
			return TEST_FAILED;
		printf("port %u %s %s\n", p, name, info.driver_name);
	}
	return TEST_SUCCESS;
}

int
test_vdev_cmdline_devices_are_probed(void)
{
	std::string out;
	int rc = run_child(
		{"--vdev", "net_null0,size=128,copy=1", "--vdev", "eth_null1", "--vdev=net_ring0"},
		"vdev_list_ports", out);
	TEST_ASSERT_EQUAL(rc, 0, "child failed:\n%s", out.c_str());
	TEST_ASSERT(out.find("port 0 net_null0 net_null\n") != std::string::npos, "%s",
		    out.c_str());
	TEST_ASSERT(out.find("port 1 eth_null1 net_null\n") != std::string::npos,
		    "alias probed by net_null:\n%s", out.c_str());
	TEST_ASSERT(out.find("port 2 net_ring0 net_ring\n") != std::string::npos, "%s",
		    out.c_str());
	return TEST_SUCCESS;
}

struct bad_vdev {
	std::vector<std::string> args; /* EAL arguments */
	const char *device;            /* must appear on exactly one line */
	const char *culprit;           /* must appear on that line */
};

int
test_vdev_cmdline_errors_fail_init_with_one_line(void)
{
	const bad_vdev cases[] = {
		{{"--vdev", "net_nul0"}, "net_nul0", "no driver"},
		{{"--vdev", "net_null0,sizee=64"}, "net_null0", "sizee=64"},
		{{"--vdev", "net_null0,size=abc"}, "net_null0", "size=abc"},
		{{"--vdev", "net_null0,size=0"}, "net_null0", "size=0"},
		{{"--vdev", "net_null0,size"}, "net_null0", "'size'"},
		{{"--vdev", "net_null0,size=64,,copy=1"}, "net_null0", "''"},
		{{"--vdev", "net_null0,copy=2"}, "net_null0", "copy=2"},
		{{"--vdev", "net_null0,size=[64"}, "net_null0", "size=[64"},
		{{"--vdev", "net_null0,size=64,size=65"}, "net_null0", "'size'"},
		{{"--vdev", "net_null0,copy=1,no-rx=1"}, "net_null0", "no-rx"},
		{{"--vdev", "net_null0", "--vdev", "net_null0,size=9"}, "net_null0", "already"},
		{{"--vdev", ",size=64"}, ",size=64", ",size=64"},
		{{"--vdev", "net_ring0,nodeaction=r:0:FOO"}, "net_ring0", "nodeaction=r:0:FOO"},
		{{"--vdev", "net_ring0,internal=7"}, "net_ring0", "internal"},
		{{"--vdev", "net_af_packet0"}, "net_af_packet0", "iface"},
		{{"--vdev", "net_af_packet0,iface=dpkit_no_such_if"},
		 "net_af_packet0",
		 "iface=dpkit_no_such_if"},
		{{"--vdev", "net_af_packet0,iface=lo,framesz=1000"}, "net_af_packet0", "framesz"},
	};
	for (const auto &c : cases) {
		std::string out;
		int rc = run_child(c.args, "vdev_list_ports", out);
		std::string what = c.args.back();
		TEST_ASSERT(rc != 0 && rc < 256, "'%s': child exit %d:\n%s", what.c_str(), rc,
			    out.c_str());
		TEST_ASSERT_EQUAL(count_lines_with(out, c.device), 1u,
				  "'%s': one line naming %s:\n%s", what.c_str(), c.device,
				  out.c_str());
		size_t at = out.find(c.device);
		size_t eol = out.find('\n', at);
		std::string line = out.substr(at, eol - at);
		TEST_ASSERT(line.find(c.culprit) != std::string::npos,
			    "'%s': the line names '%s': %s", what.c_str(), c.culprit, line.c_str());
		TEST_ASSERT(out.find("port ") == std::string::npos, "no test ran:\n%s",
			    out.c_str());
	}
	return TEST_SUCCESS;
}

int
test_vdev_runtime_init_and_uninit(void)
{
	TEST_ASSERT_EQUAL(rte_vdev_init(nullptr, ""), -EINVAL, "NULL name");
	TEST_ASSERT_EQUAL(rte_vdev_init("", ""), -EINVAL, "empty name");
	std::string longname(RTE_DEV_NAME_MAX_LEN, 'n');
	TEST_ASSERT_EQUAL(rte_vdev_init(("net_null" + longname).c_str(), ""), -EINVAL, "long");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_nothing0", ""), -EINVAL, "unknown driver");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_null_rt0", "size=-4"), -EINVAL, "bad value");
	TEST_ASSERT_EQUAL(rte_vdev_uninit("net_null_rt0"), -ENOENT, "failed device forgotten");
	TEST_ASSERT_SUCCESS(rte_vdev_init("net_null_rt0", nullptr), "NULL args");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_null_rt0", "size=100"), -EEXIST, "twice");
	uint16_t port;
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_null_rt0", &port), "port");
	/* a port the application closed leaves its device until uninit */
	TEST_ASSERT_SUCCESS(rte_eth_dev_close(port), "close");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_null_rt0", ""), -EEXIST, "device still there");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_null_rt0"), "uninit after close");
	TEST_ASSERT_EQUAL(rte_vdev_uninit("net_null_rt0"), -ENOENT, "uninit twice");
	TEST_ASSERT_EQUAL(rte_vdev_uninit(nullptr), -EINVAL, "NULL");

	/* uninit of a started port stops and closes it */
	pool p("vdev_rt", 1024);
	{
		vdev v("net_null_rt1");
		TEST_ASSERT(v.ok() && p.mp, "setup");
		TEST_ASSERT_SUCCESS(port_start(v.port, 1, 1, p.mp), "start");
		struct rte_mbuf *pkts[4];
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(v.port, 0, pkts, 4), (uint16_t)4, "rx");
		free_all(pkts, 4);
	}
	TEST_ASSERT_EQUAL(rte_eth_dev_get_port_by_name("net_null_rt1", &port), -ENODEV, "gone");
	return TEST_SUCCESS;
}

int
test_vdev_alias_and_longest_prefix(void)
{
	vdev a("eth_ring_alias0"), b("net_ring_x"), c("eth_null_y");
	TEST_ASSERT(a.ok() && b.ok() && c.ok(), "create: %d %d %d", a.ret, b.ret, c.ret);
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(a.port, &info), "info");
	TEST_ASSERT_EQUAL(std::string(info.driver_name), std::string("net_ring"), "alias");
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(c.port, &info), "info");
	TEST_ASSERT_EQUAL(std::string(info.driver_name), std::string("net_null"), "alias");
	TEST_ASSERT_EQUAL(std::string(rte_driver_name(rte_dev_driver(info.device))),
			  std::string("net_null"), "rte_dev_driver");
	TEST_ASSERT(rte_dev_is_probed(info.device), "probed");
	TEST_ASSERT_EQUAL(std::string(rte_bus_name(rte_dev_bus(info.device))), std::string("vdev"),
			  "bus");
	TEST_ASSERT_EQUAL(rte_bus_find_by_device(info.device), rte_bus_find_by_name("vdev"),
			  "bus by device");
	TEST_ASSERT_NULL(rte_bus_find_by_name("pci"), "no PCI bus");
	TEST_ASSERT(rte_dev_numa_node(info.device) >= 0, "numa node");
	char *text = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	rte_bus_dump(f);
	fclose(f);
	TEST_ASSERT(strstr(text, "vdev") != nullptr, "dump: %s", text);
	free(text);
	return TEST_SUCCESS;
}

unsigned int scan_calls;

void
scan_adds_a_port(void *arg)
{
	scan_calls++;
	rte_vdev_init(static_cast<const char *>(arg), "size=77");
}

int
test_vdev_custom_scan_runs_at_bus_scan(void)
{
	static char name[] = "net_null_scan0";
	TEST_ASSERT_EQUAL(rte_vdev_add_custom_scan(nullptr, nullptr), -EINVAL, "NULL callback");
	TEST_ASSERT_SUCCESS(rte_vdev_add_custom_scan(scan_adds_a_port, name), "add");
	TEST_ASSERT_SUCCESS(rte_vdev_add_custom_scan(scan_adds_a_port, name), "add twice");
	scan_calls = 0;
	TEST_ASSERT_SUCCESS(rte_bus_scan(), "scan");
	TEST_ASSERT_SUCCESS(rte_bus_probe(), "probe");
	TEST_ASSERT_EQUAL(scan_calls, 1u, "called once per scan");
	uint16_t port;
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name(name, &port), "the scan made a port");
	TEST_ASSERT_SUCCESS(rte_vdev_remove_custom_scan(scan_adds_a_port, (void *)-1), "remove");
	TEST_ASSERT_EQUAL(rte_vdev_remove_custom_scan(scan_adds_a_port, name), -ENOENT, "again");
	TEST_ASSERT_SUCCESS(rte_bus_scan(), "scan");
	TEST_ASSERT_EQUAL(scan_calls, 1u, "not called after removal");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit(name), "uninit");
	return TEST_SUCCESS;
}

int
test_vdev_hotplug(void)
{
	pool p("vdev_hp", 1024);
	TEST_ASSERT_NOT_NULL(p.mp, "pool");
	TEST_ASSERT_SUCCESS(rte_dev_probe("net_null_hp0,size=200"), "probe");
	uint16_t port;
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_null_hp0", &port), "port");
	TEST_ASSERT_SUCCESS(port_start(port, 1, 1, p.mp), "start");
	struct rte_mbuf *m;
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, &m, 1), (uint16_t)1, "rx");
	TEST_ASSERT_EQUAL(m->pkt_len, 200u, "size argument applied");
	rte_pktmbuf_free(m);
	struct rte_eth_dev_info info;
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(port, &info), "info");
	TEST_ASSERT_SUCCESS(rte_dev_remove(info.device), "remove a started port's device");
	TEST_ASSERT(!rte_eth_dev_is_valid_port(port), "port gone");

	TEST_ASSERT_SUCCESS(rte_dev_probe("vdev:net_null_hp1"), "bus prefix");
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_remove("vdev", "net_null_hp1"), "remove by name");
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_add("vdev", "net_ring_hp2", ""), "hotplug add");
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_remove("vdev", "net_ring_hp2"), "hotplug remove");

	TEST_ASSERT_EQUAL(rte_dev_probe(""), -EINVAL, "empty");
	TEST_ASSERT_EQUAL(rte_dev_probe(nullptr), -EINVAL, "NULL");
	TEST_ASSERT_EQUAL(rte_dev_probe("nothing_known0"), -EINVAL, "no bus takes it");
	TEST_ASSERT_EQUAL(rte_dev_probe("net_null_hp3,bogus=1"), -EINVAL, "bad argument");
	TEST_ASSERT_EQUAL(rte_eal_hotplug_add("pci", "0000:00:01.0", ""), -ENOENT, "no PCI");
	TEST_ASSERT_EQUAL(rte_eal_hotplug_add(nullptr, "x", ""), -EINVAL, "NULL bus");
	TEST_ASSERT_EQUAL(rte_eal_hotplug_remove("vdev", "net_null_hp9"), -ENOENT, "absent");
	TEST_ASSERT_EQUAL(rte_dev_remove(nullptr), -EINVAL, "NULL device");
	return TEST_SUCCESS;
}

const struct unit_test_case vdev_cases[] = {
	TEST_CASE(test_vdev_cmdline_devices_are_probed),
	TEST_CASE(test_vdev_cmdline_errors_fail_init_with_one_line),
	TEST_CASE(test_vdev_runtime_init_and_uninit),
	TEST_CASE(test_vdev_alias_and_longest_prefix),
	TEST_CASE(test_vdev_custom_scan_runs_at_bus_scan),
	TEST_CASE(test_vdev_hotplug),
	TEST_CASES_END()};

const struct unit_test_suite vdev_suite = {"vdev bus", nullptr, nullptr, vdev_cases};

int
test_vdev(void)
{
	return unit_test_suite_runner(&vdev_suite);
}

} // namespace

REGISTER_FAST_TEST(vdev_autotest, NOHUGE_OK, ASAN_OK, test_vdev);
REGISTER_TEST_COMMAND(vdev_list_ports, vdev_list_ports);
