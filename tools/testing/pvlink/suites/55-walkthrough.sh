#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
#
# Suite 55: what the documentation tells a person to run, run.
#
# 1. The walkthrough, "Adding a backend" in Documentation/pvlink.rst: its
#    marked blocks (lib/walkthrough.py) are the files of a throwaway
#    backend and the commands that build, inspect, verify, link and boot
#    it.  In a scratch copy of the tree ($objtree/tools/testing/pvlink/
#    out/walkthrough/tree, the files "git ls-files" lists) every file is
#    written and every command run, in the order shown, each one result;
#    an output block the walkthrough shows must appear in what its
#    command printed.  The boot (pvlink=example) must name the stack in
#    its summary line.  A command the section shows that is not in a
#    marked block, or one that did not run (an earlier one failed), is a
#    failure, counted.
# 2. scripts/run-qemu.sh as README.md shows it: options after "--" reach
#    QEMU (a recording QEMU, then the real one), and --help and README.md
#    name every variable the script reads.
#
# Neither writes the source tree: the last result checks it.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

rst=$srctree/Documentation/pvlink.rst
wt=$srctree/tools/testing/pvlink/lib/walkthrough.py
work=$objtree/tools/testing/pvlink/out/walkthrough
tree=$work/tree
steps=$work/steps
# A boot takes about a second under TCG; the margin is for a loaded machine.
BOOT_TIMEOUT=120

# The source tree's state, to compare at the end (git's view of it).
src_state()
{
	git -C "$srctree" status --porcelain --untracked-files=all 2>/dev/null
}
is_git=0
git -C "$srctree" rev-parse --is-inside-work-tree >/dev/null 2>&1 && is_git=1
before=$(src_state)

rm -rf "$work"
mkdir -p "$work"

# ---- 1. the walkthrough ----------------------------------------------------
tap_check "walkthrough: every command it shows is in a walkthrough-run block" \
	/usr/bin/python3 "$wt" unrun "$rst"

# run_step N CMD: run one command of the walkthrough in the copy, as a
# person would from the top of the tree (nothing of this harness's
# srctree/objtree reaches it); its output in $work/N.log
run_step()
{
	(cd "$tree" && env -u srctree -u objtree -u PVLINK_TEST TIMEOUT=$BOOT_TIMEOUT \
		bash -c "$2" < /dev/null > "$work/$1.log" 2>&1)
}

