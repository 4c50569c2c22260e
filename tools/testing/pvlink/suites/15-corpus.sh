#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Suite 15: the malformed-object corpus (tools/testing/pvlink/corpus).
#
# Builds the good objects with $CC, derives every malformed object from
# them (mkcorpus.py + expected.list) and runs each through the core's
# plan and link: one TAP line per case, "refused with PVLINK_E_X" or
# "links".  Then the same corpus, derived from Clang-built objects, as
# one summary line, so the mutations are known not to depend on one
# compiler's output.  The ASan+UBSan run of the corpus is in suite 16.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
CC=${CC:-gcc}
CLANG=${CLANG:-clang}
S=$srctree/tools/testing/pvlink/corpus
O=$objtree/tools/testing/pvlink/corpus
MIN_REFUSALS=45
mkdir -p "$O"
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

build()		# build LOG MAKE-ARGS...: quiet make; the log's tail on failure
{
	local log=$1
	shift
	if make -C "$S" srctree="$srctree" objtree="$objtree" CLANG="$CLANG" "$@" \
		>"$log" 2>&1; then
		return 0
	fi
	tail -n 25 "$log" | tap_diag
	return 1
}

build "$O/build.log" CC="$CC" cases driver
tap_result $? "corpus: build the good objects ($CC), the corpus and its driver" || tap_done

list=$O/cases/cases.list
refusals=$(awk '!/^#/ && NF && $2 != "PVLINK_OK"' "$list" | wc -l)
codes=$(awk '!/^#/ && NF && $2 != "PVLINK_OK" { print $2 }' "$list" | sort -u | wc -l)
tap_check "corpus: $refusals malformed objects, $codes distinct codes (at least $MIN_REFUSALS)" \
	[ "$refusals" -ge $MIN_REFUSALS ]
tap_check "corpus: every code of enum pvlink_err an object can provoke has a case" \
	/usr/bin/python3 "$S/mkcorpus.py" --header "$srctree/include/linux/pvlink_lib.h" \
	--coverage "$S/expected.list"

# One result per case; the driver's own death fails as tap_prog says.
tap_prog --tests corpus "$O/corpus_driver" "$list"

# The same corpus from Clang-built objects: one line.
C=$O/clang
name="corpus: every case also holds for $CLANG-built objects"
if ! build "$O/build-clang.log" CC="$CLANG" CASEDIR="$C" cases; then
	tap_fail "$name (build failed)"
elif out=$("$O/corpus_driver" "$C/cases/cases.list" 2>&1); then
	tap_ok "$name"
else
	# each failure and the core's message after it
	printf '%s\n' "$out" | awk '/^not ok/ { print; f = 1; next }
		f && /^# / { print } { f = 0 }' | sed 's/^/clang: /' | tap_diag
	tap_fail "$name ($(printf '%s\n' "$out" | grep -c '^not ok') failed)"
fi
tap_done
