/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Operating-system glue for Linux: the RTE_TAILQ_* / RTE_STAILQ_* list
 * macros map onto <sys/queue.h> (so code may mix both spellings on the same
 * list), and rte_cpuset_t is the libc cpu_set_t when the libc exposes it
 * (glibc does with _GNU_SOURCE).
 */

#ifndef _RTE_OS_H_
#define _RTE_OS_H_

#pragma GCC visibility push(default)

#include <pthread.h>
#include <sched.h>
#include <sys/queue.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_TAILQ_HEAD(name, type) TAILQ_HEAD(name, type)
#define RTE_TAILQ_ENTRY(type) TAILQ_ENTRY(type)
#define RTE_TAILQ_FOREACH(var, head, field) TAILQ_FOREACH(var, head, field)
#define RTE_TAILQ_FIRST(head) TAILQ_FIRST(head)
#define RTE_TAILQ_NEXT(elem, field) TAILQ_NEXT(elem, field)
#define RTE_STAILQ_HEAD(name, type) STAILQ_HEAD(name, type)
#define RTE_STAILQ_ENTRY(type) STAILQ_ENTRY(type)

#ifdef CPU_SETSIZE
typedef cpu_set_t rte_cpuset_t;
#define RTE_HAS_CPUSET

#define RTE_CPU_AND(dst, src1, src2) CPU_AND(dst, src1, src2)
#define RTE_CPU_OR(dst, src1, src2) CPU_OR(dst, src1, src2)

/* every CPU the set can hold */
#define RTE_CPU_FILL(set) \
	do { \
		unsigned int _cpu; \
		CPU_ZERO(set); \
		for (_cpu = 0; _cpu < CPU_SETSIZE; _cpu++) \
			CPU_SET(_cpu, set); \
	} while (0)

/* complement: XOR with a full set */
#define RTE_CPU_NOT(dst, src) \
	do { \
		cpu_set_t _all; \
		RTE_CPU_FILL(&_all); \
		CPU_XOR(dst, &_all, src); \
	} while (0)
#endif /* CPU_SETSIZE */

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_OS_H_ */
