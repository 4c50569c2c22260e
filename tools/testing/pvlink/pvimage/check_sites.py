#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check vmlinux's pvlink_sites table against the relocations it kept.

Usage: check_sites.py VMLINUX

Independently of "pvimage tables": the relocations come from
"readelf -rW", the pv-op names from the PV_OPS() order in .pvlink.pvops,
and every call site must have the call opcode (0xe8) before its field.
Prints "# ..." diagnostics; exit 0 if the table is exact.
"""

import struct
import subprocess
import sys


def main(path):
    data = open(path, 'rb').read()
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shnum, shstrndx = struct.unpack_from('<HH', data, 0x3c)
    secs = [struct.unpack_from('<IIQQQQ', data, shoff + 64 * i) for i in range(shnum)]
    shstr = secs[shstrndx][4]

    def sname(s):
        return data[shstr + s[0]:data.index(b'\0', shstr + s[0])].decode()

    def at(addr, n):
        for s in secs:
            if s[2] & 2 and s[1] != 8 and s[3] <= addr < s[3] + s[5]:
                return data[s[4] + addr - s[3]:s[4] + addr - s[3] + n]
        raise SystemExit('# address 0x%x not in the file' % addr)

    pvops = next(data[s[4]:s[4] + s[5]] for s in secs if sname(s) == '.pvlink.pvops')
    pvops = [n.decode() for n in pvops.split(b'\0') if n]
    nm = subprocess.check_output(['nm', path]).decode().split('\n')
    table = int(next(l.split()[0] for l in nm if l.endswith(' pvlink_sites')), 16)
    count, = struct.unpack('<I', at(table, 4))
    got = []
    for i in range(count):
        addr, op, rtype, form = struct.unpack('<QIBB', at(table + 8 + 16 * i, 14))
        got.append((addr, pvops[op], rtype, form))
    want = []
    for line in subprocess.check_output(['readelf', '-rW', path]).decode().split('\n'):
        w = line.split()
        if len(w) >= 5 and w[4] in pvops and w[2].startswith('R_X86_64_'):
            want.append((int(w[0], 16), w[4], w[2]))
    want.sort()
    bad = 0
    if [(a, n) for a, n, _, _ in got] != [(a, n) for a, n, _ in want]:
        print('# table has %d sites, readelf %d relocations naming pv-ops' % (len(got), len(want)))
        bad += 1
    for addr, name, rtype, form in got:
        op = at(addr - 1, 1)[0]
        if form == 0 and op != 0xe8 or form == 1 and op != 0xe9:
            print('# site 0x%x (%s): form %d but opcode 0x%02x' % (addr, name, form, op))
            bad += 1
    calls = sum(1 for g in got if g[3] == 0)
    print('# %d sites: %d call, %d jmp, %d other' % (len(got), calls,
          sum(1 for g in got if g[3] == 1), sum(1 for g in got if g[3] == 2)))
    return 1 if bad or not got else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
