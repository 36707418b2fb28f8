#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Print the autotests registered in the given sources, one per line, as
'<suite> <name>', where suite is fast-tests, perf-tests, stress-tests or
long-tests. Meson turns each line into a `meson test` entry, so the
registration line in the C++ source is the only place a test is declared."""

import re
import sys

PATTERN = re.compile(r'^\s*REGISTER_(FAST|PERF|STRESS|LONG)_TEST\s*\(\s*(\w+)', re.M)

for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as src:
        for kind, name in PATTERN.findall(src.read()):
            print('{}-tests {}'.format(kind.lower(), name))
