#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the Xen hypervisor the boot tests run the kernel under, once.
#
# Usage: scripts/get-xen.sh [CACHE_DIR]
#
# Xen comes from Debian's own package (the same build a Debian 12 user
# boots): "apt-get download" fetches the .deb without installing it and
# dpkg-deb unpacks it, so nothing on the machine changes.  The result is
# cached as CACHE_DIR/xen (default $objtree/.cache/xen/xen) and its path is
# printed on stdout.  Exit status: 0 done, 2 Xen cannot be had here (the
# reason is on stderr: boot tests SKIP with it), 1 anything else.
set -euo pipefail

XEN_PKG=${XEN_PKG:-xen-hypervisor-4.17-amd64}
cache=${1:-${objtree:-.}/.cache/xen}
out=$cache/xen

if [ -s "$out" ]; then
	echo "$out"
	exit 0
fi

unavailable()
{
	echo "get-xen: $*" >&2
	exit 2
}

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# An installed package already has the hypervisor under /boot.
gz=
[ -f /boot/xen-4.17-amd64.gz ] && gz=/boot/xen-4.17-amd64.gz
if [ -z "$gz" ]; then
	command -v apt-get >/dev/null ||
		unavailable "apt-get not found: Xen is taken from Debian's $XEN_PKG package"
	command -v dpkg-deb >/dev/null ||
		unavailable "dpkg-deb not found: needed to unpack $XEN_PKG"
	# apt drops privileges to _apt for downloads; let it write here.
	chmod 0777 "$tmp"
	if ! (cd "$tmp" && apt-get download "$XEN_PKG") >"$tmp/apt.log" 2>&1; then
		sed 's/^/get-xen: apt-get: /' "$tmp/apt.log" >&2
		why=$(grep -m 1 '^E: ' "$tmp/apt.log" || true)
		unavailable "cannot download $XEN_PKG${why:+ (apt-get: ${why#E: })}: no package index (run 'apt-get update') or no network?"
	fi
	dpkg-deb -x "$tmp"/"$XEN_PKG"_*.deb "$tmp/root"
	gz=$(find "$tmp/root/boot" -maxdepth 1 -name 'xen-*.gz' 2>/dev/null | sort | head -n 1)
	[ -n "$gz" ] || { echo "get-xen: $XEN_PKG has no boot/xen-*.gz" >&2; exit 1; }
fi
zcat "$gz" > "$tmp/xen"
mv "$tmp/xen" "$out"
echo "$out"
