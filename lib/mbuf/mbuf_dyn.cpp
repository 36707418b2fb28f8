/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Registry of dynamic mbuf fields and flags.
 *
 * The registry is one fixed-size record in a memzone (no pointers), created
 * by the first registration, so processes mapping the same memory would
 * share it. It holds a map of which bytes of struct rte_mbuf are free for
 * fields (initially the dynfield1 area), the set of free ol_flags bits
 * (initially RTE_MBUF_F_FIRST_FREE..RTE_MBUF_F_LAST_FREE) and the list of
 * what was registered. A spinlock inside the record serialises changes;
 * a process-local mutex covers creating the record itself.
 *
 * Placement of a field left free: among the free runs of bytes where the
 * field fits once aligned, take the shortest run (ties: lowest offset), so
 * long runs stay available for large fields. A flag takes the lowest free
 * bit.
 */

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <mutex>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>

#include "mbuf_private.h"

namespace {

constexpr const char *zone_name = "rte_mbuf_dyn";
constexpr size_t mbuf_size = sizeof(struct rte_mbuf);
constexpr size_t area_start = offsetof(struct rte_mbuf, dynfield1);
constexpr size_t area_size = sizeof(((struct rte_mbuf *)nullptr)->dynfield1);
constexpr unsigned max_fields = area_size; /* each takes one byte at least */
constexpr unsigned max_flags = 64;

struct field_entry {
	struct rte_mbuf_dynfield params;
	size_t offset;
};

struct flag_entry {
	struct rte_mbuf_dynflag params;
	unsigned int bitnum;
};

struct registry {
	rte_spinlock_t lock;
	uint8_t byte_free[mbuf_size]; /* 1: the byte may hold a dynamic field */
	uint64_t flags_free;          /* bit n set: ol_flags bit n is free */
	unsigned nb_fields;
	unsigned nb_flags;
	field_entry fields[max_fields];
	flag_entry flags[max_flags];
};

std::mutex create_lock; /* only for creating the memzone in this process */

/* The registry, or nullptr when none exists yet. */
registry *
find_registry()
{
	const struct rte_memzone *mz = rte_memzone_lookup(zone_name);
	return mz != nullptr ? static_cast<registry *>(mz->addr) : nullptr;
}

/* The registry, created on first use; nullptr with rte_errno set. */
registry *
get_registry()
{
	std::lock_guard<std::mutex> guard(create_lock);
	registry *r = find_registry();
	if (r != nullptr)
		return r;

	const struct rte_memzone *mz = rte_memzone_reserve(zone_name, sizeof(registry),
							   SOCKET_ID_ANY, 0);
	if (mz == nullptr) {
		int err = rte_errno;
		if (err == EEXIST && (r = find_registry()) != nullptr)
			return r; /* another process made it meanwhile */
		MBUF_LOG(
			ERR,
			"dynamic mbuf fields: cannot reserve the %zu-byte registry memzone (%s); call after rte_eal_init with some memory free",
			sizeof(registry), rte_strerror(err));
		rte_errno = ENOMEM;
		return nullptr;
	}
	r = static_cast<registry *>(mz->addr);
	memset(r, 0, sizeof(*r));
	rte_spinlock_init(&r->lock);
	memset(r->byte_free + area_start, 1, area_size);
	for (uint64_t bit = RTE_MBUF_F_FIRST_FREE; bit <= RTE_MBUF_F_LAST_FREE; bit <<= 1)
		r->flags_free |= bit;
	return r;
}

class registry_guard {
public:
	explicit registry_guard(registry *r) : r_(r) { rte_spinlock_lock(&r_->lock); }
	~registry_guard() { rte_spinlock_unlock(&r_->lock); }
	registry_guard(const registry_guard &) = delete;
	registry_guard &operator=(const registry_guard &) = delete;

private:
	registry *r_;
};

bool
name_fits(const char *name)
{
	return memchr(name, '\0', RTE_MBUF_DYN_NAMESIZE) != nullptr;
}

/* -1 with rte_errno set, after one log line. */
int
fail(int err)
{
	rte_errno = err;
	return -1;
}

field_entry *
find_field(registry *r, const char *name)
{
	for (unsigned i = 0; i < r->nb_fields; i++)
		if (strcmp(r->fields[i].params.name, name) == 0)
			return &r->fields[i];
	return nullptr;
}

flag_entry *
find_flag(registry *r, const char *name)
{
	for (unsigned i = 0; i < r->nb_flags; i++)
		if (strcmp(r->flags[i].params.name, name) == 0)
			return &r->flags[i];
	return nullptr;
}

bool
bytes_free(const registry *r, size_t off, size_t size)
{
	if (off > mbuf_size || size > mbuf_size - off)
		return false;
	for (size_t i = off; i < off + size; i++)
		if (!r->byte_free[i])
			return false;
	return true;
}

/* Best-fit placement; SIZE_MAX when nothing fits. */
size_t
place_field(const registry *r, size_t size, size_t align)
{
	size_t best = SIZE_MAX;
	size_t best_run = SIZE_MAX;
	size_t i = 0;
	while (i < mbuf_size) {
		if (!r->byte_free[i]) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < mbuf_size && r->byte_free[i])
			i++;
		size_t run = i - start;
		size_t at = RTE_ALIGN_CEIL(start, align);
		if (at + size <= i && run < best_run) {
			best = at;
			best_run = run;
		}
	}
	return best;
}

