/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The EAL's part of telemetry: starting the server (the last step of
 * rte_eal_init, unless --no-telemetry) and the /eal/params, /eal/app_params
 * and /eal/lcore/list, /eal/lcore/info commands. The memory commands are in
 * eal_memory_telemetry.cpp.
 *
 * The server needs a socket file in the runtime directory, so with
 * --in-memory / --no-shconf (no runtime files at all) it is not started.
 * The saved arguments are what rte_eal_init() was given: up to "--" for
 * /eal/params (the program name first), the rest for /eal/app_params, as
 * DPDK reports them.
 */

#include <errno.h>
#include <string.h>

#include <mutex>
#include <string>
#include <vector>

#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_telemetry.h>
#include <rte_version.h>
#include <telemetry_internal.h>

#include "eal_core_private.h"

namespace dpkit::eal_detail {

namespace {

std::mutex args_lock;
std::vector<std::string> eal_args;
std::vector<std::string> app_args;

int
ctrl_thread(pthread_t *t, const char *name, const pthread_attr_t *attr, void *(*fn)(void *),
	    void *arg)
{
	return rte_ctrl_thread_create(t, name, attr, fn, arg);
}

int
handle_params(const char *cmd, const char *, struct rte_tel_data *d)
{
	std::lock_guard<std::mutex> g(args_lock);
	const auto &args = strcmp(cmd, "/eal/params") == 0 ? eal_args : app_args;
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (const std::string &a : args)
		rte_tel_data_add_array_string(d, a.c_str());
	return 0;
}

int
handle_lcore_list(const char *, const char *, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (rte_lcore_is_enabled(id))
			rte_tel_data_add_array_int(d, static_cast<int>(id));
	return 0;
}

const char *
role_str(enum rte_lcore_role_t role)
{
	switch (role) {
	case ROLE_RTE: return "RTE";
	case ROLE_SERVICE: return "SERVICE";
	case ROLE_NON_EAL: return "NON_EAL";
	default: return "OFF";
	}
}

int
handle_lcore_info(const char *cmd, const char *params, struct rte_tel_data *d)
{
	unsigned long id;
	if (dpkit_telemetry_param_uint(cmd, params, RTE_MAX_LCORE - 1, &id) < 0)
		return -EINVAL;
	enum rte_lcore_role_t role = rte_eal_lcore_role(static_cast<unsigned int>(id));
	if (role == ROLE_OFF)
		return -EINVAL;
	struct rte_tel_data *cpus = rte_tel_data_alloc();
	if (cpus == nullptr)
		return -ENOMEM;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "lcore_id", static_cast<int>(id));
	rte_tel_data_add_dict_int(
		d, "socket", static_cast<int>(rte_lcore_to_socket_id(static_cast<unsigned>(id))));
	rte_tel_data_add_dict_string(d, "role", role_str(role));
	rte_cpuset_t set = rte_lcore_cpuset(static_cast<unsigned int>(id));
	rte_tel_data_start_array(cpus, RTE_TEL_INT_VAL);
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			rte_tel_data_add_array_int(cpus, cpu);
	if (rte_tel_data_add_dict_container(d, "cpuset", cpus, 0) < 0)
		rte_tel_data_free(cpus);
	return 0;
}

__attribute__((constructor)) void
register_eal_commands()
{
	rte_telemetry_register_cmd("/eal/params", handle_params,
				   "Returns EAL commandline parameters used. Takes no parameters");
	rte_telemetry_register_cmd("/eal/app_params", handle_params,
				   "Returns app commandline parameters used. Takes no parameters");
	rte_telemetry_register_cmd("/eal/lcore/list", handle_lcore_list,
				   "List of lcore ids. Takes no parameters");
	rte_telemetry_register_cmd("/eal/lcore/info", handle_lcore_info,
				   "Returns lcore info. Parameters: int lcore_id");
}

} // namespace

void
telemetry_save_args(int argc, char **argv)
{
	std::lock_guard<std::mutex> g(args_lock);
	eal_args.clear();
	app_args.clear();
	int i = 0;
	for (; i < argc && argv[i] != nullptr && strcmp(argv[i], "--") != 0; i++)
		eal_args.emplace_back(argv[i]);
	for (i++; i < argc && argv[i] != nullptr; i++)
		app_args.emplace_back(argv[i]);
}

int
telemetry_start()
{
	const internal_config &c = config();
	if (c.no_telemetry)
		return 0;
	if (c.no_shconf) {
		RTE_LOG(DEBUG, EAL,
			"telemetry: not started, --in-memory / --no-shconf keep no "
			"runtime directory for its socket\n");
		return 0;
	}
	static int logtype = -1;
	if (logtype < 0)
		logtype = rte_log_register_type_and_pick_level("lib.telemetry", RTE_LOG_WARNING);
	dpkit_telemetry_config tc{};
	tc.runtime_dir = c.runtime_dir.c_str();
	tc.version = rte_version();
	tc.log_fn = rte_log;
	tc.logtype = logtype >= 0 ? static_cast<uint32_t>(logtype) : RTE_LOGTYPE_EAL;
	tc.thread_create = ctrl_thread;
	int ret = dpkit_telemetry_start(&tc);
	if (ret < 0)
		RTE_LOG(ERR, EAL,
			"cannot start telemetry in %s: %s; pass --no-telemetry to run "
			"without it\n",
			c.runtime_dir.c_str(), strerror(-ret));
	return ret;
}

void
telemetry_stop()
{
	dpkit_telemetry_stop();
}

} // namespace dpkit::eal_detail
