/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Public queries and hooks on EAL memory: address translation, size and
 * layout, page locking, DMA mask, memory event callbacks and allocation
 * validators. Callbacks and validators live in fixed tables of the memory
 * configuration and change under the memory lock; they exist only in
 * dynamic mode, where memory changes at run time.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_iova_pages.h"
#include "eal_log_macros.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"

using namespace dpkit::eal_detail;

namespace {

struct iova_search {
	rte_iova_t iova;
	void *va;
};

int
find_iova(const rte_memseg_list *msl, const rte_memseg *ms, void *arg)
{
	auto *s = static_cast<iova_search *>(arg);
	if (msl->external || ms->iova == RTE_BAD_IOVA)
		return 0;
	if (s->iova >= ms->iova && s->iova < ms->iova + ms->len) {
		s->va = RTE_PTR_ADD(ms->addr, s->iova - ms->iova);
		return 1;
	}
	return 0;
}

int
dma_mask_check(uint8_t maskbits, bool lock)
{
	if (maskbits == 0 || maskbits > 64) {
		EAL_LOG(ERR, "DMA mask of %u bits: give 1 to 64 bits", maskbits);
		return -1;
	}
	if (lock)
		rte_mcfg_mem_read_lock();
	int r = 0;
	mem_config &m = mcfg();
	for (auto &msl : m.memsegs) {
		if (msl.memseg_arr.data == nullptr || msl.external)
			continue;
		for (unsigned i = 0; i < msl.memseg_arr.len && r == 0; i++) {
			const rte_memseg *ms = memseg_at(&msl, i);
			if (memseg_used(ms) && maskbits < 64 && ms->iova != RTE_BAD_IOVA &&
			    ((ms->iova + ms->len - 1) >> maskbits) != 0) {
				EAL_LOG(ERR,
					"memory at IOVA 0x%" PRIx64 " is beyond a %u-bit "
					"DMA mask",
					ms->iova, maskbits);
				r = -1;
			}
		}
	}
	/* a mask that fits is remembered (the narrowest wins) so that pages
	 * mapped later are held to it too */
	if (r == 0 && (m.dma_maskbits == 0 || maskbits < m.dma_maskbits))
		m.dma_maskbits = maskbits;
	if (lock)
		rte_mcfg_mem_read_unlock();
	return r;
}

/* Common argument checks of the callback / validator tables. */
int
check_hook_name(const char *name, size_t max, const char *what)
{
	if (name == nullptr) {
		EAL_LOG(ERR, "%s: NULL name", what);
		rte_errno = EINVAL;
		return -1;
	}
	if (strnlen(name, max) >= max) {
		EAL_LOG(ERR, "%s: name longer than %zu chars", what, max - 1);
		rte_errno = ENAMETOOLONG;
		return -1;
	}
	if (!memory_is_dynamic()) {
		/* an expected condition for callers: logged at debug level only */
		EAL_LOG(DEBUG, "%s: memory never changes in this mode", what);
		rte_errno = ENOTSUP;
		return -1;
	}
	return 0;
}

/*
 * The two hook tables (event callbacks, allocation validators) are fixed
 * arrays of slots guarded by the memory write lock; registering claims a
 * free slot unless an entry with the same key exists, unregistering clears
 * the matching one. @p same tells whether a used slot has the caller's key.
 */
template <typename Slot, size_t N, typename Same>
Slot *
claim_hook_slot(Slot (&table)[N], Same same, const char *what, const char *name,
		const char *dup_reason)
{
	Slot *slot = nullptr;
	for (auto &s : table) {
		if (s.used && same(s)) {
			EAL_LOG(ERR, "%s %s: already registered %s", what, name, dup_reason);
			rte_errno = EEXIST;
			return nullptr;
		}
		if (!s.used && slot == nullptr)
			slot = &s;
	}
	if (slot == nullptr) {
		EAL_LOG(ERR, "%s %s: all %zu slots in use", what, name, N);
		rte_errno = ENOSPC;
	}
	return slot;
}

template <typename Slot, size_t N, typename Same>
bool
release_hook_slot(Slot (&table)[N], Same same)
{
	for (auto &s : table)
		if (s.used && same(s)) {
			memset(&s, 0, sizeof(s));
			return true;
		}
	return false;
}

} // namespace

