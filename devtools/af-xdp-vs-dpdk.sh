#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# net_af_xdp side by side: dpkit-testpmd and Debian's dpdk-testpmd (DPDK
# 22.11's librte_net_af_xdp), same arguments, same veth topology, same
# traffic. Run as root in a private network and mount namespace:
#
#     /work/isolate devtools/af-xdp-vs-dpdk.sh [-b build] [-r runs] [-d seconds]
#
# Topology: dut0-far0 and dut1-far1 veth pairs with one queue per end, the
# far ends in namespace afxvs_far. Both testpmds io-forward between
# net_af_xdp ports on dut0 and dut1, with
#     -l 0,1 --no-huge -m 512 --vdev net_af_xdp0,iface=dut0
#     --vdev net_af_xdp1,iface=dut1 -- -i --total-num-mbufs=16384
# while tcpreplay --topspeed replays 1024 64-byte UDP frames into far0.
# Reported: port 0 Rx-pps and port 1 Tx-pps over -d seconds (after one
# second of warm-up), per run, the median per program and the ratio
# dpkit / DPDK; the pool's chunk count in each; and whether every mbuf is
# back in the pool after "port stop all" / "port close all".
# Then devtools/af_xdp_chunks.c, built once against dpkit (its build tree)
# and once against DPDK (pkg-config libdpdk), puts one port on dut0 with a
# pool of 8 chunks in reverse address order and receives 40,000 frames
# tcpreplay sends at 20,000 pps: does each driver take the pool, and are
# the frames and mbufs all there?
# The numbers depend on the machine's load: say how busy it was.
set -uo pipefail

build=build
runs=3
secs=5
while getopts "b:r:d:" o; do
    case $o in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    d) secs=$OPTARG ;;
    *) echo "usage: $0 [-b build] [-r runs] [-d seconds]"; exit 2 ;;
    esac
done
dpkit=$build/app/test-pmd/dpkit-testpmd
[ -x "$dpkit" ] || { echo "no $dpkit: build first"; exit 1; }
command -v dpdk-testpmd >/dev/null || { echo "dpdk-testpmd missing (apt install dpdk)"; exit 1; }
command -v tcpreplay >/dev/null || { echo "tcpreplay missing"; exit 1; }
ls /usr/lib/x86_64-linux-gnu/dpdk/pmds-*/librte_net_af_xdp.so* >/dev/null 2>&1 ||
    { echo "Debian's DPDK has no librte_net_af_xdp"; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "run as root, inside /work/isolate"; exit 1; }

ns=afxvs_far
work=$(mktemp -d /tmp/afxvs.XXXXXX)
cleanup() { ip netns del $ns 2>/dev/null; ip link del dut0 2>/dev/null; ip link del dut1 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

ip netns add $ns || exit 1
for i in 0 1; do
    ip link add dut$i numtxqueues 1 numrxqueues 1 type veth peer name far$i \
        numtxqueues 1 numrxqueues 1 || exit 1
    ip link set far$i netns $ns
    sysctl -qw net.ipv6.conf.dut$i.disable_ipv6=1
    ip netns exec $ns sysctl -qw net.ipv6.conf.far$i.disable_ipv6=1
    ip link set dut$i up
    ip -n $ns link set far$i up
done

# 1024 UDP frames of 64 bytes (60 + FCS), written as a pcap (no scapy needed)
python3 - "$work/load.pcap" <<'EOF'
import struct, sys
def csum(b):
    s = sum(struct.unpack("!10H", b))
    s = (s & 0xffff) + (s >> 16)
    return (~((s & 0xffff) + (s >> 16))) & 0xffff
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i in range(1024):
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 46, i, 0, 64, 17, 0,
                         bytes([10, 0, 0, 1]), bytes([10, 0, 1, i % 250 + 1]))
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        udp = struct.pack("!HHHH", 1024 + i, 9, 26, 0) + bytes(18)
        frame = bytes.fromhex("0200000000010200000000020800") + ip + udp
        f.write(struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame)
EOF

