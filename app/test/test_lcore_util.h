/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Helpers of the lcore tests (test_launch.cpp, test_lcores.cpp): counting
 * lcores, finding one that is off, running code on a plain std::thread.
 */

#ifndef _TEST_LCORE_UTIL_H_
#define _TEST_LCORE_UTIL_H_

#include <thread>

#include <rte_lcore.h>

namespace lcore_test {

/* Worker lcores (the main lcore not counted). */
inline unsigned int
worker_count()
{
	unsigned int n = 0, lcore;
	RTE_LCORE_FOREACH_WORKER(lcore)
	n++;
	return n;
}

/* The lowest lcore id with ROLE_OFF, or RTE_MAX_LCORE when all are used. */
inline unsigned int
first_off_lcore()
{
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (rte_eal_lcore_role(id) == ROLE_OFF)
			return id;
	return RTE_MAX_LCORE;
}

/* Run @p fn on a new std::thread and wait for it. */
template <typename Fn>
void
on_thread(Fn fn)
{
	std::thread t(fn);
	t.join();
}

} // namespace lcore_test

#endif /* _TEST_LCORE_UTIL_H_ */
