/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What the net_pcap tests share: pcap files written and read by hand (the
 * 24-byte file header and a 16-byte header per frame, little-endian), so
 * that the tests check the driver against the file format itself rather
 * than against libpcap, and test frames.
 */

#ifndef _TEST_PCAP_PMD_H_
#define _TEST_PCAP_PMD_H_

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace pcap_test {

constexpr uint32_t magic_us = 0xa1b2c3d4; /* timestamps in microseconds */
constexpr uint32_t magic_ns = 0xa1b23c4d; /* timestamps in nanoseconds */

struct record {
	uint32_t sec = 0;
	uint32_t frac = 0; /* microseconds or nanoseconds, as the file says */
	uint32_t orig_len = 0;
	std::vector<uint8_t> bytes;
};

struct file {
	uint32_t magic = 0;
	std::vector<record> records;
};

inline bool
write_pcap(const std::string &path, const std::vector<record> &recs)
{
	FILE *f = fopen(path.c_str(), "wb");
	if (f == nullptr)
		return false;
	const uint32_t hdr[6] = {magic_us, 2u | (4u << 16), 0, 0, 65535, 1 /* Ethernet */};
	bool ok = fwrite(hdr, sizeof(hdr), 1, f) == 1;
	for (const record &r : recs) {
		uint32_t len = (uint32_t)r.bytes.size();
		const uint32_t rh[4] = {r.sec, r.frac, len, r.orig_len ? r.orig_len : len};
		ok = ok && fwrite(rh, sizeof(rh), 1, f) == 1 &&
		     fwrite(r.bytes.data(), 1, len, f) == len;
	}
	return fclose(f) == 0 && ok;
}

/* @return false if the file is not a little-endian Ethernet pcap. */
inline bool
read_pcap(const std::string &path, file &out)
{
	FILE *f = fopen(path.c_str(), "rb");
	if (f == nullptr)
		return false;
	uint32_t hdr[6];
	bool ok = fread(hdr, sizeof(hdr), 1, f) == 1 &&
		  (hdr[0] == magic_us || hdr[0] == magic_ns) && hdr[5] == 1;
	out.magic = ok ? hdr[0] : 0;
	uint32_t rh[4];
	while (ok && fread(rh, sizeof(rh), 1, f) == 1) {
		record r;
		r.sec = rh[0];
		r.frac = rh[1];
		r.orig_len = rh[3];
		r.bytes.resize(rh[2]);
		ok = fread(r.bytes.data(), 1, rh[2], f) == rh[2];
		out.records.push_back(std::move(r));
	}
	fclose(f);
	return ok;
}

/* An Ethernet frame of @p len bytes, ethertype 0x88B5, @p seq in its payload. */
inline std::vector<uint8_t>
test_frame(uint32_t seq, uint32_t len)
{
	std::vector<uint8_t> b(len);
	const uint8_t head[14] = {0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, 0x88, 0xB5};
	memcpy(b.data(), head, sizeof(head));
	memcpy(b.data() + 14, &seq, sizeof(seq));
	for (uint32_t i = 18; i < len; i++)
		b[i] = (uint8_t)(seq * 13 + i);
	return b;
}

/* A scratch directory removed at scope exit. */
struct tmpdir {
	std::string path;
	tmpdir()
	{
		char tmpl[] = "/tmp/dpkit_pcap_XXXXXX";
		if (mkdtemp(tmpl) != nullptr)
			path = tmpl;
	}
	~tmpdir()
	{
		if (!path.empty() && system(("rm -rf '" + path + "'").c_str()) != 0)
			fprintf(stderr, "cannot remove %s\n", path.c_str());
	}
	std::string operator/(const char *name) const { return path + "/" + name; }
};

} // namespace pcap_test

#endif /* _TEST_PCAP_PMD_H_ */
