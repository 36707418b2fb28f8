/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Hot-plug messages between processes: one action, "eal_dev_mp_request"
 * (DPDK's name), registered in every process as soon as its socket is open
 * (a request that comes before rte_eal_init has scanned the buses waits for
 * it: the device is then found by the scan, or attached by the request).
 *   - A secondary sends it to the primary to have a hot-plug done
 *     everywhere; the primary answers with the result when it is done.
 *   - The primary sends it to every secondary to attach, detach or undo
 *     one device there; each answers with its own result and pid.
 * The action runs on the thread that receives messages, which must stay
 * free to receive the replies the work waits for (the primary's requests to
 * the secondaries, a secondary's memory requests), so each message is
 * served on a thread of its own, one after the other in arrival order;
 * cleanup waits for those threads.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include <rte_eal.h>
#include <rte_errno.h>

#include "dev_private.h"
#include "eal_hotplug.h"
#include "eal_core_private.h"
#include "eal_log_macros.h"
#include "eal_mp_private.h"

namespace dpkit::dev_detail {

namespace {

constexpr char action_name[] = "eal_dev_mp_request";
/* a secondary answers at once; the primary's answer waits for every
 * secondary's, and for a rollback after a failure */
constexpr unsigned int to_secondary_default_ms = 5000;
constexpr unsigned int to_primary_default_ms = 3 * to_secondary_default_ms;
/* below the primary's wait for a secondary, so that a late one answers */
constexpr unsigned int ready_wait_ms = to_secondary_default_ms - 1000;
std::atomic<unsigned int> to_secondary_ms{to_secondary_default_ms};
std::atomic<unsigned int> to_primary_ms{to_primary_default_ms};

struct timespec
ms_to_ts(unsigned int ms)
{
	return {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
}

struct hp_msg {
	int32_t op;     /* hp_op */
	int32_t result; /* in answers: 0 or -errno */
	int32_t pid;    /* in answers: who answers */
	char devstr[hp_devstr_max];
};
static_assert(sizeof(hp_msg) <= RTE_MP_MAX_PARAM_LEN, "one message");

struct rte_mp_msg
make_msg(hp_op op, const char *devstr, int32_t result)
{
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", action_name);
	hp_msg h;
	memset(&h, 0, sizeof(h));
	h.op = (int32_t)op;
	h.result = result;
	h.pid = (int32_t)getpid();
	snprintf(h.devstr, sizeof(h.devstr), "%s", devstr);
	memcpy(m.param, &h, sizeof(h));
	m.len_param = sizeof(h);
	return m;
}

bool
read_msg(const struct rte_mp_msg &m, hp_msg &h)
{
	if (m.len_param != (int)sizeof(h))
		return false;
	memcpy(&h, m.param, sizeof(h));
	h.devstr[sizeof(h.devstr) - 1] = '\0';
	return true;
}

const char *
op_name(int32_t op)
{
	switch ((hp_op)op) {
	case hp_op::attach: return "attach";
	case hp_op::detach: return "detach";
	case hp_op::attach_rollback: return "undo attach";
	case hp_op::detach_rollback: return "undo detach";
	}
	return "unknown request";
}

/* ---- serving ---- */

std::mutex workers_lock;
std::condition_variable workers_done;
std::condition_variable ready_or_stopping;
std::condition_variable turn_changed;
unsigned workers;
/* Requests run one at a time, in the order they came: requests that
 * queued up while this process was stopped (say, an attach and then its
 * rollback) must not overtake each other. */
uint64_t next_ticket;
uint64_t now_serving;
bool ready;    /* rte_eal_init has finished: the devices are known */
bool stopping; /* rte_eal_cleanup, or a failed rte_eal_init */

/* A request that comes while this process starts waits for its bus scan,
 * so that the device is either found by the scan or attached here. */
bool
wait_ready()
{
	std::unique_lock<std::mutex> g(workers_lock);
	ready_or_stopping.wait_for(g, std::chrono::milliseconds(ready_wait_ms),
				   [] { return ready || stopping; });
	return ready && !stopping;
}

/* The primary, for a secondary: the whole hot-plug, in every process. */
int
serve_secondary(const hp_msg &h)
{
	std::lock_guard<std::mutex> guard(primary_lock());
	if (h.op == (int32_t)hp_op::attach)
		return primary_attach(h.devstr);
	if (h.op == (int32_t)hp_op::detach)
		return primary_detach(h.devstr);
	EAL_LOG(ERR, "hotplug: a secondary process sent %s %d; build both from the same dpkit",
		op_name(h.op), h.op);
	return -EINVAL;
}

/* A secondary, for the primary: this process only. */
int
serve_primary(const hp_msg &h)
{
	switch ((hp_op)h.op) {
	case hp_op::attach:
	case hp_op::detach_rollback:
		/* already here (a secondary that started meanwhile): done, quietly */
		return is_here(h.devstr) ? -EEXIST : local_attach(h.devstr);
	case hp_op::detach: return local_detach(h.devstr);
	case hp_op::attach_rollback: {
		int ret = local_detach(h.devstr);
		return ret == -ENOENT ? 0 : ret; /* nothing to undo here */
	}
	}
	EAL_LOG(ERR, "hotplug: the primary process sent request %d; build both from the same dpkit",
		h.op);
	return -EINVAL;
}

void
answer(const hp_msg &h, int result, const std::string &peer)
{
	struct rte_mp_msg rep = make_msg((hp_op)h.op, h.devstr, result);
	if (rte_mp_reply(&rep, peer.c_str()) < 0)
		EAL_LOG(ERR, "hotplug %s %s: cannot answer %s (%s)", op_name(h.op), h.devstr,
			peer.c_str(), rte_strerror(rte_errno));
}

void
work(hp_msg h, const std::string &peer, uint64_t ticket)
{
	{
		std::unique_lock<std::mutex> g(workers_lock);
		turn_changed.wait(g, [ticket] { return now_serving == ticket; });
	}
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
	int ret = -ESHUTDOWN;
	if (wait_ready())
		ret = primary ? serve_secondary(h) : serve_primary(h);
	answer(h, ret, peer);
	std::lock_guard<std::mutex> g(workers_lock);
	now_serving++;
	turn_changed.notify_all();
	workers--;
	workers_done.notify_all();
}

int
serve(const struct rte_mp_msg *msg, const void *peer)
{
	std::string from(static_cast<const char *>(peer));
	hp_msg h;
	if (!read_msg(*msg, h)) {
		EAL_LOG(ERR,
			"hotplug: a message of %d bytes from %s, not %zu; build every "
			"process from the same dpkit",
			msg->len_param, from.c_str(), sizeof(h));
		memset(&h, 0, sizeof(h));
		answer(h, -EPROTO, from);
		return -1;
	}
	uint64_t ticket;
	{
		std::lock_guard<std::mutex> g(workers_lock);
		if (stopping) {
			answer(h, -ESHUTDOWN, from);
			return 0;
		}
		workers++;
		ticket = next_ticket++;
	}
	try {
		std::thread(work, h, from, ticket).detach();
		return 0;
	} catch (const std::exception &e) {
		EAL_LOG(ERR, "hotplug %s %s: cannot start its thread: %s", op_name(h.op), h.devstr,
			e.what());
	}
	{
		/* the receiving thread alone takes tickets: none came after ours */
		std::lock_guard<std::mutex> g(workers_lock);
		next_ticket--;
		workers--;
		workers_done.notify_all();
	}
	answer(h, -ENOMEM, from);
	return -1;
}

} // namespace

/* ---- asking ---- */

int
to_secondaries(hp_op op, const std::string &devstr, int *result, int *who)
{
	*result = 0;
	*who = 0;
	struct rte_mp_msg req = make_msg(op, devstr.c_str(), 0);
	struct rte_mp_reply reply = {0, 0, nullptr};
	const struct timespec ts = ms_to_ts(to_secondary_ms.load());
	if (rte_mp_request_sync(&req, &reply, &ts) < 0) {
		free(reply.msgs);
		return -ENOMSG; /* the request logged which process and why */
	}
	int ret = reply.nb_received == reply.nb_sent ? 0 : -ENOMSG;
	for (int i = 0; i < reply.nb_received; i++) {
		hp_msg h;
		int r = read_msg(reply.msgs[i], h) ? h.result : -EPROTO;
		bool done_anyway = (op == hp_op::attach && r == -EEXIST) ||
				   (op == hp_op::detach && r == -ENOENT);
		if (r != 0 && !done_anyway && *result == 0) {
			*result = r;
			*who = h.pid;
		}
	}
	free(reply.msgs);
	return ret;
}

int
to_primary(hp_op op, const std::string &devstr)
{
	/* one request of a name per peer may wait at a time */
	static std::mutex one_at_a_time;
	std::lock_guard<std::mutex> guard(one_at_a_time);
	struct rte_mp_msg req = make_msg(op, devstr.c_str(), 0);
	struct rte_mp_reply reply = {0, 0, nullptr};
	const struct timespec ts = ms_to_ts(to_primary_ms.load());
	int ret = rte_mp_request_sync(&req, &reply, &ts);
	hp_msg h;
	if (ret < 0 || reply.nb_received != 1 || !read_msg(reply.msgs[0], h)) {
		EAL_LOG(ERR,
			"hotplug %s %s: no answer from the primary process; it may have "
			"ended, or be busy with another hot-plug",
			op_name((int32_t)op), devstr.c_str());
		free(reply.msgs);
		return -ENOMSG;
	}
	free(reply.msgs);
	if (h.result != 0)
		EAL_LOG(ERR, "hotplug %s %s: refused by the primary process (%s); its log says why",
			op_name((int32_t)op), devstr.c_str(), rte_strerror(-h.result));
	return h.result;
}

bool
other_processes()
{
	if (rte_eal_process_type() == RTE_PROC_SECONDARY)
		return true;
	return !eal_detail::config().no_shconf && !eal_detail::mp_channel_peers().empty();
}

} // namespace dpkit::dev_detail

namespace dpkit::eal_detail {

int
hotplug_mp_init()
{
	{
		std::lock_guard<std::mutex> g(dev_detail::workers_lock);
		dev_detail::ready = false;
		dev_detail::stopping = false;
	}
	/* ENOTSUP: --in-memory, no other process can exist */
	if (rte_mp_action_register(dev_detail::action_name, dev_detail::serve) < 0 &&
	    rte_errno != ENOTSUP) {
		EAL_LOG(ERR, "hotplug: cannot register %s (%s)", dev_detail::action_name,
			rte_strerror(rte_errno));
		return -rte_errno;
	}
	return 0;
}

void
hotplug_mp_ready()
{
	std::lock_guard<std::mutex> g(dev_detail::workers_lock);
	dev_detail::ready = true;
	dev_detail::ready_or_stopping.notify_all();
}

void
hotplug_mp_cleanup()
{
	rte_mp_action_unregister(dev_detail::action_name);
	std::unique_lock<std::mutex> g(dev_detail::workers_lock);
	dev_detail::stopping = true;
	dev_detail::ready_or_stopping.notify_all();
	dev_detail::workers_done.wait(g, [] { return dev_detail::workers == 0; });
}

} // namespace dpkit::eal_detail

extern "C" void
dpkit_hotplug_test_timeouts(unsigned int to_secondary, unsigned int to_primary)
{
	dpkit::dev_detail::to_secondary_ms = to_secondary != 0
						     ? to_secondary
						     : dpkit::dev_detail::to_secondary_default_ms;
	dpkit::dev_detail::to_primary_ms = to_primary != 0
						   ? to_primary
						   : dpkit::dev_detail::to_primary_default_ms;
}
