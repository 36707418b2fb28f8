#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""io forwarding rate of dpkit-testpmd with and without a telemetry client
polling every 10 ms (a benchmark: prints numbers, asserts nothing on time).

dpkit-testpmd forwards io between two net_null ports on one forwarding
lcore (-l 0,1: lcore 1 forwards, lcore 0 runs the prompt and the telemetry
thread). The run alternates phases of --phase seconds: quiet, then a
client (another process, pinned to CPU 0 so that it does not take the
forwarding CPU) asking /ethdev/stats,0, /ethdev/stats,1, /mempool/info and
/dpkit/mempool/caches every 10 ms, --pairs times. A phase's rate is the
rx packets of both ports over its wall time, read over telemetry at its
edges. Alternating cancels slow drifts of a shared machine; the medians of
the quiet and polling phases are compared.

    telemetry_rate.py <dpkit-testpmd> [--phase S] [--pairs N]

Prints one line per phase and the summary lines "RATE: ..." (wall-clock
rates, which a loaded machine's scheduling moves) and "PER-CPU: ..." (packets
per CPU-second the forwarding lcore got, which it does not: a stall of the
lcore caused by the server would lower it). --control replaces the client
by the same CPU work without the socket."""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import Testpmd, Failure, free_hugepages  # noqa: E402

POLLER = r'''
import json, socket, sys, time
path, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.connect(path)
s.recv(1024)
cmds = ['/ethdev/stats,0', '/ethdev/stats,1', '/mempool/info,mb_pool_0',
        '/dpkit/mempool/caches,mb_pool_0']
end = time.monotonic() + seconds
n = 0
nxt = time.monotonic()
while time.monotonic() < end:
    for c in cmds:
        s.send(c.encode())
        json.loads(s.recv(16384))
        n += 1
    nxt += 0.010
    time.sleep(max(0.0, nxt - time.monotonic()))
print(n)
'''


# The same CPU work and wake-ups as POLLER without the socket: the
# --control run tells CPU competition on a loaded machine from the server.
BUSY = r'''
import json, sys, time
seconds = float(sys.argv[2])
reply = json.dumps({'/ethdev/stats': {'ipackets': 1, 'q_ipackets': list(range(16))}})
end = time.monotonic() + seconds
n = 0
nxt = time.monotonic()
while time.monotonic() < end:
    for _ in range(4):
        json.loads(reply * 1)
        n += 1
    nxt += 0.010
    time.sleep(max(0.0, nxt - time.monotonic()))
print(n)
'''


def thread_cpu_seconds(pid, name):
    """utime + stime of the thread of pid called name, in seconds."""
    tick = os.sysconf('SC_CLK_TCK')
    for tid in os.listdir('/proc/{}/task'.format(pid)):
        try:
            with open('/proc/{}/task/{}/comm'.format(pid, tid)) as f:
                if f.read().strip() != name:
                    continue
            with open('/proc/{}/task/{}/stat'.format(pid, tid)) as f:
                fields = f.read().rsplit(')', 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            continue
    return 0.0


def rx_total(sock):
    total = 0
    for port in (0, 1):
        sock.send('/ethdev/stats,{}'.format(port).encode())
        total += json.loads(sock.recv(16384))['/ethdev/stats']['ipackets']
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('testpmd')
    ap.add_argument('--phase', type=float, default=3.0)
    ap.add_argument('--pairs', type=int, default=5)
    ap.add_argument('--control', action='store_true',
                    help='the polling phases run the CPU work of the client without the socket')
    args = ap.parse_args()
    mem = ['-m', '128'] if free_hugepages() >= 96 else ['--no-huge', '-m', '256']
    prefix = 'telemetry_rate_{}'.format(os.getpid())
    pmd = Testpmd([args.testpmd, '--file-prefix=' + prefix, '-l', '0,1'] + mem +
                  ['--vdev', 'net_null0', '--vdev', 'net_null1', '--',
                   '--total-num-mbufs=16384', '-i', '--forward-mode=io'])
    base = '/var/run' if os.getuid() == 0 else os.environ.get('XDG_RUNTIME_DIR', '/tmp')
    path = os.path.join(base, 'dpdk', prefix, 'dpdk_telemetry.v2')
    rates = {'quiet': [], 'polling': []}
    order = []
    per_cpu = {'quiet': [], 'polling': []}
    requests = 0
    server_cpu = 0.0
    try:
        if pmd.wait_prompt(120) is None:
            raise Failure('testpmd did not reach its prompt')
        pmd.cmd('start')
        time.sleep(1.0)  # warm-up
        edge = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        edge.connect(path)
        edge.recv(1024)
        for i in range(2 * args.pairs):
            kind = 'quiet' if i % 2 == 0 else 'polling'
            poller = None
            if kind == 'polling':
                poller = subprocess.Popen(['taskset', '-c', '0', sys.executable, '-c',
                                           BUSY if args.control else POLLER,
                                           path, str(args.phase + 0.5)],
                                          stdout=subprocess.PIPE, text=True)
                time.sleep(0.25)  # connected and polling before the phase starts
            c0 = thread_cpu_seconds(pmd.proc.pid, 'telemetry-v2')
            w0 = thread_cpu_seconds(pmd.proc.pid, 'dpkit-lcore-1')
            t0, p0 = time.monotonic(), rx_total(edge)
            time.sleep(args.phase)
            t1, p1 = time.monotonic(), rx_total(edge)
            w1 = thread_cpu_seconds(pmd.proc.pid, 'dpkit-lcore-1')
            per_cpu[kind].append((p1 - p0) / max(w1 - w0, 1e-9))
            if kind == 'polling':
                server_cpu += thread_cpu_seconds(pmd.proc.pid, 'telemetry-v2') - c0
            if poller is not None:
                out, _ = poller.communicate(timeout=30)
                requests += int(out.strip() or 0)
            rate = (p1 - p0) / (t1 - t0)
            rates[kind].append(rate)
            order.append(rate)
            print('phase {:2} {:8} {:8.3f} Mpps, {:8.3f} M packets per CPU-second of the '
                  'forwarding lcore'.format(i, kind, rate / 1e6, per_cpu[kind][-1] / 1e6),
                  flush=True)
        edge.close()
        pmd.cmd('stop')
    except (Failure, OSError, ValueError, subprocess.TimeoutExpired) as e:
        pmd.quit(30)
        print('FAIL: {}: {}'.format(type(e).__name__, e))
        return 1
    pmd.quit()
    q = statistics.median(rates['quiet'])
    p = statistics.median(rates['polling'])
    spread = (max(rates['quiet']) - min(rates['quiet'])) / q
    # each polling phase against the mean of the quiet phases around it:
    # slow drifts of a shared machine cancel
    paired = sorted(order[i] / ((order[i - 1] + order[i + 1]) / 2)
                    for i in range(1, len(order) - 1, 2))
    quart = statistics.quantiles(paired, n=4) if len(paired) >= 2 else [paired[0]] * 3
    print('RATE: quiet {:.3f} Mpps polling {:.3f} Mpps ratio {:.4f}; paired ratio median '
          '{:.4f} (quartiles {:.4f}..{:.4f}) over {} pairs of {} s phases; quiet phases '
          'spread {:.1%}; {} requests answered ({:.0f}/s), telemetry thread CPU {:.1%} '
          'while polled'.format(
              q / 1e6, p / 1e6, p / q, statistics.median(paired), quart[0], quart[2],
              len(paired), args.phase, spread, requests,
              requests / (args.pairs * (args.phase + 0.5)),
              server_cpu / (args.pairs * args.phase)))
    qc = statistics.median(per_cpu['quiet'])
    pc = statistics.median(per_cpu['polling'])
    print('PER-CPU: quiet {:.3f} polling {:.3f} M packets per forwarding-lcore CPU-second, '
          'ratio {:.4f}{}'.format(qc / 1e6, pc / 1e6, pc / qc,
                                  ' (control run: no socket)' if args.control else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
