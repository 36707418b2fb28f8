/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The rest of rte_eal.h: process facts, the runtime directory and its lock,
 * rte_eal_parse_coremask, the usage hook, a second rte_eal_init(), and the
 * multi-process messaging calls of a process without peers.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>

#include "test.h"

namespace {

bool
cmdline_has(const char *opt)
{
	std::ifstream f("/proc/self/cmdline", std::ios::binary);
	std::string arg;
	while (std::getline(f, arg, '\0'))
		if (arg == opt)
			return true;
	return false;
}

int
test_eal_api_process_facts(void)
{
	TEST_ASSERT_EQUAL(rte_eal_process_type(), RTE_PROC_PRIMARY, "process type");
	TEST_ASSERT_EQUAL(rte_eal_has_pci(), 0, "no PCI bus");
	TEST_ASSERT_EQUAL(rte_eal_has_hugepages(), cmdline_has("--no-huge") ? 0 : 1, "hugepages");
	TEST_ASSERT_EQUAL(rte_eal_create_uio_dev(), 0, "uio");
	TEST_ASSERT_EQUAL(rte_eal_vfio_intr_mode(), RTE_INTR_MODE_NONE, "vfio intr");
	rte_uuid_t token;
	memset(token, 0xff, sizeof(token));
	rte_eal_vfio_get_vf_token(token);
	for (unsigned char b : token)
		TEST_ASSERT_EQUAL(b, 0, "the VF token is the null UUID");
	TEST_ASSERT_NULL(rte_eal_mbuf_user_pool_ops(), "no --mbuf-pool-ops-name");
	TEST_ASSERT_EQUAL(rte_eal_get_baseaddr(), 0x100000000ULL, "default base address");
	/* refused without CAP_SYS_RAWIO, or ENOSYS on kernels built without iopl */
	errno = 0;
	int iopl_ret = rte_eal_iopl_init();
	TEST_ASSERT(iopl_ret == 0 || (iopl_ret == -1 && (errno == EPERM || errno == ENOSYS)),
		    "iopl: %d, %s", iopl_ret, strerror(errno));
	if (geteuid() != 0)
		TEST_ASSERT_EQUAL(iopl_ret, -1, "iopl needs privileges");
	TEST_ASSERT(rte_mp_disable(), "rte_mp_disable");
	return TEST_SUCCESS;
}

int
test_eal_api_init_twice_fails(void)
{
	char prog[] = "dpkit-test", opt[] = "-l", val[] = "0";
	char *argv[] = {prog, opt, val, nullptr};
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_init(3, argv), -1, "second init");
	TEST_ASSERT_EQUAL(rte_errno, EALREADY, "rte_errno");
	TEST_ASSERT(argv[0] == prog && argv[1] == opt && argv[2] == val, "argv touched");
	TEST_ASSERT(rte_lcore_count() > 0, "the running EAL is unharmed");
	return TEST_SUCCESS;
}

int
test_eal_api_runtime_dir_and_lock(void)
{
	std::string dir = rte_eal_get_runtime_dir();
	TEST_ASSERT(!dir.empty(), "runtime dir");
	std::string base = geteuid() == 0 ? "/var/run/dpdk/" : "/dpdk/";
	TEST_ASSERT(dir.find(base) != std::string::npos, "%s not under %s", dir.c_str(),
		    base.c_str());
	struct stat st;
	if (stat(dir.c_str(), &st) != 0)
		TEST_SKIP("running with --in-memory: no runtime directory");
	TEST_ASSERT(S_ISDIR(st.st_mode), "%s is not a directory", dir.c_str());
	TEST_ASSERT_EQUAL(st.st_mode & 0777, 0700u, "private to the user");
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive(nullptr), 1, "own config file is locked");
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive((dir + "/config").c_str()), 1, "by path");
	/* probing opened and closed the file: the lock must survive that */
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive(nullptr), 1, "lock lost after a probe");
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive("/nonexistent/dpkit/config"), 0, "missing");
	return TEST_SUCCESS;
}

