/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mempool_store_autotest: the backing store takes back every object of its
 * pool, whatever the other threads are doing, and a put it refuses anyway
 * (only misuse can cause one) is counted, not silently lost.
 *
 * The RTS ring is the hard case: a dequeue returns before the consumer
 * tail moves past it, so a consumer stopped inside its dequeue keeps the
 * slots of every later dequeue counted as occupied. The tests stop a
 * consumer there with the ring's own inline steps (head moved, tail not
 * yet), which is exactly what a thread preempted at that point leaves
 * behind, and then take and return as much as the ring lets them.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "test.h"
#include "test_mempool_common.h"

using namespace mempool_test;

namespace {

uint64_t
now_ns()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

rte_mempool *
rts_pool(const char *name, unsigned n)
{
	rte_mempool *mp = rte_mempool_create_empty(name, n, 64, 0, 0, SOCKET_ID_ANY, 0);
	if (mp == nullptr)
		return nullptr;
	if (rte_mempool_set_ops_byname(mp, "ring_mt_rts", nullptr) != 0 ||
	    rte_mempool_populate_default(mp) != (int)n) {
		rte_mempool_free(mp);
		return nullptr;
	}
	return mp;
}

/*
 * A consumer stopped inside an RTS dequeue of one object, on a thread of
 * its own: its head move is done, its tail update is not, until release().
 * Built from the ring's inline steps, so it stays in step with them.
 */
class pinned_consumer {
public:
	explicit pinned_consumer(rte_ring *r) : r_(r)
	{
		thread_ = std::thread([this] {
			uint32_t room;
			uint32_t got = __rte_ring_rts_move_head(
				r_, __RTE_RING_CONS, 1, RTE_RING_QUEUE_FIXED, __RTE_RING_ROOM_EXACT,
				&head_, &room);
			pinned_.store(got == 1 ? 1 : -1, std::memory_order_release);
			if (got != 1)
				return;
			while (!go_.load(std::memory_order_acquire))
				std::this_thread::sleep_for(std::chrono::milliseconds(1));
			__rte_ring_copy_out(r_, head_, &obj_, sizeof(void *), 1);
			__rte_ring_rts_update_tail(r_, __RTE_RING_CONS);
		});
		while (pinned_.load(std::memory_order_acquire) == 0)
			std::this_thread::yield();
	}
	~pinned_consumer() { release(); }
	bool pinned() const { return pinned_.load() == 1; }
	/* let the dequeue finish; @return the object it took, straight out of
	 * the ring: give it back with rte_mempool_ops_enqueue_bulk (it never
	 * went through a get: debug cookies and ASan still see it free) */
	void *release()
	{
		go_.store(true, std::memory_order_release);
		if (thread_.joinable())
			thread_.join();
		return obj_;
	}
	/* release after @p ms on another thread (for a caller that blocks) */
	std::thread release_after(unsigned ms)
	{
		return std::thread([this, ms] {
			std::this_thread::sleep_for(std::chrono::milliseconds(ms));
			go_.store(true, std::memory_order_release);
		});
	}

private:
	rte_ring *r_;
	uint32_t head_ = 0;
	void *obj_ = nullptr;
	std::atomic<int> pinned_{0};
	std::atomic<bool> go_{false};
	std::thread thread_;
};

/*
 * The scenario that lost objects: one consumer stopped in a get pins the
 * consumer tail; another thread takes just under htd_max objects and puts
 * them back (the window is now htd_max), then takes all the rest in one
 * get (allowed: the window was not above htd_max) and puts them back. The
 * window is then htd_max + n - 1 slots that still count as occupied: the
 * put must still fit, and once the stopped consumer finishes, every
 * object must be free again.
 */
int
test_mempool_rts_put_never_refused_behind_a_stopped_get(void)
{
	for (unsigned n : {1023u, 1024u, 3000u}) {
		rte_mempool *mp = rts_pool("mp_rts_pin", n);
		TEST_ASSERT_NOT_NULL(mp, "pool of %u: %s", n, rte_strerror(rte_errno));
		auto *r = static_cast<rte_ring *>(mp->pool_data);
		unsigned htd = rte_ring_get_cons_htd_max(r);
		TEST_ASSERT(htd > 1 && htd < n, "htd_max %u for a pool of %u", htd, n);

		std::vector<void *> objs(n);
		uint64_t took_ns;
		{
			pinned_consumer stopped(r);
			TEST_ASSERT(stopped.pinned(), "could not start the stopped get");
			TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs.data(), htd - 1),
					    "get htd_max - 1");
			rte_mempool_put_bulk(mp, objs.data(), htd - 1);
			TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs.data(), n - 1),
					    "get the other %u objects", n - 1);
			uint64_t t0 = now_ns();
			rte_mempool_put_bulk(mp, objs.data(), n - 1);
			took_ns = now_ns() - t0;
			void *obj = stopped.release();
			TEST_ASSERT_NOT_NULL(obj, "the stopped get took nothing");
			TEST_ASSERT_SUCCESS(rte_mempool_ops_enqueue_bulk(mp, &obj, 1), "return it");
		}
		printf("  pool %u, htd_max %u, capacity %u: put of %u behind a stopped get took %.1f ms\n",
		       n, htd, rte_ring_get_capacity(r), n - 1, (double)took_ns / 1e6);
		TEST_ASSERT_EQUAL(mp->store_refused, (uint64_t)0,
				  "pool %u: the store refused objects", n);
		TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), n, "pool %u: objects lost", n);
		std::vector<void *> all = drain(mp);
		TEST_ASSERT(all.size() == n && distinct_and_owned(mp, all),
			    "pool %u: %zu objects back", n, all.size());
		put_all(mp, all);
		rte_mempool_audit(mp);
		rte_mempool_free(mp);
	}
	return TEST_SUCCESS;
}

