#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Derive the malformed-object corpus from the good test objects.
#
#   mkcorpus.py --header include/linux/pvlink_lib.h --expected expected.list \
#               --out DIR base=corpus_base.o base_g=corpus_base_g.o \
#               top=corpus_top.o got=corpus_got.o base_gz=corpus_base_gz.o
#
# Every case below is one mutation of one good object (or a stack of
# them).  What each case must be refused with lives in expected.list, not
# here: this file only says how to break the object.  The generator
# refuses to run if a case has no expectation, an expectation has no case,
# or an expected name is not in enum pvlink_err, so the three stay in step.
#
# With --coverage EXPECTED it only checks that every code of the enum
# (but call-order and lookup codes) is expected by some case.
# With --errnames FILE it only writes the driver's table of code names,
# read from the same header, so neither side keeps a copy of the enum.
#
# Output: DIR/<case>.o (DIR/<case>.<n>.o for a stack) and DIR/cases.list,
# one line per case: "<case> <PVLINK_...> <file>[,<file>...] [key=value...]",
# which corpus_driver reads.  Mutations find their targets by name
# (".text", "corpus_data", ...), so they work on GCC and Clang objects.

import argparse
import os
import re
import sys

# No __pycache__ in the source tree: every output goes below $objtree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elfmodel import *		# noqa: E402,F403

CASES = {}


def case(name, base='base'):
    """Register a mutation of the good object @base."""
    def reg(fn):
        if name in CASES:
            raise SystemExit('mkcorpus: case %s defined twice' % name)
        CASES[name] = (base, fn)
        return fn
    return reg


def text_rela(m, pred):
    return m.find_rela('.text', pred)


def is_sym(m, name):
    return lambda r, s: s is not None and s.type != STT_SECTION and m.sym_name(s) == name


def built(m):
    return m.build()


# ---------------------------------------------------------------------
# Good objects: these must link.

@case('good-raw')
def _(m, g):
    return g.raw('base')


@case('good-roundtrip')
def _(m, g):
    return m		# proves the generator's own writer keeps objects valid


@case('good-debug', base='base_g')
def _(m, g):
    return g.raw('base_g')


@case('good-debug-roundtrip', base='base_g')
def _(m, g):
    return m


@case('good-stack')
def _(m, g):
    return [g.raw('base'), g.raw('top')]


@case('good-stack-debug-below', base='base_g')
def _(m, g):
    return [g.raw('base_g'), g.raw('top')]


@case('good-debug-compressed', base='base_gz')
def _(m, g):
    return g.raw('base_gz')	# -gz: SHF_COMPRESSED debug sections, ignored


@case('good-debug-rela-unsupported-type', base='base_g')
def _(m, g):
    # Relocations of non-allocated (debug) sections are skipped, not applied.
    ri = m.rela_for('.debug_info')
    m.edit_rela(ri, 0, typ=0xffff, r_offset=0xfffffffffffffff0)
    return m


@case('good-nonalloc-unknown-type')
def _(m, g):
    m.add_section('.corpus.meta', 0x12345678, data=b'metadata')
    return m


@case('good-align-zero')
def _(m, g):
    m.sections[m.sec('.text')].sh_addralign = 0	# gABI: 0 and 1 mean none
    return m


@case('good-weak-def')
def _(m, g):
    m.edit_sym(m.sym('corpus_func_b'), bind=STB_WEAK)
    return m


@case('good-shdr-first')
def _(m, g):
    m.shdr_first = True
    return m


@case('good-shnum-max')
def _(m, g):
    # Exactly PVLINK_MAX_SECTIONS (4096) section headers is still allowed.
    while len(m.sections) < 4096:
        m.add_section('.corpus.pad', SHT_PROGBITS)
    return m


@case('good-align-page')
def _(m, g):
    m.sections[m.sec('.data')].sh_addralign = 4096	# exactly PVLINK_MAX_ALIGN
    return m


@case('good-rela-last-field')
def _(m, g):
    t = m.sections[m.sec('.text')]
    m.edit_rela(*text_rela(m, is_sym(m, 'corpus_ext_func')), r_offset=t.sh_size - 4)
    return m


@case('good-sym-at-section-end')
def _(m, g):
    d = m.sections[m.sec('.data')]
    m.edit_sym(m.sym('corpus_data_b'), st_value=d.sh_size, st_size=0)
    return m


