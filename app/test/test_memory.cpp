/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * memory_autotest (this process's EAL): memseg lookups and walks, IOVA of
 * every page against /proc/self/pagemap in PA mode, file descriptors,
 * memory events, allocation validators, DMA mask, external memory, layout
 * dump. The behaviours that need other EAL options run in child processes:
 * see test_memory_modes.cpp.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"

namespace {

constexpr size_t kMB = (size_t)1 << 20;

struct walk_totals {
	uint64_t segs = 0, bytes = 0, contig_bytes = 0, lists = 0;
};

/* Is this run's memory fixed (nothing mapped or unmapped after start-up)? */
bool
memory_is_fixed()
{
	int r = rte_mem_event_callback_register(
		"probe", [](rte_mem_event, const void *, size_t, void *) {}, nullptr);
	if (r == 0) {
		rte_mem_event_callback_unregister("probe", nullptr);
		return false;
	}
	return rte_errno == ENOTSUP;
}

std::string
capture(void (*fn)(FILE *))
{
	char *buf = nullptr;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	fn(f);
	fclose(f);
	std::string out(buf, size);
	free(buf);
	return out;
}

} // namespace

static int
test_memory_walks_agree(void)
{
	void *keep = rte_malloc(nullptr, 4 * kMB, 0);
	TEST_ASSERT_NOT_NULL(keep, "malloc 4 MB");
	walk_totals t;
	TEST_ASSERT_SUCCESS(
		rte_memseg_walk(
			[](const rte_memseg_list *msl, const rte_memseg *ms, void *arg) {
		auto *w = static_cast<walk_totals *>(arg);
		if (msl->external)
			return 0;
		w->segs++;
		w->bytes += ms->len;
		if (ms->len != msl->page_sz || ms->hugepage_sz != msl->page_sz)
			return -1;
		return 0;
			},
			&t),
		"memseg walk");
	TEST_ASSERT_SUCCESS(
		rte_memseg_contig_walk(
			[](const rte_memseg_list *msl, const rte_memseg *, size_t len, void *arg) {
		if (!msl->external)
			static_cast<walk_totals *>(arg)->contig_bytes += len;
		return 0;
			},
			&t),
		"contig walk");
	TEST_ASSERT_SUCCESS(rte_memseg_list_walk(
				    [](const rte_memseg_list *, void *arg) {
		static_cast<walk_totals *>(arg)->lists++;
		return 0;
				    },
				    &t),
			    "list walk");
	uint64_t phys = rte_eal_get_physmem_size();
	TEST_ASSERT(phys >= 4 * kMB, "physmem %llu", (unsigned long long)phys);
	TEST_ASSERT_EQUAL(t.bytes, phys, "memseg walk covers physmem");
	TEST_ASSERT_EQUAL(t.contig_bytes, phys, "contig walk covers physmem");
	TEST_ASSERT(t.lists >= 1, "at least one list");

	/* stopping early: 1 stops with 1, -1 stops with -1 */
	int calls = 0;
	TEST_ASSERT_EQUAL(rte_memseg_walk(
				  [](const rte_memseg_list *, const rte_memseg *, void *arg) {
		++*(int *)arg;
		return 1;
				  },
				  &calls),
			  1, "stop with 1");
	TEST_ASSERT_EQUAL(calls, 1, "one call");
	TEST_ASSERT_EQUAL(
		rte_memseg_list_walk([](const rte_memseg_list *, void *) { return -7; }, nullptr),
		-1, "error stops with -1");
	TEST_ASSERT_EQUAL(rte_memseg_contig_walk([](const rte_memseg_list *, const rte_memseg *,
						    size_t, void *) { return -1; },
						 nullptr),
			  -1, "contig error");
	rte_free(keep);
	return TEST_SUCCESS;
}

static int
test_memory_virt2memseg(void)
{
	char *p = (char *)rte_malloc(nullptr, 3 * kMB, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	for (size_t off = 0; off < 3 * kMB; off += 64 * 1024) {
		rte_memseg_list *msl = rte_mem_virt2memseg_list(p + off);
		TEST_ASSERT_NOT_NULL(msl, "list of offset %zu", off);
		rte_memseg *ms = rte_mem_virt2memseg(p + off, msl);
		TEST_ASSERT_NOT_NULL(ms, "memseg of offset %zu", off);
		TEST_ASSERT(p + off >= (char *)ms->addr && p + off < (char *)ms->addr + ms->len,
			    "memseg holds the address");
		TEST_ASSERT_EQUAL(rte_mem_virt2memseg(p + off, nullptr), ms, "NULL list finds it");
		TEST_ASSERT_EQUAL(rte_mem_virt2iova(p + off),
				  ms->iova + (rte_iova_t)(p + off - (char *)ms->addr), "iova");
	}
	int on_stack;
	TEST_ASSERT_NULL(rte_mem_virt2memseg_list(&on_stack), "stack has no list");
	TEST_ASSERT_NULL(rte_mem_virt2memseg(&on_stack, nullptr), "stack has no memseg");
	TEST_ASSERT_NULL(rte_mem_virt2memseg(nullptr, nullptr), "NULL");
	rte_free(p);
	return TEST_SUCCESS;
}

static int
test_memory_iova_matches_pagemap(void)
{
	if (rte_eal_iova_mode() != RTE_IOVA_PA)
		TEST_SKIP("IOVA as VA in this run (physical addresses need root and "
			  "--iova-mode=pa or default)");
	TEST_ASSERT_EQUAL(rte_eal_using_phys_addrs(), 1, "PA mode uses physical addresses");
	void *keep = rte_malloc(nullptr, 8 * kMB, 0);
	TEST_ASSERT_NOT_NULL(keep, "malloc 8 MB");
	struct check {
		unsigned pages = 0, bad = 0;
	} c;
	rte_memseg_walk(
		[](const rte_memseg_list *msl, const rte_memseg *ms, void *arg) {
		auto *k = static_cast<check *>(arg);
		if (msl->external)
			return 0;
		k->pages++;
		if (ms->iova != rte_mem_virt2phy(ms->addr) ||
		    rte_mem_iova2virt(ms->iova) != ms->addr)
			k->bad++;
		return 0;
		},
		&c);
	printf("checked the IOVA of %u pages against pagemap\n", c.pages);
	TEST_ASSERT(c.pages > 0, "pages seen");
	TEST_ASSERT_EQUAL(c.bad, 0u, "pages whose IOVA differs from pagemap");
	TEST_ASSERT_NULL(rte_mem_iova2virt(1), "IOVA 1 is not EAL memory");
	rte_free(keep);
	return TEST_SUCCESS;
}

static int
test_memory_iova_va_mode(void)
{
	if (rte_eal_iova_mode() != RTE_IOVA_VA)
		TEST_SKIP("IOVA as PA in this run (VA mode is checked by memory_modes_autotest)");
	void *p = rte_malloc(nullptr, 1000, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	TEST_ASSERT_EQUAL(rte_mem_virt2iova(p), (rte_iova_t)(uintptr_t)p, "IOVA is VA");
	TEST_ASSERT_EQUAL(rte_malloc_virt2iova(p), (rte_iova_t)(uintptr_t)p, "malloc IOVA");
	TEST_ASSERT_EQUAL(rte_mem_iova2virt((rte_iova_t)(uintptr_t)p), p, "back");
	rte_free(p);
	return TEST_SUCCESS;
}

static int
test_memory_fd(void)
{
	void *keep = rte_malloc(nullptr, 1000, 0);
	TEST_ASSERT_NOT_NULL(keep, "malloc");
	rte_memseg *ms = rte_mem_virt2memseg(keep, nullptr);
	TEST_ASSERT_NOT_NULL(ms, "memseg");
	rte_memseg_list *msl = rte_mem_virt2memseg_list(keep);
	size_t off = 1;
	int fd = rte_memseg_get_fd(ms);
	if (msl->page_sz == 4096) {
		TEST_ASSERT_EQUAL(fd, -1, "--no-huge pages have no fd");
		TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "ENOTSUP");
		TEST_ASSERT_EQUAL(rte_memseg_get_fd_offset(ms, &off), -1, "no offset either");
	} else {
		TEST_ASSERT(fd >= 0, "fd: %s", rte_strerror(rte_errno));
		TEST_ASSERT_SUCCESS(rte_memseg_get_fd_offset(ms, &off), "offset");
		TEST_ASSERT_EQUAL(off % msl->page_sz, (size_t)0, "offset is page aligned");
		/* the fd really maps this page */
		void *view = mmap(nullptr, msl->page_sz, PROT_READ, MAP_SHARED, fd, (off_t)off);
		TEST_ASSERT(view != MAP_FAILED, "map the fd");
		size_t in_page = (size_t)((char *)keep - (char *)ms->addr);
		*(volatile char *)keep = 42;
		TEST_ASSERT_EQUAL(*((volatile char *)view + in_page), 42, "same page");
		munmap(view, msl->page_sz);
	}
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_memseg_get_fd(nullptr), -1, "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL -> EINVAL");
	rte_memseg fake{};
	TEST_ASSERT_EQUAL(rte_memseg_get_fd_thread_unsafe(&fake), -1, "foreign memseg");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "foreign -> EINVAL");
	TEST_ASSERT_EQUAL(rte_memseg_get_fd_offset(ms, nullptr), -1, "NULL offset");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL offset -> EINVAL");
	/* a slot without a page */
	rte_memseg *slots = (rte_memseg *)msl->memseg_arr.data;
	for (unsigned i = 0; i < msl->memseg_arr.len; i++)
		if (slots[i].len == 0) {
			TEST_ASSERT_EQUAL(rte_memseg_get_fd_offset_thread_unsafe(&slots[i], &off),
					  -1, "unused slot");
			TEST_ASSERT_EQUAL(rte_errno, ENOENT, "unused slot -> ENOENT");
			break;
		}
	rte_free(keep);
	return TEST_SUCCESS;
}

