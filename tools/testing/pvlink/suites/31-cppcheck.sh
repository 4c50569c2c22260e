#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static analysis: cppcheck (warning, portability, performance) finds
# nothing in the kernel's pvlink code, the library, the arch pvlink code
# and pvimage.  A finding that is cppcheck's own mistake is suppressed
# inline, on its line, with the reason in a comment above it
# ("cppcheck-suppress ID"); nothing is suppressed from here.
set -u
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
out="$objtree/tools/testing/pvlink/out/cppcheck"
mkdir -p "$out"
if ! command -v cppcheck >/dev/null; then
	tap_skip "cppcheck: no finding" "cppcheck is not installed (Debian: cppcheck)"
	tap_done
fi
dirs=(kernel lib arch/x86/pvlink scripts/pvimage)
cppcheck_clean()
{
	(cd "$srctree" &&
	 timeout 600 cppcheck --enable=warning,portability,performance --inline-suppr \
		--error-exitcode=1 --quiet -Iinclude -Iarch/x86/include -D__KERNEL__ \
		-D__x86_64__ "${dirs[@]}") > "$out/cppcheck.log" 2>&1
	local rc=$?
	[ $rc = 0 ] || grep -E '^[^ ]+:[0-9]+:[0-9]+: ' "$out/cppcheck.log"
	return $rc
}
tap_check "cppcheck: no finding in ${dirs[*]}" cppcheck_clean
tap_done
