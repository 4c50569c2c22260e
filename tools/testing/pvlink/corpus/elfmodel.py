# SPDX-License-Identifier: GPL-2.0
#
# A small, editable model of an ELF64 little-endian relocatable object,
# for deriving malformed objects from good ones.  Standard library only.
#
# Layouts are those of the System V gABI ("ELF Header", "Sections",
# "Symbol Table", "Relocation"): Elf64_Ehdr is 64 bytes, Elf64_Shdr 64,
# Elf64_Sym 24 and Elf64_Rela 24.  The model keeps every header field as
# parsed; build() lays the sections out again (data in index order, the
# section header table last) so edits that change sizes stay consistent,
# and returns bytes that raw patches (patch_*) can then break on purpose.

import struct

EHDR = struct.Struct('<16sHHIQQQIHHHHHH')
SHDR = struct.Struct('<IIQQQQIIQQ')
SYM = struct.Struct('<IBBHQQ')
RELA = struct.Struct('<QQq')

EHDR_FIELDS = ('e_ident', 'e_type', 'e_machine', 'e_version', 'e_entry',
               'e_phoff', 'e_shoff', 'e_flags', 'e_ehsize', 'e_phentsize',
               'e_phnum', 'e_shentsize', 'e_shnum', 'e_shstrndx')
SHDR_FIELDS = ('sh_name', 'sh_type', 'sh_flags', 'sh_addr', 'sh_offset',
               'sh_size', 'sh_link', 'sh_info', 'sh_addralign', 'sh_entsize')

# gABI constants the mutations use
SHT_NULL, SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA = 0, 1, 2, 3, 4
SHT_DYNAMIC, SHT_NOBITS, SHT_REL, SHT_INIT_ARRAY = 6, 8, 9, 14
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR, SHF_TLS, SHF_COMPRESSED = 0x1, 0x2, 0x4, 0x400, 0x800
SHN_UNDEF, SHN_LORESERVE, SHN_ABS, SHN_COMMON, SHN_XINDEX = 0, 0xff00, 0xfff1, 0xfff2, 0xffff
STB_LOCAL, STB_GLOBAL, STB_WEAK, STB_GNU_UNIQUE = 0, 1, 2, 10
STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION = 0, 1, 2, 3
STT_FILE, STT_COMMON, STT_TLS, STT_GNU_IFUNC = 4, 5, 6, 10
STV_HIDDEN = 2

# x86-64 psABI table 4.10
R_X86_64_NONE, R_X86_64_64, R_X86_64_PC32, R_X86_64_GOT32 = 0, 1, 2, 3
R_X86_64_PLT32, R_X86_64_COPY, R_X86_64_RELATIVE, R_X86_64_GOTPCREL = 4, 5, 8, 9
R_X86_64_32, R_X86_64_32S, R_X86_64_16 = 10, 11, 12
R_X86_64_TPOFF32, R_X86_64_PC64, R_X86_64_IRELATIVE = 23, 24, 37
R_X86_64_GOTPCRELX = 41
R_X86_64_REX_GOTPCRELX = 42		# the last type the psABI defines


class ElfError(Exception):
    pass


class Section:
    def __init__(self, fields, data):
        self.__dict__.update(fields)
        self.data = data		# bytearray; None for SHT_NOBITS

    def copy(self):
        s = Section({f: getattr(self, f) for f in SHDR_FIELDS},
                    None if self.data is None else bytearray(self.data))
        return s


class Sym:
    def __init__(self, name, info, other, shndx, value, size):
        self.st_name, self.st_info, self.st_other = name, info, other
        self.st_shndx, self.st_value, self.st_size = shndx, value, size

    @property
    def bind(self):
        return self.st_info >> 4

    @property
    def type(self):
        return self.st_info & 0xf

    def set_info(self, bind=None, typ=None):
        b = self.bind if bind is None else bind
        t = self.type if typ is None else typ
        self.st_info = ((b << 4) + (t & 0xf)) & 0xff

    def pack(self):
        return SYM.pack(self.st_name, self.st_info, self.st_other,
                        self.st_shndx, self.st_value, self.st_size)