# run_one <name> <binary> [extra EAL args]: prints "rx_pps tx_pps chunks back"
run_one() {
    local name=$1 bin=$2 log="$work/$1.log" fifo="$work/fifo" pid i
    shift 2
    rm -f "$fifo"; mkfifo "$fifo"
    timeout $((secs + 60)) "$bin" -l 0,1 --no-huge -m 512 --file-prefix="afxvs_$name" "$@" \
        --vdev net_af_xdp0,iface=dut0 --vdev net_af_xdp1,iface=dut1 \
        -- -i --total-num-mbufs=16384 <"$fifo" >"$log" 2>&1 &
    pid=$!
    exec 3>"$fifo"
    for ((i = 0; i < 300; i++)); do
        grep -qF "testpmd> " "$log" && break
        sleep 0.1
    done
    echo "dump_mempool" >&3
    echo "start" >&3
    ip netns exec $ns timeout $((secs + 2)) tcpreplay -q -i far0 --topspeed --loop=0 \
        "$work/load.pcap" >/dev/null 2>&1 &
    local gen=$!
    sleep 1
    echo "show port stats all" >&3
    sleep "$secs"
    echo "show port stats all" >&3
    sleep 0.5
    echo "stop" >&3
    wait $gen 2>/dev/null
    sleep 0.5
    printf 'port stop all\nport close all\n' >&3
    sleep 1
    echo "dump_mempool" >&3
    echo "quit" >&3
    exec 3>&-
    wait $pid
    awk '
        /nb_mem_chunks=/ && !chunks { split($0, a, "="); chunks = a[2] }
        /size=/ && $1 ~ /^size=/ { split($1, a, "="); size = a[2] }
        /common_pool_count=/ { split($0, a, "="); common = a[2] }
        /total_cache_count=/ { split($0, a, "="); cached = a[2] }
        /NIC statistics for port/ { port = $6 + 0 }
        /Rx-pps:/ { if (port == 0) rx = $2 }
        /Tx-pps:/ { if (port == 1) tx = $2 }
        END { printf "%s %s %s %s\n", rx + 0, tx + 0, chunks, common + cached "/" size }' "$log"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "af_xdp over veth, io forwarding, ${secs}s per run, $runs runs, load: tcpreplay --topspeed (64-byte frames)"
printf "%-6s %4s %12s %12s %8s %16s\n" program run rx_pps tx_pps chunks "mbufs back"
declare -A rxs
for prog in dpkit dpdk; do
    bin=$dpkit
    [ $prog = dpdk ] && bin="dpdk-testpmd --no-pci"
    for ((r = 1; r <= runs; r++)); do
        read -r rx tx chunks back < <(run_one "$prog" $bin)
        printf "%-6s %4d %12s %12s %8s %16s\n" $prog $r "$rx" "$tx" "$chunks" "$back"
        rxs[$prog]+="$tx "
    done
done
d=$(tr ' ' '\n' <<<"${rxs[dpkit]}" | grep . | median)
p=$(tr ' ' '\n' <<<"${rxs[dpdk]}" | grep . | median)
echo "median forwarded pps (port 1 Tx-pps): dpkit $d, DPDK $p, ratio $(awk -v a="$d" -v b="$p" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"

# ---- a pool of 8 chunks, not packed from its first ----
root=$(pwd)
dpkit_pc="$root/$build/meson-uninstalled"
# shellcheck disable=SC2046
cc $(PKG_CONFIG_PATH="$dpkit_pc" pkg-config --cflags libdpkit) -O2 devtools/af_xdp_chunks.c \
    -o "$work/chunks-dpkit" $(PKG_CONFIG_PATH="$dpkit_pc" pkg-config --libs libdpkit) \
    -Wl,-rpath,"$root/$build" || exit 1
# shellcheck disable=SC2046
cc $(pkg-config --cflags libdpdk) -O2 devtools/af_xdp_chunks.c -o "$work/chunks-dpdk" \
    $(pkg-config --libs libdpdk) || exit 1
echo
echo "one port, a pool of 8 chunks in reverse address order (devtools/af_xdp_chunks.c), 40000 frames at 20000 pps:"
for prog in dpkit dpdk; do
    extra=""
    [ $prog = dpdk ] && extra="--no-pci"
    # shellcheck disable=SC2086
    "$work/chunks-$prog" $extra --no-huge -m 256 -l 0 --file-prefix="afxc_$prog" \
        --vdev net_af_xdp0,iface=dut0 -- 4 >"$work/chunks-$prog.log" 2>&1 &
    pid=$!
    for ((i = 0; i < 100; i++)); do
        grep -qs "ready\|result" "$work/chunks-$prog.log" && break
        sleep 0.1
    done
    ip netns exec $ns tcpreplay -q -i far0 --pps=20000 --limit=40000 --loop=0 \
        "$work/load.pcap" >/dev/null 2>&1
    wait $pid
    printf "%-6s %s\n" $prog "$(grep -m1 '^result' "$work/chunks-$prog.log")"
    grep -i "umem\|xdp socket" "$work/chunks-$prog.log" | head -2 | sed 's/^/         /'
done
