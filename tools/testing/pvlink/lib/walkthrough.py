#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The walkthrough of a reStructuredText section, as a script can run it.

A section (by default "Adding a backend" of Documentation/pvlink.rst)
shows files and commands in marked literal blocks:

    .. code-block:: c
       :caption: arch/x86/pvlink/example/backend.c
       :class: walkthrough-file        the file at that path, as shown

    .. code-block:: sh
       :class: walkthrough-run         commands, one a line ("\\" joins
                                       lines; "#" lines are comments)

    .. code-block:: text
       :class: walkthrough-output      lines the previous command prints
                                       ("..." in a line: any text; a line
                                       of "..." alone: more lines)

Usage:
  walkthrough.py extract RST DIR [SECTION]
      write DIR/steps: one line per step, in the order shown,
      "file<TAB>PATH<TAB>CONTENT-FILE" or "run<TAB>CMD-FILE<TAB>EXPECT-FILE|-",
      with the contents beside it in DIR.  Exit 1 if the section is
      missing or a block is malformed (a file without a path, an output
      block before any command).
  walkthrough.py unrun RST [SECTION]
      print every command the section shows that no walkthrough-run block
      holds: a literal block that is not marked (a "::" block, a code
      block of another or no class), and an inline literal that reads as a
      command (its first word a command of the tree or a tool) but is not
      part of a marked command.  The last line is "N not run"; exit 1 if
      N is not 0.
  walkthrough.py match EXPECT OUTPUT
      every line of EXPECT matches a line of OUTPUT (see above); print
      those that do not, exit 1 if any.
