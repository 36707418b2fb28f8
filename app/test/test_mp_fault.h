/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Shared by the multi-process fault tests (test_mp_fault.cpp,
 * test_mp_fault_grow.cpp): this process is the primary, with a ring, a
 * pool, a memzone and a net_null port; what it must keep across a
 * secondary's failure is its "survivor" state.
 */

#ifndef _TEST_MP_FAULT_H_
#define _TEST_MP_FAULT_H_

#include <string>
#include <vector>

#include "test_fault.h"

namespace mpf {

/* lost datagrams are waited for this long, not the seconds of the API */
constexpr unsigned wait_cap_ms = 1500;
constexpr char wait_cap_str[] = "1500";
constexpr char port_name[] = "net_null_mpf";
constexpr char ctl_name[] = "mpf_ctl"; /* a step word shared with a child */

struct survivor {
	fault_footprint fp;
	unsigned maps;     /* lines of /proc/self/maps */
	std::string files; /* the runtime directory's entries */
};

survivor survivor_now(const std::string &dir);

/** The primary is as in @p base (after settling) and its objects work.
 * @return TEST_SUCCESS or TEST_FAILED. */
int check_survivor(const survivor &base, const std::string &dir, const std::string &what);

/** "" when the primary's ring, pool, zone and port work, else what fails. */
std::string primary_objects_work();

/** Make the primary's objects; cap IPC waits. @return TEST_SUCCESS or TEST_FAILED. */
int mpf_setup(void);
void mpf_teardown(void);

std::vector<std::string> secondary_args(const std::string &dir, const char *cmd);

/** The number after @p key in @p out (0 when absent). */
unsigned long long count_of(const std::string &out, const std::string &key);

} // namespace mpf

#endif /* _TEST_MP_FAULT_H_ */
