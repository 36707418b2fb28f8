/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Helpers of the bounds tests (see test_bounds.h). */

#include <stdint.h>

#include <algorithm>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "test_bounds.h"

std::vector<uint64_t>
bounds_values(uint64_t max)
{
	std::vector<uint64_t> v{0, 1, 2, 3, INT32_MAX, UINT32_MAX - 1, UINT32_MAX};
	for (unsigned k = 2; k < 64; k++) {
		uint64_t p = 1ULL << k;
		v.insert(v.end(), {p - 1, p, p + 1});
	}
	for (uint64_t k : {0, 1, 2, 63, 64, 4095})
		v.push_back(UINT64_MAX - k);
	std::sort(v.begin(), v.end());
	v.erase(std::unique(v.begin(), v.end()), v.end());
	v.erase(std::remove_if(v.begin(), v.end(), [max](uint64_t x) { return x > max; }), v.end());
	return v;
}

namespace {

int
refuse(int, size_t, size_t)
{
	return -1;
}

} // namespace

bounds_memory_cap::bounds_memory_cap(uint64_t bytes)
{
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		rte_malloc_socket_stats st;
		if (rte_malloc_get_socket_stats(s, &st) != 0)
			continue;
		uint64_t mapped = 0;
		struct ctx {
			int socket;
			uint64_t *bytes;
		} c{s, &mapped};
		rte_memseg_walk(
			[](const rte_memseg_list *msl, const rte_memseg *ms, void *arg) {
			auto *k = static_cast<ctx *>(arg);
			if (!msl->external && ms->socket_id == k->socket)
				*k->bytes += ms->len;
			return 0;
			},
			&c);
		if (rte_mem_alloc_validator_register("bounds_cap", refuse, s, mapped + bytes) == 0)
			sockets_.push_back(s);
	}
}

bounds_memory_cap::~bounds_memory_cap()
{
	for (int s : sockets_)
		rte_mem_alloc_validator_unregister("bounds_cap", s);
}

std::string
bounds_leak(const fault_footprint &base)
{
	return fault_footprint_diff(base, fault_footprint_now());
}
