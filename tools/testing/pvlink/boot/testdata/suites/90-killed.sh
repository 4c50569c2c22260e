# SPDX-License-Identifier: GPL-2.0
# Fixture for 25-harness.sh: one result, then the suite itself dies of a
# signal, as a shell hit by the OOM killer or a stray kill would.
echo "1..2"
echo "ok 1 - before the signal"
kill -TERM $$
echo "ok 2 - after the signal"