"""
import os
import re
import sys

SECTION = 'Adding a backend'
CLASSES = ('walkthrough-file', 'walkthrough-run', 'walkthrough-output')
# First words of an inline literal that make it a command.
COMMANDS = ('make', 'mkdir', 'cd', 'git', 'readelf', 'objdump', 'nm', 'pvimage',
            'qemu-system-x86_64', 'sudo')
COMMAND_PATHS = re.compile(r'^(scripts|tools)/\S*(\.sh|\.py|/pvimage|/check-privileged)$')


def section_lines(path, title):
    """(first line number, lines) of the section titled @title."""
    lines = open(path, encoding='utf-8').read().split('\n')
    for i in range(len(lines) - 1):
        under = lines[i + 1]
        if lines[i] == title and under and len(set(under)) == 1 and \
                under[0] in '=-~^"' and len(under) >= len(title):
            end = len(lines)
            for j in range(i + 2, len(lines) - 1):
                if lines[j + 1] == under and lines[j].strip():
                    end = j
                    break
            return i + 1, lines[i:end]
    sys.exit('walkthrough.py: %s: no section "%s"' % (path, title))


def indent(line):
    return len(line) - len(line.lstrip(' \t')) if line.strip() else None


def inlines(para, lno):
    """The inline literals of a paragraph (its lines joined)."""
    text = ' '.join(l.strip() for l in para)
    for m in re.finditer(r'``(.+?)``', text):
        yield 'inline', None, m.group(1), lno


def blocks(lines, first):
    """Yield (kind, options, text, line number) for every literal block,
    and ('inline', None, literal, line number) for every inline literal
    outside them (of its paragraph's first line).  kind: 'code' (a
    directive, options its :key: value pairs) or 'literal' (the block of
    a paragraph ending in "::")."""
    i, para, plno = 0, [], 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r'^(\s*)\.\.\s+(code-block|code|sourcecode|literalinclude)::\s*(.*)$', line)
        lit = not m and re.search(r'::\s*$', line) and not re.match(r'^\s*\.\.\s', line)
        if not m and not lit:
            if line.strip():
                if not para:
                    plno = first + i
                para.append(line)
            else:
                yield from inlines(para, plno)
                para = []
            i += 1
            continue
        if lit:
            if not para:
                plno = first + i
            para.append(line)
        yield from inlines(para, plno)
        para = []
        base = len(m.group(1)) if m else indent(line)
        start = i
        i += 1
        opts = {}
        if m:
            opts['directive'] = m.group(2)
            opts['language'] = m.group(3).strip()
            while i < len(lines):
                om = re.match(r'^\s+:([\w-]+):\s*(.*)$', lines[i])
                if not om or indent(lines[i]) <= base:
                    break
                opts[om.group(1)] = om.group(2).strip()
                i += 1
        body = []
        while i < len(lines) and (not lines[i].strip() or indent(lines[i]) > base):
            body.append(lines[i])
            i += 1
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        depth = min(indent(b) for b in body if b.strip()) if body else 0
        text = '\n'.join(b[depth:] if b.strip() else '' for b in body)
        yield ('code' if m else 'literal'), opts, text, first + start
    yield from inlines(para, plno)


def commands(text):
    """The commands of a walkthrough-run block, continuation lines joined."""
    out, cur = [], ''
    for line in text.split('\n'):
        if not cur and (not line.strip() or line.lstrip().startswith('#')):
            continue
        if line.endswith('\\'):
            cur += line[:-1].rstrip() + ' '
            continue
        out.append(' '.join((cur + line).split()))
        cur = ''
    if cur.strip():
        out.append(' '.join(cur.split()))
    return out


def is_command(literal):
    words = literal.split()
    if not words:
        return False
    return words[0] in COMMANDS or bool(COMMAND_PATHS.match(words[0]))


def classes(opts):
    return (opts or {}).get('class', '').split()


def cmd_extract(rst, out, title):
    first, lines = section_lines(rst, title)
    os.makedirs(out, exist_ok=True)
    steps, n, last_run = [], 0, None
    for kind, opts, text, lno in blocks(lines, first):
        cls = [c for c in classes(opts) if c in CLASSES]
        if kind == 'inline' or not cls:
            continue
        if cls[0] == 'walkthrough-file':
            path = opts.get('caption', '')
            if not path or path.startswith('/') or '..' in path.split('/'):
                sys.exit('walkthrough.py: %s:%d: a walkthrough-file needs a relative '
                         ':caption: path, not "%s"' % (rst, lno, path))
            n += 1
            f = os.path.join(out, '%03d.file' % n)
            open(f, 'w', encoding='utf-8').write(text + '\n')
            steps.append(['file', path, f])
            last_run = None
        elif cls[0] == 'walkthrough-run':
            for c in commands(text):
                n += 1
                f = os.path.join(out, '%03d.cmd' % n)
                open(f, 'w', encoding='utf-8').write(c + '\n')
                steps.append(['run', f, '-'])
                last_run = steps[-1]
        else:
            if last_run is None or last_run[2] != '-':
                sys.exit('walkthrough.py: %s:%d: an output block must follow a '
                         'walkthrough-run block, once' % (rst, lno))
            f = last_run[1][:-len('.cmd')] + '.expect'
            open(f, 'w', encoding='utf-8').write(text + '\n')
            last_run[2] = f
    with open(os.path.join(out, 'steps'), 'w', encoding='utf-8') as f:
        for s in steps:
            f.write('\t'.join(s) + '\n')
    return 0


def cmd_unrun(rst, title):
    first, lines = section_lines(rst, title)
    run, shown = [], []
    for kind, opts, text, lno in blocks(lines, first):
        if kind == 'inline':
            if is_command(text):
                shown.append((lno, text))
            continue
        cls = [c for c in classes(opts) if c in CLASSES]
        if cls and cls[0] == 'walkthrough-run':
            run.extend(commands(text))
        elif not cls:
            print('%s:%d: a literal block the walkthrough suite does not run '
                  '(mark it walkthrough-run, -file or -output):' % (rst, lno))
            for line in text.split('\n')[:3]:
                print('    ' + line)
            shown.append((lno, None))
    bad = 0
    for lno, text in shown:
        if text is None:
            bad += 1
            continue
        t = ' '.join(text.split())
        if not any(t in c for c in run):
            print('%s:%d: command "%s" is not part of a walkthrough-run block' % (rst, lno, t))
            bad += 1
    print('%d not run' % bad)
    return 1 if bad else 0


def line_re(line):
    return re.compile('^' + '.*'.join(re.escape(p) for p in line.split('...')) + '$')


def cmd_match(expect, output):
    got = [l.rstrip('\r\n').replace('\r', '') for l in
           open(output, encoding='utf-8', errors='replace')]
    bad = 0
    for line in open(expect, encoding='utf-8').read().split('\n'):
        line = line.rstrip()
        if not line or line.strip() == '...':
            continue
        r = line_re(line)
        if not any(r.match(g.rstrip()) for g in got):
            print('not in the output: ' + line)
            bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 3 and argv[0] == 'extract' and len(argv) <= 4:
        return cmd_extract(argv[1], argv[2], argv[3] if len(argv) > 3 else SECTION)
    if len(argv) >= 2 and argv[0] == 'unrun' and len(argv) <= 3:
        return cmd_unrun(argv[1], argv[2] if len(argv) > 2 else SECTION)
    if len(argv) == 3 and argv[0] == 'match':
        return cmd_match(argv[1], argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
