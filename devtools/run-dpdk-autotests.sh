#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the dpkit authors
#
# Build DPDK 22.11's own autotest sources unchanged against dpkit and run
# them: the API contract checked with DPDK's tests.
#
# Usage: devtools/run-dpdk-autotests.sh <dpdk-src-dir> <test file or command> ...
#   test file: a source of <dpdk-src-dir>/app/test (test_ring.c), or a path
#              to one; every command it registers is run
#   command:   an autotest name (ring_stress_autotest); the source that
#              registers it is found
#
# Each source is compiled with the harness in app/test/dpdk-harness (our own
# test.h, main() and suite runner; in fallback/, headers dpkit does not
# have: rte_ip.h and rte_tcp.h, which test_mbuf.c includes)
# against dpkit's build tree (pkg-config libdpkit from
# $BUILD_DIR/meson-uninstalled). Symbols a source needs from sibling sources
# (test_ring_stress.c needs test_ring_*_stress.c) are found by name and
# those sources are built in too. Nothing of DPDK is copied: the sources are
# symlinked into a scratch directory without DPDK's test.h, so that ours is
# the one "test.h" finds. Prints one line per command:
#   command  result  seconds  sources
# Exit status: 0 if every command passed or skipped, 1 otherwise.
#
# Environment:
#   BUILD_DIR     dpkit build directory (default: build; configured if absent)
#   DPDK_TEST_EAL EAL options (default: --no-pci and four lcores floating
#                 over every CPU, '--lcores=(0-3)@(0-N)', on hugepages when
#                 the kernel has 512 or more free, else with --no-huge -m 1024:
#                 DPDK's own meson.build runs malloc, mbuf, mempool and
#                 memzone autotests only with hugepages)
#   TEST_CFLAGS   compiler flags (default: -O2 -g)
#   TEST_TIMEOUT  seconds per command before it counts as failed (default: 3600)
#   KEEP          directory to keep binaries and logs in (default: temporary)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ $# -lt 2 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
fi
dpdk=$(cd "$1" && pwd)
shift
testdir="$dpdk/app/test"
if [ ! -d "$testdir" ]; then
    echo "run-dpdk-autotests: no app/test in $dpdk; pass the top of a DPDK source tree" >&2
    exit 2
fi

build=${BUILD_DIR:-build}
cflags=${TEST_CFLAGS:--O2 -g}
timeout_s=${TEST_TIMEOUT:-3600}
ncpu=$(nproc)
free_huge=$(awk '$1 == "HugePages_Free:" { print $2 }' /proc/meminfo 2>/dev/null || true)
if [ "${free_huge:-0}" -ge 512 ]; then
    memory_opts=""
else
    memory_opts="--no-huge -m 1024 "
    echo "run-dpdk-autotests: ${free_huge:-0} free hugepages: running with --no-huge" >&2
fi
eal=${DPDK_TEST_EAL:-${memory_opts}--no-pci --lcores=(0-3)@(0-$((ncpu - 1)))}
harness="$root/app/test/dpdk-harness"

# ---- 1. dpkit ----
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" >/dev/null
fi
ninja -C "$build" >/dev/null
export PKG_CONFIG_PATH="$root/$build/meson-uninstalled${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
if ! pkg-config --exists libdpkit; then
    echo "run-dpdk-autotests: no libdpkit-uninstalled.pc in $build/meson-uninstalled" >&2
    exit 1
fi
dpkit_cflags=$(pkg-config --cflags libdpkit)
dpkit_libs=$(pkg-config --libs libdpkit)

