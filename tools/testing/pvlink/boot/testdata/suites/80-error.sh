# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: an ERROR (the environment is broken), a
# plain failure, a SKIP and a pass, on lib/tap.sh with a plan first.
. "$srctree/tools/testing/pvlink/lib/tap.sh"
tap_plan 4
tap_error "the tool" "cannot run /nonexistent"
tap_check "it's false" false
tap_skip "a skipped one" "not here"
tap_check "true passes" true
tap_done
