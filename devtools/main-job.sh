#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job: build dpkit and run the EAL autotests through dpkit-test.
# (testpmd forwarding over a very large mbuf pool replaces this once
# app/test-pmd lands.)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
bash devtools/build.sh
if [ "$(grep HugePages_Free /proc/meminfo | awk '{print $2}')" -eq 0 ] && \
   [ -w /proc/sys/vm/nr_hugepages ]; then
    echo 256 > /proc/sys/vm/nr_hugepages 2>/dev/null || true
fi
free=$(grep HugePages_Free /proc/meminfo | awk '{print $2}')
if [ "$free" -gt 0 ]; then
    echo "main-job: $free free 2 MB hugepages"
    eal=()
else
    echo "main-job: no hugepages available: running with --no-huge"
    eal=(--no-huge -m 512)
fi
tests=$("$build/app/test/dpkit-test" "${eal[@]}" --log-level=error <<< "list" \
        | awk '/^(eal|memory|memzone|malloc|errno|log|lcore)[a-z_]*_autotest$/ {print $1}')
"$build/app/test/dpkit-test" "${eal[@]}" $tests
