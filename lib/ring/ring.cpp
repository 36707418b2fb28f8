/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Ring set-up that is not on the data path: sizing, initialising a ring in
 * caller memory, reset, and dump. The enqueue/dequeue code is all inline in
 * the headers; what is here decides the values it relies on:
 *   size     a power of two, so a free-running 32-bit position becomes a
 *            slot index with "& mask";
 *   capacity at most size - 1 normally, or exactly the count asked for with
 *            RING_F_EXACT_SZ (then size is the next power of two above it);
 *   sync_type of each side, from the flags; RTS sides get htd_max.
 * Validation happens once here so that the inline paths never check.
 */

#include <atomic>
#include <inttypes.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_ring.h>

#include "ring_private.h"

namespace {

constexpr unsigned int prod_flags = RING_F_SP_ENQ | RING_F_MP_RTS_ENQ | RING_F_MP_HTS_ENQ;
constexpr unsigned int cons_flags = RING_F_SC_DEQ | RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ;
constexpr unsigned int known_flags = prod_flags | cons_flags | RING_F_EXACT_SZ;

/* Default RTS head-tail distance: an eighth of the ring. */
constexpr uint32_t htd_max_divisor = 8;

/* Sync mode named by one side's flags (at most one of them is set). */
enum rte_ring_sync_type
side_sync_type(unsigned int side_flags, unsigned int single, unsigned int rts)
{
	if (side_flags & single)
		return RTE_RING_SYNC_ST;
	if (side_flags & rts)
		return RTE_RING_SYNC_MT_RTS;
	if (side_flags == 0)
		return RTE_RING_SYNC_MT;
	return RTE_RING_SYNC_MT_HTS;
}

const char *
sync_name(enum rte_ring_sync_type t)
{
	switch (t) {
	case RTE_RING_SYNC_MT: return "MT";
	case RTE_RING_SYNC_ST: return "ST";
	case RTE_RING_SYNC_MT_RTS: return "MT_RTS";
	case RTE_RING_SYNC_MT_HTS: return "MT_HTS";
	}
	return "invalid";
}

/* Zero every layout of one side's head and tail; keep its mode and htd_max. */
void
reset_side(struct rte_ring_headtail *ht, struct rte_ring_hts_headtail *hts,
	   struct rte_ring_rts_headtail *rts, struct __rte_ring_peer_cache *seen)
{
	ht->head = 0;
	ht->tail = 0;
	hts->ht.raw = 0;
	rts->head.raw = 0;
	rts->tail.raw = 0;
	seen->peer_tail = 0;
}

} // namespace

/* ---- validation shared with ring_registry.cpp ---- */

int
dpkit_ring_check_flags(const char *name, unsigned int flags)
{
	if (flags & ~known_flags) {
		RING_LOG(ERR, "ring %s: unknown flags %#x; use RING_F_* values only", name,
			 flags & ~known_flags);
		return -EINVAL;
	}
	if (!rte_is_power_of_2(flags & prod_flags) && (flags & prod_flags) != 0) {
		RING_LOG(ERR,
			 "ring %s: flags %#x pick more than one producer mode; "
			 "set at most one of RING_F_SP_ENQ, RING_F_MP_RTS_ENQ, RING_F_MP_HTS_ENQ",
			 name, flags);
		return -EINVAL;
	}
	if (!rte_is_power_of_2(flags & cons_flags) && (flags & cons_flags) != 0) {
		RING_LOG(ERR,
			 "ring %s: flags %#x pick more than one consumer mode; "
			 "set at most one of RING_F_SC_DEQ, RING_F_MC_RTS_DEQ, RING_F_MC_HTS_DEQ",
			 name, flags);
		return -EINVAL;
	}
	return 0;
}

int
dpkit_ring_check_esize(const char *name, unsigned int esize)
{
	if (esize == 0 || esize % 4 != 0) {
		RING_LOG(ERR,
			 "ring %s: element size %u is not a non-zero multiple of 4; "
			 "pad the element type",
			 name, esize);
		return -EINVAL;
	}
	return 0;
}

int
dpkit_ring_slot_count(const char *name, unsigned int count, unsigned int flags, uint32_t *size)
{
	if (flags & RING_F_EXACT_SZ) {
		/* the slot array is the next power of two above count */
		if (count == 0 || count >= RTE_RING_SZ_MASK / 2 + 1) {
			RING_LOG(ERR,
				 "ring %s: exact count %u out of range; "
				 "use 1..%u",
				 name, count, RTE_RING_SZ_MASK / 2);
			return -EINVAL;
		}
		*size = rte_align32pow2(count + 1);
		return 0;
	}
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK) {
		RING_LOG(ERR,
			 "ring %s: count %u is not a power of 2 up to %u; "
			 "use one, or pass RING_F_EXACT_SZ",
			 name, count, RTE_RING_SZ_MASK / 2 + 1);
		return -EINVAL;
	}
	*size = count;
	return 0;
}

/* ---- API ---- */

