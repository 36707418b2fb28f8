/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Helpers of the telemetry tests (test_telemetry_util.cpp). */

#ifndef _TEST_TELEMETRY_H_
#define _TEST_TELEMETRY_H_

#include <stdint.h>

#include <string>

/* The reply the server would send to @p req. */
std::string tel_handle(const std::string &req);

/* True when @p text is one complete JSON value (RFC 8259 grammar). */
bool tel_json_valid(const std::string &text);

/* Sum of the numbers of the array that follows "key": in @p text. */
uint64_t tel_sum_array(const std::string &text, const char *key);

/* "k<i>", a dict key */
std::string tel_key(int i);

/* ---- socket clients (-1 / empty on failure, with errno) ---- */

/* Connected SEQPACKET socket to @p path, send/receive timeouts of @p ms. */
int tel_connect(const std::string &path, int ms);

/* One message; "" at EOF; "<timeout>" or "<error>" when nothing came. */
std::string tel_recv(int fd);

/* Open file descriptors of this process. */
unsigned int tel_count_fds();

#endif /* _TEST_TELEMETRY_H_ */
