/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * mp_nonroot_autotest: the multi-process tests as a user without
 * privileges. Run as root, it starts dpkit-test again as "nobody" (no
 * supplementary groups, no capabilities) with --no-huge and a runtime
 * directory under a fresh XDG_RUNTIME_DIR it owns, and that process runs
 * the primary + secondary tests: start-up and attach, rings and pools
 * shared, messages. Nothing is added to the user database; the directory
 * is removed afterwards. Run as another user it SKIPs: the mp tests
 * themselves then run without privileges.
 */

#include <dirent.h>
#include <ftw.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "test.h"
#include "test_mp.h"

namespace {

int
remove_entry(const char *path, const struct stat *, int, struct FTW *)
{
	return remove(path);
}

/* What the user must reach to run this binary: every directory above it
 * searchable, the file executable by others. */
bool
reachable_by_others(const std::string &exe, std::string &why)
{
	std::string p = exe;
	for (;;) {
		struct stat st;
		if (stat(p.c_str(), &st) != 0 || (st.st_mode & S_IXOTH) == 0) {
			why = p + " is not searchable/executable by other users";
			return false;
		}
		size_t slash = p.rfind('/');
		if (slash == 0 || slash == std::string::npos)
			return true;
		p.resize(slash);
	}
}

/* Run autotest @p name as @p pw in its own runtime directory. */
int
run_as_user(const struct passwd *pw, const char *name, std::string &out)
{
	char tmpl[] = "/tmp/dpkit-nonroot-XXXXXX";
	if (mkdtemp(tmpl) == nullptr || chown(tmpl, pw->pw_uid, pw->pw_gid) != 0) {
		out = std::string("cannot make a runtime directory for ") + pw->pw_name;
		return -1;
	}
	setenv("XDG_RUNTIME_DIR", tmpl, 1);
	mp_child c;
	c.run_as(pw->pw_uid, pw->pw_gid);
	int rc = c.start({"--no-huge", std::string("--file-prefix=nr_") + name, name});
	unsetenv("XDG_RUNTIME_DIR");
	if (rc == 0)
		rc = c.wait(60000);
	out = c.output();
	/* the user's primary and secondaries have exited: nothing of theirs
	 * may remain but what this removes */
	std::string left;
	std::string dir = std::string(tmpl) + "/dpdk/nr_" + name;
	if (DIR *d = opendir(dir.c_str())) {
		while (struct dirent *e = readdir(d))
			if (e->d_name[0] != '.' && strcmp(e->d_name, "config") != 0)
				left += std::string(" ") + e->d_name;
		closedir(d);
	}
	if (!left.empty())
		out += "\nleft in " + dir + ":" + left + "\n";
	nftw(tmpl, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return left.empty() ? rc : -1;
}

int
nonroot_case(const char *name)
{
	if (geteuid() != 0)
		TEST_SKIP("not root: the multi-process tests already run as uid %u", geteuid());
	const struct passwd *pw = getpwnam("nobody");
	if (pw == nullptr || pw->pw_uid == 0)
		TEST_SKIP("no unprivileged user 'nobody' on this machine");
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		TEST_SKIP("cannot read /proc/self/exe");
	exe[n] = '\0';
	std::string why;
	if (!reachable_by_others(exe, why))
		TEST_SKIP("%s: user nobody cannot run this binary", why.c_str());
	std::string out;
	int rc = run_as_user(pw, name, out);
	printf("%s as nobody (uid %u), --no-huge:\n%s", name, pw->pw_uid, out.c_str());
	TEST_ASSERT_EQUAL(rc, 0, "%s as nobody: exit %d", name, rc);
	return TEST_SUCCESS;
}

int
mp_nonroot_proc(void)
{
	return nonroot_case("mp_proc_autotest");
}

int
mp_nonroot_exchange(void)
{
	return nonroot_case("mp_exchange_autotest");
}

int
mp_nonroot_ipc(void)
{
	return nonroot_case("mp_ipc_autotest");
}

// clang-format off
const struct unit_test_case nonroot_cases[] = {
	TEST_CASE(mp_nonroot_proc),
	TEST_CASE(mp_nonroot_exchange),
	TEST_CASE(mp_nonroot_ipc),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite nonroot_suite = {"multi-process as a non-root user", nullptr, nullptr,
					      nonroot_cases};

int
test_mp_nonroot(void)
{
	return unit_test_suite_runner(&nonroot_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_nonroot_autotest, NOHUGE_OK, ASAN_OK, test_mp_nonroot);
