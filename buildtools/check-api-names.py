#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Every in-scope DPDK 22.11 name is provided by the header DPDK declares it
in. The list (header, kind, name) is devtools/dpdk-22.11-in-scope.tsv.

For each listed header that exists in the tree, one C file includes it and
names each entry:
  macro               #ifndef NAME / #error / #endif   (must be a macro)
  function/prototype  #ifndef NAME / (void)&NAME; / #endif
so a static inline, an extern function, a function pointer variable and a
function-like macro all pass, and a missing name fails to compile. When a
header fails, each of its names is tried alone to report exactly which are
missing. Headers not yet in the tree are counted, not failed.

The same file is then compiled as C++ into an object: an out-of-line
function declared outside an extern "C" block shows up there as a mangled
(_Z...) undefined symbol, which a C program could never link against."""

import collections
import shutil
import subprocess
import sys

import header_check_common as common

C_FLAGS = ['-std=c11', '-w']  # names only: warnings are the other check's job
CXX_FLAGS = ['-std=c++20', '-w', '-O0']

# Macros DPDK defines only in some builds, with the condition that stands in
# for them in the others.
CONDITIONAL_MACROS = {
    # one of the two, by compiler
    'RTE_CC_CLANG': 'defined(RTE_CC_CLANG) || defined(RTE_CC_GCC)',
}


def read_tsv(path):
    """{header: [(kind, name), ...]} in file order."""
    wanted = collections.OrderedDict()
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            fields = line.split('\t')
            if len(fields) != 3 or fields[0] == 'header':
                continue
            header, kind, name = fields
            wanted.setdefault(header, []).append((kind, name))
    return wanted


def source_for(header, entries):
    macros, others = [], []
    for kind, name in entries:
        if kind == 'macro' and name in CONDITIONAL_MACROS:
            macros.append('#if !({c})\n#error "{h}: macro {n} is missing"\n#endif'
                          .format(c=CONDITIONAL_MACROS[name], n=name, h=header))
        elif kind == 'macro':
            macros.append('#ifndef {n}\n#error "{h}: macro {n} is missing"\n#endif'
                          .format(n=name, h=header))
        else:
            others.append('#ifndef {n}\n\t(const void *)&{n},\n#endif'.format(n=name))
    # the table keeps every address alive even at -O0, so the object file
    # really references each out-of-line function
    return ('#include <{h}>\n{m}\n'
            '__attribute__((used)) static const void *const dpkit_api_refs[] = {{\n'
            '{o}\n\t0\n}};\n').format(h=header, m='\n'.join(macros),
                                       o='\n'.join(others))


def main():
    p = common.parser(__doc__)
    p.add_argument('--tsv', required=True, help='the in-scope names list')
    args = p.parse_args()
    common.skip_if_asked(args)

    wanted = read_tsv(args.tsv)
    # every header the tree has, indirect ones included: DPDK declares some
    # names in headers applications reach through another include
    present = {h.rsplit('/', 1)[-1] for h in args.headers}
    compiler = common.Compiler(args, args.headers)

    in_tree = [h for h in wanted if h in present]
    absent = [h for h in wanted if h not in present]

    nm = shutil.which('nm')

    def cxx_linkage(header, entries):
        """Names reached with C++ linkage: declared outside extern "C"."""
        if not args.cxx or not nm:
            return []
        obj = compiler.temp_path(header + '.o')
        ok, out = compiler.compile(source_for(header, entries), 'c++', CXX_FLAGS,
                                   header + '_cxx', obj=obj)
        if not ok:
            return [('(header)', 'does not compile as C++: ' + out.strip())]
        undefined = subprocess.run([nm, '-u', '-C', obj], stdout=subprocess.PIPE,
                                   universal_newlines=True, check=False).stdout
        raw = subprocess.run([nm, '-u', obj], stdout=subprocess.PIPE,
                             universal_newlines=True, check=False).stdout
        bad = []
        for mangled, shown in zip(raw.split('\n'), undefined.split('\n')):
            if mangled.split()[-1:] and mangled.split()[-1].startswith('_Z'):
                bad.append(('not extern "C"', shown.split(None, 1)[-1]))
        return bad

    def check(header):
        entries = wanted[header]
        ok, out = compiler.compile(source_for(header, entries), 'c', C_FLAGS, header)
        if ok:
            return cxx_linkage(header, entries)
        # pinpoint: the header alone, then one name at a time
        alone_ok, alone_out = compiler.compile(source_for(header, []), 'c', C_FLAGS,
                                               header + '_alone')
        if not alone_ok:
            return [('(header)', 'does not compile: ' + alone_out.strip())]
        missing = []
        for kind, name in entries:
            one_ok, _ = compiler.compile(source_for(header, [(kind, name)]), 'c',
                                         C_FLAGS, header + '_' + name)
            if not one_ok:
                missing.append((kind, name))
        return missing or [('(header)', out.strip())]

    results = common.parallel_map(check, in_tree)

    total = sum(len(v) for v in wanted.values())
    checked = sum(len(wanted[h]) for h in in_tree)
    missing_count = linkage_count = 0
    for header, problems in zip(in_tree, results):
        for kind, name in problems:
            if kind == 'not extern "C"':
                linkage_count += 1
                print('C++ LINKAGE {}: {} is declared outside extern "C"'.format(header, name))
            else:
                missing_count += 1
                print('MISSING {}: {} {}'.format(header, kind, name))
    print('{} of {} names present ({} headers not yet in tree{})'.format(
        checked - missing_count, total, len(absent),
        ': ' + ' '.join(absent) if absent else ''))
    if missing_count:
        print('{} names missing from headers that exist: every in-scope header must '
              'provide all its names'.format(missing_count))
    if linkage_count:
        print('{} functions would get C++ linkage in C++ programs: wrap their '
              'declarations in extern "C"'.format(linkage_count))
    return 1 if missing_count or linkage_count else 0


if __name__ == '__main__':
    sys.exit(main())
