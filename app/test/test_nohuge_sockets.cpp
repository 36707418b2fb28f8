/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * nohuge_sockets_autotest: without hugepages every socket id means "any
 * socket", as in DPDK 22.11: memory is ordinary pages the kernel places
 * where it likes, so a program that passes rte_socket_id() from an lcore
 * on socket 1 must get its blocks, zones, rings and pools. What stays an
 * error: a memzone on a socket id that cannot be one (negative, or from
 * RTE_MAX_NUMA_NODES up, unless an external heap has it); external heaps
 * keep their own memory. The checks run in a child started with
 * --no-huge, whatever mode the suite runs in.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <string>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_ring.h>

#include "test.h"
#include "test_memory_common.h"

namespace {

/* Everything a program allocates by socket, on socket @p s. */
int
check_socket_is_any(int s)
{
	void *p = rte_malloc_socket(nullptr, 100, 0, s);
	TEST_ASSERT_NOT_NULL(p, "rte_malloc_socket(%d): %s", s, rte_strerror(rte_errno));
	p = rte_realloc_socket(p, 5000, 0, s);
	TEST_ASSERT_NOT_NULL(p, "rte_realloc_socket(%d)", s);
	rte_free(p);
	p = rte_zmalloc_socket(nullptr, 100, 0, s);
	TEST_ASSERT_NOT_NULL(p, "rte_zmalloc_socket(%d)", s);
	rte_free(p);
	p = rte_calloc_socket(nullptr, 10, 10, 0, s);
	TEST_ASSERT_NOT_NULL(p, "rte_calloc_socket(%d)", s);
	rte_free(p);

	if (s >= 0 && s < RTE_MAX_NUMA_NODES) {
		const rte_memzone *mz = rte_memzone_reserve("nh_zone", 1000, s, 0);
		TEST_ASSERT_NOT_NULL(mz, "memzone on socket %d: %s", s, rte_strerror(rte_errno));
		TEST_ASSERT_EQUAL(mz->socket_id, 0, "socket %d: the zone is where memory is", s);
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
		mz = rte_memzone_reserve_bounded("nh_zone0", 0, s, 0, 64, 4096);
		TEST_ASSERT_NOT_NULL(mz, "len-0 memzone on socket %d", s);
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
		rte_ring *r = rte_ring_create("nh_ring", 1024, s, 0);
		TEST_ASSERT_NOT_NULL(r, "ring on socket %d: %s", s, rte_strerror(rte_errno));
		rte_ring_free(r);
		rte_mempool *mp = rte_mempool_create("nh_pool", 1023, 256, 32, 0, nullptr, nullptr,
						     nullptr, nullptr, s, 0);
		TEST_ASSERT_NOT_NULL(mp, "mempool on socket %d: %s", s, rte_strerror(rte_errno));
		rte_mempool_free(mp);
		mp = rte_pktmbuf_pool_create("nh_mbufs", 1023, 32, 0, RTE_MBUF_DEFAULT_BUF_SIZE, s);
		TEST_ASSERT_NOT_NULL(mp, "mbuf pool on socket %d: %s", s, rte_strerror(rte_errno));
		rte_mempool_free(mp);
	}
	printf("child: socket %d is any socket\n", s);
	return TEST_SUCCESS;
}

int
child_nohuge_sockets(void)
{
	TEST_ASSERT_EQUAL(rte_eal_has_hugepages(), 0, "the child runs with --no-huge");
	/* as DPDK 22.11: rte_malloc takes any id but an external heap's */
	for (int s : {0, 1, RTE_MAX_NUMA_NODES - 1, RTE_MAX_NUMA_NODES, 9999, -5}) {
		int ret = check_socket_is_any(s);
		if (ret != TEST_SUCCESS)
			return ret;
	}
	/* still no heap of its own: statistics of socket 1 are an error */
	rte_malloc_socket_stats st;
	TEST_ASSERT_EQUAL(rte_malloc_get_socket_stats(1, &st), -1, "stats of socket 1");

	/* a memzone on what cannot be a socket stays an error */
	for (int s : {RTE_MAX_NUMA_NODES, 12345, -2}) {
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_memzone_reserve("nh_bad", 1000, s, 0), "memzone socket %d", s);
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "socket %d -> EINVAL", s);
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_mempool_create("nh_bad_pool", 63, 64, 0, 0, nullptr, nullptr,
						    nullptr, nullptr, s, 0),
				 "pool socket %d", s);
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "pool socket %d -> EINVAL", s);
	}

	/* an external heap's socket id still means that heap */
	const size_t len = 16 * 4096;
	void *area = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TEST_ASSERT(area != MAP_FAILED, "mmap");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_create("nh_ext"), "create");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_add("nh_ext", area, len, nullptr, 0, 4096),
			    "add");
	int ext = rte_malloc_heap_get_socket("nh_ext");
	char *p = (char *)rte_malloc_socket(nullptr, 1000, 0, ext);
	TEST_ASSERT(p >= (char *)area && p + 1000 <= (char *)area + len, "block in the area");
	const rte_memzone *mz = rte_memzone_reserve("nh_ext_zone", 1000, ext, 0);
	TEST_ASSERT_NOT_NULL(mz, "zone on the external heap");
	TEST_ASSERT_EQUAL(mz->socket_id, ext, "zone on the external heap's socket");
	TEST_ASSERT_NULL(rte_malloc_socket(nullptr, 2 * len, 0, ext),
			 "an external heap does not become any heap when full");
	rte_free(p);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("nh_ext", area, len), "remove");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_destroy("nh_ext"), "destroy");
	munmap(area, len);
	printf("child: socket ids checked\n");
	return TEST_SUCCESS;
}

int
test_nohuge_sockets(void)
{
	std::string out;
	int rc = test_run_child(
		{"--no-huge", "-m", "128", "--file-prefix=nohuge_sockets", "nohuge_sockets_child"},
		out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "the --no-huge child failed");
	TEST_ASSERT(out.find("child: socket ids checked") != std::string::npos, "child finished");
	return TEST_SUCCESS;
}

} // namespace

REGISTER_TEST_COMMAND(nohuge_sockets_child, child_nohuge_sockets);
REGISTER_FAST_TEST(nohuge_sockets_autotest, NOHUGE_OK, ASAN_OK, test_nohuge_sockets);
