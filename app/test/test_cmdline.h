/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * What the two files of cmdline_autotest share: the command table the
 * lines are matched against (test_cmdline.cpp), the record of the
 * commands that ran, and a command line writing to a memory file.
 */

#ifndef _TEST_CMDLINE_H_
#define _TEST_CMDLINE_H_

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <cmdline.h>
#include <cmdline_parse.h>

#include "test.h"

namespace cmdline_test {

/* "send <word>", "set rx|tx|both <port> <delta>", "quit", "echo <rest>" */
extern cmdline_parse_ctx_t main_ctx[];
/* "show <word>" twice: every such line is ambiguous */
extern cmdline_parse_ctx_t ambiguous_ctx[];
/* what the callbacks saw, one entry a command */
extern std::vector<std::string> calls;

/* A command line whose output goes to a memory file read back by text(). */
class session {
public:
	explicit session(cmdline_parse_ctx_t *ctx, int in_fd = -1)
	{
		out_ = memfd_create("cmdline-out", MFD_CLOEXEC);
		cl_ = cmdline_new(ctx, "test> ", in_fd, out_);
		calls.clear();
	}
	~session() { cmdline_free(cl_); /* closes out_ (and in_fd when > 2) */ }
	session(const session &) = delete;
	session &operator=(const session &) = delete;
	struct cmdline *cl() { return cl_; }
	int feed(const char *s) { return cmdline_in(cl_, s, static_cast<int>(strlen(s))); }
	std::string text()
	{
		std::string t;
		char buf[4096];
		ssize_t n;
		off_t off = 0;
		while ((n = pread(out_, buf, sizeof(buf), off)) > 0) {
			t.append(buf, static_cast<size_t>(n));
			off += n;
		}
		return t;
	}

private:
	struct cmdline *cl_ = nullptr;
	int out_ = -1;
};

} // namespace cmdline_test

/* The cases of cmdline_autotest on the input loops and the line editor
 * (test_cmdline_input.cpp). */
extern const struct unit_test_suite cmdline_input_suite;

#endif /* _TEST_CMDLINE_H_ */
