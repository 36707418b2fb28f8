#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# One dpkit-testpmd scenario, run as a meson test:
#     run-scenario.sh <path to dpkit-testpmd> <scenario>
# A scenario is an EAL command line, testpmd options and a script of commands
# fed on stdin with pauses so that traffic flows for a few seconds. The test
# passes when testpmd exits 0, the accumulated forward statistics show
# packets, and every pool was full again at quit (no mbuf leaked).
# Exit 77 (meson: SKIP) with "SKIP: <reason>" when the machine cannot run it.
set -uo pipefail

bin=$1
scenario=$2
prefix="tp_${scenario}_$$"
log=$(mktemp "/tmp/${prefix}.XXXXXX.log")
trap 'rm -f "$log"' EXIT

skip() { echo "SKIP: $*"; exit 77; }
fail() {
    echo "FAIL: $scenario: $*"
    echo "---- last lines of testpmd output ----"
    tail -n 60 "$log"
    exit 1
}

free_hugepages() { awk '/^HugePages_Free:/ {print $2}' /proc/meminfo; }

# Hugepage EAL arguments for a scenario needing $1 MB, or "" when the free
# 2 MB pages cannot hold it (plus a margin for other users of the machine).
huge_eal() {
    local mb=$1 need
    need=$(( mb / 2 + 32 ))
    if [ "$(free_hugepages)" -ge "$need" ]; then
        echo "-m $mb"
    fi
}

# Hugepages when there are enough, otherwise --no-huge. Without hugepages
# (and IOVA as PA) the pool keeps each object inside one 4 KB page, so an
# mbuf of 2176 bytes takes a whole page: the --no-huge budget is larger.
huge_or_nohuge() {
    local mb=$1 nohuge_mb=${2:-$1} eal
    eal=$(huge_eal "$mb")
    if [ -n "$eal" ]; then
        echo "$eal"
    else
        echo "--no-huge -m $nohuge_mb"
    fi
}

# Feeds commands; "sleep N" lines pause instead of being sent.
feed() {
    local line
    for line in "$@"; do
        case $line in
        sleep\ *) sleep "${line#sleep }" ;;
        *) printf '%s\n' "$line" ;;
        esac
    done
}

# Waits until testpmd printed $1 (its first prompt) or exited; pool creation
# can take seconds and the pauses between commands must not include it.
wait_output() {
    local want=$1 pid=$2 i
    for ((i = 0; i < 1200; i++)); do
        grep -qF -- "$want" "$log" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# run <eal args> -- <testpmd args> ::: <commands...>
# Commands are sent once testpmd is ready (first "testpmd> ", or "Press
# enter" without -i), through a FIFO so that pauses happen while it runs.
run() {
    local args=() cmds=() seen=0 a fifo pid ready="testpmd> "
    for a in "$@"; do
        if [ "$a" = ":::" ]; then seen=1; continue; fi
        if [ $seen -eq 0 ]; then args+=("$a"); else cmds+=("$a"); fi
    done
    case " ${args[*]} " in *" -i "*) ;; *) ready="Press enter to exit" ;; esac
    echo "+ dpkit-testpmd ${args[*]}"
    echo "+ commands: ${cmds[*]}"
    fifo=$(mktemp -u "/tmp/${prefix}.fifo.XXXXXX")
    mkfifo "$fifo"
    timeout 300 "${launcher[@]}" "$bin" --file-prefix="$prefix" "${args[@]}" \
        <"$fifo" >"$log" 2>&1 &
    pid=$!
    exec 3>"$fifo"
    rm -f "$fifo"
    if wait_output "$ready" $pid; then
        feed "${cmds[@]}" >&3 2>/dev/null
    fi
    exec 3>&-
    wait $pid
    rc=$?
    return 0
}

# The numbers of the last "Accumulated forward statistics" block.
acc_value() {
    awk -v key="$1" '
        /Accumulated forward statistics/ { inblk = 1; next }
        inblk && $1 == key":" { v = $2 }
        inblk && /^  \+\+\+\+\+\+\+\+\+\+\+\+\+\+\+\+\+\+\+\+/ { inblk = 0 }
        END { print v + 0 }' "$log"
}

