/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memory start-up and shutdown, one function per mode.
 *
 *  - dynamic (default): a memseg list per (socket, page size) is reserved
 *    and stays empty; heaps map pages on demand. -m / --socket-mem
 *    preallocate that much, which then stays mapped (DO_NOT_FREE);
 *    --socket-limit caps what a socket may map.
 *  - --legacy-mem: everything asked (-m / --socket-mem; by default the free
 *    hugepages, at most legacy_default_cap) is mapped now, put in physical
 *    address order with a gap between physically separate runs, and kept
 *    until cleanup: each run becomes one region of the heap.
 *  - --no-huge: one list of small anonymous pages, -m bytes (default 64 MB),
 *    locked with mlock when the kernel lets us. IOVA is physical only when
 *    locked and pagemap is readable; otherwise VA, said in one line.
 *
 * The IOVA mode is settled here: VA when asked or when physical addresses
 * cannot be read, PA when asked (an error if impossible) or possible.
 */

#include <errno.h>
#include <string.h>

#include <algorithm>
#include <vector>

#include <rte_eal.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"
#include "eal_private.h"
#include "malloc_private.h"

namespace dpkit::eal_detail {

namespace {

constexpr uint64_t mib = 1ULL << 20;
constexpr uint64_t no_huge_default = 64 * mib;
constexpr uint64_t legacy_default_cap = 1024 * mib;
/* descriptors besides the page files: the application's, sockets, ... */
constexpr uint64_t fd_spare = 64;

bool
phys_addrs_readable()
{
	static volatile uint64_t probe;
	probe = probe + 1; /* make sure the page is present */
	return os::virt2phys((const void *)&probe) != UINT64_MAX;
}

/* Settle the IOVA mode from what was asked and whether PA is possible.
 * Unasked, PA is taken when possible, except under --no-huge (@p
 * prefer_va): DPDK picks VA there, and VA lets pool objects straddle 4 kB
 * pages instead of taking one page each. */
int
decide_iova_mode(bool phys_ok, const char *why_not, bool prefer_va = false)
{
	mem_config &m = mcfg();
	enum rte_iova_mode asked = config().iova_mode;
	if (asked == RTE_IOVA_PA && !phys_ok) {
		EAL_LOG(ERR,
			"--iova-mode=pa: physical addresses are not available (%s); "
			"use --iova-mode=va",
			why_not);
		return -EINVAL;
	}
	m.iova_mode = asked == RTE_IOVA_VA    ? RTE_IOVA_VA
		      : asked == RTE_IOVA_PA  ? RTE_IOVA_PA
		      : phys_ok && !prefer_va ? RTE_IOVA_PA
					      : RTE_IOVA_VA;
	return 0;
}

int
list_for(int socket, uint64_t page_sz)
{
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const rte_memseg_list &msl = mcfg().memsegs[i];
		if (msl.memseg_arr.data != nullptr && !msl.external && msl.socket_id == socket &&
		    msl.page_sz == page_sz)
			return i;
	}
	return -1;
}

/* Add every run of mapped slots of list @p idx to its socket heap. */
void
add_mapped_runs_to_heap(int idx)
{
	rte_memseg_list &msl = mcfg().memsegs[idx];
	malloc_heap *heap = heap_of_socket(msl.socket_id);
	unsigned n = msl.memseg_arr.len;
	for (unsigned s = 0; s < n;) {
		if (!memseg_used(memseg_at(&msl, s))) {
			s++;
			continue;
		}
		unsigned e = s;
		while (e < n && memseg_used(memseg_at(&msl, e)))
			e++;
		pthread_mutex_lock(&heap->lock);
		elem_add_region(heap, memseg_at(&msl, s)->addr, (size_t)(e - s) * msl.page_sz,
				(uint16_t)idx);
		pthread_mutex_unlock(&heap->lock);
		s = e;
	}
}

/* ---- --no-huge ---- */

int
init_nohuge()
{
	mem_config &m = mcfg();
	const auto &c = config();
	const uint64_t pg = os::system_page_size();
	uint64_t size = align_ceil(c.memory ? c.memory : no_huge_default, pg);
	unsigned n = (unsigned)(size / pg);

	int idx = memseg_list_create(0, pg, n, nullptr, false, true);
	if (idx < 0) {
		EAL_LOG(ERR, "--no-huge: cannot reserve %llu MB of address space; lower -m",
			(unsigned long long)(size / mib));
		return idx;
	}
	rte_memseg_list &msl = m.memsegs[idx];
	/* a memfd so that secondaries can map it (anonymous if there is none) */
	int fd = os::memfd_shared("dpkit_nohuge", size);
	int r = fd >= 0 ? os::map_file_fixed(msl.base_va, size, fd, 0, false)
			: os::map_anon_fixed(msl.base_va, size);
	if (r == 0)
		local().lists[idx].list_fd = fd;
	else
		os::close_fd(fd);
	if (r < 0) {
		EAL_LOG(ERR, "--no-huge: cannot map %llu MB (%s); lower -m",
			(unsigned long long)(size / mib), strerror(-r));
		return r;
	}
	/* first touch (the kernel zeroing every page) on all the lcores' CPUs;
	 * populated by the kernel, not one fault per page: under a hypervisor
	 * that traps page faults, 1 GB took 2.4 s by faults and 0.2 s so */
	parallel_split(n, 4096, [&](unsigned b, unsigned e) {
		os::prefault_pages(RTE_PTR_ADD(msl.base_va, (size_t)b * pg), (size_t)(e - b) * pg,
				   pg);
	});
	/* Locked pages keep their physical address, so --iova-mode=pa is safe. */
	int lock_err = os::lock_memory(msl.base_va, size);
	bool phys = lock_err == 0 && phys_addrs_readable();
	r = decide_iova_mode(phys,
			     lock_err != 0 ? "--no-huge memory could not be locked in RAM"
					   : "/proc/self/pagemap shows no frame numbers: not root",
			     true);
	if (r < 0)
		return r;
	m.phys_addrs = phys;
	if (lock_err != 0)
		EAL_LOG(NOTICE,
			"--no-huge: could not lock %llu MB in RAM (mlock: %s; "
			"raise 'ulimit -l' or run as root to lock); running unlocked with IOVA "
			"as VA",
			(unsigned long long)(size / mib), strerror(-lock_err));

	std::vector<uint64_t> iova(n);
	if (m.iova_mode == RTE_IOVA_PA) {
		r = os::virt2phys_range(msl.base_va, n, pg, iova.data());
		for (unsigned i = 0; r == 0 && i < n; i++)
			if (iova[i] == UINT64_MAX)
				r = -EFAULT;
		if (r < 0) {
			EAL_LOG(ERR, "--no-huge: cannot read physical addresses from "
				     "/proc/self/pagemap; use --iova-mode=va");
			return r;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		rte_memseg *ms = memseg_at(&msl, i);
		ms->addr = RTE_PTR_ADD(msl.base_va, (size_t)i * pg);
		ms->iova = m.iova_mode == RTE_IOVA_PA ? iova[i] : (uint64_t)(uintptr_t)ms->addr;
		ms->len = pg;
		ms->hugepage_sz = pg;
		ms->socket_id = 0;
		ms->nchannel = m.nchannel;
		ms->nrank = m.nrank;
		ms->flags = RTE_MEMSEG_FLAG_DO_NOT_FREE;
	}
	msl.memseg_arr.count = n;
	m.pages_mapped += n;
	add_mapped_runs_to_heap(idx);
	return 0;
}

/* ---- hugepages ---- */

/* Pages of each type to map on @p socket for @p bytes: big pages first,
 * the smallest size rounds up. @return 0 or -ENOMEM if not enough free. */
int
pick_pages(int socket, uint64_t bytes, std::vector<unsigned> &count)
{
	const auto &types = local().hugepage_types;
	count.assign(types.size(), 0);
	uint64_t left = bytes;
	for (size_t i = types.size(); i-- > 0 && left > 0;) {
		uint64_t pg = types[i].page_sz;
		uint64_t avail = (uint64_t)std::max(0L, types[i].free_pages[socket]);
		uint64_t k = std::min(avail, left / pg);
		count[i] = (unsigned)k;
		left -= k * pg;
	}
	for (size_t i = 0; i < types.size() && left > 0; i++) {
		uint64_t pg = types[i].page_sz;
		uint64_t avail = (uint64_t)std::max(0L, types[i].free_pages[socket]) - count[i];
		if (avail == 0)
			continue;
		uint64_t k = std::min(avail, (left + pg - 1) / pg);
		count[i] += (unsigned)k;
		left -= std::min(left, k * pg);
	}
	return left == 0 ? 0 : -ENOMEM;
}

uint64_t
free_hugepage_bytes(int socket)
{
	uint64_t total = 0;
	for (const auto &t : local().hugepage_types)
		total += (uint64_t)std::max(0L, t.free_pages[socket]) * t.page_sz;
	return total;
}

/* Bytes to map per socket at start-up. */
int
startup_amounts(std::vector<uint64_t> &want)
{
	mem_config &m = mcfg();
	const auto &c = config();
	want.assign(RTE_MAX_NUMA_NODES, 0);
	if (c.force_sockets) {
		for (int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
			if (c.socket_mem[s] == 0)
				continue;
			if (heap_of_socket(s) == nullptr) {
				EAL_LOG(ERR,
					"--socket-mem asks for memory on socket %d, which has "
					"none; ask only for sockets 0..%d that exist",
					s, m.sockets[m.n_sockets - 1]);
				return -EINVAL;
			}
			want[s] = c.socket_mem[s];
		}
		return 0;
	}
	uint64_t total = c.memory;
	if (total == 0 && m.legacy_mem) {
		for (int i = 0; i < m.n_sockets; i++)
			total += free_hugepage_bytes(m.sockets[i]);
		total = std::min(total, legacy_default_cap);
		EAL_LOG(INFO,
			"--legacy-mem without -m: mapping %llu MB (free hugepages, at "
			"most %llu MB); use -m or --socket-mem to choose",
			(unsigned long long)(total / mib),
			(unsigned long long)(legacy_default_cap / mib));
	}
	/* the caller's socket first, then the others in order */
	std::vector<int> order(m.sockets, m.sockets + m.n_sockets);
	int own = os::current_node();
	std::stable_partition(order.begin(), order.end(), [own](int s) { return s == own; });
	for (int s : order) {
		uint64_t take = std::min(total, free_hugepage_bytes(s));
		want[s] = take;
		total -= take;
	}
	if (total > 0) {
		EAL_LOG(ERR,
			"-m %llu MB: only %llu MB of hugepages are free; reserve more "
			"(echo N > /proc/sys/vm/nr_hugepages) or lower -m",
			(unsigned long long)(c.memory / mib),
			(unsigned long long)((c.memory - total) / mib));
		return -ENOMEM;
	}
	return 0;
}

int
map_startup_memory()
{
	mem_config &m = mcfg();
	const auto &types = local().hugepage_types;
	std::vector<uint64_t> want;
	int r = startup_amounts(want);
	if (r < 0)
		return r;
	for (int si = 0; si < m.n_sockets; si++) {
		int s = m.sockets[si];
		if (want[s] == 0)
			continue;
		std::vector<unsigned> count;
		if (pick_pages(s, want[s], count) < 0) {
			EAL_LOG(ERR,
				"socket %d: %llu MB asked but only %llu MB of hugepages "
				"are free there; reserve more (/sys/devices/system/node/node%d/"
				"hugepages) or ask for less",
				s, (unsigned long long)(want[s] / mib),
				(unsigned long long)(free_hugepage_bytes(s) / mib), s);
			return -ENOMEM;
		}
		for (size_t t = 0; t < types.size(); t++) {
			if (count[t] == 0)
				continue;
			int idx = list_for(s, types[t].page_sz);
			if (idx < 0 || count[t] > m.memsegs[idx].memseg_arr.len) {
				EAL_LOG(ERR,
					"socket %d: %u pages of %llu kB do not fit a memseg "
					"list; ask for less memory",
					s, count[t], (unsigned long long)(types[t].page_sz >> 10));
				return -ENOSPC;
			}
			r = pages_alloc(idx, 0, count[t], false, RTE_MEMSEG_FLAG_DO_NOT_FREE, -1);
			if (r < 0) {
				EAL_LOG(ERR,
					"socket %d: mapping %u pages of %llu kB failed (%s): "
					"another process took them?; reserve more hugepages or ask for "
					"less",
					s, count[t], (unsigned long long)(types[t].page_sz >> 10),
					strerror(-r));
				return r;
			}
			if (m.legacy_mem) {
				r = pages_sort_by_phys(idx, count[t]);
				if (r < 0) {
					EAL_LOG(ERR,
						"socket %d: cannot order %u pages by physical "
						"address (%s)",
						s, count[t], strerror(-r));
					return r;
				}
			}
			add_mapped_runs_to_heap(idx);
		}
	}
	return 0;
}

int
init_hugepages()
{
	mem_config &m = mcfg();
	int r = hugepage_info_init();
	if (r < 0)
		return r;
	bool phys = phys_addrs_readable();
	m.phys_addrs = phys;
	r = decide_iova_mode(phys, "/proc/self/pagemap shows no frame numbers: not root");
	if (r < 0)
		return r;

	uint64_t pages = 0; /* each may take a descriptor */
	for (const auto &t : local().hugepage_types) {
		unsigned n_segs = (unsigned)std::min<uint64_t>(RTE_MAX_MEMSEG_PER_LIST,
							       (uint64_t)RTE_MAX_MEM_MB_PER_LIST *
								       mib / t.page_sz);
		for (int si = 0; si < m.n_sockets; si++) {
			int s = m.sockets[si];
			long reserved = os::hugepage_count(t.page_sz, s, false);
			if (reserved == 0 || (reserved < 0 && s != m.sockets[0]))
				continue;
			pages += reserved > 0 ? (uint64_t)reserved : 0;
			int idx = memseg_list_create(s, t.page_sz, n_segs, nullptr, false, true);
			if (idx < 0) {
				EAL_LOG(ERR,
					"cannot reserve address space for %u pages of %llu kB "
					"on socket %d",
					n_segs, (unsigned long long)(t.page_sz >> 10), s);
				return idx;
			}
		}
	}
	/* One descriptor per page: room for every reserved page, raising the
	 * soft RLIMIT_NOFILE only as far as that needs (the application's
	 * limit comes back at cleanup, and in any child it forks meanwhile),
	 * then the table grown while no other thread exists yet (see
	 * presize_fd_table). */
	if (!m.single_file_segments) {
		uint64_t fds = std::min<uint64_t>(pages + fd_spare, 1u << 20);
		if (os::raise_fd_limit(os::open_fd_count() + fds) < 0)
			EAL_LOG(NOTICE,
				"the hard limit of open files (ulimit -Hn) is below "
				"the %llu hugepages reserved (one file each): allocations may fail "
				"with EMFILE; raise it or use --single-file-segments",
				(unsigned long long)pages);
		os::presize_fd_table((unsigned)fds);
	}
	return map_startup_memory();
}

} // namespace

bool
memory_is_dynamic()
{
	/* a secondary maps and unmaps no page: pages are the primary's */
	return !mcfg().legacy_mem && !mcfg().no_huge && config().process_type != RTE_PROC_SECONDARY;
}

bool
heaps_are_dynamic()
{
	return !mcfg().legacy_mem && !mcfg().no_huge;
}

uint64_t
growable_bytes(int socket, uint64_t page_sz)
{
	mem_config &m = mcfg();
	if (!memory_is_dynamic())
		return 0;
	int idx = list_for(socket, page_sz);
	if (idx < 0)
		return 0;
	const rte_memseg_list &msl = m.memsegs[idx];
	uint64_t slots = msl.memseg_arr.len - msl.memseg_arr.count;
	long free_now = hugepages_free_now(page_sz, socket);
	uint64_t bytes = std::min<uint64_t>(slots, (uint64_t)std::max(0L, free_now)) * page_sz;
	uint64_t limit = m.socket_limit[socket];
	if (limit != 0) {
		uint64_t mapped = socket_mapped_bytes(socket);
		bytes = std::min(bytes, limit > mapped ? limit - mapped : 0);
	}
	return bytes;
}

int
memory_init()
{
	if (config().process_type == RTE_PROC_SECONDARY) {
		int r = mem_attach();
		if (r < 0)
			mem_detach();
		return r;
	}
	mem_config &m = mcfg();
	const auto &c = config();
	if (m.initialised) {
		EAL_LOG(ERR, "memory is already initialised");
		return -EALREADY;
	}
	/* option combinations were checked by the option parser */

	m.n_sockets = 0;
	for (int n : os::numa_nodes())
		if (n < RTE_MAX_NUMA_NODES && !(c.no_hugetlbfs && n != 0))
			m.sockets[m.n_sockets++] = n;
	m.legacy_mem = c.legacy_mem;
	m.no_huge = c.no_hugetlbfs;
	m.single_file_segments = c.single_file_segments;
	m.match_allocations = c.match_allocations;
	m.nchannel = c.memory_channels;
	m.nrank = 0;
	m.dma_maskbits = 0;
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++)
		m.socket_limit[s] = c.force_socket_limits ? c.socket_limit[s] : 0;
	heaps_init();

