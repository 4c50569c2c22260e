# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: passes one test, then dies with status 3.
echo "ok - before the crash"
exit 3