namespace {
struct event_log {
	size_t alloc_bytes = 0, free_bytes = 0;
	unsigned alloc_calls = 0, free_calls = 0;
};
void
on_event(rte_mem_event ev, const void *addr, size_t len, void *arg)
{
	auto *l = static_cast<event_log *>(arg);
	/* runs under the memory lock: only _thread_unsafe walks here */
	if (rte_mem_virt2memseg(addr, nullptr) == nullptr)
		return;
	if (ev == RTE_MEM_EVENT_ALLOC) {
		l->alloc_calls++;
		l->alloc_bytes += len;
	} else {
		l->free_calls++;
		l->free_bytes += len;
	}
}
} // namespace

static int
test_memory_events(void)
{
	event_log log;
	if (memory_is_fixed()) {
		TEST_ASSERT_EQUAL(rte_mem_event_callback_register("ev", on_event, &log), -1,
				  "fixed memory");
		TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "no events without dynamic memory");
		TEST_ASSERT_EQUAL(rte_mem_event_callback_unregister("ev", &log), -1, "unregister");
		TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "ENOTSUP");
		TEST_SKIP("memory is fixed in this mode: events checked to be refused only");
	}
	TEST_ASSERT_SUCCESS(rte_mem_event_callback_register("ev", on_event, &log), "register");
	TEST_ASSERT_EQUAL(rte_mem_event_callback_register("ev", on_event, &log), -1, "dup");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "dup -> EEXIST");
	event_log other;
	TEST_ASSERT_SUCCESS(rte_mem_event_callback_register("ev", on_event, &other),
			    "same name, other arg");
	TEST_ASSERT_SUCCESS(rte_mem_event_callback_unregister("ev", &other), "unregister other");
	TEST_ASSERT_EQUAL(rte_mem_event_callback_register(nullptr, on_event, &log), -1, "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL name -> EINVAL");
	TEST_ASSERT_EQUAL(rte_mem_event_callback_register("ev2", nullptr, &log), -1, "NULL fn");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL function -> EINVAL");
	std::string longname(RTE_MEM_EVENT_CALLBACK_NAME_LEN, 'x');
	TEST_ASSERT_EQUAL(rte_mem_event_callback_register(longname.c_str(), on_event, &log), -1,
			  "long name");
	TEST_ASSERT_EQUAL(rte_errno, ENAMETOOLONG, "long name -> ENAMETOOLONG");

	void *p = rte_malloc(nullptr, 8 * kMB, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	TEST_ASSERT(log.alloc_calls >= 1 && log.alloc_bytes >= 8 * kMB,
		    "alloc event: %u calls, %zu bytes", log.alloc_calls, log.alloc_bytes);
	rte_free(p);
	TEST_ASSERT(log.free_calls >= 1 && log.free_bytes >= 8 * kMB,
		    "free event: %u calls, %zu bytes", log.free_calls, log.free_bytes);
	TEST_ASSERT_SUCCESS(rte_mem_event_callback_unregister("ev", &log), "unregister");
	TEST_ASSERT_EQUAL(rte_mem_event_callback_unregister("ev", &log), -1, "twice");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "twice -> ENOENT");
	unsigned calls = log.alloc_calls;
	p = rte_malloc(nullptr, 4 * kMB, 0);
	rte_free(p);
	TEST_ASSERT_EQUAL(log.alloc_calls, calls, "no calls after unregister");
	return TEST_SUCCESS;
}

