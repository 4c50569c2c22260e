/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvlink backends: how a backend object says what it is, and how the
 * kernel says what a backend may use.
 *
 * (To be folded into include/linux/pvlink.h.)
 *
 * A backend is one ELF64 ET_REL object (a folder under arch/x86/pvlink/
 * linked with "ld -r").  It defines pv-ops as global pv_<op> functions
 * and declares itself with exactly one PVLINK_BACKEND() line, which
 * becomes an ELF note in section PVLINK_NOTE_SECTION ("readelf -n" shows
 * it).  The byte layout of the note is in Documentation/image-format.rst.
 *
 *	PVLINK_BACKEND(native,
 *		.entry    = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
 *		.priority = 0);
 *
 *	PVLINK_BACKEND(kvm,
 *		.entry    = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
 *		.cpuid    = "KVMKVMKVM",
 *		.priority = 10,
 *		.requires = "native");
 *
 * A backend matches when the kernel was entered through one of the
 * @entry modes and, if @cpuid is not empty, CPUID leaf 0x40000000 returns
 * that signature in ebx, ecx, edx.  Among the matching backends the
 * highest @priority wins; its @requires chain (bottom first) is linked
 * under it.
 */
#ifndef _LINUX_PVLINK_BACKEND_H
#define _LINUX_PVLINK_BACKEND_H

#include <linux/types.h>

/* The note: owner "pvlink", one type, in its own section. */
#define PVLINK_NOTE_SECTION	".note.pvlink"
#define PVLINK_NOTE_OWNER	"pvlink"
#define PVLINK_NOTE_BACKEND	0x504c0001u	/* "PL" + 1 */
#define PVLINK_NOTE_VERSION	1

/* pvlink_backend_desc.entry: the ways the kernel may have been entered. */
#define PVLINK_ENTRY_NATIVE	0x1u	/* multiboot2 / bare metal, ring 0 */
#define PVLINK_ENTRY_PVH	0x2u	/* XEN_ELFNOTE_PHYS32_ENTRY (QEMU, Xen PVH) */
#define PVLINK_ENTRY_XEN_PV	0x4u	/* Xen PV: ring 3, start_info in %rsi */
#define PVLINK_ENTRY_ALL	0x7u

#define PVLINK_NAME_MAX		32	/* name field, NUL included */
/* CPUID 0x40000000: ebx, ecx, edx form a 12-byte vendor signature. */
#define PVLINK_CPUID_SIG_LEN	12
#define PVLINK_CPUID_HV_LEAF	0x40000000u

/**
 * struct pvlink_backend_desc - the descriptor of a backend note
 * @version:  PVLINK_NOTE_VERSION.
 * @entry:    PVLINK_ENTRY_* bits this backend can run under; at least one.
 * @priority: larger wins among matching backends (signed).
 * @name:     the backend's name, NUL-padded; what pvlink=<name> selects.
 * @requires: name of the backend this one sits on, or all NULs.
 * @cpuid:    hypervisor signature required at leaf 0x40000000, or all
 *            NULs for "any".
 *
 * 84 bytes, little-endian, no implicit padding.
 */
struct pvlink_backend_desc {
	u16 version;
	u16 entry;
	s32 priority;
	char name[PVLINK_NAME_MAX];
	char requires[PVLINK_NAME_MAX];
	char cpuid[PVLINK_CPUID_SIG_LEN];
};

/**
 * struct pvlink_backend_note - the whole ELF note (gABI "Note Section")
 * @namesz: sizeof(PVLINK_NOTE_OWNER), 7.
 * @descsz: sizeof(struct pvlink_backend_desc).
 * @type:   PVLINK_NOTE_BACKEND.
 * @owner:  "pvlink", NUL-padded to a 4-byte boundary.
 * @desc:   the descriptor.
 */
struct pvlink_backend_note {
	u32 namesz;
	u32 descsz;
	u32 type;
	char owner[8];
	struct pvlink_backend_desc desc;
};

