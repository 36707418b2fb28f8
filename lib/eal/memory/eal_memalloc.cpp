/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Mapping and unmapping pages in memseg list slots.
 *
 * A page is backed by a hugetlb memfd (one per page, or one per list with
 * --single-file-segments), by a file in the --huge-dir mount, or, on
 * kernels without hugetlb memfds, by an anonymous MAP_HUGETLB mapping.
 * Files follow --huge-unlink: by default a file an earlier process left is
 * removed and made anew (the kernel then clears its page), and removed
 * when its page is freed; "always" removes each name as soon as the file
 * is open, so nothing stays in the mount; "never" maps a file that is
 * there as it is, old data and all (its pages are marked
 * RTE_MEMSEG_FLAG_DIRTY), and keeps files when their pages go. The
 * backing is allocated with fallocate before it is mapped, so running out
 * of hugepages is an error return, never a SIGBUS on first touch. A page's
 * IOVA is read from pagemap in PA mode. Callers hold the memory lock for
 * writing. Also here: memory event callbacks, allocation validators and the
 * DMA mask, which all hook into page allocation.
 */

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include <algorithm>
#include <atomic>
#include <new>
#include <numeric>
#include <string>
#include <vector>

#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_fault.h"
#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"

namespace dpkit::eal_detail {

namespace {

/* Below this many pages per thread, starting a thread costs more than the
 * zeroing it takes over (a 2 MB page takes about 0.2 ms). */
constexpr unsigned pages_per_thread = 8;

/* Descriptors added to the soft limit when page files run out of them. */
constexpr unsigned fd_headroom = 1024;

const hugepage_type *
type_of(uint64_t page_sz)
{
	for (const auto &t : local().hugepage_types)
		if (t.page_sz == page_sz)
			return &t;
	return nullptr;
}

/* Directory for page files, or empty when pages are memfds. */
const std::string &
file_dir(uint64_t page_sz)
{
	static const std::string none;
	const hugepage_type *t = type_of(page_sz);
	if (t == nullptr || config().in_memory)
		return none;
	return t->dir;
}

/* <dir>/<file-prefix>map_<list>[_<index>] (index < 0: the list's file).
 * A fixed buffer: this runs on helper threads, where nothing may throw. */
struct page_path {
	char name[4096];
	page_path(const std::string &dir, int idx, int index)
	{
		if (index >= 0)
			snprintf(name, sizeof(name), "%s/%smap_%d_%d", dir.c_str(),
				 config().hugefile_prefix.c_str(), idx, index);
		else
			snprintf(name, sizeof(name), "%s/%smap_%d", dir.c_str(),
				 config().hugefile_prefix.c_str(), idx);
	}
};

void *
slot_addr(const rte_memseg_list &msl, unsigned slot)
{
	return RTE_PTR_ADD(msl.base_va, (size_t)slot * msl.page_sz);
}

/* A free file index for a page going into @p slot: the slot's own number
 * when free (the usual case), else the first free one. There is always
 * one: indexes are as many as slots. Safe on concurrent helper threads. */
int
claim_file_index(int idx, unsigned slot)
{
	list_local &ll = local().lists[idx];
	const unsigned n = mcfg().memsegs[idx].memseg_arr.len;
	if (std::atomic_ref(ll.index_used[slot]).exchange(1, std::memory_order_acq_rel) == 0)
		return (int)slot;
	for (unsigned i = 0; i < n; i++)
		if (std::atomic_ref(ll.index_used[i]).load(std::memory_order_relaxed) == 0 &&
		    std::atomic_ref(ll.index_used[i]).exchange(1, std::memory_order_acq_rel) == 0)
			return (int)i;
	return -ENOSPC;
}

void
release_file_index(int idx, int index)
{
	if (index >= 0)
		std::atomic_ref(local().lists[idx].index_used[index])
			.store(0, std::memory_order_release);
}

/* A file in the mount for a page or a list, as --huge-unlink says;
 * @p reused set when it held pages of an earlier process. */
int
open_page_file(const char *path, bool *reused)
{
	*reused = false;
	switch (config().huge_unlink) {
	case huge_unlink_mode::never: return os::open_hugepage_file(path, reused);
	case huge_unlink_mode::always: {
		int fd = os::create_hugepage_file(path);
		if (fd >= 0)
			os::remove_file(path);
		return fd;
	}
	case huge_unlink_mode::existing: break;
	}
	return os::create_hugepage_file(path);
}

/* Whether a file whose pages are all gone is removed (by default) or
 * kept (never); with "always" its name is gone already. */
bool
remove_freed_files()
{
	return config().huge_unlink == huge_unlink_mode::existing;
}

/* Give up the backing of one slot (its mapping is already gone). */
void
drop_backing(int idx, unsigned slot)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	list_local &ll = local().lists[idx];
	seg_backing &b = ll.backing[slot];
	const std::string &dir = file_dir(msl.page_sz);
	if (b.fd >= 0 && b.fd == ll.list_fd) {
		os::punch_backing(b.fd, b.offset, msl.page_sz);
	} else if (b.fd >= 0) {
		os::close_fd(b.fd);
		/* the name goes before the index is free for another page */
		if (!dir.empty() && b.file_index >= 0 && remove_freed_files())
			os::remove_file(page_path(dir, idx, b.file_index).name);
	}
	release_file_index(idx, b.file_index);
	b = {-1, 0, -1};
}

/* Single-file mode: the list's file, created on first use. */
int
list_file(int idx)
{
	list_local &ll = local().lists[idx];
	if (ll.list_fd >= 0)
		return ll.list_fd;
	rte_memseg_list &msl = mcfg().memsegs[idx];
	const std::string &dir = file_dir(msl.page_sz);
	bool reused = false;
	int fd = dir.empty() ? os::memfd_hugepages(msl.memseg_arr.name, msl.page_sz)
			     : open_page_file(page_path(dir, idx, -1).name, &reused);
	if (fd >= 0) {
		ll.list_fd = fd;
		ll.list_file_reused = reused;
	}
	return fd;
}

/*
 * Give one slot its backing page (the kernel zeroes it now) without
 * mapping it. Anonymous hugepages have no backing apart from the mapping:
 * those are mapped here. @return 0 or -errno, nothing left behind.
 */
int
back_one(int idx, unsigned slot)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	list_local &ll = local().lists[idx];
	void *addr = slot_addr(msl, slot);
	const uint64_t pg = msl.page_sz;
	int r;