namespace {
unsigned validator_calls;
int
refuse_all(int, size_t, size_t)
{
	validator_calls++;
	return -1;
}
} // namespace

static int
test_memory_validators(void)
{
	if (memory_is_fixed()) {
		TEST_ASSERT_EQUAL(rte_mem_alloc_validator_register("v", refuse_all, 0, 0), -1,
				  "fixed memory");
		TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "ENOTSUP");
		TEST_SKIP("memory is fixed in this mode: validators checked to be refused only");
	}
	void *anchor = rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	int socket = rte_mem_virt2memseg(anchor, nullptr)->socket_id;
	uint64_t mapped = rte_eal_get_physmem_size();
	TEST_ASSERT_SUCCESS(rte_mem_alloc_validator_register("v", refuse_all, socket, mapped),
			    "register");
	TEST_ASSERT_EQUAL(rte_mem_alloc_validator_register("v", refuse_all, socket, 0), -1, "dup");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "dup -> EEXIST");
	TEST_ASSERT_EQUAL(rte_mem_alloc_validator_register("w", nullptr, socket, 0), -1, "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL -> EINVAL");
	TEST_ASSERT_EQUAL(rte_mem_alloc_validator_register("w", refuse_all, -3, 0), -1, "socket");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "bad socket -> EINVAL");
	validator_calls = 0;
	void *p = rte_malloc_socket(nullptr, 16 * kMB, 0, socket);
	TEST_ASSERT_NULL(p, "growth refused by the validator");
	TEST_ASSERT(validator_calls >= 1, "validator asked");
	TEST_ASSERT_SUCCESS(rte_mem_alloc_validator_unregister("v", socket), "unregister");
	TEST_ASSERT_EQUAL(rte_mem_alloc_validator_unregister("v", socket), -1, "twice");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "twice -> ENOENT");
	p = rte_malloc_socket(nullptr, 16 * kMB, 0, socket);
	TEST_ASSERT_NOT_NULL(p, "allowed again");
	rte_free(p);
	rte_free(anchor);
	return TEST_SUCCESS;
}

