#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the dpkit authors
#
# Build a DPDK release from source as a second benchmark peer (issue 19),
# outside the dpkit tree, with the compiler and flags of dpkit's release
# build, in a minimal configuration: EAL, ring, mempool, mbuf, ethdev and
# what they need, the drivers net/null + mempool/ring + bus/vdev, and
# dpdk-testpmd. Nothing of DPDK enters dpkit: the peer is only run and
# linked into the bench twins (devtools/bench-vs-dpdk.sh with
# BENCH_DPDK_PREFIX=<prefix>, devtools/bench-testpmd-vs-dpdk.py --dpdk-testpmd
# <prefix>/bin/dpdk-testpmd).
#
# Usage: devtools/build-dpdk-peer.sh <dpdk-source-dir> <install-prefix>
#   e.g. git -C <dpdk.git> archive v25.11 | tar -x -C /work/dpdk-25.11-src
#        devtools/build-dpdk-peer.sh /work/dpdk-25.11-src /opt/dpdk-25.11
# Environment:
#   JOBS   ninja jobs (default: 2)
#   CC     C compiler (default: cc, the one dpkit's meson picks)
#
# Flags: dpkit builds with buildtype=release (-O3), debug=true (-g) and
# -march=native (cpu_instruction_set); the same three are given here. DPDK
# links its apps statically by default (default_library=static), as a
# source build of DPDK gives its users.
#
# The prefix must not lie under a world-writable directory (such as /tmp):
# the EAL refuses to load driver plugins from there. DPDK's meson runs
# python3 scripts that need pyelftools: /usr/bin comes first on PATH so
# Debian's python3 (with python3-pyelftools) is the one found.
#
# After the install, check:
#   PKG_CONFIG_PATH=<prefix>/lib/x86_64-linux-gnu/pkgconfig \
#       pkg-config --modversion libdpdk
#   <prefix>/bin/dpdk-testpmd --no-pci -l 0,1 --vdev net_null0 \
#       --vdev net_null1 -- -i
set -euo pipefail

if [ $# -ne 2 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
fi
src=$(realpath "$1")
prefix=$2
jobs=${JOBS:-2}
build=$src/build-peer

if [ ! -f "$src/meson.build" ] || [ ! -f "$src/VERSION" ]; then
    echo "build-dpdk-peer: $src is not a DPDK source tree (no meson.build/VERSION)" >&2
    exit 1
fi
case $prefix in
/*) ;;
*) echo "build-dpdk-peer: prefix must be an absolute path, got '$prefix'" >&2; exit 1 ;;
esac
# No existing ancestor of the prefix may be world-writable.
d=$prefix
while [ "$d" != / ]; do
    if [ -d "$d" ] && [ -n "$(find "$d" -maxdepth 0 -perm -0002)" ]; then
        echo "build-dpdk-peer: $d is world-writable; the EAL would refuse plugins under $prefix: choose a root-owned prefix" >&2
        exit 1
    fi
    d=$(dirname "$d")
done

export PATH=/usr/bin:$PATH
/usr/bin/python3 -c 'import elftools' 2>/dev/null || {
    echo "build-dpdk-peer: python3-pyelftools is missing (apt-get install python3-pyelftools)" >&2
    exit 1
}

# Every library but the ones testpmd and net_null need is disabled. DPDK
# keeps its always-enabled core (log, kvargs, argparse, telemetry, eal,
# ring, rcu, mempool, mbuf, net, meter, ethdev, pci, cmdline, hash, stack)
# whatever is listed here.
disable_libs=acl,bbdev,bitratestats,bpf,cfgfile,compressdev,cryptodev
disable_libs+=,distributor,dmadev,efd,eventdev,dispatcher,gpudev,gro,gso
disable_libs+=,ip_frag,jobstats,latencystats,lpm,member,metrics,mldev
disable_libs+=,pcapng,pdcp,pdump,pipeline,pmu,port,power,ptr_compress
disable_libs+=,rawdev,regexdev,reorder,rib,fib,sched,security,ipsec
disable_libs+=,table,timer,vhost,graph,node

if [ ! -f "$build/build.ninja" ]; then
    CC=${CC:-cc} meson setup "$build" "$src" \
        --prefix="$prefix" \
        -Doptimization=3 -Ddebug=true \
        -Dcpu_instruction_set=native \
        -Denable_apps=test-pmd \
        -Ddisable_libs="$disable_libs" \
        -Denable_drivers=net/null,mempool/ring,bus/vdev \
        -Dexamples= \
        -Dtests=false \
        -Denable_docs=false
fi
ninja -C "$build" -j "$jobs"
ninja -C "$build" install >/dev/null
echo "build-dpdk-peer: DPDK $(cat "$src/VERSION") installed in $prefix"
