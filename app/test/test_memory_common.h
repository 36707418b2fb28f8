/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Helpers shared by the tests that run EAL memory modes in child
 * processes: a private hugetlbfs mount, files left in it, the child's
 * own --file-prefix and /proc/self/status fields.
 */

#ifndef _TEST_MEMORY_COMMON_H_
#define _TEST_MEMORY_COMMON_H_

#include <string>
#include <vector>

/* A "Key:   N kB" field of /proc/self/status, in kB (-1 if absent). */
long test_status_kb(const char *key);

/* Files in @p dir whose name starts with @p prefix ("." and ".." count). */
unsigned test_files_with_prefix(const std::string &dir, const std::string &prefix);

/* This process's --file-prefix, read back from its command line. */
std::string test_own_file_prefix();

/* A hugetlbfs mount (2 MB pages) of our own in a temporary directory,
 * unmounted and removed on destruction; @p dir empty and @p why_not set
 * when it cannot be made (it needs root). */
struct test_hugetlbfs_mount {
	std::string dir;
	std::string why_not;
	test_hugetlbfs_mount();
	~test_hugetlbfs_mount();
	test_hugetlbfs_mount(const test_hugetlbfs_mount &) = delete;
	test_hugetlbfs_mount &operator=(const test_hugetlbfs_mount &) = delete;
};

/* Run dpkit-test as a child with @p args (EAL options and a command);
 * output captured. @return as test_exec_self(). */
int test_run_child(const std::vector<std::string> &args, std::string &out);

#endif /* _TEST_MEMORY_COMMON_H_ */
