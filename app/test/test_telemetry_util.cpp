/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Helpers of the telemetry tests: requests, a strict JSON checker (so a
 * test can tell a cut reply from a well-formed short one), socket clients. */

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <telemetry_internal.h>

#include "test_telemetry.h"

std::string
tel_handle(const std::string &req)
{
	static char out[DPKIT_TELEMETRY_MAX_OUTPUT_LEN];
	int n = dpkit_telemetry_handle(req.data(), req.size(), out, sizeof(out));
	return n < 0 ? std::string("<error>") : std::string(out, n);
}

std::string
tel_key(int i)
{
	char k[16];
	snprintf(k, sizeof(k), "k%d", i);
	return k;
}

namespace {

struct json_checker {
	const std::string &s;
	size_t i = 0;

	void ws()
	{
		while (i < s.size() && strchr(" \t\r\n", s[i]) != nullptr)
			i++;
	}
	bool lit(const char *w)
	{
		size_t n = strlen(w);
		if (s.compare(i, n, w) != 0)
			return false;
		i += n;
		return true;
	}
	bool str()
	{
		if (i >= s.size() || s[i++] != '"')
			return false;
		while (i < s.size() && s[i] != '"') {
			unsigned char c = static_cast<unsigned char>(s[i++]);
			if (c < 0x20)
				return false;
			if (c != '\\')
				continue;
			if (i >= s.size())
				return false;
			char e = s[i++];
			if (e == 'u') {
				for (int k = 0; k < 4; k++, i++)
					if (i >= s.size() ||
					    !isxdigit(static_cast<unsigned char>(s[i])))
						return false;
			} else if (strchr("\"\\/bfnrt", e) == nullptr) {
				return false;
			}
		}
		return i++ < s.size();
	}
	bool num()
	{
		size_t start = i;
		if (i < s.size() && s[i] == '-')
			i++;
		while (i < s.size() && isdigit(static_cast<unsigned char>(s[i])))
			i++;
		return i > start && isdigit(static_cast<unsigned char>(s[i - 1]));
	}
	bool seq(char close, bool obj)
	{
		i++;
		ws();
		if (i < s.size() && s[i] == close)
			return ++i, true;
		for (;;) {
			ws();
			if (obj && (!str() || (ws(), i >= s.size() || s[i++] != ':')))
				return false;
			if (!value())
				return false;
			ws();
			if (i < s.size() && s[i] == ',') {
				i++;
				continue;
			}
			return i < s.size() && s[i++] == close;
		}
	}
	bool value()
	{
		ws();
		if (i >= s.size())
			return false;
		switch (s[i]) {
		case '{': return seq('}', true);
		case '[': return seq(']', false);
		case '"': return str();
		case 'n': return lit("null");
		case 't': return lit("true");
		case 'f': return lit("false");
		default: return num();
		}
	}
};

} // namespace

bool
tel_json_valid(const std::string &text)
{
	json_checker c{text};
	if (!c.value())
		return false;
	c.ws();
	return c.i == text.size();
}

uint64_t
tel_sum_array(const std::string &text, const char *key)
{
	std::string k = std::string("\"") + key + "\":[";
	size_t p = text.find(k);
	if (p == std::string::npos)
		return 0;
	uint64_t sum = 0;
	const char *c = text.c_str() + p + k.size();
	while (*c != ']' && *c != '\0') {
		char *end;
		sum += strtoull(c, &end, 10);
		c = *end == ',' ? end + 1 : end;
		if (end == c && *c != ']')
			break;
	}
	return sum;
}

int
tel_connect(const std::string &path, int ms)
{
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	struct sockaddr_un sun = {};
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path.c_str());
	if (connect(fd, reinterpret_cast<struct sockaddr *>(&sun), sizeof(sun)) != 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

std::string
tel_recv(int fd)
{
	static char buf[DPKIT_TELEMETRY_MAX_OUTPUT_LEN + 1];
	ssize_t n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? "<timeout>" : "<error>";
	return std::string(buf, n);
}

unsigned int
tel_count_fds()
{
	DIR *d = opendir("/proc/self/fd");
	if (d == nullptr)
		return 0;
	unsigned int n = 0;
	while (readdir(d) != nullptr)
		n++;
	closedir(d);
	return n;
}
