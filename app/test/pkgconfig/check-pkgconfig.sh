#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# pkg-config contract: a DPDK-style C program compiles and runs with only
# `pkg-config --cflags --libs`, (1) uninstalled from the build tree as
# libdpkit, (2) through the libdpdk.pc alias, (3) after `meson install`.
set -euo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prog="$src/app/test/pkgconfig/hello_lcores.c"
eal=(--no-huge -m 64 --in-memory -l 0-1 --log-level=error)

# A sanitizer build of libdpkit needs the sanitizer runtime loaded before
# anything else; the programs below use plain pkg-config flags and do not
# link it, so it is preloaded for them (and only them, not the compilers).
san_rt=$(ldd "$build/libdpkit.so" 2>/dev/null | awk '/lib(a|t)san\.so/ {print $3}')
[ -n "$san_rt" ] && echo "sanitizer build: preloading $san_rt for the programs"
run() { LD_PRELOAD="$san_rt" "$@"; }

echo "1. uninstalled libdpkit"
export PKG_CONFIG_PATH="$build/meson-uninstalled"
cc -std=c11 -Wall -Wextra -Werror -o "$work/hello1" "$prog" \
   $(pkg-config --cflags --libs libdpkit)
run env LD_LIBRARY_PATH="$build" "$work/hello1" "${eal[@]}"

echo "2. libdpdk alias"
export PKG_CONFIG_PATH="$build/buildtools/pkgconfig:$build/meson-uninstalled"
cc -std=c11 -Wall -Wextra -Werror -o "$work/hello2" "$prog" \
   $(pkg-config --cflags --libs libdpdk)
run env LD_LIBRARY_PATH="$build" "$work/hello2" "${eal[@]}"

echo "3. installed"
DESTDIR="$work/root" meson install -C "$build" --no-rebuild --quiet >/dev/null
pcdir=$(dirname "$(find "$work/root" -name libdpkit.pc | head -n 1)")
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$work/root"
c++ -std=c++20 -Wall -Wextra -Werror -x c++ -o "$work/hello3" "$prog" \
   $(pkg-config --cflags --libs libdpkit)
run env LD_LIBRARY_PATH="$(dirname "$(find "$work/root" -name 'libdpkit.so' | head -n 1)")" \
   "$work/hello3" "${eal[@]}"
echo "pkg-config contract holds"
