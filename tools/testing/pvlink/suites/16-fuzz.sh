#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Suite 16: the pvlink core under sanitizers.
#
#  1. A libFuzzer smoke run of FUZZ_SMOKE_SECONDS (default 60) through
#     tools/testing/pvlink/fuzz/fuzz.sh: any crash, sanitizer report,
#     timeout or broken API promise fails it, and the reproducer's path is
#     printed.
#  2. The whole malformed corpus through corpus_driver built with ASan and
#     UBSan: no case may crash or draw a sanitizer report.  (Whether each
#     case gets its expected code is suite 15's business.)
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
CC=${CC:-gcc}
CLANG=${CLANG:-clang}
FUZZ_SMOKE_SECONDS=${FUZZ_SMOKE_SECONDS:-60}
FO=$objtree/tools/testing/pvlink/fuzz
CO=$objtree/tools/testing/pvlink/corpus
export srctree objtree CC CLANG
mkdir -p "$FO" "$CO"

# ---- 1. fuzz smoke ---------------------------------------------------
name="fuzz: ${FUZZ_SMOKE_SECONDS} s libFuzzer smoke run (ASan+UBSan) of plan, link, lookup, section"
rt=$("$CLANG" -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)
if [ ! -f "$rt" ]; then
	echo "ok - $name # SKIP $CLANG has no libFuzzer runtime (install libclang-rt-14-dev)"
else
	out=$(FUZZ_SECONDS=$FUZZ_SMOKE_SECONDS "$srctree/tools/testing/pvlink/fuzz/fuzz.sh" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed 's/^/# /'
	if [ $rc = 0 ]; then
		echo "ok - $name"
	else
		echo "not ok - $name"
	fi
fi

# ---- 2. the corpus under ASan + UBSan ---------------------------------
name="fuzz: the malformed corpus under ASan+UBSan: no crash, no sanitizer report"
if ! make -C "$srctree/tools/testing/pvlink/corpus" srctree="$srctree" objtree="$objtree" \
	CC="$CC" CLANG="$CLANG" cases driver-san >"$CO/build-san.log" 2>&1; then
	tail -n 25 "$CO/build-san.log" | sed 's/^/# /'
	echo "not ok - $name (build failed)"
	exit 0
fi
out=$("$CO/corpus_driver_san" "$CO/cases/cases.list" 2>&1)
rc=$?
reports=$(printf '%s\n' "$out" | grep -E 'runtime error|AddressSanitizer|LeakSanitizer|crashed with signal|exited with status')
mismatch=$(printf '%s\n' "$out" | grep -c '^not ok')
if [ $rc -gt 1 ]; then
	printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
	echo "not ok - $name (driver failed with status $rc)"
elif [ -n "$reports" ]; then
	printf '%s\n' "$reports" | head -n 40 | sed 's/^/# /'
	echo "not ok - $name"
else
	echo "# $(printf '%s\n' "$out" | grep -c '^ok') cases ran clean;" \
	     "$mismatch with an unexpected result (reported by suite 15)"
	echo "ok - $name"
fi
exit 0