check() {
    local want=$1   # rx, tx or both
    [ "$rc" -eq 0 ] || fail "exit code $rc (expected 0)"
    grep -q "Accumulated forward statistics" "$log" || fail "no forward statistics printed"
    local rx tx
    rx=$(acc_value RX-packets)
    tx=$(acc_value TX-packets)
    case $want in
    both) [ "$rx" -gt 0 ] && [ "$tx" -gt 0 ] || fail "RX=$rx TX=$tx: no packets forwarded" ;;
    tx) [ "$tx" -gt 0 ] || fail "TX=$tx: no packets sent" ;;
    esac
    grep -q "mbufs missing" "$log" && fail "mbufs leaked: $(grep 'mbufs missing' "$log" | head -1)"
    grep -q "all [0-9]* mbufs back in the pool" "$log" || fail "pool check line missing"
    grep -q "^Bye" "$log" || fail "no clean exit (Bye...)"
    grep "mb_pool_0:.*mbufs in" "$log" | head -1
    echo "PASS: $scenario: RX-packets=$rx TX-packets=$tx, exit 0, every mbuf back"
    exit 0
}

launcher=()        # e.g. (ip netns exec NS) to run testpmd elsewhere
fwd_session=("start" "sleep 3" "show port stats all" "stop" "quit")
nulls=(-l 0,1 --vdev net_null0 --vdev net_null1)

case $scenario in
# The seed series' commands (cover letter "How to reproduce" and "Tests done").
seed_200k)
    eal=$(huge_eal 640)
    [ -n "$eal" ] || skip "needs 352 free 2 MB hugepages, $(free_hugepages) free"
    run "${nulls[@]}" $eal -- --total-num-mbufs=200000 -i ::: "${fwd_session[@]}"
    check both ;;
seed_chained)
    eal=$(huge_eal 640)
    [ -n "$eal" ] || skip "needs 352 free 2 MB hugepages, $(free_hugepages) free"
    run "${nulls[@]}" $eal -- --total-num-mbufs=200000 -i --port-topology=chained \
        ::: "${fwd_session[@]}"
    check both ;;
seed_mp_anon)
    # The pool lives in anonymous memory, not in the EAL's: a small -m is enough.
    run "${nulls[@]}" $(huge_or_nohuge 128) -- --total-num-mbufs=200000 -i --mp-anon \
        ::: "${fwd_session[@]}"
    check both ;;
seed_m256_txonly)
    # Cover letter: "-m 256 -- -i --port-topology=chained --mp-anon" then "set fwd txonly".
    eal=$(huge_eal 256)
    [ -n "$eal" ] || skip "needs 160 free 2 MB hugepages, $(free_hugepages) free"
    run "${nulls[@]}" $eal -- --total-num-mbufs=200000 -i --port-topology=chained --mp-anon \
        ::: "set fwd txonly" "${fwd_session[@]}"
    check tx ;;
seed_no_huge)
    run "${nulls[@]}" --no-huge -m 900 -- --total-num-mbufs=200000 -i \
        --port-topology=chained ::: "set fwd txonly" "${fwd_session[@]}"
    check tx ;;
seed_txonly)
    run "${nulls[@]}" $(huge_or_nohuge 640 900) -- --total-num-mbufs=200000 -i \
        ::: "set fwd txonly" "${fwd_session[@]}"
    check tx ;;
pool_1m)
    # 1,000,000 mbufs of 2176 bytes: about 2.4 GB on hugepages, 4 GB without.
    run "${nulls[@]}" $(huge_or_nohuge 2800 4400) -- --total-num-mbufs=1000000 -i \
        ::: "${fwd_session[@]}"
    check both ;;
xmem)
    run "${nulls[@]}" --no-huge -m 128 -- --total-num-mbufs=50000 -i --mp-alloc=xmem \
        ::: "${fwd_session[@]}"
    check both ;;
default_pool)
    # No --total-num-mbufs: the pool is sized from queues, descriptors,
    # cache and lcores, (2048 + 250 + 2048 + 512) * 32 = 155456 mbufs.
    run "${nulls[@]}" $(huge_or_nohuge 400 800) -- -i ::: "start" "sleep 1" "stop" "quit"
    grep -q "create a new mbuf pool <mb_pool_0>: n=155456," "$log" \
        || fail "default pool size is not 155456: $(grep 'create a new mbuf pool' "$log")"
    check both ;;
engines)
    # Every engine forwards; multi-segment txpkts and tx_first as well.
    run "${nulls[@]}" --no-huge -m 256 -- --total-num-mbufs=32768 -i \
        ::: "set fwd mac" "start" "sleep 1" "stop" \
            "set fwd macswap" "start" "sleep 1" "stop" \
            "set fwd 5tswap" "start" "sleep 1" "stop" \
            "set fwd flowgen" "set txpkts 64,128" "start" "sleep 1" "stop" \
            "set fwd rxonly" "start" "sleep 1" "stop" \
            "set fwd io" "start tx_first 4" "sleep 1" "stop" "quit"
    check both ;;