extern "C" ssize_t
rte_ring_get_memsize_elem(unsigned int esize, unsigned int count)
{
	if (esize == 0 || esize % 4 != 0) {
		RING_LOG(ERR,
			 "element size %u is not a non-zero multiple of 4; "
			 "pad the element type",
			 esize);
		return -EINVAL;
	}
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK) {
		RING_LOG(ERR,
			 "ring size %u is not a power of 2 up to %u; "
			 "round it up (or create with RING_F_EXACT_SZ)",
			 count, RTE_RING_SZ_MASK / 2 + 1);
		return -EINVAL;
	}
	size_t bytes = sizeof(struct rte_ring) + (size_t)count * esize;
	return (ssize_t)((bytes + RTE_CACHE_LINE_MASK) & ~(size_t)RTE_CACHE_LINE_MASK);
}

extern "C" ssize_t
rte_ring_get_memsize(unsigned int count)
{
	return rte_ring_get_memsize_elem(sizeof(void *), count);
}

extern "C" int
rte_ring_init(struct rte_ring *r, const char *name, unsigned int count, unsigned int flags)
{
	if (r == nullptr || name == nullptr) {
		RING_LOG(ERR, "rte_ring_init: %s is NULL; pass a ring buffer and a name",
			 r == nullptr ? "ring" : "name");
		return -EINVAL;
	}
	if (strnlen(name, RTE_RING_NAMESIZE) >= RTE_RING_NAMESIZE) {
		RING_LOG(ERR, "ring %.*s...: name longer than %zu chars; use a shorter name",
			 (int)RTE_RING_NAMESIZE - 1, name, RTE_RING_NAMESIZE - 1);
		return -ENAMETOOLONG;
	}
	int ret = dpkit_ring_check_flags(name, flags);
	if (ret != 0)
		return ret;
	uint32_t size;
	ret = dpkit_ring_slot_count(name, count, flags, &size);
	if (ret != 0)
		return ret;

	/* volatile members make the struct non-trivial for C++; it is plain C data */
	memset(static_cast<void *>(r), 0, sizeof(*r));
	strcpy(r->name, name);
	r->flags = (int)flags;
	r->memzone = nullptr;
	r->size = size;
	r->mask = size - 1;
	r->capacity = (flags & RING_F_EXACT_SZ) ? count : size - 1;

	r->prod.sync_type = side_sync_type(flags & prod_flags, RING_F_SP_ENQ, RING_F_MP_RTS_ENQ);
	r->cons.sync_type = side_sync_type(flags & cons_flags, RING_F_SC_DEQ, RING_F_MC_RTS_DEQ);
	if (r->prod.sync_type == RTE_RING_SYNC_MT_RTS)
		r->rts_prod.htd_max = r->capacity / htd_max_divisor;
	if (r->cons.sync_type == RTE_RING_SYNC_MT_RTS)
		r->rts_cons.htd_max = r->capacity / htd_max_divisor;
	return 0;
}

extern "C" void
rte_ring_reset(struct rte_ring *r)
{
	if (r == nullptr)
		return;
	reset_side(&r->prod, &r->hts_prod, &r->rts_prod, &r->prod_seen);
	reset_side(&r->cons, &r->hts_cons, &r->rts_cons, &r->cons_seen);
	/* make the reset visible before the ring is handed to other threads */
	std::atomic_thread_fence(std::memory_order_release);
}

namespace {

void
dump_side(FILE *f, const struct rte_ring *r, enum __rte_ring_side side)
{
	const bool prod = side == __RTE_RING_PROD;
	const struct rte_ring_headtail &ht = prod ? r->prod : r->cons;
	enum rte_ring_sync_type t = ht.sync_type;

	fprintf(f, "  %s: sync=%s", prod ? "prod" : "cons", sync_name(t));
	switch (t) {
	case RTE_RING_SYNC_MT_RTS: {
		const struct rte_ring_rts_headtail &rts = prod ? r->rts_prod : r->rts_cons;
		fprintf(f,
			" head=%" PRIu32 " (ops %" PRIu32 ") tail=%" PRIu32 " (ops %" PRIu32
			") htd_max=%" PRIu32 "\n",
			rts.head.val.pos, rts.head.val.cnt, rts.tail.val.pos, rts.tail.val.cnt,
			rts.htd_max);
		break;
	}
	case RTE_RING_SYNC_MT_HTS: {
		const struct rte_ring_hts_headtail &hts = prod ? r->hts_prod : r->hts_cons;
		fprintf(f, " head=%" PRIu32 " tail=%" PRIu32 "\n", hts.ht.pos.head,
			hts.ht.pos.tail);
		break;
	}
	default: fprintf(f, " head=%" PRIu32 " tail=%" PRIu32 "\n", ht.head, ht.tail); break;
	}
}

} // namespace

extern "C" void
rte_ring_dump(FILE *f, const struct rte_ring *r)
{
	if (f == nullptr)
		f = stdout;
	if (r == nullptr) {
		fprintf(f, "ring <NULL>\n");
		return;
	}
	fprintf(f, "ring <%s>@%p\n", r->name, (const void *)r);
	fprintf(f, "  flags=%#x size=%" PRIu32 " capacity=%" PRIu32 " memzone=%p\n",
		(unsigned int)r->flags, r->size, r->capacity, (const void *)r->memzone);
	dump_side(f, r, __RTE_RING_PROD);
	dump_side(f, r, __RTE_RING_CONS);
	fprintf(f, "  used=%u avail=%u\n", rte_ring_count(r), rte_ring_free_count(r));
}
