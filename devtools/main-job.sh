#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job: build dpkit, then run dpkit-testpmd forwarding for a few
# seconds over two net_null ports with a pool of 1,000,000 mbufs (about
# 2.4 GB) and print the forward statistics.
#
# Memory: hugepages when enough are free; when they are not and we may, we
# reserve the missing 2 MB pages for the run and give them back afterwards;
# otherwise the run uses --no-huge (anonymous memory). The job says which.
#   MAIN_JOB_RESERVE=0  never touch /proc/sys/vm/nr_hugepages
#   MAIN_JOB_SECONDS=N  forwarding time (default 5)
#   MAIN_JOB_MBUFS=N    pool size (default 1000000)
#   MAIN_JOB_HUGE=0     do not use hugepages (the --no-huge path)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
seconds=${MAIN_JOB_SECONDS:-5}
mbufs=${MAIN_JOB_MBUFS:-1000000}
need_mb=$(( mbufs * 2400 / 1000000 + 200 ))    # ~2.4 KB per mbuf + rings, ports, EAL
# Without hugepages the run uses IOVA as VA: no page size then limits where
# an object may lie (objects may straddle 4 kB pages, which only matters
# for DMA by physical address), so the pool packs as densely as on
# hugepages. With IOVA as PA each 2176-byte mbuf would take a 4 kB page.
nohuge=(--no-huge --iova-mode=va -m "$need_mb")
need_pages=$(( need_mb / 2 + 16 ))

bash devtools/build.sh
testpmd="$build/app/test-pmd/dpkit-testpmd"
if [ ! -x "$testpmd" ]; then
    # Only while the stack under testpmd is still landing: run the EAL
    # autotests instead, so the job still proves what exists.
    echo "main-job: $testpmd not built yet (meson: 'app/test-pmd skipped: waiting for ...');" \
         "running the EAL autotests instead"
    tests=$("$build/app/test/dpkit-test" --no-huge -m 512 --log-level=error <<< "list" \
            | awk '/^(eal|errno|log|lcore)[a-z_]*_autotest$/ {print $1}')
    exec "$build/app/test/dpkit-test" --no-huge -m 512 $tests
fi

nr=/proc/sys/vm/nr_hugepages
free_pages() { awk '/^HugePages_Free:/ {print $2}' /proc/meminfo; }
restore_pages=""
cleanup() {
    if [ -n "$restore_pages" ]; then
        echo "$restore_pages" > "$nr" 2>/dev/null || true
        echo "main-job: hugepages given back (nr_hugepages = $(cat $nr))"
    fi
}
trap cleanup EXIT

free=$(free_pages)
if [ "$free" -lt "$need_pages" ] && [ "${MAIN_JOB_RESERVE:-1}" != 0 ] && \
   [ "${MAIN_JOB_HUGE:-1}" != 0 ] && [ -w "$nr" ]; then
    before=$(cat "$nr")
    want=$(( before + need_pages - free ))
    echo "$want" > "$nr" 2>/dev/null || true
    if [ "$(cat "$nr")" -ne "$before" ]; then
        restore_pages=$before
    fi
    free=$(free_pages)
    echo "main-job: asked the kernel for $(( want - before )) more 2 MB hugepages: $free free now"
fi

if [ "${MAIN_JOB_HUGE:-1}" = 0 ]; then
    echo "main-job: MAIN_JOB_HUGE=0: running with --no-huge (anonymous memory)"
    mem=("${nohuge[@]}")
elif [ "$free" -ge "$need_pages" ]; then
    echo "main-job: using hugepages ($free free 2 MB pages, $need_pages needed)"
    mem=(-m "$need_mb")
else
    echo "main-job: not enough hugepages ($free free 2 MB pages, $need_pages needed):" \
         "running with --no-huge (anonymous memory)"
    mem=("${nohuge[@]}")
fi

if [ "$(nproc)" -ge 2 ]; then
    lcores=(-l 0,1)
else
    lcores=(--lcores '0@0,1@0')   # one CPU: both lcores share it
fi

# Runs testpmd with its output on the terminal and in $out; the commands are
# sent once the prompt is up, so that pool creation (seconds for a million
# mbufs) does not eat into the forwarding time.
run_testpmd() {
    local fifo pid i
    fifo=$(mktemp -u /tmp/dpkit-main-job.fifo.XXXXXX)
    mkfifo "$fifo"
    : > "$out"
    "$testpmd" "${lcores[@]}" "$@" --file-prefix=dpkit-main-job \
        --vdev net_null0 --vdev net_null1 -- --total-num-mbufs=$mbufs -i \
        <"$fifo" > >(tee -a "$out") 2>&1 &
    pid=$!
    exec 3>"$fifo"
    rm -f "$fifo"
    for ((i = 0; i < 3000; i++)); do
        grep -q "testpmd> " "$out" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if grep -q "testpmd> " "$out"; then
        printf 'show config fwd\nstart\n' >&3
        sleep "$seconds"
        printf 'stop\nquit\n' >&3
    fi
    exec 3>&-
    wait "$pid"
}

out=$(mktemp /tmp/dpkit-main-job.XXXXXX)
trap 'rm -f "$out"; cleanup' EXIT
set +e
run_testpmd "${mem[@]}"
rc=$?
if [ "$rc" -ne 0 ] && [ "${mem[0]}" != "--no-huge" ]; then
    echo "main-job: the hugepage run failed (exit $rc): running again with --no-huge"
    mem=("${nohuge[@]}")
    run_testpmd "${mem[@]}"
    rc=$?
fi
set -e

# %.0f, not print: mawk (Debian's awk) prints numbers past 2^31 as 2.35e+09
rx=$(awk '/Accumulated forward statistics/ {b = 1; next} b && $1 == "RX-packets:" {v = $2} END {printf "%.0f\n", v + 0}' "$out")
echo
if [ "$rc" -eq 0 ] && [ "$rx" -gt 0 ]; then
    awk -v n="$mbufs" -v p="$rx" -v s="$seconds" -v m="${mem[*]}" 'BEGIN {
        printf "main-job: %d mbufs, %s: forwarded %.0f packets in about %d s (%.1f Mpps over both ports)\n",
               n, m, p, s, p / s / 1e6 }'
else
    echo "main-job: FAILED (exit code $rc, $rx packets forwarded)"
    exit 1
fi
