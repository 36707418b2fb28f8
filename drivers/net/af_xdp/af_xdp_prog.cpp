/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The XDP program of net_af_xdp ports: it redirects each frame to the
 * socket its rx queue has in the map "xsks_map", or passes it to the
 * kernel. By default libxdp's own object file (xsk_def_xdp_prog.o, found
 * in LIBXDP_OBJECT_PATH or libxdp's install directory), else xdp_prog=.
 *
 * The driver loads it with libbpf and attaches it itself (native XDP where
 * the kernel driver has it, generic otherwise) instead of letting libxdp's
 * socket code do it: libxdp 1.3 keeps a program fd, and map fds, open for
 * every socket it ever made (af_xdp_autotest's fault case counts fds). One
 * program per interface and network namespace, shared by the ports on it
 * (different start_queue) and detached with the last of them; only our own
 * program is ever detached (XDP_FLAGS_REPLACE), and an interface that has
 * another program already is refused with a line saying so.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/if_link.h>

#include <mutex>
#include <string>
#include <vector>

#include <bpf/libbpf.h>

#include "af_xdp_private.h"
#include "eal_fault.h"

namespace dpkit::af_xdp {

struct prog_ref {
	int ifindex;
	ino_t netns;
	std::string path;
	struct bpf_object *obj;
	int prog_fd;
	int map_fd;
	unsigned int refs;
};

namespace {

constexpr const char default_prog[] = "xsk_def_xdp_prog.o";

std::mutex &
prog_lock()
{
	static std::mutex m;
	return m;
}

/* Attached programs; under prog_lock(). */
std::vector<prog_ref *> &
progs()
{
	static std::vector<prog_ref *> v;
	return v;
}

ino_t
current_netns()
{
	struct stat st;
	return stat("/proc/thread-self/ns/net", &st) == 0 ? st.st_ino : 0;
}

/* libxdp's default object: $LIBXDP_OBJECT_PATH, then where Debian and
 * upstream install it. */
std::string
find_default()
{
	std::vector<std::string> dirs;
	if (const char *env = getenv("LIBXDP_OBJECT_PATH"))
		dirs.emplace_back(env);
	for (const char *d :
	     {"/usr/lib/x86_64-linux-gnu/bpf", "/usr/lib/aarch64-linux-gnu/bpf", "/usr/lib/bpf",
	      "/usr/lib64/bpf", "/usr/local/lib/bpf", "/usr/local/lib64/bpf"})
		dirs.emplace_back(d);
	for (const auto &d : dirs) {
		std::string p = d + "/" + default_prog;
		if (access(p.c_str(), R_OK) == 0)
			return p;
	}
	return "";
}

void
unload(prog_ref *r)
{
	if (r->prog_fd >= 0) {
		struct bpf_xdp_attach_opts opts = {};
		opts.sz = sizeof(opts);
		opts.old_prog_fd = r->prog_fd;
		bpf_xdp_attach(r->ifindex, -1, XDP_FLAGS_REPLACE, &opts);
	}
	bpf_object__close(r->obj);
	delete r;
}

/* Load @p path and attach it to @p p's interface. */
int
load(const char *name, port *p, const std::string &path, prog_ref **out)
{
	auto *r = new (std::nothrow)
		prog_ref{p->ifindex, current_netns(), path, nullptr, -1, -1, 1};
	if (r == nullptr)
		return -ENOMEM;
	const char *step = "open";
	int err;
	r->obj = DPKIT_FAULT(SYSCALL) ? nullptr : bpf_object__open_file(path.c_str(), nullptr);
	err = r->obj == nullptr ? -errno : 0;
	if (err == 0) {
		step = "load";
		err = DPKIT_FAULT(SYSCALL) ? -ENOMEM : bpf_object__load(r->obj);
	}
	struct bpf_program *prog = err == 0 ? bpf_object__next_program(r->obj, nullptr) : nullptr;
	if (err == 0 && prog == nullptr) {
		step = "find a program in";
		err = -ENOENT;
	}
	if (err == 0) {
		step = "find a map named xsks_map in";
		r->map_fd = bpf_object__find_map_fd_by_name(r->obj, "xsks_map");
		err = r->map_fd < 0 ? -ENOENT : 0;
	}
	if (err == 0) {
		step = "attach";
		int fd = bpf_program__fd(prog);
		err = DPKIT_FAULT(SYSCALL) ? -ENOMEM
					   : bpf_xdp_attach(p->ifindex, fd,
							    XDP_FLAGS_UPDATE_IF_NOEXIST, nullptr);
		if (err == 0)
			r->prog_fd = fd;
	}
	if (err != 0) {
		AFX_LOG(ERR, "%s: cannot %s the XDP program %s (on %s): %s%s", name, step,
			path.c_str(), p->iface, strerror(-err),
			err == -EBUSY || err == -EEXIST ? "; the interface has another XDP program "
							  "(ip link set dev <iface> xdp off)"
							: "");
		unload(r);
		return err;
	}
	*out = r;
	return 0;
}

} // namespace

int
prog_attach(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	const char *name = dev->data->name;
	std::string path;
	try {
		path = p->prog_path[0] != '\0' ? std::string(p->prog_path) : find_default();
	} catch (...) {
		return -ENOMEM;
	}
	if (path.empty()) {
		AFX_LOG(ERR,
			"%s: libxdp's %s not found; install libxdp1 or set "
			"LIBXDP_OBJECT_PATH, or give xdp_prog=",
			name, default_prog);
		return -ENOENT;
	}
	std::lock_guard<std::mutex> g(prog_lock());
	const ino_t ns = current_netns();
	for (prog_ref *r : progs())
		if (r->ifindex == p->ifindex && r->netns == ns) {
			if (r->path != path) {
				AFX_LOG(ERR,
					"%s: %s already runs %s for another port; every port "
					"on an interface needs the same xdp_prog",
					name, p->iface, r->path.c_str());
				return -EINVAL;
			}
			r->refs++;
			p->prog = r;
			p->xsks_map_fd = r->map_fd;
			return 0;
		}
	try {
		progs().reserve(progs().size() + 1);
	} catch (...) {
		return -ENOMEM;
	}
	prog_ref *r;
	int ret = load(name, p, path, &r);
	if (ret != 0)
		return ret;
	progs().push_back(r);
	p->prog = r;
	p->xsks_map_fd = r->map_fd;
	return 0;
}

void
prog_detach(struct rte_eth_dev *dev)
{
	port *p = priv(dev);
	if (p->prog == nullptr)
		return;
	std::lock_guard<std::mutex> g(prog_lock());
	prog_ref *r = p->prog;
	p->prog = nullptr;
	p->xsks_map_fd = -1;
	if (--r->refs != 0)
		return;
	auto &v = progs();
	std::erase(v, r);
	unload(r);
}

} // namespace dpkit::af_xdp
