#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the dpkit authors
#
# Side-by-side benchmark of dpkit against DPDK: Debian's 22.11 by default,
# or a DPDK installed under BENCH_DPDK_PREFIX (devtools/build-dpdk-peer.sh
# builds one, e.g. 25.11 into /opt/dpdk-25.11).
#
# Every app/bench/*.c is written against the DPDK API only. This script
# builds each one twice with the same compiler and flags -- once against
# dpkit (its build tree, through pkg-config libdpkit) and once against DPDK
# (pkg-config libdpdk: Debian's, installed with apt when missing, or the
# one under BENCH_DPDK_PREFIX) --
# then runs the two binaries on the same lcores with the same EAL options,
# alternating which goes first, for several rounds, and prints per case
# the median of each and the ratio dpkit / DPDK (higher is better for
# dpkit: every value printed by a bench is "higher is better").
#
# A bench prints one line per case, "BENCH <case> <value> <unit>" (the
# "BENCH " prefix is optional; lines starting with '#' are comments), and
# takes "[EAL options] -- [seconds per case] [case prefix]".
#
# Usage: devtools/bench-vs-dpdk.sh [-r rounds] [-t seconds] [-l lcores]
#                                  [-f case-prefix] [bench ...]
#   bench: names of app/bench/*.c without .c (default: all of them)
# Environment:
#   BUILD_DIR    dpkit build directory (default: build; configured if absent)
#   BENCH_CFLAGS compiler flags for both builds (default: -O3 -march=native)
#   BENCH_MEM    EAL memory options for both (default: --no-huge -m 2048;
#                "" to use hugepages, memory taken on demand: DPDK then gets
#                a hugetlbfs mount of its own in a private mount namespace
#                when none is mounted; the pool creation cases need this)
#   BENCH_PRIO   "nice" (default: nice -n -10 when allowed), "rt" (SCHED_FIFO
#                priority 1: steadier on a busy machine, but it takes the
#                lcores from every other process while it runs), or "none"
#   BENCH_KEEP   directory to keep binaries and raw output in (default: temporary)
#   BENCH_LOAD   1: one CPU-bound competitor (a busy shell loop, nice 0, not
#                pinned) runs from the first case to the last, so both sides
#                of every case share the CPUs with it -- the "machine with
#                one CPU busy" case. Its CPU time is printed at the end.
#   BENCH_DPDK_PREFIX  install prefix of another DPDK to compare against
#                (its <prefix>/lib*/pkgconfig/libdpdk.pc is used; the twin
#                finds its shared libraries and driver plugins there)
#   BENCH_DPDK_STATIC  1: link the DPDK twin statically (pkg-config
#                --static, drivers included), as DPDK's own apps are in a
#                source build; dpkit stays libdpkit.so
# The first lines printed (on stderr) say which DPDK, priority and load ran;
# the table's columns are "<DPDK version> median", "dpkit median", ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rounds=5
seconds=0.15
lcores=0-1
filter=""
while getopts "r:t:l:f:h" opt; do
    case $opt in
    r) rounds=$OPTARG ;;
    t) seconds=$OPTARG ;;
    l) lcores=$OPTARG ;;
    f) filter=$OPTARG ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

build=${BUILD_DIR:-build}
cflags=${BENCH_CFLAGS:--O3 -march=native}

# ---- 1. the two libraries ----
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" >/dev/null
fi
ninja -C "$build" >/dev/null
dpkit_pc="$root/$build/meson-uninstalled"
if ! PKG_CONFIG_PATH="$dpkit_pc" pkg-config --exists libdpkit; then
    echo "bench: no libdpkit-uninstalled.pc in $dpkit_pc; is $build a dpkit build?" >&2
    exit 1
