#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Print, one per line, the autotests that run code on more than one thread:
those registered (REGISTER_FAST_TEST / REGISTER_PERF_TEST) in a source file
that starts threads or launches work on lcores. The ThreadSanitizer lane
(devtools/test-sanitizers.sh tsan) runs exactly these.

Deriving the list from the sources, rather than keeping names by hand, means
a new multi-lcore test joins the lane the day it is written. A file is
judged as a whole, so a file mixing threaded and single-threaded suites
puts all of them in the lane: harmless, only slower.

Usage: threaded-tests.py [--perf] [--also REGEX]... FILE...
  --perf   include perf-tests registrations (default: fast-tests only)
  --also   also print registered tests whose name matches REGEX (for tests
           whose threads live in a child program, e.g. testpmd forwarding)
"""

import argparse
import os
import re
import sys

REGISTER = re.compile(r'^\s*REGISTER_(FAST|PERF)_TEST\s*\(\s*(\w+)', re.M)

# Calls that put code on another thread or lcore.
THREAD_START = re.compile(
    r'\b(rte_eal_remote_launch|rte_eal_mp_remote_launch|rte_thread_create|'
    r'rte_ctrl_thread_create|pthread_create|std::thread|std::jthread|'
    r'std::async)\b')

# Comments and string literals must not count ("uses no pthread_create").
COMMENT_OR_STRING = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"', re.S)


LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def code_of(path, seen=None):
    """The file's text plus that of the local headers it includes (found
    beside it), recursively: a helper header may be what starts threads."""
    seen = set() if seen is None else seen
    if path in seen or not os.path.isfile(path):
        return ''
    seen.add(path)
    with open(path, encoding='utf-8') as src:
        text = src.read()
    for inc in LOCAL_INCLUDE.findall(text):
        text += '\n' + code_of(os.path.join(os.path.dirname(path), inc), seen)
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--perf', action='store_true')
    ap.add_argument('--also', action='append', default=[])
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()
    also = [re.compile(r) for r in args.also]

    names = []
    for path in args.files:
        with open(path, encoding='utf-8') as src:
            text = src.read()
        code = COMMENT_OR_STRING.sub('', code_of(path))
        threaded = THREAD_START.search(code) is not None
        for kind, name in REGISTER.findall(text):
            if kind == 'PERF' and not args.perf:
                continue
            if threaded or any(r.fullmatch(name) for r in also):
                names.append(name)
    for name in sorted(set(names)):
        print(name)
    return 0


if __name__ == '__main__':
    sys.exit(main())
