/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A secondary maps the primary's memory at the primary's addresses
 * (doc/guides/prog_guide/multi_proc_support.rst, "Memory attach").
 *
 * The primary answers the request eal_mem_attach with a cursor: it lists
 * what a secondary must map, in a fixed order (the configuration object,
 * then per memseg list its array, its reservation and its runs of used
 * pages), and sends the items from the cursor on, with their descriptors,
 * as many as one message carries. The secondary asks for the first item
 * alone, maps it, takes the shared memory read lock (so the list cannot
 * change) and asks for the rest.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <new>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_version.h>

#include "eal_fault.h" /* DPKIT_FAULT: 0 unless -Dfault_injection=true */
#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_mem_attach.h"
#include "eal_mp_private.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"

namespace dpkit::eal_detail {

int tailqs_attach(); /* eal_tailq.cpp */

namespace {

constexpr char attach_action[] = "eal_mem_attach";
constexpr char sync_action[] = "eal_mem_sync";
constexpr unsigned items_per_reply = 7;
constexpr int attach_timeout_s = 5;

enum item_kind : uint8_t {
	item_config = 1, /* the configuration object */
	item_array,      /* a list's memseg array */
	item_reserve,    /* a list's address range, no descriptor */
	item_pages,      /* a run of used pages of a list */
	item_nofd,       /* used pages without a descriptor: cannot be shared */
	item_unmap,      /* pages the primary gave back (eal_mem_sync) */
};

struct attach_item {
	uint64_t addr;
	uint64_t len;
	uint64_t off; /* in the descriptor */
	uint8_t kind;
	int8_t fd; /* index in the message's fds, -1: none */
	int16_t list;
	uint32_t pad;
};

struct attach_req {
	uint64_t magic;
	uint64_t layout;
	uint32_t cursor;
	uint32_t first_only; /* 1: the configuration object alone */
};

struct attach_rep {
	int32_t err;    /* 0 or an errno */
	uint32_t total; /* items in all */
	uint32_t first; /* index of items[0] */
	uint32_t n;
	attach_item items[items_per_reply];
};

/* eal_mem_sync: pages the primary mapped or gave back */
struct sync_req {
	uint64_t instance; /* the sender's configuration object's */
	uint32_t n;
	uint32_t pad;
	attach_item items[items_per_reply];
};

static_assert(sizeof(sync_req) <= RTE_MP_MAX_PARAM_LEN);
static_assert(sizeof(attach_req) <= RTE_MP_MAX_PARAM_LEN);
static_assert(sizeof(attach_rep) <= RTE_MP_MAX_PARAM_LEN);

/* Test hooks (eal_mem_attach.h): list pages without their descriptor;
 * wait before serving, as a primary still setting up its memory. */
std::atomic<bool> test_no_fd;
std::atomic<unsigned> test_serve_delay_ms;

struct source_item {
	attach_item it;
	int fd;
};

/* The used pages among slots [first, first+n) of list @p i, runs of one
 * descriptor merged. Primary, mem lock held. */
void
collect_pages(int i, unsigned first, unsigned n, std::vector<source_item> &out)
{
	rte_memseg_list &msl = mcfg().memsegs[i];
	const list_local &ll = local().lists[i];
	for (unsigned s = first; s < first + n; s++) {
		const rte_memseg *ms = memseg_at(&msl, s);
		if (!memseg_used(ms))
			continue;
		const seg_backing &b = ll.backing[s];
		int fd = ll.anon_hugepages || test_no_fd ? -1 : b.fd;
		uint64_t addr = (uintptr_t)ms->addr;
		if (!out.empty()) {
			source_item &prev = out.back();
			if (fd >= 0 && prev.fd == fd && prev.it.kind == item_pages &&
			    prev.it.addr + prev.it.len == addr &&
			    prev.it.off + prev.it.len == b.offset) {
				prev.it.len += msl.page_sz;
				continue;
			}
		}
		out.push_back({{addr, msl.page_sz, b.offset, fd >= 0 ? item_pages : item_nofd, 0,
				(int16_t)i, 0},
			       fd});
	}
}

/* What a secondary maps, in order. Primary, mem read lock held. */
void
collect(std::vector<source_item> &out)
{
	mem_config &m = mcfg();
	int cfd = mem_config_fd();
	out.push_back(
		{{(uintptr_t)&m, mem_config_len(), 0, cfd >= 0 ? item_config : item_nofd, 0, -1, 0},
		 cfd});
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const rte_memseg_list &msl = m.memsegs[i];
		if (msl.memseg_arr.data == nullptr)
			continue;
		const list_local &ll = local().lists[i];
		uint64_t arr_len = (uint64_t)msl.memseg_arr.len * (sizeof(rte_memseg) + 1);
		out.push_back({{(uintptr_t)msl.memseg_arr.data, arr_len, 0,
				ll.arr_fd >= 0 ? item_array : item_nofd, 0, (int16_t)i, 0},
			       ll.arr_fd});
		if (msl.external)
			continue; /* the user's memory: rte_extmem_attach() */
		out.push_back({{(uintptr_t)msl.base_va, msl.len + msl.page_sz, 0, item_reserve, -1,
				(int16_t)i, 0},
			       -1});
		if (m.no_huge) {
			bool fd = ll.list_fd >= 0 && !test_no_fd;
			out.push_back({{(uintptr_t)msl.base_va, msl.len, 0,
					fd ? item_pages : item_nofd, 0, (int16_t)i, 0},
				       fd ? ll.list_fd : -1});
			continue;
		}
		collect_pages(i, 0, msl.memseg_arr.len, out);
	}
}

void
close_fds(struct rte_mp_msg &m, int from)
{
	for (int i = from; i < m.num_fds; i++)
		if (m.fds[i] >= 0)
			close(m.fds[i]);
}

/* The primary's action. */
int
serve(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg reply;
	memset(&reply, 0, sizeof(reply));
	snprintf(reply.name, sizeof(reply.name), "%s", attach_action);
	reply.len_param = sizeof(attach_rep);
	attach_rep rep;
	memset(&rep, 0, sizeof(rep));

	attach_req req;
	memset(&req, 0, sizeof(req));
	if (msg->len_param == (int)sizeof(req))
		memcpy(&req, msg->param, sizeof(req));
	if (req.magic != mem_config_magic || req.layout != mem_config_layout()) {
		rep.err = EPROTO;
		memcpy(reply.param, &rep, sizeof(rep));
		return rte_mp_reply(&reply, static_cast<const char *>(peer));
	}
	/* a secondary's first request: it attaches unless rte_mp_disable()
	 * came first, and rte_mp_disable() fails from now on */
	if (req.cursor == 0 && !mem_config_mp_status_set(mp_status_enabled)) {
		rep.err = EPERM;
		memcpy(reply.param, &rep, sizeof(rep));
		return rte_mp_reply(&reply, static_cast<const char *>(peer));
	}

	/* Not a blocking lock: the writer may be a page allocation waiting for
	 * this very thread to receive the secondaries' eal_mem_sync replies. */
	if (pthread_rwlock_tryrdlock(&mcfg().mem_lock) != 0) {
		rep.err = EBUSY;
		memcpy(reply.param, &rep, sizeof(rep));
		return rte_mp_reply(&reply, static_cast<const char *>(peer));
	}
	std::vector<source_item> items;
	try {
		collect(items);
	} catch (...) {
		items.clear();
		rep.err = ENOMEM;
	}
	rep.total = (uint32_t)items.size();
	rep.first = req.cursor;
	unsigned last = req.first_only ? 1 : rep.total;
	for (uint32_t i = req.cursor; i < last && rep.n < items_per_reply; i++) {
		attach_item it = items[i].it;
		if (items[i].fd >= 0 && it.kind != item_nofd) {
			if (reply.num_fds == RTE_MP_MAX_FD_NUM)
				break;
			it.fd = (int8_t)reply.num_fds;
			reply.fds[reply.num_fds++] = items[i].fd;
		} else {
			it.fd = -1;
		}
		rep.items[rep.n++] = it;
	}
	memcpy(reply.param, &rep, sizeof(rep));
	/* sent before the lock goes: no descriptor is closed meanwhile */
	int r = rte_mp_reply(&reply, static_cast<const char *>(peer));
	rte_mcfg_mem_read_unlock();
	return r;
}

std::atomic<bool> serving; /* set up: attach requests are answered, pages synced */

/* Send @p items to every secondary, at most items_per_reply a message.
 * @return 0 or -errno after one log line. */
int
sync_send(const std::vector<source_item> &items)
{
	/* no secondary: nothing to wait for (and no request, which an action
	 * running on the receiving thread could not make) */
	bool none = false;
	try {
		none = mp_channel_peers().empty();
	} catch (const std::bad_alloc &) {
		/* ask anyway: the request reports its own failure */
	}
	if (none)
		return 0;
	for (size_t at = 0; at < items.size();) {
		struct rte_mp_msg req;
		memset(&req, 0, sizeof(req));
		snprintf(req.name, sizeof(req.name), "%s", sync_action);
		sync_req sr;
		memset(&sr, 0, sizeof(sr));
		sr.instance = mcfg().hdr.instance;
		for (; at < items.size() && sr.n < items_per_reply; at++) {
			attach_item it = items[at].it;
			it.fd = -1;
			if (items[at].fd >= 0) {
				it.fd = (int8_t)req.num_fds;
				req.fds[req.num_fds++] = items[at].fd;
			}
			sr.items[sr.n++] = it;
		}
		memcpy(req.param, &sr, sizeof(sr));
		req.len_param = sizeof(sr);
		struct rte_mp_reply reply;
		struct timespec ts = {attach_timeout_s, 0};
		int r = rte_mp_request_sync(&req, &reply, &ts); /* logs its failures */
		int err = r < 0 ? rte_errno : 0;
		for (int i = 0; i < reply.nb_received; i++) {
			int32_t e = 0;
			if (reply.msgs[i].len_param == (int)sizeof(e))
				memcpy(&e, reply.msgs[i].param, sizeof(e));
			if (e != 0 && err == 0) {
				EAL_LOG(ERR,
					"a secondary process cannot map the pages at %p: %s; the "
					"allocation fails in every process",
					(void *)(uintptr_t)sr.items[0].addr, strerror(e));
				err = e;
			}
			close_fds(reply.msgs[i], 0);
		}
		free(reply.msgs);
		if (err != 0)
			return -err;
	}
	return 0;
}

/* ---- the secondary ---- */

struct mapping {
	void *addr;
	size_t len;
};

/* What this secondary mapped and the descriptors it keeps (for
 * rte_memseg_get_fd()), undone by mem_detach(). */
std::vector<mapping> mappings;
std::vector<int> kept_fds;
/* The two above and the lists' local state: the main thread attaches
 * while the receiving thread may run sync_serve(). */
std::mutex attach_lock;

/* One request. @return 0 with @p msg (the caller closes its fds), or
 * -errno after one log line. */
int
ask_once(uint32_t cursor, bool first_only, struct rte_mp_msg *msg, attach_rep *rep)
{
	struct rte_mp_msg req;
	memset(&req, 0, sizeof(req));
	snprintf(req.name, sizeof(req.name), "%s", attach_action);
	attach_req a{mem_config_magic, mem_config_layout(), cursor, first_only ? 1u : 0u};
	memcpy(req.param, &a, sizeof(a));
	req.len_param = sizeof(a);
	struct rte_mp_reply reply;
	struct timespec ts = {attach_timeout_s, 0};
	/* a failure to send or a timeout is logged by rte_mp_request_sync */
	if (rte_mp_request_sync(&req, &reply, &ts) < 0) {
		int err = rte_errno;
		for (int i = 0; i < reply.nb_received; i++)
			close_fds(reply.msgs[i], 0);
		free(reply.msgs);
		return err == ENOENT || err == ECONNREFUSED ? -ENOENT : -err;
	}
	if (reply.nb_received != 1) {
		free(reply.msgs);
		EAL_LOG(ERR, "secondary process: the primary is still starting (its memory is "
			     "not set up); start the secondary once rte_eal_init() returned in the "
			     "primary");
		return -EAGAIN;
	}
	*msg = reply.msgs[0];
	free(reply.msgs);
	memset(rep, 0, sizeof(*rep));
	if (msg->len_param == (int)sizeof(*rep))
		memcpy(rep, msg->param, sizeof(*rep));
	else
		rep->err = EPROTO;
	if (rep->err == 0 && (rep->n > items_per_reply || rep->first != cursor))
		rep->err = EPROTO;
	if (rep->err == EBUSY) {
		close_fds(*msg, 0);
		return -EBUSY; /* the primary is mapping pages: ask again */
	}
	if (rep->err != 0) {
		close_fds(*msg, 0);
		if (rep->err == EPROTO)
			EAL_LOG(ERR,
				"secondary process: the primary runs another dpkit build (its "
				"memory layout differs from this one's); build both from the same "
				"dpkit");
		else if (rep->err == EPERM)
			EAL_LOG(ERR, "secondary process: the primary process called "
				     "rte_mp_disable(), so it takes no secondary process");
		else
			EAL_LOG(ERR, "secondary process: the primary could not list its memory: %s",
				strerror(rep->err));
		return -rep->err;
	}
	return 0;
}

/* ask_once() until the primary is not busy mapping pages. */
int
ask(uint32_t cursor, bool first_only, struct rte_mp_msg *msg, attach_rep *rep)
{
	for (int tries = 0;; tries++) {
		int r = ask_once(cursor, first_only, msg, rep);
		if (r != -EBUSY)
			return r;
		if (tries == attach_timeout_s * 1000) {
			EAL_LOG(ERR,
				"secondary process: the primary kept its memory locked for "
				"%d s; try again",
				attach_timeout_s);
			return -EBUSY;
		}
		usleep(1000);
	}
}

int
map_failed(const attach_item &it, int err)
{
	if (err == EEXIST)
		EAL_LOG(ERR,
			"secondary process: the primary's memory at %p-%p is taken in this "
			"process; start the secondary with less mapped, or give the primary "
			"another --base-virtaddr",
			(void *)(uintptr_t)it.addr, (void *)(uintptr_t)(it.addr + it.len));
	else
		EAL_LOG(ERR,
			"secondary process: cannot map the primary's memory at %p (%llu "
			"bytes): %s",
			(void *)(uintptr_t)it.addr, (unsigned long long)it.len, strerror(err));
	return -err;
}

/* The list's local state, made when its array is mapped. */
int
list_attach(int idx)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	list_local &ll = local().lists[idx];
	ll.backing = std::make_unique<seg_backing[]>(msl.memseg_arr.len);
	ll.index_used = std::make_unique<uint8_t[]>(msl.memseg_arr.len);
	for (unsigned s = 0; s < msl.memseg_arr.len; s++)
		ll.backing[s] = {-1, 0, -1};
	ll.attached = true;
	return 0;
}

