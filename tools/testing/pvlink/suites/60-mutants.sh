#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Suite 60: the mutants of tools/testing/pvlink/mutants/mutants.cfg, each
# a deliberate bug applied alone to a scratch copy of the tree, must be
# caught by the suite that owns the code ("make mutants" runs the same).
# A missed mutant is a hole in that suite's tests; one that no longer
# applies or does not build is an ERROR.  The copies are built and tested
# below $objtree/tools/testing/pvlink/out/mutants.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}
export srctree objtree
exec bash "$srctree/tools/testing/pvlink/mutants/run-mutants.sh"
