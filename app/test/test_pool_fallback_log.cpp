/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A pktmbuf pool that cannot get one IOVA-contiguous memzone falls back to
 * page-by-page chunks. That first try failing is expected, so it must not
 * print an ERR (or WARNING) line: every DPDK example that makes a pool would
 * otherwise greet its user with a memzone error. A memzone failure the user
 * does see still logs at ERR.
 *
 * The child runs with --no-huge and IOVA as PA: its 4 KB pages are
 * physically scattered, so a pool of several MB cannot be IOVA-contiguous.
 * Each log message is recorded with its level through a fopencookie stream
 * (rte_log_cur_msg_loglevel() tells the level of the message being written).
 */

#include <stdio.h>
#include <string.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#include "test.h"

namespace {

struct message {
	int level;
	std::string text;
};

std::vector<message> captured;

ssize_t
capture_write(void *, const char *buf, size_t size)
{
	/* one rte_log call may reach us in pieces: join them per level */
	int level = rte_log_cur_msg_loglevel();
	if (captured.empty() || captured.back().level != level ||
	    (!captured.back().text.empty() && captured.back().text.back() == '\n'))
		captured.push_back({level, ""});
	captured.back().text.append(buf, size);
	return (ssize_t)size;
}

/* Record every message at every level while alive; restore on exit. */
struct log_capture {
	FILE *f;
	FILE *old;
	uint32_t old_global;
	int old_eal, old_mempool;

	log_capture()
	{
		cookie_io_functions_t io = {nullptr, capture_write, nullptr, nullptr};
		f = fopencookie(nullptr, "w", io);
		setvbuf(f, nullptr, _IONBF, 0);
		old = rte_log_get_stream();
		old_global = rte_log_get_global_level();
		old_eal = rte_log_get_level(RTE_LOGTYPE_EAL);
		old_mempool = rte_log_get_level(RTE_LOGTYPE_MEMPOOL);
		captured.clear();
		rte_openlog_stream(f);
		rte_log_set_global_level(RTE_LOG_DEBUG);
		rte_log_set_level(RTE_LOGTYPE_EAL, RTE_LOG_DEBUG);
		rte_log_set_level(RTE_LOGTYPE_MEMPOOL, RTE_LOG_DEBUG);
	}
	~log_capture()
	{
		rte_log_set_level(RTE_LOGTYPE_MEMPOOL, (uint32_t)old_mempool);
		rte_log_set_level(RTE_LOGTYPE_EAL, (uint32_t)old_eal);
		rte_log_set_global_level(old_global);
		rte_openlog_stream(old == stderr ? nullptr : old);
		fclose(f);
	}
};

/* Messages at @p level or more severe (numerically lower). */
std::vector<message>
at_least(int level)
{
	std::vector<message> out;
	for (const message &m : captured)
		if (m.level <= level)
			out.push_back(m);
	return out;
}

bool
any_with(const std::vector<message> &msgs, int level, const char *a, const char *b)
{
	for (const message &m : msgs)
		if (m.level == level && m.text.find(a) != std::string::npos &&
		    m.text.find(b) != std::string::npos)
			return true;
	return false;
}

void
print(const char *what, const std::vector<message> &msgs)
{
	for (const message &m : msgs)
		printf("%s [level %d] %s", what, m.level, m.text.c_str());
}

/* Child: runs with --no-huge (see the file comment). */
int
pool_fallback_log_child(void)
{
	if (rte_eal_iova_mode() != RTE_IOVA_PA)
		TEST_SKIP("IOVA as VA here (pagemap not readable?): memory is IOVA-contiguous, "
			  "so no pool needs the fallback");

	struct rte_mempool *mp;
	std::vector<message> fallback;
	{
		log_capture cap;
		/* 4096 mbufs of 2 KB: 9 MB, far more than physically adjacent pages */
		mp = rte_pktmbuf_pool_create("fallback_log", 4096, 64, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					     SOCKET_ID_ANY);
		fallback = captured;
	}
	TEST_ASSERT_NOT_NULL(mp, "pool create: %s", rte_strerror(rte_errno));
	printf("pool: %u mbufs in %u chunks\n", mp->populated_size, mp->nb_mem_chunks);
	print("fallback:", fallback);
	unsigned chunks = mp->nb_mem_chunks;
	rte_mempool_free(mp);
	if (chunks < 2)
		TEST_SKIP("the pool got one IOVA-contiguous chunk: no fallback happened here");

	captured = fallback;
	std::vector<message> loud = at_least(RTE_LOG_WARNING);
	TEST_ASSERT(loud.empty(),
		    "the expected fallback printed %zu line(s) at WARNING or above, "
		    "first: %s",
		    loud.size(), loud.empty() ? "" : loud[0].text.c_str());
	TEST_ASSERT(any_with(fallback, RTE_LOG_DEBUG, "cannot reserve", "IOVA-contiguous"),
		    "the failed IOVA-contiguous try is still there at DEBUG");

	/* a memzone failure the user sees still logs at ERR, once */
	std::vector<message> real;
	{
		log_capture cap;
		const struct rte_memzone *mz = rte_memzone_reserve(
			"fallback_too_big", (size_t)1 << 40, SOCKET_ID_ANY, 0);
		TEST_ASSERT(mz == nullptr && rte_errno == ENOMEM, "1 TB memzone refused");
		real = captured;
	}
	print("user failure:", real);
	captured = real;
	TEST_ASSERT_EQUAL(at_least(RTE_LOG_WARNING).size(), 1u, "one line");
	TEST_ASSERT(any_with(real, RTE_LOG_ERR, "fallback_too_big: cannot reserve", "hugepages"),
		    "the user's failure is an ERR line saying what to do");

	/* a pool that cannot be placed at all: one ERR line, from the mempool */
	{
		log_capture cap;
		mp = rte_pktmbuf_pool_create("fallback_huge", 1u << 20, 0, 0, 16384, SOCKET_ID_ANY);
		real = captured;
	}
	TEST_ASSERT(mp == nullptr && rte_errno == ENOMEM, "16 GB pool refused");
	print("pool failure:", real);
	captured = real;
	std::vector<message> errs = at_least(RTE_LOG_WARNING);
	TEST_ASSERT_EQUAL(errs.size(), 1u, "one line at WARNING or above");
	TEST_ASSERT(errs[0].level == RTE_LOG_ERR &&
			    errs[0].text.find("fallback_huge") != std::string::npos,
		    "it is an ERR line naming the pool: %s", errs[0].text.c_str());
	return TEST_SUCCESS;
}

int
test_pool_fallback_log(void)
{
	const char *argv[] = {"dpkit-test",
			      "--no-huge",
			      "-m",
			      "128",
			      "--no-pci",
			      "--in-memory",
			      "-l",
			      "0",
			      "--file-prefix=pool_fallback_log_child",
			      "pool_fallback_log_child",
			      nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	printf("%s", out.c_str());
	if (rc == TEST_SKIPPED)
		return TEST_SKIPPED;
	TEST_ASSERT_EQUAL(rc, 0, "child failed");
	return TEST_SUCCESS;
}

} // namespace

REGISTER_TEST_COMMAND(pool_fallback_log_child, pool_fallback_log_child);
REGISTER_FAST_TEST(pool_fallback_log_autotest, NOHUGE_OK, ASAN_OK, test_pool_fallback_log);