fi
dpdk_prefix=${BENCH_DPDK_PREFIX:-}
dpdk_rpath=()
if [ -n "$dpdk_prefix" ]; then
    dpdk_pc=$(dirname "$(find "$dpdk_prefix"/lib* -name libdpdk.pc -path '*/pkgconfig/*' 2>/dev/null | head -1)")
    if [ ! -f "$dpdk_pc/libdpdk.pc" ]; then
        echo "bench: no libdpdk.pc under $dpdk_prefix/lib*/ (BENCH_DPDK_PREFIX); build one with devtools/build-dpdk-peer.sh" >&2
        exit 1
    fi
    dpdk_pkgconfig() { PKG_CONFIG_PATH="$dpdk_pc" pkg-config "$@"; }
    # DT_RPATH (not RUNPATH): librte_eal.so finds its own dependencies there too
    dpdk_rpath=("-Wl,--disable-new-dtags,-rpath,$(dpdk_pkgconfig --variable=libdir libdpdk)")
    dpdk_name="DPDK $(dpdk_pkgconfig --modversion libdpdk) ($dpdk_prefix)"
else
    if ! pkg-config --exists libdpdk; then
        echo "bench: DPDK not found; installing libdpdk-dev (Debian's DPDK 22.11)" >&2
        apt-get install -y libdpdk-dev >/dev/null
    fi
    dpdk_pkgconfig() { pkg-config "$@"; }
    dpdk_name="DPDK $(pkg-config --modversion libdpdk) (system)"
fi
dpdk_version=$(dpdk_pkgconfig --modversion libdpdk)
dpdk_libs=(--libs)
if [ "${BENCH_DPDK_STATIC:-0}" = 1 ]; then
    dpdk_libs=(--static --libs)
    dpdk_rpath=()
    dpdk_name+=", linked statically"
fi

