#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Write the fuzzer's seed corpus: every good object as a one-object input
# (mode byte 0), good two-object stacks (mode 0x80, 16-bit size of the
# bottom object), and every malformed corpus object not larger than
# --max-len, so the fuzzer starts next to every refusal path too.  See
# fuzz_pvlink.c for the input format.
#
#   mkseeds.py --out DIR [--max-len N] [--cases DIR] base=A.o [name=B.o...]
#   mkseeds.py ... --stack base,top    (a stack of two of the named objects)

import argparse
import os
import struct

MODE_ONE, MODE_STACK = 0x00, 0x80


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--max-len', type=int, default=16384)
    ap.add_argument('--cases', help='a corpus cases/ directory')
    ap.add_argument('--stack', action='append', default=[], help='BOTTOM,TOP')
    ap.add_argument('objects', nargs='+', help='name=path')
    a = ap.parse_args()

    objs = {}
    for o in a.objects:
        name, path = o.split('=', 1)
        with open(path, 'rb') as f:
            objs[name] = f.read()
    seeds = {}
    for name, blob in objs.items():
        seeds['good-' + name] = bytes([MODE_ONE]) + blob
    for s in a.stack:
        lo, hi = s.split(',')
        if len(objs[lo]) > 0xffff:
            raise SystemExit('mkseeds: %s is too big for a stack seed' % lo)
        seeds['stack-%s-%s' % (lo, hi)] = (bytes([MODE_STACK]) +
                                           struct.pack('<H', len(objs[lo])) +
                                           objs[lo] + objs[hi])
    if a.cases:
        for f in sorted(os.listdir(a.cases)):
            if f.endswith('.o') and os.path.getsize(os.path.join(a.cases, f)) < a.max_len:
                with open(os.path.join(a.cases, f), 'rb') as fh:
                    seeds['case-' + f[:-2]] = bytes([MODE_ONE]) + fh.read()
    os.makedirs(a.out, exist_ok=True)
    for name, blob in seeds.items():
        if len(blob) > a.max_len:
            continue
        with open(os.path.join(a.out, name), 'wb') as f:
            f.write(blob)
    print('mkseeds: %d seeds in %s' % (len(seeds), a.out))


if __name__ == '__main__':
    main()
