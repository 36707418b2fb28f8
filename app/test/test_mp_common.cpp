/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>

#include "test.h"
#include "test_mp.h"

mp_child::~mp_child()
{
	if (pid_ > 0)
		kill_now();
	if (out_fd_ >= 0)
		close(out_fd_);
}

int
mp_child::start(const std::vector<std::string> &args)
{
	FILE *f = tmpfile();
	if (f == nullptr)
		return -errno;
	out_fd_ = dup(fileno(f));
	fclose(f);
	std::vector<std::string> all = args;
	bool huge_choice = false;
	for (const auto &a : args)
		if (a == "--no-huge" || a == "--huge")
			huge_choice = true;
	if (!huge_choice)
		all.insert(all.begin(), "--no-huge");
	all.erase(std::remove(all.begin(), all.end(), std::string("--huge")), all.end());
	std::vector<char *> argv;
	static char self[] = "/proc/self/exe";
	argv.push_back(self);
	for (auto &a : all)
		argv.push_back(a.data());
	argv.push_back(nullptr);
	fflush(stdout);
	fflush(stderr);
	pid_ = fork();
	if (pid_ < 0)
		return -errno;
	if (pid_ == 0) {
		dup2(out_fd_, STDOUT_FILENO);
		dup2(out_fd_, STDERR_FILENO);
		unsetenv("DPDK_TEST");
		if (as_uid_ != (uid_t)-1 &&
		    (setgroups(0, nullptr) != 0 || setgid(as_gid_) != 0 || setuid(as_uid_) != 0)) {
			perror("mp_child: cannot change user");
			_exit(126);
		}
		execv(argv[0], argv.data());
		_exit(127);
	}
	return 0;
}

std::string
mp_child::output() const
{
	std::string s;
	char buf[4096];
	off_t off = 0;
	ssize_t n;
	while (out_fd_ >= 0 && (n = pread(out_fd_, buf, sizeof(buf), off)) > 0) {
		s.append(buf, (size_t)n);
		off += n;
	}
	return s;
}

bool
mp_child::wait_output(const std::string &needle, unsigned int ms) const
{
	return mp_wait_for([&] { return output().find(needle) != std::string::npos; }, ms);
}

int
mp_child::wait(unsigned int ms)
{
	if (pid_ <= 0)
		return -1;
	int status = 0;
	bool done = mp_wait_for([&] { return waitpid(pid_, &status, WNOHANG) == pid_; }, ms);
	if (!done) {
		kill(pid_, SIGKILL);
		waitpid(pid_, &status, 0);
	}
	pid_ = -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 256 + WTERMSIG(status);
}

void
mp_child::kill_now()
{
	if (pid_ <= 0)
		return;
	kill(pid_, SIGKILL);
	waitpid(pid_, nullptr, 0);
	pid_ = -1;
}

int
mp_run(const std::vector<std::string> &args, std::string &out)
{
	mp_child c;
	if (c.start(args) < 0)
		return -1;
	int rc = c.wait(20000);
	out = c.output();
	return rc;
}

bool
mp_wait_for(const std::function<bool()> &done, unsigned int ms)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (done())
			return true;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long long el = (t.tv_sec - t0.tv_sec) * 1000LL + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (el >= (long long)ms)
			return false;
		usleep(1000);
	}
}

unsigned int
mp_count(const std::string &s, const std::string &needle)
{
	unsigned int n = 0;
	for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1))
		n++;
	return n;
}

unsigned int
mp_sockets(const std::string &dir)
{
	unsigned int n = 0;
	DIR *d = opendir(dir.c_str());
	if (d == nullptr)
		return 0;
	while (struct dirent *e = readdir(d))
		if (fnmatch("mp_socket_*", e->d_name, 0) == 0)
			n++;
	closedir(d);
	return n;
}

std::string
mp_prefix_of(const std::string &dir)
{
	return dir.substr(dir.rfind('/') + 1);
}

bool
mp_make_dead_socket(const std::string &path)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un a;
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path.c_str());
	bool ok = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

std::string
mp_sibling_dir(const std::string &dir, const std::string &prefix)
{
	return dir.substr(0, dir.rfind('/') + 1) + prefix;
}

int
mp_expect_refused(const std::vector<std::string> &args, const char *line)
{
	std::string out;
	int rc = mp_run(args, out);
	TEST_ASSERT_EQUAL(rc, 1, "not refused: %s", out.c_str());
	TEST_ASSERT(out.find(line) != std::string::npos, "no '%s' in: %s", line, out.c_str());
	TEST_ASSERT_EQUAL(mp_count(out, "EAL: "), 1u, "one line: %s", out.c_str());
	return TEST_SUCCESS;
}

int
mp_expect_attach(const std::string &prefix)
{
	std::string out;
	int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_info"}, out);
	TEST_ASSERT_EQUAL(rc, 0, "a secondary does not attach: %s", out.c_str());
	TEST_ASSERT(out.find("proc_type=1 alive=1") != std::string::npos, "secondary: %s",
		    out.c_str());
	return TEST_SUCCESS;
}
