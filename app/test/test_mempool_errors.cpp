/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_errors_autotest: every bad input gets its error code, exactly
 * one log line, and leaves nothing allocated. Also the handler registry's
 * limits and the contiguous-block API with a handler that supports it.
 */

#include <stdio.h>
#include <string.h>

#include <functional>
#include <string>
#include <vector>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mempool.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

/* Run @p fn with the log going to a string; @return what was logged. */
std::string
logged(const std::function<void()> &fn)
{
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rte_openlog_stream(f);
	fn();
	rte_openlog_stream(nullptr);
	fclose(f);
	std::string s(buf, len);
	free(buf);
	return s;
}

unsigned
lines(const std::string &s)
{
	return (unsigned)std::count(s.begin(), s.end(), '\n');
}

struct create_case {
	const char *what;
	const char *name;
	unsigned n, elt_size, cache_size, priv_size, flags;
	int expect_errno;
};

int
test_mempool_bad_create_arguments(void)
{
	const std::string long_name(RTE_MEMPOOL_NAMESIZE, 'x'); /* one too many */
	const create_case cases[] = {
		{"NULL name", nullptr, 100, 64, 0, 0, 0, EINVAL},
		{"empty name", "", 100, 64, 0, 0, 0, EINVAL},
		{"name too long", long_name.c_str(), 100, 64, 0, 0, 0, ENAMETOOLONG},
		{"no objects", "mp_bad", 0, 64, 0, 0, 0, EINVAL},
		{"cache above the maximum", "mp_bad", 100000, 64, RTE_MEMPOOL_CACHE_MAX_SIZE + 1, 0,
		 0, EINVAL},
		{"cache above n / 1.5", "mp_bad", 10, 64, 8, 0, 0, EINVAL},
		{"unknown flag", "mp_bad", 100, 64, 0, 0, 0x1000, EINVAL},
		{"internal flag", "mp_bad", 100, 64, 0, 0, RTE_MEMPOOL_F_POOL_CREATED, EINVAL},
		{"object too large", "mp_bad", 100, 0x90000000u, 0, 0, 0, EINVAL},
		{"private data too large", "mp_bad", 100, 64, 0, 0x90000000u, 0, EINVAL},
	};
	eal_usage before = eal_usage::now();
	for (const create_case &c : cases) {
		for (int filled = 0; filled < 2; filled++) {
			rte_mempool *mp = nullptr;
			rte_errno = 0;
			std::string log = logged([&] {
				mp = filled ? rte_mempool_create(c.name, c.n, c.elt_size,
								 c.cache_size, c.priv_size, nullptr,
								 nullptr, nullptr, nullptr,
								 SOCKET_ID_ANY, c.flags)
					    : rte_mempool_create_empty(c.name, c.n, c.elt_size,
								       c.cache_size, c.priv_size,
								       SOCKET_ID_ANY, c.flags);
			});
			TEST_ASSERT_NULL(mp, "%s: pool created", c.what);
			TEST_ASSERT_EQUAL(rte_errno, c.expect_errno, "%s: rte_errno", c.what);
			TEST_ASSERT_EQUAL(lines(log), 1u, "%s: log was: %s", c.what, log.c_str());
		}
	}
	eal_usage after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "failed creates left memory behind");
	return TEST_SUCCESS;
}

/* The longest name works through the whole life cycle (memzone names of
 * its chunks must not overflow either), and is never truncated. */
