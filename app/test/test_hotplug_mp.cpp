/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Hot-plug across processes. This process is the primary; two secondaries
 * (this binary again, command mp_child_hotplug_agent) do what the test
 * writes into numbered command files and print "step N: <result>". After
 * every hot-plug, whoever made it, every process is asked whether it has
 * the device and its port: all must agree. Failures are made by an unknown
 * driver, a bad driver argument, a duplicate name, and by net_hpfail, a
 * driver of this file that fails to attach or to detach in a secondary
 * started with DPKIT_HP_FAIL=attach or =detach, a device string too long to
 * travel, and a process that does not answer in time: a secondary (net_hpfail
 * with DPKIT_HP_FAIL=slow), or the primary (busy waiting for that
 * secondary; eal_hotplug.h shortens the waits).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include <bus_driver.h>
#include <bus_vdev_driver.h>
#include <eal_hotplug.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char agent_env[] = "DPKIT_HP_AGENT"; /* command file prefix */
constexpr char fail_env[] = "DPKIT_HP_FAIL";   /* "attach" or "detach" */
constexpr unsigned step_ms = 20000;

/* ---- net_hpfail: no port; fails in a secondary when told to ---- */

/* DPKIT_HP_FAIL=attach or =detach: fail that; =slow: attach slower than
 * the primary waits (hotplug_mp_* cases shorten the wait to 1 s) and say
 * when a detach is done. */
constexpr unsigned slow_attach_us = 2000000;

int
hpfail_op(const char *op)
{
	const char *f = getenv(fail_env);
	if (rte_eal_process_type() != RTE_PROC_SECONDARY || f == nullptr)
		return 0;
	if (strcmp(f, "slow") == 0) {
		if (strcmp(op, "attach") == 0)
			usleep(slow_attach_us);
		else
			printf("net_hpfail: slow secondary detached\n");
		fflush(stdout);
		return 0;
	}
	if (strcmp(f, op) != 0)
		return 0;
	RTE_LOG(ERR, USER1, "net_hpfail: this secondary refuses to %s (test)\n", op);
	return -EIO;
}

int
hpfail_probe(struct rte_vdev_device *)
{
	return hpfail_op("attach");
}

int
hpfail_remove(struct rte_vdev_device *)
{
	return hpfail_op("detach");
}

struct rte_vdev_driver hpfail_driver = {{"net_hpfail", nullptr}, hpfail_probe, hpfail_remove, 0};

/* ---- what one process has ---- */

int
cmp_name(const struct rte_device *dev, const void *name)
{
	return strcmp(rte_dev_name(dev), static_cast<const char *>(name));
}

std::string
state_of(const std::string &name)
{
	rte_bus *vdev = rte_bus_find_by_name("vdev");
	bool dev = vdev != nullptr && vdev->find_device(nullptr, cmp_name, name.c_str()) != nullptr;
	uint16_t id;
	bool port = rte_eth_dev_get_port_by_name(name.c_str(), &id) == 0;
	return std::string("dev=") + (dev ? "1" : "0") + " port=" + (port ? "1" : "0");
}

/* ---- the secondary: an agent that runs commands ---- */

std::string
run_command(const std::string &line)
{
	std::istringstream in(line);
	std::string op, a, b, c;
	in >> op >> a >> b >> c;
	if (op == "probe")
		return std::to_string(rte_dev_probe(a.c_str()));
	if (op == "add")
		return std::to_string(
			rte_eal_hotplug_add(a.c_str(), b.c_str(), c == "-" ? "" : c.c_str()));
	if (op == "remove")
		return std::to_string(rte_eal_hotplug_remove(a.c_str(), b.c_str()));
	if (op == "state")
		return state_of(a);
	if (op == "timeout") {
		dpkit_hotplug_test_timeouts(0, (unsigned int)std::stoul(a));
		return "0";
	}
	return "unknown command " + op;
}

