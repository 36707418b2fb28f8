#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# ABI check, as DPDK's devtools/check-abi.sh does it: dump the ABI of the
# built libdpkit.so with abidw (libabigail) and compare it with the baseline
# committed in abi/libdpkit.abi. Removed or changed symbols and changed
# public types fail; added symbols do not. The INTERNAL node (driver SDK and
# test hooks) carries no ABI promise and is suppressed.
#
#   devtools/check-abi.sh <build dir>            compare with the baseline
#   devtools/check-abi.sh <build dir> --update   write a new baseline (an ABI
#                                                change made on purpose)
#
# The baseline describes the default build (release, no debug, fault or stall
# options, which change struct layouts): other builds report SKIP.
set -uo pipefail
build=${1:?usage: check-abi.sh <build dir> [--update]}
src=$(cd "$(dirname "$0")/.." && pwd)
baseline="$src/abi/libdpkit.abi"
suppr="$src/abi/libdpkit.abignore"

if ! command -v abidw >/dev/null || ! command -v abidiff >/dev/null; then
    echo "SKIP: abidw/abidiff not installed (Debian package abigail-tools)"
    exit 77
fi
cfg="$build/config/rte_build_config.h"
if grep -Eq 'RTE_LIBRTE_MEMPOOL_DEBUG|RTE_FAULT_INJECTION|RTE_STALL_INJECTION' "$cfg"; then
    echo "SKIP: $build is not the default configuration (debug, fault or stall" \
         "options change struct layouts); the ABI baseline describes the default build"
    exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
headers=()
for d in "$src"/lib/*/include "$src"/drivers/*/*/include "$build/config"; do
    headers+=(--hd "$d")
done
abidw --no-corpus-path --no-comp-dir-path --drop-private-types "${headers[@]}" \
      --out-file "$work/current.abi" "$build/libdpkit.so" || {
    echo "check-abi: abidw failed on $build/libdpkit.so"; exit 1; }
# the dump must not depend on where the tree is
sed -i "s|$src/||g; s|$build/||g" "$work/current.abi"

if [ "${2:-}" = "--update" ]; then
    mkdir -p "$(dirname "$baseline")"
    cp "$work/current.abi" "$baseline"
    echo "check-abi: baseline written to abi/libdpkit.abi"
    exit 0
fi
if [ ! -f "$baseline" ]; then
    echo "check-abi: no baseline abi/libdpkit.abi; create it with $0 $build --update"
    exit 1
fi
abidiff --suppr "$suppr" --no-added-syms "$baseline" "$work/current.abi" > "$work/diff.txt"
rc=$?
if [ $rc -ne 0 ]; then
    cat "$work/diff.txt"
    echo "check-abi: the ABI of libdpkit.so differs from abi/libdpkit.abi (abidiff" \
         "exit $rc). If the change is on purpose, say so in the commit and run:" \
         "devtools/check-abi.sh <build> --update"
    exit 1
fi
echo "check-abi: libdpkit.so matches the baseline ($(grep -c '<elf-symbol ' "$baseline") symbols)"