/* Forget what backs slots [first, first+n) of list @p idx, closing the
 * descriptors no other slot uses. Caller holds attach_lock. */
void
release_slots(int idx, unsigned first, unsigned n)
{
	list_local &ll = local().lists[idx];
	const unsigned len = mcfg().memsegs[idx].memseg_arr.len;
	for (unsigned s = first; s < first + n && s < len; s++) {
		int fd = ll.backing[s].fd;
		ll.backing[s] = {-1, 0, -1};
		bool used = false;
		for (unsigned t = 0; t < len && !used && fd >= 0; t++)
			used = ll.backing[t].fd == fd;
		if (fd < 0 || used)
			continue;
		close(fd);
		kept_fds.erase(std::remove(kept_fds.begin(), kept_fds.end(), fd), kept_fds.end());
	}
}

/* Map one item with descriptor @p fd (kept on success, else closed). */
int
map_item(const attach_item &it, int fd)
{
	void *addr = (void *)(uintptr_t)it.addr;
	if (DPKIT_FAULT(ATTACH)) { /* as if mmap had failed */
		os::close_fd(fd);
		return map_failed(it, ENOMEM);
	}
	switch (it.kind) {
	case item_array: {
		if (fd < 0 || it.list < 0 || it.list >= RTE_MAX_MEMSEG_LISTS)
			break;
		if (os::map_shared(addr, it.len, fd, 0) == nullptr) {
			int err = errno;
			close(fd);
			return map_failed(it, err);
		}
		mappings.push_back({addr, it.len});
		local().lists[it.list].arr_fd = fd;
		return list_attach(it.list);
	}
	case item_reserve: {
		int r = os::reserve_area_at(addr, it.len);
		if (r < 0)
			return map_failed(it, -r);
		mappings.push_back({addr, it.len});
		return 0;
	}
	case item_pages: {
		if (fd < 0 || it.list < 0 || !local().lists[it.list].attached)
			break;
		/* inside the list's reservation, which this process made */
		int r = os::map_file_fixed(addr, it.len, fd, it.off, false);
		if (r < 0) {
			close(fd);
			return map_failed(it, -r);
		}
		rte_memseg_list &msl = mcfg().memsegs[it.list];
		list_local &ll = local().lists[it.list];
		unsigned first = (unsigned)((it.addr - (uintptr_t)msl.base_va) / msl.page_sz);
		release_slots(it.list, first, (unsigned)(it.len / msl.page_sz)); /* replaced */
		kept_fds.push_back(fd);
		for (unsigned k = 0; k < it.len / msl.page_sz; k++)
			ll.backing[first + k] = {fd, it.off + (uint64_t)k * msl.page_sz, -1};
		return 0;
	}
	case item_nofd:
		EAL_LOG(ERR,
			"secondary process: the primary's memory at %p has no descriptor to "
			"share (anonymous hugepages: this kernel has no hugetlb memfd); "
			"secondaries cannot attach to it",
			addr);
		return -ENOTSUP;
	default: break;
	}
	if (fd >= 0)
		close(fd);
	EAL_LOG(ERR,
		"secondary process: the primary sent a memory item this process cannot "
		"use (kind %u); build both from the same dpkit",
		it.kind);
	return -EPROTO;
}

