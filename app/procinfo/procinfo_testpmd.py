#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the dpkit authors
"""dpkit-procinfo against a running dpkit-testpmd.

    procinfo_testpmd.py <dpkit-procinfo> <dpkit-testpmd>

testpmd is the primary: two net_null ports, a pool of 1,000,000 mbufs
(256-byte data room: about 450 MB, on hugepages when 400 are free, else
--no-huge). With the same --file-prefix, dpkit-procinfo must show:
  - the pool mb_pool_0 with size 1000000, populated 1000000, avail + in_use
    = 1000000, at least one chunk; after io forwarding on lcore 1 was
    started and stopped, lcore 1's cache holds objects, and avail counts
    them (in_use stays below what the queues can hold);
  - the pool's ring (count + free = capacity) and memzones, a heap with
    memory, and for the ports either their counters or the line saying none
    are visible;
  - a named pool alone with --show-mempool=NAME.
Then the failures, each one line on the output and exit 1: no primary
with that prefix, an unknown option, a dpdk-proc-info option dpkit leaves
out, a bad port mask, a pool that does not exist. testpmd must still
quit cleanly afterwards (the secondaries changed nothing).
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'test-pmd', 'tests'))
from soak import Testpmd, Failure, free_hugepages  # noqa: E402

MBUFS = 1000000
POOL = 'mb_pool_0'
# rx descriptors (2 ports x 1 queue x 1024 by default) plus the forwarding
# burst and tx in flight: far below this when nothing leaks
IN_USE_MAX = 8192


def procinfo(binary, prefix, app_args, timeout=60):
    """Run the tool; (exit code, stdout + stderr)."""
    argv = [binary, '--file-prefix=' + prefix, '--'] + app_args
    print('+ ' + ' '.join(argv))
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout + p.stderr


def expect(cond, what):
    if not cond:
        raise Failure(what)


def pool_line(out):
    """The numbers of mb_pool_0's line: {key: int}."""
    m = re.search(r'^mempool ' + POOL + r': (.*)$', out, re.M)
    expect(m is not None, 'no line for {}:\n{}'.format(POOL, out))
    words = m.group(1).split()
    return {words[i]: int(words[i + 1], 0) for i in range(0, len(words) - 1, 2)
            if re.fullmatch(r'-?(0x)?[0-9a-f]+', words[i + 1])}


def check_pool(out, after_fwd):
    v = pool_line(out)
    expect(v['size'] == MBUFS, 'pool size {} != {}:\n{}'.format(v['size'], MBUFS, out))
    expect(v['populated'] == MBUFS, 'populated {}:\n{}'.format(v['populated'], out))
    expect(v['avail'] + v['in_use'] == MBUFS, 'avail + in_use != size:\n' + out)
    expect(0 <= v['in_use'] <= IN_USE_MAX, 'in_use {} out of range:\n{}'.format(v['in_use'], out))
    expect(v['chunks'] >= 1, 'no memory chunk:\n' + out)
    cache = re.search(r'^  cache \(size (\d+)\):(.*)$', out, re.M)
    expect(cache is not None, 'no cache line:\n' + out)
    if after_fwd:
        expect(re.search(r'lcore 1 \d+', cache.group(2)) is not None,
               "lcore 1's cache is empty after forwarding on it:\n" + out)
    return v


def check_everything(out):
    check_pool(out, True)
    rings = re.findall(r'^ring (\S+): size (\d+) capacity (\d+) count (\d+) free (\d+)', out, re.M)
    expect(rings, 'no ring listed:\n' + out)
    for name, _, cap, count, free in rings:
        expect(int(count) + int(free) == int(cap), 'ring {}: count + free != capacity'.format(name))
    expect(re.search(r'^memzone \S*' + POOL, out, re.M) is not None, 'no memzone of the pool:\n' + out)
    heap = re.search(r'^heap socket \d+: total (\d+)', out, re.M)
    expect(heap is not None and int(heap.group(1)) > 0, 'no heap with memory:\n' + out)
    ports = re.search(r'^== ports: (\d+) ==$', out, re.M)
    expect(ports is not None, 'no ports section:\n' + out)
    if int(ports.group(1)) == 0:
        expect('ports: none visible in this secondary process' in out, 'no reason given:\n' + out)
    else:
        expect(re.search(r'^port 0 net_null0: rx_packets \d+', out, re.M) is not None,
               'no counters of port 0:\n' + out)


def check_failure(binary, prefix, app_args, needle):
    rc, out = procinfo(binary, prefix, app_args)
    lines = [l for l in out.splitlines() if l.strip()]
    expect(rc != 0, '{}: exit code 0:\n{}'.format(app_args, out))
    expect(len(lines) == 1, '{}: {} lines, not one:\n{}'.format(app_args, len(lines), out))
    expect(needle in lines[0], "{}: no '{}' in: {}".format(app_args, needle, lines[0]))
    print('ok: {} -> {}'.format(app_args or 'no primary', lines[0]))


def run_against(binary, testpmd, prefix):
    mem = ['-m', '700'] if free_hugepages() >= 400 else ['--no-huge', '-m', '700']
    argv = [testpmd, '--file-prefix=' + prefix, '-l', '0,1'] + mem + \
           ['--vdev', 'net_null0', '--vdev', 'net_null1', '--',
            '--total-num-mbufs={}'.format(MBUFS), '--mbuf-size=256', '-i',
            '--forward-mode=io']
    print('+ ' + ' '.join(argv))
    pmd = Testpmd(argv)
    try:
        expect(pmd.wait_prompt(300) is not None, 'testpmd did not reach its prompt')
        rc, out = procinfo(binary, prefix, ['--show-mempool'])
        expect(rc == 0, 'exit code {}:\n{}'.format(rc, out))
        v = check_pool(out, False)
        print('idle: size {} avail {} in_use {} chunks {}'.format(
            v['size'], v['avail'], v['in_use'], v['chunks']))
        pmd.cmd('start')
        pmd.cmd('stop')
        rc, out = procinfo(binary, prefix, [])
        expect(rc == 0, 'exit code {}:\n{}'.format(rc, out))
        check_everything(out)
        print(out)
        rc, out = procinfo(binary, prefix, ['--show-mempool=' + POOL])
        expect(rc == 0 and out.count('mempool ') == 1, 'one pool by name:\n' + out)
        check_failure(binary, prefix, ['--show-mempool=no_such_pool'], "no mempool named 'no_such_pool'")
        rc = pmd.quit()
        expect(rc == 0, 'testpmd exit code {}:\n{}'.format(rc, pmd.log()[-3000:]))
    except Failure:
        print(pmd.log()[-3000:])
        if pmd.proc.poll() is None:
            pmd.proc.kill()
        raise


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, testpmd = sys.argv[1], sys.argv[2]
    prefix = 'procinfo_{}'.format(os.getpid())
    try:
        check_failure(binary, prefix + '_none', [], 'no primary process runs with --file-prefix')
        check_failure(binary, prefix, ['--bogus'], "unknown option '--bogus'")
        check_failure(binary, prefix, ['--show-tm'], 'option --show-tm is not implemented')
        check_failure(binary, prefix, ['-p', 'zz'], "-p 'zz' is not a hexadecimal port mask")
        run_against(binary, testpmd, prefix)
    except Failure as e:
        print('FAIL: {}'.format(e))
        return 1
    print('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
