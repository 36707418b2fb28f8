/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * How much memory a pool could still get, found without allocating, so
 * that a pool that cannot fit fails at once instead of after mapping (and
 * zeroing) gigabytes of hugepages it must then give back.
 *
 * Free = what the malloc heaps have free now + what they may still map:
 * in dynamic memory mode, the free slots of the memseg lists, bounded per
 * page size by the hugepages the kernel has free. With --legacy-mem or
 * --no-huge the heaps never grow, so only their free bytes count. Memory
 * is dynamic exactly when memory events can be subscribed to, which is how
 * this file finds out with public calls only.
 *
 * The figure is an upper bound (other processes may take hugepages
 * meanwhile, --socket-limit is not known here): when it says "enough",
 * populate may still fail later, and then gives back what it took.
 */

#include <errno.h>
#include <stdio.h>

#include <map>

#include <rte_errno.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "mempool_private.h"

using namespace dpkit::mempool_detail;

namespace {

void
probe_event(enum rte_mem_event event, const void *addr, size_t len, void *arg)
{
	RTE_SET_USED(event);
	RTE_SET_USED(addr);
	RTE_SET_USED(len);
	RTE_SET_USED(arg);
}

bool
memory_is_dynamic()
{
	static int tag; /* a unique argument, so that the probe never clashes */
	if (rte_mem_event_callback_register("mempool-probe", probe_event, &tag) == 0) {
		rte_mem_event_callback_unregister("mempool-probe", &tag);
		return true;
	}
	return rte_errno != ENOTSUP;
}

/* Hugepages of @p page_sz the kernel has free, in bytes. */
uint64_t
kernel_free_hugepages(uint64_t page_sz)
{
	char path[128];
	snprintf(path, sizeof(path), "/sys/kernel/mm/hugepages/hugepages-%llukB/free_hugepages",
		 (unsigned long long)(page_sz >> 10));
	FILE *f = fopen(path, "r");
	if (f == nullptr)
		return 0;
	unsigned long long pages = 0;
	if (fscanf(f, "%llu", &pages) != 1)
		pages = 0;
	fclose(f);
	return pages * page_sz;
}

struct slots_arg {
	int socket_id;
	std::map<uint64_t, uint64_t> free_by_page_size;
};

int
count_free_slots(const struct rte_memseg_list *msl, void *arg)
{
	auto *a = static_cast<slots_arg *>(arg);
	if (msl->external || msl->page_sz == 0)
		return 0;
	if (a->socket_id != SOCKET_ID_ANY && msl->socket_id != a->socket_id)
		return 0;
	uint64_t slots = msl->memseg_arr.len - msl->memseg_arr.count;
	a->free_by_page_size[msl->page_sz] += slots * msl->page_sz;
	return 0;
}

void
add_heap(int socket, memory_view &v)
{
	rte_malloc_socket_stats st;
	if (rte_malloc_get_socket_stats(socket, &st) != 0)
		return;
	v.heap_free += st.heap_freesz_bytes;
	v.largest_block = RTE_MAX(v.largest_block, st.greatest_free_size);
}

} // namespace

memory_view
dpkit::mempool_detail::memory_available(int socket_id)
{
	memory_view v = {};

	/* without hugepages the EAL gives any socket's memory for a socket
	 * id (an external heap's id still means that heap) */
	if (!rte_eal_has_hugepages() && socket_id >= 0 && socket_id < RTE_MAX_NUMA_NODES)
		socket_id = SOCKET_ID_ANY;
	if (socket_id == SOCKET_ID_ANY) {
		for (unsigned i = 0; i < rte_socket_count(); i++)
			add_heap(rte_socket_id_by_idx(i), v);
	} else {
		add_heap(socket_id, v);
	}

	if (rte_eal_has_hugepages() && memory_is_dynamic()) {
		slots_arg a{socket_id, {}};
		rte_memseg_list_walk(count_free_slots, &a);
		for (const auto &[page_sz, bytes] : a.free_by_page_size)
			v.growable += RTE_MIN(bytes, kernel_free_hugepages(page_sz));
	}
	v.free_bytes = v.heap_free + v.growable;
	return v;
}
