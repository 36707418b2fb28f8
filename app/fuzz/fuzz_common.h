/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Helpers shared by the fuzz targets (one executable each, so everything
 * here is inline): a reader that turns the fuzzer's bytes into bounded
 * values, a once-only EAL start with quiet logs, and the checks that a
 * target reports through FUZZ_ASSERT.
 *
 * A failed FUZZ_ASSERT aborts: libFuzzer records the input as a crash, and
 * the replay build (replay_main.c) dies with the input's name printed
 * first, which fails its meson test.
 */

#ifndef _FUZZ_COMMON_H_
#define _FUZZ_COMMON_H_

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#define FUZZ_ASSERT(cond, ...) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz: %s:%d: '%s' does not hold: ", __FILE__, __LINE__, \
				#cond); \
			fprintf(stderr, __VA_ARGS__); \
			fprintf(stderr, "\n"); \
			abort(); \
		} \
	} while (0)

namespace fuzz {

/* Consumes the input front to back; past the end every read yields 0 (or
 * an empty string), so any input decodes to something. */
class reader {
public:
	reader(const uint8_t *data, size_t size) : p_(data), n_(size) {}

	bool empty() const { return n_ == 0; }

	uint8_t u8()
	{
		if (n_ == 0)
			return 0;
		n_--;
		return *p_++;
	}
	uint16_t u16() { return (uint16_t)(u8() | (u8() << 8)); }
	uint32_t u32() { return (uint32_t)u16() | ((uint32_t)u16() << 16); }

	/* A length byte (bounded by max) then that many bytes. */
	std::string str(size_t max)
	{
		size_t len = u8() % (max + 1);
		if (len > n_)
			len = n_;
		std::string s((const char *)p_, len);
		p_ += len;
		n_ -= len;
		return s;
	}

	/* Everything left. */
	std::string rest()
	{
		std::string s((const char *)p_, n_);
		p_ += n_;
		n_ = 0;
		return s;
	}

private:
	const uint8_t *p_;
	size_t n_;
};

/* FUZZ_VERBOSE=1 keeps the logs and stdout (to see what an input does). */
inline bool
verbose()
{
	const char *v = getenv("FUZZ_VERBOSE");
	return v != nullptr && v[0] != '\0' && v[0] != '0';
}

/* Send the EAL log to /dev/null: one error line per bad input would
 * otherwise be most of the work. */
inline void
quiet_log()
{
	if (verbose())
		return;
	FILE *null = fopen("/dev/null", "w");
	if (null != nullptr)
		rte_openlog_stream(null);
}

/* Point fd 1 at /dev/null (targets whose code under test prints with
 * printf); libFuzzer reports on stderr. */
inline void
quiet_stdout()
{
	if (verbose())
		return;
	fflush(stdout);
	int fd = open("/dev/null", O_WRONLY);
	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
}

/* Start the EAL once for the whole run: ordinary pages bounded by -m, no
 * runtime files (fuzzers of several targets may run at once), lcore 0 only. */
inline void
eal_init_once(const char *prog, const char *memory_mb, const std::vector<std::string> &extra = {})
{
	quiet_log();
	std::vector<std::string> args = {prog, "--no-huge",   "-m",       memory_mb,       "-l",
					 "0",  "--in-memory", "--no-pci", "--no-telemetry"};
	args.insert(args.end(), extra.begin(), extra.end());
	std::vector<char *> argv;
	for (std::string &a : args)
		argv.push_back(a.data());
	argv.push_back(nullptr);
	if (rte_eal_init((int)args.size(), argv.data()) < 0) {
		fprintf(stderr, "fuzz %s: rte_eal_init failed: %s\n", prog,
			rte_strerror(rte_errno));
		exit(1);
	}
}

/* What a call may leave behind in the EAL's memory: compared before and
 * after an input to find leaks of memzones and heap blocks. */
struct memory_usage {
	unsigned memzones = 0;
	size_t heap_alloc_count = 0;
	size_t heap_alloc_bytes = 0;

	static memory_usage now()
	{
		memory_usage u;
		rte_memzone_walk(
			[](const struct rte_memzone *, void *arg) { (*(unsigned *)arg)++; },
			&u.memzones);
		for (int s = 0; s < RTE_MAX_NUMA_NODES; s++) {
			struct rte_malloc_socket_stats st;
			if (rte_malloc_get_socket_stats(s, &st) == 0) {
				u.heap_alloc_count += st.alloc_count;
				u.heap_alloc_bytes += st.heap_allocsz_bytes;
			}
		}
		return u;
	}

	bool operator==(const memory_usage &o) const
	{
		return memzones == o.memzones && heap_alloc_count == o.heap_alloc_count &&
		       heap_alloc_bytes == o.heap_alloc_bytes;
	}

	std::string describe() const
	{
		return std::to_string(memzones) + " memzones, " + std::to_string(heap_alloc_count) +
		       " heap blocks of " + std::to_string(heap_alloc_bytes) + " bytes";
	}
};

/*
 * An input as a command line: @p argv0, then the input split at NUL and
 * newline bytes (empty words kept: they are arguments too), at most
 * @p max_args words in all.
 */
inline std::vector<std::string>
split_args(const uint8_t *data, size_t size, const char *argv0, size_t max_args)
{
	std::vector<std::string> args{argv0};
	std::string cur;
	for (size_t i = 0; i < size && args.size() < max_args; i++) {
		char c = (char)data[i];
		if (c == '\0' || c == '\n') {
			args.push_back(cur);
			cur.clear();
		} else {
			cur += c;
		}
	}
	if (!cur.empty() && args.size() < max_args)
		args.push_back(cur);
	return args;
}

} /* namespace fuzz */

#endif /* _FUZZ_COMMON_H_ */