	if (ll.anon_hugepages) {
		r = os::map_anon_hugepages_fixed(addr, pg, pg);
		if (r < 0)
			os::unmap_keep_reserved(addr, pg);
		return r;
	}

	int fd, index = -1;
	uint64_t off = 0;
	const std::string &dir = file_dir(pg);
	if (config().single_file_segments || !dir.empty()) {
		index = claim_file_index(idx, slot);
		if (index < 0)
			return index; /* cannot happen: as many indexes as slots */
	}
	bool reused = false;
	auto open_backing = [&] {
		if (config().single_file_segments)
			return list_file(idx);
		if (dir.empty())
			return os::memfd_hugepages(msl.memseg_arr.name, pg);
		return open_page_file(page_path(dir, idx, index).name, &reused);
	};
	fd = open_backing();
	/* more pages than start-up planned descriptors for (hugepages added
	 * since): make room for more, as far as the hard limit allows */
	if (fd == -EMFILE && os::raise_fd_limit_by(fd_headroom) == 0)
		fd = open_backing();
	if (config().single_file_segments)
		off = (uint64_t)index * pg;
	if (fd < 0)
		release_file_index(idx, index);
	if (fd == -EINVAL || fd == -ENOSYS) {
		/* this kernel has no hugetlb memfd: map without a file */
		EAL_LOG(NOTICE, "no hugetlb memfd support; mapping pages anonymously "
				"(rte_memseg_get_fd will report ENOTSUP)");
		ll.anon_hugepages = true;
		return back_one(idx, slot);
	}
	if (fd < 0)
		return fd;
	ll.backing[slot] = {fd, off, index,
			    reused || (config().single_file_segments && ll.list_file_reused)};

	r = os::allocate_backing(fd, off, pg);
	if (r < 0)
		drop_backing(idx, slot);
	return r;
}

/* Map a slot that back_one() gave a backing, without faulting it in
 * (pages_alloc() faults the whole run in at once). @return 0 or -errno,
 * the backing given up on failure. */
int
map_backed(int idx, unsigned slot)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	list_local &ll = local().lists[idx];
	void *addr = slot_addr(msl, slot);
	const uint64_t pg = msl.page_sz;

	if (ll.anon_hugepages)
		return 0; /* mapped by back_one() */
	int r = os::map_file_fixed(addr, pg, ll.backing[slot].fd, ll.backing[slot].offset, false);
	if (r < 0) {
		os::unmap_keep_reserved(addr, pg);
		drop_backing(idx, slot);
	}
	return r;
}

