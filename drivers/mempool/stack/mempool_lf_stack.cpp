/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * "lf_stack": free objects on a lock-free stack, for pools used by threads
 * that may be preempted (a spinlock holder that is descheduled stalls
 * everyone; a lock-free stack never waits on another thread).
 *
 * The store is a fixed array of nodes, one per object of the pool, and two
 * linked stacks made of them: "used" (nodes that carry a free object) and
 * "spare" (empty nodes). A put takes n spare nodes, writes the objects into
 * them and pushes the chain onto "used"; a get pops n used nodes, reads the
 * objects and pushes the chain onto "spare". Nodes are never freed, so a
 * thread may follow a stale next pointer safely.
 *
 * Each stack head is a {top, tag} pair swapped with one 128-bit compare and
 * swap; the tag counts changes, so a head that went A -> B -> A in between
 * is still seen as changed (the ABA problem). Each stack also has a length:
 * a pop first reserves its n nodes by lowering the length (so it never
 * walks a list too short for it), a push raises the length after linking,
 * so the length never promises nodes that are not there yet.
 */

#include <atomic>
#include <errno.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_pause.h>

/* One line per call: the macro appends the newline. */
#define MEMPOOL_DRV_LOG(level, fmt, ...) RTE_LOG(level, MEMPOOL, fmt "\n", ##__VA_ARGS__)

