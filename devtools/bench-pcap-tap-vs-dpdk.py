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
4. tap-veth: the traffic of devtools/af-xdp-vs-dpdk.sh (tcpreplay --topspeed
   of 1024 64-byte UDP frames, looped) sent into a veth end far0 that lives
   in a namespace of its own; its peer is bridged to tap0, tap1 is bridged
   to the veth whose far end is far1:
       tcpreplay -> far0 -> br0 -> tap0 -> testpmd io -> tap1 -> br1 -> far1
   Measured after one second of warm-up, over --seconds, from the port
   counters testpmd shows ("show port stats all" at both ends of the
   window) and the far ends' kernel counters:
       rx0       packets per second received by testpmd on port 0 (tap0)
       fwd       packets per second sent on port 1 (tap1): forwarded
       offered   far0 tx pps: what tcpreplay got into the kernel
       delivered far1 rx pps: what came out at the far end
   dpkit wins when rx0 and fwd are higher; offered is the generator's
   rate on the same CPUs (tcpreplay competes with testpmd's forwarding
   core on a small machine): compare the two programs at equal offered load,
   and read rx0 < offered as frames the kernel dropped at tap0's queue.

Rounds alternate dpkit, dpdk, dpkit, ...; each row is one round, the last
rows the medians and the ratio dpkit / dpdk (higher is better for dpkit).
DPDK gets --no-pci and --no-flush-rx (dpkit-testpmd takes and ignores the
latter). Both run --no-huge -m 1024 -l 0,1 (lcore 1 forwards). The tap
modes need root, iproute2 (and tcpreplay for tap-veth): run them inside
/work/isolate so the namespaces stay private. Never asserts on time; a busy
machine gives busy numbers.

    devtools/bench-pcap-tap-vs-dpdk.py [--build build] [--rounds 3] [--seconds 5]
                                       [--dpdk /usr/bin/dpdk-testpmd]
                                       [--only pcap|pcap-write|tap|tap-veth]
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


def table(title, rounds, run, metrics=("pps",)):
    """Runs `run(side)` for dpkit then dpdk, `rounds` times; `run` returns
    packets per second, or a dict of them keyed by `metrics`."""
    print(title)
    cols = ["%s %s" % (side, m) for side in ("dpkit", "dpdk") for m in metrics]
    width = max(14, max(len(c) for c in cols) + 1)
    print("%-8s" % "round" + "".join("%*s" % (width, c) for c in cols))
    rates = {(side, m): [] for side in ("dpkit", "dpdk") for m in metrics}
    for r in range(rounds):
        row = {}
        for side in ("dpkit", "dpdk"):
            got = run(side)
            if not isinstance(got, dict):
                got = {metrics[0]: got}
            for m in metrics:
                row[(side, m)] = got[m]
                rates[(side, m)].append(got[m])
        print("%-8d" % (r + 1) + "".join("%*.0f" % (width, row[(side, m)])
                                         for side in ("dpkit", "dpdk") for m in metrics))
    med = {k: statistics.median(v) for k, v in rates.items()}
    print("%-8s" % "median" + "".join("%*.0f" % (width, med[(side, m)])
                                      for side in ("dpkit", "dpdk") for m in metrics))
    ratios = {m: med[("dpkit", m)] / med[("dpdk", m)] if med[("dpdk", m)] else float("nan")
              for m in metrics}
    print("dpkit/dpdk: " + ", ".join("%s %.2fx" % (m, ratios[m]) for m in metrics) + "\n")
    return ratios


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


class Testpmd:
    """An interactive testpmd driven through its stdin. The prompt after a
    command says the command has run (testpmd writes the prompt straight to
    the terminal; its printf output is block-buffered on a pipe and arrives
    at exit, in order)."""

    def __init__(self, args):
        self.p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, bufsize=0)
        self.out = ""
        self.prompts = 0

    def _wait_prompts(self, n, timeout):
        fd = self.p.stdout.fileno()
        deadline = time.monotonic() + timeout
        while self.out.count("testpmd> ") < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("no testpmd> prompt within %d s:\n%s" %
                                   (timeout, self.out[-2000:]))
            r, _, _ = select.select([fd], [], [], left)
            if not r:
                continue
            chunk = os.read(fd, 65536).decode(errors="replace")
            if chunk == "":
                raise RuntimeError("testpmd exited (%s):\n%s" % (self.p.wait(), self.out[-2000:]))
            self.out += chunk
        self.prompts = n

    def ready(self, timeout=120):
        self._wait_prompts(1, timeout)

    def cmd(self, line, timeout=60):
        """Runs one command; returns the time it had run by."""
        send(self.p, line)
        self._wait_prompts(self.prompts + 1, timeout)
        return time.monotonic()

    def quit(self, timeout=120):
        send(self.p, "quit")
        rest, _ = self.p.communicate(timeout=timeout)
        self.out += rest.decode(errors="replace")
        return self.out

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


