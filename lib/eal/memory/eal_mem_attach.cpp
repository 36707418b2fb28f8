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
 *
 * This file is the secondary's side; the primary's is
 * eal_mem_attach_serve.cpp, the messages eal_mem_attach_wire.hpp.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_version.h>

#include "eal_fault.h" /* DPKIT_FAULT: 0 unless -Dfault_injection=true */
#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_mem_attach_wire.hpp"
#include "eal_mp_private.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"

namespace dpkit::eal_detail {

int tailqs_attach(); /* eal_tailq.cpp */

namespace {

using namespace mem_wire;

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

} // namespace dpkit::eal_detail
