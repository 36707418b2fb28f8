#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the dpkit authors
"""net_pcap and net_tap: dpkit-testpmd against Debian's dpdk-testpmd 22.11.

Same arguments, same traffic, rounds interleaved (dpkit, dpdk, dpkit, ...)
so that machine noise hits both; prints packets per second and the ratio.

1. pcap replay: one net_pcap port, rx_pcap=<file of --frames frames of
   --size bytes>, infinite_rx=1, no tx stream (transmit frees and counts),
   io forwarding on one core (--port-topology=chained). Received packets per
   second.
2. pcap replay + write: the same with tx_pcap=/dev/null (libpcap's writer
   on every frame).
3. tap: two net_tap ports whose interfaces are joined by a kernel bridge in
   a namespace of this script's own; io forwarding with --tx-first on one
   core, so every frame goes port 0 -> kernel bridge -> port 1 -> port 0 ...
   Received packets per second (both ports).

DPDK gets --no-pci and --no-flush-rx (dpkit-testpmd takes and ignores the
latter). Both run --no-huge. Needs root for the tap case (netns, bridge).
Never asserts on time; a busy machine gives busy numbers.

    devtools/bench-pcap-tap-vs-dpdk.py [--build build] [--rounds 3] [--seconds 5]
"""

import argparse
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def wait_prompt(p, timeout):
    buf = ""
    fd = p.stdout.fileno()
    deadline = time.monotonic() + timeout
    while "testpmd> " not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError("no testpmd> prompt within %d s" % timeout)
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        chunk = os.read(fd, 65536).decode(errors="replace")
        if chunk == "":
            raise RuntimeError("exited before the prompt:\n" + buf[-2000:])
        buf += chunk
    return buf


def accumulated_rx(text):
    m = re.findall(r"Accumulated forward statistics.*?\n\s*RX-packets:\s*(\d+)", text, re.S)
    return int(m[-1]) if m else 0


def send(p, line):
    os.write(p.stdin.fileno(), (line + "\n").encode())


def rate(binary, vdevs, seconds, prefix, launcher=(), ready=None, extra=()):
    """Received packets per second of io forwarding over `seconds`."""
    dpdk = "dpdk-testpmd" in os.path.basename(binary)
    args = list(launcher) + [binary, "--no-huge", "-m", "1024", "-l", "0,1",
                             "--file-prefix=" + prefix]
    if dpdk:
        args.append("--no-pci")
    for v in vdevs:
        args += ["--vdev", v]
    args += ["--", "-i", "--forward-mode=io", "--nb-cores=1", "--total-num-mbufs=32768"]
    args += list(extra)
    if dpdk:
        args.append("--no-flush-rx")
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, bufsize=0)
    try:
        wait_prompt(p, 120)
        if ready is not None:
            ready()
        send(p, "start tx_first" if "--port-topology=paired" in extra else "start")
        t0 = time.monotonic()
        time.sleep(seconds)
        send(p, "stop")
        t1 = time.monotonic()
        send(p, "quit")
        out, _ = p.communicate(timeout=120)
        out = out.decode(errors="replace")
    except Exception:
        p.kill()
        raise
    rx = accumulated_rx(out)
    if rx == 0:
        tail = "\n".join(out.splitlines()[-20:])
        raise RuntimeError("%s forwarded nothing (exit %s):\n%s" % (binary, p.returncode, tail))
    return rx / (t1 - t0)


def write_pcap(path, frames, size):
    import struct
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i in range(frames):
            payload = bytes([0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x88, 0xB5]) + \
                bytes((i + k) % 256 for k in range(size - 14))
            f.write(struct.pack("<IIII", 1700000000, i, size, size))
            f.write(payload)


