/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The one seam between EAL memory policy and the kernel (internal, C++
 * only). Every mmap, memfd, fallocate, mlock, pagemap, mempolicy and sysfs
 * access of the memory code goes through here, so the policy files read as
 * policy and a port to another OS touches these two .cpp files only.
 * Functions return 0 / a value, or -errno; none of them logs.
 */

#ifndef _EAL_OS_PRIVATE_H_
#define _EAL_OS_PRIVATE_H_

#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

namespace dpkit::eal_detail::os {

/* ---- virtual areas (eal_os_memory.cpp) ---- */

/* Reserve @p len bytes of address space aligned on @p align, inaccessible
 * and without backing, at @p hint (aligned) if that range is free, else
 * where the kernel puts it. @return the start, or nullptr with errno set. */
void *reserve_area(size_t len, size_t align, void *hint = nullptr);

/* Give back an area from reserve_area() (and whatever is mapped in it). */
void release_area(void *addr, size_t len);

/* Replace whatever is mapped at [addr, addr+len) by an inaccessible
 * reservation, so the range stays ours. @return 0 or -errno. */
int unmap_keep_reserved(void *addr, size_t len);

/* ---- shared memory (secondary processes map it too) ---- */

/* New memfd of @p len bytes of ordinary pages. @return fd or -errno. */
int memfd_shared(const char *name, size_t len);

/* Map @p len bytes of @p fd at @p off, shared, read-write: at @p addr
 * exactly when @p addr is not null (-EEXIST when anything is mapped
 * there, nothing replaced), else where the kernel likes.
 * @return the address, or nullptr with errno set. */
void *map_shared(void *addr, size_t len, int fd, uint64_t off);

/* Reserve [addr, addr+len) inaccessible, exactly there (-EEXIST when
 * anything is mapped there). @return 0 or -errno. */
int reserve_area_at(void *addr, size_t len);

/* ---- hugepage backing ---- */

/* New memfd of @p page_sz hugepages. @return fd or -errno. */
int memfd_hugepages(const char *name, uint64_t page_sz);

/* Create a new file in a hugetlbfs mount, after removing any file of that
 * name: a file left by a process that died, or one that another process
 * started with the same --file-prefix and --no-shconf still maps, is
 * never reused (truncating it would take that process's pages).
 * @return fd or -errno. */
int create_hugepage_file(const char *path);

/* Open a file in a hugetlbfs mount as it is, creating it if missing
 * (--huge-unlink=never reuses a file and the pages it holds);
 * @p existed says whether it was there. @return fd or -errno. */
int open_hugepage_file(const char *path, bool *existed);

/* Remove a file; missing files are not an error. */
void remove_file(const char *path);

/* Back [off, off+len) of @p fd with pages now: fails with -ENOSPC when the
 * kernel has no free hugepage, instead of a SIGBUS at first touch. */
int allocate_backing(int fd, uint64_t off, uint64_t len);

/* Release the pages backing [off, off+len) of @p fd. */
int punch_backing(int fd, uint64_t off, uint64_t len);

void close_fd(int fd);

/* Map [off, off+len) of @p fd shared at exactly @p addr, pre-faulted
 * unless @p prefault is false. @return 0 or -errno. */
int map_file_fixed(void *addr, size_t len, int fd, uint64_t off, bool prefault = true);

/* Map anonymous hugepages (no file) at exactly @p addr, pre-faulted: the
 * fallback when the kernel has no hugetlb memfd. @return 0 or -errno. */
int map_anon_hugepages_fixed(void *addr, size_t len, uint64_t page_sz);

/* Map anonymous small pages at exactly @p addr. @return 0 or -errno. */
int map_anon_fixed(void *addr, size_t len);

/* Fault in [addr, addr+len) for writing in one call where the kernel can
 * (MADV_POPULATE_WRITE), else page by page. */
void prefault_pages(void *addr, size_t len, size_t page_sz);

int lock_memory(const void *addr, size_t len); /* mlock: 0 or -errno */

/* ---- addresses ---- */

size_t system_page_size();

/* Physical address of @p addr, or UINT64_MAX when it cannot be read
 * (not privileged, page not present). */
uint64_t virt2phys(const void *addr);

/* Physical addresses of @p n pages of @p page_sz from @p addr into @p out
 * (UINT64_MAX where unknown) with one read. @return 0 or -errno. */
int virt2phys_range(const void *addr, size_t n, size_t page_sz, uint64_t *out);

/* ---- NUMA ---- */

/* NUMA node of the CPU the caller runs on (0 when unknown). */
int current_node();

/* Node of the page at @p addr, or -1 if unknown. */
int node_of_address(void *addr);

/* A thread's NUMA memory policy, as get_mempolicy reports it. */
struct mempolicy {
	int mode;                /* with its mode flags */
	unsigned long nodes[16]; /* 1024 nodes: the kernel's largest MAX_NUMNODES */
};

/* The calling thread's policy. @return 0 or -errno. */
int get_mempolicy(mempolicy *p);

/* Give the calling thread policy @p p again. @return 0 or -errno. */
int set_mempolicy(const mempolicy &p);

/* Ask the kernel to take the calling thread's new pages from @p node.
 * @return 0 or -errno. */
int prefer_node(int node);

/* ---- process limits ---- */

/* Raise the soft RLIMIT_NOFILE so that @p want descriptors fit (never
 * above the hard limit). The soft limit it replaced is kept: a child
 * forked meanwhile gets it back (pthread_atfork), and
 * restore_fd_limit() puts it back. @return 0, or -EMFILE when the hard
 * limit is lower than @p want (raised as far as it goes). */
int raise_fd_limit(uint64_t want);

/* Raise the soft RLIMIT_NOFILE by @p more (see raise_fd_limit).
 * @return 0 or -EMFILE. */
int raise_fd_limit_by(uint64_t more);

/* Put back the soft limit the first raise replaced, unless someone set
 * another limit since. */
void restore_fd_limit();

/* Descriptors the process has open now (entries of /proc/self/fd). */
unsigned open_fd_count();

/* Grow the process's descriptor table now to hold @p n more descriptors.
 * The kernel grows it as needed, but once the process has threads each
 * growth waits for an RCU grace period (10-20 ms seen here): with one
 * file per hugepage, a large pool crossed 256 and 512 descriptors on the
 * way and lost a quarter of its creation time to it. */
void presize_fd_table(unsigned n);

/* ---- sysfs / procfs (eal_os_sysfs.cpp) ---- */

/* Page sizes the kernel offers, from /sys/kernel/mm/hugepages. */
std::vector<uint64_t> hugepage_sizes();

/* Reserved (@p free false) or free hugepages of @p page_sz: on @p node,
 * or system-wide when @p node is -1. @return the count, or -1 if unknown. */
long hugepage_count(uint64_t page_sz, int node, bool free);

/* NUMA nodes that have memory, ascending (at least {0}). */
std::vector<int> numa_nodes();

/* If @p dir is a hugetlbfs mount, its page size; 0 otherwise. */
uint64_t hugetlbfs_page_size(const std::string &dir);

} // namespace dpkit::eal_detail::os

#endif /* _EAL_OS_PRIVATE_H_ */
