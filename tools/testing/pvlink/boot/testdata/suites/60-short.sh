# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: plans three results, prints two, exits 0.
echo "1..3"
echo "ok 1 - one"
echo "ok 2 - two"
