#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Summarise a meson testlog.json: list skipped tests with the reason each
printed ("SKIP: ..."), then print "N passed, M failed". Exit 1 on any failure
or when no test ran at all."""

import json
import sys

passed, failed, skipped = [], [], []
with open(sys.argv[1], encoding='utf-8') as log:
    for number, line in enumerate(log, 1):
        try:
            t = json.loads(line)
        except ValueError:
            # two meson runs writing one log interleave their lines
            failed.append('unreadable testlog.json line {}'.format(number))
            continue
        result = t['result']
        if result == 'OK':
            passed.append(t['name'])
        elif result == 'SKIP':
            reasons = [l[len('SKIP: '):] for l in (t.get('stdout') or '').splitlines()
                       if l.startswith('SKIP: ')]
            skipped.append((t['name'], '; '.join(reasons) or 'no reason printed'))
        else:
            failed.append(t['name'])

if skipped:
    print('skipped ({}):'.format(len(skipped)))
    for name, why in skipped:
        print('  {}: {}'.format(name, why))
if failed:
    print('failed: ' + ', '.join(failed))
print('{} passed, {} failed'.format(len(passed), len(failed)))
sys.exit(1 if failed or not passed else 0)
