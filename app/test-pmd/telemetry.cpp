/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * testpmd's own telemetry commands, registered through the public
 * rte_telemetry.h API as any application would:
 *   /testpmd/fwd_mode      the forwarding engine, as a string;
 *   /testpmd/fwd_state     running or not, and the shape of the setup;
 *   /testpmd/streams       every stream's ports, queues and counters, as
 *                          parallel arrays (index = stream number);
 *   /testpmd/stream,<n>    the same for one stream.
 * They run on the telemetry thread: the setup is read under fwd_lock(),
 * which only the main thread's (re)configuration also takes, and the
 * counters with stat_read(), so the forwarding lcores are never held up.
 */

#include <errno.h>
#include <stdlib.h>

#include <rte_telemetry.h>

#include "testpmd.h"

namespace testpmd {

namespace {

int
fwd_mode(const char *, const char *, struct rte_tel_data *d)
{
	std::lock_guard<std::mutex> g(fwd_lock());
	return rte_tel_data_string(d, fwd.engine->name) < 0 ? -1 : 0;
}

int
fwd_state(const char *, const char *, struct rte_tel_data *d)
{
	std::lock_guard<std::mutex> g(fwd_lock());
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "fwd_mode", fwd.engine->name);
	rte_tel_data_add_dict_int(d, "running", fwd_running() ? 1 : 0);
	rte_tel_data_add_dict_u64(d, "nb_fwd_ports", fwd.ports.size());
	rte_tel_data_add_dict_u64(d, "nb_fwd_lcores", fwd.lcores.size());
	rte_tel_data_add_dict_u64(d, "nb_fwd_streams", fwd.streams.size());
	rte_tel_data_add_dict_u64(d, "burst", cfg.burst);
	return 0;
}

/* Stream fields, in the order of the reply. */
const char *const field_names[] = {"rx_port",    "rx_queue",   "tx_port",    "tx_queue",
				   "rx_packets", "tx_packets", "fwd_dropped"};
constexpr unsigned nb_fields = sizeof(field_names) / sizeof(field_names[0]);

uint64_t
field(const fwd_stream &fs, unsigned f)
{
	switch (f) {
	case 0: return fs.rx_port;
	case 1: return fs.rx_queue;
	case 2: return fs.tx_port;
	case 3: return fs.tx_queue;
	case 4: return stat_read(&fs.rx_packets);
	case 5: return stat_read(&fs.tx_packets);
	default: return stat_read(&fs.fwd_dropped);
	}
}

int
streams(const char *, const char *, struct rte_tel_data *d)
{
	struct rte_tel_data *cols[nb_fields] = {};
	int ret = 0;
	for (auto &c : cols) {
		c = rte_tel_data_alloc();
		if (c == nullptr)
			ret = -ENOMEM;
		else
			rte_tel_data_start_array(c, RTE_TEL_U64_VAL);
	}
	rte_tel_data_start_dict(d);
	if (ret == 0) {
		std::lock_guard<std::mutex> g(fwd_lock());
		rte_tel_data_add_dict_u64(d, "nb_fwd_streams", fwd.streams.size());
		for (const fwd_stream &fs : fwd.streams)
			for (unsigned f = 0; f < nb_fields; f++)
				rte_tel_data_add_array_u64(cols[f], field(fs, f));
	}
	for (unsigned f = 0; f < nb_fields; f++)
		if (cols[f] != nullptr &&
		    (ret < 0 || rte_tel_data_add_dict_container(d, field_names[f], cols[f], 0) < 0))
			rte_tel_data_free(cols[f]);
	return ret;
}

int
stream(const char *, const char *params, struct rte_tel_data *d)
{
	char *end = nullptr;
	if (params == nullptr || params[0] < '0' || params[0] > '9')
		return -EINVAL;
	unsigned long n = strtoul(params, &end, 10);
	if (*end != '\0')
		return -EINVAL;
	std::lock_guard<std::mutex> g(fwd_lock());
	if (n >= fwd.streams.size())
		return -ENOENT;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "stream", n);
	for (unsigned f = 0; f < nb_fields; f++)
		rte_tel_data_add_dict_u64(d, field_names[f], field(fwd.streams[n], f));
	return 0;
}

} // namespace

void
register_telemetry_commands()
{
	rte_telemetry_register_cmd("/testpmd/fwd_mode", fwd_mode,
				   "Returns the forwarding mode. Takes no parameters");
	rte_telemetry_register_cmd("/testpmd/fwd_state", fwd_state,
				   "Returns whether forwarding runs, and on how many ports, "
				   "lcores and streams. Takes no parameters");
	rte_telemetry_register_cmd("/testpmd/streams", streams,
				   "Returns every stream's ports, queues and counters. "
				   "Takes no parameters");
	rte_telemetry_register_cmd("/testpmd/stream", stream,
				   "Returns one stream's ports, queues and counters. "
				   "Parameters: int stream");
}

} // namespace testpmd
