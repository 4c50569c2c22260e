#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the linker-core corpus into boot environments (suite 21).

Usage: mkcorrupt.py --expected EXPECTED.LIST --cases CASES.LIST
                    --pvlink-c LIB/PVLINK/MSG.C --pvlink-h PVLINK_LIB.H
                    --pvimage PVIMAGE --percpu BASE,SIZE
                    --out DIR [CASE...]
       mkcorrupt.py --list --expected EXPECTED.LIST

--list prints, from expected.list alone (nothing is built), the lines
"boot ENV" and "skip CASE REASON" that the first form writes to
DIR/corrupt.names (below) without their descriptions: the names of the
environments boot/gen-envs.sh lists.

For every malformed case of the corpus (tools/testing/pvlink/corpus/) this
wraps the case's objects as backends of an image (boot/mkimage.py's writer:
the objects carry no backend note, so pvimage would refuse them), named
"corrupt" (or "corrupt0".."corruptN" for a stack, each requiring the one
below), and writes one environment to DIR/corrupt.cfg that boots it with
"pvlink.unbound pvlink=<top>".  The boot must fall back to the built-in
native pv-ops and print "pvlink: not linked: ..." naming the expected
error: its enum pvlink_err name or its pvlink_strerror() text.

Where the corpus says the message must name something (msg=), the
"not linked" line must name it too, unless the boot's set-up changes
the message (see below: with nothing exported, the first undefined
symbol may be another one than the case's).

The expected error is the corpus's (expected.list), with one difference
the boot cannot avoid: the corpus driver exports corpus_ext_func,
corpus_ext_var and corpus_ext_pcpu, the kernel exports none of them.  An
object that references them therefore fails at boot on the first
undefined symbol when its error would come later (a relocation overflow,
the layout, an error in the object above it in a stack).  For each case
the same core is run offline, "pvimage link --exports" with an empty
list; where it gives PVLINK_E_UNDEFINED instead of the corpus's code, the
boot must give PVLINK_E_UNDEFINED, and the description says so.

Cases that need an option of the corpus driver that a boot cannot give
(a load address, export values, a percpu reserve, a corrupted export
table) are listed as SKIP with that reason; the good objects are not
malformed and are left out (the count is printed).

DIR/corrupt.names gets one line per case, tab-separated:
  boot ENV DESCRIPTION		boot ENV, report DESCRIPTION
  skip CASE REASON		report CASE as skipped
"""

import argparse
import os
import re
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import mkimage  # noqa: E402

# Seconds per boot: ~140 boots of a kernel that hangs stay within
# run_tests.sh's 1200 s per suite.
BOOT_TIMEOUT = 8

# Options of expected.list a boot reproduces as they are: msg= is about
# the driver's message check, lookup= about good links, and a dropped
# export is what the kernel does for every corpus symbol anyway.
BOOT_OPTIONS = re.compile(r'^(msg=.*|lookup=.*|export=[A-Za-z0-9_]+=none)$')
RE_ERRSTR = re.compile(r'^\s*\[(PVLINK_\w+)\]\s*=\s*"((?:[^"\\]|\\.)*)"', re.M)
RE_GROUP = re.compile(r'^#\s*(Step \d+: .*|Relocation results.*|Resolution and layout.*|Good objects.*)$')


def strerror_table(pvlink_c):
	"""enum name -> pvlink_strerror() text, from lib/pvlink/msg.c."""
	with open(pvlink_c) as f:
		table = dict(RE_ERRSTR.findall(f.read()))
	if 'PVLINK_E_MAGIC' not in table:
		raise SystemExit('mkcorrupt.py: no pvlink_errstr table in %s' % pvlink_c)
	return {k: bytes(v, 'ascii').decode('unicode_escape') for k, v in table.items()}


def max_objects(pvlink_h):
	"""PVLINK_MAX_OBJECTS from include/linux/pvlink_lib.h."""
	with open(pvlink_h) as f:
		m = re.search(r'^#define\s+PVLINK_MAX_OBJECTS\s+(\d+)', f.read(), re.M)
	if not m:
		raise SystemExit('mkcorrupt.py: no PVLINK_MAX_OBJECTS in %s' % pvlink_h)
	return int(m.group(1))


def groups(expected):
	"""case -> the validation step it belongs to (expected.list's headings)."""
	out, group = {}, 'other'
	with open(expected) as f:
		for line in f:
			m = RE_GROUP.match(line.strip())
			if m:
				group = m.group(1).split(' (')[0]
				continue
			if line.strip() and not line.startswith('#'):
				out[line.split()[0]] = group
	return out


def unbootable(opts):
	"""The options of a case that a boot cannot reproduce."""
	return [o for o in opts if not BOOT_OPTIONS.match(o)]


def list_envs(expected):
	"""The corrupt-* environments and the skipped cases, from expected.list."""
	group = groups(expected)
	with open(expected) as f:
		lines = [ln.split() for ln in f if ln.strip() and not ln.startswith('#')]
	for case, code, *opts in lines:
		if code == 'PVLINK_OK':
			continue
		unboot = unbootable(opts)
		if unboot:
			print('skip\t%s\t%s: needs the corpus driver\'s %s, which a boot cannot set'
			      % (case, group.get(case, 'other'), ' '.join(unboot)))
		else:
			print('boot\tcorrupt-%s' % case)
	return 0


def offline_code(pvimage, casedir, objs, work, errstr, percpu):
	"""What the core says with nothing exported and the kernel's percpu
	reserve (base, size): an enum name or None."""
	empty = os.path.join(work, 'no-exports')
	open(empty, 'w').close()
	r = subprocess.run([pvimage, 'link', '--exports', empty,
			    '--percpu-base', percpu[0], '--percpu-size', percpu[1],
			    '--addr', '0x1000000', '-o', os.path.join(work, 'offline.bin')]
			   + [os.path.join(casedir, o) for o in objs],
			   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
	if r.returncode == 0:
		return 'PVLINK_OK', ''
	msg = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ''
	m = re.search(r'\(([^()]*)\)$', msg)
	if m:
		for code, text in errstr.items():
			if text == m.group(1):
				return code, msg
	return None, msg


def ere_escape(text):
	return re.sub(r'([][\\.^$*+?(){}|])', r'\\\1', text)


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument('--list', action='store_true')
	ap.add_argument('--expected', required=True)
	ap.add_argument('--cases')
	ap.add_argument('--pvlink-c')
	ap.add_argument('--pvlink-h')
	ap.add_argument('--pvimage')
	ap.add_argument('--percpu', metavar='BASE,SIZE',
			help="the booted kernel's backend percpu reserve")
	ap.add_argument('--out')
	ap.add_argument('only', nargs='*')
	a = ap.parse_args()
	if a.list:
		return list_envs(a.expected)
	for opt in ('cases', 'pvlink_c', 'pvlink_h', 'pvimage', 'percpu', 'out'):
		if getattr(a, opt) is None:
			ap.error('--%s is required' % opt.replace('_', '-'))

	errstr = strerror_table(a.pvlink_c)
	group = groups(a.expected)
	casedir = os.path.dirname(os.path.abspath(a.cases))
	os.makedirs(a.out, exist_ok=True)
	cfg, names, good = [], [], 0
	with open(a.cases) as f:
		lines = [ln.split() for ln in f if ln.strip() and not ln.startswith('#')]
	for case, code, files, *opts in lines:
		if a.only and case not in a.only:
			continue
		if code == 'PVLINK_OK':
			good += 1
			continue
		where = group.get(case, 'other')
		unboot = unbootable(opts)
		if unboot:
			names.append('skip\t%s\t%s: needs the corpus driver\'s %s, which a boot cannot set'
				     % (case, where, ' '.join(unboot)))
			continue
		objs = files.split(',')
		if len(objs) == 1:
			specs = ['corrupt=' + os.path.join(casedir, objs[0])]
		else:
			specs = ['corrupt%d=%s%s' % (i, os.path.join(casedir, o),
						     ':requires=corrupt%d' % (i - 1) if i else '')
				 for i, o in enumerate(objs)]
		top = specs[-1].split('=')[0]
		image = os.path.join(a.out, case + '.img')
		mkimage.write(image, mkimage.pack([mkimage.parse_spec(s) for s in specs]))

		want, why = code, ''
		off, offmsg = offline_code(a.pvimage, casedir, objs, a.out, errstr,
					   a.percpu.split(','))
		if off == 'PVLINK_E_UNDEFINED' and code != off:
			want = off
			why = ' (corpus: %s; the kernel exports no corpus symbol, so the ' \
			      'first undefined one stops it)' % code
		if want not in errstr:
			raise SystemExit('mkcorrupt.py: %s: %s is not in the strerror table'
					 % (case, want))
		expect = '%s|%s' % (want, ere_escape(errstr[want]))
		if want == 'PVLINK_E_OBJECTS':
			# The kernel assembles the stack from the requires
			# chain and may refuse a chain past the core's limit
			# itself: then the message names the limit.
			expect += r'|\b%d backends' % max_objects(a.pvlink_h)
		env = 'corrupt-' + case
		# What the message must name, where the corpus says so and
		# the boot's set-up gives the same message: with nothing
		# exported, the first undefined symbol may be another one.
		named = [o[4:] for o in opts if o.startswith('msg=') and want == code
			 and o[4:] in offmsg]
		cfg.append('\n'.join([
			'[%s]' % env,
			'append = console=ttyS0 pvlink.unbound pvlink=%s' % top,
			'module = %s' % image,
			# A boot takes well under a second; a kernel that hangs
			# on every case must still end within the suite's limit.
			'timeout = %d' % BOOT_TIMEOUT,
			'log_once = ^pvlink: not linked: .*(%s)' % expect,
			'log_must_not = pvlink: linked']
			# The reason carries the core's message: what the
			# corpus says it must name (a section, a symbol).
			+ ['log_must = ^pvlink: not linked: .*%s' % ere_escape(n)
			   for n in named]
			+ ['']))
		if named:
			why += ' naming %s' % ' and '.join(named)
		names.append('boot\t%s\t%s: %s refused with %s%s, falls back to native'
			     % (env, where, case, want, why))
	with open(os.path.join(a.out, 'corrupt.cfg'), 'w') as f:
		f.write('# generated by mkcorrupt.py; do not edit\n\n' + '\n'.join(cfg))
	with open(os.path.join(a.out, 'corrupt.names'), 'w') as f:
		f.write('\n'.join(names) + '\n')
	print('%d malformed cases: %d booted, %d skipped; %d good objects left out (not malformed)'
	      % (len(names), sum(n.startswith('boot') for n in names),
		 sum(n.startswith('skip') for n in names), good))
	return 0


if __name__ == '__main__':
	sys.exit(main())
