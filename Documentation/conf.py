# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration of the pvlink documentation: "make htmldocs".
# Plain reStructuredText, no extension beyond what Debian's python3-sphinx
# ships, so that the documentation builds offline.

project = 'pvlink'
copyright = 'The pvlink authors'
master_doc = 'index'
exclude_patterns = ['output']
html_theme = 'alabaster'
html_show_sourcelink = False