@case('good-got', base='got')
def _(m, g):
    return g.raw('got')


@case('good-got-plain-gotpcrel', base='got')
def _(m, g):
    # A plain R_X86_64_GOTPCREL: relaxed only if on a mov (to lea), as by ld.
    m.edit_rela(*text_rela(m, is_sym(m, 'corpus_got_local')), typ=R_X86_64_GOTPCREL)
    return m


@case('good-got-far-export', base='got')
def _(m, g):
    return m		# expected.list moves the exports out of 32-bit reach: GOT slots


@case('good-got-relax-at-start', base='got')
def _(m, g):
    # A GOTPCRELX field at offset 1 has no room for the opcode before it.
    m.edit_rela(*text_rela(m, is_sym(m, 'corpus_ext_func')), r_offset=1)
    return m


@case('good-weak-undef')
def _(m, g):
    m.edit_sym(m.sym('corpus_ext_var'), bind=STB_WEAK)
    return m		# expected.list drops it from the exports: it is 0


@case('good-stack-override')
def _(m, g):
    # The upper object defines corpus_data too: allowed, and it wins lookups.
    top = g.model('top')
    top.edit_sym(top.sym('corpus_top_data'), st_name=top.add_string('corpus_data'))
    return [m, top]


@case('good-stack-max')
def _(m, g):
    return [g.raw('base')] + [g.raw('top')] * 7	# PVLINK_MAX_OBJECTS


# ---------------------------------------------------------------------
# Validation step 1: the ELF header.

@case('hdr-empty')
def _(m, g):
    return b''


@case('hdr-truncated-63')
def _(m, g):
    return g.raw('base')[:63]


@case('hdr-truncated-shdrs')
def _(m, g):
    b = m.build()
    return b[:len(b) - 100]	# cuts into the section header table