int
test_mempool_longest_name(void)
{
	const std::string name(RTE_MEMPOOL_NAMESIZE - 1, 'n');
	rte_mempool *mp = rte_mempool_create(name.c_str(), 1000, 64, 0, 0, nullptr, nullptr,
					     nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(std::string(mp->name), name, "name stored");
	TEST_ASSERT_EQUAL(rte_mempool_lookup(name.c_str()), mp, "lookup");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

int
test_mempool_duplicate_name(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_dup", 100, 64, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	for (int filled = 0; filled < 2; filled++) {
		rte_mempool *dup = nullptr;
		std::string log = logged([&] {
			dup = filled ? rte_mempool_create("mp_dup", 100, 64, 0, 0, nullptr, nullptr,
							  nullptr, nullptr, SOCKET_ID_ANY, 0)
				     : rte_mempool_create_empty("mp_dup", 100, 64, 0, 0,
								SOCKET_ID_ANY, 0);
		});
		TEST_ASSERT_NULL(dup, "duplicate created");
		TEST_ASSERT_EQUAL(rte_errno, EEXIST, "rte_errno");
		TEST_ASSERT_EQUAL(lines(log), 1u, "log was: %s", log.c_str());
	}
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

int
test_mempool_bad_ops_and_populate_arguments(void)
{
	rte_mempool *mp = rte_mempool_create_empty("mp_bad_ops", 100, 64, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty: %s", rte_strerror(rte_errno));
	char buf[4096];
	struct {
		const char *what;
		std::function<int()> call;
		int expect;
	} cases[] =
		{
			{"unknown handler",
			 [&] {
		return rte_mempool_set_ops_byname(mp, "no_such_ops", nullptr);
			 },
			 -EINVAL},
			{"NULL handler name",
			 [&] { return rte_mempool_set_ops_byname(mp, nullptr, nullptr); }, -EINVAL},
			{"set_ops on NULL pool",
			 [&] { return rte_mempool_set_ops_byname(nullptr, "stack", nullptr); },
			 -EINVAL},
			{"populate_iova NULL pool",
			 [&] {
		return rte_mempool_populate_iova(nullptr, buf, 0, sizeof(buf), nullptr, nullptr);
			 },
			 -EINVAL},
	  {"populate_iova NULL address",
	   [&] { return rte_mempool_populate_iova(mp, nullptr, 0, sizeof(buf), nullptr, nullptr); },
	   -EINVAL},
	  {"populate_virt NULL address",
	   [&] {
		return rte_mempool_populate_virt(mp, nullptr, sizeof(buf), 4096, nullptr, nullptr);
	   },
	   -EINVAL},
		{"populate_virt page size not a power of 2",
		 [&] {
		return rte_mempool_populate_virt(mp, buf, sizeof(buf), 3000, nullptr, nullptr);
		 },
		 -EINVAL},
		{"populate_default NULL pool",
		 [&] { return rte_mempool_populate_default(nullptr); }, -EINVAL},
		};
	for (auto &c : cases) {
		int ret = 0;
		std::string log = logged([&] { ret = c.call(); });
		TEST_ASSERT_EQUAL(ret, c.expect, "%s", c.what);
		TEST_ASSERT_EQUAL(lines(log), 1u, "%s: log was: %s", c.what, log.c_str());
	}
	TEST_ASSERT_EQUAL(mp->nb_mem_chunks, 0u, "a bad call added memory");

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(nullptr), 0, "populate_anon NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "populate_anon rte_errno");
	size_t pg;
	TEST_ASSERT_EQUAL(rte_mempool_get_page_size(nullptr, &pg), -EINVAL, "get_page_size NULL");
	TEST_ASSERT_EQUAL(rte_mempool_get_page_size(mp, nullptr), -EINVAL,
			  "get_page_size NULL out");
	size_t mc, al;
	TEST_ASSERT(rte_mempool_op_calc_mem_size_default(nullptr, 10, 0, &mc, &al) < 0,
		    "calc NULL");
	TEST_ASSERT(rte_mempool_op_calc_mem_size_default(mp, 10, 0, nullptr, &al) < 0,
		    "calc NULL out");
	rte_mempool_info info;
	TEST_ASSERT_EQUAL(rte_mempool_ops_get_info(mp, nullptr), -EINVAL, "get_info NULL");
	TEST_ASSERT_EQUAL(rte_mempool_ops_get_info(mp, &info), -ENOTSUP, "ring has no info");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_mempool_lookup(nullptr), "lookup NULL");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "lookup NULL rte_errno");
	for (uint32_t size : {0u, (uint32_t)RTE_MEMPOOL_CACHE_MAX_SIZE + 1}) {
		rte_errno = 0;
		rte_mempool_cache *c = nullptr;
		std::string log = logged(
			[&] { c = rte_mempool_cache_create(size, SOCKET_ID_ANY); });
		TEST_ASSERT_NULL(c, "cache_create(%u) succeeded", size);
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "cache_create(%u)", size);
		TEST_ASSERT_EQUAL(lines(log), 1u, "cache_create(%u) log: %s", size, log.c_str());
	}

	/* once populated, the handler is fixed */
	TEST_ASSERT(rte_mempool_populate_default(mp) > 0, "populate");
	TEST_ASSERT_EQUAL(rte_mempool_set_ops_byname(mp, "stack", nullptr), -EEXIST,
			  "set_ops after populate");
	void *blk;
	TEST_ASSERT_EQUAL(rte_mempool_get_contig_blocks(mp, &blk, 1), -EOPNOTSUPP, "ring blocks");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- a handler with contiguous blocks of one object ---- */

int
blk_get_info(const rte_mempool *, rte_mempool_info *info)
{
	info->contig_block_size = 1;
	return 0;
}

int
blk_dequeue_blocks(rte_mempool *mp, void **first, unsigned n)
{
	int ring = -1;
	for (unsigned i = 0; i < rte_mempool_ops_table.num_ops; i++)
		if (strcmp(rte_mempool_ops_table.ops[i].name, "ring_mp_mc") == 0)
			ring = (int)i;
	return rte_mempool_get_ops(ring)->dequeue(mp, first, n) == 0 ? 0 : -ENOBUFS;
}

int
test_mempool_contig_blocks(void)
{
	rte_mempool_ops ops = {};
	for (unsigned i = 0; i < rte_mempool_ops_table.num_ops; i++)
		if (strcmp(rte_mempool_ops_table.ops[i].name, "ring_mp_mc") == 0)
			ops = rte_mempool_ops_table.ops[i];
	TEST_ASSERT_NOT_NULL((void *)ops.alloc, "ring_mp_mc not registered");
	snprintf(ops.name, sizeof(ops.name), "test_blocks");
	ops.get_info = blk_get_info;
	ops.dequeue_contig_blocks = blk_dequeue_blocks;
	TEST_ASSERT(rte_mempool_register_ops(&ops) >= 0, "register");

	rte_mempool *mp = rte_mempool_create_empty("mp_blocks", 64, 64, 0, 0, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty");
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "test_blocks", nullptr), "set ops");
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), 64, "populate");
	rte_mempool_info info;
	TEST_ASSERT_SUCCESS(rte_mempool_ops_get_info(mp, &info), "get_info");
	TEST_ASSERT_EQUAL(info.contig_block_size, 1u, "block size");
	void *blocks[64];
	TEST_ASSERT_SUCCESS(rte_mempool_get_contig_blocks(mp, blocks, 60), "60 blocks");
	TEST_ASSERT_EQUAL(rte_mempool_get_contig_blocks(mp, blocks + 60, 5), -ENOBUFS,
			  "5 more of 4");
	TEST_ASSERT(distinct_and_owned(mp, std::vector<void *>(blocks, blocks + 60)), "blocks");
	rte_mempool_put_bulk(mp, blocks, 60);
	TEST_ASSERT(rte_mempool_full(mp), "full again");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* ---- registry limits (fills this process's table: run last) ---- */

int
dummy_alloc(rte_mempool *)
{
	return 0;
}
void
dummy_free(rte_mempool *)
{
}
int
dummy_enq(rte_mempool *, void *const *, unsigned)
{
	return 0;
}
int
dummy_deq(rte_mempool *, void **, unsigned)
{
	return -ENOENT;
}
unsigned
dummy_count(const rte_mempool *)
{
	return 0;
}

int
test_mempool_register_ops_limits(void)
{
	rte_mempool_ops ops = {};
	ops.alloc = dummy_alloc;
	ops.free = dummy_free;
	ops.enqueue = dummy_enq;
	ops.dequeue = dummy_deq;
	ops.get_count = dummy_count;

	TEST_ASSERT_EQUAL(rte_mempool_register_ops(nullptr), -EINVAL, "NULL ops");
	TEST_ASSERT_EQUAL(rte_mempool_register_ops(&ops), -EINVAL, "empty name");
	memset(ops.name, 'o', sizeof(ops.name));
	TEST_ASSERT_EQUAL(rte_mempool_register_ops(&ops), -EINVAL, "unterminated name");
	snprintf(ops.name, sizeof(ops.name), "ring_mp_mc");
	TEST_ASSERT_EQUAL(rte_mempool_register_ops(&ops), -EEXIST, "duplicate name");
	snprintf(ops.name, sizeof(ops.name), "test_no_dequeue");
	ops.dequeue = nullptr;
	TEST_ASSERT_EQUAL(rte_mempool_register_ops(&ops), -EINVAL, "missing dequeue");
	ops.dequeue = dummy_deq;

	int ret = 0;
	for (int i = 0; ret >= 0 && i <= RTE_MEMPOOL_MAX_OPS_IDX; i++) {
		snprintf(ops.name, sizeof(ops.name), "test_fill_%d", i);
		ret = rte_mempool_register_ops(&ops);
	}
	TEST_ASSERT_EQUAL(ret, -ENOSPC, "table never filled");
	TEST_ASSERT_EQUAL(rte_mempool_ops_table.num_ops, (uint32_t)RTE_MEMPOOL_MAX_OPS_IDX,
			  "entries");
	return TEST_SUCCESS;
}

const struct unit_test_case error_cases[] = {TEST_CASE(test_mempool_bad_create_arguments),
					     TEST_CASE(test_mempool_longest_name),
					     TEST_CASE(test_mempool_duplicate_name),
					     TEST_CASE(test_mempool_bad_ops_and_populate_arguments),
					     TEST_CASE(test_mempool_contig_blocks),
					     TEST_CASE(test_mempool_register_ops_limits),
					     TEST_CASES_END()};

const struct unit_test_suite error_suite = {"mempool errors", nullptr, nullptr, error_cases};

int
test_mempool_errors(void)
{
	return unit_test_suite_runner(&error_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_errors_autotest, NOHUGE_OK, ASAN_OK, test_mempool_errors);
