/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mp_fault_autotest: every step of the multi-process channel and of a
 * secondary's attach fails in turn (fault kinds "ipc" and "attach" of
 * eal_fault.h), in the secondary and in the primary. This process is the
 * primary, with a ring, a pool, a memzone and a net_null port; the
 * secondaries are this binary again (test_mp.h). After each failure:
 *  - the failing call says so: a secondary that cannot attach exits from
 *    rte_eal_init with one error line (two when a datagram was dropped:
 *    the receiver's line and the requester's timeout); an rte_mp_* call
 *    returns -1 with rte_errno, one line, and hands back no reply;
 *  - the primary is as before: same descriptors, mappings, memzones,
 *    pages, heap use, and no file left in its runtime directory; its ring,
 *    pool, zone and port work, and the next secondary attaches and sees
 *    the port.
 * Lost datagrams are waited for DPKIT_FAULT_WAIT_MS, not the seconds of
 * the API. Heaps that grow: test_mp_fault_grow.cpp. Needs
 * -Dfault_injection=true.
 */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <rte_bus_vdev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "eal_fault.h"
#include "test.h"
#include "test_fault.h"
#include "test_mbuf.h" /* log_capture */
#include "test_mp.h"
#include "test_mp_fault.h"

#ifdef RTE_FAULT_INJECTION

