/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * TSC frequency and delays.
 *
 * The frequency is found once, on first use, without needing rte_eal_init:
 *  1. CPUID leaf 0x15 (Intel): crystal clock times the TSC/crystal ratio,
 *     exact when the CPU fills in all three values;
 *  2. hypervisor leaf 0x40000010 (KVM with invtsc, VMware): TSC in kHz;
 *  3. otherwise measured: TSC ticks over ~20 ms of CLOCK_MONOTONIC_RAW.
 *     Each end point is read as (tsc, clock, tsc) and kept from the
 *     tightest of a few tries, so a preemption between the two reads cannot
 *     skew the result; the error is then ~1e-5.
 * The C++ static-local initialisation makes the one-time work thread-safe.
 */

#include <errno.h>
#include <inttypes.h>
#include <time.h>

#include <cpuid.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_log.h>
#include <rte_pause.h>

#include "eal_log_macros.h"

enum timer_source eal_timer_source = EAL_TIMER_TSC;

extern "C" {
void (*rte_delay_us)(unsigned int us) = rte_delay_us_block;
}

namespace {

constexpr uint64_t calibration_ns = UINT64_C(20) * 1000 * 1000;

uint64_t
tsc_hz_from_cpuid(void)
{
	unsigned int eax, ebx, ecx, edx;

	if (__get_cpuid_max(0, nullptr) >= 0x15) {
		__cpuid_count(0x15, 0, eax, ebx, ecx, edx);
		/* eax/ebx = crystal : TSC ratio, ecx = crystal Hz (0 = unknown) */
		if (eax != 0 && ebx != 0 && ecx != 0)
			return (uint64_t)ecx * ebx / eax;
	}
	__cpuid(1, eax, ebx, ecx, edx);
	if (ecx & (1u << 31)) { /* running under a hypervisor */
		__cpuid(0x40000000, eax, ebx, ecx, edx);
		if (eax >= 0x40000010) {
			__cpuid(0x40000010, eax, ebx, ecx, edx);
			if (eax != 0)
				return (uint64_t)eax * 1000;
		}
	}
	return 0;
}

uint64_t
clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* A (tsc, ns) pair read as close together as we can manage. */
struct sample {
	uint64_t tsc;
	uint64_t ns;
};

sample
tight_sample(void)
{
	sample best{};
	uint64_t best_span = UINT64_MAX;

	for (int i = 0; i < 5; i++) {
		uint64_t before = rte_rdtsc_precise();
		uint64_t ns = clock_ns();
		uint64_t after = rte_rdtsc_precise();
		if (after - before < best_span) {
			best_span = after - before;
			best = {before + (after - before) / 2, ns};
		}
	}
	return best;
}

uint64_t
tsc_hz_measured(void)
{
	sample start = tight_sample();
	struct timespec nap = {0, (long)calibration_ns};
	while (nanosleep(&nap, &nap) != 0 && errno == EINTR)
		;
	sample end = tight_sample();

	uint64_t ns = end.ns - start.ns;
	if (ns == 0)
		return 0;
	return (uint64_t)((unsigned __int128)(end.tsc - start.tsc) * NS_PER_S / ns);
}

uint64_t
find_tsc_hz(void)
{
	uint64_t hz = tsc_hz_from_cpuid();
	if (hz == 0)
		hz = tsc_hz_measured();
	if (hz == 0) {
		/* cannot happen with a working clock; keep delays finite anyway */
		EAL_LOG(ERR, "cannot determine the TSC frequency; assuming 1 GHz, "
			     "timings will be wrong");
		hz = NS_PER_S;
	}
	return hz;
}

} // namespace

uint64_t
rte_get_tsc_hz(void)
{
	static const uint64_t hz = find_tsc_hz();
	return hz;
}

void
rte_delay_us_block(unsigned int us)
{
	const uint64_t start = rte_get_timer_cycles();
	const uint64_t ticks = (uint64_t)us * rte_get_timer_hz() / US_PER_S;

	while (rte_get_timer_cycles() - start < ticks)
		rte_pause();
}

void
rte_delay_us_sleep(unsigned int us)
{
	struct timespec left = {(time_t)(us / US_PER_S), (long)(us % US_PER_S) * 1000};

	/* a signal cuts nanosleep short; carry on with what is left */
	while (nanosleep(&left, &left) != 0 && errno == EINTR)
		;
}

void
rte_delay_us_callback_register(void (*userfunc)(unsigned int))
{
	rte_delay_us = userfunc != nullptr ? userfunc : rte_delay_us_block;
}

/* ---- HPET: not supported ---- */

uint64_t
rte_get_hpet_cycles(void)
{
	return 0;
}

uint64_t
rte_get_hpet_hz(void)
{
	return 0;
}

int
rte_eal_hpet_init(int make_default)
{
	RTE_SET_USED(make_default);
	EAL_LOG(NOTICE,
		"HPET is not supported by dpkit; the TSC (%" PRIu64 " Hz) remains the timer",
		rte_get_tsc_hz());
	return -1;
}
