#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the pvlink libFuzzer target and run it for FUZZ_SECONDS.
#
#   [srctree=..] [objtree=..] [FUZZ_SECONDS=60] [CLANG=clang] fuzz.sh [LIBFUZZER-ARGS...]
#
# "make fuzz FUZZ_SECONDS=N" calls this.  The working corpus grows in
# $objtree/tools/testing/pvlink/fuzz/corpus (kept between runs, started
# from the seeds); crashes, leaks and timeouts are written to
# $objtree/tools/testing/pvlink/fuzz/crashes/.  Exit status: 0 if the run
# ended cleanly, 1 on a finding (the reproducer's path and the command
# that replays it are printed), 2 if the target could not be built.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
CLANG=${CLANG:-clang}
CC=${CC:-gcc}
O=$objtree/tools/testing/pvlink/fuzz
MAX_LEN=16384

case $FUZZ_SECONDS in
''|*[!0-9]*|0) echo "fuzz.sh: FUZZ_SECONDS must be a positive number of seconds, not '$FUZZ_SECONDS'" >&2
	exit 2 ;;
esac

mkdir -p "$O/crashes" "$O/corpus"
if ! make -C "$here" srctree="$srctree" objtree="$objtree" CC="$CC" CLANG="$CLANG" \
	MAX_LEN=$MAX_LEN >"$O/build.log" 2>&1; then
	tail -n 25 "$O/build.log" >&2
	echo "fuzz.sh: building the fuzz target failed (full log: $O/build.log)" >&2
	exit 2
fi

listdir()	# listdir DIR: file names, one a line, sorted
{
	find "$1" -mindepth 1 -maxdepth 1 -type f -printf '%f\n' | sort
}

before=$(listdir "$O/crashes")
echo "fuzz.sh: fuzzing the pvlink core for $FUZZ_SECONDS s (log: $O/fuzz.log)"
# -timeout: one input may take 10 s (a hang is a finding); the run itself
# stops after FUZZ_SECONDS.  The outer timeout only guards a wedged run.
timeout -k 10 $((FUZZ_SECONDS + 120)) \
	"$O/fuzz_pvlink" -max_total_time="$FUZZ_SECONDS" -max_len=$MAX_LEN \
	-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$O/crashes/" "$@" "$O/corpus" "$O/seeds" \
	>"$O/fuzz.log" 2>&1
rc=$?
grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$O/fuzz.log" || true

found=$(comm -13 <(printf '%s\n' "$before") <(listdir "$O/crashes"))
# A finding already on disk from an earlier run is written under the same name.
if [ $rc != 0 ] && [ -z "$found" ]; then
	found=$(sed -n 's|.*Test unit written to .*/||p' "$O/fuzz.log")
fi
if [ $rc = 0 ] && [ -z "$found" ]; then
	echo "fuzz.sh: no crash in $FUZZ_SECONDS s; corpus: $(listdir "$O/corpus" | wc -l) inputs"
	exit 0
fi
grep -E 'ERROR|runtime error|pvlink fuzz:|SUMMARY|Test unit written' "$O/fuzz.log" | head -n 20 >&2
for f in $found; do
	echo "fuzz.sh: reproducer: $O/crashes/$f" >&2
	echo "fuzz.sh: replay with: $O/fuzz_pvlink $O/crashes/$f" >&2
done
[ -n "$found" ] || echo "fuzz.sh: fuzzer exited with status $rc and left no reproducer; see $O/fuzz.log" >&2
exit 1
