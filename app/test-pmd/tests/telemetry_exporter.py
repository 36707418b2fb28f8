#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""dpkit-exporter against a forwarding dpkit-testpmd: scraped over HTTP
twice (urllib), the text checked by Prometheus's own `promtool check
metrics` and by prometheus_client's parser when installed.

Checks: dpkit_up is 1 for testpmd and 0 for a prefix nobody serves; the
pool's size is the --total-num-mbufs given and avail + in_use = size; both
ports export rx/tx packets and bytes, and port 0's rx packets grow between
the two scrapes; the heap gauges are there; --once prints the same
families.

    telemetry_exporter.py <dpkit-testpmd> <dpkit-exporter.py>

Prints PASS/FAIL; exit 77 with "SKIP: ..." when promtool is absent (after
the other checks ran)."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import Testpmd, Failure, free_hugepages  # noqa: E402

MBUFS = 16384


def series(text, name, **labels):
    """Values of the series of family name whose labels include labels."""
    out = []
    for line in text.splitlines():
        if not line.startswith(name + '{'):
            continue
        lab, value = line[len(name) + 1:].rsplit('} ', 1)
        got = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', lab))
        if all(got.get(k) == str(v) for k, v in labels.items()):
            out.append(int(value))
    return out


def expect(cond, what):
    if not cond:
        raise Failure(what)


def check_text(text, prefix):
    expect(series(text, 'dpkit_up', instance=prefix) == [1], 'dpkit_up for testpmd')
    expect(series(text, 'dpkit_up', instance='nobody_here') == [0], 'dpkit_up for nobody')
    expect(series(text, 'dpkit_mempool_size', pool='mb_pool_0') == [MBUFS], 'pool size')
    avail = series(text, 'dpkit_mempool_avail', pool='mb_pool_0')
    in_use = series(text, 'dpkit_mempool_in_use', pool='mb_pool_0')
    expect(len(avail) == 1 and len(in_use) == 1 and avail[0] + in_use[0] == MBUFS,
           'avail {} + in_use {} != {}'.format(avail, in_use, MBUFS))
    for port in (0, 1):
        for d in ('rx', 'tx'):
            expect(len(series(text, 'dpkit_port_packets_total', port=port, direction=d)) == 1,
                   'port {} {} packets'.format(port, d))
            expect(len(series(text, 'dpkit_queue_packets_total', port=port, queue=0,
                              direction=d)) == 1, 'port {} queue 0 {}'.format(port, d))
    expect(series(text, 'dpkit_heap_bytes', state='total'), 'heap bytes')
    return series(text, 'dpkit_port_packets_total', port=0, direction='rx')[0]


def promtool_check(text):
    tool = shutil.which('promtool')
    if tool is None:
        return False
    p = subprocess.run([tool, 'check', 'metrics'], input=text, capture_output=True, text=True,
                       timeout=60)
    expect(p.returncode == 0, 'promtool check metrics: exit {}:\n{}{}'.format(
        p.returncode, p.stdout, p.stderr))
    return True


def parser_check(text):
    try:
        from prometheus_client.parser import text_string_to_metric_families
    except ImportError:
        return
    names = {f.name for f in text_string_to_metric_families(text)}
    expect('dpkit_port_packets' in names and 'dpkit_mempool_size' in names,
           'prometheus_client parsed {}'.format(sorted(names)))


def main():
    testpmd, exporter = sys.argv[1], sys.argv[2]
    mem = ['-m', '128'] if free_hugepages() >= 96 else ['--no-huge', '-m', '256']
    prefix = 'telemetry_exporter_{}'.format(os.getpid())
    pmd = Testpmd([testpmd, '--file-prefix=' + prefix, '-l', '0,1'] + mem +
                  ['--vdev', 'net_ring0', '--vdev', 'net_ring1', '--',
                   '--total-num-mbufs={}'.format(MBUFS), '-i'])
    exp = None
    promtool = False
    try:
        if pmd.wait_prompt(120) is None:
            raise Failure('testpmd did not reach its prompt')
        pmd.cmd('start tx_first')
        targets = ['-f', prefix, '-f', 'nobody_here']
        once = subprocess.run([sys.executable, exporter, '--once'] + targets,
                              capture_output=True, text=True, timeout=60)
        expect(once.returncode == 0, '--once: {}'.format(once.stderr))
        check_text(once.stdout, prefix)
        exp = subprocess.Popen([sys.executable, exporter, '--listen', '127.0.0.1:0'] + targets,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        first = exp.stdout.readline()
        m = re.search(r'http://([\d.]+):(\d+)/metrics', first)
        expect(m is not None, 'exporter said: {}'.format(first))
        url = 'http://{}:{}/metrics'.format(m.group(1), m.group(2))
        scrapes = []
        for _ in range(2):
            with urllib.request.urlopen(url, timeout=30) as r:
                expect(r.status == 200 and
                       r.headers['Content-Type'].startswith('text/plain; version=0.0.4'),
                       'HTTP {} {}'.format(r.status, r.headers['Content-Type']))
                scrapes.append(r.read().decode())
            time.sleep(0.3)
        rx = [check_text(t, prefix) for t in scrapes]
        expect(rx[1] > rx[0], 'port 0 rx packets did not grow: {}'.format(rx))
        promtool = promtool_check(scrapes[1])
        parser_check(scrapes[1])
        pmd.cmd('stop')
    except (Failure, OSError, ValueError, IndexError, subprocess.TimeoutExpired) as e:
        print('FAIL: {}: {}'.format(type(e).__name__, e))
        if exp is not None:
            exp.kill()
        pmd.quit(30)
        return 1
    exp.terminate()
    exp.wait(10)
    rc = pmd.quit()
    if rc != 0:
        print('FAIL: testpmd exit code {}'.format(rc))
        return 1
    if not promtool:
        print('SKIP: promtool not installed (Debian package prometheus); the HTTP scrape '
              'checks passed')
        return 77
    print('PASS: 2 HTTP scrapes and --once; promtool check metrics clean; port 0 rx '
          'packets {} -> {}; pool size {}'.format(rx[0], rx[1], MBUFS))
    return 0


if __name__ == '__main__':
    sys.exit(main())
