#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Sanitizer lanes, each in its own build directory:
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan/)
#         with the debug options on (-Dmempool_debug=true, and
#         -Dfault_injection=true where meson_options.txt has it), the whole
#         fast-test suite, or the tests named after the lane
#   tsan  ThreadSanitizer build (build-tsan/), every test that runs code on
#         more than one thread or lcore (devtools/threaded-tests.py), or the
#         tests named after the lane
# Both lanes build with -Dstall_injection=true where the tree has it.
#
# Usage: devtools/test-sanitizers.sh [asan|tsan|all] [test names...]
# A test name may be a regular expression matched against the whole name
# (e.g. 'mempool_.*').
# Each lane ends with the line "<lane> lane: N passed, M failed (T s)".
# Exit status: 0 when every lane run passed, 1 otherwise (a build failure
# counts as a failed lane).
#
# Any report from a sanitizer ends the test process with an error, so a
# test "passes" only when it passed AND the sanitizer found nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
lane=${1:-all}
shift || true
names=("$@")
rc=0

# Tests whose threads run in another program they start (a forwarding
# testpmd) or inside the library (a large pool reserved on a helper thread
# while it is laid out; the IPC thread of every multi-process test and
# example), so no thread call shows in their own source: meson test names
# (regular expressions), added to what threaded-tests.py finds.
tsan_also=('testpmd_engines' 'testpmd_soak_5s' 'mempool_large_autotest'
           'mp_.*' 'hotplug_mp_autotest' 'example_.*_mp_.*' 'example_.*_mp')

# Build options of a lane besides the sanitizer: the asan lane turns on the
# debug checks, whose reports (cookies, injected faults) are what it is for.
# Both lanes build the stall points in: the tests that stop threads
# mid-operation run where a sanitizer watches what the others do meanwhile.
lane_options() {
    if grep -q "option('stall_injection'" meson_options.txt; then
        echo -Dstall_injection=true
    fi
    [ "$1" = asan ] || return 0
    echo -Dmempool_debug=true
    # only once the option exists: older trees have no fault injection
    if grep -q "option('fault_injection'" meson_options.txt; then
        echo -Dfault_injection=true
    fi
}

# $1 lane name, $2 -Db_sanitize value; then the meson test selection
run_lane() {
    local name=$1 sanitize=$2
    shift 2
    local dir=build-$name start=$SECONDS opts
    mapfile -t opts < <(lane_options "$name")
    echo "== $name lane: -Db_sanitize=$sanitize ${opts[*]} in $dir/"
    if [ -f "$dir/build.ninja" ] && [ ${#opts[@]} -gt 0 ]; then
        # a build dir from before an option was added: bring it up to date
        # (--reconfigure, not meson configure: it also learns options that
        # meson_options.txt gained since the directory was set up)
        if ! meson setup --reconfigure "$dir" "${opts[@]}" >"$dir.setup.log" 2>&1; then
            cat "$dir.setup.log"
            echo "$name lane: 0 passed, 1 failed (configure failed)"
            return 1
        fi
    fi
    if [ ! -f "$dir/build.ninja" ]; then
        local extra=("${opts[@]}")
        # GCC warns (-Wtsan, an error under -Werror) that TSan does not
        # model atomic_thread_fence; rte_atomic_thread_fence is a fence by
        # API, so the warning is accepted here: what TSan cannot see through
        # a fence it reports as a race, it does not hide one
        # (GCC is told by its macros: Debian's "cc --version" does not say gcc)
        if [ "$name" = tsan ] && echo 'int x;' | ${CC:-cc} -Werror -Wno-tsan -fsyntax-only \
                -x c - >/dev/null 2>&1 && \
                ! echo | ${CC:-cc} -dM -E -x c - 2>/dev/null | grep -q __clang__; then
            extra+=(-Dc_args=-Wno-tsan -Dcpp_args=-Wno-tsan)
        fi
        # b_lundef=false: a sanitized shared library leaves the runtime's
        # symbols for the executable to resolve
        if ! meson setup "$dir" -Db_sanitize="$sanitize" -Db_lundef=false \
                -Dbuildtype=debugoptimized "${extra[@]}" >"$dir.setup.log" 2>&1; then
            cat "$dir.setup.log"
            echo "$name lane: 0 passed, 1 failed (configure failed)"
            return 1
        fi
    fi
    if ! ninja -C "$dir" >"$dir.ninja.log" 2>&1; then
        tail -n 40 "$dir.ninja.log"
        echo "$name lane: 0 passed, 1 failed (build failed)"
        return 1
    fi

    # keep only names this build registers (a source file may not be built)
    if [ "${1:-}" != --suite ]; then
        local known sel=() t m
        known=$(meson test -C "$dir" --no-rebuild --list 2>/dev/null | sed 's|.* / ||')
        for t in "$@"; do
            mapfile -t m < <(grep -Ex -- "$t" <<< "$known")
            if [ ${#m[@]} -gt 0 ]; then sel+=("${m[@]}")
            else echo "$name lane: '$t' is not a test of this build, left out"; fi
        done
        # once each, in the order first named (patterns may overlap)
        mapfile -t sel < <(printf '%s\n' "${sel[@]}" | awk 'NF && !seen[$0]++')
        if [ ${#sel[@]} -eq 0 ]; then
            echo "$name lane: 0 passed, 1 failed (none of the tests exists)"
            return 1
        fi
        set -- "${sel[@]}"
    fi

    # halt on the first report; abort_on_error gives a core-style death
    # that meson shows as a signal, never mistaken for a test's own exit
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=0} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:history_size=4} \
        meson test -C "$dir" --no-rebuild --print-errorlogs "$@"
    local r=$?
    local summary
    summary=$(python3 devtools/test-summary.py "$dir/meson-logs/testlog.json") || r=1
    # the summary's own last line is "N passed, M failed": name it after the lane
    printf '%s\n' "$summary" | sed '$d'
    echo "$name lane: $(printf '%s\n' "$summary" | tail -n 1) ($((SECONDS - start)) s)"
    return $r
}

case $lane in
asan|tsan|all) ;;
*)  echo "usage: $0 [asan|tsan|all] [test names...]"; exit 2 ;;
esac

if [ "$lane" = asan ] || [ "$lane" = all ]; then
    if [ ${#names[@]} -gt 0 ]; then
        run_lane asan address,undefined "${names[@]}" || rc=1
    else
        run_lane asan address,undefined --suite fast-tests || rc=1
    fi
fi

if [ "$lane" = tsan ] || [ "$lane" = all ]; then
    if [ ${#names[@]} -eq 0 ]; then
        mapfile -t names < <(python3 devtools/threaded-tests.py \
                                 $(git ls-files 'app/*.cpp' 'app/*.c'))
        names+=("${tsan_also[@]}")
        echo "tsan lane: ${#names[@]} multi-thread tests: ${names[*]}"
    fi
    if [ ${#names[@]} -eq 0 ]; then
        echo "tsan lane: 0 passed, 1 failed (no multi-thread test found)"
        rc=1
    else
        run_lane tsan thread "${names[@]}" || rc=1
    fi
fi
exit $rc