/*
 * The bound the RTS store is sized for: room for the pool plus the
 * largest consumer window (htd_max + the largest get, which is the pool).
 */
int
test_mempool_rts_store_sized_for_the_window(void)
{
	static char buf[8192] __rte_cache_aligned;
	for (unsigned n : {1u, 2u, 7u, 100u, 1023u, 1024u, 1025u, 4095u, 100000u, 1u << 18}) {
		rte_mempool *mp = rte_mempool_create_empty("mp_rts_size", n, 64, 0, 0,
							   SOCKET_ID_ANY, 0);
		TEST_ASSERT_NOT_NULL(mp, "create_empty %u", n);
		TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "ring_mt_rts", nullptr),
				    "set ops");
		/* a small chunk: creates the store without the memory of the whole pool */
		TEST_ASSERT(rte_mempool_populate_iova(mp, buf, RTE_BAD_IOVA, sizeof(buf), nullptr,
						      nullptr) > 0,
			    "populate %u", n);
		auto *r = static_cast<rte_ring *>(mp->pool_data);
		uint64_t need = 2 * (uint64_t)n + rte_ring_get_cons_htd_max(r);
		TEST_ASSERT(rte_ring_get_capacity(r) >= need,
			    "pool %u: capacity %u < 2 * %u + htd_max %u", n,
			    rte_ring_get_capacity(r), n, rte_ring_get_cons_htd_max(r));
		TEST_ASSERT(rte_ring_get_cons_htd_max(r) >= rte_ring_get_capacity(r) / 8,
			    "pool %u: htd_max %u below the default eighth of %u", n,
			    rte_ring_get_cons_htd_max(r), rte_ring_get_capacity(r));
		rte_mempool_free(mp);
	}
	return TEST_SUCCESS;
}

/*
 * A pool too large for a ring: refused when its store is created, with a
 * clear error, instead of a store sized by an overflowed count (2n + 1 in
 * 32 bits) that drops what does not fit.
 */
