#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""testpmd long-horizon soak: forwarding over net_ring until the rings'
32-bit positions have passed 2^32, with nothing lost or duplicated.

Two net_ring loop-back ports (--vdev net_ring0 --vdev net_ring1), io
forwarding; each port's queue 0 is one ring (ETH_RXTX0_<port>) that its tx
fills and its rx empties. Phases, each until every port ring has moved
--positions further:

  short      --port-topology=loop (each port forwards to itself), 16
             packets sent first per port, then bursts of 32: every poll of
             a ring finds 16 packets, fewer than it asks for; a consumer
             that never sees more than it asks for is the case where a
             ring's cached copy of the producer tail is never refreshed;
  ping-pong  paired ports, 'start tx_first': 64 packets in flight between
             the two rings, so a ring holds zero, one or two bursts;
  full       then 'start tx_first 64': more packets than the rings hold,
             rings full, the tx drop path runs.

With --store-ring, the run is instead txonly with no mempool cache
(--mbcache=0): every packet is taken from and given back to the pool's
store ring (MP_mb_pool_0), which is driven past 2^32 the same way.

Every few seconds forwarding stops and the soak checks, from
'show port stats all', 'dump_ring' and 'dump_mempool':
  - each port ring's producer and consumer tails equal the port's 64-bit
    TX-packets and RX-packets counters modulo 2^32 (so the unwrapped
    position is the counter: nothing skipped or taken twice);
  - each ring holds between 0 and its capacity, and exactly TX - RX;
  - mbufs in the port rings + mbufs in the pool (store + caches) = all;
  - the store ring holds exactly the pool's common count;
  - packets moved since the last sample.
At the end of each testpmd run, it must quit with every mbuf back in its
pool.

    wrap_soak.py <dpkit-testpmd> [--positions N] [--sample-seconds S] [--store-ring]

