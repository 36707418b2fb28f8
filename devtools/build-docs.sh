#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build the documentation, warnings as errors:
#   <outdir>/guides/index.html  the guides of doc/guides (Sphinx, -W)
#   <outdir>/api/index.html     the C API reference: the public headers
#                               (Doxygen, doc/api/doxy-api.conf)
# Public headers are those under lib/*/include/ and drivers/**/include/
# when the tree has such folders, else every rte_*.h under lib/ and drivers/.
#
# Usage: devtools/build-docs.sh [outdir]      (default: build/doc)
#        devtools/build-docs.sh --stamp FILE outdir   (meson: touch FILE after)
# The last line says how long each part took. Exit status 0 when both built
# without a warning.
set -uo pipefail

# paths given are relative to the caller's directory (meson runs this from
# the build directory)
stamp=
if [ "${1:-}" = --stamp ]; then
    stamp=$(realpath -m "$2")
    shift 2
fi
out=$(realpath -m "${1:-$(dirname "$0")/../build/doc}")
cd "$(dirname "$0")/.."
mkdir -p "$out"

missing=()
command -v sphinx-build >/dev/null || missing+=(python3-sphinx)
command -v doxygen >/dev/null || missing+=(doxygen)
if [ ${#missing[@]} -gt 0 ]; then
    echo "build-docs: ${missing[*]} not installed; run devtools/setup.sh" >&2
    exit 1
fi

rc=0

# Guides. The doctree cache lives beside the output so reruns are quick.
t0=$SECONDS
if ! sphinx-build -W --keep-going -q -b html -d "$out/.doctrees" \
        doc/guides "$out/guides"; then
    echo "build-docs: Sphinx failed (warnings are errors; see above)" >&2
    rc=1
fi
t_sphinx=$((SECONDS - t0))

# API reference.
t0=$SECONDS
mapfile -t headers < <(find lib drivers -path '*/include/*.h' | sort)
if [ ${#headers[@]} -eq 0 ]; then
    mapfile -t headers < <(find lib drivers -name 'rte_*.h' | sort)
fi
rm -rf "$out/api"
mkdir -p "$out/api"
# doxy-api.conf names files relative to the tree root (the cwd here).
if ! { cat doc/api/doxy-api.conf
       printf 'INPUT += %s\n' "${headers[@]}"
       echo "OUTPUT_DIRECTORY = $out/api"
     } | doxygen - ; then
    echo "build-docs: Doxygen failed (warnings are errors; see above)" >&2
    rc=1
fi
t_doxygen=$((SECONDS - t0))

echo "build-docs: guides in $out/guides/index.html (${t_sphinx} s)," \
     "API reference of ${#headers[@]} headers in $out/api/index.html (${t_doxygen} s)"
if [ $rc -eq 0 ] && [ -n "$stamp" ]; then
    touch "$stamp"
fi
exit $rc
