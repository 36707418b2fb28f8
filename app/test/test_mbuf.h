/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Helpers shared by the mbuf autotests (test_mbuf*.cpp).
 */

#ifndef _TEST_MBUF_H_
#define _TEST_MBUF_H_

#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

namespace mbuf_test {

/* Everything logged while an instance lives (or until text() is called). */
class log_capture {
public:
	log_capture() : old_(rte_log_get_stream())
	{
		stream_ = open_memstream(&buf_, &len_);
		rte_openlog_stream(stream_);
	}
	~log_capture()
	{
		finish();
		free(buf_);
	}
	log_capture(const log_capture &) = delete;
	log_capture &operator=(const log_capture &) = delete;

	std::string text()
	{
		finish();
		return std::string(buf_ != nullptr ? buf_ : "", len_);
	}
	int lines()
	{
		int n = 0;
		for (char c : text())
			n += c == '\n';
		return n;
	}

private:
	void finish()
	{
		if (stream_ == nullptr)
			return;
		rte_openlog_stream(old_ == stderr ? nullptr : old_);
		fclose(stream_);
		stream_ = nullptr;
	}
	FILE *old_;
	FILE *stream_ = nullptr;
	char *buf_ = nullptr;
	size_t len_ = 0;
};

/* Frees a pool when it goes out of scope (NULL is fine). */
struct pool_guard {
	struct rte_mempool *mp;
	explicit pool_guard(struct rte_mempool *p) : mp(p) {}
	~pool_guard() { rte_mempool_free(mp); }
	pool_guard(const pool_guard &) = delete;
	pool_guard &operator=(const pool_guard &) = delete;
};

/* Fill @len bytes at @p with a pattern that depends on @seed and position. */
inline void
fill_pattern(void *p, size_t len, unsigned seed)
{
	auto *b = static_cast<unsigned char *>(p);
	for (size_t i = 0; i < len; i++)
		b[i] = static_cast<unsigned char>(seed * 31 + i * 7);
}

inline bool
check_pattern(const void *p, size_t len, unsigned seed, size_t from = 0)
{
	auto *b = static_cast<const unsigned char *>(p);
	for (size_t i = 0; i < len; i++)
		if (b[i] != static_cast<unsigned char>(seed * 31 + (i + from) * 7))
			return false;
	return true;
}

/* Read the whole packet into a string (for comparing contents). */
inline std::string
packet_bytes(const struct rte_mbuf *m)
{
	std::string s;
	for (const struct rte_mbuf *seg = m; seg != nullptr; seg = seg->next)
		s.append(rte_pktmbuf_mtod(seg, const char *), seg->data_len);
	return s;
}

/*
 * Allocate single mbufs until only @leave remain available. Single gets
 * also reach objects parked in this lcore's cache, which a bulk get larger
 * than the cache may not.
 */
inline std::vector<struct rte_mbuf *>
drain(struct rte_mempool *mp, unsigned leave)
{
	std::vector<struct rte_mbuf *> taken;
	while (rte_mempool_avail_count(mp) > leave) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		if (m == nullptr)
			break;
		taken.push_back(m);
	}
	return taken;
}

} // namespace mbuf_test

#endif /* _TEST_MBUF_H_ */
