/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A secondary's heap grows and shrinks through the primary
 * (doc/guides/prog_guide/multi_proc_support.rst, "Memory attach").
 *
 * Pages are the primary's: it alone maps them, keeps their descriptors and
 * tells every secondary (eal_mem_sync) before an allocation returns. A
 * secondary whose heap needs pages asks the primary with eal_mem_grow
 * (list, count) while it holds the heap lock; the primary maps a free run
 * of that list, which the sync maps in every secondary, the asking one
 * included, and answers with the run's first slot. The secondary then adds
 * the run to the heap itself: the heap lock it holds is what protects the
 * heap. Giving pages back is the same request with "unmap" and a run.
 *
 * The primary does the work on a thread of its own, not on the thread
 * that receives messages: the sync waits for replies that thread receives.
 *
 * The request is a one-way message and the answer a request of the
 * primary's (eal_mem_grow_done) to that secondary alone, so that the
 * primary learns whether the secondary still waits: a secondary that gave
 * up (its wait timed out, or it died) does not take the run, and the
 * primary unmaps it again rather than leave pages mapped in no heap.
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>

#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_mem_attach.h"
#include "eal_memory_private.h"
#include "eal_mp_private.h"

namespace dpkit::eal_detail {

namespace {

constexpr char grow_action[] = "eal_mem_grow";
constexpr char done_action[] = "eal_mem_grow_done";
/* above the primary's sync timeout (5 s), which it may spend per message */
constexpr unsigned grow_timeout_ms = 15000;
/* how long the primary waits for a secondary to take its answer */
constexpr int done_timeout_s = 5;

enum grow_op : uint32_t { op_map = 1, op_unmap = 2 };

struct grow_req {
	uint32_t op;
	int32_t list;
	uint32_t first; /* op_unmap */
	uint32_t n;
	uint32_t contig;
	uint32_t seq; /* the secondary's, echoed in the answer */
};

struct grow_rep {
	int32_t err; /* 0 or an errno */
	uint32_t first;
	uint32_t seq;
};

static_assert(sizeof(grow_req) <= RTE_MP_MAX_PARAM_LEN);
static_assert(sizeof(grow_rep) <= RTE_MP_MAX_PARAM_LEN);

/* ---- the primary ---- */

/* Requests being worked on, and whether new ones are refused (cleanup). */
std::mutex workers_lock;
std::condition_variable workers_done;
unsigned workers;
bool stopping = true;
/* one answer in flight at a time: two to one secondary would collide */
std::mutex done_lock;

/* A run of list @p idx a secondary may ask about. */
bool
run_valid(const grow_req &r)
{
	if (r.list < 0 || r.list >= RTE_MAX_MEMSEG_LISTS || r.n == 0)
		return false;
	const rte_memseg_list &msl = mcfg().memsegs[r.list];
	if (msl.memseg_arr.data == nullptr || msl.external || r.n > msl.memseg_arr.len)
		return false;
	return r.op != op_unmap || r.first <= msl.memseg_arr.len - r.n;
}

/* Map a free run for a secondary. Mem write lock held. */
int
map_for(const grow_req &r, uint32_t *first)
{
	int f = memseg_find_free_run(r.list, r.n);
	if (f < 0)
		return -ENOSPC;
	int e = pages_alloc(r.list, (unsigned)f, r.n, r.contig != 0, 0, -1);
	if (e < 0)
		return e;
	rte_memseg_list &msl = mcfg().memsegs[r.list];
	mem_event_notify(RTE_MEM_EVENT_ALLOC, RTE_PTR_ADD(msl.base_va, (size_t)f * msl.page_sz),
			 (size_t)r.n * msl.page_sz);
	*first = (uint32_t)f;
	return 0;
}

/* Unmap a run a secondary took out of its heap. Mem write lock held. */
int
unmap_for(const grow_req &r)
{
	rte_memseg_list &msl = mcfg().memsegs[r.list];
	for (unsigned s = r.first; s < r.first + r.n; s++)
		if (!memseg_used(memseg_at(&msl, s)))
			return -EINVAL;
	mem_event_notify(RTE_MEM_EVENT_FREE,
			 RTE_PTR_ADD(msl.base_va, (size_t)r.first * msl.page_sz),
			 (size_t)r.n * msl.page_sz);
	pages_free(r.list, r.first, r.n);
	return 0;
}

enum class took { yes, no, unknown };

/* Answer @p peer, asking again while its reply is lost: the secondary
 * says "taken" again for the answer it took. @return whether it took the
 * answer (it still waited); unknown when it got an answer but no reply of
 * it came back. */
took
answer(const grow_rep &rep, const std::string &peer)
{
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", done_action);
	memcpy(m.param, &rep, sizeof(rep));
	m.len_param = sizeof(rep);
	struct timespec ts = {done_timeout_s, 0};
	bool delivered = false;
	std::lock_guard<std::mutex> g(done_lock);
	for (int tries = 0; tries < 3; tries++) {
		struct rte_mp_reply reply;
		/* a failure to send or a timeout is logged there */
		int r = mp_request_to(peer, &m, &reply, &ts);
		delivered = delivered || reply.nb_sent > 0;
		int32_t t = -1;
		if (r == 0 && reply.nb_received == 1 && reply.msgs[0].len_param == (int)sizeof(t))
			memcpy(&t, reply.msgs[0].param, sizeof(t));
		for (int i = 0; i < reply.nb_received; i++)
			for (int k = 0; k < reply.msgs[i].num_fds; k++)
				close(reply.msgs[i].fds[k]);
		free(reply.msgs);
		if (r == 0 && (reply.nb_sent == 0 || t >= 0)) /* gone, or a reply */
			return t == 1 ? took::yes : took::no;
	}
	return delivered ? took::unknown : took::no;
}

/* A run mapped for a secondary that no longer waits: unmapped again. */
void
take_back(const grow_req &r, uint32_t first, const std::string &peer)
{
	grow_req u{op_unmap, r.list, first, r.n, 0, r.seq};
	rte_mcfg_mem_write_lock();
	int e = unmap_for(u);
	rte_mcfg_mem_write_unlock();
	EAL_LOG(ERR, "%s from %s: the secondary process no longer waits for its %u pages; %s",
		grow_action, peer.c_str(), r.n,
		e == 0 ? "they are unmapped again" : "cannot unmap them");
}

void
work(grow_req r, const std::string &peer)
{
	grow_rep rep{0, 0, r.seq};
	if (!run_valid(r) || (r.op != op_map && r.op != op_unmap)) {
		rep.err = EINVAL;
	} else {
		rte_mcfg_mem_write_lock();
		int e = r.op == op_map ? map_for(r, &rep.first) : unmap_for(r);
		rte_mcfg_mem_write_unlock();
		rep.err = -e;
	}
	if (rep.err != 0 && rep.err != ENOSPC && rep.err != ENOMEM)
		EAL_LOG(ERR, "%s from %s (list %d, %u pages): %s", grow_action, peer.c_str(),
			r.list, r.n, strerror(rep.err));
	took t = answer(rep, peer);
	if (t == took::no && r.op == op_map && rep.err == 0)
		take_back(r, rep.first, peer);
	else if (t == took::unknown && r.op == op_map && rep.err == 0)
		/* unmapping pages the secondary may use would break it: a leak is safer */
		EAL_LOG(ERR,
			"%s from %s: no word whether the secondary process took its %u pages; "
			"they stay mapped",
			grow_action, peer.c_str(), r.n);
	std::lock_guard<std::mutex> g(workers_lock);
	workers--;
	workers_done.notify_all();
}

/* The primary's action, on the receiving thread: hand over to a worker. */
int
serve(const struct rte_mp_msg *msg, const void *peer)
{
	grow_req r;
	memset(&r, 0, sizeof(r));
	if (msg->len_param == (int)sizeof(r))
		memcpy(&r, msg->param, sizeof(r));
	{
		std::lock_guard<std::mutex> g(workers_lock);
		if (stopping)
			return 0; /* no answer: the asking secondary times out */
		workers++;
	}
	try {
		std::thread(work, r, std::string(static_cast<const char *>(peer))).detach();
		return 0;
	} catch (const std::exception &e) {
		EAL_LOG(ERR, "%s: cannot start its thread: %s", grow_action, e.what());
	}
	std::lock_guard<std::mutex> g(workers_lock);
	workers--;
	workers_done.notify_all();
	return -1;
}

/* ---- the secondary ---- */

/* One request at a time (the heap lock its callers hold is per heap). */
std::mutex ask_lock;
/* The request waiting for its answer (seq 0: none), and the answer. */
std::mutex wait_lock;
std::condition_variable answered;
uint32_t waiting_seq;
uint32_t taken_seq; /* the last answer taken: said "taken" again if asked again */
uint32_t next_seq;
bool have_answer;
grow_rep the_answer;
std::atomic<unsigned> timeout_ms{grow_timeout_ms};

/* The secondary's action for the primary's answer: taken (1) only if the
 * request it answers still waits. */
int
done_serve(const struct rte_mp_msg *msg, const void *peer)
{
	grow_rep rep{EPROTO, 0, 0};
	if (msg->len_param == (int)sizeof(rep))
		memcpy(&rep, msg->param, sizeof(rep));
	int32_t taken = 0;
	{
		std::lock_guard<std::mutex> g(wait_lock);
		if (waiting_seq != 0 && rep.seq == waiting_seq) {
			the_answer = rep;
			have_answer = true;
			waiting_seq = 0;
			taken_seq = rep.seq;
			answered.notify_all();
		}
		taken = rep.seq != 0 && rep.seq == taken_seq ? 1 : 0;
	}
	struct rte_mp_msg reply;
	memset(&reply, 0, sizeof(reply));
	snprintf(reply.name, sizeof(reply.name), "%s", done_action);
	memcpy(reply.param, &taken, sizeof(taken));
	reply.len_param = sizeof(taken);
	return rte_mp_reply(&reply, static_cast<const char *>(peer));
}

int
ask(grow_req r, grow_rep *rep)
{
	if (mp_channel_on_receiver()) {
		/* that thread would never see the answer */
		EAL_LOG(ERR,
			"secondary process: %s from an action, which runs on the thread "
			"that receives the primary's answer; allocate outside actions",
			grow_action);
		return -EDEADLK;
	}
	std::lock_guard<std::mutex> a(ask_lock);
	std::unique_lock<std::mutex> g(wait_lock);
	if (++next_seq == 0)
		next_seq = 1;
	r.seq = next_seq;
	waiting_seq = r.seq;
	have_answer = false;
	g.unlock();
	struct rte_mp_msg req;
	memset(&req, 0, sizeof(req));
	snprintf(req.name, sizeof(req.name), "%s", grow_action);
	memcpy(req.param, &r, sizeof(r));
	req.len_param = sizeof(r);
	int sent = rte_mp_sendmsg(&req); /* a failure (primary gone) is logged there */
	int err = sent < 0 ? rte_errno : 0;
	g.lock();
	const unsigned ms = timeout_ms.load();
	if (sent == 0 &&
	    !answered.wait_for(g, std::chrono::milliseconds(ms), [] { return have_answer; })) {
		EAL_LOG(ERR,
			"secondary process: the primary did not answer %s in %u ms; the "
			"allocation fails (pages it maps later are unmapped again)",
			grow_action, ms);
		err = ETIMEDOUT;
	}
	waiting_seq = 0; /* an answer from now on is not taken */
	if (err == 0)
		*rep = the_answer;
	return -err;
}

} // namespace

int
mem_grow_via_primary(int idx, unsigned n, bool contig, unsigned *first)
{
	grow_req r{op_map, idx, 0, n, contig ? 1u : 0u, 0};
	grow_rep rep{0, 0, 0};
	int e = ask(r, &rep);
	if (e < 0)
		return e;
	if (rep.err != 0)
		return -rep.err; /* no memory: the caller tries elsewhere */
	*first = rep.first;
	return 0;
}

int
mem_shrink_via_primary(int idx, unsigned first, unsigned n)
{
	grow_req r{op_unmap, idx, first, n, 0, 0};
	grow_rep rep{0, 0, 0};
	int e = ask(r, &rep);
	return e < 0 ? e : -rep.err;
}

int
mem_grow_client_start()
{
	if (rte_mp_action_register(done_action, done_serve) < 0) {
		EAL_LOG(ERR, "secondary process: cannot take the primary's pages: %s",
			rte_strerror(rte_errno));
		return -rte_errno;
	}
	return 0;
}

void
mem_grow_client_stop()
{
	rte_mp_action_unregister(done_action);
}

int
mem_grow_serve_start()
{
	if (rte_mp_action_register(grow_action, serve) < 0) {
		EAL_LOG(ERR, "cannot grow secondaries' heaps: %s", rte_strerror(rte_errno));
		return -rte_errno;
	}
	std::lock_guard<std::mutex> g(workers_lock);
	stopping = false;
	return 0;
}

void
mem_grow_serve_stop()
{
	rte_mp_action_unregister(grow_action);
	std::unique_lock<std::mutex> g(workers_lock);
	stopping = true;
	workers_done.wait(g, [] { return workers == 0; });
}

} // namespace dpkit::eal_detail

extern "C" void
dpkit_mem_grow_test_timeout(unsigned int ms)
{
	dpkit::eal_detail::timeout_ms = ms != 0 ? ms : dpkit::eal_detail::grow_timeout_ms;
}
