#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# net_af_xdp with real kernel peers, as a meson test:
#     af_xdp_veth.sh <path to dpkit-testpmd> [count]
#
# Two veth pairs, dut0-far0 and dut1-far1, each with one queue; the far
# ends live in a namespace of their own. dpkit-testpmd io-forwards between
# two net_af_xdp ports on dut0 and dut1, its pool in --no-huge memory with
# IOVA as PA (--iova-mode=pa), so the pool is made of one chunk per run of physically
# contiguous pages (hundreds or more; the test requires at least 8). numbered_frames.py sends <count> numbered
# frames (default 100,000) out of far0 and checks that each comes back on
# far1 exactly once, byte for byte. The test also requires: every mbuf
# port 0 received lay in a region the port registered (--rx-mem-check:
# the UMEM), copy mode on veth (the kernel's veth has no zero-copy), no
# rx_nombuf, every mbuf back in the pool at quit.
# Exit 77 with "SKIP: <reason>" when netns, veth or AF_XDP are unavailable.
set -uo pipefail

bin=$1
count=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
tag=$$
ns="afxfar$tag"
log=$(mktemp "/tmp/afxdp_veth.$tag.XXXXXX.log")
out=$(mktemp "/tmp/afxdp_frames.$tag.XXXXXX.log")
load=$(mktemp "/tmp/afxdp_load.$tag.XXXXXX.pcap")
cleanup() {
    ip netns del "$ns" 2>/dev/null
    ip link del "afd0_$tag" 2>/dev/null
    ip link del "afd1_$tag" 2>/dev/null
    rm -f "$log" "$out" "$load"
}
trap cleanup EXIT

skip() { echo "SKIP: $*"; exit 77; }
fail() {
    echo "FAIL: af_xdp_veth: $*"
    echo "---- frames ----"; cat "$out"
    echo "---- last lines of testpmd output ----"; tail -n 40 "$log"
    exit 1
}

[ "$(id -u)" -eq 0 ] || skip "not root: veth pairs and AF_XDP sockets need CAP_NET_ADMIN"
command -v python3 >/dev/null || skip "python3 missing"
command -v tcpreplay >/dev/null || skip "tcpreplay missing (devtools/setup.sh installs it)"
ip netns add "$ns" 2>/dev/null || skip "cannot create a network namespace (needs CONFIG_NET_NS)"
for i in 0 1; do
    d="afd${i}_$tag"; f="afx$i"
    ip link add "$d" numtxqueues 1 numrxqueues 1 type veth peer name "$f" \
        numtxqueues 1 numrxqueues 1 2>/dev/null || skip "cannot create a veth pair (veth module missing?)"
    ip link set "$f" netns "$ns" || fail "cannot move $f into $ns"
    sysctl -qw "net.ipv6.conf.$d.disable_ipv6=1" 2>/dev/null
    ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$f.disable_ipv6=1" 2>/dev/null
    ip link set "$d" up && ip -n "$ns" link set "$f" up || fail "cannot bring $d/$f up"
done

prefix="afxdp_veth_$tag"
fifo=$(mktemp -u "/tmp/$prefix.fifo.XXXXXX")
mkfifo "$fifo"
timeout 120 "$bin" --file-prefix="$prefix" -l 0,1 --no-huge --iova-mode=pa -m 256 \
    --log-level=pmd.net.af_xdp:info \
    --vdev "net_af_xdp0,iface=afd0_$tag" --vdev "net_af_xdp1,iface=afd1_$tag" \
    -- -i --rx-mem-check --total-num-mbufs=16384 <"$fifo" >"$log" 2>&1 &
pid=$!
exec 3>"$fifo"
rm -f "$fifo"
for ((i = 0; i < 600; i++)); do
    grep -qF "testpmd> " "$log" && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
if grep -q "cannot create an AF_XDP socket" "$log"; then
    reason=$(grep -m1 "cannot create an AF_XDP socket" "$log")
    exec 3>&-; wait $pid
    case $reason in
    *"not supported"*|*"not permitted"*) skip "no AF_XDP here: $reason" ;;
    esac
    fail "socket creation failed: $reason"
fi
grep -qi "driver.*not found\|unknown driver\|no driver" "$log" && { exec 3>&-; wait $pid; skip "net_af_xdp is not built (libxdp-dev/libbpf-dev missing)"; }
echo start >&3
sleep 1
ip netns exec "$ns" python3 "$here/numbered_frames.py" --tx afx0 --rx afx1 \
    --count "$count" >"$out" 2>&1
frames_rc=$?
# Then full rate for 3 s (64-byte frames, tcpreplay --topspeed): refills
# race the kernel's late report of how far it read the fill ring. A refill
# that wrote past the entries the ring granted gave one mbuf twice at this
# rate (seen by devtools/af-xdp-vs-dpdk.sh); testpmd reports at quit a pool
# holding more free mbufs than its size.
python3 - "$load" <<'PY'
import struct, sys
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for n in range(1024):
        frame = bytes.fromhex("020000000001020000000002") + struct.pack("!HI", 0x88B5, n)
        frame += bytes(64 - len(frame))
        f.write(struct.pack("<IIII", 0, n, len(frame), len(frame)) + frame)
PY
ip netns exec "$ns" timeout 10 tcpreplay -q -i afx0 --topspeed --duration=3 --loop=0 "$load" >/dev/null 2>&1
printf 'show port stats all\nstop\nquit\n' >&3
exec 3>&-
wait $pid
rc=$?

cat "$out"
[ $rc -eq 0 ] || fail "testpmd exit code $rc"
[ $frames_rc -eq 0 ] || fail "frames did not all arrive once and intact"
chunks=$(sed -n 's/.*mb_pool_0: [0-9]* mbufs in \([0-9]*\) memory chunks.*/\1/p' "$log" | head -1)
[ -n "$chunks" ] && [ "$chunks" -ge 8 ] || fail "the pool has ${chunks:-?} memory chunks, the test needs >= 8"
grep -q "queue 0 on afd0_$tag queue 0: copy mode" "$log" || fail "no 'copy mode' line for port 0"
check=$(grep "Port 0: rx memory check" "$log")
inside=$(sed -n 's/.*check: \([0-9]*\) mbufs inside.*/\1/p' <<<"$check")
outside=$(sed -n 's/.*inside registered regions, \([0-9]*\) outside.*/\1/p' <<<"$check")
[ "${outside:-1}" -eq 0 ] || fail "$outside received mbufs outside the registered regions"
[ "${inside:-0}" -ge "$count" ] || fail "only ${inside:-0} received mbufs checked, $count sent"
grep -q "RX-nombuf: *[1-9]" "$log" && fail "rx_nombuf counted with a large enough pool"
grep -q "freed twice" "$log" && fail "mbufs freed twice: $(grep -m1 'freed twice' "$log")"
grep -q "all [0-9]* mbufs back in the pool" "$log" || fail "mbufs missing at quit"
grep -q "^Bye" "$log" || fail "no clean exit"
echo "PASS: af_xdp_veth: $count frames once each and intact through a pool of $chunks chunks," \
     "$inside rx mbufs all in registered memory, copy mode, every mbuf back"
