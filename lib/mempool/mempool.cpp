/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Pool life cycle: create (empty or filled), free, lookup, walk, counts.
 *
 * A pool's structure lives in a memzone "MP_<name>" followed by its
 * per-lcore caches and private area, and is listed in the shared tailq
 * "RTE_MEMPOOL", so that everything about a pool is in shared memory
 * except the handler functions, which the pool names by index. The
 * mempool lock of the shared memory config serialises create/free against
 * lookup/walk; the tailq lock protects the list itself, as for every
 * other named object.
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_tailq.h>

#include "mempool_private.h"

using namespace dpkit::mempool_detail;

namespace {

RTE_TAILQ_HEAD(mempool_list, rte_tailq_entry);

struct rte_tailq_elem mempool_tailq = {
	.head = nullptr,
	.next = {},
	.name = "RTE_MEMPOOL",
};
EAL_REGISTER_TAILQ(mempool_tailq)

mempool_list *
pools()
{
	return RTE_TAILQ_CAST(mempool_tailq.head, mempool_list);
}

/* The tailq entry of a pool, or nullptr. Caller holds the tailq lock. */
rte_tailq_entry *
find_entry(const rte_mempool *mp)
{
	rte_tailq_entry *te;
	RTE_TAILQ_FOREACH(te, pools(), next)
	if (te->data == mp)
		return te;
	return nullptr;
}

/* The lowest thread_cache_index no listed pool has. Caller holds the
 * tailq lock. */
uint32_t
free_thread_cache_index()
{
	std::vector<bool> used;
	rte_tailq_entry *te;
	RTE_TAILQ_FOREACH(te, pools(), next)
	{
		uint32_t i = static_cast<rte_mempool *>(te->data)->thread_cache_index;
		if (i >= used.size())
			used.resize(i + 1);
		used[i] = true;
	}
	return (uint32_t)(std::find(used.begin(), used.end(), false) - used.begin());
}

/* The pool of that name, or nullptr. Caller holds the tailq lock. */
rte_mempool *
find_by_name(const char *name)
{
	rte_tailq_entry *te;
	RTE_TAILQ_FOREACH(te, pools(), next)
	{
		auto *mp = static_cast<rte_mempool *>(te->data);
		if (strncmp(name, mp->name, RTE_MEMPOOL_NAMESIZE) == 0)
			return mp;
	}
	return nullptr;
}

/*
 * Memory interleaves consecutive cache lines over channels and ranks. If
 * every object spans a number of lines that shares a factor with
 * channels * ranks, all objects start on the same few channels and the
 * first line of each (the hot one) loads them unevenly. Pad to the next
 * line count that is coprime with channels * ranks.
 */
uint32_t
spread_lines(uint32_t lines)
{
	unsigned nchan = rte_memory_get_nchannel();
	unsigned nrank = rte_memory_get_nrank();

	if (nchan == 0)
		nchan = 4; /* a common default when the user did not say (-n) */
	if (nrank == 0)
		nrank = 1;
	while (std::gcd(lines, nchan * nrank) != 1)
		lines++;
	return lines;
}

const char *
ops_name_for_flags(unsigned flags)
{
	bool sp = flags & RTE_MEMPOOL_F_SP_PUT;
	bool sc = flags & RTE_MEMPOOL_F_SC_GET;
	if (sp && sc)
		return "ring_sp_sc";
	if (sp)
		return "ring_sp_mc";
	if (sc)
		return "ring_mp_sc";
	return "ring_mp_mc";
}

/* Check create arguments; @return 0 or an errno value (logged). */
int
check_create_args(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
		  unsigned private_data_size, unsigned flags)
{
	if (name == nullptr) {
		MEMPOOL_LOG(ERR, "mempool: NULL name; give the pool a name");
		return EINVAL;
	}
	if (strnlen(name, RTE_MEMPOOL_NAMESIZE) >= RTE_MEMPOOL_NAMESIZE) {
		MEMPOOL_LOG(ERR,
			    "mempool %.*s...: name longer than %d characters; use a shorter name",
			    (int)RTE_MEMPOOL_NAMESIZE - 1, name, (int)RTE_MEMPOOL_NAMESIZE - 1);
		return ENAMETOOLONG;
	}
	if (name[0] == '\0') {
		MEMPOOL_LOG(ERR, "mempool: empty name; give the pool a name");
		return EINVAL;
	}
	if (flags & ~RTE_MEMPOOL_VALID_USER_FLAGS) {
		MEMPOOL_LOG(
			ERR,
			"mempool %s: unknown flags 0x%x; use RTE_MEMPOOL_F_* from RTE_MEMPOOL_VALID_USER_FLAGS",
			name, flags & ~RTE_MEMPOOL_VALID_USER_FLAGS);
		return EINVAL;
	}
	if (n == 0) {
		MEMPOOL_LOG(ERR, "mempool %s: 0 objects asked for; a pool holds at least one",
			    name);
		return EINVAL;
	}
	if (cache_size > max_cache_size_for(n)) {
		MEMPOOL_LOG(
			ERR,
			"mempool %s: cache of %u objects is too large for %u objects (at most %u: min(%d, n / 1.5)); use a smaller cache",
			name, cache_size, n, max_cache_size_for(n), RTE_MEMPOOL_CACHE_MAX_SIZE);
		return EINVAL;
	}
	/* object size must fit in 32 bits with header, trailer and padding */
	if (elt_size > UINT32_MAX / 2) {
		MEMPOOL_LOG(ERR, "mempool %s: object size %u is too large", name, elt_size);
		return EINVAL;
	}
	if (private_data_size > UINT32_MAX / 2) {
		MEMPOOL_LOG(ERR, "mempool %s: private data size %u is too large", name,
			    private_data_size);
		return EINVAL;
	}
	return 0;
}

} // namespace

