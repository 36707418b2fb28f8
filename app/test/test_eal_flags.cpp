/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * EAL command-line options, one child process per option set (the EAL
 * initialises once per process). Bad values must make rte_eal_init() fail
 * (dpkit-test then exits 1, never a signal) with exactly one "EAL:" line
 * that names the option; good sets must start and show their effect in what
 * the child prints (see eal_flags_child below).
 */

#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "test.h"

namespace {

/* ---- the child side ---- */

std::string
cpus_text(const rte_cpuset_t &set)
{
	std::string out;
	for (unsigned int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, &set))
			continue;
		if (!out.empty())
			out += ',';
		out += std::to_string(c);
	}
	return out;
}

/* Print what the EAL made of the options, for the parent to check. */
int
eal_flags_child(void)
{
	rte_cpuset_t cpus;
	rte_thread_get_affinity(&cpus);
	std::string main_cpus = cpus_text(cpus);
	struct stat st;
	const char *pool_ops = rte_eal_mbuf_user_pool_ops();
	printf("lcores=%u main=%u huge=%d pci=%d pool_ops=%s eal_level=%d global_level=%u "
	       "uio=%d intr=%d baseaddr=0x%llx rt_exists=%d main_cpus=%s\n",
	       rte_lcore_count(), rte_get_main_lcore(), rte_eal_has_hugepages(), rte_eal_has_pci(),
	       pool_ops ? pool_ops : "(null)", rte_log_get_level(RTE_LOGTYPE_EAL),
	       rte_log_get_global_level(), rte_eal_create_uio_dev(), (int)rte_eal_vfio_intr_mode(),
	       (unsigned long long)rte_eal_get_baseaddr(),
	       stat(rte_eal_get_runtime_dir(), &st) == 0, main_cpus.c_str());
	unsigned int lcore;
	RTE_LCORE_FOREACH(lcore)
	printf("lcore %u index %d cpus=%s\n", lcore, rte_lcore_index((int)lcore),
	       cpus_text(rte_lcore_cpuset(lcore)).c_str());
	fflush(stdout);
	return TEST_SUCCESS;
}

/* ---- the parent side ---- */

/* CPUs present (sysfs), allowed to this process at its start, and one that
 * does not exist; a child inherits the main thread's lcore pinning, so the
 * parent widens its affinity while it starts children. */
struct cpu_facts {
	std::vector<unsigned int> usable;
	int absent = -1;

	cpu_facts()
	{
		for (unsigned int c = 0; c < RTE_MAX_LCORE; c++) {
			char path[96];
			snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/topology", c);
			if (access(path, F_OK) == 0)
				usable.push_back(c);
			else if (absent < 0)
				absent = (int)c;
		}
	}
};

class wide_affinity {
public:
	explicit wide_affinity(const std::vector<unsigned int> &cpus)
	{
		sched_getaffinity(0, sizeof(saved_), &saved_);
		cpu_set_t all;
		CPU_ZERO(&all);
		for (unsigned int c : cpus)
			CPU_SET(c, &all);
		sched_setaffinity(0, sizeof(all), &all);
	}
	~wide_affinity() { sched_setaffinity(0, sizeof(saved_), &saved_); }

private:
	cpu_set_t saved_;
};

std::string
child_prefix()
{
	return "eal_flags_" + std::to_string(getpid());
}

/* Run dpkit-test with @p args then the child command; returns its status. */
int
run_child(const std::vector<std::string> &args, std::string &out,
	  const char *command = "eal_flags_child")
{
	static cpu_facts facts;
	std::vector<std::string> all;
	bool has_prefix = false;
	for (const auto &a : args)
		if (a.rfind("--file-prefix", 0) == 0)
			has_prefix = true;
	if (!has_prefix)
		all.push_back("--file-prefix=" + child_prefix());
	all.insert(all.end(), args.begin(), args.end());
	if (command != nullptr)
		all.push_back(command);
	std::vector<const char *> argv{"dpkit-test"};
	for (const auto &a : all)
		argv.push_back(a.c_str());
	argv.push_back(nullptr);
	wide_affinity w(facts.usable);
	return test_exec_self_capture(argv.data(), out);
}

unsigned int
count_eal_lines(const std::string &out)
{
	unsigned int n = 0;
	size_t pos = 0;
	while (pos < out.size()) {
		size_t end = out.find('\n', pos);
		if (end == std::string::npos)
			end = out.size();
		if (out.compare(pos, 5, "EAL: ") == 0)
			n++;
		pos = end + 1;
	}
	return n;
}