/* A secondary's action: map the pages the primary just mapped, or give
 * back those it unmapped, before the primary goes on. Lists this process
 * has not attached yet are left to the attach, which sees them. */
int
sync_serve(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg m = *msg;
	sync_req sr;
	memset(&sr, 0, sizeof(sr));
	int32_t err = 0;
	if (m.len_param == (int)sizeof(sr))
		memcpy(&sr, m.param, sizeof(sr));
	else
		err = EPROTO;
	if (err == 0 && sr.instance != mcfg().hdr.instance) {
		/* a primary started since ours exited, with our --file-prefix:
		 * its pages are not ours, though they may sit at our addresses */
		EAL_LOG(ERR, "secondary process: ignored a memory update from a primary "
			     "process other than this one's (which has exited); exit");
		sr.n = 0;
	}
	std::unique_lock<std::mutex> g(attach_lock);
	for (uint32_t i = 0; err == 0 && i < sr.n && i < items_per_reply; i++) {
		const attach_item &it = sr.items[i];
		bool has_fd = it.fd >= 0 && it.fd < m.num_fds;
		int fd = has_fd ? m.fds[it.fd] : -1;
		if (has_fd)
			m.fds[it.fd] = -1;
		bool ours = it.list >= 0 && it.list < RTE_MAX_MEMSEG_LISTS &&
			    local().lists[it.list].attached;
		if (!ours && it.kind != item_nofd) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		if (it.kind == item_unmap) {
			rte_memseg_list &msl = mcfg().memsegs[it.list];
			release_slots(it.list,
				      (unsigned)((it.addr - (uintptr_t)msl.base_va) / msl.page_sz),
				      (unsigned)(it.len / msl.page_sz));
			os::unmap_keep_reserved((void *)(uintptr_t)it.addr, it.len);
			continue;
		}
		int r = map_item(it, fd);
		if (r < 0)
			err = -r;
	}
	g.unlock();
	close_fds(m, 0);
	struct rte_mp_msg reply;
	memset(&reply, 0, sizeof(reply));
	snprintf(reply.name, sizeof(reply.name), "%s", sync_action);
	memcpy(reply.param, &err, sizeof(err));
	reply.len_param = sizeof(err);
	return rte_mp_reply(&reply, static_cast<const char *>(peer));
}