/* Back and map one slot. @return 0 or -errno, nothing left behind. */
int
map_one(int idx, unsigned slot)
{
	int r = back_one(idx, slot);
	return r < 0 ? r : map_backed(idx, slot);
}

void
unmap_one(int idx, unsigned slot)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	os::unmap_keep_reserved(slot_addr(msl, slot), msl.page_sz);
	if (!local().lists[idx].anon_hugepages)
		drop_backing(idx, slot);
}

/* IOVA of each page of slots [first, first+n). @return 0 or -errno. */
int
read_iovas(const rte_memseg_list &msl, unsigned first, unsigned n, uint64_t *out)
{
	if (mcfg().iova_mode != RTE_IOVA_PA) {
		for (unsigned i = 0; i < n; i++)
			out[i] = (uint64_t)(uintptr_t)slot_addr(msl, first + i);
		return 0;
	}
	int r = os::virt2phys_range(slot_addr(msl, first), n, msl.page_sz, out);
	if (r < 0)
		return r;
	for (unsigned i = 0; i < n; i++)
		if (out[i] == UINT64_MAX)
			return -EFAULT;
	return 0;
}

bool
is_contiguous(const uint64_t *iova, unsigned n, uint64_t pg)
{
	for (unsigned i = 1; i < n; i++)
		if (iova[i] != iova[i - 1] + pg)
			return false;
	return true;
}

/* Map the backings of slots [first, first+n) again, slot first+i getting
 * the backing that was at first+order[i]. Needs file backings. */
int
remap_in_order(int idx, unsigned first, unsigned n, const std::vector<unsigned> &order)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	list_local &ll = local().lists[idx];
	std::vector<seg_backing> old(ll.backing.get() + first, ll.backing.get() + first + n);
	for (unsigned i = 0; i < n; i++) {
		const seg_backing &b = old[order[i]];
		int r = os::map_file_fixed(slot_addr(msl, first + i), msl.page_sz, b.fd, b.offset);
		if (r < 0) {
			/* half-permuted, a backing would be in two slots and another in
			 * none: the undo would close one fd twice and leak a page */
			std::copy(old.begin(), old.end(), ll.backing.get() + first);
			return r;
		}
		ll.backing[first + i] = b;
	}
	return 0;
}

/* parallel_parts() that cannot throw: it allocates what it needs (and
 * the std::function it takes) before it runs any part, so on bad_alloc
 * nothing ran and the caller does it all; @p fn claims its work
 * dynamically, so one call does everything. */
template <typename Fn>
void
run_parts(unsigned max_parts, Fn &fn, int lent_cpu) noexcept
{
	try {
		parallel_parts(max_parts, fn, lent_cpu);
	} catch (const std::bad_alloc &) {
		fn(0, 1);
	}
}

/* Slots [first, first+n) put in the physical order of their pages when
 * that makes them one IOVA run (the kernel often hands out adjacent pages
 * in a shuffled order). @p iova is updated. @return 0, -ENOMEM when no
 * order is one run, or -errno. */
int
put_in_physical_order(int idx, unsigned first, unsigned n, uint64_t *iova) noexcept
{
	const rte_memseg_list &msl = mcfg().memsegs[idx];
	const uint64_t pg = msl.page_sz;
	if (local().lists[idx].anon_hugepages)
		return -ENOMEM; /* no file to map a page again from */
	try {
		std::vector<unsigned> order(n);
		std::iota(order.begin(), order.end(), 0u);
		std::sort(order.begin(), order.end(),
			  [&](unsigned a, unsigned b) { return iova[a] < iova[b]; });
		std::vector<uint64_t> sorted(n);
		for (unsigned i = 0; i < n; i++)
			sorted[i] = iova[order[i]];
		if (!is_contiguous(sorted.data(), n, pg))
			return -ENOMEM;
		int r = remap_in_order(idx, first, n, order);
		if (r == 0)
			r = read_iovas(msl, first, n, iova);
		if (r == 0 && !is_contiguous(iova, n, pg))
			r = -ENOMEM;
		return r;
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}
}

/*
 * While alive, the calling thread's new pages come from @p node, when the
 * machine has more than one; the thread's own policy is put back after,
 * whatever it was (an application may have bound it).
 */
class node_preference {
public:
	node_preference(bool numa, int node)
	{
		active_ = numa && os::get_mempolicy(&saved_) == 0;
		if (active_)
			os::prefer_node(node);
	}
	~node_preference()
	{
		if (active_)
			os::set_mempolicy(saved_);
	}
	node_preference(const node_preference &) = delete;
	node_preference &operator=(const node_preference &) = delete;

private:
	os::mempolicy saved_{};
	bool active_;
};

