/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Human-readable output: offload flag names and rte_pktmbuf_dump().
 *
 * Flags are described by (mask, value, name) rows: a single-bit flag has
 * mask == value; a multi-bit field (checksum status, L4 type, tunnel type)
 * has one row per value under the field's mask. A row is "present" in a
 * flag word when (word & mask) == value, which lets the checksum fields
 * report their zero-valued state (RX UNKNOWN, TX L4_NO_CKSUM) in the lists
 * like any other state; the name lookups return NULL for 0, a state and
 * not a flag.
 */

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include <rte_mbuf.h>

#include "mbuf_private.h"

namespace {

struct flag_row {
	uint64_t mask;
	uint64_t value;
	const char *name;
};

#define BIT_ROW(f) \
	{ \
		f, f, #f \
	}
#define FIELD_ROW(m, v) \
	{ \
		m, v, #v \
	}

const flag_row rx_rows[] = {
	BIT_ROW(RTE_MBUF_F_RX_VLAN),
	BIT_ROW(RTE_MBUF_F_RX_RSS_HASH),
	BIT_ROW(RTE_MBUF_F_RX_FDIR),
	FIELD_ROW(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN),
	FIELD_ROW(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_BAD),
	FIELD_ROW(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_GOOD),
	FIELD_ROW(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_NONE),
	FIELD_ROW(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN),
	FIELD_ROW(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_BAD),
	FIELD_ROW(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_GOOD),
	FIELD_ROW(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_NONE),
	BIT_ROW(RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	BIT_ROW(RTE_MBUF_F_RX_VLAN_STRIPPED),
	BIT_ROW(RTE_MBUF_F_RX_IEEE1588_PTP),
	BIT_ROW(RTE_MBUF_F_RX_IEEE1588_TMST),
	BIT_ROW(RTE_MBUF_F_RX_FDIR_ID),
	BIT_ROW(RTE_MBUF_F_RX_FDIR_FLX),
	BIT_ROW(RTE_MBUF_F_RX_QINQ_STRIPPED),
	BIT_ROW(RTE_MBUF_F_RX_LRO),
	BIT_ROW(RTE_MBUF_F_RX_SEC_OFFLOAD),
	BIT_ROW(RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED),
	BIT_ROW(RTE_MBUF_F_RX_QINQ),
	FIELD_ROW(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK, RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN),
	FIELD_ROW(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK, RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD),
	FIELD_ROW(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK, RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD),
	FIELD_ROW(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK, RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID),
};

const flag_row tx_rows[] = {
	BIT_ROW(RTE_MBUF_F_TX_VLAN),
	BIT_ROW(RTE_MBUF_F_TX_IP_CKSUM),
	FIELD_ROW(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_TCP_CKSUM),
	FIELD_ROW(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_SCTP_CKSUM),
	FIELD_ROW(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_UDP_CKSUM),
	FIELD_ROW(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_L4_NO_CKSUM),
	BIT_ROW(RTE_MBUF_F_TX_IEEE1588_TMST),
	BIT_ROW(RTE_MBUF_F_TX_TCP_SEG),
	BIT_ROW(RTE_MBUF_F_TX_IPV4),
	BIT_ROW(RTE_MBUF_F_TX_IPV6),
	BIT_ROW(RTE_MBUF_F_TX_OUTER_IP_CKSUM),
	BIT_ROW(RTE_MBUF_F_TX_OUTER_IPV4),
	BIT_ROW(RTE_MBUF_F_TX_OUTER_IPV6),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_VXLAN),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_GRE),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_IPIP),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_GENEVE),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_MPLSINUDP),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_GTP),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_ESP),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_IP),
	FIELD_ROW(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_UDP),
	BIT_ROW(RTE_MBUF_F_TX_QINQ),
	BIT_ROW(RTE_MBUF_F_TX_MACSEC),
	BIT_ROW(RTE_MBUF_F_TX_SEC_OFFLOAD),
	BIT_ROW(RTE_MBUF_F_TX_UDP_SEG),
	BIT_ROW(RTE_MBUF_F_TX_OUTER_UDP_CKSUM),
};

#undef BIT_ROW
#undef FIELD_ROW

template <size_t N>
const char *
name_of(const flag_row (&rows)[N], uint64_t mask)
{
	if (mask == 0)
		return nullptr; /* a zero field value is a state, not a flag */
	for (const flag_row &r : rows)
		if (r.value == mask)
			return r.name;
	return nullptr;
}

