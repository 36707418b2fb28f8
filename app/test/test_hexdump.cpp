/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * rte_hexdump and rte_memdump print every byte, in the documented layout,
 * for lengths around a row boundary, with and without a title, and refuse
 * a NULL stream without crashing.
 */

#include <stdio.h>
#include <stdlib.h>

#include <string>

#include <rte_hexdump.h>

#include "test.h"

namespace {

/* what @p dump wrote for (title, buf, len), as a string */
template <typename Dump>
std::string
capture(Dump dump, const char *title, const void *buf, unsigned int len)
{
	char *text = nullptr;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	if (f == nullptr)
		return "<open_memstream failed>";
	dump(f, title, buf, len);
	fclose(f);
	std::string s(text, size);
	free(text);
	return s;
}

int
test_hexdump_rows(void)
{
	unsigned char buf[40];
	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i < 32 ? 'A' + i % 26 : i * 7);

	char head[96];
	snprintf(head, sizeof(head), "pkt at [%p], len=17\n", (void *)buf);
	std::string want =
		std::string(head) +
		"00000000: 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F 50 | ABCDEFGHIJKLMNOP\n"
		"00000010: 51                                              | Q\n";
	TEST_ASSERT_EQUAL(capture(rte_hexdump, "pkt", buf, 17), want,
			  "17 bytes: one full row and one byte");

	/* non-printable bytes as '.', default title, exactly two rows */
	std::string two = capture(rte_hexdump, nullptr, buf + 8, 32);
	TEST_ASSERT(two.rfind("  Dump data at [", 0) == 0, "default title: %s", two.c_str());
	TEST_ASSERT(two.find("len=32\n") != std::string::npos, "length in the heading");
	TEST_ASSERT(
		two.find(
			"00000010: 59 5A 41 42 43 44 45 46 E0 E7 EE F5 FC 03 0A 11 | YZABCDEF........\n") !=
			std::string::npos,
		"second row: %s", two.c_str());
	TEST_ASSERT(two.find("00000020") == std::string::npos, "no third row for 32 bytes");

	/* nothing but the heading for 0 bytes (the buffer is not read) */
	std::string none = capture(rte_hexdump, "empty", nullptr, 0);
	TEST_ASSERT_EQUAL(none, std::string("empty at [(nil)], len=0\n"), "zero length");
	return TEST_SUCCESS;
}

int
test_memdump_line(void)
{
	const unsigned char buf[] = {0x00, 0x0f, 0xa0, 0xff};
	TEST_ASSERT_EQUAL(capture(rte_memdump, "mac", buf, 4), std::string("mac: 00:0f:a0:ff\n"),
			  "titled");
	TEST_ASSERT_EQUAL(capture(rte_memdump, nullptr, buf, 1), std::string("00\n"),
			  "untitled, one byte");
	TEST_ASSERT_EQUAL(capture(rte_memdump, "x", buf, 0), std::string("x: \n"), "zero length");

	/* longer than the internal chunk: every byte once, in order */
	unsigned char big[300];
	for (unsigned int i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)i;
	std::string s = capture(rte_memdump, nullptr, big, sizeof(big));
	TEST_ASSERT_EQUAL(s.size(), (size_t)(3 * sizeof(big)),
			  "300 bytes: 2 digits and a separator or newline each");
	for (unsigned int i = 0; i < sizeof(big); i++) {
		char want[3];
		snprintf(want, sizeof(want), "%02x", big[i]);
		TEST_ASSERT_EQUAL(s.substr(3 * i, 2), std::string(want), "byte %u", i);
	}
	return TEST_SUCCESS;
}

int
test_dump_null_stream_refused(void)
{
	const char buf[4] = "abc";
	/* must return without touching anything */
	rte_hexdump(nullptr, "t", buf, sizeof(buf));
	rte_memdump(nullptr, "t", buf, sizeof(buf));
	return TEST_SUCCESS;
}

const struct unit_test_case hexdump_cases[] = {
	TEST_CASE(test_hexdump_rows), TEST_CASE(test_memdump_line),
	TEST_CASE(test_dump_null_stream_refused), TEST_CASES_END()};

const struct unit_test_suite hexdump_suite = {"hexdump", nullptr, nullptr, hexdump_cases};

} // namespace

static int
test_hexdump(void)
{
	return unit_test_suite_runner(&hexdump_suite);
}

REGISTER_FAST_TEST(hexdump_autotest, NOHUGE_OK, ASAN_OK, test_hexdump);
