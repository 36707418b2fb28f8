/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The telemetry server over its socket: the greeting and a session,
 * clients that leave mid-reply or stop reading, 100 clients at once,
 * failures injected at every socket and allocation call, and the EAL
 * options that turn it off (child processes, since the EAL starts once).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_telemetry.h>
#include <telemetry_internal.h>

#include "test.h"
#include "test_telemetry.h"

static std::string
socket_path()
{
	return std::string(rte_eal_get_runtime_dir()) + "/dpdk_telemetry.v2";
}

static bool
exists(const std::string &path)
{
	struct stat st;
	return stat(path.c_str(), &st) == 0;
}

#define SKIP_WITHOUT_SERVER() \
	do { \
		if (strcmp(dpkit_telemetry_socket_path(), "") == 0) \
			TEST_SKIP( \
				"the EAL serves no telemetry socket (--no-telemetry or --in-memory)"); \
	} while (0)

/* Send @p req and return the reply, or "<...>" on failure. */
static std::string
ask(int fd, const std::string &req)
{
	if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) != (ssize_t)req.size())
		return "<send failed>";
	return tel_recv(fd);
}

/* The fd count once the server has closed the clients earlier cases left
 * (it does so asynchronously): the same count over 100 ms. */
static unsigned int
settled_fds(void)
{
	unsigned int n = tel_count_fds();
	for (int same = 0, i = 0; same < 10 && i < 300; i++) {
		usleep(10000);
		unsigned int m = tel_count_fds();
		same = m == n ? same + 1 : 0;
		n = m;
	}
	return n;
}

static int
test_telemetry_socket_greeting_and_session(void)
{
	SKIP_WITHOUT_SERVER();
	TEST_ASSERT_EQUAL(std::string(dpkit_telemetry_socket_path()), socket_path(), "path");
	int fd = tel_connect(socket_path(), 2000);
	TEST_ASSERT(fd >= 0, "connect %s: %s", socket_path().c_str(), strerror(errno));
	std::string g = tel_recv(fd);
	std::string want = ",\"pid\":" + std::to_string(getpid()) + ",\"max_output_len\":16384}";
	bool ok = g.rfind("{\"version\":\"", 0) == 0 && g.find(want) != std::string::npos;
	std::string info = ask(fd, "/info");
	std::string big = ask(fd, "/info," + std::string(5000, 'p'));
	std::string list = ask(fd, "/");
	close(fd);
	TEST_ASSERT(ok, "greeting %s", g.c_str());
	TEST_ASSERT(info.rfind("{\"/info\":{\"version\"", 0) == 0, "/info: %s", info.c_str());
	TEST_ASSERT_EQUAL(big, std::string("{\"/info\":null}"), "a 5 KB request");
	TEST_ASSERT(list.find("\"/ethdev/stats\"") != std::string::npos && tel_json_valid(list),
		    "/ after the oversized request: %s", list.c_str());
	return TEST_SUCCESS;
}

static int
answer_15k(const char *, const char *, struct rte_tel_data *d)
{
	std::string v(120, 'v');
	rte_tel_data_start_dict(d);
	for (int i = 0; i < 120; i++)
		rte_tel_data_add_dict_string(d, tel_key(i).c_str(), v.c_str());
	return 0;
}

static int
test_telemetry_socket_clients_that_leave_or_stop_reading(void)
{
	SKIP_WITHOUT_SERVER();
	rte_telemetry_register_cmd("/test/big15k", answer_15k, "15 KB reply");
	unsigned int fds = settled_fds();
	/* 1. gone before the reply is sent: closed, or shut for reading (the
	 * server's send then fails with EPIPE) */
	for (int i = 0; i < 40; i++) {
		int fd = tel_connect(socket_path(), 2000);
		TEST_ASSERT(fd >= 0, "connect %d: %s", i, strerror(errno));
		tel_recv(fd);
		send(fd, "/test/big15k", 12, MSG_NOSIGNAL);
		if (i % 2 == 0) {
			close(fd);
			continue;
		}
		shutdown(fd, SHUT_RD);
		usleep(2000);
		close(fd);
	}
	TEST_ASSERT(settled_fds() == fds, "fds: %u before, %u after the leavers", fds,
		    tel_count_fds());
	/* 2. never reads: its replies pile up until the server's send would
	 * block, and the server drops it */
	int lazy = tel_connect(socket_path(), 200);
	TEST_ASSERT(lazy >= 0, "connect: %s", strerror(errno));
	std::string g = tel_recv(lazy);
	TEST_ASSERT(g.rfind("{\"version\"", 0) == 0, "the lazy client was not taken: %s",
		    g.c_str());
	int sent = 0;
	for (; sent < 2000; sent++)
		if (send(lazy, "/test/big15k", 12, MSG_NOSIGNAL) != 12)
			break;
	/* 3. meanwhile the server answers others at once */
	int fd = tel_connect(socket_path(), 2000);
	TEST_ASSERT(fd >= 0, "connect: %s", strerror(errno));
	g = tel_recv(fd);
	std::string r = ask(fd, "/info");
	close(fd);
	TEST_ASSERT(r.rfind("{\"/info\":{", 0) == 0, "a client after the lazy one: %s", r.c_str());
	/* 4. the lazy client finds its connection closed after the replies
	 * that were queued */
	unsigned int replies = 0;
	std::string m;
	do {
		m = tel_recv(lazy);
		replies++;
	} while (!m.empty() && m[0] == '{' && replies < 3000);
	close(lazy);
	printf("lazy client: %d requests sent, %u replies queued, then %s\n", sent, replies - 1,
	       m.empty() ? "closed" : m.c_str());
	TEST_ASSERT(m.empty(), "the server did not drop a client that stops reading");
	TEST_ASSERT(settled_fds() == fds, "fds: %u before, %u after", fds, tel_count_fds());
	return TEST_SUCCESS;
}

