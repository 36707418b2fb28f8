/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Helpers of the multi-process tests: children that run beside the test
 * (this binary again, --no-huge unless told otherwise). */

#ifndef _DPKIT_TEST_MP_H_
#define _DPKIT_TEST_MP_H_

#include <sys/types.h>
#include <unistd.h>

#include <functional>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_mempool.h>

class mp_child {
public:
	mp_child() = default;
	mp_child(const mp_child &) = delete;
	mp_child &operator=(const mp_child &) = delete;
	~mp_child();

	/** Start this binary with @p args. @return 0 or -errno. */
	int start(const std::vector<std::string> &args);

	/** Everything the child printed so far (stdout and stderr). */
	std::string output() const;

	/** Wait up to @p ms for @p needle in the child's output.
	 * @return whether it appeared. */
	bool wait_output(const std::string &needle, unsigned int ms) const;

	/** Wait up to @p ms for the child to exit; kill it after that.
	 * @return its exit status, 256 + signal, or -1. */
	int wait(unsigned int ms);

	/** SIGKILL and reap. */
	void kill_now();

	pid_t pid() const { return pid_; }

	/** Children started from now on run as @p uid / @p gid (no
	 * supplementary groups); the caller must be root. */
	void run_as(uid_t uid, gid_t gid)
	{
		as_uid_ = uid;
		as_gid_ = gid;
	}

private:
	pid_t pid_ = -1;
	int out_fd_ = -1;
	uid_t as_uid_ = (uid_t)-1;
	gid_t as_gid_ = (gid_t)-1;
};

/** Run a child to its end (at most 20 s). @return as mp_child::wait(). */
int mp_run(const std::vector<std::string> &args, std::string &out);

/** Poll @p done every millisecond for up to @p ms. */
bool mp_wait_for(const std::function<bool()> &done, unsigned int ms);

/** Occurrences of @p needle in @p s. */
unsigned int mp_count(const std::string &s, const std::string &needle);

/** Secondary sockets (mp_socket_*) in @p dir. */
unsigned int mp_sockets(const std::string &dir);

/** Leave at @p path a socket file nobody has bound, as a killed process
 * does. @return success. */
bool mp_make_dead_socket(const std::string &path);

/** The --file-prefix of runtime directory @p dir (its last component). */
std::string mp_prefix_of(const std::string &dir);

/** The runtime directory of --file-prefix @p prefix, beside @p dir. */
std::string mp_sibling_dir(const std::string &dir, const std::string &prefix);

/** Run a child that must fail to start: exit status 1, @p line in its
 * output, one EAL line in all. @return TEST_SUCCESS or TEST_FAILED. */
int mp_expect_refused(const std::vector<std::string> &args, const char *line);

/** A secondary (mp_child_info) attaches to the primary of @p prefix.
 * @return TEST_SUCCESS or TEST_FAILED. */
int mp_expect_attach(const std::string &prefix);

/** Declare std::string @p dir, this process's runtime directory; the test
 * SKIPs when the process has none (--in-memory): children find the primary
 * there. */
#define MP_NEED_RUNTIME_DIR(dir) \
	std::string dir = rte_eal_get_runtime_dir(); \
	if (access(dir.c_str(), F_OK) != 0) \
	TEST_SKIP("this process runs without a runtime directory (--in-memory)")

/* AddressSanitizer's shadow is per process: an object this process put
 * back (poisoned here) and another process got (unpoisoned there only)
 * arrives poisoned here; the receiver takes it over. */
inline void
mp_take_over(const struct rte_mempool *mp, void *o)
{
#ifdef RTE_MEMPOOL_ASAN
	ASAN_UNPOISON_MEMORY_REGION(o, mp->elt_size);
#else
	(void)mp;
	(void)o;
#endif
}

/* Reads of memory another process wrote and then announced through
 * shared memory (a step counter). ThreadSanitizer sees only this
 * process's threads: to it, the pages this process's IPC or growth
 * thread mapped look written by that thread with no order to the reads.
 * The order is real, but across processes; a scope of these says so. */
#if defined(__SANITIZE_THREAD__)
#define MP_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MP_TSAN 1
#endif
#endif
#ifdef MP_TSAN
extern "C" void AnnotateIgnoreReadsBegin(const char *file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char *file, int line);
#endif

class mp_cross_process_reads {
public:
	mp_cross_process_reads()
	{
#ifdef MP_TSAN
		AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
#endif
	}
	~mp_cross_process_reads()
	{
#ifdef MP_TSAN
		AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
#endif
	}
	mp_cross_process_reads(const mp_cross_process_reads &) = delete;
	mp_cross_process_reads &operator=(const mp_cross_process_reads &) = delete;
};

#endif /* _DPKIT_TEST_MP_H_ */
