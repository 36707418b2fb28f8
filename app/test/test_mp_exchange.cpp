/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Rings and pools shared by processes. This process (the primary) and two
 * secondaries pass 1,000,000 objects through one ring and one pool: the
 * secondaries take objects from the pool (through the caches of their own
 * lcore ids) and enqueue them, the primary dequeues, checks and puts them
 * back. Every object carries a state word flipped with a compare-and-swap
 * at each hand-over, and a per-producer sequence number, so a lost or
 * duplicated object shows; at the end every object is back in the pool.
 * Also: a pool's handler found by name in a secondary whose handler table
 * is ordered differently.
 */

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char pool_name[] = "mp_x_pool";
constexpr char ring_name[] = "mp_x_ring";
constexpr unsigned pool_size = 4095;
constexpr unsigned cache_size = 32;
constexpr unsigned ring_size = 2048;
constexpr uint64_t total = 1000000;
constexpr uint64_t per_producer = total / 2;
constexpr unsigned burst = 32;

enum : uint32_t { state_free = 0, state_sent = 1 };

struct obj {
	uint32_t state;
	uint32_t producer;
	uint64_t seq;
};

std::atomic_ref<uint32_t>
state_of(obj *o)
{
	return std::atomic_ref<uint32_t>(o->state);
}

