// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a backend's inline bodies (PVLINK_INLINE(), asm/pvlink.h).
 *
 * The records come from the image, which the bootloader hands over: they
 * are untrusted like every other byte of it.  Every length and offset is
 * checked before it is used, each rule with its own error, and nothing
 * is read outside the object.  Pure code: the kernel and the host tests
 * (tools/testing/pvlink/patch/) compile this same file.
 */
#include <linux/types.h>
#include <linux/elf.h>
#include <asm/pvlink.h>
#ifdef __KERNEL__
#include <linux/kernel.h>
#else
#include <stdio.h>
#endif

/* Reads that do not assume the object is aligned. */
static u16 get16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 get32(const u8 *p)
{
	return (u32)get16(p) | (u32)get16(p + 2) << 16;
}

static u64 get64(const u8 *p)
{
	return (u64)get32(p) | (u64)get32(p + 4) << 32;
}

/* Is [off, off + n) inside [0, size)? */
static bool span_ok(u64 off, u64 n, u64 size)
{
	return off <= size && n <= size - off;
}

/* Compare a NUL-terminated name in [p, p + max) with @s. */
static bool name_is(const u8 *p, u64 max, const char *s)
{
	u64 i;

	for (i = 0; i < max; i++) {
		if (p[i] != (u8)s[i])
			return false;
		if (!s[i])
			return true;
	}
	return false;
}

enum pvlink_patch_err pvlink_inline_section(const void *obj, u64 size, const u8 **sec,
					    u64 *secsize, char *msg, size_t len)
{
	const u8 *b = obj;
	u64 shoff, str_off, str_size;
	u32 shnum, shstrndx, i;
	const u8 *found = NULL;
	u64 found_size = 0;
	u32 found_idx = 0;

	*sec = NULL;
	*secsize = 0;
	if (size < sizeof(Elf64_Ehdr)) {
		snprintf(msg, len, "object of %lu bytes has no ELF header", (unsigned long)size);
		return PVLINK_PATCH_E_INL_ELF;
	}
	shoff = get64(b + offsetof(Elf64_Ehdr, e_shoff));
	shnum = get16(b + offsetof(Elf64_Ehdr, e_shnum));
	shstrndx = get16(b + offsetof(Elf64_Ehdr, e_shstrndx));
	if (get16(b + offsetof(Elf64_Ehdr, e_shentsize)) != sizeof(Elf64_Shdr) ||
	    !span_ok(shoff, (u64)shnum * sizeof(Elf64_Shdr), size) || shstrndx >= shnum) {
		snprintf(msg, len, "section table (offset 0x%lx, %u entries, names in %u) is not inside the object's %lu bytes",
			 (unsigned long)shoff, shnum, shstrndx, (unsigned long)size);
		return PVLINK_PATCH_E_INL_ELF;
	}
#define SH(i, field) (b + shoff + (u64)(i) * sizeof(Elf64_Shdr) + offsetof(Elf64_Shdr, field))
	str_off = get64(SH(shstrndx, sh_offset));
	str_size = get64(SH(shstrndx, sh_size));
	if (!span_ok(str_off, str_size, size)) {
		snprintf(msg, len, "section name table (offset 0x%lx, %lu bytes) is not inside the object",
			 (unsigned long)str_off, (unsigned long)str_size);
		return PVLINK_PATCH_E_INL_ELF;
	}
	for (i = 1; i < shnum; i++) {
		u32 name = get32(SH(i, sh_name));
		u64 off = get64(SH(i, sh_offset)), sz = get64(SH(i, sh_size));

		if (name >= str_size ||
		    !name_is(b + str_off + name, str_size - name, PVLINK_INLINE_SECTION))
			continue;
		if (found) {
			snprintf(msg, len, "sections %u and %u are both %s: one object has one",
				 found_idx, i, PVLINK_INLINE_SECTION);
			return PVLINK_PATCH_E_INL_SECTION;
		}
		if (get64(SH(i, sh_flags)) & SHF_ALLOC || get32(SH(i, sh_type)) != SHT_PROGBITS) {
			snprintf(msg, len, "section %u %s must be PROGBITS and not allocated (type %u, flags 0x%lx): declare bodies with PVLINK_INLINE()",
				 i, PVLINK_INLINE_SECTION, get32(SH(i, sh_type)),
				 (unsigned long)get64(SH(i, sh_flags)));
			return PVLINK_PATCH_E_INL_SECTION;
		}
		if (!span_ok(off, sz, size)) {
			snprintf(msg, len, "section %u %s (offset 0x%lx, %lu bytes) is not inside the object's %lu bytes",
				 i, PVLINK_INLINE_SECTION, (unsigned long)off,
				 (unsigned long)sz, (unsigned long)size);
			return PVLINK_PATCH_E_INL_ELF;
		}
		found = b + off;
		found_size = sz;
		found_idx = i;
	}
#undef SH
	*sec = found;
	*secsize = found_size;
	return PVLINK_PATCH_OK;
}

