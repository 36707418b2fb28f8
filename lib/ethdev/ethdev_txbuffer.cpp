/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Tx buffers: the application collects packets one by one and sends them
 * in bursts (rte_eth_tx_buffer / _flush are inline in rte_ethdev.h). This
 * file holds the set-up calls and the two stock error callbacks.
 */

#include <rte_mbuf.h>

#include "ethdev_private.h"

extern "C" void
rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent, void *)
{
	for (uint16_t i = 0; i < unsent; i++)
		rte_pktmbuf_free(pkts[i]);
}

extern "C" void
rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent, void *userdata)
{
	rte_eth_tx_buffer_drop_callback(pkts, unsent, nullptr);
	if (userdata != nullptr)
		*static_cast<uint64_t *>(userdata) += unsent;
}

extern "C" int
rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
				   buffer_tx_error_fn callback, void *userdata)
{
	if (buffer == nullptr || callback == nullptr) {
		ETHDEV_LOG(ERR, "tx buffer error callback: buffer or callback is NULL");
		return -EINVAL;
	}
	buffer->error_callback = callback;
	buffer->error_userdata = userdata;
	return 0;
}

extern "C" int
rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer, uint16_t size)
{
	/* size 0 is refused although DPDK takes it: the first packet
	 * buffered would be written past a 0-packet allocation */
	if (buffer == nullptr || size == 0) {
		ETHDEV_LOG(ERR, "tx buffer init: buffer is NULL or size is 0; allocate "
				"RTE_ETH_TX_BUFFER_SIZE(n) bytes and pass n");
		return -EINVAL;
	}
	/* As in DPDK: packets already waiting stay (they are the caller's),
	 * and a callback set before init is kept; the buffer is expected to
	 * start zeroed (rte_zmalloc), which makes it empty with no callback. */
	buffer->size = size;
	if (buffer->error_callback == nullptr) {
		buffer->error_callback = rte_eth_tx_buffer_drop_callback;
		buffer->error_userdata = nullptr;
	}
	return 0;
}
