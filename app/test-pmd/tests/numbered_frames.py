#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Send numbered frames out of one interface and check they come back on
another, each exactly once and byte for byte (AF_PACKET, no scapy needed).

    numbered_frames.py --tx far0 --rx far1 --count 100000 [--window 128]
                       [--rate-only SECONDS]

Frame n: destination = the rx interface's MAC, ethertype 0x88B5 (local
experimental), then n as 4 bytes and a pattern that depends on n, of a
length between 60 and 1499 bytes that also depends on n. At most --window
frames are in flight (sent, not yet received), so the path is never
overrun and any loss is a real loss. Prints one summary line and exits 0
only when every frame arrived once and intact.

--rate-only S: send as fast as possible for S seconds, no checking, no
window (load for a throughput measurement); prints the count sent.
"""
import argparse
import os
import select
import socket
import struct
import sys
import time

ETHERTYPE = 0x88B5
PATTERN = bytes(range(256)) * 8


def mac_of(iface):
    with open(f"/sys/class/net/{iface}/address") as f:
        return bytes.fromhex(f.read().strip().replace(":", ""))


def frame(n, dst, src):
    length = 60 + (n * 7919) % 1440
    head = dst + src + struct.pack("!HI", ETHERTYPE, n)
    off = n % 256
    return head + PATTERN[off:off + length - len(head)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tx", required=True)
    ap.add_argument("--rx", required=True)
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--window", type=int, default=128)
    ap.add_argument("--idle", type=float, default=3.0, help="give up after this long without a frame")
    ap.add_argument("--rate-only", type=float, default=0.0)
    a = ap.parse_args()

    dst, src = mac_of(a.rx), mac_of(a.tx)
    tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    tx.bind((a.tx, 0))
    if a.rate_only > 0:
        frames = [frame(n, dst, src) for n in range(1024)]
        end = time.monotonic() + a.rate_only
        sent = 0
        while time.monotonic() < end:
            for f in frames[:256]:
                try:
                    tx.send(f)
                    sent += 1
                except OSError:
                    pass
        print(f"sent={sent} seconds={a.rate_only}")
        return 0

    rx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETHERTYPE))
    rx.setsockopt(socket.SOL_SOCKET, 33, 32 << 20)  # SO_RCVBUFFORCE
    rx.bind((a.rx, ETHERTYPE))
    rx.setblocking(False)

    seen = bytearray(a.count)
    received = dups = corrupt = sent = 0
    start = last = time.monotonic()

    def drain():
        nonlocal received, dups, corrupt, last
        while True:
            try:
                data = rx.recv(4096)
            except BlockingIOError:
                return
            last = time.monotonic()
            if len(data) < 18 or struct.unpack("!H", data[12:14])[0] != ETHERTYPE:
                continue
            n = struct.unpack("!I", data[14:18])[0]
            if n >= a.count or data != frame(n, dst, src):
                corrupt += 1
                continue
            if seen[n]:
                dups += 1
                continue
            seen[n] = 1
            received += 1

    while sent < a.count:
        if sent - received - corrupt - dups < a.window:
            tx.send(frame(sent, dst, src))
            sent += 1
            if sent % 32 == 0:
                drain()
        else:
            select.select([rx], [], [], 0.05)
            drain()
            if time.monotonic() - last > a.idle:
                break
    while received < a.count and time.monotonic() - last < a.idle:
        select.select([rx], [], [], 0.05)
        drain()
    secs = time.monotonic() - start
    missing = a.count - received
    print(f"sent={sent} received={received} duplicates={dups} corrupt={corrupt} "
          f"missing={missing} seconds={secs:.2f}")
    if missing:
        first = [n for n in range(a.count) if not seen[n]][:10]
        print(f"first missing: {first}")
    return 0 if sent == a.count and missing == 0 and dups == 0 and corrupt == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
