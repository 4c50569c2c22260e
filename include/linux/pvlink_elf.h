/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A checked, read-only view of any ELF64 file (lib/pvlink/elffile.c):
 * what the pvlink host tools read of a backend object or of a linked
 * kernel, and how the call-site patcher finds a backend's inline records.
 *
 * pvlink_elf_open() checks the header, the section table, the section
 * name table and the symbol table with its strings before it succeeds;
 * every accessor then bounds-checks its index and copies the entry out,
 * so the file may have any alignment and no field is trusted twice.  It
 * is not the linker's validation: pvlink_plan() checks a backend far more
 * strictly, and a host tool reading a backend plans it first.
 */
#ifndef _LINUX_PVLINK_ELF_H
#define _LINUX_PVLINK_ELF_H

#include <linux/types.h>
#include <linux/elf.h>
#include <linux/pvlink_lib.h>

/**
 * struct pvlink_elf - an open ELF64 file (filled by pvlink_elf_open())
 * @data:   the file's bytes (never written).
 * @size:   their number.
 * @type:   e_type (ET_REL, ET_EXEC, ...).
 * @shnum:  sections, section 0 included.
 * @shoff:  file offset of the section header table.
 * @shstr:  the section name table; NUL-terminated, inside the file.
 * @shstrsz: its size.
 * @symtab: section index of the symbol table, 0 if there is none.
 * @symoff: file offset of its entries.
 * @nsyms:  its entries.
 * @str:    its string table; NUL-terminated, inside the file.
 * @strsz:  that table's size.
 */
struct pvlink_elf {
	const u8 *data;
	u64 size;
	u16 type;
	u32 shnum;
	u64 shoff;
	const char *shstr;
	u64 shstrsz;
	u32 symtab;
	u64 symoff;
	u32 nsyms;
	const char *str;
	u64 strsz;
};

/**
 * struct pvlink_elf_section - one section header, checked
 * @index: its index.
 * @name:  its name (inside the name table).
 * @type:  sh_type.
 * @flags: sh_flags.
 * @addr:  sh_addr.
 * @offset: sh_offset.
 * @size:  sh_size.
 * @align: sh_addralign.
 * @entsize: sh_entsize.
 * @link:  sh_link.
 * @info:  sh_info.
 * @data:  the section's bytes in the file, NULL for SHT_NOBITS and
 *         SHT_NULL (the others were checked to lie inside the file).
 */
struct pvlink_elf_section {
	u32 index;
	const char *name;
	u32 type;
	u64 flags;
	u64 addr;
	u64 offset;
	u64 size;
	u64 align;
	u64 entsize;
	u32 link;
	u32 info;
	const u8 *data;
};

/**
 * struct pvlink_elf_symbol - one symbol, checked
 * @index: its index in the symbol table.
 * @name:  its name; a section symbol gets its section's name.
 * @value: st_value.
 * @size:  st_size.
 * @shndx: st_shndx.
 * @bind:  ELF64_ST_BIND(st_info).
 * @type:  ELF64_ST_TYPE(st_info).
 * @visibility: ELF64_ST_VISIBILITY(st_other).
 */
struct pvlink_elf_symbol {
	u32 index;
	const char *name;
	u64 value;
	u64 size;
	u16 shndx;
	u8 bind;
	u8 type;
	u8 visibility;
};

/**
 * struct pvlink_elf_rela - one relocation entry
 * @offset: r_offset.
 * @sym:    ELF64_R_SYM(r_info); not checked against the symbol table.
 * @type:   ELF64_R_TYPE(r_info).
 * @addend: r_addend.
 */
struct pvlink_elf_rela {
	u64 offset;
	u32 sym;
	u32 type;
	s64 addend;
};

/**
 * pvlink_elf_open() - check an ELF64 file and open a view of it
 * @e:    filled on success.
 * @data: the file (any alignment; kept, never written).
 * @size: its size.
 * @msg:  on failure, what is wrong (NUL-terminated).
 * @len:  size of @msg.
 *
 * Checks: an ELF64 little-endian header of this architecture and version;
 * a section header table of whole Elf64_Shdr entries inside the file
 * (extended section numbering is refused); a section name table of type
 * SHT_STRTAB inside the file, NUL-terminated, that every section name
 * lies in; every section with file bytes inside the file; at most one
 * symbol table, of whole Elf64_Sym entries, whose string table is a
 * NUL-terminated SHT_STRTAB that every symbol name lies in, and whose
 * section indexes are in range or special.
 *
 * Return: 0, or -1 with @msg set.
 */
int pvlink_elf_open(struct pvlink_elf *e, const void *data, u64 size, char *msg,
		    size_t len);

/**
 * pvlink_elf_section() - section @i
 * Return: 0, or -1 if @i is out of range.
 */
int pvlink_elf_section(const struct pvlink_elf *e, u32 i, struct pvlink_elf_section *s);

/**
 * pvlink_elf_section_by_name() - the first section called @name
 * Return: its index, or -1 (@s untouched) if there is none.
 */
int pvlink_elf_section_by_name(const struct pvlink_elf *e, const char *name,
			       struct pvlink_elf_section *s);

/**
 * pvlink_elf_symbol() - symbol @i of the symbol table
 * Return: 0, or -1 if there is no such symbol.
 */
int pvlink_elf_symbol(const struct pvlink_elf *e, u32 i, struct pvlink_elf_symbol *s);

/**
 * pvlink_elf_symbol_by_name() - the first defined global or weak @name
 * Return: its index, or -1 if there is none.
 */
int pvlink_elf_symbol_by_name(const struct pvlink_elf *e, const char *name,
			      struct pvlink_elf_symbol *s);

