#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the dpkit authors
"""A pcap written by scapy goes through dpkit-testpmd and back out.

    pcap_roundtrip.py <dpkit-testpmd> [testpmd binary to compare, e.g. dpdk-testpmd]

scapy writes in.pcap: frames of every size from 60 to 1514 bytes, a VLAN
tagged one and a 9000-byte jumbo (received as a chain of 2 KB mbufs and
written from the chain). testpmd io-forwards net_pcap0 (rx_pcap=in.pcap,
tx_pcap=out.pcap) to itself; after quit, `tshark -r` must read out.pcap and
show the same frames, byte for byte, in the same order, once each.
Exit 77 ("SKIP: <reason>") without tshark or scapy.
"""

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

SCAPY_WRITER = r"""
import sys
from scapy.all import Ether, Dot1Q, IP, UDP, Raw, wrpcap
frames = []
for i in range(400):
    size = 60 + (i * 37) % (1514 - 60 + 1)
    f = Ether(dst="02:00:00:00:00:01", src="02:00:00:00:00:02") / \
        IP(src="192.0.2.1", dst="198.51.100.%d" % (i % 250 + 1)) / UDP(sport=1024 + i, dport=9)
    frames.append(f / Raw(bytes((i + k) % 256 for k in range(max(0, size - len(f))))))
frames.append(Ether(dst="02:00:00:00:00:01") / Dot1Q(vlan=42) / IP() / UDP() / Raw(b"v" * 100))
frames.append(Ether(dst="02:00:00:00:00:01") / IP() / UDP() / Raw(bytes(range(256)) * 35))
wrpcap(sys.argv[1], frames)
"""


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def write_input(path):
    """Write the input with scapy; False when no Python here has scapy
    (Debian's python3-scapy lives in /usr/bin/python3's path)."""
    for py in ("/usr/bin/python3", sys.executable, "python3"):
        if shutil.which(py) and subprocess.run([py, "-c", SCAPY_WRITER, path],
                                               capture_output=True).returncode == 0:
            return True
    return False


def tshark(path):
    """tshark reading `path` (started now, so that it runs beside testpmd)."""
    return subprocess.Popen(["tshark", "-r", path, "-x", "-Q"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


def frames_of(reader):
    """Every frame tshark read: a list of bytes objects."""
    out, _ = reader.communicate(timeout=120)
    if reader.returncode != 0:
        raise RuntimeError("tshark failed (exit %d)" % reader.returncode)
    frames, cur = [], bytearray()
    for line in out.splitlines():
        # hex dump lines: "0000  aa bb ...   ascii"; a blank line ends a frame
        if len(line) > 6 and line[4:6] == "  " and all(c in "0123456789abcdef" for c in line[:4]):
            hexpart = line[6:6 + 3 * 16].split()
            cur += bytes(int(h, 16) for h in hexpart if len(h) == 2)
        elif not line.strip() and cur:
            frames.append(bytes(cur))
            cur = bytearray()
    if cur:
        frames.append(bytes(cur))
    return frames


def run_testpmd(binary, rx, tx, prefix):
    args = [binary, "--no-huge", "-m", "128", "-l", "0,1", "--file-prefix=" + prefix]
    if "dpdk-testpmd" in os.path.basename(binary):
        args.append("--no-pci")
    args += ["--vdev", "net_pcap0,rx_pcap=%s,tx_pcap=%s" % (rx, tx), "--",
             "-i", "--port-topology=chained", "--total-num-mbufs=2048"]
    if "dpdk-testpmd" in os.path.basename(binary):
        args.append("--no-flush-rx")
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, bufsize=0)
    out = wait_prompt(p, 60)
    for cmd, pause in (("start", 0.5), ("stop", 0.2), ("quit", 0)):
        os.write(p.stdin.fileno(), (cmd + "\n").encode())
        time.sleep(pause)
    rest, _ = p.communicate(timeout=120)
    return p.returncode, out + rest.decode(errors="replace")


def wait_prompt(p, timeout):
    """testpmd's output up to its first prompt (or its exit)."""
    buf = ""
    deadline = time.monotonic() + timeout
    while "testpmd> " not in buf and time.monotonic() < deadline:
        r, _, _ = select.select([p.stdout], [], [], 0.5)
        if r:
            chunk = os.read(p.stdout.fileno(), 65536).decode(errors="replace")
            if chunk == "":
                break
            buf += chunk
    return buf


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    if shutil.which("tshark") is None:
        skip("tshark not installed (apt install tshark)")
    with tempfile.TemporaryDirectory(prefix="pcap_rt_") as d:
        rx, tx = os.path.join(d, "in.pcap"), os.path.join(d, "out.pcap")
        if not write_input(rx):
            skip("scapy not importable (apt install python3-scapy)")
        reading_input = tshark(rx)
        rc, out = run_testpmd(sys.argv[1], rx, tx, "pcap_rt_%d" % os.getpid())
        want = frames_of(reading_input)
        if len(want) != 402:
            print("FAIL: tshark read %d frames of the 402 scapy wrote" % len(want))
            return 1
        if rc != 0 or not os.path.exists(tx):
            print(out[-3000:])
            print("FAIL: testpmd exited with %d" % rc)
            return 1
        got = frames_of(tshark(tx))
        print("in.pcap: %d frames, out.pcap: %d frames" % (len(want), len(got)))
        if got != want:
            for i, (a, b) in enumerate(zip(want, got)):
                if a != b:
                    print("FAIL: frame %d differs: %d bytes in, %d bytes out" % (i, len(a), len(b)))
                    break
            else:
                print("FAIL: %d frames in, %d frames out" % (len(want), len(got)))
            print(out[-2000:])
            return 1
        if "mbufs missing" in out:
            print(out[-2000:])
            print("FAIL: mbufs missing at quit")
            return 1
    print("OK: %d frames, byte for byte" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
