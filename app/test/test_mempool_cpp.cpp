/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_cpp_autotest: the C++ layer (rte_mempool.hpp). RAII handles free
 * their pool and cache, typed spans move objects, ranges see every object
 * and chunk, and errors come back in the result type.
 */

#include <algorithm>
#include <array>
#include <iterator>
#include <ranges>
#include <span>
#include <vector>

#include <rte_mempool.hpp>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

struct packet {
	uint64_t seq;
	char data[120];
};

int
test_mempool_cpp_raii_and_spans(void)
{
	eal_usage before = eal_usage::now();
	{
		auto mp = dpkit::mempool::create("cpp_pool", 1023, sizeof(packet), 32);
		TEST_ASSERT(mp.has_value(), "create: %s", rte_strerror(mp.error()));
		TEST_ASSERT_EQUAL(mp->name(), std::string_view("cpp_pool"), "name");
		TEST_ASSERT(mp->full(), "new pool full");

		std::array<packet *, 32> burst;
		TEST_ASSERT_SUCCESS(mp->get(std::span(burst)), "get span");
		for (unsigned i = 0; i < burst.size(); i++)
			burst[i]->seq = i;
		TEST_ASSERT_EQUAL(mp->in_use(), 32u, "in use");
		mp->put(std::span(burst));
		TEST_ASSERT(mp->full(), "full after put");

		auto one = mp->get_one<packet>();
		TEST_ASSERT(one.has_value(), "get_one");
		mp->put_one(*one);

		/* a user cache, as a non-EAL thread would hold */
		auto cache = dpkit::mempool_cache::create(64);
		TEST_ASSERT(cache.has_value(), "cache: %s", rte_strerror(cache.error()));
		TEST_ASSERT_SUCCESS(mp->get(std::span(burst), *cache), "get via user cache");
		mp->put(std::span(burst), *cache);
		TEST_ASSERT(cache->len() > 0, "user cache unused");
		mp->flush(*cache);
		TEST_ASSERT_EQUAL(cache->len(), 0u, "flush");

		/* move: one owner at a time */
		dpkit::mempool moved = std::move(*mp);
		TEST_ASSERT(!*mp && moved, "move");
		std::vector<packet *> too_many(2000);
		TEST_ASSERT_EQUAL(moved.get(std::span(too_many)), -ENOENT, "get more than exist");
	}
	eal_usage after = eal_usage::now();
	TEST_ASSERT(after.memzones == before.memzones && after.malloc_bytes == before.malloc_bytes,
		    "RAII handles left memory behind");
	return TEST_SUCCESS;
}

int
test_mempool_cpp_ranges(void)
{
	std::vector<char> a(300 * 64 * 4);     /* outlives the pool below */
	std::vector<char> b(500 * 512 + 8192); /* the rest, likewise */
	auto mp = dpkit::mempool::create_empty("cpp_ranges", 500, 256);
	TEST_ASSERT(mp.has_value(), "create_empty");
	auto n = mp->populate_iova(a.data(), RTE_BAD_IOVA, a.size());
	TEST_ASSERT(n.has_value() && *n > 0 && *n < 500, "populate_iova");
	auto rest = mp->populate_iova(b.data(), RTE_BAD_IOVA, b.size());
	TEST_ASSERT(rest.has_value() && *n + *rest == 500, "populate_iova of the rest");

	unsigned objects = (unsigned)std::ranges::distance(mp->objects());
	TEST_ASSERT_EQUAL(objects, 500u, "objects in range");
	size_t chunks = 0, bytes = 0;
	for (const rte_mempool_memhdr &c : mp->chunks()) {
		chunks++;
		bytes += c.len;
	}
	TEST_ASSERT_EQUAL(chunks, (size_t)mp->get()->nb_mem_chunks, "chunks in range");
	TEST_ASSERT(bytes >= 500u * 256, "chunk bytes");
	bool all_owned = std::ranges::all_of(
		mp->objects(), [&](void *o) { return rte_mempool_from_obj(o) == mp->get(); });
	TEST_ASSERT(all_owned, "objects of another pool in the range");

	auto again = mp->populate_default();
	TEST_ASSERT(!again.has_value() && again.error() == EEXIST,
		    "populate_default, memory there");
	auto full = mp->populate_iova(b.data(), RTE_BAD_IOVA, b.size());
	TEST_ASSERT(!full.has_value() && full.error() == ENOSPC, "populate a full pool");
	auto dup = dpkit::mempool::create("cpp_ranges", 10, 10);
	TEST_ASSERT(!dup && dup.error() == EEXIST, "duplicate name");
	return TEST_SUCCESS;
}

const struct unit_test_case cpp_cases[] = {TEST_CASE(test_mempool_cpp_raii_and_spans),
					   TEST_CASE(test_mempool_cpp_ranges), TEST_CASES_END()};

const struct unit_test_suite cpp_suite = {"mempool C++", nullptr, nullptr, cpp_cases};

int
test_mempool_cpp(void)
{
	return unit_test_suite_runner(&cpp_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_cpp_autotest, NOHUGE_OK, ASAN_OK, test_mempool_cpp);
