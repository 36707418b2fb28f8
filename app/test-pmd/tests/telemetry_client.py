#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Telemetry through DPDK's own client: Debian's dpdk-telemetry.py,
unmodified, driven through its stdin, against a running dpkit-testpmd.

testpmd runs io forwarding between two net_ring loop-back ports over a pool
of 1,000,000 mbufs (256-byte data room, so the pool needs ~450 MB). The
client is run three times (each run connects, reads the greeting and the
command list, answers the commands given on stdin, one JSON line each):
  1. the list commands, to learn the ids to ask about;
  2. every command of issue 17 with parameters, each must answer non-null
     with the expected shape; the pool must show 1,000,000 mbufs in
     /mempool/info and across its chunks in /dpkit/mempool/chunks;
  3. /ethdev/stats and /testpmd/streams again, while forwarding: the
     counters must have moved.
The greeting is checked over a socket of our own (the client does not print
it when stdin is not a terminal).

    telemetry_client.py <dpkit-testpmd> [--client PATH]

Prints PASS/FAIL; exit 77 with "SKIP: ..." when the client is not installed."""

import argparse
import json
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import Testpmd, Failure, free_hugepages  # noqa: E402

MBUFS = 1000000
POOL = 'mb_pool_0'


def runtime_dir(prefix):
    """The runtime directory as dpkit (and the client) compute it."""
    if os.getuid() == 0:
        base = '/var/run'
    else:
        base = os.environ.get('XDG_RUNTIME_DIR', '/tmp')
    return os.path.join(base, 'dpdk', prefix)


def ask(client, prefix, cmds):
    """Run the client once with cmds on its stdin: {cmd: reply value}."""
    env = dict(os.environ)
    env.pop('RUNTIME_DIRECTORY', None)
    p = subprocess.run([sys.executable, client, '-f', prefix], input='\n'.join(cmds) + '\n',
                       capture_output=True, text=True, timeout=60, env=env)
    if p.returncode != 0:
        raise Failure('client exit code {}:\n{}{}'.format(p.returncode, p.stdout, p.stderr))
    replies = {}
    lines = [l for l in p.stdout.splitlines() if l.strip()]
    if len(lines) != len(cmds):
        raise Failure('{} commands, {} reply lines:\n{}{}'.format(len(cmds), len(lines),
                                                               p.stdout, p.stderr))
    for cmd, line in zip(cmds, lines):
        obj = json.loads(line)
        key = cmd.split(',', 1)[0]
        if list(obj) != [key]:
            raise Failure('"{}": reply keyed {} instead of "{}"'.format(cmd, list(obj), key))
        replies[cmd] = obj[key]
    return replies


def expect(cond, what):
    if not cond:
        raise Failure(what)


def check_greeting(prefix, pid):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.settimeout(10)
    s.connect(os.path.join(runtime_dir(prefix), 'dpdk_telemetry.v2'))
    g = json.loads(s.recv(1024).decode())
    s.close()
    expect(list(g) == ['version', 'pid', 'max_output_len'], 'greeting keys: {}'.format(g))
    expect(g['pid'] == pid and g['max_output_len'] == 16384, 'greeting: {}'.format(g))
    return g


def check_shapes(r, ring):
    info = r['/mempool/info,' + POOL]
    expect(info['size'] == MBUFS and info['populated_size'] == MBUFS,
           '/mempool/info: size {} populated {}, want {}'.format(
               info.get('size'), info.get('populated_size'), MBUFS))
    chunks = r['/dpkit/mempool/chunks,' + POOL]
    expect(len(chunks['addr']) == min(chunks['nb_mem_chunks'], 128) and
           len(chunks['objs']) == len(chunks['iova']) == len(chunks['len']) ==
           len(chunks['addr']), '/dpkit/mempool/chunks: {}'.format(chunks))
    caches = r['/dpkit/mempool/caches,' + POOL]
    expect(caches['avail_count'] + caches['in_use_count'] == MBUFS,
           '/dpkit/mempool/caches: {}'.format(caches))
    expect(r['/ethdev/info,0']['name'] == 'net_ring0', '/ethdev/info,0: {}'.format(
        r['/ethdev/info,0']))
    expect(len(r['/ethdev/stats,0']['q_ipackets']) == 16, '/ethdev/stats,0 queues')
    expect(r['/ethdev/link_status,0']['status'] in ('UP', 'DOWN'), 'link_status')
    expect(isinstance(r['/ethdev/xstats,0'].get('rx_good_packets'), int), 'xstats')
    expect(r['/eal/lcore/info,1']['lcore_id'] == 1, '/eal/lcore/info,1')
    expect(r['/eal/heap_info,0']['Heap_size'] > 0, '/eal/heap_info,0')
    expect(r['/dpkit/ring/info,' + ring]['name'] == ring, 'ring info')
    expect(r['/help,/mempool/info'] == {'/mempool/info':
                                        'Returns mempool info. Parameters: pool_name'}, '/help')
    expect('--total-num-mbufs={}'.format(MBUFS) in r['/eal/app_params'], '/eal/app_params')
    expect(r['/testpmd/fwd_mode'] == 'io', '/testpmd/fwd_mode')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('testpmd')
    ap.add_argument('--client', default='/usr/bin/dpdk-telemetry.py')
    args = ap.parse_args()
    if not os.path.exists(args.client):
        print('SKIP: {} is absent (Debian package dpdk-dev)'.format(args.client))
        return 77
    mem = ['-m', '700'] if free_hugepages() >= 400 else ['--no-huge', '-m', '700']
    prefix = 'telemetry_client_{}'.format(os.getpid())
    argv = [args.testpmd, '--file-prefix=' + prefix, '-l', '0,1'] + mem + \
           ['--vdev', 'net_ring0', '--vdev', 'net_ring1', '--',
            '--total-num-mbufs={}'.format(MBUFS), '--mbuf-size=256', '-i',
            '--forward-mode=io']
    print('+ ' + ' '.join(argv))
    pmd = Testpmd(argv)
    try:
        if pmd.wait_prompt(300) is None:
            raise Failure('testpmd did not reach its prompt')
        check_greeting(prefix, pmd.proc.pid)
        lists = ask(args.client, prefix, ['/', '/eal/memzone_list', '/dpkit/ring/list',
                                          '/mempool/list', '/ethdev/list', '/eal/lcore/list',
                                          '/eal/heap_list'])
        expect(POOL in lists['/mempool/list'], '/mempool/list: {}'.format(lists))
        expect(lists['/ethdev/list'] == [0, 1], '/ethdev/list: {}'.format(lists))
        ring = lists['/dpkit/ring/list'][0]
        mz = lists['/eal/memzone_list'][0]
        pmd.cmd('start tx_first')
        time.sleep(0.3)
        cmds = ['/info', '/help,/mempool/info', '/eal/params', '/eal/app_params',
                '/eal/lcore/info,1', '/eal/heap_info,0', '/eal/memzone_info,{}'.format(mz),
                '/mempool/info,' + POOL, '/dpkit/mempool/chunks,' + POOL,
                '/dpkit/mempool/caches,' + POOL, '/dpkit/ring/info,' + ring,
                '/ethdev/info,0', '/ethdev/stats,0', '/ethdev/xstats,0',
                '/ethdev/link_status,0', '/testpmd/fwd_mode', '/testpmd/fwd_state',
                '/testpmd/streams']
        r = ask(args.client, prefix, cmds)
        for c in cmds:
            expect(r[c] is not None, '"{}" answered null'.format(c))
        every = set(lists['/'])
        for c in ['/', '/help', '/info', '/eal/params', '/eal/app_params', '/eal/lcore/list',
                  '/eal/lcore/info', '/eal/heap_list', '/eal/heap_info', '/eal/memzone_list',
                  '/eal/memzone_info', '/mempool/list', '/mempool/info', '/ethdev/list',
                  '/ethdev/info', '/ethdev/stats', '/ethdev/xstats', '/ethdev/link_status',
                  '/dpkit/mempool/chunks', '/dpkit/mempool/caches', '/dpkit/ring/list',
                  '/dpkit/ring/info']:
            expect(c in every, '"{}" missing from the command list'.format(c))
        check_shapes(r, ring)
        # every chunk holds objects; all of them add up to the pool when the
        # pages are few enough to ask for (not so without hugepages: one
        # chunk per 4 KB page, ~110,000 chunks)
        nb_chunks = r['/dpkit/mempool/chunks,' + POOL]['nb_mem_chunks']
        offsets = list(range(128, nb_chunks, 128))
        if len(offsets) > 8:
            offsets = [offsets[-1]]
        more = ['/dpkit/mempool/chunks,{},{}'.format(POOL, f) for f in offsets]
        pages = [r['/dpkit/mempool/chunks,' + POOL]] + list(
            ask(args.client, prefix, more).values() if more else [])
        expect(all(n > 0 for p in pages for n in p['objs']), 'a chunk without objects')
        objs = sum(sum(p['objs']) for p in pages)
        if nb_chunks <= 9 * 128:
            expect(objs == MBUFS, '{} chunks hold {} objects, want {}'.format(
                nb_chunks, objs, MBUFS))
        expect(r['/testpmd/fwd_state']['running'] == 1, 'fwd_state: {}'.format(
            r['/testpmd/fwd_state']))
        time.sleep(0.5)
        again = ask(args.client, prefix, ['/ethdev/stats,0', '/testpmd/streams'])
        before, after = r['/ethdev/stats,0']['ipackets'], again['/ethdev/stats,0']['ipackets']
        expect(after > before, 'port 0 ipackets did not move while forwarding: {} -> {}'.format(
            before, after))
        s0, s1 = sum(r['/testpmd/streams']['rx_packets']), sum(
            again['/testpmd/streams']['rx_packets'])
        expect(s1 > s0, 'stream rx_packets did not move: {} -> {}'.format(s0, s1))
        pmd.cmd('stop')
    except (Failure, OSError, ValueError, KeyError, TypeError, IndexError,
            subprocess.TimeoutExpired) as e:
        pmd.quit(30)
        print('FAIL: {}: {}'.format(type(e).__name__, e))
        print('\n'.join(pmd.log().splitlines()[-40:]))
        return 1
    rc = pmd.quit()
    if rc != 0:
        print('FAIL: testpmd exit code {}'.format(rc))
        return 1
    sock = os.path.join(runtime_dir(prefix), 'dpdk_telemetry.v2')
    if os.path.exists(sock):
        print('FAIL: {} left behind after quit'.format(sock))
        return 1
    print('PASS: dpdk-telemetry.py answered {} commands; pool {} of {} mbufs in {} chunks; '
          'port 0 ipackets {} -> {} while forwarding; socket removed at quit'.format(
              len(cmds) + 9, POOL, MBUFS, r['/dpkit/mempool/chunks,' + POOL]['nb_mem_chunks'],
              before, after))
    return 0


if __name__ == '__main__':
    sys.exit(main())
