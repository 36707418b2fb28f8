#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""testpmd soak: io forwarding between two net_ring loop-back ports for a
fixed time, broken into cycles. Each cycle forwards for a while, reads the
port counters ('show port stats all'), stops forwarding, and every other
cycle also stops and restarts the ports; every third start injects 32 more
bursts per port ('start tx_first 32'), so the number of mbufs in flight grows
until the rings (1024 slots) are full and the tx drop path runs too (testpmd
counts what a full ring refuses in TX-dropped; the port's TX-errors stay 0,
as in DPDK 22.11).

Checks, every cycle: no port counter (packets, bytes, errors, missed,
nombuf) went backwards, and packets moved since the cycle before. At the
end: testpmd quits with exit code 0 and reports every mbuf back in its pool
(avail == total), i.e. no stop, start or close lost a buffer.

    soak.py <dpkit-testpmd> <seconds> [--cycle-seconds S]

Prints "PASS: ..." with the numbers, or "FAIL: ..." and testpmd's last
lines; exit 77 with "SKIP: ..." when the machine cannot run it."""

import argparse
import os
import re
import subprocess
import sys
import threading
import time

PROMPT = 'testpmd> '
COUNTERS = ('RX-packets', 'RX-missed', 'RX-bytes', 'RX-errors', 'RX-nombuf',
            'TX-packets', 'TX-errors', 'TX-bytes')


class Testpmd:
    """dpkit-testpmd at the other end of a pipe: send a command, get the
    output it printed before its next prompt."""

    def __init__(self, argv):
        self.out = []               # every chunk read, for the failure report
        self.buf = ''
        self.cond = threading.Condition()
        self.eof = False
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        fd = self.proc.stdout.fileno()
        while True:
            data = os.read(fd, 65536)
            with self.cond:
                if not data:
                    self.eof = True
                    self.cond.notify_all()
                    return
                text = data.decode('utf-8', 'replace')
                self.out.append(text)
                self.buf += text
                self.cond.notify_all()

    def wait_prompt(self, timeout=120):
        """Output up to the next prompt (consumed), or None at exit/timeout."""
        end = time.monotonic() + timeout
        with self.cond:
            while PROMPT not in self.buf:
                left = end - time.monotonic()
                if self.eof or left <= 0:
                    return None
                self.cond.wait(left)
            head, _, self.buf = self.buf.partition(PROMPT)
            return head

    def cmd(self, line, timeout=120):
        self.proc.stdin.write((line + '\n').encode())
        self.proc.stdin.flush()
        out = self.wait_prompt(timeout)
        if out is None:
            raise Failure('no prompt after "{}"'.format(line))
        return out

    def quit(self, timeout=120):
        self.proc.stdin.write(b'quit\n')
        self.proc.stdin.close()
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.reader.join(10)
        return rc

    def log(self):
        return ''.join(self.out)


class Failure(Exception):
    pass


def parse_port_stats(text):
    """{port: {counter: value}} from 'show port stats all' output."""
    stats = {}
    port = None
    for line in text.splitlines():
        m = re.search(r'NIC statistics for port (\d+)', line)
        if m:
            port = int(m.group(1))
            stats[port] = {}
            continue
        if port is None:
            continue
        for name, value in re.findall(r'([A-Za-z]+-[a-z]+):\s+(\d+)', line):
            if name in COUNTERS:
                stats[port][name] = int(value)
    for port, values in stats.items():
        missing = [c for c in COUNTERS if c not in values]
        if missing:
            raise Failure('port {}: counters {} missing in:\n{}'.format(port, missing, text))
    return stats


def fwd_tx_dropped(text):
    """TX-dropped of the 'Accumulated forward statistics' block 'stop' printed."""
    block = text.split('Accumulated forward statistics', 1)[1]
    m = re.search(r'TX-dropped:\s+(\d+)', block)
    if not m:
        raise Failure('no TX-dropped in the forward statistics:\n' + text)
    return int(m.group(1))


def free_hugepages():
    try:
        with open('/proc/meminfo', encoding='ascii') as f:
            for line in f:
                if line.startswith('HugePages_Free:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('testpmd')
    ap.add_argument('seconds', type=float)
    ap.add_argument('--cycle-seconds', type=float, default=None,
                    help='forwarding time per cycle (default: seconds / 10, 0.25..5)')
    args = ap.parse_args()
    cycle = args.cycle_seconds or min(5.0, max(0.25, args.seconds / 10))
    mbufs = 16384
    if free_hugepages() >= 64 + 32:
        mem = ['-m', '128']
    else:
        mem = ['--no-huge', '-m', '256']   # a 4 KB page per mbuf without hugepages
    prefix = 'soak_{}'.format(os.getpid())
    argv = [args.testpmd, '--file-prefix=' + prefix, '-l', '0,1'] + mem + \
           ['--vdev', 'net_ring0', '--vdev', 'net_ring1', '--',
            '--total-num-mbufs={}'.format(mbufs), '-i', '--forward-mode=io']
    print('+ ' + ' '.join(argv))
    pmd = Testpmd(argv)
    cycles = 0
    dropped = 0     # packets a full ring refused (testpmd's TX-dropped, every cycle)
    prev = None
    started = time.monotonic()
    try:
        if pmd.wait_prompt(300) is None:
            raise Failure('testpmd did not reach its prompt')
        out = pmd.cmd('start tx_first')
        if 'io' not in out:
            raise Failure('start did not say which engine runs:\n' + out)
        while time.monotonic() - started < args.seconds:
            time.sleep(cycle)
            cycles += 1
            stats = parse_port_stats(pmd.cmd('show port stats all'))
            if sorted(stats) != [0, 1]:
                raise Failure('cycle {}: expected ports 0 and 1, got {}'.format(cycles, sorted(stats)))
            if prev is not None:
                for port in stats:
                    for c in COUNTERS:
                        if stats[port][c] < prev[port][c]:
                            raise Failure('cycle {}: port {} {} went backwards: {} -> {}'.format(
                                cycles, port, c, prev[port][c], stats[port][c]))
                    if stats[port]['RX-packets'] == prev[port]['RX-packets']:
                        raise Failure('cycle {}: port {} received nothing since the last cycle '
                                      '(packets lost in a stop/start?)'.format(cycles, port))
            prev = stats
            out = pmd.cmd('stop')
            if 'Accumulated forward statistics' not in out:
                raise Failure('cycle {}: stop printed no forward statistics:\n{}'.format(cycles, out))
            dropped += fwd_tx_dropped(out)
            if cycles % 2 == 0:
                out = pmd.cmd('port stop all') + pmd.cmd('port start all')
                if 'failed' in out:
                    raise Failure('cycle {}: port stop/start:\n{}'.format(cycles, out))
            pmd.cmd('start tx_first 32' if cycles % 3 == 0 else 'start')
        final = parse_port_stats(pmd.cmd('show port stats all'))
        for port in final:
            for c in COUNTERS:
                if final[port][c] < prev[port][c]:
                    raise Failure('end: port {} {} went backwards'.format(port, c))
        pmd.cmd('stop')
    except Failure as e:
        pmd.quit(30)
        fail(str(e), pmd)
    rc = pmd.quit()
    log = pmd.log()
    if rc != 0:
        fail('testpmd exit code {}'.format(rc), pmd)
    m = re.search(r'Warning: (\d+) mbufs missing from (\S+) \((\d+) of (\d+) available\)', log)
    if m:
        fail('{} mbufs leaked from {} ({} of {} back)'.format(*m.groups()), pmd)
    m = re.search(r'(\S+): all (\d+) mbufs back in the pool', log)
    if not m or int(m.group(2)) != mbufs:
        fail('no "all {} mbufs back in the pool" line at quit'.format(mbufs), pmd)
    rx = sum(final[p]['RX-packets'] for p in final)
    tx = sum(final[p]['TX-packets'] for p in final)
    errors = sum(final[p]['TX-errors'] for p in final)
    if errors != 0:
        fail('TX-errors {}: a full net_ring refuses packets without counting an error '
             '(DPDK 22.11); testpmd counts them in TX-dropped'.format(errors), pmd)
    if cycles >= 9 and dropped == 0:
        fail('{} cycles and the rings never filled (TX-dropped 0): the drop path did not '
             'run'.format(cycles), pmd)
    print('PASS: soak {:.0f} s: {} cycles ({} with port stop/start), RX-packets={} '
          'TX-packets={} TX-dropped={} TX-errors=0, counters monotonic, all {} mbufs '
          'back'.format(time.monotonic() - started, cycles, cycles // 2, rx, tx, dropped,
                        mbufs))
    return 0


def fail(why, pmd):
    print('FAIL: ' + why)
    print('---- last lines of testpmd output ----')
    print('\n'.join(pmd.log().splitlines()[-60:]))
    sys.exit(1)


if __name__ == '__main__':
    sys.exit(main())
