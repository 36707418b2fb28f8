/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * memory_modes_autotest: behaviours that depend on EAL memory options, each
 * checked in a child dpkit-test started with those options (rte_eal_init
 * runs once per process). The children are the memory_child_* commands
 * below; the parent checks their exit status and captured output, and what
 * they leave behind (hugepages, files). Every child is bounded (-m,
 * --socket-limit) so it never takes the machine's shared hugepages.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test.h"
#include "test_memory_common.h"

namespace {

constexpr size_t kMB = (size_t)1 << 20;

int
run_child(std::vector<std::string> args, std::string &out)
{
	return test_run_child(args, out);
}

bool
contains(const std::string &s, const char *what)
{
	return s.find(what) != std::string::npos;
}

unsigned
count_lines_with(const std::string &s, const char *what)
{
	unsigned n = 0;
	for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1))
		n++;
	return n;
}

bool
hugepages_usable(std::string &why)
{
	if (test_free_hugepages() < 64) {
		why = "fewer than 64 free 2 MB hugepages (HugePages_Free = " +
		      std::to_string(test_free_hugepages()) + ")";
		return false;
	}
	return true;
}

} // namespace

/* ================= children (run by name in a child process) ============ */

static int
child_nohuge_locked(void)
{
	long lck = test_status_kb("VmLck");
	printf("child: VmLck %ld kB, IOVA as %s\n", lck,
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	TEST_ASSERT(lck >= 64 * 1024, "VmLck %ld kB, want the 64 MB of -m", lck);
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), (uint64_t)64 * kMB, "64 MB mapped");
	if (rte_eal_iova_mode() != RTE_IOVA_PA)
		return TEST_SUCCESS;
	/* IOVA stable: what the memsegs say still matches pagemap after the
	 * memory has been used hard */
	const rte_memzone *mz = rte_memzone_reserve("nohuge_use", 32 * kMB, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "zone");
	for (int round = 0; round < 3; round++)
		memset(mz->addr, round, mz->len);
	unsigned bad = 0, pages = 0;
	struct ctx {
		unsigned *bad, *pages;
	} c{&bad, &pages};
	rte_memseg_walk(
		[](const rte_memseg_list *, const rte_memseg *ms, void *arg) {
		auto *k = static_cast<ctx *>(arg);
		(*k->pages)++;
		if (ms->iova != rte_mem_virt2phy(ms->addr))
			(*k->bad)++;
		return 0;
		},
		&c);
	printf("child: %u pages, %u with a moved IOVA\n", pages, bad);
	TEST_ASSERT_EQUAL(bad, 0u, "pages whose physical address moved");
	TEST_ASSERT_EQUAL(pages, 16384u, "64 MB of 4 kB pages");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_nohuge_locked, child_nohuge_locked);

