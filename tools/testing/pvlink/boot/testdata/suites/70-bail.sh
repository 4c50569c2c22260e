# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: one result, then it cannot go on.
. "$srctree/tools/testing/pvlink/lib/tap.sh"
tap_ok "before bailing out"
tap_bail "no compiler"
