/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * malloc_stress_autotest (fast) and malloc_stress_long_autotest (suite
 * long-tests): seeded random sequences of rte_malloc, rte_zmalloc,
 * rte_calloc, rte_realloc, rte_free, rte_memzone_reserve(_aligned,
 * _bounded, IOVA-contiguous) and rte_memzone_free, checked against a
 * shadow model, in every memory mode.
 *
 * The model knows every live block: its size, the alignment, bound and
 * contiguity it was asked with, and the byte pattern written into it. It
 * checks that each result honours its request, that no two live blocks
 * overlap, that contents survive everything else (realloc keeps the
 * common prefix), that a zmalloc'd or calloc'd block is zero, that
 * refusals carry the documented errno, and every 1000 operations that the
 * heap's busy-block count and the memzone count match the model. At the
 * end everything is freed and the footprint (pages, heap bytes and
 * blocks, memzones, fds) must be what it was before.
 *
 * Each mode runs in a child dpkit-test: dynamic, --legacy-mem, --no-huge,
 * --single-file-segments, --in-memory, and two --no-shconf processes with
 * one --file-prefix at once (with a private hugetlbfs mount when root).
 * Before a hugepage child starts, the kernel's free hugepage list is
 * arranged (test_hugepage_order.h) so that the pages it maps come in
 * descending or interleaved physical order; the child reports the layout
 * it saw (VA-adjacent pages whose IOVAs ascend, descend, or jump).
 *
 * The seed is printed; DPKIT_STRESS_SEED=<seed> replays a run, and
 * DPKIT_STRESS_OPS=<n> sets the operations per child.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_bounds.h"
#include "test_hugepage_order.h"
#include "test_memory_common.h"

namespace {

constexpr size_t kKB = 1024, kMB = 1024 * 1024;
/* The model frees before it holds more than this, or more blocks than
 * kLiveBlocks (about a third of them memzones, well below
 * RTE_MAX_MEMZONE; and the periodic check of every live block stays
 * cheap). */
constexpr size_t kLiveBudget = 48 * kMB;
constexpr size_t kLiveBlocks = 2048;
/* Valid requests up to this size must succeed (fragmentation cannot
 * refuse them while the model holds at most kLiveBudget). */
constexpr size_t kMustSucceed = 64 * kKB;

/* the heap blocks and memzones that exist before a run */
unsigned base_blocks, base_zones;

struct block {
	unsigned char *p;
	size_t size;
	uint8_t fill;
	bool zone;
	const rte_memzone *mz;
	std::string name;
};

struct layout_seen {
	unsigned pages = 0, ascending = 0, descending = 0, jumps = 0;
};

class stress {
public:
	stress(uint64_t seed, const char *tag) : rng_(seed), tag_(tag) {}

	int run(uint64_t ops);
	layout_seen layout;
	unsigned refused = 0, done = 0, contig_refused = 0;

private:
	std::mt19937_64 rng_;
	const char *tag_;
	std::map<uintptr_t, block> live_; /* by start address */
	size_t live_bytes_ = 0;
	unsigned zones_ = 0, next_name_ = 0;

	uint64_t pick(uint64_t lo, uint64_t hi) { return lo + rng_() % (hi - lo + 1); }
	size_t pick_size();
	unsigned pick_align();

