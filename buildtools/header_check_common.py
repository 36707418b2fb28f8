# SPDX-License-Identifier: BSD-3-Clause
"""Shared by the header checks: which headers are public, how to compile a
snippet against them the way an application would, in parallel."""

import argparse
import concurrent.futures
import os
import re
import shlex
import subprocess
import tempfile

INDIRECT = re.compile(r'indirect_headers\s*\+?=\s*files\s*\(([^)]*)\)', re.S)
QUOTED = re.compile(r"'([^']+)'")


def add_compiler_args(parser):
    """Options every check takes (meson passes them)."""
    parser.add_argument('--cc', required=True, help='C compiler command line')
    parser.add_argument('--cxx', help='C++ compiler command line')
    parser.add_argument('--cflags', default='', help='extra flags for both languages')
    parser.add_argument('--include-dir', action='append', default=[],
                        help='extra include directory (e.g. generated config)')
    parser.add_argument('--skip-because', metavar='REASON',
                        help='print REASON and exit 77 (meson: skipped)')
    parser.add_argument('headers', nargs='+', help='every header the build installs')


def skip_if_asked(args):
    """A build where the check says nothing new skips it, with the reason."""
    if args.skip_because:
        print(f'SKIP: {args.skip_because}')
        raise SystemExit(77)


def indirect_headers(header_paths):
    """Names listed as indirect_headers in the meson.build beside each header:
    those are included through another header and need not stand alone."""
    names = set()
    for folder in {os.path.dirname(h) for h in header_paths}:
        # lib/<name>/include/x.h is described by lib/<name>/meson.build
        if os.path.basename(folder) in ('include', 'internal'):
            folder = os.path.dirname(folder)
        build_file = os.path.join(folder, 'meson.build')
        if not os.path.exists(build_file):
            continue
        with open(build_file, encoding='utf-8') as f:
            for block in INDIRECT.findall(f.read()):
                names.update(os.path.basename(n) for n in QUOTED.findall(block))
    return names


def public_headers(header_paths):
    """{basename: path} of the headers an application may include directly."""
    skip = indirect_headers(header_paths)
    return {os.path.basename(h): h for h in header_paths
            if os.path.basename(h) not in skip}


class Compiler:
    """Compile source text with the include path an application gets from
    pkg-config: every header folder, rte_config.h force-included."""

    def __init__(self, args, header_paths):
        dirs = list(args.include_dir) + sorted({os.path.dirname(os.path.abspath(h))
                                               for h in header_paths})
        self.common = shlex.split(args.cflags) + ['-include', 'rte_config.h']
        self.common += ['-I' + d for d in dirs]
        self.cc = shlex.split(args.cc)
        self.cxx = shlex.split(args.cxx) if args.cxx else None
        self.tmp = tempfile.TemporaryDirectory(prefix='dpkit-hdrchk-')

    def temp_path(self, name):
        """A path in this checker's temporary folder."""
        return os.path.join(self.tmp.name, re.sub(r'[^\w.]', '_', name))

    def compile(self, source, lang, flags, tag, obj=None):
        """Return (ok, compiler output). tag names the temporary file; with
        obj, an object file is written there instead of a syntax check."""
        suffix = '.c' if lang == 'c' else '.cpp'
        path = os.path.join(self.tmp.name, re.sub(r'\W', '_', tag) + suffix)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(source)
        compiler = self.cc if lang == 'c' else self.cxx
        output = ['-c', '-o', obj] if obj else ['-fsyntax-only']
        cmd = compiler + flags + self.common + output + [path]
        run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, check=False)
        return run.returncode == 0, run.stdout


def parallel_map(fn, items):
    """fn over items on every CPU, results in input order."""
    workers = max(1, os.cpu_count() or 1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items))


def parser(description):
    p = argparse.ArgumentParser(description=description)
    add_compiler_args(p)
    return p