size_t
largest_free_run(const registry *r)
{
	size_t best = 0, cur = 0;
	for (uint8_t byte_free : r->byte_free) {
		cur = byte_free ? cur + 1 : 0;
		best = RTE_MAX(best, cur);
	}
	return best;
}

int
check_field_params(const struct rte_mbuf_dynfield *p, size_t req)
{
	if (p == nullptr) {
		MBUF_LOG(ERR, "dynamic field: params is NULL");
		return fail(EINVAL);
	}
	if (!name_fits(p->name)) {
		MBUF_LOG(ERR,
			 "dynamic field: name is not NUL-terminated within %d bytes; shorten it",
			 RTE_MBUF_DYN_NAMESIZE);
		return fail(ENAMETOOLONG);
	}
	if (p->size == 0 || p->size >= mbuf_size || p->align == 0 || !RTE_IS_POWER_OF_2(p->align) ||
	    p->flags != 0) {
		MBUF_LOG(
			ERR,
			"dynamic field %s: size %zu, align %zu, flags %#x: size must be 1..%zu, align a power of two, flags 0",
			p->name, p->size, p->align, p->flags, mbuf_size - 1);
		return fail(EINVAL);
	}
	/* an offset that cannot hold the field is one that "cannot be used"
	 * (EBUSY), as in DPDK 22.11, like an offset already taken */
	if (req != SIZE_MAX &&
	    (req % p->align != 0 || req >= mbuf_size || p->size > mbuf_size - req)) {
		MBUF_LOG(
			ERR,
			"dynamic field %s: offset %zu is not aligned to %zu or does not leave %zu bytes inside the %zu-byte mbuf",
			p->name, req, p->align, p->size, mbuf_size);
		return fail(EBUSY);
	}
	return 0;
}

int
check_flag_params(const struct rte_mbuf_dynflag *p, unsigned int req)
{
	if (p == nullptr) {
		MBUF_LOG(ERR, "dynamic flag: params is NULL");
		return fail(EINVAL);
	}
	if (!name_fits(p->name)) {
		MBUF_LOG(ERR,
			 "dynamic flag: name is not NUL-terminated within %d bytes; shorten it",
			 RTE_MBUF_DYN_NAMESIZE);
		return fail(ENAMETOOLONG);
	}
	if (p->flags != 0) {
		MBUF_LOG(ERR, "dynamic flag %s: flags %#x must be 0", p->name, p->flags);
		return fail(EINVAL);
	}
	if (req != UINT_MAX && req >= max_flags) {
		MBUF_LOG(ERR, "dynamic flag %s: bit %u is outside the 64-bit ol_flags", p->name,
			 req);
		return fail(EINVAL);
	}
	return 0;
}

} // namespace

extern "C" int
rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params, size_t req)
{
	if (check_field_params(params, req) != 0)
		return -1;
	registry *r = get_registry();
	if (r == nullptr)
		return -1;
	registry_guard guard(r);

	/* 1. a known name: the same request gets the same answer */
	if (field_entry *e = find_field(r, params->name)) {
		bool same = e->params.size == params->size && e->params.align == params->align &&
			    e->params.flags == params->flags &&
			    (req == SIZE_MAX || req == e->offset);
		if (same)
			return static_cast<int>(e->offset);
		MBUF_LOG(
			ERR,
			"dynamic field %s: already registered at offset %zu with size %zu, align %zu; request the same parameters",
			params->name, e->offset, e->params.size, e->params.align);
		return fail(EEXIST);
	}

	/* 2. where it goes */
	size_t off = req;
	if (req != SIZE_MAX) {
		if (!bytes_free(r, req, params->size)) {
			MBUF_LOG(
				ERR,
				"dynamic field %s: bytes %zu..%zu are not all free; let the registry place it (rte_mbuf_dynfield_register)",
				params->name, req, req + params->size - 1);
			return fail(EBUSY);
		}
	} else {
		off = place_field(r, params->size, params->align);
		if (off == SIZE_MAX) {
			MBUF_LOG(
				ERR,
				"dynamic field %s: no free room for %zu bytes aligned to %zu (largest free run %zu bytes)",
				params->name, params->size, params->align, largest_free_run(r));
			return fail(ENOENT);
		}
	}

	/* 3. record it (a field takes >= 1 free byte, so the table has room) */
	field_entry &e = r->fields[r->nb_fields++];
	e.params = *params;
	e.offset = off;
	memset(r->byte_free + off, 0, params->size);
	return static_cast<int>(off);
}

extern "C" int
rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params)
{
	return rte_mbuf_dynfield_register_offset(params, SIZE_MAX);
}

