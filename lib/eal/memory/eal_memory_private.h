/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * EAL memory internals (internal, C++ only): the one memory configuration
 * object, memseg lists, page allocation, hugepage discovery.
 *
 * mem_config holds everything another process would need to see the same
 * memory (lists, memsegs, memzones, heaps, locks): plain fixed-size data and
 * pointers into memory mapped at the same address everywhere, never
 * process-heap containers, so that it could move to shared memory for
 * secondary processes. What is genuinely per process (file descriptors,
 * file names, the hugepage inventory) lives in local_state.
 */

#ifndef _EAL_MEMORY_PRIVATE_H_
#define _EAL_MEMORY_PRIVATE_H_

#include <pthread.h>
#include <stdint.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_tailq.h>

#include "malloc_private.h"

namespace dpkit::eal_detail {

constexpr unsigned max_mem_callbacks = 64;
constexpr unsigned max_mem_validators = 64;

struct mem_event_callback {
	char name[RTE_MEM_EVENT_CALLBACK_NAME_LEN];
	rte_mem_event_callback_t clb;
	void *arg;
	bool used;
};

struct mem_alloc_validator {
	char name[RTE_MEM_ALLOC_VALIDATOR_NAME_LEN];
	rte_mem_alloc_validator_t clb;
	int socket_id;
	size_t limit;
	bool used;
};

/* First bytes of mem_config: what a secondary checks before trusting the
 * rest (eal_mem_attach.cpp). */
struct mem_config_header {
	uint64_t magic;    /* mem_config_magic */
	uint64_t layout;   /* mem_config_layout() of the process that made it */
	char version[32];  /* rte_version() of that process */
	void *self;        /* where that process mapped it */
	uint64_t instance; /* that process's own: pid and creation time */
};

constexpr uint64_t mem_config_magic = 0x6470'6b69'745f'6d63ULL; /* "dpkit_mc" */

struct mem_config {
	mem_config_header hdr;

	/* Lock order: memzone_lock, then a heap lock, then mem_lock. */
	pthread_rwlock_t mem_lock;     /* lists and pages (rte_mcfg_mem_*) */
	pthread_rwlock_t memzone_lock; /* memzone table */
	pthread_rwlock_t tailq_lock;   /* rte_mcfg_tailq_* */
	pthread_rwlock_t mempool_lock; /* rte_mcfg_mempool_* */
	pthread_mutex_t timer_lock;    /* rte_mcfg_timer_* */

	bool initialised;
	enum rte_iova_mode iova_mode;
	bool phys_addrs; /* pagemap gives physical addresses */
	bool legacy_mem;
	bool no_huge;
	bool single_file_segments;
	bool match_allocations; /* give pages back only as the runs mapped */
	uint8_t dma_maskbits;   /* 0: no mask */
	uint32_t nchannel;
	uint32_t nrank;

	int n_sockets; /* sockets with memory */
	int sockets[RTE_MAX_NUMA_NODES];
	uint64_t socket_limit[RTE_MAX_NUMA_NODES]; /* 0: none */

	struct rte_memseg_list memsegs[RTE_MAX_MEMSEG_LISTS];
	/* Per slot of each list, 1 where a run of pages one pages_alloc()
	 * call mapped starts (after the list's memsegs, same mapping). */
	uint8_t *run_start[RTE_MAX_MEMSEG_LISTS];

	struct rte_memzone memzones[RTE_MAX_MEMZONE];
	uint8_t memzone_used[RTE_MAX_MEMZONE];
	unsigned memzone_count;

	malloc_heap heaps[RTE_MAX_HEAPS];
	int next_external_socket;

	/* named lists (rte_tailq.h; eal_tailq.cpp), under tailq_lock */
	struct rte_tailq_head tailq_heads[RTE_MAX_TAILQ];
	unsigned tailq_used;

	uint64_t pages_mapped; /* pages mapped since start, for reports */