bool
take_command(const std::string &path, std::string &cmd)
{
	std::ifstream f(path);
	if (!f || !std::getline(f, cmd))
		return false;
	unlink(path.c_str());
	return true;
}

int
child_agent(void)
{
	const char *base = getenv(agent_env);
	if (base == nullptr)
		return TEST_FAILED;
	rte_vdev_register(&hpfail_driver);
	printf("agent ready\n");
	fflush(stdout);
	for (unsigned n = 1;; n++) {
		std::string path = std::string(base) + "." + std::to_string(n), cmd;
		if (!mp_wait_for([&] { return take_command(path, cmd); }, 60000))
			return TEST_FAILED;
		if (cmd == "quit")
			return TEST_SUCCESS;
		std::string result = run_command(cmd);
		printf("step %u: %s\n", n, result.c_str());
		fflush(stdout);
	}
}

/* ---- the primary's handle on an agent ---- */

class agent {
public:
	int start(const std::string &dir, unsigned lcore, const char *fail = nullptr)
	{
		base_ = std::string(P_tmpdir) + "/dpkit_hp_" + std::to_string(getpid()) + "_" +
			std::to_string(lcore);
		std::string cpu = std::to_string(rte_lcore_to_cpu_id((int)rte_get_main_lcore()));
		setenv(agent_env, base_.c_str(), 1);
		if (fail != nullptr)
			setenv(fail_env, fail, 1);
		int ret = c_.start({"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir),
				    "--lcores=" + std::to_string(lcore) + "@" + cpu,
				    "mp_child_hotplug_agent"});
		unsetenv(agent_env);
		unsetenv(fail_env);
		if (ret == 0 && !c_.wait_output("agent ready", step_ms))
			ret = -ETIMEDOUT;
		return ret;
	}

	/* Run @p cmd there. @return its result line ("" on timeout). */
	std::string ask(const std::string &cmd)
	{
		std::string path = base_ + "." + std::to_string(++n_);
		std::ofstream(path + ".tmp") << cmd << "\n";
		rename((path + ".tmp").c_str(), path.c_str());
		std::string mark = "step " + std::to_string(n_) + ": ";
		if (cmd == "quit" || !c_.wait_output(mark, step_ms))
			return "";
		std::string out = c_.output();
		size_t at = out.find(mark) + mark.size();
		return out.substr(at, out.find('\n', at) - at);
	}

	/* @return the exit status (0: the agent ended well), -1 if none ran */
	int quit()
	{
		if (c_.pid() <= 0)
			return -1;
		ask("quit");
		int rc = c_.wait(step_ms);
		unlink((base_ + "." + std::to_string(n_)).c_str()); /* if never read */
		return rc;
	}

	std::string output() const { return c_.output(); }

	bool wait_output(const std::string &needle) const
	{
		return c_.wait_output(needle, step_ms);
	}

private:
	mp_child c_;
	std::string base_;
	unsigned n_ = 0;
};

/* Two agents, and net_hpfail in this process, for one case. Devices the
 * case may leave behind (it failed half-way) go when it ends. */
struct setup {
	agent a, b;
	std::vector<std::string> names;
	bool finished = false;

	int start(const std::string &dir, const char *b_fails = nullptr)
	{
		int ret = a.start(dir, 50);
		return ret == 0 ? b.start(dir, 51, b_fails) : ret;
	}
	explicit setup(std::vector<std::string> devices) : names(std::move(devices))
	{
		rte_vdev_register(&hpfail_driver);
	}
	/* End both agents. @return TEST_SUCCESS when both exit with 0. */
	int finish()
	{
		if (finished)
			return TEST_SUCCESS;
		finished = true;
		int rc_a = a.quit(), rc_b = b.quit();
		printf("---- secondary A ----\n%s---- secondary B ----\n%s", a.output().c_str(),
		       b.output().c_str());
		TEST_ASSERT(rc_a == 0 && rc_b == 0, "secondaries ended with %d and %d", rc_a, rc_b);
		return TEST_SUCCESS;
	}
	~setup()
	{
		finish();
		for (const std::string &n : names)
			if (state_of(n) != "dev=0 port=0")
				rte_vdev_uninit(n.c_str()); /* the secondaries have gone */
		rte_vdev_unregister(&hpfail_driver);
	}
	setup(const setup &) = delete;
	setup &operator=(const setup &) = delete;
};