std::string
join(const std::vector<std::string> &v)
{
	std::string s;
	for (const auto &a : v) {
		if (!s.empty())
			s += ' ';
		s += a;
	}
	return s;
}

struct bad_case {
	std::vector<std::string> args;
	const char *expect; /* in the error line */
};

/* Run every case; report each failing one; fail if any did. */
int
check_bad_cases(const std::vector<bad_case> &cases)
{
	int failures = 0;
	for (const auto &c : cases) {
		std::string out;
		int rc = run_child(c.args, out);
		bool ok = rc == 1 && out.find(c.expect) != std::string::npos &&
			  count_eal_lines(out) == 1;
		if (!ok) {
			printf("FAIL: '%s': exit %d (want 1), want one 'EAL:' line with '%s', got:\n%s\n",
			       join(c.args).c_str(), rc, c.expect, out.c_str());
			failures++;
		}
	}
	TEST_ASSERT_EQUAL(failures, 0, "%d of %zu bad option sets were not rejected cleanly",
			  failures, cases.size());
	return TEST_SUCCESS;
}

int
test_eal_flags_rejects_bad_lcore_options(void)
{
	cpu_facts f;
	std::string absent = f.absent >= 0 ? std::to_string(f.absent) : "";
	std::vector<bad_case> cases = {
		{{"-l"}, "-l needs a value"},
		{{"-l", "abc"}, "-l 'abc'"},
		{{"-l", "0-"}, "-l '0-'"},
		{{"-l", "0,,1"}, "-l '0,,1'"},
		{{"-l", "0-1x"}, "-l '0-1x'"},
		{{"-l", "-1"}, "-l '-1'"},
		{{"-l", "200"}, "lcore 200 is too large"},
		{{"-l", "99999999999999999999"}, "is too large"},
		{{"-l", ""}, "-l: empty"},
		{{"-c"}, "-c needs a value"},
		{{"-c", "xyz"}, "-c 'xyz'"},
		{{"-c", "0"}, "-c '0': selects no lcore"},
		{{"-c", "0x"}, "-c '0x': no hexadecimal digits"},
		{{"-c", "0x100000000000000000000000000000000"}, "-c '0x1000"},
		{{"--lcores"}, "--lcores needs a value"},
		{{"--lcores", ""}, "--lcores: empty"},
		{{"--lcores", "1@"}, "--lcores '1@'"},
		{{"--lcores", "(0-1"}, "--lcores '(0-1'"},
		{{"--lcores", "0@(0,"}, "--lcores '0@(0,'"},
		{{"--lcores", "0@abc"}, "--lcores '0@abc'"},
		{{"--lcores", "a@0"}, "--lcores 'a@0'"},
		{{"--lcores", "0@0;1"}, "--lcores '0@0;1'"},
		{{"--lcores", "0@5000"}, "CPU 5000 is too large"},
		{{"--lcores", "500@0"}, "lcore 500 is too large"},
		{{"-l", "0", "-c", "1"}, "-c: lcores were already given with -l"},
		{{"-c", "1", "--lcores", "0"}, "--lcores: lcores were already given with -c"},
		{{"--main-lcore"}, "--main-lcore needs a value"},
		{{"--main-lcore", "abc"}, "--main-lcore 'abc'"},
		{{"--main-lcore", "-1"}, "--main-lcore '-1'"},
		{{"--main-lcore", "999"}, "--main-lcore '999'"},
		{{"-l", "0", "--main-lcore", "1"}, "--main-lcore 1: lcore 1 is not among"},
	};
	if (!absent.empty()) {
		cases.push_back({{"-l", absent}, "does not exist"});
		cases.push_back({{"--lcores", "0@" + absent}, "does not exist"});
		cases.push_back({{"-c", absent == "0" ? "0x1" : "0x" + [&] {
			/* a mask with only the absent CPU's bit */
			char buf[64];
			unsigned int bit = (unsigned int)f.absent;
			std::string hex(bit / 4 + 1, '0');
			hex[0] = "1248"[bit % 4];
			snprintf(buf, sizeof(buf), "%s", hex.c_str());
			return std::string(buf);
		}()}, "does not exist"});
	}
	return check_bad_cases(cases);
}