	int add(unsigned char *p, size_t size, bool zeroed, const rte_memzone *mz,
		const std::string &name, const char *what);
	int check(const block &b, const char *when);
	int drop(std::map<uintptr_t, block>::iterator it);
	int op_malloc();
	int op_realloc();
	int op_zone();
	int check_counts();
	void sample_layout();
};

size_t
stress::pick_size()
{
	switch (rng_() % 16) {
	case 0: return pick(1, 64);
	case 1:
	case 2:
	case 3:
	case 4:
	case 5: return pick(1, 1024);
	case 6:
	case 7:
	case 8:
	case 9: return pick(1 * kKB, 16 * kKB);
	case 10:
	case 11: return pick(16 * kKB, 256 * kKB);
	case 12: return pick(256 * kKB, 2 * kMB);
	case 13: return pick(2 * kMB, 8 * kMB);
	case 14: return (size_t)1 << pick(0, 22); /* powers of two */
	default: return ((size_t)1 << pick(4, 20)) + pick(0, 2) - 1;
	}
}

unsigned
stress::pick_align()
{
	switch (rng_() % 8) {
	case 0:
	case 1:
	case 2: return 0;
	case 3: return 64;
	case 7: return (unsigned)(1u << pick(0, 21));
	default: return (unsigned)(1u << pick(0, 12));
	}
}

int
stress::check(const block &b, const char *when)
{
	const unsigned char *p = b.p;
	/* every byte of small blocks; 64 bytes of every 4 kB page and the
	 * last 64 of large ones (a page mapped twice or lost shows there) */
	if (b.size <= 64 * kKB) {
		for (size_t i = 0; i < b.size; i++)
			TEST_ASSERT_EQUAL(p[i], b.fill,
					  "%s: %s: block %p (%zu bytes) byte %zu changed", tag_,
					  when, (void *)p, b.size, i);
		return TEST_SUCCESS;
	}
	for (size_t off = 0; off < b.size; off += 4 * kKB)
		for (size_t i = off; i < off + 64 && i < b.size; i++)
			TEST_ASSERT_EQUAL(p[i], b.fill,
					  "%s: %s: block %p (%zu bytes) byte %zu changed", tag_,
					  when, (void *)p, b.size, i);
	for (size_t i = b.size - 64; i < b.size; i++)
		TEST_ASSERT_EQUAL(p[i], b.fill, "%s: %s: block %p byte %zu changed", tag_, when,
				  (void *)p, i);
	return TEST_SUCCESS;
}

int
stress::add(unsigned char *p, size_t size, bool zeroed, const rte_memzone *mz,
	    const std::string &name, const char *what)
{
	const uintptr_t s = (uintptr_t)p, e = s + size;
	auto next = live_.lower_bound(s);
	if (next != live_.end())
		TEST_ASSERT(next->first >= e, "%s: %s %p+%zu overlaps live block %p+%zu", tag_,
			    what, (void *)p, size, (void *)next->second.p, next->second.size);
	if (next != live_.begin()) {
		auto prev = std::prev(next);
		TEST_ASSERT(prev->first + prev->second.size <= s,
			    "%s: %s %p+%zu overlaps live "
			    "block %p+%zu",
			    tag_, what, (void *)p, size, (void *)prev->second.p, prev->second.size);
	}
	if (zeroed)
		for (size_t i = 0; i < size; i += (size > 64 * kKB ? 61 : 1))
			TEST_ASSERT_EQUAL(p[i], 0, "%s: %s %p+%zu: byte %zu not zero", tag_, what,
					  (void *)p, size, i);
	block b{p, size, (uint8_t)(rng_() | 1), mz != nullptr, mz, name};
	memset(p, b.fill, size);
	live_[s] = b;
	live_bytes_ += size;
	zones_ += mz != nullptr;
	return TEST_SUCCESS;
}

int
stress::drop(std::map<uintptr_t, block>::iterator it)
{
	block b = it->second;
	if (check(b, "before free") != TEST_SUCCESS)
		return TEST_FAILED;
	live_.erase(it);
	live_bytes_ -= b.size;
	if (b.zone) {
		TEST_ASSERT_EQUAL(rte_memzone_lookup(b.name.c_str()), b.mz, "%s: lookup %s", tag_,
				  b.name.c_str());
		TEST_ASSERT_SUCCESS(rte_memzone_free(b.mz), "%s: memzone_free %s", tag_,
				    b.name.c_str());
		zones_--;
	} else {
		TEST_ASSERT_SUCCESS(rte_malloc_validate(b.p, nullptr), "%s: validate %p", tag_,
				    (void *)b.p);
		rte_free(b.p);
	}
	return TEST_SUCCESS;
}

int
stress::op_malloc()
{
	const int kind = (int)(rng_() % 3); /* malloc, zmalloc, calloc */
	size_t size = pick_size();
	unsigned align = pick_align();
	int socket = rng_() % 4 == 0 ? 0 : SOCKET_ID_ANY;
	size_t num = 1;
	if (kind == 2) {
		num = (size_t)pick(1, 64);
		size = RTE_MAX(size / num, (size_t)1);
	}
	const bool huge = rng_() % 512 == 0; /* a size no heap holds */
	if (huge)
		size = (size_t)1 << pick(47, 62);
	rte_errno = 0;
	void *p = kind == 0   ? rte_malloc_socket("stress", size, align, socket)
		  : kind == 1 ? rte_zmalloc_socket("stress", size, align, socket)
			      : rte_calloc_socket("stress", num, size, align, socket);
	const size_t total = size * num;
	if (p == nullptr) {
		refused++;
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "%s: malloc(%zu x %zu, align %u) errno", tag_,
				  num, size, align);
		TEST_ASSERT(huge || total + align > kMustSucceed,
			    "%s: malloc(%zu, align %u) "
			    "refused with %zu bytes live",
			    tag_, total, align, live_bytes_);
		return TEST_SUCCESS;
	}
	TEST_ASSERT(!huge, "%s: %zu bytes allocated", tag_, total);
	const size_t a = align == 0 ? RTE_CACHE_LINE_SIZE : align;
	TEST_ASSERT_EQUAL((uintptr_t)p % a, (uintptr_t)0, "%s: malloc align %u: %p", tag_, align,
			  p);
	size_t usable = 0;
	TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &usable), "%s: validate", tag_);
	TEST_ASSERT(usable >= total, "%s: usable %zu of %zu", tag_, usable, total);
	return add((unsigned char *)p, total, kind != 0, nullptr, std::string(), "malloc");
}