/* ---- object size ---- */

extern "C" uint32_t
rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags, struct rte_mempool_objsz *sz)
{
	rte_mempool_objsz local;
	if (sz == nullptr)
		sz = &local;

	bool cache_align = !(flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN);

	sz->header_size = sizeof(rte_mempool_objhdr);
	if (cache_align)
		sz->header_size = RTE_ALIGN_CEIL(sz->header_size, RTE_MEMPOOL_ALIGN);
#ifdef RTE_LIBRTE_MEMPOOL_DEBUG
	sz->trailer_size = sizeof(rte_mempool_objtlr);
#else
	sz->trailer_size = 0;
#endif
	/* the next object's header must be 8-byte aligned */
	sz->elt_size = RTE_ALIGN_CEIL(elt_size, sizeof(uint64_t));

	if (cache_align) {
		uint32_t total = sz->header_size + sz->elt_size + sz->trailer_size;
		sz->trailer_size += RTE_ALIGN_CEIL(total, RTE_MEMPOOL_ALIGN) - total;
		if (!(flags & RTE_MEMPOOL_F_NO_SPREAD)) {
			total = sz->header_size + sz->elt_size + sz->trailer_size;
			uint32_t lines = total / RTE_MEMPOOL_ALIGN;
			sz->trailer_size += (spread_lines(lines) - lines) * RTE_MEMPOOL_ALIGN;
		}
	}
	sz->total_size = sz->header_size + sz->elt_size + sz->trailer_size;
	return sz->total_size;
}

/* ---- create ---- */

/* Lay out an empty pool structure in zone @p mz (@p mp_size bytes), with
 * its per-lcore caches and the default handler. */
static rte_mempool *
init_pool(const rte_memzone *mz, size_t mp_size, const char *name, unsigned n, unsigned cache_size,
	  unsigned private_data_size, int socket_id, unsigned flags, const rte_mempool_objsz &objsz,
	  uint32_t thread_cache_index)
{
	rte_mempool *mp = static_cast<rte_mempool *>(mz->addr);
	memset(mp, 0, mp_size);
	strcpy(mp->name, name);
	mp->mz = mz;
	mp->size = n;
	/* no object may be used for DMA until a chunk with an IOVA comes */
	mp->flags = flags | RTE_MEMPOOL_F_NON_IO;
	mp->socket_id = socket_id;
	mp->elt_size = objsz.elt_size;
	mp->header_size = objsz.header_size;
	mp->trailer_size = objsz.trailer_size;
	mp->cache_size = cache_size;
	mp->private_data_size = private_data_size;
	STAILQ_INIT(&mp->elt_list);
	STAILQ_INIT(&mp->mem_list);
	mp->thread_cache_index = thread_cache_index;
	mp->thread_cache_stamp = next_thread_cache_stamp();

	if (cache_size != 0) {
		mp->local_cache = reinterpret_cast<rte_mempool_cache *>(mp + 1);
		for (unsigned lcore = 0; lcore < RTE_MAX_LCORE; lcore++)
			cache_init(&mp->local_cache[lcore], cache_size);
	}

	/* The default handler until set_ops_byname says otherwise. A pool
	 * without any registered handler cannot be populated; that is
	 * reported when it is. */
	if (rte_mempool_set_ops_byname(mp, RTE_MBUF_DEFAULT_MEMPOOL_OPS, nullptr) != 0)
		mp->ops_index = 0;
	return mp;
}

