#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the dpkit authors
"""dpkit-testpmd against dpdk-testpmd (Debian's 22.11 or another), same arguments.

1. Forwarding rate: io forwarding on one core over two net_null ports,
   packets counted by the forward statistics over --seconds, several rounds
   interleaved (dpkit, dpdk, dpkit, dpdk...) so that machine noise hits both.
   Mpps, higher is better.
2. Start-up time: from exec to the first "testpmd> " prompt with a pool of
   --startup-mbufs mbufs (pool creation dominates). Seconds, lower is better.
Each table ends with the medians and the ratio dpkit / dpdk: above 1.00 is
better for dpkit in table 1, below 1.00 in table 2.

The DPDK side is /usr/bin/dpdk-testpmd (Debian's 22.11), or --dpdk BINARY,
or <BENCH_DPDK_PREFIX>/bin/dpdk-testpmd (devtools/build-dpdk-peer.sh builds
25.11 into /opt/dpdk-25.11; its testpmd is linked statically, as a DPDK
source build gives). The first line printed names the DPDK version and
linkage that ran.

DPDK always runs with --no-pci (dpkit has no PCI bus, so both see the same
devices). Memory: --no-huge for both, or with --huge hugepages for both (DPDK
gets a hugetlbfs mount in a private mount namespace when none exists).
Environment, as devtools/bench-vs-dpdk.sh:
  BENCH_PRIO  "nice" (default: nice -n -10 when allowed), "rt" (SCHED_FIFO
              priority 1) or "none" -- the same for both programs
  BENCH_LOAD  1 (or --load): one CPU-bound competitor (busy loop, nice 0,
              not pinned) runs during every run of both programs; its CPU
              share is printed at the end
Prints tables; never asserts on time.

    devtools/bench-testpmd-vs-dpdk.py [--build build] [--rounds 3] [--seconds 10]
                                      [--dpdk /opt/dpdk-25.11/bin/dpdk-testpmd]
                                      [--load] [--huge] [--skip-startup]
"""

import argparse
import json
import os
import re
import select
import statistics
import subprocess
import sys
import time


def free_hugepages():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("HugePages_Free:"):
                return int(line.split()[1])
    return 0


def memory_args(mb, huge):
    """Same EAL memory arguments for both programs. DPDK needs a mounted
    hugetlbfs for hugepages (dpkit does not), so hugepages only on request."""
    if huge and free_hugepages() >= mb // 2 + 32:
        return ["-m", str(mb)], "hugepages -m %d" % mb
    return ["--no-huge", "-m", str(mb)], "--no-huge -m %d" % mb


def hugetlbfs_mount():
    with open("/proc/mounts") as f:
        for line in f:
            parts = line.split()
            if len(parts) > 2 and parts[2] == "hugetlbfs":
                return parts[1]
    return None


def dpdk_command(binary, huge):
    """DPDK needs a mounted hugetlbfs to use hugepages (dpkit does not). When
    none is mounted, give DPDK one in a private mount namespace, so that the
    machine's mounts are left alone."""
    if not huge or hugetlbfs_mount():
        return [binary]
    d = "/tmp/bench-testpmd-hugetlbfs"
    os.makedirs(d, exist_ok=True)
    return ["unshare", "-m", "sh", "-c",
            'mount -t hugetlbfs nodev %s && exec "$0" --huge-dir %s "$@"' % (d, d), binary]