@case('hdr-truncated-data')
def _(m, g):
    m.shdr_first = True
    b = m.build()
    return b[:len(b) // 2]	# headers intact, section data cut off


@case('hdr-magic')
def _(m, g):
    b = m.build()
    b[1] = ord('X')
    return b


@case('hdr-class32')
def _(m, g):
    b = m.build()
    b[4] = 1
    return b


@case('hdr-data-msb')
def _(m, g):
    b = m.build()
    b[5] = 2
    return b


@case('hdr-ident-version')
def _(m, g):
    b = m.build()
    b[6] = 0
    return b


@case('hdr-e-version')
def _(m, g):
    return patch_ehdr(m.build(), 'e_version', 2)


@case('hdr-type-exec')
def _(m, g):
    return patch_ehdr(m.build(), 'e_type', 2)


@case('hdr-machine-i386')
def _(m, g):
    return patch_ehdr(m.build(), 'e_machine', 3)


@case('hdr-ehsize')
def _(m, g):
    return patch_ehdr(m.build(), 'e_ehsize', 52)


@case('hdr-phnum')
def _(m, g):
    return patch_ehdr(m.build(), 'e_phnum', 1)


@case('hdr-shentsize')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shentsize', 40)


@case('hdr-shnum-zero')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shnum', 0)


@case('hdr-shnum-cap')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shnum', 4097)


@case('hdr-shoff-past-end')
def _(m, g):
    b = m.build()
    return patch_ehdr(b, 'e_shoff', len(b) - 64)


@case('hdr-shoff-wrap')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shoff', 0xffffffffffffffc0)


@case('hdr-shstrndx-range')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shstrndx', len(m.sections))


@case('hdr-shstrndx-zero')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shstrndx', 0)


@case('hdr-shstrndx-xindex')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shstrndx', SHN_XINDEX)


@case('hdr-shstrndx-not-strtab')
def _(m, g):
    return patch_ehdr(m.build(), 'e_shstrndx', m.sec('.text'))


# ---------------------------------------------------------------------
# Validation step 2: section headers.

@case('sec-offset-past-end')
def _(m, g):
    b = m.build()
    return patch_shdr(b, m.sec('.text'), 'sh_offset', len(b))


@case('sec-size-past-end')
def _(m, g):
    b = m.build()
    t = m.sec('.rodata')
    return patch_shdr(b, t, 'sh_size', len(b) - get_shdr(b, t)['sh_offset'] + 1)


@case('sec-offset-size-wrap')
def _(m, g):
    b = m.build()
    t = m.sec('.text')
    # offset + size wraps to just past the offset: looks tiny if unchecked
    return patch_shdr(b, t, 'sh_size', (1 << 64) - get_shdr(b, t)['sh_offset'] + 16)


@case('sec-offset-huge-wrap')
def _(m, g):
    b = m.build()
    return patch_shdr(b, m.sec('.data'), 'sh_offset', 0xfffffffffffffff8)


@case('sec-overlap-sections')
def _(m, g):
    b = m.build()
    return patch_shdr(b, m.sec('.data'), 'sh_offset',
                      get_shdr(b, m.sec('.text'))['sh_offset'] + 8)


@case('sec-overlap-ehdr')
def _(m, g):
    return patch_shdr(m.build(), m.sec('.rodata'), 'sh_offset', 0)


@case('sec-overlap-shdrs')
def _(m, g):
    b = m.build()
    shoff = EHDR.unpack_from(b, 0)[6]
    return patch_shdr(b, m.sec('.rodata'), 'sh_offset', shoff + 64)


@case('sec-align-not-pow2')
def _(m, g):
    m.sections[m.sec('.text')].sh_addralign = 24
    return m


@case('sec-align-cap')
def _(m, g):
    m.sections[m.sec('.data')].sh_addralign = 8192
    return m


@case('sec-align-huge')
def _(m, g):
    m.sections[m.sec('.bss')].sh_addralign = 1 << 63
    return m


@case('sec-name-range')
def _(m, g):
    m.sections[m.sec('.data')].sh_name = len(m.shstr().data)
    return m


@case('sec-name-huge')
def _(m, g):
    m.sections[m.sec('.text')].sh_name = 0xffffffff
    return m


@case('sec-type-alloc-dynamic')
def _(m, g):
    m.sections[m.sec('.data')].sh_type = SHT_DYNAMIC
    return m


@case('sec-type-alloc-init-array')
def _(m, g):
    m.sections[m.sec('.rodata')].sh_type = SHT_INIT_ARRAY
    return m


@case('sec-type-alloc-symtab-strings')
def _(m, g):
    m.strtab().sh_flags |= SHF_ALLOC
    return m


@case('sec-type-alloc-rela')
def _(m, g):
    m.sections[m.rela_for('.data')].sh_flags |= SHF_ALLOC
    return m


@case('sec-type-alloc-null')
def _(m, g):
    m.add_section('.corpus.null', SHT_NULL, SHF_ALLOC)
    return m


@case('sec-alloc-compressed')
def _(m, g):
    # gABI: SHF_COMPRESSED cannot be applied to an SHF_ALLOC section; its
    # bytes would be loaded still compressed.
    m.sections[m.sec('.rodata')].sh_flags |= SHF_COMPRESSED
    return m


@case('sec-text-writable')
def _(m, g):
    # Text becomes read-only after the link; a writable code section
    # would either fault or force a writable, executable page.
    m.sections[m.sec('.text')].sh_flags |= SHF_WRITE
    return m


@case('sec-tls-data')
def _(m, g):
    m.sections[m.sec('.data')].sh_flags |= SHF_TLS
    return m


@case('sec-tls-tbss')
def _(m, g):
    m.add_section('.tbss', SHT_NOBITS, SHF_ALLOC | SHF_WRITE | SHF_TLS, size=16, align=8)
    return m


# ---------------------------------------------------------------------
# Validation step 3: string tables.

@case('strtab-shstr-first-not-nul')
def _(m, g):
    m.shstr().data[0] = ord('x')
    return m


@case('strtab-shstr-last-not-nul')
def _(m, g):
    m.shstr().data[-1] = ord('x')
    return m


@case('strtab-shstr-empty')
def _(m, g):
    b = m.build()
    return patch_shdr(b, m.eh['e_shstrndx'], 'sh_size', 0)


@case('strtab-sym-first-not-nul')
def _(m, g):
    m.strtab().data[0] = ord('x')
    return m


@case('strtab-sym-last-not-nul')
def _(m, g):
    m.strtab().data[-1] = ord('x')
    return m


@case('strtab-sym-empty-wild-offset')
def _(m, g):
    # An empty table's offset is never in bounds: no pointer may be made from it.
    b = m.build()
    st = m.sections[m.symtab()].sh_link
    patch_shdr(b, st, 'sh_size', 0)
    return patch_shdr(b, st, 'sh_offset', 0xfffffffffffffff0)


# ---------------------------------------------------------------------
# Validation step 4: the symbol table.

@case('symtab-none')
def _(m, g):
    m.sections[m.symtab()].sh_type = SHT_PROGBITS
    return m


@case('symtab-two')
def _(m, g):
    m.clone_section(m.symtab())
    return m


@case('symtab-entsize')
def _(m, g):
    m.sections[m.symtab()].sh_entsize = 16
    return m


@case('symtab-size-partial')
def _(m, g):
    b = m.build()
    st = m.symtab()
    return patch_shdr(b, st, 'sh_size', get_shdr(b, st)['sh_size'] - 1)


@case('symtab-link-not-strtab')
def _(m, g):
    m.sections[m.symtab()].sh_link = m.sec('.text')
    return m


@case('symtab-link-range')
def _(m, g):
    m.sections[m.symtab()].sh_link = len(m.sections) + 3
    return m


@case('symtab-link-self')
def _(m, g):
    st = m.symtab()
    m.sections[st].sh_link = st
    return m


@case('symtab-info-range')
def _(m, g):
    m.sections[m.symtab()].sh_info = len(m.syms()) + 1
    return m


@case('symtab-info-zero')
def _(m, g):
    m.sections[m.symtab()].sh_info = 0
    return m


@case('sym-name-range')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), st_name=len(m.strtab().data))
    return m