/* Map the items of one reply; every descriptor is kept or closed. */
int
map_reply(struct rte_mp_msg &msg, const attach_rep &rep)
{
	int r = 0;
	for (uint32_t i = 0; i < rep.n; i++) {
		const attach_item &it = rep.items[i];
		bool has_fd = it.fd >= 0 && it.fd < msg.num_fds;
		int fd = has_fd ? msg.fds[it.fd] : -1;
		if (has_fd)
			msg.fds[it.fd] = -1;
		if (r == 0)
			r = map_item(it, fd);
		else if (fd >= 0)
			close(fd);
	}
	close_fds(msg, 0);
	return r;
}

/* The configuration object: checked, then mapped where the primary has it. */
int
attach_config()
{
	struct rte_mp_msg msg;
	attach_rep rep;
	int r = ask(0, true, &msg, &rep);
	if (r < 0)
		return r;
	const attach_item &it = rep.items[0];
	if (rep.n != 1 || it.kind != item_config || it.fd < 0 || it.fd >= msg.num_fds) {
		close_fds(msg, 0);
		if (rep.n == 1 && it.kind == item_nofd)
			return map_item(it, -1);
		EAL_LOG(ERR, "secondary process: the primary's answer lacks its configuration; "
			     "build both from the same dpkit");
		return -EPROTO;
	}
	int fd = msg.fds[it.fd];
	msg.fds[it.fd] = -1;
	close_fds(msg, 0);

	mem_config_header hdr;
	void *peek = os::map_shared(nullptr, it.len, fd, 0);
	if (peek != nullptr) {
		memcpy(&hdr, peek, sizeof(hdr));
		munmap(peek, it.len);
	}
	if (peek == nullptr || it.len != mem_config_len() || hdr.magic != mem_config_magic ||
	    hdr.layout != mem_config_layout() ||
	    strncmp(hdr.version, rte_version(), sizeof(hdr.version)) != 0 ||
	    (uintptr_t)hdr.self != it.addr) {
		close(fd);
		hdr.version[sizeof(hdr.version) - 1] = '\0';
		EAL_LOG(ERR,
			"secondary process: the primary's memory configuration (%s) does "
			"not match this process's (%s); build both from the same dpkit",
			peek == nullptr ? "unreadable" : hdr.version, rte_version());
		return -EPROTO;
	}
	void *p = DPKIT_FAULT(ATTACH) ? nullptr
				      : os::map_shared((void *)(uintptr_t)it.addr, it.len, fd, 0);
	int err = errno;
	close(fd);
	if (p == nullptr)
		return map_failed(it, err);
	mem_config_switch(static_cast<mem_config *>(p));
	return 0;
}