int
stress::op_realloc()
{
	/* a random live malloc block */
	auto it = live_.lower_bound((uintptr_t)rng_() % ((uintptr_t)1 << 47));
	for (int tries = 0; tries < 4 && (it == live_.end() || it->second.zone); tries++) {
		it = it == live_.end() ? live_.begin() : std::next(it);
	}
	if (it == live_.end() || it->second.zone)
		return TEST_SUCCESS;
	block b = it->second;
	if (check(b, "before realloc") != TEST_SUCCESS)
		return TEST_FAILED;
	const bool huge = rng_() % 256 == 0;
	size_t size = huge ? SIZE_MAX - pick(0, 128) : pick_size();
	unsigned align = rng_() % 4 == 0 ? pick_align() : 0;
	rte_errno = 0;
	unsigned char *q = (unsigned char *)rte_realloc(b.p, size, align);
	if (q == nullptr) {
		refused++;
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "%s: realloc(%zu) errno", tag_, size);
		TEST_ASSERT(huge || size + align > kMustSucceed, "%s: realloc to %zu refused", tag_,
			    size);
		return check(b, "after a refused realloc");
	}
	TEST_ASSERT(!huge, "%s: realloc to %zu succeeded", tag_, size);
	if (align != 0)
		TEST_ASSERT_EQUAL((uintptr_t)q % align, (uintptr_t)0, "%s: realloc align %u", tag_,
				  align);
	const size_t keep = RTE_MIN(size, b.size);
	for (size_t i = 0; i < keep; i += (keep > 64 * kKB ? 4093 : 1))
		TEST_ASSERT_EQUAL(q[i], b.fill, "%s: realloc %zu -> %zu lost byte %zu", tag_,
				  b.size, size, i);
	live_.erase(it);
	live_bytes_ -= b.size;
	return add(q, size, false, nullptr, std::string(), "realloc");
}

int
stress::op_zone()
{
	const std::string name = "st_" + std::to_string(next_name_++);
	size_t len = pick_size();
	if (rng_() % 64 == 0)
		len = 0; /* the largest free block */
	unsigned align = rng_() % 2 ? pick_align() : 0;
	unsigned bound = 0;
	const size_t rounded = RTE_MAX(RTE_ALIGN_CEIL(len, (size_t)64), (size_t)64);
	if (rng_() % 4 == 0 && len != 0 && rounded <= ((size_t)1 << 30))
		bound = (unsigned)rte_align64pow2(rounded) << pick(0, 3);
	const bool contig = rng_() % 4 == 0;
	const unsigned flags = contig ? RTE_MEMZONE_IOVA_CONTIG : 0;
	rte_errno = 0;
	const rte_memzone *mz = bound != 0
					? rte_memzone_reserve_bounded(name.c_str(), len,
								      SOCKET_ID_ANY, flags, align,
								      bound)
					: rte_memzone_reserve_aligned(name.c_str(), len,
								      SOCKET_ID_ANY, flags, align);
	if (mz == nullptr && zones_ + base_zones == RTE_MAX_MEMZONE) {
		refused++;
		TEST_ASSERT_EQUAL(rte_errno, ENOSPC, "%s: memzone with all %d in use: errno", tag_,
				  RTE_MAX_MEMZONE);
		return TEST_SUCCESS;
	}
	if (mz == nullptr) {
		refused++;
		contig_refused += contig;
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "%s: memzone(%zu, align %u, bound %u) errno",
				  tag_, len, align, bound);
		/* a contiguous run, or the largest free block, may not exist */
		TEST_ASSERT(contig || len == 0 || rounded + align + bound > kMustSucceed,
			    "%s: memzone(%zu, align %u, bound %u) refused", tag_, len, align,
			    bound);
		return TEST_SUCCESS;
	}
	const size_t al = RTE_MAX((size_t)align, (size_t)RTE_CACHE_LINE_SIZE);
	TEST_ASSERT_EQUAL((uintptr_t)mz->addr % al, (uintptr_t)0, "%s: zone align %u", tag_, align);
	if (len != 0)
		TEST_ASSERT_EQUAL(mz->len, rounded, "%s: zone length", tag_);
	if (bound != 0)
		TEST_ASSERT_EQUAL((uintptr_t)mz->addr / bound,
				  ((uintptr_t)mz->addr + mz->len - 1) / bound,
				  "%s: zone %zu crosses bound %u", tag_, mz->len, bound);
	if (contig) {
		for (size_t off = 0; off < mz->len; off += 4 * kKB)
			TEST_ASSERT_EQUAL(
				rte_mem_virt2iova(RTE_PTR_ADD(mz->addr, off)), mz->iova + off,
				"%s: zone of %zu not IOVA-contiguous at %zu", tag_, mz->len, off);
	}
	if (mz->len > kLiveBudget) { /* length 0 took a lot: give it back now */
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "%s: free", tag_);
		return TEST_SUCCESS;
	}
	return add((unsigned char *)mz->addr, mz->len, false, mz, name, "memzone");
}