@case('sym-name-huge')
def _(m, g):
    m.edit_sym(m.sym('corpus_func_a'), st_name=0xfffffff0)
    return m


@case('sym-shndx-range')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), st_shndx=len(m.sections) + 5)
    return m


@case('sym-shndx-loreserve')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), st_shndx=SHN_LORESERVE)
    return m


@case('sym-shndx-xindex')
def _(m, g):
    m.edit_sym(m.sym('corpus_func_b'), st_shndx=SHN_XINDEX)
    return m


@case('sym-local-undefined')
def _(m, g):
    m.edit_sym(m.section_sym(m.sec('.bss')), st_shndx=SHN_UNDEF)
    return m


@case('sym-null-defined')
def _(m, g):
    # gABI "Symbol Table Entry: Index 0": all zero, and a relocation naming
    # it uses the value 0.  Here it claims to sit in .data, and a .data
    # relocation names it.
    m.edit_sym(0, st_shndx=m.sec('.data'))
    m.edit_rela(m.rela_for('.data'), 0, sym=0)
    return m


@case('sym-null-absolute')
def _(m, g):
    m.edit_sym(0, st_shndx=SHN_ABS, st_value=0x1234)
    m.edit_rela(m.rela_for('.data'), 0, sym=0)
    return m


@case('sym-section-undefined')
def _(m, g):
    # An undefined STT_SECTION symbol names no section.  Found by the
    # fuzzer: messages about it read the name of section header 0, whose
    # sh_name no check covers, so a relocation error on it read far out
    # of bounds.  Section 0's sh_name is made wild and the relocation bad.
    i = m.sym('corpus_ext_func')
    m.edit_sym(i, typ=STT_SECTION)
    m.sections[0].sh_name = 0xfffffff0
    ri, e = text_rela(m, lambda r, s: r.sym == i)
    m.edit_rela(ri, e, r_offset=m.sections[m.sec('.text')].sh_size)
    return m


@case('sym-bind-global-in-locals')
def _(m, g):
    m.edit_sym(m.section_sym(m.sec('.bss')), bind=STB_GLOBAL)
    return m


@case('sym-bind-local-in-globals')
def _(m, g):
    m.edit_sym(m.sym('corpus_func_a'), bind=STB_LOCAL)
    return m


@case('sym-bind-unknown')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), bind=5)
    return m


@case('sym-bind-gnu-unique')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), bind=STB_GNU_UNIQUE)
    return m


@case('sym-type-unknown')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), typ=7)
    return m


@case('sym-type-loproc')
def _(m, g):
    m.edit_sym(m.sym('corpus_func_a'), typ=13)
    return m


@case('sym-value-past-section')
def _(m, g):
    d = m.sections[m.sec('.data')]
    m.edit_sym(m.sym('corpus_data'), st_value=d.sh_size + 1)
    return m


@case('sym-value-size-past-section')
def _(m, g):
    d = m.sections[m.sec('.data')]
    m.edit_sym(m.sym('corpus_data'), st_value=d.sh_size - 2, st_size=4)
    return m


