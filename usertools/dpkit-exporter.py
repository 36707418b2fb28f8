#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Prometheus exporter for dpkit (and DPDK) processes.

Reads the v2 telemetry socket (<runtime dir>/dpdk_telemetry.v2) of one or
more running processes at every scrape and serves what it read in the
Prometheus text format (version 0.0.4) on http://<listen>/metrics:

  dpkit_up                        1 when the process answered, else 0
  dpkit_mempool_size              objects a pool holds in all
  dpkit_mempool_avail             free objects (common store + lcore caches)
  dpkit_mempool_in_use            objects taken out of the pool
  dpkit_mempool_cached            free objects sitting in lcore caches
  dpkit_port_packets_total        per port and direction (rx, tx)
  dpkit_port_bytes_total          per port and direction
  dpkit_port_errors_total         per port and direction
  dpkit_port_missed_total         packets the port dropped for lack of room
  dpkit_port_rx_nombuf_total      receive buffer allocation failures
  dpkit_queue_packets_total       per queue and direction (configured queues)
  dpkit_queue_bytes_total         per queue and direction
  dpkit_queue_errors_total        per rx queue
  dpkit_heap_bytes                per malloc heap: total, free, allocated

Every series carries instance=<file prefix> (or the socket path given with
--socket). Pool avail/in-use/cached come from /dpkit/mempool/caches; a DPDK
22.11 process has no such command, so only dpkit_mempool_size is exported
for it. Standard library only.

  dpkit-exporter.py -f rte -f other --listen 127.0.0.1:9479
  dpkit-exporter.py --all --once        # print one scrape and exit
"""

import argparse
import glob
import http.server
import json
import os
import socket
import sys
import threading

SOCKET_NAME = 'dpdk_telemetry.v2'

# name -> (type, help); the order of the exposition
FAMILIES = {
    'dpkit_up': ('gauge', 'Whether the process answered on its telemetry socket.'),
    'dpkit_mempool_size': ('gauge', 'Objects a mempool holds in all.'),
    'dpkit_mempool_avail': ('gauge', 'Free objects of a mempool, lcore caches included.'),
    'dpkit_mempool_in_use': ('gauge', 'Objects taken out of a mempool.'),
    'dpkit_mempool_cached': ('gauge', 'Free objects of a mempool held in lcore caches.'),
    'dpkit_port_packets_total': ('counter', 'Packets received or sent by a port.'),
    'dpkit_port_bytes_total': ('counter', 'Bytes received or sent by a port.'),
    'dpkit_port_errors_total': ('counter', 'Erroneous packets received, or failed sends.'),
    'dpkit_port_missed_total': ('counter', 'Packets a port dropped for lack of room.'),
    'dpkit_port_rx_nombuf_total': ('counter', 'Receive buffer allocation failures.'),
    'dpkit_queue_packets_total': ('counter', 'Packets received or sent on a queue.'),
    'dpkit_queue_bytes_total': ('counter', 'Bytes received or sent on a queue.'),
    'dpkit_queue_errors_total': ('counter', 'Erroneous packets on an rx queue.'),
    'dpkit_heap_bytes': ('gauge', 'Bytes of a malloc heap, by state (total, free, alloc).'),
}


def runtime_base():
    """Directory holding one runtime directory per file prefix."""
    if os.getuid() == 0:
        return '/var/run/dpdk'
    return os.path.join(os.environ.get('XDG_RUNTIME_DIR', '/tmp'), 'dpdk')


class Target:
    """One process, reached through its telemetry socket."""

    def __init__(self, instance, path, timeout):
        self.instance = instance
        self.path = path
        self.timeout = timeout

    def query(self, cmds_fn):
        """Connect, read the greeting, then let cmds_fn ask questions."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.path)
            greeting = json.loads(sock.recv(1024).decode())
            size = int(greeting.get('max_output_len', 16384))

            def ask(cmd):
                sock.send(cmd.encode())
                reply = json.loads(sock.recv(size).decode())
                return reply.get(cmd.split(',', 1)[0])
            return cmds_fn(ask)
        finally:
            sock.close()


def escape(value):
    return str(value).replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')


class Samples:
    """Series by family, rendered in FAMILIES order."""

    def __init__(self):
        self.by_family = {name: [] for name in FAMILIES}

    def add(self, name, labels, value):
        text = ','.join('{}="{}"'.format(k, escape(v)) for k, v in labels.items())
        self.by_family[name].append('{}{{{}}} {}'.format(name, text, int(value)))

    def render(self):
        out = []
        for name, (kind, help_text) in FAMILIES.items():
            if not self.by_family[name]:
                continue
            out.append('# HELP {} {}'.format(name, help_text))
            out.append('# TYPE {} {}'.format(name, kind))
            out.extend(self.by_family[name])
        return '\n'.join(out) + '\n'


def collect_pools(ask, s, inst):
    for pool in ask('/mempool/list') or []:
        base = {'instance': inst, 'pool': pool}
        caches = ask('/dpkit/mempool/caches,' + pool)
        if caches:
            s.add('dpkit_mempool_size', base, caches['size'])
            s.add('dpkit_mempool_avail', base, caches['avail_count'])
            s.add('dpkit_mempool_in_use', base, caches['in_use_count'])
            s.add('dpkit_mempool_cached', base, caches['cached_count'])
            continue
        info = ask('/mempool/info,' + pool)
        if info and 'size' in info:
            s.add('dpkit_mempool_size', base, info['size'])