def table(title, rounds, run):
    print(title)
    print("%-8s %14s %14s" % ("round", "dpkit pps", "dpdk pps"))
    rates = {"dpkit": [], "dpdk": []}
    for r in range(rounds):
        row = {side: run(side) for side in ("dpkit", "dpdk")}
        for side in row:
            rates[side].append(row[side])
        print("%-8d %14.0f %14.0f" % (r + 1, row["dpkit"], row["dpdk"]))
    md, mp = statistics.median(rates["dpkit"]), statistics.median(rates["dpdk"])
    print("%-8s %14.0f %14.0f   dpkit/dpdk = %.2fx\n" % ("median", md, mp, md / mp))
    return md / mp


def tap_case(a, bins):
    if os.geteuid() != 0 or shutil.which("ip") is None:
        print("tap: SKIP: needs root and iproute2\n")
        return
    ns = "bench_tap_%d" % os.getpid()
    if subprocess.run(["ip", "netns", "add", ns]).returncode != 0:
        print("tap: SKIP: cannot create a network namespace\n")
        return
    try:
        def bridge():
            for cmd in (["link", "add", "bbr0", "type", "bridge"],
                        ["link", "set", "bbr0", "up"],
                        ["link", "set", "btap0", "master", "bbr0"],
                        ["link", "set", "btap1", "master", "bbr0"],
                        ["link", "set", "btap0", "up"],
                        ["link", "set", "btap1", "up"]):
                subprocess.run(["ip", "-n", ns] + cmd, check=True)

        def unbridge():
            subprocess.run(["ip", "-n", ns, "link", "del", "bbr0"], stderr=subprocess.DEVNULL)

        def run(side):
            unbridge()
            try:
                return rate(bins[side], ["net_tap0,iface=btap0", "net_tap1,iface=btap1"],
                            a.seconds, "bench_tap_" + side, launcher=("ip", "netns", "exec", ns),
                            ready=bridge, extra=["--port-topology=paired"])
            finally:
                unbridge()
        subprocess.run(["ip", "netns", "exec", ns, "sysctl", "-qw",
                        "net.ipv6.conf.all.disable_ipv6=1"])
        table("tap: 2 x net_tap joined by a kernel bridge, io forwarding, --tx-first, "
              "1 forwarding core, %.0f s per run" % a.seconds, a.rounds, run)
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.environ.get("BUILD_DIR", "build"))
    ap.add_argument("--dpkit", help="dpkit-testpmd (default: <build>/app/test-pmd/)")
    ap.add_argument("--dpdk", default="/usr/bin/dpdk-testpmd")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--frames", type=int, default=1000)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--only", choices=["pcap", "pcap-write", "tap"], action="append")
    a = ap.parse_args()
    dpkit = a.dpkit or os.path.join(a.build, "app", "test-pmd", "dpkit-testpmd")
    for b in (dpkit, a.dpdk):
        if not os.access(b, os.X_OK):
            print("SKIP: %s missing" % b)
            return 0
    bins = {"dpkit": os.path.abspath(dpkit), "dpdk": a.dpdk}
    only = a.only or ["pcap", "pcap-write", "tap"]
    with tempfile.TemporaryDirectory(prefix="bench_pcap_") as d:
        f = os.path.join(d, "in.pcap")
        write_pcap(f, a.frames, a.size)
        if "pcap" in only:
            table("pcap replay: rx_pcap (%d frames of %d B), infinite_rx=1, tx dropped, "
                  "io forwarding, 1 core, %.0f s per run" % (a.frames, a.size, a.seconds),
                  a.rounds, lambda side: rate(bins[side], ["net_pcap0,rx_pcap=%s,infinite_rx=1" % f],
                                              a.seconds, "bench_pcap_" + side,
                                              extra=["--port-topology=chained"]))
        if "pcap-write" in only:
            table("pcap replay + write: as above with tx_pcap=/dev/null", a.rounds,
                  lambda side: rate(bins[side],
                                    ["net_pcap0,rx_pcap=%s,infinite_rx=1,tx_pcap=/dev/null" % f],
                                    a.seconds, "bench_pcapw_" + side,
                                    extra=["--port-topology=chained"]))
    if "tap" in only:
        tap_case(a, bins)
    return 0


if __name__ == "__main__":
    sys.exit(main())