namespace mpf {

/* ---- what the survivor (this primary) must keep ---- */

/* Mappings of a file or memfd: what a leaked page or shared config is.
 * Anonymous ones are left out: allocators (ASan's among them) map and
 * unmap those at will. */
unsigned
maps_lines()
{
	std::ifstream f("/proc/self/maps");
	std::string l;
	unsigned n = 0;
	while (std::getline(f, l))
		if (l.find(" /") != std::string::npos)
			n++;
	return n;
}

std::string
runtime_files(const std::string &dir)
{
	std::vector<std::string> names;
	if (DIR *d = opendir(dir.c_str())) {
		while (struct dirent *e = readdir(d))
			if (e->d_name[0] != '.')
				names.push_back(e->d_name);
		closedir(d);
	}
	std::sort(names.begin(), names.end());
	std::string s;
	for (const auto &n : names)
		s += n + " ";
	return s;
}

survivor
survivor_now(const std::string &dir)
{
	return {fault_footprint_now(), maps_lines(), runtime_files(dir)};
}

std::string
survivor_diff(const survivor &a, const survivor &b)
{
	std::string d = fault_footprint_diff(a.fp, b.fp);
	if (a.maps != b.maps)
		d += (d.empty() ? "" : ", ") + std::string("mappings ") + std::to_string(a.maps) +
		     " -> " + std::to_string(b.maps);
	if (a.files != b.files)
		d += (d.empty() ? "" : ", ") + std::string("runtime files [") + a.files + "] -> [" +
		     b.files + "]";
	return d;
}

/* The receiving thread may still be closing what a child sent: wait a
 * little for the primary to settle. @return "" or what differs. */
std::string
survivor_settled(const survivor &base, const std::string &dir)
{
	std::string d;
	mp_wait_for([&] { return (d = survivor_diff(base, survivor_now(dir))).empty(); }, 3000);
	return d;
}

/* The primary's objects still work. @return "" or what does not. */
std::string
primary_objects_work()
{
	rte_ring *r = rte_ring_lookup("mpf_ring");
	rte_mempool *mp = rte_mempool_lookup("mpf_pool");
	const rte_memzone *mz = rte_memzone_lookup("mpf_zone");
	if (r == nullptr || mp == nullptr || mz == nullptr)
		return "an object is gone";
	void *o = nullptr, *back = nullptr;
	if (rte_mempool_get(mp, &o) != 0)
		return "pool get fails";
	bool ok = rte_ring_enqueue(r, o) == 0 && rte_ring_dequeue(r, &back) == 0 && back == o;
	rte_mempool_put(mp, o);
	auto *b = static_cast<volatile uint8_t *>(mz->addr);
	b[0] = (uint8_t)(b[0] + 1);
	if (!ok)
		return "ring enqueue/dequeue fails";
	if (rte_eth_dev_count_avail() != 1)
		return "the port is gone";
	return "";
}

/* Log lines in a child's output: "<tag>: " lines, less the one saying a
 * fault is armed and the children's own reports (mpf ...). */
unsigned
log_lines(const std::string &out)
{
	std::istringstream in(out);
	std::string l;
	unsigned n = 0;
	while (std::getline(in, l)) {
		size_t colon = l.find(": ");
		if (colon == std::string::npos || colon == 0 || l.rfind("mpf", 0) == 0 ||
		    l.find("fault injection armed") != std::string::npos)
			continue;
		if (std::all_of(l.begin(), l.begin() + (long)colon, [](char ch) {
			    return isalnum((unsigned char)ch) || ch == '_' || ch == '.';
		    }))
			n++;
	}
	return n;
}

/* ---- children ---- */

/* A secondary: what the faults counted in its start-up, and the port. */
int
mpf_child_count(void)
{
	printf("mpf calls ipc=%llu attach=%llu ports=%u\n",
	       (unsigned long long)dpkit_fault_calls(DPKIT_FAULT_IPC),
	       (unsigned long long)dpkit_fault_calls(DPKIT_FAULT_ATTACH),
	       rte_eth_dev_count_avail());
	return TEST_SUCCESS;
}

/* ---- set-up: the primary's objects ---- */

int
mpf_setup(void)
{
	if (rte_ring_lookup("mpf_ring") == nullptr &&
	    rte_ring_create("mpf_ring", 64, SOCKET_ID_ANY, 0) == nullptr)
		return TEST_FAILED;
	if (rte_mempool_lookup("mpf_pool") == nullptr &&
	    rte_mempool_create("mpf_pool", 63, 64, 0, 0, nullptr, nullptr, nullptr, nullptr,
			       SOCKET_ID_ANY, 0) == nullptr)
		return TEST_FAILED;
	if (rte_memzone_lookup("mpf_zone") == nullptr &&
	    rte_memzone_reserve("mpf_zone", 4096, SOCKET_ID_ANY, 0) == nullptr)
		return TEST_FAILED;
	const rte_memzone *cz = rte_memzone_lookup(ctl_name);
	if (cz == nullptr)
		cz = rte_memzone_reserve(ctl_name, 64, SOCKET_ID_ANY, 0);
	if (cz == nullptr)
		return TEST_FAILED;
	if (rte_eth_dev_count_avail() == 0 && rte_vdev_init(port_name, nullptr) != 0)
		return TEST_FAILED;
	dpkit_fault_wait_cap_set(wait_cap_ms);
	return TEST_SUCCESS;
}

void
mpf_teardown(void)
{
	dpkit_fault_reset();
	dpkit_fault_wait_cap_set(0);
	rte_vdev_uninit(port_name);
}

std::vector<std::string>
secondary_args(const std::string &dir, const char *cmd)
{
	/* notice: the lines counted are the failures, not the INFO of an attach */
	return {"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir), "--log-level=notice",
		cmd};
}

/* Run a secondary with DPKIT_FAULT=@p spec (none if empty). */
int
run_secondary(const std::string &dir, const char *cmd, const std::string &spec, std::string &out)
{
	if (!spec.empty())
		setenv("DPKIT_FAULT", spec.c_str(), 1);
	setenv("DPKIT_FAULT_WAIT_MS", wait_cap_str, 1);
	int rc = mp_run(secondary_args(dir, cmd), out);
	unsetenv("DPKIT_FAULT");
	unsetenv("DPKIT_FAULT_WAIT_MS");
	return rc;
}

unsigned long long
count_of(const std::string &out, const std::string &key)
{
	size_t p = out.find(key);
	return p == std::string::npos ? 0 : strtoull(out.c_str() + p + key.size(), nullptr, 10);
}

/* After a secondary went (attached or not): the primary is as before and
 * works. */
int
check_survivor(const survivor &base, const std::string &dir, const std::string &what)
{
	std::string d = survivor_settled(base, dir);
	TEST_ASSERT(d.empty(), "%s: the primary changed: %s", what.c_str(), d.c_str());
	std::string w = primary_objects_work();
	TEST_ASSERT(w.empty(), "%s: the primary's objects: %s", what.c_str(), w.c_str());
	return TEST_SUCCESS;
}

/* A secondary under fault @p spec attaches (the fault was absorbed),
 * starts without the port (its driver's attach failed: one line, as a
 * failed probe is in DPDK), or fails its start-up with one line.
 * @return 1 failed, 2 no port, 0 absorbed, or TEST_FAILED (negative). */
int
one_failed_attach(const std::string &dir, const std::string &spec, bool in_child)
{
	std::string out;
	int rc = run_secondary(dir, "mpf_child_count", in_child ? spec : "", out);
	if (rc == 0 && out.find("ports=0") != std::string::npos && log_lines(out) == 1 &&
	    out.find("port data") != std::string::npos)
		return 2;
	if (rc == 0 && out.find("ports=1") == std::string::npos) {
		printf("%s: the secondary does not see the port:\n%s\n", spec.c_str(), out.c_str());
		return TEST_FAILED;
	}
	if (rc == 0)
		return 0;
	unsigned lines = log_lines(out);
	unsigned allowed = out.find("dropped a malformed message") != std::string::npos ? 2 : 1;
	if (rc != 1 || lines != allowed) {
		printf("%s: exit %d with %u log lines (want 1 and %u):\n%s\n", spec.c_str(), rc,
		       lines, allowed, out.c_str());
		return TEST_FAILED;
	}
	return 1;
}

/* Faults of @p kind in the secondary's start-up, each call in turn. */
int
attach_sweep_secondary(const std::string &dir, dpkit_fault_kind kind)
{
	const char *name = dpkit_fault_kind_name(kind);
	std::string out;
	TEST_ASSERT_EQUAL(run_secondary(dir, "mpf_child_count", "", out), 0, "clean: %s",
			  out.c_str());
	unsigned long long calls = count_of(out, std::string(name) + "=");
	TEST_ASSERT(calls > 0, "%s: no call in a secondary's start-up: %s", name, out.c_str());
	survivor base = survivor_now(dir);
	unsigned outcomes[3] = {0, 0, 0}; /* absorbed, failed, started without the port */
	for (unsigned long long n = 1; n <= calls; n++) {
		std::string spec = std::string(name) + ":" + std::to_string(n);
		int r = one_failed_attach(dir, spec, true);
		TEST_ASSERT(r >= 0, "secondary, DPKIT_FAULT=%s", spec.c_str());
		outcomes[r]++;
		TEST_ASSERT_SUCCESS(check_survivor(base, dir, "secondary " + spec), "survivor");
	}
	unsigned failed = outcomes[1];
	printf("secondary start-up, %s: %llu calls, %u failed cleanly, %u started without the "
	       "port (one line), %u absorbed\n",
	       name, calls, failed, outcomes[2], outcomes[0]);
	TEST_ASSERT(failed > 0, "%s: no fault made the attach fail", name);
	return TEST_SUCCESS;
}

int
mp_fault_attach_secondary_side(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	TEST_ASSERT_SUCCESS(attach_sweep_secondary(dir, DPKIT_FAULT_IPC), "ipc");
	TEST_ASSERT_SUCCESS(attach_sweep_secondary(dir, DPKIT_FAULT_ATTACH), "attach");
	return mp_expect_attach(mp_prefix_of(dir));
}

/* The primary's channel fails at each of its calls while a secondary
 * attaches: the secondary fails with one line or attaches. */
int
mp_fault_attach_primary_side(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string out;
	dpkit_fault_reset();
	TEST_ASSERT_EQUAL(run_secondary(dir, "mpf_child_count", "", out), 0, "clean: %s",
			  out.c_str());
	uint64_t calls = dpkit_fault_calls(DPKIT_FAULT_IPC);
	TEST_ASSERT(calls > 0, "no IPC call in the primary while a secondary attaches");
	survivor base = survivor_now(dir);
	unsigned failed = 0, absorbed = 0;
	for (uint64_t n = 1; n <= calls; n++) {
		std::string spec = "primary ipc:" + std::to_string(n);
		dpkit_fault_arm(DPKIT_FAULT_IPC, n, false);
		int r = one_failed_attach(dir, spec, false);
		uint64_t fired = dpkit_fault_fired(DPKIT_FAULT_IPC);
		dpkit_fault_reset();
		TEST_ASSERT(r == 0 || r == 1, "%s", spec.c_str());
		TEST_ASSERT(r == 0 || fired == 1,
			    "%s: the secondary failed, the fault did not fire", spec.c_str());
		(r == 1 ? failed : absorbed)++;
		TEST_ASSERT_SUCCESS(check_survivor(base, dir, spec), "survivor");
	}
	printf("primary while a secondary attaches, ipc: %llu calls, %u failed cleanly, %u "
	       "absorbed\n",
	       (unsigned long long)calls, failed, absorbed);
	TEST_ASSERT(failed > 0, "no fault in the primary made an attach fail");
	return mp_expect_attach(mp_prefix_of(dir));
}

/* ---- the rte_mp_* calls of a running primary ---- */

constexpr char echo_action[] = "mpf_echo";
constexpr char quit_action[] = "mpf_quit";
std::atomic<bool> echo_quit{false};

/* A secondary's action: the reply carries a descriptor. */
int
echo_serve(const struct rte_mp_msg *m, const void *peer)
{
	struct rte_mp_msg r;
	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "%s", m->name);
	r.num_fds = 1;
	r.fds[0] = memfd_create("mpf_echo", MFD_CLOEXEC);
	int ret = rte_mp_reply(&r, static_cast<const char *>(peer));
	close(r.fds[0]);
	return ret;
}

