/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * dpdk-test's dump commands, which DPDK's test scripts call between
 * autotests: dump_physmem, dump_memzone, dump_struct_sizes, dump_ring,
 * dump_mempool, dump_malloc_stats, dump_malloc_heaps, dump_devargs,
 * dump_log_types, and "dump_ring <name>" / "dump_mempool <name>" for one
 * object. They print what the library's dump functions print and are not
 * tests: no "Test OK" follows them. dump_commands_autotest checks them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include <bus_vdev_driver.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "test.h"

namespace {

struct dump_command {
	const char *name;
	void (*all)(FILE *f);                     /* the command alone */
	bool (*one)(FILE *f, const char *object); /* with a name: false if not found */
};

void
struct_sizes(FILE *f)
{
	fprintf(f, "sizeof(struct rte_mbuf) = %zu\n", sizeof(struct rte_mbuf));
	fprintf(f, "sizeof(struct rte_mempool) = %zu\n", sizeof(struct rte_mempool));
	fprintf(f, "sizeof(struct rte_ring) = %zu\n", sizeof(struct rte_ring));
}

void
malloc_stats(FILE *f)
{
	rte_malloc_dump_stats(f, nullptr);
}

bool
one_ring(FILE *f, const char *name)
{
	struct rte_ring *r = rte_ring_lookup(name);
	if (r == nullptr) {
		fprintf(f, "Cannot find ring\n");
		return false;
	}
	rte_ring_dump(f, r);
	return true;
}

bool
one_mempool(FILE *f, const char *name)
{
	struct rte_mempool *mp = rte_mempool_lookup(name);
	if (mp == nullptr) {
		fprintf(f, "Cannot find mempool\n");
		return false;
	}
	rte_mempool_dump(f, mp);
	return true;
}

const dump_command dump_commands[] = {
	{"dump_physmem", rte_dump_physmem_layout, nullptr},
	{"dump_memzone", rte_memzone_dump, nullptr},
	{"dump_struct_sizes", struct_sizes, nullptr},
	{"dump_ring", rte_ring_list_dump, one_ring},
	{"dump_mempool", rte_mempool_list_dump, one_mempool},
	{"dump_malloc_stats", malloc_stats, nullptr},
	{"dump_malloc_heaps", rte_malloc_dump_heaps, nullptr},
	{"dump_devargs", dpkit_vdev_dump, nullptr},
	{"dump_log_types", rte_log_dump, nullptr},
};

const dump_command *
find(const std::string &name)
{
	for (const auto &c : dump_commands)
		if (name == c.name)
			return &c;
	return nullptr;
}

} // namespace

bool
test_dump_known(const char *word)
{
	return find(word) != nullptr;
}

int
test_dump_run(const std::string &line, FILE *out)
{
	size_t space = line.find(' ');
	std::string name = line.substr(0, space);
	const dump_command *c = find(name);
	if (c == nullptr)
		return -ENOENT;
	if (space == std::string::npos) {
		c->all(out);
	} else {
		std::string object = line.substr(line.find_first_not_of(' ', space));
		if (c->one == nullptr) {
			fprintf(out, "%s takes no argument\n", c->name);
			return -EINVAL;
		}
		if (!c->one(out, object.c_str()))
			return -ENOENT;
	}
	fflush(out);
	return 0;
}

/* ---- the autotest ---- */