/* One pages_alloc() call: its slots and what its steps share. */
struct page_run {
	int idx;
	unsigned first, n;
	bool numa;        /* new pages must come from the list's node */
	int lent_cpu;     /* see pages_alloc() */
	pthread_t caller; /* the thread that called pages_alloc() */
	/* 1 where slot first+i is mapped: what undo must give back */
	std::vector<char> mapped;
	/* the next slot (index) backed by the thread that backed slot i */
	std::vector<unsigned> chain;
	/* the next slot to claim; first error of any thread (0: none). Both
	 * relaxed: the slots and @p mapped are read after the threads are
	 * joined, and an error only stops the others early. */
	std::atomic<unsigned> next_slot{1};
	std::atomic<int> error{0};
};

/*
 * One thread's share of backing and mapping a run: claim slots one at a
 * time and back them, then map them all. Runs on helper threads: nothing
 * in it may throw.
 */
void
back_and_map_share(page_run &run)
{
	node_preference pref(run.numa, mcfg().memsegs[run.idx].socket_id); /* per thread */
	/* on a lent CPU, the calling thread yields between two pages; its
	 * helpers have CPUs of their own */
	const bool yields = run.lent_cpu >= 0 && pthread_equal(pthread_self(), run.caller);
	const unsigned n = run.n;
	/* the slots this thread backed, chained through run.chain */
	unsigned head = n, tail = n;
	while (run.error.load(std::memory_order_relaxed) == 0) {
		unsigned i = run.next_slot.fetch_add(1u, std::memory_order_relaxed);
		if (i >= n)
			break;
		int r = back_one(run.idx, run.first + i);
		if (r < 0) {
			run.error.store(r, std::memory_order_relaxed);
			break;
		}
		run.mapped[i] = 1; /* backed: undo gives it back */
		run.chain[i] = n;
		if (tail == n)
			head = i;
		else
			run.chain[tail] = i;
		tail = i;
		if (yields)
			sched_yield();
	}
	for (unsigned i = head; i < n; i = run.chain[i]) {
		if (run.error.load(std::memory_order_relaxed) < 0)
			break;
		int r = map_backed(run.idx, run.first + i);
		if (r < 0) {
			run.mapped[i] = 0; /* map_backed gave the backing up */
			run.error.store(r, std::memory_order_relaxed);
			break;
		}
	}
}

/*
 * Back and map every slot of @p run, without faulting the pages in.
 *
 * The first page alone: it settles the backing (memfd, file, or
 * anonymous when the kernel has no hugetlb memfd) and creates the list's
 * file in single-file mode. The rest are independent, and backing them is
 * mostly the kernel zeroing each page: spread over the lcores' CPUs.
 * Threads claim slots one at a time from a shared counter, so that slot
 * order stays the order in which pages come off the kernel's free list,
 * as when one thread maps them (pages freed later in slot order then go
 * back in that order, and the next allocation finds physically adjacent
 * pages next to each other), and so that a thread that gets less CPU
 * simply takes fewer slots. Each thread backs all its slots before
 * mapping any, and the pages are faulted in only once every thread is
 * done: a fault on a backed page takes one of the kernel's hashed hugetlb
 * fault locks, which a thread backing another page may hold through that
 * page's whole zeroing (faulting them in as they are mapped, on two CPUs,
 * costs about a fifth more time).
 *
 * @return 0, or -errno with what is mapped in run.mapped.
 */
int
back_and_map(page_run &run)
{
	int r;
	{
		node_preference pref(run.numa, mcfg().memsegs[run.idx].socket_id);
		r = map_one(run.idx, run.first);
	}
	if (r < 0)
		return r;
	run.mapped[0] = 1;
	if (run.n > 1) {
		auto share = [&run](unsigned, unsigned) { back_and_map_share(run); };
		run_parts(std::max(1u, (run.n - 1) / pages_per_thread), share, run.lent_cpu);
	}
	return run.error.load(std::memory_order_relaxed);
}

/* The IOVA of each page of @p run in @p iova, the pages put in physical
 * order first when @p contig asks for one IOVA run. @return 0 or -errno. */