/* Names of the rows present in @word, each followed by a space (the
 * layout DPDK's callers print as is); -1 when they do not all fit. */
template <size_t N>
int
list_of(const flag_row (&rows)[N], uint64_t word, char *buf, size_t buflen)
{
	if (buf == nullptr || buflen == 0)
		return -1;
	size_t used = 0;
	buf[0] = '\0';
	for (const flag_row &r : rows) {
		if ((word & r.mask) != r.value)
			continue;
		int n = snprintf(buf + used, buflen - used, "%s ", r.name);
		if (n < 0 || (size_t)n >= buflen - used)
			return -1; /* truncated; snprintf kept it NUL-terminated */
		used += n;
	}
	return 0;
}

void
hexdump(FILE *f, const void *data, uint32_t len)
{
	const unsigned char *p = static_cast<const unsigned char *>(data);
	for (uint32_t line = 0; line < len; line += 16) {
		fprintf(f, "    %08x:", line);
		for (uint32_t i = line; i < line + 16; i++) {
			if (i < len)
				fprintf(f, " %02x", p[i]);
			else
				fprintf(f, "   ");
		}
		fprintf(f, "  |");
		for (uint32_t i = line; i < line + 16 && i < len; i++)
			fputc(isprint(p[i]) ? p[i] : '.', f);
		fprintf(f, "|\n");
	}
}

} // namespace

extern "C" const char *
rte_get_rx_ol_flag_name(uint64_t mask)
{
	return name_of(rx_rows, mask);
}

extern "C" int
rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return list_of(rx_rows, mask, buf, buflen);
}

extern "C" const char *
rte_get_tx_ol_flag_name(uint64_t mask)
{
	return name_of(tx_rows, mask);
}

extern "C" int
rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return list_of(tx_rows, mask, buf, buflen);
}

extern "C" void
rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned dump_len)
{
	if (f == nullptr)
		f = stdout;
	if (m == nullptr) {
		fprintf(f, "mbuf: NULL\n");
		return;
	}

	const char *reason = nullptr;
	if (rte_mbuf_check(m, 1, &reason) != 0)
		fprintf(f, "mbuf at %p: INVALID: %s\n", static_cast<const void *>(m), reason);

	char rx[512];
	char tx[512];
	rte_get_rx_ol_flag_list(m->ol_flags, rx, sizeof(rx));
	rte_get_tx_ol_flag_list(m->ol_flags, tx, sizeof(tx));
	fprintf(f, "mbuf at %p, pool %s, pkt_len %" PRIu32 ", nb_segs %u, port %u\n",
		static_cast<const void *>(m), m->pool != nullptr ? m->pool->name : "(none)",
		m->pkt_len, m->nb_segs, m->port);
	fprintf(f, "  ol_flags %#" PRIx64 " rx: %s | tx: %s\n", m->ol_flags, rx, tx);
	fprintf(f,
		"  packet_type %#" PRIx32 ", vlan_tci %u, vlan_tci_outer %u, hash.rss %#" PRIx32
		", tx_offload %#" PRIx64 "\n",
		m->packet_type, m->vlan_tci, m->vlan_tci_outer, m->hash.rss, m->tx_offload);

	/* walk at most nb_segs segments: a broken chain may loop */
	unsigned seg_no = 0;
	for (const struct rte_mbuf *seg = m; seg != nullptr && seg_no < m->nb_segs;
	     seg = seg->next, seg_no++) {
		const char *kind = RTE_MBUF_CLONED(seg)       ? "indirect"
				   : RTE_MBUF_HAS_EXTBUF(seg) ? "external"
							      : "direct";
		fprintf(f,
			"  segment %u at %p (%s): buf_addr %p, buf_iova %#" PRIx64
			", buf_len %u, data_off %u, data_len %u, refcnt %u, priv_size %u\n",
			seg_no, static_cast<const void *>(seg), kind, seg->buf_addr,
			rte_mbuf_iova_get(seg), seg->buf_len, seg->data_off, seg->data_len,
			rte_mbuf_refcnt_read(seg), seg->priv_size);
		if (dump_len == 0 || seg->buf_addr == nullptr)
			continue;
		uint32_t n = RTE_MIN((uint32_t)dump_len, (uint32_t)seg->data_len);
		if ((uint32_t)seg->data_off + n > seg->buf_len)
			n = seg->data_off < seg->buf_len ? seg->buf_len - seg->data_off : 0;
		hexdump(f, rte_pktmbuf_mtod(seg, const char *), n);
		dump_len -= n;
	}
}
