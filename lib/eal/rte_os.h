/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Operating-system glue for Linux: the CPU set type used by the lcore and
 * thread APIs. cpu_set_t is only visible when the application compiles with
 * _GNU_SOURCE (glibc hides it otherwise), so RTE_HAS_CPUSET tells callers
 * whether the cpuset-taking functions are declared.
 */

#ifndef _RTE_OS_H_
#define _RTE_OS_H_

#include <pthread.h>
#include <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef CPU_SETSIZE
typedef cpu_set_t rte_cpuset_t;
#define RTE_HAS_CPUSET

#define RTE_CPU_AND(dst, src1, src2) CPU_AND(dst, src1, src2)
#define RTE_CPU_OR(dst, src1, src2) CPU_OR(dst, src1, src2)
/** Put every CPU the set type can hold into @p set. */
#define RTE_CPU_FILL(set) do { \
	unsigned int _cpu; \
	CPU_ZERO(set); \
	for (_cpu = 0; _cpu < CPU_SETSIZE; _cpu++) \
		CPU_SET(_cpu, set); \
} while (0)
/** @p dst = every CPU not in @p src. */
#define RTE_CPU_NOT(dst, src) do { \
	rte_cpuset_t _all; \
	RTE_CPU_FILL(&_all); \
	CPU_XOR(dst, &_all, src); \
} while (0)
#endif /* CPU_SETSIZE */

#ifdef __cplusplus
}
#endif

#endif /* _RTE_OS_H_ */