int
run_iovas(const page_run &run, bool contig, uint64_t *iova)
{
	const rte_memseg_list &msl = mcfg().memsegs[run.idx];
	int r = read_iovas(msl, run.first, run.n, iova);
	if (r < 0) {
		EAL_LOG(ERR, "cannot read the physical address of new pages from "
			     "/proc/self/pagemap; run as root or use --iova-mode=va");
		return r;
	}
	if (contig && run.n > 1 && !is_contiguous(iova, run.n, msl.page_sz))
		return put_in_physical_order(run.idx, run.first, run.n, iova);
	return 0;
}

/* Every page of @p run within the DMA mask and, on a NUMA machine, on the
 * list's node. @return 0 or -ENOMEM. */
int
check_placement(const page_run &run, const uint64_t *iova)
{
	const rte_memseg_list &msl = mcfg().memsegs[run.idx];
	for (unsigned i = 0; i < run.n; i++) {
		void *addr = slot_addr(msl, run.first + i);
		if (!iova_fits_dma_mask(iova[i], msl.page_sz)) {
			EAL_LOG(ERR,
				"page at IOVA 0x%llx is beyond the %u-bit DMA mask; "
				"the device cannot reach it",
				(unsigned long long)iova[i], mcfg().dma_maskbits);
			return -ENOMEM;
		}
		if (run.numa && os::node_of_address(addr) >= 0 &&
		    os::node_of_address(addr) != msl.socket_id)
			return -ENOMEM; /* no free page on that node */
	}
	return 0;
}

/* Fill the memsegs of @p run (@p flags on each) and count its pages. */
void
publish(const page_run &run, const uint64_t *iova, uint32_t flags)
{
	mem_config &m = mcfg();
	rte_memseg_list &msl = m.memsegs[run.idx];
	const uint64_t pg = msl.page_sz;
	for (unsigned i = 0; i < run.n; i++) {
		rte_memseg *ms = memseg_at(&msl, run.first + i);
		const seg_backing &b = local().lists[run.idx].backing[run.first + i];
		ms->iova = iova[i];
		ms->addr = slot_addr(msl, run.first + i);
		ms->len = pg;
		ms->hugepage_sz = pg;
		ms->socket_id = msl.socket_id;
		ms->nchannel = m.nchannel;
		ms->nrank = m.nrank;
		ms->flags = flags | (b.reused ? RTE_MEMSEG_FLAG_DIRTY : 0);
	}
	m.run_start[run.idx][run.first] = 1;
	memset(m.run_start[run.idx] + run.first + 1, 0, run.n - 1);
	msl.memseg_arr.count += run.n;
	msl.version = msl.version + 1;
	m.pages_mapped += run.n;
}

} // namespace

namespace {
/* pages_free() in this process only. */
void pages_unmap(int idx, unsigned first, unsigned n);
} // namespace

/*
 * 1. Back and map the pages, spread over the idle lcores' CPUs.
 * 2. Fault them in, read their IOVAs, put them in physical order when
 *    one IOVA run is asked for.
 * 3. Check the DMA mask and the NUMA node, then publish the memsegs.
 * A failure at any step gives back every page mapped.
 */
int
pages_alloc(int idx, unsigned first, unsigned n, bool contig, uint32_t flags, int lent_cpu)
{
	mem_config &m = mcfg();
	const rte_memseg_list &msl = m.memsegs[idx];
	page_run run{idx, first, n, m.n_sockets > 1, lent_cpu, pthread_self(), {}, {}};
	std::vector<uint64_t> iova;

	if (DPKIT_FAULT(MEMSEG_ALLOC))
		return -ENOMEM;
	try {
		iova.resize(n);
		run.mapped.assign(n, 0);
		run.chain.assign(n, n);
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}

	int r = back_and_map(run);
	if (r == 0) {
		os::prefault_pages(slot_addr(msl, first), (size_t)n * msl.page_sz, msl.page_sz);
		r = run_iovas(run, contig, iova.data());
	}
	if (r == 0)
		r = check_placement(run, iova.data());
	if (r < 0) {
		for (unsigned i = 0; i < n; i++)
			if (run.mapped[i])
				unmap_one(idx, first + i);
		return r;
	}
	publish(run, iova.data(), flags);
	/* every secondary maps the pages before they are used, or none does */
	r = mem_sync_secondaries(idx, first, n, true);
	if (r < 0) /* undone everywhere: the secondaries that mapped them unmap them */
		pages_free(idx, first, n);
	return r;
}

void
pages_free(int idx, unsigned first, unsigned n)
{
	mem_sync_secondaries(idx, first, n, false);
	pages_unmap(idx, first, n);
}

