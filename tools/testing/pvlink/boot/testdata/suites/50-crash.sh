# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: a suite on lib/tap.sh runs a test program
# that crashes ($PVLINK_CRASH_TEST, boot/testdata/crash_test.c), then
# one that ends early without a failure and one that prints no plan.
. "$srctree/tools/testing/pvlink/lib/tap.sh"
ulimit -c 0
tap_ok "first"
tap_prog crash_test "$PVLINK_CRASH_TEST"
tap_prog short_test printf '1..3\nok 1 - short: one\nok 2 - short: two\n'
tap_prog planless_test printf 'ok - planless: one\n'
tap_ok "last"
tap_done
