/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * memory_backing_autotest: every mapped page has its own backing, and
 * every page file is removed with its page, when pages move between slots
 * and when two processes use the same file names.
 *
 *  - --single-file-segments: an IOVA-contiguous growth that puts pages in
 *    physical order moves them to other file offsets; after one of them is
 *    released, the next growth must not map an offset still in use.
 *  - --legacy-mem --huge-dir: start-up sorts pages by physical address;
 *    every file is still removed at rte_eal_cleanup.
 *  - --no-shconf --huge-dir: two processes with the same --file-prefix
 *    create files of the same names; neither may take the other's pages.
 *
 * The physical order the EAL sees is chosen with test_hugepages_arrange()
 * (the kernel hands out the hugepage freed last first), so the moves
 * happen on every run; a child that did not get the arranged order says
 * so and is run again. Each child is a dpkit-test started with the
 * options of its case.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_hugepage_order.h"
#include "test_memory_common.h"

namespace {

constexpr size_t kPage = (size_t)2 << 20;
constexpr int kAttempts = 4;

/* The child ran, but not on the page order it was given: run it again. */
const char *const kNotArranged = "child: pages not in the arranged order";

bool
contains(const std::string &s, const char *what)
{
	return s.find(what) != std::string::npos;
}

bool
hugepages_free(unsigned n, std::string &why)
{
	if (test_free_hugepages() < n) {
		why = "fewer than " + std::to_string(n) +
		      " free 2 MB hugepages (HugePages_Free = " +
		      std::to_string(test_free_hugepages()) + ")";
		return false;
	}
	return true;
}

/* Slot of @p addr in its memseg list. */
unsigned
slot_of(const void *addr)
{
	const rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	return (unsigned)(((uintptr_t)addr - (uintptr_t)msl->base_va) / msl->page_sz);
}

const rte_memseg *
seg_at(const rte_memseg_list *msl, unsigned slot)
{
	return rte_mem_virt2memseg(RTE_PTR_ADD(msl->base_va, (size_t)slot * msl->page_sz), msl);
}

/* No two mapped pages of the process share an IOVA or a file offset. */
int
check_pages_distinct(const char *when)
{
	struct seen {
		std::set<rte_iova_t> iova;
		std::set<std::pair<int, size_t>> backing; /* file (dev, inode) folded in fd */
		unsigned pages = 0, dup_iova = 0, dup_backing = 0;
	} s;
	rte_memseg_walk(
		[](const rte_memseg_list *, const rte_memseg *ms, void *arg) {
		auto *k = static_cast<seen *>(arg);
		k->pages++;
		if (!k->iova.insert(ms->iova).second)
			k->dup_iova++;
		size_t off = 0;
		int fd = rte_memseg_get_fd_thread_unsafe(ms);
		if (fd >= 0 && rte_memseg_get_fd_offset_thread_unsafe(ms, &off) == 0) {
			struct stat st;
			int key = fstat(fd, &st) == 0 ? (int)st.st_ino : fd;
			if (!k->backing.insert({key, off}).second)
				k->dup_backing++;
		}
		return 0;
		},
		&s);
	printf("child: %s: %u pages, %u sharing an IOVA, %u sharing a file offset\n", when, s.pages,
	       s.dup_iova, s.dup_backing);
	fflush(stdout); /* a crash after this must not lose it */
	TEST_ASSERT_EQUAL(s.dup_backing, 0u, "%s: two slots map one page of a file", when);
	TEST_ASSERT_EQUAL(s.dup_iova, 0u, "%s: two slots map one physical page", when);
	return TEST_SUCCESS;
}

/* Wait up to 30 s for @p path to exist. */
bool
wait_for_file(const std::string &path)
{
	for (int i = 0; i < 3000; i++) {
		if (access(path.c_str(), F_OK) == 0)
			return true;
		usleep(10 * 1000);
	}
	return false;
}

void
touch_file(const std::string &path)
{
	FILE *f = fopen(path.c_str(), "w");
	if (f != nullptr)
		fclose(f);
}

} // namespace

/* ================= children ============================================= */

/* --single-file-segments: an IOVA-contiguous zone on two pages the kernel
 * gives in descending order, then one page released and one mapped. */