extern "C" {

enum rte_iova_mode
rte_eal_iova_mode(void)
{
	return mcfg().iova_mode;
}

int
rte_eal_using_phys_addrs(void)
{
	return mcfg().phys_addrs ? 1 : 0;
}

phys_addr_t
rte_mem_virt2phy(const void *virt)
{
	uint64_t pa = os::virt2phys(virt);
	return pa == UINT64_MAX ? RTE_BAD_IOVA : pa;
}

rte_iova_t
rte_mem_virt2iova(const void *virt)
{
	if (mcfg().iova_mode == RTE_IOVA_VA)
		return (rte_iova_t)(uintptr_t)virt;
	const rte_memseg *ms = rte_mem_virt2memseg(virt, nullptr);
	if (ms != nullptr) {
		if (ms->iova == RTE_BAD_IOVA)
			return RTE_BAD_IOVA;
		return ms->iova + RTE_PTR_DIFF(virt, ms->addr);
	}
	return rte_mem_virt2phy(virt);
}

void *
rte_mem_iova2virt(rte_iova_t iova)
{
	if (mcfg().iova_mode == RTE_IOVA_VA) {
		/* IOVA is the address; only answer for EAL memory */
		void *va = (void *)(uintptr_t)iova;
		return rte_mem_virt2memseg(va, nullptr) != nullptr ? va : nullptr;
	}
	iova_search s{iova, nullptr};
	rte_memseg_walk(find_iova, &s);
	return s.va;
}

uint64_t
rte_eal_get_physmem_size(void)
{
	uint64_t total = 0;
	rte_mcfg_mem_read_lock();
	for (const auto &msl : mcfg().memsegs)
		if (msl.memseg_arr.data != nullptr && !msl.external)
			total += (uint64_t)msl.memseg_arr.count * msl.page_sz;
	rte_mcfg_mem_read_unlock();
	return total;
}

void
rte_dump_physmem_layout(FILE *f)
{
	if (f == nullptr)
		return;
	rte_mcfg_mem_read_lock();
	mem_config &m = mcfg();
	for (int i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		rte_memseg_list &msl = m.memsegs[i];
		if (msl.memseg_arr.data == nullptr)
			continue;
		fprintf(f,
			"memseg list %d: socket %d, page %" PRIu64 " kB, %u of %u pages "
			"mapped, area %p-%p%s\n",
			i, msl.socket_id, msl.page_sz >> 10, msl.memseg_arr.count,
			msl.memseg_arr.len, msl.base_va, RTE_PTR_ADD(msl.base_va, msl.len),
			msl.external ? " (external)" : "");
		/* one line per IOVA-contiguous run of mapped slots */
		unsigned n = msl.memseg_arr.len;
		for (unsigned s = 0; s < n;) {
			const rte_memseg *first = memseg_at(&msl, s);
			if (!memseg_used(first)) {
				s++;
				continue;
			}
			unsigned e = s + 1;
			while (e < n && memseg_used(memseg_at(&msl, e)) &&
			       memseg_at(&msl, e)->iova ==
				       memseg_at(&msl, e - 1)->iova + msl.page_sz)
				e++;
			fprintf(f,
				"  segments %u-%u: virt %p, iova 0x%" PRIx64 ", len %" PRIu64
				", socket %d, flags 0x%x\n",
				s, e - 1, first->addr, first->iova, (uint64_t)(e - s) * msl.page_sz,
				first->socket_id, first->flags);
			s = e;
		}
	}
	rte_mcfg_mem_read_unlock();
}

int
rte_mem_lock_page(const void *virt)
{
	uintptr_t page = align_floor((uintptr_t)virt, (uintptr_t)os::system_page_size());
	int r = os::lock_memory((const void *)page, os::system_page_size());
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return 0;
}

unsigned
rte_memory_get_nchannel(void)
{
	return mcfg().nchannel;
}

unsigned
rte_memory_get_nrank(void)
{
	return mcfg().nrank;
}

int
rte_mem_check_dma_mask(uint8_t maskbits)
{
	return dma_mask_check(maskbits, true);
}

int
rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits)
{
	return dma_mask_check(maskbits, false);
}

void
rte_mem_set_dma_mask(uint8_t maskbits)
{
	mem_config &m = mcfg();
	if (maskbits == 0 || maskbits > 64)
		return;
	if (m.dma_maskbits == 0 || maskbits < m.dma_maskbits)
		m.dma_maskbits = maskbits;
}

