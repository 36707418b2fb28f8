/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Multi-process messaging (rte_mp_*), with DPDK 22.11's semantics over the
 * channel of eal_mp_channel.cpp:
 *  - a secondary talks to the primary only; the primary's messages and
 *    requests go to every live secondary;
 *  - actions run on the channel's receiving thread, which also matches
 *    replies to the pending requests (keyed by peer socket and name: one
 *    pending request per peer and name);
 *  - a request to a peer still starting up that has no action for it is
 *    answered "ignore me" and not counted; after start-up an unknown action
 *    is logged and the requester times out;
 *  - with --in-memory / --no-shconf IPC is off: registering fails with
 *    ENOTSUP, sending and replying quietly succeed.
 * An asynchronous request runs on a thread of its own, which calls the
 * callback once every reply is in or the time is up; cleanup waits for it.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_fault.h" /* DPKIT_FAULT: 0 unless -Dfault_injection=true */
#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_mp_private.h"

namespace dpkit::eal_detail {

namespace {

/* The containers and their locks are never destroyed: a program may leave
 * with exit() and no rte_eal_cleanup(), as DPDK allows, and the receiving
 * thread may still be dispatching while static destructors run. */
std::mutex &mp_lock = *new std::mutex; /* actions, pending requests, async count */
std::map<std::string, rte_mp_t> &actions = *new std::map<std::string, rte_mp_t>;
std::condition_variable &async_done = *new std::condition_variable;
unsigned int async_pending = 0;

struct pending_request {
	std::string peer;
	std::string name;
	int state = 0;           /* 0 waiting, 1 replied, -1 asked to ignore */
	struct rte_mp_msg reply; /* valid when state == 1 */
};
std::list<pending_request *> &pending = *new std::list<pending_request *>;
std::condition_variable &reply_arrived = *new std::condition_variable;

using deadline_t = std::chrono::steady_clock::time_point;

/* When a wait for replies given @p ts ends. */
deadline_t
deadline_of(const struct timespec *ts)
{
	auto wait = std::chrono::seconds(ts->tv_sec) + std::chrono::nanoseconds(ts->tv_nsec);
#ifdef RTE_FAULT_INJECTION
	/* a message a fault made lost must not cost a test the full timeout */
	if (unsigned cap = dpkit_fault_wait_cap())
		wait = std::min<std::chrono::nanoseconds>(wait, std::chrono::milliseconds(cap));
#endif
	return std::chrono::steady_clock::now() + wait;
}

/* 0, or -1 with rte_errno set and one log line. */
int
check_name(const char *fn, const char *name)
{
	if (name == nullptr || name[0] == '\0') {
		EAL_LOG(ERR, "%s: the action name is NULL or empty", fn);
		rte_errno = EINVAL;
		return -1;
	}
	if (strnlen(name, RTE_MP_MAX_NAME_LEN) == RTE_MP_MAX_NAME_LEN) {
		EAL_LOG(ERR, "%s: action name '%.*s...' is longer than %d characters", fn, 16, name,
			RTE_MP_MAX_NAME_LEN - 1);
		rte_errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
check_msg(const char *fn, const struct rte_mp_msg *msg)
{
	if (msg == nullptr) {
		EAL_LOG(ERR, "%s: the message is NULL", fn);
		rte_errno = EINVAL;
		return -1;
	}
	if (check_name(fn, msg->name) < 0) {
		rte_errno = EINVAL;
		return -1;
	}
	if (msg->len_param < 0 || msg->len_param > RTE_MP_MAX_PARAM_LEN) {
		EAL_LOG(ERR, "%s: len_param %d is outside 0..%d", fn, msg->len_param,
			RTE_MP_MAX_PARAM_LEN);
		rte_errno = EINVAL;
		return -1;
	}
	if (msg->num_fds < 0 || msg->num_fds > RTE_MP_MAX_FD_NUM) {
		EAL_LOG(ERR, "%s: num_fds %d is outside 0..%d", fn, msg->num_fds,
			RTE_MP_MAX_FD_NUM);
		rte_errno = EINVAL;
		return -1;
	}
	return 0;
}


void
close_msg_fds(struct rte_mp_msg &m)
{
	for (int i = 0; i < m.num_fds; i++)
		if (m.fds[i] >= 0)
			close(m.fds[i]);
	m.num_fds = 0;
}

void
handle_reply(mp_wire_msg &w, const char *from)
{
	std::lock_guard<std::mutex> g(mp_lock);
	for (pending_request *p : pending) {
		if (p->state == 0 && p->peer == from && p->name == w.msg.name) {
			p->state = w.type == (int32_t)mp_type::rep ? 1 : -1;
			p->reply = w.msg;
			if (p->state < 0)
				close_msg_fds(w.msg);
			reply_arrived.notify_all();
			return;
		}
	}
	RTE_LOG(ERR, EAL,
		"dropped a reply to %s from %s: no request waits for it (timed "
		"out?)\n",
		w.msg.name, from);
	close_msg_fds(w.msg);
}

/* Send @p req to @p peer and wait for its reply until @p end; the caller
 * holds @p g. @return 0 (replied, ignored, or peer gone) or -1. */
int
request_one(std::unique_lock<std::mutex> &g, const std::string &peer, const struct rte_mp_msg *req,
	    struct rte_mp_reply *reply, deadline_t end)
{
	for (pending_request *p : pending) {
		if (p->peer == peer && p->name == req->name) {
			RTE_LOG(ERR, EAL,
				"request %s to %s: an earlier request of that name to "
				"that process still waits for its reply\n",
				req->name, peer.c_str());
			rte_errno = EEXIST;
			return -1;
		}
	}
	pending_request p;
	p.peer = peer;
	p.name = req->name;
	pending.push_back(&p);
	g.unlock();
	int sent = mp_channel_send(peer, req, mp_type::req);
	g.lock();
	if (sent <= 0) {
		pending.remove(&p);
		return sent;
	}
	reply->nb_sent++;
	reply_arrived.wait_until(g, end, [&p] { return p.state != 0; });
	pending.remove(&p);
	if (p.state == 1 && DPKIT_FAULT(IPC)) {
		close_msg_fds(p.reply); /* as if the reply had been lost */
		p.state = 0;
	}
	if (p.state == 0) {
		RTE_LOG(ERR, EAL, "request %s: no reply from %s within the timeout\n", req->name,
			peer.c_str());
		rte_errno = ETIMEDOUT;
		return -1;
	}
	if (p.state < 0) {
		reply->nb_sent--;
		return 0;
	}
	void *grown = realloc(reply->msgs, sizeof(p.reply) * (size_t)(reply->nb_received + 1));
	if (grown == nullptr) {
		RTE_LOG(ERR, EAL, "request %s: no memory for the reply from %s\n", req->name,
			peer.c_str());
		close_msg_fds(p.reply);
		rte_errno = ENOMEM;
		return -1;
	}
	reply->msgs = (struct rte_mp_msg *)grown;
	reply->msgs[reply->nb_received++] = p.reply;
	return 0;
}

/* A request that failed hands back no reply, as DPDK's: the replies
 * already in are freed (their descriptors closed, which DPDK leaks), so a
 * caller that frees nothing on failure leaks nothing. @return -1. */
int
drop_replies(struct rte_mp_reply *reply)
{
	for (int i = 0; i < reply->nb_received; i++)
		close_msg_fds(reply->msgs[i]);
	free(reply->msgs);
	reply->msgs = nullptr;
	reply->nb_received = 0;
	return -1;
}

/* The request to every peer in turn, as DPDK does; all share one deadline
 * and the first failure ends the round (later peers are not asked). */
int
request_all(const struct rte_mp_msg *req, struct rte_mp_reply *reply, const struct timespec *ts)
{
	deadline_t end = deadline_of(ts);
	std::unique_lock<std::mutex> g(mp_lock);
	for (const std::string &peer : mp_channel_peers())
		if (request_one(g, peer, req, reply, end) < 0)
			return drop_replies(reply);
	return 0;
}

} // namespace

int
mp_request_to(const std::string &peer, const struct rte_mp_msg *req, struct rte_mp_reply *reply,
	      const struct timespec *ts)
{
	reply->nb_sent = 0;
	reply->nb_received = 0;
	reply->msgs = nullptr;
	deadline_t end = deadline_of(ts);
	std::unique_lock<std::mutex> g(mp_lock);
	return request_one(g, peer, req, reply, end) < 0 ? drop_replies(reply) : 0;
}

void
mp_dispatch(mp_wire_msg &w, const char *from)
{
	if (w.type == (int32_t)mp_type::rep || w.type == (int32_t)mp_type::ign) {
		handle_reply(w, from);
		return;
	}
	if (w.type != (int32_t)mp_type::msg && w.type != (int32_t)mp_type::req) {
		RTE_LOG(ERR, EAL, "dropped a message of unknown type %d from %s\n", w.type, from);
		close_msg_fds(w.msg);
		return;
	}
	rte_mp_t action = nullptr;
	{
		std::lock_guard<std::mutex> g(mp_lock);
		auto it = actions.find(w.msg.name);
		if (it != actions.end())
			action = it->second;
	}
	if (action == nullptr) {
		if (w.type == (int32_t)mp_type::req && !eal_running()) {
			struct rte_mp_msg ign;
			memset(&ign, 0, sizeof(ign));
			memcpy(ign.name, w.msg.name, sizeof(ign.name));
			mp_channel_send(from, &ign, mp_type::ign);
		} else {
			RTE_LOG(ERR, EAL, "no action registered for message %s from %s\n",
				w.msg.name, from);
		}
		close_msg_fds(w.msg);
		return;
	}
	if (action(&w.msg, from) < 0)
		RTE_LOG(ERR, EAL, "the action for message %s from %s failed\n", w.msg.name, from);
}

int
mp_init()
{
	return mp_channel_open();
}

void
mp_cleanup()
{
	{
		std::unique_lock<std::mutex> g(mp_lock);
		async_done.wait(g, [] { return async_pending == 0; });
	}
	mp_channel_close();
	std::lock_guard<std::mutex> g(mp_lock);
	actions.clear();
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

extern "C" {

bool
rte_mp_disable(void)
{
	/* DPDK's contract: true in a primary no secondary has attached to
	 * (ever), and from then on secondaries are refused at their attach */
	if (config().process_type != RTE_PROC_PRIMARY)
		return false;
	return mem_config_mp_status_set(mp_status_disabled);
}

int
rte_mp_action_register(const char *name, rte_mp_t action)
{
	if (check_name("rte_mp_action_register", name) < 0)
		return -1;
	if (action == nullptr) {
		EAL_LOG(ERR, "rte_mp_action_register %s: the action is NULL", name);
		rte_errno = EINVAL;
		return -1;
	}
	if (config().no_shconf) {
		EAL_LOG(DEBUG, "rte_mp_action_register %s: IPC is off (--in-memory)", name);
		rte_errno = ENOTSUP;
		return -1;
	}
	std::lock_guard<std::mutex> g(mp_lock);
	if (!actions.emplace(name, action).second) {
		EAL_LOG(ERR, "rte_mp_action_register: action %s is already registered", name);
		rte_errno = EEXIST;
		return -1;
	}
	return 0;
}

void
rte_mp_action_unregister(const char *name)
{
	if (check_name("rte_mp_action_unregister", name) < 0)
		return;
	std::lock_guard<std::mutex> g(mp_lock);
	actions.erase(name);
}

int
rte_mp_sendmsg(struct rte_mp_msg *msg)
{
	if (check_msg("rte_mp_sendmsg", msg) < 0)
		return -1;
	if (config().no_shconf)
		return 0;
	int ret = 0;
	for (const std::string &peer : mp_channel_peers())
		if (mp_channel_send(peer, msg, mp_type::msg) < 0)
			ret = -1;
	return ret;
}

int
rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply, const struct timespec *ts)
{
	if (reply == nullptr || ts == nullptr) {
		EAL_LOG(ERR, "rte_mp_request_sync: reply and ts must not be NULL");
		rte_errno = EINVAL;
		return -1;
	}
	reply->nb_sent = 0;
	reply->nb_received = 0;
	reply->msgs = nullptr;
	if (check_msg("rte_mp_request_sync", req) < 0)
		return -1;
	if (config().no_shconf)
		return 0;
	if (mp_channel_on_receiver()) {
		RTE_LOG(ERR, EAL,
			"rte_mp_request_sync %s: called from an action, which runs on "
			"the thread that receives the replies; use rte_mp_request_async\n",
			req->name);
		rte_errno = EDEADLK;
		return -1;
	}
	return request_all(req, reply, ts);
}

int
rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts, rte_mp_async_reply_t clb)
{
	if (ts == nullptr || clb == nullptr) {
		EAL_LOG(ERR, "rte_mp_request_async: ts and clb must not be NULL");
		rte_errno = EINVAL;
		return -1;
	}
	if (check_msg("rte_mp_request_async", req) < 0)
		return -1;
	if (config().no_shconf)
		return 0;
	{
		std::lock_guard<std::mutex> g(mp_lock);
		async_pending++;
	}
	/* the caller may reuse req and ts as soon as we return: pass copies */
	struct rte_mp_msg copy = *req;
	struct timespec wait = *ts;
	try {
		if (DPKIT_FAULT(IPC))
			throw std::system_error(EAGAIN, std::generic_category(), "fault injection");
		std::thread([copy, wait, clb] {
			struct rte_mp_reply r = {0, 0, nullptr};
			request_all(&copy, &r, &wait);
			clb(&copy, &r);
			free(r.msgs);
			std::lock_guard<std::mutex> g(mp_lock);
			async_pending--;
			async_done.notify_all();
		}).detach();
	} catch (const std::exception &e) {
		RTE_LOG(ERR, EAL, "rte_mp_request_async %s: cannot start its thread: %s\n",
			req->name, e.what());
		std::lock_guard<std::mutex> g(mp_lock);
		async_pending--;
		async_done.notify_all();
		rte_errno = ENOMEM;
		return -1;
	}
	return 0;
}

int
rte_mp_reply(struct rte_mp_msg *msg, const char *peer)
{
	if (check_msg("rte_mp_reply", msg) < 0)
		return -1;
	if (peer == nullptr) {
		EAL_LOG(ERR, "rte_mp_reply: peer must not be NULL");
		rte_errno = EINVAL;
		return -1;
	}
	if (config().no_shconf)
		return 0;
	return mp_channel_send(peer, msg, mp_type::rep) < 0 ? -1 : 0;
}

} // extern "C"