extern "C" struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
			 unsigned private_data_size, int socket_id, unsigned flags)
{
	int err = check_create_args(name, n, elt_size, cache_size, private_data_size, flags);
	if (err != 0) {
		rte_errno = err;
		return nullptr;
	}
	if (flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)
		flags |= RTE_MEMPOOL_F_NO_SPREAD;

	rte_mempool_objsz objsz;
	rte_mempool_calc_obj_size(elt_size, flags, &objsz);

	size_t mp_size = RTE_MEMPOOL_HEADER_SIZE((rte_mempool *)nullptr, cache_size) +
			 private_data_size + ops_name_size();
	mp_size = RTE_ALIGN_CEIL(mp_size, RTE_MEMPOOL_ALIGN);

	char mz_name[RTE_MEMZONE_NAMESIZE];
	snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT, name);

	rte_mempool *mp = nullptr;
	const rte_memzone *mz = nullptr;
	rte_tailq_entry *te = nullptr;

	rte_mcfg_mempool_write_lock();

	rte_mcfg_tailq_read_lock();
	bool exists = find_by_name(name) != nullptr;
	/* stays free: pools are only listed under the mempool lock we hold */
	uint32_t thread_cache_index = free_thread_cache_index();
	rte_mcfg_tailq_read_unlock();
	if (exists) {
		MEMPOOL_LOG(
			ERR,
			"mempool %s: a pool with this name exists; use another name or free it first",
			name);
		err = EEXIST;
		goto fail;
	}

	te = static_cast<rte_tailq_entry *>(rte_zmalloc("MEMPOOL_TAILQ_ENTRY", sizeof(*te), 0));
	if (te == nullptr) {
		MEMPOOL_LOG(ERR, "mempool %s: no memory for the list entry", name);
		err = ENOMEM;
		goto fail;
	}

	mz = rte_memzone_reserve(mz_name, mp_size, socket_id, 0);
	if (mz == nullptr) {
		err = rte_errno;
		MEMPOOL_LOG(ERR, "mempool %s: cannot reserve %zu bytes for the pool structure (%s)",
			    name, mp_size, rte_strerror(err));
		goto fail;
	}

	mp = init_pool(mz, mp_size, name, n, cache_size, private_data_size, socket_id, flags, objsz,
		       thread_cache_index);
	te->data = mp;
	rte_mcfg_tailq_write_lock();
	TAILQ_INSERT_TAIL(pools(), te, next);
	rte_mcfg_tailq_write_unlock();
	rte_mcfg_mempool_write_unlock();
	return mp;

fail:
	rte_mcfg_mempool_write_unlock();
	rte_free(te);
	rte_errno = err;
	return nullptr;
}

extern "C" struct rte_mempool *
rte_mempool_create(const char *name, unsigned n, unsigned elt_size, unsigned cache_size,
		   unsigned private_data_size, rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		   rte_mempool_obj_cb_t *obj_init, void *obj_init_arg, int socket_id,
		   unsigned flags)
{
	rte_mempool *mp = rte_mempool_create_empty(name, n, elt_size, cache_size, private_data_size,
						   socket_id, flags);
	if (mp == nullptr)
		return nullptr;

	int ret = rte_mempool_set_ops_byname(mp, ops_name_for_flags(flags), nullptr);
	if (ret != 0) {
		MEMPOOL_LOG(
			ERR,
			"mempool %s: handler %s is not registered (%s); is drivers/mempool/ring built in?",
			name, ops_name_for_flags(flags), rte_strerror(-ret));
		rte_mempool_free(mp);
		rte_errno = -ret;
		return nullptr;
	}

	/* populate_default, then obj_iter(obj_init), fused. The callbacks are
	 * the caller's: if they throw (C++), the pool goes, the exception on. */
	try {
		if (mp_init != nullptr)
			mp_init(mp, mp_init_arg);
		ret = populate_default_constructing(mp, obj_init, obj_init_arg);
	} catch (...) {
		rte_mempool_free(mp);
		throw;
	}
	if (ret < 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return nullptr;
	}
	return mp;
}

bool
dpkit::mempool_detail::pool_listed(const rte_mempool *mp)
{
	return find_entry(mp) != nullptr;
}