static int
child_nohuge_unlocked(void)
{
	printf("child: VmLck %ld kB, IOVA as %s\n", test_status_kb("VmLck"),
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	TEST_ASSERT_EQUAL(rte_eal_iova_mode(), RTE_IOVA_VA, "unlocked memory: IOVA as VA");
	void *p = rte_malloc(nullptr, 1000, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc works unlocked");
	TEST_ASSERT_EQUAL(rte_mem_virt2iova(p), (rte_iova_t)(uintptr_t)p, "IOVA is VA");
	rte_free(p);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_nohuge_unlocked, child_nohuge_unlocked);

/* Use memory, then clean up here and check nothing is left. */
static int
child_cleanup(void)
{
	const char *dir = getenv("DPKIT_TEST_HUGE_DIR");
	std::string prefix = test_own_file_prefix();
	void *p = rte_malloc(nullptr, 16 * kMB, 0);
	const rte_memzone *mz = rte_memzone_reserve("cleanup_zone", 8 * kMB, SOCKET_ID_ANY, 0);
	TEST_ASSERT(p != nullptr && mz != nullptr, "allocations");
	long during = test_status_kb("HugetlbPages");
	unsigned files = dir ? test_files_with_prefix(dir, prefix) : 0;
	printf("child: HugetlbPages %ld kB, %u files named %s* in use\n", during, files,
	       prefix.c_str());
	TEST_ASSERT(during >= 24 * 1024, "hugepages in use %ld kB", during);
	TEST_ASSERT_SUCCESS(rte_eal_cleanup(), "cleanup");
	long after = test_status_kb("HugetlbPages");
	unsigned files_after = dir ? test_files_with_prefix(dir, prefix) : 0;
	printf("child: after cleanup HugetlbPages %ld kB, %u files\n", after, files_after);
	TEST_ASSERT_EQUAL(after, 0L, "hugepages still mapped after cleanup");
	TEST_ASSERT_EQUAL(files_after, 0u, "files left in %s", dir ? dir : "-");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_cleanup, child_cleanup);

/* --huge-dir: one file per page (or per list), gone when the page goes. */
static int
child_files(void)
{
	const char *dir = getenv("DPKIT_TEST_HUGE_DIR");
	TEST_ASSERT_NOT_NULL(dir, "DPKIT_TEST_HUGE_DIR");
	std::string prefix = test_own_file_prefix();
	bool single = rte_mcfg_get_single_file_segments();
	unsigned at_start = test_files_with_prefix(dir, prefix);
	/* 8 MB more than the heap has free: a growth merges with a free
	 * element it is next to, so only this much is sure to be new pages */
	rte_malloc_socket_stats st;
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(rte_socket_id(), &st), "heap stats");
	void *p = rte_malloc(nullptr, st.heap_freesz_bytes + 8 * kMB, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	unsigned with_block = test_files_with_prefix(dir, prefix);
	rte_free(p);
	unsigned after_free = test_files_with_prefix(dir, prefix);
	printf("child: files %u at start, %u with 8 MB more than was free, %u after free "
	       "(single file: %d)\n",
	       at_start, with_block, after_free, single);
	if (single) {
		TEST_ASSERT_EQUAL(with_block, 1u, "one file for the list");
	} else {
		TEST_ASSERT(with_block >= at_start + 4, "a file per new page");
		TEST_ASSERT_EQUAL(after_free, at_start, "files of given-back pages removed");
	}
	/* every memseg's fd is a file of ours */
	rte_memseg *ms = rte_mem_virt2memseg(rte_malloc(nullptr, 64, 0), nullptr);
	TEST_ASSERT_NOT_NULL(ms, "memseg");
	int fd = rte_memseg_get_fd(ms);
	TEST_ASSERT(fd >= 0, "fd");
	char link[64], target[512];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	TEST_ASSERT(n > 0, "readlink");
	target[n] = '\0';
	TEST_ASSERT(strstr(target, dir) != nullptr && strstr(target, prefix.c_str()) != nullptr,
		    "fd file %s", target);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_files, child_files);

/* --in-memory with --huge-dir: memfds, never a file in the mount. */
static int
child_no_files(void)
{
	const char *dir = getenv("DPKIT_TEST_HUGE_DIR");
	TEST_ASSERT_NOT_NULL(dir, "DPKIT_TEST_HUGE_DIR");
	void *p = rte_malloc(nullptr, 8 * kMB, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	TEST_ASSERT_EQUAL(test_files_with_prefix(dir, ""), 2u, "only . and .. in %s", dir);
	rte_free(p);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_no_files, child_no_files);

/* Runs beside another instance: own zone, own files, no interference. */
static int
child_side_by_side(void)
{
	const char *dir = getenv("DPKIT_TEST_HUGE_DIR");
	std::string prefix = test_own_file_prefix();
	const rte_memzone *mz = rte_memzone_reserve("side", 8 * kMB, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "zone");
	unsigned char mark = (unsigned char)prefix.back();
	memset(mz->addr, mark, mz->len);
	if (dir != nullptr)
		TEST_ASSERT(test_files_with_prefix(dir, prefix) >= 4, "own files");
	usleep(300 * 1000); /* let the other instance run meanwhile */
	for (size_t i = 0; i < mz->len; i += 4096)
		TEST_ASSERT_EQUAL(((unsigned char *)mz->addr)[i], mark, "byte %zu", i);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_side_by_side, child_side_by_side);

/* The seed's situation: memory cut in pieces by memzones. */
static int
child_fragmentation(void)
{
	std::vector<const rte_memzone *> zones;
	const size_t zsz = kMB;
	for (;;) {
		char name[32];
		snprintf(name, sizeof(name), "frag_%zu", zones.size());
		const rte_memzone *mz = rte_memzone_reserve(name, zsz, SOCKET_ID_ANY, 0);
		if (mz == nullptr) {
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "exhaustion -> ENOMEM");
			break;
		}
		zones.push_back(mz);
		TEST_ASSERT(zones.size() < 100000, "never exhausted");
	}
	size_t n = zones.size();
	TEST_ASSERT(n >= 8, "only %zu zones", n);
	/* free every other one */
	unsigned freed = 0;
	for (size_t i = 0; i < n; i += 2) {
		TEST_ASSERT_SUCCESS(rte_memzone_free(zones[i]), "free %zu", i);
		zones[i] = nullptr;
		freed++;
	}
	/* the holes are reusable */
	std::vector<const rte_memzone *> refill;
	for (unsigned i = 0; i < freed; i++) {
		char name[32];
		snprintf(name, sizeof(name), "refill_%u", i);
		const rte_memzone *mz = rte_memzone_reserve(name, zsz, SOCKET_ID_ANY, 0);
		TEST_ASSERT_NOT_NULL(mz, "hole %u of %u not reusable: %s", i, freed,
				     rte_strerror(rte_errno));
		refill.push_back(mz);
	}
	for (auto *mz : refill)
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free refill");
	/* a block the size of all free memory does not exist */
	rte_malloc_socket_stats st;
	int socket = zones[1]->socket_id;
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(socket, &st), "stats");
	printf("child: %zu zones of 1 MB; %u freed; heap free %zu bytes in %u blocks, "
	       "stats-largest %zu\n",
	       n, freed, st.heap_freesz_bytes, st.free_count, st.greatest_free_size);
	TEST_ASSERT(st.greatest_free_size < st.heap_freesz_bytes, "memory is fragmented");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_memzone_reserve("frag_total", st.heap_freesz_bytes, socket, 0),
			 "all free memory in one zone");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "fails with ENOMEM only");
	printf("child: asked %zu bytes\n", st.heap_freesz_bytes);
	for (auto *mz : zones)
		if (mz != nullptr)
			TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_fragmentation, child_fragmentation);