@case('sym-value-size-wrap')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), st_value=8, st_size=0xfffffffffffffffc)
    return m


@case('sym-value-bss-past-end')
def _(m, g):
    b = m.sections[m.sec('.bss')]
    m.edit_sym(m.sym('corpus_bss_global'), st_value=b.sh_size, st_size=4)
    return m


@case('sym-value-section-sym')
def _(m, g):
    m.edit_sym(m.section_sym(m.sec('.bss')), st_value=4)
    return m


@case('sym-common-shndx')
def _(m, g):
    m.edit_sym(m.sym('corpus_data_b'), st_shndx=SHN_COMMON, st_value=4)
    return m


@case('sym-common-type')
def _(m, g):
    m.edit_sym(m.sym('corpus_data_b'), typ=STT_COMMON)
    return m


@case('sym-tls')
def _(m, g):
    m.edit_sym(m.sym('corpus_data'), typ=STT_TLS)
    return m


@case('sym-ifunc')
def _(m, g):
    m.edit_sym(m.sym('corpus_func_b'), typ=STT_GNU_IFUNC)
    return m


@case('sym-dup-global')
def _(m, g):
    m.edit_sym(m.sym('corpus_data_b'), st_name=m.syms()[m.sym('corpus_data')].st_name)
    return m


@case('sym-dup-weak')
def _(m, g):
    name = m.syms()[m.sym('corpus_func_a')].st_name
    m.edit_sym(m.sym('corpus_func_b'), st_name=name, bind=STB_WEAK)
    return m


@case('sym-undef-and-def')
def _(m, g):
    # One symbol table both needs and defines corpus_func_a.  GNU as never
    # writes this; a linker that took it would bind the reference
    # somewhere other than the object's own definition.
    m.edit_sym(m.sym('corpus_ext_func'), st_name=m.syms()[m.sym('corpus_func_a')].st_name)
    return m


@case('sym-undef-and-def-stack')
def _(m, g):
    # The upper object defines corpus_data and also references it as
    # undefined: the reference must not bind to the lower object's
    # corpus_data while lookups find the upper one's.
    top = g.model('top')
    name = top.add_string('corpus_data')
    top.edit_sym(top.sym('corpus_top_data'), st_name=name)
    top.edit_sym(top.sym('corpus_ext_var'), st_name=name)
    return [m, top]


# ---------------------------------------------------------------------
# Validation step 5: relocation sections.

@case('rel-section')
def _(m, g):
    m.sections[m.rela_for('.text')].sh_type = SHT_REL
    return m


@case('rela-entsize')
def _(m, g):
    m.sections[m.rela_for('.text')].sh_entsize = 16
    return m


@case('rela-size-partial')
def _(m, g):
    b = m.build()
    ri = m.rela_for('.data')
    return patch_shdr(b, ri, 'sh_size', get_shdr(b, ri)['sh_size'] - 8)


@case('rela-link-strtab')
def _(m, g):
    m.sections[m.rela_for('.text')].sh_link = m.sections[m.symtab()].sh_link
    return m


@case('rela-link-zero')
def _(m, g):
    m.sections[m.rela_for('.data')].sh_link = 0
    return m


@case('rela-info-zero')
def _(m, g):
    m.sections[m.rela_for('.text')].sh_info = 0
    return m


@case('rela-info-range')
def _(m, g):
    m.sections[m.rela_for('.text')].sh_info = len(m.sections)
    return m


@case('rela-info-symtab')
def _(m, g):
    m.sections[m.rela_for('.text')].sh_info = m.symtab()
    return m


@case('rela-info-self')
def _(m, g):
    ri = m.rela_for('.data')
    m.sections[ri].sh_info = ri
    return m


@case('rela-info-nobits')
def _(m, g):
    m.sections[m.rela_for('.data')].sh_info = m.sec('.bss')
    return m


@case('rela-two-for-text')
def _(m, g):
    m.clone_section(m.rela_for('.text'))
    return m


@case('rela-sym-range')
def _(m, g):
    m.edit_rela(m.rela_for('.text'), 0, sym=len(m.syms()))
    return m


@case('rela-sym-huge')
def _(m, g):
    m.edit_rela(m.rela_for('.data'), 1, sym=0xffffffff)
    return m


@case('rela-type-copy')
def _(m, g):
    m.edit_rela(*text_rela(m, is_sym(m, 'corpus_ext_func')), typ=R_X86_64_COPY)
    return m