static int
test_telemetry_socket_hundred_clients(void)
{
	SKIP_WITHOUT_SERVER();
	std::vector<int> fds;
	unsigned int greeted = 0, refused = 0, other = 0, answered = 0;
	for (int i = 0; i < 100; i++) {
		int fd = tel_connect(socket_path(), 2000);
		if (fd < 0) {
			other++;
			continue;
		}
		fds.push_back(fd);
		std::string g = tel_recv(fd);
		if (g.empty())
			refused++;
		else if (g.rfind("{\"version\"", 0) == 0)
			greeted++;
		else
			other++;
	}
	for (int fd : fds)
		if (ask(fd, "/info").rfind("{\"/info\":{", 0) == 0)
			answered++;
	for (int fd : fds)
		close(fd);
	printf("100 clients: %u greeted and answered %u, %u closed at once, %u other\n", greeted,
	       answered, refused, other);
	TEST_ASSERT(greeted == DPKIT_TELEMETRY_MAX_CLIENTS && answered == greeted,
		    "want %d greeted and answered", DPKIT_TELEMETRY_MAX_CLIENTS);
	TEST_ASSERT(refused == 100 - greeted && other == 0, "the others must be closed cleanly");
	/* once they are gone the server takes new clients again */
	std::string g;
	for (int i = 0; i < 100 && g.rfind("{\"version\"", 0) != 0; i++) {
		int fd = tel_connect(socket_path(), 2000);
		g = fd >= 0 ? tel_recv(fd) : "";
		if (fd >= 0)
			close(fd);
		if (g.empty())
			usleep(20000);
	}
	TEST_ASSERT(g.rfind("{\"version\"", 0) == 0, "no client taken after the 100 left");
	return TEST_SUCCESS;
}

static int
restart(void)
{
	dpkit_telemetry_config c{};
	std::string dir = rte_eal_get_runtime_dir();
	c.runtime_dir = dir.c_str();
	c.version = "test";
	c.log_fn = rte_log;
	c.logtype = RTE_LOGTYPE_EAL;
	c.thread_create = rte_ctrl_thread_create;
	return dpkit_telemetry_start(&c);
}