out=${KEEP:-$(mktemp -d /tmp/dpkit-dpdk-tests.XXXXXX)}
mkdir -p "$out/src" "$out/obj"
stage="$out/src"
# every sibling source and header except DPDK's test.h
for f in "$testdir"/*; do
    name=$(basename "$f")
    [ "$name" = test.h ] && continue
    [ -e "$stage/$name" ] || ln -s "$f" "$stage/$name"
done

compile() { # source-name object
    # shellcheck disable=SC2086
    cc $cflags -D_GNU_SOURCE $dpkit_cflags -I"$harness" -idirafter "$harness/fallback" \
        -Wno-deprecated-declarations -c "$1" -o "$2"
}
compile "$harness/harness.c" "$out/obj/harness.o"

# the source in app/test that defines symbol $1 at file scope (not extern)
defining_source() {
    grep -lE "^(${1}\(|[A-Za-z_][^;(=]*[ *]${1}( *=| *\[|;$))" "$testdir"/*.c 2>/dev/null |
        while read -r f; do
            if ! grep -qE "^extern .*\b${1}\b" "$f" || grep -qE "^[^e].*\b${1} *=" "$f"; then
                basename "$f"
            fi
        done | head -1
}

# ---- 2. resolve arguments to sources ----
declare -a sources=()
for arg in "$@"; do
    case $arg in
    *.c)
        src=$(basename "$arg")
        if [ ! -f "$testdir/$src" ]; then
            echo "run-dpdk-autotests: $src is not in $testdir" >&2
            exit 2
        fi ;;
    *)
        src=$(grep -lE "REGISTER_TEST_COMMAND\( *${arg} *," "$testdir"/*.c | head -1 || true)
        if [ -z "$src" ]; then
            echo "run-dpdk-autotests: no source in $testdir registers $arg" >&2
            exit 2
        fi
        src=$(basename "$src") ;;
    esac
    [[ " ${sources[*]} " == *" $src "* ]] || sources+=("$src")
done

# ---- 3. build and run each ----
status=0
results=()
for src in "${sources[@]}"; do
    base=${src%.c}
    bin="$out/$base"
    set_files=("$src")
    built=""
    while :; do
        objs=()
        for f in "${set_files[@]}"; do
            o="$out/obj/${f%.c}.o"
            if [ ! -f "$o" ] || [ "$o" -ot "$testdir/$f" ]; then
                if ! compile "$stage/$f" "$o" 2>"$out/$base.build.log"; then
                    built="compile error in $f"
                    break 2
                fi
            fi
            objs+=("$o")
        done
        # shellcheck disable=SC2086
        if cc -o "$bin" "$out/obj/harness.o" "${objs[@]}" $dpkit_libs -lm -lpthread \
                -Wl,-rpath,"$root/$build" 2>"$out/$base.link.log"; then
            built=ok
            break
        fi
        added=0
        for sym in $(grep -oE "undefined reference to \`[A-Za-z_0-9]+'" "$out/$base.link.log" |
                     sed -E "s/.*\`([^']+)'/\1/" | sort -u); do
            f=$(defining_source "$sym")
            if [ -n "$f" ] && [[ " ${set_files[*]} " != *" $f "* ]]; then
                set_files+=("$f")
                added=1
            fi
        done
        if [ $added -eq 0 ]; then
            built="link error (see $out/$base.link.log)"
            break
        fi
    done
    if [ "$built" != ok ]; then
        echo "run-dpdk-autotests: $src: $built" >&2
        tail -20 "$out/$base.build.log" "$out/$base.link.log" 2>/dev/null >&2 || true
        results+=("$(printf '%-30s %-12s %9s  %s' "$base" "BUILD-FAILED" "-" "${set_files[*]}")")
        status=1
        continue
    fi
    for cmd in $(grep -ohE "REGISTER_TEST_COMMAND\( *[A-Za-z_0-9]+" "$testdir/$src" |
                 sed -E 's/.*\( *//'); do
        log="$out/$cmd.log"
        echo "run-dpdk-autotests: $cmd ($bin $eal), log $log" >&2
        t0=$(date +%s.%N)
        # shellcheck disable=SC2086
        if timeout "$timeout_s" "$bin" $eal --file-prefix="dpdk-$cmd-$$" -- "$cmd" \
                >"$log" 2>&1; then
            rc=0
        else
            rc=$?
        fi
        t1=$(date +%s.%N)
        result=$(awk -v c="$cmd" '$1 == "RESULT" && $2 == c { r = $3 } END { print r }' "$log")
        if [ -z "$result" ]; then
            result=$([ $rc -eq 124 ] && echo TIMEOUT || echo "CRASH($rc)")
        fi
        [ "$result" = OK ] || [ "$result" = SKIPPED ] || status=1
        results+=("$(printf '%-30s %-12s %9.1f  %s' "$cmd" "$result" \
                     "$(echo "$t1 - $t0" | bc)" "${set_files[*]}")")
    done
done

printf '%-30s %-12s %9s  %s\n' command result seconds sources
printf '%s\n' "${results[@]}"
[ -n "${KEEP:-}" ] || echo "(binaries and logs in $out)"
exit $status
