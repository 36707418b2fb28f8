/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Kernel calls for mapping memory: address-space reservations, hugetlb
 * memfds and hugetlbfs files, fallocate (which turns "no free hugepage"
 * into ENOSPC up front rather than SIGBUS at first touch), mlock,
 * /proc/self/pagemap and the NUMA mempolicy syscalls. No policy here.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/falloc.h>
#include <linux/memfd.h>

#include <algorithm>
#include <bit>
#include <vector>

#include "eal_fault.h"
#include "eal_os_private.h"

#ifndef MFD_HUGE_SHIFT
#define MFD_HUGE_SHIFT 26
#endif
#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
#ifndef MPOL_DEFAULT
#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#endif
#ifndef MPOL_F_NODE
#define MPOL_F_NODE (1 << 0)
#define MPOL_F_ADDR (1 << 1)
#endif

namespace dpkit::eal_detail::os {

namespace {

int
log2_of(uint64_t v)
{
	return v ? (int)std::bit_width(v) - 1 : 0;
}

} // namespace

/* ---- virtual areas ---- */

void *
reserve_area(size_t len, size_t align, void *hint)
{
	/* Over-reserve by one alignment unit, then trim both ends so the
	 * start is aligned; hugepages can only be mapped at aligned addresses. */
	if (align < system_page_size())
		align = system_page_size();
	size_t total = len + align;
	if (DPKIT_FAULT(MMAP))
		return nullptr;
	/* a hint, not MAP_FIXED: the kernel moves the area if it is taken */
	void *p = mmap(hint, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return nullptr;
	uintptr_t start = (uintptr_t)p;
	uintptr_t aligned = (start + align - 1) & ~(uintptr_t)(align - 1);
	if (aligned > start)
		munmap(p, aligned - start);
	uintptr_t end = start + total;
	if (end > aligned + len)
		munmap((void *)(aligned + len), end - (aligned + len));
	return (void *)aligned;
}

int
memfd_shared(const char *name, size_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)len) != 0) {
		int err = errno;
		close(fd);
		return -err;
	}
	return fd;
}

void *
map_shared(void *addr, size_t len, int fd, uint64_t off)
{
	if (DPKIT_FAULT(MMAP)) {
		errno = ENOMEM;
		return nullptr;
	}
	int flags = MAP_SHARED | (addr != nullptr ? MAP_FIXED_NOREPLACE : 0);
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE, flags, fd, (off_t)off);
	if (p == MAP_FAILED)
		return nullptr;
	if (addr != nullptr && p != addr) {
		/* a kernel before 4.17 takes the flag as a hint only */
		munmap(p, len);
		errno = EEXIST;
		return nullptr;
	}
	return p;
}

int
reserve_area_at(void *addr, size_t len)
{
	if (DPKIT_FAULT(MMAP))
		return -ENOMEM;
	void *p = mmap(addr, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	if (p != addr) {
		munmap(p, len);
		return -EEXIST;
	}
	return 0;
}

void
release_area(void *addr, size_t len)
{
	if (addr != nullptr && len != 0)
		munmap(addr, len);
}

int
unmap_keep_reserved(void *addr, size_t len)
{
	void *p = mmap(addr, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
	return p == MAP_FAILED ? -errno : 0;
}

/* ---- hugepage backing ---- */

int
memfd_hugepages(const char *name, uint64_t page_sz)
{
	unsigned int flags = MFD_CLOEXEC | MFD_HUGETLB |
			     ((unsigned int)log2_of(page_sz) << MFD_HUGE_SHIFT);
	int fd = memfd_create(name, flags);
	return fd < 0 ? -errno : fd;
}

int
create_hugepage_file(const char *path)
{
	/* another process creating the same name between our unlink and
	 * open makes O_EXCL fail: remove and try again */
	for (int attempt = 0; attempt < 16; attempt++) {
		if (unlink(path) != 0 && errno != ENOENT)
			return -errno;
		int fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

int
open_hugepage_file(const char *path, bool *existed)
{
	/* create it, or else open the one that is there: no window in which
	 * a file that exists is taken for a new one */
	for (int attempt = 0; attempt < 16; attempt++) {
		int fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
		if (fd >= 0) {
			*existed = false;
			return fd;
		}
		if (errno != EEXIST)
			return -errno;
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd >= 0) {
			*existed = true;
			return fd;
		}
		if (errno != ENOENT)
			return -errno;
	}
	return -EEXIST;
}

void
remove_file(const char *path)
{
	unlink(path);
}

int
allocate_backing(int fd, uint64_t off, uint64_t len)
{
	int r;
	do {
		r = fallocate(fd, 0, (off_t)off, (off_t)len);
	} while (r != 0 && errno == EINTR);
	return r == 0 ? 0 : -errno;
}

int
punch_backing(int fd, uint64_t off, uint64_t len)
{
	int r = fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)len);
	return r == 0 ? 0 : -errno;
}

void
close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

int
map_file_fixed(void *addr, size_t len, int fd, uint64_t off, bool prefault)
{
	if (DPKIT_FAULT(MMAP))
		return -ENOMEM;
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_FIXED | (prefault ? MAP_POPULATE : 0), fd, (off_t)off);
	return p == MAP_FAILED ? -errno : 0;
}

