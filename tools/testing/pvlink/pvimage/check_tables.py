#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check "pvimage tables" output against vmlinux, read independently.

Usage: check_tables.py VMLINUX DIGESTS TABLES.S

Independently of pvimage and its library: the export records and the
pv-op names come from "objcopy --dump-section", every symbol's address,
binding, type and section from "objdump -t", the digests from DIGESTS
("pvimage digests" output).  The export table is laid out again here from
Documentation/pvlink.rst ("The export table"): the DJB hash, n / 2 + 1
buckets, entries sorted by bucket, then by name.  Checks the export
table, the digest allow-list and the pv-op entries of TABLES.S (suite 40
checks the site table with check_sites.py).  Prints "# ..." diagnostics;
exit 0 if the tables are exact.
"""

import os
import re
import subprocess
import sys
import tempfile


def section(path, name):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, 'sec')
        subprocess.check_call(['objcopy', '--dump-section', '%s=%s' % (name, out), path,
                               os.path.join(d, 'scratch')])
        with open(out, 'rb') as f:
            return [s.decode() for s in f.read().split(b'\0') if s]


def symbols(path):
    """name -> (address, flags, section) of every global symbol."""
    out = subprocess.check_output(['objdump', '-t', path]).decode()
    syms = {}
    for line in out.splitlines():
        m = re.match(r'^([0-9a-f]{16}) (.{7}) (\S+)\s+[0-9a-f]+\s+(\S+)$', line)
        if m and m.group(2)[0] == 'g':
            syms[m.group(4)] = (int(m.group(1), 16), m.group(2), m.group(3))
    return syms


def djb(name):
    h = 5381
    for c in name.encode():
        h = (h * 33 + c) & 0xffffffff
    return h


def parse(path):
    """The numbers of TABLES.S, by table."""
    t = {'buckets': [], 'entries': [], 'names': {}, 'digests': [], 'pvops': []}
    where = None
    for line in open(path):
        line = line.split('/*')[0].strip()
        m = re.match(r'^(\S+):\s*(.*)$', line)
        if m:
            where = m.group(1)
            m2 = re.match(r'^\.asciz "(.*)"$', m.group(2))
            if m2:
                t['names'][where] = m2.group(1)
            continue
        words = [w.strip(',') for w in line.split()[1:]]
        if where == 'pvlink_kernel_exports' and line.startswith('.long'):
            t['header'] = [int(w, 0) for w in words]
        elif where == '.Lpvlink_buckets' and line.startswith('.long'):
            t['buckets'].append(int(words[0], 0))
        elif where == '.Lpvlink_entries' and line.startswith('.long'):
            t['entries'].append([int(w, 0) for w in words])
        elif where == '.Lpvlink_entries' and line.startswith('.quad'):
            t['entries'][-1] += [words[0], int(words[1], 0)]
        elif where == 'pvlink_allowed_digests' and line.startswith('.long'):
            t['nr_digests'] = int(words[0], 0)
        elif where == 'pvlink_allowed_digests' and line.startswith('.byte'):
            t['digests'].append(''.join('%02x' % int(w, 0) for w in words))
        elif where == 'pvlink_pvop_entries' and line.startswith('.long'):
            t['nr_pvops'] = int(words[0], 0)
        elif where == 'pvlink_pvop_entries' and line.startswith('.quad'):
            t['pvops'].append(int(words[0], 0))
    return t


def main(vmlinux, digests, tables):
    bad = []
    syms = symbols(vmlinux)
    t = parse(tables)

    # The export table.
    want = []
    for rec in section(vmlinux, '.pvlink.exports'):
        kind, name = rec[0], rec[1:]
        addr, _, sec = syms[name]
        if (kind == 'P') != (sec == '.data..percpu'):
            bad.append('%s: record %s but section %s' % (name, kind, sec))
        want.append((djb(name), 1 if kind == 'P' else 0, name, addr))
    nb = len(want) // 2 + 1
    want.sort(key=lambda e: (e[0] % nb, e[2].encode()))
    buckets = [sum(1 for e in want if e[0] % nb < b) for b in range(nb + 1)]
    if t.get('header') != [nb, len(want)]:
        bad.append('export table header %s, want [%d, %d]' % (t.get('header'), nb, len(want)))
    if t['buckets'] != buckets:
        bad.append('buckets %s, want %s' % (t['buckets'], buckets))
    got = [(h, f, t['names'].get(label), v) for h, f, label, v in t['entries']]
    if got != want:
        bad.append('export entries %s, want %s' % (got, want))

    # The digest allow-list.
    want_digests = [line.split()[0].lower() for line in open(digests) if line.split()]
    if t.get('nr_digests') != len(want_digests) or t['digests'] != want_digests:
        bad.append('digests %s (count %s), want %s' % (t['digests'], t.get('nr_digests'),
                                                      want_digests))

    # The pv-op entries: each global function's address, in .pvlink.pvops order.
    pvops = section(vmlinux, '.pvlink.pvops')
    want_entries = [syms[n][0] for n in pvops if 'F' in syms[n][1]]
    if len(want_entries) != len(pvops):
        bad.append('a pv-op of .pvlink.pvops is not a global function')
    if t.get('nr_pvops') != len(pvops) or t['pvops'] != want_entries:
        bad.append('pv-op entries %s (count %s), want %s' % (
            [hex(v) for v in t['pvops']], t.get('nr_pvops'), [hex(v) for v in want_entries]))

    for b in bad:
        print('# ' + b)
    print('# %d exports, %d digests, %d pv-ops checked' % (len(want), len(want_digests),
                                                         len(pvops)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