Prints the rate, duration and positions reached, then "PASS: ..." or
"FAIL: ..."."""

import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import Failure, Testpmd, free_hugepages, parse_port_stats  # noqa: E402

WRAP = 1 << 32
MBUFS = 16384
PORT_RINGS = ('ETH_RXTX0_net_ring0', 'ETH_RXTX0_net_ring1')
STORE_RING = 'MP_mb_pool_0'


def parse_rings(text):
    """{name: {'prod': tail, 'cons': tail, 'used': n, 'capacity': c}}"""
    rings = {}
    name = None
    for line in text.splitlines():
        m = re.match(r'ring <([^>]+)>@', line)
        if m:
            name = m.group(1)
            rings[name] = {}
            continue
        if name is None:
            continue
        m = re.search(r'capacity=(\d+)', line)
        if m:
            rings[name]['capacity'] = int(m.group(1))
        m = re.match(r'\s+(prod|cons): sync=\S+ head=(\d+)\S* tail=(\d+)', line)
        if m:
            if int(m.group(2)) != int(m.group(3)):
                raise Failure('ring {} {}: head {} != tail {} with forwarding stopped'.format(
                    name, m.group(1), m.group(2), m.group(3)))
            rings[name][m.group(1)] = int(m.group(3))
        m = re.search(r'used=(\d+)', line)
        if m:
            rings[name]['used'] = int(m.group(1))
    return rings


def parse_pool(text):
    """(store count, cache count) of mb_pool_0 from 'dump_mempool'."""
    common = re.search(r'common_pool_count=(\d+)', text)
    cached = re.search(r'total_cache_count=(\d+)', text)
    if not common:
        raise Failure('no common_pool_count in dump_mempool:\n' + text)
    return int(common.group(1)), int(cached.group(1)) if cached else 0


class Soak:
    def __init__(self, pmd, sample_seconds):
        self.pmd = pmd
        self.sample_seconds = sample_seconds
        self.samples = 0
        self.prev_rx = None
        self.store = None          # last raw (prod, cons) of the store ring
        self.store_moved = [0, 0]  # unwrapped store ring positions
        self.port_pos = {}         # ring name -> unwrapped producer position

    def sample(self):
        """Stop, read everything, check it; returns the port stats."""
        pmd = self.pmd
        out = pmd.cmd('stop')
        if 'Accumulated forward statistics' not in out:
            raise Failure('stop printed no forward statistics:\n' + out)
        stats = parse_port_stats(pmd.cmd('show port stats all'))
        rings = parse_rings(pmd.cmd('dump_ring'))
        store_count, cache_count = parse_pool(pmd.cmd('dump_mempool'))
        self.samples += 1
        in_rings = 0
        for port, name in enumerate(PORT_RINGS):
            r = rings.get(name)
            if r is None or 'prod' not in r or 'cons' not in r:
                raise Failure('dump_ring shows no ring {}'.format(name))
            tx, rx = stats[port]['TX-packets'], stats[port]['RX-packets']
            if r['prod'] != tx % WRAP or r['cons'] != rx % WRAP:
                raise Failure('sample {}: ring {} at prod {} cons {}, but port {} sent {} '
                              '(mod 2^32: {}) and received {} (mod 2^32: {})'.format(
                                  self.samples, name, r['prod'], r['cons'], port, tx,
                                  tx % WRAP, rx, rx % WRAP))
            used = (r['prod'] - r['cons']) % WRAP
            if used > r['capacity'] or used != r['used'] or used != tx - rx:
                raise Failure('sample {}: ring {} holds {} (dump says {}, capacity {}, '
                              'TX - RX = {})'.format(self.samples, name, used, r['used'],
                                                     r['capacity'], tx - rx))
            in_rings += used
            self.port_pos[name] = tx
        store = rings.get(STORE_RING)
        if store is None:
            raise Failure('dump_ring shows no store ring {}'.format(STORE_RING))
        if (store['prod'] - store['cons']) % WRAP != store_count:
            raise Failure('sample {}: store ring holds {} but the pool counts {}'.format(
                self.samples, (store['prod'] - store['cons']) % WRAP, store_count))
        if self.store is not None:
            # a sample is a few seconds: far less than 2^32 positions at any rate
            self.store_moved[0] += (store['prod'] - self.store[0]) % WRAP
            self.store_moved[1] += (store['cons'] - self.store[1]) % WRAP
        self.store = (store['prod'], store['cons'])
        if in_rings + store_count + cache_count != MBUFS:
            raise Failure('sample {}: {} mbufs in the port rings + {} in the store + {} in '
                          'caches != {}'.format(self.samples, in_rings, store_count,
                                                cache_count, MBUFS))
        rx_now = [stats[p]['RX-packets'] for p in (0, 1)]
        if self.prev_rx is not None and any(a <= b for a, b in zip(rx_now, self.prev_rx)):
            raise Failure('sample {}: a port received nothing since the last sample: {} -> '
                          '{}'.format(self.samples, self.prev_rx, rx_now))
        self.prev_rx = rx_now
        return stats

    def run(self, name, start_cmds, positions, moved):
        """Forward after start_cmds (';'-separated) until moved() has grown by positions."""
        begin = moved()
        t0 = time.monotonic()
        for c in start_cmds.split(';'):
            self.pmd.cmd(c.strip())
        while True:
            time.sleep(self.sample_seconds)
            stats = self.sample()
            done = moved() - begin
            if done >= positions:
                break
            self.pmd.cmd('start')
        secs = time.monotonic() - t0
        print('{}: {:.1f} s, {} positions per ring ({:.2f} x 2^32), {:.0f} M positions/s per '
              'ring; TX-errors {} (a full ring is no error)'.format(name, secs, done, done / WRAP, done / secs / 1e6,
                                          sum(stats[p]['TX-errors'] for p in (0, 1))))
        sys.stdout.flush()


def run_testpmd(binary, extra, phases, args):
    """One dpkit-testpmd run: phases [(name, start command, progress)], then quit.
    progress(soak) -> positions moved so far. Returns the soak."""
    if free_hugepages() >= 64 + 32:
        mem = ['-m', '128']
    else:
        mem = ['--no-huge', '-m', '256']
    argv = [binary, '--file-prefix=wrap_soak_{}'.format(os.getpid()), '-l', '0,1'] + mem + \
        ['--vdev', 'net_ring0', '--vdev', 'net_ring1', '--',
         '--total-num-mbufs={}'.format(MBUFS), '-i'] + extra
    print('+ ' + ' '.join(argv))
    sys.stdout.flush()
    pmd = Testpmd(argv)
    soak = Soak(pmd, args.sample_seconds)
    try:
        if pmd.wait_prompt(300) is None:
            raise Failure('testpmd did not reach its prompt')
        for name, start_cmd, progress in phases:
            soak.run(name, start_cmd, args.positions, lambda: progress(soak))
    except Failure as e:
        pmd.quit(30)
        fail(str(e), pmd)
    rc = pmd.quit()
    if rc != 0:
        fail('testpmd exit code {}'.format(rc), pmd)
    m = re.search(r'(\S+): all (\d+) mbufs back in the pool', pmd.log())
    if not m or int(m.group(2)) != MBUFS:
        fail('no "all {} mbufs back in the pool" line at quit'.format(MBUFS), pmd)
    print('run done: {} samples; port rings at {}; store ring moved {} / {} (prod / cons); '
          'all {} mbufs back'.format(
              soak.samples,
              ', '.join('{} {}'.format(r, p) for r, p in sorted(soak.port_pos.items())),
              soak.store_moved[0], soak.store_moved[1], MBUFS))
    return soak


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('testpmd')
    ap.add_argument('--positions', type=int, default=WRAP + (1 << 28),
                    help='positions each ring must move per phase (default 2^32 + 2^28)')
    ap.add_argument('--sample-seconds', type=float, default=3.0)
    ap.add_argument('--store-ring', action='store_true',
                    help='txonly without mempool cache: drive the pool store ring instead')
    args = ap.parse_args()
    started = time.monotonic()

    def port_rings(soak):
        return min(soak.port_pos.get(r, 0) for r in PORT_RINGS)

    def store_ring(soak):
        return min(soak.store_moved)

    if args.store_ring:
        run_testpmd(args.testpmd, ['--forward-mode=txonly', '--mbcache=0'],
                    [('store ring (txonly, no cache)', 'start', store_ring)], args)
    else:
        run_testpmd(args.testpmd, ['--forward-mode=io', '--port-topology=loop'],
                    [('short (loop, 16 per ring, bursts of 32)',
                      'set burst 16; start tx_first; stop; set burst 32; start', port_rings)],
                    args)
        run_testpmd(args.testpmd, ['--forward-mode=io'],
                    [('ping-pong (64 in flight)', 'start tx_first', port_rings),
                     ('full rings', 'start tx_first 64', port_rings)], args)
    print('PASS: {:.0f} s'.format(time.monotonic() - started))
    return 0


def fail(why, pmd):
    print('FAIL: ' + why)
    print('---- last lines of testpmd output ----')
    print('\n'.join(pmd.log().splitlines()[-60:]))
    sys.exit(1)


if __name__ == '__main__':
    sys.exit(main())