/* --legacy-mem: pages in physical order, a gap between separate runs. */
static int
child_legacy_layout(void)
{
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), (uint64_t)64 * kMB, "64 MB at start");
	struct layout {
		unsigned runs = 0, pages = 0, bad = 0;
	} l;
	rte_memseg_list_walk(
		[](const rte_memseg_list *msl, void *arg) {
		auto *k = static_cast<layout *>(arg);
		const rte_memseg *s = (const rte_memseg *)msl->memseg_arr.data;
		bool in_run = false;
		for (unsigned i = 0; i < msl->memseg_arr.len; i++) {
			if (s[i].len == 0) {
				in_run = false;
				continue;
			}
			k->pages++;
			if (!(s[i].flags & RTE_MEMSEG_FLAG_DO_NOT_FREE))
				k->bad++;
			if (in_run && s[i].iova != s[i - 1].iova + msl->page_sz)
				k->bad++; /* neighbours in VA must be neighbours in IOVA */
			if (!in_run)
				k->runs++;
			in_run = true;
		}
		return 0;
		},
		&l);
	unsigned contig = 0;
	rte_memseg_contig_walk(
		[](const rte_memseg_list *, const rte_memseg *, size_t, void *arg) {
		++*(unsigned *)arg;
		return 0;
		},
		&contig);
	printf("child: %u pages in %u physically contiguous runs (IOVA as %s)\n", l.pages, l.runs,
	       rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	TEST_ASSERT_EQUAL(l.bad, 0u, "pages out of order or freeable");
	TEST_ASSERT_EQUAL(contig, l.runs, "contig walk sees the same runs");
	TEST_ASSERT_EQUAL(rte_mem_event_callback_register(
				  "x", [](rte_mem_event, const void *, size_t, void *) {}, nullptr),
			  -1, "no events in legacy mode");
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "ENOTSUP");
	/* nothing is given back. 1 MB: a heap segment is one physically
	 * contiguous run, and on a machine whose free hugepages are scattered
	 * every run may be a single 2 MB page */
	void *p = rte_malloc(nullptr, 1 * kMB, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	rte_free(p);
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), (uint64_t)64 * kMB, "still 64 MB");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_legacy_layout, child_legacy_layout);

