/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * "stack": free objects in an array used as a stack, under a spinlock.
 * Last freed, first handed out: the object most likely still in the CPU
 * caches is reused first, which helps pools without per-lcore caches.
 */

#include <atomic>
#include <errno.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_spinlock.h>

/* One line per call: the macro appends the newline. */
#define MEMPOOL_DRV_LOG(level, fmt, ...) RTE_LOG(level, MEMPOOL, fmt "\n", ##__VA_ARGS__)

namespace {

struct locked_stack {
	rte_spinlock_t lock;
	uint32_t size;
	uint32_t len; /* written under the lock; read without it by get_count */
	void *objs[];
};

int
stack_alloc(struct rte_mempool *mp)
{
	size_t bytes = sizeof(locked_stack) + (size_t)mp->size * sizeof(void *);
	auto *s = static_cast<locked_stack *>(
		rte_zmalloc_socket("MEMPOOL_STACK", bytes, RTE_CACHE_LINE_SIZE, mp->socket_id));
	if (s == nullptr) {
		MEMPOOL_DRV_LOG(ERR, "mempool %s: no memory for a stack of %u objects", mp->name,
				mp->size);
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	rte_spinlock_init(&s->lock);
	s->size = mp->size;
	mp->pool_data = s;
	return 0;
}

void
stack_free(struct rte_mempool *mp)
{
	rte_free(mp->pool_data);
	mp->pool_data = nullptr;
}

int
stack_enqueue(struct rte_mempool *mp, void *const *obj_table, unsigned n)
{
	auto *s = static_cast<locked_stack *>(mp->pool_data);
	rte_spinlock_lock(&s->lock);
	uint32_t len = s->len;
	if (n > s->size - len) {
		rte_spinlock_unlock(&s->lock);
		return -ENOBUFS;
	}
	for (unsigned i = 0; i < n; i++)
		s->objs[len + i] = obj_table[i];
	/* a lock holder preempted: every other thread waits */
	DPKIT_STALL_POINT("mempool.stack.locked");
	std::atomic_ref(s->len).store(len + n, std::memory_order_relaxed);
	rte_spinlock_unlock(&s->lock);
	return 0;
}

int
stack_dequeue(struct rte_mempool *mp, void **obj_table, unsigned n)
{
	auto *s = static_cast<locked_stack *>(mp->pool_data);
	rte_spinlock_lock(&s->lock);
	uint32_t len = s->len;
	if (n > len) {
		rte_spinlock_unlock(&s->lock);
		return -ENOENT;
	}
	/* top of the stack first */
	for (unsigned i = 0; i < n; i++)
		obj_table[i] = s->objs[len - 1 - i];
	std::atomic_ref(s->len).store(len - n, std::memory_order_relaxed);
	rte_spinlock_unlock(&s->lock);
	return 0;
}

unsigned
stack_get_count(const struct rte_mempool *mp)
{
	auto *s = static_cast<const locked_stack *>(mp->pool_data);
	return std::atomic_ref(s->len).load(std::memory_order_relaxed);
}

struct rte_mempool_ops ops_stack = {
	.name = "stack",
	.alloc = stack_alloc,
	.free = stack_free,
	.enqueue = stack_enqueue,
	.dequeue = stack_dequeue,
	.get_count = stack_get_count,
	.calc_mem_size = nullptr,
	.populate = nullptr,
	.get_info = nullptr,
	.dequeue_contig_blocks = nullptr,
};

} // namespace

RTE_MEMPOOL_REGISTER_OPS(ops_stack);
