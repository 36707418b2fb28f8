#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Check that every #include in lib/, drivers/ and app/ respects the library
boundaries the build sets up (see lib/meson.build):

  include/   public: anyone may include it;
  internal/  the libraries and drivers after the owner, and the unit tests;
  elsewhere  private: the owning library's own files only.

The build already fails on a violation (the header is not on the include
path); this check names the rule that was broken and the header's owner,
and also catches a library reaching a library that comes after it.
Prints one line per violation; exits 1 when there is any."""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
LIB_ORDER = ['lib/telemetry', 'lib/eal', 'lib/kvargs', 'lib/ring', 'lib/mempool', 'lib/mbuf',
             'lib/ethdev']
# Programs that reach internal interfaces as drivers do: the unit tests, the
# telemetry fuzz target (it drives the request handler), and testpmd's
# --rx-mem-check, which reads ethdev's table of the memory a port registered
# (dpkit_eth_dev_mem_regions) to check every received mbuf.
INTERNAL_USERS = ('app/test/', 'app/fuzz/fuzz_telemetry.cpp', 'app/test-pmd/rx_mem_check.cpp')
# Files allowed one private folder each, with the reason.
WHITEBOX = {
    'app/fuzz/fuzz_eal_args.cpp':
        ('lib/eal', 'drives the EAL option parser directly (links the objects)'),
}


def component_roots(top):
    """lib/<name> and drivers/<class>/<name> folders, in dependency order
    (libraries first, then drivers in the order drivers/meson.build lists)."""
    roots = [r for r in LIB_ORDER if os.path.isdir(os.path.join(top, r))]
    for name in sorted(os.listdir(os.path.join(top, 'lib'))):
        r = 'lib/' + name
        if r not in roots and os.path.isfile(os.path.join(top, r, 'meson.build')):
            roots.append(r)  # a library not yet in LIB_ORDER goes last
    listed = re.findall(r"'([a-z_]+/[a-z_0-9]+)'",
                        open(os.path.join(top, 'drivers/meson.build')).read())
    roots += ['drivers/' + d for d in listed
              if os.path.isdir(os.path.join(top, 'drivers', d))]
    return roots


def header_index(top, roots):
    """{basename: (owner root, kind)} for every header of every component."""
    index = {}
    for root in roots:
        for folder, _, files in os.walk(os.path.join(top, root)):
            rel = os.path.relpath(folder, os.path.join(top, root))
            first = rel.split(os.sep)[0]
            kind = {'include': 'public', 'internal': 'internal'}.get(first, 'private')
            for f in files:
                if f.endswith(('.h', '.hpp')):
                    index[f] = (root, kind)
    return index


def owner_of(path, roots):
    for r in roots:
        if path.startswith(r + '/'):
            return r
    return None


def violations(top):
    roots = component_roots(top)
    rank = {r: i for i, r in enumerate(roots)}
    index = header_index(top, roots)
    found = []
    for area in ('lib', 'drivers', 'app'):
        for folder, _, files in os.walk(os.path.join(top, area)):
            for f in files:
                if not f.endswith(('.c', '.cpp', '.h', '.hpp')):
                    continue
                path = os.path.relpath(os.path.join(folder, f), top)
                me = owner_of(path, roots)
                text = open(os.path.join(top, path), errors='replace').read()
                for name in INCLUDE.findall(text):
                    base = os.path.basename(name)
                    if base not in index:
                        continue  # system, config or app-local header
                    owner, kind = index[base]
                    if me == owner:
                        continue
                    why = None
                    if me is not None and rank[owner] > rank[me]:
                        why = f'{owner} comes after {me} in the dependency order'
                    elif kind == 'internal' and me is None and \
                            not path.startswith(INTERNAL_USERS):
                        why = f'internal header of {owner}: libraries, drivers and unit tests only'
                    elif kind == 'private':
                        allowed = WHITEBOX.get(path)
                        if not allowed or allowed[0] != owner:
                            why = (f'private header of {owner}; move what you need to '
                                   f'{owner}/internal/ (other dpkit code) or '
                                   f'{owner}/include/ (applications)')
                    if why:
                        found.append(f'{path}: includes {base}: {why}')
    return found


def self_test():
    """The checker on a small tree with one violation of each rule."""
    import tempfile
    files = {
        'lib/eal/include/rte_eal.h': '',
        'lib/eal/internal/eal_hook.h': '',
        'lib/eal/eal_secret.h': '',
        'lib/ring/ring.cpp': '#include <rte_eal.h>\n#include "eal_hook.h"\n',
        'lib/ring/ring_private.h': '',
        'lib/mempool/pool.cpp': '#include "ring_private.h"\n',
        'lib/eal/eal.cpp': '#include <rte_ring.h>\n#include "eal_secret.h"\n',
        'lib/ring/include/rte_ring.h': '',
        'app/test-pmd/fwd.c': '#include "eal_hook.h"\n#include <rte_ring.h>\n',
        'app/test/test_x.cpp': '#include "eal_hook.h"\n',
        'drivers/meson.build': '',
    }
    expected = {
        'lib/mempool/pool.cpp: includes ring_private.h',
        'lib/eal/eal.cpp: includes rte_ring.h',
        'app/test-pmd/fwd.c: includes eal_hook.h',
    }
    with tempfile.TemporaryDirectory() as top:
        for path, text in files.items():
            os.makedirs(os.path.join(top, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(top, path), 'w') as f:
                f.write(text)
        for lib in ('eal', 'ring', 'mempool'):
            open(os.path.join(top, 'lib', lib, 'meson.build'), 'w').close()
        got = {line.split(':', 2)[0] + ':' + line.split(':', 2)[1]
               for line in violations(top)}
    if got != expected:
        print(f'self-test: expected {sorted(expected)}, got {sorted(got)}')
        return 1
    print('self-test: each broken rule reported, nothing else')
    return 0


def main():
    if sys.argv[1:2] == ['--self-test']:
        return self_test()
    top = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = violations(top)
    for line in found:
        print(line)
    print(f'include boundaries: {len(found)} violation(s)')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