int
map_anon_hugepages_fixed(void *addr, size_t len, uint64_t page_sz)
{
	/* MAP_HUGETLB reserves the pages at mmap time, so a shortage shows up
	 * here as ENOMEM rather than later as SIGBUS. */
	if (DPKIT_FAULT(MMAP))
		return -ENOMEM;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE | MAP_HUGETLB |
		    (log2_of(page_sz) << MAP_HUGE_SHIFT);
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE, flags, -1, 0);
	return p == MAP_FAILED ? -errno : 0;
}

int
map_anon_fixed(void *addr, size_t len)
{
	if (DPKIT_FAULT(MMAP))
		return -ENOMEM;
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		       -1, 0);
	return p == MAP_FAILED ? -errno : 0;
}

/* Write then read the first byte of every page so each is really backed:
 * one fault per page. */
static void
touch_pages(void *addr, size_t len, size_t page_sz)
{
	for (size_t off = 0; off < len; off += page_sz) {
		volatile char *c = (volatile char *)addr + off;
		*c = *c;
	}
}

void
prefault_pages(void *addr, size_t len, size_t page_sz)
{
#ifdef MADV_POPULATE_WRITE
	if (madvise(addr, len, MADV_POPULATE_WRITE) == 0)
		return;
#endif
	touch_pages(addr, len, page_sz); /* kernels before 5.14 */
}

int
lock_memory(const void *addr, size_t len)
{
	/* the raw syscall: AddressSanitizer turns mlock() into a no-op that
	 * reports success, which would make unlocked memory look locked */
	if (DPKIT_FAULT(MLOCK))
		return -ENOMEM;
	return syscall(SYS_mlock, addr, len) == 0 ? 0 : -errno;
}

/* ---- addresses ---- */

size_t
system_page_size()
{
	static const size_t sz = (size_t)sysconf(_SC_PAGESIZE);
	return sz;
}

namespace {

constexpr uint64_t pagemap_present = 1ULL << 63;
constexpr uint64_t pagemap_pfn_mask = (1ULL << 55) - 1;

uint64_t
entry_to_phys(uint64_t entry, uintptr_t va)
{
	uint64_t pfn = entry & pagemap_pfn_mask;
	/* An unprivileged reader sees PFN 0 for every page. */
	if (!(entry & pagemap_present) || pfn == 0)
		return UINT64_MAX;
	return pfn * system_page_size() + (va % system_page_size());
}

} // namespace

uint64_t
virt2phys(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return UINT64_MAX;
	uintptr_t va = (uintptr_t)addr;
	uint64_t entry = 0;
	off_t off = (off_t)(va / system_page_size() * sizeof(entry));
	ssize_t n = pread(fd, &entry, sizeof(entry), off);
	close(fd);
	if (n != (ssize_t)sizeof(entry))
		return UINT64_MAX;
	return entry_to_phys(entry, va);
}

int
virt2phys_range(const void *addr, size_t n, size_t page_sz, uint64_t *out)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Pagemap has one entry per small page: read only the entry of each
	 * page's first small page. Reading the whole span instead costs the
	 * kernel a walk over every small page (milliseconds per GB). */
	const size_t small = system_page_size();
	uintptr_t va = (uintptr_t)addr;
	/* small pages: every entry is wanted, so read them in blocks */
	uint64_t block[512];
	const size_t per_read = page_sz == small ? std::size(block) : 1;
	for (size_t i = 0; i < n;) {
		size_t k = std::min(n - i, per_read);
		off_t off = (off_t)((va + i * page_sz) / small * sizeof(uint64_t));
		ssize_t want = (ssize_t)(k * sizeof(uint64_t));
		if (pread(fd, block, (size_t)want, off) != want) {
			int err = errno != 0 ? errno : EIO;
			close(fd);
			return -err;
		}
		for (size_t j = 0; j < k; j++)
			out[i + j] = entry_to_phys(block[j], va + (i + j) * page_sz);
		i += k;
	}
	close(fd);
	return 0;
}

