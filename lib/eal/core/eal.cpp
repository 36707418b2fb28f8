/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * EAL start-up and shutdown.
 *
 * rte_eal_init() runs these steps in order, each undone in reverse by
 * rte_eal_cleanup() or when a later step fails:
 *   1. parse the options (log levels apply as soon as they are read);
 *   2. build the lcore table and pin the main thread to the main lcore;
 *   3. create the runtime directory and lock its config file (or, in a
 *      secondary, find the primary's), open the multi-process socket;
 *   4. memory (eal_private.h: memory_init());
 *   5. start one pinned, sleeping thread per worker lcore;
 *   6. scan and probe the buses (--vdev devices; lib/eal/internal/bus_driver.h);
 *   7. serve telemetry (eal_telemetry.cpp), unless --no-telemetry.
 * A failure in steps 1-3 leaves the process as it was, so init may be tried
 * again (with corrected arguments); once memory set-up has started, a failure
 * is final, as in DPDK, and later calls fail with EALREADY.
 */

#include <errno.h>
#include <string.h>
#include <sys/io.h>

#include <atomic>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <bus_driver.h>
#include <eal_state.h>

#include "dev_private.h"
#include "eal_core_private.h"
#include "eal_log_macros.h"
#include "eal_mp_private.h"
#include "eal_nothrow.h"
#include "eal_private.h"

namespace dpkit::eal_detail {

internal_config &
config()
{
	static internal_config c;
	return c;
}

namespace {

enum init_state : int {
	not_initialised,
	initialising,
	running,
	cleaned_up,
	failed, /* failed after memory set-up started: no retry */
};

std::atomic<int> state{not_initialised};

/* Steps 1-3; on failure everything they did is undone. The steps use the
 * C++ library (option strings, tables): an exception is a failure too. */
int
early_init(int argc, char **argv)
{
	int consumed = nothrow_call("rte_eal_init", -ENOMEM, [&] {
		config() = internal_config{};
		return parse_args(argc, argv);
	});
	if (consumed < 0)
		return consumed;

	int ret = nothrow_call("rte_eal_init", -ENOMEM, [] {
		lcores_setup();
		const internal_config &c = config();
		int r = main_thread_pin(c.main_lcore, c.lcore_cpus[c.main_lcore]);
		if (r == 0)
			r = runtime_dir_create();
		if (r == 0)
			r = mp_init();
		return r < 0 ? r : hotplug_mp_init();
	});
	if (ret < 0) {
		hotplug_mp_cleanup();
		mp_channel_close(); /* actions registered before init stay */
		runtime_dir_remove();
		main_thread_unpin();
		thread_set_identity(LCORE_ID_ANY, startup_affinity());
		lcores_reset();
		return ret;
	}
	return consumed;
}

} // namespace

bool
eal_running()
{
	return state.load(std::memory_order_acquire) == running;
}

} // namespace dpkit::eal_detail

bool
dpkit::eal_is_running()
{
	return eal_detail::eal_running();
}

using namespace dpkit::eal_detail;

extern "C" {

int
rte_eal_init(int argc, char **argv)
{
	int expected = not_initialised;
	if (!state.compare_exchange_strong(expected, initialising)) {
		EAL_LOG(ERR, "rte_eal_init: %s; it can run once per process",
			expected == failed       ? "an earlier call failed after memory set-up"
			: expected == cleaned_up ? "the EAL was already cleaned up"
						 : "the EAL is already initialised");
		rte_errno = EALREADY;
		return -1;
	}

	/* before the options are parsed: parsing reorders argv */
	int consumed = nothrow_call("rte_eal_init", -ENOMEM, [&] {
		telemetry_save_args(argc, argv);
		return 0;
	});
	if (consumed == 0)
		consumed = early_init(argc, argv);
	if (consumed < 0) {
		state.store(not_initialised);
		rte_errno = -consumed;
		return -1;
	}

	int ret = nothrow_call("rte_eal_init", -ENOMEM, [] { return memory_init(); });
	if (ret == 0)
		ret = nothrow_call("rte_eal_init", -ENOMEM, [] { return workers_start(); });
	if (ret == 0) {
		/* a device that fails was reported in one line by its bus or driver */
		ret = nothrow_call("rte_eal_init", -ENOMEM, [] {
			int r = rte_bus_scan();
			return r == 0 ? rte_bus_probe() : r;
		});
		if (ret < 0)
			dpkit_bus_cleanup();
	}
	if (ret == 0) {
		ret = nothrow_call("rte_eal_init", -ENOMEM, [] { return telemetry_start(); });
		if (ret < 0)
			dpkit_bus_cleanup();
	}
	if (ret < 0) {
		workers_stop(); /* the started ones, if any */
		hotplug_mp_cleanup();
		memory_cleanup();
		mp_channel_close();
		runtime_dir_remove();
		main_thread_unpin();
		thread_set_identity(LCORE_ID_ANY, startup_affinity());
		lcores_reset();
		state.store(failed);
		rte_errno = -ret;
		return -1;
	}

	state.store(running, std::memory_order_release);
	hotplug_mp_ready();
	EAL_LOG(DEBUG, "init done: %u lcores, main lcore %u, runtime dir %s", rte_lcore_count(),
		rte_get_main_lcore(),
		config().no_shconf ? "(none: --in-memory)" : config().runtime_dir.c_str());
	return consumed;
}

int
rte_eal_cleanup(void)
{
	int expected = running;
	if (!state.compare_exchange_strong(expected, cleaned_up))
		return -EINVAL;

	telemetry_stop();     /* its commands read ports and memory */
	hotplug_mp_cleanup(); /* its threads use IPC */
	mp_cleanup();
	dpkit_bus_cleanup(); /* drivers close their ports while memory exists */
	unsigned int busy = workers_stop();
	/* a worker still running may be using memory: leave it mapped, the
	 * kernel reclaims it at exit */
	if (busy == 0)
		memory_cleanup();
	runtime_dir_remove();
	main_thread_unpin();
	return 0;
}

enum rte_proc_type_t
rte_eal_process_type(void)
{
	/* settled by rte_eal_init(): auto has become primary or secondary */
	return config().process_type == RTE_PROC_AUTO ? RTE_PROC_PRIMARY : config().process_type;
}

int
rte_eal_iopl_init(void)
{
	return iopl(3) == 0 ? 0 : -1;
}

int
rte_eal_has_hugepages(void)
{
	return !config().no_hugetlbfs;
}

int
rte_eal_has_pci(void)
{
	return 0;
}

int
rte_eal_create_uio_dev(void)
{
	return config().create_uio_dev;
}

enum rte_intr_mode
rte_eal_vfio_intr_mode(void)
{
	return config().vfio_intr_mode;
}

void
rte_eal_vfio_get_vf_token(rte_uuid_t vf_token)
{
	if (vf_token != nullptr)
		memset(vf_token, 0, sizeof(rte_uuid_t));
}

uint64_t
rte_eal_get_baseaddr(void)
{
	/* 4 GB: leaves the low addresses to the program and its libraries */
	return config().base_virtaddr != 0 ? config().base_virtaddr : 0x100000000ULL;
}

const char *
rte_eal_mbuf_user_pool_ops(void)
{
	const std::string &name = config().mbuf_pool_ops_name;
	return name.empty() ? nullptr : name.c_str();
}

} // extern "C"