extern "C" int
rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params)
{
	if (name == nullptr) {
		MBUF_LOG(ERR, "dynamic field lookup: name is NULL");
		return fail(EINVAL);
	}
	registry *r = find_registry();
	if (r == nullptr)
		return fail(ENOENT);
	registry_guard guard(r);
	field_entry *e = find_field(r, name);
	if (e == nullptr)
		return fail(ENOENT);
	if (params != nullptr)
		*params = e->params;
	return static_cast<int>(e->offset);
}

extern "C" int
rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params, unsigned int req)
{
	if (check_flag_params(params, req) != 0)
		return -1;
	registry *r = get_registry();
	if (r == nullptr)
		return -1;
	registry_guard guard(r);

	if (flag_entry *e = find_flag(r, params->name)) {
		if (e->params.flags == params->flags && (req == UINT_MAX || req == e->bitnum))
			return static_cast<int>(e->bitnum);
		MBUF_LOG(
			ERR,
			"dynamic flag %s: already registered as bit %u; request the same bit or any (UINT_MAX)",
			params->name, e->bitnum);
		return fail(EEXIST);
	}

	unsigned int bit = req;
	if (req != UINT_MAX) {
		if (!(r->flags_free & (1ULL << req))) {
			MBUF_LOG(
				ERR,
				"dynamic flag %s: ol_flags bit %u is taken or not a dynamic bit (%d..%d); let the registry choose",
				params->name, req, rte_bsf64(RTE_MBUF_F_FIRST_FREE),
				rte_bsf64(RTE_MBUF_F_LAST_FREE));
			return fail(EBUSY);
		}
	} else {
		if (r->flags_free == 0) {
			MBUF_LOG(ERR, "dynamic flag %s: all %d dynamic ol_flags bits are taken",
				 params->name,
				 rte_bsf64(RTE_MBUF_F_LAST_FREE) -
					 rte_bsf64(RTE_MBUF_F_FIRST_FREE) + 1);
			return fail(ENOENT);
		}
		bit = rte_bsf64(r->flags_free);
	}

	flag_entry &e = r->flags[r->nb_flags++];
	e.params = *params;
	e.bitnum = bit;
	r->flags_free &= ~(1ULL << bit);
	return static_cast<int>(bit);
}

extern "C" int
rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params)
{
	return rte_mbuf_dynflag_register_bitnum(params, UINT_MAX);
}

extern "C" int
rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params)
{
	if (name == nullptr) {
		MBUF_LOG(ERR, "dynamic flag lookup: name is NULL");
		return fail(EINVAL);
	}
	registry *r = find_registry();
	if (r == nullptr)
		return fail(ENOENT);
	registry_guard guard(r);
	flag_entry *e = find_flag(r, name);
	if (e == nullptr)
		return fail(ENOENT);
	if (params != nullptr)
		*params = e->params;
	return static_cast<int>(e->bitnum);
}

extern "C" void
rte_mbuf_dyn_dump(FILE *out)
{
	if (out == nullptr)
		out = stdout;
	registry *r = find_registry();
	if (r == nullptr) {
		fprintf(out, "dynamic mbuf fields and flags: none registered\n");
		return;
	}
	registry_guard guard(r);
	fprintf(out, "dynamic mbuf fields (%u):\n", r->nb_fields);
	for (unsigned i = 0; i < r->nb_fields; i++) {
		const field_entry &e = r->fields[i];
		fprintf(out, "  %-40s offset %3zu size %3zu align %3zu\n", e.params.name, e.offset,
			e.params.size, e.params.align);
	}
	fprintf(out, "dynamic mbuf flags (%u):\n", r->nb_flags);
	for (unsigned i = 0; i < r->nb_flags; i++)
		fprintf(out, "  %-40s bit %2u\n", r->flags[i].params.name, r->flags[i].bitnum);

	size_t free_bytes = 0;
	for (uint8_t byte_free : r->byte_free)
		free_bytes += byte_free;
	fprintf(out, "free: %zu field bytes (largest run %zu), %d flag bits (mask %#llx)\n",
		free_bytes, largest_free_run(r), __builtin_popcountll(r->flags_free),
		(unsigned long long)r->flags_free);
}

/* ---- timestamps ---- */

namespace {

int
timestamp_register(const char *flag_name, int *field_offset, uint64_t *flag)
{
	struct rte_mbuf_dynfield field = {};
	strcpy(field.name, RTE_MBUF_DYNFIELD_TIMESTAMP_NAME);
	field.size = sizeof(rte_mbuf_timestamp_t);
	field.align = alignof(rte_mbuf_timestamp_t);
	int off = rte_mbuf_dynfield_register(&field);
	if (off < 0)
		return -1;

	struct rte_mbuf_dynflag fl = {};
	strcpy(fl.name, flag_name);
	int bit = rte_mbuf_dynflag_register(&fl);
	if (bit < 0)
		return -1;

	if (field_offset != nullptr)
		*field_offset = off;
	if (flag != nullptr)
		*flag = 1ULL << bit;
	return 0;
}

} // namespace

extern "C" int
rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag)
{
	return timestamp_register(RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME, field_offset, rx_flag);
}

extern "C" int
rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag)
{
	return timestamp_register(RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME, field_offset, tx_flag);
}
