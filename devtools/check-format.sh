#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Check that C and C++ files are formatted as .clang-format says.
#
# Usage: devtools/check-format.sh [--apply] [files...]
#   files: the files to check (any path; non-C/C++ files are ignored).
#     Default: every .c .h .cpp .hpp .cc file git tracks under lib/,
#     drivers/ and app/, except the headers that stand in for DPDK's own
#     (app/test/dpdk-harness/fallback/), which keep DPDK's layout.
#   --apply: rewrite the files in place instead (devtools/apply-format.sh).
# Exit status: 0 when every file is formatted, 1 otherwise; each offender
# is printed with the number of its lines clang-format would change, then
# the command that fixes them. Needs clang-format 14 (CLANG_FORMAT=path to
# choose another binary; other versions format some constructs differently).
set -uo pipefail
cd "$(dirname "$0")/.."

apply=false
if [ "${1:-}" = --apply ]; then
    apply=true
    shift
fi

cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
    for c in clang-format-14 clang-format; do
        if command -v "$c" >/dev/null; then
            cf=$c
            break
        fi
    done
fi
if [ -z "$cf" ]; then
    echo "check-format: clang-format not installed; run devtools/setup.sh" >&2
    exit 1
fi
ver=$("$cf" --version | grep -Eo 'version [0-9]+' | awk '{print $2}')
if [ "$ver" != 14 ]; then
    echo "check-format: $cf is version $ver, .clang-format is tuned for 14;" \
         "results may differ from CI's" >&2
fi

is_source() {
    case $1 in
        */dpdk-harness/fallback/*) return 1 ;;
        *.c|*.h|*.cpp|*.hpp|*.cc) return 0 ;;
    esac
    return 1
}

files=()
if [ $# -gt 0 ]; then
    for f in "$@"; do
        is_source "$f" && files+=("$f")
    done
else
    while IFS= read -r f; do
        is_source "$f" && files+=("$f")
    done < <(git ls-files lib drivers app 2>/dev/null || find lib drivers app -type f)
fi
if [ ${#files[@]} -eq 0 ]; then
    echo "check-format: no C/C++ file to check"
    exit 0
fi

if $apply; then
    printf '%s\0' "${files[@]}" | xargs -0 -n 16 -P 2 "$cf" -i --style=file
    echo "apply-format: ${#files[@]} files formatted"
    exit 0
fi

# one line per file: "<changed lines> <file>"
report=$(printf '%s\0' "${files[@]}" | xargs -0 -P 2 -I{} sh -c '
    n=$("$0" --style=file "$1" | diff "$1" - | grep -c "^<")
    echo "$n $1"' "$cf" {})
bad=$(echo "$report" | awk '$1 > 0')
if [ -z "$bad" ]; then
    echo "check-format: ${#files[@]} files formatted as .clang-format says"
    exit 0
fi
echo "$bad" | sort -k2 | awk '{printf "%s: %d lines to reformat\n", $2, $1}'
nbad=$(echo "$bad" | wc -l)
nlines=$(echo "$bad" | awk '{s += $1} END {print s}')
echo "check-format: $nbad of ${#files[@]} files need formatting ($nlines lines);" \
     "fix with devtools/apply-format.sh <files>"
exit 1