int
test_eal_api_primary_alive_sees_other_process(void)
{
	char path[] = "/tmp/dpkit-alive-XXXXXX";
	int fd = mkstemp(path);
	TEST_ASSERT(fd >= 0, "mkstemp");
	close(fd);
	TEST_ASSERT_EQUAL(rte_eal_primary_proc_alive(path), 0, "unlocked file");
	int ready[2], stop[2];
	TEST_ASSERT_SUCCESS(pipe(ready), "pipe");
	TEST_ASSERT_SUCCESS(pipe(stop), "pipe");
	pid_t pid = fork();
	if (pid == 0) {
		int lfd = open(path, O_RDWR);
		struct flock l = {};
		l.l_type = F_WRLCK;
		l.l_whence = SEEK_SET;
		char c = fcntl(lfd, F_SETLK, &l) == 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		if (read(stop[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	char c = 0;
	int got = (int)read(ready[0], &c, 1);
	int alive = rte_eal_primary_proc_alive(path);
	if (write(stop[1], &c, 1) != 1)
		kill(pid, SIGKILL);
	waitpid(pid, nullptr, 0);
	int after = rte_eal_primary_proc_alive(path);
	for (int p : {ready[0], ready[1], stop[0], stop[1]})
		close(p);
	unlink(path);
	TEST_ASSERT(got == 1 && c == 'y', "the child could not lock");
	TEST_ASSERT_EQUAL(alive, 1, "a locking process is alive");
	TEST_ASSERT_EQUAL(after, 0, "after it exited");
	return TEST_SUCCESS;
}

int
test_eal_api_parse_coremask(void)
{
	int cores[RTE_MAX_LCORE];
	TEST_ASSERT_SUCCESS(rte_eal_parse_coremask("0x5", cores), "0x5");
	TEST_ASSERT(cores[0] == 0 && cores[1] == -1 && cores[2] == 1 && cores[3] == -1,
		    "0x5 -> %d %d %d %d", cores[0], cores[1], cores[2], cores[3]);
	TEST_ASSERT_SUCCESS(rte_eal_parse_coremask("A", cores), "A");
	TEST_ASSERT(cores[0] == -1 && cores[1] == 0 && cores[3] == 1, "A");
	TEST_ASSERT_SUCCESS(rte_eal_parse_coremask("0x80000000000000000000000000000000", cores),
			    "bit 127");
	TEST_ASSERT_EQUAL(cores[127], 0, "bit 127");
	TEST_ASSERT_EQUAL(rte_eal_parse_coremask("0x100000000000000000000000000000000", cores), -1,
			  "bit 128");
	TEST_ASSERT_EQUAL(rte_eal_parse_coremask("xyz", cores), -1, "garbage");
	TEST_ASSERT_EQUAL(rte_eal_parse_coremask("", cores), -1, "empty");
	TEST_ASSERT_EQUAL(rte_eal_parse_coremask("0", cores), -1, "no bit");
	TEST_ASSERT_EQUAL(rte_eal_parse_coremask(nullptr, cores), -1, "NULL mask");
	TEST_ASSERT_EQUAL(rte_eal_parse_coremask("1", nullptr), -1, "NULL array");
	return TEST_SUCCESS;
}

/* ---- rte_mp ---- */

int
mp_action(const struct rte_mp_msg *, const void *)
{
	return 0;
}

struct rte_mp_msg
make_msg(const char *name)
{
	struct rte_mp_msg m;
	memset(&m, 0, sizeof(m));
	snprintf(m.name, sizeof(m.name), "%s", name);
	return m;
}

int
test_eal_api_mp_actions(void)
{
	TEST_ASSERT_SUCCESS(rte_mp_action_register("dpkit_test_action", mp_action), "register");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_action_register("dpkit_test_action", mp_action), -1, "duplicate");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "rte_errno");
	rte_mp_action_unregister("dpkit_test_action");
	TEST_ASSERT_SUCCESS(rte_mp_action_register("dpkit_test_action", mp_action), "again");
	rte_mp_action_unregister("dpkit_test_action");
	rte_mp_action_unregister("never_registered"); /* ignored */
	rte_mp_action_unregister(nullptr);            /* ignored */

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_action_register(nullptr, mp_action), -1, "NULL name");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_action_register("", mp_action), -1, "empty name");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_action_register("x", nullptr), -1, "NULL action");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	std::string longname(RTE_MP_MAX_NAME_LEN, 'n');
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_action_register(longname.c_str(), mp_action), -1, "long name");
	TEST_ASSERT_EQUAL(rte_errno, ENAMETOOLONG, "rte_errno");
	longname.pop_back();
	TEST_ASSERT_SUCCESS(rte_mp_action_register(longname.c_str(), mp_action),
			    "RTE_MP_MAX_NAME_LEN - 1 characters fit");
	rte_mp_action_unregister(longname.c_str());
	return TEST_SUCCESS;
}

