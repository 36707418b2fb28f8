/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Fuzz target: key=value argument strings, as a library parses them
 * (rte_kvargs_parse, rte_kvargs_parse_delim and the lookups on the result)
 * and as a whole device string reaches the vdev bus and its drivers
 * (rte_vdev_init, rte_dev_probe: net_null, net_ring).
 *
 * Input: byte 0 picks the call (and the valid-key list), then the
 * arguments; see decode below. Checks: a parsed list is consistent with
 * what every lookup says about it; a device that was created can be
 * removed; afterwards the memzones and heap blocks in use are what they
 * were before the input (nothing leaked).
 */

#include <rte_bus_vdev.h>
#include <rte_dev.h>
#include <rte_kvargs.h>

#include "fuzz_common.h"

namespace {

const char *const known_keys[] = {"a", "b", "key", "size", "copy", nullptr};
const char *const no_keys[] = {nullptr};

/* net_af_packet is left out: it opens sockets on host interfaces. */
const char *const driver_prefixes[] = {"net_null", "net_ring",  "eth_null",      "eth_ring",
				       "net_nul",  "net_ring_", "vdev:net_null", ""};

struct visit {
	unsigned calls = 0;
	unsigned stop_at = 0; /* 0 = never fail */
};

int
count_pair(const char *key, const char *value, void *opaque)
{
	visit *v = (visit *)opaque;
	FUZZ_ASSERT(key != nullptr, "handler called with a NULL key");
	/* touch every byte: ASan reports a key or value not properly ended */
	volatile size_t len = strlen(key) + (value ? strlen(value) : 0);
	(void)len;
	v->calls++;
	return v->stop_at != 0 && v->calls == v->stop_at ? -1 : 0;
}

void
check_list(const struct rte_kvargs *kv, const char *const *valid)
{
	FUZZ_ASSERT(kv->count <= RTE_KVARGS_MAX, "%u pairs", kv->count);
	FUZZ_ASSERT(rte_kvargs_count(kv, nullptr) == kv->count, "count(NULL) %u != %u",
		    rte_kvargs_count(kv, nullptr), kv->count);
	for (unsigned i = 0; i < kv->count; i++) {
		const rte_kvargs_pair &p = kv->pairs[i];
		FUZZ_ASSERT(p.key != nullptr, "pair %u has no key", i);
		if (valid != nullptr) {
			bool ok = false;
			for (size_t k = 0; valid[k] != nullptr; k++)
				ok = ok || strcmp(valid[k], p.key) == 0;
			FUZZ_ASSERT(ok, "key '%s' accepted but not in the valid keys", p.key);
		}
		unsigned same = 0;
		for (unsigned j = 0; j < kv->count; j++)
			same += strcmp(kv->pairs[j].key, p.key) == 0;
		FUZZ_ASSERT(rte_kvargs_count(kv, p.key) == same, "count('%s')", p.key);
		if (p.value != nullptr)
			FUZZ_ASSERT(rte_kvargs_get_with_value(kv, p.key, p.value) != nullptr,
				    "get_with_value('%s', '%s') found nothing", p.key, p.value);
		(void)rte_kvargs_get(kv, p.key);

		visit v;
		int ret = rte_kvargs_process(kv, p.key, count_pair, &v);
		FUZZ_ASSERT(ret == 0 && v.calls == same, "process('%s'): %d, %u calls", p.key, ret,
			    v.calls);
	}
	visit all;
	FUZZ_ASSERT(rte_kvargs_process(kv, nullptr, count_pair, &all) == 0 &&
			    all.calls == kv->count,
		    "process(NULL) visited %u of %u", all.calls, kv->count);
	if (kv->count > 0) {
		visit failing;
		failing.stop_at = 1;
		FUZZ_ASSERT(rte_kvargs_process(kv, nullptr, count_pair, &failing) < 0 &&
				    failing.calls == 1,
			    "a failing handler did not stop process()");
	}
}

void
fuzz_kvargs(fuzz::reader &in, bool delim)
{
	uint8_t which = in.u8() % 3;
	const char *const *valid = which == 0 ? nullptr : which == 1 ? known_keys : no_keys;
	std::string ends = delim ? in.str(4) : "";
	bool null_ends = delim && ends.empty();
	std::string args = in.rest();
	struct rte_kvargs *kv = delim ? rte_kvargs_parse_delim(args.c_str(), valid,
							       null_ends ? nullptr : ends.c_str())
				      : rte_kvargs_parse(args.c_str(), valid);
	if (kv != nullptr) {
		check_list(kv, valid);
		rte_kvargs_free(kv);
	}
}

void
fuzz_vdev(fuzz::reader &in, bool one_string)
{
	std::string name = driver_prefixes[in.u8() % RTE_DIM(driver_prefixes)];
	name += in.str(24);
	if (name.find("af_packet") != std::string::npos)
		return;
	std::string args = in.rest();
	if (!one_string) {
		name = name.c_str(); /* the C API sees up to the first NUL */
		if (rte_vdev_init(name.c_str(), args.c_str()) == 0)
			FUZZ_ASSERT(rte_vdev_uninit(name.c_str()) == 0,
				    "device '%s' created but rte_vdev_uninit failed", name.c_str());
		return;
	}
	std::string devargs = name + (args.empty() ? "" : "," + args);
	devargs = devargs.c_str();
	if (rte_dev_probe(devargs.c_str()) != 0)
		return;
	/* the device name: without a "vdev:" prefix, up to the first comma */
	std::string dev = devargs;
	if (dev.rfind("vdev:", 0) == 0)
		dev = dev.substr(5);
	dev = dev.substr(0, dev.find(','));
	FUZZ_ASSERT(rte_eal_hotplug_remove("vdev", dev.c_str()) == 0,
		    "'%s' probed but device '%s' cannot be removed", devargs.c_str(), dev.c_str());
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	fuzz::eal_init_once("fuzz_kvargs", "64");
	/* first use of each driver sets up what later ones share */
	for (const char *d : {"net_null0", "net_ring0"}) {
		if (rte_vdev_init(d, nullptr) == 0)
			rte_vdev_uninit(d);
	}
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz::reader in(data, size);
	fuzz::memory_usage before = fuzz::memory_usage::now();
	switch (in.u8() % 4) {
	case 0: fuzz_kvargs(in, false); break;
	case 1: fuzz_kvargs(in, true); break;
	case 2: fuzz_vdev(in, false); break;
	default: fuzz_vdev(in, true); break;
	}
	fuzz::memory_usage after = fuzz::memory_usage::now();
	FUZZ_ASSERT(before == after, "memory in use changed: %s before, %s after",
		    before.describe().c_str(), after.describe().c_str());
	return 0;
}