namespace {

std::string
run_captured(const std::string &line, int *ret)
{
	char *text = nullptr;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	if (f == nullptr) {
		*ret = -ENOMEM;
		return "";
	}
	*ret = test_dump_run(line, f);
	fclose(f);
	std::string s(text, size);
	free(text);
	return s;
}

bool
contains(const std::string &s, const std::string &what)
{
	return s.find(what) != std::string::npos;
}

int
test_dump_commands_print_state(void)
{
	int ret;
	struct rte_ring *r = rte_ring_create("dump_test_ring", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "ring");
	struct rte_mempool *mp = rte_mempool_create("dump_test_pool", 63, 64, 0, 0, nullptr,
						    nullptr, nullptr, nullptr, SOCKET_ID_ANY, 0);
	if (mp == nullptr)
		rte_ring_free(r);
	TEST_ASSERT_NOT_NULL(mp, "mempool");

	std::string s = run_captured("dump_ring", &ret);
	int fails = 0;
	fails += !(ret == 0 && contains(s, "dump_test_ring"));
	s = run_captured("dump_ring dump_test_ring", &ret);
	fails += !(ret == 0 && contains(s, "dump_test_ring"));
	s = run_captured("dump_ring no_such_ring", &ret);
	fails += !(ret == -ENOENT && contains(s, "Cannot find ring"));
	s = run_captured("dump_mempool", &ret);
	fails += !(ret == 0 && contains(s, "dump_test_pool"));
	s = run_captured("dump_mempool  dump_test_pool", &ret);
	fails += !(ret == 0 && contains(s, "dump_test_pool"));
	s = run_captured("dump_mempool no_such_pool", &ret);
	fails += !(ret == -ENOENT && contains(s, "Cannot find mempool"));
	s = run_captured("dump_memzone", &ret);
	/* the ring lives in memzone RG_<name>, the pool's store too */
	fails += !(ret == 0 && contains(s, "RG_dump_test_ring"));
	rte_mempool_free(mp);
	rte_ring_free(r);
	TEST_ASSERT_EQUAL(fails, 0, "dumps of rings, pools and memzones (see above)");

	s = run_captured("dump_struct_sizes", &ret);
	char want[64];
	snprintf(want, sizeof(want), "sizeof(struct rte_mbuf) = %zu", sizeof(struct rte_mbuf));
	TEST_ASSERT(ret == 0 && contains(s, want), "struct sizes: %s", s.c_str());

	s = run_captured("dump_log_types", &ret);
	TEST_ASSERT(ret == 0 && contains(s, "lib.eal"), "log types: %s", s.c_str());
	s = run_captured("dump_malloc_stats", &ret);
	TEST_ASSERT(ret == 0 && !s.empty(), "malloc stats printed");
	s = run_captured("dump_malloc_heaps", &ret);
	TEST_ASSERT(ret == 0 && !s.empty(), "malloc heaps printed");
	s = run_captured("dump_physmem", &ret);
	TEST_ASSERT(ret == 0 && !s.empty(), "physmem printed");
	s = run_captured("dump_devargs", &ret);
	TEST_ASSERT(ret == 0 && contains(s, "User device list:"), "devargs: %s", s.c_str());

	s = run_captured("dump_memzone extra", &ret);
	TEST_ASSERT(ret == -EINVAL && contains(s, "takes no argument"), "argument refused: %s",
		    s.c_str());
	TEST_ASSERT_EQUAL(test_dump_run("dump_nothing", stdout), -ENOENT, "unknown command");
	return TEST_SUCCESS;
}

/* the commands from dpkit-test's command line, as DPDK's scripts pass them */
int
test_dump_commands_from_command_line(void)
{
	std::string prefix = "--file-prefix=dump_cmdline_" + std::to_string(getpid());
	const char *argv[] = {"dpkit-test",
			      "--no-huge",
			      "-m",
			      "64",
			      prefix.c_str(),
			      "--vdev=net_null0,size=64",
			      "dump_struct_sizes",
			      "dump_devargs",
			      "dump_log_types",
			      nullptr};
	std::string out;
	int ret = test_exec_self_capture(argv, out);
	TEST_ASSERT_EQUAL(ret, 0, "child exit status; output:\n%s", out.c_str());
	TEST_ASSERT(contains(out, "sizeof(struct rte_ring) = "), "struct sizes in:\n%s",
		    out.c_str());
	TEST_ASSERT(contains(out, "  [vdev]: net_null0 size=64"), "the --vdev device in:\n%s",
		    out.c_str());
	TEST_ASSERT(contains(out, "lib.eal"), "log types in:\n%s", out.c_str());
	TEST_ASSERT(!contains(out, "Test OK"), "a dump is not a test:\n%s", out.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case dump_cases[] = {TEST_CASE(test_dump_commands_print_state),
					    TEST_CASE(test_dump_commands_from_command_line),
					    TEST_CASES_END()};

const struct unit_test_suite dump_suite = {"dump commands", nullptr, nullptr, dump_cases};

} // namespace

static int
test_dump_commands(void)
{
	return unit_test_suite_runner(&dump_suite);
}

REGISTER_FAST_TEST(dump_commands_autotest, NOHUGE_OK, ASAN_OK, test_dump_commands);