int
test_eal_api_mp_messages_without_peers(void)
{
	struct rte_mp_msg m = make_msg("dpkit_test_msg");
	m.len_param = 4;
	TEST_ASSERT_SUCCESS(rte_mp_sendmsg(&m), "send to no one");

	struct rte_mp_msg bad[5] = {make_msg(""), m, m, m, m};
	bad[1].len_param = -1;
	bad[2].len_param = RTE_MP_MAX_PARAM_LEN + 1;
	bad[3].num_fds = RTE_MP_MAX_FD_NUM + 1;
	bad[4].num_fds = -1;
	for (auto &b : bad) {
		rte_errno = 0;
		TEST_ASSERT_EQUAL(rte_mp_sendmsg(&b), -1, "bad message '%s' %d %d", b.name,
				  b.len_param, b.num_fds);
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	}
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_sendmsg(nullptr), -1, "NULL message");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");

	struct rte_mp_reply reply = {7, 7, (struct rte_mp_msg *)&m};
	struct timespec ts = {0, 1000000};
	TEST_ASSERT_SUCCESS(rte_mp_request_sync(&m, &reply, &ts), "sync request");
	TEST_ASSERT(reply.nb_sent == 0 && reply.nb_received == 0 && reply.msgs == nullptr,
		    "empty reply: %d %d %p", reply.nb_sent, reply.nb_received, (void *)reply.msgs);
	TEST_ASSERT_EQUAL(rte_mp_request_sync(&bad[1], &reply, &ts), -1, "bad sync request");
	TEST_ASSERT_EQUAL(rte_mp_request_sync(&m, nullptr, &ts), -1, "NULL reply");
	TEST_ASSERT_EQUAL(rte_mp_request_sync(&m, &reply, nullptr), -1, "NULL timeout");

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_reply(&m, "some_peer"), -1, "reply to nobody");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_reply(&m, nullptr), -1, "NULL peer");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno");
	TEST_ASSERT_EQUAL(rte_mp_reply(&bad[0], "p"), -1, "bad reply message");
	return TEST_SUCCESS;
}

std::atomic<int> async_calls{0};
std::atomic<int> async_sent{-1};
char async_name[RTE_MP_MAX_NAME_LEN];

int
async_cb(const struct rte_mp_msg *req, const struct rte_mp_reply *reply)
{
	snprintf(async_name, sizeof(async_name), "%s", req->name);
	async_sent = reply->nb_sent + reply->nb_received;
	async_calls++;
	return 0;
}

int
test_eal_api_mp_async_request_calls_back(void)
{
	struct rte_mp_msg m = make_msg("dpkit_async");
	struct timespec ts = {1, 0};
	async_calls = 0;
	TEST_ASSERT_SUCCESS(rte_mp_request_async(&m, &ts, async_cb), "async request");
	memset(&m, 0, sizeof(m)); /* the request was copied */
	for (int i = 0; i < 2000 && async_calls.load() == 0; i++)
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	TEST_ASSERT_EQUAL(async_calls.load(), 1, "callback not called within 2 s");
	TEST_ASSERT_EQUAL(std::string(async_name), std::string("dpkit_async"), "request name");
	TEST_ASSERT_EQUAL(async_sent.load(), 0, "nothing sent, nothing received");
	m = make_msg("dpkit_async");
	TEST_ASSERT_EQUAL(rte_mp_request_async(&m, &ts, nullptr), -1, "NULL callback");
	TEST_ASSERT_EQUAL(rte_mp_request_async(&m, nullptr, async_cb), -1, "NULL timeout");
	TEST_ASSERT_EQUAL(rte_mp_request_async(nullptr, &ts, async_cb), -1, "NULL request");
	return TEST_SUCCESS;
}

