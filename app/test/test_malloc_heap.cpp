/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * malloc_heap_autotest: external heaps built on memory the test maps
 * itself: create, add memory, allocate (malloc and memzone) through the
 * heap's socket id, statistics, removal refused while blocks live, destroy,
 * and every argument error.
 */

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"

namespace {

constexpr size_t kPage = 4096;

struct area {
	void *map = MAP_FAILED;
	void *va = nullptr;
	size_t len = 0;
	explicit area(size_t pages)
	{
		len = pages * kPage;
		map = mmap(nullptr, len + kPage, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map != MAP_FAILED)
			va = (void *)(((uintptr_t)map + kPage - 1) & ~(uintptr_t)(kPage - 1));
	}
	~area()
	{
		if (map != MAP_FAILED)
			munmap(map, len + kPage);
	}
};

} // namespace

static int
test_malloc_heap_lifecycle(void)
{
	area a(64);
	TEST_ASSERT_NOT_NULL(a.va, "mmap");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_create("ext_heap"), "create: %s",
			    rte_strerror(rte_errno));
	int socket = rte_malloc_heap_get_socket("ext_heap");
	TEST_ASSERT(socket >= RTE_MAX_NUMA_NODES, "external socket id %d", socket);
	TEST_ASSERT_EQUAL(rte_malloc_heap_socket_is_external(socket), 1, "is external");
	TEST_ASSERT_NULL(rte_malloc_socket(nullptr, 100, 0, socket), "empty heap: no memory");

	std::vector<rte_iova_t> iova(64);
	for (unsigned i = 0; i < 64; i++)
		iova[i] = 0x200000000ULL + (rte_iova_t)i * kPage;
	TEST_ASSERT_SUCCESS(
		rte_malloc_heap_memory_add("ext_heap", a.va, a.len, iova.data(), 64, kPage),
		"add: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_attach("ext_heap", a.va, a.len), "attach");

	rte_malloc_socket_stats st;
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(socket, &st), "stats");
	TEST_ASSERT_EQUAL(st.heap_totalsz_bytes, a.len, "heap holds the area");

	char *p = (char *)rte_malloc_socket(nullptr, 10000, 0, socket);
	TEST_ASSERT_NOT_NULL(p, "malloc from the external heap");
	TEST_ASSERT(p >= (char *)a.va && p + 10000 <= (char *)a.va + a.len, "inside the area");
	memset(p, 7, 10000);
	if (rte_eal_iova_mode() == RTE_IOVA_PA) {
		size_t off = (size_t)(p - (char *)a.va);
		TEST_ASSERT_EQUAL(rte_malloc_virt2iova(p), iova[off / kPage] + off % kPage,
				  "IOVA from the table");
	}
	const rte_memzone *mz = rte_memzone_reserve("ext_zone", 20000, socket, 0);
	TEST_ASSERT_NOT_NULL(mz, "memzone on the external heap: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(mz->socket_id, socket, "zone socket");
	/* an external heap never grows */
	TEST_ASSERT_NULL(rte_malloc_socket(nullptr, a.len, 0, socket), "bigger than the area");

	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_remove("ext_heap", a.va, a.len), -1, "busy");
	TEST_ASSERT_EQUAL(rte_errno, EBUSY, "busy -> EBUSY");
	TEST_ASSERT_EQUAL(rte_malloc_heap_destroy("ext_heap"), -1, "destroy with memory");
	TEST_ASSERT_EQUAL(rte_errno, EBUSY, "memory left -> EBUSY");
	TEST_ASSERT_EQUAL(rte_extmem_unregister(a.va, a.len), -1, "heap memory via extmem");
	TEST_ASSERT_EQUAL(rte_errno, EBUSY, "EBUSY");

	rte_free(p);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free zone");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_detach("ext_heap", a.va, a.len), "detach");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("ext_heap", a.va, a.len), "remove: %s",
			    rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(socket, &st), "stats");
	TEST_ASSERT_EQUAL(st.heap_totalsz_bytes, (size_t)0, "empty again");
	TEST_ASSERT_NULL(rte_mem_virt2memseg_list(a.va), "area forgotten");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_destroy("ext_heap"), "destroy");
	TEST_ASSERT_EQUAL(rte_malloc_heap_get_socket("ext_heap"), -1, "gone");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");
	TEST_ASSERT_EQUAL(rte_malloc_heap_socket_is_external(socket), -1, "socket id unknown now");
	return TEST_SUCCESS;
}

