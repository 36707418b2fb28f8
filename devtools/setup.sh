#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install what building and testing dpkit needs on Debian 12. Idempotent:
# packages already present are not fetched again.
set -euo pipefail

packages=(meson ninja-build g++ clang pkg-config python3 python3-pyelftools
          libnuma-dev libreadline-dev iproute2
          make dpdk-doc   # DPDK's example sources and their Makefiles, for the example_* tests
          libdpdk-dev     # DPDK 22.11, the oracle of the oracle_* tests (app/oracle)
          dpdk-dev        # dpdk-telemetry.py and dpdk-testpmd, for the testpmd_telemetry_* tests
          prometheus      # promtool, for testpmd_telemetry_exporter
          clang-format clang-tidy      # devtools/check-format.sh, check-tidy.sh
          python3-sphinx doxygen       # devtools/build-docs.sh
          abigail-tools                # devtools/check-abi.sh (abi_check test)
          libpcap-dev                  # net_pcap
          libxdp-dev libbpf-dev        # net_af_xdp
          tshark python3-scapy tcpreplay  # net_pcap tests (testpmd_pcap_tshark, pcap_iface_autotest)
          python3-matplotlib)          # devtools/bench-report's plots

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all build dependencies present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup: done"
