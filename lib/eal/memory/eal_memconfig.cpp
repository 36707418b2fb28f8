/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The memory configuration object and the rte_mcfg_* locks. The object is
 * mapped on first use (not a static) and its locks are process-shared, so
 * nothing in it ties it to this process; it is usable before rte_eal_init()
 * because libraries take the list locks from constructors and tests.
 */

#include <string.h>
#include <sys/mman.h>

#include <new>

#include <rte_eal_memconfig.h>

#include "eal_internal_cfg.h"
#include "eal_memory_private.h"

namespace dpkit::eal_detail {

namespace {

void init_rwlock(pthread_rwlock_t *l)
{
	pthread_rwlockattr_t a;
	pthread_rwlockattr_init(&a);
	pthread_rwlockattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_rwlock_init(l, &a);
	pthread_rwlockattr_destroy(&a);
}

mem_config *create_config()
{
	void *p = mmap(nullptr, sizeof(mem_config), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		abort(); /* before anything else runs: nothing sensible to do */
	mem_config *c = static_cast<mem_config *>(p); /* zero-filled by mmap */
	init_rwlock(&c->mem_lock);
	init_rwlock(&c->memzone_lock);
	init_rwlock(&c->tailq_lock);
	init_rwlock(&c->mempool_lock);
	pthread_mutexattr_t ma;
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&c->timer_lock, &ma);
	pthread_mutexattr_destroy(&ma);
	return c;
}

} // namespace

mem_config &mcfg()
{
	static mem_config *const c = create_config();
	return *c;
}

local_state &local()
{
	static local_state *const s = new local_state();
	return *s;
}

} // namespace dpkit::eal_detail

using dpkit::eal_detail::mcfg;

extern "C" {

void rte_mcfg_mem_read_lock(void) { pthread_rwlock_rdlock(&mcfg().mem_lock); }
void rte_mcfg_mem_read_unlock(void) { pthread_rwlock_unlock(&mcfg().mem_lock); }
void rte_mcfg_mem_write_lock(void) { pthread_rwlock_wrlock(&mcfg().mem_lock); }
void rte_mcfg_mem_write_unlock(void) { pthread_rwlock_unlock(&mcfg().mem_lock); }

void rte_mcfg_tailq_read_lock(void) { pthread_rwlock_rdlock(&mcfg().tailq_lock); }
void rte_mcfg_tailq_read_unlock(void) { pthread_rwlock_unlock(&mcfg().tailq_lock); }
void rte_mcfg_tailq_write_lock(void) { pthread_rwlock_wrlock(&mcfg().tailq_lock); }
void rte_mcfg_tailq_write_unlock(void) { pthread_rwlock_unlock(&mcfg().tailq_lock); }

void rte_mcfg_mempool_read_lock(void) { pthread_rwlock_rdlock(&mcfg().mempool_lock); }
void rte_mcfg_mempool_read_unlock(void) { pthread_rwlock_unlock(&mcfg().mempool_lock); }
void rte_mcfg_mempool_write_lock(void) { pthread_rwlock_wrlock(&mcfg().mempool_lock); }
void rte_mcfg_mempool_write_unlock(void) { pthread_rwlock_unlock(&mcfg().mempool_lock); }

void rte_mcfg_timer_lock(void) { pthread_mutex_lock(&mcfg().timer_lock); }
void rte_mcfg_timer_unlock(void) { pthread_mutex_unlock(&mcfg().timer_lock); }

bool rte_mcfg_get_single_file_segments(void)
{
	return dpkit::eal_detail::config().single_file_segments;
}

} // extern "C"
