/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Helpers shared by the ethdev, vdev and virtual NIC tests: pools, ports
 * created and destroyed per test case (RAII, so a failing assertion still
 * removes the device), and child processes for --vdev options (the EAL
 * starts once per process).
 */

#ifndef _TEST_ETHDEV_H_
#define _TEST_ETHDEV_H_

#include <string>
#include <vector>

#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"

namespace ethdev_test {

/* A pktmbuf pool freed at scope exit. */
struct pool {
	struct rte_mempool *mp = nullptr;
	pool(const char *name, unsigned int n, uint16_t data_room = RTE_MBUF_DEFAULT_BUF_SIZE,
	     unsigned int cache = 32)
	{
		mp = rte_pktmbuf_pool_create(name, n, cache, 0, data_room, SOCKET_ID_ANY);
	}
	~pool() { rte_mempool_free(mp); }
	pool(const pool &) = delete;
	pool &operator=(const pool &) = delete;
};

/* A virtual device created with rte_vdev_init() and removed at scope exit. */
struct vdev {
	std::string name;
	int ret;
	uint16_t port = RTE_MAX_ETHPORTS;
	vdev(const std::string &n, const std::string &args = "") : name(n)
	{
		ret = rte_vdev_init(n.c_str(), args.c_str());
		if (ret == 0 && rte_eth_dev_get_port_by_name(n.c_str(), &port) != 0)
			port = RTE_MAX_ETHPORTS;
	}
	~vdev()
	{
		if (ret == 0)
			rte_vdev_uninit(name.c_str());
	}
	bool ok() const { return ret == 0 && port < RTE_MAX_ETHPORTS; }
	vdev(const vdev &) = delete;
	vdev &operator=(const vdev &) = delete;
};

/* configure + set up every queue + start; 0 or the first error. */
inline int
port_start(uint16_t port, uint16_t nb_rxq, uint16_t nb_txq, struct rte_mempool *mp,
	   const struct rte_eth_conf *conf = nullptr)
{
	struct rte_eth_conf zero = {};
	int ret = rte_eth_dev_configure(port, nb_rxq, nb_txq, conf ? conf : &zero);
	for (uint16_t q = 0; ret == 0 && q < nb_rxq; q++)
		ret = rte_eth_rx_queue_setup(port, q, 256, rte_eth_dev_socket_id(port), nullptr,
					     mp);
	for (uint16_t q = 0; ret == 0 && q < nb_txq; q++)
		ret = rte_eth_tx_queue_setup(port, q, 256, rte_eth_dev_socket_id(port), nullptr);
	return ret == 0 ? rte_eth_dev_start(port) : ret;
}

/*
 * Run dpkit-test as a child with its own small EAL (no hugepages, 64 MB, one
 * core), the given extra EAL arguments, and test command @p cmd.
 * @return the child's exit status; its stdout+stderr in @p out.
 */
inline int
run_child(const std::vector<std::string> &eal_args, const char *cmd, std::string &out)
{
	std::vector<std::string> args = {
		"dpkit-test",    "--no-huge", "-m", "64", "-l", "0", "--file-prefix=ethdev_child",
		"--no-telemetry"};
	args.insert(args.end(), eal_args.begin(), eal_args.end());
	args.push_back(cmd);
	std::vector<const char *> argv;
	for (const auto &a : args)
		argv.push_back(a.c_str());
	argv.push_back(nullptr);
	return test_exec_self_capture(argv.data(), out);
}

/* Lines of @p text that contain @p needle. */
inline unsigned int
count_lines_with(const std::string &text, const std::string &needle)
{
	unsigned int n = 0;
	size_t start = 0;
	while (start < text.size()) {
		size_t end = text.find('\n', start);
		if (end == std::string::npos)
			end = text.size();
		if (text.substr(start, end - start).find(needle) != std::string::npos)
			n++;
		start = end + 1;
	}
	return n;
}

/* Free every mbuf of @p pkts[0..n). */
inline void
free_all(struct rte_mbuf **pkts, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		rte_pktmbuf_free(pkts[i]);
}

} // namespace ethdev_test

/* Suites of ethdev_autotest that live in other files. */
extern const struct unit_test_suite ethdev_ctrl_suite;
extern const struct unit_test_suite ethdev_rxtx_suite;

#endif /* _TEST_ETHDEV_H_ */
