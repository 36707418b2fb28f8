/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A veth pair in a network namespace of a test suite's own ("ip netns
 * add", "ip link add ... type veth"), and a way to run code inside it.
 * Ports probed while the calling thread is inside (setns) keep their
 * sockets there; the thread then returns to its own namespace and drives
 * them from there. Without root or without the ip tool, skip_reason says
 * why and the suite's cases skip.
 */

#ifndef _TEST_NETNS_H_
#define _TEST_NETNS_H_

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

namespace test_netns {

/* Run @p cmd through the shell; its output (stdout and stderr) in @p out. */
inline int
run(const std::string &cmd, std::string *out = nullptr)
{
	FILE *f = popen((cmd + " 2>&1").c_str(), "r");
	if (f == nullptr)
		return -1;
	char buf[512];
	std::string text;
	while (fgets(buf, sizeof(buf), f) != nullptr)
		text += buf;
	int rc = pclose(f);
	if (out != nullptr)
		*out = text;
	return rc;
}

struct veth_ns {
	std::string name;
	std::string skip_reason; /* non-empty: cannot run here */
	bool created = false;

	/* Namespace <prefix><pid> holding veth @p a and @p b, both up; @p
	 * link_args go to each end of "ip link add" (e.g. queue counts). */
	void create(const std::string &prefix, const char *a, const char *b,
		    const std::string &link_args = "")
	{
		name = prefix + std::to_string(getpid());
		if (geteuid() != 0) {
			skip_reason = "not root: creating a network namespace needs CAP_SYS_ADMIN";
			return;
		}
		std::string out;
		if (run("ip netns add " + name, &out) != 0) {
			skip_reason = "'ip netns add' failed: " + out;
			return;
		}
		created = true;
		const std::string in = "ip netns exec " + name + " ";
		for (const std::string &cmd :
		     {in + "ip link add " + a + link_args + " type veth peer name " + b + link_args,
		      in + "ip link set " + a + " up", in + "ip link set " + b + " up"}) {
			if (run(cmd, &out) != 0) {
				skip_reason = "'" + cmd + "' failed: " + out;
				return;
			}
		}
		/* keep IPv6 autoconfiguration chatter off the wire (best effort) */
		run(in + "sysctl -qw net.ipv6.conf.all.disable_ipv6=1");
		run(in + "sysctl -qw net.ipv6.conf." + a + ".disable_ipv6=1");
		run(in + "sysctl -qw net.ipv6.conf." + b + ".disable_ipv6=1");
	}

	~veth_ns()
	{
		if (created)
			run("ip netns del " + name);
	}

	std::string path() const { return "/run/netns/" + name; }

	int run(const std::string &cmd, std::string *out = nullptr) const
	{
		return test_netns::run(cmd, out);
	}
};

/* Run @p fn with this thread inside @p ns. */
template <typename Fn>
inline auto
inside(const veth_ns &ns, Fn fn) -> decltype(fn())
{
	int self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	int target = open(ns.path().c_str(), O_RDONLY | O_CLOEXEC);
	bool entered = self >= 0 && target >= 0 && setns(target, CLONE_NEWNET) == 0;
	auto result = fn();
	if (entered && setns(self, CLONE_NEWNET) != 0)
		abort(); /* this thread would act in the wrong namespace from now on */
	if (self >= 0)
		close(self);
	if (target >= 0)
		close(target);
	return result;
}

} // namespace test_netns

#endif /* _TEST_NETNS_H_ */
