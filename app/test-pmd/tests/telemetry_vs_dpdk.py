#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Telemetry replies of dpkit-testpmd against dpdk-testpmd 22.11, side by
side: both run with the same EAL and testpmd options (--no-huge, two
net_ring ports, 8192 mbufs; dpdk-testpmd always with --no-pci) and answer
the same commands over the same arguments through their sockets. For every
command both have, the replies must have the same shape: the same key set
at every level, the same JSON type for every value (number, string,
array, object, null), keys in the same order, and arrays of the same
element type. The greeting
is compared the same way. Values are not compared (addresses, pids and
counters differ by nature).

    telemetry_vs_dpdk.py <dpkit-testpmd> [--dpdk-testpmd PATH] [--verbose]

Prints one line per command and PASS/FAIL; exit 77 with "SKIP: ..." when
dpdk-testpmd is not installed."""

import argparse
import json
import os
import shutil
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import Testpmd, Failure  # noqa: E402

# (command, how its parameter is chosen); "{mz}" = first memzone id listed
COMMANDS = [
    '/info', '/help', '/help,/ethdev/stats', '/help,/nope', '/eal/params', '/eal/app_params',
    '/eal/heap_list', '/eal/heap_info,0', '/eal/memzone_list', '/eal/memzone_info,{mz}',
    '/mempool/list', '/mempool/info,mb_pool_0', '/mempool/info,no_such_pool',
    '/ethdev/list', '/ethdev/info,0', '/ethdev/info,1', '/ethdev/stats,0', '/ethdev/stats,1',
    '/ethdev/xstats,0', '/ethdev/link_status,0', '/ethdev/stats,x', '/ethdev/stats,99',
    '/ethdev/info,', '/nope',
]


def shape(v):
    """The JSON shape of v: types, keys and element shapes, not values."""
    if isinstance(v, dict):
        return {k: shape(x) for k, x in v.items()}
    if isinstance(v, list):
        return ['array', sorted({json.dumps(shape(x), sort_keys=True) for x in v})]
    if v is None:
        return 'null'
    if isinstance(v, bool):
        return 'bool'
    if isinstance(v, (int, float)):
        return 'number'
    return 'string'


def differences(a, b, path=''):
    """Where shapes a (dpkit) and b (DPDK) differ, as readable lines."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        if set(a) == set(b) and list(a) != list(b):
            out.append('{}: keys in another order: {} vs {}'.format(path or '.', list(a), list(b)))
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append('{}.{}: missing in dpkit'.format(path, k))
            elif k not in b:
                out.append('{}.{}: only in dpkit'.format(path, k))
            else:
                out += differences(a[k], b[k], '{}.{}'.format(path, k))
        return out
    if isinstance(a, list) and isinstance(b, list):
        if a[1] and b[1] and a[1] != b[1]:
            return ['{}[]: elements {} vs {}'.format(path, a[1], b[1])]
        return []
    if a != b:
        return ['{}: {} vs {}'.format(path or '.', json.dumps(a), json.dumps(b))]
    return []


class Client:
    def __init__(self, prefix):
        base = '/var/run' if os.getuid() == 0 else os.environ.get('XDG_RUNTIME_DIR', '/tmp')
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.settimeout(10)
        self.sock.connect(os.path.join(base, 'dpdk', prefix, 'dpdk_telemetry.v2'))
        self.greeting = json.loads(self.sock.recv(1024).decode())

    def ask(self, cmd):
        self.sock.send(cmd.encode())
        return json.loads(self.sock.recv(16384).decode())

    def close(self):
        self.sock.close()


def start(binary, prefix, extra):
    argv = [binary, '--file-prefix=' + prefix, '-l', '0,1', '--no-huge', '-m', '256'] + \
        extra + ['--vdev', 'net_ring0', '--vdev', 'net_ring1', '--',
                 '--total-num-mbufs=8192', '-i']
    print('+ ' + ' '.join(argv))
    pmd = Testpmd(argv)
    if pmd.wait_prompt(120) is None:
        pmd.quit(10)
        raise Failure('{} did not reach its prompt:\n{}'.format(binary, pmd.log()[-2000:]))
    return pmd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('testpmd')
    ap.add_argument('--dpdk-testpmd', default=shutil.which('dpdk-testpmd'))
    ap.add_argument('--verbose', action='store_true')
    args = ap.parse_args()
    if not args.dpdk_testpmd or not os.path.exists(args.dpdk_testpmd):
        print('SKIP: dpdk-testpmd (Debian package dpdk-dev) is not installed')
        return 77
    tag = os.getpid()
    pmds = []
    failures = []
    try:
        pmds.append(start(args.testpmd, 'tel_cmp_dpkit_{}'.format(tag), []))
        pmds.append(start(args.dpdk_testpmd, 'tel_cmp_dpdk_{}'.format(tag), ['--no-pci']))
        ours = Client('tel_cmp_dpkit_{}'.format(tag))
        theirs = Client('tel_cmp_dpdk_{}'.format(tag))
        d = differences(shape(ours.greeting), shape(theirs.greeting), 'greeting')
        failures += d
        print('{:32} {}'.format('(greeting)', 'same shape' if not d else '; '.join(d)))
        mz = {'mz': ours.ask('/eal/memzone_list')['/eal/memzone_list'][0]}
        mz_dpdk = {'mz': theirs.ask('/eal/memzone_list')['/eal/memzone_list'][0]}
        for cmd in COMMANDS:
            a = ours.ask(cmd.format(**mz))
            b = theirs.ask(cmd.format(**mz_dpdk))
            d = differences(shape(a), shape(b))
            failures += ['{}: {}'.format(cmd, x) for x in d]
            print('{:32} {}'.format(cmd, 'same shape' if not d else '; '.join(d)))
            if args.verbose:
                print('    dpkit: {}\n    dpdk:  {}'.format(json.dumps(a)[:300],
                                                         json.dumps(b)[:300]))
        listed_ours = set(ours.ask('/')['/'])
        listed_dpdk = set(theirs.ask('/')['/'])
        shared = sorted(listed_ours & listed_dpdk)
        print('commands both list: {}; only DPDK: {}; only dpkit: {}'.format(
            len(shared), ' '.join(sorted(listed_dpdk - listed_ours)),
            ' '.join(sorted(listed_ours - listed_dpdk))))
        for c in ('/', '/info', '/help', '/eal/params', '/eal/app_params', '/eal/heap_list',
                  '/eal/heap_info', '/eal/memzone_list', '/eal/memzone_info', '/mempool/list',
                  '/mempool/info', '/ethdev/list', '/ethdev/info', '/ethdev/stats',
                  '/ethdev/xstats', '/ethdev/link_status'):
            if c not in listed_dpdk:
                failures.append('{}: not listed by dpdk-testpmd (the comparison is stale)'
                                .format(c))
        ours.close()
        theirs.close()
    except (Failure, OSError, ValueError, KeyError, IndexError) as e:
        failures.append('{}: {}'.format(type(e).__name__, e))
    for p in pmds:
        p.quit(30)
    if failures:
        print('FAIL: {} differences:\n  {}'.format(len(failures), '\n  '.join(failures)))
        return 1
    print('PASS: {} commands and the greeting have DPDK 22.11 shapes'.format(len(COMMANDS)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