int
test_eal_flags_rejects_cpu_outside_affinity(void)
{
	cpu_facts f;
	if (f.usable.size() < 2)
		TEST_SKIP("needs two CPUs, this machine has %zu", f.usable.size());
	/* the child inherits an affinity of one CPU, then asks for another */
	std::string out;
	std::vector<const char *> argv{"dpkit-test", nullptr,           "-l",
				       nullptr,      "eal_flags_child", nullptr};
	std::string prefix = "--file-prefix=" + child_prefix();
	std::string other = std::to_string(f.usable[1]);
	argv[1] = prefix.c_str();
	argv[3] = other.c_str();
	cpu_set_t saved, one;
	sched_getaffinity(0, sizeof(saved), &saved);
	CPU_ZERO(&one);
	CPU_SET(f.usable[0], &one);
	TEST_ASSERT_SUCCESS(sched_setaffinity(0, sizeof(one), &one), "cannot narrow affinity");
	int rc = test_exec_self_capture(argv.data(), out);
	sched_setaffinity(0, sizeof(saved), &saved);
	TEST_ASSERT_EQUAL(rc, 1, "child output: %s", out.c_str());
	TEST_ASSERT(out.find("is not in this process's CPU affinity") != std::string::npos,
		    "output: %s", out.c_str());
	return TEST_SUCCESS;
}

int
test_eal_flags_rejects_bad_memory_options(void)
{
	std::string many = "1";
	for (int i = 0; i < RTE_MAX_NUMA_NODES; i++)
		many += ",1";
	std::vector<bad_case> cases = {
		{{"-m"}, "-m needs a value"},
		{{"-m", "0"}, "-m '0'"},
		{{"-m", "abc"}, "-m 'abc'"},
		{{"-m", "-5"}, "-m '-5'"},
		{{"-m", "10X"}, "-m '10X'"},
		{{"-m", "10MB"}, "-m '10MB'"},
		{{"-m", "99999999999999999999"}, "-m '9999"},
		{{"--no-huge", "-m", "900000000"}, "-m: 900000000 MB asked but this machine has"},
		{{"-n"}, "-n needs a value"},
		{{"-n", "0"}, "-n '0'"},
		{{"-n", "abc"}, "-n 'abc'"},
		{{"-n", "100"}, "-n '100'"},
		{{"--socket-mem"}, "--socket-mem needs a value"},
		{{"--socket-mem", "abc"}, "--socket-mem abc: 'abc'"},
		{{"--socket-mem", "1024,abc"}, "'abc' (socket 1)"},
		{{"--socket-mem", ","}, "--socket-mem ,: '' (socket 0)"},
		{{"--socket-mem", many}, "more than RTE_MAX_NUMA_NODES"},
		{{"--socket-mem", "16", "--no-huge"}, "--socket-mem needs hugepages"},
		{{"--socket-mem", "16", "-m", "16"}, "-m and --socket-mem"},
		{{"--socket-mem", "900000000"}, "--socket-mem: 900000000 MB asked"},
		{{"--socket-limit"}, "--socket-limit needs a value"},
		{{"--socket-limit", "x"}, "--socket-limit x: 'x'"},
		{{"--socket-limit", "64", "--no-huge"}, "--socket-limit needs hugepages"},
		{{"--socket-limit", "64", "--legacy-mem"}, "--socket-limit only works"},
		{{"--socket-mem", "64", "--socket-limit", "32"},
		 "--socket-limit: socket 0 limit 32"},
		{{"--huge-dir"}, "--huge-dir needs a value"},
		{{"--huge-dir", ""}, "--huge-dir ''"},
		{{"--huge-dir", "/nonexistent/dpkit"}, "--huge-dir /nonexistent/dpkit: no such"},
		{{"--huge-dir", "/proc/self/status"}, "--huge-dir /proc/self/status: no such"},
		{{"--iova-mode"}, "--iova-mode needs a value"},
		{{"--iova-mode", "xx"}, "--iova-mode 'xx'"},
		{{"--iova-mode", "PA"}, "--iova-mode 'PA'"},
		{{"--base-virtaddr"}, "--base-virtaddr needs a value"},
		{{"--base-virtaddr", "xyz"}, "--base-virtaddr 'xyz'"},
		{{"--base-virtaddr", "0"}, "--base-virtaddr '0'"},
		{{"--base-virtaddr", "0x1000000000000000"}, "--base-virtaddr '0x1000000000000000'"},
		{{"--no-huge=1"}, "--no-huge takes no value"},
		{{"--legacy-mem=yes"}, "--legacy-mem takes no value"},
		{{"--in-memory=1"}, "--in-memory takes no value"},
		{{"--single-file-segments=1"}, "--single-file-segments takes no value"},
		{{"--huge-unlink=bogus"}, "--huge-unlink 'bogus'"},
		{{"--huge-unlink="}, "--huge-unlink ''"},
		{{"--huge-unlink=ALWAYS"}, "--huge-unlink 'ALWAYS'"},
		{{"--huge-unlink", "--no-huge"}, "--huge-unlink cannot be used with --no-huge"},
		{{"--huge-unlink=always", "--single-file-segments"},
		 "--huge-unlink=always cannot be used with --single-file-segments"},
		{{"--match-allocations=1"}, "--match-allocations takes no value"},
		{{"--match-allocations", "--no-huge"}, "--match-allocations needs hugepages"},
		{{"--match-allocations", "--legacy-mem"},
		 "--match-allocations needs dynamic memory"},
	};
	return check_bad_cases(cases);
}

