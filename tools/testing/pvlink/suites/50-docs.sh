#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation builds with Sphinx, warnings as errors ("make
# htmldocs"): a broken reference or a malformed table fails here.
set -u
out="$objtree/.docs-check"
if ! command -v sphinx-build >/dev/null; then
	echo "ok - docs: sphinx-build -W # SKIP sphinx-build is not installed (Debian: python3-sphinx)"
	exit 0
fi
rm -rf "$out"
if log=$(timeout 300 sphinx-build -W -q -b html "$srctree/Documentation" "$out" 2>&1); then
	echo "ok - docs: sphinx-build -W builds Documentation/ without a warning"
else
	echo "$log" | sed 's/^/# /'
	echo "not ok - docs: sphinx-build -W builds Documentation/ without a warning"
fi
for f in "$srctree"/Documentation/*.rst; do
	name=$(basename "$f" .rst)
	[ "$name" = index ] && continue
	if grep -q "^   $name\$" "$srctree/Documentation/index.rst"; then
		echo "ok - docs: $name.rst is in the index"
	else
		echo "not ok - docs: $name.rst is in the index"
	fi
done