static int
test_malloc_heap_errors(void)
{
	area a(8);
	TEST_ASSERT_NOT_NULL(a.va, "mmap");
	std::string long_name(32, 'h');
	TEST_ASSERT_EQUAL(rte_malloc_heap_create(nullptr), -1, "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL -> EINVAL");
	TEST_ASSERT_EQUAL(rte_malloc_heap_create(""), -1, "empty");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "empty -> EINVAL");
	TEST_ASSERT_EQUAL(rte_malloc_heap_create(long_name.c_str()), -1, "32 chars");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "too long -> EINVAL");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_create("ext_err"), "create");
	TEST_ASSERT_EQUAL(rte_malloc_heap_create("ext_err"), -1, "dup");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "dup -> EEXIST");

	/* socket heaps cannot be changed */
	TEST_ASSERT_EQUAL(rte_malloc_heap_destroy("socket_0"), -1, "destroy a socket heap");
	TEST_ASSERT_EQUAL(rte_errno, EPERM, "EPERM");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("socket_0", a.va, a.len, nullptr, 0, kPage),
			  -1, "add to a socket heap");
	TEST_ASSERT_EQUAL(rte_errno, EPERM, "EPERM");
	TEST_ASSERT(rte_malloc_heap_get_socket("socket_0") >= 0, "socket heap has a socket");
	TEST_ASSERT_EQUAL(rte_malloc_heap_socket_is_external(0), 0, "socket 0 is internal");
	TEST_ASSERT_EQUAL(rte_malloc_heap_socket_is_external(SOCKET_ID_ANY), 0, "ANY");
	TEST_ASSERT_EQUAL(rte_malloc_heap_socket_is_external(9999), -1, "unknown");

	/* bad areas */
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("ext_err", nullptr, a.len, nullptr, 0, kPage),
			  -1, "NULL area");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("ext_err", a.va, a.len - 1, nullptr, 0, kPage),
			  -1, "odd length");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("ext_err", a.va, a.len, nullptr, 0, 1000), -1,
			  "page size 1000");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	rte_iova_t iova[3] = {0, 0, 0};
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("ext_err", a.va, a.len, iova, 3, kPage), -1,
			  "3 IOVAs for 8 pages");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("nope", a.va, a.len, nullptr, 0, kPage), -1,
			  "unknown heap");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_add("ext_err", a.va, a.len, nullptr, 0, kPage),
			    "add without IOVAs");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("ext_err", a.va, a.len, nullptr, 0, kPage), -1,
			  "add twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "EEXIST");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_remove("ext_err", a.va, kPage), -1, "part");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_attach("ext_err", a.va, kPage), -1, "part");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_remove("ext_err", nullptr, 0), -1, "NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_detach(nullptr, a.va, a.len), -1, "NULL name");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	TEST_ASSERT_EQUAL(rte_malloc_heap_get_socket(nullptr), -1, "NULL name");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "EINVAL");
	/* unknown IOVA: an IOVA-contiguous zone cannot come from it */
	int socket = rte_malloc_heap_get_socket("ext_err");
	if (rte_eal_iova_mode() == RTE_IOVA_PA) {
		TEST_ASSERT_NULL(
			rte_memzone_reserve("ext_contig", 1000, socket, RTE_MEMZONE_IOVA_CONTIG),
			"unknown IOVA");
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "ENOMEM");
	}
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("ext_err", a.va, a.len), "remove");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_destroy("ext_err"), "destroy");
	TEST_ASSERT_EQUAL(rte_malloc_heap_destroy("ext_err"), -1, "destroy twice");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "ENOENT");
	return TEST_SUCCESS;
}

/*
 * The heap statistics count a free block with its header, as DPDK does, so
 * that a program sizing a memzone as "largest free block minus the
 * per-block overhead" (DPDK's test_memzone.c does) gets exactly the zone a
 * length-0 reservation gives, from memory that is already there.
 */
static int
test_malloc_heap_greatest_free_counts_header(void)
{
	/* DPDK 22.11's MALLOC_ELEM_OVERHEAD: header and guard, two lines */
	constexpr size_t overhead = 2 * RTE_CACHE_LINE_SIZE;
	area a(16);
	TEST_ASSERT_NOT_NULL(a.va, "mmap");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_create("ext_stats"), "create");
	int socket = rte_malloc_heap_get_socket("ext_stats");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_add("ext_stats", a.va, a.len, nullptr, 0, kPage),
			    "add");
	rte_malloc_socket_stats st;
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(socket, &st), "stats");
	TEST_ASSERT_EQUAL(st.free_count, 1u, "one free block");
	TEST_ASSERT_EQUAL(st.greatest_free_size, a.len, "the whole area is one free block");
	TEST_ASSERT_EQUAL(st.heap_freesz_bytes, a.len, "free bytes");

	const rte_memzone *mz = rte_memzone_reserve("ext_stats_max", 0, socket, 0);
	TEST_ASSERT_NOT_NULL(mz, "len 0: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(mz->len, st.greatest_free_size - overhead,
			  "len 0 gives the largest block less the overhead");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	mz = rte_memzone_reserve("ext_stats_sized", st.greatest_free_size - overhead, socket, 0);
	TEST_ASSERT_NOT_NULL(mz, "sized from the statistics: %s", rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");

	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("ext_stats", a.va, a.len), "remove");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_destroy("ext_stats"), "destroy");
	return TEST_SUCCESS;
}

static const struct unit_test_case heap_cases[] = {
	TEST_CASE(test_malloc_heap_lifecycle), TEST_CASE(test_malloc_heap_errors),
	TEST_CASE(test_malloc_heap_greatest_free_counts_header), TEST_CASES_END()};

static const struct unit_test_suite heap_suite = {"malloc heap", nullptr, nullptr, heap_cases};

static int
test_malloc_heap(void)
{
	return unit_test_suite_runner(&heap_suite);
}

REGISTER_FAST_TEST(malloc_heap_autotest, NOHUGE_OK, ASAN_OK, test_malloc_heap);
