# SPDX-License-Identifier: BSD-3-Clause
# Sphinx configuration of the dpkit guides (devtools/build-docs.sh, or
# meson -Denable_docs=true). Warnings are errors there (sphinx-build -W).

import os

project = 'dpkit'
author = 'the dpkit authors'
copyright = '2026, ' + author

_version_file = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             '..', '..', 'VERSION')
with open(_version_file, encoding='utf-8') as f:
    version = release = f.read().strip()

root_doc = 'index'
source_suffix = '.rst'
exclude_patterns = ['_build']
extensions = []

# Only what ships with python3-sphinx: no extra theme package to install.
html_theme = 'alabaster'
html_title = 'dpkit ' + release
html_show_sourcelink = False
html_static_path = []

# Guides point at files of the tree (``lib/...``) and at DPDK's documents by
# name; none of that is a cross-reference, so nothing to resolve.
nitpicky = False