walk()
{
	local kind a b n cmd ran=0 total failed=0 boot_log=
	if ! /usr/bin/python3 "$wt" extract "$rst" "$steps" > "$work/extract.log" 2>&1; then
		tap_diag < "$work/extract.log"
		tap_fail "walkthrough: its files and commands can be extracted"
		return
	fi
	total=$(grep -c '^run' "$steps/steps")
	if [ "$is_git" != 1 ]; then
		tap_skip "walkthrough: $total commands run in a copy of the tree" \
			"$srctree is not a git work tree: the copy is what git ls-files lists"
		return
	fi
	mkdir -p "$tree"
	git -C "$srctree" ls-files -z --cached --others --exclude-standard |
		(cd "$srctree" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
		tar -C "$tree" -xf -
	tap_check "walkthrough: the scratch copy of the tree has no example backend yet" \
		test -f "$tree/Makefile" -a ! -e "$tree/arch/x86/pvlink/example" || return
	n=0
	while IFS=$'\t' read -r kind a b; do
		n=$((n + 1))
		if [ "$kind" = file ]; then
			[ $failed = 0 ] || continue
			mkdir -p "$tree/$(dirname "$a")" && cp "$b" "$tree/$a"
			tap_result $? "walkthrough: file $a, as shown" || failed=1
			continue
		fi
		cmd=$(cat "$a")
		if [ $failed != 0 ]; then
			continue
		fi
		ran=$((ran + 1))
		if ! run_step "$n" "$cmd"; then
			tail -n 20 "$work/$n.log" | tap_diag
			tap_fail "walkthrough: $cmd"
			failed=1
			continue
		fi
		tap_ok "walkthrough: $cmd"
		[[ $cmd == "scripts/run-qemu.sh pvlink=example"* ]] && boot_log=$work/$n.log
		if [ "$b" != - ]; then
			tap_check "walkthrough: $cmd prints the lines shown" \
				/usr/bin/python3 "$wt" match "$b" "$work/$n.log" || failed=1
		fi
	done < "$steps/steps"
	tap_check "walkthrough: every command it shows ran" all_ran "$ran" "$total"
	# The stack, whatever the output block says.
	tap_check "walkthrough: the boot with pvlink=example links native+example" \
		booted "$boot_log"
}
all_ran()	# all_ran RAN TOTAL: every command ran, and there was one
{
	[ "$1" = "$2" ] && [ "$2" -gt 0 ] && return 0
	echo "$1 of the $2 commands ran: $(($2 - $1)) not run"
	return 1
}
booted()	# booted LOG: run-qemu's LOG shows the stack linked and success
{
	[ -n "$1" ] || { echo "no command boots with pvlink=example"; return 1; }
	tr -d '\r' < "$1" | grep -q '^pvlink: linked native+example from ' &&
		grep -q '^run-qemu: the kernel reported success' "$1"
}
walk

# ---- 2. scripts/run-qemu.sh ------------------------------------------------
rq=$srctree/scripts/run-qemu.sh
fake=$work/fake-qemu.sh
# A QEMU that records its arguments, one a line, and ends as the kernel's
# success would (isa-debug-exit status 1).
cat > "$fake" <<'EOF'
#!/bin/bash
printf '%s\n' "$@" > "${0%.sh}.args"
exit 1
EOF
chmod +x "$fake"
forward()
{
	local args=$work/fake-qemu.args
	(cd "$objtree" && QEMU=$fake "$rq" pvlink=test pvlink.debug -- -machine pc,vmport=off) ||
		return 1
	# The command line is the words before "--"; the rest comes last.
	grep -A1 -x -- -append "$args" | tail -n 1 | grep -qx 'pvlink=test pvlink.debug' &&
		[ "$(tail -n 2 "$args" | tr '\n' ' ')" = "-machine pc,vmport=off " ]
}
tap_check "run-qemu: words after -- go to QEMU, last, and not to the kernel command line" \
	forward
real_boot()
{
	local log=$work/run-qemu-vmport.log
	(cd "$objtree" && TIMEOUT=$BOOT_TIMEOUT "$rq" pvlink=test -- -machine pc,vmport=off) \
		< /dev/null > "$log" 2>&1
	local rc=$?
	[ "$rc" = 0 ] && tr -d '\r' < "$log" | grep -q '^pvlink: linked native+test from ' &&
		grep -q 'QEMU options: -machine pc,vmport=off' "$log" && return 0
	echo "status $rc"
	tail -n 20 "$log"
	return 1
}
tap_check "run-qemu: scripts/run-qemu.sh pvlink=test -- -machine pc,vmport=off boots (README.md)" \
	real_boot
# Every VAR=${VAR:-...} of the script: in --help, and in README.md.
documented()
{
	local v vars help bad=0
	vars=$(sed -n 's/^\([A-Za-z_]*\)=\${\1:-.*/\1/p' "$rq")
	[ -n "$vars" ] || { echo "no variables found in $rq"; return 1; }
	help=$("$rq" --help) || return 1
	for v in $vars; do
		grep -q "^  $v=" <<< "$help" || { echo "--help does not name $v"; bad=1; }
		grep -q "\`$v\`" "$srctree/README.md" || { echo "README.md does not name $v"; bad=1; }
	done
	return "$bad"
}
tap_check "run-qemu: --help and README.md name every variable the script reads" \
	documented

unchanged()
{
	[ "$(src_state)" = "$before" ] && return 0
	diff <(printf '%s\n' "$before") <(src_state)
	return 1
}
tap_check "walkthrough: the source tree is not written" unchanged
tap_done