@case('rela-type-relative')
def _(m, g):
    m.edit_rela(m.rela_for('.data'), 0, typ=R_X86_64_RELATIVE)
    return m


@case('rela-type-got32')
def _(m, g):
    m.edit_rela(m.rela_for('.text'), 0, typ=R_X86_64_GOT32)
    return m


@case('rela-type-16')
def _(m, g):
    m.edit_rela(m.rela_for('.text'), 0, typ=R_X86_64_16)
    return m


@case('rela-type-tpoff32')
def _(m, g):
    m.edit_rela(m.rela_for('.text'), 0, typ=R_X86_64_TPOFF32)
    return m


@case('rela-type-irelative')
def _(m, g):
    m.edit_rela(m.rela_for('.data'), 0, typ=R_X86_64_IRELATIVE)
    return m


@case('rela-type-past-last')
def _(m, g):
    m.edit_rela(m.rela_for('.text'), 0, typ=R_X86_64_REX_GOTPCRELX + 1)
    return m


@case('rela-type-huge')
def _(m, g):
    m.edit_rela(m.rela_for('.text'), 0, typ=0xffffffff)
    return m


@case('rela-type-high-bit')
def _(m, g):
    m.edit_rela(m.rela_for('.data'), 2, typ=0x80000001)
    return m


@case('rela-offset-field-past-end')
def _(m, g):
    t = m.sections[m.sec('.text')]
    m.edit_rela(*text_rela(m, is_sym(m, 'corpus_ext_func')), r_offset=t.sh_size - 3)
    return m


@case('rela-offset-at-end')
def _(m, g):
    t = m.sections[m.sec('.text')]
    m.edit_rela(m.rela_for('.text'), 0, r_offset=t.sh_size)
    return m


@case('rela-offset-64-past-end')
def _(m, g):
    d = m.sections[m.sec('.data')]
    m.edit_rela(m.rela_for('.data'), 0, r_offset=d.sh_size - 4)
    return m


@case('rela-offset-huge')
def _(m, g):
    m.edit_rela(m.rela_for('.text'), 0, r_offset=0xfffffffffffffffe)
    return m


@case('rela-offset-none-past-end')
def _(m, g):
    t = m.sections[m.sec('.text')]
    m.edit_rela(m.rela_for('.text'), 0, typ=R_X86_64_NONE, r_offset=t.sh_size + 1)
    return m


@case('rela-sym-in-nonalloc')
def _(m, g):
    # The symbol a .text relocation uses is moved into a non-loaded section.
    meta = m.add_section('.corpus.meta', SHT_PROGBITS, data=bytes(64), align=8)
    ri, e = text_rela(m, lambda r, s: s is not None and 0 < s.st_shndx < SHN_LORESERVE)
    m.edit_sym(m.relas(ri)[e].sym, st_shndx=meta, st_value=0, st_size=0)
    return m


@case('rela-sym-debug-section', base='base_g')
def _(m, g):
    # GCC and Clang both give some debug sections a section symbol.
    dbg = [i for i, s in enumerate(m.syms()) if s.type == STT_SECTION and
           0 < s.st_shndx < len(m.sections) and
           not m.sections[s.st_shndx].sh_flags & SHF_ALLOC]
    if not dbg:
        raise ElfError('no section symbol of a debug section')
    m.edit_rela(m.rela_for('.text'), 0, sym=dbg[0])
    return m


@case('good-percpu-pc32')
def _(m, g):
    # %gs:var(%rip): the field gets the percpu offset minus P, as GNU ld does.
    m.edit_rela(*text_rela(m, is_sym(m, 'corpus_percpu')), typ=R_X86_64_PC32)
    return m


@case('good-percpu-pc64')
def _(m, g):
    m.edit_rela(m.rela_for('.data'), 0, sym=m.sym('corpus_percpu'), typ=R_X86_64_PC64)
    return m


@case('rela-pc32-in-percpu-data')
def _(m, g):
    # A PC-relative field inside the percpu template: each CPU's copy sits
    # at another address, so no single value can be right.
    m.edit_rela(m.rela_for('.data..percpu'), 0, typ=R_X86_64_PC32)
    return m


@case('good-percpu-export-pc32')
def _(m, g):
    return m		# expected.list makes corpus_ext_var a percpu export


