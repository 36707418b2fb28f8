/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * CPU topology from sysfs, read once and cached. A CPU counts as present
 * when it has /sys/devices/system/cpu/cpuN/topology (offline CPUs do not);
 * its NUMA socket is the N of the "nodeN" link in the same directory. The
 * process's CPU affinity is captured when the library loads, before
 * rte_eal_init() pins the main thread, so "all allowed CPUs" keeps meaning
 * what the user's taskset said.
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include <rte_common.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"

namespace dpkit::eal_detail {

namespace {

struct cpu_entry {
	bool present = false;
	unsigned int socket = 0;
	int core_id = -1;
};

struct topology {
	std::vector<cpu_entry> cpus; /* indexed by CPU number, CPU_SETSIZE long */
	std::vector<unsigned int> sockets;

	topology() : cpus(CPU_SETSIZE)
	{
		const char *base = "/sys/devices/system/cpu";
		for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
			char path[128];
			snprintf(path, sizeof(path), "%s/cpu%u/topology", base, cpu);
			if (access(path, F_OK) != 0)
				continue;
			cpu_entry &e = cpus[cpu];
			e.present = true;
			e.core_id = read_core_id(base, cpu);
			e.socket = read_socket(base, cpu);
		}
		/* No sysfs (some containers): trust the affinity mask. */
		if (std::none_of(cpus.begin(), cpus.end(),
				 [](const cpu_entry &e) { return e.present; })) {
			rte_cpuset_t set;
			CPU_ZERO(&set);
			sched_getaffinity(0, sizeof(set), &set);
			for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++)
				if (CPU_ISSET(cpu, &set)) {
					cpus[cpu].present = true;
					cpus[cpu].core_id = (int)cpu;
				}
		}
		for (const cpu_entry &e : cpus)
			if (e.present &&
			    std::find(sockets.begin(), sockets.end(), e.socket) == sockets.end())
				sockets.push_back(e.socket);
		std::sort(sockets.begin(), sockets.end());
	}

	static int read_core_id(const char *base, unsigned int cpu)
	{
		char path[128];
		snprintf(path, sizeof(path), "%s/cpu%u/topology/core_id", base, cpu);
		FILE *f = fopen(path, "r");
		if (f == nullptr)
			return (int)cpu;
		int id = -1;
		if (fscanf(f, "%d", &id) != 1)
			id = (int)cpu;
		fclose(f);
		return id;
	}

	static unsigned int read_socket(const char *base, unsigned int cpu)
	{
		char path[128];
		snprintf(path, sizeof(path), "%s/cpu%u", base, cpu);
		DIR *d = opendir(path);
		if (d == nullptr)
			return 0;
		unsigned int node = 0;
		while (struct dirent *de = readdir(d)) {
			unsigned int n;
			char tail;
			if (sscanf(de->d_name, "node%u%c", &n, &tail) == 1) {
				node = n;
				break;
			}
		}
		closedir(d);
		if (node >= RTE_MAX_NUMA_NODES) {
			EAL_LOG(WARNING,
				"CPU %u is on NUMA node %u, beyond RTE_MAX_NUMA_NODES=%d; "
				"counting it as node 0 (rebuild with -Dmax_numa_nodes=%u)",
				cpu, node, RTE_MAX_NUMA_NODES, node + 1);
			node = 0;
		}
		return node;
	}
};

const topology &
topo()
{
	static const topology t;
	return t;
}

rte_cpuset_t
read_affinity()
{
	rte_cpuset_t set;
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++)
			if (topo().cpus[cpu].present)
				CPU_SET(cpu, &set);
	return set;
}

/* Capture the affinity while the process still has its original one. */
RTE_INIT_PRIO(capture_startup_affinity, LOG)
{
	(void)startup_affinity();
}

} // namespace

bool
cpu_present(unsigned int cpu)
{
	return cpu < CPU_SETSIZE && topo().cpus[cpu].present;
}

unsigned int
cpu_socket(unsigned int cpu)
{
	return cpu_present(cpu) ? topo().cpus[cpu].socket : 0;
}

int
cpu_core_id(unsigned int cpu)
{
	return cpu_present(cpu) ? topo().cpus[cpu].core_id : -1;
}

const rte_cpuset_t &
startup_affinity()
{
	static const rte_cpuset_t set = read_affinity();
	return set;
}

unsigned int
cpuset_socket(const rte_cpuset_t &set)
{
	unsigned int socket = socket_id_any;
	for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		unsigned int s = cpu_socket(cpu);
		if (socket == socket_id_any)
			socket = s;
		else if (socket != s)
			return socket_id_any;
	}
	return socket;
}

const std::vector<unsigned int> &
present_sockets()
{
	return topo().sockets;
}

std::string
cpuset_to_string(const rte_cpuset_t &set)
{
	std::string out;
	unsigned int cpu = 0;
	while (cpu < CPU_SETSIZE) {
		if (!CPU_ISSET(cpu, &set)) {
			cpu++;
			continue;
		}
		unsigned int last = cpu;
		while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, &set))
			last++;
		if (!out.empty())
			out += ',';
		out += std::to_string(cpu);
		if (last > cpu)
			out += '-' + std::to_string(last);
		cpu = last + 1;
	}
	return out.empty() ? "none" : out;
}

} // namespace dpkit::eal_detail
