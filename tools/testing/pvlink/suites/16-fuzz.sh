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
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
tap_plan 2

# ---- 1. fuzz smoke ---------------------------------------------------
name="fuzz: ${FUZZ_SMOKE_SECONDS} s libFuzzer smoke run (ASan+UBSan) of plan, link, lookup, section"
rt=$("$CLANG" -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)
if [ ! -f "$rt" ]; then
	tap_skip "$name" "$CLANG has no libFuzzer runtime (install libclang-rt-14-dev)"
elif tap_selected "$name"; then
	out=$(FUZZ_SECONDS=$FUZZ_SMOKE_SECONDS "$srctree/tools/testing/pvlink/fuzz/fuzz.sh" 2>&1)
	rc=$?
	printf '%s\n' "$out" | tap_diag
	tap_result $rc "$name"
fi

# ---- 2. the corpus under ASan + UBSan ---------------------------------
name="fuzz: the malformed corpus under ASan+UBSan: no crash, no sanitizer report"
if ! make -C "$srctree/tools/testing/pvlink/corpus" srctree="$srctree" objtree="$objtree" \
	CC="$CC" CLANG="$CLANG" cases driver-san >"$CO/build-san.log" 2>&1; then
	tail -n 25 "$CO/build-san.log" | tap_diag
	tap_error "$name" "the sanitized driver does not build"
	tap_done
fi
out=$("$CO/corpus_driver_san" "$CO/cases/cases.list" 2>&1)
rc=$?
reports=$(printf '%s\n' "$out" | grep -E 'runtime error|AddressSanitizer|LeakSanitizer|crashed with signal|exited with status')
mismatch=$(printf '%s\n' "$out" | grep -c '^not ok')
planned=$(printf '%s\n' "$out" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p')
results=$(printf '%s\n' "$out" | grep -c '^\(not \)\{0,1\}ok ')
if [ $rc -gt 1 ]; then
	printf '%s\n' "$out" | tail -n 20 | tap_diag
	tap_fail "$name (driver failed with status $rc)"
elif [ -n "$reports" ]; then
	printf '%s\n' "$reports" | head -n 40 | tap_diag
	tap_fail "$name"
elif [ "$planned" != "$results" ]; then
	printf '%s\n' "$out" | tail -n 5 | tap_diag
	tap_fail "$name (the driver planned ${planned:-no} results, printed $results)"
else
	tap_diag "$(printf '%s\n' "$out" | grep -c '^ok') cases ran clean;" \
		 "$mismatch with an unexpected result (reported by suite 15)"
	tap_ok "$name"
fi
tap_done
