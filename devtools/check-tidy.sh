#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# clang-tidy lane: run .clang-tidy's checks over the C and C++ sources of
# lib/ and drivers/ (and the tree's headers they include), zero findings.
#
# Usage: devtools/check-tidy.sh [-j jobs] [-d build dir] [files...]
#   files: sources to check (default: every .c/.cpp under lib/ and drivers/
#     that the build compiles).
#   -d: a build directory whose compile_commands.json gives each file's
#     flags (default ${TIDY_BUILD_DIR:-build-tidy}, configured here with
#     clang the first time: clang-tidy is clang and reads clang's flags; no
#     compilation is needed, only meson's configuration step).
#   -j: parallel clang-tidy processes (default 2).
# Each finding is printed once (a header included by many sources is
# reported once per place), then a count per check and the time taken.
# Findings of C++-only checks (modernize-*) inside .h files are dropped:
# .h files are C headers (C11 and C++20), where NULL, typedef and f(void)
# are what C needs. Exit status: 0 when nothing was found, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

jobs=2
build=${TIDY_BUILD_DIR:-build-tidy}
while getopts "j:d:" o; do
    case $o in
        j) jobs=$OPTARG ;;
        d) build=$OPTARG ;;
        *) echo "usage: $0 [-j jobs] [-d build dir] [files...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

tidy=${CLANG_TIDY:-}
runner=
for v in -14 ""; do
    if [ -z "$tidy" ] && command -v "clang-tidy$v" >/dev/null; then
        tidy=clang-tidy$v
    fi
    if [ -z "$runner" ] && command -v "run-clang-tidy$v" >/dev/null; then
        runner=run-clang-tidy$v
    fi
done
if [ -z "$tidy" ] || [ -z "$runner" ]; then
    echo "check-tidy: clang-tidy (and run-clang-tidy) not installed; run devtools/setup.sh" >&2
    exit 1
fi

start=$SECONDS
if [ ! -f "$build/compile_commands.json" ]; then
    echo "check-tidy: configuring $build with clang for its compile_commands.json"
    if ! CC=clang CXX=clang++ meson setup "$build" -Dtests=false -Dfuzz=off >/dev/null; then
        echo "check-tidy: meson setup $build failed" >&2
        exit 1
    fi
fi
# A file added since the last configure is not in compile_commands.json
# (run-clang-tidy would pass over it): let meson regenerate it first.
ninja -C "$build" build.ninja >/dev/null || exit 1

if [ $# -gt 0 ]; then
    files=()
    for f in "$@"; do
        files+=("$(realpath "$f")")
    done
else
    mapfile -t files < <(git ls-files lib drivers 2>/dev/null | grep -E '\.(c|cpp)$' \
                         | sed "s|^|$root/|")
fi
if [ ${#files[@]} -eq 0 ]; then
    echo "check-tidy: no source to check"
    exit 0
fi

# run-clang-tidy takes regular expressions: one anchored alternative per file
regex=$(printf '%s\n' "${files[@]}" | sed 's/[.+]/\\&/g; s/^/^/; s/$/$/' | paste -sd'|')

build_abs=$(realpath "$build")
log=$build_abs/check-tidy.log   # the whole clang-tidy output, kept for reading
"$runner" -quiet -clang-tidy-binary "$(command -v "$tidy")" -p "$build" -j "$jobs" \
    "$regex" >"$log" 2>&1
runner_rc=$?

# "path:line:col: warning|error: text [check,...]" -> one line per finding,
# path made relative to the tree, duplicates (the same header seen from
# several sources) dropped.
findings=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .* \[[^]]+\]$' \
    | sed -E 's/,-warnings-as-errors\]$/]/' \
    | while IFS= read -r line; do
        path=${line%%:*}
        rest=${line#*:}
        case $path in
            /*) ;;
            *) path=$build_abs/$path ;;   # relative to the build directory
        esac
        path=$(realpath -m "$path")
        echo "${path#"$root"/}:$rest"
      done \
    | grep -vE '^[^:]+\.h:[0-9]+:[0-9]+: [a-z]+: .* \[modernize-[^]]*\]$' \
    | sort -u)

if [ -n "$findings" ]; then
    echo "$findings"
    echo "check-tidy: findings per check:"
    echo "$findings" | grep -Eo '\[[^]]+\]$' | sort | uniq -c | sort -rn
fi
n=0
[ -n "$findings" ] && n=$(echo "$findings" | wc -l)
# clang-tidy exits non-zero for any diagnostic, the dropped ones included,
# and a source clang cannot compile shows up as clang-diagnostic-error
# above; a failure that printed no diagnostic at all is the runner's own
diagnostics=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" \
              | grep -cE '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' || true)
if [ "$n" -eq 0 ] && [ $runner_rc -ne 0 ] && [ "$diagnostics" -eq 0 ]; then
    tail -n 20 "$log"
    echo "check-tidy: run-clang-tidy failed ($runner_rc) without a finding; see $log" >&2
    exit 1
fi
echo "check-tidy: ${#files[@]} sources, $n findings, $((SECONDS - start)) s"
[ "$n" -eq 0 ]