/* In a child started with --in-memory: IPC is off. */
int
mp_in_memory_child(void)
{
	struct rte_mp_msg m = make_msg("dpkit_mem");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mp_action_register("dpkit_mem", mp_action), -1, "register");
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "rte_errno");
	TEST_ASSERT_SUCCESS(rte_mp_sendmsg(&m), "send");
	TEST_ASSERT_SUCCESS(rte_mp_reply(&m, "peer"), "reply");
	struct stat st;
	TEST_ASSERT(stat(rte_eal_get_runtime_dir(), &st) != 0, "--in-memory created %s",
		    rte_eal_get_runtime_dir());
	return TEST_SUCCESS;
}

int
test_eal_api_mp_off_in_memory(void)
{
	/* an own prefix: another process's runtime dir must not fail the check */
	std::string prefix = "--file-prefix=eal_api_in_memory_" + std::to_string(getpid());
	const char *argv[] = {
		"dpkit-test", "--in-memory", "--no-huge", prefix.c_str(), "eal_mp_in_memory_child",
		nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	TEST_ASSERT_EQUAL(rc, 0, "child: %s", out.c_str());
	return TEST_SUCCESS;
}

/* The application's usage hook runs after the EAL's usage text on -h. */
void
usage_hook(const char *prgname)
{
	printf("application options of %s: --frobnicate\n", prgname);
}

RTE_INIT(install_usage_hook)
{
	if (getenv("DPKIT_TEST_USAGE_HOOK") != nullptr)
		rte_set_application_usage_hook(usage_hook);
}

int
test_eal_api_usage_hook(void)
{
	rte_usage_hook_t old = rte_set_application_usage_hook(usage_hook);
	TEST_ASSERT(rte_set_application_usage_hook(old) == usage_hook, "returns the previous");
	setenv("DPKIT_TEST_USAGE_HOOK", "1", 1);
	const char *argv[] = {"dpkit-test", "--in-memory", "-h", nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	unsetenv("DPKIT_TEST_USAGE_HOOK");
	TEST_ASSERT_EQUAL(rc, 0, "child: %s", out.c_str());
	size_t eal = out.find("--lcores"), app = out.find("application options of ");
	TEST_ASSERT(eal != std::string::npos && app != std::string::npos && app > eal, "child: %s",
		    out.c_str());
	return TEST_SUCCESS;
}

const struct unit_test_case api_cases[] = {TEST_CASE(test_eal_api_process_facts),
					   TEST_CASE(test_eal_api_init_twice_fails),
					   TEST_CASE(test_eal_api_runtime_dir_and_lock),
					   TEST_CASE(test_eal_api_primary_alive_sees_other_process),
					   TEST_CASE(test_eal_api_parse_coremask),
					   TEST_CASE(test_eal_api_mp_actions),
					   TEST_CASE(test_eal_api_mp_messages_without_peers),
					   TEST_CASE(test_eal_api_mp_async_request_calls_back),
					   TEST_CASE(test_eal_api_mp_off_in_memory),
					   TEST_CASE(test_eal_api_usage_hook),
					   TEST_CASES_END()};

const struct unit_test_suite api_suite = {"rte_eal.h", nullptr, nullptr, api_cases};

int
test_eal_api(void)
{
	return unit_test_suite_runner(&api_suite);
}

} // namespace

REGISTER_TEST_COMMAND(eal_mp_in_memory_child, mp_in_memory_child);
REGISTER_FAST_TEST(eal_api_autotest, NOHUGE_OK, ASAN_OK, test_eal_api);