# ---- 2. build every bench twice ----
benches=("$@")
if [ ${#benches[@]} -eq 0 ]; then
    for src in app/bench/*.c; do
        benches+=("$(basename "$src" .c)")
    done
fi
out=${BENCH_KEEP:-$(mktemp -d /tmp/dpkit-bench.XXXXXX)}
mkdir -p "$out"
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$out"' EXIT

for b in "${benches[@]}"; do
    src=app/bench/$b.c
    [ -f "$src" ] || { echo "bench: no $src" >&2; exit 1; }
    # pkg-config flags first, ours last: the same -march wins for both
    # shellcheck disable=SC2046,SC2086
    cc $(PKG_CONFIG_PATH="$dpkit_pc" pkg-config --cflags libdpkit) $cflags "$src" \
        -o "$out/$b-dpkit" $(PKG_CONFIG_PATH="$dpkit_pc" pkg-config --libs libdpkit) \
        -Wl,-rpath,"$root/$build"
    # shellcheck disable=SC2046,SC2086
    cc $(dpdk_pkgconfig --cflags libdpdk) $cflags "$src" \
        -o "$out/$b-dpdk" $(dpdk_pkgconfig "${dpdk_libs[@]}" libdpdk) "${dpdk_rpath[@]}"
done

# ---- 3. run, interleaved ----
BENCH_MEM=${BENCH_MEM---no-huge -m 2048}
load=$(cut -d' ' -f1 /proc/loadavg)
if [ "${BENCH_PRIO:-nice}" != rt ] && awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    echo "bench: load average $load on $(nproc) CPUs: two-lcore cases will mostly" \
         "measure the scheduler; BENCH_PRIO=rt gives steadier numbers" >&2
fi
case ${BENCH_PRIO:-nice} in
nice) prio=(nice -n -10); nice -n -10 true 2>/dev/null || prio=() ;;
rt) prio=(chrt -f 1) ;;
*) prio=() ;;
esac
eal_common=(-l "$lcores" --no-pci --no-telemetry --log-level='lib.*:error')
# shellcheck disable=SC2206
eal_common+=($BENCH_MEM)

echo "bench: ${benches[*]}; $rounds rounds, ${seconds}s per case, lcores $lcores," \
     "EAL ${eal_common[*]} ${prio[*]:+(run with ${prio[*]})}" >&2
echo "bench: dpkit $(cat VERSION) ($build) vs $dpdk_name; CFLAGS $cflags" >&2
raw="$out/results.txt"
: >"$raw"
load_pid=""
if [ "${BENCH_LOAD:-0}" = 1 ]; then
    # One busy process at nice 0 whatever this script runs at, free to
    # migrate: the scheduler decides which lcore it steals from.
    nice -n $((0 - $(nice))) sh -c 'while :; do :; done' 2>/dev/null &
    load_pid=$!
    trap 'kill "$load_pid" 2>/dev/null || true; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$out"' EXIT
    load_t0=$(date +%s.%N)
    echo "bench: BENCH_LOAD=1: CPU-bound competitor pid $load_pid (nice 0, not pinned) runs throughout" >&2
fi
for ((round = 1; round <= rounds; round++)); do
    # alternate the order so neither side always runs on a warmer machine
    if ((round % 2)); then order=(dpdk dpkit); else order=(dpkit dpdk); fi
    for b in "${benches[@]}"; do
        for impl in "${order[@]}"; do
            log="$out/$b-$impl-$round.log"
            run=("$out/$b-$impl")
            if [ "$impl" = dpdk ] && [ -z "$BENCH_MEM" ] && ! grep -q " hugetlbfs " /proc/mounts; then
                # DPDK only finds hugepages through a mounted hugetlbfs
                mkdir -p "$out/hugetlbfs"
                run=(unshare -m sh -c 'mount -t hugetlbfs nodev "$0" && exec "$@"'
                     "$out/hugetlbfs" "$out/$b-$impl" --huge-dir "$out/hugetlbfs")
            fi
            if ! "${prio[@]}" "${run[@]}" "${eal_common[@]}" \
                    --file-prefix="bench-$impl-$$" -- "$seconds" "$filter" >"$log" 2>&1; then
                echo "bench: $b ($impl) failed in round $round; see below" >&2
                tail -5 "$log" >&2
                continue
            fi
            # "BENCH <case> <value> <unit>" or "<case> <value> <unit>"
            awk -v impl="$impl" '
                /^#/ { next }
                { if ($1 == "BENCH") { $1 = ""; $0 = $0 } }
                $1 ~ /^[A-Za-z0-9_.-]+$/ && $2 ~ /^[0-9.]+([eE][-+]?[0-9]+)?$/ && NF >= 3 {
                    print impl, $1, $2, $3
                }' "$log" >>"$raw"
        done
    done
    echo "bench: round $round/$rounds done" >&2
done

if [ -n "$load_pid" ]; then
    # utime + stime of the competitor, in clock ticks: how much CPU it took
    ticks=$(awk '{ print $14 + $15 }' "/proc/$load_pid/stat")
    kill "$load_pid"
    wait "$load_pid" 2>/dev/null || true
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v t0="$load_t0" -v t1="$(date +%s.%N)" \
        'BEGIN { printf "bench: the competitor took %.1f CPU-s of %.1f s wall (%.0f%% of one CPU)\n", t / hz, t1 - t0, 100 * t / hz / (t1 - t0) }' >&2
fi

# ---- 4. table ----
python3 - "$raw" "DPDK $dpdk_version" <<'EOF'
import statistics
import sys

vals = {}
units = {}
order = []
with open(sys.argv[1]) as f:
    for line in f:
        impl, case, value, unit = line.split()[:4]
        if case not in units:
            order.append(case)
            units[case] = unit
        vals.setdefault((impl, case), []).append(float(value))

w = max([len(c) for c in order] + [4])
peer = sys.argv[2] + " median"
pw = max(14, len(peer))
print(f"{'case':<{w}}  {peer:>{pw}}  {'dpkit median':>14}  {'ratio':>6}  unit")
worse = 0
for case in order:
    d = vals.get(("dpdk", case))
    k = vals.get(("dpkit", case))
    dm = statistics.median(d) if d else None
    km = statistics.median(k) if k else None
    ratio = km / dm if dm and km is not None else None
    if ratio is not None and ratio < 1.0:
        worse += 1
    fmt = lambda v, n=14: f"{v:{n}.2f}" if v is not None else f"{'-':>{n}}"
    rs = f"{ratio:6.2f}" if ratio is not None else f"{'-':>6}"
    print(f"{case:<{w}}  {fmt(dm, pw)}  {fmt(km)}  {rs}  {units[case]}")
print(f"# {len(order)} cases; {worse} below 1.00 against {sys.argv[2]} "
      "(median of each side's rounds)")
EOF
