/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Stall injection (built only with -Dstall_injection=true; see dpkit_stall.h).
 *
 * dpkit_stall_armed counts what can make a point stop: 1 for the random
 * settings when they are on, plus 1 per thread holding an unspent one-shot.
 * While it is 0 a point costs a relaxed load. The random settings are
 * published as one immutable snapshot behind an atomic pointer; old
 * snapshots are kept until exit, because a thread may still be reading one
 * (there are a handful per test run). Each thread draws from its own
 * xorshift stream, seeded from the configured seed and the thread's
 * arrival order, so a run's stall pattern is repeatable as far as thread
 * scheduling lets it be.
 */

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include <rte_log.h>

#include "dpkit_stall.h"
#include "eal_log_macros.h"

int dpkit_stall_armed;

namespace {

struct settings {
	uint32_t yield_ppm;
	uint32_t sleep_ppm;
	uint64_t sleep_min_ns;
	uint64_t sleep_max_ns;
	std::string sites;
	uint64_t seed;
};

std::atomic<const settings *> current{nullptr};
std::mutex retired_lock;
/* replaced settings a thread may still be reading: kept for the life of
 * the process, through a pointer that is never destroyed (a global vector
 * would be freed at exit and leave them unreachable to LeakSanitizer) */
std::vector<const settings *> *const retired = new std::vector<const settings *>;
std::atomic<uint64_t> points{0}, taken{0};
std::atomic<uint64_t> thread_arrivals{0};

struct thread_state {
	uint64_t rng = 0; /* 0: not seeded yet */
	const settings *seeded_for = nullptr;
	bool exempt = false;
	bool shot_armed = false;
	std::string shot_site;
	uint64_t shot_ns = 0;

