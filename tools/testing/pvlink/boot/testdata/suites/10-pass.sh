# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: numbered and unnumbered results, a SKIP,
# diagnostics, a stray line and stderr.
echo "TAP version 13"
echo "1..4"
echo "ok 1 - first"
echo "ok - second # SKIP not here"
echo "# a diagnostic"
echo "a stray line"
echo "okay, not a result"
echo "on stderr" >&2
echo "not ok 3 - third"
echo "ok 4 fourth"
exit 1
