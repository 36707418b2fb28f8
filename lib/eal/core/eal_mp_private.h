/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Between the multi-process API (eal_mp.cpp) and its channel
 * (eal_mp_channel.cpp), internal, C++ only.
 */

#ifndef _EAL_MP_PRIVATE_H_
#define _EAL_MP_PRIVATE_H_

#include <stdint.h>
#include <time.h>

#include <string>
#include <vector>

#include <rte_eal.h>

namespace dpkit::eal_detail {

/* What a datagram carries; the values are part of the wire format. */
enum class mp_type : int32_t {
	msg = 1, /* one-way message */
	req = 2, /* request: the receiver's action is expected to reply */
	rep = 3, /* reply to a request */
	ign = 4, /* reply: "no action yet, do not count me" (peer still starting) */
};

/* One datagram; fds travel as SCM_RIGHTS and are filled in on receipt. */
struct mp_wire_msg {
	int32_t type;
	struct rte_mp_msg msg;
};

/** Bind this process's socket and start the receiving thread (no-op with
 * --no-shconf). @return 0 or -errno after one log line. */
int mp_channel_open();

/** Stop the receiving thread, close and unlink the socket. */
void mp_channel_close();

bool mp_channel_is_open();

/** The caller is the receiving thread (it runs the actions). */
bool mp_channel_on_receiver();

/**
 * Send @p msg as @p type to the socket @p dst.
 * @return 1 sent; 0 @p dst is a dead secondary (primary only; its file is
 * removed); -1 with rte_errno after one log line.
 */
int mp_channel_send(const std::string &dst, const struct rte_mp_msg *msg, mp_type type);

/** Where a message goes: every secondary's socket (primary) or the primary's. */
std::vector<std::string> mp_channel_peers();

/** Remove secondary sockets no process has bound (primary start-up). */
void mp_channel_remove_stale();

/**
 * rte_mp_request_sync() to the one peer @p peer (a primary uses it to
 * answer one secondary with a request of its own). Not from the receiving
 * thread. @return as rte_mp_request_sync(); a dead secondary counts as
 * sent nothing (nb_sent 0, return 0).
 */
int mp_request_to(const std::string &peer, const struct rte_mp_msg *req, struct rte_mp_reply *reply,
		  const struct timespec *ts);

/** Handle a received message (its fds are ours to close or pass on). */
void mp_dispatch(mp_wire_msg &w, const char *from);

} // namespace dpkit::eal_detail

#endif /* _EAL_MP_PRIVATE_H_ */
