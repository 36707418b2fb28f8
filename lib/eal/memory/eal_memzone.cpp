/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Memzones: a fixed table of named descriptors in the memory configuration,
 * each pointing at a block of a socket heap. Reserving checks the request,
 * turns the flags into a heap request (page sizes, IOVA contiguity) and
 * asks the heap of the wanted socket, or of every socket for
 * SOCKET_ID_ANY; with SIZE_HINT_ONLY a failed page-size wish is retried
 * with any page size. Length 0 asks for the largest block that is free
 * right now (at most the boundary when there is one): as DPDK documents,
 * it maps nothing new. Without hugepages a socket id below
 * RTE_MAX_NUMA_NODES means any socket, as in DPDK.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <algorithm>
#include <bit>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "eal_fault.h"
#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_memzone_reserve.h"
#include "eal_nothrow.h"
#include "malloc_private.h"

using namespace dpkit::eal_detail;
using dpkit::eal_internal::memzone_reserve_options;

namespace {

constexpr unsigned page_size_flags = RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB |
				     RTE_MEMZONE_16GB | RTE_MEMZONE_256KB | RTE_MEMZONE_256MB |
				     RTE_MEMZONE_512MB | RTE_MEMZONE_4GB;
constexpr unsigned known_flags = page_size_flags | RTE_MEMZONE_SIZE_HINT_ONLY |
				 RTE_MEMZONE_IOVA_CONTIG;

struct rw_guard {
	pthread_rwlock_t *l;
	rw_guard(pthread_rwlock_t *lock, bool write) : l(lock)
	{
		if (write)
			pthread_rwlock_wrlock(l);
		else
			pthread_rwlock_rdlock(l);
	}
	~rw_guard() { pthread_rwlock_unlock(l); }
};

/* Level of a failure the caller may have a fallback for. */
uint32_t
failure_level(const memzone_reserve_options &opt)
{
	return opt.failure_expected ? RTE_LOG_DEBUG : RTE_LOG_ERR;
}

/* Bit n set for each page size 2^n a flag asks for. */
uint64_t
page_size_mask(unsigned flags)
{
	static const struct {
		unsigned flag;
		uint64_t size;
	} map[] = {
		{RTE_MEMZONE_256KB, RTE_PGSIZE_256K}, {RTE_MEMZONE_2MB, RTE_PGSIZE_2M},
		{RTE_MEMZONE_16MB, RTE_PGSIZE_16M},   {RTE_MEMZONE_256MB, RTE_PGSIZE_256M},
		{RTE_MEMZONE_512MB, RTE_PGSIZE_512M}, {RTE_MEMZONE_1GB, RTE_PGSIZE_1G},
		{RTE_MEMZONE_4GB, RTE_PGSIZE_4G},     {RTE_MEMZONE_16GB, RTE_PGSIZE_16G},
	};
	uint64_t mask = 0;
	for (const auto &m : map)
		if (flags & m.flag)
			mask |= 1ULL << std::countr_zero(m.size);
	return mask;
}

int
find_zone(const char *name)
{
	mem_config &m = mcfg();
	for (unsigned i = 0; i < RTE_MAX_MEMZONE; i++)
		if (m.memzone_used[i] && strcmp(m.memzones[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The socket and size checks of check_request(). */
int
check_socket(const char *name, size_t len, int *socket_id, size_t rounded)
{
	if (*socket_id < 0 && *socket_id != SOCKET_ID_ANY) {
		EAL_LOG(ERR,
			"memzone %s: %d is not a socket id; use SOCKET_ID_ANY or a "
			"socket number",
			name, *socket_id);
		return EINVAL;
	}
	if (*socket_id < RTE_MAX_NUMA_NODES && socket_means_any(*socket_id))
		*socket_id = SOCKET_ID_ANY;
	if (*socket_id != SOCKET_ID_ANY && heap_of_socket(*socket_id) == nullptr) {
		EAL_LOG(ERR,
			"memzone %s: no memory on socket %d; use SOCKET_ID_ANY or a "
			"socket with hugepages",
			name, *socket_id);
		return EINVAL;
	}
	if (rounded > SIZE_MAX / 2) {
		EAL_LOG(ERR,
			"memzone %s: %zu bytes is more than any heap can hold; check "
			"the size computation",
			name, len);
		return ENOMEM;
	}
	return 0;
}

/* Check a request; a socket id that means any becomes SOCKET_ID_ANY, and
 * the length rounded to whole cache lines goes to @p rounded.
 * @return 0, or an errno value after one log line. */
int
check_request(const char *name, size_t len, int *socket_id, unsigned flags, unsigned align,
	      unsigned bound, size_t *rounded)
{
	if (name == nullptr) {
		EAL_LOG(ERR, "memzone: NULL name; give each memzone a unique name");
		return EINVAL;
	}
	if (!mcfg().initialised) {
		EAL_LOG(ERR,
			"memzone %s: EAL memory is not initialised; call rte_eal_init() "
			"first",
			name);
		return E_RTE_NO_CONFIG;
	}
	if (strnlen(name, RTE_MEMZONE_NAMESIZE) >= RTE_MEMZONE_NAMESIZE) {
		EAL_LOG(ERR,
			"memzone %.*s...: name longer than %d chars; use a shorter "
			"name",
			RTE_MEMZONE_NAMESIZE - 1, name, RTE_MEMZONE_NAMESIZE - 1);
		return ENAMETOOLONG;
	}
	if (flags & ~known_flags) {
		EAL_LOG(ERR, "memzone %s: unknown flags 0x%x; use RTE_MEMZONE_* flags only", name,
			flags & ~known_flags);
		return EINVAL;
	}
	if (align != 0 && !rte_is_power_of_2(align)) {
		EAL_LOG(ERR, "memzone %s: alignment %u is not a power of two", name, align);
		return EINVAL;
	}
	/* as DPDK: the length is a whole number of cache lines, at least one */
	if (len > SIZE_MAX - (RTE_CACHE_LINE_SIZE - 1)) {
		EAL_LOG(ERR, "memzone %s: length %zu is not a size", name, len);
		return EINVAL;
	}
	*rounded = std::max(align_ceil(len, (size_t)RTE_CACHE_LINE_SIZE),
			    (size_t)RTE_CACHE_LINE_SIZE);
	if (bound != 0 && (!rte_is_power_of_2(bound) || bound < *rounded)) {
		EAL_LOG(ERR,
			"memzone %s: boundary %u must be a power of two not below the "
			"length %zu rounded up to a cache line (%zu)",
			name, bound, len, *rounded);
		return EINVAL;
	}
	return check_socket(name, len, socket_id, *rounded);
}

/* A free table slot for zone @p name, memzone_lock held for writing.
 * @return the slot, or -1 with rte_errno set after one log line. */
int
find_slot(const char *name, const memzone_reserve_options &opt)
{
	mem_config &m = mcfg();
	if (find_zone(name) >= 0) {
		EAL_LOG_AT(failure_level(opt),
			   "memzone %s: a memzone of that "
			   "name exists; free it or pick another name",
			   name);
		rte_errno = EEXIST;
		return -1;
	}
	for (unsigned i = 0; i < RTE_MAX_MEMZONE; i++)
		if (!m.memzone_used[i])
			return (int)i;
	EAL_LOG(ERR, "memzone %s: all %d memzones are in use; free some", name, RTE_MAX_MEMZONE);
	rte_errno = ENOSPC;
	return -1;
}

/* The block for zone @p name: of @p req->size bytes, or with @p len 0
 * the largest free one (its size in req->size); with SIZE_HINT_ONLY
 * any page size when the wanted ones fail. @return the block, or nullptr
 * with rte_errno set after one log line. */
void *
alloc_block(const char *name, size_t len, int socket_id, unsigned flags, elem_request *req,
	    const memzone_reserve_options &opt)
{
	auto alloc = [&] {
		return len == 0 ? heap_alloc_biggest(socket_id, req) : heap_alloc(socket_id, *req);
	};
	void *addr = nullptr;
	if (!DPKIT_FAULT(MEMZONE_RESERVE))
		addr = alloc();
	if (addr == nullptr && (flags & RTE_MEMZONE_SIZE_HINT_ONLY) && req->page_sizes != 0) {
		req->page_sizes = 0;
		addr = alloc();
	}
	if (addr != nullptr)
		return addr;
	size_t largest, free_bytes, growable;
	heap_free_report(socket_id, *req, &largest, &free_bytes, &growable);
	if (len == 0)
		EAL_LOG_AT(
			failure_level(opt),
			"memzone %s: length 0 takes the "
			"largest block already free, and socket %d has none that fits (%zu bytes "
			"free; %zu more can be mapped for a zone of a given length)",
			name, socket_id, free_bytes, (size_t)growable);
	else
		EAL_LOG_AT(failure_level(opt),
			   "memzone %s: cannot reserve %zu "
			   "bytes%s on socket %d: the largest free contiguous block is %zu bytes "
			   "(%zu bytes free, %zu more can be mapped); reserve more hugepages or "
			   "raise -m/--socket-mem/"
			   "--socket-limit",
			   name, req->size, req->contig ? " IOVA-contiguous" : "", socket_id,
			   largest, free_bytes, (size_t)growable);
	rte_errno = ENOMEM;
	return nullptr;
}

/* Fill table slot @p slot for the block at @p addr and mark it used. */
const rte_memzone *
publish_zone(int slot, const char *name, void *addr, size_t len, unsigned flags)
{
	mem_config &m = mcfg();
	malloc_elem *e = elem_from_data(addr);
	rte_memzone &mz = m.memzones[slot];
	memset(&mz, 0, sizeof(mz));
	snprintf(mz.name, sizeof(mz.name), "%s", name);
	mz.addr = addr;
	mz.iova = rte_malloc_virt2iova(addr);
	mz.len = len;
	mz.hugepage_sz = elem_page_size(e);
	mz.socket_id = e->heap->socket_id;
	mz.flags = flags;
	m.memzone_used[slot] = 1;
	m.memzone_count++;
	return &mz;
}

/*
 * 1. Check the arguments.  2. Under the table lock, check the name and
 * find a slot.  3. Get the memory from the heaps.  4. Fill the slot.
 */
const rte_memzone *
reserve_work(const char *name, size_t len, int socket_id, unsigned flags, unsigned align,
	     unsigned bound, const memzone_reserve_options &opt)
{
	size_t rounded = 0;
	int err = check_request(name, len, &socket_id, flags, align, bound, &rounded);
	if (err != 0) {
		rte_errno = err;
		return nullptr;
	}
	rw_guard g(&mcfg().memzone_lock, true);
	int slot = find_slot(name, opt);
	if (slot < 0)
		return nullptr;
	elem_request req{rounded,
			 std::max((size_t)align, elem_unit),
			 bound,
			 (flags & RTE_MEMZONE_IOVA_CONTIG) != 0,
			 page_size_mask(flags),
			 opt.lent_cpu};
	void *addr = alloc_block(name, len, socket_id, flags, &req, opt);
	if (addr == nullptr)
		return nullptr;
	return publish_zone(slot, name, addr, req.size, flags);
}

} // namespace

namespace dpkit::eal_internal {

const rte_memzone *
memzone_reserve(const char *name, size_t len, int socket_id, unsigned flags, unsigned align,
		unsigned bound, const memzone_reserve_options &opt)
{
	return nothrow_call("rte_memzone_reserve", (const rte_memzone *)nullptr, [&] {
		return reserve_work(name, len, socket_id, flags, align, bound, opt);
	});
}

} // namespace dpkit::eal_internal

namespace dpkit::eal_detail {

void
memzones_reset()
{
	mem_config &m = mcfg();
	memset(m.memzones, 0, sizeof(m.memzones));
	memset(m.memzone_used, 0, sizeof(m.memzone_used));
	m.memzone_count = 0;
}

} // namespace dpkit::eal_detail

extern "C" {

const struct rte_memzone *
rte_memzone_reserve(const char *name, size_t len, int socket_id, unsigned flags)
{
	return dpkit::eal_internal::memzone_reserve(name, len, socket_id, flags,
						    RTE_CACHE_LINE_SIZE, 0, {});
}

const struct rte_memzone *
rte_memzone_reserve_aligned(const char *name, size_t len, int socket_id, unsigned flags,
			    unsigned align)
{
	return dpkit::eal_internal::memzone_reserve(name, len, socket_id, flags, align, 0, {});
}

const struct rte_memzone *
rte_memzone_reserve_bounded(const char *name, size_t len, int socket_id, unsigned flags,
			    unsigned align, unsigned bound)
{
	return dpkit::eal_internal::memzone_reserve(name, len, socket_id, flags, align, bound, {});
}

int
rte_memzone_free(const struct rte_memzone *mz)
{
	mem_config &m = mcfg();
	if (mz == nullptr)
		return -EINVAL;
	uintptr_t off = (uintptr_t)mz - (uintptr_t)m.memzones;
	if ((uintptr_t)mz < (uintptr_t)m.memzones || off >= sizeof(m.memzones) ||
	    off % sizeof(rte_memzone) != 0) {
		EAL_LOG(ERR, "rte_memzone_free(%p): not a memzone descriptor", (const void *)mz);
		return -EINVAL;
	}
	unsigned slot = (unsigned)(off / sizeof(rte_memzone));
	void *addr;
	{
		rw_guard g(&m.memzone_lock, true);
		if (!m.memzone_used[slot]) {
			EAL_LOG(ERR, "rte_memzone_free(%p): memzone already freed",
				(const void *)mz);
			return -EINVAL;
		}
		addr = m.memzones[slot].addr;
		m.memzone_used[slot] = 0;
		m.memzone_count--;
		memset(&m.memzones[slot], 0, sizeof(rte_memzone));
	}
	rte_free(addr);
	return 0;
}

const struct rte_memzone *
rte_memzone_lookup(const char *name)
{
	if (name == nullptr) {
		rte_errno = EINVAL;
		return nullptr;
	}
	mem_config &m = mcfg();
	rw_guard g(&m.memzone_lock, false);
	int i = find_zone(name);
	if (i < 0) {
		rte_errno = ENOENT;
		return nullptr;
	}
	return &m.memzones[i];
}

void
rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg), void *arg)
{
	if (func == nullptr)
		return;
	mem_config &m = mcfg();
	rw_guard g(&m.memzone_lock, false);
	for (unsigned i = 0; i < RTE_MAX_MEMZONE; i++)
		if (m.memzone_used[i])
			func(&m.memzones[i], arg);
}

void
rte_memzone_dump(FILE *f)
{
	if (f == nullptr)
		return;
	mem_config &m = mcfg();
	rw_guard g(&m.memzone_lock, false);
	fprintf(f, "%u memzones\n", m.memzone_count);
	for (unsigned i = 0; i < RTE_MAX_MEMZONE; i++) {
		if (!m.memzone_used[i])
			continue;
		const rte_memzone &z = m.memzones[i];
		fprintf(f,
			"zone %u: name <%s>, len 0x%zx, virt %p, iova 0x%" PRIx64
			", socket %" PRId32 ", page size %" PRIu64 " kB, flags 0x%" PRIx32 "\n",
			i, z.name, z.len, z.addr, z.iova, z.socket_id, z.hugepage_sz >> 10,
			z.flags);
	}
}

} // extern "C"
