#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Sanitizer lanes:
#   asan  - AddressSanitizer + UndefinedBehaviorSanitizer build, whole fast-test suite
#   tsan  - ThreadSanitizer build, the multi-lcore tests
# Usage: devtools/test-sanitizers.sh [asan|tsan|all] [extra meson test args]
set -uo pipefail
cd "$(dirname "$0")/.."
lane=${1:-all}
shift || true
rc=0

run_lane() {
    local name=$1 sanitize=$2
    shift 2
    local dir=build-$name
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" -Db_sanitize="$sanitize" -Db_lundef=false \
              -Dbuildtype=debugoptimized >/dev/null || return 1
    fi
    ninja -C "$dir" >/dev/null || return 1
    echo "== $name lane ($sanitize)"
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1} \
        meson test -C "$dir" --no-rebuild --print-errorlogs "$@"
    local r=$?
    python3 devtools/test-summary.py "$dir/meson-logs/testlog.json" || r=1
    return $r
}

case $lane in
asan|all)
    run_lane asan address,undefined --suite fast-tests "$@" || rc=1
    ;;&
tsan|all)
    # tests that run on several lcores or threads
    multi=$(build-asan/app/test/dpkit-test --no-huge -m 64 --in-memory <<< list 2>/dev/null |
            awk '/^(ring_stress|mempool_multi|mempool_stress|mbuf_refcnt|lcores|spinlock|rwlock|atomic)[a-z_]*_autotest$/ {print $1}')
    run_lane tsan thread $multi "$@" || rc=1
    ;;
asan) ;;
*)  echo "usage: $0 [asan|tsan|all]"; exit 2 ;;
esac
exit $rc