static int
test_memory_dma_mask(void)
{
	void *keep = rte_malloc(nullptr, 1000, 0);
	TEST_ASSERT_NOT_NULL(keep, "malloc");
	TEST_ASSERT_SUCCESS(rte_mem_check_dma_mask(64), "everything fits 64 bits");
	TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(12), -1, "nothing fits below 4 kB");
	TEST_ASSERT_EQUAL(rte_mem_check_dma_mask_thread_unsafe(12), -1, "thread unsafe too");
	TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(0), -1, "0 bits");
	TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(65), -1, "65 bits");
	/* a failed check does not narrow the mask: allocation still works */
	void *p = rte_malloc(nullptr, 4 * kMB, 0);
	TEST_ASSERT_NOT_NULL(p, "still allocates");
	rte_free(p);
	rte_free(keep);
	return TEST_SUCCESS;
}

static int
test_memory_misc(void)
{
	TEST_ASSERT_EQUAL(rte_memory_get_nrank(), 0u, "ranks unknown");
	(void)rte_memory_get_nchannel();
	int on_stack = 1;
	TEST_ASSERT_SUCCESS(rte_mem_lock_page(&on_stack), "lock a stack page");
	void *p = rte_malloc(nullptr, 1000, 0);
	std::string out = capture(rte_dump_physmem_layout);
	TEST_ASSERT(out.find("memseg list") != std::string::npos, "layout: %s", out.c_str());
	TEST_ASSERT(out.find("segments") != std::string::npos, "runs listed");
	rte_dump_physmem_layout(nullptr);
	rte_free(p);
	TEST_ASSERT(rte_eal_iova_mode() == RTE_IOVA_PA || rte_eal_iova_mode() == RTE_IOVA_VA,
		    "mode decided");
	/* the list locks can be taken and released */
	rte_mcfg_tailq_write_lock();
	rte_mcfg_tailq_write_unlock();
	rte_mcfg_tailq_read_lock();
	rte_mcfg_tailq_read_lock();
	rte_mcfg_tailq_read_unlock();
	rte_mcfg_tailq_read_unlock();
	rte_mcfg_mempool_write_lock();
	rte_mcfg_mempool_write_unlock();
	rte_mcfg_mempool_read_lock();
	rte_mcfg_mempool_read_unlock();
	rte_mcfg_mem_read_lock();
	rte_mcfg_mem_read_unlock();
	rte_mcfg_timer_lock();
	rte_mcfg_timer_unlock();
	(void)rte_mcfg_get_single_file_segments();
	return TEST_SUCCESS;
}

