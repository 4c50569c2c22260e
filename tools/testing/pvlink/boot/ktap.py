#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the KTAP a kernel printed on its console into flat TAP lines.

Usage: ktap.py PREFIX LOGFILE

The console log holds more than KTAP (printk lines, firmware noise), so only
lines shaped like KTAP (Documentation/dev-tools/ktap.rst, version 1) build the
tree: version lines, plans, "# Subtest:" headers and result lines.  Nesting is
read from the indentation; a subtest's own result line follows its children.

Every result becomes one TAP line "ok - PREFIX: suite: case", SKIP directives
are passed through.  What the kernel could not say in KTAP terms is turned into
failures of its own: no KTAP at all, a plan that does not match the results
(the kernel died in the middle), a "Bail out!", a document printed twice (a
reboot loop).  Exit status: 0 if nothing failed, 1 otherwise.
"""

import re
import sys

RE_VERSION = re.compile(r'^(\s*)KTAP version (\d+)\s*$')
RE_PLAN = re.compile(r'^(\s*)1\.\.(\d+)\s*$')
RE_SUBTEST = re.compile(r'^(\s*)# Subtest: (.*?)\s*$')
RE_RESULT = re.compile(r'^(\s*)(not ok|ok) (\d+)(?: -)? ?(.*?)\s*$')
RE_DIAG = re.compile(r'^(\s*)# ?(.*?)\s*$')
# Terminal control sequences (GRUB clears the screen on the same port).
RE_ESCAPE = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]')
RE_BAIL = re.compile(r'^(\s*)Bail out!\s*(.*?)\s*$')


class Level:
	"""One KTAP document or subtest body: its plan and its results."""

	def __init__(self, indent, name=None):
		self.indent = indent
		self.name = name
		self.plan = None
		self.results = []	# [Result]
		self.diag = []		# diagnostics since the last result
		self.closed_child = None


class Result:
	def __init__(self, ok, number, name, directive, children, diag):
		self.ok = ok
		self.number = number
		self.name = name
		self.directive = directive
		self.children = children  # Level or None
		self.diag = diag


def split_directive(desc):
	"""'name # SKIP why' -> ('name', 'SKIP why')."""
	m = re.match(r'^(.*?)\s*#\s*((?:SKIP|TODO)\b.*)$', desc, re.I)
	if m:
		return m.group(1), m.group(2)
	return desc, None


class Parser:
	def __init__(self):
		self.stack = []
		self.top = None
		self.documents = 0
		self.bail = None
		self.pending_subtest = None

	def close_to(self, indent):
		"""Pop every level deeper than @indent; keep the last one for
		the result line of its parent."""
		while self.stack and self.stack[-1].indent > indent:
			child = self.stack.pop()
			if self.stack:
				self.stack[-1].closed_child = child

	def current(self, indent):
		self.close_to(indent)
		if not self.stack or self.stack[-1].indent < indent:
			lvl = Level(indent, self.pending_subtest)
			self.pending_subtest = None
			self.stack.append(lvl)
		return self.stack[-1]

	def feed(self, raw):
		line = RE_ESCAPE.sub('', raw).replace('\r', '')
		line = line.rstrip('\n').replace('\t', '    ')
		m = RE_VERSION.match(line)
		if m:
			indent = len(m.group(1))
			if indent == 0:
				# A second document means the kernel started
				# over: judge the first, count the others.
				self.documents += 1
				if self.top is None:
					self.top = Level(0)
					self.stack = [self.top]
				return
			if self.top is not None:
				self.current(indent)
			return
		if self.top is None or self.documents > 1:
			return
		m = RE_BAIL.match(line)
		if m:
			self.bail = m.group(2) or 'no reason given'
			return
		m = RE_SUBTEST.match(line)
		if m:
			indent = len(m.group(1))
			self.close_to(indent)
			top = self.stack[-1] if self.stack else None
			if top is not None and top.indent == indent:
				if indent > 0 and top.name is None and \
						not top.results:
					top.name = m.group(2)
				else:
					# Header at the parent's indentation:
					# it names the next, deeper level.
					self.pending_subtest = m.group(2)
			else:
				self.pending_subtest = m.group(2)
				self.current(indent)
			return
		m = RE_PLAN.match(line)
		if m:
			lvl = self.current(len(m.group(1)))
			lvl.plan = int(m.group(2))
			return
		m = RE_RESULT.match(line)
		if m:
			lvl = self.current(len(m.group(1)))
			name, directive = split_directive(m.group(4))
			child = lvl.closed_child
			lvl.closed_child = None
			lvl.results.append(Result(m.group(2) == 'ok',
						  int(m.group(3)), name,
						  directive, child, lvl.diag))
			lvl.diag = []
			return
		m = RE_DIAG.match(line)
		if m and self.stack:
			# Attach to the deepest open level at or above this
			# indentation; diagnostics never change the structure.
			indent = len(m.group(1))
			for lvl in reversed(self.stack):
				if lvl.indent <= indent:
					lvl.diag.append(m.group(2))
					break


class Emitter:
	def __init__(self, prefix):
		self.prefix = prefix
		self.failed = 0

	def line(self, ok, path, directive=None, diag=()):
		name = ': '.join([self.prefix] + path).replace('#', '%')
		if directive and directive.upper().startswith('SKIP'):
			print('ok - %s # %s' % (name, directive))
			return
		print('%s - %s' % ('ok' if ok else 'not ok', name))
		if not ok:
			self.failed += 1
			for d in diag[-20:]:
				print('# ' + d)

	def level(self, lvl, path):
		for res in lvl.results:
			sub = path + [res.name or 'test %d' % res.number]
			if res.children is not None:
				self.level(res.children, sub)
			self.line(res.ok, sub, res.directive, res.diag)
		self.check_level(lvl, path)

	def check_level(self, lvl, path):
		where = path if path else ['KTAP']
		got = len(lvl.results)
		if lvl.plan is None:
			self.line(False, where + ['no plan line'])
		elif lvl.plan != got:
			# The runner says "# running SUITE" before each suite,
			# whose results come only once it returns.
			running = [d[len('running '):] for d in lvl.diag
				   if d.startswith('running ')]
			self.line(False, where + ['plan 1..%d but %d results '
				  '(did the kernel stop here?%s)' % (lvl.plan, got,
				  ' it was running suite %s' % running[-1] if running else '')])
		for i, res in enumerate(lvl.results, 1):
			if res.number != i:
				self.line(False, where + ['result %d numbered %d'
						% (i, res.number)])
				break


def main():
	if len(sys.argv) != 3:
		sys.stderr.write('usage: ktap.py PREFIX LOGFILE\n')
		return 2
	prefix, path = sys.argv[1], sys.argv[2]
	parser = Parser()
	with open(path, 'r', errors='replace') as f:
		for raw in f:
			parser.feed(raw)
	out = Emitter(prefix)
	if parser.top is None:
		out.line(False, ['KTAP output (no "KTAP version" line in the '
				 'console log)'])
		return 1
	# Levels still open at the end of the log belong to subtests whose
	# closing result line never came: the kernel stopped inside them.
	unfinished = parser.stack[1:]
	out.level(parser.top, [])
	for child in unfinished:
		name = child.name or 'unnamed subtest'
		out.level(child, [name])
		out.line(False, [name, 'no result line (console ended inside it)'])
	if parser.documents > 1:
		out.line(False, ['KTAP printed %d times (the kernel restarted)'
				 % parser.documents])
	if parser.bail is not None:
		out.line(False, ['Bail out! ' + parser.bail])
	return 1 if out.failed else 0


if __name__ == '__main__':
	sys.exit(main())