int
stress::check_counts()
{
	rte_malloc_socket_stats st{};
	unsigned busy = 0;
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++)
		if (rte_malloc_get_socket_stats(s, &st) == 0)
			busy += st.alloc_count;
	unsigned zones = 0;
	rte_memzone_walk([](const rte_memzone *, void *arg) { ++*(unsigned *)arg; }, &zones);
	TEST_ASSERT_EQUAL(zones, zones_ + base_zones, "%s: memzones", tag_);
	TEST_ASSERT_EQUAL(busy, (unsigned)live_.size() + base_blocks, "%s: busy heap blocks", tag_);
	return TEST_SUCCESS;
}

void
stress::sample_layout()
{
	layout_seen l;
	rte_memseg_list_walk(
		[](const rte_memseg_list *msl, void *arg) {
		auto *k = static_cast<layout_seen *>(arg);
		if (msl->external)
			return 0;
		const rte_memseg *s = (const rte_memseg *)msl->memseg_arr.data;
		for (unsigned i = 0; i < msl->memseg_arr.len; i++) {
			if (s[i].len == 0)
				continue;
			k->pages++;
			if (i == 0 || s[i - 1].len == 0)
				continue;
			if (s[i].iova == s[i - 1].iova + msl->page_sz)
				k->ascending++;
			else if (s[i].iova + msl->page_sz == s[i - 1].iova)
				k->descending++;
			else
				k->jumps++;
		}
		return 0;
		},
		&l);
	layout.pages = RTE_MAX(layout.pages, l.pages);
	layout.ascending = RTE_MAX(layout.ascending, l.ascending);
	layout.descending = RTE_MAX(layout.descending, l.descending);
	layout.jumps = RTE_MAX(layout.jumps, l.jumps);
}

int
stress::run(uint64_t ops)
{
	for (uint64_t i = 0; i < ops; i++) {
		int r = TEST_SUCCESS;
		unsigned what = (unsigned)(rng_() % 100);
		if (live_bytes_ > kLiveBudget || live_.size() >= kLiveBlocks ||
		    (what < 35 && !live_.empty())) {
			/* free a random live block */
			auto it = live_.lower_bound(
				live_.begin()->first +
				rng_() % (live_.rbegin()->first - live_.begin()->first + 1));
			r = drop(it == live_.end() ? live_.begin() : it);
		} else if (what < 70) {
			r = op_malloc();
		} else if (what < 80) {
			r = op_realloc();
		} else {
			r = op_zone();
		}
		if (r != TEST_SUCCESS)
			return r;
		done++;
		if (i == 99)
			sample_layout(); /* the arranged pages, before churn reorders them */
		if (i % 1000 == 999) {
			if (check_counts() != TEST_SUCCESS)
				return TEST_FAILED;
			sample_layout();
			for (const auto &kv : live_)
				if (check(kv.second, "periodic check") != TEST_SUCCESS)
					return TEST_FAILED;
		}
	}
	sample_layout();
	while (!live_.empty())
		if (drop(live_.begin()) != TEST_SUCCESS)
			return TEST_FAILED;
	return check_counts();
}

} // namespace

/* ================= child ================================================ */