static int
test_extmem(void)
{
	const size_t pg = 4096, len = 16 * pg;
	void *area = mmap(nullptr, len + pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	TEST_ASSERT(area != MAP_FAILED, "mmap");
	void *va = (void *)(((uintptr_t)area + pg - 1) & ~(uintptr_t)(pg - 1));
	std::vector<rte_iova_t> iova(16);
	for (unsigned i = 0; i < 16; i++)
		iova[i] = 0x100000000ULL + i * pg;

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_extmem_register(va, len, iova.data(), 15, pg), -1, "15 IOVAs");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "count mismatch -> EINVAL");
	TEST_ASSERT_EQUAL(rte_extmem_register(RTE_PTR_ADD(va, 8), len, nullptr, 0, pg), -1,
			  "unaligned");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "unaligned -> EINVAL");
	TEST_ASSERT_EQUAL(rte_extmem_register(va, len, nullptr, 0, 3000), -1, "page 3000");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "bad page size -> EINVAL");
	TEST_ASSERT_EQUAL(rte_extmem_register(nullptr, len, nullptr, 0, pg), -1, "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL -> EINVAL");
	TEST_ASSERT_EQUAL(rte_extmem_attach(va, len), -1, "attach before register");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");

	TEST_ASSERT_SUCCESS(rte_extmem_register(va, len, iova.data(), 16, pg), "register");
	TEST_ASSERT_EQUAL(rte_extmem_register(va, len, nullptr, 0, pg), -1, "twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "twice -> EEXIST");
	rte_memseg_list *msl = rte_mem_virt2memseg_list(RTE_PTR_ADD(va, 5 * pg));
	TEST_ASSERT_NOT_NULL(msl, "list found");
	TEST_ASSERT_EQUAL(msl->external, 1u, "external");
	rte_memseg *ms = rte_mem_virt2memseg(RTE_PTR_ADD(va, 5 * pg + 10), msl);
	TEST_ASSERT_NOT_NULL(ms, "memseg");
	TEST_ASSERT_EQUAL(ms->iova, iova[5], "given IOVA");
	if (rte_eal_iova_mode() == RTE_IOVA_PA)
		TEST_ASSERT_EQUAL(rte_mem_virt2iova(RTE_PTR_ADD(va, 5 * pg + 10)), iova[5] + 10,
				  "translation uses the given IOVA");
	TEST_ASSERT_SUCCESS(rte_extmem_attach(va, len), "attach");
	TEST_ASSERT_SUCCESS(rte_extmem_detach(va, len), "detach");
	TEST_ASSERT_EQUAL(rte_extmem_detach(va, len - pg), -1, "other length");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), rte_eal_get_physmem_size(), "stable");
	TEST_ASSERT_SUCCESS(rte_extmem_unregister(va, len), "unregister");
	TEST_ASSERT_EQUAL(rte_extmem_unregister(va, len), -1, "twice");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");
	TEST_ASSERT_EQUAL(rte_extmem_unregister(nullptr, 0), -1, "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	TEST_ASSERT_NULL(rte_mem_virt2memseg_list(va), "gone");
	munmap(area, len + pg);
	return TEST_SUCCESS;
}

