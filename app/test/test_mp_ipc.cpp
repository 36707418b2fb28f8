/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_mp_* between real processes: this test is the primary, children
 * (this binary again, mp_child_* commands) are secondaries. Shown: requests
 * both ways with replies counted, descriptors passed in both directions,
 * broadcast to two secondaries, asynchronous requests, timeouts, a dead
 * secondary's socket removed, and a secondary whose primary has gone.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include <rte_eal.h>
#include <rte_errno.h>

#include "test.h"
#include "test_mp.h"

namespace {

struct rte_mp_msg
make_msg(const char *name)
{
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", name);
	return m;
}

/* A memfd holding @p text, or -1. */
int
text_fd(const char *text)
{
	int fd = memfd_create("mp_test", MFD_CLOEXEC);
	if (fd >= 0 && write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* What a received descriptor holds (read from the start). */
std::string
fd_text(int fd)
{
	char buf[64] = {0};
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	return n > 0 ? std::string(buf, (size_t)n) : std::string();
}

struct timespec
ms(long v)
{
	return {v / 1000, (v % 1000) * 1000000};
}

/* ---- the secondary side ---- */

std::atomic<bool> child_quit{false};

int
sec_echo(const struct rte_mp_msg *m, const void *peer)
{
	struct rte_mp_msg r = make_msg(m->name);
	r.len_param = 1;
	r.param[0] = (uint8_t)(m->param[0] + 1);
	return rte_mp_reply(&r, (const char *)peer);
}

int
sec_quit(const struct rte_mp_msg *, const void *)
{
	child_quit = true;
	return 0;
}

#define CHILD_CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			printf("CHILD FAIL line %d: ", __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
			return TEST_FAILED; \
		} \
	} while (0)

/* Request the primary's echo with a descriptor, see a timeout, say ready. */
int
child_talk_to_primary(void)
{
	struct rte_mp_msg req = make_msg("mp_test_prim_echo");
	req.len_param = 2;
	memcpy(req.param, "hi", 2);
	req.num_fds = 1;
	req.fds[0] = text_fd("fdtext");
	CHILD_CHECK(req.fds[0] >= 0, "memfd");
	struct rte_mp_reply rep;
	struct timespec ts = ms(5000);
	int rc = rte_mp_request_sync(&req, &rep, &ts);
	close(req.fds[0]);
	CHILD_CHECK(rc == 0 && rep.nb_sent == 1 && rep.nb_received == 1,
		    "echo: rc %d errno %d sent %d received %d", rc, rte_errno, rep.nb_sent,
		    rep.nb_received);
	struct rte_mp_msg &r = rep.msgs[0];
	CHILD_CHECK(r.len_param == 3 && memcmp(r.param, "hi!", 3) == 0, "echo reply payload");
	CHILD_CHECK(r.num_fds == 1 && fd_text(r.fds[0]) == "primary-fd", "reply descriptor");
	close(r.fds[0]);
	free(rep.msgs);

	struct rte_mp_msg silent = make_msg("mp_test_silent");
	ts = ms(200);
	rc = rte_mp_request_sync(&silent, &rep, &ts);
	CHILD_CHECK(rc == -1 && rte_errno == ETIMEDOUT && rep.nb_sent == 1 && rep.nb_received == 0,
		    "silent: rc %d errno %d sent %d", rc, rte_errno, rep.nb_sent);
	free(rep.msgs);

	struct rte_mp_msg ready = make_msg("mp_test_ready");
	CHILD_CHECK(rte_mp_sendmsg(&ready) == 0, "ready: errno %d", rte_errno);
	return TEST_SUCCESS;
}

int
mp_child_ipc(void)
{
	CHILD_CHECK(rte_eal_process_type() == RTE_PROC_SECONDARY, "not a secondary");
	CHILD_CHECK(rte_mp_action_register("mp_test_sec_echo", sec_echo) == 0, "register");
	CHILD_CHECK(rte_mp_action_register("mp_test_quit", sec_quit) == 0, "register");
	if (child_talk_to_primary() != TEST_SUCCESS)
		return TEST_FAILED;
	CHILD_CHECK(mp_wait_for([] { return child_quit.load(); }, 20000), "no quit message");
	printf("CHILD OK\n");
	return TEST_SUCCESS;
}

/* Say ready, then outlive the primary: sending fails in one line. */
int
mp_child_orphan(void)
{
	struct rte_mp_msg ready = make_msg("mp_test_ready");
	CHILD_CHECK(rte_mp_sendmsg(&ready) == 0, "ready: errno %d", rte_errno);
	CHILD_CHECK(mp_wait_for([] { return rte_eal_primary_proc_alive(nullptr) == 0; }, 20000),
		    "the primary did not exit");
	printf("primary gone\n");
	fflush(stdout);
	CHILD_CHECK(rte_mp_sendmsg(&ready) == -1 &&
			    (rte_errno == ENOENT || rte_errno == ECONNREFUSED),
		    "send to a gone primary: errno %d", rte_errno);
	struct rte_mp_reply rep;
	struct timespec ts = ms(200);
	CHILD_CHECK(rte_mp_request_sync(&ready, &rep, &ts) == -1 && rep.nb_sent == 0,
		    "request to a gone primary");
	printf("ORPHAN OK\n");
	return TEST_SUCCESS;
}

/* A primary that exits as soon as one secondary said ready. */
std::atomic<int> ready_count{0};

int
on_ready(const struct rte_mp_msg *, const void *)
{
	ready_count++;
	return 0;
}

int
mp_child_primary_once(void)
{
	CHILD_CHECK(rte_mp_action_register("mp_test_ready", on_ready) == 0, "register");
	printf("primary up\n");
	fflush(stdout);
	CHILD_CHECK(mp_wait_for([] { return ready_count.load() > 0; }, 20000), "no secondary");
	return TEST_SUCCESS;
}

/* ---- the primary side (this test process) ---- */

std::atomic<int> echo_ok{0}, silent_seen{0};

int
prim_echo(const struct rte_mp_msg *m, const void *peer)
{
	if (m->num_fds == 1 && fd_text(m->fds[0]) == "fdtext" && m->len_param == 2)
		echo_ok++;
	for (int i = 0; i < m->num_fds; i++)
		close(m->fds[i]);
	struct rte_mp_msg r = make_msg(m->name);
	r.len_param = 3;
	memcpy(r.param, "hi!", 3);
	r.num_fds = 1;
	r.fds[0] = text_fd("primary-fd");
	int rc = rte_mp_reply(&r, (const char *)peer);
	close(r.fds[0]);
	return rc;
}

/* No reply; and a synchronous request from an action is refused. */
int
prim_silent(const struct rte_mp_msg *m, const void *)
{
	struct rte_mp_msg req = make_msg(m->name);
	struct rte_mp_reply rep;
	struct timespec ts = ms(10);
	if (rte_mp_request_sync(&req, &rep, &ts) == -1 && rte_errno == EDEADLK)
		silent_seen++;
	return 0;
}

std::atomic<int> async_sent{-1}, async_received{-1};

int
async_done(const struct rte_mp_msg *, const struct rte_mp_reply *reply)
{
	int sum = 0;
	for (int i = 0; i < reply->nb_received; i++)
		sum += reply->msgs[i].param[0];
	async_sent = reply->nb_sent;
	async_received = sum == 42 * reply->nb_received ? reply->nb_received : -2;
	return 0;
}

class actions_guard {
public:
	actions_guard()
	{
		ok_ = rte_mp_action_register("mp_test_prim_echo", prim_echo) == 0 &&
		      rte_mp_action_register("mp_test_silent", prim_silent) == 0 &&
		      rte_mp_action_register("mp_test_ready", on_ready) == 0;
	}
	~actions_guard()
	{
		rte_mp_action_unregister("mp_test_prim_echo");
		rte_mp_action_unregister("mp_test_silent");
		rte_mp_action_unregister("mp_test_ready");
	}
	bool ok() const { return ok_; }

private:
	bool ok_;
};

/* Requests to both secondaries: sync and async, replies counted. */
int
broadcast_to(const std::string &dir)
{
	TEST_ASSERT_EQUAL(mp_sockets(dir), 2u, "two secondary sockets in %s", dir.c_str());
	TEST_ASSERT(!rte_mp_disable(), "rte_mp_disable() with secondaries running");
	struct rte_mp_msg req = make_msg("mp_test_sec_echo");
	req.len_param = 1;
	req.param[0] = 41;
	struct rte_mp_reply rep;
	struct timespec ts = ms(5000);
	TEST_ASSERT_SUCCESS(rte_mp_request_sync(&req, &rep, &ts), "sync: errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rep.nb_sent, 2, "sent");
	TEST_ASSERT_EQUAL(rep.nb_received, 2, "received");
	for (int i = 0; i < 2; i++)
		TEST_ASSERT_EQUAL(rep.msgs[i].param[0], 42, "reply %d", i);
	free(rep.msgs);

	TEST_ASSERT_SUCCESS(rte_mp_request_async(&req, &ts, async_done), "async");
	TEST_ASSERT(mp_wait_for([] { return async_sent.load() >= 0; }, 10000), "no callback");

	/* no action at the secondaries: no reply, the request times out; a
	 * second request of that name meanwhile is refused */
	struct rte_mp_msg none = make_msg("mp_test_nothing");
	std::atomic<int> second_rc{0}, second_errno{0};
	std::thread t([&] {
		usleep(100000);
		struct rte_mp_reply r2;
		struct timespec t2 = ms(100);
		second_rc = rte_mp_request_sync(&none, &r2, &t2);
		second_errno = rte_errno;
		free(r2.msgs);
	});
	ts = ms(600);
	int rc = rte_mp_request_sync(&none, &rep, &ts);
	int err = rte_errno;
	t.join();
	free(rep.msgs);
	TEST_ASSERT(rc == -1 && err == ETIMEDOUT && rep.nb_received == 0,
		    "unanswered request: rc %d errno %d received %d", rc, err, rep.nb_received);
	TEST_ASSERT(second_rc.load() == -1 && second_errno.load() == EEXIST,
		    "second pending request: rc %d errno %d", second_rc.load(),
		    second_errno.load());
	TEST_ASSERT_EQUAL(async_sent.load(), 2, "async sent");
	TEST_ASSERT_EQUAL(async_received.load(), 2, "async received (-2: wrong payload)");
	return TEST_SUCCESS;
}

int
mp_ipc_two_secondaries(void)
{
	std::string dir = rte_eal_get_runtime_dir();
	std::string prefix = "--file-prefix=" + mp_prefix_of(dir);
	actions_guard g;
	TEST_ASSERT(g.ok(), "register the primary's actions");
	ready_count = 0;
	echo_ok = 0;
	silent_seen = 0;
	mp_child a, b;
	TEST_ASSERT_SUCCESS(a.start({"--proc-type=secondary", prefix, "mp_child_ipc"}), "spawn");
	TEST_ASSERT_SUCCESS(b.start({"--proc-type=secondary", prefix, "mp_child_ipc"}), "spawn");
	bool up = mp_wait_for([] { return ready_count.load() == 2; }, 20000);
	TEST_ASSERT(up, "secondaries not ready:\n%s\n%s", a.output().c_str(), b.output().c_str());
	TEST_ASSERT_EQUAL(echo_ok.load(), 2, "requests with a descriptor from the secondaries");
	TEST_ASSERT_EQUAL(silent_seen.load(), 2, "rte_mp_request_sync from an action");
	int rc = broadcast_to(dir);

	struct rte_mp_msg quit = make_msg("mp_test_quit");
	TEST_ASSERT_SUCCESS(rte_mp_sendmsg(&quit), "quit: errno %d", rte_errno);
	int ra = a.wait(10000), rb = b.wait(10000);
	TEST_ASSERT_EQUAL(rc, TEST_SUCCESS, "broadcast");
	TEST_ASSERT(ra == 0 && a.output().find("CHILD OK") != std::string::npos, "a: %d %s", ra,
		    a.output().c_str());
	/* the round stopped at the first secondary that did not answer */
	TEST_ASSERT_EQUAL(mp_count(a.output() + b.output(),
				   "no action registered for message mp_test_nothing"),
			  1u, "a: %s\nb: %s", a.output().c_str(), b.output().c_str());
	TEST_ASSERT(rb == 0 && b.output().find("CHILD OK") != std::string::npos, "b: %d %s", rb,
		    b.output().c_str());
	TEST_ASSERT_EQUAL(mp_sockets(dir), 0u, "sockets left by exited secondaries");

	struct rte_mp_reply rep;
	struct timespec ts = ms(200);
	TEST_ASSERT_SUCCESS(rte_mp_request_sync(&quit, &rep, &ts), "to nobody");
	TEST_ASSERT_EQUAL(rep.nb_sent, 0, "sent to nobody");
	return TEST_SUCCESS;
}

/* A killed secondary's socket stays; the next broadcast removes it. */
int
mp_ipc_dead_secondary(void)
{
	std::string dir = rte_eal_get_runtime_dir();
	std::string prefix = "--file-prefix=" + mp_prefix_of(dir);
	actions_guard g;
	TEST_ASSERT(g.ok(), "register the primary's actions");
	ready_count = 0;
	mp_child a;
	TEST_ASSERT_SUCCESS(a.start({"--proc-type=secondary", prefix, "mp_child_ipc"}), "spawn");
	TEST_ASSERT(mp_wait_for([] { return ready_count.load() == 1; }, 20000),
		    "secondary not ready: %s", a.output().c_str());
	a.kill_now();
	TEST_ASSERT_EQUAL(mp_sockets(dir), 1u, "the killed secondary's socket");
	struct rte_mp_msg req = make_msg("mp_test_sec_echo");
	struct rte_mp_reply rep;
	struct timespec ts = ms(1000);
	TEST_ASSERT_SUCCESS(rte_mp_request_sync(&req, &rep, &ts), "errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rep.nb_sent, 0, "a dead secondary is not counted");
	TEST_ASSERT_EQUAL(mp_sockets(dir), 0u, "the dead socket was not removed");

	/* only secondary sockets in the runtime directory are removed, not a
	 * dead socket a caller names as peer */
	std::string other = dir + "_not_a_peer";
	TEST_ASSERT(mp_make_dead_socket(other), "socket %s", other.c_str());
	rte_errno = 0;
	int rc = rte_mp_reply(&req, other.c_str());
	int err = rte_errno;
	bool kept = access(other.c_str(), F_OK) == 0;
	unlink(other.c_str());
	TEST_ASSERT(rc == -1 && err == ECONNREFUSED, "reply to a dead peer: %d %d", rc, err);
	TEST_ASSERT(kept, "rte_mp_reply() removed %s", other.c_str());
	return TEST_SUCCESS;
}

/* A secondary outliving its primary gets one line per failed send. */
int
mp_ipc_primary_gone(void)
{
	std::string prefix = "--file-prefix=" + mp_prefix_of(rte_eal_get_runtime_dir()) + "_p";
	mp_child p, s;
	TEST_ASSERT_SUCCESS(p.start({prefix, "mp_child_primary_once"}), "spawn primary");
	TEST_ASSERT(p.wait_output("primary up", 20000), "primary child: %s", p.output().c_str());
	TEST_ASSERT_SUCCESS(s.start({"--proc-type=secondary", prefix, "mp_child_orphan"}),
			    "spawn secondary");
	int rp = p.wait(20000), rs = s.wait(20000);
	std::string out = s.output();
	TEST_ASSERT_EQUAL(rp, 0, "primary: %s", p.output().c_str());
	TEST_ASSERT(rs == 0 && out.find("ORPHAN OK") != std::string::npos, "secondary: %s",
		    out.c_str());
	std::string after = out.substr(out.find("primary gone"));
	TEST_ASSERT_EQUAL(mp_count(after, "no process receives on"), 2u,
			  "one line per failed send: %s", after.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case ipc_cases[] = {TEST_CASE(mp_ipc_two_secondaries),
					   TEST_CASE(mp_ipc_dead_secondary),
					   TEST_CASE(mp_ipc_primary_gone), TEST_CASES_END()};

const struct unit_test_suite ipc_suite = {"multi-process: messages", nullptr, nullptr, ipc_cases};

int
test_mp_ipc(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	return unit_test_suite_runner(&ipc_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_ipc_autotest, NOHUGE_OK, ASAN_OK, test_mp_ipc);
REGISTER_TEST_COMMAND(mp_child_ipc, mp_child_ipc);
REGISTER_TEST_COMMAND(mp_child_orphan, mp_child_orphan);
REGISTER_TEST_COMMAND(mp_child_primary_once, mp_child_primary_once);
