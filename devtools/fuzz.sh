#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Fuzz one target of app/fuzz with libFuzzer for a number of seconds:
#
#   devtools/fuzz.sh <target> <seconds> [libFuzzer options...]
#   devtools/fuzz.sh list
#
# Builds the targets with clang, ASan and libFuzzer into ${FUZZ_BUILD_DIR:-build-fuzz}
# (the libraries are compiled with -fsanitize=fuzzer-no-link so their code
# guides the fuzzer), then runs fuzz_<target> at nice 19 starting from
# app/fuzz/corpus/<target>. New inputs go to a scratch directory
# (${FUZZ_WORK_DIR:-build-fuzz/fuzz-work}/<target>/corpus), not to the committed
# corpus: set FUZZ_MERGE=1 to merge the interesting ones into it afterwards.
# Crashes are written to <work>/<target>/ as crash-*, leak-*, timeout-*;
# the last line printed is a one-line summary (execs, exec/s, corpus, crashes).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${FUZZ_BUILD_DIR:-build-fuzz}

if [ $# -lt 1 ]; then
    echo "usage: $0 <target> <seconds> [libFuzzer options...] | $0 list" >&2
    exit 2
fi
target=$1
if [ "$target" = list ]; then
    ls app/fuzz/fuzz_*.cpp | sed 's|.*/fuzz_||; s|\.cpp$||'
    exit 0
fi
if [ $# -lt 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 <target> <seconds> [libFuzzer options...]: seconds must be a number" >&2
    exit 2
fi
seconds=$2
shift 2
if [ ! -f "app/fuzz/fuzz_$target.cpp" ]; then
    echo "fuzz: no target '$target'; the targets are: $(bash "$0" list | tr '\n' ' ')" >&2
    exit 2
fi

if [ ! -f "$build/build.ninja" ]; then
    CC=clang CXX=clang++ meson setup "$build" \
        -Dbuildtype=debugoptimized -Db_sanitize=address -Db_lundef=false \
        -Dfuzz=libfuzzer -Dtests=false \
        -Dc_args=-fsanitize=fuzzer-no-link -Dcpp_args=-fsanitize=fuzzer-no-link >/dev/null
fi
nice -n 19 ninja -C "$build" "app/fuzz/fuzz_$target" >/dev/null

work=${FUZZ_WORK_DIR:-$build/fuzz-work}/$target
mkdir -p "$work/corpus"
seeds=app/fuzz/corpus/$target
log=$work/fuzz.log
echo "fuzz: $target for ${seconds}s, seeds $seeds, new inputs in $work/corpus, log $log"

# ASan: report leaks at exit; libFuzzer: -rss_limit keeps a runaway input
# from taking the machine (the EAL memory is bounded by -m in the target).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
rc=0
nice -n 19 "$build/app/fuzz/fuzz_$target" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/" "$@" "$work/corpus" "$seeds" >"$log" 2>&1 || rc=$?

execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
corpus=$(find "$work/corpus" -type f | wc -l)
crashes=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
          -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    nice -n 19 "$build/app/fuzz/fuzz_$target" -merge=1 "$seeds" "$work/corpus" \
        >>"$log" 2>&1 || true
fi
echo "fuzz: $target: ${seconds}s, ${execs:-?} execs, ${speed:-?} exec/s," \
     "corpus $corpus (scratch) + $(find "$seeds" -type f | wc -l) (seeds), crashes $crashes," \
     "exit $rc"
if [ $rc -ne 0 ]; then
    grep -m1 -A20 'ERROR\|fuzz:.*does not hold\|deadly signal' "$log" >&2 || true
fi
exit $rc