int
test_eal_flags_rejects_bad_misc_options(void)
{
	std::vector<bad_case> cases = {
		{{"--file-prefix"}, "--file-prefix needs a value"},
		{{"--file-prefix", ""}, "--file-prefix ''"},
		{{"--file-prefix", "a/b"}, "--file-prefix 'a/b'"},
		{{"--file-prefix", "x%s"}, "--file-prefix 'x%s'"},
		{{"--file-prefix", ".."}, "--file-prefix '..'"},
		{{"--file-prefix", std::string(200, 'p')}, "--file-prefix 'ppp"},
		{{"--vdev"}, "--vdev needs a value"},
		{{"--vdev", ""}, "--vdev ''"},
		{{"--vdev", ",x=1"}, "--vdev ',x=1'"},
		{{"-a"}, "-a needs a value"},
		{{"-a", ""}, "-a ''"},
		{{"-b", ""}, "-b ''"},
		{{"--allow", ""}, "--allow ''"},
		{{"-a", "xyz"}, "-a 'xyz': invalid value; expected a PCI address"},
		{{"-a", "net_null0"}, "-a 'net_null0'"},
		{{"-b", "0000:zz:00.0"}, "-b '0000:zz:00.0'"},
		{{"--allow", "01:00.8"}, "--allow '01:00.8'"},
		{{"-a", "00:01"}, "-a '00:01'"},
		{{"-a", "0000:00:01.0", "-b", "0000:00:02.0"}, "-a/--allow and -b/--block"},
		{{"--log-level"}, "--log-level needs a value"},
		{{"--log-level", "foo"}, "--log-level 'foo'"},
		{{"--log-level", "9"}, "--log-level '9'"},
		{{"--log-level", "-1"}, "--log-level '-1'"},
		{{"--log-level", "lib.eal:bogus"}, "--log-level 'lib.eal:bogus'"},
		{{"--log-level", "lib.eal:"}, "--log-level 'lib.eal:'"},
		{{"--log-level", ":5"}, "--log-level ':5': nothing before ':'"},
		{{"--log-level", "[,5"}, "--log-level '[,5': '[' is not a valid regular"},
		{{"--proc-type"}, "--proc-type needs a value"},
		{{"--proc-type", "secondary"}, "--proc-type secondary: no primary process runs"},
		{{"--file-prefix", std::string(100, 'q')}, "is longer than 107 bytes"},
		{{"--proc-type", "secondary", "--in-memory"},
		 "--proc-type secondary cannot run with --in-memory"},
		{{"--proc-type", "secondary", "--no-shconf"},
		 "--proc-type secondary cannot run with --in-memory or --no-shconf"},
		{{"--proc-type", "bogus"}, "--proc-type 'bogus'"},
		{{"--mbuf-pool-ops-name"}, "--mbuf-pool-ops-name needs a value"},
		{{"--mbuf-pool-ops-name", ""}, "--mbuf-pool-ops-name ''"},
		{{"--mbuf-pool-ops-name", std::string(40, 'o')}, "--mbuf-pool-ops-name 'ooo"},
		{{"--vfio-intr", "bogus"}, "--vfio-intr 'bogus'"},
		{{"--bogus"}, "unknown option '--bogus'"},
		{{"--no-hug"}, "unknown option '--no-hug'"},
		{{"-z"}, "unknown option '-z'"},
		{{"-zv"}, "unknown option '-z'"},
		{{"--no-pci=1"}, "--no-pci takes no value"},
		{{"--no-telemetry=1"}, "--no-telemetry takes no value"},
	};
	return check_bad_cases(cases);
}

