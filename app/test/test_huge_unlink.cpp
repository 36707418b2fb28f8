/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * huge_unlink_autotest: what --huge-unlink does to page files in a
 * hugetlbfs mount (--huge-dir), as DPDK 22.11 documents it:
 *
 *  - existing (the default, or the value given): a file per page while
 *    the page is mapped, removed with it; nothing left after exit;
 *  - always (or the option alone): no file is ever seen in the mount;
 *  - never: files stay when pages are freed and after exit, and the next
 *    process with the same prefix maps them as they are: its pages carry
 *    RTE_MEMSEG_FLAG_DIRTY and the data the first process wrote;
 *  - with memfd backing (no --huge-dir) there are no files: one line says
 *    so and the EAL starts.
 *
 * Each case is a child dpkit-test with its own --file-prefix in a mount
 * of our own (root only; otherwise the cases SKIP).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "test.h"
#include "test_memory_common.h"

namespace {

constexpr size_t kMB = (size_t)1 << 20;
constexpr size_t kPage = 2 * kMB;
constexpr char kMarker[] = "dpkit huge-unlink marker";

unsigned
count_in(const std::string &out, const char *what)
{
	unsigned n = 0;
	for (size_t p = out.find(what); p != std::string::npos; p = out.find(what, p + 1))
		n++;
	return n;
}

/* A number printed after @p key in the child's output, or -1. */
long
value_after(const std::string &out, const char *key)
{
	size_t p = out.find(key);
	return p == std::string::npos ? -1 : strtol(out.c_str() + p + strlen(key), nullptr, 10);
}

int
child_huge_unlink(void)
{
	const char *dir = getenv("DPKIT_TEST_HUGE_DIR");
	TEST_ASSERT_NOT_NULL(dir, "DPKIT_TEST_HUGE_DIR");
	std::string prefix = test_own_file_prefix();
	unsigned at_start = test_files_with_prefix(dir, prefix);
	/* 8 MB more than is free: at least four new pages */
	rte_malloc_socket_stats st;
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(rte_socket_id(), &st), "heap stats");
	const size_t len = st.heap_freesz_bytes + 8 * kMB;
	char *p = (char *)rte_malloc(nullptr, len, kPage);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	unsigned during = test_files_with_prefix(dir, prefix);
	unsigned dirty = 0, marked = 0;
	for (size_t off = 0; off + kPage <= len; off += kPage) {
		const rte_memseg *ms = rte_mem_virt2memseg(p + off, nullptr);
		TEST_ASSERT_NOT_NULL(ms, "memseg of offset %zu", off);
		dirty += (ms->flags & RTE_MEMSEG_FLAG_DIRTY) != 0;
		marked += memcmp(p + off, kMarker, sizeof(kMarker)) == 0;
		memcpy(p + off, kMarker, sizeof(kMarker));
	}
	rte_free(p);
	unsigned after_free = test_files_with_prefix(dir, prefix);
	printf("child: files start=%u during=%u after_free=%u dirty=%u marked=%u\n", at_start,
	       during, after_free, dirty, marked);
	return TEST_SUCCESS;
}

struct mount_case {
	test_hugetlbfs_mount mnt;
	std::string why;

	bool usable()
	{
		if (test_free_hugepages() < 64) {
			why = "fewer than 64 free 2 MB hugepages (HugePages_Free = " +
			      std::to_string(test_free_hugepages()) + ")";
			return false;
		}
		if (mnt.dir.empty()) {
			why = mnt.why_not;
			return false;
		}
		setenv("DPKIT_TEST_HUGE_DIR", mnt.dir.c_str(), 1);
		return true;
	}
	~mount_case() { unsetenv("DPKIT_TEST_HUGE_DIR"); }

	/* Run the child with @p opts; its output in @p out. */
	int run(const std::vector<std::string> &opts, const char *prefix, std::string &out)
	{
		std::vector<std::string> args{"--huge-dir=" + mnt.dir, "-m", "4",
					      std::string("--file-prefix=") + prefix};
		args.insert(args.end(), opts.begin(), opts.end());
		args.push_back("huge_unlink_child");
		int rc = test_run_child(args, out);
		printf("%s", out.c_str());
		return rc;
	}

	unsigned files(const char *prefix) { return test_files_with_prefix(mnt.dir, prefix); }
};