/**
 * pvlink_elf_rela() - entry @i of relocation section @rs
 * @e:  the file.
 * @rs: an SHT_RELA section of @e.
 * @i:  the entry.
 * @r:  filled.
 *
 * Return: 0, or -1 if @rs is not a well-formed SHT_RELA section (whole
 * Elf64_Rela entries) or has no entry @i.
 */
int pvlink_elf_rela(const struct pvlink_elf *e, const struct pvlink_elf_section *rs,
		    u64 i, struct pvlink_elf_rela *r);

/**
 * pvlink_elf_vaddr() - the file bytes of [@vaddr, @vaddr + @len)
 *
 * For a linked file: the allocated section with file bytes that holds the
 * whole range.  Return: a pointer into the file, or NULL.
 */
const u8 *pvlink_elf_vaddr(const struct pvlink_elf *e, u64 vaddr, u64 len);

/*
 * Walking a file by content (lib/pvlink/elfscan.c): its relocation
 * sections, and what lies at an address of a linked file.
 */

/**
 * pvlink_elf_next_rela() - the next relocation section, checked
 * @e:      the file.
 * @i:      the section index to look from (start with 0); on return, one
 *          past the section found, so that a loop visits each once.
 * @rs:     filled: the SHT_RELA section.
 * @target: filled: the section its entries apply to (sh_info).
 * @msg:    on failure, what is wrong, naming the section.
 * @len:    size of @msg.
 *
 * Works on any file type: an ET_REL object, or a linked file that kept
 * its relocations (ld --emit-relocs or -q).  A section whose sh_info is 0
 * (dynamic relocations, which apply to no one section) is skipped.
 * Checks that the section holds
 * whole Elf64_Rela entries, uses the file's symbol table (sh_link) and
 * applies to a section that exists (sh_info); the entries themselves are
 * read with pvlink_elf_rela(), their symbols with pvlink_elf_symbol().
 *
 * Return: 1 with @rs and @target filled, 0 when there is none left, or -1
 * with @msg set.
 */
int pvlink_elf_next_rela(const struct pvlink_elf *e, u32 *i, struct pvlink_elf_section *rs,
			 struct pvlink_elf_section *target, char *msg, size_t len);

/**
 * pvlink_elf_section_at() - the allocated section holding address @vaddr
 * @e:     a linked file.
 * @vaddr: the address.
 * @s:     filled on success.
 *
 * The first allocated section with file bytes (not SHT_NOBITS) whose
 * [sh_addr, sh_addr + sh_size) holds @vaddr.
 *
 * Return: its index, or -1 if there is none (@s then undefined).
 */
int pvlink_elf_section_at(const struct pvlink_elf *e, u64 vaddr, struct pvlink_elf_section *s);

/**
 * pvlink_elf_where() - name an address of a linked file, for messages
 * @e:     the file.
 * @vaddr: the address.
 * @buf:   filled with "FUNCTION+0xOFFSET", or with "address 0xADDR (no
 *         function)" when no STT_FUNC symbol covers @vaddr (a symbol of
 *         size 0 covers its own address).  Among symbols at or below
 *         @vaddr the highest wins, then the larger, then the name last in
 *         strcmp() order, so the answer never depends on symbol order.
 * @len:   size of @buf.
 *
 * Return: @buf.
 */
const char *pvlink_elf_where(const struct pvlink_elf *e, u64 vaddr, char *buf, size_t len);

/**
 * struct pvlink_kernel_info - what a linked kernel holds for its backends
 * @nr_buckets:  export table buckets.
 * @nr_exports:  export table entries.
 * @bucket:      file bytes of the @nr_buckets + 1 bucket starts.
 * @exports:     file bytes of the entries (struct pvlink_export, with
 *               names as the kernel's addresses: pvlink_kernel_read_exports()
 *               turns them into strings).
 * @percpu_base: where the backend percpu reserve starts (a percpu offset).
 * @percpu_size: its size.
 * @nr_digests:  entries of the digest allow-list.
 * @digests:     file bytes of those SHA-256 digests.
 * @nr_pvops:    names in @pvops.
 * @pvops:       the pv-ops the kernel calls, each NUL-terminated.
 * @pvops_size:  bytes of @pvops.
 */
struct pvlink_kernel_info {
	u32 nr_buckets;
	u32 nr_exports;
	const u8 *bucket;
	const u8 *exports;
	u64 percpu_base;
	u64 percpu_size;
	u32 nr_digests;
	const u8 *digests;
	u32 nr_pvops;
	const char *pvops;
	u64 pvops_size;
};

/**
 * pvlink_kernel_read() - find a linked kernel's pvlink tables
 * @e:   the kernel, opened with pvlink_elf_open().
 * @k:   filled on success.
 * @msg: on failure, what is wrong.
 * @len: size of @msg.
 *
 * Return: 0, or -1 with @msg set (not a kernel with CONFIG_PVLINK, or a
 * table outside the file or of an impossible size).
 */
int pvlink_kernel_read(const struct pvlink_elf *e, struct pvlink_kernel_info *k,
		       char *msg, size_t len);

/**
 * pvlink_kernel_read_exports() - the kernel's export table, usable on the host
 * @e:      the kernel.
 * @k:      from pvlink_kernel_read().
 * @out:    room for @k->nr_exports entries; names point into the file.
 * @bucket: room for @k->nr_buckets + 1 bucket starts.
 * @msg:    on failure, what is wrong.
 * @len:    size of @msg.
 *
 * Return: 0, or -1 with @msg set (a name that is not a string in the file).
 */
int pvlink_kernel_read_exports(const struct pvlink_elf *e, const struct pvlink_kernel_info *k,
			       struct pvlink_export *out, u32 *bucket, char *msg, size_t len);

#endif /* _LINUX_PVLINK_ELF_H */