/* MB of hugepages reserved, all sizes (sysfs), and of RAM. */
unsigned long long
hugepages_mb()
{
	unsigned long long total = 0;
	for (unsigned long long kb : {2048ULL, 1048576ULL}) {
		std::string path = "/sys/kernel/mm/hugepages/hugepages-" + std::to_string(kb) +
				   "kB/nr_hugepages";
		FILE *f = fopen(path.c_str(), "r");
		unsigned long long n = 0;
		if (f != nullptr) {
			if (fscanf(f, "%llu", &n) != 1)
				n = 0;
			fclose(f);
		}
		total += n * kb / 1024;
	}
	return total;
}

int
test_eal_flags_rejects_memory_beyond_hugepages(void)
{
	unsigned long long huge = hugepages_mb();
	if (huge == 0)
		TEST_SKIP("no hugepages reserved");
	std::string too_much = std::to_string(huge + 2);
	std::vector<bad_case> cases = {
		{{"-m", too_much}, "of hugepages are reserved"},
		{{"--socket-mem", too_much}, "of hugepages are reserved"},
	};
	return check_bad_cases(cases);
}

/* The runtime directory cannot be created, or its config file opened. */
int
test_eal_flags_rejects_unusable_runtime_dir(void)
{
	struct stat st;
	std::string own = rte_eal_get_runtime_dir();
	std::string base = own.substr(0, own.rfind('/') + 1);
	if (stat(base.c_str(), &st) != 0)
		TEST_SKIP("this process has no runtime directory base (%s)", base.c_str());
	std::string prefix = child_prefix() + "_blocked";
	std::string path = base + prefix;

	/* a file where the directory should be */
	FILE *f = fopen(path.c_str(), "w");
	TEST_ASSERT_NOT_NULL(f, "cannot create %s", path.c_str());
	fclose(f);
	std::vector<bad_case> cases = {
		{{"--file-prefix=" + prefix}, "cannot create runtime directory"},
	};
	int ret = check_bad_cases(cases);
	unlink(path.c_str());
	if (ret != TEST_SUCCESS)
		return ret;

	/* a directory where the config file should be */
	std::string config = path + "/config";
	TEST_ASSERT_SUCCESS(mkdir(path.c_str(), 0700), "mkdir %s", path.c_str());
	TEST_ASSERT_SUCCESS(mkdir(config.c_str(), 0700), "mkdir %s", config.c_str());
	std::string expect = "cannot create " + config;
	cases = {{{"--file-prefix=" + prefix}, expect.c_str()}};
	ret = check_bad_cases(cases);
	rmdir(config.c_str());
	rmdir(path.c_str());
	return ret;
}

/* A second primary process may not share this one's --file-prefix. */
int
test_eal_flags_rejects_prefix_in_use(void)
{
	struct stat st;
	std::string dir = rte_eal_get_runtime_dir();
	if (stat(dir.c_str(), &st) != 0)
		TEST_SKIP("this process runs without a runtime directory (--in-memory)");
	std::string prefix = dir.substr(dir.rfind('/') + 1);
	std::string out;
	int rc = run_child({"--file-prefix=" + prefix}, out);
	TEST_ASSERT_EQUAL(rc, 1, "output: %s", out.c_str());
	TEST_ASSERT(out.find("another primary process already runs with --file-prefix " + prefix) !=
			    std::string::npos,
		    "output: %s", out.c_str());
	/* the failed child must not have taken our lock or files away */
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive(nullptr), 1, "own lock lost");
	return TEST_SUCCESS;
}

struct good_case {
	std::vector<std::string> args;
	std::vector<std::string> expect; /* each must appear in the output */
	bool needs_hugepages;
};

