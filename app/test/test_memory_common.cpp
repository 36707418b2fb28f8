/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Helpers of the memory-mode tests (see test_memory_common.h). */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "test.h"
#include "test_memory_common.h"

long
test_status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (f == nullptr)
		return -1;
	char line[256];
	long v = -1;
	size_t klen = strlen(key);
	while (fgets(line, sizeof(line), f) != nullptr)
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			v = strtol(line + klen + 1, nullptr, 10);
			break;
		}
	fclose(f);
	return v;
}

unsigned
test_files_with_prefix(const std::string &dir, const std::string &prefix)
{
	unsigned n = 0;
	DIR *d = opendir(dir.c_str());
	if (d == nullptr)
		return 0;
	while (struct dirent *e = readdir(d))
		if (strncmp(e->d_name, prefix.c_str(), prefix.size()) == 0)
			n++;
	closedir(d);
	return n;
}

std::string
test_own_file_prefix()
{
	FILE *f = fopen("/proc/self/cmdline", "r");
	std::string all;
	if (f != nullptr) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			all.append(buf, n);
		fclose(f);
	}
	for (size_t p = 0; p < all.size(); p += strlen(all.c_str() + p) + 1)
		if (strncmp(all.c_str() + p, "--file-prefix=", 14) == 0)
			return std::string(all.c_str() + p + 14);
	return "rte";
}

test_hugetlbfs_mount::test_hugetlbfs_mount()
{
	char tmpl[] = "/tmp/dpkit-hugetlbfs-XXXXXX";
	if (mkdtemp(tmpl) == nullptr) {
		why_not = "mkdtemp failed";
		return;
	}
	if (mount("nodev", tmpl, "hugetlbfs", 0, "pagesize=2M") != 0) {
		why_not = std::string("cannot mount hugetlbfs (") + strerror(errno) +
			  "): needs root";
		rmdir(tmpl);
		return;
	}
	dir = tmpl;
}

test_hugetlbfs_mount::~test_hugetlbfs_mount()
{
	if (!dir.empty()) {
		umount(dir.c_str());
		rmdir(dir.c_str());
	}
}

int
test_run_child(const std::vector<std::string> &args, std::string &out)
{
	std::vector<const char *> argv{"dpkit-test"};
	for (auto &a : args)
		argv.push_back(a.c_str());
	argv.push_back(nullptr);
	return test_exec_self_capture(argv.data(), out);
}