int
test_mempool_store_too_large_refused(void)
{
	static char buf[8192] __rte_cache_aligned;
	struct {
		const char *ops;
		unsigned n;
	} cases[] = {
		{"ring_mt_rts", 0x80000005u}, /* 2n + 1 wraps to 11 */
		{"ring_mt_rts", 0x7fffffffu}, /* 2n + 1 wraps to 0xffffffff */
		{"ring_mt_rts", 600000000u},  /* no wrap, but above the largest ring */
		{"ring_mp_mc", 0x80000000u},  /* n + 1 rounds up past 2^31 */
		{"ring_mp_mc", UINT32_MAX},   /* n + 1 wraps to 0 */
		{"ring_sp_sc", 1u << 30},     /* a ring of 2^30 holds 2^30 - 1 */
	};
	for (const auto &c : cases) {
		rte_mempool *mp = rte_mempool_create_empty("mp_too_large", c.n, 64, 0, 0,
							   SOCKET_ID_ANY, 0);
		TEST_ASSERT_NOT_NULL(mp, "create_empty %u: %s", c.n, rte_strerror(rte_errno));
		TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, c.ops, nullptr), "set %s",
				    c.ops);
		int ret = rte_mempool_populate_iova(mp, buf, RTE_BAD_IOVA, sizeof(buf), nullptr,
						    nullptr);
		TEST_ASSERT_EQUAL(ret, -EINVAL, "%s, %u objects: populate", c.ops, c.n);
		TEST_ASSERT_EQUAL(mp->populated_size, 0u, "%s, %u objects", c.ops, c.n);
		TEST_ASSERT(!(mp->flags & RTE_MEMPOOL_F_POOL_CREATED), "%s: a store exists", c.ops);
		rte_mempool_free(mp);
	}
	return TEST_SUCCESS;
}

/* ---- refused puts: counted and visible ---- */

/* More objects than a pool holds, put back (a double put): the store of a
 * ring_mp_mc pool of 7 has room for exactly 7. The extra objects go to the
 * store directly, where every put path ends: through rte_mempool_put a
 * debug build would stop at the cookie check first. */
int
test_mempool_store_refusal_counted(void)
{
	rte_mempool *mp = rte_mempool_create("mp_refused", 7, 64, 0, 0, nullptr, nullptr, nullptr,
					     nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(mp->store_refused, (uint64_t)0, "fresh pool");
	void *objs[7];
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs, 7), "get all");
	rte_mempool_put_bulk(mp, objs, 7);
	/* misuse: these 3 are free already */
	TEST_ASSERT_EQUAL(rte_mempool_ops_enqueue_bulk(mp, objs, 3), -ENOBUFS, "refused");
	TEST_ASSERT_EQUAL(mp->store_refused, (uint64_t)3, "refused objects not counted");

	char *text = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	TEST_ASSERT_NOT_NULL(f, "open_memstream");
	rte_mempool_dump(f, mp);
	fclose(f);
	bool shown = strstr(text, "store_refused=3") != nullptr;
	free(text);
	TEST_ASSERT(shown, "rte_mempool_dump does not show the refused objects");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 7u, "the pool still has its 7");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* rte_mempool_audit() of a pool whose store refused objects stops the
 * process naming the count (child). */
int
refused_audit_child(void)
{
	rte_mempool *mp = rte_mempool_create("mp_refused_audit", 7, 64, 0, 0, nullptr, nullptr,
					     nullptr, nullptr, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	void *obj;
	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &obj), "get");
	rte_mempool_put(mp, obj);
	rte_mempool_ops_enqueue_bulk(mp, &obj, 1); /* a second time */
	rte_mempool_audit(mp);
	printf("audit passed\n");
	return TEST_SUCCESS;
}

int
test_mempool_store_refusal_fails_audit(void)
{
	std::string out;
	const char *argv[] = {"dpkit-test",
			      "--no-huge",
			      "-m",
			      "64",
			      "-l",
			      "0",
			      "--file-prefix=mp_refused_audit",
			      "mempool_refused_audit_child",
			      nullptr};
	int status = test_exec_self_capture(argv, out);
	TEST_ASSERT(status != 0 && out.find("audit passed") == std::string::npos,
		    "audit passed a pool that lost an object (status %d):\n%s", status,
		    out.c_str());
	TEST_ASSERT(out.find("refused 1 object") != std::string::npos,
		    "no message naming the refused object:\n%s", out.c_str());
	return TEST_SUCCESS;
}

/*
 * With the consumer's htd_max raised by hand on a pool's ring, the window
 * can outgrow the room kept for it: a put that finds the ring full then
 * waits for the stopped consumer (here 1.5 s, more than any timeout a
 * put might give up after) instead of dropping objects.
 */