int
test_eal_flags_accepts_good_sets(void)
{
	cpu_facts f;
	std::string cpu0 = std::to_string(f.usable[0]);
	std::string nb_cpus = std::to_string(f.usable.size());
	std::string prefix = child_prefix();
	std::vector<good_case> cases = {
		{{"--no-huge"}, {"lcores=" + nb_cpus, "huge=0", "pci=0"}, false},
		{{"--no-huge", "-l", cpu0}, {"lcores=1 main=" + cpu0, "main_cpus=" + cpu0}, false},
		{{"--no-huge", "-l" + cpu0}, {"lcores=1"}, false},
		{{"--no-huge", "-c", "0x1"}, {"lcores=1 main=0"}, false},
		{{"--no-huge", "-c", " 1 "}, {"lcores=1 main=0"}, false},
		{{"--no-huge", "--lcores", "(0-3)@" + cpu0, "--main-lcore", "2"},
		 {"lcores=4 main=2", "main_cpus=" + cpu0, "lcore 3 index 3 cpus=" + cpu0},
		 false},
		{{"--no-huge", "--lcores=7@" + cpu0 + ",5@" + cpu0},
		 {"lcores=2 main=5", "lcore 7 index 0"},
		 false},
		{{"--no-huge", "--lcores=(4-5)@(" + cpu0 + ")"}, {"lcores=2 main=4"}, false},
		{{"--no-huge", "-n", "4", "-m", "32"}, {"lcores="}, false},
		{{"--no-huge", "-m", "32M"}, {"lcores="}, false},
		{{"--no-huge", "--in-memory"}, {"rt_exists=0"}, false},
		{{"--no-huge", "--file-prefix", prefix}, {"rt_exists=1"}, false},
		{{"--no-huge", "--iova-mode=va"}, {"lcores="}, false},
		{{"--no-huge", "--vdev=net_null0", "--vdev", "net_null1,size=64"},
		 {"lcores="},
		 false},
		{{"--no-huge", "--no-pci", "-a", "0000:00:01.0"}, {"no PCI bus"}, false},
		{{"--no-huge", "-b", "0000:00:01.0"}, {"no PCI bus"}, false},
		{{"--no-huge", "-a", "01:00.0,x=1", "--allow=0000:02:00.1"},
		 {"EAL: dpkit has no PCI bus: -a 01:00.0,x=1 0000:02:00.1 ignored"},
		 false},
		{{"--no-huge", "--huge-unlink=never"}, {"there are no hugepage files"}, false},
		{{"--no-huge", "--huge-unlink=existing"}, {"there are no hugepage files"}, false},
		{{"--no-huge", "--in-memory", "--huge-unlink"},
		 {"there are no hugepage files"},
		 false},
		{{"--no-huge", "--log-level=lib.eal:debug"}, {"eal_level=8"}, false},
		{{"--no-huge", "--log-level", "lib.*:err"}, {"eal_level=4"}, false},
		{{"--no-huge", "--log-level=lib\\.e.*,3"}, {"eal_level=3"}, false},
		{{"--no-huge", "--log-level=6"}, {"global_level=6"}, false},
		{{"--no-huge", "--log-level=warning"}, {"global_level=5"}, false},
		{{"--no-huge", "--log-level=0"}, {"global_level=0"}, false},
		{{"--no-huge", "--no-telemetry", "--telemetry", "--no-shconf"},
		 {"rt_exists=0"},
		 false},
		{{"--no-huge", "--proc-type=primary"}, {"lcores="}, false},
		{{"--no-huge", "--proc-type=auto"}, {"lcores="}, false},
		{{"--no-huge", "--base-virtaddr=0x200000000"}, {"baseaddr=0x200000000"}, false},
		{{"--no-huge"}, {"baseaddr=0x100000000"}, false},
		{{"--no-huge", "--mbuf-pool-ops-name=ring_sp_sc"}, {"pool_ops=ring_sp_sc"}, false},
		{{"--no-huge"}, {"pool_ops=(null)"}, false},
		{{"--no-huge", "--create-uio-dev", "--vfio-intr=msix"}, {"uio=1 intr=3"}, false},
		{{"--no-huge", "-v"}, {"RTE Version: 'DPDK 22.11"}, false},
		{{"-m", "4"}, {"huge=1"}, true},
		{{"--socket-mem=4", "--socket-limit=64"}, {"huge=1"}, true},
		{{"--legacy-mem", "-m", "4"}, {"huge=1"}, true},
		{{"--single-file-segments", "-m", "4"}, {"huge=1"}, true},
		{{"--huge-unlink", "-m", "4"}, {"huge=1", "no hugepage files"}, true},
		{{"--huge-unlink=never", "--single-file-segments", "-m", "4"}, {"huge=1"}, true},
		{{"--match-allocations", "-m", "4"}, {"huge=1"}, true},
	};
	int failures = 0;
	unsigned long free_pages = test_free_hugepages();
	for (const auto &c : cases) {
		if (c.needs_hugepages && free_pages < 64) {
			printf("skip '%s': %lu free hugepages\n", join(c.args).c_str(), free_pages);
			continue;
		}
		std::string out;
		int rc = run_child(c.args, out);
		bool ok = rc == 0;
		for (const auto &e : c.expect)
			ok = ok && out.find(e) != std::string::npos;
		if (!ok) {
			printf("FAIL: '%s': exit %d (want 0), want '%s', got:\n%s\n",
			       join(c.args).c_str(), rc, join(c.expect).c_str(), out.c_str());
			failures++;
		}
	}
	TEST_ASSERT_EQUAL(failures, 0, "%d good option sets failed", failures);
	return TEST_SUCCESS;
}