/* This process's options give way to the primary's memory. */
void
adopt_primary_modes()
{
	internal_config &c = config();
	const mem_config &m = mcfg();
	c.no_hugetlbfs = m.no_huge;
	c.legacy_mem = m.legacy_mem;
	c.single_file_segments = m.single_file_segments;
	c.match_allocations = m.match_allocations;
}

} // namespace

int
mem_attach()
{
	int r = attach_config();
	if (r == 0)
		r = tailqs_attach();
	/* before the lock: pages the primary maps from now on reach us */
	if (r == 0 && rte_mp_action_register(sync_action, sync_serve) < 0) {
		EAL_LOG(ERR, "secondary process: cannot receive memory updates: %s",
			rte_strerror(rte_errno));
		r = -rte_errno;
	}
	if (r == 0)
		r = mem_grow_client_start();
	if (r < 0)
		return r;
	rte_mcfg_mem_read_lock();
	uint32_t cursor = 1, total = 2;
	while (r == 0 && cursor < total) {
		struct rte_mp_msg msg;
		attach_rep rep;
		r = ask(cursor, false, &msg, &rep);
		if (r < 0)
			break;
		{
			std::lock_guard<std::mutex> g(attach_lock);
			r = map_reply(msg, rep);
		}
		total = rep.total;
		if (r == 0 && rep.n == 0 && cursor < total) {
			EAL_LOG(ERR,
				"secondary process: the primary sent no memory item from %u "
				"of %u; build both from the same dpkit",
				cursor, total);
			r = -EPROTO;
		}
		cursor += rep.n;
	}
	rte_mcfg_mem_read_unlock();
	if (r == 0) {
		adopt_primary_modes();
		EAL_LOG(INFO,
			"secondary process: attached the primary's memory (%u items, "
			"%zu descriptors)",
			total, kept_fds.size());
	}
	return r;
}