int
test_mempool_rts_put_waits_for_a_stopped_get(void)
{
	const unsigned n = 1023;
	rte_mempool *mp = rts_pool("mp_rts_wait", n);
	TEST_ASSERT_NOT_NULL(mp, "pool: %s", rte_strerror(rte_errno));
	auto *r = static_cast<rte_ring *>(mp->pool_data);
	TEST_ASSERT_SUCCESS(rte_ring_set_cons_htd_max(r, rte_ring_get_capacity(r)),
			    "raise htd_max");

	std::vector<void *> objs(n);
	unsigned rounds = 0;
	uint64_t waited_ns = 0;
	{
		pinned_consumer stopped(r);
		TEST_ASSERT(stopped.pinned(), "could not start the stopped get");
		std::thread releaser;
		/* each round adds n - 1 slots to the window; the put of the
		 * round that overflows the ring waits for the release */
		for (; rounds < 16 && waited_ns == 0; rounds++) {
			TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs.data(), n - 1),
					    "round %u", rounds);
			uint32_t free_slots = rte_ring_free_count(r);
			if (free_slots < n - 1)
				releaser = stopped.release_after(1500);
			uint64_t t0 = now_ns();
			rte_mempool_put_bulk(mp, objs.data(), n - 1);
			if (free_slots < n - 1)
				waited_ns = now_ns() - t0;
		}
		if (releaser.joinable())
			releaser.join();
		void *obj = stopped.release();
		TEST_ASSERT_SUCCESS(rte_mempool_ops_enqueue_bulk(mp, &obj, 1), "return it");
	}
	printf("  htd_max raised to the capacity: the put of round %u waited %.0f ms\n", rounds,
	       (double)waited_ns / 1e6);
	TEST_ASSERT(waited_ns >= 1300000000ULL,
		    "the put did not wait for the stopped get (%llu ns)",
		    (unsigned long long)waited_ns);
	TEST_ASSERT_EQUAL(mp->store_refused, (uint64_t)0, "the store refused objects");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), n, "objects lost");
	rte_mempool_audit(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* The same raised htd_max, a quiet ring and a put it cannot take (misuse):
 * refused and counted at once, no wait for a consumer that is not there. */
int
test_mempool_rts_misuse_refused_without_wait(void)
{
	const unsigned n = 100;
	rte_mempool *mp = rts_pool("mp_rts_misuse", n);
	TEST_ASSERT_NOT_NULL(mp, "pool: %s", rte_strerror(rte_errno));
	auto *r = static_cast<rte_ring *>(mp->pool_data);
	TEST_ASSERT_SUCCESS(rte_ring_set_cons_htd_max(r, rte_ring_get_capacity(r)),
			    "raise htd_max");
	std::vector<void *> objs(n);
	TEST_ASSERT_SUCCESS(rte_mempool_get_bulk(mp, objs.data(), n), "get all");
	rte_mempool_put_bulk(mp, objs.data(), n);
	/* put the same objects again until the ring has no room for them */
	unsigned puts = 0;
	while (rte_ring_free_count(r) >= n && puts < 100) {
		rte_mempool_ops_enqueue_bulk(mp, objs.data(), n);
		puts++;
	}
	TEST_ASSERT_EQUAL(mp->store_refused, (uint64_t)0, "refused while there was room");
	uint64_t t0 = now_ns();
	int ret = rte_mempool_ops_enqueue_bulk(mp, objs.data(), n);
	uint64_t took = now_ns() - t0;
	TEST_ASSERT_EQUAL(ret, -ENOBUFS, "a full store");
	TEST_ASSERT_EQUAL(mp->store_refused, (uint64_t)n, "after %u puts", puts);
	TEST_ASSERT(took < 500000000ULL, "refusing took %llu ms",
		    (unsigned long long)(took / 1000000));
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

const struct unit_test_case store_cases[] = {
	TEST_CASE(test_mempool_rts_store_sized_for_the_window),
	TEST_CASE(test_mempool_rts_put_never_refused_behind_a_stopped_get),
	TEST_CASE(test_mempool_rts_put_waits_for_a_stopped_get),
	TEST_CASE(test_mempool_rts_misuse_refused_without_wait),
	TEST_CASE(test_mempool_store_too_large_refused),
	TEST_CASE(test_mempool_store_refusal_counted),
	TEST_CASE(test_mempool_store_refusal_fails_audit),
	TEST_CASES_END()};

const struct unit_test_suite store_suite = {"mempool store", nullptr, nullptr, store_cases};

int
test_mempool_store(void)
{
	return unit_test_suite_runner(&store_suite);
}

} // namespace

REGISTER_FAST_TEST(mempool_store_autotest, NOHUGE_OK, ASAN_OK, test_mempool_store);
REGISTER_TEST_COMMAND(mempool_refused_audit_child, refused_audit_child);
