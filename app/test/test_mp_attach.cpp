/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * A secondary maps the primary's memory at the primary's addresses: a
 * memzone is found by name at the same address with the same contents,
 * writes are seen both ways, in --no-huge and hugepage modes; and each way
 * the attach can fail says so in one line (address taken, layout
 * mismatch, primary not answering). The children are this binary again.
 */

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <eal_mem_attach.h>

#include "test.h"
#include "test_mp.h"

namespace {

constexpr char zone_name[] = "mp_att_mz";
constexpr size_t zone_len = 4 << 20;
constexpr char occupy_env[] = "DPKIT_TEST_MP_OCCUPY";

/* The zone starts with its own address, then a pattern of bytes. */
struct zone_head {
	const void *self;
	uint32_t seed;
	uint32_t from_secondary; /* written by the secondary */
};

uint8_t
pattern_at(uint32_t seed, size_t i)
{
	return (uint8_t)((i * 131u + seed) >> 3);
}

const rte_memzone *
make_zone(uint32_t seed)
{
	const rte_memzone *mz = rte_memzone_lookup(zone_name);
	if (mz == nullptr)
		mz = rte_memzone_reserve(zone_name, zone_len, SOCKET_ID_ANY, 0);
	if (mz == nullptr)
		return nullptr;
	auto *h = static_cast<zone_head *>(mz->addr);
	h->self = mz->addr;
	h->seed = seed;
	h->from_secondary = 0;
	uint8_t *b = static_cast<uint8_t *>(mz->addr);
	for (size_t i = sizeof(*h); i < zone_len; i++)
		b[i] = pattern_at(seed, i);
	return mz;
}

/* Before main(): in a child told so, take an address range of the
 * primary's, as a library of the secondary might have. */
__attribute__((constructor)) void
occupy_if_asked()
{
	const char *v = getenv(occupy_env);
	unsigned long long addr = 0, len = 0;
	if (v == nullptr || sscanf(v, "%llx,%llx", &addr, &len) != 2)
		return;
	void *p = mmap((void *)(uintptr_t)addr, len, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (void *)(uintptr_t)addr)
		fprintf(stderr, "occupy: could not map %llx\n", addr);
}

/* A primary child: a zone with a pattern, then wait to be killed. */
int
mp_child_serve(void)
{
	const rte_memzone *mz = make_zone(7);
	if (mz == nullptr) {
		printf("serve: no zone: %s\n", rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	printf("serving %p\n", mz->addr);
	fflush(stdout);
	for (int i = 0; i < 2000; i++)
		usleep(10000);
	return TEST_SUCCESS;
}

/* A secondary child: the zone at the primary's address, its contents. */
int
mp_child_attach_check(void)
{
	if (rte_eal_process_type() != RTE_PROC_SECONDARY) {
		printf("not a secondary\n");
		return TEST_FAILED;
	}
	const rte_memzone *mz = rte_memzone_lookup(zone_name);
	if (mz == nullptr) {
		printf("no zone %s in the secondary\n", zone_name);
		return TEST_FAILED;
	}
	auto *h = static_cast<zone_head *>(mz->addr);
	if (h->self != mz->addr || mz->len < zone_len) {
		printf("zone at %p, the primary's at %p (len %zu)\n", mz->addr, h->self, mz->len);
		return TEST_FAILED;
	}
	const uint8_t *b = static_cast<const uint8_t *>(mz->addr);
	for (size_t i = sizeof(*h); i < zone_len; i++)
		if (b[i] != pattern_at(h->seed, i)) {
			printf("zone byte %zu differs\n", i);
			return TEST_FAILED;
		}
	if (rte_mem_virt2memseg(mz->addr, nullptr) == nullptr) {
		printf("no memseg for the zone\n");
		return TEST_FAILED;
	}
	h->from_secondary = 0x5ec0;
	printf("zone ok at %p hugepages=%d\n", mz->addr, rte_eal_has_hugepages());
	return TEST_SUCCESS;
}

/* The zone of this process, seen and written by a secondary. */
int
mp_attach_memzone(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	const rte_memzone *mz = make_zone(3);
	TEST_ASSERT_NOT_NULL(mz, "zone: %s", rte_strerror(rte_errno));
	std::string out;
	int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir),
			 "mp_child_attach_check"},
			out);
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	char want[64];
	snprintf(want, sizeof(want), "zone ok at %p", mz->addr);
	TEST_ASSERT(out.find(want) != std::string::npos, "secondary: %s", out.c_str());
	TEST_ASSERT_EQUAL(static_cast<zone_head *>(mz->addr)->from_secondary, 0x5ec0u,
			  "the secondary's write is not seen here");
	return TEST_SUCCESS;
}