int
echo_stop(const struct rte_mp_msg *, const void *)
{
	echo_quit = true;
	return 0;
}

/* A secondary answering mpf_echo until told mpf_quit (at most 20 s). */
int
mpf_child_echo(void)
{
	if (rte_mp_action_register(echo_action, echo_serve) < 0 ||
	    rte_mp_action_register(quit_action, echo_stop) < 0)
		return TEST_FAILED;
	printf("mpf echo ready\n");
	fflush(stdout);
	for (int i = 0; i < 20000 && !echo_quit; i++)
		usleep(1000);
	return TEST_SUCCESS;
}

/* Lines logged while @p f runs. */
template <typename F>
unsigned
logged_lines(F f)
{
	mbuf_test::log_capture log;
	f();
	std::string text = log.text();
	unsigned n = (unsigned)std::count(text.begin(), text.end(), '\n');
	if (n > 0)
		printf("  logged: %s", text.c_str());
	return n;
}

struct mp_call {
	int rc;
	int err;
	struct rte_mp_reply reply;
};

mp_call
echo_request()
{
	struct rte_mp_msg req;
	memset(&req, 0, sizeof(req));
	snprintf(req.name, sizeof(req.name), "%s", echo_action);
	struct timespec ts = {5, 0};
	mp_call c;
	c.rc = rte_mp_request_sync(&req, &c.reply, &ts);
	c.err = rte_errno;
	return c;
}