def port_counters(text):
    """[(port, rx_packets, tx_packets)] of every "show port stats" block, in order."""
    blocks = re.findall(r"NIC statistics for port (\d+)\s*#+\s*\n\s*RX-packets:\s*(\d+)"
                        r".*?TX-packets:\s*(\d+)", text, re.S)
    return [(int(p), int(rx), int(tx)) for p, rx, tx in blocks]


def write_udp_pcap(path):
    """The frames devtools/af-xdp-vs-dpdk.sh replays: 1024 UDP/IPv4 frames of
    60 bytes (64 on the wire with the FCS), destination 02:00:00:00:00:01."""
    import struct

    def csum(b):
        v = sum(struct.unpack("!10H", b))
        v = (v & 0xffff) + (v >> 16)
        return (~((v & 0xffff) + (v >> 16))) & 0xffff
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i in range(1024):
            hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 46, i, 0, 64, 17, 0,
                              bytes([10, 0, 0, 1]), bytes([10, 0, 1, i % 250 + 1]))
            hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
            udp = struct.pack("!HHHH", 1024 + i, 9, 26, 0) + bytes(18)
            frame = bytes.fromhex("0200000000010200000000020800") + hdr + udp
            f.write(struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame)


def ip(*args, check=True):
    subprocess.run(["ip"] + list(args), check=check,
                   stderr=None if check else subprocess.DEVNULL)


class VethTopology:
    """Namespace `dut` (testpmd, its taps, bridges br0/br1, veth ends v0/v1)
    and namespace `far` (far0, far1), joined by the veth pairs v0-far0 and
    v1-far1. IPv6 is off in both so that no router solicitation or DAD
    frame mixes with the load."""

    def __init__(self):
        self.dut = "bench_tv_dut_%d" % os.getpid()
        self.far = "bench_tv_far_%d" % os.getpid()

    def __enter__(self):
        for ns in (self.dut, self.far):
            ip("netns", "add", ns)
            for conf in ("all", "default"):
                self.sysctl(ns, "net.ipv6.conf.%s.disable_ipv6=1" % conf)
        for i in (0, 1):
            ip("-n", self.dut, "link", "add", "v%d" % i, "numtxqueues", "1", "numrxqueues", "1",
               "type", "veth", "peer", "name", "far%d" % i, "netns", self.far,
               "numtxqueues", "1", "numrxqueues", "1")
            ip("-n", self.dut, "link", "set", "v%d" % i, "up")
            ip("-n", self.far, "link", "set", "far%d" % i, "up")
        return self

    def __exit__(self, *exc):
        for ns in (self.dut, self.far):
            ip("netns", "del", ns, check=False)

    @staticmethod
    def sysctl(ns, setting):
        subprocess.run(["ip", "netns", "exec", ns, "sysctl", "-qw", setting], check=True)

    def bridge(self):
        """br0 = v0 + btap0, br1 = v1 + btap1 (the taps exist once testpmd runs)."""
        for i in (0, 1):
            br = "br%d" % i
            ip("-n", self.dut, "link", "add", br, "type", "bridge")
            ip("-n", self.dut, "link", "set", "v%d" % i, "master", br)
            ip("-n", self.dut, "link", "set", "btap%d" % i, "master", br)
            ip("-n", self.dut, "link", "set", "btap%d" % i, "up")
            ip("-n", self.dut, "link", "set", br, "up")

    def unbridge(self):
        for i in (0, 1):
            ip("-n", self.dut, "link", "del", "br%d" % i, check=False)

    def far_counters(self):
        """(far0 tx_packets, far1 rx_packets)."""
        out = subprocess.run(["ip", "netns", "exec", self.far, "cat",
                              "/sys/class/net/far0/statistics/tx_packets",
                              "/sys/class/net/far1/statistics/rx_packets"],
                             check=True, capture_output=True, text=True).stdout.split()
        return int(out[0]), int(out[1])