start_stop)
    # "start" then "stop" at once still forwards: every stream runs at least
    # once per start, as in dpdk-testpmd (when the loop tested the stop flag
    # first, about 1 such cycle in 10 forwarded nothing).
    cycles=()
    for ((i = 0; i < 100; i++)); do cycles+=("start" "stop"); done
    run "${nulls[@]}" --no-huge -m 256 -- --total-num-mbufs=32768 -i \
        ::: "${cycles[@]}" "quit"
    idle=$(awk '/Accumulated forward statistics/ { inblk = 1; next }
                inblk && $1 == "RX-packets:" { if ($2 == 0) n++; inblk = 0 }
                END { print n + 0 }' "$log")
    [ "$(grep -c 'Accumulated forward statistics' "$log")" -eq 100 ] \
        || fail "expected 100 forwarding runs"
    [ "$idle" -eq 0 ] || fail "$idle of 100 start/stop cycles forwarded nothing"
    check both ;;
commands)
    # Every interactive command once, and each misuse answered by one line.
    run "${nulls[@]}" --no-huge -m 256 -- --total-num-mbufs=32768 -i \
        ::: "help" "show config fwd" "show config rxtx" "show config cores" \
            "show port info all" "show port stats 0" "clear port stats all" \
            "show port xstats all" "set nbcore 1" "set nbcore 99" "set burst 64" \
            "set burst 0" "set txpkts 64,64" "set txpkts 10" "start tx_first 0" "set promisc all off" \
            "set promisc all on" "foo bar" "set fwd foo" "show port stats 99" \
            "start" "set fwd mac" "port stop 0" "show fwd stats all" "start" "sleep 1" \
            "stop" "stop" "port stop all" "start" "port start all" "port stop 1" \
            "port close 1" "show port info 1" "dump_mempool" "dump_memzone" "dump_ring" \
            "dump_physmem" "start" "sleep 1" "stop" "quit"
    for want in "Command not found: 'foo'" "Bad arguments: expected set fwd io|" \
                "Please stop forwarding first" "Port 0 is forwarding" \
                "Packet forwarding not started" "Port 0 is not started" \
                "Port 1 is closed" "burst 0 not in 1..512" "nb fwd cores 99 not in" \
                "Invalid port 99" "Number of packets per burst set to 64" \
                "set txpkts: the first segment" "List of forwarding lcores" \
                "Infos for port 0" "NIC extended statistics for port 0" \
                "start tx_first: the number of bursts must be in 1..65535" \
                "NIC statistics for port 1 cleared" "mb_pool_0"; do
        grep -qF "$want" "$log" || fail "expected a line with: $want"
    done
    check both ;;