int
test_eal_flags_help_prints_usage_and_exits(void)
{
	for (const char *h : {"-h", "--help", "-vh"}) {
		std::string out;
		int rc = run_child({h}, out);
		TEST_ASSERT_EQUAL(rc, 0, "%s: output %s", h, out.c_str());
		TEST_ASSERT(out.find("Usage:") != std::string::npos &&
				    out.find("--lcores") != std::string::npos &&
				    out.find("--file-prefix") != std::string::npos &&
				    out.find("--huge-unlink[=existing|always|never]") !=
					    std::string::npos &&
				    out.find("--match-allocations") != std::string::npos,
			    "%s: output %s", h, out.c_str());
		/* -h ends the program before any test runs */
		TEST_ASSERT(out.find("lcores=") == std::string::npos, "%s: child ran on", h);
	}
	return TEST_SUCCESS;
}

int
test_eal_flags_runtime_dir_removed_at_exit(void)
{
	std::string out;
	std::string prefix = child_prefix() + "_rt";
	int rc = run_child({"--no-huge", "--file-prefix=" + prefix}, out);
	TEST_ASSERT_EQUAL(rc, 0, "output: %s", out.c_str());
	TEST_ASSERT(out.find("rt_exists=1") != std::string::npos, "output: %s", out.c_str());
	std::string dir = rte_eal_get_runtime_dir();
	dir = dir.substr(0, dir.rfind('/') + 1) + prefix;
	struct stat st;
	TEST_ASSERT(stat(dir.c_str(), &st) != 0, "%s still exists after the child's cleanup",
		    dir.c_str());
	return TEST_SUCCESS;
}

/* Run the C probe (next to dpkit-test) and return what it printed. */
int
run_probe(const std::vector<std::string> &args, std::string &out)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return -1;
	self[n] = '\0';
	std::string probe = std::string(self).substr(0, std::string(self).rfind('/') + 1) +
			    "dpkit-eal-argv-probe";
	if (access(probe.c_str(), X_OK) != 0)
		return -2;
	std::string cmd = probe;
	for (const auto &a : args)
		cmd += " '" + a + "'";
	cmd += " 2>&1";
	cpu_facts f;
	wide_affinity w(f.usable);
	FILE *p = popen(cmd.c_str(), "r");
	if (p == nullptr)
		return -1;
	char buf[512];
	out.clear();
	while (fgets(buf, sizeof(buf), p) != nullptr)
		out += buf;
	int status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 256;
}

int
test_eal_flags_argv_left_for_the_application(void)
{
	struct {
		std::vector<std::string> args;
		const char *expect;
	} cases[] = {
		{{"--in-memory", "--no-huge"}, "ret=2 argv=dpkit-eal-argv-probe\n"},
		{{"--in-memory", "--no-huge", "--", "-p", "0x3"}, "ret=3 argv=PROG|-p|0x3\n"},
		{{"--in-memory", "-m", "16", "--no-huge", "--", "-x"}, "ret=5 argv=PROG|-x\n"},
		{{"--in-memory", "--no-huge", "app1", "-l", "0", "app2", "--", "-y"},
		 "ret=5 argv=PROG|app1|app2|-y\n"},
		{{"--in-memory", "--no-huge", "-"}, "ret=2 argv=PROG|-\n"},
		{{"--in-memory", "--no-huge", "--", "--", "-l"}, "ret=3 argv=PROG|--|-l\n"},
	};
	for (const auto &c : cases) {
		std::string out;
		std::vector<std::string> args = c.args;
		int rc = run_probe(args, out);
		if (rc == -2)
			TEST_SKIP("dpkit-eal-argv-probe is not next to dpkit-test");
		TEST_ASSERT_EQUAL(rc, 0, "'%s': output %s", join(args).c_str(), out.c_str());
		/* argv[0] is the probe's full path; compare from its basename */
		std::string expect = c.expect;
		size_t p = expect.find("PROG");
		std::string got = out.substr(out.find("ret="));
		if (p != std::string::npos) {
			size_t a = got.find("argv=") + 5;
			size_t bar = got.find_first_of("|\n", a);
			std::string prog = got.substr(a, bar - a);
			TEST_ASSERT(prog.find("dpkit-eal-argv-probe") != std::string::npos,
				    "'%s': argv[ret] is '%s', want the program name",
				    join(args).c_str(), prog.c_str());
			got = got.substr(0, a) + "PROG" + got.substr(bar);
		} else {
			size_t a = got.find("argv=") + 5;
			size_t slash = got.rfind('/', got.find('\n'));
			if (slash != std::string::npos && slash > a)
				got = got.substr(0, a) + got.substr(slash + 1);
		}
		TEST_ASSERT_EQUAL(got, expect, "'%s'", join(args).c_str());
	}
	std::string out;
	int rc = run_probe({"--in-memory", "--bogus"}, out);
	TEST_ASSERT_EQUAL(rc, 1, "output %s", out.c_str());
	TEST_ASSERT(out.find("ret=-1 errno=22") != std::string::npos, "output %s", out.c_str());
	return TEST_SUCCESS;
}