/* ---- NUMA ---- */

int
current_node()
{
	unsigned int cpu = 0, node = 0;
	if (syscall(SYS_getcpu, &cpu, &node, nullptr) != 0)
		return 0;
	return (int)node;
}

int
node_of_address(void *addr)
{
	int node = -1;
	if (syscall(SYS_get_mempolicy, &node, nullptr, 0UL, addr, MPOL_F_NODE | MPOL_F_ADDR) != 0)
		return -1;
	return node;
}

int
get_mempolicy(mempolicy *p)
{
	*p = mempolicy{};
	long r = syscall(SYS_get_mempolicy, &p->mode, p->nodes, sizeof(p->nodes) * 8UL, nullptr,
			 0UL);
	return r == 0 ? 0 : -errno;
}

int
set_mempolicy(const mempolicy &p)
{
	/* MPOL_DEFAULT and local allocation take no node mask */
	bool any = false;
	for (unsigned long w : p.nodes)
		any = any || w != 0;
	long r = syscall(SYS_set_mempolicy, p.mode, any ? p.nodes : nullptr,
			 any ? sizeof(p.nodes) * 8UL : 0UL);
	return r == 0 ? 0 : -errno;
}

int
prefer_node(int node)
{
	mempolicy p{};
	if (node < 0 || (size_t)node >= sizeof(p.nodes) * 8)
		return -EINVAL;
	p.mode = MPOL_PREFERRED;
	p.nodes[node / 64] = 1UL << (node % 64);
	return set_mempolicy(p);
}

/* ---- process limits ---- */

namespace {

/* What the first raise replaced. Plain data: read in a forked child. */
struct fd_limit_state {
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	bool raised = false;
	bool atfork_set = false;
	rlim_t saved_soft = 0; /* the application's soft limit */
	rlim_t raised_to = 0;  /* what we set it to */
};
fd_limit_state fd_limit;

/* In a forked child: it does not hold our page descriptors' need, and
 * what it execs must start with the limit the application had. Only
 * system calls here (async-signal-safe). */
void
fd_limit_in_child()
{
	struct rlimit rl;
	if (fd_limit.raised && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur == fd_limit.raised_to) {
		rl.rlim_cur = fd_limit.saved_soft;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

} // namespace

int
raise_fd_limit(uint64_t want)
{
	struct rlimit rl;
	int r = 0;
	pthread_mutex_lock(&fd_limit.lock);
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
		r = -errno;
	} else if (rl.rlim_cur < want) {
		rlim_t to = std::min<rlim_t>((rlim_t)want, rl.rlim_max);
		if (to > rl.rlim_cur) {
			rlim_t before = rl.rlim_cur;
			rl.rlim_cur = to;
			if (setrlimit(RLIMIT_NOFILE, &rl) == 0) {
				if (!fd_limit.raised)
					fd_limit.saved_soft = before;
				fd_limit.raised = true;
				fd_limit.raised_to = to;
				if (!fd_limit.atfork_set)
					fd_limit.atfork_set = pthread_atfork(nullptr, nullptr,
									     fd_limit_in_child) ==
							      0;
			}
		}
		if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < want)
			r = -EMFILE;
	}
	pthread_mutex_unlock(&fd_limit.lock);
	return r;
}

int
raise_fd_limit_by(uint64_t more)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return -errno;
	return raise_fd_limit((uint64_t)rl.rlim_cur + more);
}

void
restore_fd_limit()
{
	struct rlimit rl;
	pthread_mutex_lock(&fd_limit.lock);
	if (fd_limit.raised && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur == fd_limit.raised_to) {
		rl.rlim_cur = fd_limit.saved_soft;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	fd_limit.raised = false;
	pthread_mutex_unlock(&fd_limit.lock);
}

unsigned
open_fd_count()
{
	unsigned n = 0;
	if (DIR *d = opendir("/proc/self/fd")) {
		while (struct dirent *e = readdir(d))
			if (e->d_name[0] != '.')
				n++;
		closedir(d);
	}
	return n;
}

void
presize_fd_table(unsigned n)
{
	struct rlimit rl;
	if (n == 0 || getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	/* taking the highest descriptor number we will need makes the kernel
	 * size the table for it; the descriptor itself is not kept */
	uint64_t top = std::min<uint64_t>((uint64_t)fd + n, rl.rlim_cur - 1);
	int high = fcntl(fd, F_DUPFD_CLOEXEC, (int)std::min<uint64_t>(top, INT32_MAX));
	if (high >= 0)
		close(high);
	close(fd);
}

} // namespace dpkit::eal_detail::os
