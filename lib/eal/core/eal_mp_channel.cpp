/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The multi-process channel: one unix datagram socket per process in the
 * runtime directory, as DPDK names them: the primary binds "mp_socket", each
 * secondary "mp_socket_<pid>_<ns>". The same socket sends and receives, so a
 * receiver learns from the datagram's source address whom to answer. A
 * message is one datagram of a fixed size; its descriptors travel beside it
 * as SCM_RIGHTS. A thread receives and hands every message to
 * mp_dispatch() (eal_mp.cpp).
 *
 * The primary finds secondaries by listing the directory; a socket nobody
 * has bound any more refuses datagrams (ECONNREFUSED), which is how the
 * primary tells a dead secondary's file from a live one and removes it.
 */

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_fault.h" /* DPKIT_FAULT: 0 unless -Dfault_injection=true */
#include "eal_mp_private.h"

namespace dpkit::eal_detail {

namespace {

int sock_fd = -1;
int stop_fd = -1;
std::string &own_path = *new std::string; /* never destroyed, as receiver's state */

/* The receiving thread. An application may leave with exit() and no
 * rte_eal_cleanup(), as DPDK allows: the thread is then still running when
 * static objects are destroyed, and a joinable std::thread destroyed calls
 * std::terminate (SIGABRT, buffered stdout lost). It is detached instead;
 * the process's exit ends it. */
struct receiver_thread {
	std::thread thread;
	~receiver_thread()
	{
		if (thread.joinable())
			thread.detach();
	}
};
receiver_thread receiver;

constexpr const char *primary_name = "mp_socket";

std::string
primary_path()
{
	return config().runtime_dir + "/" + primary_name;
}

bool
fill_addr(struct sockaddr_un &a, const std::string &path)
{
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	if (path.size() >= sizeof(a.sun_path))
		return false;
	memcpy(a.sun_path, path.c_str(), path.size() + 1);
	return true;
}

/* @p path is a secondary's socket in our runtime directory: only those are
 * removed when dead (a peer name from the caller may be anything). */
bool
is_secondary_socket(const std::string &path)
{
	std::string dir = config().runtime_dir + "/";
	return path.compare(0, dir.size(), dir) == 0 &&
	       fnmatch("mp_socket_*", path.c_str() + dir.size(), FNM_PATHNAME) == 0;
}

void
close_fds(struct rte_mp_msg &m)
{
	for (int i = 0; i < m.num_fds; i++)
		if (m.fds[i] >= 0)
			close(m.fds[i]);
	m.num_fds = 0;
}

/* One datagram: false when the channel is stopping. */
bool
receive_one()
{
	mp_wire_msg w;
	struct sockaddr_un from;
	struct iovec iov = {&w, sizeof(w)};
	alignas(struct cmsghdr) char ctl[CMSG_SPACE(sizeof(int) * RTE_MP_MAX_FD_NUM)];
	struct msghdr h;
	memset(&h, 0, sizeof(h));
	h.msg_name = &from;
	h.msg_namelen = sizeof(from);
	h.msg_iov = &iov;
	h.msg_iovlen = 1;
	h.msg_control = ctl;
	h.msg_controllen = sizeof(ctl);
	ssize_t n = recvmsg(sock_fd, &h, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	if (DPKIT_FAULT(IPC))
		h.msg_flags |= MSG_CTRUNC; /* as if the descriptors did not fit */

	int fds[RTE_MP_MAX_FD_NUM];
	int nb_fds = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&h); c != nullptr; c = CMSG_NXTHDR(&h, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		for (int i = 0; i < k && nb_fds < RTE_MP_MAX_FD_NUM; i++)
			memcpy(&fds[nb_fds++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
	}
	w.msg.num_fds = nb_fds;
	memcpy(w.msg.fds, fds, sizeof(int) * (size_t)nb_fds);
	if ((size_t)n != sizeof(w) || (h.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
		RTE_LOG(ERR, EAL,
			"multi-process channel: dropped a malformed message of %zd "
			"bytes (a peer built from another dpkit version?)\n",
			n);
		close_fds(w.msg);
		return true;
	}
	w.msg.name[RTE_MP_MAX_NAME_LEN - 1] = '\0';
	from.sun_path[sizeof(from.sun_path) - 1] = '\0';
	mp_dispatch(w, from.sun_path);
	return true;
}

void
receive_loop()
{
	pthread_setname_np(pthread_self(), "dpdk-mp-msg");
	struct pollfd p[2] = {{sock_fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
	for (;;) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return;
		if (p[1].revents != 0)
			return;
		if ((p[0].revents & POLLIN) != 0 && !receive_one())
			return;
	}
}

} // namespace

int
mp_channel_open()
{
	const internal_config &c = config();
	if (c.no_shconf)
		return 0;
	if (c.process_type == RTE_PROC_PRIMARY) {
		own_path = primary_path();
	} else {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		char tail[64];
		snprintf(tail, sizeof(tail), "_%d_%llx", (int)getpid(),
			 (unsigned long long)t.tv_sec * 1000000000ULL +
				 (unsigned long long)t.tv_nsec);
		own_path = primary_path() + tail;
	}
	struct sockaddr_un a;
	if (!fill_addr(a, own_path)) {
		RTE_LOG(ERR, EAL,
			"multi-process socket path %s is longer than %zu bytes; use a "
			"shorter --file-prefix or runtime directory\n",
			own_path.c_str(), sizeof(a.sun_path) - 1);
		return -ENAMETOOLONG;
	}
	sock_fd = DPKIT_FAULT(IPC) ? -1 : socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	stop_fd = eventfd(0, EFD_CLOEXEC);
	if (sock_fd < 0 || stop_fd < 0) {
		int err = errno;
		RTE_LOG(ERR, EAL, "cannot create the multi-process socket: %s\n", strerror(err));
		mp_channel_close();
		return -err;
	}
	/* the primary holds the config lock: an mp_socket left here is a dead
	 * primary's */
	unlink(own_path.c_str());
	if (bind(sock_fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		int err = errno;
		RTE_LOG(ERR, EAL, "cannot bind the multi-process socket %s: %s\n", own_path.c_str(),
			strerror(err));
		own_path.clear();
		mp_channel_close();
		return -err;
	}
	receiver.thread = std::thread(receive_loop);
	return 0;
}

void
mp_channel_close()
{
	/* a primary leaving removes what killed secondaries left, so that its
	 * runtime directory can go */
	if (sock_fd >= 0 && config().process_type == RTE_PROC_PRIMARY)
		mp_channel_remove_stale();
	if (receiver.thread.joinable()) {
		uint64_t one = 1;
		if (write(stop_fd, &one, sizeof(one)) != (ssize_t)sizeof(one))
			RTE_LOG(ERR, EAL, "cannot stop the multi-process thread\n");
		receiver.thread.join();
	}
	if (sock_fd >= 0)
		close(sock_fd);
	if (stop_fd >= 0)
		close(stop_fd);
	sock_fd = stop_fd = -1;
	if (!own_path.empty())
		unlink(own_path.c_str());
	own_path.clear();
}

bool
mp_channel_is_open()
{
	return sock_fd >= 0;
}

bool
mp_channel_on_receiver()
{
	return receiver.thread.get_id() == std::this_thread::get_id();
}

int
mp_channel_send(const std::string &dst, const struct rte_mp_msg *msg, mp_type type)
{
	if (sock_fd < 0) {
		RTE_LOG(ERR, EAL,
			"%s: the multi-process channel is not open (EAL not "
			"initialised, or cleaned up)\n",
			msg->name);
		rte_errno = ENOTCONN;
		return -1;
	}
	mp_wire_msg w;
	memset(&w, 0, sizeof(w));
	w.type = (int32_t)type;
	w.msg = *msg;
	struct sockaddr_un a;
	if (!fill_addr(a, dst)) {
		RTE_LOG(ERR, EAL, "%s: peer path %s is too long\n", msg->name, dst.c_str());
		rte_errno = EINVAL;
		return -1;
	}
	struct iovec iov = {&w, sizeof(w)};
	alignas(struct cmsghdr) char ctl[CMSG_SPACE(sizeof(int) * RTE_MP_MAX_FD_NUM)];
	struct msghdr h;
	memset(&h, 0, sizeof(h));
	h.msg_name = &a;
	h.msg_namelen = sizeof(a);
	h.msg_iov = &iov;
	h.msg_iovlen = 1;
	if (msg->num_fds > 0) {
		h.msg_control = ctl;
		h.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)msg->num_fds);
		struct cmsghdr *c = CMSG_FIRSTHDR(&h);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)msg->num_fds);
		memcpy(CMSG_DATA(c), msg->fds, sizeof(int) * (size_t)msg->num_fds);
	}
	ssize_t n = -1;
	if (DPKIT_FAULT(IPC))
		errno = ENOBUFS; /* the kernel's answer when socket memory runs out */
	else
		do {
			n = sendmsg(sock_fd, &h, 0);
		} while (n < 0 && errno == EINTR);
	if (n >= 0)
		return 1;
	int err = errno;
	if ((err == ECONNREFUSED || err == ENOENT) && is_secondary_socket(dst) &&
	    config().process_type == RTE_PROC_PRIMARY) {
		if (err == ECONNREFUSED)
			unlink(dst.c_str()); /* a secondary that died without cleaning up */
		return 0;
	}
	if (err == ECONNREFUSED || err == ENOENT)
		RTE_LOG(ERR, EAL,
			"%s: no process receives on %s (the %s process has "
			"exited?)\n",
			msg->name, dst.c_str(), dst == primary_path() ? "primary" : "peer");
	else
		RTE_LOG(ERR, EAL, "%s: cannot send to %s: %s\n", msg->name, dst.c_str(),
			strerror(err));
	rte_errno = err;
	return -1;
}

std::vector<std::string>
mp_channel_peers()
{
	if (config().process_type != RTE_PROC_PRIMARY)
		return {primary_path()};
	std::vector<std::string> peers;
	DIR *d = opendir(config().runtime_dir.c_str());
	if (d == nullptr)
		return peers;
	while (struct dirent *e = readdir(d))
		if (fnmatch("mp_socket_*", e->d_name, 0) == 0)
			peers.push_back(config().runtime_dir + "/" + e->d_name);
	closedir(d);
	return peers;
}

void
mp_channel_remove_stale()
{
	/* what secondaries leave when killed: their message sockets, and the
	 * telemetry sockets ("dpdk_telemetry.v2:N") of those that served one */
	std::vector<std::pair<std::string, int>> files;
	for (const std::string &p : mp_channel_peers())
		files.emplace_back(p, SOCK_DGRAM);
	if (DIR *d = opendir(config().runtime_dir.c_str())) {
		while (struct dirent *e = readdir(d))
			if (fnmatch("dpdk_telemetry.v2:*", e->d_name, 0) == 0)
				files.emplace_back(config().runtime_dir + "/" + e->d_name,
						   SOCK_SEQPACKET);
		closedir(d);
	}
	for (const auto &[p, type] : files) {
		struct sockaddr_un a;
		int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
		if (fd < 0 || !fill_addr(a, p)) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		/* connecting sends nothing: it only asks whether someone has the
		 * name bound */
		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0 && errno == ECONNREFUSED) {
			RTE_LOG(DEBUG, EAL, "removing %s: no process has it open\n", p.c_str());
			unlink(p.c_str());
		}
		close(fd);
	}
}

} // namespace dpkit::eal_detail