def dpdk_identity(binary):
    """'DPDK 25.11.0, static' from the EAL's own report (-v)."""
    try:
        out = subprocess.run(binary + ["-v", "--no-pci", "--no-huge", "-m", "128", "-l", "0",
                                       "--file-prefix=bench_tp_probe", "--", "--help"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown version"
    m = re.search(r"RTE Version: '([^']+)'", out)
    link = re.search(r"Detected (static|shared) linkage", out)
    return "%s, %s" % (m.group(1) if m else "unknown version",
                       link.group(1) + " linkage" if link else "linkage unknown")


class Competitor:
    """BENCH_LOAD=1: one CPU-bound process (nice 0, any CPU) for as long as
    the benchmark runs, so both programs share the machine with it."""

    def __init__(self):
        self.p = subprocess.Popen(["sh", "-c", "while :; do :; done"],
                                  preexec_fn=lambda: os.setpriority(os.PRIO_PROCESS, 0, 0))
        self.t0 = time.monotonic()

    def stop(self):
        with open("/proc/%d/stat" % self.p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        wall = time.monotonic() - self.t0
        self.p.kill()
        self.p.wait()
        print("load: the competitor took %.1f CPU-s of %.1f s wall (%.0f%% of one CPU)" %
              (cpu, wall, 100 * cpu / wall))


def priority_prefix():
    """The command prefix BENCH_PRIO asks for (both programs alike)."""
    mode = os.environ.get("BENCH_PRIO", "nice")
    if mode == "rt":
        return ["chrt", "-f", "1"], "SCHED_FIFO 1"
    if mode == "nice":
        if subprocess.run(["nice", "-n", "-10", "true"], stderr=subprocess.DEVNULL).returncode == 0:
            return ["nice", "-n", "-10"], "nice -10"
        return [], "nice 0 (nice -10 not allowed)"
    return [], "inherited priority"


def accumulated_rx(text):
    m = re.findall(r"Accumulated forward statistics.*?\n\s*RX-packets:\s*(\d+)", text, re.S)
    return int(m[-1]) if m else 0


def forward_rate(binary, eal, seconds, prefix):
    """Mpps of io forwarding (both ports together) over `seconds`."""
    args = binary + ["-l", "0,1", "--file-prefix=" + prefix] + eal + [
        "--vdev", "net_null0", "--vdev", "net_null1", "--",
        "-i", "--forward-mode=io", "--nb-cores=1", "--total-num-mbufs=65536"]
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    try:
        wait_prompt(p, 120)
        p.stdin.write("start\n")
        p.stdin.flush()
        t0 = time.monotonic()
        time.sleep(seconds)
        p.stdin.write("stop\n")
        p.stdin.flush()
        t1 = time.monotonic()
        p.stdin.write("quit\n")
        p.stdin.flush()
        out, _ = p.communicate(timeout=120)
    except Exception:
        p.kill()
        raise
    rx = accumulated_rx(out)
    if p.returncode != 0 or rx == 0:
        tail = "\n".join(out.splitlines()[-15:])
        raise RuntimeError("%s failed (exit %s):\n%s" % (binary[-1], p.returncode, tail))
    return rx / (t1 - t0) / 1e6


def wait_prompt(p, timeout):
    """Reads stdout until the first prompt; returns the text read."""
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


def startup_time(binary, eal, mbufs, prefix):
    args = binary + ["-l", "0,1", "--file-prefix=" + prefix] + eal + [
        "--vdev", "net_null0", "--vdev", "net_null1", "--",
        "-i", "--total-num-mbufs=%d" % mbufs]
    t0 = time.monotonic()
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, bufsize=0)
    try:
        wait_prompt(p, 300)
        t = time.monotonic() - t0
        p.stdin.write("quit\n")
        p.stdin.flush()
        p.communicate(timeout=120)
    except Exception:
        p.kill()
        raise
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.environ.get("BUILD_DIR", "build"))
    ap.add_argument("--dpkit", help="dpkit-testpmd binary (default: <build>/app/test-pmd/)")
    prefix = os.environ.get("BENCH_DPDK_PREFIX")
    ap.add_argument("--dpdk", default=os.path.join(prefix, "bin", "dpdk-testpmd") if prefix
                    else "/usr/bin/dpdk-testpmd",
                    help="the dpdk-testpmd to compare against (default: "
                    "$BENCH_DPDK_PREFIX/bin/dpdk-testpmd, else Debian's)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--startup-mbufs", type=int, default=800000)
    ap.add_argument("--skip-startup", action="store_true")
    ap.add_argument("--skip-forward", action="store_true")
    ap.add_argument("--huge", action="store_true",
                    help="use hugepages for both (DPDK gets a private hugetlbfs mount)")
    ap.add_argument("--load", action="store_true", default=os.environ.get("BENCH_LOAD") == "1",
                    help="run a CPU-bound competitor throughout (as BENCH_LOAD=1)")
    ap.add_argument("--json", metavar="FILE",
                    help="also write every round's values there (devtools/bench-report)")
    a = ap.parse_args()

    dpkit = a.dpkit or os.path.join(a.build, "app", "test-pmd", "dpkit-testpmd")
    if not os.access(dpkit, os.X_OK):
        print("SKIP: %s not built" % dpkit)
        return 0
    if not os.access(a.dpdk, os.X_OK):
        print("SKIP: %s missing (Debian's: apt-get install dpdk; another DPDK: "
              "devtools/build-dpdk-peer.sh)" % a.dpdk)
        return 0

    # Identical arguments; --no-pci keeps DPDK off the PCI bus (dpkit has none).
    prio, prio_text = priority_prefix()
    sides = [("dpkit", prio + [dpkit], ["--no-pci"]),
             ("dpdk", prio + dpdk_command(a.dpdk, a.huge), ["--no-pci"])]
    identity = dpdk_identity([a.dpdk])
    print("# dpkit-testpmd %s against %s (%s); priority: %s; load: %s" %
          (os.path.abspath(dpkit), a.dpdk, identity, prio_text,
           "one CPU-bound competitor" if a.load else "none added"))

    results = {"dpdk": a.dpdk, "dpdk_identity": identity, "priority": prio_text,
               "load": a.load}
    load = Competitor() if a.load else None
    try:
        if not a.skip_forward:
            results["forward_mpps"] = forward_table(a, sides)
        if not a.skip_startup:
            results["startup_s"] = startup_table(a, sides)
    finally:
        if load:
            load.stop()
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


def forward_table(a, sides):
    eal, mem_text = memory_args(1024, a.huge)
    print("testpmd io forwarding: net_null x2, 1 forwarding core (-l 0,1), burst 32,"
          " 65536 mbufs, %s, %.0f s per run, %d rounds interleaved" %
          (mem_text, a.seconds, a.rounds))
    rates = {"dpkit": [], "dpdk": []}
    print("%-8s %12s %12s" % ("round", "dpkit Mpps", "dpdk Mpps"))
    for r in range(a.rounds):
        row = {}
        for name, binary, extra in sides:
            row[name] = forward_rate(binary, extra + eal, a.seconds, "bench_tp_" + name)
            rates[name].append(row[name])
        print("%-8d %12.2f %12.2f" % (r + 1, row["dpkit"], row["dpdk"]))
    md, mp = statistics.median(rates["dpkit"]), statistics.median(rates["dpdk"])
    print("%-8s %12.2f %12.2f   dpkit/dpdk = %.2fx" % ("median", md, mp, md / mp))
    return rates


def startup_table(a, sides):
    # hugepages pack mbufs; 4 KB pages hold one each (both programs alike)
    mb = a.startup_mbufs * (2600 if a.huge else 4200) // 1000000 + 256
    eal, mem_text = memory_args(mb, a.huge)
    if eal[0] == "-m":
        # On hugepages both programs take memory as they need it, as users
        # run them (with -m both would first fault in the whole budget).
        eal, mem_text = [], "hugepages, memory on demand (no -m)"
    print("\nstart-up to the testpmd> prompt: %d mbufs, net_null x2, %s" %
          (a.startup_mbufs, mem_text))
    times = {"dpkit": [], "dpdk": []}
    print("%-8s %12s %12s" % ("round", "dpkit s", "dpdk s"))
    for r in range(a.rounds):
        row = {}
        for name, binary, extra in sides:
            row[name] = startup_time(binary, extra + eal, a.startup_mbufs,
                                     "bench_tp_start_" + name)
            times[name].append(row[name])
        print("%-8d %12.3f %12.3f" % (r + 1, row["dpkit"], row["dpdk"]))
    md, mp = statistics.median(times["dpkit"]), statistics.median(times["dpdk"])
    print("%-8s %12.3f %12.3f   dpkit/dpdk = %.2fx" % ("median", md, mp, md / mp))
    return times


if __name__ == "__main__":
    sys.exit(main())