@case('good-percpu-stack-pc32')
def _(m, g):
    # The upper object names the lower one's percpu variable where it had
    # corpus_ext_var: a PC-relative use of another object's percpu offset.
    top = g.model('top')
    top.edit_sym(top.sym('corpus_ext_var'), st_name=top.add_string('corpus_percpu'))
    return [m, top]


# ---------------------------------------------------------------------
# Relocation results (psABI overflow rules), checked at link time.

@case('ovf-export-far')
def _(m, g):
    return m		# expected.list moves corpus_ext_func out of reach


@case('ovf-load-address')
def _(m, g):
    return m		# expected.list links at an address a 32S field cannot hold


@case('ovf-32-zero-extend')
def _(m, g):
    m.edit_rela(*text_rela(m, is_sym(m, 'corpus_rodata')), typ=R_X86_64_32)
    return m


@case('ovf-pc32-addend')
def _(m, g):
    ri, e = text_rela(m, is_sym(m, 'corpus_ext_var'))
    m.edit_rela(ri, e, r_addend=m.relas(ri)[e].r_addend + (1 << 32))
    return m


@case('ovf-percpu-export')
def _(m, g):
    return m		# expected.list puts the kernel's percpu variable at 2 GiB


@case('ovf-percpu-base')
def _(m, g):
    return m		# expected.list puts the percpu reserve above 2 GiB


# ---------------------------------------------------------------------
# Symbol resolution and layout.

@case('undef-name')
def _(m, g):
    # "corpus_ext_func" -> "ext_func": a tail of the same string, not exported
    i = m.sym('corpus_ext_func')
    m.edit_sym(i, st_name=m.syms()[i].st_name + len('corpus_'))
    return m


@case('undef-not-exported')
def _(m, g):
    return m		# expected.list drops corpus_ext_var from the exports


@case('undef-stack-order')
def _(m, g):
    return [g.raw('top'), g.raw('base')]	# resolution only looks below


@case('undef-stack-hidden')
def _(m, g):
    i = m.sym('corpus_func_a')
    m.edit_sym(i, st_other=(m.syms()[i].st_other & ~3) | STV_HIDDEN)
    return [m, g.raw('top')]


@case('percpu-overflow')
def _(m, g):
    p = m.sections[m.sec('.data..percpu')]
    p.data += bytes(4096)
    p.sh_size = len(p.data)
    return m


@case('percpu-no-reserve')
def _(m, g):
    return m		# expected.list gives a zero-sized reserve


@case('layout-bss-huge')
def _(m, g):
    m.sections[m.sec('.bss')].sh_size = 1 << 60
    return m


@case('layout-bss-wrap')
def _(m, g):
    m.sections[m.sec('.bss')].sh_size = 0xfffffffffffff000
    return m


@case('ovf-gotpcrel-addend', base='got')
def _(m, g):
    ri, e = text_rela(m, is_sym(m, 'corpus_got_local'))
    m.edit_rela(ri, e, r_addend=m.relas(ri)[e].r_addend + (1 << 32))
    return m


@case('stack-too-many')
def _(m, g):
    return [g.raw('base')] + [g.raw('top')] * 8	# one past PVLINK_MAX_OBJECTS


@case('layout-addr-wrap')
def _(m, g):
    return m		# expected.list loads the text at the top of the address space


@case('percpu-base-misaligned')
def _(m, g):
    return m		# expected.list gives a reserve offset the percpu data cannot use


@case('exports-bad-hash')
def _(m, g):
    return g.raw('base')	# the driver corrupts its table (expected.list)


@case('exports-bad-buckets')
def _(m, g):
    return g.raw('base')


@case('exports-no-buckets')
def _(m, g):
    return g.raw('base')


@case('exports-bucket-order')
def _(m, g):
    return g.raw('base')


@case('exports-wrong-bucket')
def _(m, g):
    return g.raw('base')


# ---------------------------------------------------------------------

class Good:
    def __init__(self, paths):
        self.paths = paths
        self.cache = {}

    def raw(self, name):
        if name not in self.cache:
            with open(self.paths[name], 'rb') as f:
                self.cache[name] = f.read()
        return bytes(self.cache[name])

    def model(self, name):
        return Elf(self.raw(name))