def tap_veth_rates(binary, topo, pcap, seconds, prefix):
    """One run of mode 4: a dict of rx0, fwd, offered, delivered (pps)."""
    args = ["ip", "netns", "exec", topo.dut, binary, "--no-huge", "-m", "1024", "-l", "0,1",
            "--file-prefix=" + prefix, "--no-pci",
            "--vdev", "net_tap0,iface=btap0", "--vdev", "net_tap1,iface=btap1",
            "--", "-i", "--forward-mode=io", "--nb-cores=1", "--total-num-mbufs=32768"]
    if "dpdk-testpmd" in os.path.basename(binary):
        args.append("--no-flush-rx")
    tp = Testpmd(args)
    gen = None
    try:
        tp.ready()
        topo.bridge()
        tp.cmd("start")
        gen = subprocess.Popen(["ip", "netns", "exec", topo.far, "tcpreplay", "-q", "-i", "far0",
                                "--topspeed", "--loop=0", pcap],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
        t0 = tp.cmd("show port stats all")
        far_a = topo.far_counters()
        time.sleep(seconds)
        t1 = tp.cmd("show port stats all")
        far_b = topo.far_counters()
        gen.terminate()
        gen.wait()
        gen = None
        tp.cmd("stop")
        out = tp.quit()
    finally:
        if gen is not None:
            gen.kill()
            gen.wait()
        tp.kill()
        topo.unbridge()
    counters = port_counters(out)
    if len(counters) < 4 or sorted(c[0] for c in counters[-4:-2]) != [0, 1]:
        tail = "\n".join(out.splitlines()[-20:])
        raise RuntimeError("%s: no port statistics in its output:\n%s" % (binary, tail))
    before = {c[0]: c for c in counters[-4:-2]}
    after = {c[0]: c for c in counters[-2:]}
    dt = t1 - t0
    rates = {"rx0": (after[0][1] - before[0][1]) / dt,
             "fwd": (after[1][2] - before[1][2]) / dt,
             "offered": (far_b[0] - far_a[0]) / dt,
             "delivered": (far_b[1] - far_a[1]) / dt}
    if rates["fwd"] <= 0:
        raise RuntimeError("%s forwarded nothing:\n%s" % (binary, "\n".join(out.splitlines()[-20:])))
    return rates


def tap_veth_case(a, bins, work):
    if os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("tcpreplay") is None:
        print("tap-veth: SKIP: needs root, iproute2 and tcpreplay\n")
        return
    pcap = os.path.join(work, "udp64.pcap")
    write_udp_pcap(pcap)
    with VethTopology() as topo:
        table("tap over veth: tcpreplay --topspeed (64-byte UDP) -> far0 -> bridge -> tap0 -> "
              "io forwarding (1 core) -> tap1 -> bridge -> far1, %.0f s per run after 1 s warm-up"
              % a.seconds, a.rounds,
              lambda side: tap_veth_rates(bins[side], topo, pcap, a.seconds, "bench_tv_" + side),
              metrics=("rx0", "fwd", "offered", "delivered"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.environ.get("BUILD_DIR", "build"))
    ap.add_argument("--dpkit", help="dpkit-testpmd (default: <build>/app/test-pmd/)")
    ap.add_argument("--dpdk", default="/usr/bin/dpdk-testpmd")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--frames", type=int, default=1000)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--only", choices=["pcap", "pcap-write", "tap", "tap-veth"],
                    action="append", help="run only this mode (repeatable)")
    a = ap.parse_args()
    dpkit = a.dpkit or os.path.join(a.build, "app", "test-pmd", "dpkit-testpmd")
    for b in (dpkit, a.dpdk):
        if not os.access(b, os.X_OK):
            print("SKIP: %s missing" % b)
            return 0
    bins = {"dpkit": os.path.abspath(dpkit), "dpdk": a.dpdk}
    only = a.only or ["pcap", "pcap-write", "tap", "tap-veth"]
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
        if "tap-veth" in only:
            tap_veth_case(a, bins, d)
    if "tap" in only:
        tap_case(a, bins)
    return 0


if __name__ == "__main__":
    sys.exit(main())
