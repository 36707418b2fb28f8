/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Telemetry commands of the ring library (beyond DPDK 22.11, with the keys
 * DPDK later gave its /ring commands): /dpkit/ring/list and
 * /dpkit/ring/info,<name>. Both read the ring list under the tailq read
 * lock, which rte_ring_free() takes for writing before the ring's memory
 * goes, so a ring is never read after it is freed. The counts are a racy
 * snapshot of a ring in use, as rte_ring_count() is.
 */

#include <errno.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_eal_memconfig.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_tailq.h>
#include <rte_telemetry.h>

namespace {

TAILQ_HEAD(ring_list_head, rte_tailq_entry);

ring_list_head *
rings()
{
	return RTE_TAILQ_LOOKUP(RTE_TAILQ_RING_NAME, ring_list_head);
}

struct read_guard {
	read_guard() { rte_mcfg_tailq_read_lock(); }
	~read_guard() { rte_mcfg_tailq_read_unlock(); }
};

int
ring_list(const char *, const char *, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	ring_list_head *head = rings();
	if (head == nullptr)
		return 0;
	read_guard g;
	rte_tailq_entry *te;
	TAILQ_FOREACH(te, head, next)
	rte_tel_data_add_array_string(d, static_cast<rte_ring *>(te->data)->name);
	return 0;
}

const char *
sync_name(enum rte_ring_sync_type t, bool prod)
{
	switch (t) {
	case RTE_RING_SYNC_MT: return prod ? "MP" : "MC";
	case RTE_RING_SYNC_ST: return prod ? "SP" : "SC";
	case RTE_RING_SYNC_MT_RTS: return prod ? "MP_RTS" : "MC_RTS";
	case RTE_RING_SYNC_MT_HTS: return prod ? "MP_HTS" : "MC_HTS";
	default: return "unknown";
	}
}

void
add_ring(struct rte_tel_data *d, const rte_ring *r)
{
	rte_tel_data_add_dict_string(d, "name", r->name);
	rte_tel_data_add_dict_int(d, "flags", r->flags);
	rte_tel_data_add_dict_string(d, "producer_type", sync_name(r->prod.sync_type, true));
	rte_tel_data_add_dict_string(d, "consumer_type", sync_name(r->cons.sync_type, false));
	rte_tel_data_add_dict_u64(d, "size", r->size);
	rte_tel_data_add_dict_u64(d, "mask", r->mask);
	rte_tel_data_add_dict_u64(d, "capacity", r->capacity);
	rte_tel_data_add_dict_u64(d, "used_count", rte_ring_count(r));
	rte_tel_data_add_dict_u64(d, "free_count", rte_ring_free_count(r));
	const rte_memzone *mz = r->memzone;
	if (mz == nullptr)
		return;
	rte_tel_data_add_dict_string(d, "mz_name", mz->name);
	rte_tel_data_add_dict_u64(d, "mz_len", mz->len);
	rte_tel_data_add_dict_u64(d, "mz_hugepage_sz", mz->hugepage_sz);
	rte_tel_data_add_dict_int(d, "mz_socket_id", mz->socket_id);
	rte_tel_data_add_dict_u64(d, "mz_flags", mz->flags);
}

int
ring_info(const char *, const char *params, struct rte_tel_data *d)
{
	if (params == nullptr || params[0] == '\0')
		return -EINVAL;
	ring_list_head *head = rings();
	if (head == nullptr)
		return -ENOENT;
	read_guard g;
	rte_tailq_entry *te;
	TAILQ_FOREACH(te, head, next)
	{
		auto *r = static_cast<const rte_ring *>(te->data);
		if (strncmp(params, r->name, RTE_RING_NAMESIZE) == 0) {
			rte_tel_data_start_dict(d);
			add_ring(d, r);
			return 0;
		}
	}
	return -ENOENT;
}

__attribute__((constructor)) void
register_ring_commands()
{
	rte_telemetry_register_cmd("/dpkit/ring/list", ring_list,
				   "Returns the names of the rings. Takes no parameters");
	rte_telemetry_register_cmd("/dpkit/ring/info", ring_info,
				   "Returns a ring's state and counts. Parameters: ring name");
}

} // namespace