/* A primary child in @p mode, then a secondary of it. */
int
attach_in_mode(const std::string &prefix, const std::string &mode)
{
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({mode, "--file-prefix=" + prefix, "mp_child_serve"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("serving", 20000), "%s primary did not start: %s",
		    mode.c_str(), primary.output().c_str());
	std::string po = primary.output();
	std::string addr = po.substr(po.find("serving ") + 8);
	addr = addr.substr(0, addr.find('\n'));
	std::string out;
	int rc = mp_run(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_attach_check"}, out);
	primary.kill_now();
	TEST_ASSERT_EQUAL(rc, 0, "%s secondary: %s", mode.c_str(), out.c_str());
	TEST_ASSERT(out.find("zone ok at " + addr) != std::string::npos,
		    "%s: the secondary's zone is not at the primary's %s: %s", mode.c_str(),
		    addr.c_str(), out.c_str());
	std::string huge = mode == "--no-huge" ? "hugepages=0" : "hugepages=1";
	TEST_ASSERT(out.find(huge) != std::string::npos,
		    "%s: the secondary did not take the primary's mode: %s", mode.c_str(),
		    out.c_str());
	return TEST_SUCCESS;
}

int
mp_attach_modes(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string prefix = mp_prefix_of(dir);
	TEST_ASSERT_SUCCESS(attach_in_mode(prefix + "_nh", "--no-huge"), "--no-huge");
	if (test_free_hugepages() < 16) {
		printf("hugepage mode not run: fewer than 16 free hugepages\n");
		return TEST_SUCCESS;
	}
	TEST_ASSERT_SUCCESS(attach_in_mode(prefix + "_hp", "--huge"), "hugepages");
	return TEST_SUCCESS;
}

/* ---- pages the primary maps after a secondary attached ---- */

constexpr char ctl_name[] = "mp_att_ctl";
constexpr char big_name[] = "mp_att_big";
constexpr size_t big_len = 32 << 20;

struct grow_ctl {
	uint32_t step; /* 1 attached, 2 grown, 3 checked, 4 freed, 5 done */
};

bool
wait_step(grow_ctl *c, uint32_t step)
{
	for (int i = 0; i < 20000; i++) {
		if (std::atomic_ref<uint32_t>(c->step).load() >= step)
			return true;
		usleep(1000);
	}
	return false;
}

void
set_step(grow_ctl *c, uint32_t step)
{
	std::atomic_ref<uint32_t>(c->step).store(step);
}

/* A primary child: grow the heap for a zone once a secondary runs, free
 * it after the secondary has read it. */
int
mp_child_grow(void)
{
	const rte_memzone *cz = rte_memzone_reserve(ctl_name, sizeof(grow_ctl), SOCKET_ID_ANY, 0);
	if (cz == nullptr)
		return TEST_FAILED;
	auto *c = static_cast<grow_ctl *>(cz->addr);
	set_step(c, 0);
	printf("ready\n");
	fflush(stdout);
	if (!wait_step(c, 1))
		return TEST_FAILED;
	uint64_t before = rte_eal_get_physmem_size();
	const rte_memzone *mz = rte_memzone_reserve(big_name, big_len, SOCKET_ID_ANY, 0);
	if (mz == nullptr) {
		printf("no %zu MB zone: %s\n", big_len >> 20, rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	uint8_t *b = static_cast<uint8_t *>(mz->addr);
	for (size_t i = 0; i < big_len; i += 4096)
		b[i] = pattern_at(9, i);
	printf("grown by %llu MB\n",
	       (unsigned long long)((rte_eal_get_physmem_size() - before) >> 20));
	fflush(stdout);
	set_step(c, 2);
	if (!wait_step(c, 3))
		return TEST_FAILED;
	rte_memzone_free(mz);
	printf("freed, %llu MB mapped\n", (unsigned long long)(rte_eal_get_physmem_size() >> 20));
	fflush(stdout);
	set_step(c, 4);
	return wait_step(c, 5) ? TEST_SUCCESS : TEST_FAILED;
}

/* A secondary child: the zone made after it attached, then its pages gone. */
int
mp_child_grow_check(void)
{
	const rte_memzone *cz = rte_memzone_lookup(ctl_name);
	if (cz == nullptr)
		return TEST_FAILED;
	auto *c = static_cast<grow_ctl *>(cz->addr);
	set_step(c, 1);
	if (!wait_step(c, 2))
		return TEST_FAILED;
	const rte_memzone *mz = rte_memzone_lookup(big_name);
	if (mz == nullptr) {
		printf("no zone %s\n", big_name);
		return TEST_FAILED;
	}
	const uint8_t *b = static_cast<const uint8_t *>(mz->addr);
	{
		mp_cross_process_reads grown_by_the_primary;
		for (size_t i = 0; i < big_len; i += 4096)
			if (b[i] != pattern_at(9, i)) {
				printf("byte %zu differs\n", i);
				return TEST_FAILED;
			}
	}
	void *addr = mz->addr;
	printf("grown zone ok at %p\n", addr);
	fflush(stdout);
	set_step(c, 3);
	if (!wait_step(c, 4))
		return TEST_FAILED;
	/* the primary gave the pages back: so did this process */
	unsigned char vec = 0;
	/* a page well inside the zone */
	void *page = (void *)(((uintptr_t)addr + (4 << 20)) & ~(uintptr_t)((2 << 20) - 1));
	int r = mincore(page, 4096, &vec);
	printf("after free: %s\n", r == 0 && (vec & 1) ? "still resident" : "given back");
	set_step(c, 5);
	return TEST_SUCCESS;
}

int
mp_attach_growth(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (test_free_hugepages() < 64)
		TEST_SKIP("fewer than 64 free hugepages: no primary whose heap grows");
	std::string prefix = mp_prefix_of(dir) + "_grow";
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({"--huge", "--file-prefix=" + prefix, "mp_child_grow"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("ready", 20000), "primary did not start: %s",
		    primary.output().c_str());
	std::string out;
	int rc = mp_run({"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_grow_check"},
			out);
	int prc = primary.wait(20000);
	std::string po = primary.output();
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s\nprimary: %s", out.c_str(), po.c_str());
	TEST_ASSERT_EQUAL(prc, 0, "primary: %s", po.c_str());
	TEST_ASSERT(po.find("grown by 0 MB") == std::string::npos,
		    "the heap did not grow: the test does not test anything: %s", po.c_str());
	TEST_ASSERT(out.find("grown zone ok") != std::string::npos, "secondary: %s", out.c_str());
	TEST_ASSERT(out.find("after free: given back") != std::string::npos,
		    "the secondary kept pages the primary gave back: %s", out.c_str());
	return TEST_SUCCESS;
}

/* A primary child: grow the heap while its secondary cannot answer (the
 * test stopped it, then created the file named by go_env). */
constexpr char go_env[] = "DPKIT_TEST_MP_GO";

int
mp_child_grow_stuck(void)
{
	const rte_memzone *cz = rte_memzone_reserve(ctl_name, sizeof(grow_ctl), SOCKET_ID_ANY, 0);
	const char *go = getenv(go_env);
	if (cz == nullptr || go == nullptr)
		return TEST_FAILED;
	auto *c = static_cast<grow_ctl *>(cz->addr);
	set_step(c, 0);
	printf("ready\n");
	fflush(stdout);
	if (!wait_step(c, 1))
		return TEST_FAILED;
	for (int i = 0; i < 20000 && access(go, F_OK) != 0; i++)
		usleep(1000);
	uint64_t before = rte_eal_get_physmem_size();
	const rte_memzone *mz = rte_memzone_reserve(big_name, big_len, SOCKET_ID_ANY, 0);
	uint64_t after = rte_eal_get_physmem_size();
	printf("reserve %s, mapped %llu MB before, %llu MB after\n",
	       mz == nullptr ? "failed" : "succeeded", (unsigned long long)(before >> 20),
	       (unsigned long long)(after >> 20));
	return mz == nullptr && after == before ? TEST_SUCCESS : TEST_FAILED;
}

/* A secondary child that attaches, then idles (the test stops it). */
int
mp_child_attach_idle(void)
{
	const rte_memzone *cz = rte_memzone_lookup(ctl_name);
	if (cz == nullptr)
		return TEST_FAILED;
	set_step(static_cast<grow_ctl *>(cz->addr), 1);
	printf("secondary running\n");
	fflush(stdout);
	for (int i = 0; i < 2000; i++)
		usleep(10000);
	return TEST_SUCCESS;
}

/* A secondary that cannot map new pages makes the allocation fail in the
 * primary, with nothing left mapped there; the stuck secondary is named by
 * the map request and by the unmap that undoes it. */
int
test_mp_attach_rollback(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	if (test_free_hugepages() < 64)
		TEST_SKIP("fewer than 64 free hugepages: no primary whose heap grows");
	std::string prefix = mp_prefix_of(dir) + "_stuck";
	std::string go = dir + "/go_" + prefix;
	unlink(go.c_str());
	setenv(go_env, go.c_str(), 1);
	mp_child primary, secondary;
	int started = primary.start({"--huge", "--file-prefix=" + prefix, "mp_child_grow_stuck"});
	unsetenv(go_env);
	TEST_ASSERT_SUCCESS(started, "spawn");
	TEST_ASSERT(primary.wait_output("ready", 20000), "primary did not start: %s",
		    primary.output().c_str());
	TEST_ASSERT_SUCCESS(secondary.start({"--proc-type=secondary", "--file-prefix=" + prefix,
					     "mp_child_attach_idle"}),
			    "spawn");
	TEST_ASSERT(secondary.wait_output("secondary running", 20000),
		    "secondary did not attach: %s", secondary.output().c_str());
	kill(secondary.pid(), SIGSTOP);
	FILE *f = fopen(go.c_str(), "w");
	if (f != nullptr)
		fclose(f);
	int rc = primary.wait(20000);
	unlink(go.c_str());
	kill(secondary.pid(), SIGCONT);
	secondary.kill_now();
	std::string out = primary.output();
	TEST_ASSERT_EQUAL(rc, 0, "primary: %s", out.c_str());
	TEST_ASSERT(out.find("reserve failed") != std::string::npos, "%s", out.c_str());
	/* one line for the map request, one for the unmap that undoes it */
	TEST_ASSERT_EQUAL(mp_count(out, "request eal_mem_sync: no reply from"), 2u,
			  "a line naming the secondary per request: %s", out.c_str());
	return TEST_SUCCESS;
}

/* ---- failure modes: one line each ---- */

int
expect_refused(const std::vector<std::string> &args, const char *what, const char *line,
	       int wait_ms = 20000)
{
	mp_child c;
	TEST_ASSERT_SUCCESS(c.start(args), "spawn");
	int rc = c.wait(wait_ms);
	std::string out = c.output();
	TEST_ASSERT_EQUAL(rc, 1, "%s: %s", what, out.c_str());
	TEST_ASSERT(out.find(line) != std::string::npos, "%s: no '%s' in: %s", what, line,
		    out.c_str());
	TEST_ASSERT_EQUAL(mp_count(out, "EAL: "), 1u, "%s: one line: %s", what, out.c_str());
	return TEST_SUCCESS;
}

int
mp_attach_address_taken(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	const rte_memzone *mz = make_zone(5);
	TEST_ASSERT_NOT_NULL(mz, "zone: %s", rte_strerror(rte_errno));
	char v[64];
	snprintf(v, sizeof(v), "%" PRIxPTR ",%x", (uintptr_t)mz->addr & ~(uintptr_t)4095, 4096);
	setenv(occupy_env, v, 1);
	int r = expect_refused(
		{"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir), "mp_child_info"},
		"address taken", "is taken in this process");
	unsetenv(occupy_env);
	return r;
}

int
mp_attach_layout_mismatch(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	TEST_ASSERT_SUCCESS(dpkit_mem_config_test_skew(1), "skew");
	int r = expect_refused(
		{"--proc-type=secondary", "--file-prefix=" + mp_prefix_of(dir), "mp_child_info"},
		"layout mismatch", "build both from the same dpkit");
	dpkit_mem_config_test_skew(0);
	return r;
}

/* A primary that holds its lock but does not answer (stopped). */
int
mp_attach_no_answer(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string prefix = mp_prefix_of(dir) + "_stop";
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({"--file-prefix=" + prefix, "mp_child_serve"}), "spawn");
	TEST_ASSERT(primary.wait_output("serving", 20000), "primary did not start: %s",
		    primary.output().c_str());
	kill(primary.pid(), SIGSTOP);
	int r = expect_refused(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_info"},
		"stopped primary", "request eal_mem_attach: no reply from");
	kill(primary.pid(), SIGCONT);
	primary.kill_now();
	return r;
}

/* The primary's memory starts at --base-virtaddr (the way out of an
 * address taken in a secondary) and a secondary attaches there. The base
 * is above AddressSanitizer's shadow, below the program and its libraries;
 * ThreadSanitizer keeps that range for itself, so there it is in the low
 * range it leaves to the program (below 512 GB). */
int
mp_attach_base_virtaddr(void)
{
	MP_NEED_RUNTIME_DIR(dir);
#ifdef MP_TSAN
	constexpr unsigned long long base = 0x4000000000ULL;
#else
	constexpr unsigned long long base = 0x200000000000ULL;
#endif
	char base_arg[64];
	snprintf(base_arg, sizeof(base_arg), "--base-virtaddr=%#llx", base);
	std::string prefix = mp_prefix_of(dir) + "_base";
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({base_arg, "--file-prefix=" + prefix, "mp_child_serve"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("serving", 20000), "primary did not start: %s",
		    primary.output().c_str());
	std::string po = primary.output();
	unsigned long long addr = strtoull(po.c_str() + po.find("serving ") + 8, nullptr, 16);
	std::string out;
	int rc = mp_run(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_attach_check"}, out);
	primary.kill_now();
	TEST_ASSERT(addr >= base && addr < base + (1ULL << 40),
		    "the zone is at %#llx, not above --base-virtaddr %#llx", addr, base);
	TEST_ASSERT_EQUAL(rc, 0, "secondary: %s", out.c_str());
	TEST_ASSERT(out.find("zone ok at") != std::string::npos, "secondary: %s", out.c_str());
	return TEST_SUCCESS;
}

/* A primary child that holds its memory lock for writing for 8 s. */
int
mp_child_hold_lock(void)
{
	rte_mcfg_mem_write_lock();
	printf("locked\n");
	fflush(stdout);
	usleep(8000000);
	rte_mcfg_mem_write_unlock();
	return TEST_SUCCESS;
}

/* A primary that keeps its memory locked (mapping pages, say) for longer
 * than the attach waits: the secondary gives up after 5 s in one line. */
int
test_mp_attach_busy(void)
{
	MP_NEED_RUNTIME_DIR(dir);
	std::string prefix = mp_prefix_of(dir) + "_busy";
	mp_child primary;
	TEST_ASSERT_SUCCESS(primary.start({"--file-prefix=" + prefix, "mp_child_hold_lock"}),
			    "spawn");
	TEST_ASSERT(primary.wait_output("locked", 20000), "primary did not start: %s",
		    primary.output().c_str());
	int r = expect_refused(
		{"--proc-type=secondary", "--file-prefix=" + prefix, "mp_child_info"},
		"memory locked", "the primary kept its memory locked for 5 s");
	primary.kill_now();
	return r;
}

// clang-format off
const struct unit_test_case attach_cases[] = {
	TEST_CASE(mp_attach_memzone),
	TEST_CASE(mp_attach_modes),
	TEST_CASE(mp_attach_growth),
	TEST_CASE(mp_attach_address_taken),
	TEST_CASE(mp_attach_base_virtaddr),
	TEST_CASE(mp_attach_layout_mismatch),
	TEST_CASE(mp_attach_no_answer),
	TEST_CASES_END()
};
// clang-format on

const struct unit_test_suite attach_suite = {"multi-process: memory attach", nullptr, nullptr,
					     attach_cases};

int
test_mp_attach(void)
{
	return unit_test_suite_runner(&attach_suite);
}

} // namespace

REGISTER_FAST_TEST(mp_attach_autotest, NOHUGE_OK, ASAN_OK, test_mp_attach);
REGISTER_FAST_TEST(mp_attach_rollback_autotest, NOHUGE_OK, ASAN_OK, test_mp_attach_rollback);
REGISTER_FAST_TEST(mp_attach_busy_autotest, NOHUGE_OK, ASAN_OK, test_mp_attach_busy);
REGISTER_TEST_COMMAND(mp_child_serve, mp_child_serve);
REGISTER_TEST_COMMAND(mp_child_attach_check, mp_child_attach_check);
REGISTER_TEST_COMMAND(mp_child_grow, mp_child_grow);
REGISTER_TEST_COMMAND(mp_child_grow_check, mp_child_grow_check);
REGISTER_TEST_COMMAND(mp_child_grow_stuck, mp_child_grow_stuck);
REGISTER_TEST_COMMAND(mp_child_attach_idle, mp_child_attach_idle);
REGISTER_TEST_COMMAND(mp_child_hold_lock, mp_child_hold_lock);
