/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The v2 socket server: one control thread polls the listening socket, an
 * eventfd that asks it to stop, and up to DPKIT_TELEMETRY_MAX_CLIENTS
 * clients (SOCK_SEQPACKET, one request or reply per message).
 *
 * A new client gets the greeting, then one reply per request. Every socket
 * is non-blocking: a client that stops reading or goes away mid-reply costs
 * one failed send and is dropped; it cannot block the thread. (Sends also
 * say MSG_NOSIGNAL: Linux raises no SIGPIPE on SEQPACKET sockets, but the
 * application must not depend on that.) A
 * client beyond the limit is closed on accept, as in DPDK. Memory per client
 * is the poll entry; the request and reply buffers are the thread's own and
 * bounded (1024 and 16384 bytes).
 *
 * The thread never takes a lock a forwarding lcore takes; the callbacks it
 * runs read counters (rte_eth_stats_get, rte_mempool_avail_count) or take
 * control-path locks only.
 */

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <deque>
#include <mutex>

#include "telemetry_private.h"

namespace dpkit::telemetry_detail {

namespace {

struct server_state {
	dpkit_telemetry_config cfg{};
	std::string dir;
	char path[sizeof(sockaddr_un::sun_path)] = "";
	int listen_fd = -1;
	int wake_fd = -1;
	pthread_t thread{};
	bool running = false;
};

std::mutex state_lock; /* start/stop against each other */
server_state srv;

/* The logger: read by any thread that answers a request, set by start. */
using log_fn_t = int (*)(uint32_t, uint32_t, const char *, ...);
std::atomic<log_fn_t> log_fn{nullptr};
std::atomic<uint32_t> logtype{0};

void
close_fd(int &fd)
{
	if (fd >= 0)
		close(fd);
	fd = -1;
}

/* ---- the socket ---- */

/* dpdk_telemetry.v2:1 .. :max_socket_suffix for processes sharing a prefix */
constexpr int max_socket_suffix = 16;

/* 1 when a process accepts on @p path, 0 when not, or -errno. */
int
socket_alive(const char *path)
{
	sockaddr_un sun{};
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	int probe = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (probe < 0)
		return -errno;
	int alive = connect(probe, reinterpret_cast<sockaddr *>(&sun), sizeof(sun)) == 0;
	close(probe);
	return alive;
}

/* Bind path; a stale socket file (nobody accepts on it) is replaced. */
int
bind_socket(int fd, const char *path)
{
	sockaddr_un sun{};
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if (bind(fd, reinterpret_cast<sockaddr *>(&sun), sizeof(sun)) == 0)
		return 0;
	if (errno != EADDRINUSE)
		return -errno;
	int alive = socket_alive(path);
	if (alive < 0)
		return alive;
	if (alive)
		return -EADDRINUSE;
	unlink(path);
	return bind(fd, reinterpret_cast<sockaddr *>(&sun), sizeof(sun)) == 0 ? 0 : -errno;
}

int
open_listener(const char *path)
{
	int err;
	if (fault_hit(fault_site::socket, &err))
		return -err;
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	int ret = fault_hit(fault_site::bind, &err) ? -err : bind_socket(fd, path);
	if (ret == 0 && fault_hit(fault_site::listen, &err)) {
		ret = -err;
		unlink(path);
	} else if (ret == 0 && listen(fd, DPKIT_TELEMETRY_MAX_CLIENTS) != 0) {
		ret = -errno;
		unlink(path);
	}
	if (ret < 0) {
		close(fd);
		return ret;
	}
	return fd;
}

/* ---- the thread ---- */

struct client_set {
	pollfd fds[2 + DPKIT_TELEMETRY_MAX_CLIENTS]; /* [0] wake, [1] listen */
	unsigned int n = 2;
};

/* Send a whole message or report failure; never blocks, never SIGPIPEs. */
bool
send_msg(int fd, const char *buf, size_t len)
{
	int err;
	if (fault_hit(fault_site::send, &err)) {
		errno = err;
		return false;
	}
	ssize_t r = send(fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
	return r == static_cast<ssize_t>(len);
}

void
accept_clients(client_set &cs)
{
	char greeting[256];
	int glen = dpkit_telemetry_greeting(greeting, sizeof(greeting));
	for (;;) {
		int err = 0;
		int fd = fault_hit(fault_site::accept, &err)
				 ? -1
				 : accept4(srv.listen_fd, nullptr, nullptr,
					   SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd < 0) {
			err = err != 0 ? err : errno;
			if (err == EAGAIN || err == ECONNABORTED)
				return;
			/* out of fds or memory: the client stays queued; wait a
			 * little instead of spinning on a listener still readable */
			log(log_err, "cannot accept a client: %s; retrying in 10 ms\n",
			    strerror(err));
			usleep(10000);
			return;
		}
		if (cs.n == 2 + DPKIT_TELEMETRY_MAX_CLIENTS || glen < 0 ||
		    !send_msg(fd, greeting, glen)) {
			log(log_debug, "client refused: %u clients already connected\n", cs.n - 2);
			close(fd);
			continue;
		}
		cs.fds[cs.n++] = pollfd{fd, POLLIN, 0};
	}
}

/* Serve one readable client; false when it must be dropped. */
bool
serve_client(int fd, char *req, char *reply)
{
	/* MSG_TRUNC: the length of the whole message, so an oversized one is
	 * seen as such instead of being cut silently */
	ssize_t n = recv(fd, req, DPKIT_TELEMETRY_MAX_REQUEST_LEN + 1, MSG_TRUNC | MSG_DONTWAIT);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	if (n == 0)
		return false; /* the client closed */
	int len = dpkit_telemetry_handle(req, static_cast<size_t>(n), reply,
					 DPKIT_TELEMETRY_MAX_OUTPUT_LEN);
	if (len < 0 || !send_msg(fd, reply, len)) {
		log(log_debug, "client dropped: its reply could not be sent (%s)\n",
		    strerror(errno));
		return false;
	}
	return true;
}

void
serve_ready(client_set &cs, char *req, char *reply)
{
	for (unsigned int i = 2; i < cs.n;) {
		short ev = cs.fds[i].revents;
		bool keep = true;
		if (ev & POLLIN)
			keep = serve_client(cs.fds[i].fd, req, reply);
		else if (ev & (POLLHUP | POLLERR | POLLNVAL))
			keep = false;
		if (keep) {
			i++;
			continue;
		}
		close(cs.fds[i].fd);
		cs.fds[i] = cs.fds[--cs.n]; /* the moved entry is looked at next */
	}
}

void *
server_main(void *)
{
	static char req[DPKIT_TELEMETRY_MAX_REQUEST_LEN + 2];
	static char reply[DPKIT_TELEMETRY_MAX_OUTPUT_LEN];
	client_set cs;
	cs.fds[0] = pollfd{srv.wake_fd, POLLIN, 0};
	cs.fds[1] = pollfd{srv.listen_fd, POLLIN, 0};
	for (;;) {
		if (poll(cs.fds, cs.n, -1) < 0) {
			if (errno == EINTR)
				continue;
			log(log_err, "poll failed: %s; telemetry stops\n", strerror(errno));
			break;
		}
		if (cs.fds[0].revents != 0)
			break;
		serve_ready(cs, req, reply);
		if (cs.fds[1].revents & POLLIN)
			accept_clients(cs);
	}
	for (unsigned int i = 2; i < cs.n; i++)
		close(cs.fds[i].fd);
	return nullptr;
}

int
start_locked(const dpkit_telemetry_config *cfg)
{
	if (srv.running)
		return -EALREADY;
	srv.dir = cfg->runtime_dir;
	/* copies are kept for the process's life (one small string per start):
	 * a request answered on another thread may still hold the previous
	 * one; a deque never moves its elements */
	static auto *versions = new std::deque<std::string>;
	versions->emplace_back(cfg->version != nullptr ? cfg->version : "DPDK");
	const char *v = versions->back().c_str();
	set_version(v);

	srv.wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (srv.wake_fd < 0)
		return -errno;
	/* another live process of the same --file-prefix (a secondary beside
	 * its primary) serves dpdk_telemetry.v2: take the next free ":N" */
	int ret = -EADDRINUSE;
	for (int n = 0; n <= max_socket_suffix && ret == -EADDRINUSE; n++) {
		if (n > 0 && socket_alive(srv.path) != 1)
			break; /* EADDRINUSE, but not from a live server */
		int len = n == 0 ? snprintf(srv.path, sizeof(srv.path), "%s/dpdk_telemetry.v2",
					    srv.dir.c_str())
				 : snprintf(srv.path, sizeof(srv.path), "%s/dpdk_telemetry.v2:%d",
					    srv.dir.c_str(), n);
		if (len < 0 || (size_t)len >= sizeof(srv.path)) {
			ret = -ENAMETOOLONG;
			break;
		}
		ret = open_listener(srv.path);
	}
	if (ret >= 0) {
		srv.listen_fd = ret;
		int err;
		ret = fault_hit(fault_site::thread, &err)
			      ? -err
			      : cfg->thread_create(&srv.thread, "telemetry-v2", nullptr,
						   server_main, nullptr);
		if (ret < 0)
			unlink(srv.path);
	}
	if (ret < 0) {
		close_fd(srv.listen_fd);
		close_fd(srv.wake_fd);
		srv.path[0] = '\0';
		return ret;
	}
	srv.running = true;
	return 0;
}

} // namespace

void
log(uint32_t level, const char *fmt, ...)
{
	log_fn_t fn = log_fn.load(std::memory_order_acquire);
	if (fn == nullptr)
		return;
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fn(level, logtype.load(std::memory_order_relaxed), "TELEMETRY: %s", line);
}

} // namespace dpkit::telemetry_detail

using namespace dpkit::telemetry_detail;

extern "C" {

int
dpkit_telemetry_start(const struct dpkit_telemetry_config *cfg)
{
	if (cfg == nullptr || cfg->runtime_dir == nullptr || cfg->thread_create == nullptr)
		return -EINVAL;
	std::lock_guard<std::mutex> g(state_lock);
	if (!srv.running) {
		logtype.store(cfg->logtype, std::memory_order_relaxed);
		log_fn.store(cfg->log_fn, std::memory_order_release);
	}
	int ret;
	try {
		ret = start_locked(cfg);
	} catch (...) {
		ret = -ENOMEM;
	}
	if (ret < 0 && ret != -EALREADY)
		log(log_err, "cannot serve %s/dpdk_telemetry.v2: %s\n", cfg->runtime_dir,
		    strerror(-ret));
	return ret;
}

void
dpkit_telemetry_stop(void)
{
	std::lock_guard<std::mutex> g(state_lock);
	if (!srv.running)
		return;
	uint64_t one = 1;
	if (write(srv.wake_fd, &one, sizeof(one)) != sizeof(one))
		log(log_err, "cannot wake the telemetry thread: %s\n", strerror(errno));
	pthread_join(srv.thread, nullptr);
	close_fd(srv.listen_fd);
	close_fd(srv.wake_fd);
	unlink(srv.path);
	srv.path[0] = '\0';
	srv.running = false;
}

const char *
dpkit_telemetry_socket_path(void)
{
	return srv.path;
}

} // extern "C"