static int
test_telemetry_socket_faults_leave_nothing_behind(void)
{
	SKIP_WITHOUT_SERVER();
	dpkit_telemetry_stop();
	dpkit_telemetry_stop(); /* idempotent */
	TEST_ASSERT(!exists(socket_path()), "socket left after stop");
	unsigned int fds = settled_fds();
	struct {
		const char *site;
		int err;
	} starts[] = {
		{"socket", EMFILE}, {"bind", EACCES}, {"listen", EADDRINUSE}, {"thread", EAGAIN}};
	for (const auto &f : starts) {
		TEST_ASSERT_EQUAL(dpkit_telemetry_fault_arm(f.site, f.err), 0, "arm %s", f.site);
		int ret = restart();
		TEST_ASSERT_EQUAL(ret, -f.err, "start with %s failing", f.site);
		TEST_ASSERT(!exists(socket_path()), "socket left after a %s failure", f.site);
		TEST_ASSERT_EQUAL(tel_count_fds(), fds, "fds after a %s failure", f.site);
		TEST_ASSERT_EQUAL(std::string(dpkit_telemetry_socket_path()), std::string(""),
				  "a path after a failed start");
	}
	TEST_ASSERT_EQUAL(restart(), 0, "start");
	TEST_ASSERT_EQUAL(restart(), -EALREADY, "second start");

	TEST_ASSERT_EQUAL(dpkit_telemetry_fault_arm("accept", EMFILE), 0, "arm accept");
	int fd = tel_connect(socket_path(), 2000);
	std::string g = fd >= 0 ? tel_recv(fd) : "<no connect>";
	TEST_ASSERT(g.rfind("{\"version\":\"test\"", 0) == 0, "greeting after a failed accept: %s",
		    g.c_str());
	TEST_ASSERT_EQUAL(dpkit_telemetry_fault_arm("alloc", ENOMEM), 0, "arm alloc");
	std::string r = ask(fd, "/info");
	TEST_ASSERT_EQUAL(r, std::string("{\"/info\":null}"), "reply without memory");
	TEST_ASSERT_EQUAL(dpkit_telemetry_fault_arm("send", EPIPE), 0, "arm send");
	r = ask(fd, "/info");
	TEST_ASSERT_EQUAL(r, std::string(""), "a failed send drops the client");
	close(fd);
	TEST_ASSERT_EQUAL(dpkit_telemetry_fault_arm("nosuch", EIO), -EINVAL, "unknown site");
	TEST_ASSERT_EQUAL(dpkit_telemetry_fault_arm("send", 0), -EINVAL, "errno 0");
	return TEST_SUCCESS;
}

/* ---- the EAL options, in children ---- */

static int
telemetry_child(void)
{
	printf("telemetry_socket=%d\n", exists(socket_path()) ? 1 : 0);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(telemetry_child, telemetry_child);

static int
test_telemetry_socket_eal_options(void)
{
	std::string prefix = "--file-prefix=telemetry_child_" + std::to_string(getpid());
	/* a prefix that leaves room for the multi-process socket's path
	 * (<dir>/mp_socket) but not for the telemetry socket's
	 * (<dir>/dpdk_telemetry.v2) in sockaddr_un's 107 bytes */
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	std::string base = geteuid() == 0   ? "/var/run/dpdk/"
			   : xdg != nullptr ? std::string(xdg) + "/dpdk/"
					    : "/tmp/dpdk/";
	size_t prefix_len = 107 - base.size() - strlen("/mp_socket");
	std::string too_long = "--file-prefix=" + std::string(prefix_len, 'p');
	struct {
		std::vector<const char *> args;
		int status;
		const char *want;
	} cases[] = {
		{{prefix.c_str()}, 0, "telemetry_socket=1"},
		{{prefix.c_str(), "--no-telemetry"}, 0, "telemetry_socket=0"},
		{{prefix.c_str(), "--no-telemetry", "--telemetry"}, 0, "telemetry_socket=1"},
		{{prefix.c_str(), "--in-memory"}, 0, "telemetry_socket=0"},
		{{too_long.c_str()}, 1, "pass --no-telemetry to run without it"},
		{{too_long.c_str(), "--no-telemetry"}, 0, "telemetry_socket=0"},
	};
	for (const auto &c : cases) {
		std::vector<const char *> argv{"dpkit-test", "--no-huge", "-m", "64", "-l", "0"};
		argv.insert(argv.end(), c.args.begin(), c.args.end());
		argv.push_back("telemetry_child");
		argv.push_back(nullptr);
		std::string out;
		int st = test_exec_self_capture(argv.data(), out);
		TEST_ASSERT(st == c.status && out.find(c.want) != std::string::npos,
			    "%s %s: exit %d (want %d), want '%s' in:\n%s", c.args[0],
			    c.args.size() > 1 ? c.args[1] : "", st, c.status, c.want, out.c_str());
	}
	return TEST_SUCCESS;
}

static const struct unit_test_case socket_cases[] = {
	TEST_CASE(test_telemetry_socket_greeting_and_session),
	TEST_CASE(test_telemetry_socket_clients_that_leave_or_stop_reading),
	TEST_CASE(test_telemetry_socket_hundred_clients),
	TEST_CASE(test_telemetry_socket_faults_leave_nothing_behind),
	TEST_CASE(test_telemetry_socket_eal_options),
	TEST_CASES_END(),
};

static struct unit_test_suite socket_suite = {"telemetry socket", nullptr, nullptr, socket_cases};

static int
test_telemetry_socket(void)
{
	return unit_test_suite_runner(&socket_suite);
}

REGISTER_FAST_TEST(telemetry_socket_autotest, NOHUGE_OK, ASAN_OK, test_telemetry_socket);
