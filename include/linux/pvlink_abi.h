/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvlink's on-image and in-kernel table layouts: the backend note, the
 * image index and its entries, the export table, the site table, the
 * pv-op entry table and the digest list.  What one program writes and
 * another reads; each layout is a struct here whose size and field
 * offsets are checked at compile time, and Documentation/pvlink.rst ("The
 * image format and the kernel tables") describes it byte by byte.  All
 * fields are little-endian.  Included by the kernel, pvimage and the
 * tests alike.
 */
#ifndef _LINUX_PVLINK_ABI_H
#define _LINUX_PVLINK_ABI_H

#include <linux/types.h>
#include <linux/sha256.h>

#define PVLINK_ABI_CHECK(type, field, off)				\
	_Static_assert(__builtin_offsetof(type, field) == (off),	\
		       #type "." #field " is at byte " #off)
#define PVLINK_ABI_SIZE(type, size)					\
	_Static_assert(sizeof(type) == (size), #type " is " #size " bytes")

/* ---- The backend note (one per backend object, readelf -n shows it) ---- */

/* The note: owner "pvlink", one type, in its own section. */
#define PVLINK_NOTE_SECTION	".note.pvlink"
#define PVLINK_NOTE_OWNER	"pvlink"
#define PVLINK_NOTE_BACKEND	0x504c0001u	/* "PL" + 1 */
#define PVLINK_NOTE_VERSION	1u

/* pvlink_backend_desc.entry: the ways the kernel may have been entered. */
#define PVLINK_ENTRY_NATIVE	0x1u	/* multiboot2 / bare metal, ring 0 */
#define PVLINK_ENTRY_PVH	0x2u	/* XEN_ELFNOTE_PHYS32_ENTRY (QEMU, Xen PVH) */
#define PVLINK_ENTRY_XEN_PV	0x4u	/* Xen PV: ring 3, start_info in %rsi */
#define PVLINK_ENTRY_ALL	0x7u

#define PVLINK_NAME_MAX		32	/* name field, NUL included */
/* CPUID 0x40000000: ebx, ecx, edx form a 12-byte vendor signature. */
#define PVLINK_CPUID_SIG_LEN	12u
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

PVLINK_ABI_SIZE(struct pvlink_backend_desc, 84);
PVLINK_ABI_CHECK(struct pvlink_backend_desc, priority, 4);
PVLINK_ABI_CHECK(struct pvlink_backend_desc, name, 8);
PVLINK_ABI_CHECK(struct pvlink_backend_desc, requires, 40);
PVLINK_ABI_CHECK(struct pvlink_backend_desc, cpuid, 72);
PVLINK_ABI_SIZE(struct pvlink_backend_note, 104);
PVLINK_ABI_CHECK(struct pvlink_backend_note, desc, 20);

/*
 * A backend's set-up, run by the boot-time link: the symbol it defines is
 * PVLINK_BACKEND_INIT_PREFIX followed by the backend's name with every
 * '-' made '_' ("xen-pv": pvlink_backend_init_xen_pv).
 */
#define PVLINK_BACKEND_INIT_PREFIX	"pvlink_backend_init_"
/* Its undoing (PVLINK_BACKEND_EXIT()), named the same way. */
#define PVLINK_BACKEND_EXIT_PREFIX	"pvlink_backend_exit_"
/* Its probe (PVLINK_BACKEND_PROBE()), named the same way. */
#define PVLINK_BACKEND_PROBE_PREFIX	"pvlink_backend_probe_"

/*
 * A reference to PVLINK_BELOW_PREFIX followed by a name (PVLINK_BELOW())
 * resolves to that name's definition in the objects below the one
 * referring to it, nearest first, never to the kernel: how an upper
 * backend calls the function it overrides.
 */
#define PVLINK_BELOW_PREFIX		"__pvlink_below_"

/*
 * Inline records (PVLINK_INLINE(), <asm/pvlink_backend.h>), in the
 * non-allocated section PVLINK_INLINE_SECTION of a backend: each is
 *
 *	the pv-op's name without "pv_", NUL-terminated
 *	u8 length, 1 .. PVLINK_INLINE_MAX
 *	length bytes of instructions
 *
 * one after the other without padding ("ld -r" concatenates the sections
 * of its members).  Variable-length, so no struct: the patcher reads them
 * byte by byte (arch/x86/pvlink/patch_inline.c).
 */
#define PVLINK_INLINE_SECTION	".pvlink.inline"
#define PVLINK_INLINE_MAX	32u	/* longest body a record may hold */

/*
 * Functions that test at run time whether the percpu areas exist before
 * they touch percpu data (PVLINK_PERCPU_CHECKED(), <linux/pvlink_backend.h>),
 * in the non-allocated section PVLINK_PERCPU_CHECKED_SECTION of a backend:
 * their names, each NUL-terminated, one after the other.  The percpu rule
 * of probes, inits and exits (lib/pvlink/stack.c) does not look into them.
 */
#define PVLINK_PERCPU_CHECKED_SECTION	".pvlink.percpu_checked"

/* ---- The image: an ar archive whose first member is the index ---- */

#define PVLINK_IMAGE_AR_MAGIC		"!<arch>\n"
#define PVLINK_IMAGE_AR_HDR_SIZE	60
#define PVLINK_IMAGE_IDX_MEMBER		"pvlink.idx"
#define PVLINK_IMAGE_IDX_MAGIC		"PVLNKIDX"
#define PVLINK_IMAGE_IDX_VERSION	1u
#define PVLINK_IMAGE_IDX_HDR_SIZE	32u
#define PVLINK_IMAGE_IDX_ENT_SIZE	136u
#define PVLINK_IMAGE_MAX_BACKENDS	64u
/* "<name>.o/" must fit ar's 16-byte name field. */
#define PVLINK_IMAGE_NAME_MAX		13u

/**
 * struct pvlink_image_index - the index member's header
 * @magic:    PVLINK_IMAGE_IDX_MAGIC, not NUL-terminated.
 * @version:  PVLINK_IMAGE_IDX_VERSION.
 * @nr:       number of entries, 1 .. PVLINK_IMAGE_MAX_BACKENDS.
 * @hdr_size: sizeof(struct pvlink_image_index).
 * @ent_size: sizeof(struct pvlink_image_entry).
 * @reserved: 0.
 */
struct pvlink_image_index {
	char magic[8];
	u32 version;
	u32 nr;
	u32 hdr_size;
	u32 ent_size;
	u8 reserved[8];
};
PVLINK_ABI_SIZE(struct pvlink_image_index, PVLINK_IMAGE_IDX_HDR_SIZE);
PVLINK_ABI_CHECK(struct pvlink_image_index, nr, 12);
PVLINK_ABI_CHECK(struct pvlink_image_index, reserved, 24);

/**
 * struct pvlink_image_entry - one backend in the index (sorted by name)
 * @name:      NUL-padded name, [a-z0-9_-], no leading '-'.
 * @requires:  the backend it sits on, NUL-padded, or all NULs.
 * @cpuid:     signature at CPUID 0x40000000, NUL-padded, or all NULs.
 * @entry:     PVLINK_ENTRY_* mask, from the note.
 * @reserved1: 0.
 * @priority:  from the note.
 * @reserved2: 0.
 * @offset:    the object's offset in the image (after its ar header).
 * @size:      the object's size.
 * @sha256:    SHA-256 of the object's bytes.
 */
struct pvlink_image_entry {
	char name[PVLINK_NAME_MAX];
	char requires[PVLINK_NAME_MAX];
	char cpuid[PVLINK_CPUID_SIG_LEN];
	u16 entry;
	u16 reserved1;
	s32 priority;
	u32 reserved2;
	u64 offset;
	u64 size;
	u8 sha256[SHA256_DIGEST_SIZE];
};
PVLINK_ABI_SIZE(struct pvlink_image_entry, PVLINK_IMAGE_IDX_ENT_SIZE);
PVLINK_ABI_CHECK(struct pvlink_image_entry, requires, 32);
PVLINK_ABI_CHECK(struct pvlink_image_entry, cpuid, 64);
PVLINK_ABI_CHECK(struct pvlink_image_entry, entry, 76);
PVLINK_ABI_CHECK(struct pvlink_image_entry, priority, 80);
PVLINK_ABI_CHECK(struct pvlink_image_entry, offset, 88);
PVLINK_ABI_CHECK(struct pvlink_image_entry, size, 96);
PVLINK_ABI_CHECK(struct pvlink_image_entry, sha256, 104);

/* ---- The kernel's export table (generated into vmlinux) ---- */

/*
 * What PVLINK_EXPORT() leaves in vmlinux (<linux/pvlink.h>): in this
 * non-allocated section, one NUL-terminated record "<kind><name>" per
 * export, kind 'F' (function or data) or 'P' (percpu variable).  The
 * build turns the records into the table below ("pvimage tables").
 */
#define PVLINK_EXPORT_SECTION	".pvlink.exports"

/* pvlink_export.flags */
#define PVLINK_EXPORT_F_PERCPU	0x1u	/* value is an offset in the percpu area */

/**
 * struct pvlink_export - one symbol the kernel lets backends use
 * @hash:  pvlink_hash(@name).
 * @flags: PVLINK_EXPORT_* bits.
 * @name:  NUL-terminated symbol name.
 * @value: the symbol's address, or its percpu offset (PVLINK_EXPORT_F_PERCPU).
 */
struct pvlink_export {
	u32 hash;
	u32 flags;
	const char *name;
	u64 value;
};

/**
 * struct pvlink_export_table - the kernel's hashed export table
 * @nr_buckets: number of hash buckets, at least 1.
 * @nr_exports: number of entries in @exports.
 * @bucket:     @nr_buckets + 1 indexes into @exports: bucket b holds the
 *              entries @bucket[b] .. @bucket[b + 1] - 1, all with
 *              (@hash % @nr_buckets) == b.  @bucket[0] is 0 and
 *              @bucket[@nr_buckets] is @nr_exports; the array never
 *              decreases.
 * @exports:    the entries, grouped by bucket.
 *
 * "pvimage tables" generates this table for the kernel build, "pvimage
 * link" from an nm-style list, both with pvlink_export_table_layout()
 * (bucket, then name: reproducible).  The core checks its shape first.
 */
struct pvlink_export_table {
	u32 nr_buckets;
	u32 nr_exports;
	const u32 *bucket;
	const struct pvlink_export *exports;
};
PVLINK_ABI_SIZE(struct pvlink_export, 24);
PVLINK_ABI_CHECK(struct pvlink_export, name, 8);
PVLINK_ABI_CHECK(struct pvlink_export, value, 16);
PVLINK_ABI_SIZE(struct pvlink_export_table, 24);
PVLINK_ABI_CHECK(struct pvlink_export_table, bucket, 8);
PVLINK_ABI_CHECK(struct pvlink_export_table, exports, 16);

/* ---- The site table and the pv-op entries (generated into vmlinux) ---- */

/*
 * The site table: every reference the kernel makes to a pv-op, found by
 * "pvimage tables" (scripts/pvimage/cmd_tables.c) in the relocations
 * vmlinux keeps (--emit-relocs) and linked in like the export table.  The boot-time
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

/**
 * struct pvlink_pvop_entries - where each pv-op's call sites point today
 * @nr:       number of pv-ops (the PV_OPS() list's length).
 * @reserved: 0.
 * @entry:    the address of the kernel's own pv_<op>() entry, in PV_OPS()
 *            order.
 *
 * Generated with the site table, as numbers: a table of pointers in C
 * would itself reference every pv-op, one more site each.  The patcher
 * checks that every call site it rewrites still reaches its op's entry.
 */
struct pvlink_pvop_entries {
	u32 nr;
	u32 reserved;
	u64 entry[];
};
PVLINK_ABI_SIZE(struct pvlink_site, 16);
PVLINK_ABI_CHECK(struct pvlink_site, pvop, 8);
PVLINK_ABI_CHECK(struct pvlink_site, type, 12);
PVLINK_ABI_CHECK(struct pvlink_site, form, 13);
PVLINK_ABI_CHECK(struct pvlink_site_table, sites, 8);
PVLINK_ABI_CHECK(struct pvlink_pvop_entries, entry, 8);

/*
 * The names of the pv-ops the kernel calls, each NUL-terminated, in a
 * non-allocated section of vmlinux (kernel/pvlink_exports.c): what
 * "pvimage verify" checks a stack implements.
 */
#define PVLINK_PVOPS_SECTION	".pvlink.pvops"

/* ---- The digest list (generated into vmlinux) ---- */

/*
 * The kernel's binding: the SHA-256 of every backend built with this
 * kernel ("pvimage tables", from "pvimage digests").  The
 * boot-time link refuses an image holding any other backend.
 */
struct pvlink_digest_list {
	u32 nr;
	u32 reserved;
	u8 digest[][SHA256_DIGEST_SIZE];
};
PVLINK_ABI_CHECK(struct pvlink_digest_list, digest, 8);

#endif /* _LINUX_PVLINK_ABI_H */
