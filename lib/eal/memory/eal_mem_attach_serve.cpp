/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The primary's side of the memory attach
 * (doc/guides/prog_guide/multi_proc_support.rst, "Memory attach"): it
 * answers eal_mem_attach requests with the items a secondary must map,
 * from the secondary's cursor on, and tells every secondary about the
 * pages it maps or gives back later (eal_mem_sync) before it goes on.
 * The secondary's side is eal_mem_attach.cpp; the messages are in
 * eal_mem_attach_wire.hpp.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atomic>
#include <new>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>

#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_mem_attach.h"
#include "eal_mem_attach_wire.hpp"
#include "eal_mp_private.h"
#include "eal_memory_private.h"

namespace dpkit::eal_detail {

namespace {

using namespace mem_wire;

/* Test hooks (eal_mem_attach.h): list pages without their descriptor;
 * hold serving until a file appears, as a primary still setting up its
 * memory (a file, not a delay, so a slow machine cannot end the hold
 * before the test's secondary asked). */
std::atomic<bool> test_no_fd;
std::string test_serve_gate;

constexpr unsigned test_serve_gate_max_ms = 60000;

void
wait_for_test_gate()
{
	for (unsigned ms = 0; ms < test_serve_gate_max_ms; ms += 10) {
		if (access(test_serve_gate.c_str(), F_OK) == 0)
			return;
		usleep(10 * 1000);
	}
	EAL_LOG(WARNING, "test gate %s did not appear in %u ms; serving anyway",
		test_serve_gate.c_str(), test_serve_gate_max_ms);
}

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

} // namespace

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
	if (!test_serve_gate.empty())
		wait_for_test_gate();
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
dpkit_mem_attach_test_serve_gate(const char *path)
{
	test_serve_gate = path != nullptr ? path : "";
}