	/* a thread that ends with its shot unspent must not keep every
	 * point of every other thread on the slow path */
	~thread_state()
	{
		if (shot_armed)
			std::atomic_ref(dpkit_stall_armed).fetch_sub(1, std::memory_order_relaxed);
	}
};
thread_local thread_state self;

uint64_t
next_random(const settings &s)
{
	if (self.rng == 0 || self.seeded_for != &s) {
		uint64_t k = thread_arrivals.fetch_add(1, std::memory_order_relaxed) + 1;
		self.rng = (s.seed != 0 ? s.seed : 0x9e3779b97f4a7c15ULL) ^
			   (k * 0xbf58476d1ce4e5b9ULL);
		if (self.rng == 0)
			self.rng = 1;
		self.seeded_for = &s;
	}
	/* xorshift64* */
	self.rng ^= self.rng >> 12;
	self.rng ^= self.rng << 25;
	self.rng ^= self.rng >> 27;
	return self.rng * 0x2545f4914f6cdd1dULL;
}

void
sleep_ns(uint64_t ns)
{
	struct timespec ts = {(time_t)(ns / 1000000000ULL), (long)(ns % 1000000000ULL)};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

bool
starts_with(const char *site, const std::string &prefix)
{
	return strncmp(site, prefix.c_str(), prefix.size()) == 0;
}

void
publish(const settings *next)
{
	std::lock_guard<std::mutex> g(retired_lock);
	const settings *old = current.exchange(next, std::memory_order_acq_rel);
	if (old != nullptr) {
		std::atomic_ref(dpkit_stall_armed).fetch_sub(1, std::memory_order_relaxed);
		retired->push_back(old);
	}
	if (next != nullptr)
		std::atomic_ref(dpkit_stall_armed).fetch_add(1, std::memory_order_relaxed);
}

/* "yield:N,sleep:M:MIN-MAX,sites:P,seed:S" (microseconds) from DPKIT_STALL */
int
parse_spec(const char *spec, settings &out)
{
	std::string s(spec);
	size_t pos = 0;
	while (pos <= s.size()) {
		size_t end = s.find(',', pos);
		if (end == std::string::npos)
			end = s.size();
		std::string item = s.substr(pos, end - pos);
		unsigned long long a = 0, b = 0, c = 0;
		char prefix[128];
		if (sscanf(item.c_str(), "yield:%llu", &a) == 1) {
			out.yield_ppm = (uint32_t)a;
		} else if (sscanf(item.c_str(), "sleep:%llu:%llu-%llu", &a, &b, &c) == 3) {
			out.sleep_ppm = (uint32_t)a;
			out.sleep_min_ns = b * 1000;
			out.sleep_max_ns = c * 1000;
		} else if (sscanf(item.c_str(), "seed:%llu", &a) == 1) {
			out.seed = a;
		} else if (sscanf(item.c_str(), "sites:%127s", prefix) == 1) {
			out.sites = prefix;
		} else if (!item.empty()) {
			return -EINVAL;
		}
		pos = end + 1;
	}
	return 0;
}

__attribute__((constructor)) void
stall_from_environment()
{
	const char *spec = getenv("DPKIT_STALL");
	if (spec == nullptr || spec[0] == '\0')
		return;
	auto *s = new settings{};
	if (parse_spec(spec, *s) != 0 || s->yield_ppm > 1000000 || s->sleep_ppm > 1000000 ||
	    s->sleep_min_ns > s->sleep_max_ns) {
		fprintf(stderr,
			"DPKIT_STALL=%s: expected yield:N,sleep:M:MINUS-MAXUS,sites:PREFIX,"
			"seed:S with rates in points per million; no stall armed\n",
			spec);
		delete s;
		return;
	}
	publish(s);
}

} // namespace

extern "C" {

void
dpkit_stall_hit(const char *site)
{
	points.fetch_add(1, std::memory_order_relaxed);

	if (self.shot_armed && starts_with(site, self.shot_site)) {
		self.shot_armed = false;
		std::atomic_ref(dpkit_stall_armed).fetch_sub(1, std::memory_order_relaxed);
		taken.fetch_add(1, std::memory_order_relaxed);
		sleep_ns(self.shot_ns);
		return;
	}

	const settings *s = current.load(std::memory_order_acquire);
	if (s == nullptr || self.exempt || !starts_with(site, s->sites))
		return;
	uint64_t r = next_random(*s) % 1000000;
	if (r < s->sleep_ppm) {
		uint64_t span = s->sleep_max_ns - s->sleep_min_ns;
		uint64_t ns = s->sleep_min_ns + (span != 0 ? next_random(*s) % (span + 1) : 0);
		taken.fetch_add(1, std::memory_order_relaxed);
		sleep_ns(ns);
	} else if (r < (uint64_t)s->sleep_ppm + s->yield_ppm) {
		taken.fetch_add(1, std::memory_order_relaxed);
		sched_yield();
	}
}

int
dpkit_stall_configure(const struct dpkit_stall_config *cfg)
{
	if (cfg == nullptr) {
		publish(nullptr);
		return 0;
	}
	if (cfg->yield_ppm > 1000000 || cfg->sleep_ppm > 1000000 ||
	    (uint64_t)cfg->yield_ppm + cfg->sleep_ppm > 1000000 ||
	    cfg->sleep_min_ns > cfg->sleep_max_ns) {
		EAL_LOG(ERR, "stall injection: rates must add up to at most 1000000 per "
			     "million and sleep_min_ns <= sleep_max_ns; nothing changed");
		return -EINVAL;
	}
	auto *s = new settings{cfg->yield_ppm,
			       cfg->sleep_ppm,
			       cfg->sleep_min_ns,
			       cfg->sleep_max_ns,
			       cfg->sites != nullptr ? cfg->sites : "",
			       cfg->seed};
	points.store(0, std::memory_order_relaxed);
	taken.store(0, std::memory_order_relaxed);
	publish(s);
	return 0;
}

int
dpkit_stall_next(const char *site, uint64_t ns)
{
	if (site == nullptr || site[0] == '\0') {
		EAL_LOG(ERR, "stall injection: a one-shot stall needs a site name "
			     "(prefix), e.g. \"ring.deq\"");
		return -EINVAL;
	}
	if (!self.shot_armed)
		std::atomic_ref(dpkit_stall_armed).fetch_add(1, std::memory_order_relaxed);
	self.shot_site = site;
	self.shot_ns = ns;
	self.shot_armed = true;
	return 0;
}

bool
dpkit_stall_next_spent(void)
{
	return !self.shot_armed;
}

void
dpkit_stall_thread_exempt(bool exempt)
{
	self.exempt = exempt;
}

uint64_t
dpkit_stall_points(void)
{
	return points.load(std::memory_order_relaxed);
}

uint64_t
dpkit_stall_taken(void)
{
	return taken.load(std::memory_order_relaxed);
}

} // extern "C"