def collect_ports(ask, s, inst):
    for port in ask('/ethdev/list') or []:
        stats = ask('/ethdev/stats,{}'.format(port))
        info = ask('/ethdev/info,{}'.format(port)) or {}
        if not stats:
            continue
        base = {'instance': inst, 'port': port, 'name': info.get('name', '')}
        for direction, pk, by, er in (('rx', 'ipackets', 'ibytes', 'ierrors'),
                                      ('tx', 'opackets', 'obytes', 'oerrors')):
            d = dict(base, direction=direction)
            s.add('dpkit_port_packets_total', d, stats[pk])
            s.add('dpkit_port_bytes_total', d, stats[by])
            s.add('dpkit_port_errors_total', d, stats[er])
        s.add('dpkit_port_missed_total', base, stats['imissed'])
        s.add('dpkit_port_rx_nombuf_total', base, stats['rx_nombuf'])
        queues = {'rx': info.get('nb_rx_queues', 0), 'tx': info.get('nb_tx_queues', 0)}
        for direction, pk, by in (('rx', 'q_ipackets', 'q_ibytes'),
                                  ('tx', 'q_opackets', 'q_obytes')):
            for q in range(min(queues[direction], len(stats.get(pk, [])))):
                d = dict(base, queue=q, direction=direction)
                s.add('dpkit_queue_packets_total', d, stats[pk][q])
                s.add('dpkit_queue_bytes_total', d, stats[by][q])
        for q in range(min(queues['rx'], len(stats.get('q_errors', [])))):
            s.add('dpkit_queue_errors_total', dict(base, queue=q), stats['q_errors'][q])


def collect_heaps(ask, s, inst):
    for heap in ask('/eal/heap_list') or []:
        info = ask('/eal/heap_info,{}'.format(heap))
        if not info:
            continue
        base = {'instance': inst, 'heap': heap, 'name': info.get('Name', '')}
        for state, key in (('total', 'Heap_size'), ('free', 'Free_size'),
                           ('alloc', 'Alloc_size')):
            s.add('dpkit_heap_bytes', dict(base, state=state), info[key])


def scrape(targets):
    s = Samples()
    for t in targets:
        part = Samples()

        def run(ask, part=part, inst=t.instance):
            collect_pools(ask, part, inst)
            collect_ports(ask, part, inst)
            collect_heaps(ask, part, inst)
        try:
            t.query(run)
            up = 1
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            up = 0  # gone, or not a telemetry socket: its series are left out
        s.add('dpkit_up', {'instance': t.instance}, up)
        if up:
            for name, series in part.by_family.items():
                s.by_family[name].extend(series)
    return s.render()


def targets_of(args):
    found = []
    base = args.runtime_dir or runtime_base()
    for prefix in args.file_prefix or []:
        found.append(Target(prefix, os.path.join(base, prefix, SOCKET_NAME), args.timeout))
    for path in args.socket or []:
        found.append(Target(path, path, args.timeout))
    if args.all:
        for path in sorted(glob.glob(os.path.join(base, '*', SOCKET_NAME))):
            prefix = os.path.basename(os.path.dirname(path))
            if all(t.path != path for t in found):
                found.append(Target(prefix, path, args.timeout))
    return found


def serve(args):
    host, _, port = args.listen.rpartition(':')
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split('?')[0] not in ('/metrics', '/'):
                self.send_error(404, 'try /metrics')
                return
            with lock:  # one scrape at a time: each opens a client per process
                body = scrape(targets_of(args)).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *a):
            if args.verbose:
                sys.stderr.write('%s - %s\n' % (self.address_string(), fmt % a))

    httpd = http.server.ThreadingHTTPServer((host or '127.0.0.1', int(port)), Handler)
    print('dpkit-exporter: serving http://{}:{}/metrics'.format(*httpd.server_address[:2]),
          flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('-f', '--file-prefix', action='append',
                    help='file prefix of a process (repeatable)')
    ap.add_argument('-s', '--socket', action='append', help='a telemetry socket path')
    ap.add_argument('-a', '--all', action='store_true',
                    help='every process with a socket under the runtime directory')
    ap.add_argument('--runtime-dir', help='base of the runtime directories '
                    '(default /var/run/dpdk for root, else $XDG_RUNTIME_DIR/dpdk or /tmp/dpdk)')
    ap.add_argument('--listen', default='127.0.0.1:9479', help='host:port (port 0: any)')
    ap.add_argument('--timeout', type=float, default=2.0, help='seconds per process')
    ap.add_argument('--once', action='store_true', help='print one scrape and exit')
    ap.add_argument('-v', '--verbose', action='store_true', help='log HTTP requests')
    args = ap.parse_args()
    if not (args.file_prefix or args.socket or args.all):
        args.file_prefix = ['rte']
    if args.once:
        sys.stdout.write(scrape(targets_of(args)))
        return 0
    return serve(args)


if __name__ == '__main__':
    sys.exit(main())