int
rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb, void *arg)
{
	if (clb == nullptr) {
		EAL_LOG(ERR, "mem event callback %s: NULL function", name ? name : "?");
		rte_errno = EINVAL;
		return -1;
	}
	if (check_hook_name(name, RTE_MEM_EVENT_CALLBACK_NAME_LEN, "mem event callback") < 0)
		return -1;
	rte_mcfg_mem_write_lock();
	mem_event_callback *slot = claim_hook_slot(
		local().callbacks,
		[&](const mem_event_callback &c) {
		return c.arg == arg && strcmp(c.name, name) == 0;
		},
		"mem event callback", name, "with this argument");
	if (slot != nullptr) {
		snprintf(slot->name, sizeof(slot->name), "%s", name);
		slot->clb = clb;
		slot->arg = arg;
		slot->used = true;
	}
	rte_mcfg_mem_write_unlock();
	return slot != nullptr ? 0 : -1;
}

int
rte_mem_event_callback_unregister(const char *name, void *arg)
{
	if (check_hook_name(name, RTE_MEM_EVENT_CALLBACK_NAME_LEN, "mem event callback") < 0)
		return -1;
	rte_mcfg_mem_write_lock();
	bool found = release_hook_slot(local().callbacks, [&](const mem_event_callback &c) {
		return c.arg == arg && strcmp(c.name, name) == 0;
	});
	rte_mcfg_mem_write_unlock();
	if (!found) {
		EAL_LOG(ERR, "mem event callback %s: not registered", name);
		rte_errno = ENOENT;
		return -1;
	}
	return 0;
}

int
rte_mem_alloc_validator_register(const char *name, rte_mem_alloc_validator_t clb, int socket_id,
				 size_t limit)
{
	if (clb == nullptr || socket_id < 0 || socket_id >= RTE_MAX_NUMA_NODES) {
		EAL_LOG(ERR, "mem validator %s: NULL function or socket %d out of range",
			name ? name : "?", socket_id);
		rte_errno = EINVAL;
		return -1;
	}
	if (check_hook_name(name, RTE_MEM_ALLOC_VALIDATOR_NAME_LEN, "mem validator") < 0)
		return -1;
	char dup_reason[32];
	snprintf(dup_reason, sizeof(dup_reason), "for socket %d", socket_id);
	rte_mcfg_mem_write_lock();
	mem_alloc_validator *slot = claim_hook_slot(
		local().validators,
		[&](const mem_alloc_validator &v) {
		return v.socket_id == socket_id && strcmp(v.name, name) == 0;
		},
		"mem validator", name, dup_reason);
	if (slot != nullptr) {
		snprintf(slot->name, sizeof(slot->name), "%s", name);
		slot->clb = clb;
		slot->socket_id = socket_id;
		slot->limit = limit;
		slot->used = true;
	}
	rte_mcfg_mem_write_unlock();
	return slot != nullptr ? 0 : -1;
}

int
rte_mem_alloc_validator_unregister(const char *name, int socket_id)
{
	if (socket_id < 0 || socket_id >= RTE_MAX_NUMA_NODES) {
		EAL_LOG(ERR, "mem validator %s: socket %d out of range", name ? name : "?",
			socket_id);
		rte_errno = EINVAL;
		return -1;
	}
	if (check_hook_name(name, RTE_MEM_ALLOC_VALIDATOR_NAME_LEN, "mem validator") < 0)
		return -1;
	rte_mcfg_mem_write_lock();
	bool found = release_hook_slot(local().validators, [&](const mem_alloc_validator &v) {
		return v.socket_id == socket_id && strcmp(v.name, name) == 0;
	});
	rte_mcfg_mem_write_unlock();
	if (!found) {
		EAL_LOG(ERR, "mem validator %s: not registered for socket %d", name, socket_id);
		rte_errno = ENOENT;
		return -1;
	}
	return 0;
}

} // extern "C"

int
dpkit::mem_virt2iova_pages(const void *addr, size_t n, size_t page_sz, rte_iova_t *out)
{
	if (mcfg().iova_mode == RTE_IOVA_VA) {
		for (size_t i = 0; i < n; i++)
			out[i] = (rte_iova_t)(uintptr_t)addr + i * page_sz;
		return 0;
	}
	static_assert(RTE_BAD_IOVA == UINT64_MAX, "virt2phys_range marks unknown pages so");
	return os::virt2phys_range(addr, n, page_sz, out);
}