/**
 * PVLINK_BACKEND() - declare the backend this object is
 * @bname: the backend's name, an identifier (e.g. native).
 * @...:   designated initialisers of struct pvlink_backend_desc
 *         (.entry, .priority, .requires, .cpuid).
 *
 * Use once per backend, in its own file.  A note section is metadata:
 * the linker core never loads it.
 */
#define PVLINK_BACKEND(bname, ...)					\
	static const struct pvlink_backend_note				\
	__pvlink_backend_##bname					\
	__attribute__((section(PVLINK_NOTE_SECTION), used, aligned(4))) = { \
		.namesz = sizeof(PVLINK_NOTE_OWNER),			\
		.descsz = sizeof(struct pvlink_backend_desc),		\
		.type = PVLINK_NOTE_BACKEND,				\
		.owner = PVLINK_NOTE_OWNER,				\
		.desc = {						\
			.version = PVLINK_NOTE_VERSION,			\
			.name = #bname,					\
			__VA_ARGS__					\
		},							\
	}

/*
 * Exports: what a backend may resolve against the kernel.  Each
 * PVLINK_EXPORT() leaves the symbol's name in section
 * PVLINK_EXPORT_SECTION of vmlinux; the build turns the list into the
 * hashed struct pvlink_export_table (scripts/pvlink-exports.sh), linked
 * in a second pass like kallsyms.  Nothing else is resolvable.
 *
 * The section is not allocated: it costs no memory at run time.
 * Each record is a NUL-terminated string "<kind><name>" where kind is
 * 'F' (function or data) or 'P' (percpu variable).
 */
#define PVLINK_EXPORT_SECTION	".pvlink.exports"

#define __PVLINK_EXPORT(sym, kind)					\
	asm(".pushsection " PVLINK_EXPORT_SECTION ", \"\", @progbits\n\t" \
	    ".asciz \"" kind #sym "\"\n\t"				\
	    ".popsection")

/** PVLINK_EXPORT() - let backends call or read @sym (a global). */
#define PVLINK_EXPORT(sym)		__PVLINK_EXPORT(sym, "F")
/*
 * PVLINK_EXPORT_PER_CPU() - let backends use percpu variable @var.
 * (Not PVLINK_EXPORT_PERCPU: include/linux/pvlink.h uses that name for
 * the export-entry flag.)
 */
#define PVLINK_EXPORT_PER_CPU(var)	__PVLINK_EXPORT(var, "P")

/* The table the build generates (empty in the first link pass). */
struct pvlink_export_table;
extern const struct pvlink_export_table pvlink_kernel_exports;

/*
 * The site table: every reference the kernel makes to a pv-op, found by
 * scripts/pvlink-tables.py in the relocations vmlinux keeps
 * (--emit-relocs) and linked in like the export table.  The boot-time
 * link patches each call/jmp site into a direct call to the backend (or
 * its inlined body).  Sorted by address.
 */
#define PVLINK_SITE_CALL	0	/* e8 rel32: call pv_<op> */
#define PVLINK_SITE_JMP		1	/* e9 rel32: tail call */
#define PVLINK_SITE_OTHER	2	/* any other use, e.g. taking the address */

/**
 * struct pvlink_site - one reference to a pv-op
 * @addr:  address of the relocated field (for call/jmp: the rel32, one
 *         byte after the opcode).
 * @pvop:  index of the pv-op in the PV_OPS() list (asm/pvops.h).
 * @type:  x86-64 relocation type of the reference (psABI).
 * @form:  PVLINK_SITE_*.
 * @reserved: 0.
 */
struct pvlink_site {
	u64 addr;
	u32 pvop;
	u8 type;
	u8 form;
	u16 reserved;
};

/* u32 count, u32 0, then count entries. */
struct pvlink_site_table {
	u32 nr_sites;
	u32 reserved;
	struct pvlink_site sites[];
};
extern const struct pvlink_site_table pvlink_sites;

#endif /* _LINUX_PVLINK_BACKEND_H */
