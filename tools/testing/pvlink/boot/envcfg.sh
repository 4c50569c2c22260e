# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Reader for environments.cfg (and the sections of the generated
# environments, boot/gen-envs.sh), sourced by the boot runner and the
# suites.
#
#   cfg_names CFG			every section name, in file order
#   cfg_load CFG NAME			fill the associative array "env"
#   cfg_index CFG			"NAME GROUPS EXPECT" of every section,
#					tab-separated, in one pass (for lists)
#
# Unknown keys are errors: a typo must not silently fall back to a default.
# The log keys (CFG_LOG_KEYS) may be given several times; they are kept in
# file order in env[log_checks], one check a line: KIND and REGEX
# separated by CFG_SEP (ASCII unit separator: a REGEX may hold a tab).

CFG_KEYS="boot accel smp machine memory bios cpu extra append xen_append console module timeout expect expect_log groups kernel title stack"
CFG_LOG_KEYS="log_must log_once log_must_not"
CFG_SEP=$'\x1f'

cfg_names()
{
	sed -n 's/^\[\([A-Za-z0-9_.-]*\)\][[:space:]]*$/\1/p' "$1"
}

cfg_index()
{
	awk 'function out() { if (name != "") print name "\t" groups "\t" expect }
	     /^\[[A-Za-z0-9_.-]*\][[:space:]]*$/ {
		out(); name = $0; sub(/^\[/, "", name); sub(/\].*$/, "", name)
		groups = ""; expect = "pass"; next }
	     /^groups[[:space:]]*=/ { groups = $0; sub(/^groups[[:space:]]*=[[:space:]]*/, "", groups) }
	     /^expect[[:space:]]*=/ { expect = $0; sub(/^expect[[:space:]]*=[[:space:]]*/, "", expect) }
	     END { out() }' "$1"
}

# cfg_load CFG NAME: sets env[key] for every key, defaults first.  The
# caller declares the associative array: declare -A env
# shellcheck disable=SC2034
cfg_load()
{
	local cfg=$1 want=$2 line section='' key val lineno=0 found=0

	env=(
		[name]=$want [boot]=qemu [accel]=tcg [smp]=1 [machine]=pc
		[memory]=256 [bios]=qboot [cpu]='' [extra]='' [append]=''
		[xen_append]='' [console]=serial0 [module]=generated
		[timeout]=30 [expect]=pass [expect_log]='' [groups]=''
		[kernel]='' [title]='' [stack]='' [log_checks]=''
	)
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case $line in
		''|'#'*)
			continue ;;
		'['*']')
			section=${line#[}
			section=${section%]}
			[ "$section" = "$want" ] && found=1
			continue ;;
		esac
		[ "$section" = "$want" ] || continue
		if [[ ! $line =~ ^([a-z_]+)[[:space:]]*=[[:space:]]*(.*)$ ]]; then
			echo "$cfg:$lineno: expected 'key = value', got: $line" >&2
			return 1
		fi
		key=${BASH_REMATCH[1]}
		val=${BASH_REMATCH[2]}
		val=${val%"${val##*[![:space:]]}"}
		case " $CFG_KEYS " in
		*" $key "*)
			env["$key"]=$val
			continue ;;
		esac
		case $key in
		log_must|log_once|log_must_not)
			if [ -z "$val" ]; then
				echo "$cfg:$lineno: $key needs a regular expression" >&2
				return 1
			fi
			env[log_checks]+="$key$CFG_SEP$val"$'\n' ;;
		*)
			echo "$cfg:$lineno: unknown key '$key' in [$want]" \
			     "(known: $CFG_KEYS $CFG_LOG_KEYS)" >&2
			return 1 ;;
		esac
	done < "$cfg"
	if [ $found = 0 ]; then
		echo "$cfg: no environment named '$want'" \
		     "(known: $(cfg_names "$cfg" | tr '\n' ' '))" >&2
		return 1
	fi
}
