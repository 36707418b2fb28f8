/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Telemetry commands of the memory part of the EAL, with DPDK 22.11's names
 * and reply keys: /eal/heap_list, /eal/heap_info,<id>, /eal/memzone_list,
 * /eal/memzone_info,<id>. A heap id is its slot in the heap table and a
 * memzone id its slot in the memzone table, as in DPDK. An id that is not
 * a number, or a memzone slot that holds no zone, answers null (DPDK reads
 * outside its tables there).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_telemetry.h>
#include <telemetry_internal.h>

#include "eal_memory_private.h"
#include "malloc_private.h"

using namespace dpkit::eal_detail;

namespace {

struct rd_guard {
	pthread_rwlock_t *l;
	explicit rd_guard(pthread_rwlock_t *lock) : l(lock) { pthread_rwlock_rdlock(l); }
	~rd_guard() { pthread_rwlock_unlock(l); }
};

int
heap_list(const char *, const char *, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (unsigned int id = 0; id < RTE_MAX_HEAPS; id++) {
		malloc_heap &h = mcfg().heaps[id];
		if (h.in_use && h.total_size != 0)
			rte_tel_data_add_array_int(d, static_cast<int>(id));
	}
	return 0;
}

int
heap_info(const char *cmd, const char *params, struct rte_tel_data *d)
{
	unsigned long id;
	if (dpkit_telemetry_param_uint(cmd, params, RTE_MAX_HEAPS - 1, &id) < 0)
		return -EINVAL;
	malloc_heap &h = mcfg().heaps[id];
	struct rte_malloc_socket_stats st;
	memset(&st, 0, sizeof(st));
	if (h.in_use)
		heap_stats(&h, &st);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "Head_id", id); /* DPDK's key, spelling included */
	rte_tel_data_add_dict_string(d, "Name", h.in_use ? h.name : "");
	rte_tel_data_add_dict_u64(d, "Heap_size", st.heap_totalsz_bytes);
	rte_tel_data_add_dict_u64(d, "Free_size", st.heap_freesz_bytes);
	rte_tel_data_add_dict_u64(d, "Alloc_size", st.heap_allocsz_bytes);
	rte_tel_data_add_dict_u64(d, "Greatest_free_size", st.greatest_free_size);
	rte_tel_data_add_dict_u64(d, "Alloc_count", st.alloc_count);
	rte_tel_data_add_dict_u64(d, "Free_count", st.free_count);
	return 0;
}

int
memzone_list(const char *, const char *, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	mem_config &m = mcfg();
	rd_guard g(&m.memzone_lock);
	for (unsigned int i = 0; i < RTE_MAX_MEMZONE; i++)
		if (m.memzone_used[i])
			rte_tel_data_add_array_int(d, static_cast<int>(i));
	return 0;
}

void
add_address(struct rte_tel_data *d, const char *name, const void *addr)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%p", addr);
	rte_tel_data_add_dict_string(d, name, buf);
}

int
memzone_info(const char *cmd, const char *params, struct rte_tel_data *d)
{
	unsigned long id;
	if (dpkit_telemetry_param_uint(cmd, params, RTE_MAX_MEMZONE - 1, &id) < 0)
		return -EINVAL;
	mem_config &m = mcfg();
	rd_guard g(&m.memzone_lock);
	if (!m.memzone_used[id])
		return -ENOENT;
	const rte_memzone mz = m.memzones[id];
	uint64_t page = mz.hugepage_sz != 0 ? mz.hugepage_sz : 4096;
	uintptr_t first = RTE_ALIGN_FLOOR(reinterpret_cast<uintptr_t>(mz.addr), page);
	uintptr_t end = RTE_ALIGN_CEIL(reinterpret_cast<uintptr_t>(mz.addr) + mz.len, page);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "Zone", id);
	rte_tel_data_add_dict_string(d, "Name", mz.name);
	rte_tel_data_add_dict_u64(d, "Length", mz.len);
	add_address(d, "Address", mz.addr);
	rte_tel_data_add_dict_int(d, "Socket", mz.socket_id);
	rte_tel_data_add_dict_u64(d, "Flags", mz.flags);
	rte_tel_data_add_dict_u64(d, "Hugepage_size", page);
	add_address(d, "Hugepage_base", reinterpret_cast<void *>(first));
	rte_tel_data_add_dict_int(d, "Hugepage_used", static_cast<int>((end - first) / page));
	return 0;
}

__attribute__((constructor)) void
register_memory_commands()
{
	rte_telemetry_register_cmd("/eal/memzone_list", memzone_list,
				   "List of memzone index reserved. Takes no parameters");
	rte_telemetry_register_cmd("/eal/memzone_info", memzone_info,
				   "Returns memzone info. Parameters: int mz_id");
	rte_telemetry_register_cmd("/eal/heap_list", heap_list,
				   "List of heap index setup. Takes no parameters");
	rte_telemetry_register_cmd("/eal/heap_info", heap_info,
				   "Returns malloc heap stats. Parameters: int heap_id");
}

} // namespace
