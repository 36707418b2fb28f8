/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fuzz target: the telemetry request parser and every command behind it,
 * through dpkit_telemetry_handle() (what the server runs per message).
 *
 * Input: byte 0 = 0 sends the rest as the request, as it came off the
 * socket (any bytes, any length); byte 0 = k > 0 sends "<command k>,<rest>"
 * so the inputs reach each command's parameter parsing. A pool and a ring
 * exist for the commands to find. Checks: the reply is one valid JSON
 * value of fewer than 16384 bytes keyed by the command, and memzones and
 * heap blocks in use are what they were before (nothing leaked).
 */

#include <rte_mempool.h>
#include <rte_ring.h>
#include <telemetry_internal.h>

#include "fuzz_common.h"
#include "test_telemetry.h"

namespace {

const char *const kCommands[] = {
	"/",
	"/help",
	"/info",
	"/eal/params",
	"/eal/app_params",
	"/eal/lcore/list",
	"/eal/lcore/info",
	"/eal/heap_list",
	"/eal/heap_info",
	"/eal/memzone_list",
	"/eal/memzone_info",
	"/mempool/list",
	"/mempool/info",
	"/ethdev/list",
	"/ethdev/info",
	"/ethdev/stats",
	"/ethdev/xstats",
	"/ethdev/link_status",
	"/dpkit/mempool/chunks",
	"/dpkit/mempool/caches",
	"/dpkit/ring/list",
	"/dpkit/ring/info",
};
constexpr size_t kNbCommands = sizeof(kCommands) / sizeof(kCommands[0]);

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	fuzz::eal_init_once("fuzz_telemetry", "64");
	if (rte_mempool_create("fz_pool", 255, 64, 16, 0, nullptr, nullptr, nullptr, nullptr,
			       SOCKET_ID_ANY, 0) == nullptr ||
	    rte_ring_create("fz_ring", 64, SOCKET_ID_ANY, 0) == nullptr) {
		fprintf(stderr, "fuzz_telemetry: cannot create the pool and ring\n");
		exit(1);
	}
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz::reader in(data, size);
	uint8_t pick = in.u8() % (kNbCommands + 1);
	std::string req = in.rest();
	if (pick != 0)
		req = std::string(kCommands[pick - 1]) + "," + req;
	fuzz::memory_usage before = fuzz::memory_usage::now();
	static char out[DPKIT_TELEMETRY_MAX_OUTPUT_LEN];
	int n = dpkit_telemetry_handle(req.data(), req.size(), out, sizeof(out));
	FUZZ_ASSERT(n > 0 && n < DPKIT_TELEMETRY_MAX_OUTPUT_LEN, "reply length %d", n);
	std::string reply(out, n);
	FUZZ_ASSERT(tel_json_valid(reply), "invalid JSON: %.300s", reply.c_str());
	FUZZ_ASSERT(reply.compare(0, 2, "{\"") == 0 && reply.back() == '}',
		    "not an object keyed by the command: %.300s", reply.c_str());
	FUZZ_ASSERT(fuzz::memory_usage::now() == before, "memory left in use by '%.100s'",
		    req.c_str());
	return 0;
}
