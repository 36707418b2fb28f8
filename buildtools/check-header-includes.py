#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Compile every public header on its own, twice over: as C11 and as C++20
(C++ layer headers, .hpp, as C++20 only),
each alone in a translation unit (and included twice, which catches a
missing include guard), with warnings as errors. A header that only works
after some other include, or that C++20 rejects (volatile ++, designated
initialiser order, narrowing, a missing extern "C" block around a macro
that declares functions...), fails here instead of in an application.

Indirect headers (listed as indirect_headers in their meson.build) are meant
to be included through another header and are skipped."""

import sys

import header_check_common as common

C_FLAGS = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-Wpedantic']
CXX_FLAGS = ['-std=c++20', '-Wall', '-Wextra', '-Werror']

SOURCE = '''#include <{h}>
#include <{h}>
/* ISO C wants at least one declaration in a translation unit */
typedef int dpkit_header_check_{tag};
'''


def main():
    p = common.parser(__doc__)
    args = p.parse_args()
    common.skip_if_asked(args)
    if not args.cxx:
        p.error('--cxx is required')
    headers = common.public_headers(args.headers)
    compiler = common.Compiler(args, args.headers)

    # .hpp headers are the C++ layer (STYLE.md): C++20 only
    jobs = [(name, lang) for name in sorted(headers) for lang in ('c', 'c++')
            if lang == 'c++' or not name.endswith('.hpp')]

    def check(job):
        name, lang = job
        tag = name.replace('.', '_')
        flags = C_FLAGS if lang == 'c' else CXX_FLAGS
        return compiler.compile(SOURCE.format(h=name, tag=tag), lang, flags,
                                tag + ('_c' if lang == 'c' else '_cxx'))

    results = common.parallel_map(check, jobs)
    failures = [(job, out) for job, (ok, out) in zip(jobs, results) if not ok]
    for (name, lang), out in failures:
        std = 'C11' if lang == 'c' else 'C++20'
        print('FAIL {}: does not compile alone as {}:'.format(name, std))
        print(out.rstrip())
    print('{} of {} public headers compile alone as C11 and C++20 (.hpp: C++20)'.format(
        len(headers) - len({name for (name, _), _ in failures}), len(headers)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