	int r = m.no_huge ? init_nohuge() : init_hugepages();
	if (r < 0) {
		memory_cleanup();
		return r;
	}
	r = mem_attach_serve_start();
	if (r < 0) {
		memory_cleanup();
		return r;
	}
	m.initialised = true;
	EAL_LOG(INFO, "memory: %s mode, IOVA as %s, %llu MB mapped",
		m.no_huge      ? "no-huge"
		: m.legacy_mem ? "legacy"
			       : "dynamic",
		m.iova_mode == RTE_IOVA_PA ? "PA" : "VA",
		(unsigned long long)(rte_eal_get_physmem_size() / mib));
	return 0;
}

void
memory_cleanup()
{
	if (config().process_type == RTE_PROC_SECONDARY) {
		mem_detach(); /* the memory and its state are the primary's */
		return;
	}
	mem_attach_serve_stop();
	mem_config &m = mcfg();
	memzones_reset();
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		rte_memseg_list &msl = m.memsegs[i];
		if (msl.memseg_arr.data == nullptr)
			continue;
		/* small --no-huge pages go with the area; hugepages have files */
		if (!msl.external && !m.no_huge)
			pages_release_list(i);
		memseg_list_destroy(i);
	}
	heaps_reset();
	memset(local().callbacks, 0, sizeof(local().callbacks));
	memset(local().validators, 0, sizeof(local().validators));
	local().hugepage_types.clear();
	os::restore_fd_limit();
	m.initialised = false;
	m.iova_mode = RTE_IOVA_DC;
	m.phys_addrs = false;
	m.dma_maskbits = 0;
	m.n_sockets = 0;
}

} // namespace dpkit::eal_detail