namespace {

struct node {
	node *next;
	void *obj;
};

struct alignas(16) head {
	node *top;
	uint64_t tag;
};

struct lf_list {
	head h;       /* changed only by cas_head */
	uint64_t len; /* nodes on the list that no pop has reserved */
} __rte_cache_aligned;

struct lf_stack {
	lf_list used;
	lf_list spare;
	node nodes[];
};

static_assert(sizeof(head) == 16, "head must be one 128-bit word");

/* Replace *dst by desired if it still equals *expected; otherwise load the
 * current value into *expected. Full barrier (acquire and release). */
inline bool
cas_head(head *dst, head *expected, head desired)
{
#if defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
	/* gcc would call libatomic for a 16-byte CAS: say it directly */
	bool ok;
	asm volatile("lock cmpxchg16b %1"
		     : "=@ccz"(ok), "+m"(*dst), "+a"(expected->top), "+d"(expected->tag)
		     : "b"(desired.top), "c"(desired.tag)
		     : "memory");
	return ok;
#else
	/* (ThreadSanitizer sees this one, not the asm above) */
	return std::atomic_ref(*dst).compare_exchange_strong(
		*expected, desired, std::memory_order_acq_rel, std::memory_order_acquire);
#endif
}

/* A possibly torn read of the head: good enough as the expected value of
 * cas_head, which checks it whole. */
inline head
read_head(const head *h)
{
	head r;
	r.tag = std::atomic_ref(h->tag).load(std::memory_order_acquire);
	r.top = std::atomic_ref(h->top).load(std::memory_order_acquire);
	return r;
}

void
push_chain(lf_list *l, node *first, node *last, unsigned n)
{
	head old = read_head(&l->h);
	for (;;) {
		std::atomic_ref(last->next).store(old.top, std::memory_order_relaxed);
		if (cas_head(&l->h, &old, head{first, old.tag + 1}))
			break;
	}
	/* pairs with the acquire load of len in reserve(): the nodes are
	 * linked before a pop may count on them */
	std::atomic_ref(l->len).fetch_add(n, std::memory_order_release);
}

bool
reserve(lf_list *l, unsigned n)
{
	uint64_t len = std::atomic_ref(l->len).load(std::memory_order_acquire);
	do {
		if (len < n)
			return false;
	} while (!std::atomic_ref(l->len).compare_exchange_strong(
		len, len - n, std::memory_order_acquire, std::memory_order_acquire));
	return true;
}

/* Pop n nodes already reserved; @return the first, *last = the n-th. */
node *
pop_chain(lf_list *l, unsigned n, node **last)
{
	head old = read_head(&l->h);
	for (;;) {
		/* Walk n nodes. Another thread may change the list meanwhile:
		 * the walk then sees garbage (a short list) and the CAS fails. */
		node *cur = old.top;
		for (unsigned i = 1; cur != nullptr && i < n; i++)
			cur = std::atomic_ref(cur->next).load(std::memory_order_relaxed);
		if (cur == nullptr) {
			rte_pause();
			old = read_head(&l->h);
			continue;
		}
		node *rest = std::atomic_ref(cur->next).load(std::memory_order_relaxed);
		if (cas_head(&l->h, &old, head{rest, old.tag + 1})) {
			*last = cur;
			return old.top;
		}
	}
}

int
lf_alloc(struct rte_mempool *mp)
{
	size_t bytes = sizeof(lf_stack) + (size_t)mp->size * sizeof(node);
	auto *s = static_cast<lf_stack *>(
		rte_zmalloc_socket("MEMPOOL_LF_STACK", bytes, RTE_CACHE_LINE_SIZE, mp->socket_id));
	if (s == nullptr) {
		MEMPOOL_DRV_LOG(ERR, "mempool %s: no memory for a lock-free stack of %u objects",
				mp->name, mp->size);
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	for (uint32_t i = 0; i + 1 < mp->size; i++)
		s->nodes[i].next = &s->nodes[i + 1];
	s->spare.h.top = mp->size != 0 ? &s->nodes[0] : nullptr;
	s->spare.len = mp->size;
	mp->pool_data = s;
	return 0;
}

void
lf_free(struct rte_mempool *mp)
{
	rte_free(mp->pool_data);
	mp->pool_data = nullptr;
}

int
lf_enqueue(struct rte_mempool *mp, void *const *obj_table, unsigned n)
{
	auto *s = static_cast<lf_stack *>(mp->pool_data);
	if (n == 0)
		return 0;
	if (!reserve(&s->spare, n))
		return -ENOBUFS;
	/* n spare nodes counted out, still on the spare list */
	DPKIT_STALL_POINT("mempool.lf_stack.put_reserved");
	node *last;
	node *first = pop_chain(&s->spare, n, &last);
	node *cur = first;
	for (unsigned i = 0; i < n; i++, cur = cur->next)
		cur->obj = obj_table[i];
	/* the objects are in nodes that are on no list */
	DPKIT_STALL_POINT("mempool.lf_stack.put_popped");
	push_chain(&s->used, first, last, n);
	return 0;
}

int
lf_dequeue(struct rte_mempool *mp, void **obj_table, unsigned n)
{
	auto *s = static_cast<lf_stack *>(mp->pool_data);
	if (n == 0)
		return 0;
	if (!reserve(&s->used, n))
		return -ENOENT;
	/* n objects counted out, still on the used list */
	DPKIT_STALL_POINT("mempool.lf_stack.get_reserved");
	node *last;
	node *first = pop_chain(&s->used, n, &last);
	node *cur = first;
	for (unsigned i = 0; i < n; i++, cur = cur->next)
		obj_table[i] = cur->obj;
	/* objects read out of nodes that are on no list */
	DPKIT_STALL_POINT("mempool.lf_stack.get_popped");
	push_chain(&s->spare, first, last, n);
	return 0;
}

unsigned
lf_get_count(const struct rte_mempool *mp)
{
	auto *s = static_cast<const lf_stack *>(mp->pool_data);
	return (unsigned)std::atomic_ref(s->used.len).load(std::memory_order_relaxed);
}

struct rte_mempool_ops ops_lf_stack = {
	.name = "lf_stack",
	.alloc = lf_alloc,
	.free = lf_free,
	.enqueue = lf_enqueue,
	.dequeue = lf_dequeue,
	.get_count = lf_get_count,
	.calc_mem_size = nullptr,
	.populate = nullptr,
	.get_info = nullptr,
	.dequeue_contig_blocks = nullptr,
};

} // namespace

RTE_MEMPOOL_REGISTER_OPS(ops_lf_stack);
