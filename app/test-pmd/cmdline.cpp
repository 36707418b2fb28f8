/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The testpmd> prompt. On a terminal: GNU readline with history and tab
 * completion of command words, driven through readline's callback interface
 * from our own poll loop, so that SIGINT/SIGTERM (which only set force_quit)
 * end the session cleanly instead of being swallowed inside readline.
 * Otherwise (a pipe or a file): plain line reading, each command echoed after
 * the prompt so that a script's output reads like a session.
 */

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <iostream>
#include <sstream>

#ifdef TESTPMD_HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "testpmd.h"

namespace testpmd {

namespace {

constexpr const char *prompt_text = "testpmd> ";

/* Reads one line from fd 0 without stdio buffering surprises; false at end
 * of input or when a signal asks to quit. */
bool
read_plain_line(std::string &line)
{
	line.clear();
	char c;
	for (;;) {
		ssize_t r = read(STDIN_FILENO, &c, 1);
		if (r == 1) {
			if (c == '\n')
				return true;
			line += c;
			continue;
		}
		if (r < 0 && errno == EINTR && !force_quit)
			continue;
		return !line.empty() && !force_quit; /* last line without newline */
	}
}

void
plain_loop()
{
	std::string line;
	while (!force_quit) {
		printf("%s", prompt_text);
		fflush(stdout);
		if (!read_plain_line(line)) {
			printf("\n");
			break;
		}
		printf("%s\n", line.c_str());
		if (!run_command_line(line))
			break;
	}
}

#ifdef TESTPMD_HAVE_READLINE

bool session_over = false;
std::vector<std::string> candidates;

char *
candidate_generator(const char *, int state)
{
	static size_t next;
	if (state == 0)
		next = 0;
	if (next < candidates.size())
		return strdup(candidates[next++].c_str());
	return nullptr;
}

char **
complete(const char *text, int start, int)
{
	std::istringstream before(std::string(rl_line_buffer, start));
	std::vector<std::string> prev;
	std::string w;
	while (before >> w)
		prev.push_back(w);
	candidates = complete_words(prev, text);
	rl_attempted_completion_over = 1; /* never fall back to file names */
	return rl_completion_matches(text, candidate_generator);
}

void
on_line(char *line)
{
	if (line == nullptr) { /* Ctrl-D */
		printf("\n");
		session_over = true;
		return;
	}
	if (*line != '\0')
		add_history(line);
	if (!run_command_line(line))
		session_over = true;
	free(line);
}

void
readline_loop()
{
	rl_catch_signals = 0;
	rl_attempted_completion_function = complete;
	using_history();
	rl_callback_handler_install(prompt_text, on_line);
	session_over = false;
	while (!session_over && !force_quit) {
		struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
		int r = poll(&pfd, 1, 200);
		if (r > 0)
			rl_callback_read_char();
		else if (r < 0 && errno != EINTR)
			break;
	}
	rl_callback_handler_remove();
}

#endif

} /* namespace */

void
prompt_loop()
{
#ifdef TESTPMD_HAVE_READLINE
	if (isatty(STDIN_FILENO)) {
		readline_loop();
		return;
	}
#endif
	plain_loop();
}

} /* namespace testpmd */
