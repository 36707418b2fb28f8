#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Format C and C++ files in place with .clang-format (clang-format 14).
#
# Usage: devtools/apply-format.sh [files...]
#   Default: the files devtools/check-format.sh checks (every C/C++ file
#   git tracks under lib/, drivers/ and app/ except the DPDK fallback
#   headers). Commit the result on its own, apart from other changes.
exec "$(dirname "$0")/check-format.sh" --apply "$@"