int
test_huge_unlink_existing_removes_files_with_pages(void)
{
	mount_case mc;
	if (!mc.usable())
		TEST_SKIP("%s", mc.why.c_str());
	for (const auto &opts :
	     {std::vector<std::string>{}, std::vector<std::string>{"--huge-unlink=existing"}}) {
		std::string out;
		TEST_ASSERT_EQUAL(mc.run(opts, "hu_exist", out), 0, "child failed");
		long start = value_after(out, "start="), during = value_after(out, "during=");
		TEST_ASSERT(during >= start + 4, "a file per new page: %ld -> %ld", start, during);
		TEST_ASSERT_EQUAL(value_after(out, "after_free="), start,
				  "freed pages' files gone");
		TEST_ASSERT_EQUAL(value_after(out, "dirty="), 0L, "new files: clean pages");
		TEST_ASSERT_EQUAL(mc.files("hu_exist"), 0u, "files left after exit");
	}
	return TEST_SUCCESS;
}

int
test_huge_unlink_always_leaves_no_file(void)
{
	mount_case mc;
	if (!mc.usable())
		TEST_SKIP("%s", mc.why.c_str());
	for (const char *opt : {"--huge-unlink", "--huge-unlink=always"}) {
		std::string out;
		TEST_ASSERT_EQUAL(mc.run({opt}, "hu_always", out), 0, "%s: child failed", opt);
		TEST_ASSERT(out.find("child: files start=0 during=0 after_free=0") !=
				    std::string::npos,
			    "%s: a file was seen", opt);
		TEST_ASSERT_EQUAL(mc.files(""), 2u, "%s: only . and .. in the mount", opt);
	}
	return TEST_SUCCESS;
}

int
test_huge_unlink_never_keeps_and_reuses_files(void)
{
	mount_case mc;
	if (!mc.usable())
		TEST_SKIP("%s", mc.why.c_str());
	std::string out;
	TEST_ASSERT_EQUAL(mc.run({"--huge-unlink=never"}, "hu_never", out), 0, "first child");
	TEST_ASSERT_EQUAL(count_in(out, "--huge-unlink=never: pages keep what earlier"), 1u,
			  "one warning line");
	long during = value_after(out, "during=");
	TEST_ASSERT(during >= 4, "files while mapped: %ld", during);
	TEST_ASSERT_EQUAL(value_after(out, "after_free="), during, "files kept when pages go");
	TEST_ASSERT_EQUAL(value_after(out, "dirty="), 0L, "first run: new files");
	unsigned left = mc.files("hu_never");
	TEST_ASSERT((long)left >= during, "%u files after exit, %ld were in use", left, during);

	TEST_ASSERT_EQUAL(mc.run({"--huge-unlink=never"}, "hu_never", out), 0, "second child");
	TEST_ASSERT(value_after(out, "dirty=") >= 4, "reused pages are marked dirty");
	TEST_ASSERT(value_after(out, "marked=") >= 4, "reused pages hold the first run's data");
	TEST_ASSERT_EQUAL(mc.files("hu_never"), left, "no new files for the same pages");

	/* single-file segments: the list's file stays */
	TEST_ASSERT_EQUAL(
		mc.run({"--huge-unlink=never", "--single-file-segments"}, "hu_nsingle", out), 0,
		"single file");
	TEST_ASSERT_EQUAL(mc.files("hu_nsingle"), 1u, "the list's file is kept");
	return TEST_SUCCESS;
}

int
test_huge_unlink_without_files_says_so(void)
{
	if (test_free_hugepages() < 64)
		TEST_SKIP("fewer than 64 free 2 MB hugepages");
	for (const char *opt : {"--huge-unlink", "--huge-unlink=never"}) {
		std::string out;
		int rc = test_run_child(
			{"-m", "4", "--file-prefix=hu_memfd", opt, "huge_unlink_noop"}, out);
		printf("%s", out.c_str());
		TEST_ASSERT_EQUAL(rc, 0, "%s: memfd backing must start", opt);
		TEST_ASSERT_EQUAL(count_in(out, "memfds (no --huge-dir), there are no hugepage "
						"files"),
				  1u, "%s: one line says there are no files", opt);
	}
	return TEST_SUCCESS;
}

int
child_noop(void)
{
	return TEST_SUCCESS;
}

const struct unit_test_case cases[] = {
	TEST_CASE(test_huge_unlink_existing_removes_files_with_pages),
	TEST_CASE(test_huge_unlink_always_leaves_no_file),
	TEST_CASE(test_huge_unlink_never_keeps_and_reuses_files),
	TEST_CASE(test_huge_unlink_without_files_says_so), TEST_CASES_END()};

const struct unit_test_suite suite = {"--huge-unlink", nullptr, nullptr, cases};

int
test_huge_unlink(void)
{
	return unit_test_suite_runner(&suite);
}

} // namespace

REGISTER_TEST_COMMAND(huge_unlink_child, child_huge_unlink);
REGISTER_TEST_COMMAND(huge_unlink_noop, child_noop);
REGISTER_FAST_TEST(huge_unlink_autotest, NOHUGE_OK, ASAN_OK, test_huge_unlink);
