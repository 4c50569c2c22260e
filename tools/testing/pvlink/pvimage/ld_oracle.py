#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check "pvimage link" output against GNU ld.

Usage: ld_oracle.py [--relax] WORKDIR EXPORTS OUT OBJ...

OUT, OUT.map and OUT.percpu are what "pvimage link --exports EXPORTS -o OUT
OBJ..." wrote (Documentation/pvimage.rst).  This writes a GNU ld script
placing every input section at the address the map gives it, links the
same objects with ld (exports as --defsym), and compares the bytes of
every loaded section with OUT (or OUT.percpu).  Exit 0 if all equal,
1 with the differences otherwise.

ld runs with --no-relax, or with its default relaxation of GOT loads
(psABI B.2) given --relax: pvlink always relaxes, so with --relax the
rewritten instructions are compared too.  A field both leave on the GOT
differs (each linker has its own GOT layout): the objects given must
have none (suite 10's oracle explains those).
"""

import os
import subprocess
import sys


def main(work, exports, out, objs, relax=False):
    regions, sections = {}, []
    for line in open(out + '.map'):
        w = line.split()
        if w[0] == 'region':
            regions[w[1]] = int(w[2], 16)
        elif w[0] == 'section':
            sections.append((w[1], w[2], w[3], int(w[4], 16), int(w[5], 16)))
    defsyms = []
    for line in open(exports):
        w = line.split()
        if len(w) >= 3 and not w[0].startswith('#'):
            defsyms.append('--defsym=%s=0x%s' % (w[2], w[0]))
    script = ['SECTIONS', '{']
    for i, (obj, sec, region, addr, size) in enumerate(sections):
        script.append('  .s%d 0x%x : { "%s"(%s) }' % (i, addr, obj, sec))
    script.append('  /DISCARD/ : { *(.note.pvlink) *(.comment) *(.note.GNU-stack) }')
    script.append('}')
    lds = os.path.join(work, 'oracle.ld')
    elf = os.path.join(work, 'oracle.elf')
    with open(lds, 'w') as f:
        f.write('\n'.join(script) + '\n')
    # A stack overrides lower definitions with upper ones; ld gets the
    # objects top first and takes the first definition of each name.  (The
    # same as pvlink's rule as long as no object calls its own overridden
    # globals, which holds for the backends tested here.)
    def ld(out, objects, extra):
        subprocess.run(['ld', '-m', 'elf_x86_64', '-nostdlib'] +
                       ([] if relax else ['--no-relax']) +
                       ['--allow-multiple-definition', '--no-warn-rwx-segments', '-T', lds,
                        '-o', out] + extra + defsyms + objects[::-1], check=True)
    # PVLINK_BELOW(NAME) in object k is NAME as the objects below k define
    # it: ld links those alone, at the same addresses, to say where.
    below = '__pvlink_below_'
    for k, obj in enumerate(objs):
        undef = subprocess.run(['nm', '-u', obj], capture_output=True, text=True,
                               check=True).stdout.split()
        for sym in [w for w in undef if w.startswith(below)]:
            lower = os.path.join(work, 'below%d.elf' % k)
            ld(lower, objs[:k], ['--unresolved-symbols=ignore-all'])
            name = sym[len(below):]
            addr = [int(w[0], 16) for w in
                    (l.split() for l in subprocess.run(['nm', lower], capture_output=True,
                                                       text=True, check=True).stdout.splitlines())
                    if len(w) == 3 and w[2] == name and w[1] in 'Tt']
            if len(addr) != 1:
                sys.exit('ld_oracle.py: %s: %s: no single definition of %s below it'
                         % (obj, sym, name))
            defsyms.append('--defsym=%s=0x%x' % (sym, addr[0]))
    ld(elf, objs, [])
    flat = open(out, 'rb').read()
    percpu = open(out + '.percpu', 'rb').read() if os.path.exists(out + '.percpu') else b''
    bad = 0
    for i, (obj, sec, region, addr, size) in enumerate(sections):
        if region == 'bss':
            continue
        binf = os.path.join(work, 'oracle.s%d' % i)
        subprocess.run(['objcopy', '-O', 'binary', '--only-section=.s%d' % i, elf, binf],
                       check=True)
        ld_bytes = open(binf, 'rb').read()
        if region == 'percpu':
            mine = percpu[addr - regions['percpu']:addr - regions['percpu'] + size]
        else:
            mine = flat[addr - regions['text']:addr - regions['text'] + size]
        if mine != ld_bytes:
            bad += 1
            first = next((k for k in range(min(len(mine), len(ld_bytes)))
                          if mine[k] != ld_bytes[k]), min(len(mine), len(ld_bytes)))
            print('# %s %s: pvimage and ld differ at +0x%x' % (obj, sec, first))
    print('# %d sections compared (ld %s), %d differ' %
          (len(sections), 'relaxing' if relax else '--no-relax', bad))
    return 1 if bad else 0


if __name__ == '__main__':
    args = sys.argv[1:]
    relax = bool(args) and args[0] == '--relax'
    if relax:
        args = args[1:]
    if len(args) < 4:
        sys.exit(__doc__)
    sys.exit(main(args[0], args[1], args[2], args[3:], relax))