static int
child_single_file_reordered(void)
{
	if (rte_eal_iova_mode() != RTE_IOVA_PA)
		TEST_SKIP("IOVA as VA: the EAL never reorders pages");
	rte_malloc_socket_stats st;
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(rte_socket_id(), &st), "stats");
	if (st.heap_totalsz_bytes != 0)
		TEST_SKIP("the heap already holds %zu bytes: the slots used below are not known",
			  st.heap_totalsz_bytes);
	std::string why;
	std::vector<uint64_t> phys;
	if (test_hugepages_arrange(2, test_page_order::descending, true, &phys, why) < 0)
		TEST_SKIP("%s", why.c_str());

	/* 1. 3 MB IOVA-contiguous: two pages, put in physical order */
	const rte_memzone *mz = rte_memzone_reserve("sfs_contig", 3 << 20, SOCKET_ID_ANY,
						    RTE_MEMZONE_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mz, "contig zone: %s", rte_strerror(rte_errno));
	const rte_memseg_list *msl = rte_mem_virt2memseg_list(mz->addr);
	const unsigned s = slot_of(mz->addr);
	const rte_memseg *a = seg_at(msl, s), *b = seg_at(msl, s + 1);
	TEST_ASSERT(a != nullptr && b != nullptr, "two pages mapped");
	size_t off_a = 0, off_b = 0;
	TEST_ASSERT_SUCCESS(rte_memseg_get_fd_offset(a, &off_a), "offset");
	TEST_ASSERT_SUCCESS(rte_memseg_get_fd_offset(b, &off_b), "offset");
	printf("child: zone in slots %u-%u, file offsets %zu and %zu MB, IOVA 0x%llx 0x%llx "
	       "(arranged 0x%llx 0x%llx)\n",
	       s, s + 1, off_a >> 20, off_b >> 20, (unsigned long long)a->iova,
	       (unsigned long long)b->iova, (unsigned long long)phys[0],
	       (unsigned long long)phys[1]);
	fflush(stdout);
	if (a->iova != phys[1] || b->iova != phys[0] || off_a == (size_t)s * kPage) {
		printf("%s\n", kNotArranged);
		return TEST_SKIPPED;
	}
	if (check_pages_distinct("after the contiguous zone") != TEST_SUCCESS)
		return TEST_FAILED;

	/* 2. a block at the top of the second page keeps it; the first goes */
	unsigned char *keep = (unsigned char *)rte_malloc(nullptr, 64, 0);
	TEST_ASSERT_NOT_NULL(keep, "keep");
	TEST_ASSERT_EQUAL(slot_of(keep), s + 1, "keep block in the second page");
	memset(keep, 0x5c, 64);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free zone");
	TEST_ASSERT_NULL(seg_at(msl, s), "first page given back");
	TEST_ASSERT_NOT_NULL(seg_at(msl, s + 1), "second page kept");

	/* 3. a growth into the freed slot */
	unsigned char *p = (unsigned char *)rte_malloc(nullptr, 3 << 19, 0);
	TEST_ASSERT_NOT_NULL(p, "1.5 MB");
	TEST_ASSERT_EQUAL(slot_of(p), s, "new page in the freed slot");
	if (check_pages_distinct("after the growth into the freed slot") != TEST_SUCCESS)
		return TEST_FAILED;
	memset(p, 0xa5, 3 << 19);
	for (int i = 0; i < 64; i++)
		TEST_ASSERT_EQUAL(keep[i], 0x5c, "keep byte %d overwritten by the new block", i);
	rte_free(p);
	rte_free(keep);
	TEST_ASSERT_SUCCESS(check_pages_distinct("at the end"), "distinct");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_single_file_reordered, child_single_file_reordered);