/* Every process has (or has not) @p name: "dev=1 port=1" or "dev=0 port=0". */
#define ASSERT_EVERYWHERE(s, name, want) \
	do { \
		TEST_ASSERT_EQUAL(state_of(name), std::string(want), "primary: %s", \
				  state_of(name).c_str()); \
		std::string sa = (s).a.ask(std::string("state ") + (name)); \
		std::string sb = (s).b.ask(std::string("state ") + (name)); \
		TEST_ASSERT_EQUAL(sa, std::string(want), "secondary A: '%s'", sa.c_str()); \
		TEST_ASSERT_EQUAL(sb, std::string(want), "secondary B: '%s'", sb.c_str()); \
	} while (0)

#define ASK_EQ(ag, cmd, want) \
	do { \
		std::string got_ = (ag).ask(cmd); \
		TEST_ASSERT_EQUAL(got_, std::string(want), "'%s' gave '%s', expected '%s'", cmd, \
				  got_.c_str(), want); \
	} while (0)

/* ---- cases ---- */

int
hotplug_mp_add_in_primary_reaches_secondaries(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_null_hpa0", "net_ring_hpa1"});
	TEST_ASSERT_SUCCESS(s.start(dir), "secondaries");
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_add("vdev", "net_null_hpa0", "size=64"), "add");
	ASSERT_EVERYWHERE(s, "net_null_hpa0", "dev=1 port=1");
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_remove("vdev", "net_null_hpa0"), "remove");
	ASSERT_EVERYWHERE(s, "net_null_hpa0", "dev=0 port=0");
	/* net_ring makes its own rings; a secondary attaches to its port too */
	TEST_ASSERT_SUCCESS(rte_dev_probe("net_ring_hpa1"), "probe");
	ASSERT_EVERYWHERE(s, "net_ring_hpa1", "dev=1 port=1");
	ASK_EQ(s.b, "remove vdev net_ring_hpa1", "0");
	ASSERT_EVERYWHERE(s, "net_ring_hpa1", "dev=0 port=0");
	return s.finish();
}

int
hotplug_mp_add_in_secondary_reaches_all(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_null_hpb0", "net_null_hpb1"});
	TEST_ASSERT_SUCCESS(s.start(dir), "secondaries");
	ASK_EQ(s.a, "probe vdev:net_null_hpb0,size=128", "0");
	ASSERT_EVERYWHERE(s, "net_null_hpb0", "dev=1 port=1");
	ASK_EQ(s.b, "remove vdev net_null_hpb0", "0");
	ASSERT_EVERYWHERE(s, "net_null_hpb0", "dev=0 port=0");
	ASK_EQ(s.b, "add vdev net_null_hpb1 -", "0");
	ASSERT_EVERYWHERE(s, "net_null_hpb1", "dev=1 port=1");
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_remove("vdev", "net_null_hpb1"), "remove");
	ASSERT_EVERYWHERE(s, "net_null_hpb1", "dev=0 port=0");
	return s.finish();
}