/*
 * One record at @off: its name (checked NUL-terminated inside the
 * section), its body and the offset of the next record.
 */
struct inline_rec {
	const char *name;
	u64 name_len;
	const u8 *body;
	u32 len;
	u64 next;
};

static enum pvlink_patch_err rec_at(const u8 *sec, u64 size, u64 off,
				    struct inline_rec *r, char *msg, size_t len)
{
	u64 n = 0;

	while (off + n < size && sec[off + n])
		n++;
	if (off + n == size) {
		snprintf(msg, len, "record at offset 0x%lx: its name is not NUL-terminated inside the section's %lu bytes",
			 (unsigned long)off, (unsigned long)size);
		return PVLINK_PATCH_E_INL_TRUNC;
	}
	r->name = (const char *)sec + off;
	r->name_len = n;
	if (off + n + 1 == size) {
		snprintf(msg, len, "record at offset 0x%lx (\"%s\"): the section ends before its length byte",
			 (unsigned long)off, r->name);
		return PVLINK_PATCH_E_INL_TRUNC;
	}
	r->len = sec[off + n + 1];
	r->body = sec + off + n + 2;
	if (!r->len || r->len > PVLINK_INLINE_MAX) {
		snprintf(msg, len, "record at offset 0x%lx (\"%s\"): body of %u bytes, allowed 1 to %u",
			 (unsigned long)off, r->name, r->len, PVLINK_INLINE_MAX);
		return PVLINK_PATCH_E_INL_LEN;
	}
	if (!span_ok(off + n + 2, r->len, size)) {
		snprintf(msg, len, "record at offset 0x%lx (\"%s\"): its %u-byte body runs past the section's %lu bytes",
			 (unsigned long)off, r->name, r->len, (unsigned long)size);
		return PVLINK_PATCH_E_INL_TRUNC;
	}
	r->next = off + n + 2 + r->len;
	return PVLINK_PATCH_OK;
}

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

enum pvlink_patch_err pvlink_inline_check(const u8 *sec, u64 size,
					  const char *const *names, u32 nr_ops,
					  char *msg, size_t len)
{
	struct inline_rec r, q;
	enum pvlink_patch_err err;
	u64 off, prev;
	u32 op;

	for (off = 0; off < size; off = r.next) {
		err = rec_at(sec, size, off, &r, msg, len);
		if (err)
			return err;
		for (op = 0; op < nr_ops; op++)
			if (streq(r.name, names[op]))
				break;
		if (op == nr_ops) {
			snprintf(msg, len, "record at offset 0x%lx: \"%.*s\" is not a pv-op (asm/pvops.h lists them, without \"pv_\")",
				 (unsigned long)off, r.name_len > 40 ? 40 : (int)r.name_len, r.name);
			return PVLINK_PATCH_E_INL_NAME;
		}
		/* Records before this one are valid: walk them again. */
		for (prev = 0; prev < off; prev = q.next) {
			rec_at(sec, size, prev, &q, msg, len);
			if (streq(q.name, r.name)) {
				snprintf(msg, len, "records at offsets 0x%lx and 0x%lx both give a body for %s",
					 (unsigned long)prev, (unsigned long)off, r.name);
				return PVLINK_PATCH_E_INL_DUP;
			}
		}
	}
	return PVLINK_PATCH_OK;
}

void pvlink_inline_find(const u8 *sec, u64 size, const char *name,
			struct pvlink_inline_body *body)
{
	struct inline_rec r;
	char unused[1];
	u64 off;

	body->bytes = NULL;
	body->len = 0;
	for (off = 0; sec && off < size; off = r.next) {
		if (rec_at(sec, size, off, &r, unused, sizeof(unused)))
			return;
		if (streq(r.name, name)) {
			body->bytes = r.body;
			body->len = r.len;
			return;
		}
	}
}