void
mem_detach()
{
	rte_mp_action_unregister(sync_action);
	mem_grow_client_stop();
	std::lock_guard<std::mutex> g(attach_lock);
	/* in reverse: pages lie inside their list's reservation */
	for (size_t i = mappings.size(); i-- > 0;)
		munmap(mappings[i].addr, mappings[i].len);
	mappings.clear();
	for (int fd : kept_fds)
		close(fd);
	kept_fds.clear();
	for (list_local &ll : local().lists) {
		if (!ll.attached)
			continue;
		os::close_fd(ll.arr_fd);
		ll = list_local{nullptr, nullptr, -1, false, false};
	}
}

int
mem_sync_secondaries(int idx, unsigned first, unsigned n, bool map)
{
	if (!serving)
		return 0; /* start-up, cleanup, or no runtime directory */
	std::vector<source_item> items;
	try {
		if (map) {
			collect_pages(idx, first, n, items);
		} else {
			rte_memseg_list &msl = mcfg().memsegs[idx];
			uint64_t addr = (uintptr_t)RTE_PTR_ADD(msl.base_va,
							       (size_t)first * msl.page_sz);
			items.push_back({{addr, (uint64_t)n * msl.page_sz, 0, item_unmap, -1,
					  (int16_t)idx, 0},
					 -1});
		}
	} catch (const std::bad_alloc &) {
		EAL_LOG(ERR, "no memory to tell secondary processes about new pages");
		return -ENOMEM;
	}
	return sync_send(items);
}