def error_names(header):
    """Names of enum pvlink_err, read from the header."""
    with open(header) as f:
        text = f.read()
    body = re.search(r'enum pvlink_err\s*\{(.*?)\};', text, re.S)
    if not body:
        raise SystemExit('mkcorpus: no enum pvlink_err in %s' % header)
    body = re.sub(r'/\*.*?\*/', '', body.group(1), flags=re.S)
    return set(re.findall(r'\b(PVLINK_[A-Z0-9_]+)\s*(?:=\s*\w+\s*)?,', body))


def read_expected(path, names):
    exp = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split('#', 1)[0].split()
            if not line:
                continue
            where = '%s:%d' % (path, n)
            if len(line) < 2:
                raise SystemExit('%s: want "<case> <PVLINK_...> [key=value...]"' % where)
            if line[1] not in names or line[1] == 'PVLINK_E_NR':
                raise SystemExit('%s: %s is not in enum pvlink_err' % (where, line[1]))
            if line[0] in exp:
                raise SystemExit('%s: case %s listed twice' % (where, line[0]))
            for opt in line[2:]:
                if '=' not in opt:
                    raise SystemExit('%s: option %s is not key=value' % (where, opt))
            exp[line[0]] = (line[1], line[2:])
    return exp


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--header', required=True)
    ap.add_argument('--errnames', metavar='FILE',
                    help='only write PVLINK_ERRNAME(x) lines for every code, for the driver')
    ap.add_argument('--coverage', metavar='EXPECTED',
                    help='only check that every code has a case in EXPECTED')
    ap.add_argument('--expected')
    ap.add_argument('--out')
    ap.add_argument('--min-refusals', type=int, default=45)
    ap.add_argument('good', nargs='*', help='name=path of a good object')
    a = ap.parse_args()

    if a.coverage:
        # Codes no object can provoke: call order, and lookups (lookup=).
        exempt = {'PVLINK_E_NR', 'PVLINK_E_STATE', 'PVLINK_E_NOT_FOUND'}
        used = {code for code, _ in read_expected(a.coverage, error_names(a.header)).values()}
        missing = sorted(error_names(a.header) - used - exempt)
        if missing:
            print('no case expects: ' + ' '.join(missing))
            sys.exit(1)
        return
    if a.errnames:
        names = sorted(error_names(a.header) - {'PVLINK_E_NR'})
        with open(a.errnames, 'w') as f:
            f.write('/* generated by mkcorpus.py from %s; do not edit */\n' % a.header)
            f.writelines('PVLINK_ERRNAME(%s)\n' % n for n in names)
        return
    if not (a.expected and a.out and a.good):
        ap.error('--expected, --out and the good objects are needed')

    good = Good(dict(g.split('=', 1) for g in a.good))
    exp = read_expected(a.expected, error_names(a.header))
    missing = sorted(set(CASES) - set(exp))
    extra = sorted(set(exp) - set(CASES))
    if missing or extra:
        raise SystemExit('mkcorpus: cases without expectation: %s; expectations without case: %s'
                         % (' '.join(missing) or '-', ' '.join(extra) or '-'))
    refusals = sum(1 for e, _ in exp.values() if e != 'PVLINK_OK')
    if refusals < a.min_refusals:
        raise SystemExit('mkcorpus: only %d malformed cases, want at least %d'
                         % (refusals, a.min_refusals))

    os.makedirs(a.out, exist_ok=True)
    lines = []
    for name in CASES:		# definition order: grouped by validation step
        base, fn = CASES[name]
        try:
            out = fn(good.model(base), good)
        except ElfError as e:
            raise SystemExit('mkcorpus: case %s: %s (is %s the expected good object?)'
                             % (name, e, good.paths[base]))
        objs = out if isinstance(out, list) else [out]
        files = []
        for n, o in enumerate(objs):
            blob = o.build() if isinstance(o, Elf) else o
            fname = '%s.o' % name if len(objs) == 1 else '%s.%d.o' % (name, n)
            with open(os.path.join(a.out, fname), 'wb') as f:
                f.write(blob)
            files.append(fname)
        code, opts = exp[name]
        lines.append(' '.join([name, code, ','.join(files)] + opts))
    with open(os.path.join(a.out, 'cases.list'), 'w') as f:
        f.write('# generated by mkcorpus.py from expected.list; do not edit\n')
        f.write('\n'.join(lines) + '\n')
    print('mkcorpus: %d cases (%d malformed) in %s' % (len(lines), refusals, a.out))


if __name__ == '__main__':
    main()
