#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build dpkit and run the whole fast-test suite. Prints every skipped test
# with its reason, then the closing line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}

bash devtools/build.sh || { echo "0 passed, 1 failed"; exit 1; }

if [ "$(cat /proc/sys/vm/nr_hugepages 2>/dev/null || echo 0)" -gt 0 ]; then
    echo "test: $(grep HugePages_Free /proc/meminfo | awk '{print $2}') free 2 MB hugepages: hugepage tests will run"
else
    echo "test: no hugepages reserved: hugepage-only tests will SKIP, others run with --no-huge"
fi

meson test -C "$build" --suite fast-tests --print-errorlogs --no-rebuild "$@"
rc=$?

python3 devtools/test-summary.py "$build/meson-logs/testlog.json"
sum_rc=$?
if [ $rc -ne 0 ] || [ $sum_rc -ne 0 ]; then
    exit 1
fi
