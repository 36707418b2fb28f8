/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Telemetry commands of the mempool library.
 *
 * /mempool/list and /mempool/info,<name> answer with DPDK 22.11's keys (an
 * unknown name answers an empty dict, as there). Beyond DPDK:
 *   /dpkit/mempool/chunks,<name>[,<first>]  where the pool's memory is: per
 *       chunk its address, IOVA, length and object count, as parallel arrays
 *       of at most max_chunks entries starting at chunk <first>;
 *   /dpkit/mempool/caches,<name>  how the free objects are spread: the
 *       common store, each lcore cache that holds any, the caches of
 *       non-EAL threads (their number and objects), plus the totals the
 *       exporter turns into pool avail / in-use gauges.
 * Pools are visited with rte_mempool_walk(), which keeps a pool from being
 * freed under the callback. Counts are racy snapshots of a pool in use, as
 * rte_mempool_avail_count() is; the only lock a data-path thread may take
 * is the thread-cache registry's, which it takes when it makes or evicts a
 * cache, not on a get or put that its cache serves.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <vector>

#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_telemetry.h>
#include <telemetry_internal.h>

#include "mempool_private.h"

using dpkit::mempool_detail::thread_cache_totals;
using dpkit::mempool_detail::thread_caches_count;

namespace {

/* Chunks per reply: 4 arrays of this many entries stay well under 16 KB. */
constexpr unsigned int max_chunks = 128;

struct find_arg {
	const char *name;
	int (*fn)(struct rte_mempool *mp, struct rte_tel_data *d, unsigned long first);
	struct rte_tel_data *d;
	unsigned long first;
	int ret;
};

void
find_cb(struct rte_mempool *mp, void *p)
{
	auto *a = static_cast<find_arg *>(p);
	if (a->ret == -ENOENT && strncmp(mp->name, a->name, RTE_MEMPOOL_NAMESIZE) == 0)
		a->ret = a->fn(mp, a->d, a->first);
}

/* Run fn on the pool named name; -ENOENT when there is none. */
int
with_pool(const char *name, int (*fn)(struct rte_mempool *, struct rte_tel_data *, unsigned long),
	  struct rte_tel_data *d, unsigned long first = 0)
{
	find_arg a{name, fn, d, first, -ENOENT};
	rte_mempool_walk(find_cb, &a);
	return a.ret;
}

/* ---- DPDK's commands ---- */

void
list_cb(struct rte_mempool *mp, void *d)
{
	rte_tel_data_add_array_string(static_cast<struct rte_tel_data *>(d), mp->name);
}

int
handle_list(const char *, const char *, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	rte_mempool_walk(list_cb, d);
	return 0;
}

int
add_info(struct rte_mempool *mp, struct rte_tel_data *d, unsigned long)
{
	rte_tel_data_add_dict_string(d, "name", mp->name);
	rte_tel_data_add_dict_u64(d, "pool_id", mp->pool_id);
	rte_tel_data_add_dict_u64(d, "flags", mp->flags);
	rte_tel_data_add_dict_int(d, "socket_id", mp->socket_id);
	rte_tel_data_add_dict_u64(d, "size", mp->size);
	rte_tel_data_add_dict_u64(d, "cache_size", mp->cache_size);
	rte_tel_data_add_dict_u64(d, "elt_size", mp->elt_size);
	rte_tel_data_add_dict_u64(d, "header_size", mp->header_size);
	rte_tel_data_add_dict_u64(d, "trailer_size", mp->trailer_size);
	rte_tel_data_add_dict_u64(d, "private_data_size", mp->private_data_size);
	rte_tel_data_add_dict_int(d, "ops_index", mp->ops_index);
	rte_tel_data_add_dict_u64(d, "populated_size", mp->populated_size);
	const struct rte_memzone *mz = mp->mz;
	if (mz == nullptr)
		return 0;
	rte_tel_data_add_dict_string(d, "mz_name", mz->name);
	rte_tel_data_add_dict_u64(d, "mz_len", mz->len);
	rte_tel_data_add_dict_u64(d, "mz_hugepage_sz", mz->hugepage_sz);
	rte_tel_data_add_dict_int(d, "mz_socket_id", mz->socket_id);
	rte_tel_data_add_dict_u64(d, "mz_flags", mz->flags);
	return 0;
}

int
handle_info(const char *, const char *params, struct rte_tel_data *d)
{
	if (params == nullptr || params[0] == '\0')
		return -EINVAL;
	rte_tel_data_start_dict(d);
	with_pool(params, add_info, d);
	return 0;
}

/* ---- /dpkit/mempool/chunks ---- */

struct chunk {
	uintptr_t start;
	uintptr_t end;
	size_t index; /* position in the reply */
};

struct count_arg {
	std::vector<chunk> *sorted; /* the chunks shown, by address */
	std::vector<uint64_t> *objs;
};

void
count_obj(struct rte_mempool *, void *p, void *obj, unsigned int)
{
	auto *a = static_cast<count_arg *>(p);
	uintptr_t o = reinterpret_cast<uintptr_t>(obj);
	auto it = std::upper_bound(a->sorted->begin(), a->sorted->end(), o,
				   [](uintptr_t v, const chunk &c) { return v < c.start; });
	if (it != a->sorted->begin() && o < (it - 1)->end)
		(*a->objs)[(it - 1)->index]++;
}

/*
 * The chunks [first, first + max_chunks) of mem_list and their object
 * counts. One pass over the objects, each looked up among the chunks shown
 * only: a request costs O(objects x log(max_chunks)), however many chunks
 * the pool has (a --no-huge pool of 1M objects has one per 4 KB page).
 */
void
window(struct rte_mempool *mp, unsigned long first, std::vector<const rte_mempool_memhdr *> &hdrs,
       std::vector<uint64_t> &objs)
{
	std::vector<chunk> sorted;
	const rte_mempool_memhdr *h;
	unsigned long i = 0;
	STAILQ_FOREACH(h, &mp->mem_list, next)
	{
		if (i++ < first)
			continue;
		if (hdrs.size() == max_chunks)
			break;
		uintptr_t a = reinterpret_cast<uintptr_t>(h->addr);
		sorted.push_back(chunk{a, a + h->len, hdrs.size()});
		hdrs.push_back(h);
	}
	objs.assign(hdrs.size(), 0);
	std::sort(sorted.begin(), sorted.end(),
		  [](const chunk &x, const chunk &y) { return x.start < y.start; });
	count_arg ca{&sorted, &objs};
	if (!hdrs.empty())
		rte_mempool_obj_iter(mp, count_obj, &ca);
}

/* Adds the four arrays; the caller frees none of them. */
int
add_chunks(struct rte_mempool *mp, struct rte_tel_data *d, unsigned long first)
{
	std::vector<const rte_mempool_memhdr *> hdrs;
	std::vector<uint64_t> objs;
	window(mp, first, hdrs, objs);

	struct rte_tel_data *arr[4] = {rte_tel_data_alloc(), rte_tel_data_alloc(),
				       rte_tel_data_alloc(), rte_tel_data_alloc()};
	static const char *const keys[4] = {"addr", "iova", "len", "objs"};
	int ret = 0;
	for (auto *a : arr)
		if (a == nullptr)
			ret = -ENOMEM;
	rte_tel_data_add_dict_string(d, "name", mp->name);
	rte_tel_data_add_dict_u64(d, "nb_mem_chunks", mp->nb_mem_chunks);
	rte_tel_data_add_dict_u64(d, "populated_size", mp->populated_size);
	rte_tel_data_add_dict_u64(d, "first", first);
	if (ret == 0) {
		rte_tel_data_start_array(arr[0], RTE_TEL_STRING_VAL);
		for (int i = 1; i < 4; i++)
			rte_tel_data_start_array(arr[i], RTE_TEL_U64_VAL);
		for (size_t i = 0; i < hdrs.size(); i++) {
			char buf[32];
			snprintf(buf, sizeof(buf), "%p", hdrs[i]->addr);
			rte_tel_data_add_array_string(arr[0], buf);
			rte_tel_data_add_array_u64(arr[1], hdrs[i]->iova);
			rte_tel_data_add_array_u64(arr[2], hdrs[i]->len);
			rte_tel_data_add_array_u64(arr[3], objs[i]);
		}
	}
	for (int i = 0; i < 4; i++)
		if (arr[i] != nullptr &&
		    (ret < 0 || rte_tel_data_add_dict_container(d, keys[i], arr[i], 0) < 0))
			rte_tel_data_free(arr[i]);
	return ret;
}

/* "<name>" or "<name>,<first>" */
int
handle_chunks(const char *cmd, const char *params, struct rte_tel_data *d)
{
	if (params == nullptr || params[0] == '\0')
		return -EINVAL;
	char name[RTE_MEMPOOL_NAMESIZE + 1];
	unsigned long first = 0;
	const char *comma = strchr(params, ',');
	size_t n = comma != nullptr ? static_cast<size_t>(comma - params) : strlen(params);
	if (n == 0 || n > RTE_MEMPOOL_NAMESIZE)
		return -EINVAL;
	memcpy(name, params, n);
	name[n] = '\0';
	if (comma != nullptr && dpkit_telemetry_param_uint(cmd, comma + 1, UINT32_MAX, &first) < 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	return with_pool(name, add_chunks, d, first);
}

/* ---- /dpkit/mempool/caches ---- */

int
add_caches(struct rte_mempool *mp, struct rte_tel_data *d, unsigned long)
{
	struct rte_tel_data *ids = rte_tel_data_alloc();
	struct rte_tel_data *lens = rte_tel_data_alloc();
	if (ids == nullptr || lens == nullptr) {
		rte_tel_data_free(ids);
		rte_tel_data_free(lens);
		return -ENOMEM;
	}
	rte_tel_data_start_array(ids, RTE_TEL_INT_VAL);
	rte_tel_data_start_array(lens, RTE_TEL_U64_VAL);
	uint64_t cached = 0;
	for (unsigned int lc = 0; mp->cache_size != 0 && lc < RTE_MAX_LCORE; lc++) {
		uint32_t len = mp->local_cache[lc].len;
		if (len == 0 && !rte_lcore_is_enabled(lc))
			continue;
		cached += len;
		rte_tel_data_add_array_int(ids, static_cast<int>(lc));
		rte_tel_data_add_array_u64(lens, len);
	}
	thread_cache_totals threads{};
	if (mp->cache_size != 0)
		threads = thread_caches_count(mp);
	cached += threads.objects;
	unsigned int avail = rte_mempool_avail_count(mp);
	rte_tel_data_add_dict_string(d, "name", mp->name);
	rte_tel_data_add_dict_u64(d, "size", mp->size);
	rte_tel_data_add_dict_u64(d, "avail_count", avail);
	rte_tel_data_add_dict_u64(d, "in_use_count", mp->size - std::min(avail, mp->size));
	rte_tel_data_add_dict_u64(d, "common_pool_count",
				  avail - std::min<uint64_t>(avail, cached));
	rte_tel_data_add_dict_u64(d, "cached_count", cached);
	rte_tel_data_add_dict_u64(d, "thread_caches", threads.caches);
	rte_tel_data_add_dict_u64(d, "thread_cached_count", threads.objects);
	rte_tel_data_add_dict_u64(d, "cache_size", mp->cache_size);
	if (rte_tel_data_add_dict_container(d, "cache_lcores", ids, 0) < 0)
		rte_tel_data_free(ids);
	if (rte_tel_data_add_dict_container(d, "cache_len", lens, 0) < 0)
		rte_tel_data_free(lens);
	return 0;
}

int
handle_caches(const char *, const char *params, struct rte_tel_data *d)
{
	if (params == nullptr || params[0] == '\0')
		return -EINVAL;
	rte_tel_data_start_dict(d);
	return with_pool(params, add_caches, d);
}

__attribute__((constructor)) void
register_mempool_commands()
{
	rte_telemetry_register_cmd("/mempool/list", handle_list,
				   "Returns list of available mempool. Takes no parameters");
	rte_telemetry_register_cmd("/mempool/info", handle_info,
				   "Returns mempool info. Parameters: pool_name");
	rte_telemetry_register_cmd("/dpkit/mempool/chunks", handle_chunks,
				   "Returns a pool's memory chunks (address, IOVA, length, "
				   "objects). Parameters: pool_name[,first_chunk]");
	rte_telemetry_register_cmd("/dpkit/mempool/caches", handle_caches,
				   "Returns a pool's free objects per lcore cache and in the "
				   "common store. Parameters: pool_name");
}

} // namespace
