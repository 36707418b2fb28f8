/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The messages of the memory attach (eal_mem_attach) and of the page
 * updates (eal_mem_sync) between a primary (eal_mem_attach_serve.cpp) and
 * its secondaries (eal_mem_attach.cpp). Internal; both sides are built
 * from the same sources, and attach_req's layout stamp refuses any other.
 */

#pragma once

#include <stdint.h>
#include <unistd.h>

#include <rte_eal.h>

namespace dpkit::eal_detail::mem_wire {

constexpr char attach_action[] = "eal_mem_attach";
constexpr char sync_action[] = "eal_mem_sync";
constexpr unsigned items_per_reply = 7;
constexpr int attach_timeout_s = 5;

enum item_kind : uint8_t {
	item_config = 1, /* the configuration object */
	item_array,      /* a list's memseg array */
	item_reserve,    /* a list's address range, no descriptor */
	item_pages,      /* a run of used pages of a list */
	item_nofd,       /* used pages without a descriptor: cannot be shared */
	item_unmap,      /* pages the primary gave back (eal_mem_sync) */
};

struct attach_item {
	uint64_t addr;
	uint64_t len;
	uint64_t off; /* in the descriptor */
	uint8_t kind;
	int8_t fd; /* index in the message's fds, -1: none */
	int16_t list;
	uint32_t pad;
};

struct attach_req {
	uint64_t magic;
	uint64_t layout;
	uint32_t cursor;
	uint32_t first_only; /* 1: the configuration object alone */
};

struct attach_rep {
	int32_t err;    /* 0 or an errno */
	uint32_t total; /* items in all */
	uint32_t first; /* index of items[0] */
	uint32_t n;
	attach_item items[items_per_reply];
};

/* eal_mem_sync: pages the primary mapped or gave back */
struct sync_req {
	uint64_t instance; /* the sender's configuration object's */
	uint32_t n;
	uint32_t pad;
	attach_item items[items_per_reply];
};

static_assert(sizeof(sync_req) <= RTE_MP_MAX_PARAM_LEN);
static_assert(sizeof(attach_req) <= RTE_MP_MAX_PARAM_LEN);
static_assert(sizeof(attach_rep) <= RTE_MP_MAX_PARAM_LEN);

/* Close the descriptors of @p m from index @p from on. */
inline void
close_fds(struct rte_mp_msg &m, int from)
{
	for (int i = from; i < m.num_fds; i++)
		if (m.fds[i] >= 0)
			close(m.fds[i]);
}

} // namespace dpkit::eal_detail::mem_wire
