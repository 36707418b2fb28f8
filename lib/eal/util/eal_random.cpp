/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Per-thread xoshiro256++ generators (Blackman & Vigna, public domain
 * algorithm), seeded through splitmix64.
 *
 * Re-seeding without touching other threads' state: rte_srand() publishes
 * a new seed and bumps a generation counter; each thread compares its own
 * generation with the global one on every draw (one load of a line that is
 * only written by rte_srand, so it stays shared in every cache) and derives
 * fresh state from (seed, its thread number) when they differ. A thread's
 * number is handed out at its first draw and kept for its life.
 */

#include <errno.h>
#include <sys/random.h>

#include <atomic>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_random.h>

namespace {

std::atomic<uint64_t> global_seed{0};
/* 0 = not seeded yet; the constructor below makes it 1 */
std::atomic<uint64_t> global_generation{0};
std::atomic<uint64_t> next_thread_number{0};

struct generator {
	uint64_t s[4];
	uint64_t generation; /* global_generation this state was built from */
	uint64_t number;     /* this thread's number, UINT64_MAX until assigned */
};

/* generation UINT64_MAX never matches: the first draw always seeds.
 * initial-exec: a fixed offset from the thread pointer instead of a
 * __tls_get_addr call per draw (libdpkit is loaded at start-up, and 48
 * bytes fit easily in the static TLS reserve even when dlopen()ed). */
__attribute__((tls_model("initial-exec"))) thread_local generator gen = {
	{0, 0, 0, 0}, UINT64_MAX, UINT64_MAX};

uint64_t
splitmix64(uint64_t &x)
{
	uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

__rte_noinline void
reseed(generator &g, uint64_t generation)
{
	if (g.number == UINT64_MAX)
		g.number = next_thread_number.fetch_add(1, std::memory_order_relaxed);
	/* distinct threads start from seeds far apart in splitmix's sequence */
	uint64_t x = global_seed.load(std::memory_order_relaxed) ^
		     (g.number * 0xd1b54a32d192ed03ULL);
	for (uint64_t &word : g.s)
		word = splitmix64(x);
	/* splitmix64 never yields four zero words in a row: the state is valid */
	g.generation = generation;
}

inline uint64_t
next(generator &g)
{
	uint64_t generation = global_generation.load(std::memory_order_acquire);
	if (unlikely(g.generation != generation))
		reseed(g, generation);

	uint64_t *s = g.s;
	const uint64_t result = rotl(s[0] + s[3], 23) + s[0];
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Seed from the kernel; the TSC is a fallback for very old kernels. */
RTE_INIT(random_startup_seed)
{
	uint64_t seed;
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != (ssize_t)sizeof(seed))
		seed = rte_rdtsc();
	rte_srand(seed);
}

} // namespace

void
rte_srand(uint64_t seedval)
{
	global_seed.store(seedval, std::memory_order_relaxed);
	/* release: a thread that sees the new generation sees the new seed */
	global_generation.fetch_add(1, std::memory_order_release);
}

uint64_t
rte_rand(void)
{
	return next(gen);
}

uint64_t
rte_rand_max(uint64_t upper_bound)
{
	if (upper_bound < 2)
		return 0;

	/*
	 * Lemire's multiply-and-reject: the high half of x * bound is uniform
	 * in [0, bound) once the low half is at least 2^64 mod bound. The
	 * rejection needs a division only when the low half is small, which
	 * happens with probability bound / 2^64.
	 */
	generator &g = gen;
	unsigned __int128 m = (unsigned __int128)next(g) * upper_bound;
	uint64_t low = (uint64_t)m;
	if (unlikely(low < upper_bound)) {
		const uint64_t threshold = -upper_bound % upper_bound;
		while (low < threshold) {
			m = (unsigned __int128)next(g) * upper_bound;
			low = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

double
rte_drand(void)
{
	/* top 53 bits fill a double's mantissa exactly: k * 2^-53, k < 2^53 */
	return (double)(next(gen) >> 11) * 0x1.0p-53;
}