class Rela:
    def __init__(self, offset, info, addend):
        self.r_offset, self.r_info, self.r_addend = offset, info, addend

    @property
    def sym(self):
        return self.r_info >> 32

    @property
    def type(self):
        return self.r_info & 0xffffffff

    def set(self, sym=None, typ=None):
        s = self.sym if sym is None else sym
        t = self.type if typ is None else typ
        self.r_info = ((s & 0xffffffff) << 32) | (t & 0xffffffff)

    def pack(self):
        return RELA.pack(self.r_offset, self.r_info, self.r_addend)


class Elf:
    """A parsed object; sections[i] is section header i."""

    def __init__(self, blob):
        if len(blob) < EHDR.size:
            raise ElfError('smaller than an ELF header')
        self.eh = dict(zip(EHDR_FIELDS, EHDR.unpack_from(blob, 0)))
        if self.eh['e_ident'][:4] != b'\x7fELF' or self.eh['e_ident'][4] != 2:
            raise ElfError('not an ELF64 object')
        self.sections = []
        for i in range(self.eh['e_shnum']):
            f = dict(zip(SHDR_FIELDS,
                         SHDR.unpack_from(blob, self.eh['e_shoff'] + i * SHDR.size)))
            data = None
            if f['sh_type'] != SHT_NOBITS:
                data = bytearray(blob[f['sh_offset']:f['sh_offset'] + f['sh_size']])
                if len(data) != f['sh_size']:
                    raise ElfError('section %d outside the file' % i)
            self.sections.append(Section(f, data))
        self.shdr_first = False		# build(): section headers before the data

    # ---- lookups -------------------------------------------------------
    def shstr(self):
        return self.sections[self.eh['e_shstrndx']]

    def sec_name(self, i):
        return cstr(self.shstr().data, self.sections[i].sh_name)

    def sec(self, name):
        for i in range(len(self.sections)):
            if self.sec_name(i) == name:
                return i
        raise ElfError('no section %s' % name)

    def symtab(self):
        for i, s in enumerate(self.sections):
            if s.sh_type == SHT_SYMTAB:
                return i
        raise ElfError('no symbol table')

    def strtab(self):
        return self.sections[self.sections[self.symtab()].sh_link]

    def syms(self):
        d = self.sections[self.symtab()].data
        return [Sym(*SYM.unpack_from(d, o)) for o in range(0, len(d), SYM.size)]

    def put_syms(self, syms):
        self.sections[self.symtab()].data = bytearray(b''.join(s.pack() for s in syms))
        self.sections[self.symtab()].sh_size = len(syms) * SYM.size

    def sym_name(self, sym):
        return cstr(self.strtab().data, sym.st_name)

    def sym(self, name):
        for i, s in enumerate(self.syms()):
            if self.sym_name(s) == name and s.type != STT_SECTION:
                return i
        raise ElfError('no symbol %s' % name)

    def section_sym(self, shndx):
        for i, s in enumerate(self.syms()):
            if s.type == STT_SECTION and s.st_shndx == shndx:
                return i
        raise ElfError('no section symbol for %d' % shndx)

    def edit_sym(self, idx, **kw):
        syms = self.syms()
        s = syms[idx]
        for k, v in kw.items():
            if k in ('bind', 'typ'):
                s.set_info(**{k: v})
            else:
                setattr(s, k, v)
        self.put_syms(syms)

    def relas(self, idx):
        d = self.sections[idx].data
        return [Rela(*RELA.unpack_from(d, o)) for o in range(0, len(d) - len(d) % RELA.size, RELA.size)]

    def put_relas(self, idx, relas):
        self.sections[idx].data = bytearray(b''.join(r.pack() for r in relas))
        self.sections[idx].sh_size = len(relas) * RELA.size

    def rela_for(self, target_name):
        """Index of the SHT_RELA section that relocates @target_name."""
        t = self.sec(target_name)
        for i, s in enumerate(self.sections):
            if s.sh_type == SHT_RELA and s.sh_info == t:
                return i
        raise ElfError('no relocations for %s' % target_name)

    def find_rela(self, target_name, pred):
        """(section, entry) of the first relocation of @target_name matching @pred."""
        ri = self.rela_for(target_name)
        syms = self.syms()
        for e, r in enumerate(self.relas(ri)):
            if pred(r, syms[r.sym] if r.sym < len(syms) else None):
                return ri, e
        raise ElfError('no matching relocation in %s' % target_name)

    def edit_rela(self, ri, e, **kw):
        relas = self.relas(ri)
        r = relas[e]
        if 'sym' in kw or 'typ' in kw:
            r.set(kw.pop('sym', None), kw.pop('typ', None))
        for k, v in kw.items():
            setattr(r, k, v)
        self.put_relas(ri, relas)

    # ---- structural edits ----------------------------------------------
    def add_name(self, name):
        """Append @name to the section name table; return its offset."""
        d = self.shstr().data
        off = len(d)
        d += name.encode() + b'\0'
        self.shstr().sh_size = len(d)
        return off

    def add_string(self, name):
        """Append @name to the symbol string table; return its offset."""
        st = self.strtab()
        off = len(st.data)
        st.data += name.encode() + b'\0'
        st.sh_size = len(st.data)
        return off

    def add_section(self, name, sh_type, flags=0, data=b'', align=1,
                    link=0, info=0, entsize=0, size=None):
        f = dict.fromkeys(SHDR_FIELDS, 0)
        f.update(sh_name=self.add_name(name), sh_type=sh_type, sh_flags=flags,
                 sh_link=link, sh_info=info, sh_addralign=align, sh_entsize=entsize)
        s = Section(f, None if sh_type == SHT_NOBITS else bytearray(data))
        s.sh_size = len(data) if size is None else size
        self.sections.append(s)
        return len(self.sections) - 1

    def clone_section(self, idx):
        self.sections.append(self.sections[idx].copy())
        return len(self.sections) - 1

    # ---- output --------------------------------------------------------
    def build(self):
        """Serialise; every sh_offset and e_shoff is recomputed."""
        out = bytearray(EHDR.size)
        shoff_slot = None
        if self.shdr_first:
            shoff_slot = len(out)
            out += bytes(SHDR.size * len(self.sections))
        for i, s in enumerate(self.sections):
            if i == 0:
                continue
            a = min(max(s.sh_addralign, 1), 16)
            out += bytes(-len(out) % a)
            s.sh_offset = len(out)
            if s.data is not None:
                out += s.data
        if not self.shdr_first:
            out += bytes(-len(out) % 8)
            shoff_slot = len(out)
            out += bytes(SHDR.size * len(self.sections))
        eh = dict(self.eh)
        eh['e_shoff'] = shoff_slot
        eh['e_shnum'] = len(self.sections)
        EHDR.pack_into(out, 0, *[eh[f] for f in EHDR_FIELDS])
        for i, s in enumerate(self.sections):
            SHDR.pack_into(out, shoff_slot + i * SHDR.size,
                           *[getattr(s, f) for f in SHDR_FIELDS])
        return out


def cstr(data, off):
    end = data.find(b'\0', off)
    return data[off:end if end >= 0 else len(data)].decode('latin-1')


# ---- raw patches on built bytes (after build(): they break the layout) ----
def patch_ehdr(blob, field, value):
    eh = dict(zip(EHDR_FIELDS, EHDR.unpack_from(blob, 0)))
    eh[field] = value
    EHDR.pack_into(blob, 0, *[eh[f] for f in EHDR_FIELDS])
    return blob


def patch_shdr(blob, idx, field, value):
    shoff = EHDR.unpack_from(blob, 0)[6]
    off = shoff + idx * SHDR.size
    sh = dict(zip(SHDR_FIELDS, SHDR.unpack_from(blob, off)))
    sh[field] = value
    SHDR.pack_into(blob, off, *[sh[f] for f in SHDR_FIELDS])
    return blob


def get_shdr(blob, idx):
    shoff = EHDR.unpack_from(blob, 0)[6]
    return dict(zip(SHDR_FIELDS, SHDR.unpack_from(blob, shoff + idx * SHDR.size)))