int
dpkit::mempool_detail::ops_alloc_once(rte_mempool *mp)
{
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		return 0;
	if (rte_mempool_ops_table.num_ops == 0) {
		MEMPOOL_LOG(
			ERR,
			"mempool %s: no mempool handler is registered; link the mempool drivers",
			mp->name);
		return -ENOENT;
	}
	int ret = rte_mempool_ops_alloc(mp);
	if (ret != 0) {
		MEMPOOL_LOG(ERR, "mempool %s: handler %s could not create its store: %s", mp->name,
			    rte_mempool_get_ops(mp->ops_index)->name, rte_strerror(-ret));
		return ret;
	}
	mp->flags |= RTE_MEMPOOL_F_POOL_CREATED;
	return 0;
}

/* ---- visits of rte_mempool_walk ---- */

namespace {

/*
 * Pools being handed to a walk's callback, by thread. A visit is entered
 * under the tailq lock, in the same critical section that finds the pool
 * listed; rte_mempool_free unlists the pool under that lock, then waits
 * for the visits other threads have in progress (not its own thread's: a
 * callback may free the pool it is given). So a pool is never freed under
 * a callback. Process-local, like the callbacks themselves.
 */
struct visit_registry {
	std::mutex lock;
	std::condition_variable visit_ended;
	std::vector<std::pair<const rte_mempool *, std::thread::id>> visits;
};

visit_registry &
visits()
{
	static visit_registry r;
	return r;
}

/* Ends a visit, however the callback leaves. */
class visit_scope {
public:
	explicit visit_scope(const rte_mempool *mp) : mp_(mp) {}
	~visit_scope()
	{
		visit_registry &r = visits();
		{
			std::lock_guard<std::mutex> guard(r.lock);
			auto it = std::find(r.visits.begin(), r.visits.end(),
					    std::make_pair(mp_, std::this_thread::get_id()));
			if (it != r.visits.end())
				r.visits.erase(it);
		}
		r.visit_ended.notify_all();
	}
	visit_scope(const visit_scope &) = delete;
	visit_scope &operator=(const visit_scope &) = delete;

private:
	const rte_mempool *mp_;
};

void
wait_for_other_visits(const rte_mempool *mp)
{
	visit_registry &r = visits();
	const std::thread::id me = std::this_thread::get_id();
	std::unique_lock<std::mutex> guard(r.lock);
	r.visit_ended.wait(guard, [&] {
		return std::none_of(r.visits.begin(), r.visits.end(),
				    [&](const auto &v) { return v.first == mp && v.second != me; });
	});
}

} // namespace

/* ---- free ---- */

extern "C" void
rte_mempool_free(struct rte_mempool *mp)
{
	if (mp == nullptr)
		return;

	/* Listeners (e.g. drivers that registered the pool's memory for DMA)
	 * let go while the pool is still whole. */
	fire_event(RTE_MEMPOOL_EVENT_DESTROY, mp);

	rte_mcfg_mempool_write_lock();
	rte_mcfg_tailq_write_lock();
	rte_tailq_entry *te = find_entry(mp);
	if (te != nullptr)
		TAILQ_REMOVE(pools(), te, next);
	rte_mcfg_tailq_write_unlock();
	rte_mcfg_mempool_write_unlock();
	rte_free(te);

	/* Unlisted: no walk starts a visit of it now. Those in progress may
	 * look pools up, so wait with no lock held. */
	wait_for_other_visits(mp);
	/* Before the store and the memory go: no thread of this process may
	 * give objects back into them later, or use its cache for a pool
	 * created at this address next. */
	thread_caches_drop(mp);

	rte_mcfg_mempool_write_lock();
	bool had_store = mp->flags & RTE_MEMPOOL_F_POOL_CREATED;
	if (had_store)
		rte_mempool_ops_free(mp);
	mp->flags &= ~RTE_MEMPOOL_F_POOL_CREATED;
	release_all_chunks(mp);
	rte_memzone_free(mp->mz);
	rte_mcfg_mempool_write_unlock();
}

/* ---- lookup, walk, list ---- */

extern "C" struct rte_mempool *
rte_mempool_lookup(const char *name)
{
	if (name == nullptr) {
		rte_errno = EINVAL;
		return nullptr;
	}
	rte_mcfg_mempool_read_lock();
	rte_mcfg_tailq_read_lock();
	rte_mempool *mp = find_by_name(name);
	rte_mcfg_tailq_read_unlock();
	rte_mcfg_mempool_read_unlock();
	if (mp == nullptr) {
		rte_errno = ENOENT;
		return nullptr;
	}
	if (dpkit::mempool_detail::ops_check_shared(mp) < 0) {
		rte_errno = EINVAL;
		return nullptr;
	}
	return mp;
}