void
release(struct rte_mp_reply &r)
{
	for (int i = 0; i < r.nb_received; i++)
		for (int k = 0; k < r.msgs[i].num_fds; k++)
			close(r.msgs[i].fds[k]);
	free(r.msgs);
}

/* rte_mp_request_sync() to two secondaries, the channel failing at each
 * of its calls: -1 with rte_errno, one line, no reply handed back (the
 * first secondary's reply and descriptor are not leaked). */
int
request_sync_under_faults(const std::string &dir)
{
	dpkit_fault_reset();
	mp_call c = echo_request();
	uint64_t calls = dpkit_fault_calls(DPKIT_FAULT_IPC);
	TEST_ASSERT(c.rc == 0 && c.reply.nb_received == 2, "clean request: rc %d, %d replies", c.rc,
		    c.reply.nb_received);
	release(c.reply);
	survivor base = survivor_now(dir);
	for (uint64_t n = 1; n <= calls; n++) {
		dpkit_fault_arm(DPKIT_FAULT_IPC, n, false);
		unsigned lines = logged_lines([&] { c = echo_request(); });
		uint64_t fired = dpkit_fault_fired(DPKIT_FAULT_IPC);
		dpkit_fault_reset();
		bool dropped = lines == 2; /* the receiver's line, then the timeout */
		TEST_ASSERT(fired == 1 && c.rc == -1 && (c.err == ENOBUFS || c.err == ETIMEDOUT),
			    "ipc:%llu: rc %d, rte_errno %d, fired %llu", (unsigned long long)n,
			    c.rc, c.err, (unsigned long long)fired);
		TEST_ASSERT(lines == 1 || (dropped && c.err == ETIMEDOUT),
			    "ipc:%llu: %u lines logged", (unsigned long long)n, lines);
		TEST_ASSERT(c.reply.msgs == nullptr && c.reply.nb_received == 0,
			    "ipc:%llu: a failed request handed back %d replies",
			    (unsigned long long)n, c.reply.nb_received);
		TEST_ASSERT_SUCCESS(check_survivor(base, dir, "request ipc:" + std::to_string(n)),
				    "survivor");
	}
	c = echo_request();
	TEST_ASSERT(c.rc == 0 && c.reply.nb_received == 2, "later request: rc %d, %d replies", c.rc,
		    c.reply.nb_received);
	release(c.reply);
	printf("request_sync to two secondaries: %llu channel calls, each failing cleanly\n",
	       (unsigned long long)calls);
	return TEST_SUCCESS;
}

std::atomic<int> async_replies{-1};

int
async_done(const struct rte_mp_msg *, const struct rte_mp_reply *reply)
{
	async_replies = reply->nb_received;
	for (int i = 0; i < reply->nb_received; i++)
		for (int k = 0; k < reply->msgs[i].num_fds; k++)
			close(reply->msgs[i].fds[k]);
	return 0;
}