namespace {

void
pages_unmap(int idx, unsigned first, unsigned n)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	for (unsigned i = 0; i < n; i++) {
		rte_memseg *ms = memseg_at(&msl, first + i);
		if (!memseg_used(ms))
			continue;
		unmap_one(idx, first + i);
		memset(ms, 0, sizeof(*ms));
		mcfg().run_start[idx][first + i] = 0;
		msl.memseg_arr.count--;
	}
	msl.version = msl.version + 1;
}

} // namespace

void
pages_release_list(int idx)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	pages_free(idx, 0, msl.memseg_arr.len);
	list_local &ll = local().lists[idx];
	if (ll.list_fd >= 0) {
		const std::string &dir = file_dir(msl.page_sz);
		os::close_fd(ll.list_fd);
		ll.list_fd = -1;
		if (!dir.empty() && remove_freed_files())
			os::remove_file(page_path(dir, idx, -1).name);
	}
}

int
pages_sort_by_phys(int idx, unsigned n)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	const uint64_t pg = msl.page_sz;
	if (n == 0 || mcfg().iova_mode != RTE_IOVA_PA || local().lists[idx].anon_hugepages)
		return (int)n;

	std::vector<unsigned> order(n);
	std::iota(order.begin(), order.end(), 0u);
	auto iova_of = [&](unsigned s) { return memseg_at(&msl, s)->iova; };
	std::sort(order.begin(), order.end(),
		  [&](unsigned a, unsigned b) { return iova_of(a) < iova_of(b); });

	/* target slot of each page: in order, one empty slot between runs */
	std::vector<unsigned> target(n);
	unsigned t = 0;
	for (unsigned k = 0; k < n; k++) {
		if (k > 0 && iova_of(order[k]) != iova_of(order[k - 1]) + pg)
			t++;
		target[k] = t++;
	}
	if (t > msl.memseg_arr.len)
		return -ENOSPC;

	list_local &ll = local().lists[idx];
	std::vector<seg_backing> old(ll.backing.get(), ll.backing.get() + n);
	std::vector<rte_memseg> segs(n);
	for (unsigned s = 0; s < n; s++)
		segs[s] = *memseg_at(&msl, s);
	for (unsigned s = 0; s < t; s++) {
		memset(memseg_at(&msl, s), 0, sizeof(rte_memseg));
		ll.backing[s] = {-1, 0, -1};
	}
	for (unsigned k = 0; k < n; k++) {
		unsigned src = order[k], dst = target[k];
		const seg_backing &b = old[src];
		int r = os::map_file_fixed(slot_addr(msl, dst), pg, b.fd, b.offset);
		if (r < 0) {
			/* list the pages not moved yet at their targets too, so that
			 * cleanup finds and frees every backing (else fds and pages leak) */
			for (unsigned j = k; j < n; j++) {
				ll.backing[target[j]] = old[order[j]];
				*memseg_at(&msl, target[j]) = segs[order[j]];
			}
			return r;
		}
		ll.backing[dst] = b;
		rte_memseg *ms = memseg_at(&msl, dst);
		*ms = segs[src];
		ms->addr = slot_addr(msl, dst);
	}
	/* slots that became gaps must not keep a stale view of a page */
	for (unsigned s = 0; s < t; s++)
		if (!memseg_used(memseg_at(&msl, s)))
			os::unmap_keep_reserved(slot_addr(msl, s), pg);
	msl.version = msl.version + 1;
	return (int)t;
}

uint64_t
socket_mapped_bytes(int socket)
{
	uint64_t total = 0;
	for (const auto &msl : mcfg().memsegs)
		if (msl.memseg_arr.data != nullptr && !msl.external && msl.socket_id == socket)
			total += (uint64_t)msl.memseg_arr.count * msl.page_sz;
	return total;
}

bool
iova_fits_dma_mask(rte_iova_t iova, size_t len)
{
	uint8_t bits = mcfg().dma_maskbits;
	if (bits == 0 || bits >= 64 || iova == RTE_BAD_IOVA)
		return true;
	return ((iova + len - 1) >> bits) == 0;
}

void
mem_event_notify(enum rte_mem_event ev, const void *addr, size_t len)
{
	for (const auto &c : local().callbacks)
		if (c.used)
			c.clb(ev, addr, len, c.arg);
}

int
mem_validators_allow(int socket, size_t new_total)
{
	for (const auto &v : local().validators)
		if (v.used && v.socket_id == socket && new_total > v.limit &&
		    v.clb(socket, v.limit, new_total) < 0)
			return -1;
	return 0;
}

} // namespace dpkit::eal_detail