int
mem_attach_serve_start()
{
	if (config().no_shconf)
		return 0;
	if (unsigned ms = test_serve_delay_ms.load())
		usleep(ms * 1000);
	if (rte_mp_action_register(attach_action, serve) < 0) {
		EAL_LOG(ERR, "cannot serve memory to secondaries: %s", rte_strerror(rte_errno));
		return -rte_errno;
	}
	int r = mem_grow_serve_start();
	if (r < 0) {
		rte_mp_action_unregister(attach_action);
		return r;
	}
	serving = true;
	return 0;
}

void
mem_attach_serve_stop()
{
	if (config().no_shconf)
		return;
	mem_grow_serve_stop(); /* its requests still sync the secondaries */
	serving = false;
	rte_mp_action_unregister(attach_action);
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

extern "C" int
dpkit_mem_config_test_skew(int on)
{
	if (config().process_type == RTE_PROC_SECONDARY)
		return -EPERM;
	mem_config &m = mcfg();
	m.hdr.layout = mem_config_layout() ^ (on ? 1 : 0);
	return 0;
}

extern "C" void
dpkit_mem_attach_test_no_fd(int on)
{
	test_no_fd = on != 0;
}

extern "C" void
dpkit_mem_attach_test_serve_delay(unsigned int ms)
{
	test_serve_delay_ms = ms;
}