int
hotplug_mp_refused_leaves_all_alike(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_null_hpc0", "net_null_hpc1"});
	TEST_ASSERT_SUCCESS(s.start(dir), "secondaries");
	/* no driver: refused where it is typed, before any message */
	ASK_EQ(s.a, "probe net_nodriver_hp0", std::to_string(-EINVAL).c_str());
	TEST_ASSERT_EQUAL(rte_eal_hotplug_add("vdev", "net_nodriver_hp0", ""), -EINVAL, "primary");
	/* a bad argument: refused by the primary's driver */
	ASK_EQ(s.a, "probe net_null_hpc0,bogus=1", std::to_string(-EINVAL).c_str());
	ASSERT_EVERYWHERE(s, "net_null_hpc0", "dev=0 port=0");
	TEST_ASSERT(s.a.output().find("refused by the primary process") != std::string::npos,
		    "the secondary's line");
	/* a duplicate: -EEXIST from either side, one device everywhere */
	TEST_ASSERT_SUCCESS(rte_dev_probe("net_null_hpc1"), "probe");
	ASK_EQ(s.b, "probe net_null_hpc1", std::to_string(-EEXIST).c_str());
	TEST_ASSERT_EQUAL(rte_dev_probe("net_null_hpc1"), -EEXIST, "duplicate in the primary");
	ASSERT_EVERYWHERE(s, "net_null_hpc1", "dev=1 port=1");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), 1u, "one port");
	/* a device string too long to travel */
	std::string too_long = "net_null_hpc2,size=64" + std::string(240, ' ');
	std::replace(too_long.begin(), too_long.end(), ' ', '7');
	ASK_EQ(s.a, ("probe " + too_long).c_str(), std::to_string(-E2BIG).c_str());
	TEST_ASSERT_EQUAL(rte_dev_probe(too_long.c_str()), -E2BIG, "too long in the primary");
	ASSERT_EVERYWHERE(s, "net_null_hpc2", "dev=0 port=0");
	/* absent */
	ASK_EQ(s.a, "remove vdev net_null_hpc9", std::to_string(-ENOENT).c_str());
	ASK_EQ(s.a, "remove nobus net_null_hpc1", std::to_string(-ENOENT).c_str());
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_remove("vdev", "net_null_hpc1"), "remove");
	ASSERT_EVERYWHERE(s, "net_null_hpc1", "dev=0 port=0");
	return s.finish();
}

int
hotplug_mp_secondary_attach_failure_rolls_back(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_hpfail0", "net_hpfail1"});
	TEST_ASSERT_SUCCESS(s.start(dir, "attach"), "secondaries");
	TEST_ASSERT_EQUAL(rte_dev_probe("net_hpfail0"), -EIO, "B refuses");
	ASSERT_EVERYWHERE(s, "net_hpfail0", "dev=0 port=0");
	ASK_EQ(s.a, "probe net_hpfail1", std::to_string(-EIO).c_str());
	ASSERT_EVERYWHERE(s, "net_hpfail1", "dev=0 port=0");
	TEST_ASSERT(s.b.output().find("refuses to attach") != std::string::npos, "B's line");
	return s.finish();
}

int
hotplug_mp_secondary_detach_failure_rolls_back(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_hpfail2"});
	TEST_ASSERT_SUCCESS(s.start(dir, "detach"), "secondaries");
	TEST_ASSERT_SUCCESS(rte_dev_probe("net_hpfail2"), "probe");
	ASSERT_EVERYWHERE(s, "net_hpfail2", "dev=1 port=0");
	TEST_ASSERT_EQUAL(rte_eal_hotplug_remove("vdev", "net_hpfail2"), -EIO, "B refuses");
	/* A detached it, then attached it again */
	ASSERT_EVERYWHERE(s, "net_hpfail2", "dev=1 port=0");
	ASK_EQ(s.a, "remove vdev net_hpfail2", std::to_string(-EIO).c_str());
	ASSERT_EVERYWHERE(s, "net_hpfail2", "dev=1 port=0");
	TEST_ASSERT(s.b.output().find("refuses to detach") != std::string::npos, "B's line");
	return s.finish();
}

/* This process waits @p ms for each secondary while it lives. */
struct short_wait {
	explicit short_wait(unsigned int ms) { dpkit_hotplug_test_timeouts(ms, 0); }
	~short_wait() { dpkit_hotplug_test_timeouts(0, 0); }
	short_wait(const short_wait &) = delete;
	short_wait &operator=(const short_wait &) = delete;
};

