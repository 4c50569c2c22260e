#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pvimage on malformed input, built with ASan and UBSan, run by suite 40:
#
#  - objects that once crashed pvimage's own ELF reader (e_shstrndx 0 with
#    a wild section 0, a name table typed SHT_NOBITS) are refused with the
#    boot's reason (exit 4) by dump, create, digests, and by list of an
#    image carrying one;
#  - objects whose section header table or symbol table sits at an odd
#    offset (valid ELF) link in full: the map lists every section and
#    symbol the unmodified object's map lists, and the bytes are equal;
#  - every object of the malformed-object corpus goes through "dump" and
#    "link" without a sanitizer report or a crash, and is refused by
#    "link" exactly when the corpus says the core refuses it.
#
# pvimage reads all of this through the linker library (lib/pvlink/), so
# these are tests of the library's readers as much as of the tool.
#
# Usage: malformed.sh (srctree, objtree, CLANG from the environment, as
# for a suite).  Writes below $objtree/tools/testing/pvlink/out/pvimage-malformed.
# Prints TAP lines.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
CLANG=${CLANG:-clang}
O=$objtree/tools/testing/pvlink/out/pvimage-malformed
NATIVE=$objtree/arch/x86/pvlink/native.o
EXPORTS=$here/native.exports
MKIMAGE=$srctree/tools/testing/pvlink/boot/mkimage.py
C=$objtree/tools/testing/pvlink/corpus
rm -rf "$O"
mkdir -p "$O"

# Results through lib/tap.sh, the plan after the last one; exit status 1
# if one failed.  Suite 40 runs this script as a test program (tap_prog):
# it runs whole, so no PVLINK_TEST here (tap_prog selects from its
# results, which is why each name starts as the program's does).
unset PVLINK_TEST
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