/* --legacy-mem --huge-dir: pages sorted at start-up; files all removed. */
static int
child_legacy_files(void)
{
	const char *dir = getenv("DPKIT_TEST_HUGE_DIR");
	TEST_ASSERT_NOT_NULL(dir, "DPKIT_TEST_HUGE_DIR");
	std::string prefix = test_own_file_prefix();
	struct moved_count {
		unsigned pages = 0, moved = 0;
	} c;
	rte_memseg_walk(
		[](const rte_memseg_list *msl, const rte_memseg *ms, void *arg) {
		auto *k = static_cast<moved_count *>(arg);
		k->pages++;
		char link[64], target[512];
		snprintf(link, sizeof(link), "/proc/self/fd/%d",
			 rte_memseg_get_fd_thread_unsafe(ms));
		ssize_t n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			return 0;
		target[n] = '\0';
		const char *u = strrchr(target, '_');
		unsigned slot = (unsigned)(((uintptr_t)ms->addr - (uintptr_t)msl->base_va) /
					   msl->page_sz);
		if (u != nullptr && strtoul(u + 1, nullptr, 10) != slot)
			k->moved++;
		return 0;
		},
		&c);
	unsigned files = test_files_with_prefix(dir, prefix);
	printf("child: %u pages, %u in a slot other than their file's number, %u files\n", c.pages,
	       c.moved, files);
	TEST_ASSERT_EQUAL(files, c.pages, "one file per page");
	if (c.moved == 0) {
		printf("%s\n", kNotArranged);
		return TEST_SKIPPED;
	}
	TEST_ASSERT_SUCCESS(rte_eal_cleanup(), "cleanup");
	unsigned left = test_files_with_prefix(dir, prefix);
	printf("child: %u of %u page files left after rte_eal_cleanup\n", left, files);
	TEST_ASSERT_EQUAL(left, 0u, "page files left in %s", dir);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_legacy_files, child_legacy_files);

/* One of two processes with the same prefix, started together: the first
 * to create DPKIT_TEST_SYNC_DIR/role_A is A. A fills a zone; B maps pages
 * of the same file names while A waits; then A checks its zone. */