/* A bad argument leaves the process as it was: init may be retried. Once
 * memory set-up has failed, init refuses to run again (EALREADY). */
int
test_eal_flags_retry_after_failure(void)
{
	setenv("DPKIT_PROBE_RETRY", "1", 1);
	std::string bad_arg, bad_mem;
	int rc1 = run_probe({"--in-memory", "-l", "abc"}, bad_arg);
	std::string prefix = "--file-prefix=" + child_prefix() + "_retry";
	int rc2 = run_probe({prefix, "--huge-dir=/proc", "-m", "4"}, bad_mem);
	unsetenv("DPKIT_PROBE_RETRY");
	if (rc1 == -2)
		TEST_SKIP("dpkit-eal-argv-probe is not next to dpkit-test");
	TEST_ASSERT_EQUAL(rc1, 1, "output %s", bad_arg.c_str());
	TEST_ASSERT(bad_arg.find("ret=-1 errno=22 retry=2 retry_errno=0") != std::string::npos,
		    "a parse failure must allow a retry: %s", bad_arg.c_str());
	TEST_ASSERT_EQUAL(rc2, 1, "output %s", bad_mem.c_str());
	TEST_ASSERT(bad_mem.find("retry=-1 retry_errno=114") != std::string::npos,
		    "after a memory failure init must answer EALREADY: %s", bad_mem.c_str());
	TEST_ASSERT(bad_mem.find("an earlier call failed after memory set-up") != std::string::npos,
		    "output %s", bad_mem.c_str());
	/* and it left no runtime directory behind */
	std::string dir = rte_eal_get_runtime_dir();
	dir = dir.substr(0, dir.rfind('/') + 1) + child_prefix() + "_retry";
	struct stat st;
	TEST_ASSERT(stat(dir.c_str(), &st) != 0, "%s left behind", dir.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case flags_cases[] = {
	TEST_CASE(test_eal_flags_rejects_bad_lcore_options),
	TEST_CASE(test_eal_flags_rejects_cpu_outside_affinity),
	TEST_CASE(test_eal_flags_rejects_bad_memory_options),
	TEST_CASE(test_eal_flags_rejects_bad_misc_options),
	TEST_CASE(test_eal_flags_rejects_memory_beyond_hugepages),
	TEST_CASE(test_eal_flags_rejects_unusable_runtime_dir),
	TEST_CASE(test_eal_flags_rejects_prefix_in_use),
	TEST_CASE(test_eal_flags_accepts_good_sets),
	TEST_CASE(test_eal_flags_help_prints_usage_and_exits),
	TEST_CASE(test_eal_flags_runtime_dir_removed_at_exit),
	TEST_CASE(test_eal_flags_argv_left_for_the_application),
	TEST_CASE(test_eal_flags_retry_after_failure),
	TEST_CASES_END()};

const struct unit_test_suite flags_suite = {"EAL command-line options", nullptr, nullptr,
					    flags_cases};

int
test_eal_flags(void)
{
	return unit_test_suite_runner(&flags_suite);
}

} // namespace

REGISTER_TEST_COMMAND(eal_flags_child, eal_flags_child);
REGISTER_FAST_TEST(eal_flags_autotest, NOHUGE_OK, ASAN_OK, test_eal_flags);