# A sanitizer report must never pass as an ordinary refusal.
export ASAN_OPTIONS=exitcode=99:detect_leaks=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# --- pvimage under ASan and UBSan, from the one source list -----------------
PV=$O/pvimage-san
mapfile -t lib < <(make -s -f "$srctree/lib/pvlink/sources.mk" srctree="$srctree" pvlink-sources | tr ' ' '\n')
if "$CLANG" -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer -Wall -Wextra -Werror -I"$srctree/include" \
		-I"$srctree/arch/x86/include" -o "$PV" "$srctree"/scripts/pvimage/*.c "${lib[@]}" \
		> "$O/build.log" 2>&1; then
	tap_ok "malformed: pvimage builds with ASan and UBSan ($CLANG)"
else
	tap_diag < "$O/build.log"
	tap_error "malformed: pvimage builds with ASan and UBSan ($CLANG)" "the test tool does not build"
	tap_done
fi

# refuse NAME PATTERN CMD...: exit 4 (malformed input), stderr matches, no report
refuse()
{
	local name=$1 pat=$2 out rc
	shift 2
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ $rc = 4 ] && printf '%s\n' "$out" | grep -qE -- "$pat" &&
	   ! printf '%s\n' "$out" | grep -qE 'Sanitizer|runtime error'; then
		tap_ok "malformed: $name"
	else
		printf 'exit %s (expected 4), stderr:\n%s\n' "$rc" "$out" | tail -n 20 | tap_diag
		tap_fail "malformed: $name"
	fi
}

# --- objects that crashed the old reader ---------------------------------------
for kind in shstrndx-zero shstrtab-nobits; do
	obj=$O/$kind.o
	if ! /usr/bin/python3 "$here/mutate.py" "$kind" "$NATIVE" "$obj"; then
		tap_error "malformed: $kind: make the object" "mutate.py failed"
		continue
	fi
	why='bad section name table index'
	refuse "$kind: dump refuses it with the boot's reason" "$why" "$PV" dump "$obj"
	refuse "$kind: create refuses it with the boot's reason" "$why" "$PV" create -o "$O/x.img" "$obj"
	refuse "$kind: digests refuses it with the boot's reason" "$why" "$PV" digests "$obj"
	if /usr/bin/python3 "$MKIMAGE" pack "$O/$kind.img" "bad=$obj" 2> "$O/mkimage.err"; then
		refuse "$kind: list of an image holding it refuses the image" "$why" \
			"$PV" list "$O/$kind.img"
	else
		tap_diag < "$O/mkimage.err"
		tap_fail "malformed: $kind: list of an image holding it refuses the image"
	fi
done

# --- valid objects with tables at odd offsets link in full ---------------------
"$PV" link --exports "$EXPORTS" --addr 0x1000000 -o "$O/plain.bin" "$NATIVE" \
	2> "$O/plain.err" || tap_diag < "$O/plain.err"
for kind in shdr-unaligned symtab-unaligned; do
	obj=$O/$kind.o
	name="$kind: links with the same bytes and the same full map as the object it came from"
	if /usr/bin/python3 "$here/mutate.py" "$kind" "$NATIVE" "$obj" &&
	   "$PV" link --exports "$EXPORTS" --addr 0x1000000 -o "$O/$kind.bin" "$obj" 2> "$O/$kind.err" &&
	   cmp -s "$O/plain.bin" "$O/$kind.bin" &&
	   [ "$(grep -c '^section ' "$O/$kind.bin.map")" -gt 0 ] &&
	   [ "$(grep -c '^symbol ' "$O/$kind.bin.map")" -gt 0 ] &&
	   diff <(sed "s|$obj|OBJ|" "$O/$kind.bin.map") <(sed "s|$NATIVE|OBJ|" "$O/plain.bin.map") \
		> "$O/$kind.diff"; then
		tap_ok "malformed: $name"
	else
		{ cat "$O/$kind.err" "$O/$kind.diff" 2>/dev/null; } | tail -n 20 | tap_diag
		tap_fail "malformed: $name"
	fi
	if "$PV" dump "$obj" > "$O/$kind.dump" 2>&1 && "$PV" dump "$NATIVE" > "$O/plain.dump" &&
	   diff -q "$O/plain.dump" "$O/$kind.dump" >/dev/null; then
		tap_ok "malformed: $kind: dump prints what it prints for the object it came from"
	else
		tail -n 5 "$O/$kind.dump" | tap_diag
		tap_fail "malformed: $kind: dump prints what it prints for the object it came from"
	fi
done

# --- the malformed-object corpus ------------------------------------------------
if ! make -C "$srctree/tools/testing/pvlink/corpus" srctree="$srctree" objtree="$objtree" \
		CC="${CC:-gcc}" cases > "$O/corpus.log" 2>&1; then
	tail -n 20 "$O/corpus.log" | tap_diag
	tap_error "malformed: build the corpus" "make -C tools/testing/pvlink/corpus cases failed"
	tap_done
fi
: > "$O/none.exports"
crashed=0 wrong=0 n=0
while read -r case code objs opts; do
	case $case in '#'*|'') continue;; esac
	# shellcheck disable=SC2206 # a list of object names
	paths=()
	for o in ${objs//,/ }; do paths+=("$C/cases/$o"); done
	n=$((n + 1))
	for cmd in dump link; do
		if [ $cmd = dump ]; then
			"$PV" dump "${paths[0]}" > /dev/null 2> "$O/case.err"
		else
			"$PV" link --exports "$O/none.exports" --addr 0x1000000 \
				-o "$O/case.bin" "${paths[@]}" > /dev/null 2> "$O/case.err"
		fi
		rc=$?
		if [ $rc -gt 4 ] || grep -qE 'Sanitizer|runtime error' "$O/case.err"; then
			crashed=$((crashed + 1))
			echo "$case: pvimage $cmd exit $rc" | tap_diag
			head -n 5 "$O/case.err" | tap_diag
		fi
	done
	# link refuses what the core refuses, where the case needs no setting
	# only the corpus driver can make (a corrupt export table, a small
	# percpu reserve, another address: the options after the objects).
	if [ -z "$opts" ] && [ "$code" != PVLINK_OK ] && [ "$rc" = 0 ]; then
		wrong=$((wrong + 1))
		echo "$case: the corpus expects $code, pvimage link succeeded" | tap_diag
	fi
done < "$C/cases/cases.list"
if [ $n -gt 100 ] && [ $crashed = 0 ]; then
	tap_ok "malformed: all $n corpus cases through dump and link: no crash, no sanitizer report"
else
	tap_fail "malformed: all $n corpus cases through dump and link: no crash, no sanitizer report ($crashed)"
fi
if [ $n -gt 100 ] && [ $wrong = 0 ]; then
	tap_ok "malformed: pvimage link refuses every corpus case the core refuses (those without driver options)"
else
	tap_fail "malformed: pvimage link refuses every corpus case the core refuses ($wrong of $n wrong)"
fi
tap_done
