#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The static checks of the tree, each its own script (run one alone to see
# all of its output):
#   format   devtools/check-format.sh     C/C++ layout is .clang-format's
#   git-log  devtools/check-git-log.sh    commit subjects after the baseline
#   docs     devtools/build-docs.sh       Sphinx + Doxygen, warnings as errors
#   tidy     devtools/check-tidy.sh       clang-tidy over lib/ and drivers/
#
# Usage: devtools/check-tree.sh [check...]     (default: all four, in that order)
# CHECK_TREE_SKIP="tidy docs" leaves checks out. Each check's output goes to
# the terminal; a failing check does not stop the others. The last line is
# "check-tree: N passed, M failed" with the time of each check before it.
set -uo pipefail
cd "$(dirname "$0")/.."

all=(format git-log docs tidy)
checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=("${all[@]}")
skip=" ${CHECK_TREE_SKIP:-} "

run_check() {
    case $1 in
        format)  bash devtools/check-format.sh ;;
        git-log) bash devtools/check-git-log.sh ;;
        docs)    bash devtools/build-docs.sh "${DOCS_DIR:-build/doc}" ;;
        tidy)    bash devtools/check-tidy.sh ;;
        *) echo "check-tree: no check '$1'; the checks are: ${all[*]}" >&2; return 2 ;;
    esac
}

pass=0
fail=0
summary=()
for c in "${checks[@]}"; do
    if [[ $skip == *" $c "* ]]; then
        summary+=("$c skipped")
        continue
    fi
    echo "== check-tree: $c"
    t0=$SECONDS
    if run_check "$c"; then
        pass=$((pass + 1))
        summary+=("$c ok ($((SECONDS - t0)) s)")
    else
        fail=$((fail + 1))
        summary+=("$c FAILED ($((SECONDS - t0)) s)")
    fi
done

printf 'check-tree: %s\n' "${summary[@]}"
echo "check-tree: $pass passed, $fail failed"
[ $fail -eq 0 ]