bad_options)
    # A bad value costs one line on stderr and exit code 1, before the EAL starts.
    for opt in --burst=abc --burst=0 --burst=513 --forward-mode=zzz --bogus \
               --mp-alloc=foo --txpkts=10 --txpkts=64,x --eth-peer=1,zz --eth-peer=40,02:00:00:00:00:01 \
               --portmask=0 --coremask=zz --rxq --rxq=0 --rxd=0 --total-num-mbufs=-5 \
               --total-num-mbufs=0 --mbuf-size=100 --mbcache=100000 --nb-cores=0 \
               --port-topology=ring --socket-num=99 --stats-period=x --tx-offloads=zz stray; do
        out=$("$bin" --no-huge -m 64 --file-prefix="$prefix" -- "$opt" 2>&1 </dev/null)
        code=$?
        [ $code -eq 1 ] || { echo "$out" > "$log"; fail "$opt: exit code $code, expected 1"; }
        [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || { echo "$out" > "$log"; fail "$opt: more than one line"; }
        echo "  $opt -> $out"
    done
    "$bin" -- -h >/dev/null 2>&1 || fail "-h: exit code $?"
    echo "PASS: $scenario"
    exit 0 ;;
setup_errors)
    # A pool that cannot fit: one line saying so, exit code 1.
    run -l 0,1 --vdev net_null0 --no-huge -m 64 -- --total-num-mbufs=1000000 -i ::: "quit"
    [ "$rc" -eq 1 ] || fail "oversized pool: exit code $rc, expected 1"
    grep -q "Creation of mbuf pool mb_pool_0 (1000000 mbufs" "$log" || fail "no pool failure line"
    echo "  oversized pool -> $(grep 'Creation of mbuf pool' "$log")"
    # One lcore: the prompt works, start explains why it cannot forward.
    run -l 0 --vdev net_null0 --vdev net_null1 --no-huge -m 128 -- --total-num-mbufs=8192 -i \
        ::: "start" "quit"
    [ "$rc" -eq 0 ] || fail "one lcore: exit code $rc"
    grep -q "No worker lcore to forward on" "$log" || fail "one lcore: no explanation"
    # No port at all.
    run -l 0,1 --no-huge -m 128 -- --total-num-mbufs=8192 -i ::: "start" "quit"
    [ "$rc" -eq 0 ] || fail "no port: exit code $rc"
    grep -q "No port to forward on" "$log" || fail "no port: no explanation"
    # A TX offload the port lacks: configure refuses it, naming the offload.
    run -l 0,1 --vdev net_null0 --no-huge -m 128 -- --total-num-mbufs=8192 --tx-offloads=0x1 \
        -i ::: "quit"
    grep -q "offload VLAN_INSERT not supported by net_null" "$log" || fail "no offload line"
    grep -q "Port 0: configure with 1 RX / 1 TX queues failed" "$log" || fail "no port line"
    echo "  unsupported offload -> $(grep 'offload VLAN_INSERT' "$log")"
    # Fast free is the default where the port has it; without it (0) the
    # general free path forwards as well and every mbuf comes back.
    for offl in 0 0x10000; do
        run -l 0,1 --vdev net_null0 --vdev net_null1 --no-huge -m 128 -- \
            --total-num-mbufs=8192 --tx-offloads=$offl -i ::: "start" "sleep 0.5" "stop" "quit"
        check both
        grep -q "all 8192 mbufs back in the pool" "$log" || fail "--tx-offloads=$offl: mbufs lost"
    done
    # More queues than the driver has.
    run -l 0,1 --vdev net_null0 --no-huge -m 128 -- --total-num-mbufs=8192 --rxq=1024 \
        --txq=1024 -i ::: "quit"
    if [ "$rc" -ne 0 ]; then
        grep -q "Port 0:" "$log" || fail "too many queues: exit $rc without a port line"
        echo "  too many queues -> $(grep 'Port 0:' "$log" | head -1)"
    fi
    echo "PASS: $scenario"
    exit 0 ;;
noninteractive)
    # Without -i forwarding starts at once and Enter ends it.
    run "${nulls[@]}" --no-huge -m 256 -- --total-num-mbufs=32768 ::: "sleep 2" ""
    grep -q "Press enter to exit" "$log" || fail "no 'Press enter to exit'"
    check both ;;
stats_period)
    # --stats-period prints port statistics until SIGINT, then exits cleanly.
    timeout 300 "$bin" --file-prefix="$prefix" "${nulls[@]}" --no-huge -m 256 -- \
        --total-num-mbufs=32768 --stats-period=1 </dev/null >"$log" 2>&1 &
    pid=$!
    wait_output "Checking link statuses" $pid || fail "testpmd did not start"
    sleep 3
    kill -INT $pid
    wait $pid
    rc=$?
    [ "$(grep -c 'NIC statistics for port 0' "$log")" -ge 1 ] || fail "no periodic statistics"
    check both ;;
af_packet_veth)
    # Two af_packet ports on the two ends of a veth pair, in a namespace of
    # our own: frames sent by port 0 arrive on port 1 and are forwarded back.
    ns="tpns$$"
    ip netns add "$ns" 2>/dev/null || skip "cannot create a network namespace (needs root and CONFIG_NET_NS)"
    trap 'ip netns del "$ns" 2>/dev/null; rm -f "$log"' EXIT
    ip -n "$ns" link add tpv0 type veth peer name tpv1 2>/dev/null || skip "cannot create a veth pair (veth module missing?)"
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null || true
    ip -n "$ns" link set tpv0 up && ip -n "$ns" link set tpv1 up || fail "cannot bring the veths up"
    launcher=(ip netns exec "$ns")
    run -l 0,1 --no-huge -m 256 --vdev net_af_packet0,iface=tpv0 \
        --vdev net_af_packet1,iface=tpv1 -- --total-num-mbufs=16384 -i \
        ::: "start tx_first" "sleep 3" "show port stats all" "stop" "quit"
    grep -qi "driver.*not found\|unknown driver\|no driver" "$log" && skip "net_af_packet is not built"
    check both ;;
*)
    echo "unknown scenario '$scenario'"
    exit 1 ;;
esac