static int
child_malloc_stress(void)
{
	const char *seed_s = getenv("DPKIT_STRESS_SEED"), *ops_s = getenv("DPKIT_STRESS_OPS");
	TEST_ASSERT(seed_s != nullptr && ops_s != nullptr, "DPKIT_STRESS_SEED and _OPS");
	uint64_t seed = strtoull(seed_s, nullptr, 0);
	const uint64_t ops = strtoull(ops_s, nullptr, 0);
	if (const char *pair = getenv("DPKIT_STRESS_PAIR_DIR")) {
		/* two of us at once: the second to get here runs seed + 0x1000 */
		int fd = open((std::string(pair) + "/first").c_str(),
			      O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		else
			seed += 0x1000;
	}
	bounds_memory_cap cap;                     /* dynamic modes: at most 256 MB more */
	void *anchor = rte_malloc(nullptr, 64, 0); /* the heap keeps a page */
	TEST_ASSERT_NOT_NULL(anchor, "anchor");
	rte_malloc_socket_stats st{};
	for (int s = 0; s < RTE_MAX_NUMA_NODES; s++)
		if (rte_malloc_get_socket_stats(s, &st) == 0)
			base_blocks += st.alloc_count;
	rte_memzone_walk([](const rte_memzone *, void *arg) { ++*(unsigned *)arg; }, &base_zones);
	const fault_footprint base = fault_footprint_now();
	char tag[64];
	snprintf(tag, sizeof(tag), "seed 0x%llx", (unsigned long long)seed);
	stress s(seed, tag);
	const uint64_t t0 = (uint64_t)clock();
	int r = s.run(ops);
	const double secs = (double)((uint64_t)clock() - t0) / CLOCKS_PER_SEC;
	printf("child: %s: %u operations (%u refused), %u IOVA-contiguous refused, %.1f s CPU; "
	       "layout: %u pages, VA neighbours with IOVA ascending %u, descending %u, jumping %u\n",
	       tag, s.done, s.refused, s.contig_refused, secs, s.layout.pages, s.layout.ascending,
	       s.layout.descending, s.layout.jumps);
	if (r != TEST_SUCCESS)
		return r;
	std::string leak = bounds_leak(base);
	TEST_ASSERT(leak.empty(), "%s: after everything was freed: %s", tag, leak.c_str());
	rte_free(anchor);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(malloc_stress_child, child_malloc_stress);

/* ================= parent =============================================== */

namespace {

struct mode {
	const char *name;
	std::vector<std::string> args;
	bool hugepages;        /* needs them; the others run anyway */
	test_page_order order; /* presented to the child */
	bool pair;             /* two processes, one prefix, --no-shconf */
};

const mode kModes[] = {
	{"dynamic", {}, true, test_page_order::descending, false},
	{"--legacy-mem", {"--legacy-mem", "-m", "128"}, true, test_page_order::interleaved, false},
	{"--no-huge", {"--no-huge", "-m", "128"}, false, test_page_order::ascending, false},
	{"--single-file-segments",
	 {"--single-file-segments"},
	 true,
	 test_page_order::interleaved,
	 false},
	{"--in-memory", {"--in-memory"}, true, test_page_order::descending, false},
	{"--no-shconf, two processes", {"--no-shconf"}, true, test_page_order::interleaved, true},
};

uint64_t
env_or(const char *name, uint64_t def)
{
	const char *v = getenv(name);
	return v != nullptr && v[0] != '\0' ? strtoull(v, nullptr, 0) : def;
}

struct totals {
	uint64_t ops = 0;
	unsigned descending = 0, jumps = 0, runs = 0;
};

/* Add the numbers a child printed to @p t. */
void
count_child(const std::string &out, totals &t)
{
	for (size_t p = out.find("child: seed"); p != std::string::npos;
	     p = out.find("child: seed", p + 1)) {
		unsigned ops = 0, refused = 0, cref = 0, pages = 0, asc = 0, desc = 0, jumps = 0;
		double secs = 0;
		unsigned long long seed = 0;
		if (sscanf(out.c_str() + p,
			   "child: seed 0x%llx: %u operations (%u refused), %u "
			   "IOVA-contiguous refused, %lf s CPU; layout: %u pages, VA neighbours with "
			   "IOVA ascending %u, descending %u, jumping %u",
			   &seed, &ops, &refused, &cref, &secs, &pages, &asc, &desc, &jumps) == 9) {
			t.ops += ops;
			t.descending += desc;
			t.jumps += jumps;
			t.runs++;
		}
	}
}

int
run_modes(uint64_t ops)
{
	const uint64_t seed = env_or("DPKIT_STRESS_SEED",
				     ((uint64_t)time(nullptr) << 20) ^ (uint64_t)getpid());
	printf("malloc stress: seed 0x%llx, %llu operations per process; replay with "
	       "DPKIT_STRESS_SEED=0x%llx (and DPKIT_STRESS_OPS=%llu)\n",
	       (unsigned long long)seed, (unsigned long long)ops, (unsigned long long)seed,
	       (unsigned long long)ops);
	setenv("DPKIT_STRESS_OPS", std::to_string(ops).c_str(), 1);
	const bool huge = test_free_hugepages() >= 512;
	totals t;
	unsigned skipped = 0;
	for (size_t m = 0; m < RTE_DIM(kModes); m++) {
		const mode &md = kModes[m];
		if (md.hugepages && !huge) {
			printf("%s: skipped: fewer than 512 free 2 MB hugepages\n", md.name);
			skipped++;
			continue;
		}
		std::string why;
		/* one physically contiguous run: VA neighbours then show the order
		 * exactly, and IOVA-contiguous zones can be made by reordering */
		if (md.hugepages && test_hugepages_arrange(32, md.order, true, nullptr, why) < 0)
			printf("%s: pages in the kernel's own order (%s)\n", md.name, why.c_str());
		else if (md.hugepages)
			printf("%s: the next 32 hugepages given as one physical run in %s order\n",
			       md.name, test_page_order_name(md.order));
		std::vector<std::string> args = md.args;
		test_hugetlbfs_mount mnt;
		if (md.pair && !mnt.dir.empty())
			args.push_back("--huge-dir=" + mnt.dir);
		args.push_back(std::string("--file-prefix=mst_") + std::to_string(m));
		args.push_back("malloc_stress_child");
		char seed_s[32];
		snprintf(seed_s, sizeof(seed_s), "0x%llx", (unsigned long long)(seed + m));
		setenv("DPKIT_STRESS_SEED", seed_s, 1);
		std::string out, out2;
		int rc = 0, rc2 = 0;
		if (!md.pair) {
			rc = test_run_child(args, out);
		} else {
			/* both see the same seed: the child that comes second
			 * (DPKIT_STRESS_PAIR_DIR) adds 0x1000 to it */
			char pair[] = "/tmp/dpkit-stress-pair-XXXXXX";
			TEST_ASSERT_NOT_NULL(mkdtemp(pair), "mkdtemp");
			setenv("DPKIT_STRESS_PAIR_DIR", pair, 1);
			std::thread a([&] { rc = test_run_child(args, out); });
			std::thread b([&] { rc2 = test_run_child(args, out2); });
			a.join();
			b.join();
			unsetenv("DPKIT_STRESS_PAIR_DIR");
			unlink((std::string(pair) + "/first").c_str());
			rmdir(pair);
		}
		printf("%s:\n%s%s", md.name, out.c_str(), out2.c_str());
		TEST_ASSERT_EQUAL(rc, 0, "%s: child failed (seed %s)", md.name, seed_s);
		TEST_ASSERT_EQUAL(rc2, 0, "%s: second child failed", md.name);
		count_child(out, t);
		count_child(out2, t);
		if (md.pair && !mnt.dir.empty())
			TEST_ASSERT_EQUAL(test_files_with_prefix(mnt.dir, ""), 2u, "%s: files left",
					  md.name);
	}
	unsetenv("DPKIT_STRESS_SEED");
	unsetenv("DPKIT_STRESS_OPS");
	printf("malloc stress: %u processes, %llu operations checked against the model; "
	       "%u VA-adjacent page pairs seen in descending physical order, %u jumping\n",
	       t.runs, (unsigned long long)t.ops, t.descending, t.jumps);
	if (skipped == RTE_DIM(kModes))
		TEST_SKIP("no memory mode could run");
	return TEST_SUCCESS;
}

} // namespace

static int
test_malloc_stress(void)
{
	return run_modes(env_or("DPKIT_STRESS_OPS", 6000));
}

static int
test_malloc_stress_long(void)
{
	return run_modes(env_or("DPKIT_STRESS_OPS", 1000000));
}

REGISTER_FAST_TEST(malloc_stress_autotest, NOHUGE_OK, ASAN_OK, test_malloc_stress);
REGISTER_LONG_TEST(malloc_stress_long_autotest, NOHUGE_OK, ASAN_OK, test_malloc_stress_long);