	/* mp_status_*: whether secondaries are taken (rte_mp_disable()),
	 * settled once by a compare-and-swap of either side */
	uint32_t mp_status;
};

enum : uint32_t {
	mp_status_unknown = 0,  /* neither yet */
	mp_status_enabled = 1,  /* a secondary has attached */
	mp_status_disabled = 2, /* rte_mp_disable(): secondaries are refused */
};

/* Settle mp_status at @p want unless it is settled already.
 * @return whether it is @p want now. */
bool mem_config_mp_status_set(uint32_t want);

/* Identifies the layout of mem_config and what it points to. */
uint64_t mem_config_layout();

/* The configuration object (created on first use; locks usable anytime):
 * this process's own until a secondary attaches, then the primary's. */
mem_config &mcfg();

/* The memfd behind this process's own configuration object (-1: none),
 * and its mapped length. */
int mem_config_fd();
size_t mem_config_len();

/* From now on mcfg() is @p shared (a secondary, in rte_eal_init(), before
 * any other thread uses memory). */
void mem_config_switch(mem_config *shared);

/* ---- per-process state ---- */

/*
 * What backs one slot. Pages can move between slots (put in physical
 * order for an IOVA-contiguous run or for --legacy-mem), so a page's
 * place in its file is not its slot: each backing carries its file index,
 * the page's number in the list's file (--single-file-segments: offset =
 * index * page size) or in its file's name (<prefix>map_<list>_<index> in
 * a --huge-dir mount). An index belongs to one backing at a time.
 */
struct seg_backing {
	int fd;              /* -1: none */
	uint64_t offset;     /* of the page in fd */
	int file_index;      /* -1: none (memfd per page, anonymous) */
	bool reused = false; /* from a file an earlier process left (--huge-unlink=never) */
};

struct list_local {
	std::unique_ptr<seg_backing[]> backing; /* one per slot (mapped by the list) */
	std::unique_ptr<uint8_t[]> index_used;  /* one per file index: 1 while a backing holds it */
	int list_fd;                            /* --single-file-segments: the list's file */
	bool anon_hugepages;                    /* no hugetlb memfd: MAP_HUGETLB, no fd */
	bool list_file_reused; /* the list's file was there (--huge-unlink=never) */
	int arr_fd = -1;       /* memfd of the memseg array (secondaries map it) */
	bool attached = false; /* a secondary's mapping of the primary's list */
};

struct hugepage_type {
	uint64_t page_sz;
	long free_pages[RTE_MAX_NUMA_NODES]; /* per socket when it started */
	std::string dir;                     /* hugetlbfs mount, or empty: memfd */
};

struct local_state {
	list_local lists[RTE_MAX_MEMSEG_LISTS];
	std::vector<hugepage_type> hugepage_types;
	/* function pointers: meaningful in this process only */
	mem_event_callback callbacks[max_mem_callbacks];
	mem_alloc_validator validators[max_mem_validators];
};

local_state &local();

/* ---- hugepage discovery (eal_hugepage_info.cpp) ---- */

/* Fill local().hugepage_types from sysfs and --huge-dir.
 * @return 0, or -errno after one log line. */
int hugepage_info_init();

/* Free pages of @p page_sz on socket @p socket now (sysfs). */
long hugepages_free_now(uint64_t page_sz, int socket);

/* ---- memseg lists (eal_memseg_list.cpp) ---- */

/* Reserve an area of @p n_segs pages and publish it as a list; for
 * external memory pass the user's @p base. @return index or -errno. */
int memseg_list_create(int socket, uint64_t page_sz, unsigned n_segs, void *base, bool external,
		       bool heap);
void memseg_list_destroy(int idx);

int memseg_list_index(const rte_memseg_list *msl);
rte_memseg *memseg_at(rte_memseg_list *msl, unsigned idx);
bool memseg_used(const rte_memseg *ms);

/* Index of the list holding @p va (no lock), or -1. */
int memseg_list_of(const void *va);

/* First run of @p n unused slots of list @p idx, or -1. */
int memseg_find_free_run(int idx, unsigned n);

/* The run of slots that one pages_alloc() call mapped and that holds slot
 * @p slot of list @p idx: its first slot in @p first and length in @p n
 * (a run ends where the next one starts or at an unused slot). */
void memseg_alloc_run(int idx, unsigned slot, unsigned *first, unsigned *n);

/* ---- bulk work over the lcores' CPUs (eal_parallel.cpp) ---- */

/* Split [0, n) into contiguous ranges, at least @p min_per_part items each,
 * one per CPU of the idle lcores (see eal_parallel.cpp), and call @p fn(begin, end) for each:
 * the caller runs the first range, a short-lived thread pinned to another
 * CPU each of the others. Returns when all are done; @return the number
 * of threads that took part (1: it all ran in the caller). @p fn must be
 * safe to run concurrently on disjoint ranges. */
unsigned parallel_split(unsigned n, unsigned min_per_part,
			const std::function<void(unsigned, unsigned)> &fn);

/* The same with the split left to @p fn(part, parts): at most @p max_parts
 * parts, part 0 in the caller. @p lent_cpu, when not -1, is a CPU another
 * thread lends to the caller (see eal_memzone_reserve.h): part 0 runs
 * there and should yield between two items. @return the threads that took
 * part. Both may throw std::bad_alloc, but only before any part has run. */
unsigned parallel_parts(unsigned max_parts, const std::function<void(unsigned, unsigned)> &fn,
			int lent_cpu);

/* ---- pages (eal_memalloc.cpp); mem_lock held for writing ---- */

/* Map pages into slots [first, first+n) of list @p idx. With @p contig in
 * PA mode the pages must come out physically contiguous (they are put in
 * address order if that makes them so). @p flags go to every memseg.
 * @p lent_cpu: a CPU lent to the mapping (see parallel_parts()), or -1.
 * @return 0, or -errno with nothing left mapped. */
int pages_alloc(int idx, unsigned first, unsigned n, bool contig, uint32_t flags, int lent_cpu);

/* Unmap slots [first, first+n) of list @p idx. */
void pages_free(int idx, unsigned first, unsigned n);

/* Unmap every page of list @p idx and remove its files (cleanup). */
void pages_release_list(int idx);

/* Put the mapped pages of slots [0, n) of list @p idx in physical address
 * order, one unused slot between physically separate runs.
 * @return the slots used, or -errno. */
int pages_sort_by_phys(int idx, unsigned n);

/* Bytes mapped on @p socket (internal lists). */
uint64_t socket_mapped_bytes(int socket);

/* Run the memory event callbacks / the validators. */
void mem_event_notify(enum rte_mem_event ev, const void *addr, size_t len);
int mem_validators_allow(int socket, size_t new_total);

/* Check an IOVA against the DMA mask in force. */
bool iova_fits_dma_mask(rte_iova_t iova, size_t len);

/* ---- memory modes (eal_memory.cpp) ---- */

/* Free slots and pages left for heap growth on @p socket with pages of
 * @p page_sz (0: any), in bytes. */
uint64_t growable_bytes(int socket, uint64_t page_sz);

/* Whether pages are mapped and unmapped at run time (by this process). */
bool memory_is_dynamic();

/* Whether heaps grow and shrink at run time (in a secondary through the
 * primary). */
bool heaps_are_dynamic();

/* Memzones: forget every zone (cleanup). */
void memzones_reset();

/* ---- secondary processes (eal_mem_attach.cpp: the secondary;
 * eal_mem_attach_serve.cpp: the primary) ---- */

/* Secondary: map the primary's memory at its addresses, switch mcfg() to
 * the primary's. @return 0 or -errno after one log line. */
int mem_attach();

/* Secondary: unmap what mem_attach() mapped (shared state untouched). */
void mem_detach();

/* Primary, mem write lock held: have every secondary map (@p map) or
 * unmap slots [first, first+n) of list @p idx before this returns.
 * @return 0, or -errno after one log line when a secondary could not
 * map them (unmapping is best effort). */
int mem_sync_secondaries(int idx, unsigned first, unsigned n, bool map);

/* Primary: answer secondaries' attach requests / stop answering. */
int mem_attach_serve_start();
void mem_attach_serve_stop();

/* ---- a secondary's heap pages, mapped by the primary (eal_mem_grow.cpp) ---- */

/* Secondary: have the primary map a free run of @p n pages of list @p idx
 * (every secondary, this one included, maps it before the primary
 * answers). @return 0 with the run's first slot in @p first; -ENOMEM or
 * -ENOSPC when the primary has no such pages; another -errno after one
 * log line. */
int mem_grow_via_primary(int idx, unsigned n, bool contig, unsigned *first);

/* Secondary: take the primary's answers to mem_grow_via_primary() / stop
 * (at attach and detach). @return 0 or -errno after one log line. */
int mem_grow_client_start();
void mem_grow_client_stop();

/* Secondary: have the primary unmap slots [first, first+n) of list @p idx,
 * which no heap holds any more. @return 0 or -errno after one log line. */
int mem_shrink_via_primary(int idx, unsigned first, unsigned n);

/* Primary: map and unmap pages for secondaries / stop (waits for the
 * requests being worked on). */
int mem_grow_serve_start();
void mem_grow_serve_stop();

} // namespace dpkit::eal_detail

#endif /* _EAL_MEMORY_PRIVATE_H_ */
