#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation builds with Sphinx, warnings as errors ("make
# htmldocs"): a broken reference or a malformed table fails here.
set -u
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
out="$objtree/.docs-check"
if ! command -v sphinx-build >/dev/null; then
	tap_skip "docs: sphinx-build -W" "sphinx-build is not installed (Debian: python3-sphinx)"
	tap_done
fi
rm -rf "$out"
tap_check "docs: sphinx-build -W builds Documentation/ without a warning" \
	timeout 300 sphinx-build -W -q -b html "$srctree/Documentation" "$out"
for f in "$srctree"/Documentation/*.rst; do
	name=$(basename "$f" .rst)
	[ "$name" = index ] && continue
	tap_check "docs: $name.rst is in the index" \
		grep -q "^   $name\$" "$srctree/Documentation/index.rst"
done
tap_done