static int
child_shared_prefix(void)
{
	const char *sync = getenv("DPKIT_TEST_SYNC_DIR");
	TEST_ASSERT_NOT_NULL(sync, "DPKIT_TEST_SYNC_DIR");
	const std::string dir(sync);
	int fd = open((dir + "/role_A").c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	const bool is_a = fd >= 0;
	if (fd >= 0)
		close(fd);
	const char *role = is_a ? "A" : "B";
	const std::string ready = dir + "/A_ready", done = dir + "/B_done";
	const unsigned char mark = is_a ? 'A' : 'B';
	if (!is_a)
		TEST_ASSERT(wait_for_file(ready), "A never got ready");
	const rte_memzone *mz = rte_memzone_reserve(is_a ? "zone_a" : "zone_b", 8 << 20,
						    SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "%s: zone: %s", role, rte_strerror(rte_errno));
	memset(mz->addr, mark, mz->len);
	touch_file(is_a ? ready : done);
	if (is_a)
		TEST_ASSERT(wait_for_file(done), "B never finished");
	size_t changed = 0;
	for (size_t i = 0; i < mz->len; i++)
		changed += ((unsigned char *)mz->addr)[i] != mark;
	printf("child %s: %zu of %zu bytes of its zone changed\n", role, changed, mz->len);
	TEST_ASSERT_EQUAL(changed, (size_t)0, "%s: the other process wrote into our zone", role);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_shared_prefix, child_shared_prefix);

/* ================= parent cases ========================================= */

/* Run @p args until the child got its arranged page order (@p arrange
 * runs before each attempt). @return the last exit code; @p out its output. */
template <typename Arrange>
int
run_arranged(const std::vector<std::string> &args, Arrange arrange, std::string &out,
	     std::string &why)
{
	int rc = -1;
	for (int attempt = 0; attempt < kAttempts; attempt++) {
		if (!arrange(why))
			return -1;
		rc = test_run_child(args, out);
		printf("%s", out.c_str());
		if (!contains(out, kNotArranged))
			return rc;
		printf("(another process took hugepages meanwhile? attempt %d of %d)\n",
		       attempt + 1, kAttempts);
	}
	why = "the kernel did not hand out the arranged page order in " +
	      std::to_string(kAttempts) + " attempts (other processes taking hugepages)";
	return -1;
}

static int
test_backing_single_file_reordered_pages(void)
{
	std::string why, out;
	if (!hugepages_free(64, why))
		TEST_SKIP("%s", why.c_str());
	int rc = run_arranged(
		{"--single-file-segments", "--file-prefix=mb_sfs",
		 "memory_child_single_file_reordered"},
		[](std::string &) { return true; }, out, why);
	if (rc < 0)
		TEST_SKIP("%s", why.c_str());
	if (rc == TEST_SKIPPED && contains(out, "SKIP"))
		TEST_SKIP("child: %s", out.substr(out.find("SKIP")).c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	return TEST_SUCCESS;
}

static int
test_backing_legacy_huge_dir_files_removed(void)
{
	std::string why, out;
	if (!hugepages_free(128, why))
		TEST_SKIP("%s", why.c_str());
	test_hugetlbfs_mount mnt;
	if (mnt.dir.empty())
		TEST_SKIP("%s", mnt.why_not.c_str());
	setenv("DPKIT_TEST_HUGE_DIR", mnt.dir.c_str(), 1);
	for (test_page_order order : {test_page_order::descending, test_page_order::interleaved}) {
		printf("pages given in %s order\n", test_page_order_name(order));
		int rc = run_arranged(
			{"--legacy-mem", "-m", "64", "--huge-dir=" + mnt.dir,
			 "--file-prefix=mb_legacy", "memory_child_legacy_files"},
			[order](std::string &w) {
			return test_hugepages_arrange(32, order, false, nullptr, w) == 0;
			},
			out, why);
		if (rc < 0) {
			unsetenv("DPKIT_TEST_HUGE_DIR");
			TEST_SKIP("%s", why.c_str());
		}
		TEST_ASSERT_EQUAL(rc, 0, "%s: child failed", test_page_order_name(order));
		TEST_ASSERT_EQUAL(test_files_with_prefix(mnt.dir, ""), 2u, "nothing left in %s",
				  mnt.dir.c_str());
	}
	unsetenv("DPKIT_TEST_HUGE_DIR");
	return TEST_SUCCESS;
}

static int
test_backing_no_shconf_same_prefix(void)
{
	std::string why;
	if (!hugepages_free(64, why))
		TEST_SKIP("%s", why.c_str());
	test_hugetlbfs_mount mnt;
	if (mnt.dir.empty())
		TEST_SKIP("%s", mnt.why_not.c_str());
	for (bool single : {false, true}) {
		char sync[] = "/tmp/dpkit-sync-XXXXXX";
		TEST_ASSERT_NOT_NULL(mkdtemp(sync), "mkdtemp");
		setenv("DPKIT_TEST_SYNC_DIR", sync, 1);
		std::vector<std::string> args{"--no-shconf", "--huge-dir=" + mnt.dir,
					      "--socket-limit=64", "--file-prefix=mb_same",
					      "memory_child_shared_prefix"};
		if (single)
			args.insert(args.begin(), "--single-file-segments");
		std::string out_a, out_b;
		int rc_a = -1, rc_b = -1;
		std::thread ta([&] { rc_a = test_run_child(args, out_a); });
		std::thread tb([&] { rc_b = test_run_child(args, out_b); });
		ta.join();
		tb.join();
		unsetenv("DPKIT_TEST_SYNC_DIR");
		for (const char *f : {"/role_A", "/A_ready", "/B_done"})
			unlink((std::string(sync) + f).c_str());
		rmdir(sync);
		printf("%s%s", out_a.c_str(), out_b.c_str());
		TEST_ASSERT_EQUAL(rc_a, 0, "process A (single file: %d)", single);
		TEST_ASSERT_EQUAL(rc_b, 0, "process B (single file: %d)", single);
		TEST_ASSERT_EQUAL(test_files_with_prefix(mnt.dir, ""), 2u, "files left in %s",
				  mnt.dir.c_str());
	}
	return TEST_SUCCESS;
}

static const struct unit_test_case backing_cases[] = {
	TEST_CASE(test_backing_single_file_reordered_pages),
	TEST_CASE(test_backing_legacy_huge_dir_files_removed),
	TEST_CASE(test_backing_no_shconf_same_prefix), TEST_CASES_END()};

static const struct unit_test_suite backing_suite = {"memory backing", nullptr, nullptr,
						     backing_cases};

static int
test_memory_backing(void)
{
	return unit_test_suite_runner(&backing_suite);
}

REGISTER_FAST_TEST(memory_backing_autotest, NOHUGE_OK, ASAN_OK, test_memory_backing);