/* A secondary: take objects from the pool, stamp them and send them. */
int
produce(uint32_t id)
{
	rte_mempool *mp = rte_mempool_lookup(pool_name);
	rte_ring *r = rte_ring_lookup(ring_name);
	if (mp == nullptr || r == nullptr) {
		printf("producer %u: pool %p ring %p: %s\n", id, (void *)mp, (void *)r,
		       rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	void *objs[burst];
	uint64_t seq = 0, dup = 0;
	while (seq < per_producer) {
		unsigned n = (unsigned)std::min<uint64_t>(burst, per_producer - seq);
		if (rte_mempool_get_bulk(mp, objs, n) != 0) {
			sched_yield(); /* all objects are on their way */
			continue;
		}
		for (unsigned i = 0; i < n; i++) {
			obj *o = static_cast<obj *>(objs[i]);
			uint32_t expect = state_free;
			if (!state_of(o).compare_exchange_strong(expect, state_sent))
				dup++;
			o->producer = id;
			o->seq = seq++;
		}
		unsigned sent = 0;
		while (sent < n) {
			sent += rte_ring_enqueue_burst(r, objs + sent, n - sent, nullptr);
			if (sent < n)
				sched_yield();
		}
	}
	/* the cache of this lcore holds objects of the pool: give them back */
	rte_mempool_cache_flush(rte_mempool_default_cache(mp, rte_lcore_id()), mp);
	printf("producer %u on lcore %u: sent %" PRIu64 ", taken twice %" PRIu64 "\n", id,
	       rte_lcore_id(), seq, dup);
	return dup == 0 ? TEST_SUCCESS : TEST_FAILED;
}

int
mp_child_produce_0(void)
{
	return produce(0);
}
int
mp_child_produce_1(void)
{
	return produce(1);
}

void
clear_state(rte_mempool *, void *, void *o, unsigned)
{
	memset(o, 0, sizeof(obj));
}

void
count_sent(rte_mempool *, void *arg, void *o, unsigned)
{
	if (static_cast<obj *>(o)->state != state_free)
		(*static_cast<unsigned *>(arg))++;
}

int
mp_exchange_1m(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	rte_mempool *mp = rte_mempool_create(pool_name, pool_size, sizeof(obj), cache_size, 0,
					     nullptr, nullptr, clear_state, nullptr, SOCKET_ID_ANY,
					     0);
	TEST_ASSERT_NOT_NULL(mp, "pool: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(std::string(rte_mempool_get_ops(mp->ops_index)->name),
			  std::string("ring_mp_mc"), "default handler");
	rte_ring *r = rte_ring_create(ring_name, ring_size, SOCKET_ID_ANY, 0);
	if (r == nullptr) {
		rte_mempool_free(mp);
		TEST_ASSERT_NOT_NULL(r, "ring: %s", rte_strerror(rte_errno));
	}
	std::string prefix = "--file-prefix=" + mp_prefix_of(dir);
	/* lcore ids of their own, on a CPU this process may use */
	std::string cpu = std::to_string(rte_lcore_to_cpu_id((int)rte_get_main_lcore()));
	mp_child p0, p1;
	int ret = TEST_FAILED;
	uint64_t got = 0, lost_order = 0, bad_state = 0;
	uint64_t next[2] = {0, 0};
	std::string why;
	if (p0.start({"--proc-type=secondary", prefix, "--lcores=40@" + cpu,
		      "mp_child_produce_0"}) < 0 ||
	    p1.start({"--proc-type=secondary", prefix, "--lcores=41@" + cpu,
		      "mp_child_produce_1"}) < 0) {
		why = "spawn";
		goto out;
	}
	{
		struct timespec t0, t;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		void *objs[64], *good[64];
		while (got < total) {
			unsigned n = rte_ring_dequeue_burst(r, objs, 64, nullptr), n_good = 0;
			for (unsigned i = 0; i < n; i++) {
				mp_take_over(mp, objs[i]);
				obj *o = static_cast<obj *>(objs[i]);
				uint32_t expect = state_sent;
				/* a duplicate is counted, not put back twice */
				if (!state_of(o).compare_exchange_strong(expect, state_free) ||
				    o->producer > 1) {
					bad_state++;
					continue;
				}
				if (o->seq != next[o->producer])
					lost_order++;
				next[o->producer] = o->seq + 1;
				good[n_good++] = objs[i];
			}
			if (n_good > 0)
				rte_mempool_put_bulk(mp, good, n_good);
			got += n;
			if (n > 0)
				continue;
			clock_gettime(CLOCK_MONOTONIC, &t);
			if (t.tv_sec - t0.tv_sec > 60) {
				why = "timed out";
				break;
			}
			sched_yield();
		}
	}
	{
		int rc0 = p0.wait(20000), rc1 = p1.wait(20000);
		printf("%s%s", p0.output().c_str(), p1.output().c_str());
		if (rc0 != 0 || rc1 != 0) {
			why = "a producer failed";
			goto out;
		}
	}
	if (why.empty())
		ret = TEST_SUCCESS;
out:
	rte_mempool_cache_flush(rte_mempool_default_cache(mp, rte_lcore_id()), mp);
	unsigned avail = rte_mempool_avail_count(mp), sent_left = 0;
	rte_mempool_obj_iter(mp, count_sent, &sent_left);
	unsigned in_ring = rte_ring_count(r);
	printf("received %" PRIu64 ", out of order %" PRIu64 ", bad state %" PRIu64
	       ", pool avail %u of %u, still marked sent %u, left in ring %u\n",
	       got, lost_order, bad_state, avail, pool_size, sent_left, in_ring);
	rte_ring_free(r);
	rte_mempool_free(mp);
	TEST_ASSERT_EQUAL(ret, TEST_SUCCESS, "%s", why.c_str());
	TEST_ASSERT_EQUAL(got, total, "objects received");
	TEST_ASSERT_EQUAL(lost_order + bad_state, 0ull, "lost, duplicated or corrupted");
	TEST_ASSERT_EQUAL(avail, pool_size, "objects not back in the pool");
	TEST_ASSERT_EQUAL(sent_left + in_ring, 0u, "objects still on their way");
	return TEST_SUCCESS;
}

/* ---- handlers resolved by name ---- */

constexpr char ops_a[] = "mp_test_ops_a"; /* both processes, other indexes */
constexpr char ops_b[] = "mp_test_ops_b"; /* the secondary only */
constexpr char ops_c[] = "mp_test_ops_c"; /* the primary only */

/* A copy of ring_mp_mc under another name. */
int
register_copy(const char *name)
{
	for (uint32_t i = 0; i < rte_mempool_ops_table.num_ops; i++)
		if (strcmp(rte_mempool_ops_table.ops[i].name, name) == 0)
			return (int)i; /* from an earlier run in this process */
	for (uint32_t i = 0; i < rte_mempool_ops_table.num_ops; i++) {
		if (strcmp(rte_mempool_ops_table.ops[i].name, "ring_mp_mc") != 0)
			continue;
		struct rte_mempool_ops o = rte_mempool_ops_table.ops[i];
		snprintf(o.name, sizeof(o.name), "%s", name);
		return rte_mempool_register_ops(&o);
	}
	return -ENOENT;
}

int
mp_child_ops(void)
{
	int b = register_copy(ops_b), a = register_copy(ops_a);
	printf("secondary: %s at %d, %s at %d\n", ops_b, b, ops_a, a);
	rte_mempool *mp = rte_mempool_lookup("mp_ops_a");
	if (mp == nullptr) {
		printf("lookup mp_ops_a: %s\n", rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	const char *name = rte_mempool_get_ops(mp->ops_index)->name;
	void *o = nullptr;
	int got = rte_mempool_get(mp, &o);
	if (got == 0)
		rte_mempool_put(mp, o);
	printf("pool mp_ops_a: index %d is %s here, get %d\n", mp->ops_index, name, got);
	rte_mempool *mc = rte_mempool_lookup("mp_ops_c");
	printf("pool mp_ops_c: %s (%s)\n", mc == nullptr ? "refused" : "found",
	       mc == nullptr ? rte_strerror(rte_errno) : "-");
	return strcmp(name, ops_a) == 0 && got == 0 && mc == nullptr ? TEST_SUCCESS : TEST_FAILED;
}

int
mp_ops_by_name(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	int a = register_copy(ops_a), c = register_copy(ops_c);
	TEST_ASSERT(a >= 0 && c >= 0, "register: %d %d", a, c);
	rte_mempool *pa = rte_mempool_create_empty("mp_ops_a", 63, 64, 0, 0, SOCKET_ID_ANY, 0);
	rte_mempool *pc = rte_mempool_create_empty("mp_ops_c", 63, 64, 0, 0, SOCKET_ID_ANY, 0);
	int ret = TEST_FAILED;
	std::string out;
	if (pa != nullptr && pc != nullptr && rte_mempool_set_ops_byname(pa, ops_a, nullptr) == 0 &&
	    rte_mempool_set_ops_byname(pc, ops_c, nullptr) == 0 &&
	    rte_mempool_populate_default(pa) > 0 && rte_mempool_populate_default(pc) > 0) {
		int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir),
				 "--lcores=42@" + std::to_string(rte_lcore_to_cpu_id(
							  (int)rte_get_main_lcore())),
				 "mp_child_ops"},
				out);
		printf("%s", out.c_str());
		if (rc == 0)
			ret = TEST_SUCCESS;
	}
	unsigned avail = pa != nullptr ? rte_mempool_avail_count(pa) : 0;
	rte_mempool_free(pa);
	rte_mempool_free(pc);
	TEST_ASSERT_EQUAL(ret, TEST_SUCCESS, "secondary: %s", out.c_str());
	TEST_ASSERT_EQUAL(avail, 63u, "the secondary's put did not come back");
	/* the secondary had ops_a one index further: it must have moved it */
	char want[96];
	snprintf(want, sizeof(want), "index %d is %s here", a, ops_a);
	TEST_ASSERT(out.find(want) != std::string::npos, "no '%s' in: %s", want, out.c_str());
	TEST_ASSERT(out.find("is not registered in this process") != std::string::npos,
		    "a pool of a handler the secondary lacks: %s", out.c_str());
	return TEST_SUCCESS;
}

// clang-format off
const struct unit_test_case exchange_cases[] = {
	TEST_CASE(mp_exchange_1m),
	TEST_CASE(mp_ops_by_name),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite exchange_suite = {"multi-process: shared rings and pools", nullptr,
					       nullptr, exchange_cases};

int
test_mp_exchange(void)
{
	return unit_test_suite_runner(&exchange_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_exchange_autotest, NOHUGE_OK, ASAN_OK, test_mp_exchange);
REGISTER_TEST_COMMAND(mp_child_produce_0, mp_child_produce_0);
REGISTER_TEST_COMMAND(mp_child_produce_1, mp_child_produce_1);
REGISTER_TEST_COMMAND(mp_child_ops, mp_child_ops);