static int
child_single_file(void)
{
	TEST_ASSERT(rte_mcfg_get_single_file_segments(), "flag visible");
	char *p = (char *)rte_malloc(nullptr, 6 * kMB, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	int fd0 = -1;
	for (size_t off = 0; off < 6 * kMB; off += 2 * kMB) {
		rte_memseg *ms = rte_mem_virt2memseg(p + off, nullptr);
		rte_memseg_list *msl = rte_mem_virt2memseg_list(p + off);
		int fd = rte_memseg_get_fd(ms);
		size_t fo = 0;
		TEST_ASSERT_SUCCESS(rte_memseg_get_fd_offset(ms, &fo), "offset");
		if (fd0 < 0)
			fd0 = fd;
		TEST_ASSERT_EQUAL(fd, fd0, "one file for the list");
		TEST_ASSERT_EQUAL(fo, (size_t)((char *)ms->addr - (char *)msl->base_va),
				  "offset is the page's place in the list");
	}
	rte_free(p);
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_single_file, child_single_file);

static int
child_iova_va(void)
{
	TEST_ASSERT_EQUAL(rte_eal_iova_mode(), RTE_IOVA_VA, "VA mode");
	const rte_memzone *mz = rte_memzone_reserve("va_zone", 3 * kMB, SOCKET_ID_ANY,
						    RTE_MEMZONE_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mz, "contig zone in VA mode");
	TEST_ASSERT_EQUAL(mz->iova, (rte_iova_t)(uintptr_t)mz->addr, "IOVA is VA");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_iova_va, child_iova_va);

static int
child_noop(void)
{
	return TEST_SUCCESS;
}
REGISTER_TEST_COMMAND(memory_child_noop, child_noop);

/* ================= parent cases ========================================= */

static int
test_modes_nohuge_locked(void)
{
	std::string out;
	/* unasked, --no-huge memory is addressed by VA, as in DPDK */
	int rc = run_child(
		{"--no-huge", "-m", "64", "--file-prefix=mm_nohuge_va", "memory_child_iova_va"},
		out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "--no-huge child without --iova-mode is not in VA mode");
	rc = run_child({"--no-huge", "--iova-mode=pa", "-m", "64", "--file-prefix=mm_nohuge",
			"memory_child_nohuge_locked"},
		       out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	TEST_ASSERT_EQUAL(count_lines_with(out, "could not lock"), 0u, "locked as root");
	return TEST_SUCCESS;
}

static int
test_modes_nohuge_unlocked(void)
{
	std::string out;
	int rc = test_exec_self_capture_no_memlock({"--no-huge", "-m", "16",
						    "--file-prefix=mm_unlocked",
						    "memory_child_nohuge_unlocked"},
						   out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	TEST_ASSERT_EQUAL(count_lines_with(out, "could not lock"), 1u, "said so in one line");
	return TEST_SUCCESS;
}

static int
test_modes_cleanup_gives_back_hugepages(void)
{
	std::string why;
	if (!hugepages_usable(why))
		TEST_SKIP("%s", why.c_str());
	/* Other processes may use hugepages meanwhile: retry a few times and
	 * count it only if the numbers never match. */
	for (int attempt = 0; attempt < 5; attempt++) {
		unsigned long before = test_free_hugepages();
		std::string out;
		int rc = run_child({"-m", "32", "--file-prefix=mm_cleanup", "memory_child_cleanup"},
				   out);
		unsigned long after = test_free_hugepages();
		printf("%sparent: HugePages_Free %lu before, %lu after\n", out.c_str(), before,
		       after);
		TEST_ASSERT_EQUAL(rc, 0, "child failed");
		if (after == before)
			return TEST_SUCCESS;
		usleep(200 * 1000);
	}
	TEST_ASSERT(false, "HugePages_Free never came back to its value around the child");
	return TEST_FAILED;
}

static int
test_modes_huge_dir_files(void)
{
	std::string why;
	if (!hugepages_usable(why))
		TEST_SKIP("%s", why.c_str());
	test_hugetlbfs_mount mnt;
	if (mnt.dir.empty())
		TEST_SKIP("%s", mnt.why_not.c_str());
	setenv("DPKIT_TEST_HUGE_DIR", mnt.dir.c_str(), 1);
	std::string hd = "--huge-dir=" + mnt.dir, out;
	int rc = run_child({hd, "-m", "8", "--file-prefix=mmfiles", "memory_child_files"}, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "file per page");
	rc = run_child(
		{hd, "--single-file-segments", "--file-prefix=mmsingle", "memory_child_files"},
		out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "single file");
	rc = run_child({hd, "-m", "8", "--file-prefix=mmclean", "memory_child_cleanup"}, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "cleanup with files");
	rc = run_child({hd, "--in-memory", "--file-prefix=mmmem", "memory_child_no_files"}, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "in-memory");
	TEST_ASSERT_EQUAL(test_files_with_prefix(mnt.dir, ""), 2u, "nothing left in %s",
			  mnt.dir.c_str());
	unsetenv("DPKIT_TEST_HUGE_DIR");
	return TEST_SUCCESS;
}

static int
test_modes_two_prefixes_side_by_side(void)
{
	std::string why;
	if (!hugepages_usable(why))
		TEST_SKIP("%s", why.c_str());
	test_hugetlbfs_mount mnt;
	std::string hd = mnt.dir.empty() ? std::string() : "--huge-dir=" + mnt.dir;
	if (!mnt.dir.empty())
		setenv("DPKIT_TEST_HUGE_DIR", mnt.dir.c_str(), 1);
	else
		printf("(%s: running the two with memfds)\n", mnt.why_not.c_str());
	std::string out_a, out_b;
	int rc_a = -1, rc_b = -1;
	auto args = [&](const char *prefix) {
		std::vector<std::string> a{"-m", "8", std::string("--file-prefix=") + prefix,
					   "memory_child_side_by_side"};
		if (!hd.empty())
			a.insert(a.begin(), hd);
		return a;
	};
	std::thread ta([&] { rc_a = run_child(args("sideA"), out_a); });
	std::thread tb([&] { rc_b = run_child(args("sideB"), out_b); });
	ta.join();
	tb.join();
	unsetenv("DPKIT_TEST_HUGE_DIR");
	printf("%s%s", out_a.c_str(), out_b.c_str());
	TEST_ASSERT_EQUAL(rc_a, 0, "instance A");
	TEST_ASSERT_EQUAL(rc_b, 0, "instance B");
	if (!mnt.dir.empty())
		TEST_ASSERT_EQUAL(test_files_with_prefix(mnt.dir, ""), 2u, "nothing left");
	return TEST_SUCCESS;
}

static int
check_fragmentation(std::vector<std::string> args)
{
	std::string out;
	int rc = run_child(args, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	/* the ENOMEM of the whole-free-size request said what the largest block is */
	size_t asked = 0, largest_stats = 0;
	const char *a = strstr(out.c_str(), "child: asked ");
	TEST_ASSERT_NOT_NULL(a, "child printed its request");
	asked = strtoull(a + 13, nullptr, 10);
	const char *l = strstr(out.c_str(), "stats-largest ");
	TEST_ASSERT_NOT_NULL(l, "child printed stats");
	largest_stats = strtoull(l + 14, nullptr, 10);
	std::string key = "memzone frag_total: cannot reserve " + std::to_string(asked) + " bytes";
	size_t pos = out.find(key);
	TEST_ASSERT(pos != std::string::npos, "log line for the failed request: %s", key.c_str());
	const char *blk = strstr(out.c_str() + pos, "largest free contiguous block is ");
	TEST_ASSERT_NOT_NULL(blk, "log line names the largest block");
	size_t largest_log = strtoull(blk + 33, nullptr, 10);
	TEST_ASSERT(largest_log > 0 && largest_log < asked, "largest %zu of %zu", largest_log,
		    asked);
	TEST_ASSERT(largest_log <= largest_stats && largest_stats - largest_log <= 256,
		    "log says %zu, stats %zu", largest_log, largest_stats);
	TEST_ASSERT(contains(out.substr(pos), "reserve more hugepages"), "says what to do");
	return TEST_SUCCESS;
}

static int
test_modes_fragmentation_legacy(void)
{
	std::string why;
	if (!hugepages_usable(why))
		TEST_SKIP("%s", why.c_str());
	return check_fragmentation({"--legacy-mem", "-m", "64", "--file-prefix=mm_frag_legacy",
				    "memory_child_fragmentation"});
}

static int
test_modes_fragmentation_dynamic(void)
{
	std::string why;
	if (!hugepages_usable(why))
		TEST_SKIP("%s", why.c_str());
	return check_fragmentation(
		{"--socket-limit=64", "--file-prefix=mm_frag_dyn", "memory_child_fragmentation"});
}

static int
test_modes_legacy_layout(void)
{
	std::string why;
	if (!hugepages_usable(why))
		TEST_SKIP("%s", why.c_str());
	std::string out;
	int rc = run_child({"--legacy-mem", "-m", "64", "--file-prefix=mm_legacy",
			    "memory_child_legacy_layout"},
			   out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	return TEST_SUCCESS;
}

static int
test_modes_single_file_and_va(void)
{
	std::string why;
	if (!hugepages_usable(why))
		TEST_SKIP("%s", why.c_str());
	std::string out;
	int rc = run_child(
		{"--single-file-segments", "--file-prefix=mm_single", "memory_child_single_file"},
		out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "single file child");
	rc = run_child({"--iova-mode=va", "--file-prefix=mm_va", "memory_child_iova_va"}, out);
	printf("%s", out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "VA child");
	rc = run_child(
		{"--no-huge", "--iova-mode=va", "--file-prefix=mm_va2", "memory_child_iova_va"},
		out);
	TEST_ASSERT_EQUAL(rc, 0, "VA child without hugepages");
	return TEST_SUCCESS;
}

static int
test_modes_bad_options(void)
{
	struct bad {
		std::vector<std::string> args;
		const char *says;
	};
	/* more than the free hugepages (all sizes), less than the RAM */
	long free_mb = 0;
	for (const char *sz : {"2048", "1048576"}) {
		std::string path = std::string("/sys/kernel/mm/hugepages/hugepages-") + sz +
				   "kB/free_hugepages";
		FILE *f = fopen(path.c_str(), "r");
		long n = 0;
		if (f != nullptr) {
			if (fscanf(f, "%ld", &n) != 1)
				n = 0;
			fclose(f);
		}
		free_mb += n * (atol(sz) / 1024);
	}
	std::string too_much = std::to_string(free_mb + 1024);
	std::vector<bad> cases = {
		{{"-m", "1000000"}, "of RAM"},
		{{"-m", too_much}, "MB of hugepages are"},
		{{"--legacy-mem", "-m", too_much}, "MB of hugepages are"},
		{{"--socket-mem=" + too_much}, "MB of hugepages are"},
		{{"--legacy-mem", "--socket-mem=" + too_much}, "MB of hugepages are"},
		{{"--socket-mem=0,64"}, "--socket-mem asks for memory on socket 1"},
		{{"-m", "64", "--socket-mem=64"}, "-m and --socket-mem both set the memory size"},
		{{"--legacy-mem", "--socket-limit=64"},
		 "--socket-limit only works in dynamic memory mode"},
		{{"--no-huge", "--socket-mem=64"}, "--socket-mem needs hugepages"},
		{{"--huge-dir=/tmp"}, "is not a hugetlbfs mount"},
	};
	std::string why;
	bool huge = hugepages_usable(why);
	for (auto &c : cases) {
		if (!huge && c.args[0] != "--no-huge")
			continue;
		std::vector<std::string> args = c.args;
		args.push_back("--file-prefix=mm_bad");
		args.push_back("memory_child_noop");
		std::string out;
		int rc = run_child(args, out);
		TEST_ASSERT(rc != 0 && rc != 77, "%s: child exited %d", c.says, rc);
		TEST_ASSERT(contains(out, c.says), "expected '%s' in: %s", c.says, out.c_str());
		TEST_ASSERT(!contains(out, "Running memory_child_noop"), "init must fail");
	}
	if (!huge)
		TEST_SKIP("hugepage option checks need hugepages: %s", why.c_str());
	return TEST_SUCCESS;
}

static const struct unit_test_case modes_cases[] = {
	TEST_CASE(test_modes_nohuge_locked),
	TEST_CASE(test_modes_nohuge_unlocked),
	TEST_CASE(test_modes_cleanup_gives_back_hugepages),
	TEST_CASE(test_modes_huge_dir_files),
	TEST_CASE(test_modes_two_prefixes_side_by_side),
	TEST_CASE(test_modes_fragmentation_legacy),
	TEST_CASE(test_modes_fragmentation_dynamic),
	TEST_CASE(test_modes_legacy_layout),
	TEST_CASE(test_modes_single_file_and_va),
	TEST_CASE(test_modes_bad_options),
	TEST_CASES_END()};

static const struct unit_test_suite modes_suite = {"memory modes", nullptr, nullptr, modes_cases};

static int
test_memory_modes(void)
{
	return unit_test_suite_runner(&modes_suite);
}

REGISTER_FAST_TEST(memory_modes_autotest, NOHUGE_OK, ASAN_OK, test_memory_modes);
