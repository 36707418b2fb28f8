/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Names of packet types. Each layer is a 4-bit field holding one value;
 * a name is the macro name without its RTE_PTYPE_ prefix.
 */

#include <stdio.h>

#include <rte_mbuf_ptype.h>

namespace {

struct ptype_name {
	uint32_t value;
	const char *name;
};

/* The tables read best packed several names to a line. */
// clang-format off
#define PT(v) { RTE_PTYPE_ ## v, #v }

const ptype_name l2_names[] = {
	PT(L2_ETHER), PT(L2_ETHER_TIMESYNC), PT(L2_ETHER_ARP), PT(L2_ETHER_LLDP),
	PT(L2_ETHER_NSH), PT(L2_ETHER_VLAN), PT(L2_ETHER_QINQ), PT(L2_ETHER_PPPOE),
	PT(L2_ETHER_FCOE), PT(L2_ETHER_MPLS),
};
const ptype_name l3_names[] = {
	PT(L3_IPV4), PT(L3_IPV4_EXT), PT(L3_IPV6), PT(L3_IPV4_EXT_UNKNOWN),
	PT(L3_IPV6_EXT), PT(L3_IPV6_EXT_UNKNOWN),
};
const ptype_name l4_names[] = {
	PT(L4_TCP), PT(L4_UDP), PT(L4_FRAG), PT(L4_SCTP), PT(L4_ICMP),
	PT(L4_NONFRAG), PT(L4_IGMP),
};
const ptype_name tunnel_names[] = {
	PT(TUNNEL_IP), PT(TUNNEL_GRE), PT(TUNNEL_VXLAN), PT(TUNNEL_NVGRE),
	PT(TUNNEL_GENEVE), PT(TUNNEL_GRENAT), PT(TUNNEL_GTPC), PT(TUNNEL_GTPU),
	PT(TUNNEL_ESP), PT(TUNNEL_L2TP), PT(TUNNEL_VXLAN_GPE),
	PT(TUNNEL_MPLS_IN_GRE), PT(TUNNEL_MPLS_IN_UDP),
};
const ptype_name inner_l2_names[] = {
	PT(INNER_L2_ETHER), PT(INNER_L2_ETHER_VLAN), PT(INNER_L2_ETHER_QINQ),
};
const ptype_name inner_l3_names[] = {
	PT(INNER_L3_IPV4), PT(INNER_L3_IPV4_EXT), PT(INNER_L3_IPV6),
	PT(INNER_L3_IPV4_EXT_UNKNOWN), PT(INNER_L3_IPV6_EXT),
	PT(INNER_L3_IPV6_EXT_UNKNOWN),
};
const ptype_name inner_l4_names[] = {
	PT(INNER_L4_TCP), PT(INNER_L4_UDP), PT(INNER_L4_FRAG), PT(INNER_L4_SCTP),
	PT(INNER_L4_ICMP), PT(INNER_L4_NONFRAG),
};

#undef PT
// clang-format on

template <size_t N>
const char *
lookup(const ptype_name (&names)[N], uint32_t ptype, uint32_t mask, const char *unknown)
{
	uint32_t v = ptype & mask;
	for (const ptype_name &n : names)
		if (n.value == v)
			return n.name;
	return unknown;
}

} // namespace

extern "C" const char *
rte_get_ptype_l2_name(uint32_t ptype)
{
	return lookup(l2_names, ptype, RTE_PTYPE_L2_MASK, "L2_UNKNOWN");
}

extern "C" const char *
rte_get_ptype_l3_name(uint32_t ptype)
{
	return lookup(l3_names, ptype, RTE_PTYPE_L3_MASK, "L3_UNKNOWN");
}

extern "C" const char *
rte_get_ptype_l4_name(uint32_t ptype)
{
	return lookup(l4_names, ptype, RTE_PTYPE_L4_MASK, "L4_UNKNOWN");
}

extern "C" const char *
rte_get_ptype_tunnel_name(uint32_t ptype)
{
	return lookup(tunnel_names, ptype, RTE_PTYPE_TUNNEL_MASK, "TUNNEL_UNKNOWN");
}

extern "C" const char *
rte_get_ptype_inner_l2_name(uint32_t ptype)
{
	return lookup(inner_l2_names, ptype, RTE_PTYPE_INNER_L2_MASK, "INNER_L2_UNKNOWN");
}

extern "C" const char *
rte_get_ptype_inner_l3_name(uint32_t ptype)
{
	return lookup(inner_l3_names, ptype, RTE_PTYPE_INNER_L3_MASK, "INNER_L3_UNKNOWN");
}

extern "C" const char *
rte_get_ptype_inner_l4_name(uint32_t ptype)
{
	return lookup(inner_l4_names, ptype, RTE_PTYPE_INNER_L4_MASK, "INNER_L4_UNKNOWN");
}

extern "C" int
rte_get_ptype_name(uint32_t ptype, char *buf, size_t buflen)
{
	if (buf == nullptr || buflen == 0)
		return -1;
	buf[0] = '\0';

	struct layer {
		uint32_t mask;
		const char *(*name)(uint32_t);
	};
	static const layer layers[] = {
		{RTE_PTYPE_L2_MASK, rte_get_ptype_l2_name},
		{RTE_PTYPE_L3_MASK, rte_get_ptype_l3_name},
		{RTE_PTYPE_L4_MASK, rte_get_ptype_l4_name},
		{RTE_PTYPE_TUNNEL_MASK, rte_get_ptype_tunnel_name},
		{RTE_PTYPE_INNER_L2_MASK, rte_get_ptype_inner_l2_name},
		{RTE_PTYPE_INNER_L3_MASK, rte_get_ptype_inner_l3_name},
		{RTE_PTYPE_INNER_L4_MASK, rte_get_ptype_inner_l4_name},
	};

	size_t used = 0;
	for (const layer &l : layers) {
		if ((ptype & l.mask) == 0)
			continue; /* layer not known: not listed */
		int n = snprintf(buf + used, buflen - used, "%s%s", used ? " " : "", l.name(ptype));
		if (n < 0 || (size_t)n >= buflen - used)
			return -1;
		used += n;
	}
	if (used == 0 && snprintf(buf, buflen, "UNKNOWN") >= (int)buflen)
		return -1;
	return 0;
}