/* Both hook tables are fixed-size: the registration after the last free slot is refused. */
static int
test_memory_hook_tables_full(void)
{
	if (memory_is_fixed())
		TEST_SKIP(
			"memory is fixed in this mode: hooks are refused before any slot is used");
	event_log log;
	char name[16];
	unsigned n = 0;
	for (; n < 1024; n++) {
		snprintf(name, sizeof(name), "full%u", n);
		if (rte_mem_event_callback_register(name, on_event, &log) != 0)
			break;
	}
	int err = rte_errno;
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "full%u", i);
		TEST_ASSERT_SUCCESS(rte_mem_event_callback_unregister(name, &log), "unregister %s",
				    name);
	}
	TEST_ASSERT(n > 0 && n < 1024, "callback table took %u entries", n);
	TEST_ASSERT_EQUAL(err, ENOSPC, "callback table full -> ENOSPC");

	for (n = 0; n < 1024; n++) {
		snprintf(name, sizeof(name), "full%u", n);
		if (rte_mem_alloc_validator_register(name, refuse_all, 0, 0) != 0)
			break;
	}
	err = rte_errno;
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "full%u", i);
		TEST_ASSERT_SUCCESS(rte_mem_alloc_validator_unregister(name, 0), "unregister %s",
				    name);
	}
	TEST_ASSERT(n > 0 && n < 1024, "validator table took %u entries", n);
	TEST_ASSERT_EQUAL(err, ENOSPC, "validator table full -> ENOSPC");
	return TEST_SUCCESS;
}

static const struct unit_test_case memory_cases[] = {TEST_CASE(test_memory_walks_agree),
						     TEST_CASE(test_memory_virt2memseg),
						     TEST_CASE(test_memory_iova_matches_pagemap),
						     TEST_CASE(test_memory_iova_va_mode),
						     TEST_CASE(test_memory_fd),
						     TEST_CASE(test_memory_events),
						     TEST_CASE(test_memory_validators),
						     TEST_CASE(test_memory_hook_tables_full),
						     TEST_CASE(test_memory_dma_mask),
						     TEST_CASE(test_memory_misc),
						     TEST_CASE(test_extmem),
						     TEST_CASES_END()};

static const struct unit_test_suite memory_suite = {"memory", nullptr, nullptr, memory_cases};

static int
test_memory(void)
{
	return unit_test_suite_runner(&memory_suite);
}

REGISTER_FAST_TEST(memory_autotest, NOHUGE_OK, ASAN_OK, test_memory);
