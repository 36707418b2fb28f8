/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fault injection counters (built only with -Dfault_injection=true).
 *
 * Per kind: a call counter, the armed call number (0 = off), whether the
 * fault sticks once reached, and how many faults fired. A hook bumps the
 * counter with one atomic add; the call whose new count equals the armed
 * number fails, so under concurrency exactly one caller gets the fault.
 * All state is constant-initialised, so hooks work from any constructor,
 * and the DPKIT_FAULT environment variable is read by a constructor that
 * runs before main() and therefore before rte_eal_init().
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atomic>
#include <string>
#include <vector>

#include <rte_common.h>

#include "eal_fault.h"

namespace {

struct fault_state {
	std::atomic<uint64_t> calls{0};
	std::atomic<uint64_t> armed{0};  /* fail this call number; 0 = off */
	std::atomic<bool> sticky{false}; /* and every one after it */
	std::atomic<uint64_t> fired{0};
};

constinit fault_state faults[DPKIT_FAULT_KIND_MAX];
constinit std::atomic<unsigned> wait_cap_ms{0};

const char *const kind_names[DPKIT_FAULT_KIND_MAX] = {
	"memseg_alloc", "memzone_reserve", "malloc", "mmap",   "mlock",
	"heap_place",   "syscall",         "ipc",    "attach",
};

bool
valid(enum dpkit_fault_kind k)
{
	return (unsigned)k < DPKIT_FAULT_KIND_MAX;
}

struct parsed_fault {
	enum dpkit_fault_kind kind;
	uint64_t nth;
	bool sticky;
};

/* One "kind:N[+]" item. @return false if malformed. */
bool
parse_item(const std::string &item, parsed_fault &out)
{
	size_t colon = item.find(':');
	if (colon == std::string::npos)
		return false;
	std::string name = item.substr(0, colon);
	int k = -1;
	for (unsigned i = 0; i < DPKIT_FAULT_KIND_MAX; i++)
		if (name == kind_names[i])
			k = (int)i;
	if (k < 0)
		return false;
	const char *num = item.c_str() + colon + 1;
	if (*num < '0' || *num > '9')
		return false;
	char *end = nullptr;
	errno = 0;
	unsigned long long n = strtoull(num, &end, 10);
	if (errno != 0 || n == 0)
		return false;
	bool sticky = *end == '+';
	if (sticky)
		end++;
	if (*end != '\0')
		return false;
	out = {(enum dpkit_fault_kind)k, (uint64_t)n, sticky};
	return true;
}

} // namespace

extern "C" {

bool
dpkit_fault_hit(enum dpkit_fault_kind kind)
{
	fault_state &f = faults[kind];
	/* pairs with the release stores of dpkit_fault_arm */
	uint64_t n = f.calls.fetch_add(1, std::memory_order_acq_rel) + 1;
	uint64_t armed = f.armed.load(std::memory_order_acquire);
	if (armed == 0 || n < armed || (n > armed && !f.sticky.load(std::memory_order_relaxed)))
		return false;
	f.fired.fetch_add(1, std::memory_order_relaxed);
	errno = ENOMEM;
	return true;
}

void
dpkit_fault_arm(enum dpkit_fault_kind kind, uint64_t nth, bool from_then_on)
{
	if (!valid(kind))
		return;
	fault_state &f = faults[kind];
	f.armed.store(0, std::memory_order_release); /* no fault while counters move */
	f.calls.store(0, std::memory_order_release);
	f.fired.store(0, std::memory_order_relaxed);
	f.sticky.store(from_then_on, std::memory_order_relaxed);
	f.armed.store(nth, std::memory_order_release);
}

void
dpkit_fault_reset(void)
{
	for (unsigned i = 0; i < DPKIT_FAULT_KIND_MAX; i++)
		dpkit_fault_arm((enum dpkit_fault_kind)i, 0, false);
}

uint64_t
dpkit_fault_calls(enum dpkit_fault_kind kind)
{
	return valid(kind) ? faults[kind].calls.load(std::memory_order_acquire) : 0;
}

uint64_t
dpkit_fault_fired(enum dpkit_fault_kind kind)
{
	return valid(kind) ? faults[kind].fired.load(std::memory_order_acquire) : 0;
}

const char *
dpkit_fault_kind_name(enum dpkit_fault_kind kind)
{
	return valid(kind) ? kind_names[kind] : "?";
}

int
dpkit_fault_arm_spec(const char *spec)
{
	if (spec == nullptr)
		return -EINVAL;
	/* parse everything first: a bad spec arms nothing */
	std::vector<parsed_fault> items;
	std::string s(spec);
	for (size_t start = 0; start <= s.size();) {
		size_t comma = s.find(',', start);
		std::string item = s.substr(start, comma == std::string::npos ? std::string::npos
									      : comma - start);
		parsed_fault p;
		if (!parse_item(item, p)) {
			/* the log system may not exist yet (constructor): stderr */
			fprintf(stderr,
				"EAL: DPKIT_FAULT: bad item '%s'; write kind:N[+] with kind "
				"one of memseg_alloc, memzone_reserve, malloc, mmap, mlock, "
				"heap_place, syscall, ipc, attach and N >= 1\n",
				item.c_str());
			return -EINVAL;
		}
		items.push_back(p);
		if (comma == std::string::npos)
			break;
		start = comma + 1;
	}
	for (const auto &p : items)
		dpkit_fault_arm(p.kind, p.nth, p.sticky);
	return 0;
}

void
dpkit_fault_wait_cap_set(unsigned int ms)
{
	wait_cap_ms.store(ms, std::memory_order_relaxed);
}

unsigned int
dpkit_fault_wait_cap(void)
{
	return wait_cap_ms.load(std::memory_order_relaxed);
}

} // extern "C"

/* Faults asked for in the environment are armed before main() runs. */
RTE_INIT(dpkit_fault_from_env)
{
	const char *spec = getenv("DPKIT_FAULT");
	if (spec != nullptr && spec[0] != '\0' && dpkit_fault_arm_spec(spec) == 0)
		fprintf(stderr, "EAL: fault injection armed: DPKIT_FAULT=%s\n", spec);
	const char *cap = getenv("DPKIT_FAULT_WAIT_MS");
	if (cap != nullptr)
		dpkit_fault_wait_cap_set((unsigned)strtoul(cap, nullptr, 10));
}
