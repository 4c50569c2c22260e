# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: one result, then it never ends (the harness
# runs the fixtures with PVLINK_SUITE_TIMEOUT=2).
echo "ok - before the hang"
exec sleep 600
