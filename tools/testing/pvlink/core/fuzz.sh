#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz the pvlink core with libFuzzer (ASan+UBSan) for FUZZ_SECONDS.
#
# Environment: srctree, objtree (default: this tree), FUZZ_SECONDS
# (default 60), CLANG.  Seeds: every test backend object (GCC and Clang,
# all variants) and the malformed corpus (both built here first).
# The working corpus and any crash reproducer stay under
# $objtree/tools/testing/pvlink/core/fuzz/.  Exit status: 0 if no crash.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
O=$objtree/tools/testing/pvlink/core

make -s -C "$here" srctree="$srctree" objtree="$objtree" CLANG="${CLANG:-clang}" \
	all fuzz-bin >/dev/null
mkdir -p "$O/fuzz/seeds" "$O/fuzz/work" "$O/fuzz/crashes" "$O/fuzz/malformed"
/usr/bin/python3 "$here/mkcorpus.py" "$srctree/include/linux/pvlink.h" \
	"$O/obj/gcc-O2/tb_base.o" "$O/fuzz/malformed" >/dev/null
for f in "$O"/obj/*/*.o "$O"/fuzz/malformed/*.o; do
	[ -f "$f" ] || continue
	cp "$f" "$O/fuzz/seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
done
echo "# fuzzing for ${FUZZ_SECONDS}s from $(ls "$O/fuzz/seeds" | wc -l) seeds"
"$O/fuzz_pvlink" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -rss_limit_mb=2048 \
	-timeout=10 -print_final_stats=1 -artifact_prefix="$O/fuzz/crashes/" \
	"$O/fuzz/work" "$O/fuzz/seeds" 2>&1 |
	grep -E '(stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|runtime error|SUMMARY|artifact_prefix|Test unit written|^ +#[0-9]+ 0x)' |
	sed 's/^/# /'
rc=${PIPESTATUS[0]}
exit "$rc"
