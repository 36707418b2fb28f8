/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Multi-process messaging for a process that never has peers. dpkit runs
 * one primary process only, so messages have nowhere to go: they are
 * checked as DPDK checks them and then count as sent to zero peers. Action
 * registration works (a later secondary-process feature would dispatch to
 * it). With --in-memory / --no-shconf IPC is off altogether, as in DPDK:
 * registering fails with ENOTSUP and sending quietly succeeds.
 *
 * An asynchronous request still owes its caller a callback; it runs on a
 * short-lived thread with an empty reply, and cleanup waits for those.
 */

#include <errno.h>
#include <string.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"

namespace dpkit::eal_detail {

namespace {

std::mutex mp_lock;
std::map<std::string, rte_mp_t> actions;
std::condition_variable async_done;
unsigned int async_pending = 0;

/* 0, or -1 with rte_errno set and one log line. */
int check_name(const char *fn, const char *name)
{
	if (name == nullptr || name[0] == '\0') {
		EAL_LOG(ERR, "%s: the action name is NULL or empty", fn);
		rte_errno = EINVAL;
		return -1;
	}
	if (strnlen(name, RTE_MP_MAX_NAME_LEN) == RTE_MP_MAX_NAME_LEN) {
		EAL_LOG(ERR, "%s: action name '%.*s...' is longer than %d characters", fn,
			16, name, RTE_MP_MAX_NAME_LEN - 1);
		rte_errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int check_msg(const char *fn, const struct rte_mp_msg *msg)
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

} // namespace

void mp_cleanup()
{
	std::unique_lock<std::mutex> g(mp_lock);
	async_done.wait(g, [] { return async_pending == 0; });
	actions.clear();
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

extern "C" {

bool rte_mp_disable(void)
{
	/* no secondary process can ever attach, so there is nothing to refuse */
	return true;
}

int rte_mp_action_register(const char *name, rte_mp_t action)
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
		EAL_LOG(ERR, "rte_mp_action_register: action %s is already registered",
			name);
		rte_errno = EEXIST;
		return -1;
	}
	return 0;
}

void rte_mp_action_unregister(const char *name)
{
	if (check_name("rte_mp_action_unregister", name) < 0)
		return;
	std::lock_guard<std::mutex> g(mp_lock);
	actions.erase(name);
}

int rte_mp_sendmsg(struct rte_mp_msg *msg)
{
	if (check_msg("rte_mp_sendmsg", msg) < 0)
		return -1;
	return 0; /* delivered to every peer: there are none */
}

int rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply,
			const struct timespec *ts)
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
	return 0;
}

int rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts,
			 rte_mp_async_reply_t clb)
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
	/* the caller may reuse req as soon as we return: pass a copy */
	struct rte_mp_msg copy = *req;
	std::thread([copy, clb] {
		struct rte_mp_reply none = {0, 0, nullptr};
		clb(&copy, &none);
		std::lock_guard<std::mutex> g(mp_lock);
		async_pending--;
		async_done.notify_all();
	}).detach();
	return 0;
}

int rte_mp_reply(struct rte_mp_msg *msg, const char *peer)
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
	EAL_LOG(ERR, "rte_mp_reply %s: no peer process '%s' (dpkit runs a single "
		"process)", msg->name, peer);
	rte_errno = ENOENT;
	return -1;
}

} // extern "C"
