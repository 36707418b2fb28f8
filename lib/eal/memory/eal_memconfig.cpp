/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The memory configuration object and the rte_mcfg_* locks. The object is
 * mapped on first use (not a static) and its locks are process-shared, so
 * nothing in it ties it to this process; it is usable before rte_eal_init()
 * because libraries take the list locks from constructors and tests. It is
 * a memfd so that a secondary can map it (eal_mem_attach.cpp); a secondary
 * then switches from its own object to the primary's.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <new>

#include <rte_eal_memconfig.h>
#include <rte_version.h>

#include "eal_internal_cfg.h"
#include "eal_memory_private.h"
#include "eal_os_private.h"

namespace dpkit::eal_detail {

namespace {

void
init_rwlock(pthread_rwlock_t *l)
{
	pthread_rwlockattr_t a;
	pthread_rwlockattr_init(&a);
	pthread_rwlockattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_rwlock_init(l, &a);
	pthread_rwlockattr_destroy(&a);
}

int config_fd = -1;
std::atomic<mem_config *> current{nullptr};

size_t
config_len()
{
	size_t pg = os::system_page_size();
	return (sizeof(mem_config) + pg - 1) / pg * pg;
}

mem_config *
create_config()
{
	void *p = nullptr;
	int fd = os::memfd_shared("dpkit_mem_config", config_len());
	if (fd >= 0)
		p = os::map_shared(nullptr, config_len(), fd, 0);
	if (p == nullptr) {
		/* no memfd: this process can have no secondary, it still runs */
		if (fd >= 0)
			close(fd);
		fd = -1;
		p = mmap(nullptr, config_len(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			 -1, 0);
	}
	if (p == MAP_FAILED)
		abort(); /* before anything else runs: nothing sensible to do */
	config_fd = fd;
	mem_config *c = static_cast<mem_config *>(p); /* zero-filled */
	c->hdr.magic = mem_config_magic;
	c->hdr.layout = mem_config_layout();
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	c->hdr.instance = (uint64_t)getpid() << 40 ^ (uint64_t)now.tv_sec * 1000000000u ^
			  (uint64_t)now.tv_nsec;
	snprintf(c->hdr.version, sizeof(c->hdr.version), "%s", rte_version());
	c->hdr.self = c;
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

mem_config *
own_config()
{
	static mem_config *const c = create_config();
	return c;
}

} // namespace

uint64_t
mem_config_layout()
{
	/* sizes of what both processes read in place; any change of a table
	 * size or of a shared structure changes one of them */
	return (uint64_t)sizeof(mem_config) << 32 ^ (uint64_t)sizeof(rte_memzone) << 20 ^
	       (uint64_t)sizeof(rte_memseg) << 12 ^ sizeof(malloc_heap) ^
	       (uint64_t)sizeof(rte_memseg_list) << 40;
}

mem_config &
mcfg()
{
	mem_config *c = current.load(std::memory_order_acquire);
	return c != nullptr ? *c : *own_config();
}

int
mem_config_fd()
{
	own_config();
	return config_fd;
}

size_t
mem_config_len()
{
	return config_len();
}

void
mem_config_switch(mem_config *shared)
{
	current.store(shared, std::memory_order_release);
}

bool
mem_config_mp_status_set(uint32_t want)
{
	/* both processes see the same word: a secondary's attach and the
	 * primary's rte_mp_disable() cannot both win */
	std::atomic_ref<uint32_t> st(mcfg().mp_status);
	uint32_t expected = mp_status_unknown;
	if (st.compare_exchange_strong(expected, want))
		return true;
	return expected == want;
}

local_state &
local()
{
	static local_state *const s = new local_state();
	return *s;
}

} // namespace dpkit::eal_detail

using dpkit::eal_detail::mcfg;

extern "C" {

void
rte_mcfg_mem_read_lock(void)
{
	pthread_rwlock_rdlock(&mcfg().mem_lock);
}
void
rte_mcfg_mem_read_unlock(void)
{
	pthread_rwlock_unlock(&mcfg().mem_lock);
}
void
rte_mcfg_mem_write_lock(void)
{
	pthread_rwlock_wrlock(&mcfg().mem_lock);
}
void
rte_mcfg_mem_write_unlock(void)
{
	pthread_rwlock_unlock(&mcfg().mem_lock);
}

void
rte_mcfg_tailq_read_lock(void)
{
	pthread_rwlock_rdlock(&mcfg().tailq_lock);
}
void
rte_mcfg_tailq_read_unlock(void)
{
	pthread_rwlock_unlock(&mcfg().tailq_lock);
}
void
rte_mcfg_tailq_write_lock(void)
{
	pthread_rwlock_wrlock(&mcfg().tailq_lock);
}
void
rte_mcfg_tailq_write_unlock(void)
{
	pthread_rwlock_unlock(&mcfg().tailq_lock);
}

void
rte_mcfg_mempool_read_lock(void)
{
	pthread_rwlock_rdlock(&mcfg().mempool_lock);
}
void
rte_mcfg_mempool_read_unlock(void)
{
	pthread_rwlock_unlock(&mcfg().mempool_lock);
}
void
rte_mcfg_mempool_write_lock(void)
{
	pthread_rwlock_wrlock(&mcfg().mempool_lock);
}
void
rte_mcfg_mempool_write_unlock(void)
{
	pthread_rwlock_unlock(&mcfg().mempool_lock);
}

void
rte_mcfg_timer_lock(void)
{
	pthread_mutex_lock(&mcfg().timer_lock);
}
void
rte_mcfg_timer_unlock(void)
{
	pthread_mutex_unlock(&mcfg().timer_lock);
}

bool
rte_mcfg_get_single_file_segments(void)
{
	return dpkit::eal_detail::config().single_file_segments;
}

} // extern "C"