/* rte_mp_sendmsg() and rte_mp_request_async() whose first channel call
 * fails: -1 with rte_errno and one line; no callback for a request that
 * was refused, and the next one works. */
int
send_and_async_under_faults(const std::string &dir)
{
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", echo_action);
	struct timespec ts = {5, 0};
	/* a first request: its thread's stack and malloc arena stay, as the
	 * C library caches them, so the footprint is taken after it */
	async_replies = -1;
	TEST_ASSERT_SUCCESS(rte_mp_request_async(&m, &ts, async_done), "first async request");
	TEST_ASSERT(mp_wait_for([] { return async_replies.load() == 2; }, 10000),
		    "first async request: %d replies", async_replies.load());
	usleep(100000); /* its thread has ended */
	survivor base = survivor_now(dir);
	snprintf(m.name, sizeof(m.name), "%s", "mpf_nobody_listens");
	int rc = 0, err = 0;
	dpkit_fault_arm(DPKIT_FAULT_IPC, 1, false);
	unsigned lines = logged_lines([&] {
		rc = rte_mp_sendmsg(&m);
		err = rte_errno;
	});
	dpkit_fault_reset();
	TEST_ASSERT(rc == -1 && err == ENOBUFS && lines == 1, "sendmsg: rc %d errno %d, %u lines",
		    rc, err, lines);

	snprintf(m.name, sizeof(m.name), "%s", echo_action);
	async_replies = -1;
	dpkit_fault_arm(DPKIT_FAULT_IPC, 1, false);
	lines = logged_lines([&] {
		rc = rte_mp_request_async(&m, &ts, async_done);
		err = rte_errno;
	});
	dpkit_fault_reset();
	TEST_ASSERT(rc == -1 && err == ENOMEM && lines == 1, "async: rc %d errno %d, %u lines", rc,
		    err, lines);
	usleep(100000);
	TEST_ASSERT_EQUAL(async_replies.load(), -1, "a refused request called back");
	TEST_ASSERT_SUCCESS(rte_mp_request_async(&m, &ts, async_done), "later async request");
	TEST_ASSERT(mp_wait_for([] { return async_replies.load() == 2; }, 10000),
		    "later async request: %d replies", async_replies.load());
	usleep(100000);
	return check_survivor(base, dir, "sendmsg / request_async");
}

int
mp_fault_ipc_calls(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	mp_child a, b;
	setenv("DPKIT_FAULT_WAIT_MS", wait_cap_str, 1);
	int ra = a.start(secondary_args(dir, "mpf_child_echo"));
	int rb = b.start(secondary_args(dir, "mpf_child_echo"));
	unsetenv("DPKIT_FAULT_WAIT_MS");
	TEST_ASSERT(ra == 0 && rb == 0 && a.wait_output("mpf echo ready", 20000) &&
			    b.wait_output("mpf echo ready", 20000),
		    "secondaries: %s\n%s", a.output().c_str(), b.output().c_str());
	int r = request_sync_under_faults(dir);
	if (r == TEST_SUCCESS)
		r = send_and_async_under_faults(dir);
	struct rte_mp_msg q;
	memset(&q, 0, sizeof(q));
	snprintf(q.name, sizeof(q.name), "%s", quit_action);
	rte_mp_sendmsg(&q);
	TEST_ASSERT(a.wait(20000) == 0 && b.wait(20000) == 0, "secondaries: %s\n%s",
		    a.output().c_str(), b.output().c_str());
	return r;
}

// clang-format off
const struct unit_test_case mpf_cases[] = {
	TEST_CASE(mp_fault_attach_secondary_side),
	TEST_CASE(mp_fault_attach_primary_side),
	TEST_CASE(mp_fault_ipc_calls),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite mpf_suite = {"multi-process under faults", mpf_setup, mpf_teardown,
					  mpf_cases};

} // namespace mpf

using namespace mpf;

static int
test_mp_fault(void)
{
	return unit_test_suite_runner(&mpf_suite);
}

REGISTER_TEST_COMMAND(mpf_child_count, mpf_child_count);
REGISTER_TEST_COMMAND(mpf_child_echo, mpf_child_echo);

#else /* !RTE_FAULT_INJECTION */

static int
test_mp_fault(void)
{
	TEST_SKIP("built without -Dfault_injection=true");
}

#endif /* RTE_FAULT_INJECTION */

REGISTER_FAST_TEST(mp_fault_autotest, NOHUGE_OK, ASAN_OK, test_mp_fault);