/* B attached net_hpfail slowly and then detached it (the rollback); the
 * primary's rollback is over: every process is back to "absent". */
int
all_rolled_back(setup &s, const char *name)
{
	TEST_ASSERT(s.b.wait_output("slow secondary detached"), "B never detached");
	TEST_ASSERT(mp_wait_for([name] { return state_of(name) == "dev=0 port=0"; }, step_ms),
		    "the primary kept %s", name);
	ASK_EQ(s.a, (std::string("state ") + name).c_str(), "dev=0 port=0");
	ASK_EQ(s.b, (std::string("state ") + name).c_str(), "dev=0 port=0");
	return TEST_SUCCESS;
}

int
hotplug_mp_silent_secondary_rolls_back(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_hpfail3"});
	TEST_ASSERT_SUCCESS(s.start(dir, "slow"), "secondaries");
	short_wait w(1000);
	/* B answers after 2 s: the primary gives up after 1 s and rolls back;
	 * B then attaches and, in order, detaches again */
	TEST_ASSERT_EQUAL(rte_dev_probe("net_hpfail3"), -ENOMSG, "B did not answer");
	if (all_rolled_back(s, "net_hpfail3") != TEST_SUCCESS)
		return TEST_FAILED;
	return s.finish();
}

int
hotplug_mp_silent_primary_fails_the_secondary(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_hpfail4"});
	TEST_ASSERT_SUCCESS(s.start(dir, "slow"), "secondaries");
	short_wait w(1000);
	/* A waits 0.3 s for the primary, which waits 1 s for B */
	ASK_EQ(s.a, "timeout 300", "0");
	ASK_EQ(s.a, "probe net_hpfail4", std::to_string(-ENOMSG).c_str());
	TEST_ASSERT(s.a.output().find("no answer from the primary process") != std::string::npos,
		    "A's line");
	if (all_rolled_back(s, "net_hpfail4") != TEST_SUCCESS)
		return TEST_FAILED;
	return s.finish();
}

int
hotplug_mp_late_secondary_sees_device(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	setup s({"net_null_hpe0"});
	TEST_ASSERT_SUCCESS(rte_dev_probe("net_null_hpe0"), "probe");
	TEST_ASSERT_SUCCESS(s.start(dir), "secondaries");
	ASSERT_EVERYWHERE(s, "net_null_hpe0", "dev=1 port=1");
	TEST_ASSERT_SUCCESS(rte_eal_hotplug_remove("vdev", "net_null_hpe0"), "remove");
	ASSERT_EVERYWHERE(s, "net_null_hpe0", "dev=0 port=0");
	return s.finish();
}

// clang-format off
const struct unit_test_case hotplug_cases[] = {
	TEST_CASE(hotplug_mp_add_in_primary_reaches_secondaries),
	TEST_CASE(hotplug_mp_add_in_secondary_reaches_all),
	TEST_CASE(hotplug_mp_refused_leaves_all_alike),
	TEST_CASE(hotplug_mp_secondary_attach_failure_rolls_back),
	TEST_CASE(hotplug_mp_secondary_detach_failure_rolls_back),
	TEST_CASE(hotplug_mp_silent_secondary_rolls_back),
	TEST_CASE(hotplug_mp_silent_primary_fails_the_secondary),
	TEST_CASE(hotplug_mp_late_secondary_sees_device),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite hotplug_suite = {"multi-process: hot-plug", nullptr, nullptr,
					      hotplug_cases};

int
test_hotplug_mp(void)
{
	return unit_test_suite_runner(&hotplug_suite);
}

} // namespace

REGISTER_FAST_TEST(hotplug_mp_autotest, NOHUGE_OK, ASAN_OK, test_hotplug_mp);
REGISTER_TEST_COMMAND(mp_child_hotplug_agent, child_agent);