/*
 * The callback may free the pool it is given (or others), which takes the
 * write locks: so it must run with no lock held. Take a snapshot of the
 * list; before each call check under the lock that the pool is still
 * listed and enter the visit (see visit_registry), so that a free from
 * another thread waits for the callback to return.
 */
extern "C" void
rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg), void *arg)
{
	if (func == nullptr)
		return;

	std::vector<rte_mempool *> snapshot;
	rte_mcfg_mempool_read_lock();
	rte_mcfg_tailq_read_lock();
	rte_tailq_entry *te;
	RTE_TAILQ_FOREACH(te, pools(), next)
	snapshot.push_back(static_cast<rte_mempool *>(te->data));
	rte_mcfg_tailq_read_unlock();
	rte_mcfg_mempool_read_unlock();

	visit_registry &r = visits();
	for (rte_mempool *mp : snapshot) {
		rte_mcfg_tailq_read_lock();
		bool listed = find_entry(mp) != nullptr;
		if (listed) {
			std::lock_guard<std::mutex> guard(r.lock);
			r.visits.emplace_back(mp, std::this_thread::get_id());
		}
		rte_mcfg_tailq_read_unlock();
		if (!listed)
			continue;
		visit_scope scope(mp);
		/* found listed, not yet handed over: a free here must wait */
		DPKIT_STALL_POINT("mempool.walk.visit");
		func(mp, arg);
	}
}

extern "C" void
rte_mempool_list_dump(FILE *f)
{
	if (f == nullptr)
		f = stdout;
	rte_mcfg_mempool_read_lock();
	rte_mcfg_tailq_read_lock();
	rte_tailq_entry *te;
	RTE_TAILQ_FOREACH(te, pools(), next)
	rte_mempool_dump(f, static_cast<rte_mempool *>(te->data));
	rte_mcfg_tailq_read_unlock();
	rte_mcfg_mempool_read_unlock();
}

/* ---- counts ---- */

extern "C" unsigned int
rte_mempool_avail_count(const struct rte_mempool *mp)
{
	/* No backing store yet: nothing was ever added, nothing is free. */
	if (mp == nullptr || !(mp->flags & RTE_MEMPOOL_F_POOL_CREATED))
		return 0;

	uint64_t count = rte_mempool_ops_get_count(mp);
	if (mp->cache_size != 0) {
		for (unsigned lcore = 0; lcore < RTE_MAX_LCORE; lcore++)
			count += std::atomic_ref(mp->local_cache[lcore].len)
					 .load(std::memory_order_relaxed);
		count += thread_caches_count(mp).objects;
	}

	/* Caches are read while their owners move objects: the sum may count
	 * an object twice for a moment. Never report more than exists. */
	if (count > mp->populated_size)
		count = mp->populated_size;
	return (unsigned int)count;
}

extern "C" unsigned int
rte_mempool_in_use_count(const struct rte_mempool *mp)
{
	if (mp == nullptr)
		return 0;
	/* objects not added yet count as in use, as in DPDK: a pool is in
	 * use up to its size until everything is back */
	return mp->size - rte_mempool_avail_count(mp);
}

/* ---- page size ---- */

namespace {

struct min_page_arg {
	int socket_id;
	uint64_t min_page;
};

int
min_page_cb(const struct rte_memseg_list *msl, void *arg)
{
	auto *a = static_cast<min_page_arg *>(arg);
	if (msl->external)
		return 0;
	if (a->socket_id != SOCKET_ID_ANY && msl->socket_id != a->socket_id)
		return 0;
	if (a->min_page == 0 || msl->page_sz < a->min_page)
		a->min_page = msl->page_sz;
	return 0;
}

} // namespace

/*
 * Objects must not straddle a page boundary when their IOVA matters and
 * pages are not known to be IOVA-contiguous: that is, unless the pool does
 * not need IOVA-contiguous objects, or IOVA is the virtual address.
 */
extern "C" int
rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz)
{
	if (mp == nullptr || pg_sz == nullptr)
		return -EINVAL;
	if ((mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) || rte_eal_iova_mode() == RTE_IOVA_VA) {
		*pg_sz = 0;
		return 0;
	}
	if (!rte_eal_has_hugepages()) {
		*pg_sz = (size_t)getpagesize();
		return 0;
	}
	min_page_arg a = {mp->socket_id, 0};
	rte_memseg_list_walk(min_page_cb, &a);
	*pg_sz = a.min_page != 0 ? a.min_page : (size_t)getpagesize();
	return 0;
}
